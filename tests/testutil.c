/* testutil.c — helpers shared by the CUnit suites. */
#include "testutil.h"

#include <stdint.h>

#include "engagestat/error.h"
#include "engagestat/load.h"
#include "engagestat/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int es_test_rel(double got, double want, double tol, const char *what, const char *file, int line)
{
    if (isnan(want) && isnan(got))
        return 1;
    if (isinf(want) && got == want)
        return 1;
    double err = fabs(got - want);
    double scale = want == 0 ? 1 : fabs(want);
    if (err <= tol * scale)
        return 1;
    fprintf(stderr, "\n  %s:%d: %s = %.17g, want %.17g (rel err %.3g > %.3g)\n", file, line, what, got,
            want, err / scale, tol);
    return 0;
}

double es_test_lre(double got, double want)
{
    double lre;
    if (want == 0)
        lre = got == 0 ? 15 : -log10(fabs(got));
    else if (got == want)
        lre = 15;
    else
        lre = -log10(fabs(got - want) / fabs(want));
    return lre > 15 ? 15 : lre;
}

const char *es_test_shared(const char *rel)
{
    static char path[4096];
    const char *root = getenv("ES_SHARED");
    snprintf(path, sizeof path, "%s/%s", root ? root : "../shared", rel);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "\n  SKIP: %s is absent (../shared is only present in CI and for the team)\n", path);
        return NULL;
    }
    return path;
}

int es_test_skip_under_valgrind(const char *what)
{
    if (getenv("ES_VALGRIND") == NULL)
        return 0;
    fprintf(stderr, "\n  SKIP under valgrind: %s (make check and check-asan run it)\n", what);
    return 1;
}

const char *es_test_data(const char *rel)
{
    static char path[4096];
    snprintf(path, sizeof path, "tests/data/%s", rel);
    return path;
}

const char *es_test_tmpfile(const char *text, size_t len)
{
    static char path[64];
    strcpy(path, "/tmp/es_test_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    if (write(fd, text, len) != (ssize_t)len) {
        close(fd);
        return NULL;
    }
    close(fd);
    return path;
}

/* ---------------------------------------------------------- test data readers */

int es_test_read_xy(const char *name, double **x, size_t *n1, double **y, size_t *n2)
{
    char path[256];
    snprintf(path, sizeof path, "cmp_mw_%s.txt", name);
    FILE *f = fopen(es_test_data(path), "r");
    if (f == NULL)
        return -1;
    size_t cap = 1024;
    *x = malloc(cap * sizeof **x);
    *y = malloc(cap * sizeof **y);
    *n1 = *n2 = 0;
    char g;
    double v;
    while (fscanf(f, " %c %lf", &g, &v) == 2) {
        if (*n1 >= cap || *n2 >= cap) {
            cap *= 2;
            *x = realloc(*x, cap * sizeof **x);
            *y = realloc(*y, cap * sizeof **y);
        }
        if (g == 'x')
            (*x)[(*n1)++] = v;
        else
            (*y)[(*n2)++] = v;
    }
    fclose(f);
    return 0;
}

size_t es_test_read_groups(const char *name, double *g[ES_TEST_MAXG], size_t n[ES_TEST_MAXG])
{
    char path[256];
    snprintf(path, sizeof path, "cmp_groups_%s.txt", name);
    FILE *f = fopen(es_test_data(path), "r");
    size_t k = 0;
    for (int i = 0; i < ES_TEST_MAXG; i++) {
        g[i] = malloc(4096 * sizeof **g);
        n[i] = 0;
    }
    if (f == NULL)
        return 0;
    int lab;
    double v;
    while (fscanf(f, "%d %lf", &lab, &v) == 2)
        if (lab >= 1 && lab <= ES_TEST_MAXG && n[lab - 1] < 4096) {
            g[lab - 1][n[lab - 1]++] = v;
            if ((size_t)lab > k)
                k = (size_t)lab;
        }
    fclose(f);
    return k;
}

void es_test_free_groups(double *g[ES_TEST_MAXG])
{
    for (int i = 0; i < ES_TEST_MAXG; i++)
        free(g[i]);
}

