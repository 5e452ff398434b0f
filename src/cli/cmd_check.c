/*
 * cmd_check.c - `journeymap check`: validate journeys and print findings.
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/report.h"

#include <stdio.h>
#include <string.h>

enum check_format { CHECK_HUMAN, CHECK_JSON, CHECK_SARIF };

static const char *const check_formats[] = {"human", "json", "sarif", NULL};

static int
check_flag(struct cli_args *a, int key, const char *arg)
{
    (void)key; /* --format, the only one */
    enum check_format *format = a->cmd;
    for (int i = 0; check_formats[i]; i++)
        if (strcmp(arg, check_formats[i]) == 0) {
            *format = (enum check_format)i;
            return CLI_CONTINUE;
        }
    return usage_error("check", "--format wants human, json or sarif, not \"%s\"", arg);
}

static const struct cli_flag check_flags[] = {
    {"format", true, CLI_KEY},
    {NULL, false, 0},
};

static const struct cli_spec check_spec = {
    .name = "check",
    .usage = "Usage: journeymap check [OPTION]... FILE|DIR...\n"
             "Check customer journey files for errors, gaps and weak spots.\n"
             "A DIR means every *.xml file in it, in name order.\n",
    .options = "  --format FORMAT    human (default: FILE:LINE: SEVERITY: MESSAGE [RULE]),\n"
               "                     json (an array of {file, line, severity, rule,\n"
               "                     subject, message}) or sarif (SARIF 2.1.0, for\n"
               "                     code-scanning dashboards)\n",
    .notes = "Exit status: 0 no finding at the failing level; 1 findings at or above it,\n"
             "or a file that cannot be used; 2 usage error or unreadable file.\n"
             "Findings are written to standard output, a summary to standard error.\n"
             "Rules: docs/rules.md; file format: docs/format.md.\n",
    .takes = CLI_TODAY | CLI_FAIL_ON,
    .help_for = CLI_TODAY | CLI_FAIL_ON,
    .flags = check_flags,
    .flag = check_flag,
};

static const char *
check_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* "3 files checked: 0 errors, 22 warnings, 3 notes" on standard error. */
static void
check_summary(const struct workspace *w)
{
    size_t e = diag_count_severity(w->diag, 0, SEVERITY_ERROR);
    size_t wn = diag_count_severity(w->diag, 0, SEVERITY_WARNING);
    size_t n = diag_count_severity(w->diag, 0, SEVERITY_NOTE);
    fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s, %zu note%s\n", w->n_files,
            check_plural(w->n_files), e, check_plural(e), wn, check_plural(wn), n, check_plural(n));
}

int
cmd_check(int argc, char **argv)
{
    enum check_format format = CHECK_HUMAN;
    struct cli_args a;
    int rc = cli_parse(&check_spec, &format, argc, argv, &a);
    if (rc == CLI_CONTINUE)
        rc = cli_ready(&a, 1, (size_t)-1, "name at least one journey file or folder");
    if (rc != CLI_CONTINUE)
        return rc;

    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, a.operands, a.n_operands, &a.ro.today);
    diag_sort(w.diag);
    bool written = format == CHECK_JSON    ? report_json(stdout, w.diag)
                   : format == CHECK_SARIF ? report_sarif(stdout, w.diag)
                                           : report_human(stdout, w.diag);
    if (format == CHECK_HUMAN)
        check_summary(&w);
    int status = EXIT_CLEAN;
    if (!written) {
        fputs("journeymap check: cannot write the findings to standard output\n", stderr);
        status = EXIT_TROUBLE;
    } else if (w.n_unreadable) {
        status = EXIT_TROUBLE;
    } else {
        status = cli_findings_status(&w, &a.ro);
    }
    workspace_finish(&w);
    return status;
}
