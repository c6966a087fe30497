/* compare.c — engagement rates between follower bands (analysis.h).  Pairwise (default
 * micro vs mega): Mann-Whitney with HL shift, AUC and Cliff's delta; Welch t on log ER
 * (or raw ER) with Hedges g; permutation tests of the difference in medians and means;
 * the ratio of medians with a bootstrap CI.  Omnibus across bands: Kruskal-Wallis
 * (epsilon^2) with Dunn pairs, classical and Welch one-way ANOVA.  by niche|platform
 * repeats the pairwise comparison within each group, adjusting p-values across the
 * groups.  Groups below the minimum n get no test or interval (es_min_n_note). */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/bootstrap.h"
#include "engagestat/compare.h"
#include "engagestat/select.h"
#include "engagestat/threads.h"

void es_compare_opts_init(es_compare_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->group_a = "micro";
    o->group_b = "mega";
    o->alt = ES_ALT_TWO_SIDED;
    o->adjust = ES_ADJ_HOLM;
    o->log_scale = 1;
    o->exact = -1;
    o->perm = 9999;
    o->by = ES_ROLE_NONE;
}

typedef struct es_cmp_ctx {
    const es_compare_opts *o;
    const es_units *u;
    const es_bands *bands;
    es_results *res;
    es_rtable *pair, *eff;
    const char *gcol; /* the pairwise table's group column: group, niche or platform */
    double *x, *y, *lx, *ly; /* scratch of size u->n */
} es_cmp_ctx;

/* The size the minimum n is checked against: the units in band (and group), only
 * those with ER > 0 when positive; for post units the accounts behind them (a post
 * without an account is its own cluster, as in the cluster bootstrap). */
static size_t es_cmp_size(es_cmp_ctx *c, int band, es_role by, uint32_t grp, int positive)
{
    size_t m = es_units_accounts(c->u, band, by == ES_ROLE_NICHE ? grp : ES_DICT_NONE,
                                 by == ES_ROLE_PLATFORM ? grp : ES_DICT_NONE, positive);
    if (m == SIZE_MAX) {
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        return 0;
    }
    return m;
}

/* Positive values of v as logs into out; returns the count (zeros are left out). */
static size_t es_logs(const double *v, size_t n, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > 0)
            out[m++] = log(v[i]);
    return m;
}

/* A pairwise row with its leading cells: comparison, group, test, method, n_a, n_b. */
static es_row es_cmp_pair_row(es_cmp_ctx *c, const char *cmp, const char *glabel, const char *test,
                              const char *method, size_t n1, size_t n2)
{
    es_row row = es_rtable_append(c->pair);
    es_row_str(&row, "comparison", cmp);
    es_row_str(&row, c->gcol, glabel);
    es_row_str(&row, "test", test);
    es_row_str(&row, "method", method);
    es_row_int(&row, "n_a", (long long)n1);
    es_row_int(&row, "n_b", (long long)n2);
    return row;
}

/* A test's result cells in a pairwise row (NaN and NULL: missing). */
static void es_cmp_test_cells(es_row *row, double stat, double df, double p, double logp, double est, double lo,
                              double hi, const char *effect_size, double effect, double effect_lo, double effect_hi)
{
    es_row_num(row, "statistic", stat);
    es_row_num(row, "df", df);
    es_row_num(row, "p_value", p);
    es_row_num(row, "log_p_value", logp);
    es_row_num(row, "estimate", est);
    es_row_num(row, "ci_low", lo);
    es_row_num(row, "ci_high", hi);
    es_row_str(row, "effect_size", effect_size);
    es_row_num(row, "effect", effect);
    es_row_num(row, "effect_ci_low", effect_lo);
    es_row_num(row, "effect_ci_high", effect_hi);
}

/* A row of the effects table; below the minimum n (small) no interval, and small in
 * the method column. */
static void es_cmp_effect(es_cmp_ctx *c, const char *cmp, const char *glabel, const char *effect, double est,
                          double lo, double hi, const char *method, size_t n1, size_t n2, const char *small)
{
    es_row row = es_rtable_append(c->eff);
    es_row_str(&row, "comparison", cmp);
    es_row_str(&row, "group", glabel);
    es_row_str(&row, "effect", effect);
    es_row_num(&row, "estimate", est);
    es_row_num(&row, "ci_low", small ? NAN : lo);
    es_row_num(&row, "ci_high", small ? NAN : hi);
    es_row_str(&row, "method", small ? small : method);
    es_row_int(&row, "n_a", (long long)n1);
    es_row_int(&row, "n_b", (long long)n2);
}

/* The minimum-n notes of a comparison whose smaller group has n: for a test (pairwise
 * row) and an interval (effects row); both NULL when n >= min_n or a group is empty
 * (which has its own note). */
typedef struct {
    char test[64], ival[64];
    const char *t, *i;
} es_cmp_small;

static void es_cmp_small_set(es_cmp_small *s, size_t na, size_t nb, size_t min_n)
{
    size_t n = na < nb ? na : nb;
    s->t = n == 0 ? NULL : es_min_n_note(n, min_n, "test", s->test, sizeof s->test);
    s->i = n == 0 ? NULL : es_min_n_note(n, min_n, "interval", s->ival, sizeof s->ival);
}

/* Rows of the pairwise table for one comparison (group label g or "all"); the
 * p-values are returned in p[0..4) in row order for adjustment across groups. */
