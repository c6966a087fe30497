/* test_meta.c — es_meta_run: the random-effects summary against metafor (DL and REML,
 * with and without Knapp-Hartung), the definition-matching rule, fewer than two pooled
 * items, an item without an interval, and the argument errors.  Every expected number
 * comes from tests/reference/meta.R (R 4.2.2, metafor 3.8.1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engagestat/meta.h"
#include "engagestat/plot.h"
#include "testutil.h"

#define DEF_F "er=likes+comments/followers; unit=account; account_er=median; bands=hypeauditor"
#define DEF_V "er=(likes+comments)/views; unit=account; account_er=median; bands=hypeauditor"

/* The heterogeneous set of meta.R ("het"): Kim, TIDES TikTok and two more. */
static const es_meta_item het[] = {
    {"kim2020-instagram-sample", DEF_F, 1.27, 1.15, 1.39, 120, 40},
    {"tides-tiktok", DEF_F, 2.73, 2.1, 3.5, 300, 25},
    {"c", DEF_F, 1.52, 1.21, 1.91, NAN, NAN},
    {"d", DEF_F, 1.08, 0.91, 1.28, 50, 50},
};
/* The homogeneous set ("hom"): Q < k - 1, tau2 = 0. */
static const es_meta_item hom[] = {
    {"a", DEF_F, 1.30, 1.10, 1.54, 10, 10},
    {"b", DEF_F, 1.25, 1.05, 1.49, 10, 10},
    {"c", DEF_F, 1.28, 1.12, 1.46, 10, 10},
};

typedef struct want {
    double est, lo, hi, tau2, i2, h2, q, qp, w1;
} want;

static es_results *run(const es_meta_item *it, size_t n, int method, int kh)
{
    es_meta_opts o;
    es_meta_opts_init(&o);
    o.method = method;
    o.knapp_hartung = kh;
    es_results *r = es_results_alloc("reproduce");
    es_err err = {0};
    CU_ASSERT_EQUAL(es_meta_run(it, n, &o, r, &err), ES_OK);
    es_err_clear(&err);
    return r;
}

static double value(const es_results *r, const char *name)
{
    for (size_t i = 0; i < r->n_values; i++)
        if (strcmp(r->values[i].name, name) == 0)
            return r->values[i].value.type == ES_CELL_NUM ? r->values[i].value.num
                   : r->values[i].value.type == ES_CELL_INT ? (double)r->values[i].value.i : NAN;
    return -1;
}

static const char *str(const es_rtable *t, size_t row, const char *col)
{
    const es_cell *c = es_rtable_cell(t, row, col);
    return c != NULL && c->type == ES_CELL_STR ? c->str : "";
}

static void check(const es_meta_item *it, size_t n, int method, int kh, want w)
{
    es_results *r = run(it, n, method, kh);
    const es_rtable *p = es_results_find_table(r, "pooled"), *d = es_results_find_table(r, "datasets");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    double tol = 1e-8;
    ES_ASSERT_REL(es_rtable_num(p, 0, "estimate"), w.est, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "ci_low"), w.lo, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "ci_high"), w.hi, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "tau2"), w.tau2, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "tau"), sqrt(w.tau2), tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "i2"), w.i2, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "h2"), w.h2, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "q"), w.q, tol);
    ES_ASSERT_REL(es_rtable_num(p, 0, "q_df"), (double)(n - 1), 0);
    ES_ASSERT_REL(es_rtable_num(p, 0, "q_p_value"), w.qp, tol);
    ES_ASSERT_REL(es_rtable_num(d, 0, "weight"), w.w1, tol);
    ES_ASSERT_REL(value(r, "meta_ratio"), w.est, tol);
    ES_ASSERT_REL(value(r, "meta_tau2"), w.tau2, tol);
    ES_ASSERT_REL(value(r, "meta_i2"), w.i2, tol);
    ES_ASSERT_REL(value(r, "meta_k"), (double)n, 0);
    CU_ASSERT_STRING_EQUAL(str(p, 0, "method"), method == ES_META_DL ? "DL" : "REML");
    double wsum = 0;
    for (size_t i = 0; i < n; i++)
        wsum += es_rtable_num(d, i, "weight");
    ES_ASSERT_REL(wsum, 100, 1e-12);
    es_results_free(r);
}

/* meta.R: het DL z, het DL knha, het REML z, het REML knha. */
static void test_het(void)
{
    check(het, 4, ES_META_DL, 0, (want){1.5211098534533416, 1.1149742948270123, 2.0751825373981632, 0.090661585447198226,
                                        92.180595856896005, 12.788698239646672, 38.366094718940019,
                                        2.3644456772469047e-08, 27.005381582971488});
    check(het, 4, ES_META_DL, 1, (want){1.5211098534533416, 0.80792319556721537, 2.8638553750748845, 0.090661585447198226,
                                        92.180595856896005, 12.788698239646672, 38.366094718940019,
                                        2.3644456772469047e-08, 27.005381582971488});
    check(het, 4, ES_META_REML, 0, (want){1.5293775218962031, 1.0374478219767824, 2.2545669815225815,
                                          0.14692345910322741, 95.025967551037354, 20.104412471385288,
                                          38.366094718940019, 2.3644456772469047e-08, 26.268594625178508});
    check(het, 4, ES_META_REML, 1, (want){1.5293775218962031, 0.80901752609791622, 2.8911556660124571,
                                          0.14692345910322741, 95.025967551037354, 20.104412471385288,
                                          38.366094718940019, 2.3644456772469047e-08, 26.268594625178508});
}

/* meta.R: hom (tau2 truncated at 0 by both methods). */
static void test_hom(void)
{
    want z = {1.2776789145813856, 1.1683199622038469, 1.3972742584030569, 0, 0, 1, 0.10160458859772137,
              0.95046656461651602, 28.287654433962032};
    want kh = z;
    kh.lo = 1.2223450729674084;
    kh.hi = 1.3355176413505243;
    check(hom, 3, ES_META_DL, 0, z);
    check(hom, 3, ES_META_REML, 0, z);
    check(hom, 3, ES_META_DL, 1, kh);
    check(hom, 3, ES_META_REML, 1, kh);
}

/* meta.R: pair DL z — Kim and TIDES pooled, VN per view left out with the differing part named. */
static void test_definitions(void)
{
    const es_meta_item it[] = {
        {"kim2020-instagram-sample", DEF_F, 1.27, 1.15, 1.39, 120, 40},
        {"vn-feed", DEF_V, 0.88, 0.82, 0.95, 80, 30},
        /* the same parts, another order and spacing: the same definition */
        {"tides-tiktok", "bands=hypeauditor;er=likes+comments/followers ;unit=account;account_er=median", 2.73, 2.1, 3.5,
         300, 25},
    };
    es_results *r = run(it, 3, ES_META_DL, 0);
    const es_rtable *p = es_results_find_table(r, "pooled"), *d = es_results_find_table(r, "datasets");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    ES_ASSERT_REL(es_rtable_num(p, 0, "k"), 2, 0);
    ES_ASSERT_REL(es_rtable_num(p, 0, "estimate"), 1.8442848699956425, 1e-8);
    ES_ASSERT_REL(es_rtable_num(p, 0, "ci_low"), 0.87141307885301555, 1e-8);
    ES_ASSERT_REL(es_rtable_num(p, 0, "tau2"), 0.28317031094685058, 1e-8);
    ES_ASSERT_REL(es_rtable_num(p, 0, "i2"), 96.701150683665432, 1e-8);
    CU_ASSERT_STRING_EQUAL(str(d, 0, "pooled"), "yes");
    CU_ASSERT_STRING_EQUAL(str(d, 1, "pooled"), "no");
    CU_ASSERT_STRING_EQUAL(str(d, 2, "pooled"), "yes");
    CU_ASSERT_STRING_EQUAL(str(d, 1, "reason"), "definition differs: er: (likes+comments)/views vs likes+comments/followers");
    CU_ASSERT_STRING_EQUAL(str(d, 0, "reason"), "");
    CU_ASSERT_TRUE(isnan(es_rtable_num(d, 1, "weight")));
    ES_ASSERT_REL(es_rtable_num(d, 0, "weight"), 51.250208805752841, 1e-8);
    CU_ASSERT_PTR_NOT_NULL(strstr(str(p, 0, "note"), "2 of 3 datasets pooled, 1 not pooled"));
    es_results_free(r);

    /* A part one definition lacks is named with "(none)". */
    const es_meta_item it2[] = {
        {"a", "er=likes/followers", 1.2, 1.1, 1.3, 1, 1},
        {"b", "er=likes/followers", 1.3, 1.1, 1.5, 1, 1},
        {"c", "er=likes/followers; max_er=1", 1.4, 1.2, 1.6, 1, 1},
    };
    r = run(it2, 3, ES_META_DL, 0);
    d = es_results_find_table(r, "datasets");
    CU_ASSERT_STRING_EQUAL(str(d, 2, "reason"), "definition differs: max_er: 1 vs (none)");
    es_results_free(r);

    /* Two groups of two: the group met first is pooled. */
    const es_meta_item it3[] = {
        {"a", "er=x", 1.2, 1.1, 1.3, 1, 1},
        {"b", "er=y", 1.3, 1.1, 1.5, 1, 1},
        {"c", "er=y", 1.4, 1.2, 1.6, 1, 1},
        {"d", "er=x", 1.1, 1.0, 1.2, 1, 1},
    };
    r = run(it3, 4, ES_META_DL, 0);
    d = es_results_find_table(r, "datasets");
    CU_ASSERT_STRING_EQUAL(str(d, 0, "pooled"), "yes");
    CU_ASSERT_STRING_EQUAL(str(d, 1, "pooled"), "no");
    CU_ASSERT_STRING_EQUAL(str(d, 2, "pooled"), "no");
    CU_ASSERT_STRING_EQUAL(str(d, 3, "pooled"), "yes");
    CU_ASSERT_STRING_EQUAL(str(d, 1, "reason"), "definition differs: er: y vs x");
    es_results_free(r);
}

