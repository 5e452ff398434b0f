/*
 * map.c - the journey map: the journey as a Graphviz graph, laid out with
 * dot (render/diagram.h).
 *
 * Left to right: one cluster per stage, one node per touchpoint (named by
 * its id), coloured by score, bordered by who starts the contact, marked
 * when a weak-spot finding names it (marks.h). Gaps are drawn as nodes of
 * their own: a placeholder in an empty stage, a node on the path across
 * each silence. Edges follow the file's <next> flow, or else the timeline.
 *
 * Graphviz 2.42 traps this view works around (hazards,
 * docs/architecture.md): edges with a `label` inside one rank, and
 * constraint=false edges in clusters, make dot free memory twice, so
 * shares are tail labels and each stage is a rank=same column whose inner
 * edges are written reversed with dir=back.
 */
#include "render/graphviz/canvas.h"

#include "check/diff.h"
#include "check/evidence.h"
#include "check/timeline.h"
#include "core/catalog.h"
#include "core/date.h"
#include "render/marks.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAP_WRAP_LINES 4 /* lines of one name before it is cut with "…" */
#define MAP_WRAP 20       /* characters per line of a name */
#define MAP_WRAP_SMALL 24 /* characters per line of a box's smaller lines */
#define MAP_STAGE_LINES 3 /* lines of a stage's name before it is cut */
#define MAP_GROUP 64      /* stage clusters per plain subgraph (map_stage_parent()) */

/* Point sizes, chosen for a projector: shown 1920 pixels wide, a map of up
 * to 15 touchpoints in 5 stages has no text under 16 pixels. */
#define MAP_PT_TITLE "28"
#define MAP_PT_SUBTITLE "18"
#define MAP_PT_STAGE "20"
#define MAP_PT "16"       /* touchpoint names, edge labels */
#define MAP_PT_SMALL "15" /* the smaller lines of a box, stage days, the legend */

struct map {
    const struct journey *j;
    const struct diag *d;
    const struct competitor *comp;
    struct timeline t;
    Agraph_t *g;
    /* attribute symbols */
    Agsym_t *g_label, *g_style, *g_color, *g_fillcolor, *g_fontcolor, *g_rank;
    Agsym_t *n_label, *n_style, *n_fillcolor, *n_color, *n_penwidth, *n_fontcolor, *n_shape,
        *n_tooltip, *n_width, *n_height;
    Agsym_t *e_label, *e_taillabel, *e_dir, *e_style, *e_color, *e_penwidth, *e_weight,
        *e_arrowhead, *e_fontcolor;
    struct marks marks; /* what the findings say */
    size_t n_gaps;
    Agnode_t **more; /* per stage: the "N more touchpoints" box, or NULL */
    size_t n_hidden; /* touchpoints not drawn (summarised stages) */
    /* diff -T svg: the changes drawn on NEW's map (map_changes_render()) */
    const struct journey_diff *since;
    const char *since_label;
    struct strindex changed;  /* touchpoint ids with changes */
    size_t *first_change;     /* per number in changed: its first change */
    size_t *next_change;      /* per change: the next about the same touchpoint, or SIZE_MAX */
    /* evidence -T svg: what the contact log says of each card (map_evidence_render()) */
    const struct evidence *evidence;
};

#define MAP_BLUE "#1f618d" /* added since the old version */

