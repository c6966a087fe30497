/* test_published.c — datasets/published_benchmarks.csv and its reader (es_published_load,
 * _match, _def_key, es_reference_append; src/data/published.c, reference.c).  The counts
 * come from R 4.2.2 (tests/reference/published.R):
 *   Rscript tests/reference/published.R
 *   rows 92; every er in (0, 1)
 *   definitions: interactions/followers 22, interactions/impressions 2, interactions/views 1,
 *     likes/followers 10, likes+comments/followers 26, likes+reposts+replies+quotes/followers 8,
 *     unknown 23
 *   likes+comments/followers on Instagram, single typical figures with edges: matched 15,
 *     other 77; per hypeauditor band (nano micro mid macro mega) 7 1 0 0 6; sources all
 *     HypeAuditor (via Statista, eMarketer, Australia) or TrendHERO
 *   ranges 16, rows without follower edges 16, thresholds 3 (every one listed, whatever
 *     else it fails); interactions/followers on TikTok: 6 matched
 * and every number is checked against its row of ../shared/docs/published-figures.md
 * (skipped visibly when that file is absent). */
#include <CUnit/CUnit.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

#define ES_PUB_FILE "datasets/published_benchmarks.csv"

static int load(es_published *p)
{
    es_err err = {0};
    int rc = es_published_load(ES_PUB_FILE, p, &err);
    if (rc != ES_OK)
        fprintf(stderr, "\n  %s\n", err.msg ? err.msg : "");
    es_err_clear(&err);
    return rc;
}

static void test_published_load(void)
{
    es_published p;
    CU_ASSERT_EQUAL_FATAL(load(&p), ES_OK);
    CU_ASSERT_EQUAL(p.n, 92);
    CU_ASSERT_EQUAL(strlen(p.sha256), 64);
    static const struct {
        const char *def;
        size_t n;
    } want[] = {{"interactions/followers", 22}, {"interactions/impressions", 2}, {"interactions/views", 1},
                {"likes/followers", 10}, {"likes+comments/followers", 26},
                {"likes+reposts+replies+quotes/followers", 8}, {"unknown", 23}};
    size_t total = 0;
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        size_t n = 0;
        for (size_t i = 0; i < p.n; i++)
            n += strcmp(p.rows[i].definition, want[k].def) == 0;
        if (n != want[k].n)
            fprintf(stderr, "\n  %s: %zu rows, R says %zu\n", want[k].def, n, want[k].n);
        CU_ASSERT_EQUAL(n, want[k].n);
        total += n;
    }
    CU_ASSERT_EQUAL(total, p.n);
    for (size_t i = 0; i < p.n; i++) {
        const es_published_row *r = &p.rows[i];
        CU_ASSERT_TRUE(r->er > 0 && r->er < 1);
        CU_ASSERT_TRUE(isnan(r->er_high) || (r->er_high > r->er && r->er_high < 1));
        CU_ASSERT_TRUE(*r->source && *r->tier && *r->confidence);
        CU_ASSERT_TRUE(strchr("ABC", r->confidence[0]) != NULL);
        CU_ASSERT_TRUE(isnan(r->lo) || isnan(r->hi) || r->lo < r->hi);
    }
    es_published_free(&p);
    es_published_free(&p); /* harmless twice */
}

static void key_of(const char *spec, const char *want)
{
    es_er_def d;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, spec, &err), ES_OK);
    es_buf b = {0};
    CU_ASSERT_EQUAL(es_published_def_key(&d, &b), ES_OK);
    CU_ASSERT_STRING_EQUAL(b.data, want);
    es_buf_free(&b);
}

/* Kim's definition on Instagram: the HypeAuditor (and TrendHERO) rows; Captiv8's per
 * impression rows and the ranges are listed with the reason. */
