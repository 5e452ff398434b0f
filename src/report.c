/*
 * report.c - findings for people (compiler format) and for programs (JSON).
 *
 * JSON is built with jansson, never by hand, so that any byte a user put
 * in a name or message comes out correctly escaped. Human lines go through
 * the same quoting as messages: a finding is always exactly one line.
 */
#include "report.h"

#include "util.h"

#include <jansson.h>
#include <stdlib.h>

bool
report_human(FILE *out, const struct diag *d)
{
    struct buf line;
    buf_init(&line);
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        buf_printf(&line, "%s:%u: %s: ", f->file, f->line, severity_names[f->severity]);
        /* Messages are one line already; keep it so even for hostile bytes. */
        for (const char *p = f->message; *p; p++)
            buf_putc(&line, (*p == '\n' || *p == '\r') ? ' ' : *p);
        buf_printf(&line, " [%s]\n", f->rule);
        fputs(buf_str(&line), out);
        line.len = 0;
    }
    buf_finish(&line);
    return fflush(out) == 0 && !ferror(out);
}

bool
report_json(FILE *out, const struct diag *d)
{
    json_t *arr = json_array();
    if (!arr)
        die_oom();
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        /* json_pack keeps this key order: file, line, severity, rule, subject, message. */
        json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "file", f->file, "line",
                              (json_int_t)f->line, "severity", severity_names[f->severity], "rule",
                              f->rule, "subject", f->subject, "message", f->message);
        if (!o) {
            /* Only invalid UTF-8 can make jansson refuse a string; the loader
             * rejects such files, so this is a bug, not bad input. */
            fputs("journeymap: internal error: a finding is not valid UTF-8\n", stderr);
            abort();
        }
        json_array_append_new(arr, o);
    }
    int rc = json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(arr);
    fputc('\n', out);
    return rc == 0 && fflush(out) == 0 && !ferror(out);
}
