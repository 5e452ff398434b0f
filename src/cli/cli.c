/*
 * cli.c - the scaffolding every subcommand stands on (cli.h): parsing the
 * shared options and a command's own, --help assembled from one set of
 * lines for the shared options, loading models for generators, and
 * writing outputs or saying why not.
 */
#include "cli/cli.h"

#include "check/workspace.h"
#include "core/date.h"
#include "render/markdown.h"
#include "render/report.h"
#include "write/output.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------------------
 * Options
 */

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
cli_warn(const char *cmd, const char *why)
{
    if (*why)
        fprintf(stderr, "journeymap %s: warning: %s\n", cmd, why);
}

enum {
    CLI_MAX_OPTIONS = 16,
    CLI_KEY = 256, /* getopt's value for a command's own option n: CLI_KEY + n */
};

/* The help lines of the shared options, in the order --help lists them. */
static const struct {
    unsigned takes;
    const char *lines;
} cli_shared_help[] = {
    {CLI_OUTPUT, "  -o FILE            write to FILE (replaced only once complete);\n"
                 "                     default: standard output\n"},
    {CLI_TODAY, "  --today DATE       judge dates as of DATE (YYYY-MM-DD); default:\n"
                "                     SOURCE_DATE_EPOCH if set, else the system date\n"},
    {CLI_FAIL_ON, "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above:\n"
                  "                     error (default), warning or note\n"},
};

static int
cli_help(const struct cli_spec *spec)
{
    fputs(spec->usage, stdout);
    fputs("\nOptions:\n", stdout);
    fputs(spec->options, stdout);
    for (size_t i = 0; i < ARRAY_LEN(cli_shared_help); i++)
        if (spec->takes & ~spec->own_help & cli_shared_help[i].takes)
            fputs(cli_shared_help[i].lines, stdout);
    fputs("  -h, --help         show this help and exit\n\n", stdout);
    fputs(spec->notes, stdout);
    return EXIT_CLEAN;
}

/* The index of arg among choices (NULL-terminated), or a usage error
 * "OPTION wants a, b or c, not "arg"" and -1. */
static int
cli_choose(const struct cli_spec *spec, const char *option, const char *const *choices,
           const char *arg)
{
    for (int i = 0; choices[i]; i++)
        if (strcasecmp(choices[i], arg) == 0)
            return i;
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; choices[i]; i++)
        buf_printf(&b, "%s%s", i == 0 ? "" : choices[i + 1] ? ", " : " or ", choices[i]);
    usage_error(spec->name, "%s wants %s, not \"%s\"", option, buf_str(&b), arg);
    buf_finish(&b);
    return -1;
}

/* One of the command's own options, into its state. */
static int
cli_own_flag(struct cli_args *a, const struct cli_flag *f, const char *arg)
{
    if (f->kind == CLI_FORMAT_IS) { /* sets no field: the command may have no state */
        a->format = (int)f->offset;
        return CLI_CONTINUE;
    }
    char *field = (char *)a->cmd + f->offset;
    switch (f->kind) {
    case CLI_SWITCH:
        *(bool *)field = true;
        return CLI_CONTINUE;
    case CLI_STRING:
        *(const char **)field = arg;
        return CLI_CONTINUE;
    case CLI_FORMAT_IS:
        break;
    case CLI_LIST: {
        struct cli_list *list = (struct cli_list *)(void *)field;
        if (list->n == ARRAY_LEN(list->v))
            return usage_error(a->spec->name, "--%s can be given at most %zu times", f->name,
                               ARRAY_LEN(list->v));
        list->v[list->n++] = arg;
        return CLI_CONTINUE;
    }
    case CLI_CHOICE: {
        char *option = xasprintf("--%s", f->name);
        int k = cli_choose(a->spec, option, f->choices, arg);
        free(option);
        if (k < 0)
            return EXIT_TROUBLE;
        *(int *)field = k;
        return CLI_CONTINUE;
    }
    }
    abort();
}

