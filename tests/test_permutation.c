/* test_permutation.c — permutation tests of differences in medians and means.
 * Exact values: R 4.2.2 complete enumeration with combn, printed by
 * `Rscript tests/reference/compare_perm.R` (run from the repository root). */
#include <CUnit/CUnit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "testutil.h"

static const double X[7] = {0.031, 0.052, 0.044, 0.067, 0.029, 0.081, 0.049};
static const double Y[8] = {0.021, 0.033, 0.018, 0.040, 0.027, 0.025, 0.036, 0.030};
static const double X2[8] = {3, 1, 4, 1, 5, 9, 2, 6};
static const double Y2[8] = {5, 3, 5, 8, 9, 7, 9, 3};

/* compare_perm.R "A median" / "A mean" / "B median" lines (6435 and 12870 partitions). */
static void test_exact(void)
{
    es_perm_opts o = {ES_PERM_MEDIAN, ES_ALT_TWO_SIDED, 20000, 1, 0, 0};
    es_perm_result r;
    CU_ASSERT_EQUAL(es_perm_test(X, 7, Y, 8, &o, &r), ES_OK);
    CU_ASSERT_EQUAL(r.exact, 1);
    CU_ASSERT_EQUAL(r.m, 6435);
    ES_ASSERT_REL(r.observed, 0.020500000000000004, 1e-15);
    ES_ASSERT_REL(r.p_less, 0.99689199689199692, 1e-15);
    ES_ASSERT_REL(r.p_greater, 0.004662004662004662, 1e-15);
    ES_ASSERT_REL(r.p_value, 0.009324009324009324, 1e-15);
    o.stat = ES_PERM_MEAN;
    o.alt = ES_ALT_GREATER;
    CU_ASSERT_EQUAL(es_perm_test(X, 7, Y, 8, &o, &r), ES_OK);
    ES_ASSERT_REL(r.observed, 0.021678571428571426, 1e-14);
    ES_ASSERT_REL(r.p_value, 0.0040404040404040404, 1e-15);
    ES_ASSERT_REL(r.p_less, 0.99658119658119659, 1e-15);
    o.stat = ES_PERM_MEDIAN;
    o.alt = ES_ALT_LESS;
    CU_ASSERT_EQUAL(es_perm_test(X2, 8, Y2, 8, &o, &r), ES_OK);
    CU_ASSERT_EQUAL(r.m, 12870);
    ES_ASSERT_REL(r.observed, -2.5, 0);
    ES_ASSERT_REL(r.p_value, 0.10334110334110334, 1e-15);
    ES_ASSERT_REL(r.p_greater, 0.9397824397824398, 1e-15);
}

/* Monte Carlo: 9999 < 12870 partitions, so random; p = (b+1)/(m+1), within 4 binomial
 * SE of the exact 0.20668220668220669 (compare_perm.R "B median"), the same for 1, 3
 * and 8 threads, different for another seed. */
static void test_monte_carlo(void)
{
    es_perm_opts o = {ES_PERM_MEDIAN, ES_ALT_TWO_SIDED, 9999, 42, 1, 0};
    es_perm_result r1, r3, r8, rs;
    CU_ASSERT_EQUAL(es_perm_test(X2, 8, Y2, 8, &o, &r1), ES_OK);
    CU_ASSERT_EQUAL(r1.exact, 0);
    CU_ASSERT_EQUAL(r1.m, 9999);
    ES_ASSERT_REL(r1.p_less, ((double)r1.b_less + 1) / 10000, 0);
    double pe = 0.20668220668220669;
    CU_ASSERT_TRUE(fabs(r1.p_value - pe) < 4 * 2 * sqrt(pe / 2 * (1 - pe / 2) / 9999));
    o.threads = 3;
    CU_ASSERT_EQUAL(es_perm_test(X2, 8, Y2, 8, &o, &r3), ES_OK);
    o.threads = 8;
    CU_ASSERT_EQUAL(es_perm_test(X2, 8, Y2, 8, &o, &r8), ES_OK);
    CU_ASSERT_EQUAL(r1.b_less, r3.b_less);
    CU_ASSERT_EQUAL(r1.b_greater, r8.b_greater);
    CU_ASSERT_EQUAL(r1.p_value, r8.p_value);
    o.seed = 43;
    CU_ASSERT_EQUAL(es_perm_test(X2, 8, Y2, 8, &o, &rs), ES_OK);
    CU_ASSERT_NOT_EQUAL(rs.b_less, r1.b_less);
    /* Never p = 0: an extreme observed statistic still gives 1/(m+1). */
    double big[30], small[30];
    for (int i = 0; i < 30; i++) {
        big[i] = 100 + i;
        small[i] = i;
    }
    o.alt = ES_ALT_GREATER;
    o.m = 999;
    CU_ASSERT_EQUAL(es_perm_test(big, 30, small, 30, &o, &rs), ES_OK);
    ES_ASSERT_REL(rs.p_value, 1.0 / 1000, 0);
}

