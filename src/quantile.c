/* quantile.c — sorted copies and type-7 quantiles (Hyndman & Fan 1996). */
#include "engagestat/quantile.h"
#include "engagestat/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int es_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int es_sorted_copy(const double *x, size_t n, double **out, size_t *m)
{
    double *y = malloc((n ? n : 1) * sizeof *y);
    if (y == NULL)
        return es_error(ES_ENOMEM);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            y[k++] = x[i];
    qsort(y, k, sizeof *y, es_cmp_double);
    *out = y;
    *m = k;
    return ES_OK;
}

double es_quantile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    double frac = h - (double)lo;
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

double es_median(const double *x, size_t n)
{
    double *y;
    size_t m;
    if (es_sorted_copy(x, n, &y, &m) != ES_OK)
        return NAN;
    double med = es_quantile_sorted(y, m, 0.5);
    free(y);
    return med;
}
