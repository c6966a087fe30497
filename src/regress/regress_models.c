/* regress_models.c — regression models side by side (analysis.h, es_models_run), in the
 * manner of R's modelsummary (Arel-Bundock 2022) and stargazer (Hlavac 2022): each model
 * is one es_regress_run into a temporary results tree, whose coefficient and fit tables
 * are read back here; nothing is re-estimated.  Three runs give the five models: the
 * linear model with its robust and count fits ((1), (4), (5)), the quadratic (2), and
 * the quadratic with fixed effects (3). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/analysis.h"
#include "engagestat/buf.h"

void es_models_opts_init(es_models_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->with_fe = o->with_robust = o->with_count = 1;
    o->ratio_num = "micro";
    o->ratio_den = "mega";
}

/* One column of the table: where its numbers are read from. */
typedef struct es_model {
    const char *label;      /* "(1) linear" */
    const es_results *run;  /* the es_regress_run it comes from (shared by (1), (4), (5)) */
    const char *coef;       /* its coefficient table: coefficients, robust, count_model */
    int kind;               /* 0 OLS, 1 robust, 2 count */
    int fe_niche, fe_platform;
} es_model;

/* A value of r as a number (NaN when absent or missing). */
static double es_mod_value(const es_results *r, const char *name)
{
    for (size_t i = 0; i < r->n_values; i++)
        if (strcmp(r->values[i].name, name) == 0) {
            const es_cell *c = &r->values[i].value;
            return c->type == ES_CELL_NUM ? c->num : c->type == ES_CELL_INT ? (double)c->i : NAN;
        }
    return NAN;
}

/* A text setting of r, or NULL. */
static const char *es_mod_setting(const es_results *r, const char *name)
{
    for (size_t i = 0; i < r->n_settings; i++)
        if (strcmp(r->settings[i].name, name) == 0 && r->settings[i].value.type == ES_CELL_STR)
            return r->settings[i].value.str;
    return NULL;
}

