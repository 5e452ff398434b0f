/*
 * cmd_compare.c - `journeymap compare`: our touchpoints against competitors'.
 */
#include "check/compare.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/diagram.h"
#include "render/markdown.h"

enum compare_format { COMPARE_MD, COMPARE_SVG };

static const char *const compare_formats[] = {"md", "svg", NULL};

static const struct cli_spec compare_spec = {
    .name = "compare",
    .usage = "Usage: journeymap compare [OPTION]... FILE|DIR...\n"
             "Compare our touchpoints with competitors': per journey, a table of our\n"
             "touchpoints by stage with our score and each competitor's rating, the\n"
             "things only they do, and per-stage averages; across journeys, how many\n"
             "touchpoints each competitor leads, trails, ties and has alone.\n",
    .options = "  -T FORMAT          md (Markdown, default) or svg (a heat map)\n",
    .notes = "Files with errors are reported on standard error and left out (exit 1).\n",
    .takes = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT | CLI_FORMAT,
    .help_for = CLI_TODAY | CLI_FAIL_ON | CLI_OUTPUT,
    .formats = compare_formats,
    .min_operands = 1,
    .max_operands = (size_t)-1,
    .operands_usage = "name at least one journey file or folder",
};

int
cmd_compare(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_start(&compare_spec, NULL, argc, argv, &a);
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
