/*
 * taglex.h - where each start tag begins, read from the raw bytes.
 *
 * libxml2 reports the line where a start tag *ends*; for a tag written
 * over several lines that is not where an editor should jump. This small
 * lexer sees every byte before the parser does (the input gate feeds it)
 * and queues the line of each start tag's '<', in document order; the
 * loader takes one per element. It only has to be right for well-formed
 * documents: anything else ends in an xml-syntax error anyway.
 *
 * Ownership: a struct taglex is the caller's storage; taglex_finish()
 * frees its queue. No libxml2 here.
 */
#ifndef JOURNEYMAP_TAGLEX_H
#define JOURNEYMAP_TAGLEX_H

#include <stdbool.h>
#include <stddef.h>

enum taglex_state {
    TAGLEX_TEXT,    /* character data */
    TAGLEX_LT,      /* just after '<' */
    TAGLEX_BANG,    /* just after "<!" */
    TAGLEX_TAG,     /* inside a tag (start, end, or a DOCTYPE) */
    TAGLEX_COMMENT, /* inside "<!-- … -->" */
    TAGLEX_CDATA,   /* inside "<![CDATA[ … ]]>" */
    TAGLEX_PI,      /* inside "<? … ?>" */
};

struct taglex {
    enum taglex_state state;
    char quote;       /* TAGLEX_TAG: the open quote, or 0 */
    unsigned run;     /* '-' / ']' run in comments and CDATA; '?' seen in PIs */
    unsigned lt_line; /* line of the last '<' */
    unsigned *starts; /* lines of start tags not yet taken, from next on */
    size_t n, cap, next;
};

void taglex_init(struct taglex *x);
void taglex_finish(struct taglex *x);

/* One byte of the file, on line `line`. */
void taglex_byte(struct taglex *x, char c, unsigned line);

/* The line of the next start tag in document order; false when none is queued. */
bool taglex_next_start(struct taglex *x, unsigned *line);

#endif
