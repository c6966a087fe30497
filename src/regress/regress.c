/* regress.c — how engagement scales with followers (analysis.h): OLS of log10(ER) on
 * log10(followers) (+ covariates, + a quadratic term) with robust covariances, the
 * elasticity turned back into a 10k-vs-1M and a band-vs-band contrast, and the checks
 * around them; regress_fits.c adds the robust and count fits and the binned curve,
 * regress_design.c builds the design.  The statistics are ols.h, sandwich.h, design.h,
 * rlm.h and glmnb.h. */
#include "regress_impl.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/buf.h"
#include "engagestat/fe.h"
#include "engagestat/ols.h"
#include "engagestat/quantile.h"
#include "engagestat/sandwich.h"

void es_regress_opts_init(es_regress_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->zero_offset = NAN;
    o->bins = 10;
    o->ratio_num = "micro";
    o->ratio_den = "mega";
}

/* Options that do not fit (ES_EINVAL) and data that cannot answer them (ES_EDOM), before
 * anything is added to the results. */
static int es_reg_check(const es_reg *r, es_err *err)
{
    const es_regress_opts *o = r->o;
    if (!(o->common.conf > 0 && o->common.conf < 1))
        return es_err_set(err, ES_EINVAL, "--conf '%g': expected a number between 0 and 1", o->common.conf);
    if (o->vcov && es_vcov_from_name(o->vcov) < 0)
        return es_err_set(err, ES_EINVAL, "--vcov '%s': expected classical, HC0, HC1, HC2, HC3 or CR1", o->vcov);
    if (o->robust && strcmp(o->robust, "huber") != 0 && strcmp(o->robust, "bisquare") != 0)
        return es_err_set(err, ES_EINVAL, "--robust '%s': expected huber or bisquare", o->robust);
    es_role role = o->count ? es_role_from_name(o->count) : ES_ROLE_NONE;
    if (o->count && (!es_role_is_count(role) || role == ES_ROLE_FOLLOWERS))
        return es_err_set(err, ES_EINVAL, "--count '%s': expected a count role (likes, comments, shares, saves, "
                          "views, impressions)", o->count);
    if (o->bins < 1 || o->bins > 1000)
        return es_err_set(err, ES_EINVAL, "--bins '%ld': expected a whole number from 1 to 1000", o->bins);
    if (!isnan(o->zero_offset) && !(o->zero_offset > 0 && isfinite(o->zero_offset)))
        return es_err_set(err, ES_EINVAL, "--zero-offset '%g': expected a positive number", o->zero_offset);
    for (int k = 0; k < 2; k++) {
        const char *b = k ? o->ratio_den : o->ratio_num;
        if (b != NULL && es_bands_find(r->bands, b) < 0) {
            char opt[256];
            snprintf(opt, sizeof opt, "--ratio '%s/%s'", o->ratio_num, o->ratio_den);
            return es_bands_unknown(r->bands, opt, b, "name two of them with --ratio A/B", err);
        }
    }
    int row_map = r->u->unit_of_row != NULL && r->u->n_rows == r->t->n_rows;
    if (!row_map && o->count && r->u->sum[role] == NULL)
        return es_err_set(err, ES_EINVAL, "--count %s: the units carry no totals of %s and no row map (ask for them "
                          "in es_units_opts.sums, or build the units with es_units_build)", o->count, o->count);
    if (o->vcov && es_vcov_from_name(o->vcov) == ES_VCOV_CR1 && r->u->account_dict == NULL)
        return es_err_set(err, ES_EDOM, "--vcov CR1 needs an account column (use --map account=COLUMN)");
    const es_column *c = o->count ? es_table_role(r->t, role) : NULL;
    if (o->count && (c == NULL || c->type != ES_COL_NUMERIC))
        return es_err_set(err, ES_EDOM, "--count %s: the file has no %s column (use --map %s=COLUMN)", o->count,
                          o->count, o->count);
    return ES_OK;
}

/* es_ols_fit_rows's row callback over a design and a per-unit response. */
typedef struct {
    const es_design *d;
    const double *y; /* per source row (unit) */
} es_reg_src;