static void es_cmp_pair(es_cmp_ctx *c, int ia, int ib, es_role by, uint32_t grp, const char *glabel, double p[4])
{
    const es_units *u = c->u;
    const es_compare_opts *o = c->o;
    const es_analysis_opts *co = &o->common;
    size_t na = es_units_select(u, ia, by, grp, c->x);
    size_t nb = es_units_select(u, ib, by, grp, c->y);
    es_cmp_small sm, tsm;
    es_cmp_small_set(&sm, es_cmp_size(c, ia, by, grp, 0), es_cmp_size(c, ib, by, grp, 0), co->min_n);
    char cmp[160];
    snprintf(cmp, sizeof cmp, "%s vs %s", o->group_a, o->group_b);
    for (int k = 0; k < 4; k++)
        p[k] = NAN;
    char note[160];

    /* Mann-Whitney. */
    es_mw_opts mo;
    es_mw_opts_default(&mo);
    mo.alt = (es_alternative)o->alt;
    mo.conf_level = co->conf;
    mo.seed = co->seed;
    mo.perm = o->perm;
    mo.exact = o->exact;
    es_mw_result mw;
    int rc = es_mw_test(c->x, na, c->y, nb, &mo, &mw);
    static const char *const mwm[] = {"normal, tie and continuity corrected", "exact",
                                      "exact conditional on ties", "Monte Carlo permutation"};
    es_row row = es_cmp_pair_row(c, cmp, glabel, "mann_whitney",
                                 rc != ES_OK ? "not computed" : sm.t ? NULL : mwm[mw.method], na, nb);
    if (rc == ES_OK && sm.t) {
        es_cmp_test_cells(&row, NAN, NAN, NAN, NAN, mw.estimate, NAN, NAN, "cliff_delta", mw.cliff_delta, NAN, NAN);
        es_row_str(&row, "note", sm.t);
    } else if (rc == ES_OK) {
        es_cmp_test_cells(&row, mw.w, NAN, mw.p_value, mw.log_p_value, mw.estimate, mw.ci_low, mw.ci_high,
                          "cliff_delta", mw.cliff_delta, mw.cliff_ci_low, mw.cliff_ci_high);
        if (isnan(mw.p_value))
            es_row_str(&row, "note", "all values tied: no variance");
        else if (fabs(mw.cliff_delta) == 1 || mw.conf_level < co->conf - 1e-12) {
            int lvl = mw.conf_level < co->conf - 1e-12, sep = fabs(mw.cliff_delta) == 1;
            snprintf(note, sizeof note, "%s%s%s", lvl ? "requested confidence level not achievable (exact)" : "",
                     lvl && sep ? "; " : "", sep ? "complete separation: no cliff_delta interval" : "");
            es_row_str(&row, "note", note);
        }
        p[0] = mw.p_value;
    } else {
        es_row_str(&row, "note", na == 0 || nb == 0 ? "a band is empty" : es_strerror(rc));
    }
    if (rc == ES_OK) {
        const struct {
            const char *name, *method;
            double est, lo, hi;
        } e[] = {
            {"hodges_lehmann_shift", "median of pairwise differences; CI as R wilcox.test", mw.hl, mw.ci_low,
             mw.ci_high},
            {"auc", "P(A > B) + P(A = B)/2; Cliff (1996) CI", mw.auc, mw.auc_ci_low, mw.auc_ci_high},
            {"cliff_delta", "P(A > B) - P(A < B); Cliff (1996) CI", mw.cliff_delta, mw.cliff_ci_low,
             mw.cliff_ci_high},
        };
        const char *sep = fabs(mw.cliff_delta) == 1 ? "complete separation: no interval" : NULL;
        for (size_t k = 0; k < 3; k++)
            es_cmp_effect(c, cmp, glabel, e[k].name, e[k].est, e[k].lo, e[k].hi, e[k].method, na, nb,
                          sm.i ? sm.i : k > 0 ? sep : NULL);
    }

    /* Welch t on log ER (zeros left out) or raw ER. */
    const double *tx = c->x, *ty = c->y;
    size_t tna = na, tnb = nb;
    tsm = sm;
    if (o->log_scale) {
        tna = es_logs(c->x, na, c->lx);
        tnb = es_logs(c->y, nb, c->ly);
        tx = c->lx;
        ty = c->ly;
        if (tna < na || tnb < nb)
            es_cmp_small_set(&tsm, es_cmp_size(c, ia, by, grp, 1), es_cmp_size(c, ib, by, grp, 1), co->min_n);
    }
    es_t_result tt;
    rc = es_welch_t(tx, tna, ty, tnb, (es_alternative)o->alt, co->conf, &tt);
    row = es_cmp_pair_row(c, cmp, glabel, "welch_t",
                          rc != ES_OK ? "not computed" : tsm.t ? NULL : o->log_scale ? "Welch t on log ER" : "Welch t on ER",
                          tna, tnb);
    if (rc == ES_OK && tsm.t) {
        es_cmp_test_cells(&row, NAN, NAN, NAN, NAN, tt.estimate, NAN, NAN, "hedges_g", tt.g, NAN, NAN);
    } else if (rc == ES_OK) {
        es_cmp_test_cells(&row, tt.t, tt.df, tt.p_value, tt.log_p_value, tt.estimate, tt.ci_low, tt.ci_high,
                          "hedges_g", tt.g, tt.g_ci_low, tt.g_ci_high);
        p[1] = tt.p_value;
    }
    if (o->log_scale && (tna < na || tnb < nb)) {
        snprintf(note, sizeof note, "%zu + %zu accounts with ER = 0 left out of the log scale%s%s", na - tna, nb - tnb,
                 tsm.t ? "; " : "", tsm.t ? tsm.t : "");
        es_row_str(&row, "note", note);
    } else if (rc != ES_OK) {
        es_row_str(&row, "note", "fewer than 2 values in a band");
    } else if (tsm.t) {
        es_row_str(&row, "note", tsm.t);
    } else if (isnan(tt.t)) {
        es_row_str(&row, "note", "no variance in either band");
    }
    if (rc == ES_OK && o->log_scale) /* exp of the difference of mean logs: ratio of geometric means. */
        es_cmp_effect(c, cmp, glabel, "ratio_of_geometric_means", exp(tt.estimate), exp(tt.ci_low), exp(tt.ci_high),
                      "exp of the Welch CI on log ER", tna, tnb, tsm.i);
    if (rc == ES_OK)
        es_cmp_effect(c, cmp, glabel, "hedges_g", tt.g, tt.g_ci_low, tt.g_ci_high,
                      o->log_scale ? "on log ER; Hedges & Olkin (1985) normal CI"
                                   : "on ER; Hedges & Olkin (1985) normal CI",
                      tna, tnb, tsm.i);

    /* Permutation tests of the difference in medians and in means. */
    es_boot_opts bo;
    es_analysis_boot_opts(co, &bo);
    for (int s = 0; s < 2; s++) {
        const char *test = s == 0 ? "permutation_median" : "permutation_mean";
        if (sm.t) {
            row = es_cmp_pair_row(c, cmp, glabel, test, NULL, na, nb);
            double d = (s == 0 ? es_boot_stat2_diff_medians : es_boot_stat2_diff_means)(c->x, na, c->y, nb, NULL);
            es_cmp_test_cells(&row, NAN, NAN, NAN, NAN, d, NAN, NAN, NULL, NAN, NAN, NAN);
            es_row_str(&row, "note", sm.t);
            continue;
        }
        es_perm_opts po = {s == 0 ? ES_PERM_MEDIAN : ES_PERM_MEAN, (es_alternative)o->alt, o->perm, co->seed,
                           (int)es_thread_count(co->threads), 0};
        es_perm_result pr;
        rc = es_perm_test(c->x, na, c->y, nb, &po, &pr);
        row = es_cmp_pair_row(c, cmp, glabel, test,
                              rc != ES_OK ? "not computed" : pr.exact ? "exact enumeration" : "Monte Carlo, (b+1)/(m+1)",
                              na, nb);
        if (rc == ES_OK) {
            /* The difference's CI: two-sample bootstrap BCa (account units). */
            es_boot_result dr;
            int dok = 0;
            if (co->boot > 0 && !u->unit_post && na >= 2 && nb >= 2)
                dok = es_boot_two(c->x, na, c->y, nb, s == 0 ? es_boot_stat2_diff_medians : es_boot_stat2_diff_means, NULL, &bo, &dr) ==
                      ES_OK;
            es_cmp_test_cells(&row, pr.observed, NAN, pr.p_value, log(pr.p_value), pr.observed, dok ? dr.bca_lo : NAN,
                              dok ? dr.bca_hi : NAN, NULL, NAN, NAN, NAN);
            snprintf(note, sizeof note, "%zu %s%s", pr.m, pr.exact ? "partitions" : "permutations",
                     dok ? "; CI: bootstrap BCa" : "");
            es_row_str(&row, "note", note);
            p[2 + s] = pr.p_value;
        } else {
            es_row_str(&row, "note", "a band is empty");
        }
    }

    /* Ratio of medians with a bootstrap CI (account units only). */
    es_ratio_ci br;
    if (es_ratio_of_medians(c->x, na, c->y, nb, co->boot > 0 && !u->unit_post && !sm.i ? &bo : NULL, &br) != ES_OK)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    int ok = br.has_ci;
    es_cmp_effect(c, cmp, glabel, "ratio_of_medians", br.estimate, ok ? br.bca_lo : NAN, ok ? br.bca_hi : NAN,
                  ok ? "bootstrap BCa" : u->unit_post ? "post units: no bootstrap interval" : "no interval", na, nb, sm.i);
}

