/* test_mann_whitney.c — Mann-Whitney / Wilcoxon rank-sum test, Hodges-Lehmann
 * selection, AUC and Cliff's delta.  Expected values come from R 4.2.2:
 * tests/reference/compare_mw.R (run `Rscript tests/reference/compare_mw.R` from the
 * repository root) writes the data sets tests/data/cmp_mw_*.txt and the table
 * tests/data/cmp_mw_expected.csv of wilcox.test results the table-driven test reads;
 * tests/reference/compare_effect.R gives the Cliff's delta values. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "testutil.h"

/* Every row of tests/data/cmp_mw_expected.csv (R 4.2.2 wilcox.test, see the header):
 * W, p-value, estimate, CI and achieved conf.level to 1e-10 relative. */
static void test_against_r_table(void)
{
    FILE *f = fopen(es_test_data("cmp_mw_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char set[32], alt[32], ex[32];
        int corr;
        double W, p, est, lo, hi, cl;
        if (sscanf(line, "%31[^,],%31[^,],%31[^,],%d,%lf,%lf,%lf,%lf,%lf,%lf", set, alt, ex, &corr, &W, &p, &est,
                   &lo, &hi, &cl) != 10) {
            /* R writes Inf/-Inf for one-sided intervals: strtod reads them too. */
            CU_FAIL("unparsable row");
            continue;
        }
        double *x = NULL, *y = NULL;
        size_t n1 = 0, n2 = 0;
        CU_ASSERT_EQUAL_FATAL(es_test_read_xy(set, &x, &n1, &y, &n2), 0);
        es_mw_opts o;
        es_mw_opts_default(&o);
        o.alt = (es_alternative)es_alternative_from_name(alt);
        o.exact = strcmp(ex, "auto") == 0 ? -1 : 0;
        o.correct = corr;
        es_mw_result r;
        CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, &o, &r), ES_OK);
        int ok = es_test_rel(r.w, W, 1e-10, set, __FILE__, __LINE__) &&
                 es_test_rel(r.p_value, p, 1e-10, "p", __FILE__, __LINE__) &&
                 es_test_rel(r.estimate, est, 1e-10, "estimate", __FILE__, __LINE__) &&
                 es_test_rel(r.ci_low, lo, 1e-10, "ci_low", __FILE__, __LINE__) &&
                 es_test_rel(r.ci_high, hi, 1e-10, "ci_high", __FILE__, __LINE__) &&
                 es_test_rel(r.conf_level, cl, 1e-10, "conf_level", __FILE__, __LINE__);
        if (!ok)
            fprintf(stderr, "  row: %s", line);
        CU_ASSERT_TRUE(ok);
        rows++;
        free(x);
        free(y);
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 84);
}


/* Exact conditional p with ties, tests/reference/compare_mw.R (last block): complete
 * enumeration of the partitions in R 4.2.2 printed W = 12, P(S <= s) =
 * 0.065268065268065265, P(S >= s) = 0.94971694971694975, two-sided 0.13053613053613053. */
static void test_exact_ties(void)
{
    double *x = NULL, *y = NULL;
    size_t n1 = 0, n2 = 0;
    CU_ASSERT_EQUAL_FATAL(es_test_read_xy("tiny_tied", &x, &n1, &y, &n2), 0);
    es_mw_opts o;
    es_mw_opts_default(&o);
    o.exact = 1;
    es_mw_result r;
    const double want[3] = {0.13053613053613053, 0.065268065268065265, 0.94971694971694975};
    for (int a = 0; a < 3; a++) {
        o.alt = (es_alternative)a;
        CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, &o, &r), ES_OK);
        CU_ASSERT_EQUAL(r.method, ES_MW_EXACT_TIES);
        ES_ASSERT_REL(r.w, 12, 0);
        ES_ASSERT_REL(r.p_value, want[a], 1e-12);
    }
    /* Forcing the Monte Carlo fallback (work limit 1 cell): (b+1)/(m+1) near the
     * exact two-sided value, reproducible for a seed. */
    o.alt = ES_ALT_TWO_SIDED;
    o.exact_ties_max = 1;
    o.perm = 20000;
    o.seed = 7;
    CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, &o, &r), ES_OK);
    CU_ASSERT_EQUAL(r.method, ES_MW_PERMUTATION);
    double p1 = r.p_value;
    CU_ASSERT_TRUE(fabs(p1 - want[0]) < 0.015);
    CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, &o, &r), ES_OK);
    CU_ASSERT_EQUAL(r.p_value, p1);
    free(x);
    free(y);
}

