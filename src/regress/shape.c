/* shape.c — the shape of log10(ER) against log10(followers) (analysis.h, es_shape_run):
 * linear, quadratic, a continuous hinge (piecewise linear; Hudson 1966, the knot by grid
 * search) and a natural cubic spline (the truncated-power basis of Hastie, Tibshirani &
 * Friedman 2009, eq. 5.4-5.5, which spans the same space as R's splines::ns with the
 * same knots), compared by AIC and likelihood-ratio tests against the linear model, with
 * a verdict read off the best curved model's fitted curve.  Every fit is ols.h's QR; the
 * covariances are sandwich.h's. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/buf.h"
#include "engagestat/ols.h"
#include "engagestat/quantile.h"
#include "engagestat/sandwich.h"

void es_shape_opts_init(es_shape_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->by_platform = 1;
    o->ratio_num = "micro";
    o->ratio_den = "mega";
    o->knot_grid = 50;
    o->spline_df = 4;
}

enum { ES_SH_LINEAR, ES_SH_QUADRATIC, ES_SH_HINGE, ES_SH_SPLINE, ES_SH_NMODELS };
static const char *const es_sh_names[ES_SH_NMODELS] = {"linear", "quadratic", "piecewise linear",
                                                        "natural spline"};
#define ES_SH_MAXK 11 /* knots of the spline: spline_df + 1, spline_df <= 10 */

/* One model: its basis and, once fitted, its fit and covariance. */
typedef struct es_sh_model {
    int kind;
    size_t p;
    double knot;                 /* hinge */
    double xi[ES_SH_MAXK];       /* spline knots, scaled to [0, 1] over the boundary knots */
    size_t nk;
    double x0, xw;               /* spline scaling: u = (x - x0) / xw */
    es_ols fit;
    double *V;
    es_vcov_info info;
    double k_par, loglik, aic, bic; /* parameters (coefficients, sigma, knot) */
    int ok;
    const char *why;             /* why it was not fitted */
} es_sh_model;

/* Cube of the positive part. */
static double es_sh_pos3(double u)
{
    return u > 0 ? u * u * u : 0;
}

/* Row of the design of model m at x into row[0..m->p). */
static void es_sh_basis(const es_sh_model *m, double x, double *row)
{
    row[0] = 1;
    if (m->kind == ES_SH_SPLINE) {
        /* N_1 = 1, N_2 = u, N_{k+2} = d_k - d_{K-1}, d_k = ((u - xi_k)^3_+ - (u - xi_K)^3_+) /
         * (xi_K - xi_k), k = 1..K-2 (knots xi_1..xi_K, boundary knots first and last). */
        double u = (x - m->x0) / m->xw;
        size_t K = m->nk;
        double dl = (es_sh_pos3(u - m->xi[K - 2]) - es_sh_pos3(u - m->xi[K - 1])) / (m->xi[K - 1] - m->xi[K - 2]);
        row[1] = u;
        for (size_t k = 0; k + 2 < K; k++)
            row[k + 2] = (es_sh_pos3(u - m->xi[k]) - es_sh_pos3(u - m->xi[K - 1])) / (m->xi[K - 1] - m->xi[k]) - dl;
        return;
    }
    row[1] = x;
    if (m->kind == ES_SH_QUADRATIC)
        row[2] = x * x;
    else if (m->kind == ES_SH_HINGE)
        row[2] = x > m->knot ? x - m->knot : 0;
}

/* The rows of one group for es_ols_fit_rows. */
typedef struct es_sh_src {
    const es_sh_model *m;
    const double *x, *y;
} es_sh_src;

static int es_sh_row(void *ctx, size_t i, double *row, double *y)
{
    const es_sh_src *s = ctx;
    es_sh_basis(s->m, s->x[i], row);
    *y = s->y[i];
    return 0;
}

/* One group's units: log10 followers, log10 ER, clusters, and its platform code. */
typedef struct es_sh_group {
    char label[160];
    uint32_t platform;   /* ES_DICT_NONE: every platform */
    double *x, *y;
    uint32_t *cl;
    size_t n;
    double xmin, xmax;
} es_sh_group;

/* The shared state of one run. */
typedef struct es_sh_run {
    const es_study *s;
    const es_shape_opts *o;
    es_results *res;
    es_vcov_type vt;
    int vcov_default;
    es_rtable *shape, *verdict, *curve, *contrast;
} es_sh_run;

/* Fit m to the group (OLS, then the covariance; HC1 when the default HC3 is undefined).
 * m->ok stays 0 (with a warning) when the fit has no residual degrees of freedom. */
