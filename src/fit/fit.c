/* fit.c — the distribution-fit module's front: names, dispatch, and the densities and
 * CDFs of fitted distributions, all through the family table (each family is in its
 * fit_X.c; fit_impl.h says how the files are layered). */
#include "engagestat/fit.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include "fit_impl.h"

static const es_fit_family *const es_fit_families[ES_DIST_COUNT] = {
    &es_fit_family_lognormal, &es_fit_family_gamma, &es_fit_family_weibull, &es_fit_family_beta,
    &es_fit_family_exponential};

const es_fit_family *es_fit_family_of(es_dist d)
{
    return (unsigned)d < ES_DIST_COUNT ? es_fit_families[d] : NULL;
}

const char *es_dist_name(es_dist d)
{
    return (unsigned)d < ES_DIST_COUNT ? es_fit_families[d]->name : "unknown";
}

int es_dist_from_name(const char *name)
{
    static const struct {
        const char *s;
        es_dist d;
    } alias[] = {{"lognormal", ES_DIST_LNORM}, {"lnorm", ES_DIST_LNORM},   {"gamma", ES_DIST_GAMMA},
                 {"weibull", ES_DIST_WEIBULL}, {"beta", ES_DIST_BETA},     {"exponential", ES_DIST_EXP},
                 {"exp", ES_DIST_EXP}};
    if (name == NULL)
        return -1;
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (strcasecmp(name, alias[i].s) == 0)
            return (int)alias[i].d;
    return -1;
}

const char *es_dist_par_name(es_dist d, int j)
{
    if ((unsigned)d >= ES_DIST_COUNT || j < 0 || j > 1)
        return NULL;
    return es_fit_families[d]->par[j];
}

int es_fit_dist(es_fit *fit, es_dist d, const double *x, size_t n, const es_fit_opts *opts)
{
    const es_fit_family *fam = es_fit_family_of(d);
    if (fam == NULL) {
        es_fit_reset(fit, d, 0, n);
        fit->status = ES_EINVAL;
        return es_error(ES_EINVAL);
    }
    return fam->fit(fit, x, n, opts);
}

/* ------------------------------------------------------------ densities and CDFs */

/* The family of a usable fit at a non-NaN x; NULL otherwise (the caller returns NaN). */
static const es_fit_family *es_fit_usable(const es_fit *fit, double x)
{
    if (fit->status != ES_OK || isnan(fit->par[0]) || isnan(x))
        return NULL;
    return es_fit_family_of(fit->dist);
}

double es_fit_logpdf(const es_fit *fit, double x)
{
    const es_fit_family *fam = es_fit_usable(fit, x);
    return fam ? fam->logpdf(fit->par[0], fit->par[1], x) : NAN;
}

double es_fit_pdf(const es_fit *fit, double x)
{
    return exp(es_fit_logpdf(fit, x));
}

double es_fit_log_cdf(const es_fit *fit, double x)
{
    const es_fit_family *fam = es_fit_usable(fit, x);
    return fam ? fam->log_cdf(fit->par[0], fit->par[1], x) : NAN;
}

double es_fit_log_sf(const es_fit *fit, double x)
{
    const es_fit_family *fam = es_fit_usable(fit, x);
    return fam ? fam->log_sf(fit->par[0], fit->par[1], x) : NAN;
}

double es_fit_cdf(const es_fit *fit, double x)
{
    return exp(es_fit_log_cdf(fit, x));
}
