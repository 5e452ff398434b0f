/*
 * compare.c - the competitor comparison as data.
 */
#include "check/compare.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static struct compare_tally *
compare_tally_for(struct comparison *c, size_t *cap, const struct competitor *co)
{
    for (size_t i = 0; i < c->n_tallies; i++)
        if (strcmp(c->tallies[i].id, co->id) == 0)
            return &c->tallies[i];
    xgrow((void **)&c->tallies, cap, c->n_tallies + 1, sizeof *c->tallies);
    struct compare_tally *t = &c->tallies[c->n_tallies++];
    memset(t, 0, sizeof *t);
    t->id = co->id;
    t->name = co->name;
    return t;
}

static void
compare_one_journey(struct comparison *c, size_t *tally_cap, const struct journey *j,
                    struct compare_journey *out)
{
    size_t nc = j->n_competitors;
    out->j = j;
    size_t n_rows = j->n_touchpoints;
    for (size_t k = 0; k < nc; k++)
        n_rows += j->competitors[k]->n_touchpoints;
    out->rows = xcalloc(n_rows + 1, sizeof *out->rows);
    /* Ratings by our touchpoint's index, one pass over the ratings. */
    int *rating = xcalloc((j->n_touchpoints + 1) * nc, sizeof *rating);
    for (size_t k = 0; k < nc; k++)
        for (size_t r = 0; r < j->competitors[k]->n_ratings; r++) {
            const struct rating *rt = j->competitors[k]->ratings[r];
            rating[rt->touchpoint->index * nc + k] = rt->score;
        }
    struct compare_tally **tallies = xcalloc(nc + 1, sizeof *tallies);
    for (size_t k = 0; k < nc; k++)
        tallies[k] = compare_tally_for(c, tally_cap, j->competitors[k]);
    out->averages = xcalloc(j->n_stages + 1, sizeof *out->averages);
    for (size_t s = 0; s < j->n_stages; s++) {
        const struct stage *st = j->stages[s];
        double sum = 0, *csum = xcalloc(nc + 1, sizeof *csum);
        size_t n = 0, *cn = xcalloc(nc + 1, sizeof *cn);
        for (size_t i = 0; i < st->n_touchpoints; i++) {
            const struct touchpoint *tp = st->touchpoints[i];
            struct compare_row *row = &out->rows[out->n_rows++];
            row->stage = st;
            row->tp = tp;
            row->ours = tp->score;
            row->ratings = xcalloc(nc + 1, sizeof *row->ratings);
            if (tp->score) {
                sum += tp->score;
                n++;
            }
            for (size_t k = 0; k < nc; k++) {
                int r = rating[tp->index * nc + k];
                row->ratings[k] = r;
                if (!r)
                    continue;
                csum[k] += r;
                cn[k]++;
                if (tp->score) {
                    if (r > tp->score)
                        tallies[k]->lead++;
                    else if (r < tp->score)
                        tallies[k]->trail++;
                    else
                        tallies[k]->tie++;
                }
            }
        }
        for (size_t k = 0; k < nc; k++)
            for (size_t i = 0; i < j->competitors[k]->n_touchpoints; i++) {
                const struct touchpoint *tp = j->competitors[k]->touchpoints[i];
                if (tp->stage != st)
                    continue;
                struct compare_row *row = &out->rows[out->n_rows++];
                row->stage = st;
                row->tp = tp;
                row->only = k + 1;
                row->ratings = xcalloc(nc + 1, sizeof *row->ratings);
                row->ratings[k] = tp->score;
                tallies[k]->alone++;
            }
        out->averages[s].ours = n ? sum / (double)n : -1;
        out->averages[s].theirs = xcalloc(nc + 1, sizeof *out->averages[s].theirs);
        for (size_t k = 0; k < nc; k++)
            out->averages[s].theirs[k] = cn[k] ? csum[k] / (double)cn[k] : -1;
        free(csum);
        free(cn);
    }
    free(tallies);
    free(rating);
}

struct comparison *
compare_new(const struct journey *const *journeys, size_t n)
{
    struct comparison *c = xcalloc(1, sizeof *c);
    size_t tally_cap = 0;
    c->journeys = xcalloc(n + 1, sizeof *c->journeys);
    for (size_t i = 0; i < n; i++)
        if (journeys[i]->n_competitors)
            compare_one_journey(c, &tally_cap, journeys[i], &c->journeys[c->n_journeys++]);
    return c;
}

void
compare_free(struct comparison *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_journeys; i++) {
        struct compare_journey *cj = &c->journeys[i];
        for (size_t r = 0; r < cj->n_rows; r++)
            free(cj->rows[r].ratings);
        for (size_t s = 0; s < cj->j->n_stages; s++)
            free(cj->averages[s].theirs);
        free(cj->rows);
        free(cj->averages);
    }
    free(c->journeys);
    free(c->tallies);
    free(c);
}