static int es_sh_fit(es_sh_run *r, const es_sh_group *g, es_sh_model *m, int refine)
{
    es_sh_src src = {m, g->x, g->y};
    es_ols_opts oo;
    es_ols_opts_init(&oo);
    oo.conf = r->o->common.conf;
    oo.refine = refine;
    m->why = NULL;
    es_ols_free(&m->fit);
    memset(&m->fit, 0, sizeof m->fit);
    int st = es_ols_fit_rows(&m->fit, g->n, m->p, es_sh_row, &src, &oo);
    if (st == ES_EDOM || st == ES_EINVAL) {
        m->why = st == ES_EDOM ? "not fitted: no residual degrees of freedom" : "not fitted: a non-finite design value";
        return ES_OK;
    }
    if (st != ES_OK)
        return st;
    /* Zero residual variance: the likelihood is unbounded, so no model comparison. */
    if (m->fit.perfect_fit) {
        m->why = m->fit.tss_ld <= 1e-28L * m->fit.yss_ld ? "not fitted: every unit has the same ER"
                                                          : "not fitted: essentially perfect fit (residual variance zero)";
        return ES_OK;
    }
    m->k_par = (double)m->fit.rank + 1 + (m->kind == ES_SH_HINGE);
    m->loglik = m->fit.loglik;
    m->aic = -2 * m->loglik + 2 * m->k_par;
    m->bic = -2 * m->loglik + log((double)g->n) * m->k_par;
    m->ok = 1;
    return ES_OK;
}

static int es_sh_vcov(es_sh_run *r, const es_sh_group *g, es_sh_model *m)
{
    es_sh_src src = {m, g->x, g->y};
    free(m->V);
    m->V = malloc(m->p * m->p * sizeof *m->V);
    if (m->V == NULL)
        return ES_ENOMEM;
    es_vcov_type vt = r->vt;
    int st = es_ols_vcov_rows(&m->fit, g->n, es_sh_row, &src, vt == ES_VCOV_CR1 ? g->cl : NULL, vt, m->V, &m->info);
    if (st == ES_EDOM && m->info.n_lev_one > 0 && r->vcov_default) {
        es_results_warn(r->res, "%s, %s: %zu unit%s with leverage 1: HC3 is undefined, HC1 is reported", g->label,
                        es_sh_names[m->kind], m->info.n_lev_one, m->info.n_lev_one == 1 ? "" : "s");
        st = es_ols_vcov_rows(&m->fit, g->n, es_sh_row, &src, NULL, ES_VCOV_HC1, m->V, &m->info);
    }
    if (st == ES_ENOMEM)
        return st;
    if (st != ES_OK)
        es_results_warn(r->res, "%s, %s: %s errors are unavailable (%s): no intervals", g->label,
                        es_sh_names[m->kind], es_vcov_name(vt), es_strerror(st));
    return ES_OK;
}

/* Fit the grid's knots on m in grid order: every one when approx is NULL, else those
 * whose screened RSS approx[j] is NaN or at most thr.  *bk is the first of least RSS
 * (*best), NaN when none fitted; then m->why says why the last one was not. */
static int es_sh_hinge_knots(es_sh_run *r, const es_sh_group *g, es_sh_model *m, double lo, double hi,
                             const double *approx, double thr, double *bk, double *best)
{
    long G = r->o->knot_grid;
    *bk = NAN;
    *best = INFINITY;
    for (long j = 0; j < G; j++) {
        if (approx != NULL && !(isnan(approx[j]) || approx[j] <= thr))
            continue;
        m->knot = lo + (hi - lo) * (double)j / (double)(G - 1);
        int st = es_sh_fit(r, g, m, 0);
        if (st != ES_OK)
            return st;
        if (m->ok && m->fit.rss < *best) {
            *best = m->fit.rss;
            *bk = m->knot;
        }
        m->ok = 0;
    }
    return ES_OK;
}

typedef struct {
    double x, y;
} es_sh_xy;

static int es_sh_xy_cmp(const void *a, const void *b)
{
    double u = ((const es_sh_xy *)a)->x, v = ((const es_sh_xy *)b)->x;
    return (u > v) - (u < v);
}