/* Fewer than 2 pooled items: no summary, the note and a warning say why. */
static void test_too_few(void)
{
    const es_meta_item it[] = {
        {"kim", DEF_F, 1.27, 1.15, 1.39, 120, 40},
        {"vn-feed", DEF_V, 0.88, 0.82, 0.95, 80, 30},
    };
    es_results *r = run(it, 2, ES_META_REML, 0);
    const es_rtable *p = es_results_find_table(r, "pooled"), *d = es_results_find_table(r, "datasets");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    ES_ASSERT_REL(es_rtable_num(p, 0, "k"), 1, 0);
    CU_ASSERT_TRUE(isnan(es_rtable_num(p, 0, "estimate")));
    CU_ASSERT_TRUE(isnan(es_rtable_num(p, 0, "tau2")));
    CU_ASSERT_TRUE(isnan(es_rtable_num(d, 0, "weight")));
    CU_ASSERT_STRING_EQUAL(str(p, 0, "note"), "no summary: no 2 datasets with a finite interval share a definition; "
                                              "1 not pooled (1 definition differs, 0 no interval)");
    CU_ASSERT_TRUE(isnan(value(r, "meta_ratio")));
    ES_ASSERT_REL(value(r, "meta_k"), 1, 0);
    CU_ASSERT_EQUAL_FATAL(r->n_warnings, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r->warnings[0], "no summary"));
    es_results_free(r);

    /* A single item. */
    r = run(it, 1, ES_META_DL, 0);
    p = es_results_find_table(r, "pooled");
    CU_ASSERT_STRING_EQUAL(str(p, 0, "note"), "no summary: fewer than 2 datasets have a finite interval");
    es_results_free(r);
}

