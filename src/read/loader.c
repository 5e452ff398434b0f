/*
 * loader.c - what the files of the loader share (loader.h): reporting an
 * error about the file being read, quoting a user's value for a message,
 * the enclosing element, and the vectors that collect an element's
 * children until they are frozen into the arena.
 */
#include "read/loader.h"

#include "core/arena.h"

#include <stdlib.h>

void
loader_error(struct loader *L, unsigned line, const char *rule, const char *subject,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(L->diag, line, SEVERITY_ERROR, rule, subject, fmt, ap);
    va_end(ap);
    L->errors = true;
}

const char *
loader_quote(struct loader *L, const char *s)
{
    return arena_quote(L->arena, s, 60);
}

struct frame *
loader_parent(struct loader *L)
{
    if (L->depth < 2)
        abort(); /* every handler that asks has a parent */
    return &L->stack[L->depth - 2];
}

void
loader_vec_push(struct ptrvec *v, void *p)
{
    xgrow((void **)&v->v, &v->cap, v->n + 1, sizeof *v->v);
    v->v[v->n++] = p;
}

void **
loader_vec_freeze(struct loader *L, struct ptrvec *v, size_t *n_out)
{
    void **out = arena_memdup(L->arena, v->v, v->n * sizeof *v->v);
    *n_out = v->n;
    v->n = 0;
    return out;
}

void **
loader_vec_freeze_u32(struct loader *L, struct ptrvec *v, uint32_t *n_out)
{
    size_t n = v->n; /* a touchpoint's children: fewer than the file's bytes (LOAD_MAX_BYTES) */
    void **out = loader_vec_freeze(L, v, &n);
    *n_out = (uint32_t)n;
    return out;
}
