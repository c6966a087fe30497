/* test_descriptive.c — mean, sample sd, trimmed mean, MAD, geometric mean, summary and
 * the median CI.  Expected values: NIST StRD univariate certified values (read from
 * ../shared/reference/nist-strd/univariate/NAME.dat) and R 4.2.2 output printed by
 * `Rscript tests/reference/descriptive.R` (17 significant digits; section named next
 * to each value). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/descriptive.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"
#include "testutil.h"

/* ------------------------------------------------------------------ data */

/* tests/reference/descriptive.R, section "small" / "tied" / "high-entropy". */
static const double small[] = {3, 1, 4, 1, 5, 9, 2, 6};
static const double tied[] = {2, 2, 2, 3, 3, 5, 5, 5, 5, 8, 0.5};
static const double he[] = {
    0.022212829, 0.027120939, 0.028034519000000001, 0.027742748000000001,
    0.016533636000000001, 0.027699424, 0.075459188999999996, 0.023538152999999999,
    0.23459941000000001, 0.012833228, 0.011932622, 0.056410652999999998,
    0.015325903, 0.198776116, 0.014328873000000001, 0.013660871999999999,
    0.25547898800000002, 0.021134525000000001, 0.13937681199999999,
    0.24198872299999999, 0.023648945000000001, 0.050505847, 0.011856568};
#define N(a) (sizeof(a) / sizeof *(a))

/* Expected values per data set, R 4.2.2, tests/reference/descriptive.R. */
typedef struct ref {
    const char *name;
    const double *x;
    size_t n;
    double mean, sd, q[7], trim10, trim25, trim50, mad, iqr, geo;
} ref;

static const ref refs[] = {
    {"small", small, N(small), 3.875, 2.7483761439387129,
     {1, 1, 1.75, 3.5, 5.25, 6.8999999999999995, 9}, 3.875, 3.5, 3.5, 2.9651999999999998,
     3.5, 2.9953451699808031},
    {"tied", tied, N(tied), 3.6818181818181817, 2.1245320340339338, {0.5, 2, 2, 3, 5, 5, 8},
     3.5555555555555554, 3.5714285714285716, 3, 2.9651999999999998, 3, 3.0043605171844896},
    {"high-entropy", he, N(he), 0.067399979217391298, 0.082903581817273225,
     {0.011856568, 0.0129987568, 0.0159297695, 0.027120939, 0.065934920999999994,
      0.22743475120000003, 0.25547898800000002},
     0.054154874789473686, 0.031951331538461539, 0.027120939, 0.019955895334199999,
     0.050005151499999997, 0.037022681870551563},
};
static const double probs[7] = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1};

/* ------------------------------------------------------------------ R comparisons */

