/* report.c — engagestat report: the analyses on one load, their tables and figures,
 * a methods paragraph and the provenance, written atomically into a directory.
 * Every number shown comes from an analysis's es_results (merged into results.json);
 * this file only chooses, formats and explains them. */
#include "engagestat/report.h"

#include "engagestat/bands.h"
#include "engagestat/reference.h"
#include "engagestat/threads.h"
#include "report/doc.h"
#include "report/outdir.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const es_section_names[] = {"data",    "definitions",   "bands",   "micro-mega", "scaling",
                                               "distributions", "methods", "provenance", "claims", "sensitivity",
                                               "selection", "published"};

void es_report_opts_init(es_report_opts *o)
{
    memset(o, 0, sizeof *o);
    es_analysis_opts_init(&o->common);
    o->ratio_num = "micro";
    o->ratio_den = "mega";
    o->sections = ES_REPORT_ALL;
    o->figures = (1u << ES_PLOT_NFIG) - 1;
    es_plot_opts_init(&o->plot);
    o->perm = 9999;
    o->date = -1;
    o->docx = 1;
}

void es_report_summary_free(es_report_summary *s)
{
    for (size_t i = 0; i < s->n_notes; i++)
        free(s->notes[i]);
    free(s->notes);
    s->notes = NULL;
    s->n_notes = 0;
}

/* A comma list of names (or, for figures, numbers) into bits. */
static int es_parse_list(const char *list, const char *const *names, size_t n, const char *what, int numbers,
                         unsigned *bits, es_err *err)
{
    *bits = 0;
    const char *p = list;
    if (p == NULL || *p == '\0')
        return es_err_set(err, ES_EINVAL, "%s: empty list", what);
    while (*p) {
        size_t len = strcspn(p, ",");
        size_t k = n;
        for (size_t i = 0; i < n; i++)
            if (strlen(names[i]) == len && strncmp(p, names[i], len) == 0)
                k = i;
        if (k == n && numbers && len > 0 && len < 4) {
            char num[4] = {0};
            memcpy(num, p, len);
            char *end;
            long v = strtol(num, &end, 10);
            if (*end == '\0' && v >= 1 && (size_t)v <= n)
                k = (size_t)v - 1;
        }
        if (k == n) {
            es_buf all = {0};
            for (size_t i = 0; i < n; i++)
                es_buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
            int rc = es_err_set(err, ES_EINVAL, "%s: '%.*s' is not one of %s", what, (int)len, p,
                                all.data ? all.data : "");
            es_buf_free(&all);
            return rc;
        }
        *bits |= 1u << k;
        p += len;
        if (*p == ',')
            p++;
    }
    return ES_OK;
}

int es_report_parse_sections(const char *list, unsigned *bits, es_err *err)
{
    return es_parse_list(list, es_section_names, sizeof es_section_names / sizeof *es_section_names, "--only", 0,
                         bits, err);
}

int es_report_parse_figures(const char *list, unsigned *bits, es_err *err)
{
    const char *names[ES_PLOT_NFIG];
    for (int i = 0; i < ES_PLOT_NFIG; i++)
        names[i] = es_plot_figure_name(i);
    return es_parse_list(list, names, ES_PLOT_NFIG, "--figures", 1, bits, err);
}

/* ------------------------------------------------------------------ state */

enum { ES_A_DESC, ES_A_DESC_NICHE, ES_A_DESC_PLAT, ES_A_CMP, ES_A_CMP_NICHE, ES_A_CMP_PLAT, ES_A_REG, ES_A_MODELS,
       ES_A_SHAPE, ES_A_FIT, ES_A_CLAIMS, ES_A_SENS, ES_A_SEL, ES_A_N };
static const char *const es_analysis_names[ES_A_N] = {
    "describe", "describe_niche", "describe_platform", "compare", "compare_niche",
    "compare_platform", "regress", "models", "shape", "fit", "claims", "sensitivity", "selection"};

typedef struct es_rep {
    const es_study *s;
    const es_report_opts *o;
    es_err *err;
    es_results *all;
    es_results *a[ES_A_N];
    es_doc doc;
    es_report_summary *sum;
    char *tmp;               /* the directory being built */
    es_plot_report pr;
    int n_platforms, n_niches;
    char fig_base[ES_PLOT_NFIG][32];
    int fig_ok[ES_PLOT_NFIG];
    char ci_pct[16];         /* "95%" */
    size_t n_study_warnings; /* all's warnings from the load and the units (the Data section's) */
    const es_reference *published_ref; /* the published figures of our definition, or NULL */
    size_t n_published_other;          /* and how many others were listed */
    es_published pub;                  /* o->published as read */
    es_reference pub_ref, fig_ref;     /* its rows of our definition; those and --reference's
                                          together, for figure 1 */
} es_rep;

static int es_note(es_rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int es_note(es_rep *r, const char *fmt, ...)
{
    es_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    es_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char **nn = realloc(r->sum->notes, (r->sum->n_notes + 1) * sizeof *nn);
    if (nn == NULL || b.data == NULL) {
        if (nn != NULL)
            r->sum->notes = nn;
        es_buf_free(&b);
        return ES_ENOMEM;
    }
    r->sum->notes = nn;
    nn[r->sum->n_notes++] = b.data;
    return ES_OK;
}

/* ------------------------------------------------------------------ reading results */

static const char *es_s(const es_rtable *t, size_t row, const char *col)
{
    const es_cell *c = t ? es_rtable_cell(t, row, col) : NULL;
    return c != NULL && c->type == ES_CELL_STR ? c->str : "";
}

static double es_n(const es_rtable *t, size_t row, const char *col)
{
    return t ? es_rtable_num(t, row, col) : NAN;
}

/* The first row where column col holds s (and, when col2 is not NULL, col2 holds s2). */
static size_t es_row_where(const es_rtable *t, const char *col, const char *s, const char *col2, const char *s2)
{
    for (size_t i = 0; t != NULL && i < t->n_rows; i++)
        if (strcmp(es_s(t, i, col), s) == 0 && (col2 == NULL || strcmp(es_s(t, i, col2), s2) == 0))
            return i;
    return SIZE_MAX;
}

/* A table of an analysis that may not have run (NULL). */
static const es_rtable *es_tab(const es_results *res, const char *name)
{
    return res != NULL ? es_results_find_table(res, name) : NULL;
}

static const es_cell *es_setting(const es_results *res, const char *name)
{
    for (size_t i = 0; res != NULL && i < res->n_settings; i++)
        if (strcmp(res->settings[i].name, name) == 0)
            return &res->settings[i].value;
    return NULL;
}

static const char *es_setting_s(const es_results *res, const char *name)
{
    const es_cell *c = es_setting(res, name);
    return c != NULL && c->type == ES_CELL_STR ? c->str : "";
}

static double es_value(const es_results *res, const char *name)
{
    for (size_t i = 0; res != NULL && i < res->n_values; i++)
        if (strcmp(res->values[i].name, name) == 0) {
            const es_cell *c = &res->values[i].value;
            return c->type == ES_CELL_NUM ? c->num : c->type == ES_CELL_INT ? (double)c->i : NAN;
        }
    return NAN;
}

static int es_cell_eq(const es_cell *a, const es_cell *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case ES_CELL_NULL: return 1;
    case ES_CELL_NUM: return a->num == b->num;
    case ES_CELL_INT: return a->i == b->i;
    case ES_CELL_STR: return strcmp(a->str, b->str) == 0;
    }
    return 0;
}

/* Copy r's tables, values, settings and warnings into all under "prefix.": settings
 * all already holds with the same value stay once, under their own name; warnings
 * once each. */
static void es_merge(es_results *all, const es_results *r, const char *prefix)
{
    es_buf name = {0};
    for (size_t i = 0; i < r->n_tables; i++) {
        const es_rtable *t = r->tables[i];
        if (strcmp(t->name, "exclusions") == 0)
            continue; /* the study's own, already in all */
        es_buf_reset(&name);
        es_buf_printf(&name, "%s.%s", prefix, t->name);
        es_rtable *dst;
        if (es_results_table(all, name.data, t->title, t->n_cols, (const char *const *)t->columns, &dst) != ES_OK)
            break;
        dst->supplementary = t->supplementary;
        for (size_t k = 0; k < t->n_rows; k++)
            es_rtable_add_row(dst, t->cells + k * t->n_cols);
    }
    for (size_t i = 0; i < r->n_values; i++) {
        es_buf_reset(&name);
        es_buf_printf(&name, "%s.%s", prefix, r->values[i].name);
        es_results_value(all, name.data, r->values[i].value);
    }
    for (size_t i = 0; i < r->n_settings; i++) {
        const es_cell *have = es_setting(all, r->settings[i].name);
        if (have != NULL && es_cell_eq(have, &r->settings[i].value))
            continue;
        es_buf_reset(&name);
        es_buf_printf(&name, "%s.%s", prefix, r->settings[i].name);
        es_results_setting(all, name.data, r->settings[i].value);
    }
    for (size_t i = 0; i < r->n_warnings; i++) {
        int seen = 0;
        for (size_t k = 0; k < all->n_warnings && !seen; k++)
            seen = strcmp(all->warnings[k], r->warnings[i]) == 0;
        if (!seen)
            es_results_warn(all, "%s", r->warnings[i]);
    }
    es_buf_free(&name);
}

/* ------------------------------------------------------------------ running the analyses */

static es_results *es_new_results(const es_rep *r, const char *analysis)
{
    es_results *res = es_study_results(r->s, analysis);
    const es_results *pv = r->o->provenance;
    for (size_t i = 0; res != NULL && pv != NULL && i < pv->n_settings; i++)
        es_results_setting(res, pv->settings[i].name, pv->settings[i].value);
    return res;
}

/* Run analysis k into *out (a new results tree, or NULL), errors in err.  Reads r's
 * study and options only: analyses run at once on threads (es_build). */
static int es_compute(const es_rep *r, int k, es_results **out, es_err *err)
{
    es_results *res = *out = es_new_results(r, es_analysis_names[k]);
    if (res == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    const es_report_opts *o = r->o;
    int rc;
    switch (k) {
    case ES_A_DESC:
    case ES_A_DESC_NICHE:
    case ES_A_DESC_PLAT: {
        es_describe_opts d;
        es_describe_opts_init(&d);
        d.common = o->common;
        if (k != ES_A_DESC)
            d.common.boot = 0; /* the group tables show medians; the intervals are the overall table's */
        d.by_niche = k == ES_A_DESC_NICHE;
        d.by_platform = k == ES_A_DESC_PLAT;
        d.ratio_num = o->ratio_num;
        d.ratio_den = o->ratio_den;
        rc = es_describe_run(r->s, &d, res, err);
        break;
    }
    case ES_A_CMP:
    case ES_A_CMP_NICHE:
    case ES_A_CMP_PLAT: {
        es_compare_opts c;
        es_compare_opts_init(&c);
        c.common = o->common;
        c.group_a = o->ratio_num;
        c.group_b = o->ratio_den;
        c.perm = o->perm;
        c.by = k == ES_A_CMP_NICHE ? ES_ROLE_NICHE : k == ES_A_CMP_PLAT ? ES_ROLE_PLATFORM : ES_ROLE_NONE;
        rc = es_compare_run(r->s, &c, res, err);
        break;
    }
    case ES_A_REG: {
        es_regress_opts g;
        es_regress_opts_init(&g);
        g.common = o->common;
        g.ratio_num = o->ratio_num;
        g.ratio_den = o->ratio_den;
        rc = es_regress_run(r->s, &g, res, err);
        break;
    }
    case ES_A_MODELS: {
        es_models_opts m;
        es_models_opts_init(&m);
        m.common = o->common;
        m.ratio_num = o->ratio_num;
        m.ratio_den = o->ratio_den;
        rc = es_models_run(r->s, &m, res, err);
        break;
    }
    case ES_A_SHAPE: {
        es_shape_opts c;
        es_shape_opts_init(&c);
        c.common = o->common;
        c.ratio_num = o->ratio_num;
        c.ratio_den = o->ratio_den;
        rc = es_shape_run(r->s, &c, res, err);
        break;
    }
    case ES_A_SEL: {
        es_selection_opts c;
        es_selection_opts_init(&c);
        c.common = o->common;
        rc = es_selection_run(r->s, &c, res, err);
        break;
    }
    case ES_A_CLAIMS: {
        es_claims_opts c;
        es_claims_opts_init(&c);
        c.common = o->common;
        rc = es_claims_run(r->s, &c, res, err);
        break;
    }
    case ES_A_SENS: {
        es_sensitivity_opts c;
        es_sensitivity_opts_init(&c);
        c.common = o->common;
        c.ratio_num = o->ratio_num;
        c.ratio_den = o->ratio_den;
        rc = es_sensitivity_run(r->s, &c, res, err);
        break;
    }
    default: {
        es_fit_run_opts f;
        es_fit_run_opts_init(&f);
        f.common = o->common;
        f.common.boot = 0;  /* GOF by bootstrap is `engagestat fit --boot`'s */
        f.drop_zeros = 1;   /* every family on the same (positive) values */
        rc = es_fit_run(r->s, &f, res, err);
        break;
    }
    }
    return rc;
}

/* Analysis k's outcome into the report, in es_build's order: ES_EDOM (does not apply
 * to these data) leaves it out with a note; another error is the report's. */
static int es_finish(es_rep *r, int k, es_results *res, int rc, es_err *err)
{
    if (rc == ES_EDOM) {
        es_note(r, "%s left out: %s", es_analysis_names[k], err->msg ? err->msg : es_strerror(rc));
        es_err_clear(err);
        es_results_free(res);
        return ES_OK;
    }
    if (rc != ES_OK) {
        es_results_free(res);
        es_err_clear(r->err);
        *r->err = *err;
        *err = (es_err){0};
        return rc;
    }
    es_merge(r->all, res, es_analysis_names[k]);
    r->a[k] = res;
    return ES_OK;
}

/* The analyses a report needs, run at once: each fills its own results from the
 * shared study, which none writes, and they are merged in es_build's order, so the
 * report is the same for any number of threads. */
typedef struct {
    const es_rep *r;
    size_t n;
    int k[ES_A_N];
    es_results *res[ES_A_N];
    int rc[ES_A_N];
    es_err err[ES_A_N];
    atomic_size_t next;
} es_jobs;

static void *es_jobs_work(void *arg)
{
    es_jobs *j = arg;
    for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->n;)
        j->rc[i] = es_compute(j->r, j->k[i], &j->res[i], &j->err[i]);
    return NULL;
}

