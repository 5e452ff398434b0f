/*
 * diag.c - the findings sink.
 */
#include "core/diag.h"

#include "core/arena.h"
#include "core/message.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A finding's size (diag_set_size()), by the finding's seq. */
struct diag_size {
    uint32_t seq;
    double size;
};

struct diag {
    struct finding *v; /* findings, as added; strings owned (file via files[]) */
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
    struct message_memo memo; /* "%g" texts */
    uint32_t next_seq;       /* the next finding's seq: never one given before */
    bool sorted;             /* v is no longer in order of arrival (diag_sort()) */
    struct diag_size *sizes; /* diag_set_size()'s, in order of seq */
    size_t n_sizes, cap_sizes;
};

/* ------------------------------------------------------------------------
 * The literals findings name
 *
 * Rule ids and message formats live as long as the program (string
 * literals, the catalogue's ids), a few hundred in all: a finding names
 * its two by 16-bit keys into one table kept for the run, so that its
 * record is 32 bytes, not 48. Key 0 is NULL.
 */
#define DIAG_LITERALS 4096

_Static_assert(sizeof(struct finding) == 2 * sizeof(void *) + 16, "a finding grew");

static const char *diag_literal[DIAG_LITERALS];       /* by key */
static uint16_t diag_literal_slot[2 * DIAG_LITERALS]; /* by pointer hash: key, 0 when free */
static size_t diag_n_literals = 1;

static uint16_t
diag_key(const char *s)
{
    if (!s)
        return 0;
    size_t mask = 2 * DIAG_LITERALS - 1;
    size_t i = (size_t)(((uint64_t)(uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & mask;
    for (; diag_literal_slot[i]; i = (i + 1) & mask)
        if (diag_literal[diag_literal_slot[i]] == s)
            return diag_literal_slot[i];
    if (diag_n_literals == DIAG_LITERALS) { /* a program with thousands of messages */
        fprintf(stderr, "journeymap: internal error: more than %d rule ids and formats\n",
                DIAG_LITERALS - 1);
        abort();
    }
    diag_literal[diag_n_literals] = s;
    diag_literal_slot[i] = (uint16_t)diag_n_literals;
    return (uint16_t)diag_n_literals++;
}

const char *
finding_rule(const struct finding *f)
{
    return diag_literal[f->rule_key];
}

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
    free(d->sizes);
    free(d->v);
    free(d);
}

const char *
diag_begin_file(struct diag *d, const char *path)
{
    if (d->n_files >= DIAG_MAX_FILES) { /* a finding keeps its file's index in 24 bits */
        fprintf(stderr, "journeymap: more than %zu files in one run; give fewer at a time\n",
                DIAG_MAX_FILES);
        exit(2);
    }
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
        d->last_args = arena_bytes(d->text, d->args.data, n); /* read with memcpy() */
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
    if (d->next_seq == UINT32_MAX)
        die_oom(); /* 4 billion findings: the array alone would not fit */
    xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
    struct finding *f = &d->v[d->n];
    d->args.len = 0;
    message_keep(&d->args, &d->memo, fmt, ap);
    f->fmt_key = diag_key(fmt);
    f->args = diag_args(d);
    f->file_index = (uint32_t)(d->n_files - 1) & (DIAG_MAX_FILES - 1);
    f->line = line;
    f->severity = (uint32_t)sev & 0xFF;
    f->rule_key = diag_key(rule);
    f->subject = !subject ? "" : copy ? diag_subject(d, subject) : subject;
    f->seq = d->next_seq++;
    d->n++;
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
    if (!d->n)
        return;
    uint32_t seq = d->v[d->n - 1].seq;
    if (d->n_sizes && d->sizes[d->n_sizes - 1].seq == seq) {
        d->sizes[d->n_sizes - 1].size = size;
        return;
    }
    xgrow((void **)&d->sizes, &d->cap_sizes, d->n_sizes + 1, sizeof *d->sizes);
    d->sizes[d->n_sizes++] = (struct diag_size){seq, size};
}

double
diag_size(const struct diag *d, const struct finding *f)
{
    size_t lo = 0, hi = d->n_sizes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sizes[mid].seq < f->seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n_sizes && d->sizes[lo].seq == f->seq ? d->sizes[lo].size : 0;
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
    if (d->n <= mark)
        return;
    /* The sizes of the findings taken back: in order of arrival, those of
     * every seq from the first one dropped on. After a sort the dropped
     * ones are anywhere among the seqs, and their sizes stay: a seq is
     * never given twice, so they match no finding. */
    if (!d->sorted) {
        uint32_t cut = d->v[mark].seq;
        while (d->n_sizes && d->sizes[d->n_sizes - 1].seq >= cut)
            d->n_sizes--;
    }
    d->n = mark; /* their text stays in the arena until diag_free() */
}

/*
 * The sort: in place, the records themselves, no memory of its own. The
 * order (file, line, rule id, seq) is total, seq being unique, so any
 * correct sort gives the one order a stable sort by file, line and rule
 * would: an introsort (quicksort of the median of three, insertion sort
 * for short ranges, heapsort where quicksort goes too deep). A merge sort
 * through an index of positions, as before, took two arrays of them at
 * the moment of the peak (every finding and the whole model alive):
 * 8 bytes a finding, 2.6 MB for 335,000; and glibc's qsort() takes a copy
 * of the records or of pointers to them.
 *
 * Rule ids are compared by rank: the literals in strcmp() order, the same
 * text the same rank (the catalogue's id and a copy of it are one rule).
 */
struct diag_ranks {
    uint16_t of[DIAG_LITERALS]; /* by key */
};

static int
diag_by_text(const void *a, const void *b)
{
    const char *x = diag_literal[*(const uint16_t *)a], *y = diag_literal[*(const uint16_t *)b];
    return strcmp(x ? x : "", y ? y : "");
}

static void
diag_rank(struct diag_ranks *r)
{
    uint16_t keys[DIAG_LITERALS];
    size_t n = diag_n_literals;
    for (size_t k = 0; k < n; k++)
        keys[k] = (uint16_t)k;
    qsort(keys, n, sizeof *keys, diag_by_text);
    uint16_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && diag_by_text(&keys[i - 1], &keys[i]) != 0)
            rank++;
        r->of[keys[i]] = rank;
    }
}

