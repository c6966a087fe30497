/* powerlaw.c — power-law tails by maximum likelihood with xmin chosen by minimising the
 * Kolmogorov-Smirnov distance, and the semiparametric bootstrap goodness-of-fit test
 * (Clauset, Shalizi & Newman 2009, SIAM Review 51:661, sections 3-4; "CSN").
 *
 * Data are sorted once.  Continuous: alpha = 1 + n_t / sum ln(x / xmin) (CSN eq. 3.1)
 * from suffix sums of ln x, so each candidate costs one O(n_t) pass for its KS distance.
 * Discrete: alpha maximises -n_t ln zeta(alpha, xmin) - alpha sum ln x (CSN eq. 3.5),
 * solved as the root of the (monotone) score; the KS distance runs over the unique tail
 * values, using the CDF between them as well (the discrete CDF steps at every integer). */
#include "engagestat/powerlaw.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_zeta.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/fit.h"
#include "powerlaw_impl.h"
#include "engagestat/quantile.h"

/* ------------------------------------------------------------------ helpers */

double es_pl_lnzeta(double alpha, double q)
{
    gsl_sf_result r;
    if (gsl_sf_hzeta_e(alpha, q, &r) != GSL_SUCCESS || !(r.val > 0))
        return NAN;
    return log(r.val);
}

/* d/dalpha ln zeta(alpha, q) by central differences (truncation ~h^2, rounding ~1e-16/h). */
static double es_pl_dlnzeta(double alpha, double q)
{
    double h = 1e-5 * alpha;
    if (h > 0.25 * (alpha - 1))
        h = 0.25 * (alpha - 1); /* stay inside alpha > 1 */
    return (es_pl_lnzeta(alpha + h, q) - es_pl_lnzeta(alpha - h, q)) / (2 * h);
}

/* Discrete MLE of alpha for the tail with n_t values >= q and sum of logs sl: the root of
 * the score g(alpha) = -n_t d ln zeta / d alpha - sl, decreasing in alpha because
 * ln zeta is convex in alpha.  Bracket, then bisection-safeguarded secant. */
static double es_pl_discrete_alpha(double q, size_t n_t, double sl)
{
    double nt = (double)n_t;
    double mean_l = sl / nt;
    if (!(mean_l > log(q)))
        return NAN; /* every tail value equals xmin */
    double lo = 1 + 1e-6, hi;
    /* Start from the continuous approximation with xmin - 1/2 (CSN eq. 3.7). */
    double a0 = 1 + nt / (sl - nt * log(q - 0.5));
    if (!(a0 > 1.01) || !isfinite(a0))
        a0 = 2;
    hi = a0 * 1.5;
#define ES_G(a) (-nt * es_pl_dlnzeta((a), q) - sl)
    double glo = ES_G(lo), ghi = ES_G(hi);
    int guard = 0;
    while (ghi > 0 && guard++ < 60) {
        lo = hi;
        glo = ghi;
        hi *= 2;
        ghi = ES_G(hi);
    }
    if (!(glo > 0) || !(ghi <= 0))
        return NAN;
    for (int it = 0; it < 200; it++) {
        double m = lo - glo * (hi - lo) / (ghi - glo);
        if (!(m > lo && m < hi) || it % 3 == 2)
            m = 0.5 * (lo + hi);
        double gm = ES_G(m);
        if (gm > 0)
            lo = m, glo = gm;
        else
            hi = m, ghi = gm;
        if (hi - lo <= 1e-13 * hi)
            break;
    }
#undef ES_G
    return 0.5 * (lo + hi);
}

/* KS distance of the sorted tail s[0..m-1] (ls = ln s) to the fitted power law. */
static double es_pl_ks_continuous(const double *ls, size_t m, double lxmin, double alpha)
{
    /* Evaluated once per distinct value: for tied values j..k-1 the EDF jumps from j/m to
     * k/m, so D = max(k/m - F, F - j/m) there (one exp per distinct value). */
    double d = 0, mm = (double)m, e = 1 - alpha;
    size_t j = 0;
    while (j < m) {
        size_t k = j + 1;
        while (k < m && ls[k] == ls[j])
            k++;
        double F = -expm1(e * (ls[j] - lxmin));
        double up = (double)k / mm - F, lo = F - (double)j / mm;
        if (up > d)
            d = up;
        if (lo > d)
            d = lo;
        j = k;
    }
    return d;
}

