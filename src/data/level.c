/* level.c — what a row of a table is: a post, an account or a band of a published
 * summary (load.h: es_table_level), detected in one place, with the evidence stated. */
#include "engagestat/load.h"
#include "data_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const es_level_names[] = {"auto", "post", "account", "bands"};

const char *es_level_name(es_level l)
{
    return (unsigned)l < sizeof es_level_names / sizeof *es_level_names ? es_level_names[l] : NULL;
}

int es_level_from_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof es_level_names / sizeof *es_level_names; i++)
        if (strcmp(name, es_level_names[i]) == 0)
            return (int)i;
    return -1;
}

int es_name_has(const char *name, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = name; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && (p[i] | 0x20) == (word[i] | 0x20))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static int es_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Distinct (platform, account) pairs among the rows with an account into li: marked
 * in a bitmap over the code pairs when it takes at most 8 bytes a row, else sorted. */
static int es_level_accounts(const es_table *t, const es_column *a, es_level_info *li)
{
    const es_column *p = es_table_role(t, ES_ROLE_PLATFORM);
    if (p != NULL && p->type == ES_COL_NUMERIC)
        p = NULL;
    size_t na = es_dict_size(a->dict), np = p != NULL ? es_dict_size(p->dict) + 1 : 1;
    size_t n = t->n_rows, m = 0;
    li->n_accounts = 0;
    uint64_t *seen = na > 0 && na <= (64 * n + 65536) / np ? calloc((na * np + 63) / 64, sizeof *seen) : NULL;
    if (seen != NULL) {
        for (size_t i = 0; i < n; i++)
            if (a->codes[i] != ES_DICT_NONE) {
                size_t k = (size_t)a->codes[i] * np + (uint32_t)((p ? p->codes[i] : ES_DICT_NONE) + 1u);
                li->n_accounts += !(seen[k / 64] >> (k % 64) & 1);
                seen[k / 64] |= UINT64_C(1) << (k % 64);
                m++;
            }
        free(seen);
        li->n_with_account = m;
        return ES_OK;
    }
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    if (keys == NULL)
        return ES_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (a->codes[i] != ES_DICT_NONE)
            keys[m++] = (uint64_t)a->codes[i] << 32 | (uint32_t)((p ? p->codes[i] : ES_DICT_NONE) + 1u);
    qsort(keys, m, sizeof *keys, es_cmp_u64);
    for (size_t i = 0; i < m; i++)
        li->n_accounts += i == 0 || keys[i] != keys[i - 1];
    li->n_with_account = m;
    free(keys);
    return ES_OK;
}

static void es_say(es_level_info *li, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void es_say(es_level_info *li, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(li->evidence, sizeof li->evidence, fmt, ap);
    va_end(ap);
}

/* The band-summary columns of t into li; 1 when t is one. */
static int es_level_bands(const es_table *t, es_level_info *li)
{
    const es_column *fol = es_table_role(t, ES_ROLE_FOLLOWERS);
    if (fol != NULL && fol->type == ES_COL_NUMERIC)
        return 0;
    const es_column *band = NULL, *med = NULL, *q25 = NULL, *q75 = NULL;
    for (size_t j = 0; j < t->n_cols; j++) {
        const es_column *c = &t->cols[j];
        if (c->type != ES_COL_NUMERIC && band == NULL && (es_name_has(c->name, "band") || es_name_has(c->name, "tier")))
            band = c;
        if (c->type != ES_COL_NUMERIC)
            continue;
        if ((med == NULL || !es_name_has(med->name, "median")) &&
            (es_name_has(c->name, "median") || es_name_has(c->name, "p50") || es_name_has(c->name, "p25")))
            med = c;
        if (q25 == NULL && (es_name_has(c->name, "p25") || es_name_has(c->name, "q25") || es_name_has(c->name, "q1")))
            q25 = c;
        if (q75 == NULL && (es_name_has(c->name, "p75") || es_name_has(c->name, "q75") || es_name_has(c->name, "q3")))
            q75 = c;
    }
    if (band == NULL || med == NULL)
        return 0;
    const es_column *p = es_table_role(t, ES_ROLE_PLATFORM);
    li->band = band;
    li->median = med;
    li->q25 = q25;
    li->q75 = q75;
    li->platform = p != NULL && p->type != ES_COL_NUMERIC ? p : NULL;
    return 1;
}

/* Whether one of the count columns holds averages per account; its name in *name. */
static int es_level_averages(const es_table *t, const char **name)
{
    static const es_role counts[] = {ES_ROLE_LIKES, ES_ROLE_COMMENTS, ES_ROLE_SHARES, ES_ROLE_VIEWS};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        const es_column *c = es_table_role(t, counts[i]);
        char *norm = c ? es_header_normalise(c->name) : NULL;
        int avg = norm != NULL && (strncmp(norm, "avg_", 4) == 0 || strstr(norm, "_avg") != NULL);
        free(norm);
        if (avg) {
            *name = c->name;
            return 1;
        }
    }
    return 0;
}

