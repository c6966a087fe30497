/* test_export.c — es_export_write / es_export_save (src/data/export.c) and the ledger of
 * rejected rows (es_load_opts.keep_rejects).  Expected texts are written by hand from
 * RFC 4180 and RFC 8259; the rejected lines of tests/data/tiny.csv are counted
 * independently with Python's csv module (the line a record starts on is the previous
 * record's reader.line_num + 1):
 *   python3 -c "import csv;r=csv.reader(open('tests/data/tiny.csv',newline='',
 *     encoding='utf-8-sig'));next(r);s=[r.line_num];print([(s[-1]+1,row[0],len(row),
 *     s.append(r.line_num))[:3] for row in r])"
 * gives lines 2 3 4 5 7 8 9 10 11 12 13 (line 6 is inside the quoted "multi\r\nline"),
 * of which carol 7, dave 8, erin 9, frank 10 (6 fields), gina 11 and hank 13 are the
 * rejected rows (inspect's reasons). */
#define _POSIX_C_SOURCE 200809L
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

/* t written in fmt into a malloc'ed string. */
static char *export_text(const es_table *t, es_export_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    es_err err = {0};
    CU_ASSERT_EQUAL(es_export_write(t, f, "memory", fmt, 0, &err), ES_OK);
    es_err_clear(&err);
    fclose(f);
    return text;
}

static es_table *reload(const char *path, es_load_report *rep)
{
    es_load_opts o;
    es_load_opts_init(&o);
    es_table *t = NULL;
    es_err err = {0};
    int rc = es_load_csv(path, &o, &t, rep, &err);
    CU_ASSERT_EQUAL(rc, ES_OK);
    if (rc != ES_OK)
        fprintf(stderr, "\n  %s: %s\n", path, err.msg ? err.msg : "");
    es_err_clear(&err);
    return t;
}

static const char *tmp_path(const char *ext)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/es-export-%ld%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(),
             ext);
    return path;
}

/* A table of one text column "note" and one numeric column "x". */
static es_table *text_table(const char *const *notes, size_t n)
{
    es_table *t = es_table_alloc();
    size_t jn, jx;
    CU_ASSERT_FATAL(es_table_add_column(t, "note", ES_COL_TEXT, &jn) == ES_OK);
    CU_ASSERT_FATAL(es_table_add_column(t, "x", ES_COL_NUMERIC, &jx) == ES_OK);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_FATAL(es_table_add_row(t) == ES_OK);
        if (notes[i] != NULL)
            CU_ASSERT(es_table_set_str(t, jn, i, notes[i], strlen(notes[i])) == ES_OK);
        es_table_set_num(t, jx, i, (double)i);
    }
    return t;
}

static void test_escaping(void)
{
    const char *notes[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "caf\xc3\xa9 \xe2\x9c\x93", "tab\there",
                           "bell\x01", NULL, " padded "};
    es_table *t = text_table(notes, sizeof notes / sizeof *notes);
    char *csv = export_text(t, ES_EXPORT_CSV);
    CU_ASSERT_STRING_EQUAL(csv, "note,x\n"
                                "plain,0\n"
                                "\"a,b\",1\n"
                                "\"say \"\"hi\"\"\",2\n"
                                "\"two\nlines\",3\n"
                                "caf\xc3\xa9 \xe2\x9c\x93,4\n"
                                "tab\there,5\n"
                                "bell\x01,6\n"
                                ",7\n"
                                "\" padded \",8\n");
    char *tsv = export_text(t, ES_EXPORT_TSV);
    CU_ASSERT_STRING_EQUAL(tsv, "note\tx\n"
                                "plain\t0\n"
                                "a,b\t1\n"
                                "\"say \"\"hi\"\"\"\t2\n"
                                "\"two\nlines\"\t3\n"
                                "caf\xc3\xa9 \xe2\x9c\x93\t4\n"
                                "\"tab\there\"\t5\n"
                                "bell\x01\t6\n"
                                "\t7\n"
                                "\" padded \"\t8\n");
    char *jl = export_text(t, ES_EXPORT_JSONL);
    CU_ASSERT_STRING_EQUAL(jl, "{\"note\":\"plain\",\"x\":0}\n"
                               "{\"note\":\"a,b\",\"x\":1}\n"
                               "{\"note\":\"say \\\"hi\\\"\",\"x\":2}\n"
                               "{\"note\":\"two\\nlines\",\"x\":3}\n"
                               "{\"note\":\"caf\xc3\xa9 \xe2\x9c\x93\",\"x\":4}\n"
                               "{\"note\":\"tab\\there\",\"x\":5}\n"
                               "{\"note\":\"bell\\u0001\",\"x\":6}\n"
                               "{\"note\":null,\"x\":7}\n"
                               "{\"note\":\" padded \",\"x\":8}\n");
    free(csv);
    free(tsv);
    free(jl);
    /* The loader reads each back to the same strings. */
    static const char *exts[] = {".csv", ".tsv", ".jsonl"};
    for (size_t e = 0; e < 3; e++) {
        const char *path = tmp_path(exts[e]);
        es_export_format fmt;
        int gz;
        CU_ASSERT_EQUAL(es_export_format_from_path(path, &fmt, &gz), ES_OK);
        es_err err = {0};
        CU_ASSERT_EQUAL(es_export_save(t, path, fmt, &err), ES_OK);
        es_load_report rep;
        es_table *u = reload(path, &rep);
        if (u != NULL) {
            CU_ASSERT_EQUAL(u->n_rows, t->n_rows);
            int j = es_table_find(u, "note");
            CU_ASSERT_FATAL(j >= 0);
            for (size_t i = 0; i < sizeof notes / sizeof *notes && i < u->n_rows; i++) {
                const char *got = es_column_str(&u->cols[j], i);
                if (notes[i] == NULL) {
                    CU_ASSERT_PTR_NULL(got);
                } else if (strcmp(notes[i], " padded ") != 0) { /* the loader trims cells */
                    CU_ASSERT(got != NULL && strcmp(got, notes[i]) == 0);
                }
            }
        }
        es_table_free(u);
        es_load_report_free(&rep);
        es_err_clear(&err);
        unlink(path);
    }
    es_table_free(t);
}

