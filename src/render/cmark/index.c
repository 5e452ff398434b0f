/*
 * index.c - index.md, the Markdown twin of the workshop page that `build`
 * writes: each segment with its diagram, its counts of findings and links
 * to its checklist; the models that were not built; the comparison.
 */
#include "render/cmark/md.h"

#include "core/date.h"
#include "render/markdown.h"
#include "render/site.h"

#include <stdlib.h>

static const char *
index_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* One built segment: heading, diagram, counts, links, model. */
static void
index_segment(cmark_node *doc, const struct site_entry *e)
{
    const char *id = e->j->id;
    md_heading(doc, 2, e->j->name);
    cmark_node *img = md_node(CMARK_NODE_IMAGE, md_paragraph(doc));
    char *url = xasprintf("%s.svg", id);
    cmark_node_set_url(img, url);
    free(url);
    md_textf(img, "Diagram of %s", e->j->name);
    cmark_node *l = md_bullet_list(doc);
    md_textf(md_item(l), "%zu error%s, %zu warning%s, %zu note%s", e->count[SEVERITY_ERROR],
             index_plural(e->count[SEVERITY_ERROR]), e->count[SEVERITY_WARNING],
             index_plural(e->count[SEVERITY_WARNING]), e->count[SEVERITY_NOTE],
             index_plural(e->count[SEVERITY_NOTE]));
    cmark_node *p = md_item(l);
    md_text(p, "Review checklist: ");
    const char *kinds[][2] = {{"Markdown", "checklist.md"}, {"printable page", "checklist.html"}};
    for (size_t k = 0; k < 2; k++) {
        cmark_node *a = md_node(CMARK_NODE_LINK, p);
        char *u = xasprintf("%s.%s", id, kinds[k][1]);
        cmark_node_set_url(a, u);
        free(u);
        md_text(a, kinds[k][0]);
        if (k == 0)
            md_text(p, " · ");
    }
    md_textf(md_item(l), "Model: %s", e->source);
}

/* The models with errors, when there are any. */
static void
index_not_built(cmark_node *doc, const struct site_entry *v, size_t n)
{
    bool broken = false;
    for (size_t i = 0; i < n; i++)
        broken |= !v[i].j;
    if (!broken)
        return;
    md_heading(doc, 2, "Not built");
    md_text(md_paragraph(doc), "These models have errors; run journeymap check on them.");
    cmark_node *l = md_bullet_list(doc);
    for (size_t i = 0; i < n; i++)
        if (!v[i].j)
            md_textf(md_item(l), "%s: %zu error%s", v[i].source, v[i].count[SEVERITY_ERROR],
                     index_plural(v[i].count[SEVERITY_ERROR]));
}

/* A heading and its two links: "Tables · heat map". */
static void
index_links_to(cmark_node *doc, const char *heading, const char *md, const char *svg)
{
    md_heading(doc, 2, heading);
    cmark_node *p = md_paragraph(doc);
    cmark_node *a = md_node(CMARK_NODE_LINK, p);
    cmark_node_set_url(a, md);
    md_text(a, "Tables");
    md_text(p, " · ");
    a = md_node(CMARK_NODE_LINK, p);
    cmark_node_set_url(a, svg);
    md_text(a, "heat map");
}

char *
index_render(const struct site_entry *v, size_t n, bool comparison, day_number today, size_t *len)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_heading(doc, 1, "Customer journeys");
    char date[11];
    date_format(today, date);
    cmark_node *p = md_paragraph(doc);
    md_textf(p, "Findings as of %s. Open index.html for the page with every diagram; run the "
                "workshop from the ",
             date);
    cmark_node *a = md_node(CMARK_NODE_LINK, p);
    cmark_node_set_url(a, "agenda.md");
    md_text(a, "agenda");
    md_text(p, ".");
    for (size_t i = 0; i < n; i++)
        if (v[i].j)
            index_segment(doc, &v[i]);
    index_not_built(doc, v, n);
    index_links_to(doc, "Where we meet customers", "coverage.md", "coverage.svg");
    if (comparison)
        index_links_to(doc, "Competitor comparison", "compare.md", "compare.svg");
    return md_render(doc, false, len);
}
