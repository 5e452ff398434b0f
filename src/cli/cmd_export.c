/*
 * cmd_export.c - `journeymap export --to mermaid`: a journey as a Mermaid
 * `journey` diagram.
 */
#include "cli/cli.h"
#include "render/mermaid.h"

#include <stddef.h>

static const char *const export_formats[] = {"mermaid", NULL};

struct export_cmd {
    int to; /* --to: an index into export_formats, or -1 */
};

const struct cli_flag export_flags[] = {
    {"to", CLI_CHOICE, offsetof(struct export_cmd, to), export_formats},
    {NULL, CLI_SWITCH, 0, NULL},
};

int
export_validate(struct cli_args *a)
{
    const struct export_cmd *c = a->cmd;
    if (c->to < 0)
        return usage_error("export", "--to wants mermaid");
    return CLI_CONTINUE;
}

static int
export_make(const struct cli_args *a, const struct journey *j, const struct diag *d, char **data,
            size_t *len, const char **why)
{
    (void)a;
    (void)d;
    (void)why;
    *data = mermaid_export(j, len);
    return CLI_CONTINUE;
}

int
cmd_export(int argc, char **argv)
{
    struct export_cmd c = {-1};
    struct cli_args a;
    int rc = cli_start(&cli_export, &c, argc, argv, &a);
    return rc != CLI_CONTINUE ? rc : cli_one_model(&a, export_make);
}
