/*
 * diff.c - the semantic diff of two journeys (diff.h; diff.md).
 *
 * Every element is turned into a list of named values, each written the
 * way the model reads it (numbers with %g so that 0.5 equals 0.50, dates
 * as YYYY-MM-DD, text with white space collapsed, an absent attribute with
 * a default as that default); two versions of an element differ in a
 * field exactly when those texts differ. Elements and a competitor's
 * ratings are matched by id with a hash index; the pluses, minuses,
 * metrics and next steps of one touchpoint are compared pairwise (a
 * touchpoint holds a handful).
 */
#include "check/diff.h"

#include "core/date.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const diff_kind_names[DIFF_KIND_COUNT] = {"added", "removed", "changed", "moved"};
const char *const diff_status_names[4] = {"same", "changed", "added", "removed"};

#define DIFF_FIELDS 16

/* A named value of an element (value malloc'd, or NULL when absent), as
 * shown; key, when not NULL, is what is compared instead (a set's sorted
 * members for `affects`). */
struct field {
    const char *name;
    char *value;
    char *key;
};

struct fields {
    struct field f[DIFF_FIELDS];
    size_t n;
};

/* ------------------------------------------------------------------------
 * Values
 */

/* s with white space collapsed (collapse_space()); NULL stays NULL. */
static char *
diff_text(const char *s)
{
    return s ? collapse_space(s) : NULL;
}

static void
put(struct fields *fs, const char *name, char *value)
{
    fs->f[fs->n].name = name;
    fs->f[fs->n].value = value;
    fs->f[fs->n].key = NULL;
    fs->n++;
}

static void
put_text(struct fields *fs, const char *name, const char *s)
{
    put(fs, name, diff_text(s));
}

static void
put_int(struct fields *fs, const char *name, bool has, long long v)
{
    put(fs, name, has ? xasprintf("%lld", v) : NULL);
}

static void
put_date(struct fields *fs, const char *name, bool has, day_number d)
{
    char s[11];
    if (has)
        date_format(d, s);
    put(fs, name, has ? xstrdup(s) : NULL);
}

/* A value compared with its default applied (key) and shown as written
 * (value, NULL when the file does not write it). */
static void
put_written(struct fields *fs, const char *name, bool written, char *key)
{
    put(fs, name, written ? xstrdup(key) : NULL);
    fs->f[fs->n - 1].key = key;
}

static void
policy_fields(const struct policy *p, struct fields *fs)
{
    for (size_t k = 0; k < POLICY_FIELD_COUNT; k++) {
        const struct policy_attr *pa = &policy_attrs[k];
        const char *field = (const char *)p + pa->offset;
        char *value = pa->type == POLICY_UNSIGNED ? xasprintf("%u", *(const unsigned *)(const void *)field)
                      : pa->type == POLICY_INT     ? xasprintf("%d", *(const int *)(const void *)field)
                                                   : xasprintf("%g", *(const double *)(const void *)field);
        put_written(fs, pa->name, (p->written >> k) & 1u, value);
    }
}

static void
fields_free(struct fields *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->f[i].value);
        free(fs->f[i].key);
    }
    fs->n = 0;
}

