/* doc.c — the report's document model and its Markdown, HTML and LaTeX renderers. */
#include "report/doc.h"

#include "engagestat/results.h"

#include <ctype.h>
#include <math.h>
#include <nettle/base64.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ building */

static char *es_vfmt(es_doc *d, const char *fmt, va_list ap)
{
    if (d->status != ES_OK)
        return NULL;
    es_buf b = {0};
    if (es_buf_vprintf(&b, fmt, ap) != ES_OK || (b.data == NULL && es_buf_puts(&b, "") != ES_OK)) {
        es_buf_free(&b);
        d->status = ES_ENOMEM;
        return NULL;
    }
    return b.data;
}

static es_doc_block *es_doc_add(es_doc *d, es_doc_kind kind)
{
    if (d->status != ES_OK)
        return NULL;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 32;
        es_doc_block *nb = realloc(d->blocks, cap * sizeof *nb);
        if (nb == NULL) {
            d->status = ES_ENOMEM;
            return NULL;
        }
        d->blocks = nb;
        d->cap = cap;
    }
    es_doc_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static char *es_strdup_doc(es_doc *d, const char *s)
{
    if (d->status != ES_OK || s == NULL)
        return NULL;
    char *c = strdup(s);
    if (c == NULL)
        d->status = ES_ENOMEM;
    return c;
}

#define ES_DOC_TEXT(d, kind, fmt)                                                                                    \
    va_list ap;                                                                                                      \
    va_start(ap, fmt);                                                                                               \
    char *text = es_vfmt(d, fmt, ap);                                                                                \
    va_end(ap);                                                                                                      \
    es_doc_block *b = text ? es_doc_add(d, kind) : NULL;                                                             \
    if (b == NULL) {                                                                                                 \
        free(text);                                                                                                  \
        return;                                                                                                      \
    }                                                                                                                \
    b->text = text

void es_doc_heading(es_doc *d, int level, const char *anchor, const char *fmt, ...)
{
    ES_DOC_TEXT(d, ES_DOC_HEADING, fmt);
    b->level = level;
    b->anchor = es_strdup_doc(d, anchor);
}

void es_doc_para(es_doc *d, const char *fmt, ...)
{
    ES_DOC_TEXT(d, ES_DOC_PARA, fmt);
}

void es_doc_item(es_doc *d, const char *fmt, ...)
{
    ES_DOC_TEXT(d, ES_DOC_ITEM, fmt);
}

void es_doc_code(es_doc *d, const char *s)
{
    es_doc_block *b = es_doc_add(d, ES_DOC_CODE);
    if (b != NULL)
        b->text = es_strdup_doc(d, s);
}

void es_doc_figure(es_doc *d, const char *base, const char *fmt, ...)
{
    ES_DOC_TEXT(d, ES_DOC_FIGURE, fmt);
    b->anchor = es_strdup_doc(d, base);
}

es_doc_table *es_doc_table_new(es_doc *d, size_t n_cols, const char *const *head, const char *align, const char *csv,
                               const char *caption_fmt, ...)
{
    va_list ap;
    va_start(ap, caption_fmt);
    char *caption = es_vfmt(d, caption_fmt, ap);
    va_end(ap);
    es_doc_table *t = caption ? calloc(1, sizeof *t) : NULL;
    es_doc_block *b = t ? es_doc_add(d, ES_DOC_TABLE) : NULL;
    if (b == NULL) {
        free(caption);
        free(t);
        if (d->status == ES_OK)
            d->status = ES_ENOMEM;
        return NULL;
    }
    b->table = t;
    t->caption = caption;
    t->n_cols = n_cols;
    t->head = calloc(n_cols, sizeof *t->head);
    t->align = calloc(n_cols + 1, 1);
    t->csv = es_strdup_doc(d, csv);
    if (t->head == NULL || t->align == NULL) {
        d->status = ES_ENOMEM;
        return NULL;
    }
    for (size_t j = 0; j < n_cols; j++) {
        t->head[j] = es_strdup_doc(d, head[j]);
        t->align[j] = align[j] == 'r' ? 'r' : 'l';
    }
    return d->status == ES_OK ? t : NULL;
}

