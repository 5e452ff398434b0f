/*
 * inventory_build.c - one journey's rows made into a journey
 * (inventory_rows.h): first the ids the rows give are claimed, so that an
 * id made from a name never takes one; then each row becomes a
 * touchpoint, creating the stage, owner, change and competitor it names
 * on first sight; then what depends on every row (a touchpoint's day
 * against its stage's length, a change's date) is checked.
 */
#include "read/inventory_rows.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/number.h"
#include "read/load.h"
#include "read/slug.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum inv_kind { K_STAGE, K_TOUCHPOINT, K_OWNER, K_COMPETITOR, K_CHANGE };
static const char *const inv_kind_names[] = {"stage", "touchpoint", "owner", "competitor",
                                             "change"};

/* Things made from what id columns name, found again by inv_key(). */
struct inv_table {
    struct strindex keys;
    void **objs; /* by number */
    size_t cap;
};

/* What a stage, change or competitor was made from, by its index. */
struct inv_more {
    const struct inv_cell *name, *phase, *days, *date; /* the first cells that gave them */
    const struct inv_cell *about;                      /* a change's: where it was first named */
    struct stage *stage;                               /* a stage's: the stage */
    struct touchpoint **tps;                           /* a stage's or competitor's, in row order */
    size_t n, cap;
};

struct inv_build {
    struct inv_read *r;
    struct arena *a;
    struct journey *j;
    struct slug_set ids;
    struct strindex given; /* ids the rows give, with their kind and first cell */
    enum inv_kind *given_kind;
    const struct inv_cell **given_at;
    size_t cap_given, cap_kind;
    struct inv_table stages, owners, changes, competitors;
    struct inv_more *stage_more, *change_more, *comp_more;
    size_t cap_sm, cap_cm, cap_pm;
    struct touchpoint **all; /* every touchpoint made, with its row */
    const struct inv_row **all_rows;
    size_t n_all, cap_all, cap_all_rows;
    struct owner **owner_list;
    size_t cap_owner_list;
    const char *journey_cell; /* what the rows' journey cells say ("" without the column) */
};

static void *
inv_table_find(const struct inv_table *t, const char *key)
{
    size_t k = strindex_find(&t->keys, key);
    return k == STRINDEX_NONE ? NULL : t->objs[k];
}

static void
inv_table_put(struct inv_build *b, struct inv_table *t, const char *key, void *obj)
{
    if (strindex_find(&t->keys, key) != STRINDEX_NONE)
        return;
    size_t k = strindex_add(&t->keys, arena_strdup(b->r->strings, key));
    xgrow((void **)&t->objs, &t->cap, k + 1, sizeof *t->objs);
    t->objs[k] = obj;
}

static void
inv_table_finish(struct inv_table *t)
{
    strindex_finish(&t->keys);
    free(t->objs);
}

/* ---------------------------------------------------------------------------
 * Ids
 */

static const enum inventory_column inv_id_columns[] = {INV_STAGE, INV_TOUCHPOINT, INV_OWNER,
                                                       INV_PLAN_OWNER, INV_COMPETITOR, INV_ABOUT};
static const enum inv_kind inv_id_kinds[] = {K_STAGE, K_TOUCHPOINT, K_OWNER,
                                             K_OWNER, K_COMPETITOR, K_CHANGE};

/* Claim every id the rows give; two things with one id are errors. */
static void
inv_claim_ids(struct inv_build *b, const size_t *rows, size_t n)
{
    struct inv_read *r = b->r;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < ARRAY_LEN(inv_id_columns); k++) {
            const struct inv_cell *c = &r->rows[rows[i]].c[inv_id_columns[k]];
            enum inv_kind kind = inv_id_kinds[k];
            if (!model_is_id(c->v))
                continue;
            size_t at = strindex_find(&b->given, c->v);
            if (at == STRINDEX_NONE) {
                at = strindex_add(&b->given, c->v);
                xgrow((void **)&b->given_kind, &b->cap_kind, at + 1, sizeof *b->given_kind);
                xgrow((void **)&b->given_at, &b->cap_given, at + 1, sizeof *b->given_at);
                b->given_kind[at] = kind;
                b->given_at[at] = c;
                slug_unique(&b->ids, xstrdup(c->v));
            } else if (b->given_kind[at] != kind || kind == K_TOUCHPOINT) {
                const struct inv_cell *first = b->given_at[at];
                inv_error(r, c, "%s \"%s\": the %s on line %u already has this id; ids name one "
                                "thing each in a journey",
                          inv_header(r, inv_id_columns[k]), c->v, inv_kind_names[b->given_kind[at]],
                          first->line);
            }
        }
}

