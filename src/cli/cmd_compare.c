/* cmd_compare.c — `engagestat compare FILE`: tests and effect sizes between follower
 * bands.  Pairwise (default micro vs mega): Mann-Whitney with HL shift, AUC and
 * Cliff's delta; Welch t on log ER (or raw ER) with Hedges g; permutation tests of
 * the difference in medians and means; the ratio of medians with a bootstrap CI.
 * Omnibus across bands: Kruskal-Wallis (epsilon^2) with Dunn pairs, classical and
 * Welch one-way ANOVA.  --by niche|platform repeats the pairwise comparison within
 * each group, adjusting p-values across the groups. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engagestat/bootstrap.h"
#include "engagestat/compare.h"

static void es_compare_help(FILE *f)
{
    fprintf(f,
"Usage: engagestat compare [OPTION]... FILE\n"
"Compare engagement rates between follower bands.  For the pair of bands (default\n"
"micro vs mega): Mann-Whitney U (exact or normal with tie and continuity\n"
"corrections, as R's wilcox.test) with the Hodges-Lehmann shift and its CI, AUC\n"
"and Cliff's delta with CIs; Welch's t on log ER with Hedges' g; permutation\n"
"tests of the difference in medians and in means; the ratio of medians with a\n"
"bootstrap CI.  Across all bands: Kruskal-Wallis with epsilon squared and Dunn's\n"
"pairwise tests, the classical one-way ANOVA and Welch's ANOVA (on log ER).\n"
"Accounts with ER = 0 cannot enter log-scale tests: they are counted and\n"
"reported; rank and permutation tests keep them.\n"
"\n"
"Options:\n"
"  --groups A,B           the two bands to compare (default micro,mega)\n"
"  --alternative H        two.sided (default), less or greater (A relative to B)\n"
"  --adjust METHOD        holm (default), hochberg, bonferroni, BH, BY or none\n"
"  --scale log|raw        scale of the t tests and ANOVA (default log)\n"
"  --perm M               permutations (default 9999; exact when fewer partitions)\n"
"  --exact auto|yes|no    Mann-Whitney p: auto = exact below 50 per band without\n"
"                         ties (R 4.2.2); yes = exact, conditional on ties\n"
"  --by niche|platform    repeat the pairwise comparison within each group\n"
"  --er NUM/DEN, --unit account|post, --account-er median|mean|ratio, --max-er X\n"
"  --bands PRESET|EDGES, --band-names LIST\n"
"  --boot B (default 2000), --conf LEVEL, --seed N, --threads N\n"
"  --map, --where, --dedupe, --delimiter, --decimal, --no-header\n"
"  --format text|csv|tsv|json|md|latex, --table NAME, --digits N, -o FILE\n"
"\n"
"Tables: pairwise (one row per test), effects (effect sizes with CIs), omnibus\n"
"(Kruskal-Wallis, ANOVA, Welch ANOVA), dunn (pairs of bands), bands (n per band).\n"
"\n"
"Examples:\n"
"  engagestat compare datasets/engagestat-sim.csv.gz\n"
"  engagestat compare posts.csv --groups nano,mega --alternative greater --format md\n"
"  engagestat compare posts.csv --by niche --adjust BH --format json\n");
}

/* Options of this command that the shared parser does not know. */
typedef struct es_cmp_opts {
    char a[64], b[64];
    es_alternative alt;
    es_adjust_method adjust;
    int log_scale;
    size_t perm;
    int exact; /* -1 auto (R's rule), 0 normal, 1 exact (conditional on ties) */
} es_cmp_opts;

/* Take --groups, --alternative, --adjust, --scale and --perm (as "--opt VALUE" or
 * "--opt=VALUE") out of argv into o; the rest goes to *out (caller frees the array).
 * Returns 0, or 2 after a usage error. */
