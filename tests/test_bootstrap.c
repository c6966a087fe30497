/* test_bootstrap.c — bootstrap intervals against boot::boot.ci (R 4.2.2, boot 1.3-28.1)
 * on R's own replicates, jackknife influence values against boot::empinf, thread-count
 * independence, and the cluster and two-sample drivers.
 * Reference data: tests/data/boot_{mean,median,sd90}.txt, written by
 * `Rscript tests/reference/bootstrap.R` (the file names the R command for each record). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bootstrap.h"
#include "engagestat/descriptive.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

/* ------------------------------------------------------------------ reference files */

typedef struct bcase {
    double *x, *t, *L;
    size_t n, B, nL;
    double conf, t0, perc[2], bca[2], bca_half[2], ties;
} bcase;

/* Read the "KEY COUNT v1 .. vCOUNT" records of a tests/data/boot_*.txt file. */
static int bcase_load(const char *name, bcase *c)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(es_test_data(name), "r");
    if (f == NULL)
        return 0;
    char key[32];
    int ok = 1;
    while (ok && fscanf(f, " %31s", key) == 1) {
        if (key[0] == '#') {
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            continue;
        }
        size_t cnt;
        if (fscanf(f, "%zu", &cnt) != 1 || cnt == 0) {
            ok = 0;
            break;
        }
        double *v = malloc(cnt * sizeof *v);
        if (v == NULL) {
            ok = 0;
            break;
        }
        for (size_t i = 0; i < cnt && ok; i++)
            ok = fscanf(f, "%lf", &v[i]) == 1;
        int keep = 0;
        if (strcmp(key, "x") == 0)
            c->x = v, c->n = cnt, keep = 1;
        else if (strcmp(key, "t") == 0)
            c->t = v, c->B = cnt, keep = 1;
        else if (strcmp(key, "L") == 0)
            c->L = v, c->nL = cnt, keep = 1;
        else if (strcmp(key, "conf") == 0)
            c->conf = v[0];
        else if (strcmp(key, "t0") == 0)
            c->t0 = v[0];
        else if (strcmp(key, "ties_at_t0") == 0)
            c->ties = v[0];
        else if (strcmp(key, "perc") == 0 && cnt == 2)
            memcpy(c->perc, v, sizeof c->perc);
        else if (strcmp(key, "bca") == 0 && cnt == 2)
            memcpy(c->bca, v, sizeof c->bca);
        else if (strcmp(key, "bca_half") == 0 && cnt == 2)
            memcpy(c->bca_half, v, sizeof c->bca_half);
        if (!keep)
            free(v);
    }
    fclose(f);
    return ok && c->x && c->t && c->L && c->nL == c->n;
}

static void bcase_free(bcase *c)
{
    free(c->x);
    free(c->t);
    free(c->L);
}

/* ------------------------------------------------------------------ statistics */

static double st_mean(const double *x, size_t n, void *ctx)
{
    double m;
    return es_mean(x, n, &m) == ES_OK ? m : NAN;
}

static double st2_diff_means(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return st_mean(x, nx, ctx) - st_mean(y, ny, ctx);
}

static double st_median(const double *x, size_t n, void *ctx)
{
    return es_median(x, n);
}

static double st_sd(const double *x, size_t n, void *ctx)
{
    double s;
    return es_sd_sample(x, n, &s) == ES_OK ? s : NAN;
}

/* NaN unless the resample holds the value *ctx: provokes non-finite replicates. */
static double st_mean_unless_has(const double *x, size_t n, void *ctx)
{
    double need = *(const double *)ctx;
    for (size_t i = 0; i < n; i++)
        if (x[i] == need)
            return st_mean(x, n, NULL);
    return NAN;
}

static double st_nan(const double *x, size_t n, void *ctx)
{
    return NAN;
}

static double st2_ratio_medians(const double *x, size_t nx, const double *y, size_t ny,
                                void *ctx)
{
    return es_median(x, nx) / es_median(y, ny);
}

/* Depends on x only: the two-sample driver must then equal the one-sample one. */
static double st2_mean_x(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return st_mean(x, nx, NULL);
}

/* ------------------------------------------------------------------ against R */

static const char *const files[] = {"boot_mean.txt", "boot_median.txt", "boot_sd90.txt"};
static const es_boot_stat_fn file_stats[] = {st_mean, st_median, st_sd};

/* Percentile and BCa endpoints from R's replicates, t0 and empinf(type = "jack"):
 * boot.ci(b, conf, type = c("perc", "bca"), L = L) in bootstrap.R. */
static void test_ci_vs_boot_ci(void)
{
    for (size_t k = 0; k < 3; k++) {
        bcase c;
        CU_ASSERT_FATAL(bcase_load(files[k], &c));
        double ci[2];
        CU_ASSERT_EQUAL(es_boot_ci_percentile(c.t, c.B, c.conf, ci), ES_OK);
        ES_ASSERT_REL(ci[0], c.perc[0], 1e-10);
        ES_ASSERT_REL(ci[1], c.perc[1], 1e-10);
        CU_ASSERT_EQUAL(es_boot_ci_bca(c.t0, c.t, c.B, c.L, c.nL, c.conf, ci), ES_OK);
        /* Ties at t0 counted 1/2: bootstrap.R's bca_half, always. */
        ES_ASSERT_REL(ci[0], c.bca_half[0], 1e-10);
        ES_ASSERT_REL(ci[1], c.bca_half[1], 1e-10);
        if (c.ties == 0) {
            /* No replicate equals t0 (boot_mean, boot_sd90): boot.ci's BCa exactly. */
            ES_ASSERT_REL(ci[0], c.bca[0], 1e-10);
            ES_ASSERT_REL(ci[1], c.bca[1], 1e-10);
        } else {
            /* boot_median: 612 of 1999 replicates equal t0; boot.ci counts them as
             * above t0 and its interval moves down, ours does not. */
            CU_ASSERT_TRUE(fabs(ci[0] - c.bca[0]) > 1e-3 * fabs(c.bca[0]));
        }
        bcase_free(&c);
    }
}

/* Non-finite replicates are dropped (boot.ci: t <- t[is.finite(t)]). */
static void test_ci_nonfinite_dropped(void)
{
    bcase c;
    CU_ASSERT_FATAL(bcase_load("boot_mean.txt", &c));
    double *t = malloc((c.B + 3) * sizeof *t);
    CU_ASSERT_FATAL(t != NULL);
    t[0] = NAN;
    memcpy(t + 1, c.t, c.B * sizeof *t);
    t[c.B + 1] = INFINITY;
    t[c.B + 2] = -INFINITY;
    double ci[2];
    CU_ASSERT_EQUAL(es_boot_ci_percentile(t, c.B + 3, c.conf, ci), ES_OK);
    ES_ASSERT_REL(ci[0], c.perc[0], 1e-10);
    ES_ASSERT_REL(ci[1], c.perc[1], 1e-10);
    CU_ASSERT_EQUAL(es_boot_ci_bca(c.t0, t, c.B + 3, c.L, c.nL, c.conf, ci), ES_OK);
    ES_ASSERT_REL(ci[0], c.bca[0], 1e-10);
    ES_ASSERT_REL(ci[1], c.bca[1], 1e-10);
    free(t);
    bcase_free(&c);
}

