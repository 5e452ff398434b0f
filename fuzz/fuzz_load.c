/* libFuzzer: any bytes through the loader and every rule. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag *d = diag_new();
    struct journey *j = fuzz_load(data, size, d);
    diag_sort(d);
    journey_free(j);
    diag_free(d);
    return 0;
}
