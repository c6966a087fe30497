/* engagestat/descriptive.h — descriptive statistics of a sample: accurate mean and
 * sample variance, R-compatible trimmed mean, MAD, geometric mean, a one-call summary
 * and the distribution-free confidence interval for the median.
 * Ownership: nothing is kept; inputs are const and never reordered, scratch space is
 * allocated and freed inside each call.
 *
 * Inputs must not hold NaN: every function checks and returns ES_EINVAL (the data
 * loader already turns missing values into NaN, so callers drop them first).  On any
 * error the double out-parameters are set to NaN, never to 0. */
#ifndef ES_DESCRIPTIVE_H
#define ES_DESCRIPTIVE_H

#include <stddef.h>

/* Arithmetic mean: Neumaier-compensated sum / n, then one correction pass
 * m += sum(x - m) / n (as R's mean()).  ES_EEMPTY when n = 0, ES_EINVAL for NaN input
 * or a NULL pointer. */
int es_mean(const double *x, size_t n, double *mean);

/* Sample variance / standard deviation (denominator n - 1), centred two-pass with the
 * correction term of Chan, Golub & LeVeque (1983): [S(d^2) - S(d)^2 / n] / (n - 1),
 * d = x - mean.  ES_EEMPTY when n = 0, ES_EDOM when n = 1, ES_EINVAL as es_mean. */
int es_var_sample(const double *x, size_t n, double *var);
int es_sd_sample(const double *x, size_t n, double *sd);

/* Student t confidence interval for the mean, as R's t.test(x, conf.level = conf):
 * mean -+ qt((1 + conf)/2, n - 1) sd / sqrt(n) into ci[0], ci[1].  ES_EINVAL (NULL,
 * NaN, conf outside (0, 1)), ES_EEMPTY (n = 0), ES_EDOM (n = 1); NaN on error. */
int es_mean_ci_t(const double *x, size_t n, double conf, double ci[2]);

/* Trimmed mean exactly as R's mean(x, trim = trim): for 0 < trim < 0.5,
 * lo = floor(n * trim) + 1, hi = n + 1 - lo, mean of the order statistics lo..hi;
 * trim >= 0.5 gives the median, trim = 0 the mean.  ES_EINVAL when trim < 0 or NaN,
 * ES_EEMPTY when n = 0, ES_ENOMEM. */
int es_trimmed_mean(const double *x, size_t n, double trim, double *out);

/* Median absolute deviation as R's mad(x): 1.4826 * median(|x - median(x)|), medians
 * by R's rule (mean of the two middle values).  ES_EDOM when n = 1 (R returns 0; a
 * scale estimate from one value is undefined here), ES_EEMPTY, ES_EINVAL, ES_ENOMEM. */
int es_mad(const double *x, size_t n, double *out);

/* Geometric mean exp(mean(log x)).  Any negative value: ES_EDOM and NaN.  Any zero:
 * the result is 0 with ES_OK, as R's exp(mean(log(x))) and the n-th root of the
 * product (callers should say how many zeros there were).  ES_EEMPTY, ES_EINVAL. */
int es_geo_mean(const double *x, size_t n, double *out);

/* Everything the describe command reports for one group.  Undefined entries are NaN:
 * n = 0 all of them; n = 1 sd, iqr and mad (scale from one value); geo_mean with any
 * negative value (and 0 with any zero, see es_geo_mean). */
typedef struct es_summary {
    size_t n;
    double mean, sd, median, q25, q75, iqr; /* quantiles: R type 7 */
    double geo_mean;
    double trim_mean; /* 10% trimmed, as R's mean(x, trim = 0.1) */
    double mad;       /* as R's mad(x) */
    size_t n_zero;    /* values equal to 0 (they make geo_mean 0) */
    size_t n_negative;/* values below 0 (they make geo_mean NaN) */
} es_summary;

/* Fill *s from x[0..n).  Returns ES_OK (undefined entries NaN, see above), ES_EEMPTY
 * when n = 0 (s->n = 0, every double NaN), ES_EINVAL (NULL, NaN in x), ES_ENOMEM. */
int es_summary_compute(const double *x, size_t n, es_summary *s);

/* Distribution-free CI for the median from binomial order statistics (Conover 1999,
 * sec. 3.2; David & Nagaraja 2003, sec. 7.1): l = qbinom((1 - conf)/2, n, 1/2) (the
 * smallest k with P(Bin(n, 1/2) <= k) >= (1 - conf)/2), u = n + 1 - l, interval
 * [x_(l), x_(u)] with exact coverage 1 - 2 P(Bin(n, 1/2) <= l - 1) >= conf. */
typedef struct es_median_ci {
    double lo, hi;     /* x_(l), x_(u) */
    double coverage;   /* actual coverage probability of [x_(l), x_(u)] */
    size_t l, u;       /* 1-based order statistics used */
} es_median_ci;

/* The order statistics and coverage alone (no data): ES_EINVAL unless 0 < conf < 1,
 * ES_EDOM when even [x_(1), x_(n)] covers less than conf (n too small, e.g. n < 6 at
 * 95%; l = u = 0 and coverage NaN then), ES_EEMPTY when n = 0. */
int es_median_ci_orders(size_t n, double conf, es_median_ci *ci);

/* The interval for data x[0..n) (sorted internally on a copy).  Errors as
 * es_median_ci_orders plus ES_EINVAL for NaN input and ES_ENOMEM; lo/hi NaN on error. */
int es_median_ci_compute(const double *x, size_t n, double conf, es_median_ci *ci);

#endif
