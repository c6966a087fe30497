/* study.c — what every analysis shares: the default options, the results header
 * (input, definitions, exclusions) and the minimum-n rule. */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"

void es_analysis_opts_init(es_analysis_opts *o)
{
    o->conf = 0.95;
    o->boot = 2000;
    o->seed = 1;
    o->threads = 0;
    o->min_n = ES_MIN_N_DEFAULT;
}

void es_analysis_boot_opts(const es_analysis_opts *o, es_boot_opts *bo)
{
    es_boot_opts_default(bo);
    bo->B = o->boot;
    bo->seed = o->seed;
    bo->threads = o->threads;
    bo->conf = o->conf;
}

const char *es_min_n_note(size_t n, size_t min_n, const char *what, char *buf, size_t size)
{
    if (n >= min_n)
        return NULL;
    snprintf(buf, size, "n = %zu < min_n %zu: no %s", n, min_n, what);
    return buf;
}

static int es_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The number of distinct values among codes[0..n); SIZE_MAX when out of memory. */
static size_t es_distinct_codes(const uint32_t *codes, size_t n)
{
    uint32_t *s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return SIZE_MAX;
    memcpy(s, codes, n * sizeof *s);
    qsort(s, n, sizeof *s, es_cmp_u32);
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        d += i == 0 || s[i] != s[i - 1];
    free(s);
    return d;
}

size_t es_units_accounts(const es_units *u, int band, uint32_t niche, uint32_t platform, int positive)
{
    int clustered = u->unit_post && u->account_dict != NULL;
    uint32_t *c = clustered ? malloc((u->n ? u->n : 1) * sizeof *c) : NULL;
    if (clustered && c == NULL)
        return SIZE_MAX;
    size_t m = 0;
    for (size_t k = 0; k < u->n; k++) {
        if ((band != -2 && u->band[k] != band) || (niche != ES_DICT_NONE && u->niche[k] != niche) ||
            (platform != ES_DICT_NONE && u->platform[k] != platform) || (positive && !(u->er[k] > 0)))
            continue;
        if (c)
            c[m] = es_units_cluster(u, k);
        m++;
    }
    if (c == NULL)
        return m;
    size_t d = es_distinct_codes(c, m);
    free(c);
    return d;
}

/* Band i's name, or "below" (i = -1; "none" for bands from a column). */
static const char *es_band_label(const es_bands *b, int i)
{
    return i >= 0 ? b->names[i] : b->column != NULL ? "none" : "below";
}

/* Accounts are (platform, account): names split across platforms, follower counts
 * that vary across an account's posts, and the rule that picks one. */
static void es_study_accounts_warn(const es_units *u, es_results *res)
{
    if (u->n_split_accounts)
        es_results_warn(res, "%zu account names appear on more than one platform (or with and without one): "
                        "each (platform, account) pair is its own account", u->n_split_accounts);
    if (u->n_followers_vary)
        es_results_warn(res, "%zu accounts have a follower count that varies across their posts: %s",
                        u->n_followers_vary, u->unit_post ? "each post is banded by its own follower count"
                                                          : "an account's followers (and band) are the median over its posts");
}

