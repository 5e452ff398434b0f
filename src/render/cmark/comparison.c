/*
 * comparison.c - the competitor comparison (check/compare.h) as GitHub
 * Markdown: the tally per competitor across segments, then one table per
 * journey with per-stage averages (a competitor's beside ours over the
 * same touchpoints). The per-journey table is also the
 * checklist's competitor table.
 */
#include "render/cmark/md.h"

#include "check/compare.h"
#include "render/markdown.h"

#include <stdio.h>
#include <stdlib.h>

/* A score or rating for a table cell: "4", "4 ▲" (above ours), "–". */
static void
comparison_score(struct md_table *t, int score, int ours)
{
    char s[16];
    if (!score)
        snprintf(s, sizeof s, "–");
    else
        snprintf(s, sizeof s, "%d%s", score, ours && score > ours ? " ▲" : "");
    md_cell(t, s);
}

/* A stage average over n touchpoints: "3.5 (2 touchpoints)", "–". */
static void
comparison_average(struct md_table *t, double v, size_t n)
{
    if (!n) {
        md_cell(t, "–");
        return;
    }
    char *s = xasprintf("%.1f (%zu touchpoint%s)", v, n, n == 1 ? "" : "s");
    md_cell(t, s);
    free(s);
}

/* A competitor's stage average beside ours over the same touchpoints:
 * "4.0 ▲ (us 3.5; 2 touchpoints)", "–" when there are none. */
static void
comparison_pair(struct md_table *t, const struct compare_pair *p)
{
    if (!p->n) {
        md_cell(t, "–");
        return;
    }
    char *s = xasprintf("%.1f%s (us %.1f; %zu touchpoint%s)", p->theirs,
                        p->theirs > p->ours ? " ▲" : "", p->ours, p->n, p->n == 1 ? "" : "s");
    md_cell(t, s);
    free(s);
}

/* One row of the table: a touchpoint of ours, or one only a competitor has. */
static void
comparison_row(struct md_table *t, const struct journey *j, const struct compare_row *row)
{
    md_cell(t, row->stage->name);
    if (row->only) {
        char *name = xasprintf("%s (only %s)", row->tp->name, j->competitors[row->only - 1]->name);
        md_cell(t, name);
        free(name);
    } else {
        md_cell(t, row->tp->name);
    }
    comparison_score(t, row->ours, 0);
    for (size_t k = 0; k < j->n_competitors; k++) {
        if (row->only == k + 1 && !row->ratings[k])
            md_cell(t, "yes");
        else
            comparison_score(t, row->ratings[k], row->ours);
    }
}

void
comparison_cells(struct md_table *t, const struct compare_journey *cj, bool averages, bool html,
                 struct md_stream *stream)
{
    const struct journey *j = cj->j;
    *t = (struct md_table){
        .cols = 3 + j->n_competitors, .num_from = 2, .html = html, .stream = stream};
    md_cell(t, "Stage");
    md_cell(t, "Touchpoint");
    md_cell(t, "Us");
    for (size_t k = 0; k < j->n_competitors; k++)
        md_cell(t, j->competitors[k]->name);
    for (size_t r = 0; r < cj->n_rows; r++) {
        const struct compare_row *row = &cj->rows[r];
        comparison_row(t, j, row);
        bool stage_ends = r + 1 == cj->n_rows || cj->rows[r + 1].stage != row->stage;
        if (averages && stage_ends) {
            const struct compare_average *a = &cj->averages[row->stage->index];
            md_cell(t, row->stage->name);
            md_cell(t, "average");
            comparison_average(t, a->ours, a->n_ours);
            for (size_t k = 0; k < j->n_competitors; k++)
                comparison_pair(t, &a->vs[k]);
        }
    }
}

void
comparison_table(cmark_node *doc, const struct compare_journey *cj, bool averages, bool html)
{
    struct md_table t;
    comparison_cells(&t, cj, averages, html, NULL);
    md_table_block(doc, &t);
}

/* For each competitor across segments: leads, trails, ties, alone. */
static void
comparison_tally(cmark_node *doc, const struct comparison *cmp)
{
    md_heading(doc, 2, "Across segments");
    md_text(md_paragraph(doc), "For each competitor: how many of our touchpoints it does better "
                               "than we do (leads), worse (trails) or as well (ties), and how "
                               "many touchpoints it has that we lack (alone).");
    struct md_table t = {.cols = 5, .num_from = 1};
    const char *head[] = {"Competitor", "Leads", "Trails", "Ties", "Alone"};
    for (size_t i = 0; i < 5; i++)
        md_cell(&t, head[i]);
    for (size_t i = 0; i < cmp->n_tallies; i++) {
        const struct compare_tally *ta = &cmp->tallies[i];
        md_cell(&t, ta->name);
        size_t v[4] = {ta->lead, ta->trail, ta->tie, ta->alone};
        for (size_t k = 0; k < 4; k++) {
            char s[24];
            snprintf(s, sizeof s, "%zu", v[k]);
            md_cell(&t, s);
        }
    }
    md_table_block(doc, &t);
}

char *
comparison_render(const struct comparison *cmp, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, "Competitor comparison");
    md_text(md_node(CMARK_NODE_EMPH, md_paragraph(doc)),
            "Scores from 1 (poor) to 5 (excellent). ▲ marks a competitor rated above us; rows "
            "marked \"only\" are things only a competitor does. In a stage's average row, a "
            "competitor's average stands beside ours over the same touchpoints: those we scored "
            "and it rated.");
    if (!cmp->n_journeys)
        md_text(md_paragraph(doc), "None of the journeys names a competitor yet.");
    else
        comparison_tally(doc, cmp);
    for (size_t i = 0; i < cmp->n_journeys; i++) {
        md_heading(doc, 2, cmp->journeys[i].j->name);
        comparison_table(doc, &cmp->journeys[i], true, false);
    }
    return md_render(doc, false, len);
}
