/* outfile.c — atomic output files (temporary file, rename), shared by the CLI's
 * reports, the simulator's data and truth files and the figure files. */
#include "engagestat/outfile.h"
#include "engagestat/buf.h"

#include "core/cleanup.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static void es_outfile_release(es_outfile *f)
{
    if (f->tmp != NULL)
        es_cleanup_drop(f->tmp);
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
}

int es_outfile_open(const char *path, es_outfile *f, es_err *err)
{
    memset(f, 0, sizeof *f);
    if (path[0] == '\0')
        return es_err_set(err, ES_EINVAL, "an empty output file name");
    f->path = es_strdup(path);
    if (f->path == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    struct stat st, lst;
    int proc_link = 0; /* /dev/stdout, /dev/fd/N: a descriptor, written in place */
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char target[PATH_MAX];
        ssize_t k = readlink(path, target, sizeof target - 1);
        target[k > 0 ? k : 0] = '\0';
        proc_link = strncmp(target, "/proc/", 6) == 0 || strncmp(target, "/dev/", 5) == 0;
        char *real = proc_link ? NULL : realpath(path, NULL);
        if (real == NULL && !proc_link && errno != ENOENT) { /* a loop of links, ... */
            int rc = es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
            es_outfile_release(f);
            return rc;
        }
        if (real == NULL && !proc_link && k > 0) {
            /* A dangling link: write the file it names (as a shell's > does), its
             * folder relative to the link's; the link stays. */
            es_buf t = {0};
            const char *slash = strrchr(path, '/');
            if (target[0] != '/' && slash != NULL)
                es_buf_append(&t, path, (size_t)(slash - path) + 1);
            es_buf_puts(&t, target);
            real = t.failed ? NULL : es_buf_take(&t);
            es_buf_free(&t);
        }
        if (real != NULL) { /* a link to a file: replace the file it names, not the link */
            free(f->path);
            f->path = real;
        }
    }
    /* From here path is the file written (for a link, the file it names). */
    path = f->path;
    if (proc_link || (stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
        f->in_place = 1;
        f->fp = fopen(path, "wb");
        if (f->fp == NULL) {
            int rc = es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
            es_outfile_release(f); /* path is f->path: the message first */
            return rc;
        }
        return ES_OK;
    }
    es_buf tmp = {0};
    if (es_buf_printf(&tmp, "%s.tmp.XXXXXX", path) != ES_OK) {
        es_buf_free(&tmp);
        es_outfile_release(f);
        return es_err_set(err, ES_ENOMEM, "out of memory");
    }
    f->tmp = tmp.data;
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        int rc = es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
        es_outfile_release(f);
        return rc;
    }
    es_cleanup_add(f->tmp, 0);
    /* mkstemp creates 0600; give the file the mode a plain fopen would.  umask can only
     * be read by setting it, so it is set and at once restored. */
    mode_t mask = umask(022);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "wb");
    if (f->fp == NULL) {
        int rc = es_err_set(err, ES_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(f->tmp);
        es_outfile_release(f);
        return rc;
    }
    return ES_OK;
}

int es_outfile_commit(es_outfile *f, es_err *err)
{
    int e = 0;
    errno = 0;
    if (fflush(f->fp) != 0)
        e = errno ? errno : EIO;
    else if (ferror(f->fp))
        e = EIO;
    if (fclose(f->fp) != 0 && e == 0)
        e = errno ? errno : EIO;
    f->fp = NULL;
    if (e == 0 && f->tmp != NULL && rename(f->tmp, f->path) != 0)
        e = errno;
    int rc = ES_OK;
    if (e != 0) {
        if (f->tmp != NULL)
            unlink(f->tmp);
        rc = es_err_set(err, ES_EIO, "%s: %s", f->path, strerror(e));
    }
    es_outfile_release(f);
    return rc;
}

void es_outfile_abort(es_outfile *f)
{
    int e = errno;
    if (f->fp != NULL)
        fclose(f->fp);
    if (f->tmp != NULL)
        unlink(f->tmp);
    es_outfile_release(f);
    errno = e;
}

int es_outfile_save(const char *path, const char *data, size_t n, es_err *err)
{
    es_outfile f;
    int rc = es_outfile_open(path, &f, err);
    if (rc != ES_OK)
        return rc;
    errno = 0;
    if (n > 0 && fwrite(data, 1, n, f.fp) != n) {
        int e = errno ? errno : EIO;
        es_outfile_abort(&f);
        return es_err_set(err, ES_EIO, "%s: %s", path, strerror(e));
    }
    return es_outfile_commit(&f, err);
}

int es_mkdir_p(const char *dir, es_err *err)
{
    char *path = es_strdup(dir);
    if (path == NULL)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    int rc = ES_OK;
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (stat(path, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                rc = es_err_set(err, ES_EIO, "%s: not a directory", path);
        } else if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            rc = es_err_set(err, ES_EIO, "%s: cannot create directory: %s", path, strerror(errno));
        }
        *p = c;
        if (rc != ES_OK || c == '\0')
            break;
    }
    free(path);
    return rc;
}