void es_doc_cell(es_doc *d, es_doc_table *t, const char *fmt, ...)
{
    if (t == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = es_vfmt(d, fmt, ap);
    va_end(ap);
    if (text == NULL)
        return;
    size_t used = t->n_rows * t->n_cols, filled = 0;
    /* cells of the row being filled: count the non-NULL ones after `used` */
    while (used + filled < t->cap && t->cells[used + filled] != NULL)
        filled++;
    if (used + filled == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 8 * t->n_cols;
        char **nc = realloc(t->cells, cap * sizeof *nc);
        if (nc == NULL) {
            free(text);
            d->status = ES_ENOMEM;
            return;
        }
        memset(nc + t->cap, 0, (cap - t->cap) * sizeof *nc);
        t->cells = nc;
        t->cap = cap;
    }
    t->cells[used + filled] = text;
    if (filled + 1 == t->n_cols)
        t->n_rows++;
}

void es_doc_table_note(es_doc *d, es_doc_table *t, const char *fmt, ...)
{
    if (t == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = es_vfmt(d, fmt, ap);
    va_end(ap);
    free(t->note);
    t->note = text;
}

static void es_doc_table_free(es_doc_table *t)
{
    if (t == NULL)
        return;
    for (size_t j = 0; j < t->n_cols && t->head; j++)
        free(t->head[j]);
    for (size_t i = 0; i < t->cap; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->head);
    free(t->align);
    free(t->caption);
    free(t->note);
    free(t->csv);
    free(t);
}

void es_doc_free(es_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->blocks[i].text);
        free(d->blocks[i].anchor);
        es_doc_table_free(d->blocks[i].table);
    }
    free(d->blocks);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------------ numbers */

void es_fmt_fixed(char *buf, size_t size, double v, int dec)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    snprintf(buf, size, "%.*f", dec, v);
    /* "-0.00": a negative number that rounds to zero */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
}

void es_fmt_pct(char *buf, size_t size, double v, int dec)
{
    es_fmt_fixed(buf, size, isfinite(v) ? 100.0 * v : v, dec);
}

void es_fmt_p(char *buf, size_t size, double p)
{
    if (!isfinite(p))
        snprintf(buf, size, "%s", "");
    else if (p < 0.001)
        snprintf(buf, size, "%s", "< .001");
    else {
        char t[32];
        snprintf(t, sizeof t, "%.3f", p);
        /* APA: no leading zero for a quantity that cannot exceed 1 */
        snprintf(buf, size, "%s", t[0] == '0' ? t + 1 : t);
    }
}

void es_fmt_count(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    char t[64];
    snprintf(t, sizeof t, "%.0f", fabs(v));
    size_t n = strlen(t), o = 0;
    if (v < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0 && o + 1 < size)
            buf[o++] = ',';
        if (o + 1 < size)
            buf[o++] = t[i];
    }
    buf[o] = '\0';
}

/* ------------------------------------------------------------------ Markdown */

/* Paragraph text: escape what Markdown would read as markup (& too: "&lt;" in a
 * label stays those four characters). */
static int es_md_text(es_buf *b, const char *s)
{
    int rc = ES_OK;
    for (const char *p = s; *p && rc == ES_OK; p++) {
        if ((unsigned char)*p >= 0x80) { /* UTF-8 as it is, other bytes as U+FFFD */
            size_t n = es_utf8_len(p);
            rc = n ? es_buf_append(b, p, n) : es_buf_puts(b, "\xEF\xBF\xBD");
            p += n ? n - 1 : 0;
            continue;
        }
        int inword = *p == '_' && p > s && isalnum((unsigned char)p[-1]) && isalnum((unsigned char)p[1]);
        if ((strchr("\\`*_<>|~$&", *p) != NULL && !inword) || (*p == ']' && (p[1] == '(' || p[1] == '[' || p[1] == ':')) || (*p == '#' && (p == s || p[-1] == '\n')))
            rc = es_buf_putc(b, '\\');
        if (rc == ES_OK)
            rc = es_buf_putc(b, (*p == '\r' || *p == '\t' || ((unsigned char)*p < 0x20 && *p != '\n')) ? ' ' : *p);
    }
    return rc;
}

