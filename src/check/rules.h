/*
 * rules.h - the validator: every gap, weak-spot and note rule of rules.md.
 *
 * Rules read a loaded journey (one without errors) and add findings to a
 * diag; they never print and never change the model. Each rule is a small
 * function in a table (rules.c); thresholds come from the journey's
 * <policy>, severities from the catalogue, a touchpoint's <plan> (weak
 * spots become notes) and the file's <policy><rule> overrides.
 *
 * Ownership: nothing here allocates anything the caller must free.
 */
#ifndef JOURNEYMAP_RULES_H
#define JOURNEYMAP_RULES_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>

/*
 * Run every rule on j, adding findings about d's current file. today is
 * the date stale-review and overdue-plan compare against.
 */
void rules_run(const struct journey *j, day_number today, struct diag *d);

/* Which weak-spot conditions hold for one of our touchpoints. */
struct weakness {
    bool low_score, negative_emotion, more_minuses, high_drop_off, long_wait;
};

/*
 * The weak-spot conditions of rules.md for tp under policy p, whatever
 * severity the file gives those rules. Returns whether any holds.
 */
bool rules_weakness(const struct touchpoint *tp, const struct policy *p, struct weakness *w);

/* The largest value of a metric on tp; false when tp has none of it. */
bool rules_metric_max(const struct touchpoint *tp, enum metric_kind kind, double *out);

#endif
