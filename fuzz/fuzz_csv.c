/*
 * libFuzzer: any bytes through the touchpoint inventory import (CSV).
 * Whatever it accepts must load without errors as the journey files it
 * writes (the promise that imports pass `check`), and its export must
 * import again to the same export (the round trip of inventory.md); this
 * harness aborts when either does not hold.
 */
#include "fuzz_common.h"
#include "read/inventory.h"
#include "render/inventory.h"
#include "render/xmlout.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The CSV text as imported journeys, or NULL (import refused it). */
static char *
fuzz_csv_import(const void *data, size_t size, struct inventory *inv, size_t *len)
{
    FILE *null = fopen("/dev/null", "w");
    FILE *in = fmemopen((void *)(uintptr_t)data, size ? size : 1, "rb");
    if (!size) { /* fmemopen wants a buffer: an empty file is one at its end */
        fseek(in, 0, SEEK_END);
    }
    bool ok = inventory_read(in, "fuzz.csv", "fuzz", null, inv);
    fclose(in);
    fclose(null);
    return ok ? inventory_csv(inv->journeys, inv->n, NULL, false, len) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct inventory inv;
    size_t len = 0;
    char *csv = fuzz_csv_import(data, size, &inv, &len);
    if (!csv)
        return 0;
    for (size_t i = 0; i < inv.n; i++) {
        size_t xml_len = 0;
        char *xml = xmlout_journey(inv.journeys[i], "imported", &xml_len);
        fuzz_must_load(xml, xml_len);
        free(xml);
    }
    struct inventory again;
    size_t len2 = 0;
    char *csv2 = fuzz_csv_import(csv, len, &again, &len2);
    if (!csv2 || len2 != len || memcmp(csv, csv2, len) != 0) {
        fprintf(stderr, "export -> import -> export differs:\n%s\n---\n%s\n", csv,
                csv2 ? csv2 : "(refused)");
        abort();
    }
    free(csv2);
    free(csv);
    inventory_finish(&again);
    inventory_finish(&inv);
    return 0;
}
