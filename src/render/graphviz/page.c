/*
 * page.c - a laid-out diagram fitted to a page (page.h): the page sizes,
 * the smallest text the fit leaves, and the PDF, PNG and SVG of the page.
 * The only file that includes cairo, loaded when a page is first drawn
 * (core/dynlib.h).
 */
#include "render/graphviz/page.h"

#include "render/graphviz/canvas.h"

#include "config.h"
#include "core/dynlib.h"
#include "core/util.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every cairo function this file calls, through cairo (typed from
 * cairo.h): a direct call would not link. */
#define PAGE_CAIRO_API(X) \
    X(cairo_create) X(cairo_destroy) \
    X(cairo_format_stride_for_width) X(cairo_image_surface_create_for_data) \
    X(cairo_paint) X(cairo_pdf_surface_create_for_stream) \
    X(cairo_pdf_surface_set_metadata) X(cairo_scale) \
    X(cairo_set_source_rgb) X(cairo_status) \
    X(cairo_surface_destroy) X(cairo_surface_finish) \
    X(cairo_surface_status) X(cairo_surface_write_to_png_stream) \
    X(cairo_translate)

static struct {
#define PAGE_CAIRO_SLOT(f) __typeof__(&f) f;
    PAGE_CAIRO_API(PAGE_CAIRO_SLOT)
#undef PAGE_CAIRO_SLOT
} cairo;

static const struct dynlib_sym page_cairo_syms[] = {
#define PAGE_CAIRO_SYM(f) {#f, &cairo.f},
    PAGE_CAIRO_API(PAGE_CAIRO_SYM)
#undef PAGE_CAIRO_SYM
};

const char *const diagram_page_names[DIAGRAM_PAGE_COUNT + 1] = {
    "A4", "A3", "A2", "A1", "A0", "letter", "tabloid", "screen", NULL};

/* Portrait sizes: points for paper (ISO 216 and ANSI, 1/72 in), pixels for
 * the screen. */
static const struct {
    double w, h;
} page_sizes[DIAGRAM_PAGE_COUNT] = {
    [DIAGRAM_PAGE_A4] = {595.28, 841.89},       [DIAGRAM_PAGE_A3] = {841.89, 1190.55},
    [DIAGRAM_PAGE_A2] = {1190.55, 1683.78},     [DIAGRAM_PAGE_A1] = {1683.78, 2383.94},
    [DIAGRAM_PAGE_A0] = {2383.94, 3370.39},     [DIAGRAM_PAGE_LETTER] = {612, 792},
    [DIAGRAM_PAGE_TABLOID] = {792, 1224},       [DIAGRAM_PAGE_SCREEN] = {1080, 1920},
};

/* The paper sizes from the smallest to the largest, for "fits on …". */
static const int page_by_area[] = {DIAGRAM_PAGE_A4,      DIAGRAM_PAGE_LETTER, DIAGRAM_PAGE_A3,
                                   DIAGRAM_PAGE_TABLOID, DIAGRAM_PAGE_A2,     DIAGRAM_PAGE_A1,
                                   DIAGRAM_PAGE_A0};

#define PAGE_MIN_PT 6.0      /* smallest readable text on paper */
#define PAGE_MIN_PX 16.0     /* and on a projector, 1920 px wide */
#define PAGE_PX_PER_PT 1.333 /* 96 dpi: a paper page as PNG, the screen as PDF */

struct page_box {
    double w, h; /* the page, landscape unless portrait (pt, or px for the screen) */
};

static struct page_box
page_box(int page, bool portrait)
{
    struct page_box b = {page_sizes[page].w, page_sizes[page].h};
    if (!portrait) {
        double t = b.w;
        b.w = b.h;
        b.h = t;
    }
    return b;
}

/* The factor that fits a w × h drawing to the page, keeping proportions. */
static double
page_scale(struct page_box b, double w, double h)
{
    double s = b.w / w;
    return b.h / h < s ? b.h / h : s;
}

void
page_dot(Agraph_t *g, const struct diagram_target *t)
{
    if (t->page == DIAGRAM_PAGE_NONE)
        return;
    struct page_box b = page_box(t->page, t->portrait);
    double per_inch = t->page == DIAGRAM_PAGE_SCREEN ? 96 : 72;
    char size[64];
    snprintf(size, sizeof size, "%.2f,%.2f!", b.w / per_inch, b.h / per_inch);
    canvas_set(g, canvas_attr(g, AGRAPH, "size", ""), size);
}

