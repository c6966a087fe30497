/* simulate.c — the generative model of accounts and posts, its parameter file and the
 * truth it implies.  The model and every key are documented in docs/simulate-params.md.
 *
 * Followers: a lognormal body truncated to [followers_min, tail_min) spliced to a
 * Pareto tail above tail_min (Clauset, Shalizi & Newman 2009 for the tail form), drawn
 * by inverting the survival function.  Engagement: an account rate whose log is a
 * broken line in log followers (one knot; beta2 = 0 is log-linear) with a lognormal
 * account random effect; likes and comments per post are negative-binomial
 * (NB2, gamma-Poisson mixture: Greenwood & Yule 1920) around the expected engagement. */
#include "engagestat/simulate.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>

#include "engagestat/bands.h"
#include "engagestat/numparse.h"
#include "engagestat/quantile.h"
#include "sim_internal.h"

/* ------------------------------------------------------------------------ */
/* Parameters                                                                */

typedef enum { ES_KEY_DOUBLE, ES_KEY_LONG, ES_KEY_TIME } es_keytype;

typedef struct {
    const char *name;
    es_keytype type;
    size_t offset;
} es_sim_key;

#define ES_K(name, type) {#name, type, offsetof(es_sim_params, name)}
static const es_sim_key es_sim_keys[] = {
    ES_K(accounts, ES_KEY_LONG),
    ES_K(followers_min, ES_KEY_DOUBLE),
    ES_K(followers_meanlog, ES_KEY_DOUBLE),
    ES_K(followers_sdlog, ES_KEY_DOUBLE),
    ES_K(tail_min, ES_KEY_DOUBLE),
    ES_K(tail_prob, ES_KEY_DOUBLE),
    ES_K(tail_alpha, ES_KEY_DOUBLE),
    ES_K(followers_max, ES_KEY_DOUBLE),
    ES_K(oversample_above, ES_KEY_DOUBLE),
    ES_K(oversample_factor, ES_KEY_DOUBLE),
    ES_K(er_base, ES_KEY_DOUBLE),
    ES_K(er_ref_followers, ES_KEY_DOUBLE),
    ES_K(beta, ES_KEY_DOUBLE),
    ES_K(beta2, ES_KEY_DOUBLE),
    ES_K(beta_knot, ES_KEY_DOUBLE),
    ES_K(account_sd, ES_KEY_DOUBLE),
    ES_K(posts_mean, ES_KEY_DOUBLE),
    ES_K(posts_size, ES_KEY_DOUBLE),
    ES_K(posts_max, ES_KEY_LONG),
    ES_K(likes_size, ES_KEY_DOUBLE),
    ES_K(comments_size, ES_KEY_DOUBLE),
    ES_K(comments_share, ES_KEY_DOUBLE),
    ES_K(sponsored_prob, ES_KEY_DOUBLE),
    ES_K(sponsored_effect, ES_KEY_DOUBLE),
    ES_K(date_start, ES_KEY_TIME),
    ES_K(date_end, ES_KEY_TIME),
    ES_K(truth_mc_accounts, ES_KEY_LONG),
};
#undef ES_K
#define ES_SIM_NKEYS (sizeof es_sim_keys / sizeof *es_sim_keys)

static void es_groups_free(es_sim_group *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(g[i].name);
    free(g);
}

/* Append a group to a list (name copied).  ES_OK or ES_ENOMEM. */
static int es_group_add(es_sim_group **list, size_t *n, const char *name, size_t len, double share,
                        double effect)
{
    es_sim_group *g = realloc(*list, (*n + 1) * sizeof *g);
    if (g == NULL)
        return es_error(ES_ENOMEM);
    *list = g;
    g[*n].name = es_strndup(name, len);
    if (g[*n].name == NULL)
        return es_error(ES_ENOMEM);
    g[*n].share = share;
    g[*n].effect = effect;
    (*n)++;
    return ES_OK;
}

int es_sim_params_init(es_sim_params *p)
{
    /* Defaults: datasets/kim2020-calibrated.params rounded (Kim et al. 2020 Instagram
     * sample), plus a synthetic second platform; docs/simulate-params.md. */
    memset(p, 0, sizeof *p);
    p->accounts = 10000;
    p->followers_min = 1000;
    p->followers_meanlog = 9.39;
    p->followers_sdlog = 2.11;
    p->tail_min = 180000;
    p->tail_prob = 0.1;
    p->tail_alpha = 0.9;
    p->followers_max = 5e8;
    p->oversample_above = 1e6;
    p->oversample_factor = 1;
    p->er_base = 0.045;
    p->er_ref_followers = 10000;
    p->beta = -0.14;
    p->beta2 = 0;
    p->beta_knot = 100000;
    p->account_sd = 0.73;
    p->posts_mean = 1.72;
    p->posts_size = 5;
    p->posts_max = 8;
    p->likes_size = 2.7;
    p->comments_size = 0.66;
    p->comments_share = 0.047;
    p->sponsored_prob = 0.005;
    p->sponsored_effect = 0.82;
    p->date_start = 1345420800; /* 2012-08-20T00:00:00Z */
    p->date_end = 1557964800;   /* 2019-05-16T00:00:00Z */
    p->truth_mc_accounts = 100000;
    static const struct { const char *name; double share, effect; } niches[] = {
        {"fashion", 0.35, 1}, {"other", 0.167, 0.51}, {"travel", 0.126, 0.95}, {"family", 0.118, 0.91},
        {"food", 0.108, 0.66}, {"beauty", 0.045, 0.75}, {"interior", 0.037, 0.69}, {"fitness", 0.032, 0.82},
        {"pet", 0.017, 1}};
    for (size_t i = 0; i < sizeof niches / sizeof *niches; i++)
        if (es_group_add(&p->niches, &p->n_niches, niches[i].name, strlen(niches[i].name), niches[i].share,
                         niches[i].effect) != ES_OK)
            goto fail;
    if (es_group_add(&p->platforms, &p->n_platforms, "instagram", 9, 0.75, 1) != ES_OK ||
        es_group_add(&p->platforms, &p->n_platforms, "tiktok", 6, 0.25, 1.8) != ES_OK)
        goto fail;
    return ES_OK;
fail:
    es_sim_params_free(p);
    return es_error(ES_ENOMEM);
}

void es_sim_params_free(es_sim_params *p)
{
    if (p == NULL)
        return;
    es_groups_free(p->niches, p->n_niches);
    es_groups_free(p->platforms, p->n_platforms);
    es_buf_free(&p->notes);
    p->niches = p->platforms = NULL;
    p->n_niches = p->n_platforms = 0;
}

