/*
 * checklist.c - the review checklist (render/markdown.h): a Markdown
 * document, or a printable HTML page of it, that a planning workshop
 * works through together (cli.md, "The review checklist";
 * docs/checklist.md).
 *
 * Outline: the journey's name (H1), its description, a summary, the
 * competitor table, journey-wide items and coming changes; then one H2 per
 * stage (its name, in journey order) and one H3 per touchpoint of ours
 * (its name) with its facts, pluses, minuses, plan and a to-do list of
 * task items: every finding about it and the review questions that fit.
 * Every finding lands in exactly one place (see checklist_place_of()).
 */
#include "render/cmark/md.h"

#include "check/compare.h"
#include "check/timeline.h"
#include "core/date.h"
#include "render/markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct checklist {
    const struct journey *j;
    bool html;
    struct timeline t;
    struct id_index *ids;
    /* findings of this journey, by where they go */
    const struct finding **f;
    size_t n_f;
    size_t *place; /* per finding: see checklist_place_of() */
    /* f[] is grouped by place, in diag order within a place: the findings
     * of place w are f[first[w]] .. f[first[w + 1] - 1] */
    size_t *first;
    size_t n_places;
};

enum { PLACE_JOURNEY, PLACE_CHANGES }; /* then stage i: 2 + i; touchpoint k: 2 + stages + k */

/* Where a finding goes: with the touchpoint, stage or change it names
 * (a competitor's touchpoint: its stage), else with the journey. */
static size_t
checklist_place_of(const struct checklist *c, const struct finding *f)
{
    const void *obj = NULL;
    enum id_kind kind = id_index_find(c->ids, f->subject, &obj);
    if (kind == ID_TOUCHPOINT)
        return 2 + c->j->n_stages + ((const struct touchpoint *)obj)->index;
    if (kind == ID_COMPETITOR_TOUCHPOINT)
        return 2 + ((const struct touchpoint *)obj)->stage->index;
    if (kind == ID_STAGE)
        return 2 + ((const struct stage *)obj)->index;
    if (kind == ID_CHANGE)
        return PLACE_CHANGES;
    return PLACE_JOURNEY;
}

/* This journey's findings into c->f, grouped by place (a counting sort,
 * stable, so diag order holds within a place). */
static void
checklist_group(struct checklist *c, const struct diag *d)
{
    size_t n = diag_count(d);
    c->n_places = 2 + c->j->n_stages + c->j->n_touchpoints;
    c->first = xcalloc(c->n_places + 1, sizeof *c->first);
    c->place = xmalloc((n + 1) * sizeof *c->place);
    c->f = xmalloc((n + 1) * sizeof *c->f);
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = diag_get(d, i);
        size_t w = f->file == c->j->file ? checklist_place_of(c, f) : SIZE_MAX;
        c->place[i] = w;
        if (w != SIZE_MAX)
            c->first[w + 1]++;
    }
    for (size_t w = 0; w < c->n_places; w++)
        c->first[w + 1] += c->first[w];
    size_t *next = xmalloc((c->n_places + 1) * sizeof *next);
    memcpy(next, c->first, (c->n_places + 1) * sizeof *next);
    for (size_t i = 0; i < n; i++)
        if (c->place[i] != SIZE_MAX)
            c->f[next[c->place[i]]++] = diag_get(d, i);
    c->n_f = c->first[c->n_places];
    free(next);
}

static const char *const checklist_severity_words[SEVERITY_COUNT] = {"", "Note", "Warning",
                                                                     "Error"};

/* Task items for every finding placed at where; returns how many. */
static size_t
checklist_tasks(struct checklist *c, cmark_node *list, size_t where)
{
    size_t n = 0;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++) {
        const struct finding *f = c->f[i];
        cmark_node *p = md_task(list, c->html);
        md_strong(p, checklist_severity_words[f->severity]);
        md_textf(p, ": %s ", f->message);
        char *rule = xasprintf("[%s]", f->rule);
        md_code(p, rule);
        free(rule);
        n++;
    }
    return n;
}

static void
checklist_question(struct checklist *c, cmark_node *list, const char *q)
{
    md_text(md_task(list, c->html), q);
}

/* ------------------------------------------------------------------------
 * Sections
 */

