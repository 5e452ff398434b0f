/*
 * diff.h - what changed between two versions of a journey (diff.md): the
 * models compared element by element, matched by id, and the findings of
 * `check` on both sides compared as multisets. A model-to-model
 * comparison: it renders nothing (render/cmark/diff.c writes the report,
 * render/jansson/diff.c the JSON).
 *
 * Ownership: a struct diff owns its changes and their strings; the
 * journeys and findings it points to belong to the caller's workspaces,
 * which must outlive it. diff_free() releases it.
 */
#ifndef JOURNEYMAP_DIFF_H
#define JOURNEYMAP_DIFF_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

enum diff_kind { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED, DIFF_MOVED, DIFF_KIND_COUNT };

/* "added", "removed", "changed", "moved". */
extern const char *const diff_kind_names[DIFF_KIND_COUNT];

/* One change (diff.md, "JSON"): what ("touchpoint", "plus", …), its id,
 * the field changed (NULL for most additions and removals), the values
 * old and new (NULL where absent), and the line in NEW (OLD when removed). */
struct diff_change {
    enum diff_kind kind;
    const char *what;
    char *id;
    char *field;
    char *old, *new_;
    unsigned line;
};

enum diff_status { DIFF_SAME, DIFF_CHANGE, DIFF_ADD, DIFF_REMOVE };

/* "same", "changed", "added", "removed". */
extern const char *const diff_status_names[4];

struct journey_diff {
    const struct journey *old, *new_; /* NULL for an added / removed journey */
    enum diff_status status;
    struct diff_change *changes;
    size_t n_changes, cap_changes;
    const struct finding **found_new, **found_resolved;
    size_t n_new, n_resolved;
    size_t count[DIFF_KIND_COUNT]; /* changes by kind */
};

struct diff {
    struct journey_diff *v; /* matched journeys: NEW's order, then OLD's removed */
    size_t n;
};

/*
 * Compare the journeys of two sides, matched by journey id (or, when
 * pair is true and each side has exactly one journey, those two whatever
 * their ids). dold and dnew hold the findings of each side.
 */
struct diff *diff_new(struct journey *const *old, size_t n_old, const struct diag *dold,
                      struct journey *const *new_, size_t n_new, const struct diag *dnew,
                      bool pair);
void diff_free(struct diff *d);

/* Whether any journey differs (diff(1)'s exit status 1). */
bool diff_differs(const struct diff *d);

#endif
