/* test_plot.c — figures: the data-field encoding, option parsing, the small estimators
 * behind the figures, the data files written, gnuplot rendering (PNG/SVG/PDF/tex),
 * and that labels from data can never run code.  Expected values come from
 * tests/reference/plot.R (R 4.2.2; run `Rscript tests/reference/plot.R` from the
 * repository root), which also wrote the input tests/data/plot-units.tsv.
 * Tests that run gnuplot print SKIP when it is not on PATH.  The estimators themselves
 * (median CI, lognormal/gamma MLE, power law) are those of descriptive.h, fit.h and
 * powerlaw.h; here R checks that the figures carry exactly their numbers. */
#define _XOPEN_SOURCE 700 /* wcswidth */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "engagestat/bands.h"
#include "engagestat/bootstrap.h"
#include "engagestat/buf.h"
#include "engagestat/engagement.h"
#include "engagestat/error.h"
#include "engagestat/plot.h"
#include "engagestat/quantile.h"
#include "plot/plot_internal.h"
#include "testutil.h"

/* ---------------------------------------------------------------- helpers */

typedef struct {
    size_t n;
    double followers[200], er[200];
    int band[200];
    uint32_t niche[200];
    size_t n_posts[200];
    es_dict *dict;
    es_units u;
} es_tunits;

static const double es_hype_edges[] = {1000, 10000, 50000, 500000, 1000000};

static int es_classify(double f)
{
    int b = -1;
    for (int i = 0; i < 5; i++)
        if (f >= es_hype_edges[i])
            b = i;
    return b;
}

/* Read tests/data/plot-units.tsv (followers, er, niche) into units with the
 * hypeauditor bands; niche names replaced by names[] when given (3 of them). */
static int es_tunits_load(es_tunits *t, const char *const *names)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(es_test_data("plot-units.tsv"), "r");
    if (f == NULL)
        return -1;
    char line[256];
    t->dict = es_dict_alloc();
    if (fgets(line, sizeof line, f) == NULL || t->dict == NULL) {
        fclose(f);
        return -1;
    }
    static const char *const plain[] = {"food", "travel", "beauty"};
    while (t->n < 200 && fgets(line, sizeof line, f) != NULL) {
        char niche[64];
        if (sscanf(line, "%lf\t%lf\t%63s", &t->followers[t->n], &t->er[t->n], niche) != 3)
            break;
        const char *name = niche;
        for (int k = 0; k < 3 && names; k++)
            if (strcmp(niche, plain[k]) == 0)
                name = names[k];
        int added;
        es_dict_intern(t->dict, name, strlen(name), &t->niche[t->n], &added);
        t->band[t->n] = es_classify(t->followers[t->n]);
        t->n_posts[t->n] = 1;
        t->n++;
    }
    fclose(f);
    t->u.n = t->n;
    t->u.er = t->er;
    t->u.followers = t->followers;
    t->u.band = t->band;
    t->u.niche = t->niche;
    t->u.n_posts = t->n_posts;
    t->u.niche_dict = t->dict;
    return t->n == 80 ? 0 : -1;
}

static char *es_hype_names[] = {"nano", "micro", "mid", "macro", "mega"};

static es_bands es_hype(char **names)
{
    es_bands b = {.n = 5, .edges = (double *)es_hype_edges, .names = names, .label = "hypeauditor"};
    return b;
}

static char *es_tmpdir(void)
{
    static char dir[64];
    strcpy(dir, "/tmp/es_plot_XXXXXX");
    return mkdtemp(dir);
}

static void es_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static char *es_slurp(const char *dir, const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    es_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        es_buf_append(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return b.data ? b.data : es_strdup("");
}

static int es_exists(const char *dir, const char *name)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

static int es_have_gnuplot(void)
{
    const char *p = getenv("PATH");
    char path[1024];
    while (p && *p) {
        const char *e = strchr(p, ':');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        snprintf(path, sizeof path, "%.*s/gnuplot", (int)n, p);
        if (access(path, X_OK) == 0)
            return 1;
        if (e == NULL)
            break;
        p = e + 1;
    }
    printf("\n  SKIP: gnuplot not found on PATH; figures not rendered ");
    return 0;
}

/* Value of "name = number" in a figure script. */
static double es_script_value(const char *dir, const char *script, const char *name)
{
    char *s = es_slurp(dir, script, NULL);
    double v = NAN;
    if (s == NULL)
        return v;
    size_t n = strlen(name);
    for (char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, name, n) == 0 && strncmp(p + n, " = ", 3) == 0) {
            v = strtod(p + n + 3, NULL);
            break;
        }
    free(s);
    return v;
}

/* Field `col` (1-based) of the data line whose first field is `key`. */
static double es_tsv_value(const char *dir, const char *file, const char *key, int col)
{
    char *s = es_slurp(dir, file, NULL);
    double v = NAN;
    if (s == NULL)
        return v;
    size_t kl = strlen(key);
    for (char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (*p == '#' || strncmp(p, key, kl) != 0 || p[kl] != '\t')
            continue;
        char *q = p;
        for (int c = 1; c < col && q; c++) {
            q = strchr(q, '\t');
            if (q)
                q++;
        }
        if (q)
            v = strncmp(q, "NaN", 3) == 0 ? NAN : strtod(q, NULL);
        break;
    }
    free(s);
    return v;
}

