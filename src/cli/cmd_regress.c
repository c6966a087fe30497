/* cmd_regress.c — `engagestat regress FILE`: how engagement scales with followers.
 * OLS of log10(ER) on log10(followers) (+ fixed effects and other columns, + a quadratic
 * term), robust covariances, the elasticity turned back into a micro-vs-mega contrast,
 * robust regression, an NB2 count model and the binned curve.  The library does the
 * statistics (ols.h, sandwich.h, design.h, rlm.h, glmnb.h); this file wires options to it. */
#include "cli.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/descriptive.h"
#include "engagestat/design.h"
#include "engagestat/glmnb.h"
#include "engagestat/ols.h"
#include "engagestat/rlm.h"
#include "engagestat/sandwich.h"

/* Options of this command. */
typedef struct {
    const char *covariates;
    int quadratic;
    const char *vcov;
    const char *robust;
    const char *count;
    double zero_offset; /* NaN: leave zero-ER units out */
    long bins;
} es_reg_opts;

static int es_reg_check_vcov(const char *arg, void *base)
{
    if (es_vcov_from_name(arg) < 0)
        return -1;
    ((es_reg_opts *)base)->vcov = arg;
    return 0;
}

static int es_reg_check_count(const char *arg, void *base)
{
    es_role role = es_role_from_name(arg);
    if (!es_role_is_count(role) || role == ES_ROLE_FOLLOWERS)
        return -1;
    ((es_reg_opts *)base)->count = arg;
    return 0;
}

static const char *const es_robust_names[] = {"huber", "bisquare", NULL};

static const es_optdef es_reg_optdefs[] = {
    {.name = "covariates", .kind = ES_ARG_LIST, .offset = offsetof(es_reg_opts, covariates), .metavar = "LIST",
     .help = "comma-separated: niche, platform, sponsored (fixed effects;\nreference level = the most frequent, "
             "reported) or any\nother column of FILE (numeric as is, categorical as dummies)"},
    {.name = "quadratic", .kind = ES_ARG_FLAG, .offset = offsetof(es_reg_opts, quadratic), .value = 1,
     .help = "add log10(followers)^2: turning point with a delta-method CI"},
    {.name = "vcov", .kind = ES_ARG_STR, .check = es_reg_check_vcov, .expect = "classical, HC0, HC1, HC2, HC3 or CR1",
     .metavar = "TYPE", .help = "classical, HC0, HC1, HC2, HC3 or CR1 (cluster by account)"},
    {.name = "zero-offset", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_reg_opts, zero_offset), .lo = 0,
     .hi = INFINITY, .metavar = "C", .help = "model log10(ER + C) instead of leaving zero-ER units out"},
    {.name = "robust", .kind = ES_ARG_ENUM, .offset = offsetof(es_reg_opts, robust), .choices = es_robust_names,
     .metavar = "METHOD",
     .help = "also fit huber (M-estimation, MAD scale, as MASS::rlm) or\nbisquare (GSL gsl_multifit_robust)"},
    {.name = "count", .kind = ES_ARG_STR, .check = es_reg_check_count,
     .expect = "a count role (likes, comments, shares, saves, views, impressions)", .metavar = "ROLE",
     .help = "also fit a negative binomial (NB2) model of the count ROLE\n(e.g. likes) with log(followers) as offset "
             "(log(followers x\nposts) for account units), Poisson fallback, and the LR test\nof overdispersion"},
    {.name = "bins", .kind = ES_ARG_LONG, .offset = offsetof(es_reg_opts, bins), .lo = 1, .hi = 1000,
     .metavar = "N", .help = "log-spaced follower bins for the curve", .deflt = "10"},
    {0}};

const es_command es_regress_cmd = {
    .name = "regress",
    .synopsis = "regress [OPTION]... FILE",
    .prose = "How engagement scales with followers: OLS of log10(ER) on log10(followers) by\n"
             "Householder QR (never the normal equations), with heteroskedasticity-robust (HC3,\n"
             "default for account units) or cluster-robust by account (CR1, default for post\n"
             "units) standard errors; the elasticity (ER proportional to followers^beta); the\n"
             "predicted median ER at 10k and 1M followers and their ratio (the regression's\n"
             "micro-vs-mega answer, and the same between the bands of --ratio); median ER in\n"
             "log-spaced follower bins (the curve).\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_RATIO | ES_SH_CONF | ES_SH_OUTPUT,
    .opts = es_reg_optdefs,
    .trailer = "Tables: coefficients, fit, references, predictions, turning_point (--quadratic),\n"
               "robust (--robust), count_model and count_fit (--count), bins.\n",
    .examples = "engagestat regress datasets/engagestat-sim.csv.gz --covariates niche,platform\n"
                "engagestat regress posts.csv --unit post --quadratic --covariates sponsored\n"
                "engagestat regress posts.csv --robust huber --count likes --format json\n",
};

/* ------------------------------------------------------------------ frame */

