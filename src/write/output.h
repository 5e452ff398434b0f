/*
 * output.h - writing generated files without ever losing the old one.
 *
 * Every generator writes through here: the bytes go to a temporary file in
 * the destination's folder, which is flushed to disk and renamed over the
 * destination only when everything was written. On any failure the
 * temporary file is removed and the previous file, if any, is untouched.
 *
 * Ownership: nothing is allocated for the caller. Errors are returned as
 * a static strerror() text through *why.
 */
#ifndef JOURNEYMAP_OUTPUT_H
#define JOURNEYMAP_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Write len bytes to path atomically, or to standard output when path is
 * NULL or "-". Returns false and sets *why when anything fails.
 */
bool output_write(const char *path, const void *data, size_t len, const char **why);

/*
 * Like output_write(), but never replaces anything: fails with EEXIST
 * (*exists set) when path exists. The file appears complete or not at all
 * (written aside, then hard-linked into place). A device or pipe that
 * exists (/dev/stdout, a FIFO) is written to, as output_write() does.
 */
bool output_create(const char *path, const void *data, size_t len, bool *exists, const char **why);

#endif