/* Run the n analyses j->k on up to `threads` threads (the calling one among them). */
static void es_jobs_run(es_jobs *j, unsigned threads)
{
    pthread_t tid[ES_A_N];
    size_t started = 0;
    atomic_init(&j->next, 0);
    while (started + 1 < threads && started + 1 < j->n && pthread_create(&tid[started], NULL, es_jobs_work, j) == 0)
        started++;
    es_jobs_work(j);
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
}

/* ------------------------------------------------------------------ formatting */

typedef struct { char s[160]; } es_str64;

static es_str64 es_pct(double v, int dec)
{
    es_str64 x;
    es_fmt_pct(x.s, sizeof x.s, v, dec);
    return x;
}

static es_str64 es_fix(double v, int dec)
{
    es_str64 x;
    es_fmt_fixed(x.s, sizeof x.s, v, dec);
    return x;
}

static es_str64 es_cnt(double v)
{
    es_str64 x;
    es_fmt_count(x.s, sizeof x.s, v);
    return x;
}

static es_str64 es_pv(double p)
{
    es_str64 x;
    es_fmt_p(x.s, sizeof x.s, p);
    return x;
}

/* "= .034" or "< .001", for p in running text. */
static es_str64 es_peq(double p)
{
    es_str64 x, v = es_pv(p);
    snprintf(x.s, sizeof x.s, "%s%.32s", isfinite(p) && p < 0.001 ? "" : "= ", v.s);
    return x;
}

/* "[1.15, 1.39]" or "" when either end is missing. */
static es_str64 es_ci(double lo, double hi, int dec, int pct)
{
    es_str64 x = {{0}};
    /* a ratio's bound that would round to 1.00 gets a third decimal: [0.999, 1.20] and
     * [1.004, 2.02] must not both read [1.00, ...] */
    if (!pct && dec == 2 && ((fabs(lo - 1) < 0.005 && lo != 1) || (fabs(hi - 1) < 0.005 && hi != 1)))
        dec = 3;
    if (isfinite(lo) && isfinite(hi)) {
        es_str64 a = pct ? es_pct(lo, dec) : es_fix(lo, dec), b = pct ? es_pct(hi, dec) : es_fix(hi, dec);
        snprintf(x.s, sizeof x.s, "[%.64s, %.64s]", a.s, b.s);
    }
    return x;
}

/* Decimals for rates shown as percent: enough that the smallest positive value of
 * column col in t has two significant digits, from 2 to 4. */
static int es_pct_decimals(const es_rtable *t, const char *col)
{
    double lo = INFINITY;
    for (size_t i = 0; t != NULL && i < t->n_rows; i++) {
        double v = es_n(t, i, col);
        if (isfinite(v) && v > 0 && v < lo)
            lo = v;
    }
    if (!isfinite(lo))
        return 2;
    int dec = 1 - (int)floor(log10(100.0 * lo));
    return dec < 2 ? 2 : dec > 4 ? 4 : dec;
}

static const char *es_unit_word(const es_rep *r)
{
    return r->s->units->unit_post ? "posts" : "accounts";
}

/* The rate's definition in words: "(likes+comments)/followers". */
static const char *es_er_text(const es_rep *r)
{
    const char *er = es_setting_s(r->all, "er");
    return *er ? er : "likes+comments/followers";
}

static const char *es_boot_words(const es_rep *r, char *buf, size_t size)
{
    if (r->o->common.boot == 0)
        snprintf(buf, size, "distribution-free order-statistic interval");
    else
        snprintf(buf, size, "BCa bootstrap, B = %zu resamples of %s%s, seed %llu", r->o->common.boot,
                 "accounts", r->s->units->unit_post ? " (cluster bootstrap: each account with all its posts)" : "",
                 (unsigned long long)r->o->common.seed);
    return buf;
}

/* ------------------------------------------------------------------ sections */

static void es_sec_summary(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_rtable *rt = es_tab(r->a[ES_A_DESC], "ratio");
    const char *method = r->o->common.boot ? "bootstrap BCa" : "";
    size_t i = es_row_where(rt, "method", method, NULL, NULL);
    if (i == SIZE_MAX && rt != NULL && rt->n_rows > 0)
        i = 0;
    es_doc_heading(d, 2, "summary", "Summary");
    r->sum->ratio = r->sum->ratio_low = r->sum->ratio_high = NAN;
    if (i == SIZE_MAX) {
        snprintf(r->sum->headline, sizeof r->sum->headline, "no %s/%s ratio: the bands are not both present",
                 r->o->ratio_num, r->o->ratio_den);
        es_doc_para(d, "No ratio of %s to %s medians could be computed from these data.", r->o->ratio_num,
                    r->o->ratio_den);
        return;
    }
    double est = es_n(rt, i, "estimate"), lo = es_n(rt, i, "ci_low"), hi = es_n(rt, i, "ci_high");
    r->sum->ratio = est;
    r->sum->ratio_low = lo;
    r->sum->ratio_high = hi;
    r->sum->n_a = (size_t)es_n(rt, i, "n_numerator");
    r->sum->n_b = (size_t)es_n(rt, i, "n_denominator");
    es_str64 ci = es_ci(lo, hi, 2, 0);
    const char *note = es_s(rt, i, "note");
    if (!isfinite(est)) {
        snprintf(r->sum->headline, sizeof r->sum->headline, "no %.60s/%.60s ratio: %.100s (%.32s %.60s, %.32s %.60s)",
                 r->o->ratio_num, r->o->ratio_den, *note ? note : "undefined", es_cnt(es_n(rt, i, "n_numerator")).s,
                 r->o->ratio_num, es_cnt(es_n(rt, i, "n_denominator")).s, r->o->ratio_den);
        es_doc_para(d, "No ratio of the %s to the %s median can be computed: %s (%s %s accounts, %s %s).",
                    r->o->ratio_num, r->o->ratio_den, *note ? note : "undefined", es_cnt(es_n(rt, i, "n_numerator")).s,
                    r->o->ratio_num, es_cnt(es_n(rt, i, "n_denominator")).s, r->o->ratio_den);
        return;
    }
    snprintf(r->sum->headline, sizeof r->sum->headline,
             "%.60s/%.60s median ER ratio %.32s %.70s (%s CI; %.32s %.60s vs %.32s %.60s %s)%s%.100s", r->o->ratio_num,
             r->o->ratio_den, es_fix(est, 2).s, *ci.s ? ci.s : "(no interval)", r->ci_pct,
             es_cnt(es_n(rt, i, "n_numerator")).s, r->o->ratio_num, es_cnt(es_n(rt, i, "n_denominator")).s,
             r->o->ratio_den, es_unit_word(r), *note ? "; " : "", note);
    const char *verdict = !isfinite(lo) || !isfinite(hi) ? "The interval cannot be given"
                          : lo > 1 ? "The interval lies above 1: in these data the first band's median is higher"
                          : hi < 1 ? "The interval lies below 1: in these data the first band's median is lower"
                                   : "The interval includes 1: these data do not separate the two bands' medians";
    es_doc_para(d,
                "The median engagement rate (%s) of %s %s is %s times that of %s %s, %s %s "
                "(%s; %s %s %s vs %s %s). %s.",
                es_er_text(r), r->o->ratio_num, es_unit_word(r), es_fix(est, 2).s, r->o->ratio_den, es_unit_word(r),
                r->ci_pct, *ci.s ? ci.s : "interval not available",
                *ci.s ? "BCa bootstrap" : r->s->units->unit_post ? "post units: no interval for the ratio; use --unit account"
                                                                  : "point estimate",
                es_cnt(es_n(rt, i, "n_numerator")).s, r->o->ratio_num, es_unit_word(r),
                es_cnt(es_n(rt, i, "n_denominator")).s, r->o->ratio_den, verdict);
    if (*note)
        es_doc_para(d, "Note: %s.", note);
}

static void es_sec_data(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_results *a = r->all;
    const es_units *u = r->s->units;
    es_doc_heading(d, 2, "data", "Data");
    es_doc_para(d, "Source file %s (SHA-256 %s), read at the %s level.", a->path ? a->path : "(unknown)",
                a->sha256 ? a->sha256 : "(none)", a->level ? a->level : "unknown");
    es_doc_table *t = es_doc_table_new(d, 2, (const char *const[]){"Quantity", "Count"}, "lr", NULL,
                                       "Rows and units");
    es_doc_cell(d, t, "Rows read");
    es_doc_cell(d, t, "%s", es_cnt((double)a->rows_read).s);
    for (size_t i = 0; i < a->n_rejected; i++) {
        es_doc_cell(d, t, "Rejected: %s", a->rejected[i].name);
        es_doc_cell(d, t, "%s", es_cnt(a->rejected[i].value.type == ES_CELL_INT ? (double)a->rejected[i].value.i
                                                                                 : a->rejected[i].value.num)
                                    .s);
    }
    const char *where = es_setting_s(a, "where");
    es_doc_cell(d, t, "Removed by filters%s%s", *where ? ": " : "", where);
    es_doc_cell(d, t, "%s", es_cnt((double)a->rows_filtered).s);
    es_doc_cell(d, t, "Duplicates removed");
    es_doc_cell(d, t, "%s", es_cnt((double)a->rows_duplicate).s);
    es_doc_cell(d, t, "Rows kept");
    es_doc_cell(d, t, "%s", es_cnt((double)a->rows_kept).s);
    es_doc_cell(d, t, "Units analysed (%s)", es_unit_word(r));
    es_doc_cell(d, t, "%s", es_cnt((double)u->n).s);
    es_doc_cell(d, t, "Accounts");
    es_doc_cell(d, t, "%s", es_cnt((double)u->n_accounts).s);
    if (u->post_level) {
        es_doc_cell(d, t, "Posts in the units");
        es_doc_cell(d, t, "%s", es_cnt((double)u->n_posts_total).s);
    }
    es_doc_cell(d, t, "Platforms");
    es_doc_cell(d, t, "%d", r->n_platforms);
    es_doc_cell(d, t, "Niches");
    es_doc_cell(d, t, "%d", r->n_niches);
    double fmin = INFINITY, fmax = -INFINITY;
    for (size_t i = 0; i < u->n; i++)
        if (isfinite(u->followers[i])) {
            fmin = fmin < u->followers[i] ? fmin : u->followers[i];
            fmax = fmax > u->followers[i] ? fmax : u->followers[i];
        }
    if (isfinite(fmin)) {
        es_doc_cell(d, t, "Followers, smallest to largest");
        es_doc_cell(d, t, "%s to %s", es_cnt(fmin).s, es_cnt(fmax).s);
    }
    es_doc_table_note(d, t, "Rows are the lines of the file; units are what the analyses count (%s).",
                      es_unit_word(r));
    const es_rtable *ex = es_tab(a, "exclusions");
    if (ex != NULL && ex->n_rows > 0) {
        es_doc_table *x = es_doc_table_new(d, 5,
                                           (const char *const[]){"Band", "Reason", "Rows", "Units", "Share of band"},
                                           "llrrr", "exclusions.csv", "Exclusion ledger: what each rule removed from each band");
        for (size_t i = 0; i < ex->n_rows; i++) {
            es_doc_cell(d, x, "%s", es_s(ex, i, "band"));
            es_doc_cell(d, x, "%s", es_s(ex, i, "reason"));
            es_doc_cell(d, x, "%s", es_cnt(es_n(ex, i, "rows")).s);
            es_doc_cell(d, x, "%s", es_cnt(es_n(ex, i, "units")).s);
            es_doc_cell(d, x, "%s%%", es_pct(es_n(ex, i, "share"), 2).s);
        }
        es_doc_table_note(d, x, "Share: units removed as a share of the band's units before the rule.");
    } else {
        es_doc_para(d, "No row or unit was left out by the engagement rules.");
    }
    for (size_t i = 0; i < r->n_study_warnings && i < a->n_warnings; i++)
        es_doc_item(d, "%s", a->warnings[i]);
}

