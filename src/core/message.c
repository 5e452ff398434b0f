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
message_keep(struct buf *args, const char *fmt, va_list ap)
{
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
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
}

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

void
message_put(struct buf *out, const char *fmt, const char *args)
{
    const char *p = fmt;
    for (const char *pct; (pct = strchr(p, '%')) != NULL;) {
        buf_append(out, p, (size_t)(pct - p));
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
        p = c.end;
        if (c.quote_s) {
            const char *s;
            memcpy(&s, args, sizeof s);
            args += sizeof s;
            buf_quote(out, s ? s : "(null)", MESSAGE_QUOTE_MAX);
            continue;
        }
        size_t n = strlen(args);
        buf_append(out, args, n);
        args += n + 1;
    }
    buf_puts(out, p);
}
