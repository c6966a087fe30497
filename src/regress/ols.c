/* ols.c — ordinary least squares by Householder QR in long double.
 *
 * Rows are folded into the triangular factor of the augmented matrix [X | y] in blocks
 * (a structured TSQR update, Golub & Van Loan 2013, sec. 5.2.2; Demmel, Grigori,
 * Hoemmen & Langou 2012), so memory is O(p^2) whatever n.  The last diagonal element of
 * the factor is the residual norm, so RSS never comes from a difference of sums.  Rank
 * deficiency is found by a second, limited-pivoting QR of the p x p factor (LINPACK
 * dqrdc2 as used by R's lm: a column is moved to the end when its distance from the
 * span of the columns before it is below tol times its norm).  When the rows can be read
 * again, the solution is refined by corrected semi-normal equations with long double
 * residuals (Bjorck 1987, BIT 27:221), which is what lifts the NIST StRD Higher sets
 * (Wampler, Filip) to near the digits the double inputs allow. */
#include "engagestat/ols.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "regress_impl.h"

#define ES_OLS_BLOCK 64

struct es_ols_acc {
    size_t p, m;          /* m = p + 1 (the response is the last column) */
    size_t n;             /* rows added */
    long double *r;       /* m x m upper triangular, row-major */
    long double *blk;     /* ES_OLS_BLOCK x m pending rows */
    size_t nb;            /* pending rows */
};

es_ols_acc *es_ols_acc_alloc(size_t p)
{
    if (p == 0)
        return NULL;
    es_ols_acc *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->p = p;
    a->m = p + 1;
    a->r = calloc(a->m * a->m, sizeof *a->r);
    a->blk = calloc(ES_OLS_BLOCK * a->m, sizeof *a->blk);
    if (a->r == NULL || a->blk == NULL) {
        es_ols_acc_free(a);
        return NULL;
    }
    return a;
}

void es_ols_acc_free(es_ols_acc *a)
{
    if (a == NULL)
        return;
    free(a->r);
    free(a->blk);
    free(a);
}

size_t es_ols_acc_n(const es_ols_acc *a)
{
    return a->n;
}

/* Annihilate nb rows of blk (width m) against the triangular r: for each column j one
 * Householder reflection acting on row j of r and the block (LAPACK dlarfg/dlarf). */
static void es_qr_update(long double *r, long double *blk, size_t nb, size_t m)
{
    for (size_t j = 0; j < m; j++) {
        long double alpha = r[j * m + j], ss = 0;
        for (size_t b = 0; b < nb; b++)
            ss += blk[b * m + j] * blk[b * m + j];
        if (ss == 0)
            continue;
        long double norm = sqrtl(alpha * alpha + ss);
        long double beta = alpha >= 0 ? -norm : norm;
        long double tau = (beta - alpha) / beta;
        long double scale = 1.0L / (alpha - beta);
        for (size_t b = 0; b < nb; b++)
            blk[b * m + j] *= scale; /* v = (1, blk[., j]) */
        for (size_t k = j + 1; k < m; k++) {
            long double s = r[j * m + k];
            for (size_t b = 0; b < nb; b++)
                s += blk[b * m + j] * blk[b * m + k];
            s *= tau;
            r[j * m + k] -= s;
            for (size_t b = 0; b < nb; b++)
                blk[b * m + k] -= s * blk[b * m + j];
        }
        r[j * m + j] = beta;
        for (size_t b = 0; b < nb; b++)
            blk[b * m + j] = 0;
    }
}

static void es_acc_flush(es_ols_acc *a)
{
    if (a->nb > 0)
        es_qr_update(a->r, a->blk, a->nb, a->m);
    a->nb = 0;
}

