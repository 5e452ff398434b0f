/*
 * canvas.h - the Graphviz back end that every view of this folder is built
 * on (map.c, curve.c, heatmap.c).
 *
 * This folder is the home of Graphviz (docs/architecture.md): only its
 * files include cgraph and gvc, and this header is theirs alone; the rest
 * of the program sees render/diagram.h. What the back end gives a view:
 *
 * - graphs whose objects are numbered in creation order, so that the DOT
 *   text does not depend on malloc (canvas_open());
 * - the one place where const is cast away for cgraph 2.42, which takes
 *   char * where it only reads (canvas_set(), canvas_node(), …);
 * - user text only ever reaches labels through canvas_text() and its
 *   wrapping forms: markup characters as entities, backslashes doubled
 *   (so \N and friends stay literal), control characters dropped, long
 *   text wrapped and cut, so no label is ever empty markup (hazards);
 * - layout and rendering to memory with gvRenderData (never to a file),
 *   with Graphviz's messages kept off stderr and its last error reported
 *   as ours (canvas_render()).
 *
 * Ownership: a graph from canvas_open() is closed by canvas_render(); the
 * bytes it hands out are the caller's (free()). diagram_cleanup() releases
 * the process-wide Graphviz context.
 */
#ifndef JOURNEYMAP_CANVAS_H
#define JOURNEYMAP_CANVAS_H

#include "core/util.h"
#include "render/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <stdbool.h>
#include <stddef.h>

#define CANVAS_FONT "DejaVu Sans"
#define CANVAS_WRAP 26          /* label line length, in characters */
#define CANVAS_RED "#b03a2e"    /* weak spot without a plan, gaps */
#define CANVAS_ORANGE "#d68910" /* weak spot with a plan */
#define CANVAS_GREY "#5d6d7e"
#define CANVAS_GAP_FILL "#fadbd8" /* contact gaps and empty stages */

/* Fill colours for scores 1..5, red to green; index 0 is "no score". */
extern const char *const canvas_score_fill[6];

/* A new directed graph named name, with our id discipline and the house
 * style (DejaVu Sans everywhere, titles on top, a white background with
 * 0.3 in of padding); Graphviz's error count reset and its messages kept
 * off stderr. */
Agraph_t *canvas_open(const char *name);

/* Declare an attribute with its default (agattr); kind is AGRAPH, AGNODE or AGEDGE. */
Agsym_t *canvas_attr(Agraph_t *g, int kind, const char *name, const char *dflt);
/* Set an attribute to a plain value (no user text: use canvas_set_html()). */
void canvas_set(void *obj, Agsym_t *sym, const char *value);
/* Set an attribute to an HTML-like label built with canvas_text() and friends. */
void canvas_set_html(void *obj, Agsym_t *sym, const char *html);
Agnode_t *canvas_node(Agraph_t *g, const char *name);
/* A node named by printf ("gap:3", "empty:stage-id"). */
Agnode_t *canvas_nodef(Agraph_t *g, const char *fmt, ...) PRINTF_LIKE(2, 3);
Agraph_t *canvas_subgraph(Agraph_t *g, const char *name);
/* An edge; several between one pair stay distinct. */
Agedge_t *canvas_edge(Agraph_t *g, Agnode_t *from, Agnode_t *to);

/* Append n bytes of s as HTML-label text (see above). */
void canvas_text(struct buf *b, const char *s, size_t n);
/* Append s wrapped at width characters per line (at spaces where possible),
 * or after a hyphen inside a word, at most max_lines lines joined with <BR/>, the last ending in "…" when
 * cut. Never appends nothing for non-blank text. */
void canvas_wrapped_at(struct buf *b, const char *s, size_t width, size_t max_lines);
/* The same at CANVAS_WRAP characters. */
void canvas_wrapped(struct buf *b, const char *s, size_t max_lines);
/* Append s as a tooltip (an escString: a backslash becomes "＼"). */
void canvas_tooltip(struct buf *b, const char *s);

/*
 * A picture of HTML-like tables stacked top to bottom (the heat maps): the
 * graph titled title_html at the top, each table a plaintext node in the
 * order pushed, joined by invisible edges; laid out with dot.
 */
struct canvas_stack {
    Agraph_t *g;
    Agsym_t *label; /* the nodes' */
    Agnode_t *last;
};
void canvas_stack_open(struct canvas_stack *s, const char *name, const char *title_html,
                       const char *fontsize);
void canvas_stack_push(struct canvas_stack *s, const char *node, const char *table_html);

/*
 * Lay out g with engine and render it in t->format, fitted to t->page when
 * one is named (page.h), or, for DIAGRAM_DOT, write the graph as built; g
 * is closed here. On success *out and *len hold the bytes
 * (caller frees *out with free()); on failure *why says why (static text).
 */
bool canvas_render(Agraph_t *g, const char *engine, struct diagram_target *t, char **out,
                   size_t *len, const char **why);

#endif
