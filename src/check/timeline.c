/*
 * timeline.c - stage starts, touchpoint occurrences and silences.
 */
#include "check/timeline.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

void
timeline_init(struct timeline *t, const struct journey *j)
{
    t->journey = j;
    t->stage_start = xcalloc(j->n_stages ? j->n_stages : 1, sizeof *t->stage_start);
    t->stage_len = xcalloc(j->n_stages ? j->n_stages : 1, sizeof *t->stage_len);
    jday at = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        jday len = 0;
        if (s->has_days) {
            len = s->days;
        } else {
            for (size_t k = 0; k < s->n_touchpoints; k++)
                if (s->touchpoints[k]->day > len)
                    len = s->touchpoints[k]->day;
        }
        t->stage_start[i] = at;
        t->stage_len[i] = len;
        at += len;
    }
    t->end = at;
}

void
timeline_finish(struct timeline *t)
{
    free(t->stage_start);
    free(t->stage_len);
    memset(t, 0, sizeof *t);
}

jday
timeline_stage_end(const struct timeline *t, const struct stage *s)
{
    return t->stage_start[s->index] + t->stage_len[s->index];
}

struct series
timeline_series(const struct timeline *t, const struct touchpoint *tp)
{
    struct series s = {t->stage_start[tp->stage->index] + tp->day, 0, 1};
    jday end = timeline_stage_end(t, tp->stage);
    if (tp->every && s.first < end) {
        s.step = tp->every;
        s.count = 1 + (end - s.first - 1) / s.step; /* first + k·step < end */
        if (s.count == 1)
            s.step = 0;
    }
    return s;
}

struct timeline_key {
    jday first;
    size_t index;
    const struct touchpoint *tp;
};

static int
timeline_key_cmp(const void *a, const void *b)
{
    const struct timeline_key *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

const struct touchpoint **
timeline_order(const struct timeline *t, struct touchpoint *const *tps, size_t n)
{
    struct timeline_key *keys = xmalloc((n + 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = (struct timeline_key){timeline_series(t, tps[i]).first, tps[i]->index, tps[i]};
    qsort(keys, n, sizeof *keys, timeline_key_cmp);
    const struct touchpoint **order = xmalloc((n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = keys[i].tp;
    free(keys);
    return order;
}

bool
series_at_or_after(const struct series *s, jday day, jday *out)
{
    if (day <= s->first) {
        *out = s->first;
        return true;
    }
    if (!s->step)
        return false;
    jday k = (day - s->first + s->step - 1) / s->step;
    if (k >= s->count)
        return false;
    *out = s->first + k * s->step;
    return true;
}

jday
series_last(const struct series *s)
{
    return s->first + (s->count - 1) * s->step;
}

const struct stage *
timeline_stage_at(const struct timeline *t, jday day)
{
    const struct journey *j = t->journey;
    /* The last stage starting at or before day: a day at a stage's end is
     * the next stage's start; the journey's end day falls in the last. */
    size_t lo = 0, hi = j->n_stages;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->stage_start[mid] <= day)
            lo = mid;
        else
            hi = mid;
    }
    return j->n_stages ? j->stages[lo] : NULL;
}

/*
 * Contact as atoms on the line: a touchpoint that repeats at most
 * max_days apart is one atom [first, last] (no silence can start inside
 * it); one that repeats less often gives one atom per occurrence. Atoms
 * come out of a min-heap by start; a silence is a jump from the furthest
 * end reached so far to the next atom's start.
 */
struct atom {
    jday start, end;
    const struct touchpoint *tp;
    uint32_t index;  /* tp->index: ties of start (dozens of touchpoints a day in a large
                      * journey) are broken without reading the touchpoint */
    struct series s; /* sparse touchpoints: the occurrences still to come */
    jday next_k;     /* index of the occurrence in start/end */
};

static bool
timeline_atom_before(const struct atom *a, const struct atom *b)
{
    if (a->start != b->start)
        return a->start < b->start;
    return a->index < b->index;
}

static void
timeline_heap_push(struct atom *h, size_t *n, struct atom a)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!timeline_atom_before(&a, &h[p]))
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = a;
}

/* Put a where h[i] is, and move it down the heap h[0, n) to its place. */
static void
timeline_heap_down(struct atom *h, size_t n, size_t i, struct atom a)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && timeline_atom_before(&h[c + 1], &h[c]))
            c++;
        if (!timeline_atom_before(&h[c], &a))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = a;
}

static struct atom
timeline_heap_pop(struct atom *h, size_t *n)
{
    struct atom top = h[0];
    struct atom last = h[--*n];
    if (*n)
        timeline_heap_down(h, *n, 0, last);
    return top;
}

size_t
timeline_silences(const struct timeline *t, jday max_days, struct silence **out)
{
    const struct journey *j = t->journey;
    struct atom *heap = xmalloc((j->n_touchpoints ? j->n_touchpoints : 1) * sizeof *heap);
    size_t n_heap = 0;
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        const struct touchpoint *tp = j->touchpoints[i];
        if (tp->initiator != INITIATOR_COMPANY)
            continue;
        struct series s = timeline_series(t, tp);
        struct atom a = {s.first, s.first, tp, tp->index, s, 1}; /* sparse: one per occurrence */
        if (s.step <= max_days) {                     /* dense: one stretch of contact */
            a.end = series_last(&s);
            a.next_k = s.count;
        }
        heap[n_heap++] = a;
    }
    /* A heap of them all at once, from the bottom up: in linear time (the
     * order of start and index is total, so the atoms come out the same). */
    for (size_t i = n_heap / 2; i-- > 0;)
        timeline_heap_down(heap, n_heap, i, heap[i]);

    struct silence *v = NULL;
    size_t n = 0, cap = 0;
    bool started = false;
    jday reach = 0;                          /* the latest occurrence so far */
    const struct touchpoint *subject = NULL; /* last in file among those at reach */
    while (n_heap) {
        struct atom a = timeline_heap_pop(heap, &n_heap);
        if (a.next_k < a.s.count) { /* the sparse touchpoint's next occurrence */
            struct atom b = a;
            b.start = b.end = a.s.first + a.next_k * a.s.step;
            b.next_k++;
            timeline_heap_push(heap, &n_heap, b);
        }
        if (started && a.start > reach && a.start - reach > max_days) {
            xgrow((void **)&v, &cap, n + 1, sizeof *v);
            v[n++] = (struct silence){reach, a.start, subject, a.tp, false};
        }
        if (!started || a.end > reach || (a.end == reach && a.tp->index > subject->index)) {
            reach = a.end;
            subject = a.tp;
        }
        started = true;
    }
    if (started && t->end > reach && t->end - reach > max_days) {
        xgrow((void **)&v, &cap, n + 1, sizeof *v);
        v[n++] = (struct silence){reach, t->end, subject, NULL, true};
    }
    free(heap);
    *out = v;
    return n;
}
