/* test_simulate.c — the simulator, its parameter file, its truth and its calibration.
 *
 * Expected values are either exact by construction (a parameter the simulator was
 * given, an identity of the model such as the median of a lognormal being exp(mu)) or
 * the committed bundled dataset (datasets/README.md).  Statistical recovery checks use
 * tolerances of 4 or 5 standard errors computed inside the test from the sampling
 * theory cited next to each; the samples are seeded, so the outcome is fixed, and a
 * wrong model (say beta off by 0.02) moves the estimate by several of those SEs. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <gsl/gsl_multifit.h>

#include "engagestat/bands.h"
#include "engagestat/error.h"
#include "engagestat/filter.h"
#include "engagestat/load.h"
#include "engagestat/quantile.h"
#include "engagestat/simulate.h"
#include "testutil.h"

/* The bundled dataset (datasets/README.md gives the same numbers and commands). */
#define ES_BUNDLED_PARAMS "datasets/kim2020-calibrated.params"
#define ES_BUNDLED_DATA "datasets/engagestat-sim.csv.gz"
#define ES_BUNDLED_SEED 20200420UL
#define ES_BUNDLED_ACCOUNTS 50000

static int es_buf_sink(void *ctx, const char *text, size_t n)
{
    return es_buf_append(ctx, text, n);
}

/* The bands the simulator reports on: the default preset (bands.h).  The test fails
 * (and this returns -1) if it cannot be read or does not have ES_SIM_NBANDS bands. */
static int es_sim_bands(es_bands *b)
{
    int rc = es_bands_parse(b, ES_BANDS_DEFAULT, NULL, NULL);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        return -1;
    CU_ASSERT_EQUAL(b->n, ES_SIM_NBANDS);
    if (b->n != ES_SIM_NBANDS) {
        es_bands_free(b);
        return -1;
    }
    return 0;
}

