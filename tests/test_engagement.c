/* test_engagement.c — ER definitions, bands and the analysis units.  Expected values:
 * tests/reference/engagement.R (R 4.2.2) on tests/data/posts-small.csv. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/engagestat.h"
#include "testutil.h"

static void test_er_parse(void)
{
    /* The NUM/DEN syntax keeps its meaning; expressions in general: tests/test_er_expr.c. */
    es_er_def d;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_er_parse(&d, "likes+comments/followers", &err), ES_OK);
    int num, den;
    CU_ASSERT_EQUAL_FATAL(es_er_ratio(&d, &num, &den), 1);
    CU_ASSERT_EQUAL(d.node[den].role, ES_ROLE_FOLLOWERS);
    es_buf b = {0};
    es_er_format(&d, &b);
    CU_ASSERT_STRING_EQUAL(b.data, "likes+comments/followers");
    es_buf_free(&b);
    CU_ASSERT_EQUAL(es_er_parse(&d, "likes+comments+shares+saves/views", &err), ES_OK);
    CU_ASSERT_EQUAL(es_er_uses_role(&d, ES_ROLE_SAVES), 1);
    const char *bad[] = {"/views", "likes+/views", "likes/", "likes+comments/"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(es_er_parse(&d, bad[i], &err), ES_EINVAL);
    es_err_clear(&err);
}