static int es_reg_row(void *ctx, size_t k, double *x, double *y)
{
    const es_reg_src *s = ctx;
    es_design_row(s->d, k, x);
    *y = s->y[es_design_source_row(s->d, k)];
    return 0;
}

void es_reg_coef_table(es_results *res, const char *name, const char *title, const es_design *d, const double *coef,
                       const double *V, size_t p, double df, double conf, const int *aliased)
{
    double *se = malloc(p * sizeof *se), *st = malloc(p * sizeof *st), *pv = malloc(p * sizeof *pv);
    double *lo = malloc(p * sizeof *lo), *hi = malloc(p * sizeof *hi);
    if (!se || !st || !pv || !lo || !hi) {
        free(se), free(st), free(pv), free(lo), free(hi);
        es_results_fail(res, ES_ENOMEM, "out of memory");
        return;
    }
    es_coef_infer(coef, V, p, df, conf, se, st, pv, lo, hi);
    static const char *const cols[] = {"term", "estimate", "se", "statistic", "df", "p_value", "ci_low",
                                       "ci_high", "note"};
    es_rtable *tb;
    if (es_results_table(res, name, title, 9, cols, &tb) == ES_OK)
        for (size_t j = 0; j < p; j++) {
            es_row row = es_rtable_append(tb);
            es_row_str(&row, "term", es_design_colname(d, j));
            es_row_num(&row, "estimate", coef[j]);
            es_row_num(&row, "se", se[j]);
            es_row_num(&row, "statistic", st[j]);
            es_row_num(&row, "df", df);
            es_row_num(&row, "p_value", pv[j]);
            es_row_num(&row, "ci_low", lo[j]);
            es_row_num(&row, "ci_high", hi[j]);
            if (aliased && aliased[j])
                es_row_str(&row, "note", "aliased (rank deficiency): dropped");
        }
    free(se), free(st), free(pv), free(lo), free(hi);
}

void es_reg_stats_table(es_results *res, const char *name, const char *title, const es_reg_stat *fv, size_t n)
{
    static const char *const cols[] = {"statistic", "value"};
    es_rtable *tb;
    es_results_table(res, name, title, 2, cols, &tb);
    for (size_t i = 0; i < n; i++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "statistic", fv[i].k);
        es_row_num(&row, "value", fv[i].v);
    }
}

/* A row of the predictions table: yh and its standard error se on the log10 scale,
 * back-transformed with the interval yh -+ q se; followers NaN for a ratio (missing).
 * With a note (below min_n) the estimate and interval are missing. */
static void es_reg_pred_row(es_rtable *tb, const char *quantity, double followers, double yh, double se, double q,
                            const char *note)
{
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "quantity", quantity);
    es_row_num(&row, "followers", followers);
    es_row_num(&row, "estimate", note ? NAN : pow(10, yh));
    es_row_num(&row, "se_log10", note ? NAN : se);
    es_row_num(&row, "ci_low", note ? NAN : pow(10, yh - q * se));
    es_row_num(&row, "ci_high", note ? NAN : pow(10, yh + q * se));
    es_row_str(&row, "note", note);
}

/* x at log10 followers lf: factors at their reference level, numeric covariates at their
 * means. */
static void es_reg_pred_x(const es_design *d, double lf, double *x)
{
    int jl = es_design_find(d, "log10(followers)"), jq = es_design_find(d, "log10(followers)^2");
    for (size_t j = 0; j < es_design_p(d); j++) {
        double m = es_design_numeric_mean(d, j);
        x[j] = isnan(m) ? 0 : m;
        if ((int)j == jl)
            x[j] = lf;
        if ((int)j == jq)
            x[j] = lf * lf;
    }
}

