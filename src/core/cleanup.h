/* cleanup.h — temporary outputs removed when the program is killed.  The atomic
 * outputs (es_outfile's PATH.tmp.XXXXXX, a report's DIR.tmp.XXXXXX) are registered
 * while they exist; the program's handler for SIGINT, SIGTERM and SIGHUP
 * (es_cleanup_on_signals) removes those still pending, then dies of the signal, so an
 * interrupted run leaves no half-written output.  A library user that installs no
 * handler sees no difference. */
#ifndef ES_CLEANUP_H
#define ES_CLEANUP_H

#include "core/internal.h"

/* Register path (a file, or a directory when is_dir); a no-op when every slot is taken
 * or the path is too long. */
ES_INTERNAL void es_cleanup_add(const char *path, int is_dir);
/* Forget path (it was renamed into place or removed). */
ES_INTERNAL void es_cleanup_drop(const char *path);
/* Install the handlers (the program calls this once, at start). */
ES_INTERNAL void es_cleanup_on_signals(void);

#endif
