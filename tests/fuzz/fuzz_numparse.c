/* fuzz_numparse.c — the number, time and flag parsers (numparse.h) on the input (an
 * exact-size copy, so that a read past the end is caught). */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/numparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    double x;
    es_numstatus st = es_parse_number(s, size, &x);
    if ((st == ES_NUM_OK) != !isnan(x) || (st == ES_NUM_OK && x == 0 && signbit(x)))
        abort(); /* OK exactly when a number came out; never -0 (numparse.h) */
    es_parse_number_dec(s, size, ',', &x);
    es_parse_number_dec(s, size, '.', &x);
    es_parse_time(s, size, &x);
    es_parse_flag(s, size, &x);
    es_is_missing_token(s, size);
    const char *t = s;
    size_t n = size;
    es_trim_blanks(&t, &n);
    if (t < s || t + n > s + size)
        abort();
    free(s);
    return 0;
}
