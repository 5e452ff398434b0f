/*
 * number.h - numbers as journey files and spreadsheets write them: whole
 * numbers -?[0-9]+ and decimals -?(digits[.digits]|.digits), with a point,
 * never a comma, no exponent, no plus sign; and the shortest such decimal
 * that reads back as the same double, for writers whose output is read
 * again (the CSV export, the importers' journey files).
 *
 * Ownership: nothing is allocated; number_format() appends to the caller's
 * buffer.
 */
#ifndef JOURNEYMAP_NUMBER_H
#define JOURNEYMAP_NUMBER_H

#include "core/util.h"

#include <stdbool.h>

/* s as a whole number within [min, max]: true with it in *out. */
bool number_parse_int(const char *s, double min, double max, long *out);

/* s as a decimal number within [min, max] (at most 40 characters): true
 * with it in *out (never negative zero). */
bool number_parse_decimal(const char *s, double min, double max, double *out);

/* v (finite, within ±1e15) as the shortest decimal that
 * number_parse_decimal() reads back as v: 4, 0.25, -12.5. */
void number_format(struct buf *b, double v);

#endif
