/* cmd_compare.c — `engagestat compare FILE`: tests and effect sizes between follower
 * bands.  Pairwise (default micro vs mega): Mann-Whitney with HL shift, AUC and
 * Cliff's delta; Welch t on log ER (or raw ER) with Hedges g; permutation tests of
 * the difference in medians and means; the ratio of medians with a bootstrap CI.
 * Omnibus across bands: Kruskal-Wallis (epsilon^2) with Dunn pairs, classical and
 * Welch one-way ANOVA.  --by niche|platform repeats the pairwise comparison within
 * each group, adjusting p-values across the groups. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bootstrap.h"
#include "engagestat/compare.h"

/* Options of this command. */
typedef struct es_cmp_opts {
    es_pair groups;
    int alt;    /* es_alternative */
    int adjust; /* es_adjust_method */
    const char *scale, *exact;
    long perm;
    int log_scale;
    int exact_mode; /* -1 auto (R's rule), 0 normal, 1 exact (conditional on ties) */
} es_cmp_opts;

static const char *const es_scale_names[] = {"log", "raw", NULL};
static const char *const es_exact_names[] = {"auto", "yes", "no", NULL};

static const es_optdef es_cmp_optdefs[] = {
    {.name = "groups", .kind = ES_ARG_PAIR, .offset = offsetof(es_cmp_opts, groups), .sep = ',',
     .expect = "two bands such as micro,mega", .metavar = "A,B", .help = "the two bands to compare",
     .deflt = "micro,mega"},
    {.name = "alternative", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_opts, alt),
     .lookup = es_alternative_from_name, .expect = "two.sided, less or greater", .metavar = "H",
     .help = "two.sided (default), less or greater (A relative to B)"},
    {.name = "adjust", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_opts, adjust), .lookup = es_adjust_from_name,
     .expect = "holm, hochberg, bonferroni, BH, BY or none", .metavar = "METHOD",
     .help = "holm (default), hochberg, bonferroni, BH, BY or none"},
    {.name = "scale", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_opts, scale), .choices = es_scale_names,
     .metavar = "log|raw", .help = "scale of the t tests and ANOVA", .deflt = "log"},
    {.name = "perm", .kind = ES_ARG_LONG, .offset = offsetof(es_cmp_opts, perm), .lo = 1, .hi = 1e8,
     .metavar = "M", .help = "permutations (default 9999; exact when fewer partitions)"},
    {.name = "exact", .kind = ES_ARG_ENUM, .offset = offsetof(es_cmp_opts, exact), .choices = es_exact_names,
     .metavar = "auto|yes|no",
     .help = "Mann-Whitney p: auto = exact below 50 per band without\nties (R 4.2.2); yes = exact, conditional on ties"},
    {0}};

const es_command es_compare_cmd = {
    .name = "compare",
    .synopsis = "compare [OPTION]... FILE",
    .prose = "Compare engagement rates between follower bands.  For the pair of bands (default\n"
             "micro vs mega): Mann-Whitney U (exact or normal with tie and continuity\n"
             "corrections, as R's wilcox.test) with the Hodges-Lehmann shift and its CI, AUC\n"
             "and Cliff's delta with CIs; Welch's t on log ER with Hedges' g; permutation\n"
             "tests of the difference in medians and in means; the ratio of medians with a\n"
             "bootstrap CI.  Across all bands: Kruskal-Wallis with epsilon squared and Dunn's\n"
             "pairwise tests, the classical one-way ANOVA and Welch's ANOVA (on log ER).\n"
             "Accounts with ER = 0 cannot enter log-scale tests: they are counted and\n"
             "reported; rank and permutation tests keep them.  --by niche|platform repeats\n"
             "the pairwise comparison within each group.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_BY | ES_SH_RESAMPLE | ES_SH_CONF | ES_SH_OUTPUT,
    .opts = es_cmp_optdefs,
    .trailer = "Tables: pairwise (one row per test), effects (effect sizes with CIs), omnibus\n"
               "(Kruskal-Wallis, ANOVA, Welch ANOVA), dunn (pairs of bands), bands (n per band).\n",
    .examples = "engagestat compare datasets/engagestat-sim.csv.gz\n"
                "engagestat compare posts.csv --groups nano,mega --alternative greater --format md\n"
                "engagestat compare posts.csv --by niche --adjust BH --format json\n",
};

