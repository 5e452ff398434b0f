/*
 * marks.c - the findings of one journey by the things they name (marks.h).
 */
#include "render/marks.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static uint64_t *
marks_set_of(const struct marks *m, size_t tp_index)
{
    return &m->weak[tp_index * MARKS_WORDS];
}

void
marks_init(struct marks *m, const struct journey *j, const struct diag *d)
{
    memset(m, 0, sizeof *m);
    m->j = j;
    /* One block: the weak-spot sets, then the empty-stage flags. */
    size_t words = (j->n_touchpoints + 1) * MARKS_WORDS;
    m->weak = xcalloc(1, words * sizeof *m->weak + j->n_stages + 1);
    m->empty_stage = (bool *)(void *)(m->weak + words);
    struct id_index *ids = id_index_new(j);
    /* A touchpoint's findings come one after another: look its id up once. */
    const char *last = NULL;
    const void *obj = NULL;
    enum id_kind kind = ID_NONE;
    for (size_t i = 0; i < diag_count(d); i++) {
        const struct finding *f = diag_get(d, i);
        if (diag_file(d, f) != j->file) /* build: the findings of every journey */
            continue;
        const struct rule_info *r = catalog_find(finding_rule(f));
        if (!r)
            continue;
        if (!last || (f->subject != last && strcmp(f->subject, last) != 0)) {
            obj = NULL;
            kind = id_index_find(ids, f->subject, &obj);
            last = f->subject;
        }
        if (strcmp(finding_rule(f), "contact-gap") == 0) {
            if (kind == ID_TOUCHPOINT)
                m->contact_gaps = true;
            else
                m->no_proactive = true; /* the journey-level finding */
        } else if (strcmp(finding_rule(f), "empty-stage") == 0 && kind == ID_STAGE) {
            m->empty_stage[((const struct stage *)obj)->index] = true;
        } else if (r->category == RULE_WEAK && kind == ID_TOUCHPOINT) {
            const struct touchpoint *tp = obj;
            size_t bit = (size_t)(r - catalog);
            m->n_weak += !marks_weak(m, tp);
            marks_set_of(m, tp->index)[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    }
    id_index_free(ids);
}

void
marks_finish(struct marks *m)
{
    free(m->weak); /* and the empty-stage flags after it */
    memset(m, 0, sizeof *m);
}

bool
marks_weak(const struct marks *m, const struct touchpoint *tp)
{
    const uint64_t *set = marks_set_of(m, tp->index);
    for (size_t w = 0; w < MARKS_WORDS; w++)
        if (set[w])
            return true;
    return false;
}

bool
marks_weak_by(const struct marks *m, const struct touchpoint *tp, const struct rule_info *r)
{
    size_t bit = (size_t)(r - catalog);
    return (marks_set_of(m, tp->index)[bit / 64] >> (bit % 64)) & 1;
}

bool *
marks_choose(const struct marks *m, const struct touchpoint **order, size_t n, size_t limit)
{
    bool *drawn = xcalloc(n + 1, sizeof *drawn);
    size_t left = limit;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n && left; k++)
            if (!drawn[k] && (pass == 1 || marks_weak(m, order[k]))) {
                drawn[k] = true;
                left--;
            }
    return drawn;
}
