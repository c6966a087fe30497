/* test_fe.c — the absorbed-factor OLS (fe.h) against the dense QR and sandwich (ols.h,
 * sandwich.h) on the same design: coefficients, every covariance entry (classical,
 * HC0-HC3, CR1 with clusters that span levels), p-values, R^2, F, leverage, to 1e-10
 * relative.  The dense path is itself checked against R 4.2.2 (test_ols.c,
 * test_sandwich.c); tests/cli/regress-fe-r-golden.t checks the absorbed path against R.
 * Data: a deterministic generator (40 levels of unequal size, two numeric columns and a
 * 3-level factor that stays in the dense part, heteroskedastic errors). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/buf.h"
#include "engagestat/design.h"
#include "engagestat/error.h"
#include "engagestat/fe.h"
#include "engagestat/ols.h"
#include "engagestat/sandwich.h"
#include "testutil.h"

#define FE_N 600
#define FE_G 40

/* A uniform deviate in (0, 1) (Park & Miller minimal standard generator). */
static double fe_unif(uint64_t *s)
{
    *s = (*s * 48271u) % 2147483647u;
    return (double)*s / 2147483647.0;
}

typedef struct {
    es_dict *lev, *plat;
    uint32_t codes[FE_N], pcodes[FE_N], cluster[FE_N];
    double x1[FE_N], x2[FE_N], y[FE_N];
    es_design *d;
} fe_data;

/* The data; singleton: level 39 has one row; collinear: x2 is constant within levels. */
static int fe_make(fe_data *f, int singleton, int collinear)
{
    memset(f, 0, sizeof *f);
    f->lev = es_dict_alloc();
    f->plat = es_dict_alloc();
    if (!f->lev || !f->plat)
        return -1;
    char name[16];
    uint32_t c;
    for (int g = 0; g < FE_G; g++) {
        snprintf(name, sizeof name, "L%02d", g);
        es_dict_intern(f->lev, name, strlen(name), &c, NULL);
    }
    for (int g = 0; g < 3; g++) {
        snprintf(name, sizeof name, "P%d", g);
        es_dict_intern(f->plat, name, strlen(name), &c, NULL);
    }
    uint64_t s = 12345;
    for (int i = 0; i < FE_N; i++) {
        /* Two rows per level, then levels of unequal size (the product of two uniforms
         * favours the low levels). */
        int g = i < 2 * FE_G ? i % FE_G : (int)(fe_unif(&s) * fe_unif(&s) * FE_G);
        if (singleton && g == FE_G - 1 && i >= FE_G)
            g = 0;
        f->codes[i] = (uint32_t)g;
        f->pcodes[i] = (uint32_t)(fe_unif(&s) * 3);
        f->x1[i] = 3 + 4 * fe_unif(&s);
        f->x2[i] = collinear ? 0.5 * g : fe_unif(&s) - 0.5 + 0.02 * g;
        double e = (fe_unif(&s) - 0.5) * (0.2 + 0.3 * f->x2[i] * f->x2[i]);
        f->y[i] = -1.3 - 0.2 * f->x1[i] + 0.1 * f->x2[i] + 0.05 * (g % 5) + 0.1 * f->pcodes[i] + e;
        f->cluster[i] = (uint32_t)(fe_unif(&s) * 90); /* clusters cross levels */
    }
    f->d = es_design_alloc(FE_N);
    if (f->d == NULL || es_design_add_intercept(f->d) != ES_OK ||
        es_design_add_numeric(f->d, "x1", f->x1) != ES_OK || es_design_add_factor(f->d, "lev", f->codes, f->lev, NULL) != ES_OK ||
        es_design_add_numeric(f->d, "x2", f->x2) != ES_OK ||
        es_design_add_factor(f->d, "plat", f->pcodes, f->plat, NULL) != ES_OK || es_design_finish(f->d, NULL) != ES_OK)
        return -1;
    return 0;
}

static void fe_release(fe_data *f)
{
    es_design_free(f->d);
    es_dict_free(f->lev);
    es_dict_free(f->plat);
}

typedef struct {
    const es_design *d;
    const double *y;
} fe_src;

static int fe_row(void *ctx, size_t k, double *x, double *y)
{
    const fe_src *s = ctx;
    es_design_row(s->d, k, x);
    *y = s->y[es_design_source_row(s->d, k)];
    return 0;
}

/* |a - b| <= tol * scale, scale = max(|b|, sqrt(Vjj Vll)) for covariance entries. */
static int fe_close(double a, double b, double scale, double tol)
{
    return fabs(a - b) <= tol * fmax(fabs(b), scale);
}

