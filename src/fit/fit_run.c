/* fit_run.c — the fit analysis (analysis.h): distribution fits of the engagement rate
 * per follower band (and niche) or of one variable, ranked by AIC, and the power-law
 * tail of follower counts (Clauset, Shalizi & Newman 2009).  Uses the fit module's
 * public calls only (fit.h, powerlaw.h). */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/fit.h"
#include "engagestat/powerlaw.h"
#include "engagestat/quantile.h"

void es_fit_run_opts_init(es_fit_run_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->common.boot = 0; /* fit runs no bootstrap unless asked */
    o->dists = (1u << ES_DIST_COUNT) - 1;
    o->discrete = -1;
    o->min_tail = 10;
    o->grid = -1;
    o->points = 100;
}

typedef struct es_fitout {
    const es_fit_run_opts *o;
    es_rtable *fits, *pars, *dens;
} es_fitout;

/* The label cells that lead each row: variable, or band [and niche]; NULL: not a column. */
typedef struct {
    const char *variable, *band, *niche;
} es_fit_lead;

static es_row es_fit_append(es_rtable *t, const es_fit_lead *lead, const char *dist)
{
    es_row row = es_rtable_append(t);
    if (lead->variable)
        es_row_str(&row, "variable", lead->variable);
    if (lead->band)
        es_row_str(&row, "band", lead->band);
    if (lead->niche)
        es_row_str(&row, "niche", lead->niche);
    es_row_str(&row, "distribution", dist);
    return row;
}

/* The shape of the values that decides why a fit fails: any outside [0, 1], any <= 0,
 * all equal (n >= 2) and then to what. */
typedef struct {
    int outside01, zeros, constant;
    double value;
} es_fit_shape;

/* Why family d has no fit on these values. */
static const char *es_fit_note(const es_fit *f, int d, size_t n, const es_fit_shape *sh)
{
    if (f->status == ES_EDOM) {
        if (n < 2)
            return "too few values";
        if (d == ES_DIST_BETA && sh->outside01)
            return "values outside [0, 1]";
        if (sh->constant)
            return sh->value == 0 ? "all values 0: no finite MLE" : "all values equal: no spread to fit";
        if (d == ES_DIST_BETA)
            return "fewer than 2 values inside (0, 1)"; /* --beta01 drop */
        return sh->zeros && d != ES_DIST_EXP ? "zero values: no likelihood (log 0)" : "no finite MLE (constant data?)";
    }
    if (f->status == ES_ENOCONV)
        return "did not converge: no estimate";
    if (f->status != ES_OK)
        return es_strerror(f->status);
    if (d == ES_DIST_BETA && f->n_zero_one > 0)
        return "exact 0/1 squeezed (Smithson-Verkuilen): other values, not ranked";
    return NULL;
}

/* A fit that was not attempted: every number NaN. */
static void es_fit_blank(es_fit *f, es_dist d, size_t n)
{
    memset(f, 0, sizeof *f);
    f->dist = d;
    f->status = ES_EDOM;
    f->n = n;
    f->n_par = es_dist_par_name(d, 1) ? 2 : 1;
    f->par[0] = f->par[1] = f->se[0] = f->se[1] = NAN;
    f->corr = f->loglik = f->aic = f->aicc = f->bic = NAN;
    f->ks = f->cvm = f->ad = NAN;
}

/* Densities on a grid over the observed range (log-spaced when the range is positive
 * and wide), for the figures. */
static void es_fit_curve(es_fitout *o, const es_fit_lead *lead, const char *dist, const es_fit *f, const double *x,
                         size_t n)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (x[i] > 0 && x[i] < lo)
            lo = x[i];
        if (x[i] > hi)
            hi = x[i];
    }
    if (!(lo < hi))
        return;
    long np = o->o->points;
    int logsp = hi / lo > 20;
    for (long p = 0; p < np; p++) {
        double t = (double)p / (double)(np - 1);
        double xv = logsp ? exp(log(lo) + t * (log(hi) - log(lo))) : lo + t * (hi - lo);
        es_row drow = es_fit_append(o->dens, lead, dist);
        es_row_num(&drow, "x", xv);
        es_row_num(&drow, "density", es_fit_pdf(f, xv));
        es_row_num(&drow, "cdf", es_fit_cdf(f, xv));
    }
}

