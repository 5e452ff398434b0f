/*
 * changes.h - the reports of `journeymap diff` (diff.md): the Markdown
 * report for people and pull requests (render/cmark/diff.c) and the JSON
 * contract (render/jansson/diff.c), both from a struct diff (check/diff.h).
 *
 * Ownership: both return malloc'd text (free()) and its length in *len.
 */
#ifndef JOURNEYMAP_CHANGES_H
#define JOURNEYMAP_CHANGES_H

#include "check/diff.h"

#include <stddef.h>

/* The report of n journeys' diffs (d->v, d->n; or one, for build's ID.diff.md). */
char *diff_markdown(const struct journey_diff *v, size_t n, size_t *len);
char *diff_json(const struct diff *d, size_t *len);
/* One journey's summary line: "2 touchpoints added, 1 moved, 4 scores
 * changed (3 up, 1 down), 5 findings resolved, 2 new". Caller frees. */
char *diff_summary_text(const struct journey_diff *jd);

#endif