static void test_numbers(void)
{
    const double v[] = {0.1, 1e-300, 9007199254740992.0, -0.5, 1e20, 123456789.125, 1.0 / 3.0, 5e-324, 0, NAN};
    const char *want[] = {"0.1", "1e-300", "9007199254740992", "-0.5", "1e+20", "123456789.125",
                          "0.3333333333333333", "4.94065645841247e-324", "0", ""};
    size_t n = sizeof v / sizeof *v;
    es_table *t = es_table_alloc();
    size_t jx, jid;
    CU_ASSERT_FATAL(es_table_add_column(t, "post_id", ES_COL_TEXT, &jid) == ES_OK);
    CU_ASSERT_FATAL(es_table_add_column(t, "x", ES_COL_NUMERIC, &jx) == ES_OK);
    es_table_set_role(t, jid, ES_ROLE_POST);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_FATAL(es_table_add_row(t) == ES_OK);
        es_table_set_num(t, jx, i, v[i]);
        const char *id = i == 0 ? "123456789012345678" : "p";
        es_table_set_str(t, jid, i, id, strlen(id));
    }
    char *csv = export_text(t, ES_EXPORT_CSV);
    char *line = strchr(csv, '\n') + 1;
    for (size_t i = 0; i < n; i++) {
        char *end = strchr(line, '\n');
        *end = '\0';
        const char *cell = strchr(line, ',') + 1;
        CU_ASSERT_STRING_EQUAL(cell, want[i]);
        if (i == 0) {
            CU_ASSERT(strncmp(line, "123456789012345678,", 19) == 0);
        }
        line = end + 1;
    }
    free(csv);
    for (int jsonl = 0; jsonl <= 1; jsonl++) {
        const char *path = tmp_path(jsonl ? ".jsonl" : ".csv.gz");
        es_err err = {0};
        CU_ASSERT_EQUAL(es_export_save(t, path, jsonl ? ES_EXPORT_JSONL : ES_EXPORT_CSV, &err), ES_OK);
        es_load_report rep;
        es_table *u = reload(path, &rep);
        if (u != NULL) {
            CU_ASSERT_EQUAL(rep.gzip, !jsonl);
            CU_ASSERT_EQUAL_FATAL(u->n_rows, n);
            int j = es_table_find(u, "x"), k = es_table_find(u, "post_id");
            CU_ASSERT_FATAL(j >= 0 && k >= 0 && u->cols[j].type == ES_COL_NUMERIC);
            for (size_t i = 0; i < n; i++) {
                double got = u->cols[j].num[i];
                CU_ASSERT(isnan(v[i]) ? isnan(got) : got == v[i]);
            }
            CU_ASSERT_STRING_EQUAL(es_column_str(&u->cols[k], 0), "123456789012345678");
        }
        es_table_free(u);
        es_load_report_free(&rep);
        es_err_clear(&err);
        unlink(path);
    }
    es_table_free(t);
}

static void test_dates(void)
{
    es_table *t = es_table_alloc();
    size_t j;
    CU_ASSERT_FATAL(es_table_add_column(t, "posted_at", ES_COL_NUMERIC, &j) == ES_OK);
    es_table_set_role(t, j, ES_ROLE_DATE);
    const double v[] = {1556704800, 1556704800.25, 0, -86400};
    for (size_t i = 0; i < 4; i++) {
        CU_ASSERT_FATAL(es_table_add_row(t) == ES_OK);
        es_table_set_num(t, j, i, v[i]);
    }
    char *csv = export_text(t, ES_EXPORT_CSV);
    CU_ASSERT_STRING_EQUAL(csv, "posted_at\n2019-05-01T10:00:00Z\n2019-05-01T10:00:00.25Z\n"
                                "1970-01-01T00:00:00Z\n1969-12-31T00:00:00Z\n");
    char *jl = export_text(t, ES_EXPORT_JSONL);
    CU_ASSERT(strncmp(jl, "{\"posted_at\":\"2019-05-01T10:00:00Z\"}\n", 36) == 0);
    free(csv);
    free(jl);
    es_table_free(t);
}

