/*
 * coverage.c - where we meet customers (check/coverage.h) as a heat map:
 * all segments together, then one matrix per segment, each an HTML-like
 * table label (node "coverage:all", then "coverage:ID"), stacked top to
 * bottom and laid out with dot. A cell's blue deepens with its count; a
 * phase never reached is red, one reached only reactively amber.
 */
#include "render/graphviz/canvas.h"

#include "check/coverage.h"

#include <ctype.h>
#include <stdio.h>

/* Blues from none to the most in a matrix. */
static const char *const coverage_blues[] = {"#ffffff", "#eaf2fa", "#c6dbef", "#9ecae1",
                                             "#6baed6"};
#define COVERAGE_AMBER "#fdebd0"

static void
coverage_svg_cell(struct buf *b, const struct coverage_cell *c, size_t most)
{
    size_t n = c->proactive + c->reactive;
    if (!n) {
        buf_puts(b, "<TD>–</TD>");
        return;
    }
    size_t shade = most ? 1 + (n * 3 + most - 1) / most : 1; /* 1..4 */
    if (shade > 4)
        shade = 4;
    buf_printf(b, "<TD BGCOLOR=\"%s\">%zu (%zu / %zu)</TD>", coverage_blues[shade], n, c->proactive,
               c->reactive);
}

static void
coverage_svg_table(struct buf *b, const struct coverage *c, const struct coverage_matrix *m)
{
    size_t most = 0;
    for (size_t p = 0; p < PHASE_COUNT; p++)
        for (size_t k = 0; k < CHANNEL_COUNT; k++)
            if (m->cells[p][k].proactive + m->cells[p][k].reactive > most)
                most = m->cells[p][k].proactive + m->cells[p][k].reactive;
    buf_printf(b,
               "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"5\" "
               "COLOR=\"%s\"><TR><TD COLSPAN=\"%zu\"><B>",
               CANVAS_GREY, 3 + c->n_channels);
    if (m->j)
        canvas_wrapped_at(b, m->j->name, 60, 2);
    else
        buf_puts(b, "All segments");
    buf_puts(b, "</B></TD></TR><TR><TD><B>phase</B></TD>");
    for (size_t k = 0; k < CHANNEL_COUNT; k++)
        if (c->channel_used[k])
            buf_printf(b, "<TD><B>%s</B></TD>", channel_names[k]);
    buf_puts(b, "<TD><B>total</B></TD><TD><B>mark</B></TD></TR>");
    for (size_t i = 1; i <= PHASE_COUNT; i++) {
        enum phase p = (enum phase)(i % PHASE_COUNT);
        if (!coverage_row_shown(m, p))
            continue;
        enum coverage_mark mark = m->marks[p];
        const char *fill = mark == COVERAGE_NEVER      ? CANVAS_GAP_FILL
                           : mark == COVERAGE_REACTIVE ? COVERAGE_AMBER
                                                       : "#ffffff";
        char name[32];
        snprintf(name, sizeof name, "%s", p == PHASE_NONE ? "no phase" : phase_names[p]);
        name[0] = (char)toupper((unsigned char)name[0]);
        buf_printf(b, "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"%s\">%s</TD>", fill, name);
        for (size_t k = 0; k < CHANNEL_COUNT; k++)
            if (c->channel_used[k])
                coverage_svg_cell(b, &m->cells[p][k], most);
        coverage_svg_cell(b, &m->rows[p], 0);
        buf_printf(b, "<TD ALIGN=\"LEFT\" BGCOLOR=\"%s\">%s%s</TD></TR>", fill,
                   mark == COVERAGE_NEVER || mark == COVERAGE_REACTIVE ? "⚠ " : "",
                   coverage_mark_names[mark]);
    }
    buf_puts(b, "</TABLE>");
}

bool
coverage_render(const struct coverage *c, struct diagram_target *t, char **out, size_t *len,
                const char **why)
{
    struct canvas_stack st;
    canvas_stack_open(&st, "coverage",
                      "<FONT POINT-SIZE=\"20\"><B>Where we meet customers</B></FONT><BR/>"
                      "our touchpoints by phase and channel: total (proactive / reactive); the "
                      "more, the bluer<BR/>red: a phase never reached; amber: reached only "
                      "reactively",
                      "12");
    struct buf b, name;
    buf_init(&b);
    buf_init(&name);
    coverage_svg_table(&b, c, &c->total);
    canvas_stack_push(&st, "coverage:all", buf_str(&b));
    for (size_t i = 0; i < c->n_segments; i++) {
        b.len = name.len = 0;
        coverage_svg_table(&b, c, &c->segments[i]);
        buf_printf(&name, "coverage:%s", c->segments[i].j->id);
        canvas_stack_push(&st, buf_str(&name), buf_str(&b));
    }
    buf_finish(&name);
    buf_finish(&b);
    return canvas_render(st.g, "dot", t, out, len, why);
}
