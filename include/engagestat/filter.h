/* engagestat/filter.h — row filters (--where EXPR).
 * Ownership: es_where_parse fills a caller-owned es_where; es_where_clear frees its
 * strings. */
#ifndef ES_FILTER_H
#define ES_FILTER_H

#include <stddef.h>

#include "engagestat/error.h"

typedef enum { ES_OP_EQ, ES_OP_NE, ES_OP_LT, ES_OP_LE, ES_OP_GT, ES_OP_GE } es_cmpop;

typedef struct es_where {
    char *column;   /* a column name, or a role name such as "followers" */
    es_cmpop op;
    char *value;
    double number;  /* value as a number, when value_is_number */
    int value_is_number;
} es_where;

/* Parse "col=value", "col!=value", "col<value", "col<=value", "col>value",
 * "col>=value" (blanks around the parts are ignored; numbers may use the loader's
 * forms such as 10K).  Returns ES_OK or ES_EINVAL with a message in err. */
int es_where_parse(es_where *w, const char *expr, es_err *err);
void es_where_clear(es_where *w);

/* Does the cell text s[0..n) satisfy w?  When both sides are numbers they compare
 * as numbers, otherwise as byte strings.  A missing cell satisfies only "!=". */
int es_where_match(const es_where *w, const char *s, size_t n);

#endif
