/* test_kruskal.c — Kruskal-Wallis and Dunn's test.  Expected values: R 4.2.2 via
 * tests/reference/compare_groups.R (run `Rscript tests/reference/compare_mw.R &&
 * Rscript tests/reference/compare_groups.R` from the repository root), which writes
 * tests/data/cmp_k_expected.csv (kruskal.test H, df, p; H/(n-1)) and
 * tests/data/cmp_dunn_expected.csv (Dunn z and two-sided p from the formula, and
 * p.adjust over the pairs with holm, BH and bonferroni). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "testutil.h"

static void test_kw_table(void)
{
    FILE *f = fopen(es_test_data("cmp_k_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[2048];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char set[32];
        double h, df, p, e2;
        if (sscanf(line, "%31[^,],%lf,%lf,%lf,%lf", set, &h, &df, &p, &e2) != 5) {
            CU_FAIL("unparsable row");
            continue;
        }
        double *g[ES_TEST_MAXG];
        size_t n[ES_TEST_MAXG];
        size_t k = es_test_read_groups(set, g, n);
        es_kw_result r;
        CU_ASSERT_EQUAL(es_kw_test((const double *const *)g, n, k, &r), ES_OK);
        ES_ASSERT_REL(r.h, h, 1e-10);
        ES_ASSERT_REL(r.df, df, 0);
        ES_ASSERT_REL(r.p_value, p, 1e-10);
        ES_ASSERT_REL(r.epsilon2, e2, 1e-10);
        ES_ASSERT_REL(exp(r.log_p_value), p, 1e-10);
        es_test_free_groups(g);
        rows++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 4);
}

static void test_dunn_table(void)
{
    FILE *f = fopen(es_test_data("cmp_dunn_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    int rows = 0;
    char cur[64] = "";
    es_dunn_pair pairs[64];
    size_t np = 0;
    while (fgets(line, sizeof line, f)) {
        char set[32], adj[16];
        int a, b;
        double z, p, pa;
        if (sscanf(line, "%31[^,],%15[^,],%d,%d,%lf,%lf,%lf", set, adj, &a, &b, &z, &p, &pa) != 7) {
            CU_FAIL("unparsable row");
            continue;
        }
        char key[64];
        snprintf(key, sizeof key, "%s/%s", set, adj);
        if (strcmp(key, cur) != 0) {
            double *g[ES_TEST_MAXG];
            size_t n[ES_TEST_MAXG];
            size_t k = es_test_read_groups(set, g, n);
            CU_ASSERT_EQUAL(es_dunn_test((const double *const *)g, n, k, (es_adjust_method)es_adjust_from_name(adj),
                                         pairs),
                            ES_OK);
            np = k * (k - 1) / 2;
            es_test_free_groups(g);
            strcpy(cur, key);
        }
        int found = 0;
        for (size_t q = 0; q < np; q++)
            if ((int)pairs[q].a == a && (int)pairs[q].b == b) {
                ES_ASSERT_REL(pairs[q].z, z, 1e-10);
                ES_ASSERT_REL(pairs[q].p_value, p, 1e-10);
                ES_ASSERT_REL(pairs[q].p_adjusted, pa, 1e-10);
                found = 1;
            }
        CU_ASSERT_TRUE(found);
        rows++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 51);
}

/* Edge cases: one group, all values tied (R: H = NaN), empty group skipped. */
static void test_edges(void)
{
    double a[3] = {1, 1, 1}, b[2] = {1, 1}, c[3] = {1, 2, NAN};
    const double *g[3] = {a, b, c};
    size_t n[3] = {3, 2, 3}, n0[3] = {3, 0, 3};
    es_kw_result r;
    CU_ASSERT_EQUAL(es_kw_test(g, n, 1, &r), ES_EDOM);
    CU_ASSERT_EQUAL(es_kw_test(g, n, 2, &r), ES_OK);
    CU_ASSERT_TRUE(isnan(r.h));
    CU_ASSERT_TRUE(isnan(r.p_value));
    /* Empty group skipped, NaN dropped: kruskal.test(list(c(1,1,1), c(1,2))) in
     * R 4.2.2 gives H = 1.5, df = 1, p = 0.22067136191985 (last line of
     * tests/reference/compare_groups.R). */
    CU_ASSERT_EQUAL(es_kw_test(g, n0, 3, &r), ES_OK);
    CU_ASSERT_EQUAL(r.k, 2);
    CU_ASSERT_EQUAL(r.n, 5);
    ES_ASSERT_REL(r.h, 1.5, 1e-12);
    ES_ASSERT_REL(r.p_value, 0.22067136191985, 1e-13);
    es_dunn_pair d[3];
    CU_ASSERT_EQUAL(es_dunn_test(g, n0, 3, ES_ADJ_HOLM, d), ES_OK);
    CU_ASSERT_TRUE(isnan(d[0].z)); /* pair (0,1): group 1 empty */
    CU_ASSERT_TRUE(isnan(d[0].p_adjusted));
    CU_ASSERT_FALSE(isnan(d[1].z));
}

int es_suite_kruskal(void)
{
    CU_pSuite s = CU_add_suite("kruskal", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "kruskal.test table (R 4.2.2)", test_kw_table) ||
        !CU_add_test(s, "Dunn pairs and p.adjust (R 4.2.2)", test_dunn_table) ||
        !CU_add_test(s, "edge cases", test_edges))
        return -1;
    return 0;
}
