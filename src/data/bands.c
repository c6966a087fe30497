/* bands.c — follower-band schemes.  Presets follow the published tier edges in
 * ../shared/docs/published-figures.md: HypeAuditor (nano 1k, micro 10k, mid 50k,
 * macro 500k, mega 1M), Later (micro 10k, mid 100k, macro 500k, mega 1M),
 * Markerly (1k/10k/100k/1M/10M), and the project's seed article (micro 5k-50k). */
#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/quantile.h"
#include "engagestat/table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const es_band_presets[] = {"hypeauditor", "later", "markerly", "seed", NULL};

typedef struct {
    const char *name;
    const char *edges;
    const char *names;
} es_preset;

static const es_preset es_presets[] = {
    {"hypeauditor", "1000,10000,50000,500000,1000000", "nano,micro,mid,macro,mega"},
    {"later", "10000,100000,500000,1000000", "micro,mid,macro,mega"},
    {"markerly", "1000,10000,100000,1000000,10000000", "nano,micro,mid,macro,mega"},
    {"seed", "1000,5000,50000,500000,1000000", "nano,micro,mid,macro,mega"},
};

void es_bands_free(es_bands *b)
{
    if (b == NULL)
        return;
    if (b->names)
        for (size_t i = 0; i < b->n; i++)
            free(b->names[i]);
    free(b->names);
    free(b->edges);
    free(b->label);
    free(b->column);
    free(b->median_followers);
    memset(b, 0, sizeof *b);
}

/* Split a comma list into a new array of trimmed strings. */
static int es_split(const char *s, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const char *p = s;
    for (;;) {
        const char *q = strchr(p, ',');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        while (len > 0 && isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len > 0 && isspace((unsigned char)p[len - 1]))
            len--;
        char **v = realloc(*out, (*n + 1) * sizeof *v);
        if (v == NULL)
            return es_error(ES_ENOMEM);
        *out = v;
        if ((v[*n] = es_strndup(p, len)) == NULL)
            return es_error(ES_ENOMEM);
        (*n)++;
        if (q == NULL)
            return ES_OK;
        p = q + 1;
    }
}

static void es_free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int es_bands_parse(es_bands *b, const char *spec, const char *names, es_err *err)
{
    memset(b, 0, sizeof *b);
    const char *edges = spec, *label = "custom";
    for (size_t i = 0; i < sizeof es_presets / sizeof *es_presets; i++)
        if (strcmp(spec, es_presets[i].name) == 0) {
            edges = es_presets[i].edges;
            label = es_presets[i].name;
            if (names == NULL)
                names = es_presets[i].names;
        }
    if (strcmp(label, "custom") == 0 && !(isdigit((unsigned char)spec[0]) || spec[0] == '.'))
        return es_err_set(err, ES_EINVAL, "--bands '%s': unknown preset (presets: hypeauditor, later, markerly, seed) and not a list of edges", spec);
    char **ev = NULL, **nv = NULL;
    size_t ne = 0, nn = 0;
    int rc = es_split(edges, &ev, &ne);
    if (rc == ES_OK && names != NULL)
        rc = es_split(names, &nv, &nn);
    if (rc != ES_OK) {
        es_free_list(ev, ne);
        es_free_list(nv, nn);
        return es_err_set(err, rc, "out of memory");
    }
    b->edges = malloc(ne * sizeof *b->edges);
    b->names = calloc(ne, sizeof *b->names);
    b->label = es_strdup(label);
    if (b->edges == NULL || b->names == NULL || b->label == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto out;
    }
    b->n = ne;
    for (size_t i = 0; i < ne; i++) {
        char *end;
        errno = 0;
        double v = strtod(ev[i], &end);
        if (errno || end == ev[i] || *end != '\0' || !(v > 0) || !isfinite(v)) {
            rc = es_err_set(err, ES_EINVAL, "--bands: edge '%s' is not a positive number", ev[i]);
            goto out;
        }
        if (i > 0 && !(v > b->edges[i - 1])) {
            rc = es_err_set(err, ES_EINVAL, "--bands: edges must increase ('%s' after '%s')", ev[i], ev[i - 1]);
            goto out;
        }
        b->edges[i] = v;
    }
    if (nv != NULL && nn != ne) {
        rc = es_err_set(err, ES_EINVAL, "--band-names: %zu names for %zu bands", nn, ne);
        goto out;
    }
    for (size_t i = 0; i < ne; i++) {
        if (nv != NULL) {
            if (nv[i][0] == '\0') {
                rc = es_err_set(err, ES_EINVAL, "--band-names: band %zu has an empty name", i + 1);
                goto out;
            }
            for (size_t k = 0; k < i; k++)
                if (strcmp(nv[k], nv[i]) == 0) {
                    rc = es_err_set(err, ES_EINVAL, "--band-names: '%s' names bands %zu and %zu", nv[i], k + 1,
                                    i + 1);
                    goto out;
                }
            b->names[i] = es_strdup(nv[i]);
        } else {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "b%zu", i + 1);
            b->names[i] = es_strdup(tmp);
        }
        if (b->names[i] == NULL) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto out;
        }
    }
