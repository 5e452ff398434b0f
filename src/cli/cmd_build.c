/*
 * cmd_build.c - `journeymap build`: the main job. Check every model of a
 * folder and write every output for each usable one, the comparison, and
 * the index pages, into one output folder.
 *
 * Stale outputs: build keeps a list of what it wrote, and from which
 * model, in OUTDIR/.journeymap-build. Files it wrote before for models that
 * are gone (or renamed their id) are removed and named on stderr; files of
 * a model that now has errors are kept as they were; files it never wrote
 * are never touched.
 */
#include "cli/cli.h"
#include "check/compare.h"
#include "render/diagram.h"
#include "render/markdown.h"
#include "write/output.h"
#include "render/site.h"
#include "check/workspace.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char build_help[] =
    "Usage: journeymap build [OPTION]... [DIR]\n"
    "The main job: check every model in DIR (default: models/) and write all\n"
    "outputs to OUTDIR (default: output/): for each usable model ID.svg,\n"
    "ID.dot, ID.curve.svg (the emotion curve), ID.checklist.md and\n"
    "ID.checklist.html; then compare.md,\n"
    "compare.svg, index.md and index.html (open it in a browser).\n"
    "\n"
    "Options:\n"
    "  -o OUTDIR          write into OUTDIR (created if missing)\n"
    "  --today DATE       judge dates as of DATE (YYYY-MM-DD)\n"
    "  --fail-on LEVEL    exit 1 when a finding is at LEVEL or above\n"
    "  -h, --help         show this help and exit\n"
    "\n"
    "Models with errors are reported (file:line) and skipped, their previous\n"
    "outputs kept; the others are still built. Outputs of models that are gone\n"
    "are removed. Exit status as for check.\n";

#define MANIFEST ".journeymap-build"

struct written {
    char **source, **name; /* parallel: model file, output file name */
    size_t n, cap_s, cap_n;
};

static void
remember(struct written *w, const char *source, const char *name)
{
    xgrow((void **)&w->source, &w->cap_s, w->n + 1, sizeof *w->source);
    xgrow((void **)&w->name, &w->cap_n, w->n + 1, sizeof *w->name);
    w->source[w->n] = xstrdup(source);
    w->name[w->n++] = xstrdup(name);
}

static void
forget_all(struct written *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->source[i]);
        free(w->name[i]);
    }
    free(w->source);
    free(w->name);
    memset(w, 0, sizeof *w);
}

static bool
has_name(const struct written *w, const char *name)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->name[i], name) == 0)
            return true;
    return false;
}

/* The previous run's list; a missing or garbled one is an empty list. */
static void
read_manifest(const char *out, struct written *w)
{
    char *path = xasprintf("%s/%s", out, MANIFEST);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || strchr(tab + 1, '/') || tab[1] == '.' || !tab[1])
            continue; /* only plain names inside OUTDIR */
        *tab = '\0';
        remember(w, line, tab + 1);
    }
    fclose(f);
}

struct job {
    const char *out;
    int status;
    size_t files;
    struct written now;
};

static void
emit(struct job *b, const char *source, const char *name, const char *data, size_t len)
{
    char *path = xasprintf("%s/%s", b->out, name);
    const char *why = NULL;
    if (output_write(path, data, len, &why)) {
        b->files++;
        remember(&b->now, source, name);
    } else {
        fprintf(stderr, "journeymap build: cannot write %s: %s\n", path, why);
        b->status = EXIT_TROUBLE;
    }
    free(path);
}

static bool
is_broken(const struct site_entry *v, size_t n, const char *source)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i].j && strcmp(v[i].source, source) == 0)
            return true;
    return false;
}

