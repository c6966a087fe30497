/* plot_meta.c — the forest plot across datasets (es_plot_meta_forest) from the tables
 * es_meta_run fills: rows, the random-effects diamond and a line of heterogeneity go
 * into data files; the script holds only numbers and fixed words. */
#include "engagestat/outfile.h"
#include "engagestat/plot.h"
#include "engagestat/meta.h"
#include "plot_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ES_META_TEMPLATE "meta_forest.gp"

static int es_mf_oom(es_err *err)
{
    return es_err_set(err, ES_ENOMEM, "out of memory");
}

/* A number in a data file: %.15g, "NaN" for undefined (gnuplot skips it). */
static int es_mf_num(es_buf *b, double v)
{
    return isfinite(v) ? es_buf_printf(b, "\t%.15g", v) : es_buf_puts(b, "\tNaN");
}

/* The string of a cell, "" when missing. */
static const char *es_mf_str(const es_rtable *t, size_t row, const char *col)
{
    const es_cell *c = es_rtable_cell(t, row, col);
    return c != NULL && c->type == ES_CELL_STR && c->str != NULL ? c->str : "";
}

/* The figure options (es_plot_check_opts) and the base name. */
static int es_mf_check(const es_plot_opts *o, const char *dir, const char *base, es_err *err)
{
    /* BASE.gp must not overwrite the copies of the theme and the template. */
    if (dir == NULL || base == NULL || *base == '\0' || strchr(base, '/') != NULL || strchr(base, '"') != NULL ||
        strcmp(base, "theme") == 0 || strcmp(base, "meta_forest") == 0)
        return es_err_set(err, ES_EINVAL, "figure base name '%s': expected a name without '/' or '\"', other than "
                          "'theme' and the template's", base ? base : "");
    return es_plot_check_opts(o, err);
}

/* The figure script: settings, then a loop over formats loading theme and template. */
static int es_mf_script(es_buf *s, const es_plot_opts *o, const char *base, size_t n_rows, double xlo, double xhi,
                        int show_values, int has_summary)
{
    int rc = es_plot_script_head(s, o, base, "ratio per dataset and the random-effects summary across datasets "
                                 "(forest plot)", ES_META_TEMPLATE);
    if (rc == ES_OK)
        rc = es_buf_printf(s, "n_rows = %zu\nratio_low = %.15g\nratio_high = %.15g\nshow_values = %d\nhas_summary = %d\n",
                           n_rows, xlo, xhi, show_values, has_summary);
    if (rc == ES_OK)
        rc = es_plot_script_tail(s, ES_META_TEMPLATE);
    return rc;
}

/* Save b as dir/base + suffix. */
static int es_mf_save(const char *dir, const char *base, const char *suffix, const es_buf *b, es_buf *name, es_err *err)
{
    es_buf_reset(name);
    if (es_buf_printf(name, "%s%s", base, suffix) != ES_OK)
        return es_mf_oom(err);
    return es_plot_save(dir, name->data, b, err);
}

/* The caller's note for the LaTeX column: letters, digits, spaces and , . : ; ( ) - =
 * kept, anything else dropped (no LaTeX special reaches cairolatex). */
static int es_plot_field_tex_plain(es_buf *b, const char *s)
{
    int rc = ES_OK;
    for (const char *p = s; *p && rc == ES_OK; p++)
        if (isalnum((unsigned char)*p) || strchr(" ,.:;()-=", *p))
            rc = es_buf_putc(b, *p);
    return rc;
}

