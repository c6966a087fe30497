/* analysis.h — the study engine: every analysis of the command-line program as a
 * library call.
 *
 * A study loads a file once (es_load_csv), builds its units once (es_units_build), and
 * runs any set of analyses on them.  Each analysis has an options struct with an _init
 * that sets the defaults the command line documents, and a _run that takes the study
 * and fills an es_results (es_study_results makes one with the input block and the
 * definitions).  The command line fills exactly these structs.
 *
 *     es_study s = {.rep = &rep, .units = &u, .uo = &uo};
 *     es_results *res = es_study_results(&s, "describe");
 *     es_describe_opts o;
 *     es_describe_opts_init(&o);
 *     int rc = es_describe_run(&s, &o, res, &err);
 *
 * Errors of every _run: ES_EINVAL (an option does not fit the data, such as a band
 * named in the ratio that the bands do not have; err says which), ES_EDOM (the data
 * cannot answer, such as --by niche without a niche column), ES_ENOMEM.  A failure
 * while filling the results also sticks in it (es_results_status).  Nothing is
 * written to standard output or error. */
#ifndef ES_ANALYSIS_H
#define ES_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "engagestat/bootstrap.h"
#include "engagestat/engagement.h"
#include "engagestat/error.h"
#include "engagestat/fit.h"
#include "engagestat/load.h"
#include "engagestat/results.h"
#include "engagestat/simulate.h"

/* One load, ready for analysis.  Borrowed pointers; rep may be NULL (no input block). */
typedef struct es_study {
    const es_load_report *rep;
    const es_units *units;
    const es_units_opts *uo; /* how the units were built: ER, unit, aggregation, max ER, bands */
    const es_table *table;   /* the table the units were built from (covariates, counts);
                                NULL when the analysis needs only the units */
} es_study;

/* The default minimum number of units in a group for any interval or test. */
#define ES_MIN_N_DEFAULT 10

/* What every analysis shares. */
typedef struct es_analysis_opts {
    double conf;      /* confidence level, 0 < conf < 1; 0.95 */
    size_t boot;      /* bootstrap replicates, 0 = none; 2000 */
    uint64_t seed;    /* 1; the same seed gives the same numbers for any thread count */
    unsigned threads; /* 0 = es_thread_count's default */
    size_t min_n;     /* a group with fewer units gets no interval or test, with a note;
                         ES_MIN_N_DEFAULT (docs/methods-describe.md says why) */
} es_analysis_opts;

void es_analysis_opts_init(es_analysis_opts *o);
/* Bootstrap options (B, seed, threads, conf) from the shared ones. */
void es_analysis_boot_opts(const es_analysis_opts *o, es_boot_opts *bo);

/* A results tree for one analysis on s: the input block, the definitions (er, unit,
 * account_er, bands, band_edges or band_column and band_order, band_names, max_er),
 * a warning for every row or
 * unit left out, for names on several platforms, varying follower counts and rates
 * above ES_ER_SUSPECT that were kept, and, when anything was left out, the table
 * "exclusions" (band, reason, rows, units, share; supplementary, so not csv's
 * default) with a warning for each share above 5% of a band.  NULL when out of memory. */
es_results *es_study_results(const es_study *s, const char *analysis);

/* The accounts among the units of band `band` (-2: any band) with niche code `niche`
 * and platform code `platform` (ES_DICT_NONE: any) and, when positive, ER > 0: the units
 * themselves for account units; for post units the distinct (platform, account)
 * clusters (a post without an account is its own).  What min_n counts, since accounts
 * are what the bootstrap resamples.  SIZE_MAX when out of memory. */
size_t es_units_accounts(const es_units *u, int band, uint32_t niche, uint32_t platform, int positive);

/* The note a group below the minimum n gets instead of an interval or test, such as
 * "n = 3 < min_n 10: no interval"; NULL when n >= min_n.  buf holds at least 64 bytes. */
const char *es_min_n_note(size_t n, size_t min_n, const char *what, char *buf, size_t size);

/* ---------------------------------------------------------------- inspect */

/* What the loader saw in t (loaded with opts, reported in rep), before any engagement
 * rate: the input block, delimiter, decimal mark and gzip settings; tables columns
 * (name, type, role, missing, distinct, min, max), rejected (by reason, with the first
 * line and column) and filters (per --where: tested, kept, removed, missing, not
 * parsed); values followers_min/_median/_max, accounts (distinct (platform, account)
 * values in the kept rows, or rows without an account column), level. */