int
cmd_build(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"today", required_argument, NULL, 't'},
        {"fail-on", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct rule_options ro;
    cli_rule_defaults(&ro);
    struct job b = {.out = "output"};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        if (c == 'o') {
            b.out = optarg;
        } else {
            int rc = cli_option("build", c, argv, &ro, build_help);
            if (rc != CLI_CONTINUE)
                return rc;
        }
    }
    if (argc - optind > 1)
        return usage_error("build", "name at most one folder of models");
    char *dir = xstrdup(optind < argc ? argv[optind] : "models");
    if (!cli_rule_today("build", &ro)) {
        free(dir);
        return EXIT_TROUBLE;
    }
    struct stat st;
    if (mkdir(b.out, 0777) != 0 &&
        (errno != EEXIST || stat(b.out, &st) != 0 || !S_ISDIR(st.st_mode))) {
        fprintf(stderr, "journeymap build: cannot use %s as the output folder: %s\n", b.out,
                strerror(errno == EEXIST ? ENOTDIR : errno));
        free(dir);
        return EXIT_TROUBLE;
    }

    struct workspace w;
    workspace_init(&w);
    workspace_load(&w, &dir, 1, &ro.today);
    diag_sort(w.diag);
    b.status = cli_report_errors("build", &w);

    /* One entry per model: usable journeys, then files with errors. */
    struct site_entry *v = xcalloc(w.n_files + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < w.n_journeys; i++)
        v[n++] = (struct site_entry){.source = w.journeys[i]->file, .j = w.journeys[i]};
    for (size_t i = 0; i < diag_count(w.diag); i++) {
        const struct finding *f = diag_get(w.diag, i);
        size_t k = 0;
        while (k < n && v[k].source != f->file)
            k++;
        if (k == n)
            v[n++] = (struct site_entry){.source = f->file};
        v[k].count[f->severity]++;
    }

    bool tty = isatty(STDERR_FILENO);
    char **svgs = xcalloc(n + 1, sizeof *svgs), **curves = xcalloc(n + 1, sizeof *curves);
    for (size_t i = 0; i < n; i++) {
        const struct journey *j = v[i].j;
        if (!j)
            continue;
        if (tty)
            fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, w.n_journeys, j->id);
        char *name, *data = NULL;
        size_t len = 0;
        const char *why = NULL;
        for (enum graph_format fmt = GRAPH_DOT; fmt <= GRAPH_SVG; fmt++) {
            if (!map_render(j, w.diag, NULL, fmt, &data, &len, &why)) {
                fprintf(stderr, "journeymap build: %s: %s\n", v[i].source, why);
                b.status = EXIT_FINDINGS;
                continue;
            }
            name = xasprintf("%s.%s", j->id, graph_format_names[fmt]);
            emit(&b, v[i].source, name, data, len);
            free(name);
            if (fmt == GRAPH_SVG)
                svgs[i] = data;
            else
                free(data);
        }
        v[i].svg = svgs[i];
        if (curve_render(&j, 1, w.diag, GRAPH_SVG, &data, &len, &why)) {
            name = xasprintf("%s.curve.svg", j->id);
            emit(&b, v[i].source, name, data, len);
            free(name);
            curves[i] = data;
            v[i].curve_svg = data;
        } else {
            fprintf(stderr, "journeymap build: %s: %s\n", v[i].source, why);
            b.status = EXIT_FINDINGS;
        }
        for (int html = 0; html <= 1; html++) {
            data = checklist_render(j, w.diag, ro.today, html, &len);
            name = xasprintf("%s.checklist.%s", j->id, html ? "html" : "md");
            emit(&b, v[i].source, name, data, len);
            free(name);
            free(data);
        }
    }
    if (tty && w.n_journeys)
        fputs("\r\033[K", stderr);

    struct comparison *cmp = compare_new((const struct journey *const *)w.journeys, w.n_journeys);
    size_t len = 0;
    char *data = comparison_render(cmp, &len);
    emit(&b, "", "compare.md", data, len);
    free(data);
    char *compare_svg = NULL;
    const char *why = NULL;
    if (heatmap_render(cmp, GRAPH_SVG, &compare_svg, &len, &why))
        emit(&b, "", "compare.svg", compare_svg, len);
    else
        fprintf(stderr, "journeymap build: the comparison: %s\n", why);
    compare_free(cmp);
    data = index_render(v, n, compare_svg != NULL, ro.today, &len);
    emit(&b, "", "index.md", data, len);
    free(data);
    data = site_html(v, n, compare_svg, ro.today, &len);
    emit(&b, "", "index.html", data, len);
    free(data);
    free(compare_svg);

    /* What an earlier build wrote for models that are gone: remove it.
     * Outputs of models with errors now stay, and stay on the list. */
    struct written old = {0};
    read_manifest(b.out, &old);
    for (size_t i = 0; i < old.n; i++) {
        if (has_name(&b.now, old.name[i]))
            continue;
        if (is_broken(v, n, old.source[i])) {
            remember(&b.now, old.source[i], old.name[i]);
            continue;
        }
        char *path = xasprintf("%s/%s", b.out, old.name[i]);
        if (unlink(path) == 0)
            fprintf(stderr, "journeymap build: removed %s (its model %s is gone)\n", path,
                    old.source[i]);
        free(path);
    }
    forget_all(&old);
    struct buf m;
    buf_init(&m);
    for (size_t i = 0; i < b.now.n; i++)
        buf_printf(&m, "%s\t%s\n", b.now.source[i], b.now.name[i]);
    char *mpath = xasprintf("%s/%s", b.out, MANIFEST);
    if (!output_write(mpath, m.data ? m.data : "", m.len, &why)) {
        fprintf(stderr, "journeymap build: cannot write %s: %s\n", mpath, why);
        b.status = EXIT_TROUBLE;
    }
    free(mpath);
    buf_finish(&m);

    size_t broken = n - w.n_journeys;
    printf("built %zu of %zu segment%s into %s/: %zu files; %zu error%s, %zu warning%s, %zu "
           "note%s%s; open %s/index.html\n",
           w.n_journeys, n, n == 1 ? "" : "s", b.out, b.files,
           diag_count_severity(w.diag, 0, SEVERITY_ERROR),
           diag_count_severity(w.diag, 0, SEVERITY_ERROR) == 1 ? "" : "s",
           diag_count_severity(w.diag, 0, SEVERITY_WARNING),
           diag_count_severity(w.diag, 0, SEVERITY_WARNING) == 1 ? "" : "s",
           diag_count_severity(w.diag, 0, SEVERITY_NOTE),
           diag_count_severity(w.diag, 0, SEVERITY_NOTE) == 1 ? "" : "s",
           broken ? " (models with errors skipped)" : "", b.out);
    int status = b.status;
    if (status == EXIT_CLEAN)
        status = cli_findings_status(&w, &ro);
    for (size_t i = 0; i < n; i++)
        free(svgs[i]);
    free(svgs);
    for (size_t i = 0; i < n; i++)
        free(curves[i]);
    free(curves);
    free(v);
    forget_all(&b.now);
    workspace_finish(&w);
    free(dir);
    return status;
}
