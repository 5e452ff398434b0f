/*
 * load.c - journey files into the model, with libxml2's streaming reader.
 *
 * The file is opened and read by us (a regular file only, with a size cap,
 * no gzip magic, no NUL bytes) and fed to xmlReaderForIO. Each element is
 * checked against a small table (its allowed children and attributes) as
 * it streams past; model objects are built at once in the journey's arena
 * and linked to their parents. References (owner, about, next, …) are
 * recorded as they appear and resolved after the last element, when every
 * id is known. Every problem becomes a finding; a file keeps being read
 * after a schema problem so that one run reports all of them, but once the
 * XML itself is broken only that is reported.
 *
 * Safety, per docs/spec hazards: never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or
 * XML_PARSE_HUGE; XML_PARSE_NONET; a deny-all external entity loader; any
 * DOCTYPE or entity reference stops the parse; XInclude is never run.
 */
#include "read/load.h"

#include "core/arena.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/util.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------
 * The vocabulary of elements and attributes
 */

enum el {
    EL_JOURNEY,
    EL_DESCRIPTION,
    EL_REVIEW,
    EL_POLICY,
    EL_RULE,
    EL_OWNERS,
    EL_OWNER,
    EL_CHANGE,
    EL_STAGE,
    EL_TOUCHPOINT,  /* ours, in a stage */
    EL_CTOUCHPOINT, /* a competitor's */
    EL_NOTE,
    EL_PLUS,
    EL_MINUS,
    EL_METRIC,
    EL_PLAN,
    EL_NEXT,
    EL_COMPETITOR,
    EL_RATING,
    EL_COUNT
};

enum attr_type {
    T_ID,      /* defines an id */
    T_REF,     /* names an id */
    T_REFS,    /* space-separated ids */
    T_TEXT,    /* any text; must not be blank */
    T_OPTTEXT, /* any text, may be empty */
    T_ENUM,    /* one of vocab */
    T_INT,     /* whole number in [min, max] */
    T_NUM,     /* decimal number in [min, max] */
    T_DATE,    /* YYYY-MM-DD */
    T_VERSION, /* "1" */
    T_METRIC,  /* a known metric name or x-… */
    T_RULE,    /* a rule id of the catalogue */
};

struct attr_spec {
    const char *name;
    enum attr_type type;
    bool required;
    const char *const *vocab; /* T_ENUM */
    size_t vocab_len;
    double min, max; /* T_INT, T_NUM */
};

#define VOCAB(a) a, ARRAY_LEN(a)
#define ENUMV(n, req, v)                                                                           \
    {                                                                                              \
        n, T_ENUM, req, VOCAB(v), 0, 0                                                             \
    }
#define INTV(n, req, lo, hi)                                                                       \
    {                                                                                              \
        n, T_INT, req, NULL, 0, lo, hi                                                             \
    }
#define NUMV(n, req, lo, hi)                                                                       \
    {                                                                                              \
        n, T_NUM, req, NULL, 0, lo, hi                                                             \
    }
#define SIMPLE(n, t, req)                                                                          \
    {                                                                                              \
        n, t, req, NULL, 0, 0, 0                                                                   \
    }

static const char *const yes_no[] = {"yes", "no"};
static const char *const rule_severities[] = {"off", "note", "warning", "error"};
/* The writable spellings (index 0 of the model's tables is "absent"). */
static const char *const phases[] = {"awareness", "consideration", "purchase", "onboarding",
                                     "delivery",  "retention",     "advocacy"};
static const char *const modes[] = {"personal", "automated"};
static const char *const purposes[] = {"inform",   "sell",  "onboard",   "deliver", "support",
                                       "feedback", "thank", "follow-up", "other"};

static const struct attr_spec journey_attrs[] = {
    SIMPLE("version", T_VERSION, true),
    SIMPLE("id", T_ID, true),
    SIMPLE("name", T_TEXT, true),
};
static const struct attr_spec review_attrs[] = {
    SIMPLE("date", T_DATE, true),
    SIMPLE("by", T_OPTTEXT, false),
};
static const struct attr_spec policy_attrs[] = {
    INTV("max-silence-days", false, 0, LOAD_MAX_DAYS),
    INTV("first-contact-days", false, 0, LOAD_MAX_DAYS),
    NUMV("max-reactive-share", false, 0, 1),
    INTV("min-score", false, 1, 5),
    NUMV("max-wait-seconds", false, 0, 1e9),
    NUMV("max-drop-off", false, 0, 1),
    INTV("review-days", false, 0, LOAD_MAX_DAYS),
};
static const struct attr_spec rule_attrs[] = {
    SIMPLE("id", T_RULE, true),
    ENUMV("severity", true, rule_severities),
};
static const struct attr_spec owner_attrs[] = {
    SIMPLE("id", T_ID, true),
    SIMPLE("name", T_TEXT, true),
    ENUMV("trained", false, yes_no),
};
static const struct attr_spec change_attrs[] = {
    SIMPLE("id", T_ID, true),
    SIMPLE("name", T_TEXT, true),
    SIMPLE("date", T_DATE, true),
    SIMPLE("affects", T_REFS, false),
};
static const struct attr_spec stage_attrs[] = {
    SIMPLE("id", T_ID, true),
    SIMPLE("name", T_TEXT, true),
    ENUMV("phase", false, phases),
    INTV("days", false, 0, LOAD_MAX_DAYS),
};
#define TOUCHPOINT_ATTRS                                                                           \
    SIMPLE("id", T_ID, true), SIMPLE("name", T_TEXT, true), ENUMV("channel", true, channel_names), \
        ENUMV("initiator", true, initiator_names), SIMPLE("owner", T_REF, false),                  \
        ENUMV("mode", false, modes), ENUMV("purpose", false, purposes),                            \
        INTV("day", false, 0, LOAD_MAX_DAYS), INTV("every", false, 1, LOAD_MAX_DAYS),              \
        INTV("score", false, 1, 5), INTV("emotion", false, -2, 2), SIMPLE("about", T_REF, false)
static const struct attr_spec touchpoint_attrs[] = {TOUCHPOINT_ATTRS};
static const struct attr_spec ctouchpoint_attrs[] = {TOUCHPOINT_ATTRS,
                                                     SIMPLE("stage", T_REF, true)};
static const struct attr_spec metric_attrs[] = {
    SIMPLE("name", T_METRIC, true),
    NUMV("value", true, -1e15, 1e15),
};
static const struct attr_spec plan_attrs[] = {
    SIMPLE("owner", T_REF, false),
    SIMPLE("due", T_DATE, false),
};
static const struct attr_spec next_attrs[] = {
    SIMPLE("to", T_REF, true),
    NUMV("share", false, 0, 1),
};
static const struct attr_spec competitor_attrs[] = {
    SIMPLE("id", T_ID, true),
    SIMPLE("name", T_TEXT, true),
};
static const struct attr_spec rating_attrs[] = {
    SIMPLE("touchpoint", T_REF, true),
    INTV("score", true, 1, 5),
};

struct child {
    enum el kind;
    bool once; /* at most one */
};

static const struct child journey_children[] = {
    {EL_DESCRIPTION, true}, {EL_REVIEW, true}, {EL_POLICY, true},      {EL_OWNERS, true},
    {EL_CHANGE, false},     {EL_STAGE, false}, {EL_COMPETITOR, false},
};
static const struct child policy_children[] = {{EL_RULE, false}};
static const struct child owners_children[] = {{EL_OWNER, false}};
static const struct child stage_children[] = {{EL_DESCRIPTION, true}, {EL_TOUCHPOINT, false}};
static const struct child touchpoint_children[] = {
    {EL_NOTE, true},    {EL_PLUS, false}, {EL_MINUS, false},
    {EL_METRIC, false}, {EL_PLAN, true},  {EL_NEXT, false},
};
static const struct child ctouchpoint_children[] = {
    {EL_NOTE, true}, {EL_PLUS, false}, {EL_MINUS, false}, {EL_METRIC, false}};
static const struct child competitor_children[] = {{EL_RATING, false}, {EL_CTOUCHPOINT, false}};

struct el_info {
    const char *name;
    bool markdown; /* holds Markdown text */
    const struct attr_spec *attrs;
    size_t n_attrs;
    const struct child *children;
    size_t n_children;
};

