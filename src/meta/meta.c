/* meta.c — the random-effects summary of ratios across datasets (es_meta_run).
 * Log ratios are pooled with inverse-variance weights 1 / (v_i + tau2).  tau2 by
 * DerSimonian & Laird (1986), the method-of-moments estimator from Cochran's Q, or by
 * restricted maximum likelihood through Fisher scoring (Viechtbauer 2005, sec. 2.3;
 * the iteration metafor's rma.uni uses, with step halving to keep tau2 >= 0).
 * Heterogeneity as Higgins & Thompson (2002) with metafor's typical within-study
 * variance; the Knapp & Hartung (2003) interval on request. */
#include "engagestat/meta.h"
#include "engagestat/buf.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ES_META_MAXITER 1000
#define ES_META_TOL 1e-13

void es_meta_opts_init(es_meta_opts *o)
{
    memset(o, 0, sizeof *o);
    o->conf = 0.95;
    o->method = ES_META_DL;
}

/* ------------------------------------------------------------ definitions */

/* One "key=value" part of a definition, trimmed; a part without '=' is its own key
 * and value. */
typedef struct es_def_part {
    const char *key, *val;
    size_t key_n, val_n;
} es_def_part;

static void es_trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* The non-empty parts of s into a malloc'ed *parts; their count, or SIZE_MAX when
 * out of memory. */
static size_t es_def_parts(const char *s, es_def_part **parts)
{
    size_t cap = 1, n = 0;
    s = s ? s : "";
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    *parts = malloc(cap * sizeof **parts);
    if (*parts == NULL)
        return SIZE_MAX;
    for (const char *p = s;;) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *q = p;
        es_trim(&q, &len);
        if (len > 0) {
            es_def_part *d = &(*parts)[n++];
            const char *eq = memchr(q, '=', len);
            d->key = q;
            d->key_n = eq ? (size_t)(eq - q) : len;
            d->val = eq ? eq + 1 : q;
            d->val_n = eq ? len - (size_t)(eq + 1 - q) : len;
            es_trim(&d->key, &d->key_n);
            es_trim(&d->val, &d->val_n);
        }
        if (e == NULL)
            break;
        p = e + 1;
    }
    return n;
}

/* The part of p[0..n) with key k, or NULL. */
static const es_def_part *es_def_find(const es_def_part *p, size_t n, const es_def_part *k)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].key_n == k->key_n && memcmp(p[i].key, k->key, k->key_n) == 0)
            return &p[i];
    return NULL;
}

static int es_part_same(const es_def_part *a, const es_def_part *b)
{
    return a != NULL && b != NULL && a->val_n == b->val_n && memcmp(a->val, b->val, a->val_n) == 0;
}

/* Compare definitions a and b part by part.  Returns 1 when equal, 0 when not, -1 when
 * out of memory.  When why is not NULL the differing parts are appended to it as
 * "key: A vs B" ("(none)" for a part one of them lacks), separated by "; ". */
static int es_def_compare(const char *a, const char *b, es_buf *why)
{
    es_def_part *pa = NULL, *pb = NULL;
    size_t na = es_def_parts(a, &pa), nb = es_def_parts(b, &pb);
    int equal = 1, rc = ES_OK;
    size_t start = why ? why->len : 0;
    if (na == SIZE_MAX || nb == SIZE_MAX) {
        free(pa);
        free(pb);
        return -1;
    }
    /* Parts of a (in a's order), then the parts only b has. */
    for (size_t pass = 0; pass < 2 && rc == ES_OK; pass++) {
        const es_def_part *p = pass == 0 ? pa : pb, *other = pass == 0 ? pb : pa;
        size_t n = pass == 0 ? na : nb, n_other = pass == 0 ? nb : na;
        for (size_t i = 0; i < n && rc == ES_OK; i++) {
            const es_def_part *q = es_def_find(other, n_other, &p[i]);
            if (pass == 1 && q != NULL)
                continue;
            if (es_part_same(&p[i], q))
                continue;
            equal = 0;
            if (why == NULL)
                continue;
            const es_def_part *x = pass == 0 ? &p[i] : q, *y = pass == 0 ? q : &p[i];
            rc = es_buf_printf(why, "%s%.*s: %.*s vs %.*s", why->len > start ? "; " : "", (int)p[i].key_n, p[i].key,
                               x ? (int)x->val_n : 6, x ? x->val : "(none)", y ? (int)y->val_n : 6, y ? y->val : "(none)");
        }
    }
    free(pa);
    free(pb);
    return rc != ES_OK ? -1 : equal;
}

