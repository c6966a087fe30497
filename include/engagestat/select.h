/* engagestat/select.h — order statistics by selection (no full sort), for statistics
 * computed many times, as in bootstrap replicates.  Nothing is allocated. */
#ifndef ES_SELECT_H
#define ES_SELECT_H

#include <stddef.h>

/* The k-th smallest (0-based) of a[0..n), which is reordered (a is the caller's
 * scratch).  Hoare's selection with a median-of-three pivot: expected O(n).
 * NaN when n = 0 or k >= n; the data must hold no NaN. */
double es_select_inplace(double *a, size_t n, size_t k);

/* Median of x[0..n) (mean of the two middle values for even n, as R's median), using
 * scratch[0..n) as working space; x is not modified.  NaN when n = 0. */
double es_median_scratch(const double *x, size_t n, double *scratch);

#endif
