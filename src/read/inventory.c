/*
 * inventory.c - the inventory reader's file-wide work (inventory.h): the
 * header matched to the columns, the rows read and trimmed, the owners'
 * details gathered across every journey, the rows grouped by journey;
 * inventory_build.c makes each group a journey.
 */
#include "read/inventory_rows.h"

#include "core/arena.h"
#include "read/csvread.h"
#include "read/slug.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const inventory_columns[INV_COLUMN_COUNT] = {
    "journey",    "stage",       "stage_name", "phase",         "stage_days", "touchpoint",
    "name",       "competitor",  "channel",    "initiator",     "owner",      "mode",
    "purpose",    "day",         "every",      "score",         "emotion",    "about",
    "owner_name", "owner_trained", "metrics",  "pluses",        "minuses",    "plan",
    "plan_owner", "plan_due",    "note",       "change_name",   "change_date", "findings",
};

/* Header names understood besides the export's own. */
static const struct {
    const char *name;
    enum inventory_column col;
} inv_aliases[] = {
    {"touchpointid", INV_TOUCHPOINT},
    {"stageid", INV_STAGE},
    {"journeyid", INV_JOURNEY},
    {"ownerid", INV_OWNER},
};

static void PRINTF_LIKE(4, 0)
inv_say(struct inv_read *r, const struct inv_cell *c, const char *what, const char *fmt,
        va_list ap)
{
    struct buf b;
    buf_init(&b);
    if (c && c->column)
        buf_printf(&b, "%s:%u:%u: %s: ", r->path, c->line, c->column, what);
    else if (c)
        buf_printf(&b, "%s:%u: %s: ", r->path, c->line, what);
    else
        buf_printf(&b, "%s: %s: ", r->path, what);
    char *text = xvasprintf(fmt, ap);
    buf_puts(&b, text);
    free(text);
    xgrow((void **)&r->said, &r->cap_said, r->n_said + 1, sizeof *r->said);
    r->said[r->n_said] = (struct inv_msg){c ? c->line : 0, c ? c->column : 0, r->n_said,
                                          buf_steal(&b)};
    r->n_said++;
}

