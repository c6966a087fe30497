/* engagestat/plot.h — publication figures rendered by gnuplot run as a program.
 * Each figure is one or more TSV data files plus a small script DIR/figN.gp that
 * loads a template copied from scripts/ (the *.gp files), so that
 * `gnuplot DIR/figN.gp` re-renders it.
 * Labels that come from data (band and niche names) travel only in the data files.
 * Ownership: es_plot_report owns its strings (es_plot_report_free); everything else
 * is borrowed from the caller. */
#ifndef ES_PLOT_H
#define ES_PLOT_H

#include <stddef.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/engagement.h"
#include "engagestat/error.h"
#include "engagestat/reference.h"
#include "engagestat/results.h"

/* Output formats (bit set): pngcairo, svg, pdfcairo, cairolatex (pdf + tex). */
enum { ES_PLOT_PNG = 1u, ES_PLOT_SVG = 2u, ES_PLOT_PDF = 4u, ES_PLOT_TEX = 8u };

#define ES_PLOT_NFIG 7

/* The default font: installed by scripts/install-deps.sh (fonts-liberation2), with
 * the metrics of Helvetica and Arial. */
#define ES_PLOT_FONT "Liberation Sans"
#define ES_PLOT_FONT_SIZE 9.0
/* The smallest canvas es_plot_check_canvas accepts, in characters across and lines
 * of text down (see es_plot_canvas). */
#define ES_PLOT_MIN_CHARS 24
/* Each side of a figure, in centimetres. */
#define ES_PLOT_MIN_CM 5.0
#define ES_PLOT_MAX_CM 100.0
#define ES_PLOT_MIN_LINES 10

typedef struct es_plot_opts {
    unsigned formats;        /* ES_PLOT_* bits; default ES_PLOT_PNG */
    double width_cm, height_cm; /* figure size; default 12 x 8 cm */
    const char *font;        /* "Liberation Sans,9" style; NULL = ES_PLOT_FONT */
    const char *script_dir;  /* directory holding theme.gp and the figure templates */
    const char *gnuplot;     /* program name (searched on PATH) or path; NULL = "gnuplot" */
    double timeout_s;        /* per gnuplot run; default 60 */
    double conf;             /* confidence level of every interval; default 0.95 */
    const char *ratio_a, *ratio_b; /* figure 5 ratio of medians a / b (band names);
                                      default "micro" / "mega" */
    long boot;               /* bootstrap replicates for the figure 5 CIs; default 2000 */
    unsigned long seed;      /* bootstrap seed; default 1 */
    unsigned threads;        /* bootstrap threads (0 = all cores; results do not depend on it) */
    size_t min_n;            /* groups with fewer units get no interval (figure 1), no bin
                                (figure 2) and no forest row (figure 5); default 10 */
    const char *er_den;      /* what the rate is a share of, for the ER axis titles
                                ("Engagement rate (% of views)"): NULL = "followers", ""
                                = a rate without a denominator ("Engagement rate (%)");
                                characters other than letters, digits, space and _ . + - * / ( )
                                are dropped */
    const es_reference *reference; /* published band quartiles drawn beside figure 1's
                                boxes (es_reference_match: by band name, else by
                                follower edges), with the legend "published (BASENAME)";
                                NULL: none */
    long top_niches;         /* figures 4 and 5 name the K largest niches (figure 4 pools
                                the rest as "Other niches (M)", figure 5 leaves them to
                                its "All niches" row); 0 = as many as fit the height
                                (es_plot_text_rows less 7 lines, at least 3); at most 40 */
    /* figure 2: a fitted curve drawn over the points (the curve the data support,
     * es_shape_run's shape_curve): curve_n points (followers, median ER), labelled
     * curve_label in the key (letters, digits, space and . , ( ) - + only; others
     * dropped); curve_n = 0: none */
    const double *curve_x, *curve_y;
    size_t curve_n;
    const char *curve_label;
} es_plot_opts;

/* What was written: per figure its base name ("fig1"), whether it was written and
 * rendered, notes (figures skipped and why, units left off log axes, labels
 * shortened to fit), and every distinct message gnuplot printed ("fig5: ..."). */
typedef struct es_plot_report {
    int written[ES_PLOT_NFIG];
    int rendered[ES_PLOT_NFIG];
    char **notes;
    size_t n_notes;
    char **warnings;
    size_t n_warnings;
    int gnuplot_missing;     /* es_plot_render could not find the program */
} es_plot_report;

/* Defaults as listed in es_plot_opts. */
void es_plot_opts_init(es_plot_opts *o);
void es_plot_report_free(es_plot_report *rep);

/* Base name ("fig1") and one-line title of figure i (0-based), or NULL. */
const char *es_plot_figure_name(int i);
const char *es_plot_figure_title(int i);

/* Parse "png,svg,pdf,tex" (any non-empty comma list) into ES_PLOT_* bits.
 * ES_EINVAL with a message for an unknown or empty entry. */
int es_plot_parse_formats(const char *s, unsigned *formats, es_err *err);

/* Parse "12cm,8cm", "4.5in,3in" or "12,8" (cm) into centimetres; each side must be
 * within 5-100 cm.  ES_EINVAL with a message otherwise. */