/* Fit every requested distribution to x[0..n-1]; one row per distribution, ranked by
 * AIC among the fits that succeeded on the same n values.  Below min_n: the rows with
 * every number missing.  A failed allocation sticks in res. */
/* n_acc: the accounts behind the values, what min_n counts (SIZE_MAX: the values). */
static void es_fit_group(es_fitout *o, const es_fit_lead *lead, const double *x_in, size_t n_in, size_t n_acc,
                         es_results *res, const char *label)
{
    const es_fit_run_opts *opt = o->o;
    /* --zeros drop: fit the positive values only, and say how many were left out. */
    size_t n_zero = 0;
    for (size_t i = 0; i < n_in; i++)
        if (x_in[i] <= 0)
            n_zero++;
    const double *x = x_in;
    size_t n = n_in;
    double *pos = NULL;
    if (opt->drop_zeros && n_zero > 0) {
        pos = malloc(n_in * sizeof *pos);
        if (pos == NULL) {
            es_results_fail(res, ES_ENOMEM, "out of memory");
            return;
        }
        n = 0;
        for (size_t i = 0; i < n_in; i++)
            if (x_in[i] > 0)
                pos[n++] = x_in[i];
        x = pos;
        es_results_warn(res, "%s: %zu zero values dropped before fitting (--zeros drop)", label ? label : "",
                        n_zero);
    }
    char small_buf[64];
    const char *small = es_min_n_note(n_acc != SIZE_MAX && n_acc < n ? n_acc : n, opt->common.min_n, "fit", small_buf,
                                      sizeof small_buf);
    es_fit fits[ES_DIST_COUNT];
    es_fit_boot boots[ES_DIST_COUNT];
    int used[ES_DIST_COUNT] = {0};
    const char *notes[ES_DIST_COUNT] = {0};
    int above1 = 0;
    es_fit_shape sh = {0, 0, n >= 2, n > 0 ? x[0] : NAN};
    for (size_t i = 0; i < n; i++) {
        if (x[i] > 1)
            above1 = 1;
        if (x[i] <= 0)
            sh.zeros = 1;
        if (!(x[i] >= 0 && x[i] <= 1))
            sh.outside01 = 1;
        if (x[i] != x[0])
            sh.constant = 0;
    }
    for (int d = 0; d < ES_DIST_COUNT; d++) {
        if (!(opt->dists & (1u << d)))
            continue;
        if (d == ES_DIST_BETA && above1 && !(opt->dists == (1u << ES_DIST_BETA)))
            continue; /* beta is for rates in [0, 1]; silently skipped for other data */
        used[d] = 1;
        boots[d].p_ks = boots[d].p_cvm = boots[d].p_ad = NAN;
        if (small != NULL) {
            /* Too few values for a result: no fit at all (every number missing). */
            es_fit_blank(&fits[d], (es_dist)d, n);
            notes[d] = small;
            continue;
        }
        es_fit_dist(&fits[d], (es_dist)d, x, n, &opt->ml);
        if (fits[d].status == ES_OK && opt->common.boot > 0)
            es_fit_gof_boot(&fits[d], &opt->ml, (long)opt->common.boot, (unsigned long)opt->common.seed,
                            (int)opt->common.threads, &boots[d]);
        notes[d] = es_fit_note(&fits[d], d, n, &sh);
    }
    /* Rank by AIC, only among fits of the same values: a beta fit on squeezed values
     * (exact 0/1 moved inwards) is left out of the ranking. */
    int comparable[ES_DIST_COUNT] = {0};
    for (int d = 0; d < ES_DIST_COUNT; d++)
        comparable[d] = small == NULL && used[d] && fits[d].status == ES_OK &&
                        !(d == ES_DIST_BETA && fits[d].n_zero_one > 0);
    double best = INFINITY;
    int best_d = -1;
    for (int d = 0; d < ES_DIST_COUNT; d++)
        if (comparable[d] && fits[d].aic < best)
            best = fits[d].aic, best_d = d;
    for (int d = 0; d < ES_DIST_COUNT; d++) {
        if (!used[d])
            continue;
        es_fit *f = &fits[d];
        int rank = 0;
        if (comparable[d]) {
            rank = 1;
            for (int e = 0; e < ES_DIST_COUNT; e++)
                if (comparable[e] && e != d && fits[e].aic < f->aic)
                    rank++;
        }
        const char *dist = es_dist_name((es_dist)d);
        es_row row = es_fit_append(o->fits, lead, dist);
        es_row_int(&row, "n", (long long)f->n);
        es_row_int(&row, "n_zero", (long long)n_zero);
        es_row_int(&row, "n_par", f->n_par);
        es_row_num(&row, "loglik", f->loglik);
        es_row_num(&row, "aic", f->aic);
        es_row_num(&row, "aicc", f->aicc);
        es_row_num(&row, "bic", f->bic);
        es_row_num(&row, "delta_aic", comparable[d] ? f->aic - best : NAN);
        if (rank)
            es_row_int(&row, "rank", rank);
        es_row_num(&row, "ks", f->ks);
        es_row_num(&row, "cvm", f->cvm);
        es_row_num(&row, "ad", f->ad);
        es_row_num(&row, "p_ks", boots[d].p_ks);
        es_row_num(&row, "p_cvm", boots[d].p_cvm);
        es_row_num(&row, "p_ad", boots[d].p_ad);
        es_row_str(&row, "status", small       ? "too few values"
                                   : f->status == ES_OK       ? "ok"
                                   : f->status == ES_ENOCONV ? "no convergence"
                                                              : "undefined");
        es_row_str(&row, "note", notes[d]);
        for (int j = 0; j < 2; j++) {
            const char *pn = es_dist_par_name((es_dist)d, j);
            if (pn == NULL)
                continue;
            es_row prow = es_fit_append(o->pars, lead, dist);
            es_row_str(&prow, "parameter", pn);
            es_row_num(&prow, "estimate", f->par[j]);
            es_row_num(&prow, "se", f->se[j]);
        }
        if (opt->curves && f->status == ES_OK && n > 0)
            es_fit_curve(o, lead, dist, f, x, n);
    }
    /* The best family only when every requested family was fitted to these values:
     * otherwise the lowest AIC is the best of the families that happened to fit. */
    es_buf unfit = {0};
    for (int d = 0; d < ES_DIST_COUNT; d++)
        if (used[d] && small == NULL && fits[d].status != ES_OK)
            es_buf_printf(&unfit, "%s%s", unfit.len ? ", " : "", es_dist_name((es_dist)d));
    if (best_d >= 0 && label) {
        char name[256];
        snprintf(name, sizeof name, "best_fit_%s", label);
        if (unfit.len == 0)
            es_results_value(res, name, es_cell_str(es_dist_name((es_dist)best_d)));
        else {
            es_results_value(res, name, es_cell_null());
            es_results_warn(res, "%s: no best family: %s not fitted to these values (see the notes); "
                            "%s has the lowest AIC of the others", label, unfit.data, es_dist_name((es_dist)best_d));
        }
    }
    es_buf_free(&unfit);
    free(pos);
}

