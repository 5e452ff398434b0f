/*
 * dynlib.c - a shared library loaded when first needed (dynlib.h).
 */
#include "core/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* POSIX: dlsym()'s void * holds a function's address; it is copied into
 * the typed pointer as bytes, which are all the same size. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers of object size");

bool
dynlib_load(const char *soname, const struct dynlib_sym *syms, size_t n, char *why,
            size_t why_len)
{
    /* Opened again, the library that is already loaded is found and
     * counted once more: no search, no second copy. */
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *e = dlerror();
        snprintf(why, why_len, "cannot load %s%s%s", soname, e ? ": " : "", e ? e : "");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        void *f = dlsym(handle, syms[i].name);
        if (!f) {
            snprintf(why, why_len, "%s has no function %s (a different version?)", soname,
                     syms[i].name);
            for (size_t k = 0; k < i; k++)
                memset(syms[k].slot, 0, sizeof f);
            dlclose(handle);
            return false;
        }
        memcpy(syms[i].slot, &f, sizeof f);
    }
    return true;
}