static void es_sec_definitions(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_results *a = r->all;
    es_doc_heading(d, 2, "definitions", "Definitions");
    const char *agg = es_setting_s(a, "account_er");
    es_doc_item(d, "Engagement rate (ER): %s%s.", es_er_text(r),
                r->s->uo->er_auto ? " (a precomputed rate column)" : "");
    if (r->s->units->unit_post)
        es_doc_item(d, "Unit of analysis: the post; intervals resample accounts (cluster bootstrap).");
    else if (r->s->units->post_level)
        es_doc_item(d, "Unit of analysis: the account; an account's ER is the %s of its posts' rates%s.", agg,
                    strcmp(agg, "ratio") == 0 ? " (total interactions over total denominator)" : "");
    else
        es_doc_item(d, "Unit of analysis: the account (one row per account in the file).");
    const char *edges = es_setting_s(a, "band_edges"), *names = es_setting_s(a, "band_names");
    const char *col = es_setting_s(a, "band_column");
    if (*col)
        es_doc_item(d, "Follower bands: the values of column %s (%s).", col, names);
    else
        es_doc_item(d, "Follower bands: %s, lower edges %s (bands %s; each band is [lower, next lower)).",
                    es_setting_s(a, "bands"), edges, names);
    es_doc_item(d, "Minimum n: a group with fewer than %zu accounts gets no interval or test.", r->o->common.min_n);
    const char *mx = es_setting_s(a, "max_er");
    es_doc_item(d, "Largest ER kept: %s.", strcmp(mx, "Inf") == 0 || !*mx ? "no limit (rates above 1 are kept and flagged)"
                                                                         : mx);
    es_doc_item(d, "Confidence level: %s for every interval.", r->ci_pct);
}

/* The published benchmarks (a band summary read with es_reference_load) beside the
 * data's band medians: each of our bands with the reference rows that match it. */
static void es_sec_reference_of(es_rep *r, const es_reference *ref, const es_rtable *t, int dec, const char *name);

static void es_sec_reference(es_rep *r, const es_rtable *t, int dec)
{
    es_sec_reference_of(r, r->o->plot.reference, t, dec, "reference");
}

static void es_sec_reference_of(es_rep *r, const es_reference *ref, const es_rtable *t, int dec, const char *name)
{
    const es_bands *b = r->s->uo->bands;
    if (ref == NULL || b == NULL)
        return;
    es_doc *d = &r->doc;
    const char *base = ref->path ? strrchr(ref->path, '/') : NULL;
    base = base ? base + 1 : ref->path ? ref->path : "reference";
    const char *platform = NULL;
    if (r->n_platforms == 1 && r->s->units->platform_dict != NULL)
        for (size_t i = 0; i < r->s->units->n && platform == NULL; i++)
            if (r->s->units->platform[i] != ES_DICT_NONE)
                platform = es_dict_str(r->s->units->platform_dict, r->s->units->platform[i]);
    int pub = strcmp(name, "published") == 0;
    es_doc_table *x = es_doc_table_new(d, 5,
                                       (const char *const[]){"Band", "Median ER here (%)",
                                                             pub ? "Source and tier" : "Published band",
                                                             pub ? "Published ER (%)" : "Published median (%)",
                                                             "Published Q1–Q3 (%)"},
                                       "lrlrr", strcmp(name, "published") == 0 ? "published.csv" : "reference.csv",
                                       "These data beside the published benchmarks of %s", base);
    static const char *const cols[] = {"band", "median", "reference_band", "reference_platform", "reference_median",
                                       "reference_q25", "reference_q75"};
    es_rtable *rt = NULL;
    es_results_table(r->all, name, "published benchmarks matched to the bands", 7, cols, &rt);
    char key[64];
    if (strcmp(name, "reference") == 0) /* the published file's own settings are es_published_rows's */
        es_results_setting(r->all, name, es_cell_str(ref->path));
    snprintf(key, sizeof key, "%s_sha256", name);
    es_results_setting(r->all, key, es_cell_str(ref->sha256));
    size_t unmatched = 0;
    for (size_t k = 0; k < b->n; k++) {
        const es_ref_band *m[16];
        size_t n = es_reference_match(ref, b, k, platform, m, 16);
        size_t row = es_row_where(t, "band", b->names[k], NULL, NULL);
        if (n == 0)
            unmatched++;
        for (size_t j = 0; j < n; j++) {
            es_doc_cell(d, x, "%s", j == 0 ? b->names[k] : "");
            es_doc_cell(d, x, "%s", j == 0 && row != SIZE_MAX ? es_pct(es_n(t, row, "median"), dec).s : "");
            es_row w = es_rtable_append(rt);
            es_row_str(&w, "band", b->names[k]);
            es_row_num(&w, "median", row != SIZE_MAX ? es_n(t, row, "median") : NAN);
            es_row_str(&w, "reference_band", m[j]->band);
            es_row_str(&w, "reference_platform", m[j]->platform);
            es_row_num(&w, "reference_median", m[j]->median);
            es_row_num(&w, "reference_q25", m[j]->q25);
            es_row_num(&w, "reference_q75", m[j]->q75);
            es_doc_cell(d, x, "%s", m[j]->band);
            es_doc_cell(d, x, "%s", es_pct(m[j]->median, dec).s);
            if (isfinite(m[j]->q25) && isfinite(m[j]->q75))
                es_doc_cell(d, x, "%s–%s", es_pct(m[j]->q25, dec).s, es_pct(m[j]->q75, dec).s);
            else
                es_doc_cell(d, x, "%s", "");
        }
    }
    es_doc_table_note(d, x,
                      "Published values from %s (SHA-256 %s; %s %s%s), matched to our bands by name, else by "
                      "follower edges. %zu of our bands have no published row. A published benchmark may define ER, "
                      "the sample, the statistic (mean or median) and the bands differently: compare with care.",
                      ref->path ? ref->path : base, ref->sha256 ? ref->sha256 : "",
                      pub ? "each source's figure from its column" : "the median from its column",
                      ref->er_label ? ref->er_label : "", ref->was_percent ? ", read as percent" : "", unmatched);
}

/* The band table of describe: band, range, n, median with its CI, mean, quartiles. */
static void es_sec_bands(es_rep *r)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "bands", "Engagement by band");
    const es_rtable *t = es_tab(r->a[ES_A_DESC], "describe");
    const es_rtable *iv = es_tab(r->a[ES_A_DESC], "intervals");
    if (t == NULL || t->n_rows == 0) {
        es_doc_para(d, "No band has units.");
        return;
    }
    int dec = es_pct_decimals(t, "median");
    int posts = r->s->units->post_level && !r->s->units->unit_post;
    const char *head[] = {"Band", "Followers", "Accounts", "Posts", "Median ER (%)", "CI", "Mean ER (%)", "Q1–Q3 (%)"};
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    head[5] = ci_head;
    const char *head_np[] = {head[0], head[1], head[2], head[4], head[5], head[6], head[7]};
    es_doc_table *x = es_doc_table_new(d, posts ? 8 : 7, posts ? head : head_np, posts ? "llrrrrrr" : "llrrrrr",
                                       "describe.describe.csv", "Engagement rate by follower band");
    const char *method = r->o->common.boot ? "bootstrap BCa" : "order statistics";
    size_t below = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *band = es_s(t, i, "band");
        size_t k = es_row_where(iv, "band", band, "method", method);
        es_doc_cell(d, x, "%s", band);
        es_doc_cell(d, x, "%s", es_s(t, i, "range"));
        es_doc_cell(d, x, "%s", es_cnt(es_n(t, i, "n_accounts")).s);
        if (posts)
            es_doc_cell(d, x, "%s", es_cnt(es_n(t, i, "n_posts")).s);
        es_doc_cell(d, x, "%s", es_pct(es_n(t, i, "median"), dec).s);
        double lo = k == SIZE_MAX ? NAN : es_n(iv, k, "ci_low"), hi = k == SIZE_MAX ? NAN : es_n(iv, k, "ci_high");
        es_str64 ci = es_ci(lo, hi, dec, 1);
        if (!*ci.s)
            below++;
        es_doc_cell(d, x, "%s", *ci.s ? ci.s : "–");
        es_doc_cell(d, x, "%s", es_pct(es_n(t, i, "mean"), dec).s);
        es_doc_cell(d, x, "%s–%s", es_pct(es_n(t, i, "q25"), dec).s, es_pct(es_n(t, i, "q75"), dec).s);
    }
    char bw[256];
    es_doc_table_note(d, x,
                      "N = %s %s. ER = %s, in percent. CI: %s interval of the median (%s).%s Q1–Q3: quartiles "
                      "(R type 7).",
                      es_cnt((double)r->s->units->n).s, es_unit_word(r), es_er_text(r), r->ci_pct,
                      es_boot_words(r, bw, sizeof bw),
                      below ? " –: fewer accounts than the minimum n, no interval." : "");
    es_sec_reference(r, t, dec);
    if (r->fig_ok[0])
        es_doc_figure(d, r->fig_base[0], "Engagement rate by follower band (medians, quartiles and %s CIs)%s.",
                      r->ci_pct, r->o->plot.reference ? ", with the published benchmarks beside them" : "");

    /* band x niche and band x platform: medians (n) in a wide table */
    for (int k = ES_A_DESC_NICHE; k <= ES_A_DESC_PLAT; k++) {
        const es_rtable *g = es_tab(r->a[k], "describe");
        const char *gcol = k == ES_A_DESC_NICHE ? "niche" : "platform";
        if (g == NULL || g->n_rows == 0 || (k == ES_A_DESC_PLAT && r->n_platforms < 2))
            continue;
        es_doc_heading(d, 3, k == ES_A_DESC_NICHE ? "bands-niche" : "bands-platform", "By band and %s", gcol);
        size_t nb = t->n_rows;
        while (nb > 0 && strcmp(es_s(t, nb - 1, "band"), "all") == 0)
            nb--; /* the overall row is not a band */
        const char **hd = calloc(nb + 1, sizeof *hd);
        char *al = calloc(nb + 2, 1);
        if (hd == NULL || al == NULL) {
            free(hd);
            free(al);
            d->status = ES_ENOMEM;
            return;
        }
        hd[0] = k == ES_A_DESC_NICHE ? "Niche" : "Platform";
        al[0] = 'l';
        for (size_t b = 0; b < nb; b++) {
            hd[b + 1] = es_s(t, b, "band");
            al[b + 1] = 'r';
        }
        es_doc_table *w = es_doc_table_new(d, nb + 1, hd, al,
                                           k == ES_A_DESC_NICHE ? "describe_niche.describe.csv"
                                                                : "describe_platform.describe.csv",
                                           "Median engagement rate (%%) by %s and band, with the number of accounts",
                                           gcol);
        /* groups in order of first appearance */
        for (size_t i = 0; i < g->n_rows; i++) {
            const char *name = es_s(g, i, gcol);
            if (es_row_where(g, gcol, name, NULL, NULL) != i)
                continue;
            es_doc_cell(d, w, "%s", *name ? name : "(missing)");
            for (size_t b = 0; b < nb; b++) {
                size_t j = es_row_where(g, gcol, name, "band", es_s(t, b, "band"));
                if (j == SIZE_MAX || !(es_n(g, j, "n_accounts") > 0))
                    es_doc_cell(d, w, "%s", "");
                else
                    es_doc_cell(d, w, "%s (%s)", es_pct(es_n(g, j, "median"), dec).s, es_cnt(es_n(g, j, "n_accounts")).s);
            }
        }
        es_doc_table_note(d, w, "Cells: median ER in percent (accounts). An empty cell: no account of that %s in the "
                                "band. Medians of fewer than %zu accounts are shown but carry no interval.",
                          gcol, r->o->common.min_n);
        free(hd);
        free(al);
        if (k == ES_A_DESC_NICHE && r->fig_ok[3])
            es_doc_figure(d, r->fig_base[3], "Median engagement rate by niche and band.");
    }
}

