/* engagestat/results.h — the results tree every command fills, and its renderers.
 * Ownership: es_results owns every string and table added to it (copies are made);
 * es_results_free() releases all.
 *
 * Errors are sticky, as ferror() on a FILE: the first failure of any builder call
 * (es_results_setting/_value/_warn/_table/_set_input, es_rtable_add_row, es_row_*) is
 * kept in the es_results with a message; later builder calls do nothing and return it;
 * es_results_render() returns it without writing.  Callers may ignore the builders'
 * returns and check es_results_status() once. */
#ifndef ES_RESULTS_H
#define ES_RESULTS_H

#include <stddef.h>
#include <stdio.h>

#include "engagestat/error.h"
#include "engagestat/load.h"

typedef enum { ES_CELL_NULL, ES_CELL_NUM, ES_CELL_INT, ES_CELL_STR } es_celltype;

typedef struct es_cell {
    es_celltype type;
    double num;
    long long i;
    char *str;
} es_cell;

typedef struct es_named {
    char *name;
    es_cell value;
} es_named;

struct es_results;

typedef struct es_rtable {
    struct es_results *owner; /* where a failure on this table sticks */
    char *name;
    char *title;       /* a caption for text, Markdown and LaTeX output */
    size_t n_cols, n_rows, cap_rows;
    char **columns;
    es_cell *cells;    /* row-major, n_rows * n_cols */
    int supplementary; /* a header table (exclusions): not csv/tsv's default table */
    unsigned char *rate; /* n_cols flags, NULL if none: the column holds engagement rates
                            (proportions), shown as percent by --percent */
    signed char *decimals; /* n_cols, NULL if none: fixed decimals for text, md, latex
                              (-1: the default significant digits) */
} es_rtable;

typedef struct es_results {
    char *command;
    /* input block */
    int has_input;
    char *path, *sha256, *level;
    size_t rows_read, rows_kept, rows_filtered, rows_duplicate, rows_rejected, accounts;
    char *accounts_label; /* what accounts counts ("distinct account values"); may be NULL */
    es_named *rejected;  /* reason -> count */
    size_t n_rejected;
    es_named *settings;
    size_t n_settings;
    es_rtable **tables;   /* each table by pointer: es_results_table()'s *out stays valid */
    size_t n_tables;
    es_named *values;
    size_t n_values;
    char **warnings;
    size_t n_warnings;
    es_err status;        /* the first failure of a builder call (sticky); ES_OK if none */
    es_rtable failed_table; /* what es_results_table() hands out after a failure */
} es_results;

typedef enum { ES_FMT_TEXT, ES_FMT_CSV, ES_FMT_TSV, ES_FMT_JSON, ES_FMT_MD, ES_FMT_LATEX } es_format;

/* Format from its name (text, csv, tsv, json, md, markdown, latex, tex); -1 if unknown. */
int es_format_from_name(const char *name);

es_results *es_results_alloc(const char *command);
void es_results_free(es_results *r);

/* The sticky status: ES_OK, or the code of the first failed builder call (ES_ENOMEM,
 * ES_EINVAL for an unknown column name, ...).  *msg (if msg is not NULL) receives its
 * message ("out of memory", "table 'pairwise' has no column 'p_valu'"), or NULL. */
int es_results_status(const es_results *r, const char **msg);
/* Record a failure of the caller's own (an allocation in a helper that fills r) with a
 * printf-style message; the first failure wins.  Returns the sticky status. */
int es_results_fail(es_results *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Copy the input block (path, hash, row counts, rejections, notes as warnings). */
int es_results_set_input(es_results *r, const es_load_report *rep, size_t accounts, const char *level);

/* Say what the input block's accounts count (shown beside it, "accounts_counted" in JSON). */
int es_results_set_accounts_label(es_results *r, const char *label);

es_cell es_cell_num(double v);  /* NaN and infinities become null */
es_cell es_cell_int(long long v);
es_cell es_cell_str(const char *s); /* the string is copied when stored; NULL -> null */
es_cell es_cell_null(void);

int es_results_setting(es_results *r, const char *name, es_cell v);
int es_results_value(es_results *r, const char *name, es_cell v);
int es_results_warn(es_results *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Add a table with n_cols named columns; returns it through *out (owned by r). */
int es_results_table(es_results *r, const char *name, const char *title, size_t n_cols,
                     const char *const *columns, es_rtable **out);
/* Append a row of n_cols cells (strings are copied). */
int es_rtable_add_row(es_rtable *t, const es_cell *cells);
/* Mark a column as holding engagement rates (proportions): text, md and latex show it
 * in percent with the same decimals down the column when es_render_opts.percent is
 * set; csv, tsv and json keep the proportions.  An unknown column sticks as ES_EINVAL. */
int es_rtable_mark_rate(es_rtable *t, const char *column);
/* The table with that name, or NULL. */
es_rtable *es_results_find_table(const es_results *r, const char *name);

/* A row addressed by its table and index, whose cells are set by column name:
 *     es_row row = es_rtable_append(t);
 *     es_row_str(&row, "test", "welch_t");
 *     es_row_num(&row, "p_value", p);
 * es_rtable_append() adds a row of missing cells (rendered NA in a numeric column of
 * text, md and latex, empty in a text column and in csv/tsv, null in JSON); cells not
 * set stay missing.  A name not in the table's column list is a programming error: it
 * sticks as ES_EINVAL.  Setting a cell again replaces it.  Each returns the sticky status. */
typedef struct es_row {
    es_rtable *table;
    size_t index;      /* SIZE_MAX when the append failed: the setters then do nothing */
} es_row;

es_row es_rtable_append(es_rtable *t);
/* Reading: the cell of a row by column name, NULL when either does not exist; its
 * number (an integer cell converted), NaN when missing or not a number. */
const es_cell *es_rtable_cell(const es_rtable *t, size_t row, const char *column);
double es_rtable_num(const es_rtable *t, size_t row, const char *column);
es_row es_rtable_row(es_rtable *t, size_t index); /* an existing row, to revise a cell */
int es_row_cell(es_row *row, const char *column, es_cell v);
int es_row_num(es_row *row, const char *column, double v); /* NaN, infinities -> missing */
int es_row_int(es_row *row, const char *column, long long v);
int es_row_str(es_row *row, const char *column, const char *s); /* copied; NULL -> missing */

typedef struct es_render_opts {
    es_format format;
    int digits;            /* significant digits; 0 = 15 for csv/tsv/json, 4 for text/md/latex */
    const char *table;     /* csv/tsv: which table (default: the first not supplementary) */
    const char *version;   /* engagestat version for the JSON header */
    int percent;           /* text, md, latex: rate columns (es_rtable_mark_rate) in
                              percent, "name (%)", decimals enough for two significant
                              digits of the column's smallest positive value (2 to 4) */
} es_render_opts;

/* Write r to f in the chosen format.  Text, md and latex leave out tables with no rows;
 * csv/tsv print the header of an empty table.  Returns the sticky status if a builder call failed
 * (nothing is written), else ES_OK, ES_EINVAL (csv --table that does not exist) or
 * ES_EIO (write error). */
int es_results_render(const es_results *r, const es_render_opts *o, FILE *f);

/* Escape s for JSON (without quotes), LaTeX, Markdown table cells or HTML into b. */
int es_escape_json(es_buf *b, const char *s);
int es_escape_latex(es_buf *b, const char *s);
int es_escape_md(es_buf *b, const char *s);
int es_escape_html(es_buf *b, const char *s);

#endif
