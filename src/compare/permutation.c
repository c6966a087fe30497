/* permutation.c — two-sample permutation test of the difference in medians (R type 7)
 * or means, x minus y.  When the number of partitions C(n1 + n2, n1) is at most the
 * requested number of permutations, every partition is enumerated and the p-value is
 * the exact share; otherwise m random partitions give p = (b + 1)/(m + 1) (Phipson &
 * Smyth 2010, SAGMB 9:39), which is never 0.  Two-sided p = min(1, 2 min(p_less,
 * p_greater)).  Statistics within 100 eps |observed| of the observed value count as
 * equal (as scipy.stats.permutation_test), so ties in floating point are not lost.
 *
 * Reproducibility: permutations are made in blocks of 1024; block b draws from its
 * own gsl_rng_mt19937 seeded with a splitmix64 hash of (seed, b) and starts from the
 * pooled data in input order, so the counts do not depend on which thread ran which
 * block, and the result is identical for any thread count.
 *
 * Speed: a random partition of the median test shuffles ranks instead of values (the
 * same draws, so the same partition), marks the smaller group's ranks in a bitmap of
 * the N pooled ranks and reads both groups' order statistics off it with popcounts:
 * O(n_small + N/64) a permutation instead of two selections in O(N), and the same
 * statistic to the bit, since both read the same sorted values. */
#include "engagestat/compare.h"
#include "engagestat/error.h"

#include "core/progress.h"
#include "core/ranks.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>


#define ES_PERM_BLOCK 1024