static void
map_attributes(struct map *c)
{
    Agraph_t *g = c->g;
    canvas_attr(g, AGRAPH, "rankdir", "LR");
    canvas_attr(g, AGRAPH, "newrank", "true");
    canvas_attr(g, AGRAPH, "fontsize", MAP_PT_SMALL);
    canvas_attr(g, AGRAPH, "nodesep", "0.22");
    canvas_attr(g, AGRAPH, "ranksep", "0.4");
    c->g_label = canvas_attr(g, AGRAPH, "label", "");
    c->g_style = canvas_attr(g, AGRAPH, "style", "");
    c->g_color = canvas_attr(g, AGRAPH, "color", "black");
    c->g_fillcolor = canvas_attr(g, AGRAPH, "fillcolor", "white");
    c->g_fontcolor = canvas_attr(g, AGRAPH, "fontcolor", "black");
    c->g_rank = canvas_attr(g, AGRAPH, "rank", "");
    if (c->j->n_touchpoints > 150) { /* keep layout time in check (hazards) */
        canvas_attr(g, AGRAPH, "nslimit", "4");
        canvas_attr(g, AGRAPH, "nslimit1", "4");
        canvas_attr(g, AGRAPH, "mclimit", "0.5");
    }
    canvas_attr(g, AGNODE, "fontsize", MAP_PT);
    canvas_attr(g, AGNODE, "margin", "0.1,0.05");
    c->n_shape = canvas_attr(g, AGNODE, "shape", "box");
    c->n_label = canvas_attr(g, AGNODE, "label", "\\N");
    c->n_style = canvas_attr(g, AGNODE, "style", "rounded,filled");
    c->n_fillcolor = canvas_attr(g, AGNODE, "fillcolor", canvas_score_fill[0]);
    c->n_color = canvas_attr(g, AGNODE, "color", CANVAS_GREY);
    c->n_penwidth = canvas_attr(g, AGNODE, "penwidth", "1.2");
    c->n_fontcolor = canvas_attr(g, AGNODE, "fontcolor", "black");
    c->n_tooltip = canvas_attr(g, AGNODE, "tooltip", "");
    c->n_width = canvas_attr(g, AGNODE, "width", "0.75");
    c->n_height = canvas_attr(g, AGNODE, "height", "0.5");
    canvas_attr(g, AGEDGE, "fontsize", MAP_PT_SMALL);
    canvas_attr(g, AGEDGE, "arrowsize", "0.8");
    c->e_label = canvas_attr(g, AGEDGE, "label", "");
    c->e_taillabel = canvas_attr(g, AGEDGE, "taillabel", "");
    c->e_dir = canvas_attr(g, AGEDGE, "dir", "forward");
    canvas_attr(g, AGEDGE, "labelfontsize", MAP_PT_SMALL);
    canvas_attr(g, AGEDGE, "labelfontcolor", CANVAS_GREY);
    canvas_attr(g, AGEDGE, "labeldistance", "1.8");
    c->e_style = canvas_attr(g, AGEDGE, "style", "solid");
    c->e_color = canvas_attr(g, AGEDGE, "color", CANVAS_GREY);
    c->e_penwidth = canvas_attr(g, AGEDGE, "penwidth", "1");
    c->e_weight = canvas_attr(g, AGEDGE, "weight", "1");
    c->e_arrowhead = canvas_attr(g, AGEDGE, "arrowhead", "normal");
    c->e_fontcolor = canvas_attr(g, AGEDGE, "fontcolor", CANVAS_GREY);
}

/* How many stages, from the first, have their length written down: a
 * stage's "day 0–14" is shown when its start and end are both known. */
static size_t
map_days_known(const struct journey *j)
{
    size_t n = 0;
    while (n < j->n_stages && j->stages[n]->has_days)
        n++;
    return n;
}

/* Lines of a stage's name in its heading (at most MAP_STAGE_LINES). */
static size_t
map_stage_name_lines(const struct stage *s)
{
    struct buf b;
    buf_init(&b);
    canvas_wrapped_at(&b, s->name, MAP_WRAP, MAP_STAGE_LINES);
    size_t lines = 1;
    for (const char *p = buf_str(&b); (p = strstr(p, "<BR/>")); p++)
        lines++;
    buf_finish(&b);
    return lines;
}

/* Where stage i's cluster goes. agwrite() looks for every node and edge of
 * a graph in each of its subgraphs in turn, so writing the DOT text of a
 * journey of S stages costs S look-ups per touchpoint: hours for 10,000
 * stages. Beyond MAP_GROUP stages the clusters are therefore put, MAP_GROUP
 * at a time, in plain subgraphs (no attributes: dot lays them out as if
 * they were not there), which brings that to S / MAP_GROUP + MAP_GROUP. */
static Agraph_t *
map_stage_parent(struct map *c, size_t i)
{
    if (c->j->n_stages <= MAP_GROUP)
        return c->g;
    char name[32];
    snprintf(name, sizeof name, "stages_%03zu", i / MAP_GROUP);
    return canvas_subgraph(c->g, name);
}

/* A stage's heading: every heading has as many lines as the tallest, so
 * that the columns start at one top edge. */
static void
map_stage(struct map *c, size_t i, size_t name_lines, size_t days_known, Agraph_t **out)
{
    const struct stage *s = c->j->stages[i];
    char name[32];
    snprintf(name, sizeof name, "cluster_%03zu", i);
    Agraph_t *sg = canvas_subgraph(map_stage_parent(c, i), name);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"" MAP_PT_STAGE "\"><B>");
    for (size_t k = map_stage_name_lines(s); k < name_lines; k++)
        buf_puts(&b, " <BR/>");
    canvas_wrapped_at(&b, s->name, MAP_WRAP, MAP_STAGE_LINES);
    buf_puts(&b, "</B></FONT><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">");
    if (i < days_known)
        buf_printf(&b, "day %llu–%llu", (unsigned long long)c->t.stage_start[i],
                   (unsigned long long)timeline_stage_end(&c->t, s));
    else
        buf_puts(&b, " ");
    buf_printf(&b, "<BR/>%s</FONT>", s->phase != PHASE_NONE ? phase_names[s->phase] : " ");
    canvas_set_html(sg, c->g_label, buf_str(&b));
    buf_finish(&b);
    canvas_set(sg, c->g_style, "rounded,filled");
    canvas_set(sg, c->g_fillcolor, "#f4f6f7");
    canvas_set(sg, c->g_color, "#aeb6bf");
    *out = sg;
}

