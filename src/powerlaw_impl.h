/* powerlaw_impl.h — helpers shared by src/powerlaw.c and src/powerlaw_compare.c
 * (not installed). */
#ifndef ES_POWERLAW_IMPL_H
#define ES_POWERLAW_IMPL_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "engagestat/powerlaw.h"

/* ln zeta(alpha, q) (Hurwitz zeta, gsl_sf_hzeta), NaN on a GSL error. */
double es_pl_lnzeta(double alpha, double q);
/* Discrete MLE of alpha for n_t tail values >= q whose logs sum to sl; NaN if none. */
double es_pl_discrete_alpha(double q, size_t n_t, double sl);
/* KS distance of a sorted tail to the fitted continuous (logs given) / discrete law. */
double es_pl_ks_continuous(const double *ls, size_t m, double lxmin, double alpha);
double es_pl_ks_discrete(const double *s, const double *ls, size_t m, double xmin, double alpha);
/* ln zeta(alpha, v), Euler-Maclaurin for v >= 100 (lv = ln v), else GSL. */
double es_pl_lnzeta_fast(double alpha, double v, double lv);
void es_pl_reset(es_plfit *fit, size_t n, int discrete);
/* Fit on sorted positive values s[0..n-1]; n_all = all values including non-positive. */
int es_pl_fit_sorted(es_plfit *fit, const double *s, size_t n, size_t n_all, const es_pl_opts *o, int threads);
/* Sorted copy of the positive values of x (caller frees *s); ES_EINVAL for NaN/inf or a
 * non-integer when discrete; ES_ENOMEM. */
int es_pl_prepare(const double *x, size_t n, int discrete, double **s, size_t *m);
/* One draw from the fitted tail (lz0 = ln zeta(alpha, xmin) when discrete). */
double es_pl_draw(double xmin, double alpha, int discrete, double lz0, gsl_rng *r);

#endif