/* The power-law block: fit, bootstrap, comparisons, CCDF table. */
static int es_fit_powerlaw_block(const es_fit_run_opts *cfg, es_results *res, const char *variable, const double *x,
                                 size_t n)
{
    int discrete = cfg->discrete;
    if (discrete < 0) {
        discrete = 1;
        for (size_t i = 0; i < n && discrete; i++)
            if (x[i] != floor(x[i]))
                discrete = 0;
    }
    long boot = (long)cfg->common.boot;
    es_pl_opts po = {.discrete = discrete, .xmin = cfg->xmin, .min_tail = cfg->min_tail,
                     .max_candidates = cfg->grid < 0 ? 0 : cfg->grid ? (size_t)cfg->grid : SIZE_MAX,
                     .threads = (int)cfg->common.threads};
    es_plfit pf;
    int rc = es_powerlaw_fit(&pf, x, n, &po);
    es_pl_boot pb = {0, 0, NAN};
    if (rc == ES_OK && boot > 0)
        es_powerlaw_gof(&pf, x, n, &po, boot, (unsigned long)cfg->common.seed, &pb);
    static const char *const cols[] = {"variable", "model", "n", "n_tail", "xmin", "estimate", "se", "statistic",
                                       "p_value", "boot", "boot_failed", "n_candidates", "search", "loglik", "note"};
    es_rtable *t;
    if (es_results_table(res, "powerlaw", "Power-law tail (Clauset, Shalizi & Newman 2009): alpha above xmin", 15,
                         cols, &t) != ES_OK)
        return ES_ENOMEM;
    char search[96];
    if (cfg->xmin > 0)
        snprintf(search, sizeof search, "fixed xmin");
    else if (pf.grid)
        snprintf(search, sizeof search, "log grid + refinement (%zu of %zu unique values)", pf.n_candidates,
                 pf.n_unique);
    else
        snprintf(search, sizeof search, "all %zu unique values", pf.n_unique);
    const char *note = rc == ES_OK ? (pb.reps > 0 && pb.p <= 0.1 ? "p <= 0.1: power law ruled out" : NULL)
                       : rc == ES_EDOM ? "too few positive values for a tail"
                       : rc == ES_EINVAL ? "non-integer values with --discrete"
                                         : es_strerror(rc);
    es_row row = es_rtable_append(t);
    es_row_str(&row, "variable", variable);
    es_row_str(&row, "model", discrete ? "discrete" : "continuous");
    es_row_int(&row, "n", (long long)n);
    es_row_int(&row, "n_tail", (long long)pf.n_tail);
    es_row_num(&row, "xmin", pf.xmin);
    es_row_num(&row, "estimate", pf.alpha);
    es_row_num(&row, "se", pf.alpha_se);
    es_row_num(&row, "statistic", pf.ks_d);
    es_row_num(&row, "p_value", pb.p);
    es_row_int(&row, "boot", boot);
    es_row_int(&row, "boot_failed", pb.failed);
    es_row_int(&row, "n_candidates", (long long)pf.n_candidates);
    es_row_str(&row, "search", search);
    es_row_num(&row, "loglik", pf.loglik);
    es_row_str(&row, "note", note);
    if (rc != ES_OK)
        return ES_OK;
    es_results_value(res, "powerlaw_xmin", es_cell_num(pf.xmin));
    es_results_value(res, "powerlaw_alpha", es_cell_num(pf.alpha));
    static const char *const ccols[] = {"variable", "alternative", "n_tail", "llr", "statistic", "p_value",
                                        "test", "par1", "par2", "loglik_alt", "favours", "note"};
    if (es_results_table(res, "powerlaw_compare",
                         "Power law vs alternatives on the tail (Vuong 1989; nested LR, Self & Liang 1987)", 12, ccols,
                         &t) != ES_OK)
        return ES_ENOMEM;
    for (int a = 0; a < 3; a++) {
        es_pl_compare c;
        int crc = es_powerlaw_compare(&pf, x, n, (es_pl_alt)a, &c);
        const char *fav = crc != ES_OK ? NULL
                          : c.p_value > 0.1 ? "neither (p > 0.1)"
                          : c.llr > 0 ? "power law"
                          : c.llr < 0 ? es_pl_alt_name((es_pl_alt)a)
                                      : "neither";
        char cnote[96] = "";
        if (crc == ES_ENOCONV)
            snprintf(cnote, sizeof cnote, "the alternative's fit did not converge");
        else if (c.n_clamped)
            snprintf(cnote, sizeof cnote, "%zu log-likelihoods were -inf, clamped to -745", c.n_clamped);
        es_row r2 = es_rtable_append(t);
        es_row_str(&r2, "variable", variable);
        es_row_str(&r2, "alternative", es_pl_alt_name((es_pl_alt)a));
        es_row_int(&r2, "n_tail", (long long)c.n_tail);
        es_row_num(&r2, "llr", c.llr);
        es_row_num(&r2, "statistic", c.statistic);
        es_row_num(&r2, "p_value", c.p_value);
        es_row_str(&r2, "test", a == ES_PL_ALT_CUTOFF ? "nested LR (chi2_1 / 2)" : "Vuong");
        es_row_num(&r2, "par1", c.par[0]);
        es_row_num(&r2, "par2", c.par[1]);
        es_row_num(&r2, "loglik_alt", c.loglik_alt);
        es_row_str(&r2, "favours", fav);
        if (cnote[0])
            es_row_str(&r2, "note", cnote);
    }
    if (!cfg->curves)
        return ES_OK;
    /* Empirical and fitted CCDF of the tail at up to 400 log-spaced unique values. */
    static const char *const dcols[] = {"variable", "x", "ccdf_empirical", "ccdf_fit"};
    if (es_results_table(res, "powerlaw_ccdf", "Tail CCDF, empirical and fitted", 4, dcols, &t) != ES_OK)
        return ES_ENOMEM;
    double *s = malloc((pf.n_tail ? pf.n_tail : 1) * sizeof *s);
    if (s == NULL)
        return ES_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (x[i] >= pf.xmin)
            s[m++] = x[i];
    qsort(s, m, sizeof *s, es_cmp_double);
    double last_lx = -INFINITY, step = (log(s[m - 1]) - log(s[0])) / 400;
    for (size_t i = 0; i < m; i++) {
        if (i > 0 && s[i] == s[i - 1])
            continue;
        double lx = log(s[i]);
        if (i > 0 && i + 1 < m && lx - last_lx < step)
            continue;
        last_lx = lx;
        es_row r3 = es_rtable_append(t);
        es_row_str(&r3, "variable", variable);
        es_row_num(&r3, "x", s[i]);
        es_row_num(&r3, "ccdf_empirical", (double)(m - i) / (double)m);
        es_row_num(&r3, "ccdf_fit", es_powerlaw_ccdf(&pf, s[i]));
    }
    free(s);
    return ES_OK;
}

