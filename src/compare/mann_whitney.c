/* mann_whitney.c — the Wilcoxon rank-sum / Mann-Whitney test (Wilcoxon 1945; Mann &
 * Whitney 1947) as R 4.2.2's wilcox.test computes it, with the exact conditional
 * distribution given ties as an option, and the rank effect sizes AUC and Cliff's
 * delta (Cliff 1993, 1996).
 *
 * Statistic: W = (sum of the midranks of x) - n1(n1+1)/2, the U of the first group.
 * Normal approximation: z = (W - n1 n2/2 - CORR) / sigma with
 *   sigma^2 = n1 n2/12 [(N+1) - sum(t^3 - t)/(N(N-1))]   (tie-corrected),
 * CORR = 0.5 sign(W - n1n2/2) two-sided, +0.5 greater, -0.5 less (continuity).
 * Exact without ties: counts of W by the recursion c(k; m, n) = c(k - n; m - 1, n) +
 * c(k; m, n - 1) (Mann & Whitney 1947), summed as R's pwilcox does.
 * Exact with ties: the permutation distribution of the midrank sum, counted by
 * dynamic programming over the tie blocks (the shift-algorithm idea of Streitberg &
 * Röhmel 1986), or a Monte Carlo permutation p when that is too large.
 * Estimate and CI: exact case, the median of all differences and the order
 * statistics at qwilcox (Bauer 1972); normal case, R's roots of the standardized
 * statistic of (x - d, y), found with Brent's (1973) zeroin exactly as R's uniroot. */
#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

static const char *const es_alt_names[] = {"two.sided", "less", "greater"};

int es_alternative_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    if (strcmp(name, "two.sided") == 0 || strcmp(name, "two-sided") == 0 || strcmp(name, "two_sided") == 0)
        return ES_ALT_TWO_SIDED;
    if (strcmp(name, "less") == 0)
        return ES_ALT_LESS;
    if (strcmp(name, "greater") == 0)
        return ES_ALT_GREATER;
    return -1;
}

const char *es_alternative_name(es_alternative a)
{
    return (unsigned)a < 3 ? es_alt_names[a] : "?";
}

void es_mw_opts_default(es_mw_opts *o)
{
    memset(o, 0, sizeof *o);
    o->alt = ES_ALT_TWO_SIDED;
    o->exact = -1;
    o->correct = 1;
    o->conf_int = 1;
    o->conf_level = 0.95;
    o->tol_root = 1e-4;
    o->perm = 9999;
    o->seed = 1;
    o->exact_ties_max = 50000000;
}

/* ------------------------------------------------------------------ exact, no ties */

#define ES_WILCOX_MAX_CELLS 20000000ULL

/* Frequencies c(k; m, n), k = 0..mn, of W under the null without ties, into a new
 * array (caller frees).  Rolling recursion over n' = 1..n for all m' <= m. */
static double *es_cwilcox_all(size_t m, size_t n)
{
    if (m > n) {
        size_t t = m;
        m = n;
        n = t;
    }
    size_t mn = m * n;
    if ((unsigned long long)(m + 1) * (mn + 1) > ES_WILCOX_MAX_CELLS)
        return NULL;
    double *a = calloc((m + 1) * (mn + 1), sizeof *a);
    if (a == NULL)
        return NULL;
    /* a[mm * (mn+1) + k] = c(k; mm, n'); with n' = 0 only c(0; mm, 0) = 1. */
    for (size_t mm = 0; mm <= m; mm++)
        a[mm * (mn + 1)] = 1;
    for (size_t nn = 1; nn <= n; nn++)
        for (size_t mm = 1; mm <= m; mm++) {
            double *cur = a + mm * (mn + 1), *prev = a + (mm - 1) * (mn + 1);
            size_t top = mm * nn;
            for (size_t k = top + 1; k-- > nn;)
                cur[k] += prev[k - nn];
        }
    double *out = malloc((mn + 1) * sizeof *out);
    if (out != NULL)
        memcpy(out, a + m * (mn + 1), (mn + 1) * sizeof *out);
    free(a);
    return out;
}