/* Jackknife influence values (m - 1)(t0 - t_(-j)) vs empinf(b, type = "jack"). */
static void test_jackknife_vs_empinf(void)
{
    for (size_t k = 0; k < 3; k++) {
        bcase c;
        CU_ASSERT_FATAL(bcase_load(files[k], &c));
        double *L = malloc(c.n * sizeof *L);
        CU_ASSERT_FATAL(L != NULL);
        double scale = 0;
        for (size_t i = 0; i < c.n; i++)
            scale = fmax(scale, fabs(c.L[i]));
        for (unsigned th = 1; th <= 3; th += 2) {
            CU_ASSERT_EQUAL(es_boot_jackknife(c.x, c.n, file_stats[k], NULL, 0, th, L), ES_OK);
            /* Absolute tolerance on the scale of L: t0 - t_(-j) cancels digits. */
            for (size_t i = 0; i < c.n; i++)
                ES_ASSERT_REL(L[i] / scale, c.L[i] / scale, 1e-11);
        }
        free(L);
        bcase_free(&c);
    }
}

/* Ready-made statistics: median(x) of bootstrap.R's boot_median data is its t0, and
 * selection gives the same doubles as the sorting median on even and odd n. */
static void test_ready_stats(void)
{
    bcase c;
    CU_ASSERT_FATAL(bcase_load("boot_median.txt", &c));
    ES_ASSERT_REL(es_boot_stat_median(c.x, c.n, NULL), c.t0, 0); /* median(x) in R */
    for (size_t n = 1; n <= c.n; n++)
        ES_ASSERT_REL(es_boot_stat_median(c.x, n, NULL), es_median(c.x, n), 0);
    CU_ASSERT_TRUE(isnan(es_boot_stat_median(c.x, 0, NULL)));
    ES_ASSERT_REL(es_boot_stat2_ratio_medians(c.x, 11, c.x + 11, 14, NULL),
                  es_median(c.x, 11) / es_median(c.x + 11, 14), 0);
    ES_ASSERT_REL(es_boot_stat2_diff_medians(c.x, 11, c.x + 11, 14, NULL),
                  es_median(c.x, 11) - es_median(c.x + 11, 14), 0);
    double m;
    CU_ASSERT_EQUAL(es_mean(c.x, c.n, &m), ES_OK);
    ES_ASSERT_REL(es_boot_stat_mean(c.x, c.n, NULL), m, 0);
    bcase_free(&c);
}

/* Grouped jackknife: groups i mod g, L_j = (g - 1)(t0 - t_(-j)), checked for the mean
 * against the direct formula t_(-j) = (S - S_j) / (n - n_j). */
static void test_jackknife_grouped(void)
{
    bcase c;
    CU_ASSERT_FATAL(bcase_load("boot_mean.txt", &c));
    const size_t g = 7;
    double L[7], S = 0, t0;
    CU_ASSERT_EQUAL(es_boot_jackknife(c.x, c.n, st_mean, NULL, g, 2, L), ES_OK);
    CU_ASSERT_EQUAL(es_mean(c.x, c.n, &t0), ES_OK);
    for (size_t i = 0; i < c.n; i++)
        S += c.x[i];
    for (size_t j = 0; j < g; j++) {
        double Sj = 0;
        size_t nj = 0;
        for (size_t i = j; i < c.n; i += g)
            Sj += c.x[i], nj++;
        double want = (double)(g - 1) * (t0 - (S - Sj) / (double)(c.n - nj));
        ES_ASSERT_REL(L[j], want, 1e-9);
    }
    bcase_free(&c);
}

/* ------------------------------------------------------------------ drivers */

static double *lognormal_like(size_t n, unsigned seed)
{
    /* Deterministic high-entropy positive data (no RNG library involved). */
    double *x = malloc(n * sizeof *x);
    uint64_t s = seed;
    for (size_t i = 0; x != NULL && i < n; i++) {
        s = es_boot_stream_seed(s, i);
        double u = ((double)(s >> 11) + 0.5) / 9007199254740992.0;
        x[i] = exp(-3.5 + 0.9 * (u - 0.5) * 3.4641016151377544);
    }
    return x;
}

/* The mean's jackknife fast path (es_boot_stat_mean: the mean without a group from the
 * group's own mean, O(n) in all) against boot::empinf(type = "jack") of bootstrap.R's
 * boot_mean data (R 4.2.2), and against the generic path (st_mean: copy the rest, take
 * its mean) on 5,000 values, deleting one value at a time and in 997 groups. */
static void test_jackknife_mean_fast(void)
{
    bcase c;
    CU_ASSERT_FATAL(bcase_load("boot_mean.txt", &c));
    double *L = malloc(c.n * sizeof *L), scale = 0;
    CU_ASSERT_FATAL(L != NULL);
    for (size_t i = 0; i < c.n; i++)
        scale = fmax(scale, fabs(c.L[i]));
    CU_ASSERT_EQUAL(es_boot_jackknife(c.x, c.n, es_boot_stat_mean, NULL, 0, 2, L), ES_OK);
    for (size_t i = 0; i < c.n; i++)
        ES_ASSERT_REL(L[i] / scale, c.L[i] / scale, 1e-11);
    free(L);
    bcase_free(&c);
    size_t n = 5000;
    double *x = lognormal_like(n, 11), *Lf = malloc(n * sizeof *Lf), *Lg = malloc(n * sizeof *Lg);
    CU_ASSERT_FATAL(x && Lf && Lg);
    const size_t groups[] = {0, 997};
    for (size_t k = 0; k < 2; k++) {
        size_t m = groups[k] ? groups[k] : n;
        CU_ASSERT_EQUAL(es_boot_jackknife(x, n, es_boot_stat_mean, NULL, groups[k], 2, Lf), ES_OK);
        CU_ASSERT_EQUAL(es_boot_jackknife(x, n, st_mean, NULL, groups[k], 1, Lg), ES_OK);
        scale = 0;
        for (size_t j = 0; j < m; j++)
            scale = fmax(scale, fabs(Lg[j]));
        for (size_t j = 0; j < m; j++)
            ES_ASSERT_REL(Lf[j] / scale, Lg[j] / scale, 1e-9);
    }
    free(x), free(Lf), free(Lg);
}

/* The mean's bootstrap sums its draws as it makes them (es_boot_mean_draw): each
 * replicate equals es_mean of the same resample (the generic path, through st_mean)
 * to rounding, also for data on a large offset (1e6 + x: the deviations from the mean
 * are what is summed), and the result is bit-identical for 1 and 3 threads. */
