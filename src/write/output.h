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

/*
 * The same written piece by piece, for outputs too big to hold whole:
 * output_stream_open() opens the temporary file beside path (or takes
 * standard output, or a device, as output_write() does), _put() appends,
 * _commit() flushes and renames it into place (false and *why on any
 * failure, the old file untouched), _abort() removes it. Where the file
 * system allows, the file has no name until it is complete (O_TMPFILE),
 * so an interrupted run leaves nothing behind; elsewhere the signals wait,
 * as for output_write(), until it is committed or aborted. Both free s.
 */
struct output_stream;
struct output_stream *output_stream_open(const char *path, const char **why);
bool output_stream_put(struct output_stream *s, const void *data, size_t len);
bool output_stream_commit(struct output_stream *s, const char **why);
void output_stream_abort(struct output_stream *s);

#endif