static void test_against_r(void)
{
    for (size_t k = 0; k < N(refs); k++) {
        const ref *r = &refs[k];
        double v;
        CU_ASSERT_EQUAL(es_mean(r->x, r->n, &v), ES_OK);
        ES_ASSERT_REL(v, r->mean, 1e-15);
        CU_ASSERT_EQUAL(es_sd_sample(r->x, r->n, &v), ES_OK);
        ES_ASSERT_REL(v, r->sd, 1e-14);
        CU_ASSERT_EQUAL(es_var_sample(r->x, r->n, &v), ES_OK);
        ES_ASSERT_REL(v, r->sd * r->sd, 1e-14);
        double *s;
        size_t m;
        CU_ASSERT_FATAL(es_sorted_copy(r->x, r->n, &s, &m) == ES_OK);
        /* quantile(x, probs, type = 7): our arithmetic is R's, so bit-identical. */
        for (int i = 0; i < 7; i++)
            ES_ASSERT_REL(es_quantile_sorted(s, m, probs[i]), r->q[i], 0);
        free(s);
        ES_ASSERT_REL(es_median(r->x, r->n), r->q[3], 0);
        CU_ASSERT_EQUAL(es_trimmed_mean(r->x, r->n, 0.1, &v), ES_OK);
        ES_ASSERT_REL(v, r->trim10, 1e-15);
        CU_ASSERT_EQUAL(es_trimmed_mean(r->x, r->n, 0.25, &v), ES_OK);
        ES_ASSERT_REL(v, r->trim25, 1e-15);
        CU_ASSERT_EQUAL(es_trimmed_mean(r->x, r->n, 0.5, &v), ES_OK);
        ES_ASSERT_REL(v, r->trim50, 0);
        CU_ASSERT_EQUAL(es_trimmed_mean(r->x, r->n, 0.7, &v), ES_OK); /* >= 0.5: median */
        ES_ASSERT_REL(v, r->trim50, 0);
        CU_ASSERT_EQUAL(es_trimmed_mean(r->x, r->n, 0, &v), ES_OK);   /* 0: the mean */
        ES_ASSERT_REL(v, r->mean, 1e-15);
        CU_ASSERT_EQUAL(es_mad(r->x, r->n, &v), ES_OK);
        ES_ASSERT_REL(v, r->mad, 1e-15);
        CU_ASSERT_EQUAL(es_geo_mean(r->x, r->n, &v), ES_OK);
        ES_ASSERT_REL(v, r->geo, 1e-14);

        es_summary sm;
        CU_ASSERT_EQUAL(es_summary_compute(r->x, r->n, &sm), ES_OK);
        CU_ASSERT_EQUAL(sm.n, r->n);
        ES_ASSERT_REL(sm.mean, r->mean, 1e-15);
        ES_ASSERT_REL(sm.sd, r->sd, 1e-14);
        ES_ASSERT_REL(sm.median, r->q[3], 0);
        ES_ASSERT_REL(sm.q25, r->q[2], 0);
        ES_ASSERT_REL(sm.q75, r->q[4], 0);
        ES_ASSERT_REL(sm.iqr, r->iqr, 1e-15);  /* IQR(x) */
        ES_ASSERT_REL(sm.geo_mean, r->geo, 1e-14);
        ES_ASSERT_REL(sm.trim_mean, r->trim10, 1e-15);
        ES_ASSERT_REL(sm.mad, r->mad, 1e-15);
        CU_ASSERT_EQUAL(sm.n_zero, 0);
        CU_ASSERT_EQUAL(sm.n_negative, 0);
    }
}

