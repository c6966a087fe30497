/* engagement.c — engagement-rate definitions and the analysis units.
 *
 * ER of a row = the definition's expression (er_expr.c) on the row's values; a
 * missing value makes it missing, a divisor <= 0 a zero denominator.  Post-level data give
 * one ER per post; account units combine an account's posts by their median, mean,
 * or the ratio of sums (sum of interactions / sum of denominators).  Rows whose ER is
 * undefined (a missing count, a zero denominator) or above max_er (when set) are left
 * out and counted, by reason and band, never silently.  An account is a (platform,
 * account) pair. */
#include "engagestat/engagement.h"
#include "engagestat/load.h"
#include "engagestat/quantile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    free(u->excl_rows_band); /* excl_units_band lies in the same block */
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

/* A table of band summaries (published benchmarks) where data are needed: the
 * message says so (es_level_refuse_bands); 0 when t is not one. */
static int es_band_summary(const es_table *t, es_err *err, int *rc)
{
    es_level_info li;
    if (es_table_level(t, &li, NULL) == ES_ENOMEM || li.detected != ES_LEVEL_BANDS)
        return 0;
    *rc = es_level_refuse_bands(&li, err);
    return 1;
}

static const es_column *es_need(const es_table *t, es_role r, const char *er, es_err *err, int *rc)
{
    const es_column *c = es_table_role(t, r);
    if ((c == NULL || c->type != ES_COL_NUMERIC) && es_band_summary(t, err, rc))
        return NULL;
    if (c == NULL || c->type != ES_COL_NUMERIC) {
        *rc = es_err_set(err, ES_EINVAL,
                         "the engagement rate %s needs a '%s' column and none was found (use --map %s=COLUMN, "
                         "or choose another --er)", er, es_role_name(r), es_role_name(r));
        return NULL;
    }
    return c;
}

/* The column a name of the definition means: its role's column or, failing that, the
 * column of that exact name; NULL when none. */
static const es_column *es_er_column(const es_table *t, const es_er_def *d, const es_er_node *n)
{
    const es_column *c = n->role != ES_ROLE_NONE ? es_table_role(t, n->role) : NULL;
    if (c == NULL) {
        int j = es_table_find(t, d->names + n->name);
        c = j >= 0 ? &t->cols[j] : NULL;
    }
    return c;
}

int es_er_auto(const es_table *t)
{
    const es_column *er = es_table_role(t, ES_ROLE_ER), *l = es_table_role(t, ES_ROLE_LIKES),
                    *c = es_table_role(t, ES_ROLE_COMMENTS);
    if (er == NULL || er->type != ES_COL_NUMERIC)
        return 0;
    if (l == NULL || c == NULL || l->type != ES_COL_NUMERIC || c->type != ES_COL_NUMERIC)
        return 1;
    for (size_t i = 0; i < t->n_rows; i++)
        if (!isnan(er->num[i]) && (isnan(l->num[i]) || isnan(c->num[i])))
            return 1;
    return 0;
}

int es_units_check(const es_table *t, const es_units_opts *o, es_err *err)
{
    const es_er_def *d = &o->er;
    es_buf erb = {0};
    es_er_format(d, &erb);
    int rc = ES_OK, nn, dn;
    if (d->n_node == 0)
        rc = es_err_set(err, ES_EINVAL, "no engagement-rate definition (--er)");
    for (size_t k = 0; k < d->n_node && rc == ES_OK; k++) {
        const es_er_node *n = &d->node[k];
        if (n->op != ES_ER_NAME)
            continue;
        const es_column *c = es_er_column(t, d, n);
        if (c == NULL && n->role == ES_ROLE_NONE)
            rc = es_err_set(err, ES_EINVAL, "--er '%s': at position %zu: '%s' is neither a role (likes, comments, shares, "
                            "saves, views, impressions, followers, er) nor a column of the file",
                            erb.data, n->pos, d->names + n->name);
        else if (c != NULL && c->type != ES_COL_NUMERIC && n->role == ES_ROLE_NONE)
            rc = es_err_set(err, ES_EINVAL, "--er '%s': at position %zu: column '%s' is not numeric (%s)", erb.data,
                            n->pos, c->name, es_coltype_name(c->type));
    }
    if (rc == ES_OK && o->agg == ES_AGG_RATIO && !es_er_ratio(d, &nn, &dn))
        rc = es_err_set(err, ES_EINVAL, "--account-er ratio sums a numerator and a denominator over each account's "
                        "posts, and the engagement rate '%s' is not a division N/D at the top: use --account-er "
                        "median or mean, or write the definition as N/D", erb.data);
    es_buf_free(&erb);
    return rc;
}

