/*
 * xmlread.c - libxml2's SAX2 push parser over the input gate, turned into
 * the events of xmlread.h. The only file that includes libxml2; no tree is
 * built (not even the reader's one node at a time), and no libxml2 object
 * outlives xmlread_free().
 *
 * libxml2 calls back while it parses a chunk; the callbacks queue events
 * (their strings copied into one pool) and xmlread_next() hands them out
 * in order. The last queued event is held back until the next one
 * arrives, because it may still grow: character data comes in pieces,
 * and a start tag followed at once by its end tag is one empty element.
 * Once every event handed out is done with, the queue and the pool start
 * over, so their size is bounded by a chunk's events, not the document.
 */
#define _GNU_SOURCE /* memrchr */
#include "read/xmlread.h"

#include "core/util.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <stdlib.h>
#include <string.h>

/* Bytes handed to libxml2 at a time. */
#define XMLREAD_CHUNK 32768

enum qkind {
    Q_START = XMLREAD_START,
    Q_END = XMLREAD_END,
    Q_TEXT = XMLREAD_TEXT,
    Q_DTD = XMLREAD_DTD,
    Q_OTHER = XMLREAD_OTHER,
    Q_CDATA, /* XMLREAD_TEXT, kept apart so that CDATA is not merged with text */
};

/* A queued event; its strings are at base.. in the pool, its attributes
 * at attr0.. in attrs (offsets relative to base). */
struct qevent {
    enum qkind kind;
    const char *name, *ns; /* libxml2's dictionary: valid as long as the parser */
    int depth;
    unsigned line;
    bool empty;
    size_t base;           /* the pool's length when the event began */
    size_t text;           /* Q_TEXT, Q_CDATA: in the pool, from base */
    size_t attr0, n_attrs; /* Q_START */
};

struct qattr {
    const char *local;  /* a name without a prefix: libxml2's dictionary's; else NULL */
    size_t name, value; /* in the pool, from the event's base (name: when prefixed) */
    unsigned line;      /* where its name is written */
    bool foreign;
};

/* An attribute's name written on a later line than its tag's '<'. */
struct tagname {
    const char *name; /* in libxml2's input buffer, len bytes */
    size_t len;
    unsigned line;
};

struct xmlread {
    xmlParserCtxtPtr ctxt;
    struct gate *gate;
    struct xmlread_problem problem; /* the first error */
    char *message;                  /* problem.message's storage */
    struct qevent *q;
    size_t n_q, cap_q, next; /* queued, room, the next to hand out */
    struct qattr *attrs;
    size_t n_attrs, cap_attrs;
    struct buf pool;
    struct tagname *names; /* xmlread_tag_lines()'s, for one tag */
    size_t n_names, cap_names;
    int depth;        /* of the element being parsed */
    bool done;        /* the last chunk has been parsed */
    bool failed;      /* the gate stopped the file */
    size_t attr_next; /* xmlread_attr()'s position in the current event */
    char chunk[XMLREAD_CHUNK];
};

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

/* ---------------------------------------------------------------------------
 * The queue
 */

static unsigned
xmlread_parser_line(const struct xmlread *r)
{
    int line = r->ctxt && r->ctxt->input ? r->ctxt->input->line : 0;
    return line > 0 ? (unsigned)line : 1;
}

