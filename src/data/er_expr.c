/* er_expr.c — the engagement-rate expression: parse, canonical text.
 *
 * Grammar (left-associative, * and / bind tighter than + and -):
 *   expr   := term (('+' | '-') term)*
 *   term   := factor (('*' | '/') factor)*
 *   factor := NUMBER | NAME | '"' any but '"' '"' | '(' expr ')'
 *   NAME   := [A-Za-z_][A-Za-z0-9_.]*
 * The NUM/DEN form of earlier versions (names joined by '+', one '/', one name, no
 * parentheses or numbers) reads as (sum)/name: "likes+comments/followers" keeps its
 * meaning.  Evaluation is in engagement.c. */
#include "engagestat/engagement.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_NUM, T_NAME, T_OP, T_LPAR, T_RPAR, T_END } es_tokkind;

typedef struct {
    es_tokkind kind;
    char op;          /* T_OP: + - * / */
    double value;     /* T_NUM */
    size_t name;      /* T_NAME: offset in def->names */
    size_t pos;       /* 1-based position in the text */
} es_tok;

typedef struct {
    es_er_def *def;
    const char *spec;
    es_tok tok[ES_ER_MAX_NODES * 2 + 4];
    size_t n_tok, at;
    es_err *err;
} es_er_parser;

static int es_er_fail(es_er_parser *p, size_t pos, const char *what)
{
    return es_err_set(p->err, ES_EINVAL, "--er '%s': at position %zu: %s", p->spec, pos, what);
}

/* The roles a name can mean in an expression. */
static es_role es_er_role(const char *name)
{
    es_role r = es_role_from_name(name);
    return es_role_is_count(r) || r == ES_ROLE_ER ? r : ES_ROLE_NONE;
}

static int es_er_tokenize(es_er_parser *p)
{
    const char *s = p->spec;
    size_t names = 0, i = 0, len = strlen(s);
    while (1) {
        while (s[i] == ' ' || s[i] == '\t')
            i++;
        if (p->n_tok + 2 >= sizeof p->tok / sizeof *p->tok)
            return es_er_fail(p, i + 1, "too many terms");
        es_tok *t = &p->tok[p->n_tok];
        t->pos = i + 1;
        char c = s[i];
        if (c == '\0') {
            t->kind = T_END;
            p->n_tok++;
            return ES_OK;
        }
        if (strchr("+-*/", c)) {
            t->kind = T_OP;
            t->op = c;
            i++;
        } else if (c == '(' || c == ')') {
            t->kind = c == '(' ? T_LPAR : T_RPAR;
            i++;
        } else if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)s[i + 1]))) {
            size_t j = i;
            while (isdigit((unsigned char)s[j]) || s[j] == '.')
                j++;
            if ((s[j] == 'e' || s[j] == 'E') &&
                (isdigit((unsigned char)s[j + 1]) || ((s[j + 1] == '+' || s[j + 1] == '-') && isdigit((unsigned char)s[j + 2])))) {
                j += 2;
                while (isdigit((unsigned char)s[j]))
                    j++;
            }
            char num[64], *end;
            if (j - i >= sizeof num)
                return es_er_fail(p, i + 1, "number too long");
            memcpy(num, s + i, j - i);
            num[j - i] = '\0';
            t->value = strtod(num, &end);
            if (*end != '\0' || !isfinite(t->value))
                return es_er_fail(p, i + 1, "not a number");
            t->kind = T_NUM;
            i = j;
        } else if (isalpha((unsigned char)c) || c == '_' || c == '"') {
            size_t j = i, from = i, to;
            if (c == '"') {
                const char *q = strchr(s + i + 1, '"');
                if (q == NULL)
                    return es_er_fail(p, i + 1, "unterminated '\"'");
                from = i + 1;
                to = (size_t)(q - s);
                j = to + 1;
                if (to == from)
                    return es_er_fail(p, i + 1, "empty name");
            } else {
                while (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.')
                    j++;
                to = j;
            }
            if (names + (to - from) + 1 > sizeof p->def->names)
                return es_er_fail(p, i + 1, "expression too long");
            memcpy(p->def->names + names, s + from, to - from);
            p->def->names[names + (to - from)] = '\0';
            t->kind = T_NAME;
            t->name = names;
            names += to - from + 1;
            i = j;
        } else {
            char what[64];
            snprintf(what, sizeof what, "unexpected character '%c'", c);
            return es_er_fail(p, i + 1, what);
        }
        p->n_tok++;
        (void)len;
    }
}