/* Parameters from defaults plus text; the test fails (and returns -1) on error. */
static int es_params_from(es_sim_params *p, const char *text)
{
    if (es_sim_params_init(p) != ES_OK)
        return -1;
    es_err err = {0};
    int rc = es_sim_params_parse(p, text, strlen(text), "test", &err);
    if (rc == ES_OK)
        rc = es_sim_params_check(p, &err);
    if (rc != ES_OK)
        fprintf(stderr, "\n  params: %s\n", err.msg ? err.msg : "?");
    es_err_clear(&err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    return rc == ES_OK ? 0 : -1;
}

/* ------------------------------------------------------------------------ */

static void test_params_roundtrip(void)
{
    es_sim_params p, q;
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
    CU_ASSERT_EQUAL(es_sim_params_check(&p, NULL), ES_OK);
    p.beta = -0.14191393452086093; /* needs 17 digits to read back */
    p.posts_size = INFINITY;
    es_buf a = {0}, b = {0};
    CU_ASSERT_EQUAL(es_sim_params_write(&p, &a), ES_OK);
    /* Parse into a different starting point: every key must be overwritten. */
    CU_ASSERT_EQUAL_FATAL(es_params_from(&q, "beta = 0.5\nniche.zzz.share = 1\nniche.zzz.effect = 3\n"), 0);
    CU_ASSERT_EQUAL(es_sim_params_parse(&q, a.data, a.len, "roundtrip", NULL), ES_OK);
    CU_ASSERT_EQUAL(es_sim_params_write(&q, &b), ES_OK);
    CU_ASSERT_STRING_EQUAL(a.data, b.data);
    CU_ASSERT_EQUAL(q.beta, -0.14191393452086093);
    CU_ASSERT_TRUE(isinf(q.posts_size));
    CU_ASSERT_EQUAL(q.n_niches, p.n_niches);
    CU_ASSERT_PTR_NOT_NULL(strstr(a.data, "date_start = 2012-08-20T00:00:00Z\n"));
    es_buf_free(&a);
    es_buf_free(&b);
    es_sim_params_free(&p);
    es_sim_params_free(&q);
}

static void test_params_errors(void)
{
    static const struct { const char *text; int code; } cases[] = {
        {"foo = 1\n", ES_EPARSE},
        {"beta = abc\n", ES_EPARSE},
        {"beta 0.1\n", ES_EPARSE},
        {"beta =\n", ES_EPARSE},
        {"accounts = 1.5\n", ES_EINVAL},
        {"niche.x.effect = 2\n", ES_EINVAL},       /* share missing */
        {"niche.x.colour = 2\n", ES_EPARSE},
        {"niche.a b.share = 2\n", ES_EPARSE},      /* blank in a name */
        {"date_start = yesterday\n", ES_EPARSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        es_sim_params p;
        CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
        es_err err = {0};
        int rc = es_sim_params_parse(&p, cases[i].text, strlen(cases[i].text), "t.params", &err);
        if (rc != cases[i].code)
            fprintf(stderr, "\n  case %zu: got %d (%s)\n", i, rc, err.msg ? err.msg : "");
        CU_ASSERT_EQUAL(rc, cases[i].code);
        CU_ASSERT_PTR_NOT_NULL(err.msg);
        es_err_clear(&err);
        es_sim_params_free(&p);
    }
    /* Values that parse but are out of range are caught by the check. */
    static const char *const bad[] = {"tail_min = 500\n", "account_sd = -1\n", "tail_prob = 1\n",
                                      "niche.a.share = 0\nniche.a.effect = 1\n", "posts_mean = 0.5\n",
                                      "platform.x.share = 1\nplatform.x.effect = 0\n",
                                      "date_end = 2000-01-01T00:00:00Z\n", "beta2 = 3\n", "beta_knot = 0\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        es_sim_params p;
        CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
        es_err err = {0};
        CU_ASSERT_EQUAL(es_sim_params_parse(&p, bad[i], strlen(bad[i]), "t", &err), ES_OK);
        CU_ASSERT_EQUAL(es_sim_params_check(&p, &err), ES_EINVAL);
        es_sim_data d;
        CU_ASSERT_EQUAL(es_sim_generate(&p, 10, 1, &d, &err), ES_EINVAL);
        es_err_clear(&err);
        es_sim_params_free(&p);
    }
}

/* ------------------------------------------------------------------------ */

static void test_same_seed_same_bytes(void)
{
    es_sim_params p;
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
    es_buf a = {0}, b = {0}, c = {0};
    size_t ca[ES_SIM_NBANDS], cb[ES_SIM_NBANDS];
    CU_ASSERT_EQUAL(es_sim_write_csv(&p, 3000, 42, es_buf_sink, &a, ca, NULL), ES_OK);
    CU_ASSERT_EQUAL(es_sim_write_csv(&p, 3000, 42, es_buf_sink, &b, cb, NULL), ES_OK);
    CU_ASSERT_EQUAL(es_sim_write_csv(&p, 3000, 43, es_buf_sink, &c, NULL, NULL), ES_OK);
    CU_ASSERT_EQUAL_FATAL(a.len, b.len);
    CU_ASSERT_EQUAL(memcmp(a.data, b.data, a.len), 0);
    CU_ASSERT_EQUAL(memcmp(ca, cb, sizeof ca), 0);
    CU_ASSERT_TRUE(a.len != c.len || memcmp(a.data, c.data, a.len) != 0);
    static const char header[] = "account_id,platform,niche,followers,post_id,posted_at,likes,comments,sponsored\n";
    const size_t hl = sizeof header - 1;
    CU_ASSERT_EQUAL(strncmp(a.data, header, hl), 0);
    /* es_sim_generate draws the same data: same post count, same first row. */
    es_sim_data d;
    CU_ASSERT_EQUAL_FATAL(es_sim_generate(&p, 3000, 42, &d, NULL), ES_OK);
    size_t lines = 0;
    for (size_t i = 0; i < a.len; i++)
        lines += a.data[i] == '\n';
    CU_ASSERT_EQUAL(lines, d.n_posts + 1);
    char want[256];
    const es_sim_account *a0 = &d.accounts[0];
    snprintf(want, sizeof want, "a0000001,%s,%s,%.0f,p00000001,", p.platforms[a0->platform].name,
             p.niches[a0->niche].name, a0->followers);
    CU_ASSERT_EQUAL(strncmp(a.data + hl, want, strlen(want)), 0);
    size_t sum = 0;
    for (int k = 0; k < ES_SIM_NBANDS; k++)
        sum += ca[k];
    CU_ASSERT_EQUAL(sum, 3000); /* followers_min = 1000: every account is in a band */
    es_sim_data_free(&d);
    es_buf_free(&a);
    es_buf_free(&b);
    es_buf_free(&c);
    es_sim_params_free(&p);
}

/* Identities of the model, exact up to the integration tolerance. */
static void test_truth_identities(void)
{
    es_sim_params p;
    /* One niche and one platform, beta = 0: the account ER is er_base * K * exp(sd Z)
     * whatever the followers, so its median in every band is er_base * K with
     * K = 1 - s + s * e = 1 - 0.2 + 0.2 * 1.5 = 1.1. */
    if (es_params_from(&p, "beta = 0\naccount_sd = 0.5\nsponsored_prob = 0.2\nsponsored_effect = 1.5\n"
                           "er_base = 0.03\nniche.only.share = 1\nniche.only.effect = 1\n"
                           "platform.p.share = 1\nplatform.p.effect = 1\n") != 0)
        return;
    es_bands bands;
    if (es_sim_bands(&bands) != 0) {
        es_sim_params_free(&p);
        return;
    }
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        double m;
        CU_ASSERT_EQUAL(es_sim_median_er(&p, bands.edges[b], es_bands_upper(&bands, (size_t)b), SIZE_MAX, SIZE_MAX, &m),
                        ES_OK);
        ES_ASSERT_REL(m, 0.03 * 1.1, 1e-8);
    }
    /* beta = -0.3 and a band 1e-7 wide at 20000: median = 0.033 (20000/10000)^-0.3,
     * up to the band width times beta (3e-8 relative). */
    p.beta = -0.3;
    double m;
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 20000, 20000 * (1 + 1e-7), SIZE_MAX, SIZE_MAX, &m), ES_OK);
    ES_ASSERT_REL(m, 0.033 * pow(2, -0.3), 1e-7);
    /* The broken line: beta2 = 0.5 above a knot at 50000 changes the slope there, so
     * at 200000 the median is 0.033 * 20^-0.3 * 4^0.5; below the knot (at 20000) it is
     * unchanged. */
    p.beta2 = 0.5;
    p.beta_knot = 50000;
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 200000, 200000 * (1 + 1e-7), SIZE_MAX, SIZE_MAX, &m), ES_OK);
    ES_ASSERT_REL(m, 0.033 * pow(20, -0.3) * 2, 1e-7);
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 20000, 20000 * (1 + 1e-7), SIZE_MAX, SIZE_MAX, &m), ES_OK);
    ES_ASSERT_REL(m, 0.033 * pow(2, -0.3), 1e-7);
    ES_ASSERT_REL(es_sim_log_trend(&p, 200000), -0.3 * log(20) + 0.5 * log(4), 1e-14);
    p.beta2 = 0;
    /* The band probabilities add up to 1 (followers_min = 1000 is the first edge), and
     * the Pareto tail has P(X >= 2x | X >= x) = 2^-alpha above tail_min. */
    double total = 0;
    for (int b = 0; b < ES_SIM_NBANDS; b++)
        total += es_sim_followers_prob(&p, bands.edges[b], es_bands_upper(&bands, (size_t)b));
    ES_ASSERT_REL(total, 1, 1e-12);
    double x = 2 * p.tail_min;
    ES_ASSERT_REL(es_sim_followers_prob(&p, 2 * x, INFINITY) / es_sim_followers_prob(&p, x, INFINITY),
                  pow(2, -p.tail_alpha), 1e-12);
    /* Impossible questions: an empty range, a band above followers_max. */
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 10, 10, SIZE_MAX, SIZE_MAX, &m), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(m));
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 1e13, INFINITY, SIZE_MAX, SIZE_MAX, &m), ES_EDOM);
    CU_ASSERT_TRUE(isnan(m));
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 1e3, 1e4, 5, SIZE_MAX, &m), ES_EINVAL);
    es_bands_free(&bands);
    es_sim_params_free(&p);
}

