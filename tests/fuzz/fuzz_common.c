/* fuzz_common.c — the helpers of fuzz.h. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *es_fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void es_fuzz_split(const uint8_t *data, size_t size, char **a, char **b)
{
    const uint8_t *z = memchr(data, '\0', size);
    size_t na = z ? (size_t)(z - data) : size;
    *a = es_fuzz_str(data, na);
    *b = z ? es_fuzz_str(z + 1, size - na - 1) : NULL;
}

static char es_fuzz_path[64];

static void es_fuzz_unlink(void)
{
    unlink(es_fuzz_path);
}

const char *es_fuzz_file(const char *suffix, const void *data, size_t size)
{
    if (es_fuzz_path[0] == '\0') {
        snprintf(es_fuzz_path, sizeof es_fuzz_path, "/tmp/es_fuzz_XXXXXX%s", suffix);
        int fd = mkstemps(es_fuzz_path, (int)strlen(suffix));
        if (fd < 0)
            abort();
        close(fd);
        atexit(es_fuzz_unlink);
    }
    FILE *f = fopen(es_fuzz_path, "wb");
    if (f == NULL)
        abort();
    if (size > 0 && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    return es_fuzz_path;
}

void es_fuzz_quiet(void)
{
    static FILE *null;
    if (null == NULL && (null = fopen("/dev/null", "w")) != NULL)
        stdout = stderr = null;
}
