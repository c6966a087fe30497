/* test_reference.c — the levels of a table (es_table_level, src/data/level.c) and a band
 * summary read as a reference curve (es_reference_load / _find / _match,
 * src/data/reference.c), on small files in tests/data.  Row and account counts and the
 * quantiles divided by 100 come from R 4.2.2 (tests/reference/reference.R):
 *   Rscript tests/reference/reference.R
 *   posts-small: rows 11 accounts 7;  level-repeat: rows 4 accounts 3
 *   ref-bands: kept 4, median/100 0.035 0.024 0.011 0.05, q25/100 0.02 0.015 0.006 0.03,
 *              q75/100 0.05 0.032 0.019 0.08
 *   ref-percent-values: max median 2.5 > 1, so percent: 0.025 0.009
 *   posts-small with a defined ER: rows 10 accounts 6
 * Follower edges are read off the band names by hand ("Nano (1k-10k)" = 1000-10000,
 * "Mega (1M+)" = 1e6-inf, "under 1k" = 0-1000). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

static es_table *load(const char *name, es_level level)
{
    es_load_opts o;
    es_load_opts_init(&o);
    o.level = level;
    es_table *t = NULL;
    es_load_report rep;
    es_err err = {0};
    int rc = es_load_csv(es_test_data(name), &o, &t, &rep, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        fprintf(stderr, "\n  %s: %s\n", name, err.msg ? err.msg : "");
    es_err_clear(&err);
    es_load_report_free(&rep);
    return t;
}

/* The level of a file, as detected (or forced) without error. */
static void level_ok(const char *name, es_level force, es_level want, es_level detected, size_t accounts,
                     const char *evidence)
{
    es_table *t = load(name, force);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    es_level_info li;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_table_level(t, &li, &err), ES_OK);
    CU_ASSERT_EQUAL(li.level, want);
    CU_ASSERT_EQUAL(li.detected, detected);
    CU_ASSERT_EQUAL(li.forced, force != ES_LEVEL_AUTO);
    CU_ASSERT_EQUAL(li.n_accounts, accounts);
    CU_ASSERT_EQUAL(es_table_is_post_level(t), want == ES_LEVEL_POST);
    if (strstr(li.evidence, evidence) == NULL)
        fprintf(stderr, "\n  %s: evidence '%s' lacks '%s'\n", name, li.evidence, evidence);
    CU_ASSERT_PTR_NOT_NULL(strstr(li.evidence, evidence));
    es_err_clear(&err);
    es_table_free(t);
}

/* A forced level the data contradict: ES_EINVAL naming --level and the reason. */
static void level_refused(const char *name, es_level force, const char *msg)
{
    es_table *t = load(name, force);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    es_level_info li;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_table_level(t, &li, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    if (strstr(err.msg, msg) == NULL)
        fprintf(stderr, "\n  %s: '%s' lacks '%s'\n", name, err.msg, msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg));
    es_err_clear(&err);
    es_table_free(t);
}

static void test_levels(void)
{
    level_ok("posts-small.csv", ES_LEVEL_AUTO, ES_LEVEL_POST, ES_LEVEL_POST, 7,
             "post: 'post_id' column (post role), 1.6 posts per account on average ('account': 11 rows, 7 accounts)");
    level_ok("level-repeat.csv", ES_LEVEL_AUTO, ES_LEVEL_POST, ES_LEVEL_POST, 3, "post: accounts repeat ('account'");
    level_ok("semicolon.csv", ES_LEVEL_AUTO, ES_LEVEL_ACCOUNT, ES_LEVEL_ACCOUNT, 2,
             "account: 'avg_likes' holds averages per account");
    level_ok("tiers.csv", ES_LEVEL_AUTO, ES_LEVEL_ACCOUNT, ES_LEVEL_ACCOUNT, 11, "account: each of the 11 accounts");
    level_ok("band-summary.csv", ES_LEVEL_AUTO, ES_LEVEL_BANDS, ES_LEVEL_BANDS, 2,
             "band summary: 2 rows of 'follower_band' with median ('median_er') and no follower counts");
    level_ok("ref-bands.csv", ES_LEVEL_AUTO, ES_LEVEL_BANDS, ES_LEVEL_BANDS, 5,
             "band summary: 5 rows of 'tier' by 'platform' with p25/median/p75");
    /* Forced: account on posts takes each row as an account (11 rows); post on
     * account rows takes them as posts of their account; a level the data agree with. */
    level_ok("posts-small.csv", ES_LEVEL_ACCOUNT, ES_LEVEL_ACCOUNT, ES_LEVEL_POST, 11,
             "account (--level account): each of the 11 rows is an account; the data look post-level");
    level_ok("tiers.csv", ES_LEVEL_POST, ES_LEVEL_POST, ES_LEVEL_ACCOUNT, 11,
             "post (--level post): the 11 rows are posts of their account (11 accounts)");
    level_ok("posts-small.csv", ES_LEVEL_POST, ES_LEVEL_POST, ES_LEVEL_POST, 7, "post: 'post_id' column");
    level_refused("posts-small.csv", ES_LEVEL_BANDS, "--level bands: the data are not a band summary (post:");
    level_refused("band-summary.csv", ES_LEVEL_POST, "--level post: the data are a band summary");
    level_refused("band-summary.csv", ES_LEVEL_ACCOUNT, "--level account: the data are a band summary");
    level_refused("level-noaccount.csv", ES_LEVEL_POST, "--level post: the file has no account column and no post column");
    CU_ASSERT_EQUAL(es_level_from_name("bands"), ES_LEVEL_BANDS);
    CU_ASSERT_EQUAL(es_level_from_name("band"), -1);
    CU_ASSERT_STRING_EQUAL(es_level_name(ES_LEVEL_ACCOUNT), "account");
}

