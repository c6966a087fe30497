/* design.c — model matrices with treatment-coded factors (Chambers & Hastie 1992,
 * Statistical Models in S, ch. 2: a factor with k levels present contributes k - 1
 * dummy columns against a reference level).  Rows are produced on demand, so a model
 * over millions of posts never stores the n x p matrix. */
#include "engagestat/design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"

typedef enum { ES_TERM_INTERCEPT, ES_TERM_NUMERIC, ES_TERM_FACTOR } es_term_kind;

typedef struct {
    es_term_kind kind;
    char *name;
    double *x;              /* numeric: owned copy */
    const uint32_t *codes;  /* factor: borrowed */
    const es_dict *dict;
    char *ref_name;         /* requested reference, or NULL */
    uint32_t ref;           /* chosen reference code */
    size_t n_codes;         /* dictionary size when finished */
    size_t *col_of_code;    /* column index per code, (size_t)-1 for none */
    size_t col0, ncols;
    size_t n_levels, n_empty;
} es_term;

struct es_design {
    size_t n_src;
    es_term *terms;
    size_t n_terms, cap_terms;
    size_t p;
    char **colnames;
    size_t *col_term;
    size_t *rows;           /* complete rows */
    size_t n;
    int finished;
};

es_design *es_design_alloc(size_t n)
{
    es_design *d = calloc(1, sizeof *d);
    if (d)
        d->n_src = n;
    return d;
}

void es_design_free(es_design *d)
{
    if (d == NULL)
        return;
    for (size_t t = 0; t < d->n_terms; t++) {
        free(d->terms[t].name);
        free(d->terms[t].x);
        free(d->terms[t].ref_name);
        free(d->terms[t].col_of_code);
    }
    free(d->terms);
    for (size_t j = 0; j < d->p; j++)
        free(d->colnames[j]);
    free(d->colnames);
    free(d->col_term);
    free(d->rows);
    free(d);
}

static es_term *es_design_new_term(es_design *d, es_term_kind kind, const char *name)
{
    if (d->finished)
        return NULL;
    if (d->n_terms == d->cap_terms) {
        size_t cap = d->cap_terms ? 2 * d->cap_terms : 8;
        es_term *t = realloc(d->terms, cap * sizeof *t);
        if (t == NULL)
            return NULL;
        d->terms = t;
        d->cap_terms = cap;
    }
    es_term *t = &d->terms[d->n_terms];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->name = es_strdup(name);
    if (t->name == NULL)
        return NULL;
    d->n_terms++;
    return t;
}

int es_design_add_intercept(es_design *d)
{
    return es_design_new_term(d, ES_TERM_INTERCEPT, "(Intercept)") ? ES_OK : es_error(ES_ENOMEM);
}

int es_design_add_numeric(es_design *d, const char *name, const double *x)
{
    es_term *t = es_design_new_term(d, ES_TERM_NUMERIC, name);
    if (t == NULL)
        return es_error(ES_ENOMEM);
    t->x = malloc((d->n_src ? d->n_src : 1) * sizeof *t->x);
    if (t->x == NULL)
        return es_error(ES_ENOMEM);
    memcpy(t->x, x, d->n_src * sizeof *t->x);
    return ES_OK;
}

int es_design_add_factor(es_design *d, const char *name, const uint32_t *codes, const es_dict *dict,
                         const char *ref)
{
    es_term *t = es_design_new_term(d, ES_TERM_FACTOR, name);
    if (t == NULL)
        return es_error(ES_ENOMEM);
    t->codes = codes;
    t->dict = dict;
    if (ref != NULL && (t->ref_name = es_strdup(ref)) == NULL)
        return es_error(ES_ENOMEM);
    return ES_OK;
}

