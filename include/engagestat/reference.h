/* engagestat/reference.h — a band summary (published benchmarks: one row per follower
 * band with quantiles of the engagement rate) read as a reference curve, for the
 * figures and the report to show beside the data's band medians.
 * Ownership: es_reference owns every string and array (es_reference_free). */
#ifndef ES_REFERENCE_H
#define ES_REFERENCE_H

#include <stddef.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/engagement.h"
#include "engagestat/error.h"
#include "engagestat/load.h"
#include "engagestat/results.h"

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

/* Append copies of src's rows (and its notes) to dst: two references drawn as one.  dst's
 * path becomes both files' base names ("ref.csv + published_benchmarks.csv", what figure 1's
 * legend shows), sha256 both hashes ("A + B"), er_label both when they differ.  ES_ENOMEM
 * (dst is then unchanged). */
int es_reference_append(es_reference *dst, const es_reference *src, es_err *err);

/* The published benchmarks file (datasets/published_benchmarks.csv format; its columns
 * are described in datasets/README.md): every row, one per published number.
 * Ownership: es_published owns every string (es_published_free). */
typedef struct es_published_row {
    char *id;          /* the row number of ../shared/docs/published-figures.md it came from */
    char *source, *platform, *sample, *definition, *statistic, *tier, *confidence, *note; /* "" when empty */
    int year;          /* 0 when undated */
    double lo, hi;     /* follower edges: NaN when the cell is empty (open or unknown) */
    double er;         /* the published rate, a proportion in (0, 1); a range's low end */
    double er_high;    /* a range's high end; NaN for a single figure */
    double n;          /* the study's sample size; NaN when not known */
} es_published_row;
typedef struct es_published {
    es_published_row *rows;
    size_t n;
    char *path, *sha256;
} es_published;

/* Read path (es_load_csv with the default options).  Every row must have id, source,
 * definition, statistic, tier and er in (0, 1); er_high, when given, in (er, 1);
 * followers_low below followers_high when both are given.  Errors: those of
 * es_load_csv; ES_EDOM "FILE: no column 'er'" / "FILE: line L: column 'er': ..." /
 * "FILE: N rows rejected by the loader: ...".  On error *out is empty. */
int es_published_load(const char *path, es_published *out, es_err *err);
void es_published_free(es_published *p);

/* The rows whose definition matches ours: definition key equal to def_key (as
 * es_published_def_key gives it, "likes+comments/followers"; compared ignoring case and
 * spaces), platform equal ignoring case (platform NULL: any), a single figure (not a
 * range), a typical value (statistic mean, median or unknown, not a "good" threshold) and
 * follower edges (an empty low edge beside a high one is 0, an empty high edge beside a
 * low one is open).  They go into *out, an es_reference (one es_ref_band per row, band
 * "SOURCE YEAR: TIER", platform NULL as the rows are already chosen by platform, lo/hi the
 * edges, median = er, quartiles NaN; path and sha256 the file's; a note says what was
 * matched) that figure 1 and the report draw.  *n_other (if not NULL): the rows that do
 * not match; with res, they go into its table "published_other" (id, source, year,
 * platform, definition, tier, er, reason), each with every reason it fails.  An empty
 * *out (no row matches) is not an error.  ES_ENOMEM, or res's sticky status. */
int es_published_match(const es_published *p, const char *def_key, const char *platform, es_reference *out,
                       size_t *n_other, es_results *res, es_err *err);

/* Our ER definition as a key: "likes+comments/followers" for (likes+comments)/followers,
 * "likes/followers", "interactions/views" ... : the canonical text es_er_format gives,
 * lower case, without spaces, into out (appended).  ES_ENOMEM. */
int es_published_def_key(const es_er_def *er, es_buf *out);

#endif
