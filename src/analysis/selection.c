/* selection.c — what biases a tier comparison in this sample (analysis.h): samples
 * selected on the outcome (a rank column, rows sorted by followers or engagement, a
 * top-N list, a trending feed), follower ranges that leave bands empty, follower counts
 * read long after the posts, small band x niche cells and follower counts that vary
 * within an account.  Each check says what it saw, with the numbers. */
#include "engagestat/analysis.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/bands.h"
#include "engagestat/buf.h"
#include "engagestat/numparse.h"
#include "engagestat/select.h"

void es_selection_opts_init(es_selection_opts *o)
{
    es_analysis_opts_init(&o->common);
    o->lag_days = 180;
}

static double es_sel_median(double *x, size_t m);

typedef enum { ES_SEL_NO, ES_SEL_YES, ES_SEL_UNTESTABLE } es_sel_state;

/* A follower count as people write it: 950, 10.3k, 1.2M, 2.1B. */
static void es_sel_count(char *buf, size_t size, double v)
{
    static const char *const suffix[] = {"", "k", "M", "B"};
    int i = 0;
    while (i < 3 && fabs(v) >= 999.95)
        v /= 1000, i++;
    if (i == 0)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.3g%s", v, suffix[i]);
}

static int es_sel_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Whether the normalised name s has one of the words (tokens between '_') in words,
 * or holds one of the substrings in subs; the first match into *hit. */
static int es_sel_name_has(const char *s, const char *const *words, const char *const *subs, const char **hit)
{
    for (size_t i = 0; subs && subs[i]; i++)
        if (strstr(s, subs[i])) {
            *hit = subs[i];
            return 1;
        }
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '_')
            j++;
        for (size_t w = 0; words && words[w]; w++)
            if (strlen(words[w]) == j - i && strncmp(s + i, words[w], j - i) == 0) {
                *hit = words[w];
                return 1;
            }
        i = j + 1;
    }
    return 0;
}

/* The platform code of table row i (0 without a categorical platform column) and the
 * number of such groups. */
static const es_column *es_sel_platform_col(const es_table *t, size_t *groups)
{
    const es_column *p = t ? es_table_role(t, ES_ROLE_PLATFORM) : NULL;
    if (p == NULL || p->type != ES_COL_CATEGORICAL || es_dict_size(p->dict) < 2) {
        *groups = 1;
        return NULL;
    }
    *groups = es_dict_size(p->dict);
    return p;
}

static uint32_t es_sel_group(const es_column *p, size_t i)
{
    return p == NULL ? 0 : p->codes[i];
}

/* The label of group g ("" without platforms). */
static const char *es_sel_group_name(const es_column *p, uint32_t g)
{
    return p == NULL ? "" : es_dict_str(p->dict, g);
}

typedef struct es_sel_ctx {
    const es_study *s;
    const es_selection_opts *o;
    es_results *res;
    es_rtable *tb;
    es_buf ev;           /* the evidence being written */
    double *scratch;     /* n_rows (or n units) doubles */
    size_t n_scratch;
    long detected;
    /* shared between checks */
    int rank_col;        /* the rank column found, -1: none */
    int rank_ok;         /* it runs 1..N (nearly) without gaps */
} es_sel_ctx;

static void es_sel_row(es_sel_ctx *c, const char *check, es_sel_state st, const char *consequence)
{
    es_row row = es_rtable_append(c->tb);
    es_row_str(&row, "check", check);
    es_row_str(&row, "detected", st == ES_SEL_YES ? "yes" : st == ES_SEL_NO ? "no" : "not testable");
    es_row_str(&row, "evidence", c->ev.data ? c->ev.data : "");
    es_row_str(&row, "consequence", consequence);
    if (st == ES_SEL_YES) {
        c->detected++;
        es_results_warn(c->res, "selection: %s: %s; %s", check, c->ev.data ? c->ev.data : "", consequence);
    }
    c->ev.len = 0;
    if (c->ev.data)
        c->ev.data[0] = '\0';
}

/* ------------------------------------------------------------------ rank column */

