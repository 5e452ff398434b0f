/*
 * coverage.c - where we meet customers (check/coverage.h) as GitHub
 * Markdown: all segments together first, then one matrix per segment;
 * and the total matrix as an HTML table for the workshop page.
 */
#include "render/cmark/md.h"

#include "check/coverage.h"
#include "render/markdown.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

/* "3 (2 / 1)": how many, proactive / reactive; "–" for none. */
static void
coverage_md_cell(struct md_table *t, const struct coverage_cell *c)
{
    if (!c->proactive && !c->reactive) {
        md_cell(t, "–");
        return;
    }
    char s[80];
    snprintf(s, sizeof s, "%zu (%zu / %zu)", c->proactive + c->reactive, c->proactive,
             c->reactive);
    md_cell(t, s);
}

static void
coverage_md_phase(struct md_table *t, enum phase p)
{
    char s[32];
    snprintf(s, sizeof s, "%s", p == PHASE_NONE ? "no phase" : phase_names[p]);
    s[0] = (char)toupper((unsigned char)s[0]);
    md_cell(t, s);
}

static void
coverage_md_table(cmark_node *doc, const struct coverage *c, const struct coverage_matrix *m,
               bool html)
{
    struct md_table t = {.cols = 3 + c->n_channels, .num_from = 2, .html = html};
    md_cell(&t, "Phase");
    md_cell(&t, "Mark");
    for (size_t k = 0; k < CHANNEL_COUNT; k++)
        if (c->channel_used[k])
            md_cell(&t, channel_names[k]);
    md_cell(&t, "Total");
    for (size_t i = 1; i <= PHASE_COUNT; i++) {
        enum phase p = (enum phase)(i % PHASE_COUNT); /* the seven, then "no phase" */
        if (!coverage_row_shown(m, p))
            continue;
        coverage_md_phase(&t, p);
        const char *mark = coverage_mark_names[m->marks[p]];
        char *text = m->marks[p] == COVERAGE_NEVER || m->marks[p] == COVERAGE_REACTIVE
                         ? xasprintf("⚠ %s", mark)
                         : xasprintf("%s", mark);
        md_cell(&t, text);
        free(text);
        for (size_t k = 0; k < CHANNEL_COUNT; k++)
            if (c->channel_used[k])
                coverage_md_cell(&t, &m->cells[p][k]);
        coverage_md_cell(&t, &m->rows[p]);
    }
    md_table_block(doc, &t);
}

char *
coverage_markdown(const struct coverage *c, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, "Where we meet customers");
    md_text(md_node(CMARK_NODE_EMPH, md_paragraph(doc)),
            "Our touchpoints by phase (of their stage) and channel. A cell says how many there "
            "are, then how many we start (proactive) and how many the customer starts "
            "(reactive): 3 (2 / 1). ⚠ never reached: stages in this phase have no touchpoint of "
            "ours; ⚠ only reactive: we wait for the customer to come to us. Competitors' "
            "touchpoints are not counted.");
    if (!c->n_segments) {
        md_text(md_paragraph(doc), "No usable journey was given.");
        return md_render(doc, false, len);
    }
    md_heading(doc, 2, "All segments");
    coverage_md_table(doc, c, &c->total, false);
    for (size_t i = 0; i < c->n_segments; i++) {
        md_heading(doc, 2, c->segments[i].j->name);
        coverage_md_table(doc, c, &c->segments[i], false);
    }
    return md_render(doc, false, len);
}

char *
coverage_total_html(const struct coverage *c, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    coverage_md_table(doc, c, &c->total, true);
    return md_render(doc, true, len);
}
