/* welch.c — Welch's (1947) two-sample t test with the Satterthwaite (1946) degrees
 * of freedom, as R's t.test(x, y) computes it, and Hedges' g (Hedges 1981) with the
 * Hedges & Olkin (1985, ch. 5) large-sample normal interval.
 *   se = sqrt(s1^2/n1 + s2^2/n2),  df = se^4 / [(s1^2/n1)^2/(n1-1) + (s2^2/n2)^2/(n2-1)],
 *   g = J d,  d = (m1 - m2)/s_pooled,  J = Gamma(m/2) / [sqrt(m/2) Gamma((m-1)/2)],
 *   m = n1 + n2 - 2;  var(g) = (n1+n2)/(n1 n2) + g^2/(2(n1+n2)). */
#include "engagestat/compare.h"
#include "engagestat/error.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

/* Mean and sample variance of the non-NaN values: two passes in long double, the
 * mean refined by the mean residual and the variance by the Chan, Golub & LeVeque
 * (1983) correction term. */
static size_t es_mean_var_sample(const double *x, size_t n, double *mean, double *var)
{
    long double s = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            s += x[i];
            m++;
        }
    *mean = *var = NAN;
    if (m == 0)
        return 0;
    long double mu = s / m, c = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            c += x[i] - mu;
    mu += c / m;
    *mean = (double)mu;
    if (m < 2)
        return m;
    long double ss = 0, sd = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) {
            long double d = x[i] - mu;
            ss += d * d;
            sd += d;
        }
    *var = (double)((ss - sd * sd / m) / (m - 1));
    return m;
}

int es_welch_t(const double *x, size_t n1, const double *y, size_t n2, es_alternative alt,
               double conf_level, es_t_result *r)
{
    memset(r, 0, sizeof *r);
    double *all[] = {&r->mean1, &r->mean2, &r->sd1, &r->sd2, &r->estimate, &r->se, &r->t, &r->df,
                     &r->p_value, &r->log_p_value, &r->ci_low, &r->ci_high, &r->g, &r->g_se,
                     &r->g_ci_low, &r->g_ci_high};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        *all[i] = NAN;
    if ((unsigned)alt > ES_ALT_GREATER || !(conf_level > 0 && conf_level < 1))
        return es_error(ES_EINVAL);
    double v1, v2;
    r->n1 = es_mean_var_sample(x, n1, &r->mean1, &v1);
    r->n2 = es_mean_var_sample(y, n2, &r->mean2, &v2);
    if (r->n1 < 2 || r->n2 < 2)
        return es_error(ES_EDOM);
    double nx = (double)r->n1, ny = (double)r->n2;
    r->sd1 = sqrt(v1);
    r->sd2 = sqrt(v2);
    r->estimate = r->mean1 - r->mean2;
    double sex = sqrt(v1 / nx), sey = sqrt(v2 / ny);
    double se = sqrt(sex * sex + sey * sey);
    r->se = se;
    /* R: "data are essentially constant" below 10 eps max|mean|. */
    if (!(se >= 10 * DBL_EPSILON * fmax(fabs(r->mean1), fabs(r->mean2))) || se == 0)
        return ES_OK;
    r->df = (se * se * se * se) / (sex * sex * sex * sex / (nx - 1) + sey * sey * sey * sey / (ny - 1));
    double t = (r->mean1 - r->mean2) / se, df = r->df;
    r->t = t;
    double alpha = 1 - conf_level, q;
    if (alt == ES_ALT_LESS) {
        r->p_value = es_tdist_Q(-t, df);
        r->log_p_value = es_log_tdist_Q(-t, df);
        q = es_tdist_Qinv(alpha, df);
        r->ci_low = -INFINITY;
        r->ci_high = (t + q) * se;
    } else if (alt == ES_ALT_GREATER) {
        r->p_value = es_tdist_Q(t, df);
        r->log_p_value = es_log_tdist_Q(t, df);
        q = es_tdist_Qinv(alpha, df);
        r->ci_low = (t - q) * se;
        r->ci_high = INFINITY;
    } else {
        r->p_value = 2 * es_tdist_Q(fabs(t), df);
        r->log_p_value = es_log_tdist_Q(fabs(t), df) + M_LN2;
        q = es_tdist_Qinv(alpha / 2, df);
        r->ci_low = (t - q) * se;
        r->ci_high = (t + q) * se;
    }
    /* Hedges' g on the pooled SD with the exact small-sample factor J. */
    double m = nx + ny - 2;
    double sp = sqrt(((nx - 1) * v1 + (ny - 1) * v2) / m);
    if (sp > 0) {
        double J = exp(gsl_sf_lngamma(m / 2) - 0.5 * log(m / 2) - gsl_sf_lngamma((m - 1) / 2));
        r->g = J * (r->mean1 - r->mean2) / sp;
        r->g_se = sqrt((nx + ny) / (nx * ny) + r->g * r->g / (2 * (nx + ny)));
        double z = gsl_cdf_ugaussian_Qinv(alpha / 2);
        r->g_ci_low = r->g - z * r->g_se;
        r->g_ci_high = r->g + z * r->g_se;
    }
    return ES_OK;
}
