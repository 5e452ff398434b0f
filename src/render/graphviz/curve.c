/*
 * curve.c - the emotion curve (render/diagram.h): how customers feel along
 * the journey, one segment or several overlaid.
 *
 * Positions are computed here and pinned (pos="x,y!", in inches); neato
 * only routes the straight lines and places the labels. x is the day of a
 * touchpoint's first occurrence (or, without any day information, its
 * place in the journey); y is its emotion.
 */
#include "render/graphviz/canvas.h"

#include "check/timeline.h"
#include "render/marks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CURVE_STEP 0.75 /* inches per emotion step */
#define CURVE_NAME 22   /* characters of a point's label before "…" */
#define CURVE_BAND_TOP (2 * CURVE_STEP + 0.75)
#define CURVE_BAND_BOTTOM (-2 * CURVE_STEP - 1.4)

static const char *const curve_colors[] = {"#1f618d", "#b9770e", "#7d3c98",
                                           "#117a65", "#a93226", "#2e4053"};

struct curve {
    Agraph_t *g;
    Agsym_t *n_pos, *n_label, *n_xlabel, *n_shape, *n_style, *n_fillcolor, *n_color, *n_penwidth,
        *n_fontcolor, *n_width, *n_height, *n_fixedsize, *n_labelloc, *n_fontsize, *n_tooltip,
        *n_class;
    Agsym_t *e_color, *e_penwidth, *e_style, *e_arrowhead;
    double width;  /* inches of the time axis */
    bool by_order; /* no day information: touchpoints evenly spaced */
    const struct journey *const *js;
    size_t n;
    struct timeline *t; /* per journey */
    jday end;           /* the longest journey's days */
    /* With shared stages, x is piecewise linear: stage i spans x from
     * stage_x[i] to stage_x[i + 1] (the first journey's stages). */
    double *stage_x;
    bool own_scale; /* stages differ: each journey scaled to its own length */
    bool bands;     /* every journey has the first one's stages: draw them */
    Agsym_t *g_label;
    /* With no day information: the slot of each touchpoint (by index) and
     * of each stage of the first journey (plus one past the end). */
    size_t *tp_slot, *stage_slot, slots;
};

static void
curve_pin(struct curve *cv, Agnode_t *n, double x, double y)
{
    char pos[64];
    snprintf(pos, sizeof pos, "%.3f,%.3f!", x, y);
    canvas_set(n, cv->n_pos, pos);
}

static void
curve_size(struct curve *cv, Agnode_t *n, double w, double h)
{
    char s[32];
    snprintf(s, sizeof s, "%.3f", w);
    canvas_set(n, cv->n_width, s);
    snprintf(s, sizeof s, "%.3f", h);
    canvas_set(n, cv->n_height, s);
    canvas_set(n, cv->n_fixedsize, "true");
}

/* A journey has day information when a stage has days or a touchpoint a day. */
static bool
curve_has_days(const struct journey *j)
{
    for (size_t i = 0; i < j->n_stages; i++)
        if (j->stages[i]->has_days)
            return true;
    for (size_t i = 0; i < j->n_touchpoints; i++)
        if (j->touchpoints[i]->has_day)
            return true;
    return false;
}

/* The slot of each touchpoint (by index) and the first slot of each
 * stage (plus one past the end) when touchpoints are placed in order. */
static size_t
curve_slots(const struct journey *j, struct timeline *t, size_t *tp_slot, size_t *stage_slot)
{
    size_t at = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        stage_slot[i] = at;
        const struct touchpoint **order = timeline_order(t, s->touchpoints, s->n_touchpoints);
        for (size_t k = 0; k < s->n_touchpoints; k++)
            tp_slot[order[k]->index] = at + k;
        free(order);
        at += s->n_touchpoints ? s->n_touchpoints : 1;
    }
    stage_slot[j->n_stages] = at;
    return at;
}