static int
inv_msg_cmp(const void *pa, const void *pb)
{
    const struct inv_msg *a = pa, *b = pb;
    unsigned la = a->line ? a->line : ~0u, lb = b->line ? b->line : ~0u;
    if (la != lb)
        return la < lb ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Every message, in the order of the file. */
static void
inv_flush(struct inv_read *r)
{
    if (r->n_said)
        qsort(r->said, r->n_said, sizeof *r->said, inv_msg_cmp);
    for (size_t i = 0; i < r->n_said; i++) {
        fprintf(r->msgs, "%s\n", r->said[i].text);
        free(r->said[i].text);
    }
    free(r->said);
}

void
inv_error(struct inv_read *r, const struct inv_cell *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    inv_say(r, c, "error", fmt, ap);
    va_end(ap);
    r->errors++;
}

void
inv_warn(struct inv_read *r, const struct inv_cell *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    inv_say(r, c, "warning", fmt, ap);
    va_end(ap);
    r->warnings++;
}

const char *
inv_header(const struct inv_read *r, enum inventory_column col)
{
    return r->header[col] ? r->header[col] : inventory_columns[col];
}

char *
inv_key(const char *v)
{
    return xasprintf("%c:%s", model_is_id(v) ? 'i' : 'n', v);
}

int
inv_word(struct inv_read *r, enum inventory_column col, const struct inv_cell *c,
         const char *const *vocab, size_t n)
{
    int k = vocab_find_nocase(vocab, n, c->v);
    if (k >= 0)
        return k;
    size_t first = vocab[0] ? 0 : 1; /* the *_NONE entry is not a word */
    struct buf b;
    buf_init(&b);
    for (size_t i = first; i < n; i++)
        buf_printf(&b, "%s%s", i > first ? ", " : "", vocab[i]);
    char *lower = xstrdup(c->v);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *meant = str_closest(lower, vocab + first, n - first);
    if (meant)
        inv_error(r, c, "%s \"%s\": did you mean %s? (expected one of %s)", inv_header(r, col),
                  c->v, meant, buf_str(&b));
    else
        inv_error(r, c, "%s \"%s\": expected one of %s", inv_header(r, col), c->v, buf_str(&b));
    free(lower);
    buf_finish(&b);
    return -1;
}

static int
inv_column_of(const char *header)
{
    char *folded = csvread_fold_name(header);
    int found = -1;
    for (size_t i = 0; i < INV_COLUMN_COUNT && found < 0; i++) {
        char *known = csvread_fold_name(inventory_columns[i]);
        if (strcmp(known, folded) == 0)
            found = (int)i;
        free(known);
    }
    for (size_t i = 0; i < ARRAY_LEN(inv_aliases) && found < 0; i++)
        if (strcmp(inv_aliases[i].name, folded) == 0)
            found = (int)inv_aliases[i].col;
    free(folded);
    return found;
}

/* Control characters other than TAB and LF (which no journey file can
 * hold) made spaces, then trimmed of spaces, tabs and line breaks at both
 * ends. */
static const char *
inv_trim(struct arena *a, const char *s, size_t n)
{
    char *v = arena_strndup(a, s, n);
    for (char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
            *p = ' ';
    while (n && strchr(" \t\n", *v))
        v++, n--;
    while (n && strchr(" \t\n", v[n - 1]))
        v[--n] = '\0';
    return v;
}

/* The header: which column each cell is. cols[i] is the column of cell i,
 * or -1 (unknown or empty). false after errors. */
static bool
inv_read_header(struct inv_read *r, const struct csv_record *h, int *cols)
{
    for (size_t i = 0; i < h->n; i++) {
        const struct csv_cell *cell = &h->cells[i];
        struct inv_cell here = {"", cell->line, cell->column};
        const char *name = inv_trim(r->strings, cell->text, cell->len);
        int col = *name ? inv_column_of(name) : -1;
        cols[i] = col;
        if (!*name)
            continue; /* left empty by a trailing separator */
        if (col < 0) {
            inv_warn(r, &here, "column \"%s\" is not one journeymap knows; it is ignored "
                               "(see docs/inventory.md for the columns)", name);
        } else if (r->header[col]) {
            inv_error(r, &here, "column \"%s\" is the same column as \"%s\" (column %u)", name,
                      r->header[col], r->head[col].column);
        } else {
            r->header[col] = name;
            r->head[col] = here;
            r->head[col].v = name;
        }
    }
    struct inv_cell top = {"", h->line, 1};
    if (!r->header[INV_NAME])
        inv_error(r, &top, "the header has no \"name\" column; it needs name, and stage or "
                           "stage_name (see docs/inventory.md)");
    if (!r->header[INV_STAGE] && !r->header[INV_STAGE_NAME])
        inv_error(r, &top, "the header has no \"stage\" or \"stage_name\" column; every "
                           "touchpoint needs its stage (see docs/inventory.md)");
    return r->errors == 0;
}

/* One record as a row of trimmed values, kept unless it has no value in
 * a column we read. */
static void
inv_read_row(struct inv_read *r, const struct csv_record *rec, const int *cols, size_t n_cols)
{
    struct inv_row row;
    bool any = false;
    for (size_t c = 0; c < INV_COLUMN_COUNT; c++)
        row.c[c] = (struct inv_cell){"", rec->line, 0};
    row.line = rec->line;
    for (size_t i = 0; i < rec->n; i++) {
        const struct csv_cell *cell = &rec->cells[i];
        if (i >= n_cols) {
            struct inv_cell here = {"", cell->line, cell->column};
            if (*inv_trim(r->strings, cell->text, cell->len))
                inv_error(r, &here, "a value beyond the header's last column; give the column a "
                                    "name in the header, or remove the value");
            continue;
        }
        if (cols[i] < 0)
            continue;
        const char *v = inv_trim(r->strings, cell->text, cell->len);
        row.c[cols[i]] = (struct inv_cell){v, cell->line, cell->column};
        any |= *v != '\0' && cols[i] != INV_FINDINGS;
    }
    if (!any)
        return; /* only columns we ignore */
    xgrow((void **)&r->rows, &r->cap_rows, r->n_rows + 1, sizeof *r->rows);
    r->rows[r->n_rows++] = row;
}

char *
inv_owner_key(const char *journey, const char *owner)
{
    char *k = inv_key(owner), *key = xasprintf("%s\x1f%s", journey, k);
    free(k);
    return key;
}

/* Owners' details, per journey: from the first row naming the owner that
 * gives each; a later row that says otherwise is a warning. */
static void
inv_owner_details(struct inv_read *r)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct inv_row *row = &r->rows[i];
        const struct inv_cell *owner = &row->c[INV_OWNER];
        if (!*owner->v)
            continue;
        char *key = inv_owner_key(row->c[INV_JOURNEY].v, owner->v);
        size_t k = strindex_find(&r->owner_keys, key);
        if (k == STRINDEX_NONE) {
            k = strindex_add(&r->owner_keys, arena_strdup(r->strings, key));
            xgrow((void **)&r->owners, &r->cap_owners, k + 1, sizeof *r->owners);
            r->owners[k] = (struct inv_owner){NULL, NULL, TRAINED_UNKNOWN};
        }
        free(key);
        struct inv_owner *o = &r->owners[k];
        const struct inv_cell *name = &row->c[INV_OWNER_NAME], *trained = &row->c[INV_OWNER_TRAINED];
        if (*name->v && !o->name)
            o->name = name;
        else if (*name->v && strcmp(name->v, o->name->v) != 0)
            inv_warn(r, name, "owner \"%s\" is named \"%s\" here but \"%s\" on line %u; the first "
                              "is kept", owner->v, name->v, o->name->v, o->name->line);
        if (*trained->v && !o->trained) {
            int t = inv_word(r, INV_OWNER_TRAINED, trained, trained_names, TRAINED_COUNT);
            if (t >= 0) {
                o->trained = trained;
                o->trained_value = (enum trained)t;
            }
        } else if (*trained->v && strcasecmp(trained->v, o->trained->v) != 0) {
            inv_warn(r, trained, "owner \"%s\" is trained \"%s\" here but \"%s\" on line %u; the "
                                 "first is kept", owner->v, trained->v, o->trained->v,
                     o->trained->line);
        }
    }
}