#define ATTRS(a) a, ARRAY_LEN(a)
#define KIDS(a) a, ARRAY_LEN(a)
static const struct el_info els[EL_COUNT] = {
    [EL_JOURNEY] = {"journey", false, ATTRS(journey_attrs), KIDS(journey_children)},
    [EL_DESCRIPTION] = {"description", true, NULL, 0, NULL, 0},
    [EL_REVIEW] = {"review", false, ATTRS(review_attrs), NULL, 0},
    [EL_POLICY] = {"policy", false, ATTRS(policy_attrs), KIDS(policy_children)},
    [EL_RULE] = {"rule", false, ATTRS(rule_attrs), NULL, 0},
    [EL_OWNERS] = {"owners", false, NULL, 0, KIDS(owners_children)},
    [EL_OWNER] = {"owner", false, ATTRS(owner_attrs), NULL, 0},
    [EL_CHANGE] = {"change", true, ATTRS(change_attrs), NULL, 0},
    [EL_STAGE] = {"stage", false, ATTRS(stage_attrs), KIDS(stage_children)},
    [EL_TOUCHPOINT] = {"touchpoint", false, ATTRS(touchpoint_attrs), KIDS(touchpoint_children)},
    [EL_CTOUCHPOINT] = {"touchpoint", false, ATTRS(ctouchpoint_attrs), KIDS(ctouchpoint_children)},
    [EL_NOTE] = {"note", true, NULL, 0, NULL, 0},
    [EL_PLUS] = {"plus", true, NULL, 0, NULL, 0},
    [EL_MINUS] = {"minus", true, NULL, 0, NULL, 0},
    [EL_METRIC] = {"metric", false, ATTRS(metric_attrs), NULL, 0},
    [EL_PLAN] = {"plan", true, ATTRS(plan_attrs), NULL, 0},
    [EL_NEXT] = {"next", false, ATTRS(next_attrs), NULL, 0},
    [EL_COMPETITOR] = {"competitor", false, ATTRS(competitor_attrs), KIDS(competitor_children)},
    [EL_RATING] = {"rating", true, ATTRS(rating_attrs), NULL, 0},
};

/* Metric ranges, indexed by enum metric_kind. */
static const struct {
    double min, max;
} metric_range[METRIC_KIND_COUNT] = {
    [METRIC_NPS] = {-100, 100},   [METRIC_CSAT] = {0, 100},
    [METRIC_CES] = {1, 7},        [METRIC_WAIT_SECONDS] = {0, 1e15},
    [METRIC_DROP_OFF] = {0, 1},   [METRIC_RESPONSE_HOURS] = {0, 1e15},
    [METRIC_RESOLUTION] = {0, 1}, [METRIC_USER] = {-1e15, 1e15},
};

/* ---------------------------------------------------------------------------
 * Loader state
 */

/* What an id names, in the one id space of a file. */
enum ent_kind { ENT_OWNER, ENT_CHANGE, ENT_STAGE, ENT_TOUCHPOINT, ENT_CTOUCHPOINT, ENT_COMPETITOR };
static const char *const ent_names[] = {
    "an owner",    "a change", "a stage", "one of our touchpoints", "a competitor's touchpoint",
    "a competitor"};

struct ent {
    enum ent_kind kind;
    void *obj;
    unsigned line;
};

/* The ids of a file (numbered in order of definition) and what each names. */
struct idmap {
    struct strindex ids;
    struct ent *ents; /* by number */
    size_t cap;
};

/* A reference waiting for every id to be known. */
struct pending {
    enum ent_kind want;
    const char *name; /* the id written (arena) */
    unsigned line;
    const char *what;    /* e.g. `<touchpoint id="help"> owner` (arena) */
    const char *subject; /* for the finding (arena) */
    union {
        struct owner **owner;
        struct change **change;
        struct stage **stage;
        struct touchpoint **touchpoint;
    } slot;
};

/* A growing array of pointers, frozen into the arena when complete. */
struct ptrvec {
    void **v;
    size_t n, cap;
};

/* One attribute as parsed. */
struct val {
    bool present;  /* written in the file */
    bool ok;       /* present and valid */
    const char *s; /* the raw value (arena), when present */
    long i;        /* T_INT, T_ENUM index */
    double d;      /* T_NUM */
    day_number date;
};

enum { MAX_ATTRS = 16, MAX_DEPTH = 8 };

/* An open element. */
struct frame {
    enum el kind;
    unsigned line;
    const char *desc;    /* "<touchpoint id=\"x\">", for messages (arena) */
    const char *subject; /* nearest id, for findings (arena) */
    void *obj;           /* the model object being built, or NULL */
    unsigned seen[EL_COUNT];
    struct buf text;    /* Markdown elements: text so far */
    bool text_overflow; /* text exceeded LOAD_MAX_MARKDOWN */
    bool stray_text;    /* non-Markdown element: stray text reported */
};

struct loader {
    const char *file; /* for locations */
    struct diag *diag;
    struct arena *arena;
    struct journey *j;
    xmlTextReaderPtr reader;

    /* reading */
    int fd;
    size_t bytes;      /* read so far */
    unsigned in_line;  /* newlines seen by the read callback, + 1 */
    unsigned nul_line; /* line of the first NUL byte, or 0 */
    bool too_big;
    size_t touchpoints;     /* <touchpoint> elements started, ours and competitors' */
    unsigned too_many_line; /* line of the touchpoint beyond LOAD_MAX_TOUCHPOINTS, or 0 */
    bool utf16;             /* starts with a UTF-16 byte order mark */
    bool gzip;              /* starts with the gzip magic */
    unsigned doctype_line;  /* line of the first "<!DOCTYPE", or 0 */
    size_t doctype_match;   /* bytes of "<!DOCTYPE" matched so far */
    int read_errno;
    char *bad_encoding; /* a declared encoding other than UTF-8 */
    char head[256];     /* the file's first bytes, for declared_encoding() */
    size_t head_len;
    bool head_done; /* the XML declaration has been looked at */

    /* Lines where start tags begin ("<touchpoint"), queued by the read
     * callback and taken by the element loop in document order: libxml2
     * reports the line where a start tag ends, which for a tag written
     * over several lines is not where an editor should jump. */
    enum lex { LEX_TEXT, LEX_LT, LEX_BANG, LEX_TAG, LEX_COMMENT, LEX_CDATA, LEX_PI } lex;
    char lex_quote;   /* LEX_TAG: the open quote, or 0 */
    unsigned lex_run; /* '-' / ']' run in comments and CDATA; '?' seen in PIs */
    unsigned lt_line; /* line of the last '<' */
    unsigned *starts;
    size_t n_starts, cap_starts, next_start;

    /* the first XML error */
    bool xml_error;
    unsigned xml_error_line;
    int xml_error_code;
    bool root_seen; /* the first element has started */
    bool root_ok;   /* ... and it is <journey> */
    char *xml_error_msg;

    /* elements */
    struct frame stack[MAX_DEPTH];
    size_t depth;
    bool skip;   /* skip the current element's subtree */
    bool errors; /* an error finding was added */

    struct idmap ids;
    struct pending *pend;
    size_t n_pend, cap_pend;

    /* children being collected, one set per open container */
    struct ptrvec owners, changes, stages, competitors, all_tps, overrides;
    struct ptrvec stage_tps;
    struct ptrvec pluses, minuses, metrics, nexts;
    struct ptrvec ratings, comp_tps;
};

/* ---------------------------------------------------------------------------
 * Small helpers
 */

static void
vec_push(struct ptrvec *v, void *p)
{
    xgrow((void **)&v->v, &v->cap, v->n + 1, sizeof *v->v);
    v->v[v->n++] = p;
}

/* Copy the collected pointers into the arena and empty v. */
static void **
vec_freeze(struct loader *L, struct ptrvec *v, size_t *n_out)
{
    void **out = arena_memdup(L->arena, v->v, v->n * sizeof *v->v);
    *n_out = v->n;
    v->n = 0;
    return out;
}

static void
vec_free(struct ptrvec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

#define FREEZE(L, vec, field, count) ((field) = (void *)vec_freeze((L), (vec), &(count)))

static void error_at(struct loader *L, unsigned line, const char *rule, const char *subject,
                     const char *fmt, ...) PRINTF_LIKE(5, 6);

static void
error_at(struct loader *L, unsigned line, const char *rule, const char *subject, const char *fmt,
         ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(L->diag, line, SEVERITY_ERROR, rule, subject, "%s", msg);
    free(msg);
    L->errors = true;
}

/* A quoted, shortened copy of a user value for messages (arena). */
static const char *
quoted(struct loader *L, const char *s)
{
    return arena_quote(L->arena, s, 60);
}

/* An arena copy of s without leading and trailing XML white space. */
static const char *
trimmed(struct loader *L, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return arena_strndup(L->arena, s, n);
}

static bool
is_id(const char *s)
{
    size_t n = 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        return false;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return n <= 64;
}

static bool
is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* Whole decimal number: -?[0-9]+ within [min, max]. */
static bool
parse_int(const char *s, double min, double max, long *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p)
        return false;
    long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > 1000000000L)
            return false; /* far outside every range we accept */
        v = v * 10 + (*p - '0');
    }
    if (*s == '-')
        v = -v;
    if ((double)v < min || (double)v > max)
        return false;
    *out = v;
    return true;
}

/* Decimal number: -?(digits[.digits]|.digits), within [min, max]. */
static bool
parse_num(const char *s, double min, double max, double *out)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (*p || digits == 0 || strlen(s) > 40)
        return false;
    double v = strtod(s, NULL);
    if (!isfinite(v) || v < min || v > max)
        return false;
    *out = v == 0 ? 0 : v; /* no negative zero */
    return true;
}

