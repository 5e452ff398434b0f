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
    uint32_t *order; /* after diag_sort(): the positions in v, in order; else NULL */
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
    free(d->order);
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

/*
 * Move the findings into the order diag_sort() found, in place, one cycle
 * of the permutation at a time: before the array changes (a finding
 * added or taken back after the sort), or when a caller asks. Reports
 * read the findings through the order otherwise: moving the records
 * to places all over the array costs two cache misses each, 4% of check
 * on a large journey.
 */
void
diag_pack(struct diag *d)
{
    uint32_t *ix = d->order;
    if (!ix)
        return;
    d->order = NULL;
    size_t n = d->n;
    for (size_t i = 0; i < n; i++) {
        if (ix[i] == i)
            continue;
        struct finding held = d->v[i];
        size_t p = i;
        for (;;) {
            size_t from = ix[p];
            ix[p] = (uint32_t)p;
            if (from == i) {
                d->v[p] = held;
                break;
            }
            d->v[p] = d->v[from];
            p = from;
        }
    }
    free(ix);
}

/* diag_addv() and diag_addv_kept(): subject copied or not. */
static void
diag_push(struct diag *d, unsigned line, enum severity sev, const char *rule, const char *subject,
          bool copy, const char *fmt, va_list ap)
{
    if (d->n_files == 0)
        diag_begin_file(d, "");
    diag_pack(d);
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
    diag_pack(d);
    if (d->n > mark)
        d->n = mark; /* their text stays in the arena until diag_free() */
    while (d->n_sizes && d->sizes[d->n_sizes - 1].seq >= mark)
        d->n_sizes--;
}

static int
diag_compare(const void *pa, const void *pb)
{
    const struct finding *a = pa, *b = pb;
    if (a->file_index != b->file_index)
        return a->file_index < b->file_index ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->rule_key != b->rule_key) {
        int c = strcmp(diag_literal[a->rule_key], diag_literal[b->rule_key]);
        if (c)
            return c;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Merge the sorted runs src[lo, mid) and src[mid, hi) of positions into
 * dst, the left one first on ties (stable). */
static void
diag_merge(const struct finding *v, const uint32_t *src, uint32_t *dst, size_t lo, size_t mid,
           size_t hi)
{
    size_t a = lo, b = mid, o = lo;
    while (a < mid && b < hi)
        dst[o++] = diag_compare(&v[src[b]], &v[src[a]]) < 0 ? src[b++] : src[a++];
    while (a < mid)
        dst[o++] = src[a++];
    while (b < hi)
        dst[o++] = src[b++];
}

/*
 * Sorting goes through an index: a merge sort of 32-bit positions (two
 * arrays of them, 8 bytes a finding), one of which stays as the order
 * diag_get() reads the findings in (4 bytes a finding; diag_pack()
 * moves the records themselves if more are added). glibc's qsort()
 * of records larger than 32 bytes sorts pointers to them, 16 bytes a
 * finding, allocated at the moment of the peak: every finding and the
 * whole model are alive (5 MB for 335,000 findings).
 *
 * The merges start from the runs already in order. Each rule reports down
 * the file, but one touchpoint's findings of several rules come together,
 * not in the rules' order, so the findings as they arrive are runs of
 * two or three. Grouped by rule first (a counting pass, in order of
 * arrival within each group), they are a few dozen long runs, which a
 * handful of passes merge, each reading the records front to back in a
 * few streams: merging from runs of one takes twenty passes for 335,000
 * findings, and reads the records all over the array in each. When the
 * runs stay short (more than one in DIAG_RUNS_DENSE findings starts one)
 * their list would cost memory, and the merges start from runs of one.
 */
#define DIAG_RUNS_DENSE 32
/* ix: the positions 0..n-1 grouped by rule, each group in order of
 * arrival (a counting sort by the rules' keys). */
static void
diag_group_by_rule(const struct finding *v, size_t n, uint32_t *ix)
{
    uint32_t start[DIAG_LITERALS + 1] = {0};
    for (size_t i = 0; i < n; i++)
        start[v[i].rule_key + 1]++;
    for (size_t k = 0; k < DIAG_LITERALS; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < n; i++)
        ix[start[v[i].rule_key]++] = (uint32_t)i; /* n < 2^32: diag_sort() */
}

/* One pass: merge the runs src[bound[2k], bound[2k+1]) and
 * src[bound[2k+1], bound[2k+2]) into dst, for k = 0, 1, ... (bound[runs]
 * is the end); returns how many runs are left, their bounds in place. */
static size_t
diag_merge_runs(const struct finding *v, const uint32_t *src, uint32_t *dst, uint32_t *bound,
                size_t runs)
{
    size_t k = 0;
    for (; k + 1 < runs; k += 2)
        diag_merge(v, src, dst, bound[k], bound[k + 1], bound[k + 2]);
    if (k < runs) /* the odd one out, as it is */
        memcpy(dst + bound[k], src + bound[k], (bound[k + 1] - bound[k]) * sizeof *dst);
    size_t left = 0;
    for (size_t i = 0; i < runs; i += 2)
        bound[left++] = bound[i];
    bound[left] = bound[runs];
    return left;
}

/* The runs of ix in order, as bounds (runs + 1 of them, malloc'd), or
 * NULL when there are too many to be worth listing. */
static uint32_t *
diag_runs(const struct finding *v, const uint32_t *ix, size_t n, size_t *runs)
{
    size_t most = n / DIAG_RUNS_DENSE + 1;
    uint32_t *bound = xmalloc((most + 1) * sizeof *bound);
    size_t k = 0;
    bound[k++] = 0;
    for (size_t i = 1; i < n; i++) {
        if (diag_compare(&v[ix[i]], &v[ix[i - 1]]) >= 0)
            continue;
        if (k == most) { /* one run more than is worth listing */
            free(bound);
            return NULL;
        }
        bound[k++] = (uint32_t)i;
    }
    bound[k] = (uint32_t)n;
    *runs = k;
    return bound;
}

void
diag_sort(struct diag *d)
{
    size_t n = d->n;
    diag_pack(d); /* sorted once already: from that order */
    if (n < 2)
        return;
    if (n > UINT32_MAX)
        die_oom(); /* 4 billion findings: the array alone would not fit */
    /* The array's last growth left up to a quarter unused; give it back
     * before the sort's own memory is added to the peak. */
    d->v = xrealloc(d->v, n * sizeof *d->v);
    d->cap = n;
    uint32_t *ix = xmalloc(n * sizeof *ix), *tmp = xmalloc(n * sizeof *tmp);
    diag_group_by_rule(d->v, n, ix);
    size_t runs;
    uint32_t *bound = diag_runs(d->v, ix, n, &runs);
    if (bound) {
        while (runs > 1) {
            runs = diag_merge_runs(d->v, ix, tmp, bound, runs);
            uint32_t *t = ix;
            ix = tmp;
            tmp = t;
        }
        free(bound);
    } else {
        for (size_t width = 1; width < n; width *= 2) {
            for (size_t lo = 0; lo < n; lo += 2 * width) {
                size_t mid = lo + width < n ? lo + width : n;
                size_t hi = mid + width < n ? mid + width : n;
                diag_merge(d->v, ix, tmp, lo, mid, hi);
            }
            uint32_t *t = ix;
            ix = tmp;
            tmp = t;
        }
    }
    free(tmp);
    d->order = ix;
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
    return &d->v[d->order ? d->order[i] : i];
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