static bool
same_value(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ------------------------------------------------------------------------
 * Changes
 */

static void
diff_add(struct journey_diff *jd, enum diff_kind kind, const char *what, const char *id,
         const char *field, char *old, char *new_, unsigned line)
{
    xgrow((void **)&jd->changes, &jd->cap_changes, jd->n_changes + 1, sizeof *jd->changes);
    jd->changes[jd->n_changes++] = (struct diff_change){
        kind, what, xstrdup(id), field ? xstrdup(field) : NULL, old, new_, line};
    jd->count[kind]++;
}

/* The fields of two versions of one element: a change per field that differs. */
static void
diff_fields(struct journey_diff *jd, const char *what, const char *id, struct fields *a,
            struct fields *b, unsigned line)
{
    for (size_t i = 0; i < a->n && i < b->n; i++)
        if (!same_value(a->f[i].key ? a->f[i].key : a->f[i].value,
                        b->f[i].key ? b->f[i].key : b->f[i].value)) {
            diff_add(jd, DIFF_CHANGED, what, id, a->f[i].name, a->f[i].value, b->f[i].value, line);
            a->f[i].value = b->f[i].value = NULL;
        }
    fields_free(a);
    fields_free(b);
}

/* ------------------------------------------------------------------------
 * The fields of each kind of element
 */

static const char *
owner_id(const struct owner *o)
{
    return o ? o->id : NULL;
}

static void
touchpoint_fields(const struct touchpoint *tp, struct fields *fs)
{
    put_text(fs, "name", tp->name);
    put_text(fs, "channel", channel_names[tp->channel]);
    put_text(fs, "initiator", initiator_names[tp->initiator]);
    put_text(fs, "owner", owner_id(tp->owner));
    put_text(fs, "mode", mode_names[tp->mode]);
    put_text(fs, "purpose", purpose_names[tp->purpose]);
    put_written(fs, "day", tp->has_day, xasprintf("%u", tp->day)); /* absent is day 0 */
    put_int(fs, "every", tp->every != 0, tp->every);
    put_int(fs, "score", tp->score != 0, tp->score);
    put_int(fs, "emotion", tp->has_emotion, tp->emotion);
    put_text(fs, "about", tp->about ? tp->about->id : NULL);
    put_text(fs, "note", tp->note ? tp->note->markdown : NULL);
    if (tp->competitor) {
        put_text(fs, "stage", tp->stage ? tp->stage->id : NULL);
        put_text(fs, "competitor", tp->competitor->id);
    }
}

static void
stage_fields(const struct stage *s, struct fields *fs)
{
    put_text(fs, "name", s->name);
    put_text(fs, "phase", phase_names[s->phase]);
    put_int(fs, "days", s->has_days, s->days);
    put_text(fs, "description", s->description);
}

static int
compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
change_fields(const struct change *c, struct fields *fs)
{
    put_text(fs, "name", c->name);
    put_date(fs, "date", true, c->date);
    /* affects: shown as written (attribute order), compared as a set */
    const char **ids = xcalloc(c->n_affects + 1, sizeof *ids);
    struct buf shown, key;
    buf_init(&shown);
    buf_init(&key);
    for (size_t i = 0; i < c->n_affects; i++) {
        ids[i] = c->affects[i]->id;
        buf_printf(&shown, "%s%s", i ? " " : "", ids[i]);
    }
    qsort(ids, c->n_affects, sizeof *ids, compare_strings);
    for (size_t i = 0; i < c->n_affects; i++)
        if (i == 0 || strcmp(ids[i], ids[i - 1]) != 0)
            buf_printf(&key, "%s%s", key.len ? " " : "", ids[i]);
    free(ids);
    put(fs, "affects", c->n_affects ? buf_steal(&shown) : NULL);
    fs->f[fs->n - 1].key = c->n_affects ? buf_steal(&key) : NULL;
    buf_finish(&shown);
    buf_finish(&key);
    put_text(fs, "text", *c->markdown ? c->markdown : NULL);
}

/* ------------------------------------------------------------------------
 * Matching by id
 */

/* An element list: objects and their ids, in document order, found by id. */
struct list {
    const void **obj;
    const char **id;
    size_t *at; /* by index number: the object's place */
    size_t n;
    struct strindex index;
};

static void
list_add(struct list *l, const void *obj, const char *id, size_t cap)
{
    if (!l->obj) {
        l->obj = xcalloc(cap + 1, sizeof *l->obj);
        l->id = xcalloc(cap + 1, sizeof *l->id);
        l->at = xcalloc(cap + 1, sizeof *l->at);
    }
    if (strindex_find(&l->index, id) == STRINDEX_NONE) /* ids are unique in a usable file */
        l->at[strindex_add(&l->index, id)] = l->n;
    l->obj[l->n] = obj;
    l->id[l->n++] = id;
}

/* The object with id in l, or NULL. */
static const void *
list_find(const struct list *l, const char *id)
{
    size_t k = strindex_find(&l->index, id);
    return k == STRINDEX_NONE ? NULL : l->obj[l->at[k]];
}

static void
list_finish(struct list *l)
{
    free(l->obj);
    free(l->id);
    free(l->at);
    strindex_finish(&l->index);
}

/* Lists of our touchpoints, and of every competitor's together. */
static void
touchpoint_lists(const struct journey *j, struct list *ours, struct list *theirs)
{
    for (size_t i = 0; i < j->n_touchpoints; i++)
        list_add(ours, j->touchpoints[i], j->touchpoints[i]->id, j->n_touchpoints);
    size_t n = 0;
    for (size_t c = 0; c < j->n_competitors; c++)
        n += j->competitors[c]->n_touchpoints;
    for (size_t c = 0; c < j->n_competitors; c++)
        for (size_t k = 0; k < j->competitors[c]->n_touchpoints; k++)
            list_add(theirs, j->competitors[c]->touchpoints[k],
                     j->competitors[c]->touchpoints[k]->id, n);
}

/* ------------------------------------------------------------------------
 * Children of a touchpoint present on both sides
 */

/* Pluses or minuses as multisets of collapsed text. */
static void
diff_texts(struct journey_diff *jd, const char *what, const char *id, struct text *const *a,
           size_t na, struct text *const *b, size_t nb)
{
    char **ta = xcalloc(na + 1, sizeof *ta), **tb = xcalloc(nb + 1, sizeof *tb);
    bool *used = xcalloc(nb + 1, sizeof *used);
    for (size_t i = 0; i < na; i++)
        ta[i] = diff_text(a[i]->markdown);
    for (size_t i = 0; i < nb; i++)
        tb[i] = diff_text(b[i]->markdown);
    for (size_t i = 0; i < na; i++) {
        size_t k = 0;
        while (k < nb && (used[k] || strcmp(ta[i], tb[k]) != 0))
            k++;
        if (k < nb)
            used[k] = true;
        else
            diff_add(jd, DIFF_REMOVED, what, id, NULL, xstrdup(ta[i]), NULL, a[i]->loc.line);
    }
    for (size_t k = 0; k < nb; k++)
        if (!used[k])
            diff_add(jd, DIFF_ADDED, what, id, NULL, NULL, xstrdup(tb[k]), b[k]->loc.line);
    for (size_t i = 0; i < na; i++)
        free(ta[i]);
    for (size_t i = 0; i < nb; i++)
        free(tb[i]);
    free(ta);
    free(tb);
    free(used);
}

/* The values of metric name on tp, joined by ", ", and its first line. */
static char *
metric_values(const struct touchpoint *tp, const char *name, unsigned *line)
{
    struct buf b;
    buf_init(&b);
    bool any = false;
    for (size_t i = 0; i < tp->n_metrics; i++)
        if (strcmp(tp->metrics[i]->name, name) == 0) {
            if (!any)
                *line = tp->metrics[i]->loc.line;
            buf_printf(&b, "%s%g", any ? ", " : "", tp->metrics[i]->value);
            any = true;
        }
    char *s = any ? buf_steal(&b) : NULL;
    buf_finish(&b);
    return s;
}

/* Metrics by name (each name once, in the order of first appearance). */
static void
diff_metrics(struct journey_diff *jd, const struct touchpoint *a, const struct touchpoint *b)
{
    for (int side = 0; side < 2; side++) {
        const struct touchpoint *x = side ? b : a, *y = side ? a : b;
        for (size_t i = 0; i < x->n_metrics; i++) {
            const char *name = x->metrics[i]->name;
            bool first = true;
            for (size_t k = 0; k < i; k++)
                first = first && strcmp(x->metrics[k]->name, name) != 0;
            if (!first)
                continue;
            unsigned lx = 0, ly = 0;
            char *vx = metric_values(x, name, &lx), *vy = metric_values(y, name, &ly);
            if (!vy)
                diff_add(jd, side ? DIFF_ADDED : DIFF_REMOVED, "metric", a->id, name, NULL, NULL,
                         lx);
            else if (side == 0 && strcmp(vx, vy) != 0)
                diff_add(jd, DIFF_CHANGED, "metric", a->id, name, vx, vy, ly), vx = vy = NULL;
            free(vx);
            free(vy);
        }
    }
}

static void
plan_fields(const struct plan *p, struct fields *fs)
{
    put_text(fs, "owner", owner_id(p->owner));
    put_date(fs, "due", p->has_due, p->due);
    put_text(fs, "text", *p->markdown ? p->markdown : NULL);
}

static void
diff_plan(struct journey_diff *jd, const struct touchpoint *a, const struct touchpoint *b)
{
    if (!a->plan && !b->plan)
        return;
    if (!b->plan) {
        diff_add(jd, DIFF_REMOVED, "plan", a->id, NULL, NULL, NULL, a->plan->loc.line);
    } else if (!a->plan) {
        diff_add(jd, DIFF_ADDED, "plan", b->id, NULL, NULL, NULL, b->plan->loc.line);
    } else {
        struct fields fa = {0}, fb = {0};
        plan_fields(a->plan, &fa);
        plan_fields(b->plan, &fb);
        diff_fields(jd, "plan", b->id, &fa, &fb, b->plan->loc.line);
    }
}

static const struct next *
next_to(const struct touchpoint *tp, const char *to)
{
    for (size_t i = 0; i < tp->n_nexts; i++)
        if (strcmp(tp->nexts[i]->to->id, to) == 0)
            return tp->nexts[i];
    return NULL;
}

static char *
share_text(const struct next *n)
{
    return n->has_share ? xasprintf("%g", n->share) : NULL;
}

static void
diff_nexts(struct journey_diff *jd, const struct touchpoint *a, const struct touchpoint *b)
{
    for (size_t i = 0; i < a->n_nexts; i++) {
        const struct next *x = a->nexts[i], *y = next_to(b, x->to->id);
        if (!y) {
            diff_add(jd, DIFF_REMOVED, "next", a->id, x->to->id, NULL, NULL, x->loc.line);
        } else {
            char *sx = share_text(x), *sy = share_text(y);
            if (!same_value(sx, sy))
                diff_add(jd, DIFF_CHANGED, "next", a->id, x->to->id, sx, sy, y->loc.line),
                    sx = sy = NULL;
            free(sx);
            free(sy);
        }
    }
    for (size_t i = 0; i < b->n_nexts; i++)
        if (!next_to(a, b->nexts[i]->to->id))
            diff_add(jd, DIFF_ADDED, "next", b->id, b->nexts[i]->to->id, NULL, NULL,
                     b->nexts[i]->loc.line);
}

/* Two versions of one touchpoint (ours, or a competitor's): its fields,
 * its stage (ours: moved), its children. */
static void
diff_touchpoint(struct journey_diff *jd, const char *what, const struct touchpoint *a,
                const struct touchpoint *b)
{
    struct fields fa = {0}, fb = {0};
    touchpoint_fields(a, &fa);
    touchpoint_fields(b, &fb);
    diff_fields(jd, what, b->id, &fa, &fb, b->loc.line);
    if (!b->competitor && strcmp(a->stage->id, b->stage->id) != 0)
        diff_add(jd, DIFF_MOVED, what, b->id, "stage", xstrdup(a->stage->id),
                 xstrdup(b->stage->id), b->loc.line);
    diff_metrics(jd, a, b);
    diff_texts(jd, "plus", b->id, a->pluses, a->n_pluses, b->pluses, b->n_pluses);
    diff_texts(jd, "minus", b->id, a->minuses, a->n_minuses, b->minuses, b->n_minuses);
    if (!b->competitor) {
        diff_plan(jd, a, b);
        diff_nexts(jd, a, b);
    }
}

/* ------------------------------------------------------------------------
 * Element lists matched by id
 */

typedef void (*fields_fn)(const void *obj, struct fields *fs);
typedef unsigned (*line_fn)(const void *obj);

struct kind {
    const char *what;
    fields_fn fields; /* NULL: compared by a function of its own */
    line_fn line;
    bool child;       /* of a competitor: not listed when its competitor is added or removed */
};

static unsigned
line_of_owner(const void *o)
{
    return ((const struct owner *)o)->loc.line;
}
static unsigned
line_of_change(const void *o)
{
    return ((const struct change *)o)->loc.line;
}
static unsigned
line_of_stage(const void *o)
{
    return ((const struct stage *)o)->loc.line;
}
static unsigned
line_of_touchpoint(const void *o)
{
    return ((const struct touchpoint *)o)->loc.line;
}
static unsigned
line_of_competitor(const void *o)
{
    return ((const struct competitor *)o)->loc.line;
}

static void
owner_fields_of(const void *o, struct fields *fs)
{
    const struct owner *w = o;
    put_text(fs, "name", w->name);
    put_text(fs, "trained", trained_names[w->trained]);
}
static void
change_fields_of(const void *o, struct fields *fs)
{
    change_fields(o, fs);
}
static void
stage_fields_of(const void *o, struct fields *fs)
{
    stage_fields(o, fs);
}
static void
competitor_fields_of(const void *o, struct fields *fs)
{
    put_text(fs, "name", ((const struct competitor *)o)->name);
}

/*
 * Added and removed elements of one kind; for those on both sides, their
 * fields (kinds with fields) or both, to match (the others: *both_out
 * gets the pairs, old then new, as many as there are).
 */
/* Whether obj (of kind k, from one side) is a child of a competitor the
 * other side lacks. */
static bool
diff_orphan(const struct kind *k, const void *obj, const struct list *competitors)
{
    return k->child && !list_find(competitors, ((const struct touchpoint *)obj)->competitor->id);
}

static size_t
diff_list(struct journey_diff *jd, const struct kind *k, const struct list *a,
          const struct list *b, const struct list *comps_a, const struct list *comps_b,
          const void ***both_out)
{
    const void **both = xcalloc(2 * (a->n + 1), sizeof *both);
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++) {
        const void *y = list_find(b, a->id[i]);
        if (!y && diff_orphan(k, a->obj[i], comps_b))
            continue;
        if (!y) {
            diff_add(jd, DIFF_REMOVED, k->what, a->id[i], NULL, NULL, NULL, k->line(a->obj[i]));
            continue;
        }
        if (k->fields) {
            struct fields fa = {0}, fb = {0};
            k->fields(a->obj[i], &fa);
            k->fields(y, &fb);
            diff_fields(jd, k->what, a->id[i], &fa, &fb, k->line(y));
        }
        both[2 * n] = a->obj[i];
        both[2 * n + 1] = y;
        n++;
    }
    for (size_t i = 0; i < b->n; i++)
        if (!list_find(a, b->id[i]) && !diff_orphan(k, b->obj[i], comps_a))
            diff_add(jd, DIFF_ADDED, k->what, b->id[i], NULL, NULL, NULL, k->line(b->obj[i]));
    *both_out = both;
    return n;
}

