/* calibrate.c — estimating the simulation model's parameters from a real post-level
 * dataset.  The estimators are listed (with their references) in docs/simulate-params.md,
 * section "Calibration"; the comments below follow the same order. */
#include "engagestat/simulate.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_psi.h>

#include "engagestat/bands.h"
#include "engagestat/bootstrap.h"
#include "engagestat/quantile.h"
#include "sim_internal.h"

/* Share of accounts in the Pareto tail: the tail starts at this quantile of followers. */
#define ES_CAL_TAIL_QUANTILE 0.9

typedef struct {
    double key;          /* account key (code or number) */
    size_t row;
} es_rowkey;

typedef struct {
    double followers;
    size_t n;            /* posts */
    double sum_l, sum_c, ss_l, ss_c;
    size_t n_spons;
    double t_spons;      /* interactions of sponsored posts */
    uint32_t niche, platform;
    double med_er;       /* observed account ER: median over posts of (likes + comments) / F */
} es_cal_acc;

static int es_cmp_rowkey(const void *a, const void *b)
{
    const es_rowkey *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static double es_cell_key(const es_column *c, size_t i)
{
    if (c->type == ES_COL_NUMERIC)
        return c->num[i];
    return c->codes[i] == ES_DICT_NONE ? NAN : (double)c->codes[i];
}

static uint32_t es_cell_code(const es_column *c, size_t i)
{
    if (c == NULL || c->type == ES_COL_NUMERIC)
        return ES_DICT_NONE;
    return c->codes[i];
}

/* ---- truncated lognormal body: MLE by Nelder-Mead on (mu, log sigma) ---- */

typedef struct {
    const double *y;     /* log followers in the body */
    size_t n;
    double a, b;         /* log truncation points */
} es_tn_data;

/* Negative log-likelihood of a normal truncated to [a, b) (constants dropped). */
static double es_tn_nll(const gsl_vector *v, void *vd)
{
    const es_tn_data *d = vd;
    double mu = gsl_vector_get(v, 0), ls = gsl_vector_get(v, 1);
    if (!(fabs(ls) < 20))
        return GSL_POSINF;
    double s = exp(ls), za = (d->a - mu) / s, zb = (d->b - mu) / s;
    double mass = za > 0 ? gsl_cdf_ugaussian_Q(za) - gsl_cdf_ugaussian_Q(zb)
                         : gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za);
    if (!(mass > 0))
        return GSL_POSINF;
    double ss = 0;
    for (size_t i = 0; i < d->n; i++) {
        double z = (d->y[i] - mu) / s;
        ss += z * z;
    }
    return (double)d->n * (ls + log(mass)) + 0.5 * ss;
}

/* Gradient of es_tn_nll in (mu, log sigma): with z_i = (y_i - mu)/s, za, zb the
 * standardised truncation points and M = Phi(zb) - Phi(za),
 *   d/dmu      = -sum z_i / s - n (phi(zb) - phi(za)) / (s M)
 *   d/dlog s   = n - sum z_i^2 - n (zb phi(zb) - za phi(za)) / M. */
static void es_tn_grad(const es_tn_data *d, double mu, double ls, double g[2])
{
    double s = exp(ls), za = (d->a - mu) / s, zb = (d->b - mu) / s, n = (double)d->n;
    double mass = za > 0 ? gsl_cdf_ugaussian_Q(za) - gsl_cdf_ugaussian_Q(zb)
                         : gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za);
    double pa = gsl_ran_ugaussian_pdf(za), pb = gsl_ran_ugaussian_pdf(zb), s1 = 0, s2 = 0;
    for (size_t i = 0; i < d->n; i++) {
        double z = (d->y[i] - mu) / s;
        s1 += z;
        s2 += z * z;
    }
    g[0] = -s1 / s - n * (pb - pa) / (s * mass);
    g[1] = n - s2 - n * (zb * pb - za * pa) / mass;
}

static int es_fit_truncated_lognormal(const double *y, size_t n, double a, double b, double *mu, double *sd)
{
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++)
        m += y[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        v += (y[i] - m) * (y[i] - m);
    v /= (double)n;
    if (!(v > 0))
        return es_error(ES_EDOM);
    es_tn_data d = {y, n, a, b};
    gsl_multimin_function f = {es_tn_nll, 2, &d};
    gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    int rc = ES_OK;
    if (x == NULL || step == NULL || s == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    /* Start from the untruncated MLE (mean and n-denominator sd of log x). */
    gsl_vector_set(x, 0, m);
    gsl_vector_set(x, 1, 0.5 * log(v));
    gsl_vector_set_all(step, 0.2);
    if (gsl_multimin_fminimizer_set(s, &f, x, step) != GSL_SUCCESS) {
        rc = es_error(ES_EGSL);
        goto done;
    }
    int status = GSL_CONTINUE;
    for (int it = 0; it < 5000 && status == GSL_CONTINUE; it++) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            break;
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-9);
    }
    if (status != GSL_SUCCESS) {
        rc = es_error(ES_ENOCONV);
        goto done;
    }
    /* Nelder-Mead stops where the objective is flat to rounding (parameters to about
     * 1e-8); a few Newton steps on the analytic gradient, with the Hessian by central
     * differences of the gradient, take it to where the gradient vanishes. */
    double th[2] = {gsl_vector_get(s->x, 0), gsl_vector_get(s->x, 1)};
    for (int it = 0; it < 4; it++) {
        double g[2], gp[2], gm[2], h[2][2], step_h = 1e-6;
        es_tn_grad(&d, th[0], th[1], g);
        for (int j = 0; j < 2; j++) {
            double tp[2] = {th[0], th[1]}, tm[2] = {th[0], th[1]};
            tp[j] += step_h;
            tm[j] -= step_h;
            es_tn_grad(&d, tp[0], tp[1], gp);
            es_tn_grad(&d, tm[0], tm[1], gm);
            h[0][j] = (gp[0] - gm[0]) / (2 * step_h);
            h[1][j] = (gp[1] - gm[1]) / (2 * step_h);
        }
        double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        if (!(det > 0) || !(h[0][0] > 0))
            break; /* not a minimum's neighbourhood: keep the Nelder-Mead answer */
        double d0 = (h[1][1] * g[0] - h[0][1] * g[1]) / det, d1 = (-h[1][0] * g[0] + h[0][0] * g[1]) / det;
        if (!(fabs(d0) < 1e-3 && fabs(d1) < 1e-3))
            break;
        th[0] -= d0;
        th[1] -= d1;
    }
    *mu = th[0];
    *sd = exp(th[1]);
