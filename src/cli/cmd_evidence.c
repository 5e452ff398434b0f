/*
 * cmd_evidence.c - `journeymap evidence MODEL LOG...`: the contact log
 * against the map (evidence.md).
 */
#include "check/evidence.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "core/date.h"
#include "read/contactlog.h"
#include "render/evidence.h"
#include "render/report.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum evidence_format { EVIDENCE_MD, EVIDENCE_JSON };

const char *const evidence_formats[] = {"md", "json", NULL};

struct evidence_cmd {
    const char *from, *as_of; /* --from, --as-of */
    day_number from_day, as_of_day;
};

const struct cli_flag evidence_flags[] = {
    {"from", CLI_STRING, offsetof(struct evidence_cmd, from), NULL},
    {"as-of", CLI_STRING, offsetof(struct evidence_cmd, as_of), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

int
evidence_validate(struct cli_args *a)
{
    struct evidence_cmd *c = a->cmd;
    if (c->from && !date_parse(c->from, &c->from_day))
        return usage_error("evidence", "--from wants a date, YYYY-MM-DD (got \"%s\")", c->from);
    if (c->as_of && !date_parse(c->as_of, &c->as_of_day))
        return usage_error("evidence", "--as-of wants a date, YYYY-MM-DD (got \"%s\")", c->as_of);
    if (c->from && c->as_of && c->from_day > c->as_of_day)
        return usage_error("evidence", "--from %s is after --as-of %s", c->from, c->as_of);
    return CLI_CONTINUE;
}

/* Every log into log, its problems into d: EXIT_CLEAN, or EXIT_TROUBLE
 * when a file cannot be opened. */
static int
evidence_read_logs(const struct cli_args *a, struct contact_log *log, struct diag *d)
{
    for (size_t i = 1; i < a->n_operands; i++) {
        const char *path = a->operands[i];
        struct stat st;
        FILE *f = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? NULL : fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "journeymap evidence: cannot read %s: %s\n", path,
                    errno && !(stat(path, &st) == 0 && S_ISDIR(st.st_mode)) ? strerror(errno)
                                                                            : "it is a folder");
            return EXIT_TROUBLE;
        }
        diag_begin_file(d, path);
        contactlog_read(log, f, path, d);
        fclose(f);
    }
    contactlog_end(log, d);
    return EXIT_CLEAN;
}

/* The report of a log without errors; the findings in d. */
static int
evidence_report(const struct cli_args *a, const struct evidence_cmd *c, const struct journey *j,
                struct contact_log *log, struct diag *d)
{
    struct evidence *e = evidence_new(j, log, c->from ? &c->from_day : NULL,
                                      c->as_of ? &c->as_of_day : NULL);
    if (!e) {
        fprintf(stderr, "journeymap evidence: the log has no contact for journey %s%s\n", j->id,
                log->ignored_rows ? " (every row is of another segment, or after --as-of)" : "");
        return EXIT_FINDINGS;
    }
    diag_begin_file(d, a->operands[0]);
    evidence_rules(e, d);
    diag_sort(d);
    struct evidence_source src = {a->operands[0], a->operands + 1, a->n_operands - 1};
    size_t len = 0;
    char *data = cli_format(a, EVIDENCE_MD) == EVIDENCE_JSON ? evidence_json(e, &src, d, &len)
                                                              : evidence_markdown(e, &src, d, &len);
    evidence_free(e);
    int status = cli_write(a, data, len);
    free(data);
    if (status != EXIT_CLEAN)
        return status;
    return diag_worst(d, 0) >= a->ro.fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
}

int
cmd_evidence(int argc, char **argv)
{
    struct evidence_cmd c = {NULL, NULL, 0, 0};
    struct cli_args a;
    int rc = cli_start(&cli_evidence, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, a.operands, 1, NULL);
    diag_sort(w.diag);
    int status = w.n_unreadable ? EXIT_TROUBLE : cli_report_errors("evidence", &w);
    if (status == EXIT_CLEAN && w.n_journeys == 1) {
        const struct journey *j = w.journeys[0];
        struct contact_log log;
        contactlog_init(&log, j, c.as_of ? &c.as_of_day : NULL);
        struct diag *d = diag_new();
        status = evidence_read_logs(&a, &log, d);
        diag_sort(d);
        if (status == EXIT_CLEAN && diag_worst(d, 0) >= SEVERITY_ERROR) {
            if (cli_format(&a, EVIDENCE_MD) == EVIDENCE_JSON)
                report_json(stdout, d);
            else
                report_human(stdout, d);
            fprintf(stderr, "journeymap evidence: the log has errors; no report written\n");
            status = EXIT_FINDINGS;
        } else if (status == EXIT_CLEAN) {
            status = evidence_report(&a, &c, j, &log, d);
        }
        diag_free(d);
        contactlog_finish(&log);
    }
    workspace_finish(&w);
    return status;
}
