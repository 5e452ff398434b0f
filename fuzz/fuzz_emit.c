/*
 * libFuzzer: what loads goes through every emitter that needs no layout
 * engine: the DOT graph (map and emotion curve), the checklist (Markdown and HTML), the findings
 * as JSON and SARIF, the comparison (Markdown), the agenda (Markdown, by owner in one input of
 * two) and the Mermaid export.
 */
#include "check/agenda.h"
#include "check/compare.h"
#include "check/diff.h"
#include "render/diagram.h"
#include "fuzz_common.h"
#include "render/changes.h"
#include "render/markdown.h"
#include "render/mermaid.h"
#include "render/report.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag *d = diag_new();
    struct journey *j = fuzz_load(data, size, d);
    diag_sort(d);
    FILE *null = fopen("/dev/null", "w");
    report_json(null, d);
    /* SARIF's rule list is the same for every input and serialising it
     * took 40 % of this harness's time; what depends on the input (the
     * results: messages, locations, fingerprints) goes through the same
     * jansson calls as report_json. So only one input in eight, chosen by
     * its size so that a crash reproduces, writes the SARIF log. */
    if (size % 8 == 0)
        report_sarif(null, d);
    report_human(null, d);
    if (j) {
        char *out = NULL;
        size_t len = 0;
        const char *why = NULL;
        struct diagram_target dot = diagram_natural(DIAGRAM_DOT);
        const struct competitor *rival = j->n_competitors ? j->competitors[0] : NULL;
        if (map_render(j, d, rival, &dot, &out, &len, &why))
            free(out);
        /* The lanes view places every cell itself: its DOT is all of it. */
        if (lanes_render(j, d, rival, &dot, &out, &len, &why))
            free(out);
        const struct journey *const one_journey[1] = {j};
        if (curve_render(one_journey, 1, d, &dot, &out, &len, &why))
            free(out);
        for (int html = 0; html <= 1; html++)
            free(checklist_render(j, d, 20000, html, NULL, NULL, &len));
        const struct journey *one = j;
        struct comparison *c = compare_new(&one, 1);
        free(comparison_render(c, &len));
        compare_free(c);
        struct agenda *a = agenda_new(&one, 1, d, 10);
        free(agenda_render(a, &one, 1, 20000, size % 2 == 0, false, &len));
        agenda_free(a);
        free(mermaid_export(j, &len));
        /* A journey against itself: the same, whatever it holds; its
         * reports and its map of changes still render. */
        struct journey *const self[1] = {j};
        struct diff *df = diff_new(self, 1, d, self, 1, d, true);
        if (diff_differs(df) || df->v[0].n_new || df->v[0].n_resolved)
            abort();
        free(diff_markdown(df->v, df->n, &len));
        free(diff_json(df, &len));
        free(checklist_render(j, d, 20000, false, &df->v[0], "HEAD", &len));
        if (map_changes_render(&df->v[0], "HEAD", d, &dot, &out, &len, &why))
            free(out);
        diff_free(df);
    }
    fclose(null);
    journey_free(j);
    diag_free(d);
    return 0;
}
