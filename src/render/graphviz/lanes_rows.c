/*
 * lanes_rows.c - the lanes of text of the lanes view (lanes.h): what
 * works, pain points and plans, one cell per touchpoint; gaps and findings
 * (the journey's own, contact gaps between the slots that bracket them,
 * each touchpoint's weak-spot rule ids); the competitor's ratings.
 */
#include "render/graphviz/lanes.h"

#include "core/date.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Items (texts) into a list cell: "mark text", each wrapped to at most
 * LANES_ITEM_LINES lines, LANES_LIST_LINES lines in all, then "+ N more". */
static void
lanes_list(const struct lanes *L, struct buf *cell, const char *mark, const char *colour,
           struct text *const *items, size_t n)
{
    size_t used = 0, k = 0;
    for (; k < n; k++) {
        struct buf item;
        buf_init(&item);
        buf_printf(&item, "%s ", mark);
        lanes_wrap(L, &item, items[k]->markdown, L->chars, LANES_ITEM_LINES);
        lanes_align_left(&item);
        size_t lines = lanes_lines(buf_str(&item));
        /* Keep a line for "+ N more" unless this is the last item. */
        size_t room = LANES_LIST_LINES - (k + 1 < n ? 1 : 0);
        if (used + lines > room) {
            buf_finish(&item);
            break;
        }
        if (used)
            buf_puts(cell, "<BR ALIGN=\"LEFT\"/>");
        buf_printf(cell, "<FONT COLOR=\"%s\">", colour);
        buf_puts(cell, buf_str(&item));
        buf_puts(cell, "</FONT>");
        used += lines;
        buf_finish(&item);
    }
    if (k < n)
        buf_printf(cell, "%s<I>+ %zu more</I>", used ? "<BR ALIGN=\"LEFT\"/>" : "", n - k);
    if (cell->len)
        buf_puts(cell, "<BR ALIGN=\"LEFT\"/>");
}

/* Lanes 4-6: what works, pain points, plans. */
void
lanes_lists(struct lanes *L)
{
    struct buf *cells = lanes_new_cells(L);
    for (size_t k = 0; k < L->n_slots; k++)
        if (L->slots[k].kind == SLOT_OURS)
            lanes_list(L, &cells[k], "+", "#1e8449", L->slots[k].tp->pluses,
                       L->slots[k].tp->n_pluses);
    lanes_cells(L, "works", "What works", cells);
    lanes_free_cells(L, cells);
    cells = lanes_new_cells(L);
    for (size_t k = 0; k < L->n_slots; k++)
        if (L->slots[k].kind == SLOT_OURS)
            lanes_list(L, &cells[k], "−", CANVAS_RED, L->slots[k].tp->minuses,
                       L->slots[k].tp->n_minuses);
    lanes_cells(L, "pains", "Pain points", cells);
    lanes_free_cells(L, cells);
    cells = lanes_new_cells(L);
    for (size_t k = 0; k < L->n_slots; k++) {
        const struct touchpoint *tp = L->slots[k].tp;
        if (L->slots[k].kind != SLOT_OURS || !tp->plan)
            continue;
        struct buf *b = &cells[k];
        lanes_wrap(L, b, *tp->plan->markdown ? tp->plan->markdown : "a plan", 0, LANES_LIST_LINES);
        if (tp->plan->owner) {
            buf_puts(b, "<BR/><I>");
            lanes_wrap(L, b, tp->plan->owner->name, 0, 2);
            buf_puts(b, "</I>");
        }
        if (tp->plan->has_due) {
            char due[11];
            date_format(tp->plan->due, due);
            buf_printf(b, "<BR/>due %s", due);
        }
        if (L->overdue[tp->index] >= 0)
            buf_printf(b, "<BR/><FONT COLOR=\"%s\"><B>OVERDUE %.0f day%s</B></FONT>", CANVAS_RED,
                       L->overdue[tp->index], L->overdue[tp->index] == 1 ? "" : "s");
        lanes_align_left(b);
    }
    lanes_cells(L, "plans", "Plans", cells);
    lanes_free_cells(L, cells);
}

