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
#include "core/catalog.h"
#include "core/date.h"
#include "render/markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct checklist {
    const struct journey *j;
    bool html;
    const struct journey_diff *since; /* build --since: what changed, or NULL */
    const char *since_rev;
    struct timeline t;
    /* findings of this journey, by where they go: their positions in d */
    const struct diag *d;
    uint32_t *f;
    size_t n_f;
    /* f[] is grouped by place, in diag order within a place: the findings
     * of place w are f[first[w]] .. f[first[w + 1] - 1] */
    size_t *first;
    size_t n_places;
};

enum { PLACE_JOURNEY, PLACE_CHANGES }; /* then stage i: 2 + i; touchpoint k: 2 + stages + k */

/* Where a finding goes: with the touchpoint, stage or change it names
 * (a competitor's touchpoint: its stage), else with the journey; an
 * overdue plan with the journey, where it is listed first. */
static size_t
checklist_place_of(const struct checklist *c, const struct id_index *ids, const struct finding *f)
{
    if (strcmp(finding_rule(f), "overdue-plan") == 0)
        return PLACE_JOURNEY;
    const void *obj = NULL;
    enum id_kind kind = id_index_find(ids, f->subject, &obj);
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
 * stable, so diag order holds within a place). The index of ids is only
 * needed to find each finding's place, and is freed before c->f is made:
 * the two, with the places, were the checklist's peak. */
static void
checklist_group(struct checklist *c, const struct diag *d)
{
    size_t n = diag_count(d);
    c->n_places = 2 + c->j->n_stages + c->j->n_touchpoints;
    if (c->n_places >= UINT32_MAX)
        die_oom(); /* more places than a journey can have (LOAD_MAX_TOUCHPOINTS) */
    c->first = xcalloc(c->n_places + 1, sizeof *c->first);
    uint32_t *place = xmalloc((n + 1) * sizeof *place); /* per finding; UINT32_MAX: elsewhere */
    struct id_index *ids = id_index_new(c->j);
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = diag_get(d, i);
        size_t w = diag_file(d, f) == c->j->file ? checklist_place_of(c, ids, f) : UINT32_MAX;
        place[i] = (uint32_t)w;
        if (w != UINT32_MAX)
            c->first[w + 1]++;
    }
    id_index_free(ids);
    for (size_t w = 0; w < c->n_places; w++)
        c->first[w + 1] += c->first[w];
    c->d = d;
    c->f = xmalloc((n + 1) * sizeof *c->f);
    size_t *next = xmalloc((c->n_places + 1) * sizeof *next);
    memcpy(next, c->first, (c->n_places + 1) * sizeof *next);
    for (size_t i = 0; i < n; i++)
        if (place[i] != UINT32_MAX)
            c->f[next[place[i]]++] = (uint32_t)i;
    c->n_f = c->first[c->n_places];
    free(next);
    free(place);
}

/* The i-th of c's grouped findings. */
static const struct finding *
checklist_f(const struct checklist *c, size_t i)
{
    return diag_get(c->d, c->f[i]);
}

static const char *const checklist_severity_words[SEVERITY_COUNT] = {"", "Note", "Warning",
                                                                     "Error"};

static bool
checklist_is_weak(const struct finding *f)
{
    const struct rule_info *r = catalog_find(finding_rule(f));
    return r && r->category == RULE_WEAK;
}

/* One task item for every weak-spot finding at where (it names every rule
 * concerned), after the first of them has been reached. */
static void
checklist_weak_task(struct checklist *c, cmark_node *list, size_t where)
{
    size_t n = 0;
    enum severity worst = SEVERITY_NOTE;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++) {
        const struct finding *f = checklist_f(c, i);
        if (checklist_is_weak(f)) {
            n++;
            if (f->severity > worst)
                worst = f->severity;
        }
    }
    cmark_node *p = md_task(list, c->html);
    md_strong(p, n > 1 ? "Weak spot" : checklist_severity_words[worst]);
    if (n > 1)
        md_textf(p, " (%s): ", severity_names[worst]);
    else
        md_text(p, ": ");
    size_t k = 0;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++) {
        const struct finding *f = checklist_f(c, i);
        if (checklist_is_weak(f)) {
            if (k++)
                md_text(p, "; ");
            md_finding(p, f);
        }
    }
}

enum checklist_pick { PICK_ALL, PICK_OVERDUE, PICK_REST };

/* Task items for the findings placed at where (those pick selects): one
 * each, except that the weak-spot findings of a touchpoint share one.
 * Returns how many findings were listed. */
