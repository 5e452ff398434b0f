/*
 * util.c - allocation that aborts on failure, and the growing buffer.
 */
#include "core/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
die_oom(void)
{
    fputs("journeymap: out of memory\n", stderr);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *
xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void
xgrow(void **ptr, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elsize)
            die_oom();
        /* Past a MiB, a quarter more: glibc moves such blocks by
         * remapping their pages, not copying them, so growing in smaller
         * steps costs little and leaves at most a quarter unused (not
         * half: 300,000 findings took 33 MB for 19). */
        n = n * elsize >= ((size_t)1 << 20) ? n + n / 4 : n * 2;
    }
    *ptr = xrealloc(*ptr, n * elsize);
    *cap = n;
}

static size_t
strindex_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    /* FNV's multiply carries only upward: keys alike but for their last
     * characters (c0000001, c0000002) would share low bits and crowd the
     * table. A finalizer (MurmurHash3's) mixes the high bits down. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h;
}

/* The slot holding key, or the empty slot where it belongs. A slot keeps
 * the low half of its key's hash, so a probe compares strings only when
 * the hashes agree: the keys and their text are not touched on the way. */
static uint64_t *
strindex_slot(const struct strindex *x, const char *key, size_t h)
{
    size_t mask = x->n_slots - 1, i = h & mask;
    uint64_t tag = (uint32_t)h;
    while (x->slots[i] &&
           ((x->slots[i] & 0xFFFFFFFFu) != tag || strcmp(x->keys[(x->slots[i] >> 32) - 1], key) != 0))
        i = (i + 1) & mask;
    return &x->slots[i];
}

size_t
strindex_find(const struct strindex *x, const char *key)
{
    if (!x->n_slots)
        return STRINDEX_NONE;
    uint64_t slot = *strindex_slot(x, key, strindex_hash(key));
    return slot ? (size_t)(slot >> 32) - 1 : STRINDEX_NONE;
}

/* Room for one more key: more than twice as many slots as keys. The slots
 * keep the low 32 bits of their keys' hashes, all that places a key in a
 * table of up to 2^32 slots: growing reads neither the keys nor their text
 * (a cache miss each in a large table). */
static void
strindex_room(struct strindex *x)
{
    if (x->n >= 0xFFFFFFFEu)
        die_oom(); /* numbers are kept in 32 bits */
    if (2 * (x->n + 1) < x->n_slots)
        return;
    size_t n_slots = x->n_slots ? 2 * x->n_slots : 64;
    if (n_slots > ((size_t)-1) / 2 / sizeof *x->slots)
        die_oom();
    uint64_t *old = x->slots;
    size_t n_old = x->n_slots, mask = n_slots - 1;
    x->n_slots = n_slots;
    x->slots = xcalloc(n_slots, sizeof *x->slots);
    if (n_slots - 1 <= 0xFFFFFFFFu) {
        for (size_t k = 0; k < n_old; k++) {
            if (!old[k])
                continue;
            size_t i = (size_t)(old[k] & 0xFFFFFFFFu) & mask;
            while (x->slots[i])
                i = (i + 1) & mask;
            x->slots[i] = old[k];
        }
    } else {
        for (size_t i = 0; i < x->n; i++) {
            size_t h = strindex_hash(x->keys[i]);
            *strindex_slot(x, x->keys[i], h) = (uint64_t)(i + 1) << 32 | (uint32_t)h;
        }
    }
    free(old);
}

/* Number key as the next one, in the empty slot where it belongs. */
static size_t
strindex_append(struct strindex *x, uint64_t *slot, const char *key, size_t h)
{
    xgrow((void **)&x->keys, &x->cap, x->n + 1, sizeof *x->keys);
    x->keys[x->n] = key;
    *slot = (uint64_t)(x->n + 1) << 32 | (uint32_t)h;
    return x->n++;
}

