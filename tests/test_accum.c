/* test_accum.c — es_xsum, the exact sum that merges exactly.
 * Expected sums: tests/data/xsum-cases.txt, written by
 * `python3 tests/reference/xsum.py > tests/data/xsum-cases.txt` (Python 3.11.2: the
 * exact sum in fractions.Fraction, rounded once by float(); math.fsum agrees where it
 * does not overflow), every number a C99 hex float. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/accum.h"
#include "testutil.h"

typedef struct {
    char name[64];
    size_t n;
    double want;
    double *x;
} xcase;

/* The next case of f into c; 0 at the end of the file. */
static int xcase_read(FILE *f, xcase *c)
{
    char want[64];
    if (fscanf(f, "%63s %zu %63s", c->name, &c->n, want) != 3)
        return 0;
    c->want = strtod(want, NULL);
    c->x = malloc((c->n ? c->n : 1) * sizeof *c->x);
    CU_ASSERT_FATAL(c->x != NULL);
    for (size_t i = 0; i < c->n; i++) {
        char v[64];
        CU_ASSERT_FATAL(fscanf(f, "%63s", v) == 1);
        c->x[i] = strtod(v, NULL);
    }
    return 1;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static double xsum_of(const double *x, size_t n)
{
    es_xsum a;
    es_xsum_init(&a);
    for (size_t i = 0; i < n; i++)
        es_xsum_add(&a, x[i]);
    return es_xsum_value(&a);
}

/* Sequentially, in reverse, and split into k = 2..7 parts accumulated apart and
 * merged in reverse order: the correctly rounded sum, to the bit, every time. */
static void test_xsum_cases(void)
{
    FILE *f = fopen(es_test_data("xsum-cases.txt"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    xcase c;
    int cases = 0;
    while (xcase_read(f, &c)) {
        cases++;
        double got = xsum_of(c.x, c.n);
        if (!same_bits(got, c.want))
            fprintf(stderr, "xsum %s: %a, want %a\n", c.name, got, c.want);
        CU_ASSERT_TRUE(same_bits(got, c.want));
        es_xsum r;
        es_xsum_init(&r);
        for (size_t i = c.n; i-- > 0;)
            es_xsum_add(&r, c.x[i]);
        CU_ASSERT_TRUE(same_bits(es_xsum_value(&r), c.want));
        for (size_t k = 2; k <= 7; k++) {
            es_xsum part[7], all;
            for (size_t p = 0; p < k; p++)
                es_xsum_init(&part[p]);
            for (size_t i = 0; i < c.n; i++)
                es_xsum_add(&part[(i * 7919) % k], c.x[i]); /* interleaved, not blocks */
            es_xsum_init(&all);
            for (size_t p = k; p-- > 0;)
                es_xsum_merge(&all, &part[p]);
            CU_ASSERT_TRUE(same_bits(es_xsum_value(&all), c.want));
            CU_ASSERT_EQUAL(all.n, c.n);
        }
        free(c.x);
    }
    fclose(f);
    CU_ASSERT_EQUAL(cases, 16);
}

/* Infinities and NaNs; the carries after 2^30 adds (ES_XSUM_PENDING_MAX); a value
 * added and subtracted leaves exactly what was there. */
static void test_xsum_edges(void)
{
    double pinf[] = {1, INFINITY, 2}, both[] = {INFINITY, -INFINITY}, nan[] = {1, NAN}, ninf[] = {-INFINITY, 1e308};
    CU_ASSERT_TRUE(isinf(xsum_of(pinf, 3)) && xsum_of(pinf, 3) > 0);
    CU_ASSERT_TRUE(isinf(xsum_of(ninf, 2)) && xsum_of(ninf, 2) < 0);
    CU_ASSERT_TRUE(isnan(xsum_of(both, 2)));
    CU_ASSERT_TRUE(isnan(xsum_of(nan, 2)));
    es_xsum a;
    es_xsum_init(&a);
    es_xsum_add(&a, 0.1);
    double big = 0x1.fffffffffffffp+1023;
    for (long i = 0; i < 3000; i++)
        es_xsum_add(&a, big);
    for (long i = 0; i < 3000; i++)
        es_xsum_add(&a, -big);
    CU_ASSERT_TRUE(same_bits(es_xsum_value(&a), 0.1));
    CU_ASSERT_EQUAL(a.n, 6001);
    if (es_test_skip_under_valgrind("2^30 adds"))
        return;
    /* 2^30 + 5 adds of 3 (the carries run once, at 2^30 pending adds): exactly. */
    es_xsum_init(&a);
    unsigned long long m = (1ull << 30) + 5;
    for (unsigned long long i = 0; i < m; i++)
        es_xsum_add(&a, 3.0);
    CU_ASSERT_TRUE(same_bits(es_xsum_value(&a), 3.0 * (double)m));
}

int es_suite_accum(void)
{
    CU_pSuite s = CU_add_suite("accum: the exact sum", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "16 cases vs the exact sum rounded once (Python Fraction, fsum), merged in parts", test_xsum_cases) ||
        !CU_add_test(s, "infinities, NaN, carries after 2^30 adds", test_xsum_edges))
        return -1;
    return 0;
}