/* Stages in both versions whose position among those differs. */
static void
diff_stage_moves(struct journey_diff *jd, const void **both, size_t n, const struct journey *a,
                 const struct journey *b)
{
    /* Position among the stages present in both versions, on each side. */
    size_t *pos_a = xcalloc(a->n_stages + 1, sizeof *pos_a);
    size_t *pos_b = xcalloc(b->n_stages + 1, sizeof *pos_b);
    for (size_t i = 0; i < n; i++) {
        pos_a[((const struct stage *)both[2 * i])->index] = 1;
        pos_b[((const struct stage *)both[2 * i + 1])->index] = 1;
    }
    for (size_t i = 0, at = 0; i < a->n_stages; i++)
        pos_a[i] = pos_a[i] ? ++at : 0;
    for (size_t i = 0, at = 0; i < b->n_stages; i++)
        pos_b[i] = pos_b[i] ? ++at : 0;
    for (size_t i = 0; i < n; i++) {
        const struct stage *x = both[2 * i], *y = both[2 * i + 1];
        if (pos_a[x->index] != pos_b[y->index])
            diff_add(jd, DIFF_MOVED, "stage", y->id, "position", xasprintf("%zu", pos_a[x->index]),
                     xasprintf("%zu", pos_b[y->index]), y->loc.line);
    }
    free(pos_a);
    free(pos_b);
}

