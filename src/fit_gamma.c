/* fit_gamma.c — gamma maximum likelihood (shape a, rate b).  The profile equation
 * log a - psi(a) = s, s = log mean(x) - mean(log x), is solved by Newton's method with
 * psi and trigamma (Choi & Wette 1969) from Minka's (2002) closed-form start; then
 * b = a / mean(x). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <math.h>

#include "fit_impl.h"

int es_fit_gamma(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    es_fit_reset(fit, ES_DIST_GAMMA, 2, n);
    int rc = es_fit_check_positive(x, n, 1);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (n < 2)
        return es_fit_fail(fit, ES_EDOM);
    double nn = (double)n, sx = 0;
    for (size_t i = 0; i < n; i++)
        sx += x[i];
    double xbar = sx / nn;
    /* s = -mean(log(x / xbar)) avoids the cancellation of log xbar - mean log x when
     * the coefficient of variation is small. */
    double s = 0, sl = 0;
    for (size_t i = 0; i < n; i++) {
        s -= log(x[i] / xbar);
        sl += log(x[i]);
    }
    s /= nn;
    if (!(s > 0) || !isfinite(s))
        return es_fit_fail(fit, ES_EDOM); /* constant data: no finite MLE */
    /* Minka (2002) start; exact within 1.5% everywhere. */
    double a = (3 - s + sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
    int max_iter = es_fit_max_iter(opts), conv = 0;
    double prev = INFINITY;
    for (int it = 1; it <= max_iter; it++) {
        gsl_sf_result psi, psi1;
        if (gsl_sf_psi_e(a, &psi) != GSL_SUCCESS || gsl_sf_psi_1_e(a, &psi1) != GSL_SUCCESS)
            return es_fit_fail(fit, ES_ENOCONV);
        double f = log(a) - psi.val - s, fp = 1 / a - psi1.val;
        double step = f / fp, an = a - step;
        /* f is convex and decreasing: Newton iterates stay positive from the left;
         * guard against a jump past zero anyway. */
        if (!(an > 0))
            an = a / 2;
        fit->iterations = it;
        double d = fabs(an - a);
        /* Converged at a relative step of 1e-15, or once the steps stop shrinking at
         * the rounding floor of log a - psi(a) (large shapes, where it cancels). */
        if (d <= 1e-15 * an || (it > 2 && d >= prev && d <= 1e-9 * an)) {
            a = an;
            conv = 1;
            break;
        }
        prev = d;
        a = an;
    }
    if (!conv || !isfinite(a))
        return es_fit_fail(fit, ES_ENOCONV);
    double b = a / xbar;
    fit->par[0] = a;
    fit->par[1] = b;
    fit->loglik = nn * (a * log(b) - gsl_sf_lngamma(a)) + (a - 1) * sl - b * sx;
    /* Observed = expected information here: n [psi1(a), -1/b; -1/b, a/b^2]. */
    es_fit_se_from_info(fit, nn * gsl_sf_psi_1(a), -nn / b, nn * a / (b * b));
    return es_fit_finish(fit, x, n);
}
