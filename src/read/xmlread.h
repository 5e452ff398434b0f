/*
 * xmlread.h - XML events from libxml2's SAX2 push parser, over the input
 * gate (gate.h).
 *
 * The home of libxml2 (docs/architecture.md): nothing else includes its
 * headers, and nothing of it crosses this interface. Events are pulled
 * one at a time (start tag, end tag, text, a DOCTYPE or entity); the
 * attributes of a start tag are pulled after it. No tree is built. The first XML error
 * is kept, classified in our terms, for the loader's message.
 *
 * Parser options, per hazards: XML_PARSE_NONET, XML_PARSE_BIG_LINES,
 * XML_PARSE_NOWARNING, XML_PARSE_IGNORE_ENC (the gate reads the declared
 * encoding); never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE.
 * A deny-all external entity loader is installed by xmlread_init().
 *
 * Ownership: xmlread_new() returns a reader the caller frees with
 * xmlread_free(); strings in events and attributes are the reader's and
 * stay valid until the next xmlread_next(). The gate stays the caller's.
 */
#ifndef JOURNEYMAP_XMLREAD_H
#define JOURNEYMAP_XMLREAD_H

#include "read/gate.h"

#include <stdbool.h>

enum xmlread_kind {
    XMLREAD_START,      /* a start tag (or an empty element) */
    XMLREAD_END,        /* an end tag */
    XMLREAD_TEXT,       /* character data (white space too) or CDATA */
    XMLREAD_DTD,        /* a DOCTYPE, an entity or an entity reference */
    XMLREAD_OTHER,      /* comments, processing instructions */
};

struct xmlread_event {
    enum xmlread_kind kind;
    const char *name; /* XMLREAD_START: the local name ("" when none), from libxml2's
                       * dictionary: one reader gives one name always the same pointer */
    const char *ns;   /* XMLREAD_START: the namespace URI, or NULL */
    const char *text; /* XMLREAD_TEXT: the text, or NULL */
    bool empty;       /* XMLREAD_START: written <x/>, so no end tag follows */
    unsigned line;    /* XMLREAD_START: the line of its '<' */
    int depth;        /* 0 for the root element */
};

/* What the first XML error was about, as far as our messages care. */
enum xmlread_error {
    XMLREAD_FINE,        /* no error */
    XMLREAD_NO_DOCUMENT, /* the document is empty, or ends early */
    XMLREAD_NOT_UTF8,    /* bytes that are not UTF-8 */
    XMLREAD_ENTITY,      /* an undeclared entity (&nbsp;) */
    XMLREAD_MALFORMED,   /* anything else: message says what */
};

struct xmlread_problem {
    enum xmlread_error kind;
    unsigned line;       /* 1-based */
    const char *message; /* libxml2's first line, or NULL */
};

/* Process-wide: the deny-all entity loader, libxml2's generic error
 * output silenced; xmlread_cleanup() releases libxml2's globals. */
void xmlread_init(void);
void xmlread_cleanup(void);

/* A reader of the gate's bytes; file_name is used in libxml2's own bookkeeping. */
struct xmlread *xmlread_new(struct gate *g, const char *file_name);
void xmlread_free(struct xmlread *r); /* NULL is a no-op */

/* The next event into *ev: 1, or 0 at the end, or -1 when the XML is broken. */
int xmlread_next(struct xmlread *r, struct xmlread_event *ev);

/*
 * The next attribute of the start tag just read, in document order: its
 * qualified name and value (entities decoded), whether it has a namespace
 * (foreign), and the line its name is written on. Namespace declarations (xmlns, xmlns:p) are not
 * attributes here. False when there is none left. A name without a
 * prefix is libxml2's dictionary's, as an element's name is: one reader
 * gives one name always the same pointer.
 */
bool xmlread_attr(struct xmlread *r, const char **name, const char **value, bool *foreign,
                  unsigned *line);

/* The encoding libxml2 decodes with, or NULL when it has not said. */
const char *xmlread_encoding(struct xmlread *r);

/* The first XML error (kind XMLREAD_FINE when there was none). */
const struct xmlread_problem *xmlread_problem(const struct xmlread *r);

#endif
