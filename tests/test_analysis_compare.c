/* test_analysis_compare.c — es_compare_run, the compare analysis through its library
 * entry point.  Expected numbers: R 4.2.2, tests/reference/compare_cli.R on
 * tests/data/accounts-r.csv (12 significant digits: wilcox.test, t.test on log ER,
 * kruskal.test, anova(lm), oneway.test, Dunn's z from its formula with p.adjust). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

/* R printed 12 significant digits. */
#define R12 1e-10

/* A study on tests/data/NAME (a failed assertion when it cannot be opened). */
static int open_study(es_test_study *ts, const char *name, const char *er, int unit_post)
{
    if (es_test_study_open(ts, name, er, NULL, unit_post) == 0)
        return 0;
    CU_FAIL(name);
    return -1;
}

static int open_accounts(es_test_study *ts)
{
    return open_study(ts, "accounts-r.csv", NULL, 0);
}

/* The row of table t whose column col holds the string s (and, when col2 is not NULL,
 * whose col2 holds s2); -1 when none. */
static long find_row(const es_rtable *t, const char *col, const char *s, const char *col2, const char *s2)
{
    for (size_t r = 0; t && r < t->n_rows; r++) {
        const es_cell *c = es_rtable_cell(t, r, col);
        const es_cell *c2 = col2 ? es_rtable_cell(t, r, col2) : NULL;
        if (c && c->type == ES_CELL_STR && strcmp(c->str, s) == 0 &&
            (col2 == NULL || (c2 && c2->type == ES_CELL_STR && strcmp(c2->str, s2) == 0)))
            return (long)r;
    }
    return -1;
}

static int cell_is(const es_rtable *t, long r, const char *col, const char *want)
{
    const es_cell *c = r >= 0 ? es_rtable_cell(t, (size_t)r, col) : NULL;
    return c && c->type == ES_CELL_STR && strcmp(c->str, want) == 0;
}

/* es_compare_run on accounts-r.csv with opts o; NULL after a failed assertion. */
static es_results *run(es_test_study *ts, const es_compare_opts *o)
{
    es_results *res = es_study_results(&ts->s, "compare");
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    es_err err = {0};
    int rc = es_compare_run(&ts->s, o, res, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    es_err_clear(&err);
    if (rc != ES_OK) {
        es_results_free(res);
        return NULL;
    }
    return res;
}

/* Micro vs mega and the omnibus tests over all five bands (min_n 7 lets macro's 7
 * accounts in): wilcox.test, t.test(log), kruskal.test, anova(lm), oneway.test. */
static void test_compare_vs_r(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    es_compare_opts o;
    es_compare_opts_init(&o);
    o.common.boot = 0;
    o.common.min_n = 7;
    o.perm = 99;
    es_results *res = run(&ts, &o);
    if (res == NULL) {
        es_test_study_close(&ts);
        return;
    }
    const es_rtable *t = es_results_find_table(res, "pairwise");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    long r = find_row(t, "test", "mann_whitney", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    CU_ASSERT_TRUE(cell_is(t, r, "method", "exact"));
    CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_a"), 25);
    CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_b"), 31);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 572, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.00200363177937, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "estimate"), 0.0109679114012, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_low"), 0.00438720003279, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_high"), 0.0195117266058, R12);
    r = find_row(t, "test", "welch_t", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 3.69605156166, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df"), 50.1138391603, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.000542715954997, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "estimate"), 0.505187914888, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_low"), 0.230667209428, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_high"), 0.779708620349, R12);

    t = es_results_find_table(res, "omnibus");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    r = find_row(t, "test", "kruskal_wallis", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_accounts"), 120);
    CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "k"), 5);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 10.2416568465, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df"), 4, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.0365479211018, R12);
    CU_ASSERT_EQUAL(es_rtable_cell(t, (size_t)r, "note")->type, ES_CELL_NULL);
    r = find_row(t, "test", "anova", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 2.96674587483, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df2"), 115, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.0225059698738, R12);
    r = find_row(t, "test", "welch_anova", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 3.98245246653, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df2"), 33.7397956003, R12);
    ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.00941060605, R12);
    CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_accounts"), 120);
    t = es_results_find_table(res, "dunn");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->n_rows, 10);
    es_results_free(res);
    es_test_study_close(&ts);
}

