/*
 * load.c - journey files into the model: the element stream.
 *
 * The bytes come through the input gate (gate.c), the XML events from
 * libxml2's streaming reader (xmlread.c). Each element is checked against
 * the element table (elements.c) as it streams past: is it allowed here,
 * and only once; which attributes does it have, and are their values
 * valid (values.c); then the table's handlers build its model object.
 * Every problem becomes a finding; a file keeps being read after a schema
 * problem so that one run reports all of them, but once the XML itself is
 * broken only that is reported, in our words (load_syntax_error()).
 */
#include "read/loader.h"

#include "core/arena.h"
#include "read/xmlcheck.h"
#include "read/xmlread.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------------------
 * Elements
 */

/* "<touchpoint>, <plan>, …": the children allowed, for messages. */
static const char *
load_child_list(const struct child *kids, size_t n, struct buf *b)
{
    for (size_t i = 0; i < n; i++) {
        /* "touchpoint" appears once even though two kinds share the name */
        bool dup = false;
        for (size_t k = 0; k < i; k++)
            dup |= strcmp(elements[kids[k].kind].name, elements[kids[i].kind].name) == 0;
        if (!dup)
            buf_printf(b, "%s<%s>", b->len ? ", " : "", elements[kids[i].kind].name);
    }
    return buf_str(b);
}

/* ---------------------------------------------------------------------------
 * The element stream
 */

static void
load_on_end(struct loader *L)
{
    struct frame *f = &L->stack[L->depth - 1];
    const struct el_info *info = &elements[f->kind];
    if (info->text) {
        if (f->text_overflow)
            loader_error(L, f->line, "invalid-value", f->subject,
                         "%s holds more than %zu bytes of text; shorten it or link to a document",
                         loader_desc(L, f), LOAD_MAX_MARKDOWN);
        else
            info->text(L, f, L->j->texts_skipped ? "" : value_dedent(L, buf_str(&f->text)));
    }
    if (info->end)
        info->end(L, f);
    buf_finish(&f->text);
    L->depth--;
}

/* The root element: <journey>, in no namespace; EL_COUNT after reporting. */
static enum el
load_root_kind(struct loader *L, const struct xmlread_event *ev, unsigned line)
{
    L->root_seen = true;
    if (strcmp(ev->name, "journey") == 0 && !ev->ns) {
        L->root_ok = true;
        return EL_JOURNEY;
    }
    if (ev->ns)
        loader_error(L, line, "schema", "",
                     "the root element <%s> is in the namespace %s; journey files use no "
                     "namespace: remove the xmlns attribute",
                     ev->name, loader_quote(L, ev->ns));
    else
        loader_error(L, line, "schema", "",
                     "the root element is <%s>; a journey file starts with <journey>", ev->name);
    return EL_COUNT;
}

/* The allowed child an unknown element of up was probably meant to be, or NULL. */
static const char *
load_child_meant(const struct el_info *pi, const char *name)
{
    const char *names[EL_COUNT];
    for (size_t i = 0; i < pi->n_children; i++)
        names[i] = elements[pi->children[i].kind].name;
    return str_closest(name, names, pi->n_children);
}

/* An element up does not allow. */
static void
load_misplaced(struct loader *L, const struct frame *up, const struct xmlread_event *ev,
               unsigned line)
{
    const struct el_info *pi = &elements[up->kind];
    const char *meant = ev->ns ? NULL : load_child_meant(pi, ev->name);
    struct buf b;
    buf_init(&b);
    if (pi->text)
        loader_error(L, line, "schema", up->subject,
                     "%s holds Markdown text, not elements: found <%s>; write Markdown "
                     "(e.g. **bold**) instead of tags",
                     loader_desc(L, up), ev->name);
    else if (pi->n_children == 0)
        loader_error(L, line, "schema", up->subject, "%s cannot contain elements: found <%s>",
                     loader_desc(L, up), ev->name);
    else if (meant)
        loader_error(L, line, "schema", up->subject,
                     "%s cannot contain <%s>; did you mean <%s>? (allowed here: %s)", loader_desc(L, up),
                     ev->name, meant, load_child_list(pi->children, pi->n_children, &b));
    else
        loader_error(L, line, "schema", up->subject, "%s cannot contain <%s>%s; allowed here: %s",
                     loader_desc(L, up), ev->name, ev->ns ? " from another namespace" : "",
                     load_child_list(pi->children, pi->n_children, &b));
    buf_finish(&b);
}

