/*
 * cmd_check.c - `journeymap check`: validate journeys and print findings.
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "read/load.h"
#include "render/report.h"

#include <stddef.h>
#include <stdio.h>

enum check_format { CHECK_HUMAN, CHECK_JSON, CHECK_SARIF };

static const char *const check_formats[] = {"human", "json", "sarif", NULL};

struct check_cmd {
    int format; /* --format: enum check_format */
};

const struct cli_flag check_flags[] = {
    {"format", CLI_CHOICE, offsetof(struct check_cmd, format), check_formats},
    {NULL, CLI_SWITCH, 0, NULL},
};

static const char *
check_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* "3 files checked: 0 errors, 22 warnings, 3 notes" on standard error,
 * counting only the files that could be read (none: no summary; why a
 * file could not be read has been said already). */
static void
check_summary(const struct workspace *w)
{
    if (w->n_read == 0)
        return;
    size_t e = diag_count_severity(w->diag, 0, SEVERITY_ERROR);
    size_t wn = diag_count_severity(w->diag, 0, SEVERITY_WARNING);
    size_t n = diag_count_severity(w->diag, 0, SEVERITY_NOTE);
    fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s, %zu note%s", w->n_read,
            check_plural(w->n_read), e, check_plural(e), wn, check_plural(wn), n, check_plural(n));
    if (w->n_files > w->n_read)
        fprintf(stderr, "; %zu could not be read", w->n_files - w->n_read);
    fputc('\n', stderr);
}

int
cmd_check(int argc, char **argv)
{
    struct check_cmd c = {CHECK_HUMAN};
    struct cli_args a;
    int rc = cli_start(&cli_check, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    a.load_flags = LOAD_SKIP_TEXTS; /* findings never quote them */
    struct workspace w;
    cli_load_all(&a, &w);
    bool written = c.format == CHECK_JSON    ? report_json(stdout, w.diag)
                   : c.format == CHECK_SARIF ? report_sarif(stdout, w.diag)
                                             : report_human(stdout, w.diag);
    if (c.format == CHECK_HUMAN)
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
