/* rlm.c — robust regression.
 *
 * Huber M-estimation (Huber 1964; 1981, Robust Statistics, sec. 7.8) by IRLS with the MAD
 * scale, reproducing MASS::rlm (Venables & Ripley 2002, Modern Applied Statistics with S,
 * sec. 6.5): least-squares start, scale = median|r|/0.6745 before each step, weights
 * min(1, k/|r/s|), stop when the residuals change by less than acc relative.  Huber's
 * loss is convex, so IRLS from OLS is safe.  Tukey's bisquare is non-convex; it is
 * delegated to GSL's gsl_multifit_robust (DuMouchel & O'Brien 1989; Street, Carroll &
 * Ruppert 1988), whose scale and covariance differ from MASS's by design. */
#include "engagestat/rlm.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/ols.h"
#include "engagestat/quantile.h"

void es_rlm_opts_init(es_rlm_opts *o)
{
    o->k = 1.345;
    o->maxit = 20;
    o->acc = 1e-4;
    o->conf = 0.95;
}

void es_rlm_free(es_rlm *fit)
{
    if (fit == NULL)
        return;
    free(fit->coef);
    free(fit->se);
    free(fit->tstat);
    free(fit->pvalue);
    free(fit->ci_low);
    free(fit->ci_high);
    free(fit->cov);
    free(fit->weights);
    memset(fit, 0, sizeof *fit);
}

static int es_rlm_alloc(es_rlm *fit, size_t n, size_t p)
{
    memset(fit, 0, sizeof *fit);
    fit->n = n;
    fit->p = p;
    fit->coef = malloc(p * sizeof(double));
    fit->se = malloc(p * sizeof(double));
    fit->tstat = malloc(p * sizeof(double));
    fit->pvalue = malloc(p * sizeof(double));
    fit->ci_low = malloc(p * sizeof(double));
    fit->ci_high = malloc(p * sizeof(double));
    fit->cov = malloc(p * p * sizeof(double));
    fit->weights = malloc((n ? n : 1) * sizeof(double));
    if (!fit->coef || !fit->se || !fit->tstat || !fit->pvalue || !fit->ci_low || !fit->ci_high || !fit->cov ||
        !fit->weights)
        return es_error(ES_ENOMEM);
    for (size_t j = 0; j < p; j++)
        fit->coef[j] = fit->se[j] = fit->tstat[j] = fit->pvalue[j] = fit->ci_low[j] = fit->ci_high[j] = NAN;
    for (size_t j = 0; j < p * p; j++)
        fit->cov[j] = NAN;
    return ES_OK;
}

/* Rows of X and y scaled by sqrt(w): the weighted LS problem as an OLS row source. */
typedef struct {
    const double *X, *y, *w;
    size_t p;
} es_wrows;

static int es_wrow(void *ctx, size_t i, double *x, double *y)
{
    const es_wrows *s = ctx;
    double r = s->w ? sqrt(s->w[i]) : 1;
    for (size_t j = 0; j < s->p; j++)
        x[j] = s->X[i * s->p + j] * r;
    *y = s->y[i] * r;
    return 0;
}

/* Weighted LS step: coefficients into coef, residuals y - X coef into res. */
static int es_wls(const double *X, const double *y, const double *w, size_t n, size_t p, double *coef,
                  double *res, es_ols *keep)
{
    es_wrows s = {X, y, w, p};
    es_ols fit;
    es_ols_opts o;
    es_ols_opts_init(&o);
    o.intercept = 0;
    int st = es_ols_fit_rows(&fit, n, p, es_wrow, &s, &o);
    if (st == ES_OK && fit.rank < p)
        st = es_error(ES_EDOM);
    if (st != ES_OK) {
        es_ols_free(&fit);
        return st;
    }
    memcpy(coef, fit.coef, p * sizeof *coef);
    for (size_t i = 0; i < n; i++) {
        long double f = 0;
        for (size_t j = 0; j < p; j++)
            f += (long double)X[i * p + j] * fit.coef_ld[j];
        res[i] = (double)(y[i] - f);
    }
    if (keep)
        *keep = fit;
    else
        es_ols_free(&fit);
    return ES_OK;
}

static void es_rlm_infer(es_rlm *fit, double conf)
{
    size_t p = fit->p;
    fit->df = (double)fit->n - (double)p;
    es_coef_infer(fit->coef, fit->cov, p, fit->df, conf, fit->se, fit->tstat, fit->pvalue, fit->ci_low,
                  fit->ci_high);
}

