/*
 * Unit tests for load.c: the spec's example becomes the model it
 * describes (ids, names, lines, resolved references, defaults, Markdown),
 * and broken files give findings, not journeys.
 * Usage: test_load FIXTURES_DIR
 */
#include "check.h"
#include "core/diag.h"
#include "read/load.h"
#include "core/util.h"

#include <stdlib.h>

static struct journey *
load(const char *dir, const char *name, struct diag *d, enum load_status *st)
{
    char *path = xasprintf("%s/%s", dir, name);
    const char *file = diag_begin_file(d, path);
    struct journey *j = NULL;
    const char *why = NULL;
    *st = load_journey(path, file, d, &j, &why);
    free(path);
    return j;
}

static void
test_example(const char *dir)
{
    struct diag *d = diag_new();
    enum load_status st;
    struct journey *j = load(dir, "valid/spec-example.xml", d, &st);
    CHECK(st == LOAD_OK);
    CHECK(diag_count(d) == 0);
    if (!j) {
        diag_free(d);
        return;
    }
    CHECK_STR(j->id, "smb-owners");
    CHECK_STR(j->name, "Small business owners, first year");
    CHECK(j->loc.line == 2);
    CHECK_STR(j->description, "Owner-run firms with 1 to 20 staff who buy once a year.");
    CHECK(j->review && j->review->loc.line == 4 && j->review->by &&
          strcmp(j->review->by, "CX team") == 0);

    /* Policy: one threshold written, the others default. */
    CHECK(j->policy.max_silence_days == 45);
    CHECK(j->policy.first_contact_days == 2);
    CHECK(j->policy.min_score == 3);
    CHECK(j->policy.max_reactive_share == 0.5);
    CHECK(j->policy.review_days == 180);

    CHECK(j->n_owners == 2);
    CHECK_STR(j->owners[1]->name, "Support desk");
    CHECK(j->owners[0]->trained == TRAINED_YES && j->owners[1]->trained == TRAINED_NO);

    CHECK(j->n_changes == 1);
    struct change *c = j->changes[0];
    CHECK(c->n_affects == 1 && c->affects[0] == j->stages[2]);

    /* Stages in journey order, touchpoints in document order. */
    CHECK(j->n_stages == 3);
    CHECK(j->n_touchpoints == 5);
    CHECK_STR(j->stages[1]->name, "Using the service");
    CHECK(j->stages[1]->phase == PHASE_DELIVERY && j->stages[1]->has_days &&
          j->stages[1]->days == 90);
    CHECK(j->stages[1]->index == 1 && j->stages[1]->n_touchpoints == 2);

    struct touchpoint *thanks = j->touchpoints[0];
    CHECK_STR(thanks->id, "thanks-call");
    CHECK(thanks->loc.line == 13); /* where "<touchpoint" is, not where the tag ends */
    CHECK(thanks->channel == CHANNEL_PHONE && thanks->initiator == INITIATOR_COMPANY);
    CHECK(thanks->owner == j->owners[0]);
    CHECK(thanks->mode == MODE_PERSONAL && thanks->purpose == PURPOSE_THANK);
    CHECK(thanks->day == 1 && thanks->score == 4 && thanks->has_emotion && thanks->emotion == 2);
    CHECK(thanks->n_pluses == 1 && thanks->n_metrics == 1);
    CHECK_STR(thanks->pluses[0]->markdown, "Customers remember the owner calling.");
    CHECK(thanks->metrics[0]->kind == METRIC_CSAT && thanks->metrics[0]->value == 92);
    CHECK(thanks->stage == j->stages[0] && thanks->competitor == NULL);

    struct touchpoint *progress = j->touchpoints[1];
    CHECK(progress->every == 14 && progress->day == 7 && progress->n_minuses == 2);
    CHECK(progress->plan && progress->plan->owner == j->owners[0] && progress->plan->has_due);
    CHECK(progress->mode == MODE_AUTOMATED);

    struct touchpoint *help = j->touchpoints[2];
    CHECK(help->score == 3 && help->emotion == -1 && !help->has_day && help->day == 0);
    CHECK(help->metrics[0]->kind == METRIC_WAIT_SECONDS && help->metrics[0]->value == 140);

    CHECK(j->touchpoints[4]->about == c);
    CHECK(j->touchpoints[3]->purpose == PURPOSE_FEEDBACK);
    CHECK(!j->uses_next);

    /* Competitors: ratings point at our touchpoints, theirs at our stages. */
    CHECK(j->n_competitors == 1);
    struct competitor *acme = j->competitors[0];
    CHECK_STR(acme->name, "Acme Ltd");
    CHECK(acme->n_ratings == 2 && acme->ratings[0]->touchpoint == thanks &&
          acme->ratings[0]->score == 2);
    CHECK_STR(acme->ratings[1]->markdown, "Sends a short video each fortnight.");
    CHECK(acme->n_touchpoints == 1 && acme->touchpoints[0]->stage == j->stages[1] &&
          acme->touchpoints[0]->competitor == acme);

    journey_free(j);
    diag_free(d);
}

static void
test_broken(const char *dir)
{
    struct diag *d = diag_new();
    enum load_status st;
    struct journey *j = load(dir, "errors/schema-several.xml", d, &st);
    CHECK(st == LOAD_INVALID && j == NULL);
    CHECK(diag_count(d) == 3); /* every problem, not only the first */
    for (size_t i = 0; i < diag_count(d); i++)
        CHECK(diag_get(d, i)->severity == SEVERITY_ERROR);

    size_t mark = diag_count(d);
    j = load(dir, "errors/xml-syntax-malformed.xml", d, &st);
    CHECK(st == LOAD_INVALID && j == NULL);
    CHECK(diag_count(d) == mark + 1);
    CHECK_STR(diag_get(d, mark)->rule, "xml-syntax");
    CHECK(diag_get(d, mark)->line == 4); /* where the unclosed element opened */

    mark = diag_count(d);
    j = load(dir, "no-such-file.xml", d, &st);
    CHECK(st == LOAD_UNREADABLE && j == NULL);
    CHECK(diag_count(d) == mark);
    diag_free(d);
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: test_load FIXTURES_DIR\n", stderr);
        return 2;
    }
    load_init();
    test_example(argv[1]);
    test_broken(argv[1]);
    load_cleanup();
    return check_done("load");
}