static void test_bands(void)
{
    es_bands b;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&b, "hypeauditor", NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(b.n, 5);
    /* Half-open [lo, hi): 10,000 is micro, 9,999 nano, 999 below. */
    CU_ASSERT_EQUAL(es_bands_classify(&b, 9999), 0);
    CU_ASSERT_EQUAL(es_bands_classify(&b, 10000), 1);
    CU_ASSERT_EQUAL(es_bands_classify(&b, 999), -1);
    CU_ASSERT_EQUAL(es_bands_classify(&b, 1e9), 4);
    CU_ASSERT_EQUAL(es_bands_classify(&b, NAN), -1);
    CU_ASSERT_EQUAL(es_bands_find(&b, "mega"), 4);
    char r[32];
    es_bands_range(&b, 3, r, sizeof r);
    CU_ASSERT_STRING_EQUAL(r, "500k-1M");
    es_bands_free(&b);
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&b, "seed", NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(es_bands_classify(&b, 5000), 1);
    CU_ASSERT_STRING_EQUAL(b.names[1], "micro");
    es_bands_free(&b);
    CU_ASSERT_EQUAL(es_bands_parse(&b, "100,50", "a,b", &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_bands_parse(&b, "100,500", "a", &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_bands_parse(&b, "100,-5", NULL, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_bands_parse(&b, "huge", NULL, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_bands_parse(&b, "100,500", NULL, &err), ES_OK);
    CU_ASSERT_STRING_EQUAL(b.names[1], "b2");
    es_bands_free(&b);
    es_bands_free(NULL);
    es_err_clear(&err);
}

/* tests/data/NAME as units (hypeauditor bands, likes+comments/followers); the table and
 * bands stay open for the caller to free. */
static int build_file(es_units *u, es_table **t, es_bands *b, const char *name, es_account_agg agg, double max_er,
                      int post)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_load_report rep;
    es_err err = {0};
    int rc = es_load_csv(es_test_data(name), &lo, t, &rep, &err);
    es_load_report_free(&rep);
    if (rc != ES_OK)
        return rc;
    es_bands_parse(b, "hypeauditor", NULL, &err);
    es_units_opts o = {.unit_post = post, .agg = agg, .max_er = max_er, .bands = b};
    es_er_parse(&o.er, "likes+comments/followers", &err);
    rc = es_units_build(u, *t, &o, &err);
    es_err_clear(&err);
    return rc;
}

/* Bands from a column (--band-column).  tests/data/tiers.csv, one row per account:
 *   python3 -c "import csv,statistics as s; r=[x for x in csv.DictReader(open('tests/data/tiers.csv'))
 *     if x['followers']]; [print(t, s.median([float(x['followers']) for x in r if x['tier']==t]))
 *     for t in ('small','big','huge')]"  -> small 1200, big 215000, huge 2200000
 * (a4 has no followers and is rejected by the loader; a10 has no tier: no band).
 * posts-small.csv by niche: food rows' followers 1000 x3, 2000000 x2, 30000 x2 (median
 * 30000), travel 20000 x2, 500, 60000 (median 20000): travel before food. */
static void test_band_column(void)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_load_report rep;
    es_err err = {0};
    es_table *t = NULL;
    CU_ASSERT_EQUAL_FATAL(es_load_csv(es_test_data("tiers.csv"), &lo, &t, &rep, &err), ES_OK);
    es_load_report_free(&rep);
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(es_bands_from_column(&b, t, "tier", &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(b.n, 3);
    CU_ASSERT_STRING_EQUAL(b.names[0], "small");
    CU_ASSERT_STRING_EQUAL(b.names[1], "big");
    CU_ASSERT_STRING_EQUAL(b.names[2], "huge");
    CU_ASSERT_DOUBLE_EQUAL(b.median_followers[0], 1200, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.median_followers[1], 215000, 0);
    CU_ASSERT_DOUBLE_EQUAL(b.median_followers[2], 2200000, 0);
    CU_ASSERT_STRING_EQUAL(b.column, "tier");
    CU_ASSERT_PTR_NULL(b.edges);
    CU_ASSERT_EQUAL(es_bands_classify(&b, 5000), -1);
    CU_ASSERT_TRUE(isnan(es_bands_upper(&b, 0)));
    char range[32];
    es_bands_range(&b, 0, range, sizeof range);
    CU_ASSERT_STRING_EQUAL(range, "");
    es_bands_format_range(900, 3000, range, sizeof range);
    CU_ASSERT_STRING_EQUAL(range, "900-3k");
    es_units u;
    es_units_opts o = {.max_er = INFINITY, .bands = &b};
    es_er_parse(&o.er, "likes+comments/followers", &err);
    CU_ASSERT_EQUAL_FATAL(es_units_build(&u, t, &o, &err), ES_OK);
    CU_ASSERT_EQUAL(u.n, 10);
    CU_ASSERT_EQUAL(u.excl_no_band, 1);
    CU_ASSERT_EQUAL(u.n_below_bands, 0);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 0, ES_EXCL_NO_BAND, -1), 1);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_NO_BAND, -1), 1);
    size_t per[3] = {0, 0, 0};
    for (size_t k = 0; k < u.n; k++)
        if (u.band[k] >= 0 && u.band[k] < 3)
            per[u.band[k]]++;
    CU_ASSERT_EQUAL(per[0], 3);
    CU_ASSERT_EQUAL(per[1], 4);
    CU_ASSERT_EQUAL(per[2], 3);
    CU_ASSERT_EQUAL(u.band[0], 1); /* a1: big */
    es_units_free(&u);
    es_bands_free(&b);
    /* Unknown column: the message lists the columns. */
    CU_ASSERT_EQUAL(es_bands_from_column(&b, t, "tierz", &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "no column named 'tierz' (columns: account, followers") : NULL);
    es_table_free(t);

    /* Post-level data, account units: an account's band is its first post's. */
    t = NULL;
    CU_ASSERT_EQUAL_FATAL(es_load_csv(es_test_data("posts-small.csv"), &lo, &t, &rep, &err), ES_OK);
    es_load_report_free(&rep);
    CU_ASSERT_EQUAL_FATAL(es_bands_from_column(&b, t, "niche", &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(b.n, 2);
    CU_ASSERT_STRING_EQUAL(b.names[0], "travel");
    CU_ASSERT_STRING_EQUAL(b.names[1], "food");
    o.max_er = 1;
    CU_ASSERT_EQUAL_FATAL(es_units_build(&u, t, &o, &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(u.n, 5); /* a b c d h; f (no likes) and g (ER > 1) are left out */
    size_t travel = 0;
    for (size_t k = 0; k < u.n; k++)
        travel += u.band[k] == 0;
    CU_ASSERT_EQUAL(travel, 3); /* b d h */
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_MISSING, 1), 1);   /* f, food */
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_ABOVE_MAX, 1), 1); /* g, food */
    CU_ASSERT_EQUAL(u.excl_no_band, 0);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);
    es_err_clear(&err);
}

