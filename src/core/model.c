/*
 * model.c - vocabularies and lifetime of the journey model.
 */
#include "core/model.h"

#include <stddef.h>

#include "core/arena.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const channel_names[CHANNEL_COUNT] = {
    "web",   "app",     "email", "phone", "chat",  "sms",  "social", "store",
    "visit", "meeting", "mail",  "event", "video", "gift", "other",
};
const char *const initiator_names[INITIATOR_COUNT] = {"company", "customer"};
const char *const phase_names[PHASE_COUNT] = {
    NULL,         "awareness", "consideration", "purchase",
    "onboarding", "delivery",  "retention",     "advocacy",
};
const char *const mode_names[MODE_COUNT] = {NULL, "personal", "automated"};
const char *const purpose_names[PURPOSE_COUNT] = {
    NULL,      "inform",   "sell",  "onboard",   "deliver",
    "support", "feedback", "thank", "follow-up", "other",
};
const char *const trained_names[TRAINED_COUNT] = {NULL, "yes", "no"};
const char *const severity_names[SEVERITY_COUNT] = {"off", "note", "warning", "error"};
const char *const metric_names[METRIC_KIND_COUNT] = {
    "nps", "csat", "ces", "wait-seconds", "drop-off", "response-hours", "resolution", NULL,
};

const struct metric_range metric_ranges[METRIC_KIND_COUNT] = {
    [METRIC_NPS] = {-100, 100},   [METRIC_CSAT] = {0, 100},
    [METRIC_CES] = {1, 7},        [METRIC_WAIT_SECONDS] = {0, 1e15},
    [METRIC_DROP_OFF] = {0, 1},   [METRIC_RESPONSE_HOURS] = {0, 1e15},
    [METRIC_RESOLUTION] = {0, 1}, [METRIC_USER] = {-1e15, 1e15},
};

bool
model_is_id(const char *s)
{
    size_t n = 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        return false;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return n <= 64;
}

int
vocab_find(const char *const *names, size_t count, const char *s)
{
    for (size_t i = 0; i < count; i++)
        if (names[i] && str_eq(names[i], s))
            return (int)i;
    return -1;
}

