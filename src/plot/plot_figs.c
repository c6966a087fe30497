/* plot_figs.c — the data behind each figure, written as TSV files, and the small
 * per-figure scripts that load the templates.  Only numbers and fixed words enter
 * the scripts; band and niche names go into the data files through es_plot_field().
 * Statistics: type-7 quantiles (Hyndman & Fan 1996); distribution-free median CIs
 * (Conover 1999, via descriptive.h); OLS of log10 ER on log10 followers
 * (gsl_fit_linear); lognormal and gamma MLE (fit.h); continuous power law with
 * KS-chosen xmin (Clauset et al. 2009, powerlaw.h); percentile bootstrap CIs for
 * ratios of medians (Efron & Tibshirani 1993). */
#include "engagestat/outfile.h"
#include "engagestat/bootstrap.h"
#include "engagestat/descriptive.h"
#include "engagestat/fit.h"
#include "engagestat/plot.h"
#include "engagestat/powerlaw.h"
#include "engagestat/quantile.h"
#include "engagestat/reference.h"
#include "plot_internal.h"

#include "engagestat/analysis.h"

#include <ctype.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const es_templates[ES_PLOT_NFIG] = {
    "er_by_band.gp", "er_vs_followers.gp", "er_distribution.gp", "niche_band_heatmap.gp",
    "ratio_forest.gp", "followers_ccdf.gp", "er_ecdf.gp",
};

#ifdef ES_VERSION
#define ES_PLOT_VERSION ES_VERSION
#else
#define ES_PLOT_VERSION "(unknown version)"
#endif

#define ES_MAX_POINTS 20000    /* scatter points written for figure 2 */
#define ES_MAX_STEPS 2000      /* ECDF / CCDF points per line */
#define ES_MAX_NICHES 40       /* heatmap and forest rows */
#define ES_CELL_MIN 5          /* heatmap: fewest units for a coloured cell */

typedef struct es_fig_ctx {
    const es_units *u;
    const es_bands *b;
    const es_plot_opts *o;
    const char *dir;
    es_plot_report *rep;
    es_err *err;
    double **band_er;     /* sorted ER per band */
    size_t *band_n;
    size_t nb;
    double chars, lines, rows; /* es_plot_canvas, es_plot_text_rows */
    int cut;                   /* a label was shortened to fit */
    es_buf data, script, name, text;
    es_plot_glyphs glyphs;     /* what the fonts draw, loaded at the first non-ASCII label */
    int glyphs_loaded;
    size_t n_undrawable;       /* labels with characters no font draws */
    es_buf undrawable;         /* those characters, "U+1E900, ..." */
    unsigned char *niche_top;  /* es_niches: niche codes shown by name */
    size_t niche_rest;         /* es_niches: niches not shown by name */
} es_fig_ctx;

static int es_oom(es_fig_ctx *c)
{
    return es_err_set(c->err, ES_ENOMEM, "out of memory");
}

/* A number in a data file: %.15g, "NaN" for undefined (gnuplot skips it). */
static int es_num(es_buf *b, double v)
{
    if (!isfinite(v))
        return es_buf_puts(b, "NaN");
    return es_buf_printf(b, "%.15g", v);
}

/* Write the accumulated data buffer to dir/<fig>_<suffix>.tsv (or <fig>.tsv). */
static int es_flush(es_fig_ctx *c, int fig, const char *suffix)
{
    es_buf_reset(&c->name);
    if (es_buf_printf(&c->name, "%s%s%s.tsv", es_plot_figure_name(fig), suffix ? "_" : "", suffix ? suffix : "") != ES_OK)
        return es_oom(c);
    int rc = es_plot_save(c->dir, c->name.data, &c->data, c->err);
    es_buf_reset(&c->data);
    return rc;
}

/* The ER denominator for the axis titles, in single quotes in the script (gnuplot
 * processes no escapes there): only [A-Za-z0-9 _.+*-/()] kept, 63 characters at most;
 * tex escapes '_'. */
static void es_er_den_words(const char *den, char *plain, char *tex)
{
    size_t n = 0, m = 0;
    for (const char *p = den ? den : "followers"; *p && n < 63; p++)
        if (isalnum((unsigned char)*p) || strchr(" _.+*-/()", *p)) {
            plain[n++] = *p;
            if (*p == '_')
                tex[m++] = '\\';
            tex[m++] = *p;
        }
    plain[n] = tex[m] = '\0';
}

/* The font's name without its size (o->font was checked by es_plot_check_font). */
static void es_font_name(const es_plot_opts *o, char *font, size_t size)
{
    snprintf(font, size, "%s", ES_PLOT_FONT);
    if (o->font != NULL) {
        const char *comma = strchr(o->font, ',');
        size_t n = comma ? (size_t)(comma - o->font) : strlen(o->font);
        if (n >= size)
            n = size - 1;
        memcpy(font, o->font, n);
        font[n] = '\0';
    }
}

/* The per-figure script: settings as variables, then a loop over formats that loads
 * the theme and the template.  Only numbers and fixed words are written here (the ER
 * denominator reduced to plain characters). */
static int es_script_begin(es_fig_ctx *c, int fig)
{
    const es_plot_opts *o = c->o;
    es_buf *s = &c->script;
    es_buf_reset(s);
    char den[64], den_tex[128];
    es_er_den_words(o->er_den, den, den_tex);
    char font[72];
    es_font_name(o, font, sizeof font);
    double fsize = es_plot_font_size(o);
    int rc = es_buf_printf(s,
        "# %s.gp - %s.\n"
        "# Written by engagestat %s.  Re-render with `gnuplot %s.gp` (from any directory).\n"
        "# The data are in %s*.tsv, the drawing in %s and the look in theme.gp;\n"
        "# edit any of them by hand.\n"
        "fig_name = \"%s\"\n"
        "formats = \"%s%s%s%s\"\n"
        "width_cm = %.4g\nheight_cm = %.4g\n"
        "font_name = \"%s\"\nfont_size = %.4g\n"
        "conf = %.6g\n"
        "# the canvas in gnuplot's character cells (labels were sized to it)\n"
        "canvas_chars = %.0f\ncanvas_lines = %.0f\n"
        "unit_name = \"%s\"\nunit_title = \"%s\"\n"
        "# what the rate is a share of (the ER axis titles)\n"
        "er_den_plain = '%s'\ner_den_tex = '%s'\n",
        es_plot_figure_name(fig), es_plot_figure_title(fig), ES_PLOT_VERSION, es_plot_figure_name(fig),
        es_plot_figure_name(fig), es_templates[fig], es_plot_figure_name(fig),
        (o->formats & ES_PLOT_PNG) ? "png " : "", (o->formats & ES_PLOT_SVG) ? "svg " : "",
        (o->formats & ES_PLOT_PDF) ? "pdf " : "", (o->formats & ES_PLOT_TEX) ? "tex " : "",
        o->width_cm, o->height_cm, font, fsize, o->conf, floor(c->chars), floor(c->lines),
        c->u->unit_post ? "posts" : "accounts", c->u->unit_post ? "Posts" : "Accounts", den, den_tex);
    return rc == ES_OK ? ES_OK : es_oom(c);
}

static int es_script_end(es_fig_ctx *c, int fig)
{
    int rc = es_buf_printf(&c->script,
        "dirname(s) = (p__ = strstrt(s, \"/\")) ? s[1:p__] . dirname(s[p__ + 1:]) : \"\"\n"
        "fig_dir = exists(\"ARG0\") ? dirname(ARG0) : \"\"\n"
        "do for [fmt in formats] {\n"
        "    load fig_dir . \"theme.gp\"\n"
        "    load fig_dir . \"%s\"\n"
        "    unset output\n"
        "}\n", es_templates[fig]);
    if (rc != ES_OK)
        return es_oom(c);
    es_buf_reset(&c->name);
    if (es_buf_printf(&c->name, "%s.gp", es_plot_figure_name(fig)) != ES_OK)
        return es_oom(c);
    rc = es_plot_save(c->dir, c->name.data, &c->script, c->err);
    if (rc == ES_OK)
        c->rep->written[fig] = 1;
    return rc;
}

/* Distribution-free CI of the median of sorted x[0..n) (Conover 1999, sec. 3.2): the
 * order statistics from descriptive.h; NaN when n is too small for the level. */
static void es_median_ci_sorted(const double *x, size_t n, double conf, double *lo, double *hi)
{
    es_median_ci ci;
    *lo = *hi = NAN;
    if (n > 0 && es_median_ci_orders(n, conf, &ci) == ES_OK && ci.l >= 1 && ci.u <= n) {
        *lo = x[ci.l - 1];
        *hi = x[ci.u - 1];
    }
}

/* Characters of c->text that no installed font draws become '?' and are counted
 * (plain-text formats only: LaTeX sets the text of tex figures). */
static int es_glyph_check(es_fig_ctx *c)
{
    const char *t = c->text.data ? c->text.data : "";
    int ascii = 1;
    for (const char *p = t; *p; p++)
        ascii &= (unsigned char)*p < 0x80;
    if (ascii || (c->o->formats & ~(unsigned)ES_PLOT_TEX) == 0)
        return ES_OK;
    if (!c->glyphs_loaded) {
        char font[72];
        es_font_name(c->o, font, sizeof font);
        if (es_plot_glyphs_load(&c->glyphs, font) != ES_OK)
            return ES_ENOMEM;
        c->glyphs_loaded = 1;
    }
    int n = es_plot_glyphs_fix(&c->glyphs, &c->text, &c->undrawable);
    if (n < 0)
        return ES_ENOMEM;
    c->n_undrawable += n > 0;
    return ES_OK;
}

