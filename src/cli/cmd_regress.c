/* cmd_regress.c — `engagestat regress FILE`: how engagement scales with followers.
 * The analysis is es_regress_run (src/regress/regress.c); this file is its option table,
 * whose offsets point into es_regress_opts, and the run that fills it. */
#include "cli.h"

#include <math.h>
#include <stddef.h>

#include "engagestat/sandwich.h"

static int es_reg_check_vcov(const char *arg, void *base)
{
    if (es_vcov_from_name(arg) < 0)
        return -1;
    ((es_regress_opts *)base)->vcov = arg;
    return 0;
}

static int es_reg_check_count(const char *arg, void *base)
{
    es_role role = es_role_from_name(arg);
    if (!es_role_is_count(role) || role == ES_ROLE_FOLLOWERS)
        return -1;
    ((es_regress_opts *)base)->count = arg;
    return 0;
}

static const char *const es_robust_names[] = {"huber", "bisquare", NULL};

static const es_optdef es_reg_optdefs[] = {
    {.name = "covariates", .kind = ES_ARG_LIST, .offset = offsetof(es_regress_opts, covariates), .metavar = "LIST",
     .help = "comma-separated: niche, platform, sponsored (fixed effects;\nreference level = the most frequent, "
             "reported) or any\nother column of FILE (numeric as is, categorical as dummies)"},
    {.name = "quadratic", .kind = ES_ARG_FLAG, .offset = offsetof(es_regress_opts, quadratic), .value = 1,
     .help = "add log10(followers)^2: turning point with a delta-method CI"},
    {.name = "vcov", .kind = ES_ARG_STR, .check = es_reg_check_vcov, .expect = "classical, HC0, HC1, HC2, HC3 or CR1",
     .metavar = "TYPE", .help = "classical, HC0, HC1, HC2, HC3 or CR1 (cluster by account)"},
    {.name = "zero-offset", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_regress_opts, zero_offset), .lo = 0,
     .hi = INFINITY, .metavar = "C", .help = "model log10(ER + C) instead of leaving zero-ER units out"},
    {.name = "robust", .kind = ES_ARG_ENUM, .offset = offsetof(es_regress_opts, robust), .choices = es_robust_names,
     .metavar = "METHOD",
     .help = "also fit huber (M-estimation, MAD scale, as MASS::rlm) or\nbisquare (GSL gsl_multifit_robust)"},
    {.name = "count", .kind = ES_ARG_STR, .check = es_reg_check_count,
     .expect = "a count role (likes, comments, shares, saves, views, impressions)", .metavar = "ROLE",
     .help = "also fit a negative binomial (NB2) model of the count ROLE\n(e.g. likes) with log(followers) as offset "
             "(log(followers x\nposts) for account units), Poisson fallback, and the LR test\nof overdispersion"},
    {.name = "bins", .kind = ES_ARG_LONG, .offset = offsetof(es_regress_opts, bins), .lo = 1, .hi = 1000,
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

/* Parse -> es_regress_opts -> es_regress_run on the study -> emit. */
int es_cmd_regress(int argc, char **argv)
{
    es_regress_opts o;
    es_regress_opts_init(&o);
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_regress_cmd, argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_analysis_opts(&cli, &o.common);
    o.ratio_num = cli.ratio.a;
    o.ratio_den = cli.ratio.b;
    es_cli_study st;
    if ((rc = es_cli_study_open(&cli, &st)) != 0)
        goto out;
    es_err err = {0};
    es_results *res = es_cli_results(&cli, &st);
    if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = es_regress_run(&st.s, &o, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else
        rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_cli_study_close(&st);
out:
    es_cli_free(&cli);
    return rc;
}
