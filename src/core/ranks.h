/* ranks.h — the sorted copy of a sample and the rank of each value in it, shared by
 * the bootstrap's and the permutation test's fast paths for medians. */
#ifndef ES_CORE_RANKS_H
#define ES_CORE_RANKS_H

#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"

/* *xs = x[0..n) sorted, *xr[i] = the rank of x[i] in *xs (ties in any order), both
 * allocated (n < 2^32); ES_ENOMEM (both NULL) when out of memory. */
ES_INTERNAL int es_sort_ranks(const double *x, size_t n, double **xs, uint32_t **xr);

#endif
