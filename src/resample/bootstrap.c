/* bootstrap.c — seeded nonparametric bootstrap (one sample, clusters, two samples),
 * computed in parallel with pthreads, with percentile and BCa intervals.
 *
 * References: Efron (1987, JASA 82:171) BCa; Efron & Tibshirani (1993, An Introduction
 * to the Bootstrap, ch. 11 and 14) jackknife acceleration, grouped jackknife; Davison &
 * Hinkley (1997, Bootstrap Methods and their Application, sec. 2.7, 3.2, 5.3) influence
 * values, multi-sample acceleration and the norm.inter interpolation that boot::boot.ci
 * uses; Steele, Lea & Flood (2014) splitmix64.
 *
 * Reproducibility: replicate b draws only from its own generator, seeded from (seed, b),
 * and writes only t[b]; jackknife deletion j writes only its own slot; every reduction
 * runs serially afterwards in index order.  So the thread count changes who computes a
 * number, never the number.
 *
 * The median (and the ratio and difference of medians) does not draw n values per
 * replicate: the median of a resample is an order statistic of n draws on the sorted
 * data's ranks, drawn by recursive binomial splitting of the ranks, O(log n) per
 * replicate, with exactly the law of the ordinary bootstrap median (not the same
 * draws); that law is a binomial sum (Efron 1979, Ann. Statist. 7:1, sec. 3; Efron 1982, The Jackknife,
 * the Bootstrap and Other Resampling Plans). */
#include "engagestat/bootstrap.h"
#include "engagestat/descriptive.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"
#include "engagestat/select.h"
#include "engagestat/threads.h"

#include "core/progress.h"
#include "core/ranks.h"
#include "core/rng.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define ES_BOOT_JACK_MAX_DEFAULT 1000
#define ES_BOOT_MAX_N 4294967295.0 /* gsl_rng_uniform_int(mt19937) accepts n < 2^32 */

void es_boot_opts_default(es_boot_opts *o)
{
    if (o == NULL)
        return;
    o->B = 2000;
    o->seed = 1;
    o->threads = 0;
    o->conf = 0.95;
    o->jack_max = 0;
    o->replicates = NULL;
}

double es_boot_stat_mean(const double *x, size_t n, void *ctx)
{
    (void)ctx;
    double m;
    return es_mean(x, n, &m) == ES_OK ? m : NAN;
}

double es_boot_stat_median(const double *x, size_t n, void *ctx)
{
    (void)ctx;
    if (n == 0 || n > SIZE_MAX / sizeof(double))
        return NAN;
    double *w = malloc(n * sizeof *w);
    if (w == NULL)
        return NAN;
    double m = es_median_scratch(x, n, w);
    free(w);
    return m;
}

double es_boot_stat2_ratio_medians(const double *x, size_t nx, const double *y, size_t ny,
                                   void *ctx)
{
    return es_boot_stat_median(x, nx, ctx) / es_boot_stat_median(y, ny, ctx);
}

double es_boot_stat2_diff_medians(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat_median(x, nx, ctx) - es_boot_stat_median(y, ny, ctx);
}

double es_boot_stat2_diff_means(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat_mean(x, nx, ctx) - es_boot_stat_mean(y, ny, ctx);
}

int es_ratio_of_medians(const double *x, size_t nx, const double *y, size_t ny, const es_boot_opts *bo,
                        es_ratio_ci *r)
{
    r->perc_lo = r->perc_hi = r->bca_lo = r->bca_hi = NAN;
    r->has_ci = 0;
    r->estimate = NAN;
    if (nx == 0 || ny == 0)
        return ES_OK;
    double my = es_boot_stat_median(y, ny, NULL), mx = es_boot_stat_median(x, nx, NULL);
    if (!(my > 0) || isnan(mx))
        return ES_OK;
    r->estimate = mx / my;
    if (bo == NULL || bo->B == 0)
        return ES_OK;
    es_boot_result br;
    int rc = es_boot_two(x, nx, y, ny, es_boot_stat2_ratio_medians, NULL, bo, &br);
    if (rc == ES_ENOMEM)
        return rc;
    if (rc == ES_OK) {
        r->perc_lo = br.perc_lo;
        r->perc_hi = br.perc_hi;
        r->bca_lo = br.bca_lo;
        r->bca_hi = br.bca_hi;
        r->has_ci = 1;
    }
    return ES_OK;
}

/* splitmix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mix. */
static uint64_t es_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t es_boot_stream_seed(uint64_t seed, uint64_t b)
{
    return es_mix64(es_mix64(seed) + (b + 1) * UINT64_C(0x9e3779b97f4a7c15));
}

/* ------------------------------------------------------------------ interval formulas */

/* Sorted copy of the finite values of t (as boot.ci: t <- t[is.finite(t)]). */
static int es_finite_sorted(const double *t, size_t B, double **out, size_t *m)
{
    *out = NULL;
    *m = 0;
    if (B > SIZE_MAX / sizeof(double))
        return es_error(ES_ENOMEM);
    double *s = malloc((B ? B : 1) * sizeof *s);
    if (s == NULL)
        return es_error(ES_ENOMEM);
    size_t k = 0;
    for (size_t i = 0; i < B; i++)
        if (isfinite(t[i]))
            s[k++] = t[i];
    qsort(s, k, sizeof *s, es_cmp_double);
    *out = s;
    *m = k;
    return ES_OK;
}

/* boot:::norm.inter (boot 1.3-28; Davison & Hinkley 1997, sec. 5.2) for one alpha on
 * sorted finite replicates ts[0..R): rk = (R + 1) alpha, k = trunc(rk); an integer rk
 * gives ts[k]; k = 0 the smallest and k = R the largest value; otherwise interpolation
 * on the normal quantile scale between ts[k] and ts[k + 1] (1-based). */
