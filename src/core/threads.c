/* threads.c — the default worker-thread count shared by the bootstrap, the fit and
 * power-law bootstraps and the CLI's permutation tests. */
#include "engagestat/threads.h"

#include <unistd.h>

unsigned es_thread_count(unsigned requested)
{
    if (requested > 0)
        return requested;
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    if (c <= 0)
        return 1;
    return c > ES_THREADS_MAX ? ES_THREADS_MAX : (unsigned)c;
}