size_t
strindex_add(struct strindex *x, const char *key)
{
    strindex_room(x);
    size_t h = strindex_hash(key);
    return strindex_append(x, strindex_slot(x, key, h), key, h);
}

size_t
strindex_put(struct strindex *x, const char *key, bool *added)
{
    strindex_room(x);
    size_t h = strindex_hash(key);
    uint64_t *slot = strindex_slot(x, key, h);
    *added = !*slot;
    return *slot ? (size_t)(*slot >> 32) - 1 : strindex_append(x, slot, key, h);
}

void
strindex_finish(struct strindex *x)
{
    free(x->keys);
    free(x->slots);
    *x = (struct strindex)STRINDEX_INIT;
}

char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* Format into small (size bytes) in one pass when the text fits (*big
 * NULL), else into *big (malloc'd, the caller frees it); returns the
 * text's length. */
PRINTF_LIKE(4, 0)
static size_t
vformat(char *small, size_t size, char **big, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, size, fmt, copy);
    va_end(copy);
    if (n < 0)
        die_oom();
    *big = NULL;
    if ((size_t)n >= size) {
        *big = xmalloc((size_t)n + 1);
        vsnprintf(*big, (size_t)n + 1, fmt, ap);
    }
    return (size_t)n;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
    char small[256], *big;
    size_t n = vformat(small, sizeof small, &big, fmt, ap);
    return big ? big : memcpy(xmalloc(n + 1), small, n + 1);
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void
buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void
buf_finish(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

void
buf_append(struct buf *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (b->len + n + 1 < b->len)
        die_oom();
    if (b->len + n + 1 > b->cap)
        xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
    if (b->len + 2 > b->cap)
        xgrow((void **)&b->data, &b->cap, b->len + 2, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void
buf_put_unsigned(struct buf *b, unsigned long long v)
{
    char num[24], *end = num + sizeof num, *d = end;
    do
        *--d = (char)('0' + v % 10);
    while (v /= 10);
    buf_append(b, d, (size_t)(end - d));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
    char small[256], *big;
    va_list ap;
    va_start(ap, fmt);
    size_t n = vformat(small, sizeof small, &big, fmt, ap);
    va_end(ap);
    buf_append(b, big ? big : small, n);
    free(big);
}

const char *
buf_str(const struct buf *b)
{
    return b->data ? b->data : "";
}

char *
buf_steal(struct buf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    buf_init(b);
    return s;
}

unsigned
str_lines(const char *p, size_t n)
{
    unsigned k = 0;
    for (const char *end = p + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        k++;
    return k;
}

/* Whether s is the usual value, short and with nothing in it to show
 * differently, quoted as it is; its length in *len. */
static bool
str_quote_plain(const char *s, size_t max_chars, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u >= 0x20 && *u != 0x7F)
        u++;
    *len = (size_t)(u - (const unsigned char *)s);
    return !*u && *len <= max_chars;
}

/* The usual value's quoted text (len + 2 bytes, no NUL) at out. */
static void
str_quote_put_plain(char *out, const char *s, size_t len)
{
    out[0] = '"';
    memcpy(out + 1, s, len);
    out[len + 1] = '"';
}

size_t
str_quote(char *out, const char *s, size_t max_chars)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len;
    if (str_quote_plain(s, max_chars, &len)) {
        if (out)
            str_quote_put_plain(out, s, len);
        return len + 2;
    }
    size_t n = 0, chars = 0;
#define QUOTE_PUT(text, len)                                                                        \
    do {                                                                                           \
        if (out)                                                                                   \
            memcpy(out + n, (text), (len));                                                        \
        n += (len);                                                                                \
    } while (0)
    QUOTE_PUT("\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (; *p; p++) {
        /* Count characters, not bytes: UTF-8 continuation bytes are free. */
        bool cut = (*p & 0xC0) != 0x80 && chars++ == max_chars;
        if (!cut && *p >= 0x20 && *p != 0x7F)
            continue; /* part of a run written in one piece */
        QUOTE_PUT(run, (size_t)(p - run));
        run = p + 1;
        if (cut) {
            QUOTE_PUT("\xE2\x80\xA6", 3); /* … */
            run = NULL;
            break;
        }
        if (*p == '\n') {
            QUOTE_PUT("\\n", 2);
        } else if (*p == '\t') {
            QUOTE_PUT("\\t", 2);
        } else {
            char esc[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 0xF]};
            QUOTE_PUT(esc, 4);
        }
    }
    if (run)
        QUOTE_PUT(run, (size_t)(p - run));
    QUOTE_PUT("\"", 1);
#undef QUOTE_PUT
    return n;
}

void
buf_quote(struct buf *b, const char *s, size_t max_chars)
{
    size_t len; /* the usual value in one pass, not str_quote()'s two */
    if (str_quote_plain(s, max_chars, &len)) {
        if (b->len + len + 3 > b->cap)
            xgrow((void **)&b->data, &b->cap, b->len + len + 3, 1);
        str_quote_put_plain(b->data + b->len, s, len);
        b->len += len + 2;
        b->data[b->len] = '\0';
        return;
    }
    size_t n = str_quote(NULL, s, max_chars);
    if (b->len + n + 1 > b->cap)
        xgrow((void **)&b->data, &b->cap, b->len + n + 1, 1);
    str_quote(b->data + b->len, s, max_chars);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Length of the well-formed UTF-8 sequence at s, or 0 (RFC 3629 table 3). */
static size_t
utf8_seq(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t
utf8_valid_len(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) { /* ASCII without NUL, 8 bytes at a time */
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
            break;
    }
    while (i < len && p[i]) {
        size_t n = utf8_seq(p + i);
        if (!n || n > len - i)
            break;
        i += n;
    }
    return i;
}

char *
utf8_fix(const char *s)
{
    struct buf b;
    buf_init(&b);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = utf8_seq(p);
        if (n) {
            buf_append(&b, (const char *)p, n);
            p += n;
        } else {
            buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFD */
            p++;
        }
    }
    return buf_steal(&b);
}

void
buf_html_n(struct buf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the bytes not yet appended */
    for (size_t i = 0; i < n; i++) {
        const char *entity = NULL;
        switch (s[i]) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&quot;";
            break;
        case '\'':
            entity = "&#39;";
            break;
        default:
            if ((unsigned char)s[i] >= 0x20)
                continue;
            entity = " "; /* control characters */
        }
        buf_append(b, s + run, i - run);
        buf_puts(b, entity);
        run = i + 1;
    }
    buf_append(b, s + run, n - run);
}

void
buf_html(struct buf *b, const char *s)
{
    buf_html_n(b, s, strlen(s));
}

static char
str_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t
str_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64)
        return n == m && strcmp(a, b) == 0 ? 0 : limit + 1; /* not words anyone mistyped */
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    /* Optimal string alignment distance: three rows of the table. */
    size_t rows[3][65], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = str_lower(a[i - 1]) != str_lower(b[j - 1]);
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && str_lower(a[i - 1]) == str_lower(b[j - 2]) &&
                str_lower(a[i - 2]) == str_lower(b[j - 1]) && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > limit ? limit + 1 : prev[m];
}

const char *
str_closest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    bool tie = false;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i] || strcmp(candidates[i], word) == 0)
            continue;
        size_t d = str_distance(word, candidates[i], limit);
        if (d < best_d) {
            best = candidates[i];
            best_d = d;
            tie = false;
        } else if (d == best_d && d <= limit) {
            tie = true;
        }
    }
    return best_d <= limit && !tie ? best : NULL;
}

char *
collapse_space(const char *s)
{
    char *o = xmalloc(strlen(s) + 1), *q = o;
    bool space = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            space = q > o;
            continue;
        }
        if (space)
            *q++ = ' ';
        space = false;
        *q++ = *s;
    }
    *q = '\0';
    return o;
}