static double es_norm_inter(const double *ts, size_t R, double alpha)
{
    if (isnan(alpha))
        return NAN;
    double rk = ((double)R + 1) * alpha;
    double fk = trunc(rk);
    if (fk <= 0)
        return ts[0];
    if (fk >= (double)R)
        return ts[R - 1];
    size_t k = (size_t)fk;
    if (fk == rk)
        return ts[k - 1];
    double z = gsl_cdf_ugaussian_Pinv(alpha);
    double zk = gsl_cdf_ugaussian_Pinv(fk / ((double)R + 1));
    double zk1 = gsl_cdf_ugaussian_Pinv((fk + 1) / ((double)R + 1));
    double tk = ts[k - 1], tk1 = ts[k];
    return tk + (z - zk) / (zk1 - zk) * (tk1 - tk);
}

static int es_check_conf_ci(const double *t, size_t B, double conf, double ci[2])
{
    if (ci == NULL)
        return es_error(ES_EINVAL);
    ci[0] = ci[1] = NAN;
    if (t == NULL && B > 0)
        return es_error(ES_EINVAL);
    if (!(conf > 0 && conf < 1))
        return es_error(ES_EINVAL);
    return ES_OK;
}

int es_boot_ci_percentile(const double *t, size_t B, double conf, double ci[2])
{
    int rc = es_check_conf_ci(t, B, conf, ci);
    if (rc != ES_OK)
        return rc;
    double *ts;
    size_t R;
    if ((rc = es_finite_sorted(t, B, &ts, &R)) != ES_OK)
        return rc;
    if (R == 0) {
        free(ts);
        return es_error(ES_EEMPTY);
    }
    /* alpha exactly as perc.ci: (1 + c(-conf, conf)) / 2 */
    ci[0] = es_norm_inter(ts, R, (1 - conf) / 2);
    ci[1] = es_norm_inter(ts, R, (1 + conf) / 2);
    free(ts);
    return ES_OK;
}

/* z0 on sorted finite replicates: Efron (1987) with ties counted one half. */
static double es_z0_sorted(double t0, const double *ts, size_t R)
{
    size_t below = 0, equal = 0;
    for (size_t i = 0; i < R; i++) {
        if (ts[i] < t0)
            below++;
        else if (ts[i] == t0)
            equal++;
    }
    return gsl_cdf_ugaussian_Pinv(((double)below + 0.5 * (double)equal) / (double)R);
}

int es_boot_bca_z0(double t0, const double *t, size_t B, double *z0)
{
    if (z0 == NULL)
        return es_error(ES_EINVAL);
    *z0 = NAN;
    if (t == NULL && B > 0)
        return es_error(ES_EINVAL);
    double *ts;
    size_t R;
    int rc = es_finite_sorted(t, B, &ts, &R);
    if (rc != ES_OK)
        return rc;
    if (R == 0) {
        free(ts);
        return es_error(ES_EEMPTY);
    }
    *z0 = es_z0_sorted(t0, ts, R);
    free(ts);
    return isfinite(*z0) ? ES_OK : es_error(ES_EDOM);
}

int es_boot_accel(const double *L, size_t n, double *a)
{
    if (a == NULL)
        return es_error(ES_EINVAL);
    *a = NAN;
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (L == NULL)
        return es_error(ES_EINVAL);
    /* a = sum L^3 / (6 (sum L^2)^1.5): Efron (1987), as boot::bca.ci computes it. */
    double s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++) {
        s2 += L[i] * L[i];
        s3 += L[i] * L[i] * L[i];
    }
    *a = s3 / (6 * pow(s2, 1.5));
    return isfinite(*a) ? ES_OK : es_error(ES_EDOM);
}

/* BCa endpoints on sorted finite replicates, given z0 and a (Efron 1987):
 * adjusted levels pnorm(z0 + (z0 + z)/(1 - a (z0 + z))), z = qnorm((1 -+ conf)/2). */
static void es_bca_sorted(const double *ts, size_t R, double z0, double a, double conf,
                          double ci[2])
{
    double alpha[2] = {(1 - conf) / 2, (1 + conf) / 2};
    for (int i = 0; i < 2; i++) {
        double z = gsl_cdf_ugaussian_Pinv(alpha[i]);
        double adj = gsl_cdf_ugaussian_P(z0 + (z0 + z) / (1 - a * (z0 + z)));
        ci[i] = es_norm_inter(ts, R, adj);
    }
}

int es_boot_ci_bca(double t0, const double *t, size_t B, const double *L, size_t n,
                   double conf, double ci[2])
{
    int rc = es_check_conf_ci(t, B, conf, ci);
    if (rc != ES_OK)
        return rc;
    double a;
    if ((rc = es_boot_accel(L, n, &a)) != ES_OK)
        return rc;
    double *ts;
    size_t R;
    if ((rc = es_finite_sorted(t, B, &ts, &R)) != ES_OK)
        return rc;
    if (R == 0) {
        free(ts);
        return es_error(ES_EEMPTY);
    }
    double z0 = es_z0_sorted(t0, ts, R);
    if (!isfinite(z0)) {
        free(ts);
        return es_error(ES_EDOM);
    }
    es_bca_sorted(ts, R, z0, a, conf, ci);
    free(ts);
    if (isnan(ci[0]) || isnan(ci[1])) {
        ci[0] = ci[1] = NAN;
        return es_error(ES_EDOM);
    }
    return ES_OK;
}

/* ------------------------------------------------------------------ parallel engine */

enum { ES_JOB_ONE, ES_JOB_CLUSTER, ES_JOB_TWO, ES_JOB_JACK_ONE, ES_JOB_JACK_CLUSTER,
       ES_JOB_JACK_TWO };