/* Per-unit covariate columns that are not unit fields: the table rows behind each unit
 * are found again by the same validity rule as es_units_build (post units: valid rows in
 * order; account units: valid rows grouped by account code). */
typedef struct {
    const es_table *t;
    const es_units *u;
    es_er_def er;
    double max_er;
    size_t *unit_of_row; /* unit index per table row, (size_t)-1 when the row did not enter */
} es_reg_frame;

static int es_reg_row_valid(const es_reg_frame *f, size_t i)
{
    const es_table *t = f->t;
    double s = 0;
    for (size_t k = 0; k < f->er.n_num; k++) {
        const es_column *c = es_table_role(t, f->er.num[k]);
        if (c == NULL || c->type != ES_COL_NUMERIC)
            return 0;
        s += c->num[i];
    }
    const es_column *den = es_table_role(t, f->er.den), *fol = es_table_role(t, ES_ROLE_FOLLOWERS);
    if (den == NULL || fol == NULL || den->type != ES_COL_NUMERIC || fol->type != ES_COL_NUMERIC)
        return 0;
    double d = den->num[i];
    return !(isnan(s) || isnan(d) || isnan(fol->num[i]) || d <= 0 || s / d > f->max_er);
}

static int es_reg_frame_map(es_reg_frame *f)
{
    const es_table *t = f->t;
    const es_units *u = f->u;
    f->unit_of_row = malloc((t->n_rows ? t->n_rows : 1) * sizeof *f->unit_of_row);
    if (f->unit_of_row == NULL)
        return ES_ENOMEM;
    size_t *unit_of_acc = NULL;
    const es_column *acc = es_table_role(t, ES_ROLE_ACCOUNT);
    if (!u->unit_post) {
        size_t na = acc && acc->dict ? es_dict_size(acc->dict) : 0;
        unit_of_acc = malloc((na ? na : 1) * sizeof *unit_of_acc);
        if (unit_of_acc == NULL)
            return ES_ENOMEM;
        for (size_t a = 0; a < na; a++)
            unit_of_acc[a] = (size_t)-1;
        for (size_t k = 0; k < u->n; k++)
            if (u->account[k] != ES_DICT_NONE && u->account[k] < na)
                unit_of_acc[u->account[k]] = k;
    }
    size_t k = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        f->unit_of_row[i] = (size_t)-1;
        if (!es_reg_row_valid(f, i))
            continue;
        if (u->unit_post)
            f->unit_of_row[i] = k++;
        else if (acc && acc->codes[i] != ES_DICT_NONE)
            f->unit_of_row[i] = unit_of_acc[acc->codes[i]];
    }
    free(unit_of_acc);
    if (u->unit_post && k != u->n)
        return ES_EINVAL;
    return ES_OK;
}

/* A table column as a per-unit numeric covariate (account units: mean over the
 * account's posts) into x[u->n]; NaN when missing. */
static void es_reg_numeric_cov(const es_reg_frame *f, const es_column *c, double *x)
{
    size_t n = f->u->n;
    double *cnt = calloc(n ? n : 1, sizeof *cnt);
    for (size_t k = 0; k < n; k++)
        x[k] = 0;
    for (size_t i = 0; i < f->t->n_rows && cnt; i++) {
        size_t k = f->unit_of_row[i];
        if (k == (size_t)-1 || isnan(c->num[i]))
            continue;
        x[k] += c->num[i];
        cnt[k]++;
    }
    for (size_t k = 0; k < n; k++)
        x[k] = cnt && cnt[k] > 0 ? x[k] / cnt[k] : NAN;
    free(cnt);
}

/* A categorical table column as per-unit codes (account units: the first non-missing
 * value among the account's posts). */
static void es_reg_factor_cov(const es_reg_frame *f, const es_column *c, uint32_t *codes)
{
    for (size_t k = 0; k < f->u->n; k++)
        codes[k] = ES_DICT_NONE;
    for (size_t i = 0; i < f->t->n_rows; i++) {
        size_t k = f->unit_of_row[i];
        if (k != (size_t)-1 && codes[k] == ES_DICT_NONE)
            codes[k] = c->codes[i];
    }
}

/* --------------------------------------------------------------- model */

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

typedef struct {
    es_cli *cli;
    es_reg_opts *o;
    es_results *res;
    const es_table *t;
    const es_units *u;
    const es_bands *bands;
    es_reg_frame frame;
    double *lf;           /* log10 followers per unit */
    double *lf2;
    double **owned_num;   /* numeric covariate arrays */
    uint32_t **owned_codes;
    size_t n_owned_num, n_owned_codes;
} es_reg;

/* Build the design over the units: intercept, log10(followers) [natural log when
 * nat_log], optional square, covariates.  keep masks units out. */