static void test_boot_mean_fast(void)
{
    const size_t n = 3001, B = 300;
    double *x = lognormal_like(n, 5), *tf = malloc(B * sizeof *tf), *tg = malloc(B * sizeof *tg),
           *t3 = malloc(B * sizeof *t3);
    CU_ASSERT_FATAL(x && tf && tg && t3);
    for (int shifted = 0; shifted < 2; shifted++) {
        if (shifted)
            for (size_t i = 0; i < n; i++)
                x[i] += 1e6;
        es_boot_opts o;
        es_boot_opts_default(&o);
        o.B = B;
        o.seed = 99;
        o.threads = 1;
        es_boot_result rf, rg, r3;
        o.replicates = tf;
        CU_ASSERT_EQUAL(es_boot_one(x, n, es_boot_stat_mean, NULL, &o, &rf), ES_OK);
        o.replicates = tg;
        CU_ASSERT_EQUAL(es_boot_one(x, n, st_mean, NULL, &o, &rg), ES_OK);
        o.replicates = t3;
        o.threads = 3;
        CU_ASSERT_EQUAL(es_boot_one(x, n, es_boot_stat_mean, NULL, &o, &r3), ES_OK);
        double worst = 0;
        for (size_t b = 0; b < B; b++)
            worst = fmax(worst, fabs(tf[b] - tg[b]) / fabs(tg[b]));
        CU_ASSERT_TRUE(worst < 4e-16);
        CU_ASSERT_EQUAL(memcmp(tf, t3, B * sizeof *tf), 0);
        ES_ASSERT_REL(rf.se, rg.se, shifted ? 1e-9 : 1e-13);
        ES_ASSERT_REL(rf.perc_lo, rg.perc_lo, 1e-15);
        ES_ASSERT_REL(rf.bca_hi, rg.bca_hi, 1e-15);
        /* The difference of two means, and its jackknife (BCa's acceleration). */
        o.threads = 2;
        o.replicates = tf;
        o.jack_max = shifted ? 100 : 0; /* grouped, then exact */
        CU_ASSERT_EQUAL(es_boot_two(x, n, x + 1000, 800, es_boot_stat2_diff_means, NULL, &o, &rf), ES_OK);
        o.replicates = tg;
        CU_ASSERT_EQUAL(es_boot_two(x, n, x + 1000, 800, st2_diff_means, NULL, &o, &rg), ES_OK);
        worst = 0;
        for (size_t b = 0; b < B; b++)
            worst = fmax(worst, fabs(tf[b] - tg[b]));
        CU_ASSERT_TRUE(worst < 1e-15 * (shifted ? 2e6 : 10));
        CU_ASSERT_TRUE(fabs(rf.accel - rg.accel) < (shifted ? 1e-6 : 1e-12) * fabs(rg.accel));
        CU_ASSERT_TRUE(fabs(rf.bca_lo - rg.bca_lo) < 1e-15 * (shifted ? 2e6 : 10));
        o.jack_max = 0;
    }
    free(x), free(tf), free(tg), free(t3);
}

static int same_result(const es_boot_result *a, const es_boot_result *b)
{
    /* Bit-identical doubles (NaN payloads included). */
    return memcmp(&a->estimate, &b->estimate, sizeof a->estimate) == 0 &&
           memcmp(&a->se, &b->se, sizeof a->se) == 0 &&
           memcmp(&a->bias, &b->bias, sizeof a->bias) == 0 &&
           memcmp(&a->perc_lo, &b->perc_lo, sizeof(double)) == 0 &&
           memcmp(&a->perc_hi, &b->perc_hi, sizeof(double)) == 0 &&
           memcmp(&a->bca_lo, &b->bca_lo, sizeof(double)) == 0 &&
           memcmp(&a->bca_hi, &b->bca_hi, sizeof(double)) == 0 &&
           memcmp(&a->z0, &b->z0, sizeof(double)) == 0 &&
           memcmp(&a->accel, &b->accel, sizeof(double)) == 0 && a->B == b->B &&
           a->B_used == b->B_used && a->jack_units == b->jack_units &&
           a->jack_grouped == b->jack_grouped && a->degenerate == b->degenerate;
}

/* The same seed gives bit-identical replicates and results with 1, 2 and 4 threads,
 * for all three drivers (two samples: ratio and difference of medians); another seed
 * gives other replicates. */
static void test_threads_identical(void)
{
    const size_t n = 150, B = 400;
    double *x = lognormal_like(n, 7), *y = lognormal_like(90, 8);
    uint32_t *cl = malloc(n * sizeof *cl);
    double *t[3], *t2 = malloc(B * sizeof *t2);
    CU_ASSERT_FATAL(x && y && cl && t2);
    for (size_t i = 0; i < n; i++)
        cl[i] = (uint32_t)((i * 7919) % 37) * 1000u; /* 37 clusters, sparse codes */
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = B;
    o.seed = 20261126;
    o.jack_max = 20; /* forces the grouped jackknife: x 150, y 90 values, 37 clusters */
    unsigned threads[3] = {1, 2, 4};
    for (int kind = 0; kind < 4; kind++) {
        es_boot_result r[3];
        es_boot_stat2_fn two = kind == 3 ? es_boot_stat2_diff_medians : es_boot_stat2_ratio_medians;
        for (int k = 0; k < 3; k++) {
            t[k] = malloc(B * sizeof *t[k]);
            CU_ASSERT_FATAL(t[k] != NULL);
            o.threads = threads[k];
            o.replicates = t[k];
            int rc = kind == 0 ? es_boot_one(x, n, es_boot_stat_median, NULL, &o, &r[k])
                     : kind == 1
                         ? es_boot_cluster(x, cl, n, es_boot_stat_median, NULL, &o, &r[k])
                         : es_boot_two(x, n, y, 90, two, NULL, &o, &r[k]);
            CU_ASSERT_EQUAL(rc, ES_OK);
        }
        for (int k = 1; k < 3; k++) {
            CU_ASSERT_EQUAL(memcmp(t[0], t[k], B * sizeof *t[0]), 0);
            CU_ASSERT_TRUE(same_result(&r[0], &r[k]));
        }
        CU_ASSERT_EQUAL(r[0].B_used, B);
        CU_ASSERT_FALSE(r[0].degenerate);
        CU_ASSERT_TRUE(isfinite(r[0].bca_lo) && isfinite(r[0].bca_hi));
        CU_ASSERT_TRUE(r[0].perc_lo < r[0].estimate && r[0].estimate < r[0].perc_hi);
        CU_ASSERT_TRUE(r[0].jack_grouped);
        /* A different seed: different replicates. */
        o.seed = 20261127;
        o.threads = 2;
        o.replicates = t2;
        es_boot_result r2;
        if (kind == 0)
            es_boot_one(x, n, es_boot_stat_median, NULL, &o, &r2);
        else if (kind == 1)
            es_boot_cluster(x, cl, n, es_boot_stat_median, NULL, &o, &r2);
        else
            es_boot_two(x, n, y, 90, two, NULL, &o, &r2);
        CU_ASSERT_NOT_EQUAL(memcmp(t[0], t2, B * sizeof *t2), 0);
        o.seed = 20261126;
        for (int k = 0; k < 3; k++)
            free(t[k]);
    }
    free(t2);
    free(cl);
    free(x);
    free(y);
}

/* The driver's intervals are the pure functions applied to its own replicates and its
 * jackknife; the estimate, se and bias are the plain formulas. */