/* One batch of independent computations out[0..count), shared by all workers. */
typedef struct es_boot_job {
    int kind;
    const double *x;     /* one-sample data; two-sample x; cluster values grouped */
    size_t n;
    const double *y;     /* two-sample y */
    size_t ny;
    const size_t *start; /* clusters: values of cluster c are x[start[c]..start[c+1]) */
    size_t G;
    es_boot_stat_fn stat;
    es_boot_stat2_fn stat2;
    void *ctx;
    uint64_t seed;
    size_t mx, my;       /* jackknife: deletions (groups) in x / clusters, and in y */
    size_t count;
    double *out;
    unsigned nthreads;
    /* Median fast path: x (and y) sorted, and the rank of each original value (for the
     * jackknife).  A resample's median is then an order statistic of n draws on the
     * ranks, drawn by binomial splitting in O(log n) (es_order_rank), with the law of
     * the median of n values drawn with replacement. */
    const double *xs, *ys;
    const uint32_t *xr, *yr;
    int diff;            /* two samples: 1 for median(x) - median(y), 0 for the ratio */
    es_progress *prog;   /* shown on a terminal when the job is long (core/progress.h) */
} es_boot_job;

typedef struct es_boot_worker {
    es_boot_job *job;
    unsigned id;
    int rc;
    int started;
    pthread_t th;
} es_boot_worker;

/* Grow *buf to hold at least need doubles. */
static int es_reserve(double **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return ES_OK;
    if (need > SIZE_MAX / sizeof(double))
        return es_error(ES_ENOMEM);
    double *p = realloc(*buf, need * sizeof *p);
    if (p == NULL)
        return es_error(ES_ENOMEM);
    *buf = p;
    *cap = need;
    return ES_OK;
}

/* Copy x[0..n) without the units of jackknife group j out of m groups (group of i is
 * i mod m; m = n deletes the single value j) into buf; returns the count. */
static size_t es_jack_copy(const double *x, size_t n, size_t m, size_t j, double *buf)
{
    size_t k = 0;
    if (m >= n) {
        memcpy(buf, x, j * sizeof *buf);
        memcpy(buf + j, x + j + 1, (n - j - 1) * sizeof *buf);
        return n - 1;
    }
    for (size_t i = 0; i < n; i++)
        if (i % m != j)
            buf[k++] = x[i];
    return k;
}

static int es_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Median of sorted data without jackknife group j of m (the values x[i], i mod m = j,
 * or x[j] alone when m >= n), from the ranks of the deleted values: the k-th remaining
 * order statistic is found by stepping over the deleted ranks (ascending). */
static double es_median_deleted(const double *xs, const uint32_t *xr, size_t n, size_t m, size_t j,
                                uint32_t *del)
{
    size_t g = 0;
    if (m >= n)
        del[g++] = xr[j];
    else
        for (size_t i = j; i < n; i += m)
            del[g++] = xr[i];
    qsort(del, g, sizeof *del, es_cmp_u32);
    size_t nr = n - g, hi_k = nr / 2, lo_k = nr % 2 ? hi_k : hi_k - 1;
    size_t k[2] = {lo_k, hi_k};
    double v[2];
    for (int t = 0; t < 2; t++) {
        size_t pos = k[t];
        for (size_t d = 0; d < g && del[d] <= pos; d++)
            pos++;
        v[t] = xs[pos];
    }
    return nr % 2 ? v[1] : 0.5 * v[0] + 0.5 * v[1];
}

/* The two-sample statistics of the fast path, from the two medians. */
static double es_two_medians(double mx, double my, int diff)
{
    return diff ? mx - my : mx / my;
}

/* Median of sorted data, as es_median_scratch computes it. */
static double es_median_sorted(const double *xs, size_t n)
{
    return n % 2 ? xs[n / 2] : 0.5 * xs[n / 2 - 1] + 0.5 * xs[n / 2];
}

/* Rank (0-based, in [lo, hi)) of the k-th smallest (0-based) of c draws that fall
 * uniformly on the ranks [lo, hi), drawn without drawing the c values: the number of
 * them in the left half [lo, mid) is Binomial(c, (mid - lo)/(hi - lo)), and given it
 * the two halves are independent multinomials (the conditional law of a multinomial),
 * so the descent toward the half that holds the k-th keeps the exact law of the
 * order statistic of a resample (whose law is a binomial sum: Efron 1979, sec. 3).
 * O(log(hi - lo)) binomial draws.  gsl_ran_binomial (GSL 2.7 randist/binomial_tpe.c)
 * is exact up to rounding: inversion below mean 14, else the BTPE rejection of
 * Kachitvichyanukul & Schmeiser (1988), accepting by the exact ratio of
 * probabilities within 20 of the mode and by Stirling's series (five terms) beyond. */
static size_t es_order_rank(gsl_rng *rng, size_t lo, size_t hi, size_t c, size_t k)
{
    while (hi - lo > 1) {
        if (c == 1)
            return lo + gsl_rng_uniform_int(rng, (unsigned long)(hi - lo));
        size_t mid = lo + (hi - lo) / 2;
        size_t left = gsl_ran_binomial(rng, (double)(mid - lo) / (double)(hi - lo), (unsigned)c);
        if (k < left) {
            hi = mid;
            c = left;
        } else {
            lo = mid;
            c -= left;
            k -= left;
        }
    }
    return lo;
}

/* Ranks r[0] <= r[1] of the order statistics k1 <= k2 (0-based) of a resample of n
 * values drawn on the ranks [0, n): as es_order_rank, both follow one path until the
 * split point falls between them; then each half is drawn on its own (left first). */