/* Ratings of one competitor, by touchpoint (each side's found through an
 * index by touchpoint id). */
static void
diff_ratings(struct journey_diff *jd, const struct competitor *a, const struct competitor *b)
{
    struct list by_tp[2] = {{0}};
    for (int side = 0; side < 2; side++) {
        const struct competitor *x = side ? b : a;
        for (size_t i = 0; i < x->n_ratings; i++)
            list_add(&by_tp[side], x->ratings[i], x->ratings[i]->touchpoint->id, x->n_ratings);
    }
    for (int side = 0; side < 2; side++) {
        const struct competitor *x = side ? b : a;
        for (size_t i = 0; i < x->n_ratings; i++) {
            const struct rating *rx = x->ratings[i];
            const struct rating *ry = list_find(&by_tp[!side], rx->touchpoint->id);
            char *id = xasprintf("%s/%s", b->id, rx->touchpoint->id);
            if (!ry) {
                diff_add(jd, side ? DIFF_ADDED : DIFF_REMOVED, "rating", id, NULL, NULL, NULL,
                         rx->loc.line);
            } else if (side == 0) {
                struct fields fa = {0}, fb = {0};
                put_int(&fa, "score", true, rx->score);
                put_text(&fa, "text", *rx->markdown ? rx->markdown : NULL);
                put_int(&fb, "score", true, ry->score);
                put_text(&fb, "text", *ry->markdown ? ry->markdown : NULL);
                diff_fields(jd, "rating", id, &fa, &fb, ry->loc.line);
            }
            free(id);
        }
    }
    list_finish(&by_tp[0]);
    list_finish(&by_tp[1]);
}

