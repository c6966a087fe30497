/* engagestat/load.h — the streaming CSV/TSV and JSON Lines loader (libcsv, yajl, zlib).
 * Ownership: es_load_csv() gives the caller a table to es_table_free() and fills a
 * caller-owned report to es_load_report_free(). */
#ifndef ES_LOAD_H
#define ES_LOAD_H

#include <stdio.h>

#include "engagestat/error.h"
#include "engagestat/filter.h"
#include "engagestat/table.h"

typedef struct es_load_opts {
    char delimiter;                 /* 0: detect ',', '\t' or ';' from the header line */
    char decimal;                   /* 0: ',' for ';'-separated files, else '.' */
    int no_header;                  /* the first line is data; columns are V1..Vn */
    const char *map[ES_ROLE_COUNT]; /* --map ROLE=COLUMN; NULL = detect from the header */
    const es_where *where;          /* --where filters, all must hold */
    size_t n_where;
    const char *dedupe;             /* --dedupe COLUMN (a column or role name), or NULL */
    int progress;                   /* draw a progress bar on progress_stream */
    FILE *progress_stream;
    size_t keep_rejects;            /* keep line, reason and text of the first keep_rejects
                                     * rejected rows in the report (0: count them only) */
    es_level level;                 /* --level: what a row is (stored in the table, honoured by
                                     * es_table_level); ES_LEVEL_AUTO (default): detected */
    long max_row_mb;                /* a row longer than this many MiB stops the load with
                                     * FILE:LINE (0: ES_MAX_ROW_MB) */
    long max_columns;               /* a header (or, without one, a first row) of more
                                     * fields stops the load (0: ES_MAX_COLUMNS) */
    long max_memory_mb;             /* the loaded table (es_table_bytes) may not grow past
                                     * this many MiB: the load stops with FILE:LINE
                                     * (0: es_load_default_memory_mb()) */
    /* Rows handed on instead of kept (what es_units_acc streams through): each time
     * the table holds ES_SINK_ROWS rows, and once at the end of a load that succeeds,
     * the loader calls sink(sink_ctx, t, err) from the thread that stores the rows,
     * in file order.  It returns ES_OK when it has used rows 0..t->n_rows-1: the
     * table is then emptied of its rows (es_table_clear_rows: the columns, their
     * types, dictionaries and missing counts stay) and the load goes on; ES_SINK_KEEP:
     * the rows stay, and every later one, and the sink is not called again (so a
     * first call can decline); any other code stops the load with err's message.
     * A load with a sink ends with a table of the rows since the last call, or all
     * of them when the sink declined.  NULL (default): every row is kept. */
    int (*sink)(void *ctx, es_table *t, es_err *err);
    void *sink_ctx;
} es_load_opts;

#define ES_SINK_ROWS ((size_t)65536)
#define ES_SINK_KEEP 100

#define ES_MAX_ROW_MB 64L
#define ES_MAX_COLUMNS 100000L
#define ES_MAX_MEMORY_MB 1024L /* the least default of --max-memory-mb */

#define ES_KEEP_REJECTS_MAX ((size_t)100000) /* what export --rejects asks for */

/* One reason for rejecting rows, with the first line and column where it happened. */
typedef struct es_reject {
    char *reason;
    size_t count;
    size_t first_line;
    size_t first_column;
} es_reject;

/* One rejected row, kept when es_load_opts.keep_rejects asks for it.  raw is the row's
 * cells as read, joined by the file's delimiter and quoted as CSV (RFC 4180) where a
 * cell needs it (quotes of the input not needed are not kept); for a JSON Lines line
 * that is not an object, the line itself; for a JSON Lines object rejected for its
 * values, its cells joined by ','. */
typedef struct es_rejected_row {
    size_t line;    /* physical line where the row starts */
    size_t column;  /* the field that caused it (1-based) */
    char *reason;
    char *raw;
} es_rejected_row;

/* What one --where filter did, over the rows it was tested on (rows with the right
 * field count that are not blank or a repeated header; every filter is tested on
 * every such row). */
typedef struct es_where_stat {
    size_t tested;      /* rows tested */
    size_t kept;        /* rows that satisfy it */
    size_t missing;     /* rows not kept because a cell it compares is missing */
    size_t bad;         /* rows not kept because a cell is not a number/date/flag */
    size_t removed;     /* rows it removed: the first filter they fail (these sum to
                         * rows_filtered) */
    char *near;         /* "=" on a text column: a spelling equal but for case, or NULL */
    size_t near_count;  /* rows holding a spelling equal but for case */
} es_where_stat;

typedef struct es_load_report {
    char *path;                 /* as given ("-" for standard input) */
    char sha256[65];            /* of the bytes read (compressed bytes for .gz) */
    unsigned long long bytes;   /* bytes read from the file */
    char delimiter;             /* 0 for JSON Lines */
    char decimal;               /* the decimal mark numbers were read with */
    int gzip;                   /* 1 when the input was gzip-compressed */
    size_t lines;               /* physical lines read */
    size_t rows_read;           /* data rows (header excluded) */
    size_t rows_kept, rows_rejected, rows_filtered, rows_duplicate;
    es_reject *rejects;         /* rows_rejected split by reason */
    size_t n_rejects;
    es_rejected_row *rejected;  /* the first n_rejected rejected rows (opts.keep_rejects), by
                                 * line (rows of JSON Lines are held, so for them "first" is in
                                 * the order they were processed); the
                                 * other rows_rejected - n_rejected were counted only */
    size_t n_rejected;
    size_t keep_rejects;        /* opts.keep_rejects, as the load was asked */
    char **notes;               /* things the user should know (renamed headers, filters
                                 * that keep every row or none, ...) */
    size_t n_notes;
    es_where_stat *where;       /* per --where filter, in the order given (n_where of them,
                                 * once the header is read) */
    size_t n_where;
} es_load_report;

