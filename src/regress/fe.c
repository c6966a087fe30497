/* fe.c — OLS with one factor absorbed, by the Frisch-Waugh-Lovell theorem (Frisch &
 * Waugh 1933; Lovell 1963; e.g. Greene 2012, Econometric Analysis, sec. 11.4 "fixed
 * effects"): with X = [D Z] (D the G level indicators, which span the intercept), the
 * slopes b are the OLS of the within-demeaned y~ on the within-demeaned Z~, and the level
 * means are a_g = ybar_g - zbar_g'b.  Reported in R's treatment contrasts: intercept
 * a_ref, level g a_g - a_ref.
 *
 * Covariances: every coefficient is c_j' theta for theta = (a, b), and (X'X)^-1 x_i =
 * (e_g(i)/n_g - Zbar w_i, w_i) with w_i = (Z~'Z~)^-1 z~_i (block inverse), so coefficient
 * j's influence on row i is c_j(i) = sum_g a_jg [g(i) = g]/n_g - b_j'w_i with at most two
 * a_jg (+-1) and b_j = zbar_g - zbar_ref (or -e_m for slope m).  The sandwich
 * sum_c u_c u_c' (clusters c; each row its own cluster with weight sqrt(omega_i) for
 * classical and HC0-HC3) is then
 *   Cov(j, l) = sum a_jg a_lh P_gh - sum a_jg b_l'Q_g - sum a_lh b_j'Q_h + b_j' M b_l
 * with P_gh = sum_c T_cg T_ch, T_cg = sum_{i in c, g} r_i / n_g, Q_g = sum_c T_cg W_c,
 * W_c = sum_{i in c} r_i w_i, M = sum_c W_c W_c': O(n k^2) for the sums and O(k) per
 * entry.  The leverage is exact: h_ii = 1/n_g + z~_i'(Z~'Z~)^-1 z~_i (Davidson &
 * MacKinnon 2004, sec. 5.5). */
#include "engagestat/fe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "regress_impl.h"

struct es_fe {
    size_t n, p, k, G;     /* rows, design columns, other columns, levels */
    size_t col0, ic;       /* first dummy column, intercept column */
    size_t *zcol;          /* design column of other column m (k) */
    size_t *lev;           /* level of row i: dummy index 0..G-2, reference G-1 (n) */
    long double *zt, *yt;  /* demeaned rows (n x k) and response (n) */
    long double *ng;       /* rows per level (G) */
    long double *zbar;     /* level means of Z (G x k) */
    es_ols within;         /* OLS of yt on zt, no intercept */
};

void es_fe_free(es_fe *fe)
{
    if (fe == NULL)
        return;
    free(fe->zcol);
    free(fe->lev);
    free(fe->zt);
    free(fe->yt);
    free(fe->ng);
    free(fe->zbar);
    es_ols_free(&fe->within);
    free(fe);
}

/* The workspace's arrays for design d with factor t; ES_EINVAL for a design that is not
 * an intercept, factor t and at least one other column. */
static int es_fe_alloc(es_fe **out, const es_design *d, size_t t)
{
    es_fe *fe = calloc(1, sizeof *fe);
    *out = fe;
    if (fe == NULL)
        return es_error(ES_ENOMEM);
    fe->n = es_design_n(d);
    fe->p = es_design_p(d);
    size_t m = es_design_factor_cols(d, t, &fe->col0);
    int ic = es_design_find(d, "(Intercept)");
    if (m == 0 || ic < 0 || fe->p < m + 2)
        return es_error(ES_EINVAL);
    fe->ic = (size_t)ic;
    fe->G = m + 1;
    fe->k = fe->p - m - 1;
    size_t n = fe->n, k = fe->k, G = fe->G;
    fe->zcol = malloc(k * sizeof *fe->zcol);
    fe->lev = malloc((n ? n : 1) * sizeof *fe->lev);
    fe->zt = malloc((n ? n : 1) * k * sizeof *fe->zt);
    fe->yt = malloc((n ? n : 1) * sizeof *fe->yt);
    fe->ng = calloc(G, sizeof *fe->ng);
    fe->zbar = calloc(G * k, sizeof *fe->zbar);
    if (!fe->zcol || !fe->lev || !fe->zt || !fe->yt || !fe->ng || !fe->zbar)
        return es_error(ES_ENOMEM);
    for (size_t j = 0, c = 0; j < fe->p; j++)
        if (j != fe->ic && (j < fe->col0 || j >= fe->col0 + m))
            fe->zcol[c++] = j;
    return ES_OK;
}