int es_sim_params_copy(es_sim_params *dst, const es_sim_params *src)
{
    *dst = *src;
    dst->niches = dst->platforms = NULL;
    dst->n_niches = dst->n_platforms = 0;
    memset(&dst->notes, 0, sizeof dst->notes);
    for (size_t i = 0; i < src->n_niches; i++)
        if (es_group_add(&dst->niches, &dst->n_niches, src->niches[i].name, strlen(src->niches[i].name),
                         src->niches[i].share, src->niches[i].effect) != ES_OK)
            goto fail;
    for (size_t i = 0; i < src->n_platforms; i++)
        if (es_group_add(&dst->platforms, &dst->n_platforms, src->platforms[i].name,
                         strlen(src->platforms[i].name), src->platforms[i].share,
                         src->platforms[i].effect) != ES_OK)
            goto fail;
    if (src->notes.len && es_buf_append(&dst->notes, src->notes.data, src->notes.len) != ES_OK)
        goto fail;
    return ES_OK;
fail:
    es_sim_params_free(dst);
    return es_error(ES_ENOMEM);
}

static int es_valid_group_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

static size_t es_trim(const char **s, size_t n)
{
    while (n && isspace((unsigned char)**s)) {
        (*s)++;
        n--;
    }
    while (n && isspace((unsigned char)(*s)[n - 1]))
        n--;
    return n;
}

/* Number from value text: plain decimal or "inf".  0 on success. */
static int es_parse_value(const char *v, size_t n, double *out)
{
    char tmp[64];
    if (n == 0 || n >= sizeof tmp)
        return -1;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    char *end;
    errno = 0;
    double d = strtod(tmp, &end);
    if (errno == ERANGE || *end != '\0' || isnan(d))
        return -1;
    *out = d;
    return 0;
}

static es_sim_group *es_group_find(es_sim_group *g, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(g[i].name) == len && memcmp(g[i].name, name, len) == 0)
            return &g[i];
    return NULL;
}

int es_sim_params_parse(es_sim_params *p, const char *text, size_t n, const char *name, es_err *err)
{
    int replaced_niches = 0, replaced_platforms = 0;
    size_t line = 0, pos = 0;
    if (name == NULL)
        name = "parameters";
    while (pos < n) {
        size_t end = pos;
        while (end < n && text[end] != '\n')
            end++;
        line++;
        const char *s = text + pos;
        size_t len = end - pos;
        pos = end + 1;
        const char *hash = memchr(s, '#', len);
        if (hash != NULL)
            len = (size_t)(hash - s);
        len = es_trim(&s, len);
        if (len == 0)
            continue;
        const char *eq = memchr(s, '=', len);
        if (eq == NULL)
            return es_err_set(err, ES_EPARSE, "%s:%zu: expected KEY = VALUE", name, line);
        const char *k = s, *v = eq + 1;
        size_t kn = es_trim(&k, (size_t)(eq - s)), vn = es_trim(&v, len - (size_t)(eq - s) - 1);
        if (kn == 0 || vn == 0)
            return es_err_set(err, ES_EPARSE, "%s:%zu: expected KEY = VALUE", name, line);
        /* niche.NAME.share / niche.NAME.effect and the same for platform */
        int is_niche = kn > 6 && memcmp(k, "niche.", 6) == 0;
        int is_platform = kn > 9 && memcmp(k, "platform.", 9) == 0;
        if (is_niche || is_platform) {
            const char *g = k + (is_niche ? 6 : 9);
            size_t gn = kn - (is_niche ? 6 : 9);
            const char *dot = NULL;
            for (size_t i = gn; i > 0; i--)
                if (g[i - 1] == '.') {
                    dot = g + i - 1;
                    break;
                }
            if (dot == NULL || dot == g)
                return es_err_set(err, ES_EPARSE, "%s:%zu: expected %s.NAME.share or %s.NAME.effect", name, line,
                                  is_niche ? "niche" : "platform", is_niche ? "niche" : "platform");
            size_t nn = (size_t)(dot - g);
            const char *field = dot + 1;
            size_t fn = gn - nn - 1;
            int is_share = fn == 5 && memcmp(field, "share", 5) == 0;
            int is_effect = fn == 6 && memcmp(field, "effect", 6) == 0;
            if (!is_share && !is_effect)
                return es_err_set(err, ES_EPARSE, "%s:%zu: unknown key '%.*s' (expected .share or .effect)", name,
                                  line, (int)kn, k);
            if (!es_valid_group_name(g, nn))
                return es_err_set(err, ES_EPARSE, "%s:%zu: name '%.*s' may hold only letters, digits, '_' and '-'",
                                  name, line, (int)nn, g);
            double d;
            if (es_parse_value(v, vn, &d) != 0)
                return es_err_set(err, ES_EPARSE, "%s:%zu: '%.*s' is not a number", name, line, (int)vn, v);
            es_sim_group **list = is_niche ? &p->niches : &p->platforms;
            size_t *cnt = is_niche ? &p->n_niches : &p->n_platforms;
            int *replaced = is_niche ? &replaced_niches : &replaced_platforms;
            if (!*replaced) {
                es_groups_free(*list, *cnt);
                *list = NULL;
                *cnt = 0;
                *replaced = 1;
            }
            es_sim_group *grp = es_group_find(*list, *cnt, g, nn);
            if (grp == NULL) {
                if (es_group_add(list, cnt, g, nn, NAN, 1) != ES_OK)
                    return es_err_set(err, ES_ENOMEM, "out of memory");
                grp = &(*list)[*cnt - 1];
            }
            if (is_share)
                grp->share = d;
            else
                grp->effect = d;
            continue;
        }
        const es_sim_key *key = NULL;
        for (size_t i = 0; i < ES_SIM_NKEYS; i++)
            if (strlen(es_sim_keys[i].name) == kn && memcmp(es_sim_keys[i].name, k, kn) == 0)
                key = &es_sim_keys[i];
        if (key == NULL)
            return es_err_set(err, ES_EPARSE, "%s:%zu: unknown key '%.*s' (see docs/simulate-params.md)", name, line,
                              (int)kn, k);
        double d;
        if (key->type == ES_KEY_TIME) {
            if (es_parse_time(v, vn, &d) != ES_NUM_OK)
                return es_err_set(err, ES_EPARSE, "%s:%zu: %s: '%.*s' is not a time (YYYY-MM-DDTHH:MM:SSZ)", name,
                                  line, key->name, (int)vn, v);
        } else if (es_parse_value(v, vn, &d) != 0) {
            return es_err_set(err, ES_EPARSE, "%s:%zu: %s: '%.*s' is not a number", name, line, key->name, (int)vn, v);
        }
        char *base = (char *)p + key->offset;
        if (key->type == ES_KEY_LONG) {
            if (!(d >= 0 && d <= 1e12 && d == floor(d)))
                return es_err_set(err, ES_EINVAL, "%s:%zu: %s: expected a whole number >= 0", name, line, key->name);
            *(long *)base = (long)d;
        } else {
            *(double *)base = d;
        }
    }
    /* A group named with only one of its two fields gets share NaN (caught below). */
    for (size_t i = 0; i < p->n_niches; i++)
        if (isnan(p->niches[i].share))
            return es_err_set(err, ES_EINVAL, "%s: niche.%s.share is missing", name, p->niches[i].name);
    for (size_t i = 0; i < p->n_platforms; i++)
        if (isnan(p->platforms[i].share))
            return es_err_set(err, ES_EINVAL, "%s: platform.%s.share is missing", name, p->platforms[i].name);
    return ES_OK;
}