int es_inspect_run(const es_table *t, const es_load_report *rep, const es_load_opts *opts, es_results *res, es_err *err);

/* ---------------------------------------------------------------- describe */

/* Engagement rate by band (and niche and/or platform): n, mean, sd, median, quartiles,
 * IQR, geometric and trimmed means, MAD; intervals for the median (order statistics,
 * bootstrap percentile and BCa; cluster bootstrap for post units) and the mean; the
 * ratio of medians of two bands with its bootstrap interval.
 * Tables: describe, intervals, ratio.  Value: ratio_of_medians_A_B. */
typedef struct es_describe_opts {
    es_analysis_opts common;
    int by_niche, by_platform;    /* repeat every row per niche and/or platform */
    const char *ratio_num, *ratio_den; /* "micro", "mega" */
} es_describe_opts;

void es_describe_opts_init(es_describe_opts *o);
int es_describe_run(const es_study *s, const es_describe_opts *o, es_results *res, es_err *err);

/* ---------------------------------------------------------------- compare */

/* Engagement rates between follower bands.  For the pair group_a vs group_b (per niche
 * or platform with by, each test's p adjusted across the groups): Mann-Whitney (exact
 * or normal, as R's wilcox.test) with the Hodges-Lehmann shift, AUC and Cliff's delta;
 * Welch's t on log ER (or ER) with Hedges' g; permutation tests of the difference in
 * medians and in means (bootstrap BCa CI, account units); the ratio of medians with a
 * bootstrap CI (account units).  Across the bands: Kruskal-Wallis (epsilon squared)
 * with Dunn's pairs, the classical and Welch's one-way ANOVA.
 * Minimum n (common.min_n; accounts for post units): a comparison whose smaller group
 * has fewer units keeps its rows and point estimates but gets no test, p-value or
 * interval, with es_min_n_note's note (pairwise: note column; effects: method
 * column).  The omnibus tests and Dunn's pairs leave out bands below it, named with
 * their n in a warning and in the omnibus rows' note.
 * Tables: pairwise, effects, bands, omnibus, dunn.
 * Errors: ES_EINVAL for a band not in the scheme or the same band twice (the message
 * names them), or by other than niche or platform; ES_EDOM for by on a file without
 * that column; ES_ENOMEM. */
typedef struct es_compare_opts {
    es_analysis_opts common;
    const char *group_a, *group_b; /* the two bands: "micro", "mega" */
    int alt;        /* es_alternative (A relative to B): ES_ALT_TWO_SIDED */
    int adjust;     /* es_adjust_method across groups and Dunn's pairs: ES_ADJ_HOLM */
    int log_scale;  /* t tests and ANOVA on log ER (1, default; ER = 0 left out) or ER (0) */
    int exact;      /* Mann-Whitney p: -1 R's rule (default), 0 normal, 1 exact (conditional on ties) */
    size_t perm;    /* permutations: 9999 (exact enumeration when fewer partitions) */
    es_role by;     /* ES_ROLE_NONE (default), ES_ROLE_NICHE or ES_ROLE_PLATFORM */
} es_compare_opts;

void es_compare_opts_init(es_compare_opts *o);
int es_compare_run(const es_study *s, const es_compare_opts *o, es_results *res, es_err *err);

/* ---------------------------------------------------------------- fit */

/* Which distribution describes engagement in each follower band (and niche): ML fits
 * of the families in `dists` (fit.h), ranked by AIC among the fits on the same values,
 * with SEs, EDF statistics and, with common.boot > 0, parametric-bootstrap GOF
 * p-values; and the power-law tail of follower counts (powerlaw.h).
 * A group with fewer than common.min_n values gets its rows with every number missing
 * and the es_min_n_note "no fit".  best_fit_LABEL names the lowest AIC only when every
 * requested family was fitted to the group's values; when one is undefined there (zeros
 * under lognormal, gamma, Weibull) or did not converge, the value is null and a warning
 * says which.
 * Tables: fits, parameters, densities (with curves), powerlaw, powerlaw_compare,
 * powerlaw_ccdf (with curves).  Values: best_fit_LABEL, powerlaw_xmin, powerlaw_alpha.
 * (es_fit_opts, the options of one ML fit, is fit.h's; these are the analysis's.) */
