/*
 * Unit tests for load.c: the spec's example becomes the model it
 * describes (ids, names, lines, resolved references, defaults, Markdown),
 * and broken files give findings, not journeys; loading without the
 * Markdown texts (LOAD_SKIP_TEXTS) gives every fixture the same findings.
 * Usage: test_load FIXTURES_DIR
 */
#include "check.h"
#include "check/rules.h"
#include "core/diag.h"
#include "read/files.h"
#include "read/load.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct journey *
load_path(const char *path, struct diag *d, unsigned flags, enum load_status *st)
{
    const char *file = diag_begin_file(d, path);
    struct journey *j = NULL;
    const char *why = NULL;
    *st = load_journey(path, file, d, flags, &j, &why);
    return j;
}

static struct journey *
load(const char *dir, const char *name, struct diag *d, enum load_status *st)
{
    char *path = xasprintf("%s/%s", dir, name);
    struct journey *j = load_path(path, d, 0, st);
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
    CHECK_STR(finding_rule(diag_get(d, mark)), "xml-syntax");
    CHECK(diag_get(d, mark)->line == 4); /* where the unclosed element opened */

    mark = diag_count(d);
    j = load(dir, "no-such-file.xml", d, &st);
    CHECK(st == LOAD_UNREADABLE && j == NULL);
    CHECK(diag_count(d) == mark);
    diag_free(d);
}

/* A text loaded without texts (x) against the same loaded with them (y):
 * "" where y is a text, NULL where it is absent; counts y's non-empty ones. */
static void
same_text(const char *x, const char *y, size_t *had)
{
    CHECK((x == NULL) == (y == NULL));
    if (x && y) {
        CHECK_STR(x, "");
        *had += *y != '\0';
    }
}

/* Each stage's touchpoints: its own, in document order, a run of the
 * journey's; all of the journey's in one stage or another. */
static void
stage_slices(const struct journey *j)
{
    size_t seen = 0;
    for (size_t i = 0; i < j->n_stages; i++) {
        const struct stage *s = j->stages[i];
        CHECK(s->touchpoints != NULL);
        CHECK(s->n_touchpoints == 0 || s->touchpoints == &j->touchpoints[seen]);
        for (size_t k = 0; k < s->n_touchpoints; k++)
            CHECK(s->touchpoints[k]->stage == s && s->touchpoints[k]->index == seen + k);
        seen += s->n_touchpoints;
    }
    CHECK(seen == j->n_touchpoints);
}

/* Every text of j is "" (a description NULL when absent); how many of
 * full's, the same journey loaded with its texts, were not. */
static size_t
skipped_texts(const struct journey *j, const struct journey *full)
{
    size_t had = 0;
#define SAME_TEXT(x, y) same_text((x), (y), &had)
    CHECK(j->texts_skipped && !full->texts_skipped);
    stage_slices(j);
    stage_slices(full);
    SAME_TEXT(j->description, full->description);
    for (size_t i = 0; i < j->n_stages && i < full->n_stages; i++)
        SAME_TEXT(j->stages[i]->description, full->stages[i]->description);
    for (size_t i = 0; i < j->n_changes && i < full->n_changes; i++)
        SAME_TEXT(j->changes[i]->markdown, full->changes[i]->markdown);
    for (size_t i = 0; i < j->n_touchpoints && i < full->n_touchpoints; i++) {
        const struct touchpoint *a = j->touchpoints[i], *b = full->touchpoints[i];
        SAME_TEXT(a->note ? a->note->markdown : NULL, b->note ? b->note->markdown : NULL);
        SAME_TEXT(a->plan ? a->plan->markdown : NULL, b->plan ? b->plan->markdown : NULL);
        /* Pluses and minuses only counted. */
        CHECK(a->n_pluses == b->n_pluses && a->n_minuses == b->n_minuses);
        CHECK(!a->pluses && !a->minuses);
        for (size_t k = 0; k < b->n_pluses; k++)
            had += *b->pluses[k]->markdown != '\0';
        for (size_t k = 0; k < b->n_minuses; k++)
            had += *b->minuses[k]->markdown != '\0';
    }
    for (size_t c = 0; c < j->n_competitors && c < full->n_competitors; c++)
        for (size_t i = 0; i < j->competitors[c]->n_ratings && i < full->competitors[c]->n_ratings;
             i++)
            SAME_TEXT(j->competitors[c]->ratings[i]->markdown,
                      full->competitors[c]->ratings[i]->markdown);
#undef SAME_TEXT
    return had;
}

/* LOAD_SKIP_TEXTS changes no finding: every fixture journey, loaded and
 * checked both ways, gives the same findings, message for message. */
