/* table.c — columnar table with dictionary-encoded strings. */
#include "engagestat/table.h"
#include "engagestat/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const es_role_names[ES_ROLE_COUNT] = {
    [ES_ROLE_NONE] = "none",         [ES_ROLE_FOLLOWERS] = "followers",
    [ES_ROLE_LIKES] = "likes",       [ES_ROLE_COMMENTS] = "comments",
    [ES_ROLE_SHARES] = "shares",     [ES_ROLE_SAVES] = "saves",
    [ES_ROLE_VIEWS] = "views",       [ES_ROLE_IMPRESSIONS] = "impressions",
    [ES_ROLE_NICHE] = "niche",       [ES_ROLE_PLATFORM] = "platform",
    [ES_ROLE_ACCOUNT] = "account",   [ES_ROLE_POST] = "post",
    [ES_ROLE_DATE] = "date",         [ES_ROLE_SPONSORED] = "sponsored",
    [ES_ROLE_ER] = "er",
};

const char *es_role_name(es_role role)
{
    if ((int)role < 0 || role >= ES_ROLE_COUNT)
        return NULL;
    return es_role_names[role];
}

es_role es_role_from_name(const char *name)
{
    for (int r = 1; r < ES_ROLE_COUNT; r++)
        if (strcmp(name, es_role_names[r]) == 0)
            return (es_role)r;
    return ES_ROLE_NONE;
}

int es_role_is_count(es_role role)
{
    return role >= ES_ROLE_FOLLOWERS && role <= ES_ROLE_IMPRESSIONS;
}

const char *es_coltype_name(es_coltype t)
{
    switch (t) {
    case ES_COL_NUMERIC: return "numeric";
    case ES_COL_CATEGORICAL: return "categorical";
    case ES_COL_TEXT: return "text";
    }
    return "unknown";
}

es_table *es_table_alloc(void)
{
    es_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    for (int r = 0; r < ES_ROLE_COUNT; r++)
        t->role_col[r] = -1;
    return t;
}

static void es_column_release(es_column *c)
{
    free(c->name);
    free(c->num);
    free(c->codes);
    es_dict_free(c->dict);
    es_buf_free(&c->text);
    free(c->off);
}

void es_table_free(es_table *t)
{
    if (t == NULL)
        return;
    for (size_t j = 0; j < t->n_cols; j++)
        es_column_release(&t->cols[j]);
    free(t->cols);
    free(t);
}

static int es_column_storage(es_column *c, es_coltype type, size_t cap, size_t n_rows)
{
    c->type = type;
    if (type == ES_COL_NUMERIC) {
        c->num = malloc((cap ? cap : 1) * sizeof *c->num);
        if (c->num == NULL)
            return es_error(ES_ENOMEM);
        for (size_t i = 0; i < n_rows; i++)
            c->num[i] = NAN;
    } else if (type == ES_COL_TEXT) {
        c->off = malloc((cap ? cap : 1) * sizeof *c->off);
        if (c->off == NULL)
            return es_error(ES_ENOMEM);
        for (size_t i = 0; i < n_rows; i++)
            c->off[i] = UINT64_MAX;
    } else {
        c->codes = malloc((cap ? cap : 1) * sizeof *c->codes);
        c->dict = es_dict_alloc();
        if (c->codes == NULL || c->dict == NULL)
            return es_error(ES_ENOMEM);
        for (size_t i = 0; i < n_rows; i++)
            c->codes[i] = ES_DICT_NONE;
    }
    c->n_missing = n_rows;
    c->last_code = ES_DICT_NONE;
    return ES_OK;
}

int es_column_retype(es_table *t, size_t j, es_coltype type)
{
    es_column *c = &t->cols[j];
    if (t->n_rows != 0)
        return es_error(ES_EINVAL);
    free(c->num);
    free(c->codes);
    free(c->off);
    es_dict_free(c->dict);
    es_buf_free(&c->text);
    c->num = NULL;
    c->codes = NULL;
    c->off = NULL;
    c->dict = NULL;
    return es_column_storage(c, type, t->cap_rows, 0);
}