int es_sim_params_load(es_sim_params *p, const char *path, es_err *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
    es_buf b = {0};
    char chunk[4096];
    size_t got;
    int rc = ES_OK;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (es_buf_append(&b, chunk, got) != ES_OK) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            break;
        }
    if (rc == ES_OK && ferror(f))
        rc = es_err_set(err, ES_EIO, "%s: read error", path);
    fclose(f);
    if (rc == ES_OK)
        rc = es_sim_params_parse(p, b.data ? b.data : "", b.len, path, err);
    es_buf_free(&b);
    return rc;
}

static int es_check_groups(const es_sim_group *g, size_t n, const char *what, es_err *err)
{
    if (n == 0)
        return es_err_set(err, ES_EINVAL, "simulate: at least one %s is needed", what);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(g[i].share >= 0 && isfinite(g[i].share)))
            return es_err_set(err, ES_EINVAL, "simulate: %s.%s.share must be >= 0", what, g[i].name);
        if (!(g[i].effect > 0 && isfinite(g[i].effect)))
            return es_err_set(err, ES_EINVAL, "simulate: %s.%s.effect must be > 0", what, g[i].name);
        sum += g[i].share;
    }
    if (!(sum > 0))
        return es_err_set(err, ES_EINVAL, "simulate: the %s shares sum to 0", what);
    return ES_OK;
}

int es_sim_params_check(const es_sim_params *p, es_err *err)
{
#define ES_REQ(cond, key, what) \
    do { if (!(cond)) return es_err_set(err, ES_EINVAL, "simulate: %s must be %s", key, what); } while (0)
    ES_REQ(p->followers_min >= 1 && isfinite(p->followers_min), "followers_min", ">= 1");
    ES_REQ(isfinite(p->followers_meanlog), "followers_meanlog", "finite");
    ES_REQ(p->followers_sdlog > 0 && isfinite(p->followers_sdlog), "followers_sdlog", "> 0");
    ES_REQ(p->tail_min > p->followers_min && isfinite(p->tail_min), "tail_min", "> followers_min");
    ES_REQ(p->tail_prob >= 0 && p->tail_prob < 1, "tail_prob", "in [0, 1)");
    ES_REQ(p->tail_alpha > 0 && isfinite(p->tail_alpha), "tail_alpha", "> 0");
    ES_REQ(p->followers_max > p->tail_min, "followers_max", "> tail_min");
    ES_REQ(p->followers_max <= 1e12, "followers_max", "<= 1e12");
    ES_REQ(p->oversample_above > 0, "oversample_above", "> 0");
    ES_REQ(p->oversample_factor > 0 && isfinite(p->oversample_factor), "oversample_factor", "> 0");
    ES_REQ(p->er_base > 0 && isfinite(p->er_base), "er_base", "> 0");
    ES_REQ(p->er_ref_followers > 0 && isfinite(p->er_ref_followers), "er_ref_followers", "> 0");
    ES_REQ(isfinite(p->beta) && fabs(p->beta) <= 2, "beta", "in [-2, 2]");
    ES_REQ(isfinite(p->beta2) && fabs(p->beta2) <= 2, "beta2", "in [-2, 2]");
    ES_REQ(p->beta_knot > 0 && isfinite(p->beta_knot), "beta_knot", "> 0");
    ES_REQ(p->account_sd >= 0 && p->account_sd <= 5, "account_sd", "in [0, 5]");
    ES_REQ(p->posts_mean >= 1 && p->posts_mean <= 1e5, "posts_mean", "in [1, 100000]");
    ES_REQ(p->posts_size > 0, "posts_size", "> 0 (inf for Poisson)");
    ES_REQ(p->posts_max >= 1 && p->posts_max <= 100000, "posts_max", "in [1, 100000]");
    ES_REQ(p->likes_size > 0, "likes_size", "> 0 (inf for Poisson)");
    ES_REQ(p->comments_size > 0, "comments_size", "> 0 (inf for Poisson)");
    ES_REQ(p->comments_share >= 0 && p->comments_share <= 1, "comments_share", "in [0, 1]");
    ES_REQ(p->sponsored_prob >= 0 && p->sponsored_prob <= 1, "sponsored_prob", "in [0, 1]");
    ES_REQ(p->sponsored_effect > 0 && isfinite(p->sponsored_effect), "sponsored_effect", "> 0");
    ES_REQ(isfinite(p->date_start) && isfinite(p->date_end) && p->date_end >= p->date_start, "date_end",
           ">= date_start");
    ES_REQ(p->date_start >= 0 && p->date_end < 253402300800.0, "date_start and date_end", "in 1970..9999");
    ES_REQ(p->truth_mc_accounts >= 0 && p->truth_mc_accounts <= 100000000, "truth_mc_accounts",
           "in [0, 100000000]");
#undef ES_REQ
    int rc = es_check_groups(p->niches, p->n_niches, "niche", err);
    if (rc == ES_OK)
        rc = es_check_groups(p->platforms, p->n_platforms, "platform", err);
    return rc;
}

/* Shortest "%.Ng" that reads back as exactly v; "inf" for infinity. */
static int es_put_double(es_buf *b, double v)
{
    if (isinf(v))
        return es_buf_puts(b, v > 0 ? "inf" : "-inf");
    char tmp[40];
    if (v == floor(v) && fabs(v) < 1e15)
        return es_buf_printf(b, "%.0f", v);
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    return es_buf_puts(b, tmp);
}

