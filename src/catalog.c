/*
 * catalog.c - the rule catalogue of rules.md, in the order it lists them.
 */
#include "catalog.h"

#include <string.h>

const struct rule_info catalog[] = {
    {"xml-syntax", RULE_ERROR, SEVERITY_ERROR,
     "The file is not well-formed UTF-8 XML, or it contains a DOCTYPE."},
    {"schema", RULE_ERROR, SEVERITY_ERROR,
     "An element or attribute is unknown, missing or misplaced, a value is outside its "
     "vocabulary, or an id has the wrong shape."},
    {"invalid-value", RULE_ERROR, SEVERITY_ERROR,
     "A number or date does not parse or is out of range, or values contradict each other."},
    {"duplicate-id", RULE_ERROR, SEVERITY_ERROR, "An id is defined twice in one file."},
    {"unknown-reference", RULE_ERROR, SEVERITY_ERROR,
     "A reference names nothing of the right kind."},
    {"duplicate-journey", RULE_ERROR, SEVERITY_ERROR,
     "Two files checked together describe a journey with the same id."},
    {"empty-stage", RULE_GAP, SEVERITY_WARNING, "A stage has none of our touchpoints."},
    {"contact-gap", RULE_GAP, SEVERITY_WARNING,
     "The customer hears nothing from us for longer than the policy allows."},
    {"slow-first-contact", RULE_GAP, SEVERITY_WARNING,
     "After the purchase, our first proactive contact comes too late."},
    {"impersonal-first-contact", RULE_GAP, SEVERITY_WARNING,
     "Our first proactive contact after the purchase is automated."},
    {"no-follow-up", RULE_GAP, SEVERITY_WARNING,
     "Nothing proactive happens after the last delivery stage."},
    {"no-owner", RULE_GAP, SEVERITY_WARNING, "A touchpoint has no owner."},
    {"no-feedback", RULE_GAP, SEVERITY_WARNING, "No touchpoint collects feedback."},
    {"unannounced-change", RULE_GAP, SEVERITY_WARNING,
     "A coming change is not announced by any proactive touchpoint."},
    {"competitor-only", RULE_GAP, SEVERITY_WARNING,
     "A competitor has a touchpoint we have no equivalent for."},
    {"dead-end", RULE_GAP, SEVERITY_WARNING,
     "The flow stops at a touchpoint before the last stage."},
    {"unreachable", RULE_GAP, SEVERITY_WARNING,
     "No flow leads to a touchpoint after the first stage."},
    {"reactive-heavy", RULE_GAP, SEVERITY_WARNING,
     "Too many of our touchpoints wait for the customer to act."},
    {"behind-competitor", RULE_GAP, SEVERITY_WARNING,
     "A competitor does this touchpoint better than we do."},
    {"untrained-owner", RULE_GAP, SEVERITY_WARNING,
     "A weak touchpoint is owned by someone without customer-relationship training."},
    {"stale-review", RULE_GAP, SEVERITY_WARNING, "The map has not been reviewed for too long."},
    {"low-score", RULE_WEAK, SEVERITY_WARNING, "A touchpoint scores below the policy's minimum."},
    {"negative-emotion", RULE_WEAK, SEVERITY_WARNING, "Customers feel bad at a touchpoint."},
    {"more-minuses", RULE_WEAK, SEVERITY_WARNING, "A touchpoint has more minuses than pluses."},
    {"high-drop-off", RULE_WEAK, SEVERITY_WARNING,
     "Too many customers abandon the journey at a touchpoint."},
    {"long-wait", RULE_WEAK, SEVERITY_WARNING, "Customers wait too long at a touchpoint."},
    {"unscored", RULE_NOTE, SEVERITY_NOTE, "A touchpoint has no score."},
    {"no-review", RULE_NOTE, SEVERITY_NOTE, "The map has never been reviewed."},
};

const size_t catalog_len = sizeof catalog / sizeof catalog[0];
_Static_assert(sizeof catalog / sizeof catalog[0] <= CATALOG_MAX, "raise CATALOG_MAX");

const struct rule_info *
catalog_find(const char *id)
{
    for (size_t i = 0; i < catalog_len; i++)
        if (strcmp(catalog[i].id, id) == 0)
            return &catalog[i];
    return NULL;
}
