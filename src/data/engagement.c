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
    for (int r = 0; r < ES_ROLE_COUNT; r++)
        free(u->sum[r]);
    free(u->excl_rows_band); /* excl_units_band lies in the same block */
    free(u->unit_of_row);
    memset(u, 0, sizeof *u);
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

/* ------------------------------------------------------------------ the accumulator
 *
 * Rows enter one at a time, in file order.  A row's ER, its exclusion and its band
 * are decided as it comes; account units gather in one slot per (account, platform)
 * pair (found through a hash of the pair's codes), and at the end the slots are put in
 * the order of their codes, which is the order of the units. */

/* A multiset of values: one value and its count while every value is that one, then
 * all of them, in a chain of blocks of the accumulator's pool (es_median's answer is
 * the same either way).  Blocks, not an array per account, so that memory is the
 * values and at most a block's room per account, however the accounts grow. */
#define ES_BLOCK_VALUES 15
typedef struct {
    double v[ES_BLOCK_VALUES];
    uint32_t next;
} es_block;

typedef struct {
    double first;
    size_t n;
    uint32_t head, tail;          /* blocks, once a second distinct value came */
    int many;
} es_vals;

/* One (account, platform) pair. */
typedef struct {
    uint64_t key;                 /* account code << 32 | (platform code + 1) */
    size_t at;                    /* its index before the sort */
    size_t m;                     /* rows with a defined ER */
    double sum_er, sum_num, sum_den, spons, fmin, fmax;
    size_t n_spons;
    int worst;                    /* the weightiest reason among its other rows (+1) */
    int uband, lb;                /* band of its first valid row (-2: none yet); first band
                                     >= 0 among its other rows */
    uint32_t nich, plat;          /* the first codes among its valid rows */
    es_vals fol, bad, ers;        /* followers of the valid rows, known followers of the
                                     others, the rates (--account-er median) */
} es_pair;

struct es_units_acc {
    es_units u;                   /* counts, ledger; the units themselves when rows are units */
    es_units_opts o;
    int rows_as_units, grouped, ratio, ratio_num, ratio_den, row_map;
    int jcol[ES_ER_MAX_NODES];    /* column of each name of the definition, -1 for others */
    es_coltype jtype[ES_ER_MAX_NODES];
    double scale[ES_ER_MAX_NODES];
    int jfol, jniche, jplat, jacct, jspons, jband, jsum[ES_ROLE_COUNT];
    es_coltype tniche, tplat, tacct;
    size_t valid, cap_units;
    es_pair *slot;
    double *slot_sum;             /* n_sums a slot */
    size_t n_slot, cap_slot, n_sums;
    uint32_t *hash;               /* slot + 1, 0 empty; hmask + 1 entries */
    size_t hmask;
    uint64_t last_key;
    size_t last_slot;
    es_block *pool;               /* the blocks of every es_vals */
    size_t n_pool, cap_pool;
    double *scratch;              /* one multiset's values, for its median */
};

/* x onto the end of s's blocks. */
static int es_vals_push(es_units_acc *a, es_vals *s, double x)
{
    size_t at = s->n % ES_BLOCK_VALUES;
    if (at == 0) {
        if (a->n_pool == a->cap_pool) {
            size_t cap = a->cap_pool ? 2 * a->cap_pool : 1024;
            es_block *p = cap < UINT32_MAX ? realloc(a->pool, cap * sizeof *p) : NULL;
            if (p == NULL)
                return ES_ENOMEM;
            a->pool = p;
            a->cap_pool = cap;
        }
        uint32_t b = (uint32_t)a->n_pool++;
        a->pool[b].next = UINT32_MAX;
        if (s->n == 0)
            s->head = b;
        else
            a->pool[s->tail].next = b;
        s->tail = b;
    }
    a->pool[s->tail].v[at] = x;
    s->n++;
    return ES_OK;
}

static int es_vals_add(es_units_acc *a, es_vals *s, double x)
{
    if (!s->many) {
        if (s->n == 0)
            s->first = x;
        if (memcmp(&x, &s->first, sizeof x) == 0) { /* bit for bit: 0 and -0 differ */
            s->n++;
            return ES_OK;
        }
        size_t n = s->n;
        s->n = 0;
        s->many = 1;
        for (size_t i = 0; i < n; i++)
            if (es_vals_push(a, s, s->first) != ES_OK)
                return ES_ENOMEM;
    }
    return es_vals_push(a, s, x);
}

