/* test_welch.c — Welch t, Hedges g, classical and Welch one-way ANOVA.
 * Expected values: R 4.2.2 via tests/reference/compare_groups.R (run
 * `Rscript tests/reference/compare_mw.R && Rscript tests/reference/compare_groups.R`
 * from the repository root), which writes tests/data/cmp_t_expected.csv (t.test and
 * Hedges g) and tests/data/cmp_k_expected.csv (oneway.test, anova(lm)); and the NIST
 * StRD ANOVA certified values read from ../shared/reference/nist-strd/anova, with
 * R's own LREs from ../shared/reference/nist-strd/anchor-lre.md. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "testutil.h"

/* Every row of tests/data/cmp_t_expected.csv: R 4.2.2 t.test(x, y, alternative,
 * conf.level) statistic, df, p, conf.int, estimate; Hedges g and CI from the formula
 * in compare_groups.R.  1e-10 relative. */
static void test_t_table(void)
{
    FILE *f = fopen(es_test_data("cmp_t_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[2048];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char set[32], sc[8], alt[16];
        double conf, w[9];
        if (sscanf(line, "%31[^,],%7[^,],%15[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", set, sc, alt, &conf, &w[0],
                   &w[1], &w[2], &w[3], &w[4], &w[5], &w[6], &w[7], &w[8]) != 13) {
            CU_FAIL("unparsable row");
            continue;
        }
        double *x = NULL, *y = NULL;
        size_t n1 = 0, n2 = 0;
        CU_ASSERT_EQUAL_FATAL(es_test_read_xy(set, &x, &n1, &y, &n2), 0);
        if (strcmp(sc, "log") == 0) {
            for (size_t i = 0; i < n1; i++)
                x[i] = log(x[i]);
            for (size_t i = 0; i < n2; i++)
                y[i] = log(y[i]);
        }
        es_t_result r;
        CU_ASSERT_EQUAL(es_welch_t(x, n1, y, n2, (es_alternative)es_alternative_from_name(alt), conf, &r), ES_OK);
        double got[9] = {r.t, r.df, r.p_value, r.ci_low, r.ci_high, r.estimate, r.g, r.g_ci_low, r.g_ci_high};
        const char *what[9] = {"t", "df", "p", "ci_low", "ci_high", "estimate", "g", "g_low", "g_high"};
        int ok = 1;
        for (int j = 0; j < 9; j++)
            ok &= es_test_rel(got[j], w[j], 1e-10, what[j], __FILE__, __LINE__);
        if (!ok)
            fprintf(stderr, "  row: %s", line);
        CU_ASSERT_TRUE(ok);
        ES_ASSERT_REL(exp(r.log_p_value), r.p_value, 1e-12);
        rows++;
        free(x);
        free(y);
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 54);
}

/* tests/data/cmp_k_expected.csv: oneway.test(var.equal = FALSE / TRUE) and
 * anova(lm(v ~ g)) in R 4.2.2 (compare_groups.R). */
static void test_anova_table(void)
{
    FILE *f = fopen(es_test_data("cmp_k_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[2048];
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char set[32];
        double w[14];
        if (sscanf(line, "%31[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", set, &w[0], &w[1], &w[2],
                   &w[3], &w[4], &w[5], &w[6], &w[7], &w[8], &w[9], &w[10], &w[11], &w[12], &w[13]) != 15) {
            CU_FAIL("unparsable row");
            continue;
        }
        double *g[ES_TEST_MAXG];
        size_t n[ES_TEST_MAXG];
        size_t k = es_test_read_groups(set, g, n);
        CU_ASSERT_TRUE(k >= 2);
        es_welch_anova_result wr;
        CU_ASSERT_EQUAL(es_anova_welch((const double *const *)g, n, k, &wr), ES_OK);
        ES_ASSERT_REL(wr.f, w[4], 1e-10);
        ES_ASSERT_REL(wr.df1, w[5], 1e-12);
        ES_ASSERT_REL(wr.df2, w[6], 1e-10);
        ES_ASSERT_REL(wr.p_value, w[7], 1e-10);
        es_anova_result ar;
        CU_ASSERT_EQUAL(es_anova_oneway((const double *const *)g, n, k, &ar), ES_OK);
        /* R's two routes differ in the last digits (oneway.test vs lm's QR); ours
         * must match both to 1e-10. */
        ES_ASSERT_REL(ar.f, w[8], 1e-10);
        ES_ASSERT_REL(ar.p_value, w[9], 1e-10);
        ES_ASSERT_REL(ar.f, w[10], 1e-10);
        ES_ASSERT_REL(ar.p_value, w[11], 1e-10);
        ES_ASSERT_REL(ar.ss_between, w[12], 1e-10);
        ES_ASSERT_REL(ar.ss_within, w[13], 1e-10);
        es_test_free_groups(g);
        rows++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 4);
}

/* Certified values of one NIST ANOVA file: between/within MS, F, R^2, residual SD. */
typedef struct nist_anova {
    double msb, msw, f, r2, rsd;
} nist_anova;

static int read_nist(const char *path, nist_anova *c, int use_ld, es_anova_result *res)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return -1;
    char line[512];
    int ln = 0;
    size_t k = 0, cap = 20000;
    double *g[16] = {0};
    long double *gl[16] = {0};
    size_t n[16] = {0};
    memset(c, 0, sizeof *c);
    while (fgets(line, sizeof line, fp)) {
        ln++;
        if (ln < 61) {
            double v[4];
            char *p = strstr(line, "Between");
            if (p && sscanf(p, "Between %*s %*d %lf %lf %lf", &v[0], &v[1], &v[2]) == 3) {
                c->msb = v[1];
                c->f = v[2];
            }
            p = strstr(line, "Within");
            if (p && sscanf(p, "Within %*s %*d %lf %lf", &v[0], &v[1]) == 2)
                c->msw = v[1];
            p = strstr(line, "R-Squared");
            if (p && sscanf(p, "R-Squared %lf", &v[0]) == 1)
                c->r2 = v[0];
            p = strstr(line, "Standard Deviation");
            if (p && sscanf(p, "Standard Deviation %lf", &v[0]) == 1)
                c->rsd = v[0];
            continue;
        }
        int lab;
        char num[64];
        if (sscanf(line, "%d %63s", &lab, num) != 2 || lab < 1 || lab > 16)
            continue;
        size_t j = (size_t)lab - 1;
        if (g[j] == NULL) {
            g[j] = malloc(cap * sizeof **g);
            gl[j] = malloc(cap * sizeof **gl);
        }
        /* strtod: what a double-based reader keeps; strtold: 64-bit significand. */
        g[j][n[j]] = strtod(num, NULL);
        gl[j][n[j]] = strtold(num, NULL);
        n[j]++;
        if ((size_t)lab > k)
            k = (size_t)lab;
    }
    fclose(fp);
    int rc = use_ld ? es_anova_oneway_l((const long double *const *)gl, n, k, res)
                    : es_anova_oneway((const double *const *)g, n, k, res);
    for (int i = 0; i < 16; i++) {
        free(g[i]);
        free(gl[i]);
    }
    return rc;
}

/* NIST StRD one-way ANOVA: LRE of between MS, within MS, F, R^2 and residual SD.
 * R 4.2.2's LREs (anchor-lre.md, "One-way ANOVA: LRE R / naive C / E") are the bar
 * for F with long double input; the double-input route must reach E (exact
 * arithmetic on the doubles) minus 0.3 on every statistic. */
static void test_nist_anova(void)
{
    if (es_test_skip_under_valgrind("NIST StRD ANOVA LREs: valgrind emulates long double in double precision"))
        return;
    static const struct {
        const char *name;
        double r_f, e[5]; /* R's LRE for F; E for MSb, MSw, F, R2, rsd */
    } sets[] = {
        {"SiRstv", 13.3, {14.0, 13.1, 13.1, 13.2, 13.4}}, {"SmLs01", 15.0, {15.0, 15.0, 15.0, 15.0, 15.0}},
        {"SmLs02", 14.2, {15.0, 15.0, 15.0, 15.0, 15.0}}, {"SmLs03", 13.3, {15.0, 15.0, 15.0, 15.0, 15.0}},
        {"SmLs04", 10.4, {10.1, 10.3, 10.4, 10.7, 10.6}}, {"SmLs05", 10.2, {9.9, 10.3, 10.2, 10.5, 10.6}},
        {"SmLs06", 10.2, {9.9, 10.3, 10.2, 10.5, 10.6}},  {"SmLs07", 4.6, {4.0, 4.3, 4.4, 4.7, 4.6}},
        {"SmLs08", 2.7, {3.9, 4.3, 4.2, 4.5, 4.6}},       {"SmLs09", 0.2, {3.9, 4.3, 4.2, 4.4, 4.6}},
        {"AtmWtAg", 9.7, {10.2, 10.9, 10.2, 10.3, 11.2}},
    };
    char rel[128];
    fprintf(stderr, "\n  NIST ANOVA LRE (double input: MSb MSw F R2 rsd | long double input: F; R's F)\n");
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        snprintf(rel, sizeof rel, "reference/nist-strd/anova/%s.dat", sets[i].name);
        const char *path = es_test_shared(rel);
        if (path == NULL)
            return;
        nist_anova c;
        es_anova_result r, rl;
        CU_ASSERT_EQUAL_FATAL(read_nist(path, &c, 0, &r), ES_OK);
        CU_ASSERT_EQUAL_FATAL(read_nist(path, &c, 1, &rl), ES_OK);
        double l[5] = {es_test_lre(r.ms_between, c.msb), es_test_lre(r.ms_within, c.msw), es_test_lre(r.f, c.f),
                       es_test_lre(r.r2, c.r2), es_test_lre(r.resid_sd, c.rsd)};
        double lf = es_test_lre(rl.f, c.f);
        fprintf(stderr, "  %-8s %5.1f %5.1f %5.1f %5.1f %5.1f | %5.1f ; R %4.1f\n", sets[i].name, l[0], l[1], l[2],
                l[3], l[4], lf, sets[i].r_f);
        for (int j = 0; j < 5; j++)
            CU_ASSERT_TRUE(l[j] >= sets[i].e[j] - 0.3);
        CU_ASSERT_TRUE(lf >= sets[i].r_f);
        CU_ASSERT_TRUE(lf >= l[2] - 0.3);
    }
}

