/*
 * cmd_mermaid.c - `journeymap export --to mermaid` and `journeymap import`.
 */
#include "cli/cli.h"
#include "read/files.h"
#include "read/mermaid.h"
#include "read/slug.h"
#include "render/mermaid.h"
#include "render/xmlout.h"
#include "write/output.h"
#include "check/workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char export_help[] =
    "Usage: journeymap export --to mermaid [OPTION]... FILE\n"
    "Write a journey as a Mermaid `journey` diagram: one section per stage, one\n"
    "task per touchpoint `Name: S: Owner`, S = emotion + 3 (else the score,\n"
    "else 3).\n"
    "\n"
    "Options:\n"
    "  --to mermaid       the format (the only one so far)\n"
    "  -o FILE            write to FILE (replaced only once complete)\n"
    "  --today DATE       judge dates as of DATE (YYYY-MM-DD)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "See docs/mermaid.md for what each direction keeps and loses.\n";

static const char import_help[] =
    "Usage: journeymap import [OPTION]... FILE.mmd\n"
    "Turn a Mermaid `journey` diagram into a journey file: each section a stage,\n"
    "each task a touchpoint (channel other, initiator customer, emotion = score\n"
    "- 3), each actor an owner. The result passes `journeymap check`.\n"
    "\n"
    "Options:\n"
    "  -o FILE            write to FILE (replaced only once complete);\n"
    "                     default: standard output\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "A line that cannot be read is an error (FILE:LINE, exit 1); a score\n"
    "outside 1..5 is clamped with a warning. See docs/mermaid.md.\n";

int
cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"to", required_argument, NULL, 'X'},
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    const char *out_path = NULL, *to = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'o') {
            out_path = optarg;
        } else if (c == 'X') {
            to = optarg;
        } else {
            int rc = cli_option("export", c, argv, &ro, export_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
    }
    if (!to || strcmp(to, "mermaid") != 0)
        return usage_error("export", "--to wants mermaid%s%s%s", to ? ", not \"" : "", to ? to : "",
                           to ? "\"" : "");
    if (argc - optind != 1)
        return usage_error("export", "name exactly one journey file");
    if (!cli_rule_today("export", &ro))
        return EXIT_TROUBLE;
    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_model("export", argv[optind], &ro, &w, &status);
    if (j) {
        size_t len;
        char *text = mermaid_export(j, &len);
        const char *why;
        if (!output_write(out_path, text, len, &why)) {
            fprintf(stderr, "journeymap export: cannot write %s: %s\n",
                    out_path ? out_path : "standard output", why);
            status = EXIT_TROUBLE;
        } else {
            status = cli_findings_status(&w, &ro);
        }
        free(text);
    }
    workspace_finish(&w);
    return status;
}

/* The whole file, up to a limit; NULL with *why set when it cannot be read. */
static char *
slurp(const char *path, size_t *len, const char **why)
{
    char *text = NULL;
    errno = 0;
    /* O_NONBLOCK so that a FIFO cannot hang us; only regular files. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "is a folder, not a file" : "is not a regular file";
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        *why = strerror(errno);
        close(fd);
        return NULL;
    }
    struct buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_append(&b, chunk, n);
        if (b.len > ((size_t)16 << 20)) {
            *why = "is larger than 16 MiB; a Mermaid diagram is never that big";
            goto out;
        }
    }
    if (ferror(f)) {
        *why = strerror(EIO);
        goto out;
    }
    *len = b.len;
    text = buf_steal(&b);
out:
    fclose(f);
    buf_finish(&b);
    return text;
}

int
cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    const char *out_path = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'o') {
            out_path = optarg;
        } else {
            int rc = cli_option("import", c == 't' || c == 'F' ? '?' : c, argv, &ro, import_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
    }
    if (argc - optind != 1)
        return usage_error("import", "name exactly one Mermaid file");
    const char *path = argv[optind];
    size_t len = 0;
    const char *why = NULL;
    char *text = slurp(path, &len, &why);
    if (!text) {
        fprintf(stderr, "journeymap: cannot read %s: %s\n", path, why);
        return EXIT_TROUBLE;
    }
    /* Bytes that are not UTF-8 or NUL cannot become a journey file. */
    char *fixed = utf8_fix(text);
    if (strlen(text) != len || strcmp(fixed, text) != 0) {
        size_t line = 1;
        for (size_t i = 0; i < len && text[i] && text[i] == fixed[i]; i++)
            line += text[i] == '\n';
        fprintf(stderr, "%s:%zu: error: the file is not UTF-8 text; save it as UTF-8\n", path,
                line);
        free(fixed);
        free(text);
        return EXIT_FINDINGS;
    }
    free(fixed);
    /* The journey id: the file's name without folder and extension. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *stem = xstrdup(base);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = '\0';
    char *id = slug_make(stem, "journey", 1);
    free(stem);
    size_t xml_len = 0;
    struct journey *j = mermaid_read(text, len, path, id, stderr);
    char *xml = NULL;
    if (j) {
        char *comment = xasprintf("Imported from the Mermaid journey %s by `journeymap import`.\n"
                                  "     Channels and initiators are guesses (other, customer): set "
                                  "them, then run journeymap check.",
                                  path);
        xml = xmlout_journey(j, comment, &xml_len);
        free(comment);
        journey_free(j);
    }
    int status = EXIT_CLEAN;
    if (!xml) {
        status = EXIT_FINDINGS;
    } else {
        if (!output_write(out_path, xml, xml_len, &why)) {
            fprintf(stderr, "journeymap import: cannot write %s: %s\n",
                    out_path ? out_path : "standard output", why);
            status = EXIT_TROUBLE;
        }
    }
    free(xml);
    free(id);
    free(text);
    return status;
}