/* The median of s (a->scratch holds room for the largest multiset: es_units_acc_end). */
static double es_vals_median(es_units_acc *a, const es_vals *s)
{
    if (!s->many)
        return s->first;
    size_t i = 0;
    for (uint32_t b = s->head; i < s->n; b = a->pool[b].next)
        for (size_t k = 0; k < ES_BLOCK_VALUES && i < s->n; k++)
            a->scratch[i++] = a->pool[b].v[k];
    return es_median(a->scratch, s->n);
}

static int es_col_index(const es_table *t, const es_column *c)
{
    return c != NULL ? (int)(c - t->cols) : -1;
}

void es_units_acc_free(es_units_acc *a)
{
    if (a == NULL)
        return;
    free(a->pool);
    free(a->scratch);
    free(a->slot);
    free(a->slot_sum);
    free(a->hash);
    es_units_free(&a->u);
    free(a);
}

int es_units_acc_begin(es_units_acc **out, const es_table *t, const es_units_opts *o, int row_map, es_err *err)
{
    *out = NULL;
    int rc = es_units_check(t, o, err);
    if (rc != ES_OK)
        return rc;
    es_units_acc *a = calloc(1, sizeof *a);
    if (a == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_units *u = &a->u;
    a->o = *o;
    a->row_map = row_map;
    es_buf erb = {0};
    es_er_format(&o->er, &erb);
    const es_column *col[ES_ER_MAX_NODES];
    a->ratio_num = o->er.root;
    a->ratio_den = -1;
    es_er_ratio(&o->er, &a->ratio_num, &a->ratio_den);
    rc = es_er_bind(u, t, &o->er, erb.data, col, a->scale, err);
    const es_column *fol = rc == ES_OK ? es_need(t, ES_ROLE_FOLLOWERS, erb.data, err, &rc) : NULL;
    es_buf_free(&erb);
    if (rc != ES_OK) {
        es_units_acc_free(a);
        return rc;
    }
    for (size_t k = 0; k < o->er.n_node; k++) {
        a->jcol[k] = es_col_index(t, col[k]);
        a->jtype[k] = col[k] ? col[k]->type : ES_COL_NUMERIC;
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
    a->jfol = es_col_index(t, fol);
    a->jniche = es_col_index(t, niche);
    a->jplat = es_col_index(t, platform);
    a->jacct = es_col_index(t, account);
    a->jspons = es_col_index(t, sponsored);
    a->tniche = niche ? niche->type : ES_COL_NUMERIC;
    a->tplat = platform ? platform->type : ES_COL_NUMERIC;
    a->tacct = account ? account->type : ES_COL_NUMERIC;
    u->niche_dict = niche && niche->type != ES_COL_NUMERIC ? niche->dict : NULL;
    u->platform_dict = platform ? platform->dict : NULL;
    u->account_dict = account ? account->dict : NULL;
    u->post_level = es_table_is_post_level(t);
    /* Rows are the units for account-level data (one row per account) and for post
     * units; only post-level data with account units are grouped. */
    a->rows_as_units = !u->post_level || o->unit_post || account == NULL;
    a->grouped = account != NULL && u->post_level;
    u->unit_post = u->post_level && (o->unit_post || account == NULL);
    a->ratio = !a->rows_as_units && o->agg == ES_AGG_RATIO;
    a->jband = -1;
    const es_bands *bands = o->bands;
    if (bands != NULL && bands->column != NULL && (a->jband = es_table_find(t, bands->column)) < 0) {
        es_units_acc_free(a);
        return es_err_set(err, ES_EINVAL, "--band-column: no column named '%s'", bands->column);
    }
    for (int r = 0; r < ES_ROLE_COUNT; r++) {
        const es_column *c = o->sums & (1u << r) ? es_table_role(t, (es_role)r) : NULL;
        a->jsum[r] = c != NULL && c->type == ES_COL_NUMERIC ? es_col_index(t, c) : -1;
        a->n_sums += a->jsum[r] >= 0;
    }
    if (bands != NULL) {
        u->ledger_bands = bands->n;
        u->excl_rows_band = calloc(2 * ES_EXCL_NREASONS * (bands->n + 1), sizeof *u->excl_rows_band);
        u->excl_units_band = u->excl_rows_band ? u->excl_rows_band + ES_EXCL_NREASONS * (bands->n + 1) : NULL;
        if (u->excl_rows_band == NULL) {
            es_units_acc_free(a);
            return es_err_set(err, ES_ENOMEM, "out of memory");
        }
    }
    a->last_key = UINT64_MAX;
    *out = a;
    return ES_OK;
}

/* Room for n units (rows as units). */
static int es_acc_units_room(es_units_acc *a, size_t n)
{
    if (n <= a->cap_units)
        return ES_OK;
    size_t cap = a->cap_units ? 2 * a->cap_units : 1024;
    while (cap < n)
        cap *= 2;
    es_units *u = &a->u;
#define ES_GROW(f)                                                 \
    do {                                                           \
        void *p_ = realloc(u->f, cap * sizeof *u->f);              \
        if (p_ == NULL)                                            \
            return ES_ENOMEM;                                      \
        u->f = p_;                                                 \
    } while (0)
    ES_GROW(er);
    ES_GROW(followers);
    ES_GROW(band);
    ES_GROW(niche);
    ES_GROW(platform);
    ES_GROW(account);
    ES_GROW(sponsored);
    ES_GROW(n_posts);
    for (int r = 0; r < ES_ROLE_COUNT; r++)
        if (a->jsum[r] >= 0)
            ES_GROW(sum[r]);
#undef ES_GROW
    a->cap_units = cap;
    return ES_OK;
}

static uint64_t es_key_hash(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

/* The slot of key, made when new; SIZE_MAX when out of memory. */
static size_t es_acc_slot(es_units_acc *a, uint64_t key)
{
    if (key == a->last_key)
        return a->last_slot;
    if (2 * (a->n_slot + 1) > a->hmask + 1 || a->hash == NULL) {
        size_t cap = a->hash ? 2 * (a->hmask + 1) : 1024;
        uint32_t *h = calloc(cap, sizeof *h);
        if (h == NULL)
            return SIZE_MAX;
        for (size_t s = 0; s < a->n_slot; s++) {
            size_t i = es_key_hash(a->slot[s].key) & (cap - 1);
            while (h[i] != 0)
                i = (i + 1) & (cap - 1);
            h[i] = (uint32_t)(s + 1);
        }
        free(a->hash);
        a->hash = h;
        a->hmask = cap - 1;
    }
    size_t i = es_key_hash(key) & a->hmask;
    while (a->hash[i] != 0 && a->slot[a->hash[i] - 1].key != key)
        i = (i + 1) & a->hmask;
    size_t s;
    if (a->hash[i] != 0) {
        s = a->hash[i] - 1;
    } else {
        if (a->n_slot >= UINT32_MAX - 1)
            return SIZE_MAX;
        if (a->n_slot == a->cap_slot) {
            size_t cap = a->cap_slot ? 2 * a->cap_slot : 1024;
            es_pair *sl = realloc(a->slot, cap * sizeof *sl);
            if (sl == NULL)
                return SIZE_MAX;
            a->slot = sl;
            if (a->n_sums) {
                double *ss = realloc(a->slot_sum, cap * a->n_sums * sizeof *ss);
                if (ss == NULL)
                    return SIZE_MAX;
                a->slot_sum = ss;
            }
            a->cap_slot = cap;
        }
        s = a->n_slot++;
        a->slot[s] = (es_pair){.key = key, .at = s, .fmin = INFINITY, .fmax = -INFINITY, .uband = -2, .lb = -1,
                               .nich = ES_DICT_NONE, .plat = ES_DICT_NONE};
        for (size_t q = 0; q < a->n_sums; q++)
            a->slot_sum[s * a->n_sums + q] = 0;
        a->hash[i] = (uint32_t)(s + 1);
    }
    a->last_key = key;
    a->last_slot = s;
    return s;
}

static uint32_t es_acc_code(const es_table *t, int j, size_t i)
{
    return j >= 0 ? es_code(&t->cols[j], i) : ES_DICT_NONE;
}

int es_units_acc_rows(es_units_acc *a, const es_table *t, size_t lo, size_t hi, es_err *err)
{
    es_units *u = &a->u;
    const es_units_opts *o = &a->o;
    const es_er_def *def = &o->er;
    const es_bands *bands = o->bands;
    const es_column *col[ES_ER_MAX_NODES];
    for (size_t k = 0; k < def->n_node; k++) {
        col[k] = a->jcol[k] >= 0 ? &t->cols[a->jcol[k]] : NULL;
        if (col[k] != NULL && col[k]->type != a->jtype[k])
            return es_err_set(err, ES_EINVAL, "es_units_acc_rows: column '%s' changed its type", col[k]->name);
    }
    if ((a->jniche >= 0 && t->cols[a->jniche].type != a->tniche) ||
        (a->jplat >= 0 && t->cols[a->jplat].type != a->tplat) ||
        (a->jacct >= 0 && t->cols[a->jacct].type != a->tacct))
        return es_err_set(err, ES_EINVAL, "es_units_acc_rows: a niche, platform or account column changed its type");
    const double *fol = t->cols[a->jfol].num;
    const es_column *bcol = a->jband >= 0 ? &t->cols[a->jband] : NULL;
    const double *spons = a->jspons >= 0 ? t->cols[a->jspons].num : NULL;
    const es_column *account = a->jacct >= 0 ? &t->cols[a->jacct] : NULL;
    if (a->row_map) {
        size_t *m = realloc(u->unit_of_row, (u->n_rows + (hi - lo) + 1) * sizeof *m);
        if (m == NULL)
            return es_err_set(err, ES_ENOMEM, "out of memory");
        u->unit_of_row = m;
    }
    double val[ES_ER_MAX_NODES];
    for (size_t i = lo; i < hi; i++) {
        size_t row = u->n_rows++;
        int missing, zero, why = 0;
        es_er_eval(def, col, a->scale, i, val, &missing, &zero);
        double e = val[def->root];
        if (a->row_map)
            u->unit_of_row[row] = SIZE_MAX;
        int rband = bcol ? es_bands_of_cell(bands, bcol, i) : bands ? es_bands_classify(bands, fol[i]) : -1;
        int bknown = bcol != NULL || !isnan(fol[i]);
        /* A negative rate (possible with '-') is undefined: counted with the missing. */
        if (missing || isnan(fol[i]))
            why = 1 + ES_EXCL_MISSING;
        else if (zero)
            why = 1 + ES_EXCL_ZERO_DEN;
        else if (!(e >= 0) || !isfinite(e))
            why = 1 + ES_EXCL_MISSING;
        else {
            u->n_rows_suspect += e > ES_ER_SUSPECT;
            if (e > o->max_er)
                why = 1 + ES_EXCL_ABOVE_MAX;
            else if (bcol != NULL && rband < 0)
                why = 1 + ES_EXCL_NO_BAND;
            else
                a->valid++;
        }
        u->excl_missing_counts += why == 1 + ES_EXCL_MISSING;
        u->excl_zero_den += why == 1 + ES_EXCL_ZERO_DEN;
        u->excl_above_max += why == 1 + ES_EXCL_ABOVE_MAX;
        u->excl_no_band += why == 1 + ES_EXCL_NO_BAND;
        if (why) {
            es_ledger_add(u->excl_rows_band, bands, (es_excl_reason)(why - 1), rband, bknown);
            if (a->rows_as_units)
                es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(why - 1), rband, bknown);
        }
        uint32_t acode = account ? account->codes[i] : ES_DICT_NONE;
        if (a->rows_as_units) {
            if (!why) {
                if (es_acc_units_room(a, u->n + 1) != ES_OK)
                    return es_err_set(err, ES_ENOMEM, "out of memory");
                size_t k = u->n++;
                u->er[k] = e;
                u->followers[k] = fol[i];
                u->niche[k] = es_acc_code(t, a->jniche, i);
                u->platform[k] = es_acc_code(t, a->jplat, i);
                u->account[k] = acode;
                u->sponsored[k] = spons ? spons[i] : NAN;
                u->n_posts[k] = 1;
                u->band[k] = rband;
                for (int r = 0; r < ES_ROLE_COUNT; r++)
                    if (a->jsum[r] >= 0)
                        u->sum[r][k] = t->cols[a->jsum[r]].num[i];
                if (a->row_map)
                    u->unit_of_row[row] = k;
            }
            if (!a->grouped || why || acode == ES_DICT_NONE)
                continue;
        } else if (acode == ES_DICT_NONE) {
            /* Valid rows without an account cannot be grouped; they count as missing. */
            if (!why) {
                u->excl_missing_counts++;
                es_ledger_add(u->excl_rows_band, bands, ES_EXCL_MISSING, rband, bknown);
            }
            continue;
        }
        uint64_t key = (uint64_t)acode << 32 | (uint32_t)(es_acc_code(t, a->jplat, i) + 1u);
        size_t s = es_acc_slot(a, key);
        if (s == SIZE_MAX)
            return es_err_set(err, ES_ENOMEM, "out of memory");
        es_pair *sl = &a->slot[s];
        if (why) {
            sl->worst = why > sl->worst ? why : sl->worst;
            if (!isnan(fol[i]) && es_vals_add(a, &sl->bad, fol[i]) != ES_OK)
                return es_err_set(err, ES_ENOMEM, "out of memory");
            if (sl->lb < 0)
                sl->lb = rband;
            continue;
        }
        sl->m++;
        sl->fmin = fol[i] < sl->fmin ? fol[i] : sl->fmin;
        sl->fmax = fol[i] > sl->fmax ? fol[i] : sl->fmax;
        if (a->rows_as_units)
            continue; /* post units: the pair's counts only */
        if (a->row_map)
            u->unit_of_row[row] = s; /* the slot, made the unit's index at the end */
        if (sl->uband == -2)
            sl->uband = rband; /* bands from a column: the account's first post */
        if (a->ratio) {
            sl->sum_num += val[a->ratio_num];
            sl->sum_den += a->ratio_den >= 0 ? val[a->ratio_den] : NAN;
        }
        sl->sum_er += e;
        if (es_vals_add(a, &sl->fol, fol[i]) != ES_OK || (o->agg == ES_AGG_MEDIAN && es_vals_add(a, &sl->ers, e) != ES_OK))
            return es_err_set(err, ES_ENOMEM, "out of memory");
        if (sl->nich == ES_DICT_NONE)
            sl->nich = es_acc_code(t, a->jniche, i);
        if (sl->plat == ES_DICT_NONE)
            sl->plat = es_acc_code(t, a->jplat, i);
        if (spons && !isnan(spons[i])) {
            sl->spons += spons[i];
            sl->n_spons++;
        }
        for (int r = 0, q = 0; r < ES_ROLE_COUNT; r++)
            if (a->jsum[r] >= 0)
                a->slot_sum[s * a->n_sums + q++] += t->cols[a->jsum[r]].num[i]; /* NaN propagates */
    }
    return ES_OK;
}

/* For the qsort of the slots by key. */
static int es_pair_cmp(const void *x, const void *y)
{
    uint64_t a = ((const es_pair *)x)->key, b = ((const es_pair *)y)->key;
    return (a > b) - (a < b);
}

int es_units_acc_end(es_units_acc *a, es_units *out, es_err *err)
{
    es_units *u = &a->u;
    const es_units_opts *o = &a->o;
    const es_bands *bands = o->bands;
    int rc = ES_OK;
    size_t *unit_of_slot = NULL;
    memset(out, 0, sizeof *out);
    if (a->valid == 0 && u->excl_no_band > 0) {
        rc = es_err_set(err, ES_EEMPTY, "no row has both a defined engagement rate and a value in --band-column '%s' "
                        "(%zu with no band)", bands->column, u->excl_no_band);
        goto out;
    }
    if (a->valid == 0) {
        rc = es_err_set(err, ES_EEMPTY, "no row has a defined engagement rate (%zu missing counts, %zu zero denominators, %zu above --max-er)",
                        u->excl_missing_counts, u->excl_zero_den, u->excl_above_max);
        goto out;
    }
    /* The slots in the order of their codes; each unit_of_row entry is a slot index
     * until it is made the unit's. */
    unit_of_slot = malloc((a->n_slot ? a->n_slot : 1) * sizeof *unit_of_slot);
    size_t most = 1; /* the largest multiset stored in blocks */
    for (size_t s = 0; s < a->n_slot; s++) {
        const es_pair *sl = &a->slot[s];
        most = sl->fol.many && sl->fol.n > most ? sl->fol.n : most;
        most = sl->bad.many && sl->bad.n > most ? sl->bad.n : most;
        most = sl->ers.many && sl->ers.n > most ? sl->ers.n : most;
    }
    a->scratch = malloc(most * sizeof *a->scratch);
    if (unit_of_slot == NULL || a->scratch == NULL ||
        (!a->rows_as_units && es_acc_units_room(a, a->n_slot + 1) != ES_OK)) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t s = 0; s < a->n_slot; s++)
        unit_of_slot[s] = SIZE_MAX; /* by the slot's index before the sort */
    double *sums = a->slot_sum;
    if (a->n_slot > 1)
        qsort(a->slot, a->n_slot, sizeof *a->slot, es_pair_cmp);
    uint64_t prev_name = UINT64_MAX;
    size_t groups_of_name = 0;
    for (size_t s = 0; s < a->n_slot; s++) {
        es_pair *sl = &a->slot[s];
        size_t orig = sl->at;
        if (sl->m == 0) {
            /* An account that lost every row: in the ledger under the weightiest reason
             * (above --max-er, then zero denominator, then missing), banded by the
             * median of its known follower counts. */
            if (a->rows_as_units)
                continue;
            if (a->jband >= 0)
                es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(sl->worst - 1), sl->lb, 1);
            else if (sl->bad.n && bands != NULL)
                es_ledger_add(u->excl_units_band, bands, (es_excl_reason)(sl->worst - 1),
                              es_bands_classify(bands, es_vals_median(a, &sl->bad)), 1);
            continue;
        }
        u->n_accounts++;
        u->n_followers_vary += sl->fmin != sl->fmax;
        uint64_t name = sl->key >> 32;
        groups_of_name = name == prev_name ? groups_of_name + 1 : 1;
        prev_name = name;
        u->n_split_accounts += groups_of_name == 2;
        if (a->rows_as_units)
            continue;
        size_t k = u->n++;
        if (a->row_map)
            unit_of_slot[orig] = k;
        /* Followers of an account: the median over its posts (scraped files usually
         * repeat one snapshot value). */
        u->followers[k] = es_vals_median(a, &sl->fol);
        switch (o->agg) {
        case ES_AGG_MEAN: u->er[k] = sl->sum_er / (double)sl->m; break;
        case ES_AGG_RATIO: u->er[k] = sl->sum_num / sl->sum_den; break;
        default: u->er[k] = es_vals_median(a, &sl->ers); break;
        }
        u->niche[k] = sl->nich;
        u->platform[k] = sl->plat;
        u->account[k] = (uint32_t)name;
        u->sponsored[k] = sl->n_spons ? sl->spons / (double)sl->n_spons : NAN;
        u->n_posts[k] = sl->m;
        u->band[k] = sl->uband;
        u->n_posts_total += sl->m;
        for (int r = 0, q = 0; r < ES_ROLE_COUNT; r++)
            if (a->jsum[r] >= 0)
                u->sum[r][k] = sums[orig * a->n_sums + q++];
    }
    if (a->rows_as_units) {
        u->n_posts_total = u->n;
        if (!a->grouped)
            u->n_accounts = u->n;
    } else if (a->row_map) {
        for (size_t i = 0; i < u->n_rows; i++)
            if (u->unit_of_row[i] != SIZE_MAX)
                u->unit_of_row[i] = unit_of_slot[u->unit_of_row[i]];
    }
    for (size_t k = 0; k < u->n && a->jband < 0; k++) {
        u->band[k] = bands ? es_bands_classify(bands, u->followers[k]) : -1;
        if (bands && u->band[k] < 0)
            u->n_below_bands++;
    }
    if (u->er == NULL && es_acc_units_room(a, 1) != ES_OK)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
out:
    free(unit_of_slot);
    if (rc == ES_OK) {
        *out = *u;
        memset(u, 0, sizeof *u);
    }
    es_units_acc_free(a);
    return rc;
}

int es_units_build(es_units *u, const es_table *t, const es_units_opts *o, es_err *err)
{
    es_units_acc *a;
    memset(u, 0, sizeof *u);
    int rc = es_units_acc_begin(&a, t, o, 1, err);
    if (rc != ES_OK)
        return rc;
    if ((rc = es_units_acc_rows(a, t, 0, t->n_rows, err)) != ES_OK) {
        es_units_acc_free(a);
        return rc;
    }
    return es_units_acc_end(a, u, err);
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
