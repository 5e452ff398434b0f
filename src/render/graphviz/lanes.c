/*
 * lanes.c - the lanes view (render/diagram.h; workshop.md, "The lanes
 * view"): the classic journey-map poster. Stages are column bands, each
 * touchpoint of ours one column ("slot") in time order, and each lane a row
 * showing one aspect of every touchpoint in its slot: the stage, the card,
 * the feeling, what works, pain points, plans, gaps and findings, and with
 * a competitor its ratings.
 *
 * Every position is computed here and pinned (pos="x,y!", in points, y
 * up); Graphviz's nop engine takes them as they are and only draws, so a
 * poster of 10,000 columns is drawn in seconds (neato, even with every
 * node pinned, took minutes and gigabytes there). A lane is as tall as its fullest cell, so the lanes
 * line up across the poster; a cell that cannot show all its items ends
 * with "+ N more".
 */
#include "render/graphviz/lanes.h"

#include "core/date.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Nodes
 */

double
lanes_x(const struct lanes *L, size_t slot)
{
    return LANES_LABEL_W + L->slot_w * ((double)slot + 0.5);
}

void
lanes_place(struct lanes *L, Agnode_t *n, double x, double y, double w, double h)
{
    char s[64];
    snprintf(s, sizeof s, "%.2f,%.2f!", x * 72, y * 72); /* points, for the nop engine */
    canvas_set(n, L->n_pos, s);
    snprintf(s, sizeof s, "%.3f", w);
    canvas_set(n, L->n_width, s);
    snprintf(s, sizeof s, "%.3f", h);
    canvas_set(n, L->n_height, s);
}

/* A box of text, pinned with its top left corner at (x, y). */
Agnode_t *
lanes_text(struct lanes *L, const char *name, const char *html, double x, double y, double w,
           double h)
{
    Agnode_t *n = canvas_node(L->g, name);
    canvas_set_html(n, L->n_label, html);
    lanes_place(L, n, x + w / 2, y - h / 2, w, h);
    return n;
}

/* An invisible point, for lines. */
Agnode_t *
lanes_point(struct lanes *L, const char *name, double x, double y)
{
    Agnode_t *n = canvas_node(L->g, name);
    canvas_set(n, L->n_shape, "point");
    canvas_set(n, L->n_style, "invis");
    canvas_set(n, L->n_label, "");
    lanes_place(L, n, x, y, 0.01, 0.01);
    return n;
}

Agedge_t *
lanes_line(struct lanes *L, const char *name, double x0, double y0, double x1, double y1)
{
    char *a = xasprintf("%s:start", name), *b = xasprintf("%s:end", name);
    Agedge_t *e = canvas_edge(L->g, lanes_point(L, a, x0, y0), lanes_point(L, b, x1, y1));
    free(a);
    free(b);
    return e;
}

/* Lines in an HTML label built here. */
size_t
lanes_lines(const char *html)
{
    size_t n = 1;
    for (const char *p = html; (p = strstr(p, "<BR")); p++)
        n++;
    return n;
}

/* Append s, flattened and wrapped to the slot, at most max_lines lines. */
void
lanes_wrap(const struct lanes *L, struct buf *b, const char *s, size_t chars, size_t max_lines)
{
    char *flat = collapse_space(s); /* Markdown's line breaks too */
    canvas_wrapped_at(b, flat, chars ? chars : L->chars, max_lines);
    free(flat);
}

/* ------------------------------------------------------------------------
 * Slots: one per touchpoint of ours in time order, per stage
 */

static void
lanes_add_slot(struct lanes *L, struct slot s)
{
    L->slots[L->n_slots++] = s;
}