static int es_cmp_preparse(int argc, char **argv, es_cmp_opts *o, int *outc, char ***outv)
{
    static const char *const names[] = {"--groups", "--alternative", "--adjust", "--scale", "--perm", "--exact"};
    char **v = malloc(((size_t)argc + 1) * sizeof *v);
    if (v == NULL) {
        es_cli_error("out of memory");
        return 1;
    }
    int n = 0, dashdash = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        int which = -1;
        const char *val = NULL;
        if (i > 0 && !dashdash) {
            if (strcmp(arg, "--") == 0)
                dashdash = 1;
            for (int k = 0; k < 6 && which < 0; k++) {
                size_t len = strlen(names[k]);
                if (strncmp(arg, names[k], len) == 0 && (arg[len] == '\0' || arg[len] == '=')) {
                    which = k;
                    if (arg[len] == '=')
                        val = arg + len + 1;
                    else if (i + 1 < argc)
                        val = argv[++i];
                }
            }
        }
        if (which < 0) {
            v[n++] = argv[i];
            continue;
        }
        if (val == NULL) {
            free(v);
            return es_cli_usage_error("compare: option '%s' requires an argument", names[which]);
        }
        switch (which) {
        case 0: {
            const char *comma = strchr(val, ',');
            if (comma == NULL || comma == val || comma[1] == '\0' || (size_t)(comma - val) >= sizeof o->a ||
                strlen(comma + 1) >= sizeof o->b) {
                free(v);
                return es_cli_usage_error("--groups '%s': expected two bands such as micro,mega", val);
            }
            memcpy(o->a, val, (size_t)(comma - val));
            o->a[comma - val] = '\0';
            strcpy(o->b, comma + 1);
            break;
        }
        case 1: {
            int a = es_alternative_from_name(val);
            if (a < 0) {
                free(v);
                return es_cli_usage_error("--alternative '%s': expected two.sided, less or greater", val);
            }
            o->alt = (es_alternative)a;
            break;
        }
        case 2: {
            int m = es_adjust_from_name(val);
            if (m < 0) {
                free(v);
                return es_cli_usage_error("--adjust '%s': expected holm, hochberg, bonferroni, BH, BY or none", val);
            }
            o->adjust = (es_adjust_method)m;
            break;
        }
        case 3:
            if (strcmp(val, "log") == 0)
                o->log_scale = 1;
            else if (strcmp(val, "raw") == 0)
                o->log_scale = 0;
            else {
                free(v);
                return es_cli_usage_error("--scale '%s': expected log or raw", val);
            }
            break;
        case 4: {
            char *end;
            unsigned long long m = strtoull(val, &end, 10);
            if (*val == '\0' || *end != '\0' || *val == '-' || m < 1 || m > 100000000ULL) {
                free(v);
                return es_cli_usage_error("--perm '%s': expected a whole number from 1 to 100000000", val);
            }
            o->perm = (size_t)m;
            break;
        }
        case 5:
            if (strcmp(val, "auto") == 0)
                o->exact = -1;
            else if (strcmp(val, "yes") == 0)
                o->exact = 1;
            else if (strcmp(val, "no") == 0)
                o->exact = 0;
            else {
                free(v);
                return es_cli_usage_error("--exact '%s': expected auto, yes or no", val);
            }
            break;
        }
    }
    v[n] = NULL;
    *outc = n;
    *outv = v;
    return 0;
}

