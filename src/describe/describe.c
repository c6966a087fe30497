/* describe.c — engagement rate by follower band (and by niche and/or platform), with
 * confidence intervals, and the ratio of medians of two bands (analysis.h). */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/bootstrap.h"
#include "engagestat/descriptive.h"

void es_describe_opts_init(es_describe_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->ratio_num = "micro";
    o->ratio_den = "mega";
}

typedef struct {
    const es_describe_opts *o;
    const es_units *u;
    es_rtable *desc, *ivals;
    double *vals;
    uint32_t *clus;
    int post_units;
} es_desc_ctx;

/* Values (and clusters) of the units in band b (-2 = all) matching the groups. */
static size_t es_desc_select(es_desc_ctx *c, int band, uint32_t niche, uint32_t platform, size_t *posts)
{
    const es_units *u = c->u;
    size_t m = 0;
    *posts = 0;
    for (size_t k = 0; k < u->n; k++) {
        if (band != -2 && u->band[k] != band)
            continue;
        if (niche != ES_DICT_NONE && u->niche[k] != niche)
            continue;
        if (platform != ES_DICT_NONE && u->platform[k] != platform)
            continue;
        c->vals[m] = u->er[k];
        c->clus[m] = es_units_cluster(u, k); /* one per (platform, account) */
        *posts += u->n_posts[k];
        m++;
    }
    return m;
}

static int es_boot_run(es_desc_ctx *c, size_t m, es_boot_stat_fn fn, es_boot_result *r)
{
    es_boot_opts bo;
    es_analysis_boot_opts(&c->o->common, &bo);
    if (c->post_units)
        return es_boot_cluster(c->vals, c->clus, m, fn, NULL, &bo, r);
    return es_boot_one(c->vals, m, fn, NULL, &bo, r);
}

/* The cells that lead each row: band, range, and niche and platform when grouped by them. */
typedef struct {
    const char *band, *range, *niche, *platform;
} es_desc_group;

static es_row es_desc_append(es_rtable *t, const es_desc_group *g)
{
    es_row row = es_rtable_append(t);
    es_row_str(&row, "band", g->band);
    es_row_str(&row, "range", g->range);
    if (g->niche)
        es_row_str(&row, "niche", g->niche);
    if (g->platform)
        es_row_str(&row, "platform", g->platform);
    return row;
}

static void es_desc_ival(es_desc_ctx *c, const es_desc_group *g, const char *stat, const char *method,
                         double est, double lo, double hi, const char *note)
{
    es_row row = es_desc_append(c->ivals, g);
    es_row_str(&row, "statistic", stat);
    es_row_str(&row, "method", method);
    es_row_num(&row, "estimate", est);
    es_row_num(&row, "ci_low", lo);
    es_row_num(&row, "ci_high", hi);
    es_row_str(&row, "note", note);
}

/* One row of the describe table and its interval rows. */
static void es_desc_row(es_desc_ctx *c, const char *band, const char *range, const char *niche,
                        const char *platform, int b, uint32_t nc, uint32_t pc)
{
    size_t posts;
    size_t m = es_desc_select(c, b, nc, pc, &posts);
    es_summary s;
    es_summary_compute(c->vals, m, &s);
    size_t n_acc = c->post_units ? es_units_accounts(c->u, b, nc, pc, 0) : m;
    if (n_acc == SIZE_MAX) {
        es_results_fail(c->desc->owner, ES_ENOMEM, "out of memory");
        return;
    }
    const char *note = m == 0 ? "empty" : m == 1 ? "n = 1: no spread or interval"
                       : s.n_zero > 0 ? "geo_mean is 0: some rates are 0 (see n_zero)" : NULL;
    const es_desc_group g = {band, range, niche, platform};
    es_row row = es_desc_append(c->desc, &g);
    es_row_int(&row, "n_accounts", (long long)n_acc);
    es_row_int(&row, "n_posts", (long long)posts);
    es_row_num(&row, "mean", s.mean);
    es_row_num(&row, "sd", s.sd);
    es_row_num(&row, "median", s.median);
    es_row_num(&row, "q25", s.q25);
    es_row_num(&row, "q75", s.q75);
    es_row_num(&row, "iqr", s.iqr);
    es_row_num(&row, "geo_mean", s.geo_mean);
    es_row_num(&row, "trim_mean", s.trim_mean);
    es_row_num(&row, "mad", s.mad);
    es_row_int(&row, "n_zero", (long long)s.n_zero);
    es_row_str(&row, "note", note);
    if (m < 2)
        return;
    char buf[64];
    const char *small = es_min_n_note(n_acc, c->o->common.min_n, "interval", buf, sizeof buf);
    if (small != NULL) {
        es_desc_ival(c, &g, "median", "order statistics", s.median, NAN, NAN, small);
        return;
    }
    es_median_ci ci;
    int rc = c->post_units ? ES_EDOM : es_median_ci_compute(c->vals, m, c->o->common.conf, &ci);
    if (c->post_units)
        es_desc_ival(c, &g, "median", "order statistics", s.median, NAN, NAN,
                     "not valid for clustered posts; see the cluster bootstrap");
    else
        es_desc_ival(c, &g, "median", "order statistics", s.median, rc == ES_OK ? ci.lo : NAN,
                     rc == ES_OK ? ci.hi : NAN, rc == ES_OK ? NULL : "too few values for this level");
    if (c->o->common.boot == 0)
        return;
    es_boot_result r;
    const char *what = c->post_units ? "cluster bootstrap" : "bootstrap";
    char perc[64], bca[64];
    snprintf(perc, sizeof perc, "%s percentile", what);
    snprintf(bca, sizeof bca, "%s BCa", what);
    if (es_boot_run(c, m, es_boot_stat_median, &r) == ES_OK) {
        es_desc_ival(c, &g, "median", perc, r.estimate, r.perc_lo, r.perc_hi, r.degenerate ? "degenerate bootstrap" : NULL);
        es_desc_ival(c, &g, "median", bca, r.estimate, r.bca_lo, r.bca_hi, r.degenerate ? "degenerate bootstrap" : NULL);
    }
    if (es_boot_run(c, m, es_boot_stat_mean, &r) == ES_OK) {
        es_desc_ival(c, &g, "mean", perc, r.estimate, r.perc_lo, r.perc_hi, r.degenerate ? "degenerate bootstrap" : NULL);
        es_desc_ival(c, &g, "mean", bca, r.estimate, r.bca_lo, r.bca_hi, r.degenerate ? "degenerate bootstrap" : NULL);
    }
}