int es_ols_acc_add_ld(es_ols_acc *a, const long double *x, long double y)
{
    for (size_t j = 0; j < a->p; j++)
        if (!isfinite(x[j]))
            return es_error(ES_EINVAL);
    if (!isfinite(y))
        return es_error(ES_EINVAL);
    long double *row = a->blk + a->nb * a->m;
    memcpy(row, x, a->p * sizeof *row);
    row[a->p] = y;
    a->n++;
    if (++a->nb == ES_OLS_BLOCK)
        es_acc_flush(a);
    return ES_OK;
}

int es_ols_acc_add(es_ols_acc *a, const double *x, double y)
{
    for (size_t j = 0; j < a->p; j++)
        if (!isfinite(x[j]))
            return es_error(ES_EINVAL);
    if (!isfinite(y))
        return es_error(ES_EINVAL);
    long double *row = a->blk + a->nb * a->m;
    for (size_t j = 0; j < a->p; j++)
        row[j] = x[j];
    row[a->p] = y;
    a->n++;
    if (++a->nb == ES_OLS_BLOCK)
        es_acc_flush(a);
    return ES_OK;
}

int es_ols_acc_merge(es_ols_acc *a, const es_ols_acc *b)
{
    if (a->p != b->p)
        return es_error(ES_EINVAL);
    es_acc_flush(a);
    /* Fold b's pending rows and then b's factor (its rows are rows of an equivalent
     * problem: R'R = X'X for the augmented matrix). */
    size_t m = a->m;
    size_t rows = b->nb > m ? b->nb : m;
    long double *tmp = malloc(rows * m * sizeof *tmp);
    if (tmp == NULL)
        return es_error(ES_ENOMEM);
    if (b->nb > 0) {
        memcpy(tmp, b->blk, b->nb * m * sizeof *tmp);
        es_qr_update(a->r, tmp, b->nb, m);
    }
    memcpy(tmp, b->r, m * m * sizeof *tmp);
    es_qr_update(a->r, tmp, m, m);
    free(tmp);
    a->n += b->n;
    return ES_OK;
}

void es_ols_opts_init(es_ols_opts *o)
{
    o->intercept = 1;
    o->tol = 1e-10;
    o->refine = 2;
    o->conf = 0.95;
}

void es_ols_free(es_ols *fit)
{
    if (fit == NULL)
        return;
    free(fit->coef);
    free(fit->se);
    free(fit->tstat);
    free(fit->pvalue);
    free(fit->ci_low);
    free(fit->ci_high);
    free(fit->aliased);
    free(fit->cov);
    free(fit->pivot);
    free(fit->rinv);
    free(fit->coef_ld);
    memset(fit, 0, sizeof *fit);
}

int es_ols_alloc(es_ols *fit, size_t p, int qr)
{
    memset(fit, 0, sizeof *fit);
    fit->p = p;
    fit->coef = malloc(p * sizeof *fit->coef);
    fit->se = malloc(p * sizeof *fit->se);
    fit->tstat = malloc(p * sizeof *fit->tstat);
    fit->pvalue = malloc(p * sizeof *fit->pvalue);
    fit->ci_low = malloc(p * sizeof *fit->ci_low);
    fit->ci_high = malloc(p * sizeof *fit->ci_high);
    fit->aliased = calloc(p, sizeof *fit->aliased);
    fit->coef_ld = calloc(p, sizeof *fit->coef_ld);
    if (!fit->coef || !fit->se || !fit->tstat || !fit->pvalue || !fit->ci_low || !fit->ci_high ||
        !fit->aliased || !fit->coef_ld)
        return es_error(ES_ENOMEM);
    if (!qr)
        return ES_OK;
    fit->cov = malloc(p * p * sizeof *fit->cov);
    fit->pivot = malloc(p * sizeof *fit->pivot);
    fit->rinv = calloc(p * p, sizeof *fit->rinv);
    if (!fit->cov || !fit->pivot || !fit->rinv)
        return es_error(ES_ENOMEM);
    return ES_OK;
}

