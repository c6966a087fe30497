/* claims.c — the seed article's claims, one verdict each, computed from the data:
 * supported, not supported, or not testable with this data, with the evidence and its
 * interval.  Nothing is decided in advance: data where engagement rises with followers
 * get "not supported".  The rules are in docs/report.md ("The seed's claims"). */
#include "engagestat/analysis.h"

#include "engagestat/quantile.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void es_claims_opts_init(es_claims_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
}

static int es_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct { double v; size_t i; } es_ranked;

static int es_cmp_ranked(const void *a, const void *b)
{
    double x = ((const es_ranked *)a)->v, y = ((const es_ranked *)b)->v;
    return x < y ? -1 : x > y;
}

/* Mid-ranks of x[0..n) into r (ties get their average rank, as R's rank()). */
static int es_ranks(const double *x, size_t n, double *r)
{
    es_ranked *w = malloc((n ? n : 1) * sizeof *w);
    if (w == NULL)
        return ES_ENOMEM;
    for (size_t i = 0; i < n; i++)
        w[i] = (es_ranked){x[i], i};
    qsort(w, n, sizeof *w, es_cmp_ranked);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && w[j].v == w[i].v)
            j++;
        for (size_t k = i; k < j; k++)
            r[w[k].i] = 0.5 * (double)(i + j + 1);
        i = j;
    }
    free(w);
    return ES_OK;
}

/* Spearman's rho: Pearson's correlation of the mid-ranks (R's cor(method =
 * "spearman")); NaN when out of memory or a variable is constant. */
static double es_spearman(const double *x, const double *y, size_t n)
{
    double *rx = malloc((n ? n : 1) * sizeof *rx), *ry = malloc((n ? n : 1) * sizeof *ry), rho = NAN;
    if (rx != NULL && ry != NULL && es_ranks(x, n, rx) == ES_OK && es_ranks(y, n, ry) == ES_OK) {
        double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < n; i++) {
            mx += rx[i];
            my += ry[i];
        }
        mx /= (double)n;
        my /= (double)n;
        for (size_t i = 0; i < n; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        if (sxx > 0 && syy > 0)
            rho = sxy / sqrt(sxx * syy);
    }
    free(rx);
    free(ry);
    return rho;
}

/* Values of the units whose followers lie in [lo, hi) into out; the count. */
static size_t es_range(const es_units *u, const double *v, double lo, double hi, double *out)
{
    size_t n = 0;
    for (size_t k = 0; k < u->n; k++)
        if (u->followers[k] >= lo && u->followers[k] < hi && isfinite(v[k]))
            out[n++] = v[k];
    return n;
}

typedef struct es_claim_row {
    const char *claim, *test;
    const char *verdict;
    double estimate, lo, hi;
    size_t n_a, n_b;
    char evidence[512];
} es_claim_row;

static void es_claim_add(es_rtable *t, const es_claim_row *c)
{
    es_row row = es_rtable_append(t);
    es_row_str(&row, "claim", c->claim);
    es_row_str(&row, "verdict", c->verdict);
    es_row_str(&row, "test", c->test);
    es_row_num(&row, "estimate", c->estimate);
    es_row_num(&row, "ci_low", c->lo);
    es_row_num(&row, "ci_high", c->hi);
    if (c->n_a || c->n_b) {
        es_row_int(&row, "n_a", (long long)c->n_a);
        es_row_int(&row, "n_b", (long long)c->n_b);
    }
    es_row_str(&row, "evidence", c->evidence);
}

/* The ratio of medians of v over the units in [alo, ahi) and [blo, bhi), with its BCa
 * interval for account units.  *c gets the numbers; returns ES_OK or ES_ENOMEM. */
