/*
 * diagram.c - the journey as a Graphviz graph (libcgraph), laid out and
 * rendered in-process (libgvc).
 *
 * Left to right: one cluster per stage, one node per touchpoint (named by
 * its id), coloured by score, bordered by who starts the contact, marked
 * when a weak-spot finding names it. Gaps are drawn as nodes of their own:
 * a placeholder in an empty stage, a node on the path across each silence.
 * Edges follow the file's <next> flow, or else the timeline.
 *
 * Graphviz traps (docs/architecture.md, hazards): every piece of user text
 * goes through html_text() into an HTML-like label (entities escaped,
 * backslashes doubled so \N and friends stay literal, long text wrapped and
 * cut); no label is ever empty markup; layout errors are read with
 * agerrors(); rendering goes to memory (gvRenderData), never to a file.
 */
#define _GNU_SOURCE /* qsort_r */
#include "render/diagram.h"

#include "core/catalog.h"
#include "check/compare.h"
#include "core/date.h"
#include "check/rules.h"
#include "check/timeline.h"
#include "core/util.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const diagram_format_names[DIAGRAM_FORMAT_COUNT] = {"dot", "svg", "png", "pdf"};

#define FONT "DejaVu Sans"
#define WRAP_CHARS 26    /* label line length, in characters */
#define WRAP_LINES 4     /* lines of one name before it is cut with "…" */
#define RED "#b03a2e"    /* weak spot without a plan, gaps */
#define ORANGE "#d68910" /* weak spot with a plan */
#define GREY "#5d6d7e"
#define GAP_FILL "#fadbd8" /* contact gaps and empty stages */

/* Fill colours for scores 1..5, red to green; index 0 is "no score". */
static const char *const score_fill[6] = {"#eaecee", "#f5b7b1", "#f8c9a0",
                                          "#fce8a6", "#d4edbc", "#a9dfbf"};

/* ------------------------------------------------------------------------
 * Object ids in creation order
 *
 * cgraph's default discipline gives named objects their string's address
 * as id, and 2.42 keeps subgraphs in id order, so cluster order in the DOT
 * text would depend on malloc. This discipline numbers names in the order
 * they are first seen (even ids, as cgraph expects of named objects;
 * anonymous ones get odd ids) and keeps the names in its own hash table.
 */

struct seq_ids {
    Agraph_t *root;        /* whose string pool holds the names */
    struct strindex names; /* numbered id / 2 - 1; pool strings */
    IDTYPE anonymous;      /* next odd id */
};

static void *
seq_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    struct seq_ids *s = xcalloc(1, sizeof *s);
    s->root = g;
    s->anonymous = 1;
    return s;
}

static long
seq_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    (void)objtype;
    struct seq_ids *s = state;
    if (!str) {
        if (!createflag)
            return 0;
        *id = s->anonymous;
        s->anonymous += 2;
        return 1;
    }
    size_t i = strindex_find(&s->names, str);
    if (i == STRINDEX_NONE) {
        if (!createflag)
            return 0;
        i = strindex_add(&s->names, agstrdup(s->root, str));
    }
    *id = (IDTYPE)(i + 1) * 2; /* even: named */
    return 1;
}

static long
seq_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0; /* ids are never chosen by callers */
}

static void
seq_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* names live until the graph closes */
}

static char *
seq_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    struct seq_ids *s = state;
    if (id % 2 || id == 0 || (size_t)id / 2 > s->names.n)
        return NULL;
    return (char *)(uintptr_t)s->names.keys[id / 2 - 1]; /* a pool string; agwrite() wants char * */
}

static void
seq_close(void *state)
{
    struct seq_ids *s = state; /* the names go with the graph's string pool */
    strindex_finish(&s->names);
    free(s);
}

static void
seq_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seq_iddisc = {seq_open,  seq_map,   seq_alloc,   seq_free,
                                seq_print, seq_close, seq_register};

/* ------------------------------------------------------------------------
 * Labels
 */

/* Append s as HTML-label text: markup characters as entities, control
 * characters dropped, backslashes doubled. */
static void
html_text(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        case '\\':
            buf_puts(b, "\\\\");
            break;
        default:
            if (c >= 0x20 && c != 0x7F)
                buf_putc(b, (char)c);
            else if (c == '\t' || c == '\n' || c == '\r')
                buf_putc(b, ' ');
        }
    }
}

/* Bytes of the UTF-8 character at s (1 for anything malformed). */
static size_t
utf8_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

/*
 * Append text wrapped at width characters per line (at spaces where
 * possible), at most max_lines lines, the last ending in "…" when cut.
 * Lines are joined with <BR/>. Never appends nothing for non-blank text.
 */
static void
html_wrapped_at(struct buf *b, const char *s, size_t width, size_t max_lines)
{
    while (*s == ' ')
        s++;
    size_t lines = 0;
    while (*s && lines < max_lines) {
        /* Take up to width characters; remember the last space. */
        const char *p = s, *space = NULL;
        size_t chars = 0;
        while (*p && chars < width) {
            if (*p == ' ')
                space = p;
            p += utf8_len(p);
            chars++;
        }
        const char *end = p, *next = p;
        if (*p && *p != ' ' && space && space > s) { /* break at the last space */
            end = space;
            next = space + 1;
        }
        while (*next == ' ')
            next++;
        if (lines)
            buf_puts(b, "<BR/>");
        html_text(b, s, (size_t)(end - s));
        lines++;
        s = next;
        if (*s && lines == max_lines)
            buf_puts(b, "…");
    }
}

static void
html_wrapped(struct buf *b, const char *s, size_t max_lines)
{
    html_wrapped_at(b, s, WRAP_CHARS, max_lines);
}

/* ------------------------------------------------------------------------
 * Building the graph
 */

struct ctx {
    const struct journey *j;
    const struct diag *d;
    const struct competitor *comp;
    struct timeline t;
    Agraph_t *g;
    /* attribute symbols */
    Agsym_t *g_label, *g_style, *g_color, *g_fillcolor, *g_fontcolor, *g_rank;
    Agsym_t *n_label, *n_style, *n_fillcolor, *n_color, *n_penwidth, *n_fontcolor, *n_shape,
        *n_tooltip;
    Agsym_t *e_label, *e_taillabel, *e_dir, *e_style, *e_color, *e_penwidth, *e_weight,
        *e_arrowhead, *e_fontcolor;
    /* what the findings say, by touchpoint index / stage index */
    unsigned *weak;    /* bit per weak-spot rule (catalogue order) */
    bool *empty_stage; /* an empty-stage finding names it */
    bool contact_gaps; /* contact-gap findings exist for touchpoints */
    bool no_proactive; /* the journey-level contact-gap finding */
    size_t n_weak, n_gaps;
    Agnode_t **more; /* per stage: the "N more touchpoints" box, or NULL */
    size_t n_hidden; /* touchpoints not drawn (summarised stages) */
};

/* cgraph 2.42 takes char * where it only reads (it copies every string it
 * keeps): the one place where const is cast away. */
static char *
mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* A new directed graph with our id discipline; Graphviz's error count
 * reset and its messages kept off stderr (see last_graphviz_error()). */
static Agraph_t *
open_graph(const char *name)
{
    agseterr(AGMAX);
    agreseterrors();
    static Agdisc_t disc;
    disc = (Agdisc_t){&AgMemDisc, &seq_iddisc, &AgIoDisc};
    return agopen(mut(name), Agdirected, &disc);
}

