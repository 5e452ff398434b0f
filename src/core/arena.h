/*
 * arena.h - a bump allocator: many small allocations, one free.
 *
 * Ownership: the arena owns every byte it hands out; arena_free() releases
 * them all at once, and nothing allocated from it may be freed on its own.
 * The model (model.h) lives in one arena, so freeing a journey is one call.
 * Out of memory aborts (see util.h).
 */
#ifndef JOURNEYMAP_ARENA_H
#define JOURNEYMAP_ARENA_H

#include <stddef.h>

struct arena; /* opaque: the chunk list is its invariant */

/* A new, empty arena. Caller frees with arena_free(). */
struct arena *arena_new(void);
/* Free the arena and everything allocated from it; NULL is a no-op. */
void arena_free(struct arena *a);
/* size bytes, zeroed, aligned for pointers, doubles and 64-bit integers
 * (not for long double: no arena holds one). */
void *arena_alloc(struct arena *a, size_t size);
/* Copies of a string / of n bytes plus a NUL / of an array. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);
/* A copy of n bytes with no alignment, for data read back byte by byte
 * (or with memcpy()): a finding's arguments. */
void *arena_bytes(struct arena *a, const void *p, size_t n);
/* s as a quoted value for a message (see buf_quote() in util.h), copied
 * into the arena. */
const char *arena_quote(struct arena *a, const char *s, size_t max_chars);

/* A second arena that a owns (made on first use, freed and reset with a):
 * for what is read apart from the rest, such as the ids the loader looks
 * up, which then sit side by side instead of one in every record. */
struct arena *arena_lane(struct arena *a);

/* Bytes handed out so far (for measurements). */
size_t arena_used(const struct arena *a);

/* Free everything handed out (every pointer into a becomes invalid); a
 * stays usable, as if new. */
void arena_reset(struct arena *a);

#endif