/* What a child element of up is, by the table; EL_COUNT after reporting. */
static enum el
load_child_kind(struct loader *L, struct frame *up, const struct xmlread_event *ev, unsigned line)
{
    const struct el_info *pi = &elements[up->kind];
    enum el kind = EL_COUNT;
    bool once = false;
    /* A name seen before is known by its pointer (xmlread.h); the names
     * are compared only the first time. */
    for (size_t i = 0; i < pi->n_children && !ev->ns && kind == EL_COUNT; i++)
        if (L->tag[pi->children[i].kind] == ev->name) {
            kind = pi->children[i].kind;
            once = pi->children[i].once;
        }
    for (size_t i = 0; i < pi->n_children && !ev->ns && kind == EL_COUNT; i++)
        if (str_eq(elements[pi->children[i].kind].name, ev->name)) {
            kind = pi->children[i].kind;
            once = pi->children[i].once;
            L->tag[kind] = ev->name;
        }
    if (kind == EL_COUNT) {
        load_misplaced(L, up, ev, line);
        return EL_COUNT;
    }
    if (once && up->seen[kind]) {
        loader_error(L, line, "schema", up->subject, "%s has a second <%s>; only one is allowed",
                     loader_desc(L, up), ev->name);
        return EL_COUNT;
    }
    up->seen[kind]++;
    return kind;
}

static void
load_on_start(struct loader *L, const struct xmlread_event *ev)
{
    unsigned line = ev->line;
    struct frame *up = L->depth ? &L->stack[L->depth - 1] : NULL;
    enum el kind = up ? load_child_kind(L, up, ev, line) : load_root_kind(L, ev, line);
    if (kind == EL_COUNT) {
        L->skip = true;
        return;
    }
    if ((kind == EL_TOUCHPOINT || kind == EL_CTOUCHPOINT) &&
        ++L->touchpoints > LOAD_MAX_TOUCHPOINTS) {
        L->too_many_line = line; /* the element loop stops reading */
        L->skip = true;
        return;
    }
    if (L->depth == MAX_DEPTH) { /* cannot happen with the tables of elements.c */
        L->skip = true;
        return;
    }
    struct frame *f = &L->stack[L->depth++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->line = line;
    buf_init(&f->text);
    struct val vals[MAX_ATTRS];
    attrs_read(L, f, vals);
    if (elements[kind].start)
        elements[kind].start(L, f, vals);
    if (ev->empty)
        load_on_end(L);
}

/* "<note>, <plus> or <minus>": the children of info that hold text; how many. */
static size_t
load_text_children(const struct el_info *info, struct buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < info->n_children; i++)
        n += elements[info->children[i].kind].text != NULL;
    size_t k = 0;
    for (size_t i = 0; i < info->n_children; i++) {
        if (!elements[info->children[i].kind].text)
            continue;
        buf_printf(b, "%s<%s>",
                   k == 0       ? ""
                   : k + 1 == n ? " or "
                                : ", ",
                   elements[info->children[i].kind].name);
        k++;
    }
    return n;
}

/* Text in an element that holds none: say where text can go, if anywhere. */
static void
load_stray_text(struct loader *L, const struct frame *f, const char *t)
{
    struct buf where;
    buf_init(&where);
    if (load_text_children(&elements[f->kind], &where))
        loader_error(L, f->line, "schema", f->subject,
                     "%s contains the text %s; text belongs in a %s inside it (or in an XML "
                     "comment <!-- … -->)",
                     loader_desc(L, f), loader_quote(L, t), buf_str(&where));
    else
        loader_error(L, f->line, "schema", f->subject,
                     "%s contains the text %s, but it holds no text: remove it, or make it an XML "
                     "comment <!-- … -->",
                     loader_desc(L, f), loader_quote(L, t));
    buf_finish(&where);
}

static void
load_on_text(struct loader *L, const char *s)
{
    if (L->depth == 0 || !s)
        return;
    struct frame *f = &L->stack[L->depth - 1];
    if (elements[f->kind].text) {
        size_t n = strlen(s);
        if (f->text_bytes + n > LOAD_MAX_MARKDOWN) {
            f->text_overflow = true;
        } else {
            f->text_bytes += n;
            if (!L->j->texts_skipped)
                buf_append(&f->text, s, n);
        }
        return;
    }
    if (value_is_blank(s) || f->stray_text)
        return;
    f->stray_text = true;
    const char *t = value_trimmed(L, s);
    load_stray_text(L, f, t);
}

/* A declared encoding other than UTF-8 that libxml2 saw (the gate reads
 * the XML declaration first; this catches what it could not). */
static bool
load_encoding_ok(struct loader *L)
{
    const char *enc = xmlread_encoding(L->reader);
    if (enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0) {
        L->gate.bad_encoding = xstrdup(enc);
        return false;
    }
    return true;
}

/*
 * Every event of the document through the handlers. Returns false when
 * the XML is broken (or the file refused part way), so that only an
 * xml-syntax finding is reported.
 */
