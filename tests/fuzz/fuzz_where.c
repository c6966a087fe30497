/* fuzz_where.c — es_where_parse on the input up to its first NUL byte, then the parsed
 * filter on the rest as a cell: es_where_match, es_where_near, and es_where_bind with
 * es_where_test_cells for each kind of column (the cell as both sides). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engagestat/filter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *expr, *cell;
    es_fuzz_split(data, size, &expr, &cell);
    es_where w = {0};
    es_err err = {0};
    if (es_where_parse(&w, expr, &err) == ES_OK) {
        size_t n = cell ? strlen(cell) : 0;
        const char *c = cell ? cell : "";
        es_where_match(&w, c, n);
        es_where_near(&w, c, n);
        es_where_op_name(&w);
        for (int k = ES_WHERE_TEXT; k <= ES_WHERE_FLAG; k++)
            for (int col2 = -1; col2 <= 1; col2 += 2) {
                es_where_test t;
                es_err berr = {0};
                if (es_where_bind(&t, &w, (es_where_kind)k, col2, (es_where_kind)k, k == ES_WHERE_NUMBER ? ',' : '.',
                                  &berr) == ES_OK)
                    es_where_test_cells(&t, c, n, c, n);
                es_err_clear(&berr);
            }
        es_where_clear(&w);
    }
    es_err_clear(&err);
    free(expr);
    free(cell);
    return 0;
}
