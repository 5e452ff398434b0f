/*
 * diff.c - `journeymap diff -T json` (changes.h; diff.md, "JSON"): one
 * object with a journey entry per matched journey, its changes with
 * exactly the keys of the contract, and its findings new and resolved.
 */
#include "render/changes.h"
#include "render/jansson/finding.h"

#include "core/util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *
diff_change_json(const struct diff_change *c)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:I}", "kind", diff_kind_names[c->kind],
                          "what", c->what, "id", c->id, "field", str_or_null(c->field), "old",
                          str_or_null(c->old), "new", str_or_null(c->new_), "line",
                          (json_int_t)c->line);
    if (!o)
        die_oom(); /* every string comes from a loaded (valid UTF-8) file */
    return o;
}

static json_t *
diff_journey_json(const struct journey_diff *jd)
{
    const struct journey *j = jd->new_ ? jd->new_ : jd->old;
    json_t *changes = json_array(), *found_new = json_array(), *resolved = json_array();
    for (size_t i = 0; i < jd->n_changes; i++)
        json_array_append_new(changes, diff_change_json(&jd->changes[i]));
    for (size_t i = 0; i < jd->n_new; i++)
        json_array_append_new(found_new, finding_json(jd->found_new[i], jd->new_->file));
    for (size_t i = 0; i < jd->n_resolved; i++)
        json_array_append_new(resolved, finding_json(jd->found_resolved[i], jd->old->file));
    json_t *o = json_pack(
        "{s:s, s:o, s:o, s:s, s:o, s:{s:o, s:o}, s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "id", j->id,
        "old", str_or_null(jd->old ? jd->old->file : NULL), "new",
        str_or_null(jd->new_ ? jd->new_->file : NULL), "status", diff_status_names[jd->status],
        "changes", changes, "findings", "new", found_new, "resolved", resolved, "summary",
        "added", (json_int_t)jd->count[DIFF_ADDED], "removed", (json_int_t)jd->count[DIFF_REMOVED],
        "changed", (json_int_t)jd->count[DIFF_CHANGED], "moved", (json_int_t)jd->count[DIFF_MOVED],
        "findings_new", (json_int_t)jd->n_new, "findings_resolved", (json_int_t)jd->n_resolved);
    if (!o)
        die_oom();
    return o;
}

char *
diff_json(const struct diff *d, size_t *len)
{
    json_t *journeys = json_array();
    for (size_t i = 0; i < d->n; i++)
        json_array_append_new(journeys, diff_journey_json(&d->v[i]));
    json_t *doc = json_pack("{s:o}", "journeys", journeys);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (!text)
        die_oom();
    char *out = xasprintf("%s\n", text);
    free(text);
    *len = strlen(out);
    return out;
}