/* ------------------------------------------------------------------------
 * A journey
 */

static void
diff_journey_fields(struct journey_diff *jd, const struct journey *a, const struct journey *b)
{
    struct fields fa = {0}, fb = {0};
    put_text(&fa, "id", a->id);
    put_text(&fa, "name", a->name);
    put_text(&fa, "description", a->description);
    put_text(&fb, "id", b->id);
    put_text(&fb, "name", b->name);
    put_text(&fb, "description", b->description);
    diff_fields(jd, "journey", b->id, &fa, &fb, b->loc.line);
    if (a->review || b->review) {
        if (!b->review) {
            diff_add(jd, DIFF_REMOVED, "review", b->id, NULL, NULL, NULL, a->review->loc.line);
        } else if (!a->review) {
            diff_add(jd, DIFF_ADDED, "review", b->id, NULL, NULL, NULL, b->review->loc.line);
        } else {
            put_date(&fa, "date", true, a->review->date);
            put_text(&fa, "by", a->review->by);
            put_date(&fb, "date", true, b->review->date);
            put_text(&fb, "by", b->review->by);
            diff_fields(jd, "review", b->id, &fa, &fb, b->review->loc.line);
        }
    }
    policy_fields(&a->policy, &fa);
    policy_fields(&b->policy, &fb);
    diff_fields(jd, "policy", b->id, &fa, &fb, b->policy.loc.line);
}

