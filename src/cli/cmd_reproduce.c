/* cmd_reproduce.c — `engagestat reproduce [FILE...]`: the micro-vs-mega study, claim by
 * claim: the report with the study's sections (the seed's claims, sensitivity) on the
 * bundled dataset, on one FILE, or on several (each with its own options, separated
 * by '+'), then a section across the datasets. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    const char *out, *only, *figures, *title, *size, *font, *gnuplot, *reference, *label, *published;
    int no_figures;
    long perm;
} es_reproduce_args;

static const es_optdef es_reproduce_optdefs[] = {
    {.name = "output", .short_name = 'o', .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, out),
     .metavar = "DIR", .help = "directory of the study (out); replaced atomically when it holds\nan earlier one; missing parents are made"},
    {.name = "label", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, label), .metavar = "NAME",
     .help = "the dataset's name in the study across datasets (default: from\nits directory and file name)"},
    {.name = "only", .kind = ES_ARG_LIST, .offset = offsetof(es_reproduce_args, only), .metavar = "LIST",
     .help = "sections: data, definitions, bands, micro-mega, scaling,\ndistributions, methods, provenance, claims, sensitivity,\nselection, published (all)"},
    {.name = "figures", .kind = ES_ARG_LIST, .offset = offsetof(es_reproduce_args, figures), .metavar = "LIST",
     .help = "figures to draw: fig1..fig7 or 1..7 (all)"},
    {.name = "no-figures", .kind = ES_ARG_FLAG, .offset = offsetof(es_reproduce_args, no_figures), .value = 1,
     .help = "no figures (gnuplot is not run)"},
    {.name = "title", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, title), .metavar = "TEXT",
     .help = "the report's title"},
    {.name = "reference", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, reference), .metavar = "FILE",
     .help = "a band summary (published benchmarks) beside the band medians"},
    {.name = "published", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, published), .metavar = "FILE",
     .help = "published figures, one row per number (default: the bundled\ndatasets/published_benchmarks.csv)"},
    {.name = "perm", .kind = ES_ARG_LONG, .offset = offsetof(es_reproduce_args, perm), .lo = 1, .hi = 1e8,
     .metavar = "M", .help = "permutations of the permutation tests (9999)"},
    {.name = "size", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, size), .metavar = "W,H",
     .help = "figure size (12cm,8cm)"},
    {.name = "font", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, font), .metavar = "NAME[,SIZE]",
     .help = "figure font ('Liberation Sans,9')"},
    {.name = "gnuplot", .kind = ES_ARG_STR, .offset = offsetof(es_reproduce_args, gnuplot), .metavar = "PATH",
     .help = "the gnuplot program (default: gnuplot on PATH)"},
    {0}};

const es_command es_reproduce_cmd = {
    .name = "reproduce",
    .synopsis = "reproduce [OPTION]... [FILE [OPTION]... [+ FILE [OPTION]...]...]",
    .prose = "The micro- versus mega-influencer study, claim by claim.  With no FILE, on the\n"
             "bundled dataset; with one FILE, on it; with several, separated by a lone '+'\n"
             "(each FILE with its own loading and definition options: --where, --map, --er,\n"
             "--bands, ...), on each, then a section across the datasets.  The report of\n"
             "`engagestat report` plus: the seed article's claims with a verdict each\n"
             "(supported, not supported, not testable, computed from the data) and how much\n"
             "the answer depends on definitions (band presets, ER, aggregation, unit, --max-er).\n"
             "Prints the headline and the verdicts.  Options before the first '+' (-o,\n"
             "--only, --figures, --title, --boot, --seed, ...) apply to every dataset;\n"
             "loading and definition options apply to the FILE they follow.\n",
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_RATIO | ES_SH_RESAMPLE | ES_SH_CONF,
    .opts = es_reproduce_optdefs,
    .trailer = "DIR holds report.html, report.md, report.tex, results.json, tables/ and figures/;\n"
               "with several FILEs, one such directory per dataset under DIR/ and the report\n"
               "across them in DIR itself.  The bundled dataset is read from\n"
               "$ENGAGESTAT_DATASETS, else datasets/ next to the build, else the installed\n"
               "share/engagestat/datasets.\n",
    .examples = "engagestat reproduce\n"
                "engagestat reproduce posts.csv --where owner_matches_file=1 -o kim\n"
                "engagestat reproduce -o all kim/posts.csv --where is_duplicate_post=0 + \\\n"
                "    tides/tiktok_influencers.csv --er total_likes/total_videos/followers\n",
};

/* The bundled dataset: $ENGAGESTAT_DATASETS, then datasets/ beside the build of this
 * executable, then the installed share/engagestat/datasets, then ./datasets. */
