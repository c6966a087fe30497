/* published.c — the published benchmarks file (datasets/published_benchmarks.csv) and
 * the rows of it that match our ER definition, as a reference curve (reference.h). */
#include "engagestat/reference.h"
#include "engagestat/buf.h"
#include "data_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void es_published_free(es_published *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++) {
        es_published_row *r = &p->rows[i];
        char *s[] = {r->id, r->source, r->platform, r->sample, r->definition, r->statistic, r->tier, r->confidence,
                     r->note};
        for (size_t k = 0; k < sizeof s / sizeof *s; k++)
            free(s[k]);
    }
    free(p->rows);
    free(p->path);
    free(p->sha256);
    memset(p, 0, sizeof *p);
}

/* The columns of the file; the first 7 and er must be present. */
enum { C_ID, C_SOURCE, C_DEF, C_STAT, C_TIER, C_ER, C_YEAR, C_PLATFORM, C_SAMPLE, C_CONF, C_NOTE, C_LO, C_HI,
       C_ERHI, C_N, C_NCOLS };
static const char *const es_pub_cols[C_NCOLS] = {"id", "source", "definition", "statistic", "tier", "er", "year",
                                                 "platform", "sample", "confidence", "note", "followers_low",
                                                 "followers_high", "er_high", "n"};
#define ES_PUB_NREQUIRED 6

/* A cell as text (numbers as %.15g) into buf; "" when missing. */
static const char *es_pub_text(const es_column *c, size_t i, char *buf, size_t size)
{
    if (c == NULL)
        return "";
    if (c->type == ES_COL_NUMERIC) {
        if (isnan(c->num[i]))
            return "";
        snprintf(buf, size, "%.15g", c->num[i]);
        return buf;
    }
    const char *s = es_column_str(c, i);
    return s ? s : "";
}

/* A numeric cell: NaN when missing; ES_EDOM when the column holds text that is no number. */
static int es_pub_num(const es_published *p, const es_column *c, size_t i, double *v, es_err *err)
{
    *v = NAN;
    if (c == NULL)
        return ES_OK;
    if (c->type == ES_COL_NUMERIC) {
        *v = c->num[i];
        return ES_OK;
    }
    const char *s = es_column_str(c, i);
    if (s == NULL || *s == '\0')
        return ES_OK;
    char *end;
    *v = strtod(s, &end);
    if (end == s || *end != '\0')
        return es_err_set(err, ES_EDOM, "%s: line %zu: column '%s': '%s' is not a number", p->path, i + 2, c->name, s);
    return ES_OK;
}

