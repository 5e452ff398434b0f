/*
 * cmd_build.c - `journeymap build`: the main job. Check every model of a
 * folder and write every output for each usable one, the comparison, and
 * the index pages, into one output folder.
 *
 * The steps, each a function below: load the models; write each usable
 * segment's outputs; the comparison; the agenda; the index pages; remove the stale
 * outputs of models that are gone; write the manifest of what was written
 * (write/manifest.h); print the summary. Files of a model that now has
 * errors are kept as they were; files build never wrote are never touched.
 */
#include "check/agenda.h"
#include "check/compare.h"
#include "check/coverage.h"
#include "check/diff.h"
#include "check/workspace.h"
#include "cli/cli.h"
#include "read/files.h"
#include "read/gitread.h"
#include "render/changes.h"
#include "render/diagram.h"
#include "render/markdown.h"
#include "render/site.h"
#include "write/manifest.h"
#include "write/output.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One run of build. */
struct build {
    const char *out;      /* the output folder */
    int status;           /* the worst so far */
    size_t files;         /* written */
    struct manifest now;  /* what this run wrote */
    struct workspace w;   /* the models */
    struct site_entry *v; /* one per model: usable ones, then those with errors */
    size_t n;             /* entries in v */
    char **svgs;          /* per entry: its map and its curve, for index.html */
    char *compare_svg;    /* the heat map, for index.html; NULL when not drawn */
    char *coverage_html;  /* the all-segments coverage table, for index.html */
    const struct rule_options *ro;
    const char *since;    /* --since REV, or NULL */
    struct workspace old; /* the models as of REV (with --since) */
    struct diff *diff;    /* what changed since REV, per usable model (with --since) */
    struct file_list logs; /* --logs: the contact logs */
};

struct build_cmd {
    const char *since; /* --since REV */
    const char *logs;  /* --logs PATH */
};

const struct cli_flag build_flags[] = {
    {"since", CLI_STRING, offsetof(struct build_cmd, since), NULL},
    {"logs", CLI_STRING, offsetof(struct build_cmd, logs), NULL},
    {NULL, CLI_SWITCH, 0, NULL},
};

/* Write one output file into the folder and remember it. */
static void
build_write(struct build *b, const char *source, const char *name, const char *data, size_t len)
{
    char *path = xasprintf("%s/%s", b->out, name);
    const char *why = NULL;
    if (output_write(path, data, len, &why)) {
        b->files++;
        manifest_add(&b->now, source, name);
    } else {
        fprintf(stderr, "journeymap build: cannot write %s: %s\n", path, why);
        b->status = EXIT_TROUBLE;
    }
    free(path);
}

/* Write ID.SUFFIX for a model. */
static void
build_write_of(struct build *b, const struct site_entry *e, const char *suffix, const char *data,
               size_t len)
{
    char *name = xasprintf("%s.%s", e->j->id, suffix);
    build_write(b, e->source, name, data, len);
    free(name);
}

/* The output folder exists, or is made; false after saying why not. */
static bool
build_outdir(const char *out)
{
    struct stat st;
    if (mkdir(out, 0777) == 0 || (errno == EEXIST && stat(out, &st) == 0 && S_ISDIR(st.st_mode)))
        return true;
    fprintf(stderr, "journeymap build: cannot use %s as the output folder: %s\n", out,
            strerror(errno == EEXIST ? ENOTDIR : errno));
    return false;
}

/* Load and check every model of dir; one entry per model, with its counts. */
static void
build_load(struct build *b, const char *folder)
{
    char *dir = xstrdup(folder);
    workspace_init(&b->w);
    workspace_load(&b->w, &dir, 1, &b->ro->today);
    free(dir);
    diag_sort(b->w.diag);
    b->status = cli_report_errors("build", &b->w);
    b->v = xcalloc(b->w.n_files + 1, sizeof *b->v);
    b->svgs = xcalloc(2 * b->w.n_files + 1, sizeof *b->svgs);
    for (size_t i = 0; i < b->w.n_journeys; i++)
        b->v[b->n++] = (struct site_entry){.source = b->w.journeys[i]->file, .j = b->w.journeys[i]};
    for (size_t i = 0; i < diag_count(b->w.diag); i++) {
        const struct finding *f = diag_get(b->w.diag, i);
        const char *file = diag_file(b->w.diag, f);
        size_t k = 0;
        while (k < b->n && b->v[k].source != file)
            k++;
        if (k == b->n)
            b->v[b->n++] = (struct site_entry){.source = file};
        b->v[k].count[f->severity]++;
    }
}