static void test_published_match(void)
{
    key_of("likes+comments/followers", "likes+comments/followers");
    key_of("(likes + comments) / followers", "likes+comments/followers");
    key_of("likes/followers", "likes/followers");
    es_published p;
    CU_ASSERT_EQUAL_FATAL(load(&p), ES_OK);
    es_reference r;
    es_results *res = es_results_alloc("test");
    es_err err = {0};
    size_t n_other = 0;
    CU_ASSERT_EQUAL_FATAL(es_published_match(&p, "likes+comments/followers", "Instagram", &r, &n_other, res, &err),
                          ES_OK);
    CU_ASSERT_EQUAL(r.n, 15);
    CU_ASSERT_EQUAL(n_other, 77);
    CU_ASSERT_STRING_EQUAL(r.path, ES_PUB_FILE);
    CU_ASSERT_STRING_EQUAL(r.sha256, p.sha256);
    for (size_t i = 0; i < r.n; i++) {
        CU_ASSERT_TRUE(strncmp(r.rows[i].band, "HypeAuditor", 11) == 0 || strncmp(r.rows[i].band, "TrendHERO", 9) == 0);
        CU_ASSERT_PTR_NULL(r.rows[i].platform);
        CU_ASSERT_TRUE(isnan(r.rows[i].q25) && isnan(r.rows[i].q75));
    }
    CU_ASSERT_STRING_EQUAL(r.rows[0].band, "HypeAuditor via Statista 2021: nano 1k–10k");
    ES_ASSERT_REL(r.rows[0].median, 0.0253, 0);
    CU_ASSERT_EQUAL(r.rows[0].lo, 1000);
    CU_ASSERT_EQUAL(r.rows[0].hi, 10000);
    CU_ASSERT_TRUE(isinf(r.rows[1].hi)); /* ">1M": open above */
    es_rtable *t = es_results_find_table(res, "published_other");
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->n_rows, 77);
    size_t captiv8 = 0, ranges = 0, threshold = 0, no_edges = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const es_cell *src = es_rtable_cell(t, i, "source"), *why = es_rtable_cell(t, i, "reason");
        CU_ASSERT_TRUE_FATAL(src && why && why->type == ES_CELL_STR && why->str[0]);
        if (strncmp(src->str, "Captiv8", 7) == 0) {
            captiv8++;
            CU_ASSERT_PTR_NOT_NULL(strstr(why->str, "definition interactions/"));
        }
        ranges += strstr(why->str, "a range (") != NULL;
        threshold += strstr(why->str, "a threshold, not a typical value") != NULL;
        no_edges += strstr(why->str, "no follower edges (tier '") != NULL;
    }
    CU_ASSERT_EQUAL(captiv8, 2);
    CU_ASSERT_EQUAL(threshold, 3);  /* TrendHERO's "good" rates */
    CU_ASSERT_EQUAL(ranges, 16);    /* HypeAuditor 2018, help centre, Later, Social Cat 6, Influencer Hero 7 */
    CU_ASSERT_EQUAL(no_edges, 16);
    /* Matched to the hypeauditor bands by follower edges: several rows in one band. */
    es_bands b;
    CU_ASSERT_EQUAL_FATAL(es_bands_parse(&b, "hypeauditor", NULL, &err), ES_OK);
    const es_ref_band *m[32];
    static const size_t per_band[] = {7, 1, 0, 0, 6};
    for (size_t k = 0; k < b.n; k++)
        CU_ASSERT_EQUAL(es_reference_match(&r, &b, k, NULL, m, 32), per_band[k]);
    CU_ASSERT_EQUAL(es_reference_match(&r, &b, 0, "instagram", m, 32), 7);
    es_bands_free(&b);
    es_reference_free(&r);
    es_results_free(res);
    /* Platform ignoring case; NULL is any; another platform none. */
    CU_ASSERT_EQUAL(es_published_match(&p, "Likes+Comments/Followers", "instagram", &r, &n_other, NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(r.n, 15);
    es_reference_free(&r);
    CU_ASSERT_EQUAL(es_published_match(&p, "likes+comments/followers", NULL, &r, &n_other, NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(r.n, 15);
    es_reference_free(&r);
    CU_ASSERT_EQUAL(es_published_match(&p, "likes+comments/followers", "TikTok", &r, &n_other, NULL, &err), ES_OK);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_EQUAL(n_other, 92);
    es_reference_free(&r);
    es_published_free(&p);
    es_err_clear(&err);
}

/* Two references as one: rows of both, the legend naming both files' base names. */
static void test_reference_append(void)
{
    es_published p;
    CU_ASSERT_EQUAL_FATAL(load(&p), ES_OK);
    es_reference a, b;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_published_match(&p, "likes+comments/followers", NULL, &a, NULL, NULL, &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(es_published_match(&p, "interactions/followers", "TikTok", &b, NULL, NULL, &err), ES_OK);
    size_t na = a.n, nb = b.n;
    CU_ASSERT_EQUAL(nb, 6); /* The Influencer Marketing Factory's TikTok tiers (ranges and 'all' left out) */
    CU_ASSERT_EQUAL(es_reference_append(&a, &b, &err), ES_OK);
    CU_ASSERT_EQUAL(a.n, na + nb);
    CU_ASSERT_EQUAL(a.n_notes, 2);
    CU_ASSERT_STRING_EQUAL(a.path, "published_benchmarks.csv + published_benchmarks.csv");
    CU_ASSERT_STRING_EQUAL(a.rows[na].band, b.rows[0].band);
    CU_ASSERT_PTR_NOT_EQUAL(a.rows[na].band, b.rows[0].band);
    es_reference_free(&a);
    es_reference_free(&b);
    es_published_free(&p);
    es_err_clear(&err);
}

/* Bad files: the error names the file, the line and the column; nothing is kept. */
static void refused(const char *text, const char *msg)
{
    const char *path = es_test_tmpfile(text, strlen(text));
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    es_published p;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_published_load(path, &p, &err), ES_EDOM);
    CU_ASSERT_EQUAL(p.n, 0);
    CU_ASSERT_PTR_NULL(p.rows);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    if (strstr(err.msg, msg) == NULL || strstr(err.msg, path) == NULL)
        fprintf(stderr, "\n  '%s' lacks '%s' or the path\n", err.msg, msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
    es_err_clear(&err);
}

static void test_published_refused(void)
{
    static const char head[] = "id,source,year,platform,definition,statistic,tier,followers_low,followers_high,er\n";
    char text[512];
    snprintf(text, sizeof text, "%s1,A,2020,Instagram,likes/followers,mean,nano,1000,10000,0.02\n"
             "2,B,2021,Instagram,likes/followers,mean,micro,10000,50000,2.5\n", head);
    refused(text, "line 3: column 'er': 2.5 is not a proportion in (0, 1)");
    snprintf(text, sizeof text, "%s1,A,2020,Instagram,likes/followers,mean,nano,10000,1000,0.02\n", head);
    refused(text, "line 2: followers_low 10000 and followers_high 1000 are not increasing");
    snprintf(text, sizeof text, "%s1,A,2020,Instagram,,mean,nano,1000,10000,0.02\n", head);
    refused(text, "line 2: column 'definition' is empty");
    snprintf(text, sizeof text, "%s1,A,twenty,Instagram,likes/followers,mean,nano,1000,10000,0.02\n", head);
    refused(text, "line 2: column 'year': 'twenty' is not a number");
    refused("id,source,definition,statistic,tier\n1,A,likes/followers,mean,nano\n", "no column 'er'");
}

/* The numbers of the doc's line: each token of digits (with ',' between thousands and an
 * optional fraction) as a value, "2 million" and "3.5M" scaled.  At most max. */
static size_t doc_numbers(const char *line, double *v, size_t max)
{
    size_t m = 0;
    for (const char *p = line; *p && m < max;) {
        if (!isdigit((unsigned char)*p) || (p > line && (isalpha((unsigned char)p[-1]) || p[-1] == '.'))) {
            p++;
            continue;
        }
        char digits[64];
        size_t n = 0;
        for (; (isdigit((unsigned char)*p) || ((*p == ',' || *p == '.') && isdigit((unsigned char)p[1]))) && n < 63;
             p++)
            if (*p != ',')
                digits[n++] = *p;
        digits[n] = '\0';
        double x = strtod(digits, NULL);
        v[m++] = x;
        if (m < max && strncmp(p, " million", 8) == 0)
            v[m++] = x * 1e6;
        else if (m < max && *p == 'M')
            v[m++] = x * 1e6;
    }
    return m;
}

static int doc_has(const double *v, size_t m, double x)
{
    for (size_t i = 0; i < m; i++)
        if (fabs(v[i] - x) <= 1e-9 * fmax(1, fabs(x)))
            return 1;
    return 0;
}

/* Every number of the CSV is in the doc's line for its id: er (and er_high) times 100,
 * the edges and n. */
static void test_published_in_doc(void)
{
    const char *path = es_test_shared("docs/published-figures.md");
    if (path == NULL)
        return;
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char lines[40][4096];
    char buf[4096];
    while (fgets(buf, sizeof buf, f) != NULL) {
        int id;
        if (sscanf(buf, "| %d |", &id) == 1 && id > 0 && id < 40 && buf[2] != ' ')
            snprintf(lines[id], sizeof lines[id], "%s", buf);
    }
    fclose(f);
    es_published p;
    CU_ASSERT_EQUAL_FATAL(load(&p), ES_OK);
    size_t checked = 0;
    for (size_t i = 0; i < p.n; i++) {
        const es_published_row *r = &p.rows[i];
        int id = atoi(r->id);
        CU_ASSERT_TRUE_FATAL(id > 0 && id < 40);
        CU_ASSERT_TRUE(lines[id][0] != '\0');
        double v[256];
        size_t m = doc_numbers(lines[id], v, 256);
        double want[] = {100 * r->er, 100 * r->er_high, r->lo, r->hi, r->n};
        const char *what[] = {"er", "er_high", "followers_low", "followers_high", "n"};
        for (size_t k = 0; k < 5; k++) {
            if (isnan(want[k]))
                continue;
            /* Edges are written "1k", "10–50k", "1M": count them as thousands too. */
            int ok = doc_has(v, m, want[k]) || (k >= 2 && k <= 3 && (doc_has(v, m, want[k] / 1e3) ||
                                                                     doc_has(v, m, want[k] / 1e6)));
            if (!ok)
                fprintf(stderr, "\n  row %zu (id %d, %s): %s %.10g not in the doc's line\n", i + 2, id, r->tier,
                        what[k], want[k]);
            CU_ASSERT_TRUE(ok);
            checked++;
        }
    }
    CU_ASSERT_TRUE(checked > 2 * p.n);
    es_published_free(&p);
}

int es_suite_published(void)
{
    CU_pSuite s = CU_add_suite("published", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "benchmarks file parses", test_published_load) ||
        !CU_add_test(s, "matching our definition", test_published_match) ||
        !CU_add_test(s, "two references as one", test_reference_append) ||
        !CU_add_test(s, "bad files refused", test_published_refused) ||
        !CU_add_test(s, "every number is in published-figures.md", test_published_in_doc))
        return -1;
    return 0;
}
