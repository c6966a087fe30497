/* bands.c — follower-band schemes.  Presets follow the published tier edges in
 * ../shared/docs/published-figures.md: HypeAuditor (nano 1k, micro 10k, mid 50k,
 * macro 500k, mega 1M), Later (micro 10k, mid 100k, macro 500k, mega 1M),
 * Markerly (1k/10k/100k/1M/10M), and the project's seed article (micro 5k-50k). */
#include "engagestat/bands.h"
#include "engagestat/buf.h"

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
    if (isnan(followers) || b->n == 0 || followers < b->edges[0])
        return -1;
    /* Few bands: a linear scan from the top is clearer than bisection. */
    for (size_t i = b->n; i-- > 0;)
        if (followers >= b->edges[i])
            return (int)i;
    return -1;
}

double es_bands_upper(const es_bands *b, size_t i)
{
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
    es_human(b->edges[i], lo, sizeof lo);
    if (i + 1 < b->n) {
        es_human(b->edges[i + 1], hi, sizeof hi);
        snprintf(buf, n, "%s-%s", lo, hi);
    } else {
        snprintf(buf, n, "%s+", lo);
    }
}