static int es_er_node_new(es_er_parser *p, es_er_op op, int a, int b, size_t pos)
{
    es_er_def *d = p->def;
    if (d->n_node >= ES_ER_MAX_NODES)
        return -1;
    es_er_node *n = &d->node[d->n_node];
    memset(n, 0, sizeof *n);
    n->op = op;
    n->a = a;
    n->b = b;
    n->pos = pos;
    return (int)d->n_node++;
}

static int es_er_expr(es_er_parser *p, int *out);

static int es_er_factor(es_er_parser *p, int *out)
{
    es_tok *t = &p->tok[p->at];
    if (t->kind == T_NUM || t->kind == T_NAME) {
        p->at++;
        int k = es_er_node_new(p, t->kind == T_NUM ? ES_ER_CONST : ES_ER_NAME, -1, -1, t->pos);
        if (k < 0)
            return es_er_fail(p, t->pos, "too many terms");
        es_er_node *n = &p->def->node[k];
        n->value = t->value;
        n->name = t->name;
        n->role = t->kind == T_NAME ? es_er_role(p->def->names + t->name) : ES_ROLE_NONE;
        *out = k;
        return ES_OK;
    }
    if (t->kind == T_LPAR) {
        p->at++;
        int rc = es_er_expr(p, out);
        if (rc != ES_OK)
            return rc;
        if (p->tok[p->at].kind != T_RPAR)
            return es_er_fail(p, p->tok[p->at].pos, p->tok[p->at].kind == T_END ? "missing ')' at the end"
                                                                                : "expected ')' or an operator");
        p->at++;
        return ES_OK;
    }
    return es_er_fail(p, t->pos, t->kind == T_END ? "expected a name, a number or '(' (the expression ends here)"
                                                  : "expected a name, a number or '('");
}

/* One precedence level: operands by next, operators from ops. */
static int es_er_level(es_er_parser *p, int *out, const char *ops, int (*next)(es_er_parser *, int *))
{
    int rc = next(p, out);
    while (rc == ES_OK && p->tok[p->at].kind == T_OP && strchr(ops, p->tok[p->at].op)) {
        es_tok *t = &p->tok[p->at++];
        int rhs;
        if ((rc = next(p, &rhs)) != ES_OK)
            break;
        es_er_op op = t->op == '+' ? ES_ER_ADD : t->op == '-' ? ES_ER_SUB : t->op == '*' ? ES_ER_MUL : ES_ER_DIV;
        int k = es_er_node_new(p, op, *out, rhs, t->pos);
        if (k < 0)
            return es_er_fail(p, t->pos, "too many terms");
        *out = k;
    }
    return rc;
}

static int es_er_term(es_er_parser *p, int *out)
{
    return es_er_level(p, out, "*/", es_er_factor);
}

static int es_er_expr(es_er_parser *p, int *out)
{
    return es_er_level(p, out, "+-", es_er_term);
}

/* The NUM/DEN form: NAME ('+' NAME)* '/' NAME END. */
static int es_er_legacy_tokens(const es_tok *t, size_t n)
{
    size_t i = 0;
    if (n < 4 || t[i++].kind != T_NAME)
        return 0;
    while (t[i].kind == T_OP && t[i].op == '+' && t[i + 1].kind == T_NAME)
        i += 2;
    return t[i].kind == T_OP && t[i].op == '/' && t[i + 1].kind == T_NAME && t[i + 2].kind == T_END;
}

