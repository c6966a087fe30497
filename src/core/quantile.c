/* quantile.c — sorted copies and type-7 quantiles (Hyndman & Fan 1996). */
#include "engagestat/quantile.h"
#include "engagestat/error.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int es_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int es_sorted_copy(const double *x, size_t n, double **out, size_t *m)
{
    double *y = n > SIZE_MAX / sizeof *y ? NULL : malloc((n ? n : 1) * sizeof *y);
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
    /* Exactly R's quantile.default(type = 7) arithmetic (R 4.2.2), so results agree to
     * the last bit: index = 1 + (n - 1) p, lo = floor(index), hi = ceiling(index),
     * h = index - lo, q = (1 - h) x[lo] + h x[hi], interpolating only when
     * index > lo and x[hi] != x[lo] (1-based indices). */
    double index = 1 + (double)(n - 1) * p;
    double flo = floor(index), fhi = ceil(index);
    size_t lo = (size_t)flo, hi = (size_t)fhi;
    if (hi > n)
        hi = n;
    double qs = sorted[lo - 1];
    if (index > flo && sorted[hi - 1] != qs) {
        double h = index - flo;
        qs = (1 - h) * qs + h * sorted[hi - 1];
    }
    return qs;
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
