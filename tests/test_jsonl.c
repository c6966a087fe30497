/* test_jsonl.c — JSON Lines input (src/data/jsonl.c through es_load_csv) on hand-made
 * files in tests/data (values and lines counted in the files):
 *   nested.jsonl      nested objects, null, true/false, arrays, a blank line, a line that
 *                     is not an object, a key first seen on the last line, a number as a
 *                     string ("25,000"), a number in exponent form (1.2e3)
 *   nested.jsonl.gz   gzip -9 -n -c nested.jsonl
 *   malformed.jsonl   a trailing comma on line 2
 *   accounts-r.jsonl  python3 scripts/csv2jsonl.py tests/data/accounts-r.csv */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

static es_table *jload(const char *path, const es_load_opts *o, es_load_report *rep, int want_rc, es_err *err)
{
    es_load_opts def;
    es_load_opts_init(&def);
    es_table *t = NULL;
    int rc = es_load_csv(path, o ? o : &def, &t, rep, err);
    CU_ASSERT_EQUAL(rc, want_rc);
    if (rc != want_rc)
        fprintf(stderr, "\n  %s: rc %d (%s)\n", path, rc, err->msg ? err->msg : "");
    return t;
}

static size_t reject_count(const es_load_report *rep, const char *reason, size_t *line)
{
    for (size_t i = 0; i < rep->n_rejects; i++)
        if (strcmp(rep->rejects[i].reason, reason) == 0) {
            if (line)
                *line = rep->rejects[i].first_line;
            return rep->rejects[i].count;
        }
    return 0;
}

static const es_column *col(const es_table *t, const char *name)
{
    int j = es_table_find(t, name);
    CU_ASSERT(j >= 0);
    if (j < 0)
        fprintf(stderr, "\n  no column '%s'\n", name);
    return j >= 0 ? &t->cols[j] : NULL;
}

