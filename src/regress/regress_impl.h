/* regress_impl.h — what the files of the regress analysis (regress.c, regress_design.c,
 * regress_fits.c) share; not installed. */
#ifndef ES_REGRESS_IMPL_H
#define ES_REGRESS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"
#include "engagestat/analysis.h"
#include "engagestat/design.h"
#include "engagestat/ols.h"

/* One run of es_regress_run: its inputs and the covariate arrays it made (freed by
 * es_reg_release). */
typedef struct es_reg {
    const es_regress_opts *o;
    es_results *res;
    const es_table *t;
    const es_units *u;
    const es_bands *bands;
    const char *source;     /* the file's name, for messages */
    void **owned;           /* covariate arrays (numeric values, categorical codes) */
    size_t n_owned;
} es_reg;

/* The design over the units: intercept, log10(followers) [natural log when nat_log],
 * optional square, covariates; keep masks units out.  ES_EINVAL (with err) for a
 * covariate t does not have or that holds unique text; the errors of es_design_finish. */
ES_INTERNAL int es_reg_design(es_reg *r, const unsigned char *keep, int quadratic, int nat_log, es_design **out,
                              es_err *err);
/* A factor with more than ES_REG_FE_LEVELS levels is absorbed (fe.h: Frisch-Waugh-Lovell,
 * exact) instead of expanded into dummy columns for the QR; the dense fits (the QR, the
 * robust and count models) take at most ES_REG_DENSE_COLS columns (their cost grows with
 * n p^2), and an absorbed design at most ES_REG_FE_COLS (its covariance is p x p). */
#define ES_REG_FE_LEVELS 50
#define ES_REG_DENSE_COLS 400
#define ES_REG_FE_COLS 5000

/* The factor of d with the most levels when it has more than ES_REG_FE_LEVELS (its index
 * among d's factors), else -1. */
ES_INTERNAL int es_reg_big_factor(const es_design *d);
/* The model matrix of a design (n x p, row-major), malloc'ed; NULL when out of memory. */
ES_INTERNAL double *es_reg_matrix(const es_design *d);
ES_INTERNAL void es_reg_release(es_reg *r);

/* A coefficient table (term, estimate, se, statistic, df, p_value, ci_low, ci_high, note);
 * a failed allocation sticks in res. */
ES_INTERNAL void es_reg_coef_table(es_results *res, const char *name, const char *title, const es_design *d,
                                   const double *coef, const double *V, size_t p, double df, double conf,
                                   const int *aliased);

/* A two-column table of named model statistics. */
typedef struct es_reg_stat {
    const char *k;
    double v;
} es_reg_stat;
ES_INTERNAL void es_reg_stats_table(es_results *res, const char *name, const char *title, const es_reg_stat *fv,
                                    size_t n);

/* 1 (with a warning naming what was not fitted) when d has more than ES_REG_DENSE_COLS
 * columns for a dense fit (the robust and count models), else 0. */
ES_INTERNAL int es_reg_too_wide(es_reg *r, const es_design *d, const char *what);
/* --robust on the OLS design d with response yunit (per unit). */
ES_INTERNAL int es_reg_robust(es_reg *r, const es_design *d, const double *yunit, es_err *err);
/* --count: the NB2 model.  ES_EDOM when t has no column for the role. */
ES_INTERNAL int es_reg_count(es_reg *r, es_err *err);
/* The binned curve. */
ES_INTERNAL int es_reg_bins(es_reg *r, es_err *err);

/* The statistics of an OLS fit given its coefficients, se, tstat, pvalue and n, p, rank,
 * df_resid, intercept, rss/tss (and their long double copies, yss_ld): the perfect-fit
 * flag (which clears t and p), R^2, adjusted R^2, F, log-likelihood, AIC, BIC.  Shared by
 * ols.c and fe.c. */
ES_INTERNAL void es_ols_fit_stats(es_ols *fit);
/* A fit's arrays for p coefficients (fit zeroed first); with qr also the p x p cov and
 * rinv and the pivot of a QR fit (fe.c has none).  ES_ENOMEM (es_ols_free frees what
 * was allocated). */
ES_INTERNAL int es_ols_alloc(es_ols *fit, size_t p, int qr);

#endif