static void es_sel_rank(es_sel_ctx *c)
{
    static const char *const words[] = {"rank", "ranking", "position", "pos", "place", "top", "standing", NULL};
    const char *cons = "a ranked list keeps the accounts that ranked highest: small accounts enter only with "
                       "exceptional engagement, so micro looks better than micro accounts are";
    const es_table *t = c->s->table;
    c->rank_col = -1;
    if (t == NULL) {
        es_buf_printf(&c->ev, "no table to look at");
        es_sel_row(c, "rank_column", ES_SEL_UNTESTABLE, cons);
        return;
    }
    size_t groups;
    const es_column *pc = es_sel_platform_col(t, &groups);
    for (size_t j = 0; j < t->n_cols && c->rank_col < 0; j++) {
        const es_column *col = &t->cols[j];
        if (col->type != ES_COL_NUMERIC || col->role != ES_ROLE_NONE)
            continue;
        char *nm = es_header_normalise(col->name);
        const char *hit = NULL;
        int named = nm && es_sel_name_has(nm, words, NULL, &hit);
        free(nm);
        if (!named)
            continue;
        /* Per platform: integers 1..M, distinct values covering at least 90% of 1..M. */
        int all_ok = 1, any = 0;
        size_t gaps = 0, n_groups = 0;
        double maxv = 0;
        for (uint32_t g = 0; g < groups; g++) {
            size_t m = 0;
            int integers = 1;
            for (size_t i = 0; i < t->n_rows; i++)
                if (es_sel_group(pc, i) == g && isfinite(col->num[i])) {
                    c->scratch[m++] = col->num[i];
                    integers &= col->num[i] == floor(col->num[i]);
                }
            if (m == 0)
                continue;
            any = 1;
            n_groups++;
            qsort(c->scratch, m, sizeof *c->scratch, es_sel_cmp_double);
            size_t d = 0;
            for (size_t i = 0; i < m; i++)
                d += i == 0 || c->scratch[i] != c->scratch[i - 1];
            double lo = c->scratch[0], hi = c->scratch[m - 1];
            maxv = hi > maxv ? hi : maxv;
            if (!integers || lo != 1 || hi < 10 || (double)d < 0.9 * hi)
                all_ok = 0;
            else
                gaps += (size_t)(hi - (double)d);
        }
        if (!any)
            continue;
        c->rank_col = (int)j;
        c->rank_ok = all_ok;
        if (all_ok)
            es_buf_printf(&c->ev, "column '%s' runs 1..%.0f %s%s", col->name, maxv,
                          gaps == 0 ? "without gaps" : "nearly without gaps",
                          n_groups > 1 ? " within each platform" : "");
        else
            es_buf_printf(&c->ev, "column '%s' is named like a rank but does not run 1..N without gaps", col->name);
    }
    if (c->rank_col < 0)
        es_buf_printf(&c->ev, "no column named rank, position or top");
    es_sel_row(c, "rank_column", c->rank_col >= 0 && c->rank_ok ? ES_SEL_YES : ES_SEL_NO, cons);
}

/* ------------------------------------------------------------------ sorted by outcome */

/* Adjacent pairs of x (stride over rows) in descending and ascending order, ties and
 * missing values left out. */
static void es_sel_pairs(const double *x, size_t n, size_t *desc, size_t *asc)
{
    *desc = *asc = 0;
    for (size_t i = 1; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(x[i - 1]) || x[i] == x[i - 1])
            continue;
        if (x[i] < x[i - 1])
            ++*desc;
        else
            ++*asc;
    }
}

#define ES_SEL_SORTED 0.95
#define ES_SEL_MIN_PAIRS 20

