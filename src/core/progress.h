/* progress.h — a progress line for long resampling loops (the bootstrap, permutation
 * tests), shared by their worker threads.  Off unless the program turns it on
 * (es_progress_output: the CLI does when standard error is a terminal, or when
 * ES_PROGRESS=1); a loop shorter than ES_PROGRESS_QUIET seconds never draws.  The
 * line is cleared when the loop ends.  Nothing here changes a result. */
#ifndef ES_PROGRESS_H
#define ES_PROGRESS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

#include "core/internal.h"

#define ES_PROGRESS_QUIET 2.0 /* seconds before the first line (0 when ES_PROGRESS=1) */

typedef struct es_progress {
    const char *what;      /* "bootstrap" */
    const char *unit;      /* "replicates" */
    size_t total;
    atomic_size_t done;
    atomic_flag busy;      /* one thread draws at a time */
    double t0, next;       /* start, and when the next line is due (seconds) */
    int drawn;
} es_progress;

/* Where progress lines go (NULL: nowhere, the default); tty: whether to redraw one line
 * ("\r") or print a line every few seconds. */
ES_INTERNAL void es_progress_output(FILE *stream, int tty);
ES_INTERNAL void es_progress_begin(es_progress *p, const char *what, const char *unit, size_t total);
/* One unit done (any thread). */
ES_INTERNAL void es_progress_step(es_progress *p);
ES_INTERNAL void es_progress_end(es_progress *p);

#endif