/* ln zeta(alpha, v) for v >= 100 by the Euler-Maclaurin expansion
 * zeta(a, v) = v^-a [v/(a-1) + 1/2 + a/(12 v) - a(a+1)(a+2)/(720 v^3) + ...], whose next
 * term is below 1e-12 relative there; GSL's gsl_sf_hzeta below 100.  lv = ln v. */
static double es_pl_lnzeta_fast(double alpha, double v, double lv)
{
    if (v < 100)
        return es_pl_lnzeta(alpha, v);
    double iv = 1 / v;
    double br = v / (alpha - 1) + 0.5 + alpha * iv / 12 - alpha * (alpha + 1) * (alpha + 2) * iv * iv * iv / 720;
    return -alpha * lv + log(br);
}

/* KS distance of the sorted tail s[0..m-1] (ls = ln s) to the fitted discrete power law. */
static double es_pl_ks_discrete(const double *s, const double *ls, size_t m, double xmin, double alpha)
{
    double lz0 = es_pl_lnzeta(alpha, xmin), d = 0, mm = (double)m;
    if (isnan(lz0))
        return NAN;
    size_t j = 0;
    double S_cur = 1; /* S(v) = P(X >= v) at the current unique value */
    while (j < m) {
        double v = s[j];
        size_t k = j;
        while (k < m && s[k] == v)
            k++;
        double emp = (double)k / mm;                     /* F_emp(v) */
        double S_next = S_cur - exp(-alpha * ls[j] - lz0); /* S(v + 1) */
        double F = 1 - S_next;                           /* F(v) = P(X <= v) */
        double g = fabs(emp - F);
        if (g > d)
            d = g;
        if (k < m) {
            /* Just below the next observed value w: F(w - 1) = 1 - S(w). */
            double S_w = s[k] == v + 1 ? S_next : exp(es_pl_lnzeta_fast(alpha, s[k], ls[k]) - lz0);
            double g2 = fabs(emp - (1 - S_w));
            if (g2 > d)
                d = g2;
            S_cur = S_w;
        }
        j = k;
    }
    return d;
}

/* ---------------------------------------------------------------- xmin search */

typedef struct es_pl_ctx {
    const double *s, *ls;     /* sorted values and their logs (only the positive part) */
    const long double *suf;   /* suf[i] = sum_{j >= i} ls[j] */
    size_t n;                 /* values in s */
    int discrete;
    const size_t *cand;       /* candidate start indices */
    size_t n_cand;
    double *D, *A;            /* per candidate: KS distance and alpha */
    int tid, nthreads;
} es_pl_ctx;

static void es_pl_eval(const es_pl_ctx *c, size_t k)
{
    size_t i = c->cand[k], m = c->n - i;
    double xmin = c->s[i], lx = c->ls[i];
    double sl = (double)c->suf[i];
    double alpha, d;
    if (!c->discrete) {
        double den = (double)(c->suf[i] - (long double)m * lx);
        alpha = den > 0 ? 1 + (double)m / den : NAN;
        d = isnan(alpha) ? NAN : es_pl_ks_continuous(c->ls + i, m, lx, alpha);
    } else {
        alpha = es_pl_discrete_alpha(xmin, m, sl);
        d = isnan(alpha) ? NAN : es_pl_ks_discrete(c->s + i, c->ls + i, m, xmin, alpha);
    }
    c->D[k] = d;
    c->A[k] = alpha;
}

static void *es_pl_worker(void *arg)
{
    es_pl_ctx *c = arg;
    for (size_t k = (size_t)c->tid; k < c->n_cand; k += (size_t)c->nthreads)
        es_pl_eval(c, k);
    return NULL;
}

static void es_pl_eval_all(const es_pl_ctx *base, int threads)
{
    int nt = threads;
    if ((size_t)nt > base->n_cand)
        nt = (int)base->n_cand;
    if (nt <= 1) {
        for (size_t k = 0; k < base->n_cand; k++)
            es_pl_eval(base, k);
        return;
    }
    es_pl_ctx ctx[256];
    pthread_t th[256];
    int created[256];
    if (nt > 256)
        nt = 256;
    for (int t = 0; t < nt; t++) {
        ctx[t] = *base;
        ctx[t].tid = t;
        ctx[t].nthreads = nt;
        created[t] = pthread_create(&th[t], NULL, es_pl_worker, &ctx[t]) == 0;
        if (!created[t])
            es_pl_worker(&ctx[t]);
    }
    for (int t = 0; t < nt; t++)
        if (created[t])
            pthread_join(th[t], NULL);
}

