/* cmd_power.c — `engagestat power`: accounts per band needed to detect a given ratio
 * of median engagement rates between two bands with the Mann-Whitney test, by
 * simulation from the simulator's model (built-in, --params FILE, or calibrated on
 * --calibrate DATA), with Noether's (1987) formula beside it as a check. */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/compare.h"
#include "engagestat/simulate.h"

typedef struct es_pow_opts {
    es_pair groups;
    double target, power, alpha;
    long nsim;
    int alt; /* es_alternative */
} es_pow_opts;

static const es_optdef es_pow_optdefs[] = {
    {.name = "groups", .kind = ES_ARG_PAIR, .offset = offsetof(es_pow_opts, groups), .sep = ',',
     .expect = "two bands such as micro,mega", .metavar = "A,B",
     .help = "bands (hypeauditor names; default micro,mega)"},
    {.name = "target", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_opts, target), .lo = 0, .hi = 1e6,
     .metavar = "R", .help = "ratio of medians A/B to detect (default: the model's)"},
    {.name = "power", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_opts, power), .lo = 0, .hi = 1,
     .metavar = "P", .help = "required power", .deflt = "0.8"},
    {.name = "alpha", .kind = ES_ARG_DOUBLE, .offset = offsetof(es_pow_opts, alpha), .lo = 0, .hi = 1,
     .metavar = "A", .help = "significance level", .deflt = "0.05"},
    {.name = "nsim", .kind = ES_ARG_LONG, .offset = offsetof(es_pow_opts, nsim), .lo = 10, .hi = 9999999,
     .metavar = "N", .help = "simulated studies per sample size", .deflt = "1000"},
    {.name = "alternative", .kind = ES_ARG_ENUM, .offset = offsetof(es_pow_opts, alt),
     .lookup = es_alternative_from_name, .expect = "two.sided, less or greater", .metavar = "H",
     .help = "two.sided (default), less or greater"},
    {0}};

const es_command es_power_cmd = {
    .name = "power",
    .synopsis = "power [OPTION]...",
    .prose = "Accounts per band needed to detect a ratio of median engagement rates between two\n"
             "bands with the Mann-Whitney test (two-sided unless --alternative).  A pool of\n"
             "accounts is simulated from the model (account ER = median over its posts of\n"
             "(likes+comments)/followers); the first band's values are scaled so that the ratio\n"
             "of medians equals --target; studies of n accounts per band are drawn from the\n"
             "pools and tested; n is the smallest with simulated power >= --power.  Noether's\n"
             "formula, from the AUC of the scaled pools, is printed beside it.  The pool has\n"
             "--accounts accounts (default 200000), simulated from --params or from the\n"
             "parameters --calibrate estimates from a post-level file.\n",
    .shared = ES_SH_SIM | ES_SH_LOAD | ES_SH_OUTPUT,
    .opts = es_pow_optdefs,
    .trailer = "Tables: power, curve.\n",
    .examples = "engagestat power --params datasets/kim2020-calibrated.params --target 1.3\n"
                "engagestat power --calibrate posts.csv --groups nano,mega --power 0.9\n",
};

#define ES_POW_NMAX 20000