/* Edge cases: n < 2, constant data, groups of one, too few groups. */
static void test_edges(void)
{
    es_t_result t;
    double a[3] = {1, 2, NAN}, b[3] = {4, 4, 4}, c[2] = {5, 5}, one = 1;
    CU_ASSERT_EQUAL(es_welch_t(a, 3, &one, 1, ES_ALT_TWO_SIDED, 0.95, &t), ES_EDOM);
    CU_ASSERT_EQUAL(es_welch_t(a, 2, a, 0, ES_ALT_TWO_SIDED, 0.95, &t), ES_EDOM);
    CU_ASSERT_EQUAL(es_welch_t(a, 2, a, 2, ES_ALT_TWO_SIDED, 1.0, &t), ES_EINVAL);
    /* Both groups constant: t undefined (R stops), never 0 or Inf. */
    CU_ASSERT_EQUAL(es_welch_t(b, 3, c, 2, ES_ALT_TWO_SIDED, 0.95, &t), ES_OK);
    CU_ASSERT_TRUE(isnan(t.t));
    CU_ASSERT_TRUE(isnan(t.p_value));
    /* NaN dropped: x = {1, 2}. */
    CU_ASSERT_EQUAL(es_welch_t(a, 3, b, 3, ES_ALT_TWO_SIDED, 0.95, &t), ES_OK);
    CU_ASSERT_EQUAL(t.n1, 2);
    ES_ASSERT_REL(t.mean1, 1.5, 0);
    const double *g[3] = {a, b, &one};
    size_t n[3] = {3, 3, 1};
    es_anova_result ar;
    es_welch_anova_result wr;
    CU_ASSERT_EQUAL(es_anova_oneway(g, n, 1, &ar), ES_EDOM);
    CU_ASSERT_EQUAL(es_anova_welch(g, n, 3, &wr), ES_EDOM); /* a group of one */
    CU_ASSERT_EQUAL(es_anova_oneway(g, n, 3, &ar), ES_OK);
    CU_ASSERT_EQUAL(ar.n, 6);
    /* Zero variance in a group: Welch weights are infinite, F is NaN. */
    CU_ASSERT_EQUAL(es_anova_welch(g, n, 2, &wr), ES_OK);
    CU_ASSERT_TRUE(isnan(wr.f));
    /* All within-group SS zero: F undefined. */
    const double *h[2] = {b, c};
    size_t m[2] = {3, 2};
    CU_ASSERT_EQUAL(es_anova_oneway(h, m, 2, &ar), ES_OK);
    CU_ASSERT_TRUE(isnan(ar.f));
}

