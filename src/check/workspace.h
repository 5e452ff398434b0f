/*
 * workspace.h - the journeys of one run: load every named file, flag
 * duplicate journey ids, keep the usable ones.
 *
 * Ownership: a struct workspace owns its journeys and its diag;
 * workspace_finish() frees them all.
 */
#ifndef JOURNEYMAP_WORKSPACE_H
#define JOURNEYMAP_WORKSPACE_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

struct workspace {
    struct diag *diag;         /* every finding of the run */
    struct journey **journeys; /* usable ones (no error), in processing order */
    size_t n_journeys, cap_journeys;
    size_t n_files;      /* files processed */
    size_t n_read;       /* of them, files that could be read (with or without errors) */
    size_t n_unreadable; /* files or folders that could not be read */
    unsigned load_flags; /* load_journey()'s flags (load.h); 0 after workspace_init() */
};

void workspace_init(struct workspace *w);
void workspace_finish(struct workspace *w);

/*
 * Load every file named by args (folders expand to their *.xml, in name
 * order). Unreadable files are reported on stderr and counted; their
 * problems are not findings. duplicate-journey is reported on the later of
 * two files with the same journey id. With today, every usable journey
 * also goes through the rules (rules.h); NULL loads only.
 */
void workspace_load(struct workspace *w, char *const *args, size_t n_args, const day_number *today);

/* The same for one journey given as bytes (a file as of a git revision),
 * named label in findings ("REV:PATH"). */
void workspace_load_bytes(struct workspace *w, const char *label, const char *data, size_t len,
                          const day_number *today);

#endif
