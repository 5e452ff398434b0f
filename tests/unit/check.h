/*
 * check.h - the smallest test harness: CHECK(cond) records a failure with
 * its line and carries on; check_done() prints the tally and gives the
 * exit status meson expects (0 pass, 1 fail).
 */
#ifndef JOURNEYMAP_TEST_CHECK_H
#define JOURNEYMAP_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *check_a_ = (a), *check_b_ = (b);                                               \
        check_count++;                                                                             \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                           \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s == \"%s\" (got \"%s\")\n", __FILE__,          \
                    __LINE__, #a, check_b_ ? check_b_ : "(null)", check_a_ ? check_a_ : "(null)"); \
        }                                                                                          \
    } while (0)

static inline int
check_done(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