static void test_errors(void)
{
    es_table *t = text_table((const char *[]){"a"}, 1);
    es_err err = {0};
    CU_ASSERT_EQUAL(es_export_save(t, "/nonexistent-dir/out.csv", ES_EXPORT_CSV, &err), ES_EIO);
    CU_ASSERT(err.msg != NULL && strstr(err.msg, "/nonexistent-dir/out.csv") != NULL);
    es_err_clear(&err);
    if (access("/dev/full", W_OK) == 0) {
        CU_ASSERT_EQUAL(es_export_save(t, "/dev/full", ES_EXPORT_CSV, &err), ES_EIO);
        CU_ASSERT(err.msg != NULL && strstr(err.msg, "/dev/full") != NULL);
        es_err_clear(&err);
    }
    es_export_format fmt;
    int gz;
    CU_ASSERT_EQUAL(es_export_format_from_path("out.ndjson.gz", &fmt, &gz), ES_OK);
    CU_ASSERT(fmt == ES_EXPORT_JSONL && gz == 1);
    CU_ASSERT_EQUAL(es_export_format_from_path("out.txt", &fmt, &gz), ES_EINVAL);
    es_table_free(t);
}

static void test_rejects(void)
{
    static const struct {
        size_t line;
        const char *reason, *raw;
    } want[] = {
        {7, "followers missing", "carol,tiktok,fitness,,p5,2019-05-03,10,1,x"},
        {8, "followers zero or negative", "dave,tiktok,fitness,0,p6,2019-05-03,10,1,x"},
        {9, "negative count in likes", "erin,tiktok,fitness,5000,p7,2019-05-03,-4,1,x"},
        {10, "wrong field count", "frank,tiktok,fitness,5000,p8,2019-05-03"},
        {11, "unparsable number in likes", "gina,tiktok,fitness,5000,p9,2019-05-03,abc,1,x"},
        {13, "unparsable date in date", "hank,tiktok,beauty,800,p10,yesterday,10,1,x"},
    };
    size_t keep[] = {0, 2, ES_KEEP_REJECTS_MAX};
    for (size_t k = 0; k < 3; k++) {
        es_load_opts o;
        es_load_opts_init(&o);
        o.keep_rejects = keep[k];
        es_load_report rep;
        es_table *t = NULL;
        es_err err = {0};
        CU_ASSERT_EQUAL(es_load_csv(es_test_data("tiny.csv"), &o, &t, &rep, &err), ES_OK);
        CU_ASSERT_EQUAL(rep.rows_rejected, 6);
        CU_ASSERT_EQUAL(rep.n_rejected, keep[k] < 6 ? keep[k] : 6);
        for (size_t i = 0; i < rep.n_rejected; i++) {
            CU_ASSERT_EQUAL(rep.rejected[i].line, want[i].line);
            CU_ASSERT_STRING_EQUAL(rep.rejected[i].reason, want[i].reason);
            CU_ASSERT_STRING_EQUAL(rep.rejected[i].raw, want[i].raw);
        }
        es_table_free(t);
        es_load_report_free(&rep);
        es_err_clear(&err);
    }
    /* JSON Lines: a line that is not an object keeps its text; held rows come out by line. */
    es_load_opts o;
    es_load_opts_init(&o);
    o.keep_rejects = 10;
    es_load_report rep;
    es_table *t = NULL;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_load_csv(es_test_data("nested.jsonl"), &o, &t, &rep, &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(rep.n_rejected, 2);
    CU_ASSERT_EQUAL(rep.rejected[0].line, 4);
    CU_ASSERT_STRING_EQUAL(rep.rejected[0].reason, "followers zero or negative");
    CU_ASSERT_EQUAL(rep.rejected[1].line, 5);
    CU_ASSERT_STRING_EQUAL(rep.rejected[1].raw, "[1, 2]");
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

int es_suite_export(void)
{
    CU_pSuite s = CU_add_suite("export", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "escaping in CSV, TSV, JSON Lines", test_escaping) ||
        !CU_add_test(s, "numbers read back exactly", test_numbers) || !CU_add_test(s, "dates as ISO 8601", test_dates) ||
        !CU_add_test(s, "write errors, formats from names", test_errors) ||
        !CU_add_test(s, "rejected rows kept", test_rejects))
        return -1;
    return 0;
}
