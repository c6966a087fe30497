/* descriptive.c — accurate mean and sample variance, R-compatible trimmed mean, MAD,
 * geometric mean, the one-call summary and the distribution-free median CI.
 *
 * References: Neumaier (1974) compensated summation; Chan, Golub & LeVeque (1983,
 * Am. Stat. 37:242) two-pass variance with the correction term; Hyndman & Fan (1996)
 * type-7 quantiles; Conover (1999, Practical Nonparametric Statistics, sec. 3.2) for
 * the binomial order-statistic CI of the median. */
#include "engagestat/descriptive.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"

#include <gsl/gsl_cdf.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* R's mad() constant, 1/qnorm(3/4) rounded as R documents it. */
#define ES_MAD_CONSTANT 1.4826

/* Neumaier's (1974) improved Kahan-Babuska sum of (x[i] - shift): the running
 * compensation c collects the low-order bits lost by each addition, whichever of the
 * two operands is larger. */
static double es_sum_neumaier(const double *x, size_t n, double shift)
{
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double v = x[i] - shift;
        double t = s + v;
        if (fabs(s) >= fabs(v))
            c += (s - t) + v;
        else
            c += (v - t) + s;
        s = t;
    }
    return s + c;
}

/* Sum of squares of (x[i] - shift), compensated the same way. */
static double es_sumsq_neumaier(const double *x, size_t n, double shift)
{
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - shift;
        double v = d * d;
        double t = s + v;
        if (fabs(s) >= fabs(v))
            c += (s - t) + v;
        else
            c += (v - t) + s;
        s = t;
    }
    return s + c;
}

/* Common argument checks: ES_EINVAL for NULL pointers or NaN values, ES_EEMPTY for
 * n = 0.  *out is set to NaN so that every error leaves NaN behind. */
static int es_check_input(const double *x, size_t n, double *out)
{
    if (out == NULL)
        return es_error(ES_EINVAL);
    *out = NAN;
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (x == NULL)
        return es_error(ES_EINVAL);
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return es_error(ES_EINVAL);
    return ES_OK;
}

/* Sorted copy of x into a new array, allocated before x is read (so an impossible
 * size fails with ES_ENOMEM rather than reading past the data); ES_EINVAL on NaN. */
static int es_sorted_checked(const double *x, size_t n, double **out)
{
    *out = NULL;
    if (n > SIZE_MAX / sizeof(double))
        return es_error(ES_ENOMEM);
    double *y = malloc((n ? n : 1) * sizeof *y);
    if (y == NULL)
        return es_error(ES_ENOMEM);
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i])) {
            free(y);
            return es_error(ES_EINVAL);
        }
        y[i] = x[i];
    }
    qsort(y, n, sizeof *y, es_cmp_double);
    *out = y;
    return ES_OK;
}

/* Mean of x[0..n), n > 0, no checks: compensated sum, then R's correction pass. */
static double es_mean_raw(const double *x, size_t n)
{
    double m = es_sum_neumaier(x, n, 0) / (double)n;
    if (isfinite(m))
        m += es_sum_neumaier(x, n, m) / (double)n;
    return m;
}

int es_mean(const double *x, size_t n, double *mean)
{
    int rc = es_check_input(x, n, mean);
    if (rc != ES_OK)
        return rc;
    *mean = es_mean_raw(x, n);
    return ES_OK;
}

/* Sample variance of x[0..n), n >= 2, no checks.  Chan, Golub & LeVeque (1983):
 * with d = x - mean, s^2 = [sum d^2 - (sum d)^2 / n] / (n - 1); the second term removes
 * the error left in the computed mean. */
static double es_var_raw(const double *x, size_t n)
{
    double m = es_mean_raw(x, n);
    if (!isfinite(m))
        return NAN;
    double s1 = es_sum_neumaier(x, n, m);
    double s2 = es_sumsq_neumaier(x, n, m);
    double v = (s2 - s1 * s1 / (double)n) / (double)(n - 1);
    return v < 0 ? 0 : v;
}

/* sqrt(es_var_raw), also where the variance is out of a double's range: deviations
 * below 1e-154 square to 0 and above 1e154 to inf (R's sd() gives 0 and Inf there).
 * Then the deviations are scaled by a power of two (exact) so the largest is below 1,
 * and the SD is scaled back. */
static double es_sd_raw(const double *x, size_t n)
{
    double v = es_var_raw(x, n);
    if (v > 1e-290 && v < 1e290)
        return sqrt(v);
    double m = es_mean_raw(x, n), dmax = 0;
    if (!isfinite(m))
        return NAN;
    for (size_t i = 0; i < n; i++)
        dmax = fmax(dmax, fabs(x[i] - m));
    if (!(dmax > 0) || !isfinite(dmax))
        return sqrt(v);
    int e;
    frexp(dmax, &e);
    double s1 = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = ldexp(x[i] - m, -e);
        s1 += d;
        s2 += d * d;
    }
    double vs = (s2 - s1 * s1 / (double)n) / (double)(n - 1);
    return ldexp(sqrt(vs < 0 ? 0 : vs), e);
}