/* Label fields (plain and LaTeX) of s cut to at most max_chars characters. */
static int es_labels(es_fig_ctx *c, es_buf *b, const char *s, size_t max_chars)
{
    int rc = es_plot_label_fit(&c->text, s, max_chars, &c->cut);
    if (rc == ES_OK && es_glyph_check(c) != ES_OK)
        rc = ES_ENOMEM;
    const char *t = c->text.data ? c->text.data : "";
    if (rc == ES_OK)
        rc = es_plot_field(b, t, 0);
    if (rc == ES_OK)
        rc = es_buf_putc(b, '\t');
    if (rc == ES_OK)
        rc = es_plot_field(b, t, 1);
    return rc;
}

/* Characters of label room: frac of the canvas width less reserved characters, at
 * least lo. */
static size_t es_room(const es_fig_ctx *c, double frac, double reserved, size_t lo)
{
    double r = floor(c->chars * frac - reserved);
    return r > (double)lo ? (size_t)r : lo;
}

/* Tukey (1977) whiskers computed on the log10 scale the figure uses: the most extreme
 * positive values within 1.5 IQR of the log quartiles. */
static void es_whiskers(const double *x, size_t n, double *wlo, double *whi)
{
    size_t z = 0;
    while (z < n && !(x[z] > 0))
        z++;
    *wlo = *whi = NAN;
    if (z >= n)
        return;
    double q1 = log10(es_quantile_sorted(x + z, n - z, 0.25));
    double q3 = log10(es_quantile_sorted(x + z, n - z, 0.75));
    double lo = q1 - 1.5 * (q3 - q1), hi = q3 + 1.5 * (q3 - q1);
    for (size_t i = z; i < n; i++)
        if (log10(x[i]) >= lo) {
            *wlo = x[i];
            break;
        }
    for (size_t i = n; i-- > z;)
        if (log10(x[i]) <= hi) {
            *whi = x[i];
            break;
        }
}

/* ------------------------------------------------------------- figure 1 */

/* Figure 1's published benchmarks (o->reference): fig1_reference.tsv with, per band of
 * ours, the reference rows es_reference_match gives, at x beside the band's box (several
 * spread over the slot), their quartiles and the source's base name (the legend); the
 * ER range widened to hold them.  Notes name the bands without a benchmark and the
 * reference rows matched to no band.  *n_ref: the rows written. */
static int es_fig1_reference(es_fig_ctx *c, double *emin, double *emax, size_t *n_ref)
{
    const es_reference *r = c->o->reference;
    *n_ref = 0;
    if (r == NULL || r->n == 0)
        return ES_OK;
    const es_ref_band **m = malloc(r->n * sizeof *m);
    unsigned char *used = calloc(r->n, 1);
    es_buf miss = {0};
    es_buf *d = &c->data;
    const char *base = r->path ? strrchr(r->path, '/') : NULL;
    base = base ? base + 1 : r->path ? r->path : "reference";
    /* Rows of a platform are drawn for data of that one platform only. */
    const char *platform = NULL;
    uint32_t p0 = c->u->n ? c->u->platform[0] : ES_DICT_NONE;
    for (size_t i = 1; i < c->u->n && p0 != ES_DICT_NONE; i++)
        p0 = c->u->platform[i] == p0 ? p0 : ES_DICT_NONE;
    if (p0 != ES_DICT_NONE && c->u->platform_dict != NULL)
        platform = es_dict_str(c->u->platform_dict, p0);
    size_t by_platform = 0;
    for (size_t i = 0; i < r->n; i++)
        by_platform += r->rows[i].platform != NULL;
    int rc = m && used ? es_buf_puts(d, "# x\tband\tband_tex\tref_band\tref_band_tex\tq25\tmedian\tq75\tsource\tsource_tex\n")
                       : ES_ENOMEM;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        size_t nm = es_reference_match(r, c->b, k, platform, m, r->n);
        if (nm == 0)
            rc = es_buf_printf(&miss, "%s%s", miss.len ? ", " : "", c->b->names[k]);
        for (size_t j = 0; j < nm && rc == ES_OK; j++) {
            used[m[j] - r->rows] = 1;
            double q[3] = {m[j]->q25, m[j]->median, m[j]->q75};
            for (int i = 0; i < 3; i++)
                if (q[i] > 0) {
                    *emin = fmin(*emin, q[i]);
                    *emax = fmax(*emax, q[i]);
                }
            rc = es_buf_printf(d, "%.6g\t", (double)k + 0.36 + 0.12 * ((double)j + 0.5) / (double)nm);
            if (rc == ES_OK)
                rc = es_labels(c, d, c->b->names[k], 40);
            if (rc == ES_OK)
                rc = es_buf_putc(d, '\t');
            if (rc == ES_OK)
                rc = es_labels(c, d, m[j]->band, 60);
            for (int i = 0; i < 3 && rc == ES_OK; i++)
                if ((rc = es_buf_putc(d, '\t')) == ES_OK)
                    rc = es_num(d, q[i]);
            if (rc == ES_OK)
                rc = es_buf_putc(d, '\t');
            if (rc == ES_OK)
                rc = es_labels(c, d, base, es_room(c, 1.0, 14, 8));
            if (rc == ES_OK)
                rc = es_buf_putc(d, '\n');
            ++*n_ref;
        }
    }
    size_t unused = 0;
    for (size_t i = 0; i < r->n && used != NULL; i++)
        unused += !used[i];
    if (rc == ES_OK && miss.len)
        rc = es_plot_note(c->rep, "figure 1: no published benchmark in %s for band%s %s (none of its rows has that "
                          "name or edges within the band)", base, strchr(miss.data, ',') ? "s" : "", miss.data);
    if (rc == ES_OK && unused)
        rc = es_plot_note(c->rep, "figure 1: %zu of the %zu rows of %s match no band (by name or follower edges%s) and "
                          "are not drawn", unused, r->n, base,
                          by_platform ? platform ? ", and platform" : "; rows of a platform are drawn for data of that "
                          "one platform only" : "");
    free(m);
    free(used);
    es_buf_free(&miss);
    if (rc != ES_OK)
        return es_oom(c);
    if (*n_ref == 0) {
        es_buf_reset(d);
        return ES_OK;
    }
    return es_flush(c, 0, "reference");
}

static int es_fig1(es_fig_ctx *c)
{
    es_buf *d = &c->data;
    int rc = es_buf_puts(d, "# x\tband\tband_tex\tn\tn_zero\twhisker_low\tq25\tmedian\tq75\twhisker_high\tci_low\tci_high\tmean\tmin_positive\tmax\n");
    size_t shown = 0;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        const double *x = c->band_er[k];
        size_t n = c->band_n[k], z = 0;
        while (z < n && x[z] <= 0)
            z++;
        double lo = NAN, hi = NAN, wlo, whi, mean = NAN;
        /* No interval below the minimum n (of accounts), nor for post units: the
         * order-statistic interval assumes independent values (as describe). */
        if (!c->u->unit_post && n >= c->o->min_n)
            es_median_ci_sorted(x, n, c->o->conf, &lo, &hi);
        es_whiskers(x, n, &wlo, &whi);
        if (n > 0) {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                s += x[i];
            mean = s / (double)n;
            shown++;
        }
        rc = es_buf_printf(d, "%zu\t", k);
        if (rc == ES_OK)
            rc = es_labels(c, d, c->b->names[k], es_room(c, 1.0 / (double)c->nb, 9.0 / (double)c->nb + 1, 4));
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%zu\t%zu", n, z);
        double v[] = {wlo, es_quantile_sorted(x, n, 0.25), es_quantile_sorted(x, n, 0.5), es_quantile_sorted(x, n, 0.75),
                      whi, lo, hi, mean, z < n ? x[z] : NAN, n ? x[n - 1] : NAN};
        for (size_t j = 0; j < sizeof v / sizeof *v && rc == ES_OK; j++)
            if ((rc = es_buf_putc(d, '\t')) == ES_OK)
                rc = es_num(d, v[j]);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\n');
    }
    if (rc != ES_OK)
        return es_oom(c);
    double emin = INFINITY, emax = -INFINITY;
    for (size_t k = 0; k < c->nb; k++)
        for (size_t i = 0; i < c->band_n[k]; i++)
            if (c->band_er[k][i] > 0) {
                emin = fmin(emin, c->band_er[k][i]);
                emax = fmax(emax, c->band_er[k][i]);
            }
    if (shown == 0 || !isfinite(emin)) {
        es_buf_reset(d);
        return es_plot_note(c->rep, "figure 1 skipped: no unit in a band has a positive ER");
    }
    if ((rc = es_flush(c, 0, NULL)) != ES_OK)
        return rc;
    if (c->u->unit_post &&
        (rc = es_plot_note(c->rep, "figure 1 has no median CIs for post units (posts of one account are not "
                                   "independent; use --unit account)")) != ES_OK)
        return rc;
    /* Points beyond the whiskers, drawn individually. */
    rc = es_buf_puts(d, "# x\ter\n");
    size_t n_out = 0;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        const double *x = c->band_er[k];
        double wlo, whi;
        es_whiskers(x, c->band_n[k], &wlo, &whi);
        for (size_t i = 0; i < c->band_n[k] && rc == ES_OK; i++)
            if (x[i] > 0 && (x[i] < wlo || x[i] > whi)) {
                rc = es_buf_printf(d, "%zu\t%.15g\n", k, x[i]);
                n_out++;
            }
    }
    if (rc != ES_OK)
        return es_oom(c);
    if ((rc = es_flush(c, 0, "outliers")) != ES_OK)
        return rc;
    size_t n_ref;
    if ((rc = es_fig1_reference(c, &emin, &emax, &n_ref)) != ES_OK)
        return rc;
    if ((rc = es_script_begin(c, 0)) != ES_OK)
        return rc;
    size_t nmax = 0;
    for (size_t k = 0; k < c->nb; k++)
        nmax = c->band_n[k] > nmax ? c->band_n[k] : nmax;
    if (es_buf_printf(&c->script, "n_bands = %zu\ner_min = %.10g\ner_max = %.10g\nn_digits = %d\nn_outliers = %zu\n"
                      "n_reference = %zu\n", c->nb, emin, emax, snprintf(NULL, 0, "%zu", nmax), n_out, n_ref) != ES_OK)
        return es_oom(c);
    return es_script_end(c, 0);
}

