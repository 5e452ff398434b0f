/*
 * markdown.h - the Markdown documents: the review checklist, the
 * competitor comparison tables and index.md, built as cmark node trees
 * and rendered as GitHub-flavoured CommonMark (or, for the checklist, a
 * standalone HTML page).
 *
 * Each document is one file of render/cmark/, the home of cmark, on its
 * back end (md.h); this header is the folder's face and includes no cmark
 * header. User Markdown is parsed, cleaned (no raw HTML, no unsafe links,
 * no images) and grafted in as nodes, never pasted as text.
 *
 * Ownership: every function returns malloc'd text the caller frees, its
 * length in *len.
 */
#ifndef JOURNEYMAP_MARKDOWN_H
#define JOURNEYMAP_MARKDOWN_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * The checklist of j with the findings in d (those about j's file), as
 * GitHub-flavoured CommonMark, or as a complete HTML page when html is
 * set (checklist.c). Every finding of `check` for the journey appears
 * exactly once as a task item. today dates the summary ("reviewed N days
 * ago"). With since (build --since REV; since_rev names REV), a "Since the
 * last workshop" section comes first.
 */
struct journey_diff;
char *checklist_render(const struct journey *j, const struct diag *d, day_number today, bool html,
                       const struct journey_diff *since, const char *since_rev, size_t *len);

/*
 * Where a document written piece by piece goes: put() takes each piece in
 * order and returns false when it could not (a failed write); then
 * nothing more is passed on.
 */
struct md_sink {
    bool (*put)(void *ctx, const char *data, size_t len);
    void *ctx;
};

/*
 * The same checklist, part by part: the part before the stages, then each
 * stage's heading and items and each of its touchpoints, each built, passed
 * to sink and freed before the next, so memory is bounded by the largest
 * touchpoint, not the journey. The pieces, joined, are checklist_render()'s
 * text. Returns false when sink refused a piece.
 */
bool checklist_write(const struct journey *j, const struct diag *d, day_number today, bool html,
                     const struct journey_diff *since, const char *since_rev,
                     const struct md_sink *sink);

struct agenda;

/*
 * The workshop agenda (check/agenda.h) of the journeys js, as
 * GitHub-flavoured CommonMark, or as a complete HTML page when html is set
 * (agenda.c); by_owner groups its first three sections under one heading
 * per owner. today dates it.
 */
char *agenda_render(const struct agenda *a, const struct journey *const *js, size_t n,
                    day_number today, bool by_owner, bool html, size_t *len);

struct comparison;

/*
 * The competitor comparison (compare.h) as GitHub-flavoured Markdown
 * (comparison.c): the tally per competitor across segments, then one
 * table per journey with per-stage averages.
 */
char *comparison_render(const struct comparison *cmp, size_t *len);

struct coverage;

/* Where we meet customers (check/coverage.h) as GitHub-flavoured Markdown
 * (coverage.c): all segments together, then one matrix per segment. */
char *coverage_markdown(const struct coverage *c, size_t *len);
/* The all-segments matrix alone as an HTML table, for the workshop page. */
char *coverage_total_html(const struct coverage *c, size_t *len);

struct site_entry;

/* index.md for `build` (index.c; see site.h). */
char *index_render(const struct site_entry *v, size_t n, bool comparison, day_number today,
                   size_t *len);

#endif
