/* test_shape.c — es_shape_run, the shape of log10 ER against log10 followers, against
 * R 4.2.2: tests/reference/shape.R (lm with I(x^2), the hinge pmax(x - k, 0) at the knot
 * of least RSS on the same grid, splines::ns(x, df = 4); sandwich::vcovHC type HC3) on
 * the bundled tests/data/engagestat-sim-v1.csv.gz (account units) and on the synthetic files
 * it writes, tests/data/shape-{rising,u,flattening}.csv (the names in quotes below are
 * its output lines). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/buf.h"
#include "engagestat/results.h"
#include "testutil.h"

#define SIM "tests/data/engagestat-sim-v1.csv.gz"

static const char *const MODELS[4] = {"linear", "quadratic", "piecewise linear", "natural spline"};

/* es_shape_run with o on ts; NULL (after a failed assertion) when it fails. */
static es_results *run(es_test_study *ts, const es_shape_opts *o)
{
    es_results *res = es_study_results(&ts->s, "regress");
    es_err err = {0};
    int rc = es_shape_run(&ts->s, o, res, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    if (rc != ES_OK) {
        fprintf(stderr, "es_shape_run: %s\n", err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_results_free(res);
        return NULL;
    }
    return res;
}

/* The group's rows of "shape" against R: n, loglik, AIC, BIC of the four models (1e-8
 * relative), df 3..6, delta AIC and the LR statistics recomputed from R's logliks, and
 * the hinge's knot (the same grid point: its 10 digits in the note). */
static void check_group(const es_results *res, const char *group, double n, const double ll[4], const double aic[4],
                        const double bic[4], double knot)
{
    const es_rtable *t = es_results_find_table(res, "shape");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    double amin = fmin(fmin(aic[0], aic[1]), fmin(aic[2], aic[3]));
    for (int k = 0; k < 4; k++) {
        size_t r = es_test_find_row(t, "group", group, "model", MODELS[k]);
        CU_ASSERT_TRUE_FATAL(r != SIZE_MAX);
        ES_ASSERT_REL(es_rtable_num(t, r, "n"), n, 0);
        ES_ASSERT_REL(es_rtable_num(t, r, "df"), 3 + k, 0);
        ES_ASSERT_REL(es_rtable_num(t, r, "loglik"), ll[k], 1e-8);
        ES_ASSERT_REL(es_rtable_num(t, r, "aic"), aic[k], 1e-8);
        ES_ASSERT_REL(es_rtable_num(t, r, "bic"), bic[k], 1e-8);
        ES_ASSERT_REL(es_rtable_num(t, r, "delta_aic"), aic[k] - amin, 1e-6);
        if (k == 0) {
            CU_ASSERT_EQUAL(es_rtable_cell(t, r, "lr_vs_linear")->type, ES_CELL_NULL);
        } else {
            ES_ASSERT_REL(es_rtable_num(t, r, "lr_vs_linear"), 2 * (ll[k] - ll[0]), 1e-6);
            ES_ASSERT_REL(es_rtable_num(t, r, "lr_df"), k == 1 ? 1 : k, 0);
        }
    }
    size_t rh = es_test_find_row(t, "group", group, "model", "piecewise linear");
    char want[64];
    snprintf(want, sizeof want, "(log10 %.10g)", knot);
    CU_ASSERT_PTR_NOT_NULL(strstr(es_test_cell_str(t, rh, "note"), want));
}

static const char *verdict_of(const es_results *res, const char *group)
{
    const es_rtable *v = es_results_find_table(res, "shape_verdict");
    return es_test_cell_str(v, es_test_find_row(v, "group", group, NULL, NULL), "verdict");
}

static void test_shape_sim(void)
{
    if (es_test_skip_under_valgrind("four shape models on 50,000 accounts, a hinge grid among them: minutes under valgrind"))
        return;
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&ts, SIM, NULL, NULL, 0), 0);
    es_shape_opts o;
    es_shape_opts_init(&o);
    es_results *res = run(&ts, &o);
    if (res == NULL)
        goto out;
    /* "sim_loglik", "sim_aic", "sim_bic", "sim_knot" */
    static const double ll[4] = {-28155.113359581061, -28153.835334737607, -28153.939470144673, -28152.680574652662};
    static const double aic[4] = {56316.226719162121, 56315.670669475214, 56317.878940289345, 56317.361149305325};
    static const double bic[4] = {56342.685874009949, 56350.949542605653, 56361.977531702396, 56370.279459000987};
    check_group(res, "overall", 49997, ll, aic, bic, 5.2635484908438404);
    /* --threads 1 finds the same knot and fits. */
    es_shape_opts o1 = o;
    o1.common.threads = 1;
    es_results *r1 = run(&ts, &o1);
    if (r1 != NULL)
        check_group(r1, "overall", 49997, ll, aic, bic, 5.2635484908438404);
    es_results_free(r1);
    /* "sim_instagram_*", "sim_tiktok_*" */
    static const double li[4] = {-19732.245804735787, -19731.756840799004, -19731.543318986536, -19730.367639944445};
    static const double ai[4] = {39470.491609471574, 39471.513681598008, 39473.086637973072, 39472.73527988889};
    static const double bi[4] = {39496.085497146938, 39505.638865165158, 39515.743117432008, 39523.923055239618};
    check_group(res, "platform=instagram", 37470, li, ai, bi, 5.2616184869580174);
    static const double lt[4] = {-6636.7019925781233, -6636.220563949144, -6636.0446956152455, -6636.1724127936322};
    static const double at[4] = {13279.403985156247, 13280.441127898288, 13282.089391230491, 13284.344825587264};
    static const double bt[4] = {13301.710909937779, 13310.183694273665, 13319.267599199711, 13328.95867515033};
    check_group(res, "platform=tiktok", 12527, lt, at, bt, 4.7188840788399862);
    /* No curved model beats the linear one by 2 in AIC: "linear", everywhere. */
    CU_ASSERT_STRING_EQUAL(verdict_of(res, "overall"), "linear");
    CU_ASSERT_STRING_EQUAL(verdict_of(res, "platform=instagram"), "linear");
    CU_ASSERT_STRING_EQUAL(verdict_of(res, "platform=tiktok"), "linear");
    /* "sim_ratio": each model's micro/mega contrast with its HC3 t interval. */
    static const double ratio[4][3] = {{1.8871569300120123, 1.8449863095558927, 1.9302914390457566},
                                       {1.9400740784660233, 1.8655243843573108, 2.0176029118121019},
                                       {1.9460342173114118, 1.8630829772536863, 2.0326787487099542},
                                       {1.9371771181649582, 1.8570599627453031, 2.0207506824897132}};
    const es_rtable *c = es_results_find_table(res, "shape_contrast");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    for (int k = 0; k < 4; k++) {
        size_t r = es_test_find_row(c, "group", "overall", "model", MODELS[k]);
        CU_ASSERT_TRUE_FATAL(r != SIZE_MAX);
        ES_ASSERT_REL(es_rtable_num(c, r, "ratio"), ratio[k][0], 1e-8);
        ES_ASSERT_REL(es_rtable_num(c, r, "ci_low"), ratio[k][1], 1e-8);
        ES_ASSERT_REL(es_rtable_num(c, r, "ci_high"), ratio[k][2], 1e-8);
    }
    /* The curve: 100 points per model and group, from the smallest to the largest
     * followers, the linear one 10^(b0 + b1 x) (regress_models.R's "m1_coef"). */
    const es_rtable *cv = es_results_find_table(res, "shape_curve");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cv);
    CU_ASSERT_EQUAL(cv->n_rows, 3 * 4 * 100);
    size_t r0 = es_test_find_row(cv, "group", "overall", "model", "linear");
    double f0 = es_rtable_num(cv, r0, "followers");
    ES_ASSERT_REL(es_rtable_num(cv, r0, "median_er"), pow(10, -0.88243415988371232 - 0.13775525619707674 * log10(f0)),
                  1e-10);
    CU_ASSERT_TRUE(es_rtable_num(cv, r0 + 99, "followers") > es_rtable_num(cv, r0, "followers"));
    es_results_free(res);
    /* Without by_platform: the overall group only. */
    o.by_platform = 0;
    o.ratio_num = NULL;
    res = run(&ts, &o);
    if (res) {
        CU_ASSERT_EQUAL(es_results_find_table(res, "shape")->n_rows, 4);
        CU_ASSERT_PTR_NULL(es_results_find_table(res, "shape_contrast"));
        es_results_free(res);
    }
