/* engagestat/glmnb.h — negative binomial (NB2) regression for counts with an offset,
 * theta by maximum likelihood alternating with IRLS (as R's MASS::glm.nb), the Poisson
 * fit it starts from, and the boundary likelihood-ratio test of overdispersion.
 * Ownership: an es_glmnb owns its arrays; es_glmnb_free() releases them (NULL-safe). */
#ifndef ES_GLMNB_H
#define ES_GLMNB_H

#include <stddef.h>

typedef struct es_glmnb_opts {
    int maxit;       /* IRLS iterations, theta iterations and alternations (25) */
    double epsilon;  /* convergence tolerance (1e-8, glm.control) */
    double conf;     /* confidence level of the Wald intervals (0.95) */
    double theta_max;/* theta above this is treated as Poisson (1e8) */
} es_glmnb_opts;

/* Defaults: maxit 25, epsilon 1e-8, conf 0.95, theta_max 1e8. */
void es_glmnb_opts_init(es_glmnb_opts *o);

typedef struct es_glmnb {
    size_t n, p, rank;
    /* The reported model: NB2, or Poisson when poisson_fallback is set. */
    double *coef, *se, *zstat, *pvalue, *ci_low, *ci_high; /* p each; Wald, normal */
    double *cov;              /* p x p, dispersion 1 (summary.negbin) */
    double theta, se_theta;   /* NB2 size: Var = mu + mu^2 / theta; NaN under fallback */
    double loglik, aic, deviance;
    int iter;                 /* theta/IRLS alternations */
    int converged;
    int poisson_fallback;     /* 1 when theta grew without bound (near-Poisson data) */
    int nb_failed;            /* 1 when theta.ml did not converge and theta was not growing
                                 without bound: coef, se, loglik, aic, deviance and the LR
                                 test are NaN, status ES_ENOCONV */
    /* The Poisson fit and the test of theta = infinity (alpha = 1/theta = 0). */
    double *pois_coef, *pois_se;
    double pois_loglik, pois_aic;
    double lr_stat;           /* 2 (loglik_NB - loglik_Poisson) */
    double lr_pvalue;         /* chi-bar-square: 0.5 P(chi2_1 >= lr_stat) (Self & Liang 1987) */
} es_glmnb;

/* Fit y (n counts >= 0, integers) on X (row-major n x p, full column rank) with log
 * link and offset (n values, or NULL for none), reproducing MASS::glm.nb (R 4.2.2):
 * a Poisson IRLS start, theta.ml on its fitted means, then IRLS with theta fixed
 * alternating with theta.ml until |dLoglik|/d1 + |dtheta|/d2 <= epsilon.  Errors:
 * ES_EINVAL (negative, non-integer or non-finite counts), ES_EDOM (n <= p, rank
 * deficient), ES_ENOCONV (a limit was reached; the fit is filled unless nb_failed),
 * ES_ENOMEM.  A theta growing without bound (above theta_max, or theta.ml at its
 * iteration limit still increasing with the NB log-likelihood equal to the Poisson one)
 * is not an error: poisson_fallback is set and the Poisson fit (as glm(family =
 * poisson)) is reported.  theta.ml at its limit otherwise (the theta/beta alternation
 * oscillating, where glm.nb warns "iteration limit reached" and returns a wrong theta)
 * is a failure: nb_failed is set, the NB2 values are NaN and the status ES_ENOCONV. */
int es_glmnb_fit(es_glmnb *fit, const double *X, const double *y, const double *offset, size_t n, size_t p,
                 const es_glmnb_opts *o);

void es_glmnb_free(es_glmnb *fit);

#endif