void es_coef_infer(const double *coef, const double *V, size_t p, double df, double conf, double *se,
                   double *stat, double *pvalue, double *lo, double *hi)
{
    double alpha = 1 - conf;
    double q = NAN;
    if (isinf(df))
        q = gsl_cdf_ugaussian_Qinv(alpha / 2);
    else if (df > 0)
        q = gsl_cdf_tdist_Qinv(alpha / 2, df);
    for (size_t j = 0; j < p; j++) {
        double v = V[j * p + j];
        double s = (isnan(coef[j]) || !(v >= 0)) ? NAN : sqrt(v);
        double t = coef[j] / s;
        double pv = NAN;
        if (isfinite(t) && df > 0)
            pv = 2 * (isinf(df) ? gsl_cdf_ugaussian_Q(fabs(t)) : es_tdist_Q(fabs(t), df));
        /* se = 0 (an exactly fitted coefficient) or infinite (HC1's n/(n - r) at no residual
         * df): no test, statistic and p are NaN (t = coef/inf = 0 is no statistic). */
        se[j] = s;
        stat[j] = ((s > 0 && isfinite(s)) || isnan(s)) ? t : NAN;
        pvalue[j] = pv;
        lo[j] = coef[j] - q * s;
        hi[j] = coef[j] + q * s;
    }
}

/* Rank-revealing step on the accumulated factor: QR with LINPACK dqrdc2 limited pivoting
 * of the p x p block A (row-major, overwritten) with right-hand side c (overwritten by
 * Q2'c).  pivot receives the column order (kept first); returns the rank. */
static size_t es_qr_limited_pivot(long double *A, long double *c, size_t p, double tol, size_t *pivot)
{
    long double *norm0 = malloc(p * sizeof *norm0);
    if (norm0 == NULL)
        return (size_t)-1;
    for (size_t j = 0; j < p; j++) {
        long double s = 0;
        for (size_t i = 0; i < p; i++)
            s += A[i * p + j] * A[i * p + j];
        norm0[j] = sqrtl(s);
        if (norm0[j] == 0)
            norm0[j] = 1;
        pivot[j] = j;
    }
    size_t lup = p;
    for (size_t l = 0; l < lup; l++) {
        for (;;) {
            long double s = 0;
            for (size_t i = l; i < p; i++)
                s += A[i * p + l] * A[i * p + l];
            if (sqrtl(s) >= tol * norm0[l] || l >= lup)
                break;
            /* Move column l to the end of the active columns (dqrdc2). */
            for (size_t i = 0; i < p; i++) {
                long double t = A[i * p + l];
                for (size_t j = l; j + 1 < p; j++)
                    A[i * p + j] = A[i * p + j + 1];
                A[i * p + p - 1] = t;
            }
            long double tn = norm0[l];
            size_t tp = pivot[l];
            for (size_t j = l; j + 1 < p; j++) {
                norm0[j] = norm0[j + 1];
                pivot[j] = pivot[j + 1];
            }
            norm0[p - 1] = tn;
            pivot[p - 1] = tp;
            lup--;
            if (l >= lup)
                break;
        }
        if (l >= lup)
            break;
        /* Householder reflection on rows l..p-1 of column l. */
        long double alpha = A[l * p + l], ss = 0;
        for (size_t i = l + 1; i < p; i++)
            ss += A[i * p + l] * A[i * p + l];
        if (ss == 0)
            continue;
        long double nrm = sqrtl(alpha * alpha + ss);
        long double beta = alpha >= 0 ? -nrm : nrm;
        long double tau = (beta - alpha) / beta, scale = 1.0L / (alpha - beta);
        for (size_t i = l + 1; i < p; i++)
            A[i * p + l] *= scale;
        for (size_t k = l + 1; k <= p; k++) { /* k == p: the right-hand side */
            long double s = k < p ? A[l * p + k] : c[l];
            for (size_t i = l + 1; i < p; i++)
                s += A[i * p + l] * (k < p ? A[i * p + k] : c[i]);
            s *= tau;
            if (k < p)
                A[l * p + k] -= s;
            else
                c[l] -= s;
            for (size_t i = l + 1; i < p; i++) {
                if (k < p)
                    A[i * p + k] -= s * A[i * p + l];
                else
                    c[i] -= s * A[i * p + l];
            }
        }
        A[l * p + l] = beta;
        for (size_t i = l + 1; i < p; i++)
            A[i * p + l] = 0;
    }
    free(norm0);
    return lup;
}