int
vocab_find_nocase(const char *const *names, size_t count, const char *s)
{
    for (size_t i = 0; i < count; i++)
        if (names[i] && strcasecmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

const struct policy_attr policy_attrs[POLICY_FIELD_COUNT] = {
    [POLICY_MAX_SILENCE_DAYS] = {"max-silence-days", POLICY_UNSIGNED,
                                 offsetof(struct policy, max_silence_days)},
    [POLICY_FIRST_CONTACT_DAYS] = {"first-contact-days", POLICY_UNSIGNED,
                                   offsetof(struct policy, first_contact_days)},
    [POLICY_MAX_REACTIVE_SHARE] = {"max-reactive-share", POLICY_DOUBLE,
                                   offsetof(struct policy, max_reactive_share)},
    [POLICY_MIN_SCORE] = {"min-score", POLICY_INT, offsetof(struct policy, min_score)},
    [POLICY_MAX_WAIT_SECONDS] = {"max-wait-seconds", POLICY_DOUBLE,
                                 offsetof(struct policy, max_wait_seconds)},
    [POLICY_MAX_DROP_OFF] = {"max-drop-off", POLICY_DOUBLE, offsetof(struct policy, max_drop_off)},
    [POLICY_REVIEW_DAYS] = {"review-days", POLICY_UNSIGNED, offsetof(struct policy, review_days)},
    [POLICY_MIN_REACH] = {"min-reach", POLICY_DOUBLE, offsetof(struct policy, min_reach)},
    [POLICY_LATE_DAYS] = {"late-days", POLICY_UNSIGNED, offsetof(struct policy, late_days)},
    [POLICY_MAX_SILENT_SHARE] = {"max-silent-share", POLICY_DOUBLE,
                                 offsetof(struct policy, max_silent_share)},
    [POLICY_MAX_UNPLANNED_SHARE] = {"max-unplanned-share", POLICY_DOUBLE,
                                    offsetof(struct policy, max_unplanned_share)},
    [POLICY_STOP_DAYS] = {"stop-days", POLICY_UNSIGNED, offsetof(struct policy, stop_days)},
    [POLICY_MIN_CUSTOMERS] = {"min-customers", POLICY_UNSIGNED,
                              offsetof(struct policy, min_customers)},
};

void
policy_defaults(struct policy *p)
{
    p->max_silence_days = 30;
    p->first_contact_days = 2;
    p->max_reactive_share = 0.5;
    p->min_score = 3;
    p->max_wait_seconds = 60;
    p->max_drop_off = 0.2;
    p->review_days = 180;
    p->min_reach = 0.8;
    p->late_days = 7;
    p->max_silent_share = 0.2;
    p->max_unplanned_share = 0.1;
    p->stop_days = 90;
    p->min_customers = 10;
    p->overrides = NULL;
    p->n_overrides = 0;
    p->written = 0;
}

void
journey_free(struct journey *j)
{
    /* The journey itself lives in its arena. */
    if (j)
        arena_free(j->arena);
}

struct id_entry {
    enum id_kind kind;
    const void *obj;
};

/* The ids in a hash index (numbered in the order added), and what each
 * number is. */
struct id_index {
    struct strindex ids;
    struct id_entry *v;
};

/* The first of equal ids is kept: elements come before the journey's own
 * id, which may equal one of theirs (element ids are unique in a file). */
static void
id_index_add(struct id_index *x, const char *id, enum id_kind kind, const void *obj)
{
    if (strindex_find(&x->ids, id) != STRINDEX_NONE)
        return;
    x->v[strindex_add(&x->ids, id)] = (struct id_entry){kind, obj};
}

struct id_index *
id_index_new(const struct journey *j)
{
    struct id_index *x = xcalloc(1, sizeof *x);
    x->ids = (struct strindex)STRINDEX_INIT;
    size_t n = 1 + j->n_stages + j->n_touchpoints + j->n_changes + j->n_owners;
    for (size_t i = 0; i < j->n_competitors; i++)
        n += 1 + j->competitors[i]->n_touchpoints;
    x->v = xmalloc(n * sizeof *x->v);
    for (size_t i = 0; i < j->n_stages; i++)
        id_index_add(x, j->stages[i]->id, ID_STAGE, j->stages[i]);
    for (size_t i = 0; i < j->n_touchpoints; i++)
        id_index_add(x, j->touchpoints[i]->id, ID_TOUCHPOINT, j->touchpoints[i]);
    for (size_t i = 0; i < j->n_changes; i++)
        id_index_add(x, j->changes[i]->id, ID_CHANGE, j->changes[i]);
    for (size_t i = 0; i < j->n_owners; i++)
        id_index_add(x, j->owners[i]->id, ID_OWNER, j->owners[i]);
    for (size_t i = 0; i < j->n_competitors; i++) {
        const struct competitor *c = j->competitors[i];
        id_index_add(x, c->id, ID_COMPETITOR, c);
        for (size_t k = 0; k < c->n_touchpoints; k++)
            id_index_add(x, c->touchpoints[k]->id, ID_COMPETITOR_TOUCHPOINT, c->touchpoints[k]);
    }
    id_index_add(x, j->id, ID_JOURNEY, j);
    return x;
}

void
id_index_free(struct id_index *x)
{
    if (!x)
        return;
    strindex_finish(&x->ids);
    free(x->v);
    free(x);
}

enum id_kind
id_index_find(const struct id_index *x, const char *id, const void **obj)
{
    size_t k = strindex_find(&x->ids, id);
    if (k == STRINDEX_NONE)
        return ID_NONE;
    if (obj)
        *obj = x->v[k].obj;
    return x->v[k].kind;
}