/* Level means and the demeaned rows; colnorm (k) receives the norms of the undemeaned
 * columns; ybar (G) the level means of y; *ymean the mean of y, *yss its sum of squares. */
static int es_fe_demean(es_fe *fe, const es_design *d, size_t t, const double *y, long double *colnorm,
                        long double *ybar, long double *ymean, long double *yss)
{
    size_t n = fe->n, k = fe->k, G = fe->G;
    double *x = malloc(fe->p * sizeof *x);
    if (x == NULL)
        return es_error(ES_ENOMEM);
    long double sy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = es_design_row_factor(d, i, t, x);
        size_t g = c == (size_t)-1 ? G - 1 : c - fe->col0;
        long double yi = y[es_design_source_row(d, i)];
        fe->lev[i] = g;
        fe->ng[g] += 1;
        ybar[g] += yi;
        sy += yi;
        syy += yi * yi;
        for (size_t m = 0; m < k; m++) {
            long double z = x[fe->zcol[m]];
            fe->zt[i * k + m] = z;
            fe->zbar[g * k + m] += z;
            colnorm[m] += z * z;
        }
        fe->yt[i] = yi;
    }
    free(x);
    for (size_t g = 0; g < G; g++) {
        ybar[g] /= fe->ng[g];
        for (size_t m = 0; m < k; m++)
            fe->zbar[g * k + m] /= fe->ng[g];
    }
    for (size_t m = 0; m < k; m++)
        colnorm[m] = sqrtl(colnorm[m]);
    for (size_t i = 0; i < n; i++) {
        size_t g = fe->lev[i];
        fe->yt[i] -= ybar[g];
        for (size_t m = 0; m < k; m++)
            fe->zt[i * k + m] -= fe->zbar[g * k + m];
    }
    *ymean = sy / (long double)n;
    *yss = syy;
    return ES_OK;
}

/* out = Rinv' x for the within fit's k x k upper-triangular Rinv; returns |out|^2 (so
 * x'(Z~'Z~)^-1 x). */
static long double es_fe_rinvt(const es_fe *fe, const long double *x, long double *out)
{
    const es_ols *w = &fe->within;
    size_t k = fe->k;
    long double q = 0;
    for (size_t m = 0; m < k; m++) {
        long double s = 0;
        for (size_t l = 0; l <= m; l++)
            s += w->rinv[l * k + m] * x[l];
        out[m] = s;
        q += s * s;
    }
    return q;
}

/* The influence description of coefficient j (design column): up to two levels with
 * signs (na of them) and the vector b (k), as in the file comment. */
static size_t es_fe_coef_form(const es_fe *fe, size_t j, size_t lv[2], long double sg[2], long double *b)
{
    size_t k = fe->k, ref = fe->G - 1;
    if (j == fe->ic) {
        lv[0] = ref, sg[0] = 1;
        for (size_t m = 0; m < k; m++)
            b[m] = fe->zbar[ref * k + m];
        return 1;
    }
    if (j >= fe->col0 && j < fe->col0 + fe->G - 1) {
        size_t g = j - fe->col0;
        lv[0] = g, sg[0] = 1, lv[1] = ref, sg[1] = -1;
        for (size_t m = 0; m < k; m++)
            b[m] = fe->zbar[g * k + m] - fe->zbar[ref * k + m];
        return 2;
    }
    for (size_t m = 0; m < k; m++)
        b[m] = fe->zcol[m] == j ? -1 : 0;
    return 0;
}

