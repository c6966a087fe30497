/* gen_posts.c — deterministic generator of a synthetic post-level file for the
 * engagestat benchmark (scripts/bench/run.sh).
 *
 * Usage: gen_posts ROWS SEED OUTFILE [POSTS]   (OUTFILE "-" = standard output)
 *   POSTS: mean posts per account (default 5: 1 + Poisson(4)); the pipeline benchmark
 *   uses 53 (1 + Poisson(52)), about 188k accounts in 10M rows as in issue 15.  Without
 *   POSTS the output is byte-identical to the generator before the option existed.
 *
 * Columns: account_id,platform,niche,followers,post_id,posted_at,likes,comments,
 *          shares,views
 * - about 5 posts per account (1 + Poisson(4)), posts of one account are contiguous
 *   and in time order;
 * - followers lognormal (median 20k, sdlog 1.7), redrawn until inside 1,000..100,000,000;
 * - engagement rate lognormal, falling with follower count (elasticity -0.25), so
 *   likes/comments/shares/views look like real influencer data (heavy tails, zeros);
 * - one niche value, "food, drink", holds a comma and is written quoted;
 * - posted_at is ISO-8601 UTC ("2023-04-05T12:34:56Z") in 2022-01-01..2024-12-31;
 * - views is empty (missing) for about 3% of posts (photo posts).
 * The same ROWS and SEED always give the same bytes (xoshiro256** seeded by
 * splitmix64, no libc random numbers, no locale). Synthetic data only: the values
 * are shaped like influencer data, they are not estimates of anything.
 *
 * Build: cc -O2 -o gen_posts gen_posts.c -lm */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers: xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64 */

static uint64_t rng_s[4];

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(void)
{
    uint64_t r = rotl(rng_s[1] * 5, 7) * 9, t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return r;
}

