/*
 * site.c - index.html: the workshop page, one section per segment with its
 * diagram inline (so the page works from a folder or a file share, with
 * no other request than the links a reader clicks).
 */
#include "render/site.h"

#include "core/date.h"
#include "core/diag.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char site_style[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:1.5em 2%;color:#1b2631;"
    "line-height:1.4}p,nav,details{max-width:70em}"
    "h1{border-bottom:2px solid #aeb6bf}section{margin:2em 0;padding-top:.5em;border-top:1px "
    "solid #d5d8dc}.counts span{display:inline-block;margin-right:1em;padding:.1em .5em;"
    "border-radius:.3em;background:#eaecee}.counts .error{background:#f5b7b1}.counts "
    ".warning{background:#fce8a6}.diagram{width:100%;margin:1em 0}"
    ".diagram svg{display:block;width:100%;height:auto}"
    "details{margin:1em 0}summary{cursor:pointer;font-weight:bold}"
    "details li{margin:.2em 0}.sev{display:inline-block;min-width:5em;font-weight:bold}"
    ".sev.error{color:#b03a2e}.sev.warning{color:#9a5b00}.sev.note{color:#5d6d7e}"
    "code{font-size:90%}"
    ".broken{color:#b03a2e}nav a{margin-right:1em}"
    ".coverage{overflow-x:auto}.coverage table{border-collapse:collapse}.coverage th,"
    ".coverage td{border:1px solid #aeb6bf;padding:.25em .6em;white-space:nowrap}"
    ".coverage th{background:#eaecee}";

/* An SVG document as an inline element: from "<svg" on. */
static void
site_inline_svg(struct buf *b, const char *svg)
{
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    if (start)
        buf_puts(b, start);
}

/* The findings about one segment, in a section that opens on a click. */
static void
site_findings(struct buf *b, const struct site_entry *e, const struct diag *d)
{
    size_t n = 0;
    for (size_t i = 0; i < diag_count(d); i++)
        n += diag_file(d, diag_get(d, i)) == e->j->file;
    buf_printf(b, "<details class=\"findings\">\n<summary>%zu finding%s</summary>\n", n,
               n == 1 ? "" : "s");
    if (n)
        buf_puts(b, "<ul>\n");
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        if (diag_file(d, f) != e->j->file)
            continue;
        const char *sev = severity_names[f->severity];
        buf_printf(b, "<li><span class=\"sev %s\">%s</span> <code>", sev, sev);
        buf_html(b, finding_rule(f));
        buf_printf(b, "</code> line %u: ", f->line);
        buf_html(b, finding_text(f, &m));
        buf_puts(b, "</li>\n");
    }
    buf_finish(&m);
    buf_puts(b, n ? "</ul>\n</details>\n" : "</details>\n");
}

/* One segment: its name, counts, links, the map inline at the page's
 * width with the curve below it, and its findings. */
static void
site_segment(struct buf *b, const struct site_entry *e, const struct diag *d, bool agenda)
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
               "· <a href=\"%s.checklist.md\">Markdown</a>",
               id, id);
    if (agenda)
        buf_puts(b, " · <a href=\"agenda.html\">Workshop agenda</a>");
    if (e->lanes)
        buf_printf(b,
                   " · Poster for the wall: <a class=\"lanes\" href=\"%s.lanes.pdf\">PDF "
                   "(A3)</a> · <a class=\"lanes\" href=\"%s.lanes.svg\">SVG</a>",
                   id, id);
    buf_printf(b,
               " · Map: <a href=\"%s.svg\">SVG</a> · <a href=\"%s.dot\">DOT</a> · Emotion "
               "curve: <a href=\"%s.curve.svg\">SVG</a> · Model: ",
               id, id, id);
    buf_html(b, e->source);
    buf_puts(b, "</p>\n");
    if (e->evidence_summary) {
        buf_puts(b, "<p class=\"evidence\">Planned against actual: ");
        buf_html(b, e->evidence_summary);
        buf_printf(b, " · <a href=\"%s.evidence.md\">the report</a>", id);
        if (e->evidence_map)
            buf_printf(b, " · <a href=\"%s.evidence.svg\">the map with reach and delays</a>", id);
        buf_puts(b, "</p>\n");
    }
    if (e->since) {
        buf_puts(b, "<p class=\"since\"><strong>Since <code>");
        buf_html(b, e->since);
        buf_puts(b, "</code>:</strong> ");
        buf_html(b, e->since_summary);
        buf_printf(b, " · <a href=\"%s.diff.md\">what changed</a></p>\n", id);
    }
    buf_puts(b, "<div class=\"diagram map\">\n");
    site_inline_svg(b, e->svg);
    buf_puts(b, "</div>\n<div class=\"diagram curve\">\n");
    site_inline_svg(b, e->curve_svg);
    buf_puts(b, "</div>\n");
    site_findings(b, e, d);
    buf_puts(b, "</section>\n");
}

