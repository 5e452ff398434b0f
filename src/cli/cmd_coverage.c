/*
 * cmd_coverage.c - `journeymap coverage`: where we meet customers, our
 * touchpoints by phase and channel.
 */
#include "check/coverage.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/diagram.h"
#include "render/markdown.h"

#include <stddef.h>

enum coverage_format { COVERAGE_MD, COVERAGE_SVG, COVERAGE_DOT };

const char *const coverage_formats[] = {"md", "svg", "dot", NULL};

int
cmd_coverage(int argc, char **argv)
{
    struct cli_args a;
    int rc = cli_start(&cli_coverage, NULL, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    cli_load_all(&a, &w);
    int status = cli_report_errors("coverage", &w);
    struct coverage *c = coverage_new((const struct journey *const *)w.journeys, w.n_journeys);
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    int format = cli_format(&a, COVERAGE_MD);
    if (format == COVERAGE_MD) {
        data = coverage_markdown(c, &len);
    } else {
        struct diagram_target t =
            diagram_natural(format == COVERAGE_SVG ? DIAGRAM_SVG : DIAGRAM_DOT);
        coverage_render(c, &t, &data, &len, &why);
    }
    status = cli_emit(&a, &w, status, data, len, NULL, why);
    coverage_free(c);
    workspace_finish(&w);
    return status;
}
