/* reference.c — a band summary read as a reference curve (reference.h). */
#include "engagestat/reference.h"
#include "engagestat/buf.h"
#include "engagestat/quantile.h"
#include "data_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void es_reference_free(es_reference *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->rows[i].band);
        free(r->rows[i].platform);
    }
    free(r->rows);
    free(r->path);
    free(r->sha256);
    free(r->er_label);
    for (size_t i = 0; i < r->n_notes; i++)
        free(r->notes[i]);
    free(r->notes);
    memset(r, 0, sizeof *r);
}

static int es_ref_note(es_reference *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int es_ref_note(es_reference *r, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *s = es_strdup(text), **n = s ? realloc(r->notes, (r->n_notes + 1) * sizeof *n) : NULL;
    if (n == NULL) {
        free(s);
        return ES_ENOMEM;
    }
    r->notes = n;
    r->notes[r->n_notes++] = s;
    return ES_OK;
}

/* A follower count at p: digits (',' between thousands), an optional fraction and
 * an optional k/m/b suffix (followed by no other letter).  *end past it; -1 if none. */
static double es_ref_count(const char *p, const char **end)
{
    if (!isdigit((unsigned char)*p))
        return -1;
    char digits[64];
    size_t n = 0;
    for (; (isdigit((unsigned char)*p) || ((*p == ',' || *p == '.') && isdigit((unsigned char)p[1]))) && n < 63; p++)
        if (*p != ',')
            digits[n++] = *p;
    digits[n] = '\0';
    double v = strtod(digits, NULL);
    while (*p == ' ')
        p++;
    char s = (char)tolower((unsigned char)*p);
    if ((s == 'k' || s == 'm' || s == 'b') && !isalpha((unsigned char)p[1])) {
        v *= s == 'k' ? 1e3 : s == 'm' ? 1e6 : 1e9;
        p++;
    } else if (n > 0 && strncasecmp(p, "million", 7) == 0) {
        v *= 1e6;
        p += 7;
    }
    *end = p;
    return v;
}

/* Follower edges from a band name: "10K to 50K followers", "10k-50k", "1M+", "<1k",
 * "under 1,000", "1M or more"; NaN when it holds none (or other numbers). */
static void es_ref_edges(const char *name, double *lo, double *hi)
{
    double v[3];
    size_t m = 0;
    const char *first = NULL, *after = NULL;
    for (const char *p = name; *p && m < 3;) {
        const char *e;
        double x = (p == name || !isalnum((unsigned char)p[-1])) ? es_ref_count(p, &e) : -1;
        if (x < 0) {
            p++;
            continue;
        }
        if (m == 0)
            first = p;
        v[m++] = x;
        after = p = e;
    }
    *lo = *hi = NAN;
    if (m == 2 && v[0] <= v[1]) {
        *lo = v[0];
        *hi = v[1];
    } else if (m == 1) {
        while (*after == ' ')
            after++;
        size_t pre = (size_t)(first - name);
        char head[64];
        snprintf(head, sizeof head, "%.*s", (int)(pre < 63 ? pre : 63), name);
        if (*after == '+' || strncasecmp(after, "or more", 7) == 0 || strncasecmp(after, "and above", 9) == 0 ||
            strncasecmp(after, "and up", 6) == 0 || es_name_has(head, "over") || es_name_has(head, "above") ||
            strchr(head, '>') != NULL) {
            *lo = v[0];
            *hi = INFINITY;
        } else if (strchr(head, '<') != NULL || es_name_has(head, "under") || es_name_has(head, "below") ||
                   es_name_has(head, "up to") || es_name_has(head, "less than")) {
            *lo = 0;
            *hi = v[0];
        }
    }
}

/* A numeric column of follower edges: "min"/"lower"/"from" (lo) or "max"/"upper" (hi)
 * in its name, and not one of the quantile columns. */
static const es_column *es_ref_edge_column(const es_table *t, const es_level_info *li, int upper)
{
    static const char *const lo_words[] = {"min", "lower", "from", NULL}, *const hi_words[] = {"max", "upper", NULL};
    const char *const *w = upper ? hi_words : lo_words;
    for (size_t j = 0; j < t->n_cols; j++) {
        const es_column *c = &t->cols[j];
        if (c->type != ES_COL_NUMERIC || c == li->median || c == li->q25 || c == li->q75)
            continue;
        for (size_t i = 0; w[i]; i++)
            if (es_name_has(c->name, w[i]))
                return c;
    }
    return NULL;
}

static double es_ref_num(const es_column *c, size_t i, double div)
{
    return c != NULL ? c->num[i] / div : NAN;
}

static int es_ref_fill(es_reference *r, const es_table *t, const es_level_info *li, es_err *err)
{
    const es_column *med = li->median;
    int by_name = es_name_has(med->name, "pct") || es_name_has(med->name, "percent") || strchr(med->name, '%') != NULL;
    double top = -INFINITY;
    for (size_t i = 0; i < t->n_rows; i++)
        top = med->num[i] > top ? med->num[i] : top; /* NaN fails */
    r->was_percent = by_name || top > 1;
    double div = r->was_percent ? 100 : 1;
    if ((r->er_label = es_strdup(med->name)) == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    int rc = es_ref_note(r, "engagement rate from '%s'%s%s%s: read as %s", med->name, li->q25 ? ", q25 from '" : "",
                         li->q25 ? li->q25->name : "", li->q25 ? "'" : "",
                         r->was_percent ? by_name ? "percent (its name says so): divided by 100"
                                                  : "percent (a median above 1): divided by 100"
                                        : "a proportion");
    if (rc == ES_OK && li->q75 != NULL)
        rc = es_ref_note(r, "q75 from '%s'", li->q75->name);
    const es_column *clo = es_ref_edge_column(t, li, 0), *chi = es_ref_edge_column(t, li, 1);
    if (rc == ES_OK && clo != NULL && chi != NULL)
        rc = es_ref_note(r, "follower edges from '%s' and '%s'", clo->name, chi->name);
    if (rc == ES_OK && (clo == NULL || chi == NULL))
        clo = chi = NULL;
    r->rows = calloc(t->n_rows ? t->n_rows : 1, sizeof *r->rows);
    if (rc != ES_OK || r->rows == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    size_t skipped = 0, no_edges = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        const char *band = es_column_str(li->band, i), *plat = li->platform ? es_column_str(li->platform, i) : NULL;
        if (band == NULL || isnan(med->num[i])) {
            skipped++;
            continue;
        }
        es_ref_band *b = &r->rows[r->n++];
        b->band = es_strdup(band);
        b->platform = plat ? es_strdup(plat) : NULL;
        if (b->band == NULL || (plat != NULL && b->platform == NULL))
            return es_err_set(err, ES_ENOMEM, "out of memory");
        b->median = med->num[i] / div;
        b->q25 = es_ref_num(li->q25, i, div);
        b->q75 = es_ref_num(li->q75, i, div);
        if (clo != NULL) {
            b->lo = clo->num[i];
            b->hi = chi->num[i];
        } else
            es_ref_edges(band, &b->lo, &b->hi);
        no_edges += isnan(b->lo);
    }
    if (rc == ES_OK && skipped > 0)
        rc = es_ref_note(r, "%zu row%s without a band name or a median left out", skipped, skipped == 1 ? "" : "s");
    if (rc == ES_OK && no_edges > 0)
        rc = es_ref_note(r, "%zu band%s without follower edges (none in the name, no min/max columns): matched by "
                         "name only", no_edges, no_edges == 1 ? "" : "s");
    if (rc != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    if (r->n == 0)
        return es_err_set(err, ES_EDOM, "%s: no band of the summary has both a name and a median", r->path);
    return ES_OK;
}

int es_reference_load(const char *path, const es_load_opts *lo, es_reference *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    es_load_opts o;
    if (lo != NULL)
        o = *lo;
    else
        es_load_opts_init(&o);
    o.level = ES_LEVEL_AUTO;
    es_table *t = NULL;
    es_load_report rep;
    int rc = es_load_csv(path, &o, &t, &rep, err);
    es_level_info li;
    if (rc == ES_OK) {
        out->path = es_strdup(path);
        out->sha256 = es_strdup(rep.sha256);
        rc = out->path && out->sha256 ? es_table_level(t, &li, err) : es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if (rc == ES_OK && li.detected != ES_LEVEL_BANDS)
        rc = es_err_set(err, ES_EDOM, "%s: not a band summary (%s): a reference needs a text column naming bands or "
                        "tiers, a median (or p25/p50) column of engagement rates and no follower counts", path,
                        li.evidence);
    if (rc == ES_OK)
        rc = es_ref_fill(out, t, &li, err);
    for (size_t i = 0; rc == ES_OK && i < rep.n_rejects; i++)
        if (es_ref_note(out, "%zu row%s rejected by the loader: %s (first at line %zu)", rep.rejects[i].count,
                        rep.rejects[i].count == 1 ? "" : "s", rep.rejects[i].reason, rep.rejects[i].first_line) != ES_OK)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    if (rc != ES_OK)
        es_reference_free(out);
    es_load_report_free(&rep);
    es_table_free(t);
    return rc;
}

/* Whether a reference band name ref is our name: equal ignoring case, or starting with
 * it and then a character other than a letter or digit. */
static int es_ref_same(const char *ref, const char *ours)
{
    size_t n = strlen(ours);
    return n > 0 && strncasecmp(ref, ours, n) == 0 && !isalnum((unsigned char)ref[n]);
}

/* 2: the row is of that platform; 1: it has none; 0: another platform (or, without a
 * platform asked, a row of some platform). */
static int es_ref_platform(const es_ref_band *b, const char *platform)
{
    if (b->platform == NULL)
        return 1;
    return platform != NULL && strcasecmp(b->platform, platform) == 0 ? 2 : 0;
}

const es_ref_band *es_reference_find(const es_reference *r, const char *band, const char *platform)
{
    const es_ref_band *best = NULL, *any = NULL;
    int best_score = 0;
    size_t n_any = 0;
    for (size_t i = 0; r != NULL && band != NULL && i < r->n; i++) {
        const es_ref_band *b = &r->rows[i];
        if (!es_ref_same(b->band, band))
            continue;
        int s = es_ref_platform(b, platform);
        if (s > best_score) {
            best = b;
            best_score = s;
        }
        if (b->platform != NULL) {
            any = n_any == 0 ? b : any;
            n_any++;
        }
    }
    if (best == NULL && platform == NULL && n_any == 1)
        best = any;
    return best;
}

size_t es_reference_match(const es_reference *r, const es_bands *b, size_t k, const char *platform,
                          const es_ref_band **out, size_t max)
{
    if (r == NULL || b == NULL || k >= b->n || max == 0)
        return 0;
    const es_ref_band *f = es_reference_find(r, b->names[k], platform);
    if (f != NULL) {
        out[0] = f;
        return 1;
    }
    if (b->edges == NULL)
        return 0;
    double lo = b->edges[k], hi = k + 1 < b->n ? b->edges[k + 1] : INFINITY;
    size_t m = 0;
    for (size_t i = 0; i < r->n && m < max; i++) {
        const es_ref_band *x = &r->rows[i];
        if (es_ref_platform(x, platform) == 0)
            continue;
        if (!isnan(x->lo) && !isnan(x->hi) && x->lo >= lo && x->hi <= hi && x->lo < x->hi)
            out[m++] = x;
    }
    return m;
}

/* "A + B" of two strings (NULL taken as ""), malloc'ed. */
static char *es_ref_join(const char *a, const char *b)
{
    es_buf j = {0};
    int both = a && *a && b && *b; /* an empty side (a reference being built) is not shown */
    if (es_buf_printf(&j, "%s%s%s", a ? a : "", both ? " + " : "", b ? b : "") != ES_OK) {
        es_buf_free(&j);
        return NULL;
    }
    return es_buf_take(&j);
}

int es_reference_append(es_reference *dst, const es_reference *src, es_err *err)
{
    size_t n = dst->n + src->n, nn = dst->n_notes + src->n_notes;
    es_ref_band *rows = realloc(dst->rows, (n ? n : 1) * sizeof *rows);
    if (rows == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    dst->rows = rows;
    char **notes = realloc(dst->notes, (nn ? nn : 1) * sizeof *notes);
    if (notes == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    dst->notes = notes;
    const char *pa = dst->path ? strrchr(dst->path, '/') : NULL, *pb = src->path ? strrchr(src->path, '/') : NULL;
    char *path = es_ref_join(pa ? pa + 1 : dst->path, pb ? pb + 1 : src->path), *sha = es_ref_join(dst->sha256, src->sha256);
    char *label = dst->er_label && src->er_label && strcmp(dst->er_label, src->er_label) != 0
                      ? es_ref_join(dst->er_label, src->er_label)
                      : es_strdup(dst->er_label ? dst->er_label : src->er_label ? src->er_label : "");
    size_t added = 0, added_notes = 0;
    int ok = path && sha && label;
    for (size_t i = 0; ok && i < src->n; i++) {
        es_ref_band *b = &rows[dst->n + i];
        *b = src->rows[i];
        b->band = es_strdup(src->rows[i].band);
        b->platform = src->rows[i].platform ? es_strdup(src->rows[i].platform) : NULL;
        ok = b->band && (b->platform || !src->rows[i].platform);
        added++;
    }
    for (size_t i = 0; ok && i < src->n_notes; i++)
        ok = (notes[dst->n_notes + added_notes++] = es_strdup(src->notes[i])) != NULL;
    if (!ok) {
        for (size_t i = 0; i < added; i++) {
            free(rows[dst->n + i].band);
            free(rows[dst->n + i].platform);
        }
        for (size_t i = 0; i < added_notes; i++)
            free(notes[dst->n_notes + i]);
        free(path);
        free(sha);
        free(label);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    free(dst->path);
    free(dst->sha256);
    free(dst->er_label);
    dst->path = path;
    dst->sha256 = sha;
    dst->er_label = label;
    dst->n = n;
    dst->n_notes = nn;
    dst->was_percent |= src->was_percent;
    return ES_OK;
}