static int es_claim_ratio(const es_units *u, const double *v, double alo, double ahi, double blo, double bhi,
                          const es_analysis_opts *common, es_claim_row *c, double *x, double *y)
{
    size_t nx = es_range(u, v, alo, ahi, x), ny = es_range(u, v, blo, bhi, y);
    c->n_a = nx;
    c->n_b = ny;
    c->estimate = c->lo = c->hi = NAN;
    if (nx < common->min_n || ny < common->min_n)
        return ES_OK;
    es_boot_opts bo;
    es_analysis_boot_opts(common, &bo);
    es_ratio_ci r;
    int boot = common->boot > 0 && !u->unit_post;
    if (es_ratio_of_medians(x, nx, y, ny, boot ? &bo : NULL, &r) != ES_OK)
        return ES_ENOMEM;
    c->estimate = r.estimate;
    if (r.has_ci) {
        c->lo = r.bca_lo;
        c->hi = r.bca_hi;
    }
    return ES_OK;
}

/* The verdict of a ratio that the claim says exceeds `threshold`. */
static const char *es_ratio_verdict(const es_claim_row *c, double threshold)
{
    if (!isfinite(c->estimate))
        return "not testable";
    if (isfinite(c->lo))
        return c->lo > threshold ? "supported" : "not supported";
    return "not testable"; /* no interval: the evidence cannot carry a verdict */
}

static void es_fmt_ci(char *buf, size_t size, const es_claim_row *c)
{
    if (isfinite(c->lo) && isfinite(c->hi))
        snprintf(buf, size, "%.2f [%.2f, %.2f]", c->estimate, c->lo, c->hi);
    else
        snprintf(buf, size, "%.2f (no interval)", c->estimate);
}

/* Per unit sums of two count roles over its rows (posts); NaN where a unit has none. */
static int es_unit_sums(const es_units *u, const es_table *t, es_role ra, es_role rb, double *sa, double *sb)
{
    const es_column *ca = es_table_role(t, ra), *cb = es_table_role(t, rb);
    if (ca == NULL || cb == NULL || ca->num == NULL || cb->num == NULL || u->unit_of_row == NULL)
        return 0;
    for (size_t k = 0; k < u->n; k++)
        sa[k] = sb[k] = 0;
    for (size_t i = 0; i < u->n_rows && i < t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k == SIZE_MAX || k >= u->n)
            continue;
        double a = ca->num[i], b = cb->num[i];
        if (isfinite(a) && isfinite(b)) {
            sa[k] += a;
            sb[k] += b;
        }
    }
    return 1;
}

