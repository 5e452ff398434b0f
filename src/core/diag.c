/*
 * diag.c - the findings sink.
 */
#include "core/diag.h"

#include "core/arena.h"
#include "core/message.h"

#include <stdlib.h>
#include <string.h>

struct diag {
    struct finding *v; /* findings; strings owned (file via files[]) */
    size_t n, cap;
    char **files; /* registered paths, in processing order */
    size_t n_files, cap_files;
    /* Messages and subjects, in one arena (hundreds of thousands of them
     * for a large journey: no allocation each). */
    struct arena *text;
    const char *last_subject; /* the copy made last */
    struct buf args;          /* the arguments of the finding being added */
    const char *last_args;    /* the arguments kept last, and their length */
    size_t last_args_len;
};

const char *
diag_file(const struct diag *d, const struct finding *f)
{
    return d->files[f->file_index];
}

struct diag *
diag_new(void)
{
    struct diag *d = xcalloc(1, sizeof(struct diag));
    d->text = arena_new();
    return d;
}

void
diag_free(struct diag *d)
{
    if (!d)
        return;
    arena_free(d->text);
    buf_finish(&d->args);
    for (size_t i = 0; i < d->n_files; i++)
        free(d->files[i]);
    free(d->files);
    free(d->v);
    free(d);
}

const char *
diag_begin_file(struct diag *d, const char *path)
{
    xgrow((void **)&d->files, &d->cap_files, d->n_files + 1, sizeof *d->files);
    d->files[d->n_files] = utf8_fix(path); /* shown, never opened */
    return d->files[d->n_files++];
}

/* diag's copy of subject: the last one again when it is the same
 * (findings about one subject mostly come in a row), else a new one. */
static const char *
diag_subject(struct diag *d, const char *subject)
{
    if (!d->last_subject || !str_eq(d->last_subject, subject))
        d->last_subject = arena_strdup(d->text, subject);
    return d->last_subject;
}

/* diag's copy of the arguments in d->args: the last one again when they
 * are the same (several findings about one touchpoint often name only it). */
static const char *
diag_args(struct diag *d)
{
    size_t n = d->args.len;
    if (n == 0)
        return "";
    if (!d->last_args || d->last_args_len != n || memcmp(d->last_args, d->args.data, n) != 0) {
        d->last_args = arena_memdup(d->text, d->args.data, n);
        d->last_args_len = n;
    }
    return d->last_args;
}

/* diag_addv() and diag_addv_kept(): subject copied or not. */
static void
diag_push(struct diag *d, unsigned line, enum severity sev, const char *rule, const char *subject,
          bool copy, const char *fmt, va_list ap)
{
    if (d->n_files == 0)
        diag_begin_file(d, "");
    xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
    struct finding *f = &d->v[d->n];
    d->args.len = 0;
    message_keep(&d->args, fmt, ap);
    f->fmt = fmt;
    f->args = diag_args(d);
    f->file_index = (uint32_t)(d->n_files - 1);
    f->line = line;
    f->severity = sev;
    f->rule = rule;
    f->subject = !subject ? "" : copy ? diag_subject(d, subject) : subject;
    f->size = 0;
    f->seq = (uint32_t)d->n++;
}

void
diag_addv(struct diag *d, unsigned line, enum severity sev, const char *rule, const char *subject,
          const char *fmt, va_list ap)
{
    diag_push(d, line, sev, rule, subject, true, fmt, ap);
}

void
diag_addv_kept(struct diag *d, unsigned line, enum severity sev, const char *rule,
               const char *subject, const char *fmt, va_list ap)
{
    diag_push(d, line, sev, rule, subject, false, fmt, ap);
}

void
diag_set_size(struct diag *d, double size)
{
    if (d->n)
        d->v[d->n - 1].size = size;
}

void
diag_add(struct diag *d, unsigned line, enum severity sev, const char *rule, const char *subject,
         const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(d, line, sev, rule, subject, fmt, ap);
    va_end(ap);
}

size_t
diag_count(const struct diag *d)
{
    return d->n;
}

void
diag_truncate(struct diag *d, size_t mark)
{
    if (d->n > mark)
        d->n = mark; /* their text stays in the arena until diag_free() */
}

static int
diag_compare(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;
    if (a->file_index != b->file_index)
        return a->file_index < b->file_index ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    int c = strcmp(a->rule, b->rule);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_sort(struct diag *d)
{
    if (d->n > 1)
        qsort(d->v, d->n, sizeof *d->v, diag_compare);
}

const char *
finding_text(const struct finding *f, struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    finding_put(f, b);
    return buf_str(b);
}

void
finding_put(const struct finding *f, struct buf *b)
{
    message_put(b, f->fmt, f->args);
}

const struct finding *
diag_get(const struct diag *d, size_t i)
{
    return &d->v[i];
}

size_t
diag_count_severity(const struct diag *d, size_t mark, enum severity sev)
{
    size_t n = 0;
    for (size_t i = mark; i < d->n; i++)
        n += d->v[i].severity == sev;
    return n;
}

enum severity
diag_worst(const struct diag *d, size_t mark)
{
    enum severity w = SEVERITY_OFF;
    for (size_t i = mark; i < d->n; i++)
        if (d->v[i].severity > w)
            w = d->v[i].severity;
    return w;
}