/* The columns behind the names of the definition (NULL for other nodes), the scale of
 * each (0.01 for an er column read as percent) and the er-role facts into u. */
static int es_er_bind(es_units *u, const es_table *t, const es_er_def *d, const char *er, const es_column **col,
                      double *scale, es_err *err)
{
    int rc = ES_OK;
    for (size_t k = 0; k < d->n_node && rc == ES_OK; k++) {
        const es_er_node *n = &d->node[k];
        col[k] = NULL;
        scale[k] = 1;
        if (n->op != ES_ER_NAME)
            continue;
        col[k] = es_er_column(t, d, n);
        if (col[k] == NULL || col[k]->type != ES_COL_NUMERIC)
            col[k] = es_need(t, n->role, er, err, &rc);
        if (rc == ES_OK && n->role == ES_ROLE_ER && col[k] == es_table_role(t, ES_ROLE_ER)) {
            double *v = malloc((t->n_rows ? t->n_rows : 1) * sizeof *v);
            if (v == NULL)
                return es_err_set(err, ES_ENOMEM, "out of memory");
            size_t m = 0;
            for (size_t i = 0; i < t->n_rows; i++)
                if (!isnan(col[k]->num[i]))
                    v[m++] = col[k]->num[i];
            u->er_column = col[k]->name;
            u->er_median = m ? es_median(v, m) : NAN;
            u->er_percent = m && u->er_median > 1;
            scale[k] = u->er_percent ? 0.01 : 1;
            free(v);
        }
    }
    return rc;
}

/* The definition on row i: the value of every node into val (children first); *missing
 * when a value it uses is missing, *zero when a divisor is zero or negative. */
static void es_er_eval(const es_er_def *d, const es_column *const *col, const double *scale, size_t i, double *val,
                       int *missing, int *zero)
{
    *missing = *zero = 0;
    for (size_t k = 0; k < d->n_node; k++) {
        const es_er_node *n = &d->node[k];
        double a = n->a >= 0 ? val[n->a] : 0, b = n->b >= 0 ? val[n->b] : 0;
        switch (n->op) {
        case ES_ER_CONST: val[k] = n->value; break;
        case ES_ER_NAME:
            val[k] = col[k]->num[i] * scale[k];
            *missing |= isnan(val[k]);
            break;
        case ES_ER_ADD: val[k] = a + b; break;
        case ES_ER_SUB: val[k] = a - b; break;
        case ES_ER_MUL: val[k] = a * b; break;
        case ES_ER_DIV:
            *zero |= !(b > 0);
            val[k] = a / b;
            break;
        }
    }
}

/* A row's account key: (account code, platform code + 1) in the high and low words,
 * so that the same name on two platforms is two accounts. */
static uint64_t es_row_key(const es_column *account, const es_column *platform, size_t i)
{
    return (uint64_t)account->codes[i] << 32 | (uint32_t)(es_code(platform, i) + 1u);
}

/* Whether row i enters the grouping: it has an account (and, valid_only, an ER). */
static int es_row_grouped(const es_column *account, const double *row_er, int valid_only, size_t i)
{
    return account->codes[i] != ES_DICT_NONE && (!valid_only || !isnan(row_er[i]));
}

/* For the qsort of es_keyed_rows: (key, row) pairs, the row as the tie-break. */
typedef struct {
    uint64_t key;
    size_t row;
} es_keyed;

