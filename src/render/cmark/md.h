/*
 * md.h - the cmark back end that every Markdown view of this folder is
 * built on (checklist.c, comparison.c, index.c).
 *
 * This folder is the home of cmark (docs/architecture.md): only its files
 * include cmark.h, and this header is theirs alone; the rest of the
 * program sees render/markdown.h. Documents are cmark node trees; names
 * only ever go into text nodes (cmark escapes them); user Markdown is
 * parsed and cleaned before it is grafted in (md_append_user()); task
 * boxes and GitHub tables, which cmark has no node for, are custom nodes
 * whose raw text is built here with its own escaping.
 *
 * cmark traps (hazards): its CommonMark renderer writes raw HTML and any
 * link unchanged, and custom nodes are emitted raw.
 *
 * Ownership: nodes belong to the tree they are appended to; md_render()
 * frees the tree and returns malloc'd text the caller frees. Out of
 * memory aborts.
 */
#ifndef JOURNEYMAP_MD_H
#define JOURNEYMAP_MD_H

#include "core/util.h"
#include "render/markdown.h"

#include <cmark.h>

#include <stdbool.h>
#include <stddef.h>

/* A new node of type, appended to parent when not NULL. */
cmark_node *md_node(cmark_node_type type, cmark_node *parent);
/* A text node for a name or any one-line text: control characters and
 * line breaks become spaces (a newline would end a heading or a cell). */
cmark_node *md_text(cmark_node *parent, const char *s);
cmark_node *md_textf(cmark_node *parent, const char *fmt, ...) PRINTF_LIKE(2, 3);
cmark_node *md_code(cmark_node *parent, const char *s);
/* A rule id in brackets, as code: "[rule-id]". */
cmark_node *md_rule(cmark_node *parent, const char *rule);
struct finding;
/* A finding's message, a space, and its rule id as md_rule() writes it. */
void md_finding(cmark_node *parent, const struct finding *f);
cmark_node *md_strong(cmark_node *parent, const char *s);
cmark_node *md_heading(cmark_node *parent, int level, const char *s);
cmark_node *md_paragraph(cmark_node *parent);
/* A tight bullet list. */
cmark_node *md_bullet_list(cmark_node *parent);
/* A list whose items hold several blocks must be loose, or the blocks
 * would run together when the Markdown is read again. */
void md_loosen(cmark_node *list);
/* A list item's paragraph. */
cmark_node *md_item(cmark_node *list);
/* A task item ("- [ ] …" in GitHub's syntax; a checkbox in HTML): its
 * paragraph, after the box. */
cmark_node *md_task(cmark_node *list, bool html);
/* The same, ticked when done ("- [x] …"). */
cmark_node *md_task_done(cmark_node *list, bool html, bool done);

/*
 * Parse Markdown written by the user and move its blocks to the end of
 * parent, cleaned: raw HTML shown as code, unsafe links and every image
 * reduced to their text (the HTML handout loads nothing from anywhere),
 * headings demoted below level (never above H6).
 */
void md_append_user(cmark_node *parent, const char *md, int level);

struct md_stream;

/* A GitHub table being filled, row by row (cmark has no table node). */
struct md_table {
    size_t cols;
    size_t num_from; /* columns from this one on hold numbers (right-aligned) */
    bool html;       /* an HTML table, not a GitHub one */
    struct buf text; /* the rows so far (not yet passed on), written as the cells come */
    size_t n;        /* cells so far, row-major; the first row is the header */
    /* Set before the first cell: whole rows go on to this stream whenever
     * they fill MD_TABLE_PIECE bytes (the table is then its next part, and
     * nothing else may be put until md_stream_table() ends it). */
    struct md_stream *stream;
    bool streamed; /* some rows went to the stream already */
};
enum { MD_TABLE_PIECE = 64 * 1024 };

/* Append one cell (escaped into the table's text at once). */
void md_cell(struct md_table *t, const char *s);
/* The table as one custom block at the end of parent (GitHub Markdown,
 * every cell escaped; or HTML, entity-escaped); t's text is freed. */
void md_table_block(cmark_node *parent, struct md_table *t);

/* Render doc as CommonMark, or as HTML when html is set, and free it.
 * Caller frees the result; *len is its length. */
char *md_render(cmark_node *doc, bool html, size_t *len);

/* Render doc as a standalone HTML page (no scripts, nothing loaded from
 * elsewhere, the house stylesheet inline) titled title, and free it. */
char *md_page(cmark_node *doc, const char *title, size_t *len);

/*
 * A document rendered part by part (each part a document of its own,
 * rendered and freed before the next is built), so that only one part's
 * tree is ever in memory; the pieces go to sink in order and, joined,
 * are the text md_render() (or md_page(), given page_title) would make of
 * the whole. After a failed put nothing more is passed on, and
 * md_stream_close() returns false.
 */
struct md_stream {
    const struct md_sink *sink;
    bool html, page, ok;
    size_t parts;
};
void md_stream_open(struct md_stream *s, const struct md_sink *sink, bool html,
                    const char *page_title);
/* Render doc as the next part, and free it. */
void md_stream_part(struct md_stream *s, cmark_node *doc);
/* The table as the next part, written as it is (its cells were escaped
 * as they came: cmark would only copy it), and freed: the same text as a
 * part holding only md_table_block(t). */
void md_stream_table(struct md_stream *s, struct md_table *t);
bool md_stream_close(struct md_stream *s);

/* A sink's put() that appends to the struct buf its ctx points to. */
bool md_collect(void *buf, const char *data, size_t len);

struct compare_journey;
/* comparison.c: one journey's comparison table (the checklist shows it
 * too); with averages, a row after each stage. */
void comparison_table(cmark_node *doc, const struct compare_journey *cj, bool averages, bool html);
/* The same table's cells into t, which the caller ends with
 * md_table_block() (stream NULL) or md_stream_table(stream). */
void comparison_cells(struct md_table *t, const struct compare_journey *cj, bool averages,
                      bool html, struct md_stream *stream);

struct journey_diff;

/* The checklist's "Since the last workshop" section (diff.c): what changed
 * since rev, its findings resolved as ticked items, new findings and
 * changed scores as open ones. */
void diff_since_section(cmark_node *doc, const struct journey_diff *jd, const char *rev,
                        bool html);

#endif
