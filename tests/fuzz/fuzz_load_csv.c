/* fuzz_load_csv.c — es_load_csv on a file of the input's bytes after the first (which
 * picks the options: fuzz_load.c); the bytes may be gzip, JSON Lines or CSV. */
#include "fuzz.h"
#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    es_fuzz_load(es_fuzz_file(".csv", data + 1, size - 1), data[0]);
    return 0;
}