/* Everything after the coefficients: covariance, inference, fit statistics, given
 * fit->rss, fit->tss, fit->n, fit->rank. */
static int es_ols_finish(es_ols *fit)
{
    size_t p = fit->p, r = fit->rank;
    fit->df_resid = (double)fit->n - (double)r;
    for (size_t j = 0; j < p; j++) {
        fit->aliased[j] = 1;
        fit->coef[j] = NAN;
    }
    for (size_t k = 0; k < r; k++) {
        fit->aliased[fit->pivot[k]] = 0;
        fit->coef[fit->pivot[k]] = (double)fit->coef_ld[fit->pivot[k]];
    }
    int status = ES_OK;
    double s2 = NAN;
    if (fit->df_resid > 0) {
        s2 = fit->rss / fit->df_resid;
        fit->sigma = sqrt(s2);
    } else {
        fit->sigma = NAN;
        status = es_error(ES_EDOM);
    }
    /* cov = s2 * Rinv Rinv' in the caller's column order. */
    for (size_t i = 0; i < p * p; i++)
        fit->cov[i] = NAN;
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++) {
            long double s = 0;
            size_t k0 = a > b ? a : b;
            for (size_t k = k0; k < r; k++)
                s += fit->rinv[a * p + k] * fit->rinv[b * p + k];
            fit->cov[fit->pivot[a] * p + fit->pivot[b]] = (double)(s * s2);
        }
    es_coef_infer(fit->coef, fit->cov, p, fit->df_resid, fit->conf, fit->se, fit->tstat, fit->pvalue,
                  fit->ci_low, fit->ci_high);
    es_ols_fit_stats(fit);
    return status;
}

void es_ols_fit_stats(es_ols *fit)
{
    size_t p = fit->p, r = fit->rank;
    double s2 = fit->df_resid > 0 ? fit->rss / fit->df_resid : NAN;
    /* Zero residual variance (an exact fit, or a constant response): the t and F ratios
     * are rounding noise over rounding noise, so there is no test (R's summary.lm warns
     * "essentially perfect fit" and prints such noise). */
    fit->perfect_fit = fit->df_resid > 0 && (fit->rss_ld <= 1e-12L * fit->tss_ld || fit->rss_ld <= 1e-28L * fit->yss_ld);
    if (fit->perfect_fit)
        for (size_t j = 0; j < p; j++)
            fit->tstat[j] = fit->pvalue[j] = NAN;
    double n = (double)fit->n;
    int ic = fit->intercept ? 1 : 0;
    /* A constant response (TSS zero to rounding) has no R^2. */
    fit->r2 = fit->tss_ld > 1e-28L * fit->yss_ld ? (double)(1 - fit->rss_ld / fit->tss_ld) : NAN;
    fit->adj_r2 = fit->df_resid > 0 ? 1 - (1 - fit->r2) * ((n - ic) / fit->df_resid) : NAN;
    fit->f_df1 = (double)r - ic;
    fit->f_df2 = fit->df_resid;
    if (fit->f_df1 > 0 && fit->df_resid > 0 && !fit->perfect_fit) {
        fit->fstat = ((fit->tss - fit->rss) / fit->f_df1) / s2;
        fit->f_pvalue = gsl_cdf_fdist_Q(fit->fstat, fit->f_df1, fit->f_df2);
    } else {
        fit->fstat = fit->f_pvalue = NAN;
    }
    /* logLik.lm (R 4.2.2): 0.5 * (-n (log(2 pi) + 1 - log n + log RSS)), df = rank + 1. */
    fit->loglik = 0.5 * (-n * (log(2 * M_PI) + 1 - log(n) + log(fit->rss)));
    fit->aic = -2 * fit->loglik + 2 * ((double)r + 1);
    fit->bic = -2 * fit->loglik + log(n) * ((double)r + 1);
}

