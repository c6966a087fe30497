/* gof.c — EDF goodness-of-fit statistics of a fit on given values (Kolmogorov-Smirnov,
 * Cramer-von Mises, Anderson-Darling; Stephens 1986, computed in fit_common.c) and the
 * parametric-bootstrap p-value that refits the distribution on every replicate
 * (Lilliefors 1967; Stute, Gonzalez Manteiga & Presedo Quindimil 1993).  The top of the
 * fit module (fit_impl.h): draws through the family table, refits through es_fit_dist. */
#include "engagestat/fit.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fit_impl.h"
#include "engagestat/quantile.h"
#include "engagestat/threads.h"

int es_fit_gof_stats(es_fit *fit, const double *x, size_t n)
{
    const es_fit_family *fam = es_fit_family_of(fit->dist);
    if (fam == NULL || fit->status != ES_OK || isnan(fit->par[0])) {
        fit->ks = fit->cvm = fit->ad = NAN;
        return ES_OK;
    }
    if (fit->dist != ES_DIST_BETA)
        return es_fit_edf_stats(fit, fam, x, n);
    const double *v;
    double *owned = NULL;
    size_t m, n01;
    int rc = es_fit_beta_values(x, n, fit->beta_dropped ? ES_BETA_DROP : ES_BETA_SQUEEZE, &v, &owned,
                                &m, &n01);
    if (rc == ES_OK)
        rc = es_fit_edf_stats(fit, fam, v, m);
    free(owned);
    return rc;
}

/* ---------------------------------------------------------------- bootstrap */

unsigned long es_fit_stream_seed(unsigned long seed, unsigned long r)
{
    /* SplitMix64 (Steele, Lea & Flood 2014) of seed and replicate index. */
    uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + (uint64_t)r + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (unsigned long)z;
}

int es_fit_threads(int threads)
{
    return threads > 0 ? threads : (int)es_thread_count(0);
}

typedef struct es_gboot_job {
    const es_fit *fit;
    es_fit_opts opts;
    long reps;
    unsigned long seed;
    int tid, nthreads;
    double *stat; /* reps x 3 */
    unsigned char *ok;
    int rc;
} es_gboot_job;

static void *es_gboot_worker(void *arg)
{
    es_gboot_job *j = arg;
    size_t n = j->fit->n;
    const es_fit_family *fam = es_fit_family_of(j->fit->dist);
    double *x = malloc(n * sizeof *x);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (x == NULL || rng == NULL) {
        j->rc = ES_ENOMEM;
        free(x);
        if (rng)
            gsl_rng_free(rng);
        return NULL;
    }
    for (long r = j->tid; r < j->reps; r += j->nthreads) {
        gsl_rng_set(rng, es_fit_stream_seed(j->seed, (unsigned long)r));
        for (size_t i = 0; i < n; i++)
            x[i] = fam->draw(j->fit->par[0], j->fit->par[1], rng);
        es_fit g;
        int rc = es_fit_dist(&g, j->fit->dist, x, n, &j->opts);
        if (rc == ES_ENOMEM) {
            j->rc = rc;
            break;
        }
        j->ok[r] = rc == ES_OK;
        j->stat[3 * r] = g.ks;
        j->stat[3 * r + 1] = g.cvm;
        j->stat[3 * r + 2] = g.ad;
    }
    free(x);
    gsl_rng_free(rng);
    return NULL;
}

int es_fit_gof_boot(const es_fit *fit, const es_fit_opts *opts, long reps, unsigned long seed,
                    int threads, es_fit_boot *out)
{
    out->reps = reps;
    out->failed = 0;
    out->p_ks = out->p_cvm = out->p_ad = NAN;
    if (fit == NULL || fit->status != ES_OK || reps < 1 || fit->n < 2)
        return es_error(ES_EINVAL);
    int nt = es_fit_threads(threads);
    if (nt > reps)
        nt = (int)reps;
    double *stat = malloc((size_t)reps * 3 * sizeof *stat);
    unsigned char *ok = calloc((size_t)reps, 1);
    es_gboot_job *jobs = calloc((size_t)nt, sizeof *jobs);
    pthread_t *th = calloc((size_t)nt, sizeof *th);
    if (stat == NULL || ok == NULL || jobs == NULL || th == NULL) {
        free(stat), free(ok), free(jobs), free(th);
        return es_error(ES_ENOMEM);
    }
    es_fit_opts o = {0};
    if (opts)
        o = *opts;
    /* Replicates are fitted with the squeeze never needed (draws lie in (0, 1)). */
    int rc = ES_OK;
    unsigned char *created = calloc((size_t)nt, 1);
    if (created == NULL) {
        free(stat), free(ok), free(jobs), free(th);
        return es_error(ES_ENOMEM);
    }
    for (int t = 0; t < nt; t++) {
        jobs[t] = (es_gboot_job){fit, o, reps, seed, t, nt, stat, ok, ES_OK};
        if (nt > 1 && pthread_create(&th[t], NULL, es_gboot_worker, &jobs[t]) == 0)
            created[t] = 1;
        else
            es_gboot_worker(&jobs[t]); /* no thread: run this share here */
    }
    for (int t = 0; t < nt; t++)
        if (created[t])
            pthread_join(th[t], NULL);
    free(created);
    for (int t = 0; t < nt; t++)
        if (jobs[t].rc != ES_OK)
            rc = jobs[t].rc;
    if (rc == ES_OK) {
        long valid = 0, h[3] = {0, 0, 0};
        double obs[3] = {fit->ks, fit->cvm, fit->ad};
        for (long r = 0; r < reps; r++) {
            if (!ok[r]) {
                out->failed++;
                continue;
            }
            valid++;
            for (int s = 0; s < 3; s++)
                if (stat[3 * r + s] >= obs[s])
                    h[s]++;
        }
        /* An infinite observed statistic (AD with a value where F = 0 or 1, e.g. a zero
         * under the exponential) has no p-value: NaN, not 1/(B+1). */
        out->p_ks = isfinite(obs[0]) ? (h[0] + 1.0) / (valid + 1.0) : NAN;
        out->p_cvm = isfinite(obs[1]) ? (h[1] + 1.0) / (valid + 1.0) : NAN;
        out->p_ad = isfinite(obs[2]) ? (h[2] + 1.0) / (valid + 1.0) : NAN;
    }
    free(stat), free(ok), free(jobs), free(th);
    return rc == ES_OK ? ES_OK : es_error(rc);
}
