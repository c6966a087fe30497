/* engagestat/ols.h — ordinary least squares by Householder QR in extended precision,
 * never the normal equations; a one-pass streaming accumulator (a structured TSQR).
 * Ownership: an es_ols_acc and an es_ols fit own their arrays; the _free functions
 * release them (NULL is a no-op); a fit never points into the caller's data. */
#ifndef ES_OLS_H
#define ES_OLS_H

#include <stddef.h>

/* A source of design rows: writes row i of X (p values) into x and the response into
 * *y.  Returns 0, or an es status code that aborts the computation. */
typedef int (*es_row_fn)(void *ctx, size_t i, double *x, double *y);

/* The streaming accumulator: rows are folded into the (p+1) x (p+1) triangular factor
 * of [X | y] in blocks, by Householder reflections in long double (Golub & Van Loan
 * 2013, sec. 5.2; TSQR, Demmel et al. 2012).  Memory is O(p^2), independent of n. */
typedef struct es_ols_acc es_ols_acc;

/* A new accumulator for p columns (p >= 1); NULL on allocation failure. */
es_ols_acc *es_ols_acc_alloc(size_t p);
void es_ols_acc_free(es_ols_acc *a);
/* Fold one row (x[0..p), y) into the factor.  ES_EINVAL for a non-finite value (the
 * row is not added). */
int es_ols_acc_add(es_ols_acc *a, const double *x, double y);
/* The same with a row in long double (for designs built in extended precision). */
int es_ols_acc_add_ld(es_ols_acc *a, const long double *x, long double y);
/* Rows added so far. */
size_t es_ols_acc_n(const es_ols_acc *a);
/* Merge accumulator b (same p) into a: the factor of the stacked rows (for partial
 * results computed in parallel).  ES_EINVAL when p differs. */
int es_ols_acc_merge(es_ols_acc *a, const es_ols_acc *b);

typedef struct es_ols_opts {
    int intercept;   /* column 0 is the constant: centred R^2 and F (default 1) */
    double tol;      /* rank tolerance: a column whose distance from the span of the
                        columns before it is below tol times its norm is aliased
                        (LINPACK dqrdc2 limited pivoting as in R's lm; default 1e-10) */
    int refine;      /* refinement passes over the rows (corrected semi-normal equations,
                        Bjorck 1987) when the rows are available again (default 2) */
    double conf;     /* confidence level of the intervals (default 0.95) */
} es_ols_opts;

/* Defaults: intercept 1, tol 1e-10, refine 2, conf 0.95. */
void es_ols_opts_init(es_ols_opts *o);

/* A fitted model.  Coefficient arrays have p entries in the caller's column order;
 * aliased columns (rank deficiency) get NaN and aliased[j] = 1. */
typedef struct es_ols {
    size_t n, p, rank;
    double df_resid;       /* n - rank */
    int intercept;
    double conf;
    double *coef, *se, *tstat, *pvalue, *ci_low, *ci_high;
    int *aliased;
    double *cov;           /* p x p row-major classical covariance sigma^2 (X'X)^-1 */
    double rss;            /* residual sum of squares */
    double tss;            /* total SS: about the mean with an intercept, else sum y^2 */
    double sigma;          /* residual standard deviation sqrt(rss / (n - rank)) */
    double r2, adj_r2;     /* R^2 = 1 - rss/tss (uncentred without intercept) */
    double fstat, f_df1, f_df2, f_pvalue;  /* overall F against the intercept-only model */
    double loglik, aic, bic;               /* Gaussian, as R's logLik.lm/AIC/BIC: k = rank + 1 */
    int perfect_fit;       /* residual variance (numerically) zero: RSS <= 1e-12 TSS or
                              RSS <= 1e-28 sum(y^2) (a constant response among others);
                              t, p and F are then NaN (R's summary.lm warns "essentially
                              perfect fit") */
    /* Internals used by the covariance and leverage routines. */
    size_t *pivot;         /* pivot[k] = caller column of the k-th kept column (k < rank), aliased after */
    long double *rinv;     /* rank x rank upper-triangular inverse of the pivoted R, row-major */
    long double *coef_ld;  /* coefficients in long double (0 for aliased) */
    long double rss_ld, tss_ld, yss_ld; /* yss: sum of y^2 (uncentred) */
} es_ols;

/* Finish a streaming fit: rank-revealing QR of the accumulated factor, coefficients,
 * classical SEs, t, p, CIs, R^2, F, AIC, BIC.  No second pass over the data: RSS is the
 * square of the last diagonal element of the factor of [X | y].  Errors: ES_EDOM when
 * n <= rank (no residual degrees of freedom: estimates are filled, SEs NaN), ES_EEMPTY
 * when no rows, ES_ENOMEM.  es_ols_free(fit) must be called whatever the status. */
int es_ols_acc_solve(const es_ols_acc *a, const es_ols_opts *o, es_ols *fit);

/* Fit from a row source (n rows of p columns): one accumulation pass, o->refine
 * refinement passes in long double, and a final pass for RSS and TSS.  Status as
 * es_ols_acc_solve, ES_EINVAL for a non-finite value in a row, or the row function's
 * non-zero status. */
int es_ols_fit_rows(es_ols *fit, size_t n, size_t p, es_row_fn rows, void *ctx, const es_ols_opts *o);

/* Fit from a row-major n x p matrix X and response y (neither is modified). */
int es_ols_fit(es_ols *fit, const double *X, const double *y, size_t n, size_t p, const es_ols_opts *o);

/* The same with a long double design (used to reach NIST's certified digits when the
 * regressors themselves are computed, e.g. powers of x in Filip). */
int es_ols_fit_ld(es_ols *fit, const long double *X, const long double *y, size_t n, size_t p,
                  const es_ols_opts *o);

void es_ols_free(es_ols *fit);

/* Leverage h = x' (X'X)^-1 x of a row x (p values) under the fit: the squared norm of
 * R^-T x, i.e. the row norm of the thin Q for a row of X (no n x n hat matrix). */
double es_ols_leverage(const es_ols *fit, const double *x);

/* Prediction x'b and its standard error sqrt(x' V x) for a covariance V (p x p, as
 * returned by es_ols_vcov or fit->cov).  NaN when x puts weight on an aliased column. */
int es_ols_predict(const es_ols *fit, const double *V, const double *x, double *yhat, double *se);

/* Coefficient inference from a covariance: se = sqrt(diag V), statistic = coef/se,
 * two-sided p from Student t with df degrees of freedom (es_tdist_Q, accurate far into
 * the tail; normal when df is infinite),
 * CI at level conf.  Arrays have p entries; NaN where coef or V is NaN. */
void es_coef_infer(const double *coef, const double *V, size_t p, double df, double conf, double *se,
                   double *stat, double *pvalue, double *lo, double *hi);

/* Turning point x* = -b1 / (2 b2) of b0 + b1 x + b2 x^2, with its delta-method
 * standard error from the covariance entries v11 = Var b1, v12 = Cov(b1, b2),
 * v22 = Var b2 (gradient (-1/(2 b2), b1/(2 b2^2))), and a Student-t interval with df
 * degrees of freedom (normal when df is infinite).  ES_EDOM (all NaN) when b2 = 0 or an
 * input is NaN. */
int es_quad_turning_point(double b1, double b2, double v11, double v12, double v22, double df, double conf,
                          double *x, double *se, double *lo, double *hi);

#endif
