/* engagestat/simulate.h — a generative model of accounts and posts with known truth,
 * its parameter file, the truth it implies, and calibration to a real dataset.
 * Ownership: es_sim_params owns its niche and platform lists and its notes
 * (es_sim_params_free); es_sim_data owns its arrays (es_sim_data_free); text written
 * into an es_buf belongs to the caller's buffer. */
#ifndef ES_SIMULATE_H
#define ES_SIMULATE_H

#include <stddef.h>

#include "engagestat/buf.h"
#include "engagestat/error.h"
#include "engagestat/table.h"

/* A category (niche or platform): name, relative share of accounts, multiplicative
 * effect on the account engagement rate. */
typedef struct es_sim_group {
    char *name;
    double share;
    double effect;
} es_sim_group;

/* Every key of the parameter file (docs/simulate-params.md documents each one). */
typedef struct es_sim_params {
    long accounts;               /* accounts to simulate (--accounts overrides) */
    /* followers: lognormal body on [followers_min, tail_min), Pareto tail above */
    double followers_min;
    double followers_meanlog, followers_sdlog;
    double tail_min;             /* x_min of the Pareto tail */
    double tail_prob;            /* population share of accounts with followers >= tail_min */
    double tail_alpha;           /* P(X > x | X >= tail_min) = (x / tail_min)^-alpha */
    double followers_max;        /* draws above are clamped (keeps counts finite) */
    double oversample_above;     /* stratification threshold (followers) */
    double oversample_factor;    /* accounts above it are this many times likelier */
    /* engagement rate: er_base * (F / er_ref_followers)^beta * max(1, F / beta_knot)^beta2
     * * niche * platform * RE: the elasticity is beta below beta_knot followers and
     * beta + beta2 above; beta2 = 0 (the default) is the log-linear model */
    double er_base, er_ref_followers, beta;
    double beta2, beta_knot;
    double account_sd;           /* sdlog of the lognormal account random effect */
    /* posts and counts */
    double posts_mean;           /* posts per account: 1 + NB(posts_mean - 1, posts_size) */
    double posts_size;           /* NB size; inf = Poisson */
    long posts_max;
    double likes_size, comments_size; /* NB sizes (theta) of likes and comments per post */
    double comments_share;       /* expected comments / (likes + comments) */
    double sponsored_prob;       /* chance that a post is sponsored */
    double sponsored_effect;     /* multiplies the expected engagement of sponsored posts */
    double date_start, date_end; /* posting times, uniform, Unix seconds (UTC) */
    long truth_mc_accounts;      /* accounts per band in the Monte-Carlo part of the truth */
    es_sim_group *niches;
    size_t n_niches;
    es_sim_group *platforms;
    size_t n_platforms;
    es_buf notes;                /* comment lines written at the top of the file */
} es_sim_params;

/* Fill p with the built-in defaults (docs/simulate-params.md).  ES_OK or ES_ENOMEM;
 * p must later be released with es_sim_params_free. */
int es_sim_params_init(es_sim_params *p);
void es_sim_params_free(es_sim_params *p);
/* Deep copy of src into dst (dst uninitialised).  ES_OK or ES_ENOMEM. */
int es_sim_params_copy(es_sim_params *dst, const es_sim_params *src);

/* Apply "key = value" lines of text (length n) on top of p; '#' starts a comment.
 * Any niche.* (platform.*) key replaces the whole niche (platform) list by the ones
 * the text names.  name is used in messages ("NAME:LINE: ...").  Errors: ES_EPARSE
 * (malformed line, unknown key, bad number), ES_EINVAL (a value out of range; the
 * whole set is checked by es_sim_params_check), ES_ENOMEM. */
int es_sim_params_parse(es_sim_params *p, const char *text, size_t n, const char *name, es_err *err);
/* Read a parameter file (es_sim_params_parse on its contents).  ES_EIO when unreadable. */
int es_sim_params_load(es_sim_params *p, const char *path, es_err *err);
/* Check ranges and consistency (shares positive, sd >= 0, tail_min > followers_min, ...).
 * ES_OK or ES_EINVAL with a message naming the key. */
int es_sim_params_check(const es_sim_params *p, es_err *err);
/* Append the parameters as a parameter file (notes as comments, then every key, numbers
 * in the shortest form that reads back exactly) to out.  ES_OK or ES_ENOMEM. */
int es_sim_params_write(const es_sim_params *p, es_buf *out);

/* One simulated account: its latent engagement rate er (expected (likes+comments) /
 * followers of a non-sponsored post) and the range of its posts in es_sim_data.posts. */
typedef struct es_sim_account {
    double followers;
    double er;
    size_t niche, platform;
    size_t first_post, n_posts;
} es_sim_account;

typedef struct es_sim_post {
    size_t account;
    double posted_at;   /* Unix seconds */
    double likes, comments;
    int sponsored;
} es_sim_post;

typedef struct es_sim_data {
    size_t n_accounts, n_posts;
    es_sim_account *accounts;
    es_sim_post *posts;
} es_sim_data;

