/*
 * cli.h - what every subcommand shares: options common to the rule-running
 * commands, exit statuses, usage errors.
 */
#ifndef JOURNEYMAP_CLI_H
#define JOURNEYMAP_CLI_H

#include "core/model.h"
#include "core/util.h"

#include <stdbool.h>

/* Exit statuses of cli.md. */
enum {
    EXIT_CLEAN = 0,    /* no finding at or above the failing level */
    EXIT_FINDINGS = 1, /* findings at or above it, or a model could not be used */
    EXIT_TROUBLE = 2,  /* usage error, or a file could not be read or written */
};

/* Options of every command that runs the rules. */
struct rule_options {
    day_number today;      /* --today, SOURCE_DATE_EPOCH, or the clock */
    bool today_given;      /* --today was given */
    enum severity fail_on; /* --fail-on (default error) */
};

/* Print "journeymap CMD: MESSAGE" and a pointer to --help on stderr; returns EXIT_TROUBLE. */
int usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* cli_option()'s "carry on parsing". */
enum { CLI_CONTINUE = -1 };

/*
 * The getopt cases every rule-running command shares: 't' (--today), 'F'
 * (--fail-on), 'h' (--help: prints help), ':' (missing value) and anything
 * unknown. Returns CLI_CONTINUE, or the exit status to return now.
 */
int cli_option(const char *cmd, int c, char **argv, struct rule_options *o, const char *help);

/* Parse --today's argument; false (after a usage message) when invalid. */
bool cli_parse_today(const char *cmd, const char *arg, struct rule_options *o);
/* Parse --fail-on's argument. */
bool cli_parse_fail_on(const char *cmd, const char *arg, struct rule_options *o);
/* Defaults before parsing: fail on errors, today not yet known. */
void cli_rule_defaults(struct rule_options *o);
/* After parsing: without --today, today comes from SOURCE_DATE_EPOCH or
 * the clock; false (after a usage message) when SOURCE_DATE_EPOCH is bad. */
bool cli_rule_today(const char *cmd, struct rule_options *o);

struct workspace;

/*
 * For generators: load the one model at path into w (initialised here;
 * the caller calls workspace_finish()) and run the rules. Returns the
 * journey, or NULL after telling the user why on stderr, with *status set:
 * 2 when the file cannot be read, 1 when it has errors (printed).
 */
const struct journey *cli_load_model(const char *cmd, const char *path,
                                     const struct rule_options *o, struct workspace *w,
                                     int *status);

/*
 * Print the error findings of w (the reason files are left out) on stderr,
 * one "left out" line per such file. Returns 2 when a file could not be
 * read, 1 when some file has errors, else 0.
 */
int cli_report_errors(const char *cmd, const struct workspace *w);

/* The exit status once outputs are written: 1 when a finding reaches --fail-on. */
int cli_findings_status(const struct workspace *w, const struct rule_options *o);

int cmd_check(int argc, char **argv);
int cmd_diagram(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif
