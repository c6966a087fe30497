/* progress.h — a progress line for long resampling loops (the bootstrap, its jackknife,
 * permutation tests), shared by their worker threads.  Off unless the program turns it
 * on (es_progress_output: the CLI does on a terminal, and by ES_PROGRESS).  A loop
 * shorter than the quiet time never draws; the line is cleared (a terminal) or
 * closed by a "done" line when the loop ends; of loops that run at once (a report's
 * analyses) only the first begun draws.  Nothing here changes a result. */
#ifndef ES_PROGRESS_H
#define ES_PROGRESS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

#include "core/internal.h"

typedef struct es_progress {
    const char *what;      /* "bootstrap" */
    const char *unit;      /* "replicates" */
    size_t total;
    atomic_size_t done;
    atomic_flag busy;      /* one thread draws at a time */
    double t0, next;       /* start, and when the next line is due (seconds) */
    int drawn;
    int owner;             /* this loop has the line (one at a time, the first begun) */
} es_progress;

/* Where progress lines go (NULL: nowhere, the default); tty: redraw one line ("\r")
 * every second, or else print a line every 10 s; quiet: seconds before the first. */
ES_INTERNAL void es_progress_output(FILE *stream, int tty, double quiet);
ES_INTERNAL void es_progress_begin(es_progress *p, const char *what, const char *unit, size_t total);
/* One unit done (any thread). */
ES_INTERNAL void es_progress_step(es_progress *p);
ES_INTERNAL void es_progress_end(es_progress *p);

#endif
