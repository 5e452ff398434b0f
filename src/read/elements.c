/*
 * elements.c - the element table of the journey format and the handlers
 * that build the model from it.
 *
 * elements[] says, for each element, which attributes it takes (with
 * their types and ranges), which children it allows (and which only
 * once), and which handlers build its model object: `start` once its
 * attributes are read and checked, `text` with its dedented Markdown,
 * `end` after its children. Objects are allocated in the journey's arena
 * and linked to their parents at once; references go to resolve.c.
 * Messages about structure are built from the same tables (load.c), so
 * "allowed here: …" lists are always true.
 */
#include "read/loader.h"

#include "core/arena.h"
#include "core/catalog.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Attributes
 */

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
static const struct attr_spec policy_specs[] = {
    INTV("max-silence-days", false, 0, LOAD_MAX_DAYS),
    INTV("first-contact-days", false, 0, LOAD_MAX_DAYS),
    NUMV("max-reactive-share", false, 0, 1),
    INTV("min-score", false, 1, 5),
    NUMV("max-wait-seconds", false, 0, 1e9),
    NUMV("max-drop-off", false, 0, 1),
    INTV("review-days", false, 0, LOAD_MAX_DAYS),
    NUMV("min-reach", false, 0, 1),
    INTV("late-days", false, 0, LOAD_MAX_DAYS),
    NUMV("max-silent-share", false, 0, 1),
    NUMV("max-unplanned-share", false, 0, 1),
    INTV("stop-days", false, 0, LOAD_MAX_DAYS),
    INTV("min-customers", false, 0, 1000000000),
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

const struct val *
element_attr(const struct frame *f, const struct val *vals, const char *name)
{
    const struct el_info *info = &elements[f->kind];
    /* The names asked for are this file's literals, as the table's are:
     * the same pointers when the compiler merges them (it does when it
     * optimises), which saves comparing a dozen names per attribute. */
    for (size_t k = 0; k < info->n_attrs; k++)
        if (info->attrs[k].name == name)
            return &vals[k];
    for (size_t k = 0; k < info->n_attrs; k++)
        if (str_eq(info->attrs[k].name, name))
            return &vals[k];
    abort(); /* a typo in this file */
}

static const char *
element_str(const struct val *v)
{
    return v->present ? v->s : "";
}

/* The id attribute when it holds a valid id, else NULL (nothing is defined). */
static const struct val *
element_id(const struct frame *f, const struct val *v)
{
    const struct val *id = element_attr(f, v, "id");
    return id->ok ? id : NULL;
}

/* ---------------------------------------------------------------------------
 * The journey, its review and policy, owners and changes
 */

static void
element_start_journey(struct loader *L, struct frame *f, const struct val *v)
{
    struct journey *j = L->j;
    j->loc = (struct loc){f->line};
    j->id = element_attr(f, v, "id")->ok ? element_attr(f, v, "id")->s : "";
    j->name = element_str(element_attr(f, v, "name"));
    j->policy.loc = j->loc;
    f->obj = j;
}

static void
element_text_description(struct loader *L, struct frame *f, const char *md)
{
    (void)f;
    struct frame *p = loader_parent(L);
    if (p->kind == EL_JOURNEY)
        L->j->description = md;
    else
        ((struct stage *)p->obj)->description = md;
}

static void
element_start_review(struct loader *L, struct frame *f, const struct val *v)
{
    struct review *r = arena_alloc(L->arena, sizeof *r);
    r->loc = (struct loc){f->line};
    r->date = element_attr(f, v, "date")->date;
    r->by = element_attr(f, v, "by")->present ? element_attr(f, v, "by")->s : NULL;
    L->j->review = r;
}

static void
element_start_policy(struct loader *L, struct frame *f, const struct val *v)
{
    struct policy *p = &L->j->policy;
    const struct val *x;
    p->loc = (struct loc){f->line};
    for (size_t k = 0; k < POLICY_FIELD_COUNT; k++) {
        const struct policy_attr *pa = &policy_attrs[k];
        if (!(x = element_attr(f, v, pa->name))->ok)
            continue;
        char *field = (char *)p + pa->offset;
        if (pa->type == POLICY_UNSIGNED)
            *(unsigned *)(void *)field = (unsigned)x->i;
        else if (pa->type == POLICY_INT)
            *(int *)(void *)field = (int)x->i;
        else
            *(double *)(void *)field = x->d;
        p->written |= 1u << k;
    }
}

static void
element_start_rule(struct loader *L, struct frame *f, const struct val *v)
{
    const struct val *id = element_attr(f, v, "id"), *sev = element_attr(f, v, "severity");
    if (!id->ok || !sev->ok)
        return;
    const struct rule_info *r = catalog_find(id->s);
    if (r->category == RULE_ERROR) {
        loader_error(L, id->line, "invalid-value", f->subject,
                     "%s: the rule %s finds files that cannot be used; its severity cannot be "
                     "changed",
                     loader_desc(L, f), loader_quote(L, id->s));
        return;
    }
    struct rule_override *o = arena_alloc(L->arena, sizeof *o);
    o->loc = (struct loc){f->line};
    o->rule = r->id;
    o->severity = (enum severity)vocab_find(severity_names, SEVERITY_COUNT, sev->s);
    loader_vec_push(&L->overrides, o);
}

static void
element_start_owner(struct loader *L, struct frame *f, const struct val *v)
{
    struct owner *o = arena_alloc(L->arena, sizeof *o);
    o->loc = (struct loc){f->line};
    o->id = element_str(element_attr(f, v, "id"));
    o->name = element_str(element_attr(f, v, "name"));
    const struct val *t = element_attr(f, v, "trained");
    o->trained = t->ok ? (enum trained)(t->i + 1) : TRAINED_UNKNOWN;
    resolve_define(L, f, element_id(f, v), ENT_OWNER, o);
    loader_vec_push(&L->owners, o);
}

/* One pending stage reference per id of a change's `affects`. */
static void
element_change_affects(struct loader *L, struct frame *f, struct change *c, const struct val *aff)
{
    const char *ids = aff->s;
    char *copy = xstrdup(ids);
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
         t = strtok_r(NULL, " \t\n\r", &save))
        n++;
    c->affects = arena_alloc(L->arena, n * sizeof *c->affects);
    c->n_affects = n;
    strcpy(copy, ids);
    n = 0;
    for (char *save = NULL, *t = strtok_r(copy, " \t\n\r", &save); t;
         t = strtok_r(NULL, " \t\n\r", &save)) {
        struct val one = {
            .present = true, .ok = true, .s = arena_strdup(L->scratch, t), .line = aff->line};
        struct pending *p = resolve_refer(L, f, &one, "affects", ENT_STAGE);
        p->slot.stage = &c->affects[n++];
    }
    free(copy);
}

