/*
 * inventory.h - journeys as the touchpoint inventory, a CSV file for
 * spreadsheets (inventory.md): one header row with the columns of
 * read/inventory.h, then one row per touchpoint, ours in journey order
 * (stage order, then time order within the stage, ties in file order),
 * then each competitor's own in file order. RFC 4180: a field is quoted
 * when it holds ',', '"', CR or LF, with its quotes doubled; records end
 * with CRLF; a line break inside a cell is LF, as spreadsheets write it.
 * Values are written trimmed; a plus or minus is one line of its cell
 * (its own line breaks become spaces), so that import reads back the same
 * texts.
 *
 * Ownership: the text returned is malloc'd; the caller frees it.
 */
#ifndef JOURNEYMAP_RENDER_INVENTORY_H
#define JOURNEYMAP_RENDER_INVENTORY_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

/* The CSV of js[0..n), the findings column from d's findings about each
 * touchpoint; bom: start with a UTF-8 byte-order mark. *len its length. */
char *inventory_csv(struct journey *const *js, size_t n, const struct diag *d, bool bom,
                    size_t *len);

#endif
