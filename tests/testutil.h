/* testutil.h — helpers shared by the CUnit suites. */
#ifndef ES_TESTUTIL_H
#define ES_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

/* |got - want| <= tol * |want| (absolute tol when want == 0); NaN equals NaN.
 * On failure, prints both values with 17 digits. */
int es_test_rel(double got, double want, double tol, const char *what, const char *file, int line);
#define ES_ASSERT_REL(got, want, tol) \
    CU_ASSERT_TRUE(es_test_rel((got), (want), (tol), #got, __FILE__, __LINE__))

/* Log relative error (McCullough 1998): -log10(|got - want| / |want|), capped at 15;
 * -log10|got| when want == 0. */
double es_test_lre(double got, double want);

/* Path of a file under ../shared (relative to the repository root, where make check
 * runs), or NULL after printing "SKIP: ..." when it is absent.  The result is a
 * static buffer, valid until the next call. */
const char *es_test_shared(const char *rel);

/* 1 (after printing "SKIP under valgrind: WHAT") when running under make check-valgrind
 * (ES_VALGRIND), for tests that cannot pass there (valgrind computes long double in
 * double precision) or take minutes there; make check and check-asan run them. */
int es_test_skip_under_valgrind(const char *what);

/* Path of a file under tests/data. */
const char *es_test_data(const char *rel);

/* A file of one number a line into a malloc'ed *x (caller frees); the count, 0 on failure. */
size_t es_test_read_numbers(const char *path, double **x);
/* The number at *s in a comma-separated line (NaN for NA), and *s past its comma. */
double es_test_csv_field(char **s);

/* Write text to a new temporary file; returns its path (static buffer) or NULL. */
const char *es_test_tmpfile(const char *text, size_t len);

/* tests/data/cmp_mw_NAME.txt: lines "x VALUE" / "y VALUE" into two malloc'ed arrays
 * (caller frees).  0 on success, -1 when the file is absent. */
int es_test_read_xy(const char *name, double **x, size_t *n1, double **y, size_t *n2);

/* tests/data/cmp_groups_NAME.txt: lines "LABEL VALUE", labels 1..k (at most
 * ES_TEST_MAXG), into g[0..k); returns k (0 when absent).  Free with
 * es_test_free_groups. */
#define ES_TEST_MAXG 8
size_t es_test_read_groups(const char *name, double *g[ES_TEST_MAXG], size_t n[ES_TEST_MAXG]);
void es_test_free_groups(double *g[ES_TEST_MAXG]);

/* tests/data/reg_posts.csv as the regression tests' design: X (n x 6: intercept,
 * log10 followers, niche food, niche tech, platform tiktok, sponsored), y = log10 er,
 * cluster = account code; all malloc'ed.  Returns n, 0 on failure. */
size_t es_test_reg_posts_design(double **X, double **y, uint32_t **cl);

/* A study on tests/data/NAME as the command line would open it: --er er, --bands
 * bands (NULL: the defaults), unit account or post; median account aggregation,
 * no --max-er.  0 on success; free with es_test_study_close. */
#include "engagestat/analysis.h"
typedef struct es_test_study {
    es_table *table;
    es_load_report rep;
    es_bands bands;
    es_units units;
    es_units_opts uo;
    es_study s;
} es_test_study;
int es_test_study_open(es_test_study *ts, const char *name, const char *er, const char *bands, int unit_post);
/* The same on a file at path (not under tests/data). */
int es_test_study_open_path(es_test_study *ts, const char *path, const char *er, const char *bands, int unit_post);
void es_test_study_close(es_test_study *ts);

/* The first row of t whose text column c1 holds s1 and (unless c2 is NULL) c2 holds s2;
 * SIZE_MAX when none or t is NULL. */
size_t es_test_find_row(const es_rtable *t, const char *c1, const char *s1, const char *c2, const char *s2);
/* The text of row r's column col, NULL when missing, not text or r is SIZE_MAX. */
const char *es_test_cell_str(const es_rtable *t, size_t r, const char *col);

#endif