typedef struct es_fit_run_opts {
    es_analysis_opts common; /* boot: GOF bootstrap replicates, 0 (the default) = none; seed,
                                threads; min_n; conf is not used */
    es_fit_opts ml;          /* each ML fit: beta 0/1 rule, iterations */
    unsigned dists;          /* bit (1u << es_dist) per family; default all */
    int by_niche;            /* es_fit_run: repeat per niche within each band */
    int drop_zeros;          /* fit the positive values only (counted, warned) */
    int no_powerlaw;         /* skip the power-law tail */
    int discrete;            /* power law: -1 auto (discrete when all whole), 0, 1 */
    double xmin;             /* power law: fixed xmin, 0 = search */
    long min_tail;           /* power law: smallest tail; 10 */
    long grid;               /* power law: -1 default log grid, 0 all candidates, N */
    int curves;              /* add the densities and powerlaw_ccdf tables */
    long points;             /* points per density; 100 */
    const char *column;      /* es_fit_column_run: the column; NULL: a one-column table */
} es_fit_run_opts;

void es_fit_run_opts_init(es_fit_run_opts *o);
/* Band (and niche) mode on a study.  ES_EDOM: by_niche without a niche column. */
int es_fit_run(const es_study *s, const es_fit_run_opts *o, es_results *res, es_err *err);
/* One variable: x[0..n-1] (no NaN), labelled label (the setting "column" and the
 * variable column).  ES_EINVAL: NaN in x. */
int es_fit_values_run(const double *x, size_t n, const char *label, const es_fit_run_opts *o, es_results *res,
                      es_err *err);
/* One numeric column of t (o->column; NULL for a one-column table), missing values left
 * out with a warning.  ES_EINVAL: no such column; ES_EDOM: not numeric. */
int es_fit_column_run(const es_table *t, const es_fit_run_opts *o, es_results *res, es_err *err);

/* ---------------------------------------------------------------- power */

/* Accounts per band needed to detect a ratio of median engagement rates between two
 * bands with the Mann-Whitney test, by simulation: a pool of `accounts` accounts is
 * simulated from params (account ER = median over its posts of (likes+comments) /
 * followers, bands ES_BANDS_DEFAULT); band_a's values are scaled so that the ratio of
 * medians is `target`; n is the smallest sample per band whose simulated power (nsim
 * studies, common random numbers) is >= power, found by doubling then bisection up to
 * ES_POWER_NMAX; Noether's (1987) n from the AUC of the scaled pools beside it.
 * Tables: power, curve.  Values: n_per_band, n_noether.
 * Errors: ES_EINVAL (band_a or band_b not a band, or the same band), ES_EDOM (the pool
 * has fewer than 10 accounts in a band), ES_ENOMEM. */
#define ES_POWER_NMAX 20000
typedef struct es_power_opts {
    const char *band_a, *band_b;        /* "micro", "mega" */
    double target;                      /* ratio A/B to detect; NaN: the model's */
    double power, alpha;                /* 0.8, 0.05 */
    long nsim;                          /* simulated studies per n; 1000 */
    int alternative;                    /* es_alternative; ES_ALT_TWO_SIDED */
    size_t accounts;                    /* pool size; 200000 */
    uint64_t seed;                      /* 1 */
    const es_sim_params *params;        /* the model; NULL: the built-in one */
    const char *model;                  /* its label in the settings; NULL: "built-in" */
    /* The direct ratio of medians A/B in the data the model was calibrated on, with its
     * interval (NaN: none): a warning names it when the model's ratio falls outside
     * the interval; a NaN target then means the observed ratio (cmd_power.c sets it
     * with --calibrate). */
    double observed_ratio, observed_lo, observed_hi;
} es_power_opts;

void es_power_opts_init(es_power_opts *o);
int es_power_run(const es_power_opts *o, es_results *res, es_err *err);

/* ----------------------------------------------------------------- regress */

