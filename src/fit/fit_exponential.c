/* fit_exponential.c — exponential maximum likelihood: rate = 1 / mean(x), with
 * SE rate / sqrt(n) from the observed information n / rate^2. */
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
    return es_fit_finish(fit, x, n);
}