static int es_reg_design(es_reg *r, const unsigned char *keep, int quadratic, int nat_log, es_design **out)
{
    const es_units *u = r->u;
    es_design *d = es_design_alloc(u->n);
    if (d == NULL)
        return ES_ENOMEM;
    *out = d;
    int st = es_design_add_intercept(d);
    double *lf = malloc((u->n ? u->n : 1) * sizeof *lf);
    if (lf == NULL)
        return ES_ENOMEM;
    for (size_t k = 0; k < u->n; k++)
        lf[k] = u->followers[k] > 0 ? (nat_log ? log(u->followers[k]) : log10(u->followers[k])) : NAN;
    if (st == ES_OK)
        st = es_design_add_numeric(d, nat_log ? "log(followers)" : "log10(followers)", lf);
    if (st == ES_OK && quadratic) {
        for (size_t k = 0; k < u->n; k++)
            lf[k] *= lf[k];
        st = es_design_add_numeric(d, "log10(followers)^2", lf);
    }
    free(lf);
    if (st != ES_OK)
        return st;
    if (r->o->covariates == NULL)
        return es_design_finish(d, keep);
    char *list = es_strdup(r->o->covariates), *save = NULL;
    if (list == NULL)
        return ES_ENOMEM;
    for (char *tok = strtok_r(list, ",", &save); tok && st == ES_OK; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (*tok == '\0')
            continue;
        if (strcmp(tok, "niche") == 0 && u->niche_dict) {
            st = es_design_add_factor(d, "niche", u->niche, u->niche_dict, NULL);
        } else if (strcmp(tok, "platform") == 0 && u->platform_dict) {
            st = es_design_add_factor(d, "platform", u->platform, u->platform_dict, NULL);
        } else if (strcmp(tok, "sponsored") == 0 && es_table_role(r->t, ES_ROLE_SPONSORED)) {
            st = es_design_add_numeric(d, "sponsored", u->sponsored);
        } else {
            int j = es_table_find(r->t, tok);
            if (j < 0) {
                es_role role = es_role_from_name(tok);
                const es_column *c = role != ES_ROLE_NONE ? es_table_role(r->t, role) : NULL;
                j = c ? (int)(c - r->t->cols) : -1;
            }
            if (j < 0) {
                es_cli_error("regress: --covariates: no column '%s' in %s", tok, r->cli->args[0]);
                st = ES_EINVAL;
                break;
            }
            const es_column *c = &r->t->cols[j];
            if (c->type == ES_COL_TEXT) {
                es_cli_error("regress: --covariates: column '%s' holds (nearly) unique text values, not a "
                             "category", tok);
                st = ES_EINVAL;
                break;
            }
            if (c->type == ES_COL_NUMERIC) {
                double *x = malloc((u->n ? u->n : 1) * sizeof *x);
                double **pp = realloc(r->owned_num, (r->n_owned_num + 1) * sizeof *pp);
                if (x == NULL || pp == NULL) {
                    free(x);
                    if (pp)
                        r->owned_num = pp;
                    st = ES_ENOMEM;
                    break;
                }
                r->owned_num = pp;
                r->owned_num[r->n_owned_num++] = x;
                es_reg_numeric_cov(&r->frame, c, x);
                st = es_design_add_numeric(d, c->name, x);
            } else {
                uint32_t *codes = malloc((u->n ? u->n : 1) * sizeof *codes);
                uint32_t **pp = realloc(r->owned_codes, (r->n_owned_codes + 1) * sizeof *pp);
                if (codes == NULL || pp == NULL) {
                    free(codes);
                    if (pp)
                        r->owned_codes = pp;
                    st = ES_ENOMEM;
                    break;
                }
                r->owned_codes = pp;
                r->owned_codes[r->n_owned_codes++] = codes;
                es_reg_factor_cov(&r->frame, c, codes);
                st = es_design_add_factor(d, c->name, codes, c->dict, NULL);
            }
        }
    }
    free(list);
    if (st != ES_OK)
        return st;
    return es_design_finish(d, keep);
}

/* A failed allocation sticks in res (es_results_status), like a failed builder call. */
static void es_reg_coef_table(es_results *res, const char *name, const char *title, const es_design *d,
                              const double *coef, const double *V, size_t p, double df, double conf,
                              const int *aliased)
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

/* A two-column table of named model statistics. */
typedef struct {
    const char *k;
    double v;
} es_reg_stat;

static void es_reg_stats_table(es_results *res, const char *name, const char *title, const es_reg_stat *fv,
                               size_t n)
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

/* The binned curve: median ER (all units, zeros included) in log-spaced follower bins,
 * with distribution-free CIs. */
