/*
 * evidence.c - planned against actual (evidence.h).
 *
 * The events are grouped by customer (a counting sort, stable) and each
 * customer's sorted by date (a stable merge sort: ties keep log order);
 * then one pass per customer places them on the plan. A touchpoint's
 * delays are kept as a histogram (days are small numbers), so the median
 * needs no list of every customer.
 */
#include "check/evidence.h"

#include "check/timeline.h"
#include "core/catalog.h"
#include "core/util.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const evidence_silence_labels[EVIDENCE_SILENCE_BUCKETS] = {
    "0–7 days", "8–14 days", "15–30 days", "31–60 days", "61–90 days", "91–180 days",
    "over 180 days"};
static const long silence_bounds[EVIDENCE_SILENCE_BUCKETS - 1] = {7, 14, 30, 60, 90, 180};

/* What one run keeps while it walks the customers. */
struct ev_run {
    struct evidence *e;
    const struct journey *j;
    struct timeline t;
    long from, as_of;
    size_t *stage_of;   /* by touchpoint index: its stage's index */
    size_t *order;      /* by touchpoint index: its position in e->tps */
    size_t **delays;    /* by touchpoint index: a histogram of delays */
    size_t *delay_cap;
    size_t *late;       /* reached customers later than late-days */
    /* per customer, reused */
    bool *has;          /* by stage: a planned event in it */
    long *earliest;     /* by stage: min(date - day(T)) */
    bool *start_known;
    long *start;
    long *first_event;  /* by touchpoint: first event date, or LONG_MIN */
};

#define EV_NONE LONG_MIN

/* Stable merge sort of a customer's events by date. */
static void
ev_sort(struct log_event *v, size_t n, struct log_event *tmp)
{
    if (n < 2)
        return;
    if (n <= 16) { /* insertion: stable */
        for (size_t i = 1; i < n; i++) {
            struct log_event x = v[i];
            size_t k = i;
            while (k && v[k - 1].day > x.day) {
                v[k] = v[k - 1];
                k--;
            }
            v[k] = x;
        }
        return;
    }
    size_t h = n / 2;
    ev_sort(v, h, tmp);
    ev_sort(v + h, n - h, tmp);
    size_t a = 0, b = h, o = 0;
    while (a < h && b < n)
        tmp[o++] = v[b].day < v[a].day ? v[b++] : v[a++];
    while (a < h)
        tmp[o++] = v[a++];
    while (b < n)
        tmp[o++] = v[b++];
    memcpy(v, tmp, n * sizeof *v);
}

/* The events grouped by customer, each customer's by date; *at[c] is
 * where customer c's begin (at has n_customers + 1 entries). */
static struct log_event *
ev_group(struct contact_log *log, size_t n_customers, size_t **at_out)
{
    size_t *at = xcalloc(n_customers + 1, sizeof *at);
    for (size_t i = 0; i < log->n_events; i++)
        at[log->events[i].customer + 1]++;
    size_t most = 0;
    for (size_t c = 0; c < n_customers; c++) {
        most = at[c + 1] > most ? at[c + 1] : most;
        at[c + 1] += at[c];
    }
    struct log_event *g = xmalloc((log->n_events + 1) * sizeof *g);
    size_t *fill = xmalloc((n_customers + 1) * sizeof *fill);
    memcpy(fill, at, (n_customers + 1) * sizeof *fill);
    for (size_t i = 0; i < log->n_events; i++)
        g[fill[log->events[i].customer]++] = log->events[i];
    free(fill);
    free(log->events);
    log->events = NULL;
    log->cap_events = 0;
    struct log_event *tmp = xmalloc((most + 1) * sizeof *tmp);
    for (size_t c = 0; c < n_customers; c++)
        ev_sort(g + at[c], at[c + 1] - at[c], tmp);
    free(tmp);
    *at_out = at;
    return g;
}

static long
ev_planned(const struct ev_run *r, size_t s)
{
    return (long)r->t.stage_start[s];
}

