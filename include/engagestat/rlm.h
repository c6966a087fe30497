/* engagestat/rlm.h — robust linear regression: Huber M-estimation with MAD scale by
 * iteratively reweighted least squares (as R's MASS::rlm), and Tukey's bisquare through
 * GSL's gsl_multifit_robust.
 * Ownership: an es_rlm owns its arrays; es_rlm_free() releases them (NULL-safe). */
#ifndef ES_RLM_H
#define ES_RLM_H

#include <stddef.h>

typedef struct es_rlm_opts {
    double k;       /* tuning constant: Huber 1.345 (95% efficiency), bisquare 4.685 */
    int maxit;      /* IRLS iterations (MASS default 20; GSL default 100 for bisquare) */
    double acc;     /* convergence: relative change of the residuals (MASS 1e-4) */
    double conf;    /* confidence level of the intervals (0.95) */
} es_rlm_opts;

/* Defaults for the Huber fit: k 1.345, maxit 20, acc 1e-4, conf 0.95. */
void es_rlm_opts_init(es_rlm_opts *o);

typedef struct es_rlm {
    size_t n, p, rank;
    double *coef, *se, *tstat, *pvalue, *ci_low, *ci_high; /* p each */
    double *cov;       /* p x p covariance of the coefficients */
    double *weights;   /* n final IRLS weights psi(u)/u */
    double scale;      /* the robust scale s (MAD/0.6745 for Huber; GSL's sigma for bisquare) */
    double df;         /* n - p: t reference for the p-values and intervals */
    int iter;          /* IRLS iterations used */
    int converged;
} es_rlm;

/* Huber M-estimate of y on X (row-major n x p, full column rank required) exactly as
 * MASS::rlm(x, y) (R 4.2.2, psi.huber, scale.est "MAD", init "ls"): scale
 * median|r|/0.6745 recomputed before each weighted LS step, stopping when
 * sqrt(sum((r_old - r)^2) / sum(r_old^2)) <= acc.  Standard errors as summary.rlm
 * (method "XtX"): s sqrt(sum(psi^2)/(n-p)) kappa / mean(psi') sqrt(diag (X'X)^-1) with
 * Huber's (1981) correction kappa = 1 + p var(psi')/(n mean(psi')^2).  p-values are ours
 * (Student t, n - p df; MASS gives none).  Errors: ES_EDOM (n <= p, rank deficient),
 * ES_ENOCONV (iteration limit; the fit is still filled), ES_ENOMEM. */
int es_rlm_huber(es_rlm *fit, const double *X, const double *y, size_t n, size_t p, const es_rlm_opts *o);

/* Tukey bisquare (k = o->k, default 4.685 when o is NULL) by GSL's
 * gsl_multifit_robust (DuMouchel & O'Brien 1989: leverage-adjusted residuals, its own
 * scale and covariance).  Errors: ES_EDOM, ES_ENOCONV (GSL hit its iteration limit; the
 * fit is filled), ES_EGSL, ES_ENOMEM. */
int es_rlm_bisquare(es_rlm *fit, const double *X, const double *y, size_t n, size_t p, const es_rlm_opts *o);

void es_rlm_free(es_rlm *fit);

#endif