static int es_keyed_cmp(const void *a, const void *b)
{
    const es_keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* The grouped rows (es_row_grouped), sorted by key, then row, so that each account's
 * rows are consecutive and in file order; *n their count.  Only the rows are kept (4
 * bytes a row): a row's key is read back from the columns.  When there are at most
 * about two (account, platform) code pairs a row (codes are below their dictionary's
 * size), a counting sort places them straight from the columns (O(rows + pairs),
 * stable), else qsort on (key, row) pairs: the same order either way.  NULL when out
 * of memory (or past 2^32 - 1 rows). */
static uint32_t *es_keyed_rows(const es_column *account, const es_column *platform, const double *row_er,
                               int valid_only, size_t n_rows, size_t *n)
{
    if (n_rows >= UINT32_MAX)
        return NULL;
    uint32_t *kr = malloc((n_rows ? n_rows : 1) * sizeof *kr);
    if (kr == NULL)
        return NULL;
    size_t na = es_dict_size(account->dict), np = platform != NULL ? es_dict_size(platform->dict) + 1 : 1;
    size_t *start = n_rows > 1 && na > 0 && na <= (2 * n_rows + 1024) / np ? calloc(na * np + 1, sizeof *start) : NULL;
    size_t m = 0;
    if (start != NULL) {
        for (size_t i = 0; i < n_rows; i++)
            if (es_row_grouped(account, row_er, valid_only, i)) {
                uint64_t key = es_row_key(account, platform, i);
                start[(key >> 32) * np + (key & 0xFFFFFFFFu) + 1]++;
                m++;
            }
        for (size_t k = 0; k < na * np; k++)
            start[k + 1] += start[k];
        for (size_t i = 0; i < n_rows; i++)
            if (es_row_grouped(account, row_er, valid_only, i)) {
                uint64_t key = es_row_key(account, platform, i);
                kr[start[(key >> 32) * np + (key & 0xFFFFFFFFu)]++] = (uint32_t)i;
            }
        free(start);
        *n = m;
        return kr;
    }
    es_keyed *pairs = malloc((n_rows ? n_rows : 1) * sizeof *pairs);
    if (pairs == NULL) {
        free(kr);
        return NULL;
    }
    for (size_t i = 0; i < n_rows; i++)
        if (es_row_grouped(account, row_er, valid_only, i))
            pairs[m++] = (es_keyed){es_row_key(account, platform, i), i};
    qsort(pairs, m, sizeof *pairs, es_keyed_cmp);
    for (size_t k = 0; k < m; k++)
        kr[k] = (uint32_t)pairs[k].row;
    free(pairs);
    *n = m;
    return kr;
}

/* Accounts (keys with a row of defined ER), names split across platforms, and
 * accounts whose follower count varies across those rows; *max_rows the most rows of
 * one key. */
static void es_account_stats(es_units *u, const es_column *account, const es_column *platform, const uint32_t *kr,
                             size_t n, const double *row_er, const double *fol, size_t *max_rows)
{
    uint64_t prev_name = UINT64_MAX;
    size_t groups_of_name = 0;
    *max_rows = 0;
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        double fmin = INFINITY, fmax = -INFINITY;
        size_t m = 0;
        uint64_t key = es_row_key(account, platform, kr[lo]);
        for (hi = lo; hi < n && es_row_key(account, platform, kr[hi]) == key; hi++)
            if (!isnan(row_er[kr[hi]])) {
                double f = fol[kr[hi]];
                fmin = f < fmin ? f : fmin;
                fmax = f > fmax ? f : fmax;
                m++;
            }
        *max_rows = hi - lo > *max_rows ? hi - lo : *max_rows;
        if (m == 0)
            continue;
        u->n_accounts++;
        u->n_followers_vary += fmin != fmax;
        uint64_t name = key >> 32;
        groups_of_name = name == prev_name ? groups_of_name + 1 : 1;
        prev_name = name;
        u->n_split_accounts += groups_of_name == 2;
    }
}

size_t es_units_excluded(const es_units *u, int units, es_excl_reason reason, int b)
{
    const size_t *l = units ? u->excl_units_band : u->excl_rows_band;
    if (l == NULL || b < -1 || (size_t)(b + 1) > u->ledger_bands || reason >= ES_EXCL_NREASONS)
        return 0;
    return l[(size_t)reason * (u->ledger_bands + 1) + (size_t)(b + 1)];
}

/* One row or unit into the ledger, in band `band` (-1: below or none); not at all
 * when its band is unknown (followers unknown, for bands by edges). */