static int build(es_units *u, es_table **t, es_bands *b, es_account_agg agg, int post)
{
    return build_file(u, t, b, "posts-small.csv", agg, 1, post);
}

static void check_accounts(es_account_agg agg, const double *want)
{
    es_units u;
    es_table *t = NULL;
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(build(&u, &t, &b, agg, 0), ES_OK);
    /* tests/reference/engagement.R: accounts a, b, c, d, h (f and g lose their only post). */
    CU_ASSERT_EQUAL_FATAL(u.n, 5);
    CU_ASSERT_EQUAL(u.unit_post, 0);
    CU_ASSERT_EQUAL(u.post_level, 1);
    CU_ASSERT_EQUAL(u.excl_missing_counts, 1);
    CU_ASSERT_EQUAL(u.excl_above_max, 1);
    CU_ASSERT_EQUAL(u.n_below_bands, 1);
    CU_ASSERT_EQUAL(u.n_posts_total, 9);
    const char *names[] = {"a", "b", "c", "d", "h"};
    const int bands[] = {0, 1, 4, -1, 2};
    for (size_t i = 0; i < 5; i++) {
        size_t k = 0;
        while (k < u.n && strcmp(es_dict_str(u.account_dict, u.account[k]), names[i]) != 0)
            k++;
        CU_ASSERT_FATAL(k < u.n);
        ES_ASSERT_REL(u.er[k], want[i], 1e-15);
        CU_ASSERT_EQUAL(u.band[k], bands[i]);
    }
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);
}

static void test_accounts(void)
{
    /* tests/reference/engagement.R, columns median, mean, ratio */
    const double med[] = {0.0120000000000000002, 0.0130000000000000011, 0.0052500000000000003,
                          0.1100000000000000006, 0.0109999999999999994};
    const double avg[] = {0.0160000000000000003, 0.0130000000000000011, 0.0052500000000000003,
                          0.1100000000000000006, 0.0109999999999999994};
    const double rat[] = {0.0160000000000000003, 0.0129999999999999994, 0.0052500000000000003,
                          0.1100000000000000006, 0.0109999999999999994};
    check_accounts(ES_AGG_MEDIAN, med);
    check_accounts(ES_AGG_MEAN, avg);
    check_accounts(ES_AGG_RATIO, rat);
}

static void test_posts_and_select(void)
{
    es_units u;
    es_table *t = NULL;
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(build(&u, &t, &b, ES_AGG_MEDIAN, 1), ES_OK);
    CU_ASSERT_EQUAL(u.n, 9);
    CU_ASSERT_EQUAL(u.unit_post, 1);
    double out[16];
    /* nano: account a's three posts */
    CU_ASSERT_EQUAL(es_units_select(&u, 0, ES_ROLE_NONE, ES_DICT_NONE, out), 3);
    /* all units in niche 'food': a (3), c (2) */
    uint32_t food = es_dict_find(u.niche_dict, "food", 4);
    CU_ASSERT_EQUAL(es_units_select(&u, -2, ES_ROLE_NICHE, food, out), 5);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);
}