char *
site_html(const struct site_entry *v, size_t n, const struct site_extras *x, size_t *len)
{
    struct buf b;
    buf_init(&b);
    char date[11];
    date_format(x->today, date);
    size_t built = 0;
    for (size_t i = 0; i < n; i++)
        built += v[i].j != NULL;
    buf_printf(&b,
               "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<title>Customer journeys</title>\n<style>%s</style>\n</head>\n<body>\n"
               "<h1>Customer journeys</h1>\n<p>%zu segment%s, findings as of %s. Each "
               "map shows the journey stage by stage, red marking weak spots and gaps (the "
               "legend is under its title); the emotion curve below it shows how customers "
               "feel; the poster for the wall is the lanes view.",
               site_style, built, built == 1 ? "" : "s", date);
    if (x->agenda)
        buf_puts(&b, " Run the workshop from the <a href=\"agenda.html\">agenda</a> (<a "
                     "href=\"agenda.md\">Markdown</a>).");
    buf_puts(&b, "</p>\n<nav>");
    for (size_t i = 0; i < n; i++)
        if (v[i].j) {
            buf_printf(&b, "<a href=\"#%s\">", v[i].j->id);
            buf_html(&b, v[i].j->name);
            buf_puts(&b, "</a>");
        }
    if (x->coverage)
        buf_puts(&b, "<a href=\"#coverage\">Where we meet customers</a>");
    if (x->compare_svg)
        buf_puts(&b, "<a href=\"#comparison\">Competitor comparison</a>");
    buf_puts(&b, "</nav>\n");
    for (size_t i = 0; i < n; i++)
        if (v[i].j)
            site_segment(&b, &v[i], x->d, x->agenda);
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
    if (x->coverage) {
        buf_puts(&b, "<section id=\"coverage\">\n<h2>Where we meet customers</h2>\n<p>Our "
                     "touchpoints across all segments by phase and channel: how many, then "
                     "proactive (we start) / reactive (the customer starts). ⚠ marks a phase "
                     "no touchpoint of ours reaches, or one we reach only when the customer "
                     "comes to us. Per segment: <a href=\"coverage.md\">Markdown tables</a> · "
                     "<a href=\"coverage.svg\">heat map</a>.</p>\n<div class=\"coverage\">\n");
        buf_puts(&b, x->coverage);
        buf_puts(&b, "</div>\n</section>\n");
    }
    if (x->compare_svg) {
        buf_puts(&b, "<section id=\"comparison\">\n<h2>Competitor comparison</h2>\n<p><a "
                     "href=\"compare.md\">Markdown tables</a> · <a "
                     "href=\"compare.svg\">SVG</a></p>\n<div class=\"diagram\">\n");
        site_inline_svg(&b, x->compare_svg);
        buf_puts(&b, "</div>\n</section>\n");
    }
    buf_puts(&b, "</body>\n</html>\n");
    *len = b.len;
    return buf_steal(&b);
}
