/* test_sandwich.c — HC0-HC3 and cluster-robust (CR1) covariances against R 4.2.2's
 * sandwich package on tests/data/reg_posts.csv: expected values from
 * `Rscript tests/reference/regress_ols.R`, lines "HC0".."HC3" (vcovHC(f, type = ...)) and
 * "CL_HC1" (vcovCL(f, cluster = ~account, type = "HC1")); 6 x 6, column-major as R
 * prints them (the matrices are symmetric). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/load.h"
#include "engagestat/ols.h"
#include "engagestat/sandwich.h"
#include "engagestat/table.h"
#include "testutil.h"

/* tests/data/reg_posts.csv (written by tests/reference/regress_ols.R) as the design of
 * lm(log10(er) ~ log10(followers) + niche + platform + sponsored): columns (Intercept),
 * log10(followers), nichefood, nichetech, platformtiktok, sponsored (R's treatment
 * coding, first level alphabetically as reference).  Returns n, or 0 on failure. */
static size_t reg_posts_design(double **X, double **y, uint32_t **cl)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_table *t = NULL;
    es_load_report rep;
    es_err err = {0};
    if (es_load_csv(es_test_data("reg_posts.csv"), &lo, &t, &rep, &err) != ES_OK) {
        es_load_report_free(&rep);
        es_err_clear(&err);
        return 0;
    }
    es_load_report_free(&rep);
    int jf = es_table_find(t, "followers"), je = es_table_find(t, "er"), jn = es_table_find(t, "niche");
    int jp = es_table_find(t, "platform"), js = es_table_find(t, "sponsored"), ja = es_table_find(t, "account");
    size_t n = t->n_rows;
    *X = malloc(n * 6 * sizeof **X);
    *y = malloc(n * sizeof **y);
    *cl = malloc(n * sizeof **cl);
    if (jf < 0 || je < 0 || jn < 0 || jp < 0 || js < 0 || ja < 0 || !*X || !*y || !*cl) {
        es_table_free(t);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        double *x = *X + i * 6;
        const char *niche = es_column_str(&t->cols[jn], i), *plat = es_column_str(&t->cols[jp], i);
        x[0] = 1;
        x[1] = log10(t->cols[jf].num[i]);
        x[2] = strcmp(niche, "food") == 0;
        x[3] = strcmp(niche, "tech") == 0;
        x[4] = strcmp(plat, "tiktok") == 0;
        x[5] = t->cols[js].type == ES_COL_NUMERIC ? t->cols[js].num[i]
                                                   : strcmp(es_column_str(&t->cols[js], i), "1") == 0;
        (*y)[i] = log10(t->cols[je].num[i]);
        (*cl)[i] = t->cols[ja].codes[i];
    }
    es_table_free(t);
    return n;
}

