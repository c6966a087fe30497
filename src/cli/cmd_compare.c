/* cmd_compare.c — `engagestat compare FILE`: tests and effect sizes between follower
 * bands (es_compare_run, src/compare/compare.c).  This file holds the command's options
 * as data and fills es_compare_opts from them. */
#include "cli.h"

#include <stddef.h>
#include <string.h>

/* Options of this command: es_compare_opts, plus what the command line spells as words
 * (the pair of bands, the scale, the exact rule) or as a long. */
typedef struct es_cmp_cli {
    es_compare_opts o;
    es_pair groups;
    const char *scale, *exact;
    long perm;
} es_cmp_cli;

static const char *const es_scale_names[] = {"log", "raw", NULL};
static const char *const es_exact_names[] = {"auto", "yes", "no", NULL};

static const es_optdef es_cmp_optdefs[] = {
    {.name = "groups", .kind = ES_ARG_PAIR, .offset = offsetof(es_cmp_cli, groups), .sep = ',',
     .expect = "two bands such as micro,mega", .metavar = "A,B", .help = "the two bands to compare",
     .deflt = "micro,mega"},
    {.name = "alternative", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_cli, o.alt),
     .lookup = es_alternative_from_name, .expect = "two.sided, less or greater", .metavar = "H",
     .help = "two.sided (default), less or greater (A relative to B)"},
    {.name = "adjust", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_cli, o.adjust), .lookup = es_adjust_from_name,
     .expect = "holm, hochberg, bonferroni, BH, BY or none", .metavar = "METHOD",
     .help = "holm (default), hochberg, bonferroni, BH, BY or none"},
    {.name = "scale", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_cli, scale), .choices = es_scale_names,
     .metavar = "log|raw", .help = "scale of the t tests and ANOVA", .deflt = "log"},
    {.name = "perm", .kind = ES_ARG_LONG, .offset = offsetof(es_cmp_cli, perm), .lo = 1, .hi = 1e8,
     .metavar = "M", .help = "permutations (default 9999; exact when fewer partitions)"},
    {.name = "exact", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_cli, exact), .choices = es_exact_names,
     .metavar = "auto|yes|no",
     .help = "Mann-Whitney p: auto = exact below 50 per band without\nties (R 4.2.2); yes = exact, conditional on ties"},
    {0}};

const es_command es_compare_cmd = {
    .name = "compare",
    .synopsis = "compare [OPTION]... FILE",
    .prose = "Compare engagement rates between follower bands.  For the pair of bands (default\n"
             "micro vs mega): Mann-Whitney U (exact or normal with tie and continuity\n"
             "corrections, as R's wilcox.test) with the Hodges-Lehmann shift and its CI, AUC\n"
             "and Cliff's delta with CIs; Welch's t on log ER with Hedges' g; permutation\n"
             "tests of the difference in medians and in means; the ratio of medians with a\n"
             "bootstrap CI.  Across all bands: Kruskal-Wallis with epsilon squared and Dunn's\n"
             "pairwise tests, the classical one-way ANOVA and Welch's ANOVA (on log ER).\n"
             "Accounts with ER = 0 cannot enter log-scale tests: they are counted and\n"
             "reported; rank and permutation tests keep them.  --by niche|platform repeats\n"
             "the pairwise comparison within each group.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_BY | ES_SH_RESAMPLE | ES_SH_CONF | ES_SH_OUTPUT,
    .opts = es_cmp_optdefs,
    .trailer = "Tables: pairwise (one row per test), effects (effect sizes with CIs), omnibus\n"
               "(Kruskal-Wallis, ANOVA, Welch ANOVA), dunn (pairs of bands), bands (n per band).\n",
    .examples = "engagestat compare datasets/engagestat-sim.csv.gz\n"
                "engagestat compare posts.csv --groups nano,mega --alternative greater --format md\n"
                "engagestat compare posts.csv --by niche --adjust BH --format json\n",
};

int es_cmd_compare(int argc, char **argv)
{
    es_cmp_cli oc = {.groups = {"micro", "mega", "micro,mega"}, .scale = "log", .exact = "auto", .perm = 9999};
    es_compare_opts *o = &oc.o;
    es_compare_opts_init(o);
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_compare_cmd, argc, argv, &oc);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_analysis_opts(&cli, &o->common);
    o->group_a = oc.groups.a;
    o->group_b = oc.groups.b;
    o->log_scale = strcmp(oc.scale, "log") == 0;
    o->exact = strcmp(oc.exact, "auto") == 0 ? -1 : strcmp(oc.exact, "yes") == 0;
    o->perm = (size_t)oc.perm;
    if (cli.by != NULL && strcmp(cli.by, "niche") != 0 && strcmp(cli.by, "platform") != 0) {
        rc = es_cli_usage_error("--by '%s': expected niche or platform", cli.by);
        goto out;
    }
    o->by = cli.by == NULL ? ES_ROLE_NONE : strcmp(cli.by, "niche") == 0 ? ES_ROLE_NICHE : ES_ROLE_PLATFORM;
    es_cli_study st;
    cli.stream = 1; /* the units only */
    if ((rc = es_cli_study_open(&cli, &st)) != 0)
        goto out;
    es_err err = {0};
    es_results *res = es_cli_results(&cli, &st);
    if (res == NULL)
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
    else if ((rc = es_compare_run(&st.s, o, res, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    else
        rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_cli_study_close(&st);
out:
    es_cli_free(&cli);
    return rc;
}
