/*
 * mermaid.h - the Mermaid reader: a `journey` diagram into the model
 * (cli.md, "Mermaid interchange"; docs/mermaid.md).
 *
 * Each section becomes a stage, each task a touchpoint (channel other,
 * initiator customer, emotion = score - 3), each distinct actor an owner
 * (a task's first actor is its touchpoint's owner, further actors are
 * kept in its note); ids are made from names and unique (slug.h). The
 * journey XML written from the result (render/xmlout.h) passes `check`.
 *
 * Ownership: mermaid_read() returns a journey the caller frees with
 * journey_free().
 */
#ifndef JOURNEYMAP_MERMAID_H
#define JOURNEYMAP_MERMAID_H

#include "core/model.h"

#include <stddef.h>
#include <stdio.h>

/* The note line that keeps a task's further actors ("Mermaid actors: b, c"),
 * so that an export puts them back (render/mermaid.h). */
#define MERMAID_ACTORS_NOTE "Mermaid actors: "

/*
 * Read Mermaid text (len bytes, valid UTF-8; file names it in messages and
 * in the model's locations; id is the journey id to use). Problems go to
 * msgs as "FILE:LINE: error: …" / "warning: …" lines. Returns NULL when a
 * line cannot be read (an error was written); warnings (a score clamped
 * to 1..5) do not stop the reading.
 */
struct journey *mermaid_read(const char *text, size_t len, const char *file, const char *id,
                             FILE *msgs);

#endif
