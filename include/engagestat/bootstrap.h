/* engagestat/bootstrap.h — seeded, thread-count-independent nonparametric bootstrap
 * (one sample, cluster, two samples) with percentile and BCa intervals, and the
 * interval formulas as pure functions of a replicate vector.
 * Ownership: nothing is kept between calls; the caller owns every array it passes,
 * including the optional replicate buffer in es_boot_opts.  Statistic callbacks are
 * called from several threads at once and must be thread-safe (ctx is shared). */
#ifndef ES_BOOTSTRAP_H
#define ES_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

/* A statistic of one sample (x[0..n), a resample: the order is arbitrary) and of two
 * samples.  Return NaN or +-Inf for "undefined"; such replicates are dropped from the
 * intervals as boot::boot.ci does, and counted. */
typedef double (*es_boot_stat_fn)(const double *x, size_t n, void *ctx);
typedef double (*es_boot_stat2_fn)(const double *x, size_t nx, const double *y, size_t ny,
                                   void *ctx);

/* Ready-made thread-safe statistics (ctx unused).  Mean: es_mean.  Median: R's median
 * by selection on a private copy (O(n); NaN if the copy cannot be allocated, which
 * drops the replicate).  Ratio of medians: median(x) / median(y); difference of
 * medians: median(x) - median(y); difference of means: mean(x) - mean(y).  Passed to
 * the drivers, the mean and the difference of means are summed as drawn (no
 * resample stored).  Passed to the drivers, the median, the ratio and
 * the difference are recognised and bootstrapped without drawing n values per
 * replicate (an order statistic drawn by binomial splitting of the ranks, O(log n),
 * with the law of the ordinary bootstrap, not its draws: docs/methods-describe.md). */
double es_boot_stat_mean(const double *x, size_t n, void *ctx);
double es_boot_stat_median(const double *x, size_t n, void *ctx);
double es_boot_stat2_ratio_medians(const double *x, size_t nx, const double *y, size_t ny,
                                   void *ctx);
double es_boot_stat2_diff_medians(const double *x, size_t nx, const double *y, size_t ny,
                                  void *ctx);
double es_boot_stat2_diff_means(const double *x, size_t nx, const double *y, size_t ny, void *ctx);

typedef struct es_boot_opts {
    size_t B;           /* replicates, >= 1 (2000 or more for 95% intervals) */
    uint64_t seed;      /* the same seed gives bit-identical results for any threads */
    unsigned threads;   /* worker threads; 0 = all online cores (sysconf) */
    double conf;        /* confidence level, 0 < conf < 1 */
    size_t jack_max;    /* jackknife for BCa: exact up to this many units (values,
                           clusters), else this many groups; 0 = 1000 */
    double *replicates; /* NULL, or caller-owned array of B: receives t*_b in order b */
} es_boot_opts;

/* B = 2000, seed = 1, threads = 0, conf = 0.95, jack_max = 0 (1000), no replicates. */
void es_boot_opts_default(es_boot_opts *o);

typedef struct es_boot_result {
    double estimate;        /* t0, the statistic on the data */
    double se;              /* sd of the finite replicates (denominator B_used - 1) */
    double bias;            /* mean of the finite replicates - t0 */
    double perc_lo, perc_hi;/* percentile interval (boot::perc.ci arithmetic) */
    double bca_lo, bca_hi;  /* BCa interval (Efron 1987), NaN when z0 or a undefined */
    double z0, accel;       /* BCa bias correction and acceleration */
    size_t B;               /* replicates drawn */
    size_t B_used;          /* finite replicates: the intervals use these */
    size_t jack_units;      /* jackknife deletions made for the acceleration */
    int jack_grouped;       /* 1 when the jackknife deleted groups, not single units */
    int degenerate;         /* all finite replicates equal: se 0, intervals NaN */
} es_boot_result;

/* The ratio of medians median(x) / median(y), the one implementation behind
 * describe's ratio table, compare's ratio_of_medians effect and the forest plot.
 * estimate is NaN when a group is empty or median(y) is not positive.  With bo != NULL
 * and a finite estimate, the two-sample bootstrap (es_boot_two: each group resampled
 * on its own, bo's B, seed, threads, conf) gives the percentile and BCa intervals
 * (NaN where undefined; has_ci says whether the bootstrap ran).  The units must be
 * independent: pass bo = NULL for post units.  Errors: ES_ENOMEM. */
