/*
 * cmd_export.c - `journeymap export --to mermaid`: a journey as a Mermaid
 * `journey` diagram.
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/mermaid.h"

#include <string.h>

static int
export_flag(struct cli_args *a, int key, const char *arg)
{
    (void)key; /* --to, the only one */
    *(const char **)a->cmd = arg;
    return CLI_CONTINUE;
}

static const struct cli_flag export_flags[] = {
    {"to", true, CLI_KEY},
    {NULL, false, 0},
};

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
    .flag = export_flag,
};

int
cmd_export(int argc, char **argv)
{
    const char *to = NULL;
    struct cli_args a;
    int rc = cli_parse(&export_spec, &to, argc, argv, &a);
    if (rc == CLI_CONTINUE && (!to || strcmp(to, "mermaid") != 0))
        rc = usage_error("export", "--to wants mermaid%s%s%s", to ? ", not \"" : "", to ? to : "",
                         to ? "\"" : "");
    if (rc == CLI_CONTINUE)
        rc = cli_ready(&a, 1, 1, "name exactly one journey file");
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_one(&a, &w, &status);
    if (j) {
        size_t len;
        char *text = mermaid_export(j, &len);
        status = cli_emit(&a, &w, EXIT_CLEAN, text, len, NULL, NULL);
    }
    workspace_finish(&w);
    return status;
}