static void
lanes_slots(struct lanes *L)
{
    const struct journey *j = L->j;
    size_t cap = j->n_touchpoints + j->n_stages * 2 + 1;
    if (L->comp)
        cap += L->comp->n_touchpoints;
    L->slots = xcalloc(cap, sizeof *L->slots);
    L->slot_of = xcalloc(j->n_touchpoints + 1, sizeof *L->slot_of);
    L->stage_first = xcalloc(j->n_stages + 1, sizeof *L->stage_first);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        L->slot_of[i] = SIZE_MAX;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        L->stage_first[i] = L->n_slots;
        const struct touchpoint **order = timeline_order(&L->t, s->touchpoints, s->n_touchpoints);
        bool *drawn = marks_choose(&L->marks, order, s->n_touchpoints, LANES_STAGE_LIMIT);
        struct slot more = {SLOT_MORE, s, NULL, 0, 0};
        for (size_t k = 0; k < s->n_touchpoints; k++) {
            if (drawn[k]) {
                L->slot_of[order[k]->index] = L->n_slots;
                lanes_add_slot(L, (struct slot){SLOT_OURS, s, order[k], 0, 0});
            } else {
                more.hidden++;
                more.hidden_weak += marks_weak(&L->marks, order[k]);
            }
        }
        free(drawn);
        free(order);
        if (more.hidden) {
            L->n_hidden += more.hidden;
            lanes_add_slot(L, more);
        }
        if (s->n_touchpoints == 0) /* a competitor's ghost does not fill it */
            lanes_add_slot(L, (struct slot){SLOT_EMPTY, s, NULL, 0, 0});
        for (size_t k = 0; L->comp && k < L->comp->n_touchpoints; k++)
            if (L->comp->touchpoints[k]->stage == s)
                lanes_add_slot(L, (struct slot){SLOT_GHOST, s, L->comp->touchpoints[k], 0, 0});
    }
    L->stage_first[j->n_stages] = L->n_slots;
    double w = LANES_WIDTH / (double)(L->n_slots ? L->n_slots : 1);
    L->slot_w = w < LANES_SLOT_MIN ? LANES_SLOT_MIN : w > LANES_SLOT_MAX ? LANES_SLOT_MAX : w;
    /* About 7.7 points per character of 15-point DejaVu Sans (8.8 bold),
     * less a margin. */
    L->chars = (size_t)((L->slot_w * 72 - 12) / 7.7);
    L->chars_bold = (size_t)((L->slot_w * 72 - 24) / 8.8);
}

/* The plans overdue, from the findings (so the poster agrees with them). */
static void
lanes_overdue(struct lanes *L)
{
    const struct journey *j = L->j;
    L->overdue = xcalloc(j->n_touchpoints + 1, sizeof *L->overdue);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        L->overdue[i] = -1;
    struct id_index *ids = id_index_new(j);
    for (size_t i = 0; i < diag_count(L->d); i++) {
        const struct finding *f = diag_get(L->d, i);
        const void *obj = NULL;
        if (diag_file(L->d, f) == j->file && strcmp(finding_rule(f), "overdue-plan") == 0 &&
            id_index_find(ids, f->subject, &obj) == ID_TOUCHPOINT)
            L->overdue[((const struct touchpoint *)obj)->index] = diag_size(L->d, f);
    }
    id_index_free(ids);
}

/* ------------------------------------------------------------------------
 * Lanes
 */

/* The label of a lane at the left edge, and the line under the lane. */
void
lanes_label(struct lanes *L, const char *id, const char *label, double h)
{
    char *name = xasprintf("lane:%s", id);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"" LANES_PT_NAME "\"><B>");
    canvas_wrapped_at(&b, label, 12, 2);
    buf_puts(&b, "</B></FONT>");
    Agnode_t *n = lanes_text(L, name, buf_str(&b), 0.1, L->y - 0.05, LANES_LABEL_W - 0.2,
                             (double)lanes_lines(buf_str(&b)) * 0.28 + 0.1);
    buf_finish(&b);
    canvas_set(n, L->n_class, "lane");
    free(name);
    name = xasprintf("rule:%s", id);
    Agedge_t *e = lanes_line(L, name, 0, L->y - h, lanes_x(L, L->n_slots) - L->slot_w / 2,
                             L->y - h);
    canvas_set(e, L->e_color, "#aeb6bf");
    free(name);
}

/* The height of a lane whose fullest cell has lines lines. */
double
lanes_height(size_t lines)
{
    return (double)(lines ? lines : 1) * LANES_LINE + 2 * LANES_PAD;
}

double
lanes_cell_row(struct lanes *L, const char *id, struct buf *cells, double top)
{
    size_t lines = 1;
    for (size_t k = 0; k < L->n_slots; k++)
        if (cells[k].len && lanes_lines(buf_str(&cells[k])) > lines)
            lines = lanes_lines(buf_str(&cells[k]));
    double h = lanes_height(lines);
    for (size_t k = 0; k < L->n_slots; k++) {
        if (!cells[k].len)
            continue;
        const struct slot *s = &L->slots[k];
        char *name = s->tp ? xasprintf("%s/%s", id, s->tp->id)
                           : xasprintf("%s/%s:%s", id, s->kind == SLOT_MORE ? "more" : "empty",
                                       s->stage->id);
        Agnode_t *n = lanes_text(L, name, buf_str(&cells[k]), lanes_x(L, k) - L->slot_w / 2 + 0.04,
                                 top, L->slot_w - 0.08, h - 0.08);
        canvas_set(n, L->n_labelloc, "t");
        canvas_set(n, L->n_class, id);
        free(name);
    }
    return h;
}

