/* cmd_inspect.c — `engagestat inspect FILE`: what the loader saw. */
#include "cli.h"

const es_command es_inspect_cmd = {
    .name = "inspect",
    .synopsis = "inspect [OPTION]... FILE",
    .prose = "Show what engagestat reads from FILE: rows read, kept, rejected (by reason),\n"
             "filtered and duplicate; each column's name, type, role and missing count; the\n"
             "follower range; the number of accounts; the level and why (level_evidence):\n"
             "  post     a post column, or accounts (within a platform) that repeat\n"
             "  account  columns of averages (avg_likes), accounts that do not repeat, or no\n"
             "           account column\n"
             "  bands    a band summary: no follower counts, a text column naming bands or\n"
             "           tiers and a median (or p25/p50) column, as published benchmarks\n"
             "           are; it cannot be described, but can be plot --reference FILE\n"
             "--level forces the level (a warning says when it differs from the data's).\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_OUTPUT,
    .trailer = "Tables: columns, rejected.\n",
    .examples = "engagestat inspect posts.csv --where owner_matches_file=1 --dedupe post_id\n",
};

int es_cmd_inspect(int argc, char **argv)
{
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_inspect_cmd, argc, argv, NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_table *t = NULL;
    es_load_report rep;
    rc = es_cli_load(&cli, cli.args[0], &t, &rep);
    es_results *res = rc == 0 ? es_results_alloc("inspect") : NULL;
    es_err err = {0};
    if (rc != 0)
        ;
    else if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = es_inspect_run(t, &rep, &cli.load, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else {
        es_cli_provenance(&cli, res);
        rc = es_cli_emit(&cli, res);
    }
    es_results_free(res);
    es_table_free(t);
    es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
