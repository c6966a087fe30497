/* engagestat/threads.h — the one rule for how many worker threads an analysis uses.
 * Ownership: nothing is allocated. */
#ifndef ES_THREADS_H
#define ES_THREADS_H

/* The most worker threads the default (requested = 0) gives, however many cores. */
#define ES_THREADS_MAX 256

/* Worker threads for a request: requested itself when it is positive, otherwise the
 * number of online cores (sysconf(_SC_NPROCESSORS_ONLN)), at most ES_THREADS_MAX, and
 * 1 when that number is unknown.  Never 0.  Every threaded analysis gives the same
 * result for any thread count; this only sets how much of the machine it uses. */
unsigned es_thread_count(unsigned requested);

#endif
