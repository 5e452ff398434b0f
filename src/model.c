/*
 * model.c - vocabularies and lifetime of the journey model.
 */
#include "model.h"

#include "arena.h"

#include <string.h>

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

int
vocab_find(const char *const *names, size_t count, const char *s)
{
    for (size_t i = 0; i < count; i++)
        if (names[i] && strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

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
    p->overrides = NULL;
    p->n_overrides = 0;
}

void
journey_free(struct journey *j)
{
    /* The journey itself lives in its arena. */
    if (j)
        arena_free(j->arena);
}
