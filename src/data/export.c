/* export.c — the loaded table as CSV, TSV or JSON Lines (optionally gzip), written so
 * that es_load_csv reads back the same values (table.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "engagestat/outfile.h"
#include "engagestat/table.h"
#include "export.h"

#define ES_EXPORT_CHUNK (1u << 16)

/* A buffered writer to a stream, through deflate when gzip. */
typedef struct {
    FILE *f;
    const char *name;
    int gzip;
    z_stream z;
    int z_open;
    es_buf b;
    int rc;
    es_err *err;
} es_writer;

static int es_w_fail(es_writer *w, int code)
{
    if (w->rc == ES_OK)
        w->rc = code == ES_ENOMEM ? es_err_set(w->err, ES_ENOMEM, "out of memory")
                                  : es_err_set(w->err, ES_EIO, "%s: %s", w->name, strerror(errno ? errno : EIO));
    return w->rc;
}

static int es_w_flush(es_writer *w, int finish)
{
    if (w->rc != ES_OK)
        return w->rc;
    if (!w->gzip) {
        if (w->b.len > 0 && fwrite(w->b.data, 1, w->b.len, w->f) != w->b.len)
            return es_w_fail(w, ES_EIO);
        es_buf_reset(&w->b);
        return ES_OK;
    }
    unsigned char out[ES_EXPORT_CHUNK];
    w->z.next_in = (unsigned char *)w->b.data;
    w->z.avail_in = (uInt)w->b.len;
    int zrc;
    do {
        w->z.next_out = out;
        w->z.avail_out = sizeof out;
        zrc = deflate(&w->z, finish ? Z_FINISH : Z_NO_FLUSH);
        if (zrc == Z_STREAM_ERROR)
            return es_w_fail(w, ES_EIO);
        size_t n = sizeof out - w->z.avail_out;
        if (n > 0 && fwrite(out, 1, n, w->f) != n)
            return es_w_fail(w, ES_EIO);
    } while (w->z.avail_out == 0 || (finish && zrc != Z_STREAM_END));
    es_buf_reset(&w->b);
    return ES_OK;
}

