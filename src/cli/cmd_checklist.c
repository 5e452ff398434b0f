/*
 * cmd_checklist.c - `journeymap checklist`: the review checklist of one journey.
 */
#include "cli/cli.h"
#include "render/markdown.h"

#include <stddef.h>

enum checklist_format { CHECKLIST_MD, CHECKLIST_HTML };

static const char *const checklist_formats[] = {"md", "html", NULL};

struct checklist_cmd {
    bool html; /* --html: the same as -T html */
};

/* --html is -T html: the two cannot disagree. */
static int
checklist_validate(struct cli_args *a)
{
    const struct checklist_cmd *c = a->cmd;
    if (c->html && a->format == CHECKLIST_MD)
        return usage_error("checklist",
                           "--html writes an HTML page, but -T md (or an -o ending in .md) asks "
                           "for Markdown");
    if (c->html)
        a->format = CHECKLIST_HTML;
    return CLI_CONTINUE;
}

static const struct cli_flag checklist_flags[] = {
    {"html", CLI_SWITCH, offsetof(struct checklist_cmd, html), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

static const struct cli_spec checklist_spec = {
    .name = "checklist",
    .usage = "Usage: journeymap checklist [OPTION]... FILE\n"
             "Write the review checklist of a customer journey: a Markdown document\n"
             "(GitHub flavour: task items and tables) with one section per stage and\n"
             "one per touchpoint, where every finding of `check` is a task item.\n",
    .options = "  -T FORMAT          md (Markdown, default) or html (a standalone, printable\n"
               "                     page); default: from -o's extension, else md\n"
               "  --html             the same as -T html\n",
    .notes = "A file with errors is refused: its errors go to standard error, exit 1;\n"
             "with --fail-on, the checklist is still written when the findings reach\n"
             "LEVEL, and the exit status is 1. See docs/checklist.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .help_for = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .formats = checklist_formats,
    .flags = checklist_flags,
    .validate = checklist_validate,
    .min_operands = 1,
    .max_operands = 1,
    .operands_usage = "name exactly one journey file",
};

static int
checklist_make(const struct cli_args *a, const struct journey *j, const struct diag *d, char **data,
               size_t *len, const char **why)
{
    (void)why;
    bool html = cli_format(a, CHECKLIST_MD) == CHECKLIST_HTML;
    *data = checklist_render(j, d, a->ro.today, html, len);
    return CLI_CONTINUE;
}

int
cmd_checklist(int argc, char **argv)
{
    struct checklist_cmd c = {false};
    struct cli_args a;
    int rc = cli_start(&checklist_spec, &c, argc, argv, &a);
    return rc != CLI_CONTINUE ? rc : cli_one_model(&a, checklist_make);
}