typedef struct es_cmp_ctx {
    es_cli *cli;
    es_cmp_opts *o;
    const es_units *u;
    const es_bands *bands;
    es_results *res;
    es_rtable *pair, *eff;
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

static double es_ratio_medians(const double *x, size_t nx, const double *y, size_t ny, void *ctx)
{
    (void)ctx;
    double *s = malloc(((nx > ny ? nx : ny) + 1) * sizeof *s);
    if (s == NULL)
        return NAN;
    double mx = es_median_scratch(x, nx, s), my = es_median_scratch(y, ny, s);
    free(s);
    return my > 0 ? mx / my : NAN;
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

#define ES_NPAIRCOLS 19
#define ES_NEFFCOLS 9

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
    snprintf(cmp, sizeof cmp, "%s vs %s", o->a, o->b);
    for (int k = 0; k < 4; k++)
        p[k] = NAN;
    *rows_added = 0;
    es_cell row[ES_NPAIRCOLS];
#define ES_ROW_START(test, method, n1, n2)                                                                             \
    do {                                                                                                               \
        for (size_t q = 0; q < ES_NPAIRCOLS; q++)                                                                      \
            row[q] = es_cell_null();                                                                                   \
        row[0] = es_cell_str(cmp);                                                                                     \
        row[1] = es_cell_str(glabel);                                                                                  \
        row[2] = es_cell_str(test);                                                                                    \
        row[3] = es_cell_str(method);                                                                                  \
        row[4] = es_cell_int((long long)(n1));                                                                         \
        row[5] = es_cell_int((long long)(n2));                                                                         \
    } while (0)
    /* columns: 6 statistic 7 df 8 p_value 9 log_p_value 10 p_adjusted 11 estimate
     * 12 ci_low 13 ci_high 14 effect_size 15 effect 16 effect_ci_low 17 effect_ci_high 18 note */
    es_cell erow[ES_NEFFCOLS];
    char note[160]; /* row notes: must live until the row is added */

    /* Mann-Whitney. */
    es_mw_opts mo;
    es_mw_opts_default(&mo);
    mo.alt = o->alt;
    mo.conf_level = c->cli->conf;
    mo.seed = c->cli->seed;
    mo.perm = o->perm;
    mo.exact = o->exact;
    es_mw_result mw;
    int rc = es_mw_test(c->x, na, c->y, nb, &mo, &mw);
    static const char *const mwm[] = {"normal, tie and continuity corrected", "exact",
                                      "exact conditional on ties", "Monte Carlo permutation"};
    ES_ROW_START("mann_whitney", rc == ES_OK ? mwm[mw.method] : "not computed", na, nb);
    if (rc == ES_OK) {
        row[6] = es_cell_num(mw.w);
        row[8] = es_cell_num(mw.p_value);
        row[9] = es_cell_num(mw.log_p_value);
        row[11] = es_cell_num(mw.estimate);
        row[12] = es_cell_num(mw.ci_low);
        row[13] = es_cell_num(mw.ci_high);
        row[14] = es_cell_str("cliff_delta");
        row[15] = es_cell_num(mw.cliff_delta);
        row[16] = es_cell_num(mw.cliff_ci_low);
        row[17] = es_cell_num(mw.cliff_ci_high);
        if (isnan(mw.p_value))
            row[18] = es_cell_str("all values tied: no variance");
        else if (mw.conf_level < c->cli->conf - 1e-12)
            row[18] = es_cell_str("requested confidence level not achievable (exact)");
        p[0] = mw.p_value;
    } else {
        row[18] = es_cell_str(na == 0 || nb == 0 ? "a band is empty" : es_strerror(rc));
    }
    es_rtable_add_row(c->pair, row);
    (*rows_added)++;
    if (rc == ES_OK) {
        const es_cell lead[2] = {es_cell_str(cmp), es_cell_str(glabel)};
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
        for (size_t k = 0; k < 3; k++) {
            erow[0] = lead[0];
            erow[1] = lead[1];
            erow[2] = es_cell_str(e[k].name);
            erow[3] = es_cell_num(e[k].est);
            erow[4] = es_cell_num(e[k].lo);
            erow[5] = es_cell_num(e[k].hi);
            erow[6] = es_cell_str(e[k].method);
            erow[7] = es_cell_int((long long)na);
            erow[8] = es_cell_int((long long)nb);
            es_rtable_add_row(c->eff, erow);
        }
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
    ES_ROW_START("welch_t", rc != ES_OK ? "not computed" : o->log_scale ? "Welch t on log ER" : "Welch t on ER", tna,
                 tnb);
    if (rc == ES_OK) {
        row[6] = es_cell_num(tt.t);
        row[7] = es_cell_num(tt.df);
        row[8] = es_cell_num(tt.p_value);
        row[9] = es_cell_num(tt.log_p_value);
        row[11] = es_cell_num(tt.estimate);
        row[12] = es_cell_num(tt.ci_low);
        row[13] = es_cell_num(tt.ci_high);
        row[14] = es_cell_str("hedges_g");
        row[15] = es_cell_num(tt.g);
        row[16] = es_cell_num(tt.g_ci_low);
        row[17] = es_cell_num(tt.g_ci_high);
        p[1] = tt.p_value;
    }
    if (o->log_scale && (tna < na || tnb < nb)) {
        snprintf(note, sizeof note, "%zu + %zu accounts with ER = 0 left out of the log scale", na - tna, nb - tnb);
        row[18] = es_cell_str(note);
    } else if (rc != ES_OK) {
        row[18] = es_cell_str("fewer than 2 values in a band");
    } else if (isnan(tt.t)) {
        row[18] = es_cell_str("no variance in either band");
    }
    es_rtable_add_row(c->pair, row);
    (*rows_added)++;
    if (rc == ES_OK && o->log_scale) {
        /* exp of the difference of mean logs: ratio of geometric means. */
        erow[0] = es_cell_str(cmp);
        erow[1] = es_cell_str(glabel);
        erow[2] = es_cell_str("ratio_of_geometric_means");
        erow[3] = es_cell_num(exp(tt.estimate));
        erow[4] = es_cell_num(exp(tt.ci_low));
        erow[5] = es_cell_num(exp(tt.ci_high));
        erow[6] = es_cell_str("exp of the Welch CI on log ER");
        erow[7] = es_cell_int((long long)tna);
        erow[8] = es_cell_int((long long)tnb);
        es_rtable_add_row(c->eff, erow);
    }
    if (rc == ES_OK) {
        erow[0] = es_cell_str(cmp);
        erow[1] = es_cell_str(glabel);
        erow[2] = es_cell_str("hedges_g");
        erow[3] = es_cell_num(tt.g);
        erow[4] = es_cell_num(tt.g_ci_low);
        erow[5] = es_cell_num(tt.g_ci_high);
        erow[6] = es_cell_str(o->log_scale ? "on log ER; Hedges & Olkin (1985) normal CI"
                                           : "on ER; Hedges & Olkin (1985) normal CI");
        erow[7] = es_cell_int((long long)tna);
        erow[8] = es_cell_int((long long)tnb);
        es_rtable_add_row(c->eff, erow);
    }

    /* Permutation tests of the difference in medians and in means. */
    for (int s = 0; s < 2; s++) {
        int nth = c->cli->threads;
        if (nth <= 0) {
            long cores = sysconf(_SC_NPROCESSORS_ONLN);
            nth = cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
        }
        es_perm_opts po = {s == 0 ? ES_PERM_MEDIAN : ES_PERM_MEAN, o->alt, o->perm, c->cli->seed, nth};
        es_perm_result pr;
        rc = es_perm_test(c->x, na, c->y, nb, &po, &pr);
        ES_ROW_START(s == 0 ? "permutation_median" : "permutation_mean",
                     rc != ES_OK ? "not computed" : pr.exact ? "exact enumeration" : "Monte Carlo, (b+1)/(m+1)", na,
                     nb);
        if (rc == ES_OK) {
            row[6] = es_cell_num(pr.observed);
            row[8] = es_cell_num(pr.p_value);
            row[9] = es_cell_num(log(pr.p_value));
            row[11] = es_cell_num(pr.observed);
            /* The difference's CI: two-sample bootstrap BCa (account units). */
            es_boot_result dr;
            int dok = 0;
            if (c->cli->boot > 0 && !u->unit_post && na >= 2 && nb >= 2) {
                es_boot_opts bo;
                es_cli_boot_opts(c->cli, &bo);
                dok = es_boot_two(c->x, na, c->y, nb, s == 0 ? es_diff_medians : es_diff_means, NULL, &bo, &dr) ==
                      ES_OK;
            }
            row[12] = es_cell_num(dok ? dr.bca_lo : NAN);
            row[13] = es_cell_num(dok ? dr.bca_hi : NAN);
            snprintf(note, sizeof note, "%zu %s%s", pr.m, pr.exact ? "partitions" : "permutations",
                     dok ? "; CI: bootstrap BCa" : "");
            row[18] = es_cell_str(note);
            p[2 + s] = pr.p_value;
        } else {
            row[18] = es_cell_str("a band is empty");
        }
        es_rtable_add_row(c->pair, row);
        (*rows_added)++;
    }

    /* Ratio of medians with a bootstrap CI (account units only). */
    double est = es_ratio_medians(c->x, na, c->y, nb, NULL);
    es_boot_result br;
    int ok = 0;
    if (isfinite(est) && c->cli->boot > 0 && !u->unit_post) {
        es_boot_opts bo;
        es_cli_boot_opts(c->cli, &bo);
        ok = es_boot_two(c->x, na, c->y, nb, es_boot_stat2_ratio_medians, NULL, &bo, &br) == ES_OK;
    }
    erow[0] = es_cell_str(cmp);
    erow[1] = es_cell_str(glabel);
    erow[2] = es_cell_str("ratio_of_medians");
    erow[3] = es_cell_num(est);
    erow[4] = es_cell_num(ok ? br.bca_lo : NAN);
    erow[5] = es_cell_num(ok ? br.bca_hi : NAN);
    erow[6] = es_cell_str(ok ? "bootstrap BCa" : u->unit_post ? "post units: no bootstrap interval" : "no interval");
    erow[7] = es_cell_int((long long)na);
    erow[8] = es_cell_int((long long)nb);
    es_rtable_add_row(c->eff, erow);
#undef ES_ROW_START
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
        es_cell row[4] = {es_cell_str(c->bands->names[b]), es_cell_int((long long)n[b]),
                          es_cell_int((long long)(n[b] - ln[b])), es_cell_num(med)};
        es_rtable_add_row(tb, row);
    }
    static const char *const ocols[] = {"test", "scale", "n_accounts", "k", "statistic", "df", "df2", "p_value",
                                        "log_p_value", "effect_size", "effect", "note"};
    es_results_table(c->res, "omnibus", "Across all bands", 12, ocols, &tb);
    if (!okalloc) {
        es_results_warn(c->res, "out of memory: omnibus tests skipped");
        goto done;
    }
    const char *scale = c->o->log_scale ? "log ER" : "ER";
    double *const *pg = c->o->log_scale ? lg : g;
    const size_t *pn = c->o->log_scale ? ln : n;
    es_kw_result kw;
    int rc = es_kw_test((const double *const *)g, n, k, &kw);
    es_cell row[12];
    row[0] = es_cell_str("kruskal_wallis");
    row[1] = es_cell_str("ranks of ER");
    row[2] = es_cell_int((long long)kw.n);
    row[3] = es_cell_int((long long)kw.k);
    row[4] = es_cell_num(rc == ES_OK ? kw.h : NAN);
    row[5] = es_cell_num(rc == ES_OK ? kw.df : NAN);
    row[6] = es_cell_null();
    row[7] = es_cell_num(rc == ES_OK ? kw.p_value : NAN);
    row[8] = es_cell_num(rc == ES_OK ? kw.log_p_value : NAN);
    row[9] = es_cell_str("epsilon_squared");
    row[10] = es_cell_num(rc == ES_OK ? kw.epsilon2 : NAN);
    row[11] = rc == ES_OK ? es_cell_null() : es_cell_str("fewer than 2 bands with data");
    es_rtable_add_row(tb, row);
    es_anova_result an;
    rc = es_anova_oneway((const double *const *)pg, pn, k, &an);
    row[0] = es_cell_str("anova");
    row[1] = es_cell_str(scale);
    row[2] = es_cell_int((long long)an.n);
    row[3] = es_cell_int((long long)an.k);
    row[4] = es_cell_num(an.f);
    row[5] = es_cell_num(an.df1);
    row[6] = es_cell_num(an.df2);
    row[7] = es_cell_num(an.p_value);
    row[8] = es_cell_num(an.log_p_value);
    row[9] = es_cell_str("eta_squared");
    row[10] = es_cell_num(an.r2);
    row[11] = rc == ES_OK ? es_cell_null() : es_cell_str("too few bands or values");
    es_rtable_add_row(tb, row);
    es_welch_anova_result wa;
    /* Welch's ANOVA needs 2+ values per band: use the bands that have them. */
    size_t kk = 0;
    double **wg = calloc(k ? k : 1, sizeof *wg);
    size_t *wn = calloc(k ? k : 1, sizeof *wn);
    for (size_t b = 0; wg && wn && b < k; b++)
        if (pn[b] >= 2) {
            wg[kk] = pg[b];
            wn[kk++] = pn[b];
        }
    rc = wg && wn ? es_anova_welch((const double *const *)wg, wn, kk, &wa) : ES_ENOMEM;
    free(wg);
    free(wn);
    row[0] = es_cell_str("welch_anova");
    row[1] = es_cell_str(scale);
    row[2] = es_cell_int((long long)wa.n);
    row[3] = es_cell_int((long long)wa.k);
    row[4] = es_cell_num(wa.f);
    row[5] = es_cell_num(wa.df1);
    row[6] = es_cell_num(wa.df2);
    row[7] = es_cell_num(wa.p_value);
    row[8] = es_cell_num(wa.log_p_value);
    row[9] = es_cell_null();
    row[10] = es_cell_null();
    row[11] = rc == ES_OK ? (isnan(wa.f) ? es_cell_str("a band has no variance") : es_cell_null())
                          : es_cell_str("too few bands with 2 or more values");
    es_rtable_add_row(tb, row);

    size_t np = k * (k - 1) / 2;
    es_dunn_pair *dp = malloc((np ? np : 1) * sizeof *dp);
    static const char *const dcols[] = {"band_a", "band_b", "n_a", "n_b", "mean_rank_diff", "statistic",
                                        "p_value", "log_p_value", "p_adjusted"};
    es_results_table(c->res, "dunn", "Dunn's pairwise tests on Kruskal-Wallis ranks", 9, dcols, &tb);
    if (dp != NULL && k >= 2 && es_dunn_test((const double *const *)g, n, k, c->o->adjust, dp) == ES_OK)
        for (size_t q = 0; q < np; q++) {
            es_cell r8[9] = {es_cell_str(c->bands->names[dp[q].a]), es_cell_str(c->bands->names[dp[q].b]),
                             es_cell_int((long long)n[dp[q].a]), es_cell_int((long long)n[dp[q].b]),
                             es_cell_num(dp[q].mean_rank_diff), es_cell_num(dp[q].z), es_cell_num(dp[q].p_value),
                             es_cell_num(es_log_ugaussian_Q(fabs(dp[q].z)) + M_LN2),
                             es_cell_num(dp[q].p_adjusted)};
            es_rtable_add_row(tb, r8);
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
    es_cmp_opts o = {"micro", "mega", ES_ALT_TWO_SIDED, ES_ADJ_HOLM, 1, 9999, -1};
    int nargc = 0;
    char **nargv = NULL;
    int rc = es_cmp_preparse(argc, argv, &o, &nargc, &nargv);
    if (rc != 0)
        return rc;
    es_cli cli = {.command = "compare"};
    rc = es_cli_parse(&cli, nargc, nargv, ES_OPT_LOAD | ES_OPT_OUTPUT | ES_OPT_ER | ES_OPT_BANDS | ES_OPT_BOOT,
                      es_compare_help);
    if (rc != 0) {
        es_cli_free(&cli);
        free(nargv);
        return rc < 0 ? 0 : rc;
    }
    if (cli.n_args != 1) {
        es_cli_free(&cli);
        free(nargv);
        return es_cli_usage_error(cli.n_args == 0 ? "compare: missing FILE" : "compare: expected one FILE");
    }
    es_role by = ES_ROLE_NONE;
    if (cli.by != NULL) {
        if (strcmp(cli.by, "niche") == 0)
            by = ES_ROLE_NICHE;
        else if (strcmp(cli.by, "platform") == 0)
            by = ES_ROLE_PLATFORM;
        else {
            es_cli_free(&cli);
            free(nargv);
            return es_cli_usage_error("--by '%s': expected niche or platform", cli.by);
        }
    }
    es_table *t = NULL;
    es_load_report rep;
    es_bands bands = {0};
    es_units u = {0};
    es_results *res = NULL;
    es_cmp_ctx c = {0};
    rc = es_cli_load(&cli, cli.args[0], &t, &rep);
    if (rc != 0)
        goto out;
    rc = es_cli_units(&cli, t, &bands, &u);
    if (rc != 0)
        goto out;
    int ia = es_bands_find(&bands, o.a), ib = es_bands_find(&bands, o.b);
    if (ia < 0 || ib < 0 || ia == ib) {
        rc = ia == ib && ia >= 0 ? es_cli_usage_error("--groups %s,%s: the two bands must differ", o.a, o.b)
                                 : es_cli_usage_error("--groups %s,%s: no band named '%s' in --bands %s", o.a, o.b,
                                                      ia < 0 ? o.a : o.b, bands.label);
        goto out;
    }
    const es_dict *gd = by == ES_ROLE_NICHE ? u.niche_dict : by == ES_ROLE_PLATFORM ? u.platform_dict : NULL;
    if (by != ES_ROLE_NONE && gd == NULL) {
        es_cli_error("compare: --by %s: the file has no %s column (use --map %s=COLUMN)", cli.by, cli.by, cli.by);
        rc = 1;
        goto out;
    }
    res = es_cli_results(&cli, "compare", &rep, &bands, &u);
    if (res == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    char groups[140];
    snprintf(groups, sizeof groups, "%s,%s", o.a, o.b);
    es_results_setting(res, "groups", es_cell_str(groups));
    es_results_setting(res, "alternative", es_cell_str(es_alternative_name(o.alt)));
    es_results_setting(res, "adjust", es_cell_str(es_adjust_name(o.adjust)));
    es_results_setting(res, "scale", es_cell_str(o.log_scale ? "log" : "raw"));
    es_results_setting(res, "perm", es_cell_int((long long)o.perm));
    es_results_setting(res, "exact", es_cell_str(o.exact < 0 ? "auto" : o.exact ? "yes" : "no"));
    es_results_setting(res, "boot", es_cell_int(cli.boot));
    es_results_setting(res, "conf", es_cell_num(cli.conf));
    es_results_setting(res, "seed", es_cell_int((long long)cli.seed));
    if (cli.by)
        es_results_setting(res, "by", es_cell_str(cli.by));
    if (u.unit_post)
        es_results_warn(res, "post units: the tests treat posts as independent, which they are not; "
                             "use account units for inference");
    c = (es_cmp_ctx){.cli = &cli, .o = &o, .u = &u, .bands = &bands, .res = res};
    size_t nn = u.n ? u.n : 1;
    c.x = malloc(nn * sizeof *c.x);
    c.y = malloc(nn * sizeof *c.y);
    c.lx = malloc(nn * sizeof *c.lx);
    c.ly = malloc(nn * sizeof *c.ly);
    if (c.x == NULL || c.y == NULL || c.lx == NULL || c.ly == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    const char *const pcols[ES_NPAIRCOLS] = {
        "comparison", by == ES_ROLE_PLATFORM ? "platform" : "niche", "test", "method", "n_a", "n_b", "statistic",
        "df", "p_value", "log_p_value", "p_adjusted", "estimate", "ci_low", "ci_high", "effect_size", "effect",
        "effect_ci_low", "effect_ci_high", "note"};
    const char *pc[ES_NPAIRCOLS];
    memcpy(pc, pcols, sizeof pc);
    if (by == ES_ROLE_NONE)
        pc[1] = "group";
    char title[256];
    snprintf(title, sizeof title, "%s vs %s (%s, %g%% CIs)", o.a, o.b, es_alternative_name(o.alt), 100 * cli.conf);
    es_results_table(res, "pairwise", title, ES_NPAIRCOLS, pc, &c.pair);
    static const char *const ecols[ES_NEFFCOLS] = {"comparison", "group", "effect", "estimate", "ci_low",
                                                   "ci_high", "method", "n_a", "n_b"};
    es_results_table(res, "effects", "Effect sizes", ES_NEFFCOLS, ecols, &c.eff);

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
        if (tmp == NULL)
            break;
        for (size_t gi = 0; gi < ngroups; gi++)
            tmp[gi] = pv[4 * gi + tcol];
        if (es_p_adjust(tmp, ngroups, o.adjust, 0, tmp) == ES_OK)
            for (size_t gi = 0; gi < ngroups; gi++)
                c.pair->cells[(first[gi] + (size_t)tcol) * c.pair->n_cols + 10] = es_cell_num(tmp[gi]);
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
    es_units_free(&u);
    es_bands_free(&bands);
    es_table_free(t);
    if (cli.n_args == 1)
        es_load_report_free(&rep);
    es_cli_free(&cli);
    free(nargv);
    return rc;
}
