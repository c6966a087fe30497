/* powerlaw_compare.c — is the tail better described by a power law or by an
 * alternative?  Vuong's (1989) normalised log-likelihood ratio against lognormal and
 * exponential tails, and the nested likelihood-ratio test against a power law with
 * exponential cutoff, all on the same tail x >= xmin (Clauset, Shalizi & Newman 2009,
 * section 5 and Appendix C).  Every model is normalised on [xmin, inf): the lognormal by
 * S(xmin) = erfc((ln xmin - mu) / (sigma sqrt 2)) / 2 taken in log form with
 * gsl_sf_log_erfc; discrete data use the integers >= xmin. */
#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_erf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/fit.h"
#include "powerlaw_impl.h"

/* Pointwise log-likelihoods that are -inf or NaN (a density that underflowed to 0) are
 * clamped to this value and counted: ln of the smallest subnormal double. */
#define ES_PL_LL_FLOOR (-745.0)

const char *es_pl_alt_name(es_pl_alt alt)
{
    switch (alt) {
    case ES_PL_ALT_LOGNORMAL:
        return "lognormal";
    case ES_PL_ALT_EXPONENTIAL:
        return "exponential";
    case ES_PL_ALT_CUTOFF:
        return "cutoff";
    }
    return "unknown";
}

typedef struct es_tail {
    const double *z;  /* tail values, sorted */
    size_t m;
    double xmin;
    int discrete;
    gsl_integration_workspace *ws;
} es_tail;

/* ln S(t) = ln P(X >= t) of a lognormal. */
static double es_ln_lnorm_sf(double t, double mu, double sigma)
{
    return -M_LN2 + gsl_sf_log_erfc((log(t) - mu) / (sigma * M_SQRT2));
}

/* Pointwise log-likelihood of the lognormal tail at value v. */
static double es_ll_lnorm(const es_tail *t, double v, double mu, double sigma)
{
    if (!t->discrete) {
        double z = (log(v) - mu) / sigma;
        return -log(v) - log(sigma) - 0.5 * log(2 * M_PI) - 0.5 * z * z - es_ln_lnorm_sf(t->xmin, mu, sigma);
    }
    /* Discretised: P(k) = [S(k - 1/2) - S(k + 1/2)] / S(xmin - 1/2). */
    double a = es_ln_lnorm_sf(v - 0.5, mu, sigma), b = es_ln_lnorm_sf(v + 0.5, mu, sigma);
    return a + log(-expm1(b - a)) - es_ln_lnorm_sf(t->xmin - 0.5, mu, sigma);
}

/* I(alpha, b, L) = int_L^inf u^-alpha exp(-b (u - 1)) du by QAGIU. */
static double es_cut_integrand(double u, void *p)
{
    const double *ab = p;
    return exp(-ab[0] * log(u) - ab[1] * (u - 1));
}

static double es_cut_I(gsl_integration_workspace *ws, double alpha, double b, double L)
{
    if (b <= 0 && alpha <= 1)
        return INFINITY;
    double ab[2] = {alpha, b}, r, err;
    gsl_function F = {es_cut_integrand, ab};
    if (gsl_integration_qagiu(&F, L, 0, 1e-12, 1000, ws, &r, &err) != GSL_SUCCESS &&
        !(err <= 1e-8 * fabs(r)))
        return NAN;
    return r;
}

/* ln C of the cutoff model: C = int_xmin^inf x^-alpha e^{-lambda x} dx (continuous) or
 * sum_{k >= xmin} k^-alpha e^{-lambda k} (discrete: 2000 terms directly, then the
 * midpoint-rule integral of the rest). */
static double es_cut_lnC(const es_tail *t, double alpha, double lambda)
{
    double x0 = t->xmin, b = lambda * x0;
    double base = -alpha * log(x0) - lambda * x0;
    if (!t->discrete) {
        double I = es_cut_I(t->ws, alpha, b, 1);
        return base + log(x0) + log(I);
    }
    enum { J = 2000 };
    double s = 0;
    for (int j = 0; j < J; j++)
        s += exp(-alpha * log1p(j / x0) - lambda * j);
    double I = es_cut_I(t->ws, alpha, b, 1 + (J - 0.5) / x0);
    return base + log(s + x0 * I);
}

typedef struct es_min_ctx {
    const es_tail *t;
    es_pl_alt alt;
} es_min_ctx;