/* Set every number in fit to NaN, with the sample size and the kind of law. */
static void es_pl_reset(es_plfit *fit, size_t n, int discrete)
{
    memset(fit, 0, sizeof *fit);
    fit->n = n;
    fit->discrete = discrete;
    fit->xmin = fit->alpha = fit->alpha_se = fit->ks_d = fit->loglik = NAN;
}

static int es_pl_fail(es_plfit *fit, int code)
{
    size_t n = fit->n, nc = fit->n_candidates, nu = fit->n_unique;
    int disc = fit->discrete, grid = fit->grid;
    es_pl_reset(fit, n, disc);
    fit->n_candidates = nc;
    fit->n_unique = nu;
    fit->grid = grid;
    fit->status = code;
    return es_error(code);
}

/* Fit on the sorted values s[0..n-1] (all > 0), threads already resolved; n_all counts
 * all values, the non-positive ones included. */
static int es_pl_fit_sorted(es_plfit *fit, const double *s, size_t n, size_t n_all, const es_pl_opts *o, int threads)
{
    int discrete = o && o->discrete;
    es_pl_reset(fit, n_all, discrete);
    size_t min_tail = o && o->min_tail ? o->min_tail : 10;
    size_t max_cand = o && o->max_candidates ? o->max_candidates : 2000;
    if (min_tail < 2)
        min_tail = 2;
    if (n < min_tail)
        return es_pl_fail(fit, ES_EDOM);
    double *ls = malloc(n * sizeof *ls);
    long double *suf = malloc((n + 1) * sizeof *suf);
    size_t *cand = malloc(n * sizeof *cand);
    if (ls == NULL || suf == NULL || cand == NULL) {
        free(ls), free(suf), free(cand);
        return es_pl_fail(fit, ES_ENOMEM);
    }
    for (size_t i = 0; i < n; i++)
        ls[i] = log(s[i]);
    suf[n] = 0;
    for (size_t i = n; i-- > 0;)
        suf[i] = suf[i + 1] + ls[i];
    /* Candidates: the first index of each unique value leaving >= min_tail values
     * (which also excludes the largest value, as CSN do); or the fixed xmin. */
    size_t nc = 0;
    int fixed = o && o->xmin > 0;
    if (fixed) {
        size_t i = 0;
        while (i < n && s[i] < o->xmin)
            i++;
        if (n - i >= 2 && i < n)
            cand[nc++] = i;
    } else {
        for (size_t i = 0; i < n && n - i >= min_tail; i++)
            if (i == 0 || s[i] != s[i - 1])
                cand[nc++] = i;
        /* The largest value alone is never a candidate. */
        while (nc > 0 && s[cand[nc - 1]] == s[n - 1])
            nc--;
    }
    fit->n_unique = nc;
    if (nc == 0) {
        free(ls), free(suf), free(cand);
        return es_pl_fail(fit, ES_EDOM);
    }
    double *D = malloc(nc * sizeof *D), *A = malloc(nc * sizeof *A);
    size_t *sub = malloc(nc * sizeof *sub);
    if (D == NULL || A == NULL || sub == NULL) {
        free(ls), free(suf), free(cand), free(D), free(A), free(sub);
        return es_pl_fail(fit, ES_ENOMEM);
    }
    es_pl_ctx ctx = {s, ls, suf, n, discrete, cand, nc, D, A, 0, 1};
    size_t best = SIZE_MAX;
    double bestD = INFINITY;
    if (nc <= max_cand) {
        es_pl_eval_all(&ctx, threads);
        fit->n_candidates = nc;
        for (size_t k = 0; k < nc; k++)
            if (D[k] < bestD)
                bestD = D[k], best = cand[k];
    } else {
        /* Stage 1: a grid of max_cand candidates log-spaced in value. */
        fit->grid = 1;
        double l0 = log(s[cand[0]]), l1 = log(s[cand[nc - 1]]);
        size_t ns = 0, k = 0;
        for (size_t g = 0; g < max_cand; g++) {
            double target = l0 + (l1 - l0) * (double)g / (double)(max_cand - 1);
            while (k < nc - 1 && ls[cand[k]] < target)
                k++;
            if (ns == 0 || sub[ns - 1] != k)
                sub[ns++] = k;
        }
        size_t *gc = malloc(nc * sizeof *gc);
        if (gc == NULL) {
            free(ls), free(suf), free(cand), free(D), free(A), free(sub);
            return es_pl_fail(fit, ES_ENOMEM);
        }
        for (size_t g = 0; g < ns; g++)
            gc[g] = cand[sub[g]];
        es_pl_ctx c1 = ctx;
        c1.cand = gc;
        c1.n_cand = ns;
        es_pl_eval_all(&c1, threads);
        /* Stage 2: every candidate between the neighbours of each of the ES_PL_REFINE
         * best grid points (the KS curve is rough, so one local minimum is not enough). */
        enum { ES_PL_REFINE = 10 };
        size_t top[ES_PL_REFINE], nt = 0;
        for (size_t g = 0; g < ns; g++) {
            if (D[g] < bestD)
                bestD = D[g], best = gc[g];
            /* insertion into the sorted list of the best grid points */
            size_t pos = nt;
            while (pos > 0 && D[top[pos - 1]] > D[g])
                pos--;
            if (pos < ES_PL_REFINE) {
                if (nt < ES_PL_REFINE)
                    nt++;
                for (size_t q = nt - 1; q > pos; q--)
                    top[q] = top[q - 1];
                top[pos] = g;
            }
        }
        unsigned char *mark = calloc(nc, 1);
        if (mark == NULL) {
            free(gc), free(ls), free(suf), free(cand), free(D), free(A), free(sub);
            return es_pl_fail(fit, ES_ENOMEM);
        }
        for (size_t t = 0; t < nt; t++) {
            size_t bg = top[t];
            size_t from = bg > 0 ? sub[bg - 1] + 1 : 0, to = bg + 1 < ns ? sub[bg + 1] : nc;
            for (size_t q = from; q < to; q++)
                mark[q] = 1;
        }
        for (size_t g = 0; g < ns; g++)
            mark[sub[g]] = 0; /* already evaluated */
        size_t nr = 0;
        for (size_t q = 0; q < nc; q++)
            if (mark[q])
                gc[nr++] = cand[q];
        free(mark);
        c1.cand = gc;
        c1.n_cand = nr;
        es_pl_eval_all(&c1, threads);
        for (size_t q = 0; q < nr; q++)
            if (D[q] < bestD || (D[q] == bestD && gc[q] < best))
                bestD = D[q], best = gc[q];
        fit->n_candidates = ns + nr;
        free(gc);
    }
    free(D), free(A), free(sub);
    if (best == SIZE_MAX || !isfinite(bestD)) {
        free(ls), free(suf), free(cand);
        return es_pl_fail(fit, ES_ENOCONV);
    }
    size_t i = best, m = n - i;
    double xmin = s[i], mm = (double)m, sl = (double)suf[i];
    double alpha;
    if (!discrete) {
        alpha = 1 + mm / (double)(suf[i] - (long double)mm * ls[i]);
        fit->alpha_se = (alpha - 1) / sqrt(mm);
        fit->loglik = mm * log(alpha - 1) - mm * log(xmin) - alpha * (sl - mm * log(xmin));
    } else {
        alpha = es_pl_discrete_alpha(xmin, m, sl);
        /* Observed information n_t d^2 ln zeta / d alpha^2 (CSN eq. 3.6's discrete form). */
        double h = 1e-4 * alpha;
        double d2 = (es_pl_lnzeta(alpha + h, xmin) - 2 * es_pl_lnzeta(alpha, xmin) +
                     es_pl_lnzeta(alpha - h, xmin)) /
                    (h * h);
        fit->alpha_se = d2 > 0 ? 1 / sqrt(mm * d2) : NAN;
        fit->loglik = -mm * es_pl_lnzeta(alpha, xmin) - alpha * sl;
    }
    fit->xmin = xmin;
    fit->alpha = alpha;
    fit->n_tail = m;
    fit->ks_d = bestD;
    free(ls), free(suf), free(cand);
    if (!isfinite(alpha))
        return es_pl_fail(fit, ES_ENOCONV);
    fit->status = ES_OK;
    return ES_OK;
}

