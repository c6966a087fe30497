/* hodges_lehmann.c — order statistics of the n1*n2 pairwise differences x_i - y_j
 * without materialising them, and the Hodges & Lehmann (1963) shift estimate (their
 * median).  With x ascending and y descending the differences form a matrix sorted
 * along rows and columns; selection in such a matrix (Johnson & Mizoguchi 1978,
 * SIAM J. Comput. 7:147; the randomized pivoting of Monahan 1984, ACM TOMS 10:265,
 * Algorithm 616, for the one-sample case) keeps per-row bounds of the candidates,
 * picks a random candidate as pivot, counts the elements below it with a staircase
 * walk in O(n1 + n2), and discards the side that cannot hold the answer.  Expected
 * O((n1 + n2) log(n1 n2)) time, O(n1 + n2) memory. */
#include "engagestat/compare.h"
#include "engagestat/error.h"
#include "engagestat/quantile.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deterministic generator for the pivots (splitmix64, Steele et al. 2014): the
 * result never depends on it, only the running time does. */
static uint64_t es_sm64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Element (i, j) of the matrix: xs[i] - ys[n2 - 1 - j], ascending in i and in j. */
#define ES_M(i, j) (xs[(i)] - ys[n2 - 1 - (j)])

int es_diff_select_sorted(const double *xs, size_t n1, const double *ys, size_t n2,
                          unsigned long long k, double *out)
{
    if (n1 == 0 || n2 == 0 || k < 1 || k > (unsigned long long)n1 * n2)
        return es_error(ES_EINVAL);
    size_t *lo = malloc(n1 * sizeof *lo), *hi = malloc(n1 * sizeof *hi);
    size_t *clt = malloc(n1 * sizeof *clt), *cle = malloc(n1 * sizeof *cle);
    double *buf = NULL;
    int rc = ES_OK;
    if (lo == NULL || hi == NULL || clt == NULL || cle == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < n1; i++) {
        lo[i] = 0;
        hi[i] = n2;
    }
    uint64_t seed = 0x5eed5eedULL ^ ((uint64_t)n1 << 32) ^ n2;
    unsigned long long below = 0; /* elements left of lo[] (all smaller than the answer) */
    size_t small = 4 * (n1 + n2) > 4096 ? 4 * (n1 + n2) : 4096;
    for (;;) {
        unsigned long long cand = 0;
        for (size_t i = 0; i < n1; i++)
            cand += hi[i] - lo[i];
        if (cand <= small) {
            /* Few candidates left: gather them and sort. */
            buf = malloc((size_t)(cand ? cand : 1) * sizeof *buf);
            if (buf == NULL) {
                rc = es_error(ES_ENOMEM);
                goto done;
            }
            size_t m = 0;
            for (size_t i = 0; i < n1; i++)
                for (size_t j = lo[i]; j < hi[i]; j++)
                    buf[m++] = ES_M(i, j);
            qsort(buf, m, sizeof *buf, es_cmp_double);
            *out = buf[k - below - 1];
            goto done;
        }
        /* A uniformly random candidate as the pivot. */
        unsigned long long r = es_sm64(&seed) % cand;
        double pivot = NAN;
        for (size_t i = 0; i < n1; i++) {
            size_t w = hi[i] - lo[i];
            if (r < w) {
                pivot = ES_M(i, lo[i] + (size_t)r);
                break;
            }
            r -= w;
        }
        /* Staircase counts per row of elements < pivot and <= pivot; the boundaries
         * move left as i grows because the rows increase. */
        unsigned long long nlt = 0, nle = 0;
        size_t jl = n2, je = n2;
        for (size_t i = 0; i < n1; i++) {
            while (jl > 0 && !(ES_M(i, jl - 1) < pivot))
                jl--;
            while (je > 0 && !(ES_M(i, je - 1) <= pivot))
                je--;
            clt[i] = jl;
            cle[i] = je;
            nlt += jl;
            nle += je;
        }
        if (k <= nlt) {
            for (size_t i = 0; i < n1; i++)
                if (clt[i] < hi[i])
                    hi[i] = clt[i] > lo[i] ? clt[i] : lo[i];
        } else if (k <= nle) {
            *out = pivot;
            goto done;
        } else {
            below = 0;
            for (size_t i = 0; i < n1; i++) {
                if (cle[i] > lo[i])
                    lo[i] = cle[i] < hi[i] ? cle[i] : hi[i];
                below += lo[i];
            }
        }
    }
done:
    free(lo);
    free(hi);
    free(clt);
    free(cle);
    free(buf);
    return rc;
}

/* Finite values of x, sorted, into a new array. */
static int es_finite_sorted(const double *x, size_t n, double **out, size_t *m)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return es_error(ES_ENOMEM);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]))
            s[k++] = x[i];
    qsort(s, k, sizeof *s, es_cmp_double);
    *out = s;
    *m = k;
    return ES_OK;
}

int es_hodges_lehmann(const double *x, size_t n1, const double *y, size_t n2, double *out)
{
    double *xs = NULL, *ys = NULL;
    size_t m1, m2;
    int rc = es_finite_sorted(x, n1, &xs, &m1);
    if (rc == ES_OK)
        rc = es_finite_sorted(y, n2, &ys, &m2);
    if (rc == ES_OK && (m1 == 0 || m2 == 0))
        rc = es_error(ES_EEMPTY);
    *out = NAN;
    if (rc == ES_OK) {
        unsigned long long N = (unsigned long long)m1 * m2;
        double a, b;
        rc = es_diff_select_sorted(xs, m1, ys, m2, (N + 1) / 2, &a);
        if (rc == ES_OK && N % 2 == 0)
            rc = es_diff_select_sorted(xs, m1, ys, m2, N / 2 + 1, &b);
        else
            b = a;
        if (rc == ES_OK)
            *out = (N % 2) ? a : (double)(((long double)a + b) / 2);
    }
    free(xs);
    free(ys);
    return rc;
}
