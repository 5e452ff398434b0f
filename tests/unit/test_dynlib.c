/*
 * test_dynlib.c - libraries loaded when first needed (core/dynlib.c):
 * functions found and typed, and a library or a function that is missing
 * said in words, the slots left empty.
 */
#include "check.h"
#include "config.h"
#include "core/dynlib.h"

#include <math.h>

static __typeof__(&cos) my_cos;
static __typeof__(&sqrt) my_sqrt;
static __typeof__(&cos) my_none;
static __typeof__(&strlen) my_strlen;

int
main(void)
{
    char why[300];
    const struct dynlib_sym libm[] = {{"cos", &my_cos}, {"sqrt", &my_sqrt}};
    CHECK(dynlib_load("libm.so.6", libm, 2, why, sizeof why));
    CHECK(my_cos && my_cos(0) == 1.0);
    CHECK(my_sqrt && my_sqrt(16) == 4.0);
    /* Again, with the library loaded: the slots filled again. */
    my_cos = NULL;
    CHECK(dynlib_load("libm.so.6", libm, 2, why, sizeof why));
    CHECK(my_cos && my_cos(0) == 1.0);

    CHECK(!dynlib_load("libjourneymap-absent.so.7", libm, 2, why, sizeof why));
    CHECK(strstr(why, "cannot load libjourneymap-absent.so.7") == why);

    const struct dynlib_sym odd[] = {{"strlen", &my_strlen}, {"no_such_function_here", &my_none}};
    CHECK(!dynlib_load("libc.so.6", odd, 2, why, sizeof why));
    CHECK_STR(why, "libc.so.6 has no function no_such_function_here (a different version?)");
    CHECK(!my_strlen && !my_none); /* nothing half-filled */
    CHECK(dynlib_load("libc.so.6", odd, 1, why, sizeof why));
    CHECK(my_strlen && my_strlen("four") == 4);

    /* The libraries the build found load, with what their homes call. */
    static __typeof__(&cos) any;
    const struct dynlib_sym none[] = {{"git_libgit2_init", &any}};
    CHECK(dynlib_load(JOURNEYMAP_LIBGIT2_SONAME, none, 1, why, sizeof why));
    CHECK(any != NULL);
    const struct dynlib_sym cr[] = {{"cairo_create", &any}};
    CHECK(dynlib_load(JOURNEYMAP_CAIRO_SONAME, cr, 1, why, sizeof why));
    return check_done("dynlib");
}
