/* load.c — streaming CSV/TSV loader.
 *
 * Bytes come from the file (or standard input) in chunks, are hashed (SHA-256 via
 * nettle), inflated when they start with the gzip magic (zlib), and fed to libcsv
 * one physical line at a time, so every callback knows the line it belongs to; a
 * whole line at a row start (no CR but its CR LF; quoted fields only of the simple
 * kind, "food, drink") is split here instead, as libcsv would split it
 * (es_split_line).
 * The first rows are buffered to decide column types; then every row is checked,
 * filtered, de-duplicated and stored in the columnar table. */
#include "engagestat/load.h"
#include "engagestat/buf.h"
#include "engagestat/numparse.h"
#include "export.h"
#include "jsonl.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define ES_CHUNK (1u << 20)
#define ES_SAMPLE_ROWS 1000
#define ES_ROW_WORK_BYTES 64 /* per row, for --max-memory-mb: see es_check_memory */

/* ------------------------------------------------------------------------ */
/* Header aliases                                                            */

typedef struct {
    es_role role;
    const char *const *names;
} es_alias;

static const char *const al_followers[] = {"followers", "follower_count", "followers_count", "n_followers",
    "num_followers", "nfollowers", "user_nfollower", "subscribers", "subscriber_count",
    "subscribers_count", "subs", "fans", "fan_count", NULL};
static const char *const al_likes[] = {"likes", "like_count", "likes_count", "avg_likes", "likes_avg",
    "vid_nlike", "n_likes", "num_likes", "hearts", "digg_count", NULL};
static const char *const al_comments[] = {"comments", "comment_count", "comments_count", "avg_comments",
    "comments_avg", "vid_ncomment", "n_comments", "num_comments", NULL};
static const char *const al_shares[] = {"shares", "share_count", "shares_count", "avg_shares",
    "shares_avg", "vid_nshare", "n_shares", "reposts", "retweets", NULL};
static const char *const al_saves[] = {"saves", "save_count", "saves_count", "avg_saves", "vid_nsave",
    "collect_count", "bookmarks", NULL};
static const char *const al_views[] = {"views", "view_count", "views_count", "avg_views", "views_avg",
    "vid_nview", "plays", "play_count", "video_views", NULL};
static const char *const al_impressions[] = {"impressions", "impression_count", "impressions_count",
    "reach", NULL};
static const char *const al_niche[] = {"niche", "category", "category_1", "categories", "topic",
    "vertical", "commercecategory", NULL};
static const char *const al_platform[] = {"platform", "network", "social_network", "site", NULL};
static const char *const al_account[] = {"account_id", "account", "username", "user_name", "handle",
    "user_id", "channel", "channel_id", "channel_name", "influencer", "file_influencer",
    "owner_username", "author", "creator", NULL};
static const char *const al_post[] = {"post_id", "shortcode", "vid_id", "video_id", "media_id", "post",
    "tweet_id", NULL};
static const char *const al_date[] = {"posted_at", "date", "taken_at_utc", "taken_at", "timestamp",
    "created_at", "create_time", "vid_posttime", "post_time", "published_at", "taken_at_unix", NULL};
static const char *const al_sponsored[] = {"sponsored", "is_sponsored", "has_sponsor_tag",
    "paid_partnership", "is_ad", NULL};
/* A precomputed rate ("ER %" and "engagement rate" normalise to er, engagement_rate). */
static const char *const al_er[] = {"er", "engagement_rate", "er_followers", "er_pct", "er_percent",
    "engagement_rate_pct", "engagement_rate_percent", "avg_engagement_rate", NULL};

static const es_alias es_aliases[] = {
    {ES_ROLE_FOLLOWERS, al_followers}, {ES_ROLE_LIKES, al_likes},     {ES_ROLE_COMMENTS, al_comments},
    {ES_ROLE_SHARES, al_shares},       {ES_ROLE_SAVES, al_saves},     {ES_ROLE_VIEWS, al_views},
    {ES_ROLE_IMPRESSIONS, al_impressions}, {ES_ROLE_NICHE, al_niche}, {ES_ROLE_PLATFORM, al_platform},
    {ES_ROLE_ACCOUNT, al_account},     {ES_ROLE_POST, al_post},       {ES_ROLE_DATE, al_date},
    {ES_ROLE_SPONSORED, al_sponsored}, {ES_ROLE_ER, al_er},
};

char *es_header_normalise(const char *name)
{
    es_buf b = {0};
    int pending = 0;
    if (es_buf_reserve(&b, strlen(name)) != ES_OK)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p)) {
            if (pending && b.len > 0)
                es_buf_putc(&b, '_');
            pending = 0;
            es_buf_putc(&b, (char)tolower(*p));
        } else {
            pending = 1;
        }
    }
    return es_buf_take(&b);
}

es_role es_header_role(const char *normalised, int *rank)
{
    for (size_t a = 0; a < sizeof es_aliases / sizeof *es_aliases; a++)
        for (int k = 0; es_aliases[a].names[k] != NULL; k++)
            if (strcmp(normalised, es_aliases[a].names[k]) == 0) {
                if (rank)
                    *rank = k;
                return es_aliases[a].role;
            }
    return ES_ROLE_NONE;
}

/* ------------------------------------------------------------------------ */
/* Loader state                                                              */

typedef struct {
    es_buf text;
    size_t *start, *len;
    size_t n, cap;
} es_fields;

typedef enum { ES_PHASE_HEADER, ES_PHASE_SAMPLE, ES_PHASE_STREAM } es_phase;

/* Rows held as read: the first rows while the column types are decided, and the
 * batches the reading thread hands to the storing one (es_pipe). */
typedef struct es_held {
    es_fields f;             /* the rows' fields, one after another */
    struct es_held_row {
        size_t first, n, over, line; /* first field in f, field count, fields not
                                      * stored (es_loader.n_over), line */
    } *row;
    size_t n_rows, cap_rows;
    double *val;             /* batches: per row, the values of the pipe's parsed columns */
    es_numstatus *vst;       /* and how each parsed */
    struct es_held *next;    /* in es_pipe's lists */
} es_held;

struct es_pipe;

typedef enum { ES_PARSE_NUMBER, ES_PARSE_TIME, ES_PARSE_FLAG } es_parsekind;

typedef struct {
    const char *path;
    const es_load_opts *opts;
    es_load_report *rep;
    es_err *err;
    int rc;                 /* first error; callbacks stop doing work once set */
    char decimal;           /* decimal mark of numbers: '.', or ',' (semicolon files) */
    es_phase phase;
    size_t line;            /* current physical line (1-based) */
    size_t row_line;        /* line where the current row started */
    int at_row_start;
    size_t row_bytes;       /* bytes fed since the current row started */
    es_fields row;
    size_t n_over;          /* fields of the current row past what is kept of it (the
                             * header's past --max-columns, a row's past one more than
                             * the header's): counted, not stored */
    size_t max_cols;        /* --max-columns */
    size_t max_bytes;       /* --max-memory-mb, in bytes */
    size_t unchecked;       /* bytes of strings stored since the table's size was taken */
    /* header */
    size_t n_cols;
    char **header_raw;      /* the header cells as read (for repeated-header detection) */
    size_t *header_len;
    /* sample */
    es_held sample;          /* the rows buffered until the types are decided */
    /* the rows past the sample go to a thread of their own (es_pipe) when pipe_ok */
    int pipe_ok;
    struct es_pipe *pipe;    /* the reading side's; NULL in the storing side's copy */
    const int *pre_idx;      /* the storing side: per column, its index among the values
                              * parsed ahead (pre_val, pre_st), -1 when not */
    const double *pre_val;
    const es_numstatus *pre_st;
    /* table */
    es_table *t;
    int *is_role_numeric;   /* per column: parse as number/time/flag and reject on failure */
    es_parsekind *parse;
    int *where_col;
    es_where_test *where_t; /* the filters bound to their columns */
    int dedupe_col;
    es_dict *dedupe;
    double *vals;           /* parsed numeric values of the current row */
    int sink_on;            /* opts->sink is still taking the rows */
} es_loader;

/* Room for n_more fields holding bytes more bytes of text, NULs included. */
static int es_fields_reserve(es_fields *f, size_t n_more, size_t bytes)
{
    if (f->cap - f->n < n_more) {
        size_t cap = f->cap ? 2 * f->cap : 32;
        while (cap - f->n < n_more)
            cap *= 2;
        size_t *st = realloc(f->start, cap * sizeof *st);
        if (st == NULL)
            return es_error(ES_ENOMEM);
        f->start = st;
        size_t *ln = realloc(f->len, cap * sizeof *ln);
        if (ln == NULL)
            return es_error(ES_ENOMEM);
        f->len = ln;
        f->cap = cap;
    }
    return es_buf_reserve(&f->text, bytes);
}

/* Append a field, room reserved (es_fields_reserve), NUL included. */
static void es_fields_put(es_fields *f, const char *s, size_t n)
{
    f->start[f->n] = f->text.len;
    f->len[f->n] = n;
    if (n > 0)
        memcpy(f->text.data + f->text.len, s, n);
    f->text.len += n + 1;
    f->text.data[f->text.len - 1] = '\0';
    f->n++;
}

static int es_fields_push(es_fields *f, const char *s, size_t n)
{
    /* One reservation and one copy per field (this runs for every cell of the file
     * that takes the libcsv path). */
    if (es_fields_reserve(f, 1, n + 1) != ES_OK)
        return ES_ENOMEM;
    es_fields_put(f, s, n);
    return ES_OK;
}

static void es_fields_reset(es_fields *f)
{
    es_buf_reset(&f->text);
    f->n = 0;
}

static void es_fields_free(es_fields *f)
{
    free(f->start);
    free(f->len);
    es_buf_free(&f->text);
    memset(f, 0, sizeof *f);
}

static const char *es_field(const es_fields *f, size_t j)
{
    return f->text.data + f->start[j];
}

