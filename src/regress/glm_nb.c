/* glm_nb.c — negative binomial (NB2) and Poisson log-linear models by IRLS.
 *
 * IRLS as R's glm.fit (McCullagh & Nelder 1989, sec. 2.5): working response
 * z = eta - offset + (y - mu)/mu, weights mu^2/V(mu), V = mu + mu^2/theta (NB2; Cameron
 * & Trivedi 2013, Regression Analysis of Count Data, sec. 3.3) or mu (Poisson); each
 * weighted least-squares step by Householder QR (ols.c), stopping when
 * |dev - dev_old|/(|dev| + 0.1) < epsilon.  theta by Newton-Raphson on the profile
 * score with expected information, alternating with IRLS as MASS::glm.nb (Venables &
 * Ripley 2002, sec. 7.4).  The LR test of theta = infinity is on the boundary of the
 * parameter space: p = 0.5 P(chi2_1 >= LR) (Self & Liang 1987, JASA 82:605). */
#include "engagestat/glmnb.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/ols.h"

void es_glmnb_opts_init(es_glmnb_opts *o)
{
    o->maxit = 25;
    o->epsilon = 1e-8;
    o->conf = 0.95;
    o->theta_max = 1e8;
}

void es_glmnb_free(es_glmnb *fit)
{
    if (fit == NULL)
        return;
    free(fit->coef);
    free(fit->se);
    free(fit->zstat);
    free(fit->pvalue);
    free(fit->ci_low);
    free(fit->ci_high);
    free(fit->cov);
    free(fit->pois_coef);
    free(fit->pois_se);
    memset(fit, 0, sizeof *fit);
}

typedef struct {
    const double *X, *z, *w; /* w: sqrt of the IRLS weights */
    size_t p;
} es_irls_rows;

static int es_irls_row(void *ctx, size_t i, double *x, double *y)
{
    const es_irls_rows *s = ctx;
    for (size_t j = 0; j < s->p; j++)
        x[j] = s->X[i * s->p + j] * s->w[i];
    *y = s->z[i] * s->w[i];
    return 0;
}

/* linkinv of make.link("log"): pmax(exp(eta), .Machine$double.eps). */
static double es_exp_eps(double eta)
{
    double m = exp(eta);
    return m > DBL_EPSILON ? m : DBL_EPSILON;
}

/* Deviance: Poisson (theta infinite) or negative.binomial(theta) (MASS). */
static double es_deviance(const double *y, const double *mu, size_t n, double theta)
{
    long double d = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(theta))
            d += y[i] > 0 ? y[i] * log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
        else
            d += y[i] * log((y[i] > 1 ? y[i] : 1) / mu[i]) - (y[i] + theta) * log((y[i] + theta) / (mu[i] + theta));
    }
    return (double)(2 * d);
}

typedef struct {
    double *coef, *mu, *eta, *cov_unscaled; /* p, n, n, p x p */
    double dev;
    size_t rank;
    int iter, conv;
} es_irls_out;

/* One glm.fit call with family NB(theta) or Poisson (theta = INFINITY); eta_start NULL
 * means the family's initialize (Poisson y + 0.1, NB y + (y == 0)/6). */