int es_table_add_column(es_table *t, const char *name, es_coltype type, size_t *index)
{
    es_column *cols = es_grow(t->cols, t->n_cols, sizeof *cols);
    if (cols == NULL)
        return es_error(ES_ENOMEM);
    t->cols = cols;
    es_column *c = &cols[t->n_cols];
    memset(c, 0, sizeof *c);
    c->name = es_strdup(name);
    if (c->name == NULL || es_column_storage(c, type, t->cap_rows, t->n_rows) != ES_OK) {
        es_column_release(c);
        return es_error(ES_ENOMEM);
    }
    if (index)
        *index = t->n_cols;
    t->n_cols++;
    return ES_OK;
}

void es_table_set_role(es_table *t, size_t j, es_role role)
{
    int old = t->role_col[role];
    if (old >= 0 && role != ES_ROLE_NONE)
        t->cols[old].role = ES_ROLE_NONE;
    if (t->cols[j].role != ES_ROLE_NONE)
        t->role_col[t->cols[j].role] = -1;
    t->cols[j].role = role;
    if (role != ES_ROLE_NONE)
        t->role_col[role] = (int)j;
}

int es_table_find(const es_table *t, const char *name)
{
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcmp(t->cols[j].name, name) == 0)
            return (int)j;
    return -1;
}

es_column *es_table_role(const es_table *t, es_role role)
{
    int j = t->role_col[role];
    return j < 0 ? NULL : &t->cols[j];
}

int es_table_reserve(es_table *t, size_t cap)
{
    if (cap <= t->cap_rows)
        return ES_OK;
    for (size_t j = 0; j < t->n_cols; j++) {
        es_column *c = &t->cols[j];
        if (c->type == ES_COL_NUMERIC) {
            double *p = realloc(c->num, cap * sizeof *p);
            if (p == NULL)
                return es_error(ES_ENOMEM);
            c->num = p;
        } else if (c->type == ES_COL_TEXT) {
            uint64_t *p = realloc(c->off, cap * sizeof *p);
            if (p == NULL)
                return es_error(ES_ENOMEM);
            c->off = p;
        } else {
            uint32_t *p = realloc(c->codes, cap * sizeof *p);
            if (p == NULL)
                return es_error(ES_ENOMEM);
            c->codes = p;
        }
    }
    t->cap_rows = cap;
    return ES_OK;
}

size_t es_table_row_bytes(const es_table *t)
{
    size_t b = 0;
    for (size_t j = 0; j < t->n_cols; j++)
        b += t->cols[j].type == ES_COL_NUMERIC ? sizeof(double)
             : t->cols[j].type == ES_COL_TEXT  ? sizeof(uint64_t)
                                               : sizeof(uint32_t);
    return b;
}

static size_t es_dict_bytes(const es_dict *d)
{
    return d == NULL ? 0 : sizeof *d + d->arena.cap + d->cap_strings * sizeof *d->offset + d->n_slots * sizeof *d->slot;
}

size_t es_table_bytes(const es_table *t)
{
    size_t b = sizeof *t + t->n_cols * sizeof *t->cols + t->cap_rows * es_table_row_bytes(t);
    for (size_t j = 0; j < t->n_cols; j++) {
        const es_column *c = &t->cols[j];
        b += strlen(c->name) + 1 + c->text.cap + es_dict_bytes(c->dict);
    }
    return b;
}

int es_table_add_row(es_table *t)
{
    /* Columns start small (16 rows) and double: a header of 100,000 columns costs
     * little before its rows come. */
    if (t->n_rows == t->cap_rows && es_table_reserve(t, t->cap_rows ? t->cap_rows * 2 : 16) != ES_OK)
        return ES_ENOMEM;
    for (size_t j = 0; j < t->n_cols; j++) {
        es_column *c = &t->cols[j];
        if (c->type == ES_COL_NUMERIC)
            c->num[t->n_rows] = NAN;
        else if (c->type == ES_COL_TEXT)
            c->off[t->n_rows] = UINT64_MAX;
        else
            c->codes[t->n_rows] = ES_DICT_NONE;
        c->n_missing++;
    }
    t->n_rows++;
    return ES_OK;
}

