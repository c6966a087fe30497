/* sensitivity.c — does the micro/mega answer survive other definitions?  The ratio of
 * medians of two bands recomputed on one load with one choice changed at a time (band
 * preset, engagement definition, account aggregation, unit, largest ER kept), the
 * rest as the study has them (a one-factor-at-a-time design, Saltelli et al. 2008,
 * ch. 1), each with the bootstrap interval describe gives. */
#include "engagestat/analysis.h"

#include "engagestat/bands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void es_sensitivity_opts_init(es_sensitivity_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->ratio_num = "micro";
    o->ratio_den = "mega";
}

typedef struct es_cell_spec {
    const char *dimension; /* "baseline", "bands", "er", "account_er", "unit", "max_er" */
    const char *value;
    const char *bands;     /* preset, or NULL: the study's bands */
    const char *er;        /* NULL: the study's */
    int agg;               /* -1: the study's */
    int unit_post;         /* -1: the study's */
    double max_er;         /* NaN: the study's */
} es_cell_spec;

/* One cell: the units under spec, the two bands' medians and their ratio with its
 * interval, as a row of the table.  A cell the data cannot give (no views column)
 * gets its row with a note.  Returns 1 when the ratio is above 1 with the interval
 * above 1, 0 otherwise, -1 when no ratio; ES_ENOMEM as -2. */
static int es_sens_cell(const es_study *s, const es_sensitivity_opts *o, const es_cell_spec *c, es_rtable *t,
                   es_buf *fails)
{
    es_units_opts uo = *s->uo;
    es_bands b = {0};
    es_units u = {0};
    es_err err = {0};
    const char *note = NULL;
    int rc = ES_OK, verdict = -1;
    char buf[128];
    const es_bands *bands = s->uo->bands;
    if (c->bands != NULL) {
        if (es_bands_parse(&b, c->bands, NULL, &err) != ES_OK)
            note = "the preset cannot be read";
        bands = &b;
    }
    uo.bands = bands;
    if (c->er != NULL && note == NULL) {
        if (es_er_parse(&uo.er, c->er, &err) != ES_OK)
            note = "the definition cannot be read";
        uo.er_auto = 0;
    }
    if (c->agg >= 0)
        uo.agg = (es_account_agg)c->agg;
    if (c->unit_post >= 0)
        uo.unit_post = c->unit_post;
    if (!isnan(c->max_er))
        uo.max_er = c->max_er;
    if (note == NULL && es_units_check(s->table, &uo, &err) != ES_OK)
        note = "this definition does not fit the file";
    if (note == NULL && (rc = es_units_build(&u, s->table, &uo, &err)) != ES_OK) {
        note = rc == ES_ENOMEM ? NULL : "the file has no column for it";
        if (rc != ES_ENOMEM)
            rc = ES_OK;
    }
    es_err_clear(&err);
    es_row row = es_rtable_append(t);
    es_row_str(&row, "dimension", c->dimension);
    es_row_str(&row, "value", c->value);
    es_buf def = {0};
    es_er_format(&uo.er, &def);
    es_row_str(&row, "er", def.data);
    es_buf_free(&def);
    es_row_str(&row, "bands", bands ? bands->label : "");
    es_row_str(&row, "unit", uo.unit_post ? "post" : "account");
    es_row_str(&row, "account_er", uo.agg == ES_AGG_MEAN ? "mean" : uo.agg == ES_AGG_RATIO ? "ratio" : "median");
    es_row_num(&row, "max_er", isfinite(uo.max_er) ? uo.max_er : NAN);
    if (rc == ES_OK && note == NULL) {
        int ia = bands ? es_bands_find(bands, o->ratio_num) : -1, ib = bands ? es_bands_find(bands, o->ratio_den) : -1;
        if (ia < 0 || ib < 0) {
            note = "the bands have no such band";
        } else {
            double *x = malloc((u.n ? u.n : 1) * sizeof *x), *y = malloc((u.n ? u.n : 1) * sizeof *y);
            if (x == NULL || y == NULL) {
                rc = ES_ENOMEM;
            } else {
                size_t nx = es_units_select(&u, ia, ES_ROLE_NONE, ES_DICT_NONE, x);
                size_t ny = es_units_select(&u, ib, ES_ROLE_NONE, ES_DICT_NONE, y);
                size_t ax = es_units_accounts(&u, ia, ES_DICT_NONE, ES_DICT_NONE, 0);
                size_t ay = es_units_accounts(&u, ib, ES_DICT_NONE, ES_DICT_NONE, 0);
                const char *small = es_min_n_note(ax < ay ? ax : ay, o->common.min_n, "interval", buf, sizeof buf);
                es_boot_opts bo;
                es_analysis_boot_opts(&o->common, &bo);
                int boot = o->common.boot > 0 && !u.unit_post && small == NULL;
                es_ratio_ci r;
                if (es_ratio_of_medians(x, nx, y, ny, boot ? &bo : NULL, &r) != ES_OK)
                    rc = ES_ENOMEM;
                es_row_int(&row, "n_a", (long long)ax);
                es_row_int(&row, "n_b", (long long)ay);
                es_row_num(&row, "ratio", r.estimate);
                if (r.has_ci) {
                    es_row_num(&row, "ci_low", r.bca_lo);
                    es_row_num(&row, "ci_high", r.bca_hi);
                }
                note = small ? small : u.unit_post ? "post units: no bootstrap interval (as describe)" : NULL;
                if (isfinite(r.estimate)) {
                    int above = r.has_ci && r.bca_lo > 1, below = r.has_ci && r.bca_hi < 1;
                    es_row_str(&row, "holds", !r.has_ci ? "no interval"
                                              : above ? "yes"
                                              : below ? "reversed"
                                              : r.estimate > 1 ? "direction only"
                                                               : "no");
                    verdict = above ? 1 : 0;
                    if (!above && r.has_ci)
                        es_buf_printf(fails, "%s%s %s (%.2f)", fails->len ? "; " : "", c->dimension, c->value,
                                      r.estimate);
                }
            }
            free(x);
            free(y);
        }
    }
    es_row_str(&row, "note", note);
    es_units_free(&u);
    if (c->bands != NULL)
        es_bands_free(&b);
    return rc == ES_ENOMEM ? -2 : verdict;
}