/* ------------------------------------------------------------------------
 * What Graphviz draws: its size and its smallest text, read from its SVG
 */

struct page_drawing {
    double w, h;     /* natural size, points */
    double min_font; /* smallest font-size of any text, points; 0 when none */
};

/* The number after key="…" at p, or -1. */
static double
page_svg_number(const char *p, const char *key)
{
    const char *q = strstr(p, key);
    return q ? strtod(q + strlen(key), NULL) : -1;
}

static bool
page_measure(const char *svg, struct page_drawing *d)
{
    const char *root = strstr(svg, "<svg ");
    if (!root)
        return false;
    d->w = page_svg_number(root, " width=\"");
    d->h = page_svg_number(root, " height=\"");
    if (!(d->w > 0) || !(d->h > 0))
        return false;
    d->min_font = 0;
    for (const char *p = root; (p = strstr(p, " font-size=\"")) != NULL; p++) {
        double f = strtod(p + 12, NULL);
        if (f > 0 && (d->min_font == 0 || f < d->min_font))
            d->min_font = f;
    }
    return true;
}

/* The warning when the fit makes the smallest text too small to read,
 * naming the smallest paper size (in the same orientation) that fits. */
static void
page_check_text(struct diagram_target *t, const struct page_drawing *d)
{
    bool screen = t->page == DIAGRAM_PAGE_SCREEN;
    double smallest = d->min_font * page_scale(page_box(t->page, t->portrait), d->w, d->h);
    double least = screen ? PAGE_MIN_PX : PAGE_MIN_PT;
    t->warning[0] = '\0';
    if (d->min_font == 0 || smallest >= least - 0.005)
        return;
    const char *fits = NULL;
    for (size_t i = 0; i < ARRAY_LEN(page_by_area) && !fits; i++) {
        struct page_box b = page_box(page_by_area[i], t->portrait);
        if (d->min_font * page_scale(b, d->w, d->h) >= PAGE_MIN_PT - 0.005)
            fits = diagram_page_names[page_by_area[i]];
    }
    const char *unit = screen ? "px" : "pt";
    snprintf(t->warning, sizeof t->warning,
             "on %s the smallest text would be %.1f %s, too small to read (under %.0f %s); %s%s",
             diagram_page_names[t->page], smallest, unit, least, unit,
             fits ? "the smallest page that fits is " : "even A0 is too small for it",
             fits ? fits : "");
}

/* ------------------------------------------------------------------------
 * The page
 */

/* The SVG with the page's size: the drawing keeps its viewBox, so a
 * viewer scales it to fit and centres it. */
static char *
page_svg(const char *svg, size_t len, struct page_box b, bool screen, size_t *out_len)
{
    const char *root = strstr(svg, "<svg ");
    const char *end = root ? strchr(root, '>') : NULL;
    const char *view = root ? strstr(root, " viewBox=\"") : NULL;
    if (!end || !view || view > end)
        return NULL;
    const char *unit = screen ? "px" : "pt";
    struct buf o;
    buf_init(&o);
    buf_append(&o, svg, (size_t)(root - svg));
    buf_printf(&o, "<svg width=\"%.2f%s\" height=\"%.2f%s\"\n", b.w, unit, b.h, unit);
    buf_append(&o, view, len - (size_t)(view - svg));
    *out_len = o.len;
    return buf_steal(&o);
}

static cairo_status_t
page_write(void *closure, const unsigned char *data, unsigned int n)
{
    buf_append(closure, (const char *)data, n);
    return CAIRO_STATUS_SUCCESS;
}

/* Let Graphviz draw g onto cr, scaled by s and centred on a page of
 * pw × ph (cr's units). Its PDF device finishes cr's surface. */
static bool
page_draw(GVC_t *gvc, Agraph_t *g, cairo_t *cr, double pw, double ph, double s,
          const struct page_drawing *d)
{
    cairo.cairo_set_source_rgb(cr, 1, 1, 1);
    cairo.cairo_paint(cr);
    cairo.cairo_translate(cr, (pw - d->w * s) / 2, (ph - d->h * s) / 2);
    cairo.cairo_scale(cr, s, s);
    canvas_set(g, canvas_attr(g, AGRAPH, "margin", ""), "0"); /* else the PDF device adds 0.5 in */
    bool ok = gvRenderContext(gvc, g, "pdf:cairo", cr) == 0 && agerrors() == 0;
    return ok && cairo.cairo_status(cr) == CAIRO_STATUS_SUCCESS;
}

