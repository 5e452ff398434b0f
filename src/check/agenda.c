/*
 * agenda.c - the workshop agenda as data: the findings of the journeys
 * sorted into the agenda's sections and ranked (agenda.h).
 */
#include "check/agenda.h"

#include "check/rules.h"
#include "core/catalog.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* The gap rules of the agenda, in the order its Gaps section lists them,
 * and whether a larger size comes first (contact gaps: the longest) or
 * last (unannounced changes: the soonest). */
static const struct {
    const char *rule;
    int order; /* +1: larger size first; -1: smaller first; 0: file order */
} agenda_gaps[] = {
    {"contact-gap", +1},   {"empty-stage", 0},        {"no-follow-up", 0},
    {"no-feedback", 0},    {"unannounced-change", -1}, {"slow-first-contact", +1},
    {"impersonal-first-contact", 0},
};

static const char *const agenda_rivals[] = {"behind-competitor", "competitor-only"};

/* The group of a gap or competitor rule in its section, or -1. */
static int
agenda_group(const char *rule, enum agenda_section *section, int *order)
{
    for (size_t i = 0; i < ARRAY_LEN(agenda_gaps); i++)
        if (strcmp(rule, agenda_gaps[i].rule) == 0) {
            *section = AGENDA_GAPS;
            *order = agenda_gaps[i].order;
            return (int)i;
        }
    for (size_t i = 0; i < ARRAY_LEN(agenda_rivals); i++)
        if (strcmp(rule, agenda_rivals[i]) == 0) {
            *section = AGENDA_RIVALS;
            *order = i == 0 ? +1 : 0;
            return (int)i;
        }
    return -1;
}

static const char *
agenda_owner_of(const struct touchpoint *tp)
{
    return tp && tp->owner ? tp->owner->name : NULL;
}

double
agenda_priority(const struct touchpoint *tp, const struct policy *p,
                const struct finding *const *ws, size_t n, bool overdue)
{
    double points = 0, v = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = finding_rule(ws[i]);
        points += 3;
        if (strcmp(r, "low-score") == 0)
            points += p->min_score - tp->score;
        else if (strcmp(r, "negative-emotion") == 0)
            points += -tp->emotion;
        else if (strcmp(r, "more-minuses") == 0)
            points += tp->n_minuses - tp->n_pluses > 3 ? 3 : (double)(tp->n_minuses - tp->n_pluses);
        else if (strcmp(r, "high-drop-off") == 0 && rules_metric_max(tp, METRIC_DROP_OFF, &v))
            points += 10 * (v - p->max_drop_off);
        else if (strcmp(r, "long-wait") == 0 && rules_metric_max(tp, METRIC_WAIT_SECONDS, &v) &&
                 p->max_wait_seconds > 0)
            points += v / p->max_wait_seconds - 1 > 3 ? 3 : v / p->max_wait_seconds - 1;
    }
    if (rules_metric_max(tp, METRIC_DROP_OFF, &v))
        points += 10 * v;
    return points + (overdue ? 2 : 0);
}

/* Collects the items of one run. */
struct agenda_build {
    struct agenda *a;
    size_t cap;
    const struct journey *j;
    const struct diag *d; /* the journey's findings */
    size_t segment;
    struct id_index *ids;
    /* per touchpoint of j: its weak-spot findings at warning level */
    const struct finding ***weak;
    size_t *n_weak;
    bool *overdue;
    /* Per touchpoint of ours, for the findings that carry no pointer: the
     * competitors rated above it, in the order behind-competitor reports
     * them, and its silences, in time order (the order contact-gap reports
     * them). x_first[k] .. x_first[k + 1] - 1 index those of touchpoint k;
     * x_seen[k] counts the findings about k met so far. */
    struct agenda_rival {
        const struct competitor *co;
        int score;
    } *rivals;
    size_t *rival_first, *rival_seen;
    struct silence *silences;
    size_t *silence_order, *silence_first, *silence_seen;
};

static struct agenda_item *
agenda_add(struct agenda_build *b, enum agenda_section section, const struct finding *f)
{
    struct agenda *a = b->a;
    xgrow((void **)&a->items, &b->cap, a->n_items + 1, sizeof *a->items);
    struct agenda_item *it = &a->items[a->n_items++];
    memset(it, 0, sizeof *it);
    it->section = section;
    it->j = b->j;
    it->segment = b->segment;
    if (f) {
        it->f = xmalloc(sizeof *it->f);
        it->f[0] = f;
        it->n_f = 1;
        it->size = diag_size(b->d, f);
    }
    return it;
}

