/* progress.c — see progress.h. */
#include "core/progress.h"

#include <string.h>
#include <time.h>

static FILE *es_prog_stream;
static int es_prog_tty;
static double es_prog_quiet;
/* One line at a time: loops that run at once (a report's analyses) leave the line to
 * the first that began. */
static atomic_flag es_prog_line = ATOMIC_FLAG_INIT;

void es_progress_output(FILE *stream, int tty, double quiet)
{
    es_prog_stream = stream;
    es_prog_tty = tty;
    es_prog_quiet = quiet;
}

static double es_prog_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void es_progress_begin(es_progress *p, const char *what, const char *unit, size_t total)
{
    p->what = what;
    p->unit = unit;
    p->total = total;
    atomic_init(&p->done, 0);
    atomic_flag_clear(&p->busy);
    p->drawn = 0;
    p->owner = es_prog_stream != NULL && !atomic_flag_test_and_set(&es_prog_line);
    p->t0 = es_prog_stream ? es_prog_now() : 0;
    p->next = p->t0 + es_prog_quiet;
}

/* "about 3 min left" */
static void es_prog_left(char *buf, size_t n, double s)
{
    if (!(s >= 0) || s > 1e8)
        snprintf(buf, n, "?");
    else if (s < 90)
        snprintf(buf, n, "%.0f s", s);
    else if (s < 5400)
        snprintf(buf, n, "%.0f min", s / 60);
    else
        snprintf(buf, n, "%.1f h", s / 3600);
}

static void es_prog_draw(es_progress *p, size_t done, double now)
{
    double el = now - p->t0, frac = p->total ? (double)done / (double)p->total : 0;
    char left[48] = "";
    /* no estimate from the first percent or the first half second */
    if (frac >= 0.01 && el >= 0.5) {
        memcpy(left, ", about ", 9);
        es_prog_left(left + 8, sizeof left - 8, el * (1 - frac) / frac);
        strcat(left, " left");
    }
    fprintf(es_prog_stream, "%sengagestat: %s: %zu of %zu %s (%.0f%%)%s%s", es_prog_tty ? "\r" : "", p->what, done,
            p->total, p->unit, 100 * frac, left, es_prog_tty ? "\033[K" : "\n");
    fflush(es_prog_stream);
    p->drawn = 1;
}

void es_progress_step(es_progress *p)
{
    if (p == NULL || es_prog_stream == NULL || !p->owner)
        return;
    size_t done = atomic_fetch_add_explicit(&p->done, 1, memory_order_relaxed) + 1;
    /* The clock is read every 256 units (or on the first, for a test that wants a line). */
    if ((done & 255) != 0 && done != 1)
        return;
    if (atomic_flag_test_and_set(&p->busy))
        return;
    double now = es_prog_now();
    if (now >= p->next) {
        es_prog_draw(p, done, now);
        p->next = now + (es_prog_tty ? 1 : 10);
    }
    atomic_flag_clear(&p->busy);
}

void es_progress_end(es_progress *p)
{
    if (p == NULL || !p->owner)
        return;
    p->owner = 0;
    atomic_flag_clear(&es_prog_line);
    if (es_prog_stream == NULL || !p->drawn)
        return;
    if (es_prog_tty)
        fputs("\r\033[K", es_prog_stream);
    else
        fprintf(es_prog_stream, "engagestat: %s: %zu %s done in %.1f s\n", p->what, p->total, p->unit,
                es_prog_now() - p->t0);
    fflush(es_prog_stream);
}
