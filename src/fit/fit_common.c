/* fit_common.c — helpers shared by the distribution fits (src/fit_*.c): the reset and
 * failure states of an es_fit, standard errors from the observed information, input
 * checks, the iteration limit, and the information criteria (Akaike 1974; Hurvich &
 * Tsai 1989 for AICc; Schwarz 1978) with the EDF statistics that close every fit
 * (Stephens 1986), computed with the CDFs of the family that calls es_fit_finish.  The
 * bottom of the fit module: it calls no other file of it (fit_impl.h). */
#include "engagestat/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_impl.h"
#include "engagestat/quantile.h"

void es_fit_reset(es_fit *fit, es_dist d, int n_par, size_t n)
{
    memset(fit, 0, sizeof *fit);
    fit->dist = d;
    fit->n_par = n_par;
    fit->n = n;
    fit->par[0] = fit->par[1] = fit->se[0] = fit->se[1] = NAN;
    fit->corr = fit->loglik = fit->aic = fit->aicc = fit->bic = NAN;
    fit->ks = fit->cvm = fit->ad = NAN;
}

int es_fit_fail(es_fit *fit, int code)
{
    int it = fit->iterations;
    size_t n = fit->n, z = fit->n_zero_one;
    int dropped = fit->beta_dropped;
    es_fit_reset(fit, fit->dist, fit->n_par, n);
    fit->iterations = it;
    fit->n_zero_one = z;
    fit->beta_dropped = dropped;
    fit->status = code;
    return es_error(code);
}

void es_fit_se_from_info(es_fit *fit, double i11, double i12, double i22)
{
    /* Inverse of the observed information [i11 i12; i12 i22] (Efron & Hinkley 1978). */
    double det = i11 * i22 - i12 * i12;
    if (!(i11 > 0) || !(det > 0) || !isfinite(det)) {
        fit->se[0] = fit->se[1] = fit->corr = NAN;
        return;
    }
    double v11 = i22 / det, v22 = i11 / det, v12 = -i12 / det;
    fit->se[0] = sqrt(v11);
    fit->se[1] = sqrt(v22);
    fit->corr = v12 / sqrt(v11 * v22);
}

int es_fit_check_positive(const double *x, size_t n, int positive)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            return ES_EINVAL;
        if (!isfinite(x[i]) || x[i] < 0 || (positive && x[i] == 0))
            return ES_EDOM;
    }
    return ES_OK;
}

int es_fit_max_iter(const es_fit_opts *opts)
{
    return opts && opts->max_iter > 0 ? opts->max_iter : 200;
}

int es_fit_finish(es_fit *fit, const es_fit_family *fam, const double *xs, size_t n)
{
    double k = fit->n_par, nn = (double)n;
    fit->status = ES_OK;
    fit->aic = 2 * k - 2 * fit->loglik;
    fit->aicc = nn - k - 1 > 0 ? fit->aic + 2 * k * (k + 1) / (nn - k - 1) : NAN;
    fit->bic = k * log(nn) - 2 * fit->loglik;
    int rc = es_fit_edf_stats(fit, fam, xs, n);
    if (rc != ES_OK)
        return es_fit_fail(fit, rc);
    return ES_OK;
}

/* ---------------------------------------------------------------- EDF statistics */

int es_gof_edf_stats(const double *log_cdf, const double *log_sf, size_t n, double *ks, double *cvm,
                     double *ad)
{
    *ks = *cvm = *ad = NAN;
    if (n == 0)
        return es_error(ES_EEMPTY);
    double nn = (double)n, d = 0, w = 1 / (12 * nn), a = 0;
    for (size_t i = 0; i < n; i++) {
        double F = exp(log_cdf[i]);
        double up = (double)(i + 1) / nn - F, lo = F - (double)i / nn;
        if (up > d)
            d = up;
        if (lo > d)
            d = lo;
        double e = F - (2.0 * (double)i + 1) / (2 * nn);
        w += e * e;
        /* Anderson-Darling with log F and log S taken directly, never log(1 - F). */
        a += (2.0 * (double)i + 1) * (log_cdf[i] + log_sf[n - 1 - i]);
    }
    *ks = d;
    *cvm = w;
    *ad = -nn - a / nn;
    return ES_OK;
}

int es_fit_edf_stats(es_fit *fit, const es_fit_family *fam, const double *xs, size_t n)
{
    if (n == 0)
        return ES_OK;
    double *s = malloc(3 * n * sizeof *s);
    if (s == NULL)
        return es_error(ES_ENOMEM);
    double *lc = s + n, *ls = s + 2 * n;
    memcpy(s, xs, n * sizeof *s);
    qsort(s, n, sizeof *s, es_cmp_double);
    for (size_t i = 0; i < n; i++) {
        lc[i] = fam->log_cdf(fit->par[0], fit->par[1], s[i]);
        ls[i] = fam->log_sf(fit->par[0], fit->par[1], s[i]);
    }
    int rc = es_gof_edf_stats(lc, ls, n, &fit->ks, &fit->cvm, &fit->ad);
    free(s);
    return rc == ES_EEMPTY ? ES_OK : rc;
}