int es_er_parse(es_er_def *def, const char *spec, es_err *err)
{
    memset(def, 0, sizeof *def);
    es_er_parser *p = calloc(1, sizeof *p);
    if (p == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    p->def = def;
    p->spec = spec;
    p->err = err;
    int rc = strlen(spec) > ES_ER_MAX_TEXT ? es_er_fail(p, ES_ER_MAX_TEXT + 1, "expression too long")
                                           : es_er_tokenize(p);
    if (rc == ES_OK && es_er_legacy_tokens(p->tok, p->n_tok)) {
        /* (sum)/den: a virtual '(' first and ')' before the '/'. */
        size_t slash = p->n_tok - 3;
        memmove(p->tok + slash + 2, p->tok + slash, 3 * sizeof *p->tok);
        memmove(p->tok + 1, p->tok, slash * sizeof *p->tok);
        p->tok[0] = (es_tok){.kind = T_LPAR, .pos = 1};
        p->tok[slash + 1] = (es_tok){.kind = T_RPAR, .pos = p->tok[slash + 2].pos};
        p->n_tok += 2;
    }
    if (rc == ES_OK)
        rc = es_er_expr(p, &def->root);
    if (rc == ES_OK && p->tok[p->at].kind != T_END)
        rc = es_er_fail(p, p->tok[p->at].pos, p->tok[p->at].kind == T_RPAR ? "')' without a matching '('"
                                                                           : "expected an operator");
    free(p);
    if (rc != ES_OK)
        memset(def, 0, sizeof *def);
    return rc;
}

static int es_er_prec(es_er_op op)
{
    return op == ES_ER_ADD || op == ES_ER_SUB ? 1 : op == ES_ER_MUL || op == ES_ER_DIV ? 2 : 3;
}

/* Names that need no quotes. */
static int es_er_bare(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
            return 0;
    return 1;
}

/* Names joined by '+' (the numerator of the NUM/DEN form). */
static int es_er_name_sum(const es_er_def *d, int k)
{
    const es_er_node *n = &d->node[k];
    return n->op == ES_ER_NAME || (n->op == ES_ER_ADD && es_er_name_sum(d, n->a) && d->node[n->b].op == ES_ER_NAME);
}

static int es_er_print(const es_er_def *d, int k, es_buf *b, int legacy)
{
    const es_er_node *n = &d->node[k];
    if (n->op == ES_ER_CONST) {
        char num[32];
        snprintf(num, sizeof num, "%.15g", n->value);
        if (strtod(num, NULL) != n->value)
            snprintf(num, sizeof num, "%.17g", n->value);
        return es_buf_puts(b, num);
    }
    if (n->op == ES_ER_NAME) {
        const char *s = d->names + n->name;
        return es_er_bare(s) ? es_buf_puts(b, s) : es_buf_printf(b, "\"%s\"", s);
    }
    static const char ops[] = {[ES_ER_ADD] = '+', [ES_ER_SUB] = '-', [ES_ER_MUL] = '*', [ES_ER_DIV] = '/'};
    int pa = es_er_prec(d->node[n->a].op), pb = es_er_prec(d->node[n->b].op), p = es_er_prec(n->op);
    /* Parentheses: a looser operand; an equal one on the right; and a product or
     * quotient inside a sum (so that "a+(b/c)" never reads as the NUM/DEN form). */
    int wrap_a = !legacy && (pa < p || (p == 1 && pa == 2));
    int wrap_b = pb < p || pb == p || (p == 1 && pb == 2);
    if (legacy)
        wrap_b = 0;
    int rc = es_buf_puts(b, wrap_a ? "(" : "");
    rc = rc ? rc : es_er_print(d, n->a, b, legacy && n->op == ES_ER_DIV ? 1 : 0);
    rc = rc ? rc : es_buf_printf(b, "%s%c", wrap_a ? ")" : "", ops[n->op]);
    rc = rc ? rc : es_buf_puts(b, wrap_b ? "(" : "");
    rc = rc ? rc : es_er_print(d, n->b, b, 0);
    return rc ? rc : es_buf_puts(b, wrap_b ? ")" : "");
}

int es_er_format_node(const es_er_def *def, int k, es_buf *b)
{
    if (def->n_node == 0 || k < 0 || (size_t)k >= def->n_node)
        return es_buf_puts(b, "");
    const es_er_node *n = &def->node[k];
    int legacy = n->op == ES_ER_DIV && es_er_name_sum(def, n->a) && def->node[n->b].op == ES_ER_NAME &&
                 def->node[n->a].op == ES_ER_ADD;
    return es_er_print(def, k, b, legacy);
}

int es_er_format(const es_er_def *def, es_buf *b)
{
    return es_er_format_node(def, def->root, b);
}

int es_er_ratio(const es_er_def *def, int *num, int *den)
{
    if (def->n_node == 0 || def->node[def->root].op != ES_ER_DIV)
        return 0;
    *num = def->node[def->root].a;
    *den = def->node[def->root].b;
    return 1;
}

int es_er_uses_role(const es_er_def *def, es_role r)
{
    for (size_t k = 0; k < def->n_node; k++)
        if (def->node[k].op == ES_ER_NAME && def->node[k].role == r)
            return 1;
    return 0;
}