/* Whether a comes before b. */
static inline bool
diag_before(const struct finding *a, const struct finding *b, const struct diag_ranks *r)
{
    if (a->file_index != b->file_index)
        return a->file_index < b->file_index;
    if (a->line != b->line)
        return a->line < b->line;
    if (a->rule_key != b->rule_key && r->of[a->rule_key] != r->of[b->rule_key])
        return r->of[a->rule_key] < r->of[b->rule_key];
    return a->seq < b->seq;
}

static inline void
diag_swap(struct finding *a, struct finding *b)
{
    struct finding t = *a;
    *a = *b;
    *b = t;
}

static void
diag_insertion_sort(struct finding *v, size_t n, const struct diag_ranks *r)
{
    for (size_t i = 1; i < n; i++) {
        if (!diag_before(&v[i], &v[i - 1], r))
            continue;
        struct finding x = v[i];
        size_t k = i;
        do {
            v[k] = v[k - 1];
            k--;
        } while (k > 0 && diag_before(&x, &v[k - 1], r));
        v[k] = x;
    }
}

static void
diag_sift_down(struct finding *v, size_t root, size_t n, const struct diag_ranks *r)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && diag_before(&v[child], &v[child + 1], r))
            child++;
        if (!diag_before(&v[root], &v[child], r))
            return;
        diag_swap(&v[root], &v[child]);
        root = child;
    }
}

static void
diag_heap_sort(struct finding *v, size_t n, const struct diag_ranks *r)
{
    for (size_t i = n / 2; i-- > 0;)
        diag_sift_down(v, i, n, r);
    for (size_t end = n; end-- > 1;) {
        diag_swap(&v[0], &v[end]);
        diag_sift_down(v, 0, end, r);
    }
}

#define DIAG_SHORT 16 /* ranges this short are insertion-sorted */

static void
diag_intro_sort(struct finding *v, size_t n, unsigned depth, const struct diag_ranks *r)
{
    while (n > DIAG_SHORT) {
        if (depth-- == 0) {
            diag_heap_sort(v, n, r);
            return;
        }
        /* The median of the first, middle and last as the pivot, at v[0]. */
        size_t mid = n / 2;
        if (diag_before(&v[mid], &v[0], r))
            diag_swap(&v[mid], &v[0]);
        if (diag_before(&v[n - 1], &v[mid], r)) {
            diag_swap(&v[n - 1], &v[mid]);
            if (diag_before(&v[mid], &v[0], r))
                diag_swap(&v[mid], &v[0]);
        }
        diag_swap(&v[0], &v[mid]);
        /* Hoare's partition around the pivot; no two records are equal. */
        size_t i = 0, j = n;
        for (;;) {
            while (diag_before(&v[++i], &v[0], r))
                if (i == n - 1)
                    break;
            while (diag_before(&v[0], &v[--j], r))
                ;
            if (i >= j)
                break;
            diag_swap(&v[i], &v[j]);
        }
        diag_swap(&v[0], &v[j]);
        /* v[j] is in place: the smaller side by recursion, the larger by
         * the loop, so the stack stays logarithmic. */
        size_t left = j, right = n - j - 1;
        if (left < right) {
            diag_intro_sort(v, left, depth, r);
            v += j + 1;
            n = right;
        } else {
            diag_intro_sort(v + j + 1, right, depth, r);
            n = left;
        }
    }
    diag_insertion_sort(v, n, r);
}

void
diag_sort(struct diag *d)
{
    size_t n = d->n;
    if (n < 2)
        return;
    /* The array's last growth left up to a quarter unused: given back. */
    d->v = xrealloc(d->v, n * sizeof *d->v);
    d->cap = n;
    struct diag_ranks *r = xmalloc(sizeof *r);
    diag_rank(r);
    unsigned depth = 0;
    for (size_t k = n; k > 1; k /= 2)
        depth += 2;
    diag_intro_sort(d->v, n, depth, r);
    d->sorted = true;
    free(r);
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
    message_put(b, diag_literal[f->fmt_key], f->args);
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
    if (mark == 0) /* all of them: in any order, the order of the array the fastest */
        for (size_t i = 0; i < d->n; i++)
            n += d->v[i].severity == sev;
    else
        for (size_t i = mark; i < d->n; i++)
            n += diag_get(d, i)->severity == sev;
    return n;
}

enum severity
diag_worst(const struct diag *d, size_t mark)
{
    enum severity w = SEVERITY_OFF;
    for (size_t i = mark; i < d->n; i++)
        if (diag_get(d, i)->severity > w)
            w = diag_get(d, i)->severity;
    return w;
}
