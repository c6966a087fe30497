/* power_search.c — accounts per band needed to detect a ratio of median engagement
 * rates with the Mann-Whitney test, by simulation from the simulator's model, with
 * Noether's (1987) formula beside it (analysis.h, es_power_run). */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/compare.h"
#include "engagestat/select.h"
#include "engagestat/simulate.h"

void es_power_opts_init(es_power_opts *o)
{
    memset(o, 0, sizeof *o);
    o->band_a = "micro";
    o->band_b = "mega";
    o->target = NAN;
    o->power = 0.8;
    o->alpha = 0.05;
    o->nsim = 1000;
    o->alternative = ES_ALT_TWO_SIDED;
    o->accounts = 200000;
    o->seed = 1;
    o->observed_ratio = o->observed_lo = o->observed_hi = NAN;
}

/* The two pools of observed account ERs (median over the account's posts of
 * (likes+comments)/followers) of bands ia and ib; *pa, *pb malloc'ed. */
static int es_power_pools(const es_sim_data *d, const es_bands *bands, int ia, int ib, double **pa, size_t *na,
                          double **pb, size_t *nb)
{
    *pa = malloc((d->n_accounts ? d->n_accounts : 1) * sizeof **pa);
    *pb = malloc((d->n_accounts ? d->n_accounts : 1) * sizeof **pb);
    double *scr = malloc((d->n_posts + d->n_accounts + 1) * sizeof *scr);
    if (*pa == NULL || *pb == NULL || scr == NULL) {
        free(scr);
        return ES_ENOMEM;
    }
    *na = *nb = 0;
    for (size_t k = 0; k < d->n_accounts; k++) {
        const es_sim_account *ac = &d->accounts[k];
        int band = es_bands_classify(bands, ac->followers);
        int in_a = band == ia, in_b = band == ib;
        if ((!in_a && !in_b) || ac->n_posts == 0)
            continue;
        for (size_t q = 0; q < ac->n_posts; q++) {
            const es_sim_post *po = &d->posts[ac->first_post + q];
            scr[q] = (po->likes + po->comments) / ac->followers;
        }
        double er = es_median_scratch(scr, ac->n_posts, scr + ac->n_posts);
        if (in_a)
            (*pa)[(*na)++] = er;
        else
            (*pb)[(*nb)++] = er;
    }
    free(scr);
    return ES_OK;
}

/* The search's result: the smallest n reaching the power (0: not reached) and every
 * (n, power) tried, sorted by n. */
typedef struct {
    size_t hi;
    double p_hi;
    double curve_n[64], curve_p[64];
    size_t nc;
} es_power_search;

/* Smallest n per band with simulated power >= o->power: doubling from start, then
 * bisection; every evaluation uses the same seed (common random numbers). */
static void es_power_find(const es_power_opts *o, const double *sa, size_t na, const double *pb, size_t nb,
                          double start, es_power_search *s)
{
    es_power_sim_opts so = {(es_alternative)o->alternative, o->alpha, (size_t)o->nsim, o->seed};
    size_t cap = sizeof s->curve_n / sizeof *s->curve_n;
    size_t lo = 1, n = isfinite(start) && start >= 5 ? (size_t)start : 5;
    if (n > ES_POWER_NMAX)
        n = ES_POWER_NMAX;
    s->hi = s->nc = 0;
    s->p_hi = NAN;
    while (s->nc < cap) {
        double pw;
        if (es_power_mw_sim(sa, na, 1.0, pb, nb, n, n, &so, &pw) != ES_OK)
            break;
        s->curve_n[s->nc] = (double)n;
        s->curve_p[s->nc++] = pw;
        if (pw >= o->power) {
            s->hi = n;
            s->p_hi = pw;
        } else {
            lo = n;
        }
        if (s->hi == 0) {
            if (n >= ES_POWER_NMAX)
                break;
            n = n * 2 > ES_POWER_NMAX ? ES_POWER_NMAX : n * 2;
            continue;
        }
        if (s->hi - lo <= 1 || s->hi - lo <= s->hi / 100)
            break;
        n = lo + (s->hi - lo) / 2;
    }
    for (size_t i = 1; i < s->nc; i++)
        for (size_t j = i; j > 0 && s->curve_n[j - 1] > s->curve_n[j]; j--) {
            double tn = s->curve_n[j], tp = s->curve_p[j];
            s->curve_n[j] = s->curve_n[j - 1];
            s->curve_p[j] = s->curve_p[j - 1];
            s->curve_n[j - 1] = tn;
            s->curve_p[j - 1] = tp;
        }
}

