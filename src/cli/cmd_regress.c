/* cmd_regress.c — `engagestat regress FILE`: how engagement scales with followers.
 * The analysis is es_regress_run (src/regress/regress.c); this file is its option table,
 * whose offsets point into es_regress_opts, and the run that fills it. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "engagestat/sandwich.h"

/* regress's options, --models, which runs es_models_run instead, and --shape, which runs
 * es_shape_run (r first: the checks below cast the base to es_regress_opts). */
typedef struct es_reg_cli {
    es_regress_opts r;
    int models, models_ci, shape;
} es_reg_cli;

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
    {.name = "covariates", .kind = ES_ARG_LIST, .offset = offsetof(es_reg_cli, r.covariates), .metavar = "LIST",
     .help = "comma-separated: niche, platform, sponsored (fixed effects;\nreference level = the most frequent, "
             "reported) or any\nother column of FILE (numeric as is, categorical as dummies;\na factor of more than 50 levels is absorbed: exact and fast)"},
    {.name = "quadratic", .kind = ES_ARG_FLAG, .offset = offsetof(es_reg_cli, r.quadratic), .value = 1,
     .help = "add log10(followers)^2: turning point with a delta-method CI"},
    {.name = "vcov", .kind = ES_ARG_STR, .check = es_reg_check_vcov, .expect = "classical, HC0, HC1, HC2, HC3 or CR1",
     .metavar = "TYPE", .help = "classical, HC0, HC1, HC2, HC3 or CR1 (cluster by account)"},
    {.name = "zero-offset", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_reg_cli, r.zero_offset), .lo = 0,
     .hi = INFINITY, .metavar = "C", .help = "model log10(ER + C) instead of leaving zero-ER units out"},
    {.name = "robust", .kind = ES_ARG_ENUM, .offset = offsetof(es_reg_cli, r.robust), .choices = es_robust_names,
     .metavar = "METHOD",
     .help = "also fit huber (M-estimation, MAD scale, as MASS::rlm) or\nbisquare (GSL gsl_multifit_robust)"},
    {.name = "count", .kind = ES_ARG_STR, .check = es_reg_check_count,
     .expect = "a count role (likes, comments, shares, saves, views, impressions)", .metavar = "ROLE",
     .help = "also fit a negative binomial (NB2) model of the count ROLE\n(e.g. likes) with log(followers) as offset "
             "(log(followers x\nposts) for account units), Poisson fallback when theta grows\nwithout bound, and the LR test "
             "of overdispersion"},
    {.name = "bins", .kind = ES_ARG_LONG, .offset = offsetof(es_reg_cli, r.bins), .lo = 1, .hi = 1000,
     .metavar = "N", .help = "log-spaced follower bins for the curve", .deflt = "10"},
    {.name = "models", .kind = ES_ARG_FLAG, .offset = offsetof(es_reg_cli, models), .value = 1,
     .help = "models side by side instead (tables models, model_comparison):\n(1) linear, (2) quadratic, "
             "(3) quadratic + niche and platform\nfixed effects, (4) Huber fit of (1), (5) NB2 of likes"},
    {.name = "shape", .kind = ES_ARG_FLAG, .offset = offsetof(es_reg_cli, shape), .value = 1,
     .help = "the shape of the decline instead (tables shape, shape_verdict,\nshape_contrast, shape_curve): linear, "
             "quadratic, piecewise\nlinear and natural spline fits compared by AIC and LR tests,\noverall and per platform"},
    {.name = "models-ci", .kind = ES_ARG_FLAG, .offset = offsetof(es_reg_cli, models_ci), .value = 1,
     .help = "with --models: confidence intervals in brackets instead of\nstandard errors in parentheses"},
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
             "log-spaced follower bins (the curve).\n"
             "\n"
             "With --models, instead, the models side by side as in R's modelsummary: (1)\n"
             "linear, (2) + log10(followers)^2, (3) (2) + niche and platform fixed effects\n"
             "(those the file has), (4) the Huber fit of (1), (5) the NB2 model of likes with\n"
             "offset; the table models has each term's estimate and, below it, its SE in\n"
             "parentheses (--models-ci: the CI in brackets), then N, R2, adj. R2, AIC, BIC,\n"
             "log-likelihood, the SE type and the fixed effects (dummies not listed); the\n"
             "table model_comparison tests linear vs quadratic (AIC, likelihood ratio, Wald)\n"
             "and puts the --ratio contrast each model implies beside the direct ratio of\n"
             "medians (bootstrap BCa, 2000 resamples, seed 1).  A model the file cannot\n"
             "support is left out with a warning.\n"
             "\n"
             "With --shape, instead, is the decline linear in log-log, flattening or U-shaped?\n"
             "Four fits of log10(ER) on log10(followers) to the same units (ER > 0): linear,\n"
             "quadratic, piecewise linear (a continuous hinge, its knot the least-squares best\n"
             "of 50 points between the 10th and 90th percentiles, counted as a parameter) and\n"
             "a natural cubic spline (4 df, knots at quantiles as R's splines::ns), overall\n"
             "and per platform; AIC, BIC and likelihood-ratio tests against the linear model\n"
             "(table shape); a verdict computed from them (shape_verdict: linear unless a\n"
             "curved model beats it by more than 2 in AIC with LR p < 1 - conf, else\n"
             "U-shaped, inverted U, rising, flattening or steepening from the best curved\n"
             "model's curve inside the data); the --ratio contrast each model implies\n"
             "(shape_contrast, delta-method interval with --vcov); the fitted curves for the\n"
             "scaling figure (shape_curve).\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_RATIO | ES_SH_CONF | ES_SH_OUTPUT,
    .opts = es_reg_optdefs,
    .trailer = "Tables: coefficients, fit, references, predictions, turning_point (--quadratic),\n"
               "robust (--robust), count_model and count_fit (--count), bins.  With --models:\n"
               "models, model_comparison, models_long (every coefficient, dummies included).\n"
               "With --shape: shape, shape_verdict, shape_contrast, shape_curve.\n",
    .examples = "engagestat regress datasets/engagestat-sim.csv.gz --covariates niche,platform\n"
                "engagestat regress posts.csv --unit post --quadratic --covariates sponsored\n"
                "engagestat regress posts.csv --robust huber --count likes --format json\n"
                "engagestat regress datasets/engagestat-sim.csv.gz --models --format md\n"
                "engagestat regress datasets/engagestat-sim.csv.gz --shape --table shape_verdict\n",
};

