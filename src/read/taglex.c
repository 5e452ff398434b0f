/*
 * taglex.c - the start-tag lexer: a state machine over the raw bytes that
 * queues the line of every start tag's '<', and of the attributes written
 * on later lines than it (see taglex.h).
 */
#include "read/taglex.h"

#include <stdlib.h>
#include <string.h>

void
taglex_init(struct taglex *x)
{
    memset(x, 0, sizeof *x);
    x->state = TAGLEX_TEXT;
    x->current = (size_t)-1;
    buf_init(&x->names);
}

void
taglex_finish(struct taglex *x)
{
    free(x->starts);
    free(x->attrs);
    buf_finish(&x->names);
    taglex_init(x);
}

static bool
taglex_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A start tag begins: queue it (reusing the queue once every tag in it
 * has been taken, and the loader is done with the last one). */
static void
taglex_push(struct taglex *x)
{
    if (x->next == x->n) {
        x->next = x->n = x->n_attrs = 0;
        x->names.len = 0;
        x->current = (size_t)-1;
    }
    xgrow((void **)&x->starts, &x->cap, x->n + 1, sizeof *x->starts);
    x->starts[x->n++] = (struct taglex_start){x->lt_line, x->n_attrs, 0};
}

/* After "<": a start tag is queued; end tags, comments, CDATA and PIs are not. */
static void
taglex_after_lt(struct taglex *x, char c)
{
    if (c == '!') {
        x->state = TAGLEX_BANG;
    } else if (c == '?') {
        x->state = TAGLEX_PI;
        x->run = 0;
    } else if (c == '/') {
        x->state = TAGLEX_TAG;
    } else {
        taglex_push(x);
        x->state = TAGLEX_NAME;
    }
    x->quote = 0;
}

/* Quotes and the end of a tag: whether c was one of them. */
static bool
taglex_quote_or_end(struct taglex *x, char c)
{
    if (x->quote) {
        if (c == x->quote)
            x->quote = 0;
    } else if (c == '"' || c == '\'') {
        x->quote = c;
    } else if (c == '>') {
        x->state = TAGLEX_TEXT;
    } else {
        return false;
    }
    return true;
}

/* Inside a start tag: names, values, the end. */
static void
taglex_start_tag(struct taglex *x, char c, unsigned line)
{
    if (taglex_quote_or_end(x, c)) {
        return;
    } else if (!taglex_space(c) && c != '/' && c != '=') {
        /* An attribute's name begins: kept when it is not on the tag's line. */
        struct taglex_start *t = &x->starts[x->n - 1];
        x->recording = line != t->line;
        if (x->recording) {
            xgrow((void **)&x->attrs, &x->cap_attrs, x->n_attrs + 1, sizeof *x->attrs);
            x->attrs[x->n_attrs++] = (struct taglex_attr){line, x->names.len};
            t->n_attrs++;
            buf_putc(&x->names, c);
        }
        x->state = TAGLEX_ATTR;
    }
}

static void
taglex_attr_name(struct taglex *x, char c, unsigned line)
{
    if (!taglex_space(c) && c != '=' && c != '>' && c != '/' && c != '"' && c != '\'') {
        if (x->recording)
            buf_putc(&x->names, c);
        return;
    }
    if (x->recording)
        buf_putc(&x->names, '\0');
    x->recording = false;
    x->state = TAGLEX_START;
    taglex_start_tag(x, c, line);
}

void
taglex_byte(struct taglex *x, char c, unsigned line)
{
    switch (x->state) {
    case TAGLEX_TEXT:
        if (c == '<') {
            x->state = TAGLEX_LT;
            x->lt_line = line;
        }
        break;
    case TAGLEX_LT:
        taglex_after_lt(x, c);
        break;
    case TAGLEX_BANG: /* "<!--", "<![CDATA[" or a DOCTYPE (refused anyway) */
        x->state = c == '-' ? TAGLEX_COMMENT : c == '[' ? TAGLEX_CDATA : TAGLEX_TAG;
        x->run = c == '-' ? (unsigned)-1 : 0; /* the comment's own second '-' */
        break;
    case TAGLEX_TAG:
        taglex_quote_or_end(x, c);
        break;
    case TAGLEX_NAME:
        if (c == '>')
            x->state = TAGLEX_TEXT;
        else if (taglex_space(c) || c == '/')
            x->state = TAGLEX_START;
        break;
    case TAGLEX_START:
        taglex_start_tag(x, c, line);
        break;
    case TAGLEX_ATTR:
        taglex_attr_name(x, c, line);
        break;
    case TAGLEX_COMMENT:
        if (x->run == (unsigned)-1)
            x->run = 0;
        else if (c == '>' && x->run >= 2)
            x->state = TAGLEX_TEXT;
        else
            x->run = c == '-' ? x->run + 1 : 0;
        break;
    case TAGLEX_CDATA:
        if (c == '>' && x->run >= 2)
            x->state = TAGLEX_TEXT;
        else
            x->run = c == ']' ? x->run + 1 : 0;
        break;
    case TAGLEX_PI:
        if (c == '>' && x->run)
            x->state = TAGLEX_TEXT;
        else
            x->run = c == '?';
        break;
    }
}

bool
taglex_next_start(struct taglex *x, unsigned *line)
{
    if (x->next >= x->n)
        return false;
    x->current = x->next;
    *line = x->starts[x->next++].line;
    return true;
}

unsigned
taglex_attr_line(const struct taglex *x, const char *name, unsigned dflt)
{
    if (x->current == (size_t)-1 || x->current >= x->n)
        return dflt;
    const struct taglex_start *t = &x->starts[x->current];
    for (size_t i = t->first_attr; i < t->first_attr + t->n_attrs; i++)
        if (strcmp(x->names.data + x->attrs[i].name, name) == 0)
            return x->attrs[i].line;
    return dflt;
}
