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

/* A rating r of one of our touchpoints that we scored ours. */
static void
compare_count(struct compare_tally *t, int r, int ours)
{
    if (r > ours)
        t->lead++;
    else if (r < ours)
        t->trail++;
    else
        t->tie++;
}

/* The next row of out, its ratings (one per competitor, 0 = none) in
 * out's block. */
static struct compare_row *
compare_row_new(struct compare_journey *out, const struct stage *st, const struct touchpoint *tp)
{
    size_t nc = out->j->n_competitors;
    struct compare_row *row = &out->rows[out->n_rows];
    row->ratings = out->ratings + out->n_rows++ * (nc + 1);
    row->stage = st;
    row->tp = tp;
    return row;
}

/* The touchpoints only a competitor has, by our stage: stage s's are
 * tp[first[s]] .. tp[first[s + 1] - 1], of competitor k[...], competitor by
 * competitor and each in document order. One pass over them all, where
 * looking through every competitor's touchpoints for each stage cost
 * stages × touchpoints (150 million tests for 10,000 stages). */
struct compare_alone {
    const struct touchpoint **tp;
    uint32_t *k;
    size_t *first;
};

static void
compare_alone_init(struct compare_alone *a, const struct journey *j)
{
    size_t n = 0;
    a->first = xcalloc(j->n_stages + 2, sizeof *a->first);
    for (size_t k = 0; k < j->n_competitors; k++)
        for (size_t i = 0; i < j->competitors[k]->n_touchpoints; i++) {
            const struct stage *st = j->competitors[k]->touchpoints[i]->stage;
            if (!st) /* never in a journey that loaded */
                continue;
            a->first[st->index + 1]++;
            n++;
        }
    for (size_t s = 0; s < j->n_stages; s++)
        a->first[s + 1] += a->first[s];
    a->tp = xmalloc((n + 1) * sizeof *a->tp);
    a->k = xmalloc((n + 1) * sizeof *a->k);
    size_t *next = xmalloc((j->n_stages + 1) * sizeof *next);
    memcpy(next, a->first, (j->n_stages + 1) * sizeof *next);
    for (size_t k = 0; k < j->n_competitors; k++)
        for (size_t i = 0; i < j->competitors[k]->n_touchpoints; i++) {
            const struct touchpoint *tp = j->competitors[k]->touchpoints[i];
            if (!tp->stage)
                continue;
            size_t at = next[tp->stage->index]++;
            a->tp[at] = tp;
            a->k[at] = (uint32_t)k;
        }
    free(next);
}

static void
compare_alone_finish(struct compare_alone *a)
{
    free(a->tp);
    free(a->k);
    free(a->first);
}

/* The rows of the touchpoints only a competitor has in stage st. */
static void
compare_alone(struct compare_journey *out, const struct compare_alone *a, const struct stage *st,
              struct compare_tally **tallies)
{
    for (size_t x = a->first[st->index]; x < a->first[st->index + 1]; x++) {
        const struct touchpoint *tp = a->tp[x];
        size_t k = a->k[x];
        struct compare_row *row = compare_row_new(out, st, tp);
        row->only = (uint32_t)k + 1;
        row->ratings[k] = (int8_t)tp->score;
        tallies[k]->alone++;
    }
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
    out->ratings = xcalloc((n_rows + 1) * (nc + 1), sizeof *out->ratings);
    /* Ratings by our touchpoint's index, one pass over the ratings. */
    int8_t *rating = xcalloc((j->n_touchpoints + 1) * nc, sizeof *rating);
    for (size_t k = 0; k < nc; k++)
        for (size_t r = 0; r < j->competitors[k]->n_ratings; r++) {
            const struct rating *rt = j->competitors[k]->ratings[r];
            rating[rt->touchpoint->index * nc + k] = (int8_t)rt->score;
        }
    struct compare_tally **tallies = xcalloc(nc + 1, sizeof *tallies);
    for (size_t k = 0; k < nc; k++)
        tallies[k] = compare_tally_for(c, tally_cap, j->competitors[k]);
    out->averages = xcalloc(j->n_stages + 1, sizeof *out->averages);
    struct compare_alone alone;
    compare_alone_init(&alone, j);
    for (size_t s = 0; s < j->n_stages; s++) {
        const struct stage *st = j->stages[s];
        struct compare_average *avg = &out->averages[s];
        avg->vs = xcalloc(nc + 1, sizeof *avg->vs);
        double sum = 0;
        for (size_t i = 0; i < st->n_touchpoints; i++) {
            const struct touchpoint *tp = st->touchpoints[i];
            struct compare_row *row = compare_row_new(out, st, tp);
            row->ours = tp->score;
            for (size_t k = 0; k < nc; k++)
                row->ratings[k] = rating[tp->index * nc + k];
            if (!tp->score)
                continue;
            sum += tp->score;
            avg->n_ours++;
            for (size_t k = 0; k < nc; k++) {
                int r = row->ratings[k];
                if (!r)
                    continue;
                compare_count(tallies[k], r, tp->score);
                avg->vs[k].theirs += r;
                avg->vs[k].ours += tp->score;
                avg->vs[k].n++;
            }
        }
        compare_alone(out, &alone, st, tallies);
        avg->ours = avg->n_ours ? sum / (double)avg->n_ours : -1;
        for (size_t k = 0; k < nc; k++)
            if (avg->vs[k].n) {
                avg->vs[k].theirs /= (double)avg->vs[k].n;
                avg->vs[k].ours /= (double)avg->vs[k].n;
            }
    }
    compare_alone_finish(&alone);
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
        free(cj->ratings);
        for (size_t s = 0; s < cj->j->n_stages; s++)
            free(cj->averages[s].vs);
        free(cj->rows);
        free(cj->averages);
    }
    free(c->journeys);
    free(c->tallies);
    free(c);
}
