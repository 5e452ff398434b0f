/*
 * xmlcheck.h - the first well-formedness mistake of a journey file, found
 * by our own reading of its bytes and described in our words.
 *
 * libxml2 says "xmlParseEntityRef: no name" or "Opening and ending tag
 * mismatch: touchpoint line 71 and stage", twenty lines past the mistake.
 * When it refuses a file, the loader runs the file through this checker
 * instead, from its first byte: a small state machine over tags,
 * attributes, references, comments and the stack of open elements, which
 * stops at the first thing XML does not allow and says where the mistake
 * is and what to write instead: the element left open (and the line where
 * it opened), the '&' to write as "&amp;", the attribute whose quote never
 * closes, the "/>" that closes an element with children, and so on. It
 * only runs on files libxml2 has refused, so a mistake it misses falls
 * back to a plain message at libxml2's line, never to libxml2's wording.
 *
 * Ownership: a struct xmlcheck is the caller's storage (xmlcheck_init(),
 * xmlcheck_finish()); the message it finds is its own until
 * xmlcheck_finish(). No libxml2 here.
 */
#ifndef JOURNEYMAP_XMLCHECK_H
#define JOURNEYMAP_XMLCHECK_H

#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>

struct xmlcheck_open; /* an element open at this point */

struct xmlcheck {
    int state;             /* where in the XML grammar the reader is */
    unsigned line;         /* of the byte being read, 1-based */
    size_t offset;         /* bytes read */
    unsigned bom;          /* bytes of a leading byte-order mark read */
    size_t lt_offset;      /* offset of the last '<' (1-based) */
    unsigned utf8_need;    /* continuation bytes still due */
    unsigned char utf8_lo; /* range of the next continuation byte */
    unsigned char utf8_hi;
    char name[65]; /* the tag, attribute or reference name being read */
    size_t name_len;
    char tag[65];               /* the start tag being read: its name */
    char tag_id[65];            /* … and its id, once read */
    unsigned tag_line;          /* … and where its '<' is */
    char attr[65];              /* the attribute being read */
    unsigned attr_line;         /* … and the line of its name */
    struct buf attrs;           /* names of the tag's attributes so far, NUL-separated */
    char quote;                 /* the value's quote */
    unsigned quote_line;        /* where it opened */
    char value_last;            /* the last character of the value so far */
    bool value_is_id;           /* the value being read is the tag's id */
    size_t value_len;           /* its length so far */
    int ref_return;             /* the state a reference returns to */
    unsigned ref_line;          /* where its '&' is */
    unsigned run;               /* '-', ']' or '?' seen in a row; CDATA keyword matched */
    unsigned comment_line;      /* where a comment, CDATA section or PI opened */
    bool pi_xml;                /* the PI is an XML declaration */
    int doctype_depth;          /* '[' … ']' in a DOCTYPE */
    struct xmlcheck_open *open; /* the open elements, outermost first */
    size_t depth, cap;
    bool root_seen, root_closed;
    unsigned root_close_line;
    struct xmlcheck_open *closed; /* elements written <x/>, the last of each name */
    size_t n_closed, cap_closed;
    /* the result */
    bool found;
    unsigned where;     /* the line to report */
    unsigned noticed;   /* the line where the mistake became certain */
    struct buf message; /* what is wrong and what to write instead */
};

void xmlcheck_init(struct xmlcheck *x);
void xmlcheck_finish(struct xmlcheck *x);

/* Feed n bytes of the file, in order; stops looking once a mistake is found. */
void xmlcheck_bytes(struct xmlcheck *x, const char *p, size_t n);
/* The file has ended: what is still open is a mistake. */
void xmlcheck_end(struct xmlcheck *x);

/*
 * Run the file at path through a checker from its first byte (at most
 * max_bytes). Returns whether a mistake was found: *where is its line,
 * *noticed where it became certain, *message what it is (caller frees).
 */
bool xmlcheck_file(const char *path, size_t max_bytes, unsigned *where, unsigned *noticed,
                   char **message);

#endif