/* The id of a thing named by cell c of column col: the value when it is an
 * id, else one made from it (and a warning, once per column). */
static const char *
inv_id(struct inv_build *b, enum inventory_column col, const struct inv_cell *c,
       const char *fallback, size_t n)
{
    if (model_is_id(c->v))
        return arena_strdup(b->a, c->v);
    const char *id = slug_unique(&b->ids, slug_make(c->v, fallback, n));
    if (!b->r->named[col]) {
        b->r->named[col] = true;
        inv_warn(b->r, c, "%s \"%s\" is a name, not an id: ids are made from the names in this "
                          "column (here %s)", inv_header(b->r, col), c->v, id);
    }
    return arena_strdup(b->a, id);
}

/* ---------------------------------------------------------------------------
 * Values
 */

static bool
inv_int(struct inv_build *b, enum inventory_column col, const struct inv_cell *c, long lo, long hi,
        long *out)
{
    if (number_parse_int(c->v, (double)lo, (double)hi, out))
        return true;
    inv_error(b->r, c, "%s \"%s\": expected a whole number from %ld to %ld", inv_header(b->r, col),
              c->v, lo, hi);
    return false;
}

static bool
inv_date(struct inv_build *b, enum inventory_column col, const struct inv_cell *c, day_number *out)
{
    if (date_parse(c->v, out))
        return true;
    inv_error(b->r, c, "%s \"%s\": not a calendar date; write YYYY-MM-DD, e.g. 2026-03-31",
              inv_header(b->r, col), c->v);
    return false;
}

/* A text cell as Markdown, or NULL when empty. */
static struct text *
inv_text(struct inv_build *b, const struct inv_cell *c, const char *s)
{
    if (!*s)
        return NULL;
    struct text *t = arena_alloc(b->a, sizeof *t);
    t->loc = (struct loc){c->line};
    t->markdown = arena_strdup(b->a, s);
    return t;
}

/* One text per line of the cell; blank lines are none. */
static struct text **
inv_lines(struct inv_build *b, const struct inv_cell *c, size_t *n)
{
    struct text **v = NULL;
    size_t cap = 0;
    *n = 0;
    for (const char *p = c->v; *p;) {
        size_t len = strcspn(p, "\n");
        const char *s = p;
        size_t k = len;
        while (k && (*s == ' ' || *s == '\t'))
            s++, k--;
        while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            k--;
        if (k) {
            xgrow((void **)&v, &cap, *n + 1, sizeof *v);
            char *line = arena_strndup(b->a, s, k);
            v[(*n)++] = inv_text(b, c, line);
        }
        p += len + (p[len] == '\n');
    }
    struct text **out = *n ? arena_memdup(b->a, v, *n * sizeof *v) : NULL;
    free(v);
    return out;
}