int es_fe_fit(es_fe **out, const es_design *d, size_t t, const double *y, const es_ols_opts *o, es_ols *fit)
{
    es_ols_opts def;
    if (o == NULL) {
        es_ols_opts_init(&def);
        o = &def;
    }
    memset(fit, 0, sizeof *fit);
    int st = es_fe_alloc(out, d, t);
    if (st != ES_OK)
        return st;
    es_fe *fe = *out;
    size_t n = fe->n, k = fe->k, G = fe->G, p = fe->p;
    long double *colnorm = calloc(k, sizeof *colnorm), *ybar = calloc(G, sizeof *ybar), ymean = 0, yss = 0;
    if (colnorm == NULL || ybar == NULL) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    if ((st = es_fe_demean(fe, d, t, y, colnorm, ybar, &ymean, &yss)) != ES_OK)
        goto done;
    if ((double)n <= (double)(G + k)) {
        st = es_error(ES_EDOM);
        goto done;
    }
    es_ols_opts wo = *o;
    wo.intercept = 0;
    st = es_ols_fit_ld(&fe->within, fe->zt, fe->yt, n, k, &wo);
    if (st != ES_OK)
        goto done;
    /* Collinear with the factor: a demeaned column whose part outside the span of the
     * columns before it is below 1e-7 of the column's norm (|R_mm| = 1 / rinv_mm). */
    es_ols *w = &fe->within;
    for (size_t m = 0; m < k && st == ES_OK; m++)
        if (w->rank < k || w->pivot[m] != m || !(1 / fabsl(w->rinv[m * k + m]) >= 1e-7L * colnorm[m]))
            st = es_error(ES_EDOM);
    if (st != ES_OK)
        goto done;
    /* The full fit, as es_ols_fit fills it. */
    long double *b = malloc(2 * k * sizeof *b); /* b and Rinv' b */
    if ((st = es_ols_alloc(fit, p, 0)) != ES_OK || b == NULL) {
        free(b);
        st = es_error(ES_ENOMEM);
        goto done;
    }
    fit->n = n;
    fit->rank = G + k;
    fit->df_resid = (double)n - (double)fit->rank;
    fit->intercept = 1;
    fit->conf = o->conf;
    fit->rss_ld = w->rss_ld;
    fit->rss = (double)w->rss_ld;
    long double tss = 0;
    for (size_t i = 0; i < n; i++) {
        long double yi = fe->yt[i] + ybar[fe->lev[i]] - ymean;
        tss += yi * yi;
    }
    fit->tss_ld = tss;
    fit->tss = (double)tss;
    fit->yss_ld = yss;
    double s2 = fit->rss / fit->df_resid;
    fit->sigma = sqrt(s2);
    /* Coefficient j = sum sg ybar_lv - b'beta; classical variance s2 (sum sg^2 / n_g +
     * b' (Z~'Z~)^-1 b) = s2 (sum sg^2 / n_g + |Rinv' b|^2). */
    for (size_t j = 0; j < p; j++) {
        size_t lv[2];
        long double sg[2], c = 0, v = 0;
        size_t na = es_fe_coef_form(fe, j, lv, sg, b);
        for (size_t a = 0; a < na; a++) {
            c += sg[a] * ybar[lv[a]];
            v += 1 / fe->ng[lv[a]];
        }
        for (size_t m = 0; m < k; m++)
            c -= b[m] * w->coef_ld[m];
        v += es_fe_rinvt(fe, b, b + k);
        fit->coef_ld[j] = c;
        fit->coef[j] = (double)c;
        double vd = (double)(v * s2);
        es_coef_infer(&fit->coef[j], &vd, 1, fit->df_resid, fit->conf, &fit->se[j], &fit->tstat[j],
                      &fit->pvalue[j], &fit->ci_low[j], &fit->ci_high[j]);
    }
    free(b);
    es_ols_fit_stats(fit);
done:
    free(colnorm);
    free(ybar);
    return st;
}

/* The sums of the file comment: Pd (G, diagonal of P), Poff (G x G off-diagonal entries,
 * allocated when some cluster spans two levels, else NULL), Q (G x k), M (k x k). */
typedef struct {
    long double *Pd, *Q, *M;
    double *Poff;
} es_fe_meat;

/* Add one cluster's sums: T[g] for the touched levels (nt of them) and W (k). */
static int es_fe_add_cluster(const es_fe *fe, es_fe_meat *mt, const size_t *touched, size_t nt, const long double *T,
                             const long double *W)
{
    size_t k = fe->k, G = fe->G;
    for (size_t a = 0; a < nt; a++) {
        size_t g = touched[a];
        mt->Pd[g] += T[g] * T[g];
        for (size_t m = 0; m < k; m++)
            mt->Q[g * k + m] += T[g] * W[m];
    }
    if (nt > 1 && mt->Poff == NULL && (mt->Poff = calloc(G * G, sizeof *mt->Poff)) == NULL)
        return es_error(ES_ENOMEM);
    for (size_t a = 0; a < nt; a++)
        for (size_t c = a + 1; c < nt; c++) {
            double v = (double)(T[touched[a]] * T[touched[c]]);
            mt->Poff[touched[a] * G + touched[c]] += v;
            mt->Poff[touched[c] * G + touched[a]] += v;
        }
    for (size_t a = 0; a < k; a++)
        for (size_t c = 0; c < k; c++)
            mt->M[a * k + c] += W[a] * W[c];
    return ES_OK;
}

