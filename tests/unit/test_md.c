/*
 * test_md.c - the cmark back end's builders (render/cmark/md.c).
 *
 * User Markdown grafted in by md_append_user() must render exactly the
 * same whether or not the parser is skipped for it (the one-line texts it
 * builds a paragraph for directly). Texts come from tokens chosen to reach
 * every condition of that shortcut: entities, escapes, emphasis, links,
 * raw HTML, list and heading markers, trailing spaces, line breaks, tabs,
 * UTF-8, good and malformed.
 */
#include "check.h"
#include "render/cmark/md.h"

#include <stdint.h>
#include <stdlib.h>

static uint32_t seed = 12345;

static size_t
next_random(size_t n)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
}

/* Whether cmark reads text as one paragraph of one text node: the texts
 * md_append_user() may build without the parser. */
static bool
one_text(const char *text)
{
    cmark_node *doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
    cmark_node *p = cmark_node_first_child(doc);
    bool one = p && !cmark_node_next(p) && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
               cmark_node_first_child(p) && !cmark_node_next(cmark_node_first_child(p)) &&
               cmark_node_get_type(cmark_node_first_child(p)) == CMARK_NODE_TEXT;
    cmark_node_free(doc);
    return one;
}

/* Both renderings of text grafted into a document, joined. */
static char *
grafted(const char *text)
{
    cmark_node *doc = md_node(CMARK_NODE_DOCUMENT, NULL);
    md_append_user(doc, text, 2);
    char *md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    char *out = xasprintf("%s\n----\n%s", md, html);
    free(md);
    free(html);
    cmark_node_free(doc);
    return out;
}

/* text grafted as it is and with a line break after it, which the parser
 * ignores and which keeps any shortcut from applying: the same blocks.
 * 1 when cmark reads text as one text node. */
static int
same_as_parsed(const char *text)
{
    char *longer = xasprintf("%s\n", text);
    char *want = grafted(longer), *got = grafted(text);
    int same = strcmp(want, got) == 0;
    if (!same)
        fprintf(stderr, "text \"%s\":\nparsed:\n%s\ngrafted:\n%s\n", text, want, got);
    CHECK(same);
    free(want);
    free(got);
    free(longer);
    return one_text(text);
}

int
main(void)
{
    static const char *const fixed[] = {
        "Slow reply",
        "Slow reply ",
        "Slow  reply",
        "A & B",
        "A &amp; B",
        "Caf\xC3\xA9 closed",
        "Bad \xFF byte",
        "Price: 5 * 3",
        "x_y_z",
        "see [the form]",
        "a\\b",
        "one\ntwo",
        "tab\there",
        "It works!",
        "Wait (2 days) - then 1. call",
        "Rating 4.5/5; ok?",
        "The > sign",
        "Ends in hash #",
        "Dash-joined words",
        "#",
        "- item",
        "1. step",
        "Line  \nbreak",
        "",
        " leading space",
        "Zero",
        "a <b>bold</b>",
        "wait `code`",
        "Very *slow* reply",
        "Very **slow**",
        "Run __init__ now",
        "Not \\*bold\\*",
        "Back\\\\slash",
        "Wow![x]",
        "Say hi!",
        "Wait &#42; here",
        "A&B",
        "Dear `name`",
        "Tick [x] done",
        "See [the form](https://x.org/f) now",
        "See [it](javascript:alert(1))",
        "Look ![pic](p.png)",
        "Link [a][b]\n\n[b]: https://x.org",
        "Mail <a@b.org> us",
    };
    int plain = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        plain += same_as_parsed(fixed[i]);

    static const char *const tokens[] = {
        "Call",      "wait",     "form",
        "x",         "7",        "1.",
        " ",         " ",        "  ",
        "&amp;",     "&",        "&#42;",
        "*",         "_",        "`",
        "[",         "]",        "(",
        ")",         "<",        ">",
        "!",         "\\",       "#",
        "-",         "+",        "=",
        "~",         "|",        ":",
        ".",         ",",        "'",
        "\"",        "\t",       "\n",
        "\r",        "\xC3\xA9", "\xE2\x80\x94",
        "\xFF",      "\xC3",     "http://a.b/c",
        "www.x.org", "/",        "%",
        "?",         ";",        "{",
        "}",         "$",        "@",
        "^",
    };
    size_t n_tokens = sizeof tokens / sizeof *tokens;
    char text[256];
    for (int k = 0; k < 20000; k++) {
        size_t len = 0;
        text[0] = '\0';
        /* Half of them start with a word, as most pluses and minuses do. */
        if (k % 2)
            len = (size_t)snprintf(text, sizeof text, "%s", k % 4 == 1 ? "Slow" : "ok");
        for (size_t t = next_random(8) + 1; t-- > 0;) {
            /* Mostly words and spaces, so that many texts are plain lines. */
            const char *tok =
                next_random(3) ? tokens[next_random(8)] : tokens[next_random(n_tokens)];
            size_t n = strlen(tok);
            if (len + n >= sizeof text)
                break;
            memcpy(text + len, tok, n + 1);
            len += n;
        }
        plain += same_as_parsed(text);
    }
    CHECK(plain > 3000); /* many texts that a shortcut could take */
    return check_done("md");
}