/* Names of the weak-spot rules that name tp, for the marker line. */
static void
map_weak_reasons(struct buf *b, const struct marks *m, const struct touchpoint *tp)
{
    static const struct {
        const char *rule, *words;
    } reasons[] = {{"low-score", "low score"},
                   {"negative-emotion", "feels bad"},
                   {"more-minuses", "more minuses"},
                   {"high-drop-off", "drop-off"},
                   {"long-wait", "long wait"}};
    bool first = true;
    for (size_t i = 0; i < ARRAY_LEN(reasons); i++) {
        const struct rule_info *r = catalog_find(reasons[i].rule);
        if (marks_weak_by(m, tp, r)) {
            buf_printf(b, "%s%s", first ? "" : ", ", reasons[i].words);
            first = false;
        }
    }
}

static const struct rating *
map_rating_of(const struct competitor *comp, const struct touchpoint *tp)
{
    for (size_t i = 0; comp && i < comp->n_ratings; i++)
        if (comp->ratings[i]->touchpoint == tp)
            return comp->ratings[i];
    return NULL;
}

/* What changed about tp since the old version, as rows of its box;
 * whether tp is new. At most four rows, then "+ N more changes". */
static bool
map_changes_of(struct map *c, const struct touchpoint *tp, struct buf *b)
{
    size_t k = strindex_find(&c->changed, tp->id);
    if (k == STRINDEX_NONE)
        return false;
    const struct journey_diff *jd = c->since;
    bool added = false;
    size_t shown = 0, more = 0;
    for (size_t i = c->first_change[k]; i != SIZE_MAX; i = c->next_change[i]) {
        const struct diff_change *ch = &jd->changes[i];
        if (strcmp(ch->what, "touchpoint") == 0 && ch->kind == DIFF_ADDED) {
            added = true;
            continue;
        }
        if (shown == 4) {
            more++;
            continue;
        }
        struct buf line;
        buf_init(&line);
        bool own = strcmp(ch->what, "touchpoint") == 0;
        if (own && ch->kind == DIFF_MOVED) {
            const char *was = ch->old;
            for (size_t s = 0; jd->old && s < jd->old->n_stages; s++)
                if (strcmp(jd->old->stages[s]->id, ch->old) == 0)
                    was = jd->old->stages[s]->name;
            buf_printf(&line, "moved from stage %s", was);
        }
        else if (ch->kind == DIFF_CHANGED) /* "score 2 → 4", "plan due A → B" */
            buf_printf(&line, "%s%s%s %s → %s", own ? "" : ch->what, own ? "" : " ", ch->field,
                       ch->old ? ch->old : "none", ch->new_ ? ch->new_ : "none");
        else if (ch->old || ch->new_) /* a plus or minus: its text */
            buf_printf(&line, "%s %s: %s", ch->what, diff_kind_names[ch->kind],
                       ch->old ? ch->old : ch->new_);
        else
            buf_printf(&line, "%s %s%s%s", ch->what, diff_kind_names[ch->kind],
                       ch->field ? " " : "", ch->field ? ch->field : "");
        buf_printf(b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\"><I>", MAP_BLUE);
        canvas_wrapped_at(b, buf_str(&line), MAP_WRAP_SMALL, 2);
        buf_puts(b, "</I></FONT></TD></TR>");
        buf_finish(&line);
        shown++;
    }
    if (more)
        buf_printf(b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\"><I>+ %zu more "
                      "change%s</I></FONT></TD></TR>",
                   MAP_BLUE, more, more == 1 ? "" : "s");
    if (added)
        buf_printf(b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\"><B>NEW</B></FONT>"
                      "</TD></TR>",
                   MAP_BLUE);
    return added;
}

/* The rows the contact log adds to tp's card: its reach and median delay,
 * and, in red, a missed or late finding about it. Whether it has one. */
static bool
map_evidence_of(struct map *c, const struct touchpoint *tp, struct buf *b)
{
    const struct evidence_tp *et = NULL;
    for (size_t i = 0; i < c->evidence->n_tps && !et; i++)
        if (c->evidence->tps[i].tp == tp)
            et = &c->evidence->tps[i];
    if (!et)
        return false;
    buf_puts(b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"" MAP_BLUE "\">");
    if (et->reach.has)
        buf_printf(b, "reach %ld%% (%zu of %zu)", lround(et->reach.v * 100), et->reached,
                   et->eligible);
    else
        buf_puts(b, "reach: not due in the log");
    if (et->median_delay.has)
        buf_printf(b, "<BR/>median delay %g day%s", et->median_delay.v,
                   et->median_delay.v == 1 ? "" : "s");
    buf_puts(b, "</FONT></TD></TR>");
    bool missed = false, late = false;
    for (size_t i = 0; c->d && i < diag_count(c->d); i++) {
        const struct finding *f = diag_get(c->d, i);
        if (strcmp(f->subject, tp->id) != 0)
            continue;
        missed |= strcmp(finding_rule(f), "missed-touchpoint") == 0;
        late |= strcmp(finding_rule(f), "late-touchpoint") == 0;
    }
    if (missed || late)
        buf_printf(b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\"><B>⚠ %s%s%s</B></FONT></TD></TR>",
                   CANVAS_RED, missed ? "missed" : "", missed && late ? ", " : "",
                   late ? "late" : "");
    return missed || late;
}

