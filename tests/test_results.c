/* test_results.c — the results tree: cells set by column name, the sticky status, and
 * that rendering refuses a tree whose building failed.  No numbers from elsewhere:
 * the expected text is the renderers' own output for the positional builder. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/results.h"
#include "testutil.h"

static const char *const cols[] = {"test", "n", "p_value", "note"};

/* r rendered in format fmt into a malloc'ed string (caller frees); *rc gets the status. */
static char *render(const es_results *r, es_format fmt, int *rc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL)
        return NULL;
    es_render_opts o = {.format = fmt, .version = "test"};
    *rc = es_results_render(r, &o, f);
    fclose(f);
    return text;
}

/* The same table built by position and by name renders byte for byte the same, in
 * every format; cells not set are missing. */
static void test_by_name_matches_positional(void)
{
    es_results *a = es_results_alloc("t"), *b = es_results_alloc("t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    es_rtable *ta, *tb;
    CU_ASSERT_EQUAL(es_results_table(a, "tests", "Tests", 4, cols, &ta), ES_OK);
    CU_ASSERT_EQUAL(es_results_table(b, "tests", "Tests", 4, cols, &tb), ES_OK);
    es_cell r1[4] = {es_cell_str("welch_t"), es_cell_int(12), es_cell_num(0.0312), es_cell_null()};
    es_cell r2[4] = {es_cell_str("mann_whitney"), es_cell_null(), es_cell_num(NAN), es_cell_str("a, \"b\"")};
    CU_ASSERT_EQUAL(es_rtable_add_row(ta, r1), ES_OK);
    CU_ASSERT_EQUAL(es_rtable_add_row(ta, r2), ES_OK);

    es_row row = es_rtable_append(tb);
    CU_ASSERT_EQUAL(row.index, 0);
    CU_ASSERT_EQUAL(es_row_num(&row, "p_value", 0.0312), ES_OK); /* any order */
    CU_ASSERT_EQUAL(es_row_int(&row, "n", 12), ES_OK);
    CU_ASSERT_EQUAL(es_row_str(&row, "test", "welch_t"), ES_OK);
    row = es_rtable_append(tb);
    char note[16] = "a, \"b\"";
    CU_ASSERT_EQUAL(es_row_str(&row, "test", "not yet"), ES_OK);
    CU_ASSERT_EQUAL(es_row_str(&row, "test", "mann_whitney"), ES_OK); /* replaced */
    CU_ASSERT_EQUAL(es_row_num(&row, "p_value", NAN), ES_OK);        /* NaN: missing */
    CU_ASSERT_EQUAL(es_row_str(&row, "note", note), ES_OK);
    note[0] = 'X'; /* the cell holds a copy */
    es_row first = es_rtable_row(tb, 0);
    CU_ASSERT_EQUAL(es_row_str(&first, "note", NULL), ES_OK); /* NULL: missing */
    CU_ASSERT_EQUAL(tb->n_rows, 2);

    for (int fmt = ES_FMT_TEXT; fmt <= ES_FMT_LATEX; fmt++) {
        int rca = -1, rcb = -1;
        char *sa = render(a, (es_format)fmt, &rca), *sb = render(b, (es_format)fmt, &rcb);
        CU_ASSERT_PTR_NOT_NULL(sa);
        CU_ASSERT_PTR_NOT_NULL(sb);
        CU_ASSERT_EQUAL(rca, ES_OK);
        CU_ASSERT_EQUAL(rcb, ES_OK);
        if (sa && sb)
            CU_ASSERT_STRING_EQUAL(sa, sb);
        free(sa);
        free(sb);
    }
    int rc;
    char *csv = render(b, ES_FMT_CSV, &rc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_STRING_EQUAL(csv, "test,n,p_value,note\nwelch_t,12,0.0312,\nmann_whitney,,,\"a, \"\"b\"\"\"\n");
    free(csv);
    CU_ASSERT_EQUAL(es_results_status(b, NULL), ES_OK);
    es_results_free(a);
    es_results_free(b);
}

/* An unknown column name is an error that sticks: every later builder call does
 * nothing and returns it, and rendering writes nothing. */
static void test_unknown_column_sticks(void)
{
    es_results *r = es_results_alloc("t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    const char *msg = "unset";
    CU_ASSERT_EQUAL(es_results_status(r, &msg), ES_OK);
    CU_ASSERT_PTR_NULL(msg);
    es_rtable *t;
    CU_ASSERT_EQUAL(es_results_table(r, "tests", NULL, 4, cols, &t), ES_OK);
    CU_ASSERT_EQUAL(es_results_value(r, "before", es_cell_int(1)), ES_OK);
    es_row row = es_rtable_append(t);
    CU_ASSERT_EQUAL(es_row_num(&row, "p_valu", 0.5), ES_EINVAL);
    CU_ASSERT_EQUAL(es_results_status(r, &msg), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(msg);
    CU_ASSERT_STRING_EQUAL(msg, "table 'tests' has no column 'p_valu'");

    /* Later calls, right or wrong, are no-ops that return the first failure. */
    CU_ASSERT_EQUAL(es_row_num(&row, "p_value", 0.5), ES_EINVAL);
    CU_ASSERT_EQUAL(t->cells[2].type, ES_CELL_NULL);
    CU_ASSERT_EQUAL(es_rtable_append(t).index, (size_t)-1);
    es_cell cells[4] = {es_cell_str("x"), es_cell_int(1), es_cell_num(1), es_cell_null()};
    CU_ASSERT_EQUAL(es_rtable_add_row(t, cells), ES_EINVAL);
    CU_ASSERT_EQUAL(t->n_rows, 1);
    CU_ASSERT_EQUAL(es_results_value(r, "after", es_cell_int(2)), ES_EINVAL);
    CU_ASSERT_EQUAL(es_results_setting(r, "s", es_cell_str("v")), ES_EINVAL);
    CU_ASSERT_EQUAL(es_results_warn(r, "w %d", 1), ES_EINVAL);
    CU_ASSERT_EQUAL(r->n_values, 1);
    CU_ASSERT_EQUAL(r->n_settings, 0);
    CU_ASSERT_EQUAL(r->n_warnings, 0);
    /* A table asked for after the failure is a stand-in on which builders do nothing. */
    es_rtable *t2 = NULL;
    CU_ASSERT_EQUAL(es_results_table(r, "more", NULL, 4, cols, &t2), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t2);
    CU_ASSERT_EQUAL(r->n_tables, 1);
    es_row row2 = es_rtable_append(t2);
    CU_ASSERT_EQUAL(es_row_str(&row2, "test", "x"), ES_EINVAL);
    CU_ASSERT_EQUAL(es_rtable_add_row(t2, cells), ES_EINVAL);
    CU_ASSERT_EQUAL(t2->n_rows, 0);
    CU_ASSERT_PTR_NULL(es_results_find_table(r, "more"));

    /* A later failure does not replace the first. */
    CU_ASSERT_EQUAL(es_results_fail(r, ES_ENOMEM, "out of memory"), ES_EINVAL);
    CU_ASSERT_EQUAL(es_results_status(r, &msg), ES_EINVAL);
    CU_ASSERT_STRING_EQUAL(msg, "table 'tests' has no column 'p_valu'");

    /* Every renderer returns the status and writes nothing. */
    for (int fmt = ES_FMT_TEXT; fmt <= ES_FMT_LATEX; fmt++) {
        int rc = ES_OK;
        char *s = render(r, (es_format)fmt, &rc);
        CU_ASSERT_EQUAL(rc, ES_EINVAL);
        CU_ASSERT_TRUE(s == NULL || s[0] == '\0');
        free(s);
    }
    es_results_free(r);
}

/* A caller's own failure (an allocation in a helper) sticks through es_results_fail;
 * a row index past the end is an error too. */
static void test_fail_and_bad_row(void)
{
    es_results *r = es_results_alloc("t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(es_results_fail(r, ES_OK, "ignored"), ES_OK);
    CU_ASSERT_EQUAL(es_results_status(r, NULL), ES_OK);
    CU_ASSERT_EQUAL(es_results_fail(r, ES_ENOMEM, "out of memory in %s", "helper"), ES_ENOMEM);
    const char *msg = NULL;
    CU_ASSERT_EQUAL(es_results_status(r, &msg), ES_ENOMEM);
    CU_ASSERT_STRING_EQUAL(msg, "out of memory in helper");
    CU_ASSERT_EQUAL(es_results_value(r, "v", es_cell_num(1)), ES_ENOMEM);
    CU_ASSERT_EQUAL(r->n_values, 0);
    es_results_free(r);

    r = es_results_alloc("t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    es_rtable *t;
    CU_ASSERT_EQUAL(es_results_table(r, "tests", NULL, 4, cols, &t), ES_OK);
    es_row row = es_rtable_row(t, 0); /* no row yet */
    CU_ASSERT_EQUAL(es_row_int(&row, "n", 1), ES_EINVAL);
    CU_ASSERT_EQUAL(es_results_status(r, &msg), ES_EINVAL);
    CU_ASSERT_STRING_EQUAL(msg, "table 'tests' has no row 0");
    es_results_free(r);
    es_results_free(NULL);
}

/* A table "tests" (a note set on one row, missing on the other, a missing p-value), an
 * empty table "none" and a supplementary table "aux" in front of both. */
static es_results *notes_tree(void)
{
    es_results *r = es_results_alloc("t");
    es_rtable *aux, *t, *none;
    static const char *const acols[] = {"band", "rows"};
    es_results_table(r, "aux", "Aux", 2, acols, &aux);
    aux->supplementary = 1;
    es_row row = es_rtable_append(aux);
    es_row_str(&row, "band", "nano");
    es_row_int(&row, "rows", 3);
    es_results_table(r, "tests", "Tests", 4, cols, &t);
    row = es_rtable_append(t);
    es_row_str(&row, "test", "welch");
    es_row_int(&row, "n", 5);
    es_row_num(&row, "p_value", 0.25);
    es_row_str(&row, "note", "tied");
    row = es_rtable_append(t);
    es_row_str(&row, "test", "mw");
    es_row_int(&row, "n", 6);
    es_results_table(r, "none", "Nothing here", 4, cols, &none);
    return r;
}

/* Empty notes print empty (json: null), a missing number NA in text and md, "--" in
 * latex, empty in csv; an empty table is left out of text, md and latex; csv prints
 * the first table that is not supplementary, and an empty one as its header. */
static void test_empty_notes_and_tables(void)
{
    es_results *r = notes_tree();
    CU_ASSERT_EQUAL_FATAL(es_results_status(r, NULL), ES_OK);
    int rc;
    char *txt = render(r, ES_FMT_TEXT, &rc);
    CU_ASSERT_EQUAL(rc, ES_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "\nmw     6       NA\n"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Nothing here"));
    free(txt);
    txt = render(r, ES_FMT_MD, &rc);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "| mw | 6 | NA |  |\n"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Nothing here"));
    free(txt);
    txt = render(r, ES_FMT_LATEX, &rc);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "mw & 6 & -- &  \\\\\n"));
    CU_ASSERT_PTR_NULL(strstr(txt, "Nothing here"));
    free(txt);
    txt = render(r, ES_FMT_CSV, &rc);
    CU_ASSERT_STRING_EQUAL(txt, "test,n,p_value,note\nwelch,5,0.25,tied\nmw,6,,\n");
    free(txt);
    txt = render(r, ES_FMT_JSON, &rc);
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "[\"mw\", 6, null, null]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(txt, "\"none\": {\"columns\""));
    free(txt);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    es_render_opts o = {.format = ES_FMT_CSV, .table = "none"};
    CU_ASSERT_EQUAL(es_results_render(r, &o, f), ES_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(text, "test,n,p_value,note\n");
    free(text);
    es_results_free(r);
}

int es_suite_results(void)
{
    CU_pSuite s = CU_add_suite("results", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "cells by name render as by position", test_by_name_matches_positional) ||
        !CU_add_test(s, "an unknown column sticks", test_unknown_column_sticks) ||
        !CU_add_test(s, "es_results_fail and a bad row index", test_fail_and_bad_row) ||
        !CU_add_test(s, "empty notes and empty tables", test_empty_notes_and_tables))
        return -1;
    return 0;
}
