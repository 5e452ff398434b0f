/*
 * output.c - atomic replacement of output files (temporary file + rename).
 */
#define _GNU_SOURCE /* mkostemp */
#include "write/output.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * While a temporary file exists, the signals that end a process by default
 * (Ctrl-C, kill, a closed terminal, a file-size limit) wait: a pending one
 * takes effect once the file has been renamed into place or removed, so it
 * never leaves a temporary file behind. (SIGXFSZ is ignored from the
 * start, in main(): exceeding `ulimit -f` is a write error we report.)
 */
static sigset_t held;

static void
output_hold_signals(void)
{
    static bool ready;
    if (!ready) {
        ready = true;
        sigemptyset(&held);
        sigaddset(&held, SIGINT);
        sigaddset(&held, SIGTERM);
        sigaddset(&held, SIGHUP);
        sigaddset(&held, SIGQUIT);
    }
    sigprocmask(SIG_BLOCK, &held, NULL);
}

static void
output_release_signals(void)
{
    sigprocmask(SIG_UNBLOCK, &held, NULL);
}

static bool
output_write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/*
 * Write data to a new temporary file beside path, flushed to disk.
 * Returns its name (caller frees, and renames or unlinks the file) and the
 * folder in *dir (caller frees), or NULL with *why set and nothing left.
 */
static char *
output_write_aside(const char *path, const void *data, size_t len, char **dir, const char **why)
{
    const char *slash = strrchr(path, '/');
    *dir = slash ? xasprintf("%.*s", (int)(slash - path + (slash == path)), path) : xstrdup(".");
    char *tmp = xasprintf("%s/.%s.XXXXXX", *dir, slash ? slash + 1 : path);
    errno = 0;
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        free(tmp);
        return NULL;
    }
    /* mkostemp makes 0600; generated files are as readable as others. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !output_write_all(fd, data, len) || fsync(fd) != 0) {
        *why = strerror(errno ? errno : EIO);
        close(fd);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    if (close(fd) != 0) {
        *why = strerror(errno);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

static void
output_sync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
}

bool
output_write(const char *path, const void *data, size_t len, const char **why)
{
    if (!path || strcmp(path, "-") == 0) {
        errno = 0;
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            *why = strerror(errno ? errno : EIO);
            return false;
        }
        return true;
    }
    /* Refuse to replace a folder (rename would fail later, after work). */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        *why = strerror(EISDIR);
        return false;
    }
    /* A device or pipe (/dev/null, a FIFO) is written to, never replaced. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        errno = 0;
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        bool ok = fd >= 0 && output_write_all(fd, data, len);
        if (!ok)
            *why = strerror(errno ? errno : EIO);
        if (fd >= 0 && close(fd) != 0 && ok) {
            *why = strerror(errno);
            ok = false;
        }
        return ok;
    }
    char *dir = NULL;
    output_hold_signals();
    char *tmp = output_write_aside(path, data, len, &dir, why);
    bool ok = false;
    if (!tmp)
        goto out;
    if (rename(tmp, path) != 0) {
        *why = strerror(errno);
        unlink(tmp);
        goto out;
    }
    output_sync_dir(dir); /* make the rename itself durable */
    ok = true;
out:
    output_release_signals();
    free(tmp);
    free(dir);
    return ok;
}

bool
output_create(const char *path, const void *data, size_t len, bool *exists, const char **why)
{
    struct stat st;
    /* A device or pipe (/dev/stdout, a FIFO) holds no file to lose. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        *exists = false;
        return output_write(path, data, len, why);
    }
    *exists = lstat(path, &st) == 0;
    if (*exists) {
        *why = strerror(EEXIST);
        return false;
    }
    char *dir = NULL;
    output_hold_signals();
    char *tmp = output_write_aside(path, data, len, &dir, why);
    bool ok = false;
    if (tmp) {
        /* link() fails if path appeared meanwhile: nothing is replaced. */
        if (link(tmp, path) != 0) {
            *exists = errno == EEXIST;
            *why = strerror(errno);
        } else {
            output_sync_dir(dir);
            ok = true;
        }
        unlink(tmp);
    }
    output_release_signals();
    free(tmp);
    free(dir);
    return ok;
}