/* Undo the XML escapes gnuplot's svg terminal writes. */
static void es_xml_unescape(char *s)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *w = s;
    for (char *r = s; *r;) {
        int hit = 0;
        for (size_t i = 0; i < 5 && !hit; i++) {
            size_t n = strlen(ents[i].ent);
            if (strncmp(r, ents[i].ent, n) == 0) {
                *w++ = ents[i].c;
                r += n;
                hit = 1;
            }
        }
        if (!hit)
            *w++ = *r++;
    }
    *w = '\0';
}

static es_plot_opts es_opts(unsigned formats)
{
    es_plot_opts o;
    es_plot_opts_init(&o);
    o.formats = formats;
    o.script_dir = "scripts";
    o.boot = 200;
    o.min_n = 5; /* the fixtures have 5 to 9 units per group; test_min_n checks the default */
    return o;
}

/* ------------------------------------------------------------------ tests */

static void test_field(void)
{
    es_buf b = {0};
    /* Exact by construction: the encoding documented in plot.h. */
    es_plot_field(&b, "micro", 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"micro\"");
    es_buf_reset(&b);
    es_plot_field(&b, "\"; system(\"id\") #", 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"\x01; system(\x01id\x01) #\"");
    es_buf_reset(&b);
    es_plot_field(&b, "a\tb\nc\rd\x02", 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"a\\\\tb\\\\nc\\\\rd\\\\x02\""); /* visible \t \n \r \x02, doubled */
    es_buf_reset(&b);
    es_plot_field(&b, "caf\xC3\xA9 \xFF", 0); /* valid UTF-8 kept, a stray byte replaced */
    CU_ASSERT_STRING_EQUAL(b.data, "\"caf\xC3\xA9 \xEF\xBF\xBD\"");
    es_buf_reset(&b);
    es_plot_field(&b, "50% a_b & $x^2 #1 {~} \\ <|>", 1);
    CU_ASSERT_STRING_EQUAL(b.data, "\"50\\\\% a\\\\_b \\\\& \\\\$x\\\\textasciicircum{}2 \\\\#1 "
                                   "\\\\{\\\\textasciitilde{}\\\\} \\\\textbackslash{} "
                                   "\\\\textless{}\\\\textbar{}\\\\textgreater{}\"");
    es_buf_reset(&b);
    es_plot_field(&b, "C:\\new\\101", 0); /* a backslash stays a backslash */
    CU_ASSERT_STRING_EQUAL(b.data, "\"C:\\\\new\\\\101\"");
    es_buf_reset(&b);
    es_plot_field(&b, "", 0);
    CU_ASSERT_STRING_EQUAL(b.data, "\"\"");
    es_buf_free(&b);
}