/* Solve from an accumulated factor; fills coef_ld, pivot, rinv, rank, and the RSS/TSS
 * read off the factor.  Does not call es_ols_finish. */
static int es_ols_solve_core(const es_ols_acc *a0, const es_ols_opts *o, es_ols *fit)
{
    es_ols_opts def;
    if (o == NULL) {
        es_ols_opts_init(&def);
        o = &def;
    }
    size_t p = a0->p, m = a0->m;
    int st = es_ols_alloc(fit, p, 1);
    if (st != ES_OK)
        return st;
    fit->intercept = o->intercept;
    fit->conf = o->conf;
    fit->n = a0->n;
    if (a0->n == 0)
        return es_error(ES_EEMPTY);
    /* Work on a flushed copy so the accumulator stays const and reusable. */
    long double *R = malloc(m * m * sizeof *R), *A = malloc(p * p * sizeof *A), *c = malloc(p * sizeof *c);
    if (R == NULL || A == NULL || c == NULL) {
        free(R), free(A), free(c);
        return es_error(ES_ENOMEM);
    }
    memcpy(R, a0->r, m * m * sizeof *R);
    if (a0->nb > 0) {
        long double *blk = malloc(a0->nb * m * sizeof *blk);
        if (blk == NULL) {
            free(R), free(A), free(c);
            return es_error(ES_ENOMEM);
        }
        memcpy(blk, a0->blk, a0->nb * m * sizeof *blk);
        es_qr_update(R, blk, a0->nb, m);
        free(blk);
    }
    for (size_t i = 0; i < p; i++) {
        for (size_t j = 0; j < p; j++)
            A[i * p + j] = R[i * m + j];
        c[i] = R[i * m + p];
    }
    long double rss0 = R[p * m + p] * R[p * m + p];
    size_t r = es_qr_limited_pivot(A, c, p, o->tol, fit->pivot);
    if (r == (size_t)-1) {
        free(R), free(A), free(c);
        return es_error(ES_ENOMEM);
    }
    if (r > fit->n)
        r = fit->n;
    fit->rank = r;
    /* Rinv: inverse of the leading r x r triangle, by columns (back substitution). */
    for (size_t j = 0; j < r; j++) {
        fit->rinv[j * p + j] = 1.0L / A[j * p + j];
        for (size_t i = j; i-- > 0;) {
            long double s = 0;
            for (size_t k = i + 1; k <= j; k++)
                s += A[i * p + k] * fit->rinv[k * p + j];
            fit->rinv[i * p + j] = -s / A[i * p + i];
        }
    }
    /* b = Rinv c (kept columns), scattered to the caller's order. */
    for (size_t i = 0; i < r; i++) {
        long double s = 0;
        for (size_t k = i; k < r; k++)
            s += fit->rinv[i * p + k] * c[k];
        fit->coef_ld[fit->pivot[i]] = s;
    }
    long double rss = rss0, tss = rss0;
    for (size_t k = r; k < p; k++)
        rss += c[k] * c[k];
    for (size_t k = 0; k < p; k++)
        if (k > 0 || !o->intercept)
            tss += c[k] * c[k];
    fit->rss = (double)rss;
    fit->tss = (double)tss;
    fit->rss_ld = rss;
    fit->tss_ld = tss;
    fit->yss_ld = tss + (o->intercept ? c[0] * c[0] : 0);
    free(R), free(A), free(c);
    return ES_OK;
}

int es_ols_acc_solve(const es_ols_acc *a, const es_ols_opts *o, es_ols *fit)
{
    int st = es_ols_solve_core(a, o, fit);
    if (st != ES_OK)
        return st;
    return es_ols_finish(fit);
}

/* A long double row source (internal): the public double one, a matrix, or a long
 * double matrix. */
