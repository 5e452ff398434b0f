/*
 * rules.c - the gap, weak-spot and note rules, one small function each.
 *
 * The conditions are the contract of rules.md, word for word; the comment
 * above each function quotes the part it implements. Messages name things
 * by the names users wrote and say what would fix the problem.
 *
 * Every finding goes through rules_emit(), which applies the file's severity
 * overrides, so no rule knows about policies beyond its threshold.
 */
#include "check/rules.h"

#include "core/arena.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/message.h"
#include "check/timeline.h"
#include "core/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Slots of the rule-id memo (struct ctx). */
#define RULES_MEMO 32

struct ctx {
    const struct journey *j;
    const struct policy *p;
    struct timeline t;
    struct diag *d;
    day_number today;
    struct arena *scratch;               /* quoted names for messages */
    enum severity override[CATALOG_MAX]; /* by catalogue index; SEVERITY_COUNT = none */
    /* The catalogue entries of the rule ids emitted lately, by the ids'
     * pointers (this file's literals): most findings skip catalog_find(). */
    const char *memo_id[RULES_MEMO];
    const struct rule_info *memo_rule[RULES_MEMO];
};

/* "name", quoted for a message (control characters shown, long names cut),
 * as "%-s" shows a name it keeps by reference (message.h): the same cut. */
static const char *
rules_quote(struct ctx *c, const char *name)
{
    return arena_quote(c->scratch, name, MESSAGE_QUOTE_MAX);
}

/* The end of one touchpoint's turn in a rule's loop, where no quoted name
 * is in use any more (messages are copies): the scratch is emptied once it
 * holds more than a little, so a large journey's quotes do not pile up. */
static void
rules_scratch_done(struct ctx *c)
{
    if (arena_used(c->scratch) > 256 * 1024)
        arena_reset(c->scratch);
}

/* Add a finding unless the file switched the rule off. sev is the rule's
 * severity before overrides (a weak spot's depends on its plan). */
PRINTF_LIKE(6, 7)
static bool
rules_emit(struct ctx *c, const char *rule, enum severity sev, unsigned line, const char *subject,
           const char *fmt, ...)
{
    size_t slot = ((uintptr_t)rule >> 3) % RULES_MEMO;
    if (c->memo_id[slot] != rule) {
        c->memo_id[slot] = rule;
        c->memo_rule[slot] = catalog_find(rule);
    }
    size_t i = (size_t)(c->memo_rule[slot] - catalog);
    if (c->override[i] != SEVERITY_COUNT)
        sev = c->override[i];
    if (sev == SEVERITY_OFF)
        return false;
    va_list ap;
    va_start(ap, fmt);
    diag_addv_kept(c->d, line, sev, rule, subject, fmt, ap); /* the journey's ids */
    va_end(ap);
    return true;
}

/* The size of the finding just emitted (diag_set_size()), when emitted. */
static void
rules_size(struct ctx *c, bool emitted, double size)
{
    if (emitted)
        diag_set_size(c->d, size);
}

static bool
rules_company(const struct touchpoint *tp)
{
    return tp->initiator == INITIATOR_COMPANY;
}

/* How many days past its due date a plan is; 0 or less when it is not
 * overdue (due today or later, or no due date). */
static int64_t
rules_days_overdue(const struct ctx *c, const struct plan *p)
{
    return p->has_due ? (int64_t)c->today - (int64_t)p->due : 0;
}

/* ------------------------------------------------------------------------
 * Gaps
 */

/* empty-stage: "a stage has none of our touchpoints". */
static void
rule_empty_stage(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_stages; i++) {
        const struct stage *s = c->j->stages[i];
        if (s->n_touchpoints == 0)
            rules_emit(c, "empty-stage", SEVERITY_WARNING, s->loc.line, s->id,
                       "stage %s has no touchpoint: customers go through it without meeting us — "
                       "add at least one touchpoint",
                       rules_quote(c, s->name));
    }
}

