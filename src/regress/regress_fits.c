/* regress_fits.c — the regress analysis's other fits: the robust regression (--robust),
 * the NB2 count model (--count) and the binned curve of median ER against followers. */
#include "regress_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/descriptive.h"
#include "engagestat/glmnb.h"
#include "engagestat/quantile.h"
#include "engagestat/rlm.h"

int es_reg_too_wide(es_reg *r, const es_design *d, const char *what)
{
    size_t p = es_design_p(d);
    if (p <= ES_REG_DENSE_COLS)
        return 0;
    es_results_warn(r->res, "%s: not fitted: the design has %zu columns, at most %d for this fit (its cost grows with "
                    "n p^2; only the OLS absorbs a factor's levels); merge rare levels or use fewer categorical "
                    "covariates", what, p, ES_REG_DENSE_COLS);
    return 1;
}

int es_reg_robust(es_reg *r, const es_design *d, const double *yunit, es_err *err)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    double conf = r->o->common.conf;
    if (es_reg_too_wide(r, d, "robust"))
        return ES_OK;
    double *X = es_reg_matrix(d), *y = malloc((n ? n : 1) * sizeof *y);
    if (X == NULL || y == NULL) {
        free(X), free(y);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < n; k++)
        y[k] = yunit[es_design_source_row(d, k)];
    es_rlm fit;
    es_rlm_opts o;
    es_rlm_opts_init(&o);
    o.conf = conf;
    const char *method = r->o->robust;
    int huber = strcmp(method, "huber") == 0;
    int st;
    if (huber) {
        st = es_rlm_huber(&fit, X, y, n, p, &o);
    } else {
        o.k = 4.685;
        o.maxit = 100;
        st = es_rlm_bisquare(&fit, X, y, n, p, &o);
    }
    if (st == ES_ENOCONV)
        es_results_warn(r->res, "robust (%s): iteration limit reached after %d iterations", method, fit.iter);
    if (st == ES_OK || st == ES_ENOCONV) {
        const char *title = huber ? "Robust regression: Huber M-estimate (k = 1.345, MAD scale; as MASS::rlm)"
                                  : "Robust regression: Tukey bisquare (k = 4.685; GSL gsl_multifit_robust)";
        es_reg_coef_table(r->res, "robust", title, d, fit.coef, fit.cov, p, fit.df, conf, NULL);
        es_results_value(r->res, "robust_scale", es_cell_num(fit.scale));
        es_results_value(r->res, "robust_iterations", es_cell_int(fit.iter));
        size_t down = 0;
        for (size_t k = 0; k < n; k++)
            down += fit.weights[k] < 1;
        es_results_value(r->res, "robust_downweighted", es_cell_int((long long)down));
    } else {
        es_results_warn(r->res, "robust (%s) fit failed: %s", method,
                        st == ES_EDOM ? "too few units or collinear columns" : es_strerror(st));
    }
    es_rlm_free(&fit);
    free(X), free(y);
    return ES_OK;
}

/* The count model's table and values from a fit. */
static void es_reg_count_report(es_reg *r, const es_design *d, const es_glmnb *fit, size_t n)
{
    const char *count = r->o->count;
    char title[200];
    snprintf(title, sizeof title, "%s model of %s with offset log(followers%s) (Wald, normal); the "
             "log(followers) coefficient is the elasticity of %s per follower",
             fit->poisson_fallback ? "Poisson (theta grew without bound)"
             : fit->nb_failed      ? "Negative binomial (NB2, not converged: no estimates)"
                                   : "Negative binomial (NB2)", count,
             r->u->unit_post ? "" : " x posts", count);
    es_reg_coef_table(r->res, "count_model", title, d, fit->coef, fit->cov, es_design_p(d), INFINITY,
                      r->o->common.conf, NULL);
    es_reg_stat fv[] = {{"n", (double)n}, {"theta", fit->theta}, {"theta_se", fit->se_theta},
                        {"loglik", fit->loglik}, {"aic", fit->aic}, {"deviance", fit->deviance},
                        {"poisson_loglik", fit->pois_loglik}, {"poisson_aic", fit->pois_aic},
                        {"lr_overdispersion", fit->lr_stat}, {"lr_p_value", fit->lr_pvalue},
                        {"poisson_fallback", fit->poisson_fallback}};
    es_reg_stats_table(r->res, "count_fit", "Count model: theta, likelihoods, overdispersion test", fv,
                       sizeof fv / sizeof *fv);
    es_results_value(r->res, "count_theta", es_cell_num(fit->theta));
    es_results_value(r->res, "count_lr_p_value", es_cell_num(fit->lr_pvalue));
    if (fit->poisson_fallback)
        es_results_warn(r->res, "count model: theta grew without bound (no overdispersion); the Poisson fit is "
                        "reported");
    if (fit->nb_failed)
        es_results_warn(r->res, "count model: the NB2 fit failed to converge (theta.ml reached its iteration limit "
                        "with theta not growing without bound): no estimates and no overdispersion test; the "
                        "Poisson fit is no answer for these data");
    if (r->u->unit_post && r->u->account_dict)
        es_results_warn(r->res, "count model: post units of one account are not independent; its Wald errors "
                        "ignore the clustering");
}

/* NB2 of the count with offset log(followers) (post units) or log(followers x posts)
 * (account units: the account's total over its rows). */
