/*
 * mermaid.h - the Mermaid reader: a `journey` diagram into the model
 * (cli.md, "Mermaid interchange"; docs/mermaid.md).
 *
 * Each section becomes a stage, each task a touchpoint (channel other,
 * initiator customer, emotion = score - 3), each distinct actor an owner
 * but those that mean the customer (a task's first other actor is its
 * touchpoint's owner, the rest are kept in its note); ids are made from
 * names and unique (slug.h). `%% journeymap:` comments, as export writes
 * them (mmsyntax.h), give back ids, names, channels, initiators, owners,
 * scores and emotions. The journey XML written from the result
 * (render/xmlout.h) passes `check`.
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

/* How to read, and what was found. */
struct mermaid_options {
    /* Actor names that mean the customer, besides Customer, User, Client,
     * Patient and Guest (any case): they are not made owners. */
    const char *const *customers;
    size_t n_customers;
    /* Set by mermaid_read(): some task had no journeymap comment, so its
     * channel and initiator are guesses (other, customer). */
    bool guessed;
};

/*
 * Read Mermaid text (len bytes, valid UTF-8; file names it in messages and
 * in the model's locations; id is the journey id to use unless a
 * journeymap comment names one). Problems go to msgs as
 * "FILE:LINE: error: …" / "warning: …" lines. Returns NULL when a line
 * cannot be read (an error was written); warnings (a score clamped to
 * 1..5) do not stop the reading.
 */
struct journey *mermaid_read(const char *text, size_t len, const char *file, const char *id,
                             FILE *msgs, struct mermaid_options *o);

#endif