static void test_options(void)
{
    unsigned f = 0;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_plot_parse_formats("png", &f, &err), ES_OK);
    CU_ASSERT_EQUAL(f, ES_PLOT_PNG);
    CU_ASSERT_EQUAL(es_plot_parse_formats("svg,pdf,tex,png", &f, &err), ES_OK);
    CU_ASSERT_EQUAL(f, ES_PLOT_PNG | ES_PLOT_SVG | ES_PLOT_PDF | ES_PLOT_TEX);
    CU_ASSERT_EQUAL(es_plot_parse_formats("png,", &f, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_parse_formats("jpeg", &f, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg);
    double w, h;
    CU_ASSERT_EQUAL(es_plot_parse_size("12cm,8cm", &w, &h, &err), ES_OK);
    ES_ASSERT_REL(w, 12, 0);
    ES_ASSERT_REL(h, 8, 0);
    CU_ASSERT_EQUAL(es_plot_parse_size("4in,3in", &w, &h, &err), ES_OK);
    ES_ASSERT_REL(w, 10.16, 1e-15);
    ES_ASSERT_REL(h, 7.62, 1e-15);
    CU_ASSERT_EQUAL(es_plot_parse_size("12cm", &w, &h, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_parse_size("12px,8px", &w, &h, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_parse_size("1cm,8cm", &w, &h, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_parse_size("4.9cm,8cm", &w, &h, &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_parse_size("5cm,100cm", &w, &h, &err), ES_OK);
    CU_ASSERT_EQUAL(es_plot_parse_size("8cm,101cm", &w, &h, &err), ES_EINVAL);
    /* The canvas: 8 x 6 cm at 9 pt holds 39 PNG characters (44 per cm-point). */
    es_plot_opts co;
    es_plot_opts_init(&co);
    co.width_cm = 8;
    co.height_cm = 6;
    double chars, lines;
    es_plot_canvas(&co, &chars, &lines);
    ES_ASSERT_REL(chars, 8 * 44.0 / 9, 1e-12);
    ES_ASSERT_REL(lines, 6 * 24.0 / 9, 1e-12);
    CU_ASSERT_EQUAL(es_plot_check_canvas(&co, &err), ES_OK);
    /* 8 cm at 14 pt: 25 characters, 6 cm: 10.3 lines -> fine; 5 cm wide is not. */
    co.font = "Liberation Sans,14";
    CU_ASSERT_EQUAL(es_plot_check_canvas(&co, &err), ES_OK);
    co.width_cm = 5;
    CU_ASSERT_EQUAL(es_plot_check_canvas(&co, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "use --size 7.7cm,6.0cm or larger, or a font of at most 9.1 pt") : NULL);
    co.formats = ES_PLOT_TEX; /* LaTeX sets the text: the font does not count */
    CU_ASSERT_EQUAL(es_plot_check_canvas(&co, &err), ES_OK);
    CU_ASSERT_EQUAL(es_plot_check_font("Helvetica,9", &err), ES_OK);
    CU_ASSERT_EQUAL(es_plot_check_font("DejaVu Sans", &err), ES_OK);
    CU_ASSERT_EQUAL(es_plot_check_font("x'; system('id')", &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_check_font("Helvetica,100", &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_plot_check_font("`id`", &err), ES_EINVAL);
    es_err_clear(&err);
}

/* Data files hold the numbers: writing only (no gnuplot needed). */
static void test_write_data(void)
{
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, NULL) == 0);
    es_bands b = es_hype(es_hype_names);
    es_plot_opts o = es_opts(ES_PLOT_PNG);
    char *dir = es_tmpdir();
    CU_ASSERT_FATAL(dir != NULL);
    es_plot_report rep;
    es_err err = {0};
    int rc = es_plot_write(&t.u, &b, &o, dir, &rep, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        printf("\n  %s\n", err.msg ? err.msg : "?");
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        CU_ASSERT_TRUE(rep.written[i]);
        char name[32];
        snprintf(name, sizeof name, "fig%d.gp", i + 1);
        CU_ASSERT_TRUE(es_exists(dir, name));
    }
    CU_ASSERT_TRUE(es_exists(dir, "theme.gp"));
    CU_ASSERT_TRUE(es_exists(dir, "er_by_band.gp"));

    /* Figure 1 medians equal es_quantile_sorted on the same units, and R's values
     * (plot.R, "per band": band n median ci_low ci_high). */
    static const double r_med[5] = {0.025337200000000001, 0.0211901, 0.0131862, 0.0054240699999999996,
                                    0.0071181300000000003};
    static const double r_lo[5] = {0.018199799999999999, 0.013570499999999999, 0.0080562900000000007,
                                   0.0024418899999999999, 0.0053781599999999999};
    static const double r_hi[5] = {0.056882400000000000, 0.034031699999999998, 0.0231044000000000006,
                                   0.0079731799999999999, 0.0083959599999999992};
    static const size_t r_n[5] = {15, 15, 21, 6, 23};
    for (int k = 0; k < 5; k++) {
        double x[200];
        size_t n = 0;
        for (size_t i = 0; i < t.n; i++)
            if (t.band[i] == k)
                x[n++] = t.er[i];
        double *s;
        size_t m;
        CU_ASSERT_FATAL(es_sorted_copy(x, n, &s, &m) == ES_OK);
        char key[16];
        snprintf(key, sizeof key, "%d", k);
        double med = es_tsv_value(dir, "fig1.tsv", key, 8);
        ES_ASSERT_REL(med, es_quantile_sorted(s, m, 0.5), 1e-14);
        ES_ASSERT_REL(med, r_med[k], 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig1.tsv", key, 4), (double)r_n[k], 0);
        ES_ASSERT_REL(es_tsv_value(dir, "fig1.tsv", key, 7), es_quantile_sorted(s, m, 0.25), 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig1.tsv", key, 9), es_quantile_sorted(s, m, 0.75), 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig1.tsv", key, 11), r_lo[k], 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig1.tsv", key, 12), r_hi[k], 1e-14);
        free(s);
    }
    /* Figure 2: OLS of log10 ER on log10 followers (plot.R, "OLS ..."). */
    ES_ASSERT_REL(es_script_value(dir, "fig2.gp", "ols_slope"), -0.24924111483777558, 1e-9);
    ES_ASSERT_REL(es_script_value(dir, "fig2.gp", "ols_intercept"), -0.58798477501072122, 1e-9);
    ES_ASSERT_REL(es_script_value(dir, "fig2.gp", "ols_slope_low"), -0.30653690978822179, 1e-9);
    ES_ASSERT_REL(es_script_value(dir, "fig2.gp", "ols_slope_high"), -0.19194531988732941, 1e-9);
    ES_ASSERT_REL(es_script_value(dir, "fig2.gp", "n_zero"), 2, 0);
    /* Figure 3: lognormal and gamma MLE per band over ER > 0 (plot.R, "per band:
     * band meanlog sdlog_pop gamma_shape gamma_rate"); band 1 holds a zero. */
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "0", 7), -3.51218742365730208, 1e-13);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "0", 8), 0.62065441901353302, 1e-12);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "0", 9), 2.86275721603954425, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "0", 10), 79.77938602395045109, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 5), 15, 0); /* n */
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 6), 14, 0); /* n_positive */
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 7), -3.78734523891877828, 1e-13);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 8), 0.53299732330945415, 1e-12);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 9), 3.55325809205116316, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "1", 10), 135.36087967981455904, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "2", 9), 1.86437149474152331, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "2", 10), 96.58005743318938130, 1e-9);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "3", 7), -5.37141501755697792, 1e-14);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "3", 8), 0.48903922919743809, 1e-14);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "3", 9), 4.59205443588473017, 1e-10);
    ES_ASSERT_REL(es_tsv_value(dir, "fig3_bands.tsv", "3", 10), 882.64691675687424777, 1e-10);
    /* Figure 5: the pooled row (y = 0) is micro / mega over all niches: the ratio of
     * R's band medians (plot.R, "per band"), and the CI of the bootstrap module run
     * with the same options (B 200, seed 1, conf 0.95). */
    ES_ASSERT_REL(es_tsv_value(dir, "fig5.tsv", "0", 8), 0.0211901 / 0.0071181300000000003, 1e-14);
    {
        double xa[200], xb[200];
        size_t na = 0, nb = 0;
        for (size_t i = 0; i < t.n; i++) {
            if (t.band[i] == 1)
                xa[na++] = t.er[i];
            if (t.band[i] == 4)
                xb[nb++] = t.er[i];
        }
        es_boot_opts bo;
        es_boot_opts_default(&bo);
        bo.B = 200;
        es_boot_result br;
        CU_ASSERT_EQUAL(es_boot_two(xa, na, xb, nb, es_boot_stat2_ratio_medians, NULL, &bo, &br), ES_OK);
        ES_ASSERT_REL(es_tsv_value(dir, "fig5.tsv", "0", 9), br.bca_lo, 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig5.tsv", "0", 10), br.bca_hi, 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig5.tsv", "0", 12), br.perc_lo, 1e-14);
        ES_ASSERT_REL(es_tsv_value(dir, "fig5.tsv", "0", 13), br.perc_hi, 1e-14);
    }
    /* Figure 6: the power law (plot.R, min_tail 10 since n < 500). */
    ES_ASSERT_REL(es_script_value(dir, "fig6.gp", "pl_alpha"), 1.6631850831707720, 1e-9);
    ES_ASSERT_REL(es_script_value(dir, "fig6.gp", "pl_xmin"), 293318, 0);
    ES_ASSERT_REL(es_script_value(dir, "fig6.gp", "pl_n_tail"), 39, 0);
    ES_ASSERT_REL(es_script_value(dir, "fig6.gp", "pl_ks"), 0.17437437972914527, 1e-9);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_rmdir(dir);
    es_dict_free(t.dict);
}