/* ------------------------------------------------------------------------ */
/* Recovery on a large seeded sample.                                        */

static const char *const es_recovery_params =
    "beta = -0.2\naccount_sd = 0.6\nposts_mean = 20\nposts_size = 4\nposts_max = 60\n"
    "oversample_above = 500000\noversample_factor = 10\n"
    "niche.a.share = 0.5\nniche.a.effect = 1\n"
    "niche.b.share = 0.3\nniche.b.effect = 0.7\n"
    "niche.c.share = 0.2\nniche.c.effect = 1.5\n";

static void test_recovers_beta_and_niches(void)
{
    es_sim_params p;
    if (es_params_from(&p, es_recovery_params) != 0)
        return;
    es_bands bands;
    if (es_sim_bands(&bands) != 0) {
        es_sim_params_free(&p);
        return;
    }
    const size_t n = 20000;
    es_sim_data d;
    CU_ASSERT_EQUAL_FATAL(es_sim_generate(&p, n, 2024, &d, NULL), ES_OK);
    /* OLS of log observed account ER (sum of interactions / (posts x followers)) on
     * log(F / ref), niche dummies (b, c) and the tiktok dummy.  With 20 posts per
     * account on average the count noise adds a nearly constant term to the log,
     * which goes into the intercept, not into the slopes. */
    const size_t k = 5;
    gsl_matrix *X = gsl_matrix_calloc(n, k), *cov = gsl_matrix_alloc(k, k);
    gsl_vector *y = gsl_vector_alloc(n), *c = gsl_vector_alloc(k);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, k);
    CU_ASSERT_FATAL(X && cov && y && c && w);
    for (size_t i = 0; i < n; i++) {
        const es_sim_account *a = &d.accounts[i];
        double t = 0;
        for (size_t j = 0; j < a->n_posts; j++)
            t += d.posts[a->first_post + j].likes + d.posts[a->first_post + j].comments;
        gsl_matrix_set(X, i, 0, 1);
        gsl_matrix_set(X, i, 1, log(a->followers / p.er_ref_followers));
        if (a->niche > 0)
            gsl_matrix_set(X, i, 1 + a->niche, 1);
        if (a->platform == 1)
            gsl_matrix_set(X, i, 4, 1);
        gsl_vector_set(y, i, log((t + 0.5) / ((double)a->n_posts * a->followers)));
    }
    double chisq;
    CU_ASSERT_EQUAL(gsl_multifit_linear(X, y, c, cov, &chisq, w), GSL_SUCCESS);
    /* Tolerance: 4 OLS standard errors (cov = s^2 (X'X)^-1); the SEs here are about
     * 0.002 for beta and 0.01 for the dummies, so beta is checked to about +-0.01. */
    double want[5] = {NAN, -0.2, log(0.7), log(1.5), log(1.8)};
    for (size_t j = 1; j < k; j++) {
        double se = sqrt(gsl_matrix_get(cov, j, j)), got = gsl_vector_get(c, j);
        CU_ASSERT_TRUE(se < 0.02);
        if (!(fabs(got - want[j]) <= 4 * se))
            fprintf(stderr, "\n  coefficient %zu: %.6f, want %.6f (SE %.6f)\n", j, got, want[j], se);
        CU_ASSERT_TRUE(fabs(got - want[j]) <= 4 * se);
    }
    gsl_multifit_linear_free(w);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(y);
    gsl_vector_free(c);

    /* Band shares and band medians of the account ER against the truth.  Shares:
     * binomial SE sqrt(q(1-q)/n), 4 SEs.  Medians: the sample median of the latent
     * account ER (er * K) in each band; its log has asymptotic SE
     * sqrt(pi/2) * sd(log ER) / sqrt(n_band) for a normal log ER (the variance of a
     * sample median, 1/(4 n f(m)^2), Serfling 1980 sec. 2.3.3); the within-band
     * mixture is close to normal, and 5 SEs leave room for that. */
    double K = 1 - p.sponsored_prob + p.sponsored_prob * p.sponsored_effect;
    double *er = malloc(n * sizeof *er);
    CU_ASSERT_FATAL(er != NULL);
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        double lo = bands.edges[b], hi = es_bands_upper(&bands, (size_t)b);
        size_t m = 0;
        double s1 = 0, s2 = 0;
        for (size_t i = 0; i < n; i++)
            if (d.accounts[i].followers >= lo && d.accounts[i].followers < hi) {
                er[m++] = d.accounts[i].er * K;
                double l = log(d.accounts[i].er);
                s1 += l;
                s2 += l * l;
            }
        double q = es_sim_followers_prob(&p, lo, hi), share = (double)m / (double)n;
        CU_ASSERT_TRUE(fabs(share - q) <= 4 * sqrt(q * (1 - q) / (double)n));
        CU_ASSERT_TRUE(m >= 300); /* macro and mega are oversampled 10x */
        double sd = sqrt((s2 - s1 * s1 / (double)m) / (double)(m - 1));
        double se = sqrt(M_PI / 2) * sd / sqrt((double)m);
        double truth, got = es_median(er, m);
        CU_ASSERT_EQUAL(es_sim_median_er(&p, lo, hi, SIZE_MAX, SIZE_MAX, &truth), ES_OK);
        if (!(fabs(log(got / truth)) <= 5 * se))
            fprintf(stderr, "\n  band %s: median %.6g, truth %.6g (SE of log %.4f)\n", bands.names[b], got,
                    truth, se);
        CU_ASSERT_TRUE(fabs(log(got / truth)) <= 5 * se);
        /* Niche c within the band: the same check on its accounts. */
        size_t mc = 0;
        s1 = s2 = 0;
        for (size_t i = 0; i < n; i++)
            if (d.accounts[i].followers >= lo && d.accounts[i].followers < hi && d.accounts[i].niche == 2) {
                er[mc++] = d.accounts[i].er * K;
                double l = log(d.accounts[i].er);
                s1 += l;
                s2 += l * l;
            }
        sd = sqrt((s2 - s1 * s1 / (double)mc) / (double)(mc - 1));
        se = sqrt(M_PI / 2) * sd / sqrt((double)mc);
        CU_ASSERT_EQUAL(es_sim_median_er(&p, lo, hi, 2, SIZE_MAX, &truth), ES_OK);
        CU_ASSERT_TRUE(fabs(log(es_median(er, mc) / truth)) <= 5 * se);
    }
    free(er);
    es_sim_data_free(&d);
    es_bands_free(&bands);
    es_sim_params_free(&p);
}

