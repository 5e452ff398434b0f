/*
 * cmd_diagram.c - `journeymap diagram`: draw one journey with Graphviz.
 */
#include "cli/cli.h"
#include "render/diagram.h"
#include "write/output.h"
#include "check/workspace.h"

#include <getopt.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char diagram_help[] =
    "Usage: journeymap diagram [OPTION]... FILE\n"
    "  or:  journeymap diagram --view curve [OPTION]... FILE...\n"
    "Draw a customer journey: stages left to right, one box per touchpoint,\n"
    "coloured by score, with weak spots, empty stages and contact gaps marked.\n"
    "With --view curve, draw how customers feel instead: one point per\n"
    "touchpoint at its day (x) and emotion (y), joined in time order; several\n"
    "files overlay their segments' curves in distinct colours.\n"
    "\n"
    "Options:\n"
    "  --view VIEW        map (default) or curve\n"
    "  -T FORMAT          dot, svg, png or pdf (default: from -o's extension,\n"
    "                     else svg); dot is the graph before layout\n"
    "  -o FILE            write to FILE (replaced only once complete);\n"
    "                     default: standard output\n"
    "  --competitor ID    show that competitor's ratings beside our scores and\n"
    "                     its own touchpoints as grey ghost boxes (map only)\n"
    "  --today DATE       judge dates as of DATE (YYYY-MM-DD)\n"
    "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above (the\n"
    "                     diagram is still written unless there are errors)\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "A file with errors is refused: its errors go to standard error, exit 1.\n"
    "How to read the picture: docs/diagram.md.\n";

static bool
parse_format(const char *s, enum graph_format *out)
{
    for (int i = 0; i < GRAPH_FORMAT_COUNT; i++)
        if (strcmp(s, graph_format_names[i]) == 0) {
            *out = (enum graph_format)i;
            return true;
        }
    return false;
}

/* Write a finished diagram, or say why there is none; the exit status. */
static int
finish(bool drawn, const char *what, char *data, size_t len, const char *why, const char *out_path,
       const struct workspace *w, const struct rule_options *ro)
{
    int status;
    if (!drawn) {
        fprintf(stderr, "journeymap diagram: %s: %s\n", what, why);
        status = EXIT_FINDINGS;
    } else if (!output_write(out_path, data, len, &why)) {
        fprintf(stderr, "journeymap diagram: cannot write %s: %s\n",
                out_path ? out_path : "standard output", why);
        status = EXIT_TROUBLE;
    } else {
        status = cli_findings_status(w, ro);
    }
    free(data);
    return status;
}

/* --view curve: one or more journeys, every one usable. */
static int
draw_curve(char **files, size_t n, const struct rule_options *ro, enum graph_format format,
           const char *out_path)
{
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (stat(files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "journeymap diagram: %s is a folder; name journey files\n", files[i]);
            return EXIT_TROUBLE;
        }
    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, files, n, &ro->today);
    diag_sort(w.diag);
    int status;
    if (w.n_unreadable) {
        status = EXIT_TROUBLE;
    } else if (w.n_journeys != n || diag_worst(w.diag, 0) >= SEVERITY_ERROR) {
        status = cli_report_errors("diagram", &w);
    } else {
        char *data = NULL;
        size_t len = 0;
        const char *why = NULL;
        bool drawn = curve_render((const struct journey *const *)w.journeys, w.n_journeys, w.diag,
                                   format, &data, &len, &why);
        status = finish(drawn, n == 1 ? files[0] : "the curves", data, len, why, out_path, &w, ro);
    }
    workspace_finish(&w);
    return status;
}

int
cmd_diagram(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"competitor", required_argument, NULL, 'c'},
        {"view", required_argument, NULL, 'v'},
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    const char *out_path = NULL, *competitor_id = NULL;
    enum graph_format format = GRAPH_SVG;
    bool format_given = false, curve = false;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hT:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'T':
            if (!parse_format(optarg, &format))
                return usage_error("diagram", "-T wants dot, svg, png or pdf, not \"%s\"", optarg);
            format_given = true;
            break;
        case 'o':
            out_path = optarg;
            break;
        case 'c':
            competitor_id = optarg;
            break;
        case 'v':
            if (strcmp(optarg, "curve") != 0 && strcmp(optarg, "map") != 0)
                return usage_error("diagram", "--view wants map or curve, not \"%s\"", optarg);
            curve = strcmp(optarg, "curve") == 0;
            break;
        default: {
            int rc = cli_option("diagram", c, argv, &ro, diagram_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
        }
    }
    if (curve && competitor_id)
        return usage_error("diagram", "--competitor belongs to the map view, not the curve");
    if (curve ? argc - optind < 1 : argc - optind != 1)
        return usage_error("diagram", curve ? "name one or more journey files"
                                            : "name exactly one journey file");
    if (!format_given && out_path) {
        const char *dot = strrchr(out_path, '.');
        if (dot && !parse_format(dot + 1, &format))
            format = GRAPH_SVG;
    }
    if (!cli_rule_today("diagram", &ro))
        return EXIT_TROUBLE;
    if (curve)
        return draw_curve(argv + optind, (size_t)(argc - optind), &ro, format, out_path);

    struct workspace w;
    int status = EXIT_CLEAN;
    const struct journey *j = cli_load_model("diagram", argv[optind], &ro, &w, &status);
    if (!j) {
        workspace_finish(&w);
        return status;
    }
    const struct competitor *comp = NULL;
    if (competitor_id) {
        for (size_t i = 0; i < j->n_competitors; i++)
            if (strcmp(j->competitors[i]->id, competitor_id) == 0)
                comp = j->competitors[i];
        if (!comp) {
            fprintf(stderr, "journeymap diagram: %s has no competitor \"%s\"%s", argv[optind],
                    competitor_id, j->n_competitors ? "; it has:" : "");
            for (size_t i = 0; i < j->n_competitors; i++)
                fprintf(stderr, " %s", j->competitors[i]->id);
            fputc('\n', stderr);
            workspace_finish(&w);
            return EXIT_TROUBLE;
        }
    }
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    bool drawn = map_render(j, w.diag, comp, format, &data, &len, &why);
    status = finish(drawn, argv[optind], data, len, why, out_path, &w, &ro);
    workspace_finish(&w);
    return status;
}