/* The fits, parameters and (with curves) densities tables, led by the lead columns;
 * and the settings every mode records. */
static int es_fit_tables(es_results *res, es_fitout *o, const char *const *lead, size_t n_lead)
{
    const es_fit_run_opts *opt = o->o;
    es_results_setting(res, "boot", es_cell_int((long long)opt->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)opt->common.seed));
    es_results_setting(res, "min_n", es_cell_int((long long)opt->common.min_n));
    es_results_setting(res, "zeros", es_cell_str(opt->drop_zeros ? "drop" : "keep"));
    const char *fc[40], *pc[16], *dc[16];
    size_t nf = 0, np = 0, nd = 0;
    for (size_t j = 0; j < n_lead; j++)
        fc[nf++] = pc[np++] = dc[nd++] = lead[j];
    const char *ftail[] = {"distribution", "n", "n_zero", "n_par", "loglik", "aic", "aicc", "bic", "delta_aic", "rank", "ks",
                           "cvm", "ad", "p_ks", "p_cvm", "p_ad", "status", "note"};
    for (size_t j = 0; j < sizeof ftail / sizeof *ftail; j++)
        fc[nf++] = ftail[j];
    const char *ptail[] = {"distribution", "parameter", "estimate", "se"};
    for (size_t j = 0; j < 4; j++)
        pc[np++] = ptail[j];
    const char *dtail[] = {"distribution", "x", "density", "cdf"};
    for (size_t j = 0; j < 4; j++)
        dc[nd++] = dtail[j];
    if (es_results_table(res, "fits", "Maximum-likelihood fits, ranked by AIC", nf, fc, &o->fits) != ES_OK ||
        es_results_table(res, "parameters", "Parameter estimates (SE from the observed information)", np, pc,
                         &o->pars) != ES_OK ||
        (opt->curves && es_results_table(res, "densities", "Fitted densities on a grid", nd, dc, &o->dens) != ES_OK))
        return ES_ENOMEM;
    return ES_OK;
}

