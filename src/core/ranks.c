/* ranks.c — es_sort_ranks (ranks.h). */
#include "core/ranks.h"

#include "engagestat/error.h"

#include <stdlib.h>

typedef struct {
    double v;
    uint32_t i;
} es_vi;

static int es_cmp_vi(const void *a, const void *b)
{
    double x = ((const es_vi *)a)->v, y = ((const es_vi *)b)->v;
    return (x > y) - (x < y);
}

int es_sort_ranks(const double *x, size_t n, double **xs, uint32_t **xr)
{
    es_vi *p = malloc(n * sizeof *p);
    *xs = malloc(n * sizeof **xs);
    *xr = malloc(n * sizeof **xr);
    if (p == NULL || *xs == NULL || *xr == NULL) {
        free(p);
        free(*xs);
        free(*xr);
        *xs = NULL;
        *xr = NULL;
        return es_error(ES_ENOMEM);
    }
    for (size_t i = 0; i < n; i++)
        p[i] = (es_vi){x[i], (uint32_t)i};
    qsort(p, n, sizeof *p, es_cmp_vi);
    for (size_t r = 0; r < n; r++) {
        (*xs)[r] = p[r].v;
        (*xr)[p[r].i] = (uint32_t)r;
    }
    free(p);
    return ES_OK;
}