done:
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return rc;
}

/* ---- groups (niches, platforms) ---- */

typedef struct {
    uint32_t code;
    size_t count;
    const char *name;
} es_cal_group;

static int es_cmp_group(const void *a, const void *b)
{
    const es_cal_group *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The groups present among the accounts, most common first; *map (size of the
 * dictionary) receives each code's position or SIZE_MAX. */
static int es_cal_groups(const es_column *c, const es_cal_acc *acc, size_t n_acc, int niche,
                         es_cal_group **out, size_t *n_out, size_t **map)
{
    size_t nd = es_dict_size(c->dict);
    size_t *cnt = calloc(nd ? nd : 1, sizeof *cnt);
    *map = malloc((nd ? nd : 1) * sizeof **map);
    *out = malloc((nd ? nd : 1) * sizeof **out);
    if (cnt == NULL || *map == NULL || *out == NULL) {
        free(cnt);
        return es_error(ES_ENOMEM);
    }
    for (size_t i = 0; i < n_acc; i++) {
        uint32_t code = niche ? acc[i].niche : acc[i].platform;
        if (code != ES_DICT_NONE)
            cnt[code]++;
    }
    *n_out = 0;
    for (size_t k = 0; k < nd; k++)
        if (cnt[k] > 0)
            (*out)[(*n_out)++] = (es_cal_group){(uint32_t)k, cnt[k], es_dict_str(c->dict, (uint32_t)k)};
    qsort(*out, *n_out, sizeof **out, es_cmp_group);
    for (size_t k = 0; k < nd; k++)
        (*map)[k] = SIZE_MAX;
    for (size_t g = 0; g < *n_out; g++)
        (*map)[(*out)[g].code] = g;
    free(cnt);
    return ES_OK;
}

/* A parameter-file-safe copy of a category name: characters other than letters,
 * digits, '_' and '-' become '_'; an empty name becomes "unnamed". */
static char *es_safe_name(const char *s)
{
    if (s == NULL || *s == '\0')
        return es_strdup("unnamed");
    char *r = es_strdup(s);
    if (r == NULL)
        return NULL;
    for (char *q = r; *q; q++)
        if (!(isalnum((unsigned char)*q) || *q == '_' || *q == '-'))
            *q = '_';
    return r;
}

static int es_set_groups(es_sim_group **list, size_t *n, const es_cal_group *g, size_t ng, size_t total,
                         const double *effects)
{
    es_sim_group *nl = calloc(ng ? ng : 1, sizeof *nl);
    if (nl == NULL)
        return es_error(ES_ENOMEM);
    for (size_t i = 0; i < ng; i++) {
        char *name = es_safe_name(g[i].name);
        if (name == NULL)
            goto fail;
        /* keep names unique after the replacement */
        for (size_t j = 0; j < i; j++)
            if (strcmp(nl[j].name, name) == 0) {
                es_buf b = {0};
                es_buf_printf(&b, "%s_%zu", name, i + 1);
                free(name);
                name = es_buf_take(&b);
                if (name == NULL)
                    goto fail;
                break;
            }
        nl[i].name = name;
        nl[i].share = (double)g[i].count / (double)total;
        nl[i].effect = effects[i];
    }
    for (size_t i = 0; i < *n; i++)
        free((*list)[i].name);
    free(*list);
    *list = nl;
    *n = ng;
    return ES_OK;
fail:
    for (size_t i = 0; i < ng; i++)
        free(nl[i].name);
    free(nl);
    return es_error(ES_ENOMEM);
}

/* ---- the OLS of log account ER ---- */

typedef struct {
    size_t n, p;
    gsl_matrix *X;
    gsl_vector *y, *coef, *fitted;
    gsl_matrix *cov;
    double rss;
} es_cal_ols;

static int es_cal_ols_fit(es_cal_ols *o)
{
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(o->n, o->p);
    if (w == NULL)
        return es_error(ES_ENOMEM);
    int st = gsl_multifit_linear(o->X, o->y, o->coef, o->cov, &o->rss, w);
    gsl_multifit_linear_free(w);
    if (st != GSL_SUCCESS)
        return es_error(ES_EGSL);
    gsl_blas_dgemv(CblasNoTrans, 1.0, o->X, o->coef, 0.0, o->fitted);
    return ES_OK;
}

/* Least absolute deviations (median regression; Koenker & Bassett 1978) of y on o->X
 * by iteratively reweighted least squares with weights 1 / max(|r_i|, 1e-9)
 * (Schlossmacher 1973), started from coef (the OLS), until the sum of absolute
 * residuals stops falling (relative 1e-13) or 500 steps. */
static int es_cal_lad_fit(const es_cal_ols *o, const gsl_vector *y, gsl_vector *coef)
{
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(o->n, o->p);
    gsl_vector *wt = gsl_vector_alloc(o->n), *c = gsl_vector_alloc(o->p), *f = gsl_vector_alloc(o->n);
    gsl_matrix *cov = gsl_matrix_alloc(o->p, o->p);
    int rc = ES_OK;
    if (w == NULL || wt == NULL || c == NULL || f == NULL || cov == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    double best = INFINITY;
    for (int it = 0; it < 500; it++) {
        gsl_blas_dgemv(CblasNoTrans, 1.0, o->X, coef, 0.0, f);
        double sad = 0;
        for (size_t i = 0; i < o->n; i++) {
            double r = fabs(gsl_vector_get(y, i) - gsl_vector_get(f, i));
            sad += r;
            gsl_vector_set(wt, i, 1 / fmax(r, 1e-9));
        }
        if (!(sad < best * (1 - 1e-13)))
            break;
        best = sad;
        double chisq;
        if (gsl_multifit_wlinear(o->X, wt, y, c, cov, &chisq, w) != GSL_SUCCESS) {
            rc = es_error(ES_EGSL);
            goto done;
        }
        gsl_vector_memcpy(coef, c);
    }
done:
    gsl_multifit_linear_free(w);
    gsl_vector_free(wt);
    gsl_vector_free(c);
    gsl_vector_free(f);
    gsl_matrix_free(cov);
    return rc;
}

/* log of an observed account ER, with 0 read as half an interaction (an order-
 * preserving floor, so medians are unaffected; Koenker 2005, sec. 2.2.3). */
static double es_cal_logobs(double er, double followers)
{
    return log(fmax(er, 0.5 / followers));
}

/* The simulated method of moments for the trend (McFadden 1989): the model's band
 * medians of the observed account ER (median over posts of (likes + comments) /
 * followers, as describe computes it), from ES_CAL_SMM_ACCOUNTS accounts simulated
 * with gsl_rng_mt19937 seed 1 at every evaluation (common random numbers), against
 * the data's; the objective is the sum over the default bands (with 10 or more data
 * accounts and a positive median) of the squared log ratio weighted by the band's
 * share of the data's accounts (the inverse of the variance of a log median, up to a
 * constant). */
#define ES_CAL_SMM_ACCOUNTS 100000
typedef struct {
    es_sim_params *q;        /* the calibrated model, drawing only the data's platforms */
    es_bands bands;
    double data_med[ES_SIM_NBANDS];
    double w[ES_SIM_NBANDS]; /* data accounts in the band / all (0: band not used) */
    int use[ES_SIM_NBANDS];
    double *val;             /* scratch: ES_CAL_SMM_ACCOUNTS */
    double *scr;             /* scratch: posts_max */
    int rc;
} es_cal_smm;

static double es_cal_smm_obj(const gsl_vector *v, void *vd)
{
    es_cal_smm *d = vd;
    d->q->er_base = exp(gsl_vector_get(v, 0));
    d->q->beta = gsl_vector_get(v, 1);
    d->q->beta2 = gsl_vector_get(v, 2);
    if (!(fabs(d->q->beta) <= 2 && fabs(d->q->beta2) <= 2))
        return GSL_POSINF;
    es_sim_data sd;
    if (es_sim_generate(d->q, ES_CAL_SMM_ACCOUNTS, 1, &sd, NULL) != ES_OK) {
        d->rc = ES_ENOMEM;
        return GSL_NAN;
    }
    double obj = 0;
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        if (!d->use[b])
            continue;
        size_t m = 0;
        for (size_t k = 0; k < sd.n_accounts; k++) {
            const es_sim_account *a = &sd.accounts[k];
            if (es_bands_classify(&d->bands, a->followers) != b)
                continue;
            for (size_t j = 0; j < a->n_posts; j++)
                d->scr[j] = (sd.posts[a->first_post + j].likes + sd.posts[a->first_post + j].comments) / a->followers;
            d->val[m++] = es_median(d->scr, a->n_posts);
        }
        double l = m ? log(es_median(d->val, m) / d->data_med[b]) : 10;
        obj += d->w[b] * l * l;
    }
    es_sim_data_free(&sd);
    return obj;
}

/* Step 8 of es_sim_calibrate: er_base, beta and beta2 (the knot fixed) by Nelder-Mead
 * on es_cal_smm_obj, started from p.  Without a platform column the model draws only
 * the first platform, the one the data are taken to be. */
static int es_cal_smm_fit(es_sim_params *p, const es_cal_acc *acc, size_t na, int have_platform, double *rms)
{
    es_cal_smm d = {0};
    es_sim_params q;
    if (es_sim_params_copy(&q, p) != ES_OK)
        return es_error(ES_ENOMEM);
    d.q = &q;
    q.oversample_factor = 1;
    if (!have_platform)
        for (size_t i = 1; i < q.n_platforms; i++)
            q.platforms[i].share = 0;
    gsl_vector *x = gsl_vector_alloc(3), *st = gsl_vector_alloc(3);
    gsl_multimin_fminimizer *nm = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 3);
    d.val = malloc((na > ES_CAL_SMM_ACCOUNTS ? na : ES_CAL_SMM_ACCOUNTS) * sizeof *d.val);
    d.scr = malloc((size_t)q.posts_max * sizeof *d.scr);
    int rc = x == NULL || st == NULL || nm == NULL || d.val == NULL || d.scr == NULL
                 ? es_error(ES_ENOMEM)
                 : es_bands_parse(&d.bands, ES_BANDS_DEFAULT, NULL, NULL);
    if (rc != ES_OK)
        goto done;
    for (int b = 0; b < ES_SIM_NBANDS; b++) {
        size_t m = 0;
        for (size_t k = 0; k < na; k++)
            if (es_bands_classify(&d.bands, acc[k].followers) == b)
                d.val[m++] = acc[k].med_er;
        d.data_med[b] = m ? es_median(d.val, m) : NAN;
        d.use[b] = m >= 10 && d.data_med[b] > 0;
        d.w[b] = d.use[b] ? (double)m / (double)na : 0;
    }
    gsl_vector_set(x, 0, log(p->er_base));
    gsl_vector_set(x, 1, p->beta);
    gsl_vector_set(x, 2, p->beta2);
    gsl_vector_set(st, 0, 0.05);
    gsl_vector_set(st, 1, 0.02);
    gsl_vector_set(st, 2, 0.05);
    gsl_multimin_function fn = {es_cal_smm_obj, 3, &d};
    if (gsl_multimin_fminimizer_set(nm, &fn, x, st) != GSL_SUCCESS) {
        rc = d.rc != ES_OK ? d.rc : es_error(ES_EGSL);
        goto done;
    }
    for (int it = 0; it < 300 && d.rc == ES_OK; it++) {
        if (gsl_multimin_fminimizer_iterate(nm) != GSL_SUCCESS)
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(nm), 1e-4) == GSL_SUCCESS)
            break;
    }
    if ((rc = d.rc) != ES_OK)
        goto done;
    p->er_base = exp(gsl_vector_get(nm->x, 0));
    p->beta = gsl_vector_get(nm->x, 1);
    p->beta2 = gsl_vector_get(nm->x, 2);
    *rms = sqrt(nm->fval); /* the weights sum to at most 1 */