/* How engagement scales with followers (docs/methods-regress.md): OLS of log10(ER) on
 * log10(followers) (+ covariates, + a quadratic term) by Householder QR, with classical,
 * HC0-HC3 or cluster-robust (CR1, by account) errors; the elasticity; predicted median
 * ER at 10k and 1M followers and at the median followers of the two ratio bands, and
 * their ratios; optionally a robust fit (Huber as MASS::rlm, bisquare as GSL) and an NB2
 * count model with offset log(followers) (log(followers x posts) for account units);
 * the median ER in log-spaced follower bins with distribution-free intervals.
 * s->table must be the table the units were built from (covariate and count columns); the
 * units must carry their row map (es_units_build fills unit_of_row).
 * A bin or a ratio band with fewer than common.min_n accounts gets no interval (bins) or
 * no contrast (predictions), with the es_min_n_note note.
 * Tables: coefficients, fit, references, predictions, turning_point (quadratic), robust,
 * count_model and count_fit (count), bins.  Values: elasticity*, median_er_at_*,
 * ratio_10k_over_1m*, ratio_A_over_B*, n, r2, ...
 * Errors: ES_EINVAL for an option value outside its range or a covariate the table does
 * not have (or that holds unique text); ES_EDOM when no unit has every model variable, for
 * CR1 without an account column, or a count role without its column; ES_ENOMEM. */
typedef struct es_regress_opts {
    es_analysis_opts common; /* conf, min_n (regress does not resample) */
    const char *covariates;  /* comma-separated: niche, platform, sponsored (unit fields) or
                                any column name or role of t; NULL: none */
    int quadratic;           /* add log10(followers)^2 and report the turning point */
    const char *vcov;        /* classical, HC0..HC3, CR1; NULL: HC3, or CR1 for post units
                                with an account column */
    const char *robust;      /* NULL, "huber" or "bisquare" */
    const char *count;       /* NULL or a count role other than followers ("likes") */
    double zero_offset;      /* >= 0: model log10(ER + c); NaN (default): leave zero-ER units out */
    long bins;               /* log-spaced follower bins for the curve, 1..1000; 10 */
    const char *ratio_num, *ratio_den; /* bands of the contrast; "micro", "mega"; NULL:
                                           no contrast; a band the scheme lacks: ES_EINVAL */
} es_regress_opts;

void es_regress_opts_init(es_regress_opts *o);
int es_regress_run(const es_study *s, const es_regress_opts *o, es_results *res, es_err *err);

/* ----------------------------------------------------------------- models */

/* Regression models side by side (modelsummary / stargazer style), each fitted by
 * es_regress_run on the same units: (1) linear: log10(ER) ~ log10(followers); (2) + the
 * quadratic term; (3) (2) + niche and platform fixed effects (those the data have, a
 * platform column only with two platforms or more); (4) the robust (Huber, as MASS::rlm)
 * fit of (1); (5) the NB2 count model of likes ~ log(followers) with offset log(followers)
 * (log(followers x posts) for account units), when the data have a likes column.  (1)-(3)
 * use vcov (NULL: regress's default, HC3, or CR1 by account for post units); (4) and (5)
 * report their model-based errors.  A model the data cannot support is left out with a
 * warning saying which and why.
 * Table "models": per term a row stat "estimate" and a row stat "se" (the SE in
 * parentheses, or with ci the conf interval in brackets, as text of `digits` significant
 * digits), then rows N, R2, adj. R2, AIC, BIC, log-likelihood, "SE type", "Response" and
 * "Fixed effects: niche" / ": platform" (yes/no; the dummies themselves are not listed);
 * columns term, stat, then one per model fitted: "(1) linear", "(2) quadratic",
 * "(3) quadratic + FE", "(4) robust (Huber)", "(5) NB2 (likes)".  Table "models_long"
 * (supplementary): model, term, estimate, se, ci_low, ci_high, p_value for every
 * coefficient, dummies included, in full precision.  Table "model_comparison": the AIC of
 * (1) and (2), the likelihood-ratio test of the quadratic term (classical), its Wald test
 * (with vcov), the model the data support (quadratic when its AIC is lower and the LR
 * p < 1 - conf), and the ratio_num/ratio_den contrast implied by (1)-(3) (es_regress_run's
 * ratio_A_over_B, at the bands' median followers) beside the direct ratio of medians
 * (es_ratio_of_medians, bootstrap BCa with common.boot > 0 for account units), a model's
 * row noting when its estimate lies outside the direct interval.
 * Values: supported_model, lr_quadratic, lr_quadratic_p_value, ratio_direct (and _ci_low,
 * _ci_high), ratio_model_K for K = 1..3.
 * Errors: those of es_regress_run (ES_EINVAL for a vcov or ratio band that does not fit,
 * ES_EDOM when no unit has a positive ER), ES_EINVAL for digits outside 1..17, ES_ENOMEM. */
