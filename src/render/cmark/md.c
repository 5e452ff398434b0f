/*
 * md.c - the cmark back end (md.h): node builders, the cleaning of user
 * Markdown before it is grafted in, GitHub tables as custom blocks, and
 * rendering.
 */
#include "render/cmark/md.h"

#include "core/diag.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

cmark_node *
md_node(cmark_node_type type, cmark_node *parent)
{
    cmark_node *n = cmark_node_new(type);
    if (!n)
        die_oom();
    if (parent)
        cmark_node_append_child(parent, n);
    return n;
}

/* A text node for a name or any one-line text: control characters and
 * line breaks become spaces (a newline would end a heading or a cell). */
cmark_node *
md_text(cmark_node *parent, const char *s)
{
    cmark_node *n = md_node(CMARK_NODE_TEXT, parent);
    const char *p = s;
    while (*p && (unsigned char)*p >= 0x20 && *p != 0x7F)
        p++;
    if (!*p) { /* the usual text: nothing to clean (cmark copies it) */
        cmark_node_set_literal(n, s);
        return n;
    }
    char *clean = xstrdup(s);
    for (char *q = clean + (p - s); *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7F)
            *q = ' ';
    cmark_node_set_literal(n, clean);
    free(clean);
    return n;
}

cmark_node *
md_textf(cmark_node *parent, const char *fmt, ...)
{
    char small[256]; /* most texts: no allocation */
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (len >= 0 && (size_t)len < sizeof small)
        return md_text(parent, small);
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    cmark_node *n = md_text(parent, s);
    free(s);
    return n;
}

cmark_node *
md_code(cmark_node *parent, const char *s)
{
    cmark_node *n = md_node(CMARK_NODE_CODE, parent);
    cmark_node_set_literal(n, s);
    return n;
}

/* md_rule() with b, emptied first, for the text. */
static cmark_node *
md_rule_in(cmark_node *parent, const char *rule, struct buf *b)
{
    b->len = 0;
    buf_putc(b, '[');
    buf_puts(b, rule);
    buf_putc(b, ']');
    return md_code(parent, buf_str(b));
}

cmark_node *
md_rule(cmark_node *parent, const char *rule)
{
    struct buf b;
    buf_init(&b);
    cmark_node *n = md_rule_in(parent, rule, &b);
    buf_finish(&b);
    return n;
}

void
md_finding(cmark_node *parent, const struct finding *f)
{
    struct buf b; /* one buffer for both texts: a checklist has thousands of findings */
    buf_init(&b);
    finding_text(f, &b);
    buf_putc(&b, ' ');
    md_text(parent, buf_str(&b));
    md_rule_in(parent, finding_rule(f), &b);
    buf_finish(&b);
}

cmark_node *
md_strong(cmark_node *parent, const char *s)
{
    cmark_node *n = md_node(CMARK_NODE_STRONG, parent);
    md_text(n, s);
    return n;
}

cmark_node *
md_heading(cmark_node *parent, int level, const char *s)
{
    cmark_node *h = md_node(CMARK_NODE_HEADING, parent);
    cmark_node_set_heading_level(h, level);
    md_text(h, s);
    return h;
}

cmark_node *
md_paragraph(cmark_node *parent)
{
    return md_node(CMARK_NODE_PARAGRAPH, parent);
}

cmark_node *
md_bullet_list(cmark_node *parent)
{
    cmark_node *l = md_node(CMARK_NODE_LIST, parent);
    cmark_node_set_list_type(l, CMARK_BULLET_LIST);
    cmark_node_set_list_tight(l, 1);
    return l;
}

/* A list whose items hold several blocks must be loose, or the blocks
 * would run together when the Markdown is read again. */
void
md_loosen(cmark_node *list)
{
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
        cmark_node *first = cmark_node_first_child(it);
        if (first && cmark_node_next(first)) {
            cmark_node_set_list_tight(list, 0);
            return;
        }
    }
}

/* A list item's paragraph. */
cmark_node *
md_item(cmark_node *list)
{
    return md_paragraph(md_node(CMARK_NODE_ITEM, list));
}

/* A task item ("- [ ] …" in GitHub's syntax; a checkbox in HTML): its
 * paragraph, after the box. The box is a custom inline because cmark
 * would escape the brackets of a text node. */
cmark_node *
md_task(cmark_node *list, bool html)
{
    return md_task_done(list, html, false);
}

cmark_node *
md_task_done(cmark_node *list, bool html, bool done)
{
    cmark_node *p = md_item(list);
    cmark_node *box = md_node(CMARK_NODE_CUSTOM_INLINE, p);
    cmark_node_set_on_enter(box, html   ? (done ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
                                                : "<input type=\"checkbox\" disabled=\"\" /> ")
                                 : done ? "[x] "
                                        : "[ ] ");
    return p;
}

