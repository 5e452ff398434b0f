/*
 * mermaid.c - Mermaid `journey` interchange.
 *
 * The importer reads what Mermaid accepts and what people write: %%
 * comments and %%{init}%% directives, YAML front matter (its title used
 * when the diagram has none), accTitle / accDescr (one line or a { } block),
 * any indentation, blank lines, CRLF, no final newline, tasks without
 * actors, spaces around colons, and colons inside task names where the
 * score and actors can still be found from the right. A score outside
 * 1..5 is clamped with a warning; anything else it cannot read is an
 * error naming the line and what was expected.
 */
#include "read/mermaid.h"

#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Marks the note line that keeps a task's further actors, so that an
 * export puts them back and import → export → import is lossless. */
#define ACTORS_NOTE "Mermaid actors: "

/* ------------------------------------------------------------------------
 * Export
 */

/* What a piece of Mermaid text is: Mermaid's grammar allows ':' in a
 * title but not in a section or task name, and ',' separates actors. */
enum mm_text { MM_TITLE, MM_NAME, MM_ACTOR };

/* Text for a Mermaid line: characters that would end it (':' where not
 * allowed, '#', ';', ',' between actors) become their full-width forms,
 * which read the same; line breaks become spaces. Applying it twice
 * changes nothing, so round trips are stable. */
static void
mermaid_text(struct buf *b, const char *s, enum mm_text kind)
{
    for (; *s; s++) {
        switch (*s) {
        case ':':
            if (kind == MM_TITLE)
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
            if (kind == MM_ACTOR)
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

char *
mermaid_export(const struct journey *j, size_t *len)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "journey\n  title ");
    mermaid_text(&b, j->name, MM_TITLE);
    buf_putc(&b, '\n');
    for (size_t s = 0; s < j->n_stages; s++) {
        const struct stage *st = j->stages[s];
        buf_puts(&b, "  section ");
        mermaid_text(&b, st->name, MM_NAME);
        buf_putc(&b, '\n');
        for (size_t k = 0; k < st->n_touchpoints; k++) {
            const struct touchpoint *tp = st->touchpoints[k];
            int score = tp->has_emotion ? tp->emotion + 3 : tp->score ? tp->score : 3;
            buf_puts(&b, "    ");
            mermaid_text(&b, tp->name, MM_NAME);
            buf_printf(&b, ": %d", score);
            if (tp->owner) {
                buf_puts(&b, ": ");
                mermaid_text(&b, tp->owner->name, MM_ACTOR);
                const char *more = tp->note ? strstr(tp->note->markdown, ACTORS_NOTE) : NULL;
                if (more) { /* further actors, as the importer recorded them */
                    more += strlen(ACTORS_NOTE);
                    size_t n = strcspn(more, "\n");
                    char *list = xasprintf("%.*s", (int)n, more);
                    for (char *save = NULL, *a = strtok_r(list, ",", &save); a;
                         a = strtok_r(NULL, ",", &save)) {
                        while (*a == ' ')
                            a++;
                        if (*a) {
                            buf_puts(&b, ", ");
                            mermaid_text(&b, a, MM_ACTOR);
                        }
                    }
                    free(list);
                }
            }
            buf_putc(&b, '\n');
        }
    }
    *len = b.len;
    return buf_steal(&b);
}

/* ------------------------------------------------------------------------
 * Ids from names
 */

/* Base letters of U+00C0..U+017F and U+1EA0..U+1EF9 ('*': none). */
static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty"
                             "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlN"
                             "nNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static const char viet[] = "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOo"
                           "OoUuUuUuUuUuUuUuYyYyYyYy";
/* Cyrillic U+0410..U+044F, transliterated. */
static const char *const cyrillic[64] = {
    "a", "b", "v", "g", "d", "e", "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
    "a", "b", "v", "g", "d", "e", "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
};

/* Decode one UTF-8 character; returns its length (1 for a stray byte). */
static size_t
utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80 || (s[0] & 0xE0) == 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    unsigned v = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = s[0];
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

char *
mermaid_slug(const char *name, const char *fallback, size_t n)
{
    struct buf b;
    buf_init(&b);
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        unsigned cp;
        p += utf8_next(p, &cp);
        const char *out = NULL;
        char one[2] = {0, 0};
        if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
            one[0] = (char)cp;
        } else if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
        } else if (cp >= 0xC0 && cp <= 0x17F && latin1[cp - 0xC0] != '*') {
            one[0] = latin1[cp - 0xC0];
            if (one[0] >= 'A' && one[0] <= 'Z')
                one[0] = (char)(one[0] - 'A' + 'a');
        } else if (cp >= 0x1EA0 && cp <= 0x1EF9) {
            one[0] = viet[cp - 0x1EA0];
            if (one[0] >= 'A' && one[0] <= 'Z')
                one[0] = (char)(one[0] - 'A' + 'a');
        } else if (cp >= 0x410 && cp <= 0x44F) {
            out = cyrillic[cp - 0x410];
        } else if (cp == 0x401 || cp == 0x451) {
            out = "e";
        }
        if (one[0])
            out = one;
        if (out && *out) {
            if (dash && b.len)
                buf_putc(&b, '-');
            dash = false;
            buf_puts(&b, out);
        } else if (!out) {
            dash = true; /* anything else separates words */
        }
        if (b.len >= 48)
            break;
    }
    char *s = buf_steal(&b);
    if (!*s || !(s[0] >= 'a' && s[0] <= 'z')) {
        char *t = *s ? xasprintf("%s-%s", fallback, s) : xasprintf("%s-%zu", fallback, n);
        free(s);
        s = t;
    }
    return s;
}

