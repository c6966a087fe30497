/* fit_weibull.c — Weibull maximum likelihood (shape k, scale lambda).  The shape solves
 * the monotone profile equation h(k) = sum y^k log y / sum y^k - 1/k - mean(log y) = 0
 * (Cohen 1965) on y = x / max(x), so that y^k never overflows; it is bracketed and
 * solved by Brent's method, then lambda = max(x) (mean y^k)^(1/k). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#include "fit_impl.h"

typedef struct es_wb {
    const double *ly; /* log y, y = x / max x (all <= 0) */
    size_t n;
    double mean_ly;
} es_wb;

static double es_wb_profile(double k, void *p)
{
    const es_wb *w = p;
    double s0 = 0, s1 = 0;
    for (size_t i = 0; i < w->n; i++) {
        double t = exp(k * w->ly[i]); /* <= 1, and the maximum contributes exactly 1 */
        s0 += t;
        s1 += t * w->ly[i];
    }
    return s1 / s0 - 1 / k - w->mean_ly;
}

int es_fit_weibull(es_fit *fit, const double *x, size_t n, const es_fit_opts *opts)
{
    es_fit_reset(fit, ES_DIST_WEIBULL, 2, n);
    int rc = es_fit_check_positive(x, n, 1);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    if (n < 2)
        return es_fit_fail(fit, ES_EDOM);
    double mx = x[0];
    for (size_t i = 1; i < n; i++)
        if (x[i] > mx)
            mx = x[i];
    double *ly = malloc(n * sizeof *ly);
    if (ly == NULL)
        return es_fit_fail(fit, ES_ENOMEM);
    double lmx = log(mx), sum = 0;
    for (size_t i = 0; i < n; i++) {
        ly[i] = log(x[i]) - lmx;
        sum += ly[i];
    }
    double nn = (double)n;
    es_wb w = {ly, n, sum / nn};
    double v = 0;
    for (size_t i = 0; i < n; i++)
        v += (ly[i] - w.mean_ly) * (ly[i] - w.mean_ly);
    if (!(v > 0)) {
        free(ly);
        return es_fit_fail(fit, ES_EDOM); /* constant data */
    }
    /* Start: k0 = pi / (sqrt 6 sd(log x)) (Menon 1963); then bracket h(lo) < 0 < h(hi). */
    double k0 = M_PI / sqrt(6 * v / nn), lo = k0 / 2, hi = k0 * 2;
    int guard = 0;
    while (es_wb_profile(lo, &w) > 0 && guard++ < 200)
        lo /= 2;
    guard = 0;
    while (es_wb_profile(hi, &w) < 0 && guard++ < 200)
        hi *= 2;
    if (!(es_wb_profile(lo, &w) <= 0 && es_wb_profile(hi, &w) >= 0)) {
        free(ly);
        return es_fit_fail(fit, ES_ENOCONV);
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL) {
        free(ly);
        return es_fit_fail(fit, ES_ENOMEM);
    }
    gsl_function F = {es_wb_profile, &w};
    int max_iter = es_fit_max_iter(opts), conv = 0;
    double k = NAN;
    if (gsl_root_fsolver_set(s, &F, lo, hi) == GSL_SUCCESS) {
        for (int it = 1; it <= max_iter; it++) {
            fit->iterations = it;
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            k = gsl_root_fsolver_root(s);
            double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
            if (gsl_root_test_interval(a, b, 0, 2e-15) == GSL_SUCCESS) {
                conv = 1;
                break;
            }
        }
    }
    gsl_root_fsolver_free(s);
    if (!conv || !(k > 0)) {
        free(ly);
        return es_fit_fail(fit, ES_ENOCONV);
    }
    /* lambda_y = (mean y^k)^(1/k); lambda = max x * lambda_y. */
    double s0 = 0;
    for (size_t i = 0; i < n; i++)
        s0 += exp(k * ly[i]);
    double llam_y = log(s0 / nn) / k, lam = mx * exp(llam_y);
    /* Log-likelihood and observed information on the original scale, with
     * t = x / lambda, u = log t (sums of t^k = n at the MLE, kept general). */
    double st = 0, stu = 0, stu2 = 0, slx = 0;
    for (size_t i = 0; i < n; i++) {
        double u = ly[i] - llam_y, tk = exp(k * u);
        st += tk;
        stu += tk * u;
        stu2 += tk * u * u;
        slx += ly[i] + lmx;
    }
    free(ly);
    fit->par[0] = k;
    fit->par[1] = lam;
    fit->loglik = nn * log(k) - nn * k * log(lam) + (k - 1) * slx - st;
    double ikk = nn / (k * k) + stu2;
    double ill = -(nn * k / (lam * lam) - k * (k + 1) / (lam * lam) * st);
    double ikl = -(-nn / lam + st / lam + k / lam * stu);
    es_fit_se_from_info(fit, ikk, ikl, ill);
    return es_fit_finish(fit, &es_fit_family_weibull, x, n);
}

/* ------------------------------------------------------------ the family */

static double es_weibull_logpdf(double p, double q, double x)
{
    if (x < 0)
        return -INFINITY;
    if (x == 0)
        return p < 1 ? INFINITY : p == 1 ? -log(q) : -INFINITY;
    return log(p) - log(q) + (p - 1) * log(x / q) - pow(x / q, p);
}

static double es_weibull_log_cdf(double p, double q, double x)
{
    return x <= 0 ? -INFINITY : log(-expm1(-pow(x / q, p)));
}

static double es_weibull_log_sf(double p, double q, double x)
{
    return x <= 0 ? 0 : -pow(x / q, p);
}

static double es_weibull_draw(double p, double q, gsl_rng *r)
{
    return gsl_ran_weibull(r, q, p);
}

const es_fit_family es_fit_family_weibull = {
    .dist = ES_DIST_WEIBULL, .name = "weibull", .par = {"shape", "scale"}, .fit = es_fit_weibull,
    .logpdf = es_weibull_logpdf, .log_cdf = es_weibull_log_cdf, .log_sf = es_weibull_log_sf, .draw = es_weibull_draw};
