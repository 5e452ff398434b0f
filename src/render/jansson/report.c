/*
 * report.c - findings for people (compiler format) and for programs (JSON).
 *
 * JSON is built with jansson, never by hand, so that any byte a user put
 * in a name or message comes out correctly escaped. Human lines go through
 * the same quoting as messages: a finding is always exactly one line.
 */
#include "render/report.h"
#include "render/jansson/finding.h"

#include "core/catalog.h"
#include "core/util.h"

#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How many bytes of findings' lines are written at a time. */
#define REPORT_BATCH 65536

bool
report_human(FILE *out, const struct diag *d)
{
    /* The lines are put together in one buffer, written 64 KiB at a time. */
    struct buf line;
    buf_init(&line);
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        if (line.len >= REPORT_BATCH) {
            fwrite(line.data, 1, line.len, out);
            line.len = 0;
        }
        buf_puts(&line, diag_file(d, f));
        buf_putc(&line, ':');
        buf_put_unsigned(&line, f->line);
        buf_append(&line, ": ", 2);
        buf_puts(&line, severity_names[f->severity]);
        buf_append(&line, ": ", 2);
        /* Messages are one line already; keep it so even for hostile bytes. */
        size_t from = line.len;
        finding_put(f, &line);
        for (char *p = line.data + from; (p = strpbrk(p, "\r\n")) != NULL; p++)
            *p = ' ';
        buf_append(&line, " [", 2);
        buf_puts(&line, finding_rule(f));
        buf_append(&line, "]\n", 2);
    }
    if (line.len)
        fwrite(line.data, 1, line.len, out);
    buf_finish(&line);
    return fflush(out) == 0 && !ferror(out);
}

json_t *
finding_json(const struct finding *f, const char *file)
{
    /* json_pack keeps this key order: file, line, severity, rule, subject, message. */
    struct buf m;
    buf_init(&m);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "file", file, "line",
                          (json_int_t)f->line, "severity", severity_names[f->severity], "rule",
                          finding_rule(f), "subject", f->subject, "message", finding_text(f, &m));
    buf_finish(&m);
    if (!o) {
        /* Only invalid UTF-8 can make jansson refuse a string; the loader
         * rejects such files, so this is a bug, not bad input. */
        fputs("journeymap: internal error: a finding is not valid UTF-8\n", stderr);
        abort();
    }
    return o;
}

bool
report_json(FILE *out, const struct diag *d)
{
    json_t *arr = json_array();
    if (!arr)
        die_oom();
    for (size_t i = 0; i < diag_count(d); i++)
        json_array_append_new(arr, finding_json(diag_get(d, i), diag_file(d, diag_get(d, i))));
    int rc = json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(arr);
    fputc('\n', out);
    return rc == 0 && fflush(out) == 0 && !ferror(out);
}

/* A relative reference or file:// URI for a path, percent-encoding every
 * byte outside RFC 3986's unreserved set and '/'. */
static char *
report_path_uri(const char *path)
{
    struct buf b;
    buf_init(&b);
    if (path[0] == '/')
        buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/')
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_steal(&b);
}

/* A fingerprint that survives edits elsewhere in the file: FNV-1a of
 * rule, subject and file (not the line). */
static char *
report_fingerprint(const struct finding *f, const char *file)
{
    uint64_t h = 14695981039346656037u;
    const char *parts[] = {finding_rule(f), f->subject, file};
    for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
            h = (h ^ *p) * 1099511628211u;
        h = (h ^ 0xFF) * 1099511628211u; /* separator */
    }
    return xasprintf("%016llx", (unsigned long long)h);
}

static json_t *
report_sarif_rule(const struct rule_info *r)
{
    /* Markdown: tags such as <plan> and entities such as &amp; become code
     * spans, never raw HTML. */
    struct buf b;
    buf_init(&b);
    for (const char *p = r->help; *p; p++) {
        const char *close = *p == '<' ? strchr(p, '>') : NULL;
        if (*p == '&') { /* "&amp;" would render as "&" */
            close = p + 1;
            while ((*close >= 'a' && *close <= 'z') || *close == '#')
                close++;
            if (*close != ';' || close == p + 1)
                close = NULL;
        }
        if (close) {
            buf_putc(&b, '`');
            buf_append(&b, p, (size_t)(close - p + 1));
            buf_putc(&b, '`');
            p = close;
        } else {
            buf_putc(&b, *p);
        }
    }
    buf_printf(&b, "\n\nSee docs/rules.md, section `%s`.", r->id);
    char *md = buf_steal(&b);
    json_t *o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:[s]}}", "id",
                          r->id, "name", r->id, "shortDescription", "text", r->summary,
                          "fullDescription", "text", r->help, "help", "text", r->help, "markdown",
                          md, "defaultConfiguration", "level", severity_names[r->severity],
                          "properties", "tags", rule_category_names[r->category]);
    free(md);
    if (!o)
        die_oom();
    return o;
}

/* The driver's rule list is the same on every call: built once (a few
 * hundred allocations, most of a small report's cost) and shared. */
static json_t *sarif_rules_cache;

static json_t *
report_sarif_rules(void)
{
    if (!sarif_rules_cache) {
        sarif_rules_cache = json_array();
        if (!sarif_rules_cache)
            die_oom();
        for (size_t i = 0; i < catalog_len; i++)
            if (json_array_append_new(sarif_rules_cache, report_sarif_rule(&catalog[i])) != 0)
                die_oom();
    }
    return json_incref(sarif_rules_cache);
}

void
report_cleanup(void)
{
    json_decref(sarif_rules_cache);
    sarif_rules_cache = NULL;
}

bool
report_sarif(FILE *out, const struct diag *d)
{
    json_t *rules = report_sarif_rules(), *results = json_array();
    if (!results)
        die_oom();
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        const struct rule_info *r = catalog_find(finding_rule(f));
        const char *file = diag_file(d, f);
        char *uri = report_path_uri(file), *fp = report_fingerprint(f, file);
        finding_text(f, &m);
        json_t *region =
            f->line ? json_pack("{s:I}", "startLine", (json_int_t)f->line) : json_object();
        json_t *o = json_pack("{s:s, s:I, s:s, s:{s:s}, s:[{s:{s:{s:s}, s:o}}], s:{s:s}, s:{s:s}}",
                              "ruleId", finding_rule(f), "ruleIndex", (json_int_t)(r - catalog),
                              "level", severity_names[f->severity], "message", "text", buf_str(&m),
                              "locations", "physicalLocation", "artifactLocation", "uri", uri,
                              "region", region, "partialFingerprints", "journeymap/v1", fp,
                              "properties", "subject", f->subject);
        free(uri);
        free(fp);
        if (!o)
            die_oom();
        json_array_append_new(results, o);
    }
    buf_finish(&m);
    json_t *doc =
        json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:o, s:s}]}", "$schema",
                  "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                  "tool", "driver", "name", "journeymap", "semanticVersion", JOURNEYMAP_VERSION,
                  "informationUri", "https://github.com/journeymap/journeymap", "rules", rules,
                  "results", results, "columnKind", "unicodeCodePoints");
    if (!doc)
        die_oom();
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    fputc('\n', out);
    return rc == 0 && fflush(out) == 0 && !ferror(out);
}