/* t.test(x, conf.level = conf)$conf.int, descriptive.R "t.test conf.int". */
static void test_mean_ci_t(void)
{
    static const struct {
        const double *x;
        size_t n;
        double c95[2], c90[2];
    } cases[] = {
        {small, N(small), {1.577300043159245, 6.1726999568407548},
         {2.0340423187893482, 5.7159576812106518}},
        {tied, N(tied), {2.2545381406492262, 5.1090982229871367},
         {2.5208090356971056, 4.8428273279392577}},
        {he, N(he), {0.031549782076842212, 0.10325017635794038},
         {0.03771640538009155, 0.097083553054691046}},
    };
    double ci[2];
    for (size_t i = 0; i < N(cases); i++) {
        CU_ASSERT_EQUAL(es_mean_ci_t(cases[i].x, cases[i].n, 0.95, ci), ES_OK);
        ES_ASSERT_REL(ci[0], cases[i].c95[0], 1e-12);
        ES_ASSERT_REL(ci[1], cases[i].c95[1], 1e-12);
        CU_ASSERT_EQUAL(es_mean_ci_t(cases[i].x, cases[i].n, 0.90, ci), ES_OK);
        ES_ASSERT_REL(ci[0], cases[i].c90[0], 1e-12);
        ES_ASSERT_REL(ci[1], cases[i].c90[1], 1e-12);
    }
    const double two[] = {0.013, 0.071}; /* "n2": df = 1 */
    CU_ASSERT_EQUAL(es_mean_ci_t(two, 2, 0.95, ci), ES_OK);
    ES_ASSERT_REL(ci[0], -0.32647993734906611, 1e-12);
    ES_ASSERT_REL(ci[1], 0.41047993734906613, 1e-12);
    CU_ASSERT_EQUAL(es_mean_ci_t(two, 1, 0.95, ci), ES_EDOM);
    CU_ASSERT_TRUE(isnan(ci[0]) && isnan(ci[1]));
    CU_ASSERT_EQUAL(es_mean_ci_t(two, 0, 0.95, ci), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_mean_ci_t(two, 2, 1.0, ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_mean_ci_t(NULL, 2, 0.9, ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_mean_ci_t(two, 2, 0.9, NULL), ES_EINVAL);
}

static void test_inputs_untouched(void)
{
    double x[N(he)];
    memcpy(x, he, sizeof x);
    es_summary sm;
    es_median_ci ci;
    double v;
    CU_ASSERT_EQUAL(es_summary_compute(x, N(x), &sm), ES_OK);
    CU_ASSERT_EQUAL(es_trimmed_mean(x, N(x), 0.2, &v), ES_OK);
    CU_ASSERT_EQUAL(es_mad(x, N(x), &v), ES_OK);
    CU_ASSERT_EQUAL(es_median_ci_compute(x, N(x), 0.95, &ci), ES_OK);
    CU_ASSERT_EQUAL(memcmp(x, he, sizeof x), 0);
}

/* n = 0, 1, 2 and a zero value.  R values: descriptive.R sections "n1", "n2",
 * "with zero". */
/* Values near 1e-200 and 1e300: their squared deviations underflow to 0 and overflow
 * to inf, and so did the SD (R 4.2.2's sd() too: 0 and Inf).  The SD itself is in range:
 * sd(c(1, 2, 3.5)) * 1e-200 = 1.2583057392117915e-200 and * 1e300 =
 * 1.2583057392117916e+300 (tests/reference/descriptive.R, "out of range"). */
static void test_sd_range(void)
{
    double tiny[] = {1e-200, 2e-200, 3.5e-200}, huge[] = {1e300, 2e300, 3.5e300}, sd;
    es_summary s;
    CU_ASSERT_EQUAL(es_sd_sample(tiny, 3, &sd), ES_OK);
    ES_ASSERT_REL(sd, 1.2583057392117915e-200, 1e-14);
    CU_ASSERT_EQUAL(es_sd_sample(huge, 3, &sd), ES_OK);
    ES_ASSERT_REL(sd, 1.2583057392117916e+300, 1e-14);
    CU_ASSERT_EQUAL(es_summary_compute(huge, 3, &s), ES_OK);
    ES_ASSERT_REL(s.sd, 1.2583057392117916e+300, 1e-14);
    double cst[] = {1e-200, 1e-200};
    CU_ASSERT_EQUAL(es_sd_sample(cst, 2, &sd), ES_OK);
    CU_ASSERT_EQUAL(sd, 0);
}

static void test_small_n(void)
{
    es_summary s;
    double v;
    /* n = 0: everything NaN, ES_EEMPTY. */
    CU_ASSERT_EQUAL(es_summary_compute(small, 0, &s), ES_EEMPTY);
    CU_ASSERT_EQUAL(s.n, 0);
    CU_ASSERT_TRUE(isnan(s.mean) && isnan(s.sd) && isnan(s.median) && isnan(s.q25) &&
                   isnan(s.q75) && isnan(s.iqr) && isnan(s.geo_mean) && isnan(s.trim_mean) &&
                   isnan(s.mad));
    CU_ASSERT_EQUAL(es_mean(small, 0, &v), ES_EEMPTY);
    CU_ASSERT_TRUE(isnan(v));

    /* n = 1: location defined (R: mean = median = quantiles = trimmed mean = 0.0421),
     * scale NaN (R gives 0 for mad and IQR; we refuse a scale from one value). */
    const double one[] = {0.0421};
    CU_ASSERT_EQUAL(es_summary_compute(one, 1, &s), ES_OK);
    CU_ASSERT_EQUAL(s.n, 1);
    ES_ASSERT_REL(s.mean, 0.042099999999999999, 0);
    ES_ASSERT_REL(s.median, 0.042099999999999999, 0);
    ES_ASSERT_REL(s.q25, 0.042099999999999999, 0);
    ES_ASSERT_REL(s.q75, 0.042099999999999999, 0);
    ES_ASSERT_REL(s.trim_mean, 0.042099999999999999, 0);
    ES_ASSERT_REL(s.geo_mean, 0.042100000000000005, 1e-15);
    CU_ASSERT_TRUE(isnan(s.sd) && isnan(s.iqr) && isnan(s.mad));
    CU_ASSERT_EQUAL(es_var_sample(one, 1, &v), ES_EDOM);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_sd_sample(one, 1, &v), ES_EDOM);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_mad(one, 1, &v), ES_EDOM);
    CU_ASSERT_TRUE(isnan(v));

    /* n = 2 (section "n2"). */
    const double two[] = {0.013, 0.071};
    CU_ASSERT_EQUAL(es_summary_compute(two, 2, &s), ES_OK);
    ES_ASSERT_REL(s.mean, 0.041999999999999996, 1e-15);
    ES_ASSERT_REL(s.sd, 0.04101219330881975, 1e-14);
    ES_ASSERT_REL(s.median, 0.041999999999999996, 0);
    ES_ASSERT_REL(s.q25, 0.027499999999999997, 0);
    ES_ASSERT_REL(s.q75, 0.056499999999999995, 0);
    ES_ASSERT_REL(s.iqr, 0.028999999999999998, 1e-15);
    ES_ASSERT_REL(s.trim_mean, 0.041999999999999996, 1e-15);
    ES_ASSERT_REL(s.mad, 0.042995399999999996, 1e-15);
    ES_ASSERT_REL(s.geo_mean, 0.030380915061926611, 1e-14);

    /* A zero value: geo_mean 0 as R's exp(mean(log(x))), counted (section "with zero"). */
    const double z[] = {0.02, 0, 0.05};
    CU_ASSERT_EQUAL(es_summary_compute(z, 3, &s), ES_OK);
    ES_ASSERT_REL(s.geo_mean, 0, 0);
    CU_ASSERT_EQUAL(s.n_zero, 1);
    ES_ASSERT_REL(s.mean, 0.023333333333333334, 1e-15);
    ES_ASSERT_REL(s.sd, 0.025166114784235832, 1e-14);
    ES_ASSERT_REL(s.mad, 0.029651999999999998, 1e-15);
    CU_ASSERT_EQUAL(es_geo_mean(z, 3, &v), ES_OK);
    ES_ASSERT_REL(v, 0, 0);

    /* A negative value: geo_mean undefined (ES_EDOM, NaN); the summary keeps the rest. */
    const double neg[] = {0.02, -0.01, 0.05};
    CU_ASSERT_EQUAL(es_geo_mean(neg, 3, &v), ES_EDOM);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_summary_compute(neg, 3, &s), ES_OK);
    CU_ASSERT_TRUE(isnan(s.geo_mean));
    CU_ASSERT_EQUAL(s.n_negative, 1);
    ES_ASSERT_REL(s.median, 0.02, 0);
}

