/* engagestat/report.h — the research report: every analysis on one load, written as
 * Markdown, standalone HTML and LaTeX with figures, tables as CSV and every number in
 * results.json (the results contract: the analyses' tables and values under
 * "ANALYSIS.NAME").
 *
 *     es_report_opts o;
 *     es_report_opts_init(&o);
 *     o.plot.script_dir = "scripts";
 *     es_report_summary sum = {0};
 *     int rc = es_report_write(&study, &o, "out", &sum, &err);
 *
 * The report is built in a temporary directory beside DIR and renamed over it at the
 * end: a failure leaves no partial DIR and an existing DIR untouched.  An existing DIR
 * is replaced only when it is empty or holds an engagestat report (a results.json
 * whose command is "report"); anything else is refused. */
#ifndef ES_REPORT_H
#define ES_REPORT_H

#include <stddef.h>

#include "engagestat/analysis.h"
#include "engagestat/plot.h"

/* Sections (bits of es_report_opts.sections), in the order they appear. */
enum {
    ES_REPORT_DATA = 1u << 0,
    ES_REPORT_DEFINITIONS = 1u << 1,
    ES_REPORT_BANDS = 1u << 2,
    ES_REPORT_MICRO_MEGA = 1u << 3,
    ES_REPORT_SCALING = 1u << 4,
    ES_REPORT_DISTRIBUTIONS = 1u << 5,
    ES_REPORT_METHODS = 1u << 6,
    ES_REPORT_PROVENANCE = 1u << 7,
    ES_REPORT_ALL = (1u << 8) - 1, /* the report's sections */
    /* the study's (engagestat reproduce adds them; report --only may ask for them) */
    ES_REPORT_CLAIMS = 1u << 8,
    ES_REPORT_SENSITIVITY = 1u << 9,
    ES_REPORT_SELECTION = 1u << 10,
    ES_REPORT_PUBLISHED = 1u << 11,
    ES_REPORT_STUDY = ES_REPORT_CLAIMS | ES_REPORT_SENSITIVITY | ES_REPORT_SELECTION | ES_REPORT_PUBLISHED
};

typedef struct es_report_opts {
    es_analysis_opts common;       /* conf, boot (2000), seed, threads, min_n of every analysis */
    const char *ratio_num, *ratio_den; /* "micro", "mega" */
    unsigned sections;             /* ES_REPORT_* bits; ES_REPORT_ALL */
    unsigned figures;              /* figures to draw, bit (1u << i) for figure i; 0: none; all */
    es_plot_opts plot;             /* script_dir, gnuplot, size, font (formats: png and pdf) */
    size_t perm;                   /* permutations of compare's tests; 9999 */
    const char *title;             /* NULL: "Engagement by follower band: BASENAME" */
    int study_title;               /* with title NULL: "The micro-vs-mega study: BASENAME" */
    int docx;                      /* 1: also report.docx through pandoc when it is on PATH (the
                                      default); 0: never */
    const char *version;           /* engagestat version (results.json, provenance) */
    long long date;                /* the report's date in Unix seconds (SOURCE_DATE_EPOCH
                                      pins it); -1: now */
    const es_results *provenance;  /* settings copied into every analysis (command_line,
                                      where, map, dedupe); may be NULL */
    const char *published;         /* ES_REPORT_PUBLISHED: published figures
                                      (datasets/published_benchmarks.csv format); NULL:
                                      the section says none was given */
} es_report_opts;

void es_report_opts_init(es_report_opts *o);

/* "data,definitions,bands,micro-mega,scaling,distributions,methods,provenance,claims,
 * sensitivity,selection,published" (any comma list of these) into ES_REPORT_* bits.  ES_EINVAL naming a bad entry. */
int es_report_parse_sections(const char *list, unsigned *bits, es_err *err);
/* "fig1,fig5" or "1,5" into figure bits.  ES_EINVAL naming a bad entry. */
int es_report_parse_figures(const char *list, unsigned *bits, es_err *err);

/* What the caller prints: the headline and what was left out. */
typedef struct es_report_summary {
    double ratio, ratio_low, ratio_high; /* micro/mega ratio of medians and its CI; NaN if none */
    size_t n_a, n_b;               /* accounts in the two bands */
    char definition[512];          /* er, unit, account_er, bands, max_er: what the ratio means */
    char verdicts[512];            /* the claims' verdicts, one line ("" without claims) */
    char headline[512];
    size_t n_tables, n_figures;
    int has_docx;                  /* report.docx was written (pandoc) */
    char **notes;                  /* figures skipped, sections that did not apply */
    size_t n_notes;
} es_report_summary;

void es_report_summary_free(es_report_summary *s);

/* Write the report on s into dir.  s->table must be the table the units came from.
 * Errors: ES_EINVAL (an option the data do not fit, a dir that is not a report),
 * ES_EIO (with the path), ES_ENOMEM; analyses that do not apply (no niche column) are
 * left out with a note. */
int es_report_write(const es_study *s, const es_report_opts *o, const char *dir, es_report_summary *sum, es_err *err);

/* ---------------------------------------------------------------- reproduce */

/* engagestat reproduce on several datasets: each dataset's report (es_report_write into
 * es_reproduce_dataset_dir) inside a directory that is built beside DIR and renamed
 * over it by es_reproduce_finish, which adds the report across the datasets (their
 * ratios and definitions side by side).  On any failure es_reproduce_abort leaves no
 * trace and an earlier DIR untouched. */
typedef struct es_reproduce {
    char dir[4096], tmp[4096];
} es_reproduce;

typedef struct es_reproduce_item {
    const char *label;             /* the dataset's name and its directory under DIR */
    const char *path;              /* the file */
    const es_report_summary *sum;  /* what its report found */
} es_reproduce_item;

int es_reproduce_begin(es_reproduce *rp, const char *dir, es_err *err);
/* DIR's temporary twin/LABEL into buf. */
const char *es_reproduce_dataset_dir(const es_reproduce *rp, const char *label, char *buf, size_t size);
int es_reproduce_finish(es_reproduce *rp, const es_reproduce_item *items, size_t n, const es_report_opts *o,
                        es_report_summary *across, es_err *err);
void es_reproduce_abort(es_reproduce *rp);

#endif