/* The units follow a forced level: --level account on posts gives one unit per row. */
static void test_units_follow_level(void)
{
    es_table *t = load("posts-small.csv", ES_LEVEL_ACCOUNT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    es_bands bands;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&bands, "hypeauditor", NULL, &err), ES_OK);
    es_units_opts uo = {.max_er = INFINITY, .bands = &bands};
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&uo.er, "likes+comments/followers", &err), ES_OK);
    es_units u;
    CU_ASSERT_EQUAL_FATAL(es_units_build(&u, t, &uo, &err), ES_OK);
    CU_ASSERT_EQUAL(u.post_level, 0);
    CU_ASSERT_EQUAL(u.n, 10); /* one row per unit; the row without likes is left out */
    es_units_free(&u);
    es_table_free(t);
    t = load("posts-small.csv", ES_LEVEL_AUTO);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(es_units_build(&u, t, &uo, &err), ES_OK);
    CU_ASSERT_EQUAL(u.post_level, 1);
    CU_ASSERT_EQUAL(u.n, 6); /* f loses its only post */
    es_units_free(&u);
    es_table_free(t);
    es_bands_free(&bands);
    es_err_clear(&err);
}

static es_reference ref_ok(const char *name)
{
    es_reference r;
    es_err err = {0};
    int rc = es_reference_load(es_test_data(name), NULL, &r, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        fprintf(stderr, "\n  %s: %s\n", name, err.msg ? err.msg : "");
    es_err_clear(&err);
    return r;
}

static int has_note(const es_reference *r, const char *text)
{
    for (size_t i = 0; i < r->n_notes; i++)
        if (strstr(r->notes[i], text) != NULL)
            return 1;
    return 0;
}

static void test_reference_load(void)
{
    es_reference r = ref_ok("ref-bands.csv");
    CU_ASSERT_EQUAL_FATAL(r.n, 4);
    CU_ASSERT_EQUAL(r.was_percent, 1);
    CU_ASSERT_STRING_EQUAL(r.er_label, "median_er_pct");
    CU_ASSERT_EQUAL(strlen(r.sha256), 64);
    static const double med[] = {0.035, 0.024, 0.011, 0.05}, q25[] = {0.02, 0.015, 0.006, 0.03},
                        q75[] = {0.05, 0.032, 0.019, 0.08};
    for (size_t i = 0; i < 4; i++) {
        ES_ASSERT_REL(r.rows[i].median, med[i], 1e-15);
        ES_ASSERT_REL(r.rows[i].q25, q25[i], 1e-15);
        ES_ASSERT_REL(r.rows[i].q75, q75[i], 1e-15);
    }
    CU_ASSERT_STRING_EQUAL(r.rows[0].band, "Nano (1k-10k)");
    CU_ASSERT_STRING_EQUAL(r.rows[0].platform, "Instagram");
    CU_ASSERT_EQUAL(r.rows[0].lo, 1000);
    CU_ASSERT_EQUAL(r.rows[0].hi, 10000);
    CU_ASSERT_EQUAL(r.rows[2].lo, 1e6);
    CU_ASSERT_TRUE(isinf(r.rows[2].hi));
    CU_ASSERT_TRUE(has_note(&r, "read as percent (its name says so): divided by 100"));
    CU_ASSERT_TRUE(has_note(&r, "1 row without a band name or a median left out"));

    /* Names: case ignored, "micro" matches "Micro (10k-50k)"; by platform, else the row
     * without one, else the only match; several platforms without one asked: none. */
    const es_ref_band *b = es_reference_find(&r, "micro", "tiktok");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    ES_ASSERT_REL(b->median, 0.05, 1e-15);
    CU_ASSERT_PTR_NULL(es_reference_find(&r, "micro", NULL));
    CU_ASSERT_PTR_EQUAL(es_reference_find(&r, "NANO", NULL), &r.rows[0]);
    CU_ASSERT_PTR_NULL(es_reference_find(&r, "nan", NULL));
    CU_ASSERT_PTR_NULL(es_reference_find(&r, "mega", "YouTube"));
    es_reference_free(&r);
    es_reference_free(&r); /* harmless twice */

    r = ref_ok("ref-edges.csv");
    CU_ASSERT_EQUAL_FATAL(r.n, 2);
    CU_ASSERT_EQUAL(r.was_percent, 0);
    CU_ASSERT_EQUAL(r.rows[1].lo, 10000);
    CU_ASSERT_EQUAL(r.rows[1].hi, 1000000);
    CU_ASSERT_TRUE(isnan(r.rows[0].q25) && isnan(r.rows[0].q75));
    CU_ASSERT_TRUE(has_note(&r, "follower edges from 'min_followers' and 'max_followers'"));
    CU_ASSERT_TRUE(has_note(&r, "read as a proportion"));
    /* By edges: the reference bands that lie within ours. */
    es_bands bands;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&bands, "1000,10000", "a,b", &err), ES_OK);
    const es_ref_band *m[4];
    CU_ASSERT_EQUAL(es_reference_match(&r, &bands, 0, NULL, m, 4), 1);
    CU_ASSERT_PTR_EQUAL(m[0], &r.rows[0]);
    CU_ASSERT_EQUAL(es_reference_match(&r, &bands, 1, NULL, m, 4), 1);
    CU_ASSERT_PTR_EQUAL(m[0], &r.rows[1]);
    es_bands_free(&bands);
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&bands, "hypeauditor", NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(es_reference_match(&r, &bands, 0, NULL, m, 4), 1); /* nano 1k-10k */
    CU_ASSERT_EQUAL(es_reference_match(&r, &bands, 1, NULL, m, 4), 0); /* micro: 10k-1M is wider */
    es_bands_free(&bands);
    es_reference_free(&r);

    r = ref_ok("ref-percent-values.csv");
    CU_ASSERT_EQUAL_FATAL(r.n, 2);
    CU_ASSERT_EQUAL(r.was_percent, 1);
    ES_ASSERT_REL(r.rows[0].median, 0.025, 1e-15);
    ES_ASSERT_REL(r.rows[1].median, 0.009, 1e-15);
    CU_ASSERT_EQUAL(r.rows[1].lo, 0);
    CU_ASSERT_EQUAL(r.rows[1].hi, 1000);
    CU_ASSERT_TRUE(isnan(r.rows[0].lo));
    CU_ASSERT_TRUE(has_note(&r, "percent (a median above 1)"));
    es_reference_free(&r);

    /* Not a band summary: ES_EDOM naming the file and the evidence. */
    CU_ASSERT_EQUAL(es_reference_load(es_test_data("tiers.csv"), NULL, &r, &err), ES_EDOM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "tiers.csv: not a band summary (account: each of the 11 accounts"));
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_PTR_NULL(r.rows);
    es_err_clear(&err);
    CU_ASSERT_EQUAL(es_reference_load(es_test_data("no-such-file.csv"), NULL, &r, &err), ES_EIO);
    es_err_clear(&err);
}

