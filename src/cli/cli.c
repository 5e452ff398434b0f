/*
 * cli.c - option handling shared by the subcommands.
 */
#include "cli/cli.h"

#include "core/date.h"
#include "render/report.h"
#include "check/workspace.h"

#include <getopt.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "journeymap%s%s: %s\nTry 'journeymap %s%s--help' for more information.\n",
            cmd ? " " : "", cmd ? cmd : "", msg, cmd ? cmd : "", cmd ? " " : "");
    free(msg);
    return EXIT_TROUBLE;
}

void
cli_rule_defaults(struct rule_options *o)
{
    o->fail_on = SEVERITY_ERROR;
    o->today = 0;
    o->today_given = false;
}

bool
cli_rule_today(const char *cmd, struct rule_options *o)
{
    if (o->today_given)
        return true;
    if (!date_today(&o->today)) {
        usage_error(cmd, "SOURCE_DATE_EPOCH is set to \"%s\", which is not a number of seconds",
                    getenv("SOURCE_DATE_EPOCH"));
        return false;
    }
    return true;
}

bool
cli_parse_today(const char *cmd, const char *arg, struct rule_options *o)
{
    if (!date_parse(arg, &o->today)) {
        usage_error(cmd, "--today wants a calendar date written YYYY-MM-DD, not \"%s\"", arg);
        return false;
    }
    o->today_given = true;
    return true;
}

bool
cli_parse_fail_on(const char *cmd, const char *arg, struct rule_options *o)
{
    int k = vocab_find(severity_names, SEVERITY_COUNT, arg);
    if (k <= SEVERITY_OFF) {
        usage_error(cmd, "--fail-on wants error, warning or note, not \"%s\"", arg);
        return false;
    }
    o->fail_on = (enum severity)k;
    return true;
}

const struct journey *
cli_load_model(const char *cmd, const char *path, const struct rule_options *o, struct workspace *w,
               int *status)
{
    workspace_init(w);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "journeymap %s: %s is a folder; name one journey file\n", cmd, path);
        *status = EXIT_TROUBLE;
        return NULL;
    }
    char *copy = xstrdup(path);
    workspace_load(w, &copy, 1, &o->today);
    free(copy);
    diag_sort(w->diag);
    if (w->n_unreadable) {
        *status = EXIT_TROUBLE;
        return NULL;
    }
    if (w->n_journeys != 1 || diag_worst(w->diag, 0) >= SEVERITY_ERROR) {
        *status = cli_report_errors(cmd, w);
        return NULL;
    }
    return w->journeys[0];
}

int
cli_findings_status(const struct workspace *w, const struct rule_options *o)
{
    return diag_worst(w->diag, 0) >= o->fail_on ? EXIT_FINDINGS : EXIT_CLEAN;
}

int
cli_option(const char *cmd, int c, char **argv, struct rule_options *o, const char *help)
{
    switch (c) {
    case 't':
        return cli_parse_today(cmd, optarg, o) ? CLI_CONTINUE : EXIT_TROUBLE;
    case 'F':
        return cli_parse_fail_on(cmd, optarg, o) ? CLI_CONTINUE : EXIT_TROUBLE;
    case 'h':
        fputs(help, stdout);
        return EXIT_CLEAN;
    case ':':
        return usage_error(cmd, "%s needs a value", argv[optind - 1]);
    default:
        return usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
    }
}

int
cli_report_errors(const char *cmd, const struct workspace *w)
{
    if (w->n_unreadable)
        return EXIT_TROUBLE;
    if (diag_worst(w->diag, 0) < SEVERITY_ERROR)
        return EXIT_CLEAN;
    /* Only the errors: they are why files are left out. */
    struct diag *errors = diag_new();
    const char *last = NULL;
    for (size_t i = 0; i < diag_count(w->diag); i++) {
        const struct finding *f = diag_get(w->diag, i);
        if (f->severity != SEVERITY_ERROR)
            continue;
        if (f->file != last) {
            diag_begin_file(errors, f->file);
            last = f->file;
        }
        diag_add(errors, f->line, f->severity, f->rule, f->subject, "%s", f->message);
    }
    report_human(stderr, errors);
    for (size_t i = 0; i < diag_count(errors); i++) {
        const struct finding *f = diag_get(errors, i);
        if (i == 0 || diag_get(errors, i - 1)->file_index != f->file_index)
            fprintf(stderr,
                    "journeymap %s: %s cannot be used until its errors are fixed; left "
                    "out\n",
                    cmd, f->file);
    }
    diag_free(errors);
    return EXIT_FINDINGS;
}
