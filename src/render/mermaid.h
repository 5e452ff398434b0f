/*
 * mermaid.h - the Mermaid writer (cli.md, "Mermaid interchange";
 * docs/mermaid.md): title = journey name, one section per stage, one task
 * per touchpoint `Name: S: Actor` (S = emotion + 3, else the score, else
 * 3; the owner first, then the further actors an import recorded).
 * Characters Mermaid would read as syntax become their full-width forms.
 *
 * Ownership: the returned text is malloc'd; the caller frees it.
 */
#ifndef JOURNEYMAP_MERMAID_EXPORT_H
#define JOURNEYMAP_MERMAID_EXPORT_H

#include "core/model.h"

#include <stddef.h>

/* The journey as Mermaid text; *len is its length. */
char *mermaid_export(const struct journey *j, size_t *len);

#endif