static void es_order_ranks2(gsl_rng *rng, size_t n, size_t k1, size_t k2, size_t r[2])
{
    size_t lo = 0, hi = n, c = n;
    while (hi - lo > 1 && c > 1) {
        size_t mid = lo + (hi - lo) / 2;
        size_t left = gsl_ran_binomial(rng, (double)(mid - lo) / (double)(hi - lo), (unsigned)c);
        if (k2 < left) {
            hi = mid;
            c = left;
        } else if (k1 >= left) {
            lo = mid;
            c -= left;
            k1 -= left;
            k2 -= left;
        } else {
            r[0] = es_order_rank(rng, lo, mid, left, k1);
            r[1] = es_order_rank(rng, mid, hi, c - left, k2 - left);
            return;
        }
    }
    r[0] = r[1] = es_order_rank(rng, lo, hi, c, k1);
}

/* Median of a resample of the sorted data xs[0..n) (as es_median_scratch: the mean of
 * the two middle values for even n), drawn in O(log n). */
static double es_median_draw(gsl_rng *rng, const double *xs, size_t n)
{
    size_t r[2];
    if (n % 2)
        return xs[es_order_rank(rng, 0, n, n, n / 2)];
    es_order_ranks2(rng, n, n / 2 - 1, n / 2, r);
    return 0.5 * xs[r[0]] + 0.5 * xs[r[1]];
}

/* The mean of x[0..n) (mean m) without deletion group b of m_groups (the values
 * i = b mod m_groups, as es_jack_copy), from the group's own mean, in O(n / m_groups):
 * mean_-b = m + n_b (m - mean_b) / (n - n_b).  buf holds n_b values. */
static double es_jack_mean(const double *x, size_t n, size_t m_groups, size_t b, double m, double *buf)
{
    size_t ng = 0;
    for (size_t i = b; i < n; i += m_groups < n ? m_groups : n)
        buf[ng++] = x[i];
    double mg = es_boot_stat_mean(buf, ng, NULL);
    return m + (double)ng * (m - mg) / (double)(n - ng);
}

/* s + v = *t + returned error, exactly (Knuth's TwoSum: no branch, any magnitudes). */
static inline double es_two_sum(double s, double v, double *t)
{
    double u = s + v, z = u - s;
    *t = u;
    return (s - (u - z)) + (v - z);
}

/* Indices are drawn ES_DRAW_BLOCK at a time (an even count, so that the draws do not
 * depend on the blocks): two from each 64-bit draw, the last one alone when the count
 * is odd. */
#define ES_DRAW_BLOCK 256

/* k[0..count) below n, count <= ES_DRAW_BLOCK. */
static void es_draw_block(es_xoshiro *g, uint32_t n, size_t count, uint32_t *k)
{
    size_t i = 0;
    for (; i + 1 < count; i += 2)
        es_xoshiro_below2(g, n, k + i);
    if (i < count)
        k[i] = es_xoshiro_below(g, n);
}

/* n indices below n into idx. */
static void es_draw_indices(es_xoshiro *g, size_t n, size_t *idx)
{
    uint32_t k[ES_DRAW_BLOCK];
    for (size_t i = 0; i < n; i += ES_DRAW_BLOCK) {
        size_t c = n - i < ES_DRAW_BLOCK ? n - i : ES_DRAW_BLOCK;
        es_draw_block(g, (uint32_t)n, c, k);
        for (size_t j = 0; j < c; j++)
            idx[i + j] = k[j];
    }
}

/* n values drawn with replacement from x into buf. */
static void es_draw_values(es_xoshiro *g, const double *x, size_t n, double *buf)
{
    uint32_t k[ES_DRAW_BLOCK];
    for (size_t i = 0; i < n; i += ES_DRAW_BLOCK) {
        size_t c = n - i < ES_DRAW_BLOCK ? n - i : ES_DRAW_BLOCK;
        es_draw_block(g, (uint32_t)n, c, k);
        for (size_t j = 0; j < c; j++)
            buf[i + j] = x[k[j]];
    }
}

/* The mean of n values drawn with replacement from x (the draws of es_draw_values),
 * x's mean m finite: m plus the mean of the drawn deviations from m, summed as drawn
 * with each addition's error kept (TwoSum; two interleaved sums so that the additions
 * overlap), so no resample is stored.  The deviations are what es_mean's second pass
 * sums: the same accuracy, one pass. */
static double es_boot_mean_draw(es_xoshiro *g, const double *x, size_t n, double m)
{
    double s0 = 0, s1 = 0, c0 = 0, c1 = 0;
    uint32_t k[ES_DRAW_BLOCK];
    for (size_t i = 0; i < n; i += ES_DRAW_BLOCK) {
        size_t cnt = n - i < ES_DRAW_BLOCK ? n - i : ES_DRAW_BLOCK, j = 0;
        es_draw_block(g, (uint32_t)n, cnt, k);
        for (; j + 1 < cnt; j += 2) {
            c0 += es_two_sum(s0, x[k[j]] - m, &s0);
            c1 += es_two_sum(s1, x[k[j + 1]] - m, &s1);
        }
        if (j < cnt)
            c0 += es_two_sum(s0, x[k[j]] - m, &s0);
    }
    double t, e = es_two_sum(s0, s1, &t);
    return m + (t + (e + c0 + c1)) / (double)n;
}

