/*
 * inventory_rows.h - what the two files of the inventory reader share:
 * the rows as read (inventory.c: the header, the cells, the journeys and
 * owners across the file) and the journey made of one journey's rows
 * (inventory_build.c). Private to src/read/; see inventory.h.
 *
 * Ownership: a struct inv_read owns its rows' strings (one arena) until
 * inventory_read() returns; a built journey owns what it holds in its own
 * arena, copied from the rows.
 */
#ifndef JOURNEYMAP_INVENTORY_ROWS_H
#define JOURNEYMAP_INVENTORY_ROWS_H

#include "core/util.h"
#include "read/inventory.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One value of a row: trimmed; "" when empty or when the file has no such
 * column (column 0 then). */
struct inv_cell {
    const char *v;
    unsigned line, column;
};

struct inv_row {
    struct inv_cell c[INV_COLUMN_COUNT];
    unsigned line;
};

/* An owner's details, from the first rows naming it that give them. */
struct inv_owner {
    const struct inv_cell *name, *trained;
    enum trained trained_value;
};

/* A message, printed with the others in the order of the file. */
struct inv_msg {
    unsigned line, column; /* line 0: about the whole file, printed last */
    size_t seq;
    char *text;
};

struct inv_read {
    const char *path;
    FILE *msgs;
    struct inv_msg *said;
    size_t n_said, cap_said;
    struct arena *strings;                 /* the rows' values */
    const char *header[INV_COLUMN_COUNT];  /* as written; NULL when absent */
    struct inv_cell head[INV_COLUMN_COUNT]; /* where each header cell is */
    struct inv_row *rows;
    size_t n_rows, cap_rows;
    size_t errors, warnings;
    bool named[INV_COLUMN_COUNT]; /* said: this id column holds names */
    size_t filled[INV_COLUMN_COUNT]; /* rows given the default channel, initiator */
    struct strindex owner_keys;      /* inv_owner_key() -> details */
    struct inv_owner *owners;
    size_t cap_owners;
};

void inv_error(struct inv_read *r, const struct inv_cell *c, const char *fmt, ...) PRINTF_LIKE(3, 4);
void inv_warn(struct inv_read *r, const struct inv_cell *c, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* The column's name as the file's header writes it (the export's when
 * absent). */
const char *inv_header(const struct inv_read *r, enum inventory_column col);

/* What an id column's value names: "i:ID" when it is an id, "n:NAME"
 * when it is a name (malloc'd; caller frees). */
char *inv_key(const char *v);

/* The key of an owner's details: the journey cell's value and inv_key()
 * of the owner cell's (malloc'd). */
char *inv_owner_key(const char *journey, const char *owner);

/* A vocabulary value of column col without regard to case: its index in
 * vocab[0..n), or -1 after an error at c naming what is allowed. */
int inv_word(struct inv_read *r, enum inventory_column col, const struct inv_cell *c,
             const char *const *vocab, size_t n);

/* The journey made of rows[0..n) (indexes into r->rows), id and name
 * given; NULL when they hold errors (reported). */
struct journey *inv_build(struct inv_read *r, const char *id, const char *name, const size_t *rows,
                          size_t n);

#endif
