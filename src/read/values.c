/*
 * values.c - what an attribute value or a piece of text means: one checker
 * per attribute type (a table indexed by enum attr_type), each reporting
 * its own finding, and the text helpers (trimming, Markdown dedent).
 */
#include "read/loader.h"

#include "core/arena.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool
value_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* The spaces value_trimmed() takes off. */
static bool
value_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *
value_trimmed(struct loader *L, const char *s)
{
    while (value_is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n && value_is_space(s[n - 1]))
        n--;
    return arena_strndup(L->arena, s, n);
}

void
value_range_text(struct buf *b, double min, double max)
{
    if (max >= 1e9 && min <= -1e9)
        buf_puts(b, "(such as 12 or 0.5)");
    else if (max >= 1e9)
        buf_printf(b, "%g or more", min);
    else
        buf_printf(b, "from %g to %g", min, max);
}

static void
value_vocab_list(struct buf *b, const char *const *vocab, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", vocab[i]);
}

/* ---------------------------------------------------------------------------
 * One checker per attribute type
 */

typedef void value_checker(struct loader *L, const struct frame *f, const struct attr_spec *a,
                           struct val *v);

/* The finding for a value that is not what its attribute wants:
 * "<x> has NAME "VALUE"" and a tail saying what was expected. */
static void value_refuse(struct loader *L, const struct frame *f, const struct attr_spec *a,
                         const struct val *v, const char *rule, const char *tail, ...)
    PRINTF_LIKE(6, 7);

static void
value_refuse(struct loader *L, const struct frame *f, const struct attr_spec *a,
             const struct val *v, const char *rule, const char *tail, ...)
{
    va_list ap;
    va_start(ap, tail);
    char *t = xvasprintf(tail, ap);
    va_end(ap);
    loader_error(L, v->line, rule, f->subject, "%s has %s %s%s", loader_desc(L, f), a->name,
                 loader_quote(L, v->s), t);
    free(t);
}

static void
value_check_id(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = model_is_id(v->s);
    if (!v->ok)
        value_refuse(L, f, a, v, "schema",
                     ", which is not an id: use a letter followed by letters, digits, '-', '_' "
                     "or '.', at most 64 characters");
}

/* A reference: any value but a blank one here; resolve.c finds what it
 * names (by id, or tells the id of what it names by name). */
static void
value_check_ref(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = !value_is_blank(v->s);
    if (!v->ok)
        loader_error(L, v->line, "schema", f->subject,
                     "%s has an empty %s; write the id it refers to, or leave the attribute out",
                     loader_desc(L, f), a->name);
}

static void
value_check_refs(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = !value_is_blank(v->s);
    char *copy = xstrdup(v->s);
    for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
         t = strtok_r(NULL, " \t\n\r", &save))
        if (!model_is_id(t)) {
            v->ok = false;
            value_refuse(L, f, a, v, "schema", ", which is not a list of ids separated by spaces");
            break;
        }
    free(copy);
    if (value_is_blank(v->s))
        loader_error(L, v->line, "schema", f->subject,
                     "%s has an empty %s; name at least one stage id or leave the attribute out",
                     loader_desc(L, f), a->name);
}

static void
value_check_text(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    /* Names are shown everywhere: keep them without outer spaces (v->s is
     * already the arena's copy: copied again only when there are some). */
    size_t n = strlen(v->s);
    if (n == 0 || value_is_space(v->s[0]) || value_is_space(v->s[n - 1]))
        v->s = value_trimmed(L, v->s);
    v->ok = *v->s != '\0';
    if (!v->ok)
        loader_error(L, v->line, "invalid-value", f->subject, "%s has an empty %s; give it one",
                     loader_desc(L, f), a->name);
}

static void
value_check_opttext(struct loader *L, const struct frame *f, const struct attr_spec *a,
                    struct val *v)
{
    (void)L;
    (void)f;
    (void)a;
    v->ok = true;
}