/* The ratio row and values of x0 over x1: name, name_ci_low, name_ci_high. */
static void es_reg_ratio(es_reg *r, es_rtable *tb, const char *name, const es_ols *fit, const double *V,
                         const double *x0, const double *x1, double *c, size_t p, double q, const char *note)
{
    for (size_t j = 0; j < p; j++)
        c[j] = x0[j] - x1[j];
    double dl, sd;
    /* The intercept and covariates cancel in the contrast; its x has zeros there, so
     * es_ols_predict does not see the intercept. */
    es_ols_predict(fit, V, c, &dl, &sd);
    es_reg_pred_row(tb, name, NAN, dl, sd, q, note);
    char nm[200];
    es_results_value(r->res, name, es_cell_num(note ? NAN : pow(10, dl)));
    snprintf(nm, sizeof nm, "%s_ci_low", name);
    es_results_value(r->res, nm, es_cell_num(note ? NAN : pow(10, dl - q * sd)));
    snprintf(nm, sizeof nm, "%s_ci_high", name);
    es_results_value(r->res, nm, es_cell_num(note ? NAN : pow(10, dl + q * sd)));
}

/* Median followers of the units in band b into *fm; returns the number of accounts
 * (the units, or for post units the accounts behind them: what min_n counts). */
static size_t es_reg_band_followers(const es_units *u, int b, double *fv, double *fm)
{
    size_t m = 0;
    for (size_t k = 0; b >= 0 && k < u->n; k++)
        if (u->band[k] == b)
            fv[m++] = u->followers[k];
    *fm = m ? es_median(fv, m) : NAN;
    return b >= 0 ? es_units_accounts(u, b, ES_DICT_NONE, ES_DICT_NONE, 0) : 0;
}

/* The same contrast between the two ratio bands (default micro/mega), each at the median
 * follower count of its units: the regression's version of compare's ratio.  A band with
 * fewer than min_n units gets no contrast. */
static void es_reg_band_contrast(es_reg *r, es_rtable *tb, const es_design *d, const es_ols *fit, const double *V,
                                 double *xs[2], double *c, double q)
{
    const char *bn[2] = {r->o->ratio_num, r->o->ratio_den};
    const es_units *u = r->u;
    double *fv = malloc((u->n ? u->n : 1) * sizeof *fv);
    if (fv == NULL) {
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
        return;
    }
    double fm[2];
    size_t m[2];
    for (int s = 0; s < 2; s++)
        m[s] = es_reg_band_followers(u, bn[s] ? es_bands_find(r->bands, bn[s]) : -1, fv, &fm[s]);
    free(fv);
    if (!(isfinite(fm[0]) && isfinite(fm[1]) && fm[0] > 0 && fm[1] > 0))
        return;
    char buf[64];
    const char *note = es_min_n_note(m[0] < m[1] ? m[0] : m[1], r->o->common.min_n, "contrast", buf, sizeof buf);
    double yh, se;
    for (int s = 0; s < 2; s++) {
        es_reg_pred_x(d, log10(fm[s]), xs[s]);
        char name[96];
        snprintf(name, sizeof name, "median_er_at_%s_median", bn[s]);
        es_ols_predict(fit, V, xs[s], &yh, &se);
        es_reg_pred_row(tb, name, fm[s], yh, se, q, note);
    }
    char name[160];
    snprintf(name, sizeof name, "ratio_%s_over_%s", bn[0], bn[1]);
    es_reg_ratio(r, tb, name, fit, V, xs[0], xs[1], c, es_design_p(d), q, note);
}

/* Predictions at 10k and 1M followers (factors at their reference level, numeric
 * covariates at their mean), back-transformed to the ER scale: 10^(x'b) is the median
 * ER when log errors are symmetric (the geometric mean; Duan 1983 for the mean).
 * A failed allocation sticks in r->res. */