int es_doc_render_md(es_doc *d, const char *title, es_buf *b)
{
    size_t ntab = 0, nfig = 0;
    es_buf_printf(b, "# ");
    es_md_text(b, title);
    es_buf_puts(b, "\n");
    for (size_t i = 0; i < d->n; i++) {
        const es_doc_block *k = &d->blocks[i];
        int prev_item = i > 0 && d->blocks[i - 1].kind == ES_DOC_ITEM;
        if (!(k->kind == ES_DOC_ITEM && prev_item))
            es_buf_puts(b, "\n");
        switch (k->kind) {
        case ES_DOC_HEADING:
            es_buf_printf(b, "%.*s ", k->level < 1 ? 1 : k->level > 4 ? 4 : k->level, "####");
            es_md_text(b, k->text);
            es_buf_puts(b, "\n");
            break;
        case ES_DOC_PARA:
            es_md_text(b, k->text);
            es_buf_puts(b, "\n");
            break;
        case ES_DOC_ITEM:
            es_buf_puts(b, "- ");
            es_md_text(b, k->text);
            es_buf_puts(b, "\n");
            break;
        case ES_DOC_CODE:
            es_buf_puts(b, "```\n");
            /* a fence inside the text cannot close the block: indent-free, but no ``` run */
            for (const char *p = k->text; p && *p; p++)
                es_buf_putc(b, (*p == '`') ? '\'' : *p);
            es_buf_puts(b, "\n```\n");
            break;
        case ES_DOC_TABLE: {
            const es_doc_table *t = k->table;
            if (t->n_rows == 0)
                break;
            es_buf_printf(b, "**Table %zu.** ", ++ntab);
            es_md_text(b, t->caption);
            es_buf_puts(b, "\n\n|");
            for (size_t j = 0; j < t->n_cols; j++) {
                es_buf_putc(b, ' ');
                es_escape_md(b, t->head[j]);
                es_buf_puts(b, " |");
            }
            es_buf_puts(b, "\n|");
            for (size_t j = 0; j < t->n_cols; j++)
                es_buf_puts(b, t->align[j] == 'r' ? "---:|" : ":---|");
            es_buf_puts(b, "\n");
            for (size_t r = 0; r < t->n_rows; r++) {
                es_buf_putc(b, '|');
                for (size_t j = 0; j < t->n_cols; j++) {
                    es_buf_putc(b, ' ');
                    es_escape_md(b, t->cells[r * t->n_cols + j]);
                    es_buf_puts(b, " |");
                }
                es_buf_puts(b, "\n");
            }
            if (t->note || t->csv) {
                es_buf_puts(b, "\n*Note.* ");
                if (t->note)
                    es_md_text(b, t->note);
                if (t->csv) {
                    es_buf_puts(b, t->note ? " Data: " : "Data: ");
                    es_buf_printf(b, "[tables/%s](tables/%s).", t->csv, t->csv);
                }
                es_buf_puts(b, "\n");
            }
            break;
        }
        case ES_DOC_FIGURE:
            nfig++;
            es_buf_printf(b, "![Figure %zu](%s.png)\n\n*Figure %zu* (%s). ", nfig, k->anchor, nfig,
                          strrchr(k->anchor, '/') ? strrchr(k->anchor, '/') + 1 : k->anchor);
            es_md_text(b, k->text);
            es_buf_printf(b, " ([PDF](%s.pdf), [script](%s.gp))\n", k->anchor, k->anchor);
            break;
        }
    }
    return b->failed ? ES_ENOMEM : ES_OK;
}

/* ------------------------------------------------------------------ HTML */