static const char *es_bundled(const char *name, char *buf, size_t size)
{
    struct stat st;
    const char *env = getenv("ENGAGESTAT_DATASETS");
    if (env != NULL && *env) {
        snprintf(buf, size, "%s/%s", env, name);
        return buf;
    }
    char exe[PATH_MAX];
    if (es_cli_exe_dir(exe, sizeof exe)) {
        {
            static const char *const rel[] = {"/../datasets", "/../share/engagestat/datasets", "/../../datasets"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++)
                if (snprintf(buf, size, "%s%s/%s", exe, rel[i], name) < (int)size && stat(buf, &st) == 0) {
                    /* shown in the report: the real path, relative to here when below it */
                    char real[PATH_MAX], cwd[PATH_MAX];
                    if (realpath(buf, real) != NULL) {
                        size_t nc = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
                        snprintf(buf, size, "%s", nc && strncmp(real, cwd, nc) == 0 && real[nc] == '/' ? real + nc + 1 : real);
                    }
                    return buf;
                }
        }
    }
    snprintf(buf, size, "datasets/%s", name);
    return buf;
}

/* A dataset's name: its directory and file stem ("kim2020-instagram-sample-posts"), or
 * the stem alone for a file in the current directory. */
static void es_label(const char *path, char *buf, size_t size)
{
    const char *base = strrchr(path, '/');
    const char *file = base ? base + 1 : path;
    size_t stem = strcspn(file, ".");
    char parent[128] = "";
    if (base != NULL && base > path) {
        const char *p = base - 1;
        while (p > path && p[-1] != '/')
            p--;
        size_t len = (size_t)(base - p);
        if (len < sizeof parent && !(len == 1 && *p == '.') && !(len == 2 && p[0] == '.' && p[1] == '.'))
            snprintf(parent, sizeof parent, "%.*s-", (int)len, p);
    }
    snprintf(buf, size, "%s%.*s", parent, (int)stem, file);
    for (char *c = buf; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '_'))
            *c = '_';
}

typedef struct es_segment {
    es_cli cli;
    es_reproduce_args ra;
    char **argv;            /* its words (the command name first): cli keeps pointers into them */
    const char *path;
    char label[160];
    es_report_summary sum;
} es_segment;

/* One dataset's report into dir, with o's settings and the segment's own loading and
 * definition options; prints its headline.  The exit status. */
static int es_run_one(es_segment *g, const es_report_opts *base, const char *dir, int quiet)
{
    es_cli_study st;
    memset(&st, 0, sizeof st);
    int rc = es_cli_load(&g->cli, g->path, &st.table, &st.rep);
    if (rc == 0)
        rc = es_cli_study_units(&g->cli, &st);
    if (rc != 0)
        return rc;
    es_report_opts o = *base;
    es_err err = {0};
    es_reference ref = {0};
    es_results *prov = es_results_alloc("reproduce");
    if (prov == NULL) {
        rc = es_cli_run_error(&g->cli, ES_ENOMEM, &err);
        goto done;
    }
    if (g->ra.reference != NULL) {
        if (es_reference_load(g->ra.reference, NULL, &ref, &err) != ES_OK) {
            es_cli_error("reproduce: --reference %s", err.msg ? err.msg : "cannot be read");
            es_err_clear(&err);
            rc = 1;
            goto done;
        }
        o.plot.reference = &ref;
    }
    es_cli_provenance(&g->cli, prov);
    o.provenance = prov;
    o.ratio_num = g->cli.ratio.a;
    o.ratio_den = g->cli.ratio.b;
    st.s.table = st.table;
    int wrc = es_report_write(&st.s, &o, dir, &g->sum, &err);
    if (wrc != ES_OK) {
        es_cli_error("reproduce: %s: %s", g->label, err.msg ? err.msg : es_strerror(wrc));
        es_err_clear(&err);
        rc = wrc == ES_EINVAL ? 2 : 1;
        goto done;
    }
    printf("%s%s%s\n", quiet ? g->label : "", quiet ? ": " : "", g->sum.headline);
    if (g->sum.verdicts[0])
        printf("%sclaims: %s\n", quiet ? "  " : "", g->sum.verdicts);
    for (size_t i = 0; i < g->sum.n_notes && !quiet; i++)
        printf("note: %s\n", g->sum.notes[i]);
done:
    es_reference_free(&ref);
    es_results_free(prov);
    es_cli_study_close(&st);
    return rc;
}

