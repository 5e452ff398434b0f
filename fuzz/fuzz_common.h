/*
 * fuzz_common.h - shared by the libFuzzer harnesses: the input is written
 * to one temporary file (the loader reads files, as the tool does) and
 * loaded with the rules run, exactly as `journeymap check` would.
 */
#ifndef JOURNEYMAP_FUZZ_COMMON_H
#define JOURNEYMAP_FUZZ_COMMON_H

#include "core/diag.h"
#include "read/load.h"
#include "check/rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* In /dev/shm when there is one: the input is rewritten on every run, and
 * a disk-backed /tmp turns that into block I/O that halves the rate. The
 * file is unlinked as soon as it is made and reached through
 * /proc/self/fd, so nothing is left behind however the process ends
 * (libFuzzer leaves with _exit on SIGINT, and -fork jobs are killed). */
static int fuzz_fd = -1;
static char fuzz_path[64];

static void
fuzz_init(void)
{
    if (fuzz_fd >= 0)
        return;
    char name[] = "/dev/shm/journeymap-fuzz-XXXXXX";
    fuzz_fd = mkstemp(name);
    if (fuzz_fd < 0) {
        memcpy(name, "/tmp/", 5); /* "/dev/shm/" becomes "/tmp/" + the rest */
        memmove(name + 5, name + 9, sizeof name - 9);
        fuzz_fd = mkstemp(name);
    }
    if (fuzz_fd < 0) {
        perror("mkstemp");
        abort();
    }
    unlink(name);
    snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
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
    if (load_journey(fuzz_path, file, d, 0, &j, &why) == LOAD_OK)
        rules_run(j, 20000, d); /* a fixed "today": 2024-10-04 */
    return j;
}

/* What an importer wrote must load without errors: abort when it does not. */
static inline void
fuzz_must_load(const char *xml, size_t len)
{
    struct diag *d = diag_new();
    struct journey *j = fuzz_load((const uint8_t *)xml, len, d);
    if (!j) {
        fprintf(stderr, "import produced XML that does not load:\n%s\n", xml);
        abort();
    }
    journey_free(j);
    diag_free(d);
}

#endif