/* Every error code the module returns, and NaN (never 0) left in the outputs. */
static void test_errors(void)
{
    double v = 0;
    es_summary s;
    es_median_ci ci;
    const double withnan[] = {1, NAN, 3};
    /* ES_EINVAL: NULL data, NULL output, NaN in the data, bad trim, bad conf. */
    CU_ASSERT_EQUAL(es_mean(NULL, 3, &v), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_mean(small, 3, NULL), ES_EINVAL);
    CU_ASSERT_EQUAL(es_mean(withnan, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_var_sample(withnan, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_sd_sample(NULL, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_geo_mean(withnan, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_trimmed_mean(withnan, 3, 0.1, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_trimmed_mean(small, 8, -0.1, &v), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_trimmed_mean(small, 8, NAN, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_trimmed_mean(NULL, 8, 0.1, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_mad(withnan, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_mad(NULL, 3, &v), ES_EINVAL);
    CU_ASSERT_EQUAL(es_summary_compute(withnan, 3, &s), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(s.mean));
    CU_ASSERT_EQUAL(es_summary_compute(NULL, 3, &s), ES_EINVAL);
    CU_ASSERT_EQUAL(es_summary_compute(small, 3, NULL), ES_EINVAL);
    CU_ASSERT_EQUAL(es_median_ci_compute(small, 8, 1.0, &ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_median_ci_compute(small, 8, 0.0, &ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_median_ci_compute(small, 8, NAN, &ci), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(ci.lo) && isnan(ci.hi) && isnan(ci.coverage));
    CU_ASSERT_EQUAL(es_median_ci_compute(withnan, 3, 0.5, &ci), ES_EINVAL);
    CU_ASSERT_TRUE(isnan(ci.lo) && isnan(ci.hi));
    CU_ASSERT_EQUAL(es_median_ci_compute(NULL, 8, 0.95, &ci), ES_EINVAL);
    CU_ASSERT_EQUAL(es_median_ci_orders(8, 0.95, NULL), ES_EINVAL);
    /* ES_EEMPTY: n = 0. */
    CU_ASSERT_EQUAL(es_var_sample(small, 0, &v), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_geo_mean(small, 0, &v), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_trimmed_mean(small, 0, 0.1, &v), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_mad(small, 0, &v), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_median_ci_compute(small, 0, 0.95, &ci), ES_EEMPTY);
    /* ES_EDOM: n = 1 variance and MAD (test_small_n), negative geo mean, and an
     * unattainable median CI (n = 5 at 95%: 1 - 2^-4 = 0.9375 < 0.95; R's
     * qbinom(0.025, 5, 0.5) = 0, descriptive.R "median CI orders"). */
    CU_ASSERT_EQUAL(es_median_ci_compute(small, 5, 0.95, &ci), ES_EDOM);
    CU_ASSERT_TRUE(isnan(ci.lo) && isnan(ci.hi) && isnan(ci.coverage));
    CU_ASSERT_EQUAL(ci.l, 0);
    /* ES_ENOMEM: a size no allocation can hold (checked before any value is read). */
    size_t huge = SIZE_MAX / 4;
    CU_ASSERT_EQUAL(es_trimmed_mean(small, huge, 0.1, &v), ES_ENOMEM);
    CU_ASSERT_TRUE(isnan(v));
    CU_ASSERT_EQUAL(es_mad(small, huge, &v), ES_ENOMEM);
    CU_ASSERT_EQUAL(es_summary_compute(small, huge, &s), ES_ENOMEM);
    double *out;
    size_t m;
    CU_ASSERT_EQUAL(es_sorted_copy(small, huge, &out, &m), ES_ENOMEM);
}

/* Median CI order statistics against R: l = qbinom((1-conf)/2, n, 1/2), u = n + 1 - l,
 * coverage = 1 - 2 pbinom(l - 1, n, 1/2); descriptive.R "median CI orders". */
static void test_median_ci(void)
{
    static const struct {
        size_t n;
        double conf;
        size_t l, u;
        double cov; /* NaN: qbinom gave 0, unattainable */
    } cases[] = {
        {5, 0.95, 0, 0, NAN},
        {6, 0.95, 1, 6, 0.96875},
        {7, 0.95, 1, 7, 0.984375},
        {10, 0.95, 2, 9, 0.978515625},
        {23, 0.95, 7, 17, 0.96531033515930176},
        {100, 0.95, 40, 61, 0.96479979978229513},
        {1000, 0.95, 469, 532, 0.95370880263950186},
        {100000, 0.95, 49690, 50311, 0.95044428533047509},
        {5, 0.90, 1, 5, 0.9375},
        {23, 0.90, 8, 16, 0.90686035156249989},
        {100, 0.90, 42, 59, 0.9113739198859323},
        {1000, 0.90, 474, 527, 0.90631270852450341},
        {100000, 0.90, 49740, 50261, 0.90055474976849392},
        {7, 0.99, 0, 0, NAN},
        {10, 0.99, 1, 10, 0.998046875},
        {23, 0.99, 5, 19, 0.99740052223205566},
        {100, 0.99, 37, 64, 0.99336287948407387},
        {1000, 0.99, 459, 542, 0.99136005099773949},
        {100000, 0.99, 49593, 50408, 0.9900415411987189},
    };
    for (size_t i = 0; i < N(cases); i++) {
        es_median_ci ci;
        int rc = es_median_ci_orders(cases[i].n, cases[i].conf, &ci);
        if (isnan(cases[i].cov)) {
            CU_ASSERT_EQUAL(rc, ES_EDOM);
            continue;
        }
        CU_ASSERT_EQUAL(rc, ES_OK);
        CU_ASSERT_EQUAL(ci.l, cases[i].l);
        CU_ASSERT_EQUAL(ci.u, cases[i].u);
        /* GSL's binomial CDF (incomplete beta) is good to about 1e-13 relative up to
         * n = 1000 but only about 1e-11 at n = 1e5, where R's pbinom (TOMS 708) and
         * scipy agree to 1e-16. */
        ES_ASSERT_REL(ci.coverage, cases[i].cov, cases[i].n <= 1000 ? 1e-13 : 1e-11);
        CU_ASSERT_TRUE(ci.coverage >= cases[i].conf);
    }
    /* Endpoints sort(x)[c(l, u)] at 95% ("median CI 95% endpoints"). */
    es_median_ci ci;
    CU_ASSERT_EQUAL(es_median_ci_compute(small, N(small), 0.95, &ci), ES_OK);
    ES_ASSERT_REL(ci.lo, 1, 0);
    ES_ASSERT_REL(ci.hi, 9, 0);
    CU_ASSERT_EQUAL(es_median_ci_compute(tied, N(tied), 0.95, &ci), ES_OK);
    ES_ASSERT_REL(ci.lo, 2, 0);
    ES_ASSERT_REL(ci.hi, 5, 0);
    CU_ASSERT_EQUAL(es_median_ci_compute(he, N(he), 0.95, &ci), ES_OK);
    ES_ASSERT_REL(ci.lo, 0.016533636000000001, 0);
    ES_ASSERT_REL(ci.hi, 0.056410652999999998, 0);
    ES_ASSERT_REL(ci.coverage, 0.96531033515930176, 1e-13);
}

/* ------------------------------------------------------------------ NIST StRD */

/* Read a NIST univariate file: certified mean and sd from the header, data from line
 * 61 (CRLF endings).  Returns the values (caller frees) or NULL. */
static double *nist_read(const char *path, size_t *n, double *mean, double *sd)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char line[512];
    size_t cap = 64, k = 0, lineno = 0;
    double *x = malloc(cap * sizeof *x);
    *mean = *sd = NAN;
    while (x != NULL && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        char *p;
        if (lineno < 61) {
            if (strncmp(line, "Sample Mean", 11) == 0 && (p = strstr(line, "ybar:")) != NULL)
                *mean = strtod(p + 5, NULL);
            else if (strncmp(line, "Sample Standard Deviation", 25) == 0 &&
                     (p = strstr(line, "s:")) != NULL)
                *sd = strtod(p + 2, NULL);
            continue;
        }
        char *end;
        double v = strtod(line, &end);
        if (end == line)
            continue;
        if (k == cap) {
            double *y = realloc(x, 2 * cap * sizeof *x);
            if (y == NULL) {
                free(x);
                x = NULL;
                break;
            }
            x = y;
            cap *= 2;
        }
        x[k++] = v;
    }
    fclose(f);
    *n = k;
    return x;
}

/* R's LREs for mean and sd from anchor-lre.md ("Univariate: LRE R / GSL / E" table,
 * first figure of each cell). */
static int anchor_lre(const char *anchor, const char *set, double *mean_lre, double *sd_lre)
{
    FILE *f = fopen(anchor, "r");
    if (f == NULL)
        return 0;
    char line[512], pat[64];
    snprintf(pat, sizeof pat, "| %s |", set);
    int found = 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, pat, strlen(pat)) != 0)
            continue;
        /* | set | level | mean R / GSL / E | sd R / GSL / E | r1 ... | */
        char *p = line;
        for (int bar = 0; bar < 2 && p != NULL; bar++)
            p = strchr(p + 1, '|');
        if (p == NULL)
            break;
        *mean_lre = strtod(p + 1, NULL);
        p = strchr(p + 1, '|');
        if (p == NULL)
            break;
        *sd_lre = strtod(p + 1, NULL);
        found = 1;
    }
    fclose(f);
    return found;
}

static void test_nist_univariate(void)
{
    static const char *sets[] = {"PiDigits", "Lottery", "Lew",     "Mavro",  "Michelso",
                                 "NumAcc1",  "NumAcc2", "NumAcc3", "NumAcc4"};
    const char *ap = es_test_shared("reference/nist-strd/anchor-lre.md");
    if (ap == NULL)
        return;
    char anchor[4096];
    snprintf(anchor, sizeof anchor, "%s", ap);
    printf("\n    NIST StRD univariate, LRE (ours / R 4.2.2 from anchor-lre.md)\n");
    printf("    %-9s %6s %6s   %6s %6s\n", "dataset", "mean", "R", "sd", "R");
    for (size_t i = 0; i < N(sets); i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "reference/nist-strd/univariate/%s.dat", sets[i]);
        const char *path = es_test_shared(rel);
        if (path == NULL)
            continue;
        size_t n = 0;
        double cm = NAN, cs = NAN, m, s, rm = NAN, rs = NAN;
        double *x = nist_read(path, &n, &cm, &cs);
        CU_ASSERT_FATAL(x != NULL);
        CU_ASSERT_TRUE(n >= 3);
        CU_ASSERT_TRUE(isfinite(cm) && isfinite(cs));
        CU_ASSERT_EQUAL(es_mean(x, n, &m), ES_OK);
        CU_ASSERT_EQUAL(es_sd_sample(x, n, &s), ES_OK);
        CU_ASSERT_TRUE(anchor_lre(anchor, sets[i], &rm, &rs));
        double lm = es_test_lre(m, cm), ls = es_test_lre(s, cs);
        printf("    %-9s %6.1f %6.1f   %6.1f %6.1f\n", sets[i], lm, rm, ls, rs);
        /* The table has one decimal, so compare at one decimal. */
        CU_ASSERT_TRUE(round(lm * 10) >= round(rm * 10));
        CU_ASSERT_TRUE(round(ls * 10) >= round(rs * 10));
        free(x);
    }
}

int es_suite_descriptive(void)
{
    CU_pSuite s = CU_add_suite("descriptive", NULL, NULL);
    if (s == NULL)
        return -1;
    if (CU_add_test(s, "against R 4.2.2", test_against_r) == NULL ||
        CU_add_test(s, "inputs are not reordered", test_inputs_untouched) == NULL ||
        CU_add_test(s, "t interval for the mean", test_mean_ci_t) == NULL ||
        CU_add_test(s, "n = 0, 1, 2, zeros, negatives", test_small_n) == NULL ||
        CU_add_test(s, "sd of values near 1e-200 and 1e300", test_sd_range) == NULL ||
        CU_add_test(s, "error codes", test_errors) == NULL ||
        CU_add_test(s, "median CI (binomial order statistics)", test_median_ci) == NULL ||
        CU_add_test(s, "NIST StRD univariate LRE", test_nist_univariate) == NULL)
        return -1;
    return 0;
}