static void test_errors(void)
{
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, NULL) == 0);
    es_bands b = es_hype(es_hype_names);
    es_plot_opts o = es_opts(ES_PLOT_PNG);
    es_plot_report rep = {0};
    es_err err = {0};
    char *dir = es_tmpdir();
    CU_ASSERT_FATAL(dir != NULL);
    o.script_dir = NULL;
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_EINVAL);
    o.script_dir = "tests/no-such-dir";
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_EINVAL);
    o.script_dir = "scripts";
    o.font = "Helvetica\",9";
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_EINVAL);
    o.font = NULL;
    o.formats = 0;
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_EINVAL);
    o.formats = ES_PLOT_SVG;
    es_units empty = t.u;
    empty.n = 0;
    CU_ASSERT_EQUAL(es_plot_write(&empty, &b, &o, dir, &rep, &err), ES_EEMPTY);
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, "/proc/no/such/dir", &rep, &err), ES_EIO);
    /* gnuplot missing: data and scripts are written, rendering says so. */
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    o.gnuplot = "/nonexistent/gnuplot";
    CU_ASSERT_EQUAL(es_plot_render(dir, &o, &rep, &err), ES_EIO);
    CU_ASSERT_TRUE(rep.gnuplot_missing);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "gnuplot not found") : NULL);
    CU_ASSERT_TRUE(es_exists(dir, "fig1.gp") && es_exists(dir, "fig1.tsv"));
    CU_ASSERT_FALSE(es_exists(dir, "fig1.svg"));
    /* A program that hangs is stopped after the timeout. */
    char hang[600];
    snprintf(hang, sizeof hang, "%s/hang.sh", dir);
    FILE *f = fopen(hang, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("#!/bin/sh\nsleep 30\n", f);
    fclose(f);
    chmod(hang, 0755);
    o.gnuplot = hang;
    o.timeout_s = 0.2;
    rep.gnuplot_missing = 0;
    CU_ASSERT_EQUAL(es_plot_render(dir, &o, &rep, &err), ES_EIO);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "did not finish") : NULL);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_rmdir(dir);
    es_dict_free(t.dict);
}

/* A fake gnuplot: a shell script in dir that prints text on standard error. */
static void es_fake_gnuplot(const char *dir, const char *name, const char *text, int status, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fprintf(f, "#!/bin/sh\nprintf '%s' >&2\nexit %d\n", text, status);
    fclose(f);
    chmod(path, 0755);
}

/* Whatever gnuplot prints is a warning; layout warnings fail the figure. */
static void test_warnings(void)
{
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, NULL) == 0);
    es_bands b = es_hype(es_hype_names);
    es_plot_opts o = es_opts(ES_PLOT_PNG);
    es_plot_report rep = {0};
    es_err err = {0};
    char *dir = es_tmpdir(), prog[600];
    CU_ASSERT_FATAL(dir != NULL);
    CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    es_fake_gnuplot(dir, "benign.sh", "\"er_by_band.gp\" line 9: warning: empty y range [1:1], adjusting to [0.99:1.01]\\n", 0,
                    prog, sizeof prog);
    o.gnuplot = prog;
    CU_ASSERT_EQUAL(es_plot_render(dir, &o, &rep, &err), ES_OK);
    /* one message per figure, each once although a script may repeat it */
    CU_ASSERT_EQUAL(rep.n_warnings, 7);
    CU_ASSERT_STRING_EQUAL(rep.n_warnings > 0 ? rep.warnings[0] : "",
                           "fig1: \"er_by_band.gp\" line 9: warning: empty y range [1:1], adjusting to [0.99:1.01]");
    CU_ASSERT_TRUE(rep.rendered[0] && rep.rendered[6]);
    CU_ASSERT_TRUE(es_exists(dir, "fig1.log")); /* kept for the user */
    es_plot_report_free(&rep);
    CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    es_fake_gnuplot(dir, "small.sh",
                    "\"ratio_forest.gp\" line 27: warning: Terminal canvas area too small to hold plot.\\n"
                    "\\t    Check plot boundary and font sizes.\\n"
                    "\"ratio_forest.gp\" line 27: warning: Terminal canvas area too small to hold plot.\\n"
                    "\\t    Check plot boundary and font sizes.\\n", 0, prog, sizeof prog);
    CU_ASSERT_EQUAL(es_plot_render(dir, &o, &rep, &err), ES_EIO);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "fig1.log: gnuplot could not lay fig1 out at 12cm x 8cm") : NULL);
    CU_ASSERT_FALSE(rep.rendered[0]);
    CU_ASSERT_EQUAL(rep.n_warnings, 7);
    CU_ASSERT_STRING_EQUAL(rep.n_warnings > 4 ? rep.warnings[4] : "",
                           "fig5: \"ratio_forest.gp\" line 27: warning: Terminal canvas area too small to hold plot. "
                           "Check plot boundary and font sizes.");
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_rmdir(dir);
    es_dict_free(t.dict);
}

