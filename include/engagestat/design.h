/* engagestat/design.h — model matrices: an intercept, numeric columns, and factors
 * expanded into treatment (dummy) columns against a reference level.
 * Ownership: an es_design owns its term list, column names and the numeric columns it
 * was given as copies; dictionaries and code arrays passed to es_design_add_factor are
 * borrowed and must outlive the design.  es_design_free() releases it. */
#ifndef ES_DESIGN_H
#define ES_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "engagestat/buf.h"

typedef struct es_design es_design;

/* A design over n source rows; NULL on allocation failure. */
es_design *es_design_alloc(size_t n);
void es_design_free(es_design *d);

/* Add the constant column "(Intercept)". */
int es_design_add_intercept(es_design *d);
/* Add a numeric column (x[0..n) is copied); NaN marks the row incomplete. */
int es_design_add_numeric(es_design *d, const char *name, const double *x);
/* Add a factor: codes[0..n) index dict (ES_DICT_NONE = missing, the row is incomplete).
 * Levels absent from the complete rows get no column.  The reference level is the most
 * frequent among complete rows (ties: the lowest code), or the level named ref when
 * ref is not NULL.  Columns are named "<name><level>" as R's treatment contrasts. */
int es_design_add_factor(es_design *d, const char *name, const uint32_t *codes, const es_dict *dict,
                         const char *ref);

/* Fix the columns: rows complete in every term (and where keep[i] != 0 when keep is
 * not NULL) enter.  Errors: ES_EEMPTY when no row is complete, ES_EINVAL for an unknown
 * ref level, ES_ENOMEM. */
int es_design_finish(es_design *d, const unsigned char *keep);

size_t es_design_n(const es_design *d);      /* complete rows */
size_t es_design_p(const es_design *d);      /* columns */
const char *es_design_colname(const es_design *d, size_t j);
/* Source row index of complete row k. */
size_t es_design_source_row(const es_design *d, size_t k);
/* Row k (0 <= k < es_design_n) of the model matrix into x (p values). */
void es_design_row(const es_design *d, size_t k, double *x);
/* Column index of a named column, or -1. */
int es_design_find(const es_design *d, const char *colname);

/* Factor terms: how many, and for factor t its name, reference level, number of levels
 * present, and levels dropped because they were empty. */
size_t es_design_n_factors(const es_design *d);
const char *es_design_factor_name(const es_design *d, size_t t);
const char *es_design_factor_reference(const es_design *d, size_t t);
size_t es_design_factor_levels(const es_design *d, size_t t);
size_t es_design_factor_empty(const es_design *d, size_t t);
/* Factor t's dummy columns: the first into *col0, their number returned (levels
 * present - 1; 0 before es_design_finish). */
size_t es_design_factor_cols(const es_design *d, size_t t, size_t *col0);
/* Row k as es_design_row, except that factor t's dummy columns are not written (so a row
 * costs O(p - levels)); returns the column of the row's level in factor t, or (size_t)-1
 * for its reference level (es_fe.h absorbs a factor with thousands of levels so). */
size_t es_design_row_factor(const es_design *d, size_t k, size_t t, double *x);
/* Mean of numeric column j over the complete rows (NaN for a dummy column). */
double es_design_numeric_mean(const es_design *d, size_t j);

#endif