/* Initialise opts with the defaults (detect delimiter, header present, no filters). */
void es_load_opts_init(es_load_opts *opts);
/* The default --max-memory-mb: half the physical memory, at least ES_MAX_MEMORY_MB. */
long es_load_default_memory_mb(void);

/* Load path ("-" = standard input; gzip detected from its magic bytes) into a new
 * table.  JSON Lines (a .jsonl/.ndjson name, or '{' as the first byte that is not
 * blank) is read through the same typing, roles, filters and ledger: one row per
 * object, the keys' union as columns, nested keys dotted (src/data/jsonl.h); a line
 * that is not JSON is ES_EPARSE ("FILE:LINE:COLUMN: invalid JSON: ..."), one that is
 * not an object is rejected.  Rows that cannot be used are rejected and counted by reason in rep;
 * --where and --dedupe rows are counted too, so that
 * rows_read = rows_kept + rows_rejected + rows_filtered + rows_duplicate.
 * Errors: ES_EIO (unreadable), ES_EPARSE (unterminated quote, NUL bytes, no header),
 * ES_EINVAL (a --map/--where/--dedupe column that does not exist, a --where value that
 * does not fit its column), ES_EEMPTY (rows were read but the --where filters kept
 * none: the message names each filter with the rows it removed), ES_ENOMEM; the
 * message in err reads "FILE:LINE:COLUMN: what is wrong" for data errors.  On error
 * *out is NULL and rep holds what was read so far (its lines and bytes may run a few
 * thousand rows past the row in error: the thread that reads is ahead of the one that
 * stores). */
int es_load_csv(const char *path, const es_load_opts *opts, es_table **out,
                es_load_report *rep, es_err *err);

void es_load_report_free(es_load_report *rep);

/* The level of a table, detected in one place (src/data/level.c), in this order:
 *  - band summary: no numeric followers column, a text column whose name holds "band"
 *    or "tier", and a numeric column whose name holds "median", "p50" or "p25";
 *  - post: a post column (post role), or accounts (within a platform, when there is
 *    one) that repeat;
 *  - account: columns of averages ("avg_likes", "Likes (Avg.)"), accounts that do not
 *    repeat, or no account column.
 * t->level, when not ES_LEVEL_AUTO, is used instead of the detected level, unless the
 * data contradict it (ES_EINVAL, the message naming --level and the evidence): post
 * with neither a post nor an account column, post or account on a band summary, bands
 * on a table that is not one.  account on post data takes each row as an account; post
 * on account-level data takes rows as posts of their account. */
typedef struct es_level_info {
    es_level level;        /* the level used: t->level when given, else detected */
    es_level detected;     /* what the data show */
    int forced;            /* t->level was given */
    size_t n_rows;
    size_t n_accounts;     /* distinct (platform, account) among rows with an account;
                              n_rows without an account column */
    size_t n_with_account; /* rows with an account */
    char evidence[400];    /* why, as inspect states it: "post: 'post_id' column, 12.3 posts
                              per account on average", "band summary: 8 rows of 'tier' by
                              'platform' with p25/median/p75 and no follower counts" */
    /* band summary (detected) only, else NULL; borrowed from the table: */
    const es_column *band, *platform, *median, *q25, *q75;
} es_level_info;

/* "auto", "post", "account", "bands"; NULL when out of range. */
const char *es_level_name(es_level l);
/* The level of a name of es_level_name; -1 when unknown. */
int es_level_from_name(const char *name);

/* Fill *li for t.  ES_EINVAL (message in err) when t->level is contradicted by the
 * data, ES_ENOMEM; *li is filled with the detection either way. */
int es_table_level(const es_table *t, es_level_info *li, es_err *err);

/* The refusal of a band summary where data are needed: ES_EDOM with "this file is a
 * table of band summaries, not accounts or posts: N rows of 'MEDIAN' by 'BAND' and no
 * follower counts; ..."; li from es_table_level on a band summary. */
int es_level_refuse_bands(const es_level_info *li, es_err *err);

/* 1 when rows are posts: es_table_level's level is post (t->level honoured; on an
 * error, t->level == ES_LEVEL_POST), else 0. */
int es_table_is_post_level(const es_table *t);

/* The header name normalised for alias matching: lower case, runs of other than
 * [a-z0-9] folded to one '_', no leading or trailing '_' ("#Followers" -> "followers",
 * "Likes (Avg.)" -> "likes_avg").  Caller frees; NULL on allocation failure. */
char *es_header_normalise(const char *name);

/* The role a header name implies by the alias table, or ES_ROLE_NONE. *rank is the
 * alias's priority (lower wins) when rank is non-NULL. */
es_role es_header_role(const char *normalised, int *rank);

#endif