static bool
load_stream(struct loader *L)
{
    struct xmlread_event ev;
    bool first = true;
    int skip_depth = -1; /* depth of the element whose subtree is skipped */
    int ret;
    while ((ret = xmlread_next(L->reader, &ev)) == 1) {
        if (first && !load_encoding_ok(L))
            return false;
        first = false;
        if (skip_depth >= 0) {
            /* Inside a subtree already reported: look at nothing else. */
            if (ev.kind == XMLREAD_END && ev.depth == skip_depth)
                skip_depth = -1;
            continue;
        }
        L->skip = false;
        switch (ev.kind) {
        case XMLREAD_START:
            load_on_start(L, &ev);
            break;
        case XMLREAD_END:
            if (L->depth)
                load_on_end(L);
            break;
        case XMLREAD_TEXT:
            load_on_text(L, ev.text);
            break;
        case XMLREAD_DTD:
            if (!L->gate.doctype_line)
                L->gate.doctype_line = 1;
            return false;
        case XMLREAD_OTHER: /* comments, processing instructions */
            break;
        }
        if (L->too_many_line)
            return false;
        if (L->skip && ev.kind == XMLREAD_START && !ev.empty)
            skip_depth = ev.depth;
    }
    const struct gate *g = &L->gate;
    return !(ret < 0 || xmlread_problem(L->reader)->kind != XMLREAD_FINE || g->nul_line ||
             g->too_big || L->too_many_line || g->utf16 || g->gzip);
}

/* ---------------------------------------------------------------------------
 * Broken XML: one finding, saying what is wrong
 */

