/* jsonl.c — JSON Lines rows for the loader (yajl's event parser, no tree).
 *
 * Each line is parsed on its own with yajl; its events name the cells: a map key
 * extends the dotted path, a scalar value becomes the cell of that path (numbers as
 * written, so the CSV loader's number parser reads the same text), an array is kept as
 * the bytes it was written with.  Cells are held as (column, text) pairs until the
 * columns are fixed (end of input or ES_JSONL_HOLD bytes), then handed to load.c as
 * rows of every column in order. */
#include "jsonl.h"
#include "engagestat/buf.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

typedef struct {
    uint32_t col;
    uint32_t len;
    size_t off;
} es_jcell;

typedef struct {
    size_t line;
    size_t first, n; /* cells[first .. first+n) */
} es_jrow;

struct es_jsonl {
    const char *path;
    es_load_report *rep;
    es_jsonl_field_fn field;
    es_jsonl_row_fn row;
    void *data;
    es_dict *keys;        /* column names; code = column index */
    int fixed;            /* the header went out: no new columns */
    size_t n_fixed;
    es_dict *late;        /* keys first seen after the columns were fixed */
    /* the line being assembled when it spans reads */
    es_buf pending;
    size_t pending_line;
    int has_pending;
    /* the line being parsed */
    const unsigned char *text;
    yajl_handle h;        /* its parser (yajl_get_bytes_consumed: the position of the token just read) */
    size_t line;
    es_buf path_buf;      /* dotted path of the current key */
    size_t *depth_len;    /* path length at each map depth */
    size_t depth, depth_cap;
    size_t array_depth, array_start;
    int not_object, started;
    int nul_noted;        /* a \u0000 was replaced (noted once) */
    es_buf unnul;         /* a string with its \u0000 replaced */
    int rc;
    /* held rows */
    es_buf cell_text;
    es_jcell *cells;
    size_t n_cells, cap_cells;
    es_jrow *rows;
    size_t n_rows, cap_rows;
    /* one row in column order, for emission */
    size_t *slot_off, *slot_len;
    unsigned char *slot_set;
    size_t n_slots;
};

int es_jsonl_detect(const char *path, const unsigned char *s, size_t n)
{
    size_t len = strlen(path);
    if (len > 3 && strcmp(path + len - 3, ".gz") == 0)
        len -= 3;
    if ((len >= 6 && strncmp(path + len - 6, ".jsonl", 6) == 0) ||
        (len >= 7 && strncmp(path + len - 7, ".ndjson", 7) == 0))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (!isspace(s[i]))
            return s[i] == '{';
    return 0;
}

es_jsonl *es_jsonl_new(const char *path, es_load_report *rep, es_jsonl_field_fn field, es_jsonl_row_fn row,
                       void *data)
{
    es_jsonl *j = calloc(1, sizeof *j);
    if (j == NULL)
        return NULL;
    j->path = path;
    j->rep = rep;
    j->field = field;
    j->row = row;
    j->data = data;
    j->keys = es_dict_alloc();
    j->late = es_dict_alloc();
    if (j->keys == NULL || j->late == NULL) {
        es_jsonl_free(j);
        return NULL;
    }
    return j;
}

void es_jsonl_free(es_jsonl *j)
{
    if (j == NULL)
        return;
    es_dict_free(j->keys);
    es_dict_free(j->late);
    es_buf_free(&j->pending);
    es_buf_free(&j->unnul);
    es_buf_free(&j->path_buf);
    free(j->depth_len);
    es_buf_free(&j->cell_text);
    free(j->cells);
    free(j->rows);
    free(j->slot_off);
    free(j->slot_len);
    free(j->slot_set);
    free(j);
}

/* ------------------------------------------------------------------------ */
/* The report: rejected lines (load.c's ledger) and notes                    */

static int es_jsonl_reject(es_jsonl *j, const char *reason, size_t line, const unsigned char *s, size_t n)
{
    j->rep->rows_read++;
    return es_ledger_reject(j->rep, reason, line, 1, (const char *)s, n);
}