typedef int (*es_row_ld_fn)(void *ctx, size_t i, long double *x, long double *y);

typedef struct {
    es_row_fn fn;
    void *ctx;
    double *buf;
    size_t p;
} es_row_adapt;

static int es_row_from_double(void *ctx, size_t i, long double *x, long double *y)
{
    es_row_adapt *a = ctx;
    double yy;
    int st = a->fn(a->ctx, i, a->buf, &yy);
    if (st != 0)
        return st;
    for (size_t j = 0; j < a->p; j++)
        x[j] = a->buf[j];
    *y = yy;
    return 0;
}

static int es_ols_fit_core(es_ols *fit, size_t n, size_t p, es_row_ld_fn rows, void *ctx, const es_ols_opts *o)
{
    es_ols_opts def;
    if (o == NULL) {
        es_ols_opts_init(&def);
        o = &def;
    }
    memset(fit, 0, sizeof *fit);
    if (p == 0)
        return es_error(ES_EINVAL);
    es_ols_acc *a = es_ols_acc_alloc(p);
    long double *x = malloc(p * sizeof *x), *g = malloc(p * sizeof *g), *d = malloc(p * sizeof *d);
    int st = ES_OK;
    if (a == NULL || x == NULL || g == NULL || d == NULL) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    long double y;
    for (size_t i = 0; i < n && st == ES_OK; i++) {
        st = rows(ctx, i, x, &y);
        if (st == ES_OK)
            st = es_ols_acc_add_ld(a, x, y);
    }
    if (st != ES_OK)
        goto done;
    st = es_ols_solve_core(a, o, fit);
    if (st != ES_OK)
        goto done;
    size_t r = fit->rank;
    /* Corrected semi-normal equations: b += R^-1 R^-T X'(y - Xb), residuals in long
     * double (Bjorck 1987). */
    for (int it = 0; it < o->refine; it++) {
        memset(g, 0, p * sizeof *g);
        for (size_t i = 0; i < n && st == ES_OK; i++) {
            st = rows(ctx, i, x, &y);
            long double e = y;
            for (size_t k = 0; k < r; k++)
                e -= x[fit->pivot[k]] * fit->coef_ld[fit->pivot[k]];
            for (size_t k = 0; k < r; k++)
                g[k] += x[fit->pivot[k]] * e;
        }
        if (st != ES_OK)
            goto done;
        /* d = Rinv (Rinv' g) */
        for (size_t k = 0; k < r; k++) {
            long double s = 0;
            for (size_t j = 0; j <= k; j++)
                s += fit->rinv[j * p + k] * g[j];
            d[k] = s;
        }
        for (size_t k = 0; k < r; k++) {
            long double s = 0;
            for (size_t j = k; j < r; j++)
                s += fit->rinv[k * p + j] * d[j];
            fit->coef_ld[fit->pivot[k]] += s;
        }
    }
    /* Final pass: RSS and TSS from long double residuals. */
    long double sy = 0, syy = 0, rss = 0;
    for (size_t i = 0; i < n && st == ES_OK; i++) {
        st = rows(ctx, i, x, &y);
        sy += y;
        syy += y * y;
        long double e = y;
        for (size_t k = 0; k < r; k++)
            e -= x[fit->pivot[k]] * fit->coef_ld[fit->pivot[k]];
        rss += e * e;
    }
    long double ybar = o->intercept ? sy / (long double)n : 0, tss = 0;
    for (size_t i = 0; i < n && st == ES_OK; i++) {
        st = rows(ctx, i, x, &y);
        tss += (y - ybar) * (y - ybar);
    }
    if (st != ES_OK)
        goto done;
    fit->rss = (double)rss;
    fit->tss = (double)tss;
    fit->rss_ld = rss;
    fit->tss_ld = tss;
    fit->yss_ld = syy;
    st = es_ols_finish(fit);
done:
    es_ols_acc_free(a);
    free(x);
    free(g);
    free(d);
    return st;
}

