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

/* What a command's own long option sets in the command's state. */
enum cli_flag_kind {
    CLI_SWITCH,    /* no value: a bool, set true */
    CLI_STRING,    /* a value: a const char * */
    CLI_CHOICE,    /* a value among choices: an int, its index */
    CLI_LIST,      /* a value, as often as given: a struct cli_list */
    CLI_FORMAT_IS, /* no value: the same as -T formats[offset] */
};

/* The values of an option given several times, in order. */
struct cli_list {
    const char *v[16];
    size_t n;
};

/* A command's own long option (a row of cli_spec.flags). */
struct cli_flag {
    const char *name; /* without "--" */
    enum cli_flag_kind kind;
    size_t offset;              /* of the field it sets, in the command's state */
    const char *const *choices; /* CLI_CHOICE: the values, NULL-terminated */
};

struct cli_args;

/* How many operands a command takes. */
struct cli_operands {
    size_t min, max;
    const char *usage; /* the usage error when there are not so many */
};

/* A command, as the catalogue (commands.c) describes it. */
struct cli_spec {
    const char *name;             /* "check" */
    const char *usage;            /* "Usage: …" and what the command does, up to the options */
    const char *options;          /* its own options' help lines ("" for none) */
    const char *notes;            /* after the options: exit status, where to read more */
    unsigned takes;               /* enum cli_takes */
    unsigned own_help;            /* of takes, those its own help lines describe */
    const char *const *formats;   /* CLI_FORMAT: -T's values, NULL-terminated */
    const struct cli_flag *flags; /* its own options, ending with {NULL}; or NULL */
    struct cli_operands operands;
    /* After the options, before the operands are counted: checks of the
     * command's own (CLI_CONTINUE, or the exit status to return), or NULL. */
    int (*validate)(struct cli_args *a);
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
    void *cmd;           /* the command's own state, for its handler */
    unsigned load_flags; /* for load_journey() (load.h): what the command needs kept */
};

/* Print "journeymap CMD: MESSAGE" and a pointer to --help on stderr
 * (cmd NULL: the program itself); returns EXIT_TROUBLE. */
int usage_error(const char *cmd, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Print "journeymap CMD: warning: WHY" on stderr, unless why is "". */
void cli_warn(const char *cmd, const char *why);

/*
 * Parse argv by spec into *a (cmd is the command's own state, a->cmd,
 * which its flags set); run spec's validate hook; count the operands; and
 * settle today when the command takes --today. Returns CLI_CONTINUE, or
 * the exit status to return now: --help printed (0), or a usage error
 * reported (2).
 */
int cli_start(const struct cli_spec *spec, void *cmd, int argc, char **argv, struct cli_args *a);

/* -T's value (or the one -o's extension named: cli_start() settles it),
 * or else dflt. */
int cli_format(const struct cli_args *a, int dflt);

struct diag;
struct workspace;

/* Load every operand (folders expand to their *.xml) into w, initialised
 * here, with the rules run; findings sorted. The caller calls
 * workspace_finish(). */
void cli_load_all(const struct cli_args *a, struct workspace *w);

/*
 * What a generator of one model makes of it: CLI_CONTINUE with *data
 * (malloc'd) and *len, or with *data NULL and *why saying why it could not
 * be made (exit 1); or an exit status to return at once, having said why.
 */
typedef int cli_make_fn(const struct cli_args *a, const struct journey *j, const struct diag *d,
                        char **data, size_t *len, const char **why);

/*
 * After cli_start(), for a command that makes one output from one model:
 * load the model named by the first operand and run the rules (a folder,
 * an unreadable file or one with errors is refused on stderr: 2, 2, 1),
 * make the output, and emit it (cli_emit()). Returns the exit status.
 */
int cli_one_model(const struct cli_args *a, cli_make_fn *make);

/*
 * The same for a generator that writes its output piece by piece to sink
 * (the checklist: outputs too big to hold whole), through a temporary
 * file committed once every piece is written (write/output.h).
 */
struct md_sink;
typedef bool cli_write_fn(const struct cli_args *a, const struct journey *j, const struct diag *d,
                          const struct md_sink *sink);
int cli_one_model_streamed(const struct cli_args *a, cli_write_fn *write);

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

/* Write data to -o's file, which must not exist yet (it is replaced only
 * with force, atomically), or to standard output: EXIT_CLEAN, or
 * EXIT_TROUBLE after saying why (and, for a command with --force, that
 * --force replaces it). */
int cli_create(const struct cli_args *a, const void *data, size_t len, bool force);

/*
 * A generator's end. data NULL: it could not be made; "journeymap CMD:
 * [WHAT: ]WHY" is printed (when why is set) and the status is 1.
 * Otherwise data is written (2 when that fails), and the status is
 * status when it is not 0, else the findings' of w against --fail-on (0
 * without a workspace). Frees data.
 */
int cli_emit(const struct cli_args *a, const struct workspace *w, int status, char *data,
             size_t len, const char *what, const char *why);

/* The catalogue (commands.c), and what it names in the command files. */
extern const struct cli_spec cli_check, cli_diagram, cli_checklist, cli_agenda, cli_compare, cli_diff,
    cli_build, cli_new, cli_export, cli_import, cli_coverage, cli_evidence;
extern const struct cli_flag check_flags[], diagram_flags[], checklist_flags[], agenda_flags[],
    export_flags[], import_flags[], compare_flags[], diff_flags[],
    build_flags[], evidence_flags[];
extern const char *const checklist_formats[], *const agenda_formats[], *const compare_formats[],
    *const diff_formats[], *const coverage_formats[], *const evidence_formats[];
int agenda_validate(struct cli_args *a);
int compare_validate(struct cli_args *a);
int diff_validate(struct cli_args *a);
int evidence_validate(struct cli_args *a);
int diagram_validate(struct cli_args *a);
int export_validate(struct cli_args *a);
int new_validate(struct cli_args *a);

/* What build --logs makes of one segment (cmd_evidence.c): the report,
 * the map, a summary line for the workshop page (all malloc'd, NULL when
 * the logs have no contact for the journey), the worst finding. */
struct evidence_outputs {
    char *md, *svg, *summary;
    size_t md_len, svg_len;
    enum severity worst;
};
/* The evidence of j (named model) from logs[0..n): EXIT_CLEAN with *out
 * filled, EXIT_FINDINGS after printing the logs' errors, EXIT_TROUBLE when
 * a log cannot be read. */
int evidence_for_build(const struct journey *j, const char *model, char *const *logs, size_t n,
                       struct evidence_outputs *out);

int cmd_check(int argc, char **argv);
int cmd_diagram(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_agenda(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif
