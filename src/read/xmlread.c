/*
 * xmlread.c - libxml2's streaming reader (xmlTextReader) over the input
 * gate, turned into the events of xmlread.h. The only file that includes
 * libxml2; the document is never built as a DOM, and no libxml2 object
 * outlives xmlread_free().
 */
#include "read/xmlread.h"

#include "core/util.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <stdlib.h>
#include <string.h>

struct xmlread {
    xmlTextReaderPtr reader;
    struct xmlread_problem problem; /* the first error */
    char *message;                  /* problem.message's storage */
};

static int
xmlread_input(void *ctx, char *buf, int len)
{
    return gate_read(ctx, buf, len);
}

static int
xmlread_close(void *ctx)
{
    (void)ctx;
    return 0; /* the gate is closed by its owner */
}

static enum xmlread_error
xmlread_classify(int code, const char *msg)
{
    if (code == XML_ERR_DOCUMENT_EMPTY || code == XML_ERR_DOCUMENT_END)
        return XMLREAD_NO_DOCUMENT;
    if (code == XML_ERR_INVALID_ENCODING ||
        (code == XML_ERR_INVALID_CHAR && msg && strncmp(msg, "Input is not proper UTF-8", 25) == 0))
        return XMLREAD_NOT_UTF8;
    if (code == XML_ERR_UNDECLARED_ENTITY || code == XML_WAR_UNDECLARED_ENTITY)
        return XMLREAD_ENTITY;
    return XMLREAD_MALFORMED;
}

static void
xmlread_error(void *ctx, xmlErrorPtr e)
{
    struct xmlread *r = ctx;
    if (!e || e->level < XML_ERR_ERROR || r->problem.kind != XMLREAD_FINE)
        return;
    const char *msg = e->message ? e->message : "not well-formed XML";
    size_t n = strcspn(msg, "\n");
    r->message = xmalloc(n + 1);
    memcpy(r->message, msg, n);
    r->message[n] = '\0';
    r->problem.kind = xmlread_classify(e->code, r->message);
    r->problem.line = e->line > 0 ? (unsigned)e->line : 1;
    r->problem.message = r->message;
}

struct xmlread *
xmlread_new(struct gate *g, const char *file_name)
{
    struct xmlread *r = xcalloc(1, sizeof *r);
    r->reader = xmlReaderForIO(xmlread_input, xmlread_close, g, file_name, NULL,
                               XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
                                   XML_PARSE_IGNORE_ENC);
    if (!r->reader)
        die_oom();
    xmlTextReaderSetStructuredErrorHandler(r->reader, xmlread_error, r);
    return r;
}

void
xmlread_free(struct xmlread *r)
{
    if (!r)
        return;
    xmlFreeTextReader(r->reader);
    free(r->message);
    free(r);
}

static enum xmlread_kind
xmlread_kind_of(int type)
{
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        return XMLREAD_START;
    case XML_READER_TYPE_END_ELEMENT:
        return XMLREAD_END;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
        return XMLREAD_TEXT;
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return XMLREAD_WHITESPACE;
    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
        return XMLREAD_DTD;
    default:
        return XMLREAD_OTHER;
    }
}

int
xmlread_next(struct xmlread *r, struct xmlread_event *ev)
{
    int ret = xmlTextReaderRead(r->reader);
    if (ret != 1)
        return ret < 0 ? -1 : 0;
    memset(ev, 0, sizeof *ev);
    ev->kind = xmlread_kind_of(xmlTextReaderNodeType(r->reader));
    ev->depth = xmlTextReaderDepth(r->reader);
    if (ev->kind == XMLREAD_START) {
        const char *name = (const char *)xmlTextReaderConstLocalName(r->reader);
        ev->name = name ? name : "";
        ev->ns = (const char *)xmlTextReaderConstNamespaceUri(r->reader);
        ev->empty = xmlTextReaderIsEmptyElement(r->reader) == 1;
    } else if (ev->kind == XMLREAD_TEXT || ev->kind == XMLREAD_WHITESPACE) {
        ev->text = (const char *)xmlTextReaderConstValue(r->reader);
    }
    return 1;
}

bool
xmlread_attr(struct xmlread *r, const char **name, const char **value, bool *foreign, bool *ns_decl)
{
    while (xmlTextReaderMoveToNextAttribute(r->reader) == 1) {
        *name = (const char *)xmlTextReaderConstName(r->reader);
        *value = (const char *)xmlTextReaderConstValue(r->reader);
        if (!*name || !*value)
            continue;
        *ns_decl = xmlTextReaderIsNamespaceDecl(r->reader) == 1;
        *foreign = xmlTextReaderConstNamespaceUri(r->reader) != NULL;
        return true;
    }
    xmlTextReaderMoveToElement(r->reader);
    return false;
}

unsigned
xmlread_line(struct xmlread *r)
{
    long line = xmlGetLineNo(xmlTextReaderCurrentNode(r->reader));
    return line > 0 ? (unsigned)line : (unsigned)xmlTextReaderGetParserLineNumber(r->reader);
}

const char *
xmlread_encoding(struct xmlread *r)
{
    return (const char *)xmlTextReaderConstEncoding(r->reader);
}

const struct xmlread_problem *
xmlread_problem(const struct xmlread *r)
{
    return &r->problem;
}

static xmlParserInputPtr
xmlread_deny_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL; /* nothing outside the named file is ever read */
}

static void
xmlread_ignore_generic(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

void
xmlread_init(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(xmlread_deny_entity);
    /* A few libxml2 errors bypass the reader's structured handler and go
     * to the generic one, which prints to stderr ("encoding error : input
     * conversion failed ..." for a file declared EUC-JP with bytes that
     * are not). Every such file is already refused with a message of our
     * own, so these lines are only noise. */
    xmlSetGenericErrorFunc(NULL, xmlread_ignore_generic);
}

void
xmlread_cleanup(void)
{
    xmlCleanupParser();
}