static void *es_boot_worker_run(void *arg)
{
    es_boot_worker *w = arg;
    es_boot_job *job = w->job;
    double *buf = NULL, *buf2 = NULL;
    size_t cap = 0, cap2 = 0, *idx = NULL;
    gsl_rng *rng = NULL;
    int rc = ES_OK;

    switch (job->kind) {
    case ES_JOB_ONE:
    case ES_JOB_JACK_ONE:
        rc = es_reserve(&buf, &cap, job->n);
        break;
    case ES_JOB_TWO:
    case ES_JOB_JACK_TWO:
        if ((rc = es_reserve(&buf, &cap, job->n)) == ES_OK)
            rc = es_reserve(&buf2, &cap2, job->ny);
        break;
    case ES_JOB_CLUSTER:
        if ((idx = malloc(job->G * sizeof *idx)) == NULL)
            rc = es_error(ES_ENOMEM);
        else
            rc = es_reserve(&buf, &cap, job->n);
        break;
    case ES_JOB_JACK_CLUSTER:
        rc = es_reserve(&buf, &cap, job->n);
        break;
    }
    /* Index draws come from xoshiro256++ (core/rng.h); the median's binomial splitting
     * from gsl_rng_mt19937, both seeded with the replicate's stream seed. */
    es_xoshiro gen;
    if (rc == ES_OK && job->kind <= ES_JOB_TWO && job->xs != NULL && (rng = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
        rc = es_error(ES_ENOMEM);
    /* The jackknife fast path's scratch for the deleted ranks. */
    uint32_t *cnt = NULL, *cnt2 = NULL;
    int jack = job->kind == ES_JOB_JACK_ONE || job->kind == ES_JOB_JACK_TWO;
    if (rc == ES_OK && jack && job->xs != NULL && (cnt = malloc(job->n * sizeof *cnt)) == NULL)
        rc = es_error(ES_ENOMEM);
    if (rc == ES_OK && jack && job->ys != NULL && (cnt2 = malloc(job->ny * sizeof *cnt2)) == NULL)
        rc = es_error(ES_ENOMEM);

    /* The jackknife of the mean: the whole sample's mean, once. */
    int jack_mean = job->kind == ES_JOB_JACK_ONE && job->xs == NULL && job->stat == es_boot_stat_mean;
    /* The bootstrap of the mean: the draws summed as they are made (es_boot_mean_draw);
     * of a difference of means the same for each sample, and its jackknife from the
     * whole samples' means. */
    int boot_mean = job->kind == ES_JOB_ONE && job->xs == NULL && job->stat == es_boot_stat_mean;
    int two_means = (job->kind == ES_JOB_TWO || job->kind == ES_JOB_JACK_TWO) &&
                    job->stat2 == es_boot_stat2_diff_means;
    double mfull = jack_mean || boot_mean || two_means ? es_boot_stat_mean(job->x, job->n, NULL) : NAN;
    double myfull = two_means ? es_boot_stat_mean(job->y, job->ny, NULL) : NAN;
    boot_mean = boot_mean && isfinite(mfull);
    two_means = two_means && isfinite(mfull) && isfinite(myfull);
    for (size_t b = w->id; rc == ES_OK && b < job->count; b += job->nthreads) {
        es_progress_step(job->prog);
        uint64_t stream = es_boot_stream_seed(job->seed, b);
        if (rng != NULL)
            gsl_rng_set(rng, (unsigned long)stream);
        es_xoshiro_seed(&gen, stream);
        switch (job->kind) {
        case ES_JOB_ONE:
            if (job->xs != NULL) {
                job->out[b] = es_median_draw(rng, job->xs, job->n);
                break;
            }
            if (boot_mean) {
                job->out[b] = es_boot_mean_draw(&gen, job->x, job->n, mfull);
                break;
            }
            es_draw_values(&gen, job->x, job->n, buf);
            job->out[b] = job->stat(buf, job->n, job->ctx);
            break;
        case ES_JOB_TWO:
            if (job->xs != NULL && job->ys != NULL) {
                double mx = es_median_draw(rng, job->xs, job->n);
                job->out[b] = es_two_medians(mx, es_median_draw(rng, job->ys, job->ny), job->diff);
                break;
            }
            if (two_means) {
                double mx = es_boot_mean_draw(&gen, job->x, job->n, mfull);
                job->out[b] = mx - es_boot_mean_draw(&gen, job->y, job->ny, myfull);
                break;
            }
            es_draw_values(&gen, job->x, job->n, buf);
            es_draw_values(&gen, job->y, job->ny, buf2);
            job->out[b] = job->stat2(buf, job->n, buf2, job->ny, job->ctx);
            break;
        case ES_JOB_CLUSTER: {
            /* Draw G clusters first, then pool their values in draw order. */
            size_t total = 0;
            es_draw_indices(&gen, job->G, idx);
            for (size_t g = 0; g < job->G; g++)
                total += job->start[idx[g] + 1] - job->start[idx[g]];
            if ((rc = es_reserve(&buf, &cap, total)) != ES_OK)
                break;
            size_t k = 0;
            for (size_t g = 0; g < job->G; g++) {
                size_t len = job->start[idx[g] + 1] - job->start[idx[g]];
                memcpy(buf + k, job->x + job->start[idx[g]], len * sizeof *buf);
                k += len;
            }
            job->out[b] = job->stat(buf, total, job->ctx);
            break;
        }
        case ES_JOB_JACK_ONE: {
            if (cnt != NULL) {
                job->out[b] = es_median_deleted(job->xs, job->xr, job->n, job->mx, b, cnt);
                break;
            }
            if (jack_mean) {
                job->out[b] = es_jack_mean(job->x, job->n, job->mx, b, mfull, buf);
                break;
            }
            size_t k = es_jack_copy(job->x, job->n, job->mx, b, buf);
            job->out[b] = job->stat(buf, k, job->ctx);
            break;
        }
        case ES_JOB_JACK_CLUSTER: {
            /* Delete cluster b (or cluster group b: clusters c with c mod mx = b). */
            size_t k = 0;
            for (size_t c = 0; c < job->G; c++) {
                if (job->mx >= job->G ? c == b : c % job->mx == b)
                    continue;
                size_t len = job->start[c + 1] - job->start[c];
                memcpy(buf + k, job->x + job->start[c], len * sizeof *buf);
                k += len;
            }
            job->out[b] = job->stat(buf, k, job->ctx);
            break;
        }
        case ES_JOB_JACK_TWO:
            if (cnt != NULL && cnt2 != NULL) {
                job->out[b] = b < job->mx
                    ? es_two_medians(es_median_deleted(job->xs, job->xr, job->n, job->mx, b, cnt),
                                     es_median_sorted(job->ys, job->ny), job->diff)
                    : es_two_medians(es_median_sorted(job->xs, job->n),
                                     es_median_deleted(job->ys, job->yr, job->ny, job->my, b - job->mx, cnt2),
                                     job->diff);
                break;
            }
            if (two_means) {
                job->out[b] = b < job->mx ? es_jack_mean(job->x, job->n, job->mx, b, mfull, buf) - myfull
                                          : mfull - es_jack_mean(job->y, job->ny, job->my, b - job->mx, myfull, buf2);
                break;
            }
            if (b < job->mx) {
                size_t k = es_jack_copy(job->x, job->n, job->mx, b, buf);
                job->out[b] = job->stat2(buf, k, job->y, job->ny, job->ctx);
            } else {
                size_t k = es_jack_copy(job->y, job->ny, job->my, b - job->mx, buf2);
                job->out[b] = job->stat2(job->x, job->n, buf2, k, job->ctx);
            }
            break;
        }
    }
    gsl_rng_free(rng);
    free(idx);
    free(buf);
    free(buf2);
    free(cnt);
    free(cnt2);
    w->rc = rc;
    return NULL;
}

/* es_thread_count's answer, but no more workers than items. */
static unsigned es_boot_workers(unsigned threads, size_t count)
{
    threads = es_thread_count(threads);
    if ((size_t)threads > count)
        threads = count > 0 ? (unsigned)count : 1;
    return threads;
}

/* Run job over out[0..count) with up to `threads` workers.  Worker k computes the
 * indices k, k + T, k + 2T, ...; a worker whose thread cannot be created runs in the
 * calling thread instead, which changes nothing in the results. */
static int es_boot_run(es_boot_job *job, unsigned threads)
{
    unsigned T = es_boot_workers(threads, job->count);
    job->nthreads = T;
    es_boot_worker *w = calloc(T, sizeof *w);
    if (w == NULL)
        return es_error(ES_ENOMEM);
    es_progress prog;
    int boot = job->kind <= ES_JOB_TWO;
    es_progress_begin(&prog, boot ? "bootstrap" : "jackknife", boot ? "replicates" : "deletions", job->count);
    job->prog = &prog;
    for (unsigned k = 0; k < T; k++) {
        w[k].job = job;
        w[k].id = k;
        if (k > 0)
            w[k].started = pthread_create(&w[k].th, NULL, es_boot_worker_run, &w[k]) == 0;
    }
    es_boot_worker_run(&w[0]);
    int rc = w[0].rc;
    for (unsigned k = 1; k < T; k++) {
        if (w[k].started)
            pthread_join(w[k].th, NULL);
        else
            es_boot_worker_run(&w[k]);
        if (rc == ES_OK && w[k].rc != ES_OK)
            rc = w[k].rc;
    }
    es_progress_end(&prog);
    job->prog = NULL;
    free(w);
    return rc;
}

/* ------------------------------------------------------------------ drivers */

static void es_boot_result_init(es_boot_result *r, size_t B)
{
    r->estimate = r->se = r->bias = NAN;
    r->perc_lo = r->perc_hi = r->bca_lo = r->bca_hi = NAN;
    r->z0 = r->accel = NAN;
    r->B = B;
    r->B_used = 0;
    r->jack_units = 0;
    r->jack_grouped = 0;
    r->degenerate = 0;
}

static int es_boot_check(const es_boot_opts *o, es_boot_result *r)
{
    if (r == NULL)
        return es_error(ES_EINVAL);
    es_boot_result_init(r, o ? o->B : 0);
    if (o == NULL || o->B == 0 || !(o->conf > 0 && o->conf < 1))
        return es_error(ES_EINVAL);
    return ES_OK;
}

static size_t es_jack_max(const es_boot_opts *o)
{
    return o->jack_max ? o->jack_max : ES_BOOT_JACK_MAX_DEFAULT;
}

/* Fill r from the replicates t[0..B) and the influence values L[0..nL) (NULL when no
 * jackknife was possible): se, bias, percentile and BCa intervals, degeneracy. */
static int es_boot_finish(es_boot_result *r, double t0, const double *t, size_t B,
                          const double *L, size_t nL, double conf)
{
    double *ts;
    size_t R;
    int rc = es_finite_sorted(t, B, &ts, &R);
    if (rc != ES_OK)
        return rc;
    r->B_used = R;
    if (R == 0 || ts[0] == ts[R - 1]) {
        /* Degenerate: no spread, so no interval (scipy gives NaN as well). */
        r->degenerate = 1;
        if (R > 0) {
            r->se = R >= 2 ? 0 : NAN;
            r->bias = ts[0] - t0;
        }
        free(ts);
        return ES_OK;
    }
    /* se and bias over the caller's order of finite replicates, not the sorted one, so
     * that they equal sd(t) and mean(t) - t0 computed from the replicate vector. */
    double *tf = malloc(R * sizeof *tf);
    if (tf == NULL) {
        free(ts);
        return es_error(ES_ENOMEM);
    }
    size_t k = 0;
    for (size_t b = 0; b < B; b++)
        if (isfinite(t[b]))
            tf[k++] = t[b];
    double m;
    es_mean(tf, R, &m);
    r->bias = m - t0;
    if (R >= 2)
        es_sd_sample(tf, R, &r->se);
    free(tf);

    r->perc_lo = es_norm_inter(ts, R, (1 - conf) / 2);
    r->perc_hi = es_norm_inter(ts, R, (1 + conf) / 2);
    r->z0 = es_z0_sorted(t0, ts, R);
    if (L != NULL && nL > 0)
        es_boot_accel(L, nL, &r->accel);
    if (isfinite(r->z0) && isfinite(r->accel)) {
        double ci[2];
        es_bca_sorted(ts, R, r->z0, r->accel, conf, ci);
        if (!isnan(ci[0]) && !isnan(ci[1])) {
            r->bca_lo = ci[0];
            r->bca_hi = ci[1];
        }
    }
    free(ts);
    return ES_OK;
}

/* Replicate buffer: the caller's or a temporary one. */
static int es_boot_tbuf(const es_boot_opts *o, double **t)
{
    if (o->replicates != NULL) {
        *t = o->replicates;
        return ES_OK;
    }
    *t = o->B > SIZE_MAX / sizeof(double) ? NULL : malloc(o->B * sizeof **t);
    return *t ? ES_OK : es_error(ES_ENOMEM);
}

static void es_boot_tbuf_free(const es_boot_opts *o, double *t)
{
    if (t != o->replicates)
        free(t);
}

/* Jackknife values out[0..m) -> influence (m - 1)(t0 - out[j]) in place, times scale. */
static void es_influence(double *v, size_t m, double t0, double scale)
{
    for (size_t j = 0; j < m; j++)
        v[j] = ((double)m - 1) * (t0 - v[j]) * scale;
}

int es_boot_jackknife(const double *x, size_t n, es_boot_stat_fn stat, void *ctx,
                      size_t groups, unsigned threads, double *L)
{
    if (x == NULL || stat == NULL || L == NULL)
        return es_error(ES_EINVAL);
    if (n == 0)
        return es_error(ES_EEMPTY);
    if (n < 2)
        return es_error(ES_EDOM);
    size_t m = groups == 0 || groups >= n ? n : groups;
    if (m < 2)
        return es_error(ES_EINVAL);
    double t0 = stat(x, n, ctx);
    if (!isfinite(t0))
        return es_error(ES_EDOM);
    es_boot_job job = {.kind = ES_JOB_JACK_ONE, .x = x, .n = n, .stat = stat, .ctx = ctx,
                       .mx = m, .count = m, .out = L};
    double *xs = NULL;
    uint32_t *xr = NULL;
    if (stat == es_boot_stat_median && n < UINT32_MAX && es_sort_ranks(x, n, &xs, &xr) == ES_OK) {
        job.xs = xs;
        job.xr = xr;
    }
    int rc = es_boot_run(&job, threads);
    free(xs);
    free(xr);
    if (rc != ES_OK)
        return rc;
    es_influence(L, m, t0, 1);
    return ES_OK;
}

int es_boot_one(const double *x, size_t n, es_boot_stat_fn stat, void *ctx,
                const es_boot_opts *o, es_boot_result *r)
{
    int rc = es_boot_check(o, r);
    if (rc != ES_OK)
        return rc;
    if (x == NULL || stat == NULL || (double)n > ES_BOOT_MAX_N)
        return es_error(ES_EINVAL);
    if (n == 0)
        return es_error(ES_EEMPTY);
    double *t;
    if ((rc = es_boot_tbuf(o, &t)) != ES_OK)
        return rc;
    double t0 = stat(x, n, ctx);
    r->estimate = t0;
    if (!isfinite(t0)) {
        es_boot_tbuf_free(o, t);
        return es_error(ES_EDOM);
    }
    es_boot_job job = {.kind = ES_JOB_ONE, .x = x, .n = n, .stat = stat, .ctx = ctx,
                       .seed = o->seed, .count = o->B, .out = t};
    double *xs = NULL;
    uint32_t *xr = NULL;
    if (stat == es_boot_stat_median && n < UINT32_MAX && es_sort_ranks(x, n, &xs, &xr) == ES_OK) {
        job.xs = xs;
        job.xr = xr;
    }
    rc = es_boot_run(&job, o->threads);
    free(xs);
    free(xr);
    double *L = NULL;
    size_t m = 0;
    if (rc == ES_OK && n >= 2) {
        /* Acceleration from the jackknife: exact up to jack_max values, else grouped
         * (Efron & Tibshirani 1993, sec. 11.5), groups i mod m. */
        m = n <= es_jack_max(o) ? n : es_jack_max(o);
        if ((L = malloc(m * sizeof *L)) == NULL)
            rc = es_error(ES_ENOMEM);
        else
            rc = es_boot_jackknife(x, n, stat, ctx, m, o->threads, L);
        r->jack_units = m;
        r->jack_grouped = m < n;
    }
    if (rc == ES_OK)
        rc = es_boot_finish(r, t0, t, o->B, L, m, o->conf);
    free(L);
    es_boot_tbuf_free(o, t);
    return rc;
}

typedef struct es_cluster_pair {
    uint32_t c;
    size_t i;
} es_cluster_pair;

static int es_cmp_pair(const void *a, const void *b)
{
    const es_cluster_pair *p = a, *q = b;
    if (p->c != q->c)
        return (p->c > q->c) - (p->c < q->c);
    return (p->i > q->i) - (p->i < q->i);
}

int es_boot_cluster(const double *x, const uint32_t *cluster, size_t n, es_boot_stat_fn stat,
                    void *ctx, const es_boot_opts *o, es_boot_result *r)
{
    int rc = es_boot_check(o, r);
    if (rc != ES_OK)
        return rc;
    if (x == NULL || cluster == NULL || stat == NULL)
        return es_error(ES_EINVAL);
    if (n == 0)
        return es_error(ES_EEMPTY);
    /* Group the values by cluster code (stable in the input order): gx holds them
     * cluster after cluster, start[] the boundaries. */
    es_cluster_pair *pairs = n > SIZE_MAX / sizeof *pairs ? NULL : malloc(n * sizeof *pairs);
    double *gx = malloc(n * sizeof *gx);
    size_t *start = malloc((n + 1) * sizeof *start);
    double *t = NULL, *L = NULL;
    if (pairs == NULL || gx == NULL || start == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        pairs[i].c = cluster[i];
        pairs[i].i = i;
    }
    qsort(pairs, n, sizeof *pairs, es_cmp_pair);
    size_t G = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || pairs[i].c != pairs[i - 1].c)
            start[G++] = i;
        gx[i] = x[pairs[i].i];
    }
    start[G] = n;
    if ((double)G > ES_BOOT_MAX_N) {
        rc = es_error(ES_EINVAL);
        goto done;
    }
    if ((rc = es_boot_tbuf(o, &t)) != ES_OK)
        goto done;
    double t0 = stat(x, n, ctx);
    r->estimate = t0;
    if (!isfinite(t0)) {
        rc = es_error(ES_EDOM);
        goto done;
    }
    es_boot_job job = {.kind = ES_JOB_CLUSTER, .x = gx, .n = n, .start = start, .G = G,
                       .stat = stat, .ctx = ctx, .seed = o->seed, .count = o->B, .out = t};
    if ((rc = es_boot_run(&job, o->threads)) != ES_OK)
        goto done;
    size_t m = 0;
    if (G >= 2) {
        /* Jackknife over clusters (grouped above jack_max clusters). */
        m = G <= es_jack_max(o) ? G : es_jack_max(o);
        if ((L = malloc(m * sizeof *L)) == NULL) {
            rc = es_error(ES_ENOMEM);
            goto done;
        }
        es_boot_job jj = {.kind = ES_JOB_JACK_CLUSTER, .x = gx, .n = n, .start = start,
                          .G = G, .stat = stat, .ctx = ctx, .mx = m, .count = m, .out = L};
        if ((rc = es_boot_run(&jj, o->threads)) != ES_OK)
            goto done;
        es_influence(L, m, t0, 1);
        r->jack_units = m;
        r->jack_grouped = m < G;
    }
    rc = es_boot_finish(r, t0, t, o->B, L, m, o->conf);
done:
    if (t != NULL)
        es_boot_tbuf_free(o, t);
    free(L);
    free(start);
    free(gx);
    free(pairs);
    return rc;
}