static int es_describe_ratio(const es_describe_opts *o, es_results *res, const es_units *u, const es_bands *bands,
                             es_err *err)
{
    const char *a = o->ratio_num, *b = o->ratio_den;
    int ia = es_bands_find(bands, a), ib = es_bands_find(bands, b);
    if (ia < 0 || ib < 0) {
        char opt[256];
        snprintf(opt, sizeof opt, "--ratio '%s/%s'", a, b);
        return es_bands_unknown(bands, opt, ia < 0 ? a : b, "name two of them with --ratio A/B", err);
    }
    if (ia == ib)
        return es_err_set(err, ES_EINVAL, "--ratio '%s/%s': the two bands must differ", a, b);
    double *x = malloc((u->n ? u->n : 1) * sizeof *x), *y = malloc((u->n ? u->n : 1) * sizeof *y);
    if (x == NULL || y == NULL) {
        free(x);
        free(y);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    size_t nx = es_units_select(u, ia, ES_ROLE_NONE, ES_DICT_NONE, x);
    size_t ny = es_units_select(u, ib, ES_ROLE_NONE, ES_DICT_NONE, y);
    static const char *const cols[] = {"numerator", "denominator", "n_numerator", "n_denominator", "estimate",
                                       "method", "ci_low", "ci_high", "note"};
    es_rtable *tb;
    es_results_table(res, "ratio", "Ratio of median engagement rates", 9, cols, &tb);
    es_boot_opts bo;
    es_analysis_boot_opts(&o->common, &bo);
    char buf[64];
    const char *small = es_min_n_note(nx < ny ? nx : ny, o->common.min_n, "interval", buf, sizeof buf);
    int boot = o->common.boot > 0 && !u->unit_post && small == NULL;
    es_ratio_ci r;
    if (es_ratio_of_medians(x, nx, y, ny, boot ? &bo : NULL, &r) != ES_OK)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    double est = r.estimate;
    const char *note = nx == 0 || ny == 0 ? "a band is empty" : !isfinite(est) ? "the denominator median is 0" : NULL;
    int ok = r.has_ci;
    if (note == NULL && small != NULL)
        note = small;
    if (u->unit_post && note == NULL)
        note = "post units: no bootstrap interval for the ratio (use --unit account)";
    for (int bca = 0; bca < 2; bca++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "numerator", a);
        es_row_str(&row, "denominator", b);
        es_row_int(&row, "n_numerator", (long long)nx);
        es_row_int(&row, "n_denominator", (long long)ny);
        es_row_num(&row, "estimate", est);
        es_row_str(&row, "method", bca ? "bootstrap BCa" : "bootstrap percentile");
        es_row_num(&row, "ci_low", !ok ? NAN : bca ? r.bca_lo : r.perc_lo);
        es_row_num(&row, "ci_high", !ok ? NAN : bca ? r.bca_hi : r.perc_hi);
        es_row_str(&row, "note", note);
    }
    char name[160];
    snprintf(name, sizeof name, "ratio_of_medians_%s_%s", a, b);
    es_results_value(res, name, es_cell_num(est));
    free(x);
    free(y);
    return 0;
}