static void test_driver_consistent(void)
{
    bcase c;
    CU_ASSERT_FATAL(bcase_load("boot_sd90.txt", &c));
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = 999;
    o.conf = 0.9;
    o.threads = 2;
    double *t = malloc(o.B * sizeof *t), *L = malloc(c.n * sizeof *L);
    CU_ASSERT_FATAL(t && L);
    o.replicates = t;
    es_boot_result r;
    CU_ASSERT_EQUAL(es_boot_one(c.x, c.n, st_sd, NULL, &o, &r), ES_OK);
    ES_ASSERT_REL(r.estimate, c.t0, 1e-14); /* sd(x) in bootstrap.R */
    CU_ASSERT_EQUAL(r.jack_units, c.n);
    CU_ASSERT_FALSE(r.jack_grouped);
    double ci[2], se, m, a, z0;
    CU_ASSERT_EQUAL(es_boot_ci_percentile(t, o.B, o.conf, ci), ES_OK);
    ES_ASSERT_REL(r.perc_lo, ci[0], 0);
    ES_ASSERT_REL(r.perc_hi, ci[1], 0);
    CU_ASSERT_EQUAL(es_boot_jackknife(c.x, c.n, st_sd, NULL, 0, 1, L), ES_OK);
    CU_ASSERT_EQUAL(es_boot_ci_bca(r.estimate, t, o.B, L, c.n, o.conf, ci), ES_OK);
    ES_ASSERT_REL(r.bca_lo, ci[0], 0);
    ES_ASSERT_REL(r.bca_hi, ci[1], 0);
    CU_ASSERT_EQUAL(es_boot_accel(L, c.n, &a), ES_OK);
    ES_ASSERT_REL(r.accel, a, 0);
    CU_ASSERT_EQUAL(es_boot_bca_z0(r.estimate, t, o.B, &z0), ES_OK);
    ES_ASSERT_REL(r.z0, z0, 0);
    CU_ASSERT_EQUAL(es_sd_sample(t, o.B, &se), ES_OK);
    ES_ASSERT_REL(r.se, se, 0);
    CU_ASSERT_EQUAL(es_mean(t, o.B, &m), ES_OK);
    ES_ASSERT_REL(r.bias, m - r.estimate, 0);
    free(t);
    free(L);
    bcase_free(&c);
}

/* Cluster bootstrap with one value per cluster, clusters in data order, is the
 * one-sample bootstrap draw for draw; a two-sample statistic of x alone is the
 * one-sample bootstrap of x. */
static void test_drivers_reduce(void)
{
    const size_t n = 60;
    double *x = lognormal_like(n, 11), *y = lognormal_like(25, 12);
    uint32_t cl[60];
    for (size_t i = 0; i < n; i++)
        cl[i] = (uint32_t)i;
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = 500;
    o.threads = 2;
    es_boot_result r1, rc, r2;
    CU_ASSERT_EQUAL(es_boot_one(x, n, st_mean, NULL, &o, &r1), ES_OK);
    CU_ASSERT_EQUAL(es_boot_cluster(x, cl, n, st_mean, NULL, &o, &rc), ES_OK);
    CU_ASSERT_TRUE(same_result(&r1, &rc));
    CU_ASSERT_EQUAL(es_boot_two(x, n, y, 25, st2_mean_x, NULL, &o, &r2), ES_OK);
    ES_ASSERT_REL(r2.estimate, r1.estimate, 0);
    ES_ASSERT_REL(r2.se, r1.se, 0);
    ES_ASSERT_REL(r2.perc_lo, r1.perc_lo, 0);
    ES_ASSERT_REL(r2.perc_hi, r1.perc_hi, 0);
    ES_ASSERT_REL(r2.accel, r1.accel, 1e-12); /* y's influence values are all 0 */
    ES_ASSERT_REL(r2.bca_lo, r1.bca_lo, 1e-12);
    ES_ASSERT_REL(r2.bca_hi, r1.bca_hi, 1e-12);
    free(x);
    free(y);
}

/* Posts within accounts: 30 accounts of 10 identical values.  Resampling accounts
 * gives an SE of the mean about sqrt(10) times the naive per-post one; the jackknife
 * over clusters gives the acceleration from the account means (equal sizes:
 * L_c = (G - 1)(t0 - t_(-c)) = mean_c - t0). */
static void test_cluster_bootstrap(void)
{
    const size_t G = 30, m = 10, n = G * m;
    double *v = lognormal_like(G, 21), *x = malloc(n * sizeof *x);
    uint32_t *cl = malloc(n * sizeof *cl);
    CU_ASSERT_FATAL(v && x && cl);
    for (size_t i = 0; i < n; i++) {
        x[i] = v[i % G];        /* interleaved: the driver must group by code */
        cl[i] = (uint32_t)(i % G) + 5;
    }
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = 1000;
    o.threads = 2;
    es_boot_result rc, r1;
    CU_ASSERT_EQUAL(es_boot_cluster(x, cl, n, st_mean, NULL, &o, &rc), ES_OK);
    CU_ASSERT_EQUAL(es_boot_one(x, n, st_mean, NULL, &o, &r1), ES_OK);
    CU_ASSERT_TRUE(rc.se > 2 * r1.se);
    CU_ASSERT_EQUAL(rc.jack_units, G);
    double t0, a, L[30];
    CU_ASSERT_EQUAL(es_mean(x, n, &t0), ES_OK);
    for (size_t c = 0; c < G; c++)
        L[c] = v[c] - t0;
    CU_ASSERT_EQUAL(es_boot_accel(L, G, &a), ES_OK);
    ES_ASSERT_REL(rc.accel, a, 1e-9);
    /* Grouped over clusters when there are more than jack_max. */
    o.jack_max = 6;
    CU_ASSERT_EQUAL(es_boot_cluster(x, cl, n, st_mean, NULL, &o, &rc), ES_OK);
    CU_ASSERT_EQUAL(rc.jack_units, 6);
    CU_ASSERT_TRUE(rc.jack_grouped);
    CU_ASSERT_TRUE(isfinite(rc.accel));
    free(v);
    free(x);
    free(cl);
}

/* All replicates equal (constant data, n = 1): flagged, se 0, intervals NaN. */
static void test_degenerate(void)
{
    const double c5[] = {0.03, 0.03, 0.03, 0.03, 0.03};
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = 200;
    es_boot_result r;
    CU_ASSERT_EQUAL(es_boot_one(c5, 5, st_mean, NULL, &o, &r), ES_OK);
    CU_ASSERT_TRUE(r.degenerate);
    ES_ASSERT_REL(r.estimate, 0.03, 1e-15);
    ES_ASSERT_REL(r.se, 0, 0);
    CU_ASSERT_TRUE(isnan(r.perc_lo) && isnan(r.perc_hi) && isnan(r.bca_lo) && isnan(r.bca_hi));
    CU_ASSERT_EQUAL(es_boot_one(c5, 1, st_mean, NULL, &o, &r), ES_OK);
    CU_ASSERT_TRUE(r.degenerate);
    CU_ASSERT_EQUAL(r.jack_units, 0);
    /* Pure functions: all jackknife values 0 make a undefined. */
    double L[5] = {0, 0, 0, 0, 0}, a, ci[2];
    CU_ASSERT_EQUAL(es_boot_accel(L, 5, &a), ES_EDOM);
    CU_ASSERT_TRUE(isnan(a));
    const double t[4] = {1, 2, 3, 4};
    CU_ASSERT_EQUAL(es_boot_ci_bca(2.5, t, 4, L, 5, 0.9, ci), ES_EDOM);
    CU_ASSERT_TRUE(isnan(ci[0]) && isnan(ci[1]));
}

