/*
 * taglex.c - the start-tag lexer: a state machine over the raw bytes that
 * queues the line of every start tag's '<' (see taglex.h).
 */
#include "read/taglex.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

void
taglex_init(struct taglex *x)
{
    memset(x, 0, sizeof *x);
    x->state = TAGLEX_TEXT;
}

void
taglex_finish(struct taglex *x)
{
    free(x->starts);
    taglex_init(x);
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
        xgrow((void **)&x->starts, &x->cap, x->n + 1, sizeof *x->starts);
        x->starts[x->n++] = x->lt_line;
        x->state = TAGLEX_TAG;
    }
    x->quote = 0;
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
        if (x->quote) {
            if (c == x->quote)
                x->quote = 0;
        } else if (c == '"' || c == '\'') {
            x->quote = c;
        } else if (c == '>') {
            x->state = TAGLEX_TEXT;
        }
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
    *line = x->starts[x->next++];
    if (x->next == x->n) /* drained: reuse the queue */
        x->next = x->n = 0;
    return true;
}