done:
    es_bands_free(&d.bands);
    gsl_vector_free(x);
    gsl_vector_free(st);
    gsl_multimin_fminimizer_free(nm);
    free(d.val);
    free(d.scr);
    es_sim_params_free(&q);
    return rc;
}

int es_sim_calibrate(es_sim_params *p, const es_table *t, es_err *err)
{
    const es_column *cf = es_table_role(t, ES_ROLE_FOLLOWERS), *cl = es_table_role(t, ES_ROLE_LIKES);
    const es_column *cc = es_table_role(t, ES_ROLE_COMMENTS), *ca = es_table_role(t, ES_ROLE_ACCOUNT);
    const es_column *cn = es_table_role(t, ES_ROLE_NICHE), *cp = es_table_role(t, ES_ROLE_PLATFORM);
    const es_column *cs = es_table_role(t, ES_ROLE_SPONSORED), *cd = es_table_role(t, ES_ROLE_DATE);
    static const es_role need[] = {ES_ROLE_FOLLOWERS, ES_ROLE_LIKES, ES_ROLE_COMMENTS, ES_ROLE_ACCOUNT};
    const es_column *needc[] = {cf, cl, cc, ca};
    for (size_t i = 0; i < 4; i++)
        if (needc[i] == NULL || (i < 3 && needc[i]->type != ES_COL_NUMERIC))
            return es_err_set(err, ES_EINVAL, "calibration needs a numeric %s column; name it with --map %s=COLUMN",
                              es_role_name(need[i]), es_role_name(need[i]));
    if (cn != NULL && cn->type == ES_COL_NUMERIC)
        cn = NULL;
    if (cp != NULL && cp->type == ES_COL_NUMERIC)
        cp = NULL;
    if (cs != NULL && cs->type != ES_COL_NUMERIC)
        cs = NULL;
    if (cd != NULL && cd->type != ES_COL_NUMERIC)
        cd = NULL;

    int rc = ES_OK;
    es_buf *notes = &p->notes;
    es_buf_reset(notes);
    if (es_table_role(t, ES_ROLE_NICHE) != NULL && cn == NULL)
        es_buf_printf(notes, "the niche column is numeric and was not used as niches\n");
    if (es_table_role(t, ES_ROLE_PLATFORM) != NULL && cp == NULL)
        es_buf_printf(notes, "the platform column is numeric and was not used as platforms\n");
    es_rowkey *rk = malloc((t->n_rows ? t->n_rows : 1) * sizeof *rk);
    es_cal_acc *acc = calloc(t->n_rows ? t->n_rows : 1, sizeof *acc);
    double *per = malloc((t->n_rows ? t->n_rows : 1) * sizeof *per);
    double *tmp = NULL, *xs = NULL;
    es_cal_group *gn = NULL, *gp = NULL;
    size_t *mapn = NULL, *mapp = NULL, ngn = 0, ngp = 0;
    es_cal_ols o = {0};
    double *bias = NULL, *nvar = NULL;
    size_t *idx = NULL;
    if (rk == NULL || acc == NULL || per == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    /* Usable rows: an account, followers >= 1, likes and comments >= 0. */
    size_t nr = 0, skipped = 0;
    double dmin = INFINITY, dmax = -INFINITY;
    size_t n_spons_known = 0, n_spons = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        double key = es_cell_key(ca, i), f = cf->num[i], l = cl->num[i], c = cc->num[i];
        if (isnan(key) || !(f >= 1) || !isfinite(f) || !(l >= 0) || !(c >= 0) || !isfinite(l) || !isfinite(c)) {
            skipped++;
            continue;
        }
        rk[nr++] = (es_rowkey){key, i};
        if (cd != NULL && isfinite(cd->num[i])) {
            dmin = fmin(dmin, cd->num[i]);
            dmax = fmax(dmax, cd->num[i]);
        }
        if (cs != NULL && !isnan(cs->num[i])) {
            n_spons_known++;
            n_spons += cs->num[i] != 0;
        }
    }
    qsort(rk, nr, sizeof *rk, es_cmp_rowkey);
    /* Per-account sums (followers, niche and platform from the account's first row). */
    size_t na = 0;
    for (size_t k = 0; k < nr;) {
        size_t e = k;
        es_cal_acc *a = &acc[na++];
        a->followers = cf->num[rk[k].row];
        a->niche = es_cell_code(cn, rk[k].row);
        a->platform = es_cell_code(cp, rk[k].row);
        for (; e < nr && rk[e].key == rk[k].key; e++) {
            size_t i = rk[e].row;
            double l = cl->num[i], c = cc->num[i];
            per[e - k] = (l + c) / a->followers;
            a->n++;
            a->sum_l += l;
            a->sum_c += c;
            a->ss_l += l * l;
            a->ss_c += c * c;
            if (cs != NULL && !isnan(cs->num[i]) && cs->num[i] != 0) {
                a->n_spons++;
                a->t_spons += l + c;
            }
            if (a->niche == ES_DICT_NONE)
                a->niche = es_cell_code(cn, i);
            if (a->platform == ES_DICT_NONE)
                a->platform = es_cell_code(cp, i);
        }
        a->med_er = es_median(per, e - k);
        k = e;
    }
    if (na < 10) {
        rc = es_err_set(err, ES_EEMPTY, "calibration needs at least 10 accounts with followers, likes and comments "
                                        "(found %zu)", na);
        goto done;
    }
    es_buf_printf(notes, "%zu accounts, %zu posts used; %zu rows skipped (no account, followers < 1, or missing "
                  "likes/comments)\n", na, nr, skipped);
    p->accounts = (long)na;

    /* 1. Followers.  Tail: x_min = the 0.9 quantile (type 7) of account followers,
     * tail_prob = share at or above it, alpha by the continuous MLE (Hill 1975;
     * Clauset, Shalizi & Newman 2009, eq. 3.1): n / sum log(x / x_min).  Body: the
     * lognormal truncated to [min, x_min) by maximum likelihood (Nelder-Mead,
     * gsl_multimin nmsimplex2, on mu and log sigma; Cohen 1950 for the model). */
    tmp = malloc(na * sizeof *tmp);
    xs = malloc(na * sizeof *xs);
    if (tmp == NULL || xs == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < na; i++)
        xs[i] = acc[i].followers;
    {
        double *sorted;
        size_t m;
        if (es_sorted_copy(xs, na, &sorted, &m) != ES_OK) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto done;
        }
        double fmin_ = sorted[0], xmin = es_quantile_sorted(sorted, m, ES_CAL_TAIL_QUANTILE);
        free(sorted);
        size_t nt = 0, nb = 0;
        double sumlog = 0;
        for (size_t i = 0; i < na; i++) {
            if (xs[i] >= xmin) {
                nt++;
                sumlog += log(xs[i] / xmin);
            } else {
                tmp[nb++] = log(xs[i]);
            }
        }
        if (!(xmin > fmin_) || nb < 2 || nt < 2 || !(sumlog > 0)) {
            rc = es_err_set(err, ES_EDOM, "calibration: the follower counts are too concentrated to fit a body "
                                          "and a tail");
            goto done;
        }
        double mu = NAN, sd = NAN;
        int st = es_fit_truncated_lognormal(tmp, nb, log(fmin_), log(xmin), &mu, &sd);
        if (st != ES_OK) {
            rc = es_err_set(err, st, "calibration: the truncated lognormal fit of followers failed (%s)",
                            es_strerror(st));
            goto done;
        }
        p->followers_min = fmin_;
        p->tail_min = xmin;
        p->tail_prob = (double)nt / (double)na;
        p->tail_alpha = (double)nt / sumlog;
        p->followers_meanlog = mu;
        p->followers_sdlog = sd;
        if (p->followers_max <= xmin)
            p->followers_max = 1000 * xmin;
        es_buf_printf(notes, "followers: body %zu accounts, tail %zu accounts (alpha SE %.3g = (alpha)/sqrt(n_tail))\n",
                      nb, nt, p->tail_alpha / sqrt((double)nt));
    }

    /* 2. Posts per account: posts - 1 ~ NB(m, size) by the method of moments
     * (size = m^2 / (v - m); Poisson when v <= m); posts_max = the largest count. */
    {
        double m = 0, v = 0;
        size_t mx = 0;
        for (size_t i = 0; i < na; i++) {
            m += (double)(acc[i].n - 1);
            if (acc[i].n > mx)
                mx = acc[i].n;
        }
        m /= (double)na;
        for (size_t i = 0; i < na; i++)
            v += ((double)(acc[i].n - 1) - m) * ((double)(acc[i].n - 1) - m);
        v /= (double)na;
        p->posts_mean = 1 + m;
        p->posts_size = v > m && m > 0 ? m * m / (v - m) : INFINITY;
        p->posts_max = (long)(mx < 100000 ? mx : 100000);
    }

    /* 3. Comments share: sum_i (C_i / (n_i F_i)) / sum_i (T_i / (n_i F_i)), a ratio of
     * account engagement rates, so that large accounts do not dominate. */
    {
        double num = 0, den = 0;
        for (size_t i = 0; i < na; i++) {
            double w = 1 / ((double)acc[i].n * acc[i].followers);
            num += acc[i].sum_c * w;
            den += (acc[i].sum_l + acc[i].sum_c) * w;
        }
        if (den > 0)
            p->comments_share = num / den;
    }

    /* 4. NB dispersion of likes and comments per post, from the within-account
     * variation of accounts with 2 or more posts: with s_i^2 the sample variance and
     * m_i the mean, E[s_i^2 - m_i] = mu_i^2 / theta and E[m_i^2 - s_i^2 / n_i] = mu_i^2,
     * so 1/theta = sum w_i (s_i^2 - m_i) / sum w_i (m_i^2 - s_i^2 / n_i) with
     * w_i = (n_i - 1) / F_i^2 (a moment estimator in the spirit of Anscombe 1949 and
     * Breslow 1984; F_i^2 puts accounts on the engagement-rate scale). */
    for (int which = 0; which < 2; which++) {
        double num = 0, den = 0;
        size_t used = 0;
        for (size_t i = 0; i < na; i++) {
            const es_cal_acc *a = &acc[i];
            if (a->n < 2)
                continue;
            double n = (double)a->n, s = which ? a->sum_c : a->sum_l, ss = which ? a->ss_c : a->ss_l;
            double m = s / n, s2 = (ss - n * m * m) / (n - 1);
            if (s2 < 0)
                s2 = 0;
            double w = (n - 1) / (a->followers * a->followers);
            num += w * (s2 - m);
            den += w * (m * m - s2 / n);
            used++;
        }
        double *target = which ? &p->comments_size : &p->likes_size;
        if (used < 10 || !(den > 0)) {
            es_buf_printf(notes, "%s_size kept from the base: too few accounts with 2+ posts\n",
                          which ? "comments" : "likes");
        } else if (!(num > 0)) {
            *target = INFINITY;
            es_buf_printf(notes, "%s_size: no overdispersion found; Poisson (inf)\n", which ? "comments" : "likes");
        } else {
            *target = den / num;
        }
    }

    /* 5. Sponsored posts: their share, and their effect by the Mantel-Haenszel rate
     * ratio over accounts with both kinds of post (interactions as events, posts as
     * exposure; Mantel & Haenszel 1959, rate form of Rothman & Boice 1979).  Each
     * account's counts are divided by its followers (engagement-rate units), which
     * keeps the estimator consistent and stops the largest accounts dominating. */
    if (cs != NULL && n_spons_known > 0) {
        p->sponsored_prob = (double)n_spons / (double)n_spons_known;
        double num = 0, den = 0;
        for (size_t i = 0; i < na; i++) {
            const es_cal_acc *a = &acc[i];
            if (a->n_spons == 0 || a->n_spons == a->n)
                continue;
            double n = (double)a->n, ns = (double)a->n_spons, nn = n - ns;
            double tn = a->sum_l + a->sum_c - a->t_spons;
            num += a->t_spons / a->followers * nn / n;
            den += tn / a->followers * ns / n;
        }
        if (num > 0 && den > 0)
            p->sponsored_effect = num / den;
        else
            es_buf_printf(notes, "sponsored_effect kept from the base: no account has both sponsored and other posts "
                                 "with engagement\n");
    } else {
        es_buf_printf(notes, "sponsored_prob and sponsored_effect kept from the base: no sponsored column\n");
    }
    if (cd != NULL && dmin <= dmax && dmin >= 0) {
        p->date_start = floor(dmin);
        p->date_end = floor(dmax);
    } else {
        es_buf_printf(notes, "date_start and date_end kept from the base: no date column\n");
    }

    /* 6. Engagement: OLS of y_i = log(T_i / (n_i F_i)) on log(F_i / er_ref_followers),
     * niche and platform dummies (reference: the most common), accounts with T_i > 0.
     * The mean of n_i NB posts has, relative to its mean, approximately a
     * Gamma(n_i theta_T, 1 / (n_i theta_T)) distribution (1/theta_T = (1-c)^2/theta_l +
     * c^2/theta_c) plus Poisson noise, so E[log] = psi(n theta_T) - log(n theta_T) -
     * 1/(2 n mu) and Var[log] = psi'(n theta_T) + 1/(n mu) (log-gamma moments, Johnson,
     * Kotz & Balakrishnan 1994, ch. 17).  Pass 1 fits y; pass 2 fits y minus that bias
     * with mu from pass 1.  Then account_sd^2 = RSS/(n - p) - mean Var[log] (moment
     * estimator of the random-effect variance, as in one-way ANOVA), and er_base =
     * exp(intercept) / (1 - s + s * sponsored_effect) / (reference platform effect). */
    if (cn != NULL && es_cal_groups(cn, acc, na, 1, &gn, &ngn, &mapn) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    if (cp != NULL && es_cal_groups(cp, acc, na, 0, &gp, &ngp, &mapp) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    {
        size_t n = 0, zero = 0, nomiss = 0;
        for (size_t i = 0; i < na; i++) {
            if (!(acc[i].sum_l + acc[i].sum_c > 0)) {
                zero++;
                continue;
            }
            if ((cn != NULL && acc[i].niche == ES_DICT_NONE) || (cp != NULL && acc[i].platform == ES_DICT_NONE)) {
                nomiss++;
                continue;
            }
            n++;
        }
        size_t kp = 3 + (ngn ? ngn - 1 : 0) + (ngp ? ngp - 1 : 0);
        if (n < kp + 3) {
            rc = es_err_set(err, ES_EEMPTY, "calibration: too few accounts with engagement for the regression (%zu)",
                            n);
            goto done;
        }
        if (zero || nomiss)
            es_buf_printf(notes, "regression: %zu accounts; %zu without any likes or comments and %zu without a "
                          "niche/platform left out\n", n, zero, nomiss);
        o.n = n;
        o.p = kp;
        o.X = gsl_matrix_calloc(n, kp);
        o.y = gsl_vector_alloc(n);
        o.coef = gsl_vector_alloc(kp);
        o.fitted = gsl_vector_alloc(n);
        o.cov = gsl_matrix_alloc(kp, kp);
        bias = malloc(n * sizeof *bias);
        nvar = malloc(n * sizeof *nvar);
        idx = malloc(n * sizeof *idx);
        if (o.X == NULL || o.y == NULL || o.coef == NULL || o.fitted == NULL || o.cov == NULL || bias == NULL ||
            nvar == NULL || idx == NULL) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto done;
        }
        size_t r = 0;
        for (size_t i = 0; i < na; i++) {
            const es_cal_acc *a = &acc[i];
            if (!(a->sum_l + a->sum_c > 0) || (cn != NULL && a->niche == ES_DICT_NONE) ||
                (cp != NULL && a->platform == ES_DICT_NONE))
                continue;
            idx[r] = i;
            gsl_matrix_set(o.X, r, 0, 1);
            gsl_matrix_set(o.X, r, 1, log(a->followers / p->er_ref_followers));
            size_t col = 3;
            if (ngn) {
                size_t g = mapn[a->niche];
                if (g > 0)
                    gsl_matrix_set(o.X, r, col + g - 1, 1);
                col += ngn - 1;
            }
            if (ngp) {
                size_t g = mapp[a->platform];
                if (g > 0)
                    gsl_matrix_set(o.X, r, col + g - 1, 1);
            }
            gsl_vector_set(o.y, r, log((a->sum_l + a->sum_c) / ((double)a->n * a->followers)));
            r++;
        }
        /* The knot: profile least squares over a grid of log10 F (Hudson 1966), 4 to 7
         * by 0.05 with at least 5% of the accounts on each side; the hinge column is
         * log(max(1, F / knot)). */
        {
            double best = INFINITY, knot = NAN;
            size_t nlo = 0;
            for (int g = 0; g <= 60; g++) {
                double kk = pow(10, 4 + 0.05 * g);
                nlo = 0;
                for (size_t k = 0; k < n; k++)
                    nlo += acc[idx[k]].followers <= kk;
                if (nlo < n / 20 || n - nlo < n / 20)
                    continue;
                for (size_t k = 0; k < n; k++)
                    gsl_matrix_set(o.X, k, 2, log(fmax(1, acc[idx[k]].followers / kk)));
                if ((rc = es_cal_ols_fit(&o)) != ES_OK) {
                    rc = es_err_set(err, rc, "calibration: the regression failed");
                    goto done;
                }
                if (o.rss < best) {
                    best = o.rss;
                    knot = kk;
                }
            }
            if (isnan(knot)) {
                knot = p->beta_knot; /* too few distinct sizes: a knot the data cannot place */
                es_buf_printf(notes, "beta_knot kept from the base: the followers do not spread over a grid point\n");
            }
            p->beta_knot = knot;
            for (size_t k = 0; k < n; k++)
                gsl_matrix_set(o.X, k, 2, log(fmax(1, acc[idx[k]].followers / knot)));
        }
        if ((rc = es_cal_ols_fit(&o)) != ES_OK) {
            rc = es_err_set(err, rc, "calibration: the regression failed");
            goto done;
        }
        double c = p->comments_share;
        double inv_theta = (1 - c) * (1 - c) / p->likes_size + c * c / p->comments_size;
        double mean_var = 0;
        for (size_t k = 0; k < n; k++) {
            const es_cal_acc *a = &acc[idx[k]];
            double nn = (double)a->n, mu = exp(gsl_vector_get(o.fitted, k)) * a->followers;
            double b = -1 / (2 * nn * mu), v = 1 / (nn * mu);
            if (inv_theta > 0) {
                double sh = nn / inv_theta;
                b += gsl_sf_psi(sh) - log(sh);
                v += gsl_sf_psi_1(sh);
            }
            bias[k] = b;
            nvar[k] = v;
            mean_var += v;
            gsl_vector_set(o.y, k, gsl_vector_get(o.y, k) - b);
        }
        mean_var /= (double)n;
        if ((rc = es_cal_ols_fit(&o)) != ES_OK) {
            rc = es_err_set(err, rc, "calibration: the regression failed");
            goto done;
        }
        double s2 = o.rss / (double)(n - kp), re2 = s2 - mean_var;
        p->beta = gsl_vector_get(o.coef, 1);
        p->beta2 = gsl_vector_get(o.coef, 2);
        if (re2 > 0) {
            p->account_sd = sqrt(re2);
        } else {
            p->account_sd = 0;
            es_buf_printf(notes, "account_sd: the residual variance (%.4g) is below the Poisson/NB noise (%.4g); set "
                          "to 0\n", s2, mean_var);
        }
        double ols_beta = p->beta, ols_beta2 = p->beta2;
        /* 7. The niche and platform effects (and starting values for step 8) for the
         * medians: median regression (LAD) of the log observed account ER (median over
         * posts, as describe computes it) on the same design. */
        gsl_vector *ylad = gsl_vector_alloc(n);
        int lrc = ylad == NULL ? ES_ENOMEM : ES_OK;
        if (lrc == ES_OK) {
            for (size_t k = 0; k < n; k++)
                gsl_vector_set(ylad, k, es_cal_logobs(acc[idx[k]].med_er, acc[idx[k]].followers));
            lrc = es_cal_lad_fit(&o, ylad, o.coef);
        }
        gsl_vector_free(ylad);
        if (lrc != ES_OK) {
            rc = es_err_set(err, lrc, "calibration: the median regression failed");
            goto done;
        }
        p->beta = gsl_vector_get(o.coef, 1);
        p->beta2 = gsl_vector_get(o.coef, 2);
        double base = exp(gsl_vector_get(o.coef, 0)) / (1 - p->sponsored_prob + p->sponsored_prob *
                                                         p->sponsored_effect);
        es_buf_printf(notes, "knot: %.4g followers by profile least squares (OLS on log mean ER there: beta %.4g, "
                      "beta2 %.4g)\n", p->beta_knot, ols_beta, ols_beta2);
        double se2 = sqrt(gsl_matrix_get(o.cov, 2, 2));
        es_buf_printf(notes, "regression: beta SE %.3g, beta2 SE %.3g (OLS; t = %.1f for the change of slope), residual "
                      "variance %.4g = account effect %.4g + count noise %.4g\n", sqrt(gsl_matrix_get(o.cov, 1, 1)),
                      se2, ols_beta2 / se2, s2, re2 > 0 ? re2 : 0, mean_var);
        double *eff = malloc(((ngn > ngp ? ngn : ngp) + 1) * sizeof *eff);
        if (eff == NULL) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto done;
        }
        size_t col = 3;
        if (ngn) {
            eff[0] = 1;
            for (size_t g = 1; g < ngn; g++)
                eff[g] = exp(gsl_vector_get(o.coef, col + g - 1));
            col += ngn - 1;
            if (es_set_groups(&p->niches, &p->n_niches, gn, ngn, na, eff) != ES_OK) {
                free(eff);
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                goto done;
            }
        } else {
            es_buf_printf(notes, "niches kept from the base: no niche column\n");
        }
        if (ngp) {
            eff[0] = 1;
            for (size_t g = 1; g < ngp; g++)
                eff[g] = exp(gsl_vector_get(o.coef, col + g - 1));
            if (es_set_groups(&p->platforms, &p->n_platforms, gp, ngp, na, eff) != ES_OK) {
                free(eff);
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                goto done;
            }
        } else {
            /* The data are taken to come from the first platform of the base list. */
            base /= p->platforms[0].effect;
            es_buf_printf(notes, "platforms kept from the base (no platform column): the data are taken to be "
                          "platform '%s'\n", p->platforms[0].name);
        }
        free(eff);
        p->er_base = base;
    }
    /* Niche shares count accounts with a niche (es_set_groups divided by na). */
    if (ngn) {
        double sum = 0;
        for (size_t g = 0; g < p->n_niches; g++)
            sum += p->niches[g].share;
        for (size_t g = 0; g < p->n_niches; g++)
            p->niches[g].share /= sum;
    }
    if (ngp) {
        double sum = 0;
        for (size_t g = 0; g < p->n_platforms; g++)
            sum += p->platforms[g].share;
        for (size_t g = 0; g < p->n_platforms; g++)
            p->platforms[g].share /= sum;
    }
    {
        double rms = NAN, lb = p->beta, lb2 = p->beta2, lk = p->beta_knot;
        int st = es_cal_smm_fit(p, acc, na, ngp > 0, &rms);
        if (st != ES_OK) {
            rc = es_err_set(err, st, "calibration: the fit of the band medians failed");
            goto done;
        }
        es_buf_printf(notes, "trend: median regression beta %.4g, beta2 %.4g at knot %.4g; band medians matched by "
                      "simulation: beta %.4g, beta2 %.4g, knot %.4g, rms log error %.3g\n", lb, lb2, lk, p->beta,
                      p->beta2, p->beta_knot, rms);
    }
    es_buf_printf(notes, "kept from the base: er_ref_followers, followers_max, oversample_above, "
                  "oversample_factor, truth_mc_accounts\n");
    es_err cerr = {0};
    if (es_sim_params_check(p, &cerr) != ES_OK)
        rc = es_err_set(err, ES_EDOM, "calibration gave parameters out of range: %s", cerr.msg ? cerr.msg : "");
    es_err_clear(&cerr);
