/* study.c — what every analysis shares: the default options, the results header
 * (input, definitions, exclusions) and the minimum-n rule. */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

size_t es_units_accounts(const es_units *u, int band)
{
    size_t m = 0;
    if (!u->unit_post || u->account_dict == NULL) {
        for (size_t k = 0; k < u->n; k++)
            m += band == -2 || u->band[k] == band;
        return m;
    }
    unsigned char *seen = calloc(es_dict_size(u->account_dict) + 1, 1);
    if (seen == NULL)
        return SIZE_MAX;
    for (size_t k = 0; k < u->n; k++) {
        if (band != -2 && u->band[k] != band)
            continue;
        uint32_t a = u->account[k];
        if (a == ES_DICT_NONE)
            m++;
        else if (!seen[a]) {
            seen[a] = 1;
            m++;
        }
    }
    free(seen);
    return m;
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
    size_t accounts = es_units_accounts(u, -2);
    if (accounts == SIZE_MAX)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    if (s->rep != NULL)
        es_results_set_input(res, s->rep, accounts, u->post_level ? "post" : "account");
    es_buf b = {0};
    if (es_er_format(&s->uo->er, &b) != ES_OK)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    es_results_setting(res, "er", es_cell_str(b.data ? b.data : ""));
    es_results_setting(res, "unit", es_cell_str(u->unit_post ? "post" : "account"));
    if (u->post_level && !u->unit_post)
        es_results_setting(res, "account_er", es_cell_str(es_agg_name(s->uo->agg)));
    es_results_setting(res, "bands", es_cell_str(bands->label));
    es_buf_reset(&b);
    for (size_t k = 0; k < bands->n; k++)
        es_buf_printf(&b, "%s%.15g", k ? "," : "", bands->edges[k]);
    es_results_setting(res, "band_edges", es_cell_str(b.data ? b.data : ""));
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
    if (u->excl_above_max)
        es_results_warn(res, "%zu rows left out: engagement rate above --max-er %g (suspicious)", u->excl_above_max,
                        max_er);
    if (u->n_below_bands && bands->n > 0) {
        char lo[32];
        es_bands_range(bands, 0, lo, sizeof lo);
        es_results_warn(res, "%zu %s below the first band edge (%s): reported as band 'below'", u->n_below_bands,
                        u->unit_post ? "posts" : "accounts", lo);
    }
    return res;
}
