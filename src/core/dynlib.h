/*
 * dynlib.h - a shared library loaded when a command first needs it.
 *
 * libgit2 (`diff --rev`) and cairo (`--page` PDF and PNG) serve a few
 * commands; linked to the program, their 25 libraries (krb5, OpenSSL,
 * X11 ...) would be loaded and relocated by every run: 7 ms and 5 MiB of
 * each `check` of a small journey, more than the check itself. Their one
 * home (read/gitread.c, render/graphviz/page.c) loads the library by its
 * soname, found when the build is configured (meson.build), and reaches
 * its functions through a table of pointers typed from the library's own
 * header, so the compiler still checks every call, and the linker refuses
 * a call that bypasses the table.
 *
 * Ownership: a loaded library stays loaded until the program exits (its
 * handle is never closed: libgit2 and cairo keep state of their own, and
 * the table's pointers must stay good).
 */
#ifndef JOURNEYMAP_DYNLIB_H
#define JOURNEYMAP_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function: its name and the function pointer that receives it. */
struct dynlib_sym {
    const char *name;
    void *slot; /* the address of a function pointer variable */
};

/*
 * Load soname (a library already loaded is only counted again) and fill
 * every slot. Returns false, with why set to a sentence naming the
 * library and what failed, when it cannot be loaded or lacks a function;
 * the slots are then left NULL.
 */
bool dynlib_load(const char *soname, const struct dynlib_sym *syms, size_t n, char *why,
                 size_t why_len);

#endif
