/*
 * cmd_import.c - `journeymap import`: a Mermaid `journey` diagram as a
 * journey file.
 */
#include "cli/cli.h"
#include "read/gate.h"
#include "read/mermaid.h"
#include "read/slug.h"
#include "render/xmlout.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A Mermaid diagram is never this big. */
#define IMPORT_MAX_BYTES ((size_t)16 << 20)

struct import_cmd {
    bool force;                /* --force: replace an existing output */
    struct cli_list customers; /* --customer-actor NAME… */
};

const struct cli_flag import_flags[] = {
    {"force", CLI_SWITCH, offsetof(struct import_cmd, force), NULL},
    {"customer-actor", CLI_LIST, offsetof(struct import_cmd, customers), NULL},
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

int
cmd_import(int argc, char **argv)
{
    struct import_cmd c = {false, {{NULL}, 0}};
    struct cli_args a;
    int rc = cli_start(&cli_import, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
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