/* Where the finding's subject is: its stage, touchpoint or change. */
static void
agenda_locate(struct agenda_build *b, struct agenda_item *it, const struct finding *f)
{
    const void *obj = NULL;
    switch (id_index_find(b->ids, f->subject, &obj)) {
    case ID_TOUCHPOINT:
    case ID_COMPETITOR_TOUCHPOINT:
        it->tp = obj;
        it->stage = it->tp->stage;
        break;
    case ID_STAGE:
        it->stage = obj;
        break;
    case ID_CHANGE:
        it->change = obj;
        it->stage = it->change->n_affects ? it->change->affects[0] : NULL;
        break;
    case ID_NONE:
    case ID_JOURNEY:
    case ID_OWNER:
    case ID_COMPETITOR:
        break;
    }
}

/* Which competitor a behind-competitor finding is about: the rule reports
 * them in competitor order, and the findings about one touchpoint keep
 * that order, so the k-th finding is the k-th competitor rated above us. */
static void
agenda_rival(struct agenda_build *b, struct agenda_item *it)
{
    size_t t = it->tp->index, k = b->rival_seen[t]++;
    if (b->rival_first[t] + k < b->rival_first[t + 1]) {
        it->rival = b->rivals[b->rival_first[t] + k].co;
        it->rating = b->rivals[b->rival_first[t] + k].score;
    }
}

/* Which silence a contact-gap finding is about: the k-th finding about a
 * touchpoint is its k-th silence (see struct agenda_build). */
static void
agenda_silence(struct agenda_build *b, struct agenda_item *it)
{
    size_t t = it->tp->index, k = b->silence_seen[t]++;
    if (b->silence_first[t] + k < b->silence_first[t + 1])
        it->silence = b->silences[b->silence_order[b->silence_first[t] + k]];
}

/* Counting sort: first[k] .. first[k + 1] - 1 will index the n things of
 * key k (keys below nk), in their order; returns first, filled. */
static size_t *
agenda_buckets(const size_t *keys, size_t n, size_t nk)
{
    size_t *first = xcalloc(nk + 2, sizeof *first);
    for (size_t i = 0; i < n; i++)
        first[keys[i] + 2]++;
    for (size_t k = 0; k < nk; k++)
        first[k + 2] += first[k + 1];
    return first; /* first[k + 1] is where key k starts; the caller fills and shifts */
}

/* The rivals and silences of j, by touchpoint (struct agenda_build). */
static void
agenda_index(struct agenda_build *b)
{
    const struct journey *j = b->j;
    size_t nt = j->n_touchpoints, n = 0;
    for (size_t c = 0; c < j->n_competitors; c++)
        n += j->competitors[c]->n_ratings;
    struct agenda_rival *all = xcalloc(n + 1, sizeof *all);
    size_t *keys = xcalloc(n + 1, sizeof *keys), m = 0;
    for (size_t c = 0; c < j->n_competitors; c++)
        for (size_t r = 0; r < j->competitors[c]->n_ratings; r++) {
            const struct rating *rt = j->competitors[c]->ratings[r];
            if (!rt->touchpoint->score || rt->score <= rt->touchpoint->score)
                continue;
            all[m] = (struct agenda_rival){j->competitors[c], rt->score};
            keys[m++] = rt->touchpoint->index;
        }
    b->rival_first = agenda_buckets(keys, m, nt);
    b->rivals = xcalloc(m + 1, sizeof *b->rivals);
    for (size_t i = 0; i < m; i++)
        b->rivals[b->rival_first[keys[i] + 1]++] = all[i];
    free(all);
    free(keys);
    struct timeline t;
    timeline_init(&t, j);
    size_t ns = timeline_silences(&t, j->policy.max_silence_days, &b->silences);
    timeline_finish(&t);
    keys = xcalloc(ns + 1, sizeof *keys);
    for (size_t i = 0; i < ns; i++)
        keys[i] = b->silences[i].subject->index;
    b->silence_first = agenda_buckets(keys, ns, nt);
    b->silence_order = xcalloc(ns + 1, sizeof *b->silence_order);
    for (size_t i = 0; i < ns; i++)
        b->silence_order[b->silence_first[keys[i] + 1]++] = i;
    free(keys);
    b->rival_seen = xcalloc(nt + 1, sizeof *b->rival_seen);
    b->silence_seen = xcalloc(nt + 1, sizeof *b->silence_seen);
}

/* One finding of the journey: an item of its own, or kept for a weak
 * spot's item. */