static double
curve_x_of_day(const struct curve *cv, size_t which, jday day)
{
    if (!cv->stage_x) {
        /* Segments with different stages: each from its start to its end. */
        jday end = cv->own_scale ? cv->t[which].end : cv->end;
        return cv->width * (double)day / (double)(end ? end : 1);
    }
    const struct timeline *t = &cv->t[0];
    size_t lo = timeline_stage_at(t, day)->index;
    double at =
        t->stage_len[lo] ? (double)(day - t->stage_start[lo]) / (double)t->stage_len[lo] : 0.5;
    if (at > 1)
        at = 1;
    return cv->stage_x[lo] + at * (cv->stage_x[lo + 1] - cv->stage_x[lo]);
}

/* Stage widths: half shared equally, half by days, so that a 300-day stage
 * does not squeeze a 14-day one into a sliver. */
static void
curve_stage_widths(struct curve *cv)
{
    const struct journey *j = cv->js[0];
    const struct timeline *t = &cv->t[0];
    size_t n = j->n_stages;
    cv->stage_x = xcalloc(n + 1, sizeof *cv->stage_x);
    double total = (double)(t->end ? t->end : 1);
    for (size_t i = 0; i < n; i++)
        cv->stage_x[i + 1] =
            cv->stage_x[i] + cv->width * (0.5 / (double)n + 0.5 * (double)t->stage_len[i] / total);
}

static double
curve_x_of_slot(const struct curve *cv, double slot, size_t slots)
{
    return cv->width * slot / (double)(slots ? slots : 1);
}

/* The first journey's stages as alternating bands with their names. */
static void
curve_bands(struct curve *cv, const struct journey *j, const struct timeline *t,
            const size_t *stage_slot, size_t slots)
{
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        double x0, x1;
        struct buf b;
        buf_init(&b);
        if (cv->by_order) {
            x0 = curve_x_of_slot(cv, (double)stage_slot[i], slots);
            x1 = curve_x_of_slot(cv, (double)stage_slot[i + 1], slots);
        } else {
            x0 = cv->stage_x[i];
            x1 = cv->stage_x[i + 1];
        }
        /* About nine characters of bold 10-point text per inch of band. */
        size_t chars = (size_t)((x1 - x0) * 9);
        buf_puts(&b, "<B>");
        canvas_wrapped_at(&b, s->name, chars < 6 ? 6 : chars, 3);
        buf_puts(&b, "</B>");
        if (!cv->by_order) {
            buf_printf(&b, "<BR/><FONT POINT-SIZE=\"9\">day %llu–%llu</FONT>",
                       (unsigned long long)t->stage_start[i],
                       (unsigned long long)(t->stage_start[i] + t->stage_len[i]));
        }
        if (x1 - x0 < 0.05)
            x1 = x0 + 0.05;
        Agnode_t *n = canvas_nodef(cv->g, "stage:%s", s->id);
        canvas_set_html(n, cv->n_label, buf_str(&b));
        buf_finish(&b);
        canvas_set(n, cv->n_class, "stage");
        canvas_set(n, cv->n_shape, "box");
        canvas_set(n, cv->n_style, "filled");
        canvas_set(n, cv->n_color, "#d5dbdb");
        /* Translucent: the line, drawn first, shows through. */
        canvas_set(n, cv->n_fillcolor, i % 2 ? "#ffffff00" : "#d6eaf870");
        canvas_set(n, cv->n_fontcolor, CANVAS_GREY);
        canvas_set(n, cv->n_labelloc, "t");
        curve_size(cv, n, x1 - x0, CURVE_BAND_TOP - CURVE_BAND_BOTTOM);
        curve_pin(cv, n, (x0 + x1) / 2, (CURVE_BAND_TOP + CURVE_BAND_BOTTOM) / 2);
    }
}