static void es_reg_predictions(es_reg *r, const es_design *d, const es_ols *fit, const double *V, double df)
{
    size_t p = es_design_p(d);
    double *x0 = malloc(p * sizeof *x0), *x1 = malloc(p * sizeof *x1), *c = malloc(p * sizeof *c);
    if (!x0 || !x1 || !c) {
        free(x0), free(x1), free(c);
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
        return;
    }
    static const double F[2] = {1e4, 1e6};
    double *xs[2] = {x0, x1};
    for (int s = 0; s < 2; s++)
        es_reg_pred_x(d, log10(F[s]), xs[s]);
    double conf = r->o->common.conf;
    double q = isinf(df) ? gsl_cdf_ugaussian_Qinv((1 - conf) / 2) : gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    static const char *const cols[] = {"quantity", "followers", "estimate", "se_log10", "ci_low", "ci_high", "note"};
    es_rtable *tb;
    if (es_results_table(r->res, "predictions", "Predicted median engagement rate (reference levels, numeric "
                         "covariates at their means)", 7, cols, &tb) == ES_OK) {
        static const char *const names[2] = {"median_er_at_10k", "median_er_at_1m"};
        for (int s = 0; s < 2; s++) {
            double yh, se;
            es_ols_predict(fit, V, xs[s], &yh, &se);
            es_reg_pred_row(tb, names[s], F[s], yh, se, q, NULL);
            es_results_value(r->res, names[s], es_cell_num(pow(10, yh)));
        }
        es_reg_ratio(r, tb, "ratio_10k_over_1m", fit, V, x0, x1, c, p, q, NULL);
        es_reg_band_contrast(r, tb, d, fit, V, xs, c, q);
    }
    free(x0), free(x1), free(c);
}

/* The turning point of the quadratic (delta method) and the elasticity at 10k and 1M. */
static void es_reg_turning_point(es_reg *r, const es_design *d, const es_ols *fit, const double *V, double df,
                                 const double *pv)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    int jl = es_design_find(d, "log10(followers)"), jq = es_design_find(d, "log10(followers)^2");
    double x, xse, xlo, xhi;
    int rc = es_quad_turning_point(fit->coef[jl], fit->coef[jq], V[jl * p + jl], V[jl * p + jq], V[jq * p + jq], df,
                                   r->o->common.conf, &x, &xse, &xlo, &xhi);
    static const char *const tcols[] = {"scale", "estimate", "se", "ci_low", "ci_high", "note"};
    es_rtable *tb;
    es_results_table(r->res, "turning_point", "Turning point of the quadratic in log10(followers) (delta method)", 6,
                     tcols, &tb);
    double lmin = INFINITY, lmax = -INFINITY, *xr = malloc(p * sizeof *xr);
    if (xr == NULL)
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
    for (size_t k = 0; xr && k < n; k++) {
        es_design_row(d, k, xr);
        lmin = fmin(lmin, xr[jl]);
        lmax = fmax(lmax, xr[jl]);
    }
    free(xr);
    int inside = x >= lmin && x <= lmax;
    const char *shape = fit->coef[jq] < 0 ? (inside ? "inverted U (maximum), inside the data"
                                                    : "inverted U (maximum), outside the data: no turn observed")
                                          : (inside ? "U (minimum), inside the data"
                                                    : "U (minimum), outside the data: no turn observed");
    for (int s = 0; s < 2; s++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "scale", s ? "followers" : "log10_followers");
        es_row_num(&row, "estimate", s ? pow(10, x) : x);
        if (!s)
            es_row_num(&row, "se", xse);
        es_row_num(&row, "ci_low", s ? pow(10, xlo) : xlo);
        es_row_num(&row, "ci_high", s ? pow(10, xhi) : xhi);
        es_row_str(&row, "note", rc == ES_OK ? shape : "no curvature");
    }
    es_results_value(r->res, "turning_point_followers", es_cell_num(pow(10, x)));
    es_results_value(r->res, "quadratic_p_value", es_cell_num(pv[jq]));
    for (int s = 0; s < 2; s++) {
        double lf = s ? 6 : 4;
        double e = fit->coef[jl] + 2 * fit->coef[jq] * lf;
        es_results_value(r->res, s ? "elasticity_at_1m" : "elasticity_at_10k", es_cell_num(e));
    }
}

/* Elasticity: ER proportional to followers^beta (linear model); with the quadratic term
 * the elasticity b1 + 2 b2 log10(F) is reported at 10k and 1M. */
