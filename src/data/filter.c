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
    return c == '=' || c == '!' || c == '<' || c == '>';
}

#define ES_WHERE_OPS "OP one of = != < <= > >="

static int es_where_syntax(es_err *err, const char *expr, size_t pos, const char *what)
{
    return es_err_set(err, ES_EINVAL, "invalid --where expression '%s': at character %zu: %s", expr, pos + 1,
                      what);
}

int es_where_parse(es_where *w, const char *expr, es_err *err)
{
    memset(w, 0, sizeof *w);
    const char *p = strpbrk(expr, "=!<>");
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
    if (p[0] == '!' && p[1] == '=') {
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
        return es_where_syntax(err, expr, (size_t)(p - expr), "expected " ES_WHERE_OPS " ('!' alone is not one)");
    }
    const char *v = p + oplen;
    size_t vn = strlen(v);
    es_trim_blanks(&v, &vn);
    size_t vpos = (size_t)(v - expr);
    if (vn == 0)
        return es_where_syntax(err, expr, (size_t)(p - expr) + oplen, "expected a value or a column after the operator");
    int quoted = 0;
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
                       expr, vpos + 1, es_op_names[op], v[0], hint);
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
    es_where_kind vk = kind == ES_WHERE_TEXT ? ES_WHERE_NUMBER : kind;
    t->value_numeric = !w->value_quoted &&
                       es_where_read(vk, w->value, strlen(w->value), t->decimal, &t->number) == ES_NUM_OK;
    if (kind != ES_WHERE_TEXT && !t->value_numeric)
        return es_err_set(err, ES_EINVAL,
                          "--where '%s': column '%s' holds %ss; expected %s or a column after '%s', found '%s'",
                          w->expr, w->column,
                          kind == ES_WHERE_TIME ? "date" : kind == ES_WHERE_FLAG ? "flag" : "number",
                          es_kind_noun(kind), es_op_names[w->op], w->value);
    return ES_OK;
}

static int es_bytes_cmp(const char *a, size_t n, const char *b, size_t m)
{
    int c = memcmp(a, b, n < m ? n : m);
    return c != 0 ? c : (n < m ? -1 : n > m ? 1 : 0);
}

es_where_outcome es_where_test_cells(const es_where_test *t, const char *s, size_t n, const char *s2, size_t n2)
{
    const es_where *w = t->w;
    int cmp;
    if (es_is_missing_token(s, n) || (t->col2 >= 0 && es_is_missing_token(s2, n2)))
        return w->op == ES_OP_NE ? ES_WHERE_YES : ES_WHERE_MISSING;
    es_trim_blanks(&s, &n);
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
        cmp = es_bytes_cmp(s, n, s2, n2);
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
