/* test_report.c — the report: number formats for papers (APA p-values, counts,
 * percent), the document renderers' escaping (HTML, LaTeX, Markdown: a label from data
 * is text in every output), the section and figure lists, and a whole report on the
 * bundled dataset whose headline is R's ratio of medians and whose results.json holds
 * the numbers the analyses give on their own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engagestat/report.h"
#include "report/doc.h"
#include "testutil.h"

static void test_formats(void)
{
    char b[64];
    /* APA Publication Manual (7th ed., 2020), 6.36: exact p to three decimals, "p < .001"
     * below that, no leading zero for a quantity that cannot exceed 1. */
    es_fmt_p(b, sizeof b, 0.0004);
    CU_ASSERT_STRING_EQUAL(b, "< .001");
    es_fmt_p(b, sizeof b, 0.0);
    CU_ASSERT_STRING_EQUAL(b, "< .001");
    es_fmt_p(b, sizeof b, 0.0012);
    CU_ASSERT_STRING_EQUAL(b, ".001");
    es_fmt_p(b, sizeof b, 0.0456);
    CU_ASSERT_STRING_EQUAL(b, ".046");
    es_fmt_p(b, sizeof b, 1.0);
    CU_ASSERT_STRING_EQUAL(b, "1.000");
    es_fmt_p(b, sizeof b, NAN);
    CU_ASSERT_STRING_EQUAL(b, "");
    es_fmt_count(b, sizeof b, 1234567);
    CU_ASSERT_STRING_EQUAL(b, "1,234,567");
    es_fmt_count(b, sizeof b, 999);
    CU_ASSERT_STRING_EQUAL(b, "999");
    es_fmt_count(b, sizeof b, -1000);
    CU_ASSERT_STRING_EQUAL(b, "-1,000");
    es_fmt_count(b, sizeof b, 500000000); /* no scientific notation for follower counts */
    CU_ASSERT_STRING_EQUAL(b, "500,000,000");
    es_fmt_pct(b, sizeof b, 0.0427020165741611, 2);
    CU_ASSERT_STRING_EQUAL(b, "4.27");
    es_fmt_fixed(b, sizeof b, -0.0004, 2); /* never "-0.00" */
    CU_ASSERT_STRING_EQUAL(b, "0.00");
    es_fmt_fixed(b, sizeof b, -0.138, 3);
    CU_ASSERT_STRING_EQUAL(b, "-0.138");
}

static const char *const hostile[] = {"<script>alert(1)</script>", "\\input{/etc/passwd}", "a|b", "5% & $x_1$ #~^",
                                      "\xe7\xbe\x8e\xe9\xa3\x9f", "bad \xff byte"};

/* One table with the hostile labels, a heading, an item and a code block. */
static void hostile_doc(es_doc *d)
{
    es_doc_heading(d, 2, "s", "%s", hostile[3]);
    es_doc_para(d, "%s and %s", hostile[0], hostile[1]);
    es_doc_item(d, "%s", hostile[2]);
    es_doc_code(d, "engagestat report '\\end{document}' ```");
    es_doc_table *t = es_doc_table_new(d, 2, (const char *const[]){"Niche", "n"}, "lr", NULL, "%s", "caption");
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        es_doc_cell(d, t, "%s", hostile[i]);
        es_doc_cell(d, t, "%zu", i);
    }
    es_doc_table_note(d, t, "%s", hostile[1]);
    CU_ASSERT_EQUAL(d->status, ES_OK);
    CU_ASSERT_EQUAL(t->n_rows, sizeof hostile / sizeof *hostile);
}