typedef struct es_cmp_ctx {
    es_cli *cli;
    es_cmp_opts *o;
    const es_units *u;
    const es_bands *bands;
    es_results *res;
    es_rtable *pair, *eff;
    const char *gcol; /* the pairwise table's group column: group, niche or platform */
    double *x, *y, *lx, *ly; /* scratch of size u->n */
} es_cmp_ctx;

/* Differences in medians and in means: the permutation tests' estimates, whose CIs
 * come from the two-sample bootstrap. */
static double es_diff_medians(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat_median(x, nx, ctx) - es_boot_stat_median(y, ny, ctx);
}

static double es_diff_means(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    return es_boot_stat_mean(x, nx, ctx) - es_boot_stat_mean(y, ny, ctx);
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

/* A row of the effects table. */
static void es_cmp_effect(es_cmp_ctx *c, const char *cmp, const char *glabel, const char *effect, double est,
                          double lo, double hi, const char *method, size_t n1, size_t n2)
{
    es_row row = es_rtable_append(c->eff);
    es_row_str(&row, "comparison", cmp);
    es_row_str(&row, "group", glabel);
    es_row_str(&row, "effect", effect);
    es_row_num(&row, "estimate", est);
    es_row_num(&row, "ci_low", lo);
    es_row_num(&row, "ci_high", hi);
    es_row_str(&row, "method", method);
    es_row_int(&row, "n_a", (long long)n1);
    es_row_int(&row, "n_b", (long long)n2);
}

/* Rows of the pairwise table for one comparison (group label g or "all"); the
 * p-values are returned in p[0..4) in row order for adjustment across groups. */
static void es_cmp_pair(es_cmp_ctx *c, int ia, int ib, es_role by, uint32_t grp, const char *glabel, double p[4],
                        size_t *rows_added)
{
    const es_units *u = c->u;
    es_cmp_opts *o = c->o;
    size_t na = es_units_select(u, ia, by, grp, c->x);
    size_t nb = es_units_select(u, ib, by, grp, c->y);
    char cmp[160];
    snprintf(cmp, sizeof cmp, "%s vs %s", o->groups.a, o->groups.b);
    for (int k = 0; k < 4; k++)
        p[k] = NAN;
    *rows_added = 0;
    char note[160];

    /* Mann-Whitney. */
    es_mw_opts mo;
    es_mw_opts_default(&mo);
    mo.alt = o->alt;
    mo.conf_level = c->cli->conf;
    mo.seed = c->cli->seed;
    mo.perm = o->perm;
    mo.exact = o->exact_mode;
    es_mw_result mw;
    int rc = es_mw_test(c->x, na, c->y, nb, &mo, &mw);
    static const char *const mwm[] = {"normal, tie and continuity corrected", "exact",
                                      "exact conditional on ties", "Monte Carlo permutation"};
    es_row row = es_cmp_pair_row(c, cmp, glabel, "mann_whitney", rc == ES_OK ? mwm[mw.method] : "not computed", na,
                                 nb);
    if (rc == ES_OK) {
        es_cmp_test_cells(&row, mw.w, NAN, mw.p_value, mw.log_p_value, mw.estimate, mw.ci_low, mw.ci_high,
                          "cliff_delta", mw.cliff_delta, mw.cliff_ci_low, mw.cliff_ci_high);
        if (isnan(mw.p_value))
            es_row_str(&row, "note", "all values tied: no variance");
        else if (mw.conf_level < c->cli->conf - 1e-12)
            es_row_str(&row, "note", "requested confidence level not achievable (exact)");
        p[0] = mw.p_value;
    } else {
        es_row_str(&row, "note", na == 0 || nb == 0 ? "a band is empty" : es_strerror(rc));
    }
    (*rows_added)++;
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
        for (size_t k = 0; k < 3; k++)
            es_cmp_effect(c, cmp, glabel, e[k].name, e[k].est, e[k].lo, e[k].hi, e[k].method, na, nb);
    }

    /* Welch t on log ER (zeros left out) or raw ER. */
    const double *tx = c->x, *ty = c->y;
    size_t tna = na, tnb = nb;
    if (o->log_scale) {
        tna = es_logs(c->x, na, c->lx);
        tnb = es_logs(c->y, nb, c->ly);
        tx = c->lx;
        ty = c->ly;
    }
    es_t_result tt;
    rc = es_welch_t(tx, tna, ty, tnb, o->alt, c->cli->conf, &tt);
    row = es_cmp_pair_row(c, cmp, glabel, "welch_t",
                          rc != ES_OK ? "not computed" : o->log_scale ? "Welch t on log ER" : "Welch t on ER", tna, tnb);
    if (rc == ES_OK) {
        es_cmp_test_cells(&row, tt.t, tt.df, tt.p_value, tt.log_p_value, tt.estimate, tt.ci_low, tt.ci_high,
                          "hedges_g", tt.g, tt.g_ci_low, tt.g_ci_high);
        p[1] = tt.p_value;
    }
    if (o->log_scale && (tna < na || tnb < nb)) {
        snprintf(note, sizeof note, "%zu + %zu accounts with ER = 0 left out of the log scale", na - tna, nb - tnb);
        es_row_str(&row, "note", note);
    } else if (rc != ES_OK) {
        es_row_str(&row, "note", "fewer than 2 values in a band");
    } else if (isnan(tt.t)) {
        es_row_str(&row, "note", "no variance in either band");
    }
    (*rows_added)++;
    if (rc == ES_OK && o->log_scale) /* exp of the difference of mean logs: ratio of geometric means. */
        es_cmp_effect(c, cmp, glabel, "ratio_of_geometric_means", exp(tt.estimate), exp(tt.ci_low), exp(tt.ci_high),
                      "exp of the Welch CI on log ER", tna, tnb);
    if (rc == ES_OK)
        es_cmp_effect(c, cmp, glabel, "hedges_g", tt.g, tt.g_ci_low, tt.g_ci_high,
                      o->log_scale ? "on log ER; Hedges & Olkin (1985) normal CI"
                                   : "on ER; Hedges & Olkin (1985) normal CI",
                      tna, tnb);

    /* Permutation tests of the difference in medians and in means. */
    for (int s = 0; s < 2; s++) {
        int nth = (int)es_thread_count(c->cli->threads > 0 ? (unsigned)c->cli->threads : 0);
        es_perm_opts po = {s == 0 ? ES_PERM_MEDIAN : ES_PERM_MEAN, o->alt, o->perm, c->cli->seed, nth};
        es_perm_result pr;
        rc = es_perm_test(c->x, na, c->y, nb, &po, &pr);
        row = es_cmp_pair_row(c, cmp, glabel, s == 0 ? "permutation_median" : "permutation_mean",
                              rc != ES_OK ? "not computed" : pr.exact ? "exact enumeration" : "Monte Carlo, (b+1)/(m+1)",
                              na, nb);
        if (rc == ES_OK) {
            /* The difference's CI: two-sample bootstrap BCa (account units). */
            es_boot_result dr;
            int dok = 0;
            if (c->cli->boot > 0 && !u->unit_post && na >= 2 && nb >= 2) {
                es_boot_opts bo;
                es_cli_boot_opts(c->cli, &bo);
                dok = es_boot_two(c->x, na, c->y, nb, s == 0 ? es_diff_medians : es_diff_means, NULL, &bo, &dr) ==
                      ES_OK;
            }
            es_cmp_test_cells(&row, pr.observed, NAN, pr.p_value, log(pr.p_value), pr.observed, dok ? dr.bca_lo : NAN,
                              dok ? dr.bca_hi : NAN, NULL, NAN, NAN, NAN);
            snprintf(note, sizeof note, "%zu %s%s", pr.m, pr.exact ? "partitions" : "permutations",
                     dok ? "; CI: bootstrap BCa" : "");
            es_row_str(&row, "note", note);
            p[2 + s] = pr.p_value;
        } else {
            es_row_str(&row, "note", "a band is empty");
        }
        (*rows_added)++;
    }

    /* Ratio of medians with a bootstrap CI (account units only). */
    es_boot_opts bo;
    es_cli_boot_opts(c->cli, &bo);
    es_ratio_ci br;
    if (es_ratio_of_medians(c->x, na, c->y, nb, c->cli->boot > 0 && !u->unit_post ? &bo : NULL, &br) != ES_OK)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    double est = br.estimate;
    int ok = br.has_ci;
    es_cmp_effect(c, cmp, glabel, "ratio_of_medians", est, ok ? br.bca_lo : NAN, ok ? br.bca_hi : NAN,
                  ok ? "bootstrap BCa" : u->unit_post ? "post units: no bootstrap interval" : "no interval", na, nb);
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

/* Omnibus tests across all bands with at least one unit, and Dunn's pairs. */
static void es_cmp_omnibus(es_cmp_ctx *c)
{
    const es_units *u = c->u;
    size_t k = c->bands->n;
    double **g = calloc(k ? k : 1, sizeof *g), **lg = calloc(k ? k : 1, sizeof *lg);
    size_t *n = calloc(k ? k : 1, sizeof *n), *ln = calloc(k ? k : 1, sizeof *ln);
    es_rtable *tb;
    static const char *const bcols[] = {"band", "n_accounts", "n_zero", "median"};
    es_results_table(c->res, "bands", u->unit_post ? "Units per band (posts)" : "Accounts per band", 4, bcols, &tb);
    int okalloc = g && lg && n && ln;
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
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "band", c->bands->names[b]);
        es_row_int(&row, "n_accounts", (long long)n[b]);
        es_row_int(&row, "n_zero", (long long)(n[b] - ln[b]));
        es_row_num(&row, "median", med);
    }
    static const char *const ocols[] = {"test", "scale", "n_accounts", "k", "statistic", "df", "df2", "p_value",
                                        "log_p_value", "effect_size", "effect", "note"};
    es_results_table(c->res, "omnibus", "Across all bands", 12, ocols, &tb);
    if (!okalloc) {
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        goto done;
    }
    const char *scale = c->o->log_scale ? "log ER" : "ER";
    double *const *pg = c->o->log_scale ? lg : g;
    const size_t *pn = c->o->log_scale ? ln : n;
    es_kw_result kw;
    int rc = es_kw_test((const double *const *)g, n, k, &kw);
    int ok = rc == ES_OK;
    es_cmp_omnibus_row(tb, "kruskal_wallis", "ranks of ER", kw.n, kw.k, ok ? kw.h : NAN, ok ? kw.df : NAN, NAN,
                       ok ? kw.p_value : NAN, ok ? kw.log_p_value : NAN, "epsilon_squared", ok ? kw.epsilon2 : NAN,
                       ok ? NULL : "fewer than 2 bands with data");
    es_anova_result an;
    rc = es_anova_oneway((const double *const *)pg, pn, k, &an);
    es_cmp_omnibus_row(tb, "anova", scale, an.n, an.k, an.f, an.df1, an.df2, an.p_value, an.log_p_value,
                       "eta_squared", an.r2, rc == ES_OK ? NULL : "too few bands or values");
    es_welch_anova_result wa = {0};
    /* Welch's ANOVA needs 2+ values per band: use the bands that have them. */
    size_t kk = 0;
    double **wg = calloc(k ? k : 1, sizeof *wg);
    size_t *wn = calloc(k ? k : 1, sizeof *wn);
    for (size_t b = 0; wg && wn && b < k; b++)
        if (pn[b] >= 2) {
            wg[kk] = pg[b];
            wn[kk++] = pn[b];
        }
    if (wg == NULL || wn == NULL)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    rc = wg && wn ? es_anova_welch((const double *const *)wg, wn, kk, &wa) : ES_ENOMEM;
    free(wg);
    free(wn);
    es_cmp_omnibus_row(tb, "welch_anova", scale, wa.n, wa.k, wa.f, wa.df1, wa.df2, wa.p_value, wa.log_p_value, NULL,
                       NAN,
                       rc == ES_OK ? (isnan(wa.f) ? "a band has no variance" : NULL)
                                   : "too few bands with 2 or more values");

    size_t np = k * (k - 1) / 2;
    es_dunn_pair *dp = malloc((np ? np : 1) * sizeof *dp);
    if (dp == NULL)
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
    static const char *const dcols[] = {"band_a", "band_b", "n_a", "n_b", "mean_rank_diff", "statistic",
                                        "p_value", "log_p_value", "p_adjusted"};
    es_results_table(c->res, "dunn", "Dunn's pairwise tests on Kruskal-Wallis ranks", 9, dcols, &tb);
    if (dp != NULL && k >= 2 && es_dunn_test((const double *const *)g, n, k, c->o->adjust, dp) == ES_OK)
        for (size_t q = 0; q < np; q++) {
            es_row row = es_rtable_append(tb);
            es_row_str(&row, "band_a", c->bands->names[dp[q].a]);
            es_row_str(&row, "band_b", c->bands->names[dp[q].b]);
            es_row_int(&row, "n_a", (long long)n[dp[q].a]);
            es_row_int(&row, "n_b", (long long)n[dp[q].b]);
            es_row_num(&row, "mean_rank_diff", dp[q].mean_rank_diff);
            es_row_num(&row, "statistic", dp[q].z);
            es_row_num(&row, "p_value", dp[q].p_value);
            es_row_num(&row, "log_p_value", es_log_ugaussian_Q(fabs(dp[q].z)) + M_LN2);
            es_row_num(&row, "p_adjusted", dp[q].p_adjusted);
        }
    free(dp);
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
}

