/* engagestat/compare.h — two-group and k-group comparisons on plain double arrays:
 * Mann-Whitney (Wilcoxon rank sum) with Hodges-Lehmann shift, AUC and Cliff's delta;
 * Kruskal-Wallis and Dunn; Welch t, Hedges g, classical and Welch one-way ANOVA;
 * permutation tests; p-value adjustment; log p-values of upper tails.
 * Ownership: nothing is retained; inputs are const and never reordered (the functions
 * copy to their own scratch space); results are plain structs owned by the caller. */
#ifndef ES_COMPARE_H
#define ES_COMPARE_H

#include <stddef.h>

/* Direction of the alternative hypothesis, about x relative to y (R's argument). */
typedef enum { ES_ALT_TWO_SIDED = 0, ES_ALT_LESS, ES_ALT_GREATER } es_alternative;

/* "two.sided"/"two-sided", "less", "greater" -> the enum; -1 when unknown. */
int es_alternative_from_name(const char *name);
const char *es_alternative_name(es_alternative a);

/* ------------------------------------------------------------------ log p-values */

/* Natural log of upper-tail probabilities, accurate where the probability itself
 * underflows: log(GSL _Q) when that is above 1e-300, else the leading continued
 * fraction of the incomplete gamma / beta function evaluated in log space
 * (Press et al. 1992, Numerical Recipes 6.2 and 6.4).  NaN for invalid parameters. */
double es_log_ugaussian_Q(double z);

/* Upper tail of Student's t with real df nu, from the regularized incomplete beta
 * function (gsl_sf_beta_inc): I_x(nu/2, 1/2)/2 with x = nu/(nu + t^2) in the tail, so
 * it keeps full relative accuracy where gsl_cdf_tdist_Q's large-nu expansion loses
 * digits (1e-7 relative at t = 30, nu = 150).  es_tdist_Qinv polishes
 * gsl_cdf_tdist_Qinv with Newton steps on it.  NaN for invalid arguments. */
double es_tdist_Q(double t, double nu);
double es_tdist_Qinv(double p, double nu);
double es_log_tdist_Q(double t, double nu);
double es_log_chisq_Q(double x, double nu);
double es_log_fdist_Q(double f, double nu1, double nu2);

/* ------------------------------------------------------------------ Mann-Whitney */

typedef enum {
    ES_MW_NORMAL = 0,      /* normal approximation, tie-corrected variance */
    ES_MW_EXACT,           /* exact null distribution without ties (Mann & Whitney 1947) */
    ES_MW_EXACT_TIES,      /* exact conditional distribution given the tied midranks */
    ES_MW_PERMUTATION      /* Monte Carlo permutation p-value, (b+1)/(m+1) */
} es_mw_method;

typedef struct es_mw_opts {
    es_alternative alt;
    int exact;             /* -1: R's rule (exact when n1 < 50, n2 < 50 and no ties);
                              0: normal approximation; 1: exact (conditional on ties) */
    int correct;           /* continuity correction in the normal approximation (R: TRUE) */
    int conf_int;          /* compute the location-shift estimate and its CI */
    double conf_level;     /* e.g. 0.95 */
    double tol_root;       /* R's tol.root for the asymptotic CI (1e-4) */
    size_t perm;           /* Monte Carlo draws when exact-with-ties is too big (0: 9999) */
    unsigned long seed;
    size_t exact_ties_max; /* work limit for the exact conditional distribution
                              (0: 5e7 cells); above it the permutation p is used */
} es_mw_opts;

/* R 4.2.2 wilcox.test(x, y, exact = NULL, correct = TRUE, conf.int = TRUE). */
void es_mw_opts_default(es_mw_opts *o);

typedef struct es_mw_result {
    size_t n1, n2;          /* finite values used (NaN and infinities are dropped, as R) */
    int ties;               /* the pooled sample has ties */
    es_mw_method method;    /* how p_value was computed */
    double w;               /* U of the first group = R's W = rank sum of x - n1(n1+1)/2 */
    double z;               /* normal statistic (with corrections); computed for every
                               method, NaN when the variance is zero */
    double p_value, log_p_value;
    double p_normal;        /* the R 4.2.2 normal-approximation p, whatever the method */
    double estimate;        /* R's estimate: median of differences (exact) or the root
                               of the standardized statistic (normal) */
    double ci_low, ci_high, conf_level; /* achieved level (R's attribute) */
    double hl;              /* Hodges-Lehmann: median of all x_i - y_j, by selection */
    double auc;             /* P(X > Y) + P(X = Y)/2 = W/(n1 n2) */
    double cliff_delta;     /* P(X > Y) - P(X < Y) = 2 AUC - 1 */
    double cliff_se;        /* consistent SE of delta (Cliff 1993; Feng & Cliff 2004) */
    double cliff_ci_low, cliff_ci_high; /* asymmetric CI (Cliff 1996, eq. 3.8) */
    double auc_ci_low, auc_ci_high;     /* (1 + delta CI)/2 */
} es_mw_result;

