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

static const struct cli_flag export_flags[] = {
    {"to", CLI_CHOICE, offsetof(struct export_cmd, to), export_formats},
    {NULL, CLI_SWITCH, 0, NULL},
};

static int
export_validate(struct cli_args *a)
{
    const struct export_cmd *c = a->cmd;
    if (c->to < 0)
        return usage_error("export", "--to wants mermaid");
    return CLI_CONTINUE;
}

static const struct cli_spec export_spec = {
    .name = "export",
    .usage = "Usage: journeymap export --to mermaid [OPTION]... FILE\n"
             "Write a journey as a Mermaid `journey` diagram: one section per stage, one\n"
             "task per touchpoint `Name: S: Owner`, S = emotion + 3 (else the score,\n"
             "else 3).\n",
    .options = "  --to mermaid       the format (the only one so far)\n",
    .notes = "See docs/mermaid.md for what each direction keeps and loses.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .help_for = CLI_TODAY | CLI_OUTPUT,
    .flags = export_flags,
    .min_operands = 1,
    .max_operands = 1,
    .operands_usage = "name exactly one journey file",
    .validate = export_validate,
};

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
    int rc = cli_start(&export_spec, &c, argc, argv, &a);
    return rc != CLI_CONTINUE ? rc : cli_one_model(&a, export_make);
}
