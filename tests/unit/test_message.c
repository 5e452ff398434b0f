/* Unit tests for message.c: a message kept as its format and formatted
 * arguments reads back exactly as vsnprintf() would have written it, for
 * every kind of conversion the rules use and some they do not. */
#include "check.h"
#include "core/message.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Keep, put together, and compare with vsnprintf() of the same call. */
PRINTF_LIKE(1, 2)
static void
same(const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    struct buf args, out;
    buf_init(&args);
    buf_init(&out);
    message_keep(&args, fmt, ap);
    message_put(&out, fmt, args.data ? args.data : "");
    char want[1024];
    vsnprintf(want, sizeof want, fmt, again);
    CHECK_STR(buf_str(&out), want);
    buf_finish(&args);
    buf_finish(&out);
    va_end(ap);
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

    /* A lone '%' at the end is kept as text. */
    struct buf out;
    buf_init(&out);
    message_put(&out, "50%", "");
    CHECK_STR(buf_str(&out), "50%");
    buf_finish(&out);
    return check_done("unit message");
}