/* The checks of a scale estimate: es_check_input, then ES_EDOM below two values. */
static int es_check_scale(const double *x, size_t n, double *out)
{
    int rc = es_check_input(x, n, out);
    return rc != ES_OK ? rc : n < 2 ? es_error(ES_EDOM) : ES_OK;
}

int es_var_sample(const double *x, size_t n, double *var)
{
    int rc = es_check_scale(x, n, var);
    if (rc == ES_OK)
        *var = es_var_raw(x, n);
    return rc;
}

int es_sd_sample(const double *x, size_t n, double *sd)
{
    int rc = es_check_scale(x, n, sd);
    if (rc == ES_OK)
        *sd = es_sd_raw(x, n);
    return rc;
}

int es_mean_ci_t(const double *x, size_t n, double conf, double ci[2])
{
    if (ci == NULL)
        return es_error(ES_EINVAL);
    ci[0] = ci[1] = NAN;
    double m;
    int rc = es_check_input(x, n, &m);
    if (rc != ES_OK)
        return rc;
    if (!(conf > 0 && conf < 1))
        return es_error(ES_EINVAL);
    if (n < 2)
        return es_error(ES_EDOM);
    /* Student (1908); the upper quantile from the Q function, as methods.md asks. */
    m = es_mean_raw(x, n);
    double se = sqrt(es_var_raw(x, n) / (double)n);
    double q = gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(n - 1));
    ci[0] = m - q * se;
    ci[1] = m + q * se;
    return ES_OK;
}

/* R's mean(x, trim) on sorted data (R 4.2.2, mean.default): lo = floor(n trim) + 1,
 * hi = n + 1 - lo, mean of sorted[lo..hi] (1-based); trim >= 0.5 is the median. */
static double es_trimmed_sorted(const double *sorted, size_t n, double trim)
{
    if (trim >= 0.5)
        return es_quantile_sorted(sorted, n, 0.5);
    if (trim <= 0)
        return es_mean_raw(sorted, n);
    size_t lo = (size_t)floor((double)n * trim) + 1;
    size_t hi = n + 1 - lo;
    return es_mean_raw(sorted + (lo - 1), hi - lo + 1);
}

int es_trimmed_mean(const double *x, size_t n, double trim, double *out)
{
    if (out == NULL)
        return es_error(ES_EINVAL);
    *out = NAN;
    if (!(trim >= 0))
        return es_error(ES_EINVAL);
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (x == NULL)
        return es_error(ES_EINVAL);
    double *y;
    int rc = es_sorted_checked(x, n, &y);
    if (rc != ES_OK)
        return rc;
    *out = es_trimmed_sorted(y, n, trim);
    free(y);
    return ES_OK;
}

/* MAD of sorted data using scratch[0..n): 1.4826 median(|x - median(x)|) (R's mad). */
static double es_mad_sorted(const double *sorted, size_t n, double *scratch)
{
    double med = es_quantile_sorted(sorted, n, 0.5);
    for (size_t i = 0; i < n; i++)
        scratch[i] = fabs(sorted[i] - med);
    qsort(scratch, n, sizeof *scratch, es_cmp_double);
    return ES_MAD_CONSTANT * es_quantile_sorted(scratch, n, 0.5);
}

int es_mad(const double *x, size_t n, double *out)
{
    if (out == NULL)
        return es_error(ES_EINVAL);
    *out = NAN;
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (x == NULL)
        return es_error(ES_EINVAL);
    double *y;
    int rc = es_sorted_checked(x, n, &y);
    if (rc != ES_OK)
        return rc;
    if (n < 2) {
        free(y);
        return es_error(ES_EDOM);
    }
    double *scratch = malloc(n * sizeof *scratch);
    if (scratch == NULL) {
        free(y);
        return es_error(ES_ENOMEM);
    }
    *out = es_mad_sorted(y, n, scratch);
    free(scratch);
    free(y);
    return ES_OK;
}