out:
    es_test_study_close(&ts);
}

/* The synthetic files: engagement that rises (flat, then up), a U and a flattening decline. */
static void test_shape_synthetic(void)
{
    struct {
        const char *file, *verdict;
        double ll[4], aic[4], bic[4], knot;
    } cases[] = {
        /* "rising_*" */
        {"shape-rising.csv", "rising",
         {241.96163045713098, 321.01007271906934, 323.63199052584412, 324.78729834812316},
         {-477.92326091426196, -634.02014543813868, -637.26398105168823, -637.57459669624632},
         {-465.948867272938, -618.0542872497067, -617.30665831614829, -613.6258094135984}, 5.0737268214847173},
        /* "u_*" */
        {"shape-u.csv", "U-shaped",
         {124.42507927880931, 351.96351896444355, 328.83796275194157, 353.22240901739184},
         {-242.85015855761861, -695.9270379288871, -647.67592550388315, -694.44481803478368},
         {-230.87576491629466, -679.96117974045512, -627.7186027683432, -670.49603075213577}, 5.2457616259215722},
        /* "flattening_*" */
        {"shape-flattening.csv", "flattening",
         {316.15740441525719, 366.68809121926074, 360.70589005223542, 366.97195533753921},
         {-626.31480883051438, -725.37618243852148, -711.41178010447084, -721.94391067507843},
         {-614.34041518919048, -709.4103242500895, -691.45445736893089, -697.99512339243051}, 4.7481528524825638},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        es_test_study ts;
        CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, cases[i].file, "likes/followers", NULL, 0), 0);
        es_shape_opts o;
        es_shape_opts_init(&o);
        es_results *res = run(&ts, &o);
        if (res) {
            check_group(res, "overall", 400, cases[i].ll, cases[i].aic, cases[i].bic, cases[i].knot);
            const char *v = verdict_of(res, "overall");
            CU_ASSERT_PTR_NOT_NULL_FATAL(v);
            if (strcmp(v, cases[i].verdict) != 0)
                fprintf(stderr, "%s: verdict %s, want %s\n", cases[i].file, v, cases[i].verdict);
            CU_ASSERT_STRING_EQUAL(v, cases[i].verdict);
            const es_rtable *t = es_results_find_table(res, "shape_verdict");
            const char *ev = es_test_cell_str(t, 0, "evidence");
            CU_ASSERT_PTR_NOT_NULL(strstr(ev, "AIC linear"));
            if (strcmp(cases[i].verdict, "U-shaped") == 0) /* the minimum, near the true 10^5 */
                CU_ASSERT_PTR_NOT_NULL(strstr(ev, "a minimum at"));
            es_results_free(res);
        }
        es_test_study_close(&ts);
    }
}

