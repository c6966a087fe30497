/* engagestat/powerlaw.h — power-law tails after Clauset, Shalizi & Newman (2009, SIAM
 * Review 51:661, "CSN"): continuous and discrete (Hurwitz zeta) MLE of alpha above xmin,
 * xmin by minimising the KS distance, the semiparametric bootstrap goodness-of-fit p
 * with xmin refitted on every replicate, Vuong tests against lognormal and exponential
 * tails, and the nested likelihood-ratio test against a power law with exponential cutoff.
 * Ownership: all results are plain values; inputs are const and never reordered.
 * As everywhere in the library, the caller turns GSL's aborting error handler off once
 * (gsl_set_error_handler_off, as the CLI's main does); every GSL status is checked. */
#ifndef ES_POWERLAW_H
#define ES_POWERLAW_H

#include <stddef.h>

#include "engagestat/error.h"

typedef struct es_pl_opts {
    int discrete;          /* integer data: P(x) = x^-alpha / zeta(alpha, xmin) */
    double xmin;           /* > 0: use this xmin (the tail is x >= xmin and xmin becomes the
                              smallest such value); 0: search (default) */
    size_t min_tail;       /* candidates must leave at least this many values; 0 = 10 */
    size_t max_candidates; /* more unique candidates than this: a log-spaced grid of this
                              many, then every value between the best grid point's
                              neighbours; 0 = 2000; SIZE_MAX = all (CSN) */
    int threads;           /* 0 = all cores; results do not depend on it */
} es_pl_opts;

typedef struct es_plfit {
    int status;            /* ES_OK, ES_EDOM (no usable tail), ES_ENOCONV, ES_EINVAL */
    int discrete;
    size_t n;              /* all values */
    size_t n_tail;         /* values >= xmin */
    double xmin, alpha;
    double alpha_se;       /* continuous (alpha-1)/sqrt(n_tail) (CSN eq. 3.2); discrete
                              1/sqrt(n_tail d2 ln zeta/d alpha2), the observed information */
    double ks_d;           /* KS distance of the tail to the fit */
    double loglik;         /* log-likelihood of the tail */
    size_t n_candidates;   /* xmin values scanned */
    size_t n_unique;       /* unique values eligible as xmin */
    int grid;              /* 1 when the grid + refinement search was used */
} es_plfit;

/* Fit a power-law tail to x[0..n-1] (values <= 0 may occur and stay in the body;
 * discrete data must be integers).  opts may be NULL (continuous, search).  Returns
 * fit->status or ES_EINVAL (NaN, non-integer discrete value) / ES_ENOMEM. */
int es_powerlaw_fit(es_plfit *fit, const double *x, size_t n, const es_pl_opts *opts);

/* Complementary CDF P(X >= x) of the fitted tail, x >= xmin: (x/xmin)^(1-alpha), or
 * zeta(alpha, x) / zeta(alpha, xmin) when discrete; NaN below xmin or for a failed fit. */
double es_powerlaw_ccdf(const es_plfit *fit, double x);
/* Density (continuous) or probability mass (discrete) of the tail at x >= xmin. */
double es_powerlaw_pdf(const es_plfit *fit, double x);

typedef struct es_pl_boot {
    long reps, failed;     /* replicates requested, and those whose refit failed */
    double p;              /* share of valid replicates with D >= observed D (CSN 4.1) */
} es_pl_boot;

/* Semiparametric bootstrap GOF (CSN section 4.1): each synthetic set has n values, a
 * value drawn from the fitted tail with probability n_tail/n, else resampled from the
 * values below xmin; xmin and alpha are refitted with the same opts on every replicate.
 * Replicate r uses its own stream seeded from (seed, r): same answer for any threads.
 * p = hits / valid (CSN's definition); ES_OK, ES_EINVAL, ES_ENOMEM. */
int es_powerlaw_gof(const es_plfit *fit, const double *x, size_t n, const es_pl_opts *opts, long reps,
                    unsigned long seed, es_pl_boot *out);

typedef enum { ES_PL_ALT_LOGNORMAL, ES_PL_ALT_EXPONENTIAL, ES_PL_ALT_CUTOFF } es_pl_alt;

typedef struct es_pl_compare {
    es_pl_alt alt;
    int status;            /* ES_OK, ES_ENOCONV (alternative's fit failed) */
    int nested;            /* the cutoff model nests the power law */
    size_t n_tail;
    double par[2];         /* alternative's MLE on the tail: lognormal (mu, sigma);
                              exponential (lambda); cutoff (alpha, lambda) */
    double loglik_alt;
    double llr;            /* R = loglik(power law) - loglik(alternative) */
    double statistic;      /* Vuong: R / (sqrt(n) sd); nested: 2 |R| */
    double p_value;        /* Vuong: erfc(|z| / sqrt 2); nested: Q_chi2_1(2|R|) / 2 */
    size_t n_clamped;      /* pointwise log-likelihoods that were -inf, clamped to -1e300 */
} es_pl_compare;

/* Compare the fitted power law with an alternative on the same tail (x >= xmin), both
 * normalised on [xmin, inf) (discrete: on the integers >= xmin, alternatives discretised
 * as F(k + 1/2) - F(k - 1/2) for the lognormal, geometric for the exponential).  The
 * Vuong (1989) test for lognormal and exponential; the likelihood-ratio test with the
 * boundary-corrected chi-squared(1)/2 (Self & Liang 1987) for the cutoff. */
int es_powerlaw_compare(const es_plfit *fit, const double *x, size_t n, es_pl_alt alt, es_pl_compare *out);

/* Name of an alternative: "lognormal", "exponential", "cutoff". */
const char *es_pl_alt_name(es_pl_alt alt);

#endif