/* Links may point at the web or mail, or be relative; nothing else. */
static bool
md_safe_url(const char *url)
{
    const char *p = url;
    while (*p && (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'))
        p++;
    if (*p != ':' || p == url)
        return true; /* no scheme: a relative reference */
    size_t n = (size_t)(p - url);
    return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
           (n == 5 && strncasecmp(url, "https", 5) == 0) ||
           (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/* Replace node n by its children (a link's or image's text). */
static void
md_unwrap(cmark_node *n)
{
    cmark_node *child;
    while ((child = cmark_node_first_child(n)))
        cmark_node_insert_before(n, child);
    cmark_node_free(n);
}

/* Replace an HTML node by code showing the same text. */
static void
md_html_to_code(cmark_node *n, cmark_node_type as)
{
    cmark_node *c = cmark_node_new(as);
    if (!c)
        die_oom();
    const char *lit = cmark_node_get_literal(n);
    cmark_node_set_literal(c, lit ? lit : "");
    cmark_node_replace(n, c);
    cmark_node_free(n);
}

/*
 * Parse Markdown written by the user and move its blocks to the end of
 * parent, cleaned: raw HTML shown as code, unsafe links and every image
 * reduced to their text (the HTML handout loads nothing from anywhere),
 * headings demoted below level (never above H6).
 */
/*
 * Whether cmark would read md as one paragraph of one text node equal to
 * md: one line of printable ASCII (the parser replaces malformed UTF-8)
 * that starts with a letter (no block starts so: lists, quotes, headings,
 * fences, HTML, link definitions, indented code), ends in no space (a
 * paragraph's is trimmed) and holds none of the characters that start
 * inline markup, an escape or an entity (links and images start with
 * "[" or "!["). Most pluses and minuses are such lines; test_md renders
 * every kind of text both ways.
 */
static bool
md_plain_line(const char *md)
{
    if (!isalpha((unsigned char)md[0]))
        return false;
    const char *p = md;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c > 0x7E || strchr("\\`&_*[<", c))
            return false;
    }
    return p[-1] != ' ';
}

void
md_append_user(cmark_node *parent, const char *md, int level)
{
    if (md_plain_line(md)) { /* what the parser would give, without it */
        md_text(md_paragraph(parent), md);
        return;
    }
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    if (!doc)
        die_oom();
    /* Collect first: the tree cannot change under an iterator. */
    cmark_node **todo = NULL;
    size_t n = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *x = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(x);
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_LINK ||
            t == CMARK_NODE_IMAGE || t == CMARK_NODE_HEADING) {
            xgrow((void **)&todo, &cap, n + 1, sizeof *todo);
            todo[n++] = x;
        }
    }
    cmark_iter_free(it);
    /* Innermost first, so unwrapping a link keeps nodes inside it valid. */
    for (size_t i = n; i-- > 0;) {
        cmark_node *x = todo[i];
        cmark_node_type t = cmark_node_get_type(x);
        if (t == CMARK_NODE_HTML_BLOCK) {
            md_html_to_code(x, CMARK_NODE_CODE_BLOCK);
        } else if (t == CMARK_NODE_HTML_INLINE) {
            md_html_to_code(x, CMARK_NODE_CODE);
        } else if (t == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(x);
            if (!md_safe_url(url ? url : ""))
                md_unwrap(x);
        } else if (t == CMARK_NODE_IMAGE) {
            md_unwrap(x);
        } else {
            int l = cmark_node_get_heading_level(x) + level;
            cmark_node_set_heading_level(x, l > 6 ? 6 : l);
        }
    }
    free(todo);
    cmark_node *b;
    while ((b = cmark_node_first_child(doc)))
        cmark_node_append_child(parent, b);
    cmark_node_free(doc);
}

/* A cell's text for GitHub Markdown: every character that could end the
 * cell or start inline markup (emphasis, code, links, HTML, entities,
 * strikethrough) backslash-escaped; line breaks become spaces. Cells are
 * parsed as inline content only, so block markers need no escape. */
static void
md_escape_cell(struct buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch < 0x20 || ch == 0x7F) {
            buf_putc(b, ' ');
        } else {
            if (strchr("\\`*_[]<>|!&~", ch))
                buf_putc(b, '\\');
            buf_putc(b, (char)ch);
        }
    }
}

static void md_stream_put(struct md_stream *s, const char *text, size_t len);

/* The rows so far on to t's stream: the first piece as the start of a
 * part, the others right after it. */
static void
md_table_pass(struct md_table *t)
{
    struct md_stream *s = t->stream;
    if (!t->streamed)
        md_stream_put(s, t->text.data, t->text.len);
    else if (s->ok && t->text.len)
        s->ok = s->sink->put(s->sink->ctx, t->text.data, t->text.len);
    t->streamed = true;
    t->text.len = 0;
}