static void es_reg_elasticity(es_reg *r, const es_design *d, const es_ols *fit, const double *V, double df)
{
    size_t p = es_design_p(d);
    double *se = malloc(p * sizeof *se), *tv = malloc(p * sizeof *tv), *pv = malloc(p * sizeof *pv);
    double *lo = malloc(p * sizeof *lo), *hi = malloc(p * sizeof *hi);
    if (!se || !tv || !pv || !lo || !hi)
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
    else {
        es_coef_infer(fit->coef, V, p, df, r->o->common.conf, se, tv, pv, lo, hi);
        int jl = es_design_find(d, "log10(followers)"), jq = es_design_find(d, "log10(followers)^2");
        if (jq < 0) {
            es_results_value(r->res, "elasticity", es_cell_num(fit->coef[jl]));
            es_results_value(r->res, "elasticity_se", es_cell_num(se[jl]));
            es_results_value(r->res, "elasticity_ci_low", es_cell_num(lo[jl]));
            es_results_value(r->res, "elasticity_ci_high", es_cell_num(hi[jl]));
            es_results_value(r->res, "elasticity_p_value", es_cell_num(pv[jl]));
            char txt[128];
            snprintf(txt, sizeof txt, "ER ~ followers^%.4g", fit->coef[jl]);
            es_results_value(r->res, "elasticity_form", es_cell_str(txt));
        } else {
            es_reg_turning_point(r, d, fit, V, df, pv);
        }
    }
    free(se), free(tv), free(pv), free(lo), free(hi);
}

/* OLS of the response on d: with a factor of more than ES_REG_FE_LEVELS levels that
 * factor is absorbed (*fe receives the workspace es_fe_vcov needs; the dense QR when the
 * absorbed fit does not apply), else the dense QR.  Status as es_ols_fit_rows; ES_EDOM
 * with err and fit->p = 0 (nothing fitted) when the design is too wide (the limits of
 * regress_impl.h). */
static int es_reg_fit(const es_design *d, es_reg_src *src, const es_ols_opts *oo, es_ols *fit, es_fe **fe,
                      es_err *err)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    int t = es_reg_big_factor(d);
    *fe = NULL;
    memset(fit, 0, sizeof *fit);
    if (t >= 0) {
        size_t levels = es_design_factor_levels(d, (size_t)t);
        const char *name = es_design_factor_name(d, (size_t)t);
        if (p > ES_REG_FE_COLS)
            return es_err_set(err, ES_EDOM, "the model has %zu columns (%zu levels of '%s'): at most %d (the "
                              "covariance matrix holds p^2 numbers); merge rare levels", p, levels, name,
                              ES_REG_FE_COLS);
        if (p - levels + 1 > ES_REG_DENSE_COLS)
            return es_err_set(err, ES_EDOM, "the model has %zu columns besides the %zu levels of '%s' (which are "
                              "absorbed): at most %d (the cost grows with their square); merge rare levels or use "
                              "fewer categorical covariates", p - levels + 1, levels, name, ES_REG_DENSE_COLS);
        int st = es_fe_fit(fe, d, (size_t)t, src->y, oo, fit);
        if (st != ES_EDOM)
            return st;
        es_fe_free(*fe);
        *fe = NULL;
        es_ols_free(fit);
    }
    if (p > ES_REG_DENSE_COLS)
        return es_err_set(err, ES_EDOM, "the model has %zu columns: at most %d when no factor can be absorbed (one "
                          "with more than %d levels and no column collinear with it); merge rare levels or use "
                          "fewer categorical covariates", p, ES_REG_DENSE_COLS, ES_REG_FE_LEVELS);
    return es_ols_fit_rows(fit, n, p, es_reg_row, src, oo);
}

/* The covariance of the OLS fit into V (p x p): --vcov, else HC3 for account units and CR1
 * by account for post units; HC1 when the default HC3 is undefined.  *vt and *info say
 * what was computed. */
