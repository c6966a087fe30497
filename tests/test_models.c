/* test_models.c — es_models_run, the regression models side by side, on the bundled
 * tests/data/engagestat-sim-v1.csv.gz (the bundled dataset before issue 14, the log-linear
 * model; account units) against R 4.2.2:
 * tests/reference/regress_models.R (lm with sandwich::vcovHC type HC3, MASS::glm.nb;
 * the names in quotes below are its output lines). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

#define SIM "tests/data/engagestat-sim-v1.csv.gz"

static double value_num(const es_results *res, const char *name)
{
    for (size_t i = 0; i < res->n_values; i++)
        if (strcmp(res->values[i].name, name) == 0)
            return res->values[i].value.type == ES_CELL_NUM ? res->values[i].value.num : NAN;
    return NAN;
}

static int has_warning(const es_results *res, const char *part)
{
    for (size_t i = 0; i < res->n_warnings; i++)
        if (strstr(res->warnings[i], part))
            return 1;
    return 0;
}

/* es_models_run with o on ts; NULL (after a failed assertion) when it fails. */
static es_results *run(es_test_study *ts, const es_models_opts *o)
{
    es_results *res = es_study_results(&ts->s, "regress");
    es_err err = {0};
    int rc = es_models_run(&ts->s, o, res, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    if (rc != ES_OK) {
        fprintf(stderr, "es_models_run: %s\n", err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_results_free(res);
        return NULL;
    }
    return res;
}

/* The estimate of term in column model of "models", and its SE from "models_long", against
 * R to tol; the SE text below the estimate is R's SE with 4 significant digits. */
static void check_term(const es_results *res, const char *model, const char *term, double coef, double se, double tol)
{
    const es_rtable *t = es_results_find_table(res, "models"), *l = es_results_find_table(res, "models_long");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    size_t re = es_test_find_row(t, "term", term, "stat", "estimate"), rs = es_test_find_row(t, "term", term, "stat", "se");
    size_t rl = es_test_find_row(l, "model", model, "term", term);
    CU_ASSERT_TRUE_FATAL(re != SIZE_MAX && rs == re + 1 && rl != SIZE_MAX);
    ES_ASSERT_REL(es_rtable_num(t, re, model), coef, tol);
    ES_ASSERT_REL(es_rtable_num(l, rl, "estimate"), coef, tol);
    ES_ASSERT_REL(es_rtable_num(l, rl, "se"), se, tol);
    char want[64];
    snprintf(want, sizeof want, "(%.4g)", se);
    const char *got = es_test_cell_str(t, rs, model);
    CU_ASSERT_TRUE(got && strcmp(got, want) == 0);
}

/* The summary row name of "models" in column model against want (NaN: missing). */
static void check_fit(const es_rtable *t, const char *model, const char *name, double want, double tol)
{
    size_t r = es_test_find_row(t, "term", name, NULL, NULL);
    CU_ASSERT_TRUE_FATAL(r != SIZE_MAX);
    if (isnan(want)) {
        CU_ASSERT_EQUAL(es_rtable_cell(t, r, model)->type, ES_CELL_NULL);
    } else {
        ES_ASSERT_REL(es_rtable_num(t, r, model), want, tol);
    }
}

static void test_models_vs_r(void)
{
    if (es_test_skip_under_valgrind("five models on 50,000 accounts, NB2 included: minutes under valgrind"))
        return;
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&ts, SIM, NULL, NULL, 0), 0);
    es_models_opts o;
    es_models_opts_init(&o);
    es_results *res = run(&ts, &o);
    if (res == NULL)
        goto out;
    const char *L = "(1) linear", *Q = "(2) quadratic", *F = "(3) quadratic + FE", *R = "(4) robust (Huber)",
               *N = "(5) NB2 (likes)";
    const char *lf = "log10(followers)", *lq = "log10(followers)^2";
    /* "m1_coef", "m1_se_hc3", ... "m3_se_hc3" */
    check_term(res, L, "(Intercept)", -0.88243415988371232, 0.010899502258155554, 1e-8);
    check_term(res, L, lf, -0.13775525619707674, 0.002501077601512428, 1e-8);
    check_term(res, Q, "(Intercept)", -0.95484309687685986, 0.045692842878881895, 1e-8);
    check_term(res, Q, lf, -0.1046542035576207, 0.020348976907340159, 1e-8);
    check_term(res, Q, lq, -0.0036666477098424889, 0.0022262876241691465, 1e-8);
    check_term(res, F, "(Intercept)", -0.90807891377561389, 0.042948120561830942, 1e-8);
    check_term(res, F, lf, -0.11294810986105504, 0.019106030753130426, 1e-8);
    check_term(res, F, lq, -0.0027591508509383143, 0.0020903269764266817, 1e-8);
    /* "m5_coef", "m5_se": glm.nb's Wald errors */
    check_term(res, N, "(Intercept)", -1.568466592802239, 0.023604958354350624, 1e-8);
    check_term(res, N, "log(followers)", -0.1413437128965101, 0.0023608088721824216, 1e-8);
    const es_rtable *t = es_results_find_table(res, "models");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->n_cols, 7);
    CU_ASSERT_STRING_EQUAL(t->columns[6], N);
    /* "m1_fit" .. "m3_fit", "m5_fit": N, R2, adj. R2, AIC, BIC, log-likelihood */
    static const char *const rows[] = {"N", "R2", "adj. R2", "AIC", "BIC", "log-likelihood"};
    static const double fit[3][6] = {
        {49997, 0.056457291115872485, 0.056438418374420762, 56316.226719162121, 56342.685874009949,
         -28155.113359581061},
        {49997, 0.056505527618015576, 0.056467783309803399, 56315.670669475214, 56350.949542605653,
         -28153.835334737607},
        {49997, 0.18562514322651538, 0.18542963069688023, 48977.625470946165, 49101.101526902705,
         -24474.812735473082}};
    const char *ols[3] = {L, Q, F};
    for (int k = 0; k < 3; k++)
        for (int s = 0; s < 6; s++)
            check_fit(t, ols[k], rows[s], fit[k][s], 1e-8);
    static const double nb[6] = {50000, NAN, NAN, 830242.94537268882, 830269.40470754204, -415118.47268634441};
    for (int s = 0; s < 6; s++)
        check_fit(t, N, rows[s], nb[s], 1e-8);
    check_fit(t, R, "N", 49997, 0);
    check_fit(t, R, "AIC", NAN, 0);
    /* The fixed-effect dummies are in models_long only, stated in the FE rows. */
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *term = es_test_cell_str(t, r, "term");
        CU_ASSERT_TRUE(term && strncmp(term, "niche", 5) != 0 && strncmp(term, "platform", 8) != 0);
    }
    const es_rtable *l = es_results_find_table(res, "models_long");
    CU_ASSERT_TRUE(es_test_find_row(l, "model", F, "term", "platformtiktok") != SIZE_MAX);
    CU_ASSERT_TRUE(es_test_find_row(l, "model", L, "term", "platformtiktok") == SIZE_MAX);
    CU_ASSERT_TRUE(l->supplementary);
    size_t fe = es_test_find_row(t, "term", "Fixed effects: niche", NULL, NULL);
    size_t fp = es_test_find_row(t, "term", "Fixed effects: platform", NULL, NULL);
    size_t se = es_test_find_row(t, "term", "SE type", NULL, NULL);
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, fe, F), "yes");
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, fp, F), "yes");
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, fe, Q), "no");
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, se, L), "HC3");
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, se, N), "model-based (Wald)");
    /* Linear vs quadratic: "lr_quadratic" (LR 2.56, p 0.11: the linear model). */
    const es_rtable *c = es_results_find_table(res, "model_comparison");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    size_t rl = es_test_find_row(c, "comparison", "likelihood-ratio test of the quadratic term", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(rl != SIZE_MAX);
    ES_ASSERT_REL(es_rtable_num(c, rl, "statistic"), 2.5560496869074996, 1e-6);
    ES_ASSERT_REL(es_rtable_num(c, rl, "p_value"), 0.10987281741661344, 1e-6);
    ES_ASSERT_REL(value_num(res, "lr_quadratic_p_value"), 0.10987281741661344, 1e-6);
    size_t rs = es_test_find_row(c, "comparison", "supported by the data", NULL, NULL);
    CU_ASSERT_STRING_EQUAL(es_test_cell_str(c, rs, "model"), L);
    /* The contrasts: "m1_ratio", "m2_ratio" (estimate, HC3 t interval), "direct_ratio". */
    size_t r1 = es_test_find_row(c, "comparison", "ratio micro/mega", "model", L);
    size_t r2 = es_test_find_row(c, "comparison", "ratio micro/mega", "model", Q);
    size_t rd = es_test_find_row(c, "comparison", "ratio micro/mega", "model", "direct ratio of medians");
    CU_ASSERT_TRUE_FATAL(r1 != SIZE_MAX && r2 != SIZE_MAX && rd != SIZE_MAX);
    ES_ASSERT_REL(es_rtable_num(c, r1, "estimate"), 1.8871569300120123, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, r1, "ci_low"), 1.8449863095558927, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, r1, "ci_high"), 1.9302914390457566, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, r2, "estimate"), 1.9400740784660233, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, r2, "ci_low"), 1.8655243843573108, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, r2, "ci_high"), 2.0176029118121019, 1e-8);
    ES_ASSERT_REL(es_rtable_num(c, rd, "estimate"), 2.0007822394634323, 1e-12);
    ES_ASSERT_REL(value_num(res, "ratio_direct"), 2.0007822394634323, 1e-12);
    double lo = es_rtable_num(c, rd, "ci_low"), hi = es_rtable_num(c, rd, "ci_high");
    CU_ASSERT_TRUE(lo < 2.0007822394634323 && 2.0007822394634323 < hi);
    /* 1.887 lies inside the direct interval (1.85, 2.20): the note says so. */
    CU_ASSERT_TRUE(strncmp(es_test_cell_str(c, r1, "note"), lo < 1.887 ? "agrees" : "disagrees", 6) == 0);
    es_results_free(res);
