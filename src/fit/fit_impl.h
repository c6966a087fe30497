/* fit_impl.h — helpers shared by the src/fit_*.c files and gof.c (not installed): most are
 * defined in fit_common.c, es_fit_gof_stats_used in gof.c, es_fit_beta_values in fit_beta.c. */
#ifndef ES_FIT_IMPL_H
#define ES_FIT_IMPL_H

#include "engagestat/fit.h"
#include "core/internal.h"

/* Set every number in fit to NaN, with the distribution and parameter count. */
ES_INTERNAL void es_fit_reset(es_fit *fit, es_dist d, int n_par, size_t n);
/* Mark the fit failed with status code (numbers NaN) and return code. */
ES_INTERNAL int es_fit_fail(es_fit *fit, int code);
/* SEs and correlation from the 2x2 observed information (negative Hessian of the
 * log-likelihood); NaN when it is not positive definite. */
ES_INTERNAL void es_fit_se_from_info(es_fit *fit, double i11, double i12, double i22);
/* AIC, AICc, BIC from fit->loglik, then the EDF statistics on xs (the values the
 * likelihood used).  Returns fit->status or ES_ENOMEM. */
ES_INTERNAL int es_fit_finish(es_fit *fit, const double *xs, size_t n);
/* Check x: no NaN (ES_EINVAL), and every value > 0 (positive = 1) or >= 0 (0);
 * ES_EDOM otherwise. */
ES_INTERNAL int es_fit_check_positive(const double *x, size_t n, int positive);
/* EDF statistics of the values the likelihood used (already squeezed for beta). */
ES_INTERNAL int es_fit_gof_stats_used(es_fit *fit, const double *xs, size_t n);
/* The values a beta fit uses: x itself when no value is exactly 0 or 1, else the
 * squeezed (Smithson & Verkuilen 2006) or reduced copy in *owned (caller frees).
 * *vals points at the values, *n_out counts them, *n01 counts exact 0s and 1s.
 * ES_EINVAL for NaN, ES_EDOM for values outside [0, 1], ES_ENOMEM. */
ES_INTERNAL int es_fit_beta_values(const double *x, size_t n, es_beta_zero_one mode, const double **vals,
                                   double **owned, size_t *n_out, size_t *n01);
/* Maximum iterations from opts. */
ES_INTERNAL int es_fit_max_iter(const es_fit_opts *opts);

#endif