enum build_view { BUILD_MAP, BUILD_CURVE, BUILD_LANES };

/* --since REV: the models of the folder as of REV, and what changed since
 * (false after saying why: REV does not resolve, or the folder is in no
 * repository). Models that had errors at REV are left out of it. */
static bool
build_since(struct build *b, const char *folder)
{
    struct git_files f;
    char why[512];
    if (!gitread_path(folder, b->since, &f, why, sizeof why)) {
        fprintf(stderr, "journeymap build: --since %s: %s\n", b->since, why);
        return false;
    }
    for (size_t k = 0; k < f.n; k++)
        workspace_load_bytes(&b->old, f.v[k].label, f.v[k].data, f.v[k].len, &b->ro->today);
    git_files_finish(&f);
    diag_sort(b->old.diag);
    if (diag_worst(b->old.diag, 0) >= SEVERITY_ERROR)
        fprintf(stderr, "journeymap build: --since %s: some models had errors then; they count "
                        "as added\n",
                b->since);
    b->diff = diff_new(b->old.journeys, b->old.n_journeys, b->old.diag, b->w.journeys,
                       b->w.n_journeys, b->w.diag, false);
    return true;
}

/* What changed about j since --since's revision, or NULL without it. */
static const struct journey_diff *
build_since_of(const struct build *b, const struct journey *j)
{
    for (size_t i = 0; b->diff && i < b->diff->n; i++)
        if (b->diff->v[i].new_ == j)
            return &b->diff->v[i];
    return NULL;
}

/* A picture of one model, or a message and NULL. */
static char *
build_picture(struct build *b, const struct site_entry *e, enum build_view view,
              struct diagram_target t, size_t *len)
{
    char *data = NULL;
    const char *why = NULL;
    bool drawn = view == BUILD_CURVE   ? curve_render(&e->j, 1, b->w.diag, &t, &data, len, &why)
                 : view == BUILD_LANES ? lanes_render(e->j, b->w.diag, NULL, &t, &data, len, &why)
                                       : map_render(e->j, b->w.diag, NULL, &t, &data, len, &why);
    if (!drawn) {
        fprintf(stderr, "journeymap build: %s: %s\n", e->source, why);
        b->status = EXIT_FINDINGS;
    }
    return drawn ? data : NULL;
}

/* ID.dot, ID.svg, ID.curve.svg, ID.lanes.svg, ID.lanes.pdf (A3),
 * ID.checklist.md and .html; the map and curve SVGs stay in the entry for
 * index.html. */
static void
build_segment(struct build *b, size_t i)
{
    struct site_entry *e = &b->v[i];
    size_t len = 0;
    char *data = build_picture(b, e, BUILD_MAP, diagram_natural(DIAGRAM_DOT), &len);
    if (data)
        build_write_of(b, e, "dot", data, len);
    free(data);
    if ((e->svg = b->svgs[2 * i] =
             build_picture(b, e, BUILD_MAP, diagram_natural(DIAGRAM_SVG), &len)))
        build_write_of(b, e, "svg", e->svg, len);
    if ((e->curve_svg = b->svgs[2 * i + 1] =
             build_picture(b, e, BUILD_CURVE, diagram_natural(DIAGRAM_SVG), &len)))
        build_write_of(b, e, "curve.svg", e->curve_svg, len);
    if ((data = build_picture(b, e, BUILD_LANES, diagram_natural(DIAGRAM_SVG), &len)))
        build_write_of(b, e, "lanes.svg", data, len);
    e->lanes = data != NULL;
    free(data);
    struct diagram_target a3 = diagram_natural(DIAGRAM_PDF);
    a3.page = DIAGRAM_PAGE_A3;
    if ((data = build_picture(b, e, BUILD_LANES, a3, &len)))
        build_write_of(b, e, "lanes.pdf", data, len);
    e->lanes = e->lanes && data != NULL;
    free(data);
    const struct journey_diff *since = build_since_of(b, e->j);
    if (since) {
        data = diff_markdown(since, 1, &len);
        build_write_of(b, e, "diff.md", data, len);
        free(data);
        e->since = b->since;
        e->since_summary = diff_summary_text(since);
    }
    for (int html = 0; html <= 1; html++) {
        data = checklist_render(e->j, b->w.diag, b->ro->today, html, since, b->since, &len);
        build_write_of(b, e, html ? "checklist.html" : "checklist.md", data, len);
        free(data);
    }
}