out:
    es_test_study_close(&ts);
}

/* CI mode, fewer models, no contrast; a file without likes, niche or platform: the models
 * it cannot support are left out with a warning. */
static void test_models_options(void)
{
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, "accounts-r.csv", NULL, NULL, 0), 0);
    es_models_opts o;
    es_models_opts_init(&o);
    o.ci = 1;
    o.digits = 6;
    o.with_robust = o.with_count = 0;
    o.ratio_num = NULL;
    es_results *res = run(&ts, &o);
    if (res != NULL) {
        const es_rtable *t = es_results_find_table(res, "models"), *l = es_results_find_table(res, "models_long");
        CU_ASSERT_EQUAL(t->n_cols, 4); /* term, stat, (1), (2): no niche column for (3) */
        CU_ASSERT_TRUE(has_warning(res, "model (3) left out: the file has no niche or platform column"));
        CU_ASSERT_FALSE(has_warning(res, "model (5)"));
        size_t r = es_test_find_row(t, "term", "log10(followers)", "stat", "ci");
        size_t rl = es_test_find_row(l, "model", "(1) linear", "term", "log10(followers)");
        CU_ASSERT_TRUE_FATAL(r != SIZE_MAX && rl != SIZE_MAX);
        char want[96];
        snprintf(want, sizeof want, "[%.6g, %.6g]", es_rtable_num(l, rl, "ci_low"), es_rtable_num(l, rl, "ci_high"));
        CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, r, "(1) linear"), want);
        /* lm on accounts-r.csv (regress_cli.R): slope -0.07423637988 */
        ES_ASSERT_REL(es_rtable_num(l, rl, "estimate"), -0.07423637988, 1e-9);
        const es_rtable *c = es_results_find_table(res, "model_comparison");
        CU_ASSERT_TRUE(es_test_find_row(c, "model", "direct ratio of medians", NULL, NULL) == SIZE_MAX);
        es_results_free(res);
    }
    es_test_study_close(&ts);
    /* No likes, no platform: (5) left out, (3) with niche only. */
    es_buf csv = {0};
    es_buf_puts(&csv, "account,followers,comments,niche\n");
    for (int i = 0; i < 40; i++)
        es_buf_printf(&csv, "a%d,%.0f,%d,%s\n", i, 1000 * pow(1.35, i), 5 + (i * 37) % 23 + i * i, i % 3 ? "x" : "y");
    const char *path = es_test_tmpfile(csv.data, csv.len);
    es_buf_free(&csv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    es_test_study s2;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&s2, path, "comments/followers", NULL, 0), 0);
    es_models_opts_init(&o);
    o.common.boot = 0;
    res = run(&s2, &o);
    if (res != NULL) {
        const es_rtable *t = es_results_find_table(res, "models");
        CU_ASSERT_EQUAL(t->n_cols, 6); /* (1) (2) (3) (4) */
        CU_ASSERT_STRING_EQUAL(t->columns[4], "(3) quadratic + FE");
        CU_ASSERT_STRING_EQUAL(t->columns[5], "(4) robust (Huber)");
        CU_ASSERT_TRUE(has_warning(res, "model (5) left out: the file has no numeric likes column"));
        CU_ASSERT_TRUE(has_warning(res, "model (3): niche fixed effects only"));
        size_t fp = es_test_find_row(t, "term", "Fixed effects: platform", NULL, NULL);
        CU_ASSERT_STRING_EQUAL(es_test_cell_str(t, fp, "(3) quadratic + FE"), "no");
        es_results_free(res);
    }
    es_test_study_close(&s2);
    remove(path);
}