static void
set(void *obj, Agsym_t *sym, const char *value)
{
    agxset(obj, sym, mut(value));
}

static Agnode_t *
node(Agraph_t *g, const char *name)
{
    return agnode(g, mut(name), 1);
}

static Agraph_t *
subgraph(Agraph_t *g, const char *name)
{
    return agsubg(g, mut(name), 1);
}

static void
set_html(void *obj, Agsym_t *sym, const char *html)
{
    Agraph_t *root = agroot(obj);
    char *h = agstrdup_html(root, mut(html));
    agxset(obj, sym, h);
    agstrfree(root, h);
}

static Agsym_t *
attr(Agraph_t *g, int kind, const char *name, const char *dflt)
{
    return agattr(g, kind, mut(name), mut(dflt));
}

static void
declare_attributes(struct ctx *c)
{
    Agraph_t *g = c->g;
    attr(g, AGRAPH, "rankdir", "LR");
    attr(g, AGRAPH, "newrank", "true");
    attr(g, AGRAPH, "fontname", FONT);
    attr(g, AGRAPH, "fontsize", "12");
    attr(g, AGRAPH, "labelloc", "t");
    attr(g, AGRAPH, "nodesep", "0.25");
    attr(g, AGRAPH, "ranksep", "0.45");
    attr(g, AGRAPH, "bgcolor", "white");
    attr(g, AGRAPH, "pad", "0.3");
    c->g_label = attr(g, AGRAPH, "label", "");
    c->g_style = attr(g, AGRAPH, "style", "");
    c->g_color = attr(g, AGRAPH, "color", "black");
    c->g_fillcolor = attr(g, AGRAPH, "fillcolor", "white");
    c->g_fontcolor = attr(g, AGRAPH, "fontcolor", "black");
    c->g_rank = attr(g, AGRAPH, "rank", "");
    if (c->j->n_touchpoints > 150) { /* keep layout time in check (hazards) */
        attr(g, AGRAPH, "nslimit", "4");
        attr(g, AGRAPH, "nslimit1", "4");
        attr(g, AGRAPH, "mclimit", "0.5");
    }
    attr(g, AGNODE, "fontname", FONT);
    attr(g, AGNODE, "fontsize", "11");
    attr(g, AGNODE, "margin", "0.12,0.06");
    c->n_shape = attr(g, AGNODE, "shape", "box");
    c->n_label = attr(g, AGNODE, "label", "\\N");
    c->n_style = attr(g, AGNODE, "style", "rounded,filled");
    c->n_fillcolor = attr(g, AGNODE, "fillcolor", score_fill[0]);
    c->n_color = attr(g, AGNODE, "color", GREY);
    c->n_penwidth = attr(g, AGNODE, "penwidth", "1.2");
    c->n_fontcolor = attr(g, AGNODE, "fontcolor", "black");
    c->n_tooltip = attr(g, AGNODE, "tooltip", "");
    attr(g, AGEDGE, "fontname", FONT);
    attr(g, AGEDGE, "fontsize", "10");
    attr(g, AGEDGE, "arrowsize", "0.7");
    c->e_label = attr(g, AGEDGE, "label", "");
    c->e_taillabel = attr(g, AGEDGE, "taillabel", "");
    c->e_dir = attr(g, AGEDGE, "dir", "forward");
    attr(g, AGEDGE, "labelfontsize", "10");
    attr(g, AGEDGE, "labelfontcolor", GREY);
    attr(g, AGEDGE, "labeldistance", "1.8");
    c->e_style = attr(g, AGEDGE, "style", "solid");
    c->e_color = attr(g, AGEDGE, "color", GREY);
    c->e_penwidth = attr(g, AGEDGE, "penwidth", "1");
    c->e_weight = attr(g, AGEDGE, "weight", "1");
    c->e_arrowhead = attr(g, AGEDGE, "arrowhead", "normal");
    c->e_fontcolor = attr(g, AGEDGE, "fontcolor", GREY);
}

/* Index the findings about this journey that the picture shows:
 * O((n + f) log n) for n touchpoints and f findings. */
static void
read_findings(struct ctx *c)
{
    const struct journey *j = c->j;
    c->weak = xcalloc(j->n_touchpoints + 1, sizeof *c->weak);
    c->empty_stage = xcalloc(j->n_stages + 1, sizeof *c->empty_stage);
    struct id_index *ids = id_index_new(j);
    for (size_t i = 0; i < diag_count(c->d); i++) {
        const struct finding *f = diag_get(c->d, i);
        if (f->file != j->file) /* build: the findings of every journey */
            continue;
        const struct rule_info *r = catalog_find(f->rule);
        if (!r)
            continue;
        const void *obj = NULL;
        enum id_kind kind = id_index_find(ids, f->subject, &obj);
        if (strcmp(f->rule, "contact-gap") == 0) {
            if (kind == ID_TOUCHPOINT)
                c->contact_gaps = true;
            else
                c->no_proactive = true; /* the journey-level finding */
        } else if (strcmp(f->rule, "empty-stage") == 0 && kind == ID_STAGE) {
            c->empty_stage[((const struct stage *)obj)->index] = true;
        } else if (r->category == RULE_WEAK && kind == ID_TOUCHPOINT) {
            size_t k = ((const struct touchpoint *)obj)->index;
            c->n_weak += !c->weak[k];
            c->weak[k] |= 1u << (r - catalog);
        }
    }
    id_index_free(ids);
}

/* "day 0–14" for a stage whose start and end are both written down. */
static bool
stage_days_known(const struct journey *j, size_t index)
{
    for (size_t i = 0; i <= index; i++)
        if (!j->stages[i]->has_days)
            return false;
    return true;
}

static void
add_stage_cluster(struct ctx *c, size_t i, Agraph_t **out)
{
    const struct stage *s = c->j->stages[i];
    char name[32];
    snprintf(name, sizeof name, "cluster_%03zu", i);
    Agraph_t *sg = subgraph(c->g, name);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<B>");
    html_wrapped(&b, s->name, 2);
    buf_puts(&b, "</B>");
    if (stage_days_known(c->j, i))
        buf_printf(&b, "<BR/><FONT POINT-SIZE=\"10\">day %llu–%llu</FONT>",
                   (unsigned long long)c->t.stage_start[i],
                   (unsigned long long)timeline_stage_end(&c->t, s));
    if (s->phase != PHASE_NONE)
        buf_printf(&b, "<BR/><FONT POINT-SIZE=\"10\">%s</FONT>", phase_names[s->phase]);
    set_html(sg, c->g_label, buf_str(&b));
    buf_finish(&b);
    set(sg, c->g_style, "rounded,filled");
    set(sg, c->g_fillcolor, "#f4f6f7");
    set(sg, c->g_color, "#aeb6bf");
    *out = sg;
}

/* Names of the weak-spot rules in a mask, for the marker line. */
static void
weak_reasons(struct buf *b, unsigned mask)
{
    static const struct {
        const char *rule, *words;
    } reasons[] = {{"low-score", "low score"},
                   {"negative-emotion", "feels bad"},
                   {"more-minuses", "more minuses"},
                   {"high-drop-off", "drop-off"},
                   {"long-wait", "long wait"}};
    bool first = true;
    for (size_t i = 0; i < ARRAY_LEN(reasons); i++) {
        const struct rule_info *r = catalog_find(reasons[i].rule);
        if (mask & (1u << (r - catalog))) {
            buf_printf(b, "%s%s", first ? "" : ", ", reasons[i].words);
            first = false;
        }
    }
}