static void es_sel_sorted(es_sel_ctx *c)
{
    const es_table *t = c->s->table;
    const es_units *u = c->s->units;
    const char *cons = "rows in order of an outcome show the file was cut from a ranking: the accounts that "
                       "made the cut are not a sample of their band";
    if (t == NULL) {
        es_buf_printf(&c->ev, "no table to look at");
        es_sel_row(c, "sorted_by_outcome", ES_SEL_UNTESTABLE, cons);
        return;
    }
    const es_column *fc = es_table_role(t, ES_ROLE_FOLLOWERS);
    size_t n = t->n_rows, fd = 0, fa = 0, ed = 0, ea = 0, rd = 0, ra = 0;
    if (fc && fc->type == ES_COL_NUMERIC)
        es_sel_pairs(fc->num, n, &fd, &fa);
    if (u && u->unit_of_row && u->n_rows == n) {
        for (size_t i = 0; i < n; i++)
            c->scratch[i] = u->unit_of_row[i] == SIZE_MAX ? NAN : u->er[u->unit_of_row[i]];
        es_sel_pairs(c->scratch, n, &ed, &ea);
    }
    if (c->rank_col >= 0)
        es_sel_pairs(t->cols[c->rank_col].num, n, &rd, &ra);
    struct {
        const char *what, *dir;
        size_t hit, pairs;
    } k[3] = {{"followers", "descending", fd, fd + fa},
              {"engagement rate", "descending", ed, ed + ea},
              {c->rank_col >= 0 ? t->cols[c->rank_col].name : "rank", "ascending", ra, rd + ra}};
    int yes = 0, tested = 0;
    for (int i = 0; i < 3; i++) {
        if (k[i].pairs < ES_SEL_MIN_PAIRS)
            continue;
        double f = (double)k[i].hit / (double)k[i].pairs;
        tested = 1;
        if (f > ES_SEL_SORTED)
            yes = 1;
        es_buf_printf(&c->ev, "%srows are in %s order of %s%s%s in %.1f%% of adjacent pairs (%zu of %zu)",
                      c->ev.len ? "; " : "", k[i].dir, i == 2 ? "'" : "", k[i].what, i == 2 ? "'" : "", 100.0 * f,
                      k[i].hit, k[i].pairs);
    }
    if (!tested)
        es_buf_printf(&c->ev, "fewer than %d adjacent pairs of rows with different values", ES_SEL_MIN_PAIRS);
    es_sel_row(c, "sorted_by_outcome", !tested ? ES_SEL_UNTESTABLE : yes ? ES_SEL_YES : ES_SEL_NO, cons);
}

/* ------------------------------------------------------------------ top N */

/* N within 1% of 50, 100, 200, 250, 500, 1000, ... */
static int es_sel_round(double n, double *round_n)
{
    static const double k[] = {1, 2, 2.5, 5};
    for (double m = 10; m <= 1e7; m *= 10)
        for (size_t i = 0; i < 4; i++) {
            double v = k[i] * m;
            if (v >= 50 && fabs(n - v) <= 0.01 * v) {
                *round_n = v;
                return 1;
            }
        }
    return 0;
}

static void es_sel_top_n(es_sel_ctx *c)
{
    const es_units *u = c->s->units;
    const es_bands *b = c->s->uo->bands;
    const char *cons = "a top-N list holds the largest or most engaged accounts: its few small accounts are "
                       "the outliers that made the list, which inflates micro against mega";
    size_t groups;
    const es_column *pc = es_sel_platform_col(c->s->table, &groups);
    double edge = b->edges ? b->edges[0] : 1000; /* bands from a column: the usual nano edge */
    int yes = 0;
    for (uint32_t g = 0; g < groups; g++) {
        size_t n = es_units_accounts(u, -2, ES_DICT_NONE, pc ? g : ES_DICT_NONE, 0);
        double rank_n = 0; /* a rank column running 1..N: N is the list's length */
        for (size_t i = 0; c->rank_ok && i < c->s->table->n_rows; i++) {
            double v = c->s->table->cols[c->rank_col].num[i];
            if (es_sel_group(pc, i) == g && v > rank_n)
                rank_n = v;
        }
        double lo = INFINITY;
        for (size_t k = 0; k < u->n; k++)
            if ((pc == NULL || u->platform[k] == g) && u->followers[k] < lo)
                lo = u->followers[k];
        if (n == 0 || n == SIZE_MAX)
            continue;
        double nn = rank_n > 0 ? rank_n : (double)n, rn = 0;
        int round = es_sel_round(nn, &rn);
        int far = lo >= 10 * edge;
        char lo_s[32], edge_s[32];
        es_sel_count(lo_s, sizeof lo_s, lo);
        es_sel_count(edge_s, sizeof edge_s, edge);
        if (round && (far || rank_n > 0))
            yes = 1;
        char what[64];
        if (rank_n > 0)
            snprintf(what, sizeof what, "ranks 1..%.0f", rank_n);
        else
            snprintf(what, sizeof what, "%zu accounts", n);
        es_buf_printf(&c->ev, "%s%s%s%s%s, the smallest with %s followers (%.*fx the first band edge, %s)",
                      c->ev.len ? "; " : "", pc ? es_sel_group_name(pc, g) : "", pc ? ": " : "", what,
                      round ? (rn == nn ? " (a round number)" : " (about a round number)") : "", lo_s,
                      lo / edge < 100 ? 1 : 0, lo / edge, edge_s);
    }
    if (c->ev.len == 0)
        es_buf_printf(&c->ev, "no accounts");
    es_sel_row(c, "top_n", yes ? ES_SEL_YES : ES_SEL_NO, cons);
}