/* Rates above ES_ER_SUSPECT are kept, flagged and counted per band. */
static void es_study_suspect(const es_study *s, es_results *res)
{
    const es_units *u = s->units;
    const es_bands *bands = s->uo->bands;
    size_t total = 0, *per = calloc(bands->n + 1, sizeof *per);
    if (per == NULL) {
        es_results_fail(res, ES_ENOMEM, "out of memory");
        return;
    }
    for (size_t k = 0; k < u->n; k++)
        if (u->er[k] > ES_ER_SUSPECT) {
            per[u->band[k] + 1]++;
            total++;
        }
    es_buf b = {0};
    for (int i = -1; i < (int)bands->n; i++)
        if (per[i + 1])
            es_buf_printf(&b, "%s%s %zu", b.len ? ", " : "", es_band_label(bands, i), per[i + 1]);
    free(per);
    es_buf db = {0};
    int nn, dn;
    if (es_er_ratio(&s->uo->er, &nn, &dn))
        es_er_format_node(&s->uo->er, dn, &db);
    const char *den = db.data ? db.data : "the denominator";
    if (u->post_level && !u->unit_post && u->n_rows_suspect)
        es_results_warn(res, "%zu posts have ER above %g (more interactions than %s), and %zu accounts%s%s%s: kept; "
                        "--max-er %g drops those posts", u->n_rows_suspect, ES_ER_SUSPECT, den, total,
                        total ? " (" : "", total ? b.data : "", total ? ")" : "", ES_ER_SUSPECT);
    else if (total)
        es_results_warn(res, "%zu %s have ER above %g (more interactions than %s): kept; --max-er %g drops them (%s)",
                        total, u->unit_post ? "posts" : "accounts", ES_ER_SUSPECT, den, ES_ER_SUSPECT,
                        b.data ? b.data : "");
    es_buf_free(&b);
    es_buf_free(&db);
}

/* The exclusion ledger as a table (band, reason, rows, units, share of the band's
 * units), and a warning for each share above ES_EXCL_WARN_SHARE. */
#define ES_EXCL_WARN_SHARE 0.05
static void es_study_exclusions(const es_study *s, es_results *res)
{
    const es_units *u = s->units;
    const es_bands *bands = s->uo->bands;
    if (u->excl_rows_band == NULL || u->ledger_bands != bands->n)
        return;
    size_t any = 0;
    for (size_t k = 0; k < 2 * ES_EXCL_NREASONS * (bands->n + 1); k++)
        any += u->excl_rows_band[k];
    if (any == 0)
        return;
    char above[64];
    snprintf(above, sizeof above, "above --max-er %g", s->uo->max_er);
    const char *reasons[ES_EXCL_NREASONS] = {"missing count", "zero denominator", above, "no band"};
    const char *what = u->unit_post ? "posts" : "accounts";
    static const char *const cols[] = {"band", "reason", "rows", "units", "share"};
    es_rtable *tb;
    es_results_table(res, "exclusions", "Exclusions by band (rows and units left out)", 5, cols, &tb);
    tb->supplementary = 1;
    for (int i = -1; i < (int)bands->n; i++) {
        size_t kept = 0, lost = 0;
        for (size_t k = 0; k < u->n; k++)
            kept += u->band[k] == i;
        for (int r = 0; r < ES_EXCL_NREASONS; r++)
            lost += es_units_excluded(u, 1, (es_excl_reason)r, i);
        for (int r = 0; r < ES_EXCL_NREASONS; r++) {
            size_t rows = es_units_excluded(u, 0, (es_excl_reason)r, i), units = es_units_excluded(u, 1, (es_excl_reason)r, i);
            if (rows == 0 && units == 0)
                continue;
            double share = (double)units / (double)(kept + lost);
            es_row row = es_rtable_append(tb);
            es_row_str(&row, "band", es_band_label(bands, i));
            es_row_str(&row, "reason", reasons[r]);
            es_row_int(&row, "rows", (long long)rows);
            es_row_int(&row, "units", (long long)units);
            es_row_num(&row, "share", share);
            if (share > ES_EXCL_WARN_SHARE && !(i < 0 && bands->column != NULL)) /* "none": all of it, said above */
                es_results_warn(res, "%zu of %zu %s %s (%.1f%%) left out: %s", units, kept + lost,
                                es_band_label(bands, i), what, 100 * share, reasons[r]);
        }
    }
}

static const char *es_agg_name(es_account_agg a)
{
    return a == ES_AGG_MEAN ? "mean" : a == ES_AGG_RATIO ? "ratio" : "median";
}

