/*
 * loader.h - what the files of the journey loader share (load.c, the
 * element stream; elements.c, the element table and the model builders;
 * values.c, attribute values and text; resolve.c, the id space and what
 * needs every id; loader.c, the helpers all of them use). Private to
 * src/read/; see load.h for the interface.
 *
 * The shape is mandoc's validation tables: each element of the format is a
 * row of elements[] listing its attributes (with their types), its allowed
 * children, and the handlers that build its model object when it starts,
 * when its Markdown text is complete, and when it ends. The element stream
 * only walks the table.
 *
 * Ownership: everything a handler builds is allocated in the journey's
 * arena (L->arena); strings given to loader_error() are copied by the diag.
 * The loader's own arrays (frames, vectors, the id space) are freed when
 * load_journey() returns.
 */
#ifndef JOURNEYMAP_LOADER_H
#define JOURNEYMAP_LOADER_H

#include "core/diag.h"
#include "core/model.h"
#include "core/util.h"
#include "read/gate.h"
#include "read/load.h"

#include <stdbool.h>
#include <stddef.h>

struct xmlread;

/* The elements of the format; a competitor's touchpoint is a kind of its own. */
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

/* What an attribute's value must be (values.c checks each). */
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
    T_COUNT
};

struct attr_spec {
    const char *name;
    enum attr_type type;
    bool required;
    const char *const *vocab; /* T_ENUM */
    size_t vocab_len;
    double min, max; /* T_INT, T_NUM */
};

/* One attribute as read and checked. */
struct val {
    bool present;  /* written in the file */
    bool ok;       /* present and valid */
    const char *s; /* the raw value, when present: the arena's; for references
                      (T_REF, T_REFS) the scratch arena's, valid until the end of
                      loading; for the types that convert (attrs.c) the reader's,
                      valid during the start tag */
    long i;        /* T_INT, T_ENUM / T_METRIC index */
    double d;      /* T_NUM */
    day_number date;
    unsigned line; /* where it is written (its element's line when on the same one) */
    bool percent;  /* T_NUM of a metric: written "40%" (d holds 40); not ok */
};

enum { MAX_ATTRS = 16, MAX_DEPTH = 8 };

/* An open element. */
struct frame {
    enum el kind;
    unsigned line;
    const char *desc_key;   /* the attribute naming it in messages, or NULL (loader_desc()) */
    const char *desc_value; /* its value (arena) */
    const char *subject; /* nearest id, for findings (arena) */
    void *obj;           /* the model object being built, or NULL */
    unsigned seen[EL_COUNT];
    struct buf text;    /* Markdown elements: text so far (none with LOAD_SKIP_TEXTS) */
    size_t text_bytes;  /* ... and its length */
    bool text_overflow; /* text exceeded LOAD_MAX_MARKDOWN */
    bool stray_text;    /* non-Markdown element: stray text reported */
};

struct loader;

/* Handlers of one element kind (any may be NULL). */
typedef void element_start_fn(struct loader *L, struct frame *f, const struct val *v);
typedef void element_text_fn(struct loader *L, struct frame *f, const char *markdown);
typedef void element_end_fn(struct loader *L, struct frame *f);

struct child {
    enum el kind;
    bool once; /* at most one */
};

struct el_info {
    const char *name;
    const struct attr_spec *attrs;
    size_t n_attrs;
    const struct child *children;
    size_t n_children;
    element_start_fn *start; /* after the attributes are read */
    element_text_fn *text;   /* set for elements that hold Markdown: the dedented text */
    element_end_fn *end;     /* after the children */
};

/* The table, indexed by enum el (elements.c). */
extern const struct el_info elements[EL_COUNT];

/* What an id names, in the one id space of a file. */
enum ent_kind { ENT_OWNER, ENT_CHANGE, ENT_STAGE, ENT_TOUCHPOINT, ENT_CTOUCHPOINT, ENT_COMPETITOR };

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
    const char *name; /* the id written (scratch) */
    unsigned line;
    enum el kind;        /* the element it is written in, named in messages by */
    const char *key;     /* its attribute key (static) with */
    const char *value;   /* that value (arena, or scratch for a reference) */
    const char *attr;    /* the attribute: "owner" (static) */
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

struct loader {
    const char *path; /* the file to read */
    unsigned flags;   /* load_journey()'s */
    struct diag *diag;
    struct arena *arena;   /* the journey's: what the model keeps */
    struct arena *scratch; /* what only loading needs (references by id), freed by load_end() */
    struct arena *id_text; /* arena's lane: the ids defined, side by side for their look-ups */
    struct journey *j;
    struct gate gate;
    struct xmlread *reader;

