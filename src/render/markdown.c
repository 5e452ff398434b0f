/*
 * markdown.c - the Markdown emitter (cmark): the review checklist and the
 * competitor comparison as cmark documents.
 *
 * Outline: the journey's name (H1), its description, a summary, the
 * competitor table, journey-wide items and coming changes; then one H2 per
 * stage (its name, in journey order) and one H3 per touchpoint of ours
 * (its name) with its facts, pluses, minuses, plan and a to-do list of
 * task items: every finding about it and the review questions that fit.
 * Every finding lands in exactly one place (see place_of()).
 *
 * cmark traps (hazards): its CommonMark renderer writes raw HTML and any
 * link unchanged, so user Markdown is cleaned after parsing (HTML becomes
 * code, unsafe links and all images keep only their text); names only
 * ever go into text nodes (cmark escapes them); task boxes and tables are
 * custom nodes, whose raw text is built here with its own escaping.
 */
#include "render/markdown.h"

#include "core/catalog.h"
#include "check/compare.h"
#include "core/date.h"
#include "render/site.h"
#include "check/timeline.h"
#include "core/util.h"

#include <cmark.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ctx {
    const struct journey *j;
    bool html;
    struct timeline t;
    struct id_index *ids;
    /* findings of this journey, by where they go */
    const struct finding **f;
    size_t n_f;
    size_t *place; /* per finding: see place_of() */
    /* f[] is grouped by place, in diag order within a place: the findings
     * of place w are f[first[w]] .. f[first[w + 1] - 1] */
    size_t *first;
    size_t n_places;
};

/* ------------------------------------------------------------------------
 * Nodes
 */

static cmark_node *
node(cmark_node_type type, cmark_node *parent)
{
    cmark_node *n = cmark_node_new(type);
    if (!n)
        die_oom();
    if (parent)
        cmark_node_append_child(parent, n);
    return n;
}

/* A text node for a name or any one-line text: control characters and
 * line breaks become spaces (a newline would end a heading or a cell). */
static cmark_node *
text(cmark_node *parent, const char *s)
{
    char *clean = xstrdup(s);
    for (char *p = clean; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
    cmark_node *n = node(CMARK_NODE_TEXT, parent);
    cmark_node_set_literal(n, clean);
    free(clean);
    return n;
}

static cmark_node *textf(cmark_node *parent, const char *fmt, ...) PRINTF_LIKE(2, 3);

static cmark_node *
textf(cmark_node *parent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    cmark_node *n = text(parent, s);
    free(s);
    return n;
}

static cmark_node *
code(cmark_node *parent, const char *s)
{
    cmark_node *n = node(CMARK_NODE_CODE, parent);
    cmark_node_set_literal(n, s);
    return n;
}

static cmark_node *
strong(cmark_node *parent, const char *s)
{
    cmark_node *n = node(CMARK_NODE_STRONG, parent);
    text(n, s);
    return n;
}

static cmark_node *
heading(cmark_node *parent, int level, const char *s)
{
    cmark_node *h = node(CMARK_NODE_HEADING, parent);
    cmark_node_set_heading_level(h, level);
    text(h, s);
    return h;
}

static cmark_node *
paragraph(cmark_node *parent)
{
    return node(CMARK_NODE_PARAGRAPH, parent);
}

static cmark_node *
bullet_list(cmark_node *parent)
{
    cmark_node *l = node(CMARK_NODE_LIST, parent);
    cmark_node_set_list_type(l, CMARK_BULLET_LIST);
    cmark_node_set_list_tight(l, 1);
    return l;
}

/* A list whose items hold several blocks must be loose, or the blocks
 * would run together when the Markdown is read again. */
static void
loosen(cmark_node *list)
{
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
        cmark_node *first = cmark_node_first_child(it);
        if (first && cmark_node_next(first)) {
            cmark_node_set_list_tight(list, 0);
            return;
        }
    }
}

/* A list item's paragraph. */
static cmark_node *
item(cmark_node *list)
{
    return paragraph(node(CMARK_NODE_ITEM, list));
}

/* A task item ("- [ ] …" in GitHub's syntax; a checkbox in HTML): its
 * paragraph, after the box. The box is a custom inline because cmark
 * would escape the brackets of a text node. */