/* ------------------------------------------------------------------------ */
/* Calibration on a synthetic file recovers the parameters that made it.     */

static void test_calibration_recovers(void)
{
    if (es_test_skip_under_valgrind("the calibration simulates 100,000 accounts per step: minutes under valgrind"))
        return;
    es_sim_params truth, est;
    if (es_params_from(&truth, "beta = -0.2\naccount_sd = 0.6\nposts_mean = 3\nposts_size = 2\nposts_max = 30\n"
                               "likes_size = 3\ncomments_size = 1.5\ncomments_share = 0.05\n"
                               "sponsored_prob = 0.05\nsponsored_effect = 0.7\ner_base = 0.04\n"
                               "niche.a.share = 0.5\nniche.a.effect = 1\n"
                               "niche.b.share = 0.3\nniche.b.effect = 0.7\n"
                               "niche.c.share = 0.2\nniche.c.effect = 1.5\n") != 0)
        return;
    const size_t n = 6000;
    es_buf csv = {0};
    CU_ASSERT_EQUAL_FATAL(es_sim_write_csv(&truth, n, 77, es_buf_sink, &csv, NULL, NULL), ES_OK);
    const char *path = es_test_tmpfile(csv.data, csv.len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_table *t = NULL;
    es_load_report rep;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_load_csv(path, &lo, &t, &rep, &err), ES_OK);
    remove(path);
    /* Start from the defaults, which differ from the truth in every estimated key. */
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&est), ES_OK);
    int rc = es_sim_calibrate(&est, t, &err);
    if (rc != ES_OK)
        fprintf(stderr, "\n  calibrate: %s\n", err.msg ? err.msg : "?");
    CU_ASSERT_EQUAL_FATAL(rc, ES_OK);
    /* Tolerances (about 4 SEs at n = 6000 accounts, 18000 posts):
     * beta: OLS SE = s / (sd(log F) sqrt(n)) = 0.85 / (1.6 * 77) = 0.007 -> 0.03.
     * account_sd: the SE of a variance estimate 2 s^4 / n gives SE(sd) about 0.01;
     *   the log-gamma noise correction is approximate, so 0.05.
     * niche and platform log effects: dummy SEs about 0.03 -> 0.12.
     * er_base: SE of the intercept about 0.02 on the log scale -> 10% relative.
     * tail_alpha: Hill SE alpha / sqrt(n_tail) = 0.8 / sqrt(600) = 0.033 -> 0.15.
     * posts_mean: SE sd / sqrt(n) = 1.6 / 77 = 0.02 -> 0.08.
     * likes_size: a moment ratio; 25% relative.  comments_share: 0.004 absolute.
     * sponsored_prob: binomial SE sqrt(0.05 * 0.95 / 18000) = 0.0016 -> 0.007.
     * sponsored_effect: Mantel-Haenszel over about 750 accounts; its SD over seeds
     *   1..12 of this design was 0.018 (mean 0.709) -> 0.08. */
    CU_ASSERT_TRUE(fabs(est.beta - truth.beta) < 0.03);
    /* beta2: the truth has one slope (beta2 = 0).  The band medians it is matched to
     * have log SEs of about 1.25 x 0.9 / sqrt(n_band), 0.015 (nano) to 0.07 (mega, 200
     * accounts), over about 2 units of log(F / knot), so 0.1 (measured with the CLI on
     * the same file: -0.007 at a knot of 158,489). */
    CU_ASSERT_TRUE(fabs(est.beta2) < 0.1);
    CU_ASSERT_TRUE(est.beta_knot >= 1e4 && est.beta_knot <= 1e7);
    CU_ASSERT_TRUE(fabs(est.account_sd - truth.account_sd) < 0.05);
    CU_ASSERT_TRUE(fabs(log(est.er_base / truth.er_base)) < 0.1);
    CU_ASSERT_TRUE(fabs(est.tail_alpha - truth.tail_alpha) < 0.15);
    CU_ASSERT_TRUE(fabs(est.posts_mean - truth.posts_mean) < 0.08);
    CU_ASSERT_TRUE(fabs(est.likes_size / truth.likes_size - 1) < 0.25);
    CU_ASSERT_TRUE(fabs(est.comments_share - truth.comments_share) < 0.004);
    CU_ASSERT_TRUE(fabs(est.sponsored_prob - truth.sponsored_prob) < 0.007);
    CU_ASSERT_TRUE(fabs(est.sponsored_effect - truth.sponsored_effect) < 0.08);
    CU_ASSERT_EQUAL(est.posts_max <= truth.posts_max, 1);
    CU_ASSERT_EQUAL_FATAL(est.n_niches, 3);
    CU_ASSERT_EQUAL_FATAL(est.n_platforms, 2);
    /* most common first: a (0.5), b (0.3), c (0.2); instagram (0.75), tiktok (0.25) */
    CU_ASSERT_STRING_EQUAL(est.niches[0].name, "a");
    CU_ASSERT_STRING_EQUAL(est.niches[1].name, "b");
    CU_ASSERT_STRING_EQUAL(est.niches[2].name, "c");
    CU_ASSERT_STRING_EQUAL(est.platforms[1].name, "tiktok");
    CU_ASSERT_TRUE(fabs(log(est.niches[1].effect / 0.7)) < 0.12);
    CU_ASSERT_TRUE(fabs(log(est.niches[2].effect / 1.5)) < 0.12);
    CU_ASSERT_TRUE(fabs(log(est.platforms[1].effect / 1.8)) < 0.12);
    CU_ASSERT_TRUE(fabs(est.niches[0].share - 0.5) < 0.03); /* binomial SE 0.0065 */
    CU_ASSERT_TRUE(fabs(est.platforms[0].share - 0.75) < 0.03);
    /* Without an account column calibration is impossible. */
    es_sim_params q;
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&q), ES_OK);
    int acol = t->role_col[ES_ROLE_ACCOUNT];
    t->role_col[ES_ROLE_ACCOUNT] = -1;
    t->cols[acol].role = ES_ROLE_NONE;
    CU_ASSERT_EQUAL(es_sim_calibrate(&q, t, &err), ES_EINVAL);
    es_sim_params_free(&q);
    es_err_clear(&err);
    es_table_free(t);
    es_load_report_free(&rep);
    es_buf_free(&csv);
    es_sim_params_free(&est);
    es_sim_params_free(&truth);
}