    size_t touchpoints;     /* <touchpoint> elements started, ours and competitors' */
    unsigned too_many_line; /* line of the touchpoint beyond LOAD_MAX_TOUCHPOINTS, or 0 */
    bool root_seen;         /* the first element has started */
    bool root_ok;           /* ... and it is <journey> */

    struct frame stack[MAX_DEPTH];
    size_t depth;
    /* The reader's pointers for the names of each element and of each of
     * its attributes, once seen (xmlread.h): then found without comparing. */
    const char *tag[EL_COUNT];
    const char *attr_tag[EL_COUNT][MAX_ATTRS];
    bool skip;   /* skip the current element's subtree */
    bool errors; /* an error finding was added */

    struct idmap ids;
    struct pending *pend;
    size_t n_pend, cap_pend;

    /* children being collected, one set per open container */
    struct ptrvec owners, changes, stages, competitors, all_tps, overrides;
    struct ptrvec pluses, minuses, metrics, nexts;
    struct ptrvec ratings, comp_tps;
};

/* loader.c: an error finding (marks the file unusable). */
void loader_error(struct loader *L, unsigned line, const char *rule, const char *subject,
                  const char *fmt, ...) PRINTF_LIKE(5, 6);
/* loader.c: a quoted, shortened copy of a user value for messages (arena). */
const char *loader_quote(struct loader *L, const char *s);
/* loader.c: the element enclosing the current one. */
struct frame *loader_parent(struct loader *L);
/* loader.c: collecting children. */
void loader_vec_push(struct ptrvec *v, void *p);
void **loader_vec_freeze(struct loader *L, struct ptrvec *v, size_t *n_out);
void **loader_vec_freeze_u32(struct loader *L, struct ptrvec *v, uint32_t *n_out);
/* Freeze vec into field, its length into count (a size_t or, in a
 * touchpoint, a uint32_t). */
/* (clang-format 14 cannot lay out _Generic associations) */
/* clang-format off */
#define LOADER_FREEZE(L, vec, field, count)                                                        \
    ((field) = (void *)_Generic(&(count), uint32_t *: loader_vec_freeze_u32,                       \
                                default: loader_vec_freeze)((L), (vec), &(count)))
/* clang-format on */

/* attrs.c: read the current element's attributes into vals[] (indexed like
 * the element's spec), reporting unknown, missing and malformed ones; sets
 * the frame's description and subject. */
void attrs_read(struct loader *L, struct frame *f, struct val *vals);

/* How messages name an element, `<touchpoint id="help">`, built when a
 * message needs it (arena): of frame f, or of kind with key="value"
 * (no attribute when key is NULL). */
const char *loader_desc(struct loader *L, const struct frame *f);
const char *loader_name(struct loader *L, enum el kind, const char *key, const char *value);

/* values.c: check one attribute value against its spec, reporting; fills v->ok and the parsed
 * value. */
void value_check(struct loader *L, const struct frame *f, const struct attr_spec *a, struct val *v);
bool value_is_blank(const char *s);
/* values.c: an arena copy of s without the XML white space around it. */
const char *value_trimmed(struct loader *L, const char *s);
/* values.c: Markdown text without its surrounding blank lines and common indentation (arena). */
const char *value_dedent(struct loader *L, const char *s);
/* values.c: "40%": true with 40 in *pct. */
bool value_percent(const char *s, double *pct);
/* values.c: "from 1 to 5", "0 or more", … for messages. */
void value_range_text(struct buf *b, double min, double max);

/* elements.c: the value of attribute name of f's element (it must be in the spec). */
const struct val *element_attr(const struct frame *f, const struct val *v, const char *name);
/* values.c: day and every of tp against its stage's days (errors at the lines given). */
void value_check_timing(struct loader *L, const struct touchpoint *t, const struct frame *f,
                        const char *subject, unsigned day_line, unsigned every_line);

/* resolve.c: define an id (a second definition is a duplicate-id error). */
void resolve_define(struct loader *L, const struct frame *f, const struct val *id,
                    enum ent_kind kind, void *obj);
/* resolve.c: record a reference to resolve after the last element; NULL when v is not valid. */
struct pending *resolve_refer(struct loader *L, const struct frame *f, const struct val *v,
                              const char *attr, enum ent_kind want);
/* resolve.c: after the last element: freeze the journey's arrays, resolve every
 * reference, and the checks that need every id. */
void resolve_document(struct loader *L);
/* resolve.c: free the id space and the pending references. */
void resolve_finish(struct loader *L);

#endif
