/*
 * cmd_import.c - `journeymap import`: a Mermaid `journey` diagram, or a
 * touchpoint inventory (CSV from a spreadsheet), as journey files.
 */
#include "cli/cli.h"
#include "core/diag.h"
#include "read/gate.h"
#include "read/inventory.h"
#include "read/load.h"
#include "read/mermaid.h"
#include "read/slug.h"
#include "render/report.h"
#include "render/xmlout.h"
#include "write/output.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* A Mermaid diagram, or a touchpoint inventory, is never this big. */
#define IMPORT_MAX_BYTES ((size_t)16 << 20)
#define IMPORT_MAX_CSV_BYTES ((size_t)64 << 20)

enum { IMPORT_MERMAID, IMPORT_CSV };
static const char *const import_formats[] = {"mermaid", "csv", NULL};

struct import_cmd {
    bool force;                /* --force: replace an existing output */
    struct cli_list customers; /* --customer-actor NAME… */
    int from;                  /* --from: an index into import_formats, or -1 (by extension) */
};

const struct cli_flag import_flags[] = {
    {"force", CLI_SWITCH, offsetof(struct import_cmd, force), NULL},
    {"customer-actor", CLI_LIST, offsetof(struct import_cmd, customers), NULL},
    {"from", CLI_CHOICE, offsetof(struct import_cmd, from), import_formats},
    {NULL, CLI_SWITCH, 0, NULL},
};

/* Bytes that are not UTF-8, or a NUL, cannot become a journey file:
 * false after saying on which line. */
static bool
import_is_utf8(const char *path, const char *text, size_t len)
{
    char *fixed = utf8_fix(text);
    bool ok = strlen(text) == len && strcmp(fixed, text) == 0;
    if (!ok) {
        size_t line = 1;
        for (size_t i = 0; i < len && text[i] && text[i] == fixed[i]; i++)
            line += text[i] == '\n';
        fprintf(stderr, "%s:%zu: error: the file is not UTF-8 text; save it as UTF-8\n", path,
                line);
    }
    free(fixed);
    return ok;
}

/* The journey id: the file's name without folder and extension. Caller frees. */
static char *
import_id(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *stem = xstrdup(base);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = '\0';
    char *id = slug_make(stem, "journey", 1);
    free(stem);
    return id;
}

/* The journey file, or NULL after the reader's errors. Caller frees. */
static char *
import_mermaid(const struct import_cmd *c, const char *path, const char *text, size_t len,
               size_t *xml_len)
{
    char *id = import_id(path);
    struct mermaid_options o = {c->customers.v, c->customers.n, false};
    struct journey *j = mermaid_read(text, len, path, id, stderr, &o);
    free(id);
    if (!j)
        return NULL;
    char *comment =
        xasprintf("Imported from the Mermaid journey %s by `journeymap import`.%s", path,
                  o.guessed ? "\n     Channels and initiators are guesses (other, customer) "
                              "where the diagram\n     did not say: set them, then run "
                              "journeymap check."
                            : "");
    char *xml = xmlout_journey(j, comment, xml_len);
    free(comment);
    journey_free(j);
    return xml;
}

/* The inventory's journeys as journey files, each read back through the
 * loader: what import writes always loads. NULL after saying why. */
static char **
import_csv_files(const char *path, const struct inventory *inv, size_t *lens)
{
    char **xml = xcalloc(inv->n + 1, sizeof *xml);
    char *comment = xasprintf("Imported from the touchpoint inventory %s by `journeymap import`.",
                              path);
    bool ok = true;
    for (size_t i = 0; i < inv->n && ok; i++) {
        xml[i] = xmlout_journey(inv->journeys[i], comment, &lens[i]);
        struct diag *d = diag_new();
        diag_begin_file(d, path);
        struct journey *back = NULL;
        if (load_journey_bytes(xml[i], lens[i], path, d, 0, &back) != LOAD_OK) {
            report_human(stderr, d);
            fprintf(stderr, "journeymap import: journey %s would not load (a bug: please report "
                            "it with the CSV); nothing written\n",
                    inv->journeys[i]->id);
            ok = false;
        }
        journey_free(back);
        diag_free(d);
    }
    free(comment);
    if (!ok) {
        for (size_t i = 0; i < inv->n; i++)
            free(xml[i]);
        free(xml);
        return NULL;
    }
    return xml;
}

