/* test_er_expr.c — engagement-rate expressions: parsing (precedence, parentheses, the
 * NUM/DEN compatibility rule, errors with positions), canonical text, and evaluation on
 * tests/data/er-expr.csv.  Expected rates from python3 (csv module, statistics.median):
 *   python3 - <<'EOF'
 *   import csv, statistics
 *   rows = list(csv.DictReader(open('tests/data/er-expr.csv')))
 *   f = lambda r, k: None if r[k] in ('', 'NA') else float(r[k])
 *   # e.g. (likes+comments+shares)/views per row, '-' for a missing value or a zero divisor
 *   print([(f(r,'likes')+f(r,'comments')+f(r,'shares'))/f(r,'views') if None not in
 *          (f(r,'likes'),f(r,'comments'),f(r,'shares')) and f(r,'views') else '-' for r in rows])
 *   er = [f(r, 'ER %') for r in rows]; print(statistics.median([x for x in er if x is not None]))
 *   EOF
 * (the same for each definition below). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "engagestat/engagestat.h"
#include "testutil.h"

/* parse(spec) formats as want. */
static void check_format(const char *spec, const char *want)
{
    es_er_def d;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, spec, &err), ES_OK);
    es_buf b = {0};
    CU_ASSERT_EQUAL(es_er_format(&d, &b), ES_OK);
    CU_ASSERT_STRING_EQUAL(b.data, want);
    /* the canonical text parses to the same definition */
    es_er_def d2;
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d2, b.data, &err), ES_OK);
    es_buf b2 = {0};
    es_er_format(&d2, &b2);
    CU_ASSERT_STRING_EQUAL(b2.data, want);
    CU_ASSERT_EQUAL(d2.n_node, d.n_node);
    es_buf_free(&b);
    es_buf_free(&b2);
    es_err_clear(&err);
}

static void test_parse(void)
{
    es_er_def d;
    es_err err = {0};
    /* Compatibility: names joined by + over one name read as the sum over it. */
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "likes+comments/followers", &err), ES_OK);
    int num, den;
    CU_ASSERT_EQUAL_FATAL(es_er_ratio(&d, &num, &den), 1);
    CU_ASSERT_EQUAL(d.node[num].op, ES_ER_ADD);
    CU_ASSERT_EQUAL(d.node[den].op, ES_ER_NAME);
    CU_ASSERT_EQUAL(d.node[den].role, ES_ROLE_FOLLOWERS);
    check_format("likes+comments/followers", "likes+comments/followers");
    check_format("(likes+comments)/followers", "likes+comments/followers");
    check_format(" likes + comments + shares + saves / views ", "likes+comments+shares+saves/views");
    /* Otherwise the usual precedence: * and / before + and -, left to right. */
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "likes+comments*2/followers", &err), ES_OK);
    CU_ASSERT_EQUAL(d.node[d.root].op, ES_ER_ADD);
    CU_ASSERT_EQUAL(es_er_ratio(&d, &num, &den), 0);
    check_format("likes+comments*2/followers", "likes+(comments*2/followers)");
    check_format("likes+(comments/followers)", "likes+(comments/followers)");
    check_format("total_likes/total_videos/followers", "total_likes/total_videos/followers");
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "total_likes/total_videos/followers", &err), ES_OK);
    CU_ASSERT_EQUAL(d.node[d.node[d.root].a].op, ES_ER_DIV); /* (a/b)/c */
    check_format("likes/(total_videos/followers)", "likes/(total_videos/followers)");
    check_format("likes-comments-shares", "likes-comments-shares");
    check_format("likes-(comments-shares)", "likes-(comments-shares)");
    check_format("((likes))", "likes");
    check_format("(likes+2)/followers", "(likes+2)/followers");
    check_format("likes*100/followers", "likes*100/followers");
    check_format("likes/1e3/0.5", "likes/1000/0.5");
    check_format("\"ER %\"", "\"ER %\"");
    check_format("er", "er");
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "views/followers", &err), ES_OK);
    CU_ASSERT_EQUAL(d.node[0].role, ES_ROLE_VIEWS);
    CU_ASSERT_EQUAL(es_er_uses_role(&d, ES_ROLE_ER), 0);
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "er", &err), ES_OK);
    CU_ASSERT_EQUAL(es_er_uses_role(&d, ES_ROLE_ER), 1);
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&d, "tot_views/followers", &err), ES_OK);
    CU_ASSERT_EQUAL(d.node[0].role, ES_ROLE_NONE); /* a column name */
    es_err_clear(&err);
}