/* A row of the omnibus table (NaN and NULL: missing). */
static void es_cmp_omnibus_row(es_rtable *tb, const char *test, const char *scale, size_t n, size_t k, double stat,
                               double df, double df2, double p, double logp, const char *effect_size, double effect,
                               const char *note)
{
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "test", test);
    es_row_str(&row, "scale", scale);
    es_row_int(&row, "n_accounts", (long long)n);
    es_row_int(&row, "k", (long long)k);
    es_row_num(&row, "statistic", stat);
    es_row_num(&row, "df", df);
    es_row_num(&row, "df2", df2);
    es_row_num(&row, "p_value", p);
    es_row_num(&row, "log_p_value", logp);
    es_row_str(&row, "effect_size", effect_size);
    es_row_num(&row, "effect", effect);
    es_row_str(&row, "note", note);
}

#define ES_DUNN_MAX_BANDS 100

/* Omnibus tests across the bands with at least min_n units, and Dunn's pairs. */
static void es_cmp_omnibus(es_cmp_ctx *c)
{
    const es_units *u = c->u;
    size_t k = c->bands->n, kin = 0;
    double **g = calloc(k ? k : 1, sizeof *g), **lg = calloc(k ? k : 1, sizeof *lg);
    size_t *n = calloc(k ? k : 1, sizeof *n), *ln = calloc(k ? k : 1, sizeof *ln);
    size_t *in = calloc(k ? k : 1, sizeof *in); /* the bands the tests use, in order */
    es_rtable *tb;
    static const char *const bcols[] = {"band", "n_accounts", "n_zero", "median"};
    es_results_table(c->res, "bands", u->unit_post ? "Posts per band: accounts, and zeros and median over posts" : "Accounts per band", 4, bcols, &tb);
    es_rtable_mark_rate(tb, "median");
    int okalloc = g && lg && n && ln && in;
    es_buf out = {0}; /* the bands left out, for the note */
    for (size_t b = 0; okalloc && b < k; b++) {
        g[b] = malloc((u->n ? u->n : 1) * sizeof **g);
        lg[b] = malloc((u->n ? u->n : 1) * sizeof **lg);
        if (g[b] == NULL || lg[b] == NULL) {
            okalloc = 0;
            break;
        }
        n[b] = es_units_select(u, (int)b, ES_ROLE_NONE, ES_DICT_NONE, g[b]);
        ln[b] = es_logs(g[b], n[b], lg[b]);
        double *s = malloc((n[b] ? n[b] : 1) * sizeof *s);
        double med = s ? es_median_scratch(g[b], n[b], s) : NAN;
        free(s);
        /* n_accounts: accounts (for post units, the accounts behind the posts). */
        size_t size = es_cmp_size(c, (int)b, ES_ROLE_NONE, ES_DICT_NONE, 0);
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "band", c->bands->names[b]);
        es_row_int(&row, "n_accounts", (long long)size);
        es_row_int(&row, "n_zero", (long long)(n[b] - ln[b]));
        es_row_num(&row, "median", med);
        /* An empty band never entered the tests; a small one is left out, with a note. */
        if (size == 0 || size >= c->o->common.min_n)
            in[kin++] = b;
        else
            es_buf_printf(&out, "%s%s (n = %zu)", out.len ? ", " : "", c->bands->names[b], size);
    }
    char note[256] = "";
    if (out.len) {
        snprintf(note, sizeof note, "left out, fewer than min_n %zu %s: %s", c->o->common.min_n,
                 u->unit_post ? "accounts" : "units", out.data);
        es_results_warn(c->res, "omnibus tests and Dunn's pairs: bands %s", note);
    }
    es_buf_free(&out);
    static const char *const ocols[] = {"test", "scale", "n_accounts", "k", "statistic", "df", "df2", "p_value",
                                        "log_p_value", "effect_size", "effect", "note"};
    es_results_table(c->res, "omnibus", "Across all bands", 12, ocols, &tb);
    if (!okalloc) {
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        goto done;
    }
    /* The tests see only the bands in `in`: compact the arrays to them (they keep
     * their order; the left-out bands' arrays are freed from the full lists below). */
    double **tg = calloc(k ? k : 1, sizeof *tg), **tlg = calloc(k ? k : 1, sizeof *tlg);
    size_t *tn = calloc(k ? k : 1, sizeof *tn), *tln = calloc(k ? k : 1, sizeof *tln);
    if (tg == NULL || tlg == NULL || tn == NULL || tln == NULL) {
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        kin = 0;
    }
    for (size_t j = 0; j < kin; j++) {
        tg[j] = g[in[j]];
        tlg[j] = lg[in[j]];
        tn[j] = n[in[j]];
        tln[j] = ln[in[j]];
    }
    const char *onote = note[0] ? note : NULL;
    const char *scale = c->o->log_scale ? "log ER" : "ER";
    double *const *pg = c->o->log_scale ? tlg : tg;
    const size_t *pn = c->o->log_scale ? tln : tn;
    es_kw_result kw;
    int rc = es_kw_test((const double *const *)tg, tn, kin, &kw);
    int ok = rc == ES_OK;
    es_cmp_omnibus_row(tb, "kruskal_wallis", "ranks of ER", kw.n, kw.k, ok ? kw.h : NAN, ok ? kw.df : NAN,
                       NAN, ok ? kw.p_value : NAN, ok ? kw.log_p_value : NAN, "epsilon_squared",
                       ok ? kw.epsilon2 : NAN, ok ? onote : "fewer than 2 bands with data");
    es_anova_result an;
    rc = es_anova_oneway((const double *const *)pg, pn, kin, &an);
    es_cmp_omnibus_row(tb, "anova", scale, an.n, an.k, an.f, an.df1, an.df2, an.p_value, an.log_p_value,
                       "eta_squared", an.r2, rc == ES_OK ? onote : "too few bands or values");
    es_welch_anova_result wa = {0};
    /* Welch's ANOVA needs 2+ values per band: use the bands that have them. */
    size_t kk = 0, none = 0;
    double **wg = calloc(k ? k : 1, sizeof *wg);
    size_t *wn = calloc(k ? k : 1, sizeof *wn);
    es_buf wout = {0}; /* the bands of one value left out, named in the note */
    for (size_t b = 0; wg && wn && b < kin; b++)
        if (pn[b] >= 2) {
            wg[kk] = pg[b];
            wn[kk++] = pn[b];
        } else if (pn[b] == 1) {
            es_buf_printf(&wout, "%s%s", none++ ? ", " : "", c->bands->names[in[b]]);
        }
    if (wg == NULL || wn == NULL)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    rc = wg && wn ? es_anova_welch((const double *const *)wg, wn, kk, &wa) : ES_ENOMEM;
    free(wg);
    free(wn);
    const char *wnote = rc != ES_OK     ? "too few bands with 2 or more values"
                        : isnan(wa.f) ? "a band has no variance"
                                      : onote;
    es_buf wfull = {0};
    if (none > 0 && wout.data) {
        es_buf_printf(&wfull, "%s%s%zu band%s left out, n = 1 (no variance): %s", wnote ? wnote : "",
                      wnote ? "; " : "", none, none == 1 ? "" : "s", wout.data);
        es_results_warn(c->res, "welch_anova: %zu band%s left out, n = 1 (no variance): %s", none,
                        none == 1 ? "" : "s", wout.data);
        wnote = wfull.data ? wfull.data : wnote;
    }
    es_cmp_omnibus_row(tb, "welch_anova", scale, wa.n, wa.k, wa.f, wa.df1, wa.df2, wa.p_value, wa.log_p_value, NULL,
                       NAN, wnote);
    es_buf_free(&wout);
    es_buf_free(&wfull);

    /* Every pair of bands is a row: bounded, so many bands cannot fill the memory. */
    size_t np = kin * (kin ? kin - 1 : 0) / 2;
    if (kin > ES_DUNN_MAX_BANDS) {
        es_results_warn(c->res, "Dunn's pairs left out: %zu bands would give %zu pairs (at most %d bands)", kin, np,
                        ES_DUNN_MAX_BANDS);
        np = 0;
    }
    es_dunn_pair *dp = malloc((np ? np : 1) * sizeof *dp);
    if (dp == NULL)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    static const char *const dcols[] = {"band_a", "band_b", "n_a", "n_b", "mean_rank_diff", "statistic",
                                        "p_value", "log_p_value", "p_adjusted"};
    es_results_table(c->res, "dunn", "Dunn's pairwise tests on Kruskal-Wallis ranks", 9, dcols, &tb);
    if (dp != NULL && kin >= 2 && np > 0 &&
        es_dunn_test((const double *const *)tg, tn, kin, (es_adjust_method)c->o->adjust, dp) == ES_OK)
        for (size_t q = 0; q < np; q++) {
            es_row row = es_rtable_append(tb);
            es_row_str(&row, "band_a", c->bands->names[in[dp[q].a]]);
            es_row_str(&row, "band_b", c->bands->names[in[dp[q].b]]);
            es_row_int(&row, "n_a", (long long)tn[dp[q].a]);
            es_row_int(&row, "n_b", (long long)tn[dp[q].b]);
            es_row_num(&row, "mean_rank_diff", dp[q].mean_rank_diff);
            es_row_num(&row, "statistic", dp[q].z);
            es_row_num(&row, "p_value", dp[q].p_value);
            es_row_num(&row, "log_p_value", es_log_ugaussian_Q(fabs(dp[q].z)) + M_LN2);
            es_row_num(&row, "p_adjusted", dp[q].p_adjusted);
        }
    free(dp);
    free(tg);
    free(tlg);
    free(tn);
    free(tln);
