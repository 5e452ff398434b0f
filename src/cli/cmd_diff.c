/*
 * cmd_diff.c - `journeymap diff OLD NEW`: what changed between two
 * versions of a journey, or of a folder of journeys (diff.md).
 */
#include "check/diff.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "read/gitread.h"
#include "render/changes.h"
#include "render/diagram.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum diff_format { DIFF_MD, DIFF_JSON, DIFF_SVG, DIFF_DOT };

const char *const diff_formats[] = {"md", "json", "svg", "dot", NULL};

/* The last part of a path, for the map's "since OLD". */
static const char *
cli_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static bool
is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

struct diff_cmd {
    const char *rev; /* --rev REV: the old side from git */
};

const struct cli_flag diff_flags[] = {
    {"rev", CLI_STRING, offsetof(struct diff_cmd, rev), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

/* -T svg (or dot, the graph before layout): NEW's map with the changes
 * drawn, for one journey; NULL after saying why. */
static char *
diff_svg(const struct diff *d, const char *since, const struct diag *dnew, bool dot, size_t *len)
{
    if (d->n != 1 || !d->v[0].new_) {
        fprintf(stderr, "journeymap diff: -T %s draws one journey's new map; %s\n",
                dot ? "dot" : "svg",
                d->n != 1 ? "compare one file, not folders of several"
                          : "the journey was removed");
        return NULL;
    }
    struct diagram_target t = diagram_natural(dot ? DIAGRAM_DOT : DIAGRAM_SVG);
    char *data = NULL;
    const char *why = NULL;
    if (!map_changes_render(&d->v[0], since, dnew, &t, &data, len, &why))
        fprintf(stderr, "journeymap diff: %s\n", why);
    return data;
}

/* Two files or two folders; with --rev, files and folders as now. */
int
diff_validate(struct cli_args *a)
{
    const struct diff_cmd *c = a->cmd;
    if (c->rev && !*c->rev)
        return usage_error("diff", "--rev wants a revision, such as HEAD~1 or a tag");
    if (!c->rev && a->n_operands != 2)
        return usage_error("diff", "name two files or two folders (OLD NEW), or --rev REV and "
                                   "the files or folders to compare with that revision");
    if (!c->rev && is_dir(a->operands[0]) != is_dir(a->operands[1]))
        return usage_error("diff", "compare two files or two folders, not a file with a folder");
    return CLI_CONTINUE;
}

/* The old side as of --rev: each operand's files at that revision. */
static bool
diff_side_at(const struct cli_args *a, const char *rev, struct workspace *w)
{
    workspace_init(w);
    bool ok = true;
    for (size_t i = 0; i < a->n_operands && ok; i++) {
        struct git_files f;
        char why[512];
        ok = gitread_path(a->operands[i], rev, &f, why, sizeof why);
        if (!ok)
            fprintf(stderr, "journeymap diff: %s\n", why);
        for (size_t k = 0; ok && k < f.n; k++)
            workspace_load_bytes(w, f.v[k].label, f.v[k].data, f.v[k].len, &a->ro.today);
        git_files_finish(&f);
    }
    diag_sort(w->diag);
    if (ok && (diag_worst(w->diag, 0) >= SEVERITY_ERROR || w->n_journeys != w->n_read)) {
        cli_report_errors("diff", w);
        ok = false;
    }
    return ok;
}

/* One side, loaded and checked; false (after saying why) when it cannot
 * be compared: a file not read, or findings at error level. */
static bool
diff_side(const struct cli_args *a, char *const *paths, size_t n, struct workspace *w)
{
    workspace_init(w);
    workspace_load(w, paths, n, &a->ro.today);
    diag_sort(w->diag);
    if (w->n_unreadable)
        return false;
    if (diag_worst(w->diag, 0) >= SEVERITY_ERROR || w->n_journeys != w->n_read) {
        cli_report_errors("diff", w);
        return false;
    }
    return true;
}

int
cmd_diff(int argc, char **argv)
{
    struct diff_cmd c = {NULL};
    struct cli_args a;
    int rc = cli_start(&cli_diff, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    struct workspace old, new_;
    bool ok;
    if (c.rev) {
        ok = diff_side_at(&a, c.rev, &old);
        ok = diff_side(&a, a.operands, a.n_operands, &new_) && ok;
    } else {
        ok = diff_side(&a, a.operands, 1, &old);
        ok = diff_side(&a, a.operands + 1, 1, &new_) && ok;
    }
    /* One file against one file: compared whatever their journey ids. */
    bool pair = a.n_operands == (c.rev ? 1u : 2u) && !is_dir(a.operands[0]);
    int status = EXIT_TROUBLE;
    if (ok) {
        struct diff *d = diff_new(old.journeys, old.n_journeys, old.diag, new_.journeys,
                                  new_.n_journeys, new_.diag, pair);
        size_t len = 0;
        char *data = NULL;
        if (a.format == DIFF_SVG || a.format == DIFF_DOT)
            data = diff_svg(d, c.rev ? c.rev : cli_basename(a.operands[0]), new_.diag,
                            a.format == DIFF_DOT, &len);
        else
            data = a.format == DIFF_JSON ? diff_json(d, &len) : diff_markdown(d->v, d->n, &len);
        status = data ? cli_write(&a, data, len) : EXIT_TROUBLE;
        if (status == EXIT_CLEAN && diff_differs(d))
            status = EXIT_FINDINGS;
        free(data);
        diff_free(d);
    }
    workspace_finish(&old);
    workspace_finish(&new_);
    gitread_cleanup();
    return status;
}