static struct qevent *
xmlread_push(struct xmlread *r, enum qkind kind)
{
    xgrow((void **)&r->q, &r->cap_q, r->n_q + 1, sizeof *r->q);
    struct qevent *e = &r->q[r->n_q++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->depth = r->depth;
    e->base = r->pool.len;
    e->attr0 = r->n_attrs;
    return e;
}

/* The last queued event, when it has not been handed out yet. */
static struct qevent *
xmlread_pending(struct xmlread *r)
{
    return r->n_q > r->next ? &r->q[r->n_q - 1] : NULL;
}

/* An attribute value as libxml2 hands it to SAX2 without entity
 * replacement: "&" (from &amp; or &#38;) arrives as "&#38;", which the
 * tree builder would decode; decode it here. Nothing else in a parsed
 * value starts with '&' (any other entity needs a DTD, refused). */
static size_t
xmlread_keep_value(struct xmlread *r, size_t base, const char *s, size_t n)
{
    size_t at = r->pool.len - base;
    for (const char *amp; (amp = memchr(s, '&', n)) != NULL;) {
        size_t k = (size_t)(amp - s);
        buf_append(&r->pool, s, k);
        buf_putc(&r->pool, '&');
        size_t skip = n - k >= 5 && memcmp(amp, "&#38;", 5) == 0 ? 5 : 1;
        s += k + skip;
        n -= k + skip;
    }
    buf_append(&r->pool, s, n);
    buf_putc(&r->pool, '\0');
    return at;
}

static bool
xmlread_tag_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The lines of a start tag, from its text in libxml2's input buffer: when
 * the callback runs, the parser is on the tag's '>' (or "/>") and the line
 * it counts is that one; the tag's '<' is the nearest one before (no raw
 * '<' can be inside a tag), so it began as many lines earlier as there are
 * line breaks in between. For a tag over several lines, the attributes
 * whose names are written after the first line are noted in r->names.
 * Returns the line of the '<'.
 */
static unsigned
xmlread_tag_lines(struct xmlread *r)
{
    unsigned end_line = xmlread_parser_line(r);
    r->n_names = 0;
    const xmlParserInputPtr in = r->ctxt->input;
    if (!in || !in->base || !in->cur)
        return end_line;
    const char *base = (const char *)in->base, *cur = (const char *)in->cur;
    const char *lt = cur > base ? memrchr(base, '<', (size_t)(cur - base)) : NULL;
    if (!lt)
        return end_line;
    unsigned breaks = str_lines(lt, (size_t)(cur - lt));
    if (breaks == 0 || breaks >= end_line)
        return breaks < end_line ? end_line : 1;
    unsigned start = end_line - breaks, line = start;
    /* The element's name, then names and quoted values. */
    const char *p = lt + 1;
    while (p < cur && !xmlread_tag_space(*p) && *p != '/' && *p != '>')
        p++;
    while (p < cur) {
        char c = *p;
        if (c == '"' || c == '\'') {
            const char *close = memchr(p + 1, c, (size_t)(cur - p - 1));
            const char *to = close ? close + 1 : cur;
            line += str_lines(p, (size_t)(to - p));
            p = to;
        } else if (xmlread_tag_space(c) || c == '/' || c == '=') {
            line += c == '\n';
            p++;
        } else {
            const char *name = p;
            while (p < cur && !xmlread_tag_space(*p) && *p != '=' && *p != '>' && *p != '/' &&
                   *p != '"' && *p != '\'')
                p++;
            if (line != start) {
                xgrow((void **)&r->names, &r->cap_names, r->n_names + 1, sizeof *r->names);
                r->names[r->n_names++] = (struct tagname){name, (size_t)(p - name), line};
            }
            if (p == name)
                p++; /* a '>' inside the tag: not one of ours to read */
        }
    }
    return start;
}

/* The line where the attribute prefix:local is written. */
static unsigned
xmlread_attr_line(const struct xmlread *r, const char *prefix, const char *local, unsigned dflt)
{
    size_t np = prefix ? strlen(prefix) + 1 : 0, nl = strlen(local);
    for (size_t i = 0; i < r->n_names; i++) {
        const struct tagname *t = &r->names[i];
        if (t->len == np + nl &&
            (!prefix || (memcmp(t->name, prefix, np - 1) == 0 && t->name[np - 1] == ':')) &&
            memcmp(t->name + np, local, nl) == 0)
            return t->line;
    }
    return dflt;
}

