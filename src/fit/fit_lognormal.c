/* fit_lognormal.c — lognormal maximum likelihood in closed form: meanlog = mean(log x),
 * sdlog^2 = mean((log x - meanlog)^2) with denominator n (Aitchison & Brown 1957). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <math.h>

#include "fit_impl.h"

int es_fit_lognormal(es_fit *fit, const double *x, size_t n)
{
    es_fit_reset(fit, ES_DIST_LNORM, 2, n);
    int rc = es_fit_check_positive(x, n, 1);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (n < 2)
        return es_fit_fail(fit, ES_EDOM);
    /* Two passes: the mean of log x, then the centred sum of squares (with the
     * correction term of Chan, Golub & LeVeque 1983). */
    double sl = 0;
    for (size_t i = 0; i < n; i++)
        sl += log(x[i]);
    double mu = sl / (double)n, ss = 0, sc = 0;
    for (size_t i = 0; i < n; i++) {
        double d = log(x[i]) - mu;
        ss += d * d;
        sc += d;
    }
    double var_pop = (ss - sc * sc / (double)n) / (double)n;
    if (!(var_pop > 0))
        return es_fit_fail(fit, ES_EDOM);
    double sigma = sqrt(var_pop);
    fit->par[0] = mu;
    fit->par[1] = sigma;
    double nn = (double)n;
    /* loglik = -sum log x - n log sigma - n/2 log(2 pi) - n/2 at the MLE. */
    fit->loglik = -sl - nn * log(sigma) - 0.5 * nn * log(2 * M_PI) - 0.5 * nn;
    /* Observed information: diag(n / sigma^2, 2 n / sigma^2). */
    es_fit_se_from_info(fit, nn / var_pop, 0, 2 * nn / var_pop);
    return es_fit_finish(fit, &es_fit_family_lognormal, x, n);
}

/* ------------------------------------------------------------ the family */

static double es_lnorm_logpdf(double p, double q, double x)
{
    if (x <= 0)
        return -INFINITY;
    double z = (log(x) - p) / q;
    return -log(x) - log(q) - 0.5 * log(2 * M_PI) - 0.5 * z * z;

}

static double es_lnorm_log_cdf(double p, double q, double x)
{
    if (x <= 0)
        return -INFINITY;
    /* Phi(z) = erfc(-z / sqrt 2) / 2 */
    return -M_LN2 + gsl_sf_log_erfc(-(log(x) - p) / (q * M_SQRT2));
}

static double es_lnorm_log_sf(double p, double q, double x)
{
    if (x <= 0)
        return 0;
    return -M_LN2 + gsl_sf_log_erfc((log(x) - p) / (q * M_SQRT2));
}

static double es_lnorm_draw(double p, double q, gsl_rng *r)
{
    return gsl_ran_lognormal(r, p, q);
}

static int es_lnorm_fit(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    (void)opts;
    return es_fit_lognormal(fit, x, n);
}

const es_fit_family es_fit_family_lognormal = {
    .dist = ES_DIST_LNORM, .name = "lognormal", .par = {"meanlog", "sdlog"}, .fit = es_lnorm_fit,
    .logpdf = es_lnorm_logpdf, .log_cdf = es_lnorm_log_cdf, .log_sf = es_lnorm_log_sf, .draw = es_lnorm_draw};