/* An item without an interval is listed, not pooled; the rest as meta.R's pair. */
static void test_no_interval(void)
{
    const es_meta_item it[] = {
        {"kim2020-instagram-sample", DEF_F, 1.27, 1.15, 1.39, 120, 40},
        {"small", DEF_F, 1.9, NAN, NAN, 4, 3},
        {"tides-tiktok", DEF_F, 2.73, 2.1, 3.5, 300, 25},
        {"zero", DEF_F, 1.5, 0, 2.5, 9, 9},
    };
    es_results *r = run(it, 4, ES_META_DL, 0);
    const es_rtable *p = es_results_find_table(r, "pooled"), *d = es_results_find_table(r, "datasets");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    ES_ASSERT_REL(es_rtable_num(p, 0, "k"), 2, 0);
    ES_ASSERT_REL(es_rtable_num(p, 0, "estimate"), 1.8442848699956425, 1e-8);
    ES_ASSERT_REL(es_rtable_num(p, 0, "ci_high"), 3.9033000126322044, 1e-8);
    CU_ASSERT_STRING_EQUAL(str(d, 1, "pooled"), "no");
    CU_ASSERT_STRING_EQUAL(str(d, 1, "reason"), "no finite interval");
    CU_ASSERT_STRING_EQUAL(str(d, 3, "reason"), "no finite interval");
    CU_ASSERT_TRUE(isnan(es_rtable_num(d, 1, "se")));
    ES_ASSERT_REL(es_rtable_num(d, 1, "ratio"), 1.9, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(str(p, 0, "note"), "2 not pooled (0 definition differs, 2 no interval)"));
    es_results_free(r);
}