static void test_fe_dense(void)
{
    fe_data f;
    CU_ASSERT_FATAL(fe_make(&f, 0, 0) == 0);
    size_t n = es_design_n(f.d), p = es_design_p(f.d);
    CU_ASSERT_EQUAL(p, 1 + 1 + (FE_G - 1) + 1 + 2);
    fe_src src = {f.d, f.y};
    es_ols dense = {0}, fast = {0};
    es_fe *fe = NULL;
    CU_ASSERT_EQUAL_FATAL(es_ols_fit_rows(&dense, n, p, fe_row, &src, NULL), ES_OK);
    CU_ASSERT_EQUAL_FATAL(es_fe_fit(&fe, f.d, 0, f.y, NULL, &fast), ES_OK);
    CU_ASSERT_EQUAL(fast.rank, dense.rank);
    CU_ASSERT_EQUAL(fast.df_resid, dense.df_resid);
    int ok = 1;
    for (size_t j = 0; j < p; j++)
        ok &= fe_close(fast.coef[j], dense.coef[j], 0, 1e-10) && fe_close(fast.se[j], dense.se[j], 0, 1e-10) &&
              fe_close(fast.pvalue[j], dense.pvalue[j], 0, 1e-10) && !fast.aliased[j];
    CU_ASSERT_TRUE(ok);
    ES_ASSERT_REL(fast.rss, dense.rss, 1e-10);
    ES_ASSERT_REL(fast.tss, dense.tss, 1e-10);
    ES_ASSERT_REL(fast.r2, dense.r2, 1e-10);
    ES_ASSERT_REL(fast.adj_r2, dense.adj_r2, 1e-10);
    ES_ASSERT_REL(fast.fstat, dense.fstat, 1e-10);
    ES_ASSERT_REL(fast.f_pvalue, dense.f_pvalue, 1e-10);
    ES_ASSERT_REL(fast.loglik, dense.loglik, 1e-10);
    ES_ASSERT_REL(fast.sigma, dense.sigma, 1e-10);
    double *Vd = malloc(p * p * sizeof *Vd), *Vf = malloc(p * p * sizeof *Vf);
    CU_ASSERT_FATAL(Vd != NULL && Vf != NULL);
    uint32_t *cl = malloc(n * sizeof *cl);
    CU_ASSERT_FATAL(cl != NULL);
    for (size_t k = 0; k < n; k++)
        cl[k] = f.cluster[es_design_source_row(f.d, k)];
    for (int t = ES_VCOV_CLASSICAL; t <= ES_VCOV_CR1; t++) {
        es_vcov_info id, ifa;
        CU_ASSERT_EQUAL(es_ols_vcov_rows(&dense, n, fe_row, &src, cl, (es_vcov_type)t, Vd, &id), ES_OK);
        CU_ASSERT_EQUAL(es_fe_vcov(fe, &fast, cl, (es_vcov_type)t, Vf, &ifa), ES_OK);
        int vok = 1;
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < p; l++)
                vok &= fe_close(Vf[j * p + l], Vd[j * p + l], sqrt(Vd[j * p + j] * Vd[l * p + l]), 1e-10);
        if (!vok)
            fprintf(stderr, "test_fe: %s covariance differs\n", es_vcov_name((es_vcov_type)t));
        CU_ASSERT_TRUE(vok);
        CU_ASSERT_EQUAL(ifa.df, id.df);
        CU_ASSERT_EQUAL(ifa.n_clusters, id.n_clusters);
        CU_ASSERT_EQUAL(ifa.n_lev_one, 0);
        ES_ASSERT_REL(ifa.max_leverage, id.max_leverage, 1e-10);
    }
    free(Vd), free(Vf), free(cl);
    es_ols_free(&dense);
    es_ols_free(&fast);
    es_fe_free(fe);
    fe_release(&f);
}

/* A level with one row has leverage 1: HC2/HC3 are undefined (ES_EDOM, n_lev_one = 1) as
 * on the dense path; HC0 is defined. */
static void test_fe_singleton(void)
{
    fe_data f;
    CU_ASSERT_FATAL(fe_make(&f, 1, 0) == 0);
    size_t p = es_design_p(f.d);
    es_ols fast = {0};
    es_fe *fe = NULL;
    CU_ASSERT_EQUAL_FATAL(es_fe_fit(&fe, f.d, 0, f.y, NULL, &fast), ES_OK);
    double *V = malloc(p * p * sizeof *V);
    CU_ASSERT_FATAL(V != NULL);
    es_vcov_info info;
    CU_ASSERT_EQUAL(es_fe_vcov(fe, &fast, NULL, ES_VCOV_HC3, V, &info), ES_EDOM);
    CU_ASSERT_EQUAL(info.n_lev_one, 1);
    CU_ASSERT_TRUE(isnan(V[0]));
    CU_ASSERT_EQUAL(es_fe_vcov(fe, &fast, NULL, ES_VCOV_HC2, V, &info), ES_EDOM);
    CU_ASSERT_EQUAL(es_fe_vcov(fe, &fast, NULL, ES_VCOV_HC0, V, &info), ES_OK);
    CU_ASSERT_TRUE(isfinite(V[0]));
    CU_ASSERT_DOUBLE_EQUAL(info.max_leverage, 1, 1e-12);
    CU_ASSERT_EQUAL(es_fe_vcov(fe, &fast, NULL, ES_VCOV_CR1, V, &info), ES_EINVAL); /* no clusters */
    free(V);
    es_ols_free(&fast);
    es_fe_free(fe);
    fe_release(&f);
}

/* A column constant within the levels is collinear with the factor: ES_EDOM (the dense
 * QR decides which column is aliased); a design without the factor is ES_EINVAL. */
static void test_fe_refuses(void)
{
    fe_data f;
    CU_ASSERT_FATAL(fe_make(&f, 0, 1) == 0);
    es_ols fast = {0};
    es_fe *fe = NULL;
    CU_ASSERT_EQUAL(es_fe_fit(&fe, f.d, 0, f.y, NULL, &fast), ES_EDOM);
    es_ols_free(&fast);
    es_fe_free(fe);
    fe = NULL;
    CU_ASSERT_EQUAL(es_fe_fit(&fe, f.d, 5, f.y, NULL, &fast), ES_EINVAL);
    es_ols_free(&fast);
    es_fe_free(fe);
    fe_release(&f);
}

int es_suite_fe(void)
{
    CU_pSuite s = CU_add_suite("fe", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "absorbed factor equals the dense QR and sandwich", test_fe_dense) ||
        !CU_add_test(s, "a one-row level: HC2/HC3 undefined", test_fe_singleton) ||
        !CU_add_test(s, "collinear column and no factor refused", test_fe_refuses))
        return -1;
    return 0;
}