static void es_ledger_add(size_t *ledger, const es_bands *b, es_excl_reason reason, int band, int known)
{
    if (ledger != NULL && known)
        ledger[(size_t)reason * (b->n + 1) + (size_t)(band + 1)]++;
}

int es_units_build(es_units *u, const es_table *t, const es_units_opts *o, es_err *err)
{
    memset(u, 0, sizeof *u);
    int rc = es_units_check(t, o, err);
    if (rc != ES_OK)
        return rc;
    es_buf erb = {0};
    es_er_format(&o->er, &erb);
    const es_er_def *def = &o->er;
    const es_column *col[ES_ER_MAX_NODES];
    double scale[ES_ER_MAX_NODES], val[ES_ER_MAX_NODES];
    int ratio_num = def->root, ratio_den = -1;
    es_er_ratio(def, &ratio_num, &ratio_den);
    rc = es_er_bind(u, t, def, erb.data, col, scale, err);
    const es_column *fol = rc == ES_OK ? es_need(t, ES_ROLE_FOLLOWERS, erb.data, err, &rc) : NULL;
    es_buf_free(&erb);
    if (rc != ES_OK) {
        memset(u, 0, sizeof *u);
        return rc;
    }
    const es_column *niche = es_table_role(t, ES_ROLE_NICHE);
    const es_column *platform = es_table_role(t, ES_ROLE_PLATFORM);
    const es_column *account = es_table_role(t, ES_ROLE_ACCOUNT);
    const es_column *sponsored = es_table_role(t, ES_ROLE_SPONSORED);
    if (account != NULL && account->type == ES_COL_NUMERIC)
        account = NULL;
    if (platform != NULL && platform->type == ES_COL_NUMERIC)
        platform = NULL;
    if (sponsored != NULL && sponsored->type != ES_COL_NUMERIC)
        sponsored = NULL;
    u->niche_dict = niche && niche->type != ES_COL_NUMERIC ? niche->dict : NULL;
    u->platform_dict = platform ? platform->dict : NULL;
    u->account_dict = account ? account->dict : NULL;
    u->post_level = es_table_is_post_level(t);
    /* Rows are the units for account-level data (one row per account) and for post
     * units; only post-level data with account units are grouped. */
    int rows_as_units = !u->post_level || o->unit_post || account == NULL;
    u->unit_post = u->post_level && (o->unit_post || account == NULL);
    u->n_rows = t->n_rows;

    /* ER per row; rows that cannot enter are counted by reason. */
    double *row_er = malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_er);
    /* The rate's numerator and denominator per row: only for --account-er ratio. */
    int ratio = !rows_as_units && o->agg == ES_AGG_RATIO;
    double *row_num = ratio ? malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_num) : NULL;
    double *row_den = ratio ? malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_den) : NULL;
    unsigned char *why = malloc(t->n_rows ? t->n_rows : 1); /* reason + 1; 0 when the row enters */
    const es_bands *bands = o->bands;
    const es_column *bcol = NULL; /* bands from a column: that column */
    if (bands != NULL && bands->column != NULL) {
        int jb = es_table_find(t, bands->column);
        if (jb < 0) {
            free(row_er);
            free(row_num);
            free(row_den);
            free(why);
            memset(u, 0, sizeof *u);
            return es_err_set(err, ES_EINVAL, "--band-column: no column named '%s'", bands->column);
        }
        bcol = &t->cols[jb];
    }
    int *rband = malloc((t->n_rows ? t->n_rows : 1) * sizeof *rband); /* band of each row */
    if (bands != NULL) {
        u->ledger_bands = bands->n;
        u->excl_rows_band = calloc(2 * ES_EXCL_NREASONS * (bands->n + 1), sizeof *u->excl_rows_band);
        u->excl_units_band = u->excl_rows_band ? u->excl_rows_band + ES_EXCL_NREASONS * (bands->n + 1) : NULL;
    }
    uint32_t *kr = NULL;
    size_t max_rows = 0; /* the most rows of one account */
    u->unit_of_row = malloc((t->n_rows ? t->n_rows : 1) * sizeof *u->unit_of_row);
    if (row_er == NULL || (ratio && (row_num == NULL || row_den == NULL)) || why == NULL || u->unit_of_row == NULL || rband == NULL ||
        (bands != NULL && u->excl_rows_band == NULL)) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    size_t valid = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        int missing, zero;
        es_er_eval(def, col, scale, i, val, &missing, &zero);
        double e = val[def->root];
        if (ratio) {
            row_num[i] = val[ratio_num];
            row_den[i] = ratio_den >= 0 ? val[ratio_den] : NAN;
        }
        row_er[i] = NAN;
        u->unit_of_row[i] = SIZE_MAX;
        why[i] = 0;
        rband[i] = bcol ? es_bands_of_cell(bands, bcol, i) : bands ? es_bands_classify(bands, fol->num[i]) : -1;
        int bknown = bcol != NULL || !isnan(fol->num[i]);
        /* A negative rate (possible with '-') is undefined: counted with the missing. */
        if (missing || isnan(fol->num[i]))
            why[i] = 1 + ES_EXCL_MISSING;
        else if (zero)
            why[i] = 1 + ES_EXCL_ZERO_DEN;
        else if (!(e >= 0) || !isfinite(e))
            why[i] = 1 + ES_EXCL_MISSING;
        else {
            u->n_rows_suspect += e > ES_ER_SUSPECT;
            if (e > o->max_er)
                why[i] = 1 + ES_EXCL_ABOVE_MAX;
            else if (bcol != NULL && rband[i] < 0)
                why[i] = 1 + ES_EXCL_NO_BAND;
            else {
                row_er[i] = e;
                valid++;
            }
        }
        u->excl_missing_counts += why[i] == 1 + ES_EXCL_MISSING;
        u->excl_zero_den += why[i] == 1 + ES_EXCL_ZERO_DEN;
        u->excl_above_max += why[i] == 1 + ES_EXCL_ABOVE_MAX;
        u->excl_no_band += why[i] == 1 + ES_EXCL_NO_BAND;
        if (why[i]) {
            es_ledger_add(u->excl_rows_band, bands, (es_excl_reason)(why[i] - 1), rband[i], bknown);
            if (rows_as_units)
                es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(why[i] - 1), rband[i], bknown);
        }
    }
    if (valid == 0 && u->excl_no_band > 0) {
        rc = es_err_set(err, ES_EEMPTY, "no row has both a defined engagement rate and a value in --band-column '%s' "
                        "(%zu with no band)", bands->column, u->excl_no_band);
        goto out;
    }
    if (valid == 0) {
        rc = es_err_set(err, ES_EEMPTY, "no row has a defined engagement rate (%zu missing counts, %zu zero denominators, %zu above --max-er)",
                        u->excl_missing_counts, u->excl_zero_den, u->excl_above_max);
        goto out;
    }
    size_t nk = 0;
    if (account != NULL && u->post_level) {
        if ((kr = es_keyed_rows(account, platform, row_er, rows_as_units, t->n_rows, &nk)) == NULL) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        es_account_stats(u, account, platform, kr, nk, row_er, fol->num, &max_rows);
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
            u->band[k] = rband[i];
            u->unit_of_row[i] = k;
            k++;
        }
        u->n = k;
        u->n_posts_total = k;
        if (kr == NULL)
            u->n_accounts = k;
    } else {
        /* Each account's rows are consecutive in kr.  Valid rows without an account
         * cannot be grouped; they count as missing. */
        double *scratch = malloc((max_rows ? max_rows : 1) * sizeof *scratch); /* one account's values */
        if (scratch == NULL || es_units_alloc(u, valid) != ES_OK) {
            free(scratch);
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        for (size_t i = 0; i < t->n_rows; i++)
            if (!isnan(row_er[i]) && account->codes[i] == ES_DICT_NONE) {
                u->excl_missing_counts++;
                es_ledger_add(u->excl_rows_band, bands, ES_EXCL_MISSING, rband[i], bcol != NULL || !isnan(fol->num[i]));
            }
        size_t k = 0;
        for (size_t lo = 0, hi; lo < nk; lo = hi) {
            size_t m = 0, n_fol = 0;
            int worst = 0, uband = -2;
            double sum_num = 0, sum_den = 0, sum_er = 0, spons = 0;
            size_t n_spons = 0;
            uint32_t nich = ES_DICT_NONE, plat = ES_DICT_NONE;
            uint64_t key = es_row_key(account, platform, kr[lo]);
            for (hi = lo; hi < nk && es_row_key(account, platform, kr[hi]) == key; hi++) {
                size_t i = kr[hi];
                if (isnan(row_er[i])) {
                    worst = why[i] > worst ? why[i] : worst;
                    continue;
                }
                u->unit_of_row[i] = k;
                if (uband == -2)
                    uband = rband[i]; /* bands from a column: the account's first post */
                if (ratio) {
                    sum_num += row_num[i];
                    sum_den += row_den[i];
                }
                sum_er += row_er[i];
                scratch[m++] = fol->num[i];
                if (nich == ES_DICT_NONE)
                    nich = es_code(niche, i);
                if (plat == ES_DICT_NONE)
                    plat = es_code(platform, i);
                if (sponsored && !isnan(sponsored->num[i])) {
                    spons += sponsored->num[i];
                    n_spons++;
                }
            }
            if (m == 0) {
                /* An account that lost every row: in the ledger under the weightiest
                 * reason (above --max-er, then zero denominator, then missing), banded
                 * by the median of its known follower counts. */
                int lb = -1;
                for (size_t r = lo; r < hi; r++) {
                    if (!isnan(fol->num[kr[r]]))
                        scratch[n_fol++] = fol->num[kr[r]];
                    if (lb < 0)
                        lb = rband[kr[r]];
                }
                if (bcol != NULL)
                    es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(worst - 1), lb, 1);
                else if (n_fol)
                    es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(worst - 1),
                                  es_bands_classify(bands, es_median(scratch, n_fol)), 1);
                continue;
            }
            /* Followers of an account: the median over its posts (scraped files
             * usually repeat one snapshot value). */
            u->followers[k] = es_median(scratch, m);
            m = 0;
            for (size_t r = lo; r < hi; r++)
                if (!isnan(row_er[kr[r]]))
                    scratch[m++] = row_er[kr[r]];
            switch (o->agg) {
            case ES_AGG_MEAN: u->er[k] = sum_er / (double)m; break;
            case ES_AGG_RATIO: u->er[k] = sum_num / sum_den; break;
            default: u->er[k] = es_median(scratch, m); break;
            }
            u->niche[k] = nich;
            u->platform[k] = plat;
            u->account[k] = (uint32_t)(key >> 32);
            u->sponsored[k] = n_spons ? spons / (double)n_spons : NAN;
            u->n_posts[k] = m;
            u->band[k] = uband;
            u->n_posts_total += m;
            k++;
        }
        u->n = k;
        free(scratch);
    }
    for (size_t k = 0; k < u->n && bcol == NULL; k++) {
        u->band[k] = o->bands ? es_bands_classify(o->bands, u->followers[k]) : -1;
        if (o->bands && u->band[k] < 0)
            u->n_below_bands++;
    }
out:
    free(kr);
    free(rband);
    free(row_er);
    free(row_num);
    free(row_den);
    free(why);
    if (rc != ES_OK)
        es_units_free(u);
    return rc;
}

uint32_t es_units_cluster(const es_units *u, size_t k)
{
    uint64_t na = u->account_dict ? es_dict_size(u->account_dict) : 0;
    uint64_t w = u->platform_dict ? es_dict_size(u->platform_dict) + 1 : 1;
    if (na * w + u->n > UINT32_MAX)
        w = 1; /* too many pairs for 32 bits: by name alone */
    if (u->account[k] == ES_DICT_NONE)
        return (uint32_t)(na * w + k);
    return (uint32_t)(u->account[k] * w + (w > 1 ? (uint32_t)(u->platform[k] + 1u) : 0));
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

void es_units_band_followers(const es_units *u, int band, int positive_only, double *lo, double *hi)
{
    *lo = *hi = NAN;
    for (size_t k = 0; k < u->n; k++) {
        double f = u->followers[k];
        if (u->band[k] != band || isnan(f) || (positive_only && !(f > 0)))
            continue;
        *lo = isnan(*lo) || f < *lo ? f : *lo;
        *hi = isnan(*hi) || f > *hi ? f : *hi;
    }
}
