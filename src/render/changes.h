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

char *diff_markdown(const struct diff *d, size_t *len);
char *diff_json(const struct diff *d, size_t *len);

#endif