static cmark_node *
task(struct ctx *c, cmark_node *list)
{
    cmark_node *p = item(list);
    cmark_node *box = node(CMARK_NODE_CUSTOM_INLINE, p);
    cmark_node_set_on_enter(box, c->html ? "<input type=\"checkbox\" disabled=\"\" /> " : "[ ] ");
    return p;
}

/* ------------------------------------------------------------------------
 * User Markdown
 */

/* Links may point at the web or mail, or be relative; nothing else. */
static bool
safe_url(const char *url)
{
    const char *p = url;
    while (*p && (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'))
        p++;
    if (*p != ':' || p == url)
        return true; /* no scheme: a relative reference */
    size_t n = (size_t)(p - url);
    return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
           (n == 5 && strncasecmp(url, "https", 5) == 0) ||
           (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/* Replace node n by its children (a link's or image's text). */
static void
unwrap(cmark_node *n)
{
    cmark_node *child;
    while ((child = cmark_node_first_child(n)))
        cmark_node_insert_before(n, child);
    cmark_node_free(n);
}

/* Replace an HTML node by code showing the same text. */
static void
html_to_code(cmark_node *n, cmark_node_type as)
{
    cmark_node *c = cmark_node_new(as);
    if (!c)
        die_oom();
    const char *lit = cmark_node_get_literal(n);
    cmark_node_set_literal(c, lit ? lit : "");
    cmark_node_replace(n, c);
    cmark_node_free(n);
}

/*
 * Parse Markdown written by the user and move its blocks to the end of
 * parent, cleaned: raw HTML shown as code, unsafe links and every image
 * reduced to their text (the HTML handout loads nothing from anywhere),
 * headings demoted below level (never above H6).
 */
static void
append_markdown(cmark_node *parent, const char *md, int level)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    if (!doc)
        die_oom();
    /* Collect first: the tree cannot change under an iterator. */
    cmark_node **todo = NULL;
    size_t n = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *x = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(x);
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_LINK ||
            t == CMARK_NODE_IMAGE || t == CMARK_NODE_HEADING) {
            xgrow((void **)&todo, &cap, n + 1, sizeof *todo);
            todo[n++] = x;
        }
    }
    cmark_iter_free(it);
    /* Innermost first, so unwrapping a link keeps nodes inside it valid. */
    for (size_t i = n; i-- > 0;) {
        cmark_node *x = todo[i];
        cmark_node_type t = cmark_node_get_type(x);
        if (t == CMARK_NODE_HTML_BLOCK) {
            html_to_code(x, CMARK_NODE_CODE_BLOCK);
        } else if (t == CMARK_NODE_HTML_INLINE) {
            html_to_code(x, CMARK_NODE_CODE);
        } else if (t == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(x);
            if (!safe_url(url ? url : ""))
                unwrap(x);
        } else if (t == CMARK_NODE_IMAGE) {
            unwrap(x);
        } else {
            int l = cmark_node_get_heading_level(x) + level;
            cmark_node_set_heading_level(x, l > 6 ? 6 : l);
        }
    }
    free(todo);
    cmark_node *b;
    while ((b = cmark_node_first_child(doc)))
        cmark_node_append_child(parent, b);
    cmark_node_free(doc);
}

/* ------------------------------------------------------------------------
 * Tables (GitHub's syntax; cmark has no table node)
 */

struct table {
    size_t cols;
    size_t num_from; /* columns from this one on hold numbers (right-aligned) */
    char **cells;    /* row-major, the first row is the header */
    size_t n, cap;
};

static void
cell(struct table *t, const char *s)
{
    xgrow((void **)&t->cells, &t->cap, t->n + 1, sizeof *t->cells);
    t->cells[t->n++] = xstrdup(s);
}

/* A cell's text for GitHub Markdown: every character that could end the
 * cell or start inline markup (emphasis, code, links, HTML, entities,
 * strikethrough) backslash-escaped; line breaks become spaces. Cells are
 * parsed as inline content only, so block markers need no escape. */
static void
md_cell(struct buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch < 0x20 || ch == 0x7F)
            buf_putc(b, ' ');
        else if (strchr("\\`*_[]<>|!&~", ch))
            buf_printf(b, "\\%c", ch);
        else
            buf_putc(b, (char)ch);
    }
}