/* ------------------------------------------------------------------------ */
/* The bundled dataset regenerates byte for byte.                            */

static int es_read_gz(const char *path, es_buf *out)
{
    gzFile g = gzopen(path, "rb");
    if (g == NULL)
        return -1;
    char chunk[1 << 16];
    int n;
    while ((n = gzread(g, chunk, sizeof chunk)) > 0)
        if (es_buf_append(out, chunk, (size_t)n) != ES_OK) {
            gzclose(g);
            return -1;
        }
    return gzclose(g) == Z_OK && n == 0 ? 0 : -1;
}

static void test_bundled_dataset(void)
{
    es_sim_params p;
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_sim_params_load(&p, ES_BUNDLED_PARAMS, &err), ES_OK);
    es_buf fresh = {0}, committed = {0};
    CU_ASSERT_EQUAL_FATAL(es_sim_write_csv(&p, ES_BUNDLED_ACCOUNTS, ES_BUNDLED_SEED, es_buf_sink, &fresh, NULL, &err),
                          ES_OK);
    CU_ASSERT_EQUAL_FATAL(es_read_gz(ES_BUNDLED_DATA, &committed), 0);
    CU_ASSERT_EQUAL(fresh.len, committed.len);
    CU_ASSERT_TRUE(fresh.len == committed.len && memcmp(fresh.data, committed.data, fresh.len) == 0);
    es_buf_free(&fresh);
    es_buf_free(&committed);

    /* The parameter file is what calibration on the Kim et al. sample gives. */
    const char *kim = es_test_skip_under_valgrind("the Kim calibration simulates 100,000 accounts per step: minutes "
                                                  "under valgrind")
                          ? NULL
                          : es_test_shared("datasets-external/kim2020-instagram-sample/posts.csv");
    if (kim != NULL) {
        es_where w[2];
        CU_ASSERT_EQUAL_FATAL(es_where_parse(&w[0], "owner_matches_file=1", NULL), ES_OK);
        CU_ASSERT_EQUAL_FATAL(es_where_parse(&w[1], "is_duplicate_post=0", NULL), ES_OK);
        es_load_opts lo;
        es_load_opts_init(&lo);
        lo.where = w;
        lo.n_where = 2;
        es_table *t = NULL;
        es_load_report rep;
        CU_ASSERT_EQUAL_FATAL(es_load_csv(kim, &lo, &t, &rep, &err), ES_OK);
        es_sim_params c;
        CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&c), ES_OK);
        CU_ASSERT_EQUAL(es_sim_calibrate(&c, t, &err), ES_OK);
        es_buf a = {0}, b = {0};
        es_buf_reset(&c.notes);
        es_buf_reset(&p.notes);
        es_sim_params_write(&c, &a);
        es_sim_params_write(&p, &b);
        CU_ASSERT_STRING_EQUAL(a.data, b.data);
        es_buf_free(&a);
        es_buf_free(&b);
        es_sim_params_free(&c);
        es_table_free(t);
        es_load_report_free(&rep);
        es_where_clear(&w[0]);
        es_where_clear(&w[1]);
    }
    es_err_clear(&err);
    es_sim_params_free(&p);
}