/* Sorted copy of the positive values of x (caller frees *s); ES_EINVAL for NaN/inf or a
 * non-integer when discrete; ES_ENOMEM. */
static int es_pl_prepare(const double *x, size_t n, int discrete, double **s, size_t *m)
{
    *s = NULL;
    *m = 0;
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (v == NULL)
        return ES_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]) || isinf(x[i]) || (discrete && x[i] != floor(x[i]))) {
            free(v);
            return ES_EINVAL;
        }
        if (x[i] > 0)
            v[k++] = x[i];
    }
    qsort(v, k, sizeof *v, es_cmp_double);
    *s = v;
    *m = k;
    return ES_OK;
}

int es_powerlaw_fit(es_plfit *fit, const double *x, size_t n, const es_pl_opts *opts)
{
    int discrete = opts && opts->discrete;
    double *s;
    size_t m;
    int rc = es_pl_prepare(x, n, discrete, &s, &m);
    if (rc != ES_OK) {
        es_pl_reset(fit, n, discrete);
        return es_pl_fail(fit, rc);
    }
    rc = es_pl_fit_sorted(fit, s, m, n, opts, es_fit_threads(opts ? opts->threads : 0));
    free(s);
    return rc;
}

double es_powerlaw_ccdf(const es_plfit *fit, double x)
{
    if (fit->status != ES_OK || !(x >= fit->xmin))
        return NAN;
    if (!fit->discrete)
        return exp((1 - fit->alpha) * log(x / fit->xmin));
    return exp(es_pl_lnzeta(fit->alpha, x) - es_pl_lnzeta(fit->alpha, fit->xmin));
}