/* The default min_n 10 leaves macro (7 accounts) out of the omnibus tests and Dunn's
 * pairs, which then equal R on the other four bands; the note and warning name it. */
static void test_compare_min_n_omnibus(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    es_compare_opts o;
    es_compare_opts_init(&o);
    CU_ASSERT_EQUAL(o.common.min_n, 10);
    o.common.boot = 0;
    o.perm = 99;
    es_results *res = run(&ts, &o);
    if (res == NULL) {
        es_test_study_close(&ts);
        return;
    }
    int min_n_set = 0;
    for (size_t j = 0; j < res->n_settings; j++)
        if (strcmp(res->settings[j].name, "min_n") == 0)
            min_n_set = res->settings[j].value.type == ES_CELL_INT && res->settings[j].value.i == 10;
    CU_ASSERT_TRUE(min_n_set);
    const es_rtable *t = es_results_find_table(res, "omnibus");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    static const struct {
        const char *test;
        double stat, df, df2, p;
    } want[] = {
        {"kruskal_wallis", 10.1783931632, 3, NAN, 0.0171090354189},
        {"anova", 3.8676382184, 3, 109, 0.0113223717735},
        {"welch_anova", 5.40575604789, 3, 55.9848019111, 0.00244765001266},
    };
    for (size_t j = 0; j < 3; j++) {
        long r = find_row(t, "test", want[j].test, NULL, NULL);
        CU_ASSERT_TRUE_FATAL(r >= 0);
        CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_accounts"), 113);
        CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "k"), 4);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), want[j].stat, R12);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df"), want[j].df, R12);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "df2"), want[j].df2, R12);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), want[j].p, R12);
        CU_ASSERT_TRUE(cell_is(t, r, "note", "left out, fewer than min_n 10 units: macro (n = 7)"));
    }
    int warned = 0;
    for (size_t w = 0; w < res->n_warnings; w++)
        warned |= strstr(res->warnings[w], "macro (n = 7)") != NULL;
    CU_ASSERT_TRUE(warned);
    /* The bands table still lists every band. */
    t = es_results_find_table(res, "bands");
    CU_ASSERT_TRUE(t && t->n_rows == 5 && find_row(t, "band", "macro", NULL, NULL) == 3);
    /* Dunn's pairs over the four bands: R's z, p and Holm-adjusted p. */
    t = es_results_find_table(res, "dunn");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->n_rows, 6);
    CU_ASSERT_EQUAL(find_row(t, "band_a", "macro", NULL, NULL), -1);
    CU_ASSERT_EQUAL(find_row(t, "band_b", "macro", NULL, NULL), -1);
    static const struct {
        const char *a, *b;
        double z, p, padj;
    } dw[] = {
        {"nano", "micro", -0.117126149435, 0.906760088098, 0.906760088098},
        {"nano", "mid", 1.1254201153, 0.260411051103, 0.580723534717},
        {"nano", "mega", 2.57770527843, 0.00994587867007, 0.0497293933503},
        {"micro", "mid", 1.30007719888, 0.193574511572, 0.580723534717},
        {"micro", "mega", 2.80060031102, 0.00510076517837, 0.0306045910702},
        {"mid", "mega", 1.67203786808, 0.094516855071, 0.378067420284},
    };
    for (size_t j = 0; j < 6; j++) {
        long r = find_row(t, "band_a", dw[j].a, "band_b", dw[j].b);
        CU_ASSERT_TRUE_FATAL(r >= 0);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), dw[j].z, R12);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), dw[j].p, R12);
        ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_adjusted"), dw[j].padj, R12);
    }
    es_results_free(res);
    es_test_study_close(&ts);
}

