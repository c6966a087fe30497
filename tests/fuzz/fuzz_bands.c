/* fuzz_bands.c — es_bands_parse on the input split at its first NUL byte: the spec
 * (--bands) before it, the names (--band-names) after it (none without a NUL); on
 * success the bands are classified, named and formatted. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec, *names;
    es_fuzz_split(data, size, &spec, &names);
    es_bands b = {0};
    es_err err = {0};
    if (es_bands_parse(&b, spec, names, &err) == ES_OK) {
        char buf[64];
        for (size_t i = 0; i < b.n; i++) {
            es_bands_range(&b, i, buf, sizeof buf);
            if (b.edges && es_bands_classify(&b, b.edges[i]) != (int)i)
                abort(); /* a band's lower edge is in it */
            es_bands_upper(&b, i);
            es_bands_find(&b, b.names[i]);
        }
        es_bands_format_range(b.n ? b.edges[0] : 0, INFINITY, buf, sizeof buf);
        es_buf out = {0};
        es_bands_names_list(&b, &out);
        es_buf_free(&out);
        es_bands_free(&b);
    }
    es_err_clear(&err);
    free(spec);
    free(names);
    return 0;
}