/* Index the changes by touchpoint id (ours: touchpoint, plan, metric,
 * plus, minus, next). */
static void
map_index_changes(struct map *c)
{
    const struct journey_diff *jd = c->since;
    c->first_change = xcalloc(jd->n_changes + 1, sizeof *c->first_change);
    c->next_change = xcalloc(jd->n_changes + 1, sizeof *c->next_change);
    size_t *last = xcalloc(jd->n_changes + 1, sizeof *last); /* per number: its latest change */
    static const char *const about_tp[] = {"touchpoint", "plan", "metric", "plus", "minus", "next"};
    for (size_t i = 0; i < jd->n_changes; i++) {
        c->next_change[i] = SIZE_MAX;
        bool ours = false;
        for (size_t k = 0; k < ARRAY_LEN(about_tp); k++)
            ours = ours || strcmp(jd->changes[i].what, about_tp[k]) == 0;
        if (!ours)
            continue;
        size_t k = strindex_find(&c->changed, jd->changes[i].id);
        if (k == STRINDEX_NONE) {
            k = strindex_add(&c->changed, jd->changes[i].id);
            c->first_change[k] = i;
        } else {
            c->next_change[last[k]] = i;
        }
        last[k] = i;
    }
    free(last);
}

/* The touchpoints removed since the old version, as ghost boxes in their
 * old stage (or, when that stage is gone too, in the last one). */
static void
map_removed(struct map *c, Agraph_t **clusters)
{
    const struct journey_diff *jd = c->since;
    struct id_index *in_old = id_index_new(jd->old);
    for (size_t i = 0; i < jd->n_changes; i++) {
        const struct diff_change *ch = &jd->changes[i];
        if (ch->kind != DIFF_REMOVED || strcmp(ch->what, "touchpoint") != 0)
            continue;
        const void *obj = NULL;
        const struct touchpoint *old =
            id_index_find(in_old, ch->id, &obj) == ID_TOUCHPOINT ? obj : NULL;
        size_t at = c->j->n_stages - 1;
        bool same_stage = false;
        for (size_t k = 0; old && k < c->j->n_stages; k++)
            if (strcmp(c->j->stages[k]->id, old->stage->id) == 0)
                at = k, same_stage = true;
        if (!old || !c->j->n_stages)
            continue;
        Agnode_t *n = canvas_nodef(clusters[at], "removed:%s", old->id);
        struct buf b;
        buf_init(&b);
        buf_puts(&b, "<FONT POINT-SIZE=\"" MAP_PT_SMALL "\">removed</FONT><BR/><B><S>");
        canvas_wrapped_at(&b, old->name, MAP_WRAP, MAP_WRAP_LINES);
        buf_printf(&b, "</S></B><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">%s",
                   channel_names[old->channel]);
        if (!same_stage) {
            buf_puts(&b, " · was in ");
            canvas_wrapped_at(&b, old->stage->name, MAP_WRAP_SMALL, 1);
        }
        buf_puts(&b, "</FONT>");
        canvas_set_html(n, c->n_label, buf_str(&b));
        buf_finish(&b);
        canvas_set(n, c->n_style, "rounded,dotted");
        canvas_set(n, c->n_color, "#aab7b8");
        canvas_set(n, c->n_fontcolor, CANVAS_GREY);
    }
    id_index_free(in_old);
}