done:
    for (size_t b = 0; b < k; b++) {
        if (g)
            free(g[b]);
        if (lg)
            free(lg[b]);
    }
    free(g);
    free(lg);
    free(n);
    free(ln);
    free(in);
}

/* The settings of a compare run, in the order the command line has always shown them. */
static void es_cmp_settings(const es_compare_opts *o, es_results *res)
{
    char groups[140];
    snprintf(groups, sizeof groups, "%s,%s", o->group_a, o->group_b);
    es_results_setting(res, "groups", es_cell_str(groups));
    es_results_setting(res, "alternative", es_cell_str(es_alternative_name((es_alternative)o->alt)));
    es_results_setting(res, "adjust", es_cell_str(es_adjust_name((es_adjust_method)o->adjust)));
    es_results_setting(res, "scale", es_cell_str(o->log_scale ? "log" : "raw"));
    es_results_setting(res, "perm", es_cell_int((long long)o->perm));
    es_results_setting(res, "exact", es_cell_str(o->exact < 0 ? "auto" : o->exact ? "yes" : "no"));
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "conf", es_cell_num(o->common.conf));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    if (o->by != ES_ROLE_NONE)
        es_results_setting(res, "by", es_cell_str(o->by == ES_ROLE_NICHE ? "niche" : "platform"));
}