/* The severity a policy gives rule (by its <rule>), or NULL. */
static const char *
policy_rule(const struct policy *p, const char *rule)
{
    for (size_t i = 0; i < p->n_overrides; i++)
        if (strcmp(p->overrides[i]->rule, rule) == 0)
            return severity_names[p->overrides[i]->severity];
    return NULL;
}

static void
diff_policy_rules(struct journey_diff *jd, const struct journey *a, const struct journey *b)
{
    const struct policy *pa = &a->policy, *pb = &b->policy;
    for (size_t i = 0; i < pa->n_overrides + pb->n_overrides; i++) {
        bool in_a = i < pa->n_overrides;
        const char *rule = in_a ? pa->overrides[i]->rule : pb->overrides[i - pa->n_overrides]->rule;
        const char *va = policy_rule(pa, rule), *vb = policy_rule(pb, rule);
        if (same_value(va, vb) || (!in_a && va))
            continue; /* the same, or reported from a's side */
        char *field = xasprintf("rule:%s", rule);
        diff_add(jd, DIFF_CHANGED, "policy", b->id, field, va ? xstrdup(va) : NULL,
                 vb ? xstrdup(vb) : NULL, pb->loc.line);
        free(field);
    }
}

static void
diff_elements(struct journey_diff *jd, const struct journey *a, const struct journey *b)
{
    static const struct kind owners = {"owner", owner_fields_of, line_of_owner, false};
    static const struct kind changes = {"change", change_fields_of, line_of_change, false};
    static const struct kind stages = {"stage", stage_fields_of, line_of_stage, false};
    static const struct kind tps = {"touchpoint", NULL, line_of_touchpoint, false};
    static const struct kind ctps = {"competitor-touchpoint", NULL, line_of_touchpoint, true};
    static const struct kind comps = {"competitor", competitor_fields_of, line_of_competitor,
                                      false};
    struct list la[6] = {{0}}, lb[6] = {{0}};
    for (int side = 0; side < 2; side++) {
        const struct journey *j = side ? b : a;
        struct list *l = side ? lb : la;
        for (size_t i = 0; i < j->n_owners; i++)
            list_add(&l[0], j->owners[i], j->owners[i]->id, j->n_owners);
        for (size_t i = 0; i < j->n_changes; i++)
            list_add(&l[1], j->changes[i], j->changes[i]->id, j->n_changes);
        for (size_t i = 0; i < j->n_stages; i++)
            list_add(&l[2], j->stages[i], j->stages[i]->id, j->n_stages);
        touchpoint_lists(j, &l[3], &l[4]);
        for (size_t i = 0; i < j->n_competitors; i++)
            list_add(&l[5], j->competitors[i], j->competitors[i]->id, j->n_competitors);
    }
    const struct kind *kinds[6] = {&owners, &changes, &stages, &tps, &ctps, &comps};
    for (size_t k = 0; k < 6; k++) {
        const void **both = NULL;
        size_t n = diff_list(jd, kinds[k], &la[k], &lb[k], &la[5], &lb[5], &both);
        for (size_t i = 0; i < n; i++) {
            if (k == 3 || k == 4)
                diff_touchpoint(jd, kinds[k]->what, both[2 * i], both[2 * i + 1]);
            else if (k == 5)
                diff_ratings(jd, both[2 * i], both[2 * i + 1]);
        }
        if (k == 2)
            diff_stage_moves(jd, both, n, a, b);
        free(both);
    }
    for (size_t k = 0; k < 6; k++) {
        list_finish(&la[k]);
        list_finish(&lb[k]);
    }
}

