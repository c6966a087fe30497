/* kruskal.c — the Kruskal & Wallis (1952) rank test across k groups, as R's
 * kruskal.test computes it, with the epsilon-squared effect size (Tomczak & Tomczak
 * 2014), and Dunn's (1964) pairwise z tests on the pooled midranks.
 *   H = [12/(N(N+1)) sum R_i^2/n_i - 3(N+1)] / C,  C = 1 - sum(t^3 - t)/(N^3 - N),
 * referred to chi-squared with k - 1 df (upper tail from gsl_cdf_chisq_Q). */
#include "engagestat/compare.h"
#include "engagestat/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

typedef struct es_gv {
    double v;
    size_t g;
} es_gv;

static int es_gv_cmp(const void *a, const void *b)
{
    const es_gv *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

/* Pooled midranks: per-group rank sums and counts, and the tie sum.  Caller frees
 * *rsum and *cnt. */
static int es_pooled_ranks(const double *const *groups, const size_t *ns, size_t k, double **rsum,
                           size_t **cnt, size_t *n_out, double *tiesum)
{
    size_t N = 0;
    for (size_t g = 0; g < k; g++)
        for (size_t i = 0; i < ns[g]; i++)
            N += !isnan(groups[g][i]);
    es_gv *a = malloc((N ? N : 1) * sizeof *a);
    *rsum = calloc(k ? k : 1, sizeof **rsum);
    *cnt = calloc(k ? k : 1, sizeof **cnt);
    if (a == NULL || *rsum == NULL || *cnt == NULL) {
        free(a);
        free(*rsum);
        free(*cnt);
        *rsum = NULL;
        *cnt = NULL;
        return es_error(ES_ENOMEM);
    }
    size_t m = 0;
    for (size_t g = 0; g < k; g++)
        for (size_t i = 0; i < ns[g]; i++)
            if (!isnan(groups[g][i])) {
                a[m].v = groups[g][i];
                a[m].g = g;
                m++;
                (*cnt)[g]++;
            }
    qsort(a, N, sizeof *a, es_gv_cmp);
    double ts = 0;
    for (size_t i = 0; i < N;) {
        size_t j = i;
        while (j < N && a[j].v == a[i].v)
            j++;
        double t = (double)(j - i), mid = ((double)i + 1 + (double)j) / 2;
        for (size_t q = i; q < j; q++)
            (*rsum)[a[q].g] += mid;
        ts += t * t * t - t;
        i = j;
    }
    free(a);
    *n_out = N;
    *tiesum = ts;
    return ES_OK;
}

int es_kw_test(const double *const *groups, const size_t *ns, size_t k, es_kw_result *r)
{
    memset(r, 0, sizeof *r);
    r->h = r->df = r->p_value = r->log_p_value = r->epsilon2 = r->tie_correction = NAN;
    double *rsum;
    size_t *cnt, N;
    double ts;
    int rc = es_pooled_ranks(groups, ns, k, &rsum, &cnt, &N, &ts);
    if (rc != ES_OK)
        return rc;
    size_t kk = 0;
    double s = 0;
    for (size_t g = 0; g < k; g++)
        if (cnt[g] > 0) {
            kk++;
            s += rsum[g] * rsum[g] / (double)cnt[g];
        }
    free(rsum);
    free(cnt);
    r->n = N;
    r->k = kk;
    if (kk < 2 || N < 2)
        return es_error(ES_EDOM);
    double n = (double)N;
    r->tie_correction = 1 - ts / (n * n * n - n);
    /* All values tied: 0/0, NaN as in R. */
    r->h = (12 * s / (n * (n + 1)) - 3 * (n + 1)) / r->tie_correction;
    r->df = (double)(kk - 1);
    if (!isnan(r->h)) {
        r->p_value = gsl_cdf_chisq_Q(r->h, r->df);
        r->log_p_value = es_log_chisq_Q(r->h, r->df);
        r->epsilon2 = r->h / (n - 1);
    }
    return ES_OK;
}

int es_dunn_test(const double *const *groups, const size_t *ns, size_t k, es_adjust_method m,
                 es_dunn_pair *out)
{
    double *rsum;
    size_t *cnt, N;
    double ts;
    int rc = es_pooled_ranks(groups, ns, k, &rsum, &cnt, &N, &ts);
    if (rc != ES_OK)
        return rc;
    size_t np = k * (k - 1) / 2;
    double *p = malloc((np ? np : 1) * sizeof *p);
    if (p == NULL) {
        free(rsum);
        free(cnt);
        return es_error(ES_ENOMEM);
    }
    double n = (double)N;
    /* Variance of a mean rank under H0 with ties (Dunn 1964, eq. 2). */
    double s2 = n * (n + 1) / 12 - ts / (12 * (n - 1));
    size_t q = 0;
    for (size_t a = 0; a < k; a++)
        for (size_t b = a + 1; b < k; b++, q++) {
            es_dunn_pair *d = &out[q];
            d->a = a;
            d->b = b;
            d->mean_rank_diff = d->z = d->p_value = d->p_adjusted = NAN;
            p[q] = NAN;
            if (cnt[a] == 0 || cnt[b] == 0 || N < 2)
                continue;
            d->mean_rank_diff = rsum[a] / (double)cnt[a] - rsum[b] / (double)cnt[b];
            double se = sqrt(s2 * (1.0 / (double)cnt[a] + 1.0 / (double)cnt[b]));
            if (!(se > 0))
                continue;
            d->z = d->mean_rank_diff / se;
            d->p_value = fmin(1.0, 2 * gsl_cdf_ugaussian_Q(fabs(d->z)));
            p[q] = d->p_value;
        }
    free(rsum);
    free(cnt);
    if (N < 2) {
        free(p);
        return es_error(ES_EDOM);
    }
    rc = es_p_adjust(p, np, m, 0, p);
    if (rc == ES_OK)
        for (q = 0; q < np; q++)
            out[q].p_adjusted = p[q];
    free(p);
    return rc;
}