void
lanes_cells(struct lanes *L, const char *id, const char *label, struct buf *cells)
{
    double h = lanes_cell_row(L, id, cells, L->y - 0.04);
    lanes_label(L, id, label, h);
    L->y -= h;
}

/* Left-aligned lines: canvas's wrapped lines break with <BR/>. */
void
lanes_align_left(struct buf *cell)
{
    if (!cell->len)
        return;
    struct buf o;
    buf_init(&o);
    for (const char *p = buf_str(cell); *p;) {
        if (strncmp(p, "<BR/>", 5) == 0) {
            buf_puts(&o, "<BR ALIGN=\"LEFT\"/>");
            p += 5;
        } else {
            buf_putc(&o, *p++);
        }
    }
    buf_finish(cell);
    *cell = o;
}

struct buf *
lanes_new_cells(const struct lanes *L)
{
    struct buf *cells = xcalloc(L->n_slots + 1, sizeof *cells);
    for (size_t k = 0; k < L->n_slots; k++)
        buf_init(&cells[k]);
    return cells;
}

void
lanes_free_cells(const struct lanes *L, struct buf *cells)
{
    for (size_t k = 0; k < L->n_slots; k++)
        buf_finish(&cells[k]);
    free(cells);
}

/* Lane 1: the stages, with the coming changes that affect them. */
static void
lanes_stages(struct lanes *L)
{
    const struct journey *j = L->j;
    struct buf *labels = xcalloc(j->n_stages + 1, sizeof *labels);
    size_t lines = 1;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        size_t slots = L->stage_first[i + 1] - L->stage_first[i];
        size_t chars = (size_t)(((double)slots * L->slot_w * 72 - 14) / 11.5);
        struct buf *b = &labels[i];
        buf_init(b);
        buf_puts(b, "<FONT POINT-SIZE=\"" LANES_PT_STAGE "\"><B>");
        lanes_wrap(L, b, s->name, chars < 6 ? 6 : chars, 3);
        buf_puts(b, "</B></FONT><BR/>");
        char *when = xasprintf("%s%sday %llu–%llu", s->phase != PHASE_NONE ? phase_names[s->phase] : "",
                               s->phase != PHASE_NONE ? " · " : "",
                               (unsigned long long)L->t.stage_start[i],
                               (unsigned long long)timeline_stage_end(&L->t, s));
        lanes_wrap(L, b, when, (chars * 18) / 15, 3);
        free(when);
        for (size_t c = 0; c < j->n_changes; c++)
            for (size_t a = 0; a < j->changes[c]->n_affects; a++)
                if (j->changes[c]->affects[a] == s) {
                    char date[11];
                    date_format(j->changes[c]->date, date);
                    buf_printf(b, "<BR/><FONT COLOR=\"%s\">⚑ ", CANVAS_ORANGE);
                    struct buf t;
                    buf_init(&t);
                    buf_printf(&t, "change %s: %s", date, j->changes[c]->name);
                    lanes_wrap(L, b, buf_str(&t), (chars * 18) / 15, 3);
                    buf_finish(&t);
                    buf_puts(b, "</FONT>");
                }
        if (lanes_lines(buf_str(b)) > lines)
            lines = lanes_lines(buf_str(b));
    }
    double h = lanes_height(lines) + 0.1;
    for (size_t i = 0; i < j->n_stages; i++) {
        double x0 = lanes_x(L, L->stage_first[i]) - L->slot_w / 2;
        double w = (double)(L->stage_first[i + 1] - L->stage_first[i]) * L->slot_w;
        char *name = xasprintf("stage:%s", j->stages[i]->id);
        Agnode_t *n = lanes_text(L, name, buf_str(&labels[i]), x0 + 0.04, L->y - 0.04, w - 0.08,
                                 h - 0.08);
        free(name);
        canvas_set(n, L->n_shape, "box");
        canvas_set(n, L->n_style, "rounded,filled");
        canvas_set(n, L->n_fillcolor, i % 2 ? "#e5e8e8" : "#d6eaf8");
        canvas_set(n, L->n_color, "#aeb6bf");
        canvas_set(n, L->n_class, "stage");
        buf_finish(&labels[i]);
    }
    free(labels);
    lanes_label(L, "stage", "Stage", h);
    L->y -= h;
}

