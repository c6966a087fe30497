/* engagestat/outfile.h — atomic output files: write to a temporary file beside the
 * target, then rename it over the target, so a failed run never leaves a half-written
 * file.  Ownership: an open es_outfile owns its stream and names until
 * es_outfile_commit() or es_outfile_abort(), which release them. */
#ifndef ES_OUTFILE_H
#define ES_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "engagestat/error.h"

typedef struct es_outfile {
    FILE *fp;      /* write the content here */
    int in_place;  /* 1: the target is a special file (device, FIFO), written directly */
    char *path;    /* the target */
    char *tmp;     /* the temporary file, NULL when in_place */
} es_outfile;

/* Open path for writing.  An existing path that is not a regular file (/dev/null,
 * /dev/full, /dev/stdout, a FIFO) is opened in place, since a rename would replace
 * it; otherwise a temporary file PATH.tmp.XXXXXX is made with mkstemp in the same
 * directory and given mode 0666 & ~umask, as fopen would.  Errors: ES_EIO ("PATH:
 * strerror"), ES_ENOMEM; *f is then zeroed and nothing is left behind. */
int es_outfile_open(const char *path, es_outfile *f, es_err *err);

/* Flush and close, then rename the temporary file over the target.  A write error
 * recorded on the stream, or a failing flush, close or rename, gives ES_EIO ("PATH:
 * strerror") and removes the temporary file; the target is then untouched.  *f is
 * released either way. */
int es_outfile_commit(es_outfile *f, es_err *err);

/* Close and remove the temporary file, leaving the target untouched; errno is kept,
 * so the caller can still report what failed.  A zeroed or released *f is a no-op. */
void es_outfile_abort(es_outfile *f);

/* Write data[0..n) to path through es_outfile_open / es_outfile_commit.  Errors as
 * theirs; a short write gives ES_EIO ("PATH: strerror"). */
int es_outfile_save(const char *path, const char *data, size_t n, es_err *err);

/* Make directory dir and its missing parents, as mkdir -p does; an existing directory
 * is fine.  Errors: ES_EIO ("PATH: not a directory", "PATH: cannot create directory:
 * strerror") naming the part that failed, ES_ENOMEM. */
int es_mkdir_p(const char *dir, es_err *err);

#endif