/* The canvas model (es_plot_canvas) never promises more room than gnuplot's own
 * character cell gives, for the default font and for DejaVu Sans (the fallback
 * when a font is missing), in every format; and it is not wasteful (within 25%). */
static void test_canvas_model(void)
{
    if (!es_have_gnuplot())
        return;
    char *dir = es_tmpdir(), cwd[1024];
    CU_ASSERT_FATAL(dir != NULL && getcwd(cwd, sizeof cwd) != NULL); /* tests run from the top */
    static const char *const fonts[] = {NULL, "DejaVu Sans,9", "DejaVu Sans,14"};
    static const char *const fmts[] = {"png", "svg", "pdf", "tex"};
    for (size_t fi = 0; fi < 3; fi++)
        for (int k = 0; k < 4; k++) {
            es_plot_opts o = es_opts(1u << k);
            o.width_cm = 10;
            o.height_cm = 7;
            o.font = fonts[fi];
            double chars, lines;
            es_plot_canvas(&o, &chars, &lines);
            char cmd[2200];
            snprintf(cmd, sizeof cmd,
                     "cd %s && gnuplot -e 'fig_dir = \"\"; fig_name = \"m\"; fmt = \"%s\"; width_cm = 10; height_cm = 7; "
                     "font_name = \"%s\"; font_size = %s; canvas_chars = 40; canvas_lines = 16; load \"%s/scripts/theme.gp\"; "
                     "set xrange [0:1]; set yrange [0:1]; unset border; unset tics; plot 2 notitle; set print \"-\"; "
                     "print sprintf(\"%%.4f %%.4f\", 1.0 * GPVAL_TERM_XSIZE / GPVAL_TERM_HCHAR, "
                     "1.0 * GPVAL_TERM_YSIZE / GPVAL_TERM_VCHAR)' 2>&1",
                     dir, fmts[k], fonts[fi] ? "DejaVu Sans" : ES_PLOT_FONT,
                     fonts[fi] ? strchr(fonts[fi], ',') + 1 : "9", cwd);
            FILE *p = popen(cmd, "r");
            CU_ASSERT_FATAL(p != NULL);
            double gc = 0, gl = 0;
            int got = fscanf(p, "%lf %lf", &gc, &gl);
            pclose(p);
            CU_ASSERT_EQUAL(got, 2);
            if (got != 2 || !(chars <= gc * 1.001 && chars >= 0.75 * gc && lines <= gl * 1.001 && lines >= 0.75 * gl))
                printf("\n  %s %s: model %.2f x %.2f, gnuplot %.2f x %.2f", fmts[k], fonts[fi] ? fonts[fi] : "default",
                       chars, lines, gc, gl);
            CU_ASSERT_TRUE(chars <= gc * 1.001 && chars >= 0.75 * gc);
            CU_ASSERT_TRUE(lines <= gl * 1.001 && lines >= 0.75 * gl);
        }
    es_rmdir(dir);
}

/* No size that --size accepts, with labels far too long for it, makes gnuplot warn:
 * labels are shortened, columns dropped and rows capped to fit. */
static void test_layout(void)
{
    if (!es_have_gnuplot())
        return;
    const char *niches[3] = {"a niche whose name is much longer than any figure has room for, really",
                             "food, drink and the restaurants of the whole of the city", "beauty"};
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, niches) == 0);
    char *names[5] = {"nano influencers of the smallest kind", "micro-influencers with one niche", "mid-tier accounts",
                      "macro-influencers and celebrities", "mega-influencers with a million followers"};
    es_bands b = es_hype(names);
    static const double sizes[][2] = {{8, 6}, {5, 5}, {100, 5}, {5, 100}, {24, 16}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        char *dir = es_tmpdir();
        CU_ASSERT_FATAL(dir != NULL);
        es_plot_opts o = es_opts(ES_PLOT_PNG | ES_PLOT_SVG | ES_PLOT_PDF | ES_PLOT_TEX);
        o.width_cm = sizes[k][0];
        o.height_cm = sizes[k][1];
        o.ratio_a = names[1];
        o.ratio_b = names[4];
        /* ER axis titles of other definitions: a long denominator (with '_' for LaTeX and
         * a character that is dropped), none (a precomputed rate), followers */
        o.er_den = k % 2 ? "total_likes/total_videos/(followers*1000)\"'" : k == 4 ? "" : NULL;
        es_plot_report rep;
        es_err err = {0};
        CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
        CU_ASSERT_EQUAL(es_plot_render(dir, &o, &rep, &err), ES_OK);
        for (int i = 0; i < ES_PLOT_NFIG; i++)
            CU_ASSERT_TRUE(!rep.written[i] || rep.rendered[i]);
        CU_ASSERT_TRUE(rep.written[0] && rep.written[3] && rep.written[4]);
        CU_ASSERT_EQUAL(rep.n_warnings, 0);
        for (size_t i = 0; i < rep.n_warnings; i++)
            printf("\n  %gcm x %gcm: %s", o.width_cm, o.height_cm, rep.warnings[i]);
        /* the long names were shortened, and a note says so */
        int noted = 0;
        for (size_t i = 0; i < rep.n_notes; i++)
            noted |= strstr(rep.notes[i], "end in '...'") != NULL;
        CU_ASSERT_TRUE(noted || o.width_cm > 50);
        /* the forest plot's label columns leave the plot area half the width */
        double lc = es_script_value(dir, "fig5.gp", "left_chars"), rc = es_script_value(dir, "fig5.gp", "right_chars"),
               cc = es_script_value(dir, "fig5.gp", "canvas_chars");
        CU_ASSERT_TRUE(lc + rc <= cc / 2 + 0.5);
        es_plot_report_free(&rep);
        es_err_clear(&err);
        es_rmdir(dir);
    }
    es_dict_free(t.dict);
}