/* build --logs: ID.evidence.md and ID.evidence.svg, and the page's line. */
static void
build_evidence(struct build *b, struct site_entry *e)
{
    struct evidence_outputs ev;
    int status = evidence_for_build(e->j, e->source, b->logs.paths, b->logs.n, &ev);
    if (status != EXIT_CLEAN) {
        b->status = status > b->status ? status : b->status;
        return;
    }
    if (ev.md)
        build_write_of(b, e, "evidence.md", ev.md, ev.md_len);
    if (ev.svg)
        build_write_of(b, e, "evidence.svg", ev.svg, ev.svg_len);
    e->evidence_summary = ev.summary;
    e->evidence_map = ev.svg != NULL;
    if (ev.summary && ev.worst >= b->ro->fail_on && b->status == EXIT_CLEAN)
        b->status = EXIT_FINDINGS;
    free(ev.md);
    free(ev.svg);
}

/* Every usable segment, with a progress line on a terminal. */
static void
build_segments(struct build *b)
{
    bool tty = isatty(STDERR_FILENO);
    for (size_t i = 0; i < b->n; i++) {
        if (!b->v[i].j)
            continue;
        if (tty)
            fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, b->w.n_journeys, b->v[i].j->id);
        build_segment(b, i);
        if (b->logs.n)
            build_evidence(b, &b->v[i]);
    }
    if (tty && b->w.n_journeys)
        fputs("\r\033[K", stderr);
}

/* compare.md and compare.svg, across every usable segment. */
static void
build_comparison(struct build *b)
{
    struct comparison *cmp =
        compare_new((const struct journey *const *)b->w.journeys, b->w.n_journeys);
    size_t len = 0;
    char *data = comparison_render(cmp, &len);
    build_write(b, "", "compare.md", data, len);
    free(data);
    const char *why = NULL;
    struct diagram_target t = diagram_natural(DIAGRAM_SVG);
    if (heatmap_render(cmp, &t, &b->compare_svg, &len, &why))
        build_write(b, "", "compare.svg", b->compare_svg, len);
    else
        fprintf(stderr, "journeymap build: the comparison: %s\n", why);
    compare_free(cmp);
}

/* coverage.md and coverage.svg, across every usable segment. */
static void
build_coverage(struct build *b)
{
    struct coverage *c = coverage_new((const struct journey *const *)b->w.journeys, b->w.n_journeys);
    size_t len = 0;
    char *data = coverage_markdown(c, &len);
    build_write(b, "", "coverage.md", data, len);
    free(data);
    const char *why = NULL;
    struct diagram_target t = diagram_natural(DIAGRAM_SVG);
    if (coverage_render(c, &t, &data, &len, &why))
        build_write(b, "", "coverage.svg", data, len);
    else
        fprintf(stderr, "journeymap build: the coverage: %s\n", why);
    free(data);
    b->coverage_html = coverage_total_html(c, &len);
    coverage_free(c);
}

/* agenda.md and agenda.html, across every usable segment. */
static void
build_agenda(struct build *b)
{
    const struct journey *const *js = (const struct journey *const *)b->w.journeys;
    struct agenda *ag = agenda_new(js, b->w.n_journeys, b->w.diag, 10);
    for (int html = 0; html <= 1; html++) {
        size_t len = 0;
        char *data = agenda_render(ag, js, b->w.n_journeys, b->ro->today, false, html, &len);
        build_write(b, "", html ? "agenda.html" : "agenda.md", data, len);
        free(data);
    }
    agenda_free(ag);
}

/* index.md and index.html, the workshop page. */
static void
build_index(struct build *b)
{
    size_t len = 0;
    char *data = index_render(b->v, b->n, b->compare_svg != NULL, b->ro->today, &len);
    build_write(b, "", "index.md", data, len);
    free(data);
    struct site_extras x = {b->compare_svg, b->w.diag, b->ro->today, true, b->coverage_html};
    data = site_html(b->v, b->n, &x, &len);
    build_write(b, "", "index.html", data, len);
    free(data);
}

static bool
build_is_broken(const struct build *b, const char *source)
{
    for (size_t i = 0; i < b->n; i++)
        if (!b->v[i].j && strcmp(b->v[i].source, source) == 0)
            return true;
    return false;
}