out:
    es_free_list(ev, ne);
    es_free_list(nv, nn);
    if (rc != ES_OK)
        es_bands_free(b);
    return rc;
}

int es_bands_classify(const es_bands *b, double followers)
{
    if (isnan(followers) || b->n == 0 || b->edges == NULL || followers < b->edges[0])
        return -1;
    /* Few bands: a linear scan from the top is clearer than bisection. */
    for (size_t i = b->n; i-- > 0;)
        if (followers >= b->edges[i])
            return (int)i;
    return -1;
}

double es_bands_upper(const es_bands *b, size_t i)
{
    if (b->edges == NULL)
        return NAN;
    return i + 1 < b->n ? b->edges[i + 1] : INFINITY;
}

int es_bands_find(const es_bands *b, const char *name)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->names[i], name) == 0)
            return (int)i;
    return -1;
}

static void es_human(double v, char *buf, size_t n)
{
    if (v >= 1e9 && fmod(v, 1e8) == 0)
        snprintf(buf, n, "%gB", v / 1e9);
    else if (v >= 1e6 && fmod(v, 1e5) == 0)
        snprintf(buf, n, "%gM", v / 1e6);
    else if (v >= 1e3 && fmod(v, 1e2) == 0)
        snprintf(buf, n, "%gk", v / 1e3);
    else
        snprintf(buf, n, "%g", v);
}

void es_bands_range(const es_bands *b, size_t i, char *buf, size_t n)
{
    char lo[32], hi[32];
    if (b->edges == NULL || i >= b->n) {
        if (n > 0)
            buf[0] = '\0';
        return;
    }
    es_human(b->edges[i], lo, sizeof lo);
    if (i + 1 < b->n) {
        es_human(b->edges[i + 1], hi, sizeof hi);
        snprintf(buf, n, "%s-%s", lo, hi);
    } else {
        snprintf(buf, n, "%s+", lo);
    }
}

void es_bands_format_range(double lo, double hi, char *buf, size_t n)
{
    char a[32], c[32];
    if (isnan(lo) || isnan(hi)) {
        snprintf(buf, n, "NA");
        return;
    }
    es_human(lo, a, sizeof a);
    es_human(hi, c, sizeof c);
    snprintf(buf, n, "%s-%s", a, c);
}

/* The text of cell `row` of c (a number as %.15g into tmp), or NULL when missing. */
static const char *es_cell_text(const es_column *c, size_t row, char *tmp, size_t n)
{
    if (c->type != ES_COL_NUMERIC)
        return es_column_str(c, row);
    if (isnan(c->num[row]))
        return NULL;
    snprintf(tmp, n, "%.15g", c->num[row]);
    return tmp;
}

int es_bands_of_cell(const es_bands *b, const es_column *c, size_t row)
{
    char tmp[32];
    const char *s = es_cell_text(c, row, tmp, sizeof tmp);
    return s == NULL ? -1 : es_bands_find(b, s);
}

typedef struct {
    double median;
    size_t first; /* order of first appearance */
} es_band_key;