/* --models: the options of regress's own models do not apply (a usage error, not
 * ignored); then es_models_opts from the shared ones. */
static int es_reg_models_opts(const es_cli *cli, const es_reg_cli *rc, es_models_opts *mo)
{
    static const char *const own[] = {"covariates", "quadratic", "robust", "count", "zero-offset", "bins"};
    if (rc->models_ci && !rc->models)
        return es_cli_usage_error("regress: --models-ci needs --models");
    for (size_t i = 0; rc->models && i < sizeof own / sizeof *own; i++)
        if (es_cli_given(cli, own[i]))
            return es_cli_usage_error("regress: --%s does not apply with --models (it fits its own models)", own[i]);
    if (rc->models && rc->shape)
        return es_cli_usage_error("regress: --models and --shape are alternatives: give one");
    for (size_t i = 0; rc->shape && i < sizeof own / sizeof *own; i++)
        if (es_cli_given(cli, own[i]))
            return es_cli_usage_error("regress: --%s does not apply with --shape (it fits its own models)", own[i]);
    if (rc->models_ci && rc->shape)
        return es_cli_usage_error("regress: --models-ci needs --models");
    es_models_opts_init(mo);
    es_cli_analysis_opts(cli, &mo->common);
    mo->vcov = rc->r.vcov;
    mo->ratio_num = cli->ratio.a;
    mo->ratio_den = cli->ratio.b;
    mo->ci = rc->models_ci;
    es_format f = cli->render.format;
    mo->digits = cli->digits > 0 ? (int)cli->digits : f == ES_FMT_TEXT || f == ES_FMT_MD || f == ES_FMT_LATEX ? 4 : 15;
    return 0;
}

/* --shape: es_shape_opts from the shared ones. */
static void es_reg_shape_opts(const es_cli *cli, const es_reg_cli *rc, es_shape_opts *so)
{
    es_shape_opts_init(so);
    es_cli_analysis_opts(cli, &so->common);
    so->vcov = rc->r.vcov;
    so->ratio_num = cli->ratio.a;
    so->ratio_den = cli->ratio.b;
}

/* 1 when every covariate is a field of the units (niche, platform, sponsored), so the
 * table's rows are not read and the units may be built as they stream past.  The
 * names are split as es_reg_design splits them: at commas, leading blanks dropped. */
static int es_reg_units_only(const char *covariates)
{
    for (const char *p = covariates; p != NULL && *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, ",");
        if (n > 0 && !((n == 5 && strncmp(p, "niche", 5) == 0) || (n == 8 && strncmp(p, "platform", 8) == 0) ||
                       (n == 9 && strncmp(p, "sponsored", 9) == 0)))
            return 0;
        p += n + (p[n] == ',');
    }
    return 1;
}

/* Parse -> es_regress_opts (or es_models_opts, es_shape_opts) -> es_regress_run
 * (es_models_run, es_shape_run) on the study -> emit. */
int es_cmd_regress(int argc, char **argv)
{
    es_reg_cli rc_opts = {.models = 0};
    es_regress_opts_init(&rc_opts.r);
    es_regress_opts *o = &rc_opts.r;
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_regress_cmd, argc, argv, &rc_opts);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_analysis_opts(&cli, &o->common);
    o->ratio_num = cli.ratio.a;
    o->ratio_den = cli.ratio.b;
    es_models_opts mo;
    es_shape_opts so;
    if ((rc = es_reg_models_opts(&cli, &rc_opts, &mo)) != 0)
        goto out;
    es_reg_shape_opts(&cli, &rc_opts, &so);
    es_cli_study st;
    cli.stream = es_reg_units_only(o->covariates);
    cli.unit_sums = 1u << ES_ROLE_LIKES | (o->count ? 1u << es_role_from_name(o->count) : 0);
    if ((rc = es_cli_study_open(&cli, &st)) != 0)
        goto out;
    es_err err = {0};
    es_results *res = es_cli_results(&cli, &st);
    if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = rc_opts.models  ? es_models_run(&st.s, &mo, res, &err)
                   : rc_opts.shape ? es_shape_run(&st.s, &so, res, &err)
                                   : es_regress_run(&st.s, o, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else
        rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_cli_study_close(&st);
out:
    es_cli_free(&cli);
    return rc;
}
