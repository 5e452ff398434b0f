/*
 * compare.h - our touchpoints against competitors', computed once as data
 * (cli.md, "The comparison"); markdown.c and diagram.c render it.
 *
 * Per journey: one row per touchpoint of ours, grouped by stage in journey
 * order, with our score and each competitor's rating (0 = not rated); one
 * row per competitor-only touchpoint; per-stage averages (ours, and per
 * competitor its average beside ours over the touchpoints both of us
 * scored, so that like is compared with like). Across journeys,
 * per competitor id: how many of our touchpoints it leads (rated above our
 * score), trails, ties, and how many touchpoints it has alone.
 *
 * Ownership: compare_new() returns a comparison the caller frees with
 * compare_free(); it points into the journeys, which must outlive it.
 */
#ifndef JOURNEYMAP_COMPARE_H
#define JOURNEYMAP_COMPARE_H

#include "core/model.h"

#include <stddef.h>
#include <stdint.h>

struct compare_row {
    const struct stage *stage;
    const struct touchpoint *tp; /* ours, or the competitor's for competitor-only rows */
    int8_t *ratings;             /* per competitor of the journey, 1..5; 0 = no rating */
    uint32_t only;               /* competitor-only row: its competitor's index + 1; else 0 */
    int ours;                    /* our score, 0 when unscored or competitor-only */
};

/* A competitor's stage average beside ours over the same touchpoints:
 * those of ours in the stage that we scored and it rated (n of them). */
struct compare_pair {
    double theirs, ours; /* means over the n touchpoints; unset when n == 0 */
    size_t n;
};

struct compare_average {
    double ours;             /* mean of our scores in the stage; < 0 when none */
    size_t n_ours;           /* how many of our touchpoints in the stage are scored */
    struct compare_pair *vs; /* per competitor of the journey */
};

struct compare_journey {
    const struct journey *j;
    struct compare_row *rows; /* by stage, ours in document order, then competitor-only */
    size_t n_rows;
    int8_t *ratings;                  /* the rows' ratings, in one block (a score fits a byte) */
    struct compare_average *averages; /* by stage index */
};

struct compare_tally {
    const char *id, *name; /* the competitor (name as first seen) */
    size_t lead, trail, tie, alone;
};

struct comparison {
    struct compare_journey *journeys; /* those with at least one competitor */
    size_t n_journeys;
    struct compare_tally *tallies; /* by competitor id, in order of first appearance */
    size_t n_tallies;
};

struct comparison *compare_new(const struct journey *const *journeys, size_t n);
void compare_free(struct comparison *c);

#endif
