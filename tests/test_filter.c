/* test_filter.c — --where: the grammar and its error positions, comparisons by column
 * kind (numbers exact to 2^53, dates as seconds, decimal commas, missing cells), and
 * the loader's per-filter counts, notes and "nothing left" error on
 * tests/data/where-decimal.csv (6 rows, ';'-separated, decimal comma).
 * Expected counts on that file, from Python's csv module (decimal comma, '.' and ' '
 * grouping, 'K' = 1000, '' and NA missing):
 *   python3 -c "import csv; r=list(csv.DictReader(open('tests/data/where-decimal.csv'),delimiter=';'));
 *     print(sum(x['niche']=='fashion' for x in r), sum(x['likes']=='' for x in r),
 *           sum(x['likes']=='' or x['comments']=='' for x in r))"
 *   -> 3 1 2 (rows of niche 'fashion'; rows with no likes; with no likes or no comments);
 *   likes > 10 holds on 3 rows (10,5 30 12,25), likes > comments on 3 (a b d),
 *   followers >= 1000 on 4 (1000, 2 000, 3.5K, 12.500), posted_at >= 2019-01-01 on 4
 *   (a b e f; e is 1546300800 = 2019-01-01T00:00:00Z: python3 -c "import datetime;
 *   print(datetime.datetime.utcfromtimestamp(1546300800))"). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

static int parse_fails(const char *expr, const char *want_in_msg)
{
    es_where w;
    es_err err = {0};
    int rc = es_where_parse(&w, expr, &err);
    int ok = rc == ES_EINVAL && err.msg != NULL && strstr(err.msg, want_in_msg) != NULL &&
             strstr(err.msg, expr) != NULL;
    if (!ok)
        fprintf(stderr, "\n  '%s': rc %d, message '%s' (want '%s')\n", expr, rc, err.msg ? err.msg : "",
                want_in_msg);
    if (rc == ES_OK)
        es_where_clear(&w);
    es_err_clear(&err);
    return ok;
}

static void test_grammar(void)
{
    es_where w;
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, " platform = instagram ", NULL), ES_OK);
    CU_ASSERT_STRING_EQUAL(w.column, "platform");
    CU_ASSERT_STRING_EQUAL(w.value, "instagram");
    CU_ASSERT_EQUAL(w.op, ES_OP_EQ);
    CU_ASSERT_FALSE(w.value_quoted);
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "handle != x'y", NULL), ES_OK);
    CU_ASSERT_STRING_EQUAL(w.value, "x'y");
    CU_ASSERT_EQUAL(w.op, ES_OP_NE);
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "niche='a=b<c'", NULL), ES_OK);
    CU_ASSERT_STRING_EQUAL(w.value, "a=b<c");
    CU_ASSERT_TRUE(w.value_quoted);
    CU_ASSERT_FALSE(w.value_is_number);
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "likes>=1K", NULL), ES_OK);
    CU_ASSERT_EQUAL(w.op, ES_OP_GE);
    CU_ASSERT_TRUE(w.value_is_number);
    CU_ASSERT_DOUBLE_EQUAL(w.number, 1000, 0);
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "a==b", NULL), ES_OK);
    CU_ASSERT_EQUAL(w.op, ES_OP_EQ);
    CU_ASSERT_STRING_EQUAL(w.value, "b");
    es_where_clear(&w);
    /* Malformed: each names the expression and the character (1-based). */
    CU_ASSERT_TRUE(parse_fails("followers>>5", "at character 11: expected a value or a column after '>', found '>'"));
    CU_ASSERT_TRUE(parse_fails("followers<>5", "write !="));
    CU_ASSERT_TRUE(parse_fails("followers=>5", "write >="));
    CU_ASSERT_TRUE(parse_fails("=5", "at character 1: expected a column name"));
    CU_ASSERT_TRUE(parse_fails("followers", "no operator"));
    CU_ASSERT_TRUE(parse_fails("followers> ", "at character 11: expected a value"));
    CU_ASSERT_TRUE(parse_fails("a=b=c", "at character 4: a second operator"));
    CU_ASSERT_TRUE(parse_fails("a!b", "at character 2"));
    CU_ASSERT_TRUE(parse_fails("a='open", "unterminated"));
    CU_ASSERT_TRUE(parse_fails("a='x'y", "at character 6: unexpected text after the quoted value"));
}

