/* log_pvalue.c — natural logs of upper-tail probabilities that stay accurate after
 * the probability itself underflows.  Above 1e-300 they are log(GSL _Q); below, the
 * continued fractions of the regularized incomplete gamma and beta functions are
 * evaluated in log space (Press, Teukolsky, Vetterling & Flannery 1992, Numerical
 * Recipes in C, 2nd ed., sections 6.2 and 6.4; modified Lentz's method). */
#include "engagestat/compare.h"

#include <float.h>
#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_randist.h>

#define ES_LOGP_SWITCH 1e-300
#define ES_CF_TINY 1e-300
#define ES_CF_EPS 1e-16
#define ES_CF_MAXIT 10000

/* log Q(a, x) = log Gamma(a, x)/Gamma(a) for x > a + 1 (NR 6.2, gcf). */
static double es_log_gamma_Q_cf(double a, double x)
{
    double b = x + 1.0 - a, c = 1.0 / ES_CF_TINY, d = 1.0 / b, h = d;
    for (int i = 1; i <= ES_CF_MAXIT; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < ES_CF_TINY)
            d = ES_CF_TINY;
        c = b + an / c;
        if (fabs(c) < ES_CF_TINY)
            c = ES_CF_TINY;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < ES_CF_EPS)
            break;
    }
    return -x + a * log(x) - gsl_sf_lngamma(a) + log(h);
}

/* log I_x(a, b) from log x and log(1 - x), for x < (a + 1)/(a + b + 2) (NR 6.4). */
static double es_log_ibeta_cf(double a, double b, double x, double lx, double l1x)
{
    double qab = a + b, qap = a + 1.0, qam = a - 1.0, c = 1.0, d = 1.0 - qab * x / qap;
    if (fabs(d) < ES_CF_TINY)
        d = ES_CF_TINY;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= ES_CF_MAXIT; m++) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < ES_CF_TINY)
            d = ES_CF_TINY;
        c = 1.0 + aa / c;
        if (fabs(c) < ES_CF_TINY)
            c = ES_CF_TINY;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < ES_CF_TINY)
            d = ES_CF_TINY;
        c = 1.0 + aa / c;
        if (fabs(c) < ES_CF_TINY)
            c = ES_CF_TINY;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < ES_CF_EPS)
            break;
    }
    double lbeta = gsl_sf_lngamma(a) + gsl_sf_lngamma(b) - gsl_sf_lngamma(a + b);
    return a * lx + b * l1x - lbeta + log(h) - log(a);
}

double es_log_ugaussian_Q(double z)
{
    if (isnan(z))
        return NAN;
    /* Q(z) = erfc(z / sqrt 2) / 2; gsl_sf_log_erfc is accurate for large z. */
    return gsl_sf_log_erfc(z / M_SQRT2) - M_LN2;
}

double es_tdist_Q(double t, double nu)
{
    if (isnan(t) || !(nu > 0))
        return NAN;
    if (isinf(t))
        return t > 0 ? 0.0 : 1.0;
    /* Q(|t|) = I_x(nu/2, 1/2)/2 with x = nu/(nu + t^2): GSL evaluates the continued
     * fraction directly for x < (nu/2 + 1)/(nu/2 + 5/2), i.e. wherever Q is small. */
    double t2 = t * t, x = nu / (nu + t2);
    double tail = 0.5 * gsl_sf_beta_inc(nu / 2, 0.5, x);
    return t > 0 ? tail : 1.0 - tail;
}

double es_tdist_Qinv(double p, double nu)
{
    if (!(p > 0 && p < 1) || !(nu > 0))
        return NAN;
    double q = gsl_cdf_tdist_Qinv(p, nu);
    /* Newton steps on the accurate upper tail: dQ/dt = -density. */
    for (int i = 0; i < 3 && isfinite(q); i++) {
        double f = gsl_ran_tdist_pdf(q, nu);
        if (!(f > 0))
            break;
        double step = (es_tdist_Q(q, nu) - p) / f;
        q += step;
        if (fabs(step) <= 1e-16 * fabs(q))
            break;
    }
    return q;
}

double es_log_tdist_Q(double t, double nu)
{
    if (isnan(t) || !(nu > 0))
        return NAN;
    double q = es_tdist_Q(t, nu);
    if (q > ES_LOGP_SWITCH || t <= 0)
        return log(q);
    /* Q(t) = I_x(nu/2, 1/2)/2 with x = nu/(nu + t^2), small here. */
    double t2 = t * t, den = log(nu + t2);
    double x = nu / (nu + t2);
    return es_log_ibeta_cf(nu / 2, 0.5, x, log(nu) - den, log(t2) - den) - M_LN2;
}

double es_log_chisq_Q(double x, double nu)
{
    if (isnan(x) || !(nu > 0))
        return NAN;
    double q = gsl_cdf_chisq_Q(x, nu);
    if (q > ES_LOGP_SWITCH || x / 2 <= nu / 2 + 1)
        return log(q);
    return es_log_gamma_Q_cf(nu / 2, x / 2);
}

double es_log_fdist_Q(double f, double nu1, double nu2)
{
    if (isnan(f) || !(nu1 > 0) || !(nu2 > 0))
        return NAN;
    double q = gsl_cdf_fdist_Q(f, nu1, nu2);
    if (q > ES_LOGP_SWITCH || f <= 0)
        return log(q);
    /* Q(f) = I_x(nu2/2, nu1/2) with x = nu2/(nu2 + nu1 f). */
    double den = log(nu2 + nu1 * f);
    double x = nu2 / (nu2 + nu1 * f);
    return es_log_ibeta_cf(nu2 / 2, nu1 / 2, x, log(nu2) - den, log(nu1 * f) - den);
}