static void
xmlread_on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                 int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                 const xmlChar **attributes)
{
    struct xmlread *r = ctx;
    (void)prefix;
    (void)nb_namespaces; /* declaring a namespace is not an attribute of ours */
    (void)namespaces;
    struct qevent *e = xmlread_push(r, Q_START);
    e->name = localname ? (const char *)localname : "";
    e->ns = (const char *)uri;
    e->line = xmlread_tag_lines(r);
    int given = nb_attributes - nb_defaulted; /* defaults come from a DTD: none */
    for (int i = 0; i < given; i++) {
        const xmlChar **a = &attributes[5 * i]; /* localname, prefix, URI, value, end */
        xgrow((void **)&r->attrs, &r->cap_attrs, r->n_attrs + 1, sizeof *r->attrs);
        struct qattr *qa = &r->attrs[r->n_attrs++];
        qa->name = r->pool.len - e->base;
        qa->local = a[1] ? NULL : (const char *)a[0];
        if (a[1]) {
            buf_puts(&r->pool, (const char *)a[1]);
            buf_putc(&r->pool, ':');
            buf_puts(&r->pool, (const char *)a[0]);
            buf_putc(&r->pool, '\0');
        }
        qa->value = xmlread_keep_value(r, e->base, (const char *)a[3], (size_t)(a[4] - a[3]));
        qa->foreign = a[2] != NULL;
        qa->line = r->n_names
                       ? xmlread_attr_line(r, (const char *)a[1], (const char *)a[0], e->line)
                       : e->line;
    }
    e->n_attrs = r->n_attrs - e->attr0;
    r->depth++;
}

static void
xmlread_on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    struct xmlread *r = ctx;
    (void)localname;
    (void)prefix;
    (void)uri;
    r->depth--;
    struct qevent *last = xmlread_pending(r);
    if (last && last->kind == Q_START && last->depth == r->depth) {
        last->empty = true; /* <x/>, or <x></x>: the same to us */
        return;
    }
    xmlread_push(r, Q_END);
}

/* Character data, merged with the pieces before it as one text. */
static void
xmlread_on_chars(struct xmlread *r, enum qkind kind, const xmlChar *s, int len)
{
    struct qevent *e = xmlread_pending(r);
    if (!e || e->kind != kind) {
        e = xmlread_push(r, kind);
        e->line = xmlread_parser_line(r);
        e->text = r->pool.len - e->base;
    } else {
        r->pool.len--; /* the NUL, appended again below */
    }
    buf_append(&r->pool, (const char *)s, (size_t)len);
    buf_putc(&r->pool, '\0');
}

static void
xmlread_on_text(void *ctx, const xmlChar *s, int len)
{
    xmlread_on_chars(ctx, Q_TEXT, s, len);
}

static void
xmlread_on_cdata(void *ctx, const xmlChar *s, int len)
{
    xmlread_on_chars(ctx, Q_CDATA, s, len);
}

static void
xmlread_on_other(void *ctx, const xmlChar *a, const xmlChar *b)
{
    (void)a;
    (void)b;
    xmlread_push(ctx, Q_OTHER);
}

static void
xmlread_on_comment(void *ctx, const xmlChar *s)
{
    (void)s;
    xmlread_push(ctx, Q_OTHER);
}

/* A DOCTYPE: handed out, and nothing after it is parsed (its declarations
 * are what entity expansion attacks are made of). */
static void
xmlread_on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                   const xmlChar *system_id)
{
    struct xmlread *r = ctx;
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlread_push(r, Q_DTD);
    xmlStopParser(r->ctxt);
}

static void
xmlread_on_reference(void *ctx, const xmlChar *name)
{
    (void)name;
    xmlread_push(ctx, Q_DTD);
}

/* Start over once everything queued has been handed out; keep the one
 * event held back (it may still grow), moved to the front. */
static void
xmlread_compact(struct xmlread *r)
{
    if (r->next == r->n_q) {
        r->n_q = r->next = 0;
        r->n_attrs = 0;
        r->pool.len = 0;
        return;
    }
    if (r->next != r->n_q - 1 || r->next == 0)
        return;
    struct qevent *e = &r->q[r->next];
    size_t keep = r->pool.len - e->base;
    if (keep)
        memmove(r->pool.data, r->pool.data + e->base, keep);
    r->pool.len = keep;
    if (e->n_attrs)
        memmove(r->attrs, r->attrs + e->attr0, e->n_attrs * sizeof *r->attrs);
    r->n_attrs = e->n_attrs;
    e->base = 0;
    e->attr0 = 0;
    r->q[0] = *e;
    r->n_q = 1;
    r->next = 0;
}

