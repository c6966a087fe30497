/* test_analysis_describe.c — es_describe_run, the describe analysis through its
 * library entry point, against R 4.2.2 (tests/reference/describe.R wrote
 * tests/data/describe-r.csv from tests/data/accounts-r.csv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

static int open_accounts(es_test_study *ts)
{
    return es_test_study_open(ts, "accounts-r.csv", NULL, NULL, 0); /* avg_likes, avg_comments: the likes and comments roles */
}

static void test_describe_vs_r(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0) {
        CU_FAIL("accounts-r.csv");
        return;
    }
    es_describe_opts o;
    es_describe_opts_init(&o);
    o.common.boot = 0;
    es_results *res = es_study_results(&ts.s, "describe");
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_describe_run(&ts.s, &o, res, &err), ES_OK);
    CU_ASSERT_EQUAL(es_results_status(res, NULL), ES_OK);
    const es_rtable *t = es_results_find_table(res, "describe");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    FILE *f = fopen(es_test_data("describe-r.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static const char *const cols[] = {"n_accounts", "n_posts", "mean", "sd", "median", "q25", "q75",
                                       "iqr", "geo_mean", "trim_mean", "mad", "n_zero"};
    char line[1024];
    size_t row = 0;
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char band[32];
        char *p = strchr(line, ',');
        if (p == NULL)
            break;
        snprintf(band, sizeof band, "%.*s", (int)(p - line), line);
        p = strchr(p + 1, ','); /* skip range */
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_TRUE_FATAL(row < t->n_rows);
        const es_cell *b = es_rtable_cell(t, row, "band");
        CU_ASSERT_TRUE(b && b->type == ES_CELL_STR && strcmp(b->str, band) == 0);
        for (size_t j = 0; j < sizeof cols / sizeof *cols; j++) {
            double want = strtod(p + 1, &p);
            ES_ASSERT_REL(es_rtable_num(t, row, cols[j]), want, 1e-10);
        }
        row++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(row, 6);
    CU_ASSERT_EQUAL(t->n_rows, 6);
    es_results_free(res);
    es_test_study_close(&ts);
}

/* The minimum n: macro has 7 accounts in accounts-r.csv (describe-r.csv), so with the
 * default min_n 10 it gets a note and no interval; with min_n 7 it gets one. */
static void test_describe_min_n(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0) {
        CU_FAIL("accounts-r.csv");
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        es_describe_opts o;
        es_describe_opts_init(&o);
        o.common.boot = 0;
        if (pass)
            o.common.min_n = 7;
        es_results *res = es_study_results(&ts.s, "describe");
        es_err err = {0};
        CU_ASSERT_EQUAL_FATAL(es_describe_run(&ts.s, &o, res, &err), ES_OK);
        const es_rtable *t = es_results_find_table(res, "intervals");
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        int found = 0;
        for (size_t r = 0; r < t->n_rows; r++) {
            const es_cell *b = es_rtable_cell(t, r, "band");
            if (strcmp(b->str, "macro") != 0)
                continue;
            found = 1;
            const es_cell *note = es_rtable_cell(t, r, "note");
            if (pass == 0) {
                CU_ASSERT_TRUE(isnan(es_rtable_num(t, r, "ci_low")));
                CU_ASSERT_TRUE(note->type == ES_CELL_STR && strcmp(note->str, "n = 7 < min_n 10: no interval") == 0);
            } else {
                CU_ASSERT_TRUE(es_rtable_num(t, r, "ci_low") < es_rtable_num(t, r, "ci_high"));
                CU_ASSERT_EQUAL(note->type, ES_CELL_NULL);
            }
        }
        CU_ASSERT_TRUE(found);
        es_results_free(res);
    }
    es_test_study_close(&ts);
}

/* Options that do not fit the data: a band the scheme lacks (ES_EINVAL), --by niche on
 * a file without niches (ES_EDOM); nothing is half-filled. */
static void test_describe_errors(void)
{
    es_test_study ts;
    if (open_accounts(&ts) != 0) {
        CU_FAIL("accounts-r.csv");
        return;
    }
    es_describe_opts o;
    es_describe_opts_init(&o);
    o.common.boot = 0;
    o.ratio_den = "giga";
    es_results *res = es_study_results(&ts.s, "describe");
    es_err err = {0};
    CU_ASSERT_EQUAL(es_describe_run(&ts.s, &o, res, &err), ES_EINVAL);
    CU_ASSERT_TRUE(err.msg != NULL && strstr(err.msg, "no band named 'giga'") != NULL);
    es_err_clear(&err);
    es_results_free(res);
    es_describe_opts_init(&o);
    o.by_niche = 1;
    res = es_study_results(&ts.s, "describe");
    CU_ASSERT_EQUAL(es_describe_run(&ts.s, &o, res, &err), ES_EDOM);
    CU_ASSERT_EQUAL(res->n_tables, 0);
    es_err_clear(&err);
    es_results_free(res);
    es_test_study_close(&ts);
}

int es_suite_analysis_describe(void)
{
    CU_pSuite s = CU_add_suite("analysis: describe", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "es_describe_run vs R 4.2.2", test_describe_vs_r) ||
        !CU_add_test(s, "minimum n", test_describe_min_n) ||
        !CU_add_test(s, "options that do not fit the data", test_describe_errors))
        return -1;
    return 0;
}
