/* results.c — the results tree and its renderers (text, csv, tsv, json, md, latex). */
#include "engagestat/results.h"
#include "engagestat/buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int es_format_from_name(const char *name)
{
    static const struct {
        const char *name;
        es_format f;
    } names[] = {{"text", ES_FMT_TEXT}, {"csv", ES_FMT_CSV},       {"tsv", ES_FMT_TSV},
                 {"json", ES_FMT_JSON}, {"md", ES_FMT_MD},         {"markdown", ES_FMT_MD},
                 {"latex", ES_FMT_LATEX}, {"tex", ES_FMT_LATEX}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i].name) == 0)
            return (int)names[i].f;
    return -1;
}

es_results *es_results_alloc(const char *command)
{
    es_results *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->command = es_strdup(command);
    if (r->command == NULL) {
        free(r);
        return NULL;
    }
    r->failed_table.owner = r;
    r->failed_table.name = r->failed_table.title = (char *)"";
    return r;
}

static void es_cell_release(es_cell *c)
{
    if (c->type == ES_CELL_STR)
        free(c->str);
}

static void es_named_release(es_named *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        es_cell_release(&v[i].value);
    }
    free(v);
}

void es_results_free(es_results *r)
{
    if (r == NULL)
        return;
    free(r->command);
    free(r->path);
    free(r->sha256);
    free(r->level);
    free(r->accounts_label);
    es_named_release(r->rejected, r->n_rejected);
    es_named_release(r->settings, r->n_settings);
    es_named_release(r->values, r->n_values);
    for (size_t t = 0; t < r->n_tables; t++) {
        es_rtable *tb = r->tables[t];
        free(tb->name);
        free(tb->title);
        for (size_t j = 0; j < tb->n_cols; j++)
            free(tb->columns[j]);
        free(tb->columns);
        free(tb->rate);
        free(tb->decimals);
        for (size_t k = 0; k < tb->n_rows * tb->n_cols; k++)
            es_cell_release(&tb->cells[k]);
        free(tb->cells);
        free(tb);
    }
    free(r->tables);
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    es_err_clear(&r->status);
    free(r);
}

/* ------------------------------------------------------------------------ */
/* The sticky status                                                         */

int es_results_status(const es_results *r, const char **msg)
{
    if (msg != NULL)
        *msg = r->status.code != ES_OK ? r->status.msg : NULL;
    return r->status.code;
}

/* Keep the first failure: its code, and its message unless that fails to allocate
 * (es_results_status() then gives NULL, and the caller names the code). */
int es_results_fail(es_results *r, int code, const char *fmt, ...)
{
    if (r->status.code != ES_OK || code == ES_OK)
        return r->status.code;
    va_list ap;
    va_start(ap, fmt);
    es_err_vset(&r->status, code, fmt, ap);
    va_end(ap);
    return r->status.code;
}

/* What a builder call returns: the sticky status, once rc has been recorded in it. */
static int es_results_check(es_results *r, int rc)
{
    if (rc != ES_OK && r->status.code == ES_OK)
        es_results_fail(r, rc, "%s", es_strerror(rc));
    return r->status.code;
}

es_cell es_cell_num(double v)
{
    es_cell c = {0};
    if (isfinite(v)) {
        c.type = ES_CELL_NUM;
        c.num = v;
    }
    return c;
}

es_cell es_cell_int(long long v)
{
    es_cell c = {0};
    c.type = ES_CELL_INT;
    c.i = v;
    return c;
}

es_cell es_cell_str(const char *s)
{
    es_cell c = {0};
    if (s != NULL) {
        c.type = ES_CELL_STR;
        c.str = (char *)s;
    }
    return c;
}

es_cell es_cell_null(void)
{
    es_cell c = {0};
    return c;
}

/* Store a copy of v (its string duplicated). */
static int es_cell_copy(es_cell *dst, es_cell v)
{
    *dst = v;
    if (v.type == ES_CELL_STR) {
        dst->str = es_strdup(v.str);
        if (dst->str == NULL)
            return es_error(ES_ENOMEM);
    }
    return ES_OK;
}

static int es_named_add(es_named **list, size_t *n, const char *name, es_cell v)
{
    /* Replace an existing entry of the same name. */
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].name, name) == 0) {
            es_cell c;
            if (es_cell_copy(&c, v) != ES_OK)
                return ES_ENOMEM;
            es_cell_release(&(*list)[i].value);
            (*list)[i].value = c;
            return ES_OK;
        }
    es_named *p = realloc(*list, (*n + 1) * sizeof *p);
    if (p == NULL)
        return es_error(ES_ENOMEM);
    *list = p;
    p[*n].name = es_strdup(name);
    if (p[*n].name == NULL || es_cell_copy(&p[*n].value, v) != ES_OK) {
        free(p[*n].name);
        return es_error(ES_ENOMEM);
    }
    (*n)++;
    return ES_OK;
}

int es_results_setting(es_results *r, const char *name, es_cell v)
{
    if (r->status.code != ES_OK)
        return r->status.code;
    return es_results_check(r, es_named_add(&r->settings, &r->n_settings, name, v));
}

int es_results_value(es_results *r, const char *name, es_cell v)
{
    if (r->status.code != ES_OK)
        return r->status.code;
    return es_results_check(r, es_named_add(&r->values, &r->n_values, name, v));
}