/* The contact gaps of journey j, shaded along the bottom of the plot. */
static size_t
curve_gaps(struct curve *cv, const struct journey *j, const struct timeline *t, size_t which)
{
    struct silence *v;
    size_t n = timeline_silences(t, j->policy.max_silence_days, &v);
    for (size_t i = 0; i < n; i++) {
        double x0 = curve_x_of_day(cv, which, v[i].from), x1 = curve_x_of_day(cv, which, v[i].to);
        Agnode_t *g = canvas_nodef(cv->g, "gap:%zu:%zu", which, i + 1);
        char *label =
            xasprintf("%llu days without contact", (unsigned long long)(v[i].to - v[i].from));
        canvas_set(g, cv->n_label, x1 - x0 > 1.8 ? label : ""); /* else the tooltip only */
        canvas_set(g, cv->n_tooltip, label);
        free(label);
        canvas_set(g, cv->n_class, "gap");
        canvas_set(g, cv->n_shape, "box");
        canvas_set(g, cv->n_style, "filled,dotted");
        canvas_set(g, cv->n_fillcolor, CANVAS_GAP_FILL "c0");
        canvas_set(g, cv->n_color,
                   cv->n > 1 ? curve_colors[which % ARRAY_LEN(curve_colors)] : CANVAS_RED);
        canvas_set(g, cv->n_fontcolor, CANVAS_RED);
        canvas_set(g, cv->n_fontsize, "9");
        curve_size(cv, g, x1 - x0 > 0.05 ? x1 - x0 : 0.05, 0.28);
        curve_pin(cv, g, (x0 + x1) / 2, CURVE_BAND_BOTTOM + 0.2 + 0.32 * (double)which);
    }
    free(v);
    return n;
}

/* The scale on the left and the zero line. */
static void
curve_scale(struct curve *cv)
{
    static const char *const words[5] = {"−2 upset", "−1", "0 neutral", "+1", "+2 delighted"};
    for (int e = -2; e <= 2; e++) {
        Agnode_t *n = canvas_nodef(cv->g, "scale:%d", e);
        canvas_set(n, cv->n_label, words[e + 2]);
        canvas_set(n, cv->n_class, "scale");
        canvas_set(n, cv->n_shape, "plaintext");
        canvas_set(n, cv->n_fontcolor, CANVAS_GREY);
        canvas_set(n, cv->n_fontsize, "10");
        curve_pin(cv, n, -0.6, e * CURVE_STEP);
    }
    Agnode_t *a = canvas_node(cv->g, "zero:start"), *b = canvas_node(cv->g, "zero:end");
    for (Agnode_t *n = a; n; n = n == a ? b : NULL) {
        canvas_set(n, cv->n_shape, "point");
        canvas_set(n, cv->n_style, "invis");
        canvas_set(n, cv->n_label, "");
        curve_size(cv, n, 0.01, 0.01);
        canvas_set(n, cv->n_class, "zero");
    }
    curve_pin(cv, a, 0, 0);
    curve_pin(cv, b, cv->width, 0);
    Agedge_t *e = agedge(cv->g, a, b, NULL, 1);
    canvas_set(e, cv->e_style, "dashed");
    canvas_set(e, cv->e_color, CANVAS_GREY);
    canvas_set(e, cv->e_arrowhead, "none");
}

