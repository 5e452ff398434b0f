/*
 * cmd_export.c - `journeymap export`: a journey as a Mermaid `journey`
 * diagram (--to mermaid), or journeys as the touchpoint inventory, a CSV
 * file for spreadsheets (--to csv).
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/inventory.h"
#include "render/mermaid.h"

#include <stddef.h>
#include <stdio.h>

enum { EXPORT_MERMAID, EXPORT_CSV };
static const char *const export_formats[] = {"mermaid", "csv", NULL};

struct export_cmd {
    int to;   /* --to: an index into export_formats, or -1 */
    bool bom; /* --bom: start the CSV with a byte-order mark */
};

const struct cli_flag export_flags[] = {
    {"to", CLI_CHOICE, offsetof(struct export_cmd, to), export_formats},
    {"bom", CLI_SWITCH, offsetof(struct export_cmd, bom), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

int
export_validate(struct cli_args *a)
{
    const struct export_cmd *c = a->cmd;
    if (c->to < 0)
        return usage_error("export", "--to wants mermaid or csv");
    if (c->to == EXPORT_MERMAID && a->n_operands > 1)
        return usage_error("export", "--to mermaid exports one journey file; name exactly one");
    if (c->bom && c->to != EXPORT_CSV)
        return usage_error("export", "--bom is for --to csv");
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

/* Every journey named, as one CSV; none when any has errors. */
static int
export_csv(const struct cli_args *a, const struct export_cmd *c)
{
    struct workspace w;
    cli_load_all(a, &w);
    int status = cli_report_errors("export", &w);
    if (status == EXIT_CLEAN) {
        size_t len = 0;
        char *data = inventory_csv(w.journeys, w.n_journeys, w.diag, c->bom, &len);
        status = cli_emit(a, &w, EXIT_CLEAN, data, len, NULL, NULL);
    } else {
        fprintf(stderr, "journeymap export: nothing written\n");
    }
    workspace_finish(&w);
    return status;
}

int
cmd_export(int argc, char **argv)
{
    struct export_cmd c = {-1, false};
    struct cli_args a;
    int rc = cli_start(&cli_export, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    return c.to == EXPORT_CSV ? export_csv(&a, &c) : cli_one_model(&a, export_make);
}