/* ------------------------------------------------------------------ trending feed */

static void es_sel_feed(es_sel_ctx *c)
{
    static const char *const words[] = {"trending", "trend", "trends", "feed", "fyp", "foryou", "explore",
                                        "viral", "discover", "popular", NULL};
    static const char *const subs[] = {"for_you", "foryou", "trending", NULL};
    const es_table *t = c->s->table;
    const char *cons = "a feed samples posts on views: small accounts appear only with their viral posts, so "
                       "engagement per follower is inflated for micro (per view far less)";
    int yes = 0, tested = 0;
    /* The file's name and its directory's. */
    const char *path = c->s->rep ? c->s->rep->path : NULL;
    if (path && strcmp(path, "-") != 0) {
        const char *base = strrchr(path, '/');
        const char *dir = path;
        base = base ? base + 1 : path;
        if (base > path + 1) {
            dir = base - 2;
            while (dir > path && *dir != '/')
                dir--;
            dir += *dir == '/';
        }
        char part[2][512];
        snprintf(part[0], sizeof part[0], "%.*s", base > path ? (int)(base - 1 - dir) : 0, dir);
        snprintf(part[1], sizeof part[1], "%s", base);
        for (int i = 0; i < 2; i++) {
            char *nm = es_header_normalise(part[i]);
            const char *hit = NULL;
            if (nm && *nm && es_sel_name_has(nm, words, subs, &hit)) {
                es_buf_printf(&c->ev, "%sthe %s name '%s' says '%s'", c->ev.len ? "; " : "",
                              i == 0 ? "directory" : "file", part[i], hit);
                yes = 1;
            }
            free(nm);
        }
        tested = 1;
    }
    for (size_t j = 0; t && j < t->n_cols; j++) {
        char *nm = es_header_normalise(t->cols[j].name);
        const char *hit = NULL;
        if (nm && es_sel_name_has(nm, words, subs, &hit)) {
            es_buf_printf(&c->ev, "%scolumn '%s' says '%s'", c->ev.len ? "; " : "", t->cols[j].name, hit);
            yes = 1;
        }
        free(nm);
    }
    const es_column *vc = t ? es_table_role(t, ES_ROLE_VIEWS) : NULL, *fc = t ? es_table_role(t, ES_ROLE_FOLLOWERS) : NULL;
    if (vc && fc && vc->type == ES_COL_NUMERIC && fc->type == ES_COL_NUMERIC) {
        size_t m = 0, above = 0;
        for (size_t i = 0; i < t->n_rows; i++)
            if (isfinite(vc->num[i]) && vc->num[i] > 0 && fc->num[i] > 0) {
                c->scratch[m++] = vc->num[i] / fc->num[i];
                above += vc->num[i] > fc->num[i];
            }
        if (m > 0) {
            double med = es_sel_median(c->scratch, m);
            double share = (double)above / (double)m;
            es_buf_printf(&c->ev, "%sviews exceed followers in %.1f%% of %zu rows (median views/followers %.3g)",
                          c->ev.len ? "; " : "", 100.0 * share, m, med);
            if (share > 0.5 && med > 2)
                yes = 1;
            tested = 1;
        }
    }
    if (!tested)
        es_buf_printf(&c->ev, "no file name and no views column to look at");
    else if (!yes && c->ev.len == 0)
        es_buf_printf(&c->ev, "no name says trending, feed or explore, and no views column");
    else if (!yes && !(vc && fc))
        es_buf_printf(&c->ev, "%sno name says trending, feed or explore, and no views column", c->ev.len ? "; " : "");
    es_sel_row(c, "trending_feed", yes ? ES_SEL_YES : tested ? ES_SEL_NO : ES_SEL_UNTESTABLE, cons);
}

