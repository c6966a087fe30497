/* cleanup.c — see cleanup.h.  The handler uses only async-signal-safe calls (unlink,
 * fork, execve, waitpid, sigaction, raise): a directory is removed by /bin/rm -rf. */
#include "core/cleanup.h"

#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ES_CLEANUP_SLOTS 8

static struct {
    volatile sig_atomic_t used;
    int is_dir;
    char path[PATH_MAX];
} es_slots[ES_CLEANUP_SLOTS];

void es_cleanup_add(const char *path, int is_dir)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX)
        return;
    for (int i = 0; i < ES_CLEANUP_SLOTS; i++)
        if (!es_slots[i].used) {
            memcpy(es_slots[i].path, path, n + 1);
            es_slots[i].is_dir = is_dir;
            es_slots[i].used = 1;
            return;
        }
}

void es_cleanup_drop(const char *path)
{
    for (int i = 0; i < ES_CLEANUP_SLOTS; i++)
        if (es_slots[i].used && strcmp(es_slots[i].path, path) == 0)
            es_slots[i].used = 0;
}

static void es_cleanup_handler(int sig)
{
    extern char **environ;
    for (int i = 0; i < ES_CLEANUP_SLOTS; i++) {
        if (!es_slots[i].used)
            continue;
        es_slots[i].used = 0;
        if (!es_slots[i].is_dir) {
            unlink(es_slots[i].path);
            continue;
        }
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = {"rm", "-rf", "--", es_slots[i].path, NULL};
            execve("/bin/rm", argv, environ);
            _exit(127);
        }
        if (pid > 0)
            while (waitpid(pid, NULL, 0) < 0)
                ;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    raise(sig);
}

void es_cleanup_on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = es_cleanup_handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* a signal ignored by the parent (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}