/* Label widths in columns, as a terminal or a figure lays them out: the oracle is
 * glibc's wcswidth() (its tables of Unicode's East Asian Width, UAX #11), under
 * C.UTF-8.  CJK and Hangul take two columns, emoji two, combining marks none. */
static void test_text_width(void)
{
    static const char *const s[] = {"food", "美食", ("\xE1\xBA\xA8m th\xE1\xBB\xB1" "c"), "먹방", "🍔 food",
                                     "时尚与美容博主", "e\xCC\x81t\xC3\xA9", "\xF0\x9E\xA4\x80 x"};
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
        printf("SKIP (no C.UTF-8 locale) ");
        return;
    }
    for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
        wchar_t w[64];
        size_t n = mbstowcs(w, s[i], 64);
        CU_ASSERT_FATAL(n != (size_t)-1);
        CU_ASSERT_EQUAL(es_plot_text_width(s[i]), (size_t)wcswidth(w, n));
    }
    setlocale(LC_CTYPE, "C");
    /* cut by columns: 7 columns hold three CJK characters and the ellipsis */
    es_buf b = {0};
    int cut = 0;
    CU_ASSERT_EQUAL(es_plot_label_fit(&b, "时尚与美容博主", 7, &cut), ES_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "时尚与\xE2\x80\xA6");
    CU_ASSERT_EQUAL(cut, 1);
    cut = 0;
    CU_ASSERT_EQUAL(es_plot_label_fit(&b, "🍔 food", 7, &cut), ES_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "🍔 food");
    CU_ASSERT_EQUAL(cut, 0);
    es_buf_free(&b);
}

/* Characters no font draws become '?' and are listed; the font coverage that
 * engagestat reads from `fc-match -s` agrees with `fc-list :charset=X` (fontconfig's
 * own answer, one code point at a time). */
static void test_glyphs(void)
{
    unsigned r[][2] = {{0x20, 0x7E}, {0x4E00, 0x9FFF}};
    es_plot_glyphs g = {.r = r, .n = 2, .known = 1};
    es_buf t = {0}, miss = {0};
    CU_ASSERT_EQUAL_FATAL(es_buf_puts(&t, "a\xF0\x9E\xA4\x80 美 \xF0\x9E\xA4\x81\xF0\x9E\xA4\x80" "e\xCC\x81"), ES_OK);
    CU_ASSERT_EQUAL(es_plot_glyphs_fix(&g, &t, &miss), 3);
    CU_ASSERT_STRING_EQUAL(t.data, "a? 美 ??e\xCC\x81"); /* the combining accent needs no glyph of its own */
    CU_ASSERT_STRING_EQUAL(miss.data, "U+1E900, U+1E901");
    CU_ASSERT_FALSE(es_plot_glyphs_has(&g, 0xE9));
    CU_ASSERT_TRUE(es_plot_glyphs_has(&g, 0x9FFF));
    es_buf_free(&t);
    es_buf_free(&miss);

    es_plot_glyphs f;
    CU_ASSERT_EQUAL_FATAL(es_plot_glyphs_load(&f, ES_PLOT_FONT), ES_OK);
    if (!f.known) {
        printf("SKIP (no fc-match) ");
        return;
    }
    static const unsigned cps[] = {0x41, 0x7F8E, 0xBA39, 0x1EA8, 0x1F354, 0x1E900, 0x10FFFD};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char cmd[96], line[256];
        snprintf(cmd, sizeof cmd, "fc-list ':charset=%x' family 2>/dev/null", cps[i]);
        FILE *p = popen(cmd, "r");
        CU_ASSERT_FATAL(p != NULL);
        int any = fgets(line, sizeof line, p) != NULL;
        pclose(p);
        CU_ASSERT_EQUAL(es_plot_glyphs_has(&f, cps[i]), any);
        if (es_plot_glyphs_has(&f, cps[i]) != any)
            printf("\n  U+%04X: fc-list %d", cps[i], any);
    }
    es_plot_glyphs_free(&f);
}

/* Figure 5 lists its niches by the ratio (largest on top), figure 4 pools the niches
 * beyond --top-niches as "Other niches (M)", and figure 5's caption counts the niches
 * left out. */
