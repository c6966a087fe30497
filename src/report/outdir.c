/* outdir.c — a directory of outputs written whole or not at all: built in a temporary
 * directory beside the target and renamed over it at the end (report, reproduce). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "report/outdir.h"
#include "engagestat/outfile.h"

#include "core/cleanup.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static int es_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void es_outdir_remove(const char *path)
{
    if (path != NULL) {
        nftw(path, es_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        es_cleanup_drop(path);
    }
}

/* Whether dir may be replaced: missing, empty, or an engagestat report. */
int es_outdir_replaceable(const char *dir, es_err *err)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return errno == ENOENT ? ES_OK : es_err_set(err, ES_EIO, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return es_err_set(err, ES_EINVAL, "-o %s: exists and is not a directory", dir);
    if (rmdir(dir) == 0) /* empty: gone, made again by the rename */
        return ES_OK;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/results.json", dir);
    FILE *f = fopen(path, "rb");
    char head[512] = {0};
    size_t n = f ? fread(head, 1, sizeof head - 1, f) : 0;
    if (f)
        fclose(f);
    head[n] = '\0';
    if (strstr(head, "\"command\": \"report\"") == NULL && strstr(head, "\"command\": \"reproduce\"") == NULL)
        return es_err_set(err, ES_EINVAL,
                          "-o %s: the directory exists and does not hold an engagestat report (no results.json of "
                          "a report); choose a new directory or remove it",
                          dir);
    return ES_OK;
}

/* Rename the finished tmp over dir (an old report is moved aside, then removed). */
int es_outdir_swap_in(const char *tmp, const char *dir, es_err *err)
{
    char old[PATH_MAX];
    int have_old = 0;
    struct stat st;
    if (lstat(dir, &st) == 0) {
        snprintf(old, sizeof old, "%s.old.XXXXXX", dir);
        if (mkdtemp(old) == NULL || rmdir(old) != 0 || rename(dir, old) != 0)
            return es_err_set(err, ES_EIO, "%s: cannot move the old report aside: %s", dir, strerror(errno));
        have_old = 1;
    }
    if (rename(tmp, dir) != 0) {
        int e = errno;
        if (have_old)
            rename(old, dir);
        return es_err_set(err, ES_EIO, "%s: %s", dir, strerror(e));
    }
    es_cleanup_drop(tmp);
    if (have_old)
        es_outdir_remove(old);
    return ES_OK;
}

int es_outdir_begin(const char *dir, char *tmp, size_t size, es_err *err)
{
    int rc = es_outdir_replaceable(dir, err);
    if (rc != ES_OK)
        return rc;
    if ((size_t)snprintf(tmp, size, "%s.tmp.XXXXXX", dir) >= size)
        return es_err_set(err, ES_EINVAL, "%s: the name is too long", dir);
    /* The missing parents of dir, as mkdir -p makes them. */
    char *slash = strrchr(tmp, '/');
    if (slash != NULL && slash != tmp) {
        *slash = '\0';
        rc = es_mkdir_p(tmp, err);
        *slash = '/';
        if (rc != ES_OK)
            return rc;
    }
    if (mkdtemp(tmp) == NULL)
        return es_err_set(err, ES_EIO, "%s: cannot make a temporary directory: %s", tmp, strerror(errno));
    mode_t um = umask(0);
    umask(um);
    chmod(tmp, 0777 & ~um); /* mkdtemp makes 0700; let the umask decide, as mkdir would */
    es_cleanup_add(tmp, 1);
    return ES_OK;
}

/* cairo (1.16) stamps each PDF with the time it was made: with a pinned date
 * (SOURCE_DATE_EPOCH) the stamp becomes that date, in place (same length, so the
 * PDF's cross-reference offsets stay right). */
void es_outdir_pin_pdf_date(const char *path, long long date)
{
    FILE *f = fopen(path, "r+b");
    if (f == NULL)
        return;
    static const char key[] = "/CreationDate (D:";
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    long at = -1;
    for (size_t i = 0; i + sizeof key - 1 + 14 <= n && at < 0; i++)
        if (memcmp(buf + i, key, sizeof key - 1) == 0)
            at = (long)(i + sizeof key - 1);
    if (at < 0 && n == sizeof buf && fseek(f, -(long)sizeof buf, SEEK_END) == 0) {
        /* the info dictionary is near the end in cairo's files */
        long base = ftell(f);
        n = fread(buf, 1, sizeof buf, f);
        for (size_t i = 0; i + sizeof key - 1 + 14 <= n && at < 0; i++)
            if (memcmp(buf + i, key, sizeof key - 1) == 0)
                at = base + (long)(i + sizeof key - 1);
    }
    if (at >= 0) {
        time_t t = (time_t)date;
        struct tm tm;
        char stamp[16];
        gmtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
        if (strlen(stamp) == 14 && fseek(f, at, SEEK_SET) == 0)
            fwrite(stamp, 1, 14, f);
    }
    fclose(f);
}

