/* fuzz_load_gz.c — es_load_csv on the input's bytes after the first (the options:
 * fuzz_load.c) gzip-compressed here, so that every input reaches the gzip reader with
 * a valid stream; the second byte, when below 8, cuts the stream short (that many
 * eighths of it kept) to reach the truncated-input paths. */
#include "fuzz.h"
#include "fuzz_load.h"

#include <stdlib.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned flags = data[0], cut = data[1];
    data += 2;
    size -= 2;
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    size_t cap = deflateBound(&z, size);
    unsigned char *gz = malloc(cap);
    if (gz == NULL)
        abort();
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)size;
    z.next_out = gz;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        abort();
    size_t n = z.total_out;
    deflateEnd(&z);
    if (cut < 8)
        n = n * cut / 8;
    es_fuzz_load(es_fuzz_file(".csv.gz", gz, n), flags);
    free(gz);
    return 0;
}