static int es_w_start(es_writer *w, FILE *f, const char *name, int gzip, es_err *err)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->name = name;
    w->gzip = gzip;
    w->err = err;
    if (gzip) {
        /* windowBits 15 + 16: a gzip header and trailer. */
        if (deflateInit2(&w->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return es_w_fail(w, ES_ENOMEM);
        w->z_open = 1;
    }
    return ES_OK;
}

static int es_w_end(es_writer *w)
{
    es_w_flush(w, 1);
    if (w->z_open)
        deflateEnd(&w->z);
    es_buf_free(&w->b);
    if (w->rc == ES_OK && fflush(w->f) != 0)
        es_w_fail(w, ES_EIO);
    return w->rc;
}

static void es_w_put(es_writer *w, const char *s, size_t n)
{
    if (w->rc != ES_OK)
        return;
    if (es_buf_append(&w->b, s, n) != ES_OK) {
        es_w_fail(w, ES_ENOMEM);
        return;
    }
    if (w->b.len >= ES_EXPORT_CHUNK)
        es_w_flush(w, 0);
}

static void es_w_puts(es_writer *w, const char *s) { es_w_put(w, s, strlen(s)); }

/* ------------------------------------------------------------------------ */
/* Cells                                                                     */

/* The shortest of %.15g, %.16g, %.17g that reads back as v. */
static void es_fmt_number(double v, char *out, size_t cap)
{
    if (isinf(v)) {
        snprintf(out, cap, "%s", v > 0 ? "inf" : "-inf");
        return;
    }
    for (int p = 15; p <= 17; p++) {
        snprintf(out, cap, "%.*g", p, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* Seconds since 1970 UTC as ISO 8601 ("2019-05-01T13:45:00Z", with up to six digits
 * of a fraction when there is one). */
static void es_fmt_time(double v, char *out, size_t cap)
{
    double whole = floor(v);
    long usec = lround((v - whole) * 1e6);
    if (usec >= 1000000) {
        whole += 1;
        usec = 0;
    }
    time_t tt = (time_t)whole;
    struct tm tm;
    if (whole < -6e13 || whole > 6e13 || gmtime_r(&tt, &tm) == NULL ||
        strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
        es_fmt_number(v, out, cap);
        return;
    }
    size_t n = strlen(out);
    if (usec > 0) {
        snprintf(out + n, cap - n, ".%06ld", usec);
        n = strlen(out);
        while (out[n - 1] == '0')
            out[--n] = '\0';
    }
    snprintf(out + n, cap - n, "Z");
}

int es_csv_cell_append(es_buf *b, const char *s, size_t n, char delim)
{
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote)
        return es_buf_append(b, s, n);
    if (es_buf_putc(b, '"') != ES_OK)
        return ES_ENOMEM;
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"') {
            if (es_buf_append(b, s + run, i + 1 - run) != ES_OK)
                return ES_ENOMEM;
            run = i; /* the quote again */
        }
    if (es_buf_append(b, s + run, n - run) != ES_OK)
        return ES_ENOMEM;
    return es_buf_putc(b, '"');
}

static void es_put_delimited(es_writer *w, const char *s, char delim)
{
    if (w->rc != ES_OK)
        return;
    if (es_csv_cell_append(&w->b, s, strlen(s), delim) != ES_OK)
        es_w_fail(w, ES_ENOMEM);
    else if (w->b.len >= ES_EXPORT_CHUNK)
        es_w_flush(w, 0);
}

static void es_put_json_string(es_writer *w, const char *s)
{
    es_w_put(w, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        es_w_put(w, run, (size_t)((const char *)p - run));
        char esc[8];
        switch (*p) {
        case '"': es_w_puts(w, "\\\""); break;
        case '\\': es_w_puts(w, "\\\\"); break;
        case '\n': es_w_puts(w, "\\n"); break;
        case '\r': es_w_puts(w, "\\r"); break;
        case '\t': es_w_puts(w, "\\t"); break;
        case '\b': es_w_puts(w, "\\b"); break;
        case '\f': es_w_puts(w, "\\f"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            es_w_puts(w, esc);
        }
        run = (const char *)p + 1;
    }
    es_w_puts(w, run);
    es_w_put(w, "\"", 1);
}

/* One cell: s is its text (NULL = missing); is_str says whether JSON quotes it. */
static void es_put_cell(es_writer *w, es_export_format fmt, size_t j, const char *name, const char *s, int is_str)
{
    if (fmt == ES_EXPORT_JSONL) {
        es_w_puts(w, j == 0 ? "{" : ",");
        es_put_json_string(w, name);
        es_w_put(w, ":", 1);
        if (s == NULL)
            es_w_puts(w, "null");
        else if (is_str)
            es_put_json_string(w, s);
        else
            es_w_puts(w, s);
        return;
    }
    char delim = fmt == ES_EXPORT_TSV ? '\t' : ',';
    if (j > 0)
        es_w_put(w, &delim, 1);
    if (s != NULL)
        es_put_delimited(w, s, delim);
}

static void es_put_header(es_writer *w, es_export_format fmt, const char *const *names, size_t n)
{
    if (fmt == ES_EXPORT_JSONL)
        return; /* the keys of each object */
    for (size_t j = 0; j < n; j++)
        es_put_cell(w, fmt, j, NULL, names[j], 1);
    es_w_put(w, "\n", 1);
}

static void es_put_row_end(es_writer *w, es_export_format fmt, size_t n_cols)
{
    if (fmt == ES_EXPORT_JSONL)
        es_w_puts(w, n_cols == 0 ? "{}\n" : "}\n");
    else
        es_w_put(w, "\n", 1);
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                              */

static int es_ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && strncmp(s + n - k, suffix, k) == 0;
}

int es_export_format_from_path(const char *path, es_export_format *fmt, int *gzip)
{
    size_t n = strlen(path);
    *gzip = es_ends_with(path, n, ".gz");
    if (*gzip)
        n -= 3;
    if (es_ends_with(path, n, ".csv"))
        *fmt = ES_EXPORT_CSV;
    else if (es_ends_with(path, n, ".tsv"))
        *fmt = ES_EXPORT_TSV;
    else if (es_ends_with(path, n, ".jsonl") || es_ends_with(path, n, ".ndjson"))
        *fmt = ES_EXPORT_JSONL;
    else
        return es_error(ES_EINVAL);
    return ES_OK;
}

int es_export_write(const es_table *t, FILE *f, const char *name, es_export_format fmt, int gzip, es_err *err)
{
    es_writer w;
    if (es_w_start(&w, f, name, gzip, err) != ES_OK)
        return es_w_end(&w);
    const char **names = malloc((t->n_cols ? t->n_cols : 1) * sizeof *names);
    if (names == NULL) {
        es_w_fail(&w, ES_ENOMEM);
        return es_w_end(&w);
    }
    for (size_t j = 0; j < t->n_cols; j++)
        names[j] = t->cols[j].name;
    es_put_header(&w, fmt, names, t->n_cols);
    char num[64];
    for (size_t i = 0; i < t->n_rows && w.rc == ES_OK; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            const es_column *c = &t->cols[j];
            if (c->type != ES_COL_NUMERIC) {
                es_put_cell(&w, fmt, j, c->name, es_column_str(c, i), 1);
                continue;
            }
            double v = c->num[i];
            if (isnan(v)) {
                es_put_cell(&w, fmt, j, c->name, NULL, 0);
                continue;
            }
            int is_time = c->role == ES_ROLE_DATE;
            if (is_time)
                es_fmt_time(v, num, sizeof num);
            else
                es_fmt_number(v, num, sizeof num);
            es_put_cell(&w, fmt, j, c->name, num, is_time || isinf(v));
        }
        es_put_row_end(&w, fmt, t->n_cols);
    }
    free(names);
    return es_w_end(&w);
}

/* A writer of one file's content to f (name for messages). */
typedef int (*es_write_fn)(FILE *f, const char *name, int gzip, void *ctx, es_err *err);

/* path written atomically through fn, gzip when its name ends in .gz; "-" = stdout. */
static int es_save_atomic(const char *path, es_write_fn fn, void *ctx, es_err *err)
{
    if (strcmp(path, "-") == 0)
        return fn(stdout, "standard output", 0, ctx, err);
    es_export_format ignored;
    int gzip = 0;
    if (es_export_format_from_path(path, &ignored, &gzip) != ES_OK)
        gzip = 0;
    es_outfile of;
    int rc = es_outfile_open(path, &of, err);
    if (rc != ES_OK)
        return rc;
    rc = fn(of.fp, path, gzip, ctx, err);
    if (rc != ES_OK) {
        es_outfile_abort(&of);
        return rc;
    }
    return es_outfile_commit(&of, err);
}

typedef struct {
    es_export_format fmt;
    const es_table *t;
    const char *const *names;
    size_t n_cols;
    es_export_next next;
    void *ctx;
} es_save_job;

static int es_strings_write(FILE *f, const char *name, int gzip, void *ctx, es_err *err)
{
    const es_save_job *job = ctx;
    es_writer w;
    if (es_w_start(&w, f, name, gzip, err) != ES_OK)
        return es_w_end(&w);
    const char **cells = calloc(job->n_cols ? job->n_cols : 1, sizeof *cells);
    if (cells == NULL) {
        es_w_fail(&w, ES_ENOMEM);
        return es_w_end(&w);
    }
    es_put_header(&w, job->fmt, job->names, job->n_cols);
    for (size_t i = 0; w.rc == ES_OK && job->next(job->ctx, i, cells); i++) {
        for (size_t j = 0; j < job->n_cols; j++)
            es_put_cell(&w, job->fmt, j, job->names[j], cells[j], 1);
        es_put_row_end(&w, job->fmt, job->n_cols);
    }
    free(cells);
    return es_w_end(&w);
}

int es_export_strings(const char *path, es_export_format fmt, const char *const *names, size_t n_cols,
                      es_export_next next, void *ctx, es_err *err)
{
    es_save_job job = {.fmt = fmt, .names = names, .n_cols = n_cols, .next = next, .ctx = ctx};
    return es_save_atomic(path, es_strings_write, &job, err);
}

static int es_table_write(FILE *f, const char *name, int gzip, void *ctx, es_err *err)
{
    const es_save_job *job = ctx;
    return es_export_write(job->t, f, name, job->fmt, gzip, err);
}

int es_export_save(const es_table *t, const char *path, es_export_format fmt, es_err *err)
{
    es_save_job job = {.fmt = fmt, .t = t};
    return es_save_atomic(path, es_table_write, &job, err);
}