/* Journey j's points and line; returns how many touchpoints lack an emotion. */
static size_t
curve_journey(struct curve *cv, const struct diag *d, size_t which, const size_t *tp_slot,
              size_t slots)
{
    const struct journey *j = cv->js[which];
    struct timeline *t = &cv->t[which];
    struct marks marks;
    marks_init(&marks, j, d);
    const char *colour = curve_colors[which % ARRAY_LEN(curve_colors)];
    const struct touchpoint **order = timeline_order(t, j->touchpoints, j->n_touchpoints);
    Agnode_t *prev = NULL;
    size_t unknown = 0;
    for (size_t k = 0; k < j->n_touchpoints; k++) {
        const struct touchpoint *tp = order[k];
        double x = cv->by_order ? curve_x_of_slot(cv, (double)tp_slot[tp->index] + 0.5, slots)
                                : curve_x_of_day(cv, which, timeline_series(t, tp).first);
        char *name = cv->n > 1         ? xasprintf("%s:%s", j->id, tp->id)
                     : tp->has_emotion ? xstrdup(tp->id)
                                       : xasprintf("no-emotion:%s", tp->id);
        Agnode_t *n = canvas_node(cv->g, name);
        free(name);
        struct buf tip;
        buf_init(&tip);
        canvas_tooltip(&tip, tp->name);
        if (tp->has_emotion)
            buf_printf(&tip, " (emotion %+d)", tp->emotion);
        else
            buf_puts(&tip, " (no emotion recorded)");
        canvas_set(n, cv->n_tooltip, buf_str(&tip));
        buf_finish(&tip);
        canvas_set(n, cv->n_label, "");
        canvas_set(n, cv->n_shape, "circle");
        bool weak = marks_weak(&marks, tp);
        if (!tp->has_emotion) {
            /* On the time axis, hollow: we do not know how this one feels. */
            unknown++;
            canvas_set(n, cv->n_class, "unknown");
            canvas_set(n, cv->n_style, "dashed");
            canvas_set(n, cv->n_fillcolor, "white");
            canvas_set(n, cv->n_color, cv->n > 1 ? colour : CANVAS_GREY);
            canvas_set(n, cv->n_label, "?");
            canvas_set(n, cv->n_fontsize, "9");
            canvas_set(n, cv->n_fontcolor, CANVAS_GREY);
            curve_size(cv, n, 0.2, 0.2);
            curve_pin(cv, n, x, CURVE_BAND_BOTTOM + 0.75 + 0.22 * (double)which);
            continue;
        }
        canvas_set(n, cv->n_class, weak ? "point weak" : "point");
        canvas_set(n, cv->n_style, "filled");
        canvas_set(n, cv->n_fillcolor, cv->n > 1 ? colour : canvas_score_fill[tp->score]);
        canvas_set(n, cv->n_color,
                   weak ? (tp->plan ? CANVAS_ORANGE : CANVAS_RED)
                        : (cv->n > 1 ? colour : CANVAS_GREY));
        canvas_set(n, cv->n_penwidth, weak ? "3" : "1");
        curve_size(cv, n, 0.22, 0.22);
        if (cv->n == 1 || tp->emotion < 0) { /* overlays: name the dips only */
            struct buf b;
            buf_init(&b);
            canvas_wrapped_at(&b, tp->name, CURVE_NAME, 1);
            canvas_set_html(n, cv->n_xlabel, buf_str(&b));
            buf_finish(&b);
        }
        curve_pin(cv, n, x, tp->emotion * CURVE_STEP);
        if (prev) {
            Agedge_t *e = agedge(cv->g, prev, n, NULL, 1);
            canvas_set(e, cv->e_color, colour);
            canvas_set(e, cv->e_penwidth, "2.5");
            canvas_set(e, cv->e_arrowhead, "none");
        }
        prev = n;
    }
    free(order);
    marks_finish(&marks);
    return unknown;
}

/* Whether every journey has the first one's stages (ids and days). */
static bool
curve_same_stages(const struct curve *cv)
{
    const struct journey *a = cv->js[0];
    for (size_t k = 1; k < cv->n; k++) {
        const struct journey *b = cv->js[k];
        if (b->n_stages != a->n_stages)
            return false;
        for (size_t i = 0; i < a->n_stages; i++)
            if (strcmp(a->stages[i]->id, b->stages[i]->id) != 0 ||
                (!cv->by_order && (cv->t[0].stage_start[i] != cv->t[k].stage_start[i] ||
                                   cv->t[0].stage_len[i] != cv->t[k].stage_len[i])))
                return false;
    }
    return true;
}

/* Timelines, whether days are known, the longest journey, the plot's width. */
static void
curve_measure(struct curve *cv)
{
    cv->t = xcalloc(cv->n + 1, sizeof *cv->t);
    size_t most = 1;
    for (size_t k = 0; k < cv->n; k++) {
        const struct journey *j = cv->js[k];
        timeline_init(&cv->t[k], j);
        if (!curve_has_days(j))
            cv->by_order = true;
        if (cv->t[k].end > cv->end)
            cv->end = cv->t[k].end;
        if (j->n_touchpoints + j->n_stages > most)
            most = j->n_touchpoints + j->n_stages;
    }
    /* Wide enough to tell touchpoints apart, narrow enough for a screen. */
    cv->width = 0.45 * (double)most;
    cv->width = cv->width < 12 ? 12 : cv->width > 30 ? 30 : cv->width;
    cv->bands = curve_same_stages(cv);
    cv->own_scale = !cv->bands && !cv->by_order;
}

