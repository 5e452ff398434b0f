/*
 * page.h - fitting a laid-out diagram to a page of paper or a screen
 * (workshop.md, "Paper and screen sizes"; docs/diagram.md, "Pages").
 *
 * Private to render/graphviz/: canvas_render() calls these when a
 * diagram_target names a page. page.c is the home of cairo: Graphviz draws
 * onto a cairo context that journeymap made the size of the page, scaled
 * and centred, so a PDF page is exactly the paper size and a screen PNG
 * exactly 1920 pixels wide; an SVG keeps its vector drawing and gets the
 * page's size (the viewer fits and centres it).
 *
 * Ownership: the bytes page_render() hands out are the caller's (free());
 * g stays the caller's, laid out.
 */
#ifndef JOURNEYMAP_PAGE_H
#define JOURNEYMAP_PAGE_H

#include "render/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <stdbool.h>
#include <stddef.h>

/* -T dot: the graph as built, with size="W,H!" set to the page (inches),
 * so that Graphviz fits it when the text is laid out later. */
void page_dot(Agraph_t *g, const struct diagram_target *t);

/*
 * Render the laid-out g fitted to t->page, in t->format (svg, png or pdf).
 * Sets t->warning when the smallest text would be below 6 pt on paper or
 * 16 px on screen. Same output contract as canvas_render().
 */
bool page_render(GVC_t *gvc, Agraph_t *g, struct diagram_target *t, char **out, size_t *len,
                 const char **why);

#endif