static int
cli_parse_today(const struct cli_spec *spec, struct cli_args *a, const char *arg)
{
    if (!date_parse(arg, &a->ro.today))
        return usage_error(spec->name,
                           "--today wants a calendar date written YYYY-MM-DD, not \"%s\"", arg);
    a->ro.today_given = true;
    return CLI_CONTINUE;
}

static int
cli_parse_fail_on(const struct cli_spec *spec, struct cli_args *a, const char *arg)
{
    int k = vocab_find(severity_names, SEVERITY_COUNT, arg);
    if (k <= SEVERITY_OFF)
        return usage_error(spec->name, "--fail-on wants error, warning or note, not \"%s\"", arg);
    a->ro.fail_on = (enum severity)k;
    return CLI_CONTINUE;
}

/* One option as getopt_long returned it. */
static int
cli_option(const struct cli_spec *spec, struct cli_args *a, int c, char **argv)
{
    switch (c) {
    case 't':
        return cli_parse_today(spec, a, optarg);
    case 'F':
        return cli_parse_fail_on(spec, a, optarg);
    case 'o':
        a->out = optarg;
        return CLI_CONTINUE;
    case 'T':
        a->format = cli_choose(spec, "-T", spec->formats, optarg);
        return a->format < 0 ? EXIT_TROUBLE : CLI_CONTINUE;
    case 'h':
        return cli_help(spec);
    case ':':
        return usage_error(spec->name, "%s needs a value", argv[optind - 1]);
    default:
        if (c >= CLI_KEY)
            return cli_own_flag(a, &spec->flags[c - CLI_KEY], optarg);
        return usage_error(spec->name, "unknown option '%s'", argv[optind - 1]);
    }
}

/* getopt_long's table: the shared long options spec takes, then its own. */
static void
cli_longopts(const struct cli_spec *spec, struct option *o)
{
    size_t n = 0;
    if (spec->takes & CLI_TODAY)
        o[n++] = (struct option){"today", required_argument, NULL, 't'};
    if (spec->takes & CLI_FAIL_ON)
        o[n++] = (struct option){"fail-on", required_argument, NULL, 'F'};
    o[n++] = (struct option){"help", no_argument, NULL, 'h'};
    for (size_t k = 0; spec->flags && spec->flags[k].name; k++) {
        const struct cli_flag *f = &spec->flags[k];
        if (n + 1 == CLI_MAX_OPTIONS)
            abort(); /* raise CLI_MAX_OPTIONS */
        bool value = f->kind != CLI_SWITCH && f->kind != CLI_FORMAT_IS;
        o[n++] = (struct option){f->name, value ? required_argument : no_argument, NULL,
                                 CLI_KEY + (int)k};
    }
    o[n] = (struct option){NULL, 0, NULL, 0};
}

static int
cli_parse(const struct cli_spec *spec, void *cmd, int argc, char **argv, struct cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->spec = spec;
    a->cmd = cmd;
    a->format = -1;
    a->ro.fail_on = SEVERITY_ERROR;
    struct option longopts[CLI_MAX_OPTIONS];
    cli_longopts(spec, longopts);
    char shortopts[8] = ":h";
    if (spec->takes & CLI_OUTPUT)
        strcat(shortopts, "o:");
    if (spec->takes & CLI_FORMAT)
        strcat(shortopts, "T:");
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        int rc = cli_option(spec, a, c, argv);
        if (rc != CLI_CONTINUE)
            return rc;
    }
    a->operands = argv + optind;
    a->n_operands = (size_t)(argc - optind);
    return CLI_CONTINUE;
}

/* Formats some command writes, and images none does: an -o ending in one
 * that this command does not write is a mistake, not a default. */
static const char *const cli_written[] = {"svg", "png", "pdf", "dot", "md", "html", "json", "csv"};
static const char *const cli_images[] = {"jpg",  "jpeg", "gif",  "webp", "bmp", "tif",
                                         "tiff", "ico",  "heic", "avif", "eps"};

static bool
cli_listed(const char *const *v, size_t n, const char *ext)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(v[i], ext) == 0)
            return true;
    return false;
}

