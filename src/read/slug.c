/*
 * slug.c - readable ids from names, unique in one id space (slug.h).
 */
#include "read/slug.h"

#include "core/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Base letters of U+00C0..U+017F and U+1EA0..U+1EF9 ('*': none). */
static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty"
                             "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlN"
                             "nNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static const char viet[] = "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOo"
                           "OoUuUuUuUuUuUuUuYyYyYyYy";
/* Cyrillic U+0410..U+044F, transliterated. */
static const char *const cyrillic[64] = {
    "a", "b", "v", "g", "d", "e", "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
    "a", "b", "v", "g", "d", "e", "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
};

/* Decode one UTF-8 character; returns its length (1 for a stray byte). */
static size_t
slug_utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80 || (s[0] & 0xE0) == 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    unsigned v = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = s[0];
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *cp = v;
    return n;
}

char *
slug_make(const char *name, const char *fallback, size_t n)
{
    struct buf b;
    buf_init(&b);
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        unsigned cp;
        p += slug_utf8_next(p, &cp);
        const char *out = NULL;
        char one[2] = {0, 0};
        if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
            one[0] = (char)cp;
        } else if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
        } else if (cp >= 0xC0 && cp <= 0x17F && latin1[cp - 0xC0] != '*') {
            one[0] = latin1[cp - 0xC0];
            if (one[0] >= 'A' && one[0] <= 'Z')
                one[0] = (char)(one[0] - 'A' + 'a');
        } else if (cp >= 0x1EA0 && cp <= 0x1EF9) {
            one[0] = viet[cp - 0x1EA0];
            if (one[0] >= 'A' && one[0] <= 'Z')
                one[0] = (char)(one[0] - 'A' + 'a');
        } else if (cp >= 0x410 && cp <= 0x44F) {
            out = cyrillic[cp - 0x410];
        } else if (cp == 0x401 || cp == 0x451) {
            out = "e";
        }
        if (one[0])
            out = one;
        if (out && *out) {
            if (dash && b.len)
                buf_putc(&b, '-');
            dash = false;
            buf_puts(&b, out);
        } else if (!out) {
            dash = true; /* anything else separates words */
        }
        if (b.len >= 48)
            break;
    }
    char *s = buf_steal(&b);
    if (!*s || !(s[0] >= 'a' && s[0] <= 'z')) {
        char *t = *s ? xasprintf("%s-%s", fallback, s) : xasprintf("%s-%zu", fallback, n);
        free(s);
        s = t;
    }
    return s;
}

const char *
slug_unique(struct slug_set *ids, char *id)
{
    char *cand = id;
    size_t base = strindex_find(&ids->taken, id);
    if (base != STRINDEX_NONE) {
        size_t k = ids->next[base];
        for (;; k++) {
            /* an id has at most 64 characters: the suffix shortens the base */
            char suffix[24];
            int n = snprintf(suffix, sizeof suffix, "-%zu", k);
            size_t keep = strlen(id);
            if (keep + (size_t)n > 64)
                keep = 64 - (size_t)n;
            cand = xasprintf("%.*s%s", (int)keep, id, suffix);
            if (strindex_find(&ids->taken, cand) == STRINDEX_NONE)
                break;
            free(cand);
        }
        ids->next[base] = k + 1;
        free(id);
    }
    size_t i = strindex_add(&ids->taken, cand);
    xgrow((void **)&ids->next, &ids->cap_next, i + 1, sizeof *ids->next);
    ids->next[i] = 2;
    return cand;
}

void
slug_set_finish(struct slug_set *ids)
{
    for (size_t i = 0; i < ids->taken.n; i++)
        free((char *)(uintptr_t)ids->taken.keys[i]); /* each came from slug_unique() */
    strindex_finish(&ids->taken);
    free(ids->next);
}