static int es_irls(const double *X, const double *y, const double *off, size_t n, size_t p, double theta,
                   const double *eta_start, int maxit, double eps, es_irls_out *out)
{
    double *z = malloc(n * sizeof *z), *w = malloc(n * sizeof *w);
    if (z == NULL || w == NULL) {
        free(z), free(w);
        return es_error(ES_ENOMEM);
    }
    double *eta = out->eta, *mu = out->mu;
    for (size_t i = 0; i < n; i++) {
        if (eta_start)
            eta[i] = eta_start[i];
        else
            eta[i] = log(isinf(theta) ? y[i] + 0.1 : y[i] + (y[i] == 0) / 6.0);
        mu[i] = es_exp_eps(eta[i]);
    }
    double devold = es_deviance(y, mu, n, theta);
    es_ols_opts oo;
    es_ols_opts_init(&oo);
    oo.intercept = 0;
    oo.tol = 1e-11; /* glm.fit: min(1e-7, epsilon/1000) */
    int st = ES_OK;
    out->conv = 0;
    for (int it = 1; it <= maxit; it++) {
        for (size_t i = 0; i < n; i++) {
            double var = isinf(theta) ? mu[i] : mu[i] + mu[i] * mu[i] / theta;
            double me = es_exp_eps(eta[i]);
            z[i] = (eta[i] - (off ? off[i] : 0)) + (y[i] - mu[i]) / me;
            w[i] = sqrt(me * me / var);
        }
        es_irls_rows src = {X, z, w, p};
        es_ols fit;
        st = es_ols_fit_rows(&fit, n, p, es_irls_row, &src, &oo);
        if (st == ES_OK && fit.rank < p)
            st = es_error(ES_EDOM);
        if (st != ES_OK) {
            es_ols_free(&fit);
            break;
        }
        out->rank = fit.rank;
        memcpy(out->coef, fit.coef, p * sizeof *out->coef);
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                long double s = 0;
                for (size_t c = a > b ? a : b; c < p; c++)
                    s += fit.rinv[a * p + c] * fit.rinv[b * p + c];
                out->cov_unscaled[fit.pivot[a] * p + fit.pivot[b]] = (double)s;
            }
        for (size_t i = 0; i < n; i++) {
            long double e = off ? off[i] : 0;
            for (size_t j = 0; j < p; j++)
                e += (long double)X[i * p + j] * fit.coef_ld[j];
            eta[i] = (double)e;
            mu[i] = es_exp_eps(eta[i]);
        }
        es_ols_free(&fit);
        out->dev = es_deviance(y, mu, n, theta);
        out->iter = it;
        if (!isfinite(out->dev)) {
            st = es_error(ES_ENOCONV);
            break;
        }
        if (fabs(out->dev - devold) / (fabs(out->dev) + 0.1) < eps) {
            out->conv = 1;
            break;
        }
        devold = out->dev;
    }
    free(z), free(w);
    return st;
}

/* MASS::theta.ml: Newton steps on the score with the expected information, from
 * t0 = n / sum((y/mu - 1)^2); limit iterations, tolerance eps = DBL_EPSILON^0.25.
 * *se = 1/sqrt(info) at the last iterate; *hit_limit when it == limit; *last the last
 * Newton step (positive while theta is still growing). */
static double es_theta_ml(const double *y, const double *mu, size_t n, int limit, double *se, int *hit_limit,
                          double *last)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (y[i] / mu[i] - 1) * (y[i] / mu[i] - 1);
    double t0 = (double)((long double)n / s), del = 1, info = NAN;
    double eps = pow(DBL_EPSILON, 0.25);
    int it = 0;
    while (++it < limit && fabs(del) > eps) {
        t0 = fabs(t0);
        long double sc = 0, inf = 0;
        for (size_t i = 0; i < n; i++) {
            double th_y = t0 + y[i], mt = mu[i] + t0;
            sc += gsl_sf_psi(th_y) - gsl_sf_psi(t0) + log(t0) + 1 - log(mt) - th_y / mt;
            inf += -gsl_sf_psi_1(th_y) + gsl_sf_psi_1(t0) - 1 / t0 + 2 / mt - th_y / (mt * mt);
        }
        info = (double)inf;
        del = (double)(sc / inf);
        t0 += del;
        if (!isfinite(t0))
            break;
    }
    if (t0 < 0)
        t0 = 0;
    *hit_limit = it == limit;
    *last = del;
    *se = sqrt(1 / info);
    return t0;
}

/* MASS's loglik(n, th, mu, y, w). */
static double es_nb_loglik(const double *y, const double *mu, size_t n, double th)
{
    long double l = 0;
    for (size_t i = 0; i < n; i++) {
        gsl_sf_result r;
        double lp = gsl_sf_lnpoch_e(th, y[i], &r) == GSL_SUCCESS ? r.val : NAN; /* lgamma(th+y) - lgamma(th) */
        l += lp - lgamma(y[i] + 1) + th * log(th) + y[i] * log(mu[i] + (y[i] == 0)) - (th + y[i]) * log(th + mu[i]);
    }
    return (double)l;
}

static double es_pois_loglik(const double *y, const double *mu, size_t n)
{
    long double l = 0;
    for (size_t i = 0; i < n; i++)
        l += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] - lgamma(y[i] + 1);
    return (double)l;
}