/* uniform in (0, 1) */
static double unif(void)
{
    return ((double)(rng_next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double normal(void)
{
    static int have;
    static double spare;
    if (have) {
        have = 0;
        return spare;
    }
    double u = unif(), v = unif(), r = sqrt(-2.0 * log(u));
    spare = r * sin(6.283185307179586 * v);
    have = 1;
    return r * cos(6.283185307179586 * v);
}

/* Poisson by inversion (small means only). */
static int poisson(double mu)
{
    double p = exp(-mu), c = p, u = unif();
    int k = 0;
    while (u > c && k < 1000) {
        k++;
        p *= mu / k;
        c += p;
    }
    return k;
}

/* Round a positive real to a non-negative integer count, randomly (keeps the mean). */
static uint64_t count_of(double x)
{
    if (!(x > 0))
        return 0;
    double f = floor(x);
    return (uint64_t)f + (unif() < x - f ? 1 : 0);
}

/* ---- output buffer */

static char *obuf;
static size_t olen;
#define OCAP (8u << 20)
static FILE *out;

static void oflush(void)
{
    if (olen > 0 && fwrite(obuf, 1, olen, out) != olen) {
        perror("gen_posts: write");
        exit(1);
    }
    olen = 0;
}

static void ostr(const char *s, size_t n)
{
    memcpy(obuf + olen, s, n);
    olen += n;
}

static void ochar(char c)
{
    obuf[olen++] = c;
}

static void ou64(uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        obuf[olen++] = tmp[--n];
}

/* zero-padded to width w */
static void ou64w(uint64_t v, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        obuf[olen + (size_t)i] = (char)('0' + v % 10);
        v /= 10;
    }
    olen += (size_t)w;
}

/* ---- calendar: days since 1970-01-01 to y-m-d (Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms", civil_from_days) */
static void civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void otime(int64_t t)
{
    int y, m, d;
    int64_t days = t / 86400, s = t % 86400;
    civil(days, &y, &m, &d);
    ou64w((uint64_t)y, 4);
    ochar('-');
    ou64w((uint64_t)m, 2);
    ochar('-');
    ou64w((uint64_t)d, 2);
    ochar('T');
    ou64w((uint64_t)(s / 3600), 2);
    ochar(':');
    ou64w((uint64_t)(s / 60 % 60), 2);
    ochar(':');
    ou64w((uint64_t)(s % 60), 2);
    ochar('Z');
}

/* post ids: an 11-character shortcode from a bijective 64-bit mix of the row number,
 * so every id is distinct but ids do not sort like the rows */
static void opostid(uint64_t i)
{
    static const char a64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    uint64_t z = i + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (int k = 0; k < 11; k++) {
        obuf[olen++] = a64[z & 63];
        z >>= 6;
    }
}

/* ---- categories */

typedef struct {
    const char *text; /* as written to the file (quoted where needed) */
    double weight;
    double er_mult;   /* niche effect on engagement */
} cat;

static const cat platforms[] = {
    {"instagram", 0.50, 1.0}, {"tiktok", 0.30, 1.6}, {"youtube", 0.15, 0.7}, {"twitter", 0.05, 0.4},
};
static const cat niches[] = {
    {"beauty", 0.14, 1.0},      {"fashion", 0.14, 0.9},  {"fitness", 0.10, 1.1},
    {"\"food, drink\"", 0.10, 1.2}, {"travel", 0.09, 1.0}, {"gaming", 0.08, 1.3},
    {"tech", 0.07, 0.8},        {"music", 0.07, 1.2},    {"comedy", 0.06, 1.5},
    {"parenting", 0.05, 1.1},   {"pets", 0.05, 1.4},     {"finance", 0.05, 0.6},
};

static size_t pick(const cat *c, size_t n)
{
    double u = unif(), acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc += c[i].weight;
        if (u < acc)
            return i;
    }
    return n - 1;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: gen_posts ROWS SEED OUTFILE [POSTS]\n");
        return 2;
    }
    char *end;
    unsigned long long rows = strtoull(argv[1], &end, 10);
    if (*end != '\0') {
        fprintf(stderr, "gen_posts: bad ROWS '%s'\n", argv[1]);
        return 2;
    }
    uint64_t seed = strtoull(argv[2], &end, 10);
    if (*end != '\0') {
        fprintf(stderr, "gen_posts: bad SEED '%s'\n", argv[2]);
        return 2;
    }
    double posts_mean = 5.0;
    if (argc == 5) {
        posts_mean = strtod(argv[4], &end);
        if (*end != '\0' || !(posts_mean >= 1.0 && posts_mean <= 500.0)) {
            fprintf(stderr, "gen_posts: bad POSTS '%s' (a number from 1 to 500)\n", argv[4]);
            return 2;
        }
    }
    out = strcmp(argv[3], "-") == 0 ? stdout : fopen(argv[3], "wb");
    if (out == NULL) {
        perror(argv[3]);
        return 1;
    }
    obuf = malloc(OCAP + 4096);
    if (obuf == NULL) {
        fprintf(stderr, "gen_posts: out of memory\n");
        return 1;
    }
    for (int i = 0; i < 4; i++)
        rng_s[i] = splitmix64(&seed);

    static const char header[] =
        "account_id,platform,niche,followers,post_id,posted_at,likes,comments,shares,views\n";
    ostr(header, sizeof header - 1);

    const int64_t t_lo = 1640995200;            /* 2022-01-01T00:00:00Z */
    const int64_t t_span = 1735689600 - t_lo;   /* .. 2025-01-01T00:00:00Z */
    int64_t times[1024];
    uint64_t row = 0, account = 0;
    while (row < rows) {
        account++;
        size_t pl = pick(platforms, sizeof platforms / sizeof *platforms);
        size_t ni = pick(niches, sizeof niches / sizeof *niches);
        double followers;
        do
            followers = round(exp(log(20000.0) + 1.7 * normal()));
        while (followers < 1000 || followers > 1e8);
        /* account-level engagement rate: falls with size, varies by platform/niche */
        double er_acc = 0.035 * pow(followers / 1e4, -0.25) * platforms[pl].er_mult * niches[ni].er_mult *
                        exp(0.6 * normal());
        double reach_acc = exp(log(0.35) + 0.5 * normal()) * (pl == 1 ? 2.5 : 1.0);
        int k = 1 + poisson(posts_mean - 1.0);
        if ((uint64_t)k > rows - row)
            k = (int)(rows - row);
        for (int i = 0; i < k; i++)
            times[i] = t_lo + (int64_t)(unif() * (double)t_span);
        qsort(times, (size_t)k, sizeof *times, cmp_i64);
        char acc_txt[32];
        int acc_len = snprintf(acc_txt, sizeof acc_txt, "acc%07llu", (unsigned long long)account);
        for (int i = 0; i < k; i++, row++) {
            double er = er_acc * exp(0.7 * normal());
            if (er > 0.9)
                er = 0.9;
            uint64_t likes = count_of(followers * er);
            uint64_t comments = count_of((double)likes * 0.025 * exp(0.8 * normal()));
            uint64_t shares = count_of((double)likes * 0.04 * exp(0.9 * normal()));
            ostr(acc_txt, (size_t)acc_len);
            ochar(',');
            ostr(platforms[pl].text, strlen(platforms[pl].text));
            ochar(',');
            ostr(niches[ni].text, strlen(niches[ni].text));
            ochar(',');
            ou64((uint64_t)followers);
            ochar(',');
            opostid(row);
            ochar(',');
            otime(times[i]);
            ochar(',');
            ou64(likes);
            ochar(',');
            ou64(comments);
            ochar(',');
            ou64(shares);
            ochar(',');
            if (unif() >= 0.03) {
                double views = followers * reach_acc * exp(0.6 * normal());
                if (views < (double)likes)
                    views = (double)likes;
                ou64(count_of(views));
            }
            ochar('\n');
            if (olen >= OCAP)
                oflush();
        }
    }
    oflush();
    if (out != stdout ? fclose(out) != 0 : fflush(out) != 0) {
        perror("gen_posts: write");
        return 1;
    }
    free(obuf);
    return 0;
}
