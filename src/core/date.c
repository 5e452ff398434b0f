/*
 * date.c - civil dates to day numbers and back.
 *
 * The conversion is Howard Hinnant's days_from_civil / civil_from_days
 * algorithm: exact for the proleptic Gregorian calendar, no tables.
 */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

day_number
date_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (day_number)(era * 146097 + doe - 719468);
}

static void
date_civil_from_days(day_number z0, int *y, int *m, int *d)
{
    int z = z0 + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static bool
date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool
date_parse(const char *s, day_number *out)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = date_digits(s, 4), m = date_digits(s + 5, 2), d = date_digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    int last = month_days[m - 1] + (m == 2 && date_is_leap(y));
    if (d > last)
        return false;
    *out = date_from_civil(y, m, d);
    return true;
}

void
date_format(day_number dn, char out[static 11])
{
    int y, m, d;
    date_civil_from_days(dn, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

bool
date_today(day_number *out)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long long secs;
    if (sde && *sde) {
        char *end;
        if (*sde < '0' || *sde > '9')
            return false;
        secs = strtoll(sde, &end, 10);
        /* Beyond year 9999 is not a date a journey can compare with. */
        if (*end || secs < 0 || secs > 253402300799LL)
            return false;
    } else {
        secs = (long long)time(NULL);
    }
    *out = (day_number)(secs / 86400);
    return true;
}
