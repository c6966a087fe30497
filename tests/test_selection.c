/* test_selection.c — es_selection_run on the synthetic files of
 * tests/reference/selection.R (R 4.2.2, which also printed the numbers cited here):
 * a top-100 list (rank 1..100, followers descending 50M..120k) gets rank_column,
 * sorted_by_outcome and top_n; a random sample of 137 accounts gets none of them; a
 * post file whose followers were scraped on 2022-06-01 gets snapshot_lag (median 718
 * days). */
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/results.h"
#include "testutil.h"

/* The selection run on tests/data/NAME (default options but lag_days); NULL on failure. */
static es_results *run(const char *name, es_test_study *ts, double lag_days, int with_table)
{
    if (es_test_study_open(ts, name, NULL, NULL, 0) != 0)
        return NULL;
    es_selection_opts o;
    es_selection_opts_init(&o);
    o.lag_days = lag_days;
    es_study s = ts->s;
    if (!with_table)
        s.table = NULL;
    es_results *res = es_study_results(&s, "inspect");
    es_err err = {0};
    if (res == NULL || es_selection_run(&s, &o, res, &err) != ES_OK) {
        es_err_clear(&err);
        es_results_free(res);
        es_test_study_close(ts);
        return NULL;
    }
    return res;
}

/* The detected and evidence cells of check; NULL when the row is missing. */
static const char *cell(const es_results *res, const char *check, const char *col)
{
    const es_rtable *t = es_results_find_table(res, "selection");
    for (size_t r = 0; t && r < t->n_rows; r++) {
        const es_cell *c = es_rtable_cell(t, r, "check");
        if (c && c->type == ES_CELL_STR && strcmp(c->str, check) == 0) {
            const es_cell *v = es_rtable_cell(t, r, col);
            return v && v->type == ES_CELL_STR ? v->str : NULL;
        }
    }
    return NULL;
}

#define ASSERT_DETECTED(res, check, want) \
    do { \
        const char *d_ = cell((res), (check), "detected"); \
        CU_ASSERT_PTR_NOT_NULL(d_); \
        if (d_ && strcmp(d_, (want)) != 0) { \
            fprintf(stderr, "\n%s: detected '%s', want '%s'\n", (check), d_, (want)); \
            CU_FAIL(check); \
        } \
    } while (0)

#define ASSERT_EVIDENCE(res, check, sub) \
    do { \
        const char *e_ = cell((res), (check), "evidence"); \
        CU_ASSERT_PTR_NOT_NULL(e_); \
        if (e_ && strstr(e_, (sub)) == NULL) { \
            fprintf(stderr, "\n%s: evidence '%s' lacks '%s'\n", (check), e_, (sub)); \
            CU_FAIL(check); \
        } \
    } while (0)