static void
curve_attributes(struct curve *cv)
{
    Agraph_t *g = cv->g;
    canvas_attr(g, AGRAPH, "layout", "neato");
    canvas_attr(g, AGRAPH, "splines", "line");
    canvas_attr(g, AGRAPH, "overlap", "true");
    canvas_attr(g, AGRAPH, "outputorder", "edgesfirst");
    canvas_attr(g, AGRAPH, "forcelabels", "true");
    cv->g_label = canvas_attr(g, AGRAPH, "label", "");
    cv->n_fontsize = canvas_attr(g, AGNODE, "fontsize", "10");
    cv->n_pos = canvas_attr(g, AGNODE, "pos", "");
    cv->n_label = canvas_attr(g, AGNODE, "label", "\\N");
    cv->n_xlabel = canvas_attr(g, AGNODE, "xlabel", "");
    cv->n_shape = canvas_attr(g, AGNODE, "shape", "circle");
    cv->n_style = canvas_attr(g, AGNODE, "style", "");
    cv->n_fillcolor = canvas_attr(g, AGNODE, "fillcolor", "white");
    cv->n_color = canvas_attr(g, AGNODE, "color", "black");
    cv->n_penwidth = canvas_attr(g, AGNODE, "penwidth", "1");
    cv->n_fontcolor = canvas_attr(g, AGNODE, "fontcolor", "black");
    cv->n_width = canvas_attr(g, AGNODE, "width", "0.2");
    cv->n_height = canvas_attr(g, AGNODE, "height", "0.2");
    cv->n_fixedsize = canvas_attr(g, AGNODE, "fixedsize", "false");
    cv->n_labelloc = canvas_attr(g, AGNODE, "labelloc", "c");
    cv->n_tooltip = canvas_attr(g, AGNODE, "tooltip", "");
    cv->n_class = canvas_attr(g, AGNODE, "class", "");
    cv->e_color = canvas_attr(g, AGEDGE, "color", "black");
    cv->e_penwidth = canvas_attr(g, AGEDGE, "penwidth", "1");
    cv->e_style = canvas_attr(g, AGEDGE, "style", "");
    cv->e_arrowhead = canvas_attr(g, AGEDGE, "arrowhead", "normal");
}

/* Where x comes from: slots by the first journey's stages when days are
 * unknown (each journey spread over the whole width when its stages
 * differ), else days, piecewise by shared stages. */
static void
curve_scale_x(struct curve *cv)
{
    const struct journey *const *js = cv->js;
    if (cv->by_order) {
        size_t most_tp = 1;
        for (size_t k = 0; k < cv->n; k++)
            most_tp = js[k]->n_touchpoints + js[k]->n_stages > most_tp
                          ? js[k]->n_touchpoints + js[k]->n_stages
                          : most_tp;
        cv->tp_slot = xcalloc(most_tp + 1, sizeof *cv->tp_slot);
        cv->stage_slot = xcalloc(js[0]->n_stages + 2, sizeof *cv->stage_slot);
        cv->slots = curve_slots(js[0], &cv->t[0], cv->tp_slot, cv->stage_slot);
    }
    if (cv->bands && !cv->by_order && js[0]->n_stages)
        curve_stage_widths(cv);
}

/* Every journey's points and line; the counts for the title. */
static void
curve_plot(struct curve *cv, const struct diag *d, size_t *points, size_t *unknown)
{
    for (size_t k = 0; k < cv->n; k++) {
        const struct journey *j = cv->js[k];
        if (cv->by_order && k > 0) {
            size_t *ss = xcalloc(j->n_stages + 2, sizeof *ss);
            cv->slots = curve_slots(j, &cv->t[k], cv->tp_slot, ss);
            free(ss);
        }
        size_t u = curve_journey(cv, d, k, cv->tp_slot, cv->slots);
        *unknown += u;
        *points += j->n_touchpoints - u;
    }
}