/* R's pwilcox on a precomputed frequency table. */
static double es_pwilcox_tab(const double *cw, double q, size_t m, size_t n, int lower_tail)
{
    double mn = (double)m * (double)n;
    q = floor(q + 1e-7);
    if (q < 0.0)
        return lower_tail ? 0.0 : 1.0;
    if (q >= mn)
        return lower_tail ? 1.0 : 0.0;
    double c = gsl_sf_choose((unsigned)(m + n), (unsigned)n), p = 0;
    if (q <= mn / 2) {
        for (size_t i = 0; i <= (size_t)q; i++)
            p += cw[i] / c;
    } else {
        q = mn - q;
        for (size_t i = 0; i < (size_t)q; i++)
            p += cw[i] / c;
        lower_tail = !lower_tail;
    }
    return lower_tail ? p : (0.5 - p + 0.5);
}

/* R's qwilcox on a precomputed frequency table. */
static double es_qwilcox_tab(const double *cw, double x, size_t m, size_t n)
{
    double c = gsl_sf_choose((unsigned)(m + n), (unsigned)n), p = 0;
    size_t q = 0, mn = m * n;
    if (x <= 0.5) {
        x = x - 10 * DBL_EPSILON;
        for (;;) {
            p += cw[q] / c;
            if (p >= x || q >= mn)
                break;
            q++;
        }
    } else {
        x = 1 - x + 10 * DBL_EPSILON;
        for (;;) {
            p += cw[q] / c;
            if (p > x || q >= mn) {
                q = mn - q;
                break;
            }
            q++;
        }
    }
    return (double)q;
}

double es_pwilcox(double q, size_t m, size_t n, int lower_tail)
{
    if (m == 0 || n == 0 || isnan(q))
        return NAN;
    double *cw = es_cwilcox_all(m, n);
    if (cw == NULL)
        return NAN;
    double p = es_pwilcox_tab(cw, q, m, n, lower_tail);
    free(cw);
    return p;
}

double es_qwilcox(double p, size_t m, size_t n)
{
    if (m == 0 || n == 0 || !(p >= 0 && p <= 1))
        return -1;
    if (p == 0)
        return 0;
    if (p == 1)
        return (double)(m * n);
    double *cw = es_cwilcox_all(m, n);
    if (cw == NULL)
        return -1;
    double q = es_qwilcox_tab(cw, p, m, n);
    free(cw);
    return q;
}

/* ------------------------------------------------------------------ ranks */

/* Rank sum of x (sorted, shifted by -d) in the pooled sample with y (sorted), and
 * sum(t^3 - t) over tie blocks; one merge, O(n1 + n2). */
static void es_ranksum_shift(const double *xs, size_t n1, const double *ys, size_t n2, double d,
                             double *ranksum, double *tiesum)
{
    size_t i = 0, j = 0;
    double pos = 0, rs = 0, ts = 0;
    while (i < n1 || j < n2) {
        double v;
        if (j >= n2 || (i < n1 && xs[i] - d <= ys[j]))
            v = xs[i] - d;
        else
            v = ys[j];
        double cx = 0, cy = 0;
        while (i < n1 && xs[i] - d == v) {
            i++;
            cx++;
        }
        while (j < n2 && ys[j] == v) {
            j++;
            cy++;
        }
        double t = cx + cy;
        rs += cx * (pos + (t + 1) / 2);
        ts += t * t * t - t;
        pos += t;
    }
    *ranksum = rs;
    *tiesum = ts;
}

/* ------------------------------------------------------------------ R's uniroot */

typedef struct es_wfun {
    const double *xs, *ys;
    size_t n1, n2;
    es_alternative alt;
    int correct;
    double zq;
} es_wfun;

/* R's W(d) - zq inside wilcox.test's confidence interval code. */
static double es_wfun_eval(const es_wfun *w, double d)
{
    double rs, ts, n1 = (double)w->n1, n2 = (double)w->n2;
    es_ranksum_shift(w->xs, w->n1, w->ys, w->n2, d, &rs, &ts);
    double dz = rs - n1 * (n1 + 1) / 2 - n1 * n2 / 2;
    double corr = 0;
    if (w->correct) {
        if (w->alt == ES_ALT_TWO_SIDED)
            corr = dz > 0 ? 0.5 : (dz < 0 ? -0.5 : 0);
        else
            corr = w->alt == ES_ALT_GREATER ? 0.5 : -0.5;
    }
    double sigma = sqrt((n1 * n2 / 12) * ((n1 + n2 + 1) - ts / ((n1 + n2) * (n1 + n2 - 1))));
    return (dz - corr) / sigma - w->zq;
}

