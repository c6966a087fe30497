/* engagement.c — engagement-rate definitions and the analysis units.
 *
 * ER of a row = (sum of the numerator roles) / denominator.  Post-level data give
 * one ER per post; account units combine an account's posts by their median, mean,
 * or the ratio of sums (sum of interactions / sum of denominators).  Rows whose ER is
 * undefined (a missing count, a zero denominator) or suspicious (above max_er) are
 * left out and counted, never silently. */
#include "engagestat/engagement.h"
#include "engagestat/load.h"
#include "engagestat/quantile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int es_numerator_role(es_role r)
{
    return r == ES_ROLE_LIKES || r == ES_ROLE_COMMENTS || r == ES_ROLE_SHARES || r == ES_ROLE_SAVES;
}

static int es_denominator_role(es_role r)
{
    return r == ES_ROLE_FOLLOWERS || r == ES_ROLE_VIEWS || r == ES_ROLE_IMPRESSIONS;
}

int es_er_parse(es_er_def *def, const char *spec, es_err *err)
{
    memset(def, 0, sizeof *def);
    const char *slash = strchr(spec, '/');
    if (slash == NULL || strchr(slash + 1, '/') != NULL)
        return es_err_set(err, ES_EINVAL, "--er '%s': expected NUM/DEN such as likes+comments/followers", spec);
    def->den = es_role_from_name(slash + 1);
    if (!es_denominator_role(def->den))
        return es_err_set(err, ES_EINVAL, "--er '%s': the denominator must be followers, views or impressions", spec);
    const char *p = spec;
    while (p < slash) {
        const char *q = memchr(p, '+', (size_t)(slash - p));
        size_t len = (size_t)((q ? q : slash) - p);
        if (q != NULL && q + 1 == slash)
            return es_err_set(err, ES_EINVAL, "--er '%s': empty numerator term", spec);
        char name[32];
        if (len == 0 || len >= sizeof name)
            return es_err_set(err, ES_EINVAL, "--er '%s': empty or overlong numerator term", spec);
        memcpy(name, p, len);
        name[len] = '\0';
        es_role r = es_role_from_name(name);
        if (!es_numerator_role(r))
            return es_err_set(err, ES_EINVAL, "--er '%s': '%s' is not one of likes, comments, shares, saves", spec, name);
        for (size_t i = 0; i < def->n_num; i++)
            if (def->num[i] == r)
                return es_err_set(err, ES_EINVAL, "--er '%s': '%s' appears twice", spec, name);
        if (def->n_num == 4)
            return es_err_set(err, ES_EINVAL, "--er '%s': too many numerator terms", spec);
        def->num[def->n_num++] = r;
        p = q ? q + 1 : slash;
    }
    if (def->n_num == 0)
        return es_err_set(err, ES_EINVAL, "--er '%s': no numerator", spec);
    return ES_OK;
}

int es_er_format(const es_er_def *def, es_buf *b)
{
    for (size_t i = 0; i < def->n_num; i++)
        if (es_buf_printf(b, "%s%s", i ? "+" : "", es_role_name(def->num[i])) != ES_OK)
            return ES_ENOMEM;
    return es_buf_printf(b, "/%s", es_role_name(def->den));
}

void es_units_free(es_units *u)
{
    if (u == NULL)
        return;
    free(u->er);
    free(u->followers);
    free(u->band);
    free(u->niche);
    free(u->platform);
    free(u->account);
    free(u->sponsored);
    free(u->n_posts);
    free(u->unit_of_row);
    memset(u, 0, sizeof *u);
}

static int es_units_alloc(es_units *u, size_t n)
{
    size_t m = n ? n : 1;
    u->er = malloc(m * sizeof *u->er);
    u->followers = malloc(m * sizeof *u->followers);
    u->band = malloc(m * sizeof *u->band);
    u->niche = malloc(m * sizeof *u->niche);
    u->platform = malloc(m * sizeof *u->platform);
    u->account = malloc(m * sizeof *u->account);
    u->sponsored = malloc(m * sizeof *u->sponsored);
    u->n_posts = malloc(m * sizeof *u->n_posts);
    if (!u->er || !u->followers || !u->band || !u->niche || !u->platform || !u->account || !u->sponsored ||
        !u->n_posts)
        return es_error(ES_ENOMEM);
    return ES_OK;
}

static uint32_t es_code(const es_column *c, size_t row)
{
    if (c == NULL || c->type == ES_COL_NUMERIC)
        return ES_DICT_NONE;
    return c->codes[row];
}