/* Mann-Whitney / Wilcoxon rank-sum test of x (n1) against y (n2), matching R 4.2.2's
 * wilcox.test statistic, p-value, estimate and conf.int, plus HL, AUC and Cliff's
 * delta.  Errors: ES_EEMPTY when a group has no finite value; ES_ENOMEM.  When all
 * values are tied the normal p-value is NaN (variance zero) and the exact ones are 1. */
int es_mw_test(const double *x, size_t n1, const double *y, size_t n2, const es_mw_opts *o,
               es_mw_result *r);

/* R's pwilcox(q, m, n, lower.tail) and qwilcox(p, m, n): the null distribution of W
 * without ties, by the frequency recursion (Mann & Whitney 1947).  NaN (or -1 for
 * the quantile) when m or n is 0 or too large (m n > 1e6) or on allocation failure. */
double es_pwilcox(double q, size_t m, size_t n, int lower_tail);
double es_qwilcox(double p, size_t m, size_t n);

/* k-th smallest (1-based) of the n1*n2 differences xs[i] - ys[j] of two ascending
 * arrays, by selection in the sorted matrix (Johnson & Mizoguchi 1978; Monahan 1984)
 * in O((n1 + n2) log(n1 n2)) expected time and O(n1 + n2) memory.  ES_EINVAL when k
 * is out of range; ES_ENOMEM. */
int es_diff_select_sorted(const double *xs, size_t n1, const double *ys, size_t n2,
                          unsigned long long k, double *out);

/* Median of the n1*n2 pairwise differences (the Hodges-Lehmann shift), unsorted input.
 * ES_EEMPTY when a group is empty. */
int es_hodges_lehmann(const double *x, size_t n1, const double *y, size_t n2, double *out);

/* ------------------------------------------------------------------ p adjustment */

typedef enum {
    ES_ADJ_HOLM = 0, ES_ADJ_HOCHBERG, ES_ADJ_BONFERRONI, ES_ADJ_BH, ES_ADJ_BY, ES_ADJ_NONE
} es_adjust_method;

/* "holm", "hochberg", "bonferroni", "BH" (or "fdr"), "BY", "none"; -1 when unknown. */
int es_adjust_from_name(const char *name);
const char *es_adjust_name(es_adjust_method m);

/* R's p.adjust(p, method): NaN entries stay NaN and are not counted; n is the number
 * of non-NaN values (n_override > 0 replaces it, it must be >= that count).  out may
 * equal p.  Errors: ES_EINVAL (p outside [0, 1], bad method or n), ES_ENOMEM. */
int es_p_adjust(const double *p, size_t len, es_adjust_method m, size_t n_override, double *out);

/* ------------------------------------------------------------------ Kruskal-Wallis */

typedef struct es_kw_result {
    size_t n, k;            /* values used, groups with at least one value */
    double h;               /* tie-corrected H (Kruskal & Wallis 1952) */
    double df;              /* k - 1 */
    double p_value, log_p_value;  /* chi-squared upper tail */
    double epsilon2;        /* H / (n - 1) (Tomczak & Tomczak 2014) */
    double tie_correction;  /* C = 1 - sum(t^3 - t)/(n^3 - n) */
} es_kw_result;

/* Kruskal-Wallis test across k groups (R's kruskal.test; NaN values dropped, empty
 * groups are ignored as R does).  ES_EDOM when fewer than 2 non-empty groups;
 * all values tied gives H = NaN, p = NaN (R: NaN). */
int es_kw_test(const double *const *groups, const size_t *ns, size_t k, es_kw_result *r);

typedef struct es_dunn_pair {
    size_t a, b;            /* group indices, a < b */
    double mean_rank_diff;  /* mean rank of a minus mean rank of b */
    double z, p_value, p_adjusted;
} es_dunn_pair;

/* Dunn (1964) pairwise z tests on the pooled midranks, tie-corrected variance
 * (N(N+1)/12 - sum(t^3-t)/(12(N-1)))(1/n_a + 1/n_b), two-sided p, adjusted by m.
 * out holds k(k-1)/2 pairs in order (0,1),(0,2),...,(k-2,k-1).  Pairs with an empty
 * group get NaN.  ES_EDOM when fewer than 2 values in total. */
int es_dunn_test(const double *const *groups, const size_t *ns, size_t k, es_adjust_method m,
                 es_dunn_pair *out);

/* ------------------------------------------------------------------ t and ANOVA */

typedef struct es_t_result {
    size_t n1, n2;
    double mean1, mean2, sd1, sd2;   /* sample SDs (n - 1) */
    double estimate;                 /* mean1 - mean2 */
    double se, t, df;                /* Welch SE and Satterthwaite df */
    double p_value, log_p_value;
    double ci_low, ci_high;          /* CI of the difference at conf_level */
    double g, g_se, g_ci_low, g_ci_high; /* Hedges g (pooled SD, exact J via lgamma)
                                         and its Hedges & Olkin (1985) normal CI */
} es_t_result;