/* ------------------------------------------------------------- figure 2 */

static int es_fig2(es_fig_ctx *c)
{
    const es_units *u = c->u;
    es_buf *d = &c->data;
    size_t m = 0, zero = 0;
    for (size_t i = 0; i < u->n; i++) {
        if (u->followers[i] > 0 && u->er[i] > 0)
            m++;
        else if (u->followers[i] > 0)
            zero++;
    }
    if (m < 3)
        return es_plot_note(c->rep, "figure 2 skipped: fewer than 3 units with positive ER and followers");
    double *lx = malloc(m * sizeof *lx), *ly = malloc(m * sizeof *ly);
    int rc = ES_OK;
    if (lx == NULL || ly == NULL) {
        rc = es_oom(c);
        goto done;
    }
    size_t j = 0;
    double fmin = INFINITY, fmax = -INFINITY;
    for (size_t i = 0; i < u->n; i++)
        if (u->followers[i] > 0 && u->er[i] > 0) {
            lx[j] = log10(u->followers[i]);
            ly[j++] = log10(u->er[i]);
            fmin = fmin < u->followers[i] ? fmin : u->followers[i];
            fmax = fmax > u->followers[i] ? fmax : u->followers[i];
        }
    /* Points: every unit with positive values, thinned by a stride above
     * ES_MAX_POINTS (the figure notes it). */
    size_t stride = m > ES_MAX_POINTS ? (m + ES_MAX_POINTS - 1) / ES_MAX_POINTS : 1;
    rc = es_buf_puts(d, "# followers\ter\tband\n");
    for (size_t i = 0, seen = 0; i < u->n && rc == ES_OK; i++)
        if (u->followers[i] > 0 && u->er[i] > 0 && seen++ % stride == 0)
            rc = es_buf_printf(d, "%.15g\t%.15g\t%d\n", u->followers[i], u->er[i], u->band[i]);
    if (rc != ES_OK || (rc = es_flush(c, 1, "points")) != ES_OK)
        goto oom_or_rc;
    if (stride > 1)
        es_plot_note(c->rep, "figure 2 shows 1 in %zu of its %zu points", stride, m);

    /* Binned medians: four bins per decade of followers (all units in the bin,
     * zeros included), with distribution-free median CIs. */
    double l0 = floor(log10(fmin) * 4) / 4, l1 = ceil(log10(fmax) * 4) / 4;
    if (l1 <= l0)
        l1 = l0 + 0.25;
    size_t nbins = (size_t)((l1 - l0) * 4 + 0.5);
    rc = es_buf_puts(d, "# bin_low\tbin_high\tfollowers_median\tn\ter_median\tci_low\tci_high\n");
    double *bx = malloc(u->n * sizeof *bx), *by = malloc(u->n * sizeof *by);
    if (bx == NULL || by == NULL) {
        free(bx);
        free(by);
        rc = ES_ENOMEM;
        goto oom_or_rc;
    }
    for (size_t k = 0; k < nbins && rc == ES_OK; k++) {
        double lo = pow(10, l0 + 0.25 * (double)k), hi = pow(10, l0 + 0.25 * (double)(k + 1));
        size_t n = 0;
        for (size_t i = 0; i < u->n; i++)
            if (u->followers[i] >= lo && (u->followers[i] < hi || (k + 1 == nbins && u->followers[i] <= hi))) {
                bx[n] = u->followers[i];
                by[n++] = u->er[i];
            }
        if (n < 10 || n < c->o->min_n) /* a bin's median and interval: at least 10 */
            continue;
        qsort(bx, n, sizeof *bx, es_cmp_double);
        qsort(by, n, sizeof *by, es_cmp_double);
        double cl, ch;
        es_median_ci_sorted(by, n, c->o->conf, &cl, &ch);
        rc = es_buf_printf(d, "%.15g\t%.15g\t%.15g\t%zu\t%.15g\t", lo, hi, es_quantile_sorted(bx, n, 0.5), n,
                           es_quantile_sorted(by, n, 0.5));
        if (rc == ES_OK)
            rc = es_num(d, cl);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\t');
        if (rc == ES_OK)
            rc = es_num(d, ch);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\n');
    }
    free(bx);
    free(by);
    if (rc != ES_OK || (rc = es_flush(c, 1, "bins")) != ES_OK)
        goto oom_or_rc;

    /* OLS of log10 ER on log10 followers, with the pointwise CI of the mean line. */
    double c0, c1, cov00, cov01, cov11, sumsq;
    if (gsl_fit_linear(lx, 1, ly, 1, m, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) != 0) {
        rc = es_err_set(c->err, ES_EGSL, "figure 2: OLS fit failed");
        goto done;
    }
    double t = gsl_cdf_tdist_Qinv((1 - c->o->conf) / 2, (double)(m - 2));
    rc = es_buf_puts(d, "# followers\tfit\tci_low\tci_high\n");
    for (int k = 0; k <= 100 && rc == ES_OK; k++) {
        double x = log10(fmin) + (log10(fmax) - log10(fmin)) * k / 100.0, y, se;
        gsl_fit_linear_est(x, c0, c1, cov00, cov01, cov11, &y, &se);
        rc = es_buf_printf(d, "%.15g\t%.15g\t%.15g\t%.15g\n", pow(10, x), pow(10, y), pow(10, y - t * se), pow(10, y + t * se));
    }
    if (rc != ES_OK || (rc = es_flush(c, 1, "fit")) != ES_OK)
        goto oom_or_rc;

    /* Band regions (edges, name) for the light background guides.  A name that
     * would touch the one before it on its row goes one row down (row 1), where it
     * is checked the same way; the plot spans about chars - 11 characters across
     * the x range of the template (followers / 1.3 to followers * 1.3). */
    rc = es_buf_puts(d, "# low\thigh\tmiddle\tband\tband_tex\trow\n");
    double span = c->chars - 11, x0 = log10(fmin / 1.3), x1 = log10(fmax * 1.3), row_end[2] = {-INFINITY, -INFINITY};
    int band_rows = 1;
    size_t names_left = 0;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        double lo, hi;
        if (c->b->edges == NULL) {
            /* Bands from a column: the followers observed in the band (ranges may overlap). */
            es_units_band_followers(c->u, (int)k, 1, &lo, &hi);
            if (isnan(lo))
                continue;
        } else {
            lo = c->b->edges[k];
            hi = k + 1 < c->nb ? c->b->edges[k + 1] : fmax;
        }
        if (hi <= lo)
            hi = lo * 10;
        rc = es_buf_printf(d, "%.15g\t%.15g\t%.15g\t", lo, hi, sqrt(lo * hi));
        if (rc == ES_OK)
            rc = es_labels(c, d, c->b->names[k], es_room(c, 1.0 / (double)(c->nb + 1), 1, 4));
        /* the label's extent in characters, one of space on either side */
        double mid = span * (log10(sqrt(lo * hi)) - x0) / (x1 - x0),
               half = (double)es_plot_text_width(c->text.data ? c->text.data : "") / 2 + 0.5;
        int row = mid - half < row_end[0] ? 1 : 0;
        if (row == 1 && mid - half < row_end[1])
            row = 2; /* no room on either row: not drawn (the template skips row 2) */
        else
            row_end[row] = mid + half;
        band_rows = row == 1 ? 2 : band_rows;
        names_left += row == 2;
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%d\n", row);
    }
    if (rc != ES_OK || (rc = es_flush(c, 1, "bands")) != ES_OK)
        goto oom_or_rc;

    /* Transparency falls with n so dense regions read as darker. */
    double alpha = 8 / sqrt((double)m);
    alpha = alpha > 0.6 ? 0.6 : alpha < 0.06 ? 0.06 : alpha;
    /* the fitted curve, when given (finite, positive points only) */
    size_t n_curve = 0;
    for (size_t i = 0; i < c->o->curve_n && c->o->curve_x && c->o->curve_y && rc == ES_OK; i++) {
        double x = c->o->curve_x[i], y = c->o->curve_y[i];
        if (!(x > 0 && y > 0 && isfinite(x) && isfinite(y)))
            continue;
        rc = es_num(d, x);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\t');
        if (rc == ES_OK)
            rc = es_num(d, y);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\n');
        n_curve++;
    }
    if (rc != ES_OK || (n_curve > 0 && (rc = es_flush(c, 1, "curve")) != ES_OK))
        goto oom_or_rc;
    es_buf_reset(d);
    char curve_label[64] = "";
    for (size_t i = 0, k = 0; c->o->curve_label && c->o->curve_label[i] && k + 1 < sizeof curve_label; i++) {
        char ch = c->o->curve_label[i];
        if (isalnum((unsigned char)ch) || strchr(" .,()-+", ch))
            curve_label[k++] = ch, curve_label[k] = '\0';
    }
    if ((rc = es_script_begin(c, 1)) != ES_OK)
        goto done;
    rc = es_buf_printf(&c->script, "has_curve = %d\ncurve_title = \"%s\"\n", n_curve > 0, curve_label[0] ? curve_label : "fitted curve");
    if (rc != ES_OK)
        goto oom_or_rc;
    rc = es_buf_printf(&c->script,
        "n_points = %zu\npoint_stride = %zu\nn_zero = %zu\npoint_alpha = %.3f\n"
        "ols_intercept = %.10g\nols_slope = %.10g\nols_slope_low = %.10g\nols_slope_high = %.10g\n"
        "followers_min = %.10g\nfollowers_max = %.10g\nband_rows = %d\n",
        m, stride, zero, alpha, c0, c1, c1 - t * sqrt(cov11), c1 + t * sqrt(cov11), fmin, fmax, band_rows);
    if (rc != ES_OK)
        goto oom_or_rc;
    if (names_left > 0)
        es_plot_note(c->rep, "figure 2 leaves %zu band %s off at this width (the dotted lines still mark the edges)",
                     names_left, names_left == 1 ? "name" : "names");
    if (zero > 0)
        es_plot_note(c->rep, "figure 2 leaves %zu units with ER = 0 off the log axis (they are in the binned medians)", zero);
    rc = es_script_end(c, 1);
    goto done;