/* The name a reader knows for an effect or test row. */
static const char *es_human(const char *key)
{
    static const char *const map[][2] = {
        {"ratio_of_medians", "Ratio of medians"},
        {"ratio_of_geometric_means", "Ratio of geometric means"},
        {"mann_whitney", "Mann–Whitney U"},
        {"cliff_delta", "Cliff's delta"},
        {"auc", "AUC, P(A > B)"},
        {"hodges_lehmann_shift", "Hodges–Lehmann shift (pp)"},
        {"welch_t", "Welch t on log ER"},
        {"hedges_g", "Hedges' g (log ER)"},
        {"permutation_median", "Permutation: difference in medians (pp)"},
        {"permutation_mean", "Permutation: difference in means (pp)"},
        {"kruskal_wallis", "Kruskal–Wallis"},
        {"anova", "One-way ANOVA (log ER)"},
        {"welch_anova", "Welch's ANOVA (log ER)"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i][0], key) == 0)
            return map[i][1];
    return key;
}

typedef struct es_grp_row {
    const char *group;
    double ratio, lo, hi, delta, p;
    double na, nb;
    const char *note;
} es_grp_row;

static int es_cmp_grp(const void *a, const void *b)
{
    const es_grp_row *x = a, *y = b;
    double u = isfinite(x->ratio) ? x->ratio : -INFINITY, v = isfinite(y->ratio) ? y->ratio : -INFINITY;
    return u < v ? 1 : u > v ? -1 : strcmp(x->group, y->group);
}

static void es_group_table(es_rep *r, int k, const char *gcol)
{
    /* pairwise names its group column after --by (niche, platform); effects calls it group */
    es_doc *d = &r->doc;
    const es_rtable *ef = es_tab(r->a[k], "effects");
    const es_rtable *pw = es_tab(r->a[k], "pairwise");
    if (ef == NULL || pw == NULL)
        return;
    size_t n = 0, shown = 0;
    es_grp_row *rows = calloc(pw->n_rows + 1, sizeof *rows);
    if (rows == NULL) {
        d->status = ES_ENOMEM;
        return;
    }
    for (size_t i = 0; i < pw->n_rows; i++) {
        if (strcmp(es_s(pw, i, "test"), "mann_whitney") != 0)
            continue;
        es_grp_row *g = &rows[n++];
        g->group = es_s(pw, i, gcol);
        g->na = es_n(pw, i, "n_a");
        g->nb = es_n(pw, i, "n_b");
        g->p = es_n(pw, i, "p_adjusted");
        g->note = es_s(pw, i, "note");
        size_t e = es_row_where(ef, "group", g->group, "effect", "ratio_of_medians");
        g->ratio = e == SIZE_MAX ? NAN : es_n(ef, e, "estimate");
        g->lo = e == SIZE_MAX ? NAN : es_n(ef, e, "ci_low");
        g->hi = e == SIZE_MAX ? NAN : es_n(ef, e, "ci_high");
        e = es_row_where(ef, "group", g->group, "effect", "cliff_delta");
        g->delta = e == SIZE_MAX ? NAN : es_n(ef, e, "estimate");
    }
    qsort(rows, n, sizeof *rows, es_cmp_grp);
    char hr[64];
    snprintf(hr, sizeof hr, "%s/%s", r->o->ratio_num, r->o->ratio_den);
    char na[80], nb[80];
    snprintf(na, sizeof na, "n %s", r->o->ratio_num);
    snprintf(nb, sizeof nb, "n %s", r->o->ratio_den);
    const char *head[] = {k == ES_A_CMP_NICHE ? "Niche" : "Platform", na, nb, "Ratio of medians", "CI",
                          "Cliff's delta", "p (Holm)"};
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    head[4] = ci_head;
    es_doc_table *x = es_doc_table_new(d, 7, head, "lrrrrrr",
                                       k == ES_A_CMP_NICHE ? "compare_niche.effects.csv" : "compare_platform.effects.csv",
                                       "%s vs %s by %s, sorted by the ratio of medians", r->o->ratio_num,
                                       r->o->ratio_den, gcol);
    size_t small = 0;
    for (size_t i = 0; i < n; i++) {
        if (*rows[i].note && !isfinite(rows[i].p)) {
            small++;
            continue;
        }
        shown++;
        es_doc_cell(d, x, "%s", *rows[i].group ? rows[i].group : "(missing)");
        es_doc_cell(d, x, "%s", es_cnt(rows[i].na).s);
        es_doc_cell(d, x, "%s", es_cnt(rows[i].nb).s);
        es_doc_cell(d, x, "%s", es_fix(rows[i].ratio, 2).s);
        es_doc_cell(d, x, "%s", es_ci(rows[i].lo, rows[i].hi, 2, 0).s);
        es_doc_cell(d, x, "%s", es_fix(rows[i].delta, 2).s);
        es_doc_cell(d, x, "%s", es_pv(rows[i].p).s);
    }
    es_doc_table_note(d, x,
                      "n: %s of %s and %s. Ratio of medians with a BCa bootstrap interval (B = %zu); Cliff's "
                      "delta = P(A > B) - P(A < B); Mann–Whitney p adjusted across %ss by Holm's method. %zu %s%s "
                      "with fewer than %zu accounts in either band left out.",
                      es_unit_word(r), r->o->ratio_num, r->o->ratio_den, r->o->common.boot, gcol, small, gcol,
                      small == 1 ? "" : "s", r->o->common.min_n);
    if (shown == 0)
        es_doc_para(d, "No %s has at least %zu accounts in both bands.", gcol, r->o->common.min_n);
    free(rows);
}

static void es_sec_micro_mega(es_rep *r)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "micro-mega", "%c%s vs %s", toupper((unsigned char)r->o->ratio_num[0]),
                   r->o->ratio_num[0] ? r->o->ratio_num + 1 : "", r->o->ratio_den);
    const es_rtable *pw = es_tab(r->a[ES_A_CMP], "pairwise");
    const es_rtable *ef = es_tab(r->a[ES_A_CMP], "effects");
    const es_rtable *rt = es_tab(r->a[ES_A_DESC], "ratio");
    if (pw == NULL || pw->n_rows == 0) {
        es_doc_para(d, "The comparison could not be made (see the notes).");
        return;
    }
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    es_doc_table *x = es_doc_table_new(d, 5, (const char *const[]){"Quantity", "Estimate", ci_head, "Test", "p"},
                                       "lrrrr", "compare.pairwise.csv", "%s vs %s: effect sizes and tests",
                                       r->o->ratio_num, r->o->ratio_den);
    size_t ri = es_row_where(rt, "method", "bootstrap BCa", NULL, NULL);
    if (ri != SIZE_MAX) {
        es_doc_cell(d, x, "Ratio of medians (BCa bootstrap)");
        es_doc_cell(d, x, "%s", es_fix(es_n(rt, ri, "estimate"), 2).s);
        es_doc_cell(d, x, "%s", es_ci(es_n(rt, ri, "ci_low"), es_n(rt, ri, "ci_high"), 2, 0).s);
        es_doc_cell(d, x, "%s", "");
        es_doc_cell(d, x, "%s", "");
    }
    static const char *const effs[] = {"ratio_of_geometric_means", "cliff_delta", "auc", "hodges_lehmann_shift",
                                       "hedges_g"};
    for (size_t e = 0; e < sizeof effs / sizeof *effs; e++) {
        size_t i = es_row_where(ef, "effect", effs[e], NULL, NULL);
        if (i == SIZE_MAX)
            continue;
        int pp = strcmp(effs[e], "hodges_lehmann_shift") == 0;
        es_doc_cell(d, x, "%s", es_human(effs[e]));
        es_doc_cell(d, x, "%s", pp ? es_pct(es_n(ef, i, "estimate"), 2).s : es_fix(es_n(ef, i, "estimate"), 2).s);
        es_doc_cell(d, x, "%s", es_ci(es_n(ef, i, "ci_low"), es_n(ef, i, "ci_high"), 2, pp).s);
        es_doc_cell(d, x, "%s", "");
        es_doc_cell(d, x, "%s", "");
    }
    for (size_t i = 0; i < pw->n_rows; i++) {
        const char *test = es_s(pw, i, "test");
        int pp = strncmp(test, "permutation", 11) == 0;
        es_doc_cell(d, x, "%s", es_human(test));
        es_doc_cell(d, x, "%s", pp ? es_pct(es_n(pw, i, "estimate"), 2).s : "");
        es_doc_cell(d, x, "%s", pp ? es_ci(es_n(pw, i, "ci_low"), es_n(pw, i, "ci_high"), 2, 1).s : "");
        double st = es_n(pw, i, "statistic"), df = es_n(pw, i, "df");
        if (!isfinite(st))
            es_doc_cell(d, x, "%s", "");
        else if (strcmp(test, "mann_whitney") == 0)
            es_doc_cell(d, x, "W = %s", es_cnt(st).s);
        else if (strcmp(test, "welch_t") == 0)
            es_doc_cell(d, x, "t(%s) = %s", es_fix(df, 1).s, es_fix(st, 2).s);
        else
            es_doc_cell(d, x, "%s", "");
        const char *note = es_s(pw, i, "note");
        double p = es_n(pw, i, "p_value");
        es_doc_cell(d, x, "%s", isfinite(p) ? es_pv(p).s : (*note ? "–" : ""));
    }
    es_doc_table_note(d, x,
                      "n = %s %s and %s %s %s. pp: percentage points of ER. Ratio of geometric means and Hedges' g "
                      "on log ER (zero rates left out); Cliff's delta and AUC with Cliff's (1996) intervals; "
                      "Hodges–Lehmann shift with the interval of R's wilcox.test; permutation tests with %zu "
                      "random permutations and BCa bootstrap intervals.",
                      es_cnt(es_n(pw, 0, "n_a")).s, r->o->ratio_num, es_cnt(es_n(pw, 0, "n_b")).s, r->o->ratio_den,
                      es_unit_word(r), r->o->perm);
    if (r->s->units->unit_post)
        es_doc_para(d, "Caution: with post units the tests and effect sizes above treat the posts as independent, "
                       "which posts of one account are not; their p-values are too small. Use --unit account (the "
                       "default) for the comparison, or read the cluster-bootstrap intervals of the band medians.");
    const es_rtable *om = es_tab(r->a[ES_A_CMP], "omnibus");
    size_t kw = es_row_where(om, "test", "kruskal_wallis", NULL, NULL);
    if (kw != SIZE_MAX && isfinite(es_n(om, kw, "statistic")))
        es_doc_para(d, "Across all %s bands: Kruskal–Wallis H(%s) = %s, p %s, epsilon squared = %s.",
                    es_cnt(es_n(om, kw, "k")).s, es_fix(es_n(om, kw, "df"), 0).s, es_fix(es_n(om, kw, "statistic"), 1).s,
                    es_peq(es_n(om, kw, "p_value")).s,
                    es_fix(es_n(om, kw, "effect"), 3).s);
    if (r->a[ES_A_CMP_NICHE] != NULL) {
        es_doc_heading(d, 3, "micro-mega-niche", "By niche");
        es_group_table(r, ES_A_CMP_NICHE, "niche");
        if (r->fig_ok[4])
            es_doc_figure(d, r->fig_base[4], "Ratio of median ER, %s/%s, by niche, with %s bootstrap intervals.",
                          r->o->ratio_num, r->o->ratio_den, r->ci_pct);
    }
    if (r->a[ES_A_CMP_PLAT] != NULL && r->n_platforms > 1) {
        es_doc_heading(d, 3, "micro-mega-platform", "By platform");
        es_group_table(r, ES_A_CMP_PLAT, "platform");
    }
}