/* The table as one custom block, then freed. */
static void
table_block(struct ctx *c, cmark_node *parent, struct table *t)
{
    struct buf b;
    buf_init(&b);
    size_t rows = t->n / t->cols;
    if (c->html)
        buf_puts(&b, "<table>\n");
    for (size_t r = 0; r < rows; r++) {
        if (c->html)
            buf_puts(&b, "<tr>");
        for (size_t k = 0; k < t->cols; k++) {
            const char *s = t->cells[r * t->cols + k];
            if (c->html) {
                buf_puts(&b, r ? "<td>" : "<th>");
                buf_html(&b, s);
                buf_puts(&b, r ? "</td>" : "</th>");
            } else {
                buf_puts(&b, "| ");
                md_cell(&b, s);
                buf_putc(&b, ' ');
            }
        }
        buf_puts(&b, c->html ? "</tr>\n" : "|\n");
        if (r == 0 && !c->html) {
            for (size_t k = 0; k < t->cols; k++)
                buf_puts(&b, k >= t->num_from ? "|---:" : "|---");
            buf_puts(&b, "|\n");
        }
    }
    if (c->html)
        buf_puts(&b, "</table>\n");
    cmark_node *blk = node(CMARK_NODE_CUSTOM_BLOCK, parent);
    cmark_node_set_on_enter(blk, buf_str(&b));
    buf_finish(&b);
    for (size_t i = 0; i < t->n; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* ------------------------------------------------------------------------
 * Findings as task items
 */

enum { PLACE_JOURNEY, PLACE_CHANGES }; /* then stage i: 2 + i; touchpoint k: 2 + stages + k */

/* Where a finding goes: with the touchpoint, stage or change it names
 * (a competitor's touchpoint: its stage), else with the journey. */
static size_t
place_of(const struct ctx *c, const struct finding *f)
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
group_findings(struct ctx *c, const struct diag *d)
{
    size_t n = diag_count(d);
    c->n_places = 2 + c->j->n_stages + c->j->n_touchpoints;
    c->first = xcalloc(c->n_places + 1, sizeof *c->first);
    c->place = xmalloc((n + 1) * sizeof *c->place);
    c->f = xmalloc((n + 1) * sizeof *c->f);
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = diag_get(d, i);
        size_t w = f->file == c->j->file ? place_of(c, f) : SIZE_MAX;
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

static const char *const severity_words[SEVERITY_COUNT] = {"", "Note", "Warning", "Error"};

/* Task items for every finding placed at where; returns how many. */
static size_t
finding_tasks(struct ctx *c, cmark_node *list, size_t where)
{
    size_t n = 0;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++) {
        const struct finding *f = c->f[i];
        cmark_node *p = task(c, list);
        strong(p, severity_words[f->severity]);
        textf(p, ": %s ", f->message);
        char *rule = xasprintf("[%s]", f->rule);
        code(p, rule);
        free(rule);
        n++;
    }
    return n;
}

static void
question(struct ctx *c, cmark_node *list, const char *q)
{
    text(task(c, list), q);
}

/* ------------------------------------------------------------------------
 * Sections
 */

static void
summary(struct ctx *c, cmark_node *doc, day_number today)
{
    const struct journey *j = c->j;
    strong(paragraph(doc), "Summary");
    cmark_node *l = bullet_list(doc);
    size_t proactive = 0;
    for (size_t i = 0; i < j->n_touchpoints; i++)
        proactive += j->touchpoints[i]->initiator == INITIATOR_COMPANY;
    textf(item(l), "%zu stage%s, %zu touchpoint%s of ours over %llu days", j->n_stages,
          j->n_stages == 1 ? "" : "s", j->n_touchpoints, j->n_touchpoints == 1 ? "" : "s",
          (unsigned long long)c->t.end);
    if (j->n_touchpoints)
        textf(item(l),
              "We reach out in %zu of them (%.0f%% proactive); customers start the "
              "other %zu",
              proactive, 100.0 * (double)proactive / (double)j->n_touchpoints,
              j->n_touchpoints - proactive);
    size_t count[SEVERITY_COUNT] = {0};
    for (size_t i = 0; i < c->n_f; i++)
        count[c->f[i]->severity]++;
    textf(item(l), "To work through: %zu warning%s, %zu note%s%s", count[SEVERITY_WARNING],
          count[SEVERITY_WARNING] == 1 ? "" : "s", count[SEVERITY_NOTE],
          count[SEVERITY_NOTE] == 1 ? "" : "s",
          count[SEVERITY_ERROR] ? " and errors made errors by this file's policy" : "");
    if (j->review) {
        char date[11];
        date_format(j->review->date, date);
        cmark_node *p = item(l);
        textf(p, "Last reviewed on %s (%lld days ago)", date,
              (long long)((int64_t)today - j->review->date));
        if (j->review->by)
            textf(p, " by %s", j->review->by);
    } else {
        text(item(l), "Never reviewed with people who know these customers");
    }
}

/* A score or rating for a table cell: "4", "4 ▲" (above ours), "–". */
static void
score_cell(struct table *t, int score, int ours)
{
    char s[16];
    if (!score)
        snprintf(s, sizeof s, "–");
    else
        snprintf(s, sizeof s, "%d%s", score, ours && score > ours ? " ▲" : "");
    cell(t, s);
}

static void
average_cell(struct table *t, double v)
{
    char s[16];
    if (v < 0)
        snprintf(s, sizeof s, "–");
    else
        snprintf(s, sizeof s, "%.1f", v);
    cell(t, s);
}

/* One journey's comparison table; with averages, a row after each stage. */
static void
journey_table(struct ctx *c, cmark_node *doc, const struct compare_journey *cj, bool averages)
{
    const struct journey *j = cj->j;
    struct table t = {.cols = 3 + j->n_competitors, .num_from = 2};
    cell(&t, "Stage");
    cell(&t, "Touchpoint");
    cell(&t, "Us");
    for (size_t k = 0; k < j->n_competitors; k++)
        cell(&t, j->competitors[k]->name);
    for (size_t r = 0; r < cj->n_rows; r++) {
        const struct compare_row *row = &cj->rows[r];
        cell(&t, row->stage->name);
        if (row->only) {
            char *name =
                xasprintf("%s (only %s)", row->tp->name, j->competitors[row->only - 1]->name);
            cell(&t, name);
            free(name);
        } else {
            cell(&t, row->tp->name);
        }
        score_cell(&t, row->ours, 0);
        for (size_t k = 0; k < j->n_competitors; k++) {
            if (row->only == k + 1 && !row->ratings[k])
                cell(&t, "yes");
            else
                score_cell(&t, row->ratings[k], row->ours);
        }
        bool stage_ends = r + 1 == cj->n_rows || cj->rows[r + 1].stage != row->stage;
        if (averages && stage_ends) {
            const struct compare_average *a = &cj->averages[row->stage->index];
            cell(&t, row->stage->name);
            cell(&t, "average");
            average_cell(&t, a->ours);
            for (size_t k = 0; k < j->n_competitors; k++)
                average_cell(&t, a->theirs[k]);
        }
    }
    table_block(c, doc, &t);
}

static void
competitor_table(struct ctx *c, cmark_node *doc)
{
    const struct journey *j = c->j;
    if (!j->n_competitors)
        return;
    strong(paragraph(doc), "Competitors");
    text(paragraph(doc), "Scores from 1 (poor) to 5 (excellent); ▲ marks a competitor rated "
                         "above us, and rows marked \"only\" are things only they do.");
    struct comparison *cmp = compare_new(&c->j, 1);
    journey_table(c, doc, &cmp->journeys[0], false);
    compare_free(cmp);
}

static void
changes(struct ctx *c, cmark_node *doc)
{
    const struct journey *j = c->j;
    if (!j->n_changes)
        return;
    strong(paragraph(doc), "Coming changes customers will feel");
    cmark_node *l = bullet_list(doc);
    for (size_t i = 0; i < j->n_changes; i++) {
        const struct change *ch = j->changes[i];
        cmark_node *it = node(CMARK_NODE_ITEM, l);
        char date[11];
        date_format(ch->date, date);
        cmark_node *p = paragraph(it);
        strong(p, ch->name);
        textf(p, ", from %s", date);
        for (size_t k = 0; k < ch->n_affects; k++)
            textf(p, "%s%s", k ? ", " : "; affects ", ch->affects[k]->name);
        append_markdown(it, ch->markdown, 3);
    }
    loosen(l);
    cmark_node *todo = bullet_list(doc);
    if (!finding_tasks(c, todo, PLACE_CHANGES))
        cmark_node_free(todo);
}

static const char *
initiator_words(const struct touchpoint *tp)
{
    return tp->initiator == INITIATOR_COMPANY ? "we reach out" : "the customer comes to us";
}

/* A metric as a workshop says it: "CSAT 92%", "wait 140 s", "rounds 4". */
static char *
metric_words(const struct metric *m)
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
touchpoint_facts(struct ctx *c, cmark_node *sec, const struct touchpoint *tp)
{
    cmark_node *l = bullet_list(sec);
    cmark_node *p = item(l);
    textf(p, "%s, %s", channel_names[tp->channel], initiator_words(tp));
    if (tp->mode != MODE_NONE)
        textf(p, ", %s", mode_names[tp->mode]);
    if (tp->purpose != PURPOSE_NONE)
        textf(p, "; purpose: %s", purpose_names[tp->purpose]);
    p = item(l);
    if (tp->owner)
        textf(p, "Owner: %s%s", tp->owner->name,
              tp->owner->trained == TRAINED_YES  ? " (trained)"
              : tp->owner->trained == TRAINED_NO ? " (not trained yet)"
                                                 : "");
    else
        text(p, "Owner: nobody yet");
    struct series s = timeline_series(&c->t, tp);
    p = item(l);
    textf(p, "When: day %u of the stage (day %llu of the journey)", tp->day,
          (unsigned long long)s.first);
    if (tp->every)
        textf(p, ", then every %u days (%llu times in all)", tp->every,
              (unsigned long long)s.count);
    p = item(l);
    if (tp->score)
        textf(p, "Score: %d/5", tp->score);
    else
        text(p, "Score: not rated yet");
    if (tp->has_emotion)
        textf(p, "; customers feel %s (%+d)",
              tp->emotion < -1   ? "very bad"
              : tp->emotion < 0  ? "bad"
              : tp->emotion == 0 ? "neutral"
              : tp->emotion == 1 ? "good"
                                 : "very good",
              tp->emotion);
    if (tp->n_metrics) {
        p = item(l);
        text(p, "Measured: ");
        for (size_t i = 0; i < tp->n_metrics; i++) {
            const struct metric *m = tp->metrics[i];
            char *what = metric_words(m);
            textf(p, "%s%s", i ? "; " : "", what);
            free(what);
        }
    }
    if (tp->about)
        textf(item(l), "Tells customers about: %s", tp->about->name);
}

/* Markdown items under a bold label ("Pluses", "Minuses"). */
static void
texts(cmark_node *sec, const char *label, struct text *const *v, size_t n)
{
    if (!n)
        return;
    strong(paragraph(sec), label);
    cmark_node *l = bullet_list(sec);
    for (size_t i = 0; i < n; i++)
        append_markdown(node(CMARK_NODE_ITEM, l), v[i]->markdown, 3);
    loosen(l);
}

static bool
collects_feedback(const struct touchpoint *tp)
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
has_finding(const struct ctx *c, const struct touchpoint *tp, const char *rule)
{
    size_t where = 2 + c->j->n_stages + tp->index;
    for (size_t i = c->first[where]; i < c->first[where + 1]; i++)
        if (strcmp(c->f[i]->rule, rule) == 0)
            return true;
    return false;
}

/* The review questions that fit this touchpoint, leaving out what one of
 * its findings already asks. */
static void
questions(struct ctx *c, cmark_node *todo, const struct touchpoint *tp)
{
    if (has_finding(c, tp, "no-owner") || has_finding(c, tp, "untrained-owner"))
        ; /* the finding says it */
    else if (!tp->owner)
        question(c, todo, "Who will own this contact and answer for how it goes?");
    else if (tp->owner->trained != TRAINED_YES)
        question(c, todo,
                 tp->owner->trained == TRAINED_NO
                     ? "Is the owner the right one, and when will they get "
                       "customer-relationship training?"
                     : "Is the owner the right one, and have they had "
                       "customer-relationship training?");
    if (!tp->n_pluses && !tp->n_minuses)
        question(c, todo,
                 "What works here and what does not? Write down its pluses and "
                 "minuses.");
    else if (tp->n_minuses && !tp->plan && !has_finding(c, tp, "more-minuses"))
        question(c, todo, "Which minus do we tackle first, who does it, and by when?");
    if (!collects_feedback(tp))
        question(c, todo, "How will we hear what customers think of this moment?");
    if (tp->initiator == INITIATOR_CUSTOMER)
        question(c, todo, "Could we reach customers before they have to come to us here?");
    else
        question(c, todo,
                 "Could this contact open a door: a referral, a review, the next "
                 "purchase?");
}

static void
touchpoint_section(struct ctx *c, cmark_node *doc, const struct touchpoint *tp)
{
    heading(doc, 3, tp->name);
    touchpoint_facts(c, doc, tp);
    if (tp->note)
        append_markdown(doc, tp->note->markdown, 3);
    texts(doc, "Pluses", tp->pluses, tp->n_pluses);
    texts(doc, "Minuses", tp->minuses, tp->n_minuses);
    if (tp->plan) {
        cmark_node *p = paragraph(doc);
        strong(p, "Plan");
        if (tp->plan->owner)
            textf(p, " (owner: %s", tp->plan->owner->name);
        if (tp->plan->has_due) {
            char due[11];
            date_format(tp->plan->due, due);
            textf(p, "%sdue %s", tp->plan->owner ? ", " : " (", due);
        }
        if (tp->plan->owner || tp->plan->has_due)
            text(p, ")");
        append_markdown(doc, tp->plan->markdown, 3);
    }
    strong(paragraph(doc), "To do");
    cmark_node *todo = bullet_list(doc);
    finding_tasks(c, todo, 2 + c->j->n_stages + tp->index);
    questions(c, todo, tp);
}

static void
stage_section(struct ctx *c, cmark_node *doc, const struct stage *s)
{
    heading(doc, 2, s->name);
    cmark_node *p = node(CMARK_NODE_EMPH, paragraph(doc));
    textf(p, "Stage %zu of %zu, day %llu to %llu", s->index + 1, c->j->n_stages,
          (unsigned long long)c->t.stage_start[s->index],
          (unsigned long long)timeline_stage_end(&c->t, s));
    if (s->phase != PHASE_NONE)
        textf(p, " (%s)", phase_names[s->phase]);
    if (s->description)
        append_markdown(doc, s->description, 2);
    cmark_node *todo = bullet_list(doc);
    if (!finding_tasks(c, todo, 2 + s->index))
        cmark_node_free(todo);
    for (size_t i = 0; i < s->n_touchpoints; i++)
        touchpoint_section(c, doc, s->touchpoints[i]);
}

static cmark_node *
build(struct ctx *c, day_number today)
{
    const struct journey *j = c->j;
    cmark_node *doc = node(CMARK_NODE_DOCUMENT, NULL);
    heading(doc, 1, j->name);
    cmark_node *intro = node(CMARK_NODE_EMPH, paragraph(doc));
    text(intro, "Review checklist for the planning workshop: tick each item once the team "
                "has decided what to do about it.");
    if (j->description)
        append_markdown(doc, j->description, 3);
    summary(c, doc, today);
    competitor_table(c, doc);
    strong(paragraph(doc), "For the whole journey");
    cmark_node *todo = bullet_list(doc);
    size_t n = finding_tasks(c, todo, PLACE_JOURNEY);
    if (!n)
        question(c, todo, "Does this map still describe how these customers buy and use us?");
    changes(c, doc);
    for (size_t i = 0; i < j->n_stages; i++)
        stage_section(c, doc, j->stages[i]);
    return doc;
}

/* ------------------------------------------------------------------------
 * Rendering
 */

static const char page_style[] =
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
    struct ctx c = {.j = j, .html = html};
    timeline_init(&c.t, j);
    c.ids = id_index_new(j);
    group_findings(&c, d);
    cmark_node *doc = build(&c, today);
    char *body = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT)
                      : cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    if (!body)
        die_oom();
    char *out;
    if (html) {
        struct buf b;
        buf_init(&b);
        buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<title>");
        buf_html(&b, j->name);
        buf_printf(&b,
                   " — review checklist</title>\n<style>%s</style>\n</head>\n<body>\n%s"
                   "</body>\n</html>\n",
                   page_style, body);
        out = buf_steal(&b);
        free(body);
    } else {
        out = body;
    }
    *len = strlen(out);
    free(c.f);
    free(c.place);
    free(c.first);
    id_index_free(c.ids);
    timeline_finish(&c.t);
    return out;
}

