/*
 * cli.h - what every subcommand shares: exit statuses, the option
 * parsing common to them (--today, --fail-on, -o, -T, --help, and each
 * command's own options from a small table), usage errors, loading the
 * models, and writing an output atomically or saying why not.
 *
 * A command is a struct cli_spec (its name, help, which shared options it
 * takes, its own options and their handler) and a function that parses
 * with cli_parse(), checks its operands with cli_ready(), does its one
 * job, and ends with cli_emit() or cli_write().
 *
 * Ownership: nothing here allocates anything the caller must free, except
 * the workspace a command initialises (workspace_finish()).
 */
#ifndef JOURNEYMAP_CLI_H
#define JOURNEYMAP_CLI_H

#include "core/model.h"
#include "core/util.h"

#include <stdbool.h>
#include <stddef.h>

/* Exit statuses of cli.md. */
enum {
    EXIT_CLEAN = 0,    /* no finding at or above the failing level */
    EXIT_FINDINGS = 1, /* findings at or above it, or a model could not be used */
    EXIT_TROUBLE = 2,  /* usage error, or a file could not be read or written */
};

/* cli_parse()'s and a handler's "carry on". */
enum { CLI_CONTINUE = -1 };

/* The shared options a command takes. */
enum cli_takes {
    CLI_TODAY = 1 << 0,   /* --today DATE (else SOURCE_DATE_EPOCH, else the clock) */
    CLI_FAIL_ON = 1 << 1, /* --fail-on LEVEL */
    CLI_OUTPUT = 1 << 2,  /* -o FILE */
    CLI_FORMAT = 1 << 3,  /* -T FORMAT, one of cli_spec.formats */
};

/* Keys of a command's own options start here (below are getopt's characters). */
enum { CLI_KEY = 256 };

/* A command's own long option. */
struct cli_flag {
    const char *name; /* without "--" */
    bool has_arg;
    int key; /* CLI_KEY + n, handed to the command's handler */
};

struct cli_args;

struct cli_spec {
    const char *name;             /* "check" */
    const char *usage;            /* "Usage: …" and what the command does, up to the options */
    const char *options;          /* its own options' help lines ("" for none) */
    const char *notes;            /* after the options: exit status, where to read more */
    unsigned takes;               /* enum cli_takes */
    unsigned help_for;            /* which of takes --help describes with the shared lines */
    const char *const *formats;   /* CLI_FORMAT: -T's values, NULL-terminated */
    const struct cli_flag *flags; /* its own options, ending with {NULL}; or NULL */
    /* One of its own options (key, and its argument or NULL): CLI_CONTINUE
     * or the exit status to return now. */
    int (*flag)(struct cli_args *a, int key, const char *arg);
};

/* Options of every command that runs the rules. */
struct rule_options {
    day_number today;      /* --today, SOURCE_DATE_EPOCH, or the clock */
    bool today_given;      /* --today was given */
    enum severity fail_on; /* --fail-on (default error) */
};

struct cli_args {
    const struct cli_spec *spec;
    struct rule_options ro;
    const char *out; /* -o, or NULL: standard output */
    int format;      /* -T as an index into spec->formats, or -1 when not given */
    char **operands; /* what follows the options */
    size_t n_operands;
    void *cmd; /* the command's own state, for its handler */
};

/* Print "journeymap CMD: MESSAGE" and a pointer to --help on stderr
 * (cmd NULL: the program itself); returns EXIT_TROUBLE. */
int usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

/*
 * Parse argv by spec into *a (cmd is the command's own state, a->cmd).
 * Returns CLI_CONTINUE, or the exit status to return now: --help printed
 * (0), or a usage error reported (2).
 */
int cli_parse(const struct cli_spec *spec, void *cmd, int argc, char **argv, struct cli_args *a);

/*
 * Between min and max operands (usage error with message otherwise), then
 * today settled when the command takes --today. Returns CLI_CONTINUE or
 * EXIT_TROUBLE.
 */
int cli_ready(struct cli_args *a, size_t min, size_t max, const char *message);

/* -T's value, or else the one -o's extension names (when it is one of
 * the formats), or else dflt. */
int cli_format(const struct cli_args *a, int dflt);

struct workspace;

/*
 * For generators: load the one model named by the first operand into w
 * (initialised here; the caller calls workspace_finish()) and run the
 * rules. Returns the journey, or NULL after telling the user why on
 * stderr, with *status set: 2 when the file cannot be read, 1 when it has
 * errors (printed).
 */
const struct journey *cli_load_one(const struct cli_args *a, struct workspace *w, int *status);

/*
 * Print the error findings of w (the reason files are left out) on stderr,
 * one "left out" line per such file. Returns 2 when a file could not be
 * read, 1 when some file has errors, else 0.
 */
int cli_report_errors(const char *cmd, const struct workspace *w);

/* The exit status once outputs are written: 1 when a finding reaches --fail-on. */
int cli_findings_status(const struct workspace *w, const struct rule_options *o);

/* Write data to -o's file (replaced only once complete) or to standard
 * output: EXIT_CLEAN, or EXIT_TROUBLE after saying why on stderr. */
int cli_write(const struct cli_args *a, const void *data, size_t len);

/* Write data to -o's file, which must not exist yet (it is never
 * replaced), or to standard output: EXIT_CLEAN, or EXIT_TROUBLE after
 * saying why. */
int cli_create(const struct cli_args *a, const void *data, size_t len);

/*
 * A generator's end. data NULL: it could not be made; "journeymap CMD:
 * [WHAT: ]WHY" is printed (when why is set) and the status is 1.
 * Otherwise data is written (2 when that fails), and the status is
 * status when it is not 0, else the findings' of w against --fail-on (0
 * without a workspace). Frees data.
 */
int cli_emit(const struct cli_args *a, const struct workspace *w, int status, char *data,
             size_t len, const char *what, const char *why);

int cmd_check(int argc, char **argv);
int cmd_diagram(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif
