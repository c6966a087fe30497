/* test_analysis_fit.c — es_fit_run, es_fit_values_run and es_fit_column_run, the fit
 * analysis through its library entry points.  Expected values from R 4.2.2:
 * tests/data/fit_expected.csv (Rscript tests/reference/fit.R, on tests/data/fit_*.txt)
 * and tests/data/fit_bands_expected.csv (Rscript tests/reference/fit_bands.R, per band
 * of tests/data/accounts-r.csv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

/* accounts-r.csv (describe.R) as the command line opens it; a failure is a failed test. */
static int open_accounts(es_test_study *ts)
{
    if (es_test_study_open(ts, "accounts-r.csv", NULL, NULL, 0) == 0)
        return 0;
    CU_FAIL("accounts-r.csv");
    return -1;
}

/* Our name of an R distribution name of the reference files. */
static const char *es_r_dist(const char *r)
{
    return strcmp(r, "lnorm") == 0 ? "lognormal" : strcmp(r, "exp") == 0 ? "exponential" : r;
}

/* The row of table t whose column col is val and whose distribution is dist. */
static long es_find_row(const es_rtable *t, const char *col, const char *val, const char *dist, size_t from)
{
    for (size_t r = from; r < t->n_rows; r++) {
        const es_cell *a = es_rtable_cell(t, r, col), *d = es_rtable_cell(t, r, "distribution");
        if (a && a->type == ES_CELL_STR && strcmp(a->str, val) == 0 && d && strcmp(d->str, dist) == 0)
            return (long)r;
    }
    return -1;
}

static const es_cell *es_value(const es_results *res, const char *name)
{
    for (size_t i = 0; i < res->n_values; i++)
        if (strcmp(res->values[i].name, name) == 0)
            return &res->values[i].value;
    return NULL;
}

static const es_cell *es_setting(const es_results *res, const char *name)
{
    for (size_t i = 0; i < res->n_settings; i++)
        if (strcmp(res->settings[i].name, name) == 0)
            return &res->settings[i].value;
    return NULL;
}

/* A line of a reference file: its first two words, then *s at the numbers. */
static int es_ref_line(char *line, char *w1, char *w2, size_t n, char **s)
{
    if (line[0] == '#' || strchr(line, ',') == NULL)
        return 0;
    char *c = strchr(line, ',');
    snprintf(w1, n, "%.*s", (int)(c - line), line);
    char *p = c + 1;
    c = strchr(p, ',');
    if (c == NULL)
        return 0;
    snprintf(w2, n, "%.*s", (int)(c - p), p);
    *s = c + 1;
    return 1;
}

/* es_fit_values_run on the lognormal, gamma and Weibull samples of fit_data.R, with the
 * four families R fitted there: every fits and parameters row against fit_expected.csv
 * (tolerances of test_fit.c), and the ranking and best family against R's AICs. */
static void test_fit_values_vs_r(void)
{
    static const char *const files[] = {"lnorm", "gamma", "weibull"};
    int checked = 0;
    for (size_t fi = 0; fi < 3; fi++) {
        char path[64];
        snprintf(path, sizeof path, "fit_%s.txt", files[fi]);
        double *x;
        size_t n = es_test_read_numbers(es_test_data(path), &x);
        CU_ASSERT_TRUE_FATAL(n > 100);
        es_fit_run_opts o;
        es_fit_run_opts_init(&o);
        o.dists = (1u << ES_DIST_LNORM) | (1u << ES_DIST_GAMMA) | (1u << ES_DIST_WEIBULL) | (1u << ES_DIST_EXP);
        o.no_powerlaw = 1;
        es_results *res = es_results_alloc("fit");
        es_err err = {0};
        CU_ASSERT_EQUAL_FATAL(es_fit_values_run(x, n, files[fi], &o, res, &err), ES_OK);
        CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
        const es_rtable *ft = es_results_find_table(res, "fits"), *pt = es_results_find_table(res, "parameters");
        CU_ASSERT_PTR_NOT_NULL_FATAL(ft);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pt);
        CU_ASSERT_EQUAL(ft->n_rows, 4);
        FILE *f = fopen(es_test_data("fit_expected.csv"), "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        char line[2048], data[32], dist[32], *s;
        double r_aic[4];
        char r_name[4][32];
        int k = 0;
        while (fgets(line, sizeof line, f))
            if (es_ref_line(line, data, dist, sizeof data, &s) && strcmp(data, files[fi]) == 0) {
                double nn = es_test_csv_field(&s), p1 = es_test_csv_field(&s), p2 = es_test_csv_field(&s),
                       se1 = es_test_csv_field(&s), se2 = es_test_csv_field(&s), ll = es_test_csv_field(&s),
                       aic = es_test_csv_field(&s), bic = es_test_csv_field(&s), ks = es_test_csv_field(&s),
                       cvm = es_test_csv_field(&s), ad = es_test_csv_field(&s);
                const char *d = es_r_dist(dist);
                long r = es_find_row(ft, "variable", files[fi], d, 0);
                CU_ASSERT_TRUE_FATAL(r >= 0 && k < 4);
                CU_ASSERT_EQUAL(es_rtable_cell(ft, (size_t)r, "n")->i, (long long)nn);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "loglik"), ll, 1e-9);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "aic"), aic, 1e-9);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "bic"), bic, 1e-9);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "ks"), ks, 1e-6);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "cvm"), cvm, 1e-6);
                ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "ad"), ad, 1e-6);
                long q = es_find_row(pt, "variable", files[fi], d, 0);
                CU_ASSERT_TRUE_FATAL(q >= 0);
                ES_ASSERT_REL(es_rtable_num(pt, (size_t)q, "estimate"), p1, 1e-7);
                ES_ASSERT_REL(es_rtable_num(pt, (size_t)q, "se"), se1, 1e-5);
                if (!isnan(p2)) {
                    ES_ASSERT_REL(es_rtable_num(pt, (size_t)q + 1, "estimate"), p2, 1e-7);
                    ES_ASSERT_REL(es_rtable_num(pt, (size_t)q + 1, "se"), se2, 1e-5);
                }
                /* The rank is the position of R's AIC among R's four. */
                r_aic[k] = aic;
                snprintf(r_name[k], sizeof r_name[k], "%s", d);
                k++;
            }
        fclose(f);
        CU_ASSERT_EQUAL_FATAL(k, 4);
        int best = 0;
        for (int a = 0; a < 4; a++) {
            int rank = 1;
            for (int b = 0; b < 4; b++)
                rank += r_aic[b] < r_aic[a];
            if (rank == 1)
                best = a;
            long r = es_find_row(ft, "variable", files[fi], r_name[a], 0);
            CU_ASSERT_EQUAL(es_rtable_cell(ft, (size_t)r, "rank")->i, rank);
            double r_min = r_aic[0];
            for (int b = 1; b < 4; b++)
                r_min = fmin(r_min, r_aic[b]);
            /* AIC - min AIC: R's AICs to 1e-9 of |AIC| ~ 600 leave ~1e-6 absolute. */
            ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "delta_aic"), r_aic[a] - r_min, rank == 1 ? 1e-6 : 1e-5);
            checked++;
        }
        char name[64];
        snprintf(name, sizeof name, "best_fit_%s", files[fi]);
        const es_cell *v = es_value(res, name);
        CU_ASSERT_TRUE(v && v->type == ES_CELL_STR && strcmp(v->str, r_name[best]) == 0);
        es_results_free(res);
        free(x);
    }
    CU_ASSERT_EQUAL(checked, 12);
}

/* es_fit_run per band of accounts-r.csv against R's closed-form lognormal and
 * exponential MLEs (fit_bands_expected.csv); min_n 7 so that macro (7 accounts) is
 * fitted too. */
static void test_fit_bands_vs_r(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    es_fit_run_opts o;
    es_fit_run_opts_init(&o);
    o.dists = (1u << ES_DIST_LNORM) | (1u << ES_DIST_EXP);
    o.no_powerlaw = 1;
    o.common.min_n = 7;
    es_results *res = es_study_results(&ts.s, "fit");
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_fit_run(&ts.s, &o, res, &err), ES_OK);
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    const es_rtable *ft = es_results_find_table(res, "fits"), *pt = es_results_find_table(res, "parameters");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ft);
    CU_ASSERT_EQUAL(ft->n_rows, 12); /* 5 bands + all, 2 families */
    FILE *f = fopen(es_test_data("fit_bands_expected.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[1024], band[32], dist[32], *s;
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (!es_ref_line(line, band, dist, sizeof band, &s) || strcmp(band, "band") == 0)
            continue;
        double n = es_test_csv_field(&s), p1 = es_test_csv_field(&s), p2 = es_test_csv_field(&s),
               ll = es_test_csv_field(&s), aic = es_test_csv_field(&s), bic = es_test_csv_field(&s),
               ks = es_test_csv_field(&s);
        long r = es_find_row(ft, "band", band, dist, 0), q = es_find_row(pt, "band", band, dist, 0);
        CU_ASSERT_TRUE_FATAL(r >= 0 && q >= 0);
        CU_ASSERT_EQUAL(es_rtable_cell(ft, (size_t)r, "n")->i, (long long)n);
        ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "loglik"), ll, 1e-10);
        ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "aic"), aic, 1e-10);
        ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "bic"), bic, 1e-10);
        ES_ASSERT_REL(es_rtable_num(ft, (size_t)r, "ks"), ks, 1e-10);
        ES_ASSERT_REL(es_rtable_num(pt, (size_t)q, "estimate"), p1, 1e-12);
        if (!isnan(p2))
            ES_ASSERT_REL(es_rtable_num(pt, (size_t)q + 1, "estimate"), p2, 1e-12);
        rows++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(rows, 12);
    es_results_free(res);
    es_test_study_close(&ts);
}

/* The minimum n: macro has 7 accounts (describe-r.csv).  With the default 10 its rows
 * are there with every number missing, the note of es_min_n_note, no rank and no
 * best_fit_macro; min_n is in the settings.  With min_n 7 it is fitted and ranked. */
