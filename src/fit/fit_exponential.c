/* fit_exponential.c — exponential maximum likelihood: rate = 1 / mean(x), with
 * SE rate / sqrt(n) from the observed information n / rate^2. */
#include <gsl/gsl_randist.h>
#include <math.h>

#include "fit_impl.h"

int es_fit_exponential(es_fit *fit, const double *x, size_t n)
{
    es_fit_reset(fit, ES_DIST_EXP, 1, n);
    int rc = es_fit_check_positive(x, n, 0);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (n < 1)
        return es_fit_fail(fit, ES_EDOM);
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    if (!(s > 0))
        return es_fit_fail(fit, ES_EDOM);
    double nn = (double)n, rate = nn / s;
    fit->par[0] = rate;
    fit->se[0] = rate / sqrt(nn);
    fit->loglik = nn * log(rate) - nn;
    return es_fit_finish(fit, &es_fit_family_exponential, x, n);
}

/* ------------------------------------------------------------ the family */

static double es_exp_logpdf(double p, double q, double x)
{
    (void)q;
    return x < 0 ? -INFINITY : log(p) - p * x;
}

static double es_exp_log_cdf(double p, double q, double x)
{
    (void)q;
    return x <= 0 ? -INFINITY : log(-expm1(-p * x));
}

static double es_exp_log_sf(double p, double q, double x)
{
    (void)q;
    return x <= 0 ? 0 : -p * x;
}

static double es_exp_draw(double p, double q, gsl_rng *r)
{
    (void)q;
    return gsl_ran_exponential(r, 1 / p);
}

static int es_exp_fit(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    (void)opts;
    return es_fit_exponential(fit, x, n);
}

const es_fit_family es_fit_family_exponential = {
    .dist = ES_DIST_EXP, .name = "exponential", .par = {"rate", NULL}, .fit = es_exp_fit,
    .logpdf = es_exp_logpdf, .log_cdf = es_exp_log_cdf, .log_sf = es_exp_log_sf, .draw = es_exp_draw};