static long
ev_length(const struct ev_run *r, size_t s)
{
    return (long)r->t.stage_len[s];
}

/* Stage starts for one customer (evidence.md, "Stage starts"). */
static void
ev_starts(struct ev_run *r)
{
    size_t n = r->j->n_stages, first = n;
    for (size_t s = 0; s < n && first == n; s++)
        if (r->has[s])
            first = s;
    long last_start = 0;
    size_t last = n;
    for (size_t s = 0; s < n; s++) {
        r->start_known[s] = false;
        if (s < first)
            continue;
        if (r->has[s] && !(s == first && r->earliest[s] - r->from < ev_length(r, s))) {
            r->start_known[s] = true;
            r->start[s] = r->earliest[s];
        } else if (!r->has[s] && last < n) {
            r->start_known[s] = true;
            r->start[s] = last_start + (ev_planned(r, s) - ev_planned(r, last));
        }
        if (r->start_known[s]) {
            last = s;
            last_start = r->start[s];
        }
    }
}

static void
ev_delay(struct ev_run *r, size_t k, long delay)
{
    size_t d = (size_t)delay;
    if (d >= r->delay_cap[k]) {
        size_t old = r->delay_cap[k], cap = old ? old : 16;
        while (cap <= d)
            cap *= 2;
        r->delays[k] = xrealloc(r->delays[k], cap * sizeof *r->delays[k]);
        memset(r->delays[k] + old, 0, (cap - old) * sizeof *r->delays[k]);
        r->delay_cap[k] = cap;
    }
    r->delays[k][d]++;
}

/* Eligibility, reach and delay of each touchpoint for one customer. */
static void
ev_touchpoints(struct ev_run *r, long active_end, long last_day)
{
    const struct journey *j = r->j;
    long late_days = (long)j->policy.late_days, stop_days = (long)j->policy.stop_days;
    for (size_t k = 0; k < j->n_touchpoints; k++) {
        const struct touchpoint *tp = j->touchpoints[k];
        struct evidence_tp *et = &r->e->tps[r->order[k]];
        size_t s = r->stage_of[k];
        if (r->first_event[k] != EV_NONE)
            et->with_event++;
        if (!r->start_known[s])
            continue;
        long due = r->start[s] + (long)tp->day;
        if (due < r->from || due > active_end || r->as_of - due < late_days)
            continue;
        if (last_day < due && !(r->as_of - due > stop_days))
            continue;
        et->eligible++;
        long first = r->first_event[k];
        if (first == EV_NONE)
            continue;
        et->reached++;
        long latest = due;
        if (tp->every && first > due) {
            long end = r->start[s] + ev_length(r, s), step = (long)tp->every;
            long k_occ = (first - due) / step;
            while (k_occ > 0 && due + k_occ * step >= end)
                k_occ--;
            latest = due + k_occ * step;
        }
        long delay = first - latest;
        if (delay < 0)
            delay = 0; /* cannot happen: a stage starts at or before its events */
        ev_delay(r, k, delay);
        r->late[k] += delay > late_days;
    }
}

/* The longest stretch without a company-initiated event (evidence.md,
 * "Silence"). */
static long
ev_silence(const struct ev_run *r, const struct log_event *v, size_t n, long first_planned,
           long active_end)
{
    size_t last = r->j->n_stages - 1;
    long end = active_end;
    if (r->start_known[last] && r->start[last] + ev_length(r, last) < end)
        end = r->start[last] + ev_length(r, last);
    if (end <= first_planned)
        return 0;
    long prev = first_planned, longest = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].company && v[i].day > first_planned && v[i].day < end) {
            longest = v[i].day - prev > longest ? v[i].day - prev : longest;
            prev = v[i].day;
        }
    return end - prev > longest ? end - prev : longest;
}