done:
    if (o.X) gsl_matrix_free(o.X);
    if (o.y) gsl_vector_free(o.y);
    if (o.coef) gsl_vector_free(o.coef);
    if (o.fitted) gsl_vector_free(o.fitted);
    if (o.cov) gsl_matrix_free(o.cov);
    free(bias);
    free(nvar);
    free(idx);
    free(gn);
    free(gp);
    free(mapn);
    free(mapp);
    free(tmp);
    free(xs);
    free(acc);
    free(per);
    free(rk);
    return rc;
}

int es_sim_observed_ratio(const es_table *t, const char *band_a, const char *band_b, const es_boot_opts *bo,
                          es_ratio_ci *r, size_t *n_a, size_t *n_b, es_err *err)
{
    const es_column *cf = es_table_role(t, ES_ROLE_FOLLOWERS), *cl = es_table_role(t, ES_ROLE_LIKES);
    const es_column *cc = es_table_role(t, ES_ROLE_COMMENTS), *ca = es_table_role(t, ES_ROLE_ACCOUNT);
    if (cf == NULL || cl == NULL || cc == NULL || ca == NULL || cf->type != ES_COL_NUMERIC ||
        cl->type != ES_COL_NUMERIC || cc->type != ES_COL_NUMERIC)
        return es_err_set(err, ES_EINVAL, "the observed ratio needs followers, likes, comments and account columns");
    es_bands bands = {0};
    int rc = es_bands_parse(&bands, ES_BANDS_DEFAULT, NULL, err);
    if (rc != ES_OK)
        return rc;
    int ia = es_bands_find(&bands, band_a), ib = es_bands_find(&bands, band_b);
    size_t nrows = t->n_rows ? t->n_rows : 1;
    es_rowkey *rk = malloc(nrows * sizeof *rk);
    double *per = malloc(nrows * sizeof *per), *xa = malloc(nrows * sizeof *xa), *xb = malloc(nrows * sizeof *xb);
    *n_a = *n_b = 0;
    if (ia < 0 || ib < 0) {
        rc = es_err_set(err, ES_EINVAL, "%s,%s: not bands of %s", band_a, band_b, ES_BANDS_DEFAULT);
        goto done;
    }
    if (rk == NULL || per == NULL || xa == NULL || xb == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    /* The rows es_sim_calibrate uses, grouped by account. */
    size_t nr = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        double key = es_cell_key(ca, i), f = cf->num[i], l = cl->num[i], c = cc->num[i];
        if (!isnan(key) && f >= 1 && isfinite(f) && l >= 0 && c >= 0 && isfinite(l) && isfinite(c))
            rk[nr++] = (es_rowkey){key, i};
    }
    qsort(rk, nr, sizeof *rk, es_cmp_rowkey);
    for (size_t k = 0; k < nr;) {
        size_t e = k;
        double f = cf->num[rk[k].row];
        for (; e < nr && rk[e].key == rk[k].key; e++)
            per[e - k] = (cl->num[rk[e].row] + cc->num[rk[e].row]) / f;
        int b = es_bands_classify(&bands, f);
        if (b == ia)
            xa[(*n_a)++] = es_median(per, e - k);
        else if (b == ib)
            xb[(*n_b)++] = es_median(per, e - k);
        k = e;
    }
    if (es_ratio_of_medians(xa, *n_a, xb, *n_b, bo, r) != ES_OK)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
done:
    es_bands_free(&bands);
    free(rk);
    free(per);
    free(xa);
    free(xb);
    return rc;
}