/* exp(mean(log x)) for x without NaN; zero_count/neg_count report the special cases. */
static int es_geo_raw(const double *x, size_t n, double *out, size_t *zeros, size_t *negs)
{
    size_t nz = 0, nn = 0;
    for (size_t i = 0; i < n; i++) {
        if (x[i] < 0)
            nn++;
        else if (x[i] == 0)
            nz++;
    }
    *zeros = nz;
    *negs = nn;
    if (nn > 0) {
        *out = NAN;
        return es_error(ES_EDOM);
    }
    if (nz > 0) {
        *out = 0;   /* log(0) = -Inf, exp(-Inf) = 0, as R */
        return ES_OK;
    }
    /* Compensated sum of the logs, as in es_sum_neumaier. */
    double s = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        double v = log(x[i]);
        double t = s + v;
        if (fabs(s) >= fabs(v))
            c += (s - t) + v;
        else
            c += (v - t) + s;
        s = t;
    }
    *out = exp((s + c) / (double)n);
    return ES_OK;
}

int es_geo_mean(const double *x, size_t n, double *out)
{
    int rc = es_check_input(x, n, out);
    if (rc != ES_OK)
        return rc;
    size_t nz, nn;
    return es_geo_raw(x, n, out, &nz, &nn);
}

static void es_summary_nan(es_summary *s, size_t n)
{
    s->n = n;
    s->mean = s->sd = s->median = s->q25 = s->q75 = s->iqr = NAN;
    s->geo_mean = s->trim_mean = s->mad = NAN;
    s->n_zero = s->n_negative = 0;
}

int es_summary_compute(const double *x, size_t n, es_summary *s)
{
    if (s == NULL)
        return es_error(ES_EINVAL);
    es_summary_nan(s, 0);
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (x == NULL)
        return es_error(ES_EINVAL);
    double *y;
    int rc = es_sorted_checked(x, n, &y);
    if (rc != ES_OK)
        return rc;
    double *scratch = NULL;
    if (n >= 2 && (scratch = malloc(n * sizeof *scratch)) == NULL) {
        free(y);
        return es_error(ES_ENOMEM);
    }
    s->n = n;
    /* The mean is taken over the caller's order, so that it is the same number
     * es_mean(x, n) gives. */
    s->mean = es_mean_raw(x, n);
    s->median = es_quantile_sorted(y, n, 0.5);
    s->q25 = es_quantile_sorted(y, n, 0.25);
    s->q75 = es_quantile_sorted(y, n, 0.75);
    s->trim_mean = es_trimmed_sorted(y, n, 0.1);
    es_geo_raw(y, n, &s->geo_mean, &s->n_zero, &s->n_negative);
    if (n >= 2) {
        s->sd = es_sd_raw(x, n);
        s->iqr = s->q75 - s->q25;
        s->mad = es_mad_sorted(y, n, scratch);
    }
    free(scratch);
    free(y);
    return ES_OK;
}

int es_median_ci_orders(size_t n, double conf, es_median_ci *ci)
{
    if (ci == NULL)
        return es_error(ES_EINVAL);
    ci->lo = ci->hi = ci->coverage = NAN;
    ci->l = ci->u = 0;
    if (!(conf > 0 && conf < 1) || n > UINT_MAX)
        return es_error(ES_EINVAL);
    if (n == 0)
        return es_error(ES_EEMPTY);
    /* l = qbinom(alpha/2, n, 1/2): the smallest k with P(B <= k) >= alpha/2, found by
     * bisection on the monotone CDF (gsl_cdf_binomial_P).  alpha/2 is computed as R
     * computes (1 - conf)/2. */
    double half_alpha = (1 - conf) / 2;
    size_t a = 0, b = n; /* P(B <= n) = 1 >= half_alpha, so the answer is in [a, b] */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (gsl_cdf_binomial_P((unsigned)mid, 0.5, (unsigned)n) >= half_alpha)
            b = mid;
        else
            a = mid + 1;
    }
    size_t l = a;
    if (l == 0) /* even [x_(1), x_(n)] has coverage 1 - 2^(1-n) < conf */
        return es_error(ES_EDOM);
    ci->l = l;
    ci->u = n + 1 - l;
    /* Coverage of [x_(l), x_(u)]: P(l <= B <= u - 1) = 1 - 2 P(B <= l - 1) by symmetry. */
    ci->coverage = 1 - 2 * gsl_cdf_binomial_P((unsigned)(l - 1), 0.5, (unsigned)n);
    return ES_OK;
}

int es_median_ci_compute(const double *x, size_t n, double conf, es_median_ci *ci)
{
    int rc = es_median_ci_orders(n, conf, ci);
    if (rc != ES_OK)
        return rc;
    if (x == NULL)
        return es_error(ES_EINVAL);
    double *y;
    rc = es_sorted_checked(x, n, &y);
    if (rc != ES_OK) {
        ci->coverage = NAN;
        ci->l = ci->u = 0;
        return rc;
    }
    ci->lo = y[ci->l - 1];
    ci->hi = y[ci->u - 1];
    free(y);
    return ES_OK;
}
