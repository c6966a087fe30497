/* cmd_describe.c — `engagestat describe FILE`: engagement rate by follower band (and
 * by niche and/or platform), with confidence intervals. */
#include "cli.h"

#include <string.h>

const es_command es_describe_cmd = {
    .name = "describe",
    .synopsis = "describe [OPTION]... FILE",
    .prose = "Engagement rate by follower band: n accounts, n posts, mean, sd (n-1), median,\n"
             "quartiles (R type 7), IQR, geometric mean, 10% trimmed mean, MAD; 95% CIs for\n"
             "the median (distribution-free order statistics, bootstrap percentile and BCa)\n"
             "and for the mean (bootstrap); the ratio of medians between two bands (default\n"
             "micro/mega) with a bootstrap CI.  Post units use a cluster bootstrap that\n"
             "resamples accounts.  --by niche, platform or niche,platform repeats every row\n"
             "per group within each band.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_BY | ES_SH_RATIO | ES_SH_RESAMPLE | ES_SH_CONF |
              ES_SH_OUTPUT,
    .trailer = "Tables: describe (one row per band and group), intervals (one row per band,\n"
               "group, statistic and method), ratio (the ratio of medians).\n",
    .examples = "engagestat describe datasets/engagestat-sim.csv.gz\n"
                "engagestat describe posts.csv --by niche --bands seed --format md\n"
                "engagestat describe posts.csv --unit post --boot 5000 --seed 42 --format json\n",
};

/* --by as the two flags of es_describe_opts; 2 after a usage error. */
int es_cli_by(const char *by, int *niche, int *platform)
{
    *niche = *platform = 0;
    if (by == NULL)
        return 0;
    if (strcmp(by, "niche") == 0)
        *niche = 1;
    else if (strcmp(by, "platform") == 0)
        *platform = 1;
    else if (strcmp(by, "niche,platform") == 0 || strcmp(by, "platform,niche") == 0)
        *niche = *platform = 1;
    else
        return es_cli_usage_error("--by '%s': expected niche, platform or niche,platform", by);
    return 0;
}

int es_cmd_describe(int argc, char **argv)
{
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_describe_cmd, argc, argv, NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_describe_opts o;
    es_describe_opts_init(&o);
    es_cli_analysis_opts(&cli, &o.common);
    o.ratio_num = cli.ratio.a;
    o.ratio_den = cli.ratio.b;
    es_cli_study st;
    es_results *res = NULL;
    cli.stream = 1; /* the units only */
    if ((rc = es_cli_by(cli.by, &o.by_niche, &o.by_platform)) != 0 || (rc = es_cli_study_open(&cli, &st)) != 0)
        goto out;
    es_err err = {0};
    if ((res = es_cli_results(&cli, &st)) == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = es_describe_run(&st.s, &o, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else
        rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_cli_study_close(&st);
out:
    es_cli_free(&cli);
    return rc;
}