/* The hinge's RSS at every grid knot from sufficient statistics, in O(n log n + G):
 * on data centred at the means, with h = (x - k)+, the sums over x > k give those of
 * h, h^2, x h and h y, and the 3 x 3 normal equations are solved by Cholesky, in long
 * double.  approx[j] is NaN where the system is near singular.  *eps bounds the
 * error: 1e-9 of the total sum of squares, far above the rounding of these sums
 * (relative 1e-19 a term, times the conditioning) and far below the differences a
 * grid step makes.  ES_EDOM when y is constant (no scale for eps). */
static int es_sh_hinge_screen(const es_sh_group *g, double lo, double hi, long G, double *approx, double *eps)
{
    size_t n = g->n;
    es_sh_xy *p = malloc(n * sizeof *p);
    if (p == NULL)
        return ES_ENOMEM;
    long double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += g->x[i];
        my += g->y[i];
    }
    mx /= (long double)n;
    my /= (long double)n;
    long double Sx = 0, Sy = 0, Sxx = 0, Sxy = 0, Syy = 0;
    for (size_t i = 0; i < n; i++) {
        p[i] = (es_sh_xy){g->x[i], g->y[i]};
        long double dx = g->x[i] - mx, dy = g->y[i] - my;
        Sx += dx;
        Sy += dy;
        Sxx += dx * dx;
        Sxy += dx * dy;
        Syy += dy * dy;
    }
    if (!(Syy > 0)) {
        free(p);
        return ES_EDOM;
    }
    qsort(p, n, sizeof *p, es_sh_xy_cmp);
    /* Knots from the highest down; the points above the knot join as it falls. */
    long double cA = 0, xA = 0, xxA = 0, yA = 0, xyA = 0;
    size_t top = n;
    for (long j = G - 1; j >= 0; j--) {
        double k = lo + (hi - lo) * (double)j / (double)(G - 1);
        while (top > 0 && p[top - 1].x > k) {
            top--;
            long double dx = p[top].x - mx, dy = p[top].y - my;
            cA += 1;
            xA += dx;
            xxA += dx * dx;
            yA += dy;
            xyA += dx * dy;
        }
        long double kc = k - mx;
        long double Sh = xA - kc * cA, Shh = xxA - 2 * kc * xA + kc * kc * cA, Sxh = xxA - kc * xA,
                    Shy = xyA - kc * yA;
        long double M[3][3] = {{(long double)n, Sx, Sh}, {Sx, Sxx, Sxh}, {Sh, Sxh, Shh}}, rhs[3] = {Sy, Sxy, Shy};
        /* Cholesky M = L L', then L z = rhs: RSS = Syy - z'z. */
        long double L[3][3] = {{0}}, z[3];
        int ok = 1;
        for (int a = 0; a < 3 && ok; a++) {
            for (int c = 0; c <= a; c++) {
                long double v = M[a][c];
                for (int q = 0; q < c; q++)
                    v -= L[a][q] * L[c][q];
                if (a == c) {
                    ok = v > 1e-12L * M[a][a];
                    L[a][a] = ok ? sqrtl(v) : 0;
                } else {
                    L[a][c] = v / L[c][c];
                }
            }
        }
        for (int a = 0; a < 3 && ok; a++) {
            long double v = rhs[a];
            for (int q = 0; q < a; q++)
                v -= L[a][q] * z[q];
            z[a] = v / L[a][a];
        }
        approx[j] = ok ? (double)(Syy - z[0] * z[0] - z[1] * z[1] - z[2] * z[2]) : NAN;
    }
    *eps = 1e-9 * (double)Syy;
    free(p);
    return ES_OK;
}

/* The hinge: the knot of least RSS among knot_grid points equally spaced between the 10th
 * and 90th percentiles of x (the first on a tie), then the full fit there.  The grid is
 * screened from sufficient statistics (es_sh_hinge_screen, errors at most eps): only
 * the knots within 2 eps of the least screened RSS (and any the screen could not
 * solve) get the exact QR fit.  When the best of those is within eps of the screen's
 * least, no other knot can beat it or tie it, so the knot is the one the whole grid of
 * QR fits would give; otherwise (and for constant y) the whole grid is fitted. */