/* Value of "KEY = " in a truth text, NaN when absent. */
static double es_truth_value(const char *text, const char *key)
{
    char pat[256];
    snprintf(pat, sizeof pat, "\n%s = ", key);
    const char *s = strstr(text, pat);
    return s ? strtod(s + strlen(pat), NULL) : NAN;
}

/* The Monte-Carlo truth of the observed account ER (what describe estimates) against
 * a separately seeded sample from the default (Kim-like) model: few posts per account,
 * so the observed median is well below the latent one. */
static void test_truth_observed_mc(void)
{
    es_sim_params p;
    if (es_params_from(&p, "truth_mc_accounts = 20000\noversample_above = 500000\noversample_factor = 10\n") != 0)
        return;
    es_bands bands;
    if (es_sim_bands(&bands) != 0) {
        es_sim_params_free(&p);
        return;
    }
    const size_t n = 30000;
    es_buf truth = {0};
    es_sim_data d;
    CU_ASSERT_EQUAL_FATAL(es_sim_truth_write(&p, n, 99, NULL, &truth, NULL), ES_OK);
    CU_ASSERT_EQUAL_FATAL(es_sim_generate(&p, n, 99, &d, NULL), ES_OK);
    double *obs = malloc(n * sizeof *obs), *per = malloc((size_t)p.posts_max * sizeof *per);
    CU_ASSERT_FATAL(obs != NULL && per != NULL);
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        char key[128];
        snprintf(key, sizeof key, "truth.band.%s.median_er_observed_mc", bands.names[b]);
        double mc = es_truth_value(truth.data, key);
        snprintf(key, sizeof key, "truth.band.%s.median_er", bands.names[b]);
        double latent = es_truth_value(truth.data, key);
        size_t m = 0, npos = 0;
        double s1 = 0, s2 = 0;
        for (size_t i = 0; i < n; i++) {
            const es_sim_account *a = &d.accounts[i];
            if (a->followers < bands.edges[b] || a->followers >= es_bands_upper(&bands, (size_t)b))
                continue;
            for (size_t j = 0; j < a->n_posts; j++)
                per[j] = (d.posts[a->first_post + j].likes + d.posts[a->first_post + j].comments) / a->followers;
            double v = es_median(per, a->n_posts);
            obs[m++] = v;
            if (v > 0) {
                s1 += log(v);
                s2 += log(v) * log(v);
                npos++;
            }
        }
        /* Both medians have SE of log about sqrt(pi/2) sd / sqrt(n) (Serfling 1980,
         * sec. 2.3.3, normal approximation): the sample's with its n, the Monte Carlo's
         * with 20000; 5 SEs of the difference. */
        double sd = sqrt((s2 - s1 * s1 / (double)npos) / (double)(npos - 1));
        double se = sqrt(M_PI / 2) * sd * sqrt(1 / (double)m + 1 / 20000.0);
        double got = es_median(obs, m);
        if (!(fabs(log(got / mc)) <= 5 * se))
            fprintf(stderr, "\n  band %s: observed median %.6g, Monte-Carlo truth %.6g (SE of log %.4f)\n",
                    bands.names[b], got, mc, se);
        CU_ASSERT_TRUE(fabs(log(got / mc)) <= 5 * se);
        /* The count noise of 1-2 posts pulls the observed median below the latent one. */
        CU_ASSERT_TRUE(log(latent / mc) > 5 * se);
    }
    free(obs);
    free(per);
    es_sim_data_free(&d);
    es_buf_free(&truth);
    es_bands_free(&bands);
    es_sim_params_free(&p);
}