/* k-th smallest (0-based) of a[0..n), reordering a (Hoare's selection). */
static double es_select(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (hi > lo) {
        double pivot = a[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return a[k];
    }
    return a[k];
}

/* Type-7 median of a[0..n) (reorders a), the same arithmetic as es_quantile_sorted. */
static double es_perm_median(double *a, size_t n)
{
    double h = (double)(n - 1) * 0.5;
    size_t lo = (size_t)floor(h);
    double v = es_select(a, n, lo);
    if (lo + 1 >= n || h == (double)lo)
        return v;
    /* the next order statistic is the minimum of the upper part */
    double w = a[lo + 1];
    for (size_t i = lo + 2; i < n; i++)
        if (a[i] < w)
            w = a[i];
    return v + (h - (double)lo) * (w - v);
}

static long double es_sum(const double *a, size_t n)
{
    long double s = 0;
    for (size_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

/* Statistic of a partition: work[0..n1) is x, work[n1..N) is y (reordered by the
 * median).  The mean of y is the pooled sum (total, in long double) less x's: O(n1). */
static double es_perm_statistic(es_perm_stat st, double *work, size_t n1, size_t N, long double total)
{
    if (st == ES_PERM_MEAN) {
        long double sx = es_sum(work, n1);
        return (double)(sx / n1) - (double)((total - sx) / (N - n1));
    }
    return es_perm_median(work, n1) - es_perm_median(work + n1, N - n1);
}

static uint64_t es_hash2(uint64_t a, uint64_t b)
{
    uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

typedef struct es_perm_job {
    const double *pooled;
    const double *sorted;  /* the rank path: the pooled values sorted, */
    const uint32_t *rank;  /* and each pooled value's rank among them (NULL: values) */
    size_t n1, N, m, nblocks;
    es_perm_stat st;
    double obs, tol;
    long double total;     /* sum of the pooled values (the mean's statistic) */
    unsigned long seed;
    size_t *lt, *gt;       /* per block counts of <= and >= */
    size_t first, step;    /* blocks first, first + step, ... */
    es_progress *prog;
    int failed;
} es_perm_job;

/* ------------------------------------------------------------------ the rank path */

/* Position of the k-th (0-based) set bit of w, which has more than k. */
static unsigned es_bit_select(uint64_t w, size_t k)
{
    while (k-- > 0)
        w &= w - 1;
    return (unsigned)__builtin_ctzll(w);
}

/* Word i of the bitmap of the marked ranks (want 1) or of the others (want 0), the
 * bits past N cleared. */
static uint64_t es_bit_word(const uint64_t *bits, size_t i, size_t N, int want)
{
    uint64_t w = want ? bits[i] : ~bits[i];
    if (i == N / 64 && N % 64 != 0)
        w &= (UINT64_C(1) << (N % 64)) - 1;
    return w;
}

/* The k-th (0-based) smallest rank of a group: marked (want 1) or not, from word i on,
 * k counted from there. */
static size_t es_rank_select(const uint64_t *bits, size_t N, int want, size_t i, size_t k)
{
    for (size_t nw = (N + 63) / 64; i < nw; i++) {
        uint64_t w = es_bit_word(bits, i, N, want);
        size_t c = (size_t)__builtin_popcountll(w);
        if (k < c)
            return 64 * i + es_bit_select(w, k);
        k -= c;
    }
    return N; /* not reached: the group has more than k ranks */
}

/* Type-7 median of the group of n ranks (marked, want 1, or not): the arithmetic of
 * es_perm_median on the same values. */
static double es_rank_median(const uint64_t *bits, size_t N, int want, size_t n, const double *sorted)
{
    double h = (double)(n - 1) * 0.5;
    size_t lo = (size_t)floor(h);
    size_t r = es_rank_select(bits, N, want, 0, lo);
    double v = sorted[r];
    if (lo + 1 >= n || h == (double)lo)
        return v;
    /* the next rank of the group: in the rest of r's word, or further on */
    uint64_t w = es_bit_word(bits, r / 64, N, want);
    w = r % 64 == 63 ? 0 : w & (~UINT64_C(0) << (r % 64 + 1));
    size_t r2 = w != 0 ? 64 * (r / 64) + (size_t)__builtin_ctzll(w) : es_rank_select(bits, N, want, r / 64 + 1, 0);
    return v + (h - (double)lo) * (sorted[r2] - v);
}

/* One block of the rank path: permutations start .. end of job j; counts in *lt, *gt. */
static void es_perm_ranks(const es_perm_job *j, gsl_rng *rng, uint32_t *work, uint64_t *bits, size_t start,
                          size_t end, size_t *lt, size_t *gt)
{
    size_t ns = j->n1 <= j->N - j->n1 ? j->n1 : j->N - j->n1;
    for (size_t r = start; r < end; r++) {
        for (size_t i = 0; i < ns; i++) {
            size_t k = i + gsl_rng_uniform_int(rng, j->N - i);
            uint32_t t = work[i];
            work[i] = work[k];
            work[k] = t;
            bits[work[i] / 64] |= UINT64_C(1) << (work[i] % 64);
        }
        double s = es_rank_median(bits, j->N, 1, ns, j->sorted) - es_rank_median(bits, j->N, 0, j->N - ns, j->sorted);
        if (ns != j->n1)
            s = -s;
        for (size_t i = 0; i < ns; i++)
            bits[work[i] / 64] = 0;
        if (s <= j->obs + j->tol)
            ++*lt;
        if (s >= j->obs - j->tol)
            ++*gt;
        es_progress_step(j->prog);
    }
}

/* One block of the value path: the same shuffle on the values.  The median's
 * selection reorders what it reads: it reads a copy (scratch), so that the shuffle's
 * states, the partitions, are those of the rank path. */
static void es_perm_values(const es_perm_job *j, gsl_rng *rng, double *work, double *scratch, size_t start,
                           size_t end, size_t *lt, size_t *gt)
{
    /* Shuffle the smaller group into the front (fewer draws); when that is y, the
     * statistic is rest minus front. */
    size_t ns = j->n1 <= j->N - j->n1 ? j->n1 : j->N - j->n1;
    for (size_t r = start; r < end; r++) {
        /* Partial Fisher-Yates: work[0..ns) becomes a uniform random subset. */
        for (size_t i = 0; i < ns; i++) {
            size_t k = i + gsl_rng_uniform_int(rng, j->N - i);
            double t = work[i];
            work[i] = work[k];
            work[k] = t;
        }
        double *a = scratch != NULL ? memcpy(scratch, work, j->N * sizeof *scratch) : work;
        double s = ns == j->n1 ? es_perm_statistic(j->st, a, j->n1, j->N, j->total)
                               : -es_perm_statistic(j->st, a, ns, j->N, j->total);
        if (s <= j->obs + j->tol)
            ++*lt;
        if (s >= j->obs - j->tol)
            ++*gt;
        es_progress_step(j->prog);
    }
}

static void *es_perm_worker(void *arg)
{
    es_perm_job *j = arg;
    int ranks = j->rank != NULL, med = j->st == ES_PERM_MEDIAN;
    /* The shuffled ranks and their bitmap, or the shuffled values (and the median's
     * scratch). */
    uint32_t *rwork = ranks ? malloc(j->N * sizeof *rwork) : NULL;
    uint64_t *bits = ranks ? calloc((j->N + 63) / 64, sizeof *bits) : NULL;
    double *work = ranks ? NULL : malloc(j->N * sizeof *work);
    double *scratch = !ranks && med ? malloc(j->N * sizeof *scratch) : NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL || (ranks ? rwork == NULL || bits == NULL : work == NULL || (med && scratch == NULL)))
        j->failed = 1;
    for (size_t b = j->first; !j->failed && b < j->nblocks; b += j->step) {
        gsl_rng_set(rng, (unsigned long)(es_hash2(j->seed, b) & 0xFFFFFFFFUL));
        size_t start = b * ES_PERM_BLOCK, end = start + ES_PERM_BLOCK;
        if (end > j->m)
            end = j->m;
        j->lt[b] = j->gt[b] = 0;
        if (ranks) {
            memcpy(rwork, j->rank, j->N * sizeof *rwork);
            es_perm_ranks(j, rng, rwork, bits, start, end, &j->lt[b], &j->gt[b]);
        } else {
            memcpy(work, j->pooled, j->N * sizeof *work);
            es_perm_values(j, rng, work, scratch, start, end, &j->lt[b], &j->gt[b]);
        }
    }
    free(rwork);
    free(bits);
    free(work);
    free(scratch);
    if (rng != NULL)
        gsl_rng_free(rng);
    return NULL;
}

int es_perm_test(const double *x, size_t n1in, const double *y, size_t n2in, const es_perm_opts *o,
                 es_perm_result *r)
{
    memset(r, 0, sizeof *r);
    r->observed = r->p_value = r->p_less = r->p_greater = NAN;
    if (o == NULL || (unsigned)o->alt > ES_ALT_GREATER || (unsigned)o->stat > ES_PERM_MEAN)
        return es_error(ES_EINVAL);
    size_t N0 = n1in + n2in;
    double *pooled = malloc((N0 ? N0 : 1) * sizeof *pooled), *work = malloc((N0 ? N0 : 1) * sizeof *work);
    size_t *idx = NULL, *lt = NULL, *gt = NULL;
    double *sorted = NULL;
    uint32_t *rank = NULL;
    int rc = ES_OK;
    if (pooled == NULL || work == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    size_t n1 = 0, N = 0;
    for (size_t i = 0; i < n1in; i++)
        if (!isnan(x[i]))
            pooled[N++] = x[i];
    n1 = N;
    for (size_t i = 0; i < n2in; i++)
        if (!isnan(y[i]))
            pooled[N++] = y[i];
    if (n1 == 0 || N == n1) {
        rc = es_error(ES_EEMPTY);
        goto done;
    }
    memcpy(work, pooled, N * sizeof *work);
    long double total = es_sum(pooled, N);
    double obs = es_perm_statistic(o->stat, work, n1, N, total);
    r->observed = obs;
    double tol = 100 * DBL_EPSILON * fabs(obs);
    size_t m = o->m ? o->m : 9999;
    /* Number of partitions, stopping once it exceeds m. */
    double parts = 1;
    size_t small = n1 < N - n1 ? n1 : N - n1;
    for (size_t i = 1; i <= small && parts <= (double)m; i++)
        parts = parts * (double)(N - small + i) / (double)i;
    parts = floor(parts + 0.5);
    if (parts <= (double)m) {
        /* Exact: all index subsets of size n1 of the pooled data, lexicographic. */
        idx = malloc(n1 * sizeof *idx);
        unsigned char *in = malloc(N);
        if (idx == NULL || in == NULL) {
            free(in);
            rc = es_error(ES_ENOMEM);
            goto done;
        }
        for (size_t i = 0; i < n1; i++)
            idx[i] = i;
        size_t count = 0, clt = 0, cgt = 0;
        for (;;) {
            memset(in, 0, N);
            for (size_t i = 0; i < n1; i++)
                in[idx[i]] = 1;
            size_t a = 0, b = n1;
            for (size_t i = 0; i < N; i++) {
                if (in[i])
                    work[a++] = pooled[i];
                else
                    work[b++] = pooled[i];
            }
            double s = es_perm_statistic(o->stat, work, n1, N, total);
            count++;
            if (s <= obs + tol)
                clt++;
            if (s >= obs - tol)
                cgt++;
            /* next combination */
            size_t i = n1;
            while (i > 0 && idx[i - 1] == N - n1 + i - 1)
                i--;
            if (i == 0)
                break;
            idx[i - 1]++;
            for (size_t q = i; q < n1; q++)
                idx[q] = idx[q - 1] + 1;
        }
        free(in);
        r->exact = 1;
        r->m = count;
        r->b_less = clt;
        r->b_greater = cgt;
        r->p_less = (double)clt / (double)count;
        r->p_greater = (double)cgt / (double)count;
    } else {
        size_t nblocks = (m + ES_PERM_BLOCK - 1) / ES_PERM_BLOCK;
        lt = calloc(nblocks, sizeof *lt);
        gt = calloc(nblocks, sizeof *gt);
        if (lt == NULL || gt == NULL) {
            rc = es_error(ES_ENOMEM);
            goto done;
        }
        if (o->stat == ES_PERM_MEDIAN && !o->by_value && N < UINT32_MAX && (rc = es_sort_ranks(pooled, N, &sorted, &rank)) != ES_OK)
            goto done;
        int nt = o->threads > 1 ? o->threads : 1;
        if ((size_t)nt > nblocks)
            nt = (int)nblocks;
        es_perm_job jobs[64];
        if (nt > 64)
            nt = 64;
        pthread_t th[64];
        int started[64] = {0};
        es_progress prog;
        es_progress_begin(&prog, "permutation test", "permutations", m);
        for (int t = 0; t < nt; t++) {
            jobs[t] = (es_perm_job){pooled, sorted, rank, n1, N, m, nblocks, o->stat, obs, tol, total, o->seed,
                                    lt, gt, (size_t)t, (size_t)nt, &prog, 0};
            if (t > 0 && pthread_create(&th[t], NULL, es_perm_worker, &jobs[t]) == 0)
                started[t] = 1;
        }
        es_perm_worker(&jobs[0]);
        for (int t = 1; t < nt; t++) {
            if (started[t])
                pthread_join(th[t], NULL);
            else
                es_perm_worker(&jobs[t]); /* thread creation failed: run it here */
        }
        es_progress_end(&prog);
        for (int t = 0; t < nt; t++)
            if (jobs[t].failed) {
                rc = es_error(ES_ENOMEM);
                goto done;
            }
        size_t clt = 0, cgt = 0;
        for (size_t b = 0; b < nblocks; b++) {
            clt += lt[b];
            cgt += gt[b];
        }
        r->exact = 0;
        r->m = m;
        r->b_less = clt;
        r->b_greater = cgt;
        r->p_less = ((double)clt + 1) / ((double)m + 1);
        r->p_greater = ((double)cgt + 1) / ((double)m + 1);
    }
    if (o->alt == ES_ALT_LESS)
        r->p_value = r->p_less;
    else if (o->alt == ES_ALT_GREATER)
        r->p_value = r->p_greater;
    else
        r->p_value = fmin(1.0, 2 * fmin(r->p_less, r->p_greater));
done:
    free(pooled);
    free(work);
    free(sorted);
    free(rank);
    free(idx);
    free(lt);
    free(gt);
    return rc;
}
