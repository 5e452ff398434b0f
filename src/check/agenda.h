/*
 * agenda.h - the workshop agenda as data (workshop.md, "The agenda";
 * docs/agenda.md): which findings of the journeys a short session should
 * take first, in which order; render/cmark/agenda.c writes it.
 *
 * Four sections, in this order: every overdue-plan finding, the longest
 * overdue first; the top touchpoints with weak-spot findings at warning
 * level (no plan, or an overdue one), ranked by agenda_priority(); gaps
 * (contact gaps longest first, empty stages, missing follow-up and
 * feedback, unannounced changes soonest first, slow or impersonal first
 * contacts); where competitors lead (behind-competitor, the largest margin
 * first, then competitor-only). Gap and competitor findings are listed at
 * warning level or above (a file's policy may have lowered them). Every
 * other finding is counted as left for the checklists.
 *
 * Ownership: agenda_new() returns an agenda the caller frees with
 * agenda_free(); it points into the journeys and the diag, which must
 * outlive it.
 */
#ifndef JOURNEYMAP_AGENDA_H
#define JOURNEYMAP_AGENDA_H

#include "check/timeline.h"
#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

enum agenda_section { AGENDA_OVERDUE, AGENDA_WEAK, AGENDA_GAPS, AGENDA_RIVALS, AGENDA_SECTIONS };

struct agenda_item {
    enum agenda_section section;
    const struct journey *j;
    const struct stage *stage;     /* where it is; NULL for the journey as a whole */
    const struct touchpoint *tp;   /* ours, or a competitor's; NULL when about none */
    const struct change *change;   /* unannounced-change only */
    const char *owner;             /* the name of who answers for it; NULL: no owner */
    const struct competitor *rival; /* behind-competitor: who is rated above us */
    int rating;                     /* and how high */
    struct silence silence;         /* contact-gap about a touchpoint: the silence */
    const struct finding **f;      /* the findings it covers (a weak spot: several) */
    size_t n_f;
    /* the order within its section: group (ascending: which kind of gap,
     * say), then rank (descending), then segment and the finding's order */
    int group;
    double size; /* the first finding's (diag_size()) */
    double rank;
    size_t segment; /* index of j among the journeys given */
};

struct agenda {
    struct agenda_item *items; /* by section, then rank, then segment and file order */
    size_t n_items;
    size_t n_findings;  /* findings of the journeys */
    size_t n_listed;    /* of them, on the agenda */
    size_t n_weak;      /* touchpoints with weak spots at warning level, before the top cut */
};

/*
 * The agenda of the journeys js (usable ones) from their findings in d:
 * at most top weak-spot items.
 */
struct agenda *agenda_new(const struct journey *const *js, size_t n, const struct diag *d,
                          size_t top);
void agenda_free(struct agenda *a);

/*
 * How urgently a weak touchpoint needs work, from its findings at warning
 * level ws (n of them) and its journey's policy: 3 points per rule that
 * fires; the distance past each threshold (score points below min-score,
 * emotion below 0, minuses above pluses (at most 3), tenths of drop-off
 * above max-drop-off, times over max-wait-seconds (at most 3)); 10 times
 * the drop-off share where it is measured (the customers affected); and 2
 * when its plan is overdue.
 */
double agenda_priority(const struct touchpoint *tp, const struct policy *p,
                       const struct finding *const *ws, size_t n, bool overdue);

#endif