/* -o's extension sets -T when none is given; one that contradicts -T, or
 * names a format this command does not write, is a usage error. */
static int
cli_extension(const struct cli_spec *spec, struct cli_args *a)
{
    const char *dot = a->out ? strrchr(a->out, '.') : NULL;
    const char *slash = a->out ? strrchr(a->out, '/') : NULL;
    if (!(spec->takes & CLI_FORMAT) || !dot || (slash && dot < slash) || !dot[1])
        return CLI_CONTINUE;
    const char *ext = dot + 1;
    for (int i = 0; spec->formats[i]; i++)
        if (strcasecmp(spec->formats[i], ext) == 0) {
            if (a->format >= 0 && a->format != i)
                return usage_error(spec->name, "-T %s does not match -o %s (a .%s file)",
                                   spec->formats[a->format], a->out, ext);
            a->format = i;
            return CLI_CONTINUE;
        }
    if (!cli_listed(cli_written, ARRAY_LEN(cli_written), ext) &&
        !cli_listed(cli_images, ARRAY_LEN(cli_images), ext))
        return CLI_CONTINUE; /* a name of the user's own: -T, or the default, decides */
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; spec->formats[i]; i++)
        buf_printf(&b, "%s%s",
                   i == 0                 ? ""
                   : spec->formats[i + 1] ? ", "
                                          : " or ",
                   spec->formats[i]);
    usage_error(spec->name, "-o %s: %s writes %s, not %s", a->out, spec->name, buf_str(&b), ext);
    buf_finish(&b);
    return EXIT_TROUBLE;
}

int
cli_start(const struct cli_spec *spec, void *cmd, int argc, char **argv, struct cli_args *a)
{
    int rc = cli_parse(spec, cmd, argc, argv, a);
    if (rc == CLI_CONTINUE)
        rc = cli_extension(spec, a);
    if (rc == CLI_CONTINUE && spec->validate)
        rc = spec->validate(a);
    if (rc != CLI_CONTINUE)
        return rc;
    if (a->n_operands < spec->operands.min || a->n_operands > spec->operands.max)
        return usage_error(spec->name, "%s", spec->operands.usage);
    if ((spec->takes & CLI_TODAY) && !a->ro.today_given && !date_today(&a->ro.today))
        return usage_error(spec->name,
                           "SOURCE_DATE_EPOCH is set to \"%s\", which is not a number of seconds",
                           getenv("SOURCE_DATE_EPOCH"));
    return CLI_CONTINUE;
}

int
cli_format(const struct cli_args *a, int dflt)
{
    return a->format >= 0 ? a->format : dflt;
}

/* ---------------------------------------------------------------------------
 * Models
 */

void
cli_load_all(const struct cli_args *a, struct workspace *w)
{
    workspace_init(w);
    w->load_flags = a->load_flags;
    workspace_load(w, a->operands, a->n_operands, &a->ro.today);
    diag_sort(w->diag);
}

/* The one model of a generator, or NULL after saying why (*status 2 or 1). */
static const struct journey *
cli_load_one(const struct cli_args *a, struct workspace *w, int *status)
{
    const char *cmd = a->spec->name, *path = a->operands[0];
    workspace_init(w);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "journeymap %s: %s is a folder; name one journey file\n", cmd, path);
        *status = EXIT_TROUBLE;
        return NULL;
    }
    w->load_flags = a->load_flags;
    workspace_load(w, a->operands, 1, &a->ro.today);
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
cli_report_errors(const char *cmd, const struct workspace *w)
{
    if (w->n_unreadable)
        return EXIT_TROUBLE;
    if (diag_worst(w->diag, 0) < SEVERITY_ERROR)
        return EXIT_CLEAN;
    /* Only the errors: they are why files are left out. */
    struct diag *errors = diag_new();
    const char *last = NULL;
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < diag_count(w->diag); i++) {
        const struct finding *f = diag_get(w->diag, i);
        if (f->severity != SEVERITY_ERROR)
            continue;
        if (diag_file(w->diag, f) != last) {
            last = diag_file(w->diag, f);
            diag_begin_file(errors, last);
        }
        diag_add(errors, f->line, f->severity, finding_rule(f), f->subject, "%s",
                 finding_text(f, &m));
    }
    buf_finish(&m);
    report_human(stderr, errors);
    for (size_t i = 0; i < diag_count(errors); i++) {
        const struct finding *f = diag_get(errors, i);
        if (i == 0 || diag_get(errors, i - 1)->file_index != f->file_index)
            fprintf(stderr,
                    "journeymap %s: %s cannot be used until its errors are fixed; left "
                    "out\n",
                    cmd, diag_file(errors, f));
    }
    diag_free(errors);
    return EXIT_FINDINGS;
}