/* The models side by side (es_models_run's table "models"), as modelsummary shows them. */
static void es_sec_models(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_rtable *m = es_tab(r->a[ES_A_MODELS], "models");
    if (m == NULL || m->n_rows == 0 || m->n_cols < 3)
        return;
    size_t nc = m->n_cols - 1; /* term, then the models ("stat" says which kind of row) */
    const char **hd = calloc(nc, sizeof *hd);
    char *al = calloc(nc + 1, 1);
    if (hd == NULL || al == NULL) {
        free(hd);
        free(al);
        d->status = ES_ENOMEM;
        return;
    }
    hd[0] = "";
    al[0] = 'l';
    for (size_t j = 1; j < nc; j++) {
        hd[j] = m->columns[j + 1];
        al[j] = 'r';
    }
    es_doc_table *x = es_doc_table_new(d, nc, hd, al, "models.models.csv",
                                       "Regression models of engagement on followers, side by side");
    for (size_t i = 0; i < m->n_rows; i++) {
        const char *term = es_s(m, i, "term"), *stat = es_s(m, i, "stat");
        int se = strcmp(stat, "se") == 0 || strcmp(stat, "ci") == 0;
        es_doc_cell(d, x, "%s", se ? "" : term);
        for (size_t j = 2; j < m->n_cols; j++) {
            const es_cell *c = es_rtable_cell(m, i, m->columns[j]);
            if (c == NULL || c->type == ES_CELL_NULL)
                es_doc_cell(d, x, "%s", "");
            else if (c->type == ES_CELL_STR)
                es_doc_cell(d, x, "%s", c->str);
            else if (strcmp(term, "N") == 0)
                es_doc_cell(d, x, "%s", es_cnt(es_rtable_num(m, i, m->columns[j])).s);
            else
                es_doc_cell(d, x, "%s", es_fix(es_rtable_num(m, i, m->columns[j]),
                                               strcmp(stat, "estimate") == 0 ? 4 : strncmp(term, "R2", 2) == 0 ||
                                                                                  strncmp(term, "adj", 3) == 0
                                                                                   ? 3
                                                                                   : 1)
                                        .s);
        }
    }
    es_doc_table_note(d, x,
                      "Standard errors in parentheses, of the type the SE type row names. Models (1)-(4): log10 ER "
                      "of %s with ER > 0 on log10 followers; (5): a negative binomial (NB2) model of likes with "
                      "offset log(followers), whose slope is on the natural-log scale. Fixed-effect "
                      "coefficients are not shown (the Fixed effects rows say which models have them).",
                      es_unit_word(r));
    free(hd);
    free(al);
}

/* Which curve the data support, and each model's micro/mega contrast beside the
 * direct one, so that a reader does not copy a model's contrast for the bands' gap. */
static void es_sec_shape(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_rtable *mc = es_tab(r->a[ES_A_MODELS], "model_comparison");
    if (mc == NULL)
        return;
    size_t lr = es_row_where(mc, "comparison", "likelihood-ratio test of the quadratic term", NULL, NULL);
    size_t sp = es_row_where(mc, "comparison", "supported by the data", NULL, NULL);
    if (lr != SIZE_MAX && sp != SIZE_MAX)
        es_doc_para(d, "Shape: likelihood-ratio test of the quadratic term chi2(1) = %s, p %s; the data support the "
                       "%s model (%s).",
                    es_fix(es_n(mc, lr, "statistic"), 2).s, es_peq(es_n(mc, lr, "p_value")).s, es_s(mc, sp, "model"),
                    es_s(mc, sp, "note"));
    char cmp[160], ci_head[32];
    snprintf(cmp, sizeof cmp, "ratio %s/%s", r->o->ratio_num, r->o->ratio_den);
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    es_doc_table *x = es_doc_table_new(d, 4, (const char *const[]){"Model", "Ratio", ci_head, "Against the direct ratio"},
                                       "lrrl", "models.model_comparison.csv",
                                       "The %s/%s contrast each model implies, beside the direct ratio of medians",
                                       r->o->ratio_num, r->o->ratio_den);
    int disagree = 0;
    for (size_t i = 0; i < mc->n_rows; i++) {
        if (strcmp(es_s(mc, i, "comparison"), cmp) != 0)
            continue;
        const char *note = es_s(mc, i, "note");
        disagree |= strncmp(note, "disagrees", 9) == 0;
        es_doc_cell(d, x, "%s", es_s(mc, i, "model"));
        es_doc_cell(d, x, "%s", es_fix(es_n(mc, i, "estimate"), 2).s);
        es_doc_cell(d, x, "%s", es_ci(es_n(mc, i, "ci_low"), es_n(mc, i, "ci_high"), 2, 0).s);
        es_doc_cell(d, x, "%s", note);
    }
    es_doc_table_note(d, x, "Model contrasts: the predicted median ER at the median followers of each band, as a "
                            "ratio, with its delta-method interval; the direct ratio with a BCa bootstrap interval.");
    if (disagree)
        es_doc_para(d, "Caution: at least one model's contrast lies outside the direct interval. A model's contrast "
                       "describes its fitted curve, not the two bands; quote the direct ratio of medians for the gap "
                       "between them.");
}

/* The seed's claims, one verdict each, with the evidence (es_claims_run). */
static void es_sec_claims(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_rtable *c = es_tab(r->a[ES_A_CLAIMS], "claims");
    if (c == NULL)
        return;
    es_doc_heading(d, 2, "claims", "The seed article's claims");
    es_doc_para(d, "Each claim of the article this study started from, with the verdict these data give: supported, "
                   "not supported, or not testable with this data. Verdicts are computed from the numbers by the "
                   "rules in the Methods section, never written in advance.");
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    es_doc_table *x = es_doc_table_new(d, 4, (const char *const[]){"Claim", "Verdict", "Estimate", ci_head}, "llrr",
                                       "claims.claims.csv", "The claims and what the data say");
    es_buf line = {0};
    for (size_t i = 0; i < c->n_rows; i++) {
        es_doc_cell(d, x, "%s", es_s(c, i, "claim"));
        es_doc_cell(d, x, "%s", es_s(c, i, "verdict"));
        es_doc_cell(d, x, "%s", es_fix(es_n(c, i, "estimate"), 2).s);
        es_doc_cell(d, x, "%s", es_ci(es_n(c, i, "ci_low"), es_n(c, i, "ci_high"), 2, 0).s);
        es_buf_printf(&line, "%s%zu %s", i ? "; " : "", i + 1, es_s(c, i, "verdict"));
    }
    es_doc_table_note(d, x, "Estimates: ratios of medians (claims 1, 3, 4) or Spearman's rho (claim 2); the tests are "
                            "listed below.");
    for (size_t i = 0; i < c->n_rows; i++)
        es_doc_item(d, "%s: %s. Test: %s. Evidence: %s.", es_s(c, i, "claim"), es_s(c, i, "verdict"),
                    es_s(c, i, "test"), es_s(c, i, "evidence"));
    snprintf(r->sum->verdicts, sizeof r->sum->verdicts, "%s", line.data ? line.data : "");
    es_buf_free(&line);
}

/* The sensitivity grid as a forest plot (es_plot_meta_forest with one row per cell and
 * no pooling), under the table; nothing when figures are off. */
static void es_sens_figure(es_rep *r, const es_rtable *t)
{
    if (r->o->figures == 0 || t->n_rows == 0)
        return;
    es_results *f = es_results_alloc("sensitivity");
    if (f == NULL)
        return;
    static const char *const dc[] = {"label", "ratio", "ci_low", "ci_high", "weight", "pooled"};
    static const char *const pc[] = {"method", "k", "estimate", "ci_low", "ci_high", "tau2", "i2", "note"};
    es_rtable *td, *tp;
    es_results_table(f, "datasets", "cells", 6, dc, &td);
    es_results_table(f, "pooled", "none", 8, pc, &tp);
    es_buf lab = {0};
    for (size_t i = 0; i < t->n_rows; i++) {
        es_buf_reset(&lab);
        es_buf_printf(&lab, "%s%s%s", strcmp(es_s(t, i, "dimension"), "baseline") == 0 ? "" : es_s(t, i, "dimension"),
                      strcmp(es_s(t, i, "dimension"), "baseline") == 0 ? "" : ": ",
                      strcmp(es_s(t, i, "dimension"), "baseline") == 0 ? "the study's definitions" : es_s(t, i, "value"));
        es_row w = es_rtable_append(td);
        es_row_str(&w, "label", lab.data);
        es_row_num(&w, "ratio", es_n(t, i, "ratio"));
        es_row_num(&w, "ci_low", es_n(t, i, "ci_low"));
        es_row_num(&w, "ci_high", es_n(t, i, "ci_high"));
        es_row_num(&w, "weight", 1);
        es_row_str(&w, "pooled", "yes");
    }
    es_buf_free(&lab);
    es_row w = es_rtable_append(tp);
    es_row_str(&w, "method", "none");
    es_row_str(&w, "note", "one definition changed per row; dashed line: ratio 1");
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s/figures", r->tmp);
    es_plot_opts po = r->o->plot;
    po.formats = ES_PLOT_PNG | ES_PLOT_PDF;
    po.reference = NULL;
    po.curve_n = 0;
    es_plot_report pr = {0};
    es_err ferr = {0};
    if ((mkdir(dir, 0777) == 0 || errno == EEXIST) &&
        es_plot_meta_forest(f, &po, dir, "sensitivity_forest", &pr, &ferr) == ES_OK) {
        if (r->o->date >= 0) {
            char pdf[PATH_MAX + 64];
            snprintf(pdf, sizeof pdf, "%s/sensitivity_forest.pdf", dir);
            es_outdir_pin_pdf_date(pdf, r->o->date);
        }
        es_doc_figure(&r->doc, "figures/sensitivity_forest",
                      "The %s/%s ratio of medians with one definition changed at a time, with its %s BCa interval.",
                      r->o->ratio_num, r->o->ratio_den, r->ci_pct);
    } else if (ferr.msg != NULL) {
        es_note(r, "sensitivity figure: %s", ferr.msg);
    }
    es_err_clear(&ferr);
    es_plot_report_free(&pr);
    es_results_free(f);
}

/* The sensitivity grid (es_sensitivity_run) and its one-line verdict. */
static void es_sec_sensitivity(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_results *a = r->a[ES_A_SENS];
    const es_rtable *t = es_tab(a, "sensitivity");
    if (t == NULL)
        return;
    es_doc_heading(d, 2, "sensitivity", "How much the answer depends on definitions");
    const es_cell *v = NULL;
    for (size_t i = 0; a != NULL && i < a->n_values; i++)
        if (strcmp(a->values[i].name, "sensitivity_verdict") == 0)
            v = &a->values[i].value;
    if (v != NULL && v->type == ES_CELL_STR)
        es_doc_para(d, "Verdict: %s.", v->str);
    char ci_head[32], na[80], nb[80];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    snprintf(na, sizeof na, "n %s", r->o->ratio_num);
    snprintf(nb, sizeof nb, "n %s", r->o->ratio_den);
    es_doc_table *x = es_doc_table_new(d, 8,
                                       (const char *const[]){"Changed", "To", "ER", na, nb, "Ratio", ci_head, "Holds"},
                                       "lllrrrrl", "sensitivity.sensitivity.csv",
                                       "The %s/%s ratio of medians with one definition changed at a time",
                                       r->o->ratio_num, r->o->ratio_den);
    for (size_t i = 0; i < t->n_rows; i++) {
        es_doc_cell(d, x, "%s", es_s(t, i, "dimension"));
        es_doc_cell(d, x, "%s", es_s(t, i, "value"));
        es_doc_cell(d, x, "%s", es_s(t, i, "er"));
        es_doc_cell(d, x, "%s", es_cnt(es_n(t, i, "n_a")).s);
        es_doc_cell(d, x, "%s", es_cnt(es_n(t, i, "n_b")).s);
        es_doc_cell(d, x, "%s", es_fix(es_n(t, i, "ratio"), 2).s);
        es_doc_cell(d, x, "%s", es_ci(es_n(t, i, "ci_low"), es_n(t, i, "ci_high"), 2, 0).s);
        const char *note = es_s(t, i, "note"), *holds = es_s(t, i, "holds");
        es_doc_cell(d, x, "%s%s%s", holds, *holds && *note ? "; " : "", note);
    }
    es_sens_figure(r, t);
    es_doc_table_note(d, x,
                      "One factor at a time: each row changes one choice of the study (the first row) and keeps the "
                      "others. Ratio of medians with a BCa bootstrap interval (B = %zu, seed %llu) for account units. "
                      "Holds: yes, the interval lies above 1; direction only, the ratio is above 1 but the interval "
                      "includes 1; no; reversed, the interval lies below 1.",
                      r->o->common.boot, (unsigned long long)r->o->common.seed);
}