/* After theta.ml on means mu: 0 when theta is an answer (finite, positive, within the
 * limit), 1 when it grows without bound (above theta_max, or at the iteration limit
 * still increasing with the NB log-likelihood flat, within 0.0005 of the Poisson one:
 * an LR statistic below 0.001, no overdispersion), 2 when it failed (at the limit otherwise: the Newton
 * steps oscillate, or theta is not a positive number). */
static int es_theta_state(const double *y, const double *mu, size_t n, double th, int lim, double last,
                          double theta_max)
{
    if (isinf(th) || (isfinite(th) && th > theta_max))
        return 1;
    if (!(isfinite(th) && th > 0))
        return 2;
    if (!lim)
        return 0;
    double lp = es_pois_loglik(y, mu, n), ln = es_nb_loglik(y, mu, n, th);
    return last > 0 && 2 * fabs(ln - lp) < 1e-3 ? 1 : 2;
}

static void es_wald(es_glmnb *fit, const double *cov, double conf)
{
    size_t p = fit->p;
    double q = gsl_cdf_ugaussian_Qinv((1 - conf) / 2);
    for (size_t j = 0; j < p; j++) {
        fit->se[j] = sqrt(cov[j * p + j]);
        fit->zstat[j] = fit->coef[j] / fit->se[j];
        fit->pvalue[j] = 2 * gsl_cdf_ugaussian_Q(fabs(fit->zstat[j]));
        fit->ci_low[j] = fit->coef[j] - q * fit->se[j];
        fit->ci_high[j] = fit->coef[j] + q * fit->se[j];
    }
}

