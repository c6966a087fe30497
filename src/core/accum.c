/* accum.c — es_xsum, the exact sum (accum.h).
 *
 * A finite double is m 2^(s - 1074) with m < 2^53 and 0 <= s <= 2045 (from its bits:
 * a subnormal has m = its fraction and s = 0); m 2^(s mod 32) spans at most three
 * 32-bit digits from digit s / 32, each piece below 2^32 and added with the value's
 * sign.  A digit then stays below 2^62 in magnitude for 2^30 adds, after which the
 * carries are propagated (each digit to [0, 2^32), the top one keeping the sign).
 * 68 digits reach 2^1102: room for 2^64 values of the largest magnitude. */
#include "engagestat/accum.h"

#include <math.h>
#include <string.h>

#define ES_XSUM_PENDING_MAX (1u << 30)
#define ES_LOW32 INT64_C(0xFFFFFFFF)

void es_xsum_init(es_xsum *a)
{
    memset(a, 0, sizeof *a);
}

/* Carries out: digits 0 .. top-1 in [0, 2^32), the top one signed.  The arithmetic
 * is on the two's-complement representation (d & 2^32-1 is the low digit, d minus it
 * an exact multiple of 2^32). */
static void es_xsum_carry(int64_t *d)
{
    for (int k = 0; k + 1 < ES_XSUM_DIGITS; k++) {
        int64_t low = d[k] & ES_LOW32;
        d[k + 1] += (d[k] - low) / (INT64_C(1) << 32);
        d[k] = low;
    }
}

void es_xsum_add(es_xsum *a, double x)
{
    a->n++;
    if (isnan(x)) {
        a->nan = 1;
        return;
    }
    if (isinf(x)) {
        if (x > 0)
            a->pinf = 1;
        else
            a->ninf = 1;
        return;
    }
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    unsigned e = (unsigned)(bits >> 52) & 0x7FF;
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    if (m == 0 && e == 0)
        return; /* +-0 */
    unsigned s = 0;
    if (e > 0) {
        m |= UINT64_C(1) << 52;
        s = e - 1;
    }
    unsigned k = s / 32, o = s % 32;
    /* m 2^o in three 32-bit pieces (o < 32, m < 2^53: below 2^85). */
    int64_t p0 = (int64_t)((m << o) & (uint64_t)ES_LOW32);
    int64_t p1 = (int64_t)((o ? m >> (32 - o) : m >> 32) & (uint64_t)ES_LOW32);
    int64_t p2 = (int64_t)(o ? m >> (64 - o) : 0);
    if (bits >> 63) {
        a->d[k] -= p0;
        a->d[k + 1] -= p1;
        a->d[k + 2] -= p2;
    } else {
        a->d[k] += p0;
        a->d[k + 1] += p1;
        a->d[k + 2] += p2;
    }
    if (++a->pending >= ES_XSUM_PENDING_MAX) {
        es_xsum_carry(a->d);
        a->pending = 0;
    }
}

void es_xsum_merge(es_xsum *a, const es_xsum *b)
{
    /* Both below 2^62 a digit: the sum fits; then carried at once. */
    for (int k = 0; k < ES_XSUM_DIGITS; k++)
        a->d[k] += b->d[k];
    es_xsum_carry(a->d);
    a->pending = 0;
    a->n += b->n;
    a->nan |= b->nan;
    a->pinf |= b->pinf;
    a->ninf |= b->ninf;
}

double es_xsum_value(const es_xsum *a)
{
    if (a->nan || (a->pinf && a->ninf))
        return NAN;
    if (a->pinf)
        return INFINITY;
    if (a->ninf)
        return -INFINITY;
    int64_t d[ES_XSUM_DIGITS];
    memcpy(d, a->d, sizeof d);
    es_xsum_carry(d);
    int neg = d[ES_XSUM_DIGITS - 1] < 0;
    if (neg) { /* the magnitude: negate every digit, carry again */
        for (int k = 0; k < ES_XSUM_DIGITS; k++)
            d[k] = -d[k];
        es_xsum_carry(d);
    }
    int h = ES_XSUM_DIGITS - 1;
    while (h >= 0 && d[h] == 0)
        h--;
    if (h < 0)
        return 0.0;
    uint64_t dh = (uint64_t)d[h], dm = h >= 1 ? (uint64_t)d[h - 1] : 0, dl = h >= 2 ? (uint64_t)d[h - 2] : 0;
    double v;
    uint64_t low64 = h == 0 ? dh : dh << 32 | dm;
    if (h <= 1 && low64 < (UINT64_C(1) << 53)) {
        /* below 2^53 units of 2^-1074: exactly a double (subnormal or not) */
        v = ldexp((double)low64, -1074);
    } else {
        int b = 0; /* bits of the top digit, 1 .. 32 */
        while (b < 32 && (dh >> b) != 0)
            b++;
        /* The top 64 bits, and whether any bit below them is set. */
        uint64_t top = dh << (64 - b) | dm << (32 - b) | (b < 32 ? dl >> b : 0);
        int sticky = (dl & (b < 32 ? (UINT64_C(1) << b) - 1 : (uint64_t)ES_LOW32)) != 0;
        for (int k = h - 3; k >= 0 && !sticky; k--)
            sticky = d[k] != 0;
        uint64_t keep = top >> 11, rem = top & 0x7FF;
        int len = 32 * h + b; /* bits of the magnitude, in units of 2^-1074 */
        if (rem > 0x400 || (rem == 0x400 && (sticky || (keep & 1))))
            keep++;
        if (keep >> 53) { /* rounded up to 2^53 */
            keep >>= 1;
            len++;
        }
        v = ldexp((double)keep, len - 53 - 1074);
    }
    return neg ? -v : v;
}
