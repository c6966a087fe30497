/* anova.c — one-way analysis of variance: the classical F test (Fisher 1925), as
 * R's anova(lm(y ~ g)) reports it, and Welch's (1951) test for unequal variances,
 * as R's oneway.test(y ~ g, var.equal = FALSE).
 *
 * Accuracy (NIST StRD ANOVA sets SmLs01-09 carry 13 constant leading digits): each
 * group mean is accumulated around a provisional centre (the group's first value),
 * the grand mean around the first group's mean, and every sum is a Neumaier (1974)
 * compensated sum in long double; the within-group sum of squares gets the Chan,
 * Golub & LeVeque (1983) correction term.  Shifting by a provisional value is exact
 * in the input's last bits, so the result is as accurate as the input values. */
#include "engagestat/compare.h"
#include "engagestat/error.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

typedef long double es_ld;

/* Compensated accumulator (Neumaier 1974). */
typedef struct es_ksum {
    es_ld s, c;
} es_ksum;

static void es_ksum_add(es_ksum *k, es_ld v)
{
    es_ld t = k->s + v;
    if (fabsl(k->s) >= fabsl(v))
        k->c += (k->s - t) + v;
    else
        k->c += (v - t) + k->s;
    k->s = t;
}

static es_ld es_ksum_get(const es_ksum *k)
{
    return k->s + k->c;
}

/* Value i of group g, from double or long double storage. */
static es_ld es_val(const void *const *groups, int ld, size_t g, size_t i)
{
    return ld ? ((const es_ld *)groups[g])[i] : (es_ld)((const double *)groups[g])[i];
}

/* Group mean (provisional centre + compensated mean deviation), count, and the sum
 * of squared deviations from that mean with the correction term. */
static size_t es_group_stats(const void *const *groups, int ld, size_t g, size_t n, es_ld *mean, es_ld *ss)
{
    es_ld c = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        es_ld v = es_val(groups, ld, g, i);
        if (!isnan((double)v)) {
            c = v;
            break;
        }
    }
    es_ksum s = {0, 0};
    for (size_t i = 0; i < n; i++) {
        es_ld v = es_val(groups, ld, g, i);
        if (!isnan((double)v)) {
            es_ksum_add(&s, v - c);
            m++;
        }
    }
    if (m == 0)
        return 0;
    es_ld mu = c + es_ksum_get(&s) / m;
    es_ksum q = {0, 0}, d = {0, 0};
    for (size_t i = 0; i < n; i++) {
        es_ld v = es_val(groups, ld, g, i);
        if (!isnan((double)v)) {
            es_ld e = v - mu;
            es_ksum_add(&q, e * e);
            es_ksum_add(&d, e);
        }
    }
    es_ld sd = es_ksum_get(&d);
    *mean = mu;
    *ss = es_ksum_get(&q) - sd * sd / m;
    return m;
}

static int es_anova_core(const void *const *groups, int ld, const size_t *ns, size_t k, es_anova_result *r)
{
    memset(r, 0, sizeof *r);
    r->ss_between = r->ss_within = r->ms_between = r->ms_within = NAN;
    r->df1 = r->df2 = r->f = r->p_value = r->log_p_value = r->r2 = r->resid_sd = NAN;
    es_ld centre = 0;
    int have_centre = 0;
    size_t N = 0, kk = 0;
    es_ksum ssw = {0, 0};
    /* First pass: group means and within sums; second: between sum around the grand
     * mean, itself computed around the first group's mean. */
    es_ksum gm = {0, 0};
    for (size_t g = 0; g < k; g++) {
        es_ld mu, ss;
        size_t m = es_group_stats(groups, ld, g, ns[g], &mu, &ss);
        if (m == 0)
            continue;
        if (!have_centre) {
            centre = mu;
            have_centre = 1;
        }
        es_ksum_add(&gm, (es_ld)m * (mu - centre));
        es_ksum_add(&ssw, ss);
        N += m;
        kk++;
    }
    r->n = N;
    r->k = kk;
    if (kk < 2 || N <= kk)
        return es_error(ES_EDOM);
    es_ld grand = centre + es_ksum_get(&gm) / N;
    es_ksum ssb = {0, 0};
    for (size_t g = 0; g < k; g++) {
        es_ld mu, ss;
        size_t m = es_group_stats(groups, ld, g, ns[g], &mu, &ss);
        if (m == 0)
            continue;
        es_ld d = mu - grand;
        es_ksum_add(&ssb, (es_ld)m * d * d);
    }
    es_ld b = es_ksum_get(&ssb), w = es_ksum_get(&ssw);
    es_ld df1 = (es_ld)(kk - 1), df2 = (es_ld)(N - kk);
    r->ss_between = (double)b;
    r->ss_within = (double)w;
    r->df1 = (double)df1;
    r->df2 = (double)df2;
    r->ms_between = (double)(b / df1);
    r->ms_within = (double)(w / df2);
    r->r2 = (double)(b / (b + w));
    r->resid_sd = (double)sqrtl(w / df2);
    if (w > 0) {
        r->f = (double)((b / df1) / (w / df2));
        r->p_value = gsl_cdf_fdist_Q(r->f, r->df1, r->df2);
        r->log_p_value = es_log_fdist_Q(r->f, r->df1, r->df2);
    }
    return ES_OK;
}