int es_rlm_huber(es_rlm *fit, const double *X, const double *y, size_t n, size_t p, const es_rlm_opts *o)
{
    es_rlm_opts def;
    if (o == NULL) {
        es_rlm_opts_init(&def);
        o = &def;
    }
    int st = es_rlm_alloc(fit, n, p);
    if (st != ES_OK)
        return st;
    if (n <= p || p == 0)
        return es_error(ES_EDOM);
    double *res = malloc(n * sizeof *res), *old = malloc(n * sizeof *old), *absr = malloc(n * sizeof *absr);
    if (!res || !old || !absr) {
        free(res), free(old), free(absr);
        return es_error(ES_ENOMEM);
    }
    double k = o->k;
    st = es_wls(X, y, NULL, n, p, fit->coef, res, NULL);
    double scale = NAN;
    int done = 0;
    for (int it = 1; st == ES_OK && it <= o->maxit; it++) {
        for (size_t i = 0; i < n; i++)
            absr[i] = fabs(res[i]);
        scale = es_median(absr, n) / 0.6745;
        if (scale == 0) {
            done = 1;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            double u = fabs(res[i] / scale);
            fit->weights[i] = u > 0 ? fmin(1, k / u) : 1; /* psi.huber: pmin(1, k/|u|) */
        }
        memcpy(old, res, n * sizeof *res);
        st = es_wls(X, y, fit->weights, n, p, fit->coef, res, NULL);
        fit->iter = it;
        /* irls.delta(old, new) = sqrt(sum((old - new)^2) / max(1e-20, sum(old^2))) */
        long double num = 0, den = 0;
        for (size_t i = 0; i < n; i++) {
            num += ((long double)old[i] - res[i]) * ((long double)old[i] - res[i]);
            den += (long double)old[i] * old[i];
        }
        double conv = sqrt((double)(num / (den > 1e-20L ? den : 1e-20L)));
        if (conv <= o->acc) {
            done = 1;
            break;
        }
    }
    if (st != ES_OK) {
        free(res), free(old), free(absr);
        return st;
    }
    fit->converged = done;
    fit->scale = scale;
    fit->rank = p;
    /* summary.rlm, method "XtX": stddev = sqrt(S) kappa / mn with S = sum((r w)^2)/(n-p),
     * w = psi(r/s) weights, psi' = 1{|r/s| <= k}, mn = mean(psi'),
     * kappa = 1 + p var(psi') / (n mn^2); cov = stddev^2 (X'X)^-1. */
    long double S = 0, mn = 0, vpp = 0;
    for (size_t i = 0; i < n; i++) {
        double u = res[i] / scale;
        double w = fabs(u) > 0 ? fmin(1, k / fabs(u)) : 1;
        S += ((long double)res[i] * w) * ((long double)res[i] * w);
        mn += fabs(u) <= k;
    }
    S /= (long double)(n - p);
    mn /= (long double)n;
    for (size_t i = 0; i < n; i++) {
        long double d = (fabs(res[i] / scale) <= k) - mn;
        vpp += d * d;
    }
    vpp /= (long double)(n - 1);
    long double kappa = 1 + (long double)p * vpp / ((long double)n * mn * mn);
    long double stddev = sqrtl(S) * kappa / mn;
    es_ols xf;
    double *tmpc = malloc(p * sizeof *tmpc);
    if (tmpc == NULL) {
        free(res), free(old), free(absr);
        return es_error(ES_ENOMEM);
    }
    st = es_wls(X, y, NULL, n, p, tmpc, absr, &xf);
    free(tmpc);
    if (st == ES_OK) {
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                long double s = 0;
                size_t ka = a > b ? a : b;
                for (size_t c = ka; c < p; c++)
                    s += xf.rinv[a * p + c] * xf.rinv[b * p + c];
                fit->cov[xf.pivot[a] * p + xf.pivot[b]] = (double)(s * stddev * stddev);
            }
        es_ols_free(&xf);
        es_rlm_infer(fit, o->conf);
    }
    free(res), free(old), free(absr);
    if (st == ES_OK && !done)
        st = es_error(ES_ENOCONV);
    return st;
}

int es_rlm_bisquare(es_rlm *fit, const double *X, const double *y, size_t n, size_t p, const es_rlm_opts *o)
{
    int st = es_rlm_alloc(fit, n, p);
    if (st != ES_OK)
        return st;
    if (n <= p || p == 0)
        return es_error(ES_EDOM);
    gsl_multifit_robust_workspace *w = gsl_multifit_robust_alloc(gsl_multifit_robust_bisquare, n, p);
    gsl_matrix *gX = gsl_matrix_alloc(n, p);
    gsl_vector *gy = gsl_vector_alloc(n), *c = gsl_vector_alloc(p);
    gsl_matrix *cov = gsl_matrix_alloc(p, p);
    if (!w || !gX || !gy || !c || !cov) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    if (o != NULL && o->k > 0)
        gsl_multifit_robust_tune(o->k, w);
    if (o != NULL && o->maxit > 0)
        gsl_multifit_robust_maxiter((size_t)o->maxit, w);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < p; j++)
            gsl_matrix_set(gX, i, j, X[i * p + j]);
        gsl_vector_set(gy, i, y[i]);
    }
    int gs = gsl_multifit_robust(gX, gy, c, cov, w);
    if (gs != GSL_SUCCESS && gs != GSL_EMAXITER) {
        st = es_error(ES_EGSL);
        goto done;
    }
    gsl_multifit_robust_stats stats = gsl_multifit_robust_statistics(w);
    for (size_t j = 0; j < p; j++) {
        fit->coef[j] = gsl_vector_get(c, j);
        for (size_t k = 0; k < p; k++)
            fit->cov[j * p + k] = gsl_matrix_get(cov, j, k);
    }
    for (size_t i = 0; i < n; i++)
        fit->weights[i] = gsl_vector_get(stats.weights, i);
    fit->scale = stats.sigma;
    fit->iter = (int)stats.numit;
    fit->rank = p;
    fit->converged = gs == GSL_SUCCESS;
    es_rlm_infer(fit, o ? o->conf : 0.95);
    if (gs == GSL_EMAXITER)
        st = es_error(ES_ENOCONV);
done:
    if (w)
        gsl_multifit_robust_free(w);
    gsl_matrix_free(gX);
    gsl_vector_free(gy);
    gsl_vector_free(c);
    gsl_matrix_free(cov);
    return st;
}