static void test_missing_role(void)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_load_report rep;
    es_err err = {0};
    es_table *t;
    CU_ASSERT_EQUAL_FATAL(es_load_csv(es_test_data("posts-small.csv"), &lo, &t, &rep, &err), ES_OK);
    es_units u;
    es_units_opts o = {.max_er = 1};
    es_er_parse(&o.er, "likes+shares/followers", &err);
    CU_ASSERT_EQUAL(es_units_build(&u, t, &o, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'shares'"));
    es_er_parse(&o.er, "likes/views", &err);
    CU_ASSERT_EQUAL(es_units_build(&u, t, &o, &err), ES_EINVAL);
    es_table_free(t);
    es_load_report_free(&rep);
    /* A header and no rows: no unit can be built. */
    CU_ASSERT_EQUAL_FATAL(es_load_csv(es_test_data("empty-body.csv"), &lo, &t, &rep, &err), ES_OK);
    es_er_parse(&o.er, "likes/followers", &err);
    CU_ASSERT_EQUAL(es_units_build(&u, t, &o, &err), ES_EEMPTY);
    es_err_clear(&err);
    es_table_free(t);
    es_load_report_free(&rep);
}

/* tests/data/platform-accounts.csv as units with max_er. */
static int build_platform(es_units *u, es_table **t, es_bands *b, double max_er, int post)
{
    return build_file(u, t, b, "platform-accounts.csv", ES_AGG_MEDIAN, max_er, post);
}

/* The unit of (platform, account) named name on platform plat, or u->n. */
static size_t find_unit(const es_units *u, const char *plat, const char *name)
{
    for (size_t k = 0; k < u->n; k++)
        if (strcmp(es_dict_str(u->account_dict, u->account[k]), name) == 0 &&
            strcmp(es_dict_str(u->platform_dict, u->platform[k]), plat) == 0)
            return k;
    return u->n;
}

/* Expected numbers: python3 tests/reference/platform_accounts.py [1] (counts by hand
 * in Python, independent of es_units_build). */
static void test_platform_accounts(void)
{
    es_units u;
    es_table *t = NULL;
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(build_platform(&u, &t, &b, INFINITY, 0), ES_OK);
    /* "accounts 5", "split names 1", "followers vary 1" */
    CU_ASSERT_EQUAL(u.n, 5);
    CU_ASSERT_EQUAL(u.n_accounts, 5);
    CU_ASSERT_EQUAL(u.n_split_accounts, 1);
    CU_ASSERT_EQUAL(u.n_followers_vary, 1);
    size_t ig = find_unit(&u, "instagram", "alice"), tt = find_unit(&u, "tiktok", "alice");
    CU_ASSERT_FATAL(ig < u.n && tt < u.n && ig != tt);
    ES_ASSERT_REL(u.er[ig], 0.0235, 1e-15);
    CU_ASSERT_EQUAL(u.followers[ig], 5100); /* the median of 5000 and 5200 */
    CU_ASSERT_EQUAL(u.band[ig], 0);
    ES_ASSERT_REL(u.er[tt], 0.105, 1e-15);
    CU_ASSERT_EQUAL(u.band[tt], 1);
    size_t carol = find_unit(&u, "tiktok", "carol");
    CU_ASSERT_FATAL(carol < u.n);
    ES_ASSERT_REL(u.er[carol], 1.2549999999999999, 1e-15); /* kept: no --max-er */
    /* "ledger rows {('micro', 'missing count'): 1}", units the same */
    CU_ASSERT_EQUAL(es_units_excluded(&u, 0, ES_EXCL_MISSING, 1), 1);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_MISSING, 1), 1);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 0, ES_EXCL_ABOVE_MAX, 0), 0);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 0, ES_EXCL_MISSING, 5), 0); /* no such band */
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);

    CU_ASSERT_EQUAL_FATAL(build_platform(&u, &t, &b, 1, 0), ES_OK);
    /* "accounts 4"; bob keeps one post; "ledger rows nano above 2, units nano above 1" */
    CU_ASSERT_EQUAL(u.n, 4);
    CU_ASSERT_EQUAL(u.excl_above_max, 2);
    size_t bob = find_unit(&u, "instagram", "bob");
    CU_ASSERT_FATAL(bob < u.n);
    ES_ASSERT_REL(u.er[bob], 0.018333333333333333, 1e-15);
    CU_ASSERT_EQUAL(find_unit(&u, "tiktok", "carol"), u.n);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 0, ES_EXCL_ABOVE_MAX, 0), 2);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_ABOVE_MAX, 0), 1);
    CU_ASSERT_EQUAL(es_units_excluded(&u, 1, ES_EXCL_MISSING, 1), 1);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);

    /* Post units: each valid post; accounts are still pairs (5). */
    CU_ASSERT_EQUAL_FATAL(build_platform(&u, &t, &b, INFINITY, 1), ES_OK);
    CU_ASSERT_EQUAL(u.n, 7);
    /* Units in file order: p1, p2 (alice, instagram), p3 (alice, tiktok), p4, p5 (bob). */
    CU_ASSERT_EQUAL(es_units_cluster(&u, 0), es_units_cluster(&u, 1));
    CU_ASSERT_NOT_EQUAL(es_units_cluster(&u, 1), es_units_cluster(&u, 2));
    CU_ASSERT_EQUAL(es_units_cluster(&u, 3), es_units_cluster(&u, 4));
    CU_ASSERT_NOT_EQUAL(es_units_cluster(&u, 2), es_units_cluster(&u, 3));
    CU_ASSERT_EQUAL(u.n_accounts, 5);
    CU_ASSERT_EQUAL(u.n_split_accounts, 1);
    CU_ASSERT_EQUAL(u.n_followers_vary, 1);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);
}