/* One of a vocabulary; unknown is a schema error listing the words. */
static void
value_check_word(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v,
                 const char *const *vocab, size_t n, const char *more)
{
    int k = vocab_find(vocab, n, v->s);
    v->ok = k >= 0;
    v->i = k;
    if (v->ok)
        return;
    struct buf b;
    buf_init(&b);
    value_vocab_list(&b, vocab, n);
    const char *meant = str_closest(v->s, vocab, n);
    if (meant)
        value_refuse(L, f, a, v, "schema", "; did you mean %s? (expected one of %s%s)", meant,
                     buf_str(&b), more ? more : "");
    else
        value_refuse(L, f, a, v, "schema", "; expected one of %s%s", buf_str(&b), more ? more : "");
    buf_finish(&b);
}

static void
value_check_enum(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    value_check_word(L, f, a, v, a->vocab, a->vocab_len, NULL);
}

static void
value_check_metric(struct loader *L, const struct frame *f, const struct attr_spec *a,
                   struct val *v)
{
    if (strncmp(v->s, "x-", 2) == 0 && vocab_find(metric_names, METRIC_KIND_COUNT, v->s) < 0) {
        v->ok = true; /* a metric of the user's own */
        v->i = METRIC_USER;
        return;
    }
    value_check_word(L, f, a, v, metric_names, METRIC_KIND_COUNT - 1,
                     ", or your own name starting with \"x-\"");
}

/* A number outside its range: "expected WHAT from 1 to 5". */
static void
value_range_error(struct loader *L, const struct frame *f, const struct attr_spec *a,
                  const struct val *v, const char *what)
{
    struct buf b;
    buf_init(&b);
    value_range_text(&b, a->min, a->max);
    value_refuse(L, f, a, v, "invalid-value", "; expected %s %s", what, buf_str(&b));
    buf_finish(&b);
}

static void
value_check_int(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = number_parse_int(v->s, a->min, a->max, &v->i);
    long without_plus;
    if (v->ok)
        return;
    if (v->s[0] == '+' && number_parse_int(v->s + 1, a->min, a->max, &without_plus))
        value_refuse(L, f, a, v, "invalid-value", "; write it without the plus sign: %s=\"%s\"",
                     a->name, v->s + 1);
    else
        value_range_error(L, f, a, v, "a whole number");
}

/* "40%": true with 40 in *pct. */
bool
value_percent(const char *s, double *pct)
{
    size_t n = strlen(s);
    if (n < 2 || n > 40 || s[n - 1] != '%')
        return false;
    char number[41];
    memcpy(number, s, n - 1);
    number[n - 1] = '\0';
    return number_parse_decimal(number, -1e15, 1e15, pct);
}

static void
value_check_num(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = number_parse_decimal(v->s, a->min, a->max, &v->d);
    double pct;
    if (v->ok)
        return;
    if (f->kind == EL_METRIC && value_percent(v->s, &pct)) {
        v->percent = true; /* what it should be depends on the metric: elements.c says */
        v->d = pct;
    } else if (value_percent(v->s, &pct) && a->min == 0 && a->max == 1)
        value_refuse(L, f, a, v, "invalid-value",
                     "; a share is a fraction from 0 to 1: write %s=\"%g\" for %s", a->name,
                     pct / 100, v->s);
    else if (value_percent(v->s, &pct))
        value_refuse(L, f, a, v, "invalid-value", "; write the number without %%: %s=\"%g\"",
                     a->name, pct);
    else
        value_range_error(L, f, a, v, "a decimal number");
}

static void
value_check_date(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = date_parse(v->s, &v->date);
    if (!v->ok)
        value_refuse(L, f, a, v, "invalid-value",
                     ", which is not a calendar date; write YYYY-MM-DD, e.g. 2026-03-31");
}

static void
value_check_version(struct loader *L, const struct frame *f, const struct attr_spec *a,
                    struct val *v)
{
    v->ok = strcmp(v->s, "1") == 0;
    if (!v->ok)
        value_refuse(L, f, a, v, "invalid-value", "; this journeymap reads format version 1");
}

