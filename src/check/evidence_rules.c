/*
 * evidence_rules.c - the evidence rules (evidence.md, "Rules"): warnings
 * at the model's lines, each saying what the log measured against what the
 * map plans, with the file's <policy> severities applied.
 */
#include "check/evidence.h"

#include "core/catalog.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Add a finding of rule about subject (its line) unless the file switches
 * the rule off; its severity as the file's <policy><rule> says. */
static void PRINTF_LIKE(6, 7)
ev_emit(const struct evidence *e, struct diag *d, const char *rule, unsigned line,
        const char *subject, const char *fmt, ...)
{
    enum severity sev = catalog_find(rule)->severity;
    const struct policy *p = &e->j->policy;
    for (size_t i = 0; i < p->n_overrides; i++)
        if (strcmp(p->overrides[i]->rule, rule) == 0)
            sev = p->overrides[i]->severity;
    if (sev == SEVERITY_OFF)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_addv(d, line, sev, rule, subject, fmt, ap);
    va_end(ap);
}

static int
ev_pct(double share)
{
    return (int)lround(share * 100);
}

static void
ev_touchpoint_rules(const struct evidence *e, const struct evidence_tp *t, struct diag *d)
{
    const struct policy *p = &e->j->policy;
    const struct touchpoint *tp = t->tp;
    bool company = tp->initiator == INITIATOR_COMPANY;
    unsigned line = tp->loc.line;
    if (company && t->eligible >= p->min_customers && t->reach.has && t->reach.v < p->min_reach)
        ev_emit(e, d, "missed-touchpoint", line, tp->id,
                "only %d%% of customers got \"%s\" (planned for day %u of %s; %zu of the %zu it "
                "was due for); the policy expects %d%%",
                ev_pct(t->reach.v), tp->name, tp->day, tp->stage->name, t->reached, t->eligible,
                ev_pct(p->min_reach));
    if (company && t->reached >= p->min_customers && t->median_delay.has &&
        t->median_delay.v > p->late_days)
        ev_emit(e, d, "late-touchpoint", line, tp->id,
                "customers get \"%s\" a median of %g days after it is due (planned for day %u of "
                "%s; %zu customers reached); the policy allows %u days",
                tp->name, t->median_delay.v, tp->day, tp->stage->name, t->reached, p->late_days);
    if (tp->score && t->score_count >= p->min_customers && t->measured_score.has &&
        fabs(t->measured_score.v - tp->score) >= 1)
        ev_emit(e, d, "score-drift", line, tp->id,
                "customers rate \"%s\" %.1f on average (%zu ratings in the log); the map gives "
                "it %d",
                tp->name, t->measured_score.v, t->score_count, tp->score);
    if (t->with_event >= p->min_customers && t->stop_share.has &&
        t->stop_share.v > p->max_drop_off)
        ev_emit(e, d, "actual-drop-off", line, tp->id,
                "%d%% of the customers who got \"%s\" stopped after it (%zu of %zu: nothing for "
                "over %u days, and not in the last stage); the policy allows %d%%",
                ev_pct(t->stop_share.v), tp->name, t->stopped_here, t->with_event, p->stop_days,
                ev_pct(p->max_drop_off));
}

/* "phone, started by customers" for the largest unplanned group. */
static void
ev_largest_unplanned(const struct evidence *e, char *buf, size_t n)
{
    if (!e->n_unplanned) {
        snprintf(buf, n, "none");
        return;
    }
    const struct log_unplanned *u = &e->unplanned[0];
    snprintf(buf, n, "most of them %s, started by %s (%zu)",
             u->channel >= 0 ? channel_names[u->channel] : "without a channel",
             u->company ? "us" : "customers", u->events);
}

static void
ev_journey_rules(const struct evidence *e, struct diag *d)
{
    const struct journey *j = e->j;
    const struct policy *p = &j->policy;
    if (e->anchored >= p->min_customers && e->silent_share.has &&
        e->silent_share.v > p->max_silent_share)
        ev_emit(e, d, "actual-contact-gap", j->loc.line, j->id,
                "%d%% of customers went longer than %u days without a contact from us (%zu of "
                "%zu, the wait for our first contact included); the policy allows %d%%",
                ev_pct(e->silent_share.v), p->max_silence_days, e->silent, e->anchored,
                ev_pct(p->max_silent_share));
    if (e->events >= p->min_customers && e->proactive_share.has &&
        1 - e->proactive_share.v > p->max_reactive_share)
        ev_emit(e, d, "actual-reactive-heavy", j->loc.line, j->id,
                "customers started %d%% of the %zu contacts in the log (we started %d%%; the map "
                "plans %d%% of its touchpoints on our initiative); the policy allows %d%%",
                ev_pct(1 - e->proactive_share.v), e->events, ev_pct(e->proactive_share.v),
                e->planned_proactive_share.has ? ev_pct(e->planned_proactive_share.v) : 0,
                ev_pct(p->max_reactive_share));
    if (e->events >= p->min_customers &&
        (double)e->unplanned_events / (double)e->events > p->max_unplanned_share) {
        char largest[160];
        ev_largest_unplanned(e, largest, sizeof largest);
        ev_emit(e, d, "unplanned-contact", j->loc.line, j->id,
                "%d%% of the contacts in the log (%zu of %zu) are at no touchpoint of the map, %s; "
                "the policy allows %d%%",
                ev_pct((double)e->unplanned_events / (double)e->events), e->unplanned_events,
                e->events, largest, ev_pct(p->max_unplanned_share));
    }
}

void
evidence_rules(const struct evidence *e, struct diag *d)
{
    for (size_t i = 0; i < e->n_tps; i++)
        ev_touchpoint_rules(e, &e->tps[i], d);
    ev_journey_rules(e, d);
}
