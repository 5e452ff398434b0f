/*
 * heatmap.c - the competitor comparison (check/compare.h) as a heat map:
 * the tally per competitor across segments, then one colour-coded matrix
 * per journey, each an HTML-like table label, stacked top to bottom and
 * laid out with dot (render/diagram.h).
 */
#include "render/graphviz/canvas.h"

#include "check/compare.h"

#include <stdio.h>

static void
heatmap_cell(struct buf *b, int score, int ours)
{
    if (!score) {
        buf_puts(b, "<TD>–</TD>");
        return;
    }
    buf_printf(b, "<TD BGCOLOR=\"%s\">%d%s</TD>", canvas_score_fill[score], score,
               ours && score > ours ? " ▲" : "");
}

/* One journey's matrix as an HTML-like table label. */
static void
heatmap_table(struct buf *b, const struct compare_journey *cj)
{
    const struct journey *j = cj->j;
    buf_printf(b,
               "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" "
               "COLOR=\"%s\"><TR><TD COLSPAN=\"%zu\"><B>",
               CANVAS_GREY, 3 + j->n_competitors);
    canvas_wrapped_at(b, j->name, 60, 2);
    buf_puts(b,
             "</B></TD></TR><TR><TD><B>stage</B></TD><TD><B>touchpoint</B></TD><TD><B>us</B></TD>");
    for (size_t k = 0; k < j->n_competitors; k++) {
        buf_puts(b, "<TD><B>");
        canvas_wrapped(b, j->competitors[k]->name, 2);
        buf_puts(b, "</B></TD>");
    }
    buf_puts(b, "</TR>");
    for (size_t r = 0; r < cj->n_rows; r++) {
        const struct compare_row *row = &cj->rows[r];
        buf_puts(b, "<TR><TD ALIGN=\"LEFT\">");
        canvas_wrapped(b, row->stage->name, 2);
        buf_puts(b, "</TD><TD ALIGN=\"LEFT\">");
        canvas_wrapped(b, row->tp->name, 2);
        if (row->only) {
            buf_puts(b, "<BR/><I>only ");
            canvas_wrapped(b, j->competitors[row->only - 1]->name, 1);
            buf_puts(b, "</I>");
        }
        buf_puts(b, "</TD>");
        heatmap_cell(b, row->ours, 0);
        for (size_t k = 0; k < j->n_competitors; k++) {
            if (row->only == k + 1 && !row->ratings[k])
                buf_printf(b, "<TD BGCOLOR=\"%s\">yes</TD>", CANVAS_GAP_FILL);
            else
                heatmap_cell(b, row->ratings[k], row->ours);
        }
        buf_puts(b, "</TR>");
    }
    buf_puts(b, "</TABLE>");
}

/* The tally across segments as an HTML-like table label. */
static void
heatmap_tally(struct buf *b, const struct comparison *cmp)
{
    buf_printf(b,
               "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" "
               "COLOR=\"%s\"><TR><TD><B>competitor</B></TD><TD><B>leads</B></TD>"
               "<TD><B>trails</B></TD><TD><B>ties</B></TD><TD><B>alone</B></TD></TR>",
               CANVAS_GREY);
    for (size_t i = 0; i < cmp->n_tallies; i++) {
        const struct compare_tally *t = &cmp->tallies[i];
        buf_puts(b, "<TR><TD ALIGN=\"LEFT\">");
        canvas_wrapped(b, t->name, 2);
        buf_printf(b, "</TD><TD>%zu</TD><TD>%zu</TD><TD>%zu</TD><TD>%zu</TD></TR>", t->lead,
                   t->trail, t->tie, t->alone);
    }
    if (!cmp->n_tallies)
        buf_puts(b, "<TR><TD COLSPAN=\"5\">no competitors named yet</TD></TR>");
    buf_puts(b, "</TABLE>");
}

bool
heatmap_render(const struct comparison *cmp, struct diagram_target *t, char **out, size_t *len,
               const char **why)
{
    struct canvas_stack st;
    canvas_stack_open(&st, "comparison",
                      "<FONT POINT-SIZE=\"18\"><B>Competitor comparison</B></FONT><BR/>"
                      "scores 1 (red) to 5 (green); ▲ a competitor rated above us",
                      "11");
    struct buf b;
    buf_init(&b);
    heatmap_tally(&b, cmp);
    canvas_stack_push(&st, "tally", buf_str(&b));
    for (size_t i = 0; i < cmp->n_journeys; i++) {
        char name[32];
        snprintf(name, sizeof name, "journey:%zu", i + 1);
        b.len = 0;
        heatmap_table(&b, &cmp->journeys[i]);
        canvas_stack_push(&st, name, buf_str(&b));
    }
    buf_finish(&b);
    return canvas_render(st.g, "dot", t, out, len, why);
}