int es_table_level(const es_table *t, es_level_info *li, es_err *err)
{
    memset(li, 0, sizeof *li);
    li->n_rows = t->n_rows;
    li->n_accounts = t->n_rows;
    const es_column *a = es_table_role(t, ES_ROLE_ACCOUNT), *post = es_table_role(t, ES_ROLE_POST);
    if (a != NULL && a->type == ES_COL_NUMERIC)
        a = NULL;
    if (a != NULL && es_level_accounts(t, a, li) != ES_OK)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    double per = li->n_accounts ? (double)li->n_with_account / (double)li->n_accounts : 0;
    const char *avg = NULL;
    if (es_level_bands(t, li)) {
        li->detected = ES_LEVEL_BANDS;
        char by[96] = "";
        if (li->platform != NULL)
            snprintf(by, sizeof by, " by '%.80s'", li->platform->name);
        es_say(li, "band summary: %zu rows of '%.80s'%s with %s%s%s ('%.80s') and no follower counts", t->n_rows,
               li->band->name, by, li->q25 ? "p25/" : "", "median", li->q75 ? "/p75" : "", li->median->name);
    } else if (post != NULL) {
        li->detected = ES_LEVEL_POST;
        if (a != NULL)
            es_say(li, "post: '%.80s' column (post role), %.1f posts per account on average ('%.80s': %zu rows, %zu "
                   "accounts)", post->name, per, a->name, li->n_with_account, li->n_accounts);
        else
            es_say(li, "post: '%.80s' column (post role), no account column (each post is its own unit)", post->name);
    } else if (es_level_averages(t, &avg)) {
        li->detected = ES_LEVEL_ACCOUNT;
        es_say(li, "account: '%.80s' holds averages per account", avg);
    } else if (a == NULL) {
        li->detected = ES_LEVEL_ACCOUNT;
        es_say(li, "account: no account column and no post column (each row is an account)");
    } else if (li->n_accounts < li->n_with_account) {
        li->detected = ES_LEVEL_POST;
        es_say(li, "post: accounts repeat ('%.80s'%s: %zu rows, %zu accounts, %.1f posts per account on average)",
               a->name, es_table_role(t, ES_ROLE_PLATFORM) ? " within platform" : "", li->n_with_account,
               li->n_accounts, per);
    } else {
        li->detected = ES_LEVEL_ACCOUNT;
        es_say(li, "account: each of the %zu accounts ('%.80s') has one row", li->n_accounts, a->name);
    }
    li->level = li->detected;
    if (t->level == ES_LEVEL_AUTO || t->level == li->detected) {
        li->forced = t->level != ES_LEVEL_AUTO;
        return ES_OK;
    }
    li->forced = 1;
    const char *name = es_level_name(t->level);
    if (t->level == ES_LEVEL_BANDS)
        return es_err_set(err, ES_EINVAL, "--level bands: the data are not a band summary (%s); a band summary has no "
                          "follower counts, a text column naming bands or tiers and a median (or p25/p50) column",
                          li->evidence);
    if (li->detected == ES_LEVEL_BANDS)
        return es_err_set(err, ES_EINVAL, "--level %s: the data are a %s: their rows are not %ss (use --level bands or "
                          "auto)", name, li->evidence, name);
    if (t->level == ES_LEVEL_POST && a == NULL && post == NULL)
        return es_err_set(err, ES_EINVAL, "--level post: the file has no account column and no post column, so its rows "
                          "cannot be posts of accounts (%s); name the account column with --map account=COLUMN",
                          li->evidence);
    char was[sizeof li->evidence];
    memcpy(was, li->evidence, sizeof was);
    li->level = t->level;
    if (t->level == ES_LEVEL_ACCOUNT) {
        li->n_accounts = t->n_rows;
        es_say(li, "account (--level account): each of the %zu rows is an account; the data look post-level (%.300s)",
               t->n_rows, was);
    } else
        es_say(li, "post (--level post): the %zu rows are posts of their account (%zu accounts); the data look "
               "account-level (%.300s)", t->n_rows, li->n_accounts, was);
    return ES_OK;
}

int es_level_refuse_bands(const es_level_info *li, es_err *err)
{
    return es_err_set(err, ES_EDOM,
                      "this file is a table of band summaries, not accounts or posts: %zu rows of '%s' by '%s' and "
                      "no follower counts; it holds published band figures, which cannot be described or compared "
                      "as data (it can be a reference: plot --reference FILE)",
                      li->n_rows, li->median ? li->median->name : "?", li->band ? li->band->name : "?");
}

int es_table_is_post_level(const es_table *t)
{
    /* The cheap answers first: a forced level (es_table_level refuses only what the
     * data contradict, and then the answer is the same), a post column. */
    if (t->level != ES_LEVEL_AUTO)
        return t->level == ES_LEVEL_POST;
    if (t->role_col[ES_ROLE_POST] >= 0)
        return 1;
    es_level_info li;
    if (es_table_level(t, &li, NULL) != ES_OK)
        return t->level == ES_LEVEL_POST;
    return li.level == ES_LEVEL_POST;
}