/* ------------------------------------------------------------------------
 * Findings: (rule, subject, severity) as multisets
 */

static int
compare_findings(const void *pa, const void *pb)
{
    const struct finding *a = *(const struct finding *const *)pa;
    const struct finding *b = *(const struct finding *const *)pb;
    int c = strcmp(finding_rule(a), finding_rule(b));
    if (!c)
        c = strcmp(a->subject, b->subject);
    if (!c)
        c = (int)a->severity - (int)b->severity;
    if (!c)
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

static const struct finding **
findings_of(const struct diag *d, const struct journey *j, size_t *n)
{
    *n = 0;
    if (!j)
        return xcalloc(1, sizeof(const struct finding *));
    const struct finding **v = xcalloc(diag_count(d) + 1, sizeof *v);
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_file(d, diag_get(d, i)) == j->file)
            v[(*n)++] = diag_get(d, i);
    qsort(v, *n, sizeof *v, compare_findings);
    return v;
}

static int
finding_key(const struct finding *a, const struct finding *b)
{
    int c = strcmp(finding_rule(a), finding_rule(b));
    if (!c)
        c = strcmp(a->subject, b->subject);
    return c ? c : (int)a->severity - (int)b->severity;
}

static void
diff_findings(struct journey_diff *jd, const struct diag *dold, const struct diag *dnew)
{
    size_t na, nb;
    const struct finding **a = findings_of(dold, jd->old, &na);
    const struct finding **b = findings_of(dnew, jd->new_, &nb);
    jd->found_new = xcalloc(nb + 1, sizeof *jd->found_new);
    jd->found_resolved = xcalloc(na + 1, sizeof *jd->found_resolved);
    size_t i = 0, k = 0;
    while (i < na || k < nb) {
        int c = i == na ? 1 : k == nb ? -1 : finding_key(a[i], b[k]);
        if (c == 0)
            i++, k++;
        else if (c < 0)
            jd->found_resolved[jd->n_resolved++] = a[i++];
        else
            jd->found_new[jd->n_new++] = b[k++];
    }
    free(a);
    free(b);
}

