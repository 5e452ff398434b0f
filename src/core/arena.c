/*
 * arena.c - chunks of memory handed out front to back, freed together.
 *
 * Small requests are carved from the current chunk; when it is full a new
 * chunk (doubling up to 1 MiB) is started. Requests larger than a quarter of
 * a chunk get a chunk of their own, so a huge string does not waste the
 * remainder of the current one.
 */
#include "core/arena.h"

#include "core/util.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
    struct chunk *prev; /* older chunk, or NULL */
    size_t size;        /* usable bytes in data[] */
    size_t used;        /* bytes handed out from data[] */
    alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct chunk *head; /* current chunk (newest), or NULL */
    size_t next_size;   /* size of the next regular chunk */
    size_t total;       /* bytes handed out, for arena_used() */
    struct arena *lane; /* arena_lane()'s, or NULL */
};

/* What every object kept in an arena needs: pointers, doubles, 64-bit
 * integers (not long double, whose 16 bytes max_align_t would impose on
 * every record: 5 MB of padding for a 100,000-touchpoint model). */
union arena_align {
    void *p;
    double d;
    long long ll;
    size_t z;
};
enum { FIRST_CHUNK = 4096, MAX_CHUNK = 1 << 20, ALIGN = alignof(union arena_align) };

struct arena *
arena_new(void)
{
    struct arena *a = xcalloc(1, sizeof *a);
    a->next_size = FIRST_CHUNK;
    return a;
}

void
arena_free(struct arena *a)
{
    if (!a)
        return;
    arena_reset(a);
    arena_free(a->lane);
    free(a);
}

void
arena_reset(struct arena *a)
{
    struct chunk *c = a->head;
    while (c) {
        struct chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    a->head = NULL;
    a->total = 0;
    if (a->lane)
        arena_reset(a->lane);
}

struct arena *
arena_lane(struct arena *a)
{
    if (!a->lane)
        a->lane = arena_new();
    return a->lane;
}

static struct chunk *
arena_chunk_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct chunk))
        die_oom();
    struct chunk *c = xmalloc(sizeof(struct chunk) + size);
    c->size = size;
    c->used = 0;
    return c;
}

/* size bytes aligned to align (a power of two), not zeroed. */
static void *
arena_carve(struct arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX / 2)
        die_oom();
    struct chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < size) {
        if (size > a->next_size / 4) {
            /* A big request gets its own chunk, kept behind the current one
             * so that the current chunk's free space is not abandoned. */
            struct chunk *big = arena_chunk_new(size);
            big->used = size;
            if (c) {
                big->prev = c->prev;
                c->prev = big;
            } else {
                big->prev = NULL;
                a->head = big;
            }
            a->total += size;
            return big->data;
        }
        c = arena_chunk_new(a->next_size);
        c->prev = a->head;
        a->head = c;
        if (a->next_size < MAX_CHUNK)
            a->next_size *= 2;
        at = 0;
    }
    c->used = at + size;
    a->total += size;
    return c->data + at;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    void *p = arena_carve(a, size, ALIGN);
    memset(p, 0, size);
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        die_oom();
    char *p = arena_carve(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* A copy of n bytes at the given alignment. */
static void *
arena_copy(struct arena *a, const void *p, size_t n, size_t align)
{
    void *q = arena_carve(a, n, align);
    if (n)
        memcpy(q, p, n);
    return q;
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
    return arena_copy(a, p, n, ALIGN);
}

void *
arena_bytes(struct arena *a, const void *p, size_t n)
{
    return arena_copy(a, p, n, 1);
}

size_t
arena_used(const struct arena *a)
{
    return a->total;
}

const char *
arena_quote(struct arena *a, const char *s, size_t max_chars)
{
    size_t n = str_quote(NULL, s, max_chars);
    char *q = arena_carve(a, n + 1, 1);
    str_quote(q, s, max_chars);
    q[n] = '\0';
    return q;
}
