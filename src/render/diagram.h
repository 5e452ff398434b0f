/*
 * diagram.h - the pictures: the journey map, the emotion curve and the
 * comparison heat map, built with libcgraph and laid out and rendered with
 * libgvc in-process (cli.md, "The diagram"; docs/diagram.md).
 *
 * Each view is one file of render/graphviz/, the home of Graphviz, on its
 * back end (canvas.h); this header is the folder's face and includes no
 * Graphviz header. Views draw from the model and the findings of `check`
 * (weak spots, empty stages and contact gaps as the findings say, so the
 * picture and the list always agree).
 *
 * Ownership: every *_render() hands the caller a malloc'd buffer (free()
 * it). diagram_cleanup() releases the process-wide Graphviz context.
 */
#ifndef JOURNEYMAP_DIAGRAM_H
#define JOURNEYMAP_DIAGRAM_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

enum diagram_format { DIAGRAM_DOT, DIAGRAM_SVG, DIAGRAM_PNG, DIAGRAM_PDF, DIAGRAM_FORMAT_COUNT };

/* "dot", "svg", "png", "pdf" (the -T names), then NULL. */
extern const char *const diagram_format_names[DIAGRAM_FORMAT_COUNT + 1];

/* --page: paper sizes, then the projector (workshop.md, "Paper and screen
 * sizes"; page.c). DIAGRAM_PAGE_NONE keeps the drawing's natural size. */
enum diagram_page {
    DIAGRAM_PAGE_NONE = -1,
    DIAGRAM_PAGE_A4,
    DIAGRAM_PAGE_A3,
    DIAGRAM_PAGE_A2,
    DIAGRAM_PAGE_A1,
    DIAGRAM_PAGE_A0,
    DIAGRAM_PAGE_LETTER,
    DIAGRAM_PAGE_TABLOID,
    DIAGRAM_PAGE_SCREEN, /* 1920 x 1080 px */
    DIAGRAM_PAGE_COUNT
};

/* "A4", "A3", "A2", "A1", "A0", "letter", "tabloid", "screen", then NULL. */
extern const char *const diagram_page_names[DIAGRAM_PAGE_COUNT + 1];

/* What a view is drawn as: the format, and the page it is fitted to. */
struct diagram_target {
    enum diagram_format format;
    int page;      /* enum diagram_page */
    bool portrait; /* the page upright (paper and screen are landscape by default) */
    /* Out: when the page makes the smallest text too small to read (under
     * 6 pt on paper, 16 px on screen), why, naming the smallest page that
     * fits; "" otherwise. The output is written all the same. */
    char warning[200];
};

/* A target of format at the drawing's natural size. */
struct diagram_target diagram_natural(enum diagram_format format);

/*
 * A stage with more touchpoints than this is summarised: its weak spots
 * first, then the others, in time order, up to this many, and one box
 * saying how many more there are. A column of 30 boxes is already as long as
 * a projector can show, and dot's layout time grows much faster than the
 * number of nodes.
 */
#define MAP_STAGE_LIMIT 30

/*
 * The map of journey j (map.c). d holds the findings of `check` for it
 * (findings about other files are ignored); competitor, when not NULL, is
 * overlaid. For DIAGRAM_DOT the result is the graph as built (no layout), so
 * it is the same bytes on every machine; the other formats are laid out
 * with dot. On success *out and *len hold the bytes (caller frees *out
 * with free()); on failure *why says why (static text).
 */
bool map_render(const struct journey *j, const struct diag *d, const struct competitor *competitor,
                struct diagram_target *t, char **out, size_t *len, const char **why);

struct journey_diff;

/*
 * The map of jd's NEW journey with what changed since the old version
 * (diff -T svg; diff.md): new touchpoints with a thick blue border and
 * "NEW since SINCE", changed ones with their changes in blue ("score 2 →
 * 4", "moved from stage buy"), removed ones as struck-through grey boxes
 * in their old stage, and a legend line. jd->new_ must not be NULL; d
 * holds NEW's findings. Same contract as map_render().
 */
bool map_changes_render(const struct journey_diff *jd, const char *since, const struct diag *d,
                        struct diagram_target *t, char **out, size_t *len, const char **why);

struct evidence;

/*
 * The map of e's journey with what a contact log says (evidence -T svg;
 * evidence.md): each card's reach and median delay, and the touchpoints
 * that d's missed-touchpoint or late-touchpoint findings name marked in
 * red. Same contract as map_render().
 */
bool map_evidence_render(const struct evidence *e, const struct diag *d, struct diagram_target *t,
                         char **out, size_t *len, const char **why);

/*
 * The lanes view of journey j (lanes.c; workshop.md, "The lanes view"):
 * stages as column bands, one slot per touchpoint in time order, and lanes
 * underneath for the cards (node ID), the feeling (node feel/ID), what
 * works, pain points, plans, gaps and findings; competitor, when not NULL,
 * adds its ratings and its own touchpoints as ghost cards. A stage with
 * more than twice MAP_STAGE_LIMIT touchpoints is summarised as in the map.
 * Positions are pinned and drawn with the nop engine. Same contract as map_render().
 */
bool lanes_render(const struct journey *j, const struct diag *d,
                  const struct competitor *competitor, struct diagram_target *t, char **out,
                  size_t *len, const char **why);

/*
 * The emotion curve of n journeys (curve.c; one, or several overlaid in
 * distinct colours): x the day of each touchpoint's first occurrence (or
 * its place in the journey when a journey has no day information), y its
 * emotion; stage bands, contact gaps, weak spots marked, touchpoints
 * without an emotion as hollow marks on the time axis. Positions are
 * pinned and laid out with neato. Same output contract as map_render().
 */
bool curve_render(const struct journey *const *js, size_t n, const struct diag *d,
                  struct diagram_target *t, char **out, size_t *len, const char **why);

struct comparison;

/*
 * The competitor comparison (compare.h) as a heat map (heatmap.c): the
 * tally across segments, then one colour-coded matrix per journey. Same
 * output contract as map_render().
 */
bool heatmap_render(const struct comparison *cmp, struct diagram_target *t, char **out,
                    size_t *len, const char **why);

struct coverage;

/*
 * Where we meet customers (check/coverage.h) as a heat map (coverage.c):
 * all segments, then one matrix per segment. Same output contract as
 * map_render().
 */
bool coverage_render(const struct coverage *c, struct diagram_target *t, char **out, size_t *len,
                     const char **why);

/* Release Graphviz's context (plugins, fonts); safe to call when unused. */
void diagram_cleanup(void);

#endif
