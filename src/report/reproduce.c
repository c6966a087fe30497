/* reproduce.c — the study across datasets: each dataset's report in its own directory
 * under DIR, and in DIR the report that sets their micro/mega ratios side by side with
 * their definitions, built beside DIR and renamed into place. */
#include "engagestat/report.h"

#include "engagestat/meta.h"

#include "report/doc.h"
#include "report/outdir.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Whether every dataset's ratio has the same definition. */
static int es_same_definitions(const es_reproduce_item *items, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(items[i].sum->definition, items[0].sum->definition) != 0)
            return 0;
    return 1;
}

int es_reproduce_begin(es_reproduce *rp, const char *dir, es_err *err)
{
    memset(rp, 0, sizeof *rp);
    if (dir == NULL || *dir == '\0' || strlen(dir) >= sizeof rp->dir - 32)
        return es_err_set(err, ES_EINVAL, "-o: a directory name is needed");
    snprintf(rp->dir, sizeof rp->dir, "%s", dir);
    for (size_t n = strlen(rp->dir); n > 1 && rp->dir[n - 1] == '/'; n--)
        rp->dir[n - 1] = '\0';
    int rc = es_outdir_begin(rp->dir, rp->tmp, sizeof rp->tmp, err);
    if (rc != ES_OK)
        rp->tmp[0] = '\0';
    return rc;
}

const char *es_reproduce_dataset_dir(const es_reproduce *rp, const char *label, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", rp->tmp, label);
    return buf;
}

void es_reproduce_abort(es_reproduce *rp)
{
    if (rp->tmp[0])
        es_outdir_remove(rp->tmp);
    rp->tmp[0] = '\0';
}

static int es_write_file(const char *dir, const char *name, const es_buf *b, es_err *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
    size_t n = b->len ? fwrite(b->data, 1, b->len, f) : 0;
    int bad = n != b->len || ferror(f);
    if (fclose(f) != 0 || bad)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno ? errno : EIO));
    return ES_OK;
}

static int es_render_file(const char *dir, const char *name, const es_results *res, es_format fmt, const char *table,
                          const char *version, es_err *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
    es_render_opts ro = {.format = fmt, .table = table, .version = version};
    int rc = es_results_render(res, &ro, f);
    if (fclose(f) != 0 && rc == ES_OK)
        rc = ES_EIO;
    return rc == ES_OK ? ES_OK : es_err_set(err, rc, "%s: cannot write", path);
}

/* Copy table `name` of src into dst as `as`. */
static void es_copy_table(es_results *dst, const es_results *src, const char *name, const char *as)
{
    const es_rtable *t = es_results_find_table(src, name);
    es_rtable *c;
    if (t == NULL || es_results_table(dst, as, t->title, t->n_cols, (const char *const *)t->columns, &c) != ES_OK)
        return;
    for (size_t i = 0; i < t->n_rows; i++)
        es_rtable_add_row(c, t->cells + i * t->n_cols);
}

/* The random-effects summary across the datasets whose definitions match (es_meta_run)
 * and its forest plot: into res (tables meta_datasets, meta_pooled, values meta_*), the
 * document and figures/datasets_forest.*. */