static void
test_skip_texts(const char *dir)
{
    static const char *const kinds[] = {"valid", "rules", "errors", "checklist", "diagram",
                                        "compare", "agenda", "diff"};
    struct file_list files;
    file_list_init(&files);
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
        char *sub = xasprintf("%s/%s", dir, kinds[i]);
        const char *why;
        CHECK(file_list_add(&files, sub, &why));
        free(sub);
    }
    size_t compared = 0, usable = 0, texts = 0;
    struct buf ta, tb;
    buf_init(&ta);
    buf_init(&tb);
    for (size_t i = 0; i < files.n; i++) {
        struct diag *da = diag_new(), *db = diag_new();
        enum load_status sa, sb;
        struct journey *a = load_path(files.paths[i], da, 0, &sa);
        struct journey *b = load_path(files.paths[i], db, LOAD_SKIP_TEXTS, &sb);
        CHECK(sa == sb && (a == NULL) == (b == NULL));
        if (a && b) {
            rules_run(a, 20000, da);
            rules_run(b, 20000, db);
            texts += skipped_texts(b, a);
            usable++;
        }
        CHECK(diag_count(da) == diag_count(db));
        for (size_t k = 0; k < diag_count(da) && k < diag_count(db); k++) {
            const struct finding *fa = diag_get(da, k), *fb = diag_get(db, k);
            CHECK(fa->line == fb->line && fa->severity == fb->severity);
            CHECK_STR(finding_rule(fa), finding_rule(fb));
            CHECK_STR(fa->subject, fb->subject);
            CHECK_STR(finding_text(fa, &ta), finding_text(fb, &tb));
        }
        journey_free(a);
        journey_free(b);
        diag_free(da);
        diag_free(db);
        compared++;
    }
    buf_finish(&ta);
    buf_finish(&tb);
    file_list_finish(&files);
    /* Not vacuous: the fixtures are there, and hold texts to skip. */
    CHECK(compared >= 100 && usable >= 30 && texts >= 50);
    printf("skip texts: %zu files, %zu usable journeys, %zu texts skipped\n", compared, usable,
           texts);
}

/* path's bytes (malloc'd, NUL-terminated), or NULL. */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b;
    buf_init(&b);
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_append(&b, tmp, n);
    fclose(f);
    return b.data;
}

/* The gate finds a DOCTYPE wherever the chunks it reads split it (the
 * reader takes 32 KiB at a time), after comments and tags with '!' and
 * '<' that are not one; and nothing in such a file that has none. */
static void
test_doctype_split(const char *dir)
{
    char *path = xasprintf("%s/valid/spec-example.xml", dir);
    char *xml = slurp(path);
    free(path);
    CHECK(xml != NULL);
    const char *body = xml ? strchr(xml, '\n') : NULL;
    if (!body) {
        free(xml);
        return;
    }
    const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *out = xasprintf("%s/test_load_doctype_%ld.xml", tmpdir, (long)getpid());
    size_t head = (size_t)(body - xml) + 1;
    for (int doctype = 0; doctype < 2; doctype++)
        for (size_t at = 32768 - 10; at <= 32768 + 1; at++) {
            /* The first line, a comment up to byte at, then "<!DOCTYPE journey>"
             * (or a "<!-- ! -->" comment) there, then the rest. */
            struct buf b;
            buf_init(&b);
            buf_append(&b, xml, head);
            buf_puts(&b, "<!-- a!b <x! ");
            while (b.len + 3 < at)
                buf_putc(&b, b.len % 61 ? 'x' : '!');
            buf_puts(&b, "-->");
            buf_puts(&b, doctype ? "<!DOCTYPE journey>" : "<!-- ! <! -->");
            buf_puts(&b, body);
            FILE *f = fopen(out, "wb");
            CHECK(f != NULL);
            if (!f) {
                buf_finish(&b);
                break;
            }
            fwrite(b.data, 1, b.len, f);
            fclose(f);
            buf_finish(&b);
            struct diag *d = diag_new();
            enum load_status st;
            struct journey *j = load_path(out, d, 0, &st);
            bool found = false;
            struct buf m;
            buf_init(&m);
            for (size_t i = 0; i < diag_count(d); i++) /* on the line it is written on */
                found |= strstr(finding_text(diag_get(d, i), &m), "DOCTYPE") != NULL &&
                         diag_get(d, i)->line == 2;
            buf_finish(&m);
            CHECK(found == (doctype == 1));
            CHECK((st == LOAD_OK) == (doctype == 0));
            journey_free(j);
            diag_free(d);
        }
    remove(out);
    free(out);
    free(xml);
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
    test_skip_texts(argv[1]);
    test_doctype_split(argv[1]);
    load_cleanup();
    return check_done("load");
}