/* The stage name(s) a silence lies in, for its message. */
static const char *
rules_silence_where(struct ctx *c, const struct silence *s)
{
    const struct stage *a = timeline_stage_at(&c->t, s->from);
    const struct stage *b = timeline_stage_at(&c->t, s->to - 1);
    if (a == b)
        return rules_quote(c, a->name);
    struct buf buf;
    buf_init(&buf);
    buf_printf(&buf, "%s to %s", rules_quote(c, a->name), rules_quote(c, b->name));
    const char *r = arena_strdup(c->scratch, buf_str(&buf));
    buf_finish(&buf);
    return r;
}

/*
 * contact-gap: "from the first company-initiated occurrence to the end of
 * the journey, the customer hears nothing from us for more than
 * max-silence-days; one finding per silent stretch, the stretch after the
 * last occurrence up to the journey's end included"; subject the
 * touchpoint before the silence (the last in the file among those at that
 * time); one journey-level finding when nothing is company-initiated.
 */
static void
rule_contact_gap(struct ctx *c)
{
    bool any = false;
    for (size_t i = 0; i < c->j->n_touchpoints && !any; i++)
        any = rules_company(c->j->touchpoints[i]);
    if (!any) {
        rules_size(
            c,
            rules_emit(c, "contact-gap", SEVERITY_WARNING, c->j->loc.line, c->j->id,
                       "the journey has no company-initiated touchpoint: customers only ever "
                       "hear from us "
                       "when they make the first move — add proactive touchpoints"),
            (double)c->t.end);
        return;
    }
    struct silence *v;
    size_t n = timeline_silences(&c->t, c->p->max_silence_days, &v);
    for (size_t i = 0; i < n; i++) {
        const struct silence *s = &v[i];
        unsigned long long from = s->from, to = s->to;
        const char *after = rules_quote(c, s->subject->name), *fix = "add a proactive touchpoint";
        char *when;
        if (s->to_end) {
            when =
                xasprintf("after %s (day %llu to the journey's end at day %llu)", after, from, to);
        } else if (s->next == s->subject) { /* between two repeats of one touchpoint */
            when = xasprintf("between one %s and the next (day %llu to day %llu)", after, from, to);
            fix = "repeat it more often or add a proactive touchpoint in between";
        } else {
            when = xasprintf("between %s and %s (day %llu to day %llu)", after,
                             rules_quote(c, s->next->name), from, to);
        }
        rules_size(
            c,
            rules_emit(c, "contact-gap", SEVERITY_WARNING, s->subject->loc.line, s->subject->id,
                       "%s: %llu days without any contact from us %s; the limit is %u — %s",
                       rules_silence_where(c, s), to - from, when, c->p->max_silence_days, fix),
            (double)(to - from));
        free(when);
    }
    free(v);
}

static const struct stage *
rules_first_stage(const struct journey *j, enum phase ph)
{
    for (size_t i = 0; i < j->n_stages; i++)
        if (j->stages[i]->phase == ph)
            return j->stages[i];
    return NULL;
}

/*
 * The first company-initiated occurrence at or after the start of stage
 * s (on a tie, the touchpoint first in the file); NULL when there is none.
 */
static const struct touchpoint *
rules_first_contact_from(struct ctx *c, const struct stage *s, jday *when)
{
    jday start = c->t.stage_start[s->index];
    const struct touchpoint *best = NULL;
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        struct series se = timeline_series(&c->t, tp);
        jday at;
        if (rules_company(tp) && series_at_or_after(&se, start, &at) && (!best || at < *when)) {
            best = tp;
            *when = at;
        }
    }
    return best;
}

/*
 * slow-first-contact: "the journey has a stage with phase=purchase, and
 * the first company-initiated occurrence at or after that stage's start
 * … is later than first-contact-days after it (or there is none)";
 * impersonal-first-contact: "the touchpoint found by the previous rule
 * (whether or not it was late) has mode=automated".
 */
