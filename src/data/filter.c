/* filter.c — --where expressions: the parser and the comparison of one row's cells. */
#include "engagestat/filter.h"
#include "engagestat/buf.h"
#include "engagestat/numparse.h"

#include <stdlib.h>
#include <string.h>

static const char *const es_op_names[] = {"=", "!=", "<", "<=", ">", ">="};

const char *es_cmpop_name(es_cmpop op)
{
    return (unsigned)op < sizeof es_op_names / sizeof *es_op_names ? es_op_names[op] : "?";
}

static int es_is_opchar(char c)
{
    return c == '=' || c == '!' || c == '<' || c == '>' || c == '~';
}

const char *es_where_op_name(const es_where *w)
{
    if (w->icase)
        return w->op == ES_OP_NE ? "!~=" : "~=";
    return es_cmpop_name(w->op);
}

#define ES_WHERE_OPS "OP one of = != < <= > >= ~= !~="

static int es_where_syntax(es_err *err, const char *expr, size_t pos, const char *what)
{
    return es_err_set(err, ES_EINVAL, "invalid --where expression '%s': at character %zu: %s", expr, pos + 1,
                      what);
}

/* Read an item in every way a column may need it. */
static void es_where_item_read(es_where_item *it, int quoted)
{
    it->ok = 0;
    if (quoted)
        return;
    if (es_parse_number_dec(it->text, it->len, '.', &it->num[ES_WHERE_SLOT_DOT]) == ES_NUM_OK)
        it->ok |= 1u << ES_WHERE_SLOT_DOT;
    if (es_parse_number_dec(it->text, it->len, ',', &it->num[ES_WHERE_SLOT_COMMA]) == ES_NUM_OK)
        it->ok |= 1u << ES_WHERE_SLOT_COMMA;
    if (es_parse_time(it->text, it->len, &it->num[ES_WHERE_SLOT_TIME]) == ES_NUM_OK)
        it->ok |= 1u << ES_WHERE_SLOT_TIME;
    if (es_parse_flag(it->text, it->len, &it->num[ES_WHERE_SLOT_FLAG]) == ES_NUM_OK)
        it->ok |= 1u << ES_WHERE_SLOT_FLAG;
}

