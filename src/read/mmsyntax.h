/*
 * mmsyntax.h - what the Mermaid reader and writer agree on: how text is
 * written so that Mermaid reads it back as the same name, and the
 * `%% journeymap: …` comment lines that carry what Mermaid's journey
 * syntax cannot (docs/mermaid.md).
 *
 * Mermaid ignores `%%` lines, so a diagram with them renders as before;
 * the reader uses them when present, so model → Mermaid → model keeps ids,
 * names, channels, initiators, owners, scores and emotions. A comment
 * describes the line it follows (journey: the title; stage: its section)
 * or, for a touchpoint, the task line right after it.
 *
 * Ownership: a struct mmsyntax_comment points into the line it was read
 * from (name) or into the caller's strings; nothing here allocates for the
 * caller.
 */
#ifndef JOURNEYMAP_MMSYNTAX_H
#define JOURNEYMAP_MMSYNTAX_H

#include "core/model.h"
#include "core/util.h"

#include <stdbool.h>

/* What a piece of Mermaid text is: Mermaid's grammar allows ':' in a
 * title but not in a section or task name, and ',' separates actors. */
enum mmsyntax_text { MMSYNTAX_TITLE, MMSYNTAX_NAME, MMSYNTAX_ACTOR };

/*
 * Append s as Mermaid text of that kind: characters that would end it
 * (':' where not allowed, '#', ';', ',' between actors) become their
 * full-width forms, which read the same; line breaks become spaces; a
 * name that Mermaid would take for a keyword or a comment (`section …`,
 * `%%…`) starts with a full-width letter. Applying it twice changes
 * nothing, so round trips are stable.
 */
void mmsyntax_escape(struct buf *b, const char *s, enum mmsyntax_text kind);

/* Whether s, written as Mermaid text of that kind, reads back as text. */
bool mmsyntax_same(const char *text, const char *s, enum mmsyntax_text kind);

enum mmsyntax_kind { MMSYNTAX_JOURNEY, MMSYNTAX_OWNER, MMSYNTAX_STAGE, MMSYNTAX_TOUCHPOINT };

/* What a task's number is. */
enum mmsyntax_number {
    MMSYNTAX_UNSAID,  /* no comment said */
    MMSYNTAX_EMOTION, /* the emotion + 3 */
    MMSYNTAX_SCORE,   /* the score */
    MMSYNTAX_NONE,    /* a placeholder 3: neither is known */
};

/* One `%% journeymap: KIND key=value … [name=…]` line. */
struct mmsyntax_comment {
    enum mmsyntax_kind kind;
    const char *id;              /* NULL when absent */
    int channel, initiator;      /* enum channel / initiator, or -1 */
    enum trained trained;        /* owners */
    enum mmsyntax_number number; /* touchpoints */
    int score;                   /* 0 = none */
    const char *name;            /* the real name when Mermaid's text differs, or NULL */
};

/* The comment line of the model's thing, with "%% journeymap: " and a newline. */
void mmsyntax_write(struct buf *b, const char *indent, const struct mmsyntax_comment *c);

/*
 * Read a comment line (trimmed, from "%%" on) into *c; false when it is
 * not one of ours or does not parse (a comment like any other). The
 * strings point into line, which *line_copy owns (caller frees it).
 */
bool mmsyntax_read(const char *line, struct mmsyntax_comment *c, char **line_copy);

#endif
