/* fit_lognormal.c — lognormal maximum likelihood in closed form: meanlog = mean(log x),
 * sdlog^2 = mean((log x - meanlog)^2) with denominator n (Aitchison & Brown 1957). */
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
    return es_fit_finish(fit, x, n);
}