/* ------------------------------------------------------------------------
 * Import
 */

struct task {
    char *name;
    int score;
    char **actors;
    size_t n_actors, cap_actors;
    size_t section;
    size_t line;
};

struct section {
    char *name;
};

struct parsed {
    char *title, *front_title, *description;
    struct section *sections;
    size_t n_sections, cap_sections;
    struct task *tasks;
    size_t n_tasks, cap_tasks;
};

/* A copy without leading and trailing spaces and control characters
 * (the XML written later turns control characters into spaces, so a name
 * made only of them would be empty). */
static char *
trimmed_copy(const char *s, size_t n)
{
    while (n && (unsigned char)*s <= ' ') {
        s++;
        n--;
    }
    while (n && (unsigned char)s[n - 1] <= ' ')
        n--;
    return xasprintf("%.*s", (int)n, s);
}

static bool
keyword(const char *line, const char *kw, const char **rest)
{
    size_t n = strlen(kw);
    if (strncmp(line, kw, n) != 0 ||
        (line[n] && line[n] != ' ' && line[n] != '\t' && line[n] != ':'))
        return false;
    *rest = line + n;
    while (**rest == ' ' || **rest == '\t' || (**rest == ':' && kw[0] == 'a'))
        (*rest)++;
    return true;
}

static void
add_section(struct parsed *p, const char *name)
{
    xgrow((void **)&p->sections, &p->cap_sections, p->n_sections + 1, sizeof *p->sections);
    p->sections[p->n_sections++].name = xstrdup(name && *name ? name : "Journey");
}

/* "name: score: actors" read from the right, so that a colon inside the
 * name is kept when the score can still be found. */