static const struct rating *
rating_of(const struct competitor *comp, const struct touchpoint *tp)
{
    for (size_t i = 0; comp && i < comp->n_ratings; i++)
        if (comp->ratings[i]->touchpoint == tp)
            return comp->ratings[i];
    return NULL;
}

static Agnode_t *
add_touchpoint(struct ctx *c, Agraph_t *sg, const struct touchpoint *tp,
               const struct rating *rating)
{
    Agnode_t *n = node(sg, tp->id);
    unsigned weak = c->weak[tp->index];
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
    buf_puts(&b, "<TR><TD><B>");
    html_wrapped(&b, tp->name, WRAP_LINES);
    buf_puts(&b, "</B></TD></TR><TR><TD><FONT POINT-SIZE=\"10\">");
    buf_puts(&b, channel_names[tp->channel]);
    buf_puts(&b, " · ");
    if (tp->owner)
        html_wrapped(&b, tp->owner->name, 1);
    else
        buf_puts(&b, "<I>no owner</I>");
    buf_puts(&b, "</FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"10\">");
    if (tp->score)
        buf_printf(&b, "score %d/5", tp->score);
    else
        buf_puts(&b, "no score");
    if (tp->has_emotion)
        buf_printf(&b, " · feeling %+d", tp->emotion);
    if (tp->every)
        buf_printf(&b, " · every %u days", tp->every);
    buf_puts(&b, "</FONT></TD></TR>");
    if (rating) {
        bool ahead = tp->score && rating->score > tp->score;
        buf_printf(&b, "<TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"%s\">", ahead ? RED : GREY);
        html_wrapped(&b, c->comp->name, 1);
        buf_printf(&b, ": %d/5%s</FONT></TD></TR>", rating->score, ahead ? " ▲ ahead" : "");
    }
    if (weak) {
        buf_printf(&b, "<TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"%s\"><B>⚠ ",
                   tp->plan ? ORANGE : RED);
        weak_reasons(&b, weak);
        buf_puts(&b, "</B></FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"10\">");
        if (tp->plan && tp->plan->has_due) {
            char due[11];
            date_format(tp->plan->due, due);
            buf_printf(&b, "plan due %s", due);
        } else {
            buf_puts(&b, tp->plan ? "plan in place" : "no plan yet");
        }
        buf_puts(&b, "</FONT></TD></TR>");
    }
    buf_puts(&b, "</TABLE>");
    set_html(n, c->n_label, buf_str(&b));
    buf_finish(&b);

    set(n, c->n_fillcolor, score_fill[tp->score]);
    set(n, c->n_style,
        tp->initiator == INITIATOR_CUSTOMER ? "rounded,filled,dashed" : "rounded,filled");
    if (weak) {
        set(n, c->n_color, tp->plan ? ORANGE : RED);
        set(n, c->n_penwidth, "3.5");
    }
    return n;
}

static Agnode_t *
add_placeholder(struct ctx *c, Agraph_t *sg, const struct stage *s)
{
    char *name = xasprintf("empty:%s", s->id);
    Agnode_t *n = node(sg, name);
    free(name);
    set_html(n, c->n_label, "<B>no touchpoint</B><BR/><FONT POINT-SIZE=\"10\">empty stage</FONT>");
    set(n, c->n_style, "filled,dotted");
    set(n, c->n_fillcolor, GAP_FILL);
    set(n, c->n_color, RED);
    set(n, c->n_fontcolor, RED);
    set(n, c->n_penwidth, "2");
    return n;
}

/*
 * Which of a stage's touchpoints (in time order) are drawn: all of them up
 * to DIAGRAM_STAGE_LIMIT; beyond, the weak spots first, then the others,
 * the earliest of each, up to the limit.
 */
static bool *
choose_drawn(struct ctx *c, const struct touchpoint **order, size_t n)
{
    bool *drawn = xcalloc(n + 1, sizeof *drawn);
    size_t left = DIAGRAM_STAGE_LIMIT;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n && left; k++)
            if (!drawn[k] && (pass == 1 || c->weak[order[k]->index])) {
                drawn[k] = true;
                left--;
            }
    return drawn;
}

/* The box standing for the touchpoints of a summarised stage not drawn. */
static Agnode_t *
add_more(struct ctx *c, Agraph_t *sg, const struct stage *s, const struct touchpoint **order,
         const bool *drawn)
{
    size_t hidden = 0, weak = 0;
    for (size_t k = 0; k < s->n_touchpoints; k++)
        if (!drawn[k]) {
            hidden++;
            weak += c->weak[order[k]->index] != 0;
        }
    c->n_hidden += hidden;
    char *name = xasprintf("more:%s", s->id);
    Agnode_t *n = node(sg, name);
    free(name);
    char *label = xasprintf("<B>+ %zu more touchpoint%s</B><BR/><FONT POINT-SIZE=\"10\">not "
                            "drawn, %zu of them weak spots;<BR/>the checklist lists them "
                            "all</FONT>",
                            hidden, hidden == 1 ? "" : "s", weak);
    set_html(n, c->n_label, label);
    free(label);
    set(n, c->n_style, "rounded,dashed");
    set(n, c->n_color, GREY);
    set(n, c->n_fontcolor, GREY);
    return n;
}

static Agnode_t *
add_ghost(struct ctx *c, Agraph_t *sg, const struct touchpoint *tp)
{
    char *name = xasprintf("competitor:%s", tp->id);
    Agnode_t *n = node(sg, name);
    free(name);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"10\">only ");
    html_wrapped(&b, tp->competitor->name, 1);
    buf_puts(&b, "</FONT><BR/><B>");
    html_wrapped(&b, tp->name, WRAP_LINES);
    buf_printf(&b, "</B><BR/><FONT POINT-SIZE=\"10\">%s", channel_names[tp->channel]);
    if (tp->score)
        buf_printf(&b, " · score %d/5", tp->score);
    buf_puts(&b, "</FONT>");
    set_html(n, c->n_label, buf_str(&b));
    buf_finish(&b);
    set(n, c->n_style, "rounded,dashed");
    set(n, c->n_color, "#aab7b8");
    set(n, c->n_fontcolor, GREY);
    return n;
}

static Agedge_t *
add_edge(struct ctx *c, Agnode_t *from, Agnode_t *to)
{
    /* cgraph keys: several edges between one pair stay distinct. */
    return agedge(c->g, from, to, NULL, 1);
}

/*
 * An edge from one node to another. Inside one stage both share a rank,
 * and with rankdir=LR dot stacks a rank's nodes upwards along its edges;
 * so an edge within a stage is written reversed with dir=back: it points
 * the same way and the stage reads top to bottom.
 */
static Agedge_t *
add_arrow(struct ctx *c, Agnode_t *from, Agnode_t *to, bool same_stage)
{
    if (!same_stage)
        return add_edge(c, from, to);
    Agedge_t *e = add_edge(c, to, from);
    set(e, c->e_dir, "back");
    return e;
}

