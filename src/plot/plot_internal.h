/* plot_internal.h — helpers shared by plot.c and plot_figs.c (not installed). */
#ifndef ES_PLOT_INTERNAL_H
#define ES_PLOT_INTERNAL_H

#include <stdarg.h>

#include "engagestat/plot.h"
#include "core/internal.h"

/* Append a note to rep (printf-style). */
ES_INTERNAL int es_plot_note(es_plot_report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* dir + "/" + name into b (reset first). */
ES_INTERNAL int es_plot_path(es_buf *b, const char *dir, const char *name);
/* Write content to dir/name atomically (temporary file, then rename). */
ES_INTERNAL int es_plot_save(const char *dir, const char *name, const es_buf *content, es_err *err);
/* Copy script_dir/name to dir/name. */
ES_INTERNAL int es_plot_copy_template(const char *script_dir, const char *name, const char *dir, es_err *err);
/* Create dir when it does not exist. */
ES_INTERNAL int es_plot_mkdir(const char *dir, es_err *err);

/* The font size in points of o->font ("NAME,SIZE"), else ES_PLOT_FONT_SIZE. */
ES_INTERNAL double es_plot_font_size(const es_plot_opts *o);
/* Characters (UTF-8 code points) in s. */
ES_INTERNAL size_t es_plot_text_width(const char *s);
/* The text label s shows (as es_plot_field draws it, before escaping) into out
 * (reset first), cut to at most max_chars characters with a trailing ellipsis
 * (U+2026), *cut set when it was cut.  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_plot_label_fit(es_buf *out, const char *s, size_t max_chars, int *cut);

#endif