/* "1 to 5" / "0 to 1" for messages. */
static void
range_text(struct buf *b, double min, double max)
{
    if (max >= 1e9 && min <= -1e9)
        buf_printf(b, "between -%g and %g", 1e15, 1e15);
    else if (max >= 1e9)
        buf_printf(b, "%g or more", min);
    else
        buf_printf(b, "from %g to %g", min, max);
}

/* ---------------------------------------------------------------------------
 * The id space
 */

static struct ent *
idmap_get(struct idmap *m, const char *id)
{
    size_t i = strindex_find(&m->ids, id);
    return i == STRINDEX_NONE ? NULL : &m->ents[i];
}

/* Insert id, or return the existing entry for it. */
static struct ent *
idmap_put(struct idmap *m, const char *id, enum ent_kind kind, void *obj, unsigned line)
{
    struct ent *old = idmap_get(m, id);
    if (old)
        return old;
    size_t i = strindex_add(&m->ids, id);
    xgrow((void **)&m->ents, &m->cap, i + 1, sizeof *m->ents);
    m->ents[i] = (struct ent){kind, obj, line};
    return NULL;
}

/* Define an id; a second definition is a duplicate-id error. */
static void
define(struct loader *L, const struct frame *f, const char *id, enum ent_kind kind, void *obj)
{
    if (!id)
        return;
    struct ent *old = idmap_put(&L->ids, id, kind, obj, f->line);
    if (old)
        error_at(L, f->line, "duplicate-id", id,
                 "%s uses the id %s, already given to %s at line %u; ids must be unique in a file",
                 f->desc, quoted(L, id), ent_names[old->kind], old->line);
}

/* Record a reference to resolve at the end. Returns the pending entry. */
static struct pending *
refer(struct loader *L, const struct frame *f, const struct val *v, const char *attr,
      enum ent_kind want)
{
    if (!v->ok)
        return NULL;
    xgrow((void **)&L->pend, &L->cap_pend, L->n_pend + 1, sizeof *L->pend);
    struct pending *p = &L->pend[L->n_pend++];
    memset(p, 0, sizeof *p);
    p->want = want;
    p->name = v->s;
    p->line = f->line;
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "%s has %s=", f->desc, attr);
    p->what = arena_strdup(L->arena, buf_str(&b));
    buf_finish(&b);
    p->subject = f->subject;
    return p;
}

/* ---------------------------------------------------------------------------
 * Attributes
 */

static const char *
el_list(const struct child *kids, size_t n, struct buf *b)
{
    for (size_t i = 0; i < n; i++) {
        /* "touchpoint" appears once even though two kinds share the name */
        bool dup = false;
        for (size_t k = 0; k < i; k++)
            dup |= strcmp(els[kids[k].kind].name, els[kids[i].kind].name) == 0;
        if (!dup)
            buf_printf(b, "%s<%s>", b->len ? ", " : "", els[kids[i].kind].name);
    }
    return buf_str(b);
}

static void
vocab_list(struct buf *b, const char *const *vocab, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", vocab[i]);
}

/* Check one attribute value against its spec; report and fill *v. */
static void
check_value(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v)
{
    struct buf b;
    buf_init(&b);
    /* Quoted only for a message: most values are fine. */
    switch (a->type) {
    case T_ID:
    case T_REF:
        v->ok = is_id(v->s);
        if (!v->ok)
            error_at(L, f->line, "schema", f->subject,
                     "%s has %s %s, which is not an id: use a letter followed by letters, digits, "
                     "'-', '_' or '.', at most 64 characters",
                     f->desc, a->name, quoted(L, v->s));
        break;
    case T_REFS: {
        v->ok = !is_blank(v->s);
        char *copy = xstrdup(v->s);
        for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
             t = strtok_r(NULL, " \t\n\r", &save))
            if (!is_id(t)) {
                v->ok = false;
                error_at(L, f->line, "schema", f->subject,
                         "%s has %s %s, which is not a list of ids separated by spaces", f->desc,
                         a->name, quoted(L, v->s));
                break;
            }
        free(copy);
        if (is_blank(v->s))
            error_at(L, f->line, "schema", f->subject,
                     "%s has an empty %s; name at least one stage id or leave the attribute out",
                     f->desc, a->name);
        break;
    }
    case T_TEXT: {
        /* Names are shown everywhere: keep them without outer spaces. */
        v->s = trimmed(L, v->s);
        v->ok = *v->s != '\0';
        if (!v->ok)
            error_at(L, f->line, "invalid-value", f->subject, "%s has an empty %s; give it one",
                     f->desc, a->name);
        break;
    }
    case T_OPTTEXT:
        v->ok = true;
        break;
    case T_ENUM: {
        int k = vocab_find(a->vocab, a->vocab_len, v->s);
        v->ok = k >= 0;
        v->i = k;
        if (!v->ok) {
            vocab_list(&b, a->vocab, a->vocab_len);
            error_at(L, f->line, "schema", f->subject, "%s has %s %s; expected one of %s", f->desc,
                     a->name, quoted(L, v->s), buf_str(&b));
        }
        break;
    }
    case T_INT:
        v->ok = parse_int(v->s, a->min, a->max, &v->i);
        if (!v->ok) {
            range_text(&b, a->min, a->max);
            error_at(L, f->line, "invalid-value", f->subject,
                     "%s has %s %s; expected a whole number %s", f->desc, a->name, quoted(L, v->s),
                     buf_str(&b));
        }
        break;
    case T_NUM:
        v->ok = parse_num(v->s, a->min, a->max, &v->d);
        if (!v->ok) {
            range_text(&b, a->min, a->max);
            error_at(L, f->line, "invalid-value", f->subject,
                     "%s has %s %s; expected a decimal number %s", f->desc, a->name,
                     quoted(L, v->s), buf_str(&b));
        }
        break;
    case T_DATE:
        v->ok = date_parse(v->s, &v->date);
        if (!v->ok)
            error_at(L, f->line, "invalid-value", f->subject,
                     "%s has %s %s, which is not a calendar date; write YYYY-MM-DD, e.g. "
                     "2026-03-31",
                     f->desc, a->name, quoted(L, v->s));
        break;
    case T_VERSION:
        v->ok = strcmp(v->s, "1") == 0;
        if (!v->ok)
            error_at(L, f->line, "invalid-value", f->subject,
                     "%s has version %s; this journeymap reads format version 1", f->desc,
                     quoted(L, v->s));
        break;
    case T_METRIC: {
        int k = vocab_find(metric_names, METRIC_KIND_COUNT, v->s);
        if (k < 0 && strncmp(v->s, "x-", 2) == 0)
            k = METRIC_USER;
        v->ok = k >= 0;
        v->i = k;
        if (!v->ok) {
            vocab_list(&b, metric_names, METRIC_KIND_COUNT - 1);
            error_at(L, f->line, "schema", f->subject,
                     "%s has name %s; expected one of %s, or your own name starting with \"x-\"",
                     f->desc, quoted(L, v->s), buf_str(&b));
        }
        break;
    }
    case T_RULE:
        v->ok = catalog_find(v->s) != NULL;
        if (!v->ok)
            error_at(L, f->line, "unknown-reference", f->subject,
                     "%s has id %s, which is not a journeymap rule (see docs/rules.md)", f->desc,
                     quoted(L, v->s));
        break;
    }
    buf_finish(&b);
}

/* The description used in messages: <name attr="value"> for the identifying attribute. */
static const char *
describe(struct loader *L, enum el kind, const char *const *names, const char *const *values,
         size_t n)
{
    static const char *const keys[] = {"id", "touchpoint", "to", "name"};
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<%s", els[kind].name);
    for (size_t k = 0; k < ARRAY_LEN(keys); k++) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], keys[k]) == 0) {
                buf_printf(&b, " %s=", keys[k]);
                buf_quote(&b, values[i], 40);
                goto done;
            }
    }
done:
    buf_putc(&b, '>');
    const char *s = arena_strdup(L->arena, buf_str(&b));
    buf_finish(&b);
    return s;
}

/*
 * Read the current element's attributes into vals[] (indexed like the
 * element's spec), reporting unknown, missing and malformed ones. Also
 * sets the frame's description and subject.
 */
static void
read_attrs(struct loader *L, struct frame *f, struct val *vals)
{
    const struct el_info *info = &els[f->kind];
    const char *names[MAX_ATTRS + 1], *values[MAX_ATTRS + 1];
    size_t n = 0;
    struct buf extra;
    buf_init(&extra);

    memset(vals, 0, info->n_attrs * sizeof *vals);
    while (xmlTextReaderMoveToNextAttribute(L->reader) == 1) {
        const char *name = (const char *)xmlTextReaderConstName(L->reader);
        const char *value = (const char *)xmlTextReaderConstValue(L->reader);
        if (!name || !value)
            continue;
        /* Declaring a namespace is harmless; using one is an unknown name. */
        if (xmlTextReaderIsNamespaceDecl(L->reader) == 1)
            continue;
        size_t k = 0;
        if (!xmlTextReaderConstNamespaceUri(L->reader))
            for (; k < info->n_attrs; k++)
                if (strcmp(info->attrs[k].name, name) == 0)
                    break;
        if (xmlTextReaderConstNamespaceUri(L->reader) || k == info->n_attrs) {
            buf_printf(&extra, "%s\"%s\"", extra.len ? ", " : "", name);
            continue;
        }
        vals[k].present = true;
        vals[k].s = arena_strdup(L->arena, value);
        if (n < MAX_ATTRS) {
            names[n] = info->attrs[k].name;
            values[n++] = vals[k].s;
        }
    }
    xmlTextReaderMoveToElement(L->reader);

    f->desc = describe(L, f->kind, names, values, n);
    /* The subject: the element's own id when it is well-formed, else the parent's. */
    f->subject = L->depth > 1 ? L->stack[L->depth - 2].subject : "";
    for (size_t k = 0; k < info->n_attrs; k++)
        if (info->attrs[k].type == T_ID && vals[k].present && is_id(vals[k].s))
            f->subject = vals[k].s;

    if (extra.len) {
        struct buf allowed;
        buf_init(&allowed);
        for (size_t k = 0; k < info->n_attrs; k++)
            buf_printf(&allowed, "%s%s", k ? ", " : "allowed: ", info->attrs[k].name);
        error_at(L, f->line, "schema", f->subject, "%s has unknown attribute%s %s; %s", f->desc,
                 strchr(buf_str(&extra), ',') ? "s" : "", buf_str(&extra),
                 info->n_attrs ? buf_str(&allowed) : "it takes none");
        buf_finish(&allowed);
    }
    buf_finish(&extra);

    for (size_t k = 0; k < info->n_attrs; k++) {
        if (!vals[k].present) {
            if (info->attrs[k].required)
                error_at(L, f->line, "schema", f->subject, "%s lacks the required attribute \"%s\"",
                         f->desc, info->attrs[k].name);
            continue;
        }
        check_value(L, f, &info->attrs[k], &vals[k]);
    }
}

/* The value of attribute name of the current element (must exist in the spec). */
static const struct val *
attr(const struct frame *f, const struct val *vals, const char *name)
{
    const struct el_info *info = &els[f->kind];
    for (size_t k = 0; k < info->n_attrs; k++)
        if (strcmp(info->attrs[k].name, name) == 0)
            return &vals[k];
    abort(); /* a typo in this file */
}

static const char *
str_or_empty(const struct val *v)
{
    return v->present ? v->s : "";
}

/* ---------------------------------------------------------------------------
 * Building the model: one start and one end handler per element kind
 */

/* The element enclosing the current one (every handler below has one). */
static struct frame *
parent(struct loader *L)
{
    if (L->depth < 2)
        abort();
    return &L->stack[L->depth - 2];
}

static void
start_journey(struct loader *L, struct frame *f, const struct val *v)
{
    struct journey *j = L->j;
    j->loc = (struct loc){L->file, f->line};
    j->id = attr(f, v, "id")->ok ? attr(f, v, "id")->s : "";
    j->name = str_or_empty(attr(f, v, "name"));
    j->policy.loc = j->loc;
    f->obj = j;
}

static void
start_review(struct loader *L, struct frame *f, const struct val *v)
{
    struct review *r = arena_alloc(L->arena, sizeof *r);
    r->loc = (struct loc){L->file, f->line};
    r->date = attr(f, v, "date")->date;
    r->by = attr(f, v, "by")->present ? attr(f, v, "by")->s : NULL;
    L->j->review = r;
}

static void
start_policy(struct loader *L, struct frame *f, const struct val *v)
{
    struct policy *p = &L->j->policy;
    const struct val *x;
    p->loc = (struct loc){L->file, f->line};
    if ((x = attr(f, v, "max-silence-days"))->ok)
        p->max_silence_days = (unsigned)x->i;
    if ((x = attr(f, v, "first-contact-days"))->ok)
        p->first_contact_days = (unsigned)x->i;
    if ((x = attr(f, v, "max-reactive-share"))->ok)
        p->max_reactive_share = x->d;
    if ((x = attr(f, v, "min-score"))->ok)
        p->min_score = (int)x->i;
    if ((x = attr(f, v, "max-wait-seconds"))->ok)
        p->max_wait_seconds = x->d;
    if ((x = attr(f, v, "max-drop-off"))->ok)
        p->max_drop_off = x->d;
    if ((x = attr(f, v, "review-days"))->ok)
        p->review_days = (unsigned)x->i;
}

static void
start_rule(struct loader *L, struct frame *f, const struct val *v)
{
    const struct val *id = attr(f, v, "id"), *sev = attr(f, v, "severity");
    if (!id->ok || !sev->ok)
        return;
    const struct rule_info *r = catalog_find(id->s);
    if (r->category == RULE_ERROR) {
        error_at(L, f->line, "invalid-value", f->subject,
                 "%s: the rule %s finds files that cannot be used; its severity cannot be changed",
                 f->desc, quoted(L, id->s));
        return;
    }
    struct rule_override *o = arena_alloc(L->arena, sizeof *o);
    o->loc = (struct loc){L->file, f->line};
    o->rule = r->id;
    o->severity = (enum severity)vocab_find(severity_names, SEVERITY_COUNT, sev->s);
    vec_push(&L->overrides, o);
}

static void
start_owner(struct loader *L, struct frame *f, const struct val *v)
{
    struct owner *o = arena_alloc(L->arena, sizeof *o);
    o->loc = (struct loc){L->file, f->line};
    o->id = str_or_empty(attr(f, v, "id"));
    o->name = str_or_empty(attr(f, v, "name"));
    const struct val *t = attr(f, v, "trained");
    o->trained = t->ok ? (enum trained)(t->i + 1) : TRAINED_UNKNOWN;
    define(L, f, attr(f, v, "id")->ok ? o->id : NULL, ENT_OWNER, o);
    vec_push(&L->owners, o);
}

static void
start_change(struct loader *L, struct frame *f, const struct val *v)
{
    struct change *c = arena_alloc(L->arena, sizeof *c);
    c->loc = (struct loc){L->file, f->line};
    c->id = str_or_empty(attr(f, v, "id"));
    c->name = str_or_empty(attr(f, v, "name"));
    c->date = attr(f, v, "date")->date;
    c->markdown = "";
    define(L, f, attr(f, v, "id")->ok ? c->id : NULL, ENT_CHANGE, c);
    const struct val *aff = attr(f, v, "affects");
    if (aff->ok) {
        /* Count, allocate, then record one pending reference per stage id. */
        char *copy = xstrdup(aff->s);
        size_t n = 0;
        for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
             t = strtok_r(NULL, " \t\n\r", &save))
            n++;
        c->affects = arena_alloc(L->arena, n * sizeof *c->affects);
        c->n_affects = n;
        strcpy(copy, aff->s);
        n = 0;
        for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
             t = strtok_r(NULL, " \t\n\r", &save)) {
            struct val one = {true, true, arena_strdup(L->arena, t), 0, 0, 0};
            struct pending *p = refer(L, f, &one, "affects", ENT_STAGE);
            p->slot.stage = &c->affects[n++];
        }
        free(copy);
    }
    f->obj = c;
    c->index = L->changes.n;
    vec_push(&L->changes, c);
}

static void
start_stage(struct loader *L, struct frame *f, const struct val *v)
{
    struct stage *s = arena_alloc(L->arena, sizeof *s);
    s->loc = (struct loc){L->file, f->line};
    s->id = str_or_empty(attr(f, v, "id"));
    s->name = str_or_empty(attr(f, v, "name"));
    const struct val *x = attr(f, v, "phase");
    s->phase = x->ok ? (enum phase)(x->i + 1) : PHASE_NONE;
    if ((x = attr(f, v, "days"))->present) {
        /* An invalid days is already an error; treat it as "long enough" so
         * that its touchpoints do not add confusing follow-on errors. */
        s->has_days = true;
        s->days = x->ok ? (unsigned)x->i : LOAD_MAX_DAYS;
    }
    s->index = L->stages.n;
    define(L, f, attr(f, v, "id")->ok ? s->id : NULL, ENT_STAGE, s);
    f->obj = s;
    vec_push(&L->stages, s);
}