/* ------------------------------------------------------------- estimation */

/* Sums over the pooled items with weights w_i = 1 / (v_i + tau2). */
typedef struct es_meta_sums {
    double sw, sw2, sw3, swy, mu;
} es_meta_sums;

static es_meta_sums es_meta_weigh(const double *y, const double *v, size_t k, double tau2)
{
    es_meta_sums s = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < k; i++) {
        double w = 1 / (v[i] + tau2);
        s.sw += w;
        s.sw2 += w * w;
        s.sw3 += w * w * w;
        s.swy += w * y[i];
    }
    s.mu = s.swy / s.sw;
    return s;
}

/* REML tau2 by Fisher scoring from the DL value: tau2 += (Y'PPY - tr P) / tr(PP), with
 * P = W - w w' / sum w for the intercept-only model, halving the step while tau2 < 0
 * (Viechtbauer 2005; metafor's rma.uni).  ES_OK or ES_ENOCONV. */
static int es_meta_reml(const double *y, const double *v, size_t k, double start, double *tau2)
{
    double t = start;
    for (int it = 0; it < ES_META_MAXITER; it++) {
        es_meta_sums s = es_meta_weigh(y, v, k, t);
        double ypy = 0;
        for (size_t i = 0; i < k; i++) {
            double w = 1 / (v[i] + t), r = y[i] - s.mu;
            ypy += w * w * r * r;
        }
        double trp = s.sw - s.sw2 / s.sw;
        double trpp = s.sw2 - 2 * s.sw3 / s.sw + s.sw2 * s.sw2 / (s.sw * s.sw);
        double adj = (ypy - trp) / trpp, step = 1, next = t + adj;
        while (next < 0 && step > 1e-12) {
            step /= 2;
            next = t + step * adj;
        }
        if (next < 0)
            next = 0;
        if (fabs(next - t) <= ES_META_TOL * fmax(1, t)) {
            *tau2 = next;
            return ES_OK;
        }
        t = next;
    }
    *tau2 = NAN;
    return es_error(ES_ENOCONV);
}

/* The summary of the k pooled items. */
typedef struct es_meta_fit {
    double mu, lo, hi, tau2, i2, h2, q, q_p;
    double *weight; /* per cent, per pooled item */
} es_meta_fit;

static int es_meta_fit_run(const double *y, const double *v, size_t k, const es_meta_opts *o, es_meta_fit *f, es_err *err)
{
    /* Fixed-effect weights: Cochran's Q and the DL moment estimator. */
    es_meta_sums fe = es_meta_weigh(y, v, k, 0);
    double q = 0;
    for (size_t i = 0; i < k; i++)
        q += (y[i] - fe.mu) * (y[i] - fe.mu) / v[i];
    double df = (double)(k - 1);
    double c = fe.sw - fe.sw2 / fe.sw;
    double tau2 = fmax(0, (q - df) / c);
    if (o->method == ES_META_REML && es_meta_reml(y, v, k, tau2, &tau2) != ES_OK)
        return es_err_set(err, ES_ENOCONV, "REML estimate of tau2 did not converge in %d iterations", ES_META_MAXITER);
    es_meta_sums re = es_meta_weigh(y, v, k, tau2);
    double se = sqrt(1 / re.sw), crit;
    if (o->knapp_hartung) {
        double s2w = 0;
        for (size_t i = 0; i < k; i++)
            s2w += (y[i] - re.mu) * (y[i] - re.mu) / (v[i] + tau2);
        se = sqrt(s2w / (df * re.sw));
        crit = gsl_cdf_tdist_Qinv((1 - o->conf) / 2, df);
    } else {
        crit = gsl_cdf_ugaussian_Qinv((1 - o->conf) / 2);
    }
    double s2 = df * fe.sw / (fe.sw * fe.sw - fe.sw2);
    f->mu = re.mu;
    f->lo = re.mu - crit * se;
    f->hi = re.mu + crit * se;
    f->tau2 = tau2;
    f->i2 = 100 * tau2 / (tau2 + s2);
    f->h2 = (tau2 + s2) / s2;
    f->q = q;
    f->q_p = gsl_cdf_chisq_Q(q, df);
    for (size_t i = 0; i < k; i++)
        f->weight[i] = 100 / (v[i] + tau2) / re.sw;
    return ES_OK;
}

