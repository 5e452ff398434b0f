/*
 * coverage.c - phases by channels (coverage.h).
 */
#include "check/coverage.h"

#include "core/util.h"

#include <stdlib.h>

const char *const coverage_mark_names[] = {
    [COVERAGE_REACHED] = "",
    [COVERAGE_ABSENT] = "no stage in this phase",
    [COVERAGE_NEVER] = "never reached",
    [COVERAGE_REACTIVE] = "only reactive",
};

static void
coverage_add(struct coverage_matrix *m, const struct touchpoint *tp)
{
    enum phase p = tp->stage->phase;
    struct coverage_cell *c = &m->cells[p][tp->channel];
    if (tp->initiator == INITIATOR_COMPANY)
        c->proactive++, m->rows[p].proactive++;
    else
        c->reactive++, m->rows[p].reactive++;
}

static void
coverage_mark(struct coverage_matrix *m)
{
    for (size_t p = 0; p < PHASE_COUNT; p++) {
        const struct coverage_cell *r = &m->rows[p];
        m->marks[p] = r->proactive         ? COVERAGE_REACHED
                      : r->reactive        ? COVERAGE_REACTIVE
                      : m->stages[p] != 0 ? COVERAGE_NEVER
                                           : COVERAGE_ABSENT;
    }
}

struct coverage *
coverage_new(const struct journey *const *js, size_t n)
{
    struct coverage *c = xcalloc(1, sizeof *c);
    c->segments = xcalloc(n + 1, sizeof *c->segments);
    c->n_segments = n;
    for (size_t i = 0; i < n; i++) {
        struct coverage_matrix *m = &c->segments[i];
        m->j = js[i];
        for (size_t s = 0; s < js[i]->n_stages; s++) {
            m->stages[js[i]->stages[s]->phase]++;
            c->total.stages[js[i]->stages[s]->phase]++;
        }
        for (size_t t = 0; t < js[i]->n_touchpoints; t++) {
            const struct touchpoint *tp = js[i]->touchpoints[t];
            coverage_add(m, tp);
            coverage_add(&c->total, tp);
            c->channel_used[tp->channel] = true;
        }
        coverage_mark(m);
    }
    coverage_mark(&c->total);
    for (size_t k = 0; k < CHANNEL_COUNT; k++)
        c->n_channels += c->channel_used[k];
    return c;
}

void
coverage_free(struct coverage *c)
{
    if (!c)
        return;
    free(c->segments);
    free(c);
}

bool
coverage_row_shown(const struct coverage_matrix *m, enum phase p)
{
    return p != PHASE_NONE || m->stages[PHASE_NONE] != 0;
}