int es_plot_meta_forest(const es_results *meta, const es_plot_opts *o, const char *dir, const char *base,
                        es_plot_report *rep, es_err *err)
{
    int rc = es_mf_check(o, dir, base, err);
    if (rc != ES_OK)
        return rc;
    es_rtable *td = es_results_find_table(meta, "datasets"), *tp = es_results_find_table(meta, "pooled");
    if (td == NULL || tp == NULL || tp->n_rows != 1)
        return es_err_set(err, ES_EINVAL, "no across-datasets results (es_meta_run's tables 'datasets' and 'pooled')");
    /* Rows that a log axis can show. */
    size_t shown = 0, name_w = 0, value_w = 0;
    char tmp[128];
    for (size_t i = 0; i < td->n_rows; i++) {
        double r = es_rtable_num(td, i, "ratio"), lo = es_rtable_num(td, i, "ci_low"), hi = es_rtable_num(td, i, "ci_high");
        if (!(r > 0 && isfinite(r)))
            continue;
        shown++;
        size_t w = es_plot_text_width(es_mf_str(td, i, "label")) + (strcmp(es_mf_str(td, i, "pooled"), "yes") ? 2 : 0);
        name_w = w > name_w ? w : name_w;
        int k = lo > 0 && hi > 0 ? snprintf(tmp, sizeof tmp, "%.2f [%.2f, %.2f]", r, lo, hi) : snprintf(tmp, sizeof tmp, "%.2f", r);
        value_w = (size_t)k > value_w ? (size_t)k : value_w;
    }
    if (shown == 0)
        return es_err_set(err, ES_EEMPTY, "no dataset has a finite positive ratio to draw");
    double est = es_rtable_num(tp, 0, "estimate"), elo = es_rtable_num(tp, 0, "ci_low"), ehi = es_rtable_num(tp, 0, "ci_high");
    int has_summary = est > 0 && elo > 0 && ehi > 0 && isfinite(est) && isfinite(elo) && isfinite(ehi);
    /* The summary's label counts toward the names' width. */
    char sum_label[96];
    snprintf(sum_label, sizeof sum_label, "Pooled (%.8s, k = %.0f)", es_mf_str(tp, 0, "method"),
             es_rtable_num(tp, 0, "k"));
    if (has_summary)
        name_w = es_plot_text_width(sum_label) > name_w ? es_plot_text_width(sum_label) : name_w;
    size_t n_rows = shown; /* the summary sits at y = 0 */
    double text_rows = es_plot_text_rows(o);
    if ((double)(n_rows + (size_t)has_summary + 5) > text_rows)
        return es_err_set(err, ES_EINVAL, "%zu datasets do not fit down a %gcm figure at this font; use a taller --size "
                          "(about %.1fcm)", n_rows, o->height_cm,
                          ceil(o->height_cm * (double)(n_rows + (size_t)has_summary + 5) / text_rows * 10) / 10);
    double chars, lines;
    es_plot_canvas(o, &chars, &lines);
    /* Names on the left, values on the right when both fit beside a plot area of at
     * least a fifth of the width (as figure 5). */
    double room = floor(chars - 4 - fmax(10, 0.2 * chars));
    int show_values = (double)(name_w + value_w) <= room;
    size_t name_room = show_values ? name_w : (size_t)fmax(4, fmin((double)name_w, room));

    /* Every template readable before anything is created. */
    es_buf path = {0}, d = {0}, lab = {0}, name = {0}, text = {0}, dia = {0}, note = {0};
    for (int i = 0; i < 2 && rc == ES_OK; i++) {
        if (es_plot_path(&path, o->script_dir, i == 0 ? "theme.gp" : ES_META_TEMPLATE) != ES_OK)
            rc = es_mf_oom(err);
        else if (access(path.data, R_OK) != 0)
            rc = es_err_set(err, ES_EINVAL, "gnuplot template %s cannot be read; name the directory of the "
                            "templates with ENGAGESTAT_SCRIPTS", path.data);
    }
    if (rc == ES_OK)
        rc = es_mkdir_p(dir, err);
    if (rc == ES_OK)
        rc = es_plot_copy_template(o->script_dir, "theme.gp", dir, err);
    if (rc == ES_OK)
        rc = es_plot_copy_template(o->script_dir, ES_META_TEMPLATE, dir, err);
    if (rc != ES_OK)
        goto done;

    /* Rows, top down: y = shown .. 1, then the summary's label at y = 0. */
    double xlo = 1, xhi = 1, wmax = 0;
    int cut = 0;
    for (size_t i = 0; i < td->n_rows; i++)
        wmax = fmax(wmax, isfinite(es_rtable_num(td, i, "weight")) ? es_rtable_num(td, i, "weight") : 0);
    int oom = es_buf_puts(&d, "# y\tlabel\tlabel_tex\tratio\tbar_low\tbar_high\tpooled\thas_ci\tweight\tpoint_size\n") != ES_OK;
    size_t y = shown, not_pooled = 0;
    for (size_t i = 0; i < td->n_rows && !oom; i++) {
        double r = es_rtable_num(td, i, "ratio"), lo = es_rtable_num(td, i, "ci_low"), hi = es_rtable_num(td, i, "ci_high");
        double w = es_rtable_num(td, i, "weight");
        const char *label = es_mf_str(td, i, "label");
        if (!(r > 0 && isfinite(r))) {
            oom = es_plot_note(rep, "the forest across datasets leaves out '%s': no positive ratio", label) != ES_OK;
            continue;
        }
        int pooled = strcmp(es_mf_str(td, i, "pooled"), "yes") == 0, has_ci = lo > 0 && hi > 0 && isfinite(lo) && isfinite(hi);
        double blo = has_ci ? lo : r, bhi = has_ci ? hi : r;
        xlo = fmin(xlo, blo);
        xhi = fmax(xhi, bhi);
        not_pooled += !pooled;
        /* Squares by weight (area in proportion), as forest plots draw them. */
        double ps = pooled && w > 0 && wmax > 0 ? 0.5 + 1.3 * sqrt(w / wmax) : 0.9;
        es_buf_reset(&text);
        oom = es_buf_printf(&text, "%s%s", label, pooled ? "" : " *") != ES_OK ||
              es_buf_printf(&d, "%zu\t", y--) != ES_OK || es_plot_label_pair(&d, &lab, text.data, name_room, &cut) != ES_OK ||
              es_mf_num(&d, r) != ES_OK || es_mf_num(&d, blo) != ES_OK || es_mf_num(&d, bhi) != ES_OK ||
              es_buf_printf(&d, "\t%d\t%d", pooled, has_ci) != ES_OK || es_mf_num(&d, w) != ES_OK ||
              es_buf_printf(&d, "\t%.3g\n", ps) != ES_OK;
    }
    if (!oom && has_summary) {
        xlo = fmin(xlo, elo);
        xhi = fmax(xhi, ehi);
        oom = es_buf_puts(&d, "0\t") != ES_OK || es_plot_label_pair(&d, &lab, sum_label, name_room, &cut) != ES_OK ||
              es_mf_num(&d, est) != ES_OK || es_mf_num(&d, elo) != ES_OK || es_mf_num(&d, ehi) != ES_OK ||
              es_buf_puts(&d, "\t2\t1\tNaN\t0\n") != ES_OK ||
              es_buf_printf(&dia, "# x\ty\n%.15g\t0\n%.15g\t0.3\n%.15g\t0\n%.15g\t-0.3\n%.15g\t0\n", elo, est, ehi, est, elo) != ES_OK;
    } else if (!oom) {
        /* No summary: a polygon outside the y range keeps gnuplot quiet. */
        oom = es_buf_puts(&dia, "# x\ty (no summary: outside the range)\n1\t-10\n1\t-10.1\n1.01\t-10\n1\t-10\n") != ES_OK;
    }
    /* The line under the axis: heterogeneity, and what '*' means (plain, then LaTeX). */
    if (!oom) {
        double tau2 = es_rtable_num(tp, 0, "tau2"), i2 = es_rtable_num(tp, 0, "i2");
        const char *star = not_pooled ? "* not pooled (definition differs or no interval)" : "";
        es_buf_reset(&text);
        es_buf_reset(&lab);
        if (has_summary)
            oom = es_buf_printf(&text, "\xCF\x84\xC2\xB2 = %.3g, I\xC2\xB2 = %.1f%%%s%s", tau2, i2, *star ? "; " : "", star) != ES_OK ||
                  es_buf_printf(&lab, "$\\tau^2 = %.3g$, $I^2 = %.1f\\%%$%s%s", tau2, i2, *star ? "; " : "", star) != ES_OK;
        else if (strcmp(es_mf_str(tp, 0, "method"), "none") == 0 && *es_mf_str(tp, 0, "note"))
            /* not a pooling (the sensitivity grid): the caller's line as it is */
            oom = es_buf_puts(&text, es_mf_str(tp, 0, "note")) != ES_OK ||
                  es_plot_field_tex_plain(&lab, es_mf_str(tp, 0, "note")) != ES_OK;
        else
            oom = es_buf_printf(&text, "no summary%s%s", *star ? "; " : "", star) != ES_OK ||
                  es_buf_printf(&lab, "no summary%s%s", *star ? "; " : "", star) != ES_OK;
        oom = oom || es_buf_puts(&note, "# note\tnote_tex\n") != ES_OK || es_plot_field(&note, text.data, 0) != ES_OK ||
              es_buf_putc(&note, '\t') != ES_OK || es_plot_field(&note, lab.data, 0) != ES_OK ||
              es_buf_putc(&note, '\n') != ES_OK;
    }
    if (!oom && cut)
        oom = es_plot_note(rep, "dataset names too long for a %gcm x %gcm figure end in '...' in the forest across datasets "
                           "(the full names are in the datasets table)", o->width_cm, o->height_cm) != ES_OK;
    if (!oom && !show_values)
        oom = es_plot_note(rep, "the forest across datasets leaves the column of ratios off at this width (they are in %s.tsv)",
                           base) != ES_OK;
    es_buf_reset(&text);
    if (oom || es_mf_script(&text, o, base, n_rows, xlo, xhi, show_values, has_summary) != ES_OK)
        rc = es_mf_oom(err);
    if (rc == ES_OK)
        rc = es_mf_save(dir, base, ".tsv", &d, &name, err);
    if (rc == ES_OK)
        rc = es_mf_save(dir, base, "_diamond.tsv", &dia, &name, err);
    if (rc == ES_OK)
        rc = es_mf_save(dir, base, "_note.tsv", &note, &name, err);
    if (rc == ES_OK)
        rc = es_mf_save(dir, base, ".gp", &text, &name, err);
    if (rc == ES_OK)
        rc = es_plot_render_one(dir, base, o, rep, err);
done:
    es_buf_free(&dia);
    es_buf_free(&note);
    es_buf_free(&path);
    es_buf_free(&d);
    es_buf_free(&lab);
    es_buf_free(&name);
    es_buf_free(&text);
    return rc;
}
