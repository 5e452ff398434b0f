/*
 * agenda.c - the workshop agenda (check/agenda.h) as GitHub-flavoured
 * Markdown, or a printable page of it (render/markdown.h; docs/agenda.md).
 *
 * Outline: a title and one line saying what it covers; then the sections
 * Overdue plans, Weak spots to act on, Gaps (or, by owner, one H2 per
 * owner holding those three as H3s, "No owner" last); Where competitors
 * lead; and a closing line with what the agenda leaves to the checklists.
 * Every item is a task item naming its touchpoint (or stage, change or
 * segment), segment, stage and owner, with its rule ids in brackets.
 */
#include "render/cmark/md.h"

#include "check/agenda.h"
#include "check/rules.h"
#include "core/date.h"
#include "render/markdown.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const agenda_titles[AGENDA_SECTIONS] = {
    "Overdue plans", "Weak spots to act on", "Gaps", "Where competitors lead"};

static const char *const agenda_empty[AGENDA_SECTIONS] = {
    "No plan is overdue.", "No weak spot waits without a plan.", "No gap.",
    "No competitor is rated above us, and none does something we lack."};

struct agenda_doc {
    const struct agenda *a;
    bool html;
};

static void
agenda_rule(cmark_node *p, const char *rule)
{
    md_text(p, " ");
    md_rule(p, rule);
}

/* "Segment › Stage · owner X" (the stage when the item is not the stage itself). */
static void
agenda_where(cmark_node *p, const struct agenda_item *it, bool stage)
{
    md_text(p, it->j->name);
    if (stage && it->stage)
        md_textf(p, " › %s", it->stage->name);
    if (it->tp && !it->tp->competitor)
        md_textf(p, " · owner %s", it->owner ? it->owner : "nobody yet");
    else if (it->owner)
        md_textf(p, " · owner %s", it->owner);
}

/* What one weak-spot finding says, in a few words. */
static void
agenda_weakness(cmark_node *p, const struct touchpoint *tp, const struct policy *pol,
                const char *rule)
{
    double v = 0;
    if (strcmp(rule, "low-score") == 0)
        md_textf(p, "scores %d (minimum %d)", tp->score, pol->min_score);
    else if (strcmp(rule, "negative-emotion") == 0)
        md_textf(p, "customers feel %s (%+d)", tp->emotion < -1 ? "very bad" : "bad", tp->emotion);
    else if (strcmp(rule, "more-minuses") == 0)
        md_textf(p, "%u minus%s, %u plus%s", tp->n_minuses, tp->n_minuses == 1 ? "" : "es",
                 tp->n_pluses, tp->n_pluses == 1 ? "" : "es");
    else if (strcmp(rule, "high-drop-off") == 0 && rules_metric_max(tp, METRIC_DROP_OFF, &v))
        md_textf(p, "%g%% of customers give up here (limit %g%%)", 100 * v, 100 * pol->max_drop_off);
    else if (strcmp(rule, "long-wait") == 0 && rules_metric_max(tp, METRIC_WAIT_SECONDS, &v))
        md_textf(p, "customers wait %g s (limit %g)", v, pol->max_wait_seconds);
    else
        md_text(p, rule);
    agenda_rule(p, rule);
}

static bool
agenda_is(const struct finding *f, const char *rule)
{
    return strcmp(finding_rule(f), rule) == 0;
}

static cmark_node *
agenda_lead(cmark_node *p)
{
    return md_node(CMARK_NODE_STRONG, p);
}

