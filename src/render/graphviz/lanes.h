/*
 * lanes.h - what the two files of the lanes view share (lanes.c draws the
 * poster: its slots, the stage, card and feeling lanes, the title;
 * lanes_rows.c the lanes of text: what works, pain points, plans, gaps and
 * findings, the competitor's ratings). Private to render/graphviz/.
 *
 * Geometry: inches (pos written in points), y up; the label column runs from x = 0 to
 * LANES_LABEL_W, then one slot of slot_w per column. A lane is drawn from
 * L->y downwards and moves L->y to its bottom.
 *
 * Ownership: a struct lanes lives on lanes_render()'s stack; its arrays
 * are freed there. Cells from lanes_new_cells() are freed with
 * lanes_free_cells().
 */
#ifndef JOURNEYMAP_LANES_H
#define JOURNEYMAP_LANES_H

#include "render/graphviz/canvas.h"

#include "check/timeline.h"
#include "render/marks.h"

#include <stdbool.h>
#include <stddef.h>

#define LANES_PT "15"       /* every text but headings: >= 16 px on a 1920 px screen */
#define LANES_PT_NAME "16"  /* lane labels */
#define LANES_PT_STAGE "18" /* stage names */
#define LANES_PT_TITLE "28"
#define LANES_LABEL_W 1.75 /* inches of the lane labels' column */
#define LANES_SLOT_MIN 1.5 /* inches per slot: a 15-slot journey fits 25 in */
#define LANES_SLOT_MAX 2.6
#define LANES_WIDTH 22.0   /* inches the slots share when they can */
#define LANES_LINE 0.25    /* inches per line of 15-16 pt text */
#define LANES_PAD 0.22     /* inches above and below a lane's text */
#define LANES_STEP 0.42    /* inches per emotion step */
#define LANES_LIST_LINES 8 /* lines of a cell of what works, pain points, plans */
#define LANES_ITEM_LINES 4 /* lines of one item before "…" */
/* Slots of ours per stage before the rest are summarised ("+ N more"):
 * twice the map's, as a poster is read from closer. */
#define LANES_STAGE_LIMIT (2 * MAP_STAGE_LIMIT)

enum slot_kind { SLOT_OURS, SLOT_GHOST, SLOT_EMPTY, SLOT_MORE };

struct slot {
    enum slot_kind kind;
    const struct stage *stage;
    const struct touchpoint *tp; /* ours or the competitor's; NULL otherwise */
    size_t hidden, hidden_weak;  /* SLOT_MORE: touchpoints not drawn */
};

struct lanes {
    const struct journey *j;
    const struct diag *d;
    const struct competitor *comp;
    struct timeline t;
    struct marks marks;
    Agraph_t *g;
    Agsym_t *g_label, *n_pos, *n_label, *n_shape, *n_style, *n_fillcolor, *n_color,
        *n_penwidth, *n_fontcolor, *n_width, *n_height, *n_labelloc, *n_tooltip, *n_class,
        *n_fontsize;
    Agsym_t *e_color, *e_style, *e_penwidth;
    struct slot *slots;
    size_t n_slots;
    size_t *slot_of;     /* per touchpoint of ours: its slot, or SIZE_MAX */
    size_t *stage_first; /* per stage: its first slot; [n_stages] = n_slots */
    double *overdue;     /* per touchpoint of ours: days its plan is overdue, or -1 */
    double slot_w;       /* inches */
    size_t chars;        /* characters per line in a slot */
    size_t chars_bold;   /* the same in bold */
    double y;            /* top of the next lane (inches, going down from 0) */
    size_t n_gaps, n_hidden;
};

/* Placing (lanes.c). */
double lanes_x(const struct lanes *L, size_t slot); /* a slot's centre */
void lanes_place(struct lanes *L, Agnode_t *n, double x, double y, double w, double h);
/* A box of text named name, pinned with its top left corner at (x, y). */
Agnode_t *lanes_text(struct lanes *L, const char *name, const char *html, double x, double y,
                     double w, double h);
Agnode_t *lanes_point(struct lanes *L, const char *name, double x, double y);
/* A line between two invisible points "NAME:start" and "NAME:end". */
Agedge_t *lanes_line(struct lanes *L, const char *name, double x0, double y0, double x1,
                     double y1);
/* The label of lane id at the left edge, and the line under the lane. */
void lanes_label(struct lanes *L, const char *id, const char *label, double h);
/* The height of a lane whose fullest cell has lines lines. */
double lanes_height(size_t lines);

/* Text (lanes.c). */
size_t lanes_lines(const char *html); /* lines of an HTML label built here */
/* Append s, white space collapsed, wrapped at chars (0: the slot's
 * width), at most max_lines lines. */
void lanes_wrap(const struct lanes *L, struct buf *b, const char *s, size_t chars,
                size_t max_lines);
void lanes_align_left(struct buf *cell); /* its lines left-aligned */
/* One buffer per slot (cells[k] the HTML of slot k, "" for none), and the
 * lane of them: each non-empty cell a node named "ID/TOUCHPOINT", the lane
 * labelled. lanes_cell_row() places the cells only, from top down, and
 * returns the row's height. */
struct buf *lanes_new_cells(const struct lanes *L);
void lanes_free_cells(const struct lanes *L, struct buf *cells);
void lanes_cells(struct lanes *L, const char *id, const char *label, struct buf *cells);
double lanes_cell_row(struct lanes *L, const char *id, struct buf *cells, double top);

/* The lanes of text (lanes_rows.c). */
void lanes_lists(struct lanes *L);      /* what works, pain points, plans */
void lanes_findings(struct lanes *L);   /* gaps and findings */
void lanes_competitor(struct lanes *L); /* the competitor's ratings */

#endif
