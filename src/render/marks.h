/*
 * marks.h - what the findings of `check` say about each part of one
 * journey, indexed for the pictures: which weak-spot rules name each of
 * our touchpoints, which stages are empty, whether there are contact gaps.
 * The views draw exactly these marks, so the picture and the list of
 * findings always agree, whatever severities a file chooses.
 *
 * Ownership: a struct marks is the caller's storage; marks_init()
 * allocates its arrays and marks_finish() frees them. It points into the
 * journey, which must outlive it.
 */
#ifndef JOURNEYMAP_MARKS_H
#define JOURNEYMAP_MARKS_H

#include "core/catalog.h"
#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Words of a set of rules, one bit per catalogue entry. */
#define MARKS_WORDS ((CATALOG_MAX + 63) / 64)

struct marks {
    const struct journey *j;
    uint64_t *weak;    /* per touchpoint index: MARKS_WORDS words of weak-spot rules */
    bool *empty_stage; /* per stage index: an empty-stage finding names it (in weak's block) */
    bool contact_gaps; /* contact-gap findings name touchpoints */
    bool no_proactive; /* the journey-level contact-gap finding */
    size_t n_weak;     /* touchpoints with at least one weak-spot finding */
};

/* Index the findings of d about j's file: O((n + f) log n) for n
 * touchpoints and f findings. Findings about other files are ignored. */
void marks_init(struct marks *m, const struct journey *j, const struct diag *d);
void marks_finish(struct marks *m);

/* Whether a weak-spot finding names tp (one of ours). */
bool marks_weak(const struct marks *m, const struct touchpoint *tp);
/* Whether a finding of weak-spot rule r names tp. */
bool marks_weak_by(const struct marks *m, const struct touchpoint *tp, const struct rule_info *r);

/*
 * Which of n touchpoints (in time order) a summarised picture draws: all
 * of them up to limit; beyond, the weak spots first, then the others, the
 * earliest of each, up to limit. Returns n flags (caller frees).
 */
bool *marks_choose(const struct marks *m, const struct touchpoint **order, size_t n, size_t limit);

#endif
