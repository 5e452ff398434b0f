/*
 * evidence.c - planned against actual (check/evidence.h) as a workshop
 * report in GitHub Markdown: what the log covers, the findings, each
 * touchpoint's reach and delay stage by stage, who starts the contacts
 * then and now, how long customers go without hearing from us, where they
 * stop, and the contacts the map does not show.
 */
#include "render/cmark/md.h"

#include "core/date.h"
#include "render/evidence.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void
ev_pct_cell(struct md_table *t, struct measure m)
{
    char s[32];
    if (m.has)
        snprintf(s, sizeof s, "%ld%%", lround(m.v * 100));
    else
        snprintf(s, sizeof s, "–");
    md_cell(t, s);
}

static void
ev_num_cell(struct md_table *t, size_t n)
{
    char s[32];
    snprintf(s, sizeof s, "%zu", n);
    md_cell(t, s);
}

static void
ev_intro(cmark_node *doc, const struct evidence *e, const struct evidence_source *src)
{
    char from[11], to[11];
    date_format(e->from, from);
    date_format(e->as_of, to);
    cmark_node *p = md_paragraph(doc);
    md_textf(p, "From %s to %s, the contact log%s ", from, to, src->n_logs == 1 ? "" : "s");
    for (size_t i = 0; i < src->n_logs; i++) {
        char *name = utf8_fix(src->logs[i]);
        md_code(p, name);
        free(name);
        if (i + 1 < src->n_logs)
            md_text(p, ", ");
    }
    md_textf(p,
             " holds %zu contacts with %zu customers; %zu customers had a contact at a "
             "touchpoint of the map and are placed on it, stage by stage, from when each "
             "entered the stage. %zu contacts are at touchpoints of the map, %zu elsewhere",
             e->events, e->customers, e->anchored, e->planned_events, e->unplanned_events);
    if (e->ignored_rows)
        md_textf(p, "; %zu rows were left out (other segments, or after %s)", e->ignored_rows, to);
    md_text(p, ".");
}

static void
ev_findings(cmark_node *doc, const struct diag *d)
{
    md_heading(doc, 2, "Findings");
    if (!diag_count(d)) {
        md_text(md_paragraph(doc), "None: the log keeps to the plan as the policy asks.");
        return;
    }
    cmark_node *l = md_bullet_list(doc);
    for (size_t i = 0; i < diag_count(d); i++)
        md_finding(md_task(l, false), diag_get(d, i));
}

static void
ev_plan_table(cmark_node *doc, const struct evidence *e)
{
    md_heading(doc, 2, "Planned against actual, stage by stage");
    md_text(md_node(CMARK_NODE_EMPH, md_paragraph(doc)),
            "Due for: customers the contact was due for while the log ran (not those who had "
            "left, nor contacts due before the log began). Reach: how many of them got it. "
            "Delay: days after it was due, the median of those reached.");
    struct md_table t = {.cols = 9, .num_from = 3};
    const char *head[] = {"Stage", "Touchpoint", "Who starts", "Due for", "Reached",
                          "Reach", "Median delay", "Score (map / log)", "Stopped here"};
    for (size_t i = 0; i < 9; i++)
        md_cell(&t, head[i]);
    for (size_t i = 0; i < e->n_tps; i++) {
        const struct evidence_tp *x = &e->tps[i];
        md_cell(&t, x->tp->stage->name);
        md_cell(&t, x->tp->name);
        md_cell(&t, x->tp->initiator == INITIATOR_COMPANY ? "we do" : "the customer");
        ev_num_cell(&t, x->eligible);
        ev_num_cell(&t, x->reached);
        ev_pct_cell(&t, x->reach);
        char s[64];
        if (x->median_delay.has)
            snprintf(s, sizeof s, "%g days", x->median_delay.v);
        else
            snprintf(s, sizeof s, "–");
        md_cell(&t, s);
        char map[8] = "–", log[16] = "–";
        if (x->tp->score)
            snprintf(map, sizeof map, "%d", x->tp->score);
        if (x->measured_score.has)
            snprintf(log, sizeof log, "%.1f", x->measured_score.v);
        snprintf(s, sizeof s, "%s / %s", map, log);
        md_cell(&t, s);
        ev_num_cell(&t, x->stopped_here);
    }
    md_table_block(doc, &t);
}

