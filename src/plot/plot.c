/* plot.c — figure plumbing: options, the TSV field encoding that keeps data labels
 * out of gnuplot's command parser, atomic file writes, and running gnuplot as a
 * program (fork + execvp, no shell, with a timeout).  The figure data themselves are
 * computed in plot_figs.c. */
#include "engagestat/plot.h"
#include "engagestat/outfile.h"
#include "plot_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const es_fig_names[ES_PLOT_NFIG] = {"fig1", "fig2", "fig3", "fig4", "fig5", "fig6", "fig7"};
static const char *const es_fig_titles[ES_PLOT_NFIG] = {
    "Engagement rate by follower band (box plots, median CIs)",
    "Engagement rate versus followers (log-log, binned medians, OLS fit)",
    "Distribution of engagement rate per band with fitted lognormal and gamma",
    "Median engagement rate by niche and band (heatmap)",
    "Ratio of median engagement rates per niche (forest plot)",
    "Complementary CDF of follower counts with a power-law tail",
    "Empirical CDF of engagement rate per band",
};

void es_plot_opts_init(es_plot_opts *o)
{
    memset(o, 0, sizeof *o);
    o->formats = ES_PLOT_PNG;
    o->width_cm = 12;
    o->height_cm = 8;
    o->timeout_s = 60;
    o->conf = 0.95;
    o->ratio_a = "micro";
    o->ratio_b = "mega";
    o->boot = 2000;
    o->seed = 1;
    o->min_n = 10;
}

void es_plot_report_free(es_plot_report *rep)
{
    if (rep == NULL)
        return;
    for (size_t i = 0; i < rep->n_notes; i++)
        free(rep->notes[i]);
    free(rep->notes);
    for (size_t i = 0; i < rep->n_warnings; i++)
        free(rep->warnings[i]);
    free(rep->warnings);
    memset(rep, 0, sizeof *rep);
}

const char *es_plot_figure_name(int i)
{
    return i >= 0 && i < ES_PLOT_NFIG ? es_fig_names[i] : NULL;
}

const char *es_plot_figure_title(int i)
{
    return i >= 0 && i < ES_PLOT_NFIG ? es_fig_titles[i] : NULL;
}

/* Append a copy of text to the string list *list of *n entries, unless it is there. */
static int es_plot_add(char ***list, size_t *n, const char *text)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i], text) == 0)
            return ES_OK;
    char *copy = strdup(text);
    char **l = copy ? realloc(*list, (*n + 1) * sizeof *l) : NULL;
    if (l == NULL) {
        free(copy);
        return es_error(ES_ENOMEM);
    }
    *list = l;
    l[(*n)++] = copy;
    return ES_OK;
}

int es_plot_note(es_plot_report *rep, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return es_plot_add(&rep->notes, &rep->n_notes, tmp);
}

/* ------------------------------------------------------------------ options */

int es_plot_parse_formats(const char *s, unsigned *formats, es_err *err)
{
    static const char *const names[] = {"png", "svg", "pdf", "tex"};
    unsigned f = 0;
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int found = -1;
        for (int i = 0; i < 4; i++)
            if (strlen(names[i]) == n && strncmp(p, names[i], n) == 0)
                found = i;
        if (found < 0)
            return es_err_set(err, ES_EINVAL, "--format '%s': expected png, svg, pdf or tex (a comma list for several)", s);
        f |= 1u << found;
        if (e == NULL)
            break;
        p = e + 1;
    }
    *formats = f;
    return ES_OK;
}

static int es_parse_length(const char *s, const char *end, double *cm)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *e;
    errno = 0;
    double v = strtod(buf, &e);
    if (errno || e == buf)
        return -1;
    if (strcmp(e, "cm") == 0 || *e == '\0')
        *cm = v;
    else if (strcmp(e, "in") == 0)
        *cm = v * 2.54;
    else if (strcmp(e, "mm") == 0)
        *cm = v / 10;
    else
        return -1;
    return (*cm >= ES_PLOT_MIN_CM && *cm <= ES_PLOT_MAX_CM) ? 0 : -1;
}