static int es_reg_bins(es_reg *r)
{
    const es_units *u = r->u;
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
    snprintf(title, sizeof title, "Median engagement rate in log-spaced follower bins (%g%% CI)",
             100 * r->cli->conf);
    if (es_results_table(r->res, "bins", title, 9, cols, &tb) != ES_OK)
        return ES_ENOMEM;
    if (!(hi >= lo))
        return ES_OK;
    double a = log10(lo), b = log10(hi);
    size_t nb = (size_t)r->o->bins;
    if (b == a)
        nb = 1;
    double w = nb > 1 || b > a ? (b - a) / (double)nb : 1;
    double *vals = malloc((u->n ? u->n : 1) * sizeof *vals);
    if (vals == NULL)
        return ES_ENOMEM;
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
        es_median_ci ci = {NAN, NAN, NAN, 0, 0};
        int rc = m ? es_median_ci_compute(vals, m, r->cli->conf, &ci) : ES_EEMPTY;
        const char *note = m == 0 ? "empty" : rc != ES_OK ? "too few units for the interval"
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

/* A row of the predictions table: yh and its standard error se on the log10 scale,
 * back-transformed with the interval yh -+ q se; followers NaN for a ratio (missing). */
static void es_reg_pred_row(es_rtable *tb, const char *quantity, double followers, double yh, double se, double q)
{
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "quantity", quantity);
    es_row_num(&row, "followers", followers);
    es_row_num(&row, "estimate", pow(10, yh));
    es_row_num(&row, "se_log10", se);
    es_row_num(&row, "ci_low", pow(10, yh - q * se));
    es_row_num(&row, "ci_high", pow(10, yh + q * se));
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
    int jl = es_design_find(d, "log10(followers)"), jq = es_design_find(d, "log10(followers)^2");
    for (int s = 0; s < 2; s++)
        for (size_t j = 0; j < p; j++) {
            double m = es_design_numeric_mean(d, j);
            xs[s][j] = isnan(m) ? 0 : m;
            if ((int)j == jl)
                xs[s][j] = log10(F[s]);
            if ((int)j == jq)
                xs[s][j] = log10(F[s]) * log10(F[s]);
        }
    double conf = r->cli->conf;
    double q = isinf(df) ? gsl_cdf_ugaussian_Qinv((1 - conf) / 2) : gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    static const char *const cols[] = {"quantity", "followers", "estimate", "se_log10", "ci_low", "ci_high"};
    es_rtable *tb;
    if (es_results_table(r->res, "predictions", "Predicted median engagement rate (reference levels, numeric "
                         "covariates at their means)", 6, cols, &tb) != ES_OK)
        goto out;
    double yh[2], se[2];
    static const char *const names[2] = {"median_er_at_10k", "median_er_at_1m"};
    for (int s = 0; s < 2; s++) {
        es_ols_predict(fit, V, xs[s], &yh[s], &se[s]);
        es_reg_pred_row(tb, names[s], F[s], yh[s], se[s], q);
        es_results_value(r->res, names[s], es_cell_num(pow(10, yh[s])));
    }
    for (size_t j = 0; j < p; j++)
        c[j] = x0[j] - x1[j];
    double dl, sd;
    es_ols_predict(fit, V, c, &dl, &sd);
    /* The intercept and covariates cancel in the contrast; its x has zeros there, so
     * es_ols_predict does not see the intercept. */
    es_reg_pred_row(tb, "ratio_10k_over_1m", NAN, dl, sd, q);
    es_results_value(r->res, "ratio_10k_over_1m", es_cell_num(pow(10, dl)));
    es_results_value(r->res, "ratio_10k_over_1m_ci_low", es_cell_num(pow(10, dl - q * sd)));
    es_results_value(r->res, "ratio_10k_over_1m_ci_high", es_cell_num(pow(10, dl + q * sd)));
    /* The same contrast between the bands of --ratio (default micro/mega), each at the
     * median follower count of its units: the regression's version of compare's ratio. */
    {
        const char *a = r->cli->ratio.a, *b = r->cli->ratio.b;
        int ia = es_bands_find(r->bands, a), ib = es_bands_find(r->bands, b);
        const es_units *u = r->u;
        double *fv = malloc((u->n ? u->n : 1) * sizeof *fv);
        if (fv == NULL)
            es_results_fail(r->res, ES_ENOMEM, "out of memory");
        double fm[2] = {NAN, NAN};
        int bi[2] = {ia, ib};
        for (int s2 = 0; fv && s2 < 2; s2++) {
            size_t m = 0;
            for (size_t k = 0; bi[s2] >= 0 && k < u->n; k++)
                if (u->band[k] == bi[s2])
                    fv[m++] = u->followers[k];
            fm[s2] = m ? es_median(fv, m) : NAN;
        }
        free(fv);
        if (isfinite(fm[0]) && isfinite(fm[1]) && fm[0] > 0 && fm[1] > 0) {
            const char *bn[2] = {a, b};
            for (int s2 = 0; s2 < 2; s2++) {
                for (size_t j = 0; j < p; j++) {
                    double m = es_design_numeric_mean(d, j);
                    xs[s2][j] = isnan(m) ? 0 : m;
                    if ((int)j == jl)
                        xs[s2][j] = log10(fm[s2]);
                    if ((int)j == jq)
                        xs[s2][j] = log10(fm[s2]) * log10(fm[s2]);
                }
                char name[96];
                snprintf(name, sizeof name, "median_er_at_%s_median", bn[s2]);
                es_ols_predict(fit, V, xs[s2], &yh[s2], &se[s2]);
                es_reg_pred_row(tb, name, fm[s2], yh[s2], se[s2], q);
            }
            for (size_t j = 0; j < p; j++)
                c[j] = x0[j] - x1[j];
            es_ols_predict(fit, V, c, &dl, &sd);
            char name[160];
            snprintf(name, sizeof name, "ratio_%s_over_%s", a, b);
            es_reg_pred_row(tb, name, NAN, dl, sd, q);
            es_results_value(r->res, name, es_cell_num(pow(10, dl)));
            char nm2[200];
            snprintf(nm2, sizeof nm2, "%s_ci_low", name);
            es_results_value(r->res, nm2, es_cell_num(pow(10, dl - q * sd)));
            snprintf(nm2, sizeof nm2, "%s_ci_high", name);
            es_results_value(r->res, nm2, es_cell_num(pow(10, dl + q * sd)));
        }
    }
out:
    free(x0), free(x1), free(c);
}

/* The OLS model: fit, covariance, coefficient table, fit statistics, elasticity,
 * predictions, turning point. */
static int es_reg_ols(es_reg *r, double *y, const unsigned char *keep, es_design **dout, es_ols *fit,
                      double **Vout)
{
    es_reg_opts *o = r->o;
    int st = es_reg_design(r, keep, o->quadratic, 0, dout);
    es_design *d = *dout;
    if (st == ES_EEMPTY) {
        es_cli_error("regress: no unit has every model variable (and a positive ER)");
        return 1;
    }
    if (st == ES_EINVAL)
        return 2;
    if (st != ES_OK) {
        es_cli_error("regress: %s", es_strerror(st));
        return 1;
    }
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
    oo.conf = r->cli->conf;
    st = es_ols_fit_rows(fit, n, p, es_reg_row, &src, &oo);
    if (st != ES_OK && st != ES_EDOM) {
        es_cli_error("regress: OLS failed: %s", es_strerror(st));
        return 1;
    }
    if (st == ES_EDOM)
        es_results_warn(r->res, "no residual degrees of freedom (%zu units, rank %zu): no standard errors", n,
                        fit->rank);
    /* Covariance: default HC3 for account units, CR1 by account for post units. */
    const char *vname = o->vcov ? o->vcov : (r->u->unit_post && r->u->account_dict ? "CR1" : "HC3");
    es_vcov_type vt = (es_vcov_type)es_vcov_from_name(vname);
    uint32_t *cl = NULL;
    if (vt == ES_VCOV_CR1) {
        if (r->u->account_dict == NULL) {
            es_cli_error("regress: --vcov CR1 needs an account column (use --map account=COLUMN)");
            return 1;
        }
        cl = malloc((n ? n : 1) * sizeof *cl);
        if (cl == NULL) {
            es_cli_error("out of memory");
            return 1;
        }
        for (size_t k = 0; k < n; k++)
            cl[k] = r->u->account[es_design_source_row(d, k)];
    }
    double *V = malloc(p * p * sizeof *V);
    *Vout = V;
    if (V == NULL) {
        free(cl);
        es_cli_error("out of memory");
        return 1;
    }
    es_vcov_info info;
    st = es_ols_vcov_rows(fit, n, es_reg_row, &src, cl, vt, V, &info);
    free(cl);
    if (info.n_lev_one > 0 && (vt == ES_VCOV_HC2 || vt == ES_VCOV_HC3)) {
        if (o->vcov == NULL) {
            /* The default HC3 is undefined: report HC1 instead, and say so. */
            es_results_warn(r->res, "%zu unit%s with leverage h_ii = 1 (a category with a single unit, whose "
                            "dummy fits it exactly): HC3 is undefined, HC1 is reported; the errors of that "
                            "category's coefficient are meaningless", info.n_lev_one, info.n_lev_one == 1 ? "" : "s");
            vt = ES_VCOV_HC1;
            st = es_ols_vcov_rows(fit, n, es_reg_row, &src, NULL, vt, V, &info);
        } else {
            es_results_warn(r->res, "%zu unit%s with leverage h_ii = 1 (a category with a single unit): %s is "
                            "undefined; use --vcov HC1 or merge the category", info.n_lev_one,
                            info.n_lev_one == 1 ? "" : "s", es_vcov_name(vt));
        }
    }
    if (st == ES_EINVAL)
        es_results_warn(r->res, "some units have no account: cluster-robust errors are unavailable");
    else if (st == ES_EDOM)
        es_results_warn(r->res, "fewer than 2 clusters: cluster-robust errors are unavailable");
    if (vt == ES_VCOV_CR1 && st == ES_OK && info.n_clusters < 40)
        es_results_warn(r->res, "only %zu clusters: CR1 errors may be too small (Cameron & Miller 2015 suggest "
                        "CR2 or the wild cluster bootstrap)", info.n_clusters);
    double df = info.df;
    es_results_setting(r->res, "vcov", es_cell_str(es_vcov_name(vt)));
    es_results_setting(r->res, "conf", es_cell_num(r->cli->conf));
    char title[160];
    snprintf(title, sizeof title, "OLS of log10(ER) (%s standard errors, t with %g df)", es_vcov_name(vt), df);
    es_reg_coef_table(r->res, "coefficients", title, d, fit->coef, V, p, df, r->cli->conf, fit->aliased);

    es_reg_stat fv[] = {{"n", (double)fit->n},          {"rank", (double)fit->rank}, {"df_residual", fit->df_resid},
              {"r2", fit->r2},                {"adj_r2", fit->adj_r2},     {"f_statistic", fit->fstat},
              {"f_df1", fit->f_df1},          {"f_df2", fit->f_df2},       {"f_p_value", fit->f_pvalue},
              {"sigma", fit->sigma},          {"loglik", fit->loglik},     {"aic", fit->aic},
              {"bic", fit->bic},              {"n_clusters", vt == ES_VCOV_CR1 ? (double)info.n_clusters : NAN},
              {"max_leverage", info.max_leverage}};
    es_reg_stats_table(r->res, "fit", "Model fit (classical; F against the intercept-only model)", fv,
                       sizeof fv / sizeof *fv);
    for (size_t i = 3; i < sizeof fv / sizeof *fv; i++)
        es_results_value(r->res, fv[i].k, es_cell_num(fv[i].v));
    es_results_value(r->res, "n", es_cell_int((long long)fit->n));
    es_results_value(r->res, "n_leverage_one", es_cell_int((long long)info.n_lev_one));
    if (fit->rank < p) {
        es_buf b = {0};
        for (size_t j = 0; j < p; j++)
            if (fit->aliased[j])
                es_buf_printf(&b, "%s%s", b.len ? ", " : "", es_design_colname(d, j));
        es_results_warn(r->res, "rank deficiency: %zu of %zu columns aliased and dropped (%s)", p - fit->rank, p,
                        b.data ? b.data : "");
        es_buf_free(&b);
    }
    /* Reference levels. */
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
    /* Elasticity: ER proportional to followers^beta (linear model); with the quadratic
     * term the elasticity b1 + 2 b2 log10(F) is reported at 10k and 1M. */
    double *se = malloc(p * sizeof *se), *tv = malloc(p * sizeof *tv), *pv = malloc(p * sizeof *pv);
    double *lo = malloc(p * sizeof *lo), *hi = malloc(p * sizeof *hi);
    if (!se || !tv || !pv || !lo || !hi)
        es_results_fail(r->res, ES_ENOMEM, "out of memory");
    else {
        es_coef_infer(fit->coef, V, p, df, r->cli->conf, se, tv, pv, lo, hi);
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
            double x, xse, xlo, xhi;
            int rc = es_quad_turning_point(fit->coef[jl], fit->coef[jq], V[jl * p + jl], V[jl * p + jq],
                                           V[jq * p + jq], df, r->cli->conf, &x, &xse, &xlo, &xhi);
            static const char *const tcols[] = {"scale", "estimate", "se", "ci_low", "ci_high", "note"};
            es_results_table(r->res, "turning_point", "Turning point of the quadratic in log10(followers) "
                             "(delta method)", 6, tcols, &tb);
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
    }
    free(se), free(tv), free(pv), free(lo), free(hi);
    es_reg_predictions(r, d, fit, V, df);
    return 0;
}


