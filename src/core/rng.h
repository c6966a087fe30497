/* rng.h — the bootstrap's index generator: xoshiro256++ (Blackman & Vigna 2021,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47:36; period 2^256 - 1,
 * passes BigCrush and PractRand), seeded with splitmix64, and Lemire's (2019, ACM TOMACS
 * 29:3) unbiased bounded integers by multiplication.  GSL has no generator of this
 * speed: gsl_rng_uniform_int on gsl_rng_mt19937 costs a call through a pointer and a
 * division per draw, about 8 times this, which dominated the mean's bootstrap. */
#ifndef ES_CORE_RNG_H
#define ES_CORE_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} es_xoshiro;

static inline uint64_t es_rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* State from a 64-bit seed: four successive splitmix64 outputs (never all zero). */
static inline void es_xoshiro_seed(es_xoshiro *g, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += UINT64_C(0x9e3779b97f4a7c15));
        z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
        g->s[i] = z ^ (z >> 31);
    }
}

static inline uint64_t es_xoshiro_next(es_xoshiro *g)
{
    uint64_t *s = g->s;
    uint64_t r = es_rotl64(s[0] + s[3], 23) + s[0];
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = es_rotl64(s[3], 45);
    return r;
}

/* Uniform on 0 .. n-1, 0 < n < 2^32, exactly (no modulo bias): the high 32 bits of a
 * draw times n, a draw rejected with probability below n / 2^32. */
static inline uint32_t es_xoshiro_below(es_xoshiro *g, uint32_t n)
{
    uint64_t m = (es_xoshiro_next(g) >> 32) * (uint64_t)n;
    if ((uint32_t)m < n) {
        uint32_t floor = (uint32_t)(-n) % n;
        while ((uint32_t)m < floor)
            m = (es_xoshiro_next(g) >> 32) * (uint64_t)n;
    }
    return (uint32_t)(m >> 32);
}

/* Two such integers from one draw: its high and its low 32 bits (xoshiro256++'s
 * scrambler leaves no weak low bits), each accepted or redrawn as above. */
static inline void es_xoshiro_below2(es_xoshiro *g, uint32_t n, uint32_t k[2])
{
    uint64_t r = es_xoshiro_next(g);
    uint64_t m0 = (r >> 32) * (uint64_t)n, m1 = (r & 0xFFFFFFFFu) * (uint64_t)n;
    if ((uint32_t)m0 < n || (uint32_t)m1 < n) {
        uint32_t floor = (uint32_t)(-n) % n;
        while ((uint32_t)m0 < floor)
            m0 = (es_xoshiro_next(g) >> 32) * (uint64_t)n;
        while ((uint32_t)m1 < floor)
            m1 = (es_xoshiro_next(g) >> 32) * (uint64_t)n;
    }
    k[0] = (uint32_t)(m0 >> 32);
    k[1] = (uint32_t)(m1 >> 32);
}

#endif