static es_where_outcome test1(const char *expr, es_where_kind kind, char decimal, const char *cell)
{
    es_where w;
    es_where_test t;
    if (es_where_parse(&w, expr, NULL) != ES_OK)
        return (es_where_outcome)-1;
    es_where_outcome o = (es_where_outcome)-1;
    if (es_where_bind(&t, &w, kind, -1, ES_WHERE_TEXT, decimal, NULL) == ES_OK)
        o = es_where_test_cells(&t, cell, strlen(cell), NULL, 0);
    es_where_clear(&w);
    return o;
}

static void test_compare(void)
{
    /* Integers near 2^53 = 9007199254740992 compare exactly. */
    CU_ASSERT_EQUAL(test1("x>9007199254740991", ES_WHERE_NUMBER, '.', "9007199254740992"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x>9007199254740991", ES_WHERE_NUMBER, '.', "9007199254740991"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("x=9007199254740991", ES_WHERE_NUMBER, '.', "9007199254740991"), ES_WHERE_YES);
    /* Dates: the cell text is a date-time, the value Unix seconds (and the reverse);
     * 1557899245 is 2019-05-15T05:47:25Z, the last post of the Kim sample. */
    CU_ASSERT_EQUAL(test1("t>1557899245", ES_WHERE_TIME, '.', "2019-05-15T05:47:25Z"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("t>=1557899245", ES_WHERE_TIME, '.', "2019-05-15T05:47:25Z"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("t<2019-05-15T05:47:26Z", ES_WHERE_TIME, '.', "1557899245"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("t>=2019-01-01", ES_WHERE_TIME, '.', "2018-12-31T23:59:59Z"), ES_WHERE_NO);
    /* Decimal comma: cells and value with the file's mark. */
    CU_ASSERT_EQUAL(test1("x<10,5", ES_WHERE_NUMBER, ',', "10,25"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x>=1.000", ES_WHERE_NUMBER, ',', "999"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("x>=1.000", ES_WHERE_NUMBER, '.', "999"), ES_WHERE_YES);
    /* Flags. */
    CU_ASSERT_EQUAL(test1("s=true", ES_WHERE_FLAG, '.', "1"), ES_WHERE_YES);
    /* Missing: kept only by !=; a cell that is not a number is not kept. */
    CU_ASSERT_EQUAL(test1("x>5", ES_WHERE_NUMBER, '.', "NA"), ES_WHERE_MISSING);
    CU_ASSERT_EQUAL(test1("x=5", ES_WHERE_NUMBER, '.', ""), ES_WHERE_MISSING);
    CU_ASSERT_EQUAL(test1("x!=5", ES_WHERE_NUMBER, '.', "NA"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x>5", ES_WHERE_NUMBER, '.', "abc"), ES_WHERE_BAD);
    /* Text: exact bytes for =, case included; numbers for < > with a number. */
    CU_ASSERT_EQUAL(test1("c=fashion", ES_WHERE_TEXT, '.', " fashion "), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c=Fashion", ES_WHERE_TEXT, '.', "fashion"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c>9", ES_WHERE_TEXT, '.', "10"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c>9", ES_WHERE_TEXT, '.', "zz"), ES_WHERE_BAD);
    CU_ASSERT_EQUAL(test1("c>b", ES_WHERE_TEXT, '.', "c"), ES_WHERE_YES);
    /* A value that does not fit its column is refused at binding. */
    es_where w;
    es_where_test t;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "followers>abc", NULL), ES_OK);
    CU_ASSERT_EQUAL(es_where_bind(&t, &w, ES_WHERE_NUMBER, -1, ES_WHERE_TEXT, '.', &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "expected a number") : NULL);
    CU_ASSERT_EQUAL(es_where_bind(&t, &w, ES_WHERE_TIME, -1, ES_WHERE_TEXT, '.', &err), ES_EINVAL);
    CU_ASSERT_EQUAL(es_where_bind(&t, &w, ES_WHERE_TEXT, -1, ES_WHERE_TEXT, '.', &err), ES_OK);
    es_where_clear(&w);
    /* Two columns of the same row. */
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "likes>comments", NULL), ES_OK);
    CU_ASSERT_EQUAL(es_where_bind(&t, &w, ES_WHERE_NUMBER, 3, ES_WHERE_TEXT, '.', &err), ES_EINVAL);
    CU_ASSERT_EQUAL_FATAL(es_where_bind(&t, &w, ES_WHERE_NUMBER, 3, ES_WHERE_NUMBER, ',', &err), ES_OK);
    CU_ASSERT_EQUAL(es_where_test_cells(&t, "10,5", 4, "10", 2), ES_WHERE_YES);
    CU_ASSERT_EQUAL(es_where_test_cells(&t, "10", 2, "10,5", 4), ES_WHERE_NO);
    CU_ASSERT_EQUAL(es_where_test_cells(&t, "10", 2, "NA", 2), ES_WHERE_MISSING);
    es_where_clear(&w);
    es_err_clear(&err);
}

/* IN lists and case-insensitive operators: parsing, error positions, matching. */
static void test_lists(void)
{
    es_where w;
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "niche = ( fashion , 'food, drink',\"a)b\" )", NULL), ES_OK);
    CU_ASSERT_TRUE(w.is_list);
    CU_ASSERT_EQUAL(w.op, ES_OP_EQ);
    CU_ASSERT_EQUAL_FATAL(w.n_items, 3);
    CU_ASSERT_STRING_EQUAL(w.items[0].text, "fashion");
    CU_ASSERT_STRING_EQUAL(w.items[1].text, "food, drink");
    CU_ASSERT_STRING_EQUAL(w.items[2].text, "a)b");
    CU_ASSERT_STRING_EQUAL(w.column, "niche");
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "c!~=(A)", NULL), ES_OK);
    CU_ASSERT_TRUE(w.icase);
    CU_ASSERT_EQUAL(w.op, ES_OP_NE);
    CU_ASSERT_STRING_EQUAL(es_where_op_name(&w), "!~=");
    es_where_clear(&w);
    /* A quoted '(' is text, not a list. */
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "c='(a, b)'", NULL), ES_OK);
    CU_ASSERT_FALSE(w.is_list);
    CU_ASSERT_STRING_EQUAL(w.value, "(a, b)");
    es_where_clear(&w);
    /* Malformed lists: the position of what went wrong (1-based). */
    CU_ASSERT_TRUE(parse_fails("c=(a,b", "at character 7: expected ')'"));
    CU_ASSERT_TRUE(parse_fails("c=(a,,b)", "at character 6: expected a value in the list"));
    CU_ASSERT_TRUE(parse_fails("c=()", "at character 4: expected a value in the list"));
    CU_ASSERT_TRUE(parse_fails("c=(a,)", "at character 6: expected a value in the list"));
    CU_ASSERT_TRUE(parse_fails("c=(a) b", "at character 6: unexpected text after the list's ')'"));
    CU_ASSERT_TRUE(parse_fails("c=(a,'b)", "at character 6: unterminated quoted value in the list"));
    CU_ASSERT_TRUE(parse_fails("c=('a' b)", "at character 8: expected ',' or ')'"));
    CU_ASSERT_TRUE(parse_fails("c=(a<b)", "at character 5: '<' in an unquoted list item"));
    CU_ASSERT_TRUE(parse_fails("c<(a)", "at character 3: a list (...) goes with"));
    CU_ASSERT_TRUE(parse_fails("c~a", "at character 2: expected OP"));
    /* Matching: any item for =, none for !=; ~= folds ASCII case. */
    CU_ASSERT_EQUAL(test1("c=(fashion, 'food, drink')", ES_WHERE_TEXT, '.', "food, drink"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c=(fashion, 'food, drink')", ES_WHERE_TEXT, '.', "food"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c=(fashion, food)", ES_WHERE_TEXT, '.', "Fashion"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c~=(fashion, food)", ES_WHERE_TEXT, '.', "FOOD"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c!=(fashion, food)", ES_WHERE_TEXT, '.', "travel"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c!=(fashion, food)", ES_WHERE_TEXT, '.', "food"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c!=(fashion, food)", ES_WHERE_TEXT, '.', "NA"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c=(fashion, food)", ES_WHERE_TEXT, '.', ""), ES_WHERE_MISSING);
    CU_ASSERT_EQUAL(test1("c!~=(fashion, food)", ES_WHERE_TEXT, '.', "Food"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c~=Fashion", ES_WHERE_TEXT, '.', "fASHION"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("c~=Fashion", ES_WHERE_TEXT, '.', "fashions"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("c!~=Fashion", ES_WHERE_TEXT, '.', "FASHION"), ES_WHERE_NO);
    /* Numbers, dates, flags: each item read as the column's kind. */
    CU_ASSERT_EQUAL(test1("x=(1K, 2000)", ES_WHERE_NUMBER, '.', "1000"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x=(1K, 2000)", ES_WHERE_NUMBER, '.', "1500"), ES_WHERE_NO);
    CU_ASSERT_EQUAL(test1("x=(10,5)", ES_WHERE_NUMBER, '.', "5"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x=('10,5')", ES_WHERE_NUMBER, ',', "10,5"), (es_where_outcome)-1); /* quoted: text */
    CU_ASSERT_EQUAL(test1("x=(12.500, 7)", ES_WHERE_NUMBER, ',', "12500"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("x=(1, 2)", ES_WHERE_NUMBER, '.', "abc"), ES_WHERE_BAD);
    CU_ASSERT_EQUAL(test1("t=(2019-01-01, 1546300801)", ES_WHERE_TIME, '.', "1546300800"), ES_WHERE_YES);
    CU_ASSERT_EQUAL(test1("s!=(yes)", ES_WHERE_FLAG, '.', "0"), ES_WHERE_YES);
    /* An item that does not fit the column is refused at binding, named. */
    es_where_test t;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "followers=(5, abc)", NULL), ES_OK);
    CU_ASSERT_EQUAL(es_where_bind(&t, &w, ES_WHERE_NUMBER, -1, ES_WHERE_TEXT, '.', &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "for each item of the list, found 'abc'") : NULL);
    es_where_clear(&w);
    es_err_clear(&err);
    /* The near-match hint: case-sensitive = only. */
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "c=(Fashion, food)", NULL), ES_OK);
    CU_ASSERT_TRUE(es_where_near(&w, "fashion", 7));
    CU_ASSERT_FALSE(es_where_near(&w, "travel", 6));
    es_where_clear(&w);
    CU_ASSERT_EQUAL_FATAL(es_where_parse(&w, "c~=Fashion", NULL), ES_OK);
    CU_ASSERT_FALSE(es_where_near(&w, "fashion", 7));
    es_where_clear(&w);
}

/* Load where-decimal.csv with the filters exprs; returns the status. */
static int load_where(const char *const *exprs, size_t n, es_load_report *rep, es_table **t, es_err *err)
{
    es_where w[4];
    es_load_opts o;
    es_load_opts_init(&o);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL_FATAL(es_where_parse(&w[i], exprs[i], NULL), ES_OK);
    o.where = w;
    o.n_where = n;
    int rc = es_load_csv(es_test_data("where-decimal.csv"), &o, t, rep, err);
    for (size_t i = 0; i < n; i++)
        es_where_clear(&w[i]);
    return rc;
}

static int has_note(const es_load_report *rep, const char *text)
{
    for (size_t i = 0; i < rep->n_notes; i++)
        if (strstr(rep->notes[i], text) != NULL)
            return 1;
    return 0;
}

static void test_load_counts(void)
{
    es_load_report rep;
    es_table *t = NULL;
    es_err err = {0};
    /* Row d has followers NA: rejected when the filters keep it. */
    static const char *const two[] = {"likes>10", "followers>=1.000"};
    CU_ASSERT_EQUAL_FATAL(load_where(two, 2, &rep, &t, &err), ES_OK);
    CU_ASSERT_EQUAL(rep.decimal, ',');
    CU_ASSERT_EQUAL_FATAL(rep.n_where, 2);
    CU_ASSERT_EQUAL(rep.where[0].tested, 6);
    CU_ASSERT_EQUAL(rep.where[0].kept, 3);
    CU_ASSERT_EQUAL(rep.where[0].missing, 1);
    CU_ASSERT_EQUAL(rep.where[0].removed, 3);
    CU_ASSERT_EQUAL(rep.where[1].kept, 4);
    CU_ASSERT_EQUAL(rep.where[1].missing, 1);
    /* Rows failing both count for the first: a b d pass likes>10, d has no followers. */
    CU_ASSERT_EQUAL(rep.where[1].removed, 1);
    CU_ASSERT_EQUAL(rep.rows_filtered, rep.where[0].removed + rep.where[1].removed);
    CU_ASSERT_EQUAL(rep.rows_kept, 2);
    CU_ASSERT_EQUAL(rep.rows_rejected, 0);
    CU_ASSERT_TRUE(has_note(&rep, "1 row has no likes (not kept by --where 'likes>10')"));
    es_table_free(t);
    es_load_report_free(&rep);

    static const char *const cols[] = {"likes>comments"};
    CU_ASSERT_EQUAL_FATAL(load_where(cols, 1, &rep, &t, &err), ES_OK);
    CU_ASSERT_EQUAL(rep.where[0].kept, 3);
    CU_ASSERT_EQUAL(rep.where[0].missing, 2);
    CU_ASSERT_EQUAL(rep.rows_kept + rep.rows_rejected, 3);
    CU_ASSERT_TRUE(has_note(&rep, "2 rows have no likes or no comments"));
    es_table_free(t);
    es_load_report_free(&rep);

    static const char *const date[] = {"posted_at>=2019-01-01", "handle!=zzz"};
    CU_ASSERT_EQUAL_FATAL(load_where(date, 2, &rep, &t, &err), ES_OK);
    CU_ASSERT_EQUAL(rep.where[0].kept, 4);
    CU_ASSERT_EQUAL(rep.where[0].missing, 1);
    CU_ASSERT_EQUAL(rep.where[1].kept, 6);
    CU_ASSERT_TRUE(has_note(&rep, "--where 'handle!=zzz' keeps every row (6)"));
    CU_ASSERT_FALSE(has_note(&rep, "--where 'posted_at>=2019-01-01' keeps"));
    es_table_free(t);
    es_load_report_free(&rep);

    /* Nothing left: the error names each filter, its rows removed and the near match. */
    static const char *const none[] = {"followers>=1.000", "niche=FASHION"};
    CU_ASSERT_EQUAL(load_where(none, 2, &rep, &t, &err), ES_EEMPTY);
    CU_ASSERT_PTR_NULL(t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--where left no row (6 rows read)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'followers>=1.000' removed 2; 'niche=FASHION' removed 4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no row has niche = 'FASHION'; 'fashion' appears 3 times"));
    CU_ASSERT_EQUAL(rep.where[1].near_count, 3);
    es_load_report_free(&rep);
    es_err_clear(&err);

    /* A value that does not fit, and an unknown column with a close name. */
    static const char *const bad[] = {"followers>abc"};
    CU_ASSERT_EQUAL(load_where(bad, 1, &rep, &t, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "--where 'followers>abc'") : NULL);
    es_load_report_free(&rep);
    static const char *const typo[] = {"folowers>5"};
    CU_ASSERT_EQUAL(load_where(typo, 1, &rep, &t, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg ? strstr(err.msg, "no column named 'folowers' in 'folowers>5' (did you mean: followers)") : NULL);
    es_load_report_free(&rep);
    static const char *const mixed[] = {"likes>niche"};
    CU_ASSERT_EQUAL(load_where(mixed, 1, &rep, &t, &err), ES_EINVAL);
    es_load_report_free(&rep);
    /* Quoted: the text, not the column. */
    static const char *const quoted[] = {"niche!='niche'"};
    CU_ASSERT_EQUAL_FATAL(load_where(quoted, 1, &rep, &t, &err), ES_OK);
    CU_ASSERT_EQUAL(rep.where[0].kept, 6);
    es_table_free(t);
    es_load_report_free(&rep);
    es_err_clear(&err);
}

int es_suite_filter(void)
{
    CU_pSuite s = CU_add_suite("filter", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "grammar and error positions", test_grammar) ||
        !CU_add_test(s, "comparisons by column kind", test_compare) ||
        !CU_add_test(s, "IN lists and case-insensitive matching", test_lists) ||
        !CU_add_test(s, "per-filter counts, notes, nothing left", test_load_counts))
        return -1;
    return 0;
}