static void
element_start_change(struct loader *L, struct frame *f, const struct val *v)
{
    struct change *c = arena_alloc(L->arena, sizeof *c);
    c->loc = (struct loc){f->line};
    c->id = element_str(element_attr(f, v, "id"));
    c->name = element_str(element_attr(f, v, "name"));
    c->date = element_attr(f, v, "date")->date;
    c->markdown = "";
    resolve_define(L, f, element_id(f, v), ENT_CHANGE, c);
    const struct val *aff = element_attr(f, v, "affects");
    if (aff->ok)
        element_change_affects(L, f, c, aff);
    f->obj = c;
    c->index = L->changes.n;
    loader_vec_push(&L->changes, c);
}

static void
element_text_change(struct loader *L, struct frame *f, const char *md)
{
    (void)L;
    ((struct change *)f->obj)->markdown = md;
}

/* ---------------------------------------------------------------------------
 * Stages and touchpoints
 */

static void
element_start_stage(struct loader *L, struct frame *f, const struct val *v)
{
    struct stage *s = arena_alloc(L->arena, sizeof *s);
    s->loc = (struct loc){f->line};
    s->id = element_str(element_attr(f, v, "id"));
    s->name = element_str(element_attr(f, v, "name"));
    const struct val *x = element_attr(f, v, "phase");
    s->phase = x->ok ? (enum phase)(x->i + 1) : PHASE_NONE;
    if ((x = element_attr(f, v, "days"))->present) {
        /* An invalid days is already an error; treat it as "long enough" so
         * that its touchpoints do not add confusing follow-on errors. */
        s->has_days = true;
        s->days = x->ok ? (unsigned)x->i : LOAD_MAX_DAYS;
    }
    s->index = L->stages.n;
    resolve_define(L, f, element_id(f, v), ENT_STAGE, s);
    f->obj = s;
    loader_vec_push(&L->stages, s);
}


static void element_freeze_texts(struct loader *L, struct touchpoint *t);