/* An edge of the journey between two of our touchpoints. */
static Agedge_t *
add_step(struct ctx *c, Agnode_t **nodes, const struct touchpoint *from,
         const struct touchpoint *to)
{
    if (!nodes[from->index] || !nodes[to->index])
        return NULL; /* one end is not drawn (a summarised stage) */
    return add_arrow(c, nodes[from->index], nodes[to->index], from->stage == to->stage);
}

/* The flow of <next> elements, or else the touchpoints in time order. */
static int
by_time(const void *a, const void *b, void *t)
{
    const struct touchpoint *x = *(const struct touchpoint *const *)a;
    const struct touchpoint *y = *(const struct touchpoint *const *)b;
    jday dx = timeline_series(t, x).first, dy = timeline_series(t, y).first;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void
add_flow(struct ctx *c, Agnode_t **nodes)
{
    const struct journey *j = c->j;
    if (j->uses_next) {
        for (size_t i = 0; i < j->n_touchpoints; i++) {
            const struct touchpoint *tp = j->touchpoints[i];
            for (size_t k = 0; k < tp->n_nexts; k++) {
                Agedge_t *e = add_step(c, nodes, tp, tp->nexts[k]->to);
                if (e && tp->nexts[k]->has_share) {
                    char share[32];
                    snprintf(share, sizeof share, "%g%%", 100.0 * tp->nexts[k]->share);
                    /* A tail label, not a label: Graphviz 2.42 frees memory
                     * twice after laying out labelled edges inside a rank. */
                    set(e, c->e_taillabel, share);
                }
            }
        }
        return;
    }
    const struct touchpoint **order = xmalloc((j->n_touchpoints + 1) * sizeof *order);
    memcpy(order, j->touchpoints, j->n_touchpoints * sizeof *order);
    qsort_r(order, j->n_touchpoints, sizeof *order, by_time, &c->t);
    for (size_t i = 1; i < j->n_touchpoints; i++)
        add_step(c, nodes, order[i - 1], order[i]);
    free(order);
}

/* A node for each silence the contact-gap findings report. */
static void
add_gaps(struct ctx *c, Agraph_t **clusters, Agnode_t **nodes)
{
    if (!c->contact_gaps)
        return;
    struct silence *v;
    size_t n = timeline_silences(&c->t, c->j->policy.max_silence_days, &v);
    for (size_t i = 0; i < n; i++) {
        const struct silence *s = &v[i];
        const struct stage *where = timeline_stage_at(&c->t, s->from + (s->to - s->from) / 2);
        char name[32];
        snprintf(name, sizeof name, "gap:%zu", i + 1);
        Agnode_t *g = node(clusters[where->index], name);
        char *label = xasprintf("<B>%llu days</B><BR/><FONT POINT-SIZE=\"10\">without contact "
                                "from us<BR/>day %llu–%llu%s</FONT>",
                                (unsigned long long)(s->to - s->from), (unsigned long long)s->from,
                                (unsigned long long)s->to, s->to_end ? " (end)" : "");
        set_html(g, c->n_label, label);
        free(label);
        set(g, c->n_shape, "box");
        set(g, c->n_style, "filled,dotted");
        set(g, c->n_fillcolor, GAP_FILL);
        set(g, c->n_color, RED);
        set(g, c->n_fontcolor, RED);
        set(g, c->n_penwidth, "2");
        Agnode_t *from =
            nodes[s->subject->index] ? nodes[s->subject->index] : c->more[s->subject->stage->index];
        Agedge_t *e = add_arrow(c, from, g, s->subject->stage == where);
        set(e, c->e_style, "dashed");
        set(e, c->e_color, RED);
        set(e, c->e_arrowhead, "none");
        if (s->next) {
            Agnode_t *to =
                nodes[s->next->index] ? nodes[s->next->index] : c->more[s->next->stage->index];
            e = add_arrow(c, g, to, s->next->stage == where);
            set(e, c->e_style, "dashed");
            set(e, c->e_color, RED);
        }
        c->n_gaps++;
    }
    free(v);
}

static void
add_legend(struct ctx *c, Agnode_t *after)
{
    Agraph_t *sg = subgraph(c->g, "cluster_legend");
    set_html(sg, c->g_label, "<B>How to read this</B>");
    set(sg, c->g_style, "rounded");
    set(sg, c->g_color, "#d5d8dc");
    Agnode_t *n = node(sg, "legend");
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">");
    buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"6\">score (fill)</TD></TR><TR>");
    static const char *const words[6] = {"none", "1", "2", "3", "4", "5"};
    for (int i = 0; i < 6; i++)
        buf_printf(&b, "<TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\">%s</TD>", score_fill[i], GREY,
                   words[i]);
    buf_puts(&b, "</TR>");
    static const char *const rows[][2] = {
        {"black", "solid border: we reach out"},
        {"black", "dashed border: the customer comes to us"},
        {RED, "⚠ thick red border: weak spot, no plan"},
        {ORANGE, "⚠ thick orange border: weak spot with a plan"},
        {RED, "pink box, dotted border: contact gap or empty stage"},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)
        buf_printf(&b,
                   "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"6\"><FONT COLOR=\"%s\">%s</FONT></TD></TR>",
                   rows[i][0], rows[i][1]);
    if (c->comp)
        buf_printf(&b,
                   "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"6\"><FONT COLOR=\"%s\">grey dashed: "
                   "only the competitor has it; ▲: the competitor is rated higher</FONT></TD></TR>",
                   GREY);
    buf_puts(&b, "</TABLE>");
    set_html(n, c->n_label, buf_str(&b));
    buf_finish(&b);
    set(n, c->n_shape, "plaintext");
    set(n, c->n_style, "");
    if (after) { /* keep the legend at the right-hand end */
        Agedge_t *e = add_edge(c, after, n);
        set(e, c->e_style, "invis");
    }
}

static void
add_title(struct ctx *c)
{
    const struct journey *j = c->j;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"18\"><B>");
    html_wrapped_at(&b, j->name, 60, 2);
    buf_printf(&b,
               "</B></FONT><BR/>%zu stage%s · %zu touchpoint%s · %zu weak spot%s · %zu "
               "contact gap%s",
               j->n_stages, j->n_stages == 1 ? "" : "s", j->n_touchpoints,
               j->n_touchpoints == 1 ? "" : "s", c->n_weak, c->n_weak == 1 ? "" : "s", c->n_gaps,
               c->n_gaps == 1 ? "" : "s");
    if (c->n_hidden)
        buf_printf(&b,
                   "<BR/>summarised: %zu touchpoint%s not drawn (at most %d per stage, weak "
                   "spots first)",
                   c->n_hidden, c->n_hidden == 1 ? "" : "s", DIAGRAM_STAGE_LIMIT);
    if (c->no_proactive)
        buf_printf(&b,
                   "<BR/><FONT COLOR=\"%s\">No touchpoint where we reach out: customers "
                   "only hear from us when they ask</FONT>",
                   RED);
    if (c->comp) {
        buf_puts(&b, "<BR/>compared with ");
        html_wrapped(&b, c->comp->name, 1);
    }
    set_html(c->g, c->g_label, buf_str(&b));
    buf_finish(&b);
}

