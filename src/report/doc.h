/* doc.h — the report as a document: headings, paragraphs, bullet items, tables of
 * formatted cells and figures, rendered as Markdown, standalone HTML or LaTeX
 * (not installed).  Every string is plain text: each renderer escapes it, so a label
 * from data is text in every output.  Errors are sticky (the first allocation failure
 * is kept in es_doc.status; later calls do nothing).
 * Ownership: es_doc owns everything added to it; es_doc_free releases it. */
#ifndef ES_REPORT_DOC_H
#define ES_REPORT_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "engagestat/buf.h"
#include "engagestat/error.h"
#include "core/internal.h"

typedef enum { ES_DOC_HEADING, ES_DOC_PARA, ES_DOC_ITEM, ES_DOC_TABLE, ES_DOC_FIGURE, ES_DOC_CODE } es_doc_kind;

typedef struct es_doc_table {
    char *caption;  /* "Engagement rate by follower band" */
    char *note;     /* N, unit, interval method, estimator: under the table */
    char *csv;      /* the file under tables/ that holds its numbers ("describe.describe.csv"), or NULL */
    size_t n_cols, n_rows;
    char **head;    /* n_cols column headers */
    char *align;    /* n_cols of 'l' or 'r' */
    char **cells;   /* row-major; "" for an empty cell */
    size_t cap;
} es_doc_table;

typedef struct es_doc_block {
    es_doc_kind kind;
    int level;          /* heading: 1 title, 2 section, 3 subsection */
    char *text;         /* heading, paragraph, item, code, figure caption */
    char *anchor;       /* heading: "data"; figure: its base name "fig1" */
    es_doc_table *table;
} es_doc_block;

typedef struct es_doc {
    es_doc_block *blocks;
    size_t n, cap;
    int status;          /* ES_OK or the first failure (ES_ENOMEM) */
    size_t n_tables, n_figures;
    size_t tex_replaced; /* characters the LaTeX output could not set (shown as U+XXXX) */
} es_doc;

ES_INTERNAL void es_doc_free(es_doc *d);
ES_INTERNAL void es_doc_heading(es_doc *d, int level, const char *anchor, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
ES_INTERNAL void es_doc_para(es_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ES_INTERNAL void es_doc_item(es_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ES_INTERNAL void es_doc_code(es_doc *d, const char *text);
/* A figure: base is its path without extension under the report ("figures/fig1"). */
ES_INTERNAL void es_doc_figure(es_doc *d, const char *base, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A table of n_cols columns; headers and alignment ("lrrr").  NULL on failure. */
ES_INTERNAL es_doc_table *es_doc_table_new(es_doc *d, size_t n_cols, const char *const *head, const char *align, const char *csv,
                               const char *caption_fmt, ...) __attribute__((format(printf, 6, 7)));
/* Append the next cell (rows fill left to right). */
ES_INTERNAL void es_doc_cell(es_doc *d, es_doc_table *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
ES_INTERNAL void es_doc_table_note(es_doc *d, es_doc_table *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Drop a table that got no rows (the block stays out of every output). */

/* Renderers.  html embeds dir/BASE.png for each figure (base64), so the file stands
 * alone; tex includes BASE.pdf.  Return ES_OK, ES_ENOMEM or ES_EIO (a figure file that
 * cannot be read: the message names it). */
ES_INTERNAL int es_doc_render_md(es_doc *d, const char *title, es_buf *out);
ES_INTERNAL int es_doc_render_html(es_doc *d, const char *title, const char *dir, es_buf *out, es_err *err);
ES_INTERNAL int es_doc_render_tex(es_doc *d, const char *title, es_buf *out);

/* Number formatting for tables people paste into a paper. */
/* p in APA style: "< .001", ".034", "1.000"; "" for NaN. */
ES_INTERNAL void es_fmt_p(char *buf, size_t size, double p);
/* A rate as percent with `dec` decimals ("4.27"); "" for NaN. */
ES_INTERNAL void es_fmt_pct(char *buf, size_t size, double v, int dec);
/* A whole count with thousands separators ("16,390"). */
ES_INTERNAL void es_fmt_count(char *buf, size_t size, double v);
/* A number with `dec` decimals ("1.27"), "" for NaN; "-0.00" prints as "0.00". */
ES_INTERNAL void es_fmt_fixed(char *buf, size_t size, double v, int dec);

#endif