/* Simulate n_accounts accounts and their posts from p with gsl_rng_mt19937 seeded with
 * seed (GSL maps seed 0 to 4357).  The same p, n_accounts and seed give the same data
 * on the same platform.  Errors: ES_EINVAL (es_sim_params_check), ES_ENOMEM. */
int es_sim_generate(const es_sim_params *p, size_t n_accounts, unsigned long seed, es_sim_data *out,
                    es_err *err);
void es_sim_data_free(es_sim_data *d);

/* Stream the same data as es_sim_generate (same p, n_accounts, seed) as CSV text:
 * header account_id,platform,niche,followers,post_id,posted_at,likes,comments,
 * sponsored, then one row per post, integers and ISO-8601 UTC times only.  Text is
 * passed to sink in chunks; a nonzero sink return stops with ES_EIO.  band_counts
 * (may be NULL) receives the accounts per default band (ES_SIM_NBANDS entries).
 * Errors: ES_EINVAL, ES_ENOMEM, ES_EIO. */
int es_sim_write_csv(const es_sim_params *p, size_t n_accounts, unsigned long seed,
                     int (*sink)(void *ctx, const char *text, size_t n), void *ctx,
                     size_t *band_counts, es_err *err);

/* The truth is reported for the bands of the default preset (ES_BANDS_DEFAULT in
 * bands.h: nano [1k, 10k), micro [10k, 50k), mid [50k, 500k), macro [500k, 1M), mega
 * [1M, inf)); ES_SIM_NBANDS is their number, and the simulator fails with ES_EINVAL
 * if the preset ever has another. */
#define ES_SIM_NBANDS 5

/* The follower trend of log ER at x followers: beta log(x / er_ref_followers) +
 * beta2 log(x / beta_knot) when x > beta_knot (a broken line in log-log). */
double es_sim_log_trend(const es_sim_params *p, double x);

/* Density of followers under the sampling design (the population density times
 * oversample_factor above oversample_above, renormalised). */
double es_sim_followers_pdf(const es_sim_params *p, double x);
/* Probability under the design that followers fall in [lo, hi) (hi may be inf). */
double es_sim_followers_prob(const es_sim_params *p, double lo, double hi);

/* Median of the account engagement rate (the latent er of es_sim_account times the
 * mean sponsored factor 1 - s + s * sponsored_effect) over accounts with followers in
 * [lo, hi), niche index `niche` (SIZE_MAX: all) and platform `platform` (SIZE_MAX:
 * all), by numeric integration of the lognormal mixture over the follower density
 * (gsl_integration_qag) and Brent root finding.  Errors: ES_EDOM (no mass in the
 * range, *median = NaN), ES_ENOCONV, ES_EINVAL. */
int es_sim_median_er(const es_sim_params *p, double lo, double hi, size_t niche, size_t platform,
                     double *median);

/* Append the truth file for a simulation (seed, n_accounts, realised band counts, the
 * parameters, then per default band: design and population shares, the latent
 * median ER by integration overall and per niche and platform, and the median of the
 * observed account ER (median over posts of (likes+comments)/followers) by a
 * Monte-Carlo of truth_mc_accounts accounts per band) as key = value lines to out.
 * band_counts may be NULL.  Errors: ES_EINVAL, ES_ENOMEM, ES_ENOCONV. */
int es_sim_truth_write(const es_sim_params *p, size_t n_accounts, unsigned long seed,
                       const size_t *band_counts, es_buf *out, es_err *err);

/* Estimate the model's parameters from a post-level table (roles followers, likes,
 * comments, account; optional niche, platform, sponsored, date) and store them in p,
 * which holds the starting values (defaults or a base file): keys the data cannot
 * inform (platforms when there is no platform column, oversampling, truth_mc_accounts)
 * are kept and marked so in p->notes.  Estimators: docs/simulate-params.md.  Errors:
 * ES_EINVAL (a needed role has no column), ES_EEMPTY (fewer than 10 usable accounts),
 * ES_EGSL / ES_ENOCONV (a fit failed), ES_ENOMEM. */
int es_sim_calibrate(es_sim_params *p, const es_table *t, es_err *err);

/* The direct ratio of medians of the observed account ER (median over the account's
 * posts of (likes + comments) / followers; followers from its first row, as
 * es_sim_calibrate reads them) between default bands band_a and band_b of a post-level
 * table, with the bootstrap of bo (NULL: no interval; es_ratio_of_medians).  *n_a, *n_b
 * receive the accounts in each band.  Errors: ES_EINVAL (a role missing or a band
 * name unknown), ES_ENOMEM. */
struct es_boot_opts;
struct es_ratio_ci;
int es_sim_observed_ratio(const es_table *t, const char *band_a, const char *band_b,
                          const struct es_boot_opts *bo, struct es_ratio_ci *r, size_t *n_a, size_t *n_b,
                          es_err *err);

#endif