/* LIST := "(" ITEM { "," ITEM } ")", v[0..vn) from '(' to the end (blanks trimmed). */
static int es_where_parse_list(es_where *w, const char *expr, const char *c, size_t cn, const char *v, size_t vn,
                               es_err *err)
{
    size_t base = (size_t)(v - expr);
    if (vn < 2 || v[vn - 1] != ')') {
        /* the closing ')' may be missing, or text may follow it */
        const char *close = memchr(v, ')', vn);
        return es_where_syntax(err, expr, close ? (size_t)(close - expr) + 1 : base + vn,
                               close ? "unexpected text after the list's ')'" : "expected ')' to close the list");
    }
    size_t cap = 0;
    size_t i = 1, end = vn - 1;
    int rc = ES_OK;
    for (;;) {
        while (i < end && (v[i] == ' ' || v[i] == '\t'))
            i++;
        if (i >= end || v[i] == ',') {
            rc = es_where_syntax(err, expr, base + i, "expected a value in the list (an empty item)");
            break;
        }
        size_t s0, s1;
        int quoted = 0;
        if (v[i] == '\'' || v[i] == '"') {
            const char *close = memchr(v + i + 1, v[i], end - i - 1);
            if (close == NULL) {
                rc = es_where_syntax(err, expr, base + i, "unterminated quoted value in the list");
                break;
            }
            quoted = 1;
            s0 = i + 1;
            s1 = (size_t)(close - v);
            i = s1 + 1;
            while (i < end && (v[i] == ' ' || v[i] == '\t'))
                i++;
            if (i < end && v[i] != ',') {
                rc = es_where_syntax(err, expr, base + i, "expected ',' or ')' after the quoted value");
                break;
            }
        } else {
            s0 = i;
            while (i < end && v[i] != ',') {
                if (strchr("()'\"=<>", v[i]) != NULL) {
                    es_err_set(err, ES_EINVAL,
                               "invalid --where expression '%s': at character %zu: '%c' in an unquoted list item; "
                               "quote the item ('...') to compare with text holding it",
                               expr, base + i + 1, v[i]);
                    rc = ES_EINVAL;
                    break;
                }
                i++;
            }
            if (rc != ES_OK)
                break;
            s1 = i;
            while (s1 > s0 && (v[s1 - 1] == ' ' || v[s1 - 1] == '\t'))
                s1--;
        }
        if (w->n_items == cap) {
            size_t nc = cap ? 2 * cap : 4;
            es_where_item *ni = realloc(w->items, nc * sizeof *ni);
            if (ni == NULL) {
                rc = es_err_set(err, ES_ENOMEM, "out of memory");
                break;
            }
            w->items = ni;
            cap = nc;
        }
        es_where_item *it = &w->items[w->n_items];
        memset(it, 0, sizeof *it);
        if ((it->text = es_strndup(v + s0, s1 - s0)) == NULL) {
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
            break;
        }
        it->len = s1 - s0;
        es_where_item_read(it, quoted);
        w->n_items++;
        if (i >= end)
            break;
        i++; /* the ',' */
    }
    if (rc == ES_OK) {
        w->expr = es_strdup(expr);
        w->column = es_strndup(c, cn);
        w->value = es_strndup(v, vn);
        if (w->expr == NULL || w->column == NULL || w->value == NULL)
            rc = es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if (rc != ES_OK) {
        es_where_clear(w);
        return rc;
    }
    w->is_list = 1;
    w->value_quoted = 1; /* never a column */
    return ES_OK;
}

int es_where_parse(es_where *w, const char *expr, es_err *err)
{
    memset(w, 0, sizeof *w);
    const char *p = strpbrk(expr, "=!<>~");
    if (p == NULL)
        return es_err_set(err, ES_EINVAL,
                          "invalid --where expression '%s': no operator; expected COLUMN OP VALUE with " ES_WHERE_OPS,
                          expr);
    const char *c = expr;
    size_t cn = (size_t)(p - expr);
    es_trim_blanks(&c, &cn);
    if (cn == 0)
        return es_where_syntax(err, expr, 0, "expected a column name before the operator");
    size_t oplen = 1;
    es_cmpop op;
    int icase = 0;
    if (p[0] == '~' && p[1] == '=') {
        op = ES_OP_EQ;
        oplen = 2;
        icase = 1;
    } else if (p[0] == '!' && p[1] == '~' && p[2] == '=') {
        op = ES_OP_NE;
        oplen = 3;
        icase = 1;
    } else if (p[0] == '!' && p[1] == '=') {
        op = ES_OP_NE;
        oplen = 2;
    } else if (p[0] == '<' && p[1] == '=') {
        op = ES_OP_LE;
        oplen = 2;
    } else if (p[0] == '>' && p[1] == '=') {
        op = ES_OP_GE;
        oplen = 2;
    } else if (p[0] == '<') {
        op = ES_OP_LT;
    } else if (p[0] == '>') {
        op = ES_OP_GT;
    } else if (p[0] == '=') {
        op = ES_OP_EQ;
        if (p[1] == '=')
            oplen = 2;
    } else {
        return es_where_syntax(err, expr, (size_t)(p - expr),
                               "expected " ES_WHERE_OPS " ('!' or '~' alone is not one)");
    }
    const char *v = p + oplen;
    size_t vn = strlen(v);
    es_trim_blanks(&v, &vn);
    size_t vpos = (size_t)(v - expr);
    if (vn == 0)
        return es_where_syntax(err, expr, (size_t)(p - expr) + oplen, "expected a value or a column after the operator");
    int quoted = 0;
    if (v[0] == '(') {
        if (op != ES_OP_EQ && op != ES_OP_NE)
            return es_where_syntax(err, expr, vpos, "a list (...) goes with = != ~= !~= only; quote a value "
                                                    "starting with '('");
        w->op = op;
        w->icase = icase;
        return es_where_parse_list(w, expr, c, cn, v, vn, err);
    }
    if (v[0] == '\'' || v[0] == '"') {
        const char *close = memchr(v + 1, v[0], vn - 1);
        if (close == NULL)
            return es_where_syntax(err, expr, vpos, "unterminated quoted value");
        if (close != v + vn - 1)
            return es_where_syntax(err, expr, (size_t)(close - expr) + 1, "unexpected text after the quoted value");
        quoted = 1;
        v++;
        vn -= 2;
    } else {
        if (es_is_opchar(v[0])) {
            const char *hint = op == ES_OP_LT && v[0] == '>' ? " (for 'not equal' write !=)"
                               : op == ES_OP_EQ && v[0] == '<' ? " (for 'at most' write <=)"
                               : op == ES_OP_EQ && v[0] == '>' ? " (for 'at least' write >=)"
                                                               : "";
            es_err_set(err, ES_EINVAL,
                       "invalid --where expression '%s': at character %zu: expected a value or a column after '%s', "
                       "found '%c'%s",
                       expr, vpos + 1, icase ? (op == ES_OP_NE ? "!~=" : "~=") : es_op_names[op], v[0], hint);
            return ES_EINVAL;
        }
        for (size_t i = 0; i < vn; i++)
            if (v[i] == '=' || v[i] == '<' || v[i] == '>')
                return es_where_syntax(err, expr, vpos + i,
                                       "a second operator; quote the value ('...') to compare with text holding it");
    }
    w->expr = es_strdup(expr);
    w->column = es_strndup(c, cn);
    w->value = es_strndup(v, vn);
    if (w->expr == NULL || w->column == NULL || w->value == NULL) {
        es_where_clear(w);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    w->op = op;
    w->icase = icase;
    w->value_quoted = quoted;
    w->value_is_number = !quoted && es_parse_number(w->value, vn, &w->number) == ES_NUM_OK;
    return ES_OK;
}

void es_where_clear(es_where *w)
{
    if (w == NULL)
        return;
    free(w->expr);
    free(w->column);
    free(w->value);
    for (size_t i = 0; i < w->n_items; i++)
        free(w->items[i].text);
    free(w->items);
    w->items = NULL;
    w->n_items = 0;
    w->expr = w->column = w->value = NULL;
}

static es_numstatus es_where_read(es_where_kind kind, const char *s, size_t n, char decimal, double *x)
{
    switch (kind) {
    case ES_WHERE_TIME: return es_parse_time(s, n, x);
    case ES_WHERE_FLAG: return es_parse_flag(s, n, x);
    default: return es_parse_number_dec(s, n, decimal, x);
    }
}

static int es_where_slot(es_where_kind kind, char decimal)
{
    return kind == ES_WHERE_TIME ? ES_WHERE_SLOT_TIME
           : kind == ES_WHERE_FLAG ? ES_WHERE_SLOT_FLAG
           : decimal == ',' ? ES_WHERE_SLOT_COMMA
                            : ES_WHERE_SLOT_DOT;
}

static const char *es_kind_noun(es_where_kind k)
{
    return k == ES_WHERE_TIME ? "a date (an ISO date such as 2019-01-31 or Unix seconds)"
           : k == ES_WHERE_FLAG ? "a flag (1/0, true/false, yes/no)"
                                : "a number";
}

int es_where_bind(es_where_test *t, const es_where *w, es_where_kind kind, int col2, es_where_kind kind2,
                  char decimal, es_err *err)
{
    memset(t, 0, sizeof *t);
    t->w = w;
    t->kind = kind;
    t->kind2 = kind2;
    t->col2 = col2;
    t->decimal = decimal ? decimal : '.';
    if (col2 >= 0) {
        if ((kind == ES_WHERE_TEXT) != (kind2 == ES_WHERE_TEXT))
            return es_err_set(err, ES_EINVAL,
                              "--where '%s': '%s' is %s column and '%s' %s one; a column compares only with a "
                              "column of the same kind (quote '%s' to compare with that text)",
                              w->expr, w->column, kind == ES_WHERE_TEXT ? "a text" : "a numeric", w->value,
                              kind2 == ES_WHERE_TEXT ? "a text" : "a numeric", w->value);
        return ES_OK;
    }
    if (w->is_list) {
        if (kind == ES_WHERE_TEXT)
            return ES_OK;
        int slot = es_where_slot(kind, t->decimal);
        for (size_t i = 0; i < w->n_items; i++)
            if (!(w->items[i].ok & (1u << slot)))
                return es_err_set(err, ES_EINVAL,
                                  "--where '%s': column '%s' holds %ss; expected %s for each item of the list, "
                                  "found '%s'",
                                  w->expr, w->column,
                                  kind == ES_WHERE_TIME ? "date" : kind == ES_WHERE_FLAG ? "flag" : "number",
                                  es_kind_noun(kind), w->items[i].text);
        return ES_OK;
    }
    es_where_kind vk = kind == ES_WHERE_TEXT ? ES_WHERE_NUMBER : kind;
    t->value_numeric = !w->value_quoted &&
                       es_where_read(vk, w->value, strlen(w->value), t->decimal, &t->number) == ES_NUM_OK;
    if (kind != ES_WHERE_TEXT && !t->value_numeric)
        return es_err_set(err, ES_EINVAL,
                          "--where '%s': column '%s' holds %ss; expected %s or a column after '%s', found '%s'",
                          w->expr, w->column,
                          kind == ES_WHERE_TIME ? "date" : kind == ES_WHERE_FLAG ? "flag" : "number",
                          es_kind_noun(kind), es_where_op_name(w), w->value);
    return ES_OK;
}

static int es_bytes_cmp(const char *a, size_t n, const char *b, size_t m)
{
    int c = memcmp(a, b, n < m ? n : m);
    return c != 0 ? c : (n < m ? -1 : n > m ? 1 : 0);
}

static int es_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Bytes compared with ASCII letters folded to lower case. */
static int es_bytes_casecmp(const char *a, size_t n, const char *b, size_t m)
{
    size_t k = n < m ? n : m;
    for (size_t i = 0; i < k; i++) {
        int x = es_lower((unsigned char)a[i]), y = es_lower((unsigned char)b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return n < m ? -1 : n > m ? 1 : 0;
}

/* A cell (not missing, trimmed) against an IN list. */
static es_where_outcome es_where_test_list(const es_where_test *t, const char *s, size_t n)
{
    const es_where *w = t->w;
    int in = 0;
    if (t->kind == ES_WHERE_TEXT) {
        for (size_t i = 0; i < w->n_items && !in; i++)
            in = (w->icase ? es_bytes_casecmp(s, n, w->items[i].text, w->items[i].len)
                           : es_bytes_cmp(s, n, w->items[i].text, w->items[i].len)) == 0;
    } else {
        double x;
        if (es_where_read(t->kind, s, n, t->decimal, &x) != ES_NUM_OK)
            return ES_WHERE_BAD;
        int slot = es_where_slot(t->kind, t->decimal);
        for (size_t i = 0; i < w->n_items && !in; i++)
            in = w->items[i].num[slot] == x;
    }
    return in == (w->op == ES_OP_EQ) ? ES_WHERE_YES : ES_WHERE_NO;
}

int es_where_near(const es_where *w, const char *s, size_t n)
{
    if (w->icase || w->op != ES_OP_EQ)
        return 0;
    if (!w->is_list)
        return es_bytes_casecmp(s, n, w->value, strlen(w->value)) == 0;
    for (size_t i = 0; i < w->n_items; i++)
        if (es_bytes_casecmp(s, n, w->items[i].text, w->items[i].len) == 0)
            return 1;
    return 0;
}

es_where_outcome es_where_test_cells(const es_where_test *t, const char *s, size_t n, const char *s2, size_t n2)
{
    const es_where *w = t->w;
    int cmp;
    if (es_is_missing_token(s, n) || (t->col2 >= 0 && es_is_missing_token(s2, n2)))
        return w->op == ES_OP_NE ? ES_WHERE_YES : ES_WHERE_MISSING;
    es_trim_blanks(&s, &n);
    if (w->is_list)
        return es_where_test_list(t, s, n);
    int as_number = t->kind != ES_WHERE_TEXT ||
                    (t->col2 < 0 && t->value_numeric && w->op != ES_OP_EQ && w->op != ES_OP_NE);
    if (as_number) {
        double x, y = t->number;
        if (es_where_read(t->kind == ES_WHERE_TEXT ? ES_WHERE_NUMBER : t->kind, s, n, t->decimal, &x) != ES_NUM_OK)
            return ES_WHERE_BAD;
        if (t->col2 >= 0 && es_where_read(t->kind2, s2, n2, t->decimal, &y) != ES_NUM_OK)
            return ES_WHERE_BAD;
        cmp = x < y ? -1 : x > y ? 1 : 0;
    } else if (t->col2 >= 0) {
        es_trim_blanks(&s2, &n2);
        cmp = w->icase ? es_bytes_casecmp(s, n, s2, n2) : es_bytes_cmp(s, n, s2, n2);
    } else if (w->icase) {
        cmp = es_bytes_casecmp(s, n, w->value, strlen(w->value));
    } else {
        cmp = es_bytes_cmp(s, n, w->value, strlen(w->value));
    }
    int yes = 0;
    switch (w->op) {
    case ES_OP_EQ: yes = cmp == 0; break;
    case ES_OP_NE: yes = cmp != 0; break;
    case ES_OP_LT: yes = cmp < 0; break;
    case ES_OP_LE: yes = cmp <= 0; break;
    case ES_OP_GT: yes = cmp > 0; break;
    case ES_OP_GE: yes = cmp >= 0; break;
    }
    return yes ? ES_WHERE_YES : ES_WHERE_NO;
}

int es_where_match(const es_where *w, const char *s, size_t n)
{
    es_where_test t;
    es_where_bind(&t, w, ES_WHERE_TEXT, -1, ES_WHERE_TEXT, '.', NULL);
    return es_where_test_cells(&t, s, n, NULL, 0) == ES_WHERE_YES;
}
