/*
 * finding.h - one finding as a JSON object, shared by the files of
 * render/jansson/ (the home of jansson: report.c, diff.c).
 *
 * Ownership: the object is the caller's (json_decref(), or give it to an
 * array with json_array_append_new()).
 */
#ifndef JOURNEYMAP_JANSSON_FINDING_H
#define JOURNEYMAP_JANSSON_FINDING_H

#include "core/diag.h"

#include <jansson.h>

/* {file, line, severity, rule, subject, message}, the keys of check --format
 * json; file is the finding's (diag_file()). */
json_t *finding_json(const struct finding *f, const char *file);

#endif
