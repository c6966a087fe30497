/* fuzz_er.c — the --er expression parser (src/data/er_expr.c) on the input as a string,
 * and on success its canonical text, which must parse again to the same text. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engagestat/buf.h"
#include "engagestat/engagement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = es_fuzz_str(data, size);
    es_er_def d;
    es_err err = {0};
    if (es_er_parse(&d, s, &err) == ES_OK) {
        int num, den;
        es_er_ratio(&d, &num, &den);
        es_er_uses_role(&d, ES_ROLE_ER);
        es_buf b = {0}, b2 = {0};
        if (es_er_format(&d, &b) == ES_OK && b.data != NULL) {
            es_er_def d2;
            es_err err2 = {0};
            if (es_er_parse(&d2, b.data, &err2) == ES_OK && es_er_format(&d2, &b2) == ES_OK &&
                strcmp(b.data, b2.data) != 0)
                abort(); /* the canonical text is a fixed point */
            es_err_clear(&err2);
        }
        es_buf_free(&b);
        es_buf_free(&b2);
    }
    es_err_clear(&err);
    free(s);
    return 0;
}
