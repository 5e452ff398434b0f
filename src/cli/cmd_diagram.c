/*
 * cmd_diagram.c - `journeymap diagram`: draw one journey's map, or the
 * emotion curve of one or several, with Graphviz.
 */
#include "check/workspace.h"
#include "cli/cli.h"
#include "read/load.h"
#include "render/diagram.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum diagram_view { DIAGRAM_MAP, DIAGRAM_CURVE, DIAGRAM_LANES };

static const char *const diagram_views[] = {"map", "curve", "lanes", NULL};

struct diagram_cmd {
    const char *competitor; /* --competitor ID, or NULL */
    int view;               /* --view: enum diagram_view */
    int page;               /* --page: enum diagram_page */
    bool portrait;          /* --portrait */
};

const struct cli_flag diagram_flags[] = {
    {"competitor", CLI_STRING, offsetof(struct diagram_cmd, competitor), NULL},
    {"view", CLI_CHOICE, offsetof(struct diagram_cmd, view), diagram_views},
    {"page", CLI_CHOICE, offsetof(struct diagram_cmd, page), diagram_page_names},
    {"portrait", CLI_SWITCH, offsetof(struct diagram_cmd, portrait), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

/* The map and the lanes take one file and may show a competitor; the curve
 * takes several. */
int
diagram_validate(struct cli_args *a)
{
    const struct diagram_cmd *d = a->cmd;
    if (d->view == DIAGRAM_CURVE && d->competitor)
        return usage_error("diagram", "--competitor belongs to the map and lanes views, not the curve");
    if (d->view != DIAGRAM_CURVE && a->n_operands != 1)
        return usage_error("diagram", "name exactly one journey file");
    if (d->portrait && d->page == DIAGRAM_PAGE_NONE)
        return usage_error("diagram", "--portrait turns a page upright; name one with --page");
    return CLI_CONTINUE;
}

/* The format and page the command draws on. */
static struct diagram_target
diagram_target(const struct cli_args *a)
{
    const struct diagram_cmd *c = a->cmd;
    struct diagram_target t = diagram_natural((enum diagram_format)cli_format(a, DIAGRAM_SVG));
    t.page = c->page;
    t.portrait = c->portrait;
    return t;
}

/* --view curve: one or more journeys, every one usable. */
static int
diagram_curve(const struct cli_args *a)
{
    struct stat st;
    for (size_t i = 0; i < a->n_operands; i++)
        if (stat(a->operands[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "journeymap diagram: %s is a folder; name journey files\n",
                    a->operands[i]);
            return EXIT_TROUBLE;
        }
    struct workspace w;
    cli_load_all(a, &w);
    int status;
    if (w.n_unreadable) {
        status = EXIT_TROUBLE;
    } else if (w.n_journeys != a->n_operands || diag_worst(w.diag, 0) >= SEVERITY_ERROR) {
        status = cli_report_errors("diagram", &w);
    } else {
        char *data = NULL;
        size_t len = 0;
        const char *why = NULL;
        struct diagram_target t = diagram_target(a);
        curve_render((const struct journey *const *)w.journeys, w.n_journeys, w.diag, &t, &data,
                     &len, &why);
        cli_warn("diagram", t.warning);
        status = cli_emit(a, &w, EXIT_CLEAN, data, len,
                          a->n_operands == 1 ? a->operands[0] : "the curves", why);
    }
    workspace_finish(&w);
    return status;
}

/* The competitor named by --competitor, or NULL after saying which there are. */
static const struct competitor *
diagram_competitor(const struct journey *j, const char *file, const char *id)
{
    for (size_t i = 0; i < j->n_competitors; i++)
        if (strcmp(j->competitors[i]->id, id) == 0)
            return j->competitors[i];
    fprintf(stderr, "journeymap diagram: %s has no competitor \"%s\"%s", file, id,
            j->n_competitors ? "; it has:" : "");
    for (size_t i = 0; i < j->n_competitors; i++)
        fprintf(stderr, " %s", j->competitors[i]->id);
    fputc('\n', stderr);
    return NULL;
}

/* The map or the lanes of one journey. */
static int
diagram_map(const struct cli_args *a, const struct journey *j, const struct diag *d, char **data,
            size_t *len, const char **why)
{
    const struct diagram_cmd *c = a->cmd;
    const struct competitor *comp = NULL;
    if (c->competitor && !(comp = diagram_competitor(j, a->operands[0], c->competitor)))
        return EXIT_TROUBLE;
    struct diagram_target t = diagram_target(a);
    if (c->view == DIAGRAM_LANES)
        lanes_render(j, d, comp, &t, data, len, why);
    else
        map_render(j, d, comp, &t, data, len, why);
    cli_warn("diagram", t.warning);
    return CLI_CONTINUE;
}

int
cmd_diagram(int argc, char **argv)
{
    struct diagram_cmd d = {NULL, DIAGRAM_MAP, DIAGRAM_PAGE_NONE, false};
    struct cli_args a;
    int rc = cli_start(&cli_diagram, &d, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    if (d.view != DIAGRAM_LANES) /* only the lanes show Markdown texts */
        a.load_flags = LOAD_SKIP_TEXTS;
    return d.view == DIAGRAM_CURVE ? diagram_curve(&a) : cli_one_model(&a, diagram_map);
}