static int es_results_warn_str(es_results *r, const char *msg)
{
    char **w = realloc(r->warnings, (r->n_warnings + 1) * sizeof *w);
    if (w == NULL)
        return es_error(ES_ENOMEM);
    r->warnings = w;
    w[r->n_warnings] = es_strdup(msg);
    if (w[r->n_warnings] == NULL)
        return es_error(ES_ENOMEM);
    r->n_warnings++;
    return ES_OK;
}

int es_results_warn(es_results *r, const char *fmt, ...)
{
    if (r->status.code != ES_OK)
        return r->status.code;
    va_list ap;
    va_start(ap, fmt);
    es_err tmp = {0};
    es_err_vset(&tmp, ES_OK, fmt, ap);
    va_end(ap);
    if (tmp.msg == NULL)
        return es_error(ES_ENOMEM);
    int rc = es_results_warn_str(r, tmp.msg);
    free(tmp.msg);
    return es_results_check(r, rc);
}

static int es_results_copy_input(es_results *r, const es_load_report *rep, size_t accounts, const char *level)
{
    r->has_input = 1;
    r->path = es_strdup(rep->path ? rep->path : "");
    r->sha256 = es_strdup(rep->sha256);
    r->level = es_strdup(level ? level : "");
    if (r->path == NULL || r->sha256 == NULL || r->level == NULL)
        return es_error(ES_ENOMEM);
    r->rows_read = rep->rows_read;
    r->rows_kept = rep->rows_kept;
    r->rows_filtered = rep->rows_filtered;
    r->rows_duplicate = rep->rows_duplicate;
    r->rows_rejected = rep->rows_rejected;
    r->accounts = accounts;
    for (size_t i = 0; i < rep->n_rejects; i++)
        if (es_named_add(&r->rejected, &r->n_rejected, rep->rejects[i].reason,
                         es_cell_int((long long)rep->rejects[i].count)) != ES_OK)
            return ES_ENOMEM;
    for (size_t i = 0; i < rep->n_notes; i++)
        if (es_results_warn_str(r, rep->notes[i]) != ES_OK)
            return ES_ENOMEM;
    return ES_OK;
}

int es_results_set_input(es_results *r, const es_load_report *rep, size_t accounts, const char *level)
{
    if (r->status.code != ES_OK)
        return r->status.code;
    return es_results_check(r, es_results_copy_input(r, rep, accounts, level));
}

int es_results_set_accounts_label(es_results *r, const char *label)
{
    if (r->status.code != ES_OK)
        return r->status.code;
    char *copy = es_strdup(label);
    if (copy == NULL)
        return es_results_check(r, ES_ENOMEM);
    free(r->accounts_label);
    r->accounts_label = copy;
    return ES_OK;
}

static int es_results_add_table(es_results *r, const char *name, const char *title, size_t n_cols,
                                const char *const *columns, es_rtable **out)
{
    /* Tables are held by pointer so that *out stays valid as more are added. */
    es_rtable **p = realloc(r->tables, (r->n_tables + 1) * sizeof *p);
    if (p == NULL)
        return es_error(ES_ENOMEM);
    r->tables = p;
    es_rtable *t = calloc(1, sizeof *t);
    if (t == NULL)
        return es_error(ES_ENOMEM);
    t->name = es_strdup(name);
    t->title = es_strdup(title ? title : name);
    t->columns = calloc(n_cols ? n_cols : 1, sizeof *t->columns);
    if (t->name == NULL || t->title == NULL || t->columns == NULL)
        goto fail;
    t->n_cols = n_cols;
    for (size_t j = 0; j < n_cols; j++)
        if ((t->columns[j] = es_strdup(columns[j])) == NULL)
            goto fail;
    t->owner = r;
    p[r->n_tables++] = t;
    if (out)
        *out = t;
    return ES_OK;
fail:
    free(t->name);
    free(t->title);
    if (t->columns)
        for (size_t j = 0; j < n_cols; j++)
            free(t->columns[j]);
    free(t->columns);
    free(t);
    return es_error(ES_ENOMEM);
}

int es_results_table(es_results *r, const char *name, const char *title, size_t n_cols,
                     const char *const *columns, es_rtable **out)
{
    /* After a failure *out is r's failed_table, on which builder calls do nothing. */
    int rc = r->status.code != ES_OK ? r->status.code : es_results_add_table(r, name, title, n_cols, columns, out);
    if (rc != ES_OK && out)
        *out = &r->failed_table;
    return es_results_check(r, rc);
}

int es_rtable_mark_rate(es_rtable *t, const char *column)
{
    es_results *r = t->owner;
    if (r == NULL || r->status.code != ES_OK)
        return r ? r->status.code : ES_EINVAL;
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcmp(t->columns[j], column) == 0) {
            if (t->rate == NULL && (t->rate = calloc(t->n_cols, 1)) == NULL)
                return es_results_check(r, ES_ENOMEM);
            t->rate[j] = 1;
            return ES_OK;
        }
    return es_results_fail(r, ES_EINVAL, "table '%s' has no column '%s'", t->name, column);
}

/* Room for one more row. */
static int es_rtable_grow(es_rtable *t)
{
    if (t->n_rows < t->cap_rows)
        return ES_OK;
    size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
    es_cell *c = realloc(t->cells, cap * (t->n_cols ? t->n_cols : 1) * sizeof *c);
    if (c == NULL)
        return es_error(ES_ENOMEM);
    t->cells = c;
    t->cap_rows = cap;
    return ES_OK;
}

