/* regress_design.c — the regress analysis's design over the units: log10(followers), its
 * square, and the covariates (unit fields or table columns carried to the units through
 * es_units.unit_of_row). */
#include "regress_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/buf.h"

/* A table column as a per-unit numeric covariate (account units: mean over the
 * account's rows) into x[u->n]; NaN when missing. */
static int es_reg_numeric_cov(const es_reg *r, const es_column *c, double *x)
{
    const es_units *u = r->u;
    double *cnt = calloc(u->n ? u->n : 1, sizeof *cnt);
    if (cnt == NULL)
        return ES_ENOMEM;
    for (size_t k = 0; k < u->n; k++)
        x[k] = 0;
    for (size_t i = 0; i < r->t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k == SIZE_MAX || isnan(c->num[i]))
            continue;
        x[k] += c->num[i];
        cnt[k]++;
    }
    for (size_t k = 0; k < u->n; k++)
        x[k] = cnt[k] > 0 ? x[k] / cnt[k] : NAN;
    free(cnt);
    return ES_OK;
}

/* A categorical table column as per-unit codes (account units: the first non-missing
 * value among the account's rows). */
static void es_reg_factor_cov(const es_reg *r, const es_column *c, uint32_t *codes)
{
    const es_units *u = r->u;
    for (size_t k = 0; k < u->n; k++)
        codes[k] = ES_DICT_NONE;
    for (size_t i = 0; i < r->t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k != SIZE_MAX && codes[k] == ES_DICT_NONE)
            codes[k] = c->codes[i];
    }
}

/* Keep p alive until es_reg_release. */
static int es_reg_own(es_reg *r, void *p)
{
    void **pp = realloc(r->owned, (r->n_owned + 1) * sizeof *pp);
    if (p == NULL || pp == NULL) {
        free(p);
        if (pp)
            r->owned = pp;
        return ES_ENOMEM;
    }
    r->owned = pp;
    pp[r->n_owned++] = p;
    return ES_OK;
}

/* A covariate from a column of the table (by name, else by role). */
static int es_reg_column_cov(es_reg *r, es_design *d, const char *tok, es_err *err)
{
    const es_table *t = r->t;
    const es_units *u = r->u;
    int j = es_table_find(t, tok);
    if (j < 0) {
        es_role role = es_role_from_name(tok);
        const es_column *c = role != ES_ROLE_NONE ? es_table_role(t, role) : NULL;
        j = c ? (int)(c - t->cols) : -1;
    }
    if (j < 0)
        return es_err_set(err, ES_EINVAL, "--covariates: no column '%s' in %s", tok, r->source);
    const es_column *c = &t->cols[j];
    if (u->unit_of_row == NULL || u->n_rows != t->n_rows)
        return es_err_set(err, ES_EINVAL, "--covariates %s: a column covariate needs the table's rows (the units "
                          "were built without a row map)", tok);
    if (c->type == ES_COL_TEXT)
        return es_err_set(err, ES_EINVAL, "--covariates: column '%s' holds (nearly) unique text values, not a "
                          "category", tok);
    if (c->type == ES_COL_NUMERIC) {
        double *x = malloc((u->n ? u->n : 1) * sizeof *x);
        if (es_reg_own(r, x) != ES_OK || es_reg_numeric_cov(r, c, x) != ES_OK)
            return es_err_set(err, ES_ENOMEM, "out of memory");
        return es_design_add_numeric(d, c->name, x);
    }
    uint32_t *codes = malloc((u->n ? u->n : 1) * sizeof *codes);
    if (es_reg_own(r, codes) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_reg_factor_cov(r, c, codes);
    return es_design_add_factor(d, c->name, codes, c->dict, NULL);
}

int es_reg_design(es_reg *r, const unsigned char *keep, int quadratic, int nat_log, es_design **out, es_err *err)
{
    const es_units *u = r->u;
    es_design *d = es_design_alloc(u->n);
    if (d == NULL)
        return ES_ENOMEM;
    *out = d;
    int st = es_design_add_intercept(d);
    double *lf = malloc((u->n ? u->n : 1) * sizeof *lf);
    if (lf == NULL)
        return ES_ENOMEM;
    for (size_t k = 0; k < u->n; k++)
        lf[k] = u->followers[k] > 0 ? (nat_log ? log(u->followers[k]) : log10(u->followers[k])) : NAN;
    if (st == ES_OK)
        st = es_design_add_numeric(d, nat_log ? "log(followers)" : "log10(followers)", lf);
    if (st == ES_OK && quadratic) {
        for (size_t k = 0; k < u->n; k++)
            lf[k] *= lf[k];
        st = es_design_add_numeric(d, "log10(followers)^2", lf);
    }
    free(lf);
    if (st != ES_OK)
        return st;
    if (r->o->covariates == NULL)
        return es_design_finish(d, keep);
    char *list = es_strdup(r->o->covariates), *save = NULL;
    if (list == NULL)
        return ES_ENOMEM;
    for (char *tok = strtok_r(list, ",", &save); tok && st == ES_OK; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (*tok == '\0')
            continue;
        if (strcmp(tok, "niche") == 0 && u->niche_dict)
            st = es_design_add_factor(d, "niche", u->niche, u->niche_dict, NULL);
        else if (strcmp(tok, "platform") == 0 && u->platform_dict)
            st = es_design_add_factor(d, "platform", u->platform, u->platform_dict, NULL);
        else if (strcmp(tok, "sponsored") == 0 && es_table_role(r->t, ES_ROLE_SPONSORED))
            st = es_design_add_numeric(d, "sponsored", u->sponsored);
        else
            st = es_reg_column_cov(r, d, tok, err);
    }
    free(list);
    if (st != ES_OK)
        return st;
    return es_design_finish(d, keep);
}

int es_reg_big_factor(const es_design *d)
{
    int best = -1;
    size_t most = ES_REG_FE_LEVELS;
    for (size_t t = 0; t < es_design_n_factors(d); t++)
        if (es_design_factor_levels(d, t) > most) {
            most = es_design_factor_levels(d, t);
            best = (int)t;
        }
    return best;
}

double *es_reg_matrix(const es_design *d)
{
    size_t n = es_design_n(d), p = es_design_p(d);
    double *X = malloc((n ? n : 1) * p * sizeof *X);
    for (size_t k = 0; X && k < n; k++)
        es_design_row(d, k, X + k * p);
    return X;
}

void es_reg_release(es_reg *r)
{
    for (size_t i = 0; i < r->n_owned; i++)
        free(r->owned[i]);
    free(r->owned);
    r->owned = NULL;
    r->n_owned = 0;
}