/* Attributes shared by our touchpoints and competitors'. */
static struct touchpoint *
element_new_touchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = arena_alloc(L->arena, sizeof *t);
    const struct val *x;
    t->loc = (struct loc){f->line};
    t->id = element_str(element_attr(f, v, "id"));
    t->name = element_str(element_attr(f, v, "name"));
    x = element_attr(f, v, "channel");
    t->channel = (uint8_t)(x->ok ? (enum channel)x->i : CHANNEL_OTHER);
    x = element_attr(f, v, "initiator");
    t->initiator = (uint8_t)(x->ok ? (enum initiator)x->i : INITIATOR_CUSTOMER);
    if ((x = element_attr(f, v, "mode"))->ok)
        t->mode = (enum mode)(x->i + 1);
    if ((x = element_attr(f, v, "purpose"))->ok)
        t->purpose = (enum purpose)(x->i + 1);
    if ((x = element_attr(f, v, "day"))->ok) {
        t->day = (unsigned)x->i;
        t->has_day = true;
    }
    if ((x = element_attr(f, v, "every"))->ok)
        t->every = (unsigned)x->i;
    if ((x = element_attr(f, v, "score"))->ok)
        t->score = (int8_t)x->i; /* 1..5: checked */
    if ((x = element_attr(f, v, "emotion"))->ok) {
        t->emotion = (int8_t)x->i; /* -2..2: checked */
        t->has_emotion = true;
    }
    struct pending *p;
    if ((p = resolve_refer(L, f, element_attr(f, v, "owner"), "owner", ENT_OWNER)))
        p->slot.owner = &t->owner;
    if ((p = resolve_refer(L, f, element_attr(f, v, "about"), "about", ENT_CHANGE)))
        p->slot.change = &t->about;
    f->obj = t;
    return t;
}

static void
element_start_touchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = element_new_touchpoint(L, f, v);
    t->stage = loader_parent(L)->obj;
    t->index = (uint32_t)L->all_tps.n; /* at most LOAD_MAX_TOUCHPOINTS */
    resolve_define(L, f, element_id(f, v), ENT_TOUCHPOINT, t);
    value_check_timing(L, t, f, f->subject, element_attr(f, v, "day")->line,
                       element_attr(f, v, "every")->line);
    t->stage->n_touchpoints++; /* its touchpoints: resolve_document() */
    loader_vec_push(&L->all_tps, t);
}

static void
element_end_touchpoint(struct loader *L, struct frame *f)
{
    struct touchpoint *t = f->obj;
    element_freeze_texts(L, t);
    LOADER_FREEZE(L, &L->metrics, t->metrics, t->n_metrics);
    LOADER_FREEZE(L, &L->nexts, t->nexts, t->n_nexts);
    double sum = 0;
    for (size_t i = 0; i < t->n_nexts; i++)
        sum += t->nexts[i]->has_share ? t->nexts[i]->share : 0;
    if (sum > 1 + 1e-9)
        loader_error(L, f->line, "invalid-value", f->subject,
                     "the <next> shares of %s add up to %g; the customers leaving a touchpoint can "
                     "add up to 1 at most",
                     loader_desc(L, f), sum);
}

static void
element_start_ctouchpoint(struct loader *L, struct frame *f, const struct val *v)
{
    struct touchpoint *t = element_new_touchpoint(L, f, v);
    t->competitor = loader_parent(L)->obj;
    t->index = (uint32_t)L->comp_tps.n;
    resolve_define(L, f, element_id(f, v), ENT_CTOUCHPOINT, t);
    struct pending *p = resolve_refer(L, f, element_attr(f, v, "stage"), "stage", ENT_STAGE);
    if (p)
        p->slot.stage = &t->stage;
    loader_vec_push(&L->comp_tps, t);
}

static void
element_end_ctouchpoint(struct loader *L, struct frame *f)
{
    struct touchpoint *t = f->obj;
    element_freeze_texts(L, t);
    LOADER_FREEZE(L, &L->metrics, t->metrics, t->n_metrics);
}

/* <note>, <plus>, <minus>: a piece of Markdown of the enclosing touchpoint. */
static struct text *
element_new_text(struct loader *L, const struct frame *f, const char *md)
{
    struct text *t = arena_alloc(L->arena, sizeof *t);
    t->loc = (struct loc){f->line};
    t->markdown = md;
    return t;
}

static void
element_text_note(struct loader *L, struct frame *f, const char *md)
{
    ((struct touchpoint *)loader_parent(L)->obj)->note = element_new_text(L, f, md);
}

/* Pluses and minuses: without the texts (LOAD_SKIP_TEXTS) only counted,
 * 24 bytes less each (what a check or a map reads of them is how many). */
static void
element_text_plus(struct loader *L, struct frame *f, const char *md)
{
    if (L->j->texts_skipped)
        ((struct touchpoint *)loader_parent(L)->obj)->n_pluses++;
    else
        loader_vec_push(&L->pluses, element_new_text(L, f, md));
}

