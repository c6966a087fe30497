/* cmd_fit.c — `engagestat fit FILE`: maximum-likelihood fits of the engagement rate per
 * follower band (lognormal, gamma, Weibull, beta, exponential, ranked by AIC), and the
 * power-law tail of follower counts (Clauset, Shalizi & Newman 2009); or both for any
 * numeric column with --column. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/fit.h"
#include "engagestat/powerlaw.h"
#include "engagestat/quantile.h"

typedef struct es_fitcfg {
    const char *column;
    unsigned dists;   /* bit per es_dist */
    int discrete;     /* -1 auto, 0, 1 */
    double xmin;
    long min_tail, grid;
    int grid_set;     /* --grid given */
    int no_powerlaw;
    long points;
    int points_set;   /* --points given */
    int curves;       /* write the densities and CCDF tables */
    long boot;        /* 0 unless --boot was given */
    const char *zeros;
    int drop_zeros;   /* --zeros drop */
} es_fitcfg;

static int es_fit_check_dist(const char *arg, void *base)
{
    es_fitcfg *cfg = base;
    cfg->dists = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        int d = es_dist_from_name(tok);
        if (d < 0)
            return es_cli_usage_error(
                "--dist '%s': unknown distribution '%s' (lognormal, gamma, weibull, beta, exponential)", arg, tok);
        cfg->dists |= 1u << d;
    }
    return cfg->dists == 0 ? -1 : 0;
}

static const char *const es_zeros_names[] = {"keep", "drop", NULL};

static const es_optdef es_fit_optdefs[] = {
    {.name = "column", .kind = ES_ARG_STR, .offset = offsetof(es_fitcfg, column), .metavar = "NAME",
     .help = "fit this numeric column instead (no bands); a one-column file\nwithout a header: --no-header "
             "(the column is V1)"},
    {.name = "dist", .kind = ES_ARG_LIST, .check = es_fit_check_dist, .expect = "a list of distributions",
     .metavar = "LIST", .help = "lognormal,gamma,weibull,beta,exponential (default all)"},
    {.name = "zeros", .kind = ES_ARG_ENUM, .offset = offsetof(es_fitcfg, zeros), .choices = es_zeros_names,
     .metavar = "keep|drop",
     .help = "keep zero rates (default: lognormal, gamma and Weibull are then\nundefined, beta squeezes them) or "
             "drop them, counted, first"},
    {.name = "discrete", .kind = ES_ARG_FLAG, .offset = offsetof(es_fitcfg, discrete), .value = 1,
     .help = "discrete power-law model (default: discrete for whole numbers)"},
    {.name = "continuous", .kind = ES_ARG_FLAG, .offset = offsetof(es_fitcfg, discrete), .value = 0,
     .help = "continuous power-law model"},
    {.name = "xmin", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_fitcfg, xmin), .lo = 0, .hi = INFINITY,
     .metavar = "X", .help = "fix xmin instead of searching"},
    {.name = "min-tail", .kind = ES_ARG_LONG, .offset = offsetof(es_fitcfg, min_tail), .lo = 0, .hi = 1e8,
     .metavar = "N", .help = "smallest tail an xmin candidate may leave", .deflt = "10"},
    {.name = "grid", .kind = ES_ARG_LONG, .offset = offsetof(es_fitcfg, grid), .lo = 0, .hi = 1e8, .metavar = "N",
     .help = "above N unique candidates, search a log grid of N values\nand refine around the best ones "
             "(default 2000; 0 = all)"},
    {.name = "no-powerlaw", .kind = ES_ARG_FLAG, .offset = offsetof(es_fitcfg, no_powerlaw), .value = 1,
     .help = "skip the power-law tail"},
    {.name = "points", .kind = ES_ARG_LONG, .offset = offsetof(es_fitcfg, points), .lo = 2, .hi = 100000,
     .metavar = "N",
     .help = "points per fitted density in the densities table (default 100;\nthe densities and powerlaw_ccdf "
             "tables are in json, csv and tsv\noutput, and in text, md and latex only with --points)"},
    {0}};