/* What the gate refused, if anything: the message's line and text. */
static bool
load_refusal(struct loader *L, const char *j)
{
    const struct gate *g = &L->gate;
    if (g->bad_encoding)
        loader_error(L, 1, "xml-syntax", j,
                     "the file declares encoding %s; journey files must be UTF-8 (convert it and "
                     "change the declaration)",
                     loader_quote(L, g->bad_encoding));
    else if (g->utf16)
        loader_error(
            L, 1, "xml-syntax", j,
            "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    else if (g->gzip)
        loader_error(L, 1, "xml-syntax", j,
                     "the file is gzip-compressed; decompress it first (journeymap reads plain XML "
                     "only)");
    else if (g->too_big)
        loader_error(L, 1, "xml-syntax", j, "the file is larger than %zu MiB; split the journey",
                     LOAD_MAX_BYTES >> 20);
    else if (L->too_many_line)
        loader_error(L, L->too_many_line, "xml-syntax", j,
                     "the file has more than %zu touchpoints (ours and competitors' together); "
                     "split the journey",
                     LOAD_MAX_TOUCHPOINTS);
    else if (g->nul_line)
        loader_error(L, g->nul_line, "xml-syntax", j,
                     "the file contains a NUL byte on line %u; it is not a text file, or it is not "
                     "UTF-8",
                     g->nul_line);
    else if (g->doctype_line) /* the cause, whatever libxml2 tripped over next */
        loader_error(L, g->doctype_line, "xml-syntax", j,
                     "the file contains a DOCTYPE; journey files may not declare a DTD or "
                     "entities: remove the <!DOCTYPE …> declaration");
    else
        return false;
    return true;
}

/* What libxml2 saw, in our words, when our own reading of the file found
 * nothing more precise (xmlcheck.h). */
static void
load_parser_error(struct loader *L, const char *j, const struct xmlread_problem *p)
{
    unsigned line = p->kind != XMLREAD_FINE ? p->line : 1;
    if (p->kind == XMLREAD_NOT_UTF8)
        loader_error(L, line, "xml-syntax", j,
                     "the file is not valid UTF-8 (a byte sequence on this line is not UTF-8); "
                     "save it as UTF-8");
    else if (p->kind == XMLREAD_ENTITY)
        loader_error(L, line, "xml-syntax", j,
                     "this line refers to an entity XML does not define: only &lt; &gt; &amp; "
                     "&quot; &apos; and character references such as &#233; are allowed (write a "
                     "plain & as &amp;)");
    else if (line == 1 &&
             strncmp(L->gate.head +
                         (L->gate.head_len >= 3 && memcmp(L->gate.head, "\xEF\xBB\xBF", 3) == 0
                              ? 3
                              : 0),
                     "<?xml", 5) == 0)
        loader_error(L, 1, "xml-syntax", j,
                     "the XML declaration on line 1 is not one journeymap reads: write <?xml "
                     "version=\"1.0\" encoding=\"UTF-8\"?>");
    else
        loader_error(L, line, "xml-syntax", j,
                     "the XML on this line cannot be read: look for a tag that is not closed, "
                     "a missing quote or \">\", or a & that should be &amp;");
}

/* The one xml-syntax finding for a file whose XML cannot be read: the
 * gate's refusal, else the first mistake our own reading finds (when it
 * is no later than where libxml2 stopped), else libxml2's verdict. */
static void
load_syntax_error(struct loader *L, size_t mark)
{
    diag_truncate(L->diag, mark);
    const char *j = L->j && L->j->id ? L->j->id : "";
    if (load_refusal(L, j))
        return;
    const struct xmlread_problem *p = xmlread_problem(L->reader);
    unsigned where = 0, noticed = 0;
    char *why = NULL;
    if (L->gate.bytes == 0) {
        loader_error(L, 1, "xml-syntax", j,
                     "the file is empty; a journey file starts with <journey version=\"1\" id=… "
                     "name=…>");
    } else if (xmlcheck_file(L->path, LOAD_MAX_BYTES, &where, &noticed, &why) &&
               (p->kind == XMLREAD_FINE || noticed <= p->line + 1)) {
        loader_error(L, where, "xml-syntax", j, "%s", why);
    } else if (!L->root_seen && p->kind == XMLREAD_NO_DOCUMENT) {
        loader_error(L, 1, "xml-syntax", j,
                     "the file has no XML element; a journey file starts with <journey "
                     "version=\"1\" id=… name=…>");
    } else {
        load_parser_error(L, j, p);
    }
    free(why);
}

/* ---------------------------------------------------------------------------
 * Entry points
 */

void
load_init(void)
{
    xmlread_init();
}

void
load_cleanup(void)
{
    xmlread_cleanup();
}

/* A new, empty journey in a new arena, with the policy defaults. */
static void
load_begin(struct loader *L, const char *path, const char *file_name, struct diag *d)
{
    L->path = path;
    L->diag = d;
    L->arena = arena_new();
    L->id_text = arena_lane(L->arena);
    L->scratch = arena_new();
    L->j = arena_alloc(L->arena, sizeof *L->j);
    L->j->arena = L->arena;
    L->j->file = file_name;
    L->j->id = L->j->name = "";
    L->j->texts_skipped = (L->flags & LOAD_SKIP_TEXTS) != 0;
    L->j->loc = (struct loc){1};
    policy_defaults(&L->j->policy);
    L->j->policy.loc = L->j->loc;
}

/* Everything the loader holds besides the journey. */
static void
load_end(struct loader *L)
{
    xmlread_free(L->reader);
    gate_close(&L->gate);
    while (L->depth)
        buf_finish(&L->stack[--L->depth].text);
    resolve_finish(L);
    arena_free(L->scratch);
    struct ptrvec *vecs[] = {&L->owners,  &L->changes,   &L->stages, &L->competitors,
                             &L->all_tps, &L->overrides, &L->pluses, &L->minuses,
                             &L->metrics, &L->nexts,     &L->ratings, &L->comp_tps};
    for (size_t i = 0; i < ARRAY_LEN(vecs); i++)
        free(vecs[i]->v);
}

static enum load_status load_gate(struct loader *L, const char *path, const char *file_name,
                                  struct diag *d, struct journey **out, const char **why);

enum load_status
load_journey(const char *path, const char *file_name, struct diag *d, unsigned flags,
             struct journey **out, const char **why)
{
    struct loader L;
    memset(&L, 0, sizeof L);
    L.flags = flags;
    *out = NULL;
    *why = NULL;
    if (!gate_open(&L.gate, path, LOAD_MAX_BYTES, why))
        return LOAD_UNREADABLE;
    return load_gate(&L, path, file_name, d, out, why);
}

enum load_status
load_journey_bytes(const char *data, size_t len, const char *file_name, struct diag *d,
                   unsigned flags, struct journey **out)
{
    struct loader L;
    memset(&L, 0, sizeof L);
    L.flags = flags;
    *out = NULL;
    const char *why = NULL;
    gate_open_memory(&L.gate, data, len, LOAD_MAX_BYTES);
    return load_gate(&L, file_name, file_name, d, out, &why);
}

/* The rest of loading, from an open gate. */
static enum load_status
load_gate(struct loader *L, const char *path, const char *file_name, struct diag *d,
          struct journey **out, const char **why)
{
    load_begin(L, path, file_name, d);
    size_t mark = diag_count(d);
    enum load_status status = LOAD_INVALID;
    L->reader = xmlread_new(&L->gate, file_name);

    if (!load_stream(L)) {
        load_syntax_error(L, mark);
    } else if (L->gate.read_errno) {
        *why = strerror(L->gate.read_errno);
        diag_truncate(d, mark);
        status = LOAD_UNREADABLE;
    } else {
        /* Close any elements left open (cannot happen in well-formed XML). */
        while (L->depth)
            load_on_end(L);
        resolve_document(L);
        if (!L->errors)
            status = LOAD_OK;
    }
    load_end(L);
    if (status == LOAD_OK)
        *out = L->j;
    else
        arena_free(L->arena);
    return status;
}
