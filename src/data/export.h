/* export.h — the cell quoting export.c writes with, shared with load.c's ledger of
 * rejected rows (internal). */
#ifndef ES_EXPORT_H
#define ES_EXPORT_H

#include <stddef.h>

#include "engagestat/buf.h"
#include "../core/internal.h"

/* Append s[0..n) to b as a CSV/TSV cell with delimiter delim: as is, or in double
 * quotes with '"' doubled when it holds delim, '"', CR or LF or starts or ends with a
 * space (RFC 4180).  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_csv_cell_append(es_buf *b, const char *s, size_t n, char delim);

#endif