es_results *es_study_results(const es_study *s, const char *analysis)
{
    es_results *res = es_results_alloc(analysis);
    if (res == NULL)
        return NULL;
    const es_units *u = s->units;
    const es_bands *bands = s->uo->bands;
    if (s->rep != NULL) {
        es_results_set_input(res, s->rep, u->n_accounts, u->post_level ? "post" : "account");
        es_results_set_accounts_label(res, u->unit_post && u->account_dict == NULL ? "posts with a defined ER (no account column)"
                                                                                 : "accounts with a defined ER");
    }
    es_level_info li;
    if (s->table != NULL && s->table->level != ES_LEVEL_AUTO && es_table_level(s->table, &li, NULL) == ES_OK &&
        li.level != li.detected)
        es_results_warn(res, "%s", li.evidence);
    es_buf b = {0};
    if (es_er_format(&s->uo->er, &b) != ES_OK)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    es_results_setting(res, "er", es_cell_str(b.data ? b.data : ""));
    if (u->er_column != NULL) {
        es_results_setting(res, "er_scale", es_cell_str(u->er_percent ? "percent" : "proportion"));
        es_results_warn(res, "engagement rate from the precomputed column '%s' (er role)%s: median %.4g, read as %s",
                        u->er_column, s->uo->er_auto ? ", chosen because the counts of likes+comments/followers "
                        "are absent for some of its rows (--er sets another definition)" : "", u->er_median,
                        u->er_percent ? "percent (above 1): divided by 100" : "a proportion");
    }
    es_results_setting(res, "unit", es_cell_str(u->unit_post ? "post" : "account"));
    if (u->post_level && !u->unit_post)
        es_results_setting(res, "account_er", es_cell_str(es_agg_name(s->uo->agg)));
    es_results_setting(res, "bands", es_cell_str(bands->label));
    es_buf_reset(&b);
    if (bands->column != NULL) {
        es_results_setting(res, "band_column", es_cell_str(bands->column));
        es_results_setting(res, "band_order", es_cell_str(bands->median_followers != NULL && bands->n > 0 &&
                                                                  !isnan(bands->median_followers[0])
                                                              ? "median followers"
                                                              : "first appearance"));
    } else {
        for (size_t k = 0; k < bands->n; k++)
            es_buf_printf(&b, "%s%.15g", k ? "," : "", bands->edges[k]);
        es_results_setting(res, "band_edges", es_cell_str(b.data ? b.data : ""));
    }
    es_buf_reset(&b);
    for (size_t k = 0; k < bands->n; k++)
        es_buf_printf(&b, "%s%s", k ? "," : "", bands->names[k]);
    es_results_setting(res, "band_names", es_cell_str(b.data ? b.data : ""));
    if (b.data == NULL && bands->n > 0)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    es_buf_free(&b);
    double max_er = s->uo->max_er;
    es_results_setting(res, "max_er", isinf(max_er) ? es_cell_str("Inf") : es_cell_num(max_er));
    if (u->post_level && u->unit_post && !s->uo->unit_post)
        es_results_warn(res, "post-level file without an account column: each post is its own unit");
    if (u->excl_missing_counts)
        es_results_warn(res, "%zu rows left out: a count or denominator is missing", u->excl_missing_counts);
    if (u->excl_zero_den)
        es_results_warn(res, "%zu rows left out: zero denominator", u->excl_zero_den);
    if (u->excl_no_band)
        es_results_warn(res, "%zu rows left out: no band (no value in --band-column '%s')", u->excl_no_band,
                        bands->column ? bands->column : "");
    if (u->excl_above_max)
        es_results_warn(res, "%zu rows left out: engagement rate above --max-er %g (suspicious)", u->excl_above_max,
                        max_er);
    es_study_accounts_warn(u, res);
    if (max_er > ES_ER_SUSPECT)
        es_study_suspect(s, res);
    es_study_exclusions(s, res);
    if (u->n_below_bands && bands->n > 0) {
        char lo[32];
        es_bands_range(bands, 0, lo, sizeof lo);
        es_results_warn(res, "%zu %s below the first band edge (%s): reported as band 'below'", u->n_below_bands,
                        u->unit_post ? "posts" : "accounts", lo);
    }
    return res;
}