static void
ev_customer(struct ev_run *r, const struct log_event *v, size_t n)
{
    const struct journey *j = r->j;
    for (size_t s = 0; s < j->n_stages; s++)
        r->has[s] = false;
    for (size_t k = 0; k < j->n_touchpoints; k++)
        r->first_event[k] = EV_NONE;
    long first_planned = EV_NONE, last_day = v[n - 1].day;
    size_t last_tp = 0;
    bool in_last_stage = false;
    for (size_t i = 0; i < n; i++) {
        if (v[i].tp == LOG_UNPLANNED)
            continue;
        size_t k = v[i].tp, s = r->stage_of[k];
        long at = (long)v[i].day - (long)j->touchpoints[k]->day;
        if (!r->has[s] || at < r->earliest[s])
            r->earliest[s] = at;
        r->has[s] = true;
        if (r->first_event[k] == EV_NONE)
            r->first_event[k] = v[i].day;
        if (first_planned == EV_NONE)
            first_planned = v[i].day;
        last_tp = k;
        in_last_stage |= s == j->n_stages - 1;
    }
    if (first_planned == EV_NONE)
        return; /* not anchored */
    r->e->anchored++;
    ev_starts(r);
    bool stopped = r->as_of - last_day > (long)j->policy.stop_days && !in_last_stage;
    long active_end = stopped ? last_day : r->as_of;
    if (stopped) {
        r->e->stopped++;
        r->e->tps[r->order[last_tp]].stopped_here++;
    }
    ev_touchpoints(r, active_end, last_day);
    long silence = ev_silence(r, v, n, first_planned, active_end);
    size_t b = 0;
    while (b < EVIDENCE_SILENCE_BUCKETS - 1 && silence > silence_bounds[b])
        b++;
    r->e->silences[b]++;
    r->e->silent += silence > (long)j->policy.max_silence_days;
}

static struct measure
ev_share(size_t num, size_t den)
{
    return den ? (struct measure){true, (double)num / (double)den} : (struct measure){false, 0};
}

/* The median of a histogram of n values (the mean of the two middle ones
 * for an even n). */
static double
ev_median(const size_t *h, size_t cap, size_t n)
{
    size_t lo = (n - 1) / 2, hi = n / 2, seen = 0;
    double a = -1, b = -1;
    for (size_t d = 0; d < cap && b < 0; d++) {
        if (seen + h[d] > lo && a < 0)
            a = (double)d;
        if (seen + h[d] > hi)
            b = (double)d;
        seen += h[d];
    }
    return (a + b) / 2;
}

static int
ev_unplanned_cmp(const void *pa, const void *pb)
{
    const struct log_unplanned *a = pa, *b = pb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    if (a->channel != b->channel)
        return a->channel < b->channel ? -1 : 1;
    return (int)b->company - (int)a->company;
}

/* The journey-wide shares and the per-touchpoint measures. */
static void
ev_totals(struct ev_run *r, const struct contact_log *log)
{
    struct evidence *e = r->e;
    const struct journey *j = r->j;
    size_t company = 0, company_30 = 0, all_30 = 0, planned_company = 0;
    for (size_t i = 0; i < log->day_cap; i++) {
        long day = (long)log->day_base + (long)i;
        company += log->day_company[i];
        if (day > r->as_of - 30 && day <= r->as_of) {
            company_30 += log->day_company[i];
            all_30 += log->day_events[i];
        }
    }
    for (size_t k = 0; k < j->n_touchpoints; k++)
        planned_company += j->touchpoints[k]->initiator == INITIATOR_COMPANY;
    e->proactive_share = ev_share(company, e->events);
    e->proactive_share_30d = ev_share(company_30, all_30);
    e->planned_proactive_share = ev_share(planned_company, j->n_touchpoints);
    e->silent_share = ev_share(e->silent, e->anchored);
    for (size_t k = 0; k < j->n_touchpoints; k++) {
        struct evidence_tp *et = &e->tps[r->order[k]];
        et->reach = ev_share(et->reached, et->eligible);
        if (et->reached)
            et->median_delay =
                (struct measure){true, ev_median(r->delays[k], r->delay_cap[k], et->reached)};
        et->late_share = ev_share(r->late[k], et->reached);
        et->score_count = log->score_n[k];
        if (log->score_n[k])
            et->measured_score =
                (struct measure){true, log->score_sum[k] / (double)log->score_n[k]};
        et->stop_share = ev_share(et->stopped_here, et->with_event);
    }
    e->n_unplanned = log->n_unplanned;
    e->unplanned = xmalloc((log->n_unplanned + 1) * sizeof *e->unplanned);
    if (log->n_unplanned)
        memcpy(e->unplanned, log->unplanned, log->n_unplanned * sizeof *e->unplanned);
    qsort(e->unplanned, e->n_unplanned, sizeof *e->unplanned, ev_unplanned_cmp);
}

