/* fit_impl.h — the fit module's internal interface (not installed).
 *
 * Layering: each file calls only the layers below it, never across or up.
 *
 *   gof.c         es_fit_gof_stats (the EDF statistics of a fit on other values) and the
 *                 parametric bootstrap: random draws through the family table
 *                 (es_fit_family_of), refits through es_fit_dist
 *   fit.c         names, dispatch (es_fit_dist) and the public densities and CDFs
 *                 (es_fit_pdf, es_fit_log_cdf, ...), all through the family table
 *   fit_X.c       one family each (lognormal, gamma, weibull, beta, exponential): the ML
 *                 fit and its log density, log CDF, log survival and random draw, as the
 *                 es_fit_family es_fit_family_X; uses fit_common.c only
 *   fit_common.c  the helpers the families share and es_fit_finish, which computes the
 *                 information criteria and the EDF statistics with the CDFs of the
 *                 family that calls it; calls nothing in the module
 *
 * fit_run.c (the analysis, analysis.h) sits above them all and uses fit.h only.  Every
 * declaration here carries ES_INTERNAL (hidden visibility). */
#ifndef ES_FIT_IMPL_H
#define ES_FIT_IMPL_H

#include <gsl/gsl_rng.h>

#include "engagestat/fit.h"
#include "core/internal.h"

/* One distribution family.  p, q: the fitted parameters in R's parameterisation
 * (es_dist); the functions assume valid parameters and a non-NaN x. */
typedef struct es_fit_family {
    es_dist dist;
    const char *name;     /* "lognormal" */
    const char *par[2];   /* parameter names; par[1] NULL for one parameter */
    int (*fit)(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts);
    double (*logpdf)(double p, double q, double x);
    double (*log_cdf)(double p, double q, double x);
    double (*log_sf)(double p, double q, double x);
    double (*draw)(double p, double q, gsl_rng *r);
} es_fit_family;

/* fit_lognormal.c, fit_gamma.c, fit_weibull.c, fit_beta.c, fit_exponential.c */
ES_INTERNAL extern const es_fit_family es_fit_family_lognormal, es_fit_family_gamma, es_fit_family_weibull,
    es_fit_family_beta, es_fit_family_exponential;

/* fit.c: the family of d, NULL when d is not a distribution. */
ES_INTERNAL const es_fit_family *es_fit_family_of(es_dist d);

/* ---------------------------------------------------------------- fit_common.c */

/* Set every number in fit to NaN, with the distribution and parameter count. */
ES_INTERNAL void es_fit_reset(es_fit *fit, es_dist d, int n_par, size_t n);
/* Mark the fit failed with status code (numbers NaN) and return code. */
ES_INTERNAL int es_fit_fail(es_fit *fit, int code);
/* SEs and correlation from the 2x2 observed information (negative Hessian of the
 * log-likelihood); NaN when it is not positive definite. */
ES_INTERNAL void es_fit_se_from_info(es_fit *fit, double i11, double i12, double i22);
/* AIC, AICc, BIC from fit->loglik, then the EDF statistics on xs (the values the
 * likelihood used) with fam's CDFs.  Returns fit->status or ES_ENOMEM. */
ES_INTERNAL int es_fit_finish(es_fit *fit, const es_fit_family *fam, const double *xs, size_t n);
/* EDF statistics of fit (parameters set) on xs with fam's CDFs.  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_fit_edf_stats(es_fit *fit, const es_fit_family *fam, const double *xs, size_t n);
/* Check x: no NaN (ES_EINVAL), and every value > 0 (positive = 1) or >= 0 (0);
 * ES_EDOM otherwise. */
ES_INTERNAL int es_fit_check_positive(const double *x, size_t n, int positive);
/* Maximum iterations from opts. */
ES_INTERNAL int es_fit_max_iter(const es_fit_opts *opts);

/* ---------------------------------------------------------------- fit_beta.c */

/* The values a beta fit uses: x itself when no value is exactly 0 or 1, else the
 * squeezed (Smithson & Verkuilen 2006) or reduced copy in *owned (caller frees).
 * *vals points at the values, *n_out counts them, *n01 counts exact 0s and 1s.
 * ES_EINVAL for NaN, ES_EDOM for values outside [0, 1], ES_ENOMEM. */
ES_INTERNAL int es_fit_beta_values(const double *x, size_t n, es_beta_zero_one mode, const double **vals,
                                   double **owned, size_t *n_out, size_t *n01);

#endif