/* The model matrix of a design (robust and count fits work on the matrix). */
static double *es_reg_matrix(const es_design *d)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    double *X = malloc((n ? n : 1) * p * sizeof *X);
    for (size_t k = 0; X && k < n; k++)
        es_design_row(d, k, X + k * p);
    return X;
}

/* --robust huber|bisquare on the OLS design. */
static int es_reg_robust(es_reg *r, const es_design *d, const double *yunit)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    double *X = es_reg_matrix(d), *y = malloc((n ? n : 1) * sizeof *y);
    if (X == NULL || y == NULL) {
        free(X), free(y);
        es_cli_error("out of memory");
        return 1;
    }
    for (size_t k = 0; k < n; k++)
        y[k] = yunit[es_design_source_row(d, k)];
    es_rlm fit;
    es_rlm_opts o;
    es_rlm_opts_init(&o);
    o.conf = r->cli->conf;
    int huber = strcmp(r->o->robust, "huber") == 0;
    int st;
    if (huber) {
        st = es_rlm_huber(&fit, X, y, n, p, &o);
    } else {
        o.k = 4.685;
        o.maxit = 100;
        st = es_rlm_bisquare(&fit, X, y, n, p, &o);
    }
    if (st == ES_ENOCONV)
        es_results_warn(r->res, "robust (%s): iteration limit reached after %d iterations", r->o->robust, fit.iter);
    if (st == ES_OK || st == ES_ENOCONV) {
        char title[160];
        snprintf(title, sizeof title, huber ? "Robust regression: Huber M-estimate (k = 1.345, MAD scale; as MASS::rlm)"
                                            : "Robust regression: Tukey bisquare (k = 4.685; GSL gsl_multifit_robust)");
        es_reg_coef_table(r->res, "robust", title, d, fit.coef, fit.cov, p, fit.df, r->cli->conf, NULL);
        es_results_value(r->res, "robust_scale", es_cell_num(fit.scale));
        es_results_value(r->res, "robust_iterations", es_cell_int(fit.iter));
        size_t down = 0;
        for (size_t k = 0; k < n; k++)
            down += fit.weights[k] < 1;
        es_results_value(r->res, "robust_downweighted", es_cell_int((long long)down));
    } else {
        es_results_warn(r->res, "robust (%s) fit failed: %s", r->o->robust,
                        st == ES_EDOM ? "too few units or collinear columns" : es_strerror(st));
    }
    es_rlm_free(&fit);
    free(X), free(y);
    return 0;
}