static void
checklist_summary(struct checklist *c, cmark_node *doc, day_number today)
{
    const struct journey *j = c->j;
    md_strong(md_paragraph(doc), "Summary");
    cmark_node *l = md_bullet_list(doc);
    size_t proactive = 0;
    for (size_t i = 0; i < j->n_touchpoints; i++)
        proactive += j->touchpoints[i]->initiator == INITIATOR_COMPANY;
    md_textf(md_item(l), "%zu stage%s, %zu touchpoint%s of ours over %llu days", j->n_stages,
             j->n_stages == 1 ? "" : "s", j->n_touchpoints, j->n_touchpoints == 1 ? "" : "s",
             (unsigned long long)c->t.end);
    if (j->n_touchpoints)
        md_textf(md_item(l),
                 "We reach out in %zu of them (%.0f%% proactive); customers start the "
                 "other %zu",
                 proactive, 100.0 * (double)proactive / (double)j->n_touchpoints,
                 j->n_touchpoints - proactive);
    size_t count[SEVERITY_COUNT] = {0};
    for (size_t i = 0; i < c->n_f; i++)
        count[c->f[i]->severity]++;
    md_textf(md_item(l), "To work through: %zu warning%s, %zu note%s%s", count[SEVERITY_WARNING],
             count[SEVERITY_WARNING] == 1 ? "" : "s", count[SEVERITY_NOTE],
             count[SEVERITY_NOTE] == 1 ? "" : "s",
             count[SEVERITY_ERROR] ? " and errors made errors by this file's policy" : "");
    if (j->review) {
        char date[11];
        date_format(j->review->date, date);
        cmark_node *p = md_item(l);
        md_textf(p, "Last reviewed on %s (%lld days ago)", date,
                 (long long)((int64_t)today - j->review->date));
        if (j->review->by)
            md_textf(p, " by %s", j->review->by);
    } else {
        md_text(md_item(l), "Never reviewed with people who know these customers");
    }
}

static void
checklist_competitors(struct checklist *c, cmark_node *doc)
{
    const struct journey *j = c->j;
    if (!j->n_competitors)
        return;
    md_strong(md_paragraph(doc), "Competitors");
    md_text(md_paragraph(doc), "Scores from 1 (poor) to 5 (excellent); ▲ marks a competitor rated "
                               "above us, and rows marked \"only\" are things only they do.");
    struct comparison *cmp = compare_new(&c->j, 1);
    comparison_table(doc, &cmp->journeys[0], false, c->html);
    compare_free(cmp);
}

static void
checklist_changes(struct checklist *c, cmark_node *doc)
{
    const struct journey *j = c->j;
    if (!j->n_changes)
        return;
    md_strong(md_paragraph(doc), "Coming changes customers will feel");
    cmark_node *l = md_bullet_list(doc);
    for (size_t i = 0; i < j->n_changes; i++) {
        const struct change *ch = j->changes[i];
        cmark_node *it = md_node(CMARK_NODE_ITEM, l);
        char date[11];
        date_format(ch->date, date);
        cmark_node *p = md_paragraph(it);
        md_strong(p, ch->name);
        md_textf(p, ", from %s", date);
        for (size_t k = 0; k < ch->n_affects; k++)
            md_textf(p, "%s%s", k ? ", " : "; affects ", ch->affects[k]->name);
        md_append_user(it, ch->markdown, 3);
    }
    md_loosen(l);
    cmark_node *todo = md_bullet_list(doc);
    if (!checklist_tasks(c, todo, PLACE_CHANGES))
        cmark_node_free(todo);
}

static const char *
checklist_initiator(const struct touchpoint *tp)
{
    return tp->initiator == INITIATOR_COMPANY ? "we reach out" : "the customer comes to us";
}

/* A metric as a workshop says it: "CSAT 92%", "wait 140 s", "rounds 4". */
static char *
checklist_metric(const struct metric *m)
{
    double v = m->value;
    switch (m->kind) {
    case METRIC_NPS:
        return xasprintf("NPS %g", v);
    case METRIC_CSAT:
        return xasprintf("CSAT %g%%", v);
    case METRIC_CES:
        return xasprintf("effort score (CES) %g of 7", v);
    case METRIC_WAIT_SECONDS:
        return xasprintf("wait %g s", v);
    case METRIC_DROP_OFF:
        return xasprintf("%g%% drop off here", 100 * v);
    case METRIC_RESPONSE_HOURS:
        return xasprintf("answered within %g h", v);
    case METRIC_RESOLUTION:
        return xasprintf("%g%% resolved", 100 * v);
    case METRIC_USER:
    case METRIC_KIND_COUNT:
        break;
    }
    char *name = xstrdup(m->name + 2); /* "x-rounds" → "rounds" */
    for (char *p = name; *p; p++)
        if (*p == '-')
            *p = ' ';
    char *s = xasprintf("%s %g", name, v);
    free(name);
    return s;
}

