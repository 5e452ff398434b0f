/*
 * manifest.h - the list of files `build` wrote into its output folder,
 * and from which model (OUTDIR/.journeymap-build, one "SOURCE<TAB>NAME"
 * line each). The next build removes what an earlier one wrote for models
 * that are gone, and never touches a file it did not write.
 *
 * Ownership: a struct manifest owns copies of its strings;
 * manifest_finish() frees them.
 */
#ifndef JOURNEYMAP_MANIFEST_H
#define JOURNEYMAP_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#define MANIFEST_NAME ".journeymap-build"

struct manifest_entry {
    char *source; /* the model file, as named; "" for outputs of all models */
    char *name;   /* a plain file name inside the output folder */
};

struct manifest {
    struct manifest_entry *v;
    size_t n, cap;
};

void manifest_init(struct manifest *m);
void manifest_finish(struct manifest *m);
void manifest_add(struct manifest *m, const char *source, const char *name);
bool manifest_has(const struct manifest *m, const char *name);

/* The list in folder dir; a missing or garbled one is an empty list, and
 * only plain names inside dir are kept (no '/', no leading '.'). */
void manifest_read(struct manifest *m, const char *dir);

/* Write the list into dir (replaced only once complete); false with *why set. */
bool manifest_write(const struct manifest *m, const char *dir, const char **why);

#endif