/* The truth against an independent computation in R. */
static void test_truth_vs_r(void)
{
    es_sim_params p;
    if (es_params_from(&p, es_recovery_params) != 0)
        return;
    /* Expected values: Rscript tests/reference/simulate_truth.R (R 4.2.2: integrate +
     * uniroot at rel.tol 1e-12 and tol 1e-14).  Tolerance 1e-8 relative: the C side
     * integrates to 1e-10 relative and solves log m to 1e-12. */
    static const double edges[ES_SIM_NBANDS + 1] = {1e3, 1e4, 5e4, 5e5, 1e6, INFINITY}; /* as in the R script */
    static const double want[ES_SIM_NBANDS] = {0.061733513028916165, 0.043067847452108926, 0.030627790829161755,
                                               0.021608051806172507, 0.016137967180535465};
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        double m;
        CU_ASSERT_EQUAL(es_sim_median_er(&p, edges[b], edges[b + 1], SIZE_MAX, SIZE_MAX, &m),
                        ES_OK);
        ES_ASSERT_REL(m, want[b], 1e-8);
    }
    double m;
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 1e4, 5e4, 2, SIZE_MAX, &m), ES_OK); /* niche c */
    ES_ASSERT_REL(m, 0.066328078543524904, 1e-8);
    CU_ASSERT_EQUAL(es_sim_median_er(&p, 1e6, INFINITY, SIZE_MAX, 1, &m), ES_OK); /* tiktok */
    ES_ASSERT_REL(m, 0.025256540122987975, 1e-8);
    ES_ASSERT_REL(es_sim_followers_prob(&p, 5e5, 1e6), 0.13618342076145287, 1e-12); /* design share of macro */
    es_sim_params_free(&p);
}