static int es_across(es_reproduce *rp, const es_reproduce_item *items, size_t n, const es_report_opts *o,
                     es_results *res, es_doc *d, es_err *err)
{
    es_meta_item *mi = calloc(n ? n : 1, sizeof *mi);
    es_results *meta = es_results_alloc("meta");
    int rc = ES_OK;
    if (mi == NULL || meta == NULL) {
        free(mi);
        es_results_free(meta);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        mi[i] = (es_meta_item){.label = items[i].label, .definition = items[i].sum->definition,
                               .ratio = items[i].sum->ratio, .ci_low = items[i].sum->ratio_low,
                               .ci_high = items[i].sum->ratio_high, .n_a = (double)items[i].sum->n_a,
                               .n_b = (double)items[i].sum->n_b};
    es_meta_opts mo;
    es_meta_opts_init(&mo);
    mo.conf = o->common.conf;
    es_doc_heading(d, 2, "across", "Across the datasets");
    rc = es_meta_run(mi, n, &mo, meta, err);
    free(mi);
    if (rc != ES_OK) {
        es_results_free(meta);
        return rc;
    }
    es_copy_table(res, meta, "datasets", "meta_datasets");
    es_copy_table(res, meta, "pooled", "meta_pooled");
    for (size_t i = 0; i < meta->n_values; i++)
        es_results_value(res, meta->values[i].name, meta->values[i].value);
    const es_rtable *pl = es_results_find_table(meta, "pooled"), *ds = es_results_find_table(meta, "datasets");
    double est = pl && pl->n_rows ? es_rtable_num(pl, 0, "estimate") : NAN;
    const es_cell *note = pl && pl->n_rows ? es_rtable_cell(pl, 0, "note") : NULL;
    if (isfinite(est)) {
        char e[32], lo[32], hi[32], t2[32], i2[32], qp[32];
        es_fmt_fixed(e, sizeof e, est, 2);
        es_fmt_fixed(lo, sizeof lo, es_rtable_num(pl, 0, "ci_low"), 2);
        es_fmt_fixed(hi, sizeof hi, es_rtable_num(pl, 0, "ci_high"), 2);
        es_fmt_fixed(t2, sizeof t2, es_rtable_num(pl, 0, "tau2"), 3);
        es_fmt_fixed(i2, sizeof i2, es_rtable_num(pl, 0, "i2"), 1);
        es_fmt_p(qp, sizeof qp, es_rtable_num(pl, 0, "q_p_value"));
        es_doc_para(d,
                    "Random-effects summary (DerSimonian and Laird 1986) of the log ratios across the %.0f datasets "
                    "whose definitions match: ratio %s [%s, %s]; between-dataset variance tau2 = %s, I2 = %s%% "
                    "(Higgins and Thompson 2002), Q p %s%s.",
                    es_rtable_num(pl, 0, "k"), e, lo, hi, t2, i2, qp[0] == '<' ? "" : "= ", qp);
    } else {
        const char *why = note != NULL && note->type == ES_CELL_STR ? note->str : "fewer than two datasets share a definition";
        if (strncmp(why, "no summary: ", 12) == 0)
            why += 12;
        es_doc_para(d, "No summary across the datasets: %s.", why);
    }
    for (size_t i = 0; ds != NULL && i < ds->n_rows; i++) {
        const es_cell *pooled = es_rtable_cell(ds, i, "pooled"), *why = es_rtable_cell(ds, i, "reason");
        const es_cell *lab = es_rtable_cell(ds, i, "label");
        if (pooled != NULL && pooled->type == ES_CELL_STR && strcmp(pooled->str, "yes") != 0)
            es_doc_item(d, "%s not pooled: %s", lab && lab->type == ES_CELL_STR ? lab->str : "",
                        why != NULL && why->type == ES_CELL_STR ? why->str : "");
    }
    if (o->figures) {
        char dir[sizeof rp->tmp + 16];
        snprintf(dir, sizeof dir, "%s/figures", rp->tmp);
        es_plot_opts po = o->plot;
        po.formats = ES_PLOT_PNG | ES_PLOT_PDF;
        po.reference = NULL;
        es_plot_report pr = {0};
        es_err ferr = {0};
        if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
            int frc = es_plot_meta_forest(meta, &po, dir, "datasets_forest", &pr, &ferr);
            if (frc == ES_OK) {
                if (o->date >= 0) {
                    char pdf[sizeof dir + 32];
                    snprintf(pdf, sizeof pdf, "%s/datasets_forest.pdf", dir);
                    es_outdir_pin_pdf_date(pdf, o->date);
                }
                es_doc_figure(d, "figures/datasets_forest",
                              isfinite(est) ? "The %s/%s ratio of medians in each dataset with its interval; the diamond "
                                              "is the random-effects summary of the datasets pooled (open squares: not "
                                              "pooled)."
                                            : "The %s/%s ratio of medians in each dataset with its interval (no summary: "
                                              "the definitions differ; open squares: not pooled).",
                              o->ratio_num, o->ratio_den);
            }
            else if (frc == ES_ENOMEM)
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
            else
                es_doc_para(d, "The forest plot could not be drawn: %s.", ferr.msg ? ferr.msg : es_strerror(frc));
        }
        es_err_clear(&ferr);
        es_plot_report_free(&pr);
    }
    es_results_free(meta);
    return rc;
}

