/* engagestat/fe.h — OLS with one factor's fixed effects absorbed (Frisch-Waugh-Lovell):
 * the same coefficients, classical and sandwich covariances (HC0-HC3, CR1), R^2 and F as
 * es_ols_fit + es_ols_vcov on the full dummy design, in O(n k^2 + G^2 k) time for a
 * factor of G levels and k other columns instead of O(n (G + k)^2).
 * Ownership: an es_fe owns copies of the demeaned rows it needs (n x k long doubles) and
 * borrows nothing; es_fe_free releases it (NULL is a no-op). */
#ifndef ES_FE_H
#define ES_FE_H

#include <stddef.h>
#include <stdint.h>

#include "engagestat/design.h"
#include "engagestat/ols.h"
#include "engagestat/sandwich.h"

typedef struct es_fe es_fe;

/* Fit y (one value per source row of d: y[es_design_source_row(d, k)]) on the finished
 * design d, which has an intercept, factor t (its dummies are absorbed) and at least one
 * other column.  fit is filled as es_ols_fit would fill it for the full design (caller's
 * column order, treatment contrasts against the factor's reference level), except that
 * fit->cov, fit->rinv and fit->pivot are NULL: es_fe_vcov gives every covariance.  *out
 * receives the workspace es_fe_vcov needs.  Errors: ES_EINVAL (no intercept, t is no
 * factor, no other column), ES_EDOM when the absorbed fit does not apply and the dense
 * es_ols_fit must be used: another column (nearly) collinear with the factor (within
 * 1e-7 of the span of the dummies and the columns before it: the dense fit's pivoting
 * decides which column is aliased) or no residual degrees of freedom; ES_ENOMEM.
 * es_ols_free(fit) and es_fe_free(*out) must be called whatever the status. */
int es_fe_fit(es_fe **out, const es_design *d, size_t t, const double *y, const es_ols_opts *o, es_ols *fit);

/* Covariance V (p x p, row-major, caller's column order; 8 p^2 bytes) of the fit's
 * coefficients, as es_ols_vcov_rows would compute it on the full design: classical,
 * HC0-HC3 (leverage h_ii = 1/n_g + z~_i' (Z~'Z~)^-1 z~_i, exact), or CR1 with the cluster
 * codes cluster[k] of the design's rows k.  info and the errors are es_ols_vcov_rows's
 * (ES_EDOM with n_lev_one > 0 for HC2/HC3 when a level has a single row). */
int es_fe_vcov(const es_fe *fe, const es_ols *fit, const uint32_t *cluster, es_vcov_type type, double *V,
               es_vcov_info *info);

void es_fe_free(es_fe *fe);

#endif
