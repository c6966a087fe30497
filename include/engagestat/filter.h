/* engagestat/filter.h — row filters (--where EXPR).
 *
 * Grammar (blanks around the parts are ignored):
 *   EXPR    := COLUMN OP OPERAND | COLUMN EQOP LIST
 *   OP      := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "~=" | "!~="
 *   EQOP    := "=" | "==" | "!=" | "~=" | "!~="
 *   OPERAND := NUMBER | 'TEXT' | "TEXT" | WORD
 *   LIST    := "(" ITEM { "," ITEM } ")"      ITEM := NUMBER | 'TEXT' | "TEXT" | WORD
 * "~=" is "=" and "!~=" is "!=" with text compared ignoring ASCII case (on numeric,
 * date and flag columns they are "=" and "!=").  A LIST is the IN list: "=" holds
 * when the cell equals any item, "!=" when it equals none ("not in").  Items are
 * values, never columns; an unquoted item holds no ',', '(', ')', quote, '=', '<' or
 * '>' (quote it: niche=('food, drink', fashion) is two items).  An unquoted operand
 * starting with '(' is a list: quote it to compare with such text.
 * COLUMN is a header name, a role name (followers, likes, date, ...) or the header's
 * normalised form; it holds no '=', '!', '<', '>' or '~'.  An unquoted WORD that names a
 * column (and is not a number) compares the two columns of the same row
 * ("likes>comments"); quote it to compare with the text.  Unquoted operands hold no
 * '=', '<', '>' and start with no '!'; quoted ones may hold anything but their quote.
 * How a row's cell compares depends on its column's type in the loaded table:
 *   numeric columns compare as numbers (exact for integers up to 2^53), with the
 *   file's decimal mark (--decimal) for the cells and the value; date columns compare
 *   as times (seconds since 1970 UTC: the value is an ISO date or Unix seconds, as
 *   the cells); flag columns (sponsored) as 0/1 (the value 1/0, true/false, yes/no);
 *   text columns compare bytes exactly (case matters) for = and !=; for the ordering
 *   operators as numbers when the value is a number (cells that are not numbers are
 *   not kept), else as bytes.
 * A missing cell satisfies only "!=".  A cell that does not parse in a numeric column
 * is not kept.
 *
 * Ownership: es_where_parse fills a caller-owned es_where; es_where_clear frees its
 * strings.  An es_where_test points into its es_where, which must outlive it. */
#ifndef ES_FILTER_H
#define ES_FILTER_H

#include <stddef.h>

#include "engagestat/error.h"

typedef enum { ES_OP_EQ, ES_OP_NE, ES_OP_LT, ES_OP_LE, ES_OP_GT, ES_OP_GE } es_cmpop;

/* One item of an IN list, read in every way a column may need it. */
enum { ES_WHERE_SLOT_DOT, ES_WHERE_SLOT_COMMA, ES_WHERE_SLOT_TIME, ES_WHERE_SLOT_FLAG, ES_WHERE_NSLOTS };
typedef struct es_where_item {
    char *text;                   /* without its quotes */
    size_t len;
    double num[ES_WHERE_NSLOTS];  /* as a number ('.' or ',' mark), a time, a flag */
    unsigned ok;                  /* bit i: num[i] holds the item read as slot i */
} es_where_item;

typedef struct es_where {
    char *expr;     /* the expression as given */
    char *column;   /* a column name, or a role name such as "followers" */
    es_cmpop op;
    char *value;    /* the operand, without its quotes */
    double number;  /* value as a number ('.' decimal mark), when value_is_number */
    int value_is_number;
    int value_quoted; /* the operand was quoted: always text, never a column */
    int icase;        /* "~=" / "!~=": text compares ignoring ASCII case */
    int is_list;      /* the operand is a LIST; value is its text as written, "(a, b)" */
    es_where_item *items;
    size_t n_items;
} es_where;

/* Parse EXPR by the grammar above.  Returns ES_OK or ES_EINVAL with a message in err
 * naming the expression, the character position (1-based) and what was expected. */
int es_where_parse(es_where *w, const char *expr, es_err *err);
void es_where_clear(es_where *w);

/* How a column's cells are read for a comparison. */
typedef enum { ES_WHERE_TEXT, ES_WHERE_NUMBER, ES_WHERE_TIME, ES_WHERE_FLAG } es_where_kind;

/* A filter bound to its column(s) in a table being loaded. */
typedef struct es_where_test {
    const es_where *w;
    es_where_kind kind;   /* of the left column */
    es_where_kind kind2;  /* of the right column, when col2 >= 0 */
    int col2;             /* right-hand column index, or -1 for a value */
    char decimal;         /* decimal mark of numbers: '.' or ',' */
    double number;        /* the value read as `kind` (or as a number, for text) */
    int value_numeric;    /* number holds the value */
} es_where_test;

/* Outcome of testing one row. */
typedef enum {
    ES_WHERE_NO = 0,   /* the row does not satisfy the filter */
    ES_WHERE_YES = 1,  /* it does */
    ES_WHERE_MISSING,  /* a cell is missing (not kept, except by "!=", which gives YES) */
    ES_WHERE_BAD       /* a cell is not a number/time/flag of its column's kind (not kept) */
} es_where_outcome;

/* Bind w to columns of the given kinds (col2 = -1 when the operand is a value).
 * ES_EINVAL with a message when the operand does not fit the column: a value that is
 * not a number for a numeric column, not a time for a date column, not a flag for a
 * flag column, or two columns of which one is text and the other not. */
int es_where_bind(es_where_test *t, const es_where *w, es_where_kind kind, int col2, es_where_kind kind2,
                  char decimal, es_err *err);

/* Test the cell s[0..n) (and the right-hand cell s2[0..n2) when t->col2 >= 0). */
es_where_outcome es_where_test_cells(const es_where_test *t, const char *s, size_t n, const char *s2, size_t n2);

/* Does the cell text s[0..n) satisfy w, w bound to a text column ('.' decimal mark)?
 * 1 for ES_WHERE_YES, else 0. */
int es_where_match(const es_where *w, const char *s, size_t n);

/* The operator as written ("=", "!=", "<", "<=", ">", ">="). */
const char *es_cmpop_name(es_cmpop op);

/* w's operator as written, case-insensitive forms included ("~=", "!~="). */
const char *es_where_op_name(const es_where *w);

/* For a case-sensitive "=" (single value or list) on text: 1 when s[0..n) equals the
 * value (or an item) but for ASCII case; the loader's near-match hint. */
int es_where_near(const es_where *w, const char *s, size_t n);

#endif