int es_ols_fit_rows(es_ols *fit, size_t n, size_t p, es_row_fn rows, void *ctx, const es_ols_opts *o)
{
    es_row_adapt ad = {rows, ctx, malloc((p ? p : 1) * sizeof(double)), p};
    if (ad.buf == NULL) {
        memset(fit, 0, sizeof *fit);
        return es_error(ES_ENOMEM);
    }
    int st = es_ols_fit_core(fit, n, p, es_row_from_double, &ad, o);
    free(ad.buf);
    return st;
}

typedef struct {
    const double *X, *y;
    size_t p;
} es_mat_src;

static int es_row_mat(void *ctx, size_t i, long double *x, long double *y)
{
    const es_mat_src *s = ctx;
    for (size_t j = 0; j < s->p; j++)
        x[j] = s->X[i * s->p + j];
    *y = s->y[i];
    return 0;
}

int es_ols_fit(es_ols *fit, const double *X, const double *y, size_t n, size_t p, const es_ols_opts *o)
{
    es_mat_src s = {X, y, p};
    return es_ols_fit_core(fit, n, p, es_row_mat, &s, o);
}

typedef struct {
    const long double *X, *y;
    size_t p;
} es_mat_ld_src;

static int es_row_mat_ld(void *ctx, size_t i, long double *x, long double *y)
{
    const es_mat_ld_src *s = ctx;
    memcpy(x, s->X + i * s->p, s->p * sizeof *x);
    *y = s->y[i];
    return 0;
}

int es_ols_fit_ld(es_ols *fit, const long double *X, const long double *y, size_t n, size_t p,
                  const es_ols_opts *o)
{
    es_mat_ld_src s = {X, y, p};
    return es_ols_fit_core(fit, n, p, es_row_mat_ld, &s, o);
}

double es_ols_leverage(const es_ols *fit, const double *x)
{
    size_t p = fit->p, r = fit->rank;
    long double h = 0;
    for (size_t k = 0; k < r; k++) {
        long double z = 0;
        for (size_t j = 0; j <= k; j++)
            z += fit->rinv[j * p + k] * x[fit->pivot[j]];
        h += z * z;
    }
    return (double)h;
}

int es_ols_predict(const es_ols *fit, const double *V, const double *x, double *yhat, double *se)
{
    size_t p = fit->p;
    long double f = 0, v = 0;
    for (size_t j = 0; j < p; j++) {
        if (x[j] == 0)
            continue;
        if (fit->aliased[j]) {
            *yhat = *se = NAN;
            return es_error(ES_EDOM);
        }
        f += (long double)x[j] * fit->coef_ld[j];
        for (size_t k = 0; k < p; k++)
            if (x[k] != 0)
                v += (long double)x[j] * V[j * p + k] * x[k];
    }
    *yhat = (double)f;
    *se = v >= 0 ? sqrt((double)v) : NAN;
    return ES_OK;
}

int es_quad_turning_point(double b1, double b2, double v11, double v12, double v22, double df, double conf,
                          double *x, double *se, double *lo, double *hi)
{
    *x = *se = *lo = *hi = NAN;
    if (!(b2 != 0) || isnan(b1) || isnan(v11) || isnan(v12) || isnan(v22) || !(conf > 0 && conf < 1))
        return es_error(ES_EDOM);
    /* Delta method (e.g. Greene 2012, Econometric Analysis, sec. 4.6). */
    double g1 = -1 / (2 * b2), g2 = b1 / (2 * b2 * b2);
    double v = g1 * g1 * v11 + 2 * g1 * g2 * v12 + g2 * g2 * v22;
    *x = -b1 / (2 * b2);
    *se = v >= 0 ? sqrt(v) : NAN;
    double q = isinf(df) ? gsl_cdf_ugaussian_Qinv((1 - conf) / 2) : gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    *lo = *x - q * *se;
    *hi = *x + q * *se;
    return ES_OK;
}