int es_reg_count(es_reg *r, es_err *err)
{
    const es_units *u = r->u;
    const char *count = r->o->count;
    const es_column *c = es_table_role(r->t, es_role_from_name(count)); /* numeric: es_reg_check */
    double *cnt = calloc(u->n ? u->n : 1, sizeof *cnt), *off = malloc((u->n ? u->n : 1) * sizeof *off);
    unsigned char *keep = malloc(u->n ? u->n : 1);
    es_design *d = NULL;
    double *X = NULL, *y = NULL, *o = NULL;
    int rc = ES_OK;
    if (cnt == NULL || off == NULL || keep == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    const double *tot = u->sum[es_role_from_name(count)]; /* es_units_opts.sums asked for it */
    for (size_t k = 0; tot != NULL && k < u->n; k++)
        cnt[k] = tot[k];
    for (size_t i = 0; tot == NULL && i < r->t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k != SIZE_MAX)
            cnt[k] += c->num[i]; /* NaN propagates: the unit is left out */
    }
    size_t n_bad = 0;
    for (size_t k = 0; k < u->n; k++) {
        off[k] = log(u->followers[k]) + log((double)u->n_posts[k]);
        keep[k] = isfinite(cnt[k]) && cnt[k] >= 0 && cnt[k] == floor(cnt[k]) && isfinite(off[k]);
        n_bad += !keep[k];
    }
    if (es_reg_design(r, keep, 0, 1, &d, NULL) != ES_OK) {
        es_results_warn(r->res, "count model: no usable units");
        goto out;
    }
    size_t n = es_design_n(d), p = es_design_p(d);
    if (es_reg_too_wide(r, d, "count model"))
        goto out;
    X = es_reg_matrix(d);
    y = malloc((n ? n : 1) * sizeof *y);
    o = malloc((n ? n : 1) * sizeof *o);
    if (X == NULL || y == NULL || o == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < n; k++) {
        y[k] = cnt[es_design_source_row(d, k)];
        o[k] = off[es_design_source_row(d, k)];
    }
    if (n_bad)
        es_results_warn(r->res, "count model: %zu units left out (missing or non-integer %s)", n_bad, count);
    es_glmnb fit;
    es_glmnb_opts go;
    es_glmnb_opts_init(&go);
    go.conf = r->o->common.conf;
    int st = es_glmnb_fit(&fit, X, y, o, n, p, &go);
    if (st == ES_OK || st == ES_ENOCONV) {
        if (st == ES_ENOCONV && !fit.nb_failed)
            es_results_warn(r->res, "count model: alternation limit reached");
        es_reg_count_report(r, d, &fit, n);
    } else {
        es_results_warn(r->res, "count model failed: %s",
                        st == ES_EDOM ? "too few units or collinear columns" : es_strerror(st));
    }
    es_glmnb_free(&fit);
out:
    free(cnt), free(off), free(keep), free(X), free(y), free(o);
    es_design_free(d);
    return rc;
}

/* The binned curve: median ER (all units, zeros included) in log-spaced follower bins,
 * with distribution-free CIs; a bin below min_n units gets no interval. */
int es_reg_bins(es_reg *r, es_err *err)
{
    const es_units *u = r->u;
    double conf = r->o->common.conf;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < u->n; k++)
        if (u->followers[k] > 0) {
            lo = fmin(lo, u->followers[k]);
            hi = fmax(hi, u->followers[k]);
        }
    static const char *const cols[] = {"bin", "followers_low", "followers_high", "followers_mid", "n", "median",
                                       "ci_low", "ci_high", "note"};
    es_rtable *tb;
    char title[128];
    snprintf(title, sizeof title, "Median engagement rate in log-spaced follower bins (%g%% CI)", 100 * conf);
    if (es_results_table(r->res, "bins", title, 9, cols, &tb) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_rtable_mark_rate(tb, "median");
    es_rtable_mark_rate(tb, "ci_low");
    es_rtable_mark_rate(tb, "ci_high");
    if (!(hi >= lo))
        return ES_OK;
    double a = log10(lo), b = log10(hi);
    size_t nb = (size_t)r->o->bins;
    if (b == a)
        nb = 1;
    double w = nb > 1 || b > a ? (b - a) / (double)nb : 1;
    double *vals = malloc((u->n ? u->n : 1) * sizeof *vals);
    if (vals == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    for (size_t bi = 0; bi < nb; bi++) {
        double e0 = a + w * (double)bi, e1 = bi + 1 == nb ? b : a + w * (double)(bi + 1);
        size_t m = 0;
        for (size_t k = 0; k < u->n; k++) {
            if (!(u->followers[k] > 0))
                continue;
            double l = log10(u->followers[k]);
            if (l >= e0 && (l < e1 || (bi + 1 == nb && l <= e1)))
                vals[m++] = u->er[k];
        }
        char buf[64];
        const char *small = m ? es_min_n_note(m, r->o->common.min_n, "interval", buf, sizeof buf) : NULL;
        es_median_ci ci = {NAN, NAN, NAN, 0, 0};
        int rc = m && small == NULL ? es_median_ci_compute(vals, m, conf, &ci) : ES_EEMPTY;
        const char *note = m == 0 ? "empty" : small ? small : rc != ES_OK ? "too few units for the interval"
                           : u->unit_post ? "posts of one account are not independent: interval too narrow"
                                          : NULL;
        es_row row = es_rtable_append(tb);
        es_row_int(&row, "bin", (long long)bi + 1);
        es_row_num(&row, "followers_low", pow(10, e0));
        es_row_num(&row, "followers_high", pow(10, e1));
        es_row_num(&row, "followers_mid", pow(10, (e0 + e1) / 2));
        es_row_int(&row, "n", (long long)m);
        es_row_num(&row, "median", m ? es_median(vals, m) : NAN);
        es_row_num(&row, "ci_low", rc == ES_OK ? ci.lo : NAN);
        es_row_num(&row, "ci_high", rc == ES_OK ? ci.hi : NAN);
        es_row_str(&row, "note", note);
    }
    free(vals);
    return ES_OK;
}
