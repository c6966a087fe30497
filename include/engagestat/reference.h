/* engagestat/reference.h — a band summary (published benchmarks: one row per follower
 * band with quantiles of the engagement rate) read as a reference curve, for the
 * figures and the report to show beside the data's band medians.
 * Ownership: es_reference owns every string and array (es_reference_free). */
#ifndef ES_REFERENCE_H
#define ES_REFERENCE_H

#include <stddef.h>

#include "engagestat/bands.h"
#include "engagestat/error.h"
#include "engagestat/load.h"

typedef struct es_ref_band {
    char *band;      /* the band's name as the file gives it ("10K to 50K followers") */
    char *platform;  /* NULL if the file has no platform column (or the cell is empty) */
    double lo, hi;   /* follower edges when the file gives them: min/max columns, or the
                        band name ("10k-50k", "10K to 50K followers", "1M+", "<1k"); else NaN */
    double q25, median, q75; /* engagement rate as a proportion (NaN when the file has no
                                such column or the cell is empty) */
} es_ref_band;

typedef struct es_reference {
    es_ref_band *rows;  /* in the file's order */
    size_t n;
    char *path;
    char *sha256;       /* of the bytes read (hex) */
    char *er_label;     /* the column the median came from */
    int was_percent;    /* the quantiles were percent and were divided by 100 */
    char **notes;       /* what the reader decided and left out, as sentences */
    size_t n_notes;
} es_reference;

/* Read path (any file es_load_csv reads; lo NULL: the defaults, lo->level ignored) as a
 * band summary (es_table_level, load.h).  The quantiles are read as percent when the
 * median column's name says so ("pct", "percent", "%") or a median is above 1, and
 * divided by 100 (a note says which).  Rows without a band name or a median are left
 * out with a note, as are the rows the loader rejected.  Errors: those of es_load_csv;
 * ES_EDOM with "FILE: not a band summary (EVIDENCE): ..." when the table is not one,
 * or when no row is left; ES_ENOMEM.  On error *out is empty (es_reference_free is
 * harmless). */
int es_reference_load(const char *path, const es_load_opts *lo, es_reference *out, es_err *err);
void es_reference_free(es_reference *r);

/* The row for a band name of ours, ignoring ASCII case: equal, or the reference name
 * starting with it followed by a character other than a letter or digit ("micro"
 * matches "Micro", "micro (10k-50k)", not "microscopic").  With platform: a row of that
 * platform (ignoring case), else one without a platform.  Without: a row without a
 * platform, else the only matching row; NULL when none (or several platforms match). */
const es_ref_band *es_reference_find(const es_reference *r, const char *band, const char *platform);

/* The rows for band k of b, up to max of them into out (count returned): the row
 * es_reference_find gives for its name, else (bands by edges) every row whose edges
 * lie within band k's, [edge k, edge k+1] (a reference in finer bands gives several
 * rows; the last band is open).  With platform, rows of that platform or of none;
 * without, rows without a platform only. */
size_t es_reference_match(const es_reference *r, const es_bands *b, size_t k, const char *platform,
                          const es_ref_band **out, size_t max);

#endif