/* The row of t whose column col holds s; SIZE_MAX when none (or t is NULL). */
static size_t es_mod_row(const es_rtable *t, const char *col, const char *s)
{
    for (size_t i = 0; t && i < t->n_rows; i++) {
        const es_cell *c = es_rtable_cell(t, i, col);
        if (c && c->type == ES_CELL_STR && strcmp(c->str, s) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* A statistic of a two-column fit table (es_reg_stats_table), NaN when absent. */
static double es_mod_stat(const es_results *r, const char *table, const char *k)
{
    const es_rtable *t = es_results_find_table(r, table);
    size_t i = es_mod_row(t, "statistic", k);
    return i == SIZE_MAX ? NAN : es_rtable_num(t, i, "value");
}

/* Whether term is a dummy of one of the factors of r's references table ("nichefood"). */
static int es_mod_is_dummy(const es_results *r, const char *term)
{
    const es_rtable *t = es_results_find_table(r, "references");
    for (size_t i = 0; t && i < t->n_rows; i++) {
        const es_cell *c = es_rtable_cell(t, i, "factor");
        if (c && c->type == ES_CELL_STR && strncmp(term, c->str, strlen(c->str)) == 0)
            return 1;
    }
    return 0;
}

/* Copy the warnings of a run into res, each text once. */
static void es_mod_warnings(es_results *res, const es_results *run)
{
    for (size_t i = 0; i < run->n_warnings; i++) {
        int seen = 0;
        for (size_t j = 0; j < res->n_warnings && !seen; j++)
            seen = strcmp(res->warnings[j], run->warnings[i]) == 0;
        if (!seen)
            es_results_warn(res, "%s", run->warnings[i]);
    }
}

/* The SE (parentheses) or CI (brackets) text of coefficient row i of t; "" when missing. */
static void es_mod_stat_text(char *buf, size_t size, const es_rtable *t, size_t i, int ci, int digits)
{
    double se = es_rtable_num(t, i, "se"), lo = es_rtable_num(t, i, "ci_low"), hi = es_rtable_num(t, i, "ci_high");
    buf[0] = '\0';
    if (ci && isfinite(lo) && isfinite(hi))
        snprintf(buf, size, "[%.*g, %.*g]", digits, lo, digits, hi);
    else if (!ci && isfinite(se))
        snprintf(buf, size, "(%.*g)", digits, se);
}

/* The terms of the models, in order of first appearance, dummies left out; *n their count.
 * NULL (with *n 0) when there is none or out of memory (*nomem set). */
static const char **es_mod_terms(const es_model *m, size_t nm, size_t *n, int *nomem)
{
    size_t cap = 0;
    *n = 0;
    *nomem = 0;
    for (size_t k = 0; k < nm; k++) {
        const es_rtable *t = es_results_find_table(m[k].run, m[k].coef);
        cap += t ? t->n_rows : 0;
    }
    const char **terms = malloc((cap ? cap : 1) * sizeof *terms);
    if (terms == NULL) {
        *nomem = 1;
        return NULL;
    }
    for (size_t k = 0; k < nm; k++) {
        const es_rtable *t = es_results_find_table(m[k].run, m[k].coef);
        for (size_t i = 0; t && i < t->n_rows; i++) {
            const es_cell *c = es_rtable_cell(t, i, "term");
            if (c == NULL || c->type != ES_CELL_STR || es_mod_is_dummy(m[k].run, c->str))
                continue;
            size_t j = 0;
            while (j < *n && strcmp(terms[j], c->str) != 0)
                j++;
            if (j == *n)
                terms[(*n)++] = c->str;
        }
    }
    return terms;
}

/* A row of summary statistics: one number per model (NaN: missing). */
static void es_mod_num_row(es_rtable *tb, const es_model *m, size_t nm, const char *term, const double *v, int whole)
{
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "term", term);
    for (size_t k = 0; k < nm; k++) {
        if (whole && isfinite(v[k]))
            es_row_int(&row, m[k].label, (long long)v[k]);
        else
            es_row_num(&row, m[k].label, v[k]);
    }
}

/* The SE type of model m, as a reader names it. */
static const char *es_mod_se_type(const es_model *m)
{
    if (m->kind == 1)
        return "Huber (rlm, model-based)";
    if (m->kind == 2)
        return "model-based (Wald)";
    const char *v = es_mod_setting(m->run, "vcov");
    return v && strcmp(v, "CR1") == 0 ? "CR1 by account" : v;
}

/* The table "models" and the supplementary "models_long". */
static int es_mod_table(es_results *res, const es_model *m, size_t nm, const es_models_opts *o, int digits, es_err *err)
{
    size_t nt;
    int nomem;
    const char **terms = es_mod_terms(m, nm, &nt, &nomem);
    const char **cols = malloc((nm + 2) * sizeof *cols);
    double *v = malloc((nm ? nm : 1) * sizeof *v);
    if (nomem || cols == NULL || v == NULL) {
        free(terms), free(cols), free(v);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    cols[0] = "term";
    cols[1] = "stat";
    for (size_t k = 0; k < nm; k++)
        cols[k + 2] = m[k].label;
    char title[200];
    if (o->ci)
        snprintf(title, sizeof title, "Regression models (estimates; %g%% confidence intervals in brackets)",
                 100 * o->common.conf);
    else
        snprintf(title, sizeof title, "Regression models (estimates; standard errors in parentheses)");
    es_rtable *tb;
    es_results_table(res, "models", title, nm + 2, cols, &tb);
    for (size_t j = 0; j < nt; j++) {
        es_row est = es_rtable_append(tb), se = es_rtable_append(tb);
        es_row_str(&est, "term", terms[j]);
        es_row_str(&est, "stat", "estimate");
        es_row_str(&se, "term", terms[j]);
        es_row_str(&se, "stat", o->ci ? "ci" : "se");
        for (size_t k = 0; k < nm; k++) {
            const es_rtable *t = es_results_find_table(m[k].run, m[k].coef);
            size_t i = es_mod_row(t, "term", terms[j]);
            if (i == SIZE_MAX)
                continue;
            char buf[128];
            es_mod_stat_text(buf, sizeof buf, t, i, o->ci, digits);
            es_row_num(&est, m[k].label, es_rtable_num(t, i, "estimate"));
            es_row_str(&se, m[k].label, buf[0] ? buf : NULL);
        }
    }
    /* Fit statistics: the OLS fit table; the robust fit has (1)'s units and no likelihood;
     * the count model's BIC from its log-likelihood with rank + 1 parameters (theta), as
     * R's BIC(glm.nb). */
    static const char *const names[] = {"N", "R2", "adj. R2", "AIC", "BIC", "log-likelihood"};
    static const char *const keys[] = {"n", "r2", "adj_r2", "aic", "bic", "loglik"};
    for (size_t s = 0; s < 6; s++) {
        for (size_t k = 0; k < nm; k++) {
            if (m[k].kind == 0)
                v[k] = es_mod_stat(m[k].run, "fit", keys[s]);
            else if (m[k].kind == 1)
                v[k] = s == 0 ? es_mod_stat(m[k].run, "fit", "n") : NAN;
            else if (s == 4) {
                const es_rtable *t = es_results_find_table(m[k].run, m[k].coef);
                size_t rank = 0;
                for (size_t i = 0; t && i < t->n_rows; i++)
                    rank += isfinite(es_rtable_num(t, i, "estimate"));
                double n = es_mod_stat(m[k].run, "count_fit", "n");
                v[k] = -2 * es_mod_stat(m[k].run, "count_fit", "loglik") + log(n) * (double)(rank + 1);
            } else
                v[k] = s == 0 || s >= 3 ? es_mod_stat(m[k].run, "count_fit", keys[s]) : NAN;
        }
        es_mod_num_row(tb, m, nm, names[s], v, s == 0);
    }
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "term", "SE type");
    for (size_t k = 0; k < nm; k++)
        es_row_str(&row, m[k].label, es_mod_se_type(&m[k]));
    row = es_rtable_append(tb);
    es_row_str(&row, "term", "Response");
    for (size_t k = 0; k < nm; k++)
        es_row_str(&row, m[k].label, m[k].kind == 2 ? "likes (count)" : "log10(ER)");
    for (int f = 0; f < 2; f++) {
        row = es_rtable_append(tb);
        es_row_str(&row, "term", f ? "Fixed effects: platform" : "Fixed effects: niche");
        for (size_t k = 0; k < nm; k++)
            es_row_str(&row, m[k].label, (f ? m[k].fe_platform : m[k].fe_niche) ? "yes" : "no");
    }
    static const char *const lcols[] = {"model", "term", "estimate", "se", "ci_low", "ci_high", "p_value"};
    es_rtable *lt;
    if (es_results_table(res, "models_long", "Every coefficient of the models (fixed-effect dummies included)", 7,
                         lcols, &lt) == ES_OK) {
        lt->supplementary = 1;
        for (size_t k = 0; k < nm; k++) {
            const es_rtable *t = es_results_find_table(m[k].run, m[k].coef);
            for (size_t i = 0; t && i < t->n_rows; i++) {
                es_row r = es_rtable_append(lt);
                es_row_str(&r, "model", m[k].label);
                es_row_cell(&r, "term", *es_rtable_cell(t, i, "term"));
                static const char *const num[] = {"estimate", "se", "ci_low", "ci_high", "p_value"};
                for (size_t c = 0; c < 5; c++)
                    es_row_num(&r, num[c], es_rtable_num(t, i, num[c]));
            }
        }
    }
    free(terms), free(cols), free(v);
    return ES_OK;
}

/* The direct ratio of medians of the two bands (es_ratio_of_medians, as describe's ratio
 * table): bootstrap BCa for account units with common.boot > 0 and both bands at min_n
 * accounts. */
static int es_mod_direct(const es_study *s, const es_models_opts *o, int ia, int ib, es_ratio_ci *r,
                         const char **note, char *buf, size_t size)
{
    const es_units *u = s->units;
    double *x = malloc((u->n ? u->n : 1) * sizeof *x), *y = malloc((u->n ? u->n : 1) * sizeof *y);
    if (x == NULL || y == NULL) {
        free(x), free(y);
        return ES_ENOMEM;
    }
    size_t nx = es_units_select(u, ia, ES_ROLE_NONE, ES_DICT_NONE, x);
    size_t ny = es_units_select(u, ib, ES_ROLE_NONE, ES_DICT_NONE, y);
    /* min_n counts accounts (for post units the accounts behind the posts), as regress. */
    size_t ax = es_units_accounts(u, ia, ES_DICT_NONE, ES_DICT_NONE, 0);
    size_t ay = es_units_accounts(u, ib, ES_DICT_NONE, ES_DICT_NONE, 0);
    if (ax == SIZE_MAX || ay == SIZE_MAX) {
        free(x), free(y);
        return ES_ENOMEM;
    }
    *note = es_min_n_note(ax < ay ? ax : ay, o->common.min_n, "interval", buf, size);
    es_boot_opts bo;
    es_analysis_boot_opts(&o->common, &bo);
    int boot = o->common.boot > 0 && !u->unit_post && *note == NULL;
    int rc = es_ratio_of_medians(x, nx, y, ny, boot ? &bo : NULL, r);
    if (nx == 0 || ny == 0)
        *note = "a band is empty";
    else if (!isfinite(r->estimate))
        *note = "the denominator median is 0";
    else if (*note == NULL && u->unit_post)
        *note = "post units: no bootstrap interval (use --unit account)";
    else if (*note == NULL && !boot)
        *note = "no bootstrap (boot = 0): no interval";
    else if (*note == NULL)
        *note = "bootstrap BCa";
    free(x), free(y);
    return rc;
}

static void es_mod_cmp_row(es_rtable *tb, const char *what, const char *model, double est, double lo, double hi,
                           double stat, double df, double p, const char *note)
{
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "comparison", what);
    es_row_str(&row, "model", model);
    es_row_num(&row, "estimate", est);
    es_row_num(&row, "ci_low", lo);
    es_row_num(&row, "ci_high", hi);
    es_row_num(&row, "statistic", stat);
    es_row_num(&row, "df", df);
    es_row_num(&row, "p_value", p);
    es_row_str(&row, "note", note);
}

/* The table "model_comparison" (see analysis.h). */
static int es_mod_comparison(es_results *res, const es_study *s, const es_models_opts *o, const es_results *lin,
                             const es_results *quad, const es_results *fe, es_err *err)
{
    static const char *const cols[] = {"comparison", "model", "estimate", "ci_low", "ci_high",
                                       "statistic", "df", "p_value", "note"};
    es_rtable *tb;
    es_results_table(res, "model_comparison", "Linear vs quadratic, and the band contrast each model implies", 9,
                     cols, &tb);
    double aic1 = es_mod_stat(lin, "fit", "aic"), aic2 = es_mod_stat(quad, "fit", "aic");
    es_mod_cmp_row(tb, "AIC", "(1) linear", aic1, NAN, NAN, NAN, NAN, NAN, NULL);
    es_mod_cmp_row(tb, "AIC", "(2) quadratic", aic2, NAN, NAN, NAN, NAN, NAN, NULL);
    /* Nested models, one parameter apart: LR = 2 (l2 - l1) against chi-squared(1), under
     * the classical (normal, homoskedastic) likelihood of both fits. */
    double lr = 2 * (es_mod_stat(quad, "fit", "loglik") - es_mod_stat(lin, "fit", "loglik"));
    double plr = isnan(lr) ? NAN : lr > 0 ? gsl_cdf_chisq_Q(lr, 1) : 1;
    es_mod_cmp_row(tb, "likelihood-ratio test of the quadratic term", "(2) vs (1)", NAN, NAN, NAN, lr, 1, plr,
                   "chi-squared, 1 df (classical likelihood)");
    const es_rtable *qc = es_results_find_table(quad, "coefficients");
    size_t iq = es_mod_row(qc, "term", "log10(followers)^2");
    const char *vq = es_mod_setting(quad, "vcov");
    char note[200];
    snprintf(note, sizeof note, "t with %s errors", vq ? vq : "?");
    if (iq != SIZE_MAX)
        es_mod_cmp_row(tb, "Wald test of the quadratic term", "(2) quadratic", es_rtable_num(qc, iq, "estimate"),
                       es_rtable_num(qc, iq, "ci_low"), es_rtable_num(qc, iq, "ci_high"),
                       es_rtable_num(qc, iq, "statistic"), es_rtable_num(qc, iq, "df"),
                       es_rtable_num(qc, iq, "p_value"), note);
    double alpha = 1 - o->common.conf;
    int quadratic = aic2 < aic1 && plr < alpha;
    if (isnan(aic1) || isnan(aic2)) {
        /* A perfect fit (regress's warning) has no likelihood: nothing to choose by. */
        es_mod_cmp_row(tb, "supported by the data", NULL, NAN, NAN, NAN, NAN, NAN, NAN,
                       "not compared: a fit without a likelihood (essentially perfect fit)");
        es_results_value(res, "supported_model", es_cell_null());
    } else {
        snprintf(note, sizeof note, "AIC %s by %.4g with the quadratic term; LR p %s %g",
                 aic2 < aic1 ? "lower" : "higher", fabs(aic1 - aic2), plr < alpha ? "<" : ">=", alpha);
        es_mod_cmp_row(tb, "supported by the data", quadratic ? "(2) quadratic" : "(1) linear", NAN, NAN, NAN, NAN,
                       NAN, NAN, note);
        es_results_value(res, "supported_model", es_cell_str(quadratic ? "quadratic" : "linear"));
    }
    es_results_value(res, "lr_quadratic", es_cell_num(lr));
    es_results_value(res, "lr_quadratic_p_value", es_cell_num(plr));
    if (o->ratio_num == NULL || o->ratio_den == NULL)
        return ES_OK;
    int ia = es_bands_find(s->uo->bands, o->ratio_num), ib = es_bands_find(s->uo->bands, o->ratio_den);
    es_ratio_ci d;
    const char *dnote;
    char buf[64];
    if (es_mod_direct(s, o, ia, ib, &d, &dnote, buf, sizeof buf) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    int has_ci = d.has_ci && isfinite(d.bca_lo) && isfinite(d.bca_hi);
    char what[200], name[200], nm[240];
    snprintf(what, sizeof what, "ratio %s/%s", o->ratio_num, o->ratio_den);
    snprintf(name, sizeof name, "ratio_%s_over_%s", o->ratio_num, o->ratio_den);
    const es_results *runs[3] = {lin, quad, fe};
    static const char *const labels[3] = {"(1) linear", "(2) quadratic", "(3) quadratic + FE"};
    for (int k = 0; k < 3; k++) {
        if (runs[k] == NULL)
            continue;
        double est = es_mod_value(runs[k], name);
        snprintf(nm, sizeof nm, "%s_ci_low", name);
        double lo = es_mod_value(runs[k], nm);
        snprintf(nm, sizeof nm, "%s_ci_high", name);
        double hi = es_mod_value(runs[k], nm);
        const es_rtable *pt = es_results_find_table(runs[k], "predictions");
        size_t ip = es_mod_row(pt, "quantity", name);
        const es_cell *pn = ip == SIZE_MAX ? NULL : es_rtable_cell(pt, ip, "note");
        const char *rn = pn && pn->type == ES_CELL_STR ? pn->str : NULL;
        if (rn == NULL && has_ci && isfinite(est))
            rn = est < d.bca_lo || est > d.bca_hi ? "disagrees: outside the direct ratio's interval"
                                                  : "agrees: inside the direct ratio's interval";
        es_mod_cmp_row(tb, what, labels[k], est, lo, hi, NAN, NAN, NAN,
                       rn ? rn : "at the bands' median followers");
        snprintf(nm, sizeof nm, "ratio_model_%d", k + 1);
        es_results_value(res, nm, es_cell_num(est));
    }
    es_mod_cmp_row(tb, what, "direct ratio of medians", d.estimate, has_ci ? d.bca_lo : NAN,
                   has_ci ? d.bca_hi : NAN, NAN, NAN, NAN, dnote);
    es_results_value(res, "ratio_direct", es_cell_num(d.estimate));
    es_results_value(res, "ratio_direct_ci_low", es_cell_num(has_ci ? d.bca_lo : NAN));
    es_results_value(res, "ratio_direct_ci_high", es_cell_num(has_ci ? d.bca_hi : NAN));
    return ES_OK;
}

/* One es_regress_run of the models into a new results tree (*out; the caller frees). */
static int es_mod_run(const es_study *s, const es_models_opts *o, int quadratic, const char *covariates,
                      const char *robust, const char *count, es_results **out, es_err *err)
{
    es_regress_opts ro;
    es_regress_opts_init(&ro);
    ro.common = o->common;
    ro.vcov = o->vcov;
    ro.quadratic = quadratic;
    ro.covariates = covariates;
    ro.robust = robust;
    ro.count = count;
    ro.ratio_num = o->ratio_num;
    ro.ratio_den = o->ratio_den;
    *out = es_results_alloc("regress");
    if (*out == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    int rc = es_regress_run(s, &ro, *out, err);
    const char *msg;
    if (rc == ES_OK && (rc = es_results_status(*out, &msg)) != ES_OK)
        es_err_set(err, rc, "%s", msg ? msg : es_strerror(rc));
    return rc;
}

int es_models_run(const es_study *s, const es_models_opts *o, es_results *res, es_err *err)
{
    if (o->digits < 0 || o->digits > 17)
        return es_err_set(err, ES_EINVAL, "digits %d: expected 1 to 17 (0: 4)", o->digits);
    if (o->ratio_num && o->ratio_den && strcmp(o->ratio_num, o->ratio_den) == 0)
        return es_err_set(err, ES_EINVAL, "--ratio '%s/%s': the two bands must differ", o->ratio_num, o->ratio_den);
    if (s->table == NULL)
        return es_err_set(err, ES_EINVAL, "the models need the study's table (es_study.table)");
    const es_units *u = s->units;
    const es_column *likes = es_table_role(s->table, ES_ROLE_LIKES);
    int count = o->with_count && likes && likes->type == ES_COL_NUMERIC;
    int niche = o->with_fe && u->niche_dict && es_dict_size(u->niche_dict) > 1;
    int platform = o->with_fe && u->platform_dict && es_dict_size(u->platform_dict) > 1;
    es_results *lin = NULL, *quad = NULL, *fe = NULL;
    int rc = es_mod_run(s, o, 0, NULL, o->with_robust ? "huber" : NULL, count ? "likes" : NULL, &lin, err);
    if (rc == ES_OK)
        rc = es_mod_run(s, o, 1, NULL, NULL, NULL, &quad, err);
    if (rc == ES_OK && (niche || platform))
        rc = es_mod_run(s, o, 1, niche && platform ? "niche,platform" : niche ? "niche" : "platform", NULL, NULL,
                        &fe, err);
    if (rc != ES_OK)
        goto out;
    es_buf list = {0};
    es_model m[5];
    size_t nm = 0;
    m[nm++] = (es_model){"(1) linear", lin, "coefficients", 0, 0, 0};
    m[nm++] = (es_model){"(2) quadratic", quad, "coefficients", 0, 0, 0};
    if (fe)
        m[nm++] = (es_model){"(3) quadratic + FE", fe, "coefficients", 0, niche, platform};
    if (o->with_robust && es_results_find_table(lin, "robust"))
        m[nm++] = (es_model){"(4) robust (Huber)", lin, "robust", 1, 0, 0};
    if (count && es_results_find_table(lin, "count_model"))
        m[nm++] = (es_model){"(5) NB2 (likes)", lin, "count_model", 2, 0, 0};
    for (size_t k = 0; k < nm; k++)
        es_buf_printf(&list, "%s%s", k ? ", " : "", m[k].label);
    es_results_setting(res, "models", es_cell_str(list.data));
    es_buf_free(&list);
    es_results_setting(res, "vcov", es_cell_str(o->vcov ? o->vcov : es_mod_setting(lin, "vcov")));
    es_results_setting(res, "conf", es_cell_num(o->common.conf));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(res, "models_stat", es_cell_str(o->ci ? "ci" : "se"));
    es_mod_warnings(res, lin);
    es_mod_warnings(res, quad);
    if (fe)
        es_mod_warnings(res, fe);
    if (o->with_fe && !niche && !platform)
        es_results_warn(res, "model (3) left out: the file has no niche or platform column with two values or "
                        "more (use --map niche=COLUMN)");
    else if (o->with_fe && !(niche && platform))
        es_results_warn(res, "model (3): %s fixed effects only (the file has no %s column with two values or more)",
                        niche ? "niche" : "platform", niche ? "platform" : "niche");
    if (o->with_count && !count)
        es_results_warn(res, "model (5) left out: the file has no numeric likes column (use --map likes=COLUMN)");
    if (o->vcov && (o->with_robust || count))
        es_results_warn(res, "--vcov %s applies to models (1)-(3); (4) and (5) report their model-based errors",
                        o->vcov);
    if ((rc = es_mod_table(res, m, nm, o, o->digits ? o->digits : 4, err)) == ES_OK)
        rc = es_mod_comparison(res, s, o, lin, quad, fe, err);
out:
    es_results_free(lin);
    es_results_free(quad);
    es_results_free(fe);
    return rc;
}
