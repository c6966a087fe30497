/* engagestat/meta.h — a random-effects summary across datasets: each dataset's ratio
 * of medians (micro / mega, say) with its interval, pooled on the log scale only
 * across datasets whose definitions match.
 * Ownership: the items and their strings are borrowed; everything es_meta_run adds to
 * the results tree is copied there (es_results_free releases it). */
#ifndef ES_META_H
#define ES_META_H

#include <stddef.h>

#include "engagestat/error.h"
#include "engagestat/results.h"

/* One dataset's ratio. */
typedef struct es_meta_item {
    const char *label;       /* dataset name, e.g. "kim2020-instagram-sample" */
    const char *definition;  /* what the ratio means, as "key=value" parts separated by ';':
                                "er=likes+comments/followers; unit=account; account_er=median;
                                bands=hypeauditor" */
    double ratio, ci_low, ci_high; /* the ratio of medians and its interval (level o->conf) */
    double n_a, n_b;         /* accounts in the two bands (NaN when unknown) */
} es_meta_item;

enum { ES_META_DL = 0, ES_META_REML = 1 };

typedef struct es_meta_opts {
    double conf;       /* level of the items' intervals and of the summary's; default 0.95 */
    int method;        /* ES_META_DL (DerSimonian & Laird 1986, default) or ES_META_REML
                          (Viechtbauer 2005, Fisher scoring) */
    int knapp_hartung; /* 1: the summary's interval from Knapp & Hartung (2003), t on k - 1 df */
} es_meta_opts;

/* Defaults as listed in es_meta_opts. */
void es_meta_opts_init(es_meta_opts *o);

/* Random-effects pooling of log ratios y_i = log ratio_i with standard errors taken from
 * the intervals, se_i = (log ci_high - log ci_low) / (2 z), z = Phi^-1((1 + conf) / 2),
 * only across items whose definition equals that of the largest group of equal
 * definitions among the items with a finite positive interval (ties: the first group).
 * Definitions are equal when they have the same parts (split at ';', spaces trimmed,
 * in any order).  Other items are listed as not pooled with the reason ("definition
 * differs: er: (likes+comments)/views vs likes+comments/followers", the item's value
 * first; "no finite interval").  With fewer than 2 pooled items there is no summary and
 * the note says why (also a warning in res).
 * Summary (Borenstein et al. 2009): w_i = 1 / (se_i^2 + tau2), mu = sum w_i y_i / sum w_i,
 * Var mu = 1 / sum w_i; Q = sum (y_i - mu_FE)^2 / se_i^2 on k - 1 df (p: chi-square upper
 * tail); I2 = tau2 / (tau2 + s2) and H2 = (tau2 + s2) / s2 with the typical within-study
 * variance s2 = (k - 1) sum v_i^-1 / ((sum v_i^-1)^2 - sum v_i^-2) (Higgins & Thompson
 * 2002; as metafor reports them).
 * Adds tables "datasets" (label, definition, ratio, ci_low, ci_high, log_ratio, se,
 * weight (per cent, random effects; pooled items only), n_a, n_b, pooled yes/no, reason)
 * and "pooled" (one row: method, k, estimate (ratio), ci_low, ci_high, tau2, tau, i2 (per
 * cent), h2, q, q_df, q_p_value, note; numbers missing without a summary), the settings
 * conf, method and knapp_hartung, and the values meta_ratio, meta_tau2, meta_i2 (null
 * without a summary) and meta_k.
 * Errors: ES_EINVAL (conf outside (0, 1), an unknown method, n > 0 with items NULL),
 * ES_EEMPTY (n == 0), ES_ENOCONV (REML did not converge), ES_ENOMEM; the results
 * tree's sticky status. */
int es_meta_run(const es_meta_item *items, size_t n, const es_meta_opts *o, es_results *res, es_err *err);

#endif