int es_rtable_add_row(es_rtable *t, const es_cell *cells)
{
    es_results *r = t->owner;
    if (r->status.code != ES_OK)
        return r->status.code;
    if (es_rtable_grow(t) != ES_OK)
        return es_results_check(r, ES_ENOMEM);
    es_cell *row = t->cells + t->n_rows * t->n_cols;
    for (size_t j = 0; j < t->n_cols; j++)
        if (es_cell_copy(&row[j], cells[j]) != ES_OK) {
            for (size_t k = 0; k < j; k++)
                es_cell_release(&row[k]);
            return es_results_check(r, ES_ENOMEM);
        }
    t->n_rows++;
    return ES_OK;
}

es_row es_rtable_append(es_rtable *t)
{
    es_row row = {t, SIZE_MAX};
    es_results *r = t->owner;
    if (r->status.code != ES_OK)
        return row;
    if (es_rtable_grow(t) != ES_OK) {
        es_results_check(r, ES_ENOMEM);
        return row;
    }
    es_cell *cells = t->cells + t->n_rows * t->n_cols;
    for (size_t j = 0; j < t->n_cols; j++)
        cells[j] = es_cell_null();
    row.index = t->n_rows++;
    return row;
}

es_row es_rtable_row(es_rtable *t, size_t index)
{
    es_row row = {t, index};
    return row;
}

int es_row_cell(es_row *row, const char *column, es_cell v)
{
    es_rtable *t = row->table;
    es_results *r = t->owner;
    if (r->status.code != ES_OK)
        return r->status.code;
    if (row->index >= t->n_rows)
        return es_results_fail(r, ES_EINVAL, "table '%s' has no row %zu", t->name, row->index);
    size_t j = 0;
    while (j < t->n_cols && strcmp(t->columns[j], column) != 0)
        j++;
    if (j == t->n_cols)
        return es_results_fail(r, ES_EINVAL, "table '%s' has no column '%s'", t->name, column);
    es_cell c;
    if (es_cell_copy(&c, v) != ES_OK)
        return es_results_check(r, ES_ENOMEM);
    es_cell *dst = &t->cells[row->index * t->n_cols + j];
    es_cell_release(dst);
    *dst = c;
    return ES_OK;
}

const es_cell *es_rtable_cell(const es_rtable *t, size_t row, const char *column)
{
    if (t == NULL || row >= t->n_rows)
        return NULL;
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcmp(t->columns[j], column) == 0)
            return &t->cells[row * t->n_cols + j];
    return NULL;
}

double es_rtable_num(const es_rtable *t, size_t row, const char *column)
{
    const es_cell *c = es_rtable_cell(t, row, column);
    return c == NULL ? NAN : c->type == ES_CELL_NUM ? c->num : c->type == ES_CELL_INT ? (double)c->i : NAN;
}

int es_row_num(es_row *row, const char *column, double v)
{
    return es_row_cell(row, column, es_cell_num(v));
}

int es_row_int(es_row *row, const char *column, long long v)
{
    return es_row_cell(row, column, es_cell_int(v));
}

int es_row_str(es_row *row, const char *column, const char *s)
{
    return es_row_cell(row, column, es_cell_str(s));
}

es_rtable *es_results_find_table(const es_results *r, const char *name)
{
    for (size_t t = 0; t < r->n_tables; t++)
        if (strcmp(r->tables[t]->name, name) == 0)
            return r->tables[t];
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Escaping                                                                  */

/* A byte of s that every format must transform: a control character (other than tab
 * and line breaks, which each escaper maps) or the start of a non-ASCII sequence.  The
 * sequence is copied when it is valid UTF-8, else bad replaces its first byte; *p
 * moves to the sequence's last byte.  Labels from scraped data carry both, and every
 * output must stay valid (JSON, HTML and LaTeX reject them, terminals run ESC). */
static int es_put_odd(es_buf *b, const unsigned char **p, const char *bad)
{
    size_t n = **p >= 0x80 ? es_utf8_len((const char *)*p) : 0;
    if (n == 0)
        return es_buf_puts(b, bad);
    int rc = es_buf_append(b, (const char *)*p, n);
    *p += n - 1;
    return rc;
}

static int es_odd_byte(unsigned char c)
{
    return c >= 0x80 || c == 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t');
}

#define ES_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

int es_escape_json(es_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        switch (*p) {
        case '"': rc = es_buf_puts(b, "\\\""); break;
        case '\\': rc = es_buf_puts(b, "\\\\"); break;
        case '\n': rc = es_buf_puts(b, "\\n"); break;
        case '\r': rc = es_buf_puts(b, "\\r"); break;
        case '\t': rc = es_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                rc = es_buf_printf(b, "\\u%04x", *p);
            else if (*p >= 0x80)
                rc = es_put_odd(b, &p, "\\ufffd");
            else
                rc = es_buf_putc(b, (char)*p);
        }
        if (rc != ES_OK)
            return rc;
    }
    return ES_OK;
}

int es_escape_latex(es_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '\\': rep = "\\textbackslash{}"; break;
        case '{': rep = "\\{"; break;
        case '}': rep = "\\}"; break;
        case '$': rep = "\\$"; break;
        case '&': rep = "\\&"; break;
        case '#': rep = "\\#"; break;
        case '%': rep = "\\%"; break;
        case '_': rep = "\\_"; break;
        case '^': rep = "\\textasciicircum{}"; break;
        case '~': rep = "\\textasciitilde{}"; break;
        case '\n': case '\r': case '\t': rep = " "; break;
        default: break;
        }
        /* pdflatex has no glyph for U+FFFD: a bad byte becomes '?'. */
        int rc = rep ? es_buf_puts(b, rep) : es_odd_byte(*p) ? es_put_odd(b, &p, "?") : es_buf_putc(b, (char)*p);
        if (rc != ES_OK)
            return rc;
    }
    return ES_OK;
}