static bool
parse_task(struct parsed *p, const char *line, size_t lineno, const char *file, FILE *msgs)
{
    size_t n_parts = 1;
    for (const char *c = line; *c; c++)
        n_parts += *c == ':';
    const char **parts = xcalloc(n_parts + 1, sizeof *parts);
    size_t k = 0;
    parts[k++] = line;
    for (const char *c = line; *c; c++)
        if (*c == ':')
            parts[k++] = c + 1;
    /* The score is the rightmost part that is a whole number and is last or
     * followed only by the actors. */
    long score = 0;
    size_t at = 0;
    for (size_t i = n_parts; i-- > 1;) {
        if (i < n_parts - 2)
            break;
        size_t len = (i + 1 < n_parts ? (size_t)(parts[i + 1] - parts[i]) - 1 : strlen(parts[i]));
        char *t = trimmed_copy(parts[i], len);
        char *end;
        long v = strtol(t, &end, 10);
        bool ok = *t && !*end && (t[0] == '-' || t[0] == '+' || (t[0] >= '0' && t[0] <= '9'));
        free(t);
        if (ok) {
            score = v;
            at = i;
            break;
        }
    }
    char *name = at ? trimmed_copy(line, (size_t)(parts[at] - line) - 1) : NULL;
    if (!at || !*name) {
        fprintf(msgs,
                "%s:%zu: error: cannot read this task; expected `name: score: actors` "
                "with a whole-number score from 1 to 5 (e.g. `Sign up: 4: Customer`)%s\n",
                file, lineno, strstr(line, "->") ? "; found `->` where `:` belongs" : "");
        free(name);
        free(parts);
        return false;
    }
    if (score < 1 || score > 5) {
        long clamped = score < 1 ? 1 : 5;
        fprintf(msgs, "%s:%zu: warning: score %ld is outside 1 to 5; using %ld\n", file, lineno,
                score, clamped);
        score = clamped;
    }
    if (!p->n_sections)
        add_section(p, p->title ? p->title : "Journey");
    xgrow((void **)&p->tasks, &p->cap_tasks, p->n_tasks + 1, sizeof *p->tasks);
    struct task *t = &p->tasks[p->n_tasks++];
    memset(t, 0, sizeof *t);
    t->name = name;
    t->score = (int)score;
    t->section = p->n_sections - 1;
    t->line = lineno;
    if (at + 1 < n_parts) {
        char *actors = xstrdup(parts[at + 1]);
        for (char *save = NULL, *a = strtok_r(actors, ",", &save); a;
             a = strtok_r(NULL, ",", &save)) {
            char *one = trimmed_copy(a, strlen(a));
            if (*one) {
                xgrow((void **)&t->actors, &t->cap_actors, t->n_actors + 1, sizeof *t->actors);
                t->actors[t->n_actors++] = one;
            } else {
                free(one);
            }
        }
        free(actors);
    }
    free(parts);
    return true;
}

static bool
parse(struct parsed *p, const char *text, size_t len, const char *file, FILE *msgs)
{
    bool ok = true, seen_journey = false, in_front = false, in_descr = false, front_done = false;
    struct buf descr;
    buf_init(&descr);
    size_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        char *line = trimmed_copy(text + pos, end - pos);
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        char *l = trimmed_copy(line, n);
        free(line);
        pos = end + 1;
        const char *rest;
        if (in_front) {
            if (strcmp(l, "---") == 0)
                in_front = false;
            else if (keyword(l, "title:", &rest) || strncmp(l, "title:", 6) == 0) {
                char *t = trimmed_copy(l + 6, strlen(l + 6));
                size_t tn = strlen(t);
                if (tn >= 2 && (t[0] == '"' || t[0] == '\'') && t[tn - 1] == t[0]) {
                    char *inner = trimmed_copy(t + 1, tn - 2); /* title: " x " */
                    free(t);
                    t = inner;
                }
                free(p->front_title);
                p->front_title = t;
            }
        } else if (in_descr) {
            if (strcmp(l, "}") == 0)
                in_descr = false;
            else
                buf_printf(&descr, "%s%s", descr.len ? "\n" : "", l);
        } else if (!*l || strncmp(l, "%%", 2) == 0) {
            /* blank, comment or directive */
        } else if (!seen_journey && !front_done && strcmp(l, "---") == 0) {
            in_front = true;
            front_done = true;
        } else if (!seen_journey) {
            if (strcmp(l, "journey") != 0) {
                fprintf(msgs,
                        "%s:%zu: error: expected `journey` (a Mermaid user-journey "
                        "diagram starts with it)\n",
                        file, lineno);
                free(l);
                ok = false;
                break;
            }
            seen_journey = true;
        } else if (keyword(l, "title", &rest)) {
            free(p->title);
            p->title = xstrdup(rest);
        } else if (keyword(l, "accTitle", &rest)) {
            /* an accessible title: the title says the same */
        } else if (keyword(l, "accDescr", &rest)) {
            if (*rest == '{') {
                char *inner = trimmed_copy(rest + 1, strlen(rest + 1));
                size_t in = strlen(inner);
                if (in && inner[in - 1] == '}') {
                    inner[in - 1] = '\0';
                    buf_puts(&descr, inner);
                } else {
                    in_descr = true;
                    buf_puts(&descr, inner);
                }
                free(inner);
            } else {
                buf_printf(&descr, "%s%s", descr.len ? "\n" : "", rest);
            }
        } else if (keyword(l, "section", &rest)) {
            add_section(p, *rest ? rest : "Section");
        } else if (!parse_task(p, l, lineno, file, msgs)) {
            ok = false;
        }
        free(l);
    }
    if (ok && !seen_journey) {
        fprintf(msgs, "%s:%zu: error: expected `journey`; the file has no diagram\n", file,
                lineno ? lineno : 1);
        ok = false;
    }
    if (descr.len)
        p->description = buf_steal(&descr);
    buf_finish(&descr);
    return ok;
}

