/*
 * output.c - atomic replacement of output files (temporary file + rename).
 */
#define _GNU_SOURCE /* mkostemp, O_TMPFILE */
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

static void
output_sync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
}

/* ---------------------------------------------------------------------------
 * Written piece by piece
 */

struct output_stream {
    int fd;          /* the temporary file, or the device; -1 for standard output */
    bool anonymous;  /* O_TMPFILE: no name until committed */
    bool held;       /* signals held (a named temporary file exists) */
    bool failed;     /* a put failed; errno was err */
    int err;
    char *path, *dir, *tmp; /* tmp: the temporary file's name, once it has one */
};

static void
output_stream_free(struct output_stream *s)
{
    if (s->held)
        output_release_signals();
    free(s->path);
    free(s->dir);
    free(s->tmp);
    free(s);
}

/* The temporary file beside s->path: unnamed where the kernel and file
 * system allow (it can be named later through /proc/self/fd), else named
 * with the signals held until it is renamed or removed. */
static bool
output_stream_aside(struct output_stream *s, const char **why)
{
    const char *slash = strrchr(s->path, '/');
    s->dir = slash ? xasprintf("%.*s", (int)(slash - s->path + (slash == s->path)), s->path)
                   : xstrdup(".");
    mode_t mask = umask(0);
    umask(mask);
#ifdef O_TMPFILE
    if (access("/proc/self/fd", X_OK) == 0) {
        s->fd = open(s->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666 & ~mask);
        if (s->fd >= 0) {
            s->anonymous = true;
            return true;
        }
    }
#endif
    output_hold_signals();
    s->held = true;
    s->tmp = xasprintf("%s/.%s.XXXXXX", s->dir, slash ? slash + 1 : s->path);
    errno = 0;
    s->fd = mkostemp(s->tmp, O_CLOEXEC);
    if (s->fd < 0) {
        *why = strerror(errno);
        return false;
    }
    if (fchmod(s->fd, 0666 & ~mask) != 0) {
        *why = strerror(errno);
        close(s->fd);
        unlink(s->tmp);
        return false;
    }
    return true;
}

struct output_stream *
output_stream_open(const char *path, const char **why)
{
    struct output_stream *s = xcalloc(1, sizeof *s);
    s->fd = -1;
    if (!path || strcmp(path, "-") == 0)
        return s;
    s->path = xstrdup(path);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        *why = strerror(EISDIR);
        output_stream_free(s);
        return NULL;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or pipe is written to, never replaced. */
        s->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (s->fd < 0) {
            *why = strerror(errno);
            output_stream_free(s);
            return NULL;
        }
        return s;
    }
    if (!output_stream_aside(s, why)) {
        output_stream_free(s);
        return NULL;
    }
    return s;
}

bool
output_stream_put(struct output_stream *s, const void *data, size_t len)
{
    if (s->failed)
        return false;
    errno = 0;
    bool ok = s->fd < 0 ? fwrite(data, 1, len, stdout) == len : output_write_all(s->fd, data, len);
    if (!ok) {
        s->failed = true;
        s->err = errno ? errno : EIO;
    }
    return ok;
}

/* Give the unnamed file the name to (fails with EEXIST when it exists). */
static bool
output_link_fd(int fd, const char *to)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW) == 0;
}

/* Give the unnamed file a temporary name beside the destination. */
static bool
output_stream_name(struct output_stream *s)
{
    const char *slash = strrchr(s->path, '/');
    for (unsigned k = 0; k < 100; k++) {
        free(s->tmp);
        /* ".NAME.XXXXXX", as mkostemp() names them */
        unsigned long tag = ((unsigned long)getpid() * 40503u + k) & 0xffffffu;
        s->tmp = xasprintf("%s/.%s.%06lx", s->dir, slash ? slash + 1 : s->path, tag);
        if (output_link_fd(s->fd, s->tmp))
            return true;
        if (errno != EEXIST)
            return false;
    }
    return false;
}

/* Put the complete file at s->path: in place of what is there, or (not
 * replace) only where nothing is (*exists set when something was), and
 * free s. */
static bool
output_stream_finish(struct output_stream *s, bool replace, bool *exists, const char **why)
{
    bool ok = !s->failed;
    errno = s->err;
    if (s->fd < 0) { /* standard output */
        ok = ok && fflush(stdout) == 0;
        if (!ok)
            *why = strerror(errno ? errno : EIO);
        output_stream_free(s);
        return ok;
    }
    if (!s->anonymous && !s->tmp) { /* a device */
        ok = close(s->fd) == 0 && ok;
        if (!ok)
            *why = strerror(errno ? errno : EIO);
        output_stream_free(s);
        return ok;
    }
    ok = ok && fsync(s->fd) == 0;
    if (ok && s->anonymous) {
        output_hold_signals();
        s->held = true;
        /* Replacing goes through a temporary name and rename(); creating
         * names the file once, failing if the name appeared meanwhile. */
        ok = replace ? output_stream_name(s) : output_link_fd(s->fd, s->path);
        if (!ok) {
            free(s->tmp);
            s->tmp = NULL;
        }
    }
    if (!ok)
        *why = strerror(errno ? errno : EIO);
    if (!ok && exists)
        *exists = errno == EEXIST;
    if (close(s->fd) != 0 && ok) {
        *why = strerror(errno);
        ok = false;
    }
    if (ok && s->tmp) {
        /* link() fails if path appeared meanwhile: nothing is replaced. */
        ok = replace ? rename(s->tmp, s->path) == 0 : link(s->tmp, s->path) == 0;
        if (!ok) {
            *why = strerror(errno);
            if (exists)
                *exists = errno == EEXIST;
        }
    }
    if (ok)
        output_sync_dir(s->dir); /* make the new name itself durable */
    if (s->tmp && (!ok || !replace))
        unlink(s->tmp);
    output_stream_free(s);
    return ok;
}

bool
output_stream_commit(struct output_stream *s, const char **why)
{
    return output_stream_finish(s, true, NULL, why);
}

void
output_stream_abort(struct output_stream *s)
{
    if (s->fd >= 0)
        close(s->fd);
    if (s->tmp)
        unlink(s->tmp);
    output_stream_free(s);
}

/* ---------------------------------------------------------------------------
 * Written whole
 */

bool
output_write(const char *path, const void *data, size_t len, const char **why)
{
    struct output_stream *s = output_stream_open(path, why);
    if (!s)
        return false;
    output_stream_put(s, data, len);
    return output_stream_commit(s, why);
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
    struct output_stream *s = output_stream_open(path, why);
    if (!s)
        return false;
    output_stream_put(s, data, len);
    return output_stream_finish(s, false, exists, why);
}