int es_claims_run(const es_study *s, const es_claims_opts *o, es_results *res, es_err *err)
{
    const es_units *u = s->units;
    static const char *const cols[] = {"claim", "verdict", "test", "estimate", "ci_low", "ci_high", "n_a", "n_b",
                                       "evidence"};
    es_rtable *t;
    if (es_results_table(res, "claims", "The seed article's claims, one verdict each", 9, cols, &t) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    size_t n = u->n ? u->n : 1;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *a = malloc(n * sizeof *a),
           *b = malloc(n * sizeof *b), *v = malloc(n * sizeof *v);
    int rc = ES_OK;
    char ci[96];
    if (x == NULL || y == NULL || a == NULL || b == NULL || v == NULL) {
        rc = ES_ENOMEM;
        goto out;
    }

    /* 1. micro (5k-50k) out-engage larger influencers (50k and more) */
    es_claim_row c = {.claim = "Micro-influencers (5k-50k followers) get higher engagement than larger ones",
                      .test = "ratio of median ER, 5k-50k over 50k and more (BCa bootstrap)"};
    if ((rc = es_claim_ratio(u, u->er, 5e3, 5e4, 5e4, INFINITY, &o->common, &c, x, y)) != ES_OK)
        goto out;
    c.verdict = es_ratio_verdict(&c, 1.0);
    es_fmt_ci(ci, sizeof ci, &c);
    if (!isfinite(c.estimate))
        snprintf(c.evidence, sizeof c.evidence, "%zu accounts at 5k-50k and %zu at 50k or more: fewer than %zu in a group",
                 c.n_a, c.n_b, o->common.min_n);
    else
        snprintf(c.evidence, sizeof c.evidence,
                 "median ER at 5k-50k is %s times that at 50k or more (%zu vs %zu %s)%s", ci, c.n_a, c.n_b,
                 u->unit_post ? "posts" : "accounts",
                 strcmp(c.verdict, "supported") == 0 ? ""
                 : c.estimate < 1 && isfinite(c.hi) && c.hi < 1 ? ": larger accounts engage more here"
                 : strcmp(c.verdict, "not testable") == 0 ? ": post units give no interval (use --unit account)"
                                                         : ": the interval does not exclude 1");
    es_claim_add(t, &c);

    /* 2. niche focus goes with higher engagement: the share of an account's posts in its
     * most frequent niche, against its ER relative to its band's median */
    c = (es_claim_row){.claim = "Niche focus goes with higher engagement",
                       .test = "Spearman correlation of an account's niche concentration (share of its posts in its "
                               "main niche) with its ER over its band's median"};
    c.estimate = c.lo = c.hi = NAN;
    const es_column *nc = s->table ? es_table_role(s->table, ES_ROLE_NICHE) : NULL;
    if (nc == NULL || nc->codes == NULL || !u->post_level || u->unit_post || u->unit_of_row == NULL) {
        c.verdict = "not testable";
        snprintf(c.evidence, sizeof c.evidence, "%s",
                 nc == NULL ? "the file has no niche column"
                 : !u->post_level ? "one row per account: an account's posts and their niches are not in the file"
                                  : "needs account units built from posts (--unit account)");
    } else {
        /* concentration: for each unit, the largest count of one niche over its posts */
        size_t *cnt = calloc(n, sizeof *cnt), *tot = calloc(n, sizeof *tot);
        if (cnt == NULL || tot == NULL) {
            free(cnt);
            free(tot);
            rc = ES_ENOMEM;
            goto out;
        }
        /* count posts per (unit, niche) through a sort of (unit, niche) keys */
        size_t m = 0;
        for (size_t i = 0; i < u->n_rows && i < s->table->n_rows; i++)
            if (u->unit_of_row[i] != SIZE_MAX && nc->codes[i] != ES_DICT_NONE)
                m++;
        uint64_t *key = malloc((m ? m : 1) * sizeof *key);
        if (key == NULL) {
            free(cnt);
            free(tot);
            rc = ES_ENOMEM;
            goto out;
        }
        m = 0;
        for (size_t i = 0; i < u->n_rows && i < s->table->n_rows; i++)
            if (u->unit_of_row[i] != SIZE_MAX && nc->codes[i] != ES_DICT_NONE)
                key[m++] = ((uint64_t)u->unit_of_row[i] << 32) | nc->codes[i];
        qsort(key, m, sizeof *key, es_cmp_u64);
        for (size_t i = 0; i < m;) {
            size_t j = i;
            while (j < m && key[j] == key[i])
                j++;
            size_t k = (size_t)(key[i] >> 32);
            tot[k] += j - i;
            if (j - i > cnt[k])
                cnt[k] = j - i;
            i = j;
        }
        free(key);
        /* ER over the band's median */
        size_t multi = 0, nn = 0;
        for (int band = -1; band < (int)(s->uo->bands ? s->uo->bands->n : 0); band++) {
            size_t k2 = 0;
            for (size_t k = 0; k < u->n; k++)
                if (u->band[k] == band)
                    x[k2++] = u->er[k];
            if (k2 == 0)
                continue;
            double med = es_median(x, k2);
            for (size_t k = 0; k < u->n; k++)
                if (u->band[k] == band && tot[k] > 0 && med > 0) {
                    a[nn] = (double)cnt[k] / (double)tot[k];
                    b[nn] = u->er[k] / med;
                    multi += a[nn] < 1;
                    nn++;
                }
        }
        free(cnt);
        free(tot);
        c.n_a = nn;
        if (nn < o->common.min_n || multi == 0) {
            c.verdict = "not testable";
            snprintf(c.evidence, sizeof c.evidence,
                     multi == 0 ? "every account's posts carry one niche: focus does not vary in these data"
                                : "fewer than %zu accounts with niches",
                     o->common.min_n);
        } else {
            double rho = es_spearman(a, b, nn);
            double z = atanh(rho), se = sqrt(1.06 / (double)(nn - 3));
            double q = gsl_cdf_ugaussian_Qinv((1 - o->common.conf) / 2);
            c.estimate = rho;
            c.lo = tanh(z - q * se);
            c.hi = tanh(z + q * se);
            c.verdict = c.lo > 0 ? "supported" : "not supported";
            snprintf(c.evidence, sizeof c.evidence,
                     "Spearman rho = %.3f [%.3f, %.3f] over %zu accounts (%zu post in more than one niche; "
                     "interval by Fisher's z with the Fieller, Hartley and Pearson 1957 variance)",
                     rho, c.lo, c.hi, nn, multi);
        }
    }
    es_claim_add(t, &c);

    /* 3. a 2M-follower account (the seed's example: about 1,000 likes per post, 0.05%)
     * has far lower relative engagement: micro (5k-50k) over 1M-5M at least twice */
    c = (es_claim_row){.claim = "A 2M-follower account has far lower relative engagement than a micro one",
                       .test = "ratio of median ER, 5k-50k over 1M-5M (BCa); far = the interval above 2"};
    if ((rc = es_claim_ratio(u, u->er, 5e3, 5e4, 1e6, 5e6, &o->common, &c, x, y)) != ES_OK)
        goto out;
    c.verdict = es_ratio_verdict(&c, 2.0);
    es_fmt_ci(ci, sizeof ci, &c);
    if (!isfinite(c.estimate)) {
        snprintf(c.evidence, sizeof c.evidence, "%zu accounts at 5k-50k and %zu at 1M-5M: fewer than %zu in a group",
                 c.n_a, c.n_b, o->common.min_n);
    } else {
        size_t ny = es_range(u, u->er, 1e6, 5e6, y);
        double med = es_median(y, ny);
        snprintf(c.evidence, sizeof c.evidence,
                 "median ER at 5k-50k is %s times that at 1M-5M (%zu vs %zu); a typical 1M-5M account here has ER "
                 "%.3g%% (about %.0f interactions per post at 2M followers; the seed's example, 1,000 likes at 2M, "
                 "is 0.05%%)",
                 ci, c.n_a, c.n_b, 100 * med, med * 2e6);
    }
    es_claim_add(t, &c);

    /* 4. smaller accounts have more conversation: comments per like */
    c = (es_claim_row){.claim = "Smaller accounts have more conversation (comments per like)",
                       .test = "ratio of median comments per like (an account's comments over its likes), 5k-50k "
                               "over 1M and more (BCa)"};
    c.estimate = c.lo = c.hi = NAN;
    if (s->table == NULL || !es_unit_sums(u, s->table, ES_ROLE_COMMENTS, ES_ROLE_LIKES, a, b)) {
        c.verdict = "not testable";
        snprintf(c.evidence, sizeof c.evidence, "the file needs likes and comments columns");
    } else {
        for (size_t k = 0; k < u->n; k++)
            v[k] = b[k] > 0 ? a[k] / b[k] : NAN;
        if ((rc = es_claim_ratio(u, v, 5e3, 5e4, 1e6, INFINITY, &o->common, &c, x, y)) != ES_OK)
            goto out;
        c.verdict = es_ratio_verdict(&c, 1.0);
        es_fmt_ci(ci, sizeof ci, &c);
        if (!isfinite(c.estimate))
            snprintf(c.evidence, sizeof c.evidence,
                     "%zu accounts at 5k-50k and %zu at 1M or more with likes: fewer than %zu in a group", c.n_a,
                     c.n_b, o->common.min_n);
        else
            snprintf(c.evidence, sizeof c.evidence, "median comments per like at 5k-50k is %s times that at 1M and "
                                                    "more (%zu vs %zu)",
                     ci, c.n_a, c.n_b);
    }
    es_claim_add(t, &c);
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
out:
    free(x);
    free(y);
    free(a);
    free(b);
    free(v);
    if (rc != ES_OK)
        return es_err_set(err, rc, "out of memory");
    const char *msg;
    rc = es_results_status(res, &msg);
    return rc == ES_OK ? ES_OK : es_err_set(err, rc, "%s", msg ? msg : "out of memory");
}