static int es_sh_hinge(es_sh_run *r, const es_sh_group *g, const double *xs, es_sh_model *m)
{
    long G = r->o->knot_grid;
    double lo = es_quantile_sorted(xs, g->n, 0.1), hi = es_quantile_sorted(xs, g->n, 0.9);
    double *approx = malloc((size_t)G * sizeof *approx), eps = 0, bk = NAN, best;
    if (approx == NULL)
        return ES_ENOMEM;
    int st = es_sh_hinge_screen(g, lo, hi, G, approx, &eps);
    if (st == ES_OK) {
        double amin = INFINITY;
        for (long j = 0; j < G; j++)
            if (approx[j] < amin)
                amin = approx[j];
        st = es_sh_hinge_knots(r, g, m, lo, hi, approx, amin + 2 * eps, &bk, &best);
        if (!(best <= amin + eps))
            bk = NAN; /* the screen does not vouch for it: the whole grid */
    }
    free(approx);
    if (st == ES_EDOM)
        st = ES_OK;
    if (st == ES_OK && isnan(bk))
        st = es_sh_hinge_knots(r, g, m, lo, hi, NULL, 0, &bk, &best);
    if (st != ES_OK || isnan(bk))
        return st;
    m->knot = bk;
    return es_sh_fit(r, g, m, 2);
}

/* The spline's knots: boundary knots at the range of x, df - 1 interior knots at the
 * quantiles j / df (type 7), as ns(x, df). */
static void es_sh_spline_knots(es_sh_model *m, const double *xs, size_t n, int df)
{
    m->x0 = xs[0];
    m->xw = xs[n - 1] - xs[0];
    m->nk = (size_t)df + 1;
    m->xi[0] = 0;
    m->xi[m->nk - 1] = 1;
    for (int j = 1; j < df; j++)
        m->xi[j] = (es_quantile_sorted(xs, n, (double)j / df) - m->x0) / m->xw;
}

/* The fitted value and its SE of the difference between rows at xa and xb under m. */
static void es_sh_diff(const es_sh_model *m, double xa, double xb, double *d, double *se)
{
    double ra[ES_SH_MAXK + 1], rb[ES_SH_MAXK + 1], c[ES_SH_MAXK + 1];
    es_sh_basis(m, xa, ra);
    es_sh_basis(m, xb, rb);
    for (size_t j = 0; j < m->p; j++)
        c[j] = ra[j] - rb[j];
    es_ols_predict(&m->fit, m->V, c, d, se);
}

/* The fitted value at x (aliased coefficients, NaN, count as 0 as their columns were
 * dropped). */
static double es_sh_at(const es_sh_model *m, double x)
{
    double row[ES_SH_MAXK + 1];
    es_sh_basis(m, x, row);
    long double f = 0;
    for (size_t j = 0; j < m->p; j++)
        if (!m->fit.aliased[j])
            f += (long double)row[j] * m->fit.coef_ld[j];
    return (double)f;
}

static double es_sh_tq(const es_sh_run *r, double df)
{
    double a = (1 - r->o->common.conf) / 2;
    return isfinite(df) && df > 0 ? gsl_cdf_tdist_Qinv(a, df) : gsl_cdf_ugaussian_Qinv(a);
}

/* The verdict of the group from the fitted models (see analysis.h); *best the curved
 * model of lowest AIC (NULL when none was fitted). */