/* Brent's zeroin as in R's R_zeroin2 (stats/src/zeroin.c), maxit 1000. */
static double es_zeroin(const es_wfun *w, double ax, double bx, double fa, double fb, double tol)
{
    double a = ax, b = bx, c = a, fc = fa;
    int maxit = 1000 + 1;
    if (fa == 0.0)
        return a;
    if (fb == 0.0)
        return b;
    while (maxit--) {
        double prev_step = b - a, tol_act, p, q, new_step;
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        tol_act = 2 * DBL_EPSILON * fabs(b) + tol / 2;
        new_step = (c - b) / 2;
        if (fabs(new_step) <= tol_act || fb == 0.0)
            return b;
        if (fabs(prev_step) >= tol_act && fabs(fa) > fabs(fb)) {
            double t1, cb, t2;
            cb = c - b;
            if (a == c) {
                t1 = fb / fa;
                p = cb * t1;
                q = 1.0 - t1;
            } else {
                q = fa / fc;
                t1 = fb / fc;
                t2 = fb / fa;
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
            }
            if (p > 0.0)
                q = -q;
            else
                p = -p;
            if (p < (0.75 * cb * q - fabs(tol_act * q) / 2) && p < fabs(prev_step * q / 2))
                new_step = p / q;
        }
        if (fabs(new_step) < tol_act)
            new_step = new_step > 0.0 ? tol_act : -tol_act;
        a = b;
        fa = fb;
        b += new_step;
        fb = es_wfun_eval(w, b);
        if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
            c = a;
            fc = fa;
        }
    }
    return b;
}

/* ------------------------------------------------------------------ exact with ties */

typedef struct es_block {
    double score; /* twice the midrank: an integer */
    size_t t;     /* tie block size */
} es_block;

/* P(S <= s_obs) and P(S >= s_obs) for S the sum of doubled midranks of a random
 * n1-subset, by DP over tie blocks: f_j(s) += f(j - a, s - a score) C(t, a).
 * Returns ES_EDOM when the table would exceed max_cells. */
static int es_exact_ties(const es_block *bl, size_t nb, size_t n1, size_t N, double s_obs,
                         size_t max_cells, double *p_le, double *p_ge)
{
    /* Subtract the smallest score from all: sums range over 0..n1 * (max - min). */
    double smin = bl[0].score, smax = bl[nb - 1].score;
    size_t range = (size_t)(smax - smin);
    size_t S = n1 * range;
    /* Memory (n1+1)(S+1) cells; work at most N (n1+1)(S+1) updates. */
    if ((double)(n1 + 1) * (double)(S + 1) > (double)max_cells ||
        (double)N * (double)(n1 + 1) * (double)(S + 1) > 4.0 * (double)max_cells)
        return ES_EDOM;
    double *f = calloc((n1 + 1) * (S + 1), sizeof *f);
    if (f == NULL)
        return es_error(ES_ENOMEM);
    f[0] = 1;
    size_t used = 0; /* values placed so far */
    for (size_t b = 0; b < nb; b++) {
        size_t sc = (size_t)(bl[b].score - smin), t = bl[b].t;
        used += t;
        /* In place: j descending so f(j - a) is still from the previous blocks. */
        size_t jmax = used < n1 ? used : n1;
        for (size_t j = jmax; j >= 1; j--) {
            double *row = f + j * (S + 1);
            size_t amax = t < j ? t : j;
            for (size_t s = S + 1; s-- > 0;) {
                double add = 0, cta = 1;
                for (size_t a = 1; a <= amax; a++) {
                    cta = cta * (double)(t - a + 1) / (double)a;
                    if (a * sc > s)
                        break;
                    add += f[(j - a) * (S + 1) + s - a * sc] * cta;
                }
                row[s] += add;
            }
        }
    }
    double total = 0, le = 0, ge = 0;
    double obs = s_obs - (double)n1 * smin;
    const double *row = f + n1 * (S + 1);
    for (size_t s = 0; s <= S; s++) {
        total += row[s];
        if ((double)s <= obs + 0.5)
            le += row[s];
        if ((double)s >= obs - 0.5)
            ge += row[s];
    }
    *p_le = fmin(1.0, le / total);
    *p_ge = fmin(1.0, ge / total);
    free(f);
    return ES_OK;
}