static int es_pub_row(es_published *p, const es_table *t, const es_column *const *col, size_t i, es_err *err)
{
    es_published_row *r = &p->rows[i];
    char buf[64];
    char **s[] = {&r->id, &r->source, &r->definition, &r->statistic, &r->tier, NULL, NULL, &r->platform,
                  &r->sample, &r->confidence, &r->note};
    for (int k = 0; k < C_NCOLS && k <= C_NOTE; k++) {
        if (s[k] == NULL)
            continue;
        const char *v = es_pub_text(col[k], i, buf, sizeof buf);
        if (k < ES_PUB_NREQUIRED && *v == '\0')
            return es_err_set(err, ES_EDOM, "%s: line %zu: column '%s' is empty", p->path, i + 2, es_pub_cols[k]);
        if ((*s[k] = es_strdup(v)) == NULL)
            return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    double year;
    int rc;
    if ((rc = es_pub_num(p, col[C_ER], i, &r->er, err)) != ES_OK ||
        (rc = es_pub_num(p, col[C_YEAR], i, &year, err)) != ES_OK ||
        (rc = es_pub_num(p, col[C_LO], i, &r->lo, err)) != ES_OK ||
        (rc = es_pub_num(p, col[C_HI], i, &r->hi, err)) != ES_OK ||
        (rc = es_pub_num(p, col[C_ERHI], i, &r->er_high, err)) != ES_OK ||
        (rc = es_pub_num(p, col[C_N], i, &r->n, err)) != ES_OK)
        return rc;
    (void)t;
    if (!(r->er > 0 && r->er < 1))
        return es_err_set(err, ES_EDOM, "%s: line %zu: column 'er': %g is not a proportion in (0, 1) (percent?)",
                          p->path, i + 2, r->er);
    if (!isnan(r->er_high) && !(r->er_high > r->er && r->er_high < 1))
        return es_err_set(err, ES_EDOM, "%s: line %zu: column 'er_high': %g is not in (er, 1) = (%g, 1)", p->path,
                          i + 2, r->er_high, r->er);
    if (!isnan(year) && (year != floor(year) || year < 1900 || year > 9999))
        return es_err_set(err, ES_EDOM, "%s: line %zu: column 'year': %g is not a year", p->path, i + 2, year);
    r->year = isnan(year) ? 0 : (int)year;
    if ((r->lo < 0) || (r->hi <= 0) || (!isnan(r->lo) && !isnan(r->hi) && r->lo >= r->hi))
        return es_err_set(err, ES_EDOM, "%s: line %zu: followers_low %g and followers_high %g are not increasing "
                          "edges", p->path, i + 2, r->lo, r->hi);
    if (r->n <= 0)
        return es_err_set(err, ES_EDOM, "%s: line %zu: column 'n': %g is not a sample size", p->path, i + 2, r->n);
    return ES_OK;
}

int es_published_load(const char *path, es_published *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    es_load_opts o;
    es_load_opts_init(&o);
    es_table *t = NULL;
    es_load_report rep;
    int rc = es_load_csv(path, &o, &t, &rep, err);
    if (rc != ES_OK)
        return rc;
    out->path = es_strdup(path);
    out->sha256 = es_strdup(rep.sha256);
    if (out->path == NULL || out->sha256 == NULL)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
    else if (rep.n_rejects > 0)
        rc = es_err_set(err, ES_EDOM, "%s: %zu row%s rejected by the loader: %s (first at line %zu)", path,
                        rep.rejects[0].count, rep.rejects[0].count == 1 ? "" : "s", rep.rejects[0].reason,
                        rep.rejects[0].first_line);
    const es_column *col[C_NCOLS] = {0};
    for (int k = 0; k < C_NCOLS && rc == ES_OK; k++) {
        int j = es_table_find(t, es_pub_cols[k]);
        col[k] = j >= 0 ? &t->cols[j] : NULL;
        if (col[k] == NULL && k < ES_PUB_NREQUIRED)
            rc = es_err_set(err, ES_EDOM, "%s: no column '%s' (a published benchmarks file has columns id, source, "
                            "year, platform, definition, statistic, tier, followers_low, followers_high, er, "
                            "er_high, n, confidence, note)", path, es_pub_cols[k]);
    }
    if (rc == ES_OK && t->n_rows == 0)
        rc = es_err_set(err, ES_EDOM, "%s: no rows", path);
    if (rc == ES_OK && (out->rows = calloc(t->n_rows, sizeof *out->rows)) == NULL)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
    for (size_t i = 0; rc == ES_OK && i < t->n_rows; i++) {
        out->n++;
        rc = es_pub_row(out, t, col, i, err);
    }
    if (rc != ES_OK)
        es_published_free(out);
    es_load_report_free(&rep);
    es_table_free(t);
    return rc;
}

/* s lower case and without spaces into b. */
static int es_pub_key(es_buf *b, const char *s)
{
    int rc = ES_OK;
    for (; *s && rc == ES_OK; s++)
        if (!isspace((unsigned char)*s))
            rc = es_buf_putc(b, (char)tolower((unsigned char)*s));
    if (rc == ES_OK && es_buf_reserve(b, 1) == ES_OK)
        b->data[b->len] = '\0';
    return rc;
}

int es_published_def_key(const es_er_def *er, es_buf *out)
{
    es_buf t = {0};
    int rc = es_er_format(er, &t);
    if (rc == ES_OK)
        rc = es_pub_key(out, t.data ? t.data : "");
    es_buf_free(&t);
    return rc;
}

/* Every reason row r is not drawn, "; "-separated, into why (empty: it matches). */
static int es_pub_why(const es_published_row *r, const char *key, const char *platform, es_buf *why)
{
    es_buf k = {0};
    int rc = es_pub_key(&k, r->definition);
    if (rc == ES_OK && strcmp(k.data ? k.data : "", key) != 0)
        rc = es_buf_printf(why, "definition %s, not %s", r->definition, key);
    if (rc == ES_OK && platform != NULL && strcasecmp(r->platform, platform) != 0)
        rc = es_buf_printf(why, "%splatform %s, not %s", why->len ? "; " : "", *r->platform ? r->platform : "unknown",
                           platform);
    if (rc == ES_OK && strcasecmp(r->statistic, "mean") != 0 && strcasecmp(r->statistic, "median") != 0 &&
        strcasecmp(r->statistic, "unknown") != 0)
        rc = es_buf_printf(why, "%sa %s, not a typical value", why->len ? "; " : "", r->statistic);
    if (rc == ES_OK && !isnan(r->er_high))
        rc = es_buf_printf(why, "%sa range (%.4g-%.4g%%), not one figure", why->len ? "; " : "", 100 * r->er,
                           100 * r->er_high);
    if (rc == ES_OK && isnan(r->lo) && isnan(r->hi))
        rc = es_buf_printf(why, "%sno follower edges (tier '%s')", why->len ? "; " : "", r->tier);
    es_buf_free(&k);
    return rc;
}

int es_published_match(const es_published *p, const char *def_key, const char *platform, es_reference *out,
                       size_t *n_other, es_results *res, es_err *err)
{
    memset(out, 0, sizeof *out);
    if (n_other != NULL)
        *n_other = 0;
    es_buf key = {0}, why = {0}, band = {0}, note = {0};
    int rc = es_pub_key(&key, def_key ? def_key : "");
    es_rtable *t = NULL;
    static const char *const cols[] = {"id", "source", "year", "platform", "definition", "tier", "er", "reason"};
    if (rc == ES_OK && res != NULL)
        rc = es_results_table(res, "published_other", "published benchmarks not drawn, with the reason", 8, cols, &t);
    out->path = es_strdup(p->path ? p->path : "published");
    out->sha256 = es_strdup(p->sha256 ? p->sha256 : "");
    out->er_label = es_strdup("er");
    out->rows = calloc(p->n ? p->n : 1, sizeof *out->rows);
    if (rc == ES_OK && (!out->path || !out->sha256 || !out->er_label || !out->rows))
        rc = ES_ENOMEM;
    size_t other = 0;
    for (size_t i = 0; i < p->n && rc == ES_OK; i++) {
        const es_published_row *r = &p->rows[i];
        es_buf_reset(&why);
        if ((rc = es_pub_why(r, key.data, platform, &why)) != ES_OK)
            break;
        if (why.len > 0) {
            other++;
            if (t != NULL) {
                es_row w = es_rtable_append(t);
                es_row_str(&w, "id", r->id);
                es_row_str(&w, "source", r->source);
                if (r->year > 0)
                    es_row_int(&w, "year", r->year);
                es_row_str(&w, "platform", r->platform);
                es_row_str(&w, "definition", r->definition);
                es_row_str(&w, "tier", r->tier);
                es_row_num(&w, "er", r->er);
                rc = es_row_str(&w, "reason", why.data);
            }
            continue;
        }
        es_buf_reset(&band);
        rc = r->year > 0 ? es_buf_printf(&band, "%s %d: %s", r->source, r->year, r->tier)
                         : es_buf_printf(&band, "%s: %s", r->source, r->tier);
        es_ref_band *b = &out->rows[out->n];
        if (rc != ES_OK || (b->band = es_strdup(band.data)) == NULL) {
            rc = ES_ENOMEM;
            break;
        }
        out->n++;
        b->platform = NULL;
        b->lo = isnan(r->lo) ? 0 : r->lo;
        b->hi = isnan(r->hi) ? INFINITY : r->hi;
        b->median = r->er;
        b->q25 = b->q75 = NAN;
    }
    if (rc == ES_OK)
        rc = es_buf_printf(&note, "%zu of the %zu published rows have definition %s%s%s%s, a single typical figure "
                           "and follower edges; the other %zu are not drawn", out->n, p->n, key.data,
                           platform ? " and platform " : "", platform ? platform : "",
                           platform ? "" : " (any platform)", other);
    if (rc == ES_OK && ((out->notes = malloc(sizeof *out->notes)) == NULL ||
                        (out->notes[0] = es_buf_take(&note)) == NULL))
        rc = ES_ENOMEM;
    else if (rc == ES_OK)
        out->n_notes = 1;
    if (rc == ES_OK && res != NULL)
        rc = es_results_status(res, NULL);
    if (rc != ES_OK) {
        es_reference_free(out);
        rc = es_err_set(err, rc, "%s", rc == ES_ENOMEM ? "out of memory" : "cannot list the published rows");
    } else if (n_other != NULL)
        *n_other = other;
    es_buf_free(&key);
    es_buf_free(&why);
    es_buf_free(&band);
    es_buf_free(&note);
    return rc;
}
