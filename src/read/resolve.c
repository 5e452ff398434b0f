/*
 * resolve.c - the id space of one file, and what needs all of it.
 *
 * Ids are defined as elements stream past; references are recorded as
 * they appear and resolved after the last element, so that they may point
 * forwards. A reference to an id of the wrong kind (an owner named where a
 * stage is expected) says what it found. The checks that need every
 * reference resolved (a competitor touchpoint's timing against the stage
 * it names, one rating per competitor and touchpoint) run here too.
 */
#include "read/loader.h"

#include "core/arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const ent_names[] = {
    "an owner",    "a change", "a stage", "one of our touchpoints", "a competitor's touchpoint",
    "a competitor"};
static const char *const ent_plurals[] = {
    "owners",     "changes", "stages", "touchpoints of ours", "competitors' touchpoints",
    "competitors"};

static struct ent *
resolve_lookup(struct idmap *m, const char *id)
{
    size_t i = strindex_find(&m->ids, id);
    return i == STRINDEX_NONE ? NULL : &m->ents[i];
}

/* Insert id, or return the existing entry for it. */
static struct ent *
resolve_insert(struct idmap *m, const char *id, enum ent_kind kind, void *obj, unsigned line)
{
    bool added;
    size_t i = strindex_put(&m->ids, id, &added);
    if (!added)
        return &m->ents[i];
    xgrow((void **)&m->ents, &m->cap, i + 1, sizeof *m->ents);
    m->ents[i] = (struct ent){kind, obj, line};
    return NULL;
}

static void resolve_settle_tail(struct loader *L, const char *id, const struct ent *e);

void
resolve_define(struct loader *L, const struct frame *f, const struct val *idv, enum ent_kind kind,
               void *obj)
{
    if (!idv)
        return;
    const char *id = idv->s;
    struct ent *old = resolve_insert(&L->ids, id, kind, obj, f->line);
    if (!old)
        resolve_settle_tail(L, id, &(struct ent){kind, obj, f->line});
    else
        loader_error(L, idv->line, "duplicate-id", id,
                     "%s uses the id %s, already given to %s at line %u; ids must be unique in a "
                     "file",
                     loader_desc(L, f), loader_quote(L, id), ent_names[old->kind], old->line);
}

/* Point p's slot at e's object when p asks for e's kind and has a slot
 * (a reference to a competitor's touchpoint or a competitor has none). */
static bool
resolve_settle(struct pending *p, const struct ent *e)
{
    if (!e || e->kind != p->want)
        return false;
    switch (p->want) {
    case ENT_OWNER:
        return p->slot.owner && (*p->slot.owner = e->obj, true);
    case ENT_CHANGE:
        return p->slot.change && (*p->slot.change = e->obj, true);
    case ENT_STAGE:
        return p->slot.stage && (*p->slot.stage = e->obj, true);
    case ENT_TOUCHPOINT:
        return p->slot.touchpoint && (*p->slot.touchpoint = e->obj, true);
    case ENT_CTOUCHPOINT:
    case ENT_COMPETITOR:
        break;
    }
    return false;
}

/*
 * References are resolved as soon as what they name is known, and their
 * records dropped: a large journey's records were the loader's peak
 * (64 bytes each, one or two a touchpoint). resolve_references() would
 * have found the same entry (an id's first definition is the one kept,
 * and a slot is read only after loading), and a reference that resolves
 * adds no finding, so the findings are the same either way; one that does
 * not resolve waits for resolve_references(), which reports it as always.
 *
 * Backwards, when the next reference is recorded (by then the caller has
 * set this one's slot): every touchpoint's owner and change, every
 * rating's touchpoint, every competitor's touchpoint's stage. Forwards,
 * when an id is defined, among the last few records: a touchpoint's
 * <next> to the one after it.
 */
#define RESOLVE_TAIL 8

