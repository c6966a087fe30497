/* engagestat/error.h — status codes and error messages.
 * Ownership: an es_err owns its message; es_err_clear() frees it. */
#ifndef ES_ERROR_H
#define ES_ERROR_H

#include <stdarg.h>

enum {
    ES_OK = 0,
    ES_EINVAL,   /* invalid argument or option value */
    ES_EPARSE,   /* input could not be parsed */
    ES_EIO,      /* read or write failure */
    ES_ENOMEM,   /* allocation failed */
    ES_EEMPTY,   /* no data where some is required */
    ES_EGSL,     /* a GSL routine reported an error */
    ES_EDOM,     /* the question has no defined answer for these data (n < 2, ...) */
    ES_ENOCONV,  /* an iterative method did not converge */
    ES_NERRORS
};

/* A status plus a human-readable message ("FILE:LINE:COLUMN: what is wrong"). */
typedef struct es_err {
    int code;
    char *msg;
} es_err;

/* Name of a status code ("invalid argument", ...); never NULL. */
const char *es_strerror(int code);

/* Every error passes through here: returns code unchanged.  Break on it in a debugger. */
int es_error(int code);

/* Record code and a printf-style message in err (which may be NULL); returns code
 * after passing it through es_error().  A previous message is replaced. */
int es_err_set(es_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int es_err_vset(es_err *err, int code, const char *fmt, va_list ap);

/* Free the message and reset to ES_OK.  NULL is a no-op. */
void es_err_clear(es_err *err);

#endif