static void
curve_title(struct curve *cv, size_t points, size_t unknown, size_t n_gaps)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"18\"><B>");
    if (cv->n == 1)
        canvas_wrapped_at(&b, cv->js[0]->name, 60, 2);
    else
        buf_puts(&b, "How the segments feel");
    buf_printf(&b,
               "</B></FONT><BR/>how customers feel along the journey · %zu point%s · %zu "
               "without an emotion (hollow) · %zu contact gap%s",
               points, points == 1 ? "" : "s", unknown, n_gaps, n_gaps == 1 ? "" : "s");
    if (cv->n > 1 && !cv->bands && !cv->by_order)
        buf_puts(&b, "<BR/>the segments' stages differ: no stage bands; each curve runs from "
                     "its segment's start (left) to its end (right)");
    canvas_set_html(cv->g, cv->g_label, buf_str(&b));
    buf_finish(&b);
}

/* The time axis's caption under the plot. */
static void
curve_axis(struct curve *cv)
{
    Agnode_t *axis = canvas_node(cv->g, "axis");
    if (cv->by_order) {
        canvas_set(axis, cv->n_label, "touchpoints in journey order (no day information)");
    } else {
        char *l = cv->own_scale ? xasprintf("from each segment's start to its end (%llu days "
                                            "for the longest)",
                                            (unsigned long long)cv->end)
                                : xasprintf("day 0 → day %llu", (unsigned long long)cv->end);
        canvas_set(axis, cv->n_label, l);
        free(l);
    }
    canvas_set(axis, cv->n_shape, "plaintext");
    canvas_set(axis, cv->n_fontcolor, CANVAS_GREY);
    curve_pin(cv, axis, cv->width / 2, CURVE_BAND_BOTTOM - 0.3);
}

/* Several segments: which colour is which. */
static void
curve_legend(struct curve *cv)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"2\">");
    for (size_t k = 0; k < cv->n; k++) {
        buf_printf(&b, "<TR><TD BGCOLOR=\"%s\" WIDTH=\"14\"> </TD><TD ALIGN=\"LEFT\">",
                   curve_colors[k % ARRAY_LEN(curve_colors)]);
        canvas_wrapped_at(&b, cv->js[k]->name, 40, 1);
        buf_puts(&b, "</TD></TR>");
    }
    buf_puts(&b, "</TABLE>");
    Agnode_t *legend = canvas_node(cv->g, "legend");
    canvas_set_html(legend, cv->n_label, buf_str(&b));
    buf_finish(&b);
    canvas_set(legend, cv->n_shape, "plaintext");
    curve_pin(cv, legend, cv->width + 1.8, CURVE_BAND_TOP - 0.4 - 0.15 * (double)cv->n);
}

bool
curve_render(const struct journey *const *js, size_t n, const struct diag *d,
             struct diagram_target *t, char **out, size_t *len, const char **why)
{
    struct curve cv = {.js = js, .n = n};
    curve_measure(&cv);
    cv.g = canvas_open("curve");
    curve_attributes(&cv);
    curve_scale_x(&cv);
    if (cv.bands)
        curve_bands(&cv, js[0], &cv.t[0], cv.stage_slot, cv.slots);
    size_t n_gaps = 0, unknown = 0, points = 0;
    if (!cv.by_order)
        for (size_t k = 0; k < n; k++)
            n_gaps += curve_gaps(&cv, js[k], &cv.t[k], k);
    curve_scale(&cv);
    curve_plot(&cv, d, &points, &unknown);
    curve_title(&cv, points, unknown, n_gaps);
    curve_axis(&cv);
    if (n > 1)
        curve_legend(&cv);
    free(cv.tp_slot);
    free(cv.stage_slot);
    bool ok = canvas_render(cv.g, "neato", t, out, len, why);
    free(cv.stage_x);
    for (size_t k = 0; k < n; k++)
        timeline_finish(&cv.t[k]);
    free(cv.t);
    return ok;
}
