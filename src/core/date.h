/*
 * date.h - calendar dates as day numbers (days since 1970-01-01).
 *
 * Journey files write dates as YYYY-MM-DD; rules compare them as integers.
 *
 * Ownership: no allocation here.
 */
#ifndef JOURNEYMAP_DATE_H
#define JOURNEYMAP_DATE_H

#include "core/model.h"

#include <stdbool.h>

/*
 * Parse exactly "YYYY-MM-DD" (year 0001..9999) naming a day that exists on
 * the proleptic Gregorian calendar. Returns false for anything else.
 */
bool date_parse(const char *s, day_number *out);
/* Write "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(day_number d, char out[static 11]);
/* The day number of a civil date (no range check). */
day_number date_from_civil(int year, int month, int day);
/*
 * Today for rules: SOURCE_DATE_EPOCH (seconds, UTC) when set and valid,
 * else the system clock (UTC). Returns false when SOURCE_DATE_EPOCH is set
 * but not a non-negative decimal number.
 */
bool date_today(day_number *out);

#endif
