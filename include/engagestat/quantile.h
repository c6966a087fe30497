/* engagestat/quantile.h — sorting copies and sample quantiles (Hyndman & Fan type 7,
 * R's default).  No allocation is kept; nothing to free but what the caller asks for. */
#ifndef ES_QUANTILE_H
#define ES_QUANTILE_H

#include <stddef.h>

/* qsort comparator for doubles: ascending, -1, 0 or 1 as (x > y) - (x < y).  A NaN
 * compares equal to every value, so an array holding NaN has no defined order: callers
 * drop NaN (or non-finite values) before sorting. */
int es_cmp_double(const void *a, const void *b);

/* Sorted copy of the non-NaN values of x[0..n) into a new array (*out, caller frees),
 * count in *m.  Returns ES_OK or ES_ENOMEM.  x is not modified. */
int es_sorted_copy(const double *x, size_t n, double **out, size_t *m);

/* Quantile of sorted data by R's type 7 with R's arithmetic: index = 1 + (n-1)p, h = index
 * - floor(index), (1 - h) x[floor] + h x[ceiling] (1-based), the same arithmetic as
 * R 4.2.2's quantile(type = 7).  NaN when n = 0 or p is outside [0, 1]. */
double es_quantile_sorted(const double *sorted, size_t n, double p);

/* Median of x[0..n) ignoring NaN (x is not modified); NaN when no values. */
double es_median(const double *x, size_t n);

#endif
