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

/* An engagement-rate definition: an arithmetic expression over numeric columns and
 * roles ("(likes+comments)/followers", "views/followers", "total_likes/total_videos/followers",
 * "er").  Operators + - * / with the usual precedence (left-associative), parentheses,
 * numbers.  A name is a role (likes, comments, shares, saves, views, impressions,
 * followers, er) or, failing that, the numeric column of that exact name; a name with
 * other characters goes in double quotes.  Compatibility with the NUM/DEN syntax of
 * earlier versions: names joined by '+' before a single '/' and one name after it, with
 * no parentheses or numbers ("likes+comments/followers"), read as (likes+comments)/followers.
 * The nodes are stored children first; a plain value, no allocation (copy freely). */
#define ES_ER_MAX_NODES 64
#define ES_ER_MAX_TEXT 256
typedef enum { ES_ER_CONST, ES_ER_NAME, ES_ER_ADD, ES_ER_SUB, ES_ER_MUL, ES_ER_DIV } es_er_op;
typedef struct es_er_node {
    es_er_op op;
    int a, b;               /* operands (binary operators), node indices */
    double value;           /* ES_ER_CONST */
    es_role role;           /* ES_ER_NAME: the role the name means, ES_ROLE_NONE: a column name */
    size_t name;            /* ES_ER_NAME: offset of its NUL-terminated name in names[] */
    size_t pos;             /* 1-based position in the text as given */
} es_er_node;
typedef struct es_er_def {
    es_er_node node[ES_ER_MAX_NODES];
    size_t n_node;
    int root;
    char names[ES_ER_MAX_TEXT + 1];
} es_er_def;

/* Parse an expression.  ES_EINVAL with a message naming the position ("--er 'likes+':
 * at position 7: expected a name, a number or '('"). */
int es_er_parse(es_er_def *def, const char *spec, es_err *err);
/* The canonical text of def into b: the NUM/DEN form for definitions of that shape
 * ("likes+comments/followers"), else the expression with the parentheses it needs. */
int es_er_format(const es_er_def *def, es_buf *b);
/* The top-level division N/D: 1 and the node indices of N and D, or 0 when the
 * expression is not a division at the top. */
int es_er_ratio(const es_er_def *def, int *num, int *den);
/* The canonical text of node k (a subexpression) into b. */
int es_er_format_node(const es_er_def *def, int k, es_buf *b);
/* 1 when the expression uses the er role (a precomputed rate). */
int es_er_uses_role(const es_er_def *def, es_role r);
typedef enum { ES_AGG_MEDIAN, ES_AGG_MEAN, ES_AGG_RATIO } es_account_agg;

typedef struct es_units_opts {
    es_er_def er;
    int unit_post;          /* 1: each post is a unit; 0: accounts (default) */
    es_account_agg agg;     /* post-level data, account units: how posts combine */
    double max_er;          /* rows with ER above this are excluded, counted; INFINITY: off */
    const es_bands *bands;
    int er_auto;            /* the definition was chosen for the file (its er column), not
                               asked for: the results say so */
    unsigned sums;          /* count roles (1u << role) whose total per unit es_units.sum
                               carries: what the count models need without the table */
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
    double *sum[ES_ROLE_COUNT]; /* roles asked for in es_units_opts.sums (numeric columns):
                               the total of the role over each unit's rows, summed in file
                               order, NaN when one of them is missing; else NULL */
    const es_dict *niche_dict, *platform_dict, *account_dict; /* borrowed, may be NULL */
    /* what was left out, and why (rows, i.e. posts for post-level data) */
    size_t n_rows;                /* rows considered */
    size_t excl_missing_counts;   /* a numerator or denominator value missing */
    size_t excl_zero_den;         /* denominator zero */
    size_t excl_above_max;        /* ER above max_er */
    size_t excl_no_band;          /* bands from a column: the row's value there is missing
                                     (a defined ER otherwise) */
    size_t n_rows_suspect;        /* rows with ER above ES_ER_SUSPECT (kept or not) */
    size_t n_below_bands;         /* units below the first band edge (kept, band -1); 0
                                     for bands from a column */
    size_t n_posts_total;         /* posts that entered the units */
    size_t *unit_of_row;          /* per table row (n_rows of them): the unit the row went
                                     into, SIZE_MAX when it was left out; NULL when the
                                     units were built as the rows streamed past
                                     (es_units_acc without a row map) */
    /* Accounts are (platform, account) pairs when the table has a platform column. */
    size_t n_accounts;            /* distinct accounts among the units (account-level data: n) */
    size_t n_split_accounts;      /* account names on more than one platform (or with and
                                     without one): each pair is its own account */
    size_t n_followers_vary;      /* accounts whose follower count varies across their posts:
                                     account units take the median, post units their own */
    /* The exclusions by reason and band (of the row's followers; for an account unit
     * that lost every post, the median followers of its posts): index
     * reason * (bands->n + 1) + band + 1, band -1 = below the first edge.  Rows and
     * units whose followers are unknown are in the totals above only.  Bands from a
     * column: the band of the row's value there (of an account that lost every post,
     * its first post with one), -1 = none, whatever the followers.  NULL without
     * bands (ledger_bands: the bands->n they were counted with). */
    size_t *excl_rows_band, *excl_units_band;
    size_t ledger_bands;
    /* The er role (a precomputed rate), when the definition uses it: its column, the
     * median of its values and whether it was read as percent (median above 1: every
     * value divided by 100; cells written "3.5%" are 0.035 already). */
    const char *er_column;        /* borrowed from the table, NULL when not used */
    double er_median;
    int er_percent;
} es_units;

