/* padjust.c — adjusted p-values for multiple comparisons, as R's p.adjust: Holm
 * (1979) step-down, Hochberg (1988) step-up, Bonferroni, Benjamini & Hochberg (1995)
 * and Benjamini & Yekutieli (2001).  NaN entries are left out of the family and stay
 * NaN, and n is the number of non-NaN values (as R, which drops NA). */
#include "engagestat/compare.h"
#include "engagestat/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const es_adjust_names[] = {"holm", "hochberg", "bonferroni", "BH", "BY", "none"};

int es_adjust_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < 6; i++)
        if (strcmp(name, es_adjust_names[i]) == 0)
            return i;
    if (strcmp(name, "fdr") == 0 || strcmp(name, "bh") == 0)
        return ES_ADJ_BH;
    if (strcmp(name, "by") == 0)
        return ES_ADJ_BY;
    return -1;
}

const char *es_adjust_name(es_adjust_method m)
{
    return (unsigned)m < 6 ? es_adjust_names[m] : "?";
}

typedef struct es_pidx {
    double p;
    size_t i;
} es_pidx;

/* Ascending p, ties by original position (R's order() is stable). */
static int es_pidx_cmp(const void *a, const void *b)
{
    const es_pidx *x = a, *y = b;
    if (x->p < y->p)
        return -1;
    if (x->p > y->p)
        return 1;
    return (x->i > y->i) - (x->i < y->i);
}

int es_p_adjust(const double *p, size_t len, es_adjust_method m, size_t n_override, double *out)
{
    if ((unsigned)m > ES_ADJ_NONE)
        return es_error(ES_EINVAL);
    size_t lp = 0;
    for (size_t i = 0; i < len; i++) {
        if (isnan(p[i]))
            continue;
        if (!(p[i] >= 0 && p[i] <= 1))
            return es_error(ES_EINVAL);
        lp++;
    }
    size_t n = n_override ? n_override : lp;
    if (n < lp)
        return es_error(ES_EINVAL);
    es_pidx *s = malloc((lp ? lp : 1) * sizeof *s);
    if (s == NULL)
        return es_error(ES_ENOMEM);
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (!isnan(p[i]))
            s[k++] = (es_pidx){p[i], i};
    if (out != p)
        memcpy(out, p, len * sizeof *out);
    /* R returns the input unchanged when n <= 1 (and for "none"). */
    if (n <= 1 || m == ES_ADJ_NONE) {
        free(s);
        return ES_OK;
    }
    double dn = (double)n;
    if (m == ES_ADJ_BONFERRONI) {
        for (size_t j = 0; j < lp; j++)
            out[s[j].i] = fmin(1.0, dn * s[j].p);
        free(s);
        return ES_OK;
    }
    qsort(s, lp, sizeof *s, es_pidx_cmp);
    if (m == ES_ADJ_HOLM) {
        /* pmin(1, cummax((n - i + 1) * p[o])), i = 1..lp over ascending p. */
        double run = -INFINITY;
        for (size_t j = 0; j < lp; j++) {
            double v = (dn - (double)j) * s[j].p;
            if (v > run)
                run = v;
            out[s[j].i] = fmin(1.0, run);
        }
    } else {
        /* Step-up over descending p: i = lp..1, cummin of factor(i) * p[o]. */
        double q = 1.0;
        if (m == ES_ADJ_BY) {
            q = 0.0;
            for (size_t i = 1; i <= n; i++)
                q += 1.0 / (double)i;
        }
        double run = INFINITY;
        for (size_t jj = lp; jj-- > 0;) {
            double i = (double)(jj + 1), v;
            if (m == ES_ADJ_HOCHBERG)
                v = (dn + 1.0 - i) * s[jj].p;
            else if (m == ES_ADJ_BH)
                v = dn / i * s[jj].p;
            else
                v = q * dn / i * s[jj].p;
            if (v < run)
                run = v;
            out[s[jj].i] = fmin(1.0, run);
        }
    }
    free(s);
    return ES_OK;
}