static int es_band_order(const void *pa, const void *pb)
{
    const es_band_key *x = pa, *y = pb;
    int nx = isnan(x->median), ny = isnan(y->median);
    if (nx != ny)
        return nx - ny;
    if (!nx && x->median != y->median)
        return x->median < y->median ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

int es_bands_from_column(es_bands *b, const es_table *t, const char *column, es_err *err)
{
    memset(b, 0, sizeof *b);
    int j = es_table_find(t, column);
    const es_column *c = j >= 0 ? &t->cols[j] : NULL;
    es_role r = es_role_from_name(column);
    if (c == NULL && r != ES_ROLE_NONE)
        c = es_table_role(t, r);
    if (c == NULL) {
        es_buf cols = {0};
        for (size_t k = 0; k < t->n_cols; k++)
            es_buf_printf(&cols, "%s%s", k ? ", " : "", t->cols[k].name);
        int rc = es_err_set(err, ES_EINVAL, "--band-column: no column named '%s' (columns: %s)", column,
                            cols.data ? cols.data : "none");
        es_buf_free(&cols);
        return rc;
    }
    const es_column *fol = es_table_role(t, ES_ROLE_FOLLOWERS);
    if (fol != NULL && (fol->type != ES_COL_NUMERIC || fol == c))
        fol = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int *band = malloc((t->n_rows ? t->n_rows : 1) * sizeof *band);
    int rc = band ? ES_OK : es_err_set(err, ES_ENOMEM, "out of memory");
    for (size_t i = 0; i < t->n_rows && rc == ES_OK; i++) {
        char tmp[32];
        const char *s = es_cell_text(c, i, tmp, sizeof tmp);
        band[i] = -1;
        if (s == NULL)
            continue;
        size_t k = 0;
        while (k < n && strcmp(names[k], s) != 0)
            k++;
        if (k == n) {
            if (n == ES_BANDS_COLUMN_MAX) {
                rc = es_err_set(err, ES_EINVAL, "--band-column '%s': more than %d distinct values; a tier column "
                                "has a few (nano, micro, ...)", c->name, ES_BANDS_COLUMN_MAX);
                break;
            }
            if (n == cap) {
                cap = cap ? 2 * cap : 8;
                char **v = realloc(names, cap * sizeof *v);
                if (v == NULL) {
                    rc = es_err_set(err, ES_ENOMEM, "out of memory");
                    break;
                }
                names = v;
            }
            if ((names[n] = es_strdup(s)) == NULL) {
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                break;
            }
            n++;
        }
        band[i] = (int)k;
    }
    if (rc == ES_OK && n == 0)
        rc = es_err_set(err, ES_EINVAL, "--band-column '%s': the column has no value", c->name);
    es_band_key key[ES_BANDS_COLUMN_MAX];
    double *v = rc == ES_OK ? malloc((t->n_rows ? t->n_rows : 1) * sizeof *v) : NULL;
    if (rc == ES_OK && v == NULL)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
    for (size_t k = 0; k < n && rc == ES_OK; k++) {
        size_t m = 0;
        for (size_t i = 0; fol != NULL && i < t->n_rows; i++)
            if (band[i] == (int)k && !isnan(fol->num[i]))
                v[m++] = fol->num[i];
        key[k] = (es_band_key){m ? es_median(v, m) : NAN, k};
    }
    free(v);
    free(band);
    if (rc == ES_OK) {
        qsort(key, n, sizeof *key, es_band_order);
        b->names = calloc(n, sizeof *b->names);
        b->median_followers = malloc(n * sizeof *b->median_followers);
        b->label = es_strdup("column");
        b->column = es_strdup(c->name);
        if (b->names == NULL || b->median_followers == NULL || b->label == NULL || b->column == NULL)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if (rc == ES_OK) {
        b->n = n;
        for (size_t k = 0; k < n; k++) {
            b->names[k] = names[key[k].first];
            names[key[k].first] = NULL;
            b->median_followers[k] = key[k].median;
        }
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    if (rc != ES_OK)
        es_bands_free(b);
    return rc;
}

int es_bands_names_list(const es_bands *b, es_buf *out)
{
    int rc = ES_OK;
    for (size_t k = 0; k < b->n && rc == ES_OK; k++)
        rc = es_buf_printf(out, "%s%s", k ? ", " : "", b->names[k]);
    return rc;
}

int es_bands_unknown(const es_bands *b, const char *option, const char *name, const char *hint, es_err *err)
{
    es_buf names = {0};
    es_bands_names_list(b, &names);
    es_err_set(err, ES_EINVAL, "%s: no band named '%s' in --bands %s (its bands: %s); %s", option, name, b->label,
               names.data ? names.data : "", hint);
    es_buf_free(&names);
    return ES_EINVAL;
}
