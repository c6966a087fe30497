/* engagestat/engagement.h — engagement-rate definitions and the analysis units
 * (accounts or posts) every analysis works on.
 * Ownership: es_units owns its arrays (es_units_free); the dictionaries it points to
 * belong to the table it was built from, which must outlive it. */
#ifndef ES_ENGAGEMENT_H
#define ES_ENGAGEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/error.h"
#include "engagestat/table.h"

/* ER = (sum of the numerator roles) / denominator role. */
typedef struct es_er_def {
    es_role num[4];
    size_t n_num;
    es_role den;
} es_er_def;

/* Parse "likes+comments/followers": numerator roles from likes, comments, shares,
 * saves; denominator followers, views or impressions.  ES_EINVAL with a message. */
int es_er_parse(es_er_def *def, const char *spec, es_err *err);
/* The canonical text of def ("likes+comments/followers") into b. */
int es_er_format(const es_er_def *def, es_buf *b);

typedef enum { ES_AGG_MEDIAN, ES_AGG_MEAN, ES_AGG_RATIO } es_account_agg;

typedef struct es_units_opts {
    es_er_def er;
    int unit_post;          /* 1: each post is a unit; 0: accounts (default) */
    es_account_agg agg;     /* post-level data, account units: how posts combine */
    double max_er;          /* posts (or accounts) with ER above this are excluded, counted */
    const es_bands *bands;
} es_units_opts;

/* The analysis frame: one entry per unit (account or post) with a defined ER. */
typedef struct es_units {
    size_t n;
    int unit_post;          /* the units are posts */
    int post_level;         /* the input holds posts (else one row per account) */
    double *er;             /* engagement rate of each unit (finite, >= 0) */
    double *followers;
    int *band;              /* index into the bands, -1 below the first edge */
    uint32_t *niche;        /* codes into niche_dict, ES_DICT_NONE when missing */
    uint32_t *platform;
    uint32_t *account;      /* codes into account_dict (clusters for post units) */
    double *sponsored;      /* share of sponsored posts (1/0 for a post), NaN when unknown */
    size_t *n_posts;        /* posts behind each unit (1 for a post unit or account row) */
    const es_dict *niche_dict, *platform_dict, *account_dict; /* borrowed, may be NULL */
    /* what was left out, and why (rows, i.e. posts for post-level data) */
    size_t n_rows;                /* rows considered */
    size_t excl_missing_counts;   /* a numerator or denominator value missing */
    size_t excl_zero_den;         /* denominator zero */
    size_t excl_above_max;        /* ER above max_er */
    size_t n_below_bands;         /* units below the first band edge (kept, band -1) */
    size_t n_posts_total;         /* posts that entered the units */
    size_t *unit_of_row;          /* per table row (n_rows of them): the unit the row went
                                     into, SIZE_MAX when it was left out */
} es_units;

/* Build the units from a loaded table.  Errors: ES_EINVAL when a role the ER needs
 * has no column (message names it and suggests --map), ES_EEMPTY when no unit has a
 * defined ER, ES_ENOMEM. */
int es_units_build(es_units *u, const es_table *t, const es_units_opts *o, es_err *err);
void es_units_free(es_units *u);

/* Values of the units in band `band` (all units when band == -2) and, when group
 * is not ES_DICT_NONE, with niche (by == ES_ROLE_NICHE) or platform code == group:
 * copies ER into out (caller-allocated, size u->n) and returns the count. */
size_t es_units_select(const es_units *u, int band, es_role by, uint32_t group, double *out);

#endif
