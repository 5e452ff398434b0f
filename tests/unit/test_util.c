/* Unit tests for util.c's string index: numbering, look-ups and
 * find-or-add across growth, keys that collide in a small table, and the
 * empty index. */
#include "check.h"
#include "core/util.h"

#include <stdlib.h>

int
main(void)
{
    /* The empty index finds nothing, and finishing it is harmless. */
    struct strindex x = STRINDEX_INIT;
    CHECK(strindex_find(&x, "") == STRINDEX_NONE);
    CHECK(strindex_find(&x, "awareness") == STRINDEX_NONE);
    strindex_finish(&x);

    /* Keys are numbered in the order added; the empty string is a key. */
    CHECK(strindex_add(&x, "awareness") == 0);
    CHECK(strindex_add(&x, "") == 1);
    CHECK(strindex_add(&x, "Awareness") == 2);
    CHECK(strindex_find(&x, "awareness") == 0);
    CHECK(strindex_find(&x, "") == 1);
    CHECK(strindex_find(&x, "Awareness") == 2);
    CHECK(strindex_find(&x, "awarenes") == STRINDEX_NONE);
    CHECK(x.n == 3);
    CHECK_STR(x.keys[2], "Awareness");

    /* Many keys: every one is still found after the table has grown, and
     * near-misses are not. Keys are not copied, so they live in names. */
    enum { N = 20000 };
    char **names = malloc(N * sizeof *names);
    CHECK(names != NULL);
    if (!names)
        return check_done("unit util");
    int wrong = 0;
    for (size_t i = 0; i < N; i++) {
        names[i] = xasprintf("touchpoint-%zu", i);
        wrong += strindex_add(&x, names[i]) != i + 3;
    }
    CHECK(wrong == 0);
    CHECK(x.n == N + 3);
    CHECK(x.n_slots > 2 * x.n && (x.n_slots & (x.n_slots - 1)) == 0);
    for (size_t i = 0; i < N; i++) {
        wrong += strindex_find(&x, names[i]) != i + 3;
        char *miss = xasprintf("touchpoint-%zu-2", i);
        wrong += strindex_find(&x, miss) != STRINDEX_NONE;
        free(miss);
    }
    CHECK(wrong == 0);
    CHECK(strindex_find(&x, "awareness") == 0);
    strindex_finish(&x);
    CHECK(x.n == 0 && x.keys == NULL && x.slots == NULL);
    CHECK(strindex_find(&x, "touchpoint-1") == STRINDEX_NONE);

    /* strindex_put(): adds what is new, finds what is there, across growth. */
    for (size_t i = 0; i < N; i++) {
        bool added;
        wrong += strindex_put(&x, names[i], &added) != i || !added;
        wrong += strindex_put(&x, names[i / 2], &added) != i / 2 || added;
    }
    CHECK(wrong == 0 && x.n == N);
    for (size_t i = 0; i < N; i++)
        wrong += strindex_find(&x, names[i]) != i;
    CHECK(wrong == 0);
    strindex_finish(&x);

    /* A second life after finishing. */
    CHECK(strindex_add(&x, names[7]) == 0);
    CHECK(strindex_find(&x, "touchpoint-7") == 0);
    strindex_finish(&x);

    for (size_t i = 0; i < N; i++)
        free(names[i]);
    free(names);
    return check_done("unit util");
}
