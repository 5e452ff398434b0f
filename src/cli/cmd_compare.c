/*
 * cmd_compare.c - `journeymap compare`: our touchpoints against competitors'.
 */
#include "cli/cli.h"
#include "check/compare.h"
#include "render/diagram.h"
#include "render/markdown.h"
#include "write/output.h"
#include "check/workspace.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char compare_help[] =
    "Usage: journeymap compare [OPTION]... FILE|DIR...\n"
    "Compare our touchpoints with competitors': per journey, a table of our\n"
    "touchpoints by stage with our score and each competitor's rating, the\n"
    "things only they do, and per-stage averages; across journeys, how many\n"
    "touchpoints each competitor leads, trails, ties and has alone.\n"
    "\n"
    "Options:\n"
    "  -T FORMAT          md (Markdown, default) or svg (a heat map)\n"
    "  -o FILE            write to FILE (replaced only once complete);\n"
    "                     default: standard output\n"
    "  --today DATE       judge dates as of DATE (YYYY-MM-DD)\n"
    "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Files with errors are reported on standard error and left out (exit 1).\n";

int
cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    const char *out_path = NULL;
    bool svg = false;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hT:o:", longopts, NULL)) != -1) {
        if (c == 'o') {
            out_path = optarg;
        } else if (c == 'T') {
            if (strcmp(optarg, "md") != 0 && strcmp(optarg, "svg") != 0)
                return usage_error("compare", "-T wants md or svg, not \"%s\"", optarg);
            svg = strcmp(optarg, "svg") == 0;
        } else {
            int rc = cli_option("compare", c, argv, &ro, compare_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
    }
    if (optind == argc)
        return usage_error("compare", "name at least one journey file or folder");
    if (!cli_rule_today("compare", &ro))
        return EXIT_TROUBLE;

    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, argv + optind, (size_t)(argc - optind), &ro.today);
    diag_sort(w.diag);
    int status = cli_report_errors("compare", &w);
    struct comparison *cmp = compare_new((const struct journey *const *)w.journeys, w.n_journeys);
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    bool made = svg ? heatmap_render(cmp, GRAPH_SVG, &data, &len, &why)
                    : (data = comparison_render(cmp, &len)) != NULL;
    if (!made) {
        fprintf(stderr, "journeymap compare: %s\n", why);
        status = EXIT_FINDINGS;
    } else if (!output_write(out_path, data, len, &why)) {
        fprintf(stderr, "journeymap compare: cannot write %s: %s\n",
                out_path ? out_path : "standard output", why);
        status = EXIT_TROUBLE;
    } else if (status == EXIT_CLEAN) {
        status = cli_findings_status(&w, &ro);
    }
    free(data);
    compare_free(cmp);
    workspace_finish(&w);
    return status;
}