/* Every record after the header as a row; false when the header or the
 * file cannot be read on (errors in rows only are reported, and the rows
 * still made into journeys, so that every bad value is reported at once). */
static bool
inv_read_rows(struct inv_read *r, FILE *f)
{
    bool go_on = false;
    struct csvread *cr = csvread_open(f, 0);
    struct csv_record rec;
    int got = csvread_next(cr, &rec);
    int *cols = NULL;
    size_t n_cols = 0;
    if (got == 1) {
        n_cols = rec.n;
        cols = xmalloc(rec.n * sizeof *cols);
        go_on = inv_read_header(r, &rec, cols);
        if (go_on)
            while ((got = csvread_next(cr, &rec)) == 1)
                inv_read_row(r, &rec, cols, n_cols);
    } else if (got == 0) {
        struct inv_cell top = {"", 1, 1};
        inv_error(r, &top, "the file is empty; the first line must be the header "
                           "(see docs/inventory.md)");
    }
    if (got < 0) {
        const struct csv_problem *p = csvread_problem(cr);
        struct inv_cell at = {"", p->line, p->column};
        inv_error(r, &at, "%s", p->message);
        go_on = false;
    }
    free(cols);
    csvread_close(cr);
    if (go_on && !r->n_rows) {
        struct inv_cell top = {"", 1, 1};
        inv_error(r, &top, "no touchpoints: the file has a header but no rows");
        go_on = false;
    }
    return go_on;
}

/* The journeys the rows name, in order of first appearance: ids, names,
 * and the rows of each. */