/* es_study_results on the same file: the warnings and the exclusions table. */
static void test_study_exclusions(void)
{
    es_units u;
    es_table *t = NULL;
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(build_platform(&u, &t, &b, 1, 0), ES_OK);
    es_units_opts uo = {.agg = ES_AGG_MEDIAN, .max_er = 1, .bands = &b};
    es_err err = {0};
    es_er_parse(&uo.er, "likes+comments/followers", &err);
    es_study st = {.units = &u, .uo = &uo};
    es_results *res = es_study_results(&st, "test");
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    es_rtable *tb = es_results_find_table(res, "exclusions");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tb);
    CU_ASSERT_EQUAL(tb->supplementary, 1);
    CU_ASSERT_EQUAL_FATAL(tb->n_rows, 2);
    CU_ASSERT_STRING_EQUAL(es_rtable_cell(tb, 0, "band")->str, "nano");
    CU_ASSERT_STRING_EQUAL(es_rtable_cell(tb, 0, "reason")->str, "above --max-er 1");
    CU_ASSERT_EQUAL(es_rtable_num(tb, 0, "rows"), 2);
    CU_ASSERT_EQUAL(es_rtable_num(tb, 0, "units"), 1);
    ES_ASSERT_REL(es_rtable_num(tb, 0, "share"), 1.0 / 3, 1e-15); /* alice, bob kept; carol lost */
    CU_ASSERT_STRING_EQUAL(es_rtable_cell(tb, 1, "band")->str, "micro");
    int share_warn = 0, split_warn = 0, vary_warn = 0;
    for (size_t i = 0; i < res->n_warnings; i++) {
        share_warn += strcmp(res->warnings[i], "1 of 3 nano accounts (33.3%) left out: above --max-er 1") == 0;
        split_warn += strstr(res->warnings[i], "1 account names appear on more than one platform") != NULL;
        vary_warn += strstr(res->warnings[i], "the median over its posts") != NULL;
    }
    CU_ASSERT_EQUAL(share_warn, 1);
    CU_ASSERT_EQUAL(split_warn, 1);
    CU_ASSERT_EQUAL(vary_warn, 1);
    es_results_free(res);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);

    /* No --max-er: carol is kept and flagged ("posts with ER > 1 2", "suspect (ER > 1)
     * by band {'nano': 1, ...}"). */
    CU_ASSERT_EQUAL_FATAL(build_platform(&u, &t, &b, INFINITY, 0), ES_OK);
    uo.max_er = INFINITY;
    uo.bands = &b;
    res = es_study_results(&st, "test");
    CU_ASSERT_PTR_NOT_NULL_FATAL(res);
    int flag = 0;
    for (size_t i = 0; i < res->n_warnings; i++)
        flag += strcmp(res->warnings[i], "2 posts have ER above 1 (more interactions than followers), and 1 accounts "
                                         "(nano 1): kept; --max-er 1 drops those posts") == 0;
    CU_ASSERT_EQUAL(flag, 1);
    es_results_free(res);
    es_units_free(&u);
    es_bands_free(&b);
    es_table_free(t);
}