static const char es_css[] =
    "body{font-family:\"Liberation Serif\",\"Times New Roman\",serif;max-width:52em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#111;background:#fff}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ccc}"
    "h3{font-size:1.1em;margin-top:1.4em}\n"
    "table{border-collapse:collapse;margin:.6em 0 .3em 0;font-size:.92em;font-family:\"Liberation Sans\",Arial,"
    "sans-serif}\n"
    "thead th{border-top:2px solid #000;border-bottom:1px solid #000;padding:.25em .6em;font-weight:600}\n"
    "tbody td{padding:.18em .6em;vertical-align:top}tbody tr:last-child td{border-bottom:2px solid #000}\n"
    "td.r,th.r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.l,th.l{text-align:left}\n"
    "caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.3em}\n"
    "p.note{font-size:.85em;color:#333;margin-top:.2em}figure{margin:1.2em 0}"
    "figure img{max-width:100%;width:40em;height:auto;border:0}\n"
    "figcaption{font-size:.9em;color:#222}pre{background:#f5f5f5;padding:.6em;overflow-x:auto;font-size:.85em;"
    "white-space:pre-wrap;word-break:break-all}\n"
    ".tablewrap{overflow-x:auto}\n";

static int es_html_png(es_buf *b, const char *dir, const char *base, es_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", dir, base);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return es_err_set(err, ES_EIO, "%s: cannot read the figure", path);
    es_buf raw = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        es_buf_append(&raw, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || raw.failed) {
        es_buf_free(&raw);
        return bad ? es_err_set(err, ES_EIO, "%s: read error", path) : ES_ENOMEM;
    }
    size_t len = BASE64_ENCODE_RAW_LENGTH(raw.len);
    char *enc = malloc(len + 1);
    if (enc == NULL) {
        es_buf_free(&raw);
        return ES_ENOMEM;
    }
    base64_encode_raw(enc, raw.len, (const uint8_t *)raw.data);
    es_buf_puts(b, "data:image/png;base64,");
    es_buf_append(b, enc, len);
    free(enc);
    es_buf_free(&raw);
    return ES_OK;
}

int es_doc_render_html(es_doc *d, const char *title, const char *dir, es_buf *b, es_err *err)
{
    size_t ntab = 0, nfig = 0;
    es_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                   "style-src 'unsafe-inline'\">\n<title>");
    es_escape_html(b, title);
    es_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", es_css);
    es_escape_html(b, title);
    es_buf_puts(b, "</h1>\n");
    for (size_t i = 0; i < d->n; i++) {
        const es_doc_block *k = &d->blocks[i];
        int prev_item = i > 0 && d->blocks[i - 1].kind == ES_DOC_ITEM;
        int next_item = i + 1 < d->n && d->blocks[i + 1].kind == ES_DOC_ITEM;
        switch (k->kind) {
        case ES_DOC_HEADING: {
            int lv = k->level < 2 ? 2 : k->level > 4 ? 4 : k->level;
            es_buf_printf(b, "<h%d", lv);
            if (k->anchor) {
                es_buf_puts(b, " id=\"");
                es_escape_html(b, k->anchor);
                es_buf_putc(b, '"');
            }
            es_buf_putc(b, '>');
            es_escape_html(b, k->text);
            es_buf_printf(b, "</h%d>\n", lv);
            break;
        }
        case ES_DOC_PARA:
            es_buf_puts(b, "<p>");
            es_escape_html(b, k->text);
            es_buf_puts(b, "</p>\n");
            break;
        case ES_DOC_ITEM:
            if (!prev_item)
                es_buf_puts(b, "<ul>\n");
            es_buf_puts(b, "<li>");
            es_escape_html(b, k->text);
            es_buf_puts(b, "</li>\n");
            if (!next_item)
                es_buf_puts(b, "</ul>\n");
            break;
        case ES_DOC_CODE:
            es_buf_puts(b, "<pre>");
            es_escape_html(b, k->text ? k->text : "");
            es_buf_puts(b, "</pre>\n");
            break;
        case ES_DOC_TABLE: {
            const es_doc_table *t = k->table;
            if (t->n_rows == 0)
                break;
            es_buf_printf(b, "<div class=\"tablewrap\"><table>\n<caption>Table %zu. ", ++ntab);
            es_escape_html(b, t->caption);
            es_buf_puts(b, "</caption>\n<thead><tr>");
            for (size_t j = 0; j < t->n_cols; j++) {
                es_buf_printf(b, "<th class=\"%c\">", t->align[j]);
                es_escape_html(b, t->head[j]);
                es_buf_puts(b, "</th>");
            }
            es_buf_puts(b, "</tr></thead>\n<tbody>\n");
            for (size_t r = 0; r < t->n_rows; r++) {
                es_buf_puts(b, "<tr>");
                for (size_t j = 0; j < t->n_cols; j++) {
                    es_buf_printf(b, "<td class=\"%c\">", t->align[j]);
                    es_escape_html(b, t->cells[r * t->n_cols + j]);
                    es_buf_puts(b, "</td>");
                }
                es_buf_puts(b, "</tr>\n");
            }
            es_buf_puts(b, "</tbody>\n</table></div>\n");
            if (t->note || t->csv) {
                es_buf_puts(b, "<p class=\"note\"><em>Note.</em> ");
                if (t->note)
                    es_escape_html(b, t->note);
                if (t->csv) {
                    es_buf_puts(b, t->note ? " Data: tables/" : "Data: tables/");
                    es_escape_html(b, t->csv);
                    es_buf_putc(b, '.');
                }
                es_buf_puts(b, "</p>\n");
            }
            break;
        }
        case ES_DOC_FIGURE: {
            es_buf_puts(b, "<figure id=\"");
            es_escape_html(b, k->anchor);
            es_buf_puts(b, "\"><img alt=\"");
            es_escape_html(b, k->text);
            es_buf_puts(b, "\" src=\"");
            int rc = es_html_png(b, dir, k->anchor, err);
            if (rc != ES_OK)
                return rc;
            ++nfig;
            es_buf_printf(b, "\">\n<figcaption><em>Figure %zu</em> (", nfig);
            es_escape_html(b, strrchr(k->anchor, '/') ? strrchr(k->anchor, '/') + 1 : k->anchor);
            es_buf_puts(b, "). ");
            es_escape_html(b, k->text);
            es_buf_puts(b, "</figcaption></figure>\n");
            break;
        }
        }
    }
    es_buf_puts(b, "</body>\n</html>\n");
    return b->failed ? ES_ENOMEM : ES_OK;
}