static const double hc[4][36] = {{
    0.022924559956574709, -0.0043819147571911117, 0.00038709786163574608,
    -0.00069235100730118918, 0.0010376369080976556, -0.00032068583213504411,
    -0.0043819147571911308, 0.00096108201543778076, -0.00020611889865846867,
    -0.00030784001870232412, -0.00072950949881320812, -5.0297238137347457e-05,
    0.00038709786163574977, -0.00020611889865846999, 0.0066795460480544907,
    0.00095913128603642166, -0.0014484848440003428, 0.00091751490468020621,
    -0.00069235100730117541, -0.00030784001870232466, 0.00095913128603642111,
    0.0042059053131482923, 0.0014545998883587455, 3.5687126280354255e-05,
    0.0010376369080976596, -0.00072950949881320584, -0.001448484844000343,
    0.0014545998883587457, 0.0044844786601292239, -0.00090950304561901116,
    -0.00032068583213503977, -5.0297238137350384e-05, 0.0009175149046802061,
    3.5687126280355583e-05, -0.0009095030456190104, 0.0045972223373900124,
}, {
    0.024562028524901698, -0.0046949086684190842, 0.00041474770889547176,
    -0.00074180465067977762, 0.0011117538301046073, -0.00034359196300184111,
    -0.0046949086684191163, 0.0010297307308262023, -0.00022084167713407892,
    -0.00032982859146679015, -0.0007816173201570045, -5.3889898004299798e-05,
    0.00041474770889546748, -0.00022084167713408177, 0.0071566564800583758,
    0.0010276406636104496, -0.0015519480471432158, 0.00098305168358593176,
    -0.00074180465067978348, -0.00032982859146679037, 0.0010276406636104485,
    0.0045063271212303193, 0.0015584998803843768, 3.8236206728947442e-05,
    0.0011117538301046283, -0.0007816173201570071, -0.001551948047143218,
    0.0015584998803843768, 0.0048047985644241609, -0.00097446754887750911,
    -0.0003435919630018365, -5.3889898004302617e-05, 0.00098305168358593219,
    3.8236206728948932e-05, -0.00097446754887750705, 0.0049255953614892956,
}, {
    0.024695090046154784, -0.0047328415978825063, 0.0003788558338547513,
    -0.0006899440174781724, 0.0011844211441846516, -0.00032546925419082474,
    -0.0047328415978825211, 0.0010394696410300267, -0.00021269504965437775,
    -0.00034236647208587016, -0.00079771279009287232, -6.015505077131991e-05,
    0.00037885583385475487, -0.00021269504965438002, 0.0071675295899675936,
    0.0010202844580411712, -0.0015629276794557618, 0.0010014782086791309,
    -0.00068994401747816156, -0.0003423664720858732, 0.001020284458041171,
    0.0045318075356777605, 0.0015756369385653134, 5.9585367660429146e-05,
    0.0011844211441846488, -0.00079771279009287059, -0.0015629276794557627,
    0.001575636938565313, 0.0048201376526526112, -0.00096139758604158051,
    -0.00032546925419083363, -6.0155050771319877e-05, 0.0010014782086791311,
    5.9585367660429072e-05, -0.00096139758604158094, 0.0049589412260793242,
}, {
    0.026607695537251359, -0.0051127861239744421, 0.00036572690105411021,
    -0.00068286499588232239, 0.0013482822177295979, -0.00032967331668758365,
    -0.0051127861239744074, 0.0011244472863262073, -0.00021889312830318986,
    -0.0003806056060581222, -0.00087238144614825341, -7.1265331667630429e-05,
    0.00036572690105411525, -0.0002188931283031901, 0.0076933298601460712,
    0.0010853869838966948, -0.0016868012624507527, 0.0010939370075798475,
    -0.00068286499588231719, -0.00038060560605812361, 0.0010853869838966942,
    0.0048841883978559099, 0.001707361518217437, 8.748903193355407e-05,
    0.0013482822177295628, -0.00087238144614824788, -0.001686801262450752,
    0.0017073615182174365, 0.0051820679557942314, -0.0010157909872319753,
    -0.00032967331668759043, -7.1265331667627488e-05, 0.0010939370075798485,
    8.7489031933553772e-05, -0.0010157909872319775, 0.0053505173854273306,
}};

static const double cl_hc1[36] = {
    0.018248469620450097, -0.002571494582337202, 0.004564165557417405,
    -0.0017593825007652397, -0.0031246167015527991, -0.0031382482871081837,
    -0.0025714945823372016, 0.00045917978032058434, -0.001284249026418517,
    -1.7468902538426922e-05, 0.00014288963338754214, 0.00034619364399486043,
    0.0045641655574174336, -0.0012842490264185185, 0.014902642395371674,
    0.0010014122424667992, 0.00065439872096143394, 0.0015892904017281234,
    -0.0017593825007652508, -1.7468902538425329e-05, 0.0010014122424667994,
    0.0020698859426218864, 0.0014421884586912454, -0.00097997986993980982,
    -0.003124616701552803, 0.00014288963338753959, 0.00065439872096142797,
    0.0014421884586912448, 0.0026809649091768472, -0.0010665453496732219,
    -0.0031382482871081794, 0.00034619364399485978, 0.0015892904017281255,
    -0.00097997986993981004, -0.0010665453496732224, 0.0054598876954442275,
};