void
md_cell(struct md_table *t, const char *s)
{
    struct buf *b = &t->text;
    size_t r = t->n / t->cols, k = t->n % t->cols;
    if (t->html) {
        if (t->n == 0)
            buf_puts(b, "<table>\n");
        if (k == 0)
            buf_puts(b, "<tr>");
        buf_puts(b, r ? "<td>" : "<th>");
        buf_html(b, s);
        buf_puts(b, r ? "</td>" : "</th>");
    } else {
        buf_puts(b, "| ");
        md_escape_cell(b, s);
        buf_putc(b, ' ');
    }
    t->n++;
    if (k + 1 < t->cols)
        return;
    buf_puts(b, t->html ? "</tr>\n" : "|\n");
    if (r == 0 && !t->html) {
        for (size_t i = 0; i < t->cols; i++)
            buf_puts(b, i >= t->num_from ? "|---:" : "|---");
        buf_puts(b, "|\n");
    }
    if (t->stream && b->len >= MD_TABLE_PIECE)
        md_table_pass(t);
}

/* The end of an HTML table. */
static void
md_table_end(struct md_table *t)
{
    if (t->html) {
        if (t->n == 0)
            buf_puts(&t->text, "<table>\n");
        buf_puts(&t->text, "</table>\n");
    }
}

/* The table as one custom block, then freed. */
void
md_table_block(cmark_node *parent, struct md_table *t)
{
    md_table_end(t);
    cmark_node *blk = md_node(CMARK_NODE_CUSTOM_BLOCK, parent);
    cmark_node_set_on_enter(blk, buf_str(&t->text));
    buf_finish(&t->text);
}

char *
md_render(cmark_node *doc, bool html, size_t *len)
{
    char *out = html ? cmark_render_html(doc, CMARK_OPT_DEFAULT)
                     : cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    if (!out)
        die_oom();
    *len = strlen(out);
    return out;
}

/* The house style of the printable pages: readable on screen, compact on
 * paper. */
static const char md_page_style[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;max-width:52em;margin:2em auto;"
    "padding:0 1em;line-height:1.45;color:#1b2631}"
    "h1{border-bottom:2px solid #aeb6bf}h2{margin-top:2em;border-bottom:1px solid #d5d8dc;"
    "page-break-after:avoid}h3{margin-bottom:.3em;page-break-after:avoid}"
    "li{margin:.15em 0}ul{padding-left:1.4em}"
    "input[type=checkbox]{width:1.1em;height:1.1em;vertical-align:middle;margin-right:.4em}"
    "li:has(>input[type=checkbox]),li:has(>p>input[type=checkbox]){list-style:none;"
    "margin-left:-1.3em;padding-left:1.6em;text-indent:-1.6em}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #aeb6bf;"
    "padding:.25em .6em;text-align:left}code{font-size:.9em;color:#7b241c}"
    "@page{margin:1.2cm 1.3cm}"
    "@media print{body{margin:0;max-width:none;font-size:9pt;line-height:1.25}"
    "h1{font-size:16pt;margin:0 0 .4em}h2{font-size:12.5pt;margin:1.1em 0 .3em}"
    "h3{font-size:10.5pt;margin:.8em 0 .2em}p{margin:.25em 0}ul{margin:.2em 0}"
    "li{margin:.05em 0}table{margin:.5em 0;font-size:9pt}th,td{padding:.1em .4em}"
    "a{color:inherit}}";

/* The page up to its body. */
static void
md_page_head(struct buf *b, const char *title)
{
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    buf_html(b, title);
    buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n", md_page_style);
}

static const char md_page_tail[] = "</body>\n</html>\n";

char *
md_page(cmark_node *doc, const char *title, size_t *len)
{
    struct buf b;
    buf_init(&b);
    struct md_sink sink = {md_collect, &b};
    struct md_stream s;
    md_stream_open(&s, &sink, true, title);
    md_stream_part(&s, doc);
    md_stream_close(&s);
    *len = b.len;
    return buf_steal(&b);
}

void
md_stream_open(struct md_stream *s, const struct md_sink *sink, bool html, const char *page_title)
{
    *s = (struct md_stream){.sink = sink, .html = html, .page = page_title != NULL, .ok = true};
    if (s->page) {
        struct buf b;
        buf_init(&b);
        md_page_head(&b, page_title);
        s->ok = sink->put(sink->ctx, b.data, b.len);
        buf_finish(&b);
    }
}

/* CommonMark separates blocks with one blank line; each rendered piece
 * ends with one newline, so the pieces after the first get another. */
static void
md_stream_put(struct md_stream *s, const char *text, size_t len)
{
    if (s->ok && s->parts++ && !s->html && len)
        s->ok = s->sink->put(s->sink->ctx, "\n", 1);
    if (s->ok && len)
        s->ok = s->sink->put(s->sink->ctx, text, len);
}

void
md_stream_part(struct md_stream *s, cmark_node *doc)
{
    size_t len;
    char *text = md_render(doc, s->html, &len);
    md_stream_put(s, text, len);
    free(text);
}

void
md_stream_table(struct md_stream *s, struct md_table *t)
{
    md_table_end(t);
    t->stream = s;
    md_table_pass(t);
    buf_finish(&t->text);
}

bool
md_stream_close(struct md_stream *s)
{
    if (s->ok && s->page)
        s->ok = s->sink->put(s->sink->ctx, md_page_tail, sizeof md_page_tail - 1);
    return s->ok;
}

bool
md_collect(void *buf, const char *data, size_t len)
{
    buf_append(buf, data, len);
    return true;
}