/* ------------------------------------------------------------------ band coverage */

/* The bands below min (entirely under it) as a list into b; their number. */
static size_t es_sel_bands_below(const es_bands *bands, double lo, es_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i + 1 < bands->n; i++)
        if (bands->edges[i + 1] <= lo)
            es_buf_printf(b, "%s%s", k++ ? ", " : "", bands->names[i]);
    return k;
}

static void es_sel_range(es_sel_ctx *c)
{
    const es_units *u = c->s->units;
    const es_bands *b = c->s->uo->bands;
    const char *cons = "the bands below the smallest account cannot be compared, and the lowest band that has "
                       "accounts holds only its upper end";
    if (b->edges == NULL) {
        es_buf_printf(&c->ev, "bands from column '%s' have no follower edges", b->column ? b->column : "");
        es_sel_row(c, "range_above_edge", ES_SEL_UNTESTABLE, cons);
        return;
    }
    size_t groups;
    const es_column *pc = es_sel_platform_col(c->s->table, &groups);
    int yes = 0;
    es_buf names = {0};
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: every unit; pass 1: each platform (when there are several) */
        for (uint32_t g = 0; g < (pass ? (pc ? groups : 0) : 1); g++) {
            double lo = INFINITY;
            for (size_t k = 0; k < u->n; k++)
                if ((pass == 0 || u->platform[k] == g) && u->followers[k] < lo)
                    lo = u->followers[k];
            if (!isfinite(lo))
                continue;
            names.len = 0;
            size_t k = es_sel_bands_below(b, lo, &names);
            char lo_s[32];
            es_sel_count(lo_s, sizeof lo_s, lo);
            if (pass == 0)
                es_buf_printf(&c->ev, "followers start at %s", lo_s);
            else if (k > 0)
                es_buf_printf(&c->ev, "; %s starts at %s", es_sel_group_name(pc, g), lo_s);
            if (k > 0) {
                es_buf_printf(&c->ev, ": band%s %s ha%s no account", k > 1 ? "s" : "", names.data,
                              k > 1 ? "ve" : "s");
                yes = 1;
            } else if (pass == 0)
                es_buf_printf(&c->ev, ", in band %s", b->names[es_bands_classify(b, lo) < 0 ? 0 : es_bands_classify(b, lo)]);
        }
    }
    es_buf_free(&names);
    es_sel_row(c, "range_above_edge", yes ? ES_SEL_YES : ES_SEL_NO, cons);
}

static void es_sel_empty(es_sel_ctx *c)
{
    const es_units *u = c->s->units;
    const es_bands *b = c->s->uo->bands;
    double lo = INFINITY, hi = -INFINITY;
    size_t k = 0;
    for (size_t i = 0; i < u->n; i++) {
        lo = u->followers[i] < lo ? u->followers[i] : lo;
        hi = u->followers[i] > hi ? u->followers[i] : hi;
    }
    for (size_t i = 0; i < b->n; i++) {
        if (b->edges && i + 1 < b->n && b->edges[i + 1] <= lo)
            continue; /* range_above_edge's */
        int any = 0;
        for (size_t j = 0; j < u->n && !any; j++)
            any = u->band[j] == (int)i;
        if (!any)
            es_buf_printf(&c->ev, "%s%s", k++ ? ", " : "band(s) ", b->names[i]);
    }
    char hi_s[32];
    es_sel_count(hi_s, sizeof hi_s, hi);
    if (k > 0)
        es_buf_printf(&c->ev, " %s no account (followers end at %s)", k > 1 ? "have" : "has", hi_s);
    else
        es_buf_printf(&c->ev, "every band from the smallest account's up has accounts");
    es_sel_row(c, "empty_bands", k > 0 ? ES_SEL_YES : ES_SEL_NO, "a band without accounts cannot be compared");
}