static const es_column *es_need(const es_table *t, es_role r, const char *er, es_err *err, int *rc)
{
    const es_column *c = es_table_role(t, r);
    if (c == NULL || c->type != ES_COL_NUMERIC) {
        *rc = es_err_set(err, ES_EINVAL,
                         "the engagement rate %s needs a '%s' column and none was found (use --map %s=COLUMN, "
                         "or choose another --er)", er, es_role_name(r), es_role_name(r));
        return NULL;
    }
    return c;
}

int es_units_build(es_units *u, const es_table *t, const es_units_opts *o, es_err *err)
{
    memset(u, 0, sizeof *u);
    es_buf erb = {0};
    es_er_format(&o->er, &erb);
    int rc = ES_OK;
    const es_column *num[4] = {NULL};
    for (size_t i = 0; i < o->er.n_num && rc == ES_OK; i++)
        num[i] = es_need(t, o->er.num[i], erb.data, err, &rc);
    const es_column *den = rc == ES_OK ? es_need(t, o->er.den, erb.data, err, &rc) : NULL;
    const es_column *fol = rc == ES_OK ? es_need(t, ES_ROLE_FOLLOWERS, erb.data, err, &rc) : NULL;
    es_buf_free(&erb);
    if (rc != ES_OK)
        return rc;
    const es_column *niche = es_table_role(t, ES_ROLE_NICHE);
    const es_column *platform = es_table_role(t, ES_ROLE_PLATFORM);
    const es_column *account = es_table_role(t, ES_ROLE_ACCOUNT);
    const es_column *sponsored = es_table_role(t, ES_ROLE_SPONSORED);
    if (account != NULL && account->type == ES_COL_NUMERIC)
        account = NULL;
    if (sponsored != NULL && sponsored->type != ES_COL_NUMERIC)
        sponsored = NULL;
    u->niche_dict = niche && niche->type != ES_COL_NUMERIC ? niche->dict : NULL;
    u->platform_dict = platform && platform->type != ES_COL_NUMERIC ? platform->dict : NULL;
    u->account_dict = account ? account->dict : NULL;
    u->post_level = es_table_is_post_level(t);
    /* Rows are the units for account-level data (one row per account) and for post
     * units; only post-level data with account units are grouped. */
    int rows_as_units = !u->post_level || o->unit_post || account == NULL;
    u->unit_post = u->post_level && (o->unit_post || account == NULL);
    u->n_rows = t->n_rows;

    /* ER per row; rows that cannot enter are counted by reason. */
    double *row_er = malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_er);
    double *row_num = malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_num);
    u->unit_of_row = malloc((t->n_rows ? t->n_rows : 1) * sizeof *u->unit_of_row);
    if (row_er == NULL || row_num == NULL || u->unit_of_row == NULL) {
        free(row_er);
        free(row_num);
        es_units_free(u);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    size_t valid = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        double s = 0;
        for (size_t k = 0; k < o->er.n_num; k++)
            s += num[k]->num[i];
        double d = den->num[i];
        row_num[i] = s;
        row_er[i] = NAN;
        u->unit_of_row[i] = SIZE_MAX;
        if (isnan(s) || isnan(d) || isnan(fol->num[i]))
            u->excl_missing_counts++;
        else if (d <= 0)
            u->excl_zero_den++;
        else if (s / d > o->max_er)
            u->excl_above_max++;
        else {
            row_er[i] = s / d;
            valid++;
        }
    }
    if (valid == 0) {
        free(row_er);
        free(row_num);
        free(u->unit_of_row);
        u->unit_of_row = NULL;
        return es_err_set(err, ES_EEMPTY, "no row has a defined engagement rate (%zu missing counts, %zu zero denominators, %zu above --max-er)",
                          u->excl_missing_counts, u->excl_zero_den, u->excl_above_max);
    }
    if (rows_as_units) {
        if (es_units_alloc(u, valid) != ES_OK) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        size_t k = 0;
        for (size_t i = 0; i < t->n_rows; i++) {
            if (isnan(row_er[i]))
                continue;
            u->er[k] = row_er[i];
            u->followers[k] = fol->num[i];
            u->niche[k] = es_code(niche, i);
            u->platform[k] = es_code(platform, i);
            u->account[k] = es_code(account, i);
            u->sponsored[k] = sponsored ? sponsored->num[i] : NAN;
            u->n_posts[k] = 1;
            u->unit_of_row[i] = k;
            k++;
        }
        u->n = k;
        u->n_posts_total = k;
    } else {
        /* Group the valid rows by account with a counting sort on the codes. */
        size_t na = es_dict_size(account->dict);
        size_t *start = calloc(na + 1, sizeof *start);
        size_t *order = malloc(valid * sizeof *order);
        double *scratch = malloc(valid * sizeof *scratch);
        if (start == NULL || order == NULL || scratch == NULL) {
            free(start);
            free(order);
            free(scratch);
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        size_t no_account = 0;
        for (size_t i = 0; i < t->n_rows; i++)
            if (!isnan(row_er[i])) {
                if (account->codes[i] == ES_DICT_NONE)
                    no_account++;
                else
                    start[account->codes[i] + 1]++;
            }
        for (size_t a = 0; a < na; a++)
            start[a + 1] += start[a];
        size_t *fill = malloc((na ? na : 1) * sizeof *fill);
        if (fill == NULL) {
            free(start);
            free(order);
            free(scratch);
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        memcpy(fill, start, na * sizeof *fill);
        for (size_t i = 0; i < t->n_rows; i++)
            if (!isnan(row_er[i]) && account->codes[i] != ES_DICT_NONE)
                order[fill[account->codes[i]]++] = i;
        free(fill);
        size_t n_acc = 0;
        for (size_t a = 0; a < na; a++)
            if (start[a + 1] > start[a])
                n_acc++;
        if (es_units_alloc(u, n_acc) != ES_OK) {
            free(start);
            free(order);
            free(scratch);
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        /* Rows without an account cannot be grouped; they count as missing. */
        u->excl_missing_counts += no_account;
        size_t k = 0;
        for (size_t a = 0; a < na; a++) {
            size_t lo = start[a], hi = start[a + 1], m = hi - lo;
            if (m == 0)
                continue;
            double sum_num = 0, sum_den = 0, sum_er = 0, spons = 0;
            size_t n_spons = 0;
            uint32_t nich = ES_DICT_NONE, plat = ES_DICT_NONE;
            for (size_t r = lo; r < hi; r++) {
                size_t i = order[r];
                u->unit_of_row[i] = k;
                sum_num += row_num[i];
                sum_den += den->num[i];
                sum_er += row_er[i];
                scratch[r - lo] = fol->num[i];
                if (nich == ES_DICT_NONE)
                    nich = es_code(niche, i);
                if (plat == ES_DICT_NONE)
                    plat = es_code(platform, i);
                if (sponsored && !isnan(sponsored->num[i])) {
                    spons += sponsored->num[i];
                    n_spons++;
                }
            }
            /* Followers of an account: the median over its posts (scraped files
             * usually repeat one snapshot value). */
            u->followers[k] = es_median(scratch, m);
            for (size_t r = lo; r < hi; r++)
                scratch[r - lo] = row_er[order[r]];
            switch (o->agg) {
            case ES_AGG_MEAN: u->er[k] = sum_er / (double)m; break;
            case ES_AGG_RATIO: u->er[k] = sum_num / sum_den; break;
            default: u->er[k] = es_median(scratch, m); break;
            }
            u->niche[k] = nich;
            u->platform[k] = plat;
            u->account[k] = (uint32_t)a;
            u->sponsored[k] = n_spons ? spons / (double)n_spons : NAN;
            u->n_posts[k] = m;
            u->n_posts_total += m;
            k++;
        }
        u->n = k;
        free(start);
        free(order);
        free(scratch);
    }
    for (size_t k = 0; k < u->n; k++) {
        u->band[k] = o->bands ? es_bands_classify(o->bands, u->followers[k]) : -1;
        if (o->bands && u->band[k] < 0)
            u->n_below_bands++;
    }
out:
    free(row_er);
    free(row_num);
    if (rc != ES_OK)
        es_units_free(u);
    return rc;
}

size_t es_units_select(const es_units *u, int band, es_role by, uint32_t group, double *out)
{
    size_t m = 0;
    for (size_t k = 0; k < u->n; k++) {
        if (band != -2 && u->band[k] != band)
            continue;
        if (group != ES_DICT_NONE) {
            uint32_t g = by == ES_ROLE_PLATFORM ? u->platform[k] : u->niche[k];
            if (g != group)
                continue;
        }
        out[m++] = u->er[k];
    }
    return m;
}
