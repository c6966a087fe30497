/* fit.c — the distribution-fit module: names, dispatch, and the densities and CDFs of
 * fitted distributions.  The helpers the fits share are in fit_common.c. */
#include "engagestat/fit.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include "fit_impl.h"

static const char *const es_dist_names[ES_DIST_COUNT] = {"lognormal", "gamma", "weibull", "beta",
                                                         "exponential"};
static const char *const es_dist_pars[ES_DIST_COUNT][2] = {
    {"meanlog", "sdlog"}, {"shape", "rate"}, {"shape", "scale"}, {"shape1", "shape2"}, {"rate", NULL}};

const char *es_dist_name(es_dist d)
{
    return (unsigned)d < ES_DIST_COUNT ? es_dist_names[d] : "unknown";
}

int es_dist_from_name(const char *name)
{
    static const struct {
        const char *s;
        es_dist d;
    } alias[] = {{"lognormal", ES_DIST_LNORM}, {"lnorm", ES_DIST_LNORM},   {"gamma", ES_DIST_GAMMA},
                 {"weibull", ES_DIST_WEIBULL}, {"beta", ES_DIST_BETA},     {"exponential", ES_DIST_EXP},
                 {"exp", ES_DIST_EXP}};
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (strcasecmp(name, alias[i].s) == 0)
            return (int)alias[i].d;
    return -1;
}

const char *es_dist_par_name(es_dist d, int j)
{
    if ((unsigned)d >= ES_DIST_COUNT || j < 0 || j > 1)
        return NULL;
    return es_dist_pars[d][j];
}

int es_fit_dist(es_fit *fit, es_dist d, const double *x, size_t n, const es_fit_opts *opts)
{
    switch (d) {
    case ES_DIST_LNORM:
        return es_fit_lognormal(fit, x, n);
    case ES_DIST_GAMMA:
        return es_fit_gamma(fit, x, n, opts);
    case ES_DIST_WEIBULL:
        return es_fit_weibull(fit, x, n, opts);
    case ES_DIST_BETA:
        return es_fit_beta(fit, x, n, opts);
    case ES_DIST_EXP:
        return es_fit_exponential(fit, x, n);
    default:
        es_fit_reset(fit, d, 0, n);
        fit->status = ES_EINVAL;
        return es_error(ES_EINVAL);
    }
}

/* ------------------------------------------------------------ densities and CDFs */

/* Gamma P(a, x) and Q(a, x) for shapes a > 1e5 by Temme's uniform asymptotic expansion
 * (DLMF 8.12.3-8.12.10; Temme 1979): Q = erfc(eta sqrt(a/2)) / 2 + R, P = erfc(-eta
 * sqrt(a/2)) / 2 - R, R = exp(-a eta^2 / 2) / sqrt(2 pi a) (c0(eta) + c1(eta) / a), with
 * eta^2 / 2 = lambda - 1 - ln lambda, lambda = x / a.  The omitted terms are O(a^-5/2).
 * GSL's gsl_sf_gamma_inc_P loses accuracy there (P(8.4e9, ...) = 0.988 instead of 0.856
 * one standard deviation above the mean). */
static void es_gamma_pq_large(double a, double x, double *P, double *Q)
{
    double lam = x / a, d = lam - 1;
    double eta = sqrt(-2 * gsl_sf_log_1plusx_mx(d));
    if (d < 0)
        eta = -eta;
    double c0, c1;
    if (fabs(d) > 1e-2) {
        c0 = 1 / d - 1 / eta;
        c1 = 1 / (eta * eta * eta) - 1 / (d * d * d) - 1 / (d * d) - 1 / (12 * d);
    } else {
        c0 = -1.0 / 3 + eta / 12 - 2 * eta * eta / 135 + eta * eta * eta / 864;
        c1 = -1.0 / 540 - eta / 288;
    }
    double R = exp(-0.5 * a * eta * eta) / sqrt(2 * M_PI * a) * (c0 + c1 / a);
    double u = eta * sqrt(a / 2);
    *Q = 0.5 * gsl_sf_erfc(u) + R;
    *P = 0.5 * gsl_sf_erfc(-u) - R;
}

static double es_gamma_log_P(double x, double a, double rate)
{
    if (a > 1e5) {
        double P, Q;
        es_gamma_pq_large(a, x * rate, &P, &Q);
        return log(P);
    }
    return log(gsl_cdf_gamma_P(x, a, 1 / rate));
}

