/*
 * fuzz_common.h - shared by the libFuzzer harnesses: the input is written
 * to one temporary file (the loader reads files, as the tool does) and
 * loaded with the rules run, exactly as `journeymap check` would.
 */
#ifndef JOURNEYMAP_FUZZ_COMMON_H
#define JOURNEYMAP_FUZZ_COMMON_H

#include "diag.h"
#include "load.h"
#include "rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* In /dev/shm when there is one: the input is rewritten on every run, and
 * a disk-backed /tmp turns that into block I/O that halves the rate. */
static char fuzz_path[] = "/dev/shm/journeymap-fuzz-XXXXXX";
static int fuzz_fd = -1;

static void
fuzz_remove(void)
{
    unlink(fuzz_path);
}

static void
fuzz_init(void)
{
    if (fuzz_fd >= 0)
        return;
    fuzz_fd = mkstemp(fuzz_path);
    if (fuzz_fd < 0) {
        memcpy(fuzz_path, "/tmp/", 5); /* "/dev/shm/" becomes "/tmp/" + the rest */
        memmove(fuzz_path + 5, fuzz_path + 9, sizeof fuzz_path - 9);
        fuzz_fd = mkstemp(fuzz_path);
    }
    if (fuzz_fd < 0) {
        perror("mkstemp");
        abort();
    }
    atexit(fuzz_remove);
    load_init();
}

/* Write data to the scratch file and load it; returns the journey or NULL. */
static struct journey *
fuzz_load(const uint8_t *data, size_t size, struct diag *d)
{
    fuzz_init();
    if (ftruncate(fuzz_fd, 0) != 0 || pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
        abort();
    const char *file = diag_begin_file(d, "fuzz.xml");
    struct journey *j = NULL;
    const char *why = NULL;
    if (load_journey(fuzz_path, file, d, &j, &why) == LOAD_OK)
        rules_run(j, 20000, d); /* a fixed "today": 2024-10-04 */
    return j;
}

#endif