static void es_sh_verdict(es_sh_run *r, const es_sh_group *g, const es_sh_model *ms, es_buf *ev, const char **verdict,
                          const es_sh_model **best)
{
    const es_sh_model *lin = &ms[ES_SH_LINEAR], *b = NULL;
    for (int k = 1; k < ES_SH_NMODELS; k++)
        if (ms[k].ok && (b == NULL || ms[k].aic < b->aic))
            b = &ms[k];
    *best = b;
    double alpha = 1 - r->o->common.conf;
    if (b == NULL || !lin->ok) {
        *verdict = "not fitted";
        es_buf_printf(ev, "%s", !lin->ok && lin->why ? lin->why : "the models could not be fitted");
        return;
    }
    double lr = 2 * (b->loglik - lin->loglik), ldf = b->k_par - lin->k_par;
    double p = lr > 0 ? gsl_cdf_chisq_Q(lr, ldf) : 1;
    es_buf_printf(ev, "AIC linear %.6g, best curved (%s) %.6g (delta %.3g); LR %.4g on %g df, p = %.3g",
                  lin->aic, es_sh_names[b->kind], b->aic, lin->aic - b->aic, lr, ldf, p);
    if (!(lin->aic - b->aic > 2 && p < alpha)) {
        *verdict = "linear";
        es_buf_printf(ev, ": no curved model beats the linear one (AIC by more than 2 with p < %g); slope %.4g",
                      alpha, lin->fit.coef[1]);
        return;
    }
    /* The curve of b on a fine grid of x inside the data. */
    enum { M = 1001 };
    double f[M], xg[M];
    size_t imin = 0, imax = 0;
    for (size_t i = 0; i < M; i++) {
        xg[i] = g->xmin + (g->xmax - g->xmin) * (double)i / (M - 1);
        f[i] = es_sh_at(b, xg[i]);
        if (f[i] < f[imin])
            imin = i;
        if (f[i] > f[imax])
            imax = i;
    }
    double q = es_sh_tq(r, b->info.df);
    double d1, s1, d2, s2;
    for (int turn = 0; turn < 2; turn++) {
        size_t it = turn ? imax : imin;
        if (it == 0 || it == M - 1)
            continue;
        /* Fall before and rise after a minimum (or the mirror), each beyond q SE. */
        es_sh_diff(b, xg[0], xg[it], &d1, &s1);
        es_sh_diff(b, xg[M - 1], xg[it], &d2, &s2);
        double sg = turn ? -1 : 1;
        int sig1 = sg * d1 > q * s1, sig2 = sg * d2 > q * s2;
        if (sig1 && sig2) {
            *verdict = turn ? "inverted U" : "U-shaped";
            es_buf_printf(ev, "; %s at %.4g followers (log10 %.4g): %s of %.3g before it (SE %.3g) and %s of %.3g "
                          "after it (SE %.3g) in log10 ER", turn ? "a maximum" : "a minimum", pow(10, xg[it]),
                          xg[it], turn ? "a rise" : "a fall", fabs(d1), s1, turn ? "a fall" : "a rise", fabs(d2), s2);
            return;
        }
        es_buf_printf(ev, "; %s at %.4g followers, but the %s after it (%.3g, SE %.3g) is within the noise",
                      turn ? "a maximum" : "a minimum", pow(10, xg[it]), turn ? "fall" : "rise", fabs(d2), s2);
    }
    double total = f[M - 1] - f[0];
    if (total > 0) {
        *verdict = "rising";
        es_buf_printf(ev, "; the fitted ER rises by a factor %.3g from %.4g to %.4g followers", pow(10, total),
                      pow(10, g->xmin), pow(10, g->xmax));
        return;
    }
    size_t mid = (M - 1) / 2;
    double lo = (f[mid] - f[0]) / (xg[mid] - xg[0]), hi = (f[M - 1] - f[mid]) / (xg[M - 1] - xg[mid]);
    *verdict = fabs(hi) < fabs(lo) ? "flattening" : "steepening";
    es_buf_printf(ev, "; mean slope %.3g below %.4g followers, %.3g above", lo, pow(10, xg[mid]), hi);
}

/* Median followers of the group's units in band b into *fm (NaN when none), and their
 * accounts. */
static size_t es_sh_band_followers(const es_units *u, uint32_t platform, int b, double *buf, double *fm)
{
    size_t m = 0;
    for (size_t k = 0; k < u->n; k++)
        if (u->band[k] == b && (platform == ES_DICT_NONE || u->platform[k] == platform))
            buf[m++] = u->followers[k];
    *fm = m ? es_median(buf, m) : NAN;
    return es_units_accounts(u, b, ES_DICT_NONE, platform, 0);
}

static void es_sh_contrast(es_sh_run *r, const es_sh_group *g, const es_sh_model *ms)
{
    const es_shape_opts *o = r->o;
    if (r->contrast == NULL)
        return;
    const es_units *u = r->s->units;
    double *buf = malloc((u->n ? u->n : 1) * sizeof *buf);
    if (buf == NULL) {
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
        return;
    }
    double fa, fb;
    size_t na = es_sh_band_followers(u, g->platform, es_bands_find(r->s->uo->bands, o->ratio_num), buf, &fa);
    size_t nb = es_sh_band_followers(u, g->platform, es_bands_find(r->s->uo->bands, o->ratio_den), buf, &fb);
    free(buf);
    char nbuf[64];
    const char *low = es_min_n_note(na < nb ? na : nb, o->common.min_n, "contrast", nbuf, sizeof nbuf);
    for (int k = 0; k < ES_SH_NMODELS; k++) {
        const es_sh_model *m = &ms[k];
        if (!m->ok)
            continue;
        es_row row = es_rtable_append(r->contrast);
        es_row_str(&row, "group", g->label);
        es_row_str(&row, "model", es_sh_names[k]);
        if (low || !(fa > 0 && fb > 0)) {
            es_row_str(&row, "note", low ? low : "a band has no units");
            continue;
        }
        double d, se, q = es_sh_tq(r, m->info.df);
        es_sh_diff(m, log10(fa), log10(fb), &d, &se);
        es_row_num(&row, "ratio", pow(10, d));
        es_row_num(&row, "ci_low", pow(10, d - q * se));
        es_row_num(&row, "ci_high", pow(10, d + q * se));
        char note[160];
        snprintf(note, sizeof note, "at %.6g vs %.6g followers%s", fa, fb,
                 k == ES_SH_HINGE ? "; CI conditional on the knot" : k == ES_SH_SPLINE ? "; CI given the knots" : "");
        es_row_str(&row, "note", note);
    }
}