static void test_niche_rows(void)
{
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, NULL) == 0);
    es_bands b = es_hype(es_hype_names);
    char *dir = es_tmpdir();
    CU_ASSERT_FATAL(dir != NULL);
    es_plot_opts o = es_opts(ES_PLOT_PNG);
    o.min_n = 2;
    o.boot = 0;
    o.top_niches = 2;
    es_plot_report rep;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    /* fig5.tsv: y (column 1) falls as the ratio (column 8) falls; the pooled row is y 0 */
    char *s = es_slurp(dir, "fig5.tsv", NULL);
    CU_ASSERT_FATAL(s != NULL);
    double last_y = INFINITY, last_q = INFINITY;
    int rows = 0;
    for (char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (*p == '#' || *p == '\n')
            continue;
        double y = strtod(p, NULL), q = NAN;
        char *c = p;
        for (int k = 1; k < 8 && c; k++)
            c = strchr(c, '\t') ? strchr(c, '\t') + 1 : NULL;
        if (c)
            q = strtod(c, NULL);
        if (y == 0)
            continue;
        CU_ASSERT_TRUE(y < last_y && q <= last_q);
        last_y = y;
        last_q = q;
        rows++;
    }
    free(s);
    CU_ASSERT_EQUAL(rows, 2); /* the two largest of the three niches */
    s = es_slurp(dir, "fig4.tsv", NULL);
    CU_ASSERT_TRUE(s != NULL && strstr(s, "\"Other niches (1)\"") != NULL);
    free(s);
    int noted = 0;
    for (size_t i = 0; i < rep.n_notes; i++)
        noted |= strstr(rep.notes[i], "figure 4 shows the 2 largest of 3 niches and pools the other 1") != NULL;
    CU_ASSERT_TRUE(noted);
    s = es_slurp(dir, "fig5.gp", NULL);
    CU_ASSERT_TRUE(s != NULL && strstr(s, "caption = \"Left out: 1 smaller niche") != NULL);
    free(s);
    es_plot_report_free(&rep);
    /* out of range */
    o.top_niches = 41;
    CU_ASSERT_EQUAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_EINVAL);
    es_err_clear(&err);
    es_rmdir(dir);
    es_dict_free(t.dict);
}

/* Every figure in every format through gnuplot; files are what they claim to be. */
static void test_render(void)
{
    if (!es_have_gnuplot())
        return;
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, NULL) == 0);
    es_bands b = es_hype(es_hype_names);
    es_plot_opts o = es_opts(ES_PLOT_PNG | ES_PLOT_SVG | ES_PLOT_PDF | ES_PLOT_TEX);
    o.width_cm = 8;
    o.height_cm = 6;
    o.font = "Helvetica,8";
    char *dir = es_tmpdir();
    CU_ASSERT_FATAL(dir != NULL);
    es_plot_report rep;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    int rc = es_plot_render(dir, &o, &rep, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        printf("\n  %s\n", err.msg ? err.msg : "?");
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        CU_ASSERT_TRUE(rep.rendered[i]);
        char name[32];
        size_t len;
        snprintf(name, sizeof name, "fig%d.png", i + 1);
        char *s = es_slurp(dir, name, &len);
        CU_ASSERT_TRUE(s != NULL && len > 8 && memcmp(s, "\x89PNG\r\n\x1a\n", 8) == 0);
        free(s);
        snprintf(name, sizeof name, "fig%d.pdf", i + 1);
        s = es_slurp(dir, name, &len);
        CU_ASSERT_TRUE(s != NULL && len > 5 && memcmp(s, "%PDF-", 5) == 0);
        free(s);
        snprintf(name, sizeof name, "fig%d-tex.pdf", i + 1);
        s = es_slurp(dir, name, &len);
        CU_ASSERT_TRUE(s != NULL && len > 5 && memcmp(s, "%PDF-", 5) == 0);
        free(s);
        snprintf(name, sizeof name, "fig%d-tex.tex", i + 1);
        s = es_slurp(dir, name, &len);
        CU_ASSERT_TRUE(s != NULL && strstr(s, "\\begin{picture}") != NULL && strstr(s, "\\end{picture}") != NULL);
        free(s);
        snprintf(name, sizeof name, "fig%d.svg", i + 1);
        s = es_slurp(dir, name, &len);
        CU_ASSERT_TRUE(s != NULL && strstr(s, "<svg") != NULL && strstr(s, "</svg>") != NULL);
        free(s);
        /* The SVG parses as XML. */
        if (access("/usr/bin/python3", X_OK) == 0) {
            char cmd[700];
            snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' %s/%s",
                     dir, name);
            CU_ASSERT_EQUAL(system(cmd), 0);
        }
        snprintf(name, sizeof name, "fig%d.log", i + 1);
        CU_ASSERT_FALSE(es_exists(dir, name)); /* removed when gnuplot is silent */
    }
    /* Figure 1's tick labels come from the data file. */
    char *svg = es_slurp(dir, "fig1.svg", NULL);
    CU_ASSERT_PTR_NOT_NULL(svg && strstr(svg, ">micro<") ? svg : NULL);
    /* at 8 cm five bands leave room for the count alone, not "n = 23" */
    CU_ASSERT_PTR_NOT_NULL(svg && strstr(svg, ">23<") && !strstr(svg, ">n = 23<") ? svg : NULL);
    free(svg);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    es_rmdir(dir);
    es_dict_free(t.dict);
}

/* Labels from data never reach gnuplot's command parser: they are drawn literally
 * and nothing runs. */
