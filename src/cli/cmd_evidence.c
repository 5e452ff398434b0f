/*
 * cmd_evidence.c - `journeymap evidence MODEL LOG...`: the contact log
 * against the map (evidence.md).
 */
#include "check/evidence.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "core/date.h"
#include "read/contactlog.h"
#include "render/diagram.h"
#include "render/evidence.h"
#include "render/report.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum evidence_format { EVIDENCE_MD, EVIDENCE_JSON, EVIDENCE_SVG };

const char *const evidence_formats[] = {"md", "json", "svg", NULL};

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
evidence_read_logs(char *const *logs, size_t n, struct contact_log *log, struct diag *d)
{
    for (size_t i = 0; i < n; i++) {
        const char *path = logs[i];
        struct stat st;
        bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        FILE *f = dir ? NULL : fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "journeymap evidence: cannot read %s: %s\n", path,
                    dir ? "it is a folder" : strerror(errno));
            return EXIT_TROUBLE;
        }
        diag_begin_file(d, path);
        contactlog_read(log, f, path, d);
        fclose(f);
    }
    contactlog_end(log, d);
    return EXIT_CLEAN;
}

int
evidence_for_build(const struct journey *j, const char *model, char *const *logs, size_t n,
                   struct evidence_outputs *out)
{
    memset(out, 0, sizeof *out);
    struct contact_log log;
    contactlog_init(&log, j, NULL);
    struct diag *d = diag_new();
    int status = evidence_read_logs(logs, n, &log, d);
    diag_sort(d);
    struct evidence *e = NULL;
    if (status == EXIT_CLEAN && diag_worst(d, 0) >= SEVERITY_ERROR) {
        report_human(stderr, d);
        fprintf(stderr, "journeymap build: the logs have errors; no evidence for %s\n", j->id);
        status = EXIT_FINDINGS;
    } else if (status == EXIT_CLEAN && (e = evidence_new(j, &log, NULL, NULL))) {
        diag_begin_file(d, model);
        evidence_rules(e, d);
        diag_sort(d);
        struct evidence_source src = {model, logs, n};
        out->md = evidence_markdown(e, &src, d, &out->md_len);
        const char *why = NULL;
        struct diagram_target t = diagram_natural(DIAGRAM_SVG);
        if (!map_evidence_render(e, d, &t, &out->svg, &out->svg_len, &why))
            fprintf(stderr, "journeymap build: the evidence map of %s: %s\n", j->id, why);
        out->summary = xasprintf("%zu customers in the log, %zu finding%s; we started %ld%% of "
                                 "the contacts (the map plans %ld%%)",
                                 e->customers, diag_count(d), diag_count(d) == 1 ? "" : "s",
                                 e->proactive_share.has ? lround(e->proactive_share.v * 100) : 0,
                                 e->planned_proactive_share.has
                                     ? lround(e->planned_proactive_share.v * 100)
                                     : 0);
        out->worst = diag_worst(d, 0);
        evidence_free(e);
    }
    diag_free(d);
    contactlog_finish(&log);
    return status;
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
    char *data = NULL;
    const char *why = NULL;
    int format = cli_format(a, EVIDENCE_MD);
    if (format == EVIDENCE_JSON) {
        data = evidence_json(e, &src, d, &len);
    } else if (format == EVIDENCE_SVG) {
        struct diagram_target t = diagram_natural(DIAGRAM_SVG);
        map_evidence_render(e, d, &t, &data, &len, &why);
    } else {
        data = evidence_markdown(e, &src, d, &len);
    }
    evidence_free(e);
    if (!data) {
        fprintf(stderr, "journeymap evidence: the map: %s\n", why);
        return EXIT_FINDINGS;
    }
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
    struct stat st;
    if (stat(a.operands[0], &st) == 0 && S_ISDIR(st.st_mode))
        return usage_error("evidence", "%s is a folder; name one journey file, then the logs",
                           a.operands[0]);
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
        status = evidence_read_logs(a.operands + 1, a.n_operands - 1, &log, d);
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