static int es_put_time(es_buf *b, double t)
{
    time_t tt = (time_t)floor(t);
    struct tm tm;
    char tmp[40];
    if (gmtime_r(&tt, &tm) == NULL || strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return es_buf_puts(b, "1970-01-01T00:00:00Z");
    return es_buf_puts(b, tmp);
}

int es_sim_params_write(const es_sim_params *p, es_buf *out)
{
    int rc = es_buf_puts(out, "# engagestat simulation parameters (KEY = VALUE); see docs/simulate-params.md\n");
    if (p->notes.len) {
        const char *s = p->notes.data;
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            rc |= es_buf_puts(out, "# ");
            rc |= es_buf_append(out, s, n);
            rc |= es_buf_putc(out, '\n');
            s += n + (nl != NULL);
        }
    }
    for (size_t i = 0; i < ES_SIM_NKEYS; i++) {
        const char *base = (const char *)p + es_sim_keys[i].offset;
        rc |= es_buf_printf(out, "%s = ", es_sim_keys[i].name);
        if (es_sim_keys[i].type == ES_KEY_LONG)
            rc |= es_buf_printf(out, "%ld", *(const long *)base);
        else if (es_sim_keys[i].type == ES_KEY_TIME)
            rc |= es_put_time(out, *(const double *)base);
        else
            rc |= es_put_double(out, *(const double *)base);
        rc |= es_buf_putc(out, '\n');
    }
    for (int pass = 0; pass < 2; pass++) {
        const es_sim_group *g = pass ? p->platforms : p->niches;
        size_t n = pass ? p->n_platforms : p->n_niches;
        const char *what = pass ? "platform" : "niche";
        for (size_t i = 0; i < n; i++) {
            rc |= es_buf_printf(out, "%s.%s.share = ", what, g[i].name);
            rc |= es_put_double(out, g[i].share);
            rc |= es_buf_printf(out, "\n%s.%s.effect = ", what, g[i].name);
            rc |= es_put_double(out, g[i].effect);
            rc |= es_buf_putc(out, '\n');
        }
    }
    return rc ? es_error(ES_ENOMEM) : ES_OK;
}

/* ------------------------------------------------------------------------ */
/* The follower distribution                                                 */

/* Population: mass B = 1 - tail_prob on the lognormal body truncated to [m, t),
 * mass tail_prob on the Pareto tail above t.  The design multiplies the density above
 * oversample_above (o) by k and renormalises: Z = 1 - S(o) + k S(o). */

/* Probability below z of a standard normal, in a form accurate in both tails. */
static double es_Phi(double z) { return gsl_cdf_ugaussian_P(z); }
static double es_Q(double z) { return gsl_cdf_ugaussian_Q(z); }

/* Population survival S(x) = P(X >= x). */
static double es_pop_surv(const es_sim_params *p, double x)
{
    if (x <= p->followers_min)
        return 1;
    if (x >= p->tail_min) {
        if (isinf(x))
            return 0;
        return p->tail_prob * pow(x / p->tail_min, -p->tail_alpha);
    }
    double a = (log(p->followers_min) - p->followers_meanlog) / p->followers_sdlog;
    double b = (log(p->tail_min) - p->followers_meanlog) / p->followers_sdlog;
    double z = (log(x) - p->followers_meanlog) / p->followers_sdlog;
    double frac; /* body mass above x, as a share of the body */
    if (a > 0)
        frac = (es_Q(z) - es_Q(b)) / (es_Q(a) - es_Q(b));
    else
        frac = (es_Phi(b) - es_Phi(z)) / (es_Phi(b) - es_Phi(a));
    return p->tail_prob + (1 - p->tail_prob) * frac;
}

/* Population quantile from a survival probability s in (0, 1]. */
static double es_pop_quantile_surv(const es_sim_params *p, double s)
{
    if (s <= p->tail_prob) {
        if (s <= 0)
            return INFINITY;
        return p->tail_min * pow(s / p->tail_prob, -1 / p->tail_alpha);
    }
    double u = (1 - s) / (1 - p->tail_prob); /* body cdf share in [0, 1) */
    if (u < 0)
        u = 0;
    double a = (log(p->followers_min) - p->followers_meanlog) / p->followers_sdlog;
    double b = (log(p->tail_min) - p->followers_meanlog) / p->followers_sdlog;
    double z;
    if (a > 0) {
        double qa = es_Q(a), qb = es_Q(b);
        z = gsl_cdf_ugaussian_Qinv(qa - u * (qa - qb));
    } else {
        double pa = es_Phi(a), pb = es_Phi(b);
        z = gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
    }
    double x = exp(p->followers_meanlog + p->followers_sdlog * z);
    if (x < p->followers_min)
        x = p->followers_min;
    if (x > p->tail_min)
        x = p->tail_min;
    return x;
}

/* Population density f(x). */
static double es_pop_pdf(const es_sim_params *p, double x)
{
    if (x < p->followers_min || isinf(x))
        return 0;
    if (x >= p->tail_min)
        return p->tail_prob * p->tail_alpha / p->tail_min * pow(x / p->tail_min, -p->tail_alpha - 1);
    double a = (log(p->followers_min) - p->followers_meanlog) / p->followers_sdlog;
    double b = (log(p->tail_min) - p->followers_meanlog) / p->followers_sdlog;
    double mass = a > 0 ? es_Q(a) - es_Q(b) : es_Phi(b) - es_Phi(a);
    double z = (log(x) - p->followers_meanlog) / p->followers_sdlog;
    return (1 - p->tail_prob) * gsl_ran_ugaussian_pdf(z) / (p->followers_sdlog * x) / mass;
}

static double es_design_Z(const es_sim_params *p)
{
    double so = es_pop_surv(p, p->oversample_above);
    return 1 - so + p->oversample_factor * so;
}

/* Design survival S_d(x) = P_design(X >= x). */
static double es_design_surv(const es_sim_params *p, double x)
{
    double so = es_pop_surv(p, p->oversample_above), k = p->oversample_factor;
    double z = 1 - so + k * so, s = es_pop_surv(p, x);
    if (x >= p->oversample_above)
        return k * s / z;
    return (k * so + (s - so)) / z;
}

/* Design quantile from a design survival probability s in (0, 1]. */
static double es_design_quantile_surv(const es_sim_params *p, double s)
{
    double so = es_pop_surv(p, p->oversample_above), k = p->oversample_factor;
    double z = 1 - so + k * so;
    double sp = s * z <= k * so ? s * z / k : s * z - k * so + so;
    if (sp > 1)
        sp = 1;
    return es_pop_quantile_surv(p, sp);
}