static void test_hc_cl(void)
{
    double *X = NULL, *y = NULL;
    uint32_t *cl = NULL;
    size_t n = reg_posts_design(&X, &y, &cl);
    CU_ASSERT_FATAL(n == 90);
    es_ols fit;
    CU_ASSERT_EQUAL_FATAL(es_ols_fit(&fit, X, y, n, 6, NULL), ES_OK);
    double V[36];
    es_vcov_info info;
    for (int t = 0; t < 4; t++) {
        CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, NULL, (es_vcov_type)(ES_VCOV_HC0 + t), V, &info), ES_OK);
        for (size_t i = 0; i < 36; i++)
            ES_ASSERT_REL(V[i], hc[t][i], 1e-8);
        ES_ASSERT_REL(info.df, 84, 0);
        CU_ASSERT_EQUAL(info.n_lev_one, 0);
    }
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, cl, ES_VCOV_CR1, V, &info), ES_OK);
    for (size_t i = 0; i < 36; i++)
        ES_ASSERT_REL(V[i], cl_hc1[i], 1e-8);
    CU_ASSERT_EQUAL(info.n_clusters, 16);
    ES_ASSERT_REL(info.df, 15, 0);
    /* Predictions at 10k and 1M followers (reference levels, sponsored at its mean) with
     * HC3 standard errors: "pred10k", "pred1m" of the same script. */
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, NULL, ES_VCOV_HC3, V, &info), ES_OK);
    double ms = 0;
    for (size_t i = 0; i < n; i++)
        ms += X[i * 6 + 5];
    ms /= (double)n;
    double x10k[6] = {1, 4, 0, 0, 0, ms}, x1m[6] = {1, 6, 0, 0, 0, ms}, yhat, se;
    CU_ASSERT_EQUAL(es_ols_predict(&fit, V, x10k, &yhat, &se), ES_OK);
    ES_ASSERT_REL(yhat, -1.9729355771951087, 1e-10);
    ES_ASSERT_REL(se, 0.061902655913145012, 1e-8);
    CU_ASSERT_EQUAL(es_ols_predict(&fit, V, x1m, &yhat, &se), ES_OK);
    ES_ASSERT_REL(yhat, -2.4898903491645075, 1e-10);
    ES_ASSERT_REL(se, 0.076033244660821911, 1e-8);
    /* Classical is the fit's own covariance. */
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, NULL, ES_VCOV_CLASSICAL, V, &info), ES_OK);
    ES_ASSERT_REL(V[7], fit.cov[7], 0);
    /* Errors: CR1 without clusters; a missing cluster code. */
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, NULL, ES_VCOV_CR1, V, &info), ES_EINVAL);
    cl[3] = UINT32_MAX;
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, n, cl, ES_VCOV_CR1, V, &info), ES_EINVAL);
    es_ols_free(&fit);
    free(X);
    free(y);
    free(cl);
}

/* A one-observation group with its own dummy has h_ii = 1: HC2 and HC3 are undefined
 * (R's vcovHC gives NaN there), HC0/HC1 are not.  Exact by construction: rows
 * (1,0,x) x 4 and (1,1,5) x 1; the dummy column reproduces row 5 exactly. */
static void test_leverage_one(void)
{
    static const double X[] = {1, 0, 1, 1, 0, 2, 1, 0, 3, 1, 0, 4, 1, 1, 5};
    static const double y[] = {1.5, 1.9, 3.4, 3.7, 9};
    es_ols fit;
    CU_ASSERT_EQUAL_FATAL(es_ols_fit(&fit, X, y, 5, 3, NULL), ES_OK);
    ES_ASSERT_REL(es_ols_leverage(&fit, X + 12), 1, 1e-12);
    double V[9];
    es_vcov_info info;
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, 5, NULL, ES_VCOV_HC3, V, &info), ES_EDOM);
    CU_ASSERT_EQUAL(info.n_lev_one, 1);
    CU_ASSERT_TRUE(isnan(V[0]));
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, 5, NULL, ES_VCOV_HC2, V, &info), ES_EDOM);
    CU_ASSERT_EQUAL(es_ols_vcov(&fit, X, y, 5, NULL, ES_VCOV_HC0, V, &info), ES_OK);
    CU_ASSERT_TRUE(isfinite(V[0]));
    CU_ASSERT_EQUAL(info.n_lev_one, 1);
    es_ols_free(&fit);
}

static void test_names(void)
{
    CU_ASSERT_EQUAL(es_vcov_from_name("hc3"), ES_VCOV_HC3);
    CU_ASSERT_EQUAL(es_vcov_from_name("cluster"), ES_VCOV_CR1);
    CU_ASSERT_EQUAL(es_vcov_from_name("HC9"), -1);
    CU_ASSERT_STRING_EQUAL(es_vcov_name(ES_VCOV_CLASSICAL), "classical");
}

int es_suite_sandwich(void)
{
    CU_pSuite s = CU_add_suite("sandwich", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "HC0-HC3 and CR1 against R's sandwich", test_hc_cl) ||
        !CU_add_test(s, "leverage one: HC2/HC3 undefined", test_leverage_one) ||
        !CU_add_test(s, "covariance type names", test_names))
        return -1;
    return 0;
}