static void
checklist_facts(struct checklist *c, cmark_node *sec, const struct touchpoint *tp)
{
    cmark_node *l = md_bullet_list(sec);
    cmark_node *p = md_item(l);
    md_textf(p, "%s, %s", channel_names[tp->channel], checklist_initiator(tp));
    if (tp->mode != MODE_NONE)
        md_textf(p, ", %s", mode_names[tp->mode]);
    if (tp->purpose != PURPOSE_NONE)
        md_textf(p, "; purpose: %s", purpose_names[tp->purpose]);
    p = md_item(l);
    if (tp->owner)
        md_textf(p, "Owner: %s%s", tp->owner->name,
                 tp->owner->trained == TRAINED_YES  ? " (trained)"
                 : tp->owner->trained == TRAINED_NO ? " (not trained yet)"
                                                    : "");
    else
        md_text(p, "Owner: nobody yet");
    struct series s = timeline_series(&c->t, tp);
    p = md_item(l);
    md_textf(p, "When: day %u of the stage (day %llu of the journey)", tp->day,
             (unsigned long long)s.first);
    if (tp->every)
        md_textf(p, ", then every %u days (%llu times in all)", tp->every,
                 (unsigned long long)s.count);
    p = md_item(l);
    if (tp->score)
        md_textf(p, "Score: %d/5", tp->score);
    else
        md_text(p, "Score: not rated yet");
    if (tp->has_emotion)
        md_textf(p, "; customers feel %s (%+d)",
                 tp->emotion < -1   ? "very bad"
                 : tp->emotion < 0  ? "bad"
                 : tp->emotion == 0 ? "neutral"
                 : tp->emotion == 1 ? "good"
                                    : "very good",
                 tp->emotion);
    if (tp->n_metrics) {
        p = md_item(l);
        md_text(p, "Measured: ");
        for (size_t i = 0; i < tp->n_metrics; i++) {
            const struct metric *m = tp->metrics[i];
            char *what = checklist_metric(m);
            md_textf(p, "%s%s", i ? "; " : "", what);
            free(what);
        }
    }
    if (tp->about)
        md_textf(md_item(l), "Tells customers about: %s", tp->about->name);
}

/* Markdown items under a bold label ("Pluses", "Minuses"). */
static void
checklist_texts(cmark_node *sec, const char *label, struct text *const *v, size_t n)
{
    if (!n)
        return;
    md_strong(md_paragraph(sec), label);
    cmark_node *l = md_bullet_list(sec);
    for (size_t i = 0; i < n; i++)
        md_append_user(md_node(CMARK_NODE_ITEM, l), v[i]->markdown, 3);
    md_loosen(l);
}

static bool
checklist_collects_feedback(const struct touchpoint *tp)
{
    if (tp->purpose == PURPOSE_FEEDBACK)
        return true;
    for (size_t i = 0; i < tp->n_metrics; i++)
        if (tp->metrics[i]->kind == METRIC_NPS || tp->metrics[i]->kind == METRIC_CSAT ||
            tp->metrics[i]->kind == METRIC_CES)
            return true;
    return false;
}

/* Whether a finding of this rule is listed for the touchpoint. */
static bool
checklist_has_finding(const struct checklist *c, const struct touchpoint *tp, const char *rule)
{
    size_t where = 2 + c->j->n_stages + tp->index;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++)
        if (strcmp(c->f[i]->rule, rule) == 0)
            return true;
    return false;
}

/* The review checklist_questions that fit this touchpoint, leaving out what one of
 * its findings already asks. */
static void
checklist_questions(struct checklist *c, cmark_node *todo, const struct touchpoint *tp)
{
    if (checklist_has_finding(c, tp, "no-owner") || checklist_has_finding(c, tp, "untrained-owner"))
        ; /* the finding says it */
    else if (!tp->owner)
        checklist_question(c, todo, "Who will own this contact and answer for how it goes?");
    else if (tp->owner->trained != TRAINED_YES)
        checklist_question(c, todo,
                           tp->owner->trained == TRAINED_NO
                               ? "Is the owner the right one, and when will they get "
                                 "customer-relationship training?"
                               : "Is the owner the right one, and have they had "
                                 "customer-relationship training?");
    if (!tp->n_pluses && !tp->n_minuses)
        checklist_question(c, todo,
                           "What works here and what does not? Write down its pluses and "
                           "minuses.");
    else if (tp->n_minuses && !tp->plan && !checklist_has_finding(c, tp, "more-minuses"))
        checklist_question(c, todo, "Which minus do we tackle first, who does it, and by when?");
    if (!checklist_collects_feedback(tp))
        checklist_question(c, todo, "How will we hear what customers think of this moment?");
    if (tp->initiator == INITIATOR_CUSTOMER)
        checklist_question(c, todo,
                           "Could we reach customers before they have to come to us here?");
    else
        checklist_question(c, todo,
                           "Could this contact open a door: a referral, a review, the next "
                           "purchase?");
}

