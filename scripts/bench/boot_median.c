/* boot_median.c — times the bootstrap of a median (es_boot_one) and of a ratio of
 * medians (es_ratio_of_medians), B replicates, on N lognormal values (seeded), as in the
 * issue-15 target "B = 2000 on 188k accounts".  Not part of make check.
 *   cc -O2 -Iinclude scripts/bench/boot_median.c build/libengagestat.a \
 *      -lgsl -lgslcblas -lm -lpthread -o build/boot_median
 *   build/boot_median [N [B [THREADS]]]        (defaults 188751 2000 2) */
#include "engagestat/bootstrap.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double es_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 188751;
    size_t B = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
    unsigned threads = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 2;
    double *x = malloc(n * sizeof *x);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (x == NULL || rng == NULL || n < 4)
        return 1;
    gsl_rng_set(rng, 20240601);
    for (size_t i = 0; i < n; i++)
        x[i] = gsl_ran_lognormal(rng, -3.5, 0.9);
    es_boot_opts o;
    es_boot_opts_default(&o);
    o.B = B;
    o.threads = threads;
    es_boot_result r;
    double t = es_now();
    if (es_boot_one(x, n, es_boot_stat_median, NULL, &o, &r) != 0)
        return 1;
    double t1 = es_now() - t;
    printf("median      n=%zu B=%zu threads=%u: %.3f s  estimate %.6g  perc [%.6g, %.6g]  bca [%.6g, %.6g]\n",
           n, B, threads, t1, r.estimate, r.perc_lo, r.perc_hi, r.bca_lo, r.bca_hi);
    size_t nx = n / 2;
    es_ratio_ci rc;
    t = es_now();
    if (es_ratio_of_medians(x, nx, x + nx, n - nx, &o, &rc) != 0)
        return 1;
    double t2 = es_now() - t;
    printf("ratio       %zu / %zu B=%zu threads=%u: %.3f s  estimate %.6g  perc [%.6g, %.6g]  bca [%.6g, %.6g]\n",
           nx, n - nx, B, threads, t2, rc.estimate, rc.perc_lo, rc.perc_hi, rc.bca_lo, rc.bca_hi);
    gsl_rng_free(rng);
    free(x);
    return 0;
}