/* The rows of one fitted group in every table. */
static void es_sh_tables(es_sh_run *r, const es_sh_group *g, const es_sh_model *ms)
{
    double amin = INFINITY;
    for (int k = 0; k < ES_SH_NMODELS; k++)
        if (ms[k].ok)
            amin = fmin(amin, ms[k].aic);
    const es_sh_model *lin = &ms[ES_SH_LINEAR];
    for (int k = 0; k < ES_SH_NMODELS; k++) {
        const es_sh_model *m = &ms[k];
        es_row row = es_rtable_append(r->shape);
        es_row_str(&row, "group", g->label);
        es_row_str(&row, "model", es_sh_names[k]);
        es_row_int(&row, "n", (long long)g->n);
        if (!m->ok) {
            es_row_str(&row, "note", m->why ? m->why : "not fitted");
            continue;
        }
        es_row_num(&row, "df", m->k_par);
        es_row_num(&row, "loglik", m->loglik);
        es_row_num(&row, "aic", m->aic);
        es_row_num(&row, "bic", m->bic);
        es_row_num(&row, "delta_aic", m->aic - amin);
        char note[240] = "";
        if (k != ES_SH_LINEAR && lin->ok) {
            double lr = 2 * (m->loglik - lin->loglik), ldf = m->k_par - lin->k_par;
            es_row_num(&row, "lr_vs_linear", lr);
            es_row_num(&row, "lr_df", ldf);
            es_row_num(&row, "lr_p_value", lr > 0 ? gsl_cdf_chisq_Q(lr, ldf) : 1);
        }
        if (k == ES_SH_HINGE)
            snprintf(note, sizeof note, "knot at %.6g followers (log10 %.10g), best of %ld; LR p nominal (the knot "
                     "is estimated)", pow(10, m->knot), m->knot, r->o->knot_grid);
        else if (k == ES_SH_SPLINE) {
            int w = snprintf(note, sizeof note, "ns(df = %d), interior knots at log10 followers", r->o->spline_df);
            for (size_t j = 1; j + 1 < m->nk && w > 0 && (size_t)w < sizeof note; j++)
                w += snprintf(note + w, sizeof note - (size_t)w, "%s %.6g", j > 1 ? "," : "", m->x0 + m->xi[j] * m->xw);
        }
        if (m->fit.rank < m->p)
            snprintf(note + strlen(note), sizeof note - strlen(note), "%saliased columns dropped", note[0] ? "; " : "");
        es_row_str(&row, "note", note[0] ? note : NULL);
        for (int i = 0; i < 100; i++) {
            double x = g->xmin + (g->xmax - g->xmin) * i / 99.0;
            es_row c = es_rtable_append(r->curve);
            es_row_str(&c, "group", g->label);
            es_row_str(&c, "model", es_sh_names[k]);
            es_row_num(&c, "followers", pow(10, x));
            es_row_num(&c, "median_er", pow(10, es_sh_at(m, x)));
        }
    }
}

static void es_sh_verdict_row(es_sh_run *r, const char *group, const char *verdict, const char *best, const char *ev)
{
    es_row row = es_rtable_append(r->verdict);
    es_row_str(&row, "group", group);
    es_row_str(&row, "verdict", verdict);
    es_row_str(&row, "best_model", best);
    es_row_str(&row, "evidence", ev);
    if (strcmp(group, "overall") == 0) {
        es_results_value(r->res, "shape_verdict", es_cell_str(verdict));
        es_results_value(r->res, "shape_best_model", es_cell_str(best));
    }
}