static void
resolve_settle_last(struct loader *L)
{
    if (L->n_pend && resolve_settle(&L->pend[L->n_pend - 1],
                                    resolve_lookup(&L->ids, L->pend[L->n_pend - 1].name)))
        L->n_pend--;
}

/* id has just been defined, as e: the last few references to it. */
static void
resolve_settle_tail(struct loader *L, const char *id, const struct ent *e)
{
    for (size_t k = L->n_pend; k > 0 && L->n_pend - k < RESOLVE_TAIL; k--) {
        struct pending *p = &L->pend[k - 1];
        if (str_eq(p->name, id) && resolve_settle(p, e)) {
            memmove(p, p + 1, (L->n_pend - k) * sizeof *p);
            L->n_pend--;
        }
    }
}

struct pending *
resolve_refer(struct loader *L, const struct frame *f, const struct val *v, const char *attr,
              enum ent_kind want)
{
    if (!v->ok)
        return NULL;
    resolve_settle_last(L);
    xgrow((void **)&L->pend, &L->cap_pend, L->n_pend + 1, sizeof *L->pend);
    struct pending *p = &L->pend[L->n_pend++];
    memset(p, 0, sizeof *p);
    p->want = want;
    p->name = v->s;
    p->line = v->line;
    p->kind = f->kind;
    p->key = f->desc_key;
    p->value = f->desc_value;
    p->attr = attr;
    p->subject = f->subject;
    return p;
}

/* `<touchpoint id="help"> has owner=`, for a message about p. */
static const char *
resolve_what(struct loader *L, const struct pending *p)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "%s has %s=", loader_name(L, p->kind, p->key, p->value), p->attr);
    const char *s = arena_strdup(L->arena, buf_str(&b));
    buf_finish(&b);
    return s;
}

/* The name of what an entity is. */
static const char *
resolve_name_of(const struct ent *e)
{
    switch (e->kind) {
    case ENT_OWNER:
        return ((const struct owner *)e->obj)->name;
    case ENT_CHANGE:
        return ((const struct change *)e->obj)->name;
    case ENT_STAGE:
        return ((const struct stage *)e->obj)->name;
    case ENT_TOUCHPOINT:
    case ENT_CTOUCHPOINT:
        return ((const struct touchpoint *)e->obj)->name;
    case ENT_COMPETITOR:
        return ((const struct competitor *)e->obj)->name;
    }
    return "";
}

/* A reference that names nothing: perhaps the name (not the id) of the
 * right kind of thing, or an id close to one; else the ids there are. */