typedef struct es_models_opts {
    es_analysis_opts common;           /* conf, min_n; boot, seed, threads: the direct ratio */
    const char *vcov;                  /* NULL: regress's default */
    int with_fe, with_robust, with_count; /* models (3), (4), (5): 1, 1, 1 */
    const char *ratio_num, *ratio_den; /* "micro", "mega"; NULL: no contrast rows */
    int ci;                            /* 0: SE in parentheses (default); 1: CI in brackets */
    int digits;                        /* significant digits of the SE/CI text; 0: 4 */
} es_models_opts;

void es_models_opts_init(es_models_opts *o);
int es_models_run(const es_study *s, const es_models_opts *o, es_results *res, es_err *err);

/* ------------------------------------------------------------ sensitivity */

/* Does the ratio of median ER of two bands hold under other definitions?  Recomputed
 * on the study's table with one choice changed at a time from the study's own (a
 * one-factor-at-a-time design): the band presets (hypeauditor, later, markerly,
 * seed), the ER (likes+comments/followers, likes/followers, (likes+comments)/views
 * where views exist), the account aggregation (median, mean, ratio; post-level data),
 * the unit (account vs post) and the largest ER kept (none vs 1).  Each cell: the two
 * bands' accounts, the ratio and its BCa interval (account units, as describe), holds
 * (yes: interval above 1; direction only; no; reversed: interval below 1).
 * Table: sensitivity.  Values: sensitivity_cells, sensitivity_holds,
 * sensitivity_verdict ("micro > mega (interval above 1) holds in 7 of 9 cells; not in:
 * ...").  s->table is required. */
typedef struct es_sensitivity_opts {
    es_analysis_opts common;
    const char *ratio_num, *ratio_den; /* "micro", "mega" */
} es_sensitivity_opts;

void es_sensitivity_opts_init(es_sensitivity_opts *o);
int es_sensitivity_run(const es_study *s, const es_sensitivity_opts *o, es_results *res, es_err *err);

/* ----------------------------------------------------------------- claims */

/* The seed article's claims, one verdict each (supported / not supported / not
 * testable), computed from the numbers with the evidence and its interval:
 * micro (5k-50k) out-engage larger accounts (50k+): ratio of median ER, BCa interval
 * above 1; niche focus goes with higher engagement: Spearman's rho of an account's
 * niche concentration (share of its posts in its main niche) with its ER over its
 * band's median, Fisher-z interval above 0 (not testable when each account has one
 * niche); a 2M-follower account has far lower relative engagement: median ER 5k-50k
 * over 1M-5M, interval above 2; smaller accounts have more conversation: median
 * comments per like 5k-50k over 1M+, interval above 1.  Groups below common.min_n,
 * or no interval (post units), give "not testable".
 * Table: claims (claim, verdict, test, estimate, ci_low, ci_high, n_a, n_b, evidence). */
typedef struct es_claims_opts {
    es_analysis_opts common;
} es_claims_opts;

void es_claims_opts_init(es_claims_opts *o);
int es_claims_run(const es_study *s, const es_claims_opts *o, es_results *res, es_err *err);

/* ----------------------------------------------------------------- selection */

/* What biases a tier comparison in this sample, each check with its evidence
 * (docs/datasets.md says what the shared datasets get).
 * Table "selection": check, detected (yes, no, not testable), evidence (a sentence with
 * the numbers), consequence (what it does to micro vs mega), one row per check, in order:
 *   rank_column       a numeric column named rank, position, top, ... whose values run
 *                     1..N (N >= 10) with distinct values covering >= 90% of 1..N, within
 *                     each platform when there are several
 *   sorted_by_outcome rows in descending order of followers or of the engagement rate, or
 *                     ascending order of the rank column, in > 95% of the adjacent pairs
 *                     that differ (at least 20 such pairs; else not testable)
 *   top_n             per platform, the number of accounts within 1% of 50, 100, 200, 250,
 *                     500, 1000, ... with the smallest followers >= 10x the first band edge
 *                     (1000 for bands from a column) or a rank column running 1..N
 *   trending_feed     the file's or its directory's name, or a column name, says trending,
 *                     feed, fyp, foryou, explore, viral, discover or popular; or views
 *                     exceed followers in more than half the rows with a median
 *                     views/followers above 2
 *   range_above_edge  bands entirely below the smallest follower count, overall or within
 *                     a platform (bands from a column: not testable)
 *   empty_bands       other bands without a unit (above the largest account, or between)
 *   snapshot_lag      a column named scrape..., snapshot, crawl..., collected, fetched,
 *                     retrieved, as_of, ... (a date, "YYYY-MM" or Unix time) minus the post
 *                     date (date role): median in days above lag_days; without one, for
 *                     post-level data and account units, a lower bound from accounts with
 *                     several posts under one follower count (read no earlier than the
 *                     latest post): yes when the bound is above lag_days, else not testable
 *   small_cells       band x niche cells (band x platform without a niche, bands alone
 *                     without either), empty cells included, with fewer than common.min_n
 *                     accounts (es_units_accounts)
 *   followers_vary    accounts whose follower count varies across their posts
 *                     (es_units n_followers_vary; account-level data: not testable)
 * Settings lag_days, min_n.  Value selection_warnings (checks detected).  A warning
 * "selection: CHECK: EVIDENCE; CONSEQUENCE" for each check detected.
 * s->table should be the table the units were built from (NULL: the checks that read it
 * are not testable); s->rep->path gives the file name.
 * Errors: ES_EINVAL (no units or bands, lag_days < 0), ES_ENOMEM. */