/* Attributes shared by our touchpoints and competitors'. */
static struct touchpoint *
new_touchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = arena_alloc(L->arena, sizeof *t);
    const struct val *x;
    t->loc = (struct loc){L->file, f->line};
    t->id = str_or_empty(attr(f, v, "id"));
    t->name = str_or_empty(attr(f, v, "name"));
    t->channel = attr(f, v, "channel")->ok ? (enum channel)attr(f, v, "channel")->i : CHANNEL_OTHER;
    t->initiator = attr(f, v, "initiator")->ok ? (enum initiator)attr(f, v, "initiator")->i
                                               : INITIATOR_CUSTOMER;
    if ((x = attr(f, v, "mode"))->ok)
        t->mode = (enum mode)(x->i + 1);
    if ((x = attr(f, v, "purpose"))->ok)
        t->purpose = (enum purpose)(x->i + 1);
    if ((x = attr(f, v, "day"))->ok) {
        t->day = (unsigned)x->i;
        t->has_day = true;
    }
    if ((x = attr(f, v, "every"))->ok)
        t->every = (unsigned)x->i;
    if ((x = attr(f, v, "score"))->ok)
        t->score = (int)x->i;
    if ((x = attr(f, v, "emotion"))->ok) {
        t->emotion = (int)x->i;
        t->has_emotion = true;
    }
    struct pending *p;
    if ((p = refer(L, f, attr(f, v, "owner"), "owner", ENT_OWNER)))
        p->slot.owner = &t->owner;
    if ((p = refer(L, f, attr(f, v, "about"), "about", ENT_CHANGE)))
        p->slot.change = &t->about;
    f->obj = t;
    return t;
}

/* day and every against the stage's days (ours at once, competitors' after resolution). */
static void
check_timing(struct loader *L, const struct touchpoint *t, const char *desc, const char *subject)
{
    const struct stage *s = t->stage;
    if (!s)
        return;
    if (s->has_days && t->day > s->days)
        error_at(L, t->loc.line, "invalid-value", subject,
                 "%s is on day %u, beyond the %u days of stage %s; move it into the stage or "
                 "lengthen the stage",
                 desc, t->day, s->days, quoted(L, s->name));
    if (t->every && !s->has_days)
        error_at(L, t->loc.line, "invalid-value", subject,
                 "%s repeats every %u days, but stage %s has no days attribute to say when the "
                 "repeats stop; give the stage a length",
                 desc, t->every, quoted(L, s->name));
}

static void
start_touchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = new_touchpoint(L, f, v);
    t->stage = parent(L)->obj;
    t->index = L->all_tps.n;
    define(L, f, attr(f, v, "id")->ok ? t->id : NULL, ENT_TOUCHPOINT, t);
    check_timing(L, t, f->desc, f->subject);
    vec_push(&L->stage_tps, t);
    vec_push(&L->all_tps, t);
}

static void
end_touchpoint(struct loader *L, struct frame *f)
{
    struct touchpoint *t = f->obj;
    FREEZE(L, &L->pluses, t->pluses, t->n_pluses);
    FREEZE(L, &L->minuses, t->minuses, t->n_minuses);
    FREEZE(L, &L->metrics, t->metrics, t->n_metrics);
    FREEZE(L, &L->nexts, t->nexts, t->n_nexts);
    double sum = 0;
    for (size_t i = 0; i < t->n_nexts; i++)
        sum += t->nexts[i]->has_share ? t->nexts[i]->share : 0;
    if (sum > 1 + 1e-9)
        error_at(L, f->line, "invalid-value", f->subject,
                 "the <next> shares of %s add up to %g; the customers leaving a touchpoint can "
                 "add up to 1 at most",
                 f->desc, sum);
}

static void
start_ctouchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = new_touchpoint(L, f, v);
    t->competitor = parent(L)->obj;
    t->index = L->comp_tps.n;
    define(L, f, attr(f, v, "id")->ok ? t->id : NULL, ENT_CTOUCHPOINT, t);
    struct pending *p = refer(L, f, attr(f, v, "stage"), "stage", ENT_STAGE);
    if (p)
        p->slot.stage = &t->stage;
    vec_push(&L->comp_tps, t);
}

static void
end_ctouchpoint(struct loader *L, struct frame *f)
{
    struct touchpoint *t = f->obj;
    FREEZE(L, &L->pluses, t->pluses, t->n_pluses);
    FREEZE(L, &L->minuses, t->minuses, t->n_minuses);
    FREEZE(L, &L->metrics, t->metrics, t->n_metrics);
}

static void
start_metric(struct loader *L, struct frame *f, const struct val *v)
{
    const struct val *name = attr(f, v, "name"), *value = attr(f, v, "value");
    struct metric *m = arena_alloc(L->arena, sizeof *m);
    m->loc = (struct loc){L->file, f->line};
    m->name = str_or_empty(name);
    m->kind = name->ok ? (enum metric_kind)name->i : METRIC_USER;
    m->value = value->ok ? value->d : 0;
    if (name->ok && value->ok &&
        (m->value < metric_range[m->kind].min || m->value > metric_range[m->kind].max)) {
        struct buf b;
        buf_init(&b);
        range_text(&b, metric_range[m->kind].min, metric_range[m->kind].max);
        error_at(L, f->line, "invalid-value", f->subject, "%s has value %s; %s is measured %s",
                 f->desc, quoted(L, value->s), m->name, buf_str(&b));
        buf_finish(&b);
    }
    vec_push(&L->metrics, m);
}

static void
start_plan(struct loader *L, struct frame *f, const struct val *v)
{
    struct plan *p = arena_alloc(L->arena, sizeof *p);
    p->loc = (struct loc){L->file, f->line};
    p->markdown = "";
    const struct val *due = attr(f, v, "due");
    if (due->ok) {
        p->has_due = true;
        p->due = due->date;
    }
    struct pending *r = refer(L, f, attr(f, v, "owner"), "owner", ENT_OWNER);
    if (r)
        r->slot.owner = &p->owner;
    ((struct touchpoint *)parent(L)->obj)->plan = p;
    f->obj = p;
}

static void
start_next(struct loader *L, struct frame *f, const struct val *v)
{
    struct next *n = arena_alloc(L->arena, sizeof *n);
    n->loc = (struct loc){L->file, f->line};
    const struct val *share = attr(f, v, "share");
    if (share->ok) {
        n->has_share = true;
        n->share = share->d;
    }
    struct pending *p = refer(L, f, attr(f, v, "to"), "to", ENT_TOUCHPOINT);
    if (p)
        p->slot.touchpoint = &n->to;
    L->j->uses_next = true;
    vec_push(&L->nexts, n);
}

static void
start_competitor(struct loader *L, struct frame *f, const struct val *v)
{
    struct competitor *c = arena_alloc(L->arena, sizeof *c);
    c->loc = (struct loc){L->file, f->line};
    c->id = str_or_empty(attr(f, v, "id"));
    c->name = str_or_empty(attr(f, v, "name"));
    define(L, f, attr(f, v, "id")->ok ? c->id : NULL, ENT_COMPETITOR, c);
    f->obj = c;
    vec_push(&L->competitors, c);
}

static void
end_competitor(struct loader *L, struct frame *f)
{
    struct competitor *c = f->obj;
    FREEZE(L, &L->ratings, c->ratings, c->n_ratings);
    FREEZE(L, &L->comp_tps, c->touchpoints, c->n_touchpoints);
}

static void
start_rating(struct loader *L, struct frame *f, const struct val *v)
{
    struct rating *r = arena_alloc(L->arena, sizeof *r);
    r->loc = (struct loc){L->file, f->line};
    r->score = attr(f, v, "score")->ok ? (int)attr(f, v, "score")->i : 0;
    r->markdown = "";
    struct pending *p = refer(L, f, attr(f, v, "touchpoint"), "touchpoint", ENT_TOUCHPOINT);
    if (p)
        p->slot.touchpoint = &r->touchpoint;
    f->obj = r;
    vec_push(&L->ratings, r);
}

static void
end_stage(struct loader *L, struct frame *f)
{
    struct stage *s = f->obj;
    FREEZE(L, &L->stage_tps, s->touchpoints, s->n_touchpoints);
}

/*
 * Markdown text: drop the blank lines around it and the indentation that
 * all its lines share, so that text indented to match the XML around it
 * does not turn into a Markdown code block.
 */
static const char *
dedent(struct loader *L, const char *s)
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
    /* The common whitespace prefix of the non-blank lines. */
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

static void
end_markdown(struct loader *L, struct frame *f)
{
    if (f->text_overflow) {
        error_at(L, f->line, "invalid-value", f->subject,
                 "%s holds more than %zu bytes of text; shorten it or link to a document", f->desc,
                 LOAD_MAX_MARKDOWN);
        return;
    }
    const char *md = dedent(L, buf_str(&f->text));
    struct frame *p = parent(L);
    switch (f->kind) {
    case EL_DESCRIPTION:
        if (p->kind == EL_JOURNEY)
            L->j->description = md;
        else
            ((struct stage *)p->obj)->description = md;
        break;
    case EL_NOTE:
    case EL_PLUS:
    case EL_MINUS: {
        struct text *t = arena_alloc(L->arena, sizeof *t);
        t->loc = (struct loc){L->file, f->line};
        t->markdown = md;
        if (f->kind == EL_NOTE)
            ((struct touchpoint *)p->obj)->note = t;
        else
            vec_push(f->kind == EL_PLUS ? &L->pluses : &L->minuses, t);
        break;
    }
    case EL_PLAN:
        ((struct plan *)f->obj)->markdown = md;
        break;
    case EL_CHANGE:
        ((struct change *)f->obj)->markdown = md;
        break;
    case EL_RATING:
        ((struct rating *)f->obj)->markdown = md;
        break;
    case EL_JOURNEY:
    case EL_REVIEW:
    case EL_POLICY:
    case EL_RULE:
    case EL_OWNERS:
    case EL_OWNER:
    case EL_STAGE:
    case EL_TOUCHPOINT:
    case EL_CTOUCHPOINT:
    case EL_METRIC:
    case EL_NEXT:
    case EL_COMPETITOR:
    case EL_COUNT:
        break;
    }
}

