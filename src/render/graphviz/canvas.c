/*
 * canvas.c - the Graphviz back end (canvas.h): an id discipline that numbers
 * objects in creation order, the label escaping every view shares, and
 * layout and rendering to memory.
 */
#include "render/graphviz/canvas.h"
#include "render/graphviz/page.h"

#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const diagram_format_names[DIAGRAM_FORMAT_COUNT + 1] = {"dot", "svg", "png", "pdf",
                                                                    NULL};

struct diagram_target
diagram_natural(enum diagram_format format)
{
    struct diagram_target t = {format, DIAGRAM_PAGE_NONE, false, ""};
    return t;
}

const char *const canvas_score_fill[6] = {"#eaecee", "#f5b7b1", "#f8c9a0",
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

struct canvas_seq {
    Agraph_t *root;        /* whose string pool holds the names */
    struct strindex names; /* numbered id / 2 - 1; pool strings */
    IDTYPE anonymous;      /* next odd id */
};

/* ------------------------------------------------------------------------
 * Memory: one arena a graph
 *
 * Our graphs are built, written or laid out and closed, never thinned:
 * cgraph's many small allocations (a record for every node in every
 * subgraph it is in, every dictionary's data, every string) are carved
 * from an arena, freed as one after agclose(). The heap has no close
 * function, so that agclose() still closes every dictionary (cdt
 * allocates their headers itself) and the id discipline.
 */

static void *
canvas_heap_open(Agdisc_t *disc)
{
    (void)disc;
    return arena_new();
}

static void *
canvas_heap_alloc(void *state, size_t req)
{
    return arena_alloc(state, req); /* zeroed, as cgraph expects */
}

static void *
canvas_heap_resize(void *state, void *ptr, size_t old, size_t req)
{
    void *p = arena_alloc(state, req);
    if (ptr)
        memcpy(p, ptr, old < req ? old : req);
    return p; /* the old block goes with the arena */
}

static void
canvas_heap_free(void *state, void *ptr)
{
    (void)state;
    (void)ptr; /* freed with the arena: canvas_close() */
}

static Agmemdisc_t canvas_heap_disc = {canvas_heap_open, canvas_heap_alloc, canvas_heap_resize,
                                       canvas_heap_free, NULL};

/* agclose(), then the graph's arena. */
static void
canvas_close(Agraph_t *g)
{
    struct arena *heap = g->clos->state.mem;
    agclose(g);
    arena_free(heap);
}

static void *
canvas_seq_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    struct canvas_seq *s = xcalloc(1, sizeof *s);
    s->root = g;
    s->anonymous = 1;
    return s;
}

static long
canvas_seq_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    (void)objtype;
    struct canvas_seq *s = state;
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
canvas_seq_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0; /* ids are never chosen by callers */
}

static void
canvas_seq_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id; /* names live until the graph closes */
}

static char *
canvas_seq_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    struct canvas_seq *s = state;
    if (id % 2 || id == 0 || (size_t)id / 2 > s->names.n)
        return NULL;
    return (char *)(uintptr_t)s->names.keys[id / 2 - 1]; /* a pool string; agwrite() wants char * */
}

static void
canvas_seq_close(void *state)
{
    struct canvas_seq *s = state; /* the names go with the graph's string pool */
    strindex_finish(&s->names);
    free(s);
}

static void
canvas_seq_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t canvas_seq_iddisc = {canvas_seq_open,    canvas_seq_map,   canvas_seq_alloc,
                                       canvas_seq_free,    canvas_seq_print, canvas_seq_close,
                                       canvas_seq_register};

/* ------------------------------------------------------------------------
 * Building
 */

/* cgraph 2.42 takes char * where it only reads (it copies every string it
 * keeps): the one place where const is cast away. */
static char *
canvas_mut(const char *s)
{
    return (char *)(uintptr_t)s;
}

