/*
 * cmd_compare.c - `journeymap compare`: our touchpoints against competitors'.
 */
#include "check/compare.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/diagram.h"
#include "render/markdown.h"

enum compare_format { COMPARE_MD, COMPARE_SVG };

const char *const compare_formats[] = {"md", "svg", NULL};

int
cmd_compare(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_start(&cli_compare, NULL, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    cli_load_all(&a, &w);
    int status = cli_report_errors("compare", &w);
    struct comparison *cmp = compare_new((const struct journey *const *)w.journeys, w.n_journeys);
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (a.format == COMPARE_SVG)
        heatmap_render(cmp, DIAGRAM_SVG, &data, &len, &why);
    else
        data = comparison_render(cmp, &len);
    status = cli_emit(&a, &w, status, data, len, NULL, why);
    compare_free(cmp);
    workspace_finish(&w);
    return status;
}