static void
element_text_minus(struct loader *L, struct frame *f, const char *md)
{
    if (L->j->texts_skipped)
        ((struct touchpoint *)loader_parent(L)->obj)->n_minuses++;
    else
        loader_vec_push(&L->minuses, element_new_text(L, f, md));
}

/* A touchpoint's pluses and minuses, collected: into the model. */
static void
element_freeze_texts(struct loader *L, struct touchpoint *t)
{
    if (L->j->texts_skipped)
        return; /* counted as they came; no texts */
    LOADER_FREEZE(L, &L->pluses, t->pluses, t->n_pluses);
    LOADER_FREEZE(L, &L->minuses, t->minuses, t->n_minuses);
}

/* A metric's value outside what its metric measures, or written as a
 * percentage: say what to write instead. */
static void
element_metric_range(struct loader *L, const struct frame *f, const struct metric *m,
                     const struct val *value)
{
    double lo = metric_ranges[m->kind].min, hi = metric_ranges[m->kind].max;
    bool share = lo == 0 && hi == 1; /* drop-off, resolution */
    if (value->percent) {
        double pct = value->d;
        if (share)
            loader_error(L, value->line, "invalid-value", f->subject,
                         "%s has value %s; %s is a share from 0 to 1: write value=\"%g\" for %s",
                         loader_desc(L, f), loader_quote(L, value->s), m->name, pct / 100, value->s);
        else
            loader_error(L, value->line, "invalid-value", f->subject,
                         "%s has value %s; write the number without %%: value=\"%g\"", loader_desc(L, f),
                         loader_quote(L, value->s), pct);
        return;
    }
    struct buf b;
    buf_init(&b);
    value_range_text(&b, lo, hi);
    if (share && m->value > 1 && m->value <= 100)
        loader_error(L, value->line, "invalid-value", f->subject,
                     "%s has value %s; %s is a share from 0 to 1: write value=\"%g\" for %g%%",
                     loader_desc(L, f), loader_quote(L, value->s), m->name, m->value / 100, m->value);
    else
        loader_error(L, value->line, "invalid-value", f->subject,
                     "%s has value %s; %s is measured %s", loader_desc(L, f), loader_quote(L, value->s),
                     m->name, buf_str(&b));
    buf_finish(&b);
}

static void
element_start_metric(struct loader *L, struct frame *f, const struct val *v)
{
    const struct val *name = element_attr(f, v, "name"), *value = element_attr(f, v, "value");
    struct metric *m = arena_alloc(L->arena, sizeof *m);
    m->loc = (struct loc){f->line};
    m->kind = name->ok ? (enum metric_kind)name->i : METRIC_USER;
    /* The name was read in place (attrs.c): a known one is the
     * vocabulary's own string, a user's (or a wrong) one is copied. */
    m->name = name->ok && m->kind != METRIC_USER ? metric_names[m->kind]
                                                 : arena_strdup(L->arena, element_str(name));
    m->value = value->ok ? value->d : 0;
    bool outside =
        value->ok && (m->value < metric_ranges[m->kind].min || m->value > metric_ranges[m->kind].max);
    if (name->ok && (outside || value->percent))
        element_metric_range(L, f, m, value);
    else if (value->percent) /* the metric's name is wrong too: the number without % */
        loader_error(L, value->line, "invalid-value", f->subject,
                     "%s has value %s; write the number without %%", loader_desc(L, f),
                     loader_quote(L, value->s));
    loader_vec_push(&L->metrics, m);
}

static void
element_start_plan(struct loader *L, struct frame *f, const struct val *v)
{
    struct plan *p = arena_alloc(L->arena, sizeof *p);
    p->loc = (struct loc){f->line};
    p->markdown = "";
    const struct val *due = element_attr(f, v, "due");
    if (due->ok) {
        p->has_due = true;
        p->due = due->date;
    }
    struct pending *r = resolve_refer(L, f, element_attr(f, v, "owner"), "owner", ENT_OWNER);
    if (r)
        r->slot.owner = &p->owner;
    ((struct touchpoint *)loader_parent(L)->obj)->plan = p;
    f->obj = p;
}

static void
element_text_plan(struct loader *L, struct frame *f, const char *md)
{
    (void)L;
    ((struct plan *)f->obj)->markdown = md;
}

static void
element_start_next(struct loader *L, struct frame *f, const struct val *v)
{
    struct next *n = arena_alloc(L->arena, sizeof *n);
    n->loc = (struct loc){f->line};
    const struct val *share = element_attr(f, v, "share");
    if (share->ok) {
        n->has_share = true;
        n->share = share->d;
    }
    struct pending *p = resolve_refer(L, f, element_attr(f, v, "to"), "to", ENT_TOUCHPOINT);
    if (p)
        p->slot.touchpoint = &n->to;
    L->j->uses_next = true;
    loader_vec_push(&L->nexts, n);
}