/* Fit the four models to one group and fill its rows. */
static int es_sh_group_run(es_sh_run *r, es_sh_group *g)
{
    const es_units *u = r->s->units;
    size_t acc = es_units_accounts(u, -2, ES_DICT_NONE, g->platform, 1);
    if (acc == SIZE_MAX)
        return ES_ENOMEM;
    size_t need = r->o->common.min_n > (size_t)r->o->spline_df + 3 ? r->o->common.min_n : (size_t)r->o->spline_df + 3;
    if (acc < need || g->n < need) {
        char ev[160];
        snprintf(ev, sizeof ev, "%zu accounts with ER > 0 (%zu units): fewer than %zu, not fitted", acc, g->n, need);
        es_sh_verdict_row(r, g->label, "too few units", NULL, ev);
        es_results_warn(r->res, "%s: %s", g->label, ev);
        return ES_OK;
    }
    double *xs = malloc(g->n * sizeof *xs);
    if (xs == NULL)
        return ES_ENOMEM;
    memcpy(xs, g->x, g->n * sizeof *xs);
    qsort(xs, g->n, sizeof *xs, es_cmp_double);
    g->xmin = xs[0];
    g->xmax = xs[g->n - 1];
    es_sh_model ms[ES_SH_NMODELS];
    memset(ms, 0, sizeof ms);
    static const size_t p[ES_SH_NMODELS - 1] = {2, 3, 3};
    int st = ES_OK;
    for (int k = 0; k < ES_SH_NMODELS && st == ES_OK; k++) {
        ms[k].kind = k;
        if (k == ES_SH_SPLINE) {
            ms[k].p = (size_t)r->o->spline_df + 1;
            es_sh_spline_knots(&ms[k], xs, g->n, r->o->spline_df);
        } else
            ms[k].p = p[k];
        if (g->xmax == g->xmin) {
            ms[k].why = "not fitted: every unit has the same followers";
            continue;
        }
        /* An interior knot at the largest x (most units there) leaves the natural spline
         * undefined (xi_K - xi_k = 0). */
        if (k == ES_SH_SPLINE && ms[k].xi[ms[k].nk - 2] >= 1) {
            ms[k].why = "not fitted: an interior knot falls on the largest followers (too many ties)";
            continue;
        }
        st = k == ES_SH_HINGE ? es_sh_hinge(r, g, xs, &ms[k]) : es_sh_fit(r, g, &ms[k], 2);
        if (st == ES_OK && ms[k].ok)
            st = es_sh_vcov(r, g, &ms[k]);
    }
    free(xs);
    if (st == ES_OK) {
        es_sh_tables(r, g, ms);
        es_buf ev = {0};
        const char *verdict;
        const es_sh_model *best;
        es_sh_verdict(r, g, ms, &ev, &verdict, &best);
        /* The model the verdict rests on: the linear one, or the best curved one. */
        const char *bm = strcmp(verdict, "linear") == 0 ? es_sh_names[ES_SH_LINEAR] : best ? es_sh_names[best->kind]
                                                                                         : NULL;
        es_sh_verdict_row(r, g->label, verdict, bm, ev.data);
        es_buf_free(&ev);
        es_sh_contrast(r, g, ms);
    }
    for (int k = 0; k < ES_SH_NMODELS; k++) {
        es_ols_free(&ms[k].fit);
        free(ms[k].V);
    }
    return st;
}

static int es_sh_check(const es_study *s, const es_shape_opts *o, es_err *err)
{
    if (!(o->common.conf > 0 && o->common.conf < 1))
        return es_err_set(err, ES_EINVAL, "--conf '%g': expected a number between 0 and 1", o->common.conf);
    if (o->vcov && es_vcov_from_name(o->vcov) < 0)
        return es_err_set(err, ES_EINVAL, "--vcov '%s': expected classical, HC0, HC1, HC2, HC3 or CR1", o->vcov);
    if (o->knot_grid < 2 || o->knot_grid > 10000)
        return es_err_set(err, ES_EINVAL, "knot grid %ld: expected 2 to 10000 points", o->knot_grid);
    if (o->spline_df < 2 || o->spline_df > ES_SH_MAXK - 1)
        return es_err_set(err, ES_EINVAL, "spline df %d: expected 2 to %d", o->spline_df, ES_SH_MAXK - 1);
    if (o->ratio_num && o->ratio_den && strcmp(o->ratio_num, o->ratio_den) == 0)
        return es_err_set(err, ES_EINVAL, "--ratio '%s/%s': the two bands must differ", o->ratio_num, o->ratio_den);
    for (int k = 0; k < 2 && o->ratio_num && o->ratio_den; k++) {
        const char *b = k ? o->ratio_den : o->ratio_num;
        if (es_bands_find(s->uo->bands, b) < 0) {
            char opt[256];
            snprintf(opt, sizeof opt, "--ratio '%s/%s'", o->ratio_num, o->ratio_den);
            return es_bands_unknown(s->uo->bands, opt, b, "name two of them with --ratio A/B", err);
        }
    }
    if (o->vcov && es_vcov_from_name(o->vcov) == ES_VCOV_CR1 && s->units->account_dict == NULL)
        return es_err_set(err, ES_EDOM, "--vcov CR1 needs an account column (use --map account=COLUMN)");
    size_t npos = 0;
    for (size_t k = 0; k < s->units->n; k++)
        npos += s->units->er[k] > 0;
    if (npos == 0)
        return es_err_set(err, ES_EDOM, "no unit has a positive ER: log10(ER) is undefined");
    return ES_OK;
}

