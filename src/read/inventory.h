/*
 * inventory.h - a touchpoint inventory, the spreadsheet teams keep of
 * their touchpoints, read from CSV into journeys (docs/inventory.md): one
 * row per touchpoint, ours or a competitor's; stages, owners, changes and
 * competitors made from the rows that name them.
 *
 * Header names are matched without regard to case, spaces, '_' and '-';
 * vocabulary values without regard to case; ids that are not ids are
 * taken as names and ids made from them, as the Mermaid import makes
 * them. Every bad value is an error at FILE:LINE:COLUMN naming the column
 * as the header writes it; all are reported, and then no journey is kept.
 * Warnings (unknown columns, defaults filled in, rows that disagree about
 * a stage or an owner) do not stop the reading.
 *
 * Ownership: the journeys of a struct inventory are its own until
 * inventory_finish(); each journey's strings live in its arena.
 */
#ifndef JOURNEYMAP_INVENTORY_H
#define JOURNEYMAP_INVENTORY_H

#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The columns of the export, in its order (inventory.md). */
enum inventory_column {
    INV_JOURNEY,
    INV_STAGE,
    INV_STAGE_NAME,
    INV_PHASE,
    INV_STAGE_DAYS,
    INV_TOUCHPOINT,
    INV_NAME,
    INV_COMPETITOR,
    INV_CHANNEL,
    INV_INITIATOR,
    INV_OWNER,
    INV_MODE,
    INV_PURPOSE,
    INV_DAY,
    INV_EVERY,
    INV_SCORE,
    INV_EMOTION,
    INV_ABOUT,
    INV_OWNER_NAME,
    INV_OWNER_TRAINED,
    INV_METRICS,
    INV_PLUSES,
    INV_MINUSES,
    INV_PLAN,
    INV_PLAN_OWNER,
    INV_PLAN_DUE,
    INV_NOTE,
    INV_CHANGE_NAME,
    INV_CHANGE_DATE,
    INV_FINDINGS,
    INV_COLUMN_COUNT
};

/* Their header names, as the export writes them. */
extern const char *const inventory_columns[INV_COLUMN_COUNT];

struct inventory {
    struct journey **journeys; /* in order of first appearance */
    size_t n;
    size_t errors, warnings; /* as reported */
};

/*
 * Read the CSV in f, named path in messages; with no journey column the
 * journey's id is default_id. Errors and warnings go to msgs, one line
 * each. true with the journeys in *out; false after the errors (out then
 * holds none).
 */
bool inventory_read(FILE *f, const char *path, const char *default_id, FILE *msgs,
                    struct inventory *out);
void inventory_finish(struct inventory *inv);

#endif
