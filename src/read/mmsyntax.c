/*
 * mmsyntax.c - Mermaid text as both directions write and read it, and the
 * `%% journeymap:` comment lines (mmsyntax.h).
 */
#include "read/mmsyntax.h"

#include <stdlib.h>
#include <string.h>

/* Words Mermaid reads at the start of a line of a journey. */
static const char *const mmsyntax_keywords[] = {"title", "section", "accTitle", "accDescr",
                                                "journey"};

/* Whether s starts with a keyword that would make its line not a task. */
static bool
mmsyntax_keyword_start(const char *s)
{
    if (s[0] == '%' && s[1] == '%')
        return true;
    for (size_t i = 0; i < ARRAY_LEN(mmsyntax_keywords); i++) {
        size_t n = strlen(mmsyntax_keywords[i]);
        if (strncmp(s, mmsyntax_keywords[i], n) == 0 &&
            (s[n] == '\0' || s[n] == ' ' || s[n] == '\t' || s[n] == ':'))
            return true;
    }
    return false;
}

/* The full-width form of an ASCII letter or '%' (U+FF01 + c - '!'). */
static void
mmsyntax_full_width(struct buf *b, char c)
{
    unsigned cp = 0xFF01 + (unsigned)(c - '!');
    buf_putc(b, (char)(0xE0 | (cp >> 12)));
    buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
    buf_putc(b, (char)(0x80 | (cp & 0x3F)));
}

void
mmsyntax_escape(struct buf *b, const char *s, enum mmsyntax_text kind)
{
    if (kind == MMSYNTAX_NAME && mmsyntax_keyword_start(s))
        mmsyntax_full_width(b, *s++);
    for (; *s; s++) {
        switch (*s) {
        case ':':
            if (kind == MMSYNTAX_TITLE)
                buf_putc(b, ':');
            else
                buf_puts(b, "\xEF\xBC\x9A"); /* U+FF1A */
            break;
        case '#':
            buf_puts(b, "\xEF\xBC\x83"); /* U+FF03 */
            break;
        case ';':
            buf_puts(b, "\xEF\xBC\x9B"); /* U+FF1B */
            break;
        case ',':
            if (kind == MMSYNTAX_ACTOR)
                buf_puts(b, "\xEF\xBC\x8C"); /* U+FF0C */
            else
                buf_putc(b, ',');
            break;
        case '\n':
        case '\r':
        case '\t':
            buf_putc(b, ' ');
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

bool
mmsyntax_same(const char *text, const char *s, enum mmsyntax_text kind)
{
    struct buf b;
    buf_init(&b);
    mmsyntax_escape(&b, s, kind);
    bool same = strcmp(buf_str(&b), text) == 0;
    buf_finish(&b);
    return same;
}

static const char *const mmsyntax_kinds[] = {"journey", "owner", "stage", "touchpoint"};
static const char *const mmsyntax_numbers[] = {NULL, "emotion", "score", "none"};

void
mmsyntax_write(struct buf *b, const char *indent, const struct mmsyntax_comment *c)
{
    buf_printf(b, "%s%%%% journeymap: %s", indent, mmsyntax_kinds[c->kind]);
    if (c->id)
        buf_printf(b, " id=%s", c->id);
    if (c->channel >= 0)
        buf_printf(b, " channel=%s", channel_names[c->channel]);
    if (c->initiator >= 0)
        buf_printf(b, " initiator=%s", initiator_names[c->initiator]);
    if (c->trained != TRAINED_UNKNOWN)
        buf_printf(b, " trained=%s", trained_names[c->trained]);
    if (c->number != MMSYNTAX_UNSAID)
        buf_printf(b, " number=%s", mmsyntax_numbers[c->number]);
    if (c->score)
        buf_printf(b, " score=%d", c->score);
    if (c->name) { /* last: it runs to the end of the line; \ n r t escaped */
        buf_puts(b, " name=");
        for (const char *p = c->name; *p; p++) {
            const char *esc = *p == '\\'   ? "\\\\"
                              : *p == '\n' ? "\\n"
                              : *p == '\r' ? "\\r"
                              : *p == '\t' ? "\\t"
                                           : NULL;
            if (esc)
                buf_puts(b, esc);
            else
                buf_putc(b, *p);
        }
    }
    buf_putc(b, '\n');
}

/* A name's backslash escapes undone, in place. */
static char *
mmsyntax_unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r == 't' ? '\t' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

/* One key=value of a comment line. */
static void
mmsyntax_field(struct mmsyntax_comment *c, const char *key, const char *value)
{
    if (strcmp(key, "id") == 0 && model_is_id(value))
        c->id = value;
    else if (strcmp(key, "channel") == 0)
        c->channel = vocab_find(channel_names, CHANNEL_COUNT, value);
    else if (strcmp(key, "initiator") == 0)
        c->initiator = vocab_find(initiator_names, INITIATOR_COUNT, value);
    else if (strcmp(key, "trained") == 0) {
        int k = vocab_find(trained_names, TRAINED_COUNT, value);
        c->trained = k < 0 ? TRAINED_UNKNOWN : (enum trained)k;
    } else if (strcmp(key, "number") == 0) {
        int k = vocab_find(mmsyntax_numbers, ARRAY_LEN(mmsyntax_numbers), value);
        c->number = k < 0 ? MMSYNTAX_UNSAID : (enum mmsyntax_number)k;
    } else if (strcmp(key, "score") == 0 && value[0] >= '1' && value[0] <= '5' && !value[1])
        c->score = value[0] - '0';
    /* anything else: from a later journeymap, ignored */
}

bool
mmsyntax_read(const char *line, struct mmsyntax_comment *c, char **line_copy)
{
    static const char mark[] = "journeymap:";
    const char *p = line + 2; /* after "%%" */
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncmp(line, "%%", 2) != 0 || strncmp(p, mark, sizeof mark - 1) != 0)
        return false;
    memset(c, 0, sizeof *c);
    c->channel = c->initiator = -1;
    char *copy = *line_copy = xstrdup(p + sizeof mark - 1);
    char *save = NULL, *kind = strtok_r(copy, " \t", &save);
    int k = kind ? vocab_find(mmsyntax_kinds, ARRAY_LEN(mmsyntax_kinds), kind) : -1;
    if (k < 0)
        return false;
    c->kind = (enum mmsyntax_kind)k;
    for (char *t; (t = strtok_r(NULL, " \t", &save));) {
        char *eq = strchr(t, '=');
        if (!eq)
            continue;
        *eq = '\0';
        if (strcmp(t, "name") == 0) { /* the rest of the line */
            size_t n = strlen(eq + 1);
            if (save && *save)
                eq[1 + n] = ' '; /* undo the tokeniser's cut */
            c->name = mmsyntax_unescape(eq + 1);
            break;
        }
        mmsyntax_field(c, t, eq + 1);
    }
    return true;
}