/* Row i's residual, w_i = (Z~'Z~)^-1 z~_i into wi, and its leverage. */
static long double es_fe_row(const es_fe *fe, size_t i, long double *wi, long double *tmp, long double *e)
{
    const es_ols *w = &fe->within;
    size_t k = fe->k;
    const long double *z = fe->zt + i * k;
    long double r = fe->yt[i];
    for (size_t m = 0; m < k; m++)
        r -= z[m] * w->coef_ld[m];
    /* tmp = Rinv' z; wi = Rinv tmp. */
    long double h = 1 / fe->ng[fe->lev[i]] + es_fe_rinvt(fe, z, tmp);
    for (size_t m = 0; m < k; m++) {
        long double s = 0;
        for (size_t l = m; l < k; l++)
            s += w->rinv[m * k + l] * tmp[l];
        wi[m] = s;
    }
    *e = r;
    return h;
}

/* The rows in cluster order (counting sort), and the number of clusters present. */
static size_t *es_fe_cluster_order(const uint32_t *cluster, size_t n, size_t *G)
{
    size_t ncl = 0;
    for (size_t i = 0; i < n; i++)
        if ((size_t)cluster[i] + 1 > ncl)
            ncl = (size_t)cluster[i] + 1;
    size_t *start = calloc(ncl + 1, sizeof *start), *ord = malloc((n ? n : 1) * sizeof *ord);
    if (start == NULL || ord == NULL) {
        free(start), free(ord);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        start[cluster[i] + 1]++;
    *G = 0;
    for (size_t c = 0; c < ncl; c++) {
        *G += start[c + 1] > 0;
        start[c + 1] += start[c];
    }
    for (size_t i = 0; i < n; i++)
        ord[start[cluster[i]]++] = i;
    free(start);
    return ord;
}

/* Accumulate the meat over the rows (in cluster order ord, or each row alone when ord is
 * NULL, weighted by the HC type). */
static int es_fe_accumulate(const es_fe *fe, const es_ols *fit, const uint32_t *cluster, const size_t *ord,
                            es_vcov_type type, es_fe_meat *mt, es_vcov_info *info)
{
    size_t n = fe->n, k = fe->k, G = fe->G;
    long double *T = calloc(G, sizeof *T), *W = calloc(k, sizeof *W), *wi = malloc(k * sizeof *wi);
    long double *tmp = malloc(k * sizeof *tmp);
    size_t *touched = malloc(G * sizeof *touched), nt = 0;
    unsigned char *mark = calloc(G, 1);
    int st = ES_OK;
    if (!T || !W || !wi || !tmp || !touched || !mark) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    long double s2 = fit->rss_ld / (long double)fit->df_resid;
    for (size_t q = 0; q < n && st == ES_OK; q++) {
        size_t i = ord ? ord[q] : q, g = fe->lev[i];
        long double e, h = es_fe_row(fe, i, wi, tmp, &e), r;
        if (type != ES_VCOV_CLASSICAL) {
            if ((double)h > info->max_leverage)
                info->max_leverage = (double)h;
            if (1 - h < 1e-10)
                info->n_lev_one++;
        }
        switch (type) {
        case ES_VCOV_CLASSICAL: r = sqrtl(s2); break;
        case ES_VCOV_HC2: r = e / sqrtl(1 - h); break;
        case ES_VCOV_HC3: r = e / (1 - h); break;
        default: r = e; break;
        }
        if (!mark[g]) {
            mark[g] = 1;
            touched[nt++] = g;
        }
        T[g] += r / fe->ng[g];
        for (size_t m = 0; m < k; m++)
            W[m] += r * wi[m];
        /* The cluster (or the row) ends here: add its sums. */
        if (ord == NULL || q + 1 == n || cluster[ord[q + 1]] != cluster[i]) {
            st = es_fe_add_cluster(fe, mt, touched, nt, T, W);
            for (size_t a = 0; a < nt; a++)
                T[touched[a]] = 0, mark[touched[a]] = 0;
            nt = 0;
            memset(W, 0, k * sizeof *W);
        }
    }
done:
    free(T), free(W), free(wi), free(tmp), free(touched), free(mark);
    return st;
}

/* Cov(j, l) of the file comment for two coefficient forms. */
static long double es_fe_cov(const es_fe *fe, const es_fe_meat *mt, size_t na, const size_t *lva,
                             const long double *sga, const long double *ba, const long double *Mba, size_t nb,
                             const size_t *lvb, const long double *sgb, const long double *bb)
{
    size_t k = fe->k, G = fe->G;
    long double v = 0;
    for (size_t a = 0; a < na; a++)
        for (size_t c = 0; c < nb; c++) {
            size_t g = lva[a], h = lvb[c];
            v += sga[a] * sgb[c] * (g == h ? mt->Pd[g] : mt->Poff ? (long double)mt->Poff[g * G + h] : 0);
        }
    for (size_t a = 0; a < na; a++)
        for (size_t m = 0; m < k; m++)
            v -= sga[a] * bb[m] * mt->Q[lva[a] * k + m];
    for (size_t c = 0; c < nb; c++)
        for (size_t m = 0; m < k; m++)
            v -= sgb[c] * ba[m] * mt->Q[lvb[c] * k + m];
    for (size_t m = 0; m < k; m++)
        v += bb[m] * Mba[m];
    return v;
}

int es_fe_vcov(const es_fe *fe, const es_ols *fit, const uint32_t *cluster, es_vcov_type type, double *V,
               es_vcov_info *info)
{
    es_vcov_info dummy;
    if (info == NULL)
        info = &dummy;
    memset(info, 0, sizeof *info);
    info->df = fit->df_resid;
    size_t n = fe->n, k = fe->k, G = fe->G, p = fe->p;
    for (size_t i = 0; i < p * p; i++)
        V[i] = NAN;
    if (type > ES_VCOV_CR1 || (type == ES_VCOV_CR1 && cluster == NULL))
        return es_error(ES_EINVAL);
    for (size_t i = 0; type == ES_VCOV_CR1 && i < n; i++)
        if (cluster[i] == UINT32_MAX)
            return es_error(ES_EINVAL);
    es_fe_meat mt = {calloc(G, sizeof *mt.Pd), calloc(G * k, sizeof *mt.Q), calloc(k * k, sizeof *mt.M), NULL};
    size_t *ord = NULL, ncl = 0;
    long double *B = malloc(p * k * sizeof *B), *MB = malloc(p * k * sizeof *MB), *sg = malloc(2 * p * sizeof *sg);
    size_t *lv = malloc(2 * p * sizeof *lv), *na = malloc(p * sizeof *na);
    int st = ES_OK;
    if (!mt.Pd || !mt.Q || !mt.M || !B || !MB || !sg || !lv || !na ||
        (type == ES_VCOV_CR1 && (ord = es_fe_cluster_order(cluster, n, &ncl)) == NULL)) {
        st = es_error(ES_ENOMEM);
        goto done;
    }
    if ((st = es_fe_accumulate(fe, fit, cluster, ord, type, &mt, info)) != ES_OK)
        goto done;
    if (info->n_lev_one > 0 && (type == ES_VCOV_HC2 || type == ES_VCOV_HC3)) {
        st = es_error(ES_EDOM);
        goto done;
    }
    long double scale = 1;
    double nn = (double)n, kk = (double)fit->rank;
    if (type == ES_VCOV_HC1)
        scale = nn / (nn - kk);
    if (type == ES_VCOV_CR1) {
        info->n_clusters = ncl;
        info->df = (double)ncl - 1;
        if (ncl < 2) {
            st = es_error(ES_EDOM);
            goto done;
        }
        scale = ((long double)ncl / (ncl - 1)) * ((nn - 1) / (nn - kk));
    }
    /* Each coefficient's form, and M b. */
    for (size_t j = 0; j < p; j++) {
        na[j] = es_fe_coef_form(fe, j, lv + 2 * j, sg + 2 * j, B + j * k);
        for (size_t a = 0; a < k; a++) {
            long double s = 0;
            for (size_t c = 0; c < k; c++)
                s += mt.M[a * k + c] * B[j * k + c];
            MB[j * k + a] = s;
        }
    }
    for (size_t j = 0; j < p; j++)
        for (size_t l = 0; l <= j; l++) {
            long double v = es_fe_cov(fe, &mt, na[j], lv + 2 * j, sg + 2 * j, B + j * k, MB + j * k, na[l],
                                      lv + 2 * l, sg + 2 * l, B + l * k);
            V[j * p + l] = V[l * p + j] = (double)(v * scale);
        }
done:
    free(mt.Pd), free(mt.Q), free(mt.M), free(mt.Poff);
    free(ord), free(B), free(MB), free(sg), free(lv), free(na);
    return st;
}