static int es_jsonl_note(es_jsonl *j, const char *key, size_t line)
{
    es_buf b = {0};
    es_buf_printf(&b, "key '%s' first appears at line %zu, after the columns were fixed from the first "
                  "%zu MB of rows; its values are left out", key, line, ES_JSONL_HOLD >> 20);
    if (b.data == NULL)
        return ES_ENOMEM;
    char **notes = es_grow(j->rep->notes, j->rep->n_notes, sizeof *notes);
    if (notes == NULL) {
        es_buf_free(&b);
        return ES_ENOMEM;
    }
    j->rep->notes = notes;
    notes[j->rep->n_notes++] = es_buf_take(&b);
    return ES_OK;
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                     */

/* The value s[0..n) of the current path. */
static int es_jsonl_cell(es_jsonl *j, const char *s, size_t n)
{
    const char *key = j->path_buf.data ? j->path_buf.data : "";
    size_t klen = j->path_buf.len;
    uint32_t col;
    if (j->fixed) {
        col = es_dict_find(j->keys, key, klen);
        if (col == ES_DICT_NONE) {
            int added = 0;
            if (es_dict_intern(j->late, key, klen, &col, &added) != ES_OK)
                return ES_ENOMEM;
            return added ? es_jsonl_note(j, key, j->line) : ES_OK;
        }
    } else if (es_dict_intern(j->keys, key, klen, &col, NULL) != ES_OK) {
        return ES_ENOMEM;
    }
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    if (j->n_cells == j->cap_cells) {
        size_t cap = j->cap_cells ? 2 * j->cap_cells : 1024;
        es_jcell *c = realloc(j->cells, cap * sizeof *c);
        if (c == NULL)
            return ES_ENOMEM;
        j->cells = c;
        j->cap_cells = cap;
    }
    j->cells[j->n_cells++] = (es_jcell){col, (uint32_t)n, j->cell_text.len};
    /* Every cell NUL-terminated, as load.c's fields are. */
    if (es_buf_reserve(&j->cell_text, n + 1) != ES_OK)
        return ES_ENOMEM;
    if (n > 0)
        memcpy(j->cell_text.data + j->cell_text.len, s, n);
    j->cell_text.len += n + 1;
    j->cell_text.data[j->cell_text.len - 1] = '\0';
    return ES_OK;
}

/* yajl callbacks: 1 to go on, 0 to stop (j->rc says why). */

static int es_jsonl_value(es_jsonl *j, const char *s, size_t n)
{
    if (j->array_depth > 0)
        return 1;
    if (j->depth == 0) { /* a scalar at the top: not an object */
        j->not_object = 1;
        return 0;
    }
    if ((j->rc = es_jsonl_cell(j, s, n)) != ES_OK)
        return 0;
    return 1;
}

static int cb_null(void *ctx)
{
    return es_jsonl_value(ctx, "", 0);
}

static int cb_boolean(void *ctx, int b)
{
    return b ? es_jsonl_value(ctx, "true", 4) : es_jsonl_value(ctx, "false", 5);
}

static int cb_number(void *ctx, const char *s, size_t n)
{
    return es_jsonl_value(ctx, s, n);
}

/* A string holding \u0000 (a NUL byte, which would cut a label short), with each one
 * replaced by U+FFFD; noted once.  0 when out of memory. */
static int es_jsonl_unnul(es_jsonl *j, const unsigned char **s, size_t *n)
{
    if (*n == 0 || memchr(*s, 0, *n) == NULL)
        return 1;
    es_buf_reset(&j->unnul);
    for (size_t i = 0; i < *n; i++)
        if ((*s)[i] == 0 ? es_buf_puts(&j->unnul, "\xEF\xBF\xBD") != ES_OK
                         : es_buf_putc(&j->unnul, (char)(*s)[i]) != ES_OK) {
            j->rc = ES_ENOMEM;
            return 0;
        }
    if (!j->nul_noted) {
        j->nul_noted = 1;
        es_buf b = {0};
        es_buf_printf(&b, "line %zu: a \\u0000 (NUL) in a string is replaced by U+FFFD, as are any later ones",
                      j->line);
        char **notes = b.data ? es_grow(j->rep->notes, j->rep->n_notes, sizeof *notes) : NULL;
        if (notes == NULL) {
            es_buf_free(&b);
            j->rc = ES_ENOMEM;
            return 0;
        }
        j->rep->notes = notes;
        notes[j->rep->n_notes++] = es_buf_take(&b);
    }
    *s = (const unsigned char *)j->unnul.data;
    *n = j->unnul.len;
    return 1;
}

static int cb_string(void *ctx, const unsigned char *s, size_t n)
{
    if (!es_jsonl_unnul(ctx, &s, &n))
        return 0;
    return es_jsonl_value(ctx, (const char *)s, n);
}

static int cb_start_map(void *ctx)
{
    es_jsonl *j = ctx;
    if (j->array_depth > 0)
        return 1;
    if (j->depth == j->depth_cap) {
        size_t cap = j->depth_cap ? 2 * j->depth_cap : 8;
        size_t *d = realloc(j->depth_len, cap * sizeof *d);
        if (d == NULL) {
            j->rc = ES_ENOMEM;
            return 0;
        }
        j->depth_len = d;
        j->depth_cap = cap;
    }
    j->depth_len[j->depth++] = j->path_buf.len;
    return 1;
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t n)
{
    es_jsonl *j = ctx;
    if (j->array_depth > 0)
        return 1;
    if (!es_jsonl_unnul(j, &s, &n))
        return 0;
    size_t base = j->depth_len[j->depth - 1];
    j->path_buf.len = base;
    if ((base > 0 && es_buf_putc(&j->path_buf, '.') != ES_OK) ||
        es_buf_append(&j->path_buf, (const char *)s, n) != ES_OK) {
        j->rc = ES_ENOMEM;
        return 0;
    }
    return 1;
}

static int cb_end_map(void *ctx)
{
    es_jsonl *j = ctx;
    if (j->array_depth > 0)
        return 1;
    j->depth--;
    j->path_buf.len = j->depth_len[j->depth];
    if (j->path_buf.data)
        j->path_buf.data[j->path_buf.len] = '\0';
    return 1;
}

static int cb_start_array(void *ctx)
{
    es_jsonl *j = ctx;
    if (j->depth == 0) {
        j->not_object = 1;
        return 0;
    }
    if (j->array_depth++ == 0)
        j->array_start = yajl_get_bytes_consumed(j->h) - 1;
    return 1;
}

static int cb_end_array(void *ctx)
{
    es_jsonl *j = ctx;
    if (--j->array_depth > 0)
        return 1;
    size_t end = yajl_get_bytes_consumed(j->h);
    if ((j->rc = es_jsonl_cell(j, (const char *)j->text + j->array_start, end - j->array_start)) != ES_OK)
        return 0;
    return 1;
}

static const yajl_callbacks es_jsonl_callbacks = {
    .yajl_null = cb_null,
    .yajl_boolean = cb_boolean,
    .yajl_number = cb_number,
    .yajl_string = cb_string,
    .yajl_start_map = cb_start_map,
    .yajl_map_key = cb_map_key,
    .yajl_end_map = cb_end_map,
    .yajl_start_array = cb_start_array,
    .yajl_end_array = cb_end_array,
};

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

static void es_jsonl_emit(es_jsonl *j, const es_jrow *r)
{
    size_t nc = j->n_fixed;
    memset(j->slot_set, 0, nc);
    for (size_t k = r->first; k < r->first + r->n; k++) {
        const es_jcell *c = &j->cells[k];
        j->slot_off[c->col] = c->off; /* a key given twice: the last value, as Python reads it */
        j->slot_len[c->col] = c->len;
        j->slot_set[c->col] = 1;
    }
    for (size_t c = 0; c < nc; c++) {
        if (j->slot_set[c])
            j->field(j->cell_text.data + j->slot_off[c], j->slot_len[c], j->data);
        else
            j->field((void *)"", 0, j->data);
    }
    j->row(r->line, j->data);
}

/* The header (every key seen), then the held rows; afterwards rows go out as parsed. */
static int es_jsonl_fix(es_jsonl *j)
{
    size_t nc = es_dict_size(j->keys);
    j->fixed = 1;
    j->n_fixed = nc;
    j->slot_off = malloc((nc ? nc : 1) * sizeof *j->slot_off);
    j->slot_len = malloc((nc ? nc : 1) * sizeof *j->slot_len);
    j->slot_set = malloc(nc ? nc : 1);
    if (j->slot_off == NULL || j->slot_len == NULL || j->slot_set == NULL)
        return ES_ENOMEM;
    if (nc == 0)
        return ES_OK; /* no key at all: no header, as for an empty file */
    for (size_t c = 0; c < nc; c++) {
        const char *k = es_dict_str(j->keys, (uint32_t)c);
        j->field((void *)k, strlen(k), j->data);
    }
    j->row(j->n_rows ? j->rows[0].line : 1, j->data);
    for (size_t r = 0; r < j->n_rows; r++)
        es_jsonl_emit(j, &j->rows[r]);
    j->n_rows = 0;
    j->n_cells = 0;
    es_buf_reset(&j->cell_text);
    return ES_OK;
}

static int es_jsonl_parse_line(es_jsonl *j, const unsigned char *s, size_t n, size_t line, es_err *err)
{
    size_t b = 0;
    while (b < n && isspace(s[b]))
        b++;
    if (b == n)
        return ES_OK; /* a blank line */
    yajl_handle h = yajl_alloc(&es_jsonl_callbacks, NULL, j);
    if (h == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    /* Bytes in strings are taken as they are, as the CSV path takes them. */
    yajl_config(h, yajl_dont_validate_strings, 1);
    j->h = h;
    j->text = s;
    j->line = line;
    j->depth = j->array_depth = 0;
    j->not_object = 0;
    j->rc = ES_OK;
    j->path_buf.len = 0;
    size_t first_cell = j->n_cells;
    size_t text_len = j->cell_text.len;
    yajl_status st = yajl_parse(h, s, n);
    int at_end = 0; /* the line ended inside the value */
    if (st == yajl_status_ok && (st = yajl_complete_parse(h)) != yajl_status_ok)
        at_end = 1;
    int rc = ES_OK;
    if (j->rc != ES_OK) {
        rc = es_err_set(err, j->rc, "out of memory");
    } else if (j->not_object) {
        j->n_cells = first_cell;
        j->cell_text.len = text_len;
        if (es_jsonl_reject(j, "not a JSON object", line, s, n) != ES_OK)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    } else if (st != yajl_status_ok) {
        /* yajl has consumed the byte it stopped at: that byte's column. */
        size_t at = yajl_get_bytes_consumed(h);
        if (at > n)
            at = n;
        if (at > 0)
            at--;
        if (at_end) {
            at = n;
            while (at > 0 && isspace(s[at - 1]))
                at--;
        }
        unsigned char *msg = yajl_get_error(h, 0, s, n);
        const char *m = msg ? (const char *)msg : "parse error";
        size_t mlen = strlen(m);
        while (mlen > 0 && isspace((unsigned char)m[mlen - 1]))
            mlen--;
        rc = es_err_set(err, ES_EPARSE, "%s:%zu:%zu: invalid JSON: %.*s%s", j->path, line, at + 1, (int)mlen, m,
                        at_end ? " (each object must end on its own line)" : "");
        if (msg)
            yajl_free_error(h, msg);
    } else if (j->fixed) {
        es_jrow r = {line, first_cell, j->n_cells - first_cell};
        es_jsonl_emit(j, &r);
        j->n_cells = 0;
        es_buf_reset(&j->cell_text);
    } else {
        if (j->n_rows == j->cap_rows) {
            size_t cap = j->cap_rows ? 2 * j->cap_rows : 256;
            es_jrow *a = realloc(j->rows, cap * sizeof *a);
            if (a == NULL) {
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                goto out;
            }
            j->rows = a;
            j->cap_rows = cap;
        }
        j->rows[j->n_rows++] = (es_jrow){line, first_cell, j->n_cells - first_cell};
        if (j->cell_text.len + j->n_cells * sizeof *j->cells + j->n_rows * sizeof *j->rows >= ES_JSONL_HOLD &&
            es_jsonl_fix(j) != ES_OK)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    }
out:
    j->h = NULL;
    yajl_free(h);
    return rc;
}

int es_jsonl_feed(es_jsonl *j, const unsigned char *s, size_t n, size_t line, int ends_line, es_err *err)
{
    if (!ends_line || j->has_pending) {
        if (es_buf_append(&j->pending, (const char *)s, n) != ES_OK)
            return es_err_set(err, ES_ENOMEM, "out of memory");
        j->pending_line = line;
        j->has_pending = 1;
        if (!ends_line)
            return ES_OK;
        j->has_pending = 0;
        int rc = es_jsonl_parse_line(j, (const unsigned char *)j->pending.data, j->pending.len, line, err);
        es_buf_reset(&j->pending);
        return rc;
    }
    return es_jsonl_parse_line(j, s, n, line, err);
}

int es_jsonl_finish(es_jsonl *j, es_err *err)
{
    if (j->has_pending) {
        j->has_pending = 0;
        int rc = es_jsonl_parse_line(j, (const unsigned char *)j->pending.data, j->pending.len,
                                     j->pending_line, err);
        es_buf_reset(&j->pending);
        if (rc != ES_OK)
            return rc;
    }
    if (!j->fixed && es_jsonl_fix(j) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    return ES_OK;
}