static Agraph_t *
build(struct ctx *c)
{
    const struct journey *j = c->j;
    c->g = open_graph("journey");
    declare_attributes(c);
    read_findings(c);

    Agraph_t **clusters = xcalloc(j->n_stages + 1, sizeof *clusters);
    Agnode_t **nodes = xcalloc(j->n_touchpoints + 1, sizeof *nodes);
    Agnode_t **anchor = xcalloc(j->n_stages + 1, sizeof *anchor);
    c->more = xcalloc(j->n_stages + 1, sizeof *c->more);
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        add_stage_cluster(c, i, &clusters[i]);
        /* Created in time order: dot keeps it down the stage's column. */
        const struct touchpoint **order = xmalloc((s->n_touchpoints + 1) * sizeof *order);
        memcpy(order, s->touchpoints, s->n_touchpoints * sizeof *order);
        qsort_r(order, s->n_touchpoints, sizeof *order, by_time, &c->t);
        bool *drawn = choose_drawn(c, order, s->n_touchpoints);
        for (size_t k = 0; k < s->n_touchpoints; k++) {
            const struct touchpoint *tp = order[k];
            if (!drawn[k])
                continue;
            nodes[tp->index] = add_touchpoint(c, clusters[i], tp, rating_of(c->comp, tp));
            if (!anchor[i])
                anchor[i] = nodes[tp->index];
        }
        if (s->n_touchpoints > DIAGRAM_STAGE_LIMIT)
            c->more[i] = add_more(c, clusters[i], s, order, drawn);
        free(drawn);
        free(order);
        if (c->empty_stage[i] || s->n_touchpoints == 0) {
            Agnode_t *p = add_placeholder(c, clusters[i], s);
            if (!anchor[i])
                anchor[i] = p;
        }
    }
    if (c->comp)
        for (size_t k = 0; k < c->comp->n_touchpoints; k++) {
            const struct touchpoint *tp = c->comp->touchpoints[k];
            add_ghost(c, clusters[tp->stage->index], tp);
        }
    add_flow(c, nodes);
    add_gaps(c, clusters, nodes);
    /* One column per stage: everything in a stage shares one rank (edges
     * inside it run top to bottom), and each stage is right of the one
     * before (an invisible edge between their first nodes). Graphviz 2.42
     * frees memory twice after laying out constraint=false edges in
     * clusters, so ranks, not constraints, shape the picture. */
    for (size_t i = 0; i < j->n_stages; i++) {
        char name[32];
        snprintf(name, sizeof name, "column_%03zu", i);
        Agraph_t *col = subgraph(clusters[i], name);
        set(col, c->g_rank, "same");
        for (Agnode_t *n = agfstnode(clusters[i]); n; n = agnxtnode(clusters[i], n))
            agsubnode(col, n, 1);
        if (i > 0) {
            Agedge_t *e = add_edge(c, anchor[i - 1], anchor[i]);
            set(e, c->e_style, "invis");
        }
    }
    add_legend(c, j->n_stages ? anchor[j->n_stages - 1] : NULL);
    add_title(c);
    free(clusters);
    free(nodes);
    free(anchor);
    free(c->more);
    c->more = NULL;
    return c->g;
}

/* ------------------------------------------------------------------------
 * Rendering
 */

static GVC_t *gvc;
static char graphviz_error[512];

/* Graphviz's last error message (reporting is switched off while we
 * work, so messages are kept for aglasterr()), trimmed, or fallback. */
static const char *
last_graphviz_error(const char *fallback)
{
    const char *msg = aglasterr();
    if (!msg || !*msg)
        return fallback;
    snprintf(graphviz_error, sizeof graphviz_error, "Graphviz: %s", msg);
    for (char *p = graphviz_error; *p; p++)
        if (*p == '\n')
            *p = ' ';
    size_t n = strlen(graphviz_error);
    while (n && graphviz_error[n - 1] == ' ')
        graphviz_error[--n] = '\0';
    return graphviz_error;
}

void
diagram_cleanup(void)
{
    if (gvc)
        gvFreeContext(gvc);
    gvc = NULL;
}

static bool
write_dot(Agraph_t *g, char **out, size_t *len)
{
    char *data = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&data, &size);
    if (!f)
        die_oom();
    bool ok = agwrite(g, f) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        free(data);
        return false;
    }
    *out = data;
    *len = size;
    return true;
}

/* Lay out and render g (or write its DOT text); g is closed here. */
static bool
render_graph(Agraph_t *g, const char *engine, enum diagram_format format, char **out, size_t *len,
             const char **why)
{
    bool ok = false;
    if (format == DIAGRAM_DOT) {
        ok = write_dot(g, out, len);
        if (!ok)
            *why = "could not write the DOT text";
    } else {
        if (!gvc)
            gvc = gvContext();
        if (gvLayout(gvc, g, engine) != 0 || agerrors() > 0) {
            *why = last_graphviz_error("Graphviz could not lay out the diagram");
        } else {
            char *data = NULL;
            unsigned int size = 0;
            if (gvRenderData(gvc, g, diagram_format_names[format], &data, &size) != 0 ||
                agerrors() > 0 || !data) {
                *why = last_graphviz_error("Graphviz could not render the diagram");
            } else {
                *out = xmalloc(size + 1);
                memcpy(*out, data, size);
                (*out)[size] = '\0';
                *len = size;
                ok = true;
            }
            if (data)
                gvFreeRenderData(data);
            gvFreeLayout(gvc, g);
        }
    }
    agclose(g);
    return ok;
}

bool
diagram_render(const struct journey *j, const struct diag *d, const struct competitor *competitor,
               enum diagram_format format, char **out, size_t *len, const char **why)
{
    struct ctx c = {.j = j, .d = d, .comp = competitor};
    timeline_init(&c.t, j);
    agseterr(AGMAX); /* keep Graphviz's messages off stderr; see last_graphviz_error() */
    agreseterrors();
    Agraph_t *g = build(&c);
    bool ok = render_graph(g, "dot", format, out, len, why);
    free(c.weak);
    free(c.empty_stage);
    timeline_finish(&c.t);
    return ok;
}

/* ------------------------------------------------------------------------
 * The comparison as a heat map
 */

static void
heat_cell(struct buf *b, int score, int ours)
{
    if (!score) {
        buf_puts(b, "<TD>–</TD>");
        return;
    }
    buf_printf(b, "<TD BGCOLOR=\"%s\">%d%s</TD>", score_fill[score], score,
               ours && score > ours ? " ▲" : "");
}

/* One journey's matrix as an HTML-like table label. */
static void
heat_table(struct buf *b, const struct compare_journey *cj)
{
    const struct journey *j = cj->j;
    buf_printf(b,
               "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" "
               "COLOR=\"%s\"><TR><TD COLSPAN=\"%zu\"><B>",
               GREY, 3 + j->n_competitors);
    html_wrapped_at(b, j->name, 60, 2);
    buf_puts(b,
             "</B></TD></TR><TR><TD><B>stage</B></TD><TD><B>touchpoint</B></TD><TD><B>us</B></TD>");
    for (size_t k = 0; k < j->n_competitors; k++) {
        buf_puts(b, "<TD><B>");
        html_wrapped(b, j->competitors[k]->name, 2);
        buf_puts(b, "</B></TD>");
    }
    buf_puts(b, "</TR>");
    for (size_t r = 0; r < cj->n_rows; r++) {
        const struct compare_row *row = &cj->rows[r];
        buf_puts(b, "<TR><TD ALIGN=\"LEFT\">");
        html_wrapped(b, row->stage->name, 2);
        buf_puts(b, "</TD><TD ALIGN=\"LEFT\">");
        html_wrapped(b, row->tp->name, 2);
        if (row->only) {
            buf_puts(b, "<BR/><I>only ");
            html_wrapped(b, j->competitors[row->only - 1]->name, 1);
            buf_puts(b, "</I>");
        }
        buf_puts(b, "</TD>");
        heat_cell(b, row->ours, 0);
        for (size_t k = 0; k < j->n_competitors; k++) {
            if (row->only == k + 1 && !row->ratings[k])
                buf_printf(b, "<TD BGCOLOR=\"%s\">yes</TD>", GAP_FILL);
            else
                heat_cell(b, row->ratings[k], row->ours);
        }
        buf_puts(b, "</TR>");
    }
    buf_puts(b, "</TABLE>");
}

