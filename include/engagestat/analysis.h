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
#include "engagestat/load.h"
#include "engagestat/results.h"

/* One load, ready for analysis.  Borrowed pointers; rep may be NULL (no input block). */
typedef struct es_study {
    const es_load_report *rep;
    const es_units *units;
    const es_units_opts *uo; /* how the units were built: ER, unit, aggregation, max ER, bands */
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
                         ES_MIN_N_DEFAULT (docs/methods.md says why) */
} es_analysis_opts;

void es_analysis_opts_init(es_analysis_opts *o);
/* Bootstrap options (B, seed, threads, conf) from the shared ones. */
void es_analysis_boot_opts(const es_analysis_opts *o, es_boot_opts *bo);

/* A results tree for one analysis on s: the input block, the definitions (er, unit,
 * account_er, bands, band_edges, band_names, max_er) and a warning for every row or
 * unit left out.  NULL when out of memory. */
es_results *es_study_results(const es_study *s, const char *analysis);

/* The note a group below the minimum n gets instead of an interval or test, such as
 * "n = 3 < min_n 10: no interval"; NULL when n >= min_n.  buf holds at least 64 bytes. */
const char *es_min_n_note(size_t n, size_t min_n, const char *what, char *buf, size_t size);

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

#endif
