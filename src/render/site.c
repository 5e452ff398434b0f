/*
 * site.c - index.html: the workshop page, one section per segment with its
 * diagram inline (so the page works from a folder or a file share, with
 * no other request than the links a reader clicks).
 */
#include "render/site.h"

#include "core/date.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char site_style[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:1.5em auto;max-width:"
    "110em;padding:0 1em;color:#1b2631;line-height:1.4}"
    "h1{border-bottom:2px solid #aeb6bf}section{margin:2em 0;padding-top:.5em;border-top:1px "
    "solid #d5d8dc}.counts span{display:inline-block;margin-right:1em;padding:.1em .5em;"
    "border-radius:.3em;background:#eaecee}.counts .error{background:#f5b7b1}.counts "
    ".warning{background:#fce8a6}.diagram svg{max-width:100%;height:auto}"
    ".pair{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}"
    ".pair>.diagram{flex:1 1 40em;min-width:0}"
    ".broken{color:#b03a2e}nav a{margin-right:1em}";

/* An SVG document as an inline element: from "<svg" on. */
static void
site_inline_svg(struct buf *b, const char *svg)
{
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    if (start)
        buf_puts(b, start);
}

/* One segment: its name, counts, links, and the map and curve inline. */
static void
site_segment(struct buf *b, const struct site_entry *e)
{
    const char *id = e->j->id; /* ids are letters, digits, '-', '_', '.' */
    buf_printf(b, "<section id=\"%s\" class=\"segment\">\n<h2>", id);
    buf_html(b, e->j->name);
    buf_puts(b, "</h2>\n<p class=\"counts\">");
    buf_printf(b, "<span class=\"%s\">%zu error%s</span>", e->count[3] ? "error" : "none",
               e->count[3], e->count[3] == 1 ? "" : "s");
    buf_printf(b, "<span class=\"%s\">%zu warning%s</span>", e->count[2] ? "warning" : "none",
               e->count[2], e->count[2] == 1 ? "" : "s");
    buf_printf(b, "<span class=\"note\">%zu note%s</span></p>\n", e->count[1],
               e->count[1] == 1 ? "" : "s");
    buf_printf(b,
               "<p>Review checklist: <a href=\"%s.checklist.html\">printable page</a> "
               "· <a href=\"%s.checklist.md\">Markdown</a> · <a "
               "href=\"agenda.html\">Workshop agenda</a> · Diagram: <a "
               "href=\"%s.svg\">SVG</a> · <a href=\"%s.dot\">DOT</a> · Emotion curve: "
               "<a href=\"%s.curve.svg\">SVG</a> · Model: ",
               id, id, id, id, id);
    buf_html(b, e->source);
    buf_puts(b, "</p>\n<div class=\"pair\">\n<div class=\"diagram map\">\n");
    site_inline_svg(b, e->svg);
    buf_puts(b, "</div>\n<div class=\"diagram curve\">\n");
    site_inline_svg(b, e->curve_svg);
    buf_puts(b, "</div>\n</div>\n</section>\n");
}

char *
site_html(const struct site_entry *v, size_t n, const char *compare_svg, day_number today,
          size_t *len)
{
    struct buf b;
    buf_init(&b);
    char date[11];
    date_format(today, date);
    size_t built = 0;
    for (size_t i = 0; i < n; i++)
        built += v[i].j != NULL;
    buf_printf(&b,
               "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<title>Customer journeys</title>\n<style>%s</style>\n</head>\n<body>\n"
               "<h1>Customer journeys</h1>\n<p>%zu segment%s, findings as of %s. Each "
               "diagram shows the journey stage by stage; red marks weak spots and gaps "
               "(see the legend at its right). Run the workshop from the <a "
               "href=\"agenda.html\">agenda</a> (<a href=\"agenda.md\">Markdown</a>).</p>\n<nav>",
               site_style, built, built == 1 ? "" : "s", date);
    for (size_t i = 0; i < n; i++)
        if (v[i].j) {
            buf_printf(&b, "<a href=\"#%s\">", v[i].j->id);
            buf_html(&b, v[i].j->name);
            buf_puts(&b, "</a>");
        }
    if (compare_svg)
        buf_puts(&b, "<a href=\"#comparison\">Competitor comparison</a>");
    buf_puts(&b, "</nav>\n");
    for (size_t i = 0; i < n; i++)
        if (v[i].j)
            site_segment(&b, &v[i]);
    bool broken = false;
    for (size_t i = 0; i < n; i++)
        broken |= !v[i].j;
    if (broken) {
        buf_puts(&b, "<section class=\"broken\">\n<h2>Not built</h2>\n<p>These models have "
                     "errors; run <code>journeymap check</code> on them. Their previous "
                     "outputs, if any, were left as they were.</p>\n<ul>\n");
        for (size_t i = 0; i < n; i++)
            if (!v[i].j) {
                buf_puts(&b, "<li>");
                buf_html(&b, v[i].source);
                buf_printf(&b, ": %zu error%s</li>\n", v[i].count[3],
                           v[i].count[3] == 1 ? "" : "s");
            }
        buf_puts(&b, "</ul>\n</section>\n");
    }
    if (compare_svg) {
        buf_puts(&b, "<section id=\"comparison\">\n<h2>Competitor comparison</h2>\n<p><a "
                     "href=\"compare.md\">Markdown tables</a> · <a "
                     "href=\"compare.svg\">SVG</a></p>\n<div class=\"diagram\">\n");
        site_inline_svg(&b, compare_svg);
        buf_puts(&b, "</div>\n</section>\n");
    }
    buf_puts(&b, "</body>\n</html>\n");
    *len = b.len;
    return buf_steal(&b);
}
