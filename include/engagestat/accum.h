/* accum.h — accumulators that merge exactly.
 *
 * es_xsum holds the exact sum of the doubles added to it (a fixed-point
 * superaccumulator, Kulisch & Miranker 1981: 32-bit digits from 2^-1074, the least
 * subnormal, past 2^1024, in 64-bit words so that carries wait), with their count
 * and the infinities and NaNs met.  Adding is exact, so the order of the values, and
 * how they are split among threads (or machines) whose accumulators are merged, does
 * not change the sum to the bit: es_xsum_value rounds it once, to nearest, ties to
 * even (what Python's math.fsum returns; the tests hold it to fsum).  One
 * accumulator is 560 bytes; an add costs a few integer operations.
 *
 * Use: one es_xsum per thread (es_xsum_init), es_xsum_add for each value, then
 * es_xsum_merge them in any order into one, and es_xsum_value.  The struct is plain
 * data: a copy is a snapshot, and its bytes can travel between processes on machines
 * of the same endianness. */
#ifndef ENGAGESTAT_ACCUM_H
#define ENGAGESTAT_ACCUM_H

#include <stddef.h>
#include <stdint.h>

#define ES_XSUM_DIGITS 68

typedef struct es_xsum {
    int64_t d[ES_XSUM_DIGITS]; /* digit k weighs 2^(32 k - 1074); carries pending */
    uint64_t n;                /* values added, the non-finite ones included */
    uint32_t pending;          /* adds since the carries were last propagated */
    unsigned char nan, pinf, ninf;
} es_xsum;

void es_xsum_init(es_xsum *a);
void es_xsum_add(es_xsum *a, double x);
/* a += b, exactly (b unchanged). */
void es_xsum_merge(es_xsum *a, const es_xsum *b);
/* The sum rounded once to the nearest double (ties to even); +-Inf when it is beyond
 * the largest double or when an infinity of one sign was added, NaN when a NaN or both
 * infinities were; +0 for an empty or exactly zero sum. */
double es_xsum_value(const es_xsum *a);

#endif