/* Monte Carlo permutation p for the doubled-midrank sum: (b+1)/(m+1) per tail. */
static int es_perm_ranks(const double *score, size_t N, size_t n1, double s_obs, size_t m,
                         unsigned long seed, double *p_le, double *p_ge)
{
    double *work = malloc(N * sizeof *work);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (work == NULL || rng == NULL) {
        free(work);
        if (rng)
            gsl_rng_free(rng);
        return es_error(ES_ENOMEM);
    }
    gsl_rng_set(rng, seed);
    memcpy(work, score, N * sizeof *work);
    /* Draw the smaller group; the first group's sum is the total minus the other's. */
    double total = 0;
    for (size_t i = 0; i < N; i++)
        total += score[i];
    size_t ns = n1 <= N - n1 ? n1 : N - n1;
    size_t ble = 0, bge = 0;
    for (size_t r = 0; r < m; r++) {
        double s = 0;
        /* Partial Fisher-Yates: the first ns slots are a uniform random subset. */
        for (size_t i = 0; i < ns; i++) {
            size_t j = i + gsl_rng_uniform_int(rng, N - i);
            double tmp = work[i];
            work[i] = work[j];
            work[j] = tmp;
            s += work[i];
        }
        if (ns != n1)
            s = total - s;
        if (s <= s_obs + 0.5)
            ble++;
        if (s >= s_obs - 0.5)
            bge++;
    }
    *p_le = ((double)ble + 1) / ((double)m + 1);
    *p_ge = ((double)bge + 1) / ((double)m + 1);
    free(work);
    gsl_rng_free(rng);
    return ES_OK;
}

/* ------------------------------------------------------------------ the test */

static double es_p_from_tails(es_alternative alt, double p_le, double p_ge)
{
    if (alt == ES_ALT_LESS)
        return p_le;
    if (alt == ES_ALT_GREATER)
        return p_ge;
    return fmin(1.0, 2 * fmin(p_le, p_ge));
}

/* Cliff's delta, its consistent SE and asymmetric CI (Cliff 1993, Psychol. Bull.
 * 114:494, eq. for s_d^2; Cliff 1996, Ordinal Methods, eq. 3.8; Feng & Cliff 2004).
 * d_ij = sign(x_i - y_j); row and column means from counts in the sorted arrays. */
static void es_cliff(const double *xs, size_t n1, const double *ys, size_t n2, double zcrit,
                     es_mw_result *r)
{
    double N1 = (double)n1, N2 = (double)n2, ties = 0, gt = 0;
    long double srow = 0, scol = 0;
    size_t lo = 0, hi = 0;
    /* Rows: for each x_i, #y < x_i and #y > x_i. */
    double sum_gt = 0, sum_lt = 0;
    for (size_t i = 0; i < n1; i++) {
        while (lo < n2 && ys[lo] < xs[i])
            lo++;
        if (hi < lo)
            hi = lo;
        while (hi < n2 && ys[hi] <= xs[i])
            hi++;
        double below = (double)lo, above = (double)(n2 - hi);
        sum_gt += below;
        sum_lt += above;
        ties += (double)(hi - lo);
        (void)gt;
    }
    double delta = (sum_gt - sum_lt) / (N1 * N2);
    lo = hi = 0;
    for (size_t i = 0; i < n1; i++) {
        while (lo < n2 && ys[lo] < xs[i])
            lo++;
        if (hi < lo)
            hi = lo;
        while (hi < n2 && ys[hi] <= xs[i])
            hi++;
        double di = ((double)lo - (double)(n2 - hi)) / N2 - delta;
        srow += (long double)di * di;
    }
    lo = hi = 0;
    for (size_t j = 0; j < n2; j++) {
        while (lo < n1 && xs[lo] < ys[j])
            lo++;
        if (hi < lo)
            hi = lo;
        while (hi < n1 && xs[hi] <= ys[j])
            hi++;
        /* d_ij for fixed j: +1 for x above y_j, -1 below. */
        double dj = ((double)(n1 - hi) - (double)lo) / N1 - delta;
        scol += (long double)dj * dj;
    }
    double sdd = (N1 * N2 - ties) - N1 * N2 * delta * delta; /* sum (d_ij - delta)^2 */
    r->cliff_delta = delta;
    r->auc = (delta + 1) / 2;
    /* |delta| = 1 (complete separation): s = 0 and the interval is 0/0 (R: NaN), not [delta, delta]. */
    if (n1 < 2 || n2 < 2 || fabs(delta) == 1) {
        r->cliff_se = r->cliff_ci_low = r->cliff_ci_high = NAN;
        r->auc_ci_low = r->auc_ci_high = NAN;
        return;
    }
    double v = (N2 * N2 * (double)srow + N1 * N1 * (double)scol - sdd) / (N1 * N2 * (N1 - 1) * (N2 - 1));
    /* Cliff's lower bound on the variance estimate. */
    double vmin = (1 - delta * delta) / (N1 * N2 - 1);
    if (v < vmin)
        v = vmin;
    double s = sqrt(v), d2 = delta * delta, zs = zcrit * s;
    double den = 1 - d2 + zs * zs;
    r->cliff_se = s;
    if (den > 0) {
        double rad = zs * sqrt((1 - d2) * (1 - d2) + zs * zs);
        r->cliff_ci_low = (delta - delta * d2 - rad) / den;
        r->cliff_ci_high = (delta - delta * d2 + rad) / den;
    } else {
        r->cliff_ci_low = r->cliff_ci_high = delta;
    }
    r->auc_ci_low = (1 + r->cliff_ci_low) / 2;
    r->auc_ci_high = (1 + r->cliff_ci_high) / 2;
}

