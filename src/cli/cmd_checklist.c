/*
 * cmd_checklist.c - `journeymap checklist`: the review checklist of one journey.
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/markdown.h"

static int
checklist_flag(struct cli_args *a, int key, const char *arg)
{
    (void)key; /* --html, the only one */
    (void)arg;
    *(bool *)a->cmd = true;
    return CLI_CONTINUE;
}

static const struct cli_flag checklist_flags[] = {
    {"html", false, CLI_KEY},
    {NULL, false, 0},
};

static const struct cli_spec checklist_spec = {
    .name = "checklist",
    .usage = "Usage: journeymap checklist [OPTION]... FILE\n"
             "Write the review checklist of a customer journey: a Markdown document\n"
             "(GitHub flavour: task items and tables) with one section per stage and\n"
             "one per touchpoint, where every finding of `check` is a task item.\n",
    .options = "  --html             a standalone, printable HTML page instead\n",
    .notes = "A file with errors is refused: its errors go to standard error, exit 1;\n"
             "with --fail-on, the checklist is still written when the findings reach\n"
             "LEVEL, and the exit status is 1. See docs/checklist.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .help_for = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .flags = checklist_flags,
    .flag = checklist_flag,
};

int
cmd_checklist(int argc, char **argv)
{
    bool html = false;
    struct cli_args a;
    int rc = cli_parse(&checklist_spec, &html, argc, argv, &a);
    if (rc == CLI_CONTINUE)
        rc = cli_ready(&a, 1, 1, "name exactly one journey file");
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_one(&a, &w, &status);
    if (j) {
        size_t len = 0;
        char *text = checklist_render(j, w.diag, a.ro.today, html, &len);
        status = cli_emit(&a, &w, EXIT_CLEAN, text, len, NULL, NULL);
    }
    workspace_finish(&w);
    return status;
}
