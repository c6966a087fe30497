/* cmd_inspect.c — `engagestat inspect FILE`: what the loader saw. */
#include "cli.h"

#include <math.h>
#include <stddef.h>

/* inspect's own options. */
typedef struct es_inspect_cli {
    int selection;
    double lag_days;
} es_inspect_cli;

static const es_optdef es_inspect_optdefs[] = {
    {.name = "selection", .kind = ES_ARG_FLAG, .offset = offsetof(es_inspect_cli, selection), .value = 1,
     .help = "also check what biases a tier comparison in FILE (table\nselection; uses --er, --unit, --bands, "
             "--min-n)"},
    {.name = "lag-days", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_inspect_cli, lag_days), .lo = 0,
     .hi = INFINITY, .metavar = "D",
     .help = "--selection: follower counts read more than D days (median)\nafter the posts are a snapshot lag",
     .deflt = "180"},
    {0}};

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
             "--level forces the level (a warning says when it differs from the data's).\n"
             "\n"
             "--selection adds what biases a tier comparison in this sample, one row per check\n"
             "with the evidence (numbers) and what it does to micro vs mega, and a warning for\n"
             "each check detected (value selection_warnings):\n"
             "  rank_column        a column named rank/position/top running 1..N without gaps\n"
             "  sorted_by_outcome  rows in descending order of followers or engagement, or in\n"
             "                     rank order, in > 95% of adjacent pairs\n"
             "  top_n              a round number of accounts (100, 500, 1000, ...) per platform\n"
             "                     starting at 10x the first band edge or more, or ranked 1..N\n"
             "  trending_feed      the file, directory or a column named trending/feed/fyp/\n"
             "                     explore/viral, or views above followers in most rows (median\n"
             "                     views/followers > 2): posts sampled on views\n"
             "  range_above_edge   bands below the smallest account (overall or per platform)\n"
             "  empty_bands        other bands without accounts\n"
             "  snapshot_lag       a scrape/snapshot/crawl date column minus the post date,\n"
             "                     median above --lag-days; without one, a lower bound from\n"
             "                     accounts with several posts under one follower count\n"
             "  small_cells        band x niche cells (or band x platform) below --min-n accounts\n"
             "  followers_vary     accounts whose follower count varies across their posts\n"
             "A check reads yes, no or not testable (the data lack what it needs).  The\n"
             "engagement and band options apply only with --selection.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_MINN | ES_SH_OUTPUT,
    .opts = es_inspect_optdefs,
    .trailer = "Tables: columns, rejected, filters (with --where), selection (with --selection).\n",
    .examples = "engagestat inspect posts.csv --where owner_matches_file=1 --dedupe post_id\n"
                "engagestat inspect top1000.csv --selection\n",
};

/* The options that only --selection uses. */
static int es_inspect_check_selection(const es_cli *cli, const es_inspect_cli *ic)
{
    static const char *const only[] = {"er", "unit", "account-er", "max-er", "bands", "band-names",
                                       "band-column", "min-n", "lag-days", NULL};
    for (size_t i = 0; !ic->selection && only[i]; i++)
        if (es_cli_given(cli, only[i]))
            return es_cli_usage_error("inspect: --%s applies only with --selection", only[i]);
    return 0;
}

int es_cmd_inspect(int argc, char **argv)
{
    es_cli cli = {0};
    es_inspect_cli ic = {.selection = 0, .lag_days = 180};
    int rc = es_cli_parse(&cli, &es_inspect_cmd, argc, argv, &ic);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if ((rc = es_inspect_check_selection(&cli, &ic)) != 0) {
        es_cli_free(&cli);
        return rc;
    }
    es_cli_study st = {0};
    rc = es_cli_load(&cli, cli.args[0], &st.table, &st.rep);
    /* With --selection the units are built first: a file they cannot be built from
     * fails before anything is written. */
    int opened = rc == 0;
    if (rc == 0 && ic.selection && (rc = es_cli_study_units(&cli, &st)) != 0)
        opened = 0; /* st is closed */
    es_results *res = rc == 0 ? es_results_alloc("inspect") : NULL;
    es_err err = {0};
    if (rc != 0)
        ;
    else if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = es_inspect_run(st.table, &st.rep, &cli.load, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else {
        if (ic.selection) {
            es_selection_opts so;
            es_selection_opts_init(&so);
            es_cli_analysis_opts(&cli, &so.common);
            so.lag_days = ic.lag_days;
            rc = es_selection_run(&st.s, &so, res, &err);
        }
        if (rc != ES_OK)
            rc = es_cli_run_error(&cli, rc, &err);
        else {
            es_cli_provenance(&cli, res);
            rc = es_cli_emit(&cli, res);
        }
    }
    es_results_free(res);
    if (opened)
        es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
