/* numparse.c — tolerant number, flag and time parsing for scraped data. */
#include "engagestat/numparse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Blank: space, tab, CR, LF, VT, FF (the C locale's isspace, without a table lookup). */
static int es_blank(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

void es_trim_blanks(const char **s, size_t *n)
{
    while (*n > 0 && es_blank((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && es_blank((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

int es_is_missing_token(const char *s, size_t n)
{
    static const struct {
        const char *text;
        size_t len;
    } tokens[] = {{"NA", 2}, {"N/A", 3}, {"N/A'", 4}, {"NaN", 3}, {"null", 4}, {"None", 4}, {"-", 1},
                  {"#VALOR!", 7}, {"#VALUE!", 7}, {"#N/A", 4}};
    es_trim_blanks(&s, &n);
    if (n == 0)
        return 1;
    /* Every token starts with 'N', 'n', '-' or '#': most cells are out at once. */
    if (n > 7 || ((*s | 0x20) != 'n' && *s != '-' && *s != '#'))
        return 0;
    for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++)
        if (tokens[i].len == n && strncasecmp(s, tokens[i].text, n) == 0)
            return 1;
    return 0;
}

es_numstatus es_parse_number(const char *s, size_t n, double *out)
{
    return es_parse_number_dec(s, n, '.', out);
}

es_numstatus es_parse_number_dec(const char *s, size_t n, char decimal, double *out)
{
    const char group = decimal == ',' ? '.' : ',';
    *out = NAN;
    es_trim_blanks(&s, &n);
    if (n == 0)
        return ES_NUM_MISSING;
    /* Fast path: an unsigned integer of at most 15 digits is exact in a double. */
    if (n <= 15) {
        uint64_t v = 0;
        size_t i = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (uint64_t)(s[i++] - '0');
        if (i == n) {
            *out = (double)v;
            return ES_NUM_OK;
        }
    }
    if (es_is_missing_token(s, n))
        return ES_NUM_MISSING;
    char tmp[64];
    size_t k = 0;
    double scale = 1.0;
    size_t end = n;
    /* Suffix: %, K, M, B (one of them). */
    char last = s[end - 1];
    if (last == '%') {
        scale = 0.01;
        end--;
    } else if (last == 'K' || last == 'k') {
        scale = 1e3;
        end--;
    } else if (last == 'M' || last == 'm') {
        scale = 1e6;
        end--;
    } else if (last == 'B' || last == 'b') {
        scale = 1e9;
        end--;
    }
    while (end > 0 && s[end - 1] == ' ')
        end--;
    if (end == 0)
        return ES_NUM_BAD;
    /* Copy, removing thousands separators: the group mark (',', or '.' with a decimal
     * comma) or a space must follow a digit and be followed by exactly three digits
     * ("12,345", "1,234,567.5", "1.234,5", "2 000"); the decimal mark becomes '.'. */
    int seen_dot = 0, seen_exp = 0;
    for (size_t i = 0; i < end; i++) {
        char c = s[i];
        if (c == decimal) {
            c = '.';
        } else if (c == group || c == ' ') {
            int ok = !seen_dot && !seen_exp && k > 0 && isdigit((unsigned char)s[i - 1]);
            for (size_t d = 1; ok && d <= 3; d++)
                ok = i + d < end && isdigit((unsigned char)s[i + d]);
            if (ok && i + 4 < end && isdigit((unsigned char)s[i + 4]))
                ok = 0;
            if (ok)
                continue;
            /* With a decimal comma, a '.' that cannot group thousands ("3.5K", which
             * platforms write whatever the locale) is the decimal point. */
            if (c != '.' || seen_dot)
                return ES_NUM_BAD;
        }
        if (c == '.')
            seen_dot = 1;
        if (c == 'e' || c == 'E')
            seen_exp = 1;
        if (k + 1 >= sizeof tmp)
            return ES_NUM_BAD;
        tmp[k++] = c;
    }
    tmp[k] = '\0';
    if (scale != 1.0 && seen_exp)
        return ES_NUM_BAD;
    /* Reject what strtod would accept but we do not want: hex, inf, nan words. */
    for (size_t i = 0; i < k; i++) {
        char c = tmp[i];
        if (!(isdigit((unsigned char)c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            return ES_NUM_BAD;
    }
    char *stop;
    errno = 0;
    double v = strtod(tmp, &stop);
    if (stop == tmp || *stop != '\0')
        return ES_NUM_BAD;
    /* Overflow (inf and nan words were refused above), or a nonzero literal that
     * underflows to 0 (ERANGE with 0).  A subnormal is kept: it is a double, which
     * export writes and must read back exactly (tests/test_export.c). */
    if (!isfinite(v) || (v == 0 && errno == ERANGE))
        return ES_NUM_RANGE;
    v *= scale;
    *out = v == 0 ? 0.0 : v; /* -0 is stored as +0 */
    return ES_NUM_OK;
}

es_numstatus es_parse_flag(const char *s, size_t n, double *out)
{
    static const char *const yes[] = {"1", "true", "yes", "t", "y"};
    static const char *const no[] = {"0", "false", "no", "f", "n"};
    *out = NAN;
    es_trim_blanks(&s, &n);
    if (es_is_missing_token(s, n))
        return ES_NUM_MISSING;
    for (size_t i = 0; i < 5; i++) {
        if (strlen(yes[i]) == n && strncasecmp(s, yes[i], n) == 0) {
            *out = 1;
            return ES_NUM_OK;
        }
        if (strlen(no[i]) == n && strncasecmp(s, no[i], n) == 0) {
            *out = 0;
            return ES_NUM_OK;
        }
    }
    if (es_parse_number(s, n, out) == ES_NUM_OK)
        return ES_NUM_OK;
    *out = NAN;
    return ES_NUM_BAD;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Hinnant's days_from_civil). */
static long es_days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int es_digits(const char *s, size_t n, size_t at, size_t count, long *v)
{
    if (at + count > n)
        return 0;
    long x = 0;
    for (size_t i = 0; i < count; i++) {
        if (!isdigit((unsigned char)s[at + i]))
            return 0;
        x = x * 10 + (s[at + i] - '0');
    }
    *v = x;
    return 1;
}

es_numstatus es_parse_time(const char *s, size_t n, double *out)
{
    *out = NAN;
    es_trim_blanks(&s, &n);
    if (es_is_missing_token(s, n))
        return ES_NUM_MISSING;
    long y, mo, d, h = 0, mi = 0, se = 0;
    if (n >= 10 && s[4] == '-' && s[7] == '-' && es_digits(s, n, 0, 4, &y) &&
        es_digits(s, n, 5, 2, &mo) && es_digits(s, n, 8, 2, &d)) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31)
            return ES_NUM_BAD;
        size_t i = 10;
        double frac = 0;
        if (i < n && (s[i] == 'T' || s[i] == ' ')) {
            if (!es_digits(s, n, i + 1, 2, &h) || i + 3 >= n || s[i + 3] != ':' ||
                !es_digits(s, n, i + 4, 2, &mi))
                return ES_NUM_BAD;
            i += 6;
            if (i < n && s[i] == ':') {
                if (!es_digits(s, n, i + 1, 2, &se))
                    return ES_NUM_BAD;
                i += 3;
                if (i < n && (s[i] == '.' || s[i] == ',')) {
                    double scale = 0.1;
                    i++;
                    while (i < n && isdigit((unsigned char)s[i])) {
                        frac += (s[i] - '0') * scale;
                        scale /= 10;
                        i++;
                    }
                }
            }
            if (h > 24 || mi > 59 || se > 60)
                return ES_NUM_BAD;
        }
        long offset = 0;
        if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < n && (s[i] == '+' || s[i] == '-')) {
            long oh, om = 0;
            int sign = s[i] == '-' ? -1 : 1;
            if (!es_digits(s, n, i + 1, 2, &oh))
                return ES_NUM_BAD;
            i += 3;
            if (i < n && s[i] == ':')
                i++;
            if (i < n) {
                if (!es_digits(s, n, i, 2, &om))
                    return ES_NUM_BAD;
                i += 2;
            }
            offset = sign * (oh * 3600 + om * 60);
        }
        if (i != n)
            return ES_NUM_BAD;
        *out = (double)es_days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + se + frac -
               (double)offset;
        return ES_NUM_OK;
    }
    double v;
    if (es_parse_number(s, n, &v) == ES_NUM_OK && strchr("KkMmBb%", s[n - 1]) == NULL) {
        *out = fabs(v) > 1e11 ? v / 1000.0 : v;
        return ES_NUM_OK;
    }
    return ES_NUM_BAD;
}
