/*
 * libFuzzer: any bytes through the Mermaid importer. Whatever it accepts
 * must load without errors (the promise that imports pass `check`); this
 * harness aborts when one does not.
 */
#include "fuzz_common.h"
#include "read/mermaid.h"
#include "render/xmlout.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    char *fixed = utf8_fix(text);
    bool utf8 = strlen(text) == size && strcmp(fixed, text) == 0;
    free(fixed);
    if (utf8) { /* the command refuses anything else before importing */
        FILE *null = fopen("/dev/null", "w");
        size_t len = 0;
        struct mermaid_options o = {NULL, 0, false};
        struct journey *imported = mermaid_read(text, size, "fuzz.mmd", "fuzz", null, &o);
        fclose(null);
        char *xml = imported ? xmlout_journey(imported, "imported", &len) : NULL;
        journey_free(imported);
        if (xml)
            fuzz_must_load(xml, len);
        free(xml);
    }
    free(text);
    return 0;
}