static void
diff_pair(struct journey_diff *jd, const struct journey *a, const struct journey *b,
          const struct diag *dold, const struct diag *dnew)
{
    jd->old = a;
    jd->new_ = b;
    if (a && b) {
        diff_journey_fields(jd, a, b);
        diff_policy_rules(jd, a, b);
        diff_elements(jd, a, b);
    }
    jd->status = !a ? DIFF_ADD : !b ? DIFF_REMOVE : jd->n_changes ? DIFF_CHANGE : DIFF_SAME;
    diff_findings(jd, dold, dnew);
}

struct diff *
diff_new(struct journey *const *old, size_t n_old, const struct diag *dold,
         struct journey *const *new_, size_t n_new, const struct diag *dnew, bool pair)
{
    struct diff *d = xcalloc(1, sizeof *d);
    d->v = xcalloc(n_old + n_new + 1, sizeof *d->v);
    if (pair && n_old == 1 && n_new == 1) {
        diff_pair(&d->v[d->n++], old[0], new_[0], dold, dnew);
        return d;
    }
    struct list lo = {0};
    for (size_t i = 0; i < n_old; i++)
        list_add(&lo, old[i], old[i]->id, n_old);
    struct strindex seen = STRINDEX_INIT;
    for (size_t i = 0; i < n_new; i++) {
        diff_pair(&d->v[d->n++], list_find(&lo, new_[i]->id), new_[i], dold, dnew);
        strindex_add(&seen, new_[i]->id);
    }
    for (size_t i = 0; i < n_old; i++)
        if (strindex_find(&seen, old[i]->id) == STRINDEX_NONE)
            diff_pair(&d->v[d->n++], old[i], NULL, dold, dnew);
    strindex_finish(&seen);
    list_finish(&lo);
    return d;
}

bool
diff_differs(const struct diff *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].status != DIFF_SAME)
            return true;
    return false;
}

void
diff_free(struct diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        struct journey_diff *jd = &d->v[i];
        for (size_t k = 0; k < jd->n_changes; k++) {
            free(jd->changes[k].id);
            free(jd->changes[k].field);
            free(jd->changes[k].old);
            free(jd->changes[k].new_);
        }
        free(jd->changes);
        free(jd->found_new);
        free(jd->found_resolved);
    }
    free(d->v);
    free(d);
}