int es_fit_values_run(const double *x, size_t n, const char *label, const es_fit_run_opts *o, es_results *res,
                      es_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return es_err_set(err, ES_EINVAL, "%s: value %zu is missing (NaN)", label, i + 1);
    es_results_setting(res, "column", es_cell_str(label));
    es_fitout fo = {.o = o};
    static const char *const lead[] = {"variable"};
    if (es_fit_tables(res, &fo, lead, 1) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    const es_fit_lead l = {.variable = label};
    es_fit_group(&fo, &l, x, n, SIZE_MAX, res, label);
    if (!o->no_powerlaw && es_fit_powerlaw_block(o, res, label, x, n) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    return ES_OK;
}

int es_fit_column_run(const es_table *t, const es_fit_run_opts *o, es_results *res, es_err *err)
{
    int j = o->column ? es_table_find(t, o->column) : -1;
    if (j < 0 && o->column == NULL && t->n_cols == 1)
        j = 0;
    if (j < 0)
        return es_err_set(err, ES_EINVAL, "--column %s: no such column", o->column ? o->column : "(none)");
    const es_column *c = &t->cols[j];
    if (c->type != ES_COL_NUMERIC)
        return es_err_set(err, ES_EDOM, "--column %s: not a numeric column (%s)", c->name, es_coltype_name(c->type));
    double *x = malloc((t->n_rows ? t->n_rows : 1) * sizeof *x);
    if (x == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    size_t n = 0, n_missing = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (isnan(c->num[i]))
            n_missing++;
        else
            x[n++] = c->num[i];
    }
    if (n_missing)
        es_results_warn(res, "%zu missing values in column %s were left out", n_missing, c->name);
    int rc = es_fit_values_run(x, n, c->name, o, res, err);
    free(x);
    return rc;
}

typedef struct {
    uint32_t cluster;
    size_t k;
} es_fit_unit;

static int es_fit_cmp_unit(const void *a, const void *b)
{
    const es_fit_unit *x = a, *y = b;
    return x->cluster != y->cluster ? (x->cluster > y->cluster) - (x->cluster < y->cluster) : (x->k > y->k) - (x->k < y->k);
}

/* Follower counts for the power law: one value per account (the first post of each
 * account for post units).  Returns the count, or SIZE_MAX when out of memory. */
static size_t es_fit_followers(const es_units *u, double *vals)
{
    size_t m = 0;
    if (u->unit_post && u->account_dict != NULL) {
        /* The first post with a follower count of each (platform, account). */
        es_fit_unit *p = malloc((u->n ? u->n : 1) * sizeof *p);
        if (p == NULL)
            return SIZE_MAX;
        size_t np = 0;
        for (size_t k = 0; k < u->n; k++)
            if (!isnan(u->followers[k]))
                p[np++] = (es_fit_unit){es_units_cluster(u, k), k};
        qsort(p, np, sizeof *p, es_fit_cmp_unit);
        for (size_t i = 0; i < np; i++)
            if (i == 0 || p[i].cluster != p[i - 1].cluster)
                vals[m++] = u->followers[p[i].k];
        free(p);
    } else {
        for (size_t k = 0; k < u->n; k++)
            if (!isnan(u->followers[k]))
                vals[m++] = u->followers[k];
    }
    return m;
}

int es_fit_run(const es_study *s, const es_fit_run_opts *o, es_results *res, es_err *err)
{
    const es_units *u = s->units;
    const es_bands *bands = s->uo->bands;
    int by_niche = o->by_niche;
    if (by_niche && u->niche_dict == NULL)
        return es_err_set(err, ES_EDOM, "--by niche: the file has no niche column (use --map niche=COLUMN)");
    double *vals = malloc((u->n ? u->n : 1) * sizeof *vals);
    es_fitout fo = {.o = o};
    static const char *const lead[] = {"band", "niche"};
    if (vals == NULL || es_fit_tables(res, &fo, lead, by_niche ? 2 : 1) != ES_OK) {
        free(vals);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if (by_niche)
        es_results_setting(res, "by", es_cell_str("niche"));
    size_t n_groups = by_niche ? es_dict_size(u->niche_dict) : 1;
    /* The bands, "below" the first edge when units are there (as describe), then all. */
    for (int b = u->n_below_bands ? -1 : 0; b <= (int)bands->n; b++) {
        int band = b < (int)bands->n ? b : -2;
        const char *bname = band >= 0 ? bands->names[b] : band == -1 ? "below" : "all";
        if (band == -2 && by_niche)
            break;
        for (size_t g = 0; g < n_groups; g++) {
            uint32_t code = by_niche ? (uint32_t)g : ES_DICT_NONE;
            size_t m = es_units_select(u, band, by_niche ? ES_ROLE_NICHE : ES_ROLE_NONE, code, vals);
            const es_fit_lead lc = {.band = bname, .niche = by_niche ? es_dict_str(u->niche_dict, code) : NULL};
            char label[192];
            if (by_niche)
                snprintf(label, sizeof label, "%s_%s", bname, es_dict_str(u->niche_dict, code));
            else
                snprintf(label, sizeof label, "%s", bname);
            size_t acc = es_units_accounts(u, band, code, ES_DICT_NONE, o->drop_zeros);
            if (acc == SIZE_MAX) {
                free(vals);
                return es_err_set(err, ES_ENOMEM, "out of memory");
            }
            es_fit_group(&fo, &lc, vals, m, acc, res, label);
        }
    }
    int rc = ES_OK;
    if (!o->no_powerlaw) {
        size_t m = es_fit_followers(u, vals);
        if (m == SIZE_MAX || es_fit_powerlaw_block(o, res, "followers", vals, m) != ES_OK)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    }
    free(vals);
    return rc;
}