static bool
page_pdf(GVC_t *gvc, Agraph_t *g, struct page_box b, bool screen, const struct page_drawing *d,
         struct buf *o)
{
    double k = screen ? 1 / PAGE_PX_PER_PT : 1; /* the screen's pixels in points */
    double pw = b.w * k, ph = b.h * k;
    cairo_surface_t *surface = cairo.cairo_pdf_surface_create_for_stream(page_write, o, pw, ph);
    /* No creation date: the same journey makes the same bytes, so that a
     * build only changes files whose content changed. */
    cairo.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
    cairo.cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "journeymap");
    cairo_t *cr = cairo.cairo_create(surface);
    bool ok = page_draw(gvc, g, cr, pw, ph, page_scale(b, d->w, d->h) * k, d);
    cairo.cairo_destroy(cr);
    cairo.cairo_surface_finish(surface);
    ok = ok && cairo.cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo.cairo_surface_destroy(surface);
    return ok;
}

static bool
page_png(GVC_t *gvc, Agraph_t *g, struct page_box b, bool screen, const struct page_drawing *d,
         struct buf *o)
{
    double k = screen ? 1 : PAGE_PX_PER_PT; /* paper at 96 dpi */
    int pw = (int)lround(b.w * k), ph = (int)lround(b.h * k);
    int stride = cairo.cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, pw);
    unsigned char *pixels = xcalloc((size_t)ph, (size_t)stride);
    /* Graphviz finishes the surface it draws on; the pixels are ours, so
     * a second surface over them writes the PNG. */
    cairo_surface_t *surface =
        cairo.cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, pw, ph, stride);
    cairo_t *cr = cairo.cairo_create(surface);
    bool ok = page_draw(gvc, g, cr, pw, ph, page_scale(b, d->w, d->h) * k, d);
    cairo.cairo_destroy(cr);
    cairo.cairo_surface_destroy(surface);
    if (ok) {
        surface = cairo.cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, pw, ph, stride);
        ok = cairo.cairo_surface_write_to_png_stream(surface, page_write, o) == CAIRO_STATUS_SUCCESS;
        cairo.cairo_surface_destroy(surface);
    }
    free(pixels);
    return ok;
}

/* Why cairo could not be loaded, for page_render()'s *why. */
static char page_why[300];

bool
page_render(GVC_t *gvc, Agraph_t *g, struct diagram_target *t, char **out, size_t *len,
            const char **why)
{
    char *svg = NULL;
    unsigned int svg_len = 0;
    struct page_drawing d;
    if (gvRenderData(gvc, g, "svg", &svg, &svg_len) != 0 || !svg || agerrors() > 0) {
        if (svg)
            gvFreeRenderData(svg);
        *why = "Graphviz could not render the diagram";
        return false;
    }
    bool ok = page_measure(svg, &d);
    bool screen = t->page == DIAGRAM_PAGE_SCREEN;
    struct page_box b = page_box(t->page, t->portrait);
    if (ok)
        page_check_text(t, &d);
    if (ok && t->format == DIAGRAM_SVG) {
        ok = (*out = page_svg(svg, svg_len, b, screen, len)) != NULL;
    } else if (ok && !dynlib_load(JOURNEYMAP_CAIRO_SONAME, page_cairo_syms,
                                  ARRAY_LEN(page_cairo_syms), page_why, sizeof page_why)) {
        gvFreeRenderData(svg);
        *why = page_why;
        return false;
    } else if (ok) {
        struct buf o;
        buf_init(&o);
        ok = t->format == DIAGRAM_PDF ? page_pdf(gvc, g, b, screen, &d, &o)
                                      : page_png(gvc, g, b, screen, &d, &o);
        *len = o.len;
        *out = buf_steal(&o);
        if (!ok) {
            free(*out);
            *out = NULL;
        }
    }
    gvFreeRenderData(svg);
    if (!ok)
        *why = "could not fit the diagram to the page";
    return ok;
}
