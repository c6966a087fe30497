/* engagestat/bands.h — follower bands (tiers): presets and custom edges.
 * Ownership: an es_bands owns its edges and names; es_bands_free() releases them. */
#ifndef ES_BANDS_H
#define ES_BANDS_H

#include <stddef.h>

#include "engagestat/error.h"

struct es_table;
struct es_column;

/* Band i is the half-open interval [edges[i], edges[i+1]); the last band is
 * [edges[n-1], inf).  Followers below edges[0] belong to no band (index -1).
 * Bands from a column (--band-column, es_bands_from_column) have no edges: a row's
 * band is the value of that column (names[i]), and es_bands_classify gives -1. */
typedef struct es_bands {
    size_t n;
    double *edges;  /* NULL for bands from a column */
    char **names;
    char *label;    /* the preset name, "custom", or "column" */
    char *column;   /* bands from a column: its name; else NULL */
    double *median_followers; /* bands from a column: the median followers of each
                                 value's rows (NaN when none is known); else NULL */
} es_bands;

/* Presets: hypeauditor (nano 1k, micro 10k, mid 50k, macro 500k, mega 1M; the
 * default), later (nano <10k is below; micro 10k, mid 100k, macro 500k, mega 1M),
 * markerly (nano 1k, micro 10k, mid 100k, macro 1M, mega 10M), seed (nano 1k,
 * micro 5k, mid 50k, macro 500k, mega 1M: micro = 5k-50k). */
extern const char *const es_band_presets[];

/* The preset used when none is named: --bands's default, and the bands the simulator
 * and `power` classify accounts into. */
#define ES_BANDS_DEFAULT "hypeauditor"

/* Fill b from a preset name, or from comma-separated increasing edges with names
 * (names may be NULL only for a preset; custom edges without names get "b1".."bn").
 * Errors: ES_EINVAL with a message (unknown preset, edges not increasing or not
 * positive, number of names different from number of edges). */
int es_bands_parse(es_bands *b, const char *spec, const char *names, es_err *err);
void es_bands_free(es_bands *b);

/* Bands from the distinct values of column COLUMN of t (a header name, or a role's
 * name such as niche): in the order of the median followers of their rows (the
 * followers role), values whose rows have no follower count after the others, and
 * without a followers column, in order of first appearance; ties keep that order.
 * ES_EINVAL with a message: no such column, no value in it, or more than
 * ES_BANDS_COLUMN_MAX distinct values (not a tier column). */
#define ES_BANDS_COLUMN_MAX 64
int es_bands_from_column(es_bands *b, const struct es_table *t, const char *column, es_err *err);

/* Band of row `row` for bands from a column: the index of the row's value of column
 * c, or -1 when the cell is missing (or holds a value that is not a band). */
int es_bands_of_cell(const es_bands *b, const struct es_column *c, size_t row);

/* The band names, ", "-separated, appended to out (an es_buf).  ES_OK or ES_ENOMEM. */
struct es_buf;
int es_bands_names_list(const es_bands *b, struct es_buf *out);

/* The error for an option that names a band b lacks: "OPTION 'A/B': no band named
 * 'NAME' in --bands LABEL (its bands: x, y, z); HINT".  Returns ES_EINVAL. */
int es_bands_unknown(const es_bands *b, const char *option, const char *name, const char *hint, es_err *err);

/* "1k-26.3k" style text for an observed range of followers into buf (size n). */
void es_bands_format_range(double lo, double hi, char *buf, size_t n);

/* Index of the band holding followers, or -1 below the first edge or for NaN (and
 * always for bands from a column). */
int es_bands_classify(const es_bands *b, double followers);

/* Upper edge of band i: edges[i + 1], or +inf for the last band (NaN for bands from
 * a column). */
double es_bands_upper(const es_bands *b, size_t i);

/* Index of the band with that name, or -1. */
int es_bands_find(const es_bands *b, const char *name);

/* "10k-50k" style text for band i into buf (size n); "" for bands from a column
 * (their range is what the data show: es_bands_format_range). */
void es_bands_range(const es_bands *b, size_t i, char *buf, size_t n);

#endif
