/* jsonl.h — the JSON Lines reader behind es_load_csv (internal).
 *
 * The reader turns one JSON object per line into the rows the CSV loader takes from
 * libcsv: a header row (the union of the keys, first seen first, nested objects
 * flattened to dotted names), then one row of cell texts per object, every cell the
 * text a CSV cell would hold (numbers as written, true/false, null and absent keys
 * empty, arrays as their JSON text), so load.c types, filters and stores them with the
 * same code.  Rows are held until the end of the input or ES_JSONL_HOLD bytes (cells
 * and their index), so that a key first seen late still gets its column (missing before); a key
 * first seen after that is left out with a note.  Library code: never prints. */
#ifndef ES_JSONL_H
#define ES_JSONL_H

#include <stddef.h>

#include "engagestat/error.h"
#include "engagestat/load.h"
#include "../core/internal.h"

#define ES_JSONL_HOLD ((size_t)64 << 20)

typedef struct es_jsonl es_jsonl;

/* The callbacks: one field (as libcsv's), the end of a row with the line it came from. */
typedef void (*es_jsonl_field_fn)(void *s, size_t len, void *data);
typedef void (*es_jsonl_row_fn)(size_t line, void *data);

/* 1 when the input is JSON Lines: the path ends in .jsonl or .ndjson (a .gz after it
 * allowed), or the first byte that is not blank is '{'. */
ES_INTERNAL int es_jsonl_detect(const char *path, const unsigned char *s, size_t n);

/* A reader for path (used in messages); lines that are valid JSON but not objects are
 * rejected in rep's ledger.  NULL on allocation failure. */
ES_INTERNAL es_jsonl *es_jsonl_new(const char *path, es_load_report *rep, es_jsonl_field_fn field,
                                   es_jsonl_row_fn row, void *data);
/* Feed s[0..n) of physical line `line`; ends_line when it ends with the newline.
 * Errors: ES_EPARSE ("FILE:LINE:COLUMN: invalid JSON: ..."), ES_ENOMEM, in err. */
ES_INTERNAL int es_jsonl_feed(es_jsonl *j, const unsigned char *s, size_t n, size_t line, int ends_line,
                              es_err *err);
/* The end of the input: the last line, then every held row. */
ES_INTERNAL int es_jsonl_finish(es_jsonl *j, es_err *err);
ES_INTERNAL void es_jsonl_free(es_jsonl *j);

/* In load.c: add one rejected row for reason, first met at line:column, to rep's ledger
 * (rows_rejected and the per-reason counts), and raw[0..n) to rep->rejected while fewer
 * than rep->keep_rejects are kept (raw NULL: not kept). ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_ledger_reject(es_load_report *rep, const char *reason, size_t line, size_t column,
                                 const char *raw, size_t n);

#endif