/* Welch two-sample t test (R's t.test(x, y, alternative, conf.level)).  NaN values
 * are dropped.  ES_EDOM when a group has fewer than 2 values; a zero standard error
 * gives t = NaN, p = NaN (R stops with "data are essentially constant"). */
int es_welch_t(const double *x, size_t n1, const double *y, size_t n2, es_alternative alt,
               double conf_level, es_t_result *r);

typedef struct es_anova_result {
    size_t n, k;
    double ss_between, ss_within, ms_between, ms_within;
    double df1, df2, f, p_value, log_p_value;
    double r2, resid_sd;
} es_anova_result;

/* Classical one-way ANOVA F (R's anova(lm(y ~ factor(g)))).  Accumulates in long
 * double around a provisional centre (the first value of each group and the grand
 * median of group centres) with compensated (Neumaier 1974) sums.  NaN values are
 * dropped; ES_EDOM when k < 2 non-empty groups or n - k < 1. */
int es_anova_oneway(const double *const *groups, const size_t *ns, size_t k, es_anova_result *r);

/* The same from long double values (for input parsed with strtold, which keeps the
 * decimal digits a double loses when 13 leading digits are constant, NIST SmLs07-09). */
int es_anova_oneway_l(const long double *const *groups, const size_t *ns, size_t k, es_anova_result *r);

typedef struct es_welch_anova_result {
    size_t n, k;
    double f, df1, df2, p_value, log_p_value;
} es_welch_anova_result;

/* Welch's (1951) heteroscedastic one-way ANOVA (R's oneway.test(var.equal = FALSE)).
 * ES_EDOM when fewer than 2 groups or a group has fewer than 2 values; a group with
 * zero variance gives NaN (R: Inf weights, NaN). */
int es_anova_welch(const double *const *groups, const size_t *ns, size_t k,
                   es_welch_anova_result *r);

/* ------------------------------------------------------------------ permutation */

typedef enum { ES_PERM_MEDIAN = 0, ES_PERM_MEAN } es_perm_stat;

typedef struct es_perm_opts {
    es_perm_stat stat;      /* difference of medians (type 7) or of means, x minus y */
    es_alternative alt;     /* two-sided = 2 min(one-sided), capped at 1 */
    size_t m;               /* Monte Carlo permutations (0: 9999); exact enumeration
                               when the number of partitions C(n1+n2, n1) is <= m */
    unsigned long seed;
    int threads;            /* 0 or 1: no threads; the result never depends on it */
    int by_value;           /* 1: the reference path for the median (selection on the
                               values), which gives the same counts; for tests */
} es_perm_opts;

typedef struct es_perm_result {
    double observed;        /* statistic on the data */
    double p_value;         /* exact: share of partitions; MC: (b+1)/(m+1) */
    double p_less, p_greater;
    size_t b_less, b_greater, m;  /* counts as extreme, and permutations made */
    int exact;              /* 1 when all partitions were enumerated */
} es_perm_result;

/* Permutation test of the difference in medians or means (Phipson & Smyth 2010).
 * Statistics within 100 eps |observed| count as equal.  Random draws come from
 * gsl_rng_mt19937 seeded per block of 1024 permutations (seed + block index), so the
 * result is the same for any thread count.  The medians of a random partition are
 * read off a bitmap of the pooled ranks, in O(n_small + N/64) a permutation, not
 * O(N); the partitions and the counts are those of selection on the values
 * (by_value).  ES_EEMPTY when a group is empty. */
int es_perm_test(const double *x, size_t n1, const double *y, size_t n2, const es_perm_opts *o,
                 es_perm_result *r);

/* ------------------------------------------------------------------ power */

/* Noether's (1987, JASA 82:645) sample size for the Mann-Whitney test: total
 *   N = (z_{1-alpha/s} + z_{power})^2 / (12 c (1 - c) (auc - 1/2)^2),
 * s = 2 two-sided (1 one-sided), c = share of N in the first group, auc = P(X > Y) +
 * P(X = Y)/2 under the alternative.  NaN for auc = 1/2 or arguments out of range. */
double es_noether_n(double auc, double alpha, double power, double c, int two_sided);

typedef struct es_power_sim_opts {
    es_alternative alt;
    double alpha;           /* significance level, e.g. 0.05 */
    size_t nsim;            /* simulated studies (e.g. 1000) */
    unsigned long seed;     /* gsl_rng_mt19937 seed; the same seed, the same draws */
} es_power_sim_opts;

/* Power of the Mann-Whitney test (normal approximation with tie and continuity
 * corrections, R's wilcox.test(exact = FALSE)) for n_a and n_b accounts,
 * by simulation: each study draws n_a values from pool_a (times scale_a) and n_b from
 * pool_b with replacement and tests at alpha; power = share of studies rejecting.
 * Errors: ES_EEMPTY (an empty pool or n = 0), ES_EINVAL, ES_ENOMEM. */
int es_power_mw_sim(const double *pool_a, size_t na, double scale_a, const double *pool_b, size_t nb,
                    size_t n_a, size_t n_b, const es_power_sim_opts *o, double *power);

#endif