static void
rule_first_contact(struct ctx *c)
{
    const struct stage *buy = rules_first_stage(c->j, PHASE_PURCHASE);
    if (!buy)
        return;
    jday start = c->t.stage_start[buy->index], when = 0;
    const struct touchpoint *tp = rules_first_contact_from(c, buy, &when);
    if (!tp)
        rules_emit(
            c, "slow-first-contact", SEVERITY_WARNING, buy->loc.line, buy->id,
            "after the purchase stage %s begins, we never contact the customer on our own "
            "initiative; we should within %u days — reach out personally soon after the sale",
            rules_quote(c, buy->name), c->p->first_contact_days);
    else if (when - start > c->p->first_contact_days)
        rules_size(c,
                   rules_emit(c, "slow-first-contact", SEVERITY_WARNING, buy->loc.line, buy->id,
                              "our first proactive contact after the purchase stage %s begins is "
                              "%s, %llu days later; the limit is %u days — reach out sooner, "
                              "before buyer's remorse sets in",
                              rules_quote(c, buy->name), rules_quote(c, tp->name),
                              (unsigned long long)(when - start), c->p->first_contact_days),
                   (double)(when - start));
    if (tp && tp->mode == MODE_AUTOMATED)
        rules_emit(
            c, "impersonal-first-contact", SEVERITY_WARNING, tp->loc.line, tp->id,
            "%s is our first proactive contact after the purchase, and it is automated — make "
            "the first contact personal (a call, a visit, a signed note)",
            rules_quote(c, tp->name));
}

/*
 * no-follow-up: "the journey has a stage with phase=delivery, and no
 * company-initiated touchpoint is in any stage after the last such stage".
 */
static void
rule_no_follow_up(struct ctx *c)
{
    const struct stage *last = NULL;
    for (size_t i = 0; i < c->j->n_stages; i++)
        if (c->j->stages[i]->phase == PHASE_DELIVERY)
            last = c->j->stages[i];
    if (!last)
        return;
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        if (rules_company(tp) && tp->stage->index > last->index)
            return;
    }
    rules_emit(c, "no-follow-up", SEVERITY_WARNING, last->loc.line, last->id,
               "nothing proactive follows the delivery stage %s — add a follow-up after delivery "
               "(a check-in call, a thank-you, a feedback request)",
               rules_quote(c, last->name));
}

/* no-owner: "one of our touchpoints has no owner". */
static void
rule_no_owner(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        if (!tp->owner)
            rules_emit(
                c, "no-owner", SEVERITY_WARNING, tp->loc.line, tp->id,
                "nobody owns %-s — give it an owner (owner=\"…\") who answers for how it goes",
                tp->name);
    }
}

/* no-feedback: "none of our touchpoints has purpose=feedback". */
static void
rule_no_feedback(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_touchpoints; i++)
        if (c->j->touchpoints[i]->purpose == PURPOSE_FEEDBACK)
            return;
    rules_emit(
        c, "no-feedback", SEVERITY_WARNING, c->j->loc.line, c->j->id,
        "no touchpoint asks customers for feedback — add one with purpose=\"feedback\" (an NPS "
        "question, a short survey)");
}

/* unannounced-change: "no company-initiated touchpoint has about naming this change". */
static void
rule_unannounced_change(struct ctx *c)
{
    const struct journey *j = c->j;
    bool *told = xcalloc(j->n_changes ? j->n_changes : 1, sizeof *told);
    for (size_t k = 0; k < j->n_touchpoints; k++)
        if (rules_company(j->touchpoints[k]) && j->touchpoints[k]->about)
            told[j->touchpoints[k]->about->index] = true;
    for (size_t i = 0; i < j->n_changes; i++) {
        const struct change *ch = j->changes[i];
        if (told[i])
            continue;
        char date[11];
        date_format(ch->date, date);
        rules_size(c,
                   rules_emit(c, "unannounced-change", SEVERITY_WARNING, ch->loc.line, ch->id,
                              "customers will feel %s (from %s) without hearing about it from us "
                              "first — add a proactive touchpoint with about=\"%s\"",
                              rules_quote(c, ch->name), date, ch->id),
                   (double)ch->date);
    }
    free(told);
}

