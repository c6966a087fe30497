/* engagestat/bands.h — follower bands (tiers): presets and custom edges.
 * Ownership: an es_bands owns its edges and names; es_bands_free() releases them. */
#ifndef ES_BANDS_H
#define ES_BANDS_H

#include <stddef.h>

#include "engagestat/error.h"

/* Band i is the half-open interval [edges[i], edges[i+1]); the last band is
 * [edges[n-1], inf).  Followers below edges[0] belong to no band (index -1). */
typedef struct es_bands {
    size_t n;
    double *edges;
    char **names;
    char *label;   /* the preset name, or "custom" */
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

/* Index of the band holding followers, or -1 below the first edge or for NaN. */
int es_bands_classify(const es_bands *b, double followers);

/* Upper edge of band i: edges[i + 1], or +inf for the last band. */
double es_bands_upper(const es_bands *b, size_t i);

/* Index of the band with that name, or -1. */
int es_bands_find(const es_bands *b, const char *name);

/* "[10000, 50000)" style text for band i into buf (size n). */
void es_bands_range(const es_bands *b, size_t i, char *buf, size_t n);

#endif
