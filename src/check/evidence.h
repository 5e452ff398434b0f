/*
 * evidence.h - planned against actual (evidence.md): a contact log's
 * events placed on the journey's plan, customer by customer, stage by
 * stage, and the measures the evidence rules read: per touchpoint reach
 * among the customers it was due for, median delay, late share, measured
 * score, stop share; per journey the actual proactive share (overall and
 * over the last 30 days), the silent share and the unplanned contacts.
 * Every definition is evidence.md's; docs/evidence.md says them in plain
 * words.
 *
 * Ownership: evidence_new() returns a struct the caller frees with
 * evidence_free(); it points into the journey. The log's events are
 * reordered (grouped by customer, by date) and then freed.
 */
#ifndef JOURNEYMAP_EVIDENCE_H
#define JOURNEYMAP_EVIDENCE_H

#include "core/diag.h"
#include "core/model.h"
#include "read/contactlog.h"

#include <stdbool.h>
#include <stddef.h>

/* A measure that may be undefined (a share of nothing): has false. */
struct measure {
    bool has;
    double v;
};

struct evidence_tp {
    const struct touchpoint *tp;
    long planned_day; /* P(s) + day(T) */
    size_t eligible, reached;
    struct measure reach, median_delay, late_share, measured_score, stop_share;
    size_t score_count;
    size_t with_event; /* anchored customers with an event for it */
    size_t stopped_here;
};

/* How long customers' longest silences are: buckets of days. */
#define EVIDENCE_SILENCE_BUCKETS 7
extern const char *const evidence_silence_labels[EVIDENCE_SILENCE_BUCKETS];

struct evidence {
    const struct journey *j;
    day_number from, as_of;
    size_t customers, anchored, events, planned_events, unplanned_events, ignored_rows, stopped;
    struct measure proactive_share, proactive_share_30d, planned_proactive_share, silent_share;
    struct evidence_tp *tps; /* ours, in journey order (stage by stage) */
    size_t n_tps;
    struct log_unplanned *unplanned; /* most events first */
    size_t n_unplanned;
    size_t silences[EVIDENCE_SILENCE_BUCKETS]; /* anchored customers by longest silence */
    size_t silent;                            /* silence > max-silence-days */
};

/*
 * Place log's events on j's plan. from, as_of: --from and --as-of, or
 * NULL (the earliest and the latest date read). The log's events are
 * consumed. Returns NULL when the log has no event.
 */
struct evidence *evidence_new(const struct journey *j, struct contact_log *log,
                              const day_number *from, const day_number *as_of);
void evidence_free(struct evidence *e);

/* The evidence rules' findings about j (evidence.md, "Rules"), added to d
 * (whose current file is j's), severities as j's policy says. */
void evidence_rules(const struct evidence *e, struct diag *d);

#endif