/* Write each journey as DIR/ID.xml: none when any exists (without --force). */
static int
import_into(const char *dir, const struct inventory *inv, char **xml, const size_t *lens,
            bool force)
{
    char **paths = xcalloc(inv->n + 1, sizeof *paths);
    size_t taken = 0;
    struct stat st;
    for (size_t i = 0; i < inv->n; i++) {
        size_t n = strlen(dir);
        paths[i] = xasprintf("%s%s%s.xml", dir, n && dir[n - 1] == '/' ? "" : "/",
                             inv->journeys[i]->id);
        if (!force && lstat(paths[i], &st) == 0) {
            fprintf(stderr, "journeymap import: %s already exists\n", paths[i]);
            taken++;
        }
    }
    int status = EXIT_CLEAN;
    if (taken) {
        fprintf(stderr, "journeymap import: nothing written; use --force to replace %s\n",
                taken == 1 ? "it" : "them");
        status = EXIT_TROUBLE;
    }
    for (size_t i = 0; i < inv->n && status == EXIT_CLEAN; i++) {
        const char *why = NULL;
        bool exists = false;
        bool ok = force ? output_write(paths[i], xml[i], lens[i], &why)
                        : output_create(paths[i], xml[i], lens[i], &exists, &why);
        if (!ok) {
            fprintf(stderr, "journeymap import: cannot write %s: %s\n", paths[i],
                    exists ? "it appeared meanwhile" : why);
            status = EXIT_TROUBLE;
        } else {
            size_t n = inv->journeys[i]->n_touchpoints;
            fprintf(stderr, "journeymap import: wrote %s (%zu touchpoint%s of ours)\n", paths[i],
                    n, n == 1 ? "" : "s");
        }
    }
    for (size_t i = 0; i < inv->n; i++)
        free(paths[i]);
    free(paths);
    return status;
}

/* Where the journeys go: one file (-o, or standard output), or a folder. */
static int
import_csv_write(const struct cli_args *a, const struct import_cmd *c,
                 const struct inventory *inv, char **xml, const size_t *lens)
{
    struct stat st;
    bool is_dir = a->out && stat(a->out, &st) == 0 && S_ISDIR(st.st_mode);
    size_t n = a->out ? strlen(a->out) : 0;
    if (a->out && !is_dir && n && a->out[n - 1] == '/') {
        fprintf(stderr, "journeymap import: folder %s does not exist; create it first\n", a->out);
        return EXIT_TROUBLE;
    }
    if (is_dir)
        return import_into(a->out, inv, xml, lens, c->force);
    if (inv->n > 1) {
        fprintf(stderr, "journeymap import: the file holds %zu journeys (", inv->n);
        for (size_t i = 0; i < inv->n; i++)
            fprintf(stderr, "%s%s", i ? ", " : "", inv->journeys[i]->id);
        fprintf(stderr, "); name a folder for one file each: -o DIR/\n");
        return EXIT_TROUBLE;
    }
    return cli_create(a, xml[0], lens[0], c->force);
}

static int
import_csv(const struct cli_args *a, const struct import_cmd *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    const char *why = !f ? strerror(errno)
                      : fstat(fileno(f), &st) != 0 ? strerror(errno)
                      : S_ISDIR(st.st_mode) ? "it is a folder"
                      : (size_t)st.st_size > IMPORT_MAX_CSV_BYTES
                          ? "it is larger than 64 MiB; a touchpoint inventory is never that big"
                          : NULL;
    if (why) {
        fprintf(stderr, "journeymap import: cannot read %s: %s\n", path, why);
        if (f)
            fclose(f);
        return EXIT_TROUBLE;
    }
    char *id = import_id(path);
    struct inventory inv;
    bool ok = inventory_read(f, path, id, stderr, &inv);
    fclose(f);
    free(id);
    if (!ok) {
        fprintf(stderr, "journeymap import: %zu error%s in %s; nothing written\n", inv.errors,
                inv.errors == 1 ? "" : "s", path);
        return EXIT_FINDINGS;
    }
    size_t *lens = xcalloc(inv.n + 1, sizeof *lens);
    char **xml = import_csv_files(path, &inv, lens);
    int status = xml ? import_csv_write(a, c, &inv, xml, lens) : EXIT_FINDINGS;
    for (size_t i = 0; xml && i < inv.n; i++)
        free(xml[i]);
    free(xml);
    free(lens);
    inventory_finish(&inv);
    return status;
}

/* CSV by --from, else by the file's extension (.csv, .tsv). */
static bool
import_is_csv(const struct import_cmd *c, const char *path)
{
    if (c->from >= 0)
        return c->from == IMPORT_CSV;
    const char *dot = strrchr(path, '.');
    return dot && (strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".tsv") == 0);
}

int
cmd_import(int argc, char **argv)
{
    struct import_cmd c = {false, {{NULL}, 0}, -1};
    struct cli_args a;
    int rc = cli_start(&cli_import, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    if (import_is_csv(&c, a.operands[0]))
        return import_csv(&a, &c, a.operands[0]);
    const char *path = a.operands[0], *why = NULL;
    size_t len = 0, xml_len = 0;
    char *text =
        gate_slurp(path, IMPORT_MAX_BYTES,
                   "is larger than 16 MiB; a Mermaid diagram is never that big", &len, &why);
    if (!text) {
        fprintf(stderr, "journeymap: cannot read %s: %s\n", path, why);
        return EXIT_TROUBLE;
    }
    int status = EXIT_FINDINGS;
    char *xml =
        import_is_utf8(path, text, len) ? import_mermaid(&c, path, text, len, &xml_len) : NULL;
    if (xml)
        status = cli_create(&a, xml, xml_len, c.force);
    free(xml);
    free(text);
    return status;
}