/* Parse one '+'-separated segment: 0, or the exit status after an error (cli freed). */
static int es_parse_segment(es_segment *g, int argc, char **argv, int first)
{
    g->ra.perm = 9999;
    int rc = es_cli_parse(&g->cli, &es_reproduce_cmd, argc, argv, &g->ra);
    if (rc != 0)
        return rc < 0 ? -1 : rc;
    static const char *const global[] = {"output", "only", "figures", "no-figures", "title", "perm", "size",
                                         "font", "gnuplot", "boot", "seed", "threads", "conf", "min-n", "ratio",
                                         "published"};
    if (!first)
        for (size_t i = 0; i < sizeof global / sizeof *global; i++)
            if (es_cli_given(&g->cli, global[i])) {
                es_cli_free(&g->cli);
                return es_cli_usage_error("reproduce: --%s applies to every dataset: give it before the first '+'",
                                          global[i]);
            }
    if (g->cli.n_args > 1) {
        es_cli_free(&g->cli);
        return es_cli_usage_error("reproduce: one FILE per segment; separate the datasets with a lone '+'");
    }
    if (g->cli.n_args == 0 && !first) {
        es_cli_free(&g->cli);
        return es_cli_usage_error("reproduce: a '+' must be followed by a FILE");
    }
    return 0;
}