/* Order statistics of the differences by selection against R's
 * sort(outer(x, y, "-")) (tests/reference/compare_effect.R, R 4.2.2): HL, 1st,
 * 1000th and last difference. */
static void test_hl_selection(void)
{
    const char *sets[3] = {"large", "heavy", "offset"};
    const double want[3][4] = {
        {0.0068405058088153552, -0.52851888037225148, -0.23647962182766458, 0.58837094056993122},
        {-0.099999999999999978, -4.7000000000000002, -3.1999999999999997, 6},
        {-0.18650000006891787, -4.9729999999981374, -1.1720000000204891, 3.8279999999795109}};
    for (int k = 0; k < 3; k++) {
        double *x = NULL, *y = NULL;
        size_t n1 = 0, n2 = 0;
        CU_ASSERT_EQUAL_FATAL(es_test_read_xy(sets[k], &x, &n1, &y, &n2), 0);
        double hl;
        CU_ASSERT_EQUAL(es_hodges_lehmann(x, n1, y, n2, &hl), ES_OK);
        ES_ASSERT_REL(hl, want[k][0], 1e-15);
        /* the selection needs sorted copies */
        double *xs = malloc(n1 * sizeof *xs), *ys = malloc(n2 * sizeof *ys);
        memcpy(xs, x, n1 * sizeof *xs);
        memcpy(ys, y, n2 * sizeof *ys);
        for (size_t i = 1; i < n1; i++)
            for (size_t j = i; j > 0 && xs[j - 1] > xs[j]; j--) {
                double t = xs[j];
                xs[j] = xs[j - 1];
                xs[j - 1] = t;
            }
        for (size_t i = 1; i < n2; i++)
            for (size_t j = i; j > 0 && ys[j - 1] > ys[j]; j--) {
                double t = ys[j];
                ys[j] = ys[j - 1];
                ys[j - 1] = t;
            }
        double v;
        CU_ASSERT_EQUAL(es_diff_select_sorted(xs, n1, ys, n2, 1, &v), ES_OK);
        ES_ASSERT_REL(v, want[k][1], 0);
        CU_ASSERT_EQUAL(es_diff_select_sorted(xs, n1, ys, n2, 1000, &v), ES_OK);
        ES_ASSERT_REL(v, want[k][2], 0);
        CU_ASSERT_EQUAL(es_diff_select_sorted(xs, n1, ys, n2, (unsigned long long)n1 * n2, &v), ES_OK);
        ES_ASSERT_REL(v, want[k][3], 0);
        CU_ASSERT_EQUAL(es_diff_select_sorted(xs, n1, ys, n2, 0, &v), ES_EINVAL);
        CU_ASSERT_EQUAL(es_diff_select_sorted(xs, n1, ys, n2, (unsigned long long)n1 * n2 + 1, &v), ES_EINVAL);
        /* the same value through the test's hl field */
        es_mw_result r;
        CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, NULL, &r), ES_OK);
        ES_ASSERT_REL(r.hl, want[k][0], 1e-15);
        free(xs);
        free(ys);
        free(x);
        free(y);
    }
}

/* Large groups: the selection must not need n1*n2 memory.  x_i = i, y_j = j + 0.5
 * for 200000 values each: the differences i - j - 0.5 have median -0.5 and k-th
 * smallest values known in closed form (exact by construction). */