static double es_negll(const gsl_vector *v, void *p)
{
    const es_min_ctx *c = p;
    const es_tail *t = c->t;
    double a = gsl_vector_get(v, 0), th = gsl_vector_get(v, 1), s = 0;
    if (c->alt == ES_PL_ALT_LOGNORMAL) {
        /* Natural parameters b1 = mu / sigma^2, b2 = 1 / (2 sigma^2) > 0: the truncated
         * lognormal's likelihood ridge towards the power law (mu -> -inf, sigma -> inf)
         * ends at the finite boundary b2 -> 0 instead of running off to infinity. */
        if (!(th > 0))
            return INFINITY;
        double sigma = 1 / sqrt(2 * th), mu = a * sigma * sigma;
        for (size_t i = 0; i < t->m; i++)
            s += es_ll_lnorm(t, t->z[i], mu, sigma);
    } else {
        /* b = lambda xmin >= 0: the power law itself (b = 0) is a reachable boundary. */
        if (th < 0)
            return INFINITY;
        double lambda = th / t->xmin, lnC = es_cut_lnC(t, a, lambda);
        if (!isfinite(lnC))
            return INFINITY;
        for (size_t i = 0; i < t->m; i++)
            s += -a * log(t->z[i]) - lambda * t->z[i] - lnC;
    }
    return isfinite(s) ? -s : INFINITY;
}

/* Nelder-Mead (gsl nmsimplex2) from start (p0, p1) with steps; returns 1 on convergence. */
static int es_nm(const es_min_ctx *c, double *p0, double *p1, double st0, double st1, double *fmin)
{
    gsl_multimin_function F = {es_negll, 2, (void *)c};
    gsl_vector *x = gsl_vector_alloc(2), *ss = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    int conv = 0;
    if (x && ss && m) {
        gsl_vector_set(x, 0, *p0);
        gsl_vector_set(x, 1, *p1);
        gsl_vector_set(ss, 0, st0);
        gsl_vector_set(ss, 1, st1);
        if (gsl_multimin_fminimizer_set(m, &F, x, ss) == GSL_SUCCESS) {
            for (int it = 0; it < 20000; it++) {
                if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
                    break;
                if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-11) == GSL_SUCCESS) {
                    conv = 1;
                    break;
                }
            }
            *p0 = gsl_vector_get(m->x, 0);
            *p1 = gsl_vector_get(m->x, 1);
            *fmin = m->fval;
        }
    }
    if (m)
        gsl_multimin_fminimizer_free(m);
    gsl_vector_free(x);
    gsl_vector_free(ss);
    return conv && isfinite(*fmin);
}

