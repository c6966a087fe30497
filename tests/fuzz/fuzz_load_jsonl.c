/* fuzz_load_jsonl.c — es_load_csv on a .jsonl file of the input's bytes after the first
 * (the options: fuzz_load.c): the JSON Lines reader (src/data/jsonl.c). */
#include "fuzz.h"
#include "fuzz_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    es_fuzz_load(es_fuzz_file(".jsonl", data + 1, size - 1), data[0]);
    return 0;
}