int es_plot_parse_size(const char *s, double *width_cm, double *height_cm, es_err *err);

/* Check a --font value: "NAME" or "NAME,SIZE" with letters, digits, spaces, '.', '-'
 * and '_' in NAME and SIZE within 4-40 points.  ES_EINVAL with a message otherwise. */
int es_plot_check_font(const char *font, es_err *err);

/* The canvas in units of text, as gnuplot lays it out: *chars = characters of
 * tick-label text across the width, *lines = lines of text down the height, for
 * the smallest of o->formats (pdf gives the fewest; tex text is LaTeX's, sized as
 * gnuplot's cairolatex terminal assumes).  A conservative model of gnuplot 5.4's
 * character cell (GPVAL_TERM_HCHAR, GPVAL_TERM_VCHAR) for DejaVu Sans, the widest
 * of the common sans fonts, so that labels sized by it fit in any of them. */
void es_plot_canvas(const es_plot_opts *o, double *chars, double *lines);

/* Rows of text that fit down the height at the font's real line height (1.2 em;
 * LaTeX's 10 pt for tex): how many labelled rows a figure can stack. */
double es_plot_text_rows(const es_plot_opts *o);

/* ES_EINVAL with a message when the size and font leave fewer than
 * ES_PLOT_MIN_CHARS characters across or ES_PLOT_MIN_LINES lines down: no figure
 * can be laid out legibly there.  The message names the smallest size for the font
 * and the largest font for the size. */
int es_plot_check_canvas(const es_plot_opts *o, es_err *err);

/* Append s to b as one TSV field that gnuplot reads back as the label's text: tab,
 * newline, CR and other control bytes become the visible text \t \n \r \xHH, bytes
 * that are not UTF-8 U+FFFD, and tex != 0 escapes LaTeX specials (cairolatex).  In
 * the file the field is double-quoted, each backslash doubled (gnuplot processes
 * escapes in quoted fields) and '"' written as byte 0x01 (gnuplot cannot read '"'
 * inside a field; the theme's dec() turns it back).  Returns ES_OK or ES_ENOMEM. */
int es_plot_field(es_buf *b, const char *s, int tex);

/* Write every figure's data files and scripts into dir (created when missing) and
 * copy the templates there.  Figures that cannot be drawn (no niche column, too few
 * units) are skipped with a note.  Files are written atomically (temporary file,
 * then rename).  Errors: ES_EINVAL (no script_dir, a missing template, bad font,
 * formats, size or conf), ES_EEMPTY (no units or no bands), ES_EIO (with the path),
 * ES_ENOMEM. */
int es_plot_write(const es_units *u, const es_bands *b, const es_plot_opts *o, const char *dir,
                  es_plot_report *rep, es_err *err);

/* Run gnuplot on each written DIR/figN.gp (fork + execvp, no shell; working directory
 * dir; standard input /dev/null; messages to DIR/figN.log, removed when empty), killing
 * it after o->timeout_s.  Every figure is tried; rep->rendered says which succeeded.
 * Every distinct message gnuplot printed is added to rep->warnings ("figN: text") and
 * the log is kept.  Errors (the first one): ES_EIO when the program is missing
 * (rep->gnuplot_missing set; the message says so), exits non-zero (the message quotes
 * the log), times out, or warns that the layout failed ("canvas area too small",
 * "difficulty making room", "difficulty fitting": text would overlap or be cut off);
 * such a figure is not counted as rendered.  Other warnings (an empty range, say)
 * leave the figure rendered and ES_OK. */
int es_plot_render(const char *dir, const es_plot_opts *o, es_plot_report *rep, es_err *err);

/* Run gnuplot on DIR/BASE.gp as es_plot_render runs each figure (messages to
 * DIR/BASE.log, removed when empty; each distinct one in rep->warnings as "BASE: text").
 * ES_OK when it rendered; the errors of es_plot_render. */
int es_plot_render_one(const char *dir, const char *base, const es_plot_opts *o, es_plot_report *rep, es_err *err);

/* The forest plot across datasets from es_meta_run's results (tables "datasets" and
 * "pooled"): one row per dataset (its label, ratio and interval on a log axis, squares
 * sized by weight; datasets not pooled drawn open and grey with a '*' after the label),
 * a dashed line at 1, and the random-effects diamond when there is a summary.  Writes
 * DIR/BASE.tsv (rows), DIR/BASE_diamond.tsv, DIR/BASE_note.tsv (the summary's text) and
 * DIR/BASE.gp, copies theme.gp and meta_forest.gp from o->script_dir (dir created
 * when missing), then renders it in o->formats (es_plot_render_one).  Labels travel only
 * in the data files, shortened to the width with a note.  A "pooled" row whose method is
 * "none" and that has a note (a forest of something else, such as the sensitivity grid)
 * puts that note under the axis instead.  Errors: ES_EINVAL (meta lacks
 * the tables, no script_dir or a template missing, bad font, formats, size or conf),
 * ES_EEMPTY (no dataset has a finite positive ratio), ES_EIO, ES_ENOMEM. */
int es_plot_meta_forest(const es_results *meta, const es_plot_opts *o, const char *dir, const char *base,
                        es_plot_report *rep, es_err *err);

#endif