Agraph_t *
canvas_open(const char *name)
{
    agseterr(AGMAX);
    agreseterrors();
    static Agdisc_t disc;
    disc = (Agdisc_t){&canvas_heap_disc, &canvas_seq_iddisc, &AgIoDisc};
    Agraph_t *g = agopen(canvas_mut(name), Agdirected, &disc);
    /* The house style every view shares. */
    canvas_attr(g, AGRAPH, "fontname", CANVAS_FONT);
    canvas_attr(g, AGRAPH, "labelloc", "t"); /* titles on top */
    canvas_attr(g, AGRAPH, "bgcolor", "white");
    canvas_attr(g, AGRAPH, "pad", "0.3");
    canvas_attr(g, AGNODE, "fontname", CANVAS_FONT);
    canvas_attr(g, AGEDGE, "fontname", CANVAS_FONT);
    return g;
}

Agsym_t *
canvas_attr(Agraph_t *g, int kind, const char *name, const char *dflt)
{
    return agattr(g, kind, canvas_mut(name), canvas_mut(dflt));
}

void
canvas_set(void *obj, Agsym_t *sym, const char *value)
{
    agxset(obj, sym, canvas_mut(value));
}

void
canvas_set_html(void *obj, Agsym_t *sym, const char *html)
{
    Agraph_t *root = agroot(obj);
    char *h = agstrdup_html(root, canvas_mut(html));
    agxset(obj, sym, h);
    agstrfree(root, h);
}

Agnode_t *
canvas_node(Agraph_t *g, const char *name)
{
    return agnode(g, canvas_mut(name), 1);
}

Agnode_t *
canvas_nodef(Agraph_t *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *name = xvasprintf(fmt, ap);
    va_end(ap);
    Agnode_t *n = canvas_node(g, name);
    free(name);
    return n;
}

Agraph_t *
canvas_subgraph(Agraph_t *g, const char *name)
{
    return agsubg(g, canvas_mut(name), 1);
}

Agedge_t *
canvas_edge(Agraph_t *g, Agnode_t *from, Agnode_t *to)
{
    /* cgraph keys: several edges between one pair stay distinct. */
    return agedge(g, from, to, NULL, 1);
}

/* ------------------------------------------------------------------------
 * Labels
 */

/* Append s as HTML-label text: markup characters as entities (buf_html),
 * control characters dropped but for white space, backslashes doubled. */
void
canvas_text(struct buf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the bytes not yet appended */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool doubled = c == '\\';
        bool dropped = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        if (!doubled && !dropped)
            continue;
        buf_html_n(b, s + run, i - run);
        if (doubled)
            buf_puts(b, "\\\\");
        run = i + 1;
    }
    buf_html_n(b, s + run, n - run);
}

/* Bytes of the UTF-8 character at s (1 for anything malformed). */
static size_t
canvas_utf8_len(const char *s)
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
void
canvas_wrapped_at(struct buf *b, const char *s, size_t width, size_t max_lines)
{
    while (*s == ' ')
        s++;
    size_t lines = 0;
    while (*s && lines < max_lines) {
        /* Take up to width characters; remember the last space. */
        const char *p = s, *space = NULL, *hyphen = NULL, *word = s;
        size_t chars = 0;
        while (*p && chars < width) {
            if (*p == ' ')
                space = p, word = p + 1;
            else if (*p == '-' && p - word >= 3 && p[1] && p[1] != ' ' && p[2] && p[2] != ' ')
                hyphen = p + 1; /* inside a word, three letters or more before it */
            p += canvas_utf8_len(p);
            chars++;
        }
        const char *end = p, *next = p;
        if (*p && *p != ' ' && hyphen && (!space || hyphen > space + 1)) {
            end = next = hyphen; /* after the last hyphen: "Fifteen-" "minute" */
        } else if (*p && *p != ' ' && space && space > s) { /* at the last space */
            end = space;
            next = space + 1;
        }
        while (*next == ' ')
            next++;
        if (lines)
            buf_puts(b, "<BR/>");
        canvas_text(b, s, (size_t)(end - s));
        lines++;
        s = next;
        if (*s && lines == max_lines)
            buf_puts(b, "…");
    }
}

void
canvas_wrapped(struct buf *b, const char *s, size_t max_lines)
{
    canvas_wrapped_at(b, s, CANVAS_WRAP, max_lines);
}