static void
resolve_unknown(struct loader *L, const struct pending *p)
{
    const struct idmap *m = &L->ids;
    /* A value that cannot be an id is a schema error, whatever it names. */
    const char *rule = model_is_id(p->name) ? "unknown-reference" : "schema";
    const char *ids[64] = {NULL};
    size_t n_ids = 0, n_kind = 0;
    for (size_t i = 0; i < m->ids.n; i++) {
        const struct ent *e = &m->ents[i];
        if (e->kind != p->want)
            continue;
        if (strcasecmp(resolve_name_of(e), p->name) == 0) {
            loader_error(L, p->line, rule, p->subject,
                         "%s%s, which is the name of %s, not its id: write %s=\"%s\"", resolve_what(L, p),
                         loader_quote(L, p->name), ent_names[p->want], p->attr, m->ids.keys[i]);
            return;
        }
        if (n_ids < ARRAY_LEN(ids))
            ids[n_ids++] = m->ids.keys[i];
        n_kind++;
    }
    const char *meant = str_closest(p->name, ids, n_ids);
    struct buf b;
    buf_init(&b);
    if (meant) {
        buf_printf(&b, "; did you mean %s=\"%s\"?", p->attr, meant);
    } else if (n_kind == 0) {
        buf_printf(&b, ", and it has no %s yet", ent_plurals[p->want]);
    } else {
        buf_printf(&b, "; its %s are ", ent_plurals[p->want]);
        for (size_t i = 0; i < n_ids && i < 8; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
        if (n_kind > 8)
            buf_puts(&b, ", …");
    }
    if (!model_is_id(p->name))
        loader_error(L, p->line, rule, p->subject,
                     "%s%s, which is not an id: use a letter followed by letters, digits, '-', "
                     "'_' or '.', at most 64 characters%s",
                     resolve_what(L, p), loader_quote(L, p->name), buf_str(&b));
    else
        loader_error(L, p->line, rule, p->subject,
                     "%s%s, but the file defines no such id; expected %s%s", resolve_what(L, p),
                     loader_quote(L, p->name), ent_names[p->want], buf_str(&b));
    buf_finish(&b);
}

/* Point every recorded reference at what it names, or report it. */
static void
resolve_references(struct loader *L)
{
    for (size_t i = 0; i < L->n_pend; i++) {
        struct pending *p = &L->pend[i];
        struct ent *e = resolve_lookup(&L->ids, p->name);
        if (!e) {
            resolve_unknown(L, p);
            continue;
        }
        if (e->kind != p->want) {
            loader_error(L, p->line, "unknown-reference", p->subject,
                         "%s%s, which is %s (line %u); expected %s", resolve_what(L, p),
                         loader_quote(L, p->name), ent_names[e->kind], e->line, ent_names[p->want]);
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

/* Competitors' touchpoints: timing against the stage they name. */
static void
resolve_competitor_timing(struct loader *L)
{
    const struct journey *j = L->j;
    for (size_t c = 0; c < j->n_competitors; c++)
        for (size_t i = 0; i < j->competitors[c]->n_touchpoints; i++) {
            struct touchpoint *t = j->competitors[c]->touchpoints[i];
            value_check_timing(L, t, NULL, t->id, t->loc.line, t->loc.line);
        }
}

/* At most one rating per competitor and touchpoint. */
static void
resolve_rating_twice(struct loader *L)
{
    const struct journey *j = L->j;
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
                loader_error(L, r->loc.line, "invalid-value", comp->id,
                             "competitor %s rates touchpoint %s twice (first at line %u); keep one "
                             "rating",
                             loader_quote(L, comp->name), loader_quote(L, r->touchpoint->name),
                             *seen);
            else
                *seen = r->loc.line;
        }
    }
    free(first);
}

void
resolve_document(struct loader *L)
{
    struct journey *j = L->j;
    LOADER_FREEZE(L, &L->owners, j->owners, j->n_owners);
    LOADER_FREEZE(L, &L->changes, j->changes, j->n_changes);
    LOADER_FREEZE(L, &L->stages, j->stages, j->n_stages);
    LOADER_FREEZE(L, &L->all_tps, j->touchpoints, j->n_touchpoints);
    /* A stage's touchpoints are a run of the journey's (stages do not
     * nest): its array is that slice, not a copy (8 bytes a touchpoint). */
    for (size_t i = 0; i < j->n_touchpoints; i++)
        if (!j->touchpoints[i]->stage->touchpoints)
            j->touchpoints[i]->stage->touchpoints = &j->touchpoints[i];
    for (size_t i = 0; i < j->n_stages; i++)
        if (!j->stages[i]->touchpoints) /* none: an empty slice */
            j->stages[i]->touchpoints = j->touchpoints;
    LOADER_FREEZE(L, &L->competitors, j->competitors, j->n_competitors);
    LOADER_FREEZE(L, &L->overrides, j->policy.overrides, j->policy.n_overrides);

    if (j->n_stages == 0 && L->root_ok)
        loader_error(L, j->loc.line, "schema", j->id,
                     "<journey> has no <stage>; a journey needs at least one stage");
    resolve_references(L);
    resolve_competitor_timing(L);
    resolve_rating_twice(L);
}

void
resolve_finish(struct loader *L)
{
    strindex_finish(&L->ids.ids);
    free(L->ids.ents);
    free(L->pend);
    L->ids.ents = NULL;
    L->pend = NULL;
    L->n_pend = L->cap_pend = 0;
}