/* The pairwise and effects tables: overall, or per group with each test's p adjusted
 * across the groups (one group: unchanged, as R). */
static int es_cmp_pairwise(es_cmp_ctx *c, int ia, int ib, const es_dict *gd)
{
    const es_compare_opts *o = c->o;
    c->gcol = o->by == ES_ROLE_PLATFORM ? "platform" : o->by == ES_ROLE_NICHE ? "niche" : "group";
    const char *const pcols[] = {"comparison", c->gcol, "test", "method", "n_a", "n_b", "statistic", "df",
                                 "p_value", "log_p_value", "p_adjusted", "estimate", "ci_low", "ci_high",
                                 "effect_size", "effect", "effect_ci_low", "effect_ci_high", "note"};
    char title[256];
    snprintf(title, sizeof title, "%s vs %s (%s, %g%% CIs)", o->group_a, o->group_b,
             es_alternative_name((es_alternative)o->alt), 100 * o->common.conf);
    es_results_table(c->res, "pairwise", title, sizeof pcols / sizeof *pcols, pcols, &c->pair);
    static const char *const ecols[] = {"comparison", "group", "effect", "estimate", "ci_low",
                                        "ci_high", "method", "n_a", "n_b"};
    es_results_table(c->res, "effects", "Effect sizes", sizeof ecols / sizeof *ecols, ecols, &c->eff);
    size_t ngroups = gd ? es_dict_size(gd) : 1;
    double *pv = malloc(4 * ngroups * sizeof *pv), *tmp = malloc(ngroups * sizeof *tmp);
    size_t *first = malloc(ngroups * sizeof *first);
    if (pv == NULL || tmp == NULL || first == NULL) {
        free(pv);
        free(tmp);
        free(first);
        return ES_ENOMEM;
    }
    for (size_t gi = 0; gi < ngroups; gi++) {
        first[gi] = c->pair->n_rows;
        uint32_t code = gd ? (uint32_t)gi : ES_DICT_NONE;
        es_cmp_pair(c, ia, ib, o->by, code, gd ? es_dict_str(gd, code) : "all", pv + 4 * gi);
    }
    for (int tcol = 0; tcol < 4; tcol++) {
        for (size_t gi = 0; gi < ngroups; gi++)
            tmp[gi] = pv[4 * gi + tcol];
        if (es_p_adjust(tmp, ngroups, (es_adjust_method)o->adjust, 0, tmp) == ES_OK)
            for (size_t gi = 0; gi < ngroups; gi++) {
                es_row row = es_rtable_row(c->pair, first[gi] + (size_t)tcol);
                es_row_num(&row, "p_adjusted", tmp[gi]);
            }
    }
    free(pv);
    free(tmp);
    free(first);
    return ES_OK;
}