typedef struct es_selection_opts {
    es_analysis_opts common; /* min_n (the rest is not used) */
    double lag_days;         /* snapshot_lag threshold in days; 180 */
} es_selection_opts;

void es_selection_opts_init(es_selection_opts *o);
int es_selection_run(const es_study *s, const es_selection_opts *o, es_results *res, es_err *err);

/* ----------------------------------------------------------------- shape */

/* The shape of log10(ER) against log10(followers) (docs/methods-regress.md, section 8):
 * four OLS fits (ols.h) to the same units (ER > 0): linear; quadratic; piecewise linear,
 * a continuous hinge b0 + b1 x + b2 max(x - k, 0) whose knot k is the least-squares best
 * of knot_grid points equally spaced between the 10th and 90th percentiles of x (the knot
 * counts as a parameter in AIC and BIC); and a natural cubic spline with spline_df degrees
 * of freedom (knots at quantiles of x as R's splines::ns; the same fitted values).  Fitted
 * overall and, with by_platform on a file with two platforms or more, per platform; a
 * group with fewer than common.min_n accounts is not fitted (its verdict says so).
 * Tables: "shape" (group, model, n, df = parameters incl. sigma and knot, loglik, aic,
 * bic, delta_aic (from the group's lowest), lr_vs_linear, lr_df, lr_p_value (chi-squared;
 * nominal for the hinge, whose knot is estimated), note); "shape_verdict" (group, verdict,
 * best_model, evidence); "shape_curve" (group, model, followers, median_er = 10^fit on 100
 * log-spaced points over the group's follower range); "shape_contrast" (group, model,
 * ratio = predicted median ER at the median followers of band ratio_num over that of
 * ratio_den, ci_low, ci_high by the delta method with vcov (conditional on the knot and
 * the spline's knots), note).
 * Verdict: "linear" unless the curved model of lowest AIC beats the linear one by more
 * than 2 with LR p < 1 - conf; else from that model's curve inside the data: "U-shaped"
 * (an inner minimum with the fall before it and the rise after it each larger than t
 * times its standard error), "inverted U" (the mirror), "rising" (higher at the largest
 * followers than at the smallest), "flattening" (falling, the mean slope over the upper
 * half of log10 followers smaller in magnitude than over the lower half) or
 * "steepening".  Values: shape_verdict, shape_best_model (the overall group's).
 * Errors: ES_EINVAL for conf, vcov, knot_grid (2..10000), spline_df (2..10) or a ratio band
 * that does not fit; ES_EDOM for CR1 without an account column or no unit with ER > 0;
 * ES_ENOMEM. */
typedef struct es_shape_opts {
    es_analysis_opts common;           /* conf, min_n */
    int by_platform;                   /* also per platform: 1 */
    const char *vcov;                  /* NULL: HC3, or CR1 by account for post units */
    const char *ratio_num, *ratio_den; /* "micro", "mega"; NULL: no shape_contrast */
    long knot_grid;                    /* hinge knots tried: 50 */
    int spline_df;                     /* natural spline degrees of freedom: 4 */
} es_shape_opts;

void es_shape_opts_init(es_shape_opts *o);
int es_shape_run(const es_study *s, const es_shape_opts *o, es_results *res, es_err *err);

#endif