static void test_models_errors(void)
{
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, "accounts-r.csv", NULL, NULL, 0), 0);
    struct {
        const char *vcov, *num, *den;
        int digits, rc;
        const char *msg;
    } cases[] = {
        {"HC9", "micro", "mega", 0, ES_EINVAL, "--vcov 'HC9'"},
        {NULL, "micro", "micro", 0, ES_EINVAL, "the two bands must differ"},
        {NULL, "micro", "giga", 0, ES_EINVAL, "no band named 'giga'"},
        {NULL, "micro", "mega", 18, ES_EINVAL, "digits 18"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        es_models_opts o;
        es_models_opts_init(&o);
        o.vcov = cases[i].vcov;
        o.ratio_num = cases[i].num;
        o.ratio_den = cases[i].den;
        o.digits = cases[i].digits;
        es_results *res = es_study_results(&ts.s, "regress");
        es_err err = {0};
        CU_ASSERT_EQUAL(es_models_run(&ts.s, &o, res, &err), cases[i].rc);
        CU_ASSERT_TRUE(err.msg && strstr(err.msg, cases[i].msg) != NULL);
        CU_ASSERT_EQUAL(res->n_tables, 0);
        es_err_clear(&err);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

int es_suite_models(void)
{
    CU_pSuite s = CU_add_suite("analysis: models side by side", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "models (1)-(5) on the bundled dataset vs R 4.2.2 (lm + HC3, glm.nb)", test_models_vs_r) ||
        !CU_add_test(s, "CI mode, chosen models, models the data cannot support", test_models_options) ||
        !CU_add_test(s, "options that do not fit", test_models_errors))
        return -1;
    return 0;
}