/* The run's arrays, sized by the journey. */
static void
ev_run_init(struct ev_run *r, struct evidence *e)
{
    const struct journey *j = e->j;
    size_t nt = j->n_touchpoints + 1, ns = j->n_stages + 1;
    r->e = e;
    r->j = j;
    timeline_init(&r->t, j);
    r->stage_of = xcalloc(nt, sizeof *r->stage_of);
    r->order = xcalloc(nt, sizeof *r->order);
    r->delays = xcalloc(nt, sizeof *r->delays);
    r->delay_cap = xcalloc(nt, sizeof *r->delay_cap);
    r->late = xcalloc(nt, sizeof *r->late);
    r->first_event = xcalloc(nt, sizeof *r->first_event);
    r->has = xcalloc(ns, sizeof *r->has);
    r->earliest = xcalloc(ns, sizeof *r->earliest);
    r->start_known = xcalloc(ns, sizeof *r->start_known);
    r->start = xcalloc(ns, sizeof *r->start);
    e->tps = xcalloc(nt, sizeof *e->tps);
    e->n_tps = j->n_touchpoints;
    size_t at = 0;
    for (size_t s = 0; s < j->n_stages; s++)
        for (size_t i = 0; i < j->stages[s]->n_touchpoints; i++) {
            const struct touchpoint *tp = j->stages[s]->touchpoints[i];
            r->stage_of[tp->index] = s;
            r->order[tp->index] = at;
            e->tps[at].tp = tp;
            e->tps[at].planned_day = (long)r->t.stage_start[s] + (long)tp->day;
            at++;
        }
}

static void
ev_run_finish(struct ev_run *r)
{
    for (size_t k = 0; k < r->j->n_touchpoints; k++)
        free(r->delays[k]);
    free(r->delays);
    free(r->delay_cap);
    free(r->late);
    free(r->stage_of);
    free(r->order);
    free(r->first_event);
    free(r->has);
    free(r->earliest);
    free(r->start_known);
    free(r->start);
    timeline_finish(&r->t);
}

struct evidence *
evidence_new(const struct journey *j, struct contact_log *log, const day_number *from,
             const day_number *as_of)
{
    if (!log->any || !j->n_stages)
        return NULL;
    struct evidence *e = xcalloc(1, sizeof *e);
    e->j = j;
    e->from = from ? *from : log->min_day;
    e->as_of = as_of ? *as_of : log->max_day;
    e->customers = log->n_customers;
    e->events = log->n_events;
    e->ignored_rows = log->ignored_rows;
    for (size_t i = 0; i < log->n_events; i++)
        e->planned_events += log->events[i].tp != LOG_UNPLANNED;
    e->unplanned_events = e->events - e->planned_events;
    struct ev_run r;
    memset(&r, 0, sizeof r);
    r.from = e->from;
    r.as_of = e->as_of;
    ev_run_init(&r, e);
    size_t *at = NULL;
    struct log_event *g = ev_group(log, e->customers, &at);
    for (size_t c = 0; c < e->customers; c++)
        if (at[c + 1] > at[c])
            ev_customer(&r, g + at[c], at[c + 1] - at[c]);
    free(g);
    free(at);
    ev_totals(&r, log);
    ev_run_finish(&r);
    return e;
}

void
evidence_free(struct evidence *e)
{
    if (!e)
        return;
    free(e->tps);
    free(e->unplanned);
    free(e);
}
