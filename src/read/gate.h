/*
 * gate.h - the input gate: the bytes of a file we were asked to read,
 * checked before any parser sees them.
 *
 * Only regular files are opened (a FIFO cannot hang us, a folder is named
 * as one). A journey file is then read in chunks through gate_read(),
 * which stops at the size cap, at a NUL byte (libxml2 would silently end
 * the document there), at a UTF-16 byte-order mark or gzip data (libxml2
 * would decode or inflate them), and at an XML declaration naming an
 * encoding other than UTF-8 (switching encodings would load an iconv
 * module chosen by the file). It counts lines and notes the first
 * "<!DOCTYPE". Whole small files (Mermaid) come through gate_slurp().
 *
 * Ownership: a struct gate is the caller's storage, opened with
 * gate_open() and released with gate_close(). gate_slurp() returns
 * malloc'd text the caller frees. No libxml2 here.
 */
#ifndef JOURNEYMAP_GATE_H
#define JOURNEYMAP_GATE_H

#include <stdbool.h>
#include <stddef.h>

struct gate {
    int fd;              /* -1 when reading from memory */
    const char *mem;     /* gate_open_memory(): the bytes, and how far read */
    size_t mem_len, mem_at;
    size_t max_bytes;      /* the cap */
    size_t bytes;          /* read so far */
    unsigned line;         /* newlines seen so far, + 1 */
    unsigned nul_line;     /* line of the first NUL byte, or 0 */
    bool too_big;          /* more than max_bytes */
    bool utf16;            /* starts with a UTF-16 byte order mark */
    bool gzip;             /* starts with the gzip magic */
    unsigned doctype_line; /* line of the first "<!DOCTYPE", or 0 */
    size_t doctype_match;  /* bytes of "<!DOCTYPE" matched so far */
    int read_errno;        /* a failed read(), or 0 */
    char *bad_encoding;    /* a declared encoding other than UTF-8, or NULL */
    char head[256];        /* the file's first bytes, for the XML declaration */
    size_t head_len;
    bool head_done;    /* the XML declaration has been looked at */
};

/*
 * Open path for reading, at most max_bytes of it. Returns false with *why
 * set (static text) when it cannot be opened or is not a regular file.
 */
bool gate_open(struct gate *g, const char *path, size_t max_bytes, const char **why);

/*
 * Read up to len bytes into buf: their count, 0 at the end of the file, or
 * -1 when the gate stops the file (see the fields: read_errno, too_big,
 * nul_line, utf16, gzip, bad_encoding). A NUL byte ends the bytes
 * returned just before it.
 */
int gate_read(struct gate *g, char *buf, int len);

/* Read len bytes of data (a file's content from elsewhere, such as a git
 * revision) through the same checks; data must outlive the gate. */
void gate_open_memory(struct gate *g, const char *data, size_t len, size_t max_bytes);

void gate_close(struct gate *g);

/*
 * The whole of a regular file of at most max bytes, NUL-terminated, its
 * length in *len. NULL with *why set (static text; too_big when the file
 * is larger) when it cannot be read. Caller frees with free().
 */
char *gate_slurp(const char *path, size_t max, const char *too_big, size_t *len, const char **why);

#endif