const es_command es_fit_cmd = {
    .name = "fit",
    .synopsis = "fit [OPTION]... FILE",
    .prose = "Which distribution describes engagement in each follower band, and do follower\n"
             "counts have a power-law tail?\n"
             "\n"
             "Engagement rate per band (and per niche with --by niche): maximum-likelihood fits\n"
             "of the lognormal, gamma, Weibull, beta and exponential distributions (no location\n"
             "parameter), standard errors from the observed information, log-likelihood, AIC,\n"
             "AICc, BIC, KS/CvM/AD statistics, ranked by AIC; with --boot B, parametric-bootstrap\n"
             "goodness-of-fit p-values that refit on every replicate.  Exact 0 or 1 rates are\n"
             "squeezed for the beta fit, y' = (y(n-1) + 1/2)/n (Smithson & Verkuilen 2006), and\n"
             "counted; the other families need positive values and say so.\n"
             "\n"
             "Follower counts: power law above xmin (discrete, Hurwitz zeta, when every count is\n"
             "a whole number; --continuous to override), xmin by KS minimisation, alpha with SE,\n"
             "n_tail; Vuong tests against lognormal and exponential tails and the nested test\n"
             "against a power law with exponential cutoff; with --boot B, the semiparametric\n"
             "bootstrap p-value (xmin refitted on every replicate).  fit runs no bootstrap\n"
             "unless --boot is given.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_BY | ES_SH_RESAMPLE | ES_SH_OUTPUT,
    .opts = es_fit_optdefs,
    .trailer = "Tables: fits (one row per group and distribution), parameters (estimate, se),\n"
               "densities (fitted pdf and cdf on a grid, for figures), powerlaw, powerlaw_compare,\n"
               "powerlaw_ccdf (empirical and fitted tail CCDF).\n",
    .examples = "engagestat fit datasets/engagestat-sim.csv.gz\n"
                "engagestat fit posts.csv --by niche --dist lognormal,gamma --format md\n"
                "engagestat fit counts.txt --no-header --column V1 --boot 200 --seed 7\n",
};