/* Some replicates undefined (NaN): dropped from the intervals and counted.  The
 * statistic is NaN for resamples that miss x[3], about (1 - 1/n)^n = 36% of them. */
static void test_nonfinite_replicates(void)
{
    const size_t n = 30, B = 300;
    double *x = lognormal_like(n, 31);
    double *t = malloc(B * sizeof *t);
    CU_ASSERT_FATAL(x && t);
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = B;
    o.replicates = t;
    double need = x[3];
    es_boot_result r;
    CU_ASSERT_EQUAL(es_boot_one(x, n, st_mean_unless_has, &need, &o, &r), ES_OK);
    size_t finite = 0;
    for (size_t b = 0; b < B; b++)
        finite += isfinite(t[b]) != 0;
    CU_ASSERT_EQUAL(r.B_used, finite);
    CU_ASSERT_TRUE(finite > B / 2 && finite < B);
    double ci[2];
    CU_ASSERT_EQUAL(es_boot_ci_percentile(t, B, o.conf, ci), ES_OK);
    ES_ASSERT_REL(r.perc_lo, ci[0], 0);
    ES_ASSERT_REL(r.perc_hi, ci[1], 0);
    CU_ASSERT_TRUE(isfinite(r.se));
    /* Deleting x[3] makes a jackknife value undefined, hence a and BCa. */
    CU_ASSERT_TRUE(isnan(r.accel) && isnan(r.bca_lo) && isnan(r.bca_hi));
    /* Undefined on the data itself: ES_EDOM, estimate NaN. */
    double absent = -1;
    CU_ASSERT_EQUAL(es_boot_one(x, n, st_mean_unless_has, &absent, &o, &r), ES_EDOM);
    CU_ASSERT_TRUE(isnan(r.estimate));
    free(t);
    free(x);
}