int es_escape_md(es_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc = ES_OK;
        if (strchr("\\`*_{}[]<>|~$&", *p) != NULL) /* $: pandoc's TeX math; &: entities */
            rc = es_buf_putc(b, '\\');
        if (rc == ES_OK && es_odd_byte(*p))
            rc = es_put_odd(b, &p, ES_REPLACEMENT);
        else if (rc == ES_OK)
            rc = es_buf_putc(b, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : (char)*p);
        if (rc != ES_OK)
            return rc;
    }
    return ES_OK;
}

int es_escape_html(es_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int rc;
        switch (*p) {
        case '<': rc = es_buf_puts(b, "&lt;"); break;
        case '>': rc = es_buf_puts(b, "&gt;"); break;
        case '&': rc = es_buf_puts(b, "&amp;"); break;
        case '"': rc = es_buf_puts(b, "&quot;"); break;
        case '\'': rc = es_buf_puts(b, "&#39;"); break;
        default: rc = es_odd_byte(*p) ? es_put_odd(b, &p, ES_REPLACEMENT) : es_buf_putc(b, (char)*p);
        }
        if (rc != ES_OK)
            return rc;
    }
    return ES_OK;
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                 */

static void es_fmt_cell(es_buf *b, const es_cell *c, int digits, const char *null_text);

/* Cell j of a table row: with fixed decimals for its column when the table has them. */
static void es_fmt_tcell(es_buf *b, const es_rtable *tb, size_t i, size_t j, int digits, const char *null_text)
{
    const es_cell *c = &tb->cells[i * tb->n_cols + j];
    if (tb->decimals != NULL && tb->decimals[j] >= 0 && c->type == ES_CELL_NUM)
        es_buf_printf(b, "%.*f", tb->decimals[j], c->num);
    else
        es_fmt_cell(b, c, digits, null_text);
}

static void es_fmt_cell(es_buf *b, const es_cell *c, int digits, const char *null_text)
{
    switch (c->type) {
    case ES_CELL_NULL: es_buf_puts(b, null_text); break;
    case ES_CELL_INT: es_buf_printf(b, "%lld", c->i); break;
    case ES_CELL_NUM:
        /* Whole numbers print in full (1612500, not 1.612e+06). */
        if (c->num == floor(c->num) && fabs(c->num) < 1e15)
            es_buf_printf(b, "%.0f", c->num);
        else
            es_buf_printf(b, "%.*g", digits, c->num);
        break;
    case ES_CELL_STR: es_buf_puts(b, c->str); break;
    }
}

/* A column of text (notes, names, roles): a missing cell there is empty, not NA.  A
 * column is numeric only when it holds a number and no text, and is not a note. */
static int es_text_column(const es_rtable *tb, size_t j)
{
    const char *name = tb->columns[j];
    size_t len = strlen(name);
    if (len >= 4 && strcmp(name + len - 4, "note") == 0)
        return 1;
    int numbers = 0;
    for (size_t i = 0; i < tb->n_rows; i++) {
        es_celltype t = tb->cells[i * tb->n_cols + j].type;
        if (t == ES_CELL_STR)
            return 1;
        numbers |= t == ES_CELL_NUM || t == ES_CELL_INT;
    }
    return !numbers;
}

/* es_text_column for every column, as the null text of each ("" or na); NULL when out
 * of memory (then every column is numeric). */
static const char **es_null_texts(const es_rtable *tb, const char *na)
{
    const char **nt = malloc((tb->n_cols ? tb->n_cols : 1) * sizeof *nt);
    for (size_t j = 0; nt != NULL && j < tb->n_cols; j++)
        nt[j] = es_text_column(tb, j) ? "" : na;
    return nt;
}

static void es_json_cell(es_buf *b, const es_cell *c, int digits)
{
    if (c->type == ES_CELL_STR) {
        es_buf_putc(b, '"');
        es_escape_json(b, c->str);
        es_buf_putc(b, '"');
    } else {
        es_fmt_cell(b, c, digits, "null");
    }
}

static void es_json_str(es_buf *b, const char *s)
{
    es_buf_putc(b, '"');
    es_escape_json(b, s);
    es_buf_putc(b, '"');
}

static void es_json_named(es_buf *b, const es_named *v, size_t n, int digits)
{
    es_buf_putc(b, '{');
    for (size_t i = 0; i < n; i++) {
        es_buf_puts(b, i ? ", " : "");
        es_json_str(b, v[i].name);
        es_buf_puts(b, ": ");
        es_json_cell(b, &v[i].value, digits);
    }
    es_buf_putc(b, '}');
}