double es_powerlaw_pdf(const es_plfit *fit, double x)
{
    if (fit->status != ES_OK || !(x >= fit->xmin))
        return NAN;
    double a = fit->alpha;
    if (!fit->discrete)
        return (a - 1) / fit->xmin * exp(-a * log(x / fit->xmin));
    return exp(-a * log(x) - es_pl_lnzeta(a, fit->xmin));
}

/* ------------------------------------------------------------------ bootstrap */

/* A draw from the fitted tail: continuous by inversion, x = xmin (1-u)^(-1/(alpha-1));
 * discrete by exact inversion of S(x) = zeta(alpha, x) / zeta(alpha, xmin), starting at
 * CSN's approximation floor((xmin - 1/2)(1-u)^(-1/(alpha-1)) + 1/2) (their eq. D.6),
 * then a doubling search and bisection.  lz0 = ln zeta(alpha, xmin) when discrete. */
static double es_pl_draw(double xmin, double alpha, int discrete, double lz0, gsl_rng *r)
{
    double u = gsl_rng_uniform_pos(r); /* (0, 1): P(X >= x) */
    if (!discrete)
        return xmin * pow(u, -1 / (alpha - 1));
    double x0 = floor((xmin - 0.5) * pow(u, -1 / (alpha - 1)) + 0.5);
    if (x0 < xmin)
        x0 = xmin;
    if (!(x0 < 1e15))
        return x0; /* beyond double integer precision the approximation is exact enough */
    double lu = log(u);
#define ES_LS(x) (es_pl_lnzeta(alpha, (x)) - lz0) /* ln S(x) */
    /* Want the largest x with S(x) >= u. */
    double lo, hi;
    if (ES_LS(x0) >= lu) {
        lo = x0;
        double step = 1;
        hi = x0 + step;
        while (ES_LS(hi) >= lu && hi < 1e15) {
            lo = hi;
            step *= 2;
            hi = x0 + step;
        }
    } else {
        hi = x0;
        double step = 1;
        lo = x0 - step;
        while (lo > xmin && ES_LS(lo) < lu) {
            hi = lo;
            step *= 2;
            lo = x0 - step;
        }
        if (lo < xmin)
            lo = xmin;
    }
    /* Invariant: S(lo) >= u > S(hi). */
    while (hi - lo > 1) {
        double mid = floor(0.5 * (lo + hi));
        if (ES_LS(mid) >= lu)
            lo = mid;
        else
            hi = mid;
    }
#undef ES_LS
    return lo;
}

typedef struct es_plb_job {
    const es_plfit *fit;
    const double *s;   /* sorted positive values */
    size_t m, n_body;  /* values; values below xmin (s[0..n_body-1]) */
    const double *neg; /* the non-positive values (body as well) */
    size_t n_neg;
    es_pl_opts opts;
    long reps;
    unsigned long seed;
    int tid, nthreads;
    double *D;
    unsigned char *ok;
    int rc;
} es_plb_job;

