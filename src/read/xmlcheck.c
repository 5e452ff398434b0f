/*
 * xmlcheck.c - our own reading of an XML file, to say what is wrong with
 * one that libxml2 refused (xmlcheck.h).
 *
 * One state per place in the grammar a byte can be in; the byte moves the
 * reader on or is the mistake. What the messages need is kept on the way:
 * the open elements with their ids and lines, the attribute and the line
 * of its quote, the elements closed with "/>" (for a "/>" on an element
 * that has children). XML's finer rules (which characters may start a
 * name beyond ASCII, the grammar of the DOCTYPE, which the gate refuses
 * anyway) are not checked: a file that breaks only those falls back to a
 * plain message at libxml2's line.
 */
#include "read/xmlcheck.h"

#include "read/gate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum xc_state {
    XC_TEXT,            /* character data, or between elements */
    XC_LT,              /* after '<' */
    XC_START_NAME,      /* the element name of a start tag */
    XC_IN_TAG,          /* between attributes */
    XC_ATTR_NAME,       /* an attribute name */
    XC_AFTER_ATTR_NAME, /* white space after it, before '=' */
    XC_AFTER_EQ,        /* after '=', before the quote */
    XC_VALUE,           /* inside a quoted value */
    XC_AFTER_VALUE,     /* right after the closing quote */
    XC_SLASH,           /* '/' in a start tag, before '>' */
    XC_END_NAME,        /* the element name of an end tag */
    XC_END_AFTER,       /* white space after it, before '>' */
    XC_BANG,            /* after "<!" */
    XC_BANG_DASH,       /* after "<!-" */
    XC_COMMENT,         /* inside "<!-- … -->" */
    XC_CDATA_OPEN,      /* matching "[CDATA[" */
    XC_CDATA,           /* inside "<![CDATA[ … ]]>" */
    XC_PI_TARGET,       /* the target of "<?target …?>" */
    XC_PI,              /* inside a processing instruction */
    XC_DOCTYPE,         /* inside "<!DOCTYPE …>" (refused by the gate) */
    XC_REF,             /* after '&' */
};

struct xmlcheck_open {
    char name[65];
    char id[65];
    unsigned line;
};

enum { XC_MAX_DEPTH = 256 };

void
xmlcheck_init(struct xmlcheck *x)
{
    memset(x, 0, sizeof *x);
    x->state = XC_TEXT;
    x->line = 1;
    buf_init(&x->attrs);
    buf_init(&x->message);
}

void
xmlcheck_finish(struct xmlcheck *x)
{
    free(x->open);
    free(x->closed);
    buf_finish(&x->attrs);
    buf_finish(&x->message);
    memset(x, 0, sizeof *x);
}

