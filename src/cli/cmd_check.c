/*
 * cmd_check.c - `journeymap check`: validate journeys and print findings.
 */
#include "cli/cli.h"
#include "render/report.h"
#include "check/workspace.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char check_help[] =
    "Usage: journeymap check [OPTION]... FILE|DIR...\n"
    "Check customer journey files for errors, gaps and weak spots.\n"
    "A DIR means every *.xml file in it, in name order.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT    human (default: FILE:LINE: SEVERITY: MESSAGE [RULE]),\n"
    "                     json (an array of {file, line, severity, rule,\n"
    "                     subject, message}) or sarif (SARIF 2.1.0, for\n"
    "                     code-scanning dashboards)\n"
    "  --today DATE       judge dates (stale-review) as of DATE (YYYY-MM-DD);\n"
    "                     default: SOURCE_DATE_EPOCH if set, else the system date\n"
    "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above:\n"
    "                     error (default), warning or note\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Exit status: 0 no finding at the failing level; 1 findings at or above it,\n"
    "or a file that cannot be used; 2 usage error or unreadable file.\n"
    "Findings are written to standard output, a summary to standard error.\n"
    "Rules: docs/rules.md; file format: docs/format.md.\n";

enum format { FORMAT_HUMAN, FORMAT_JSON, FORMAT_SARIF };

int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    enum format format = FORMAT_HUMAN;
    cli_rule_defaults(&ro);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "human") == 0)
                format = FORMAT_HUMAN;
            else if (strcmp(optarg, "json") == 0)
                format = FORMAT_JSON;
            else if (strcmp(optarg, "sarif") == 0)
                format = FORMAT_SARIF;
            else
                return usage_error("check", "--format wants human, json or sarif, not \"%s\"",
                                   optarg);
            break;
        default: {
            int rc = cli_option("check", c, argv, &ro, check_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
        }
    }
    if (optind == argc)
        return usage_error("check", "name at least one journey file or folder");
    if (!cli_rule_today("check", &ro))
        return EXIT_TROUBLE;

    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, argv + optind, (size_t)(argc - optind), &ro.today);
    diag_sort(w.diag);

    bool written = format == FORMAT_JSON    ? report_json(stdout, w.diag)
                   : format == FORMAT_SARIF ? report_sarif(stdout, w.diag)
                                            : report_human(stdout, w.diag);
    if (format == FORMAT_HUMAN)
        fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s, %zu note%s\n", w.n_files,
                w.n_files == 1 ? "" : "s", diag_count_severity(w.diag, 0, SEVERITY_ERROR),
                diag_count_severity(w.diag, 0, SEVERITY_ERROR) == 1 ? "" : "s",
                diag_count_severity(w.diag, 0, SEVERITY_WARNING),
                diag_count_severity(w.diag, 0, SEVERITY_WARNING) == 1 ? "" : "s",
                diag_count_severity(w.diag, 0, SEVERITY_NOTE),
                diag_count_severity(w.diag, 0, SEVERITY_NOTE) == 1 ? "" : "s");

    int status = EXIT_CLEAN;
    if (!written) {
        fputs("journeymap check: cannot write the findings to standard output\n", stderr);
        status = EXIT_TROUBLE;
    } else if (w.n_unreadable) {
        status = EXIT_TROUBLE;
    } else if (diag_worst(w.diag, 0) >= ro.fail_on) {
        status = EXIT_FINDINGS;
    }
    workspace_finish(&w);
    return status;
}