struct inv_group {
    const char *id, *name;
    size_t *rows, n, cap;
};

static size_t
inv_group_rows(struct inv_read *r, const char *default_id, struct inv_group **out)
{
    struct strindex keys = STRINDEX_INIT;
    struct slug_set ids = SLUG_SET_INIT;
    struct inv_group *g = NULL;
    size_t n = 0, cap = 0;
    bool named = false;
    for (size_t i = 0; i < r->n_rows; i++)
        named |= *r->rows[i].c[INV_JOURNEY].v != '\0';
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct inv_cell *c = &r->rows[i].c[INV_JOURNEY];
        if (named && !*c->v) {
            inv_error(r, c->column ? c : &r->rows[i].c[INV_NAME],
                      "%s is empty; when some rows name their journey, every row must",
                      inv_header(r, INV_JOURNEY));
            continue;
        }
        const char *v = named ? c->v : default_id;
        size_t k = strindex_find(&keys, v);
        if (k == STRINDEX_NONE) {
            k = strindex_add(&keys, v);
            xgrow((void **)&g, &cap, k + 1, sizeof *g);
            char *id = model_is_id(v) ? xstrdup(v) : slug_make(v, "journey", k + 1);
            g[k] = (struct inv_group){arena_strdup(r->strings, slug_unique(&ids, id)), v, NULL, 0,
                                      0};
            n = k + 1;
        }
        xgrow((void **)&g[k].rows, &g[k].cap, g[k].n + 1, sizeof *g[k].rows);
        g[k].rows[g[k].n++] = i;
    }
    strindex_finish(&keys);
    slug_set_finish(&ids);
    *out = g;
    return n;
}

bool
inventory_read(FILE *f, const char *path, const char *default_id, FILE *msgs,
               struct inventory *out)
{
    struct inv_read r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.msgs = msgs;
    r.strings = arena_new();
    r.owner_keys = (struct strindex)STRINDEX_INIT;
    memset(out, 0, sizeof *out);
    struct inv_group *groups = NULL;
    size_t n_groups = 0;
    if (inv_read_rows(&r, f)) {
        inv_owner_details(&r);
        n_groups = inv_group_rows(&r, default_id, &groups);
    }
    size_t cap = 0;
    for (size_t i = 0; i < n_groups; i++) {
        struct journey *j = inv_build(&r, groups[i].id, groups[i].name, groups[i].rows,
                                      groups[i].n);
        if (j) {
            xgrow((void **)&out->journeys, &cap, out->n + 1, sizeof *out->journeys);
            out->journeys[out->n++] = j;
        }
        free(groups[i].rows);
    }
    free(groups);
    for (size_t c = 0; c < INV_COLUMN_COUNT; c++) {
        const char *dflt = c == INV_CHANNEL ? "other" : "company (proactive)";
        if (r.filled[c] && r.header[c])
            inv_warn(&r, &r.head[c], "%zu row%s without %s: set to %s; say which it is for each "
                                     "touchpoint", r.filled[c], r.filled[c] == 1 ? "" : "s",
                     r.header[c], dflt);
        else if (r.filled[c])
            inv_warn(&r, NULL, "no %s column: all %zu touchpoint%s set to %s; add the column to "
                               "say which it is for each", inventory_columns[c], r.filled[c],
                     r.filled[c] == 1 ? "" : "s", dflt);
    }
    out->errors = r.errors;
    out->warnings = r.warnings;
    inv_flush(&r);
    strindex_finish(&r.owner_keys);
    free(r.owners);
    free(r.rows);
    arena_free(r.strings);
    if (r.errors) {
        inventory_finish(out);
        out->errors = r.errors;
        out->warnings = r.warnings;
        return false;
    }
    return true;
}

void
inventory_finish(struct inventory *inv)
{
    for (size_t i = 0; i < inv->n; i++)
        journey_free(inv->journeys[i]);
    free(inv->journeys);
    memset(inv, 0, sizeof *inv);
}