/* The shape of the decline (es_shape_run): the models by AIC and the verdict per group. */
static void es_sec_curve(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_results *a = r->a[ES_A_SHAPE];
    const es_rtable *t = es_tab(a, "shape"), *v = es_tab(a, "shape_verdict"), *c = es_tab(a, "shape_contrast");
    if (t == NULL || v == NULL)
        return;
    for (size_t i = 0; i < v->n_rows; i++)
        es_doc_para(d, "Shape (%s): %s. %s.", es_s(v, i, "group"), es_s(v, i, "verdict"), es_s(v, i, "evidence"));
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    char rh[96];
    snprintf(rh, sizeof rh, "%s/%s", r->o->ratio_num, r->o->ratio_den);
    es_doc_table *x = es_doc_table_new(d, 8,
                                       (const char *const[]){"Group", "Model", "Parameters", "AIC", "ΔAIC", "LR p",
                                                             rh, ci_head},
                                       "llrrrrrr", "shape.shape.csv",
                                       "Linear, quadratic, piecewise linear and natural-spline fits of log10 ER on "
                                       "log10 followers");
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *g = es_s(t, i, "group"), *m = es_s(t, i, "model");
        size_t k = es_row_where(c, "group", g, "model", m);
        es_doc_cell(d, x, "%s", g);
        es_doc_cell(d, x, "%s", m);
        es_doc_cell(d, x, "%s", es_cnt(es_n(t, i, "df")).s);
        es_doc_cell(d, x, "%s", es_fix(es_n(t, i, "aic"), 1).s);
        es_doc_cell(d, x, "%s", es_fix(es_n(t, i, "delta_aic"), 1).s);
        es_doc_cell(d, x, "%s", es_pv(es_n(t, i, "lr_p_value")).s);
        es_doc_cell(d, x, "%s", k == SIZE_MAX ? "" : es_fix(es_n(c, k, "ratio"), 2).s);
        es_doc_cell(d, x, "%s", k == SIZE_MAX ? "" : es_ci(es_n(c, k, "ci_low"), es_n(c, k, "ci_high"), 2, 0).s);
    }
    es_doc_table_note(d, x,
                      "Parameters include sigma (and the knot of the piecewise fit). ΔAIC: AIC minus the group's "
                      "lowest; LR p: likelihood-ratio test against the linear model (nominal for the piecewise fit, "
                      "whose knot is estimated). The last two columns: the %s/%s contrast each curve implies at the two "
                      "bands' median followers, with a delta-method interval (HC3).",
                      r->o->ratio_num, r->o->ratio_den);
}

/* What biases a tier comparison in this sample (es_selection_run). */
static void es_sec_selection(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_rtable *t = es_tab(r->a[ES_A_SEL], "selection");
    if (t == NULL)
        return;
    es_doc_heading(d, 2, "selection", "Selection warnings");
    size_t yes = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        yes += strcmp(es_s(t, i, "detected"), "yes") == 0;
    es_doc_para(d, "%s", yes ? "How this sample was drawn can bias the comparison of tiers. Detected:"
                             : "No sign that the sample was selected on the outcome or in a way that biases the "
                               "comparison of tiers; the checks and their evidence are in the table.");
    for (size_t i = 0; i < t->n_rows; i++)
        if (strcmp(es_s(t, i, "detected"), "yes") == 0)
            es_doc_item(d, "%s: %s; %s.", es_s(t, i, "check"), es_s(t, i, "evidence"), es_s(t, i, "consequence"));
    es_doc_table *x = es_doc_table_new(d, 3, (const char *const[]){"Check", "Detected", "Evidence"}, "lll",
                                       "selection.selection.csv", "Checks for selection on the outcome and other biases");
    for (size_t i = 0; i < t->n_rows; i++) {
        es_doc_cell(d, x, "%s", es_s(t, i, "check"));
        es_doc_cell(d, x, "%s", es_s(t, i, "detected"));
        es_doc_cell(d, x, "%s", es_s(t, i, "evidence"));
    }
}

/* This data's band medians beside the published tier benchmarks whose definition is
 * ours (the rest listed with the reason). */
static void es_sec_published(es_rep *r)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "published", "Against published figures");
    if (r->o->published == NULL) {
        es_doc_para(d, "No file of published figures was given.");
        return;
    }
    const es_reference *m = r->published_ref;
    if (m == NULL || m->n == 0) {
        es_doc_para(d, "None of the published figures in %s uses this report's definition (%s) with follower edges "
                       "that fall inside one band.",
                    r->o->published, es_er_text(r));
    } else {
        const es_rtable *t = es_tab(r->a[ES_A_DESC], "describe");
        es_doc_para(d, "Published tier benchmarks whose definition is this report's (%s), beside this data's band "
                       "medians; a source's tier is matched to the band whose follower edges contain it.",
                    es_er_text(r));
        es_sec_reference_of(r, m, t, es_pct_decimals(t, "median"), "published");
    }
    es_doc_para(d, "%zu published figures in %s use another definition, a range or a threshold, or have no follower "
                   "edges: they are listed with the reason in tables/published_other.csv and not compared.",
                r->n_published_other, r->o->published);
}

static void es_sec_scaling(es_rep *r)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "scaling", "Scaling with followers");
    const es_results *g = r->a[ES_A_REG];
    const es_rtable *co = es_tab(g, "coefficients");
    size_t sl = es_row_where(co, "term", "log10(followers)", NULL, NULL);
    if (sl == SIZE_MAX) {
        es_doc_para(d, "The regression could not be fitted (see the notes).");
        return;
    }
    const char *vcov = es_setting_s(g, "vcov");
    es_doc_para(d,
                "Log-log regression of ER on followers (OLS of log10 ER on log10 followers, %s standard errors, "
                "n = %s): elasticity %s %s, R2 = %s. Each doubling of followers goes with a %s%% change in the "
                "median ER.",
                vcov, es_cnt(es_value(g, "n")).s, es_fix(es_n(co, sl, "estimate"), 3).s,
                es_ci(es_n(co, sl, "ci_low"), es_n(co, sl, "ci_high"), 3, 0).s, es_fix(es_value(g, "r2"), 3).s,
                es_fix(100.0 * (pow(2.0, es_n(co, sl, "estimate")) - 1.0), 1).s);
    char ci_head[32];
    snprintf(ci_head, sizeof ci_head, "%s CI", r->ci_pct);
    es_sec_models(r);
    es_sec_shape(r);
    es_sec_curve(r);
    const es_rtable *bins = es_tab(g, "bins");
    if (bins != NULL && bins->n_rows > 0) {
        int dec = es_pct_decimals(bins, "median");
        es_doc_table *b = es_doc_table_new(d, 4, (const char *const[]){"Followers", "n", "Median ER (%)", ci_head},
                                           "lrrr", "regress.bins.csv", "Median ER in log-spaced follower bins");
        for (size_t i = 0; i < bins->n_rows; i++) {
            es_doc_cell(d, b, "%s–%s", es_cnt(es_n(bins, i, "followers_low")).s, es_cnt(es_n(bins, i, "followers_high")).s);
            es_doc_cell(d, b, "%s", es_cnt(es_n(bins, i, "n")).s);
            es_doc_cell(d, b, "%s", es_pct(es_n(bins, i, "median"), dec).s);
            es_str64 ci = es_ci(es_n(bins, i, "ci_low"), es_n(bins, i, "ci_high"), dec, 1);
            es_doc_cell(d, b, "%s", *ci.s ? ci.s : "–");
        }
        es_doc_table_note(d, b, "Distribution-free (order-statistic) intervals of each bin's median; –: fewer than %zu "
                                "accounts.",
                          r->o->common.min_n);
    }
    if (r->fig_ok[1])
        es_doc_figure(d, r->fig_base[1], "Engagement rate against followers (log-log) with the OLS line, the "
                                         "binned medians and, dashed, the curve the data support (lowest AIC).");
}

static void es_sec_distributions(es_rep *r)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "distributions", "Distributions");
    const es_results *f = r->a[ES_A_FIT];
    const es_rtable *fits = es_tab(f, "fits");
    if (fits == NULL || fits->n_rows == 0) {
        es_doc_para(d, "No distribution was fitted (see the notes).");
    } else {
        es_doc_table *x = es_doc_table_new(d, 6,
                                           (const char *const[]){"Band", "Family", "n", "Log-likelihood", "AIC",
                                                                 "ΔAIC"},
                                           "llrrrr", "fit.fits.csv", "Maximum-likelihood fits per band, ranked by AIC");
        size_t left = 0;
        for (size_t i = 0; i < fits->n_rows; i++) {
            if (!isfinite(es_n(fits, i, "aic"))) {
                left++;
                continue;
            }
            es_doc_cell(d, x, "%s", es_s(fits, i, "band"));
            es_doc_cell(d, x, "%s", es_s(fits, i, "distribution"));
            es_doc_cell(d, x, "%s", es_cnt(es_n(fits, i, "n")).s);
            es_doc_cell(d, x, "%s", es_fix(es_n(fits, i, "loglik"), 1).s);
            es_doc_cell(d, x, "%s", es_fix(es_n(fits, i, "aic"), 1).s);
            es_doc_cell(d, x, "%s", es_fix(es_n(fits, i, "delta_aic"), 1).s);
        }
        es_doc_table_note(d, x,
                          "Every family fitted to the same values: the positive rates of each band (zero rates "
                          "left out, so that lognormal, gamma and Weibull are defined). ΔAIC: AIC minus the "
                          "band's lowest. %zu fits not shown (did not converge or fewer than %zu values).",
                          left, r->o->common.min_n);
    }
    const es_rtable *pl = es_tab(f, "powerlaw");
    const es_rtable *pc = es_tab(f, "powerlaw_compare");
    if (pl != NULL && pl->n_rows > 0 && isfinite(es_n(pl, 0, "estimate"))) {
        es_doc_para(d,
                    "Follower counts: a %s power law fits the tail above xmin = %s (%s of %s %s) with exponent "
                    "alpha = %s (SE %s), by the method of Clauset, Shalizi and Newman (2009).",
                    es_s(pl, 0, "model"), es_cnt(es_n(pl, 0, "xmin")).s, es_cnt(es_n(pl, 0, "n_tail")).s,
                    es_cnt(es_n(pl, 0, "n")).s, es_unit_word(r), es_fix(es_n(pl, 0, "estimate"), 3).s,
                    es_fix(es_n(pl, 0, "se"), 3).s);
        for (size_t i = 0; pc != NULL && i < pc->n_rows; i++)
            es_doc_item(d, "Power law vs %s: log-likelihood ratio %s, Vuong p %s: favours %s.",
                        es_s(pc, i, "alternative"), es_fix(es_n(pc, i, "llr"), 2).s, es_peq(es_n(pc, i, "p_value")).s,
                        es_s(pc, i, "favours"));
    }
    static const int figs[] = {2, 6, 5};
    static const char *const caps[] = {"Distribution of engagement rates by band with fitted densities.",
                                       "Empirical cumulative distribution of engagement rates by band.",
                                       "Complementary CDF of follower counts with the fitted power-law tail."};
    for (size_t i = 0; i < 3; i++)
        if (r->fig_ok[figs[i]])
            es_doc_figure(d, r->fig_base[figs[i]], "%s", caps[i]);
}