/* ------------------------------------------------------------------ snapshot lag */

/* Seconds since 1970 of a snapshot cell: a time (es_parse_time), "YYYY-MM" as its
 * first day, or a numeric column's Unix time; NaN otherwise. */
static double es_sel_time(const es_column *col, size_t i)
{
    double v = NAN;
    if (col->type == ES_COL_NUMERIC)
        return col->num[i] > 1e8 ? (col->num[i] > 1e11 ? col->num[i] / 1000 : col->num[i]) : NAN;
    const char *s = es_column_str(col, i);
    if (s == NULL)
        return NAN;
    if (es_parse_time(s, strlen(s), &v) == ES_NUM_OK)
        return v;
    char buf[16];
    if (strlen(s) == 7 && isdigit((unsigned char)s[0]) && s[4] == '-') {
        snprintf(buf, sizeof buf, "%s-01", s);
        if (es_parse_time(buf, strlen(buf), &v) == ES_NUM_OK)
            return v;
    }
    return NAN;
}

static double es_sel_median(double *x, size_t m)
{
    if (m == 0)
        return NAN;
    qsort(x, m, sizeof *x, es_sel_cmp_double);
    return m % 2 ? x[m / 2] : (x[m / 2 - 1] + x[m / 2]) / 2;
}

static void es_sel_lag(es_sel_ctx *c)
{
    static const char *const subs[] = {"scrape", "snapshot", "crawl", "collected", "collection", "fetched",
                                       "retrieved", "downloaded", "extracted", "as_of", "observed", NULL};
    const es_table *t = c->s->table;
    const es_units *u = c->s->units;
    const char *cons = "old posts are divided by a later, usually larger follower count: ER is biased down for "
                       "growing accounts, and an account may sit in a higher band than when it posted";
    const es_column *dc = t ? es_table_role(t, ES_ROLE_DATE) : NULL;
    const es_column *sc = NULL;
    for (size_t j = 0; t && j < t->n_cols && sc == NULL; j++) {
        const es_column *col = &t->cols[j];
        if (col->role != ES_ROLE_NONE && col->role != ES_ROLE_DATE)
            continue;
        char *nm = es_header_normalise(col->name);
        const char *hit = NULL;
        if (nm && es_sel_name_has(nm, NULL, subs, &hit) && col != dc)
            sc = col;
        free(nm);
    }
    double day = 86400;
    if (dc == NULL || dc->type != ES_COL_NUMERIC) {
        es_buf_printf(&c->ev, "no post date column");
        if (sc)
            es_buf_printf(&c->ev, " to compare with the snapshot column '%s'", sc->name);
        es_sel_row(c, "snapshot_lag", ES_SEL_UNTESTABLE, cons);
        return;
    }
    size_t m = 0, over = 0;
    if (sc) {
        for (size_t i = 0; i < t->n_rows; i++) {
            double a = es_sel_time(sc, i), p = dc->num[i];
            if (isfinite(a) && isfinite(p)) {
                c->scratch[m] = (a - p) / day;
                over += c->scratch[m] > c->o->lag_days;
                m++;
            }
        }
        if (m == 0) {
            es_buf_printf(&c->ev, "the snapshot column '%s' holds no date that a post date pairs with", sc->name);
            es_sel_row(c, "snapshot_lag", ES_SEL_UNTESTABLE, cons);
            return;
        }
        double med = es_sel_median(c->scratch, m);
        es_buf_printf(&c->ev, "followers were read %.0f days (median) after the posts ('%s' minus '%s'; %zu of %zu "
                      "posts more than %g days)", med, sc->name, dc->name, over, m, c->o->lag_days);
        es_sel_row(c, "snapshot_lag", med > c->o->lag_days ? ES_SEL_YES : ES_SEL_NO, cons);
        return;
    }
    /* No snapshot column: an account whose posts all carry one follower count had it
     * read once, no earlier than its latest post, which bounds the lag from below. */
    const es_column *fc = es_table_role(t, ES_ROLE_FOLLOWERS);
    if (u == NULL || !u->post_level || u->unit_post || u->unit_of_row == NULL || u->n_rows != t->n_rows || fc == NULL) {
        es_buf_printf(&c->ev, "no scrape or snapshot date column%s",
                      u && u->unit_post ? " (and post units: run with account units for a bound)" : "");
        es_sel_row(c, "snapshot_lag", ES_SEL_UNTESTABLE, cons);
        return;
    }
    double *latest = malloc((u->n ? u->n : 1) * sizeof *latest), *f0 = malloc((u->n ? u->n : 1) * sizeof *f0);
    unsigned char *same = malloc(u->n ? u->n : 1);
    if (!latest || !f0 || !same) {
        free(latest), free(f0), free(same);
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        return;
    }
    for (size_t k = 0; k < u->n; k++)
        latest[k] = -INFINITY, f0[k] = NAN, same[k] = 1;
    for (size_t i = 0; i < t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k == SIZE_MAX || !isfinite(dc->num[i]))
            continue;
        latest[k] = dc->num[i] > latest[k] ? dc->num[i] : latest[k];
        if (isnan(f0[k]))
            f0[k] = fc->num[i];
        else if (fc->num[i] != f0[k])
            same[k] = 0;
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        size_t k = u->unit_of_row[i];
        if (k != SIZE_MAX && same[k] && u->n_posts[k] > 1 && isfinite(dc->num[i])) {
            c->scratch[m] = (latest[k] - dc->num[i]) / day;
            over += c->scratch[m] > c->o->lag_days;
            m++;
        }
    }
    free(latest), free(f0), free(same);
    if (m == 0) {
        es_buf_printf(&c->ev, "no scrape or snapshot date column, and no account with several posts under one "
                      "follower count to bound the lag");
        es_sel_row(c, "snapshot_lag", ES_SEL_UNTESTABLE, cons);
        return;
    }
    /* If every count was read in one crawl, it was no earlier than the latest post. */
    double last = -INFINITY;
    size_t ma = 0;
    for (size_t i = 0; i < t->n_rows; i++)
        last = isfinite(dc->num[i]) && dc->num[i] > last ? dc->num[i] : last;
    double *all = malloc((t->n_rows ? t->n_rows : 1) * sizeof *all);
    if (all == NULL) {
        es_results_fail(c->res, ES_ENOMEM, "out of memory");
        return;
    }
    for (size_t i = 0; i < t->n_rows; i++)
        if (u->unit_of_row[i] != SIZE_MAX && isfinite(dc->num[i]))
            all[ma++] = (last - dc->num[i]) / day;
    double med_all = es_sel_median(all, ma);
    free(all);
    double med = es_sel_median(c->scratch, m);
    es_buf_printf(&c->ev, "no scrape or snapshot date column; one follower count per account, read no earlier "
                  "than its latest post, so followers were read at least %.0f days (median) after the posts "
                  "(%zu of %zu posts of accounts with several posts at least %g days); if all were read in one crawl, "
                  "after the latest post in the file, the median lag is at least %.0f days", med, over, m,
                  c->o->lag_days, med_all);
    es_sel_row(c, "snapshot_lag", med > c->o->lag_days ? ES_SEL_YES : ES_SEL_UNTESTABLE, cons);
}