/* ------------------------------------------------------------------ LaTeX */

/* One UTF-8 sequence at p: its code point and length; -1 for an invalid sequence
 * (then *len = 1). */
static long es_utf8(const unsigned char *p, size_t *len)
{
    *len = 1;
    if (p[0] < 0x80)
        return p[0];
    int n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : 0;
    if (n == 0 || p[0] > 0xF4)
        return -1;
    long cp = p[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = (size_t)n;
    return cp;
}

/* Text for pdflatex with inputenc utf8 and T1 fonts: LaTeX's specials escaped,
 * control characters as spaces, Latin-1 and Latin Extended-A as they are, any other
 * character (CJK, emoji, combining marks, invalid bytes) as a visible [U+XXXX]
 * (counted in d->tex_replaced), since pdflatex cannot set it.  Brackets are braced,
 * so that a cell or item that begins with one is not read as an optional argument
 * (of the \\ ending the row before, or of \item). */
static void es_tex_text(es_doc *d, es_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* characters since the last space: a long token (a hash, a path) may break */
    while (p && *p) {
        size_t len;
        long cp = es_utf8(p, &len);
        /* a long token (a hash, a path) may break every 12 characters (a break point,
         * taken only when the line would overflow) */
        run = cp == ' ' ? 0 : run + 1;
        if (run > 0 && run % 12 == 0)
            es_buf_puts(b, "\\allowbreak{}");
        if (cp < 0) {
            es_buf_puts(b, "{[}?{]}");
            d->tex_replaced++;
        } else if (cp < 0x80) {
            char c[2] = {(char)cp, 0};
            if (cp < 0x20 || cp == 0x7F)
                es_buf_putc(b, ' ');
            else if (cp == '<' || cp == '>' || cp == '|' || cp == '"')
                es_buf_puts(b, cp == '<' ? "\\textless{}" : cp == '>' ? "\\textgreater{}" : cp == '|' ? "\\textbar{}" : "\\textquotedbl{}");
            else if (cp == '[' || cp == ']') /* braced: never the optional argument of \\ or \item */
                es_buf_puts(b, cp == '[' ? "{[}" : "{]}");
            else if (cp == '`') /* no T1 quote or !` ?` ligature */
                es_buf_puts(b, "\\textasciigrave{}");
            else if (cp == '-' && p[1] == '-') /* no -- or --- dash ligature: the label as written */
                es_buf_puts(b, "-{}");
            else
                es_escape_latex(b, c);
        } else if ((cp >= 0xA0 && cp <= 0x17F && cp != 0xAD) || cp == 0x2013 || cp == 0x2014 || cp == 0x2018 ||
                   cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x2026) {
            es_buf_append(b, (const char *)p, len);
        } else if (cp == 0x2212) {
            es_buf_puts(b, "-");
        } else if (cp == 0x394) {
            es_buf_puts(b, "$\\Delta$");
        } else if (cp == 0x2264 || cp == 0x2265) {
            es_buf_puts(b, cp == 0x2264 ? "$\\leq$" : "$\\geq$");
        } else {
            es_buf_printf(b, "{[}U+%04lX{]}", cp);
            d->tex_replaced++;
        }
        p += len;
    }
}

static const char es_tex_preamble[] =
    "\\documentclass[11pt]{article}\n"
    "\\usepackage[T1]{fontenc}\n"
    "\\usepackage[utf8]{inputenc}\n"
    "\\usepackage{mathptmx}\n"
    "\\usepackage[scaled=0.92]{helvet}\n"
    /* Courier for \\ttfamily: T1 Computer Modern typewriter exists only as bitmaps
     * without cm-super (not a dependency), so pdflatex would make PK fonts in $HOME */
    "\\usepackage{courier}\n"
    "\\usepackage[a4paper,margin=2.5cm]{geometry}\n"
    "\\usepackage{graphicx}\n"
    "\\usepackage{booktabs}\n"
    "\\usepackage{longtable}\n"
    "\\usepackage{float}\n"
    "\\usepackage{array}\n"
    "\\usepackage[hidelinks]{hyperref}\n"
    "\\setlength{\\emergencystretch}{3em}\n"
    "\\newsavebox{\\esbox}\n"
    "% A table no wider than the text: scaled down only when it would not fit.\n"
    "\\newcommand{\\esfit}{\\ifdim\\wd\\esbox>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox{\\esbox}}"
    "\\else\\usebox{\\esbox}\\fi}\n";

#define ES_TEX_LONG 35 /* rows from which a table breaks across pages (longtable) */

static void es_tex_table(es_doc *d, es_buf *b, const es_doc_table *t)
{
    int lng = t->n_rows > ES_TEX_LONG;
    es_buf_puts(b, lng ? "\\begingroup\\small\n\\begin{longtable}{@{}" : "\\begin{table}[H]\n\\centering\\small\n");
    if (!lng) {
        es_buf_puts(b, "\\caption{");
        es_tex_text(d, b, t->caption);
        es_buf_puts(b, "}\n\\begin{lrbox}{\\esbox}\\begin{tabular}{@{}");
    }
    for (size_t j = 0; j < t->n_cols; j++)
        es_buf_putc(b, t->align[j]);
    es_buf_puts(b, "@{}}\n");
    if (lng) {
        es_buf_puts(b, "\\caption{");
        es_tex_text(d, b, t->caption);
        es_buf_puts(b, "}\\\\\n");
    }
    es_buf_puts(b, "\\toprule\n");
    for (size_t j = 0; j < t->n_cols; j++) {
        if (j)
            es_buf_puts(b, " & ");
        es_tex_text(d, b, t->head[j]);
    }
    es_buf_puts(b, " \\\\\n\\midrule\n");
    if (lng)
        es_buf_puts(b, "\\endhead\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            if (j)
                es_buf_puts(b, " & ");
            es_tex_text(d, b, t->cells[r * t->n_cols + j]);
        }
        es_buf_puts(b, " \\\\\n");
    }
    es_buf_puts(b, "\\bottomrule\n");
    if (lng) {
        es_buf_puts(b, "\\end{longtable}\n");
    } else {
        es_buf_puts(b, "\\end{tabular}\\end{lrbox}\n\\esfit\n");
    }
    if (t->note || t->csv) {
        es_buf_puts(b, lng ? "\\par\\noindent\\footnotesize\\emph{Note.} " : "\\par\\smallskip\\footnotesize\\emph{Note.} ");
        if (t->note)
            es_tex_text(d, b, t->note);
        if (t->csv) {
            es_buf_puts(b, t->note ? " Data: \\texttt{tables/" : "Data: \\texttt{tables/");
            es_tex_text(d, b, t->csv);
            es_buf_puts(b, "}.");
        }
        es_buf_puts(b, "\n");
    }
    es_buf_puts(b, lng ? "\\par\\endgroup\n" : "\\end{table}\n");
}