static void test_hl_large(void)
{
    size_t n = 200000;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    CU_ASSERT_PTR_NOT_NULL_FATAL(x);
    CU_ASSERT_PTR_NOT_NULL_FATAL(y);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i;
        y[i] = (double)i + 0.5;
    }
    double v;
    /* Differences are d = k - 0.5 for k = -(n-1)..(n-1), with multiplicity n - |k|;
     * the smallest is -(n - 1) - 0.5; the median of the symmetric set is -0.5. */
    CU_ASSERT_EQUAL(es_diff_select_sorted(x, n, y, n, 1, &v), ES_OK);
    ES_ASSERT_REL(v, -(double)(n - 1) - 0.5, 0);
    CU_ASSERT_EQUAL(es_diff_select_sorted(x, n, y, n, 2, &v), ES_OK);
    ES_ASSERT_REL(v, -(double)(n - 2) - 0.5, 0);
    CU_ASSERT_EQUAL(es_hodges_lehmann(x, n, y, n, &v), ES_OK);
    ES_ASSERT_REL(v, -0.5, 0);
    free(x);
    free(y);
}

/* Cliff's delta, SE, CI and AUC against the dominance-matrix formulas evaluated in R
 * 4.2.2 (tests/reference/compare_effect.R). */
static void test_cliff(void)
{
    const char *sets[3] = {"small", "tied", "heavy"};
    const double want[3][5] = {
        {0.11363636363636363, 0.30778467304054907, -0.43352012430149145, 0.59957413754008948, 0.55681818181818177},
        {-0.59259259259259256, 0.19556355840169967, -0.84617499664390161, -0.12019319035022784, 0.20370370370370369},
        {-0.089407142857142852, 0.04206462405923473, -0.17096508470286495, -0.0066323081761251604,
         0.45529642857142855}};
    for (int k = 0; k < 3; k++) {
        double *x = NULL, *y = NULL;
        size_t n1 = 0, n2 = 0;
        CU_ASSERT_EQUAL_FATAL(es_test_read_xy(sets[k], &x, &n1, &y, &n2), 0);
        es_mw_result r;
        CU_ASSERT_EQUAL(es_mw_test(x, n1, y, n2, NULL, &r), ES_OK);
        ES_ASSERT_REL(r.cliff_delta, want[k][0], 1e-12);
        ES_ASSERT_REL(r.cliff_se, want[k][1], 1e-10);
        ES_ASSERT_REL(r.cliff_ci_low, want[k][2], 1e-10);
        ES_ASSERT_REL(r.cliff_ci_high, want[k][3], 1e-10);
        ES_ASSERT_REL(r.auc, want[k][4], 1e-12);
        ES_ASSERT_REL(r.auc_ci_low, (1 + want[k][2]) / 2, 1e-10);
        free(x);
        free(y);
    }
}

/* pwilcox/qwilcox against R 4.2.2 (tests/reference/compare_effect.R):
 * pwilcox(10,4,6) = 0.38095238095238093; pwilcox(30,7,9,lower=FALSE) =
 * 0.54090909090909089; qwilcox(0.025,20,30) = 201; qwilcox(0.9,12,5) = 42;
 * pwilcox(200,40,45) = 1.0783753985152494e-11. */
static void test_pq_wilcox(void)
{
    ES_ASSERT_REL(es_pwilcox(10, 4, 6, 1), 0.38095238095238093, 1e-13);
    ES_ASSERT_REL(es_pwilcox(30, 7, 9, 0), 0.54090909090909089, 1e-13);
    ES_ASSERT_REL(es_qwilcox(0.025, 20, 30), 201, 0);
    ES_ASSERT_REL(es_qwilcox(0.9, 12, 5), 42, 0);
    ES_ASSERT_REL(es_pwilcox(200, 40, 45, 1), 1.0783753985152494e-11, 1e-10);
    CU_ASSERT_TRUE(isnan(es_pwilcox(3, 0, 5, 1)));
    CU_ASSERT_EQUAL(es_qwilcox(1.5, 3, 5), -1);
}