/* A group below min_n is not fitted, and says so; options that do not fit. */
static void test_shape_errors(void)
{
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, "shape-u.csv", "likes/followers", NULL, 0), 0);
    es_shape_opts o;
    es_shape_opts_init(&o);
    o.common.min_n = 500;
    es_results *res = run(&ts, &o);
    if (res) {
        CU_ASSERT_STRING_EQUAL(verdict_of(res, "overall"), "too few units");
        CU_ASSERT_EQUAL(es_results_find_table(res, "shape")->n_rows, 0);
        CU_ASSERT_TRUE(res->n_warnings > 0);
        es_results_free(res);
    }
    struct {
        const char *vcov, *num, *den;
        long grid;
        int df, rc;
        const char *msg;
    } cases[] = {
        {"HC9", "micro", "mega", 50, 4, ES_EINVAL, "--vcov 'HC9'"},
        {NULL, "micro", "micro", 50, 4, ES_EINVAL, "the two bands must differ"},
        {NULL, "micro", "giga", 50, 4, ES_EINVAL, "no band named 'giga'"},
        {NULL, "micro", "mega", 1, 4, ES_EINVAL, "knot grid 1"},
        {NULL, "micro", "mega", 50, 11, ES_EINVAL, "spline df 11"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        es_shape_opts_init(&o);
        o.vcov = cases[i].vcov;
        o.ratio_num = cases[i].num;
        o.ratio_den = cases[i].den;
        o.knot_grid = cases[i].grid;
        o.spline_df = cases[i].df;
        res = es_study_results(&ts.s, "regress");
        es_err err = {0};
        CU_ASSERT_EQUAL(es_shape_run(&ts.s, &o, res, &err), cases[i].rc);
        CU_ASSERT_TRUE(err.msg && strstr(err.msg, cases[i].msg) != NULL);
        CU_ASSERT_EQUAL(res->n_tables, 0);
        es_err_clear(&err);
        es_results_free(res);
    }
    es_test_study_close(&ts);
    /* Most accounts at the largest follower count: the spline's interior knots fall on
     * its boundary knot, so it is left out with a note; the other models are fitted. */
    es_buf ties = {0};
    es_buf_puts(&ties, "account,followers,likes\n");
    for (int i = 0; i < 40; i++)
        es_buf_printf(&ties, "t%d,%d,%d\n", i, i < 30 ? 900000 : 1000 * (i + 1), 500 + (i * 37) % 101);
    const char *tp = es_test_tmpfile(ties.data, ties.len);
    es_buf_free(&ties);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tp);
    es_test_study t3;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&t3, tp, "likes/followers", NULL, 0), 0);
    es_shape_opts_init(&o);
    res = run(&t3, &o);
    if (res) {
        const es_rtable *t = es_results_find_table(res, "shape");
        size_t r = es_test_find_row(t, "group", "overall", "model", "natural spline");
        CU_ASSERT_PTR_NOT_NULL(strstr(es_test_cell_str(t, r, "note"), "not fitted: an interior knot"));
        CU_ASSERT_EQUAL(es_rtable_cell(t, r, "aic")->type, ES_CELL_NULL);
        r = es_test_find_row(t, "group", "overall", "model", "quadratic");
        CU_ASSERT_TRUE(isfinite(es_rtable_num(t, r, "aic")));
        es_results_free(res);
    }
    es_test_study_close(&t3);
    remove(tp);
    /* CR1 without an account column; no unit with a positive ER. */
    static const char *const files[2] = {"followers,likes\n1000,10\n2000,30\n5000,20\n",
                                         "account,followers,likes\na,1000,0\nb,2000,0\n"};
    for (int f = 0; f < 2; f++) {
        const char *path = es_test_tmpfile(files[f], strlen(files[f]));
        CU_ASSERT_PTR_NOT_NULL_FATAL(path);
        es_test_study t2;
        CU_ASSERT_EQUAL_FATAL(es_test_study_open_path(&t2, path, "likes/followers", NULL, 0), 0);
        es_shape_opts_init(&o);
        o.vcov = f ? NULL : "CR1";
        res = es_study_results(&t2.s, "regress");
        es_err err = {0};
        CU_ASSERT_EQUAL(es_shape_run(&t2.s, &o, res, &err), ES_EDOM);
        CU_ASSERT_TRUE(err.msg && strstr(err.msg, f ? "no unit has a positive ER" : "needs an account column"));
        es_err_clear(&err);
        es_results_free(res);
        es_test_study_close(&t2);
        remove(path);
    }
    es_test_study_close(&ts);
}

int es_suite_shape(void)
{
    CU_pSuite s = CU_add_suite("analysis: shape of the decline", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "four shape models on the bundled dataset vs R 4.2.2 (lm, ns, hinge grid, HC3)", test_shape_sim) ||
        !CU_add_test(s, "rising, U-shaped and flattening synthetic files: fits vs R and the verdicts",
                     test_shape_synthetic) ||
        !CU_add_test(s, "too few units; options that do not fit", test_shape_errors))
        return -1;
    return 0;
}