/* Two sets of units hold the same bytes (the dictionaries are the table's: shared). */
static void check_same_units(const es_units *a, const es_units *b, int row_map)
{
    CU_ASSERT_EQUAL_FATAL(a->n, b->n);
    size_t n = a->n;
    CU_ASSERT(memcmp(a->er, b->er, n * sizeof *a->er) == 0);
    CU_ASSERT(memcmp(a->followers, b->followers, n * sizeof *a->followers) == 0);
    CU_ASSERT(memcmp(a->band, b->band, n * sizeof *a->band) == 0);
    CU_ASSERT(memcmp(a->niche, b->niche, n * sizeof *a->niche) == 0);
    CU_ASSERT(memcmp(a->platform, b->platform, n * sizeof *a->platform) == 0);
    CU_ASSERT(memcmp(a->account, b->account, n * sizeof *a->account) == 0);
    CU_ASSERT(memcmp(a->n_posts, b->n_posts, n * sizeof *a->n_posts) == 0);
    for (size_t k = 0; k < n; k++)
        CU_ASSERT(isnan(a->sponsored[k]) ? isnan(b->sponsored[k]) : a->sponsored[k] == b->sponsored[k]);
    CU_ASSERT_EQUAL(a->n_rows, b->n_rows);
    CU_ASSERT_EQUAL(a->n_accounts, b->n_accounts);
    CU_ASSERT_EQUAL(a->n_split_accounts, b->n_split_accounts);
    CU_ASSERT_EQUAL(a->n_followers_vary, b->n_followers_vary);
    CU_ASSERT_EQUAL(a->n_posts_total, b->n_posts_total);
    CU_ASSERT_EQUAL(a->excl_missing_counts, b->excl_missing_counts);
    CU_ASSERT_EQUAL(a->excl_above_max, b->excl_above_max);
    CU_ASSERT_EQUAL(a->n_below_bands, b->n_below_bands);
    CU_ASSERT_FATAL(a->ledger_bands == b->ledger_bands && a->excl_rows_band && b->excl_rows_band);
    CU_ASSERT(memcmp(a->excl_rows_band, b->excl_rows_band,
                     2 * ES_EXCL_NREASONS * (a->ledger_bands + 1) * sizeof *a->excl_rows_band) == 0);
    if (row_map) {
        CU_ASSERT(memcmp(a->unit_of_row, b->unit_of_row, a->n_rows * sizeof *a->unit_of_row) == 0);
    } else {
        CU_ASSERT_PTR_NULL(b->unit_of_row);
    }
    for (int r = 0; r < ES_ROLE_COUNT; r++) {
        CU_ASSERT((a->sum[r] == NULL) == (b->sum[r] == NULL));
        for (size_t k = 0; a->sum[r] && b->sum[r] && k < n; k++)
            CU_ASSERT(isnan(a->sum[r][k]) ? isnan(b->sum[r][k]) : a->sum[r][k] == b->sum[r][k]);
    }
}

/* es_units_acc on runs of 1, 2, 3 and 7 rows (with and without the row map) gives
 * es_units_build's units, for every aggregation and post units, on the bundled dataset
 * on tests/data/platform-accounts.csv (a name on two platforms, follower counts that
 * vary, rates above --max-er) and on accounts-out-of-order.csv.  es_units.sum is the total of likes over each
 * unit's rows, NaN when one is missing, added here from the table through unit_of_row;
 * and unit_of_row sends each row to a unit of its own account and platform, n_posts
 * rows to each. */