/* The committed Kim calibration against the same estimators written in R. */
static void test_calibration_vs_r(void)
{
    if (es_test_skip_under_valgrind("the calibration simulates 100,000 accounts per step: minutes under valgrind"))
        return;
    es_sim_params p;
    CU_ASSERT_EQUAL_FATAL(es_sim_params_init(&p), ES_OK);
    CU_ASSERT_EQUAL_FATAL(es_sim_params_load(&p, ES_BUNDLED_PARAMS, NULL), ES_OK);
    /* Expected values: Rscript tests/reference/simulate_calibrate_kim.R (R 4.2.2), run
     * from the repository root on ../shared/datasets-external/kim2020-instagram-sample.
     * Closed forms and lm() agree to 1e-10 relative.  The truncated-lognormal MLE is a
     * numerical optimum: both sides polish it with Newton steps on the analytic
     * gradient (Hessian by differences of 1e-6), so 1e-9 for the sd.  The niche effects
     * are a median regression: C solves it by IRLS, R by quantreg's simplex; a least
     * absolute deviations fit can be flat near its optimum, so 2e-3 relative (measured:
     * 1.2e-3 for "other", below 1e-4 for the rest).  beta, beta2 and er_base come
     * from the simulated method of moments, which R does not redo; the bundled-dataset
     * test (tests/cli/simulate-bundled-vs-kim.t) checks what they are for. */
    static const struct { const char *what; double *got; double want, tol; } c[] = {
        {"tail_min", NULL, 180193.5, 1e-12},
        {"tail_prob", NULL, 0.10000883470271225, 1e-12},
        {"tail_alpha", NULL, 0.90498993214714785, 1e-10},
        {"followers_meanlog", NULL, 9.3884488425112824, 1e-10},
        {"followers_sdlog", NULL, 2.1076528084569239, 1e-9},
        {"posts_mean", NULL, 1.7213976499690786, 1e-12},
        {"posts_size", NULL, 4.973350048564936, 1e-10},
        {"comments_share", NULL, 0.047470981340113017, 1e-10},
        {"likes_size", NULL, 2.6863280387576545, 1e-10},
        {"comments_size", NULL, 0.6551874493485238, 1e-10},
        {"sponsored_prob", NULL, 0.0050296389437758217, 1e-12},
        {"sponsored_effect", NULL, 0.82075813324751146, 1e-10},
        {"beta_knot", NULL, 35481.338923357529, 1e-12},
        {"account_sd", NULL, 0.7266931672845075, 1e-10},
    };
    double *got[] = {&p.tail_min, &p.tail_prob, &p.tail_alpha, &p.followers_meanlog, &p.followers_sdlog,
                     &p.posts_mean, &p.posts_size, &p.comments_share, &p.likes_size, &p.comments_size,
                     &p.sponsored_prob, &p.sponsored_effect, &p.beta_knot, &p.account_sd};
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        CU_ASSERT_TRUE(es_test_rel(*got[i], c[i].want, c[i].tol, c[i].what, __FILE__, __LINE__));
    static const struct { const char *name; double share, effect; } n[] = {
        {"fashion", 0.35042848308154428, 1},
        {"other", 0.16657831963954414, 0.48197691636933521},
        {"travel", 0.12580616662249317, 0.93936351671711016},
        {"family", 0.1178549341814648, 0.86887840993867516},
        {"food", 0.10818093471154695, 0.64322224690502916},
        {"beauty", 0.045056983832494034, 0.77253470677938973},
        {"interior", 0.036531495715169185, 0.67592578044939489},
        {"fitness", 0.032467532467532464, 0.82134402017251262},
        {"pet", 0.017050976234649705, 1.0369174861016699},
        {"unknown", 4.4173513561268665e-05, 0.82914422894708339},};
    CU_ASSERT_EQUAL_FATAL(p.n_niches, sizeof n / sizeof *n);
    for (size_t i = 0; i < p.n_niches; i++) {
        CU_ASSERT_STRING_EQUAL(p.niches[i].name, n[i].name);
        ES_ASSERT_REL(p.niches[i].share, n[i].share, 1e-12);
        ES_ASSERT_REL(p.niches[i].effect, n[i].effect, 2e-3);
    }
    CU_ASSERT_EQUAL(p.posts_max, 8);
    CU_ASSERT_EQUAL(p.accounts, 22638);
    es_sim_params_free(&p);
}

int es_suite_simulate(void)
{
    CU_pSuite s = CU_add_suite("simulate", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "parameter file round trip", test_params_roundtrip) == NULL ||
        CU_add_test(s, "parameter file errors", test_params_errors) == NULL ||
        CU_add_test(s, "same seed, same bytes", test_same_seed_same_bytes) == NULL ||
        CU_add_test(s, "truth: model identities", test_truth_identities) == NULL ||
        CU_add_test(s, "truth: against R", test_truth_vs_r) == NULL ||
        CU_add_test(s, "truth: Monte-Carlo median of observed ER", test_truth_observed_mc) == NULL ||
        CU_add_test(s, "recovers beta, niche effects, band medians", test_recovers_beta_and_niches) == NULL ||
        CU_add_test(s, "calibration recovers its parameters", test_calibration_recovers) == NULL ||
        CU_add_test(s, "Kim calibration against R", test_calibration_vs_r) == NULL ||
        CU_add_test(s, "bundled dataset regenerates", test_bundled_dataset) == NULL)
        return -1;
    return 0;
}
