/* fuzz.h — what the libFuzzer targets of tests/fuzz/ share (docs/fuzzing.md).
 * Each target defines LLVMFuzzerTestOneInput; it is built twice: with clang's libFuzzer
 * (make fuzz, build-fuzz/) and with replay.c's main under the normal compiler, which
 * make check runs on the seed corpus and the reproducers (suite fuzz-replay). */
#ifndef ES_FUZZ_H
#define ES_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0..size) as a NUL-terminated copy (an embedded NUL ends the string early). */
char *es_fuzz_str(const uint8_t *data, size_t size);

/* data split at its first NUL byte into two NUL-terminated copies; *b is NULL when
 * there is none.  Free both. */
void es_fuzz_split(const uint8_t *data, size_t size, char **a, char **b);

/* The path of this process's one temporary file (ending in suffix, e.g. ".csv"), now
 * holding data[0..size); removed at exit.  NULL on failure. */
const char *es_fuzz_file(const char *suffix, const void *data, size_t size);

/* Send what the code under test prints on stdout and stderr (the streams, not the file
 * descriptors, where the sanitizers and libFuzzer write) to /dev/null, once. */
void es_fuzz_quiet(void);

#endif