int es_powerlaw_compare(const es_plfit *fit, const double *x, size_t n, es_pl_alt alt, es_pl_compare *out)
{
    memset(out, 0, sizeof *out);
    out->alt = alt;
    out->par[0] = out->par[1] = out->loglik_alt = out->llr = out->statistic = out->p_value = NAN;
    if (fit == NULL || fit->status != ES_OK || (unsigned)alt > ES_PL_ALT_CUTOFF)
        return out->status = es_error(ES_EINVAL);
    /* The tail, sorted. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            return out->status = es_error(ES_EINVAL);
        if (x[i] >= fit->xmin)
            m++;
    }
    if (m < 2)
        return out->status = es_error(ES_EDOM);
    double *z = malloc(m * sizeof *z), *d = malloc(m * sizeof *d);
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
    if (z == NULL || d == NULL || ws == NULL) {
        free(z), free(d);
        if (ws)
            gsl_integration_workspace_free(ws);
        return out->status = es_error(ES_ENOMEM);
    }
    for (size_t i = 0, k = 0; i < n; i++)
        if (x[i] >= fit->xmin)
            z[k++] = x[i];
    out->n_tail = m;
    es_tail t = {z, m, fit->xmin, fit->discrete, ws};
    double a = fit->alpha, xm = fit->xmin, lz0 = fit->discrete ? es_pl_lnzeta(a, xm) : 0;
    double mm = (double)m;
    int rc = ES_OK;
    /* Fit the alternative on the tail. */
    double p0 = NAN, p1 = NAN;
    if (alt == ES_PL_ALT_EXPONENTIAL) {
        double s = 0;
        for (size_t i = 0; i < m; i++)
            s += z[i] - xm;
        double mbar = s / mm;
        if (!(mbar > 0))
            rc = ES_EDOM;
        /* Continuous: lambda = 1 / mean(x - xmin); discrete (geometric on k - xmin):
         * lambda = ln(1 + 1 / mean(k - xmin)). */
        p0 = fit->discrete ? log1p(1 / mbar) : 1 / mbar;
    } else {
        es_min_ctx c = {&t, alt};
        double f = INFINITY;
        int conv = 0;
        if (alt == ES_PL_ALT_LOGNORMAL) {
            double s = 0, ss = 0;
            for (size_t i = 0; i < m; i++)
                s += log(z[i]);
            double mu0 = s / mm;
            for (size_t i = 0; i < m; i++)
                ss += (log(z[i]) - mu0) * (log(z[i]) - mu0);
            double sd0 = sqrt(ss / mm) > 0 ? sqrt(ss / mm) : 1;
            /* Two starts (the untruncated fit, and a wider one further left), in the
             * natural parameters (b1, b2) = (mu / sigma^2, 1 / (2 sigma^2)). */
            double starts[2][2] = {{mu0, sd0}, {mu0 - 2 * sd0, 2 * sd0}};
            for (int k = 0; k < 2; k++) {
                double sg = starts[k][1];
                double q0 = starts[k][0] / (sg * sg), q1 = 1 / (2 * sg * sg), fk;
                int ck = es_nm(&c, &q0, &q1, 0.2 * fabs(q0) + 0.1, 0.2 * q1, &fk);
                if (ck && fk < f)
                    f = fk, p0 = q0, p1 = q1, conv = 1;
            }
            /* back to (mu, sigma) */
            double sg = 1 / sqrt(2 * p1);
            p0 = p0 * sg * sg;
            p1 = sg;
        } else {
            /* Cutoff: start at the power law's alpha with lambda = 1 / (10 mean). */
            double s = 0;
            for (size_t i = 0; i < m; i++)
                s += z[i];
            double b0 = xm * mm / s; /* xmin / mean(x) */
            double starts[3][2] = {{a, 0.1 * b0}, {a - 0.3, b0}, {a, 0.001 * b0}};
            for (int k = 0; k < 3; k++) {
                double q0 = starts[k][0], q1 = starts[k][1], fk;
                int ck = es_nm(&c, &q0, &q1, 0.1, 0.5 * q1 + 1e-6, &fk);
                if (ck && fk < f)
                    f = fk, p0 = q0, p1 = q1, conv = 1;
            }
            p1 = p1 / xm; /* lambda */
        }
        if (!conv)
            rc = ES_ENOCONV;
    }
    if (rc == ES_OK) {
        /* Pointwise log-likelihood ratios d_i = l_PL(x_i) - l_alt(x_i). */
        double lnC = alt == ES_PL_ALT_CUTOFF ? es_cut_lnC(&t, p0, p1) : 0;
        double sum = 0, lalt = 0;
        for (size_t i = 0; i < m; i++) {
            double v = z[i], lp, la;
            lp = fit->discrete ? -a * log(v) - lz0 : log(a - 1) - log(xm) - a * log(v / xm);
            if (alt == ES_PL_ALT_LOGNORMAL)
                la = es_ll_lnorm(&t, v, p0, p1);
            else if (alt == ES_PL_ALT_EXPONENTIAL)
                la = fit->discrete ? log(-expm1(-p0)) - p0 * (v - xm) : log(p0) - p0 * (v - xm);
            else
                la = -p0 * log(v) - p1 * v - lnC;
            if (!isfinite(la)) {
                la = ES_PL_LL_FLOOR;
                out->n_clamped++;
            }
            if (!isfinite(lp)) {
                lp = ES_PL_LL_FLOOR;
                out->n_clamped++;
            }
            d[i] = lp - la;
            sum += d[i];
            lalt += la;
        }
        out->par[0] = p0;
        out->par[1] = alt == ES_PL_ALT_EXPONENTIAL ? NAN : p1;
        out->loglik_alt = lalt;
        if (alt == ES_PL_ALT_CUTOFF) {
            /* Nested at lambda = 0 on the boundary: the statistic 2|R| is a 50:50 mixture of
             * chi2_0 and chi2_1 (Self & Liang 1987), so p = Q_chi2_1(2|R|) / 2.  The cutoff
             * model can only do better; an optimiser falling short means R = 0. */
            out->nested = 1;
            double R = sum > 0 ? 0 : sum;
            out->llr = R;
            out->statistic = R < 0 ? -2 * R : 0;
            out->p_value = out->statistic > 0 ? 0.5 * gsl_cdf_chisq_Q(out->statistic, 1) : 1;
        } else {
            double mean = sum / mm, v = 0;
            for (size_t i = 0; i < m; i++)
                v += (d[i] - mean) * (d[i] - mean);
            double sd = sqrt(v / mm); /* population SD, as in CSN eq. 5.4 */
            out->llr = sum;
            out->statistic = sd > 0 ? sum / (sqrt(mm) * sd) : NAN;
            out->p_value = sd > 0 ? gsl_sf_erfc(fabs(out->statistic) / M_SQRT2) : NAN;
        }
    }
    free(z), free(d);
    gsl_integration_workspace_free(ws);
    out->status = rc;
    return rc == ES_OK ? ES_OK : es_error(rc);
}
