/*
 * failmalloc.c - LD_PRELOAD fault injection: make one allocation of the
 * journeymap program itself fail.
 *
 * Only calls made from the program's own code are counted (the caller's
 * address lies in the executable); the libraries' allocations pass, since
 * what they do when memory runs out is theirs. Environment:
 *   FAILMALLOC_NTH=N     the Nth counted malloc/calloc/realloc returns NULL
 *   FAILMALLOC_REPORT=1  print "failmalloc: N" (calls counted) at exit
 * Not for sanitizer builds, which have their own allocator.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static uintptr_t text_lo, text_hi;
static long nth = -1, counted;
static int ready;

static int
find_program(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    /* The first object listed is the program. */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            text_lo = info->dlpi_addr + ph->p_vaddr;
            text_hi = text_lo + ph->p_memsz;
        }
    }
    return 1;
}

static int
should_fail(void *caller)
{
    if (!ready) {
        ready = 1;
        const char *s = getenv("FAILMALLOC_NTH");
        nth = s ? atol(s) : -1;
        dl_iterate_phdr(find_program, NULL);
    }
    uintptr_t a = (uintptr_t)caller;
    if (a < text_lo || a >= text_hi)
        return 0;
    return ++counted == nth;
}

void *
malloc(size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_malloc(size);
}

void *
calloc(size_t n, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_realloc(p, size);
}

__attribute__((destructor)) static void
report(void)
{
    if (!getenv("FAILMALLOC_REPORT"))
        return;
    char line[64];
    int n = snprintf(line, sizeof line, "failmalloc: %ld\n", counted);
    if (n > 0)
        (void)!write(2, line, (size_t)n);
}
