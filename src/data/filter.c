/* filter.c — --where comparisons on raw cell text. */
#include "engagestat/filter.h"
#include "engagestat/buf.h"
#include "engagestat/numparse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static char *es_trimdup(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return es_strndup(s, n);
}

int es_where_parse(es_where *w, const char *expr, es_err *err)
{
    memset(w, 0, sizeof *w);
    const char *p = strpbrk(expr, "=!<>");
    if (p == NULL || p == expr)
        return es_err_set(err, ES_EINVAL, "invalid --where expression '%s': expected COLUMN OP VALUE with OP one of = != < <= > >=", expr);
    size_t oplen = 1;
    if (p[0] == '!' && p[1] == '=') {
        w->op = ES_OP_NE;
        oplen = 2;
    } else if (p[0] == '<' && p[1] == '=') {
        w->op = ES_OP_LE;
        oplen = 2;
    } else if (p[0] == '>' && p[1] == '=') {
        w->op = ES_OP_GE;
        oplen = 2;
    } else if (p[0] == '<') {
        w->op = ES_OP_LT;
    } else if (p[0] == '>') {
        w->op = ES_OP_GT;
    } else if (p[0] == '=') {
        w->op = ES_OP_EQ;
        if (p[1] == '=')
            oplen = 2;
    } else {
        return es_err_set(err, ES_EINVAL, "invalid --where expression '%s': expected COLUMN OP VALUE with OP one of = != < <= > >=", expr);
    }
    w->column = es_trimdup(expr, (size_t)(p - expr));
    w->value = es_trimdup(p + oplen, strlen(p + oplen));
    if (w->column == NULL || w->value == NULL) {
        es_where_clear(w);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    if (w->column[0] == '\0') {
        es_where_clear(w);
        return es_err_set(err, ES_EINVAL, "invalid --where expression '%s': no column name", expr);
    }
    w->value_is_number = es_parse_number(w->value, strlen(w->value), &w->number) == ES_NUM_OK;
    return ES_OK;
}

void es_where_clear(es_where *w)
{
    if (w == NULL)
        return;
    free(w->column);
    free(w->value);
    w->column = w->value = NULL;
}

int es_where_match(const es_where *w, const char *s, size_t n)
{
    int cmp;
    double x;
    es_numstatus st = es_parse_number(s, n, &x);
    if (st == ES_NUM_MISSING)
        return w->op == ES_OP_NE;
    if (w->value_is_number && st == ES_NUM_OK) {
        cmp = x < w->number ? -1 : x > w->number ? 1 : 0;
    } else {
        while (n > 0 && isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        while (n > 0 && isspace((unsigned char)s[n - 1]))
            n--;
        size_t m = strlen(w->value);
        int c = memcmp(s, w->value, n < m ? n : m);
        cmp = c != 0 ? c : (n < m ? -1 : n > m ? 1 : 0);
    }
    switch (w->op) {
    case ES_OP_EQ: return cmp == 0;
    case ES_OP_NE: return cmp != 0;
    case ES_OP_LT: return cmp < 0;
    case ES_OP_LE: return cmp <= 0;
    case ES_OP_GT: return cmp > 0;
    case ES_OP_GE: return cmp >= 0;
    }
    return 0;
}
