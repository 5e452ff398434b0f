/*
 * cmd_compare.c - `journeymap compare`: our touchpoints against competitors'.
 */
#include "check/compare.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/diagram.h"
#include "render/markdown.h"

#include <stddef.h>

enum compare_format { COMPARE_MD, COMPARE_SVG };

const char *const compare_formats[] = {"md", "svg", NULL};

struct compare_cmd {
    int page;      /* --page: enum diagram_page */
    bool portrait; /* --portrait */
};

const struct cli_flag compare_flags[] = {
    {"page", CLI_CHOICE, offsetof(struct compare_cmd, page), diagram_page_names},
    {"portrait", CLI_SWITCH, offsetof(struct compare_cmd, portrait), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

/* A page is for the heat map. */
int
compare_validate(struct cli_args *a)
{
    const struct compare_cmd *c = a->cmd;
    if (c->page != DIAGRAM_PAGE_NONE && a->format != COMPARE_SVG)
        return usage_error("compare", "--page fits the heat map to a page; add -T svg");
    if (c->portrait && c->page == DIAGRAM_PAGE_NONE)
        return usage_error("compare", "--portrait turns a page upright; name one with --page");
    return CLI_CONTINUE;
}

int
cmd_compare(int argc, char **argv)
{
    struct compare_cmd c = {DIAGRAM_PAGE_NONE, false};
    struct cli_args a;
    int rc = cli_start(&cli_compare, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    cli_load_all(&a, &w);
    int status = cli_report_errors("compare", &w);
    struct comparison *cmp = compare_new((const struct journey *const *)w.journeys, w.n_journeys);
    char *data = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (a.format == COMPARE_SVG) {
        struct diagram_target t = diagram_natural(DIAGRAM_SVG);
        t.page = c.page;
        t.portrait = c.portrait;
        heatmap_render(cmp, &t, &data, &len, &why);
        cli_warn("compare", t.warning);
    } else

        data = comparison_render(cmp, &len);
    status = cli_emit(&a, &w, status, data, len, NULL, why);
    compare_free(cmp);
    workspace_finish(&w);
    return status;
}
