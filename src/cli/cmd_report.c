/* cmd_report.c — `engagestat report FILE -o DIR`: the research report (Markdown, HTML,
 * LaTeX, results.json, tables/ and figures/) from every analysis on one load. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *out, *only, *figures, *title, *size, *font, *gnuplot, *reference, *published;
    int no_figures;
    long perm;
} es_report_args;

static const es_optdef es_report_optdefs[] = {
    {.name = "output", .short_name = 'o', .kind = ES_ARG_STR, .offset = offsetof(es_report_args, out),
     .metavar = "DIR", .help = "directory of the report (required); replaced atomically when it\n"
                               "holds an earlier report, refused when it holds anything else;\nmissing parents are made"},
    {.name = "only", .kind = ES_ARG_LIST, .offset = offsetof(es_report_args, only), .metavar = "LIST",
     .help = "sections: data, definitions, bands, micro-mega, scaling,\ndistributions, methods, provenance (all of these); also the\nstudy's claims, sensitivity, selection, published"},
    {.name = "figures", .kind = ES_ARG_LIST, .offset = offsetof(es_report_args, figures), .metavar = "LIST",
     .help = "figures to draw: fig1..fig7 or 1..7 (all)"},
    {.name = "no-figures", .kind = ES_ARG_FLAG, .offset = offsetof(es_report_args, no_figures), .value = 1,
     .help = "no figures (gnuplot is not run)"},
    {.name = "title", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, title), .metavar = "TEXT",
     .help = "the report's title (default: from the file name)"},
    {.name = "reference", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, reference), .metavar = "FILE",
     .help = "a band summary (published benchmarks: band, median, quartiles)\nshown beside the data's band medians, in a table and in fig1"},
    {.name = "published", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, published), .metavar = "FILE",
     .help = "published figures (datasets/published_benchmarks.csv): those of\nthe report's ER definition beside the band medians (a section\nand fig1), the others listed"},
    {.name = "perm", .kind = ES_ARG_LONG, .offset = offsetof(es_report_args, perm), .lo = 1, .hi = 1e8,
     .metavar = "M", .help = "permutations of the permutation tests (9999)"},
    {.name = "size", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, size), .metavar = "W,H",
     .help = "figure size (12cm,8cm)"},
    {.name = "font", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, font), .metavar = "NAME[,SIZE]",
     .help = "figure font ('Liberation Sans,9')"},
    {.name = "gnuplot", .kind = ES_ARG_STR, .offset = offsetof(es_report_args, gnuplot), .metavar = "PATH",
     .help = "the gnuplot program (default: gnuplot on PATH)"},
    {0}};

const es_command es_report_cmd = {
    .name = "report",
    .synopsis = "report [OPTION]... FILE -o DIR",
    .prose = "A research report on FILE, from one load: DIR/report.md, report.html (standalone,\n"
             "figures embedded), report.tex (pdflatex), results.json (every number, under\n"
             "ANALYSIS.TABLE names), tables/*.csv and figures/ (PNG, PDF, data and gnuplot\n"
             "scripts).  Sections: summary, data (rows read, kept, rejected by reason, the\n"
             "exclusion ledger per band), definitions, engagement by band (and by niche and\n"
             "platform), micro vs mega (ratio of medians, Mann-Whitney, Cliff's delta,\n"
             "Hodges-Lehmann, Welch on log ER; per niche and platform), scaling (log-log\n"
             "regression, linear vs quadratic, binned medians), distributions (fits ranked by\n"
             "AIC on the same values, the power-law tail of followers), methods, provenance.\n"
             "The report is built beside DIR and renamed into place at the end: a failure\n"
             "leaves no partial DIR.  SOURCE_DATE_EPOCH pins the date: the same seed and date\n"
             "give byte-identical files for any --threads.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_RATIO | ES_SH_RESAMPLE | ES_SH_CONF,
    .opts = es_report_optdefs,
    .examples = "engagestat report datasets/engagestat-sim.csv.gz -o out\n"
                "engagestat report posts.csv --where is_duplicate_post=0 -o kim --only bands,micro-mega\n",
};

int es_cmd_report(int argc, char **argv)
{
    es_report_args ra = {.perm = 9999};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_report_cmd, argc, argv, &ra);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_report_opts o;
    es_report_opts_init(&o);
    es_err err = {0};
    es_cli_analysis_opts(&cli, &o.common);
    o.ratio_num = cli.ratio.a;
    o.ratio_den = cli.ratio.b;
    o.perm = (size_t)ra.perm;
    o.title = ra.title;
    o.version = ES_VERSION;
    o.plot.font = ra.font;
    o.plot.gnuplot = ra.gnuplot;
    o.plot.formats = ES_PLOT_PNG | ES_PLOT_PDF;
    char sbuf[PATH_MAX];
    o.plot.script_dir = es_cli_find_scripts(sbuf, sizeof sbuf);
    if (ra.out == NULL)
        rc = es_cli_usage_error("report: missing -o DIR (the directory for the report)");
    else if ((ra.only != NULL && es_report_parse_sections(ra.only, &o.sections, &err) != ES_OK) ||
             (ra.figures != NULL && es_report_parse_figures(ra.figures, &o.figures, &err) != ES_OK) ||
             (ra.size != NULL && es_plot_parse_size(ra.size, &o.plot.width_cm, &o.plot.height_cm, &err) != ES_OK) ||
             (ra.font != NULL && es_plot_check_font(ra.font, &err) != ES_OK) ||
             es_plot_check_canvas(&o.plot, &err) != ES_OK)
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
    else if (ra.no_figures && ra.figures != NULL)
        rc = es_cli_usage_error("--no-figures and --figures: choose one");
    else
        rc = es_cli_source_date(&o.date);
    es_err_clear(&err);
    if (rc != 0) {
        es_cli_free(&cli);
        return rc;
    }
    if (ra.no_figures)
        o.figures = 0;
    if (ra.published != NULL) {
        o.published = ra.published;
        o.sections |= ES_REPORT_PUBLISHED;
    }
    es_cli_study st;
    es_report_summary sum = {0};
    /* The claims, sensitivity and selection sections read the table's rows; the rest
     * only the units (the models' count model: the likes of each unit). */
    cli.stream = !(o.sections & (ES_REPORT_CLAIMS | ES_REPORT_SENSITIVITY | ES_REPORT_SELECTION));
    cli.unit_sums = 1u << ES_ROLE_LIKES;
    if ((rc = es_cli_study_open(&cli, &st)) != 0) {
        es_cli_free(&cli);
        return rc;
    }
    es_reference ref = {0};
    es_results *prov = NULL;
    if (ra.reference != NULL) {
        if (es_reference_load(ra.reference, NULL, &ref, &err) != ES_OK) {
            es_cli_error("report: --reference %s", err.msg ? err.msg : "cannot be read");
            es_err_clear(&err);
            rc = 1;
            goto done;
        }
        o.plot.reference = &ref;
    }
    prov = es_results_alloc("report");
    if (prov == NULL) {
        rc = es_cli_run_error(&cli, ES_ENOMEM, &err);
        goto done;
    }
    es_cli_provenance(&cli, prov);
    o.provenance = prov;
    st.s.table = st.table;
    int wrc = es_report_write(&st.s, &o, ra.out, &sum, &err);
    if (wrc != ES_OK) {
        rc = es_cli_run_error(&cli, wrc, &err);
        goto done;
    }
    printf("%s\n", sum.headline);
    printf("report: %s/report.html, report.md, report.tex%s, results.json; %zu tables, %zu figures\n", ra.out,
           sum.has_docx ? ", report.docx" : "", sum.n_tables, sum.n_figures);
    for (size_t i = 0; i < sum.n_notes; i++)
        printf("note: %s\n", sum.notes[i]);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        es_cli_error("report: write error on standard output");
        rc = 1;
    }
done:
    es_reference_free(&ref);
    es_report_summary_free(&sum);
    es_results_free(prov);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
