/*
 * cmd_checklist.c - `journeymap checklist`: the review checklist of one journey.
 */
#include "render/markdown.h"
#include "cli/cli.h"
#include "write/output.h"
#include "check/workspace.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char checklist_help[] =
    "Usage: journeymap checklist [OPTION]... FILE\n"
    "Write the review checklist of a customer journey: a Markdown document\n"
    "(GitHub flavour: task items and tables) with one section per stage and\n"
    "one per touchpoint, where every finding of `check` is a task item.\n"
    "\n"
    "Options:\n"
    "  -o FILE            write to FILE (replaced only once complete);\n"
    "                     default: standard output\n"
    "  --html             a standalone, printable HTML page instead\n"
    "  --today DATE       judge dates as of DATE (YYYY-MM-DD)\n"
    "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above (the\n"
    "                     checklist is still written unless there are errors)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "A file with errors is refused: its errors go to standard error, exit 1.\n"
    "See docs/checklist.md.\n";

int
cmd_checklist(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"html", no_argument, NULL, 'H'},
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    const char *out_path = NULL;
    bool html = false;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_path = optarg;
            break;
        case 'H':
            html = true;
            break;
        default: {
            int rc = cli_option("checklist", c, argv, &ro, checklist_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
        }
    }
    if (argc - optind != 1)
        return usage_error("checklist", "name exactly one journey file");
    if (!cli_rule_today("checklist", &ro))
        return EXIT_TROUBLE;

    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_model("checklist", argv[optind], &ro, &w, &status);
    if (j) {
        size_t len = 0;
        char *text = checklist_render(j, w.diag, ro.today, html, &len);
        const char *why = NULL;
        if (!output_write(out_path, text, len, &why)) {
            fprintf(stderr, "journeymap checklist: cannot write %s: %s\n",
                    out_path ? out_path : "standard output", why);
            status = EXIT_TROUBLE;
        } else {
            status = cli_findings_status(&w, &ro);
        }
        free(text);
    }
    workspace_finish(&w);
    return status;
}