/* Every error code of the module. */
static void test_errors(void)
{
    const double x[] = {0.01, 0.02, 0.04, 0.03};
    const uint32_t cl[] = {1, 1, 2, 2};
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = 50;
    es_boot_result r;
    double ci[2], v, L[4];
    /* ES_EINVAL */
    CU_ASSERT_EQUAL(es_boot_one(NULL, 4, st_mean, NULL, &o, &r), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(r.estimate) && isnan(r.perc_lo));
    CU_ASSERT_EQUAL(es_boot_one(x, 4, NULL, NULL, &o, &r), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_one(x, 4, st_mean, NULL, NULL, &r), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_one(x, 4, st_mean, NULL, &o, NULL), ES_EINVAL);
    o.B = 0;
    CU_ASSERT_EQUAL(es_boot_one(x, 4, st_mean, NULL, &o, &r), ES_EINVAL);
    o.B = 50;
    o.conf = 1;
    CU_ASSERT_EQUAL(es_boot_cluster(x, cl, 4, st_mean, NULL, &o, &r), ES_EINVAL);
    o.conf = 0.95;
    CU_ASSERT_EQUAL(es_boot_cluster(x, NULL, 4, st_mean, NULL, &o, &r), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_two(x, 4, NULL, 4, st2_ratio_medians, NULL, &o, &r), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_ci_percentile(x, 4, 0, ci), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(ci[0]) && isnan(ci[1]));
    CU_ASSERT_EQUAL(es_boot_ci_percentile(NULL, 4, 0.9, ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_ci_bca(0.02, x, 4, x, 4, 1.5, ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_ci_bca(0.02, x, 4, NULL, 4, 0.9, ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_jackknife(x, 4, st_mean, NULL, 1, 1, L), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_jackknife(x, 4, NULL, NULL, 0, 1, L), ES_EINVAL);
    CU_ASSERT_EQUAL(es_boot_bca_z0(0.02, x, 4, NULL), ES_EINVAL);
    /* ES_EEMPTY */
    CU_ASSERT_EQUAL(es_boot_one(x, 0, st_mean, NULL, &o, &r), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_boot_cluster(x, cl, 0, st_mean, NULL, &o, &r), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_boot_two(x, 4, x, 0, st2_ratio_medians, NULL, &o, &r), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_boot_ci_percentile(x, 0, 0.9, ci), ES_EEMPTY);
    const double allnan[2] = {NAN, INFINITY};
    CU_ASSERT_EQUAL(es_boot_ci_percentile(allnan, 2, 0.9, ci), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_boot_accel(L, 0, &v), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_boot_jackknife(x, 0, st_mean, NULL, 0, 1, L), ES_EEMPTY);
    /* ES_EDOM: statistic undefined on the data; z0 infinite (every replicate above
     * t0); n = 1 jackknife. */
    CU_ASSERT_EQUAL(es_boot_one(x, 4, st_nan, NULL, &o, &r), ES_EDOM);
    CU_ASSERT_EQUAL(es_boot_two(x, 4, x, 4, st2_ratio_medians, NULL, &o, &r), ES_OK);
    const double zero[] = {0, 0, 0};
    CU_ASSERT_EQUAL(es_boot_two(x, 4, zero, 3, st2_ratio_medians, NULL, &o, &r), ES_EDOM);
    CU_ASSERT_EQUAL(es_boot_bca_z0(0.0, x, 4, &v), ES_EDOM);
    CU_ASSERT_TRUE(isinf(v) || isnan(v));
    CU_ASSERT_EQUAL(es_boot_ci_bca(0.0, x, 4, x, 4, 0.9, ci), ES_EDOM);
    CU_ASSERT_EQUAL(es_boot_jackknife(x, 1, st_mean, NULL, 0, 1, L), ES_EDOM);
    CU_ASSERT_EQUAL(es_boot_jackknife(x, 4, st_nan, NULL, 0, 1, L), ES_EDOM);
    /* ES_ENOMEM: a replicate count no allocation can hold. */
    o.B = SIZE_MAX / 4;
    CU_ASSERT_EQUAL(es_boot_one(x, 4, st_mean, NULL, &o, &r), ES_ENOMEM);
    CU_ASSERT_EQUAL(es_boot_ci_percentile(x, SIZE_MAX / 4, 0.9, ci), ES_ENOMEM);
}

/* es_ratio_of_medians is es_boot_two on es_boot_stat2_ratio_medians, plus the rules
 * for empty groups and a zero denominator median. */
static void test_ratio_of_medians(void)
{
    double x[] = {0.05, 0.031, 0.042, 0.02, 0.061, 0.038, 0.027, 0.049};
    double y[] = {0.021, 0.018, 0.03, 0.011, 0.025, 0.016};
    es_boot_opts bo;
    es_boot_opts_default(&bo);
    bo.B = 500;
    bo.seed = 7;
    es_ratio_ci r;
    CU_ASSERT_EQUAL(es_ratio_of_medians(x, 8, y, 6, &bo, &r), ES_OK);
    /* medians 0.040 and 0.0195 (type 7) */
    ES_ASSERT_REL(r.estimate, 0.04 / 0.0195, 1e-14);
    es_boot_result br;
    CU_ASSERT_EQUAL(es_boot_two(x, 8, y, 6, es_boot_stat2_ratio_medians, NULL, &bo, &br), ES_OK);
    CU_ASSERT_TRUE(r.has_ci);
    ES_ASSERT_REL(r.perc_lo, br.perc_lo, 0);
    ES_ASSERT_REL(r.perc_hi, br.perc_hi, 0);
    ES_ASSERT_REL(r.bca_lo, br.bca_lo, 0);
    ES_ASSERT_REL(r.bca_hi, br.bca_hi, 0);
    CU_ASSERT_EQUAL(es_ratio_of_medians(x, 8, y, 6, NULL, &r), ES_OK);
    CU_ASSERT_FALSE(r.has_ci);
    CU_ASSERT_TRUE(isnan(r.perc_lo) && isnan(r.bca_hi));
    CU_ASSERT_EQUAL(es_ratio_of_medians(x, 8, y, 0, &bo, &r), ES_OK);
    CU_ASSERT_TRUE(isnan(r.estimate) && !r.has_ci);
    double z[] = {0, 0, 0.01};
    CU_ASSERT_EQUAL(es_ratio_of_medians(x, 8, z, 3, &bo, &r), ES_OK);
    CU_ASSERT_TRUE(isnan(r.estimate) && !r.has_ci);
}

/* ------------------------------------------------------------------ median fast path */

/* The exact bootstrap law of the median of sorted data xs[0..n) (Efron 1979, Ann.
 * Statist. 7:1, sec. 3; Efron 1982):
 * with N_i the number of the n draws on ranks 1..i, a Binomial(n, i/n), the k-th
 * order statistic R_k has P(R_k <= i) = P(N_i >= k).  Odd n: median = xs[R_k],
 * k = (n + 1)/2.  Even n, k = n/2: median = (xs[R_k] + xs[R_k+1])/2 with, for i < j,
 * P(R_k = i, R_k+1 = j) = C(n,k) [(i/n)^k - ((i-1)/n)^k] [((n-j+1)/n)^(n-k) - ((n-j)/n)^(n-k)]
 * (k draws on 1..i, one at least on i; the rest on j..n, one at least on j), and
 * P(R_k = R_k+1 = i) = 1 - P(N_(i-1) >= k) - P(N_i <= k) + C(n,k) ((i-1)/n)^k ((n-i)/n)^(n-k).
 * k = the lower order statistic (1-based); pair = 0 for xs[R_k] alone.  Writes the
 * value (the driver's arithmetic) and probability of every (i, j) into cell[], sorted
 * by value with exact duplicates merged (ties in the data); returns their count. */
typedef struct law_cell {
    double v, p;
} law_cell;

static int cmp_cell(const void *a, const void *b)
{
    double x = ((const law_cell *)a)->v, y = ((const law_cell *)b)->v;
    return (x > y) - (x < y);
}

static double binom_ge(unsigned k, double p, unsigned n) /* P(Bin(n, p) >= k) */
{
    if (k == 0)
        return 1;
    if (p <= 0)
        return 0;
    return p >= 1 ? 1 : gsl_cdf_binomial_Q(k - 1, p, n);
}

static size_t exact_law(const double *xs, size_t n, size_t k, int pair, law_cell *cell)
{
    size_t m = 0;
    double dn = (double)n, dk = (double)k, c = gsl_sf_choose((unsigned)n, (unsigned)k);
    for (size_t i = 1; i <= n; i++) {
        double pi = (double)i / dn, pi1 = (double)(i - 1) / dn;
        if (!pair) {
            double p = binom_ge((unsigned)k, pi, (unsigned)n) - binom_ge((unsigned)k, pi1, (unsigned)n);
            cell[m++] = (law_cell){xs[i - 1], p};
            continue;
        }
        double below = binom_ge((unsigned)k, pi1, (unsigned)n);
        double upto = 1 - binom_ge((unsigned)k + 1, pi, (unsigned)n);
        double same = 1 - below - upto + c * pow(pi1, dk) * pow((dn - (double)i) / dn, dn - dk);
        cell[m++] = (law_cell){0.5 * xs[i - 1] + 0.5 * xs[i - 1], same};
        for (size_t j = i + 1; j <= n; j++) {
            double hi = pow((dn - (double)j + 1) / dn, dn - dk) - pow((dn - (double)j) / dn, dn - dk);
            cell[m++] = (law_cell){0.5 * xs[i - 1] + 0.5 * xs[j - 1], c * (pow(pi, dk) - pow(pi1, dk)) * hi};
        }
    }
    qsort(cell, m, sizeof *cell, cmp_cell);
    size_t u = 0;
    for (size_t r = 0; r < m; r++) {
        if (u > 0 && cell[u - 1].v == cell[r].v)
            cell[u - 1].p += cell[r].p;
        else
            cell[u++] = cell[r];
    }
    return u;
}

/* The law of the median of xs (sorted, n values): exact_law at the middle. */
static size_t median_law(const double *xs, size_t n, law_cell *cell)
{
    return exact_law(xs, n, n % 2 ? (n + 1) / 2 : n / 2, n % 2 == 0, cell);
}

/* Pearson's chi-square of the replicates t[0..B) against the law cell[0..m) (values
 * sorted): adjacent values pooled until a bin expects 5 or more; returns the upper
 * tail p-value, or -1 when a replicate is not a value of the law. */
static double chisq_law(const double *t, size_t B, const law_cell *cell, size_t m)
{
    size_t *obs = calloc(m, sizeof *obs);
    CU_ASSERT_FATAL(obs != NULL);
    for (size_t b = 0; b < B; b++) {
        law_cell key = {t[b], 0};
        const law_cell *hit = bsearch(&key, cell, m, sizeof *cell, cmp_cell);
        if (hit == NULL) {
            free(obs);
            return -1;
        }
        obs[hit - cell]++;
    }
    /* bins over adjacent values: be[] expected, bo[] observed */
    double *be = calloc(m, sizeof *be), *bo = calloc(m, sizeof *bo);
    CU_ASSERT_FATAL(be && bo);
    size_t bins = 0;
    for (size_t r = 0; r < m; r++) {
        if (bins == 0 || be[bins - 1] >= 5)
            bins++;
        be[bins - 1] += (double)B * cell[r].p;
        bo[bins - 1] += (double)obs[r];
    }
    if (bins >= 2 && be[bins - 1] < 5) { /* a short last bin joins the previous one */
        be[bins - 2] += be[bins - 1];
        bo[bins - 2] += bo[bins - 1];
        bins--;
    }
    double x2 = 0;
    for (size_t k = 0; k < bins; k++)
        x2 += (bo[k] - be[k]) * (bo[k] - be[k]) / be[k];
    free(obs);
    free(be);
    free(bo);
    return bins < 2 ? 1 : gsl_cdf_chisq_Q(x2, (double)(bins - 1));
}

static double *sorted_copy(const double *x, size_t n)
{
    double *s = malloc(n * sizeof *s);
    CU_ASSERT_FATAL(s != NULL);
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, es_cmp_double);
    return s;
}

/* The law formulas above against R's brute-force enumeration of all n^n resamples
 * (tests/reference/bootstrap_exact.R, R 4.2.2): odd n, even n, and ties. */
static void test_exact_law_vs_r(void)
{
    static const double x5[] = {0.3, 0.1, 0.7, 0.2, 0.5}, x6[] = {0.3, 0.1, 0.7, 0.2, 0.5, 0.9},
                        t6[] = {1, 1, 2, 5, 5, 5};
    static const double v5[] = {0.1, 0.2, 0.3, 0.5, 0.7},
                        p5[] = {0.057919999999999999, 0.25951999999999997, 0.36512,
                                0.25951999999999997, 0.057919999999999999};
    static const double v6[] = {0.1, 0.15, 0.25, 0.4, 0.55, 0.9},
                        p6[] = {0.0087019890260630998, 0.026148834019204391, 0.11102537722908093,
                                0.15775034293552812, 0.0030006858710562414, 0.0087019890260630998};
    static const double vt[] = {1, 1.5, 2, 3, 3.5, 5},
                        pt[] = {0.10013717421124829, 0.12688614540466392, 0.11672668038408779,
                                0.092592592592592587, 0.21990740740740741, 0.34375};
    const double *data[3] = {x5, x6, t6}, *want_v[3] = {v5, v6, vt}, *want_p[3] = {p5, p6, pt};
    const size_t n[3] = {5, 6, 6}, nv[3] = {5, 6, 6};
    law_cell cell[64];
    for (int d = 0; d < 3; d++) {
        double *xs = sorted_copy(data[d], n[d]);
        size_t m = median_law(xs, n[d], cell);
        double total = 0;
        for (size_t r = 0; r < m; r++)
            total += cell[r].p;
        ES_ASSERT_REL(total, 1, 1e-13);
        for (size_t w = 0; w < nv[d]; w++) {
            /* R's table() merges values equal to 15 digits: so do we here */
            double p = 0;
            for (size_t r = 0; r < m; r++)
                if (fabs(cell[r].v - want_v[d][w]) <= 1e-12 * want_v[d][w])
                    p += cell[r].p;
            ES_ASSERT_REL(p, want_p[d][w], 1e-12);
        }
        free(xs);
    }
}

/* The drawn medians follow the exact law (chi-square with pooled bins, fixed seeds, a
 * p-value bound of 1e-4: a wrong law at these B fails by far, as the check against
 * the neighbouring order statistic's law shows).  n = 1, 2, 3, odd and even n, heavy
 * ties; the two-sample paths with the other sample of one value (ratio median* / 1
 * and 1 / median*, difference median* - 0). */
static void test_median_exact_law(void)
{
    enum { B = 10000, NMAX = 40 };
    static double t[B];
    double d1[] = {0.5}, d2[] = {0.03, 0.01}, d3[] = {0.2, 0.1, 0.4};
    double d6[] = {2, 1, 5, 1, 2, 1}, d25[25], d40[NMAX], one[] = {1.0};
    double *x7 = lognormal_like(7, 41), *x40 = lognormal_like(NMAX, 42);
    CU_ASSERT_FATAL(x7 && x40);
    for (size_t i = 0; i < 25; i++)
        d25[i] = floor(4 * fabs(sin(0.7 * (double)i))); /* values 0..3, heavy ties */
    memcpy(d40, x40, sizeof d40);
    const double *data[] = {d1, d2, d3, d6, x7, d25, d40};
    const size_t n[] = {1, 2, 3, 6, 7, 25, 40};
    static law_cell cell[NMAX * (NMAX + 1) / 2];
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = B;
    o.threads = 2;
    o.replicates = t;
    for (size_t d = 0; d < sizeof n / sizeof n[0]; d++) {
        double *xs = sorted_copy(data[d], n[d]);
        size_t m = median_law(xs, n[d], cell);
        es_boot_result r;
        o.seed = 100 + d;
        CU_ASSERT_EQUAL_FATAL(es_boot_one(data[d], n[d], es_boot_stat_median, NULL, &o, &r), ES_OK);
        double p = chisq_law(t, B, cell, m);
        if (p <= 1e-4)
            printf("\nmedian law n = %zu: chi-square p = %g\n", n[d], p);
        CU_ASSERT_TRUE(p > 1e-4);
        CU_ASSERT_EQUAL(r.degenerate, n[d] == 1);
        /* ratio median*(x) / 1 */
        o.seed = 200 + d;
        CU_ASSERT_EQUAL_FATAL(es_boot_two(data[d], n[d], one, 1, es_boot_stat2_ratio_medians, NULL, &o, &r), ES_OK);
        p = chisq_law(t, B, cell, m);
        CU_ASSERT_TRUE(p > 1e-4);
        /* difference median*(x) - 0 */
        double zero[] = {0.0};
        o.seed = 400 + d;
        CU_ASSERT_EQUAL_FATAL(es_boot_two(data[d], n[d], zero, 1, es_boot_stat2_diff_medians, NULL, &o, &r), ES_OK);
        p = chisq_law(t, B, cell, m);
        CU_ASSERT_TRUE(p > 1e-4);
        /* ratio 1 / median*(y): the law of 1 / v (positive data only) */
        if (xs[0] > 0) {
            for (size_t k = 0; k < m; k++)
                cell[k].v = 1.0 / cell[k].v;
            qsort(cell, m, sizeof *cell, cmp_cell);
            o.seed = 300 + d;
            CU_ASSERT_EQUAL_FATAL(es_boot_two(one, 1, data[d], n[d], es_boot_stat2_ratio_medians, NULL, &o, &r), ES_OK);
            p = chisq_law(t, B, cell, m);
            CU_ASSERT_TRUE(p > 1e-4);
        }
        free(xs);
    }
    /* Power: n = 7 against the law of the 5th order statistic instead of the 4th, and
     * n = 40 against the pair (21st, 22nd) instead of (20th, 21st). */
    double *xs = sorted_copy(x7, 7);
    o.seed = 104;
    es_boot_result r;
    CU_ASSERT_EQUAL(es_boot_one(x7, 7, es_boot_stat_median, NULL, &o, &r), ES_OK);
    size_t m = exact_law(xs, 7, 5, 0, cell);
    double p = chisq_law(t, B, cell, m);
    CU_ASSERT_TRUE(p >= 0 && p < 1e-12);
    free(xs);
    xs = sorted_copy(x40, NMAX);
    o.seed = 106;
    CU_ASSERT_EQUAL(es_boot_one(x40, NMAX, es_boot_stat_median, NULL, &o, &r), ES_OK);
    m = exact_law(xs, NMAX, NMAX / 2 + 1, 1, cell);
    p = chisq_law(t, B, cell, m);
    CU_ASSERT_TRUE(p >= 0 && p < 1e-12);
    free(xs);
    free(x7);
    free(x40);
}

/* The fast path (binomial descent over ranks) against the generic path (n draws and a
 * selection per replicate; checked against boot.ci above), which a wrapper with
 * another address forces.  Not the same draws, the same law: for small n the two
 * replicate vectors (B = 4000) pass a two-sample chi-square test of homogeneity; for
 * large n the percentile and BCa ends agree within Monte-Carlo error (B = 2000: the sd
 * of the difference of two 2.5% ends is about 2.7 sqrt(2 / B) = 0.085 bootstrap SE
 * for a normal law; bound 0.35 SE).  The jackknife (and so the
 * acceleration) is the same on both paths, exactly. */
static double median_generic(const double *x, size_t n, void *ctx)
{
    return es_boot_stat_median(x, n, ctx);
}

static double ratio_generic(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat2_ratio_medians(x, nx, y, ny, ctx);
}

static double diff_generic(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat2_diff_medians(x, nx, y, ny, ctx);
}

/* Two-sample chi-square homogeneity p-value of equal-size replicate vectors a, b
 * (sorted in place): adjacent values pooled until a bin holds 10 of the two. */
static double chisq_two(double *a, double *b, size_t B)
{
    qsort(a, B, sizeof *a, es_cmp_double);
    qsort(b, B, sizeof *b, es_cmp_double);
    size_t i = 0, j = 0, bins = 0;
    double x2 = 0, oa = 0, ob = 0;
    while (i < B || j < B) {
        double v = j >= B || (i < B && a[i] <= b[j]) ? a[i] : b[j];
        while (i < B && a[i] == v)
            i++, oa++;
        while (j < B && b[j] == v)
            j++, ob++;
        if (oa + ob >= 10 || (i == B && j == B)) {
            x2 += (oa - ob) * (oa - ob) / (oa + ob);
            bins++;
            oa = ob = 0;
        }
    }
    return bins < 2 ? 1 : gsl_cdf_chisq_Q(x2, (double)(bins - 1));
}

static void test_median_fast_path(void)
{
    enum { NX = 1501, NY = 640, B = 4000 };
    static double x[NX], y[NY], t1[B], t2[B];
    for (size_t i = 0; i < NX; i++)
        x[i] = floor(1000 * fabs(sin(1.0 + 0.37 * (double)i))) / 1000; /* ties on purpose */
    for (size_t i = 0; i < NY; i++)
        y[i] = fabs(cos(0.11 * (double)i)) + 0.01;
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = B;
    o.threads = 2;
    es_boot_result a, b;
    /* Small n: the same law of the replicates (n = 2, 3, 4, 5, heavy ties, 40). */
    double s5[] = {0.2, 0.9, 0.4, 0.4, 0.1}, s6[] = {1, 1, 2, 1, 5, 2}, *s40 = lognormal_like(40, 9);
    CU_ASSERT_FATAL(s40 != NULL);
    const double *small[] = {s5, s5, s5, s5, s6, s40};
    const size_t ns[] = {2, 3, 4, 5, 6, 40};
    for (size_t d = 0; d < 6; d++) {
        o.seed = 500 + d;
        o.replicates = t1;
        CU_ASSERT_EQUAL_FATAL(es_boot_one(small[d], ns[d], es_boot_stat_median, NULL, &o, &a), ES_OK);
        o.replicates = t2;
        CU_ASSERT_EQUAL_FATAL(es_boot_one(small[d], ns[d], median_generic, NULL, &o, &b), ES_OK);
        double p = chisq_two(t1, t2, B);
        if (p <= 1e-4)
            printf("\nfast vs generic n = %zu: chi-square p = %g\n", ns[d], p);
        CU_ASSERT_TRUE(p > 1e-4);
        CU_ASSERT_TRUE(a.accel == b.accel || (isnan(a.accel) && isnan(b.accel)));
    }
    free(s40);
    /* Large n (jackknife grouped for x, exact for y), median, ratio and difference of
     * medians: the intervals within MC error. */
    o.seed = 77;
    o.B = 2000;
    o.replicates = NULL;
    for (int two = 0; two < 3; two++) {
        if (two == 1) {
            CU_ASSERT_EQUAL_FATAL(es_boot_two(x, NX - 1, y, NY, es_boot_stat2_ratio_medians, NULL, &o, &a), ES_OK);
            CU_ASSERT_EQUAL_FATAL(es_boot_two(x, NX - 1, y, NY, ratio_generic, NULL, &o, &b), ES_OK);
        } else if (two == 2) {
            CU_ASSERT_EQUAL_FATAL(es_boot_two(x, NX - 1, y, NY, es_boot_stat2_diff_medians, NULL, &o, &a), ES_OK);
            CU_ASSERT_EQUAL_FATAL(es_boot_two(x, NX - 1, y, NY, diff_generic, NULL, &o, &b), ES_OK);
        } else {
            CU_ASSERT_EQUAL_FATAL(es_boot_one(x, NX, es_boot_stat_median, NULL, &o, &a), ES_OK);
            CU_ASSERT_EQUAL_FATAL(es_boot_one(x, NX, median_generic, NULL, &o, &b), ES_OK);
        }
        double tol = 0.35 * b.se;
        CU_ASSERT_TRUE(b.se > 0);
        CU_ASSERT_EQUAL(a.accel, b.accel);
        CU_ASSERT_TRUE(fabs(a.perc_lo - b.perc_lo) <= tol);
        CU_ASSERT_TRUE(fabs(a.perc_hi - b.perc_hi) <= tol);
        CU_ASSERT_TRUE(fabs(a.bca_lo - b.bca_lo) <= tol);
        CU_ASSERT_TRUE(fabs(a.bca_hi - b.bca_hi) <= tol);
        ES_ASSERT_REL(a.se, b.se, 0.1); /* the sd of an sd from B = 2000: about 1.6% */
        if (fabs(a.perc_lo - b.perc_lo) > tol || fabs(a.perc_hi - b.perc_hi) > tol)
            printf("\nfast [%g, %g] generic [%g, %g] se %g\n", a.perc_lo, a.perc_hi, b.perc_lo, b.perc_hi, b.se);
    }
}

int es_suite_bootstrap(void)
{
    CU_pSuite s = CU_add_suite("bootstrap", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "percentile and BCa vs boot.ci", test_ci_vs_boot_ci) == NULL ||
        CU_add_test(s, "non-finite replicates dropped", test_ci_nonfinite_dropped) == NULL ||
        CU_add_test(s, "jackknife vs empinf", test_jackknife_vs_empinf) == NULL ||
        CU_add_test(s, "grouped jackknife", test_jackknife_grouped) == NULL ||
        CU_add_test(s, "ready-made statistics", test_ready_stats) == NULL ||
        CU_add_test(s, "threads 1, 2, 4 identical", test_threads_identical) == NULL ||
        CU_add_test(s, "driver = pure functions", test_driver_consistent) == NULL ||
        CU_add_test(s, "cluster and two-sample reduce", test_drivers_reduce) == NULL ||
        CU_add_test(s, "cluster bootstrap", test_cluster_bootstrap) == NULL ||
        CU_add_test(s, "degenerate", test_degenerate) == NULL ||
        CU_add_test(s, "non-finite replicates", test_nonfinite_replicates) == NULL ||
        CU_add_test(s, "error codes", test_errors) == NULL ||
        CU_add_test(s, "median law vs R enumeration", test_exact_law_vs_r) == NULL ||
        CU_add_test(s, "median draw: exact bootstrap law", test_median_exact_law) == NULL ||
        CU_add_test(s, "median fast path ~ generic path", test_median_fast_path) == NULL ||
        CU_add_test(s, "ratio of medians with its interval", test_ratio_of_medians) == NULL ||
        CU_add_test(s, "jackknife of the mean: fast path", test_jackknife_mean_fast) == NULL ||
        CU_add_test(s, "bootstrap of the mean: draws summed as made", test_boot_mean_fast) == NULL)
        return -1;
    return 0;
}