typedef struct es_fitout {
    es_cli *cli;
    const es_fitcfg *cfg;
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

/* Fit every requested distribution to x[0..n-1]; one row per distribution, ranked by
 * AIC among the fits that succeeded on the same n values.  A failed allocation sticks
 * in res. */
static void es_fit_group(es_fitout *o, const es_fit_lead *lead, const double *x_in, size_t n_in, es_results *res,
                         const char *label)
{
    /* --zeros drop: fit the positive values only, and say how many were left out. */
    size_t n_zero = 0;
    for (size_t i = 0; i < n_in; i++)
        if (x_in[i] <= 0)
            n_zero++;
    const double *x = x_in;
    size_t n = n_in;
    double *pos = NULL;
    if (o->cfg->drop_zeros && n_zero > 0) {
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
    es_fit fits[ES_DIST_COUNT];
    es_fit_boot boots[ES_DIST_COUNT];
    int used[ES_DIST_COUNT] = {0};
    const char *notes[ES_DIST_COUNT] = {0};
    int above1 = 0, zeros = 0;
    for (size_t i = 0; i < n; i++) {
        if (x[i] > 1)
            above1 = 1;
        if (x[i] <= 0)
            zeros = 1;
    }
    for (int d = 0; d < ES_DIST_COUNT; d++) {
        if (!(o->cfg->dists & (1u << d)))
            continue;
        if (d == ES_DIST_BETA && above1 && !(o->cfg->dists == (1u << ES_DIST_BETA))) {
            continue; /* beta is for rates in [0, 1]; silently skipped for other data */
        }
        used[d] = 1;
        es_fit_dist(&fits[d], (es_dist)d, x, n, NULL);
        boots[d].p_ks = boots[d].p_cvm = boots[d].p_ad = NAN;
        if (fits[d].status == ES_OK && o->cfg->boot > 0)
            es_fit_gof_boot(&fits[d], NULL, o->cfg->boot, o->cli->seed, o->cli->threads, &boots[d]);
        if (fits[d].status == ES_EDOM)
            notes[d] = n < 2                               ? "too few values"
                       : d == ES_DIST_BETA                  ? "values outside [0, 1]"
                       : zeros && d != ES_DIST_EXP          ? "zero values: no likelihood (log 0)"
                                                            : "no finite MLE (constant data?)";
        else if (fits[d].status == ES_ENOCONV)
            notes[d] = "did not converge: no estimate";
        else if (fits[d].status != ES_OK)
            notes[d] = es_strerror(fits[d].status);
        else if (d == ES_DIST_BETA && fits[d].n_zero_one > 0)
            notes[d] = "exact 0/1 squeezed (Smithson-Verkuilen): other values, not ranked";
    }
    /* Rank by AIC, only among fits of the same values: a beta fit on squeezed values
     * (exact 0/1 moved inwards) is left out of the ranking. */
    int comparable[ES_DIST_COUNT] = {0};
    for (int d = 0; d < ES_DIST_COUNT; d++)
        comparable[d] = used[d] && fits[d].status == ES_OK && !(d == ES_DIST_BETA && fits[d].n_zero_one > 0);
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
        es_row_str(&row, "status", f->status == ES_OK ? "ok" : f->status == ES_ENOCONV ? "no convergence" : "undefined");
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
        if (o->cfg->curves && f->status == ES_OK && n > 0) {
            /* Densities on a grid over the observed range (log-spaced when the range is
             * positive and wide), for the figures. */
            double lo = INFINITY, hi = -INFINITY;
            for (size_t i = 0; i < n; i++) {
                if (x[i] > 0 && x[i] < lo)
                    lo = x[i];
                if (x[i] > hi)
                    hi = x[i];
            }
            if (!(lo < hi))
                continue;
            int np = o->cfg->points, logsp = hi / lo > 20;
            for (int p = 0; p < np; p++) {
                double t = (double)p / (np - 1);
                double xv = logsp ? exp(log(lo) + t * (log(hi) - log(lo))) : lo + t * (hi - lo);
                es_row drow = es_fit_append(o->dens, lead, dist);
                es_row_num(&drow, "x", xv);
                es_row_num(&drow, "density", es_fit_pdf(f, xv));
                es_row_num(&drow, "cdf", es_fit_cdf(f, xv));
            }
        }
    }
    if (best_d >= 0 && label) {
        char name[256];
        snprintf(name, sizeof name, "best_fit_%s", label);
        es_results_value(res, name, es_cell_str(es_dist_name((es_dist)best_d)));
    }
    free(pos);
}

/* The power-law block: fit, bootstrap, comparisons, CCDF table. */
static int es_fit_powerlaw_block(es_cli *cli, const es_fitcfg *cfg, es_results *res, const char *variable,
                                 const double *x, size_t n)
{
    int discrete = cfg->discrete;
    if (discrete < 0) {
        discrete = 1;
        for (size_t i = 0; i < n && discrete; i++)
            if (x[i] != floor(x[i]))
                discrete = 0;
    }
    es_pl_opts po = {.discrete = discrete, .xmin = cfg->xmin, .min_tail = cfg->min_tail,
                     .max_candidates = cfg->grid_set ? (cfg->grid ? (size_t)cfg->grid : SIZE_MAX) : 0,
                     .threads = cli->threads};
    es_plfit pf;
    int rc = es_powerlaw_fit(&pf, x, n, &po);
    es_pl_boot pb = {0, 0, NAN};
    if (rc == ES_OK && cfg->boot > 0)
        es_powerlaw_gof(&pf, x, n, &po, cfg->boot, cli->seed, &pb);
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
    es_row_int(&row, "boot", cfg->boot);
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

static int es_fit_tables(es_results *res, es_fitout *o, const char *const *lead, size_t n_lead)
{
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
        (o->cfg->curves &&
         es_results_table(res, "densities", "Fitted densities on a grid", nd, dc, &o->dens) != ES_OK))
        return ES_ENOMEM;
    return ES_OK;
}

/* --column NAME: fit one numeric column. */
static int es_fit_column(es_cli *cli, const es_fitcfg *cfg, es_table *t, es_load_report *rep)
{
    int j = cfg->column ? es_table_find(t, cfg->column) : -1;
    if (j < 0 && cfg->column == NULL && t->n_cols == 1)
        j = 0;
    if (j < 0) {
        es_cli_error("fit: --column %s: no such column", cfg->column ? cfg->column : "(none)");
        return 1;
    }
    const es_column *c = &t->cols[j];
    if (c->type != ES_COL_NUMERIC) {
        es_cli_error("fit: --column %s: not a numeric column (%s)", c->name, es_coltype_name(c->type));
        return 1;
    }
    double *x = malloc((t->n_rows ? t->n_rows : 1) * sizeof *x);
    if (x == NULL) {
        es_cli_error("out of memory");
        return 1;
    }
    size_t n = 0, n_missing = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (isnan(c->num[i]))
            n_missing++;
        else
            x[n++] = c->num[i];
    }
    es_results *res = es_results_alloc("fit");
    int rc = res ? 0 : 1;
    if (res) {
        es_results_set_input(res, rep, 0, "values");
        es_results_setting(res, "column", es_cell_str(c->name));
        es_results_setting(res, "boot", es_cell_int(cfg->boot));
        es_results_setting(res, "seed", es_cell_int((long long)cli->seed));
        es_results_setting(res, "zeros", es_cell_str(cfg->drop_zeros ? "drop" : "keep"));
        if (n_missing)
            es_results_warn(res, "%zu missing values in column %s were left out", n_missing, c->name);
        es_fitout o = {.cli = cli, .cfg = cfg};
        static const char *const lead[] = {"variable"};
        if (es_fit_tables(res, &o, lead, 1) != ES_OK)
            rc = 1;
        else {
            const es_fit_lead l = {.variable = c->name};
            es_fit_group(&o, &l, x, n, res, c->name);
            if (!cfg->no_powerlaw && es_fit_powerlaw_block(cli, cfg, res, c->name, x, n) != ES_OK)
                rc = 1;
        }
        if (rc == 0)
            rc = es_cli_emit(cli, res);
        else
            es_cli_error("out of memory");
    }
    es_results_free(res);
    free(x);
    return rc;
}