/* competitor-only: "every competitor <touchpoint> is one". */
static void
rule_competitor_only(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_competitors; i++) {
        const struct competitor *co = c->j->competitors[i];
        for (size_t k = 0; k < co->n_touchpoints; k++) {
            const struct touchpoint *tp = co->touchpoints[k];
            rules_emit(
                c, "competitor-only", SEVERITY_WARNING, tp->loc.line, tp->id,
                "%-s offers %-s in stage %-s and we have nothing like it — decide whether we need "
                "an equivalent",
                co->name, tp->name, tp->stage->name);
        }
    }
}

/*
 * dead-end and unreachable: "the file uses <next> anywhere, and this
 * touchpoint of ours has no next and is not in the last stage" / "no next
 * leads to this touchpoint of ours, and it is not in the first stage".
 */
static void
rule_flow(struct ctx *c)
{
    const struct journey *j = c->j;
    if (!j->uses_next)
        return;
    bool *reached = xcalloc(j->n_touchpoints ? j->n_touchpoints : 1, sizeof *reached);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        for (size_t k = 0; k < j->touchpoints[i]->n_nexts; k++)
            reached[j->touchpoints[i]->nexts[k]->to->index] = true;
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        const struct touchpoint *tp = j->touchpoints[i];
        if (tp->n_nexts == 0 && tp->stage->index + 1 < j->n_stages)
            rules_emit(c, "dead-end", SEVERITY_WARNING, tp->loc.line, tp->id,
                       "the flow stops at %-s in stage %-s, before the last stage — add a <next> "
                       "to where customers go from here",
                       tp->name, tp->stage->name);
        if (!reached[i] && tp->stage->index > 0)
            rules_emit(c, "unreachable", SEVERITY_WARNING, tp->loc.line, tp->id,
                       "no <next> leads to %-s in stage %-s — add one from the touchpoint "
                       "customers come from",
                       tp->name, tp->stage->name);
    }
    free(reached);
}

/* reactive-heavy: "more than max-reactive-share of our touchpoints have initiator=customer". */
static void
rule_reactive_heavy(struct ctx *c)
{
    size_t n = c->j->n_touchpoints, reactive = 0;
    for (size_t i = 0; i < n; i++)
        reactive += !rules_company(c->j->touchpoints[i]);
    /* One division, compared with the parsed threshold: a share exactly at
     * the threshold rounds to the same double and does not fire. */
    if (n && (double)reactive / (double)n > c->p->max_reactive_share)
        rules_emit(c, "reactive-heavy", SEVERITY_WARNING, c->j->loc.line, c->j->id,
                   "%zu of our %zu touchpoints wait for the customer to act (%.0f%%); the limit is "
                   "%g%% — turn some into proactive contacts",
                   reactive, n, 100.0 * (double)reactive / (double)n,
                   100.0 * c->p->max_reactive_share);
}

/* behind-competitor: "a competitor's rating for it is higher than its score". */
static void
rule_behind_competitor(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_competitors; i++) {
        const struct competitor *co = c->j->competitors[i];
        for (size_t k = 0; k < co->n_ratings; k++) {
            const struct rating *r = co->ratings[k];
            const struct touchpoint *tp = r->touchpoint;
            if (tp->score && r->score > tp->score)
                rules_size(c,
                           rules_emit(c, "behind-competitor", SEVERITY_WARNING, tp->loc.line,
                                      tp->id,
                                      "%-s does %-s better than we do (%d against our %d) — "
                                      "find out what they do differently",
                                      co->name, tp->name, r->score, tp->score),
                           r->score - tp->score);
        }
    }
}

/* untrained-owner: "the touchpoint is weak … and its owner has trained=no". */
static void
rule_untrained_owner(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        struct weakness w;
        if (tp->owner && tp->owner->trained == TRAINED_NO && rules_weakness(tp, c->p, &w))
            rules_emit(
                c, "untrained-owner", SEVERITY_WARNING, tp->loc.line, tp->id,
                "%-s is a weak spot, and its owner %-s has no customer-relationship training — "
                "train them",
                tp->name, tp->owner->name);
    }
}

