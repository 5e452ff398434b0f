/*
 * timeline.h - the journey as a line of days (format.md, "The timeline").
 *
 * A stage starts where the previous one ends (the first at day 0) and
 * lasts its `days`, or the largest `day` of its own touchpoints. A
 * touchpoint happens at its stage's start + `day` and, with `every`, again
 * at each further multiple strictly before the stage's end. Rules and
 * emitters share this one reading of time.
 *
 * Ownership: a struct timeline is the caller's storage; timeline_init()
 * allocates its arrays and timeline_finish() frees them. A timeline points
 * into its journey and must not outlive it. Silences returned by
 * timeline_silences() are the caller's: free() the array.
 */
#ifndef JOURNEYMAP_TIMELINE_H
#define JOURNEYMAP_TIMELINE_H

#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days from the journey's start. Wide: 100,000 days per stage add up. */
typedef uint64_t jday;

struct timeline {
    const struct journey *journey;
    jday *stage_start; /* by stage index */
    jday *stage_len;   /* by stage index */
    jday end;          /* where the last stage ends */
};

/* The occurrences of one touchpoint: first, first + step, …, count of them. */
struct series {
    jday first;
    jday step;  /* 0 when it happens once */
    jday count; /* at least 1 */
};

void timeline_init(struct timeline *t, const struct journey *j);
void timeline_finish(struct timeline *t);

jday timeline_stage_end(const struct timeline *t, const struct stage *s);

/* When a touchpoint (ours, or a competitor's in the stage it names) happens. */
struct series timeline_series(const struct timeline *t, const struct touchpoint *tp);

/*
 * tps[0..n) (touchpoints of ours) in time order: by first occurrence,
 * then by position in the file. Caller frees the array with free().
 */
const struct touchpoint **timeline_order(const struct timeline *t, struct touchpoint *const *tps,
                                         size_t n);

/* The first occurrence at or after day, if any. */
bool series_at_or_after(const struct series *s, jday day, jday *out);

/* The last occurrence. */
jday series_last(const struct series *s);

/* The stage a day falls in (the last stage for the journey's end day). */
const struct stage *timeline_stage_at(const struct timeline *t, jday day);

/*
 * A stretch without any company-initiated occurrence of ours longer than
 * max_days (rules.md, contact-gap). from is the occurrence before the
 * silence, to the next one or the journey's end; subject is the touchpoint
 * whose occurrence at `from` comes last in the file.
 */
struct silence {
    jday from, to;
    const struct touchpoint *subject;
    const struct touchpoint *next; /* first in file at `to`; NULL at the end */
    bool to_end;                   /* the silence runs to the journey's end */
};

/*
 * Every silence longer than max_days, in time order, from the first
 * company-initiated occurrence to the journey's end. Returns the number
 * found and sets *out (caller frees; NULL when none). Time is
 * O((n + p) log n) for n touchpoints and p occurrences of touchpoints
 * that repeat less often than max_days (more frequent repeats count as one
 * stretch of contact).
 */
size_t timeline_silences(const struct timeline *t, jday max_days, struct silence **out);

#endif