char *
compare_markdown(const struct comparison *cmp, size_t *len)
{
    struct ctx c = {0};
    cmark_node *doc = node(CMARK_NODE_DOCUMENT, NULL);
    heading(doc, 1, "Competitor comparison");
    text(node(CMARK_NODE_EMPH, paragraph(doc)),
         "Scores from 1 (poor) to 5 (excellent). ▲ marks a competitor rated above us; rows "
         "marked \"only\" are things only a competitor does.");
    if (!cmp->n_journeys) {
        text(paragraph(doc), "None of the journeys names a competitor yet.");
    } else {
        heading(doc, 2, "Across segments");
        text(paragraph(doc), "For each competitor: how many of our touchpoints it does better "
                             "than we do (leads), worse (trails) or as well (ties), and how "
                             "many touchpoints it has that we lack (alone).");
        struct table t = {.cols = 5, .num_from = 1};
        const char *head[] = {"Competitor", "Leads", "Trails", "Ties", "Alone"};
        for (size_t i = 0; i < 5; i++)
            cell(&t, head[i]);
        for (size_t i = 0; i < cmp->n_tallies; i++) {
            const struct compare_tally *ta = &cmp->tallies[i];
            cell(&t, ta->name);
            size_t v[4] = {ta->lead, ta->trail, ta->tie, ta->alone};
            for (size_t k = 0; k < 4; k++) {
                char s[24];
                snprintf(s, sizeof s, "%zu", v[k]);
                cell(&t, s);
            }
        }
        table_block(&c, doc, &t);
    }
    for (size_t i = 0; i < cmp->n_journeys; i++) {
        heading(doc, 2, cmp->journeys[i].j->name);
        journey_table(&c, doc, &cmp->journeys[i], true);
    }
    char *out = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    if (!out)
        die_oom();
    *len = strlen(out);
    return out;
}