int es_cmd_compare(int argc, char **argv)
{
    es_cmp_opts o = {.groups = {"micro", "mega", "micro,mega"}, .alt = ES_ALT_TWO_SIDED, .adjust = ES_ADJ_HOLM,
                     .scale = "log", .exact = "auto", .perm = 9999};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_compare_cmd, argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_study st = {0};
    o.log_scale = strcmp(o.scale, "log") == 0;
    o.exact_mode = strcmp(o.exact, "auto") == 0 ? -1 : strcmp(o.exact, "yes") == 0;
    es_role by = ES_ROLE_NONE;
    if (cli.by != NULL) {
        if (strcmp(cli.by, "niche") == 0)
            by = ES_ROLE_NICHE;
        else if (strcmp(cli.by, "platform") == 0)
            by = ES_ROLE_PLATFORM;
        else {
            es_cli_free(&cli);
            return es_cli_usage_error("--by '%s': expected niche or platform", cli.by);
        }
    }
    es_results *res = NULL;
    es_cmp_ctx c = {0};
    rc = es_cli_study_open(&cli, &st);
    if (rc != 0)
        goto out;
    int ia = es_bands_find(&st.bands, o.groups.a), ib = es_bands_find(&st.bands, o.groups.b);
    if (ia < 0 || ib < 0 || ia == ib) {
        rc = ia == ib && ia >= 0 ? es_cli_usage_error("--groups %s,%s: the two bands must differ", o.groups.a, o.groups.b)
                                 : es_cli_usage_error("--groups %s,%s: no band named '%s' in --bands %s", o.groups.a, o.groups.b,
                                                      ia < 0 ? o.groups.a : o.groups.b, st.bands.label);
        goto out;
    }
    const es_dict *gd = by == ES_ROLE_NICHE ? st.units.niche_dict : by == ES_ROLE_PLATFORM ? st.units.platform_dict : NULL;
    if (by != ES_ROLE_NONE && gd == NULL) {
        es_cli_error("compare: --by %s: the file has no %s column (use --map %s=COLUMN)", cli.by, cli.by, cli.by);
        rc = 1;
        goto out;
    }
    res = es_cli_results(&cli, &st);
    if (res == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    char groups[140];
    snprintf(groups, sizeof groups, "%s,%s", o.groups.a, o.groups.b);
    es_results_setting(res, "groups", es_cell_str(groups));
    es_results_setting(res, "alternative", es_cell_str(es_alternative_name(o.alt)));
    es_results_setting(res, "adjust", es_cell_str(es_adjust_name(o.adjust)));
    es_results_setting(res, "scale", es_cell_str(o.log_scale ? "log" : "raw"));
    es_results_setting(res, "perm", es_cell_int((long long)o.perm));
    es_results_setting(res, "exact", es_cell_str(o.exact));
    es_results_setting(res, "boot", es_cell_int(cli.boot));
    es_results_setting(res, "conf", es_cell_num(cli.conf));
    es_results_setting(res, "seed", es_cell_int((long long)cli.seed));
    if (cli.by)
        es_results_setting(res, "by", es_cell_str(cli.by));
    if (st.units.unit_post)
        es_results_warn(res, "post units: the tests treat posts as independent, which they are not; "
                             "use account units for inference");
    c = (es_cmp_ctx){.cli = &cli, .o = &o, .u = &st.units, .bands = &st.bands, .res = res};
    size_t nn = st.units.n ? st.units.n : 1;
    c.x = malloc(nn * sizeof *c.x);
    c.y = malloc(nn * sizeof *c.y);
    c.lx = malloc(nn * sizeof *c.lx);
    c.ly = malloc(nn * sizeof *c.ly);
    if (c.x == NULL || c.y == NULL || c.lx == NULL || c.ly == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    c.gcol = by == ES_ROLE_PLATFORM ? "platform" : by == ES_ROLE_NICHE ? "niche" : "group";
    const char *const pcols[] = {"comparison", c.gcol, "test", "method", "n_a", "n_b", "statistic", "df",
                                 "p_value", "log_p_value", "p_adjusted", "estimate", "ci_low", "ci_high",
                                 "effect_size", "effect", "effect_ci_low", "effect_ci_high", "note"};
    char title[256];
    snprintf(title, sizeof title, "%s vs %s (%s, %g%% CIs)", o.groups.a, o.groups.b, es_alternative_name(o.alt), 100 * cli.conf);
    es_results_table(res, "pairwise", title, sizeof pcols / sizeof *pcols, pcols, &c.pair);
    static const char *const ecols[] = {"comparison", "group", "effect", "estimate", "ci_low",
                                        "ci_high", "method", "n_a", "n_b"};
    es_results_table(res, "effects", "Effect sizes", sizeof ecols / sizeof *ecols, ecols, &c.eff);

    /* Pairwise: overall, or per group with adjustment across groups per test. */
    size_t ngroups = gd ? es_dict_size(gd) : 1;
    double *pv = malloc(4 * ngroups * sizeof *pv), *pa = malloc(4 * ngroups * sizeof *pa);
    size_t *first = malloc(ngroups * sizeof *first);
    if (pv == NULL || pa == NULL || first == NULL) {
        free(pv);
        free(pa);
        free(first);
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    for (size_t gi = 0; gi < ngroups; gi++) {
        size_t added;
        first[gi] = c.pair->n_rows;
        uint32_t code = gd ? (uint32_t)gi : ES_DICT_NONE;
        es_cmp_pair(&c, ia, ib, by, code, gd ? es_dict_str(gd, code) : "all", pv + 4 * gi, &added);
    }
    /* Adjust each test's p across the groups (one group: unchanged, as R). */
    for (int tcol = 0; tcol < 4; tcol++) {
        double *tmp = malloc(ngroups * sizeof *tmp);
        if (tmp == NULL) {
            es_results_fail(res, ES_ENOMEM, "out of memory");
            break;
        }
        for (size_t gi = 0; gi < ngroups; gi++)
            tmp[gi] = pv[4 * gi + tcol];
        if (es_p_adjust(tmp, ngroups, o.adjust, 0, tmp) == ES_OK)
            for (size_t gi = 0; gi < ngroups; gi++) {
                es_row row = es_rtable_row(c.pair, first[gi] + (size_t)tcol);
                es_row_num(&row, "p_adjusted", tmp[gi]);
            }
        free(tmp);
    }
    free(pv);
    free(pa);
    free(first);
    es_cmp_omnibus(&c);
    rc = es_cli_emit(&cli, res);
out:
    free(c.x);
    free(c.y);
    free(c.lx);
    free(c.ly);
    es_results_free(res);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
