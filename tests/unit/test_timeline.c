/*
 * Unit tests for timeline.c: stage starts and lengths (with and without
 * days), occurrences of repeating touchpoints strictly before the stage's
 * end, the journey's end, stage lookup, and silences across stages.
 * Journeys are built by hand so that each case shows exactly its input.
 */
#include "core/arena.h"
#include "check.h"
#include "check/timeline.h"

#include <stdlib.h>

static struct arena *A;

struct build {
    struct journey j;
    struct stage *stages[8];
    struct touchpoint *tps[16];
};

static struct stage *
add_stage(struct build *b, bool has_days, unsigned days)
{
    struct stage *s = arena_alloc(A, sizeof *s);
    s->has_days = has_days;
    s->days = days;
    s->name = "stage";
    s->id = "s";
    s->index = b->j.n_stages;
    s->touchpoints = arena_alloc(A, 8 * sizeof *s->touchpoints);
    b->stages[b->j.n_stages++] = s;
    b->j.stages = b->stages;
    return s;
}

static struct touchpoint *
add_tp(struct build *b, struct stage *s, enum initiator who, unsigned day, unsigned every)
{
    struct touchpoint *tp = arena_alloc(A, sizeof *tp);
    tp->initiator = who;
    tp->day = day;
    tp->every = every;
    tp->stage = s;
    tp->name = "tp";
    tp->id = "t";
    tp->index = (uint32_t)b->j.n_touchpoints;
    s->touchpoints[s->n_touchpoints++] = tp;
    b->tps[b->j.n_touchpoints++] = tp;
    b->j.touchpoints = b->tps;
    return tp;
}

static void
test_stages(void)
{
    struct build b = {0};
    struct stage *s0 = add_stage(&b, true, 10);
    struct stage *s1 = add_stage(&b, false, 0); /* length from its touchpoints */
    struct stage *s2 = add_stage(&b, false, 0); /* empty, no days: length 0 */
    struct stage *s3 = add_stage(&b, true, 5);
    add_tp(&b, s1, INITIATOR_COMPANY, 3, 0);
    add_tp(&b, s1, INITIATOR_CUSTOMER, 7, 0);
    struct timeline t;
    timeline_init(&t, &b.j);
    CHECK(t.stage_start[0] == 0 && t.stage_len[0] == 10);
    CHECK(t.stage_start[1] == 10 && t.stage_len[1] == 7); /* largest day, whoever initiates */
    CHECK(t.stage_start[2] == 17 && t.stage_len[2] == 0);
    CHECK(t.stage_start[3] == 17 && t.stage_len[3] == 5);
    CHECK(t.end == 22);
    CHECK(timeline_stage_end(&t, s0) == 10);
    /* Lookup: a stage's end day is the next stage's start; the journey's
     * end falls in the last stage; an empty stage of length 0 is skipped. */
    CHECK(timeline_stage_at(&t, 0) == s0);
    CHECK(timeline_stage_at(&t, 9) == s0);
    CHECK(timeline_stage_at(&t, 10) == s1);
    CHECK(timeline_stage_at(&t, 17) == s3);
    CHECK(timeline_stage_at(&t, 22) == s3);
    (void)s2;
    timeline_finish(&t);
}