/* ------------------------------------------------------------------ driver */

static int es_meta_has_ci(const es_meta_item *it)
{
    return isfinite(it->ratio) && it->ratio > 0 && isfinite(it->ci_low) && isfinite(it->ci_high) && it->ci_low > 0 &&
           it->ci_high > it->ci_low;
}

int es_meta_run(const es_meta_item *items, size_t n, const es_meta_opts *o, es_results *res, es_err *err)
{
    if (!(o->conf > 0 && o->conf < 1))
        return es_err_set(err, ES_EINVAL, "confidence level %g is not between 0 and 1", o->conf);
    if (o->method != ES_META_DL && o->method != ES_META_REML)
        return es_err_set(err, ES_EINVAL, "unknown random-effects method %d", o->method);
    if (n == 0)
        return es_err_set(err, ES_EEMPTY, "no datasets to summarise");
    if (items == NULL)
        return es_err_set(err, ES_EINVAL, "no items given");
    const char *method = o->method == ES_META_DL ? "DL" : "REML";
    double z = gsl_cdf_ugaussian_Qinv((1 - o->conf) / 2);
    int rc = ES_OK;
    es_buf why = {0}, note = {0};
    size_t *group = calloc(n, sizeof *group); /* index of the first item of the same definition */
    int *pooled = calloc(n, sizeof *pooled);
    double *y = malloc(n * sizeof *y), *v = malloc(n * sizeof *v), *wt = malloc(n * sizeof *wt);
    es_meta_fit fit = {.weight = wt};
    if (group == NULL || pooled == NULL || y == NULL || v == NULL || wt == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    /* The largest group of equal definitions among the items with an interval. */
    size_t ref = SIZE_MAX, ref_size = 0, with_ci = 0;
    for (size_t i = 0; i < n; i++) {
        group[i] = i;
        if (!es_meta_has_ci(&items[i]))
            continue;
        with_ci++;
        for (size_t j = 0; j < i; j++) {
            if (!es_meta_has_ci(&items[j]) || group[j] != j)
                continue;
            int eq = es_def_compare(items[i].definition, items[j].definition, NULL);
            if (eq < 0) {
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                goto done;
            }
            if (eq) {
                group[i] = j;
                break;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!es_meta_has_ci(&items[i]) || group[i] != i)
            continue;
        size_t size = 0;
        for (size_t j = i; j < n; j++)
            size += es_meta_has_ci(&items[j]) && group[j] == i;
        if (size > ref_size)
            ref = i, ref_size = size;
    }
    size_t k = 0, differs = 0;
    for (size_t i = 0; i < n; i++)
        if (ref != SIZE_MAX && es_meta_has_ci(&items[i]) && group[i] == ref) {
            pooled[i] = 1;
            y[k] = log(items[i].ratio);
            double se = (log(items[i].ci_high) - log(items[i].ci_low)) / (2 * z);
            v[k++] = se * se;
        } else {
            differs += es_meta_has_ci(&items[i]);
        }
    if (k >= 2 && (rc = es_meta_fit_run(y, v, k, o, &fit, err)) != ES_OK)
        goto done;

    es_results_setting(res, "conf", es_cell_num(o->conf));
    es_results_setting(res, "method", es_cell_str(method));
    es_results_setting(res, "knapp_hartung", es_cell_int(o->knapp_hartung != 0));
    static const char *const dcols[] = {"label", "definition", "ratio", "ci_low", "ci_high", "log_ratio", "se", "weight",
                                        "n_a", "n_b", "pooled", "reason"};
    static const char *const pcols[] = {"method", "k", "estimate", "ci_low", "ci_high", "tau2", "tau", "i2",
                                        "h2", "q", "q_df", "q_p_value", "note"};
    es_rtable *td, *tp;
    es_results_table(res, "datasets", "Ratio per dataset with its definition", sizeof dcols / sizeof *dcols, dcols, &td);
    es_results_table(res, "pooled", "Random-effects summary across datasets with matching definitions",
                     sizeof pcols / sizeof *pcols, pcols, &tp);
    for (size_t i = 0, kk = 0; i < n; i++) {
        const es_meta_item *it = &items[i];
        es_row row = es_rtable_append(td);
        es_row_str(&row, "label", it->label);
        es_row_str(&row, "definition", it->definition ? it->definition : "");
        es_row_num(&row, "ratio", it->ratio);
        es_row_num(&row, "ci_low", it->ci_low);
        es_row_num(&row, "ci_high", it->ci_high);
        es_row_num(&row, "log_ratio", it->ratio > 0 ? log(it->ratio) : NAN);
        if (es_meta_has_ci(it))
            es_row_num(&row, "se", (log(it->ci_high) - log(it->ci_low)) / (2 * z));
        es_row_num(&row, "n_a", it->n_a);
        es_row_num(&row, "n_b", it->n_b);
        es_row_str(&row, "pooled", pooled[i] ? "yes" : "no");
        if (pooled[i]) {
            if (k >= 2)
                es_row_num(&row, "weight", wt[kk]);
            kk++;
            continue;
        }
        es_buf_reset(&why);
        if (!es_meta_has_ci(it)) {
            rc = es_buf_puts(&why, !(isfinite(it->ratio) && it->ratio > 0) ? "no finite positive ratio"
                                                                         : "no finite interval");
        } else {
            rc = es_buf_puts(&why, "definition differs: ");
            if (rc == ES_OK && es_def_compare(it->definition, items[ref].definition, &why) < 0)
                rc = ES_ENOMEM;
        }
        if (rc != ES_OK) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto done;
        }
        es_row_str(&row, "reason", why.data);
    }
    /* The note: why there is no summary, or what was left out. */
    if (k < 2)
        rc = es_buf_printf(&note, "no summary: %s", with_ci < 2 ? "fewer than 2 datasets have a finite interval"
                                                    : "no 2 datasets with a finite interval share a definition");
    else
        rc = es_buf_printf(&note, "%s%s; %zu of %zu datasets pooled", method,
                           o->knapp_hartung ? " with the Knapp-Hartung interval" : "", k, n);
    if (rc == ES_OK && n - k > 0)
        rc = es_buf_printf(&note, "%s%zu not pooled (%zu definition differs, %zu no interval)", k < 2 ? "; " : ", ",
                           n - k, differs, n - with_ci);
    if (rc != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    es_row row = es_rtable_append(tp);
    es_row_str(&row, "method", method);
    es_row_int(&row, "k", (long long)k);
    if (k >= 2) {
        es_row_num(&row, "estimate", exp(fit.mu));
        es_row_num(&row, "ci_low", exp(fit.lo));
        es_row_num(&row, "ci_high", exp(fit.hi));
        es_row_num(&row, "tau2", fit.tau2);
        es_row_num(&row, "tau", sqrt(fit.tau2));
        es_row_num(&row, "i2", fit.i2);
        es_row_num(&row, "h2", fit.h2);
        es_row_num(&row, "q", fit.q);
        es_row_int(&row, "q_df", (long long)(k - 1));
        es_row_num(&row, "q_p_value", fit.q_p);
    } else {
        es_results_warn(res, "across datasets: %s", note.data);
    }
    es_row_str(&row, "note", note.data);
    es_results_value(res, "meta_ratio", k >= 2 ? es_cell_num(exp(fit.mu)) : es_cell_null());
    es_results_value(res, "meta_tau2", k >= 2 ? es_cell_num(fit.tau2) : es_cell_null());
    es_results_value(res, "meta_i2", k >= 2 ? es_cell_num(fit.i2) : es_cell_null());
    es_results_value(res, "meta_k", es_cell_int((long long)k));
    const char *msg = NULL;
    if ((rc = es_results_status(res, &msg)) != ES_OK)
        rc = es_err_set(err, rc, "%s", msg ? msg : "results");
done:
    es_buf_free(&why);
    es_buf_free(&note);
    free(group);
    free(pooled);
    free(y);
    free(v);
    free(wt);
    return rc;
}
