/* test_numparse.c — number, flag and time parsing.  Expected values are exact by
 * construction (decimal literals), or computed with R 4.2.2 where stated. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "engagestat/error.h"
#include "engagestat/numparse.h"
#include "testutil.h"

static double num(const char *s, es_numstatus want)
{
    double v;
    es_numstatus st = es_parse_number(s, strlen(s), &v);
    CU_ASSERT_EQUAL(st, want);
    return v;
}

static void test_plain(void)
{
    ES_ASSERT_REL(num("12345", ES_NUM_OK), 12345, 0);
    ES_ASSERT_REL(num(" 42 ", ES_NUM_OK), 42, 0);
    ES_ASSERT_REL(num("-3.25", ES_NUM_OK), -3.25, 0);
    ES_ASSERT_REL(num("1.5e3", ES_NUM_OK), 1500, 0);
    ES_ASSERT_REL(num("637000.0", ES_NUM_OK), 637000, 0);
    ES_ASSERT_REL(num("7.506832745952218e+18", ES_NUM_OK), 7.506832745952218e+18, 0);
}

static void test_human(void)
{
    ES_ASSERT_REL(num("1.2M", ES_NUM_OK), 1200000, 1e-15);
    ES_ASSERT_REL(num("15.3K", ES_NUM_OK), 15300, 1e-15);
    ES_ASSERT_REL(num("304.9k", ES_NUM_OK), 304900, 1e-15);
    ES_ASSERT_REL(num("2B", ES_NUM_OK), 2e9, 0);
    ES_ASSERT_REL(num("12,345", ES_NUM_OK), 12345, 0);
    ES_ASSERT_REL(num("1,234,567.5", ES_NUM_OK), 1234567.5, 0);
    ES_ASSERT_REL(num("3.4%", ES_NUM_OK), 0.034, 1e-15);
    ES_ASSERT_REL(num("1.2 M", ES_NUM_OK), 1200000, 1e-15);
}

static void test_decimal_comma(void)
{
    double v;
    CU_ASSERT_EQUAL(es_parse_number_dec("10,5", 4, ',', &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 10.5, 0);
    CU_ASSERT_EQUAL(es_parse_number_dec("1.234,5", 7, ',', &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1234.5, 0);
    CU_ASSERT_EQUAL(es_parse_number_dec("2 000", 5, ',', &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 2000, 0);
    CU_ASSERT_EQUAL(es_parse_number_dec("3,4%", 4, ',', &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 0.034, 1e-15);
    CU_ASSERT_EQUAL(es_parse_number_dec("1,2,3", 5, ',', &v), ES_NUM_BAD);
    CU_ASSERT_EQUAL(es_parse_number_dec("1.500", 5, ',', &v), ES_NUM_OK); /* '.' groups 3 digits */
    ES_ASSERT_REL(v, 1500, 0);
    CU_ASSERT_EQUAL(es_parse_number_dec("3.5K", 4, ',', &v), ES_NUM_OK); /* not a group: decimal */
    ES_ASSERT_REL(v, 3500, 0);
    CU_ASSERT_EQUAL(es_parse_number_dec("1.5,5", 5, ',', &v), ES_NUM_BAD);
    CU_ASSERT_EQUAL(es_parse_number_dec("10,5", 4, '.', &v), ES_NUM_BAD);
    CU_ASSERT_EQUAL(es_parse_number_dec("2 000", 5, '.', &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 2000, 0);
}

static void test_missing_and_bad(void)
{
    const char *missing[] = {"", "  ", "NA", "N/A", "N/A'", "NaN", "null", "-", "#VALOR!", "#VALUE!", "#N/A"};
    for (size_t i = 0; i < sizeof missing / sizeof *missing; i++)
        CU_ASSERT_TRUE(isnan(num(missing[i], ES_NUM_MISSING)));
    const char *bad[] = {"abc", "12,34", "1,2345", "0x10", "inf", "1.2MM", "Share", "3 videos", "1e5K", ","};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_TRUE(isnan(num(bad[i], ES_NUM_BAD)));
    /* Out of range: overflow and nonzero literals that underflow to 0 (R 4.2.2 reads them
     * as Inf and 0: tests/reference/compare_issue16.R); an exact zero with an exponent is
     * 0, and a subnormal is kept (R: 3.999955e-320; export writes them, test_export.c). */
    const char *range[] = {"1e400", "-1e400", "1e-400", "-1e-400", "2e-324"};
    for (size_t i = 0; i < sizeof range / sizeof *range; i++)
        CU_ASSERT_TRUE(isnan(num(range[i], ES_NUM_RANGE)));
    ES_ASSERT_REL(num("0e-400", ES_NUM_OK), 0, 0);
    ES_ASSERT_REL(num("4e-320", ES_NUM_OK), 4e-320, 0);
    ES_ASSERT_REL(num("2.5e-308", ES_NUM_OK), 2.5e-308, 0);
    /* -0 is 0 (R: as.numeric("-0") == 0), stored as +0 so that no "-0" is printed. */
    const char *zeros[] = {"-0", "-0.0", "-0e5", "-0%", "-0K"};
    for (size_t i = 0; i < sizeof zeros / sizeof *zeros; i++) {
        double z = num(zeros[i], ES_NUM_OK);
        CU_ASSERT_TRUE(z == 0 && !signbit(z));
    }
}

static void test_time(void)
{
    double v;
    /* as.numeric(as.POSIXct("2016-11-26 07:42:31", tz="UTC")) = 1480146151 (R 4.2.2),
     * which is also the Kim sample's taken_at_unix for that post. */
    CU_ASSERT_EQUAL(es_parse_time("2016-11-26T07:42:31Z", 20, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1480146151, 0);
    CU_ASSERT_EQUAL(es_parse_time("2016-11-26 08:42:31+01:00", 25, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1480146151, 0);
    CU_ASSERT_EQUAL(es_parse_time("1480146151", 10, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1480146151, 0);
    CU_ASSERT_EQUAL(es_parse_time("1480146151000", 13, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1480146151, 0);
    /* as.numeric(as.POSIXct("1970-01-01", tz="UTC")) = 0; 2000-02-29 = 951782400 */
    CU_ASSERT_EQUAL(es_parse_time("1970-01-01", 10, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 0, 0);
    CU_ASSERT_EQUAL(es_parse_time("2000-02-29", 10, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 951782400, 0);
    CU_ASSERT_EQUAL(es_parse_time("2019-13-01", 10, &v), ES_NUM_BAD);
    CU_ASSERT_EQUAL(es_parse_time("yesterday", 9, &v), ES_NUM_BAD);
    CU_ASSERT_EQUAL(es_parse_time("NA", 2, &v), ES_NUM_MISSING);
}

static void test_flag(void)
{
    double v;
    CU_ASSERT_EQUAL(es_parse_flag("True", 4, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 1, 0);
    CU_ASSERT_EQUAL(es_parse_flag("no", 2, &v), ES_NUM_OK);
    ES_ASSERT_REL(v, 0, 0);
    CU_ASSERT_EQUAL(es_parse_flag("maybe", 5, &v), ES_NUM_BAD);
}

int es_suite_numparse(void)
{
    CU_pSuite s = CU_add_suite("numparse", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "plain numbers", test_plain) || !CU_add_test(s, "1.2M, 12,345, 3.4%", test_human) ||
        !CU_add_test(s, "decimal comma", test_decimal_comma) ||
        !CU_add_test(s, "missing tokens and bad numbers", test_missing_and_bad) ||
        !CU_add_test(s, "ISO-8601 and Unix times", test_time) || !CU_add_test(s, "flags", test_flag))
        return -1;
    return 0;
}