static size_t
checklist_tasks(struct checklist *c, cmark_node *list, size_t where, enum checklist_pick pick)
{
    size_t n = 0;
    bool weak_done = false;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++) {
        const struct finding *f = checklist_f(c, i);
        bool overdue = strcmp(finding_rule(f), "overdue-plan") == 0;
        if ((pick == PICK_OVERDUE && !overdue) || (pick == PICK_REST && overdue))
            continue;
        n++;
        if (checklist_is_weak(f)) {
            if (!weak_done)
                checklist_weak_task(c, list, where);
            weak_done = true;
            continue;
        }
        cmark_node *p = md_task(list, c->html);
        md_strong(p, checklist_severity_words[f->severity]);
        md_text(p, ": ");
        md_finding(p, f);
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
        count[checklist_f(c, i)->severity]++;
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

/* The competitors' heading into doc, which then goes out as a part; the
 * table (a row per touchpoint: the largest block of a large journey) as
 * a part of its own, written as it is; and a new document for the rest of
 * the head. Without competitors, doc itself. */
static cmark_node *
checklist_competitors(struct checklist *c, cmark_node *doc, struct md_stream *s)
{
    const struct journey *j = c->j;
    if (!j->n_competitors)
        return doc;
    md_strong(md_paragraph(doc), "Competitors");
    md_text(md_paragraph(doc), "Scores from 1 (poor) to 5 (excellent); ▲ marks a competitor rated "
                               "above us, and rows marked \"only\" are things only they do.");
    md_stream_part(s, doc);
    struct comparison *cmp = compare_new(&c->j, 1);
    struct md_table t;
    comparison_cells(&t, &cmp->journeys[0], false, c->html, s);
    compare_free(cmp);
    md_stream_table(s, &t);
    return md_node(CMARK_NODE_DOCUMENT, NULL);
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
    if (!checklist_tasks(c, todo, PLACE_CHANGES, PICK_ALL))
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

/* The facts of a touchpoint, one short line each in one paragraph: how
 * and who, when, how well. */
static void
checklist_facts(struct checklist *c, cmark_node *sec, const struct touchpoint *tp)
{
    cmark_node *p = md_paragraph(sec);
    md_textf(p, "%s, %s", channel_names[tp->channel], checklist_initiator(tp));
    if (tp->mode != MODE_NONE)
        md_textf(p, ", %s", mode_names[tp->mode]);
    if (tp->purpose != PURPOSE_NONE)
        md_textf(p, "; purpose: %s", purpose_names[tp->purpose]);
    if (tp->owner)
        md_textf(p, " · owner: %s%s", tp->owner->name,
                 tp->owner->trained == TRAINED_YES  ? " (trained)"
                 : tp->owner->trained == TRAINED_NO ? " (not trained yet)"
                                                    : "");
    else
        md_text(p, " · owner: nobody yet");
    md_node(CMARK_NODE_LINEBREAK, p);
    struct series s = timeline_series(&c->t, tp);
    md_textf(p, "Day %u of the stage (day %llu of the journey)", tp->day,
             (unsigned long long)s.first);
    if (tp->every)
        md_textf(p, ", then every %u days (%llu times in all)", tp->every,
                 (unsigned long long)s.count);
    if (tp->score)
        md_textf(p, " · score %d/5", tp->score);
    else
        md_text(p, " · not scored yet");
    if (tp->has_emotion)
        md_textf(p, "; customers feel %s (%+d)",
                 tp->emotion < -1   ? "very bad"
                 : tp->emotion < 0  ? "bad"
                 : tp->emotion == 0 ? "neutral"
                 : tp->emotion == 1 ? "good"
                                    : "very good",
                 tp->emotion);
    if (tp->n_metrics) {
        md_node(CMARK_NODE_LINEBREAK, p);
        md_text(p, "Measured: ");
        for (size_t i = 0; i < tp->n_metrics; i++) {
            char *what = checklist_metric(tp->metrics[i]);
            md_textf(p, "%s%s", i ? "; " : "", what);
            free(what);
        }
    }
    if (tp->about) {
        md_node(CMARK_NODE_LINEBREAK, p);
        md_textf(p, "Tells customers about: %s", tp->about->name);
    }
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

/* Whether a finding of this rule is listed at place where. */
static bool
checklist_has_at(const struct checklist *c, size_t where, const char *rule)
{
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++)
        if (strcmp(finding_rule(checklist_f(c, i)), rule) == 0)
            return true;
    return false;
}

static bool
checklist_has_finding(const struct checklist *c, const struct touchpoint *tp, const char *rule)
{
    return checklist_has_at(c, 2 + c->j->n_stages + tp->index, rule);
}

/* ------------------------------------------------------------------------
 * Review questions: at most two per stage and three for the journey,
 * each about touchpoints it names, never about what a finding raises.
 */

enum { QUESTIONS_PER_STAGE = 2, QUESTIONS_PER_JOURNEY = 3 };

/* Whether question q fits touchpoint tp (see checklist_stage_questions()). */
static bool
checklist_fits(const struct checklist *c, int q, const struct touchpoint *tp)
{
    switch (q) {
    case 0: /* the owner */
        return tp->owner && tp->owner->trained != TRAINED_YES &&
               !checklist_has_finding(c, tp, "untrained-owner");
    case 1: /* pluses and minuses */
        return !tp->n_pluses && !tp->n_minuses;
    case 2: /* the minuses */
        return tp->n_minuses && !tp->plan && !checklist_has_finding(c, tp, "more-minuses");
    case 3: /* reaching out */
        return tp->initiator == INITIATOR_CUSTOMER &&
               !checklist_has_at(c, PLACE_JOURNEY, "reactive-heavy");
    case 4: /* an opportunity */
        return tp->initiator == INITIATOR_COMPANY && tp->score >= 4;
    default:
        return false;
    }
}

/* "“A”, “B” and “C”", at most three names, then "and N more". */
static void
checklist_names(cmark_node *p, const struct touchpoint *const *tps, size_t n)
{
    size_t shown = n > 3 ? 3 : n;
    for (size_t i = 0; i < shown; i++)
        md_textf(p, "%s“%s”", i == 0 ? "" : i + 1 == shown && n == shown ? " and " : ", ",
                 tps[i]->name);
    if (n > shown)
        md_textf(p, " and %zu more", n - shown);
}

static void
checklist_stage_question(struct checklist *c, cmark_node *list, int q,
                         const struct touchpoint *const *tps, size_t n)
{
    static const char *const before[] = {
        "Is the owner of ", "What works and what does not at ", "Which minus of ",
        "Could we reach customers before they have to come to us at ", "Could "};
    static const char *const after[] = {
        " the right one, and has that team had customer-relationship training?",
        "? Write down the pluses and minuses.", " do we tackle first, who does it, and by when?",
        "?", " open a door: a referral, a review, the next purchase?"};
    cmark_node *p = md_task(list, c->html);
    md_text(p, n > 1 && q == 0 ? "Are the owners of " : before[q]);
    checklist_names(p, tps, n);
    md_text(p, n > 1 && q == 0 ? " the right ones, and have they had customer-relationship training?"
                               : after[q]);
}

/* Up to two questions for stage s, the first that fit its touchpoints, in
 * the order: owner, pluses and minuses, minuses, feedback, reaching out,
 * opportunity. */
static void
checklist_stage_questions(struct checklist *c, cmark_node *list, const struct stage *s)
{
    int asked = 0;
    const struct touchpoint **tps = xcalloc(s->n_touchpoints + 1, sizeof *tps);
    bool feedback = false;
    for (size_t i = 0; i < s->n_touchpoints; i++)
        feedback |= checklist_collects_feedback(s->touchpoints[i]);
    for (int q = 0; q < 6 && asked < QUESTIONS_PER_STAGE && s->n_touchpoints; q++) {
        if (q == 3) { /* feedback: about the stage as a whole */
            if (!feedback && !checklist_has_at(c, PLACE_JOURNEY, "no-feedback")) {
                checklist_question(c, list, "How will we hear what customers think of this stage?");
                asked++;
            }
            continue;
        }
        int kind = q < 3 ? q : q - 1;
        size_t n = 0;
        for (size_t i = 0; i < s->n_touchpoints; i++)
            if (checklist_fits(c, kind, s->touchpoints[i]))
                tps[n++] = s->touchpoints[i];
        if (n) {
            checklist_stage_question(c, list, kind, tps, n);
            asked++;
        }
    }
    free(tps);
}

/* Up to three questions about the whole journey. */
static void
checklist_journey_questions(struct checklist *c, cmark_node *list)
{
    const struct journey *j = c->j;
    int asked = 0;
    if (!checklist_has_at(c, PLACE_JOURNEY, "no-review") &&
        !checklist_has_at(c, PLACE_JOURNEY, "stale-review")) {
        checklist_question(c, list, "Does this map still describe how these customers buy and use us?");
        asked++;
    }
    size_t weak = 0;
    for (size_t i = 0; i < j->n_touchpoints; i++) {
        size_t where = 2 + j->n_stages + i;
        for (size_t k = c->first[where]; k < c->first[where + 1]; k++) {
            const struct finding *f = checklist_f(c, k);
            if (checklist_is_weak(f) && f->severity >= SEVERITY_WARNING) {
                weak++;
                break;
            }
        }
    }
    if (weak > 1) {
        cmark_node *p = md_task(list, c->html);
        md_textf(p, "Which of the %zu weak spots do we tackle first, and who leads each?", weak);
        asked++;
    }
    cmark_node *p = md_task(list, c->html);
    if (!j->n_competitors) {
        md_text(p, "Which competitors do these customers compare us with, and how do they handle "
                   "these moments?");
    } else {
        md_text(p, "Where must we do better than ");
        for (size_t i = 0; i < j->n_competitors; i++)
            md_textf(p, "%s%s", i == 0 ? "" : i + 1 == j->n_competitors ? " and " : ", ",
                     j->competitors[i]->name);
        md_text(p, ", and where is matching them enough?");
    }
    if (++asked < QUESTIONS_PER_JOURNEY)
        checklist_question(c, list, "Which moments where customers meet us are missing from this map?");
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
    size_t where = 2 + c->j->n_stages + tp->index;
    if (c->first[where] == c->first[where + 1])
        return;
    md_strong(md_paragraph(doc), "To do");
    checklist_tasks(c, md_bullet_list(doc), where, PICK_ALL);
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
    checklist_tasks(c, todo, 2 + s->index, PICK_ALL);
    checklist_stage_questions(c, todo, s);
    if (!cmark_node_first_child(todo))
        cmark_node_free(todo);
}

/* Everything before the first stage. */
static cmark_node *
checklist_head(struct checklist *c, day_number today, struct md_stream *s)
{
    const struct journey *j = c->j;
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, j->name);
    cmark_node *intro = md_node(CMARK_NODE_EMPH, md_paragraph(doc));
    md_text(intro, "Review checklist for the planning workshop: tick each item once the team "
                   "has decided what to do about it.");
    if (c->since)
        diff_since_section(doc, c->since, c->since_rev, c->html);
    if (j->description)
        md_append_user(doc, j->description, 3);
    checklist_summary(c, doc, today);
    doc = checklist_competitors(c, doc, s);
    md_strong(md_paragraph(doc), "For the whole journey");
    cmark_node *todo = md_bullet_list(doc);
    checklist_tasks(c, todo, PLACE_JOURNEY, PICK_OVERDUE);
    checklist_tasks(c, todo, PLACE_JOURNEY, PICK_REST);
    checklist_journey_questions(c, todo);
    checklist_changes(c, doc);
    return doc;
}

bool
checklist_write(const struct journey *j, const struct diag *d, day_number today, bool html,
                const struct journey_diff *since, const char *since_rev,
                const struct md_sink *sink)
{
    struct checklist c = {.j = j, .html = html, .since = since, .since_rev = since_rev};
    timeline_init(&c.t, j);
    checklist_group(&c, d);
    char *title = html ? xasprintf("%s — review checklist", j->name) : NULL;
    struct md_stream s;
    md_stream_open(&s, sink, html, title);
    free(title);
    md_stream_part(&s, checklist_head(&c, today, &s));
    /* A stage's heading and items, then each of its touchpoints, are
     * parts of their own: memory is bounded by the largest touchpoint. */
    for (size_t i = 0; i < j->n_stages && s.ok; i++) {
        const struct stage *st = j->stages[i];
        cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
        checklist_stage(&c, doc, st);
        md_stream_part(&s, doc);
        for (size_t k = 0; k < st->n_touchpoints && s.ok; k++) {
            doc = md_node(CMARK_NODE_DOCUMENT, NULL);
            checklist_touchpoint(&c, doc, st->touchpoints[k]);
            md_stream_part(&s, doc);
        }
    }
    free(c.f);
    free(c.first);
    timeline_finish(&c.t);
    return md_stream_close(&s);
}

char *
checklist_render(const struct journey *j, const struct diag *d, day_number today, bool html,
                 const struct journey_diff *since, const char *since_rev, size_t *len)
{
    struct buf b;
    buf_init(&b);
    struct md_sink sink = {md_collect, &b};
    checklist_write(j, d, today, html, since, since_rev, &sink);
    *len = b.len;
    return buf_steal(&b);
}
