/*
 * site.h - the index pages that `journeymap build` writes (index.md,
 * index.html): every segment with its diagram, its counts of findings and
 * links to its checklist, and the competitor comparison.
 *
 * Ownership: the page functions return malloc'd text the caller frees.
 */
#ifndef JOURNEYMAP_SITE_H
#define JOURNEYMAP_SITE_H

#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

struct site_entry {
    const char *source;      /* the model file, as named */
    const struct journey *j; /* NULL when the model has errors */
    size_t count[4];         /* findings by severity (enum severity) */
    const char *svg;         /* the diagram's SVG text (j only) */
    const char *curve_svg;   /* the emotion curve's SVG text (j only) */
};

/* index.html: self-contained, the diagrams inline. today dates the findings. */
char *site_html(const struct site_entry *v, size_t n, const char *compare_svg, day_number today,
                size_t *len);

#endif
