/*
 * cmd_agenda.c - `journeymap agenda`: one short document to run a
 * workshop from, across the segments given (check/agenda.h).
 */
#include "check/agenda.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "render/markdown.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

enum agenda_format { AGENDA_MD, AGENDA_HTML };

const char *const agenda_formats[] = {"md", "html", NULL};

static const char *const agenda_groupings[] = {"owner", NULL};

/* The most weak spots --top may ask for. */
#define AGENDA_TOP_MAX 1000

struct agenda_cmd {
    const char *top; /* --top N, as given */
    int by;          /* --by owner: 0; -1 when not given */
    size_t n_top;    /* the number, once validated */
};

const struct cli_flag agenda_flags[] = {
    {"html", CLI_FORMAT_IS, AGENDA_HTML, NULL},
    {"top", CLI_STRING, offsetof(struct agenda_cmd, top), NULL},
    {"by", CLI_CHOICE, offsetof(struct agenda_cmd, by), agenda_groupings},
    {NULL, CLI_SWITCH, 0, NULL},
};

int
agenda_validate(struct cli_args *a)
{
    struct agenda_cmd *c = a->cmd;
    c->n_top = 10;
    if (!c->top)
        return CLI_CONTINUE;
    char *end = NULL;
    errno = 0;
    long n = c->top[0] >= '0' && c->top[0] <= '9' ? strtol(c->top, &end, 10) : -1;
    if (n < 1 || n > AGENDA_TOP_MAX || errno || *end)
        return usage_error("agenda", "--top wants a whole number from 1 to %d, not \"%s\"",
                           AGENDA_TOP_MAX, c->top);
    c->n_top = (size_t)n;
    return CLI_CONTINUE;
}

int
cmd_agenda(int argc, char **argv)
{
    struct agenda_cmd c = {NULL, -1, 10};
    struct cli_args a;
    int rc = cli_start(&cli_agenda, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace w;
    cli_load_all(&a, &w);
    int status = cli_report_errors("agenda", &w);
    if (!w.n_journeys) {
        fprintf(stderr, "journeymap agenda: no journey could be used; nothing written\n");
        workspace_finish(&w);
        return status ? status : EXIT_FINDINGS;
    }
    const struct journey *const *js = (const struct journey *const *)w.journeys;
    struct agenda *ag = agenda_new(js, w.n_journeys, w.diag, c.n_top);
    size_t len = 0;
    char *data = agenda_render(ag, js, w.n_journeys, a.ro.today, c.by == 0,
                               cli_format(&a, AGENDA_MD) == AGENDA_HTML, &len);
    agenda_free(ag);
    status = cli_emit(&a, &w, status, data, len, NULL, NULL);
    workspace_finish(&w);
    return status;
}