int es_mw_test(const double *x, size_t n1in, const double *y, size_t n2in, const es_mw_opts *o,
               es_mw_result *r)
{
    es_mw_opts def;
    if (o == NULL) {
        es_mw_opts_default(&def);
        o = &def;
    }
    memset(r, 0, sizeof *r);
    r->z = r->p_value = r->log_p_value = r->p_normal = NAN;
    r->estimate = r->ci_low = r->ci_high = r->conf_level = r->hl = NAN;
    r->auc = r->cliff_delta = r->cliff_se = r->cliff_ci_low = r->cliff_ci_high = NAN;
    r->auc_ci_low = r->auc_ci_high = NAN;
    r->w = NAN;
    if ((unsigned)o->alt > ES_ALT_GREATER || !(o->conf_level > 0 && o->conf_level < 1))
        return es_error(ES_EINVAL);
    double *xs = malloc((n1in ? n1in : 1) * sizeof *xs), *ys = malloc((n2in ? n2in : 1) * sizeof *ys);
    double *score = NULL, *cw = NULL;
    es_block *bl = NULL;
    int rc = ES_OK;
    if (xs == NULL || ys == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    size_t n1 = 0, n2 = 0;
    for (size_t i = 0; i < n1in; i++)
        if (isfinite(x[i]))
            xs[n1++] = x[i];
    for (size_t i = 0; i < n2in; i++)
        if (isfinite(y[i]))
            ys[n2++] = y[i];
    r->n1 = n1;
    r->n2 = n2;
    if (n1 == 0 || n2 == 0) {
        rc = es_error(ES_EEMPTY);
        goto done;
    }
    qsort(xs, n1, sizeof *xs, es_cmp_double);
    qsort(ys, n2, sizeof *ys, es_cmp_double);
    double N1 = (double)n1, N2 = (double)n2, N = N1 + N2;
    double rs, ts;
    es_ranksum_shift(xs, n1, ys, n2, 0.0, &rs, &ts);
    r->ties = ts > 0;
    r->w = rs - N1 * (N1 + 1) / 2;

    /* Normal approximation (always computed, as R 4.2.2 does with ties). */
    double z0 = r->w - N1 * N2 / 2, corr = 0;
    if (o->correct)
        corr = o->alt == ES_ALT_TWO_SIDED ? (z0 > 0 ? 0.5 : (z0 < 0 ? -0.5 : 0))
                                          : (o->alt == ES_ALT_GREATER ? 0.5 : -0.5);
    double sigma = sqrt((N1 * N2 / 12) * ((N + 1) - ts / (N * (N - 1))));
    double z = sigma > 0 ? (z0 - corr) / sigma : NAN;
    r->z = z;
    double pn, lpn;
    if (isnan(z)) {
        pn = lpn = NAN;
    } else if (o->alt == ES_ALT_LESS) {
        pn = gsl_cdf_ugaussian_P(z);
        lpn = es_log_ugaussian_Q(-z);
    } else if (o->alt == ES_ALT_GREATER) {
        pn = gsl_cdf_ugaussian_Q(z);
        lpn = es_log_ugaussian_Q(z);
    } else {
        double a = fabs(z);
        pn = 2 * gsl_cdf_ugaussian_Q(a);
        lpn = es_log_ugaussian_Q(a) + M_LN2;
        if (pn > 1) {
            pn = 1;
            lpn = 0;
        }
    }
    r->p_normal = pn;
    r->p_value = pn;
    r->log_p_value = lpn;
    r->method = ES_MW_NORMAL;

    int want_exact = o->exact < 0 ? (n1 < 50 && n2 < 50 && !r->ties) : o->exact > 0;
    int exact_noties = 0;
    if (want_exact && !r->ties) {
        cw = es_cwilcox_all(n1, n2);
        if (cw != NULL) {
            exact_noties = 1;
            double W = r->w, p;
            if (o->alt == ES_ALT_TWO_SIDED) {
                p = W > N1 * N2 / 2 ? es_pwilcox_tab(cw, W - 1, n1, n2, 0) : es_pwilcox_tab(cw, W, n1, n2, 1);
                p = fmin(2 * p, 1.0);
            } else if (o->alt == ES_ALT_GREATER) {
                p = es_pwilcox_tab(cw, W - 1, n1, n2, 0);
            } else {
                p = es_pwilcox_tab(cw, W, n1, n2, 1);
            }
            r->p_value = p;
            r->log_p_value = log(p);
            r->method = ES_MW_EXACT;
        }
    } else if (want_exact && r->ties) {
        /* Doubled midranks of the pooled sample, by tie block. */
        score = malloc((n1 + n2) * sizeof *score);
        bl = malloc((n1 + n2) * sizeof *bl);
        if (score == NULL || bl == NULL) {
            rc = es_error(ES_ENOMEM);
            goto done;
        }
        size_t i = 0, j = 0, nb = 0, pos = 0;
        while (i < n1 || j < n2) {
            double v = (j >= n2 || (i < n1 && xs[i] <= ys[j])) ? xs[i] : ys[j];
            size_t t = 0;
            while (i < n1 && xs[i] == v) {
                i++;
                t++;
            }
            while (j < n2 && ys[j] == v) {
                j++;
                t++;
            }
            double sc = (double)(2 * pos + t + 1); /* 2 * midrank */
            for (size_t q = 0; q < t; q++)
                score[pos + q] = sc;
            bl[nb++] = (es_block){sc, t};
            pos += t;
        }
        double s_obs = 2 * rs, ple = NAN, pge = NAN;
        size_t maxc = o->exact_ties_max ? o->exact_ties_max : 50000000;
        int e = es_exact_ties(bl, nb, n1, n1 + n2, s_obs, maxc, &ple, &pge);
        if (e == ES_OK) {
            r->method = ES_MW_EXACT_TIES;
        } else if (e == ES_EDOM) {
            e = es_perm_ranks(score, n1 + n2, n1, s_obs, o->perm ? o->perm : 9999, o->seed, &ple, &pge);
            if (e != ES_OK) {
                rc = e;
                goto done;
            }
            r->method = ES_MW_PERMUTATION;
        } else {
            rc = e;
            goto done;
        }
        r->p_value = es_p_from_tails(o->alt, ple, pge);
        r->log_p_value = log(r->p_value);
    }

    /* Hodges-Lehmann shift: median of all differences, by selection. */
    {
        unsigned long long NN = (unsigned long long)n1 * n2;
        double a, b = 0;
        rc = es_diff_select_sorted(xs, n1, ys, n2, (NN + 1) / 2, &a);
        if (rc == ES_OK && NN % 2 == 0)
            rc = es_diff_select_sorted(xs, n1, ys, n2, NN / 2 + 1, &b);
        if (rc != ES_OK)
            goto done;
        r->hl = NN % 2 ? a : (double)(((long double)a + b) / 2);
    }
    double alpha = 1 - o->conf_level;
    es_cliff(xs, n1, ys, n2, gsl_cdf_ugaussian_Qinv(alpha / 2), r);

    if (o->conf_int) {
        r->conf_level = o->conf_level;
        if (exact_noties) {
            /* Bauer (1972): order statistics of the differences at qwilcox. */
            unsigned long long mn = (unsigned long long)n1 * n2;
            double qu, achieved;
            double lo = -INFINITY, hi = INFINITY;
            if (o->alt == ES_ALT_TWO_SIDED) {
                qu = es_qwilcox_tab(cw, alpha / 2, n1, n2);
                if (qu == 0)
                    qu = 1;
                unsigned long long ql = mn - (unsigned long long)qu;
                achieved = 2 * es_pwilcox_tab(cw, trunc(qu) - 1, n1, n2, 1);
                rc = es_diff_select_sorted(xs, n1, ys, n2, (unsigned long long)qu, &lo);
                if (rc == ES_OK)
                    rc = es_diff_select_sorted(xs, n1, ys, n2, ql + 1, &hi);
            } else if (o->alt == ES_ALT_GREATER) {
                qu = es_qwilcox_tab(cw, alpha, n1, n2);
                if (qu == 0)
                    qu = 1;
                achieved = es_pwilcox_tab(cw, trunc(qu) - 1, n1, n2, 1);
                rc = es_diff_select_sorted(xs, n1, ys, n2, (unsigned long long)qu, &lo);
            } else {
                qu = es_qwilcox_tab(cw, alpha, n1, n2);
                if (qu == 0)
                    qu = 1;
                unsigned long long ql = mn - (unsigned long long)qu;
                achieved = es_pwilcox_tab(cw, trunc(qu) - 1, n1, n2, 1);
                rc = es_diff_select_sorted(xs, n1, ys, n2, ql + 1, &hi);
            }
            if (rc != ES_OK)
                goto done;
            if (achieved - alpha > alpha / 2)
                r->conf_level = 1 - achieved;
            r->ci_low = lo;
            r->ci_high = hi;
            r->estimate = r->hl;
        } else {
            /* R 4.2.2's asymptotic interval: roots of the standardized statistic. */
            es_wfun wf = {xs, ys, n1, n2, o->alt, o->correct, 0.0};
            double mumin = xs[0] - ys[n2 - 1], mumax = xs[n1 - 1] - ys[0];
            double wmin = es_wfun_eval(&wf, mumin), wmax = es_wfun_eval(&wf, mumax);
            if (!isfinite(wmin) || !isfinite(wmax)) {
                /* All values tied at an end of the range: sigma = 0, so the statistic is
                 * NaN (two-sided) or infinite (one-sided, which gave a bound at that
                 * end); R stops with an error for every alternative: no interval. */
                r->ci_low = r->ci_high = r->estimate = NAN;
                goto done;
            }
            double tol = o->tol_root > 0 ? o->tol_root : 1e-4;
            double zq_hi = gsl_cdf_ugaussian_Qinv(o->alt == ES_ALT_TWO_SIDED ? alpha / 2 : alpha);
            double zq_lo = gsl_cdf_ugaussian_Pinv(o->alt == ES_ALT_TWO_SIDED ? alpha / 2 : alpha);
            double lo = -INFINITY, hi = INFINITY;
            if (o->alt != ES_ALT_LESS) {
                wf.zq = zq_hi;
                double fl = wmin - zq_hi, fu = wmax - zq_hi;
                lo = fl <= 0 ? mumin : (fu >= 0 ? mumax : es_zeroin(&wf, mumin, mumax, fl, fu, tol));
            }
            if (o->alt != ES_ALT_GREATER) {
                wf.zq = zq_lo;
                double fl = wmin - zq_lo, fu = wmax - zq_lo;
                hi = fl <= 0 ? mumin : (fu >= 0 ? mumax : es_zeroin(&wf, mumin, mumax, fl, fu, tol));
            }
            r->ci_low = lo;
            r->ci_high = hi;
            /* The estimate: R sets correct <- FALSE before this root. */
            wf.correct = 0;
            wf.zq = 0;
            double f0 = es_wfun_eval(&wf, mumin), f1 = es_wfun_eval(&wf, mumax);
            if (isnan(f0) || isnan(f1))
                r->estimate = NAN;
            else
                r->estimate = es_zeroin(&wf, mumin, mumax, f0, f1, tol);
        }
    }
done:
    free(xs);
    free(ys);
    free(score);
    free(bl);
    free(cw);
    return rc;
}