static void es_render_json(const es_results *r, const es_render_opts *o, es_buf *b, int digits)
{
    es_buf_puts(b, "{\n  \"engagestat\": ");
    es_json_str(b, o->version ? o->version : "");
    es_buf_puts(b, ",\n  \"command\": ");
    es_json_str(b, r->command);
    if (r->has_input) {
        es_buf_puts(b, ",\n  \"input\": {\"path\": ");
        es_json_str(b, r->path);
        es_buf_puts(b, ", \"sha256\": ");
        es_json_str(b, r->sha256);
        es_buf_printf(b, ", \"rows_read\": %zu, \"rows_kept\": %zu, \"rows_rejected\": ", r->rows_read,
                      r->rows_kept);
        es_json_named(b, r->rejected, r->n_rejected, digits);
        es_buf_printf(b, ", \"rows_rejected_total\": %zu, \"rows_filtered\": %zu, \"rows_duplicate\": %zu, \"accounts\": %zu, \"level\": ",
                      r->rows_rejected, r->rows_filtered, r->rows_duplicate, r->accounts);
        es_json_str(b, r->level);
        if (r->accounts_label != NULL) {
            es_buf_puts(b, ", \"accounts_counted\": ");
            es_json_str(b, r->accounts_label);
        }
        es_buf_putc(b, '}');
    }
    es_buf_puts(b, ",\n  \"settings\": ");
    es_json_named(b, r->settings, r->n_settings, digits);
    es_buf_puts(b, ",\n  \"tables\": {");
    for (size_t t = 0; t < r->n_tables; t++) {
        const es_rtable *tb = r->tables[t];
        es_buf_puts(b, t ? ",\n    " : "\n    ");
        es_json_str(b, tb->name);
        es_buf_puts(b, ": {\"columns\": [");
        for (size_t j = 0; j < tb->n_cols; j++) {
            es_buf_puts(b, j ? ", " : "");
            es_json_str(b, tb->columns[j]);
        }
        es_buf_puts(b, "], \"rows\": [");
        for (size_t i = 0; i < tb->n_rows; i++) {
            es_buf_puts(b, i ? ",\n      [" : "\n      [");
            for (size_t j = 0; j < tb->n_cols; j++) {
                es_buf_puts(b, j ? ", " : "");
                es_json_cell(b, &tb->cells[i * tb->n_cols + j], digits);
            }
            es_buf_putc(b, ']');
        }
        es_buf_puts(b, "]}");
    }
    es_buf_puts(b, r->n_tables ? "\n  },\n  \"values\": " : "},\n  \"values\": ");
    es_json_named(b, r->values, r->n_values, digits);
    es_buf_puts(b, ",\n  \"warnings\": [");
    for (size_t i = 0; i < r->n_warnings; i++) {
        es_buf_puts(b, i ? ", " : "");
        es_json_str(b, r->warnings[i]);
    }
    es_buf_puts(b, "]\n}\n");
}

static void es_dsv_field(es_buf *b, const char *s, char delim)
{
    if (delim == '\t') {
        for (const char *p = s; *p; p++) {
            if (*p == '\t')
                es_buf_puts(b, "\\t");
            else if (*p == '\n')
                es_buf_puts(b, "\\n");
            else if (*p == '\r')
                es_buf_puts(b, "\\r");
            else if (*p == '\\')
                es_buf_puts(b, "\\\\");
            else
                es_buf_putc(b, *p);
        }
        return;
    }
    if (strpbrk(s, ",\"\n\r") == NULL) {
        es_buf_puts(b, s);
        return;
    }
    es_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            es_buf_putc(b, '"');
        es_buf_putc(b, *p);
    }
    es_buf_putc(b, '"');
}

static void es_render_dsv(const es_rtable *tb, es_buf *b, char delim, int digits)
{
    es_buf cell = {0};
    for (size_t j = 0; j < tb->n_cols; j++) {
        if (j)
            es_buf_putc(b, delim);
        es_dsv_field(b, tb->columns[j], delim);
    }
    es_buf_putc(b, '\n');
    for (size_t i = 0; i < tb->n_rows; i++) {
        for (size_t j = 0; j < tb->n_cols; j++) {
            if (j)
                es_buf_putc(b, delim);
            es_buf_reset(&cell);
            es_fmt_cell(&cell, &tb->cells[i * tb->n_cols + j], digits, "");
            es_dsv_field(b, cell.data ? cell.data : "", delim);
        }
        es_buf_putc(b, '\n');
    }
    es_buf_free(&cell);
}

/* Display width of UTF-8 text: count code points, not bytes. */
static size_t es_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w++;
    return w;
}

/* Text for a terminal: control characters shown as '?', so data cannot move the
 * cursor, and bytes that are not UTF-8 as U+FFFD. */
static void es_text_safe(es_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            es_put_odd(b, &p, ES_REPLACEMENT);
        else
            es_buf_putc(b, (*p < 0x20 || *p == 0x7f) ? '?' : (char)*p);
}

/* A text-table cell longer than this many characters is cut, ending in an ellipsis,
 * so that one huge label (a 50 MB header name) cannot pad every row to its width. */
#define ES_TEXT_CELL_MAX 200

static char *es_text_cell(es_buf *c)
{
    if (c->data != NULL && es_width(c->data) > ES_TEXT_CELL_MAX) {
        size_t w = 0, i = 0;
        for (; w < ES_TEXT_CELL_MAX; i++) /* i: the start of character ES_TEXT_CELL_MAX */
            w += (c->data[i] & 0xC0) != 0x80;
        c->len = i - 1;
        c->data[c->len] = '\0';
        es_buf_puts(c, "\xE2\x80\xA6"); /* U+2026 */
    }
    return es_buf_take(c);
}