/* ------------------------------------------------------------------ small cells */

static void es_sel_cells(es_sel_ctx *c)
{
    const es_units *u = c->s->units;
    const es_bands *b = c->s->uo->bands;
    size_t min_n = c->o->common.min_n;
    size_t nn = u->niche_dict ? es_dict_size(u->niche_dict) : 0;
    size_t np = u->platform_dict ? es_dict_size(u->platform_dict) : 0;
    int by_niche = nn > 0, by_platform = !by_niche && np > 1;
    size_t ng = by_niche ? nn : by_platform ? np : 1;
    const es_dict *gd = by_niche ? u->niche_dict : by_platform ? u->platform_dict : NULL;
    size_t cells = 0, small = 0, shown = 0;
    es_buf list = {0};
    for (size_t i = 0; i < b->n; i++)
        for (size_t g = 0; g < ng; g++) {
            size_t n = es_units_accounts(u, (int)i, by_niche ? (uint32_t)g : ES_DICT_NONE,
                                         by_platform ? (uint32_t)g : ES_DICT_NONE, 0);
            if (n == SIZE_MAX) {
                es_buf_free(&list);
                es_results_fail(c->res, ES_ENOMEM, "out of memory");
                return;
            }
            cells++;
            if (n < min_n) {
                small++;
                if (shown++ < 3)
                    es_buf_printf(&list, "%s%s%s%s %zu", shown > 1 ? ", " : "", b->names[i], gd ? " x " : "",
                                  gd ? es_dict_str(gd, (uint32_t)g) : "", n);
            }
        }
    es_buf_printf(&c->ev, "%zu of %zu band%s cells have fewer than %zu accounts", small, cells,
                  by_niche ? " x niche" : by_platform ? " x platform" : "", min_n);
    if (small)
        es_buf_printf(&c->ev, " (%s%s)", list.data, small > 3 ? ", ..." : "");
    es_buf_free(&list);
    es_sel_row(c, "small_cells", small ? ES_SEL_YES : ES_SEL_NO,
               "a cell below min_n gets no interval or test, and a comparison that leans on it is unstable");
}