static void
agenda_take(struct agenda_build *b, const struct finding *f)
{
    b->a->n_findings++;
    const struct rule_info *r = catalog_find(finding_rule(f));
    enum agenda_section section;
    int order = 0;
    if (strcmp(finding_rule(f), "overdue-plan") == 0) {
        struct agenda_item *it = agenda_add(b, AGENDA_OVERDUE, f);
        agenda_locate(b, it, f);
        const struct plan *p = it->tp ? it->tp->plan : NULL;
        it->owner = p && p->owner ? p->owner->name : agenda_owner_of(it->tp);
        it->rank = it->size;
        if (it->tp)
            b->overdue[it->tp->index] = true;
    } else if (r && r->category == RULE_WEAK) {
        const void *obj = NULL;
        if (f->severity < SEVERITY_WARNING || id_index_find(b->ids, f->subject, &obj) != ID_TOUCHPOINT)
            return;
        size_t k = ((const struct touchpoint *)obj)->index;
        b->weak[k] = xrealloc(b->weak[k], (b->n_weak[k] + 1) * sizeof *b->weak[k]);
        b->weak[k][b->n_weak[k]++] = f;
    } else {
        int group = agenda_group(finding_rule(f), &section, &order);
        if (group < 0 || f->severity < SEVERITY_WARNING)
            return;
        struct agenda_item *it = agenda_add(b, section, f);
        agenda_locate(b, it, f);
        if (it->tp && !it->tp->competitor)
            it->owner = agenda_owner_of(it->tp);
        bool ours = it->tp && !it->tp->competitor;
        if (ours && strcmp(finding_rule(f), "behind-competitor") == 0)
            agenda_rival(b, it);
        if (ours && strcmp(finding_rule(f), "contact-gap") == 0)
            agenda_silence(b, it);
        it->group = group;
        it->rank = order * it->size;
    }
}

/* The weak touchpoints of the journey, one item each. */
static void
agenda_weak_items(struct agenda_build *b)
{
    const struct journey *j = b->j;
    for (size_t k = 0; k < j->n_touchpoints; k++) {
        if (!b->n_weak[k])
            continue;
        struct agenda_item *it = agenda_add(b, AGENDA_WEAK, NULL);
        it->tp = j->touchpoints[k];
        it->stage = it->tp->stage;
        it->owner = agenda_owner_of(it->tp);
        it->f = (const struct finding **)b->weak[k];
        it->n_f = b->n_weak[k];
        it->rank = agenda_priority(it->tp, &j->policy, it->f, it->n_f, b->overdue[k]);
        b->weak[k] = NULL;
        b->a->n_weak++;
    }
}

static void
agenda_journey(struct agenda_build *b, const struct diag *d)
{
    const struct journey *j = b->j;
    b->d = d;
    b->ids = id_index_new(j);
    b->weak = xcalloc(j->n_touchpoints + 1, sizeof *b->weak);
    b->n_weak = xcalloc(j->n_touchpoints + 1, sizeof *b->n_weak);
    b->overdue = xcalloc(j->n_touchpoints + 1, sizeof *b->overdue);
    agenda_index(b);
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        if (diag_file(d, f) == j->file)
            agenda_take(b, f);
    }
    agenda_weak_items(b);
    free(b->weak);
    free(b->n_weak);
    free(b->overdue);
    free(b->rivals);
    free(b->rival_first);
    free(b->rival_seen);
    free(b->silences);
    free(b->silence_order);
    free(b->silence_first);
    free(b->silence_seen);
    id_index_free(b->ids);
}

static int
agenda_compare(const void *pa, const void *pb)
{
    const struct agenda_item *a = pa, *b = pb;
    if (a->section != b->section)
        return a->section < b->section ? -1 : 1;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    if (a->segment != b->segment)
        return a->segment < b->segment ? -1 : 1;
    return a->f[0]->seq < b->f[0]->seq ? -1 : a->f[0]->seq > b->f[0]->seq;
}

struct agenda *
agenda_new(const struct journey *const *js, size_t n, const struct diag *d, size_t top)
{
    struct agenda *a = xcalloc(1, sizeof *a);
    struct agenda_build b = {.a = a};
    for (size_t i = 0; i < n; i++) {
        b.j = js[i];
        b.segment = i;
        agenda_journey(&b, d);
    }
    if (a->n_items)
        qsort(a->items, a->n_items, sizeof *a->items, agenda_compare);
    /* Keep the first top weak spots. */
    size_t w = 0, weak = 0;
    for (size_t i = 0; i < a->n_items; i++) {
        struct agenda_item *it = &a->items[i];
        if (it->section == AGENDA_WEAK && weak++ >= top) {
            free(it->f);
            continue;
        }
        a->n_listed += it->n_f;
        a->items[w++] = *it;
    }
    a->n_items = w;
    return a;
}

void
agenda_free(struct agenda *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_items; i++)
        free(a->items[i].f);
    free(a->items);
    free(a);
}