static void xc_fail(struct xmlcheck *x, unsigned where, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* The mistake: the line to report, and what to say. */
static void
xc_fail(struct xmlcheck *x, unsigned where, const char *fmt, ...)
{
    if (x->found)
        return;
    x->found = true;
    x->where = where;
    x->noticed = x->line;
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    buf_puts(&x->message, msg);
    free(msg);
}

static bool
xc_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
xc_name_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

static bool
xc_name_char(unsigned char c)
{
    return xc_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static void
xc_copy(char dst[65], const char *src, size_t n)
{
    n = n > 64 ? 64 : n;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void
xc_name_add(struct xmlcheck *x, unsigned char c)
{
    if (x->name_len < 64)
        x->name[x->name_len++] = (char)c;
    x->name[x->name_len] = '\0';
}

/* c continues the name being read: kept, true. */
static bool
xc_name_more(struct xmlcheck *x, unsigned char c)
{
    if (!xc_name_char(c))
        return false;
    xc_name_add(x, c);
    return true;
}

/* "<touchpoint id="t">" or "<touchpoint>", for messages (static storage: one at a time). */
static const char *
xc_desc(const char *name, const char *id)
{
    static char text[160];
    if (*id)
        snprintf(text, sizeof text, "<%s id=\"%s\">", name, id);
    else
        snprintf(text, sizeof text, "<%s>", name);
    return text;
}

/* ---------------------------------------------------------------------------
 * Bytes that are not text: bad UTF-8, control characters
 */

/* Whether c continues or starts well-formed UTF-8 (RFC 3629, table 3). */
static bool
xc_utf8(struct xmlcheck *x, unsigned char c)
{
    if (x->utf8_need) {
        if (c < x->utf8_lo || c > x->utf8_hi)
            return false;
        x->utf8_need--;
        x->utf8_lo = 0x80;
        x->utf8_hi = 0xBF;
        return true;
    }
    if (c < 0x80)
        return true;
    x->utf8_lo = 0x80;
    x->utf8_hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        x->utf8_need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        x->utf8_need = 2;
        x->utf8_lo = c == 0xE0 ? 0xA0 : 0x80;
        x->utf8_hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        x->utf8_need = 3;
        x->utf8_lo = c == 0xF0 ? 0x90 : 0x80;
        x->utf8_hi = c == 0xF4 ? 0x8F : 0xBF;
    } else
        return false;
    return true;
}

/* ---------------------------------------------------------------------------
 * Elements opening and closing
 */

/* The start tag's name is read: a second root is a mistake. */
static void
xc_begin_tag(struct xmlcheck *x)
{
    xc_copy(x->tag, x->name, x->name_len);
    x->tag_id[0] = '\0';
    x->attrs.len = 0;
    if (x->depth == 0 && x->root_closed)
        xc_fail(x, x->tag_line,
                "<%s> on line %u starts a second root element after the first one ended on line "
                "%u: a journey file holds exactly one <journey>",
                x->tag, x->tag_line, x->root_close_line);
}

/* A start tag ended with '>': the element is open. */
static void
xc_open(struct xmlcheck *x)
{
    if (x->depth == XC_MAX_DEPTH) {
        xc_fail(x, x->tag_line, "elements are nested more than %d deep here", XC_MAX_DEPTH);
        return;
    }
    xgrow((void **)&x->open, &x->cap, x->depth + 1, sizeof *x->open);
    struct xmlcheck_open *o = &x->open[x->depth++];
    memcpy(o->name, x->tag, sizeof o->name);
    memcpy(o->id, x->tag_id, sizeof o->id);
    o->line = x->tag_line;
    x->root_seen = true;
    x->state = XC_TEXT;
}

/* A start tag ended with "/>": remembered, for a stray end tag later. */
static void
xc_self_closed(struct xmlcheck *x)
{
    size_t i = 0;
    while (i < x->n_closed && strcmp(x->closed[i].name, x->tag) != 0)
        i++;
    if (i == x->n_closed) {
        if (x->n_closed == 64) /* enough names for any journey file */
            i = 63;
        else {
            xgrow((void **)&x->closed, &x->cap_closed, x->n_closed + 1, sizeof *x->closed);
            x->n_closed++;
        }
    }
    memcpy(x->closed[i].name, x->tag, sizeof x->closed[i].name);
    memcpy(x->closed[i].id, x->tag_id, sizeof x->closed[i].id);
    x->closed[i].line = x->tag_line;
    if (x->depth == 0) {
        x->root_seen = x->root_closed = true;
        x->root_close_line = x->line;
    }
    x->state = XC_TEXT;
}

static const struct xmlcheck_open *
xc_closed_named(const struct xmlcheck *x, const char *name)
{
    for (size_t i = 0; i < x->n_closed; i++)
        if (strcmp(x->closed[i].name, name) == 0)
            return &x->closed[i];
    return NULL;
}

/* An end tag </name> on line end_line that is not the innermost open element's. */
static void
xc_mismatch(struct xmlcheck *x, const char *name, unsigned end_line)
{
    const struct xmlcheck_open *top = x->depth ? &x->open[x->depth - 1] : NULL;
    for (size_t k = x->depth; k-- > 0;)
        if (strcmp(x->open[k].name, name) == 0) {
            xc_fail(x, top->line,
                    "%s on line %u is never closed: add </%s> before </%s> on line %u (or end its "
                    "start tag with \"/>\" if it holds nothing)",
                    xc_desc(top->name, top->id), top->line, top->name, name, end_line);
            return;
        }
    const struct xmlcheck_open *sc = xc_closed_named(x, name);
    if (sc && (!top || sc->line >= top->line)) {
        xc_fail(x, sc->line,
                "%s on line %u ends with \"/>\", which closes it at once, so </%s> on line %u "
                "has nothing to close: remove the \"/\" before \">\" on line %u",
                xc_desc(sc->name, sc->id), sc->line, name, end_line, sc->line);
    } else if (!top || !str_closest(name, (const char *const[]){top->name}, 1)) {
        xc_fail(x, end_line,
                "</%s> on line %u closes nothing: no <%s> is open here (remove it, or add the "
                "<%s> it should close)",
                name, end_line, name, name);
    } else {
        xc_fail(x, end_line,
                "</%s> on line %u does not match %s, opened on line %u: close that one with "
                "</%s>",
                name, end_line, xc_desc(top->name, top->id), top->line, top->name);
    }
}

/* An end tag is read. */
static void
xc_close(struct xmlcheck *x)
{
    char name[65];
    xc_copy(name, x->name, x->name_len);
    if (x->depth && strcmp(x->open[x->depth - 1].name, name) == 0) {
        if (--x->depth == 0) {
            x->root_closed = true;
            x->root_close_line = x->line;
        }
        x->state = XC_TEXT;
        return;
    }
    xc_mismatch(x, name, x->line);
}

/* ---------------------------------------------------------------------------
 * Attributes
 */

/* The attribute name is read: written twice is a mistake. */
static void
xc_attr_named(struct xmlcheck *x)
{
    xc_copy(x->attr, x->name, x->name_len);
    for (size_t at = 0; at < x->attrs.len; at += strlen(x->attrs.data + at) + 1)
        if (strcmp(x->attrs.data + at, x->attr) == 0) {
            xc_fail(x, x->attr_line, "%s on line %u has the attribute %s twice: keep one",
                    xc_desc(x->tag, x->tag_id), x->tag_line, x->attr);
            return;
        }
    buf_append(&x->attrs, x->attr, strlen(x->attr) + 1);
}

static void
xc_value_byte(struct xmlcheck *x, unsigned char c)
{
    if (c == (unsigned char)x->quote) {
        x->state = XC_AFTER_VALUE;
    } else if (c == '<') {
        xc_fail(x, x->quote_line,
                "the value of %s in %s, opened with %c on line %u, is never closed: add the "
                "closing %c (the \"<\" on line %u would be inside it)",
                x->attr, xc_desc(x->tag, x->tag_id), x->quote, x->quote_line, x->quote, x->line);
    } else if (c == '&') {
        x->ref_return = XC_VALUE;
        x->ref_line = x->line;
        x->name_len = 0;
        x->state = XC_REF;
        x->value_last = '&';
    } else {
        x->value_last = (char)c;
        if (x->value_is_id && x->value_len < 64) {
            x->tag_id[x->value_len++] = (char)c;
            x->tag_id[x->value_len] = '\0';
        }
    }
}

/* After a start tag's name or an attribute's value: white space, the
 * tag's end, or "/>" go on; anything else is for the caller (false). */
static bool
xc_tag_goes_on(struct xmlcheck *x, unsigned char c)
{
    if (xc_space(c))
        x->state = XC_IN_TAG;
    else if (c == '>')
        xc_open(x);
    else if (c == '/')
        x->state = XC_SLASH;
    else
        return false;
    return true;
}

/* Right after a value's closing quote. */
static void
xc_after_value(struct xmlcheck *x, unsigned char c)
{
    if (xc_tag_goes_on(x, c))
        return;
    if (x->value_last == '=')
        xc_fail(x, x->quote_line,
                "the value of %s in %s, opened with %c on line %u, has no closing quote: it runs "
                "on into the next attribute; close it (%s=%c…%c)",
                x->attr, xc_desc(x->tag, x->tag_id), x->quote, x->quote_line, x->attr, x->quote,
                x->quote);
    else if (xc_name_start(c))
        xc_fail(x, x->line, "put a space between the attribute %s and the next one in %s", x->attr,
                xc_desc(x->tag, x->tag_id));
    else
        xc_fail(x, x->line, "\"%c\" cannot follow the value of %s in %s", c, x->attr,
                xc_desc(x->tag, x->tag_id));
}

static void
xc_in_tag(struct xmlcheck *x, unsigned char c)
{
    if (xc_space(c)) {
        return;
    } else if (c == '>') {
        xc_open(x);
    } else if (c == '/') {
        x->state = XC_SLASH;
    } else if (xc_name_start(c)) {
        x->name_len = 0;
        xc_name_add(x, c);
        x->attr_line = x->line;
        x->state = XC_ATTR_NAME;
    } else if (c == '<') {
        xc_fail(x, x->tag_line,
                "the start tag %s on line %u is not closed with \">\" (a new tag begins on line "
                "%u)",
                xc_desc(x->tag, x->tag_id), x->tag_line, x->line);
    } else if (c == '"' || c == '\'') {
        xc_fail(x, x->line, "a quoted value without an attribute name in %s: write name=%c…%c",
                xc_desc(x->tag, x->tag_id), c, c);
    } else {
        xc_fail(x, x->line, "\"%c\" cannot stand between the attributes of %s", c,
                xc_desc(x->tag, x->tag_id));
    }
}

static void
xc_attr_name(struct xmlcheck *x, unsigned char c)
{
    if (xc_name_more(x, c))
        return;
    xc_attr_named(x);
    if (c == '=')
        x->state = XC_AFTER_EQ;
    else if (xc_space(c))
        x->state = XC_AFTER_ATTR_NAME;
    else
        xc_fail(x, x->attr_line, "the attribute %s in %s has no value: write %s=\"…\"", x->attr,
                xc_desc(x->tag, x->tag_id), x->attr);
}

static void
xc_after_eq(struct xmlcheck *x, unsigned char c)
{
    if (xc_space(c))
        return;
    if (c != '"' && c != '\'') {
        xc_fail(x, x->attr_line, "the value of %s in %s must be in quotes: %s=\"…\"", x->attr,
                xc_desc(x->tag, x->tag_id), x->attr);
        return;
    }
    x->quote = (char)c;
    x->quote_line = x->line;
    x->value_is_id = strcmp(x->attr, "id") == 0;
    x->value_len = 0;
    x->value_last = 0;
    if (x->value_is_id)
        x->tag_id[0] = '\0';
    x->state = XC_VALUE;
}

/* ---------------------------------------------------------------------------
 * References: &amp; &#233; &#xE9;
 */

/* Whether the code point is one XML allows. */
static bool
xc_xml_char(unsigned long cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* A numeric reference's text after '#': "233" or "xE9". */
static bool
xc_char_ref(const char *s)
{
    int base = 10;
    if (*s == 'x') {
        base = 16;
        s++;
    }
    if (!*s || strlen(s) > 8)
        return false;
    char *end;
    unsigned long cp = strtoul(s, &end, base);
    return !*end && (base == 16 || (*s >= '0' && *s <= '9')) && *s != '-' && *s != '+' &&
           xc_xml_char(cp);
}

static void
xc_bare_amp(struct xmlcheck *x)
{
    xc_fail(x, x->ref_line,
            "a \"&\" that does not start an entity such as &amp;: write \"&amp;\" for the "
            "character & itself");
}

static void
xc_ref(struct xmlcheck *x, unsigned char c)
{
    if (c != ';') {
        if ((xc_name_char(c) || (c == '#' && x->name_len == 0)) && x->name_len < 32)
            xc_name_add(x, c);
        else
            xc_bare_amp(x);
        return;
    }
    static const char *const builtin[] = {"lt", "gt", "amp", "quot", "apos"};
    bool ok = false;
    for (size_t i = 0; i < ARRAY_LEN(builtin); i++)
        ok |= strcmp(x->name, builtin[i]) == 0;
    if (x->name_len == 0)
        xc_bare_amp(x);
    else if (x->name[0] == '#' && !xc_char_ref(x->name + 1))
        xc_fail(x, x->ref_line,
                "\"&%s;\" is not a character XML allows: write a decimal number such as &#233; "
                "or a hexadecimal one such as &#xE9;, or the character itself",
                x->name);
    else if (x->name[0] != '#' && !ok)
        xc_fail(x, x->ref_line,
                "\"&%s;\" is not an XML entity: only &lt; &gt; &amp; &quot; &apos; and character "
                "references such as &#233; are allowed; write the character itself (the file is "
                "UTF-8), or a plain & as &amp;",
                x->name);
    x->state = x->ref_return;
}

/* ---------------------------------------------------------------------------
 * Text, tags, comments, declarations
 */

static void
xc_text(struct xmlcheck *x, unsigned char c)
{
    if (c == '<') {
        x->state = XC_LT;
        x->tag_line = x->line;
        x->comment_line = x->line;
        x->lt_offset = x->offset;
    } else if (c == '&' && x->depth) {
        x->ref_return = XC_TEXT;
        x->ref_line = x->line;
        x->name_len = 0;
        x->state = XC_REF;
    } else if (x->depth == 0 && !xc_space(c)) {
        if (x->root_closed)
            xc_fail(x, x->line,
                    "text on line %u after the end of the journey on line %u: nothing may "
                    "follow </journey> but comments",
                    x->line, x->root_close_line);
        else
            xc_fail(x, x->line,
                    "text on line %u before the first element: a journey file starts with "
                    "<journey version=\"1\" id=… name=…>",
                    x->line);
    }
}

static void
xc_lt(struct xmlcheck *x, unsigned char c)
{
    x->name_len = 0;
    if (c == '/') {
        x->state = XC_END_NAME;
    } else if (c == '!') {
        x->state = XC_BANG;
    } else if (c == '?') {
        x->state = XC_PI_TARGET;
    } else if (xc_name_start(c)) {
        xc_name_add(x, c);
        x->state = XC_START_NAME;
    } else {
        xc_fail(x, x->line,
                "a \"<\" that does not start a tag: write \"&lt;\" for the character < itself");
    }
}

static void
xc_start_name(struct xmlcheck *x, unsigned char c)
{
    if (xc_name_more(x, c))
        return;
    xc_begin_tag(x);
    if (!xc_tag_goes_on(x, c))
        xc_fail(x, x->line, "\"%c\" cannot be part of the element name <%s", c, x->tag);
}

static void
xc_end_name(struct xmlcheck *x, unsigned char c)
{
    if (xc_name_char(c))
        xc_name_add(x, c);
    else if (c == '>')
        xc_close(x);
    else if (xc_space(c) && x->name_len)
        x->state = XC_END_AFTER;
    else
        xc_fail(x, x->line, "the end tag </%s on line %u is not closed with \">\"", x->name,
                x->line);
}

static void
xc_comment(struct xmlcheck *x, unsigned char c)
{
    if (c == '-') {
        x->run++;
    } else if (c == '>' && x->run >= 2) {
        x->state = XC_TEXT;
    } else {
        if (x->run >= 2)
            xc_fail(x, x->line,
                    "the comment opened on line %u contains \"--\", which XML does "
                    "not allow inside a comment: write something else",
                    x->comment_line);
        x->run = 0;
    }
}

static void
xc_bang(struct xmlcheck *x, unsigned char c)
{
    static const char cdata[] = "[CDATA[";
    switch (x->state) {
    case XC_BANG:
        if (c == '-')
            x->state = XC_BANG_DASH;
        else if (c == '[') {
            x->state = XC_CDATA_OPEN;
            x->run = 1;
        } else if (c == 'D' || c == 'd') {
            x->state = XC_DOCTYPE;
            x->doctype_depth = 0;
        } else
            xc_fail(x, x->line, "\"<!\" must start a comment: <!-- … -->");
        break;
    case XC_BANG_DASH:
        if (c == '-') {
            x->state = XC_COMMENT;
            x->run = 0;
        } else
            xc_fail(x, x->line, "\"<!-\" must start a comment: <!-- … -->");
        break;
    case XC_CDATA_OPEN:
        if (c != (unsigned char)cdata[x->run])
            xc_fail(x, x->line, "\"<![\" must start a CDATA section: <![CDATA[ … ]]>");
        else if (++x->run == sizeof cdata - 1) {
            x->state = XC_CDATA;
            x->run = 0;
        }
        break;
    default:
        break;
    }
}

/* "<?xml" anywhere but at the very start of the file. */
static void
xc_pi_target(struct xmlcheck *x, unsigned char c)
{
    if (xc_name_more(x, c))
        return;
    x->pi_xml = strcmp(x->name, "xml") == 0;
    if (x->name_len == 0)
        xc_fail(x, x->line, "\"<?\" must start a declaration such as <?xml version=\"1.0\"?>");
    else if (x->pi_xml && x->lt_offset != (size_t)x->bom + 1) /* not first, or after a BOM */
        xc_fail(x, x->comment_line,
                "the XML declaration <?xml …?> on line %u must be the very first thing in the "
                "file: remove what comes before it",
                x->comment_line);
    x->state = XC_PI;
    x->run = c == '?';
}

/* After an attribute's name, a start tag's '/', or an end tag's name. */
static void
xc_tag_end(struct xmlcheck *x, unsigned char c)
{
    if (x->state == XC_AFTER_ATTR_NAME) {
        if (c == '=')
            x->state = XC_AFTER_EQ;
        else if (!xc_space(c))
            xc_fail(x, x->attr_line, "the attribute %s in %s has no value: write %s=\"…\"", x->attr,
                    xc_desc(x->tag, x->tag_id), x->attr);
    } else if (x->state == XC_SLASH) {
        if (c == '>')
            xc_self_closed(x);
        else
            xc_fail(x, x->line, "\"/\" in the start tag %s must be followed by \">\"",
                    xc_desc(x->tag, x->tag_id));
    } else if (c == '>') {
        xc_close(x);
    } else if (!xc_space(c)) {
        xc_fail(x, x->line, "the end tag </%s> on line %u holds more than its name", x->name,
                x->line);
    }
}

/* A CDATA section, a processing instruction, a DOCTYPE: until their end. */
static void
xc_skip(struct xmlcheck *x, unsigned char c)
{
    if (x->state == XC_CDATA) {
        if (c == '>' && x->run >= 2)
            x->state = XC_TEXT;
        x->run = c == ']' ? x->run + 1 : 0;
    } else if (x->state == XC_PI) {
        if (c == '>' && x->run)
            x->state = XC_TEXT;
        x->run = c == '?';
    } else {
        x->doctype_depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        if (c == '>' && x->doctype_depth <= 0)
            x->state = XC_TEXT;
    }
}

/* What a byte means, by the state the reader is in. */
static void (*const xc_states[])(struct xmlcheck *, unsigned char) = {
    [XC_TEXT] = xc_text,
    [XC_LT] = xc_lt,
    [XC_START_NAME] = xc_start_name,
    [XC_IN_TAG] = xc_in_tag,
    [XC_ATTR_NAME] = xc_attr_name,
    [XC_AFTER_ATTR_NAME] = xc_tag_end,
    [XC_AFTER_EQ] = xc_after_eq,
    [XC_VALUE] = xc_value_byte,
    [XC_AFTER_VALUE] = xc_after_value,
    [XC_SLASH] = xc_tag_end,
    [XC_END_NAME] = xc_end_name,
    [XC_END_AFTER] = xc_tag_end,
    [XC_BANG] = xc_bang,
    [XC_BANG_DASH] = xc_bang,
    [XC_COMMENT] = xc_comment,
    [XC_CDATA_OPEN] = xc_bang,
    [XC_CDATA] = xc_skip,
    [XC_PI_TARGET] = xc_pi_target,
    [XC_PI] = xc_skip,
    [XC_DOCTYPE] = xc_skip,
    [XC_REF] = xc_ref,
};

_Static_assert(sizeof xc_states / sizeof xc_states[0] == XC_REF + 1, "a state without a handler");

static void
xc_byte(struct xmlcheck *x, unsigned char c)
{
    xc_states[x->state](x, c);
}

void
xmlcheck_bytes(struct xmlcheck *x, const char *p, size_t n)
{
    static const char bom[] = "\xEF\xBB\xBF";
    for (size_t i = 0; i < n && !x->found; i++) {
        unsigned char c = (unsigned char)p[i];
        x->offset++;
        bool in_bom = x->offset <= 3 && x->bom == x->offset - 1 && c == (unsigned char)bom[x->bom];
        if (in_bom)
            x->bom++; /* a byte-order mark is no text */
        if (!xc_utf8(x, c))
            xc_fail(x, x->line,
                    "the file is not valid UTF-8 (a byte sequence on this line is not UTF-8); "
                    "save it as UTF-8");
        else if (c < 0x20 && !xc_space(c))
            xc_fail(x, x->line,
                    "line %u holds a control character (U+%04X), which XML does not allow: "
                    "remove it",
                    x->line, c);
        else if (!in_bom)
            xc_byte(x, c);
        if (c == '\n')
            x->line++;
    }
}

/* What is left open when the file ends. */
void
xmlcheck_end(struct xmlcheck *x)
{
    if (x->found)
        return;
    if (x->utf8_need)
        xc_fail(x, x->line, "the file ends inside a UTF-8 character; save it as UTF-8");
    switch ((enum xc_state)x->state) {
    case XC_TEXT:
        break;
    case XC_VALUE:
        xc_fail(x, x->quote_line,
                "the value of %s in %s, opened with %c on line %u, is never closed: add the "
                "closing %c",
                x->attr, xc_desc(x->tag, x->tag_id), x->quote, x->quote_line, x->quote);
        break;
    case XC_COMMENT:
    case XC_BANG:
    case XC_BANG_DASH:
        xc_fail(x, x->comment_line, "the comment opened on line %u is never closed: add -->",
                x->comment_line);
        break;
    case XC_CDATA:
    case XC_CDATA_OPEN:
        xc_fail(x, x->comment_line, "the CDATA section opened on line %u is never closed: add ]]>",
                x->comment_line);
        break;
    case XC_PI:
    case XC_PI_TARGET:
        xc_fail(x, x->comment_line, "the <?…?> opened on line %u is never closed: add ?>",
                x->comment_line);
        break;
    case XC_REF:
        xc_bare_amp(x);
        break;
    case XC_DOCTYPE:
        break; /* the gate refuses the file for its DOCTYPE */
    case XC_LT:
    case XC_START_NAME:
    case XC_IN_TAG:
    case XC_ATTR_NAME:
    case XC_AFTER_ATTR_NAME:
    case XC_AFTER_EQ:
    case XC_AFTER_VALUE:
    case XC_SLASH:
    case XC_END_NAME:
    case XC_END_AFTER:
        xc_fail(x, x->tag_line, "the tag on line %u is not closed with \">\" before the file ends",
                x->tag_line);
        break;
    }
    if (x->depth) {
        const struct xmlcheck_open *top = &x->open[x->depth - 1];
        xc_fail(x, top->line,
                "%s on line %u is never closed: add </%s> before the end of the file (or end its "
                "start tag with \"/>\" if it holds nothing)",
                xc_desc(top->name, top->id), top->line, top->name);
    }
}

bool
xmlcheck_file(const char *path, size_t max_bytes, unsigned *where, unsigned *noticed,
              char **message)
{
    struct gate g;
    const char *why;
    if (!gate_open(&g, path, max_bytes, &why))
        return false;
    struct xmlcheck x;
    xmlcheck_init(&x);
    char chunk[65536];
    int n;
    while (!x.found && (n = gate_read(&g, chunk, (int)sizeof chunk)) > 0)
        xmlcheck_bytes(&x, chunk, (size_t)n);
    if (!x.found && !g.read_errno && !g.too_big && !g.nul_line)
        xmlcheck_end(&x);
    gate_close(&g);
    bool found = x.found;
    if (found) {
        *where = x.where;
        *noticed = x.noticed;
        *message = buf_steal(&x.message);
    }
    xmlcheck_finish(&x);
    return found;
}