static void es_power_tables(const es_power_opts *o, es_results *res, size_t na, size_t nb, double model_ratio,
                            double target, double auc, double n_noether, const es_power_search *s)
{
    es_results_setting(res, "model", es_cell_str(o->model ? o->model : "built-in"));
    char groups[160];
    snprintf(groups, sizeof groups, "%s,%s", o->band_a, o->band_b);
    es_results_setting(res, "groups", es_cell_str(groups));
    es_results_setting(res, "target", !isnan(o->target)           ? es_cell_num(o->target)
                                      : isnan(o->observed_ratio) ? es_cell_str("model")
                                                                 : es_cell_str("observed"));
    es_results_setting(res, "power", es_cell_num(o->power));
    es_results_setting(res, "alpha", es_cell_num(o->alpha));
    es_results_setting(res, "pool_accounts", es_cell_int((long long)o->accounts));
    es_results_setting(res, "seed", es_cell_int((long long)o->seed));
    es_results_setting(res, "alternative", es_cell_str(es_alternative_name((es_alternative)o->alternative)));
    es_results_setting(res, "nsim", es_cell_int((long long)o->nsim));
    es_results_setting(res, "test", es_cell_str("Mann-Whitney, normal approximation with corrections"));
    static const char *const cols[] = {"band_a", "band_b", "n_pool_a", "n_pool_b", "model_ratio", "observed_ratio",
                                       "observed_low", "observed_high", "target_ratio",
                                       "auc", "alpha", "power", "n_noether", "n_simulated", "power_simulated",
                                       "note"};
    es_rtable *tb;
    es_results_table(res, "power", "Accounts per band needed (equal allocation)", 16, cols, &tb);
    es_row row = es_rtable_append(tb);
    es_row_str(&row, "band_a", o->band_a);
    es_row_str(&row, "band_b", o->band_b);
    es_row_int(&row, "n_pool_a", (long long)na);
    es_row_int(&row, "n_pool_b", (long long)nb);
    es_row_num(&row, "model_ratio", model_ratio);
    es_row_num(&row, "observed_ratio", o->observed_ratio);
    es_row_num(&row, "observed_low", o->observed_lo);
    es_row_num(&row, "observed_high", o->observed_hi);
    es_row_num(&row, "target_ratio", target);
    es_row_num(&row, "auc", auc);
    es_row_num(&row, "alpha", o->alpha);
    es_row_num(&row, "power", o->power);
    es_row_num(&row, "n_noether", n_noether);
    if (s->hi) {
        es_row_int(&row, "n_simulated", (long long)s->hi);
        es_row_num(&row, "power_simulated", s->p_hi);
    } else {
        es_row_str(&row, "note", "power not reached at 20000 accounts per band");
    }
    static const char *const ccols[] = {"n_per_band", "power_simulated"};
    es_results_table(res, "curve", "Simulated power at the sample sizes tried", 2, ccols, &tb);
    for (size_t i = 0; i < s->nc; i++) {
        es_row r2 = es_rtable_append(tb);
        es_row_int(&r2, "n_per_band", (long long)s->curve_n[i]);
        es_row_num(&r2, "power_simulated", s->curve_p[i]);
    }
    es_results_value(res, "n_per_band", s->hi ? es_cell_int((long long)s->hi) : es_cell_null());
    es_results_value(res, "n_noether", es_cell_num(n_noether));
}