static int es_design_add_col(es_design *d, size_t term, const char *a, const char *b)
{
    char **names = realloc(d->colnames, (d->p + 1) * sizeof *names);
    if (names == NULL)
        return es_error(ES_ENOMEM);
    d->colnames = names;
    size_t *ct = realloc(d->col_term, (d->p + 1) * sizeof *ct);
    if (ct == NULL)
        return es_error(ES_ENOMEM);
    d->col_term = ct;
    es_buf buf = {0};
    if (es_buf_puts(&buf, a) != ES_OK || (b && es_buf_puts(&buf, b) != ES_OK)) {
        es_buf_free(&buf);
        return es_error(ES_ENOMEM);
    }
    d->colnames[d->p] = es_buf_take(&buf);
    if (d->colnames[d->p] == NULL)
        return es_error(ES_ENOMEM);
    d->col_term[d->p] = term;
    d->p++;
    return ES_OK;
}

int es_design_finish(es_design *d, const unsigned char *keep)
{
    if (d->finished)
        return es_error(ES_EINVAL);
    d->rows = malloc((d->n_src ? d->n_src : 1) * sizeof *d->rows);
    if (d->rows == NULL)
        return es_error(ES_ENOMEM);
    d->n = 0;
    for (size_t i = 0; i < d->n_src; i++) {
        if (keep && !keep[i])
            continue;
        int ok = 1;
        for (size_t t = 0; t < d->n_terms && ok; t++) {
            const es_term *tm = &d->terms[t];
            if (tm->kind == ES_TERM_NUMERIC && !isfinite(tm->x[i]))
                ok = 0;
            if (tm->kind == ES_TERM_FACTOR && tm->codes[i] == ES_DICT_NONE)
                ok = 0;
        }
        if (ok)
            d->rows[d->n++] = i;
    }
    if (d->n == 0)
        return es_error(ES_EEMPTY);
    for (size_t t = 0; t < d->n_terms; t++) {
        es_term *tm = &d->terms[t];
        tm->col0 = d->p;
        if (tm->kind != ES_TERM_FACTOR) {
            if (es_design_add_col(d, t, tm->name, NULL) != ES_OK)
                return es_error(ES_ENOMEM);
            tm->ncols = 1;
            continue;
        }
        size_t nc = es_dict_size(tm->dict);
        tm->n_codes = nc;
        size_t *count = calloc(nc ? nc : 1, sizeof *count);
        tm->col_of_code = malloc((nc ? nc : 1) * sizeof *tm->col_of_code);
        if (count == NULL || tm->col_of_code == NULL) {
            free(count);
            return es_error(ES_ENOMEM);
        }
        for (size_t k = 0; k < d->n; k++)
            count[tm->codes[d->rows[k]]]++;
        uint32_t ref = 0;
        if (tm->ref_name) {
            ref = es_dict_find(tm->dict, tm->ref_name, strlen(tm->ref_name));
            if (ref == ES_DICT_NONE || count[ref] == 0) {
                free(count);
                return es_error(ES_EINVAL);
            }
        } else {
            for (uint32_t c = 1; c < nc; c++)
                if (count[c] > count[ref])
                    ref = c;
        }
        tm->ref = ref;
        for (uint32_t c = 0; c < nc; c++) {
            tm->col_of_code[c] = (size_t)-1;
            if (count[c] == 0) {
                tm->n_empty++;
                continue;
            }
            tm->n_levels++;
            if (c == ref)
                continue;
            tm->col_of_code[c] = d->p;
            if (es_design_add_col(d, t, tm->name, es_dict_str(tm->dict, c)) != ES_OK) {
                free(count);
                return es_error(ES_ENOMEM);
            }
            tm->ncols++;
        }
        free(count);
    }
    d->finished = 1;
    return ES_OK;
}

size_t es_design_n(const es_design *d)
{
    return d->n;
}

size_t es_design_p(const es_design *d)
{
    return d->p;
}

const char *es_design_colname(const es_design *d, size_t j)
{
    return j < d->p ? d->colnames[j] : NULL;
}

