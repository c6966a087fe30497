/* engagestat/table.h — the columnar in-memory table.
 * Ownership: an es_table owns its columns, names and dictionaries; es_table_free()
 * releases everything.  Pointers returned by accessors stay valid until the table
 * is modified or freed. */
#ifndef ES_TABLE_H
#define ES_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engagestat/buf.h"
#include "engagestat/error.h"

typedef enum {
    ES_COL_NUMERIC,     /* double, NaN = missing */
    ES_COL_CATEGORICAL, /* dictionary codes, ES_DICT_NONE = missing */
    ES_COL_TEXT         /* (nearly) unique strings such as post ids: stored as is, no codes */
} es_coltype;

typedef enum {
    ES_ROLE_NONE = 0,
    ES_ROLE_FOLLOWERS,
    ES_ROLE_LIKES,
    ES_ROLE_COMMENTS,
    ES_ROLE_SHARES,
    ES_ROLE_SAVES,
    ES_ROLE_VIEWS,
    ES_ROLE_IMPRESSIONS,
    ES_ROLE_NICHE,
    ES_ROLE_PLATFORM,
    ES_ROLE_ACCOUNT,
    ES_ROLE_POST,
    ES_ROLE_DATE,
    ES_ROLE_SPONSORED,
    ES_ROLE_ER,         /* a precomputed engagement rate (proportion or percent) */
    ES_ROLE_COUNT
} es_role;

typedef struct es_column {
    char *name;
    es_coltype type;
    es_role role;
    size_t n_missing;
    double *num;      /* ES_COL_NUMERIC */
    uint32_t *codes;  /* ES_COL_CATEGORICAL */
    es_dict *dict;    /* ES_COL_CATEGORICAL */
    es_buf text;      /* ES_COL_TEXT: the strings, each NUL-terminated */
    uint64_t *off;    /* ES_COL_TEXT: offset of each row's string, UINT64_MAX = missing */
    uint32_t last_code; /* the last string stored (a one-entry cache for the loader) */
    size_t last_len;
} es_column;

/* What a row of a table is (load.h: es_table_level): a post, an account (averages or
 * totals per account), or a band of a published summary (quantiles of ER per follower
 * band).  ES_LEVEL_AUTO: detected from the data. */
typedef enum { ES_LEVEL_AUTO, ES_LEVEL_POST, ES_LEVEL_ACCOUNT, ES_LEVEL_BANDS } es_level;

typedef struct es_table {
    size_t n_rows, cap_rows;
    size_t n_cols;
    es_column *cols;
    int role_col[ES_ROLE_COUNT]; /* column index per role, -1 when absent */
    es_level level;              /* the level the loader was told (es_load_opts.level);
                                    ES_LEVEL_AUTO: detected when asked */
} es_table;

/* Name of a role ("followers", ...), or NULL for an out-of-range value. */
const char *es_role_name(es_role role);
/* Role from its name; ES_ROLE_NONE when unknown. */
es_role es_role_from_name(const char *name);
/* 1 for roles holding counts (followers, likes, comments, shares, saves, views,
 * impressions), else 0. */
int es_role_is_count(es_role role);
/* Name of a column type ("numeric", "categorical", "text"). */
const char *es_coltype_name(es_coltype t);

/* An empty table; NULL on allocation failure. */
es_table *es_table_alloc(void);
void es_table_free(es_table *t);

/* Add a column of the given type (rows so far are missing).  Returns ES_OK or
 * ES_ENOMEM; *index receives its position when index is non-NULL. */
int es_table_add_column(es_table *t, const char *name, es_coltype type, size_t *index);
/* Give column j the role (and clear the role on any other column). */
void es_table_set_role(es_table *t, size_t j, es_role role);
/* Index of the column with that name, or -1. */
int es_table_find(const es_table *t, const char *name);
/* Column holding a role, or NULL. */
es_column *es_table_role(const es_table *t, es_role role);

/* Append one row with every cell missing; fill it with es_table_set_*.
 * Returns ES_OK or ES_ENOMEM. */
int es_table_add_row(es_table *t);
/* Room for cap rows in every column (nothing happens when there is room already).
 * Returns ES_OK or ES_ENOMEM (the table is then unchanged but for the columns already
 * grown, which stay valid). */
int es_table_reserve(es_table *t, size_t cap);
/* Bytes one row takes in the column arrays (8 per numeric or text column, 4 per
 * categorical one), and the bytes the table holds in all: the column arrays at their
 * capacity, the text and the dictionaries (what --max-memory-mb bounds). */
size_t es_table_row_bytes(const es_table *t);
size_t es_table_bytes(const es_table *t);
/* Drop every row, keeping the columns with their types, dictionaries, capacity and
 * n_missing (which goes on counting the rows dropped): the loader's sink. */
void es_table_clear_rows(es_table *t);
/* Drop the last row (used when a row is rejected after being started). */
void es_table_pop_row(es_table *t);
void es_table_set_num(es_table *t, size_t j, size_t row, double v);
int es_table_set_str(es_table *t, size_t j, size_t row, const char *s, size_t n);

/* Change the type (and storage) of column j of a table that has no rows yet.
 * ES_EINVAL when rows exist, ES_ENOMEM. */
int es_column_retype(es_table *t, size_t j, es_coltype type);

/* Convert a numeric column to a categorical one, writing each present value with
 * "%.15g".  Returns ES_OK or ES_ENOMEM. */
int es_column_to_categorical(es_table *t, size_t j);

/* Value of a categorical or text cell, or NULL when missing (or numeric). */
const char *es_column_str(const es_column *c, size_t row);

/* Export (src/data/export.c): the table as a file that es_load_csv reads back to the
 * same values.  Header = column names; every row, every column, in order.  Numbers in
 * the shortest form of %.15g..%.17g that strtod reads back exactly (integers without a
 * decimal point), the date role as ISO 8601 UTC ("2019-05-01T13:45:00Z", fractions of
 * a second to the microsecond), missing cells empty (CSV, TSV) or null (JSON Lines).
 * CSV and TSV quote a cell holding the delimiter, '"', CR or LF (or leading/trailing
 * space) in double quotes with '"' doubled (RFC 4180); JSON strings escape '"', '\\'
 * and control characters (RFC 8259), UTF-8 passes through. */
typedef enum { ES_EXPORT_CSV, ES_EXPORT_TSV, ES_EXPORT_JSONL } es_export_format;

/* Format from a file name: .csv, .tsv, .jsonl or .ndjson, each optionally followed by
 * .gz (*gzip set).  ES_EINVAL when the name says none of them. */
int es_export_format_from_path(const char *path, es_export_format *fmt, int *gzip);

/* Write t to the stream f (name is for messages), gzip-compressed when gzip is 1.
 * Errors: ES_EIO ("NAME: strerror"), ES_ENOMEM. */
int es_export_write(const es_table *t, FILE *f, const char *name, es_export_format fmt, int gzip,
                    es_err *err);

/* Write t to path atomically (es_outfile_*: on failure the target is untouched), gzip
 * when path ends in .gz; "-" writes to standard output.  Errors as es_export_write. */
int es_export_save(const es_table *t, const char *path, es_export_format fmt, es_err *err);

/* A table of strings written to path as es_export_save writes (NULL = missing): n_cols
 * names, then rows of n_cols cells from next(ctx, row_index, cells) until it returns 0.
 * Used for the rejected rows.  Errors as es_export_write. */
typedef int (*es_export_next)(void *ctx, size_t row, const char **cells);
int es_export_strings(const char *path, es_export_format fmt, const char *const *names, size_t n_cols,
                      es_export_next next, void *ctx, es_err *err);

#endif
