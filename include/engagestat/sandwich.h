/* engagestat/sandwich.h — covariance matrices of OLS coefficients: classical,
 * heteroskedasticity-consistent HC0-HC3 and cluster-robust CR1, computed in one extra
 * pass over the rows from the QR factor of a fit (es_ols).
 * Ownership: the caller owns every array passed in; nothing is kept. */
#ifndef ES_SANDWICH_H
#define ES_SANDWICH_H

#include <stddef.h>
#include <stdint.h>

#include "engagestat/ols.h"

typedef enum {
    ES_VCOV_CLASSICAL, /* sigma^2 (X'X)^-1 */
    ES_VCOV_HC0,       /* White (1980): (X'X)^-1 X' diag(e^2) X (X'X)^-1 */
    ES_VCOV_HC1,       /* HC0 * n / (n - k) (MacKinnon & White 1985) */
    ES_VCOV_HC2,       /* e^2 / (1 - h) */
    ES_VCOV_HC3,       /* e^2 / (1 - h)^2 (Long & Ervin 2000 recommend it for n < 250) */
    ES_VCOV_CR1        /* cluster-robust, G/(G-1) (n-1)/(n-k), df G - 1 (Cameron & Miller 2015) */
} es_vcov_type;

/* "classical", "HC0".."HC3", "CR1"; es_vcov_from_name accepts those (any case) and
 * "cluster" for CR1; -1 when unknown. */
const char *es_vcov_name(es_vcov_type t);
int es_vcov_from_name(const char *name);

typedef struct es_vcov_info {
    double df;          /* degrees of freedom for t tests: n - rank, or G - 1 for CR1 */
    size_t n_clusters;  /* G for CR1, else 0 */
    size_t n_lev_one;   /* rows with leverage h_ii = 1 (to 1e-10): HC2/HC3 undefined */
    double max_leverage;
} es_vcov_info;

/* Covariance V (p x p, row-major, caller's column order; NaN rows and columns for aliased
 * coefficients) of the fit's coefficients from the n rows of the source the fit was
 * computed from.  The meat is accumulated in the thin-Q basis z_i = R^-T x_i, so that
 * leverages are h_ii = |z_i|^2 and no n x n matrix is formed; matches R 4.2.2's
 * sandwich::vcovHC(type = "HC0".."HC3") and vcovCL(type = "HC1").  cluster (n codes)
 * is needed for CR1 only.  Errors: ES_EINVAL (no cluster codes, a missing code),
 * ES_EDOM when some h_ii = 1 under HC2/HC3 (V is NaN; info->n_lev_one says how many) or
 * G < 2, ES_ENOMEM, or the row function's status. */
int es_ols_vcov_rows(const es_ols *fit, size_t n, es_row_fn rows, void *ctx, const uint32_t *cluster,
                     es_vcov_type type, double *V, es_vcov_info *info);

/* The same from a row-major n x p matrix X and response y. */
int es_ols_vcov(const es_ols *fit, const double *X, const double *y, size_t n, const uint32_t *cluster,
                es_vcov_type type, double *V, es_vcov_info *info);

#endif