int es_cmd_power(int argc, char **argv)
{
    es_pow_opts o = {.groups = {"micro", "mega", "micro,mega"}, .target = NAN, .power = 0.8, .alpha = 0.05,
                     .nsim = 1000, .alt = ES_ALT_TWO_SIDED};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_power_cmd, argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_sim_params p;
    es_sim_data d = {0};
    es_err err = {0};
    es_table *t = NULL;
    es_load_report rep;
    int have_rep = 0;
    es_results *res = NULL;
    double *pa = NULL, *pb = NULL, *scr = NULL, *sa = NULL;
    double *curve_n = NULL, *curve_p = NULL;
    int pinit = 0;
    es_bands bands = {0}; /* the simulator's bands: the default preset */
    if (cli.n_args != 0) {
        rc = es_cli_usage_error("power: unexpected argument '%s'", cli.args[0]);
        goto out;
    }
    if (es_bands_parse(&bands, ES_BANDS_DEFAULT, NULL, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
        rc = 1;
        goto out;
    }
    int ia = es_bands_find(&bands, o.groups.a), ib = es_bands_find(&bands, o.groups.b);
    if (ia < 0 || ib < 0 || ia == ib) {
        es_buf names = {0};
        for (size_t i = 0; i < bands.n; i++)
            es_buf_printf(&names, "%s%s", i ? ", " : "", bands.names[i]);
        rc = es_cli_usage_error("--groups %s,%s: expected two different bands of %s", o.groups.a, o.groups.b,
                                names.data ? names.data : "");
        es_buf_free(&names);
        goto out;
    }
    if (es_sim_params_init(&p) != ES_OK) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    pinit = 1;
    if (cli.params && es_sim_params_load(&p, cli.params, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : "cannot read the parameters");
        rc = 1;
        goto out;
    }
    if (cli.calibrate) {
        rc = es_cli_load(&cli, cli.calibrate, &t, &rep);
        have_rep = 1;
        if (rc != 0)
            goto out;
        if (es_sim_calibrate(&p, t, &err) != ES_OK) {
            es_cli_error("power: %s", err.msg ? err.msg : "calibration failed");
            rc = 1;
            goto out;
        }
    }
    size_t pool = cli.accounts > 0 ? (size_t)cli.accounts : 200000;
    if (es_sim_generate(&p, pool, cli.seed, &d, &err) != ES_OK) {
        es_cli_error("power: %s", err.msg ? err.msg : "simulation failed");
        rc = 1;
        goto out;
    }
    pa = malloc(d.n_accounts * sizeof *pa);
    pb = malloc(d.n_accounts * sizeof *pb);
    scr = malloc((d.n_posts + d.n_accounts + 1) * sizeof *scr);
    if (pa == NULL || pb == NULL || scr == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    /* Observed account ER: median over the account's posts of (likes+comments)/followers. */
    size_t na = 0, nb = 0;
    for (size_t k = 0; k < d.n_accounts; k++) {
        const es_sim_account *ac = &d.accounts[k];
        int band = es_bands_classify(&bands, ac->followers);
        int in_a = band == ia, in_b = band == ib;
        if ((!in_a && !in_b) || ac->n_posts == 0)
            continue;
        for (size_t q = 0; q < ac->n_posts; q++) {
            const es_sim_post *po = &d.posts[ac->first_post + q];
            scr[q] = (po->likes + po->comments) / ac->followers;
        }
        double *tmp = scr + ac->n_posts;
        double er = es_median_scratch(scr, ac->n_posts, tmp);
        if (in_a)
            pa[na++] = er;
        else
            pb[nb++] = er;
    }
    if (na < 10 || nb < 10) {
        es_cli_error("power: the simulated pool has %zu %s and %zu %s accounts; raise --accounts", na, o.groups.a, nb, o.groups.b);
        rc = 1;
        goto out;
    }
    double ma = es_median_scratch(pa, na, scr), mb = es_median_scratch(pb, nb, scr);
    double model_ratio = ma / mb;
    double target = isnan(o.target) ? model_ratio : o.target;
    double scale = target / model_ratio;
    /* AUC of the scaled pools (Noether's effect size). */
    sa = malloc(na * sizeof *sa);
    if (sa == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    for (size_t i = 0; i < na; i++)
        sa[i] = pa[i] * scale;
    es_mw_opts mo;
    es_mw_opts_default(&mo);
    mo.exact = 0;
    mo.conf_int = 0;
    es_mw_result mw;
    if (es_mw_test(sa, na, pb, nb, &mo, &mw) != ES_OK) {
        es_cli_error("power: cannot compare the pools");
        rc = 1;
        goto out;
    }
    double auc = mw.auc;
    double nn = es_noether_n(o.alt == ES_ALT_LESS ? 1 - auc : auc, o.alpha, o.power, 0.5,
                             o.alt == ES_ALT_TWO_SIDED);
    double n_noether = isfinite(nn) ? ceil(nn / 2) : NAN;

    /* Smallest n per band with simulated power >= o.power: doubling, then bisection;
     * every evaluation uses the same seed (common random numbers). */
    es_power_sim_opts so = {o.alt, o.alpha, o.nsim, cli.seed};
    size_t cap = 64, nc = 0;
    curve_n = malloc(cap * sizeof *curve_n);
    curve_p = malloc(cap * sizeof *curve_p);
    if (curve_n == NULL || curve_p == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    size_t lo = 1, hi = 0, n = isfinite(n_noether) && n_noether >= 5 ? (size_t)n_noether : 5;
    if (n > ES_POW_NMAX)
        n = ES_POW_NMAX;
    double pw = NAN, p_hi = NAN;
    while (nc < cap) {
        if (es_power_mw_sim(sa, na, 1.0, pb, nb, n, n, &so, &pw) != ES_OK)
            break;
        curve_n[nc] = (double)n;
        curve_p[nc++] = pw;
        if (pw >= o.power) {
            hi = n;
            p_hi = pw;
        } else {
            lo = n;
        }
        if (hi == 0) {
            if (n >= ES_POW_NMAX)
                break;
            n = n * 2 > ES_POW_NMAX ? ES_POW_NMAX : n * 2;
            continue;
        }
        if (hi - lo <= 1 || hi - lo <= hi / 100)
            break;
        n = lo + (hi - lo) / 2;
    }
    res = es_results_alloc("power");
    if (res == NULL) {
        es_cli_error("out of memory");
        rc = 1;
        goto out;
    }
    if (have_rep)
        es_results_set_input(res, &rep, 0, "post");
    es_results_setting(res, "model", es_cell_str(cli.calibrate ? "calibrated" : cli.params ? cli.params : "built-in"));
    es_results_setting(res, "pool_accounts", es_cell_int((long long)pool));
    es_results_setting(res, "seed", es_cell_int((long long)cli.seed));
    es_results_setting(res, "alternative", es_cell_str(es_alternative_name(o.alt)));
    es_results_setting(res, "nsim", es_cell_int((long long)o.nsim));
    es_results_setting(res, "test", es_cell_str("Mann-Whitney, normal approximation with corrections"));
    static const char *const cols[] = {"band_a", "band_b", "n_pool_a", "n_pool_b", "model_ratio", "target_ratio",
                                       "auc", "alpha", "power", "n_noether", "n_simulated", "power_simulated",
                                       "note"};
    es_rtable *tb;
    es_results_table(res, "power", "Accounts per band needed (equal allocation)", 13, cols, &tb);
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "band_a", o.groups.a);
    es_row_str(&row, "band_b", o.groups.b);
    es_row_int(&row, "n_pool_a", (long long)na);
    es_row_int(&row, "n_pool_b", (long long)nb);
    es_row_num(&row, "model_ratio", model_ratio);
    es_row_num(&row, "target_ratio", target);
    es_row_num(&row, "auc", auc);
    es_row_num(&row, "alpha", o.alpha);
    es_row_num(&row, "power", o.power);
    es_row_num(&row, "n_noether", n_noether);
    if (hi) {
        es_row_int(&row, "n_simulated", (long long)hi);
        es_row_num(&row, "power_simulated", p_hi);
    } else {
        es_row_str(&row, "note", "power not reached at 20000 accounts per band");
    }
    static const char *const ccols[] = {"n_per_band", "power_simulated"};
    es_results_table(res, "curve", "Simulated power at the sample sizes tried", 2, ccols, &tb);
    /* sorted by n */
    for (size_t i = 1; i < nc; i++)
        for (size_t j = i; j > 0 && curve_n[j - 1] > curve_n[j]; j--) {
            double tn = curve_n[j], tp = curve_p[j];
            curve_n[j] = curve_n[j - 1];
            curve_p[j] = curve_p[j - 1];
            curve_n[j - 1] = tn;
            curve_p[j - 1] = tp;
        }
    for (size_t i = 0; i < nc; i++) {
        es_row r2 = es_rtable_append(tb);
        es_row_int(&r2, "n_per_band", (long long)curve_n[i]);
        es_row_num(&r2, "power_simulated", curve_p[i]);
    }
    es_results_value(res, "n_per_band", hi ? es_cell_int((long long)hi) : es_cell_null());
    es_results_value(res, "n_noether", es_cell_num(n_noether));
    rc = es_cli_emit(&cli, res);
out:
    es_bands_free(&bands);
    es_results_free(res);
    free(pa);
    free(pb);
    free(sa);
    free(scr);
    free(curve_n);
    free(curve_p);
    es_sim_data_free(&d);
    if (pinit)
        es_sim_params_free(&p);
    es_err_clear(&err);
    es_table_free(t);
    if (have_rep)
        es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
