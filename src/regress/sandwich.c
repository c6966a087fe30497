/* sandwich.c — HC0-HC3 and cluster-robust covariances of OLS coefficients.
 *
 * With X = Q R (pivoted, rank r) and z_i = R^-T x_i the i-th row of the thin Q, the
 * sandwich (X'X)^-1 X' Omega X (X'X)^-1 equals R^-1 (sum_i w_i z_i z_i') R^-T, and the
 * leverage is h_ii = |z_i|^2 (Long & Ervin 2000, Am. Stat. 54:217; Zeileis 2004, JSS
 * 11(10), the sandwich package).  Cluster-robust: the meat is sum_g u_g u_g' with
 * u_g = sum_{i in g} e_i z_i, scaled by G/(G-1) (n-1)/(n-k) (Cameron & Miller 2015,
 * J. Human Resources 50:317), as sandwich::vcovCL(type = "HC1"). */
#include "engagestat/sandwich.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engagestat/error.h"

static const char *const es_vcov_names[] = {"classical", "HC0", "HC1", "HC2", "HC3", "CR1"};

const char *es_vcov_name(es_vcov_type t)
{
    return (unsigned)t <= ES_VCOV_CR1 ? es_vcov_names[t] : "?";
}

int es_vcov_from_name(const char *name)
{
    for (int i = 0; i <= ES_VCOV_CR1; i++)
        if (strcasecmp(name, es_vcov_names[i]) == 0)
            return i;
    if (strcasecmp(name, "cluster") == 0)
        return ES_VCOV_CR1;
    if (strcasecmp(name, "const") == 0 || strcasecmp(name, "iid") == 0)
        return ES_VCOV_CLASSICAL;
    return -1;
}

static void es_fill_nan(double *V, size_t p)
{
    for (size_t i = 0; i < p * p; i++)
        V[i] = NAN;
}

int es_ols_vcov_rows(const es_ols *fit, size_t n, es_row_fn rows, void *ctx, const uint32_t *cluster,
                     es_vcov_type type, double *V, es_vcov_info *info)
{
    size_t p = fit->p, r = fit->rank;
    es_vcov_info dummy;
    if (info == NULL)
        info = &dummy;
    memset(info, 0, sizeof *info);
    info->df = fit->df_resid;
    es_fill_nan(V, p);
    if (type == ES_VCOV_CLASSICAL) {
        memcpy(V, fit->cov, p * p * sizeof *V);
        return ES_OK;
    }
    if (type > ES_VCOV_CR1 || r == 0)
        return es_error(ES_EINVAL);
    if (type == ES_VCOV_CR1 && cluster == NULL)
        return es_error(ES_EINVAL);
    size_t G = 0, ncl = 0;
    if (type == ES_VCOV_CR1) {
        for (size_t i = 0; i < n; i++) {
            if (cluster[i] == UINT32_MAX)
                return es_error(ES_EINVAL);
            if ((size_t)cluster[i] + 1 > ncl)
                ncl = (size_t)cluster[i] + 1;
        }
    }
    double *x = malloc(p * sizeof *x);
    long double *z = malloc(r * sizeof *z), *M = calloc(r * r, sizeof *M);
    long double *U = type == ES_VCOV_CR1 ? calloc(ncl * r, sizeof *U) : NULL;
    unsigned char *seen = type == ES_VCOV_CR1 ? calloc(ncl, 1) : NULL;
    int st = ES_OK;
    if (x == NULL || z == NULL || M == NULL || (type == ES_VCOV_CR1 && (U == NULL || seen == NULL))) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double yv;
        st = rows(ctx, i, x, &yv);
        if (st != ES_OK)
            goto done;
        long double e = yv, h = 0;
        for (size_t k = 0; k < r; k++)
            e -= x[fit->pivot[k]] * fit->coef_ld[fit->pivot[k]];
        for (size_t k = 0; k < r; k++) {
            long double s = 0;
            for (size_t j = 0; j <= k; j++)
                s += fit->rinv[j * p + k] * x[fit->pivot[j]];
            z[k] = s;
            h += s * s;
        }
        if ((double)h > info->max_leverage)
            info->max_leverage = (double)h;
        long double w;
        if (1 - h < 1e-10)
            info->n_lev_one++;
        switch (type) {
        case ES_VCOV_HC2: w = e * e / (1 - h); break;
        case ES_VCOV_HC3: w = e * e / ((1 - h) * (1 - h)); break;
        default: w = e * e; break;
        }
        if (type == ES_VCOV_CR1) {
            long double *u = U + (size_t)cluster[i] * r;
            for (size_t k = 0; k < r; k++)
                u[k] += e * z[k];
            if (!seen[cluster[i]]) {
                seen[cluster[i]] = 1;
                G++;
            }
            continue;
        }
        if (info->n_lev_one > 0 && (type == ES_VCOV_HC2 || type == ES_VCOV_HC3))
            continue;
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b <= a; b++)
                M[a * r + b] += w * z[a] * z[b];
    }
    if (info->n_lev_one > 0 && (type == ES_VCOV_HC2 || type == ES_VCOV_HC3)) {
        st = es_error(ES_EDOM);
        goto done;
    }
    long double scale = 1;
    double nn = (double)n, k = (double)r;
    if (type == ES_VCOV_HC1)
        scale = nn / (nn - k);
    if (type == ES_VCOV_CR1) {
        info->n_clusters = G;
        info->df = (double)G - 1;
        if (G < 2) {
            st = es_error(ES_EDOM);
            goto done;
        }
        for (size_t g = 0; g < ncl; g++) {
            const long double *u = U + g * r;
            for (size_t a = 0; a < r; a++)
                for (size_t b = 0; b <= a; b++)
                    M[a * r + b] += u[a] * u[b];
        }
        scale = ((long double)G / (G - 1)) * ((nn - 1) / (nn - k));
    }
    for (size_t a = 0; a < r; a++)
        for (size_t b = a + 1; b < r; b++)
            M[a * r + b] = M[b * r + a];
    /* V = Rinv M Rinv' (Rinv upper triangular, r x r inside a p-stride array). */
    long double *T = calloc(r * r, sizeof *T);
    if (T == NULL) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++) {
            long double s = 0;
            for (size_t c = a; c < r; c++)
                s += fit->rinv[a * p + c] * M[c * r + b];
            T[a * r + b] = s;
        }
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++) {
            long double s = 0;
            for (size_t c = b; c < r; c++)
                s += T[a * r + c] * fit->rinv[b * p + c];
            V[fit->pivot[a] * p + fit->pivot[b]] = (double)(s * scale);
        }
    free(T);
done:
    free(x);
    free(z);
    free(M);
    free(U);
    free(seen);
    return st;
}

typedef struct {
    const double *X, *y;
    size_t p;
} es_vmat;

static int es_vmat_row(void *ctx, size_t i, double *x, double *y)
{
    const es_vmat *m = ctx;
    memcpy(x, m->X + i * m->p, m->p * sizeof *x);
    *y = m->y[i];
    return 0;
}

int es_ols_vcov(const es_ols *fit, const double *X, const double *y, size_t n, const uint32_t *cluster,
                es_vcov_type type, double *V, es_vcov_info *info)
{
    es_vmat m = {X, y, fit->p};
    return es_ols_vcov_rows(fit, n, es_vmat_row, &m, cluster, type, V, info);
}