int es_anova_oneway(const double *const *groups, const size_t *ns, size_t k, es_anova_result *r)
{
    return es_anova_core((const void *const *)groups, 0, ns, k, r);
}

int es_anova_oneway_l(const long double *const *groups, const size_t *ns, size_t k, es_anova_result *r)
{
    return es_anova_core((const void *const *)groups, 1, ns, k, r);
}

int es_anova_welch(const double *const *groups, const size_t *ns, size_t k, es_welch_anova_result *r)
{
    memset(r, 0, sizeof *r);
    r->f = r->df1 = r->df2 = r->p_value = r->log_p_value = NAN;
    es_ksum sw = {0, 0}, swm = {0, 0};
    size_t kk = 0, N = 0;
    int bad = 0;
    /* w_i = n_i / s_i^2; m = sum w_i m_i / sum w_i (around the first mean). */
    es_ld centre = 0;
    for (size_t g = 0; g < k; g++) {
        es_ld mu, ss;
        size_t m = es_group_stats((const void *const *)groups, 0, g, ns[g], &mu, &ss);
        if (m == 0)
            continue;
        if (m < 2)
            bad = 1;
        if (kk == 0)
            centre = mu;
        kk++;
        N += m;
    }
    r->n = N;
    r->k = kk;
    if (kk < 2 || bad)
        return es_error(ES_EDOM);
    for (size_t g = 0; g < k; g++) {
        es_ld mu, ss;
        size_t m = es_group_stats((const void *const *)groups, 0, g, ns[g], &mu, &ss);
        if (m == 0)
            continue;
        es_ld w = m / (ss / (m - 1));
        es_ksum_add(&sw, w);
        es_ksum_add(&swm, w * (mu - centre));
    }
    es_ld sumw = es_ksum_get(&sw);
    es_ld mbar = centre + es_ksum_get(&swm) / sumw;
    es_ksum num = {0, 0}, tmp = {0, 0};
    for (size_t g = 0; g < k; g++) {
        es_ld mu, ss;
        size_t m = es_group_stats((const void *const *)groups, 0, g, ns[g], &mu, &ss);
        if (m == 0)
            continue;
        es_ld w = m / (ss / (m - 1)), d = mu - mbar, h = 1 - w / sumw;
        es_ksum_add(&num, w * d * d);
        es_ksum_add(&tmp, h * h / (m - 1));
    }
    es_ld K = (es_ld)kk, t = es_ksum_get(&tmp) / (K * K - 1);
    es_ld f = es_ksum_get(&num) / ((K - 1) * (1 + 2 * (K - 2) * t));
    r->f = (double)f;
    r->df1 = (double)(K - 1);
    r->df2 = (double)(1 / (3 * t));
    if (isfinite(r->f) && isfinite(r->df2) && r->df2 > 0) {
        r->p_value = gsl_cdf_fdist_Q(r->f, r->df1, r->df2);
        r->log_p_value = es_log_fdist_Q(r->f, r->df1, r->df2);
    } else {
        r->f = r->df2 = NAN;
    }
    return ES_OK;
}
