/* Unit tests for arena.c: alignment, zeroing, copies, large blocks. */
#include "core/arena.h"
#include "check.h"

#include <stdalign.h>
#include <stdint.h>

int
main(void)
{
    struct arena *a = arena_new();
    CHECK(arena_used(a) == 0);

    /* Every allocation is zeroed and aligned for pointers, doubles and
     * 64-bit integers (arena.h), and no more than that is promised. */
    int misaligned = 0, dirty = 0;
    for (size_t n = 1; n < 200; n++) {
        unsigned char *p = arena_alloc(a, n);
        if ((uintptr_t)p % alignof(void *) != 0 || (uintptr_t)p % alignof(double) != 0 ||
            (uintptr_t)p % alignof(long long) != 0)
            misaligned++;
        for (size_t i = 0; i < n; i++)
            dirty += p[i] != 0;
        memset(p, 0xAB, n);
    }
    CHECK(misaligned == 0);
    CHECK(dirty == 0);

    /* Copies are independent and NUL-terminated. */
    char src[] = "Using the service";
    char *s = arena_strdup(a, src);
    src[0] = 'X';
    CHECK_STR(s, "Using the service");
    CHECK_STR(arena_strndup(a, "abcdef", 3), "abc");
    CHECK_STR(arena_strndup(a, "", 0), "");
    int nums[4] = {1, 2, 3, 4};
    int *copy = arena_memdup(a, nums, sizeof nums);
    CHECK(copy[0] == 1 && copy[3] == 4 && copy != nums);

    /* A block larger than a chunk, then small ones again. */
    size_t before = arena_used(a);
    unsigned char *big = arena_alloc(a, (size_t)1 << 20);
    big[0] = 1;
    big[((size_t)1 << 20) - 1] = 2;
    CHECK(arena_used(a) >= before + ((size_t)1 << 20));
    char *after = arena_strdup(a, "still works");
    CHECK_STR(after, "still works");
    CHECK(big[((size_t)1 << 20) - 1] == 2);

    /* Many small strings: the pointers stay valid as chunks are added. */
    char *first = arena_strdup(a, "first");
    for (int i = 0; i < 100000; i++)
        arena_strdup(a, "a string that fills chunks");
    CHECK_STR(first, "first");

    /* A lane: one arena of its own, made once, reset and freed with its
     * owner (a leak here is the sanitizers' and valgrind's to see). */
    struct arena *lane = arena_lane(a);
    CHECK(lane != NULL && lane != a && arena_lane(a) == lane);
    char *in_lane = arena_strdup(lane, "id-1");
    char *next = arena_strdup(lane, "id-2");
    CHECK(next == in_lane + 5); /* side by side */
    CHECK_STR(first, "first");
    arena_reset(a);
    CHECK(arena_used(a) == 0 && arena_used(lane) == 0 && arena_lane(a) == lane);
    CHECK_STR(arena_strdup(lane, "again"), "again");

    arena_free(a);
    arena_free(NULL);
    return check_done("arena");
}