/* Unique ids in one space: a taken id gets the first free "-2", "-3", ….
 * Each id remembers the next suffix to try after it, so that n tasks with
 * one name cost n look-ups, not n² (fuzz_mermaid found the cubic version). */
struct ids {
    struct strindex taken; /* the ids, which it owns (freed by ids_finish) */
    size_t *next;          /* by number: the next suffix to try after it */
    size_t cap_next;
};

static const char *
unique(struct ids *ids, char *id)
{
    char *cand = id;
    size_t base = strindex_find(&ids->taken, id);
    if (base != STRINDEX_NONE) {
        size_t k = ids->next[base];
        for (;; k++) {
            cand = xasprintf("%s-%zu", id, k);
            if (strindex_find(&ids->taken, cand) == STRINDEX_NONE)
                break;
            free(cand);
        }
        ids->next[base] = k + 1;
        free(id);
    }
    size_t i = strindex_add(&ids->taken, cand);
    xgrow((void **)&ids->next, &ids->cap_next, i + 1, sizeof *ids->next);
    ids->next[i] = 2;
    return cand;
}

static void
ids_finish(struct ids *ids)
{
    for (size_t i = 0; i < ids->taken.n; i++)
        free((char *)(uintptr_t)ids->taken.keys[i]); /* each came from unique() */
    strindex_finish(&ids->taken);
    free(ids->next);
}

/* Append s as XML text: markup characters escaped, line breaks kept only
 * in element text, and the two code points XML forbids although they are
 * UTF-8 (U+FFFE, U+FFFF) replaced by U+FFFD. */
static void
xml_escaped(struct buf *b, const char *s, bool keep_newlines)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xEF && (unsigned char)s[1] == 0xBF &&
            ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF)) {
            buf_puts(b, "\xEF\xBF\xBD");
            s += 2;
        } else if (c == '\n' && keep_newlines) {
            buf_putc(b, '\n');
        } else {
            char one[2] = {*s, 0};
            buf_html(b, one);
        }
    }
}

static void
xml_attr(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, " %s=\"", name);
    xml_escaped(b, value, false);
    buf_putc(b, '"');
}