bool
diagram_compare(const struct comparison *cmp, enum diagram_format format, char **out, size_t *len,
                const char **why)
{
    struct ctx c = {0};
    c.g = open_graph("comparison");
    Agraph_t *g = c.g;
    attr(g, AGRAPH, "fontname", FONT);
    attr(g, AGRAPH, "labelloc", "t");
    attr(g, AGRAPH, "bgcolor", "white");
    attr(g, AGRAPH, "pad", "0.3");
    attr(g, AGRAPH, "nodesep", "0.4");
    Agsym_t *g_label = attr(g, AGRAPH, "label", "");
    attr(g, AGNODE, "fontname", FONT);
    attr(g, AGNODE, "fontsize", "11");
    attr(g, AGNODE, "shape", "plaintext");
    Agsym_t *n_label = attr(g, AGNODE, "label", "\\N");
    Agsym_t *e_style = attr(g, AGEDGE, "style", "invis");
    (void)e_style;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"18\"><B>Competitor comparison</B></FONT><BR/>"
                 "scores 1 (red) to 5 (green); ▲ a competitor rated above us");
    set_html(g, g_label, buf_str(&b));
    b.len = 0;
    Agnode_t *prev = NULL;
    Agnode_t *tally = node(g, "tally");
    buf_printf(&b,
               "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" "
               "COLOR=\"%s\"><TR><TD><B>competitor</B></TD><TD><B>leads</B></TD>"
               "<TD><B>trails</B></TD><TD><B>ties</B></TD><TD><B>alone</B></TD></TR>",
               GREY);
    for (size_t i = 0; i < cmp->n_tallies; i++) {
        const struct compare_tally *t = &cmp->tallies[i];
        buf_puts(&b, "<TR><TD ALIGN=\"LEFT\">");
        html_wrapped(&b, t->name, 2);
        buf_printf(&b, "</TD><TD>%zu</TD><TD>%zu</TD><TD>%zu</TD><TD>%zu</TD></TR>", t->lead,
                   t->trail, t->tie, t->alone);
    }
    if (!cmp->n_tallies)
        buf_puts(&b, "<TR><TD COLSPAN=\"5\">no competitors named yet</TD></TR>");
    buf_puts(&b, "</TABLE>");
    set_html(tally, n_label, buf_str(&b));
    prev = tally;
    for (size_t i = 0; i < cmp->n_journeys; i++) {
        char name[32];
        snprintf(name, sizeof name, "journey:%zu", i + 1);
        Agnode_t *n = node(g, name);
        b.len = 0;
        heat_table(&b, &cmp->journeys[i]);
        set_html(n, n_label, buf_str(&b));
        agedge(g, prev, n, NULL, 1); /* stacked top to bottom */
        prev = n;
    }
    buf_finish(&b);
    return render_graph(g, "dot", format, out, len, why);
}

/* ------------------------------------------------------------------------
 * The emotion curve
 *
 * Positions are computed here and pinned (pos="x,y!", in inches); neato
 * only routes the straight lines and places the labels. x is the day of a
 * touchpoint's first occurrence (or, without any day information, its
 * place in the journey); y is its emotion.
 */

#define CURVE_STEP 0.75 /* inches per emotion step */
#define CURVE_NAME 22   /* characters of a point's label before "…" */
#define CURVE_BAND_TOP (2 * CURVE_STEP + 0.75)
#define CURVE_BAND_BOTTOM (-2 * CURVE_STEP - 1.4)

static const char *const segment_colors[] = {"#1f618d", "#b9770e", "#7d3c98",
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
};

static void
pin(struct curve *cv, Agnode_t *n, double x, double y)
{
    char pos[64];
    snprintf(pos, sizeof pos, "%.3f,%.3f!", x, y);
    set(n, cv->n_pos, pos);
}

static void
size_node(struct curve *cv, Agnode_t *n, double w, double h)
{
    char s[32];
    snprintf(s, sizeof s, "%.3f", w);
    set(n, cv->n_width, s);
    snprintf(s, sizeof s, "%.3f", h);
    set(n, cv->n_height, s);
    set(n, cv->n_fixedsize, "true");
}

/* A journey has day information when a stage has days or a touchpoint a day. */
static bool
has_days(const struct journey *j)
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
order_slots(const struct journey *j, struct timeline *t, size_t *tp_slot, size_t *stage_slot)
{
    size_t at = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        stage_slot[i] = at;
        const struct touchpoint **order = xmalloc((s->n_touchpoints + 1) * sizeof *order);
        memcpy(order, s->touchpoints, s->n_touchpoints * sizeof *order);
        qsort_r(order, s->n_touchpoints, sizeof *order, by_time, t);
        for (size_t k = 0; k < s->n_touchpoints; k++)
            tp_slot[order[k]->index] = at + k;
        free(order);
        at += s->n_touchpoints ? s->n_touchpoints : 1;
    }
    stage_slot[j->n_stages] = at;
    return at;
}

static double
x_of_day(const struct curve *cv, size_t which, jday day)
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
stage_widths(struct curve *cv)
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
x_of_slot(const struct curve *cv, double slot, size_t slots)
{
    return cv->width * slot / (double)(slots ? slots : 1);
}

/* A tooltip is a Graphviz escString: a backslash starts an escape (\N is
 * the node's name; neither doubling nor &#92; keeps a backslash in 2.42)
 * and entities pass through to SVG as they are. So markup characters
 * become entities, a backslash the full-width "＼", control characters
 * spaces. */
static void
tooltip_text(struct buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\\')
            buf_puts(b, "\xEF\xBC\xBC"); /* ＼ */
        else
            html_text(b, p, 1);
    }
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
            x0 = x_of_slot(cv, (double)stage_slot[i], slots);
            x1 = x_of_slot(cv, (double)stage_slot[i + 1], slots);
        } else {
            x0 = cv->stage_x[i];
            x1 = cv->stage_x[i + 1];
        }
        /* About nine characters of bold 10-point text per inch of band. */
        size_t chars = (size_t)((x1 - x0) * 9);
        buf_puts(&b, "<B>");
        html_wrapped_at(&b, s->name, chars < 6 ? 6 : chars, 3);
        buf_puts(&b, "</B>");
        if (!cv->by_order) {
            buf_printf(&b, "<BR/><FONT POINT-SIZE=\"9\">day %llu–%llu</FONT>",
                       (unsigned long long)t->stage_start[i],
                       (unsigned long long)(t->stage_start[i] + t->stage_len[i]));
        }
        if (x1 - x0 < 0.05)
            x1 = x0 + 0.05;
        char name[96];
        snprintf(name, sizeof name, "stage:%s", s->id);
        Agnode_t *n = node(cv->g, name);
        set_html(n, cv->n_label, buf_str(&b));
        buf_finish(&b);
        set(n, cv->n_class, "stage");
        set(n, cv->n_shape, "box");
        set(n, cv->n_style, "filled");
        set(n, cv->n_color, "#d5dbdb");
        /* Translucent: the line, drawn first, shows through. */
        set(n, cv->n_fillcolor, i % 2 ? "#ffffff00" : "#d6eaf870");
        set(n, cv->n_fontcolor, GREY);
        set(n, cv->n_labelloc, "t");
        size_node(cv, n, x1 - x0, CURVE_BAND_TOP - CURVE_BAND_BOTTOM);
        pin(cv, n, (x0 + x1) / 2, (CURVE_BAND_TOP + CURVE_BAND_BOTTOM) / 2);
    }
}