/* A tooltip is a Graphviz escString: a backslash starts an escape (\N is
 * the node's name; neither doubling nor &#92; keeps a backslash in 2.42)
 * and entities pass through to SVG as they are. So markup characters
 * become entities, a backslash the full-width "＼", control characters
 * spaces. */
void
canvas_tooltip(struct buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\\')
            buf_puts(b, "\xEF\xBC\xBC"); /* ＼ */
        else
            canvas_text(b, p, 1);
    }
}

/* ------------------------------------------------------------------------
 * Rendering
 */

static GVC_t *canvas_gvc;
static char canvas_error_text[512];

/* Graphviz's last error message (reporting is switched off while we
 * work, so messages are kept for aglasterr()), trimmed, or fallback. */
static const char *
canvas_last_error(const char *fallback)
{
    const char *msg = aglasterr();
    if (!msg || !*msg)
        return fallback;
    snprintf(canvas_error_text, sizeof canvas_error_text, "Graphviz: %s", msg);
    for (char *p = canvas_error_text; *p; p++)
        if (*p == '\n')
            *p = ' ';
    size_t n = strlen(canvas_error_text);
    while (n && canvas_error_text[n - 1] == ' ')
        canvas_error_text[--n] = '\0';
    return canvas_error_text;
}

void
diagram_cleanup(void)
{
    if (canvas_gvc)
        gvFreeContext(canvas_gvc);
    canvas_gvc = NULL;
}

static bool
canvas_write_dot(Agraph_t *g, char **out, size_t *len)
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

void
canvas_stack_open(struct canvas_stack *s, const char *name, const char *title_html,
                  const char *fontsize)
{
    s->g = canvas_open(name);
    canvas_attr(s->g, AGRAPH, "nodesep", "0.4");
    Agsym_t *title = canvas_attr(s->g, AGRAPH, "label", "");
    canvas_attr(s->g, AGNODE, "fontsize", fontsize);
    canvas_attr(s->g, AGNODE, "shape", "plaintext");
    s->label = canvas_attr(s->g, AGNODE, "label", "\\N");
    canvas_attr(s->g, AGEDGE, "style", "invis");
    canvas_set_html(s->g, title, title_html);
    s->last = NULL;
}

void
canvas_stack_push(struct canvas_stack *s, const char *node, const char *table_html)
{
    Agnode_t *n = canvas_node(s->g, node);
    canvas_set_html(n, s->label, table_html);
    if (s->last)
        canvas_edge(s->g, s->last, n);
    s->last = n;
}

bool
canvas_render(Agraph_t *g, const char *engine, struct diagram_target *t, char **out, size_t *len,
              const char **why)
{
    bool ok = false;
    t->warning[0] = '\0';
    if (t->format == DIAGRAM_DOT) {
        page_dot(g, t);
        ok = canvas_write_dot(g, out, len);
        if (!ok)
            *why = "could not write the DOT text";
    } else {
        if (!canvas_gvc)
            canvas_gvc = gvContext();
        if (gvLayout(canvas_gvc, g, engine) != 0 || agerrors() > 0) {
            *why = canvas_last_error("Graphviz could not lay out the diagram");
        } else if (t->page != DIAGRAM_PAGE_NONE) {
            ok = page_render(canvas_gvc, g, t, out, len, why);
            if (!ok && agerrors() > 0)
                *why = canvas_last_error(*why);
            gvFreeLayout(canvas_gvc, g);
        } else {
            char *data = NULL;
            unsigned int size = 0;
            if (gvRenderData(canvas_gvc, g, diagram_format_names[t->format], &data, &size) != 0 ||
                agerrors() > 0 || !data) {
                *why = canvas_last_error("Graphviz could not render the diagram");
            } else {
                *out = xmalloc(size + 1);
                memcpy(*out, data, size);
                (*out)[size] = '\0';
                *len = size;
                ok = true;
            }
            if (data)
                gvFreeRenderData(data);
            gvFreeLayout(canvas_gvc, g);
        }
    }
    canvas_close(g);
    return ok;
}
