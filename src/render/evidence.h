/*
 * evidence.h - the reports of `journeymap evidence` (evidence.md): the JSON
 * object (render/jansson/evidence.c) and the workshop report in Markdown
 * (render/cmark/evidence.c), both from a struct evidence (check/evidence.h)
 * and the findings about it.
 *
 * Ownership: both return malloc'd text (free()) and its length in *len.
 */
#ifndef JOURNEYMAP_RENDER_EVIDENCE_H
#define JOURNEYMAP_RENDER_EVIDENCE_H

#include "check/evidence.h"
#include "core/diag.h"

#include <stddef.h>

/* What the report was made from: the model's and the logs' names as given. */
struct evidence_source {
    const char *model;
    char *const *logs;
    size_t n_logs;
};

char *evidence_json(const struct evidence *e, const struct evidence_source *src,
                    const struct diag *d, size_t *len);
char *evidence_markdown(const struct evidence *e, const struct evidence_source *src,
                        const struct diag *d, size_t *len);

#endif