static void es_render_text_table(const es_rtable *tb, es_buf *b, int digits)
{
    size_t nc = tb->n_cols, nr = tb->n_rows;
    char **txt = calloc((nr + 1) * nc, sizeof *txt);
    size_t *w = calloc(nc, sizeof *w);
    int *right = calloc(nc, sizeof *right);
    const char **nt = es_null_texts(tb, "NA");
    if (txt == NULL || w == NULL || right == NULL)
        goto out;
    for (size_t j = 0; j < nc; j++) {
        es_buf c = {0};
        es_text_safe(&c, tb->columns[j]);
        txt[j] = es_text_cell(&c);
        right[j] = 1;
    }
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            const es_cell *cell = &tb->cells[i * nc + j];
            es_buf c = {0}, s = {0};
            es_fmt_tcell(&c, tb, i, j, digits, nt ? nt[j] : "NA");
            es_text_safe(&s, c.data ? c.data : "");
            es_buf_free(&c);
            txt[(i + 1) * nc + j] = es_text_cell(&s);
            if (cell->type == ES_CELL_STR)
                right[j] = 0;
        }
    for (size_t k = 0; k < (nr + 1) * nc; k++) {
        size_t len = txt[k] ? es_width(txt[k]) : 0;
        if (len > w[k % nc])
            w[k % nc] = len;
    }
    if (b->len > 0)
        es_buf_puts(b, "\n");
    es_text_safe(b, tb->title);
    es_buf_puts(b, "\n");
    for (size_t i = 0; i <= nr; i++) {
        for (size_t j = 0; j < nc; j++) {
            const char *s = txt[i * nc + j] ? txt[i * nc + j] : "";
            size_t pad = w[j] - es_width(s);
            if (j)
                es_buf_puts(b, "  ");
            if (right[j])
                for (size_t k = 0; k < pad; k++)
                    es_buf_putc(b, ' ');
            es_buf_puts(b, s);
            if (!right[j] && j + 1 < nc)
                for (size_t k = 0; k < pad; k++)
                    es_buf_putc(b, ' ');
        }
        while (b->len > 0 && b->data[b->len - 1] == ' ') /* an empty last cell */
            b->data[--b->len] = '\0';
        es_buf_putc(b, '\n');
    }
out:
    if (txt)
        for (size_t k = 0; k < (nr + 1) * nc; k++)
            free(txt[k]);
    free(txt);
    free(w);
    free(right);
    free(nt);
}

static void es_render_text(const es_results *r, es_buf *b, int digits)
{
    if (r->has_input) {
        es_buf_puts(b, "input     ");
        es_text_safe(b, r->path);
        es_buf_printf(b, "\nsha256    %s\nlevel     %s\nrows      %zu read, %zu kept, %zu rejected, %zu filtered, %zu duplicate\n",
                      r->sha256, r->level, r->rows_read, r->rows_kept, r->rows_rejected, r->rows_filtered,
                      r->rows_duplicate);
        es_buf_printf(b, "accounts  %zu", r->accounts);
        if (r->accounts_label != NULL) {
            es_buf_puts(b, " (");
            es_text_safe(b, r->accounts_label);
            es_buf_putc(b, ')');
        }
        es_buf_putc(b, '\n');
        for (size_t i = 0; i < r->n_rejected; i++) {
            es_buf_puts(b, "  rejected: ");
            es_text_safe(b, r->rejected[i].name);
            es_buf_printf(b, ": %lld\n", r->rejected[i].value.i);
        }
    }
    if (r->n_settings) {
        es_buf_puts(b, "settings  ");
        for (size_t i = 0; i < r->n_settings; i++) {
            es_buf_puts(b, i ? ", " : "");
            es_text_safe(b, r->settings[i].name);
            es_buf_putc(b, '=');
            es_buf c = {0};
            es_fmt_cell(&c, &r->settings[i].value, digits, "NA");
            es_text_safe(b, c.data ? c.data : "");
            es_buf_free(&c);
        }
        es_buf_putc(b, '\n');
    }
    for (size_t t = 0; t < r->n_tables; t++)
        if (r->tables[t]->n_rows > 0)
            es_render_text_table(r->tables[t], b, digits);
    if (r->n_values) {
        es_buf_putc(b, '\n');
        size_t w = 0;
        for (size_t i = 0; i < r->n_values; i++)
            if (es_width(r->values[i].name) > w)
                w = es_width(r->values[i].name);
        for (size_t i = 0; i < r->n_values; i++) {
            es_text_safe(b, r->values[i].name);
            for (size_t k = es_width(r->values[i].name); k < w + 2; k++)
                es_buf_putc(b, ' ');
            es_buf c = {0};
            es_fmt_cell(&c, &r->values[i].value, digits, "NA");
            es_text_safe(b, c.data ? c.data : "");
            es_buf_free(&c);
            es_buf_putc(b, '\n');
        }
    }
    if (r->n_warnings) {
        es_buf_puts(b, "\nwarnings:\n");
        for (size_t i = 0; i < r->n_warnings; i++) {
            es_buf_puts(b, "  - ");
            es_text_safe(b, r->warnings[i]);
            es_buf_putc(b, '\n');
        }
    }
}