/* ---------------------------------------------------------------------------
 * The element stream
 */

static void
on_end(struct loader *L)
{
    struct frame *f = &L->stack[L->depth - 1];
    if (els[f->kind].markdown)
        end_markdown(L, f);
    switch (f->kind) {
    case EL_STAGE:
        end_stage(L, f);
        break;
    case EL_TOUCHPOINT:
        end_touchpoint(L, f);
        break;
    case EL_CTOUCHPOINT:
        end_ctouchpoint(L, f);
        break;
    case EL_COMPETITOR:
        end_competitor(L, f);
        break;
    case EL_JOURNEY:
    case EL_DESCRIPTION:
    case EL_REVIEW:
    case EL_POLICY:
    case EL_RULE:
    case EL_OWNERS:
    case EL_OWNER:
    case EL_CHANGE:
    case EL_NOTE:
    case EL_PLUS:
    case EL_MINUS:
    case EL_METRIC:
    case EL_PLAN:
    case EL_NEXT:
    case EL_RATING:
    case EL_COUNT:
        break;
    }
    buf_finish(&f->text);
    L->depth--;
}

static unsigned start_line(struct loader *L);

static void
on_start(struct loader *L)
{
    const char *name = (const char *)xmlTextReaderConstLocalName(L->reader);
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(L->reader);
    unsigned uline = start_line(L);
    struct frame *up = L->depth ? &L->stack[L->depth - 1] : NULL;
    enum el kind = EL_COUNT;
    bool once = false;
    if (!name)
        name = "";

    if (!up) {
        L->root_seen = true;
        if (strcmp(name, "journey") != 0 || ns) {
            if (ns)
                error_at(L, uline, "schema", "",
                         "the root element <%s> is in the namespace %s; journey files use no "
                         "namespace: remove the xmlns attribute",
                         name, quoted(L, ns));
            else
                error_at(L, uline, "schema", "",
                         "the root element is <%s>; a journey file starts with <journey>", name);
            L->skip = true;
            return;
        }
        kind = EL_JOURNEY;
        L->root_ok = true;
    } else {
        const struct el_info *pi = &els[up->kind];
        for (size_t i = 0; i < pi->n_children && !ns; i++)
            if (strcmp(els[pi->children[i].kind].name, name) == 0) {
                kind = pi->children[i].kind;
                once = pi->children[i].once;
            }
        if (kind == EL_COUNT) {
            struct buf b;
            buf_init(&b);
            if (pi->markdown)
                error_at(L, uline, "schema", up->subject,
                         "%s holds Markdown text, not elements: found <%s>; write Markdown "
                         "(e.g. **bold**) instead of tags",
                         up->desc, name);
            else if (pi->n_children == 0)
                error_at(L, uline, "schema", up->subject, "%s cannot contain elements: found <%s>",
                         up->desc, name);
            else
                error_at(L, uline, "schema", up->subject,
                         "%s cannot contain <%s>%s; allowed here: %s", up->desc, name,
                         ns ? " from another namespace" : "",
                         el_list(pi->children, pi->n_children, &b));
            buf_finish(&b);
            L->skip = true;
            return;
        }
        if (once && up->seen[kind]) {
            error_at(L, uline, "schema", up->subject, "%s has a second <%s>; only one is allowed",
                     up->desc, name);
            L->skip = true;
            return;
        }
        up->seen[kind]++;
    }
    if ((kind == EL_TOUCHPOINT || kind == EL_CTOUCHPOINT) &&
        ++L->touchpoints > LOAD_MAX_TOUCHPOINTS) {
        L->too_many_line = uline; /* the element loop stops reading */
        L->skip = true;
        return;
    }

    if (L->depth == MAX_DEPTH) { /* cannot happen with the tables above */
        L->skip = true;
        return;
    }
    struct frame *f = &L->stack[L->depth++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->line = uline;
    buf_init(&f->text);
    struct val vals[MAX_ATTRS];
    read_attrs(L, f, vals);

    switch (kind) {
    case EL_JOURNEY:
        start_journey(L, f, vals);
        break;
    case EL_REVIEW:
        start_review(L, f, vals);
        break;
    case EL_POLICY:
        start_policy(L, f, vals);
        break;
    case EL_RULE:
        start_rule(L, f, vals);
        break;
    case EL_OWNER:
        start_owner(L, f, vals);
        break;
    case EL_CHANGE:
        start_change(L, f, vals);
        break;
    case EL_STAGE:
        start_stage(L, f, vals);
        break;
    case EL_TOUCHPOINT:
        start_touchpoint(L, f, vals);
        break;
    case EL_CTOUCHPOINT:
        start_ctouchpoint(L, f, vals);
        break;
    case EL_METRIC:
        start_metric(L, f, vals);
        break;
    case EL_PLAN:
        start_plan(L, f, vals);
        break;
    case EL_NEXT:
        start_next(L, f, vals);
        break;
    case EL_COMPETITOR:
        start_competitor(L, f, vals);
        break;
    case EL_RATING:
        start_rating(L, f, vals);
        break;
    case EL_DESCRIPTION:
    case EL_OWNERS:
    case EL_NOTE:
    case EL_PLUS:
    case EL_MINUS:
    case EL_COUNT:
        break;
    }
    if (xmlTextReaderIsEmptyElement(L->reader) == 1)
        on_end(L);
}

static void
on_text(struct loader *L, bool whitespace)
{
    if (L->depth == 0)
        return;
    struct frame *f = &L->stack[L->depth - 1];
    const char *s = (const char *)xmlTextReaderConstValue(L->reader);
    if (!s)
        return;
    if (els[f->kind].markdown) {
        size_t n = strlen(s);
        if (f->text.len + n > LOAD_MAX_MARKDOWN)
            f->text_overflow = true;
        else
            buf_append(&f->text, s, n);
        return;
    }
    if (whitespace || is_blank(s) || f->stray_text)
        return;
    f->stray_text = true;
    const char *t = trimmed(L, s);
    error_at(L, f->line, "schema", f->subject,
             "%s contains the text %s; only <description>, <note>, <plus>, <minus>, <plan>, "
             "<change> and <rating> hold text (use a <note> or an XML comment)",
             f->desc, quoted(L, t));
}

/* ---------------------------------------------------------------------------
 * After the last element: references and checks that need every id
 */

static void
resolve(struct loader *L)
{
    for (size_t i = 0; i < L->n_pend; i++) {
        struct pending *p = &L->pend[i];
        struct ent *e = idmap_get(&L->ids, p->name);
        if (!e) {
            error_at(L, p->line, "unknown-reference", p->subject,
                     "%s%s, but the file defines no such id; expected %s", p->what,
                     quoted(L, p->name), ent_names[p->want]);
            continue;
        }
        if (e->kind != p->want) {
            error_at(L, p->line, "unknown-reference", p->subject,
                     "%s%s, which is %s (line %u); expected %s", p->what, quoted(L, p->name),
                     ent_names[e->kind], e->line, ent_names[p->want]);
            continue;
        }
        switch (p->want) {
        case ENT_OWNER:
            *p->slot.owner = e->obj;
            break;
        case ENT_CHANGE:
            *p->slot.change = e->obj;
            break;
        case ENT_STAGE:
            *p->slot.stage = e->obj;
            break;
        case ENT_TOUCHPOINT:
            *p->slot.touchpoint = e->obj;
            break;
        case ENT_CTOUCHPOINT:
        case ENT_COMPETITOR:
            break;
        }
    }
}

static void
finish_document(struct loader *L)
{
    struct journey *j = L->j;
    FREEZE(L, &L->owners, j->owners, j->n_owners);
    FREEZE(L, &L->changes, j->changes, j->n_changes);
    FREEZE(L, &L->stages, j->stages, j->n_stages);
    FREEZE(L, &L->all_tps, j->touchpoints, j->n_touchpoints);
    FREEZE(L, &L->competitors, j->competitors, j->n_competitors);
    FREEZE(L, &L->overrides, j->policy.overrides, j->policy.n_overrides);

    if (j->n_stages == 0 && L->root_ok)
        error_at(L, j->loc.line, "schema", j->id,
                 "<journey> has no <stage>; a journey needs at least one stage");
    resolve(L);

    /* Competitors' touchpoints: timing against the stage they name. */
    for (size_t c = 0; c < j->n_competitors; c++)
        for (size_t i = 0; i < j->competitors[c]->n_touchpoints; i++) {
            struct touchpoint *t = j->competitors[c]->touchpoints[i];
            struct buf b;
            buf_init(&b);
            buf_puts(&b, "<touchpoint id=");
            buf_quote(&b, t->id, 40);
            buf_puts(&b, ">");
            check_timing(L, t, buf_str(&b), t->id);
            buf_finish(&b);
        }

    /* At most one rating per competitor and touchpoint. */
    unsigned *first = xcalloc(j->n_touchpoints, sizeof *first);
    for (size_t c = 0; c < j->n_competitors; c++) {
        const struct competitor *comp = j->competitors[c];
        for (size_t i = 0; i < comp->n_ratings; i++) {
            const struct rating *r = comp->ratings[i];
            if (r->touchpoint)
                first[r->touchpoint->index] = 0;
        }
        for (size_t i = 0; i < comp->n_ratings; i++) {
            const struct rating *r = comp->ratings[i];
            if (!r->touchpoint)
                continue;
            unsigned *seen = &first[r->touchpoint->index];
            if (*seen)
                error_at(L, r->loc.line, "invalid-value", comp->id,
                         "competitor %s rates touchpoint %s twice (first at line %u); keep one "
                         "rating",
                         quoted(L, comp->name), quoted(L, r->touchpoint->name), *seen);
            else
                *seen = r->loc.line;
        }
    }
    free(first);
}

/* ---------------------------------------------------------------------------
 * Reading the bytes
 */

static const char doctype_tag[] = "<!DOCTYPE";

/* One byte of the start-tag lexer (see struct loader). Only has to be
 * right for well-formed documents: anything else ends in xml-syntax. */
static void
lex(struct loader *L, char c)
{
    switch (L->lex) {
    case LEX_TEXT:
        if (c == '<') {
            L->lex = LEX_LT;
            L->lt_line = L->in_line;
        }
        break;
    case LEX_LT:
        if (c == '!') {
            L->lex = LEX_BANG;
        } else if (c == '?') {
            L->lex = LEX_PI;
            L->lex_run = 0;
        } else if (c == '/') {
            L->lex = LEX_TAG;
        } else {
            xgrow((void **)&L->starts, &L->cap_starts, L->n_starts + 1, sizeof *L->starts);
            L->starts[L->n_starts++] = L->lt_line;
            L->lex = LEX_TAG;
        }
        L->lex_quote = 0;
        break;
    case LEX_BANG: /* "<!--", "<![CDATA[" or a DOCTYPE (refused anyway) */
        L->lex = c == '-' ? LEX_COMMENT : c == '[' ? LEX_CDATA : LEX_TAG;
        L->lex_run = c == '-' ? (unsigned)-1 : 0; /* the comment's own second '-' */
        break;
    case LEX_TAG:
        if (L->lex_quote) {
            if (c == L->lex_quote)
                L->lex_quote = 0;
        } else if (c == '"' || c == '\'') {
            L->lex_quote = c;
        } else if (c == '>') {
            L->lex = LEX_TEXT;
        }
        break;
    case LEX_COMMENT:
        if (L->lex_run == (unsigned)-1)
            L->lex_run = 0;
        else if (c == '>' && L->lex_run >= 2)
            L->lex = LEX_TEXT;
        else
            L->lex_run = c == '-' ? L->lex_run + 1 : 0;
        break;
    case LEX_CDATA:
        if (c == '>' && L->lex_run >= 2)
            L->lex = LEX_TEXT;
        else
            L->lex_run = c == ']' ? L->lex_run + 1 : 0;
        break;
    case LEX_PI:
        if (c == '>' && L->lex_run)
            L->lex = LEX_TEXT;
        else
            L->lex_run = c == '?';
        break;
    }
}

/* The line where the element the reader is on began. */
static unsigned
start_line(struct loader *L)
{
    if (L->next_start < L->n_starts) {
        unsigned line = L->starts[L->next_start++];
        if (L->next_start == L->n_starts) /* drained: reuse the queue */
            L->next_start = L->n_starts = 0;
        return line;
    }
    long line = xmlGetLineNo(xmlTextReaderCurrentNode(L->reader));
    return line > 0 ? (unsigned)line : (unsigned)xmlTextReaderGetParserLineNumber(L->reader);
}

/* Scan a chunk: count lines, find NULs and the first "<!DOCTYPE". */
static int
scan_chunk(struct loader *L, const char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\0') {
            L->nul_line = L->in_line;
            return i;
        }
        if (!L->doctype_line) {
            if (c == doctype_tag[L->doctype_match]) {
                if (++L->doctype_match == sizeof doctype_tag - 1)
                    L->doctype_line = L->in_line;
            } else {
                L->doctype_match = c == '<';
            }
        }
        lex(L, c);
        if (c == '\n')
            L->in_line++;
    }
    return n;
}