/* The units of platform (ES_DICT_NONE: all) with ER > 0 into g. */
static int es_sh_group_fill(const es_units *u, uint32_t platform, es_sh_group *g)
{
    g->platform = platform;
    g->n = 0;
    size_t cap = u->n ? u->n : 1;
    g->x = malloc(cap * sizeof *g->x);
    g->y = malloc(cap * sizeof *g->y);
    g->cl = malloc(cap * sizeof *g->cl);
    if (!g->x || !g->y || !g->cl)
        return ES_ENOMEM;
    for (size_t k = 0; k < u->n; k++) {
        if (!(u->er[k] > 0 && u->followers[k] > 0) || (platform != ES_DICT_NONE && u->platform[k] != platform))
            continue;
        g->x[g->n] = log10(u->followers[k]);
        g->y[g->n] = log10(u->er[k]);
        g->cl[g->n++] = es_units_cluster(u, k);
    }
    return ES_OK;
}

int es_shape_run(const es_study *s, const es_shape_opts *o, es_results *res, es_err *err)
{
    int rc = es_sh_check(s, o, err);
    if (rc != ES_OK)
        return rc;
    const es_units *u = s->units;
    es_sh_run r = {.s = s, .o = o, .res = res};
    const char *vname = o->vcov ? o->vcov : (u->unit_post && u->account_dict ? "CR1" : "HC3");
    r.vt = (es_vcov_type)es_vcov_from_name(vname);
    r.vcov_default = o->vcov == NULL;
    es_results_setting(res, "response", es_cell_str("log10(er)"));
    es_results_setting(res, "vcov", es_cell_str(es_vcov_name(r.vt)));
    es_results_setting(res, "conf", es_cell_num(o->common.conf));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    es_results_setting(res, "knot_grid", es_cell_int(o->knot_grid));
    es_results_setting(res, "spline_df", es_cell_int(o->spline_df));
    static const char *const c1[] = {"group", "model", "n", "df", "loglik", "aic", "bic", "delta_aic",
                                     "lr_vs_linear", "lr_df", "lr_p_value", "note"};
    static const char *const c2[] = {"group", "verdict", "best_model", "evidence"};
    static const char *const c3[] = {"group", "model", "followers", "median_er"};
    static const char *const c4[] = {"group", "model", "ratio", "ci_low", "ci_high", "note"};
    es_results_table(res, "shape", "Shape of log10(ER) against log10(followers): linear, quadratic, piecewise "
                     "linear, natural spline", 12, c1, &r.shape);
    es_results_table(res, "shape_verdict", "Which shape the data support", 4, c2, &r.verdict);
    es_results_table(res, "shape_curve", "Fitted median ER of each shape model (100 log-spaced points)", 4, c3,
                     &r.curve);
    r.curve->supplementary = 1;
    if (o->ratio_num && o->ratio_den) {
        char title[200];
        snprintf(title, sizeof title, "Ratio %s/%s implied by each shape model (at the bands' median followers)",
                 o->ratio_num, o->ratio_den);
        es_results_table(res, "shape_contrast", title, 6, c4, &r.contrast);
    }
    size_t np = o->by_platform && u->platform_dict ? es_dict_size(u->platform_dict) : 0;
    if (np < 2)
        np = 0;
    for (size_t gi = 0; gi <= np && rc == ES_OK; gi++) {
        es_sh_group g;
        memset(&g, 0, sizeof g);
        uint32_t pl = gi == 0 ? ES_DICT_NONE : (uint32_t)(gi - 1);
        if (gi == 0)
            snprintf(g.label, sizeof g.label, "overall");
        else
            snprintf(g.label, sizeof g.label, "platform=%s", es_dict_str(u->platform_dict, pl));
        rc = es_sh_group_fill(u, pl, &g);
        if (rc == ES_OK)
            rc = es_sh_group_run(&r, &g);
        free(g.x), free(g.y), free(g.cl);
    }
    if (rc != ES_OK)
        return es_err_set(err, rc, "shape: %s", es_strerror(rc));
    return ES_OK;
}
