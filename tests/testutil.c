/* testutil.c — helpers shared by the CUnit suites. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int es_test_rel(double got, double want, double tol, const char *what, const char *file, int line)
{
    if (isnan(want) && isnan(got))
        return 1;
    if (isinf(want) && got == want)
        return 1;
    double err = fabs(got - want);
    double scale = want == 0 ? 1 : fabs(want);
    if (err <= tol * scale)
        return 1;
    fprintf(stderr, "\n  %s:%d: %s = %.17g, want %.17g (rel err %.3g > %.3g)\n", file, line, what, got,
            want, err / scale, tol);
    return 0;
}

double es_test_lre(double got, double want)
{
    double lre;
    if (want == 0)
        lre = got == 0 ? 15 : -log10(fabs(got));
    else if (got == want)
        lre = 15;
    else
        lre = -log10(fabs(got - want) / fabs(want));
    return lre > 15 ? 15 : lre;
}

const char *es_test_shared(const char *rel)
{
    static char path[4096];
    const char *root = getenv("ES_SHARED");
    snprintf(path, sizeof path, "%s/%s", root ? root : "../shared", rel);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "\n  SKIP: %s is absent (../shared is only present in CI and for the team)\n", path);
        return NULL;
    }
    return path;
}

int es_test_skip_under_valgrind(const char *what)
{
    if (getenv("ES_VALGRIND") == NULL)
        return 0;
    fprintf(stderr, "\n  SKIP: %s (valgrind emulates long double in double precision)\n", what);
    return 1;
}

const char *es_test_data(const char *rel)
{
    static char path[4096];
    snprintf(path, sizeof path, "tests/data/%s", rel);
    return path;
}

const char *es_test_tmpfile(const char *text, size_t len)
{
    static char path[64];
    strcpy(path, "/tmp/es_test_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    if (write(fd, text, len) != (ssize_t)len) {
        close(fd);
        return NULL;
    }
    close(fd);
    return path;
}