int es_glmnb_fit(es_glmnb *fit, const double *X, const double *y, const double *offset, size_t n, size_t p,
                 const es_glmnb_opts *o)
{
    es_glmnb_opts def;
    if (o == NULL) {
        es_glmnb_opts_init(&def);
        o = &def;
    }
    memset(fit, 0, sizeof *fit);
    fit->n = n;
    fit->p = p;
    fit->theta = fit->se_theta = NAN;
    fit->coef = calloc(p, sizeof(double));
    fit->se = calloc(p, sizeof(double));
    fit->zstat = calloc(p, sizeof(double));
    fit->pvalue = calloc(p, sizeof(double));
    fit->ci_low = calloc(p, sizeof(double));
    fit->ci_high = calloc(p, sizeof(double));
    fit->cov = calloc(p * p, sizeof(double));
    fit->pois_coef = calloc(p, sizeof(double));
    fit->pois_se = calloc(p, sizeof(double));
    if (!fit->coef || !fit->se || !fit->zstat || !fit->pvalue || !fit->ci_low || !fit->ci_high || !fit->cov ||
        !fit->pois_coef || !fit->pois_se)
        return es_error(ES_ENOMEM);
    if (n <= p || p == 0)
        return es_error(ES_EDOM);
    for (size_t i = 0; i < n; i++)
        if (!(y[i] >= 0) || !isfinite(y[i]) || y[i] != floor(y[i]) || (offset && !isfinite(offset[i])))
            return es_error(ES_EINVAL);
    es_irls_out a = {0};
    a.coef = malloc(p * sizeof(double));
    a.mu = malloc(n * sizeof(double));
    a.eta = malloc(n * sizeof(double));
    a.cov_unscaled = malloc(p * p * sizeof(double));
    double *mu_old = malloc(n * sizeof(double)), *eta0 = malloc(n * sizeof(double));
    double *pois_cov = malloc(p * p * sizeof(double));
    int st = ES_OK;
    if (!a.coef || !a.mu || !a.eta || !a.cov_unscaled || !mu_old || !eta0 || !pois_cov) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    /* Poisson start (also the null model of the overdispersion test). */
    st = es_irls(X, y, offset, n, p, INFINITY, NULL, o->maxit, o->epsilon, &a);
    if (st != ES_OK)
        goto done;
    int pois_conv = a.conv;
    memcpy(fit->pois_coef, a.coef, p * sizeof(double));
    memcpy(pois_cov, a.cov_unscaled, p * p * sizeof(double));
    for (size_t j = 0; j < p; j++)
        fit->pois_se[j] = sqrt(pois_cov[j * p + j]);
    fit->pois_loglik = es_pois_loglik(y, a.mu, n);
    fit->pois_aic = -2 * fit->pois_loglik + 2 * (double)a.rank;
    fit->rank = a.rank;
    double pois_dev = a.dev;

    /* glm.nb's alternation. */
    double se_th, last;
    int lim;
    double th = es_theta_ml(y, a.mu, n, o->maxit, &se_th, &lim, &last);
    int state = es_theta_state(y, a.mu, n, th, lim, last, o->theta_max);
    int fallback = state != 0;
    double d1 = sqrt(2 * fmax(1, (double)n - (double)a.rank)), d2 = 1, del = 1;
    double Lm = fallback ? NAN : es_nb_loglik(y, a.mu, n, th), Lm0 = Lm + 2 * d1;
    int iter = 0, irls_conv = 1;
    while (!fallback && ++iter <= o->maxit && (fabs(Lm0 - Lm) / d1 + fabs(del) / d2) > o->epsilon) {
        for (size_t i = 0; i < n; i++)
            eta0[i] = log(a.mu[i]);
        memcpy(mu_old, a.mu, n * sizeof(double));
        st = es_irls(X, y, offset, n, p, th, eta0, o->maxit, o->epsilon, &a);
        if (st != ES_OK) {
            fallback = 1;
            state = 2; /* the IRLS at this theta failed: no answer */
            st = ES_OK;
            break;
        }
        irls_conv = a.conv;
        double t0 = th;
        th = es_theta_ml(y, mu_old, n, o->maxit, &se_th, &lim, &last); /* MASS uses the previous mu */
        if ((state = es_theta_state(y, mu_old, n, th, lim, last, o->theta_max)) != 0) {
            fallback = 1; /* theta.ml hit its limit ("iteration limit reached") or left (0, theta_max] */
            break;
        }
        del = t0 - th;
        Lm0 = Lm;
        Lm = es_nb_loglik(y, a.mu, n, th);
    }
    fit->iter = iter;
    if (fallback && state == 2) {
        /* theta.ml did not converge and theta was not growing without bound: the NB2 fit
         * failed.  No model is reported (the Poisson fit is no answer: the data may be
         * far from Poisson), and no overdispersion test. */
        fit->nb_failed = 1;
        for (size_t j = 0; j < p; j++)
            fit->coef[j] = fit->se[j] = fit->zstat[j] = fit->pvalue[j] = fit->ci_low[j] = fit->ci_high[j] = NAN;
        for (size_t j = 0; j < p * p; j++)
            fit->cov[j] = NAN;
        fit->loglik = fit->aic = fit->deviance = fit->lr_stat = fit->lr_pvalue = NAN;
        fit->converged = 0;
        st = es_error(ES_ENOCONV);
        goto done;
    }
    if (fallback) {
        /* Near-Poisson data: theta grows without bound; report the Poisson fit. */
        fit->poisson_fallback = 1;
        memcpy(fit->coef, fit->pois_coef, p * sizeof(double));
        memcpy(fit->cov, pois_cov, p * p * sizeof(double));
        fit->loglik = fit->pois_loglik;
        fit->aic = fit->pois_aic;
        fit->deviance = pois_dev;
        fit->lr_stat = 0;
        fit->lr_pvalue = 1;
        fit->converged = pois_conv;
        es_wald(fit, fit->cov, o->conf);
        st = pois_conv ? ES_OK : es_error(ES_ENOCONV);
        goto done;
    }
    memcpy(fit->coef, a.coef, p * sizeof(double));
    memcpy(fit->cov, a.cov_unscaled, p * p * sizeof(double));
    fit->theta = th;
    fit->se_theta = se_th;
    fit->loglik = Lm;
    fit->aic = -2 * Lm + 2 * (double)a.rank + 2;
    fit->deviance = a.dev;
    fit->converged = iter <= o->maxit && irls_conv;
    fit->lr_stat = 2 * (Lm - fit->pois_loglik);
    fit->lr_pvalue = fit->lr_stat > 0 ? 0.5 * gsl_cdf_chisq_Q(fit->lr_stat, 1) : 1;
    es_wald(fit, fit->cov, o->conf);
    if (iter > o->maxit)
        st = es_error(ES_ENOCONV);
done:
    free(a.coef), free(a.mu), free(a.eta), free(a.cov_unscaled);
    free(mu_old), free(eta0), free(pois_cov);
    return st;
}