static void test_hostile_labels(void)
{
    if (!es_have_gnuplot())
        return;
    char *dir = es_tmpdir();
    CU_ASSERT_FATAL(dir != NULL);
    char m1[128], m2[128], m3[128], m4[128], n1[256], n2[256], b1[256], b2[256];
    snprintf(m1, sizeof m1, "%s/pwned1", dir);
    snprintf(m2, sizeof m2, "%s/pwned2", dir);
    snprintf(m3, sizeof m3, "%s/pwned3", dir);
    snprintf(m4, sizeof m4, "%s/pwned4", dir);
    snprintf(n1, sizeof n1, "`touch %s`", m1);
    snprintf(n2, sizeof n2, "\"; system(\"touch %s\") #", m2);
    snprintf(b1, sizeof b1, "`touch %s`", m3);
    snprintf(b2, sizeof b2, "\"; system(\"touch %s\") #", m4);
    const char *niches[3] = {n1, n2, "line one\nline two @x_y^z{w} &amp; <b>"};
    es_tunits t;
    CU_ASSERT_FATAL(es_tunits_load(&t, niches) == 0);
    char *names[5] = {"nano", b1, "mid", "macro", b2};
    es_bands b = es_hype(names);
    es_plot_opts o = es_opts(ES_PLOT_SVG | ES_PLOT_TEX);
    o.width_cm = 60; /* wide enough that no label is shortened */
    o.height_cm = 20;
    o.ratio_a = b1;
    o.ratio_b = b2;
    es_plot_report rep;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_plot_write(&t.u, &b, &o, dir, &rep, &err), ES_OK);
    int rc = es_plot_render(dir, &o, &rep, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        printf("\n  %s\n", err.msg ? err.msg : "?");
    for (int i = 0; i < ES_PLOT_NFIG; i++)
        CU_ASSERT_TRUE(rep.rendered[i]);
    /* Nothing ran. */
    CU_ASSERT_FALSE(es_exists(dir, "pwned1"));
    CU_ASSERT_FALSE(es_exists(dir, "pwned2"));
    CU_ASSERT_FALSE(es_exists(dir, "pwned3"));
    CU_ASSERT_FALSE(es_exists(dir, "pwned4"));
    /* No label text in any script. */
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        char name[32];
        snprintf(name, sizeof name, "fig%d.gp", i + 1);
        char *s = es_slurp(dir, name, NULL);
        CU_ASSERT_TRUE(s != NULL && strstr(s, "touch") == NULL && strstr(s, "line one") == NULL);
        free(s);
    }
    /* The labels are drawn literally: heatmap rows (niches), box plot ticks and the
     * ECDF legend (bands), forest plot axis title (both bands of the ratio). */
    char *s4 = es_slurp(dir, "fig4.svg", NULL), *s1 = es_slurp(dir, "fig1.svg", NULL);
    char *s7 = es_slurp(dir, "fig7.svg", NULL), *s5 = es_slurp(dir, "fig5.svg", NULL);
    CU_ASSERT_FATAL(s4 && s1 && s7 && s5);
    es_xml_unescape(s4);
    es_xml_unescape(s1);
    es_xml_unescape(s7);
    es_xml_unescape(s5);
    CU_ASSERT_PTR_NOT_NULL(strstr(s4, n1));
    CU_ASSERT_PTR_NOT_NULL(strstr(s4, n2));
    /* A newline is shown as the visible text \n; the rest is literal, markup included. */
    CU_ASSERT_PTR_NOT_NULL(strstr(s4, "line one\\nline two @x_y^z{w} &amp; <b>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(s1, b1));
    CU_ASSERT_PTR_NOT_NULL(strstr(s1, b2));
    CU_ASSERT_PTR_NOT_NULL(strstr(s7, b1));
    char axis[600];
    snprintf(axis, sizeof axis, "Ratio of median engagement rates, %s / %s", b1, b2);
    CU_ASSERT_PTR_NOT_NULL(strstr(s5, axis));
    free(s1);
    free(s4);
    free(s5);
    free(s7);
    /* cairolatex: the LaTeX text has the label with its specials escaped. */
    char *tex = es_slurp(dir, "fig1-tex.tex", NULL);
    CU_ASSERT_PTR_NOT_NULL(tex ? strstr(tex, "{\\strut{}\"; system(\"touch ") : NULL);
    CU_ASSERT_PTR_NOT_NULL(tex ? strstr(tex, "/pwned4\") \\#}") : NULL);
    CU_ASSERT_PTR_NOT_NULL(tex ? strstr(tex, "/tmp/es\\_plot\\_") : NULL);
    free(tex);
    es_plot_report_free(&rep);
    es_err_clear(&err);
    if (getenv("ES_KEEP")) printf("kept %s\n", dir); else es_rmdir(dir);
    es_dict_free(t.dict);
}

int es_suite_plot(void)
{
    CU_pSuite s = CU_add_suite("plot", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "data field encoding", test_field) || !CU_add_test(s, "options", test_options) ||
        !CU_add_test(s, "data files hold the numbers", test_write_data) ||
        !CU_add_test(s, "errors, missing gnuplot, timeout", test_errors) ||
        !CU_add_test(s, "render all formats", test_render) ||
        !CU_add_test(s, "gnuplot's messages are warnings", test_warnings) ||
        !CU_add_test(s, "canvas model against gnuplot", test_canvas_model) ||
        !CU_add_test(s, "labels fit every size", test_layout) ||
        !CU_add_test(s, "labels from data never run", test_hostile_labels) ||
        !CU_add_test(s, "label widths in columns", test_text_width) ||
        !CU_add_test(s, "characters no font draws", test_glyphs) ||
        !CU_add_test(s, "niche rows: order, top niches, caption", test_niche_rows))
        return -1;
    return 0;
}