int es_boot_two(const double *x, size_t nx, const double *y, size_t ny, es_boot_stat2_fn stat,
                void *ctx, const es_boot_opts *o, es_boot_result *r)
{
    int rc = es_boot_check(o, r);
    if (rc != ES_OK)
        return rc;
    if (x == NULL || y == NULL || stat == NULL || (double)nx > ES_BOOT_MAX_N ||
        (double)ny > ES_BOOT_MAX_N)
        return es_error(ES_EINVAL);
    if (nx == 0 || ny == 0)
        return es_error(ES_EEMPTY);
    double *t;
    if ((rc = es_boot_tbuf(o, &t)) != ES_OK)
        return rc;
    double t0 = stat(x, nx, y, ny, ctx);
    r->estimate = t0;
    if (!isfinite(t0)) {
        es_boot_tbuf_free(o, t);
        return es_error(ES_EDOM);
    }
    es_boot_job job = {.kind = ES_JOB_TWO, .x = x, .n = nx, .y = y, .ny = ny, .stat2 = stat,
                       .ctx = ctx, .seed = o->seed, .count = o->B, .out = t};
    double *xs = NULL, *ys = NULL;
    uint32_t *xr = NULL, *yr = NULL;
    int diff = stat == es_boot_stat2_diff_medians;
    if ((stat == es_boot_stat2_ratio_medians || diff) && nx < UINT32_MAX && ny < UINT32_MAX &&
        es_sort_ranks(x, nx, &xs, &xr) == ES_OK && es_sort_ranks(y, ny, &ys, &yr) == ES_OK) {
        job.xs = xs;
        job.xr = xr;
        job.ys = ys;
        job.yr = yr;
        job.diff = diff;
    }
    rc = es_boot_run(&job, o->threads);
    double *L = NULL;
    size_t mx = nx <= es_jack_max(o) ? nx : es_jack_max(o);
    size_t my = ny <= es_jack_max(o) ? ny : es_jack_max(o);
    int jack = rc == ES_OK && nx >= 2 && ny >= 2;
    if (jack) {
        if ((L = malloc((mx + my) * sizeof *L)) == NULL)
            rc = es_error(ES_ENOMEM);
        else {
            es_boot_job jj = {.kind = ES_JOB_JACK_TWO, .x = x, .n = nx, .y = y, .ny = ny,
                              .stat2 = stat, .ctx = ctx, .mx = mx, .my = my,
                              .count = mx + my, .out = L, .xs = xs, .xr = xr, .ys = ys, .yr = yr,
                              .diff = diff};
            rc = es_boot_run(&jj, o->threads);
        }
        if (rc == ES_OK) {
            /* Multi-sample acceleration (Davison & Hinkley 1997, sec. 3.2, with
             * influence values l_kj / n_k): each sample's jackknife values are divided
             * by its number of deletions, which also keeps grouped samples on scale. */
            es_influence(L, mx, t0, 1 / (double)mx);
            es_influence(L + mx, my, t0, 1 / (double)my);
            r->jack_units = mx + my;
            r->jack_grouped = mx < nx || my < ny;
        }
    }
    if (rc == ES_OK)
        rc = es_boot_finish(r, t0, t, o->B, L, jack ? mx + my : 0, o->conf);
    free(xs);
    free(xr);
    free(ys);
    free(yr);
    free(L);
    es_boot_tbuf_free(o, t);
    return rc;
}
