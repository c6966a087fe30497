/* cmd_power.c — `engagestat power`: accounts per band needed to detect a given ratio
 * of median engagement rates between two bands with the Mann-Whitney test, by
 * simulation from the simulator's model (built-in, --params FILE, or calibrated on
 * --calibrate DATA), with Noether's (1987) formula beside it as a check.  The search is
 * es_power_run (src/sim/power_search.c); the option rows point into es_power_opts. */
#include "cli.h"

#include <math.h>
#include <stddef.h>

#include "engagestat/bootstrap.h"
#include "engagestat/compare.h"
#include "engagestat/simulate.h"

/* es_power_opts and --groups, which the parser splits into an es_pair. */
typedef struct es_pow_cli {
    es_power_opts o;
    es_pair groups;
} es_pow_cli;

static const es_optdef es_pow_optdefs[] = {
    {.name = "groups", .kind = ES_ARG_PAIR, .offset = offsetof(es_pow_cli, groups), .sep = ',',
     .expect = "two bands such as micro,mega", .metavar = "A,B",
     .help = "bands (hypeauditor names; default micro,mega)"},
    {.name = "target", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_cli, o.target), .lo = 0, .hi = 1e6,
     .metavar = "R", .help = "ratio of medians A/B to detect (default: with --calibrate the observed ratio in the data, else the model's)"},
    {.name = "power", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_cli, o.power), .lo = 0, .hi = 1,
     .metavar = "P", .help = "required power", .deflt = "0.8"},
    {.name = "alpha", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_cli, o.alpha), .lo = 0, .hi = 1,
     .metavar = "A", .help = "significance level", .deflt = "0.05"},
    {.name = "nsim", .kind = ES_ARG_LONG, .offset = offsetof(es_pow_cli, o.nsim), .lo = 10, .hi = 9999999,
     .metavar = "N", .help = "simulated studies per sample size", .deflt = "1000"},
    {.name = "alternative", .kind = ES_ARG_ENUM, .offset = offsetof(es_pow_cli, o.alternative),
     .lookup = es_alternative_from_name, .expect = "two.sided, less or greater", .metavar = "H",
     .help = "two.sided (default), less or greater"},
    {0}};

const es_command es_power_cmd = {
    .name = "power",
    .synopsis = "power [OPTION]...",
    .prose = "Accounts per band needed to detect a ratio of median engagement rates between two\n"
             "bands with the Mann-Whitney test (two-sided unless --alternative).  A pool of\n"
             "accounts is simulated from the model (account ER = median over its posts of\n"
             "(likes+comments)/followers); the first band's values are scaled so that the ratio\n"
             "of medians equals --target; studies of n accounts per band are drawn from the\n"
             "pools and tested; n is the smallest with simulated power >= --power.  Noether's\n"
             "formula, from the AUC of the scaled pools, is printed beside it.  The pool has\n"
             "--accounts accounts (default 200000), simulated from --params or from the\n"
             "parameters --calibrate estimates from a post-level file.  With --calibrate the\n"
             "direct ratio of medians in the file (95% BCa, 2000 resamples) is the default\n"
             "target, because it is what the data say; the model's ratio is a smoothed one.\n"
             "When the model's ratio falls outside that interval a warning names both.\n",
    .shared = ES_SH_SIM | ES_SH_LOAD | ES_SH_OUTPUT,
    .opts = es_pow_optdefs,
    .trailer = "Tables: power, curve.\n",
    .examples = "engagestat power --params datasets/kim2020-calibrated.params --target 1.3\n"
                "engagestat power --calibrate posts.csv --groups nano,mega --power 0.9\n",
};

int es_cmd_power(int argc, char **argv)
{
    es_pow_cli pc = {.groups = {"micro", "mega", "micro,mega"}};
    es_power_opts_init(&pc.o);
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_power_cmd, argc, argv, &pc);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_power_opts *o = &pc.o;
    o->band_a = pc.groups.a;
    o->band_b = pc.groups.b;
    o->seed = (uint64_t)cli.seed;
    if (cli.accounts > 0)
        o->accounts = (size_t)cli.accounts;
    o->model = cli.calibrate ? "calibrated" : cli.params;
    es_sim_params p;
    int pinit = 0;
    es_err err = {0};
    es_table *t = NULL;
    es_load_report rep;
    int have_rep = 0;
    es_results *res = NULL;
    if (cli.n_args != 0) {
        rc = es_cli_usage_error("power: unexpected argument '%s'", cli.args[0]);
        goto out;
    }
    if ((rc = es_cli_load_needs_calibrate(&cli)) != 0)
        goto out;
    if (es_sim_params_init(&p) != ES_OK) {
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
        goto out;
    }
    pinit = 1;
    o->params = &p;
    if (cli.params && (rc = es_sim_params_load(&p, cli.params, &err)) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : "cannot read the parameters");
        rc = 1;
        goto out;
    }
    if (cli.calibrate) {
        rc = es_cli_load(&cli, cli.calibrate, &t, &rep);
        have_rep = 1;
        if (rc != 0)
            goto out;
        if (es_sim_calibrate(&p, t, &err) != ES_OK) {
            es_cli_error("power: %s", err.msg ? err.msg : "calibration failed");
            rc = 1;
            goto out;
        }
        /* The direct ratio in the data, with its 95% BCa interval (2000 resamples): the
         * default target, and the yardstick the model's ratio is checked against. */
        es_boot_opts bo;
        es_boot_opts_default(&bo);
        bo.seed = o->seed;
        es_ratio_ci rci;
        size_t n_a, n_b;
        if (es_sim_observed_ratio(t, o->band_a, o->band_b, &bo, &rci, &n_a, &n_b, &err) == ES_OK &&
            isfinite(rci.estimate) && rci.has_ci) {
            o->observed_ratio = rci.estimate;
            o->observed_lo = rci.bca_lo;
            o->observed_hi = rci.bca_hi;
        }
        es_err_clear(&err);
    }
    if ((res = es_results_alloc("power")) == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else {
        if (have_rep)
            es_results_set_input(res, &rep, t->n_rows, es_table_is_post_level(t) ? "post" : "account");
        es_cli_provenance(&cli, res);
        if ((rc = es_power_run(o, res, &err)) != ES_OK)
            rc = es_cli_run_error(&cli, rc, &err);
        else
            rc = es_cli_emit(&cli, res);
    }
out:
    es_results_free(res);
    if (pinit)
        es_sim_params_free(&p);
    es_err_clear(&err);
    es_table_free(t);
    if (have_rep)
        es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