/* log p below the double range, against R 4.2.2's log.p = TRUE
 * (`Rscript tests/reference/compare_logp.R` prints these lines):
 * pt(40, 1000, lower = FALSE, log = TRUE), pchisq(2000, 3, ...), pf(5000, 2, 300, ...),
 * pnorm(40, ...), and pt(3, 10, ...) where the probability is representable; and
 * pt/qt values for es_tdist_Q and es_tdist_Qinv (lines TQ_*). */
#define LOGP_T -481.8866575635933
#define LOGP_CHISQ -996.42484049733321
#define LOGP_F -530.41750493422887
#define LOGP_Z -804.6084420137538
#define LOGP_T2 -5.0098614668850567
#define TQ_30_150 1.4547423749096266e-65
#define TQ_12_31 1.7389634002098708e-13
#define TQ_M3_60 0.99804171189919422
#define TQINV_0025_33 2.0329110912073034
static void test_log_p(void)
{
    ES_ASSERT_REL(es_log_tdist_Q(40, 1000), LOGP_T, 1e-10);
    ES_ASSERT_REL(es_log_chisq_Q(2000, 3), LOGP_CHISQ, 1e-10);
    ES_ASSERT_REL(es_log_fdist_Q(5000, 2, 300), LOGP_F, 1e-10);
    ES_ASSERT_REL(es_log_ugaussian_Q(40), LOGP_Z, 1e-10);
    ES_ASSERT_REL(es_log_tdist_Q(3, 10), LOGP_T2, 1e-10);
    CU_ASSERT_TRUE(isnan(es_log_tdist_Q(1, -1)));
    /* es_tdist_Q where gsl_cdf_tdist_Q is off by 7e-8 and 3e-8 relative (R's pt and qt
     * in compare_logp.R). */
    ES_ASSERT_REL(es_tdist_Q(30, 150), TQ_30_150, 1e-12);
    ES_ASSERT_REL(es_tdist_Q(12, 31), TQ_12_31, 1e-12);
    ES_ASSERT_REL(es_tdist_Q(-3, 60.5), TQ_M3_60, 1e-14);
    ES_ASSERT_REL(es_tdist_Qinv(0.025, 33.7), TQINV_0025_33, 1e-13);
    CU_ASSERT_TRUE(isnan(es_tdist_Q(1, 0)));
}

int es_suite_welch(void)
{
    CU_pSuite s = CU_add_suite("welch", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "t.test table (R 4.2.2)", test_t_table) ||
        !CU_add_test(s, "oneway.test and anova(lm) (R 4.2.2)", test_anova_table) ||
        !CU_add_test(s, "NIST StRD ANOVA LREs: valgrind emulates long double in double precision", test_nist_anova) || !CU_add_test(s, "edge cases", test_edges) ||
        !CU_add_test(s, "log p-values", test_log_p))
        return -1;
    return 0;
}
