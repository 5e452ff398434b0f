/*
 * cmd_checklist.c - `journeymap checklist`: the review checklist of one journey.
 */
#include "cli/cli.h"
#include "render/markdown.h"

enum checklist_format { CHECKLIST_MD, CHECKLIST_HTML };

const char *const checklist_formats[] = {"md", "html", NULL};

const struct cli_flag checklist_flags[] = {
    {"html", CLI_FORMAT_IS, CHECKLIST_HTML, NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

static bool
checklist_make(const struct cli_args *a, const struct journey *j, const struct diag *d,
               const struct md_sink *sink)
{
    bool html = cli_format(a, CHECKLIST_MD) == CHECKLIST_HTML;
    return checklist_write(j, d, a->ro.today, html, NULL, NULL, sink);
}

int
cmd_checklist(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_start(&cli_checklist, NULL, argc, argv, &a);
    return rc != CLI_CONTINUE ? rc : cli_one_model_streamed(&a, checklist_make);
}
