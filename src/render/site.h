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

struct diag;

struct site_entry {
    const char *source;      /* the model file, as named */
    const struct journey *j; /* NULL when the model has errors */
    size_t count[4];         /* findings by severity (enum severity) */
    const char *svg;         /* the diagram's SVG text (j only) */
    const char *curve_svg;   /* the emotion curve's SVG text (j only) */
    bool lanes;              /* ID.lanes.svg and ID.lanes.pdf were written */
    const char *since;       /* build --since REV: REV, and what changed (ID.diff.md) */
    char *since_summary;     /* its summary line (malloc'd; the builder frees it) */
    char *evidence_summary;  /* build --logs: what the log says (malloc'd), or NULL */
    bool evidence_map;       /* ID.evidence.svg was written */
};

/* What the page shows besides the segments. */
struct site_extras {
    const char *compare_svg; /* the heat map, or NULL */
    const struct diag *d;    /* the findings, listed per segment */
    day_number today;        /* the date the findings are judged on */
    bool agenda;             /* agenda.html and agenda.md were written */
    const char *coverage;    /* the all-segments coverage table (HTML), or NULL */
};

/* index.html: self-contained, the diagrams inline. today dates the findings. */
char *site_html(const struct site_entry *v, size_t n, const struct site_extras *x, size_t *len);

#endif