/* The weak-spot rule ids of a touchpoint, one per line. */
static void
lanes_rule_ids(const struct lanes *L, struct buf *b, const struct touchpoint *tp)
{
    size_t shown = 0, all = 0;
    for (size_t r = 0; r < catalog_len; r++)
        if (catalog[r].category == RULE_WEAK && marks_weak_by(&L->marks, tp, &catalog[r]))
            all++;
    for (size_t r = 0; r < catalog_len; r++) {
        if (catalog[r].category != RULE_WEAK || !marks_weak_by(&L->marks, tp, &catalog[r]))
            continue;
        if (shown == 4 && all > 5) {
            buf_printf(b, "<BR ALIGN=\"LEFT\"/><I>+ %zu more</I>", all - shown);
            break;
        }
        buf_printf(b, "%s<FONT COLOR=\"%s\">", shown ? "<BR ALIGN=\"LEFT\"/>" : "",
                   tp->plan ? CANVAS_ORANGE : CANVAS_RED);
        char *line = xasprintf("⚠ %s", catalog[r].id);
        struct buf id;
        buf_init(&id);
        lanes_wrap(L, &id, line, L->chars - 2, 2);
        lanes_align_left(&id);
        buf_printf(b, "%s</FONT>", buf_str(&id));
        buf_finish(&id);
        free(line);
        shown++;
    }
    if (shown)
        buf_puts(b, "<BR ALIGN=\"LEFT\"/>");
}

/* The contact gaps, between the slots that bracket them, stacked in rows
 * where they would overlap. Returns the rows used. */
static size_t
lanes_gap_boxes(struct lanes *L, double top)
{
    if (!L->marks.contact_gaps)
        return 0;
    struct silence *v;
    size_t n = timeline_silences(&L->t, L->j->policy.max_silence_days, &v);
    double *row_end = xcalloc(n + 1, sizeof *row_end); /* per row: where its last box ends */
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = L->slot_of[v[i].subject->index];
        size_t b = v[i].next ? L->slot_of[v[i].next->index] : L->n_slots - 1;
        if (a == SIZE_MAX)
            a = L->stage_first[v[i].subject->stage->index];
        if (b == SIZE_MAX)
            b = v[i].next ? L->stage_first[v[i].next->stage->index] : L->n_slots - 1;
        if (b < a) {
            size_t t = a;
            a = b;
            b = t;
        }
        double x0 = lanes_x(L, a) - (a == b ? L->slot_w / 2 : 0) + 0.05;
        double x1 = lanes_x(L, b) + (a == b || !v[i].next ? L->slot_w / 2 : 0) - 0.05;
        size_t row = 0;
        while (row < rows && row_end[row] > x0)
            row++;
        rows = row + 1 > rows ? row + 1 : rows;
        row_end[row] = x1;
        char *name = xasprintf("gap:%zu", i + 1);
        /* Narrow: the length only; the tooltip says the rest. */
        char *label = xasprintf("<B>%llu days</B>%s", (unsigned long long)(v[i].to - v[i].from),
                                x1 - x0 < 2.4 ? "" : " without contact");
        Agnode_t *g = lanes_text(L, name, label, x0, top - (double)row * 0.42, x1 - x0, 0.36);
        free(label);
        free(name);
        canvas_set(g, L->n_shape, "box");
        canvas_set(g, L->n_style, "filled,dotted");
        canvas_set(g, L->n_fillcolor, CANVAS_GAP_FILL);
        canvas_set(g, L->n_color, CANVAS_RED);
        canvas_set(g, L->n_fontcolor, CANVAS_RED);
        canvas_set(g, L->n_class, "gap");
        canvas_set(g, L->n_tooltip, "days without contact from us");
        L->n_gaps++;
    }
    free(row_end);
    free(v);
    return rows;
}

