/* Unit tests for diag.c: the sort (findings come out ordered by file, line
 * and rule id, ties in the order they were added, each with its own
 * message, for inputs already sorted, reversed, scrambled and full of ties,
 * of every size from 0 to a few hundred (across the insertion sort's
 * threshold and the partitions' edges), and large ones) and the sizes
 * kept beside the findings. */
#include "check.h"
#include "core/diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const rules[] = {"contact-gap", "low-score", "no-owner", "weak-spot"};

/* What the n-th finding of a test was made from. */
struct made {
    uint32_t file, line, rule, seq;
};

static int
made_cmp(const struct made *a, const struct made *b)
{
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1; /* rules[] is in strcmp order */
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t
next_random(uint32_t below)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % below);
}

enum shape { SORTED, REVERSED, SCRAMBLED, TIES };

/* Add n findings in two files of the given shape, sort, and compare with
 * an insertion sort of what was made. */
static void
sort_case(size_t n, enum shape shape)
{
    struct made *m = calloc(n + 1, sizeof *m);
    struct diag *d = diag_new();
    const char *files[2] = {diag_begin_file(d, "a.xml"), NULL};
    size_t in_first = n / 3;
    for (size_t i = 0; i < n; i++) {
        if (i == in_first)
            files[1] = diag_begin_file(d, "b.xml");
        struct made x = {i < in_first ? 0 : 1, 0, 0, (uint32_t)i};
        switch (shape) {
        case SORTED:
            x.line = (uint32_t)i + 1, x.rule = (uint32_t)(i % 4);
            break;
        case REVERSED:
            x.line = (uint32_t)(n - i), x.rule = 3 - (uint32_t)(i % 4);
            break;
        case SCRAMBLED:
            x.line = next_random(1000) + 1, x.rule = next_random(4);
            break;
        case TIES:
            x.line = next_random(3) + 1, x.rule = next_random(2);
            break;
        }
        m[i] = x;
        diag_add(d, x.line, SEVERITY_WARNING, rules[x.rule], "s", "finding %zu", i);
    }
    if (n && !files[1])
        files[1] = diag_begin_file(d, "b.xml");
    for (size_t i = 1; i < n; i++) /* the reference: insertion sort, stable */
        for (size_t k = i; k > 0 && made_cmp(&m[k], &m[k - 1]) < 0; k--) {
            struct made t = m[k];
            m[k] = m[k - 1];
            m[k - 1] = t;
        }
    diag_sort(d);
    CHECK(diag_count(d) == n);
    struct buf b;
    buf_init(&b);
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++) {
        const struct finding *f = diag_get(d, i);
        char want[64];
        snprintf(want, sizeof want, "finding %u", m[i].seq);
        if (f->line != m[i].line || finding_rule(f) != rules[m[i].rule] || f->seq != m[i].seq ||
            diag_file(d, f) != files[m[i].file] || strcmp(finding_text(f, &b), want) != 0)
            wrong++;
    }
    CHECK(wrong == 0);
    if (wrong)
        fprintf(stderr, "  %zu of %zu findings misplaced (shape %d)\n", wrong, n, (int)shape);
    buf_finish(&b);
    diag_free(d);
    free(m);
}

/* Sizes are kept beside the findings: each reads back its own after the
 * sort, 0 when it has none, and a truncation forgets those it drops. */
static void
sizes(void)
{
    struct diag *d = diag_new();
    diag_begin_file(d, "a.xml");
    for (unsigned i = 0; i < 1000; i++) {
        diag_add(d, 1000 - i, SEVERITY_WARNING, "contact-gap", "s", "gap %u", i);
        if (i % 3 == 0)
            diag_set_size(d, i * 2.5);
        if (i % 9 == 0)
            diag_set_size(d, i * 4.0); /* a second size replaces the first */
    }
    diag_sort(d);
    size_t wrong = 0;
    for (size_t k = 0; k < diag_count(d); k++) {
        const struct finding *f = diag_get(d, k);
        double want = f->seq % 9 == 0 ? f->seq * 4.0 : f->seq % 3 == 0 ? f->seq * 2.5 : 0;
        if (diag_size(d, f) != want)
            wrong++;
    }
    CHECK(wrong == 0);
    diag_free(d);

    d = diag_new();
    diag_begin_file(d, "b.xml");
    diag_add(d, 1, SEVERITY_WARNING, "contact-gap", "s", "kept");
    diag_set_size(d, 7);
    diag_add(d, 2, SEVERITY_WARNING, "contact-gap", "s", "dropped");
    diag_set_size(d, 9);
    diag_truncate(d, 1);
    diag_add(d, 3, SEVERITY_WARNING, "contact-gap", "s", "new, same seq as the dropped one");
    CHECK(diag_size(d, diag_get(d, 0)) == 7);
    CHECK(diag_size(d, diag_get(d, 1)) == 0);
    diag_set_size(d, 11);
    CHECK(diag_size(d, diag_get(d, 1)) == 11);
    diag_free(d);

    /* Taken back after a sort: the kept ones keep their sizes, whatever
     * their seqs (here the later arrivals sort first and are kept). */
    d = diag_new();
    diag_begin_file(d, "c.xml");
    for (unsigned i = 0; i < 10; i++) {
        diag_add(d, 10 - i, SEVERITY_WARNING, "contact-gap", "s", "gap %u", i);
        diag_set_size(d, 100.0 + i);
    }
    diag_sort(d);
    diag_truncate(d, 5); /* keeps lines 1..5: seqs 9..5 */
    wrong = 0;
    for (size_t k = 0; k < diag_count(d); k++)
        wrong += diag_size(d, diag_get(d, k)) != 100.0 + diag_get(d, k)->seq;
    CHECK(diag_count(d) == 5 && wrong == 0);
    diag_add(d, 20, SEVERITY_WARNING, "contact-gap", "s", "new after the cut");
    CHECK(diag_size(d, diag_get(d, 5)) == 0);
    diag_free(d);
}