/* The rank path (a bitmap of pooled ranks) against the reference path (selection on
 * the values, by_value = 1, which the tests above hold to R): the same partitions, so
 * the same counts to the unit, for groups of every parity and size across word
 * boundaries, the smaller group first or second, ties and threads. */
static void test_rank_path(void)
{
    static const size_t sizes[][2] = {{1, 5}, {2, 61}, {3, 61}, {31, 33}, {64, 1}, {40, 25}, {7, 193},
                                      {250, 6}, {128, 128}, {501, 700}, {1000, 37}};
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    double x[1000], y[1000];
    for (size_t c = 0; c < sizeof sizes / sizeof *sizes; c++) {
        size_t n1 = sizes[c][0], n2 = sizes[c][1];
        for (size_t i = 0; i < n1; i++) /* ties: values on a coarse grid in every third case */
            x[i] = c % 3 == 0 ? floor(gsl_rng_uniform(g) * 8) : gsl_ran_lognormal(g, 0, 1);
        for (size_t i = 0; i < n2; i++)
            y[i] = c % 3 == 0 ? floor(gsl_rng_uniform(g) * 8) : gsl_ran_lognormal(g, 0.2, 1);
        es_perm_opts o = {ES_PERM_MEDIAN, ES_ALT_TWO_SIDED, 2500, 7 + c, (int)(c % 3) + 1, 0};
        es_perm_result a, b;
        CU_ASSERT_EQUAL_FATAL(es_perm_test(x, n1, y, n2, &o, &a), ES_OK);
        o.by_value = 1;
        o.threads = 1;
        CU_ASSERT_EQUAL_FATAL(es_perm_test(x, n1, y, n2, &o, &b), ES_OK);
        CU_ASSERT_EQUAL(a.exact, b.exact);
        CU_ASSERT_EQUAL(a.b_less, b.b_less);
        CU_ASSERT_EQUAL(a.b_greater, b.b_greater);
        CU_ASSERT_EQUAL(a.m, b.m);
        CU_ASSERT_EQUAL(a.observed, b.observed);
        if (a.b_less != b.b_less || a.b_greater != b.b_greater)
            fprintf(stderr, "rank path: n1 %zu n2 %zu: %zu/%zu vs %zu/%zu\n", n1, n2, a.b_less, a.b_greater,
                    b.b_less, b.b_greater);
    }
    gsl_rng_free(g);
}

static void test_edges(void)
{
    es_perm_opts o = {ES_PERM_MEDIAN, ES_ALT_TWO_SIDED, 999, 1, 0, 0};
    es_perm_result r;
    double nan3[3] = {NAN, NAN, NAN}, t[4] = {2, 2, 2, 2};
    CU_ASSERT_EQUAL(es_perm_test(X, 7, nan3, 3, &o, &r), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_perm_test(X, 0, Y, 8, &o, &r), ES_EEMPTY);
    /* All tied: every partition equals the observed 0, so p = 1. */
    CU_ASSERT_EQUAL(es_perm_test(t, 2, t + 2, 2, &o, &r), ES_OK);
    ES_ASSERT_REL(r.p_value, 1, 0);
    o.alt = (es_alternative)9;
    CU_ASSERT_EQUAL(es_perm_test(t, 2, t + 2, 2, &o, &r), ES_EINVAL);
}

int es_suite_permutation(void)
{
    CU_pSuite s = CU_add_suite("permutation", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "exact enumeration (R combn)", test_exact) ||
        !CU_add_test(s, "Monte Carlo, seeds and threads", test_monte_carlo) ||
        !CU_add_test(s, "the rank path gives the counts of the value path", test_rank_path) ||
        !CU_add_test(s, "edge cases", test_edges))
        return -1;
    return 0;
}
