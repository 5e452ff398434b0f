/*
 * main.c - the journeymap executable: dispatch to a subcommand.
 */
#include "cli/cli.h"
#include "render/diagram.h"
#include "read/load.h"
#include "render/report.h"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static const char main_help[] =
    "Usage: journeymap COMMAND [OPTION]... [ARG]...\n"
    "Model customer journeys as text: check them for gaps and weak spots.\n"
    "\n"
    "Commands:\n"
    "  build [DIR]         the main job: check models/ and write every output\n"
    "                      (diagrams, checklists, agenda, comparison, index.html)\n"
    "  check FILE|DIR...   validate journeys; print errors, gaps and weak spots\n"
    "  diagram FILE        draw a journey with Graphviz (svg, png, pdf, dot)\n"
    "  checklist FILE      the Markdown (or HTML) review checklist of a journey\n"
    "  agenda FILE|DIR...  the workshop agenda: overdue plans, weak spots, gaps\n"
    "  compare FILE|DIR... our touchpoints against competitors' (md or svg)\n"
    "  coverage FILE|DIR... where we meet customers: phases by channels (md or svg)\n"
    "  diff OLD NEW        what changed between two versions (md or json)\n"
    "  evidence MODEL LOG... the map against a contact log: reach, delays, silences\n"
    "  new ID              a commented starter journey for a new segment\n"
    "  export --to mermaid FILE   a journey as a Mermaid `journey` diagram\n"
    "  export --to csv FILE|DIR... the touchpoint inventory, for spreadsheets\n"
    "  import FILE.mmd|FILE.csv  a Mermaid diagram or an inventory as journey files\n"
    "\n"
    "Options:\n"
    "  -h, --help          show this help and exit\n"
    "  --version           show the version and exit\n"
    "\n"
    "'journeymap COMMAND --help' describes a command. Exit status: 0 clean,\n"
    "1 findings at the failing level, 2 usage error or unreadable file.\n";

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"check", cmd_check},   {"diagram", cmd_diagram}, {"checklist", cmd_checklist},
    {"agenda", cmd_agenda}, {"new", cmd_new},         {"compare", cmd_compare},
    {"diff", cmd_diff},     {"coverage", cmd_coverage},
    {"evidence", cmd_evidence},
    {"build", cmd_build},   {"export", cmd_export},   {"import", cmd_import},
};

int
main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error(NULL, "no command given");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(main_help, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("journeymap %s\n", JOURNEYMAP_VERSION);
        return EXIT_CLEAN;
    }
    for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            /* Past `ulimit -f`, write() fails with EFBIG and the command
             * reports it (exit 2), instead of dying mid-file. */
            signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
            /* Blocks of a MiB or more (the arenas' chunks, the findings,
             * the reader's pool) are mapped and given back on their own.
             * By default glibc raises this threshold each time such a
             * block is freed and then serves the next ones from the heap,
             * where a grown array can leave its old copy resident: 15% of
             * check's peak memory on a large journey (performance.md). */
            mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
            load_init();
            int status = commands[i].run(argc - 1, argv + 1);
            diagram_cleanup();
            report_cleanup();
            load_cleanup();
            return status;
        }
    }
    if (argv[1][0] == '-')
        return usage_error(NULL, "unknown option '%s'", argv[1]);
    return usage_error(NULL, "unknown command '%s'", argv[1]);
}