static void test_units_acc(void)
{
    /* accounts-out-of-order.csv: alice on instagram (codes 0, 1) comes after bob (1, 0),
     * so the pairs are not made in the order of their codes. */
    const char *files[] = {"platform-accounts.csv", "../../datasets/engagestat-sim.csv.gz",
                           "accounts-out-of-order.csv"};
    for (size_t fi = 0; fi < 3; fi++) {
        es_load_opts lo;
        es_load_opts_init(&lo);
        es_load_report rep;
        es_err err = {0};
        es_table *t = NULL;
        CU_ASSERT_EQUAL_FATAL(es_load_csv(es_test_data(files[fi]), &lo, &t, &rep, &err), ES_OK);
        es_load_report_free(&rep);
        es_bands b;
        es_bands_parse(&b, "hypeauditor", NULL, &err);
        for (int mode = 0; mode < 4; mode++) {
            es_units_opts o = {.unit_post = mode == 3, .agg = mode == 3 ? ES_AGG_MEDIAN : (es_account_agg)mode,
                               .max_er = fi == 0 ? 1 : INFINITY, .bands = &b, .sums = 1u << ES_ROLE_LIKES};
            es_er_parse(&o.er, "likes+comments/followers", &err);
            es_units want;
            CU_ASSERT_EQUAL_FATAL(es_units_build(&want, t, &o, &err), ES_OK);
            const es_column *likes = es_table_role(t, ES_ROLE_LIKES);
            CU_ASSERT_PTR_NOT_NULL_FATAL(want.sum[ES_ROLE_LIKES]);
            double *tot = calloc(want.n, sizeof *tot);
            for (size_t i = 0; i < t->n_rows; i++)
                if (want.unit_of_row[i] != SIZE_MAX)
                    tot[want.unit_of_row[i]] += likes->num[i];
            for (size_t k = 0; k < want.n; k++)
                CU_ASSERT(isnan(tot[k]) ? isnan(want.sum[ES_ROLE_LIKES][k]) : tot[k] == want.sum[ES_ROLE_LIKES][k]);
            free(tot);
            /* The row map on its own terms: a row goes to a unit of its account and
             * platform, and each unit gets as many rows as it has posts. */
            const es_column *acol = es_table_role(t, ES_ROLE_ACCOUNT), *pcol = es_table_role(t, ES_ROLE_PLATFORM);
            size_t *posts = calloc(want.n, sizeof *posts);
            for (size_t i = 0; i < t->n_rows; i++) {
                size_t k = want.unit_of_row[i];
                if (k == SIZE_MAX)
                    continue;
                CU_ASSERT_FATAL(k < want.n);
                posts[k]++;
                CU_ASSERT(acol == NULL || want.account[k] == acol->codes[i]);
                CU_ASSERT(pcol == NULL || want.platform[k] == pcol->codes[i]);
            }
            for (size_t k = 0; k < want.n; k++)
                CU_ASSERT_EQUAL(posts[k], want.n_posts[k]);
            free(posts);
            const size_t runs[] = {1, 2, 3, 7};
            for (size_t ri = 0; ri < 4; ri++)
                for (int row_map = 0; row_map < 2; row_map++) {
                    es_units_acc *a;
                    es_units got;
                    CU_ASSERT_EQUAL_FATAL(es_units_acc_begin(&a, t, &o, row_map, &err), ES_OK);
                    for (size_t lo_ = 0; lo_ < t->n_rows; lo_ += runs[ri]) {
                        size_t hi = lo_ + runs[ri] < t->n_rows ? lo_ + runs[ri] : t->n_rows;
                        CU_ASSERT_EQUAL_FATAL(es_units_acc_rows(a, t, lo_, hi, &err), ES_OK);
                    }
                    CU_ASSERT_EQUAL_FATAL(es_units_acc_end(a, &got, &err), ES_OK);
                    check_same_units(&want, &got, row_map);
                    es_units_free(&got);
                }
            es_units_free(&want);
        }
        es_bands_free(&b);
        es_table_free(t);
        es_err_clear(&err);
    }
}

int es_suite_engagement(void)
{
    CU_pSuite s = CU_add_suite("engagement", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "--er parsing", test_er_parse) || !CU_add_test(s, "band presets and edges", test_bands) ||
        !CU_add_test(s, "account units: median, mean, ratio", test_accounts) ||
        !CU_add_test(s, "post units and selection", test_posts_and_select) ||
        !CU_add_test(s, "missing roles and empty results", test_missing_role) ||
        !CU_add_test(s, "accounts are (platform, account)", test_platform_accounts) ||
        !CU_add_test(s, "exclusion ledger and flags in the results", test_study_exclusions) ||
        !CU_add_test(s, "bands from a column (--band-column)", test_band_column) ||
        !CU_add_test(s, "units built a run of rows at a time (es_units_acc)", test_units_acc))
        return -1;
    return 0;
}