/* Parse the next chunk of the gate's bytes (the last one: say so). */
static void
xmlread_feed(struct xmlread *r)
{
    int n = gate_read(r->gate, r->chunk, (int)sizeof r->chunk);
    if (n < 0) {
        r->failed = true;
        r->done = true;
        return;
    }
    xmlParseChunk(r->ctxt, r->chunk, n, n == 0);
    if (n == 0 || r->ctxt->disableSAX || r->ctxt->instate == XML_PARSER_EOF)
        r->done = true;
}

/* ---------------------------------------------------------------------------
 * The interface
 */

struct xmlread *
xmlread_new(struct gate *g, const char *file_name)
{
    struct xmlread *r = xcalloc(1, sizeof *r);
    r->gate = g;
    buf_init(&r->pool);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = xmlread_on_start;
    sax.endElementNs = xmlread_on_end;
    sax.characters = xmlread_on_text;
    sax.ignorableWhitespace = xmlread_on_text;
    sax.cdataBlock = xmlread_on_cdata;
    sax.comment = xmlread_on_comment;
    sax.processingInstruction = xmlread_on_other;
    sax.internalSubset = xmlread_on_doctype;
    sax.reference = xmlread_on_reference;
    sax.serror = xmlread_error;
    r->ctxt = xmlCreatePushParserCtxt(&sax, r, NULL, 0, file_name);
    if (!r->ctxt)
        die_oom();
    xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
                                   XML_PARSE_IGNORE_ENC);
    return r;
}

void
xmlread_free(struct xmlread *r)
{
    if (!r)
        return;
    xmlFreeParserCtxt(r->ctxt);
    free(r->q);
    free(r->attrs);
    free(r->names);
    buf_finish(&r->pool);
    free(r->message);
    free(r);
}

int
xmlread_next(struct xmlread *r, struct xmlread_event *ev)
{
    xmlread_compact(r);
    /* The last event is handed out only once another follows it, or the
     * parse is over (the end, an error, or the gate stopping the file);
     * what was queued before an error is still handed out. */
    while (r->problem.kind == XMLREAD_FINE && !r->done && r->n_q - r->next < 2)
        xmlread_feed(r);
    if (r->next == r->n_q)
        return r->problem.kind != XMLREAD_FINE || r->failed || !r->ctxt->wellFormed ? -1 : 0;
    const struct qevent *e = &r->q[r->next++];
    memset(ev, 0, sizeof *ev);
    ev->depth = e->depth;
    r->attr_next = 0;
    switch (e->kind) {
    case Q_START:
        ev->kind = XMLREAD_START;
        ev->name = e->name;
        ev->ns = e->ns;
        ev->empty = e->empty;
        ev->line = e->line;
        break;
    case Q_TEXT:
    case Q_CDATA:
        ev->kind = XMLREAD_TEXT;
        ev->text = r->pool.data + e->base + e->text;
        break;
    case Q_END:
    case Q_DTD:
    case Q_OTHER:
        ev->kind = (enum xmlread_kind)e->kind;
        break;
    }
    return 1;
}

bool
xmlread_attr(struct xmlread *r, const char **name, const char **value, bool *foreign,
             unsigned *line)
{
    if (r->next == 0)
        return false;
    const struct qevent *e = &r->q[r->next - 1];
    if (e->kind != Q_START || r->attr_next >= e->n_attrs)
        return false;
    const struct qattr *a = &r->attrs[e->attr0 + r->attr_next++];
    *name = a->local ? a->local : r->pool.data + e->base + a->name;
    *value = r->pool.data + e->base + a->value;
    *foreign = a->foreign;
    *line = a->line;
    return true;
}

const char *
xmlread_encoding(struct xmlread *r)
{
    return (const char *)r->ctxt->encoding;
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