/* The HTML of one of our cards: name, channel, who starts it, owner, score. */
static void
lanes_card_text(const struct lanes *L, struct buf *b, const struct touchpoint *tp)
{
    buf_puts(b, "<B>");
    lanes_wrap(L, b, tp->name, L->chars_bold, 3);
    buf_printf(b, "</B><BR/>%s<BR/>", channel_names[tp->channel]);
    lanes_wrap(L, b,
               tp->initiator == INITIATOR_CUSTOMER ? "the customer comes to us" : "we reach out",
               L->chars - 2, 2);
    buf_puts(b, "<BR/>");
    if (tp->owner)
        lanes_wrap(L, b, tp->owner->name, L->chars - 2, 2);
    else
        buf_puts(b, "<I>no owner</I>");
    if (tp->score)
        buf_printf(b, "<BR/>score %d/5", tp->score);
    else
        buf_puts(b, "<BR/>no score");
    if (tp->every)
        buf_printf(b, "<BR/>every %u days", tp->every);
}

/* The HTML of a slot's card, or of what stands in its place. */
static void
lanes_card_of(const struct lanes *L, struct buf *b, const struct slot *s)
{
    switch (s->kind) {
    case SLOT_OURS:
        lanes_card_text(L, b, s->tp);
        break;
    case SLOT_GHOST:
        buf_puts(b, "only<BR/>");
        lanes_wrap(L, b, s->tp->competitor->name, L->chars - 1, 1);
        buf_puts(b, "<BR/><B>");
        lanes_wrap(L, b, s->tp->name, L->chars_bold, 3);
        buf_printf(b, "</B><BR/>%s", channel_names[s->tp->channel]);
        if (s->tp->score)
            buf_printf(b, "<BR/>score %d/5", s->tp->score);
        break;
    case SLOT_EMPTY:
        buf_puts(b, "<B>no touchpoint</B><BR/>empty stage");
        break;
    case SLOT_MORE:
        buf_printf(b, "<B>+ %zu more</B><BR/>not drawn,<BR/>%zu weak;<BR/>the checklist<BR/>has "
                      "them all",
                   s->hidden, s->hidden_weak);
        break;
    }
}

static void
lanes_card_style(struct lanes *L, Agnode_t *n, const struct slot *s)
{
    canvas_set(n, L->n_shape, "box");
    if (s->kind == SLOT_OURS) {
        const struct touchpoint *tp = s->tp;
        bool weak = marks_weak(&L->marks, tp);
        canvas_set(n, L->n_fillcolor, canvas_score_fill[tp->score]);
        canvas_set(n, L->n_style, tp->initiator == INITIATOR_CUSTOMER ? "rounded,filled,dashed"
                                                                      : "rounded,filled");
        canvas_set(n, L->n_color, weak ? (tp->plan ? CANVAS_ORANGE : CANVAS_RED) : CANVAS_GREY);
        canvas_set(n, L->n_penwidth, weak ? "3.5" : "1.2");
        canvas_set(n, L->n_class, weak ? "card weak" : "card");
    } else if (s->kind == SLOT_EMPTY) {
        canvas_set(n, L->n_style, "filled,dotted");
        canvas_set(n, L->n_fillcolor, CANVAS_GAP_FILL);
        canvas_set(n, L->n_color, CANVAS_RED);
        canvas_set(n, L->n_fontcolor, CANVAS_RED);
        canvas_set(n, L->n_penwidth, "2");
        canvas_set(n, L->n_class, "empty");
    } else {
        canvas_set(n, L->n_style, "rounded,dashed");
        canvas_set(n, L->n_color, "#aab7b8");
        canvas_set(n, L->n_fontcolor, CANVAS_GREY);
        canvas_set(n, L->n_class, s->kind == SLOT_GHOST ? "ghost" : "more");
    }
}