/* ---------------------------------------------------------------------------
 * Outputs
 */

/* Say that -o's file (or standard output) could not be written. */
static int
cli_cannot_write(const struct cli_args *a, const char *why)
{
    fprintf(stderr, "journeymap %s: cannot write %s: %s\n", a->spec->name,
            a->out ? a->out : "standard output", why);
    return EXIT_TROUBLE;
}

int
cli_write(const struct cli_args *a, const void *data, size_t len)
{
    const char *why = NULL;
    if (output_write(a->out, data, len, &why))
        return EXIT_CLEAN;
    return cli_cannot_write(a, why);
}

int
cli_create(const struct cli_args *a, const void *data, size_t len, bool force)
{
    if (!a->out || force)
        return cli_write(a, data, len);
    const char *why = NULL;
    bool exists = false;
    if (output_create(a->out, data, len, &exists, &why))
        return EXIT_CLEAN;
    bool has_force = false;
    for (const struct cli_flag *f = a->spec->flags; f && f->name; f++)
        has_force |= strcmp(f->name, "force") == 0;
    if (!exists)
        return cli_cannot_write(a, why);
    fprintf(stderr, "journeymap %s: %s already exists; it was left unchanged (%s)\n",
            a->spec->name, a->out,
            has_force ? "use --force to replace it" : "choose another name or remove it first");
    return EXIT_TROUBLE;
}

int
cli_emit(const struct cli_args *a, const struct workspace *w, int status, char *data, size_t len,
         const char *what, const char *why)
{
    if (!data) {
        if (why)
            fprintf(stderr, "journeymap %s: %s%s%s\n", a->spec->name, what ? what : "",
                    what ? ": " : "", why);
        return EXIT_FINDINGS;
    }
    int written = cli_write(a, data, len);
    free(data);
    if (written != EXIT_CLEAN)
        return written;
    if (status != EXIT_CLEAN)
        return status;
    return w ? cli_findings_status(w, &a->ro) : EXIT_CLEAN;
}

static bool
cli_put(void *stream, const char *data, size_t len)
{
    return output_stream_put(stream, data, len);
}

int
cli_one_model_streamed(const struct cli_args *a, cli_write_fn *write)
{
    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_one(a, &w, &status);
    if (j) {
        const char *why = NULL;
        struct output_stream *out = output_stream_open(a->out, &why);
        bool ok = false;
        if (out) {
            struct md_sink sink = {cli_put, out};
            /* A refused piece is a failed write: commit reports it and
             * removes the file. */
            (void)write(a, j, w.diag, &sink);
            ok = output_stream_commit(out, &why);
        }
        status = ok ? cli_findings_status(&w, &a->ro) : cli_cannot_write(a, why);
    }
    workspace_finish(&w);
    return status;
}

int
cli_one_model(const struct cli_args *a, cli_make_fn *make)
{
    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_one(a, &w, &status);
    if (j) {
        char *data = NULL;
        size_t len = 0;
        const char *why = NULL;
        status = make(a, j, w.diag, &data, &len, &why);
        if (status == CLI_CONTINUE)
            status = cli_emit(a, &w, EXIT_CLEAN, data, len, a->operands[0], why);
    }
    workspace_finish(&w);
    return status;
}
