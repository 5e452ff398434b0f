/*
 * taglex.h - where each start tag, and each of its attributes, begins,
 * read from the raw bytes.
 *
 * libxml2 reports the line where a start tag *ends*; for a tag written
 * over several lines that is not where an editor should jump, and an
 * error about one attribute belongs on that attribute's line. This small
 * lexer sees every byte before the parser does (the input gate feeds it)
 * and queues, in document order, the line of each start tag's '<' and of
 * each attribute written on a later line than it; the loader takes one
 * tag per element. It only has to be right for well-formed documents:
 * anything else ends in an xml-syntax error anyway.
 *
 * Ownership: a struct taglex is the caller's storage; taglex_finish()
 * frees its queues. No libxml2 here.
 */
#ifndef JOURNEYMAP_TAGLEX_H
#define JOURNEYMAP_TAGLEX_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>

enum taglex_state {
    TAGLEX_TEXT,    /* character data */
    TAGLEX_LT,      /* just after '<' */
    TAGLEX_BANG,    /* just after "<!" */
    TAGLEX_TAG,     /* inside an end tag or a DOCTYPE */
    TAGLEX_START,   /* inside a start tag, outside any name or value */
    TAGLEX_NAME,    /* in the element name of a start tag */
    TAGLEX_ATTR,    /* in an attribute name */
    TAGLEX_COMMENT, /* inside "<!-- … -->" */
    TAGLEX_CDATA,   /* inside "<![CDATA[ … ]]>" */
    TAGLEX_PI,      /* inside "<? … ?>" */
};

/* A start tag: its line and the attributes written on later lines. */
struct taglex_start {
    unsigned line;
    size_t first_attr, n_attrs; /* in taglex.attrs */
};

struct taglex_attr {
    unsigned line;
    size_t name; /* offset of its NUL-terminated name in taglex.names */
};

struct taglex {
    enum taglex_state state;
    char quote;                  /* TAGLEX_START: the open quote, or 0 */
    unsigned run;                /* '-' / ']' run in comments and CDATA; '?' seen in PIs */
    unsigned lt_line;            /* line of the last '<' */
    struct taglex_start *starts; /* start tags not yet taken, from next on */
    size_t n, cap, next;
    struct taglex_attr *attrs; /* attributes on later lines than their tag */
    size_t n_attrs, cap_attrs;
    struct buf names; /* their names */
    bool recording;   /* TAGLEX_ATTR: the name is being kept */
    size_t current;   /* the start tag taken last, or (size_t)-1 */
};

void taglex_init(struct taglex *x);
void taglex_finish(struct taglex *x);

/* One byte of the file, on line `line`. */
void taglex_byte(struct taglex *x, char c, unsigned line);

/* In character data or a quoted attribute value, the byte that ends it
 * ('<' or the quote): until then only line breaks matter and every other
 * byte can be skipped. 0 elsewhere (every byte counts). */
static inline char
taglex_skip_until(const struct taglex *x)
{
    return x->state == TAGLEX_TEXT ? '<' : x->state == TAGLEX_START ? x->quote : 0;
}

/* The line of the next start tag in document order; false when none is queued. */
bool taglex_next_start(struct taglex *x, unsigned *line);

/* The line where attribute name is written in the start tag taken last,
 * or dflt when it is on the tag's own line (or not known). */
unsigned taglex_attr_line(const struct taglex *x, const char *name, unsigned dflt);

#endif