/*
 * The encoding named by an XML declaration at the start of buf[0..n), or
 * NULL when there is none or it names UTF-8. Read here rather than by
 * libxml2, which is told to ignore it (XML_PARSE_IGNORE_ENC): switching
 * encodings would load an iconv module chosen by the file and print
 * conversion errors past our error handler.
 */
static const char *
find_in(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return buf + i;
    return NULL;
}

/* Whether buf[0..n) could still grow into "<?xml " (after a UTF-8 BOM). */
static bool
may_open_declaration(const char *buf, size_t n)
{
    static const char start[] = "\xEF\xBB\xBF<?xml";
    const char *want = n >= 1 && buf[0] == start[0] ? start : start + 3;
    for (size_t i = 0; i < n && want[i]; i++)
        if (buf[i] != want[i])
            return false;
    return true;
}

static char *
declared_encoding(const char *buf, size_t n)
{
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        n -= 3;
    }
    if (n < 6 || memcmp(buf, "<?xml", 5) != 0 || !strchr(" \t\r\n", buf[5]) || buf[5] == '\0')
        return NULL;
    const char *end = find_in(buf, n, "?>");
    const char *p = end ? find_in(buf, (size_t)(end - buf), "encoding") : NULL;
    if (!p)
        return NULL;
    p += 8;
    while (p < end && strchr(" \t\r\n", *p))
        p++;
    if (p == end || *p++ != '=')
        return NULL;
    while (p < end && strchr(" \t\r\n", *p))
        p++;
    if (p == end || (*p != '"' && *p != '\''))
        return NULL;
    const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
    if (!close)
        return NULL;
    size_t len = (size_t)(close - p - 1);
    /* XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*; anything else is left
     * to libxml2, which reports the declaration as malformed. */
    if (len == 0 || !((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z'))
        return NULL;
    for (size_t i = 1; i < len; i++) {
        char c = p[1 + i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '.' &&
            c != '_' && c != '-')
            return NULL;
    }
    if ((len == 5 && strncasecmp(p + 1, "UTF-8", 5) == 0) ||
        (len == 4 && strncasecmp(p + 1, "UTF8", 4) == 0))
        return NULL;
    if (len > 60)
        len = 60;
    char *name = xmalloc(len + 1);
    memcpy(name, p + 1, len);
    name[len] = '\0';
    return name;
}

static int
read_cb(void *ctx, char *buf, int len)
{
    struct loader *L = ctx;
    if (L->nul_line || L->too_big)
        return -1;
    ssize_t n;
    do
        n = read(L->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        L->read_errno = errno;
        return -1;
    }
    if (L->bytes == 0 && n >= 2) {
        const unsigned char *u = (const unsigned char *)buf;
        L->utf16 = (u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE);
        L->gzip = u[0] == 0x1F && u[1] == 0x8B;
        if (L->utf16 || L->gzip)
            return -1;
    }
    if (!L->head_done && n > 0) {
        /* libxml2 reads 4 bytes first: gather the declaration. */
        size_t k =
            (size_t)n < sizeof L->head - L->head_len ? (size_t)n : sizeof L->head - L->head_len;
        memcpy(L->head + L->head_len, buf, k);
        L->head_len += k;
        bool open = L->head_len < sizeof L->head && !find_in(L->head, L->head_len, "?>") &&
                    may_open_declaration(L->head, L->head_len);
        if (!open) {
            L->head_done = true;
            L->bad_encoding = declared_encoding(L->head, L->head_len);
            if (L->bad_encoding)
                return -1;
        }
    }
    L->bytes += (size_t)n;
    if (L->bytes > LOAD_MAX_BYTES) {
        L->too_big = true;
        return -1;
    }
    int kept = scan_chunk(L, buf, (int)n);
    return kept < n ? -1 : (int)n;
}

static int
close_cb(void *ctx)
{
    (void)ctx;
    return 0; /* the fd is closed by load_journey */
}

static void
error_cb(void *ctx, xmlErrorPtr e)
{
    struct loader *L = ctx;
    if (!e || e->level < XML_ERR_ERROR || L->xml_error)
        return;
    L->xml_error = true;
    L->xml_error_line = e->line > 0 ? (unsigned)e->line : 1;
    L->xml_error_code = e->code;
    const char *msg = e->message ? e->message : "not well-formed XML";
    size_t n = strcspn(msg, "\n");
    L->xml_error_msg = xmalloc(n + 1);
    memcpy(L->xml_error_msg, msg, n);
    L->xml_error_msg[n] = '\0';
    /* libxml2's messages start lower-case and read fine after "not well-formed XML: ". */
}

/* The one xml-syntax finding for a file whose XML cannot be read. */
static void
syntax_error(struct loader *L, size_t mark)
{
    diag_truncate(L->diag, mark);
    const char *j = L->j && L->j->id ? L->j->id : "";
    if (L->bad_encoding)
        error_at(L, 1, "xml-syntax", j,
                 "the file declares encoding %s; journey files must be UTF-8 (convert it and "
                 "change the declaration)",
                 quoted(L, L->bad_encoding));
    else if (L->utf16)
        error_at(L, 1, "xml-syntax", j,
                 "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    else if (L->gzip)
        error_at(L, 1, "xml-syntax", j,
                 "the file is gzip-compressed; decompress it first (journeymap reads plain XML "
                 "only)");
    else if (L->too_big)
        error_at(L, 1, "xml-syntax", j, "the file is larger than %zu MiB; split the journey",
                 LOAD_MAX_BYTES >> 20);
    else if (L->too_many_line)
        error_at(L, L->too_many_line, "xml-syntax", j,
                 "the file has more than %zu touchpoints (ours and competitors' together); "
                 "split the journey",
                 LOAD_MAX_TOUCHPOINTS);
    else if (L->nul_line)
        error_at(L, L->nul_line, "xml-syntax", j,
                 "the file contains a NUL byte on line %u; it is not a text file, or it is not "
                 "UTF-8",
                 L->nul_line);
    else if (L->doctype_line) /* the cause, whatever libxml2 tripped over next */
        error_at(L, L->doctype_line, "xml-syntax", j,
                 "the file contains a DOCTYPE; journey files may not declare a DTD or entities: "
                 "remove the <!DOCTYPE …> declaration");
    else if (!L->root_seen && (L->bytes == 0 || L->xml_error_code == XML_ERR_DOCUMENT_EMPTY ||
                               L->xml_error_code == XML_ERR_DOCUMENT_END))
        error_at(L, 1, "xml-syntax", j,
                 "the file %s; a journey file starts with <journey version=\"1\" id=… name=…>",
                 L->bytes == 0 ? "is empty" : "has no XML element");
    else if (L->xml_error && (L->xml_error_code == XML_ERR_INVALID_ENCODING ||
                              (L->xml_error_code == XML_ERR_INVALID_CHAR && L->xml_error_msg &&
                               strncmp(L->xml_error_msg, "Input is not proper UTF-8", 25) == 0)))
        error_at(L, L->xml_error_line, "xml-syntax", j,
                 "the file is not valid UTF-8 (a byte sequence on this line is not UTF-8); save "
                 "it as UTF-8");
    else if (L->xml_error && (L->xml_error_code == XML_ERR_UNDECLARED_ENTITY ||
                              L->xml_error_code == XML_WAR_UNDECLARED_ENTITY))
        error_at(L, L->xml_error_line, "xml-syntax", j,
                 "not well-formed XML: %s; only &lt; &gt; &amp; &quot; &apos; and character "
                 "references such as &#233; are allowed (write a plain & as &amp;)",
                 L->xml_error_msg);
    else
        error_at(L, L->xml_error ? L->xml_error_line : 1, "xml-syntax", j,
                 "not well-formed XML: %s", L->xml_error_msg ? L->xml_error_msg : "unreadable");
}

/* ---------------------------------------------------------------------------
 * Entry points
 */

static xmlParserInputPtr
deny_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL; /* nothing outside the named file is ever read */
}

static void
ignore_generic_error(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

void
load_init(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_entity_loader);
    /* A few libxml2 errors bypass the reader's structured handler and go
     * to the generic one, which prints to stderr ("encoding error : input
     * conversion failed ..." for a file declared EUC-JP with bytes that
     * are not). Every such file is already refused with a message of our
     * own, so these lines are only noise. */
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
}

void
load_cleanup(void)
{
    xmlCleanupParser();
}

static enum load_status
open_input(const char *path, int *fd, const char **why)
{
    *fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (*fd < 0) {
        *why = strerror(errno);
        return LOAD_UNREADABLE;
    }
    struct stat st;
    if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "is a folder, not a file" : "is not a regular file";
        close(*fd);
        *fd = -1;
        return LOAD_UNREADABLE;
    }
    /* Regular files never block; clear O_NONBLOCK (used only to open FIFOs safely). */
    int flags = fcntl(*fd, F_GETFL);
    if (flags >= 0)
        fcntl(*fd, F_SETFL, flags & ~O_NONBLOCK);
    return LOAD_OK;
}

enum load_status
load_journey(const char *path, const char *file_name, struct diag *d, struct journey **out,
             const char **why)
{
    struct loader L;
    memset(&L, 0, sizeof L);
    *out = NULL;
    *why = NULL;
    if (open_input(path, &L.fd, why) != LOAD_OK)
        return LOAD_UNREADABLE;

    L.file = file_name;
    L.diag = d;
    L.in_line = 1;
    L.arena = arena_new();
    L.j = arena_alloc(L.arena, sizeof *L.j);
    L.j->arena = L.arena;
    L.j->file = file_name;
    L.j->id = L.j->name = "";
    L.j->loc = (struct loc){file_name, 1};
    policy_defaults(&L.j->policy);
    L.j->policy.loc = L.j->loc;
    size_t mark = diag_count(d);
    enum load_status status = LOAD_INVALID;

    /* The declared encoding is read by read_cb(), not by libxml2. */
    L.reader = xmlReaderForIO(read_cb, close_cb, &L, file_name, NULL,
                              XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
                                  XML_PARSE_IGNORE_ENC);
    if (!L.reader)
        die_oom();
    xmlTextReaderSetStructuredErrorHandler(L.reader, error_cb, &L);

    bool broken = false, checked_encoding = false;
    int ret = xmlTextReaderRead(L.reader);
    int skip_depth = -1; /* depth of the element whose subtree is skipped */
    while (ret == 1) {
        if (!checked_encoding) {
            checked_encoding = true;
            const char *enc = (const char *)xmlTextReaderConstEncoding(L.reader);
            if (enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0) {
                L.bad_encoding = xstrdup(enc);
                broken = true;
                break;
            }
        }
        int type = xmlTextReaderNodeType(L.reader);
        if (skip_depth >= 0) {
            /* Inside a subtree already reported: keep the start-line queue
             * in step, look at nothing else. */
            if (type == XML_READER_TYPE_ELEMENT)
                (void)start_line(&L);
            else if (type == XML_READER_TYPE_END_ELEMENT &&
                     xmlTextReaderDepth(L.reader) == skip_depth)
                skip_depth = -1;
            ret = xmlTextReaderRead(L.reader);
            continue;
        }
        L.skip = false;
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
            on_start(&L);
            break;
        case XML_READER_TYPE_END_ELEMENT:
            if (L.depth)
                on_end(&L);
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
            on_text(&L, false);
            break;
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            on_text(&L, true);
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY:
            if (!L.doctype_line)
                L.doctype_line = 1;
            broken = true;
            break;
        default: /* comments, processing instructions */
            break;
        }
        if (broken || L.too_many_line)
            break;
        if (L.skip && type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(L.reader) != 1)
            skip_depth = xmlTextReaderDepth(L.reader);
        ret = xmlTextReaderRead(L.reader);
    }
    if (!broken &&
        (ret < 0 || L.xml_error || L.nul_line || L.too_big || L.too_many_line || L.utf16 || L.gzip))
        broken = true;
    if (broken) {
        syntax_error(&L, mark);
    } else if (L.read_errno) {
        *why = strerror(L.read_errno);
        diag_truncate(d, mark);
        status = LOAD_UNREADABLE;
    } else {
        /* Close any elements left open (cannot happen in well-formed XML). */
        while (L.depth)
            on_end(&L);
        finish_document(&L);
        if (!L.errors)
            status = LOAD_OK;
    }

    xmlFreeTextReader(L.reader);
    close(L.fd);
    while (L.depth)
        buf_finish(&L.stack[--L.depth].text);
    free(L.xml_error_msg);
    free(L.starts);
    free(L.bad_encoding);
    strindex_finish(&L.ids.ids);
    free(L.ids.ents);
    free(L.pend);
    struct ptrvec *vecs[] = {&L.owners,    &L.changes,   &L.stages,  &L.competitors, &L.all_tps,
                             &L.overrides, &L.stage_tps, &L.pluses,  &L.minuses,     &L.metrics,
                             &L.nexts,     &L.ratings,   &L.comp_tps};
    for (size_t i = 0; i < ARRAY_LEN(vecs); i++)
        vec_free(vecs[i]);
    if (status == LOAD_OK)
        *out = L.j;
    else
        arena_free(L.arena);
    return status;
}
