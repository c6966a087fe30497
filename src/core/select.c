/* select.c — selection of order statistics (Hoare 1961, "Algorithm 65: Find"). */
#include "engagestat/select.h"

#include <math.h>
#include <string.h>

static void es_swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

double es_select_inplace(double *a, size_t n, size_t k)
{
    if (n == 0 || k >= n)
        return NAN;
    size_t lo = 0, hi = n - 1;
    while (hi > lo) {
        /* Median of three as pivot, moved to a[lo]. */
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            es_swap(a, mid, lo);
        if (a[hi] < a[lo])
            es_swap(a, hi, lo);
        if (a[hi] < a[mid])
            es_swap(a, hi, mid);
        es_swap(a, lo, mid);
        double pivot = a[lo];
        size_t i = lo, j = hi + 1;
        for (;;) {
            do
                i++;
            while (i <= hi && a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            es_swap(a, i, j);
        }
        es_swap(a, lo, j);
        if (j == k)
            return a[k];
        if (j < k)
            lo = j + 1;
        else
            hi = j - 1;
    }
    return a[k];
}

double es_median_scratch(const double *x, size_t n, double *scratch)
{
    if (n == 0)
        return NAN;
    memcpy(scratch, x, n * sizeof *x);
    size_t half = n / 2;
    double hi = es_select_inplace(scratch, n, half);
    if (n % 2 == 1)
        return hi;
    /* After selection every value left of half is <= a[half]: the lower middle is
     * their maximum. */
    double lo = scratch[0];
    for (size_t i = 1; i < half; i++)
        if (scratch[i] > lo)
            lo = scratch[i];
    return 0.5 * lo + 0.5 * hi;
}