int es_power_run(const es_power_opts *o, es_results *res, es_err *err)
{
    es_bands bands = {0}; /* the simulator's bands: the default preset */
    es_sim_params builtin;
    int have_builtin = 0;
    es_sim_data d = {0};
    double *pa = NULL, *pb = NULL, *sa = NULL;
    es_power_search *s = NULL;
    int rc = es_bands_parse(&bands, ES_BANDS_DEFAULT, NULL, err);
    if (rc != ES_OK)
        goto out;
    int ia = es_bands_find(&bands, o->band_a), ib = es_bands_find(&bands, o->band_b);
    if (ia < 0 || ib < 0 || ia == ib) {
        es_buf names = {0};
        for (size_t i = 0; i < bands.n; i++)
            es_buf_printf(&names, "%s%s", i ? ", " : "", bands.names[i]);
        rc = es_err_set(err, ES_EINVAL, "--groups %s,%s: expected two different bands of %s", o->band_a, o->band_b,
                        names.data ? names.data : "");
        es_buf_free(&names);
        goto out;
    }
    const es_sim_params *p = o->params;
    if (p == NULL) {
        if ((rc = es_sim_params_init(&builtin)) != ES_OK) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
        have_builtin = 1;
        p = &builtin;
    }
    if ((rc = es_sim_generate(p, o->accounts, (unsigned long)o->seed, &d, err)) != ES_OK) {
        if (rc != ES_ENOMEM) /* a model the simulator cannot run: the data cannot answer */
            rc = ES_EDOM, err ? (void)(err->code = ES_EDOM) : (void)0;
        goto out;
    }
    size_t na, nb;
    if (es_power_pools(&d, &bands, ia, ib, &pa, &na, &pb, &nb) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    if (na < 10 || nb < 10) {
        rc = es_err_set(err, ES_EDOM, "the simulated pool has %zu %s and %zu %s accounts; raise --accounts", na,
                        o->band_a, nb, o->band_b);
        goto out;
    }
    double *scr = malloc((na > nb ? na : nb) * sizeof *scr);
    sa = malloc(na * sizeof *sa);
    s = malloc(sizeof *s);
    if (scr == NULL || sa == NULL || s == NULL) {
        free(scr);
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    double ma = es_median_scratch(pa, na, scr), mb = es_median_scratch(pb, nb, scr);
    free(scr);
    double model_ratio = ma / mb;
    double target = isnan(o->target) ? (isnan(o->observed_ratio) ? model_ratio : o->observed_ratio) : o->target;
    if (!isnan(o->observed_ratio) && !(model_ratio >= o->observed_lo && model_ratio <= o->observed_hi))
        es_results_warn(res, "the model's %s/%s ratio of medians, %.3g, is outside the observed ratio in the "
                        "calibration data, %.3g [%.3g, %.3g] (95%% BCa); the simulated pools are scaled to the target "
                        "%.3g%s", o->band_a, o->band_b, model_ratio, o->observed_ratio, o->observed_lo,
                        o->observed_hi, target, isnan(o->target) ? " (the observed ratio)" : "");
    double scale = target / model_ratio;
    /* AUC of the scaled pools (Noether's effect size). */
    for (size_t i = 0; i < na; i++)
        sa[i] = pa[i] * scale;
    es_mw_opts mo;
    es_mw_opts_default(&mo);
    mo.exact = 0;
    mo.conf_int = 0;
    es_mw_result mw;
    if (es_mw_test(sa, na, pb, nb, &mo, &mw) != ES_OK) {
        rc = es_err_set(err, ES_EDOM, "cannot compare the pools");
        goto out;
    }
    double auc = mw.auc;
    double nn = es_noether_n(o->alternative == ES_ALT_LESS ? 1 - auc : auc, o->alpha, o->power, 0.5,
                             o->alternative == ES_ALT_TWO_SIDED);
    double n_noether = isfinite(nn) ? ceil(nn / 2) : NAN;
    es_power_find(o, sa, na, pb, nb, n_noether, s);
    es_power_tables(o, res, na, nb, model_ratio, target, auc, n_noether, s);
    rc = ES_OK;
out:
    es_bands_free(&bands);
    free(pa);
    free(pb);
    free(sa);
    free(s);
    es_sim_data_free(&d);
    if (have_builtin)
        es_sim_params_free(&builtin);
    return rc;
}
