/*
 * workspace.c - loading the files of one run.
 */
#include "check/workspace.h"

#include "read/files.h"
#include "read/load.h"
#include "check/rules.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
workspace_init(struct workspace *w)
{
    memset(w, 0, sizeof *w);
    w->diag = diag_new();
}

void
workspace_finish(struct workspace *w)
{
    for (size_t i = 0; i < w->n_journeys; i++)
        journey_free(w->journeys[i]);
    free(w->journeys);
    diag_free(w->diag);
    memset(w, 0, sizeof *w);
}

/* The journey loaded earlier in this run with the same id, or NULL. */
static const struct journey *
workspace_same_id(const struct workspace *w, const struct journey *j)
{
    for (size_t i = 0; i < w->n_journeys; i++)
        if (strcmp(w->journeys[i]->id, j->id) == 0)
            return w->journeys[i];
    return NULL;
}

/* A file that was read: kept when usable and its id is new, then checked
 * (while it is diag's current file). */
static void
workspace_take(struct workspace *w, struct journey *j, const day_number *today)
{
    w->n_read++;
    if (!j)
        return;
    const struct journey *first = workspace_same_id(w, j);
    if (first) {
        diag_add(w->diag, j->loc.line, SEVERITY_ERROR, "duplicate-journey", j->id,
                 "journey id \"%s\" is already used by %s (line %u); each segment needs its "
                 "own id",
                 j->id, first->file, first->loc.line);
        journey_free(j);
        return;
    }
    if (today)
        rules_run(j, *today, w->diag);
    xgrow((void **)&w->journeys, &w->cap_journeys, w->n_journeys + 1, sizeof *w->journeys);
    w->journeys[w->n_journeys++] = j;
}

void
workspace_load_bytes(struct workspace *w, const char *label, const char *data, size_t len,
                     const day_number *today)
{
    const char *name = diag_begin_file(w->diag, label);
    struct journey *j = NULL;
    w->n_files++;
    load_journey_bytes(data, len, name, w->diag, w->load_flags, &j);
    workspace_take(w, j, today);
}

void
workspace_load(struct workspace *w, char *const *args, size_t n_args, const day_number *today)
{
    struct file_list files;
    file_list_init(&files);
    for (size_t i = 0; i < n_args; i++) {
        const char *why;
        size_t before = files.n;
        if (!file_list_add(&files, args[i], &why)) {
            fprintf(stderr, "journeymap: cannot read folder %s: %s\n", args[i], why);
            w->n_unreadable++;
        } else if (files.n == before) {
            fprintf(stderr, "journeymap: %s: no journey files (*.xml) in this folder\n", args[i]);
            w->n_unreadable++;
        }
    }
    for (size_t i = 0; i < files.n; i++) {
        const char *name = diag_begin_file(w->diag, files.paths[i]);
        struct journey *j = NULL;
        const char *why = NULL;
        w->n_files++;
        enum load_status st = load_journey(files.paths[i], name, w->diag, w->load_flags, &j, &why);
        if (st == LOAD_UNREADABLE) {
            fprintf(stderr, "journeymap: cannot read %s: %s\n", files.paths[i], why);
            w->n_unreadable++;
            continue;
        }
        workspace_take(w, j, today);
    }
    file_list_finish(&files);
}