static double es_gamma_log_Q(double x, double a, double rate)
{
    if (a > 1e5) {
        double P, Q;
        es_gamma_pq_large(a, x * rate, &P, &Q);
        return log(Q);
    }
    return log(gsl_cdf_gamma_Q(x, a, 1 / rate));
}

static int es_fit_usable(const es_fit *fit)
{
    return fit->status == ES_OK && (unsigned)fit->dist < ES_DIST_COUNT && !isnan(fit->par[0]);
}

double es_fit_logpdf(const es_fit *fit, double x)
{
    if (!es_fit_usable(fit) || isnan(x))
        return NAN;
    double p = fit->par[0], q = fit->par[1];
    switch (fit->dist) {
    case ES_DIST_LNORM: {
        if (x <= 0)
            return -INFINITY;
        double z = (log(x) - p) / q;
        return -log(x) - log(q) - 0.5 * log(2 * M_PI) - 0.5 * z * z;
    }
    case ES_DIST_GAMMA:
        if (x < 0)
            return -INFINITY;
        if (x == 0)
            return p < 1 ? INFINITY : p == 1 ? log(q) : -INFINITY;
        return p * log(q) - gsl_sf_lngamma(p) + (p - 1) * log(x) - q * x;
    case ES_DIST_WEIBULL:
        if (x < 0)
            return -INFINITY;
        if (x == 0)
            return p < 1 ? INFINITY : p == 1 ? -log(q) : -INFINITY;
        return log(p) - log(q) + (p - 1) * log(x / q) - pow(x / q, p);
    case ES_DIST_BETA:
        if (x < 0 || x > 1)
            return -INFINITY;
        if (x == 0 || x == 1) {
            double s = x == 0 ? p : q;
            return s < 1 ? INFINITY : s == 1 ? -gsl_sf_lnbeta(p, q) : -INFINITY;
        }
        return (p - 1) * log(x) + (q - 1) * log1p(-x) - gsl_sf_lnbeta(p, q);
    case ES_DIST_EXP:
        return x < 0 ? -INFINITY : log(p) - p * x;
    default:
        return NAN;
    }
}

double es_fit_pdf(const es_fit *fit, double x)
{
    return exp(es_fit_logpdf(fit, x));
}

double es_fit_log_cdf(const es_fit *fit, double x)
{
    if (!es_fit_usable(fit) || isnan(x))
        return NAN;
    double p = fit->par[0], q = fit->par[1];
    switch (fit->dist) {
    case ES_DIST_LNORM:
        if (x <= 0)
            return -INFINITY;
        /* Phi(z) = erfc(-z / sqrt 2) / 2 */
        return -M_LN2 + gsl_sf_log_erfc(-(log(x) - p) / (q * M_SQRT2));
    case ES_DIST_GAMMA:
        return x <= 0 ? -INFINITY : es_gamma_log_P(x, p, q);
    case ES_DIST_WEIBULL:
        return x <= 0 ? -INFINITY : log(-expm1(-pow(x / q, p)));
    case ES_DIST_BETA:
        return x <= 0 ? -INFINITY : x >= 1 ? 0 : log(gsl_cdf_beta_P(x, p, q));
    case ES_DIST_EXP:
        return x <= 0 ? -INFINITY : log(-expm1(-p * x));
    default:
        return NAN;
    }
}

double es_fit_log_sf(const es_fit *fit, double x)
{
    if (!es_fit_usable(fit) || isnan(x))
        return NAN;
    double p = fit->par[0], q = fit->par[1];
    switch (fit->dist) {
    case ES_DIST_LNORM:
        if (x <= 0)
            return 0;
        return -M_LN2 + gsl_sf_log_erfc((log(x) - p) / (q * M_SQRT2));
    case ES_DIST_GAMMA:
        return x <= 0 ? 0 : es_gamma_log_Q(x, p, q);
    case ES_DIST_WEIBULL:
        return x <= 0 ? 0 : -pow(x / q, p);
    case ES_DIST_BETA:
        return x <= 0 ? 0 : x >= 1 ? -INFINITY : log(gsl_cdf_beta_Q(x, p, q));
    case ES_DIST_EXP:
        return x <= 0 ? 0 : -p * x;
    default:
        return NAN;
    }
}

double es_fit_cdf(const es_fit *fit, double x)
{
    return exp(es_fit_log_cdf(fit, x));
}
