/* fit_gamma.c — gamma maximum likelihood (shape a, rate b).  The profile equation
 * log a - psi(a) = s, s = log mean(x) - mean(log x), is solved by Newton's method with
 * psi and trigamma (Choi & Wette 1969) from Minka's (2002) closed-form start; then
 * b = a / mean(x). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>
#include <math.h>

#include "fit_impl.h"

/* g(a) = log a - psi(a) and g'(a) = 1/a - psi'(a).  For a >= 15 the two terms cancel
 * (g ~ 1/(2a)), so the asymptotic series is used instead (Abramowitz & Stegun 6.3.18):
 * g = 1/(2a) + 1/(12a^2) - 1/(120a^4) + 1/(252a^6) - 1/(240a^8) + 1/(132a^10), whose
 * first omitted term, 691/(32760 a^12), is below 2e-16 there. */
static int es_gamma_g(double a, double *g, double *gp)
{
    if (a >= 15) {
        double i = 1 / a, i2 = i * i;
        *g = i / 2 + i2 * (1.0 / 12 + i2 * (-1.0 / 120 + i2 * (1.0 / 252 + i2 * (-1.0 / 240 + i2 / 132))));
        *gp = -i2 / 2 - i2 * i * (1.0 / 6 + i2 * (-1.0 / 30 + i2 * (1.0 / 42 + i2 * (-1.0 / 30 + i2 * 10.0 / 132))));
        return GSL_SUCCESS;
    }
    gsl_sf_result psi, psi1;
    if (gsl_sf_psi_e(a, &psi) != GSL_SUCCESS || gsl_sf_psi_1_e(a, &psi1) != GSL_SUCCESS)
        return GSL_EDOM;
    *g = log(a) - psi.val;
    *gp = 1 / a - psi1.val;
    return GSL_SUCCESS;
}

int es_fit_gamma(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    es_fit_reset(fit, ES_DIST_GAMMA, 2, n);
    int rc = es_fit_check_positive(x, n, 1);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (n < 2)
        return es_fit_fail(fit, ES_EDOM);
    double nn = (double)n, sx = 0;
    int constant = 1;
    for (size_t i = 0; i < n; i++) {
        sx += x[i];
        constant &= x[i] == x[0];
    }
    /* Tested first: the rounded mean of equal values need not be one of them, and then
     * s below is a rounding residue of 1e-33 and the "MLE" a shape of 1e28. */
    if (constant)
        return es_fit_fail(fit, ES_EDOM);
    double xbar = sx / nn;
    /* s = log xbar - mean log x = -mean(log1p(u) - u), u = x/xbar - 1 (the u sum to 0):
     * no cancellation even when the coefficient of variation is tiny.  Far below the
     * mean (x/xbar < 1/2) log1p(u) is log x - log xbar, computed so: u rounds to -1 once
     * x/xbar < 1e-16, and log1p(-1) = -inf made data spanning 1e-200 to 0.05 "no MLE". */
    double s = 0, sl = 0, lxbar = log(xbar);
    for (size_t i = 0; i < n; i++) {
        double r = x[i] / xbar, lx = log(x[i]);
        s -= r < 0.5 ? (lx - lxbar) - (r - 1) : gsl_sf_log_1plusx_mx(r - 1);
        sl += lx;
    }
    double sum_l1pmx = -s;
    s /= nn;
    if (!(s > 0) || !isfinite(s))
        return es_fit_fail(fit, ES_EDOM); /* constant data: no finite MLE */
    /* Minka (2002) start; exact within 1.5% everywhere. */
    double a = (3 - s + sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
    int max_iter = es_fit_max_iter(opts), conv = 0;
    double prev = INFINITY;
    for (int it = 1; it <= max_iter; it++) {
        double g, fp;
        if (es_gamma_g(a, &g, &fp) != GSL_SUCCESS)
            return es_fit_fail(fit, ES_ENOCONV);
        double f = g - s;
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
    /* loglik = a sum(log1p(u) - u) + n (a log a - a - lnG(a)) - sum log x, with
     * a log a - a - lnG(a) = (log a - log 2 pi) / 2 - stirlerr(a): no cancellation of
     * terms of size n a log a for huge shapes (Loader 2000, "Fast and accurate
     * computation of binomial probabilities", for the Stirling error). */
    double st;
    if (a >= 15) {
        double i = 1 / a, i2 = i * i;
        st = i * (1.0 / 12 - i2 * (1.0 / 360 - i2 * (1.0 / 1260 - i2 / 1680)));
    } else {
        st = gsl_sf_lngamma(a) - ((a - 0.5) * log(a) - a + 0.5 * log(2 * M_PI));
    }
    fit->loglik = a * sum_l1pmx + nn * (0.5 * (log(a) - log(2 * M_PI)) - st) - sl;
    /* Observed = expected information here: n [psi1(a), -1/b; -1/b, a/b^2]. */
    es_fit_se_from_info(fit, nn * gsl_sf_psi_1(a), -nn / b, nn * a / (b * b));
    /* For huge shapes psi1(a) - 1/a (the determinant) cancels: use the series. */
    if (a >= 15) {
        double g, gp;
        es_gamma_g(a, &g, &gp);
        /* det = n^2 (psi1 a / b^2 - 1 / b^2) = -n^2 a gp / b^2 */
        double det = -nn * nn * a * gp / (b * b);
        if (det > 0) {
            fit->se[0] = sqrt(nn * a / (b * b) / det);
            fit->se[1] = sqrt(nn * gsl_sf_psi_1(a) / det);
            fit->corr = (nn / b) / det / (fit->se[0] * fit->se[1]);
        }
    }
    return es_fit_finish(fit, &es_fit_family_gamma, x, n);
}

/* ------------------------------------------------------------ the family */

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

/* log P(a, x rate) (upper = 0) or log Q (upper = 1). */
static double es_gamma_log_tail(double x, double a, double rate, int upper)
{
    if (a > 1e5) {
        double P, Q;
        es_gamma_pq_large(a, x * rate, &P, &Q);
        return log(upper ? Q : P);
    }
    return log(upper ? gsl_cdf_gamma_Q(x, a, 1 / rate) : gsl_cdf_gamma_P(x, a, 1 / rate));
}

static double es_gamma_logpdf(double p, double q, double x)
{
    if (x < 0)
        return -INFINITY;
    if (x == 0)
        return p < 1 ? INFINITY : p == 1 ? log(q) : -INFINITY;
    return p * log(q) - gsl_sf_lngamma(p) + (p - 1) * log(x) - q * x;
}

static double es_gamma_log_cdf(double p, double q, double x)
{
    return x <= 0 ? -INFINITY : es_gamma_log_tail(x, p, q, 0);
}

static double es_gamma_log_sf(double p, double q, double x)
{
    return x <= 0 ? 0 : es_gamma_log_tail(x, p, q, 1);
}

static double es_gamma_draw(double p, double q, gsl_rng *r)
{
    return gsl_ran_gamma(r, p, 1 / q);
}

const es_fit_family es_fit_family_gamma = {
    .dist = ES_DIST_GAMMA, .name = "gamma", .par = {"shape", "rate"}, .fit = es_fit_gamma,
    .logpdf = es_gamma_logpdf, .log_cdf = es_gamma_log_cdf, .log_sf = es_gamma_log_sf, .draw = es_gamma_draw};