static int es_note(es_load_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int es_note(es_load_report *rep, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    es_err tmp = {0};
    es_err_vset(&tmp, ES_OK, fmt, ap);
    va_end(ap);
    if (tmp.msg == NULL)
        return es_error(ES_ENOMEM);
    char **notes = es_grow(rep->notes, rep->n_notes, sizeof *notes);
    if (notes == NULL) {
        free(tmp.msg);
        return es_error(ES_ENOMEM);
    }
    rep->notes = notes;
    rep->notes[rep->n_notes++] = tmp.msg;
    return ES_OK;
}

/* The rejection ledger (jsonl.c adds to it too, jsonl.h): one more rejected row for
 * reason, first met at line:column. */
int es_ledger_reject(es_load_report *rep, const char *reason, size_t line, size_t column, const char *raw,
                     size_t n)
{
    rep->rows_rejected++;
    if (raw != NULL && rep->n_rejected < rep->keep_rejects) {
        es_rejected_row *k = es_grow(rep->rejected, rep->n_rejected, sizeof *k);
        if (k == NULL)
            return es_error(ES_ENOMEM);
        rep->rejected = k;
        while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
            n--;
        k += rep->n_rejected;
        k->line = line;
        k->column = column;
        k->reason = es_strdup(reason);
        k->raw = es_strndup(raw, n);
        if (k->reason == NULL || k->raw == NULL) {
            free(k->reason);
            free(k->raw);
            return es_error(ES_ENOMEM);
        }
        rep->n_rejected++;
    }
    for (size_t i = 0; i < rep->n_rejects; i++)
        if (strcmp(rep->rejects[i].reason, reason) == 0) {
            rep->rejects[i].count++;
            return ES_OK;
        }
    es_reject *r = realloc(rep->rejects, (rep->n_rejects + 1) * sizeof *r);
    if (r == NULL)
        return es_error(ES_ENOMEM);
    rep->rejects = r;
    r[rep->n_rejects].reason = es_strdup(reason);
    if (r[rep->n_rejects].reason == NULL)
        return es_error(ES_ENOMEM);
    r[rep->n_rejects].count = 1;
    r[rep->n_rejects].first_line = line;
    r[rep->n_rejects].first_column = column;
    rep->n_rejects++;
    return ES_OK;
}

static int es_rejected_cmp(const void *a, const void *b)
{
    const es_rejected_row *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* The current row as text (its cells joined by the delimiter, quoted where needed) when
 * the report keeps rejected rows. */
static int es_reject_row(es_loader *ld, const char *reason, size_t column)
{
    es_load_report *rep = ld->rep;
    if (rep->n_rejected >= rep->keep_rejects)
        return es_ledger_reject(rep, reason, ld->row_line, column, NULL, 0);
    es_buf raw = {0};
    char delim = rep->delimiter ? rep->delimiter : ',';
    for (size_t j = 0; j < ld->row.n; j++)
        if ((j > 0 && es_buf_putc(&raw, delim) != ES_OK) ||
            es_csv_cell_append(&raw, es_field(&ld->row, j), ld->row.len[j], delim) != ES_OK) {
            es_buf_free(&raw);
            return es_error(ES_ENOMEM);
        }
    int rc = es_ledger_reject(rep, reason, ld->row_line, column, raw.data ? raw.data : "", raw.len);
    es_buf_free(&raw);
    return rc;
}

static void es_pipe_stop(es_loader *ld);

static int es_fail(es_loader *ld, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int es_fail(es_loader *ld, int code, const char *fmt, ...)
{
    /* The reading side's error comes after every row before it is stored: an
     * earlier row's error, met by the storing side, is the load's. */
    if (ld->pipe != NULL)
        es_pipe_stop(ld);
    if (ld->rc != ES_OK)
        return ld->rc;
    va_list ap;
    va_start(ap, fmt);
    es_err_vset(ld->err, code, fmt, ap);
    va_end(ap);
    ld->rc = code;
    return code;
}

/* Resolve a user-given column name: exact header name, then a role name, then the
 * normalised header name.  -1 when absent. */
static int es_resolve_column(const es_table *t, const char *name)
{
    int j = es_table_find(t, name);
    if (j >= 0)
        return j;
    es_role r = es_role_from_name(name);
    if (r != ES_ROLE_NONE && t->role_col[r] >= 0)
        return t->role_col[r];
    char *want = es_header_normalise(name);
    if (want == NULL)
        return -1;
    for (size_t k = 0; k < t->n_cols && j < 0; k++) {
        char *have = es_header_normalise(t->cols[k].name);
        if (have != NULL && strcmp(have, want) == 0)
            j = (int)k;
        free(have);
    }
    free(want);
    return j;
}

static void es_column_list(const es_table *t, es_buf *b)
{
    for (size_t j = 0; j < t->n_cols; j++) {
        if (j)
            es_buf_puts(b, ", ");
        es_buf_puts(b, t->cols[j].name);
    }
}

/* Edit distance between two short strings (case-folded by the caller). */
static size_t es_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

/* The columns whose normalised names are close to name (a small edit distance, or
 * one holding the other), or every column when none is. */
static void es_close_columns(const es_table *t, const char *name, es_buf *b)
{
    char *want = es_header_normalise(name);
    size_t found = 0;
    for (size_t j = 0; want != NULL && want[0] != '\0' && j < t->n_cols; j++) {
        char *have = es_header_normalise(t->cols[j].name);
        if (have == NULL || have[0] == '\0') {
            free(have);
            continue;
        }
        size_t lw = strlen(want), lh = strlen(have);
        size_t limit = (lw > lh ? lw : lh) / 3;
        if (limit < 1)
            limit = 1;
        if (limit > 3)
            limit = 3;
        if (es_edit_distance(want, have) <= limit || (lw >= 3 && strstr(have, want) != NULL) ||
            (lh >= 3 && strstr(want, have) != NULL))
            es_buf_printf(b, "%s%s", found++ ? ", " : "", t->cols[j].name);
        free(have);
    }
    free(want);
    if (found == 0) {
        es_buf_puts(b, "columns: ");
        es_column_list(t, b);
    } else {
        /* Put the label in front. */
        es_buf tmp = {0};
        es_buf_printf(&tmp, "did you mean: %s", b->data);
        es_buf_free(b);
        *b = tmp;
    }
}

/* A count with thousands separators: 11911 -> "11,911". */
static const char *es_count_str(char *buf, size_t cap, size_t v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%zu", v);
    size_t k = 0;
    for (int i = 0; i < n && k + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

/* ------------------------------------------------------------------------ */
/* Header                                                                    */

static int es_take_header(es_loader *ld)
{
    es_fields *f = &ld->row;
    ld->n_cols = f->n;
    ld->header_raw = calloc(f->n, sizeof *ld->header_raw);
    ld->header_len = calloc(f->n ? f->n : 1, sizeof *ld->header_len);
    if (ld->header_raw == NULL || ld->header_len == NULL)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    for (size_t j = 0; j < f->n; j++) {
        const char *s = es_field(f, j);
        size_t n = f->len[j];
        /* Strip a UTF-8 byte-order mark from the first cell. */
        if (j == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        ld->header_raw[j] = es_strndup(s, n);
        ld->header_len[j] = n;
        if (ld->header_raw[j] == NULL)
            return es_fail(ld, ES_ENOMEM, "out of memory");
    }
    ld->t = es_table_alloc();
    if (ld->t == NULL)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    /* The names, trimmed of the blanks and line breaks scraped headers carry; an
     * empty one becomes V<column>. */
    es_buf *names = calloc(ld->n_cols ? ld->n_cols : 1, sizeof *names);
    /* Every name in the header and every one made; per name, whether a column has it
     * and the last suffix tried: linear in the header's size however names repeat. */
    es_dict *taken = es_dict_alloc();
    int rc = names == NULL || taken == NULL ? ES_ENOMEM : ES_OK;
    for (size_t j = 0; j < ld->n_cols && rc == ES_OK; j++) {
        const char *s = ld->header_raw[j];
        size_t n = strlen(s);
        while (!ld->opts->no_header && n > 0 && isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        while (!ld->opts->no_header && n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        if (ld->opts->no_header || n == 0)
            es_buf_printf(&names[j], "V%zu", j + 1);
        else
            es_buf_append(&names[j], s, n);
        uint32_t code;
        if (names[j].data == NULL || es_dict_intern(taken, names[j].data, names[j].len, &code, NULL) != ES_OK)
            rc = ES_ENOMEM;
    }
    size_t cap = 2 * ld->n_cols + 1;
    unsigned char *used = rc == ES_OK ? calloc(cap, 1) : NULL;
    int *suffix = rc == ES_OK ? calloc(cap, sizeof *suffix) : NULL;
    if (used == NULL || suffix == NULL)
        rc = ES_ENOMEM;
    /* Duplicates made unique as R's make.unique does: the first keeps its name, the
     * others get .1, .2, ... skipping every name in the header or already made
     * (make.unique(c("x","x","x.1","x")) is x, x.2, x.1, x.3). */
    es_buf made = {0};
    for (size_t j = 0; j < ld->n_cols && rc == ES_OK; j++) {
        const es_buf *name = &names[j];
        uint32_t c = es_dict_find(taken, name->data, name->len);
        if (used[c]) {
            uint32_t code = ES_DICT_NONE;
            int added = 0;
            for (int k = suffix[c] + 1; !added && rc == ES_OK; k++) {
                es_buf_reset(&made);
                es_buf_printf(&made, "%s.%d", name->data, k);
                suffix[c] = k;
                if (made.data == NULL || (size_t)es_dict_size(taken) + 1 >= cap ||
                    es_dict_intern(taken, made.data, made.len, &code, &added) != ES_OK)
                    rc = ES_ENOMEM;
            }
            if (rc != ES_OK)
                break;
            es_note(ld->rep, "duplicate column name '%s' (column %zu) renamed to '%s'", name->data, j + 1,
                    made.data);
            name = &made;
            c = code;
        }
        used[c] = 1;
        /* The type is provisional; es_decide_types() sets it after sampling. */
        if (es_table_add_column(ld->t, name->data, ES_COL_CATEGORICAL, NULL) != ES_OK)
            rc = ES_ENOMEM;
    }
    es_buf_free(&made);
    for (size_t j = 0; names != NULL && j < ld->n_cols; j++)
        es_buf_free(&names[j]);
    free(names);
    es_dict_free(taken);
    free(used);
    free(suffix);
    if (rc != ES_OK)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    /* Roles: --map first, then the alias table (best-ranked alias wins). */
    for (int r = 1; r < ES_ROLE_COUNT; r++) {
        const char *want = ld->opts->map[r];
        if (want == NULL)
            continue;
        int j = es_resolve_column(ld->t, want);
        if (j < 0 || (ld->t->cols[j].role != ES_ROLE_NONE && es_table_find(ld->t, want) < 0)) {
            es_buf cols = {0};
            es_column_list(ld->t, &cols);
            es_fail(ld, ES_EINVAL, "%s: --map %s=%s: no column named '%s' (columns: %s)", ld->path,
                    es_role_name((es_role)r), want, want, cols.data ? cols.data : "");
            es_buf_free(&cols);
            return ld->rc;
        }
        es_table_set_role(ld->t, (size_t)j, (es_role)r);
    }
    if (!ld->opts->no_header) {
        /* Each column's name is looked up once; per role the best-ranked alias wins
         * (the first such column on a tie). */
        int best[ES_ROLE_COUNT], best_rank[ES_ROLE_COUNT];
        for (int r = 0; r < ES_ROLE_COUNT; r++) {
            best[r] = -1;
            best_rank[r] = 1 << 30;
        }
        for (size_t j = 0; j < ld->n_cols; j++) {
            if (ld->t->cols[j].role != ES_ROLE_NONE)
                continue;
            char *norm = es_header_normalise(ld->t->cols[j].name);
            int rank = 0;
            es_role r = norm != NULL ? es_header_role(norm, &rank) : ES_ROLE_NONE;
            free(norm);
            if (r != ES_ROLE_NONE && rank < best_rank[r]) {
                best[r] = (int)j;
                best_rank[r] = rank;
            }
        }
        for (int r = 1; r < ES_ROLE_COUNT; r++)
            if (best[r] >= 0 && ld->t->role_col[r] < 0 && ld->opts->map[r] == NULL)
                es_table_set_role(ld->t, (size_t)best[r], (es_role)r);
    }
    ld->phase = ES_PHASE_SAMPLE;
    return ES_OK;
}

/* ------------------------------------------------------------------------ */
/* Types                                                                     */

static es_parsekind es_role_parse(es_role r)
{
    if (r == ES_ROLE_DATE)
        return ES_PARSE_TIME;
    if (r == ES_ROLE_SPONSORED)
        return ES_PARSE_FLAG;
    return ES_PARSE_NUMBER;
}

static es_numstatus es_parse_kind(es_parsekind k, const char *s, size_t n, char decimal, double *v)
{
    switch (k) {
    case ES_PARSE_TIME: return es_parse_time(s, n, v);
    case ES_PARSE_FLAG: return es_parse_flag(s, n, v);
    default: return es_parse_number_dec(s, n, decimal, v);
    }
}

static int es_role_numeric(es_role r)
{
    return es_role_is_count(r) || r == ES_ROLE_DATE || r == ES_ROLE_SPONSORED || r == ES_ROLE_ER;
}

/* Distinct non-missing values of column j among the sampled rows. */
static size_t es_sample_distinct(es_loader *ld, size_t j)
{
    es_dict *d = es_dict_alloc();
    if (d == NULL)
        return 0;
    for (size_t r = 0; r < ld->sample.n_rows; r++) {
        if (ld->sample.row[r].n != ld->n_cols)
            continue;
        size_t k = ld->sample.row[r].first + j;
        const char *s = es_field(&ld->sample.f, k);
        uint32_t code;
        if (!es_is_missing_token(s, ld->sample.f.len[k]))
            es_dict_intern(d, s, ld->sample.f.len[k], &code, NULL);
    }
    size_t n = es_dict_size(d);
    es_dict_free(d);
    return n;
}

/* How filters read column j's cells: as its values are stored. */
static es_where_kind es_where_kind_of(const es_loader *ld, size_t j)
{
    if (ld->t->cols[j].type != ES_COL_NUMERIC)
        return ES_WHERE_TEXT;
    return ld->parse[j] == ES_PARSE_TIME ? ES_WHERE_TIME : ld->parse[j] == ES_PARSE_FLAG ? ES_WHERE_FLAG
                                                                                        : ES_WHERE_NUMBER;
}

/* Resolve filter w's column (and its operand, when that names a column) and bind it. */
static int es_bind_where(es_loader *ld, size_t w)
{
    const es_where *wh = &ld->opts->where[w];
    int j = es_resolve_column(ld->t, wh->column);
    if (j < 0) {
        es_buf cols = {0};
        es_close_columns(ld->t, wh->column, &cols);
        es_fail(ld, ES_EINVAL, "%s: --where: no column named '%s' in '%s' (%s)", ld->path, wh->column,
                wh->expr ? wh->expr : wh->column, cols.data ? cols.data : "");
        es_buf_free(&cols);
        return ld->rc;
    }
    ld->where_col[w] = j;
    int j2 = -1;
    if (!wh->value_quoted && !wh->value_is_number && !wh->is_list)
        j2 = es_resolve_column(ld->t, wh->value);
    es_err e = {0};
    if (es_where_bind(&ld->where_t[w], wh, es_where_kind_of(ld, (size_t)j), j2,
                      j2 >= 0 ? es_where_kind_of(ld, (size_t)j2) : ES_WHERE_TEXT, ld->decimal, &e) != ES_OK) {
        es_fail(ld, e.code, "%s: %s", ld->path, e.msg ? e.msg : es_strerror(e.code));
        es_err_clear(&e);
    }
    return ld->rc;
}

static int es_decide_types(es_loader *ld)
{
    es_table *t = ld->t;
    size_t nc = ld->n_cols;
    ld->is_role_numeric = calloc(nc, sizeof *ld->is_role_numeric);
    ld->parse = calloc(nc, sizeof *ld->parse);
    ld->vals = calloc(nc, sizeof *ld->vals);
    if (ld->is_role_numeric == NULL || ld->parse == NULL || ld->vals == NULL)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    for (size_t j = 0; j < nc; j++) {
        es_column *c = &t->cols[j];
        es_parsekind kind = es_role_parse(c->role);
        size_t present = 0, bad = 0;
        for (size_t r = 0; r < ld->sample.n_rows; r++) {
            if (ld->sample.row[r].n != nc)
                continue;
            size_t k = ld->sample.row[r].first + j;
            double v;
            es_numstatus st = es_parse_kind(kind, es_field(&ld->sample.f, k), ld->sample.f.len[k], ld->decimal, &v);
            if (st == ES_NUM_MISSING)
                continue;
            present++;
            if (st == ES_NUM_BAD)
                bad++;
        }
        int numeric;
        if (es_role_numeric(c->role)) {
            numeric = 1;
            /* An alias match whose values are mostly text is not that role (scraped files
             * mislabel columns); a --map is obeyed as given. */
            if (ld->opts->map[c->role] == NULL && present > 0 && 2 * bad > present &&
                c->role != ES_ROLE_FOLLOWERS) {
                es_note(ld->rep, "column '%s' looks like text (%zu of %zu sampled values are not %s); "
                        "not used as %s (use --map %s=COLUMN to force)", c->name, bad, present,
                        kind == ES_PARSE_TIME ? "times" : "numbers", es_role_name(c->role),
                        es_role_name(c->role));
                es_table_set_role(t, j, ES_ROLE_NONE);
                numeric = present > 0 && bad == 0;
            }
        } else if (c->role != ES_ROLE_NONE) {
            numeric = 0; /* niche, platform, account, post */
        } else {
            numeric = present > 0 && bad == 0;
        }
        ld->is_role_numeric[j] = es_role_numeric(c->role);
        ld->parse[j] = es_role_parse(c->role);
        /* Strings: identifiers (post ids, captions: mostly distinct in the sample) are
         * stored as text, without a dictionary; grouping roles are always categorical. */
        es_coltype type = ES_COL_CATEGORICAL;
        if (numeric)
            type = ES_COL_NUMERIC;
        else if (c->role == ES_ROLE_POST)
            type = ES_COL_TEXT;
        else if (c->role == ES_ROLE_NONE && present >= 50 && 2 * es_sample_distinct(ld, j) > present)
            type = ES_COL_TEXT;
        if (es_column_retype(t, j, type) != ES_OK)
            return es_fail(ld, ES_ENOMEM, "out of memory");
    }
    /* Filters and de-duplication resolve against the final names and roles. */
    if (ld->opts->n_where > 0) {
        ld->where_col = malloc(ld->opts->n_where * sizeof *ld->where_col);
        ld->where_t = calloc(ld->opts->n_where, sizeof *ld->where_t);
        ld->rep->where = calloc(ld->opts->n_where, sizeof *ld->rep->where);
        if (ld->where_col == NULL || ld->where_t == NULL || ld->rep->where == NULL)
            return es_fail(ld, ES_ENOMEM, "out of memory");
        ld->rep->n_where = ld->opts->n_where;
    }
    for (size_t w = 0; w < ld->opts->n_where; w++)
        if (es_bind_where(ld, w) != ES_OK)
            return ld->rc;
    ld->dedupe_col = -1;
    if (ld->opts->dedupe != NULL) {
        ld->dedupe_col = es_resolve_column(t, ld->opts->dedupe);
        if (ld->dedupe_col < 0) {
            es_buf cols = {0};
            es_column_list(t, &cols);
            es_fail(ld, ES_EINVAL, "%s: --dedupe: no column named '%s' (columns: %s)", ld->path,
                    ld->opts->dedupe, cols.data ? cols.data : "");
            es_buf_free(&cols);
            return ld->rc;
        }
        ld->dedupe = es_dict_alloc();
        if (ld->dedupe == NULL)
            return es_fail(ld, ES_ENOMEM, "out of memory");
    }
    ld->phase = ES_PHASE_STREAM;
    return ES_OK;
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

static int es_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

static int es_is_separator(const char *s, size_t n)
{
    size_t marks = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=' || s[i] == '-' || s[i] == '_' || s[i] == '*' || s[i] == '#')
            marks++;
        else if (!isspace((unsigned char)s[i]))
            return 0;
    }
    return marks >= 3;
}

/* Test every filter on the current row (each is counted on its own); 1 when all hold. */
static int es_filter_row(es_loader *ld)
{
    es_fields *f = &ld->row;
    int keep = 1;
    for (size_t w = 0; w < ld->opts->n_where; w++) {
        const es_where_test *wt = &ld->where_t[w];
        es_where_stat *st = &ld->rep->where[w];
        size_t j = (size_t)ld->where_col[w];
        const char *s2 = wt->col2 >= 0 ? es_field(f, (size_t)wt->col2) : NULL;
        size_t n2 = wt->col2 >= 0 ? f->len[wt->col2] : 0;
        es_where_outcome o = es_where_test_cells(wt, es_field(f, j), f->len[j], s2, n2);
        st->tested++;
        if (o == ES_WHERE_YES) {
            st->kept++;
            continue;
        }
        if (o == ES_WHERE_MISSING)
            st->missing++;
        else if (o == ES_WHERE_BAD)
            st->bad++;
        else if (wt->kind == ES_WHERE_TEXT && wt->col2 < 0 && wt->w->op == ES_OP_EQ) {
            /* The same text but for case: the hint when the filter keeps no row. */
            const char *s = es_field(f, j);
            size_t n = f->len[j];
            es_trim_blanks(&s, &n);
            if (es_where_near(wt->w, s, n)) {
                if (st->near == NULL && (st->near = es_strndup(s, n)) == NULL)
                    return es_fail(ld, ES_ENOMEM, "out of memory"), 0;
                st->near_count += memcmp(s, st->near, n) == 0; /* the first spelling met */
            }
        }
        if (keep)
            st->removed++;
        keep = 0;
    }
    if (!keep)
        ld->rep->rows_filtered++;
    return keep;
}

/* The table may hold --max-memory-mb: its size is taken when its columns must grow
 * (they grow to the cap, not past it) and after each MiB of strings stored.  Over
 * the cap the load stops at the current row, in bounded memory. */
static int es_check_memory(es_loader *ld)
{
    es_table *t = ld->t;
    /* Each row also costs what a command builds from it (describe: about 70 bytes a
     * row more than the table, measured on 113 million rows): counted, so that the
     * cap bounds the peak, not only the table. */
    size_t row = es_table_row_bytes(t) + ES_ROW_WORK_BYTES;
    size_t used = es_table_bytes(t) + t->n_rows * ES_ROW_WORK_BYTES;
    ld->unchecked = 0;
    size_t room = used < ld->max_bytes ? (ld->max_bytes - used) / (row ? row : 1) : 0;
    size_t want = t->n_rows < t->cap_rows ? 0 : t->cap_rows ? t->cap_rows : 16;
    if (want > room)
        want = room;
    if (used > ld->max_bytes || (t->n_rows == t->cap_rows && want == 0))
        return es_fail(ld, ES_EPARSE, "%s:%zu: the loaded table (%zu rows of %zu columns, and what a command "
                       "builds from them) would exceed --max-memory-mb %zu (set a larger value to load "
                       "the file, or keep fewer rows with --where)", ld->path, ld->row_line, t->n_rows, t->n_cols, ld->max_bytes >> 20);
    if (want > 0 && es_table_reserve(t, t->cap_rows + want) != ES_OK)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    return ES_OK;
}

/* The rows so far to opts->sink (es_load_opts). */
static int es_sink(es_loader *ld)
{
    es_err e = {0};
    int rc = ld->opts->sink(ld->opts->sink_ctx, ld->t, &e);
    if (rc == ES_OK)
        es_table_clear_rows(ld->t);
    else if (rc == ES_SINK_KEEP)
        ld->sink_on = 0;
    else
        es_fail(ld, rc, "%s", e.msg ? e.msg : es_strerror(rc));
    es_err_clear(&e);
    return rc == ES_SINK_KEEP ? ES_OK : rc;
}

static int es_process_row(es_loader *ld)
{
    es_fields *f = &ld->row;
    es_table *t = ld->t;
    es_load_report *rep = ld->rep;
    size_t nc = ld->n_cols;
    char reason[256];
    rep->rows_read++;
    if (f->n + ld->n_over != nc) {
        if (f->n + ld->n_over == 1 && es_is_separator(es_field(f, 0), f->len[0]))
            return es_reject_row(ld, "separator line", 1);
        if (f->n + ld->n_over == 1 && es_is_blank(es_field(f, 0), f->len[0]))
            return es_reject_row(ld, "empty row", 1);
        return es_reject_row(ld, "wrong field count", (f->n < nc ? f->n : nc) + 1);
    }
    int blank = 1, header = !ld->opts->no_header;
    for (size_t j = 0; j < nc; j++) {
        const char *s = es_field(f, j);
        if (blank && !es_is_blank(s, f->len[j]))
            blank = 0;
        if (header && (ld->header_len[j] != f->len[j] || memcmp(ld->header_raw[j], s, f->len[j]) != 0))
            header = 0;
        if (!blank && !header)
            break;
    }
    if (blank)
        return es_reject_row(ld, "empty row", 1);
    if (header)
        return es_reject_row(ld, "repeated header line", 1);
    if (ld->opts->n_where > 0 && !es_filter_row(ld))
        return ES_OK;
    /* Parse numeric columns; role columns must parse. */
    for (size_t j = 0; j < nc; j++) {
        es_column *c = &t->cols[j];
        if (c->type != ES_COL_NUMERIC)
            continue;
        es_numstatus st;
        if (ld->pre_idx != NULL && ld->pre_idx[j] >= 0) {
            st = ld->pre_st[ld->pre_idx[j]];
            ld->vals[j] = ld->pre_val[ld->pre_idx[j]];
        } else {
            st = es_parse_kind(ld->parse[j], es_field(f, j), f->len[j], ld->decimal, &ld->vals[j]);
        }
        if (!ld->is_role_numeric[j])
            continue; /* non-role columns demote to text below */
        const char *role = es_role_name(c->role);
        if (st == ES_NUM_BAD) {
            snprintf(reason, sizeof reason, "unparsable %s in %s",
                     ld->parse[j] == ES_PARSE_TIME ? "date" : ld->parse[j] == ES_PARSE_FLAG ? "flag" : "number",
                     role);
            return es_reject_row(ld, reason, j + 1);
        }
        if (st == ES_NUM_RANGE) {
            snprintf(reason, sizeof reason, "number out of range in %s", role);
            return es_reject_row(ld, reason, j + 1);
        }
        if (c->role == ES_ROLE_FOLLOWERS) {
            if (st == ES_NUM_MISSING)
                return es_reject_row(ld, "followers missing", j + 1);
            if (ld->vals[j] <= 0)
                return es_reject_row(ld, "followers zero or negative", j + 1);
        } else if (es_role_is_count(c->role) && st == ES_NUM_OK && ld->vals[j] < 0) {
            snprintf(reason, sizeof reason, "negative count in %s", role);
            return es_reject_row(ld, reason, j + 1);
        }
    }
    if (ld->dedupe_col >= 0) {
        size_t j = (size_t)ld->dedupe_col;
        const char *s = es_field(f, j);
        size_t n = f->len[j];
        if (!es_is_missing_token(s, n)) {
            uint32_t code;
            int added;
            if (es_dict_intern(ld->dedupe, s, n, &code, &added) != ES_OK)
                return es_fail(ld, ES_ENOMEM, "out of memory");
            if (!added) {
                rep->rows_duplicate++;
                return ES_OK;
            }
        }
    }
    if ((t->n_rows == t->cap_rows || ld->unchecked > ((size_t)1 << 20)) && es_check_memory(ld) != ES_OK)
        return ld->rc;
    if (es_table_add_row(t) != ES_OK)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    size_t row = t->n_rows - 1;
    for (size_t j = 0; j < nc; j++) {
        es_column *c = &t->cols[j];
        const char *s = es_field(f, j);
        size_t n = f->len[j];
        if (c->type == ES_COL_NUMERIC) {
            if (!ld->is_role_numeric[j] && isnan(ld->vals[j]) && !es_is_missing_token(s, n)) {
                /* A value that is not a number: the column holds text after all. */
                if (es_column_to_categorical(t, j) != ES_OK)
                    return es_fail(ld, ES_ENOMEM, "out of memory");
                es_note(rep, "column '%s' became text at line %zu column %zu (a value that is not a number)",
                        c->name, ld->row_line, j + 1);
            } else {
                if (!isnan(ld->vals[j]))
                    es_table_set_num(t, j, row, ld->vals[j]);
                continue;
            }
        }
        if (es_is_missing_token(s, n))
            continue;
        while (n > 0 && isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        while (n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        if (es_table_set_str(t, j, row, s, n) != ES_OK)
            return es_fail(ld, ES_ENOMEM, "out of memory");
        ld->unchecked += n + 1;
    }
    rep->rows_kept++;
    return ld->sink_on && t->n_rows >= ES_SINK_ROWS ? es_sink(ld) : ES_OK;
}

/* Room for one more row in h. */
static int es_held_room(es_loader *ld, es_held *h, size_t n_val)
{
    if (h->n_rows == h->cap_rows) {
        size_t cap = h->cap_rows ? 2 * h->cap_rows : 64;
        struct es_held_row *a = realloc(h->row, cap * sizeof *a);
        if (a == NULL)
            return es_fail(ld, ES_ENOMEM, "out of memory");
        h->row = a;
        if (n_val > 0) {
            double *v = realloc(h->val, cap * n_val * sizeof *v);
            if (v == NULL)
                return es_fail(ld, ES_ENOMEM, "out of memory");
            h->val = v;
            es_numstatus *t = realloc(h->vst, cap * n_val * sizeof *t);
            if (t == NULL)
                return es_fail(ld, ES_ENOMEM, "out of memory");
            h->vst = t;
        }
        h->cap_rows = cap;
    }
    return ES_OK;
}

/* Hold the current row in h (with room for n_val parsed values a row). */
static int es_hold_row(es_loader *ld, es_held *h, size_t n_val)
{
    es_fields *f = &ld->row;
    if (es_held_room(ld, h, n_val) != ES_OK)
        return ld->rc;
    size_t bytes = f->n;
    for (size_t j = 0; j < f->n; j++)
        bytes += f->len[j];
    if (es_fields_reserve(&h->f, f->n, bytes) != ES_OK)
        return es_fail(ld, ES_ENOMEM, "out of memory");
    h->row[h->n_rows++] = (struct es_held_row){h->f.n, f->n, ld->n_over, ld->row_line};
    for (size_t j = 0; j < f->n; j++)
        es_fields_put(&h->f, es_field(f, j), f->len[j]);
    return ES_OK;
}

static void es_held_reset(es_held *h)
{
    es_fields_reset(&h->f);
    h->n_rows = 0;
}

static void es_held_free(es_held *h)
{
    es_fields_free(&h->f);
    free(h->row);
    free(h->val);
    free(h->vst);
    h->row = NULL;
    h->val = NULL;
    h->vst = NULL;
    h->n_rows = h->cap_rows = 0;
}

/* Decide the types from the buffered rows, then push them through es_process_row. */
static int es_flush_sample(es_loader *ld)
{
    if (es_decide_types(ld) != ES_OK)
        return ld->rc;
    size_t saved_line = ld->row_line;
    for (size_t r = 0; r < ld->sample.n_rows && ld->rc == ES_OK; r++) {
        es_fields_reset(&ld->row);
        for (size_t j = 0; j < ld->sample.row[r].n; j++) {
            size_t k = ld->sample.row[r].first + j;
            if (es_fields_push(&ld->row, es_field(&ld->sample.f, k), ld->sample.f.len[k]) != ES_OK)
                return es_fail(ld, ES_ENOMEM, "out of memory");
        }
        ld->row_line = ld->sample.row[r].line;
        ld->n_over = ld->sample.row[r].over;
        es_process_row(ld);
    }
    ld->row_line = saved_line;
    ld->n_over = 0;
    es_fields_reset(&ld->row);
    es_held_free(&ld->sample);
    return ld->rc;
}

/* ------------------------------------------------------------------ the pipe
 * Past the sample, rows are stored (es_process_row: numbers parsed, codes looked up,
 * the table grown) by a thread of their own while this one reads, splits and hands
 * them over in batches of ES_PIPE_ROWS, in order.  The storing thread works on a copy
 * of the loader (st), which only it changes until es_pipe_stop; this thread keeps
 * what splitting needs (line, row, n_over).  The rows, rejections, notes and errors
 * are those of one thread, row by row (ES_CSV_PARSER=libcsv, the reference, stores
 * in this thread; tests/csv-parser-same.sh compares the two). */
#define ES_PIPE_ROWS 4096
#define ES_PIPE_BATCHES 4

typedef struct es_pipe {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    es_held *full, *full_tail; /* handed over, in order */
    es_held *empty;            /* stored, to fill again */
    es_held *cur;              /* being filled */
    size_t n_batches;
    int closing;               /* no more batches will come */
    int failed;                /* the storing side met an error: it stores no more */
    /* The numeric columns, as typed when the pipe started, are parsed on this side
     * (the storing side then takes those of a column that is still numeric). */
    size_t n_num;
    size_t *num_col;           /* n_num column indices */
    int *num_idx;              /* per column: its index in num_col, or -1 */
    es_loader st;
} es_pipe;

static void *es_pipe_run(void *arg)
{
    es_pipe *p = arg;
    es_loader *st = &p->st;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->full == NULL && !p->closing)
            pthread_cond_wait(&p->cv, &p->mu);
        es_held *b = p->full;
        if (b == NULL)
            break;
        if ((p->full = b->next) == NULL)
            p->full_tail = NULL;
        pthread_mutex_unlock(&p->mu);
        for (size_t r = 0; r < b->n_rows && st->rc == ES_OK; r++) {
            const struct es_held_row *h = &b->row[r];
            st->pre_val = p->n_num ? b->val + r * p->n_num : NULL;
            st->pre_st = p->n_num ? b->vst + r * p->n_num : NULL;
            st->row = (es_fields){.text = b->f.text, .start = b->f.start + h->first, .len = b->f.len + h->first,
                                  .n = h->n, .cap = h->n};
            st->row_line = h->line;
            st->n_over = h->over;
            es_process_row(st);
        }
        es_held_reset(b);
        pthread_mutex_lock(&p->mu);
        b->next = p->empty;
        p->empty = b;
        p->failed = st->rc != ES_OK;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Start storing in a thread of its own; without one, rows are stored here. */
static void es_pipe_start(es_loader *ld)
{
    es_pipe *p = calloc(1, sizeof *p);
    if (p == NULL)
        return;
    p->st = *ld;
    p->st.row = (es_fields){0};
    p->st.sample = (es_held){0};
    p->st.pipe = NULL;
    p->st.pipe_ok = 0;
    size_t nc = ld->n_cols;
    p->num_col = malloc((nc ? nc : 1) * sizeof *p->num_col);
    p->num_idx = malloc((nc ? nc : 1) * sizeof *p->num_idx);
    p->cur = calloc(1, sizeof *p->cur);
    if (p->num_col == NULL || p->num_idx == NULL || p->cur == NULL)
        goto fail;
    for (size_t j = 0; j < nc; j++) {
        p->num_idx[j] = ld->t->cols[j].type == ES_COL_NUMERIC ? (int)p->n_num : -1;
        if (p->num_idx[j] >= 0)
            p->num_col[p->n_num++] = j;
    }
    p->st.pre_idx = p->num_idx;
    p->n_batches = 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (pthread_create(&p->th, NULL, es_pipe_run, p) != 0) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
        goto fail;
    }
    ld->pipe = p;
    return;
fail:
    free(p->cur);
    free(p->num_col);
    free(p->num_idx);
    free(p);
}

static void es_pipe_free_list(es_held *b)
{
    while (b != NULL) {
        es_held *next = b->next;
        es_held_free(b);
        free(b);
        b = next;
    }
}

/* The batch being filled, when it holds rows, to the storing side (the lock held). */
static void es_pipe_queue(es_pipe *p)
{
    if (p->cur == NULL || p->cur->n_rows == 0)
        return;
    p->cur->next = NULL;
    if (p->full_tail)
        p->full_tail->next = p->cur;
    else
        p->full = p->cur;
    p->full_tail = p->cur;
    p->cur = NULL;
    pthread_cond_broadcast(&p->cv);
}

/* Hand the batch being filled over and take an empty one (waiting for one when
 * ES_PIPE_BATCHES are out).  ES_OK, or the storing side's error (the pipe stopped). */
static int es_pipe_hand(es_loader *ld)
{
    es_pipe *p = ld->pipe;
    pthread_mutex_lock(&p->mu);
    es_pipe_queue(p);
    while (p->cur == NULL && !p->failed) {
        if (p->empty != NULL) {
            p->cur = p->empty;
            p->empty = p->cur->next;
        } else if (p->n_batches < ES_PIPE_BATCHES) {
            if ((p->cur = calloc(1, sizeof *p->cur)) == NULL)
                break;
            p->n_batches++;
        } else {
            pthread_cond_wait(&p->cv, &p->mu);
        }
    }
    int failed = p->failed || p->cur == NULL;
    pthread_mutex_unlock(&p->mu);
    if (failed) {
        es_pipe_stop(ld);
        if (ld->rc == ES_OK)
            es_fail(ld, ES_ENOMEM, "out of memory");
        return ld->rc;
    }
    return ES_OK;
}

/* The current row (past the sample) to the storing side: ld->row copied, or, when
 * es_split_line put its fields in the batch itself, those from the batch's field
 * `first` on.  While the pipe runs it has a batch being filled. */
static void es_pipe_row(es_loader *ld, int in_batch, size_t first)
{
    es_pipe *p = ld->pipe;
    es_held *b = p->cur;
    if (in_batch) {
        if (es_held_room(ld, b, p->n_num) != ES_OK)
            return;
        b->row[b->n_rows++] = (struct es_held_row){first, b->f.n - first, ld->n_over, ld->row_line};
    } else if (es_hold_row(ld, b, p->n_num) != ES_OK) {
        return;
    }
    /* The numbers of a row with the header's field count (any other is rejected for
     * it before any is parsed). */
    const struct es_held_row *h = &b->row[b->n_rows - 1];
    if (p->n_num > 0 && h->n == ld->n_cols && h->over == 0) {
        double *v = b->val + (b->n_rows - 1) * p->n_num;
        es_numstatus *vs = b->vst + (b->n_rows - 1) * p->n_num;
        for (size_t i = 0; i < p->n_num; i++) {
            size_t j = p->num_col[i], k = h->first + j;
            vs[i] = es_parse_kind(ld->parse[j], es_field(&b->f, k), b->f.len[k], ld->decimal, &v[i]);
        }
    }
    if (b->n_rows >= ES_PIPE_ROWS || b->f.text.len >= ES_CHUNK)
        es_pipe_hand(ld);
}

/* Hand over what is left, wait until every row is stored and take back what the
 * storing side changed: its error, if any, is the load's. */
static void es_pipe_stop(es_loader *ld)
{
    es_pipe *p = ld->pipe;
    ld->pipe = NULL;
    pthread_mutex_lock(&p->mu);
    es_pipe_queue(p);
    p->closing = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->th, NULL);
    if (ld->rc == ES_OK)
        ld->rc = p->st.rc;
    ld->unchecked = p->st.unchecked;
    ld->sink_on = p->st.sink_on;
    if (p->cur != NULL) {
        p->cur->next = NULL;
        es_pipe_free_list(p->cur);
    }
    es_pipe_free_list(p->full);
    es_pipe_free_list(p->empty);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->num_col);
    free(p->num_idx);
    free(p);
}

static void es_cb_field(void *s, size_t len, void *data)
{
    es_loader *ld = data;
    if (ld->rc != ES_OK)
        return;
    /* In bounded memory: a header's fields past --max-columns, a row's past one more
     * than the header's (it is rejected for its field count) are only counted. */
    if (ld->phase == ES_PHASE_HEADER ? ld->row.n >= ld->max_cols : ld->row.n > ld->n_cols) {
        ld->n_over++;
        return;
    }
    if (es_fields_push(&ld->row, s, len) != ES_OK)
        es_fail(ld, ES_ENOMEM, "out of memory");
}

/* What every row's end resets (es_cb_row; es_split_line for a row it put in a batch). */
static void es_row_done(es_loader *ld)
{
    ld->n_over = 0;
    ld->at_row_start = 1;
    ld->row_bytes = 0;
}

static void es_cb_row(int c, void *data)
{
    (void)c;
    es_loader *ld = data;
    if (ld->rc == ES_OK) {
        switch (ld->phase) {
        case ES_PHASE_HEADER:
            if (ld->n_over > 0) {
                es_fail(ld, ES_EPARSE, "%s:%zu: %zu columns, more than --max-columns %zu (set a larger value "
                        "to load the file)", ld->path, ld->row_line, ld->row.n + ld->n_over, ld->max_cols);
                break;
            }
            /* Without a header the first row sizes the columns (V1..Vn) and is data. */
            es_take_header(ld);
            if (ld->rc == ES_OK && ld->opts->no_header)
                es_hold_row(ld, &ld->sample, 0);
            break;
        case ES_PHASE_SAMPLE:
            es_hold_row(ld, &ld->sample, 0);
            if (ld->rc == ES_OK && ld->sample.n_rows >= ES_SAMPLE_ROWS && es_flush_sample(ld) == ES_OK &&
                ld->pipe_ok)
                es_pipe_start(ld);
            break;
        case ES_PHASE_STREAM:
            if (ld->pipe != NULL)
                es_pipe_row(ld, 0, 0);
            else
                es_process_row(ld);
            break;
        }
    }
    es_fields_reset(&ld->row);
    es_row_done(ld);
}

/* libcsv's default space test (no csv_set_space_func): a space or tab is trimmed
 * around an unquoted field, unless it is the delimiter. */
static int es_csv_blank(unsigned char c, unsigned char delim)
{
    return (c == ' ' || c == '\t') && c != delim;
}

/* The fast path for a whole line: s[0..n) is a line without its "\n" or "\r\n",
 * holds no other CR, and starts a row with libcsv idle (ROW_NOT_BEGUN).  csv_parse, a
 * callback per field and es_fields_push's reservation per field cost a third of a
 * load; here the line is split as csv_parse splits it, in one reservation: the
 * blanks around an unquoted field trimmed (a quote inside one is a character like
 * any other), a field whose first non-blank is a quote taken verbatim up to the next
 * quote when only blanks follow that before the delimiter or the line's end, a line
 * of blanks no row at all (libcsv reports no row that never began a field).  The
 * fields are kept or counted in n_over by es_cb_field's rule and es_cb_row ends the
 * row; libcsv is left as it would be after the line: idle.  Any other quote (a
 * doubled one, text after a closing quote, a quoted field that goes on past the
 * line) returns 0 with nothing done, and the caller gives the line to libcsv.
 * ES_CSV_PARSER=libcsv sends every line to libcsv instead, to compare the two. */
static int es_split_line(es_loader *ld, const unsigned char *s, size_t n, unsigned char delim)
{
    size_t i = 0;
    while (i < n && es_csv_blank(s[i], delim))
        i++;
    if (i == n)
        return 1;
    /* es_cb_field keeps a header's first --max-columns fields, a row's first one
     * more than the header's; the row is empty here.  At most one field a byte, and
     * the line is whole within a chunk: the reservation is at most 1 MiB or so. */
    /* Past the sample, with the pipe running, straight into its batch. */
    es_fields *f = ld->pipe != NULL ? &ld->pipe->cur->f : &ld->row;
    size_t first = f->n, text0 = f->text.len;
    size_t keep = ld->phase == ES_PHASE_HEADER ? ld->max_cols : ld->n_cols + 1;
    if (keep > n - i + 1)
        keep = n - i + 1;
    if (es_fields_reserve(f, keep, n - i + keep) != ES_OK) {
        es_fail(ld, ES_ENOMEM, "out of memory");
        return 1;
    }
    for (;;) {
        size_t a = i, b;
        const unsigned char *d;
        if (i < n && s[i] == '"') {
            const unsigned char *q = memchr(s + i + 1, '"', n - i - 1);
            if (q == NULL)
                break;
            a = i + 1;
            b = (size_t)(q - s);
            i = b + 1;
            while (i < n && es_csv_blank(s[i], delim))
                i++;
            if (i < n && s[i] != delim)
                break;
            d = i < n ? s + i : NULL;
        } else {
            d = memchr(s + i, delim, n - i);
            i = d != NULL ? (size_t)(d - s) : n;
            b = i;
            while (b > a && es_csv_blank(s[b - 1], delim))
                b--;
        }
        if (f->n - first < keep)
            es_fields_put(f, (const char *)s + a, b - a);
        else
            ld->n_over++;
        if (d == NULL) {
            if (f == &ld->row) {
                es_cb_row('\n', ld);
            } else { /* the pipe runs, so no error is set */
                es_pipe_row(ld, 1, first);
                es_row_done(ld);
            }
            return 1;
        }
        i++;
        while (i < n && es_csv_blank(s[i], delim))
            i++;
    }
    f->n = first; /* a quote this path does not read: libcsv's line */
    f->text.len = text0;
    ld->n_over = 0;
    return 0;
}

/* The end of a JSON Lines row (jsonl.c), with the line it came from. */
static void es_cb_jrow(size_t line, void *data)
{
    ((es_loader *)data)->row_line = line;
    es_cb_row(0, data);
}

/* ------------------------------------------------------------------------ */
/* Input                                                                     */

typedef struct {
    int fd;
    int gzip;
    int eof;
    z_stream z;
    int z_ready;
    unsigned char *raw;
    size_t raw_len;
    struct sha256_ctx sha;
    int hash_elsewhere;     /* an es_hasher thread hashes the file: sha unused */
    int at_end;             /* a raw read returned 0: every byte was read */
    unsigned long long bytes;
} es_reader;

/* The SHA-256 of a regular file, taken by a thread of its own reading the file
 * through its own descriptor while the loader parses (about a tenth of a load on one
 * core).  The loader then checks that both read the same number of bytes. */
typedef struct {
    int fd;
    pthread_t th;
    int started;
    atomic_int stop;        /* the load failed: the hash is not needed */
    int failed;             /* out of memory or a read error */
    unsigned long long bytes;
    struct sha256_ctx sha;
} es_hasher;

static void *es_hasher_run(void *arg)
{
    es_hasher *h = arg;
    unsigned char *b = malloc(ES_CHUNK);
    h->failed = b == NULL;
    while (b != NULL && !atomic_load(&h->stop)) {
        ssize_t n = read(h->fd, b, ES_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            h->failed = n < 0;
            break;
        }
        sha256_update(&h->sha, (size_t)n, b);
        h->bytes += (unsigned long long)n;
    }
    free(b);
    return NULL;
}

/* After a read of n raw bytes at p: hashed (unless es_hasher does) and counted. */
static void es_reader_count(es_reader *r, ssize_t n, const unsigned char *p)
{
    if (n > 0) {
        if (!r->hash_elsewhere)
            sha256_update(&r->sha, (size_t)n, p);
        r->bytes += (unsigned long long)n;
    }
    r->at_end |= n == 0;
}

/* Read raw bytes to r->raw + at. */
static ssize_t es_read_raw(es_reader *r, size_t at)
{
    ssize_t n;
    do {
        n = read(r->fd, r->raw + at, ES_CHUNK - at);
    } while (n < 0 && errno == EINTR);
    es_reader_count(r, n, r->raw + at);
    return n;
}

/* Fill out with up to cap decompressed bytes; 0 at the end; -1 on error (*zerr set
 * for corrupt gzip data). */
static ssize_t es_reader_read(es_reader *r, unsigned char *out, size_t cap, int *zerr)
{
    *zerr = 0;
    if (!r->gzip) {
        if (r->raw_len > 0) { /* bytes read while sniffing the magic */
            size_t n = r->raw_len < cap ? r->raw_len : cap;
            memcpy(out, r->raw, n);
            memmove(r->raw, r->raw + n, r->raw_len - n);
            r->raw_len -= n;
            return (ssize_t)n;
        }
        ssize_t n;
        do {
            n = read(r->fd, out, cap);
        } while (n < 0 && errno == EINTR);
        es_reader_count(r, n, out);
        return n;
    }
    r->z.next_out = out;
    r->z.avail_out = (uInt)cap;
    while (r->z.avail_out == cap) {
        if (r->z.avail_in == 0) {
            if (r->eof)
                return 0;
            ssize_t n = es_read_raw(r, 0);
            if (n < 0)
                return -1;
            if (n == 0) {
                r->eof = 1;
                *zerr = 1; /* truncated stream */
                return -1;
            }
            r->z.next_in = r->raw;
            r->z.avail_in = (uInt)n;
        }
        int zr = inflate(&r->z, Z_NO_FLUSH);
        if (zr == Z_STREAM_END) {
            /* Concatenated gzip members are allowed, as gzip -d allows them. */
            if (r->z.avail_in == 0) {
                ssize_t n = es_read_raw(r, 0);
                if (n <= 0) {
                    r->eof = 1;
                    break;
                }
                r->z.next_in = r->raw;
                r->z.avail_in = (uInt)n;
            }
            inflateReset(&r->z);
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            *zerr = 1;
            return -1;
        }
    }
    return (ssize_t)(cap - r->z.avail_out);
}

static void es_progress(es_loader *ld, unsigned long long done, unsigned long long total, double t0, int final)
{
    FILE *s = ld->opts->progress_stream ? ld->opts->progress_stream : stderr;
    if (final) {
        fputs("\r\033[K", s);
        fflush(s);
        return;
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double el = ts.tv_sec + ts.tv_nsec * 1e-9 - t0;
    double rate = el > 0 ? done / el / 1e6 : 0;
    int width = 30, fill = total > 0 ? (int)(width * (double)done / (double)total) : 0;
    if (fill > width)
        fill = width;
    fputs("\rloading [", s);
    for (int i = 0; i < width; i++)
        fputc(i < fill ? '#' : ' ', s);
    if (total > 0)
        fprintf(s, "] %5.1f%% %.0f/%.0f MB %.0f MB/s", 100.0 * (double)done / (double)total, done / 1e6,
                total / 1e6, rate);
    else
        fprintf(s, "] %.0f MB %.0f MB/s", done / 1e6, rate);
    fflush(s);
}

/* After the last row: a note for each filter that keeps every row or none, or leaves
 * rows out for a missing or unreadable cell; ES_EEMPTY when the filters kept no row. */
static int es_where_summary(es_loader *ld)
{
    es_load_report *rep = ld->rep;
    char a[32], b[32];
    for (size_t w = 0; w < rep->n_where && ld->rc == ES_OK; w++) {
        const es_where *wh = &ld->opts->where[w];
        const es_where_stat *st = &rep->where[w];
        const char *col = ld->t->cols[ld->where_col[w]].name;
        if (st->tested == 0)
            continue;
        int rc = ES_OK;
        if (st->kept == st->tested)
            rc = es_note(rep, "--where '%s' keeps every row (%s)", wh->expr, es_count_str(a, sizeof a, st->tested));
        else if (st->kept == 0 && st->near_count > 0)
            rc = es_note(rep, "--where '%s' keeps no row (of %s): no row has %s %s%s%s; '%s' appears %s time%s "
                         "(text compares exactly, case included; ~= ignores case)",
                         wh->expr, es_count_str(a, sizeof a, st->tested), col, wh->is_list ? "in " : "= '",
                         wh->value, wh->is_list ? "" : "'", st->near,
                         es_count_str(b, sizeof b, st->near_count), st->near_count == 1 ? "" : "s");
        else if (st->kept == 0)
            rc = es_note(rep, "--where '%s' keeps no row (of %s)", wh->expr, es_count_str(a, sizeof a, st->tested));
        const char *col2 = ld->where_t[w].col2 >= 0 ? ld->t->cols[ld->where_t[w].col2].name : NULL;
        if (rc == ES_OK && st->missing > 0)
            rc = es_note(rep, "%s %s no %s%s%s (not kept by --where '%s')", es_count_str(a, sizeof a, st->missing),
                         st->missing == 1 ? "row has" : "rows have", col, col2 ? " or no " : "", col2 ? col2 : "",
                         wh->expr);
        if (rc == ES_OK && st->bad > 0)
            rc = es_note(rep, "%s %s a %s%s%s that is not %s (not kept by --where '%s')",
                         es_count_str(a, sizeof a, st->bad), st->bad == 1 ? "row has" : "rows have", col, col2 ? " or " : "", col2 ? col2 : "",
                         ld->where_t[w].kind == ES_WHERE_TIME ? "a date"
                         : ld->where_t[w].kind == ES_WHERE_FLAG ? "a flag" : "a number",
                         wh->expr);
        if (rc != ES_OK)
            return es_fail(ld, ES_ENOMEM, "out of memory");
    }
    if (ld->rc != ES_OK || rep->rows_kept > 0 || rep->rows_filtered == 0)
        return ld->rc;
    es_buf m = {0};
    es_buf_printf(&m, "%s: --where left no row (%s rows read", ld->path, es_count_str(a, sizeof a, rep->rows_read));
    if (rep->rows_rejected > 0)
        es_buf_printf(&m, ", %s rejected", es_count_str(a, sizeof a, rep->rows_rejected));
    es_buf_puts(&m, "):");
    for (size_t w = 0; w < rep->n_where; w++) {
        const es_where_stat *st = &rep->where[w];
        es_buf_printf(&m, "%s '%s' removed %s", w ? ";" : "", ld->opts->where[w].expr,
                      es_count_str(a, sizeof a, st->removed));
        if (st->kept == 0 && st->near_count > 0)
            es_buf_printf(&m, " (it keeps no row: no row has %s %s%s%s; '%s' appears %s time%s)",
                          ld->t->cols[ld->where_col[w]].name, ld->opts->where[w].is_list ? "in " : "= '",
                          ld->opts->where[w].value, ld->opts->where[w].is_list ? "" : "'", st->near,
                          es_count_str(b, sizeof b, st->near_count), st->near_count == 1 ? "" : "s");
        else if (st->kept == 0)
            es_buf_puts(&m, " (it keeps no row)");
    }
    es_fail(ld, ES_EEMPTY, "%s", m.data ? m.data : "--where left no row");
    es_buf_free(&m);
    return ld->rc;
}

long es_load_default_memory_mb(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    long half = pages > 0 && size > 0 ? (long)((double)pages * (double)size / 2 / (1 << 20)) : 0;
    return half > ES_MAX_MEMORY_MB ? half : ES_MAX_MEMORY_MB;
}

void es_load_opts_init(es_load_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}

static char es_detect_delimiter(const unsigned char *p, size_t n)
{
    size_t count[3] = {0, 0, 0};
    int inq = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '"')
            inq = !inq;
        else if (!inq && (c == '\n' || c == '\r'))
            break;
        else if (!inq && c == ',')
            count[0]++;
        else if (!inq && c == '\t')
            count[1]++;
        else if (!inq && c == ';')
            count[2]++;
    }
    if (count[1] > count[0] && count[1] >= count[2])
        return '\t';
    if (count[2] > count[0] && count[2] > count[1])
        return ';';
    return ',';
}

static void es_loader_free(es_loader *ld)
{
    es_fields_free(&ld->row);
    if (ld->header_raw)
        for (size_t j = 0; j < ld->n_cols; j++)
            free(ld->header_raw[j]);
    free(ld->header_raw);
    free(ld->header_len);
    es_held_free(&ld->sample);
    free(ld->is_role_numeric);
    free(ld->parse);
    free(ld->where_col);
    free(ld->where_t);
    es_dict_free(ld->dedupe);
    free(ld->vals);
}

int es_load_csv(const char *path, const es_load_opts *opts, es_table **out, es_load_report *rep,
                es_err *err)
{
    *out = NULL;
    memset(rep, 0, sizeof *rep);
    rep->keep_rejects = opts->keep_rejects;
    rep->path = es_strdup(path);
    if (rep->path == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_loader ld = {0};
    ld.path = path;
    ld.opts = opts;
    ld.sink_on = opts->sink != NULL;
    ld.rep = rep;
    ld.err = err;
    ld.at_row_start = 1;
    ld.max_cols = (size_t)(opts->max_columns > 0 ? opts->max_columns : ES_MAX_COLUMNS);
    ld.max_bytes = (size_t)(opts->max_memory_mb > 0 ? opts->max_memory_mb : es_load_default_memory_mb()) << 20;

    es_reader rd = {0};
    if (path[0] == '\0')
        return es_err_set(err, ES_EIO, "an empty input file name ('-' reads standard input)");
    int is_stdin = strcmp(path, "-") == 0;
    rd.fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (rd.fd < 0)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
    struct stat st;
    unsigned long long total = 0;
    if (fstat(rd.fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!is_stdin)
                close(rd.fd);
            return es_err_set(err, ES_EIO, "%s: is a directory", path);
        }
        if (S_ISREG(st.st_mode))
            total = (unsigned long long)st.st_size;
    }
    sha256_init(&rd.sha);
    es_hasher hs = {.fd = -1};
    if (!is_stdin && total > 0 && (hs.fd = open(path, O_RDONLY)) >= 0) {
        sha256_init(&hs.sha);
        atomic_init(&hs.stop, 0);
        hs.started = pthread_create(&hs.th, NULL, es_hasher_run, &hs) == 0;
        rd.hash_elsewhere = hs.started;
    }
    rd.raw = malloc(ES_CHUNK);
    unsigned char *buf = malloc(ES_CHUNK);
    struct csv_parser p;
    int csv_ready = 0;
    es_jsonl *jp = NULL; /* JSON Lines input: rows from jsonl.c instead of libcsv */
    es_load_opts jopts;  /* its options: the keys are the header */
    double t0 = 0;
    if (opts->progress) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        t0 = ts.tv_sec + ts.tv_nsec * 1e-9;
    }
    int progress_drawn = 0;
    unsigned long long next_progress = 8u << 20;

    if (rd.raw == NULL || buf == NULL) {
        es_fail(&ld, ES_ENOMEM, "out of memory");
        goto done;
    }
    /* Sniff the gzip magic from the first two raw bytes, however a pipe delivers them. */
    {
        ssize_t n = es_read_raw(&rd, 0);
        while (n == 1) {
            ssize_t m = es_read_raw(&rd, 1);
            if (m < 0)
                n = -1;
            else if (m == 0)
                break;
            else
                n += m;
        }
        if (n < 0) {
            es_fail(&ld, ES_EIO, "%s: %s", path, strerror(errno));
            goto done;
        }
        rd.raw_len = (size_t)n;
        if (n >= 2 && rd.raw[0] == 0x1f && rd.raw[1] == 0x8b) {
            rd.gzip = rep->gzip = 1;
            if (inflateInit2(&rd.z, 15 + 16) != Z_OK) {
                es_fail(&ld, ES_ENOMEM, "out of memory");
                goto done;
            }
            rd.z_ready = 1;
            rd.z.next_in = rd.raw;
            rd.z.avail_in = (uInt)n;
            rd.raw_len = 0;
        } else if (n == 0) {
            rd.eof = 1;
        }
    }
    int first = 1, at_eof = 0, deferred = 0, deferred_zerr = 0;
    unsigned long long text_bytes = 0; /* after gunzip, a byte-order mark left out */
    int cr_lines = 0;   /* the first line ends in a lone CR (classic Mac): so do all */
    int pending_cr = 0; /* cr_lines: the last chunk ended in a CR (an LF may follow) */
    size_t max_row = (size_t)(opts->max_row_mb > 0 ? opts->max_row_mb : ES_MAX_ROW_MB) << 20;
    /* Whole lines skip libcsv (es_split_line) unless ES_CSV_PARSER=libcsv. */
    const char *parser = getenv("ES_CSV_PARSER");
    int fast = parser == NULL || strcmp(parser, "libcsv") != 0;
    ld.pipe_ok = fast; /* and not JSON Lines (below) */
    ld.line = 1;
    for (;;) {
        int zerr = deferred_zerr;
        ssize_t n = deferred ? -1 : at_eof ? 0 : es_reader_read(&rd, buf, ES_CHUNK, &zerr);
        /* A pipe may deliver the first bytes a few at a time: the delimiter and JSON
         * Lines detection see a whole first chunk, or the whole input when it is
         * shorter; an error met while filling it comes after its rows. */
        while (first && n > 0 && (size_t)n < ES_CHUNK) {
            int z;
            ssize_t m = es_reader_read(&rd, buf + n, ES_CHUNK - (size_t)n, &z);
            if (m <= 0) {
                at_eof = m == 0;
                deferred = m < 0;
                deferred_zerr = z;
                break;
            }
            n += m;
        }
        if (n < 0) {
            if (zerr)
                es_fail(&ld, ES_EPARSE, "%s:%zu:1: corrupt or truncated gzip data", path, ld.line);
            else
                es_fail(&ld, ES_EIO, "%s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        size_t len = (size_t)n, pos = 0;
        if (first) {
            first = 0;
            if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                pos = 3;
            text_bytes -= pos;
            if (es_jsonl_detect(path, buf + pos, len - pos)) {
                rep->delimiter = 0;
                ld.decimal = rep->decimal = opts->decimal ? opts->decimal : '.'; /* of text cells */
                jopts = *opts;
                jopts.no_header = 0;
                ld.opts = &jopts;
                ld.pipe_ok = 0;
                if ((jp = es_jsonl_new(path, rep, es_cb_field, es_cb_jrow, &ld)) == NULL) {
                    es_fail(&ld, ES_ENOMEM, "out of memory");
                    break;
                }
            } else {
                rep->delimiter = opts->delimiter ? opts->delimiter : es_detect_delimiter(buf + pos, len - pos);
                /* Semicolon-separated files write decimal commas (R's read.csv2 convention). */
                ld.decimal = opts->decimal ? opts->decimal : rep->delimiter == ';' ? ',' : '.';
                rep->decimal = ld.decimal;
                if (csv_init(&p, 0) != 0) {
                    es_fail(&ld, ES_ENOMEM, "out of memory");
                    break;
                }
                csv_ready = 1;
                csv_set_delim(&p, (unsigned char)rep->delimiter);
                const unsigned char *lf = memchr(buf + pos, '\n', len - pos);
                const unsigned char *cr = memchr(buf + pos, '\r', len - pos);
                cr_lines = cr != NULL && (lf == NULL || cr + 1 < lf);
                /* libcsv grows a field's buffer by this much at a time: 1 MiB, not its
                 * 128 bytes, so a long field costs few reallocs (each one a copy under
                 * ASan and valgrind: quadratic for a 64 MiB field). */
                csv_set_blk_size(&p, (size_t)1 << 20);
            }
        }
        text_bytes += len;
        const unsigned char *nul = memchr(buf + pos, 0, len - pos);
        /* The fast path needs lines without CRs but one before the LF: where the next
         * is (len: none), looked up again once the lines pass it.  Not with lone-CR
         * line ends, nor with a delimiter libcsv would read as a quote or a line end. */
        unsigned char delim = (unsigned char)rep->delimiter;
        int plain = fast && jp == NULL && !cr_lines && delim != '"' && delim != '\r' && delim != '\n';
        size_t cr_at = 0;
        if (plain) {
            const unsigned char *r = memchr(buf + pos, '\r', len - pos);
            cr_at = r ? (size_t)(r - buf) : len;
        }
        while (pos < len && ld.rc == ES_OK) {
            const unsigned char *nl = memchr(buf + pos, '\n', len - pos);
            int lf_of_crlf = 0; /* an LF right after a CR that ended the last chunk */
            if (cr_lines) {
                /* Lines end in a lone CR too (so rows get their line numbers); an LF
                 * after a CR counts once. */
                if (pending_cr && buf[pos] == '\n')
                    lf_of_crlf = 1;
                pending_cr = 0;
                const unsigned char *cr = lf_of_crlf ? NULL : memchr(buf + pos, '\r', (nl ? (size_t)(nl - buf) : len) - pos);
                if (cr != NULL && cr + 1 < buf + len && cr[1] != '\n')
                    nl = cr;
                else if (cr != NULL && cr + 1 == buf + len)
                    nl = cr, pending_cr = 1;
            }
            size_t end = nl ? (size_t)(nl - buf) + 1 : len;
            if (nul != NULL && nul < buf + end) {
                size_t col = 1;
                for (const unsigned char *q = nul; q > buf + pos && q[-1] != '\n'; q--)
                    col++;
                es_fail(&ld, ES_EPARSE, "%s:%zu:%zu: not a text file (NUL byte)", path, ld.line, col);
                break;
            }
            /* A row (a field or a line without its end: a gzip bomb) is held whole
             * until it ends: past the cap the file stops, in bounded memory. */
            ld.row_bytes += end - pos;
            if (ld.row_bytes > max_row) {
                es_fail(&ld, ES_EPARSE, "%s:%zu: a row longer than %ld MiB (a field or line without its end?); "
                        "--max-row-mb raises the cap", path, ld.row_line, (long)(max_row >> 20));
                break;
            }
            /* A whole line at a row start with libcsv idle and no CR but one before its
             * LF. */
            int fast_line = plain && nl != NULL && ld.at_row_start && p.pstate == 0;
            if (fast_line) {
                if (cr_at < pos) {
                    const unsigned char *r = memchr(buf + pos, '\r', len - pos);
                    cr_at = r ? (size_t)(r - buf) : len;
                }
                fast_line = cr_at + 2 >= end;
            }
            if (ld.at_row_start && !(end - pos == 1 || (end - pos == 2 && buf[pos] == '\r'))) {
                ld.row_line = ld.line;
                ld.at_row_start = 0;
            }
            if (fast_line && es_split_line(&ld, buf + pos, end - pos - 1 - (cr_at + 2 == end), delim)) {
                /* split */
            } else if (jp != NULL) {
                int jrc = es_jsonl_feed(jp, buf + pos, end - pos, ld.line, nl != NULL, err);
                if (jrc != ES_OK && ld.rc == ES_OK)
                    ld.rc = jrc;
                /* A JSON Lines row is one line, although its rows are held (es_cb_row
                 * comes later): the row cap counts from each line's start. */
                if (nl != NULL) {
                    ld.row_bytes = 0;
                    ld.at_row_start = 1;
                }
            } else if (csv_parse(&p, buf + pos, end - pos, es_cb_field, es_cb_row, &ld) != end - pos &&
                ld.rc == ES_OK)
                es_fail(&ld, ES_ENOMEM, "%s:%zu: %s", path, ld.line, csv_strerror(csv_error(&p)));
            if (nl && !lf_of_crlf) {
                ld.line++;
                rep->lines++;
            }
            pos = end;
        }
        if (ld.rc != ES_OK)
            break;
        if (opts->progress && rd.bytes >= next_progress) {
            next_progress = rd.bytes + (8u << 20);
            es_progress(&ld, rd.bytes, total, t0, 0);
            progress_drawn = 1;
        }
    }
    if (ld.rc == ES_OK && jp != NULL) {
        int jrc = es_jsonl_finish(jp, err);
        if (jrc != ES_OK && ld.rc == ES_OK)
            ld.rc = jrc;
    }
    if (ld.rc == ES_OK && csv_ready) {
        /* libcsv reports an open quote at the end only in strict mode, which would
         * also refuse the stray quotes scraped files carry (5'10"), so look at the
         * parser state: FIELD_BEGUN (2) inside a quoted field. */
        if (p.pstate == 2 && p.quoted)
            es_fail(&ld, ES_EPARSE, "%s:%zu:%zu: unterminated quoted field at end of file", path,
                    ld.row_line, ld.row.n + 1);
        else if (csv_fini(&p, es_cb_field, es_cb_row, &ld) != 0 && ld.rc == ES_OK)
            es_fail(&ld, ES_EPARSE, "%s:%zu: %s", path, ld.line, csv_strerror(csv_error(&p)));
    }
    if (ld.pipe != NULL)
        es_pipe_stop(&ld);
    ld.pipe_ok = 0;
    if (ld.rc == ES_OK && ld.t == NULL)
        es_fail(&ld, ES_EPARSE, "%s:1:1: no header line (%s)", path,
                text_bytes == 0 ? "the file is empty" : jp != NULL ? "no object has a key"
                                                                   : "the file holds only blank lines");
    if (ld.rc == ES_OK && ld.phase == ES_PHASE_SAMPLE)
        es_flush_sample(&ld);
    if (ld.rc == ES_OK && ld.sink_on)
        es_sink(&ld);
    if (ld.rc == ES_OK && opts->n_where > 0 && ld.where_t != NULL)
        es_where_summary(&ld);
done:
    if (progress_drawn)
        es_progress(&ld, rd.bytes, total, t0, 1);
    if (csv_ready)
        csv_free(&p);
    es_jsonl_free(jp);
    if (rd.z_ready)
        inflateEnd(&rd.z);
    if (hs.started) {
        if (ld.rc != ES_OK)
            atomic_store(&hs.stop, 1);
        pthread_join(hs.th, NULL);
        if (ld.rc == ES_OK && (hs.failed || (rd.at_end && hs.bytes != rd.bytes)))
            es_fail(&ld, ES_EIO, "%s: %s", path, hs.failed ? "read error or out of memory while hashing the file"
                    : "the file changed while it was read (its size differs between two reads)");
        rd.sha = hs.sha;
    }
    if (hs.fd >= 0)
        close(hs.fd);
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&rd.sha, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(rep->sha256 + 2 * i, 3, "%02x", digest[i]);
    rep->bytes = rd.bytes;
    free(rd.raw);
    free(buf);
    if (!is_stdin && rd.fd >= 0)
        close(rd.fd);
    if (rep->n_rejected > 1) /* JSON Lines rows are held, so rejections come out of order */
        qsort(rep->rejected, rep->n_rejected, sizeof *rep->rejected, es_rejected_cmp);
    int rc = ld.rc;
    if (rc == ES_OK) {
        ld.t->level = opts->level;
        *out = ld.t;
        ld.t = NULL;
    }
    es_table_free(ld.t);
    es_loader_free(&ld);
    return rc;
}

void es_load_report_free(es_load_report *rep)
{
    if (rep == NULL)
        return;
    free(rep->path);
    for (size_t i = 0; i < rep->n_rejects; i++)
        free(rep->rejects[i].reason);
    free(rep->rejects);
    for (size_t i = 0; i < rep->n_rejected; i++) {
        free(rep->rejected[i].reason);
        free(rep->rejected[i].raw);
    }
    free(rep->rejected);
    for (size_t i = 0; i < rep->n_notes; i++)
        free(rep->notes[i]);
    free(rep->notes);
    for (size_t i = 0; i < rep->n_where; i++)
        free(rep->where[i].near);
    free(rep->where);
    memset(rep, 0, sizeof *rep);
}