/* The contact gaps of journey j, shaded along the bottom of the plot. */
static size_t
curve_gaps(struct curve *cv, const struct journey *j, const struct timeline *t, size_t which)
{
    struct silence *v;
    size_t n = timeline_silences(t, j->policy.max_silence_days, &v);
    for (size_t i = 0; i < n; i++) {
        double x0 = x_of_day(cv, which, v[i].from), x1 = x_of_day(cv, which, v[i].to);
        char name[96];
        snprintf(name, sizeof name, "gap:%zu:%zu", which, i + 1);
        Agnode_t *g = node(cv->g, name);
        char *label =
            xasprintf("%llu days without contact", (unsigned long long)(v[i].to - v[i].from));
        set(g, cv->n_label, x1 - x0 > 1.8 ? label : ""); /* else the tooltip only */
        set(g, cv->n_tooltip, label);
        free(label);
        set(g, cv->n_class, "gap");
        set(g, cv->n_shape, "box");
        set(g, cv->n_style, "filled,dotted");
        set(g, cv->n_fillcolor, GAP_FILL "c0");
        set(g, cv->n_color, cv->n > 1 ? segment_colors[which % ARRAY_LEN(segment_colors)] : RED);
        set(g, cv->n_fontcolor, RED);
        set(g, cv->n_fontsize, "9");
        size_node(cv, g, x1 - x0 > 0.05 ? x1 - x0 : 0.05, 0.28);
        pin(cv, g, (x0 + x1) / 2, CURVE_BAND_BOTTOM + 0.2 + 0.32 * (double)which);
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
        char name[16];
        snprintf(name, sizeof name, "scale:%d", e);
        Agnode_t *n = node(cv->g, name);
        set(n, cv->n_label, words[e + 2]);
        set(n, cv->n_class, "scale");
        set(n, cv->n_shape, "plaintext");
        set(n, cv->n_fontcolor, GREY);
        set(n, cv->n_fontsize, "10");
        pin(cv, n, -0.6, e * CURVE_STEP);
    }
    Agnode_t *a = node(cv->g, "zero:start"), *b = node(cv->g, "zero:end");
    for (Agnode_t *n = a; n; n = n == a ? b : NULL) {
        set(n, cv->n_shape, "point");
        set(n, cv->n_style, "invis");
        set(n, cv->n_label, "");
        size_node(cv, n, 0.01, 0.01);
        set(n, cv->n_class, "zero");
    }
    pin(cv, a, 0, 0);
    pin(cv, b, cv->width, 0);
    Agedge_t *e = agedge(cv->g, a, b, NULL, 1);
    set(e, cv->e_style, "dashed");
    set(e, cv->e_color, GREY);
    set(e, cv->e_arrowhead, "none");
}

/* Journey j's points and line; returns how many touchpoints lack an emotion. */
static size_t
curve_journey(struct curve *cv, const struct diag *d, size_t which, const size_t *tp_slot,
              size_t slots)
{
    const struct journey *j = cv->js[which];
    struct timeline *t = &cv->t[which];
    struct ctx c = {.j = j, .d = d};
    read_findings(&c);
    const char *colour = segment_colors[which % ARRAY_LEN(segment_colors)];
    const struct touchpoint **order = xmalloc((j->n_touchpoints + 1) * sizeof *order);
    memcpy(order, j->touchpoints, j->n_touchpoints * sizeof *order);
    qsort_r(order, j->n_touchpoints, sizeof *order, by_time, t);
    Agnode_t *prev = NULL;
    size_t unknown = 0;
    for (size_t k = 0; k < j->n_touchpoints; k++) {
        const struct touchpoint *tp = order[k];
        double x = cv->by_order ? x_of_slot(cv, (double)tp_slot[tp->index] + 0.5, slots)
                                : x_of_day(cv, which, timeline_series(t, tp).first);
        char *name = cv->n > 1         ? xasprintf("%s:%s", j->id, tp->id)
                     : tp->has_emotion ? xstrdup(tp->id)
                                       : xasprintf("no-emotion:%s", tp->id);
        Agnode_t *n = node(cv->g, name);
        free(name);
        struct buf tip;
        buf_init(&tip);
        tooltip_text(&tip, tp->name);
        if (tp->has_emotion)
            buf_printf(&tip, " (emotion %+d)", tp->emotion);
        else
            buf_puts(&tip, " (no emotion recorded)");
        set(n, cv->n_tooltip, buf_str(&tip));
        buf_finish(&tip);
        set(n, cv->n_label, "");
        set(n, cv->n_shape, "circle");
        unsigned weak = c.weak[tp->index];
        if (!tp->has_emotion) {
            /* On the time axis, hollow: we do not know how this one feels. */
            unknown++;
            set(n, cv->n_class, "unknown");
            set(n, cv->n_style, "dashed");
            set(n, cv->n_fillcolor, "white");
            set(n, cv->n_color, cv->n > 1 ? colour : GREY);
            set(n, cv->n_label, "?");
            set(n, cv->n_fontsize, "9");
            set(n, cv->n_fontcolor, GREY);
            size_node(cv, n, 0.2, 0.2);
            pin(cv, n, x, CURVE_BAND_BOTTOM + 0.75 + 0.22 * (double)which);
            continue;
        }
        set(n, cv->n_class, weak ? "point weak" : "point");
        set(n, cv->n_style, "filled");
        set(n, cv->n_fillcolor, cv->n > 1 ? colour : score_fill[tp->score]);
        set(n, cv->n_color, weak ? (tp->plan ? ORANGE : RED) : (cv->n > 1 ? colour : GREY));
        set(n, cv->n_penwidth, weak ? "3" : "1");
        size_node(cv, n, 0.22, 0.22);
        if (cv->n == 1 || tp->emotion < 0) { /* overlays: name the dips only */
            struct buf b;
            buf_init(&b);
            html_wrapped_at(&b, tp->name, CURVE_NAME, 1);
            set_html(n, cv->n_xlabel, buf_str(&b));
            buf_finish(&b);
        }
        pin(cv, n, x, tp->emotion * CURVE_STEP);
        if (prev) {
            Agedge_t *e = agedge(cv->g, prev, n, NULL, 1);
            set(e, cv->e_color, colour);
            set(e, cv->e_penwidth, "2.5");
            set(e, cv->e_arrowhead, "none");
        }
        prev = n;
    }
    free(order);
    free(c.weak);
    free(c.empty_stage);
    return unknown;
}

/* Whether every journey has the first one's stages (ids and days). */
static bool
same_stages(const struct curve *cv)
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