/* What an earlier build wrote for models that are gone: remove it.
 * Outputs of models with errors now stay, and stay on the list. */
static void
build_prune(struct build *b)
{
    struct manifest old;
    manifest_init(&old);
    manifest_read(&old, b->out);
    for (size_t i = 0; i < old.n; i++) {
        const struct manifest_entry *e = &old.v[i];
        if (manifest_has(&b->now, e->name))
            continue;
        if (build_is_broken(b, e->source)) {
            manifest_add(&b->now, e->source, e->name);
            continue;
        }
        char *path = xasprintf("%s/%s", b->out, e->name);
        bool model_here = false;
        for (size_t k = 0; k < b->n && !model_here; k++)
            model_here = strcmp(b->v[k].source, e->source) == 0;
        if (unlink(path) == 0)
            fprintf(stderr, "journeymap build: removed %s (%s%s)\n", path,
                    model_here ? "written by an earlier build --since, for "
                               : "its model is gone: ",
                    e->source);
        free(path);
    }
    manifest_finish(&old);
}

static void
build_manifest(struct build *b)
{
    const char *why = NULL;
    if (manifest_write(&b->now, b->out, &why))
        return;
    fprintf(stderr, "journeymap build: cannot write %s/%s: %s\n", b->out, MANIFEST_NAME, why);
    b->status = EXIT_TROUBLE;
}

static const char *
build_plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* "built 3 of 3 segments into output/: 19 files; …" on standard output. */
static void
build_summary(const struct build *b)
{
    size_t e = diag_count_severity(b->w.diag, 0, SEVERITY_ERROR);
    size_t w = diag_count_severity(b->w.diag, 0, SEVERITY_WARNING);
    size_t n = diag_count_severity(b->w.diag, 0, SEVERITY_NOTE);
    printf("built %zu of %zu segment%s into %s/: %zu files; %zu error%s, %zu warning%s, %zu "
           "note%s%s; open %s/index.html\n",
           b->w.n_journeys, b->n, build_plural(b->n), b->out, b->files, e, build_plural(e), w,
           build_plural(w), n, build_plural(n),
           b->n > b->w.n_journeys ? " (models with errors skipped)" : "", b->out);
}

static void
build_finish(struct build *b)
{
    for (size_t i = 0; i < 2 * b->n; i++)
        free(b->svgs[i]);
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].since_summary);
        free(b->v[i].evidence_summary);
    }
    file_list_finish(&b->logs);
    free(b->svgs);
    free(b->v);
    free(b->compare_svg);
    free(b->coverage_html);
    manifest_finish(&b->now);
    diff_free(b->diff);
    workspace_finish(&b->old);
    workspace_finish(&b->w);
    gitread_cleanup();
}

int
cmd_build(int argc, char **argv)
{
    struct build_cmd c = {NULL, NULL};
    struct cli_args a;
    int rc = cli_start(&cli_build, &c, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    if (c.since && !*c.since)
        return usage_error("build", "--since wants a revision, such as HEAD~1 or a tag");
    struct build b = {.out = a.out ? a.out : "output", .ro = &a.ro, .since = c.since};
    const char *folder = a.n_operands ? a.operands[0] : "models";
    file_list_init(&b.logs);
    const char *why = NULL;
    if (c.logs && !file_list_add_ext(&b.logs, c.logs, ".csv", &why)) {
        fprintf(stderr, "journeymap build: cannot read --logs %s: %s\n", c.logs, why);
        file_list_finish(&b.logs);
        return EXIT_TROUBLE;
    }
    if (c.logs && !b.logs.n) {
        fprintf(stderr, "journeymap build: --logs %s holds no *.csv file\n", c.logs);
        file_list_finish(&b.logs);
        return EXIT_TROUBLE;
    }
    if (!build_outdir(b.out)) {
        file_list_finish(&b.logs);
        return EXIT_TROUBLE;
    }
    workspace_init(&b.old);
    manifest_init(&b.now);
    build_load(&b, folder);
    if (b.since && !build_since(&b, folder)) {
        build_finish(&b);
        return EXIT_TROUBLE;
    }
    build_segments(&b);
    build_comparison(&b);
    build_coverage(&b);
    build_agenda(&b);
    build_index(&b);
    build_prune(&b);
    build_manifest(&b);
    build_summary(&b);
    int status = b.status == EXIT_CLEAN ? cli_findings_status(&b.w, &a.ro) : b.status;
    build_finish(&b);
    return status;
}