/* Findings added, counted or taken back after a sort: the sorted ones
 * keep their order, and a second sort orders the lot. */
static void
sort_again(void)
{
    struct diag *d = diag_new();
    diag_begin_file(d, "a.xml");
    for (unsigned i = 0; i < 100; i++)
        diag_add(d, 100 - i, i % 2 ? SEVERITY_NOTE : SEVERITY_WARNING, "contact-gap", "s",
                 "first %u", i);
    diag_sort(d);
    CHECK(diag_get(d, 0)->line == 1 && diag_get(d, 99)->line == 100);
    CHECK(diag_count_severity(d, 90, SEVERITY_NOTE) == 5); /* lines 91..100, in sorted order */
    CHECK(diag_worst(d, 0) == SEVERITY_WARNING);
    diag_truncate(d, 80); /* drops the sorted positions 80.., lines 81..100 */
    CHECK(diag_count(d) == 80 && diag_get(d, 79)->line == 80);
    for (unsigned i = 0; i < 50; i++)
        diag_add(d, 1 + (i * 37) % 120, SEVERITY_WARNING, "behind-competitor", "s", "second %u",
                 i);
    CHECK(diag_get(d, 0)->line == 1 && diag_get(d, 80)->line == 1); /* the first of the new */
    diag_sort(d);
    size_t wrong = 0;
    for (size_t k = 1; k < diag_count(d); k++) {
        const struct finding *a = diag_get(d, k - 1), *b = diag_get(d, k);
        int c = strcmp(finding_rule(a), finding_rule(b));
        if (a->line > b->line || (a->line == b->line && (c > 0 || (c == 0 && a->seq > b->seq))))
            wrong++;
    }
    CHECK(wrong == 0 && diag_count(d) == 130);
    diag_free(d);
}

/* Whether d's findings are in order (file, line, rule, arrival) and are
 * each of the n added exactly once. */
static bool
in_order(const struct diag *d, size_t n)
{
    bool ok = diag_count(d) == n;
    char *seen = calloc(n ? n : 1, 1);
    for (size_t k = 0; ok && k < n; k++) {
        const struct finding *b = diag_get(d, k);
        ok = b->seq < n && !seen[b->seq];
        if (ok)
            seen[b->seq] = 1;
        if (ok && k > 0) {
            const struct finding *a = diag_get(d, k - 1);
            int c = strcmp(finding_rule(a), finding_rule(b));
            ok = a->file_index < b->file_index ||
                 (a->file_index == b->file_index &&
                  (a->line < b->line ||
                   (a->line == b->line && (c < 0 || (c == 0 && a->seq < b->seq)))));
        }
    }
    free(seen);
    return ok;
}

/* Large sorts of both shapes that checks make: rules that each report
 * down the file, interleaved (a few long sorted runs), and hundreds of
 * rules scattered.
 * Rule ids equal as strings at different addresses are one rule, each
 * read back at its own address. */
static void
sort_large(void)
{
    static const char *const ids4[] = {"wait-long", "abandon-high", "no-owner", "contact-gap"};
    struct diag *d = diag_new();
    diag_begin_file(d, "a.xml");
    for (unsigned i = 0; i < 20000; i++)
        diag_add(d, 10 + i / 4 + (i % 4 == 3 ? 5000 : 0), SEVERITY_WARNING, ids4[i % 4], "s",
                 "f %u", i);
    diag_begin_file(d, "b.xml");
    for (unsigned i = 0; i < 3000; i++)
        diag_add(d, 3000 - i, SEVERITY_NOTE, ids4[i % 2], "s", "g %u", i);
    diag_sort(d);
    CHECK(in_order(d, 23000));
    diag_free(d);

    enum { MANY = 600 };
    static char ids[MANY][16]; /* rule ids live as long as the program (diag.h) */
    for (size_t r = 0; r < MANY; r++)
        snprintf(ids[r], sizeof ids[r], "rule-%zu", r % (MANY / 2)); /* each string twice */
    d = diag_new();
    diag_begin_file(d, "c.xml");
    for (unsigned i = 0; i < 10000; i++)
        diag_add(d, 1 + (i * 7919u) % 1000, SEVERITY_WARNING, ids[(i * 31u) % MANY], "s", "h %u",
                 i);
    diag_sort(d);
    CHECK(in_order(d, 10000));
    size_t wrong = 0;
    for (size_t k = 0; k < diag_count(d); k++) {
        const struct finding *f = diag_get(d, k);
        wrong += finding_rule(f) != ids[(f->seq * 31u) % MANY];
    }
    CHECK(wrong == 0);
    diag_free(d);
}

int
main(void)
{
    sizes();
    sort_again();
    sort_large();
    for (size_t n = 0; n <= 300; n++)
        for (int shape = SORTED; shape <= TIES; shape++)
            sort_case(n, (enum shape)shape);
    sort_case(20000, SCRAMBLED);
    sort_case(20000, TIES);
    return check_done("diag");
}
