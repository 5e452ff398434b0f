/*
 * markdown.h - the Markdown emitter: the review checklist, a Markdown document (or a standalone
 * HTML page of it) that a planning workshop works through together
 * (cli.md, "The review checklist"; docs/checklist.md).
 *
 * The only user of cmark. The document is built as a cmark node tree;
 * user Markdown is parsed, cleaned (no raw HTML, no unsafe links, no
 * images) and grafted in as nodes, never pasted as text. Every finding of
 * `check` for the journey appears exactly once as a task item.
 *
 * Ownership: checklist_render() hands the caller a malloc'd string.
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
 * set. today dates the summary ("reviewed N days ago"). Caller frees the
 * result with free(); *len is its length.
 */
char *checklist_render(const struct journey *j, const struct diag *d, day_number today, bool html,
                       size_t *len);

struct comparison;

/*
 * The competitor comparison (compare.h) as GitHub-flavoured Markdown: the
 * tally per competitor across segments, then one table per journey with
 * per-stage averages. Caller frees the result with free().
 */
char *compare_markdown(const struct comparison *cmp, size_t *len);

struct site_entry;

/* index.md for `build` (see site.h). Caller frees the result. */
char *index_markdown(const struct site_entry *v, size_t n, bool comparison, day_number today,
                     size_t *len);

#endif