/* Lane 2: one card per slot, all in one row. */
static void
lanes_cards(struct lanes *L)
{
    struct buf *cells = lanes_new_cells(L);
    size_t lines = 1;
    for (size_t k = 0; k < L->n_slots; k++) {
        lanes_card_of(L, &cells[k], &L->slots[k]);
        if (lanes_lines(buf_str(&cells[k])) > lines)
            lines = lanes_lines(buf_str(&cells[k]));
    }
    double h = lanes_height(lines);
    for (size_t k = 0; k < L->n_slots; k++) {
        const struct slot *s = &L->slots[k];
        char *name = s->tp ? xstrdup(s->tp->id)
                           : xasprintf("%s:%s", s->kind == SLOT_MORE ? "more" : "empty",
                                       s->stage->id);
        Agnode_t *n = lanes_text(L, name, buf_str(&cells[k]), lanes_x(L, k) - L->slot_w / 2 + 0.06,
                                 L->y - 0.06, L->slot_w - 0.12, h - 0.12);
        free(name);
        lanes_card_style(L, n, s);
        if (s->tp) {
            struct buf tip;
            buf_init(&tip);
            canvas_tooltip(&tip, s->tp->name);
            canvas_set(n, L->n_tooltip, buf_str(&tip));
            buf_finish(&tip);
        }
    }
    lanes_free_cells(L, cells);
    lanes_label(L, "touchpoints", "Touchpoints", h);
    L->y -= h;
}

/* Lane 3: the feeling, higher for happier, joined in slot order. */
static void
lanes_feeling(struct lanes *L)
{
    double h = 4 * LANES_STEP + 1.3;
    double zero = L->y - 0.7 - 2 * LANES_STEP;
    static const char *const words[5] = {"−2 upset", "−1", "0", "+1", "+2 happy"};
    for (int e = -2; e <= 2; e++) {
        char name[16];
        snprintf(name, sizeof name, "scale:%+d", e);
        Agnode_t *n = lanes_text(L, name, words[e + 2], 0.1, zero + e * LANES_STEP + 0.13,
                                 LANES_LABEL_W - 0.2, 0.26);
        canvas_set(n, L->n_fontcolor, CANVAS_GREY);
        canvas_set(n, L->n_class, "scale");
    }
    Agedge_t *line = lanes_line(L, "zero", LANES_LABEL_W, zero,
                                lanes_x(L, L->n_slots) - L->slot_w / 2, zero);
    canvas_set(line, L->e_style, "dashed");
    canvas_set(line, L->e_color, CANVAS_GREY);
    Agnode_t *prev = NULL;
    for (size_t k = 0; k < L->n_slots; k++) {
        const struct slot *s = &L->slots[k];
        if (s->kind != SLOT_OURS)
            continue;
        char *name = xasprintf("feel/%s", s->tp->id);
        Agnode_t *n = canvas_node(L->g, name);
        free(name);
        canvas_set(n, L->n_shape, "circle");
        canvas_set(n, L->n_label, "");
        bool weak = marks_weak(&L->marks, s->tp);
        if (!s->tp->has_emotion) { /* hollow, at the foot of the lane */
            canvas_set(n, L->n_style, "dashed");
            canvas_set(n, L->n_color, CANVAS_GREY);
            canvas_set(n, L->n_class, "feel unknown");
            canvas_set(n, L->n_tooltip, "no emotion recorded");
            lanes_place(L, n, lanes_x(L, k), zero - 2 * LANES_STEP - 0.3, 0.22, 0.22);
            continue;
        }
        canvas_set(n, L->n_style, "filled");
        canvas_set(n, L->n_fillcolor, canvas_score_fill[s->tp->score]);
        canvas_set(n, L->n_color, weak ? (s->tp->plan ? CANVAS_ORANGE : CANVAS_RED) : "#1f618d");
        canvas_set(n, L->n_penwidth, weak ? "3" : "2");
        canvas_set(n, L->n_class, "feel");
        lanes_place(L, n, lanes_x(L, k), zero + s->tp->emotion * LANES_STEP, 0.26, 0.26);
        if (prev) {
            Agedge_t *e = canvas_edge(L->g, prev, n);
            canvas_set(e, L->e_color, "#1f618d");
            canvas_set(e, L->e_penwidth, "3");
        }
        prev = n;
    }
    lanes_label(L, "feeling", "Feeling", h);
    L->y -= h;
}

/* ------------------------------------------------------------------------
 * The poster
 */