/* stale-review: "the review date is more than review-days days before today". */
static void
rule_stale_review(struct ctx *c)
{
    const struct review *r = c->j->review;
    if (!r || (int64_t)c->today - r->date <= (int64_t)c->p->review_days)
        return;
    char date[11];
    date_format(r->date, date);
    rules_emit(c, "stale-review", SEVERITY_WARNING, r->loc.line, c->j->id,
               "the map was last reviewed on %s, %lld days ago; the limit is %u — walk through it "
               "again with people who know these customers",
               date, (long long)((int64_t)c->today - r->date), c->p->review_days);
}

/* overdue-plan: "the touchpoint's <plan> has a due date before today (a
 * plan due today is not overdue)". */
static void
rule_overdue_plan(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        const struct plan *p = tp->plan;
        int64_t late = p ? rules_days_overdue(c, p) : 0;
        if (late <= 0)
            continue;
        char due[11];
        date_format(p->due, due);
        rules_size(c,
                   rules_emit(c, "overdue-plan", SEVERITY_WARNING, p->loc.line, tp->id,
                              "the plan for %s was due on %s, %lld day%s ago%s%s%s — carry it "
                              "out, or agree a new date and write it in due=\"…\"",
                              rules_quote(c, tp->name), due, (long long)late, late == 1 ? "" : "s",
                              p->owner ? " (owner " : "",
                              p->owner ? rules_quote(c, p->owner->name) : "", p->owner ? ")" : ""),
                   (double)late);
    }
}

/* ------------------------------------------------------------------------
 * Weak spots
 */

bool
rules_metric_max(const struct touchpoint *tp, enum metric_kind kind, double *out)
{
    bool found = false;
    for (size_t i = 0; i < tp->n_metrics; i++)
        if (tp->metrics[i]->kind == kind && (!found || tp->metrics[i]->value > *out)) {
            *out = tp->metrics[i]->value;
            found = true;
        }
    return found;
}

bool
rules_weakness(const struct touchpoint *tp, const struct policy *p, struct weakness *w)
{
    double v;
    w->low_score = tp->score && tp->score < p->min_score;
    w->negative_emotion = tp->has_emotion && tp->emotion < 0;
    w->more_minuses = tp->n_minuses > tp->n_pluses;
    w->high_drop_off = rules_metric_max(tp, METRIC_DROP_OFF, &v) && v > p->max_drop_off;
    w->long_wait = rules_metric_max(tp, METRIC_WAIT_SECONDS, &v) && v > p->max_wait_seconds;
    return w->low_score || w->negative_emotion || w->more_minuses || w->high_drop_off ||
           w->long_wait;
}

/* What to say at the end of a weak spot's message when it has a plan. */
static const char *
rules_plan_tail(struct ctx *c, const struct touchpoint *tp, const char *fix)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "; a plan exists");
    if (tp->plan->owner)
        buf_printf(&b, " (owner %s", rules_quote(c, tp->plan->owner->name));
    if (tp->plan->has_due) {
        char due[11];
        date_format(tp->plan->due, due);
        buf_printf(&b, "%sdue %s", tp->plan->owner ? ", " : " (", due);
    }
    if (tp->plan->owner || tp->plan->has_due)
        buf_putc(&b, ')');
    int64_t late = rules_days_overdue(c, tp->plan);
    if (late > 0)
        buf_printf(&b, ", but it is %lld day%s overdue — %s, or agree a new date", (long long)late,
                   late == 1 ? "" : "s", fix);
    const char *s = arena_strdup(c->scratch, buf_str(&b));
    buf_finish(&b);
    return s;
}

/* A weak spot's finding: head's message, then what its plan says, or
 * without a plan the fix. Without one the fix's words are part of the
 * format, so they are not copied into each of a large journey's findings
 * (most weak spots have no plan). fix is a string literal. */
#define RULES_WEAK(c, tp, rule, sev, fix, head, ...)                                               \
    ((tp)->plan ? rules_emit((c), (rule), (sev), (tp)->loc.line, (tp)->id, head "%s", __VA_ARGS__, \
                             rules_plan_tail((c), (tp), (fix)))                                    \
                : rules_emit((c), (rule), (sev), (tp)->loc.line, (tp)->id,                         \
                             head " — " fix ", or write a <plan> for it", __VA_ARGS__))

/* low-score, negative-emotion, more-minuses, high-drop-off, long-wait:
 * warning without a <plan> or with an overdue one, note with one that is
 * not overdue. */