double es_sim_log_trend(const es_sim_params *p, double x)
{
    double t = p->beta * log(x / p->er_ref_followers);
    if (p->beta2 != 0 && x > p->beta_knot)
        t += p->beta2 * log(x / p->beta_knot);
    return t;
}

double es_sim_followers_pdf(const es_sim_params *p, double x)
{
    double w = x >= p->oversample_above ? p->oversample_factor : 1;
    return es_pop_pdf(p, x) * w / es_design_Z(p);
}

/* The draw is clamped at followers_max, which puts the mass above it on the point
 * followers_max: P[lo, hi) counts it when lo <= followers_max < hi. */
double es_sim_followers_prob(const es_sim_params *p, double lo, double hi)
{
    double m = p->followers_max;
    double slo = lo > m ? 0 : es_design_surv(p, lo);
    double shi = hi > m ? 0 : es_design_surv(p, hi);
    double d = slo - shi;
    return d > 0 ? d : 0;
}

/* ------------------------------------------------------------------------ */
/* Drawing accounts                                                          */

typedef struct {
    const es_sim_params *p;
    double *niche_cum, *platform_cum; /* cumulative normalised shares */
    double spons_factor;
    double *times;                    /* scratch, posts_max */
    es_bands bands;                   /* the default preset: band counts and truth */
} es_sim_ctx;

static void es_ctx_free(es_sim_ctx *c)
{
    free(c->niche_cum);
    free(c->platform_cum);
    free(c->times);
    es_bands_free(&c->bands);
}