static void es_sec_methods(es_rep *r)
{
    es_doc *d = &r->doc;
    const es_report_opts *o = r->o;
    es_doc_heading(d, 2, "methods", "Methods");
    char bw[256];
    es_doc_para(d,
                "Engagement rate (ER) is %s, computed per %s%s. Accounts are placed in follower bands (%s). "
                "Medians of each band carry %s intervals (%s). The ratio of %s to %s medians is given with a "
                "bias-corrected and accelerated (BCa) bootstrap interval (percentile intervals are in the tables), "
                "resampling %s within each band.",
                es_er_text(r), r->s->units->post_level ? "post" : "account",
                r->s->units->post_level && !r->s->units->unit_post ? " and summarised per account" : "",
                es_setting_s(r->all, "bands"), r->ci_pct, es_boot_words(r, bw, sizeof bw), o->ratio_num,
                o->ratio_den, r->s->units->unit_post ? "accounts with all their posts (cluster bootstrap)" : "accounts");
    es_doc_para(d,
                "Two bands are compared with the Mann–Whitney test (exact or normal approximation with tie and "
                "continuity corrections, as R's wilcox.test), Cliff's delta and the Hodges–Lehmann shift; Welch's "
                "t test on log ER with Hedges' g; and permutation tests of the difference in medians and means "
                "(%zu permutations, p = (b + 1)/(m + 1)). All bands are compared with the Kruskal–Wallis test "
                "and Dunn's pairwise tests. Tests repeated across niches or platforms are adjusted by Holm's "
                "method. Groups with fewer than %zu accounts get no interval or test.",
                o->perm, o->common.min_n);
    es_doc_para(d,
                "Scaling: ordinary least squares of log10 ER on log10 followers by Householder QR, with %s "
                "standard errors (HC3: MacKinnon and White 1985; CR1: clustered by account with the small-sample "
                "factor G/(G-1)(n-1)/(n-k), G-1 degrees of freedom), with and without a quadratic term. "
                "Distributions: maximum-likelihood fits of lognormal, gamma, Weibull, exponential and beta "
                "families ranked by AIC; the power-law tail of follower counts with xmin chosen by the "
                "Kolmogorov–Smirnov distance and Vuong's test against alternatives (Clauset, Shalizi and Newman "
                "2009).",
                es_setting_s(r->a[ES_A_REG], "vcov")[0] ? es_setting_s(r->a[ES_A_REG], "vcov") : "HC3");
    if (r->a[ES_A_CLAIMS] != NULL)
        es_doc_para(d,
                    "Claims: each verdict follows a fixed rule on an interval: claim 1 is supported when the BCa "
                    "interval of the ratio of median ER at 5k-50k followers over 50k and more lies above 1; claim 2 "
                    "when the Fisher-z interval of Spearman's rho between an account's niche concentration and its "
                    "ER over its band's median lies above 0; claim 3 when the interval of the ratio of median ER at "
                    "5k-50k over 1M-5M lies above 2 (far lower: less than half); claim 4 when the interval of the "
                    "ratio of median comments per like at 5k-50k over 1M and more lies above 1. A group below the "
                    "minimum n or a ratio without an interval makes a claim not testable.");
    if (r->a[ES_A_SENS] != NULL)
        es_doc_para(d, "Sensitivity: one factor at a time (Saltelli et al. 2008): the ratio of medians recomputed on "
                       "the same rows with one definition changed and the others as in the study.");
    es_doc_para(d,
                "Random numbers: one stream per bootstrap replicate, seeded from the seed %llu by splitmix64 "
                "(resampling indices from xoshiro256++, the median's binomial splitting and the permutations "
                "from GSL's Mersenne Twister, gsl_rng_mt19937), so results do not depend on the number of threads. "
                "References: Efron and Tibshirani (1993) for the bootstrap; Hyndman and Fan (1996) for "
                "quantiles; Cliff (1996); Hodges and Lehmann (1963); Holm (1979).",
                (unsigned long long)o->common.seed);
}

static void es_sec_provenance(es_rep *r, const char *date)
{
    es_doc *d = &r->doc;
    es_doc_heading(d, 2, "provenance", "Provenance");
    es_doc_item(d, "engagestat %s", r->o->version ? r->o->version : "(unknown version)");
    es_doc_item(d, "Input: %s, SHA-256 %s", r->all->path ? r->all->path : "", r->all->sha256 ? r->all->sha256 : "");
    es_doc_item(d, "Seed: %llu; bootstrap replicates: %zu; permutations: %zu; confidence level: %s",
                (unsigned long long)r->o->common.seed, r->o->common.boot, r->o->perm, r->ci_pct);
    es_doc_item(d, "Date: %s%s", date, getenv("SOURCE_DATE_EPOCH") ? " (SOURCE_DATE_EPOCH)" : "");
    es_doc_item(d, "Every number in this report is in results.json; each table's numbers are also in tables/; "
                   "each figure's data and gnuplot script are in figures/.");
    if (r->all->n_warnings > r->n_study_warnings) {
        es_doc_para(d, "Notes from the analyses:");
        for (size_t i = r->n_study_warnings; i < r->all->n_warnings; i++)
            es_doc_item(d, "%s", r->all->warnings[i]);
    }
    const char *cmd = es_setting_s(r->all, "command_line");
    if (*cmd) {
        es_doc_para(d, "Command line:");
        es_doc_code(d, cmd);
    }
}

/* ------------------------------------------------------------------ files */

static int es_save(es_rep *r, const char *name, const es_buf *b)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", r->tmp, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return es_err_set(r->err, ES_EIO, "%s: %s", path, strerror(errno));
    size_t n = b->len ? fwrite(b->data, 1, b->len, f) : 0;
    int bad = n != b->len || ferror(f);
    if (fclose(f) != 0 || bad)
        return es_err_set(r->err, ES_EIO, "%s: %s", path, strerror(errno ? errno : EIO));
    return ES_OK;
}

static int es_render_to(es_rep *r, const char *name, const es_results *res, es_format fmt, const char *table)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", r->tmp, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return es_err_set(r->err, ES_EIO, "%s: %s", path, strerror(errno));
    es_render_opts ro = {.format = fmt, .table = table, .version = r->o->version};
    int rc = es_results_render(res, &ro, f);
    if (fclose(f) != 0 && rc == ES_OK)
        rc = ES_EIO;
    if (rc != ES_OK) {
        const char *msg;
        es_results_status(res, &msg);
        return es_err_set(r->err, rc, "%s: %s", path, rc == ES_EIO ? strerror(errno ? errno : EIO) : msg ? msg : es_strerror(rc));
    }
    return ES_OK;
}

/* The figures the chosen sections show: bands 1 and 4, micro-mega 5, scaling 2,
 * distributions 3, 6 and 7. */
static unsigned es_figures_of(unsigned sections)
{
    unsigned f = 0;
    if (sections & (ES_REPORT_BANDS | ES_REPORT_PUBLISHED))
        f |= 1u << 0 | 1u << 3;
    if (sections & ES_REPORT_MICRO_MEGA)
        f |= 1u << 4;
    if (sections & ES_REPORT_SCALING)
        f |= 1u << 1;
    if (sections & ES_REPORT_DISTRIBUTIONS)
        f |= 1u << 2 | 1u << 5 | 1u << 6;
    return f;
}

static int es_figures(es_rep *r)
{
    const es_report_opts *o = r->o;
    if ((o->figures & es_figures_of(o->sections)) == 0)
        return ES_OK;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/figures", r->tmp);
    es_plot_opts po = o->plot;
    if (r->fig_ref.n > 0)
        po.reference = &r->fig_ref; /* --reference's rows and the published ones */
    else if (r->pub_ref.n > 0)
        po.reference = &r->pub_ref;
    po.formats = ES_PLOT_PNG | ES_PLOT_PDF;
    po.conf = o->common.conf;
    po.min_n = o->common.min_n;
    po.boot = (long)o->common.boot;
    po.seed = (unsigned long)o->common.seed;
    po.threads = o->common.threads;
    po.ratio_a = o->ratio_num;
    po.ratio_b = o->ratio_den;
    es_buf den = {0};
    int nn, dn;
    if (es_er_ratio(&r->s->uo->er, &nn, &dn))
        es_er_format_node(&r->s->uo->er, dn, &den);
    po.er_den = den.data ? den.data : "";
    /* figure 2: the curve the data support (es_shape_run), overall */
    double *cx = NULL, *cy = NULL;
    char clabel[64] = "";
    const es_rtable *sc = es_tab(r->a[ES_A_SHAPE], "shape_curve"), *sv = es_tab(r->a[ES_A_SHAPE], "shape_verdict");
    size_t vrow = es_row_where(sv, "group", "overall", NULL, NULL);
    if (sc != NULL && vrow != SIZE_MAX && (cx = malloc((sc->n_rows + 1) * sizeof *cx)) != NULL &&
        (cy = malloc((sc->n_rows + 1) * sizeof *cy)) != NULL) {
        const char *best = es_s(sv, vrow, "best_model");
        for (size_t i = 0; i < sc->n_rows; i++)
            if (strcmp(es_s(sc, i, "group"), "overall") == 0 && strcmp(es_s(sc, i, "model"), best) == 0) {
                cx[po.curve_n] = es_n(sc, i, "followers");
                cy[po.curve_n++] = es_n(sc, i, "median_er");
            }
        po.curve_x = cx;
        po.curve_y = cy;
        snprintf(clabel, sizeof clabel, "Best fit by AIC (%s)", best);
        po.curve_label = clabel;
    }
    int rc = es_plot_write(r->s->units, r->s->uo->bands, &po, dir, &r->pr, r->err);
    free(cx);
    free(cy);
    po.curve_x = po.curve_y = NULL;
    po.curve_n = 0;
    if (rc == ES_OK) {
        rc = es_plot_render(dir, &po, &r->pr, r->err);
        if (rc != ES_OK && r->pr.gnuplot_missing) {
            /* as plot: no report without the figures asked for (the temporary
             * directory the plot module's message names is about to go) */
            es_err_clear(r->err);
            rc = es_err_set(r->err, ES_EIO, "gnuplot was not found: install it (scripts/install-deps.sh), or give "
                                            "--gnuplot PATH, or --no-figures");
        } else if (rc != ES_OK) {
            /* a figure that failed is left out with its message; the others stand */
            es_note(r, "figures: %s", r->err->msg ? r->err->msg : es_strerror(rc));
            es_err_clear(r->err);
            rc = ES_OK;
        }
    }
    es_buf_free(&den);
    if (rc != ES_OK)
        return rc;
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        snprintf(r->fig_base[i], sizeof r->fig_base[i], "figures/%s", es_plot_figure_name(i));
        r->fig_ok[i] = r->pr.rendered[i] && (o->figures & es_figures_of(o->sections) & (1u << i));
        if (r->pr.rendered[i] && o->date >= 0) {
            char pdf[PATH_MAX + 64];
            snprintf(pdf, sizeof pdf, "%s/%s.pdf", r->tmp, r->fig_base[i]);
            es_outdir_pin_pdf_date(pdf, o->date);
        }
        if (r->fig_ok[i])
            r->sum->n_figures++;
    }
    for (size_t i = 0; i < r->pr.n_notes; i++)
        es_note(r, "%s", r->pr.notes[i]);
    for (size_t i = 0; i < r->pr.n_warnings; i++)
        es_note(r, "gnuplot: %s", r->pr.warnings[i]);
    return ES_OK;
}

static int es_count_dict(const uint32_t *codes, size_t n, const es_dict *dict)
{
    if (codes == NULL || dict == NULL || dict->n == 0)
        return 0;
    unsigned char *seen = calloc(dict->n, 1);
    int k = 0;
    if (seen == NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (codes[i] != ES_DICT_NONE && codes[i] < dict->n && !seen[codes[i]]) {
            seen[codes[i]] = 1;
            k++;
        }
    free(seen);
    return k;
}

/* The published figures of our definition (o->published), for the section and for
 * figure 1 together with --reference's rows. */
static int es_published_rows(es_rep *r)
{
    const es_report_opts *o = r->o;
    if (o->published == NULL || !(o->sections & ES_REPORT_PUBLISHED))
        return ES_OK;
    int rc = es_published_load(o->published, &r->pub, r->err);
    if (rc != ES_OK)
        return rc;
    es_buf key = {0};
    if (es_published_def_key(&r->s->uo->er, &key) != ES_OK) {
        es_buf_free(&key);
        return es_err_set(r->err, ES_ENOMEM, "out of memory");
    }
    const char *platform = NULL;
    if (r->n_platforms == 1 && r->s->units->platform_dict != NULL)
        for (size_t i = 0; i < r->s->units->n && platform == NULL; i++)
            if (r->s->units->platform[i] != ES_DICT_NONE)
                platform = es_dict_str(r->s->units->platform_dict, r->s->units->platform[i]);
    rc = es_published_match(&r->pub, key.data ? key.data : "", platform, &r->pub_ref, &r->n_published_other, r->all,
                            r->err);
    es_buf_free(&key);
    if (rc != ES_OK)
        return rc;
    r->published_ref = &r->pub_ref;
    es_results_setting(r->all, "published", es_cell_str(o->published));
    if (r->pub_ref.n > 0 && o->figures && o->plot.reference != NULL &&
        (rc = es_reference_append(&r->fig_ref, o->plot.reference, r->err)) == ES_OK)
        rc = es_reference_append(&r->fig_ref, &r->pub_ref, r->err);
    return rc;
}

/* report.docx through pandoc when it is installed (optional: without it, or when it
 * fails, the report has no DOCX and a note says why).  Run as a program in the report's
 * directory, no shell, with SOURCE_DATE_EPOCH set to the report's date when pinned so
 * that the file is reproducible, and killed after 120 s. */
static void es_docx(es_rep *r)
{
    const char *path = getenv("PATH");
    int found = 0;
    for (const char *p = path; p && *p && !found;) {
        size_t n = strcspn(p, ":");
        char cand[PATH_MAX];
        snprintf(cand, sizeof cand, "%.*s/pandoc", (int)n, p);
        found = access(cand, X_OK) == 0;
        p += n + (p[n] == ':');
    }
    if (!found)
        return;
    pid_t pid = fork();
    if (pid < 0) {
        es_note(r, "report.docx: cannot start pandoc: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        if (chdir(r->tmp) != 0)
            _exit(127);
        int fd = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, 0);
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (r->o->date >= 0) {
            char v[32];
            snprintf(v, sizeof v, "%lld", r->o->date);
            setenv("SOURCE_DATE_EPOCH", v, 1);
        }
        execlp("pandoc", "pandoc", "--from", "gfm", "--resource-path", ".", "-o", "report.docx", "report.md",
               (char *)NULL);
        _exit(127);
    }
    int status = 0;
    for (int t = 0; t < 1200; t++) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 || t == 1199) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            status = -1;
            break;
        }
        struct timespec ts = {0, 100000000};
        nanosleep(&ts, NULL);
    }
    if (status != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char docx[PATH_MAX + 16];
        snprintf(docx, sizeof docx, "%s/report.docx", r->tmp);
        remove(docx);
        es_note(r, "report.docx: pandoc failed (status %d): no DOCX", status);
    } else {
        r->sum->has_docx = 1;
    }
}

