/* study.c — a study with libengagestat: load a file once, build the account units once,
 * run two analyses on them, print one number from each.
 *     cc study.c $(pkg-config --cflags --libs engagestat) -o study
 *     ./study tests/data/accounts-r.csv
 * prints the micro band's median engagement rate (describe) and the Mann-Whitney p of
 * micro vs mega (compare). */
#include <engagestat/engagestat.h>
#include <math.h>
#include <stdio.h>

static int fail(const char *what, es_err *err)
{
    fprintf(stderr, "study: %s: %s\n", what, err->msg ? err->msg : es_strerror(err->code));
    es_err_clear(err);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return fprintf(stderr, "usage: study FILE\n"), 2;
    es_err err = {0};
    es_load_opts lo;
    es_load_opts_init(&lo);
    es_table *t = NULL;
    es_load_report rep;
    if (es_load_csv(argv[1], &lo, &t, &rep, &err) != ES_OK)
        return fail(argv[1], &err);
    es_bands bands;
    es_units_opts uo = {.agg = ES_AGG_MEDIAN, .max_er = INFINITY, .bands = &bands};
    es_units u = {0};
    if (es_er_parse(&uo.er, "likes+comments/followers", &err) != ES_OK ||
        es_bands_parse(&bands, ES_BANDS_DEFAULT, NULL, &err) != ES_OK || es_units_build(&u, t, &uo, &err) != ES_OK)
        return fail("units", &err);
    es_study s = {.rep = &rep, .units = &u, .uo = &uo, .table = t};

    es_describe_opts d;
    es_describe_opts_init(&d);
    d.common.boot = 0;
    es_results *rd = es_study_results(&s, "describe");
    if (rd == NULL || es_describe_run(&s, &d, rd, &err) != ES_OK)
        return fail("describe", &err);
    const es_rtable *desc = es_results_find_table(rd, "describe");
    printf("micro median %.12g\n", es_rtable_num(desc, 1, "median")); /* rows: nano, micro, ... */

    es_compare_opts c;
    es_compare_opts_init(&c);
    c.common.boot = 0;
    es_results *rc = es_study_results(&s, "compare");
    if (rc == NULL || es_compare_run(&s, &c, rc, &err) != ES_OK)
        return fail("compare", &err);
    printf("micro vs mega Mann-Whitney p %.6g\n", es_rtable_num(es_results_find_table(rc, "pairwise"), 0, "p_value"));

    es_results_free(rd);
    es_results_free(rc);
    es_units_free(&u);
    es_bands_free(&bands);
    es_table_free(t);
    es_load_report_free(&rep);
    return 0;
}