static int es_reg_vcov(es_reg *r, const es_design *d, const es_ols *fit, const es_fe *fe, es_reg_src *src,
                       double *V, es_vcov_type *vtp, es_vcov_info *info, es_err *err)
{
    const es_regress_opts *o = r->o;
    size_t n = es_design_n(d);
    const char *vname = o->vcov ? o->vcov : (r->u->unit_post && r->u->account_dict ? "CR1" : "HC3");
    es_vcov_type vt = (es_vcov_type)es_vcov_from_name(vname);
    uint32_t *cl = NULL;
    if (vt == ES_VCOV_CR1) {
        cl = malloc((n ? n : 1) * sizeof *cl);
        if (cl == NULL)
            return es_err_set(err, ES_ENOMEM, "out of memory");
        for (size_t k = 0; k < n; k++)
            cl[k] = es_units_cluster(r->u, es_design_source_row(d, k)); /* (platform, account) */
    }
    int st = fe ? es_fe_vcov(fe, fit, cl, vt, V, info) : es_ols_vcov_rows(fit, n, es_reg_row, src, cl, vt, V, info);
    free(cl);
    if (info->n_lev_one > 0 && (vt == ES_VCOV_HC2 || vt == ES_VCOV_HC3)) {
        if (o->vcov == NULL) {
            /* The default HC3 is undefined: report HC1 instead, and say so. */
            es_results_warn(r->res, "%zu unit%s with leverage h_ii = 1 (a category with a single unit, whose "
                            "dummy fits it exactly): HC3 is undefined, HC1 is reported; the errors of that "
                            "category's coefficient are meaningless", info->n_lev_one, info->n_lev_one == 1 ? "" : "s");
            vt = ES_VCOV_HC1;
            st = fe ? es_fe_vcov(fe, fit, NULL, vt, V, info) : es_ols_vcov_rows(fit, n, es_reg_row, src, NULL, vt, V, info);
        } else {
            es_results_warn(r->res, "%zu unit%s with leverage h_ii = 1 (a category with a single unit): %s is "
                            "undefined; use --vcov HC1 or merge the category", info->n_lev_one,
                            info->n_lev_one == 1 ? "" : "s", es_vcov_name(vt));
        }
    }
    if (st == ES_EINVAL)
        es_results_warn(r->res, "some units have no account: cluster-robust errors are unavailable");
    else if (st == ES_EDOM)
        es_results_warn(r->res, "fewer than 2 clusters: cluster-robust errors are unavailable");
    if (vt == ES_VCOV_CR1 && st == ES_OK && info->n_clusters < 40)
        es_results_warn(r->res, "only %zu clusters: CR1 errors may be too small (Cameron & Miller 2015 suggest "
                        "CR2 or the wild cluster bootstrap)", info->n_clusters);
    *vtp = vt;
    return ES_OK;
}

/* The coefficients, the fit statistics and the rank deficiency of the OLS fit. */
static void es_reg_ols_tables(es_reg *r, const es_design *d, const es_ols *fit, const double *V, es_vcov_type vt,
                              const es_vcov_info *info)
{
    size_t p = es_design_p(d);
    double df = info->df;
    char title[160];
    snprintf(title, sizeof title, "OLS of log10(ER) (%s standard errors, t with %g df)", es_vcov_name(vt), df);
    es_reg_coef_table(r->res, "coefficients", title, d, fit->coef, V, p, df, r->o->common.conf, fit->aliased);
    es_reg_stat fv[] = {{"n", (double)fit->n},  {"rank", (double)fit->rank}, {"df_residual", fit->df_resid},
                        {"r2", fit->r2},        {"adj_r2", fit->adj_r2},     {"f_statistic", fit->fstat},
                        {"f_df1", fit->f_df1},  {"f_df2", fit->f_df2},       {"f_p_value", fit->f_pvalue},
                        {"sigma", fit->sigma},  {"loglik", fit->loglik},     {"aic", fit->aic},
                        {"bic", fit->bic},      {"n_clusters", vt == ES_VCOV_CR1 ? (double)info->n_clusters : NAN},
                        {"max_leverage", vt == ES_VCOV_CLASSICAL ? NAN : info->max_leverage}};
    es_reg_stats_table(r->res, "fit", "Model fit (classical; F against the intercept-only model)", fv,
                       sizeof fv / sizeof *fv);
    for (size_t i = 3; i < sizeof fv / sizeof *fv; i++)
        es_results_value(r->res, fv[i].k, es_cell_num(fv[i].v));
    es_results_value(r->res, "n", es_cell_int((long long)fit->n));
    /* Classical errors need no hat values: the leverages are not computed (null). */
    es_results_value(r->res, "n_leverage_one",
                     vt == ES_VCOV_CLASSICAL ? es_cell_null() : es_cell_int((long long)info->n_lev_one));
    if (fit->rank < p) {
        es_buf b = {0};
        for (size_t j = 0; j < p; j++)
            if (fit->aliased[j])
                es_buf_printf(&b, "%s%s", b.len ? ", " : "", es_design_colname(d, j));
        es_results_warn(r->res, "rank deficiency: %zu of %zu columns aliased and dropped (%s)", p - fit->rank, p,
                        b.data ? b.data : "");
        es_buf_free(&b);
    }
    static const char *const rcols[] = {"factor", "reference", "n_levels", "n_empty_levels"};
    es_rtable *tb;
    es_results_table(r->res, "references", "Factors: reference level (the most frequent) and levels", 4, rcols, &tb);
    for (size_t t = 0; t < es_design_n_factors(d); t++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "factor", es_design_factor_name(d, t));
        es_row_str(&row, "reference", es_design_factor_reference(d, t));
        es_row_int(&row, "n_levels", (long long)es_design_factor_levels(d, t));
        es_row_int(&row, "n_empty_levels", (long long)es_design_factor_empty(d, t));
    }
}