int es_reproduce_finish(es_reproduce *rp, const es_reproduce_item *items, size_t n, const es_report_opts *o,
                        es_report_summary *across, es_err *err)
{
    memset(across, 0, sizeof *across);
    across->ratio = across->ratio_low = across->ratio_high = NAN;
    es_results *res = es_results_alloc("reproduce");
    es_doc d = {0};
    es_buf b = {0};
    int rc = ES_OK;
    if (res == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto fail;
    }
    char date[64];
    time_t t = o->date >= 0 ? (time_t)o->date : time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; o->provenance != NULL && i < o->provenance->n_settings; i++)
        es_results_setting(res, o->provenance->settings[i].name, o->provenance->settings[i].value);
    es_results_setting(res, "boot", es_cell_int((long long)o->common.boot));
    es_results_setting(res, "seed", es_cell_int((long long)o->common.seed));
    es_results_setting(res, "conf", es_cell_num(o->common.conf));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    es_results_setting(res, "date", es_cell_str(date));
    static const char *const cols[] = {"dataset", "path", "definition", "n_a", "n_b", "ratio", "ci_low", "ci_high",
                                       "verdicts", "report"};
    es_rtable *tb;
    es_results_table(res, "datasets", "Each dataset's ratio of medians with its definition", 10, cols, &tb);

    char ci_head[32], na[80], nb[80];
    snprintf(ci_head, sizeof ci_head, "%g%% CI", 100 * o->common.conf);
    snprintf(na, sizeof na, "n %s", o->ratio_num);
    snprintf(nb, sizeof nb, "n %s", o->ratio_den);
    es_doc_heading(&d, 2, "summary", "Summary");
    es_doc_para(&d,
                "The %s/%s ratio of median engagement rates in %zu datasets, each with its own definition. Each "
                "dataset has its full report (the claims, the sensitivity to definitions, the tables and figures) in "
                "its own directory, named in the table.",
                o->ratio_num, o->ratio_den, n);
    es_doc_table *x = es_doc_table_new(&d, 7,
                                       (const char *const[]){"Dataset", "Definition", na, nb, "Ratio", ci_head,
                                                             "Claims (1-4)"},
                                       "llrrrrl", "datasets.csv", "The %s/%s ratio of medians in each dataset",
                                       o->ratio_num, o->ratio_den);
    for (size_t i = 0; i < n; i++) {
        const es_report_summary *s = items[i].sum;
        char rep[256];
        snprintf(rep, sizeof rep, "%s/report.html", items[i].label);
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "dataset", items[i].label);
        es_row_str(&row, "path", items[i].path);
        es_row_str(&row, "definition", s->definition);
        es_row_int(&row, "n_a", (long long)s->n_a);
        es_row_int(&row, "n_b", (long long)s->n_b);
        es_row_num(&row, "ratio", s->ratio);
        es_row_num(&row, "ci_low", s->ratio_low);
        es_row_num(&row, "ci_high", s->ratio_high);
        es_row_str(&row, "verdicts", s->verdicts);
        es_row_str(&row, "report", rep);
        char c1[32], c2[32], r[32], lo[32], hi[32];
        es_fmt_count(c1, sizeof c1, (double)s->n_a);
        es_fmt_count(c2, sizeof c2, (double)s->n_b);
        es_fmt_fixed(r, sizeof r, s->ratio, 2);
        es_fmt_fixed(lo, sizeof lo, s->ratio_low, 2);
        es_fmt_fixed(hi, sizeof hi, s->ratio_high, 2);
        es_doc_cell(&d, x, "%s", items[i].label);
        es_doc_cell(&d, x, "%s", s->definition);
        es_doc_cell(&d, x, "%s", c1);
        es_doc_cell(&d, x, "%s", c2);
        es_doc_cell(&d, x, "%s", r);
        char ci[80] = "";
        if (*lo && *hi)
            snprintf(ci, sizeof ci, "[%s, %s]", lo, hi);
        es_doc_cell(&d, x, "%s", ci);
        es_doc_cell(&d, x, "%s", s->verdicts);
    }
    es_doc_table_note(&d, x,
                      "Ratio of the two bands' median ER with its BCa bootstrap interval (B = %zu, seed %llu).%s "
                      "Claims: the verdicts of the four claims in each dataset's report, in order.",
                      o->common.boot, (unsigned long long)o->common.seed,
                      es_same_definitions(items, n) ? ""
                                                    : " The definitions differ between datasets: a ratio per follower "
                                                      "and a ratio per view are different quantities.");
    for (size_t i = 0; i < n; i++)
        es_doc_item(&d, "%s (%s): %s; report in %s/report.html", items[i].label, items[i].path,
                    items[i].sum->headline, items[i].label);
    if ((rc = es_across(rp, items, n, o, res, &d, err)) != ES_OK)
        goto fail;
    es_doc_heading(&d, 2, "provenance", "Provenance");
    es_doc_item(&d, "engagestat %s; seed %llu; bootstrap replicates %zu; date %s", o->version ? o->version : "",
                (unsigned long long)o->common.seed, o->common.boot, date);
    const es_cell *cl = NULL;
    for (size_t i = 0; i < res->n_settings; i++)
        if (strcmp(res->settings[i].name, "command_line") == 0)
            cl = &res->settings[i].value;
    if (cl != NULL && cl->type == ES_CELL_STR) {
        es_doc_para(&d, "Command line:");
        es_doc_code(&d, cl->str);
    }
    if (d.status != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto fail;
    }
    const char *title = o->title ? o->title : "Micro vs mega across datasets";
    char sub[sizeof rp->tmp + 16];
    snprintf(sub, sizeof sub, "%s/tables", rp->tmp);
    if (mkdir(sub, 0777) != 0 && errno != EEXIST) {
        rc = es_err_set(err, ES_EIO, "%s: %s", sub, strerror(errno));
        goto fail;
    }
    if ((rc = es_doc_render_md(&d, title, &b)) != ES_OK || (rc = es_write_file(rp->tmp, "report.md", &b, err)) != ES_OK)
        goto fail;
    es_buf_reset(&b);
    if ((rc = es_doc_render_html(&d, title, rp->tmp, &b, err)) != ES_OK ||
        (rc = es_write_file(rp->tmp, "report.html", &b, err)) != ES_OK)
        goto fail;
    es_buf_reset(&b);
    if ((rc = es_doc_render_tex(&d, title, &b)) != ES_OK || (rc = es_write_file(rp->tmp, "report.tex", &b, err)) != ES_OK)
        goto fail;
    if ((rc = es_render_file(rp->tmp, "tables/datasets.csv", res, ES_FMT_CSV, "datasets", o->version, err)) != ES_OK ||
        (rc = es_render_file(rp->tmp, "results.json", res, ES_FMT_JSON, NULL, o->version, err)) != ES_OK)
        goto fail;
    if ((rc = es_outdir_swap_in(rp->tmp, rp->dir, err)) != ES_OK)
        goto fail;
    rp->tmp[0] = '\0';
    snprintf(across->headline, sizeof across->headline, "%zu datasets: see %.400s/report.html", n, rp->dir);
    across->n_tables = 1;
    goto done;
fail:
    if (rc == ES_ENOMEM && err->msg == NULL)
        es_err_set(err, ES_ENOMEM, "out of memory");
    es_reproduce_abort(rp);
done:
    es_buf_free(&b);
    es_doc_free(&d);
    es_results_free(res);
    return rc;
}
