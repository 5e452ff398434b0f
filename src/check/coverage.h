/*
 * coverage.h - where we meet customers (inventory.md, "Coverage"): our
 * touchpoints counted by phase (the stage's) and channel, split into
 * proactive (company-initiated) and reactive (customer-initiated); one
 * matrix per segment and one for all of them together. A phase that some
 * stage has but where no touchpoint of ours is, is never reached; one
 * where all of ours are reactive is reached only reactively.
 * Competitors' touchpoints are not counted.
 *
 * Ownership: coverage_new() returns a struct the caller frees with
 * coverage_free(); it points into the journeys, which must outlive it.
 */
#ifndef JOURNEYMAP_COVERAGE_H
#define JOURNEYMAP_COVERAGE_H

#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

struct coverage_cell {
    size_t proactive, reactive;
};

/* How a phase of a matrix is marked. */
enum coverage_mark {
    COVERAGE_REACHED,    /* some touchpoint is proactive */
    COVERAGE_ABSENT,     /* no stage has the phase: nothing to reach */
    COVERAGE_NEVER,      /* stages have it, no touchpoint of ours is there */
    COVERAGE_REACTIVE,   /* only reactive touchpoints there */
};

struct coverage_matrix {
    const struct journey *j; /* NULL for all segments together */
    /* rows by enum phase; PHASE_NONE is the "no phase" row */
    struct coverage_cell cells[PHASE_COUNT][CHANNEL_COUNT];
    struct coverage_cell rows[PHASE_COUNT]; /* each phase's total */
    size_t stages[PHASE_COUNT];              /* stages with the phase */
    enum coverage_mark marks[PHASE_COUNT];
};

struct coverage {
    struct coverage_matrix total;
    struct coverage_matrix *segments; /* one per journey, in the order given */
    size_t n_segments;
    bool channel_used[CHANNEL_COUNT]; /* by one of our touchpoints somewhere */
    size_t n_channels;
};

struct coverage *coverage_new(const struct journey *const *js, size_t n);
void coverage_free(struct coverage *c);

/* Whether matrix m shows the row of phase p: the seven phases always, "no
 * phase" when some stage of it has none. */
bool coverage_row_shown(const struct coverage_matrix *m, enum phase p);

/* The words of a mark ("" for COVERAGE_REACHED). */
extern const char *const coverage_mark_names[];

#endif