int es_compare_run(const es_study *s, const es_compare_opts *o, es_results *res, es_err *err)
{
    const es_units *u = s->units;
    const es_bands *bands = s->uo->bands;
    const char *a = o->group_a ? o->group_a : "", *b = o->group_b ? o->group_b : "";
    int ia = es_bands_find(bands, a), ib = es_bands_find(bands, b);
    if ((ia < 0 || ib < 0) && bands->column != NULL) {
        es_buf v = {0};
        es_bands_names_list(bands, &v);
        int rc = es_err_set(err, ES_EINVAL, "--groups %s,%s: band '%s' is not a value of --band-column '%s' (its "
                            "values, in band order: %s); choose two with --groups A,B", a, b, ia < 0 ? a : b,
                            bands->column, v.data ? v.data : "");
        es_buf_free(&v);
        return rc;
    }
    if (ia < 0 || ib < 0) {
        char opt[256];
        snprintf(opt, sizeof opt, "--groups %s,%s", a, b);
        return es_bands_unknown(bands, opt, ia < 0 ? a : b, "name two of them with --groups A,B", err);
    }
    if (ia == ib)
        return es_err_set(err, ES_EINVAL, "--groups %s,%s: the two bands must differ", a, b);
    if (o->by != ES_ROLE_NONE && o->by != ES_ROLE_NICHE && o->by != ES_ROLE_PLATFORM)
        return es_err_set(err, ES_EINVAL, "--by: expected niche or platform");
    const es_dict *gd = o->by == ES_ROLE_NICHE ? u->niche_dict : o->by == ES_ROLE_PLATFORM ? u->platform_dict : NULL;
    if (o->by != ES_ROLE_NONE && gd == NULL) {
        const char *what = o->by == ES_ROLE_NICHE ? "niche" : "platform";
        return es_err_set(err, ES_EDOM, "--by %s: the file has no %s column (use --map %s=COLUMN)", what, what, what);
    }
    es_cmp_settings(o, res);
    if (u->unit_post)
        es_results_warn(res, "post units: the tests treat posts as independent, which they are not; "
                             "use account units for inference");
    es_cmp_ctx c = {.o = o, .u = u, .bands = bands, .res = res};
    size_t nn = u->n ? u->n : 1;
    c.x = malloc(nn * sizeof *c.x);
    c.y = malloc(nn * sizeof *c.y);
    c.lx = malloc(nn * sizeof *c.lx);
    c.ly = malloc(nn * sizeof *c.ly);
    int rc = c.x && c.y && c.lx && c.ly ? ES_OK : ES_ENOMEM;
    if (rc == ES_OK)
        rc = es_cmp_pairwise(&c, ia, ib, gd);
    if (rc == ES_OK)
        es_cmp_omnibus(&c);
    free(c.x);
    free(c.y);
    free(c.lx);
    free(c.ly);
    return rc == ES_OK ? ES_OK : es_err_set(err, rc, "out of memory");
}
