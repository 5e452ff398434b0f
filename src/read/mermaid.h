/*
 * mermaid.h - Mermaid `journey` diagrams in and out (cli.md, "Mermaid
 * interchange"; docs/mermaid.md).
 *
 * Export: title = journey name, one section per stage, one task per
 * touchpoint `Name: S: Actor` (S = emotion + 3, else score, else 3; the
 * owner first, then further actors an import recorded).
 * Import: each section a stage, each task a touchpoint (channel other,
 * initiator customer, emotion S - 3), each distinct actor an owner; the
 * result is journey XML that passes `check`.
 *
 * Ownership: returned strings are malloc'd; the caller frees them.
 */
#ifndef JOURNEYMAP_MERMAID_H
#define JOURNEYMAP_MERMAID_H

#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The journey as Mermaid text. */
char *mermaid_export(const struct journey *j, size_t *len);

/*
 * Read Mermaid text (len bytes; file names it in messages; id is the
 * journey id to use) and return journey XML. Problems go to msgs as
 * "FILE:LINE: error: …" / "warning: …" lines. Returns NULL when a line
 * cannot be read (an error was written); warnings (a score clamped to
 * 1..5) do not stop the import.
 */
char *mermaid_import(const char *text, size_t len, const char *file, const char *id, FILE *msgs,
                     size_t *out_len);

/* A readable, valid id made from a name (or fallback-N when nothing of
 * the name survives); the caller makes it unique. Caller frees. */
char *mermaid_slug(const char *name, const char *fallback, size_t n);

#endif