static void *es_plb_worker(void *arg)
{
    es_plb_job *j = arg;
    const es_plfit *f = j->fit;
    size_t n = f->n;
    double *y = malloc((n ? n : 1) * sizeof *y), *ys = malloc((n ? n : 1) * sizeof *ys);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (y == NULL || ys == NULL || rng == NULL) {
        j->rc = ES_ENOMEM;
        free(y), free(ys);
        if (rng)
            gsl_rng_free(rng);
        return NULL;
    }
    double lz0 = f->discrete ? es_pl_lnzeta(f->alpha, f->xmin) : 0;
    double ptail = (double)f->n_tail / (double)n;
    size_t nb = j->n_body + j->n_neg;
    for (long r = j->tid; r < j->reps; r += j->nthreads) {
        gsl_rng_set(rng, es_fit_stream_seed(j->seed, (unsigned long)r));
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            double v;
            if (nb == 0 || gsl_rng_uniform(rng) < ptail) {
                v = es_pl_draw(f->xmin, f->alpha, f->discrete, lz0, rng);
            } else {
                size_t b = (size_t)gsl_rng_uniform_int(rng, (unsigned long)nb);
                v = b < j->n_body ? j->s[b] : j->neg[b - j->n_body];
            }
            if (v > 0)
                ys[k++] = v;
        }
        qsort(ys, k, sizeof *ys, es_cmp_double);
        es_plfit g;
        int rc = es_pl_fit_sorted(&g, ys, k, n, &j->opts, 1);
        if (rc == ES_ENOMEM) {
            j->rc = rc;
            break;
        }
        j->ok[r] = rc == ES_OK;
        j->D[r] = g.ks_d;
    }
    free(y), free(ys);
    gsl_rng_free(rng);
    return NULL;
}

int es_powerlaw_gof(const es_plfit *fit, const double *x, size_t n, const es_pl_opts *opts, long reps,
                    unsigned long seed, es_pl_boot *out)
{
    out->reps = reps;
    out->failed = 0;
    out->p = NAN;
    if (fit == NULL || fit->status != ES_OK || reps < 1 || n != fit->n)
        return es_error(ES_EINVAL);
    int discrete = fit->discrete;
    double *s;
    size_t m;
    int rc = es_pl_prepare(x, n, discrete, &s, &m);
    if (rc != ES_OK)
        return es_error(rc);
    size_t nneg = n - m;
    double *neg = malloc((nneg ? nneg : 1) * sizeof *neg);
    if (neg == NULL) {
        free(s);
        return es_error(ES_ENOMEM);
    }
    for (size_t i = 0, k = 0; i < n; i++)
        if (!(x[i] > 0))
            neg[k++] = x[i];
    size_t nbody = 0;
    while (nbody < m && s[nbody] < fit->xmin)
        nbody++;
    int nt = es_fit_threads(opts ? opts->threads : 0);
    if (nt > reps)
        nt = (int)reps;
    if (nt > 256)
        nt = 256;
    double *D = malloc((size_t)reps * sizeof *D);
    unsigned char *ok = calloc((size_t)reps, 1);
    es_plb_job *jobs = calloc((size_t)nt, sizeof *jobs);
    pthread_t *th = calloc((size_t)nt, sizeof *th);
    unsigned char *created = calloc((size_t)nt, 1);
    if (D == NULL || ok == NULL || jobs == NULL || th == NULL || created == NULL) {
        free(s), free(neg), free(D), free(ok), free(jobs), free(th), free(created);
        return es_error(ES_ENOMEM);
    }
    es_pl_opts o = {0};
    if (opts)
        o = *opts;
    o.discrete = discrete;
    for (int t = 0; t < nt; t++) {
        jobs[t] = (es_plb_job){fit, s, m, nbody, neg, nneg, o, reps, seed, t, nt, D, ok, ES_OK};
        if (nt > 1 && pthread_create(&th[t], NULL, es_plb_worker, &jobs[t]) == 0)
            created[t] = 1;
        else
            es_plb_worker(&jobs[t]);
    }
    for (int t = 0; t < nt; t++)
        if (created[t])
            pthread_join(th[t], NULL);
    for (int t = 0; t < nt; t++)
        if (jobs[t].rc != ES_OK)
            rc = jobs[t].rc;
    if (rc == ES_OK) {
        long valid = 0, hits = 0;
        for (long r = 0; r < reps; r++) {
            if (!ok[r]) {
                out->failed++;
                continue;
            }
            valid++;
            if (D[r] >= fit->ks_d)
                hits++;
        }
        out->p = valid > 0 ? (double)hits / (double)valid : NAN;
    }
    free(s), free(neg), free(D), free(ok), free(jobs), free(th), free(created);
    return rc == ES_OK ? ES_OK : es_error(rc);
}