int es_cmd_reproduce(int argc, char **argv)
{
    /* the segments: argv[0] is the command name; each '+' starts a new one */
    size_t nseg = 1;
    for (int i = 1; i < argc; i++)
        nseg += strcmp(argv[i], "+") == 0;
    es_segment *seg = calloc(nseg, sizeof *seg);
    if (seg == NULL) {
        es_cli_error("out of memory");
        return 1;
    }
    int rc = 0;
    size_t k = 0, parsed = 0;
    char bundled[PATH_MAX];
    for (int i = 1, start = 1; i <= argc && rc == 0; i++) {
        if (i < argc && strcmp(argv[i], "+") != 0)
            continue;
        /* words of this segment, behind the command name */
        char **w = seg[k].argv = calloc((size_t)(i - start) + 2, sizeof *w);
        if (w == NULL) {
            es_cli_error("out of memory");
            rc = 1;
            goto out;
        }
        w[0] = argv[0];
        int n = 1;
        for (int j = start; j < i; j++)
            w[n++] = argv[j];
        rc = es_parse_segment(&seg[k], n, w, k == 0);
        if (rc == -1) { /* --help */
            rc = 0;
            goto out;
        }
        if (rc != 0)
            goto out;
        parsed++;
        es_segment *g = &seg[k];
        g->path = g->cli.n_args ? g->cli.args[0] : es_bundled("engagestat-sim.csv.gz", bundled, sizeof bundled);
        if (g->ra.label != NULL)
            snprintf(g->label, sizeof g->label, "%s", g->ra.label);
        else
            es_label(g->path, g->label, sizeof g->label);
        k++;
        start = i + 1;
    }
    const es_reproduce_args *ga = &seg[0].ra;
    es_report_opts o;
    es_report_opts_init(&o);
    es_err err = {0};
    es_cli_analysis_opts(&seg[0].cli, &o.common);
    o.ratio_num = seg[0].cli.ratio.a;
    o.ratio_den = seg[0].cli.ratio.b;
    o.sections = ES_REPORT_ALL | ES_REPORT_STUDY;
    o.perm = (size_t)ga->perm;
    o.title = ga->title;
    o.study_title = 1;
    char pubbuf[PATH_MAX];
    o.published = ga->published ? ga->published : es_bundled("published_benchmarks.csv", pubbuf, sizeof pubbuf);
    o.version = ES_VERSION;
    o.plot.font = ga->font;
    o.plot.gnuplot = ga->gnuplot;
    o.plot.formats = ES_PLOT_PNG | ES_PLOT_PDF;
    char sbuf[PATH_MAX];
    o.plot.script_dir = es_cli_find_scripts(sbuf, sizeof sbuf);
    const char *out = ga->out ? ga->out : "out";
    if ((ga->only != NULL && es_report_parse_sections(ga->only, &o.sections, &err) != ES_OK) ||
        (ga->figures != NULL && es_report_parse_figures(ga->figures, &o.figures, &err) != ES_OK) ||
        (ga->size != NULL && es_plot_parse_size(ga->size, &o.plot.width_cm, &o.plot.height_cm, &err) != ES_OK) ||
        (ga->font != NULL && es_plot_check_font(ga->font, &err) != ES_OK) || es_plot_check_canvas(&o.plot, &err) != ES_OK)
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
    else if (ga->no_figures && ga->figures != NULL)
        rc = es_cli_usage_error("--no-figures and --figures: choose one");
    else
        rc = es_cli_source_date(&o.date);
    es_err_clear(&err);
    for (size_t i = 0; i < k && rc == 0; i++)
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(seg[i].label, seg[j].label) == 0)
                rc = es_cli_usage_error("reproduce: two datasets named '%s': give one a --label", seg[i].label);
    if (rc != 0)
        goto out;
    if (ga->no_figures)
        o.figures = 0;
    if (k == 1) {
        if ((rc = es_run_one(&seg[0], &o, out, 0)) == 0)
            printf("report: %s/report.html, report.md, report.tex, results.json\n", out);
    } else {
        es_reproduce rp;
        es_report_summary across;
        es_reproduce_item *items = calloc(k, sizeof *items);
        es_results *prov = es_results_alloc("reproduce");
        if (items == NULL || prov == NULL) {
            free(items);
            es_results_free(prov);
            es_cli_error("out of memory");
            rc = 1;
            goto out;
        }
        /* the whole command line, every dataset's words */
        es_cli whole = {.argc = argc, .argv = argv};
        es_cli_provenance(&whole, prov);
        if (es_reproduce_begin(&rp, out, &err) != ES_OK) {
            rc = err.code == ES_EINVAL ? es_cli_usage_error("%s", err.msg) : (es_cli_error("%s", err.msg), 1);
            es_err_clear(&err);
        }
        for (size_t i = 0; i < k && rc == 0; i++) {
            char dir[PATH_MAX];
            rc = es_run_one(&seg[i], &o, es_reproduce_dataset_dir(&rp, seg[i].label, dir, sizeof dir), 1);
            items[i] = (es_reproduce_item){.label = seg[i].label, .path = seg[i].path, .sum = &seg[i].sum};
        }
        es_report_opts oa = o;
        oa.provenance = prov;
        if (rc == 0 && es_reproduce_finish(&rp, items, k, &oa, &across, &err) != ES_OK) {
            es_cli_error("reproduce: %s", err.msg ? err.msg : "cannot write the study");
            es_err_clear(&err);
            rc = 1;
        }
        if (rc != 0)
            es_reproduce_abort(&rp);
        else
            printf("across the datasets: %s/report.html; each dataset's report in %s/LABEL/\n", out, out);
        es_report_summary_free(&across);
        free(items);
        es_results_free(prov);
    }
out:
    for (size_t i = 0; i < parsed; i++) {
        es_cli_free(&seg[i].cli);
        es_report_summary_free(&seg[i].sum);
    }
    for (size_t i = 0; i < nseg; i++)
        free(seg[i].argv);
    free(seg);
    return rc;
}
