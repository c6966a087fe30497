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

/* The checks of es_plot_write on o: script_dir given, font, formats, conf, size and
 * canvas.  ES_OK or ES_EINVAL with a message. */
ES_INTERNAL int es_plot_check_opts(const es_plot_opts *o, es_err *err);

/* The font name of o->font ("NAME,SIZE"), else ES_PLOT_FONT, into out (size > 0 bytes). */
ES_INTERNAL void es_plot_font_name(const es_plot_opts *o, char *out, size_t size);
/* A figure script's opening: comments naming the figure, its template and how to
 * re-render it, then the settings theme.gp expects (fig_name, formats, size, font,
 * conf, canvas_chars/lines), appended to s.  Only numbers and fixed words (name and
 * template are the caller's fixed names).  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_plot_script_head(es_buf *s, const es_plot_opts *o, const char *name, const char *title,
                                    const char *template_name);
/* Its end: fig_dir from the script's own path, then per format the theme and the template. */
ES_INTERNAL int es_plot_script_tail(es_buf *s, const char *template_name);
/* The font size in points of o->font ("NAME,SIZE"), else ES_PLOT_FONT_SIZE. */
ES_INTERNAL double es_plot_font_size(const es_plot_opts *o);
/* Columns s takes (UTF-8): 2 for a wide character (CJK, Hangul, emoji), 0 for a
 * combining mark or joiner, else 1. */
ES_INTERNAL size_t es_plot_text_width(const char *s);
/* The text label s shows (as es_plot_field draws it, before escaping) into out
 * (reset first), cut to at most max_chars characters with a trailing ellipsis
 * (U+2026), *cut set when it was cut.  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_plot_label_fit(es_buf *out, const char *s, size_t max_chars, int *cut);
/* Label s as two TSV fields, plain then LaTeX-escaped (es_plot_field), cut to max_chars
 * by es_plot_label_fit (tmp is scratch; *cut set when cut).  ES_OK or ES_ENOMEM. */
ES_INTERNAL int es_plot_label_pair(es_buf *b, es_buf *tmp, const char *s, size_t max_chars, int *cut);

/* The code points the installed fonts can draw: the union of the charsets of the
 * fonts fontconfig falls back to from the figure's font (`fc-match -s`, run as a
 * program), as pango does when cairo draws a label.  known = 0 when fc-match could
 * not be run (nothing is then replaced). */
typedef struct es_plot_glyphs {
    unsigned (*r)[2]; /* sorted, disjoint [lo, hi] ranges */
    size_t n;
    int known;
} es_plot_glyphs;
/* ES_OK (known = 0 when fc-match failed) or ES_ENOMEM. */
ES_INTERNAL int es_plot_glyphs_load(es_plot_glyphs *g, const char *font);
ES_INTERNAL void es_plot_glyphs_free(es_plot_glyphs *g);
/* 1 when some font draws cp (always for ASCII and invisible code points). */
ES_INTERNAL int es_plot_glyphs_has(const es_plot_glyphs *g, unsigned cp);
/* Replace each code point of text no font draws by '?' (a missing glyph is drawn by
 * cairo as a box of the wrong size, across the figure), adding "U+XXXX" of each new
 * one to missing (", "-separated).  Returns how many were replaced, -1 on ENOMEM. */
ES_INTERNAL int es_plot_glyphs_fix(const es_plot_glyphs *g, es_buf *text, es_buf *missing);

#endif