void es_table_clear_rows(es_table *t)
{
    for (size_t j = 0; j < t->n_cols; j++)
        if (t->cols[j].type == ES_COL_TEXT)
            es_buf_reset(&t->cols[j].text);
    t->n_rows = 0;
}

void es_table_pop_row(es_table *t)
{
    if (t->n_rows == 0)
        return;
    size_t row = t->n_rows - 1;
    for (size_t j = 0; j < t->n_cols; j++) {
        es_column *c = &t->cols[j];
        int missing = c->type == ES_COL_NUMERIC ? isnan(c->num[row])
                      : c->type == ES_COL_TEXT ? c->off[row] == UINT64_MAX : c->codes[row] == ES_DICT_NONE;
        if (missing)
            c->n_missing--;
    }
    t->n_rows--;
}

void es_table_set_num(es_table *t, size_t j, size_t row, double v)
{
    es_column *c = &t->cols[j];
    int was = isnan(c->num[row]), now = isnan(v);
    c->num[row] = v;
    c->n_missing += (size_t)now - (size_t)was;
}

int es_table_set_str(es_table *t, size_t j, size_t row, const char *s, size_t n)
{
    es_column *c = &t->cols[j];
    if (c->type == ES_COL_TEXT) {
        size_t at = c->text.len;
        if (es_buf_append(&c->text, s, n) != ES_OK || es_buf_append(&c->text, "", 1) != ES_OK)
            return ES_ENOMEM;
        if (c->off[row] == UINT64_MAX)
            c->n_missing--;
        c->off[row] = at;
        return ES_OK;
    }
    uint32_t code;
    /* Post files repeat an account's values row after row: try the last code first. */
    if (c->last_code != ES_DICT_NONE && c->last_len == n &&
        memcmp(es_dict_str(c->dict, c->last_code), s, n) == 0) {
        code = c->last_code;
    } else {
        if (es_dict_intern(c->dict, s, n, &code, NULL) != ES_OK)
            return ES_ENOMEM;
        c->last_code = code;
        c->last_len = n;
    }
    if (c->codes[row] == ES_DICT_NONE)
        c->n_missing--;
    c->codes[row] = code;
    return ES_OK;
}

int es_column_to_categorical(es_table *t, size_t j)
{
    es_column *c = &t->cols[j];
    if (c->type != ES_COL_NUMERIC)
        return ES_OK;
    es_column nc = {0};
    if (es_column_storage(&nc, ES_COL_CATEGORICAL, t->cap_rows, 0) != ES_OK) {
        es_column_release(&nc);
        return es_error(ES_ENOMEM);
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        if (isnan(c->num[i])) {
            nc.codes[i] = ES_DICT_NONE;
            nc.n_missing++;
            continue;
        }
        char tmp[40];
        int len = snprintf(tmp, sizeof tmp, "%.15g", c->num[i]);
        if (es_dict_intern(nc.dict, tmp, (size_t)len, &nc.codes[i], NULL) != ES_OK) {
            es_column_release(&nc);
            return es_error(ES_ENOMEM);
        }
    }
    free(c->num);
    c->num = NULL;
    c->type = ES_COL_CATEGORICAL;
    c->codes = nc.codes;
    c->dict = nc.dict;
    c->last_code = ES_DICT_NONE;
    c->n_missing = nc.n_missing;
    return ES_OK;
}

const char *es_column_str(const es_column *c, size_t row)
{
    if (c->type == ES_COL_TEXT)
        return c->off[row] == UINT64_MAX ? NULL : c->text.data + c->off[row];
    if (c->type == ES_COL_NUMERIC || c->codes[row] == ES_DICT_NONE)
        return NULL;
    return es_dict_str(c->dict, c->codes[row]);
}