/* Edge cases: empty groups, NaN dropped, all values tied, groups of one. */
static void test_edges(void)
{
    es_mw_result r;
    double a[4] = {1, 2, NAN, 3}, b[3] = {NAN, NAN, NAN}, t[5] = {2, 2, 2, 2, 2};
    CU_ASSERT_EQUAL(es_mw_test(a, 4, b, 3, NULL, &r), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_mw_test(a, 4, b, 0, NULL, &r), ES_EEMPTY);
    /* NaN is dropped: same as c(1,2,3) vs c(2,2,2,2,2); all-tied pooled data would be
     * degenerate, here ties give R's normal approximation. */
    CU_ASSERT_EQUAL(es_mw_test(a, 4, t, 5, NULL, &r), ES_OK);
    CU_ASSERT_EQUAL(r.n1, 3);
    CU_ASSERT_EQUAL(r.method, ES_MW_NORMAL);
    /* All tied: the variance is zero, so the normal p is NaN (R: NaN) and the exact
     * conditional p is 1; the estimate is undefined. */
    CU_ASSERT_EQUAL(es_mw_test(t, 2, t + 2, 3, NULL, &r), ES_OK);
    CU_ASSERT_TRUE(isnan(r.p_value));
    CU_ASSERT_TRUE(isnan(r.z));
    CU_ASSERT_TRUE(isnan(r.ci_low));
    ES_ASSERT_REL(r.cliff_delta, 0, 0);
    es_mw_opts o;
    es_mw_opts_default(&o);
    /* One-sided and all tied: no p and no bound either (R 4.2.2's wilcox.test(conf.int =
     * TRUE) stops for every alternative: tests/reference/compare_issue16.R); the lower
     * bound was the end of the range, 0. */
    for (int side = 0; side < 2; side++) {
        o.alt = side ? ES_ALT_LESS : ES_ALT_GREATER;
        CU_ASSERT_EQUAL(es_mw_test(t, 2, t + 2, 3, &o, &r), ES_OK);
        CU_ASSERT_TRUE(isnan(r.p_value));
        CU_ASSERT_TRUE(isnan(r.ci_low) && isnan(r.ci_high));
    }
    o.alt = ES_ALT_TWO_SIDED;
    o.exact = 1;
    CU_ASSERT_EQUAL(es_mw_test(t, 2, t + 2, 3, &o, &r), ES_OK);
    ES_ASSERT_REL(r.p_value, 1, 0);
    /* One value each, no ties: exact p = 1 two-sided (W = 1 of 0..1; R: 1). */
    double one = 1, two = 2;
    CU_ASSERT_EQUAL(es_mw_test(&two, 1, &one, 1, NULL, &r), ES_OK);
    ES_ASSERT_REL(r.w, 1, 0);
    ES_ASSERT_REL(r.p_value, 1, 0);
    CU_ASSERT_TRUE(isnan(r.cliff_se));
    o.conf_level = 1.5;
    CU_ASSERT_EQUAL(es_mw_test(&two, 1, &one, 1, &o, &r), ES_EINVAL);
    /* Complete separation: delta = -1, s = 0 and Cliff's interval is 0/0 (R 4.2.2 gives
     * NaN: tests/reference/compare_issue16.R), not the zero-width [-1, -1]. */
    double lo4[4] = {0.01, 0.02, 0.03, 0.04}, hi4[4] = {0.1, 0.2, 0.3, 0.4};
    CU_ASSERT_EQUAL(es_mw_test(lo4, 4, hi4, 4, NULL, &r), ES_OK);
    ES_ASSERT_REL(r.cliff_delta, -1, 0);
    CU_ASSERT_TRUE(isnan(r.cliff_ci_low) && isnan(r.cliff_ci_high));
    CU_ASSERT_TRUE(isnan(r.auc_ci_low) && isnan(r.auc_ci_high));
}