/* The reasons of the exclusion ledger, in its order. */
typedef enum { ES_EXCL_MISSING, ES_EXCL_ZERO_DEN, ES_EXCL_ABOVE_MAX, ES_EXCL_NO_BAND, ES_EXCL_NREASONS } es_excl_reason;
/* A rate above this is flagged as suspicious (more interactions than the denominator). */
#define ES_ER_SUSPECT 1.0
/* Ledger entry: rows (units == 0) or units (units == 1) left out for reason in band b
 * (-1: below the first edge); 0 without a ledger. */
size_t es_units_excluded(const es_units *u, int units, es_excl_reason reason, int b);

/* 1 when the table has an er column (a precomputed rate) and the default definition
 * likes+comments/followers cannot be computed on some row where that rate is known
 * (no likes or comments column, or a count missing there): the command line then uses
 * "er" unless --er is given, and says so. */
int es_er_auto(const es_table *t);

/* What is wrong with the definition for this table, before any row is read: a name
 * that is neither a role nor a numeric column (the message names its position), or
 * --account-er ratio with a definition that is not N/D at the top.  ES_EINVAL (a
 * usage error), else ES_OK.  A role name whose column is absent is left to
 * es_units_build. */
int es_units_check(const es_table *t, const es_units_opts *o, es_err *err);

/* Build the units from a loaded table.  Errors: ES_EINVAL when a role the ER needs
 * has no column (message names it and suggests --map) and whatever es_units_check
 * refuses, ES_EEMPTY when no unit has a
 * defined ER, ES_ENOMEM. */
int es_units_build(es_units *u, const es_table *t, const es_units_opts *o, es_err *err);
void es_units_free(es_units *u);

/* The same units built a run of rows at a time, for rows that are not all kept (the
 * loader's es_load_opts.sink) or that come in pieces: what es_units_build does is
 * es_units_acc_begin, es_units_acc_rows over all rows and es_units_acc_end.
 *   es_units_acc_begin: t holds the columns (and, for the er role, every row: the
 *     median that decides percent is taken then); row_map 1 fills unit_of_row, which
 *     needs every row of t to be passed exactly once.  Errors as es_units_build.
 *   es_units_acc_rows: rows lo..hi-1 of t, in file order, each once; t's columns must
 *     keep the types they had at begin (ES_EINVAL else).  ES_ENOMEM.
 *   es_units_acc_end: the units (ES_EEMPTY as es_units_build); acc is freed either way.
 * Per account it keeps its sums, its first codes and its follower counts (one value
 * while they do not vary, else every one), and for --account-er median every rate:
 * memory grows with accounts, and with posts only where the definition needs them.
 * Identical units to es_units_build's for any split of the rows into runs. */
typedef struct es_units_acc es_units_acc;
int es_units_acc_begin(es_units_acc **acc, const es_table *t, const es_units_opts *o, int row_map, es_err *err);
int es_units_acc_rows(es_units_acc *acc, const es_table *t, size_t lo, size_t hi, es_err *err);
int es_units_acc_end(es_units_acc *acc, es_units *u, es_err *err);
void es_units_acc_free(es_units_acc *acc);

/* The cluster of unit k for a resampling that draws accounts: one code per (platform,
 * account); a unit without an account is its own cluster.  Codes are not dense. */
uint32_t es_units_cluster(const es_units *u, size_t k);

/* Values of the units in band `band` (all units when band == -2) and, when group
 * is not ES_DICT_NONE, with niche (by == ES_ROLE_NICHE) or platform code == group:
 * copies ER into out (caller-allocated, size u->n) and returns the count. */
size_t es_units_select(const es_units *u, int band, es_role by, uint32_t group, double *out);

/* The smallest and largest follower counts (above 0 when positive_only) of the units
 * in band `band`; NaN for both when there is none.  What describe and figure 2 show
 * for bands from a column. */
void es_units_band_followers(const es_units *u, int band, int positive_only, double *lo, double *hi);

#endif
