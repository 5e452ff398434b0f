/*
 * load.h - read one journey file into the model.
 *
 * The loader is a stack of small parts (docs/architecture.md, "The
 * loader"): the input gate (gate.h) reads the bytes and refuses what no
 * parser should see; libxml2's streaming reader (xmlread.h, the only user
 * of libxml2) turns them into events; the element stream (load.c) checks
 * each element against the table of the format (elements.c, values.c)
 * and builds the model; references are resolved at the end (resolve.c).
 * Memory follows the model, not the document; DOCTYPEs and entity
 * references are refused, nothing outside the named file is ever read,
 * and compressed files are not decompressed.
 *
 * Ownership: a returned journey is the caller's; free it with
 * journey_free(). Findings go to the caller's diag, about its current file.
 */
#ifndef JOURNEYMAP_LOAD_H
#define JOURNEYMAP_LOAD_H

#include "core/diag.h"
#include "core/model.h"

/* Files larger than this are refused (xml-syntax), to bound time and memory. */
#define LOAD_MAX_BYTES ((size_t)256 << 20)
/* Files with more touchpoints than this (ours and competitors' together)
 * are refused (xml-syntax) and reading stops there: time, memory and the
 * number of findings all grow with touchpoints, and the largest real
 * journeys hold hundreds. */
#define LOAD_MAX_TOUCHPOINTS ((size_t)200000)
/* Markdown fields larger than this are refused (invalid-value): cmark's
 * parser has quadratic cases, and no workshop note is this long. */
#define LOAD_MAX_MARKDOWN ((size_t)100000)
/* Upper bound of every day count (days, day, every, policy days). */
#define LOAD_MAX_DAYS 100000

/* load_journey()'s flags. LOAD_SKIP_TEXTS: the Markdown texts (descriptions,
 * notes, pluses, minuses, plans, changes, ratings) are read and checked as
 * always (their size, stray text) but not kept: each is "" in the model
 * (a description NULL when absent, as always), a touchpoint's pluses and
 * minuses are only counted (n_pluses and n_minuses, the arrays NULL), and
 * journey->texts_skipped says so. For the commands that never show them (check, the map and the
 * curve); every finding is the same either way. */
#define LOAD_SKIP_TEXTS 1u

enum load_status {
    LOAD_OK,         /* *out holds the journey; no error findings */
    LOAD_INVALID,    /* error findings were added; *out is NULL */
    LOAD_UNREADABLE, /* the file could not be read; *why says why; *out is NULL */
};

/*
 * Load path. Its findings are added to d (whose current file the caller
 * has set to path with diag_begin_file()); file_name is the string the
 * model's locations point to and must outlive the journey (diag's copy
 * does). On LOAD_UNREADABLE, *why is a static strerror-like text.
 */
enum load_status load_journey(const char *path, const char *file_name, struct diag *d,
                              unsigned flags, struct journey **out, const char **why);

/*
 * Load a journey from len bytes of data (the file as of a git revision)
 * through the same gate and checks; file_name names it in findings and
 * locations ("REV:PATH"). Never LOAD_UNREADABLE.
 */
enum load_status load_journey_bytes(const char *data, size_t len, const char *file_name,
                                    struct diag *d, unsigned flags, struct journey **out);

/* Process-wide setup: call once before loading (installs the deny-all
 * external entity loader). load_cleanup() releases libxml2's globals. */
void load_init(void);
void load_cleanup(void);

#endif