/* A warning starting with prefix. */
static int has_warning(const es_results *res, const char *prefix)
{
    for (size_t i = 0; i < res->n_warnings; i++)
        if (strncmp(res->warnings[i], prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

static long long value_int(const es_results *res, const char *name)
{
    for (size_t i = 0; i < res->n_values; i++)
        if (strcmp(res->values[i].name, name) == 0 && res->values[i].value.type == ES_CELL_INT)
            return res->values[i].value.i;
    return -1;
}

static void test_top_n(void)
{
    es_test_study ts;
    es_results *res = run("selection-top100.csv", &ts, 180, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    ASSERT_DETECTED(res, "rank_column", "yes");
    ASSERT_EVIDENCE(res, "rank_column", "column 'rank' runs 1..100 without gaps");
    ASSERT_DETECTED(res, "sorted_by_outcome", "yes");
    /* selection.R: followers descending in 99 of 99 adjacent pairs */
    ASSERT_EVIDENCE(res, "sorted_by_outcome", "descending order of followers in 100.0% of adjacent pairs (99 of 99)");
    ASSERT_DETECTED(res, "top_n", "yes");
    ASSERT_EVIDENCE(res, "top_n", "ranks 1..100 (a round number), the smallest with 120k followers");
    /* 120k is above the micro band's upper edge (50k): nano and micro are empty */
    ASSERT_DETECTED(res, "range_above_edge", "yes");
    ASSERT_EVIDENCE(res, "range_above_edge", "followers start at 120k: bands nano, micro have no account");
    ASSERT_DETECTED(res, "trending_feed", "no");
    ASSERT_DETECTED(res, "snapshot_lag", "not testable");
    ASSERT_DETECTED(res, "followers_vary", "not testable");
    CU_ASSERT_TRUE(has_warning(res, "selection: top_n: ranks 1..100"));
    CU_ASSERT_TRUE(has_warning(res, "selection: rank_column: "));
    /* Every yes is counted and warned about. */
    const es_rtable *t = es_results_find_table(res, "selection");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->n_rows, 9);
    long long yes = 0, warned = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        yes += strcmp(es_rtable_cell(t, r, "detected")->str, "yes") == 0;
    for (size_t i = 0; i < res->n_warnings; i++)
        warned += strncmp(res->warnings[i], "selection: ", 11) == 0;
    CU_ASSERT_EQUAL(value_int(res, "selection_warnings"), yes);
    CU_ASSERT_EQUAL(warned, yes);
    es_results_free(res);
    es_test_study_close(&ts);
}

static void test_random(void)
{
    es_test_study ts;
    es_results *res = run("selection-random.csv", &ts, 180, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    ASSERT_DETECTED(res, "rank_column", "no");
    ASSERT_DETECTED(res, "sorted_by_outcome", "no");
    /* selection.R: 64 of 136 pairs descending in followers, 65 of 136 in engagement */
    ASSERT_EVIDENCE(res, "sorted_by_outcome", "descending order of followers in 47.1% of adjacent pairs (64 of 136)");
    ASSERT_EVIDENCE(res, "sorted_by_outcome", "engagement rate in 47.8% of adjacent pairs (65 of 136)");
    ASSERT_DETECTED(res, "top_n", "no");
    ASSERT_EVIDENCE(res, "top_n", "137 accounts, the smallest with 1.29k followers");
    ASSERT_DETECTED(res, "trending_feed", "no");
    ASSERT_DETECTED(res, "range_above_edge", "no");
    CU_ASSERT_FALSE(has_warning(res, "selection: top_n"));
    CU_ASSERT_FALSE(has_warning(res, "selection: rank_column"));
    CU_ASSERT_FALSE(has_warning(res, "selection: sorted_by_outcome"));
    es_results_free(res);
    es_test_study_close(&ts);
}

static void test_lagged(void)
{
    es_test_study ts;
    es_results *res = run("selection-lagged.csv", &ts, 180, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    ASSERT_DETECTED(res, "snapshot_lag", "yes");
    /* selection.R: median 718 days, 195 of 200 posts over 180 */
    ASSERT_EVIDENCE(res, "snapshot_lag", "followers were read 718 days (median) after the posts ('scraped_at' minus "
                                         "'posted_at'; 195 of 200 posts more than 180 days)");
    ASSERT_DETECTED(res, "followers_vary", "no");
    CU_ASSERT_TRUE(has_warning(res, "selection: snapshot_lag: followers were read 718 days"));
    es_results_free(res);
    es_test_study_close(&ts);
    /* A threshold above the median lag: not a warning. */
    res = run("selection-lagged.csv", &ts, 1000, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    ASSERT_DETECTED(res, "snapshot_lag", "no");
    CU_ASSERT_FALSE(has_warning(res, "selection: snapshot_lag"));
    es_results_free(res);
    es_test_study_close(&ts);
}

static void test_no_table_and_errors(void)
{
    es_test_study ts;
    es_results *res = run("selection-top100.csv", &ts, 180, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    /* Without the table, what reads it is not testable; the units still give top_n. */
    ASSERT_DETECTED(res, "rank_column", "not testable");
    ASSERT_DETECTED(res, "sorted_by_outcome", "not testable");
    ASSERT_DETECTED(res, "top_n", "yes");
    ASSERT_EVIDENCE(res, "top_n", "100 accounts (a round number)");
    es_results_free(res);
    es_test_study_close(&ts);

    CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, "selection-random.csv", NULL, NULL, 0), 0);
    es_selection_opts o;
    es_selection_opts_init(&o);
    CU_ASSERT_EQUAL(o.lag_days, 180);
    CU_ASSERT_EQUAL(o.common.min_n, ES_MIN_N_DEFAULT);
    o.lag_days = -1;
    res = es_study_results(&ts.s, "inspect");
    es_err err = {0};
    CU_ASSERT_EQUAL(es_selection_run(&ts.s, &o, res, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg);
    es_err_clear(&err);
    es_results_free(res);
    es_test_study_close(&ts);
}

int es_suite_selection(void)
{
    CU_pSuite s = CU_add_suite("selection warnings", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "a top-100 list: rank column, sorted, top-N", test_top_n) ||
        !CU_add_test(s, "a random sample: none of them", test_random) ||
        !CU_add_test(s, "a follower snapshot 718 days after the posts", test_lagged) ||
        !CU_add_test(s, "without the table; bad options", test_no_table_and_errors))
        return -1;
    return 0;
}
