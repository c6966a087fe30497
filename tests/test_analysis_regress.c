/* test_analysis_regress.c — es_regress_run, the regress analysis through its library
 * entry point, against R 4.2.2: tests/reference/regress_cli.R (accounts-r.csv, HC3),
 * tests/reference/regress_run.R (the band contrast, the first bin, post units of
 * reg_posts.csv with covariates and CR1, its account units with a column as covariate)
 * and tests/reference/regress_glmnb.R (the NB2 count model on reg_posts.csv). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

/* es_test_study_open, failing the test when the file cannot be opened. */
static int open_study(es_test_study *ts, const char *name, const char *er, int unit_post)
{
    int rc = es_test_study_open(ts, name, er, NULL, unit_post);
    CU_ASSERT_EQUAL(rc, 0);
    return rc;
}

/* The row of table t whose column col holds s; SIZE_MAX when none. */
static size_t find_row(const es_rtable *t, const char *col, const char *s)
{
    for (size_t r = 0; t && r < t->n_rows; r++) {
        const es_cell *c = es_rtable_cell(t, r, col);
        if (c && c->type == ES_CELL_STR && strcmp(c->str, s) == 0)
            return r;
    }
    return SIZE_MAX;
}

static const es_cell *find_named(const es_named *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i].value;
    return NULL;
}

/* A value as a number: NaN when absent or missing. */
static double value_num(const es_results *res, const char *name)
{
    const es_cell *c = find_named(res->values, res->n_values, name);
    return c == NULL ? NAN : c->type == ES_CELL_NUM ? c->num : c->type == ES_CELL_INT ? (double)c->i : NAN;
}

/* The estimate and se of each term in table t against R, to relative tol. */
static void check_coefs(const es_rtable *t, const char *const *terms, const double *coef, const double *se, size_t n,
                        double tol)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    for (size_t j = 0; j < n; j++) {
        size_t r = find_row(t, "term", terms[j]);
        CU_ASSERT_TRUE_FATAL(r != SIZE_MAX);
        ES_ASSERT_REL(es_rtable_num(t, r, "estimate"), coef[j], tol);
        ES_ASSERT_REL(es_rtable_num(t, r, "se"), se[j], tol);
    }
}