/* The findings about the journey as a whole, for the row's first cell. */
static void
lanes_journey_findings(const struct lanes *L, struct buf *b)
{
    struct id_index *ids = id_index_new(L->j);
    size_t shown = 0;
    for (size_t i = 0; i < diag_count(L->d); i++) {
        const struct finding *f = diag_get(L->d, i);
        const struct rule_info *r = catalog_find(finding_rule(f));
        const void *obj = NULL;
        if (diag_file(L->d, f) != L->j->file || !r || r->category != RULE_GAP)
            continue;
        enum id_kind kind = id_index_find(ids, f->subject, &obj);
        if (kind == ID_TOUCHPOINT || kind == ID_COMPETITOR_TOUCHPOINT ||
            strcmp(finding_rule(f), "empty-stage") == 0)
            continue; /* drawn where they happen; a competitor's are its ghost cards */
        buf_printf(b, "%s<FONT COLOR=\"%s\">⚠ ", shown ? "<BR ALIGN=\"LEFT\"/>" : "", CANVAS_RED);
        struct buf t;
        buf_init(&t);
        finding_text(f, &t);
        buf_printf(&t, " [%s]", finding_rule(f));
        lanes_wrap(L, b, buf_str(&t), 150, 2);
        lanes_align_left(b);
        buf_finish(&t);
        buf_puts(b, "</FONT>");
        shown++;
    }
    id_index_free(ids);
    if (shown)
        buf_puts(b, "<BR ALIGN=\"LEFT\"/>");
}

/* Lane 7: gaps and findings. */
void
lanes_findings(struct lanes *L)
{
    struct buf journey;
    buf_init(&journey);
    lanes_journey_findings(L, &journey);
    double top = L->y - 0.08;
    if (journey.len) {
        double h = (double)lanes_lines(buf_str(&journey)) * LANES_LINE + 0.1;
        Agnode_t *n = lanes_text(L, "findings/journey", buf_str(&journey), LANES_LABEL_W + 0.04,
                                 top, (double)L->n_slots * L->slot_w - 0.08, h);
        canvas_set(n, L->n_labelloc, "t");
        canvas_set(n, L->n_class, "findings");
        top -= h + 0.08;
    }
    buf_finish(&journey);
    size_t rows = lanes_gap_boxes(L, top);
    top -= (double)rows * 0.42;
    double before = L->y;
    L->y = top + 0.04;
    struct buf *cells = lanes_new_cells(L);
    for (size_t k = 0; k < L->n_slots; k++)
        if (L->slots[k].kind == SLOT_OURS)
            lanes_rule_ids(L, &cells[k], L->slots[k].tp);
    double h = lanes_cell_row(L, "findings", cells, L->y);
    lanes_free_cells(L, cells);
    double total = before - (L->y - h);
    L->y = before;
    lanes_label(L, "findings", "Gaps and findings", total);
    L->y -= total;
}

/* Lane 8 (with --competitor): its rating under each rated touchpoint. */
void
lanes_competitor(struct lanes *L)
{
    struct buf *cells = lanes_new_cells(L);
    for (size_t r = 0; r < L->comp->n_ratings; r++) {
        const struct rating *rt = L->comp->ratings[r];
        size_t k = L->slot_of[rt->touchpoint->index];
        if (k == SIZE_MAX)
            continue;
        bool ahead = rt->touchpoint->score && rt->score > rt->touchpoint->score;
        buf_printf(&cells[k], "<FONT COLOR=\"%s\">%d/5%s</FONT>", ahead ? CANVAS_RED : CANVAS_GREY,
                   rt->score, ahead ? " ▲ ahead" : "");
    }
    for (size_t k = 0; k < L->n_slots; k++)
        if (L->slots[k].kind == SLOT_GHOST && L->slots[k].tp->score)
            buf_printf(&cells[k], "%d/5 (theirs only)", L->slots[k].tp->score);
    lanes_cells(L, "rival", L->comp->name, cells);
    lanes_free_cells(L, cells);
}