/* nano (22) vs macro (7): below min_n 10 the rows stay, with their point estimates, but
 * without test, p-value or interval, and with the note; with min_n 7 the test equals
 * R's wilcox.test(nano, macro, conf.int = TRUE). */
static void test_compare_min_n_pair(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    double hl[2] = {NAN, NAN};
    for (int pass = 0; pass < 2; pass++) {
        es_compare_opts o;
        es_compare_opts_init(&o);
        o.group_a = "nano";
        o.group_b = "macro";
        o.common.boot = 200;
        o.perm = 99;
        if (pass)
            o.common.min_n = 7;
        es_results *res = run(&ts, &o);
        if (res == NULL)
            break;
        const es_rtable *t = es_results_find_table(res, "pairwise");
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->n_rows, 4);
        static const char *const tests[] = {"mann_whitney", "welch_t", "permutation_median", "permutation_mean"};
        for (size_t j = 0; j < 4; j++) {
            long r = find_row(t, "test", tests[j], NULL, NULL);
            CU_ASSERT_TRUE_FATAL(r >= 0);
            CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_b"), 7);
            CU_ASSERT_TRUE(isfinite(es_rtable_num(t, (size_t)r, "estimate")));
            if (pass == 0) {
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "statistic")));
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "p_value")));
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "p_adjusted")));
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "ci_low")));
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "effect_ci_low")));
                CU_ASSERT_TRUE(cell_is(t, r, "note", "n = 7 < min_n 10: no test"));
            } else {
                double p = es_rtable_num(t, (size_t)r, "p_value");
                CU_ASSERT_TRUE(p > 0 && p <= 1);
            }
        }
        long r = find_row(t, "test", "mann_whitney", NULL, NULL);
        hl[pass] = es_rtable_num(t, (size_t)r, "estimate");
        if (pass) {
            ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "statistic"), 88, R12);
            ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "p_value"), 0.600480528966, R12);
            ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_low"), -0.0105553689447, R12);
            ES_ASSERT_REL(es_rtable_num(t, (size_t)r, "ci_high"), 0.0357835172226, R12);
        }
        /* Effects: estimates stay, intervals go, the method column carries the note. */
        t = es_results_find_table(res, "effects");
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->n_rows, 6);
        for (size_t e = 0; e < t->n_rows; e++) {
            CU_ASSERT_TRUE(isfinite(es_rtable_num(t, e, "estimate")));
            if (pass == 0) {
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, e, "ci_low")) && isnan(es_rtable_num(t, e, "ci_high")));
                CU_ASSERT_TRUE(cell_is(t, (long)e, "method", "n = 7 < min_n 10: no interval"));
            } else {
                CU_ASSERT_TRUE(es_rtable_num(t, e, "ci_low") < es_rtable_num(t, e, "ci_high"));
            }
        }
        es_results_free(res);
    }
    ES_ASSERT_REL(hl[0], 0.00580925334406, R12); /* R's estimate, also without the test */
    ES_ASSERT_REL(hl[1], hl[0], 0);
    es_test_study_close(&ts);
}

/* Post units: the minimum n counts accounts, not posts.  In reg_posts.csv each
 * platform's nano posts come from one account (3 and 6 posts): with min_n 2 they get
 * the note for n = 1; micro (4 accounts) vs macro (2) on tiktok keeps its tests. */
