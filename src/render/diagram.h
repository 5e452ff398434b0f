/*
 * diagram.h - the journey diagram, built with libcgraph and rendered with
 * libgvc in-process (cli.md, "The diagram"; docs/diagram.md).
 *
 * The only user of Graphviz. The graph is built from the model and the
 * findings of `check` (weak spots, empty stages and contact gaps are drawn
 * as the findings say, so the picture and the list always agree). All user
 * text goes into HTML-like labels built by one escaping function.
 *
 * Ownership: diagram_render() hands the caller a malloc'd buffer (free()
 * it). diagram_cleanup() releases the process-wide Graphviz context.
 */
#ifndef JOURNEYMAP_DIAGRAM_H
#define JOURNEYMAP_DIAGRAM_H

#include "core/diag.h"
#include "core/model.h"

#include <stdbool.h>
#include <stddef.h>

enum diagram_format { DIAGRAM_DOT, DIAGRAM_SVG, DIAGRAM_PNG, DIAGRAM_PDF, DIAGRAM_FORMAT_COUNT };

/* "dot", "svg", "png", "pdf" (the -T names). */
extern const char *const diagram_format_names[DIAGRAM_FORMAT_COUNT];

/*
 * A stage with more touchpoints than this is summarised: its weak spots
 * first, then the others, in time order, up to this many, and one box
 * saying how many more there are. A column of 30 boxes is already as long as
 * a projector can show, and dot's layout time grows much faster than the
 * number of nodes.
 */
#define DIAGRAM_STAGE_LIMIT 30

/*
 * Draw journey j. d holds the findings of `check` for it (findings about
 * other files are ignored); competitor, when not NULL, is overlaid. For
 * DIAGRAM_DOT the result is the graph as built (no layout), so it is the
 * same bytes on every machine; the other formats are laid out with dot.
 * On success *out and *len hold the bytes (caller frees *out with free());
 * on failure *why says why (static text).
 */
bool diagram_render(const struct journey *j, const struct diag *d,
                    const struct competitor *competitor, enum diagram_format format, char **out,
                    size_t *len, const char **why);

/*
 * The emotion curve of n journeys (one, or several overlaid in distinct
 * colours): x the day of each touchpoint's first occurrence (or its place
 * in the journey when a journey has no day information), y its emotion;
 * stage bands, contact gaps, weak spots marked, touchpoints without an
 * emotion as hollow marks on the time axis. Positions are pinned and laid
 * out with neato. Same output contract as diagram_render().
 */
bool diagram_curve(const struct journey *const *js, size_t n, const struct diag *d,
                   enum diagram_format format, char **out, size_t *len, const char **why);

struct comparison;

/*
 * The competitor comparison (compare.h) as a heat map: the tally across
 * segments, then one colour-coded matrix per journey. Same output contract
 * as diagram_render().
 */
bool diagram_compare(const struct comparison *cmp, enum diagram_format format, char **out,
                     size_t *len, const char **why);

/* Release Graphviz's context (plugins, fonts); safe to call when unused. */
void diagram_cleanup(void);

#endif
