/* replay.c — a main for one fuzz target outside libFuzzer: every file named, and every
 * file in every directory named, is passed to LLVMFuzzerTestOneInput once.  Built with
 * the normal compiler and flags, so that make check (and make check-asan, under ASan
 * and UBSan) replays the seed corpus and the reproducers (tests/fuzz/regress/). */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t es_replay_count;
static FILE *es_replay_err; /* stderr as it was: a target may send stderr to /dev/null */

static int es_replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(es_replay_err, "%s: cannot open\n", path);
        return 1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap) {
            unsigned char *b = realloc(buf, cap *= 2);
            if (b == NULL)
                free(buf);
            buf = b;
        }
    int bad = buf == NULL || ferror(f);
    fclose(f);
    if (bad) {
        fprintf(es_replay_err, "%s: cannot read\n", path);
        free(buf);
        return 1;
    }
    /* an exact-size copy, so that a read past the input's end is caught as in libFuzzer */
    unsigned char *in = malloc(n ? n : 1);
    if (in == NULL)
        abort();
    memcpy(in, buf, n);
    free(buf);
    fprintf(es_replay_err, "%s\n", path); /* the log's last name is the input that failed */
    fflush(es_replay_err);
    LLVMFuzzerTestOneInput(in, n);
    free(in);
    es_replay_count++;
    return 0;
}

static int es_replay_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of dir, in name order (a missing directory holds none). */
static int es_replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (nn == NULL || (nn[n] = malloc(len)) == NULL)
            abort();
        names = nn;
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, es_replay_cmp);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            rc |= es_replay_file(names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    es_replay_err = stderr;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc |= es_replay_dir(argv[i]);
        else
            rc |= es_replay_file(argv[i]);
    }
    fprintf(es_replay_err, "%s: %zu inputs replayed\n", argv[0], es_replay_count);
    return rc;
}