static void check_nested(const es_table *t, const es_load_report *rep)
{
    /* Lines: 1 ana, 2 bo, 3 blank, 4 cy (followers 0), 5 [1, 2], 6 di. */
    CU_ASSERT_EQUAL(rep->rows_read, 5);
    CU_ASSERT_EQUAL(rep->rows_kept, 3);
    CU_ASSERT_EQUAL(rep->rows_rejected, 2);
    CU_ASSERT_EQUAL(rep->lines, 6);
    CU_ASSERT_EQUAL(rep->delimiter, 0);
    size_t line = 0;
    CU_ASSERT_EQUAL(reject_count(rep, "not a JSON object", &line), 1);
    CU_ASSERT_EQUAL(line, 5);
    CU_ASSERT_EQUAL(reject_count(rep, "followers zero or negative", &line), 1);
    CU_ASSERT_EQUAL(line, 4);
    /* The union of the keys, first seen first, nested ones dotted. */
    static const char *const names[] = {"username", "followers", "edge_liked_by.count", "comments", "verified",
                                        "tags", "bio", "owner.id", "owner.meta.city", "location"};
    CU_ASSERT_EQUAL_FATAL(t->n_cols, sizeof names / sizeof *names);
    for (size_t j = 0; j < t->n_cols; j++)
        CU_ASSERT_STRING_EQUAL(t->cols[j].name, names[j]);
    CU_ASSERT_EQUAL_FATAL(t->n_rows, 3);
    const es_column *f = es_table_role(t, ES_ROLE_FOLLOWERS), *l = es_table_role(t, ES_ROLE_LIKES);
    const es_column *c = es_table_role(t, ES_ROLE_COMMENTS), *a = es_table_role(t, ES_ROLE_ACCOUNT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_STRING_EQUAL(l->name, "edge_liked_by.count");
    CU_ASSERT_STRING_EQUAL(a->name, "username");
    CU_ASSERT_EQUAL(f->num[0], 12000);
    CU_ASSERT_EQUAL(f->num[1], 25000); /* "25,000": read as the CSV loader reads it */
    CU_ASSERT_EQUAL(f->num[2], 800000);
    CU_ASSERT_EQUAL(l->num[1], 1200);  /* 1.2e3 */
    CU_ASSERT(isnan(c->num[1]));       /* null */
    CU_ASSERT_EQUAL(c->n_missing, 1);
    const es_column *v = col(t, "verified"), *tg = col(t, "tags"), *bio = col(t, "bio");
    const es_column *id = col(t, "owner.id"), *city = col(t, "owner.meta.city"), *loc = col(t, "location");
    CU_ASSERT_FATAL(v && tg && bio && id && city && loc);
    CU_ASSERT_NOT_EQUAL(v->type, ES_COL_NUMERIC);
    CU_ASSERT_STRING_EQUAL(es_column_str(v, 0), "true");
    CU_ASSERT_STRING_EQUAL(es_column_str(v, 1), "false");
    /* Arrays: their JSON text, not a number. */
    CU_ASSERT_NOT_EQUAL(tg->type, ES_COL_NUMERIC);
    CU_ASSERT_STRING_EQUAL(es_column_str(tg, 0), "[\"food\", \"travel\"]");
    CU_ASSERT_STRING_EQUAL(es_column_str(tg, 1), "[]");
    CU_ASSERT_STRING_EQUAL(es_column_str(tg, 2), "[{\"a\": [1]}, \"x\"]");
    CU_ASSERT_EQUAL(bio->n_missing, 3);
    CU_ASSERT_EQUAL(id->type, ES_COL_NUMERIC); /* "7": a number, as in a CSV cell */
    CU_ASSERT(isnan(id->num[0]));
    CU_ASSERT_EQUAL(id->num[1], 7);
    CU_ASSERT_STRING_EQUAL(es_column_str(city, 1), "Lyon");
    /* A key first seen on the last line: missing before. */
    CU_ASSERT_PTR_NULL(es_column_str(loc, 0));
    CU_ASSERT_PTR_NULL(es_column_str(loc, 1));
    CU_ASSERT_STRING_EQUAL(es_column_str(loc, 2), "Paris");
    CU_ASSERT_EQUAL(loc->n_missing, 2);
}

static void test_nested(void)
{
    es_load_opts o;
    es_load_opts_init(&o);
    o.map[ES_ROLE_LIKES] = "edge_liked_by.count";
    es_load_report rep;
    es_err err = {0};
    es_table *t = jload(es_test_data("nested.jsonl"), &o, &rep, ES_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(rep.gzip, 0);
    check_nested(t, &rep);
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

static void test_gzip_stdin_detect(void)
{
    es_load_opts o;
    es_load_opts_init(&o);
    o.map[ES_ROLE_LIKES] = "edge_liked_by.count";
    es_load_report rep;
    es_err err = {0};
    es_table *t = jload(es_test_data("nested.jsonl.gz"), &o, &rep, ES_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(rep.gzip, 1);
    check_nested(t, &rep);
    es_table_free(t);
    es_load_report_free(&rep);
    /* No extension: detected from the first byte that is not blank. */
    const char *text = "\n  {\"handle\": \"a\", \"followers\": 1000, \"likes\": 10}\n{\"handle\": \"b\", \"followers\": 2000}";
    const char *path = es_test_tmpfile(text, strlen(text));
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    t = jload(path, NULL, &rep, ES_OK, &err);
    CU_ASSERT_PTR_NOT_NULL(t);
    if (t != NULL) {
        CU_ASSERT_EQUAL(t->n_cols, 3);
        CU_ASSERT_EQUAL(t->n_rows, 2); /* the last line has no newline */
        CU_ASSERT(isnan(es_table_role(t, ES_ROLE_LIKES)->num[1]));
    }
    unlink(path);
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

static void test_malformed(void)
{
    es_load_report rep;
    es_err err = {0};
    es_table *t = jload(es_test_data("malformed.jsonl"), NULL, &rep, ES_EPARSE, &err);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "malformed.jsonl:2:52: invalid JSON: parse error"));
    es_load_report_free(&rep);
    es_err_clear(&err);
    /* An object left open at the end of its line. */
    const char *text = "{\"a\": 1}\n{\"a\": 2, \"b\": {\"c\": 3}\n";
    const char *path = es_test_tmpfile(text, strlen(text));
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    t = jload(path, NULL, &rep, ES_EPARSE, &err);
    CU_ASSERT(err.msg != NULL && strstr(err.msg, ":2:23: invalid JSON: parse error: premature EOF") != NULL);
    unlink(path);
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

/* A line longer than the loader's 1 MiB read: assembled across reads. */
static void test_long_line(void)
{
    size_t big = (3u << 20) / 2;
    es_buf b = {0};
    es_buf_puts(&b, "{\"handle\": \"a\", \"followers\": 1000, \"likes\": 10, \"caption\": \"");
    for (size_t i = 0; i < big; i++)
        es_buf_putc(&b, (char)('a' + i % 26));
    es_buf_puts(&b, "\"}\n{\"handle\": \"b\", \"followers\": 2000, \"likes\": 20, \"caption\": \"short\"}\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    const char *path = es_test_tmpfile(b.data, b.len);
    es_buf_free(&b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    es_load_report rep;
    es_err err = {0};
    es_table *t = jload(path, NULL, &rep, ES_OK, &err);
    CU_ASSERT_PTR_NOT_NULL(t);
    if (t != NULL) {
        CU_ASSERT_EQUAL(t->n_rows, 2);
        const es_column *c = col(t, "caption");
        CU_ASSERT(c && strlen(es_column_str(c, 0)) == big && strcmp(es_column_str(c, 1), "short") == 0);
        CU_ASSERT_EQUAL(es_table_role(t, ES_ROLE_LIKES)->num[1], 20);
    }
    unlink(path);
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

/* A JSON Lines copy of a CSV gives the same table: names, types, roles, every cell. */
static void test_same_as_csv(void)
{
    es_load_report a, b;
    es_err err = {0};
    es_table *t1 = jload(es_test_data("accounts-r.csv"), NULL, &a, ES_OK, &err);
    es_table *t2 = jload(es_test_data("accounts-r.jsonl"), NULL, &b, ES_OK, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t2);
    CU_ASSERT_EQUAL(a.rows_read, b.rows_read);
    CU_ASSERT_EQUAL(a.rows_kept, b.rows_kept);
    CU_ASSERT_EQUAL(a.n_notes, b.n_notes);
    CU_ASSERT_EQUAL_FATAL(t1->n_cols, t2->n_cols);
    CU_ASSERT_EQUAL_FATAL(t1->n_rows, t2->n_rows);
    for (size_t j = 0; j < t1->n_cols; j++) {
        const es_column *c1 = &t1->cols[j], *c2 = &t2->cols[j];
        CU_ASSERT_STRING_EQUAL(c1->name, c2->name);
        CU_ASSERT_EQUAL(c1->type, c2->type);
        CU_ASSERT_EQUAL(c1->role, c2->role);
        CU_ASSERT_EQUAL(c1->n_missing, c2->n_missing);
        for (size_t i = 0; i < t1->n_rows; i++) {
            if (c1->type == ES_COL_NUMERIC) {
                CU_ASSERT(c1->num[i] == c2->num[i] || (isnan(c1->num[i]) && isnan(c2->num[i])));
            } else {
                const char *s1 = es_column_str(c1, i), *s2 = es_column_str(c2, i);
                CU_ASSERT((s1 == NULL && s2 == NULL) || (s1 && s2 && strcmp(s1, s2) == 0));
            }
        }
    }
    es_table_free(t1);
    es_table_free(t2);
    es_load_report_free(&a);
    es_load_report_free(&b);
    es_err_clear(&err);
}

int es_suite_jsonl(void)
{
    CU_pSuite s = CU_add_suite("jsonl", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "nested keys, nulls, flags, arrays, late keys", test_nested) ||
        !CU_add_test(s, "gzip, content detection", test_gzip_stdin_detect) ||
        !CU_add_test(s, "malformed lines", test_malformed) || !CU_add_test(s, "a line across reads", test_long_line) ||
        !CU_add_test(s, "same table as the CSV", test_same_as_csv))
        return -1;
    return 0;
}