char *
mermaid_import(const char *text, size_t len, const char *file, const char *id, FILE *msgs,
               size_t *out_len)
{
    struct parsed p = {0};
    char *xml = NULL;
    if (!parse(&p, text, len, file, msgs))
        goto out;
    if (!p.n_sections) /* a title and nothing else: one empty stage to fill in */
        add_section(&p, "Journey");
    struct ids ids = {STRINDEX_INIT, NULL, 0};
    unique(&ids, xstrdup(id));
    /* Owners: each distinct actor, in order of appearance. */
    struct strindex actors = STRINDEX_INIT; /* names, numbered as actor_ids */
    const char **actor_ids = NULL;
    size_t cap_ai = 0;
    for (size_t t = 0; t < p.n_tasks; t++)
        for (size_t a = 0; a < p.tasks[t].n_actors; a++) {
            const char *actor = p.tasks[t].actors[a];
            if (strindex_find(&actors, actor) == STRINDEX_NONE) {
                size_t i = strindex_add(&actors, actor);
                xgrow((void **)&actor_ids, &cap_ai, i + 1, sizeof *actor_ids);
                actor_ids[i] = unique(&ids, mermaid_slug(actor, "actor", i + 1));
            }
        }
    size_t n_actors = actors.n;
    struct buf b;
    buf_init(&b);
    /* An empty title (`title:` alone in the front matter) names nothing. */
    const char *name = p.title && *p.title               ? p.title
                       : p.front_title && *p.front_title ? p.front_title
                                                         : id;
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Imported from the Mermaid "
                 "journey ");
    for (const char *c = file; *c; c++) /* "--" cannot appear in a comment */
        buf_putc(&b, *c == '-' && c[1] == '-' ? '_' : *c);
    buf_puts(&b, " by `journeymap import`.\n     Channels and initiators are guesses (other, "
                 "customer): set them, then run journeymap check. -->\n<journey version=\"1\"");
    xml_attr(&b, "id", id);
    xml_attr(&b, "name", name);
    buf_puts(&b, ">\n");
    if (p.description) {
        buf_puts(&b, "  <description>");
        xml_escaped(&b, p.description, true);
        buf_puts(&b, "</description>\n");
    }
    if (n_actors) {
        buf_puts(&b, "  <owners>\n");
        for (size_t i = 0; i < n_actors; i++) {
            buf_puts(&b, "    <owner");
            xml_attr(&b, "id", actor_ids[i]);
            xml_attr(&b, "name", actors.keys[i]);
            buf_puts(&b, "/>\n");
        }
        buf_puts(&b, "  </owners>\n");
    }
    size_t t = 0;
    for (size_t s = 0; s < p.n_sections; s++) {
        buf_puts(&b, "  <stage");
        xml_attr(&b, "id", unique(&ids, mermaid_slug(p.sections[s].name, "stage", s + 1)));
        xml_attr(&b, "name", p.sections[s].name);
        bool any = t < p.n_tasks && p.tasks[t].section == s;
        buf_puts(&b, any ? ">\n" : "/>\n");
        for (; t < p.n_tasks && p.tasks[t].section == s; t++) {
            const struct task *tk = &p.tasks[t];
            buf_puts(&b, "    <touchpoint");
            xml_attr(&b, "id", unique(&ids, mermaid_slug(tk->name, "touchpoint", t + 1)));
            xml_attr(&b, "name", tk->name);
            buf_puts(&b, " channel=\"other\" initiator=\"customer\"");
            if (tk->n_actors)
                xml_attr(&b, "owner", actor_ids[strindex_find(&actors, tk->actors[0])]);
            buf_printf(&b, " emotion=\"%d\"", tk->score - 3);
            if (tk->n_actors > 1) {
                buf_puts(&b, ">\n      <note>" ACTORS_NOTE);
                for (size_t a = 1; a < tk->n_actors; a++) {
                    if (a > 1)
                        buf_puts(&b, ", ");
                    xml_escaped(&b, tk->actors[a], false);
                }
                buf_puts(&b, "</note>\n    </touchpoint>\n");
            } else {
                buf_puts(&b, "/>\n");
            }
        }
        if (any)
            buf_puts(&b, "  </stage>\n");
    }
    buf_puts(&b, "</journey>\n");
    *out_len = b.len;
    xml = buf_steal(&b);
    ids_finish(&ids);
    strindex_finish(&actors);
    free(actor_ids);
out:
    for (size_t i = 0; i < p.n_tasks; i++) {
        free(p.tasks[i].name);
        for (size_t a = 0; a < p.tasks[i].n_actors; a++)
            free(p.tasks[i].actors[a]);
        free(p.tasks[i].actors);
    }
    for (size_t i = 0; i < p.n_sections; i++)
        free(p.sections[i].name);
    free(p.tasks);
    free(p.sections);
    free(p.title);
    free(p.front_title);
    free(p.description);
    return xml;
}