static void test_compare_min_n_posts(void)
{
    es_test_study ts;
    if (open_study(&ts, "reg_posts.csv", "likes/followers", 1) != 0)
        return;
    for (int pass = 0; pass < 2; pass++) {
        es_compare_opts o;
        es_compare_opts_init(&o);
        o.group_a = pass ? "micro" : "nano";
        o.group_b = pass ? "macro" : "micro";
        o.by = ES_ROLE_PLATFORM;
        o.common.boot = 0;
        o.common.min_n = 2;
        o.perm = 99;
        es_results *res = run(&ts, &o);
        if (res == NULL)
            break;
        const es_rtable *t = es_results_find_table(res, "pairwise");
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->n_rows, 8);
        long r = find_row(t, "test", "mann_whitney", "platform", pass ? "tiktok" : "instagram");
        CU_ASSERT_TRUE_FATAL(r >= 0);
        if (pass == 0) {
            CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_a"), 6); /* posts */
            CU_ASSERT_TRUE(cell_is(t, r, "note", "n = 1 < min_n 2: no test"));
            CU_ASSERT_TRUE(isnan(es_rtable_num(t, (size_t)r, "p_value")));
        } else {
            CU_ASSERT_EQUAL(es_rtable_num(t, (size_t)r, "n_b"), 13); /* posts of macro's 2 accounts */
            CU_ASSERT_TRUE(es_rtable_num(t, (size_t)r, "p_value") > 0);
            CU_ASSERT_EQUAL(es_rtable_cell(t, (size_t)r, "note")->type, ES_CELL_NULL);
        }
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* Options that do not fit the data: ES_EINVAL with the command line's message for a
 * band the scheme lacks and for the same band twice; ES_EDOM for --by niche on a file
 * without niches.  No table is made. */
static void test_compare_errors(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    static const struct {
        const char *a, *b;
        es_role by;
        int rc;
        const char *msg;
    } cases[] = {
        {"micro", "giga", ES_ROLE_NONE, ES_EINVAL, "--groups micro,giga: no band named 'giga' in --bands hypeauditor (its bands: nano, micro, mid, macro, mega); name two of them with --groups A,B"},
        {"giga", "mega", ES_ROLE_NONE, ES_EINVAL, "--groups giga,mega: no band named 'giga' in --bands hypeauditor (its bands: nano, micro, mid, macro, mega); name two of them with --groups A,B"},
        {"micro", "micro", ES_ROLE_NONE, ES_EINVAL, "--groups micro,micro: the two bands must differ"},
        {"micro", "mega", ES_ROLE_NICHE, ES_EDOM,
         "--by niche: the file has no niche column (use --map niche=COLUMN)"},
        {"micro", "mega", ES_ROLE_PLATFORM, ES_EDOM,
         "--by platform: the file has no platform column (use --map platform=COLUMN)"},
    };
    for (size_t j = 0; j < sizeof cases / sizeof *cases; j++) {
        es_compare_opts o;
        es_compare_opts_init(&o);
        o.group_a = cases[j].a;
        o.group_b = cases[j].b;
        o.by = cases[j].by;
        es_results *res = es_study_results(&ts.s, "compare");
        CU_ASSERT_PTR_NOT_NULL_FATAL(res);
        es_err err = {0};
        CU_ASSERT_EQUAL(es_compare_run(&ts.s, &o, res, &err), cases[j].rc);
        CU_ASSERT_TRUE(err.msg && strcmp(err.msg, cases[j].msg) == 0);
        CU_ASSERT_EQUAL(res->n_tables, 0);
        es_err_clear(&err);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

int es_suite_analysis_compare(void)
{
    CU_pSuite s = CU_add_suite("analysis: compare", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "es_compare_run vs R 4.2.2", test_compare_vs_r) ||
        !CU_add_test(s, "minimum n: omnibus and Dunn leave small bands out", test_compare_min_n_omnibus) ||
        !CU_add_test(s, "minimum n: a small pair keeps estimates, loses tests", test_compare_min_n_pair) ||
        !CU_add_test(s, "minimum n counts accounts for post units", test_compare_min_n_posts) ||
        !CU_add_test(s, "options that do not fit the data", test_compare_errors))
        return -1;
    return 0;
}