static void es_render_md(const es_results *r, es_buf *b, int digits)
{
    es_buf_printf(b, "# engagestat %s\n\n", r->command);
    if (r->has_input) {
        es_buf_puts(b, "- input: `");
        for (const char *p = r->path; *p; p++)
            es_buf_putc(b, (*p == '`' || *p == '\n') ? '\'' : *p);
        es_buf_printf(b, "` (sha256 `%s`)\n- level: %s\n- rows: %zu read, %zu kept, %zu rejected, %zu filtered, %zu duplicate\n- accounts: %zu",
                      r->sha256, r->level, r->rows_read, r->rows_kept, r->rows_rejected, r->rows_filtered,
                      r->rows_duplicate, r->accounts);
        if (r->accounts_label != NULL) {
            es_buf_puts(b, " (");
            es_escape_md(b, r->accounts_label);
            es_buf_putc(b, ')');
        }
        es_buf_putc(b, '\n');
        for (size_t i = 0; i < r->n_rejected; i++) {
            es_buf_puts(b, "- rejected, ");
            es_escape_md(b, r->rejected[i].name);
            es_buf_printf(b, ": %lld\n", r->rejected[i].value.i);
        }
    }
    for (size_t i = 0; i < r->n_settings; i++) {
        es_buf_puts(b, i ? ", " : "- settings: ");
        es_escape_md(b, r->settings[i].name);
        es_buf_puts(b, " = ");
        es_buf c = {0};
        es_fmt_cell(&c, &r->settings[i].value, digits, "NA");
        es_escape_md(b, c.data ? c.data : "");
        es_buf_free(&c);
        if (i + 1 == r->n_settings)
            es_buf_putc(b, '\n');
    }
    for (size_t t = 0; t < r->n_tables; t++) {
        const es_rtable *tb = r->tables[t];
        if (tb->n_rows == 0)
            continue;
        const char **nt = es_null_texts(tb, "NA");
        es_buf_puts(b, "\n## ");
        es_escape_md(b, tb->title);
        es_buf_puts(b, "\n\n|");
        for (size_t j = 0; j < tb->n_cols; j++) {
            es_buf_putc(b, ' ');
            es_escape_md(b, tb->columns[j]);
            es_buf_puts(b, " |");
        }
        es_buf_puts(b, "\n|");
        for (size_t j = 0; j < tb->n_cols; j++) {
            int num = tb->n_rows > 0 && tb->cells[j].type != ES_CELL_STR;
            es_buf_puts(b, num ? " ---: |" : " --- |");
        }
        es_buf_putc(b, '\n');
        for (size_t i = 0; i < tb->n_rows; i++) {
            es_buf_putc(b, '|');
            for (size_t j = 0; j < tb->n_cols; j++) {
                es_buf c = {0};
                es_fmt_tcell(&c, tb, i, j, digits, nt ? nt[j] : "NA");
                es_buf_putc(b, ' ');
                es_escape_md(b, c.data ? c.data : "");
                es_buf_puts(b, " |");
                es_buf_free(&c);
            }
            es_buf_putc(b, '\n');
        }
        free(nt);
    }
    if (r->n_values) {
        es_buf_puts(b, "\n## Values\n\n");
        for (size_t i = 0; i < r->n_values; i++) {
            es_buf c = {0};
            es_fmt_cell(&c, &r->values[i].value, digits, "NA");
            es_buf_puts(b, "- ");
            es_escape_md(b, r->values[i].name);
            es_buf_puts(b, ": ");
            es_escape_md(b, c.data ? c.data : "");
            es_buf_putc(b, '\n');
            es_buf_free(&c);
        }
    }
    if (r->n_warnings) {
        es_buf_puts(b, "\n## Warnings\n\n");
        for (size_t i = 0; i < r->n_warnings; i++) {
            es_buf_puts(b, "- ");
            es_escape_md(b, r->warnings[i]);
            es_buf_putc(b, '\n');
        }
    }
}