static void
checklist_touchpoint(struct checklist *c, cmark_node *doc, const struct touchpoint *tp)
{
    md_heading(doc, 3, tp->name);
    checklist_facts(c, doc, tp);
    if (tp->note)
        md_append_user(doc, tp->note->markdown, 3);
    checklist_texts(doc, "Pluses", tp->pluses, tp->n_pluses);
    checklist_texts(doc, "Minuses", tp->minuses, tp->n_minuses);
    if (tp->plan) {
        cmark_node *p = md_paragraph(doc);
        md_strong(p, "Plan");
        if (tp->plan->owner)
            md_textf(p, " (owner: %s", tp->plan->owner->name);
        if (tp->plan->has_due) {
            char due[11];
            date_format(tp->plan->due, due);
            md_textf(p, "%sdue %s", tp->plan->owner ? ", " : " (", due);
        }
        if (tp->plan->owner || tp->plan->has_due)
            md_text(p, ")");
        md_append_user(doc, tp->plan->markdown, 3);
    }
    md_strong(md_paragraph(doc), "To do");
    cmark_node *todo = md_bullet_list(doc);
    checklist_tasks(c, todo, 2 + c->j->n_stages + tp->index);
    checklist_questions(c, todo, tp);
}

static void
checklist_stage(struct checklist *c, cmark_node *doc, const struct stage *s)
{
    md_heading(doc, 2, s->name);
    cmark_node *p = md_node(CMARK_NODE_EMPH, md_paragraph(doc));
    md_textf(p, "Stage %zu of %zu, day %llu to %llu", s->index + 1, c->j->n_stages,
             (unsigned long long)c->t.stage_start[s->index],
             (unsigned long long)timeline_stage_end(&c->t, s));
    if (s->phase != PHASE_NONE)
        md_textf(p, " (%s)", phase_names[s->phase]);
    if (s->description)
        md_append_user(doc, s->description, 2);
    cmark_node *todo = md_bullet_list(doc);
    if (!checklist_tasks(c, todo, 2 + s->index))
        cmark_node_free(todo);
    for (size_t i = 0; i < s->n_touchpoints; i++)
        checklist_touchpoint(c, doc, s->touchpoints[i]);
}

static cmark_node *
checklist_build(struct checklist *c, day_number today)
{
    const struct journey *j = c->j;
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, j->name);
    cmark_node *intro = md_node(CMARK_NODE_EMPH, md_paragraph(doc));
    md_text(intro, "Review checklist for the planning workshop: tick each item once the team "
                   "has decided what to do about it.");
    if (j->description)
        md_append_user(doc, j->description, 3);
    checklist_summary(c, doc, today);
    checklist_competitors(c, doc);
    md_strong(md_paragraph(doc), "For the whole journey");
    cmark_node *todo = md_bullet_list(doc);
    size_t n = checklist_tasks(c, todo, PLACE_JOURNEY);
    if (!n)
        checklist_question(c, todo,
                           "Does this map still describe how these customers buy and use us?");
    checklist_changes(c, doc);
    for (size_t i = 0; i < j->n_stages; i++)
        checklist_stage(c, doc, j->stages[i]);
    return doc;
}

static const char checklist_style[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:52em;margin:2em auto;"
    "padding:0 1em;line-height:1.45;color:#1b2631}"
    "h1{border-bottom:2px solid #aeb6bf}h2{margin-top:2em;border-bottom:1px solid #d5d8dc;"
    "page-break-after:avoid}h3{margin-bottom:.3em;page-break-after:avoid}"
    "li{margin:.15em 0}ul{padding-left:1.4em}"
    "input[type=checkbox]{width:1.1em;height:1.1em;vertical-align:middle;margin-right:.4em}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #aeb6bf;"
    "padding:.25em .6em;text-align:left}code{font-size:.9em;color:#7b241c}"
    "@media print{body{margin:0;max-width:none}a{color:inherit}}";

char *
checklist_render(const struct journey *j, const struct diag *d, day_number today, bool html,
                 size_t *len)
{
    struct checklist c = {.j = j, .html = html};
    timeline_init(&c.t, j);
    c.ids = id_index_new(j);
    checklist_group(&c, d);
    cmark_node *doc = checklist_build(&c, today);
    size_t body_len;
    char *out = md_render(doc, html, &body_len);
    if (html) {
        struct buf b;
        buf_init(&b);
        buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<title>");
        buf_html(&b, j->name);
        buf_printf(&b, " — review checklist</title>\n<style>%s</style>\n</head>\n<body>\n",
                   checklist_style);
        buf_append(&b, out, body_len);
        buf_puts(&b, "</body>\n</html>\n");
        free(out);
        out = buf_steal(&b);
    }
    *len = strlen(out);
    free(c.f);
    free(c.place);
    free(c.first);
    id_index_free(c.ids);
    timeline_finish(&c.t);
    return out;
}