bool
diagram_curve(const struct journey *const *js, size_t n, const struct diag *d,
              enum diagram_format format, char **out, size_t *len, const char **why)
{
    struct curve cv = {.js = js, .n = n};
    cv.t = xcalloc(n + 1, sizeof *cv.t);
    size_t most = 1;
    for (size_t k = 0; k < n; k++) {
        timeline_init(&cv.t[k], js[k]);
        if (!has_days(js[k]))
            cv.by_order = true;
        if (cv.t[k].end > cv.end)
            cv.end = cv.t[k].end;
        if (js[k]->n_touchpoints + js[k]->n_stages > most)
            most = js[k]->n_touchpoints + js[k]->n_stages;
    }
    /* Wide enough to tell touchpoints apart, narrow enough for a screen. */
    cv.width = 0.45 * (double)most;
    cv.width = cv.width < 12 ? 12 : cv.width > 30 ? 30 : cv.width;

    cv.g = open_graph("curve");
    Agraph_t *g = cv.g;
    attr(g, AGRAPH, "layout", "neato");
    attr(g, AGRAPH, "splines", "line");
    attr(g, AGRAPH, "overlap", "true");
    attr(g, AGRAPH, "outputorder", "edgesfirst");
    attr(g, AGRAPH, "forcelabels", "true");
    attr(g, AGRAPH, "fontname", FONT);
    attr(g, AGRAPH, "labelloc", "t");
    attr(g, AGRAPH, "pad", "0.3");
    Agsym_t *g_label = attr(g, AGRAPH, "label", "");
    attr(g, AGNODE, "fontname", FONT);
    cv.n_fontsize = attr(g, AGNODE, "fontsize", "10");
    cv.n_pos = attr(g, AGNODE, "pos", "");
    cv.n_label = attr(g, AGNODE, "label", "\\N");
    cv.n_xlabel = attr(g, AGNODE, "xlabel", "");
    cv.n_shape = attr(g, AGNODE, "shape", "circle");
    cv.n_style = attr(g, AGNODE, "style", "");
    cv.n_fillcolor = attr(g, AGNODE, "fillcolor", "white");
    cv.n_color = attr(g, AGNODE, "color", "black");
    cv.n_penwidth = attr(g, AGNODE, "penwidth", "1");
    cv.n_fontcolor = attr(g, AGNODE, "fontcolor", "black");
    cv.n_width = attr(g, AGNODE, "width", "0.2");
    cv.n_height = attr(g, AGNODE, "height", "0.2");
    cv.n_fixedsize = attr(g, AGNODE, "fixedsize", "false");
    cv.n_labelloc = attr(g, AGNODE, "labelloc", "c");
    cv.n_tooltip = attr(g, AGNODE, "tooltip", "");
    cv.n_class = attr(g, AGNODE, "class", "");
    cv.e_color = attr(g, AGEDGE, "color", "black");
    cv.e_penwidth = attr(g, AGEDGE, "penwidth", "1");
    cv.e_style = attr(g, AGEDGE, "style", "");
    cv.e_arrowhead = attr(g, AGEDGE, "arrowhead", "normal");

    size_t *tp_slot = NULL, *stage_slot = NULL, slots = 0;
    bool bands = same_stages(&cv);
    if (cv.by_order) {
        /* Slots by the first journey's stages when they are shared;
         * otherwise each journey spread over the whole width. */
        size_t most_tp = 1;
        for (size_t k = 0; k < n; k++)
            most_tp = js[k]->n_touchpoints + js[k]->n_stages > most_tp
                          ? js[k]->n_touchpoints + js[k]->n_stages
                          : most_tp;
        tp_slot = xcalloc(most_tp + 1, sizeof *tp_slot);
        stage_slot = xcalloc(js[0]->n_stages + 2, sizeof *stage_slot);
        slots = order_slots(js[0], &cv.t[0], tp_slot, stage_slot);
    }
    if (bands && !cv.by_order && js[0]->n_stages)
        stage_widths(&cv);
    cv.own_scale = !bands && !cv.by_order;
    if (bands)
        curve_bands(&cv, js[0], &cv.t[0], stage_slot, slots);
    size_t n_gaps = 0;
    if (!cv.by_order)
        for (size_t k = 0; k < n; k++)
            n_gaps += curve_gaps(&cv, js[k], &cv.t[k], k);
    curve_scale(&cv);
    size_t unknown = 0, points = 0;
    for (size_t k = 0; k < n; k++) {
        if (cv.by_order && k > 0) {
            size_t *ss = xcalloc(js[k]->n_stages + 2, sizeof *ss);
            slots = order_slots(js[k], &cv.t[k], tp_slot, ss);
            free(ss);
        }
        size_t u = curve_journey(&cv, d, k, tp_slot, slots);
        unknown += u;
        points += js[k]->n_touchpoints - u;
    }

    /* Title, the time axis, and (for several segments) the legend. */
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "<FONT POINT-SIZE=\"18\"><B>");
    if (n == 1)
        html_wrapped_at(&b, js[0]->name, 60, 2);
    else
        buf_puts(&b, "How the segments feel");
    buf_printf(&b,
               "</B></FONT><BR/>how customers feel along the journey · %zu point%s · %zu "
               "without an emotion (hollow) · %zu contact gap%s",
               points, points == 1 ? "" : "s", unknown, n_gaps, n_gaps == 1 ? "" : "s");
    if (n > 1 && !bands && !cv.by_order)
        buf_puts(&b, "<BR/>the segments' stages differ: no stage bands; each curve runs from "
                     "its segment's start (left) to its end (right)");
    set_html(g, g_label, buf_str(&b));
    buf_finish(&b);
    Agnode_t *axis = node(g, "axis");
    if (cv.by_order)
        set(axis, cv.n_label, "touchpoints in journey order (no day information)");
    else {
        char *l = cv.own_scale ? xasprintf("from each segment's start to its end (%llu days "
                                           "for the longest)",
                                           (unsigned long long)cv.end)
                               : xasprintf("day 0 → day %llu", (unsigned long long)cv.end);
        set(axis, cv.n_label, l);
        free(l);
    }
    set(axis, cv.n_shape, "plaintext");
    set(axis, cv.n_fontcolor, GREY);
    pin(&cv, axis, cv.width / 2, CURVE_BAND_BOTTOM - 0.3);
    if (n > 1) {
        buf_init(&b);
        buf_puts(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"2\">");
        for (size_t k = 0; k < n; k++) {
            buf_printf(&b, "<TR><TD BGCOLOR=\"%s\" WIDTH=\"14\"> </TD><TD ALIGN=\"LEFT\">",
                       segment_colors[k % ARRAY_LEN(segment_colors)]);
            html_wrapped_at(&b, js[k]->name, 40, 1);
            buf_puts(&b, "</TD></TR>");
        }
        buf_puts(&b, "</TABLE>");
        Agnode_t *legend = node(g, "legend");
        set_html(legend, cv.n_label, buf_str(&b));
        buf_finish(&b);
        set(legend, cv.n_shape, "plaintext");
        pin(&cv, legend, cv.width + 1.8, CURVE_BAND_TOP - 0.4 - 0.15 * (double)n);
    }
    free(tp_slot);
    free(stage_slot);
    bool ok = render_graph(g, "neato", format, out, len, why);
    free(cv.stage_x);
    for (size_t k = 0; k < n; k++)
        timeline_finish(&cv.t[k]);
    free(cv.t);
    return ok;
}