static void es_render_latex(const es_results *r, es_buf *b, int digits)
{
    es_buf_puts(b, "% engagestat ");
    es_buf_puts(b, r->command);
    es_buf_puts(b, " -- tables need \\usepackage{booktabs,graphicx}; a table wider than the text\n"
                   "% is scaled down to \\linewidth (\\resizebox), a narrower one keeps its size\n");
    for (size_t t = 0; t < r->n_tables; t++) {
        const es_rtable *tb = r->tables[t];
        if (tb->n_rows == 0)
            continue;
        const char **nt = es_null_texts(tb, "--");
        es_buf_puts(b, "\\begin{table}[htbp]\n\\centering\n\\caption{");
        es_escape_latex(b, tb->title);
        es_buf_puts(b, "}\n\\label{tab:");
        for (const char *p = tb->name; *p; p++)
            es_buf_putc(b, (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '-');
        es_buf_puts(b, "}\n\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n\\begin{tabular}{@{}");
        for (size_t j = 0; j < tb->n_cols; j++)
            es_buf_putc(b, tb->n_rows > 0 && tb->cells[j].type == ES_CELL_STR ? 'l' : 'r');
        es_buf_puts(b, "@{}");
        es_buf_puts(b, "}\n\\toprule\n");
        for (size_t j = 0; j < tb->n_cols; j++) {
            es_buf_puts(b, j ? " & " : "");
            es_escape_latex(b, tb->columns[j]);
        }
        es_buf_puts(b, " \\\\\n\\midrule\n");
        for (size_t i = 0; i < tb->n_rows; i++) {
            for (size_t j = 0; j < tb->n_cols; j++) {
                es_buf c = {0};
                es_fmt_tcell(&c, tb, i, j, digits, nt ? nt[j] : "--");
                es_buf_puts(b, j ? " & " : "");
                es_escape_latex(b, c.data ? c.data : "");
                es_buf_free(&c);
            }
            es_buf_puts(b, " \\\\\n");
        }
        free(nt);
        es_buf_puts(b, "\\bottomrule\n\\end{tabular}}\n\\end{table}\n");
    }
    if (r->n_values) {
        es_buf_puts(b, "\\begin{table}[htbp]\n\\centering\n\\begin{tabular}{lr}\n\\toprule\nquantity & value \\\\\n\\midrule\n");
        for (size_t i = 0; i < r->n_values; i++) {
            es_buf c = {0};
            es_fmt_cell(&c, &r->values[i].value, digits, "--");
            es_escape_latex(b, r->values[i].name);
            es_buf_puts(b, " & ");
            es_escape_latex(b, c.data ? c.data : "");
            es_buf_puts(b, " \\\\\n");
            es_buf_free(&c);
        }
        es_buf_puts(b, "\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    }
    for (size_t i = 0; i < r->n_warnings; i++) {
        es_buf_puts(b, "% warning: ");
        es_escape_latex(b, r->warnings[i]);
        es_buf_putc(b, '\n');
    }
}

/* The tables of r with their rate columns in percent (cells times 100, "name (%)",
 * fixed decimals), for text, md and latex with --percent: a shallow copy of r whose
 * tables are new (*view); es_percent_free releases them. */
static int es_percent_view(const es_results *r, es_results *view)
{
    *view = *r;
    view->tables = calloc(r->n_tables ? r->n_tables : 1, sizeof *view->tables);
    if (view->tables == NULL)
        return ES_ENOMEM;
    for (size_t t = 0; t < r->n_tables; t++) {
        const es_rtable *tb = r->tables[t];
        es_rtable *nt = calloc(1, sizeof *nt);
        if (nt == NULL)
            return ES_ENOMEM;
        *nt = *tb;
        view->tables[t] = nt;
        nt->rate = NULL;
        nt->columns = calloc(tb->n_cols ? tb->n_cols : 1, sizeof *nt->columns);
        size_t ncell = tb->n_rows * tb->n_cols;
        nt->cells = malloc((ncell > 0 ? ncell : 1) * sizeof *nt->cells);
        nt->decimals = malloc(tb->n_cols ? tb->n_cols : 1);
        if (nt->columns == NULL || nt->cells == NULL || nt->decimals == NULL)
            return ES_ENOMEM;
        if (ncell > 0)
            memcpy(nt->cells, tb->cells, ncell * sizeof *nt->cells);
        for (size_t j = 0; j < tb->n_cols; j++) {
            int rate = tb->rate != NULL && tb->rate[j];
            nt->decimals[j] = tb->decimals ? tb->decimals[j] : -1;
            es_buf h = {0};
            es_buf_printf(&h, rate ? "%s (%%)" : "%s", tb->columns[j]);
            if (h.data == NULL)
                return ES_ENOMEM;
            nt->columns[j] = h.data;
            if (!rate)
                continue;
            double lo = INFINITY;
            for (size_t i = 0; i < tb->n_rows; i++) {
                es_cell *c = &nt->cells[i * tb->n_cols + j];
                if (c->type == ES_CELL_INT) {
                    c->type = ES_CELL_NUM;
                    c->num = (double)c->i;
                }
                if (c->type != ES_CELL_NUM)
                    continue;
                c->num *= 100;
                if (fabs(c->num) > 0 && fabs(c->num) < lo)
                    lo = fabs(c->num);
            }
            int dec = isfinite(lo) ? 1 - (int)floor(log10(lo)) : 2;
            nt->decimals[j] = (signed char)(dec < 2 ? 2 : dec > 4 ? 4 : dec);
        }
    }
    return ES_OK;
}

static void es_percent_free(es_results *view)
{
    for (size_t t = 0; view->tables != NULL && t < view->n_tables; t++) {
        es_rtable *nt = view->tables[t];
        if (nt == NULL)
            continue;
        for (size_t j = 0; nt->columns != NULL && j < nt->n_cols; j++)
            free(nt->columns[j]);
        free(nt->columns);
        free(nt->cells);
        free(nt->decimals);
        free(nt);
    }
    free(view->tables);
}

int es_results_render(const es_results *r, const es_render_opts *o, FILE *f)
{
    if (o->percent && r->status.code == ES_OK &&
        (o->format == ES_FMT_TEXT || o->format == ES_FMT_MD || o->format == ES_FMT_LATEX)) {
        es_results view;
        es_render_opts po = *o;
        po.percent = 0;
        int rc = es_percent_view(r, &view);
        if (rc == ES_OK)
            rc = es_results_render(&view, &po, f);
        es_percent_free(&view);
        return rc == ES_ENOMEM ? es_error(ES_ENOMEM) : rc;
    }
    if (r->status.code != ES_OK)
        return r->status.code;
    es_buf b = {0};
    int machine = o->format == ES_FMT_CSV || o->format == ES_FMT_TSV || o->format == ES_FMT_JSON;
    int digits = o->digits > 0 ? o->digits : machine ? 15 : 4;
    switch (o->format) {
    case ES_FMT_JSON: es_render_json(r, o, &b, digits); break;
    case ES_FMT_CSV:
    case ES_FMT_TSV: {
        const es_rtable *tb = o->table ? es_results_find_table(r, o->table) : NULL;
        for (size_t t = 0; o->table == NULL && t < r->n_tables && tb == NULL; t++)
            tb = r->tables[t]->supplementary ? NULL : r->tables[t];
        if (tb == NULL) {
            es_buf_free(&b);
            return es_error(ES_EINVAL);
        }
        es_render_dsv(tb, &b, o->format == ES_FMT_CSV ? ',' : '\t', digits);
        break;
    }
    case ES_FMT_MD: es_render_md(r, &b, digits); break;
    case ES_FMT_LATEX: es_render_latex(r, &b, digits); break;
    default: es_render_text(r, &b, digits); break;
    }
    int rc = ES_OK;
    if (b.len > 0 && fwrite(b.data, 1, b.len, f) != b.len)
        rc = es_error(ES_EIO);
    if (fflush(f) != 0 || ferror(f))
        rc = es_error(ES_EIO);
    es_buf_free(&b);
    return rc;
}