/* The OLS model: design, fit, covariance, tables, elasticity, predictions.  On success *dout
 * holds the design (the caller frees it). */
static int es_reg_ols(es_reg *r, const double *y, const unsigned char *keep, es_design **dout, es_err *err)
{
    int st = es_reg_design(r, keep, r->o->quadratic, 0, dout, err);
    es_design *d = *dout;
    if (st == ES_EEMPTY)
        return es_err_set(err, ES_EDOM, "no unit has every model variable (and a positive ER)");
    if (st != ES_OK)
        return err && err->msg ? st : es_err_set(err, st, "%s", es_strerror(st));
    size_t n = es_design_n(d), p = es_design_p(d);
    size_t n_keep = 0;
    for (size_t k = 0; k < r->u->n; k++)
        n_keep += keep[k] != 0;
    if (n_keep > n)
        es_results_warn(r->res, "%zu %s left out: a covariate is missing", n_keep - n,
                        r->u->unit_post ? "posts" : "accounts");
    es_reg_src src = {d, y};
    es_ols_opts oo;
    es_ols_opts_init(&oo);
    oo.conf = r->o->common.conf;
    es_ols fit = {0};
    es_fe *fe = NULL;
    double *V = NULL;
    st = es_reg_fit(d, &src, &oo, &fit, &fe, err);
    if (st != ES_OK && st != ES_EDOM) {
        st = es_err_set(err, st, "OLS failed: %s", es_strerror(st));
        goto out;
    }
    if (st == ES_EDOM && fit.p == 0)
        goto out; /* too wide: err says why */
    if (st == ES_EDOM)
        es_results_warn(r->res, "no residual degrees of freedom (%zu units, rank %zu): no standard errors", n,
                        fit.rank);
    V = malloc(p * p * sizeof *V);
    if (V == NULL) {
        st = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    es_vcov_type vt = ES_VCOV_HC3;
    es_vcov_info info;
    if ((st = es_reg_vcov(r, d, &fit, fe, &src, V, &vt, &info, err)) != ES_OK)
        goto out;
    if (fit.perfect_fit) {
        /* Zero residual variance: every standard error, t, p and interval would be
         * rounding noise (the F is already NaN). */
        for (size_t i = 0; i < p * p; i++)
            V[i] = NAN;
        /* The likelihood grows without bound as RSS goes to zero: no AIC to compare. */
        fit.loglik = fit.aic = fit.bic = NAN;
        es_results_warn(r->res, "essentially perfect fit (residual variance zero%s): no standard errors, tests or "
                        "intervals", fit.tss_ld <= 1e-28L * fit.yss_ld ? ": every unit has the same ER" : "");
    }
    es_results_setting(r->res, "vcov", es_cell_str(es_vcov_name(vt)));
    es_results_setting(r->res, "conf", es_cell_num(r->o->common.conf));
    es_results_setting(r->res, "min_n", es_cell_int((long long)r->o->common.min_n));
    es_reg_ols_tables(r, d, &fit, V, vt, &info);
    es_reg_elasticity(r, d, &fit, V, info.df);
    es_reg_predictions(r, d, &fit, V, info.df);
out:
    es_ols_free(&fit);
    es_fe_free(fe);
    free(V);
    return st;
}

/* Curvature check: a constant elasticity misstates the band contrast when the log-log
 * curve bends (classical t test of an added square term). */
static void es_reg_curvature(es_reg *r, const double *y, const unsigned char *keep)
{
    es_design *dq = NULL;
    es_ols fq = {0};
    if (es_reg_design(r, keep, 1, 0, &dq, NULL) == ES_OK) {
        es_reg_src sq = {dq, y};
        es_ols_opts oo;
        es_ols_opts_init(&oo);
        es_fe *fe = NULL;
        int jq = es_design_find(dq, "log10(followers)^2");
        if (es_reg_fit(dq, &sq, &oo, &fq, &fe, NULL) == ES_OK && jq >= 0 && fq.pvalue[jq] < 0.01)
            es_results_warn(r->res, "the log-log relation bends (square of log10(followers): t = %.3g, p = %.2g): "
                            "the constant elasticity misstates the band contrast; use --quadratic",
                            fq.tstat[jq], fq.pvalue[jq]);
        es_fe_free(fe);
    }
    es_ols_free(&fq);
    es_design_free(dq);
}

/* Response: log10(ER); zero-ER units are left out and counted, or log10(ER + c). */
static size_t es_reg_response(const es_reg *r, double *y, unsigned char *keep)
{
    const es_units *u = r->u;
    double c = r->o->zero_offset;
    size_t n_zero = 0;
    for (size_t k = 0; k < u->n; k++) {
        keep[k] = 1;
        if (isnan(c)) {
            y[k] = u->er[k] > 0 ? log10(u->er[k]) : NAN;
            if (!(u->er[k] > 0)) {
                keep[k] = 0;
                n_zero++;
            }
        } else {
            y[k] = log10(u->er[k] + c);
            n_zero += u->er[k] == 0;
        }
    }
    return n_zero;
}

int es_regress_run(const es_study *s, const es_regress_opts *o, es_results *res, es_err *err)
{
    const es_table *t = s->table;
    if (t == NULL)
        return es_err_set(err, ES_EINVAL, "regress needs the study's table (es_study.table)");
    es_reg r = {.o = o, .res = res, .t = t, .u = s->units, .bands = s->uo->bands,
                .source = s->rep && s->rep->path ? s->rep->path : "the table"};
    int rc = es_reg_check(&r, err);
    if (rc != ES_OK)
        return rc;
    const es_units *u = s->units;
    double *y = malloc((u->n ? u->n : 1) * sizeof *y);
    unsigned char *keep = malloc(u->n ? u->n : 1);
    es_design *d = NULL;
    if (y == NULL || keep == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    size_t n_zero = es_reg_response(&r, y, keep);
    int offset = !isnan(o->zero_offset);
    es_results_setting(res, "response", es_cell_str(offset ? "log10(er + c)" : "log10(er)"));
    es_results_setting(res, "zero_er", es_cell_str(offset ? "offset" : "excluded"));
    if (offset)
        es_results_setting(res, "zero_offset", es_cell_num(o->zero_offset));
    es_results_setting(res, "covariates", es_cell_str(o->covariates ? o->covariates : ""));
    es_results_setting(res, "quadratic", es_cell_int(o->quadratic));
    es_results_value(res, "n_zero_er", es_cell_int((long long)n_zero));
    if (n_zero && !offset)
        es_results_warn(res, "%zu %s with zero engagement left out of the log model (use --zero-offset C for "
                        "log10(ER + C), or --count for a count model)", n_zero, u->unit_post ? "posts" : "accounts");
    if ((rc = es_reg_ols(&r, y, keep, &d, err)) != ES_OK)
        goto out;
    if (!o->quadratic)
        es_reg_curvature(&r, y, keep);
    if ((o->robust && (rc = es_reg_robust(&r, d, y, err)) != ES_OK) || (o->count && (rc = es_reg_count(&r, err)) != ES_OK))
        goto out;
    rc = es_reg_bins(&r, err);
out:
    free(y);
    free(keep);
    es_design_free(d);
    es_reg_release(&r);
    return rc;
}