/* es_regress_run on ts with o; the results (caller frees) or NULL after a failed assert. */
static es_results *run(es_test_study *ts, const es_regress_opts *o)
{
    es_results *res = es_study_results(&ts->s, "regress");
    es_err err = {0};
    int rc = es_regress_run(&ts->s, o, res, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK) {
        fprintf(stderr, "es_regress_run: %s\n", err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_results_free(res);
        return NULL;
    }
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    return res;
}

/* accounts-r.csv, account units: lm(log10(er) ~ log10(followers)) with HC3 errors
 * (regress_cli.R, 10 significant digits). */
static void test_regress_vs_r(void)
{
    es_test_study ts;
    if (open_study(&ts, "accounts-r.csv", NULL, 0) != 0)
        return;
    es_regress_opts o;
    es_regress_opts_init(&o);
    es_results *res = run(&ts, &o);
    if (res == NULL)
        goto out;
    const es_rtable *t = es_results_find_table(res, "coefficients");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t r0 = find_row(t, "term", "(Intercept)"), r1 = find_row(t, "term", "log10(followers)");
    CU_ASSERT_TRUE_FATAL(r0 != SIZE_MAX && r1 != SIZE_MAX);
    ES_ASSERT_REL(es_rtable_num(t, r0, "estimate"), -1.190893484, 1e-9);
    ES_ASSERT_REL(es_rtable_num(t, r0, "se"), 0.1239238841, 1e-9);
    ES_ASSERT_REL(es_rtable_num(t, r1, "estimate"), -0.07423637988, 1e-9);
    ES_ASSERT_REL(es_rtable_num(t, r1, "se"), 0.02324730037, 1e-9);
    ES_ASSERT_REL(value_num(res, "elasticity"), -0.07423637988, 1e-9);
    CU_ASSERT_EQUAL(value_num(res, "n"), 120);
    const es_cell *vc = find_named(res->settings, res->n_settings, "vcov");
    CU_ASSERT_TRUE(vc && vc->type == ES_CELL_STR && strcmp(vc->str, "HC3") == 0);
    const es_cell *mn = find_named(res->settings, res->n_settings, "min_n");
    CU_ASSERT_TRUE(mn && mn->type == ES_CELL_INT && mn->i == 10);
    /* micro/mega at the bands' median followers (regress_run.R "micro_mega"). */
    ES_ASSERT_REL(value_num(res, "ratio_micro_over_mega"), 1.4701723268986064, 1e-9);
    ES_ASSERT_REL(value_num(res, "ratio_micro_over_mega_ci_low"), 1.1576537323105613, 1e-9);
    ES_ASSERT_REL(value_num(res, "ratio_micro_over_mega_ci_high"), 1.8670580074617915, 1e-9);
    es_results_free(res);
out:
    es_test_study_close(&ts);
}

/* The minimum n: macro has 7 accounts, the first follower bin 9 (regress_run.R), so
 * with the default min_n 10 the nano/macro contrast and bin 1's interval are missing
 * with a note; with min_n 7 both are there. */
static void test_regress_min_n(void)
{
    es_test_study ts;
    if (open_study(&ts, "accounts-r.csv", NULL, 0) != 0)
        return;
    for (int pass = 0; pass < 2; pass++) {
        es_regress_opts o;
        es_regress_opts_init(&o);
        o.ratio_num = "nano";
        o.ratio_den = "macro";
        if (pass)
            o.common.min_n = 7;
        es_results *res = run(&ts, &o);
        if (res == NULL)
            break;
        const es_rtable *p = es_results_find_table(res, "predictions");
        size_t r = find_row(p, "quantity", "ratio_nano_over_macro");
        size_t rm = find_row(p, "quantity", "median_er_at_macro_median");
        CU_ASSERT_TRUE_FATAL(r != SIZE_MAX && rm != SIZE_MAX);
        const es_cell *note = es_rtable_cell(p, r, "note");
        const es_rtable *b = es_results_find_table(res, "bins");
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_EQUAL(es_rtable_num(b, 0, "n"), 9);
        ES_ASSERT_REL(es_rtable_num(b, 0, "median"), 0.024577572964669739, 1e-12);
        const es_cell *bnote = es_rtable_cell(b, 0, "note");
        if (pass == 0) {
            CU_ASSERT_TRUE(isnan(es_rtable_num(p, r, "estimate")) && isnan(es_rtable_num(p, r, "ci_low")));
            CU_ASSERT_TRUE(isnan(es_rtable_num(p, rm, "estimate")));
            CU_ASSERT_TRUE(note->type == ES_CELL_STR && strcmp(note->str, "n = 7 < min_n 10: no contrast") == 0);
            CU_ASSERT_TRUE(isnan(value_num(res, "ratio_nano_over_macro")));
            CU_ASSERT_TRUE(isnan(es_rtable_num(b, 0, "ci_low")) && isnan(es_rtable_num(b, 0, "ci_high")));
            CU_ASSERT_TRUE(bnote->type == ES_CELL_STR && strcmp(bnote->str, "n = 9 < min_n 10: no interval") == 0);
        } else {
            /* regress_run.R "nano_macro": ratio, ci_low, ci_high */
            ES_ASSERT_REL(es_rtable_num(p, r, "estimate"), 1.4851972387866619, 1e-9);
            ES_ASSERT_REL(es_rtable_num(p, r, "ci_low"), 1.162133855769153, 1e-9);
            ES_ASSERT_REL(es_rtable_num(p, r, "ci_high"), 1.8980695099357714, 1e-9);
            ES_ASSERT_REL(value_num(res, "ratio_nano_over_macro"), 1.4851972387866619, 1e-9);
            CU_ASSERT_EQUAL(note->type, ES_CELL_NULL);
            CU_ASSERT_TRUE(es_rtable_num(b, 0, "ci_low") <= es_rtable_num(b, 0, "median"));
            CU_ASSERT_TRUE(es_rtable_num(b, 0, "median") <= es_rtable_num(b, 0, "ci_high"));
            CU_ASSERT_EQUAL(bnote->type, ES_CELL_NULL);
        }
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* reg_posts.csv as post units, ER = likes/followers, covariates niche, platform and the
 * sponsored column: the default covariance is CR1 by account (regress_run.R). */
static void test_regress_posts_vs_r(void)
{
    es_test_study ts;
    if (open_study(&ts, "reg_posts.csv", "likes/followers", 1) != 0)
        return;
    static const char *const terms[] = {"log10(followers)", "sponsored"};
    for (int pass = 0; pass < 2; pass++) {
        es_regress_opts o;
        es_regress_opts_init(&o);
        o.covariates = "niche,platform,sponsored";
        if (pass)
            o.vcov = "HC3";
        es_results *res = run(&ts, &o);
        if (res == NULL)
            break;
        const es_rtable *t = es_results_find_table(res, "coefficients");
        /* "posts_coef", "posts_se_cr1", "posts_se_hc3" */
        static const double coef[] = {-0.25858496903920686, 0.02151306053392317};
        static const double se[2][2] = {{0.02142586110823046, 0.073961500380396117},
                                        {0.033521873046863146, 0.073118521339673739}};
        check_coefs(t, terms, coef, se[pass], 2, 1e-9);
        const es_cell *vc = find_named(res->settings, res->n_settings, "vcov");
        CU_ASSERT_TRUE(vc && vc->type == ES_CELL_STR && strcmp(vc->str, pass ? "HC3" : "CR1") == 0);
        /* "posts_r2_sigma" */
        ES_ASSERT_REL(value_num(res, "r2"), 0.54310102224542534, 1e-9);
        ES_ASSERT_REL(value_num(res, "sigma"), 0.27889827292909652, 1e-9);
        CU_ASSERT_EQUAL(value_num(res, "n"), 90);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* reg_posts.csv as account units with a column of the file as covariate (likes: the mean
 * over the account's rows, carried through es_units.unit_of_row) and niche; HC3
 * (regress_run.R "acc_coef", "acc_se_hc3"). */
static void test_regress_column_covariate_vs_r(void)
{
    es_test_study ts;
    if (open_study(&ts, "reg_posts.csv", "likes/followers", 0) != 0)
        return;
    es_regress_opts o;
    es_regress_opts_init(&o);
    o.covariates = "likes,niche";
    es_results *res = run(&ts, &o);
    if (res != NULL) {
        const es_rtable *t = es_results_find_table(res, "coefficients");
        static const char *const terms[] = {"log10(followers)", "likes"};
        static const double coef[] = {-0.31504215050119938, 2.548346265997041e-05};
        static const double se[] = {0.13799491704323097, 5.6359411382644265e-05};
        check_coefs(t, terms, coef, se, 2, 1e-9);
        CU_ASSERT_EQUAL(value_num(res, "n"), 16);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* --count likes on the posts with the sponsored column: MASS::glm.nb(likes ~
 * log(followers) + sponsored + offset(log(followers))) (regress_glmnb.R "nb_coef",
 * "nb_se", "nb_theta"). */
static void test_regress_count_vs_r(void)
{
    es_test_study ts;
    if (open_study(&ts, "reg_posts.csv", "likes/followers", 1) != 0)
        return;
    es_regress_opts o;
    es_regress_opts_init(&o);
    o.covariates = "sponsored";
    o.count = "likes";
    es_results *res = run(&ts, &o);
    if (res != NULL) {
        const es_rtable *t = es_results_find_table(res, "count_model");
        static const char *const terms[] = {"(Intercept)", "log(followers)", "sponsored"};
        static const double coef[] = {-1.7320225156390838, -0.26758965989769584, -0.016985805590584897};
        static const double se[] = {0.42447778055082486, 0.03532803855920405, 0.15561448546758261};
        check_coefs(t, terms, coef, se, 3, 1e-6);
        ES_ASSERT_REL(value_num(res, "count_theta"), 2.1583124263626932, 1e-6);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* The row map es_units_build leaves for regress: every row of posts-small.csv that
 * entered an account unit points at the unit of its account. */
static void test_regress_unit_of_row(void)
{
    es_test_study ts;
    if (open_study(&ts, "posts-small.csv", NULL, 0) != 0)
        return;
    const es_units *u = &ts.units;
    CU_ASSERT_PTR_NOT_NULL_FATAL(u->unit_of_row);
    CU_ASSERT_EQUAL(u->n_rows, ts.table->n_rows);
    const es_column *acc = es_table_role(ts.table, ES_ROLE_ACCOUNT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(acc);
    size_t mapped = 0;
    for (size_t i = 0; i < ts.table->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k == SIZE_MAX)
            continue;
        mapped++;
        CU_ASSERT_TRUE_FATAL(k < u->n);
        CU_ASSERT_EQUAL(u->account[k], acc->codes[i]);
    }
    CU_ASSERT_EQUAL(mapped, u->n_posts_total);
    es_test_study_close(&ts);
}

/* Options that do not fit the data (ES_EINVAL, today's message), data that cannot
 * answer (ES_EDOM); nothing is half-filled. */
static void test_regress_errors(void)
{
    es_test_study ts;
    if (open_study(&ts, "accounts-r.csv", NULL, 0) != 0)
        return;
    struct {
        const char *covariates, *vcov, *count;
        long bins;
        int rc;
        const char *msg;
    } cases[] = {
        {"nope", NULL, NULL, 10, ES_EINVAL, "--covariates: no column 'nope' in tests/data/accounts-r.csv"},
        {NULL, "HC9", NULL, 10, ES_EINVAL, "--vcov 'HC9'"},
        {NULL, NULL, "followers", 10, ES_EINVAL, "--count 'followers'"},
        {NULL, NULL, NULL, 0, ES_EINVAL, "--bins '0'"},
        {NULL, NULL, "shares", 10, ES_EDOM, "--count shares: the file has no shares column"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        es_regress_opts o;
        es_regress_opts_init(&o);
        o.covariates = cases[i].covariates;
        o.vcov = cases[i].vcov;
        o.count = cases[i].count;
        o.bins = cases[i].bins;
        es_results *res = es_study_results(&ts.s, "regress");
        es_err err = {0};
        CU_ASSERT_EQUAL(es_regress_run(&ts.s, &o, res, &err), cases[i].rc);
        CU_ASSERT_TRUE(err.msg && strstr(err.msg, cases[i].msg) != NULL);
        CU_ASSERT_EQUAL(res->n_tables, 0);
        es_err_clear(&err);
        es_results_free(res);
    }
    es_test_study_close(&ts);
    /* CR1 needs accounts: a file without an account column. */
    static const char csv[] = "followers,likes,comments\n1000,10,1\n20000,300,5\n300000,2000,40\n";
    const char *path = es_test_tmpfile(csv, sizeof csv - 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    es_test_study s2;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&s2, path, NULL, NULL, 0), 0);
    es_err err = {0};
    es_regress_opts o;
    es_regress_opts_init(&o);
    o.vcov = "CR1";
    es_results *res = es_study_results(&s2.s, "regress");
    CU_ASSERT_EQUAL(es_regress_run(&s2.s, &o, res, &err), ES_EDOM);
    CU_ASSERT_TRUE(err.msg && strstr(err.msg, "--vcov CR1 needs an account column") != NULL);
    es_err_clear(&err);
    es_results_free(res);
    es_test_study_close(&s2);
    remove(path);
}

int es_suite_analysis_regress(void)
{
    CU_pSuite s = CU_add_suite("analysis: regress", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "es_regress_run vs R 4.2.2 (accounts, HC3)", test_regress_vs_r) ||
        !CU_add_test(s, "minimum n: band contrast and bins", test_regress_min_n) ||
        !CU_add_test(s, "post units with covariates vs R (CR1, HC3)", test_regress_posts_vs_r) ||
        !CU_add_test(s, "a column of the file as covariate, account units, vs R", test_regress_column_covariate_vs_r) ||
        !CU_add_test(s, "count model vs MASS::glm.nb", test_regress_count_vs_r) ||
        !CU_add_test(s, "es_units row map", test_regress_unit_of_row) ||
        !CU_add_test(s, "options that do not fit the data", test_regress_errors))
        return -1;
    return 0;
}