/* ---------------------------------------------------------------------------
 * Competitors
 */

static void
element_start_competitor(struct loader *L, struct frame *f, const struct val *v)
{
    struct competitor *c = arena_alloc(L->arena, sizeof *c);
    c->loc = (struct loc){f->line};
    c->id = element_str(element_attr(f, v, "id"));
    c->name = element_str(element_attr(f, v, "name"));
    resolve_define(L, f, element_id(f, v), ENT_COMPETITOR, c);
    f->obj = c;
    loader_vec_push(&L->competitors, c);
}

static void
element_end_competitor(struct loader *L, struct frame *f)
{
    struct competitor *c = f->obj;
    LOADER_FREEZE(L, &L->ratings, c->ratings, c->n_ratings);
    LOADER_FREEZE(L, &L->comp_tps, c->touchpoints, c->n_touchpoints);
}

static void
element_start_rating(struct loader *L, struct frame *f, const struct val *v)
{
    struct rating *r = arena_alloc(L->arena, sizeof *r);
    r->loc = (struct loc){f->line};
    r->score = element_attr(f, v, "score")->ok ? (int)element_attr(f, v, "score")->i : 0;
    r->markdown = "";
    struct pending *p =
        resolve_refer(L, f, element_attr(f, v, "touchpoint"), "touchpoint", ENT_TOUCHPOINT);
    if (p)
        p->slot.touchpoint = &r->touchpoint;
    f->obj = r;
    loader_vec_push(&L->ratings, r);
}

static void
element_text_rating(struct loader *L, struct frame *f, const char *md)
{
    (void)L;
    ((struct rating *)f->obj)->markdown = md;
}

/* ---------------------------------------------------------------------------
 * The table
 */

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

#define ATTRS(a) a, ARRAY_LEN(a)
#define KIDS(a) a, ARRAY_LEN(a)
#define NONE NULL, 0
/* name, attributes, children, start, text, end */
const struct el_info elements[EL_COUNT] = {
    [EL_JOURNEY] = {"journey", ATTRS(journey_attrs), KIDS(journey_children), element_start_journey,
                    NULL, NULL},
    [EL_DESCRIPTION] = {"description", NONE, NONE, NULL, element_text_description, NULL},
    [EL_REVIEW] = {"review", ATTRS(review_attrs), NONE, element_start_review, NULL, NULL},
    [EL_POLICY] = {"policy", ATTRS(policy_specs), KIDS(policy_children), element_start_policy, NULL,
                   NULL},
    [EL_RULE] = {"rule", ATTRS(rule_attrs), NONE, element_start_rule, NULL, NULL},
    [EL_OWNERS] = {"owners", NONE, KIDS(owners_children), NULL, NULL, NULL},
    [EL_OWNER] = {"owner", ATTRS(owner_attrs), NONE, element_start_owner, NULL, NULL},
    [EL_CHANGE] = {"change", ATTRS(change_attrs), NONE, element_start_change, element_text_change,
                   NULL},
    [EL_STAGE] = {"stage", ATTRS(stage_attrs), KIDS(stage_children), element_start_stage, NULL,
                  NULL},
    [EL_TOUCHPOINT] = {"touchpoint", ATTRS(touchpoint_attrs), KIDS(touchpoint_children),
                       element_start_touchpoint, NULL, element_end_touchpoint},
    [EL_CTOUCHPOINT] = {"touchpoint", ATTRS(ctouchpoint_attrs), KIDS(ctouchpoint_children),
                        element_start_ctouchpoint, NULL, element_end_ctouchpoint},
    [EL_NOTE] = {"note", NONE, NONE, NULL, element_text_note, NULL},
    [EL_PLUS] = {"plus", NONE, NONE, NULL, element_text_plus, NULL},
    [EL_MINUS] = {"minus", NONE, NONE, NULL, element_text_minus, NULL},
    [EL_METRIC] = {"metric", ATTRS(metric_attrs), NONE, element_start_metric, NULL, NULL},
    [EL_PLAN] = {"plan", ATTRS(plan_attrs), NONE, element_start_plan, element_text_plan, NULL},
    [EL_NEXT] = {"next", ATTRS(next_attrs), NONE, element_start_next, NULL, NULL},
    [EL_COMPETITOR] = {"competitor", ATTRS(competitor_attrs), KIDS(competitor_children),
                       element_start_competitor, NULL, element_end_competitor},
    [EL_RATING] = {"rating", ATTRS(rating_attrs), NONE, element_start_rating, element_text_rating,
                   NULL},
};