int es_doc_render_tex(es_doc *d, const char *title, es_buf *b)
{
    d->tex_replaced = 0;
    es_buf_puts(b, es_tex_preamble);
    es_buf_puts(b, "\\title{");
    es_tex_text(d, b, title);
    es_buf_puts(b, "}\n\\author{}\n\\date{}\n\\begin{document}\n\\maketitle\n");
    for (size_t i = 0; i < d->n; i++) {
        const es_doc_block *k = &d->blocks[i];
        int prev_item = i > 0 && d->blocks[i - 1].kind == ES_DOC_ITEM;
        int next_item = i + 1 < d->n && d->blocks[i + 1].kind == ES_DOC_ITEM;
        switch (k->kind) {
        case ES_DOC_HEADING:
            es_buf_puts(b, k->level <= 2 ? "\n\\section{" : k->level == 3 ? "\n\\subsection{" : "\n\\paragraph{");
            es_tex_text(d, b, k->text);
            es_buf_puts(b, "}\n");
            if (k->anchor) {
                es_buf_puts(b, "\\label{sec:");
                for (const char *p = k->anchor; *p; p++)
                    if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')
                        es_buf_putc(b, *p);
                es_buf_puts(b, "}\n");
            }
            break;
        case ES_DOC_PARA:
            es_buf_puts(b, "\n");
            es_tex_text(d, b, k->text);
            es_buf_puts(b, "\n");
            break;
        case ES_DOC_ITEM:
            if (!prev_item)
                es_buf_puts(b, "\\begin{itemize}\n");
            es_buf_puts(b, "\\item ");
            es_tex_text(d, b, k->text);
            es_buf_puts(b, "\n");
            if (!next_item)
                es_buf_puts(b, "\\end{itemize}\n");
            break;
        case ES_DOC_CODE:
            /* not verbatim (a label could end it): escaped, in typewriter, lines kept */
            es_buf_puts(b, "\n{\\footnotesize\\ttfamily\\raggedright\n");
            for (const char *p = k->text; p && *p;) {
                const char *e = strchr(p, '\n');
                size_t n = e ? (size_t)(e - p) : strlen(p);
                char *line = strndup(p, n);
                if (line == NULL)
                    return ES_ENOMEM;
                es_tex_text(d, b, line);
                free(line);
                es_buf_puts(b, "\\par\n");
                p += n + (e != NULL);
            }
            es_buf_puts(b, "}\n");
            break;
        case ES_DOC_TABLE:
            if (k->table->n_rows)
                es_tex_table(d, b, k->table);
            break;
        case ES_DOC_FIGURE:
            /* at its own size (its fonts match the text's), scaled down only when wider */
            es_buf_puts(b, "\\begin{figure}[H]\n\\centering\n\\sbox{\\esbox}{\\includegraphics{");
            es_buf_puts(b, k->anchor); /* our own file name (figures/figN), never data */
            es_buf_puts(b, ".pdf}}\\esfit\n\\caption{(");
            es_tex_text(d, b, strrchr(k->anchor, '/') ? strrchr(k->anchor, '/') + 1 : k->anchor);
            es_buf_puts(b, ") ");
            es_tex_text(d, b, k->text);
            es_buf_puts(b, "}\n\\end{figure}\n");
            break;
        }
    }
    es_buf_puts(b, "\n\\end{document}\n");
    return b->failed ? ES_ENOMEM : ES_OK;
}