/* Noether's formula against R 4.2.2 (last line of tests/reference/compare_effect.R):
 * 261.62932447830281 and 229.57563256015777; the power simulation at the null (pools
 * equal: rejection rate near alpha) and far from it (power 1). */
static void test_power(void)
{
    ES_ASSERT_REL(es_noether_n(0.6, 0.05, 0.8, 0.5, 1), 261.62932447830281, 1e-12);
    ES_ASSERT_REL(es_noether_n(0.35, 0.01, 0.9, 0.3, 0), 229.57563256015777, 1e-12);
    CU_ASSERT_TRUE(isnan(es_noether_n(0.5, 0.05, 0.8, 0.5, 1)));
    CU_ASSERT_TRUE(isnan(es_noether_n(0.6, 0.05, 1.2, 0.5, 1)));
    double pool[500];
    for (int i = 0; i < 500; i++)
        pool[i] = exp(-3 + 0.01 * (i % 97) + 0.001 * i);
    es_power_sim_opts so = {ES_ALT_TWO_SIDED, 0.05, 2000, 11};
    double pw;
    CU_ASSERT_EQUAL(es_power_mw_sim(pool, 500, 1.0, pool, 500, 30, 30, &so, &pw), ES_OK);
    /* 2000 studies: binomial SE of the rate at 0.05 is 0.0049 */
    CU_ASSERT_TRUE(pw > 0.03 && pw < 0.07);
    CU_ASSERT_EQUAL(es_power_mw_sim(pool, 500, 10.0, pool, 500, 30, 30, &so, &pw), ES_OK);
    ES_ASSERT_REL(pw, 1, 0);
    CU_ASSERT_EQUAL(es_power_mw_sim(pool, 0, 1.0, pool, 500, 30, 30, &so, &pw), ES_EEMPTY);
}

/* Identical groups: R 4.2.2 wilcox.test(x, x, conf.int = TRUE) gives W = 8, p = 1,
 * estimate 0, and t.test(x, x) t = 0, p = 1 (tests/reference/compare_effect.R, last
 * lines). */
static void test_identical(void)
{
    const double x[4] = {0.031, 0.052, 0.044, 0.067};
    es_mw_result r;
    CU_ASSERT_EQUAL(es_mw_test(x, 4, x, 4, NULL, &r), ES_OK);
    ES_ASSERT_REL(r.w, 8, 0);
    ES_ASSERT_REL(r.p_value, 1, 0);
    ES_ASSERT_REL(r.estimate, 0, 1e-12);
    ES_ASSERT_REL(r.cliff_delta, 0, 0);
    ES_ASSERT_REL(r.hl, 0, 0);
    es_t_result t;
    CU_ASSERT_EQUAL(es_welch_t(x, 4, x, 4, ES_ALT_TWO_SIDED, 0.95, &t), ES_OK);
    ES_ASSERT_REL(t.t, 0, 0);
    ES_ASSERT_REL(t.p_value, 1, 1e-15);
    ES_ASSERT_REL(t.g, 0, 0);
}

int es_suite_mann_whitney(void)
{
    CU_pSuite s = CU_add_suite("mann_whitney", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "wilcox.test table (R 4.2.2)", test_against_r_table) ||
        !CU_add_test(s, "exact conditional p with ties", test_exact_ties) ||
        !CU_add_test(s, "HL by selection vs sort(outer())", test_hl_selection) ||
        !CU_add_test(s, "HL selection on 200000 x 200000", test_hl_large) ||
        !CU_add_test(s, "Cliff's delta and AUC", test_cliff) || !CU_add_test(s, "pwilcox/qwilcox", test_pq_wilcox) ||
        !CU_add_test(s, "edge cases", test_edges) || !CU_add_test(s, "Noether and power simulation", test_power) ||
        !CU_add_test(s, "identical groups", test_identical))
        return -1;
    return 0;
}