static int es_build(es_rep *r)
{
    const es_report_opts *o = r->o;
    int rc;
    r->n_platforms = es_count_dict(r->s->units->platform, r->s->units->n, r->s->units->platform_dict);
    r->n_niches = es_count_dict(r->s->units->niche, r->s->units->n, r->s->units->niche_dict);
    snprintf(r->ci_pct, sizeof r->ci_pct, "%g%%", 100.0 * o->common.conf);
    es_jobs jobs = {.r = r};
    for (int k = 0; k < ES_A_N; k++) {
        if ((k == ES_A_DESC_NICHE || k == ES_A_CMP_NICHE) && r->n_niches < 2)
            continue;
        if ((k == ES_A_DESC_PLAT || k == ES_A_CMP_PLAT) && r->n_platforms < 2)
            continue;
        int need = (k <= ES_A_DESC_PLAT && (o->sections & (ES_REPORT_BANDS | ES_REPORT_MICRO_MEGA))) ||
                   (k == ES_A_DESC) ||
                   (k >= ES_A_CMP && k <= ES_A_CMP_PLAT && (o->sections & ES_REPORT_MICRO_MEGA)) ||
                   ((k == ES_A_REG || k == ES_A_MODELS || k == ES_A_SHAPE) && (o->sections & ES_REPORT_SCALING)) ||
                   (k == ES_A_SEL && (o->sections & ES_REPORT_SELECTION)) ||
                   (k == ES_A_FIT && (o->sections & ES_REPORT_DISTRIBUTIONS)) ||
                   (k == ES_A_CLAIMS && (o->sections & ES_REPORT_CLAIMS)) ||
                   (k == ES_A_SENS && (o->sections & ES_REPORT_SENSITIVITY));
        if (need)
            jobs.k[jobs.n++] = k;
    }
    es_jobs_run(&jobs, es_thread_count(o->common.threads));
    rc = ES_OK;
    for (size_t i = 0; i < jobs.n; i++) {
        if (rc == ES_OK)
            rc = es_finish(r, jobs.k[i], jobs.res[i], jobs.rc[i], &jobs.err[i]);
        else
            es_results_free(jobs.res[i]);
        es_err_clear(&jobs.err[i]);
    }
    if (rc != ES_OK)
        return rc;
    es_results_setting(r->all, "sections", es_cell_int((long long)o->sections));
    if ((rc = es_published_rows(r)) != ES_OK || (rc = es_figures(r)) != ES_OK)
        return rc;

    time_t t = o->date >= 0 ? (time_t)o->date : time(NULL);
    struct tm tm;
    char date[64];
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    es_results_setting(r->all, "date", es_cell_str(date));

    snprintf(r->sum->definition, sizeof r->sum->definition, "er=%s; unit=%s; account_er=%s; bands=%s (%s); max_er=%s",
             es_er_text(r), es_setting_s(r->all, "unit"),
             r->s->units->post_level && !r->s->units->unit_post ? es_setting_s(r->all, "account_er") : "none",
             es_setting_s(r->all, "bands"), *es_setting_s(r->all, "band_column") ? es_setting_s(r->all, "band_column")
                                                                                : es_setting_s(r->all, "band_edges"),
             es_setting_s(r->all, "max_er"));
    es_sec_summary(r);
    if (o->sections & ES_REPORT_CLAIMS)
        es_sec_claims(r);
    if (o->sections & ES_REPORT_DATA)
        es_sec_data(r);
    if (o->sections & ES_REPORT_SELECTION)
        es_sec_selection(r);
    if (o->sections & ES_REPORT_DEFINITIONS)
        es_sec_definitions(r);
    if (o->sections & ES_REPORT_BANDS)
        es_sec_bands(r);
    if (o->sections & ES_REPORT_PUBLISHED)
        es_sec_published(r);
    if (o->sections & ES_REPORT_MICRO_MEGA)
        es_sec_micro_mega(r);
    if (o->sections & ES_REPORT_SENSITIVITY)
        es_sec_sensitivity(r);
    if (o->sections & ES_REPORT_SCALING)
        es_sec_scaling(r);
    if (o->sections & ES_REPORT_DISTRIBUTIONS)
        es_sec_distributions(r);
    if (o->sections & ES_REPORT_METHODS)
        es_sec_methods(r);
    if (o->sections & ES_REPORT_PROVENANCE)
        es_sec_provenance(r, date);
    for (size_t i = 0; i < r->sum->n_notes; i++)
        es_results_warn(r->all, "%s", r->sum->notes[i]);
    if (r->doc.status != ES_OK)
        return es_err_set(r->err, ES_ENOMEM, "out of memory");

    char title[PATH_MAX + 64];
    const char *base = r->all->path ? strrchr(r->all->path, '/') : NULL;
    snprintf(title, sizeof title, "%s", o->title ? o->title : "");
    if (o->title == NULL)
        snprintf(title, sizeof title, "%s: %s", o->study_title ? "The micro-vs-mega study" : "Engagement by follower band",
                 base ? base + 1 : r->all->path ? r->all->path : "data");
    es_buf b = {0};
    if ((rc = es_doc_render_md(&r->doc, title, &b)) == ES_OK)
        rc = es_save(r, "report.md", &b);
    es_buf_reset(&b);
    if (rc == ES_OK && (rc = es_doc_render_html(&r->doc, title, r->tmp, &b, r->err)) == ES_OK)
        rc = es_save(r, "report.html", &b);
    es_buf_reset(&b);
    if (rc == ES_OK && (rc = es_doc_render_tex(&r->doc, title, &b)) == ES_OK) {
        /* a note on the terminal too (the notes above reached results.json already) */
        if (r->doc.tex_replaced &&
            es_note(r, "report.tex: %zu characters pdflatex cannot set (CJK, emoji, other scripts, invalid bytes) "
                       "are shown as [U+XXXX]; report.html and report.md show them",
                    r->doc.tex_replaced) == ES_OK)
            es_results_warn(r->all, "%s", r->sum->notes[r->sum->n_notes - 1]);
        rc = es_save(r, "report.tex", &b);
    }
    es_buf_free(&b);
    if (rc == ES_ENOMEM)
        return es_err_set(r->err, ES_ENOMEM, "out of memory");
    if (rc != ES_OK)
        return rc;
    for (size_t i = 0; i < r->all->n_tables; i++) {
        char name[PATH_MAX];
        snprintf(name, sizeof name, "tables/%s.csv", r->all->tables[i]->name);
        if ((rc = es_render_to(r, name, r->all, ES_FMT_CSV, r->all->tables[i]->name)) != ES_OK)
            return rc;
        r->sum->n_tables++;
    }
    if ((rc = es_render_to(r, "results.json", r->all, ES_FMT_JSON, NULL)) != ES_OK)
        return rc;
    if (o->docx)
        es_docx(r);
    /* figures not asked for: their files go (figN.*, figN_*) */
    char fdir[PATH_MAX + 16];
    snprintf(fdir, sizeof fdir, "%s/figures", r->tmp);
    DIR *dh = o->figures ? opendir(fdir) : NULL;
    for (struct dirent *e; dh != NULL && (e = readdir(dh)) != NULL;) {
        for (int i = 0; i < ES_PLOT_NFIG; i++) {
            const char *fn = es_plot_figure_name(i);
            size_t len = strlen(fn);
            if ((o->figures & es_figures_of(o->sections) & (1u << i)) || strncmp(e->d_name, fn, len) != 0 ||
                (e->d_name[len] != '.' && e->d_name[len] != '_'))
                continue;
            char path[PATH_MAX + 300];
            snprintf(path, sizeof path, "%s/%s", fdir, e->d_name);
            remove(path);
        }
    }
    if (dh != NULL)
        closedir(dh);
    return ES_OK;
}

int es_report_write(const es_study *s, const es_report_opts *o, const char *dir_in, es_report_summary *sum,
                    es_err *err)
{
    memset(sum, 0, sizeof *sum);
    sum->ratio = sum->ratio_low = sum->ratio_high = NAN;
    char dir[PATH_MAX];
    if (dir_in == NULL || *dir_in == '\0' || strlen(dir_in) >= sizeof dir - 32)
        return es_err_set(err, ES_EINVAL, "-o: a directory name is needed");
    snprintf(dir, sizeof dir, "%s", dir_in);
    for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    es_rep r = {.s = s, .o = o, .err = err, .sum = sum};
    char tmp[PATH_MAX];
    int rc = es_outdir_begin(dir, tmp, sizeof tmp, err);
    if (rc != ES_OK)
        return rc;
    r.tmp = tmp;
    char sub[PATH_MAX + 16];
    snprintf(sub, sizeof sub, "%s/tables", tmp);
    if (mkdir(sub, 0777) != 0) {
        rc = es_err_set(err, ES_EIO, "%s: %s", sub, strerror(errno));
        goto fail;
    }
    if ((r.all = es_study_results(s, "report")) == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto fail;
    }
    r.n_study_warnings = r.all->n_warnings;
    for (size_t i = 0; o->provenance != NULL && i < o->provenance->n_settings; i++)
        es_results_setting(r.all, o->provenance->settings[i].name, o->provenance->settings[i].value);
    es_results_setting(r.all, "conf", es_cell_num(o->common.conf));
    es_results_setting(r.all, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(r.all, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(r.all, "min_n", es_cell_int((long long)o->common.min_n));
    es_results_setting(r.all, "ratio", es_cell_str(o->ratio_num));
    es_results_setting(r.all, "ratio_denominator", es_cell_str(o->ratio_den));
    if ((rc = es_build(&r)) != ES_OK)
        goto fail;
    const char *msg;
    if ((rc = es_results_status(r.all, &msg)) != ES_OK) {
        rc = es_err_set(err, rc, "%s", msg ? msg : es_strerror(rc));
        goto fail;
    }
    if ((rc = es_outdir_swap_in(tmp, dir, err)) != ES_OK)
        goto fail;
    /* notes that name files (gnuplot's logs) name them where they are now */
    for (size_t i = 0; i < sum->n_notes; i++) {
        char *at = strstr(sum->notes[i], tmp);
        if (at == NULL)
            continue;
        es_buf b = {0};
        es_buf_append(&b, sum->notes[i], (size_t)(at - sum->notes[i]));
        es_buf_puts(&b, dir);
        es_buf_puts(&b, at + strlen(tmp));
        if (b.data != NULL && !b.failed) {
            free(sum->notes[i]);
            sum->notes[i] = es_buf_take(&b);
        }
        es_buf_free(&b);
    }
    goto done;
fail:
    es_outdir_remove(tmp);
done:
    for (int k = 0; k < ES_A_N; k++)
        es_results_free(r.a[k]);
    es_results_free(r.all);
    es_plot_report_free(&r.pr);
    es_doc_free(&r.doc);
    es_published_free(&r.pub);
    es_reference_free(&r.pub_ref);
    es_reference_free(&r.fig_ref);
    return rc;
}
