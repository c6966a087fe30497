/* engagement.c — engagement-rate definitions and the analysis units.
 *
 * ER of a row = (sum of the numerator roles) / denominator.  Post-level data give
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

/* Rows keyed by account: (account code, platform code + 1) in the high and low words,
 * so that the same name on two platforms is two accounts; sorted with the row index
 * as the tie-break, each account's rows stay in file order. */
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

/* The rows with an account name (all of them, or only those with a defined ER), keyed
 * and sorted; *n their count.  NULL when out of memory. */
static es_keyed *es_keyed_rows(const es_column *account, const es_column *platform, const double *row_er,
                               int valid_only, size_t n_rows, size_t *n)
{
    es_keyed *kr = malloc((n_rows ? n_rows : 1) * sizeof *kr);
    if (kr == NULL)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n_rows; i++)
        if (account->codes[i] != ES_DICT_NONE && (!valid_only || !isnan(row_er[i])))
            kr[m++] = (es_keyed){(uint64_t)account->codes[i] << 32 | (uint32_t)(es_code(platform, i) + 1u), i};
    qsort(kr, m, sizeof *kr, es_keyed_cmp);
    *n = m;
    return kr;
}

/* Accounts (keys with a row of defined ER), names split across platforms, and
 * accounts whose follower count varies across those rows. */
static void es_account_stats(es_units *u, const es_keyed *kr, size_t n, const double *row_er, const double *fol)
{
    uint64_t prev_name = UINT64_MAX;
    size_t groups_of_name = 0;
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        double fmin = INFINITY, fmax = -INFINITY;
        size_t m = 0;
        for (hi = lo; hi < n && kr[hi].key == kr[lo].key; hi++)
            if (!isnan(row_er[kr[hi].row])) {
                double f = fol[kr[hi].row];
                fmin = f < fmin ? f : fmin;
                fmax = f > fmax ? f : fmax;
                m++;
            }
        if (m == 0)
            continue;
        u->n_accounts++;
        u->n_followers_vary += fmin != fmax;
        uint64_t name = kr[lo].key >> 32;
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

/* One row or unit into the ledger, by the band of its followers (unknown: not at all). */
static void es_ledger_add(size_t *ledger, const es_bands *b, es_excl_reason reason, double followers)
{
    if (ledger != NULL && !isnan(followers))
        ledger[(size_t)reason * (b->n + 1) + (size_t)(es_bands_classify(b, followers) + 1)]++;
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
    double *row_num = malloc((t->n_rows ? t->n_rows : 1) * sizeof *row_num);
    unsigned char *why = malloc(t->n_rows ? t->n_rows : 1); /* reason + 1; 0 when the row enters */
    const es_bands *bands = o->bands;
    if (bands != NULL) {
        u->ledger_bands = bands->n;
        u->excl_rows_band = calloc(2 * ES_EXCL_NREASONS * (bands->n + 1), sizeof *u->excl_rows_band);
        u->excl_units_band = u->excl_rows_band ? u->excl_rows_band + ES_EXCL_NREASONS * (bands->n + 1) : NULL;
    }
    es_keyed *kr = NULL;
    u->unit_of_row = malloc((t->n_rows ? t->n_rows : 1) * sizeof *u->unit_of_row);
    if (row_er == NULL || row_num == NULL || why == NULL || u->unit_of_row == NULL ||
        (bands != NULL && u->excl_rows_band == NULL)) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
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
        why[i] = 0;
        if (isnan(s) || isnan(d) || isnan(fol->num[i]))
            why[i] = 1 + ES_EXCL_MISSING;
        else if (d <= 0)
            why[i] = 1 + ES_EXCL_ZERO_DEN;
        else {
            u->n_rows_suspect += s / d > ES_ER_SUSPECT;
            if (s / d > o->max_er)
                why[i] = 1 + ES_EXCL_ABOVE_MAX;
            else {
                row_er[i] = s / d;
                valid++;
            }
        }
        u->excl_missing_counts += why[i] == 1 + ES_EXCL_MISSING;
        u->excl_zero_den += why[i] == 1 + ES_EXCL_ZERO_DEN;
        u->excl_above_max += why[i] == 1 + ES_EXCL_ABOVE_MAX;
        if (why[i]) {
            es_ledger_add(u->excl_rows_band, bands, (es_excl_reason)(why[i] - 1), fol->num[i]);
            if (rows_as_units)
                es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(why[i] - 1), fol->num[i]);
        }
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
        es_account_stats(u, kr, nk, row_er, fol->num);
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
        if (kr == NULL)
            u->n_accounts = k;
    } else {
        /* Each account's rows are consecutive in kr.  Valid rows without an account
         * cannot be grouped; they count as missing. */
        double *scratch = malloc(t->n_rows * sizeof *scratch); /* valid > 0: n_rows > 0 */
        if (scratch == NULL || es_units_alloc(u, valid) != ES_OK) {
            free(scratch);
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        for (size_t i = 0; i < t->n_rows; i++)
            if (!isnan(row_er[i]) && account->codes[i] == ES_DICT_NONE) {
                u->excl_missing_counts++;
                es_ledger_add(u->excl_rows_band, bands, ES_EXCL_MISSING, fol->num[i]);
            }
        size_t k = 0;
        for (size_t lo = 0, hi; lo < nk; lo = hi) {
            size_t m = 0, n_fol = 0;
            int worst = 0;
            double sum_num = 0, sum_den = 0, sum_er = 0, spons = 0;
            size_t n_spons = 0;
            uint32_t nich = ES_DICT_NONE, plat = ES_DICT_NONE;
            for (hi = lo; hi < nk && kr[hi].key == kr[lo].key; hi++) {
                size_t i = kr[hi].row;
                if (isnan(row_er[i])) {
                    worst = why[i] > worst ? why[i] : worst;
                    continue;
                }
                u->unit_of_row[i] = k;
                sum_num += row_num[i];
                sum_den += den->num[i];
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
                for (size_t r = lo; r < hi; r++)
                    if (!isnan(fol->num[kr[r].row]))
                        scratch[n_fol++] = fol->num[kr[r].row];
                if (n_fol)
                    es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(worst - 1), es_median(scratch, n_fol));
                continue;
            }
            /* Followers of an account: the median over its posts (scraped files
             * usually repeat one snapshot value). */
            u->followers[k] = es_median(scratch, m);
            m = 0;
            for (size_t r = lo; r < hi; r++)
                if (!isnan(row_er[kr[r].row]))
                    scratch[m++] = row_er[kr[r].row];
            switch (o->agg) {
            case ES_AGG_MEAN: u->er[k] = sum_er / (double)m; break;
            case ES_AGG_RATIO: u->er[k] = sum_num / sum_den; break;
            default: u->er[k] = es_median(scratch, m); break;
            }
            u->niche[k] = nich;
            u->platform[k] = plat;
            u->account[k] = (uint32_t)(kr[lo].key >> 32);
            u->sponsored[k] = n_spons ? spons / (double)n_spons : NAN;
            u->n_posts[k] = m;
            u->n_posts_total += m;
            k++;
        }
        u->n = k;
        free(scratch);
    }
    for (size_t k = 0; k < u->n; k++) {
        u->band[k] = o->bands ? es_bands_classify(o->bands, u->followers[k]) : -1;
        if (o->bands && u->band[k] < 0)
            u->n_below_bands++;
    }
out:
    free(kr);
    free(row_er);
    free(row_num);
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
