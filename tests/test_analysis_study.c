/* test_analysis_study.c — one load, several analyses: describe, compare, regress and
 * fit run on the same es_study; none changes the units, and where two analyses report
 * the same quantity (a band's n and median, the number of accounts) they agree with
 * each other and with R 4.2.2 (tests/data/describe-r.csv, from tests/reference/describe.R);
 * and es_inspect_run, the data section of a study. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

/* The row of table t whose column col holds the string want; SIZE_MAX when none. */
static size_t find_row(const es_rtable *t, const char *col, const char *want, const char *col2, const char *want2)
{
    for (size_t r = 0; t && r < t->n_rows; r++) {
        const es_cell *c = es_rtable_cell(t, r, col);
        const es_cell *c2 = col2 ? es_rtable_cell(t, r, col2) : NULL;
        if (c && c->type == ES_CELL_STR && strcmp(c->str, want) == 0 &&
            (col2 == NULL || (c2 && c2->type == ES_CELL_STR && strcmp(c2->str, want2) == 0)))
            return r;
    }
    return SIZE_MAX;
}

static void test_one_load(void)
{
    es_test_study ts;
    if (es_test_study_open(&ts, "accounts-r.csv", NULL, NULL, 0) != 0) {
        CU_FAIL("accounts-r.csv");
        return;
    }
    const es_units *u = ts.s.units;
    double *er0 = malloc(u->n * sizeof *er0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(er0);
    memcpy(er0, u->er, u->n * sizeof *er0);
    es_err err = {0};

    es_describe_opts dop;
    es_describe_opts_init(&dop);
    dop.common.boot = 0;
    es_results *rd = es_study_results(&ts.s, "describe");
    CU_ASSERT_EQUAL_FATAL(es_describe_run(&ts.s, &dop, rd, &err), ES_OK);

    es_compare_opts cop;
    es_compare_opts_init(&cop);
    cop.common.boot = 0;
    es_results *rc = es_study_results(&ts.s, "compare");
    CU_ASSERT_EQUAL_FATAL(es_compare_run(&ts.s, &cop, rc, &err), ES_OK);

    es_regress_opts rop;
    es_regress_opts_init(&rop);
    es_results *rr = es_study_results(&ts.s, "regress");
    CU_ASSERT_EQUAL_FATAL(es_regress_run(&ts.s, &rop, rr, &err), ES_OK);

    es_fit_run_opts fop;
    es_fit_run_opts_init(&fop);
    fop.no_powerlaw = 1;
    es_results *rf = es_study_results(&ts.s, "fit");
    CU_ASSERT_EQUAL_FATAL(es_fit_run(&ts.s, &fop, rf, &err), ES_OK);

    es_results *all[] = {rd, rc, rr, rf};
    for (size_t i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(es_results_status(all[i], NULL), ES_OK);
    /* The units are shared and read-only. */
    CU_ASSERT_EQUAL(memcmp(er0, u->er, u->n * sizeof *er0), 0);

    /* Per band: describe's n and median = compare's bands table = fit's n (R's values). */
    const es_rtable *dt = es_results_find_table(rd, "describe");
    const es_rtable *cb = es_results_find_table(rc, "bands");
    const es_rtable *ft = es_results_find_table(rf, "fits");
    static const char *const bands[] = {"nano", "micro", "mid", "macro", "mega"};
    static const double r_n[] = {22, 25, 35, 7, 31}; /* describe-r.csv, n_accounts */
    for (size_t b = 0; b < 5; b++) {
        size_t i = find_row(dt, "band", bands[b], NULL, NULL), j = find_row(cb, "band", bands[b], NULL, NULL);
        size_t k = find_row(ft, "band", bands[b], "distribution", "lognormal");
        CU_ASSERT_TRUE_FATAL(i != SIZE_MAX && j != SIZE_MAX && k != SIZE_MAX);
        CU_ASSERT_EQUAL(es_rtable_num(dt, i, "n_accounts"), r_n[b]);
        CU_ASSERT_EQUAL(es_rtable_num(cb, j, "n_accounts"), r_n[b]);
        CU_ASSERT_EQUAL(es_rtable_num(ft, k, "n"), r_n[b]);
        CU_ASSERT_EQUAL(es_rtable_num(dt, i, "median"), es_rtable_num(cb, j, "median"));
    }
    /* Every analysis saw the same 120 accounts (describe-r.csv, band all). */
    size_t all_row = find_row(dt, "band", "all", NULL, NULL);
    CU_ASSERT_EQUAL(es_rtable_num(dt, all_row, "n_accounts"), 120);
    for (size_t i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(all[i]->accounts, 120);
    const es_rtable *fit = es_results_find_table(rr, "fit");
    size_t nrow = find_row(fit, "statistic", "n", NULL, NULL);
    CU_ASSERT_TRUE_FATAL(nrow != SIZE_MAX);
    CU_ASSERT_EQUAL(es_rtable_num(fit, nrow, "value"), 120);
    for (size_t i = 0; i < 4; i++)
        es_results_free(all[i]);
    free(er0);
    es_test_study_close(&ts);
}

/* The value named name in r, as a number (NaN when absent or not a number). */
static double value_num(const es_results *r, const char *name)
{
    for (size_t i = 0; i < r->n_values; i++)
        if (strcmp(r->values[i].name, name) == 0)
            return r->values[i].value.type == ES_CELL_NUM ? r->values[i].value.num
                   : r->values[i].value.type == ES_CELL_INT ? (double)r->values[i].value.i : NAN;
    return NAN;
}

/* es_inspect_run on tests/data/posts-small.csv; expected values from the csv module:
 *   python3 -c "import csv,statistics; r=list(csv.DictReader(open('tests/data/posts-small.csv')));
 *   f=[float(x['followers']) for x in r]; print(len(r), len({(x['platform'],x['account']) for x in r}),
 *   min(f), statistics.median(f), max(f))"      ->  11 7 500.0 20000.0 2000000.0 */
static void test_inspect(void)
{
    es_test_study ts;
    if (es_test_study_open(&ts, "posts-small.csv", NULL, NULL, 0) != 0) {
        CU_FAIL("posts-small.csv");
        return;
    }
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_results *r = es_results_alloc("inspect");
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_inspect_run(ts.table, &ts.rep, &lo, r, &err), ES_OK);
    CU_ASSERT_EQUAL(r->rows_kept, 11);
    CU_ASSERT_EQUAL(value_num(r, "accounts"), 7);
    CU_ASSERT_EQUAL(value_num(r, "followers_min"), 500);
    CU_ASSERT_EQUAL(value_num(r, "followers_median"), 20000);
    CU_ASSERT_EQUAL(value_num(r, "followers_max"), 2000000);
    const es_rtable *cols = es_results_find_table(r, "columns");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cols);
    CU_ASSERT_EQUAL(cols->n_rows, 7); /* account,platform,niche,followers,post_id,likes,comments */
    CU_ASSERT_EQUAL(es_rtable_num(cols, 5, "n_missing"), 1); /* likes: f's NA */
    es_results_free(r);
    es_test_study_close(&ts);
}

int es_suite_analysis_study(void)
{
    CU_pSuite s = CU_add_suite("analysis: one study, several analyses", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "describe, compare, regress and fit on one load", test_one_load) ||
        !CU_add_test(s, "es_inspect_run: what the loader saw", test_inspect))
        return -1;
    return 0;
}
