/* fuzz_load.h — the loader targets' common body (fuzz_load_csv.c, fuzz_load_gz.c,
 * fuzz_load_jsonl.c). */
#ifndef ES_FUZZ_LOAD_H
#define ES_FUZZ_LOAD_H

#include <stddef.h>

/* Load the file at path with options chosen by the bits of flags: no header, a
 * delimiter, the ',' decimal mark, kept rejects, a --where filter, --dedupe; then
 * query the table's level.  Every outcome but a sanitizer report is fine. */
void es_fuzz_load(const char *path, unsigned flags);

#endif