size_t es_test_reg_posts_design(double **X, double **y, uint32_t **cl)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_table *t = NULL;
    es_load_report rep;
    es_err err = {0};
    if (es_load_csv(es_test_data("reg_posts.csv"), &lo, &t, &rep, &err) != ES_OK) {
        es_load_report_free(&rep);
        es_err_clear(&err);
        return 0;
    }
    es_load_report_free(&rep);
    int jf = es_table_find(t, "followers"), je = es_table_find(t, "er"), jn = es_table_find(t, "niche");
    int jp = es_table_find(t, "platform"), js = es_table_find(t, "sponsored"), ja = es_table_find(t, "account");
    size_t n = t->n_rows;
    *X = malloc(n * 6 * sizeof **X);
    *y = malloc(n * sizeof **y);
    *cl = malloc(n * sizeof **cl);
    if (jf < 0 || je < 0 || jn < 0 || jp < 0 || js < 0 || ja < 0 || !*X || !*y || !*cl) {
        es_table_free(t);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        double *x = *X + i * 6;
        const char *niche = es_column_str(&t->cols[jn], i), *plat = es_column_str(&t->cols[jp], i);
        x[0] = 1;
        x[1] = log10(t->cols[jf].num[i]);
        x[2] = strcmp(niche, "food") == 0;
        x[3] = strcmp(niche, "tech") == 0;
        x[4] = strcmp(plat, "tiktok") == 0;
        x[5] = t->cols[js].type == ES_COL_NUMERIC ? t->cols[js].num[i]
                                                   : strcmp(es_column_str(&t->cols[js], i), "1") == 0;
        (*y)[i] = log10(t->cols[je].num[i]);
        (*cl)[i] = t->cols[ja].codes[i];
    }
    es_table_free(t);
    return n;
}

int es_test_study_open(es_test_study *ts, const char *name, const char *er, const char *bands, int unit_post)
{
    return es_test_study_open_path(ts, es_test_data(name), er, bands, unit_post);
}

int es_test_study_open_path(es_test_study *ts, const char *path, const char *er, const char *bands, int unit_post)
{
    memset(ts, 0, sizeof *ts);
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_err err = {0};
    int rc = es_load_csv(path, &lo, &ts->table, &ts->rep, &err);
    if (rc == ES_OK)
        rc = es_er_parse(&ts->uo.er, er ? er : "likes+comments/followers", &err);
    if (rc == ES_OK)
        rc = es_bands_parse(&ts->bands, bands ? bands : ES_BANDS_DEFAULT, NULL, &err);
    ts->uo.unit_post = unit_post;
    ts->uo.agg = ES_AGG_MEDIAN;
    ts->uo.max_er = INFINITY;
    ts->uo.bands = &ts->bands;
    if (rc == ES_OK)
        rc = es_units_build(&ts->units, ts->table, &ts->uo, &err);
    if (rc != ES_OK) {
        fprintf(stderr, "es_test_study_open %s: %s\n", path, err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_test_study_close(ts);
        return rc;
    }
    ts->s = (es_study){.rep = &ts->rep, .units = &ts->units, .uo = &ts->uo, .table = ts->table};
    return 0;
}

void es_test_study_close(es_test_study *ts)
{
    es_units_free(&ts->units);
    es_bands_free(&ts->bands);
    es_table_free(ts->table);
    es_load_report_free(&ts->rep);
    memset(ts, 0, sizeof *ts);
}

/* Read one number per line; returns the count (0 on failure), *x malloc'ed. */
size_t es_test_read_numbers(const char *path, double **x)
{
    FILE *f = fopen(path, "r");
    size_t n = 0, cap = 256;
    *x = malloc(cap * sizeof **x);
    if (f == NULL || *x == NULL) {
        if (f)
            fclose(f);
        return 0;
    }
    double v;
    while (fscanf(f, "%lf", &v) == 1) {
        if (n == cap) {
            cap *= 2;
            double *y = realloc(*x, cap * sizeof *y);
            if (y == NULL)
                break;
            *x = y;
        }
        (*x)[n++] = v;
    }
    fclose(f);
    return n;
}

double es_test_csv_field(char **s)
{
    char *end;
    while (**s == ' ')
        (*s)++;
    double v = strncmp(*s, "NA", 2) == 0 ? NAN : strtod(*s, &end);
    char *c = strchr(*s, ',');
    *s = c ? c + 1 : *s + strlen(*s);
    return v;
}

size_t es_test_find_row(const es_rtable *t, const char *c1, const char *s1, const char *c2, const char *s2)
{
    for (size_t r = 0; t && r < t->n_rows; r++) {
        const es_cell *a = es_rtable_cell(t, r, c1), *b = c2 ? es_rtable_cell(t, r, c2) : NULL;
        if (a && a->type == ES_CELL_STR && strcmp(a->str, s1) == 0 &&
            (c2 == NULL || (b && b->type == ES_CELL_STR && strcmp(b->str, s2) == 0)))
            return r;
    }
    return SIZE_MAX;
}

const char *es_test_cell_str(const es_rtable *t, size_t r, const char *col)
{
    const es_cell *c = r == SIZE_MAX ? NULL : es_rtable_cell(t, r, col);
    return c && c->type == ES_CELL_STR ? c->str : NULL;
}