/* A gap or a competitor's lead in a few words, what it is in bold. */
static void
agenda_gap(cmark_node *p, const struct agenda_item *it, const struct finding *f)
{
    const struct policy *pol = &it->j->policy;
    const struct touchpoint *tp = it->tp;
    const struct silence *s = &it->silence;
    if (agenda_is(f, "contact-gap") && tp && s->subject) {
        md_textf(agenda_lead(p), "%.0f days without contact", it->size);
        if (s->to_end)
            md_textf(p, " after “%s”, to the end", tp->name);
        else if (s->next == s->subject)
            md_textf(p, " between one “%s” and the next", tp->name);
        else
            md_textf(p, " between “%s” and “%s”", tp->name, s->next->name);
        md_textf(p, " (days %llu–%llu, limit %u)", (unsigned long long)s->from,
                 (unsigned long long)s->to, pol->max_silence_days);
    } else if (agenda_is(f, "contact-gap") && tp) {
        md_textf(agenda_lead(p), "%.0f days without contact", it->size);
        md_textf(p, " after “%s” (limit %u)", tp->name, pol->max_silence_days);
    } else if (agenda_is(f, "contact-gap")) {
        md_text(agenda_lead(p), "Never a contact on our initiative");
        md_text(p, ": customers always make the first move");
    } else if (agenda_is(f, "empty-stage") && it->stage) {
        md_textf(agenda_lead(p), "“%s” has no touchpoint of ours", it->stage->name);
    } else if (agenda_is(f, "no-follow-up") && it->stage) {
        md_text(agenda_lead(p), "No follow-up");
        md_textf(p, " after the delivery stage “%s”", it->stage->name);
    } else if (agenda_is(f, "no-feedback")) {
        md_text(agenda_lead(p), "No touchpoint asks for feedback");
    } else if (agenda_is(f, "unannounced-change") && it->change) {
        char date[11];
        date_format(it->change->date, date);
        md_textf(agenda_lead(p), "“%s”", it->change->name);
        md_textf(p, " from %s: customers will feel it before we tell them", date);
    } else if (agenda_is(f, "slow-first-contact") && it->size > 0) {
        md_text(agenda_lead(p), "Slow first contact");
        md_textf(p, ": %.0f days after the sale (limit %u)", it->size, pol->first_contact_days);
    } else if (agenda_is(f, "slow-first-contact")) {
        md_text(agenda_lead(p), "No first contact");
        md_text(p, " on our initiative after the sale");
    } else if (agenda_is(f, "impersonal-first-contact") && tp) {
        md_text(agenda_lead(p), "Automated first contact");
        md_textf(p, " after the sale: “%s”", tp->name);
    } else if (agenda_is(f, "behind-competitor") && tp && it->rival) {
        md_textf(agenda_lead(p), "%s leads at “%s”", it->rival->name, tp->name);
        md_textf(p, ": %d against our %d", it->rating, tp->score);
    } else if (agenda_is(f, "competitor-only") && tp && tp->competitor) {
        md_textf(agenda_lead(p), "Only %s: “%s”", tp->competitor->name, tp->name);
        md_text(p, "; we have nothing like it");
    } else {
        struct buf m;
        buf_init(&m);
        md_text(p, finding_text(f, &m));
        buf_finish(&m);
    }
}

static void
agenda_item(struct agenda_doc *d, cmark_node *list, const struct agenda_item *it)
{
    cmark_node *p = md_task(list, d->html);
    const struct finding *f = it->f[0];
    if (it->section == AGENDA_OVERDUE && it->tp && it->tp->plan) {
        char due[11];
        date_format(it->tp->plan->due, due);
        md_strong(p, it->tp->name);
        md_text(p, " — ");
        agenda_where(p, it, true);
        md_textf(p, ": plan due %s, %.0f day%s overdue", due, it->size, it->size == 1 ? "" : "s");
        agenda_rule(p, finding_rule(f));
        return;
    }
    if (it->section == AGENDA_WEAK) {
        md_strong(p, it->tp->name);
        md_text(p, " — ");
        agenda_where(p, it, true);
        md_text(p, ": ");
        for (size_t i = 0; i < it->n_f; i++) {
            if (i)
                md_text(p, "; ");
            agenda_weakness(p, it->tp, &it->j->policy, finding_rule(it->f[i]));
        }
        if (it->tp->plan && it->tp->plan->has_due) {
            char due[11];
            date_format(it->tp->plan->due, due);
            md_textf(p, "; its plan was due %s", due);
        }
        return;
    }
    agenda_gap(p, it, f);
    md_text(p, " — ");
    agenda_where(p, it, it->stage && !agenda_is(f, "empty-stage"));
    agenda_rule(p, finding_rule(f));
}

/* The items of one section (for one owner when owner is set; "" = none). */
static size_t
agenda_section(struct agenda_doc *d, cmark_node *doc, enum agenda_section sec, const char *owner,
               int level)
{
    const struct agenda *a = d->a;
    size_t n = 0;
    for (size_t i = 0; i < a->n_items; i++) {
        const struct agenda_item *it = &a->items[i];
        n += it->section == sec &&
             (!owner || (*owner ? it->owner && strcmp(it->owner, owner) == 0 : !it->owner));
    }
    if (owner && !n)
        return 0;
    md_heading(doc, level, agenda_titles[sec]);
    if (sec == AGENDA_WEAK && a->n_weak > n && !owner)
        md_textf(md_paragraph(doc), "The most urgent %zu of %zu, most urgent first.", n, a->n_weak);
    if (!n) {
        md_text(md_paragraph(doc), agenda_empty[sec]);
        return 0;
    }
    cmark_node *list = md_bullet_list(doc);
    for (size_t i = 0; i < a->n_items; i++) {
        const struct agenda_item *it = &a->items[i];
        if (it->section == sec &&
            (!owner || (*owner ? it->owner && strcmp(it->owner, owner) == 0 : !it->owner)))
            agenda_item(d, list, it);
    }
    return n;
}

