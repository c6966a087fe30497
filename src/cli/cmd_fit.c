/* cmd_fit.c — `engagestat fit FILE`: maximum-likelihood fits of the engagement rate per
 * follower band (lognormal, gamma, Weibull, beta, exponential, ranked by AIC), and the
 * power-law tail of follower counts (Clauset, Shalizi & Newman 2009); or both for any
 * numeric column with --column.  The analysis is es_fit_run / es_fit_column_run
 * (src/fit/fit_run.c); the option rows point into es_fit_run_opts. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static int es_fit_check_dist(const char *arg, void *base)
{
    es_fit_run_opts *cfg = base;
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

/* --zeros as es_fit_run_opts.drop_zeros. */
static int es_fit_zeros_lookup(const char *name)
{
    return strcmp(name, "keep") == 0 ? 0 : strcmp(name, "drop") == 0 ? 1 : -1;
}

static const es_optdef es_fit_optdefs[] = {
    {.name = "column", .kind = ES_ARG_STR, .offset = offsetof(es_fit_run_opts, column), .metavar = "NAME",
     .help = "fit this numeric column instead (no bands); a one-column file\nwithout a header: --no-header "
             "(the column is V1)"},
    {.name = "dist", .kind = ES_ARG_LIST, .check = es_fit_check_dist, .expect = "a list of distributions",
     .metavar = "LIST", .help = "lognormal,gamma,weibull,beta,exponential (default all)"},
    {.name = "zeros", .kind = ES_ARG_ENUM, .offset = offsetof(es_fit_run_opts, drop_zeros), .choices = es_zeros_names,
     .lookup = es_fit_zeros_lookup,
     .metavar = "keep|drop",
     .help = "keep zero rates (default: lognormal, gamma and Weibull are then\nundefined, beta squeezes them) or "
             "drop them, counted, first"},
    {.name = "discrete", .kind = ES_ARG_FLAG, .offset = offsetof(es_fit_run_opts, discrete), .value = 1,
     .help = "discrete power-law model (default: discrete for whole numbers)"},
    {.name = "continuous", .kind = ES_ARG_FLAG, .offset = offsetof(es_fit_run_opts, discrete), .value = 0,
     .help = "continuous power-law model"},
    {.name = "xmin", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_fit_run_opts, xmin), .lo = 0, .hi = INFINITY,
     .metavar = "X", .help = "fix xmin instead of searching"},
    {.name = "min-tail", .kind = ES_ARG_LONG, .offset = offsetof(es_fit_run_opts, min_tail), .lo = 2, .hi = 1e8,
     .metavar = "N", .help = "smallest tail an xmin candidate may leave", .deflt = "10"},
    {.name = "grid", .kind = ES_ARG_LONG, .offset = offsetof(es_fit_run_opts, grid), .lo = 0, .hi = 1e8, .metavar = "N",
     .help = "above N unique candidates, search a log grid of N values\nand refine around the best ones "
             "(default 2000; 0 = all)"},
    {.name = "no-powerlaw", .kind = ES_ARG_FLAG, .offset = offsetof(es_fit_run_opts, no_powerlaw), .value = 1,
     .help = "skip the power-law tail"},
    {.name = "points", .kind = ES_ARG_LONG, .offset = offsetof(es_fit_run_opts, points), .lo = 2, .hi = 100000,
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
             "unless --boot is given.  A group with fewer than --min-n values (default 10)\n"
             "gets no fit.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_BY | ES_SH_RESAMPLE | ES_SH_MINN | ES_SH_OUTPUT,
    .opts = es_fit_optdefs,
    .trailer = "Tables: fits (one row per group and distribution), parameters (estimate, se),\n"
               "densities (fitted pdf and cdf on a grid, for figures), powerlaw, powerlaw_compare,\n"
               "powerlaw_ccdf (empirical and fitted tail CCDF).\n",
    .examples = "engagestat fit datasets/engagestat-sim.csv.gz\n"
                "engagestat fit posts.csv --by niche --dist lognormal,gamma --format md\n"
                "engagestat fit counts.txt --no-header --column V1 --boot 200 --seed 7\n",
};

int es_cmd_fit(int argc, char **argv)
{
    es_fit_run_opts o;
    es_fit_run_opts_init(&o);
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_fit_cmd, argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_analysis_opts(&cli, &o.common);
    o.common.boot = es_cli_given(&cli, "boot") ? (size_t)cli.boot : 0;
    /* The curve tables (for figures) are long: in json/csv/tsv always, in the
     * human formats only on request (--points). */
    o.curves = es_cli_given(&cli, "points") || cli.render.format == ES_FMT_JSON || cli.render.format == ES_FMT_CSV ||
               cli.render.format == ES_FMT_TSV;
    es_cli_study st = {0};
    es_results *res = NULL;
    es_err err = {0};
    if (cli.by != NULL && strcmp(cli.by, "niche") != 0) {
        rc = es_cli_usage_error("--by '%s': fit accepts --by niche", cli.by);
        goto out;
    }
    o.by_niche = cli.by != NULL;
    /* The units only (streamed where the file allows it), unless --column or a file of
     * one column without a header asks for the values of a column. */
    int column = o.column != NULL || cli.load.no_header;
    cli.stream = 1;
    if (!column) {
        rc = es_cli_study_open(&cli, &st);
    } else if ((rc = es_cli_load(&cli, cli.args[0], &st.table, &st.rep)) == 0) {
        column = o.column != NULL || st.table->n_cols == 1;
        if (!column)
            rc = es_cli_study_units(&cli, &st);
    }
    if (rc != 0)
        goto out;
    if (!column)
        res = es_cli_results(&cli, &st);
    else if ((res = es_results_alloc("fit")) != NULL)
        es_results_set_input(res, &st.rep, 0, "values");
    if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = column ? es_fit_column_run(st.table, &o, res, &err) : es_fit_run(&st.s, &o, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else
        rc = es_cli_emit(&cli, res);
out:
    es_results_free(res);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