static void test_errors(void)
{
    es_meta_opts o;
    es_meta_opts_init(&o);
    es_results *r = es_results_alloc("reproduce");
    es_err err = {0};
    CU_ASSERT_EQUAL(es_meta_run(het, 0, &o, r, &err), ES_EEMPTY);
    o.conf = 1;
    CU_ASSERT_EQUAL(es_meta_run(het, 4, &o, r, &err), ES_EINVAL);
    es_meta_opts_init(&o);
    o.method = 7;
    CU_ASSERT_EQUAL(es_meta_run(het, 4, &o, r, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg);
    CU_ASSERT_EQUAL(r->n_tables, 0);
    es_err_clear(&err);
    es_results_free(r);
}

static char *slurp(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *s = calloc(1, 8192);
    if (s != NULL && fread(s, 1, 8191, f) == 0)
        s[0] = '\0';
    fclose(f);
    return s;
}

static long file_size(const char *dir, const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Figure options for the tests: the repository's templates, PNG. */
static void forest_opts(es_plot_opts *o)
{
    es_plot_opts_init(o);
    o->script_dir = "scripts";
}

static void remove_dir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

/* The forest across datasets: Kim, TIDES TikTok and VN feed per view (another
 * definition, so not pooled); labels travel in the data file, escaped; PNG and PDF
 * rendered when gnuplot is on PATH (ENGAGESTAT_KEEP_FOREST=1 keeps the directory). */
static void test_forest(void)
{
    const es_meta_item it[] = {
        {"kim2020-instagram-sample", DEF_F, 1.27, 1.15, 1.39, 120, 40},
        {"TIDES TikTok", DEF_F, 2.73, 2.1, 3.5, 300, 25},
        {"VN feed \"per view\"", DEF_V, 0.88, 0.82, 0.95, 80, 30},
    };
    es_results *r = run(it, 3, ES_META_DL, 0);
    char dir[] = "/tmp/es_meta_forest_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    es_plot_opts o;
    forest_opts(&o);
    o.formats = ES_PLOT_PNG | ES_PLOT_PDF;
    es_plot_report rep = {0};
    es_err err = {0};
    int rc = es_plot_meta_forest(r, &o, dir, "datasets_forest", &rep, &err);
    if (rep.gnuplot_missing)
        printf("\n  SKIP: gnuplot not found on PATH; the forest across datasets not rendered ");
    else {
        CU_ASSERT_EQUAL(rc, ES_OK);
        if (rc != ES_OK)
            printf("\n  %s\n", err.msg ? err.msg : "");
        CU_ASSERT_TRUE(file_size(dir, "datasets_forest.png") > 1000);
        CU_ASSERT_TRUE(file_size(dir, "datasets_forest.pdf") > 1000);
        CU_ASSERT_EQUAL(file_size(dir, "datasets_forest.log"), -1); /* gnuplot said nothing */
        CU_ASSERT_EQUAL(rep.n_warnings, 0);
    }
    char *tsv = slurp(dir, "datasets_forest.tsv"), *gp = slurp(dir, "datasets_forest.gp");
    char *dia = slurp(dir, "datasets_forest_diamond.tsv"), *note = slurp(dir, "datasets_forest_note.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dia);
    CU_ASSERT_PTR_NOT_NULL_FATAL(note);
    /* Rows top down, the unpooled one marked; '"' travels as byte 1; the summary at y = 0
     * with the pooled estimate of meta.R's pair (DL). */
    CU_ASSERT_PTR_NOT_NULL(strstr(tsv, "3\t\"kim2020-instagram-sample\"\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(tsv, "1\t\"VN feed \001per view\001 *\"\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(tsv, "0\t\"Pooled (DL, k = 2)\"\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(tsv, "\t1.84428486999564"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dia, "0.87141307885301"));
    CU_ASSERT_PTR_NOT_NULL(strstr(note, "I\xC2\xB2 = 96.7%; * not pooled"));
    CU_ASSERT_PTR_NULL(strstr(gp, "VN")); /* no label in the script */
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "has_summary = 1"));
    free(tsv);
    free(gp);
    free(dia);
    free(note);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_results_free(r);
    if (getenv("ENGAGESTAT_KEEP_FOREST") == NULL)
        remove_dir(dir);
    else
        printf("\n  kept %s ", dir);
}

/* No summary: no diamond in range, the note says so; a results tree without the tables
 * is refused. */
static void test_forest_no_summary(void)
{
    const es_meta_item it[] = {
        {"kim", DEF_F, 1.27, 1.15, 1.39, 120, 40},
        {"vn-feed", DEF_V, 0.88, 0.82, 0.95, 80, 30},
    };
    es_results *r = run(it, 2, ES_META_DL, 0);
    char dir[] = "/tmp/es_meta_forest_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    es_plot_opts o;
    forest_opts(&o);
    es_plot_report rep = {0};
    es_err err = {0};
    int rc = es_plot_meta_forest(r, &o, dir, "f", &rep, &err);
    CU_ASSERT_TRUE(rc == ES_OK || rep.gnuplot_missing);
    if (!rep.gnuplot_missing)
        CU_ASSERT_EQUAL(rep.n_warnings, 0);
    char *gp = slurp(dir, "f.gp"), *note = slurp(dir, "f_note.tsv");
    CU_ASSERT_TRUE(gp != NULL && strstr(gp, "has_summary = 0") != NULL);
    CU_ASSERT_TRUE(note != NULL && strstr(note, "\"no summary; * not pooled") != NULL);
    free(gp);
    free(note);
    es_plot_report_free(&rep);
    es_results *empty = es_results_alloc("reproduce");
    CU_ASSERT_EQUAL(es_plot_meta_forest(empty, &o, dir, "f", &rep, &err), ES_EINVAL);
    /* A base name that would overwrite the template or the theme. */
    CU_ASSERT_EQUAL(es_plot_meta_forest(r, &o, dir, "meta_forest", &rep, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_meta_forest(r, &o, dir, "theme", &rep, &err), ES_EINVAL);
    o.script_dir = NULL;
    CU_ASSERT_EQUAL(es_plot_meta_forest(r, &o, dir, "f", &rep, &err), ES_EINVAL);
    es_results_free(empty);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_results_free(r);
    remove_dir(dir);
}

int es_suite_meta(void)
{
    CU_pSuite s = CU_add_suite("meta", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "DL and REML, with and without Knapp-Hartung, against metafor", test_het) ||
        !CU_add_test(s, "tau2 = 0 when Q < k - 1", test_hom) ||
        !CU_add_test(s, "only matching definitions pooled; the differing part named", test_definitions) ||
        !CU_add_test(s, "fewer than 2 pooled: no summary, the note says why", test_too_few) ||
        !CU_add_test(s, "items without an interval are not pooled", test_no_interval) ||
        !CU_add_test(s, "argument errors", test_errors) ||
        !CU_add_test(s, "forest across datasets: files, labels, rendering", test_forest) ||
        !CU_add_test(s, "forest across datasets without a summary", test_forest_no_summary))
        return -1;
    return 0;
}