static void
value_check_rule(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    v->ok = catalog_find(v->s) != NULL;
    if (!v->ok)
        value_refuse(L, f, a, v, "unknown-reference",
                     ", which is not a journeymap rule (see docs/rules.md)");
}

static value_checker *const value_checkers[T_COUNT] = {
    [T_ID] = value_check_id,           [T_REF] = value_check_ref,
    [T_REFS] = value_check_refs,       [T_TEXT] = value_check_text,
    [T_OPTTEXT] = value_check_opttext, [T_ENUM] = value_check_enum,
    [T_INT] = value_check_int,         [T_NUM] = value_check_num,
    [T_DATE] = value_check_date,       [T_VERSION] = value_check_version,
    [T_METRIC] = value_check_metric,   [T_RULE] = value_check_rule,
};

void
value_check(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    value_checkers[a->type](L, f, a, v);
}

/* ---------------------------------------------------------------------------
 * Values that depend on each other
 */

/* How a message names touchpoint t: its element, or a competitor's
 * touchpoint by its id (f NULL). */
static const char *
value_timing_desc(struct loader *L, const struct touchpoint *t, const struct frame *f)
{
    return f ? loader_desc(L, f) : loader_name(L, EL_TOUCHPOINT, "id", t->id);
}

void
value_check_timing(struct loader *L, const struct touchpoint *t, const struct frame *f,
                   const char *subject, unsigned day_line, unsigned every_line)
{
    const struct stage *s = t->stage;
    if (!s)
        return;
    if (s->has_days && t->day > s->days)
        loader_error(L, day_line, "invalid-value", subject,
                     "%s is on day %u, beyond the %u days of stage %s; move it into the stage or "
                     "lengthen the stage",
                     value_timing_desc(L, t, f), t->day, s->days, loader_quote(L, s->name));
    if (t->every && !s->has_days)
        loader_error(L, every_line, "invalid-value", subject,
                     "%s repeats every %u days, but stage %s has no days attribute to say when the "
                     "repeats stop; give the stage a length",
                     value_timing_desc(L, t, f), t->every, loader_quote(L, s->name));
}

/* ---------------------------------------------------------------------------
 * Markdown text
 */

/* The whitespace prefix that all non-blank lines of start..end share. */
static size_t
value_common_indent(const char *start, const char *end)
{
    const char *prefix = NULL;
    size_t plen = 0;
    for (const char *line = start; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        size_t ws = 0;
        while (line + ws < eol && (line[ws] == ' ' || line[ws] == '\t'))
            ws++;
        if (line + ws < eol) { /* not blank */
            if (!prefix) {
                prefix = line;
                plen = ws;
            } else {
                size_t k = 0;
                while (k < plen && k < ws && line[k] == prefix[k])
                    k++;
                plen = k;
            }
        }
        line = eol + 1;
    }
    return plen;
}

/*
 * Drop the blank lines around the text and the indentation that all its
 * lines share, so that text indented to match the XML around it does not
 * turn into a Markdown code block.
 */
const char *
value_dedent(struct loader *L, const char *s)
{
    const char *start = s, *end = s + strlen(s);
    /* Skip leading blank lines (keep the first non-blank line's indentation). */
    for (const char *p = s; p < end; p++) {
        if (*p == '\n')
            start = p + 1;
        else if (*p != ' ' && *p != '\t' && *p != '\r')
            break;
    }
    while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    if (end <= start)
        return "";
    size_t plen = value_common_indent(start, end);
    struct buf b;
    buf_init(&b);
    for (const char *line = start; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        size_t skip = (size_t)(eol - line) >= plen ? plen : (size_t)(eol - line);
        buf_append(&b, line + skip, (size_t)(eol - line) - skip);
        if (eol < end)
            buf_putc(&b, '\n');
        line = eol + 1;
    }
    const char *out = arena_strdup(L->arena, buf_str(&b));
    buf_finish(&b);
    return out;
}
