/* Unit tests for message.c: a message kept as its format and formatted
 * arguments reads back exactly as vsnprintf() would have written it, for
 * every kind of conversion the rules use and some they do not; "%-s"
 * shows the name it points to, quoted, when the message is put together. */
#include "check.h"
#include "core/message.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* message_keep() through "..." (the tests' own wrapper). */
PRINTF_LIKE(2, 3)
static void
keep(struct buf *args, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message_keep(args, NULL, fmt, ap);
    va_end(ap);
}

/* The memo of "%g" texts the tests share across calls, as diag's is. */
static struct message_memo memo;

/* Keep (with and without the memo), put together, and compare with
 * vsnprintf() of the same call. */
PRINTF_LIKE(1, 2)
static void
same(const char *fmt, ...)
{
    va_list ap, with_memo, again;
    va_start(ap, fmt);
    va_copy(with_memo, ap);
    va_copy(again, ap);
    char want[1024];
    vsnprintf(want, sizeof want, fmt, again);
    for (int m = 0; m < 2; m++) {
        struct buf args, out;
        buf_init(&args);
        buf_init(&out);
        message_keep(&args, m ? &memo : NULL, fmt, m ? with_memo : ap);
        message_put(&out, fmt, args.data ? args.data : "");
        CHECK_STR(buf_str(&out), want);
        buf_finish(&args);
        buf_finish(&out);
    }
    va_end(ap);
    va_end(with_memo);
    va_end(again);
}

int
main(void)
{
    same("no arguments at all");
    same("%s", "only a string");
    same("\"%s\" has more minuses (%d) than pluses (%d) — work on the minuses", "Report", 2, 0);
    same("%u%% of customers abandon the journey at %s", 44u, "\"Login\"");
    same("%zu files, %lld days, %ld, %llu, %hhd, %hu", (size_t)3, -12LL, 7L,
         18446744073709551615ULL, (signed char)-5, (unsigned short)65535);
    same("%.1f and %.0f and %g and %5.2f|%-6d|%06d|%+d|%x|%X|%#o", 2.25, 99.5, 1e-7, 3.14159, 42,
         42, 42, 255u, 255u, 8u);
    same("%*d|%-*s|%.*s|%*.*f", 5, 12, 4, "ab", 3, "abcdef", 8, 2, 1.005);
    same("%c%c%c", 'a', '-', 'z');
    same("%.3s…", "truncated");
    same("100%% sure, %s", "and a string with % and %% in it");
    same("%p", (void *)0);
    same("%jd %td %zd", (intmax_t)-1, (ptrdiff_t)-2, (ptrdiff_t)-3);
    /* The conversions read without the general parse, at their limits. */
    same("%d %d %u %u %ld %lu", INT_MIN, INT_MAX, 0u, UINT_MAX, LONG_MIN, ULONG_MAX);
    const char *volatile none = NULL;
    same("%lld %llu %zu %zd|%s|%c", LLONG_MIN, 0ULL, SIZE_MAX, (ptrdiff_t)PTRDIFF_MIN, none, 'q');
    same("%g %g %g %g %g %g", -0.0, 0.0, 1e300, -1e-300, 1.0 / 3, 123456789.0);
    same("%g %g %g", (double)NAN, (double)INFINITY, -(double)INFINITY);
    same("%-d|%-5s|%5u|%-ld|%lx", 4, "x", 3u, 5L, 255UL); /* not quick: the general parse */
    /* The memo: repeated values, values whose slots collide, every text
     * the same as printf's. */
    for (int i = 0; i < 5000; i++)
        same("%g%% abandon; the limit is %g%%", 100.0 * (i % 97) / 7.0, 25.0 + (i % 3));

    /* "%-s": the name kept by reference, quoted when put together, as
     * "%s" of buf_quote()'s copy would have shown it then. */
    {
        char name[200] = "Onboarding \"call\"\tday 1";
        struct buf args, got, want;
        buf_init(&args);
        buf_init(&got);
        buf_init(&want);
        keep(&args, "%-s scores %d; %s and %-s", name, 2, "plain", "x");
        CHECK(args.len == sizeof(char *) + 2 + 6 + sizeof(char *)); /* pointers, no copies */
        strcpy(name, "Renamed"); /* what the message shows is the name as it is now */
        message_put(&got, "%-s scores %d; %s and %-s", args.data);
        buf_quote(&want, "Renamed", MESSAGE_QUOTE_MAX);
        buf_puts(&want, " scores 2; plain and ");
        buf_quote(&want, "x", MESSAGE_QUOTE_MAX);
        CHECK_STR(buf_str(&got), buf_str(&want));
        memset(name, 'a', 150); /* long: cut as buf_quote cuts it */
        name[150] = '\0';
        args.len = 0;
        keep(&args, "%-s", name);
        got.len = want.len = 0;
        message_put(&got, "%-s", args.data);
        buf_quote(&want, name, MESSAGE_QUOTE_MAX);
        CHECK_STR(buf_str(&got), buf_str(&want));
        CHECK(strstr(buf_str(&got), "…") != NULL);
        buf_finish(&args);
        buf_finish(&got);
        buf_finish(&want);
    }

    /* A lone '%' at the end is kept as text. */
    struct buf out;
    buf_init(&out);
    message_put(&out, "50%", "");
    CHECK_STR(buf_str(&out), "50%");
    buf_finish(&out);
    return check_done("unit message");
}