int es_cmd_fit(int argc, char **argv)
{
    es_fitcfg cfg = {.dists = (1u << ES_DIST_COUNT) - 1, .discrete = -1, .points = 100, .zeros = "keep"};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_fit_cmd, argc, argv, &cfg);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_study st = {0};
    cfg.boot = es_cli_given(&cli, "boot") ? cli.boot : 0;
    cfg.grid_set = es_cli_given(&cli, "grid");
    cfg.points_set = es_cli_given(&cli, "points");
    cfg.drop_zeros = strcmp(cfg.zeros, "drop") == 0;
    /* The curve tables (for figures) are long: in json/csv/tsv always, in the
     * human formats only on request (--points). */
    cfg.curves = cfg.points_set || cli.render.format == ES_FMT_JSON || cli.render.format == ES_FMT_CSV ||
                 cli.render.format == ES_FMT_TSV;
    int by_niche = 0;
    if (cli.by != NULL) {
        if (strcmp(cli.by, "niche") != 0) {
            es_cli_free(&cli);
            return es_cli_usage_error("--by '%s': fit accepts --by niche", cli.by);
        }
        by_niche = 1;
    }
    rc = es_cli_load(&cli, cli.args[0], &st.table, &st.rep);
    es_results *res = NULL;
    double *vals = NULL;
    if (rc != 0)
        goto out;
    if (cfg.column != NULL || (cli.load.no_header && st.table->n_cols == 1)) {
        rc = es_fit_column(&cli, &cfg, st.table, &st.rep);
        goto out;
    }
    rc = es_cli_study_units(&cli, &st);
    if (rc != 0)
        goto out;
    if (by_niche && st.units.niche_dict == NULL) {
        es_cli_error("fit: --by niche: the file has no niche column (use --map niche=COLUMN)");
        rc = 1;
        goto out;
    }
    res = es_cli_results(&cli, &st);
    vals = malloc((st.units.n ? st.units.n : 1) * sizeof *vals);
    es_fitout o = {.cli = &cli, .cfg = &cfg};
    const char *lead[] = {"band", "niche"};
    if (res == NULL || vals == NULL || es_fit_tables(res, &o, lead, by_niche ? 2 : 1) != ES_OK) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    es_results_setting(res, "boot", es_cell_int(cfg.boot));
    es_results_setting(res, "seed", es_cell_int((long long)cli.seed));
    es_results_setting(res, "zeros", es_cell_str(cfg.drop_zeros ? "drop" : "keep"));
    if (by_niche)
        es_results_setting(res, "by", es_cell_str("niche"));
    size_t n_groups = by_niche ? es_dict_size(st.units.niche_dict) : 1;
    for (int b = 0; b <= (int)st.bands.n; b++) {
        int band = b < (int)st.bands.n ? b : -2;
        const char *bname = band >= 0 ? st.bands.names[b] : "all";
        if (band == -2 && by_niche)
            break;
        for (size_t g = 0; g < n_groups; g++) {
            uint32_t code = by_niche ? (uint32_t)g : ES_DICT_NONE;
            size_t m = es_units_select(&st.units, band, by_niche ? ES_ROLE_NICHE : ES_ROLE_NONE, code, vals);
            const es_fit_lead lc = {.band = bname, .niche = by_niche ? es_dict_str(st.units.niche_dict, code) : NULL};
            char label[192];
            if (by_niche)
                snprintf(label, sizeof label, "%s_%s", bname, es_dict_str(st.units.niche_dict, code));
            else
                snprintf(label, sizeof label, "%s", bname);
            es_fit_group(&o, &lc, vals, m, res, label);
        }
    }
    if (!cfg.no_powerlaw) {
        /* Follower counts: one value per account (first post of each account for post units). */
        size_t m = 0;
        if (st.units.unit_post && st.units.account_dict != NULL) {
            size_t na = es_dict_size(st.units.account_dict);
            unsigned char *seen = calloc(na ? na : 1, 1);
            if (seen == NULL) {
                rc = 1;
                goto out;
            }
            for (size_t k = 0; k < st.units.n; k++)
                if (st.units.account[k] != ES_DICT_NONE && !seen[st.units.account[k]] && !isnan(st.units.followers[k])) {
                    seen[st.units.account[k]] = 1;
                    vals[m++] = st.units.followers[k];
                }
            free(seen);
        } else {
            for (size_t k = 0; k < st.units.n; k++)
                if (!isnan(st.units.followers[k]))
                    vals[m++] = st.units.followers[k];
        }
        if (es_fit_powerlaw_block(&cli, &cfg, res, "followers", vals, m) != ES_OK) {
            es_cli_error("out of memory");
            rc = 1;
            goto out;
        }
    }
    rc = es_cli_emit(&cli, res);
out:
    free(vals);
    es_results_free(res);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
