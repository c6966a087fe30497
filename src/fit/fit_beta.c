/* fit_beta.c — beta maximum likelihood (shape1 a, shape2 b) for rates in (0, 1):
 * Newton's method with trigamma on the concave log-likelihood
 * l/n = lnG(a+b) - lnG(a) - lnG(b) + (a-1) mean log y + (b-1) mean log(1-y),
 * from a method-of-moments start, with step halving.  Exact 0s and 1s are squeezed,
 * y' = (y (n-1) + 1/2) / n (Smithson & Verkuilen 2006, Psychol. Methods 11:54), or
 * dropped, and counted either way. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "fit_impl.h"

int es_fit_beta_values(const double *x, size_t n, es_beta_zero_one mode, const double **vals,
                       double **owned, size_t *n_out, size_t *n01)
{
    *vals = x;
    *owned = NULL;
    *n_out = n;
    *n01 = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            return ES_EINVAL;
        if (!(x[i] >= 0 && x[i] <= 1))
            return ES_EDOM;
        if (x[i] == 0 || x[i] == 1)
            (*n01)++;
    }
    if (*n01 == 0)
        return ES_OK;
    double *y = malloc((n ? n : 1) * sizeof *y);
    if (y == NULL)
        return ES_ENOMEM;
    size_t m = 0;
    double nn = (double)n;
    for (size_t i = 0; i < n; i++) {
        if (mode == ES_BETA_DROP) {
            if (x[i] > 0 && x[i] < 1)
                y[m++] = x[i];
        } else {
            y[m++] = (x[i] * (nn - 1) + 0.5) / nn;
        }
    }
    *vals = y;
    *owned = y;
    *n_out = m;
    return ES_OK;
}

static double es_beta_ll(double a, double b, double l1, double l2)
{
    return gsl_sf_lngamma(a + b) - gsl_sf_lngamma(a) - gsl_sf_lngamma(b) + (a - 1) * l1 + (b - 1) * l2;
}

int es_fit_beta(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    es_fit_reset(fit, ES_DIST_BETA, 2, n);
    es_beta_zero_one mode = opts ? opts->beta01 : ES_BETA_SQUEEZE;
    const double *y;
    double *owned = NULL;
    size_t m, n01;
    int rc = es_fit_beta_values(x, n, mode, &y, &owned, &m, &n01);
    fit->n_zero_one = n01;
    fit->beta_dropped = mode == ES_BETA_DROP && n01 > 0;
    fit->n = m;
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (m < 2) {
        free(owned);
        return es_fit_fail(fit, ES_EDOM);
    }
    double nn = (double)m, sy = 0, l1 = 0, l2 = 0;
    for (size_t i = 0; i < m; i++) {
        sy += y[i];
        l1 += log(y[i]);
        l2 += log1p(-y[i]);
    }
    double mean = sy / nn, ss = 0;
    for (size_t i = 0; i < m; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    l1 /= nn;
    l2 /= nn;
    double var = ss / (nn - 1);
    if (!(var > 0)) {
        free(owned);
        return es_fit_fail(fit, ES_EDOM);
    }
    /* Method-of-moments start (a start only: inefficient as an estimate). */
    double c = mean * (1 - mean) / var - 1;
    if (!(c > 0) || !isfinite(c))
        c = 1;
    double a = mean * c, b = (1 - mean) * c;
    double f = es_beta_ll(a, b, l1, l2);
    int max_iter = es_fit_max_iter(opts), conv = 0;
    for (int it = 1; it <= max_iter && !conv; it++) {
        fit->iterations = it;
        double pab = gsl_sf_psi(a + b), t = gsl_sf_psi_1(a + b);
        double g1 = pab - gsl_sf_psi(a) + l1, g2 = pab - gsl_sf_psi(b) + l2;
        double h11 = t - gsl_sf_psi_1(a), h22 = t - gsl_sf_psi_1(b), h12 = t;
        double det = h11 * h22 - h12 * h12; /* > 0: the Hessian is negative definite */
        double da = -(h22 * g1 - h12 * g2) / det, db = -(-h12 * g1 + h11 * g2) / det;
        /* Newton decrement g' H^-1 g (Boyd & Vandenberghe 2004, 9.5.1): the expected gain in
         * l/n.  Below 1e-24 the rest is rounding noise (relative steps ~1e-14). */
        double dec = g1 * da + g2 * db;
        double lam = 1;
        int halvings = 0;
        for (;;) {
            double an = a + lam * da, bn = b + lam * db;
            if (an > 0 && bn > 0) {
                double fn = es_beta_ll(an, bn, l1, l2);
                if (fn >= f - 1e-13 * fabs(f) || halvings > 60) {
                    if ((fabs(an - a) <= 1e-14 * an && fabs(bn - b) <= 1e-14 * bn) || fabs(dec) <= 1e-24)
                        conv = 1;
                    a = an, b = bn, f = fn;
                    break;
                }
            }
            lam /= 2;
            if (++halvings > 80)
                break;
        }
        if (halvings > 60 && !conv) {
            /* No ascent possible: accept only when the score is already ~0. */
            if (fabs(g1) + fabs(g2) <= 1e-10)
                conv = 1;
            else
                break;
        }
        if (!conv && fabs(da) <= 1e-14 * a && fabs(db) <= 1e-14 * b)
            conv = 1;
    }
    if (!conv || !isfinite(a) || !isfinite(b)) {
        free(owned);
        return es_fit_fail(fit, ES_ENOCONV);
    }
    fit->par[0] = a;
    fit->par[1] = b;
    fit->loglik = nn * es_beta_ll(a, b, l1, l2);
    double t = gsl_sf_psi_1(a + b);
    es_fit_se_from_info(fit, nn * (gsl_sf_psi_1(a) - t), -nn * t, nn * (gsl_sf_psi_1(b) - t));
    rc = es_fit_finish(fit, &es_fit_family_beta, y, m);
    free(owned);
    return rc;
}

/* ------------------------------------------------------------ the family */

static double es_beta_logpdf(double p, double q, double x)
{
    if (x < 0 || x > 1)
        return -INFINITY;
    if (x == 0 || x == 1) {
        double s = x == 0 ? p : q;
        return s < 1 ? INFINITY : s == 1 ? -gsl_sf_lnbeta(p, q) : -INFINITY;
    }
    return (p - 1) * log(x) + (q - 1) * log1p(-x) - gsl_sf_lnbeta(p, q);
}

static double es_beta_log_cdf(double p, double q, double x)
{
    return x <= 0 ? -INFINITY : x >= 1 ? 0 : log(gsl_cdf_beta_P(x, p, q));
}

static double es_beta_log_sf(double p, double q, double x)
{
    return x <= 0 ? 0 : x >= 1 ? -INFINITY : log(gsl_cdf_beta_Q(x, p, q));
}

static double es_beta_draw(double p, double q, gsl_rng *r)
{
    return gsl_ran_beta(r, p, q);
}

const es_fit_family es_fit_family_beta = {
    .dist = ES_DIST_BETA, .name = "beta", .par = {"shape1", "shape2"}, .fit = es_fit_beta,
    .logpdf = es_beta_logpdf, .log_cdf = es_beta_log_cdf, .log_sf = es_beta_log_sf, .draw = es_beta_draw};