int es_plot_parse_size(const char *s, double *width_cm, double *height_cm, es_err *err)
{
    const char *c = strchr(s, ',');
    double w, h;
    if (c == NULL || es_parse_length(s, c, &w) != 0 || es_parse_length(c + 1, c + strlen(c), &h) != 0)
        return es_err_set(err, ES_EINVAL, "--size '%s': expected WIDTH,HEIGHT such as 12cm,8cm or 4in,3in (%g to %g cm each)", s,
                          ES_PLOT_MIN_CM, ES_PLOT_MAX_CM);
    *width_cm = w;
    *height_cm = h;
    return ES_OK;
}

int es_plot_check_font(const char *font, es_err *err)
{
    const char *c = strchr(font, ',');
    size_t n = c ? (size_t)(c - font) : strlen(font);
    int ok = n > 0 && n < 64;
    for (size_t i = 0; ok && i < n; i++) {
        unsigned char ch = (unsigned char)font[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == ' ' ||
             ch == '.' || ch == '-' || ch == '_';
    }
    if (ok && c != NULL) {
        char *e;
        double v = strtod(c + 1, &e);
        ok = e != c + 1 && *e == '\0' && v >= 4 && v <= 40;
    }
    if (!ok)
        return es_err_set(err, ES_EINVAL, "--font '%s': expected NAME or NAME,SIZE (letters, digits, spaces, '.', '-', '_'; size 4 to 40 points)", font);
    return ES_OK;
}

/* gnuplot 5.4's character cell per format, measured with DejaVu Sans (the widest
 * common sans; Liberation Sans is 13% narrower): characters across one centimetre
 * at a 1-point font, and lines down one centimetre at 1 point.  The cairolatex
 * cell does not depend on --font: chars and lines per centimetre directly.
 * tests/test_plot.c checks these against gnuplot itself. */
static const double es_cell_chars[4] = {44.0, 53.0, 44.0, 5.0};
static const double es_cell_lines[4] = {24.0, 25.0, 24.0, 2.7};

double es_plot_font_size(const es_plot_opts *o)
{
    const char *c = o->font ? strchr(o->font, ',') : NULL;
    double v = c ? strtod(c + 1, NULL) : ES_PLOT_FONT_SIZE;
    return v > 0 ? v : ES_PLOT_FONT_SIZE;
}

void es_plot_font_name(const es_plot_opts *o, char *out, size_t size)
{
    const char *name = o->font ? o->font : ES_PLOT_FONT, *comma = strchr(name, ',');
    size_t n = comma ? (size_t)(comma - name) : strlen(name);
    n = n < size ? n : size - 1;
    memcpy(out, name, n);
    out[n] = '\0';
}

void es_plot_canvas(const es_plot_opts *o, double *chars, double *lines)
{
    double fs = es_plot_font_size(o);
    unsigned f = o->formats ? o->formats : ES_PLOT_PNG;
    *chars = *lines = INFINITY;
    for (int k = 0; k < 4; k++) {
        if (!(f & (1u << k)))
            continue;
        double c = k == 3 ? es_cell_chars[k] : es_cell_chars[k] / fs, l = k == 3 ? es_cell_lines[k] : es_cell_lines[k] / fs;
        *chars = fmin(*chars, o->width_cm * c);
        *lines = fmin(*lines, o->height_cm * l);
    }
}

double es_plot_text_rows(const es_plot_opts *o)
{
    double per_cm = 72 / 2.54 / (1.2 * es_plot_font_size(o));
    if (o->formats & ES_PLOT_TEX)
        per_cm = fmin(per_cm, 72 / 2.54 / 12);
    return o->height_cm * per_cm;
}

int es_plot_check_canvas(const es_plot_opts *o, es_err *err)
{
    double chars, lines;
    es_plot_canvas(o, &chars, &lines);
    if (chars >= ES_PLOT_MIN_CHARS && lines >= ES_PLOT_MIN_LINES)
        return ES_OK;
    /* The size, or the font, that would do: each scaled by the shortfall. */
    double wx = fmax(1, ES_PLOT_MIN_CHARS / chars), hx = fmax(1, ES_PLOT_MIN_LINES / lines);
    double fs = es_plot_font_size(o);
    char font_hint[64] = "";
    if ((o->formats & ~(unsigned)ES_PLOT_TEX) != 0)
        snprintf(font_hint, sizeof font_hint, ", or a font of at most %.1f pt", floor(fs / fmax(wx, hx) * 10) / 10);
    return es_err_set(err, ES_EINVAL,
                      "--size %gcm,%gcm with %g pt text has room for %.0f characters across and %.0f lines down; "
                      "a figure needs %d and %d: use --size %.1fcm,%.1fcm or larger%s",
                      o->width_cm, o->height_cm, fs, floor(chars), floor(lines), ES_PLOT_MIN_CHARS, ES_PLOT_MIN_LINES,
                      ceil(o->width_cm * wx * 10) / 10, ceil(o->height_cm * hx * 10) / 10, font_hint);
}

int es_plot_check_opts(const es_plot_opts *o, es_err *err)
{
    if (o->script_dir == NULL)
        return es_err_set(err, ES_EINVAL, "no directory of gnuplot templates given");
    if (o->font != NULL && es_plot_check_font(o->font, err) != ES_OK)
        return ES_EINVAL;
    if (o->formats == 0 || (o->formats & ~15u) != 0)
        return es_err_set(err, ES_EINVAL, "no output format chosen");
    if (!(o->conf > 0 && o->conf < 1))
        return es_err_set(err, ES_EINVAL, "confidence level %g is not between 0 and 1", o->conf);
    if (!(o->width_cm >= ES_PLOT_MIN_CM && o->width_cm <= ES_PLOT_MAX_CM && o->height_cm >= ES_PLOT_MIN_CM &&
          o->height_cm <= ES_PLOT_MAX_CM))
        return es_err_set(err, ES_EINVAL, "figure size %gx%g cm is outside %g-%g cm", o->width_cm, o->height_cm,
                          ES_PLOT_MIN_CM, ES_PLOT_MAX_CM);
    return es_plot_check_canvas(o, err) != ES_OK ? ES_EINVAL : ES_OK;
}

#ifdef ES_VERSION
#define ES_PLOT_VERSION_TEXT ES_VERSION
#else
#define ES_PLOT_VERSION_TEXT "(unknown version)"
#endif

int es_plot_script_head(es_buf *s, const es_plot_opts *o, const char *name, const char *title, const char *template_name)
{
    char font[72];
    double chars, lines;
    es_plot_font_name(o, font, sizeof font);
    es_plot_canvas(o, &chars, &lines);
    int rc = es_buf_printf(s,
        "# %s.gp - %s.\n"
        "# Written by engagestat %s.  Re-render with `gnuplot %s.gp` (from any directory).\n"
        "# The data are in %s*.tsv, the drawing in %s and the look in theme.gp;\n"
        "# edit any of them by hand.\n"
        "fig_name = \"%s\"\n"
        "formats = \"%s%s%s%s\"\n"
        "width_cm = %.4g\nheight_cm = %.4g\n"
        "font_name = \"%s\"\nfont_size = %.4g\n"
        "conf = %.6g\n"
        "# the canvas in gnuplot's character cells (labels were sized to it)\n"
        "canvas_chars = %.0f\ncanvas_lines = %.0f\n",
        name, title, ES_PLOT_VERSION_TEXT, name, name, template_name, name,
        (o->formats & ES_PLOT_PNG) ? "png " : "", (o->formats & ES_PLOT_SVG) ? "svg " : "",
        (o->formats & ES_PLOT_PDF) ? "pdf " : "", (o->formats & ES_PLOT_TEX) ? "tex " : "",
        o->width_cm, o->height_cm, font, es_plot_font_size(o), o->conf, floor(chars), floor(lines));
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

int es_plot_script_tail(es_buf *s, const char *template_name)
{
    int rc = es_buf_printf(s,
        "dirname(s) = (p__ = strstrt(s, \"/\")) ? s[1:p__] . dirname(s[p__ + 1:]) : \"\"\n"
        "fig_dir = exists(\"ARG0\") ? dirname(ARG0) : \"\"\n"
        "do for [fmt in formats] {\n"
        "    load fig_dir . \"theme.gp\"\n"
        "    load fig_dir . \"%s\"\n"
        "    unset output\n"
        "}\n", template_name);
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

/* ------------------------------------------------------------ data fields */

/* The text a label should show (control bytes as visible escapes, LaTeX specials
 * escaped for tex), appended to t. */
static int es_plot_label_text(es_buf *t, const char *s, int tex)
{
    int rc = ES_OK;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const char *bs = tex ? "\\textbackslash{}" : "\\";
    while (rc == ES_OK && *p) {
        unsigned c = *p;
        if (c >= 0x80) {
            size_t n = es_utf8_len((const char *)p);
            if (n == 0) {
                rc = es_buf_puts(t, "\xEF\xBF\xBD"); /* U+FFFD */
                p++;
            } else {
                rc = es_buf_append(t, (const char *)p, n);
                p += n;
            }
            continue;
        }
        p++;
        if (c == '\t' || c == '\n' || c == '\r')
            rc = es_buf_printf(t, "%s%c", bs, c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        else if (c < 0x20 || c == 0x7F)
            rc = es_buf_printf(t, "%sx%02X", bs, c);
        else if (tex && strchr("\\{}$&#^_~%<>|", (int)c) != NULL) {
            switch (c) {
            case '\\': rc = es_buf_puts(t, "\\textbackslash{}"); break;
            case '^': rc = es_buf_puts(t, "\\textasciicircum{}"); break;
            case '~': rc = es_buf_puts(t, "\\textasciitilde{}"); break;
            case '<': rc = es_buf_puts(t, "\\textless{}"); break;
            case '>': rc = es_buf_puts(t, "\\textgreater{}"); break;
            case '|': rc = es_buf_puts(t, "\\textbar{}"); break;
            default: rc = es_buf_printf(t, "\\%c", c); break;
            }
        } else {
            rc = es_buf_putc(t, (char)c);
        }
    }
    return rc;
}

/* The code point of the valid UTF-8 sequence of n bytes at s. */
static unsigned es_utf8_cp(const unsigned char *s, size_t n)
{
    unsigned cp = n == 1 ? s[0] : s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

/* Invisible code points that shape their neighbours (combining marks, joiners,
 * variation selectors, emoji modifiers and tags): no column, and no glyph of their
 * own is needed. */
static int es_cp_invisible(unsigned cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0000 && cp <= 0xE01EF);
}

/* Columns a code point takes, as wcwidth() (Kuhn's East Asian Width table, in the
 * large): 2 for CJK, Hangul, fullwidth forms and emoji, 0 for the invisible ones. */
static int es_cp_width(unsigned cp)
{
    if (es_cp_invisible(cp))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
        (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x2600 && cp <= 0x27BF) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* The code point at *p (advancing it) and its byte length; a byte that is not valid
 * UTF-8 counts as one column (it is drawn as U+FFFD). */
static unsigned es_next_cp(const unsigned char **p)
{
    size_t n = es_utf8_len((const char *)*p);
    unsigned cp = n ? es_utf8_cp(*p, n) : 0xFFFD;
    *p += n ? n : 1;
    return cp;
}

size_t es_plot_text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;)
        w += (size_t)es_cp_width(es_next_cp(&p));
    return w;
}

int es_plot_label_fit(es_buf *out, const char *s, size_t max_chars, int *cut)
{
    es_buf_reset(out);
    int rc = es_plot_label_text(out, s, 0);
    if (rc != ES_OK)
        return es_error(ES_ENOMEM);
    if (max_chars < 2)
        max_chars = 2;
    if (es_plot_text_width(out->data ? out->data : "") <= max_chars)
        return ES_OK;
    /* Keep max_chars - 1 columns (the text is valid UTF-8 now, wide characters take
     * two), then an ellipsis. */
    size_t w = 0, i = 0;
    for (const unsigned char *p = (const unsigned char *)out->data; *p;) {
        const unsigned char *q = p;
        size_t cw = (size_t)es_cp_width(es_next_cp(&q));
        if (w + cw > max_chars - 1)
            break;
        w += cw;
        p = q;
        i = (size_t)(p - (const unsigned char *)out->data);
    }
    while (i > 0 && out->data[i - 1] == ' ')
        i--;
    out->len = i;
    out->data[i] = '\0';
    if (cut)
        *cut = 1;
    return es_buf_puts(out, "\xE2\x80\xA6") == ES_OK ? ES_OK : es_error(ES_ENOMEM); /* U+2026 */
}

/* ------------------------------------------------------------ glyphs */

static int es_cmp_range(const void *a, const void *b)
{
    const unsigned *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Parse fc-match's charsets ("20-7e a0-36f 374 ...", one line per font) into sorted,
 * merged ranges. */
static int es_glyphs_parse(es_plot_glyphs *g, const char *text)
{
    size_t cap = 0;
    for (const char *p = text; *p;) {
        char *end;
        unsigned long lo = strtoul(p, &end, 16), hi = lo;
        if (end == p) {
            p++;
            continue;
        }
        p = end;
        if (*p == '-') {
            hi = strtoul(p + 1, &end, 16);
            p = end;
        }
        if (g->n == cap) {
            cap = cap ? 2 * cap : 1024;
            unsigned (*r)[2] = realloc(g->r, cap * sizeof *r);
            if (r == NULL)
                return ES_ENOMEM;
            g->r = r;
        }
        g->r[g->n][0] = (unsigned)lo;
        g->r[g->n][1] = (unsigned)(hi < lo ? lo : hi);
        g->n++;
    }
    if (g->n == 0)
        return ES_OK;
    qsort(g->r, g->n, sizeof *g->r, es_cmp_range);
    size_t k = 0;
    for (size_t i = 1; i < g->n; i++) {
        if (g->r[i][0] <= g->r[k][1] + 1) {
            if (g->r[i][1] > g->r[k][1])
                g->r[k][1] = g->r[i][1];
        } else {
            k++;
            g->r[k][0] = g->r[i][0];
            g->r[k][1] = g->r[i][1];
        }
    }
    g->n = k + 1;
    return ES_OK;
}

int es_plot_glyphs_load(es_plot_glyphs *g, const char *font)
{
    memset(g, 0, sizeof *g);
    int fd[2];
    if (pipe(fd) != 0)
        return ES_OK;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return ES_OK;
    }
    if (pid == 0) {
        int nul = open("/dev/null", O_RDWR);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 2);
        }
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        char *argv[] = {"fc-match", "-s", "--format=%{charset}\\n", (char *)font, NULL};
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    es_buf out = {0};
    char chunk[8192];
    int rc = ES_OK;
    for (;;) {
        ssize_t k = read(fd[0], chunk, sizeof chunk);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        if (rc == ES_OK)
            rc = es_buf_append(&out, chunk, (size_t)k);
    }
    close(fd[0]);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    if (rc == ES_OK && WIFEXITED(ws) && WEXITSTATUS(ws) == 0 && out.data != NULL) {
        rc = es_glyphs_parse(g, out.data);
        g->known = rc == ES_OK && g->n > 0;
    }
    es_buf_free(&out);
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

void es_plot_glyphs_free(es_plot_glyphs *g)
{
    free(g->r);
    memset(g, 0, sizeof *g);
}

int es_plot_glyphs_has(const es_plot_glyphs *g, unsigned cp)
{
    if (!g->known || cp < 0x80 || es_cp_invisible(cp))
        return 1;
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < g->r[mid][0])
            hi = mid;
        else if (cp > g->r[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int es_plot_glyphs_fix(const es_plot_glyphs *g, es_buf *text, es_buf *missing)
{
    if (!g->known || text->data == NULL)
        return 0;
    es_buf t = {0};
    int n = 0, rc = ES_OK;
    for (const unsigned char *p = (const unsigned char *)text->data; *p && rc == ES_OK;) {
        const unsigned char *q = p;
        unsigned cp = es_next_cp(&q);
        if (es_plot_glyphs_has(g, cp)) {
            rc = es_buf_append(&t, (const char *)p, (size_t)(q - p));
        } else {
            n++;
            rc = es_buf_putc(&t, '?');
            char tag[16];
            snprintf(tag, sizeof tag, "U+%04X", cp);
            if (rc == ES_OK && (missing->data == NULL || strstr(missing->data, tag) == NULL))
                rc = es_buf_printf(missing, "%s%s", missing->len ? ", " : "", tag);
        }
        p = q;
    }
    if (rc == ES_OK && n > 0) {
        es_buf_reset(text);
        rc = es_buf_append(text, t.data, t.len);
    }
    es_buf_free(&t);
    return rc == ES_OK ? n : -1;
}

int es_plot_field(es_buf *b, const char *s, int tex)
{
    es_buf t = {0};
    int rc = es_plot_label_text(&t, s, tex);
    /* gnuplot reads a quoted field up to the next '"' and then processes backslash
     * escapes in it (\n, \t, octal, ...): every backslash is doubled, and '"' travels
     * as byte 0x01, which the theme's dec() turns back into '"'. */
    if (rc == ES_OK)
        rc = es_buf_putc(b, '"');
    for (size_t i = 0; rc == ES_OK && i < t.len; i++) {
        char c = t.data[i];
        if (c == '\\')
            rc = es_buf_puts(b, "\\\\");
        else if (c == '"')
            rc = es_buf_putc(b, '\x01');
        else
            rc = es_buf_putc(b, c);
    }
    if (rc == ES_OK)
        rc = es_buf_putc(b, '"');
    es_buf_free(&t);
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

int es_plot_label_pair(es_buf *b, es_buf *tmp, const char *s, size_t max_chars, int *cut)
{
    int rc = es_plot_label_fit(tmp, s, max_chars, cut);
    const char *t = tmp->data ? tmp->data : "";
    if (rc == ES_OK)
        rc = es_plot_field(b, t, 0);
    if (rc == ES_OK)
        rc = es_buf_putc(b, '\t');
    if (rc == ES_OK)
        rc = es_plot_field(b, t, 1);
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

/* ------------------------------------------------------------------ files */

int es_plot_path(es_buf *b, const char *dir, const char *name)
{
    es_buf_reset(b);
    size_t n = strlen(dir);
    int rc = es_buf_append(b, dir, n);
    if (rc == ES_OK && n > 0 && dir[n - 1] != '/')
        rc = es_buf_putc(b, '/');
    if (rc == ES_OK)
        rc = es_buf_puts(b, name);
    return rc;
}

int es_plot_save(const char *dir, const char *name, const es_buf *content, es_err *err)
{
    es_buf path = {0};
    if (es_plot_path(&path, dir, name) != ES_OK) {
        es_buf_free(&path);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    int rc = es_outfile_save(path.data, content->data, content->len, err);
    es_buf_free(&path);
    return rc;
}

/* Append the bytes of a file to out. */
static int es_plot_read_file(const char *path, es_buf *out, es_err *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
    char chunk[8192];
    size_t n;
    int rc = ES_OK;
    while (rc == ES_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = es_buf_append(out, chunk, n);
    if (rc != ES_OK)
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
    else if (ferror(f))
        rc = es_err_set(err, ES_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

int es_plot_copy_template(const char *script_dir, const char *name, const char *dir, es_err *err)
{
    es_buf path = {0}, content = {0};
    int rc = es_plot_path(&path, script_dir, name);
    if (rc != ES_OK) {
        es_buf_free(&path);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    rc = es_plot_read_file(path.data, &content, err);
    if (rc == ES_EIO)
        rc = es_err_set(err, ES_EINVAL, "gnuplot template %s cannot be read; name the directory of the "
                        "templates with ENGAGESTAT_SCRIPTS", path.data);
    if (rc == ES_OK)
        rc = es_plot_save(dir, name, &content, err);
    es_buf_free(&path);
    es_buf_free(&content);
    return rc;
}

/* ---------------------------------------------------------------- running */

/* Find the program: a name with '/' is used as is; otherwise each PATH entry.
 * Fills path and returns 1 when an executable file was found. */
static int es_find_program(const char *prog, es_buf *path)
{
    struct stat st;
    if (strchr(prog, '/') != NULL) {
        /* Absolute, since gnuplot runs in the figure directory. */
        char *abs = realpath(prog, NULL);
        es_buf_reset(path);
        int ok = abs != NULL && es_buf_puts(path, abs) == ES_OK;
        free(abs);
        return ok && stat(path->data, &st) == 0 && S_ISREG(st.st_mode) && access(path->data, X_OK) == 0;
    }
    const char *p = getenv("PATH");
    if (p == NULL || *p == '\0')
        p = "/usr/local/bin:/usr/bin:/bin";
    while (*p) {
        const char *e = strchr(p, ':');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        es_buf_reset(path);
        if (n == 0)
            es_buf_puts(path, ".");
        else
            es_buf_append(path, p, n);
        es_buf_putc(path, '/');
        if (es_buf_puts(path, prog) != ES_OK)
            return 0;
        if (stat(path->data, &st) == 0 && S_ISREG(st.st_mode) && access(path->data, X_OK) == 0)
            return 1;
        if (e == NULL)
            break;
        p = e + 1;
    }
    return 0;
}

/* Run prog on script inside dir; its output goes to log (a path relative to dir).
 * Returns ES_OK, or ES_EIO with *status (exit code, -1 timeout, -2 spawn failure). */
static int es_run_gnuplot(const char *prog, const char *dir, const char *script, const char *log,
                          double timeout_s, int *status)
{
    *status = 0;
    pid_t pid = fork();
    if (pid < 0) {
        *status = -2;
        return es_error(ES_EIO);
    }
    if (pid == 0) {
        /* Child: own process group (so a timeout kills everything it started),
         * the figure directory as working directory, no terminal input. */
        setpgid(0, 0);
        if (chdir(dir) != 0)
            _exit(126);
        int in = open("/dev/null", O_RDONLY);
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        if (in < 0 || out < 0)
            _exit(126);
        dup2(in, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
        close(in);
        close(out);
        char *const argv[] = {(char *)prog, (char *)script, NULL};
        execvp(prog, argv);
        _exit(127);
    }
    setpgid(pid, pid);
    struct timespec t0, now, nap = {0, 5000000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        int ws;
        pid_t r = waitpid(pid, &ws, WNOHANG);
        if (r == pid) {
            if (WIFEXITED(ws))
                *status = WEXITSTATUS(ws);
            else
                *status = 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
            return *status == 0 ? ES_OK : es_error(ES_EIO);
        }
        if (r < 0 && errno != EINTR) {
            *status = -2;
            return es_error(ES_EIO);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double el = (double)(now.tv_sec - t0.tv_sec) + 1e-9 * (double)(now.tv_nsec - t0.tv_nsec);
        if (el > timeout_s) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
            }
            *status = -1;
            return es_error(ES_EIO);
        }
        nanosleep(&nap, NULL);
    }
}

/* gnuplot's messages that mean the layout failed: text overlaps or is cut off. */
static const char *const es_layout_warnings[] = {
    "canvas area too small", "difficulty making room", "difficulty fitting",
};

/* Add each message of a gnuplot log to rep->warnings as "figN: message" (a message
 * is a line with its indented continuation lines; each distinct one once: the same
 * warning comes once per format).  Returns ES_OK or ES_ENOMEM; *layout is set when
 * one of them is a layout failure, and *first points into text at the first one. */
static int es_plot_log_warnings(es_plot_report *rep, const char *name, es_buf *text, int *layout, es_buf *first)
{
    es_buf msg = {0};
    int rc = ES_OK;
    char *p = text->data;
    while (rc == ES_OK && p != NULL && *p) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int cont = *p == ' ' || *p == '\t';
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
            n--;
        const char *q = p;
        while (n > 0 && (*q == ' ' || *q == '\t'))
            q++, n--;
        if (n > 0) {
            if (cont && msg.len > 0)
                rc = es_buf_putc(&msg, ' ');
            else if (msg.len > 0) {
                rc = es_plot_add(&rep->warnings, &rep->n_warnings, msg.data);
                es_buf_reset(&msg);
            }
            if (rc == ES_OK && msg.len == 0)
                rc = es_buf_printf(&msg, "%s: ", name);
            if (rc == ES_OK)
                rc = es_buf_append(&msg, q, n);
            for (size_t k = 0; rc == ES_OK && k < sizeof es_layout_warnings / sizeof *es_layout_warnings; k++)
                if (!*layout && strstr(msg.data, es_layout_warnings[k]) != NULL) {
                    *layout = 1;
                    rc = es_buf_puts(first, msg.data + strlen(name) + 2);
                }
        }
        p = nl ? nl + 1 : NULL;
    }
    if (rc == ES_OK && msg.len > 0)
        rc = es_plot_add(&rep->warnings, &rep->n_warnings, msg.data);
    es_buf_free(&msg);
    return rc == ES_OK ? ES_OK : es_error(ES_ENOMEM);
}

/* Run gnuplot (exe, found) on DIR/NAME.gp with its messages in DIR/NAME.log (removed
 * when empty); *rendered says whether it succeeded.  Errors as es_plot_render's. */
static int es_render_script(const char *exe, const char *dir, const char *name, const es_plot_opts *o,
                            es_plot_report *rep, int *rendered, es_err *err)
{
    es_buf script = {0}, log = {0}, logpath = {0}, text = {0}, first = {0};
    int rc = ES_OK;
    *rendered = 0;
    if (es_buf_printf(&script, "%s.gp", name) != ES_OK || es_buf_printf(&log, "%s.log", name) != ES_OK ||
        es_plot_path(&logpath, dir, log.data) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    int status;
    int r = es_run_gnuplot(exe, dir, script.data, log.data, o->timeout_s > 0 ? o->timeout_s : 60, &status);
    struct stat st;
    if (r == ES_OK && stat(logpath.data, &st) == 0 && st.st_size == 0) {
        unlink(logpath.data);
        *rendered = 1;
        goto done;
    }
    /* gnuplot said something: every message becomes a warning. */
    es_err ignore = {0};
    es_plot_read_file(logpath.data, &text, &ignore);
    es_err_clear(&ignore);
    int layout = 0;
    if (es_plot_log_warnings(rep, name, &text, &layout, &first) != ES_OK) {
        rc = es_err_set(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    if (r == ES_OK && !layout) {
        *rendered = 1;
        goto done;
    }
    if (text.len > 600) {
        text.data[600] = '\0';
        text.len = 600;
    }
    while (text.len > 0 && (text.data[text.len - 1] == '\n' || text.data[text.len - 1] == ' '))
        text.data[--text.len] = '\0';
    if (r == ES_OK)
        rc = es_err_set(err, ES_EIO, "%s: gnuplot could not lay %s out at %gcm x %gcm (%s): text would overlap "
                        "or be cut off; use a larger --size or a smaller --font", logpath.data, name,
                        o->width_cm, o->height_cm, first.data);
    else if (status == -1)
        rc = es_err_set(err, ES_EIO, "%s: gnuplot did not finish within %g s and was stopped", logpath.data,
                        o->timeout_s > 0 ? o->timeout_s : 60);
    else if (status == 126 || status == 127 || status == -2)
        rc = es_err_set(err, ES_EIO, "%s: could not run gnuplot ('%s')", logpath.data, exe);
    else
        rc = es_err_set(err, ES_EIO, "%s: gnuplot failed (exit %d): %s", logpath.data, status,
                        text.data ? text.data : "");
done:
    es_buf_free(&script);
    es_buf_free(&log);
    es_buf_free(&logpath);
    es_buf_free(&text);
    es_buf_free(&first);
    return rc;
}

/* Find the program named by o into exe; ES_EIO (rep->gnuplot_missing set) when absent. */
static int es_plot_find_gnuplot(const char *dir, const char *what, const es_plot_opts *o, es_plot_report *rep,
                                es_buf *exe, es_err *err)
{
    const char *prog = o->gnuplot ? o->gnuplot : "gnuplot";
    if (es_find_program(prog, exe))
        return ES_OK;
    rep->gnuplot_missing = 1;
    return es_err_set(err, ES_EIO, "gnuplot not found ('%s'%s); the data files and scripts are in %s: install "
                      "gnuplot (5.4) or name it with --gnuplot PATH, then run gnuplot on %s there",
                      prog, strchr(prog, '/') ? "" : " on PATH", dir, what);
}

int es_plot_render(const char *dir, const es_plot_opts *o, es_plot_report *rep, es_err *err)
{
    es_buf exe = {0};
    int rc = es_plot_find_gnuplot(dir, "each figN.gp", o, rep, &exe, err);
    if (rc != ES_OK) {
        es_buf_free(&exe);
        return rc;
    }
    /* Every figure is tried; the first failure is the one reported. */
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        if (!rep->written[i])
            continue;
        es_err later = {0};
        int r = es_render_script(exe.data, dir, es_fig_names[i], o, rep, &rep->rendered[i], rc == ES_OK ? err : &later);
        es_err_clear(&later);
        if (rc == ES_OK)
            rc = r;
        if (r == ES_ENOMEM)
            break;
    }
    es_buf_free(&exe);
    return rc;
}

int es_plot_render_one(const char *dir, const char *base, const es_plot_opts *o, es_plot_report *rep, es_err *err)
{
    es_buf exe = {0}, what = {0};
    int rendered;
    int rc = es_buf_printf(&what, "%s.gp", base) == ES_OK ? ES_OK : es_err_set(err, ES_ENOMEM, "out of memory");
    if (rc == ES_OK)
        rc = es_plot_find_gnuplot(dir, what.data, o, rep, &exe, err);
    if (rc == ES_OK)
        rc = es_render_script(exe.data, dir, base, o, rep, &rendered, err);
    es_buf_free(&exe);
    es_buf_free(&what);
    return rc;
}