int es_sensitivity_run(const es_study *s, const es_sensitivity_opts *o, es_results *res, es_err *err)
{
    if (s->table == NULL || s->uo == NULL)
        return es_err_set(err, ES_EINVAL, "sensitivity: the study needs its table");
    const es_table *t = s->table;
    int post_level = s->units->post_level;
    es_cell_spec cells[24];
    size_t n = 0;
    cells[n++] = (es_cell_spec){"baseline", "as the study", NULL, NULL, -1, -1, NAN};
    static const char *const presets[] = {"hypeauditor", "later", "markerly", "seed"};
    const char *label = s->uo->bands ? s->uo->bands->label : "";
    for (size_t i = 0; i < 4; i++)
        if (strcmp(label, presets[i]) != 0)
            cells[n++] = (es_cell_spec){"bands", presets[i], presets[i], NULL, -1, -1, NAN};
    es_buf base = {0};
    es_er_format(&s->uo->er, &base);
    static const char *const ers[] = {"likes+comments/followers", "likes/followers", "(likes+comments)/views"};
    for (size_t i = 0; i < 3; i++) {
        /* the same definition as the study's, however written, is no new cell */
        es_er_def def;
        es_err perr = {0};
        es_buf canon = {0};
        int same = es_er_parse(&def, ers[i], &perr) == ES_OK && es_er_format(&def, &canon) == ES_OK && base.data &&
                   canon.data && strcmp(base.data, canon.data) == 0;
        es_err_clear(&perr);
        es_buf_free(&canon);
        if (same)
            continue;
        if (i == 2 && t->role_col[ES_ROLE_VIEWS] < 0)
            continue; /* per view only where views exist */
        cells[n++] = (es_cell_spec){"er", ers[i], NULL, ers[i], -1, -1, NAN};
    }
    es_buf_free(&base);
    if (post_level && !s->uo->unit_post) {
        static const char *const aggs[] = {"median", "mean", "ratio"};
        for (int a = 0; a < 3; a++)
            if (a != (int)s->uo->agg)
                cells[n++] = (es_cell_spec){"account_er", aggs[a], NULL, NULL, a, -1, NAN};
    }
    if (post_level)
        cells[n++] = s->uo->unit_post ? (es_cell_spec){"unit", "account", NULL, NULL, -1, 0, NAN}
                                      : (es_cell_spec){"unit", "post", NULL, NULL, -1, 1, NAN};
    cells[n++] = isfinite(s->uo->max_er) ? (es_cell_spec){"max_er", "none", NULL, NULL, -1, -1, INFINITY}
                                         : (es_cell_spec){"max_er", "1", NULL, NULL, -1, -1, 1.0};

    static const char *const cols[] = {"dimension", "value", "er", "bands", "unit", "account_er", "max_er",
                                       "n_a", "n_b", "ratio", "ci_low", "ci_high", "holds", "note"};
    es_rtable *tb;
    char title[160];
    snprintf(title, sizeof title, "Ratio of median ER %s/%s under other definitions", o->ratio_num, o->ratio_den);
    if (es_results_table(res, "sensitivity", title, sizeof cols / sizeof *cols, cols, &tb) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_results_setting(res, "design", es_cell_str("one factor at a time from the study's settings"));
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_buf fails = {0}, open = {0};
    size_t m = 0, held = 0, no_ci = 0;
    for (size_t i = 0; i < n; i++) {
        int v = es_sens_cell(s, o, &cells[i], tb, &fails);
        if (v == -2) {
            es_buf_free(&fails);
            es_buf_free(&open);
            return es_err_set(err, ES_ENOMEM, "out of memory");
        }
        const es_rtable *tt = tb;
        size_t row = tt->n_rows - 1;
        int has_ci = isfinite(es_rtable_num(tt, row, "ci_low"));
        if (v >= 0 && !has_ci) {
            /* a ratio without an interval (post units, small bands): neither holds nor fails */
            const es_cell *dim = es_rtable_cell(tt, row, "dimension"), *val = es_rtable_cell(tt, row, "value");
            es_buf_printf(&open, "%s%s %s (%.2f)", open.len ? "; " : "", dim && dim->str ? dim->str : "",
                          val && val->str ? val->str : "", es_rtable_num(tt, row, "ratio"));
            no_ci++;
        } else if (v >= 0) {
            m++;
            held += (size_t)v;
        }
    }
    es_buf verdict = {0};
    if (m == 0)
        es_buf_printf(&verdict, "not testable: no cell gives a %s/%s ratio with an interval", o->ratio_num,
                      o->ratio_den);
    else
        es_buf_printf(&verdict, "%s > %s (interval above 1) holds in %zu of %zu cells with an interval%s%s", o->ratio_num,
                      o->ratio_den, held, m, held < m ? "; not in: " : "", held < m && fails.data ? fails.data : "");
    if (no_ci)
        es_buf_printf(&verdict, "; without an interval: %s", open.data ? open.data : "");
    es_results_value(res, "sensitivity_cells", es_cell_int((long long)m));
    es_results_value(res, "sensitivity_holds", es_cell_int((long long)held));
    es_results_value(res, "sensitivity_verdict", es_cell_str(verdict.data));
    es_buf_free(&verdict);
    es_buf_free(&fails);
    es_buf_free(&open);
    const char *msg;
    int rc = es_results_status(res, &msg);
    return rc == ES_OK ? ES_OK : es_err_set(err, rc, "%s", msg ? msg : "out of memory");
}
