/* Unit tests for date.c: strict YYYY-MM-DD parsing and day arithmetic. */
#include "check.h"
#include "core/date.h"

#include <stdlib.h>

int
main(void)
{
    day_number d;
    CHECK(date_parse("1970-01-01", &d) && d == 0);
    CHECK(date_parse("1970-01-02", &d) && d == 1);
    CHECK(date_parse("1969-12-31", &d) && d == -1);
    CHECK(date_parse("2000-02-29", &d));  /* divisible by 400: leap */
    CHECK(!date_parse("1900-02-29", &d)); /* divisible by 100: not leap */
    CHECK(date_parse("2024-02-29", &d));
    CHECK(!date_parse("2026-02-29", &d));
    CHECK(!date_parse("2026-02-30", &d));
    CHECK(!date_parse("2026-04-31", &d));
    CHECK(date_parse("2026-12-31", &d));
    CHECK(!date_parse("2026-13-01", &d));
    CHECK(!date_parse("2026-00-10", &d));
    CHECK(!date_parse("2026-01-00", &d));
    CHECK(!date_parse("0000-01-01", &d));
    CHECK(date_parse("0001-01-01", &d));
    CHECK(date_parse("9999-12-31", &d));
    /* Shape: exactly ten characters, no signs, spaces or short fields. */
    CHECK(!date_parse("2026-1-01", &d));
    CHECK(!date_parse("2026-01-1", &d));
    CHECK(!date_parse(" 2026-01-01", &d));
    CHECK(!date_parse("2026-01-01 ", &d));
    CHECK(!date_parse("2026/01/01", &d));
    CHECK(!date_parse("+2026-01-01", &d));
    CHECK(!date_parse("12026-01-01", &d));
    CHECK(!date_parse("", &d));
    CHECK(!date_parse("2026-01-0x", &d));

    /* Differences are day counts. */
    day_number a, b;
    CHECK(date_parse("2026-03-01", &a) && date_parse("2026-02-28", &b) && a - b == 1);
    CHECK(date_parse("2024-03-01", &a) && date_parse("2023-03-01", &b) && a - b == 366);

    /* Format round-trips every day of a few centuries. */
    char out[11];
    int bad = 0;
    for (day_number x = date_from_civil(1899, 1, 1); x <= date_from_civil(2101, 1, 1); x++) {
        date_format(x, out);
        if (!date_parse(out, &d) || d != x)
            bad++;
    }
    CHECK(bad == 0);
    date_format(0, out);
    CHECK_STR(out, "1970-01-01");
    date_format(date_from_civil(2026, 11, 22), out);
    CHECK_STR(out, "2026-11-22");

    /* SOURCE_DATE_EPOCH decides "today" when set. */
    setenv("SOURCE_DATE_EPOCH", "86400", 1);
    CHECK(date_today(&d) && d == 1);
    setenv("SOURCE_DATE_EPOCH", "1798329600", 1); /* 2026-12-27 00:00 UTC */
    CHECK(date_today(&d) && d == date_from_civil(2026, 12, 27));
    setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
    CHECK(!date_today(&d));
    setenv("SOURCE_DATE_EPOCH", "-5", 1);
    CHECK(!date_today(&d));
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK(date_today(&d) && d > date_from_civil(2020, 1, 1));
    return check_done("date");
}