static void test_escaping(void)
{
    es_doc d = {0};
    hostile_doc(&d);
    es_buf b = {0};
    es_err err = {0};
    CU_ASSERT_EQUAL(es_doc_render_html(&d, "<t>", "/nonexistent", &b, &err), ES_OK);
    CU_ASSERT_PTR_NULL(strstr(b.data, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "<title>&lt;t&gt;</title>"));
    es_buf_free(&b);

    CU_ASSERT_EQUAL(es_doc_render_tex(&d, "t", &b), ES_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\\textbackslash{}input\\{/etc")); /* then a break point */
    CU_ASSERT_PTR_NULL(strstr(b.data, "\\input{/etc"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "5\\% \\& \\$x\\_1\\$ \\#\\textasciitilde{}\\textasciicircum{}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "a\\textbar{}b"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\\textless{}script\\textgreater{}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "{[}U+7F8E{]}{[}U+98DF{]}")); /* CJK pdflatex cannot set; brackets braced (a row may start with one) */
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "bad {[}?{]} byte"));
    CU_ASSERT_PTR_NULL(strstr(b.data, "'\\end{document}'")); /* the code block is escaped too */
    CU_ASSERT_EQUAL(d.tex_replaced, 3);
    es_buf_free(&b);

    CU_ASSERT_EQUAL(es_doc_render_md(&d, "t", &b), ES_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "| a\\|b |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\\<script\\>"));
    CU_ASSERT_PTR_NULL(strstr(b.data, "```\n```")); /* the code's own fence cannot close the block */
    es_buf_free(&b);
    es_doc_free(&d);
}

static void test_lists(void)
{
    es_err err = {0};
    unsigned bits;
    CU_ASSERT_EQUAL(es_report_parse_sections("bands,micro-mega", &bits, &err), ES_OK);
    CU_ASSERT_EQUAL(bits, ES_REPORT_BANDS | ES_REPORT_MICRO_MEGA);
    CU_ASSERT_EQUAL(es_report_parse_sections("bands,nope", &bits, &err), ES_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(err.msg != NULL ? strstr(err.msg, "'nope' is not one of data, definitions") : NULL);
    es_err_clear(&err);
    CU_ASSERT_EQUAL(es_report_parse_figures("1,fig5", &bits, &err), ES_OK);
    CU_ASSERT_EQUAL(bits, 1u | 16u);
    CU_ASSERT_EQUAL(es_report_parse_figures("fig8", &bits, &err), ES_EINVAL);
    es_err_clear(&err);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = calloc(1, (size_t)n + 1);
    if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n)
        s[0] = '\0';
    fclose(f);
    return s;
}

/* A small account file: the headline is the ratio of the band medians R gives
 * (tests/data/describe-r.csv from tests/reference/describe.R, R 4.2.2: micro
 * 0.0323250206038 / mega 0.023167517282), the
 * describe table in results.json is es_describe_run's on the same study, and the
 * report is built in place of an earlier one. */
static void test_report_bundled(void)
{
    es_test_study ts;
    CU_ASSERT_EQUAL_FATAL(es_test_study_open(&ts, "accounts-r.csv", NULL, NULL, 0), ES_OK);
    ts.s.table = ts.table;
    char dir[] = "/tmp/es_report_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char out[300], path[400];
    snprintf(out, sizeof out, "%s/rep", dir);
    es_report_opts o;
    es_report_opts_init(&o);
    o.common.boot = 50;
    o.perm = 99;
    o.common.min_n = 5;
    o.figures = 0;
    o.date = 0;
    o.sections = ES_REPORT_DATA | ES_REPORT_BANDS | ES_REPORT_MICRO_MEGA | ES_REPORT_PROVENANCE;
    es_report_summary sum;
    es_err err = {0};
    CU_ASSERT_EQUAL_FATAL(es_report_write(&ts.s, &o, out, &sum, &err), ES_OK);
    ES_ASSERT_REL(sum.ratio, 0.0323250206038 / 0.023167517282, 1e-10);
    CU_ASSERT_TRUE(sum.ratio_low < sum.ratio && sum.ratio < sum.ratio_high);
    es_report_summary_free(&sum);
    snprintf(path, sizeof path, "%s/report.md", out);
    char *md = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "is 1.40 times that of mega accounts"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "## Engagement by band"));
    CU_ASSERT_PTR_NULL(strstr(md, "## Scaling")); /* not asked for */
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "Date: 1970-01-01T00:00:00Z"));
    free(md);

    /* results.json: the describe table as es_describe_run gives it */
    es_describe_opts d;
    es_describe_opts_init(&d);
    d.common = o.common;
    es_results *res = es_study_results(&ts.s, "describe");
    CU_ASSERT_EQUAL_FATAL(es_describe_run(&ts.s, &d, res, &err), ES_OK);
    es_buf want = {0};
    const es_rtable *t = es_results_find_table(res, "describe");
    for (size_t i = 0; t != NULL && i < t->n_rows; i++)
        es_buf_printf(&want, "%.15g\n", es_rtable_num(t, i, "median"));
    es_results_free(res);
    snprintf(path, sizeof path, "%s/tables/describe.describe.csv", out);
    char *csv = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    es_buf got = {0};
    for (char *line = strchr(csv, '\n'); line != NULL && line[1]; line = strchr(line + 1, '\n')) {
        /* median is the 8th column (band,range,n_accounts,n_posts,mean,sd,median) */
        char *p = line + 1;
        for (int k = 0; k < 6 && p; k++)
            p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
        if (p)
            es_buf_printf(&got, "%.15g\n", strtod(p, NULL));
    }
    CU_ASSERT_PTR_NOT_NULL(want.data);
    CU_ASSERT_STRING_EQUAL(got.data ? got.data : "", want.data ? want.data : "-");
    free(csv);
    es_buf_free(&want);
    es_buf_free(&got);

    /* again into the same directory: the old report is replaced whole */
    o.sections = ES_REPORT_BANDS;
    CU_ASSERT_EQUAL(es_report_write(&ts.s, &o, out, &sum, &err), ES_OK);
    es_report_summary_free(&sum);
    snprintf(path, sizeof path, "%s/report.md", out);
    md = slurp(path);
    CU_ASSERT_TRUE(md != NULL && strstr(md, "## Data") == NULL && strstr(md, "## Engagement by band") != NULL);
    free(md);
    /* a directory that is not a report is refused and left alone */
    snprintf(path, sizeof path, "%s/keep", dir);
    CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
    snprintf(out, sizeof out, "%s/keep/file", dir);
    FILE *f = fopen(out, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    CU_ASSERT_EQUAL(es_report_write(&ts.s, &o, path, &sum, &err), ES_EINVAL);
    CU_ASSERT_TRUE(err.msg != NULL && strstr(err.msg, "does not hold an engagestat report") != NULL);
    es_err_clear(&err);
    CU_ASSERT_EQUAL(access(out, F_OK), 0);
    /* a failing run (a band the scheme lacks) leaves nothing behind */
    snprintf(out, sizeof out, "%s/none", dir);
    o.ratio_num = "nope";
    CU_ASSERT_NOT_EQUAL(es_report_write(&ts.s, &o, out, &sum, &err), ES_OK);
    es_err_clear(&err);
    es_report_summary_free(&sum);
    CU_ASSERT_NOT_EQUAL(access(out, F_OK), 0);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2 && rm -rf %s", dir, dir);
    CU_ASSERT_EQUAL(system(cmd), 0); /* rep and keep only: no temporary left */
    es_test_study_close(&ts);
}

int es_suite_report(void)
{
    CU_pSuite s = CU_add_suite("report", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "APA p-values, counts, percent", test_formats) ||
        !CU_add_test(s, "labels are text in HTML, LaTeX and Markdown", test_escaping) ||
        !CU_add_test(s, "section and figure lists", test_lists) ||
        !CU_add_test(s, "a whole report: headline, results.json, replacing, refusing, failing",
                     test_report_bundled))
        return -1;
    return 0;
}