/* --count ROLE: NB2 of the count with offset log(followers) (post units) or
 * log(followers x posts) (account units: the account's total over its posts). */
static int es_reg_count(es_reg *r)
{
    const es_units *u = r->u;
    es_role role = es_role_from_name(r->o->count);
    const es_column *c = es_table_role(r->t, role);
    if (c == NULL || c->type != ES_COL_NUMERIC) {
        es_cli_error("regress: --count %s: the file has no %s column (use --map %s=COLUMN)", r->o->count,
                     r->o->count, r->o->count);
        return 1;
    }
    double *cnt = calloc(u->n ? u->n : 1, sizeof *cnt), *off = malloc((u->n ? u->n : 1) * sizeof *off);
    unsigned char *keep = malloc(u->n ? u->n : 1);
    es_design *d = NULL;
    double *X = NULL, *y = NULL, *o = NULL;
    int rc = 0;
    if (cnt == NULL || off == NULL || keep == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    for (size_t i = 0; i < r->t->n_rows; i++) {
        size_t k = r->frame.unit_of_row[i];
        if (k != (size_t)-1)
            cnt[k] += c->num[i]; /* NaN propagates: the unit is left out */
    }
    size_t n_bad = 0;
    for (size_t k = 0; k < u->n; k++) {
        off[k] = log(u->followers[k]) + log((double)u->n_posts[k]);
        keep[k] = isfinite(cnt[k]) && cnt[k] >= 0 && cnt[k] == floor(cnt[k]) && isfinite(off[k]);
        n_bad += !keep[k];
    }
    int st = es_reg_design(r, keep, 0, 1, &d);
    if (st != ES_OK) {
        es_results_warn(r->res, "count model: no usable units");
        goto out;
    }
    size_t n = es_design_n(d), p = es_design_p(d);
    X = es_reg_matrix(d);
    y = malloc((n ? n : 1) * sizeof *y);
    o = malloc((n ? n : 1) * sizeof *o);
    if (X == NULL || y == NULL || o == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    for (size_t k = 0; k < n; k++) {
        y[k] = cnt[es_design_source_row(d, k)];
        o[k] = off[es_design_source_row(d, k)];
    }
    if (n_bad)
        es_results_warn(r->res, "count model: %zu units left out (missing or non-integer %s)", n_bad, r->o->count);
    es_glmnb fit;
    es_glmnb_opts go;
    es_glmnb_opts_init(&go);
    go.conf = r->cli->conf;
    st = es_glmnb_fit(&fit, X, y, o, n, p, &go);
    if (st == ES_OK || st == ES_ENOCONV) {
        if (st == ES_ENOCONV)
            es_results_warn(r->res, "count model: alternation limit reached");
        char title[200];
        snprintf(title, sizeof title, "%s model of %s with offset log(followers%s) (Wald, normal); the "
                 "log(followers) coefficient is the elasticity of %s per follower",
                 fit.poisson_fallback ? "Poisson (theta diverged)" : "Negative binomial (NB2)", r->o->count,
                 u->unit_post ? "" : " x posts", r->o->count);
        es_reg_coef_table(r->res, "count_model", title, d, fit.coef, fit.cov, p, INFINITY, r->cli->conf, NULL);
        es_reg_stat fv[] = {{"n", (double)n}, {"theta", fit.theta}, {"theta_se", fit.se_theta}, {"loglik", fit.loglik},
                  {"aic", fit.aic}, {"deviance", fit.deviance}, {"poisson_loglik", fit.pois_loglik},
                  {"poisson_aic", fit.pois_aic}, {"lr_overdispersion", fit.lr_stat},
                  {"lr_p_value", fit.lr_pvalue}, {"poisson_fallback", fit.poisson_fallback}};
        es_reg_stats_table(r->res, "count_fit", "Count model: theta, likelihoods, overdispersion test", fv,
                           sizeof fv / sizeof *fv);
        es_results_value(r->res, "count_theta", es_cell_num(fit.theta));
        es_results_value(r->res, "count_lr_p_value", es_cell_num(fit.lr_pvalue));
        if (fit.poisson_fallback)
            es_results_warn(r->res, "count model: theta diverged (no overdispersion); the Poisson fit is reported");
        if (u->unit_post && u->account_dict)
            es_results_warn(r->res, "count model: post units of one account are not independent; its Wald errors "
                            "ignore the clustering");
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

int es_cmd_regress(int argc, char **argv)
{
    es_reg_opts o = {.zero_offset = NAN, .bins = 10};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_regress_cmd, argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_study st = {0};
    es_reg r = {.cli = &cli, .o = &o};
    es_design *d = NULL;
    es_ols fit = {0};
    double *V = NULL, *y = NULL;
    unsigned char *keep = NULL;
    rc = es_cli_study_open(&cli, &st);
    if (rc != 0)
        goto out;
    r.t = st.table;
    r.u = &st.units;
    r.bands = &st.bands;
    r.frame.t = st.table;
    r.frame.u = &st.units;
    r.frame.max_er = cli.max_er;
    es_err err = {0};
    es_er_parse(&r.frame.er, cli.er, &err);
    es_err_clear(&err);
    r.res = es_cli_results(&cli, &st);
    if (r.res == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    if (es_reg_frame_map(&r.frame) != ES_OK) {
        es_cli_error("regress: could not map units back to rows of %s", cli.args[0]);
        rc = 1;
        goto out;
    }
    /* Response: log10(ER); zero-ER units are left out and counted, or log10(ER + c). */
    y = malloc((st.units.n ? st.units.n : 1) * sizeof *y);
    keep = malloc(st.units.n ? st.units.n : 1);
    if (y == NULL || keep == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    size_t n_zero = 0;
    for (size_t k = 0; k < st.units.n; k++) {
        keep[k] = 1;
        if (isnan(o.zero_offset)) {
            y[k] = st.units.er[k] > 0 ? log10(st.units.er[k]) : NAN;
            if (!(st.units.er[k] > 0)) {
                keep[k] = 0;
                n_zero++;
            }
        } else {
            y[k] = log10(st.units.er[k] + o.zero_offset);
            n_zero += st.units.er[k] == 0;
        }
    }
    es_results_setting(r.res, "response", es_cell_str(isnan(o.zero_offset) ? "log10(er)" : "log10(er + c)"));
    es_results_setting(r.res, "zero_er", es_cell_str(isnan(o.zero_offset) ? "excluded" : "offset"));
    if (!isnan(o.zero_offset))
        es_results_setting(r.res, "zero_offset", es_cell_num(o.zero_offset));
    es_results_setting(r.res, "covariates", es_cell_str(o.covariates ? o.covariates : ""));
    es_results_setting(r.res, "quadratic", es_cell_int(o.quadratic));
    es_results_value(r.res, "n_zero_er", es_cell_int((long long)n_zero));
    if (n_zero && isnan(o.zero_offset))
        es_results_warn(r.res, "%zu %s with zero engagement left out of the log model (use --zero-offset C for "
                        "log10(ER + C), or --count for a count model)", n_zero, st.units.unit_post ? "posts" : "accounts");
    rc = es_reg_ols(&r, y, keep, &d, &fit, &V);
    if (rc != 0)
        goto out;
    if (!o.quadratic) {
        /* Curvature check: a constant elasticity misstates the band contrast when the
         * log-log curve bends (classical t test of an added square term). */
        es_design *dq = NULL;
        es_ols fq = {0};
        if (es_reg_design(&r, keep, 1, 0, &dq) == ES_OK) {
            es_reg_src sq = {dq, y};
            int jq = es_design_find(dq, "log10(followers)^2");
            if (es_ols_fit_rows(&fq, es_design_n(dq), es_design_p(dq), es_reg_row, &sq, NULL) == ES_OK && jq >= 0 &&
                fq.pvalue[jq] < 0.01)
                es_results_warn(r.res, "the log-log relation bends (square of log10(followers): t = %.3g, p = %.2g): "
                                "the constant elasticity misstates the band contrast; use --quadratic",
                                fq.tstat[jq], fq.pvalue[jq]);
        }
        es_ols_free(&fq);
        es_design_free(dq);
    }
    if (o.robust && (rc = es_reg_robust(&r, d, y)) != 0)
        goto out;
    if (o.count && (rc = es_reg_count(&r)) != 0)
        goto out;
    if (es_reg_bins(&r) != ES_OK) {
        rc = 1;
        goto out;
    }
    rc = es_cli_emit(&cli, r.res);
out:
    es_ols_free(&fit);
    free(V);
    free(y);
    free(keep);
    es_design_free(d);
    for (size_t i = 0; i < r.n_owned_num; i++)
        free(r.owned_num[i]);
    free(r.owned_num);
    for (size_t i = 0; i < r.n_owned_codes; i++)
        free(r.owned_codes[i]);
    free(r.owned_codes);
    free(r.frame.unit_of_row);
    es_results_free(r.res);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