int es_describe_run(const es_study *s, const es_describe_opts *o, es_results *res, es_err *err)
{
    const es_units u = *s->units;
    const es_bands bands = *s->uo->bands;
    int by_niche = o->by_niche, by_platform = o->by_platform;
    if ((by_niche && u.niche_dict == NULL) || (by_platform && u.platform_dict == NULL)) {
        const char *what = by_niche && u.niche_dict == NULL ? "niche" : "platform";
        return es_err_set(err, ES_EDOM, "--by %s: the file has no %s column (use --map %s=COLUMN)", what, what, what);
    }
    es_results_setting(res, "conf", es_cell_num(o->common.conf));
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    if (by_niche || by_platform)
        es_results_setting(res, "by", es_cell_str(by_niche && by_platform ? "niche,platform" : by_niche ? "niche" : "platform"));
    es_desc_ctx c = {.o = o, .u = &u, .post_units = u.unit_post && u.account_dict != NULL};
    c.vals = malloc((u.n ? u.n : 1) * sizeof *c.vals);
    c.clus = malloc((u.n ? u.n : 1) * sizeof *c.clus);
    if (c.vals == NULL || c.clus == NULL) {
        free(c.vals);
        free(c.clus);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    const char *dcols[20], *icols[10];
    size_t nd = 0, ni = 0;
    dcols[nd++] = icols[ni++] = "band";
    dcols[nd++] = icols[ni++] = "range";
    if (by_niche)
        dcols[nd++] = icols[ni++] = "niche";
    if (by_platform)
        dcols[nd++] = icols[ni++] = "platform";
    const char *dtail[] = {"n_accounts", "n_posts", "mean", "sd", "median", "q25", "q75",
                           "iqr", "geo_mean", "trim_mean", "mad", "n_zero", "note"};
    for (size_t j = 0; j < sizeof dtail / sizeof *dtail; j++)
        dcols[nd++] = dtail[j];
    const char *itail[] = {"statistic", "method", "estimate", "ci_low", "ci_high", "note"};
    for (size_t j = 0; j < sizeof itail / sizeof *itail; j++)
        icols[ni++] = itail[j];
    char title[256];
    snprintf(title, sizeof title, "Engagement rate by follower band (%s units)", u.unit_post ? "post" : "account");
    es_results_table(res, "describe", title, nd, dcols, &c.desc);
    snprintf(title, sizeof title, "%g%% confidence intervals", 100 * o->common.conf);
    es_results_table(res, "intervals", title, ni, icols, &c.ivals);
    static const char *const rates[] = {"mean", "sd", "median", "q25", "q75", "iqr", "geo_mean", "trim_mean", "mad"};
    for (size_t k = 0; k < sizeof rates / sizeof *rates; k++)
        es_rtable_mark_rate(c.desc, rates[k]);
    es_rtable_mark_rate(c.ivals, "estimate");
    es_rtable_mark_rate(c.ivals, "ci_low");
    es_rtable_mark_rate(c.ivals, "ci_high");

    size_t n_niche = by_niche ? es_dict_size(u.niche_dict) : 1;
    size_t n_plat = by_platform ? es_dict_size(u.platform_dict) : 1;
    for (int b = (u.n_below_bands ? -1 : 0); b < (int)bands.n; b++) {
        char range[64];
        if (b >= 0 && bands.column != NULL) {
            /* Bands from a column: the followers observed in the band. */
            double lo, hi;
            es_units_band_followers(&u, b, 0, &lo, &hi);
            es_bands_format_range(lo, hi, range, sizeof range);
        } else if (b >= 0)
            es_bands_range(&bands, (size_t)b, range, sizeof range);
        else {
            char lo[32];
            es_bands_range(&bands, 0, lo, sizeof lo);
            char *dash = strchr(lo, '-');
            if (dash)
                *dash = '\0';
            snprintf(range, sizeof range, "<%s", lo);
        }
        const char *bname = b >= 0 ? bands.names[b] : "below";
        for (size_t gi = 0; gi < n_niche; gi++)
            for (size_t gp = 0; gp < n_plat; gp++) {
                uint32_t nc = by_niche ? (uint32_t)gi : ES_DICT_NONE;
                uint32_t pc = by_platform ? (uint32_t)gp : ES_DICT_NONE;
                es_desc_row(&c, bname, range, by_niche ? es_dict_str(u.niche_dict, nc) : NULL,
                            by_platform ? es_dict_str(u.platform_dict, pc) : NULL, b, nc, pc);
            }
    }
    if (!by_niche && !by_platform)
        es_desc_row(&c, "all", "all", NULL, NULL, -2, ES_DICT_NONE, ES_DICT_NONE);
    free(c.vals);
    free(c.clus);
    return es_describe_ratio(o, res, &u, &bands, err);
}