oom_or_rc:
    if (rc == ES_ENOMEM)
        rc = es_oom(c);
done:
    free(lx);
    free(ly);
    return rc;
}

/* ------------------------------------------------------------- figure 3 */

static int es_fig3(es_fig_ctx *c)
{
    es_buf *d = &c->data, hist = {0}, fit = {0};
    double gmin = INFINITY, gmax = -INFINITY;
    for (size_t k = 0; k < c->nb; k++)
        for (size_t i = 0; i < c->band_n[k]; i++)
            if (c->band_er[k][i] > 0) {
                gmin = fmin(gmin, c->band_er[k][i]);
                gmax = fmax(gmax, c->band_er[k][i]);
            }
    int rc = es_buf_puts(d, "# block\tband_index\tband\tband_tex\tn\tn_positive\tmeanlog\tsdlog_pop\tgamma_shape\tgamma_rate\n");
    size_t block = 0;
    double dmax = 0;
    double lg0 = log10(gmin), lg1 = log10(gmax);
    if (!(lg1 > lg0))
        lg1 = lg0 + 1;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        const double *x = c->band_er[k];
        size_t n = c->band_n[k], z = 0;
        while (z < n && x[z] <= 0)
            z++;
        /* MLE on the positive values (fit.h): lognormal in closed form, gamma by
         * Newton from Minka's (2002) start. */
        es_fit fl_fit, fg_fit;
        if (n - z < 5 || es_fit_lognormal(&fl_fit, x + z, n - z) != ES_OK)
            continue;
        double mu = fl_fit.par[0], sg = fl_fit.par[1], sh = NAN, ra = NAN;
        if (es_fit_gamma(&fg_fit, x + z, n - z, NULL) == ES_OK) {
            sh = fg_fit.par[0];
            ra = fg_fit.par[1];
        }
        /* Histogram of log10 ER on a common range: density per log10 unit. */
        size_t nbin = (size_t)ceil(sqrt((double)(n - z)));
        nbin = nbin < 8 ? 8 : nbin > 30 ? 30 : nbin;
        double h = (lg1 - lg0) / (double)nbin;
        size_t *cnt = calloc(nbin, sizeof *cnt);
        if (cnt == NULL) {
            rc = ES_ENOMEM;
            break;
        }
        for (size_t i = z; i < n; i++) {
            size_t bi = (size_t)((log10(x[i]) - lg0) / h);
            cnt[bi >= nbin ? nbin - 1 : bi]++;
        }
        rc = es_buf_printf(&hist, "# band %zu\n", k);
        for (size_t bi = 0; bi < nbin && rc == ES_OK; bi++) {
            double dens = (double)cnt[bi] / ((double)(n - z) * h);
            dmax = fmax(dmax, dens);
            rc = es_buf_printf(&hist, "%.15g\t%.15g\n", pow(10, lg0 + h * (double)bi), dens);
        }
        if (rc == ES_OK) /* closing edge so steps end at the top of the range */
            rc = es_buf_printf(&hist, "%.15g\t%.15g\n\n\n", pow(10, lg1), (double)cnt[nbin - 1] / ((double)(n - z) * h));
        free(cnt);
        /* Fitted densities on the same log10 scale: f_log10(y) = f(x) x ln 10. */
        if (rc == ES_OK)
            rc = es_buf_printf(&fit, "# band %zu: er, lognormal, gamma (densities per log10 unit)\n", k);
        for (int i = 0; i <= 200 && rc == ES_OK; i++) {
            double y = lg0 + (lg1 - lg0) * i / 200.0, xv = pow(10, y);
            double fl = gsl_ran_lognormal_pdf(xv, mu, sg) * xv * M_LN10;
            double fg = isfinite(sh) ? gsl_ran_gamma_pdf(xv, sh, 1 / ra) * xv * M_LN10 : NAN;
            dmax = fmax(dmax, fl);
            if (isfinite(fg))
                dmax = fmax(dmax, fg);
            rc = es_buf_printf(&fit, "%.15g\t%.15g\t", xv, fl);
            if (rc == ES_OK)
                rc = es_num(&fit, fg);
            if (rc == ES_OK)
                rc = es_buf_putc(&fit, '\n');
        }
        if (rc == ES_OK)
            rc = es_buf_puts(&fit, "\n\n");
        if (rc == ES_OK)
            rc = es_buf_printf(d, "%zu\t%zu\t", block++, k);
        if (rc == ES_OK)
            rc = es_labels(c, d, c->b->names[k], es_room(c, 0.85 / (c->nb <= 3 ? (double)c->nb : ceil(c->nb / 2.0)), 2, 4));
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%zu\t%zu\t%.15g\t%.15g\t", n, n - z, mu, sg);
        if (rc == ES_OK)
            rc = es_num(d, sh);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\t');
        if (rc == ES_OK)
            rc = es_num(d, ra);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\n');
    }
    if (rc != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if (block == 0) {
        es_buf_reset(d);
        rc = es_plot_note(c->rep, "figure 3 skipped: no band has 5 units with positive ER");
        goto done;
    }
    if ((rc = es_flush(c, 2, "bands")) != ES_OK)
        goto done;
    es_buf_reset(d);
    if (es_buf_append(d, hist.data, hist.len) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if ((rc = es_flush(c, 2, "hist")) != ES_OK)
        goto done;
    if (es_buf_append(d, fit.data, fit.len) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if ((rc = es_flush(c, 2, "fit")) != ES_OK)
        goto done;
    if ((rc = es_script_begin(c, 2)) != ES_OK)
        goto done;
    /* The template's panel layout (er_distribution.gp): with a free panel too narrow
     * for the key's shortest titles ("Lognormal", 11 characters with the sample),
     * the key is left off and a note says what the lines are. */
    double cols = block <= 3 ? (double)block : ceil((double)block / 2);
    if (cols > 2 && c->chars * 0.7 / cols < 9)
        cols = 2;
    double rows = ceil((double)block / cols), panel_chars = (c->chars - 9.6) / cols - 1;
    int show_key = rows * cols <= (double)block || panel_chars >= 8;
    if (!show_key &&
        es_plot_note(c->rep, "figure 3 has no key at this width: solid lines are the lognormal fits, dashed the gamma") != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if (es_buf_printf(&c->script, "n_blocks = %zu\ner_min = %.10g\ner_max = %.10g\ndensity_max = %.10g\nshow_key = %d\n", block,
                      gmin, gmax, dmax, show_key) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    rc = es_script_end(c, 2);
done:
    es_buf_free(&hist);
    es_buf_free(&fit);
    return rc;
}

/* ------------------------------------------------- niche helpers (4 and 5) */

typedef struct es_niche_row {
    uint32_t code;
    size_t n;
    double median; /* over all units of the niche (ordering) */
} es_niche_row;

static int es_cmp_niche_median(const void *a, const void *b)
{
    const es_niche_row *x = a, *y = b;
    if (x->median != y->median)
        return x->median > y->median ? -1 : 1; /* highest first */
    return (x->code > y->code) - (x->code < y->code);
}

/* The row code of the niches pooled as "Other niches" in figure 4. */
#define ES_NICHE_OTHER (ES_DICT_NONE - 1)

/* How many niches figures 4 and 5 show by name: --top-niches, else as many rows as
 * the height holds (es_plot_text_rows: one line of text each, about six lines for
 * the axis and its title, and one for the forest plot's header or the heatmap's
 * "Other niches"), at least 3. */
static size_t es_top_niches(const es_fig_ctx *c)
{
    if (c->o->top_niches > 0)
        return c->o->top_niches < ES_MAX_NICHES ? (size_t)c->o->top_niches : ES_MAX_NICHES;
    double fit = floor(c->rows - 7);
    return fit > ES_MAX_NICHES ? ES_MAX_NICHES : fit > 3 ? (size_t)fit : 3;
}

/* Whether unit niche `code` belongs to row r (the pooled row: every niche not shown
 * by name). */
static int es_niche_in(const es_fig_ctx *c, const es_niche_row *r, uint32_t code)
{
    if (r->code != ES_NICHE_OTHER)
        return code == r->code;
    return code != ES_DICT_NONE && c->niche_top != NULL && !c->niche_top[code];
}

/* Row `code`: its units' count and median ER (scratch holds u->n values). */
static void es_niche_fill(const es_fig_ctx *c, es_niche_row *r, uint32_t code, double *scratch)
{
    size_t n = 0;
    r->code = code;
    for (size_t i = 0; i < c->u->n; i++)
        if (es_niche_in(c, r, c->u->niche[i]))
            scratch[n++] = c->u->er[i];
    qsort(scratch, n, sizeof *scratch, es_cmp_double);
    r->n = n;
    r->median = es_quantile_sorted(scratch, n, 0.5);
}

/* Collect niches with units: the es_top_niches largest, ordered by overall median ER
 * (highest first); with pool, the rest follow as one row (ES_NICHE_OTHER).
 * c->niche_top marks the niches shown by name, c->niche_rest counts the others.
 * *rows is malloc'ed. */
static int es_niches(es_fig_ctx *c, es_niche_row **rows, size_t *nrows, double *scratch, int pool)
{
    const es_units *u = c->u;
    *rows = NULL;
    *nrows = 0;
    c->niche_rest = 0;
    if (u->niche == NULL || u->niche_dict == NULL)
        return ES_OK;
    size_t nd = es_dict_size(u->niche_dict);
    size_t *cnt = calloc(nd ? nd : 1, sizeof *cnt);
    es_niche_row *r = malloc((nd + 1) * sizeof *r);
    free(c->niche_top);
    c->niche_top = calloc(nd ? nd : 1, 1);
    if (cnt == NULL || r == NULL || c->niche_top == NULL) {
        free(cnt);
        free(r);
        return ES_ENOMEM;
    }
    for (size_t i = 0; i < u->n; i++)
        if (u->niche[i] != ES_DICT_NONE && u->niche[i] < nd)
            cnt[u->niche[i]]++;
    size_t k = 0;
    for (uint32_t g = 0; g < nd; g++) {
        if (cnt[g] == 0)
            continue;
        es_niche_fill(c, &r[k++], g, scratch);
    }
    free(cnt);
    size_t cap = es_top_niches(c);
    if (k > cap) {
        /* keep the largest niches (ties by code), then order them by median */
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++)
                if (r[j].n > r[i].n || (r[j].n == r[i].n && r[j].code < r[i].code)) {
                    es_niche_row t = r[i];
                    r[i] = r[j];
                    r[j] = t;
                }
        c->niche_rest = k - cap;
        k = cap;
    }
    for (size_t i = 0; i < k; i++)
        c->niche_top[r[i].code] = 1;
    qsort(r, k, sizeof *r, es_cmp_niche_median);
    if (pool && c->niche_rest > 0)
        es_niche_fill(c, &r[k++], ES_NICHE_OTHER, scratch);
    *rows = r;
    *nrows = k;
    return ES_OK;
}

/* The name figure 4 shows for row r: the pooled row is "Other niches (M)", or
 * "Other (M)" when that is longer than room. */
static const char *es_niche_name(const es_fig_ctx *c, const es_niche_row *r, char *buf, size_t size, size_t room)
{
    if (r->code != ES_NICHE_OTHER)
        return es_dict_str(c->u->niche_dict, r->code);
    if ((size_t)snprintf(buf, size, "Other niches (%zu)", c->niche_rest) > room)
        snprintf(buf, size, "Other (%zu)", c->niche_rest);
    return buf;
}

/* ------------------------------------------------------------- figure 4 */

static int es_fig4(es_fig_ctx *c)
{
    const es_units *u = c->u;
    es_buf *d = &c->data;
    double *s = malloc((u->n ? u->n : 1) * sizeof *s);
    if (s == NULL)
        return es_oom(c);
    es_niche_row *r;
    size_t nr;
    int rc = es_niches(c, &r, &nr, s, 1);
    if (rc != ES_OK) {
        free(s);
        return es_oom(c);
    }
    if (nr == 0) {
        free(s);
        return es_plot_note(c->rep, "figures 4 and 5 skipped: no niche column (name one with --map niche=COLUMN)");
    }
    /* First pass: cell medians and the colour range over cells with enough units. */
    size_t ncell = nr * c->nb;
    double *med = malloc(ncell * sizeof *med);
    size_t *cn = calloc(ncell, sizeof *cn);
    if (med == NULL || cn == NULL) {
        rc = es_oom(c);
        goto done;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t y = 0; y < nr; y++)
        for (size_t k = 0; k < c->nb; k++) {
            size_t n = 0;
            for (size_t i = 0; i < u->n; i++)
                if (u->band[i] == (int)k && es_niche_in(c, &r[y], u->niche[i]))
                    s[n++] = u->er[i];
            qsort(s, n, sizeof *s, es_cmp_double);
            med[y * c->nb + k] = es_quantile_sorted(s, n, 0.5);
            cn[y * c->nb + k] = n;
            double m = med[y * c->nb + k];
            if (n >= ES_CELL_MIN && m > 0) {
                lo = fmin(lo, m);
                hi = fmax(hi, m);
            }
        }
    if (!isfinite(lo)) {
        rc = es_plot_note(c->rep, "figure 4 skipped: no niche-by-band cell has %d units", ES_CELL_MIN);
        goto done;
    }
    if (!(hi > lo)) {
        lo /= 1.5;
        hi *= 1.5;
    }
    /* Niche names take at most 30% of the width; the band columns share what the
     * names and the colour box (12 characters) leave. */
    size_t niche_room = es_room(c, 0.3, 0, 6), niche_w = 0;
    for (size_t y = 0; y < nr; y++) {
        char nb[48];
        size_t w = es_plot_text_width(es_niche_name(c, &r[y], nb, sizeof nb, niche_room));
        niche_w = w > niche_w ? w : niche_w;
    }
    niche_w = niche_w < niche_room ? niche_w : niche_room;
    size_t band_room = es_room(c, 1 / (double)c->nb, ((double)niche_w + 14) / (double)c->nb + 1, 4);
    /* Narrow columns (in the canvas model's characters, about 1.4 times the digits
     * of the font): no values in the cells below 2.5 ("5.6"); the band names turn
     * upright when the widest would not fit across its column (then 0.4 characters
     * per line of the height, about a fifth of it, at most 10). */
    double cell = (c->chars - (double)niche_w - 14) / (double)c->nb;
    int cell_values = cell >= 2.5, band_w = 0;
    for (size_t k = 0; k < c->nb; k++)
        band_w = (int)fmax(band_w, (double)es_plot_text_width(c->b->names[k]));
    int rotate = (double)band_w > cell + 0.5 && band_room < (size_t)band_w;
    if (rotate)
        band_room = (size_t)fmax(4, fmin(10, floor(c->lines * 0.4)));
    rc = es_buf_puts(d, "# x\ty\tmedian\tn\ttext_rgb\tniche\tniche_tex\tband\tband_tex\n");
    for (size_t y = 0; y < nr && rc == ES_OK; y++)
        for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
            char nb[48];
            size_t n = cn[y * c->nb + k];
            double m = med[y * c->nb + k];
            /* The top row is the niche with the highest median.  Dark (low) end of the
             * palette takes white text. */
            double t = (n >= ES_CELL_MIN && m > 0) ? (log(m) - log(lo)) / (log(hi) - log(lo)) : 1;
            rc = es_buf_printf(d, "%zu\t%zu\t", k, nr - 1 - y);
            if (rc == ES_OK)
                rc = es_num(d, m);
            if (rc == ES_OK)
                rc = es_buf_printf(d, "\t%zu\t%d\t", n, t < 0.55 ? 0xFFFFFF : 0x000000);
            if (rc == ES_OK)
                rc = es_labels(c, d, es_niche_name(c, &r[y], nb, sizeof nb, niche_room), niche_room);
            if (rc == ES_OK)
                rc = es_buf_putc(d, '\t');
            if (rc == ES_OK)
                rc = es_labels(c, d, c->b->names[k], band_room);
            if (rc == ES_OK)
                rc = es_buf_putc(d, '\n');
        }
    if (rc != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    char pooled[48];
    if (c->niche_rest > 0 &&
        es_plot_note(c->rep, "figure 4 shows the %zu largest of %zu niches and pools the other %zu as '%s' "
                     "(--top-niches %zu%s)", nr - 1, nr - 1 + c->niche_rest, c->niche_rest,
                     es_niche_name(c, &r[nr - 1], pooled, sizeof pooled, niche_room), nr - 1,
                     c->o->top_niches > 0 ? "" : ", the most that fit the figure's height") != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if ((rc = es_flush(c, 3, NULL)) != ES_OK || (rc = es_script_begin(c, 3)) != ES_OK)
        goto done;
    if (!cell_values &&
        es_plot_note(c->rep, "figure 4 leaves the values off its cells at this width (the colour scale gives them; they "
                     "are in fig4.tsv)") != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if (es_buf_printf(&c->script, "n_bands = %zu\nn_niches = %zu\ncell_min = %d\nmedian_low = %.10g\nmedian_high = %.10g\n"
                      "cell_values = %d\nband_upright = %d\n", c->nb, nr, ES_CELL_MIN, lo, hi, cell_values, rotate) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    rc = es_script_end(c, 3);
done:
    free(med);
    free(cn);
    free(r);
    free(s);
    return rc;
}

/* ------------------------------------------------------------- figure 5 */

/* Bootstrap CI of median(a) / median(b), each group resampled on its own: the
 * bootstrap module's two-sample driver with the options `engagestat compare` uses
 * (B, seed, threads, conf), so the intervals agree with its output.  BCa (Efron 1987)
 * where defined, else percentile; NaN for post units (not independent) or B = 0. */
static void es_forest_ci(const es_fig_ctx *c, const double *a, size_t na, const double *b, size_t nb, double *lo,
                        double *hi, double *plo, double *phi)
{
    *lo = *hi = *plo = *phi = NAN;
    if (c->o->boot <= 0 || c->u->unit_post)
        return;
    es_boot_opts bo;
    es_boot_opts_default(&bo);
    bo.B = (size_t)c->o->boot;
    bo.seed = c->o->seed;
    bo.threads = c->o->threads;
    bo.conf = c->o->conf;
    es_ratio_ci r;
    if (es_ratio_of_medians(a, na, b, nb, &bo, &r) != ES_OK || !r.has_ci)
        return;
    *plo = r.perc_lo;
    *phi = r.perc_hi;
    if (isfinite(r.bca_lo) && isfinite(r.bca_hi)) {
        *lo = r.bca_lo;
        *hi = r.bca_hi;
    } else {
        *lo = r.perc_lo;
        *hi = r.perc_hi;
    }
}

/* One row of the forest plot. */
typedef struct es_forest_row {
    const char *name;
    size_t na, nb;
    double ma, mb, lo, hi, plo, phi;
    int pooled, has_ci;
} es_forest_row;

/* The forest plot's columns: the niche name (left-aligned at the left edge), the
 * two counts (right-aligned beside the axis) and the ratio with its interval on the
 * right, each under a header.  Together they take at most half the width, so the
 * plot area keeps the other half at any size: what does not fit goes, values first,
 * then the counts, then the end of long names.  count_head is the width of the
 * counts' header with the band names.  Fills *lay; returns the room for names. */
typedef struct es_forest_lay {
    int show_values, show_counts, count_head_long;
    size_t count_w, value_w;
    double left, right, title_room; /* margins and axis-title room, in characters */
} es_forest_lay;

static size_t es_forest_layout(const es_fig_ctx *c, const es_forest_row *r, size_t n, size_t count_head,
                               es_forest_lay *lay)
{
    size_t name_w = 5 /* "Niche" */, count_w = 1 /* "n" */, value_w = 0, any_ci = 0;
    char tmp[96];
    for (size_t i = 0; i < n; i++) {
        size_t w = es_plot_text_width(r[i].name);
        name_w = w > name_w ? w : name_w;
        int k = snprintf(tmp, sizeof tmp, "%zu / %zu", r[i].na, r[i].nb);
        count_w = (size_t)k > count_w ? (size_t)k : count_w;
        double q = r[i].ma / r[i].mb;
        k = r[i].has_ci ? snprintf(tmp, sizeof tmp, "%.2f [%.2f, %.2f]", q, r[i].lo, r[i].hi) : snprintf(tmp, sizeof tmp, "%.2f", q);
        value_w = (size_t)k > value_w ? (size_t)k : value_w;
        any_ci |= (size_t)r[i].has_ci;
    }
    /* Headers: "n, micro / mega" (count_head) or "n"; "Ratio [95% CI]" (14) or
     * "Ratio".  Layouts tried in turn, each leaving the names min(8, name_w)
     * characters: values and counts, counts alone, names alone; the long count
     * header when the names then keep their full width. */
    value_w = value_w > (any_ci ? 14u : 5u) ? value_w : (any_ci ? 14u : 5u);
    double budget = floor(c->chars * 0.5), need = fmin(8, (double)name_w);
    size_t count_long = count_head > count_w ? count_head : count_w;
    int k = 0;
    /* left: 2 + names + 2 + counts; right: 2 + values */
    while (k < 2 && budget - 6 - (double)count_w - (k == 0 ? (double)value_w : 0) < need)
        k++;
    lay->show_values = k == 0;
    lay->show_counts = k < 2;
    lay->count_head_long = lay->show_counts &&
                           budget - 6 - (double)count_long - (k == 0 ? (double)value_w : 0) >= (double)name_w;
    count_w = lay->count_head_long ? count_long : count_w;
    if (!lay->show_values)
        value_w = 0;
    double names = budget - 4 - (lay->show_counts ? 2 + (double)count_w : 0) - (double)value_w;
    size_t name_room = names > 4 ? (size_t)names : 4;
    name_room = name_room < name_w ? name_room : name_w;
    lay->count_w = count_w;
    lay->value_w = value_w;
    lay->left = 2 + (double)name_room + (lay->show_counts ? 2 + (double)count_w : 0);
    lay->right = lay->show_values ? 2 + (double)value_w : 2;
    /* The axis title is centred under the plot area: it may reach into the
     * narrower of the two margins but not past the canvas edge. */
    lay->title_room = c->chars - lay->left - lay->right + 2 * fmin(lay->left, lay->right);
    return name_room;
}

/* Rows by effect: the largest ratio first (drawn on top), ties by name. */
static int es_cmp_forest(const void *a, const void *b)
{
    const es_forest_row *x = a, *y = b;
    double qx = x->ma / x->mb, qy = y->ma / y->mb;
    if (qx != qy)
        return qx > qy ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int es_fig5(es_fig_ctx *c)
{
    const es_units *u = c->u;
    es_buf *d = &c->data;
    int ba = es_bands_find(c->b, c->o->ratio_a), bb = es_bands_find(c->b, c->o->ratio_b);
    if (ba < 0 || bb < 0)
        return es_plot_note(c->rep, "figure 5 skipped: no band named '%s'", ba < 0 ? c->o->ratio_a : c->o->ratio_b);
    double *s = malloc((u->n ? u->n : 1) * sizeof *s), *xa = malloc((u->n ? u->n : 1) * sizeof *xa),
           *xb = malloc((u->n ? u->n : 1) * sizeof *xb);
    es_niche_row *r = NULL;
    es_forest_row *fr = NULL;
    size_t nr = 0;
    int rc = ES_OK;
    if (s == NULL || xa == NULL || xb == NULL || es_niches(c, &r, &nr, s, 0) != ES_OK ||
        (fr = malloc((nr + 1) * sizeof *fr)) == NULL) {
        rc = es_oom(c);
        goto done;
    }
    /* Rows: niches with min_n units in both bands (highest overall median
     * first, drawn on top), then all units pooled. */
    size_t nf = 0, skipped = 0;
    double xlo = 1, xhi = 1; /* the x range always shows ratio 1 */
    for (size_t y = 0; y <= nr; y++) {
        int pooled = y == nr;
        size_t na = 0, nb = 0;
        for (size_t i = 0; i < u->n; i++) {
            if (!pooled && u->niche[i] != r[y].code)
                continue;
            if (u->band[i] == ba)
                xa[na++] = u->er[i];
            else if (u->band[i] == bb)
                xb[nb++] = u->er[i];
        }
        /* The bootstrap sees the units in their original order (as describe and
         * compare pass them), so its replicates are the same; then sort. */
        uint32_t code = pooled ? ES_DICT_NONE : r[y].code;
        size_t acc_a = es_units_accounts(u, ba, code, ES_DICT_NONE, 0), acc_b = es_units_accounts(u, bb, code, ES_DICT_NONE, 0);
        if (acc_a == SIZE_MAX || acc_b == SIZE_MAX) {
            rc = es_oom(c);
            goto done;
        }
        if (acc_a < c->o->min_n || acc_b < c->o->min_n || !(es_median(xb, nb) > 0)) {
            skipped += !pooled;
            continue;
        }
        es_forest_row *f = &fr[nf++];
        f->name = pooled ? "All niches" : es_dict_str(u->niche_dict, r[y].code);
        f->na = na;
        f->nb = nb;
        f->pooled = pooled;
        es_forest_ci(c, xa, na, xb, nb, &f->lo, &f->hi, &f->plo, &f->phi);
        qsort(xa, na, sizeof *xa, es_cmp_double);
        qsort(xb, nb, sizeof *xb, es_cmp_double);
        f->ma = es_quantile_sorted(xa, na, 0.5);
        f->mb = es_quantile_sorted(xb, nb, 0.5);
        f->has_ci = isfinite(f->lo) && isfinite(f->hi);
    }
    size_t shown = nf > 0 && fr[nf - 1].pooled ? nf - 1 : nf;
    if (shown == 0) {
        if (nr > 0)
            rc = es_plot_note(c->rep, "figure 5 skipped: no niche has %zu units in both bands of the ratio (--min-n)", c->o->min_n);
        goto done;
    }
    qsort(fr, shown, sizeof *fr, es_cmp_forest);
    /* The counts' header names the bands: "n, micro / mega". */
    size_t band_room = es_room(c, 0.25, 0, 5), count_head = 9;
    if (es_plot_label_fit(&c->text, c->b->names[ba], band_room, NULL) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    count_head += es_plot_text_width(c->text.data ? c->text.data : "");
    if (es_plot_label_fit(&c->text, c->b->names[bb], band_room, NULL) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    count_head += es_plot_text_width(c->text.data ? c->text.data : "") - 3;
    es_forest_lay lay;
    size_t name_room = es_forest_layout(c, fr, nf, count_head, &lay);
    int show_values = lay.show_values, show_counts = lay.show_counts;
    double avail = lay.title_room;
    rc = es_buf_puts(d, "# y\tlabel\tlabel_tex\tn_a\tn_b\tmedian_a\tmedian_b\tratio\tci_low\tci_high\tpooled\tperc_low\tperc_high\tbar_low\tbar_high\thas_ci\n");
    for (size_t i = 0; i < nf && rc == ES_OK; i++) {
        const es_forest_row *f = &fr[i];
        double q = f->ma / f->mb;
        /* What the template draws: the CI, or a bar of zero width when there is none
         * (gnuplot drops a point with an undefined column). */
        double blo = f->has_ci ? f->lo : q, bhi = f->has_ci ? f->hi : q;
        if (!(blo > 0)) { /* a log axis cannot reach 0: the bar is cut two decades below the ratio */
            blo = q / 100;
            if (es_plot_note(c->rep, "figure 5: the interval of '%s' reaches 0; its bar is cut at %.3g", f->name, blo) !=
                ES_OK) {
                rc = es_oom(c);
                goto done;
            }
        }
        xlo = fmin(xlo, fmin(blo, q));
        xhi = fmax(xhi, fmax(bhi, q));
        rc = es_buf_printf(d, "%zu\t", f->pooled ? 0 : shown - i + 1);
        if (rc == ES_OK)
            rc = es_labels(c, d, f->name, name_room);
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%zu\t%zu\t%.15g\t%.15g\t%.15g\t", f->na, f->nb, f->ma, f->mb, q);
        if (rc == ES_OK)
            rc = es_num(d, f->lo);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\t');
        if (rc == ES_OK)
            rc = es_num(d, f->hi);
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%d\t", f->pooled);
        if (rc == ES_OK)
            rc = es_num(d, f->plo);
        if (rc == ES_OK)
            rc = es_buf_putc(d, '\t');
        if (rc == ES_OK)
            rc = es_num(d, f->phi);
        if (rc == ES_OK)
            rc = es_buf_printf(d, "\t%.15g\t%.15g\t%d\n", blo, bhi, f->has_ci);
    }
    if (rc != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if (c->u->unit_post)
        es_plot_note(c->rep, "figure 5 has no CIs for post units (posts of one account are not independent; use --unit account)");
    if (c->niche_rest > 0)
        es_plot_note(c->rep, "figure 5 shows the %zu largest niches; the other %zu are in its 'All niches' row "
                     "(--top-niches)", nr, c->niche_rest);
    if (skipped > 0)
        es_plot_note(c->rep, "figure 5 leaves out %zu %s with fewer than %zu accounts in either band (--min-n; its "
                     "caption says so)", skipped, skipped == 1 ? "niche" : "niches", c->o->min_n);
    if (!show_values)
        es_plot_note(c->rep, "figure 5 leaves the column of ratios and CIs off at this width (they are in fig5.tsv)");
    if (!show_counts)
        es_plot_note(c->rep, "figure 5 leaves the column of counts off at this width (they are in fig5.tsv)");
    if ((rc = es_flush(c, 4, NULL)) != ES_OK)
        goto done;
    /* The axis title, as long as the width allows: 0 "Ratio of median engagement
     * rates, A / B", 1 "Ratio of medians, A / B", 2 "A / B". */
    rc = es_buf_puts(d, "# band_a\tband_a_tex\tband_b\tband_b_tex\n");
    if (rc == ES_OK)
        rc = es_labels(c, d, c->b->names[ba], band_room);
    size_t pair_w = es_plot_text_width(c->text.data ? c->text.data : "") + 3;
    if (rc == ES_OK)
        rc = es_buf_putc(d, '\t');
    if (rc == ES_OK)
        rc = es_labels(c, d, c->b->names[bb], band_room);
    pair_w += es_plot_text_width(c->text.data ? c->text.data : "");
    if (rc == ES_OK)
        rc = es_buf_putc(d, '\n');
    if (rc != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    int xlabel_form = (double)(pair_w + 34) <= avail ? 0 : (double)(pair_w + 18) <= avail ? 1 : 2;
    if ((rc = es_flush(c, 4, "pair")) != ES_OK || (rc = es_script_begin(c, 4)) != ES_OK)
        goto done;
    /* The caption under the axis: what was left out (numbers and fixed words only). */
    char caption[160] = "";
    if (c->niche_rest > 0 && skipped > 0)
        snprintf(caption, sizeof caption, "Left out: %zu smaller niches; %zu with < %zu accounts in a band",
                 c->niche_rest, skipped, c->o->min_n);
    else if (c->niche_rest > 0)
        snprintf(caption, sizeof caption, "Left out: %zu smaller %s (in All niches)", c->niche_rest,
                 c->niche_rest == 1 ? "niche" : "niches");
    if ((double)strlen(caption) > c->chars - 2)
        snprintf(caption, sizeof caption, "Left out: %zu smaller niches, %zu with n < %zu", c->niche_rest, skipped,
                 c->o->min_n);
    if ((double)strlen(caption) > c->chars - 2)
        snprintf(caption, sizeof caption, "Left out: %zu niches", c->niche_rest + skipped);
    if ((double)strlen(caption) > c->chars - 2)
        caption[0] = '\0';
    if (skipped > 0 && c->niche_rest == 0) {
        snprintf(caption, sizeof caption, "Left out: %zu %s with fewer than %zu %s in either band", skipped,
                 skipped == 1 ? "niche" : "niches", c->o->min_n, "accounts");
        if ((double)strlen(caption) > c->chars - 2)
            snprintf(caption, sizeof caption, "Left out: %zu %s with < %zu accounts in a band", skipped,
                     skipped == 1 ? "niche" : "niches", c->o->min_n);
        if ((double)strlen(caption) > c->chars - 2)
            snprintf(caption, sizeof caption, "Left out: %zu (n < %zu)", skipped, c->o->min_n);
        if ((double)strlen(caption) > c->chars - 2)
            caption[0] = '\0';
    }
    /* LaTeX sets '<' as an inverted exclamation mark outside maths */
    char caption_tex[200] = "";
    for (size_t i = 0, j = 0; caption[i] && j + 4 < sizeof caption_tex; i++) {
        if (caption[i] == '<') {
            memcpy(caption_tex + j, "$<$", 3);
            j += 3;
        } else {
            caption_tex[j++] = caption[i];
        }
        caption_tex[j] = '\0';
    }
    if (es_buf_printf(&c->script,
                      "n_rows = %zu\nn_lines = %zu\nratio_low = %.10g\nratio_high = %.10g\nboot = %ld\nseed = %lu\n"
                      "ci_method = \"%s\"\nshow_values = %d\nshow_counts = %d\nxlabel_form = %d\n"
                      "# the label columns, in characters: the margins and the counts' header form\n"
                      "left_chars = %.0f\nright_chars = %.0f\ncount_head_long = %d\nany_ci = %d\ncaption = \"%s\"\n"
                      "caption_tex = \"%s\"\n",
                      shown, nf, xlo, xhi, c->o->boot, c->o->seed,
                      c->u->unit_post || c->o->boot <= 0 ? "none" : "bootstrap BCa (percentile where BCa is undefined)",
                      show_values, show_counts, xlabel_form, lay.left, lay.right, lay.count_head_long,
                      !c->u->unit_post && c->o->boot > 0, caption, caption_tex) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    rc = es_script_end(c, 4);
done:
    free(fr);
    free(r);
    free(s);
    free(xa);
    free(xb);
    return rc;
}

/* ------------------------------------------------------------- figure 6 */

static int es_fig6(es_fig_ctx *c)
{
    const es_units *u = c->u;
    es_buf *d = &c->data;
    double *x;
    size_t n;
    if (es_sorted_copy(u->followers, u->n, &x, &n) != ES_OK)
        return es_oom(c);
    size_t z = 0;
    while (z < n && !(x[z] > 0))
        z++;
    size_t m = n - z;
    int rc = ES_OK;
    if (m < 20) {
        rc = es_plot_note(c->rep, "figure 6 skipped: fewer than 20 units with followers > 0");
        goto done;
    }
    const double *p = x + z;
    /* CCDF P(X >= x) at each distinct value, thinned on the log scale so that no more
     * than about ES_MAX_STEPS points are written (the last 200 values all kept). */
    double gap = (log10(p[m - 1]) - log10(p[0])) / ES_MAX_STEPS, last = -INFINITY;
    rc = es_buf_puts(d, "# followers\tccdf\n");
    for (size_t i = 0; i < m && rc == ES_OK; i++) {
        if (i > 0 && p[i] == p[i - 1])
            continue;
        double lx = log10(p[i]);
        if (lx - last < gap && i + 200 < m)
            continue;
        last = lx;
        rc = es_buf_printf(d, "%.15g\t%.15g\n", p[i], (double)(m - i) / (double)m);
    }
    if (rc != ES_OK || (rc = es_flush(c, 5, "ccdf")) != ES_OK)
        goto fail;
    /* Continuous power law above xmin, xmin by minimum KS distance (powerlaw.h;
     * Clauset et al. 2009); follower counts are large integers, so the continuous
     * likelihood is an adequate approximation for xmin >> 6. */
    es_pl_opts plo = {0};
    plo.min_tail = m >= 500 ? 50 : 10;
    es_plfit pl;
    size_t nt = 0;
    double alpha = NAN, xmin = NAN, ks = NAN;
    if (es_powerlaw_fit(&pl, p, m, &plo) == ES_OK) {
        alpha = pl.alpha;
        xmin = pl.xmin;
        nt = pl.n_tail;
        ks = pl.ks_d;
        rc = es_buf_puts(d, "# followers\tccdf_fit\n");
        for (int i = 0; i <= 50 && rc == ES_OK; i++) {
            double xv = pow(10, log10(xmin) + (log10(p[m - 1]) - log10(xmin)) * i / 50.0);
            rc = es_buf_printf(d, "%.15g\t%.15g\n", xv, (double)nt / (double)m * pow(xv / xmin, 1 - alpha));
        }
        if (rc != ES_OK || (rc = es_flush(c, 5, "fit")) != ES_OK)
            goto fail;
    } else {
        es_plot_note(c->rep, "figure 6: no power-law tail fitted (too few distinct values)");
        if ((rc = es_buf_puts(d, "# followers\tccdf_fit\nNaN\tNaN\n")) != ES_OK || (rc = es_flush(c, 5, "fit")) != ES_OK)
            goto fail;
    }
    if ((rc = es_script_begin(c, 5)) != ES_OK)
        goto done;
    rc = es_buf_printf(&c->script, "n_units = %zu\npl_alpha = %.10g\npl_xmin = %.10g\npl_n_tail = %zu\npl_ks = %.10g\n", m,
                       alpha, xmin, nt, ks);
    if (rc != ES_OK)
        goto fail;
    rc = es_script_end(c, 5);
    goto done;
fail:
    if (rc == ES_ENOMEM)
        rc = es_oom(c);
done:
    free(x);
    return rc;
}

/* ------------------------------------------------------------- figure 7 */

static int es_fig7(es_fig_ctx *c)
{
    es_buf *d = &c->data, lab = {0};
    int rc = es_buf_puts(&lab, "# block\tband_index\tband\tband_tex\tn\tn_zero\n");
    size_t block = 0;
    for (size_t k = 0; k < c->nb && rc == ES_OK; k++) {
        const double *x = c->band_er[k];
        size_t n = c->band_n[k], z = 0;
        while (z < n && x[z] <= 0)
            z++;
        if (n - z < 2)
            continue;
        /* ECDF F(x) = #{x_i <= x} / n over all n units; zeros count but sit left of
         * the log axis.  Thinned by a stride above ES_MAX_STEPS points. */
        size_t stride = (n - z) > ES_MAX_STEPS ? (n - z + ES_MAX_STEPS - 1) / ES_MAX_STEPS : 1;
        rc = es_buf_printf(d, "# band %zu\n", k);
        for (size_t i = z; i < n && rc == ES_OK; i++)
            if ((i - z) % stride == 0 || i + 1 == n)
                rc = es_buf_printf(d, "%.15g\t%.15g\n", x[i], (double)(i + 1) / (double)n);
        if (rc == ES_OK)
            rc = es_buf_puts(d, "\n\n");
        if (rc == ES_OK)
            rc = es_buf_printf(&lab, "%zu\t%zu\t", block++, k);
        if (rc == ES_OK)
            rc = es_labels(c, &lab, c->b->names[k], es_room(c, 0.45, 10, 6));
        if (rc == ES_OK)
            rc = es_buf_printf(&lab, "\t%zu\t%zu\n", n, z);
    }
    if (rc != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if (block == 0) {
        es_buf_reset(d);
        rc = es_plot_note(c->rep, "figure 7 skipped: no band has 2 units with positive ER");
        goto done;
    }
    if ((rc = es_flush(c, 6, NULL)) != ES_OK)
        goto done;
    es_buf_reset(d);
    if (es_buf_append(d, lab.data, lab.len) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    if ((rc = es_flush(c, 6, "bands")) != ES_OK || (rc = es_script_begin(c, 6)) != ES_OK)
        goto done;
    if (es_buf_printf(&c->script, "n_blocks = %zu\n", block) != ES_OK) {
        rc = es_oom(c);
        goto done;
    }
    rc = es_script_end(c, 6);
done:
    es_buf_free(&lab);
    return rc;
}

/* ------------------------------------------------------------------ driver */

int es_plot_write(const es_units *u, const es_bands *b, const es_plot_opts *o, const char *dir, es_plot_report *rep,
                  es_err *err)
{
    if (o->script_dir == NULL)
        return es_err_set(err, ES_EINVAL, "no directory of gnuplot templates given");
    if (o->font != NULL && es_plot_check_font(o->font, err) != ES_OK)
        return ES_EINVAL;
    if (o->formats == 0 || (o->formats & ~15u) != 0)
        return es_err_set(err, ES_EINVAL, "no output format chosen");
    if (!(o->conf > 0 && o->conf < 1))
        return es_err_set(err, ES_EINVAL, "confidence level %g is not between 0 and 1", o->conf);
    if (!(o->width_cm >= ES_PLOT_MIN_CM && o->width_cm <= ES_PLOT_MAX_CM && o->height_cm >= ES_PLOT_MIN_CM &&
          o->height_cm <= ES_PLOT_MAX_CM))
        return es_err_set(err, ES_EINVAL, "figure size %gx%g cm is outside %g-%g cm", o->width_cm, o->height_cm,
                          ES_PLOT_MIN_CM, ES_PLOT_MAX_CM);
    if (es_plot_check_canvas(o, err) != ES_OK)
        return ES_EINVAL;
    if (o->top_niches < 0 || o->top_niches > ES_MAX_NICHES)
        return es_err_set(err, ES_EINVAL, "top niches %ld is outside 1-%d (0: as many as fit)", o->top_niches,
                          ES_MAX_NICHES);
    if (u->n == 0 || b->n == 0)
        return es_err_set(err, ES_EEMPTY, "no units to plot");
    memset(rep, 0, sizeof *rep);
    /* Every template must be readable before anything is created. */
    es_buf path = {0};
    for (int i = -1; i < ES_PLOT_NFIG; i++) {
        if (es_plot_path(&path, o->script_dir, i < 0 ? "theme.gp" : es_templates[i]) != ES_OK) {
            es_buf_free(&path);
            return es_err_set(err, ES_ENOMEM, "out of memory");
        }
        if (access(path.data, R_OK) != 0) {
            int e = es_err_set(err, ES_EINVAL, "gnuplot template %s cannot be read; name the directory of the "
                               "templates with ENGAGESTAT_SCRIPTS", path.data);
            es_buf_free(&path);
            return e;
        }
    }
    es_buf_free(&path);
    int rc = es_mkdir_p(dir, err);
    if (rc != ES_OK)
        return rc;
    rc = es_plot_copy_template(o->script_dir, "theme.gp", dir, err);
    for (int i = 0; i < ES_PLOT_NFIG && rc == ES_OK; i++)
        rc = es_plot_copy_template(o->script_dir, es_templates[i], dir, err);
    if (rc != ES_OK)
        return rc;

    es_fig_ctx c = {.u = u, .b = b, .o = o, .dir = dir, .rep = rep, .err = err, .nb = b->n};
    es_plot_canvas(o, &c.chars, &c.lines);
    c.rows = es_plot_text_rows(o);
    c.band_er = calloc(b->n, sizeof *c.band_er);
    c.band_n = calloc(b->n, sizeof *c.band_n);
    if (c.band_er == NULL || c.band_n == NULL) {
        rc = es_oom(&c);
        goto done;
    }
    for (size_t k = 0; k < b->n && rc == ES_OK; k++) {
        c.band_er[k] = malloc((u->n ? u->n : 1) * sizeof **c.band_er);
        if (c.band_er[k] == NULL) {
            rc = es_oom(&c);
            break;
        }
        for (size_t i = 0; i < u->n; i++)
            if (u->band[i] == (int)k && !isnan(u->er[i]))
                c.band_er[k][c.band_n[k]++] = u->er[i];
        qsort(c.band_er[k], c.band_n[k], sizeof **c.band_er, es_cmp_double);
    }
    if (rc == ES_OK)
        rc = es_fig1(&c);
    if (rc == ES_OK)
        rc = es_fig2(&c);
    if (rc == ES_OK)
        rc = es_fig3(&c);
    if (rc == ES_OK)
        rc = es_fig4(&c);
    if (rc == ES_OK)
        rc = es_fig5(&c);
    if (rc == ES_OK)
        rc = es_fig6(&c);
    if (rc == ES_OK)
        rc = es_fig7(&c);
    if (rc == ES_OK && c.cut)
        rc = es_plot_note(rep, "labels too long for a %gcm x %gcm figure end in '...' in the drawing (the full names "
                          "are in the describe and compare tables)", o->width_cm, o->height_cm) == ES_OK ? ES_OK : es_oom(&c);
    if (rc == ES_OK && c.n_undrawable > 0 &&
        es_plot_note(rep, "no installed font draws %s: %zu %s show '?' in their place (scripts/install-deps.sh "
                     "installs fonts-noto-cjk and fonts-noto-color-emoji for CJK and emoji)", c.undrawable.data,
                     c.n_undrawable, c.n_undrawable == 1 ? "label" : "labels") != ES_OK)
        rc = es_oom(&c);
done:
    if (c.band_er != NULL)
        for (size_t k = 0; k < b->n; k++)
            free(c.band_er[k]);
    free(c.band_er);
    free(c.band_n);
    es_buf_free(&c.data);
    es_buf_free(&c.script);
    es_buf_free(&c.name);
    es_buf_free(&c.text);
    es_buf_free(&c.undrawable);
    es_plot_glyphs_free(&c.glyphs);
    free(c.niche_top);
    return rc;
}