static Agnode_t *
map_touchpoint(struct map *c, Agraph_t *sg, const struct touchpoint *tp,
               const struct rating *rating)
{
    Agnode_t *n = canvas_node(sg, tp->id);
    bool weak = marks_weak(&c->marks, tp);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
    buf_puts(&b, "<TR><TD><B>");
    canvas_wrapped_at(&b, tp->name, MAP_WRAP, MAP_WRAP_LINES);
    buf_puts(&b, "</B></TD></TR><TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">");
    buf_puts(&b, channel_names[tp->channel]);
    buf_puts(&b, " · ");
    if (tp->owner)
        canvas_wrapped_at(&b, tp->owner->name, MAP_WRAP_SMALL - 8, 2);
    else
        buf_puts(&b, "<I>no owner</I>");
    buf_puts(&b, "</FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">");
    if (tp->score)
        buf_printf(&b, "score %d/5", tp->score);
    else
        buf_puts(&b, "no score");
    if (tp->has_emotion)
        buf_printf(&b, " · feeling %+d", tp->emotion);
    if (tp->every)
        buf_printf(&b, " · every %u days", tp->every);
    buf_puts(&b, "</FONT></TD></TR>");
    if (rating) {
        bool ahead = tp->score && rating->score > tp->score;
        buf_printf(&b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\">",
                   ahead ? CANVAS_RED : CANVAS_GREY);
        canvas_wrapped_at(&b, c->comp->name, MAP_WRAP_SMALL, 1);
        buf_printf(&b, ": %d/5%s</FONT></TD></TR>", rating->score, ahead ? " ▲ ahead" : "");
    }
    if (weak) {
        buf_printf(&b, "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\" COLOR=\"%s\"><B>",
                   tp->plan ? CANVAS_ORANGE : CANVAS_RED);
        struct buf why;
        buf_init(&why);
        buf_puts(&why, "⚠ ");
        map_weak_reasons(&why, &c->marks, tp);
        canvas_wrapped_at(&b, buf_str(&why), MAP_WRAP_SMALL, 3);
        buf_finish(&why);
        buf_puts(&b, "</B></FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">");
        if (tp->plan && tp->plan->has_due) {
            char due[11];
            date_format(tp->plan->due, due);
            buf_printf(&b, "plan due %s", due);
        } else {
            buf_puts(&b, tp->plan ? "plan in place" : "no plan yet");
        }
        buf_puts(&b, "</FONT></TD></TR>");
    }
    bool added = c->since && map_changes_of(c, tp, &b);
    bool missed = c->evidence && map_evidence_of(c, tp, &b);
    buf_puts(&b, "</TABLE>");
    canvas_set_html(n, c->n_label, buf_str(&b));
    buf_finish(&b);

    canvas_set(n, c->n_fillcolor, canvas_score_fill[tp->score]);
    canvas_set(n, c->n_style,
               tp->initiator == INITIATOR_CUSTOMER ? "rounded,filled,dashed" : "rounded,filled");
    if (weak) {
        canvas_set(n, c->n_color, tp->plan ? CANVAS_ORANGE : CANVAS_RED);
        canvas_set(n, c->n_penwidth, "3.5");
    }
    if (added) { /* blue wins: what is new is what the reader looks for */
        canvas_set(n, c->n_color, MAP_BLUE);
        canvas_set(n, c->n_penwidth, "4");
    }
    if (missed) {
        canvas_set(n, c->n_color, CANVAS_RED);
        canvas_set(n, c->n_penwidth, "4");
    }
    return n;
}

/* An invisible spacer at the top of a stage's column, the same in every
 * stage: what the columns align on. */
static Agnode_t *
map_top(struct map *c, Agraph_t *sg, const struct stage *s)
{
    Agnode_t *n = canvas_nodef(sg, "top:%s", s->id);
    canvas_set(n, c->n_shape, "point");
    canvas_set(n, c->n_style, "invis");
    canvas_set(n, c->n_width, "0.01");
    canvas_set(n, c->n_height, "0.01");
    canvas_set(n, c->n_label, "");
    return n;
}

static Agnode_t *
map_placeholder(struct map *c, Agraph_t *sg, const struct stage *s)
{
    Agnode_t *n = canvas_nodef(sg, "empty:%s", s->id);
    canvas_set_html(n, c->n_label,
                    "<B>no touchpoint</B><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">empty stage</FONT>");
    canvas_set(n, c->n_style, "filled,dotted");
    canvas_set(n, c->n_fillcolor, CANVAS_GAP_FILL);
    canvas_set(n, c->n_color, CANVAS_RED);
    canvas_set(n, c->n_fontcolor, CANVAS_RED);
    canvas_set(n, c->n_penwidth, "2");
    return n;
}

/* The box standing for the touchpoints of a summarised stage not drawn. */
static Agnode_t *
map_more(struct map *c, Agraph_t *sg, const struct stage *s, const struct touchpoint **order,
         const bool *drawn)
{
    size_t hidden = 0, weak = 0;
    for (size_t k = 0; k < s->n_touchpoints; k++)
        if (!drawn[k]) {
            hidden++;
            weak += marks_weak(&c->marks, order[k]);
        }
    c->n_hidden += hidden;
    Agnode_t *n = canvas_nodef(sg, "more:%s", s->id);
    char *label = xasprintf("<B>+ %zu more touchpoint%s</B><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">not "
                            "drawn, %zu of them weak spots;<BR/>the checklist lists them "
                            "all</FONT>",
                            hidden, hidden == 1 ? "" : "s", weak);
    canvas_set_html(n, c->n_label, label);
    free(label);
    canvas_set(n, c->n_style, "rounded,dashed");
    canvas_set(n, c->n_color, CANVAS_GREY);
    canvas_set(n, c->n_fontcolor, CANVAS_GREY);
    return n;
}

static Agnode_t *
map_ghost(struct map *c, Agraph_t *sg, const struct touchpoint *tp)
{
    Agnode_t *n = canvas_nodef(sg, "competitor:%s", tp->id);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"" MAP_PT_SMALL "\">only ");
    canvas_wrapped_at(&b, tp->competitor->name, MAP_WRAP_SMALL, 1);
    buf_puts(&b, "</FONT><BR/><B>");
    canvas_wrapped_at(&b, tp->name, MAP_WRAP, MAP_WRAP_LINES);
    buf_printf(&b, "</B><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">%s", channel_names[tp->channel]);
    if (tp->score)
        buf_printf(&b, " · score %d/5", tp->score);
    buf_puts(&b, "</FONT>");
    canvas_set_html(n, c->n_label, buf_str(&b));
    buf_finish(&b);
    canvas_set(n, c->n_style, "rounded,dashed");
    canvas_set(n, c->n_color, "#aab7b8");
    canvas_set(n, c->n_fontcolor, CANVAS_GREY);
    return n;
}

/*
 * An edge from one node to another. Inside one stage both share a rank,
 * and with rankdir=LR dot stacks a rank's nodes upwards along its edges;
 * so an edge within a stage is written reversed with dir=back: it points
 * the same way and the stage reads top to bottom.
 */
static Agedge_t *
map_arrow(struct map *c, Agnode_t *from, Agnode_t *to, bool same_stage)
{
    if (!same_stage)
        return canvas_edge(c->g, from, to);
    Agedge_t *e = canvas_edge(c->g, to, from);
    canvas_set(e, c->e_dir, "back");
    return e;
}

/* An edge of the journey between two of our touchpoints. */
static Agedge_t *
map_step(struct map *c, Agnode_t **nodes, const struct touchpoint *from,
         const struct touchpoint *to)
{
    if (!nodes[from->index] || !nodes[to->index])
        return NULL; /* one end is not drawn (a summarised stage) */
    return map_arrow(c, nodes[from->index], nodes[to->index], from->stage == to->stage);
}

/* The flow of <next> elements, or else the touchpoints in time order. */
static void
map_flow(struct map *c, Agnode_t **nodes)
{
    const struct journey *j = c->j;
    if (j->uses_next) {
        for (size_t i = 0; i < j->n_touchpoints; i++) {
            const struct touchpoint *tp = j->touchpoints[i];
            for (size_t k = 0; k < tp->n_nexts; k++) {
                Agedge_t *e = map_step(c, nodes, tp, tp->nexts[k]->to);
                if (e && tp->nexts[k]->has_share) {
                    char share[32];
                    snprintf(share, sizeof share, "%g%%", 100.0 * tp->nexts[k]->share);
                    /* A tail label, not a label: Graphviz 2.42 frees memory
                     * twice after laying out labelled edges inside a rank. */
                    canvas_set(e, c->e_taillabel, share);
                }
            }
        }
        return;
    }
    const struct touchpoint **order = timeline_order(&c->t, j->touchpoints, j->n_touchpoints);
    for (size_t i = 1; i < j->n_touchpoints; i++)
        map_step(c, nodes, order[i - 1], order[i]);
    free(order);
}

/* A node for each silence the contact-gap findings report. */
static void
map_gaps(struct map *c, Agraph_t **clusters, Agnode_t **nodes)
{
    if (!c->marks.contact_gaps)
        return;
    struct silence *v;
    size_t n = timeline_silences(&c->t, c->j->policy.max_silence_days, &v);
    for (size_t i = 0; i < n; i++) {
        const struct silence *s = &v[i];
        const struct stage *where = timeline_stage_at(&c->t, s->from + (s->to - s->from) / 2);
        Agnode_t *g = canvas_nodef(clusters[where->index], "gap:%zu", i + 1);
        char *label = xasprintf("<B>%llu days</B><BR/><FONT POINT-SIZE=\"" MAP_PT_SMALL "\">without contact "
                                "from us<BR/>day %llu–%llu%s</FONT>",
                                (unsigned long long)(s->to - s->from), (unsigned long long)s->from,
                                (unsigned long long)s->to, s->to_end ? " (end)" : "");
        canvas_set_html(g, c->n_label, label);
        free(label);
        canvas_set(g, c->n_shape, "box");
        canvas_set(g, c->n_style, "filled,dotted");
        canvas_set(g, c->n_fillcolor, CANVAS_GAP_FILL);
        canvas_set(g, c->n_color, CANVAS_RED);
        canvas_set(g, c->n_fontcolor, CANVAS_RED);
        canvas_set(g, c->n_penwidth, "2");
        Agnode_t *from =
            nodes[s->subject->index] ? nodes[s->subject->index] : c->more[s->subject->stage->index];
        Agedge_t *e = map_arrow(c, from, g, s->subject->stage == where);
        canvas_set(e, c->e_style, "dashed");
        canvas_set(e, c->e_color, CANVAS_RED);
        canvas_set(e, c->e_arrowhead, "none");
        if (s->next) {
            Agnode_t *to =
                nodes[s->next->index] ? nodes[s->next->index] : c->more[s->next->stage->index];
            e = map_arrow(c, g, to, s->next->stage == where);
            canvas_set(e, c->e_style, "dashed");
            canvas_set(e, c->e_color, CANVAS_RED);
        }
        c->n_gaps++;
    }
    free(v);
}

/* The legend: two rows under the title, so that it adds no width. */
static void
map_legend(struct map *c, struct buf *b)
{
    buf_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD>"
                "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\"><TR>"
                "<TD>score:</TD>");
    static const char *const words[6] = {"none", "1", "2", "3", "4", "5"};
    for (int i = 0; i < 6; i++)
        buf_printf(b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\">%s</TD>", canvas_score_fill[i],
                   CANVAS_GREY, words[i]);
    buf_puts(b, "<TD> solid border: we reach out · dashed: the customer comes to us</TD></TR>"
                "</TABLE></TD></TR><TR><TD>");
    if (c->evidence) /* the map's own findings are not drawn: the log's are */
        buf_printf(b, "<FONT COLOR=\"%s\">⚠ thick red border: missed or late in the log</FONT>",
                   CANVAS_RED);
    else
        buf_printf(b,
                   "<FONT COLOR=\"%s\">⚠ thick red border: weak spot, no plan</FONT> · <FONT "
                   "COLOR=\"%s\">⚠ orange: weak spot with a plan</FONT> · <FONT COLOR=\"%s\">pink, "
                   "dotted: contact gap or empty stage</FONT>",
                   CANVAS_RED, CANVAS_ORANGE, CANVAS_RED);
    if (c->comp)
        buf_printf(b,
                   "<BR/><FONT COLOR=\"%s\">grey dashed: only the competitor has it; ▲: the "
                   "competitor is rated higher</FONT>",
                   CANVAS_GREY);
    if (c->since) {
        buf_printf(b, "<BR/><FONT COLOR=\"%s\">since ", MAP_BLUE);
        canvas_text(b, c->since_label, strlen(c->since_label));
        buf_printf(b, ": thick blue border: new · <I>blue lines</I>: what changed (old → new)</FONT> · "
                      "<FONT COLOR=\"%s\">grey dotted, struck through: removed</FONT>",
                   CANVAS_GREY);
    }
    buf_puts(b, "</TD></TR></TABLE>");
}

/* The evidence map's subtitle: what the log covers and how to read it. */
static void
map_evidence_title(struct map *c, struct buf *b)
{
    const struct evidence *e = c->evidence;
    char from[11], to[11];
    date_format(e->from, from);
    date_format(e->as_of, to);
    buf_printf(b,
               "</B></FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"" MAP_PT_SUBTITLE "\">planned "
               "against actual: the contact log from %s to %s, %zu customers on the map<BR/>"
               "<FONT COLOR=\"" MAP_BLUE "\">reach: got it, of those it was due for · median "
               "delay: days after it was due</FONT>",
               from, to, e->anchored);
}

static void
map_title(struct map *c)
{
    const struct journey *j = c->j;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
                "<TR><TD><FONT POINT-SIZE=\"" MAP_PT_TITLE "\"><B>");
    canvas_wrapped_at(&b, j->name, 60, 2);
    if (c->evidence) {
        map_evidence_title(c, &b);
    } else {
        buf_printf(&b,
                   "</B></FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"" MAP_PT_SUBTITLE "\">%zu stage%s · %zu touchpoint%s · %zu weak spot%s · %zu "
                   "contact gap%s",
                   j->n_stages, j->n_stages == 1 ? "" : "s", j->n_touchpoints,
                   j->n_touchpoints == 1 ? "" : "s", c->marks.n_weak,
                   c->marks.n_weak == 1 ? "" : "s", c->n_gaps, c->n_gaps == 1 ? "" : "s");
    }
    if (c->n_hidden)
        buf_printf(&b,
                   "<BR/>summarised: %zu touchpoint%s not drawn (at most %d per stage, weak "
                   "spots first)",
                   c->n_hidden, c->n_hidden == 1 ? "" : "s", MAP_STAGE_LIMIT);
    if (c->marks.no_proactive)
        buf_printf(&b,
                   "<BR/><FONT COLOR=\"%s\">No touchpoint where we reach out: customers "
                   "only hear from us when they ask</FONT>",
                   CANVAS_RED);
    if (c->comp) {
        buf_puts(&b, "<BR/>compared with ");
        canvas_wrapped_at(&b, c->comp->name, MAP_WRAP_SMALL, 1);
    }
    buf_puts(&b, "</FONT></TD></TR><TR><TD>");
    map_legend(c, &b);
    buf_puts(&b, "</TD></TR></TABLE>");
    canvas_set_html(c->g, c->g_label, buf_str(&b));
    buf_finish(&b);
}

/* What is not ours now: the competitor's ghosts, the touchpoints removed. */
static void
map_others(struct map *c, Agraph_t **clusters)
{
    if (c->comp)
        for (size_t k = 0; k < c->comp->n_touchpoints; k++) {
            const struct touchpoint *tp = c->comp->touchpoints[k];
            map_ghost(c, clusters[tp->stage->index], tp);
        }
    if (c->since && c->since->old)
        map_removed(c, clusters);
}

static Agraph_t *
map_build(struct map *c)
{
    const struct journey *j = c->j;
    c->g = canvas_open("journey");
    map_attributes(c);
    marks_init(&c->marks, j, c->d);

    Agraph_t **clusters = xcalloc(j->n_stages + 1, sizeof *clusters);
    Agnode_t **nodes = xcalloc(j->n_touchpoints + 1, sizeof *nodes);
    Agnode_t **anchor = xcalloc(j->n_stages + 1, sizeof *anchor);
    Agnode_t **top = xcalloc(j->n_stages + 1, sizeof *top);
    c->more = xcalloc(j->n_stages + 1, sizeof *c->more);
    size_t name_lines = 1, days_known = map_days_known(j);
    for (size_t i = 0; i < j->n_stages; i++) {
        size_t n = map_stage_name_lines(j->stages[i]);
        if (n > name_lines)
            name_lines = n;
    }
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        map_stage(c, i, name_lines, days_known, &clusters[i]);
        top[i] = map_top(c, clusters[i], s);
        /* Created in time order: dot keeps it down the stage's column. */
        const struct touchpoint **order = timeline_order(&c->t, s->touchpoints, s->n_touchpoints);
        bool *drawn = marks_choose(&c->marks, order, s->n_touchpoints, MAP_STAGE_LIMIT);
        for (size_t k = 0; k < s->n_touchpoints; k++) {
            const struct touchpoint *tp = order[k];
            if (!drawn[k])
                continue;
            nodes[tp->index] = map_touchpoint(c, clusters[i], tp, map_rating_of(c->comp, tp));
            if (!anchor[i])
                anchor[i] = nodes[tp->index];
        }
        if (s->n_touchpoints > MAP_STAGE_LIMIT)
            c->more[i] = map_more(c, clusters[i], s, order, drawn);
        free(drawn);
        free(order);
        if (c->marks.empty_stage[i] || s->n_touchpoints == 0) {
            Agnode_t *p = map_placeholder(c, clusters[i], s);
            if (!anchor[i])
                anchor[i] = p;
        }
        /* The spacer heads the column. */
        Agedge_t *e = map_arrow(c, top[i], anchor[i], true);
        canvas_set(e, c->e_style, "invis");
    }
    map_others(c, clusters);
    map_flow(c, nodes);
    map_gaps(c, clusters, nodes);
    /* One column per stage: everything in a stage shares one rank (edges
     * inside it run top to bottom), and each stage is right of the one
     * before (a heavy invisible edge between their spacers, which are the
     * same size, so that the columns share one top edge). Graphviz 2.42
     * frees memory twice after laying out constraint=false edges in
     * clusters, so ranks, not constraints, shape the picture. */
    for (size_t i = 0; i < j->n_stages; i++) {
        char name[32];
        snprintf(name, sizeof name, "column_%03zu", i);
        Agraph_t *col = canvas_subgraph(clusters[i], name);
        canvas_set(col, c->g_rank, "same");
        for (Agnode_t *n = agfstnode(clusters[i]); n; n = agnxtnode(clusters[i], n))
            agsubnode(col, n, 1);
        if (i > 0) {
            Agedge_t *e = canvas_edge(c->g, top[i - 1], top[i]);
            canvas_set(e, c->e_style, "invis");
            canvas_set(e, c->e_weight, "1000");
        }
    }
    map_title(c);
    free(clusters);
    free(nodes);
    free(anchor);
    free(top);
    free(c->more);
    c->more = NULL;
    return c->g;
}

static bool
map_draw(struct map *c, struct diagram_target *t, char **out, size_t *len, const char **why)
{
    timeline_init(&c->t, c->j);
    if (c->since)
        map_index_changes(c);
    Agraph_t *g = map_build(c);
    bool ok = canvas_render(g, "dot", t, out, len, why);
    marks_finish(&c->marks);
    timeline_finish(&c->t);
    strindex_finish(&c->changed);
    free(c->first_change);
    free(c->next_change);
    return ok;
}

bool
map_render(const struct journey *j, const struct diag *d, const struct competitor *competitor,
           struct diagram_target *t, char **out, size_t *len, const char **why)
{
    struct map c = {.j = j, .d = d, .comp = competitor};
    return map_draw(&c, t, out, len, why);
}

bool
map_evidence_render(const struct evidence *e, const struct diag *d, struct diagram_target *t,
                    char **out, size_t *len, const char **why)
{
    struct map c = {.j = e->j, .d = d, .evidence = e};
    return map_draw(&c, t, out, len, why);
}

bool
map_changes_render(const struct journey_diff *jd, const char *since, const struct diag *d,
                   struct diagram_target *t, char **out, size_t *len, const char **why)
{
    struct map c = {.j = jd->new_, .d = d, .since = jd, .since_label = since};
    return map_draw(&c, t, out, len, why);
}
