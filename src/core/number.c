/*
 * number.c - reading and writing decimal numbers (number.h).
 */
#include "core/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
number_parse_int(const char *s, double min, double max, long *out)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!*p)
        return false;
    long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > 1000000000L)
            return false; /* far outside every range we accept */
        v = v * 10 + (*p - '0');
    }
    if (*s == '-')
        v = -v;
    if ((double)v < min || (double)v > max)
        return false;
    *out = v;
    return true;
}

bool
number_parse_decimal(const char *s, double min, double max, double *out)
{
    const char *p = s;
    size_t digits = 0;
    if (*p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (*p || digits == 0 || strlen(s) > 40)
        return false;
    double v = strtod(s, NULL);
    if (!isfinite(v) || v < min || v > max)
        return false;
    *out = v == 0 ? 0 : v; /* no negative zero */
    return true;
}

void
number_format(struct buf *b, double v)
{
    char text[64];
    if (v == 0)
        v = 0; /* no negative zero */
    for (int digits = 0; digits <= 38; digits++) {
        snprintf(text, sizeof text, "%.*f", digits, v);
        if (strtod(text, NULL) == v)
            break;
    }
    buf_puts(b, strcmp(text, "-0") == 0 ? "0" : text);
}
