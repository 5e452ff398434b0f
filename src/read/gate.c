/*
 * gate.c - the input gate (gate.h): opening only regular files, and the
 * checks every chunk of a journey file passes before libxml2 sees it.
 */
#include "read/gate.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char doctype_tag[] = "<!DOCTYPE";

/* Open path read-only; only a regular file is kept open. */
static int
gate_open_regular(const char *path, const char **why)
{
    /* O_NONBLOCK so that opening a FIFO cannot hang us. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "is a folder, not a file" : "is not a regular file";
        close(fd);
        return -1;
    }
    /* Regular files never block; clear O_NONBLOCK (used only to open FIFOs safely). */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

bool
gate_open(struct gate *g, const char *path, size_t max_bytes, const char **why)
{
    memset(g, 0, sizeof *g);
    g->line = 1;
    g->max_bytes = max_bytes;
    g->fd = gate_open_regular(path, why);
    return g->fd >= 0;
}

void
gate_open_memory(struct gate *g, const char *data, size_t len, size_t max_bytes)
{
    memset(g, 0, sizeof *g);
    g->line = 1;
    g->max_bytes = max_bytes;
    g->fd = -1;
    g->mem = data;
    g->mem_len = len;
}

void
gate_close(struct gate *g)
{
    if (g->fd >= 0)
        close(g->fd);
    g->fd = -1;
    free(g->bad_encoding);
    g->bad_encoding = NULL;
}

/* Look for the first "<!DOCTYPE" in buf[0..end), which may have begun in
 * the chunk before (g->doctype_match bytes of it). Between matches it
 * looks for the '!' of a "<!", rare (comments, CDATA, DOCTYPE), not for
 * every tag's '<'. */
static void
gate_doctype(struct gate *g, const char *buf, size_t end)
{
    size_t i = 0;
    while (i < end) {
        if (!g->doctype_match) {
            const char *bang = memchr(buf + i, '!', end - i);
            if (!bang) {
                g->doctype_match = end > i && buf[end - 1] == '<'; /* may go on */
                return;
            }
            size_t k = (size_t)(bang - buf);
            if (k == 0 || buf[k - 1] != '<') { /* k == 0: the chunk before did not end in '<' */
                i = k + 1;
                continue;
            }
            i = k - 1;
        }
        char c = buf[i];
        if (c == doctype_tag[g->doctype_match]) {
            if (++g->doctype_match == sizeof doctype_tag - 1) {
                g->doctype_line = g->line + str_lines(buf, i);
                return;
            }
        } else {
            g->doctype_match = c == '<';
        }
        i++;
    }
}

/* Scan a chunk: count lines, find NULs and the first "<!DOCTYPE".
 * Returns how many bytes come before a NUL (n when there is none). */
static int
gate_scan(struct gate *g, const char *buf, int n)
{
    const char *nul = memchr(buf, '\0', (size_t)n);
    size_t end = nul ? (size_t)(nul - buf) : (size_t)n;
    if (!g->doctype_line)
        gate_doctype(g, buf, end);
    g->line += str_lines(buf, end);
    if (nul) {
        g->nul_line = g->line;
        return (int)end;
    }
    return n;
}

static const char *
gate_find(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(buf + i, needle, k) == 0)
            return buf + i;
    return NULL;
}

/* Whether buf[0..n) could still grow into "<?xml " (after a UTF-8 BOM). */
static bool
gate_may_open_declaration(const char *buf, size_t n)
{
    static const char start[] = "\xEF\xBB\xBF<?xml";
    const char *want = n >= 1 && buf[0] == start[0] ? start : start + 3;
    for (size_t i = 0; i < n && want[i]; i++)
        if (buf[i] != want[i])
            return false;
    return true;
}

/* XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*. */
static bool
gate_is_encoding_name(const char *s, size_t len)
{
    if (len == 0 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
        return false;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '.' &&
            c != '_' && c != '-')
            return false;
    }
    return true;
}

/*
 * The encoding named by an XML declaration at the start of buf[0..n), or
 * NULL when there is none or it names UTF-8. Read here rather than by
 * libxml2, which is told to ignore it (XML_PARSE_IGNORE_ENC): switching
 * encodings would load an iconv module chosen by the file and print
 * conversion errors past our error handler. Caller frees.
 */
