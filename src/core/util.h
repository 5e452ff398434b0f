/*
 * util.h - allocation that never returns NULL, and a growing byte buffer.
 *
 * Ownership: everything returned by x*alloc/xstrdup/xasprintf is the
 * caller's and is freed with free(); a struct buf owns its bytes until
 * buf_finish() (which frees them) or buf_steal() (which hands them over).
 * Out of memory is not recoverable here: these functions print a message
 * and abort, so callers never check for NULL.
 */
#ifndef JOURNEYMAP_UTIL_H
#define JOURNEYMAP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Whether a and b are the same string. The first bytes are compared here,
 * so the usual mismatch in a search through a table of names costs no
 * call. */
static inline bool
str_eq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Print "journeymap: out of memory" and abort(). */
NORETURN void die_oom(void);

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow *ptr (an array of *cap elements of elsize bytes) to hold at least need. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elsize);
char *xstrdup(const char *s);
/* Caller frees with free(). */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PRINTF_LIKE(1, 0);

/* Strings numbered in the order they were added, found by hashing
 * (open addressing). The strings are not copied: they must outlive the
 * index. Zero-initialise, or use STRINDEX_INIT. */
struct strindex {
    const char **keys; /* by number */
    size_t n, cap;
    uint64_t *slots; /* (number + 1) << 32 | the hash's low 32 bits; 0: an empty slot */
    size_t n_slots; /* a power of two, more than twice n; 0 before the first add */
};
#define STRINDEX_INIT                                                                              \
    {                                                                                              \
        0                                                                                          \
    }
#define STRINDEX_NONE ((size_t)-1)
/* The number of key, or STRINDEX_NONE. */
size_t strindex_find(const struct strindex *x, const char *key);
/* Adds key, which must not be in x yet, and returns its number. */
size_t strindex_add(struct strindex *x, const char *key);
/* The number of key, added first if it is not in x yet (*added says
 * which): one look-up where strindex_find() and strindex_add() take two. */
size_t strindex_put(struct strindex *x, const char *key, bool *added);
void strindex_finish(struct strindex *x);

/* A growing, always NUL-terminated byte buffer (caller's storage). */
struct buf {
    char *data; /* NULL until the first append; "" is implied */
    size_t len; /* bytes used, not counting the terminating NUL */
    size_t cap; /* bytes allocated */
};

void buf_init(struct buf *b);
void buf_finish(struct buf *b);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* v in decimal, as "%llu" would write it. */
void buf_put_unsigned(struct buf *b, unsigned long long v);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The contents ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *b);
/* Hand the bytes to the caller (free() them) and reset the buffer. */
char *buf_steal(struct buf *b);

/*
 * Append s to b as a quoted value for a message: "…" around it, control
 * characters shown as \n, \t or \xNN, and at most max_chars characters
 * (longer values end with "…") so that one bad value cannot flood a line.
 */
void buf_quote(struct buf *b, const char *s, size_t max_chars);
/* The line breaks ('\n') in the n bytes at p. */
unsigned str_lines(const char *p, size_t n);

/* The same quoted value written to out (when not NULL; no NUL is added):
 * its length in bytes. */
size_t str_quote(char *out, const char *s, size_t max_chars);

/* Append s escaped for HTML text and attribute values (& < > " '); control
 * characters become spaces. */
void buf_html(struct buf *b, const char *s);
/* The same for n bytes of s. */
void buf_html_n(struct buf *b, const char *s, size_t n);

/*
 * How many edits (a character inserted, removed, replaced, or two
 * neighbours swapped) turn a into b, ignoring ASCII case; at most limit + 1
 * (larger distances are not told apart).
 */
size_t str_distance(const char *a, const char *b, size_t limit);

/*
 * The candidate (of n, NULLs skipped) that word was most likely meant to
 * be: equal but for case, or the only one at the smallest distance when
 * that is small for its length (1 for up to 4 characters, 2 up to 8, else
 * 3). NULL when there is none.
 */
const char *str_closest(const char *word, const char *const *candidates, size_t n);

/*
 * A copy of s that is valid UTF-8: each byte that does not start a
 * well-formed sequence becomes U+FFFD. File names come from the command
 * line and may be any bytes; JSON, SARIF and Markdown need UTF-8.
 * Caller frees with free().
 */
char *utf8_fix(const char *s);

/* How many bytes of s[0..len) from the start are well-formed UTF-8
 * without NUL (len when all are): where the first bad byte is. s[len]
 * must be readable (a NUL terminator). */
size_t utf8_valid_len(const char *s, size_t len);

/* A copy of s with every run of white space (spaces, tabs, line breaks)
 * one space, and none at either end. Caller frees. */
char *collapse_space(const char *s);

#endif
