/*
 * report.h - print findings: compiler-style lines, JSON or SARIF.
 *
 * The home of jansson (report.c): JSON and SARIF are built as jansson
 * values, so the library escapes every string. Writers take a sorted diag
 * and never change it; they return false when the stream could not be
 * written.
 *
 * Ownership: nothing is allocated for the caller; report_cleanup() frees
 * what the SARIF writer keeps between calls.
 */
#ifndef JOURNEYMAP_REPORT_H
#define JOURNEYMAP_REPORT_H

#include "core/diag.h"

#include <stdbool.h>
#include <stdio.h>

/* One line per finding: FILE:LINE: SEVERITY: MESSAGE [RULE] */
bool report_human(FILE *out, const struct diag *d);
/* One JSON array of {file, line, severity, rule, subject, message}. */
bool report_json(FILE *out, const struct diag *d);

/*
 * SARIF 2.1.0 for code-scanning dashboards: one run whose driver lists
 * every rule of the catalogue (with help text) and one result per finding.
 */
bool report_sarif(FILE *out, const struct diag *d);

/* Free what report_sarif() keeps between calls; for leak checkers. */
void report_cleanup(void);

#endif