static char *
gate_declared_encoding(const char *buf, size_t n)
{
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        n -= 3;
    }
    if (n < 6 || memcmp(buf, "<?xml", 5) != 0 || !strchr(" \t\r\n", buf[5]) || buf[5] == '\0')
        return NULL;
    const char *end = gate_find(buf, n, "?>");
    const char *p = end ? gate_find(buf, (size_t)(end - buf), "encoding") : NULL;
    if (!p)
        return NULL;
    p += 8;
    while (p < end && strchr(" \t\r\n", *p))
        p++;
    if (p == end || *p++ != '=')
        return NULL;
    while (p < end && strchr(" \t\r\n", *p))
        p++;
    if (p == end || (*p != '"' && *p != '\''))
        return NULL;
    const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
    if (!close)
        return NULL;
    size_t len = (size_t)(close - p - 1);
    /* A malformed name is left to libxml2, which reports the declaration. */
    if (!gate_is_encoding_name(p + 1, len))
        return NULL;
    if ((len == 5 && strncasecmp(p + 1, "UTF-8", 5) == 0) ||
        (len == 4 && strncasecmp(p + 1, "UTF8", 4) == 0))
        return NULL;
    if (len > 60)
        len = 60;
    char *name = xmalloc(len + 1);
    memcpy(name, p + 1, len);
    name[len] = '\0';
    return name;
}

/* The first chunk: byte-order marks and magic numbers. */
static bool
gate_first_bytes_ok(struct gate *g, const char *buf, ssize_t n)
{
    if (g->bytes != 0 || n < 2)
        return true;
    const unsigned char *u = (const unsigned char *)buf;
    g->utf16 = (u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE);
    g->gzip = u[0] == 0x1F && u[1] == 0x8B;
    return !g->utf16 && !g->gzip;
}

/* Gather the XML declaration (libxml2 reads 4 bytes first); false when it
 * names an encoding we refuse. */
static bool
gate_declaration_ok(struct gate *g, const char *buf, ssize_t n)
{
    if (g->head_done || n <= 0)
        return true;
    size_t room = sizeof g->head - g->head_len;
    size_t k = (size_t)n < room ? (size_t)n : room;
    memcpy(g->head + g->head_len, buf, k);
    g->head_len += k;
    bool open = g->head_len < sizeof g->head && !gate_find(g->head, g->head_len, "?>") &&
                gate_may_open_declaration(g->head, g->head_len);
    if (open)
        return true;
    g->head_done = true;
    g->bad_encoding = gate_declared_encoding(g->head, g->head_len);
    return g->bad_encoding == NULL;
}

int
gate_read(struct gate *g, char *buf, int len)
{
    if (g->nul_line || g->too_big)
        return -1;
    ssize_t n;
    if (g->mem) {
        size_t left = g->mem_len - g->mem_at;
        n = (ssize_t)(left < (size_t)len ? left : (size_t)len);
        memcpy(buf, g->mem + g->mem_at, (size_t)n);
        g->mem_at += (size_t)n;
    } else {
        do
            n = read(g->fd, buf, (size_t)len);
        while (n < 0 && errno == EINTR);
    }
    if (n < 0) {
        g->read_errno = errno;
        return -1;
    }
    if (!gate_first_bytes_ok(g, buf, n) || !gate_declaration_ok(g, buf, n))
        return -1;
    g->bytes += (size_t)n;
    if (g->bytes > g->max_bytes) {
        g->too_big = true;
        return -1;
    }
    /* Before a NUL, the bytes up to it (the next call says -1). */
    int kept = gate_scan(g, buf, (int)n);
    return kept < n && kept == 0 ? -1 : kept;
}

char *
gate_slurp(const char *path, size_t max, const char *too_big, size_t *len, const char **why)
{
    int fd = gate_open_regular(path, why);
    if (fd < 0)
        return NULL;
    struct buf b;
    buf_init(&b);
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = strerror(EIO);
            break;
        }
        if (n == 0) {
            close(fd);
            *len = b.len;
            return buf_steal(&b);
        }
        buf_append(&b, chunk, (size_t)n);
        if (b.len > max) {
            *why = too_big;
            break;
        }
    }
    close(fd);
    buf_finish(&b);
    return NULL;
}
