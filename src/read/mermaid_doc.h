/*
 * mermaid_doc.h - a Mermaid journey as read, before it is a journey: what
 * the line reader (mermaid.c) hands the builder (mermaid_build.c).
 * Private to src/read/.
 *
 * Ownership: a struct mermaid_doc owns every string and array in it;
 * mermaid_doc_free() frees them.
 */
#ifndef JOURNEYMAP_MERMAID_DOC_H
#define JOURNEYMAP_MERMAID_DOC_H

#include "core/util.h"
#include "read/mermaid.h"
#include "read/mmsyntax.h"

#include <stdbool.h>
#include <stddef.h>

/* A `%% journeymap:` comment as read, with the copy of its line it points into. */
struct mermaid_meta {
    bool present;
    struct mmsyntax_comment c;
    char *line;
};

struct mermaid_task {
    char *name;
    int score; /* the task's number, 1..5 */
    char **actors;
    size_t n_actors, cap_actors;
    size_t section;
    size_t line;
    struct mermaid_meta meta; /* the touchpoint comment right before it */
};

struct mermaid_section {
    char *name;
    struct mermaid_meta meta; /* the stage comment right after it */
    bool has_tasks;
};

/* What a diagram says, as read line by line. */
struct mermaid_doc {
    char *title, *front_title, *description;
    struct mermaid_section *sections;
    size_t n_sections, cap_sections;
    struct mermaid_task *tasks;
    size_t n_tasks, cap_tasks;
    struct mermaid_meta journey; /* the journey comment */
    struct mermaid_meta *owners; /* owner comments, in order */
    size_t n_owners, cap_owners;
    /* where the reader is */
    bool seen_journey;           /* the `journey` line */
    bool in_front;               /* inside the YAML front matter */
    bool front_done;             /* the front matter is over (only one, first) */
    bool in_descr;               /* inside an accDescr { … } block */
    struct buf descr;            /* accDescr text so far */
    struct mermaid_meta pending; /* a touchpoint comment waiting for its task */
};

void mermaid_meta_free(struct mermaid_meta *m);

/* The journey the diagram describes (mermaid_build.c); NULL never. */
struct journey *mermaid_build(const struct mermaid_doc *p, const char *file, const char *id,
                              struct mermaid_options *o);

#endif
