/*
 * message.c - messages as a format and its formatted arguments
 * (message.h).
 */
#include "core/message.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* One conversion of a format, after its '%'. */
struct conv {
    const char *end; /* the byte after it */
    char type;       /* 'd' 'u' 'f' 'c' 's' 'p' (what va_arg reads), or 0: not one */
    char len[3];     /* the length modifier: "", "h", "hh", "l", "ll", "z", "j", "t", "L" */
    char spec[48];   /* the conversion for snprintf, any '*' replaced later */
    size_t spec_len;
    int stars;    /* how many '*' (each an int argument) */
    bool plain_s; /* exactly "%s" */
    bool quote_s; /* exactly "%-s": a name kept by reference, quoted when put */
};

/* Parse the conversion at p (just after '%'). */
static void
message_conv(const char *p, struct conv *c)
{
    memset(c, 0, sizeof *c);
    const char *start = p;
    while (*p && strchr("-+ #0'", *p))
        p++;
    if (*p == '*') {
        c->stars++;
        p++;
    } else {
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            c->stars++;
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    size_t k = 0;
    while (*p && strchr("hlzjtL", *p) && k < 2)
        c->len[k++] = *p++;
    c->end = *p ? p + 1 : p;
    switch (*p) {
    case 'd':
    case 'i':
        c->type = 'd';
        break;
    case 'o':
    case 'u':
    case 'x':
    case 'X':
        c->type = 'u';
        break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        c->type = 'f';
        break;
    case 'c':
    case 's':
    case 'p':
        c->type = *p;
        break;
    default:
        c->type = 0; /* '%' itself, %n, or not a conversion: kept as text */
        return;
    }
    size_t n = (size_t)(c->end - start);
    if (n + 2 > sizeof c->spec) {
        c->type = 0; /* no real format is this long */
        return;
    }
    c->spec[0] = '%';
    memcpy(c->spec + 1, start, n);
    c->spec_len = n + 1;
    c->spec[c->spec_len] = '\0';
    c->plain_s = c->type == 's' && n == 1;
    c->quote_s = c->type == 's' && n == 2 && start[0] == '-';
}

/*
 * The conversions messages use most, read without the general parse: "%s",
 * "%-s" (type 'q'), "%c", "%g", and "%d" and "%u" with no length, 'l',
 * "ll" (len 'L') or 'z'. p is just after the '%'; returns the byte after
 * the conversion, or NULL for any other (message_conv() reads those).
 */
static const char *
message_quick(const char *p, char *type, char *len)
{
    *len = 0;
    switch (p[0]) {
    case 's':
    case 'c':
    case 'd':
    case 'u':
    case 'g':
        *type = p[0];
        return p + 1;
    case '-':
        *type = 'q';
        return p[1] == 's' ? p + 2 : NULL;
    case 'z':
        *len = 'z';
        p++;
        break;
    case 'l':
        *len = 'l';
        p++;
        if (p[0] == 'l') {
            *len = 'L';
            p++;
        }
        break;
    default:
        return NULL;
    }
    if (p[0] != 'd' && p[0] != 'u')
        return NULL;
    *type = p[0];
    return p + 1;
}

/* v in decimal, as "%lld" would write it. */
static void
message_signed(struct buf *args, long long v)
{
    if (v < 0)
        buf_putc(args, '-');
    buf_put_unsigned(args, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

/* "%g" of v, through memo when there is one. */
static void
message_double(struct buf *args, struct message_memo *memo, double v)
{
    if (!memo) {
        buf_printf(args, "%g", v);
        return;
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t slot = (size_t)((bits * 0x9E3779B97F4A7C15u) >> 58) % MESSAGE_MEMO;
    char *text = memo->text[slot];
    if (!text[0] || memo->bits[slot] != bits) {
        int n = snprintf(text, sizeof memo->text[slot], "%g", v);
        if (n < 0 || (size_t)n >= sizeof memo->text[slot]) { /* cannot happen: at most 13 */
            text[0] = '\0';
            buf_printf(args, "%g", v);
            return;
        }
        memo->bits[slot] = bits;
    }
    buf_puts(args, text);
}

/* Keep the next argument of a conversion message_quick() read. */
static void
message_keep_quick(struct buf *args, struct message_memo *memo, char t, char len, va_list *ap)
{
    switch (t) {
    case 'q': {
        const char *s = va_arg(*ap, const char *);
        buf_append(args, (const char *)&s, sizeof s);
        return; /* the pointer itself, no NUL after it */
    }
    case 's': {
        const char *s = va_arg(*ap, const char *);
        buf_puts(args, s ? s : "(null)");
        break;
    }
    case 'c': {
        char ch = (char)(unsigned char)va_arg(*ap, int);
        buf_append(args, &ch, 1);
        break;
    }
    case 'g':
        message_double(args, memo, va_arg(*ap, double));
        break;
    case 'd':
        message_signed(args, len == 'L'   ? va_arg(*ap, long long)
                             : len == 'l' ? va_arg(*ap, long)
                             : len == 'z' ? va_arg(*ap, ptrdiff_t)
                                          : va_arg(*ap, int));
        break;
    default: /* 'u' */
        buf_put_unsigned(args, len == 'L'   ? va_arg(*ap, unsigned long long)
                               : len == 'l' ? va_arg(*ap, unsigned long)
                               : len == 'z' ? va_arg(*ap, size_t)
                                            : va_arg(*ap, unsigned));
        break;
    }
    buf_putc(args, '\0');
}

/* The spec with its '*'s (at most two, in order) turned into numbers. */
static void
message_stars(struct conv *c, const int *star)
{
    char out[sizeof c->spec + 24];
    size_t k = 0;
    int used = 0;
    for (size_t i = 0; i < c->spec_len; i++) {
        if (c->spec[i] == '*' && used < c->stars)
            k += (size_t)snprintf(out + k, sizeof out - k, "%d", star[used++]);
        else
            out[k++] = c->spec[i];
    }
    out[k] = '\0';
    if (k < sizeof c->spec) {
        memcpy(c->spec, out, k + 1);
        c->spec_len = k;
    }
}

/* The spec is used as a format: it was checked by the compiler as part of
 * the caller's format, and is rebuilt from it here. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif

void
message_keep(struct buf *args, struct message_memo *memo, const char *fmt, va_list given)
{
    /* A copy of its own, so that message_keep_quick() can take its address
     * (a va_list parameter may be an array turned into a pointer). */
    va_list ap;
    va_copy(ap, given);
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
        char t, len;
        const char *end = message_quick(p + 1, &t, &len);
        if (end) {
            p = end;
            message_keep_quick(args, memo, t, len, &ap);
            continue;
        }
        struct conv c;
        message_conv(p + 1, &c);
        p = c.end;
        if (!c.type)
            continue;
        int star[2] = {0, 0};
        for (int i = 0; i < c.stars; i++)
            star[i] = va_arg(ap, int);
        if (c.stars)
            message_stars(&c, star);
        const char *l = c.len;
        bool ll = strcmp(l, "ll") == 0, lo = strcmp(l, "l") == 0;
        switch (c.type) {
        case 'd':
            if (ll)
                buf_printf(args, c.spec, va_arg(ap, long long));
            else if (lo)
                buf_printf(args, c.spec, va_arg(ap, long));
            else if (*l == 'z' || *l == 't')
                buf_printf(args, c.spec, va_arg(ap, ptrdiff_t));
            else if (*l == 'j')
                buf_printf(args, c.spec, va_arg(ap, intmax_t));
            else
                buf_printf(args, c.spec, va_arg(ap, int));
            break;
        case 'u':
            if (ll)
                buf_printf(args, c.spec, va_arg(ap, unsigned long long));
            else if (lo)
                buf_printf(args, c.spec, va_arg(ap, unsigned long));
            else if (*l == 'z' || *l == 't')
                buf_printf(args, c.spec, va_arg(ap, size_t));
            else if (*l == 'j')
                buf_printf(args, c.spec, va_arg(ap, uintmax_t));
            else
                buf_printf(args, c.spec, va_arg(ap, unsigned));
            break;
        case 'f':
            if (*l == 'L')
                buf_printf(args, c.spec, va_arg(ap, long double));
            else
                buf_printf(args, c.spec, va_arg(ap, double));
            break;
        case 'c':
            buf_printf(args, c.spec, va_arg(ap, int));
            break;
        case 'p':
            buf_printf(args, c.spec, va_arg(ap, void *));
            break;
        default: { /* 's' */
            const char *s = va_arg(ap, const char *);
            if (c.quote_s) { /* the pointer itself, no NUL after it */
                buf_append(args, (const char *)&s, sizeof s);
                continue;
            }
            if (c.plain_s)
                buf_puts(args, s ? s : "(null)");
            else
                buf_printf(args, c.spec, s ? s : "(null)");
            break;
        }
        }
        buf_putc(args, '\0');
    }
    va_end(ap);
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* Append the argument kept at args (a name quoted, or text); returns
 * where the next one is kept. */
static const char *
message_put_arg(struct buf *out, const char *args, bool quote)
{
    if (quote) {
        const char *s;
        memcpy(&s, args, sizeof s);
        buf_quote(out, s ? s : "(null)", MESSAGE_QUOTE_MAX);
        return args + sizeof s;
    }
    size_t n = strlen(args);
    buf_append(out, args, n);
    return args + n + 1;
}

void
message_put(struct buf *out, const char *fmt, const char *args)
{
    const char *p = fmt;
    for (const char *pct; (pct = strchr(p, '%')) != NULL;) {
        buf_append(out, p, (size_t)(pct - p));
        char t, len;
        const char *end = message_quick(pct + 1, &t, &len);
        bool quote = end && t == 'q';
        if (!end) {
            struct conv c;
            message_conv(pct + 1, &c);
            if (!c.type) {
                /* "%%" is one '%'; anything else is text as written. */
                if (pct[1] == '%')
                    buf_putc(out, '%');
                else
                    buf_append(out, pct, (size_t)(c.end - pct));
                p = c.end;
                continue;
            }
            end = c.end;
            quote = c.quote_s;
        }
        p = end;
        args = message_put_arg(out, args, quote);
    }
    buf_puts(out, p);
}
