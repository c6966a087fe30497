/* engagestat/fit.h — maximum-likelihood fits of the lognormal, gamma, Weibull, beta and
 * exponential distributions (no free location parameter), their standard errors from the
 * observed information, information criteria, EDF goodness-of-fit statistics (KS, CvM,
 * AD) and the parametric-bootstrap goodness-of-fit p-value with a refit per replicate.
 * Ownership: es_fit and es_fit_boot are plain values (nothing to free); inputs are const
 * and never reordered (sorted copies are made in scratch space).  The caller turns GSL's
 * aborting error handler off once (gsl_set_error_handler_off), as the CLI's main does. */
#ifndef ES_FIT_H
#define ES_FIT_H

#include <stddef.h>

#include "engagestat/error.h"

typedef enum {
    ES_DIST_LNORM = 0, /* meanlog, sdlog            (R dlnorm)   */
    ES_DIST_GAMMA,     /* shape, rate               (R dgamma)   */
    ES_DIST_WEIBULL,   /* shape, scale              (R dweibull) */
    ES_DIST_BETA,      /* shape1, shape2            (R dbeta)    */
    ES_DIST_EXP,       /* rate                      (R dexp)     */
    ES_DIST_COUNT
} es_dist;

/* How beta fits treat values that are exactly 0 or 1. */
typedef enum {
    ES_BETA_SQUEEZE = 0, /* y' = (y (n-1) + 1/2) / n on all values (Smithson & Verkuilen 2006) */
    ES_BETA_DROP         /* drop the exact 0s and 1s; fit the rest */
} es_beta_zero_one;

typedef struct es_fit_opts {
    es_beta_zero_one beta01; /* default ES_BETA_SQUEEZE */
    int max_iter;            /* Newton / root iterations; 0 = 200 */
} es_fit_opts;

typedef struct es_fit {
    es_dist dist;
    int status;          /* ES_OK; ES_EDOM (data outside the support, too few or constant
                            values); ES_ENOCONV (no convergence: every number is NaN) */
    int n_par;           /* fitted parameters (k in AIC) */
    size_t n;            /* values the likelihood is computed on */
    size_t n_zero_one;   /* beta: values exactly 0 or 1 (squeezed or dropped, see beta01) */
    int beta_dropped;    /* beta: 1 when they were dropped, 0 when squeezed */
    int iterations;
    double par[2];       /* estimates, R's parameterisation (see es_dist) */
    double se[2];        /* from the inverse observed information; NaN if not pos. definite */
    double corr;         /* correlation of the two estimates (NaN for one parameter) */
    double loglik, aic, aicc, bic;
    double ks, cvm, ad;  /* EDF statistics (Stephens 1986) of the fitted values */
} es_fit;

/* Result of the parametric bootstrap (es_fit_gof_boot). */
typedef struct es_fit_boot {
    long reps;           /* replicates requested */
    long failed;         /* replicates whose refit did not converge (left out) */
    double p_ks, p_cvm, p_ad; /* (hits + 1) / (valid + 1), hits = statistic >= observed */
} es_fit_boot;

/* Short names: "lognormal", "gamma", "weibull", "beta", "exponential". */
const char *es_dist_name(es_dist d);
/* Distribution from a name (also lnorm, exp, the R names); -1 if unknown. */
int es_dist_from_name(const char *name);
/* Name of parameter j ("meanlog", "sdlog", "shape", "rate", "scale", "shape1", ...), or
 * NULL when j >= the number of parameters. */
const char *es_dist_par_name(es_dist d, int j);

/* Fit distribution d to x[0..n-1] by maximum likelihood and fill *fit completely
 * (estimates, SEs, loglik, AIC, AICc = AIC + 2k(k+1)/(n-k-1), BIC = k ln n - 2 loglik,
 * KS/CvM/AD).  opts may be NULL.  Returns fit->status (ES_OK, ES_EDOM, ES_ENOCONV) or
 * ES_EINVAL (NaN in x, bad d) / ES_ENOMEM; on any error the numbers are NaN. */
int es_fit_dist(es_fit *fit, es_dist d, const double *x, size_t n, const es_fit_opts *opts);

/* The same, one distribution each.  Lognormal: closed form (mean and population SD of
 * log x).  Gamma: Minka (2002) start + Newton on log a - psi(a) = s (Choi & Wette 1969).
 * Weibull: the monotone profile equation in the shape on x / max(x), bracketed Brent root.
 * Beta: Newton with trigamma from a method-of-moments start.  Exponential: 1 / mean. */
int es_fit_lognormal(es_fit *fit, const double *x, size_t n);
int es_fit_gamma(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts);
int es_fit_weibull(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts);
int es_fit_beta(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts);
int es_fit_exponential(es_fit *fit, const double *x, size_t n);

/* Density, log density, CDF, log CDF and log survival of a fitted distribution at x
 * (NaN when the fit failed).  The log forms avoid 1 - F (gsl_sf_log_erfc, GSL _Q). */
double es_fit_pdf(const es_fit *fit, double x);
double es_fit_logpdf(const es_fit *fit, double x);
double es_fit_cdf(const es_fit *fit, double x);
double es_fit_log_cdf(const es_fit *fit, double x);
double es_fit_log_sf(const es_fit *fit, double x);

/* EDF statistics from log F and log(1 - F) at the n sorted values:
 * KS D = max_i max(i/n - F_i, F_i - (i-1)/n); CvM W2 = 1/(12n) + sum (F_i - (2i-1)/(2n))^2;
 * AD A2 = -n - (1/n) sum (2i-1) [log F_i + log(1 - F_{n+1-i})] (Stephens 1986).
 * Returns ES_OK or ES_EEMPTY (n == 0). */
int es_gof_edf_stats(const double *log_cdf, const double *log_sf, size_t n, double *ks, double *cvm,
                     double *ad);

/* Fill fit->ks, cvm, ad for the fitted distribution on x (sorted copy inside; for beta
 * the squeezed or reduced values are used, as in the fit).  ES_OK or ES_ENOMEM. */
int es_fit_gof_stats(es_fit *fit, const double *x, size_t n);

/* Parametric-bootstrap goodness of fit (Lilliefors 1967; Stute, Manteiga & Quindimil
 * 1993): reps samples of size fit->n from the fitted distribution, each refitted by ML;
 * p = (hits + 1) / (valid + 1) for KS, CvM and AD.  Replicate r draws from its own
 * stream seeded from (seed, r), so the result is the same for any threads (0 = all
 * cores).  ES_OK, ES_EINVAL (fit failed, reps < 1), ES_ENOMEM. */
int es_fit_gof_boot(const es_fit *fit, const es_fit_opts *opts, long reps, unsigned long seed,
                    int threads, es_fit_boot *out);

/* Seed of replicate r's stream from a base seed (SplitMix64 mixing, Steele et al. 2014),
 * shared by the fit and power-law bootstraps. */
unsigned long es_fit_stream_seed(unsigned long seed, unsigned long r);

/* Number of worker threads to use: threads if > 0, else the online processors. */
int es_fit_threads(int threads);

#endif