static void
lanes_attributes(struct lanes *L)
{
    Agraph_t *g = L->g;
    canvas_attr(g, AGRAPH, "layout", "nop");
    canvas_attr(g, AGRAPH, "splines", "line");
    canvas_attr(g, AGRAPH, "overlap", "true");
    canvas_attr(g, AGRAPH, "outputorder", "nodesfirst");
    canvas_attr(g, AGRAPH, "fontsize", LANES_PT);
    L->g_label = canvas_attr(g, AGRAPH, "label", "");
    L->n_fontsize = canvas_attr(g, AGNODE, "fontsize", LANES_PT);
    L->n_pos = canvas_attr(g, AGNODE, "pos", "");
    L->n_label = canvas_attr(g, AGNODE, "label", "\\N");
    L->n_shape = canvas_attr(g, AGNODE, "shape", "plaintext");
    L->n_style = canvas_attr(g, AGNODE, "style", "");
    L->n_fillcolor = canvas_attr(g, AGNODE, "fillcolor", "white");
    L->n_color = canvas_attr(g, AGNODE, "color", "black");
    L->n_penwidth = canvas_attr(g, AGNODE, "penwidth", "1");
    L->n_fontcolor = canvas_attr(g, AGNODE, "fontcolor", "black");
    L->n_width = canvas_attr(g, AGNODE, "width", "0.2");
    L->n_height = canvas_attr(g, AGNODE, "height", "0.2");
    canvas_attr(g, AGNODE, "fixedsize", "true");
    canvas_attr(g, AGNODE, "margin", "0.06,0.04");
    L->n_labelloc = canvas_attr(g, AGNODE, "labelloc", "c");
    L->n_tooltip = canvas_attr(g, AGNODE, "tooltip", "");
    L->n_class = canvas_attr(g, AGNODE, "class", "");
    L->e_color = canvas_attr(g, AGEDGE, "color", "black");
    L->e_style = canvas_attr(g, AGEDGE, "style", "solid");
    L->e_penwidth = canvas_attr(g, AGEDGE, "penwidth", "1");
    canvas_attr(g, AGEDGE, "arrowhead", "none");
}

static void
lanes_title(struct lanes *L)
{
    const struct journey *j = L->j;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"" LANES_PT_TITLE "\"><B>");
    canvas_wrapped_at(&b, j->name, 60, 2);
    buf_printf(&b,
               "</B></FONT><BR/><FONT POINT-SIZE=\"18\">%zu stage%s · %zu touchpoint%s · %zu weak "
               "spot%s · %zu contact gap%s</FONT>",
               j->n_stages, j->n_stages == 1 ? "" : "s", j->n_touchpoints,
               j->n_touchpoints == 1 ? "" : "s", L->marks.n_weak, L->marks.n_weak == 1 ? "" : "s",
               L->n_gaps, L->n_gaps == 1 ? "" : "s");
    buf_printf(&b,
               "<BR/>fill: score (red 1 … green 5, grey none) · solid border: we reach out · "
               "dashed: the customer comes to us · <FONT COLOR=\"%s\">thick red: weak spot, no "
               "plan</FONT> · <FONT COLOR=\"%s\">orange: with a plan</FONT>",
               CANVAS_RED, CANVAS_ORANGE);
    if (L->n_hidden)
        buf_printf(&b, "<BR/>summarised: %zu touchpoint%s not drawn (at most %d per stage)",
                   L->n_hidden, L->n_hidden == 1 ? "" : "s", LANES_STAGE_LIMIT);
    if (L->comp) {
        buf_puts(&b, "<BR/>compared with ");
        canvas_wrapped_at(&b, L->comp->name, 40, 1);
        buf_puts(&b, ": grey dashed cards are theirs alone; ▲ they are rated higher");
    }
    canvas_set_html(L->g, L->g_label, buf_str(&b));
    buf_finish(&b);
}

bool
lanes_render(const struct journey *j, const struct diag *d, const struct competitor *competitor,
             struct diagram_target *t, char **out, size_t *len, const char **why)
{
    assert(!j->texts_skipped); /* the lanes show the texts */
    struct lanes L = {.j = j, .d = d, .comp = competitor};
    timeline_init(&L.t, j);
    marks_init(&L.marks, j, d);
    lanes_slots(&L);
    lanes_overdue(&L);
    L.g = canvas_open("lanes");
    lanes_attributes(&L);
    lanes_stages(&L);
    lanes_cards(&L);
    lanes_feeling(&L);
    lanes_lists(&L);
    lanes_findings(&L);
    if (L.comp)
        lanes_competitor(&L);
    lanes_title(&L);
    bool ok = canvas_render(L.g, "nop", t, out, len, why);
    free(L.slots);
    free(L.slot_of);
    free(L.stage_first);
    free(L.overdue);
    marks_finish(&L.marks);
    timeline_finish(&L.t);
    return ok;
}

