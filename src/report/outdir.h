/* outdir.h — directories of outputs that appear whole or not at all (not installed). */
#ifndef ES_REPORT_OUTDIR_H
#define ES_REPORT_OUTDIR_H

#include <stddef.h>

#include "core/internal.h"
#include "engagestat/error.h"

/* Whether dir may be replaced: missing, empty (then removed), or an engagestat report
 * or study (its results.json says "command": "report" or "reproduce").  ES_EINVAL for
 * anything else, with a message naming dir. */
ES_INTERNAL int es_outdir_replaceable(const char *dir, es_err *err);
/* es_outdir_replaceable, then a temporary directory DIR.tmp.XXXXXX into tmp (mode as
 * mkdir's under the umask). */
ES_INTERNAL int es_outdir_begin(const char *dir, char *tmp, size_t size, es_err *err);
/* Rename the finished tmp over dir (an old one is moved aside, then removed). */
ES_INTERNAL int es_outdir_swap_in(const char *tmp, const char *dir, es_err *err);
/* Set the time stamp cairo writes into a PDF (/CreationDate) to date (Unix seconds), in
 * place: a pinned SOURCE_DATE_EPOCH then gives the same bytes. */
ES_INTERNAL void es_outdir_pin_pdf_date(const char *path, long long date);
/* Remove a tree (never following links); NULL is a no-op. */
ES_INTERNAL void es_outdir_remove(const char *path);

#endif