static int
agenda_by_name(const void *pa, const void *pb)
{
    return strcasecmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* Sections 1 to 3 under one H2 per owner, in name order, "No owner" last. */
static void
agenda_by_owner(struct agenda_doc *d, cmark_node *doc)
{
    const struct agenda *a = d->a;
    const char **names = xcalloc(a->n_items + 1, sizeof *names);
    size_t n = 0;
    bool nobody = false;
    for (size_t i = 0; i < a->n_items; i++) {
        const struct agenda_item *it = &a->items[i];
        if (it->section == AGENDA_RIVALS)
            continue;
        if (!it->owner) {
            nobody = true;
            continue;
        }
        size_t k = 0;
        while (k < n && strcmp(names[k], it->owner) != 0)
            k++;
        if (k == n)
            names[n++] = it->owner;
    }
    qsort(names, n, sizeof *names, agenda_by_name);
    if (nobody)
        names[n++] = "";
    if (!n)
        md_text(md_paragraph(doc), "Nothing for anyone: no overdue plan, weak spot or gap.");
    for (size_t k = 0; k < n; k++) {
        md_heading(doc, 2, *names[k] ? names[k] : "No owner");
        for (int sec = AGENDA_OVERDUE; sec <= AGENDA_GAPS; sec++)
            agenda_section(d, doc, (enum agenda_section)sec, names[k], 3);
    }
    free(names);
}

/* The closing line: what is left for the checklists. */
static void
agenda_closing(struct agenda_doc *d, cmark_node *doc, const struct journey *const *js, size_t n)
{
    size_t left = d->a->n_findings - d->a->n_listed;
    cmark_node *p = md_node(CMARK_NODE_EMPH, md_paragraph(doc));
    if (!left) {
        md_text(p, "Every finding is on this agenda.");
        return;
    }
    md_textf(p, "%zu more finding%s %s not on this agenda; the review checklist of each segment "
                "lists every one: ",
             left, left == 1 ? "" : "s", left == 1 ? "is" : "are");
    for (size_t i = 0; i < n; i++)
        md_textf(p, "%s%s (%s.checklist.md)", i ? ", " : "", js[i]->name, js[i]->id);
    md_text(p, ".");
}

char *
agenda_render(const struct agenda *a, const struct journey *const *js, size_t n, day_number today,
              bool by_owner, bool html, size_t *len)
{
    struct agenda_doc d = {a, html};
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, "Workshop agenda");
    char date[11];
    date_format(today, date);
    cmark_node *p = md_node(CMARK_NODE_EMPH, md_paragraph(doc));
    if (n) {
        md_textf(p, "%zu segment%s, as of %s: ", n, n == 1 ? "" : "s", date);
        for (size_t i = 0; i < n; i++)
            md_textf(p, "%s%s", i ? ", " : "", js[i]->name);
        md_text(p, ". Tick an item once the team has agreed who does what, by when.");
    } else {
        md_textf(p, "As of %s, no segment could be used: fix the errors journeymap check reports.",
                 date);
    }
    size_t weak = 0;
    for (size_t i = 0; i < a->n_items; i++)
        weak += a->items[i].section == AGENDA_WEAK;
    if (by_owner && a->n_weak > weak)
        md_textf(md_paragraph(doc), "Weak spots: the most urgent %zu of %zu.", weak, a->n_weak);
    if (by_owner) {
        agenda_by_owner(&d, doc);
    } else {
        for (int sec = AGENDA_OVERDUE; sec <= AGENDA_GAPS; sec++)
            agenda_section(&d, doc, (enum agenda_section)sec, NULL, 2);
    }
    agenda_section(&d, doc, AGENDA_RIVALS, NULL, 2);
    agenda_closing(&d, doc, js, n);
    return html ? md_page(doc, "Workshop agenda", len) : md_render(doc, false, len);
}