static void check_error(const char *spec, const char *want)
{
    es_er_def d;
    es_err err = {0};
    CU_ASSERT_EQUAL(es_er_parse(&d, spec, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err.msg);
    if (strstr(err.msg, want) == NULL)
        fprintf(stderr, "\n'%s': got '%s', want '%s'\n", spec, err.msg, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_EQUAL(d.n_node, 0);
    es_err_clear(&err);
}

static void test_errors(void)
{
    check_error("", "at position 1: expected a name, a number or '(' (the expression ends here)");
    check_error("likes+", "at position 7: expected a name, a number or '(' (the expression ends here)");
    check_error("/views", "at position 1: expected a name, a number or '('");
    check_error("likes//views", "at position 7: expected a name, a number or '('");
    check_error("likes+/views", "at position 7: expected a name");
    check_error("(likes+comments", "at position 16: missing ')' at the end");
    check_error("(likes+comments followers", "at position 17: expected ')' or an operator");
    check_error("likes)", "at position 6: ')' without a matching '('");
    check_error("likes comments", "at position 7: expected an operator");
    check_error("likes+%", "at position 7: unexpected character '%'");
    check_error("likes/\"ER", "at position 7: unterminated '\"'");
    check_error("likes/\"\"", "at position 7: empty name");
    check_error("1e999/followers", "at position 1: not a number");
}

/* tests/data/er-expr.csv as account units under spec; want[i] per row, NAN = left out. */
/* tests/data/er-expr.csv, default load options; NULL on failure. */
static es_table *load_fixture(void)
{
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_load_report rep;
    es_err err = {0};
    es_table *t = NULL;
    es_load_csv(es_test_data("er-expr.csv"), &lo, &t, &rep, &err);
    es_load_report_free(&rep);
    es_err_clear(&err);
    return t;
}

static void check_rates(const char *spec, es_account_agg agg, const double *want, size_t missing, size_t zero)
{
    es_err err = {0};
    es_table *t = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    es_units_opts o = {.agg = agg, .max_er = INFINITY};
    CU_ASSERT_EQUAL_FATAL(es_er_parse(&o.er, spec, &err), ES_OK);
    es_units u;
    CU_ASSERT_EQUAL_FATAL(es_units_build(&u, t, &o, &err), ES_OK);
    CU_ASSERT_EQUAL(u.excl_missing_counts, missing);
    CU_ASSERT_EQUAL(u.excl_zero_den, zero);
    for (size_t i = 0; i < 5; i++) {
        if (isnan(want[i])) {
            CU_ASSERT_EQUAL(u.unit_of_row[i], SIZE_MAX);
            continue;
        }
        CU_ASSERT_FATAL(u.unit_of_row[i] < u.n);
        ES_ASSERT_REL(u.er[u.unit_of_row[i]], want[i], 1e-15);
    }
    es_units_free(&u);
    es_table_free(t);
    es_err_clear(&err);
}

static void test_eval(void)
{
    const double std[] = {0.012, 0.0, NAN, 0.025, 0.035};
    check_rates("likes+comments/followers", ES_AGG_MEDIAN, std, 1, 0);
    check_rates("(likes+comments)/followers", ES_AGG_RATIO, std, 1, 0);
    const double views[] = {0.065, NAN, NAN, 0.11, 0.075};
    check_rates("(likes+comments+shares)/views", ES_AGG_RATIO, views, 1, 1);
    /* every divisor counts: total_videos 0 on row b is a zero denominator */
    const double nested[] = {0.0025, NAN, 0.005, 0.004, 0.003};
    check_rates("likes/total_videos/followers", ES_AGG_MEDIAN, nested, 0, 1);
    const double diff[] = {8.0, 0.0, NAN, 15.0, 25.0};
    check_rates("(likes-comments)/followers*1000", ES_AGG_MEDIAN, diff, 1, 0);
    /* the er role ("ER %"): median 1.85 > 1, so percent, divided by 100 */
    const double er[] = {0.012, 0.0, 0.035, 0.025, NAN};
    check_rates("er", ES_AGG_MEDIAN, er, 1, 0);
}

static void test_check(void)
{
    es_err err = {0};
    es_table *t = load_fixture();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(es_table_role(t, ES_ROLE_ER) != NULL, 1);
    CU_ASSERT_EQUAL(es_er_auto(t), 1); /* comments missing on row c, whose ER % is known */
    es_units_opts o = {.agg = ES_AGG_MEDIAN, .max_er = INFINITY};
    es_er_parse(&o.er, "likes/nosuch", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "at position 7: 'nosuch' is neither a role"));
    es_er_parse(&o.er, "likes/label", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "at position 7: column 'label' is not numeric"));
    o.agg = ES_AGG_RATIO;
    es_er_parse(&o.er, "er", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--account-er ratio"));
    es_er_parse(&o.er, "likes/followers*2", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_EINVAL);
    es_er_parse(&o.er, "likes/followers", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_OK);
    /* a role name without a column: es_units_build's message with --map */
    es_er_parse(&o.er, "saves/followers", &err);
    CU_ASSERT_EQUAL(es_units_check(t, &o, &err), ES_OK);
    es_units u;
    CU_ASSERT_EQUAL(es_units_build(&u, t, &o, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--map saves=COLUMN"));
    es_table_free(t);
    es_err_clear(&err);
}

int es_suite_er_expr(void)
{
    CU_pSuite s = CU_add_suite("er_expr", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "parsing, precedence, canonical text", test_parse) ||
        !CU_add_test(s, "syntax errors name the position", test_errors) ||
        !CU_add_test(s, "evaluation, divisors, the er role", test_eval) ||
        !CU_add_test(s, "names against the table, ratio", test_check))
        return -1;
    return 0;
}