char *
index_markdown(const struct site_entry *v, size_t n, bool comparison, day_number today, size_t *len)
{
    cmark_node *doc = node(CMARK_NODE_DOCUMENT, NULL);
    heading(doc, 1, "Customer journeys");
    char date[11];
    date_format(today, date);
    textf(paragraph(doc), "Findings as of %s. Open index.html for the page with every diagram.",
          date);
    for (size_t i = 0; i < n; i++) {
        const struct site_entry *e = &v[i];
        if (!e->j)
            continue;
        const char *id = e->j->id;
        heading(doc, 2, e->j->name);
        cmark_node *img = node(CMARK_NODE_IMAGE, paragraph(doc));
        char *url = xasprintf("%s.svg", id);
        cmark_node_set_url(img, url);
        free(url);
        textf(img, "Diagram of %s", e->j->name);
        cmark_node *l = bullet_list(doc);
        textf(item(l), "%zu error%s, %zu warning%s, %zu note%s", e->count[SEVERITY_ERROR],
              e->count[SEVERITY_ERROR] == 1 ? "" : "s", e->count[SEVERITY_WARNING],
              e->count[SEVERITY_WARNING] == 1 ? "" : "s", e->count[SEVERITY_NOTE],
              e->count[SEVERITY_NOTE] == 1 ? "" : "s");
        cmark_node *p = item(l);
        text(p, "Review checklist: ");
        const char *kinds[][2] = {{"Markdown", "checklist.md"},
                                  {"printable page", "checklist.html"}};
        for (size_t k = 0; k < 2; k++) {
            cmark_node *a = node(CMARK_NODE_LINK, p);
            char *u = xasprintf("%s.%s", id, kinds[k][1]);
            cmark_node_set_url(a, u);
            free(u);
            text(a, kinds[k][0]);
            if (k == 0)
                text(p, " · ");
        }
        textf(item(l), "Model: %s", e->source);
    }
    bool broken = false;
    for (size_t i = 0; i < n; i++)
        broken |= !v[i].j;
    if (broken) {
        heading(doc, 2, "Not built");
        text(paragraph(doc), "These models have errors; run journeymap check on them.");
        cmark_node *l = bullet_list(doc);
        for (size_t i = 0; i < n; i++)
            if (!v[i].j)
                textf(item(l), "%s: %zu error%s", v[i].source, v[i].count[SEVERITY_ERROR],
                      v[i].count[SEVERITY_ERROR] == 1 ? "" : "s");
    }
    if (comparison) {
        heading(doc, 2, "Competitor comparison");
        cmark_node *p = paragraph(doc);
        cmark_node *a = node(CMARK_NODE_LINK, p);
        cmark_node_set_url(a, "compare.md");
        text(a, "Tables");
        text(p, " · ");
        a = node(CMARK_NODE_LINK, p);
        cmark_node_set_url(a, "compare.svg");
        text(a, "heat map");
    }
    char *out = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    if (!out)
        die_oom();
    *len = strlen(out);
    return out;
}
