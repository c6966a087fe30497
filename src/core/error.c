/* error.c — status codes and the single error path. */
#include "engagestat/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const es_messages[ES_NERRORS] = {
    [ES_OK] = "success",
    [ES_EINVAL] = "invalid argument",
    [ES_EPARSE] = "parse error",
    [ES_EIO] = "input/output error",
    [ES_ENOMEM] = "out of memory",
    [ES_EEMPTY] = "no data",
    [ES_EGSL] = "numerical library error",
    [ES_EDOM] = "undefined for these data",
    [ES_ENOCONV] = "did not converge",
};

const char *es_strerror(int code)
{
    if (code < 0 || code >= ES_NERRORS)
        return "unknown error";
    return es_messages[code];
}

int es_error(int code)
{
    return code;
}

int es_err_vset(es_err *err, int code, const char *fmt, va_list ap)
{
    if (err == NULL)
        return es_error(code);
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (msg != NULL)
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
    free(err->msg);
    err->msg = msg;
    err->code = code;
    return es_error(code);
}

int es_err_set(es_err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = es_err_vset(err, code, fmt, ap);
    va_end(ap);
    return rc;
}

void es_err_clear(es_err *err)
{
    if (err == NULL)
        return;
    free(err->msg);
    err->msg = NULL;
    err->code = ES_OK;
}