static void test_fit_min_n(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    for (int pass = 0; pass < 2; pass++) {
        es_fit_run_opts o;
        es_fit_run_opts_init(&o);
        o.no_powerlaw = 1;
        if (pass)
            o.common.min_n = 7;
        es_results *res = es_study_results(&ts.s, "fit");
        es_err err = {0};
        CU_ASSERT_EQUAL_FATAL(es_fit_run(&ts.s, &o, res, &err), ES_OK);
        const es_cell *mn = es_setting(res, "min_n");
        CU_ASSERT_TRUE(mn && mn->type == ES_CELL_INT && mn->i == (pass ? 7 : 10));
        const es_rtable *ft = es_results_find_table(res, "fits"), *pt = es_results_find_table(res, "parameters");
        CU_ASSERT_PTR_NOT_NULL_FATAL(ft);
        int found = 0;
        for (size_t r = 0; r < ft->n_rows; r++) {
            if (strcmp(es_rtable_cell(ft, r, "band")->str, "macro") != 0)
                continue;
            found++;
            const es_cell *note = es_rtable_cell(ft, r, "note"), *rank = es_rtable_cell(ft, r, "rank");
            CU_ASSERT_EQUAL(es_rtable_cell(ft, r, "n")->i, 7);
            if (pass == 0) {
                CU_ASSERT_TRUE(isnan(es_rtable_num(ft, r, "aic")) && isnan(es_rtable_num(ft, r, "loglik")));
                CU_ASSERT_EQUAL(rank->type, ES_CELL_NULL);
                CU_ASSERT_TRUE(note->type == ES_CELL_STR && strcmp(note->str, "n = 7 < min_n 10: no fit") == 0);
            } else {
                CU_ASSERT_TRUE(isfinite(es_rtable_num(ft, r, "aic")));
                CU_ASSERT_EQUAL(rank->type, ES_CELL_INT);
            }
        }
        CU_ASSERT_EQUAL(found, 5);
        long q = es_find_row(pt, "band", "macro", "lognormal", 0);
        CU_ASSERT_TRUE_FATAL(q >= 0);
        CU_ASSERT_EQUAL(isnan(es_rtable_num(pt, (size_t)q, "estimate")), pass == 0);
        CU_ASSERT_EQUAL(es_value(res, "best_fit_macro") == NULL, pass == 0);
        CU_ASSERT_PTR_NOT_NULL(es_value(res, "best_fit_micro")); /* 25 accounts */
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* Exact zeros (fit_beta01.txt: 7 zeros and one 1): lognormal, gamma and Weibull are
 * undefined there, so the exponential is the lowest AIC only of what was left: no best
 * family, a warning naming the undefined ones.  The squeezed beta fit is still R's
 * (fit_expected.csv, row beta01,beta). */
static void test_fit_zeros_no_best(void)
{
    double *x;
    size_t n = es_test_read_numbers(es_test_data("fit_beta01.txt"), &x);
    CU_ASSERT_EQUAL_FATAL(n, 90);
    es_fit_run_opts o;
    es_fit_run_opts_init(&o);
    o.no_powerlaw = 1;
    es_results *res = es_results_alloc("fit");
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_fit_values_run(x, n, "V1", &o, res, &err), ES_OK);
    const es_cell *v = es_value(res, "best_fit_V1");
    CU_ASSERT_TRUE(v != NULL && v->type == ES_CELL_NULL);
    int warned = 0;
    for (size_t i = 0; i < res->n_warnings; i++)
        warned += strstr(res->warnings[i], "no best family: lognormal, gamma, weibull not fitted") != NULL;
    CU_ASSERT_EQUAL(warned, 1);
    const es_rtable *ft = es_results_find_table(res, "fits"), *pt = es_results_find_table(res, "parameters");
    long r = es_find_row(ft, "variable", "V1", "exponential", 0);
    CU_ASSERT_TRUE_FATAL(r >= 0);
    CU_ASSERT_EQUAL(es_rtable_cell(ft, (size_t)r, "rank")->i, 1);
    long q = es_find_row(pt, "variable", "V1", "beta", 0);
    CU_ASSERT_TRUE_FATAL(q >= 0);
    ES_ASSERT_REL(es_rtable_num(pt, (size_t)q, "estimate"), 6.3582211602810212e-01, 1e-7);
    ES_ASSERT_REL(es_rtable_num(pt, (size_t)q + 1, "estimate"), 5.0724899397243943e+00, 1e-7);
    es_results_free(res);
    free(x);
}

/* Options that do not fit the data: --by niche without niches (ES_EDOM, no table), a
 * column that is not there (ES_EINVAL) or not numeric (ES_EDOM), NaN in the values
 * (ES_EINVAL). */
static void test_fit_errors(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0)
        return;
    es_fit_run_opts o;
    es_fit_run_opts_init(&o);
    o.by_niche = 1;
    es_results *res = es_study_results(&ts.s, "fit");
    es_err err = {0};
    CU_ASSERT_EQUAL(es_fit_run(&ts.s, &o, res, &err), ES_EDOM);
    CU_ASSERT_TRUE(err.msg && strstr(err.msg, "no niche column"));
    CU_ASSERT_EQUAL(res->n_tables, 0);
    es_err_clear(&err);
    es_results_free(res);
    es_fit_run_opts_init(&o);
    o.column = "nope";
    res = es_results_alloc("fit");
    CU_ASSERT_EQUAL(es_fit_column_run(ts.table, &o, res, &err), ES_EINVAL);
    CU_ASSERT_TRUE(err.msg && strstr(err.msg, "--column nope: no such column"));
    es_err_clear(&err);
    o.column = "handle";
    CU_ASSERT_EQUAL(es_fit_column_run(ts.table, &o, res, &err), ES_EDOM);
    CU_ASSERT_TRUE(err.msg && strstr(err.msg, "not a numeric column"));
    es_err_clear(&err);
    CU_ASSERT_EQUAL(res->n_tables, 0);
    double x[] = {0.1, NAN, 0.2};
    CU_ASSERT_EQUAL(es_fit_values_run(x, 3, "x", &o, res, &err), ES_EINVAL);
    es_err_clear(&err);
    es_results_free(res);
    /* A numeric column works: followers, power law included. */
    o.column = "followers";
    res = es_results_alloc("fit");
    CU_ASSERT_EQUAL(es_fit_column_run(ts.table, &o, res, &err), ES_OK);
    CU_ASSERT_PTR_NOT_NULL(es_results_find_table(res, "powerlaw"));
    CU_ASSERT_PTR_NOT_NULL(es_value(res, "best_fit_followers"));
    es_results_free(res);
    es_test_study_close(&ts);
}

int es_suite_analysis_fit(void)
{
    CU_pSuite s = CU_add_suite("analysis: fit", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "es_fit_values_run vs R 4.2.2", test_fit_values_vs_r) ||
        !CU_add_test(s, "es_fit_run per band vs R 4.2.2", test_fit_bands_vs_r) ||
        !CU_add_test(s, "minimum n", test_fit_min_n) ||
        !CU_add_test(s, "zeros: no best family", test_fit_zeros_no_best) ||
        !CU_add_test(s, "options that do not fit the data", test_fit_errors))
        return -1;
    return 0;
}