static void
ev_shares(cmark_node *doc, const struct evidence *e)
{
    md_heading(doc, 2, "Who starts the contact");
    struct md_table t = {.cols = 2, .num_from = 1};
    md_cell(&t, "");
    md_cell(&t, "Started by us");
    md_cell(&t, "The map: our touchpoints");
    ev_pct_cell(&t, e->planned_proactive_share);
    md_cell(&t, "The log: every contact");
    ev_pct_cell(&t, e->proactive_share);
    md_cell(&t, "The log: the last 30 days");
    ev_pct_cell(&t, e->proactive_share_30d);
    md_table_block(doc, &t);
}

static void
ev_silences(cmark_node *doc, const struct evidence *e)
{
    md_heading(doc, 2, "How long customers go without hearing from us");
    md_textf(md_paragraph(doc),
             "Each customer's longest stretch without a contact we started, from their first "
             "contact on the map (so the wait for our first contact counts). %zu of %zu went "
             "longer than %u days.",
             e->silent, e->anchored, e->j->policy.max_silence_days);
    struct md_table t = {.cols = 2, .num_from = 1};
    md_cell(&t, "Longest silence");
    md_cell(&t, "Customers");
    for (size_t b = 0; b < EVIDENCE_SILENCE_BUCKETS; b++) {
        md_cell(&t, evidence_silence_labels[b]);
        ev_num_cell(&t, e->silences[b]);
    }
    md_table_block(doc, &t);
}

static void
ev_stops(cmark_node *doc, const struct evidence *e)
{
    md_heading(doc, 2, "Where customers stop");
    md_textf(md_paragraph(doc),
             "%zu customers stopped: nothing from them or us for over %u days, and they never "
             "reached the last stage. Each stopped at their last contact on the map.",
             e->stopped, e->j->policy.stop_days);
    if (!e->stopped)
        return;
    struct md_table t = {.cols = 3, .num_from = 1};
    md_cell(&t, "Last contact before they stopped");
    md_cell(&t, "Customers");
    md_cell(&t, "Of those who got it");
    for (size_t i = 0; i < e->n_tps; i++)
        if (e->tps[i].stopped_here) {
            md_cell(&t, e->tps[i].tp->name);
            ev_num_cell(&t, e->tps[i].stopped_here);
            ev_pct_cell(&t, e->tps[i].stop_share);
        }
    md_table_block(doc, &t);
}

static void
ev_unplanned(cmark_node *doc, const struct evidence *e)
{
    md_heading(doc, 2, "Contacts the map does not show");
    if (!e->n_unplanned) {
        md_text(md_paragraph(doc), "None: every contact in the log is at a touchpoint of the map.");
        return;
    }
    struct md_table t = {.cols = 3, .num_from = 2};
    md_cell(&t, "Channel");
    md_cell(&t, "Started by");
    md_cell(&t, "Contacts");
    for (size_t i = 0; i < e->n_unplanned; i++) {
        const struct log_unplanned *u = &e->unplanned[i];
        md_cell(&t, u->channel >= 0 ? channel_names[u->channel] : "(none given)");
        md_cell(&t, u->company ? "us" : "the customer");
        ev_num_cell(&t, u->events);
    }
    md_table_block(doc, &t);
}

char *
evidence_markdown(const struct evidence *e, const struct evidence_source *src,
                  const struct diag *d, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    char *title = xasprintf("Planned against actual: %s", e->j->name);
    md_heading(doc, 1, title);
    free(title);
    ev_intro(doc, e, src);
    ev_findings(doc, d);
    ev_plan_table(doc, e);
    ev_shares(doc, e);
    ev_silences(doc, e);
    ev_stops(doc, e);
    ev_unplanned(doc, e);
    return md_render(doc, false, len);
}
