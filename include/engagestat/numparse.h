/* engagestat/numparse.h — numbers, missing tokens and times as scraped data writes
 * them.  No allocation; nothing to free. */
#ifndef ES_NUMPARSE_H
#define ES_NUMPARSE_H

#include <stddef.h>

typedef enum {
    ES_NUM_OK = 0,  /* a number was parsed */
    ES_NUM_MISSING, /* a missing-value token: empty, NA, N/A, NaN, null, -, #VALUE!, ... */
    ES_NUM_BAD,     /* not a number */
    ES_NUM_RANGE    /* a number a double cannot hold: overflow (1e400), or a nonzero
                       literal that underflows to 0 (1e-400); NaN */
} es_numstatus;

/* Move *s and shorten *n past blanks (space, tab, CR, LF, VT, FF) at both ends. */
void es_trim_blanks(const char **s, size_t *n);

/* 1 if s[0..n) (surrounding blanks ignored) is a missing-value token: empty, NA,
 * N/A, N/A', NaN, null, NULL, None, -, #VALOR!, #VALUE!, #N/A (case-insensitive). */
int es_is_missing_token(const char *s, size_t n);

/* Parse s[0..n): plain or scientific numbers, thousands separators ("12,345"),
 * suffixes K (1e3), M (1e6), B (1e9) in either case ("1.2M", "15.3K"), and a
 * trailing "%" (divided by 100: "3.4%" -> 0.034).  Blanks around the value are
 * ignored.  Missing tokens give ES_NUM_MISSING and NaN; out of range ES_NUM_RANGE and
 * NaN.  A zero is +0 however written ("-0" is 0, as R's as.numeric("-0") prints). */
es_numstatus es_parse_number(const char *s, size_t n, double *out);

/* The same with a chosen decimal mark: decimal = ',' reads "10,5" as 10.5 and takes '.'
 * (and spaces) as thousands separators ("1.234,5"), as R's read.csv2 and European
 * spreadsheets write numbers; decimal = '.' is es_parse_number. */
es_numstatus es_parse_number_dec(const char *s, size_t n, char decimal, double *out);

/* Parse a time: ISO-8601 dates "2019-05-01", date-times "2019-05-01T13:45:00",
 * "2019-05-01 13:45:00.250", with "Z" or "+hh:mm"/"-hhmm" offsets (no offset = UTC),
 * or a Unix time in seconds (values above 1e11 are taken as milliseconds).
 * *out is seconds since 1970-01-01 UTC. */
es_numstatus es_parse_time(const char *s, size_t n, double *out);

/* Parse a flag: 1/0, true/false, yes/no, t/f, y/n (case-insensitive). */
es_numstatus es_parse_flag(const char *s, size_t n, double *out);

#endif