/* s without spaces at either end (in place). */
static char *
inv_strip(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* "name=value; name=value": the metrics, checked as the journey file's are. */
static void
inv_metrics(struct inv_build *b, const struct inv_cell *c, struct touchpoint *tp)
{
    struct metric **v = NULL;
    size_t cap = 0, n = 0;
    const char *head = inv_header(b->r, INV_METRICS);
    for (const char *p = c->v; *p;) {
        size_t len = strcspn(p, ";\n");
        char *item = xmalloc(len + 1);
        memcpy(item, p, len);
        item[len] = '\0';
        p += len + (p[len] != '\0');
        char *eq = strchr(item, '=');
        char *name = item, *value = eq ? eq + 1 : NULL;
        if (eq)
            *eq = '\0';
        name = inv_strip(name);
        if (!*name && !value) {
            free(item);
            continue;
        }
        value = value ? inv_strip(value) : NULL;
        for (char *q = name; strncmp(name, "x-", 2) != 0 && *q; q++)
            *q = (char)tolower((unsigned char)*q); /* CSAT is csat; x-names are as written */
        int kind = vocab_find(metric_names, METRIC_KIND_COUNT - 1, name);
        if (kind < 0 && strncmp(name, "x-", 2) == 0 && name[2])
            kind = METRIC_USER;
        double d = 0;
        if (!value)
            inv_error(b->r, c, "%s \"%s\": write each metric as name=value, separated by \"; \"",
                      head, name);
        else if (kind < 0)
            inv_error(b->r, c, "%s: \"%s\" is not a metric; known are nps, csat, ces, "
                               "wait-seconds, drop-off, response-hours, resolution, or your own "
                               "starting with x-", head, name);
        else if (!number_parse_decimal(value, metric_ranges[kind].min, metric_ranges[kind].max, &d))
            inv_error(b->r, c, "%s: %s=\"%s\" is not a number %s%g to %g%s", head, name, value,
                      strchr(value, ',') ? "with a decimal point, " : "from ",
                      metric_ranges[kind].min, metric_ranges[kind].max,
                      strchr(value, ',') ? " (write 3.5, not 3,5)" : "");
        else {
            struct metric *m = arena_alloc(b->a, sizeof *m);
            m->loc = (struct loc){c->line};
            m->name = arena_strdup(b->a, name);
            m->kind = (enum metric_kind)kind;
            m->value = d;
            xgrow((void **)&v, &cap, n + 1, sizeof *v);
            v[n++] = m;
        }
        free(item);
    }
    tp->n_metrics = (uint32_t)n; /* cells are bounded by the file's size */
    tp->metrics = n ? arena_memdup(b->a, v, n * sizeof *v) : NULL;
    free(v);
}

/* ---------------------------------------------------------------------------
 * Stages, owners, changes, competitors: made on first sight
 */

static const char *
inv_made_id(struct inv_build *b, const char *name, const char *fallback, size_t n)
{
    return arena_strdup(b->a, slug_unique(&b->ids, slug_make(name, fallback, n)));
}

/* A later row's value for something the first row that gave one decided:
 * a warning when it says otherwise (names exactly, words in any case). */
static void
inv_agree(struct inv_build *b, const char *what, const char *id, enum inventory_column col,
          const struct inv_cell *first, const struct inv_cell *c)
{
    bool exact = col == INV_STAGE_NAME || col == INV_CHANGE_NAME;
    if (first && *c->v && (exact ? strcmp(first->v, c->v) : strcasecmp(first->v, c->v)) != 0)
        inv_warn(b->r, c, "%s \"%s\": %s \"%s\" here but \"%s\" on line %u; the first is kept",
                 what, id, inv_header(b->r, col), c->v, first->v, first->line);
}

/* A name the first row that gives one decides: *name and *first from c
 * when none was given yet; else a warning when c says otherwise. */
static void
inv_first_name(struct inv_build *b, const char *what, const char *id, enum inventory_column col,
               const struct inv_cell **first, const struct inv_cell *c, const char **name)
{
    if (*c->v && !*first) {
        *name = arena_strdup(b->a, c->v);
        *first = c;
    } else {
        inv_agree(b, what, id, col, *first, c);
    }
}

static void
inv_stage_details(struct inv_build *b, struct stage *s, const struct inv_row *row)
{
    struct inv_more *m = &b->stage_more[s->index];
    const struct inv_cell *nc = &row->c[INV_STAGE_NAME], *pc = &row->c[INV_PHASE],
                          *dc = &row->c[INV_STAGE_DAYS];
    inv_first_name(b, "stage", s->id, INV_STAGE_NAME, &m->name, nc, &s->name);
    if (*pc->v && !m->phase) {
        int k = inv_word(b->r, INV_PHASE, pc, phase_names, PHASE_COUNT);
        if (k >= 0) {
            s->phase = (enum phase)k;
            m->phase = pc;
        }
    } else {
        inv_agree(b, "stage", s->id, INV_PHASE, m->phase, pc);
    }
    long days;
    if (*dc->v && !m->days) {
        if (inv_int(b, INV_STAGE_DAYS, dc, 0, LOAD_MAX_DAYS, &days)) {
            s->has_days = true;
            s->days = (unsigned)days;
            m->days = dc;
        }
    } else {
        inv_agree(b, "stage", s->id, INV_STAGE_DAYS, m->days, dc);
    }
}

/* The stage a row names (made when new), or NULL after an error. */
static struct stage *
inv_stage(struct inv_build *b, const struct inv_row *row)
{
    const struct inv_cell *sc = &row->c[INV_STAGE], *nc = &row->c[INV_STAGE_NAME];
    if (!*sc->v && !*nc->v) {
        inv_error(b->r, sc->column ? sc : nc->column ? nc : &row->c[INV_NAME],
                  "no stage: give the row a %s", inv_header(b->r, sc->column ? INV_STAGE : INV_STAGE_NAME));
        return NULL;
    }
    char *key = *sc->v ? inv_key(sc->v) : xasprintf("n:%s", nc->v);
    struct stage *s = inv_table_find(&b->stages, key);
    if (!s) {
        size_t n = b->j->n_stages++;
        s = arena_alloc(b->a, sizeof *s);
        s->loc = (struct loc){row->line};
        s->index = n;
        s->id = *sc->v ? inv_id(b, INV_STAGE, sc, "stage", n + 1)
                       : inv_made_id(b, nc->v, "stage", n + 1);
        s->name = arena_strdup(b->a, *sc->v ? sc->v : nc->v);
        inv_table_put(b, &b->stages, key, s);
        xgrow((void **)&b->stage_more, &b->cap_sm, n + 1, sizeof *b->stage_more);
        b->stage_more[n] = (struct inv_more){0};
        b->stage_more[n].stage = s;
    }
    free(key);
    inv_stage_details(b, s, row);
    if (b->stage_more[s->index].name) { /* found again by its name alone */
        char *by_name = xasprintf("n:%s", s->name);
        inv_table_put(b, &b->stages, by_name, s);
        free(by_name);
    }
    return s;
}

/* The owner a cell of the owner or plan_owner column names, with the
 * details any row naming it gives. */
static struct owner *
inv_owner(struct inv_build *b, enum inventory_column col, const struct inv_cell *c)
{
    char *key = inv_key(c->v);
    struct owner *o = inv_table_find(&b->owners, key);
    if (!o) {
        size_t n = b->j->n_owners++;
        o = arena_alloc(b->a, sizeof *o);
        o->loc = (struct loc){c->line};
        o->id = inv_id(b, col, c, "owner", n + 1);
        char *details = inv_owner_key(b->journey_cell, c->v);
        size_t d = strindex_find(&b->r->owner_keys, details);
        free(details);
        const struct inv_owner *more = d == STRINDEX_NONE ? NULL : &b->r->owners[d];
        o->name = arena_strdup(b->a, more && more->name ? more->name->v : c->v);
        o->trained = more && more->trained ? more->trained_value : TRAINED_UNKNOWN;
        inv_table_put(b, &b->owners, key, o);
        xgrow((void **)&b->owner_list, &b->cap_owner_list, n + 1, sizeof *b->owner_list);
        b->owner_list[n] = o;
    }
    free(key);
    return o;
}

/* The change a row's `about` names, with its name and date. */
static struct change *
inv_change(struct inv_build *b, const struct inv_row *row)
{
    const struct inv_cell *c = &row->c[INV_ABOUT], *nc = &row->c[INV_CHANGE_NAME],
                          *dc = &row->c[INV_CHANGE_DATE];
    char *key = inv_key(c->v);
    struct change *ch = inv_table_find(&b->changes, key);
    if (!ch) {
        size_t n = b->j->n_changes++;
        ch = arena_alloc(b->a, sizeof *ch);
        ch->loc = (struct loc){c->line};
        ch->index = n;
        ch->id = inv_id(b, INV_ABOUT, c, "change", n + 1);
        ch->name = arena_strdup(b->a, c->v);
        ch->markdown = "";
        inv_table_put(b, &b->changes, key, ch);
        xgrow((void **)&b->change_more, &b->cap_cm, n + 1, sizeof *b->change_more);
        b->change_more[n] = (struct inv_more){0};
        b->change_more[n].about = c;
    }
    free(key);
    struct inv_more *m = &b->change_more[ch->index];
    inv_first_name(b, "change", ch->id, INV_CHANGE_NAME, &m->name, nc, &ch->name);
    if (*dc->v && !m->date) {
        if (inv_date(b, INV_CHANGE_DATE, dc, &ch->date))
            m->date = dc;
    } else {
        inv_agree(b, "change", ch->id, INV_CHANGE_DATE, m->date, dc);
    }
    return ch;
}

/* The competitor a cell names; *index its position among them. */
static struct competitor *
inv_competitor(struct inv_build *b, const struct inv_cell *c, size_t *index)
{
    char *key = inv_key(c->v);
    struct competitor *comp = inv_table_find(&b->competitors, key);
    if (!comp) {
        size_t n = b->j->n_competitors++;
        comp = arena_alloc(b->a, sizeof *comp);
        comp->loc = (struct loc){c->line};
        comp->id = inv_id(b, INV_COMPETITOR, c, "competitor", n + 1);
        comp->name = arena_strdup(b->a, c->v);
        inv_table_put(b, &b->competitors, key, comp);
        xgrow((void **)&b->comp_more, &b->cap_pm, n + 1, sizeof *b->comp_more);
        b->comp_more[n] = (struct inv_more){0};
    }
    *index = strindex_find(&b->competitors.keys, key); /* one key each: their order */
    free(key);
    return comp;
}

/* ---------------------------------------------------------------------------
 * Touchpoints
 */

static void
inv_push(struct inv_more *m, struct touchpoint *tp)
{
    xgrow((void **)&m->tps, &m->cap, m->n + 1, sizeof *m->tps);
    m->tps[m->n++] = tp;
}

/* A vocabulary cell that may be empty (0, the *_NONE value). */
static int
inv_optional_word(struct inv_build *b, enum inventory_column col, const struct inv_row *row,
                  const char *const *vocab, size_t n)
{
    const struct inv_cell *c = &row->c[col];
    if (!*c->v)
        return 0;
    int k = inv_word(b->r, col, c, vocab, n);
    return k < 0 ? 0 : k;
}

/* A vocabulary cell the format requires: the default when empty, counted. */
static int
inv_required_word(struct inv_build *b, enum inventory_column col, const struct inv_row *row,
                  const char *const *vocab, size_t n, int dflt)
{
    if (!*row->c[col].v) {
        b->r->filled[col]++;
        return dflt;
    }
    int k = inv_word(b->r, col, &row->c[col], vocab, n);
    return k < 0 ? dflt : k;
}

/* The numbers of a row: day, every, score, emotion. */
static void
inv_numbers(struct inv_build *b, const struct inv_row *row, struct touchpoint *tp)
{
    long v;
    if (*row->c[INV_DAY].v && inv_int(b, INV_DAY, &row->c[INV_DAY], 0, LOAD_MAX_DAYS, &v)) {
        tp->has_day = true;
        tp->day = (unsigned)v;
    }
    if (*row->c[INV_EVERY].v && inv_int(b, INV_EVERY, &row->c[INV_EVERY], 1, LOAD_MAX_DAYS, &v))
        tp->every = (unsigned)v;
    if (*row->c[INV_SCORE].v && inv_int(b, INV_SCORE, &row->c[INV_SCORE], 1, 5, &v))
        tp->score = (int8_t)v;
    if (*row->c[INV_EMOTION].v && inv_int(b, INV_EMOTION, &row->c[INV_EMOTION], -2, 2, &v)) {
        tp->has_emotion = true;
        tp->emotion = (int8_t)v;
    }
}

/* The plan of one of our touchpoints, when the row gives any of it. */
static void
inv_plan(struct inv_build *b, const struct inv_row *row, struct touchpoint *tp)
{
    const struct inv_cell *text = &row->c[INV_PLAN], *owner = &row->c[INV_PLAN_OWNER],
                          *due = &row->c[INV_PLAN_DUE];
    if (!*text->v && !*owner->v && !*due->v)
        return;
    struct plan *p = arena_alloc(b->a, sizeof *p);
    p->loc = (struct loc){row->line};
    p->markdown = arena_strdup(b->a, text->v);
    if (*owner->v)
        p->owner = inv_owner(b, INV_PLAN_OWNER, owner);
    if (*due->v)
        p->has_due = inv_date(b, INV_PLAN_DUE, due, &p->due);
    tp->plan = p;
}

/* What a competitor's row may not say: a plan is ours to make. */
static void
inv_no_plan(struct inv_build *b, const struct inv_row *row)
{
    static const enum inventory_column cols[] = {INV_PLAN, INV_PLAN_OWNER, INV_PLAN_DUE};
    for (size_t i = 0; i < ARRAY_LEN(cols); i++)
        if (*row->c[cols[i]].v)
            inv_error(b->r, &row->c[cols[i]], "%s: a competitor's touchpoint has no plan of ours; "
                                             "put the plan on our own touchpoint's row",
                      inv_header(b->r, cols[i]));
}

static void
inv_touchpoint(struct inv_build *b, const struct inv_row *row)
{
    struct stage *s = inv_stage(b, row);
    const struct inv_cell *nc = &row->c[INV_NAME], *tc = &row->c[INV_TOUCHPOINT];
    struct touchpoint *tp = arena_alloc(b->a, sizeof *tp);
    tp->loc = (struct loc){row->line};
    if (!*nc->v)
        inv_error(b->r, nc->column ? nc : &row->c[INV_STAGE],
                  "%s is empty; every touchpoint needs a name", inv_header(b->r, INV_NAME));
    tp->name = arena_strdup(b->a, nc->v);
    tp->id = *tc->v ? inv_id(b, INV_TOUCHPOINT, tc, "touchpoint", b->n_all + 1)
                    : inv_made_id(b, nc->v, "touchpoint", b->n_all + 1);
    tp->channel = (enum channel)inv_required_word(b, INV_CHANNEL, row, channel_names,
                                                  CHANNEL_COUNT, CHANNEL_OTHER);
    tp->initiator = (enum initiator)inv_required_word(b, INV_INITIATOR, row, initiator_names,
                                                      INITIATOR_COUNT, INITIATOR_COMPANY);
    if (*row->c[INV_OWNER].v)
        tp->owner = inv_owner(b, INV_OWNER, &row->c[INV_OWNER]);
    tp->mode = (enum mode)inv_optional_word(b, INV_MODE, row, mode_names, MODE_COUNT);
    tp->purpose = (enum purpose)inv_optional_word(b, INV_PURPOSE, row, purpose_names,
                                                  PURPOSE_COUNT);
    inv_numbers(b, row, tp);
    if (*row->c[INV_ABOUT].v)
        tp->about = inv_change(b, row);
    tp->note = inv_text(b, &row->c[INV_NOTE], row->c[INV_NOTE].v);
    size_t n;
    tp->pluses = inv_lines(b, &row->c[INV_PLUSES], &n);
    tp->n_pluses = (uint32_t)n; /* lines of one cell: bounded by the file's size */
    tp->minuses = inv_lines(b, &row->c[INV_MINUSES], &n);
    tp->n_minuses = (uint32_t)n;
    inv_metrics(b, &row->c[INV_METRICS], tp);
    tp->stage = s;
    size_t k;
    if (*row->c[INV_COMPETITOR].v) {
        tp->competitor = inv_competitor(b, &row->c[INV_COMPETITOR], &k);
        inv_no_plan(b, row);
        tp->index = (uint32_t)b->comp_more[k].n;
        inv_push(&b->comp_more[k], tp);
    } else {
        inv_plan(b, row, tp);
        if (s) {
            /* fixed when the journey is assembled */
            tp->index = (uint32_t)b->stage_more[s->index].n;
            inv_push(&b->stage_more[s->index], tp);
        }
    }
    xgrow((void **)&b->all, &b->cap_all, b->n_all + 1, sizeof *b->all);
    xgrow((void **)&b->all_rows, &b->cap_all_rows, b->n_all + 1, sizeof *b->all_rows);
    b->all[b->n_all] = tp;
    b->all_rows[b->n_all++] = row;
}

/* What needs every row: each touchpoint's day and repeats against its
 * stage's length, each change's date. */
static void
inv_check_after(struct inv_build *b)
{
    for (size_t i = 0; i < b->n_all; i++) {
        const struct touchpoint *tp = b->all[i];
        const struct inv_row *row = b->all_rows[i];
        const struct stage *s = tp->stage;
        if (!s)
            continue;
        if (s->has_days && tp->has_day && tp->day > s->days)
            inv_error(b->r, &row->c[INV_DAY], "%s \"%u\": after the end of stage \"%s\" (%u days); "
                                              "move it into the stage or lengthen the stage",
                      inv_header(b->r, INV_DAY), tp->day, s->name, s->days);
        if (tp->every && !s->has_days)
            inv_error(b->r, &row->c[INV_EVERY], "%s \"%u\": stage \"%s\" has no %s to say when "
                                                "the repeats stop; give the stage its length",
                      inv_header(b->r, INV_EVERY), tp->every, s->name,
                      inv_header(b->r, INV_STAGE_DAYS));
    }
    for (size_t i = 0; i < b->j->n_changes; i++)
        if (!b->change_more[i].date)
            inv_error(b->r, b->change_more[i].about, "%s \"%s\": no row gives the change's %s; a "
                                                     "change needs the date customers feel it",
                      inv_header(b->r, INV_ABOUT), b->change_more[i].about->v,
                      inv_header(b->r, INV_CHANGE_DATE));
}

/* ---------------------------------------------------------------------------
 * The journey
 */

static void *
inv_dup(struct inv_build *b, const void *p, size_t n, size_t size)
{
    return n ? arena_memdup(b->a, p, n * size) : NULL;
}

static void
inv_assemble(struct inv_build *b)
{
    struct journey *j = b->j;
    j->stages = arena_alloc(b->a, j->n_stages * sizeof *j->stages + 1);
    size_t ours = 0;
    for (size_t i = 0; i < j->n_stages; i++)
        ours += b->stage_more[i].n;
    j->touchpoints = arena_alloc(b->a, ours * sizeof *j->touchpoints + 1);
    for (size_t i = 0; i < j->n_stages; i++) {
        struct inv_more *m = &b->stage_more[i];
        struct stage *s = m->stage;
        s->touchpoints = j->touchpoints + j->n_touchpoints;
        s->n_touchpoints = m->n;
        for (size_t k = 0; k < m->n; k++) {
            m->tps[k]->index = (uint32_t)j->n_touchpoints;
            j->touchpoints[j->n_touchpoints++] = m->tps[k];
        }
        j->stages[i] = s;
        free(m->tps);
    }
    j->owners = inv_dup(b, b->owner_list, j->n_owners, sizeof *j->owners);
    j->changes = inv_dup(b, b->changes.objs, j->n_changes, sizeof *j->changes);
    j->competitors = inv_dup(b, b->competitors.objs, j->n_competitors, sizeof *j->competitors);
    for (size_t i = 0; i < j->n_competitors; i++) {
        struct inv_more *m = &b->comp_more[i];
        j->competitors[i]->touchpoints = inv_dup(b, m->tps, m->n, sizeof *m->tps);
        j->competitors[i]->n_touchpoints = m->n;
        free(m->tps);
    }
}

struct journey *
inv_build(struct inv_read *r, const char *id, const char *name, const size_t *rows, size_t n)
{
    struct inv_build b;
    memset(&b, 0, sizeof b);
    b.r = r;
    b.a = arena_new();
    size_t errors = r->errors;
    struct journey *j = b.j = arena_alloc(b.a, sizeof *j);
    j->arena = b.a;
    j->file = arena_strdup(b.a, r->path);
    j->loc = (struct loc){r->rows[rows[0]].line};
    policy_defaults(&j->policy);
    j->policy.loc = j->loc;
    j->id = arena_strdup(b.a, id);
    j->name = arena_strdup(b.a, name);
    b.journey_cell = r->rows[rows[0]].c[INV_JOURNEY].v;
    inv_claim_ids(&b, rows, n);
    for (size_t i = 0; i < n; i++)
        inv_touchpoint(&b, &r->rows[rows[i]]);
    inv_check_after(&b);
    inv_assemble(&b);
    slug_set_finish(&b.ids);
    strindex_finish(&b.given);
    free(b.given_kind);
    free(b.given_at);
    inv_table_finish(&b.stages);
    inv_table_finish(&b.owners);
    inv_table_finish(&b.changes);
    inv_table_finish(&b.competitors);
    free(b.stage_more);
    free(b.change_more);
    free(b.comp_more);
    free(b.all);
    free(b.all_rows);
    free(b.owner_list);
    if (r->errors > errors) {
        journey_free(j);
        return NULL;
    }
    return j;
}