static double *es_cumshares(const es_sim_group *g, size_t n)
{
    double *c = malloc(n * sizeof *c), sum = 0, run = 0;
    if (c == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        sum += g[i].share;
    for (size_t i = 0; i < n; i++) {
        run += g[i].share;
        c[i] = run / sum;
    }
    c[n - 1] = 1;
    return c;
}

static int es_ctx_init(es_sim_ctx *c, const es_sim_params *p, es_err *err)
{
    memset(c, 0, sizeof *c);
    int rc = es_sim_params_check(p, err);
    if (rc != ES_OK)
        return rc;
    c->p = p;
    c->niche_cum = es_cumshares(p->niches, p->n_niches);
    c->platform_cum = es_cumshares(p->platforms, p->n_platforms);
    c->times = malloc((size_t)p->posts_max * sizeof *c->times);
    c->spons_factor = 1 - p->sponsored_prob + p->sponsored_prob * p->sponsored_effect;
    if (c->niche_cum == NULL || c->platform_cum == NULL || c->times == NULL) {
        es_ctx_free(c);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if ((rc = es_bands_parse(&c->bands, ES_BANDS_DEFAULT, NULL, err)) != ES_OK) {
        es_ctx_free(c);
        return rc;
    }
    if (c->bands.n != ES_SIM_NBANDS) {
        es_ctx_free(c);
        return es_err_set(err, ES_EINVAL, "simulate: the default band preset has %zu bands, ES_SIM_NBANDS is %d",
                          c->bands.n, ES_SIM_NBANDS);
    }
    return ES_OK;
}

static size_t es_pick(const double *cum, size_t n, double u)
{
    for (size_t i = 0; i < n; i++)
        if (u < cum[i])
            return i;
    return n - 1;
}

/* NB2 count with mean mu and size theta (theta = inf: Poisson) as a gamma-Poisson
 * mixture (Greenwood & Yule 1920).  Rates beyond 1e9 use the normal approximation to
 * the Poisson, because gsl_ran_poisson returns an unsigned int. */
static double es_nb_draw(gsl_rng *r, double mu, double theta)
{
    if (!(mu > 0))
        return 0;
    double lambda = isinf(theta) ? mu : gsl_ran_gamma(r, theta, mu / theta);
    if (lambda > 1e9) {
        double v = floor(lambda + sqrt(lambda) * gsl_ran_ugaussian(r) + 0.5);
        return v > 0 ? v : 0;
    }
    return (double)gsl_ran_poisson(r, lambda);
}

/* Draw followers from the design conditional on survival in (s_lo, s_hi]. */
static double es_draw_followers(gsl_rng *r, const es_sim_params *p, double s_lo, double s_hi)
{
    double s = s_hi - gsl_rng_uniform(r) * (s_hi - s_lo); /* in (s_lo, s_hi] */
    double x = floor(es_design_quantile_surv(p, s));
    if (x > p->followers_max)
        x = p->followers_max;
    if (x < p->followers_min)
        x = ceil(p->followers_min);
    return x;
}

/* One account and its posts (posts[0..n_posts), at most posts_max of them).  The
 * order of the random draws is part of the output format: changing it changes every
 * simulated file. */
static void es_draw_account(gsl_rng *r, es_sim_ctx *c, double s_lo, double s_hi, es_sim_account *a,
                            es_sim_post *posts)
{
    const es_sim_params *p = c->p;
    a->followers = es_draw_followers(r, p, s_lo, s_hi);
    a->niche = es_pick(c->niche_cum, p->n_niches, gsl_rng_uniform(r));
    a->platform = es_pick(c->platform_cum, p->n_platforms, gsl_rng_uniform(r));
    double re = gsl_ran_ugaussian(r);
    a->er = p->er_base * pow(a->followers / p->er_ref_followers, p->beta) * p->niches[a->niche].effect *
            p->platforms[a->platform].effect * exp(p->account_sd * re);
    if (p->beta2 != 0 && a->followers > p->beta_knot) /* beta2 = 0 keeps the log-linear model's bytes */
        a->er *= exp(p->beta2 * log(a->followers / p->beta_knot));
    double extra = 0, m = p->posts_mean - 1;
    if (m > 0)
        extra = isinf(p->posts_size) ? (double)gsl_ran_poisson(r, m)
                                     : (double)gsl_ran_negative_binomial(r, p->posts_size / (p->posts_size + m),
                                                                         p->posts_size);
    size_t np = 1 + (size_t)fmin(extra, (double)(p->posts_max - 1));
    a->n_posts = np;
    for (size_t j = 0; j < np; j++)
        c->times[j] = floor(p->date_start + gsl_rng_uniform(r) * (p->date_end - p->date_start));
    qsort(c->times, np, sizeof *c->times, es_cmp_double);
    for (size_t j = 0; j < np; j++) {
        es_sim_post *q = &posts[j];
        q->posted_at = c->times[j];
        q->sponsored = gsl_rng_uniform(r) < p->sponsored_prob;
        double mu = a->er * a->followers * (q->sponsored ? p->sponsored_effect : 1);
        q->likes = es_nb_draw(r, mu * (1 - p->comments_share), p->likes_size);
        q->comments = es_nb_draw(r, mu * p->comments_share, p->comments_size);
    }
}

double es_sim_draw_observed_er(gsl_rng *r, const es_sim_params *p, double followers, double er, size_t n_posts,
                               double *scratch)
{
    for (size_t j = 0; j < n_posts; j++) {
        int sponsored = gsl_rng_uniform(r) < p->sponsored_prob;
        double mu = er * followers * (sponsored ? p->sponsored_effect : 1);
        scratch[j] = (es_nb_draw(r, mu * (1 - p->comments_share), p->likes_size) +
                      es_nb_draw(r, mu * p->comments_share, p->comments_size)) / followers;
    }
    return es_median(scratch, n_posts);
}

int es_sim_generate(const es_sim_params *p, size_t n_accounts, unsigned long seed, es_sim_data *out,
                    es_err *err)
{
    memset(out, 0, sizeof *out);
    es_sim_ctx c;
    int rc = es_ctx_init(&c, p, err);
    if (rc != ES_OK)
        return rc;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t cap = n_accounts + 16;
    out->accounts = malloc((n_accounts ? n_accounts : 1) * sizeof *out->accounts);
    out->posts = malloc(cap * sizeof *out->posts);
    es_sim_post *scratch = malloc((size_t)p->posts_max * sizeof *scratch);
    if (r == NULL || out->accounts == NULL || out->posts == NULL || scratch == NULL) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    gsl_rng_set(r, seed);
    for (size_t i = 0; i < n_accounts; i++) {
        es_sim_account *a = &out->accounts[i];
        es_draw_account(r, &c, 0, 1, a, scratch);
        if (out->n_posts + a->n_posts > cap) {
            size_t nc = 2 * cap + a->n_posts;
            es_sim_post *np = realloc(out->posts, nc * sizeof *np);
            if (np == NULL) {
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                goto done;
            }
            out->posts = np;
            cap = nc;
        }
        a->first_post = out->n_posts;
        for (size_t j = 0; j < a->n_posts; j++) {
            scratch[j].account = i;
            out->posts[out->n_posts++] = scratch[j];
        }
        out->n_accounts = i + 1;
    }
done:
    free(scratch);
    gsl_rng_free(r);
    es_ctx_free(&c);
    if (rc != ES_OK)
        es_sim_data_free(out);
    return rc;
}

void es_sim_data_free(es_sim_data *d)
{
    if (d == NULL)
        return;
    free(d->accounts);
    free(d->posts);
    memset(d, 0, sizeof *d);
}

int es_sim_write_csv(const es_sim_params *p, size_t n_accounts, unsigned long seed,
                     int (*sink)(void *ctx, const char *text, size_t n), void *ctx,
                     size_t *band_counts, es_err *err)
{
    es_sim_ctx c;
    int rc = es_ctx_init(&c, p, err);
    if (rc != ES_OK)
        return rc;
    if (band_counts)
        memset(band_counts, 0, ES_SIM_NBANDS * sizeof *band_counts);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    es_sim_post *scratch = malloc((size_t)p->posts_max * sizeof *scratch);
    es_buf b = {0};
    if (r == NULL || scratch == NULL ||
        es_buf_puts(&b, "account_id,platform,niche,followers,post_id,posted_at,likes,comments,sponsored\n") != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    gsl_rng_set(r, seed);
    size_t post_no = 0;
    for (size_t i = 0; i < n_accounts; i++) {
        es_sim_account a;
        es_draw_account(r, &c, 0, 1, &a, scratch);
        int band = es_bands_classify(&c.bands, a.followers);
        if (band_counts && band >= 0)
            band_counts[band]++;
        int brc = 0;
        for (size_t j = 0; j < a.n_posts; j++) {
            const es_sim_post *q = &scratch[j];
            brc |= es_buf_printf(&b, "a%07zu,%s,%s,%.0f,p%08zu,", i + 1, p->platforms[a.platform].name,
                                 p->niches[a.niche].name, a.followers, ++post_no);
            brc |= es_put_time(&b, q->posted_at);
            brc |= es_buf_printf(&b, ",%.0f,%.0f,%d\n", q->likes, q->comments, q->sponsored);
        }
        if (brc) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            goto done;
        }
        if (b.len >= 1 << 16 || i + 1 == n_accounts) {
            if (sink(ctx, b.data, b.len) != 0) {
                rc = es_err_set(err, ES_EIO, "write error");
                goto done;
            }
            es_buf_reset(&b);
        }
    }
    if (n_accounts == 0 && sink(ctx, b.data, b.len) != 0)
        rc = es_err_set(err, ES_EIO, "write error");
done:
    es_buf_free(&b);
    free(scratch);
    gsl_rng_free(r);
    es_ctx_free(&c);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Truth by numeric integration                                              */

/* P(account ER <= m | followers in [lo, hi), niche, platform) is
 *   sum_n sum_p w_n w_p  int_lo^hi f_d(x) Phi((log m - mu_np(x)) / sd) dx / P_d[lo, hi)
 * with mu_np(x) = log(er_base * K) + trend(x) + log e_n + log e_p (es_sim_log_trend), K the mean
 * sponsored factor.  The integral is taken over y = log x (the density of y is smooth
 * on each piece between followers_min, tail_min and oversample_above) with
 * gsl_integration_qag (Gauss-Kronrod 21, Piessens et al. 1983); the clamp at
 * followers_max adds a point mass there. */

typedef struct {
    const es_sim_params *p;
    double logm;
    size_t niche, platform;   /* SIZE_MAX: mix over all */
    double *wn, *wp;          /* normalised shares */
    double sd;
    double logbase;
    gsl_integration_workspace *ws;
} es_truth_ctx;

static double es_cond_cdf_at(const es_truth_ctx *t, double x)
{
    const es_sim_params *p = t->p;
    double lx = t->logbase + es_sim_log_trend(p, x), sum = 0;
    for (size_t n = 0; n < p->n_niches; n++) {
        if (t->niche != SIZE_MAX && n != t->niche)
            continue;
        double wn = t->niche == SIZE_MAX ? t->wn[n] : 1;
        for (size_t q = 0; q < p->n_platforms; q++) {
            if (t->platform != SIZE_MAX && q != t->platform)
                continue;
            double wq = t->platform == SIZE_MAX ? t->wp[q] : 1;
            double mu = lx + log(p->niches[n].effect) + log(p->platforms[q].effect);
            sum += wn * wq * es_Phi((t->logm - mu) / t->sd);
        }
    }
    return sum;
}

static double es_integrand(double y, void *vt)
{
    const es_truth_ctx *t = vt;
    double x = exp(y);
    return es_sim_followers_pdf(t->p, x) * x * es_cond_cdf_at(t, x);
}

/* Integral of f_d(x) * cdf(x) over [lo, hi) (hi may exceed followers_max). */
static int es_truth_mass(es_truth_ctx *t, double lo, double hi, double *out)
{
    const es_sim_params *p = t->p;
    double top = fmin(hi, p->followers_max);
    double cuts[5] = {lo, p->tail_min, p->oversample_above, top, 0};
    /* sort the interior cut points, keep those inside (lo, top) */
    double pts[5];
    size_t np = 0;
    pts[np++] = fmax(lo, p->followers_min);
    for (int i = 1; i <= 2; i++)
        if (cuts[i] > pts[0] && cuts[i] < top)
            pts[np++] = cuts[i];
    pts[np++] = top;
    qsort(pts + 1, np - 2, sizeof *pts, es_cmp_double);
    gsl_function F = {es_integrand, t};
    double total = 0;
    for (size_t i = 0; i + 1 < np; i++) {
        if (!(pts[i + 1] > pts[i]))
            continue;
        double res, abserr;
        int st = gsl_integration_qag(&F, log(pts[i]), log(pts[i + 1]), 0, 1e-10, 1000, GSL_INTEG_GAUSS21, t->ws,
                                     &res, &abserr);
        if (st != GSL_SUCCESS && st != GSL_EROUND)
            return es_error(ES_ENOCONV);
        total += res;
    }
    if (hi > p->followers_max && lo <= p->followers_max)
        total += es_design_surv(p, p->followers_max) * es_cond_cdf_at(t, p->followers_max);
    *out = total;
    return ES_OK;
}

typedef struct {
    es_truth_ctx *t;
    double lo, hi, mass;
    int rc;
} es_root_ctx;

static double es_root_fn(double logm, void *vr)
{
    es_root_ctx *rc = vr;
    rc->t->logm = logm;
    double v = NAN;
    int st = es_truth_mass(rc->t, rc->lo, rc->hi, &v);
    if (st != ES_OK) {
        rc->rc = st;
        return NAN;
    }
    return v / rc->mass - 0.5;
}

int es_sim_median_er(const es_sim_params *p, double lo, double hi, size_t niche, size_t platform,
                     double *median)
{
    *median = NAN;
    if (!(hi > lo) || (niche != SIZE_MAX && niche >= p->n_niches) ||
        (platform != SIZE_MAX && platform >= p->n_platforms))
        return es_error(ES_EINVAL);
    double mass = es_sim_followers_prob(p, lo, hi);
    if (!(mass > 1e-300))
        return es_error(ES_EDOM);
    es_truth_ctx t = {.p = p, .niche = niche, .platform = platform};
    t.wn = es_cumshares(p->niches, p->n_niches);
    t.wp = es_cumshares(p->platforms, p->n_platforms);
    t.ws = gsl_integration_workspace_alloc(1000);
    int rc = ES_OK;
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (t.wn == NULL || t.wp == NULL || t.ws == NULL || s == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    /* cumulative -> individual weights */
    for (size_t i = p->n_niches; i-- > 1;)
        t.wn[i] -= t.wn[i - 1];
    for (size_t i = p->n_platforms; i-- > 1;)
        t.wp[i] -= t.wp[i - 1];
    /* A zero random-effect sd makes the integrand a step; a tiny sd keeps the
     * integral finite and changes the median by far less than 1e-6 relative. */
    t.sd = p->account_sd > 1e-8 ? p->account_sd : 1e-8;
    t.logbase = log(p->er_base * (1 - p->sponsored_prob + p->sponsored_prob * p->sponsored_effect));
    double xlo = fmax(lo, p->followers_min), xhi = fmin(hi, p->followers_max);
    /* Range of the trend over [xlo, xhi]: its ends, and the knot when it falls
     * inside. */
    double b1 = t.logbase + es_sim_log_trend(p, xlo);
    double b2 = t.logbase + es_sim_log_trend(p, xhi);
    if (p->beta2 != 0) {
        double xv = p->beta_knot;
        if (xv > xlo && xv < xhi) {
            double bv = t.logbase + es_sim_log_trend(p, xv);
            b1 = fmin(b1, bv);
            b2 = fmax(b2, bv);
        }
    }
    double emin = 0, emax = 0;
    for (size_t i = 0; i < p->n_niches; i++) {
        emin = fmin(emin, log(p->niches[i].effect));
        emax = fmax(emax, log(p->niches[i].effect));
    }
    double pmin = 0, pmax = 0;
    for (size_t i = 0; i < p->n_platforms; i++) {
        pmin = fmin(pmin, log(p->platforms[i].effect));
        pmax = fmax(pmax, log(p->platforms[i].effect));
    }
    double left = fmin(b1, b2) + emin + pmin - 9 * t.sd - 1;
    double right = fmax(b1, b2) + emax + pmax + 9 * t.sd + 1;
    es_root_ctx rctx = {&t, lo, hi, mass, ES_OK};
    gsl_function F = {es_root_fn, &rctx};
    if (gsl_root_fsolver_set(s, &F, left, right) != GSL_SUCCESS) {
        rc = es_error(rctx.rc != ES_OK ? rctx.rc : ES_ENOCONV);
        goto done;
    }
    int status = GSL_CONTINUE;
    for (int iter = 0; iter < 200 && status == GSL_CONTINUE; iter++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS || rctx.rc != ES_OK)
            break;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 1e-12, 0);
    }
    if (status != GSL_SUCCESS || rctx.rc != ES_OK) {
        rc = es_error(rctx.rc != ES_OK ? rctx.rc : ES_ENOCONV);
        goto done;
    }
    *median = exp(gsl_root_fsolver_root(s));
done:
    gsl_root_fsolver_free(s);
    if (t.ws)
        gsl_integration_workspace_free(t.ws);
    free(t.wn);
    free(t.wp);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Truth file                                                                */

/* Median over truth_mc_accounts accounts drawn within [lo, hi) of the observed account
 * ER (median over the account's posts of (likes + comments) / followers; the default
 * of describe), with its own generator (gsl_rng_mt19937 seeded 1 + band), so that the
 * truth does not depend on --seed. */
static int es_truth_mc(es_sim_ctx *c, int band, double lo, double hi, double *median)
{
    const es_sim_params *p = c->p;
    *median = NAN;
    size_t n = (size_t)p->truth_mc_accounts;
    double s_hi = es_design_surv(p, lo), s_lo = hi > p->followers_max ? 0 : es_design_surv(p, hi);
    if (n == 0 || !(s_hi > s_lo))
        return ES_OK;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *acc = malloc(n * sizeof *acc), *per = malloc((size_t)p->posts_max * sizeof *per);
    es_sim_post *scratch = malloc((size_t)p->posts_max * sizeof *scratch);
    int rc = ES_OK;
    if (r == NULL || acc == NULL || per == NULL || scratch == NULL) {
        rc = es_error(ES_ENOMEM);
        goto done;
    }
    gsl_rng_set(r, 1 + (unsigned long)band);
    for (size_t i = 0; i < n; i++) {
        es_sim_account a;
        es_draw_account(r, c, s_lo, s_hi, &a, scratch);
        for (size_t j = 0; j < a.n_posts; j++)
            per[j] = (scratch[j].likes + scratch[j].comments) / a.followers;
        acc[i] = es_median(per, a.n_posts);
    }
    *median = es_median(acc, n);
done:
    gsl_rng_free(r);
    free(acc);
    free(per);
    free(scratch);
    return rc;
}

static int es_kv(es_buf *b, const char *key, double v)
{
    int rc = es_buf_printf(b, "%s = ", key);
    rc |= isnan(v) ? es_buf_puts(b, "nan") : es_put_double(b, v);
    rc |= es_buf_putc(b, '\n');
    return rc;
}

int es_sim_truth_write(const es_sim_params *p, size_t n_accounts, unsigned long seed,
                       const size_t *band_counts, es_buf *out, es_err *err)
{
    es_sim_ctx c;
    int rc = es_ctx_init(&c, p, err);
    if (rc != ES_OK)
        return rc;
    int brc = es_buf_puts(out,
        "# engagestat simulation truth (KEY = VALUE); see docs/simulate-params.md\n"
        "# truth.band.B.median_er: median over accounts in band B of the account engagement rate\n"
        "#   er_base * (F/er_ref_followers)^beta * (max(1, F/beta_knot))^beta2 * niche effect\n"
        "#   * platform effect * account effect\n"
        "#   * (1 - sponsored_prob + sponsored_prob * sponsored_effect), i.e. the expected\n"
        "#   (likes + comments) / followers of a post; by numeric integration over the\n"
        "#   follower density (gsl_integration_qag, relative tolerance 1e-10) and Brent's\n"
        "#   root finder.  Shares and medians are under the sampling design (oversampling\n"
        "#   above oversample_above); share_population is without it.\n"
        "# truth.band.B.median_er_observed_mc: median over truth_mc_accounts accounts drawn\n"
        "#   within B of the observed account ER (median over the account's posts of\n"
        "#   (likes + comments) / followers), by Monte-Carlo (gsl_rng_mt19937 seeded 1 + band\n"
        "#   index, independent of the data seed).\n");
    brc |= es_buf_printf(out, "seed = %lu\nsample.accounts = %zu\n", seed, n_accounts);
    if (band_counts)
        for (int b = 0; b < ES_SIM_NBANDS; b++)
            brc |= es_buf_printf(out, "sample.band.%s.accounts = %zu\n", c.bands.names[b], band_counts[b]);
    es_sim_params bare;
    if (es_sim_params_copy(&bare, p) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    es_buf_reset(&bare.notes);
    brc |= es_sim_params_write(&bare, out);
    es_sim_params_free(&bare);
    brc |= es_kv(out, "truth.account_er_factor_sponsored_mean", c.spons_factor);
    double med[ES_SIM_NBANDS];
    for (int b = 0; b < ES_SIM_NBANDS && rc == ES_OK; b++) {
        const char *bn = c.bands.names[b];
        double lo = c.bands.edges[b], hi = es_bands_upper(&c.bands, (size_t)b);
        char key[256];
        snprintf(key, sizeof key, "truth.band.%s.lo", bn);
        brc |= es_kv(out, key, lo);
        snprintf(key, sizeof key, "truth.band.%s.hi", bn);
        brc |= es_kv(out, key, hi);
        snprintf(key, sizeof key, "truth.band.%s.share_design", bn);
        brc |= es_kv(out, key, es_sim_followers_prob(p, lo, hi));
        es_sim_params pop = *p;
        pop.oversample_factor = 1;
        snprintf(key, sizeof key, "truth.band.%s.share_population", bn);
        brc |= es_kv(out, key, es_sim_followers_prob(&pop, lo, hi));
        int st = es_sim_median_er(p, lo, hi, SIZE_MAX, SIZE_MAX, &med[b]);
        if (st != ES_OK && st != ES_EDOM) {
            rc = es_err_set(err, st, "simulate: truth for band %s: %s", bn, es_strerror(st));
            break;
        }
        snprintf(key, sizeof key, "truth.band.%s.median_er", bn);
        brc |= es_kv(out, key, med[b]);
        for (size_t q = 0; q < p->n_platforms && rc == ES_OK; q++) {
            double m;
            st = es_sim_median_er(p, lo, hi, SIZE_MAX, q, &m);
            if (st != ES_OK && st != ES_EDOM)
                rc = es_err_set(err, st, "simulate: truth for band %s: %s", bn, es_strerror(st));
            snprintf(key, sizeof key, "truth.band.%s.platform.%s.median_er", bn, p->platforms[q].name);
            brc |= es_kv(out, key, m);
        }
        for (size_t n = 0; n < p->n_niches && rc == ES_OK; n++) {
            double m;
            st = es_sim_median_er(p, lo, hi, n, SIZE_MAX, &m);
            if (st != ES_OK && st != ES_EDOM)
                rc = es_err_set(err, st, "simulate: truth for band %s: %s", bn, es_strerror(st));
            snprintf(key, sizeof key, "truth.band.%s.niche.%s.median_er", bn, p->niches[n].name);
            brc |= es_kv(out, key, m);
        }
        double mc;
        st = es_truth_mc(&c, b, lo, hi, &mc);
        if (st != ES_OK) {
            rc = es_err_set(err, st, "simulate: Monte-Carlo truth: %s", es_strerror(st));
            break;
        }
        snprintf(key, sizeof key, "truth.band.%s.median_er_observed_mc", bn);
        brc |= es_kv(out, key, mc);
    }
    if (rc == ES_OK)
        brc |= es_kv(out, "truth.ratio_median_er.micro_mega", med[1] / med[4]);
    if (rc == ES_OK && brc)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
done:
    es_ctx_free(&c);
    return rc;
}
