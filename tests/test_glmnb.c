/* test_glmnb.c — NB2 regression against R 4.2.2's MASS::glm.nb and glm(poisson):
 * expected values from `Rscript tests/reference/regress_glmnb.R` (line names cited in
 * each block) on tests/data/reg_posts.csv and tests/data/reg_pois.csv. */
#include <CUnit/CUnit.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/glmnb.h"
#include "engagestat/load.h"
#include "engagestat/table.h"
#include "testutil.h"

/* Numeric columns of a CSV in tests/data, by name; returns the row count (0 on error). */
static size_t load_cols(const char *file, const char *const *names, size_t k, double **out)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_table *t = NULL;
    es_load_report rep;
    es_err err = {0};
    int st = es_load_csv(es_test_data(file), &lo, &t, &rep, &err);
    es_load_report_free(&rep);
    es_err_clear(&err);
    if (st != ES_OK)
        return 0;
    size_t n = t->n_rows;
    for (size_t c = 0; c < k; c++) {
        int j = es_table_find(t, names[c]);
        out[c] = malloc((n ? n : 1) * sizeof **out);
        if (j < 0 || out[c] == NULL || t->cols[j].type != ES_COL_NUMERIC) {
            es_table_free(t);
            return 0;
        }
        memcpy(out[c], t->cols[j].num, n * sizeof **out);
    }
    es_table_free(t);
    return n;
}

static void test_nb(void)
{
    static const char *const names[] = {"followers", "sponsored", "likes"};
    double *col[3] = {NULL, NULL, NULL};
    size_t n = load_cols("reg_posts.csv", names, 3, col);
    CU_ASSERT_FATAL(n == 90);
    double *X = malloc(n * 3 * sizeof *X), *off = malloc(n * sizeof *off);
    CU_ASSERT_FATAL(X != NULL && off != NULL);
    for (size_t i = 0; i < n; i++) {
        X[i * 3] = 1;
        X[i * 3 + 1] = log(col[0][i]);
        X[i * 3 + 2] = col[1][i];
        off[i] = log(col[0][i]);
    }
    es_glmnb fit;
    CU_ASSERT_EQUAL(es_glmnb_fit(&fit, X, col[2], off, n, 3, NULL), ES_OK);
    CU_ASSERT_FALSE(fit.poisson_fallback);
    CU_ASSERT_TRUE(fit.converged);
    /* "nb_coef", "nb_se", "nb_z", "nb_p" */
    static const double coef[] = {-1.7320225156390838, -0.26758965989769584, -0.016985805590584897};
    static const double se[] = {0.42447778055082486, 0.03532803855920405, 0.15561448546758261};
    static const double z[] = {-4.0803608457232308, -7.5744273050783466, -0.10915311347492361};
    static const double pv[] = {4.4965841815315034e-05, 3.6071530729374911e-14, 0.91308104805299894};
    for (size_t j = 0; j < 3; j++) {
        ES_ASSERT_REL(fit.coef[j], coef[j], 1e-6);
        ES_ASSERT_REL(fit.se[j], se[j], 1e-6);
        ES_ASSERT_REL(fit.zstat[j], z[j], 1e-6);
        ES_ASSERT_REL(fit.pvalue[j], pv[j], 1e-5);
    }
    /* "nb_theta" (theta, SE.theta), "nb_loglik", "nb_aic", "nb_deviance" */
    ES_ASSERT_REL(fit.theta, 2.1583124263626932, 1e-6);
    ES_ASSERT_REL(fit.se_theta, 0.30225057168467878, 1e-6);
    ES_ASSERT_REL(fit.loglik, -691.53103102430214, 1e-8);
    ES_ASSERT_REL(fit.aic, 1391.0620620486043, 1e-8);
    ES_ASSERT_REL(fit.deviance, 96.666014764136008, 1e-6);
    /* Poisson start: "pois_coef", "pois_se", "pois_loglik"; LR test "lr" (p underflows
     * to 0 in R as in GSL). */
    static const double pc[] = {0.0080877554945137601, -0.39686087251511559, -0.20072891367813353};
    static const double ps[] = {0.022593731608561752, 0.0016324639526346008, 0.0052957982604420655};
    for (size_t j = 0; j < 3; j++) {
        ES_ASSERT_REL(fit.pois_coef[j], pc[j], 1e-6);
        ES_ASSERT_REL(fit.pois_se[j], ps[j], 1e-6);
    }
    ES_ASSERT_REL(fit.pois_loglik, -41323.352820077416, 1e-9);
    ES_ASSERT_REL(fit.lr_stat, 81263.643578106232, 1e-8);
    ES_ASSERT_REL(fit.lr_pvalue, 0, 0);
    es_glmnb_free(&fit);

    /* Errors: a non-integer count; n <= p. */
    col[2][5] = 2.5;
    CU_ASSERT_EQUAL(es_glmnb_fit(&fit, X, col[2], off, n, 3, NULL), ES_EINVAL);
    es_glmnb_free(&fit);
    CU_ASSERT_EQUAL(es_glmnb_fit(&fit, X, col[2], off, 3, 3, NULL), ES_EDOM);
    es_glmnb_free(&fit);
    free(X);
    free(off);
    for (int c = 0; c < 3; c++)
        free(col[c]);
}