/* ------------------------------------------------------------------ followers vary */

static void es_sel_vary(es_sel_ctx *c)
{
    const es_units *u = c->s->units;
    const char *cons = "the follower count is not one number per account: an account's band depends on when "
                       "each of its posts was read";
    if (!u->post_level) {
        es_buf_printf(&c->ev, "one row per account: one follower count each");
        es_sel_row(c, "followers_vary", ES_SEL_UNTESTABLE, cons);
        return;
    }
    es_buf_printf(&c->ev, "%zu of %zu accounts have a follower count that varies across their posts",
                  u->n_followers_vary, u->n_accounts);
    es_sel_row(c, "followers_vary", u->n_followers_vary ? ES_SEL_YES : ES_SEL_NO, cons);
}

int es_selection_run(const es_study *s, const es_selection_opts *o, es_results *res, es_err *err)
{
    if (s == NULL || s->units == NULL || s->uo == NULL || s->uo->bands == NULL)
        return es_err_set(err, ES_EINVAL, "selection: the study has no units or bands");
    if (!(o->lag_days >= 0))
        return es_err_set(err, ES_EINVAL, "selection: lag_days %g is not >= 0", o->lag_days);
    es_sel_ctx c = {.s = s, .o = o, .res = res, .rank_col = -1};
    c.n_scratch = s->table && s->table->n_rows > s->units->n ? s->table->n_rows : s->units->n;
    c.scratch = malloc((c.n_scratch ? c.n_scratch : 1) * sizeof *c.scratch);
    if (c.scratch == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    es_results_setting(res, "lag_days", es_cell_num(o->lag_days));
    es_results_setting(res, "min_n", es_cell_int((long long)o->common.min_n));
    static const char *const cols[] = {"check", "detected", "evidence", "consequence"};
    es_results_table(res, "selection", "Selection warnings", 4, cols, &c.tb);
    es_sel_rank(&c);
    es_sel_sorted(&c);
    es_sel_top_n(&c);
    es_sel_feed(&c);
    es_sel_range(&c);
    es_sel_empty(&c);
    es_sel_lag(&c);
    es_sel_cells(&c);
    es_sel_vary(&c);
    es_results_value(res, "selection_warnings", es_cell_int(c.detected));
    free(c.scratch);
    es_buf_free(&c.ev);
    int rc = es_results_status(res, NULL);
    if (rc != ES_OK)
        return es_err_set(err, rc, "%s", rc == ES_ENOMEM ? "out of memory" : "selection: results");
    return ES_OK;
}