/* The real PlayerSells X benchmarks (skipped when ../shared is absent): 8 bands in
 * percent, by name "1K to 10K followers" = 1000-10000; the median of the first band
 * 0.327 % (the file's second line). */
static void test_reference_playersells(void)
{
    const char *path = es_test_shared("datasets-external/playersells-x-benchmarks-2026/engagement_rate_by_follower_band.csv");
    if (path == NULL)
        return;
    es_reference r;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_reference_load(path, NULL, &r, &err), ES_OK);
    CU_ASSERT_EQUAL(r.n, 8);
    CU_ASSERT_EQUAL(r.was_percent, 1);
    CU_ASSERT_STRING_EQUAL(r.er_label, "median_engagement_rate_pct");
    ES_ASSERT_REL(r.rows[0].median, 0.327 / 100, 1e-15);
    CU_ASSERT_EQUAL(r.rows[0].lo, 1000);
    CU_ASSERT_EQUAL(r.rows[0].hi, 10000);
    CU_ASSERT_EQUAL(r.rows[7].lo, 20e6);
    CU_ASSERT_EQUAL(r.rows[7].hi, 50e6);
    es_reference_free(&r);
}

int es_suite_reference(void)
{
    CU_pSuite s = CU_add_suite("reference", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "levels detected and forced", test_levels) ||
        !CU_add_test(s, "units follow a forced level", test_units_follow_level) ||
        !CU_add_test(s, "band summary as a reference", test_reference_load) ||
        !CU_add_test(s, "PlayerSells X benchmarks", test_reference_playersells))
        return -1;
    return 0;
}