size_t es_design_source_row(const es_design *d, size_t k)
{
    return d->rows[k];
}

int es_design_find(const es_design *d, const char *colname)
{
    for (size_t j = 0; j < d->p; j++)
        if (strcmp(d->colnames[j], colname) == 0)
            return (int)j;
    return -1;
}

/* Row k into x, skipping the columns of term skip (n_terms: none). */
static void es_design_row_skip(const es_design *d, size_t k, size_t skip, double *x)
{
    size_t i = d->rows[k];
    for (size_t t = 0; t < d->n_terms; t++) {
        const es_term *tm = &d->terms[t];
        if (t == skip)
            continue;
        switch (tm->kind) {
        case ES_TERM_INTERCEPT: x[tm->col0] = 1; break;
        case ES_TERM_NUMERIC: x[tm->col0] = tm->x[i]; break;
        case ES_TERM_FACTOR: {
            for (size_t j = 0; j < tm->ncols; j++)
                x[tm->col0 + j] = 0;
            size_t c = tm->col_of_code[tm->codes[i]];
            if (c != (size_t)-1)
                x[c] = 1;
            break;
        }
        }
    }
}

void es_design_row(const es_design *d, size_t k, double *x)
{
    es_design_row_skip(d, k, d->n_terms, x);
}

/* The term index of factor t, or n_terms. */
static size_t es_factor_index(const es_design *d, size_t t)
{
    size_t k = 0;
    for (size_t j = 0; j < d->n_terms; j++)
        if (d->terms[j].kind == ES_TERM_FACTOR && k++ == t)
            return j;
    return d->n_terms;
}

static const es_term *es_factor_term(const es_design *d, size_t t)
{
    size_t j = es_factor_index(d, t);
    return j < d->n_terms ? &d->terms[j] : NULL;
}

size_t es_design_factor_cols(const es_design *d, size_t t, size_t *col0)
{
    const es_term *tm = es_factor_term(d, t);
    *col0 = tm ? tm->col0 : 0;
    return tm && d->finished ? tm->ncols : 0;
}

size_t es_design_row_factor(const es_design *d, size_t k, size_t t, double *x)
{
    size_t j = es_factor_index(d, t);
    es_design_row_skip(d, k, j, x);
    if (j == d->n_terms)
        return (size_t)-1;
    const es_term *tm = &d->terms[j];
    return tm->col_of_code[tm->codes[d->rows[k]]];
}

size_t es_design_n_factors(const es_design *d)
{
    size_t k = 0;
    for (size_t j = 0; j < d->n_terms; j++)
        k += d->terms[j].kind == ES_TERM_FACTOR;
    return k;
}

const char *es_design_factor_name(const es_design *d, size_t t)
{
    const es_term *tm = es_factor_term(d, t);
    return tm ? tm->name : NULL;
}

const char *es_design_factor_reference(const es_design *d, size_t t)
{
    const es_term *tm = es_factor_term(d, t);
    return tm && d->finished ? es_dict_str(tm->dict, tm->ref) : NULL;
}

size_t es_design_factor_levels(const es_design *d, size_t t)
{
    const es_term *tm = es_factor_term(d, t);
    return tm ? tm->n_levels : 0;
}

size_t es_design_factor_empty(const es_design *d, size_t t)
{
    const es_term *tm = es_factor_term(d, t);
    return tm ? tm->n_empty : 0;
}

double es_design_numeric_mean(const es_design *d, size_t j)
{
    if (j >= d->p || d->n == 0)
        return NAN;
    const es_term *tm = &d->terms[d->col_term[j]];
    if (tm->kind == ES_TERM_INTERCEPT)
        return 1;
    if (tm->kind != ES_TERM_NUMERIC)
        return NAN;
    long double s = 0;
    for (size_t k = 0; k < d->n; k++)
        s += tm->x[d->rows[k]];
    return (double)(s / (long double)d->n);
}
