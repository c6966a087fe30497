/* test_padjust.c — p-value adjustment against R 4.2.2's p.adjust.  Every expected
 * array below is printed by `Rscript tests/reference/compare_padjust.R` (R 4.2.2),
 * run from the repository root: the input p (NA as NAN), p.adjust(p, method) for the
 * six methods, and p.adjust(p, method, n = 20). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "testutil.h"

#define NP 13
static const double P[NP] = {0.01, 0.02, NAN, 0.040000000000000001, 0.040000000000000001, 0.20000000000000001, 0.00050000000000000001, 1, 0.029999999999999999, NAN, 0.29999999999999999, 1e-300, 0.049000000000000002};

/* p.adjust(p, m) for holm, hochberg, bonferroni, BH, BY, none (compare_padjust.R). */
static const double WANT[6][NP] = {
        {0.089999999999999997, 0.16, NAN, 0.23999999999999999, 0.23999999999999999, 0.60000000000000009, 0.0050000000000000001, 1, 0.20999999999999999, NAN, 0.60000000000000009, 1.1e-299, 0.23999999999999999},
        {0.089999999999999997, 0.16, NAN, 0.19600000000000001, 0.19600000000000001, 0.59999999999999998, 0.0050000000000000001, 1, 0.19600000000000001, NAN, 0.59999999999999998, 1.1e-299, 0.19600000000000001},
        {0.11, 0.22, NAN, 0.44, 0.44, 1, 0.0054999999999999997, 1, 0.32999999999999996, NAN, 1, 1.1e-299, 0.53900000000000003},
        {0.036666666666666667, 0.055, NAN, 0.062857142857142861, 0.062857142857142861, 0.24444444444444446, 0.0027499999999999998, 1, 0.062857142857142861, NAN, 0.33000000000000002, 1.1e-299, 0.067375000000000004},
        {0.11072883597883598, 0.16609325396825397, NAN, 0.18982086167800455, 0.18982086167800455, 0.73819223985890658, 0.0083046626984126983, 1, 0.18982086167800455, NAN, 0.99655952380952384, 3.3218650793650793e-299, 0.20346423611111114},
        {0.01, 0.02, NAN, 0.040000000000000001, 0.040000000000000001, 0.20000000000000001, 0.00050000000000000001, 1, 0.029999999999999999, NAN, 0.29999999999999999, 1e-300, 0.049000000000000002}};

/* p.adjust(p, m, n = 20) for holm, hochberg, bonferroni, BH, BY (compare_padjust.R). */
static const double WANT20[5][NP] = {
        {0.17999999999999999, 0.34000000000000002, NAN, 0.59999999999999998, 0.59999999999999998, 1, 0.0094999999999999998, 1, 0.47999999999999998, NAN, 1, 2e-299, 0.63700000000000001},
        {0.17999999999999999, 0.34000000000000002, NAN, 0.56000000000000005, 0.56000000000000005, 1, 0.0094999999999999998, 1, 0.47999999999999998, NAN, 1, 2e-299, 0.63700000000000001},
        {0.20000000000000001, 0.40000000000000002, NAN, 0.80000000000000004, 0.80000000000000004, 1, 0.01, 1, 0.59999999999999998, NAN, 1, 2e-299, 0.97999999999999998},
        {0.066666666666666666, 0.10000000000000001, NAN, 0.1142857142857143, 0.1142857142857143, 0.44444444444444448, 0.0050000000000000001, 1, 0.1142857142857143, NAN, 0.59999999999999998, 2e-299, 0.1225},
        {0.23984931047624547, 0.3597739657143682, NAN, 0.4111702465307065, 0.4111702465307065, 1, 0.017988698285718412, 1, 0.4111702465307065, NAN, 1, 7.1954793142873645e-299, 0.44072310800010106}};

static const es_adjust_method METHODS[6] = {ES_ADJ_HOLM, ES_ADJ_HOCHBERG, ES_ADJ_BONFERRONI, ES_ADJ_BH, ES_ADJ_BY, ES_ADJ_NONE};

static void test_methods(void)
{
    double out[NP];
    for (int m = 0; m < 6; m++) {
        CU_ASSERT_EQUAL(es_p_adjust(P, NP, METHODS[m], 0, out), ES_OK);
        for (int i = 0; i < NP; i++)
            ES_ASSERT_REL(out[i], WANT[m][i], 1e-15);
    }
    for (int m = 0; m < 5; m++) {
        CU_ASSERT_EQUAL(es_p_adjust(P, NP, METHODS[m], 20, out), ES_OK);
        for (int i = 0; i < NP; i++)
            ES_ASSERT_REL(out[i], WANT20[m][i], 1e-15);
    }
}

/* In place (out == p), NaN kept and not counted: p.adjust(c(NA, 0.03), "holm") is
 * c(NA, 0.03) in R 4.2.2 (compare_padjust.R, "single"), since n = 1. */
static void test_nan_and_in_place(void)
{
    double q[2] = {NAN, 0.03};
    CU_ASSERT_EQUAL(es_p_adjust(q, 2, ES_ADJ_HOLM, 0, q), ES_OK);
    CU_ASSERT_TRUE(isnan(q[0]));
    ES_ASSERT_REL(q[1], 0.029999999999999999, 0);
    double all[3] = {NAN, NAN, NAN}, out[3];
    CU_ASSERT_EQUAL(es_p_adjust(all, 3, ES_ADJ_BH, 0, out), ES_OK);
    CU_ASSERT_TRUE(isnan(out[0]) && isnan(out[1]) && isnan(out[2]));
    double c[NP];
    memcpy(c, P, sizeof c);
    CU_ASSERT_EQUAL(es_p_adjust(c, NP, ES_ADJ_BY, 0, c), ES_OK);
    for (int i = 0; i < NP; i++)
        ES_ASSERT_REL(c[i], WANT[4][i], 1e-15);
}

static void test_errors(void)
{
    double bad[2] = {0.5, 1.5}, neg[2] = {-0.1, 0.2}, out[2];
    CU_ASSERT_EQUAL(es_p_adjust(bad, 2, ES_ADJ_HOLM, 0, out), ES_EINVAL);
    CU_ASSERT_EQUAL(es_p_adjust(neg, 2, ES_ADJ_HOLM, 0, out), ES_EINVAL);
    CU_ASSERT_EQUAL(es_p_adjust(P, NP, ES_ADJ_HOLM, 5, out), ES_EINVAL); /* n < 11 values */
    CU_ASSERT_EQUAL(es_p_adjust(P, NP, (es_adjust_method)17, 0, out), ES_EINVAL);
    CU_ASSERT_EQUAL(es_adjust_from_name("BH"), ES_ADJ_BH);
    CU_ASSERT_EQUAL(es_adjust_from_name("fdr"), ES_ADJ_BH);
    CU_ASSERT_EQUAL(es_adjust_from_name("hommel"), -1);
    CU_ASSERT_STRING_EQUAL(es_adjust_name(ES_ADJ_HOCHBERG), "hochberg");
}

int es_suite_padjust(void)
{
    CU_pSuite s = CU_add_suite("padjust", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "p.adjust methods (R 4.2.2)", test_methods) ||
        !CU_add_test(s, "NaN and in place", test_nan_and_in_place) || !CU_add_test(s, "errors", test_errors))
        return -1;
    return 0;
}
