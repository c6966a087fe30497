/* plot_internal.h — helpers shared by plot.c and plot_figs.c (not installed). */
#ifndef ES_PLOT_INTERNAL_H
#define ES_PLOT_INTERNAL_H

#include <stdarg.h>

#include "engagestat/plot.h"

/* Append a note to rep (printf-style). */
int es_plot_note(es_plot_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* dir + "/" + name into b (reset first). */
int es_plot_path(es_buf *b, const char *dir, const char *name);
/* Write content to dir/name atomically (temporary file, then rename). */
int es_plot_save(const char *dir, const char *name, const es_buf *content, es_err *err);
/* Append the bytes of a file to out. */
int es_plot_read_file(const char *path, es_buf *out, es_err *err);
/* Copy script_dir/name to dir/name. */
int es_plot_copy_template(const char *script_dir, const char *name, const char *dir, es_err *err);
/* Create dir when it does not exist. */
int es_plot_mkdir(const char *dir, es_err *err);

#endif