/* Poisson data: theta.ml diverges (glm.nb: "iteration limit reached", theta 23525,
 * "nb2_theta"), so the Poisson fit is reported: "pois2_coef", "pois2_se", "pois2_loglik". */
static void test_poisson_fallback(void)
{
    static const char *const names[] = {"x", "e", "y"};
    double *col[3] = {NULL, NULL, NULL};
    size_t n = load_cols("reg_pois.csv", names, 3, col);
    CU_ASSERT_FATAL(n == 200);
    double *X = malloc(n * 2 * sizeof *X), *off = malloc(n * sizeof *off);
    CU_ASSERT_FATAL(X != NULL && off != NULL);
    for (size_t i = 0; i < n; i++) {
        X[i * 2] = 1;
        X[i * 2 + 1] = col[0][i];
        off[i] = log(col[1][i]);
    }
    es_glmnb fit;
    CU_ASSERT_EQUAL(es_glmnb_fit(&fit, X, col[2], off, n, 2, NULL), ES_OK);
    CU_ASSERT_TRUE(fit.poisson_fallback);
    CU_ASSERT_TRUE(isnan(fit.theta));
    ES_ASSERT_REL(fit.coef[0], 0.1603249696379429, 1e-6);
    ES_ASSERT_REL(fit.coef[1], 0.61999866922587821, 1e-6);
    ES_ASSERT_REL(fit.se[0], 0.068427220957709922, 1e-6);
    ES_ASSERT_REL(fit.se[1], 0.051383620436756434, 1e-6);
    ES_ASSERT_REL(fit.loglik, -465.47026324295933, 1e-8);
    ES_ASSERT_REL(fit.lr_pvalue, 1, 0);
    es_glmnb_free(&fit);
    free(X);
    free(off);
    for (int c = 0; c < 3; c++)
        free(col[c]);
}

/* Issue 16: 90% zeros (tests/data/regress-zinb.csv, tests/reference/regress_glmnb.R).
 * glm.nb's alternation fails there (theta.ml "iteration limit reached" twice, theta
 * 589826 with log-likelihood -255540.9, while theta = 4.2e-4 gives -3084.1): that is no
 * evidence against overdispersion, so the fit is a failure, not the Poisson fallback.
 * The Poisson fit itself is R's: "zinb_pois_loglik". */
static void test_nb_failed(void)
{
    static const char *const names[] = {"followers", "avg_likes"};
    double *col[2] = {NULL, NULL};
    size_t n = load_cols("regress-zinb.csv", names, 2, col);
    CU_ASSERT_FATAL(n == 2000);
    double *X = malloc(n * 2 * sizeof *X), *off = malloc(n * sizeof *off);
    CU_ASSERT_FATAL(X != NULL && off != NULL);
    for (size_t i = 0; i < n; i++) {
        X[i * 2] = 1;
        X[i * 2 + 1] = log10(col[0][i]);
        off[i] = log(col[0][i]);
    }
    es_glmnb fit;
    CU_ASSERT_EQUAL(es_glmnb_fit(&fit, X, col[1], off, n, 2, NULL), ES_ENOCONV);
    CU_ASSERT_TRUE(fit.nb_failed);
    CU_ASSERT_FALSE(fit.poisson_fallback);
    CU_ASSERT_FALSE(fit.converged);
    CU_ASSERT_TRUE(isnan(fit.theta) && isnan(fit.coef[1]) && isnan(fit.loglik));
    CU_ASSERT_TRUE(isnan(fit.lr_stat) && isnan(fit.lr_pvalue));
    ES_ASSERT_REL(fit.pois_loglik, -255596.12571860224, 1e-8);
    es_glmnb_free(&fit);
    free(X);
    free(off);
    for (int c = 0; c < 2; c++)
        free(col[c]);
}

static int glmnb_init(void)
{
    gsl_set_error_handler_off();
    return 0;
}

int es_suite_glmnb(void)
{
    CU_pSuite s = CU_add_suite("glmnb", glmnb_init, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "NB2 with offset against MASS::glm.nb", test_nb) ||
        !CU_add_test(s, "near-Poisson data: Poisson fallback", test_poisson_fallback) ||
        !CU_add_test(s, "zero-inflated data: the NB2 fit fails, no Poisson answer", test_nb_failed))
        return -1;
    return 0;
}