static void
rule_weak_spots(struct ctx *c)
{
    const struct policy *p = c->p;
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        struct weakness w;
        if (!rules_weakness(tp, p, &w))
            continue;
        enum severity sev =
            tp->plan && rules_days_overdue(c, tp->plan) <= 0 ? SEVERITY_NOTE : SEVERITY_WARNING;
        const char *name = tp->name; /* quoted when shown: "%-s" (message.h) */
        double v = 0;
        if (w.low_score)
            RULES_WEAK(c, tp, "low-score", sev, "improve it", "%-s scores %d; the minimum is %d",
                       name, tp->score, p->min_score);
        if (w.negative_emotion)
            RULES_WEAK(c, tp, "negative-emotion", sev, "find out why and change how it feels",
                       "customers feel bad at %-s (emotion %d)", name, tp->emotion);
        if (w.more_minuses)
            RULES_WEAK(c, tp, "more-minuses", sev, "work on the minuses",
                       "%-s has more minuses (%u) than pluses (%u)", name, tp->n_minuses,
                       tp->n_pluses);
        if (w.high_drop_off && rules_metric_max(tp, METRIC_DROP_OFF, &v))
            RULES_WEAK(c, tp, "high-drop-off", sev, "find where they give up",
                       "%g%% of customers abandon the journey at %-s; the limit is %g%%", 100.0 * v,
                       name, 100.0 * p->max_drop_off);
        if (w.long_wait && rules_metric_max(tp, METRIC_WAIT_SECONDS, &v))
            RULES_WEAK(c, tp, "long-wait", sev, "shorten the wait",
                       "customers wait %g seconds at %-s; the limit is %g", v, name,
                       p->max_wait_seconds);
        rules_scratch_done(c);
    }
}

/* ------------------------------------------------------------------------
 * Notes
 */

/* unscored: "one of our touchpoints has no score". */
static void
rule_unscored(struct ctx *c)
{
    for (size_t i = 0; i < c->j->n_touchpoints; i++) {
        const struct touchpoint *tp = c->j->touchpoints[i];
        if (!tp->score)
            rules_emit(c, "unscored", SEVERITY_NOTE, tp->loc.line, tp->id,
                       "%-s has no score — rate how well we do it (score=\"1\" to \"5\")",
                       tp->name);
    }
}

/* no-review: "the file has no <review>". */
static void
rule_no_review(struct ctx *c)
{
    if (!c->j->review)
        rules_emit(c, "no-review", SEVERITY_NOTE, c->j->loc.line, c->j->id,
                   "the map has never been reviewed — walk through it with people who know these "
                   "customers and record it with <review date=\"…\"/>");
}

/* ------------------------------------------------------------------------
 * The table and the entry point
 */

static void (*const rules[])(struct ctx *) = {
    rule_empty_stage,  rule_contact_gap,    rule_first_contact,      rule_no_follow_up,
    rule_no_owner,     rule_no_feedback,    rule_unannounced_change, rule_competitor_only,
    rule_flow,         rule_reactive_heavy, rule_behind_competitor,  rule_untrained_owner,
    rule_stale_review, rule_overdue_plan,   rule_weak_spots,         rule_unscored,
    rule_no_review,
};

void
rules_run(const struct journey *j, day_number today, struct diag *d)
{
    struct ctx c = {.j = j, .p = &j->policy, .d = d, .today = today};
    c.scratch = arena_new();
    for (size_t i = 0; i < ARRAY_LEN(c.override); i++)
        c.override[i] = SEVERITY_COUNT;
    /* The last <rule> for an id wins. */
    for (size_t i = 0; i < j->policy.n_overrides; i++) {
        const struct rule_info *r = catalog_find(j->policy.overrides[i]->rule);
        if (r)
            c.override[r - catalog] = j->policy.overrides[i]->severity;
    }
    timeline_init(&c.t, j);
    for (size_t i = 0; i < ARRAY_LEN(rules); i++)
        rules[i](&c);
    timeline_finish(&c.t);
    arena_free(c.scratch);
}