typedef struct es_ratio_ci {
    double estimate;
    double perc_lo, perc_hi;
    double bca_lo, bca_hi;
    int has_ci;
} es_ratio_ci;
int es_ratio_of_medians(const double *x, size_t nx, const double *y, size_t ny, const es_boot_opts *bo,
                        es_ratio_ci *r);

/* One-sample bootstrap: B resamples of n values with replacement, statistic on each.
 * Replicate b uses its own stream, seeded from es_boot_stream_seed(seed, b): indices
 * from xoshiro256++, the median's binomial splitting from gsl_rng_mt19937.  Errors: ES_EINVAL (NULL, B = 0, conf outside (0,1), n >= 2^32),
 * ES_EEMPTY (n = 0), ES_EDOM (t0 not finite), ES_ENOMEM. */
int es_boot_one(const double *x, size_t n, es_boot_stat_fn stat, void *ctx,
                const es_boot_opts *o, es_boot_result *r);

/* Cluster bootstrap (resample accounts, not posts): x[i] belongs to cluster[i] (any
 * codes); each replicate draws G clusters with replacement and applies stat to the
 * pooled values of the drawn clusters.  The jackknife deletes clusters.  Errors as
 * es_boot_one (G >= 2^32 is ES_EINVAL). */
int es_boot_cluster(const double *x, const uint32_t *cluster, size_t n, es_boot_stat_fn stat,
                    void *ctx, const es_boot_opts *o, es_boot_result *r);

/* Two-sample bootstrap of stat(x, y) (e.g. a ratio of medians): x and y are resampled
 * independently (x first, then y, from replicate b's stream).  The acceleration
 * combines both samples' jackknives (Davison & Hinkley 1997, sec. 3.2); BCa is NaN
 * when a sample has one value.  Errors as es_boot_one, ES_EEMPTY when either sample
 * is empty. */
int es_boot_two(const double *x, size_t nx, const double *y, size_t ny, es_boot_stat2_fn stat,
                void *ctx, const es_boot_opts *o, es_boot_result *r);

/* Seed of replicate b's generator: splitmix64 (Steele, Lea & Flood 2014) finaliser of
 * the finalised seed plus (b + 1) times the golden-ratio increment. */
uint64_t es_boot_stream_seed(uint64_t seed, uint64_t b);

/* Percentile interval of the finite values of t[0..B) exactly as boot::perc.ci
 * (boot 1.3-28): endpoints by norm.inter at alpha = (1 -+ conf)/2.  ci[0], ci[1].
 * ES_EINVAL (NULL, conf), ES_EEMPTY (no finite value), ES_ENOMEM. */
int es_boot_ci_percentile(const double *t, size_t B, double conf, double ci[2]);

/* BCa interval (Efron 1987) from replicates t[0..B), t0 and influence values L[0..n):
 * z0 = qnorm((#{t < t0} + #{t == t0}/2) / B), a = sum L^3 / (6 (sum L^2)^1.5),
 * endpoints by norm.inter at pnorm(z0 + (z0 + z)/(1 - a (z0 + z))).  With no replicate
 * equal to t0 this is boot::bca.ci(L = L) exactly (boot counts ties as 0).
 * ES_EDOM (and NaN) when z0 or a is not finite; errors as es_boot_ci_percentile. */
int es_boot_ci_bca(double t0, const double *t, size_t B, const double *L, size_t n,
                   double conf, double ci[2]);

/* The two BCa constants alone (definitions above); ES_EDOM when not finite. */
int es_boot_bca_z0(double t0, const double *t, size_t B, double *z0);
int es_boot_accel(const double *L, size_t n, double *a);

/* Jackknife influence values as boot::empinf(type = "jack") (Davison & Hinkley 1997,
 * sec. 2.7): L[j] = (m - 1)(t0 - t_(-j)) over m deletions.  groups = 0 or >= n: delete
 * each value (m = n); else delete groups {i : i mod groups = j} (m = groups).  L must
 * hold m values.  ES_EINVAL (NULL, groups = 1), ES_EEMPTY (n = 0), ES_EDOM (n = 1 or t0
 * not finite), ES_ENOMEM. */
int es_boot_jackknife(const double *x, size_t n, es_boot_stat_fn stat, void *ctx,
                      size_t groups, unsigned threads, double *L);

#endif