static void
test_series(void)
{
    struct build b = {0};
    struct stage *s0 = add_stage(&b, true, 14);
    struct stage *s1 = add_stage(&b, true, 90);
    struct touchpoint *once = add_tp(&b, s0, INITIATOR_COMPANY, 1, 0);
    struct touchpoint *at_end = add_tp(&b, s0, INITIATOR_COMPANY, 14, 0);
    struct touchpoint *rep = add_tp(&b, s1, INITIATOR_COMPANY, 7, 14);
    struct touchpoint *exact = add_tp(&b, s1, INITIATOR_COMPANY, 0, 30);
    struct touchpoint *last_day = add_tp(&b, s1, INITIATOR_COMPANY, 90, 5);
    struct timeline t;
    timeline_init(&t, &b.j);

    struct series s = timeline_series(&t, once);
    CHECK(s.first == 1 && s.count == 1 && s.step == 0);
    s = timeline_series(&t, at_end); /* day == days: at the next stage's start */
    CHECK(s.first == 14 && s.count == 1);

    /* Stage 14..104: 21, 35, 49, 63, 77, 91 (105 is past the end). */
    s = timeline_series(&t, rep);
    CHECK(s.first == 21 && s.step == 14 && s.count == 6);
    CHECK(series_last(&s) == 91);
    jday at;
    CHECK(series_at_or_after(&s, 0, &at) && at == 21);
    CHECK(series_at_or_after(&s, 21, &at) && at == 21);
    CHECK(series_at_or_after(&s, 22, &at) && at == 35);
    CHECK(series_at_or_after(&s, 91, &at) && at == 91);
    CHECK(!series_at_or_after(&s, 92, &at));

    /* Every 30 from 14 in 14..104: 14, 44, 74; 104 is the end itself, not before it. */
    s = timeline_series(&t, exact);
    CHECK(s.first == 14 && s.count == 3 && series_last(&s) == 74);

    /* On the stage's last day with every: once, no repeats. */
    s = timeline_series(&t, last_day);
    CHECK(s.first == 104 && s.count == 1 && s.step == 0);
    CHECK(!series_at_or_after(&s, 105, &at));
    timeline_finish(&t);
}

static void
test_silences(void)
{
    struct build b = {0};
    struct stage *s0 = add_stage(&b, false, 0);
    struct stage *s1 = add_stage(&b, true, 100);
    struct stage *s2 = add_stage(&b, true, 50);
    add_tp(&b, s0, INITIATOR_CUSTOMER, 40, 0);               /* s0 lasts 40 days */
    struct touchpoint *a = add_tp(&b, s1, INITIATOR_COMPANY, 5, 0);   /* 45 */
    struct touchpoint *c = add_tp(&b, s1, INITIATOR_COMPANY, 20, 10); /* 60, 70, …, 130 */
    struct touchpoint *d = add_tp(&b, s2, INITIATOR_COMPANY, 0, 0);   /* 140 */
    struct touchpoint *e = add_tp(&b, s2, INITIATOR_COMPANY, 0, 0);   /* 140, later in file */
    add_tp(&b, s2, INITIATOR_CUSTOMER, 30, 0);               /* 170: does not count */
    struct timeline t;
    timeline_init(&t, &b.j);
    CHECK(t.end == 190);

    struct silence *v;
    size_t n = timeline_silences(&t, 10, &v);
    /* 45→60 (15), 130→140 is exactly 10 (no), 140→190 (50, to the end).
     * Nothing before the first proactive contact at 45 counts. */
    CHECK(n == 2);
    if (n == 2) {
        CHECK(v[0].from == 45 && v[0].to == 60 && v[0].subject == a && v[0].next == c &&
              !v[0].to_end);
        CHECK(v[1].from == 140 && v[1].to == 190 && v[1].subject == e && v[1].to_end);
    }
    free(v);

    /* A limit below the repeat interval: each gap between repeats counts. */
    n = timeline_silences(&t, 9, &v);
    CHECK(n == 1 + 7 + 1 + 1); /* 45→60, 60→70 … 120→130 (7), 130→140, 140→190 */
    free(v);

    /* A generous limit: nothing. */
    n = timeline_silences(&t, 50, &v);
    CHECK(n == 0 && v == NULL);
    (void)d;
    timeline_finish(&t);
}

static void
test_no_contact(void)
{
    struct build b = {0};
    struct stage *s0 = add_stage(&b, true, 100);
    add_tp(&b, s0, INITIATOR_CUSTOMER, 0, 0);
    struct timeline t;
    timeline_init(&t, &b.j);
    struct silence *v;
    CHECK(timeline_silences(&t, 30, &v) == 0); /* the rule reports this case itself */
    free(v);
    timeline_finish(&t);
}

int
main(void)
{
    A = arena_new();
    test_stages();
    test_series();
    test_silences();
    test_no_contact();
    arena_free(A);
    return check_done("timeline");
}
