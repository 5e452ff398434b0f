/*
 * catalog.c - the rule catalogue of rules.md, in the order it lists them.
 */
#include "core/catalog.h"

#include "core/util.h"

#include <string.h>

const char *const rule_category_names[RULE_CATEGORY_COUNT] = {"error", "gap", "weak-spot", "note",
                                                               "evidence"};

const struct rule_info catalog[] = {
    {"xml-syntax", RULE_ERROR, SEVERITY_ERROR,
     "The file is not well-formed UTF-8 XML, or it contains a DOCTYPE.",
     "journeymap reads plain UTF-8 XML without a DOCTYPE or entities. Fix the XML at the line "
     "shown (an unclosed tag, a stray '&' that should be '&amp;'), save the file as UTF-8, and "
     "remove any <!DOCTYPE> declaration."},
    {"schema", RULE_ERROR, SEVERITY_ERROR,
     "An element or attribute is unknown, missing or misplaced, a value is outside its "
     "vocabulary, or an id has the wrong shape.",
     "The file's structure does not match the format: an element or attribute is unknown (often a "
     "typo), missing, in the wrong place, or has a value outside its fixed list. The message names "
     "what is allowed; see docs/format.md."},
    {"invalid-value", RULE_ERROR, SEVERITY_ERROR,
     "A number or date does not parse or is out of range, or values contradict each other.",
     "A number, date or combination of values is impossible: a date not on the calendar, a score "
     "outside 1 to 5, a day past the stage's end, repeats in a stage without a length, shares over "
     "100%. Correct the value the message names."},
    {"duplicate-id", RULE_ERROR, SEVERITY_ERROR, "An id is defined twice in one file.",
     "Every id in a file names one thing, so references are unambiguous. Rename one of the two "
     "elements (and the references that mean it)."},
    {"unknown-reference", RULE_ERROR, SEVERITY_ERROR,
     "A reference names nothing of the right kind.",
     "An attribute refers to an id that does not exist, or to something of the wrong kind (an "
     "owner where a stage is expected). Fix the spelling or add the missing element."},
    {"duplicate-journey", RULE_ERROR, SEVERITY_ERROR,
     "Two files checked together describe a journey with the same id.",
     "Each segment's journey needs its own id across the workspace, or outputs would overwrite "
     "each other. Give one of the files a new journey id."},
    {"empty-stage", RULE_GAP, SEVERITY_WARNING, "A stage has none of our touchpoints.",
     "A stage that no touchpoint of ours covers is a stretch where customers are left alone. Add "
     "at least one touchpoint to it, or merge it into a neighbouring stage."},
    {"contact-gap", RULE_GAP, SEVERITY_WARNING,
     "The customer hears nothing from us for longer than the policy allows.",
     "Long silences make customers feel forgotten and open the door to competitors. Add a "
     "proactive touchpoint inside the silent stretch, repeat an existing one more often (every=), "
     "or change max-silence-days in <policy> if this segment really needs less contact."},
    {"slow-first-contact", RULE_GAP, SEVERITY_WARNING,
     "After the purchase, our first proactive contact comes too late.",
     "Right after buying, customers wonder whether they chose well. Contact them on our initiative "
     "within first-contact-days of the purchase stage's start (a call, a note), or change "
     "first-contact-days in <policy>."},
    {"impersonal-first-contact", RULE_GAP, SEVERITY_WARNING,
     "Our first proactive contact after the purchase is automated.",
     "The first contact after a purchase sets the tone; an automated message feels like a form "
     "letter. Make it personal (mode=\"personal\"): a call, a visit, a hand-signed note."},
    {"no-follow-up", RULE_GAP, SEVERITY_WARNING,
     "Nothing proactive happens after the last delivery stage.",
     "After delivery, customers who hear nothing drift away. Add a company-initiated touchpoint in "
     "a stage after the last delivery stage: a check-in, a thank-you, a feedback request."},
    {"no-owner", RULE_GAP, SEVERITY_WARNING, "A touchpoint has no owner.",
     "A touchpoint nobody owns is a touchpoint nobody improves. Give it an owner (owner=\"…\", one "
     "of <owners>)."},
    {"no-feedback", RULE_GAP, SEVERITY_WARNING, "No touchpoint collects feedback.",
     "Without asking customers, the map rests on guesses. Add a touchpoint with "
     "purpose=\"feedback\": an NPS question, a short survey, a review call."},
    {"unannounced-change", RULE_GAP, SEVERITY_WARNING,
     "A coming change is not announced by any proactive touchpoint.",
     "A change customers discover on their own (a price rise, a dropped product) feels like a "
     "breach of trust. Add a company-initiated touchpoint with about=\"CHANGE-ID\" that tells them "
     "first."},
    {"competitor-only", RULE_GAP, SEVERITY_WARNING,
     "A competitor has a touchpoint we have no equivalent for.",
     "A competitor meets the customer where we do not. Decide whether we need an equivalent; if we "
     "add one, remove the competitor's touchpoint or keep it as a reminder and switch the rule "
     "off."},
    {"dead-end", RULE_GAP, SEVERITY_WARNING,
     "The flow stops at a touchpoint before the last stage.",
     "The file draws the flow with <next>, and customers at this touchpoint go nowhere before the "
     "journey ends. Add a <next> to where they go, or move the touchpoint to the last stage if the "
     "journey really ends there."},
    {"unreachable", RULE_GAP, SEVERITY_WARNING,
     "No flow leads to a touchpoint after the first stage.",
     "The file draws the flow with <next>, and no path leads to this touchpoint. Add a <next> from "
     "where customers come, or remove the touchpoint if nobody reaches it."},
    {"reactive-heavy", RULE_GAP, SEVERITY_WARNING,
     "Too many of our touchpoints wait for the customer to act.",
     "When most contact waits for the customer to act, we only hear about problems. Turn some "
     "touchpoints into proactive ones (initiator=\"company\"), or change max-reactive-share in "
     "<policy>."},
    {"behind-competitor", RULE_GAP, SEVERITY_WARNING,
     "A competitor does this touchpoint better than we do.",
     "A competitor does this moment better. Find out what they do differently (the rating's text "
     "may say), then improve ours or write a <plan>."},
    {"untrained-owner", RULE_GAP, SEVERITY_WARNING,
     "A weak touchpoint is owned by someone without customer-relationship training.",
     "Weak touchpoints improve when their owners know how to handle customers. Train the owner "
     "(then set trained=\"yes\"), or give the touchpoint to someone trained."},
    {"stale-review", RULE_GAP, SEVERITY_WARNING, "The map has not been reviewed for too long.",
     "Markets and customers move; an old map misleads. Walk through it again with people who know "
     "these customers and update <review date=…>, or change review-days in <policy>."},
    {"overdue-plan", RULE_GAP, SEVERITY_WARNING, "A touchpoint's plan is past its due date.",
     "A plan whose date has passed is not being handled, and the weak spot it covers counts as "
     "unplanned again. Carry the plan out, or agree a new date with its owner and write it in "
     "due=\"YYYY-MM-DD\"."},
    {"low-score", RULE_WEAK, SEVERITY_WARNING, "A touchpoint scores below the policy's minimum.",
     "We do this touchpoint poorly. Improve it, or write a <plan> that says how (the finding "
     "becomes a note until the plan is overdue); change min-score in <policy> to move the bar."},
    {"negative-emotion", RULE_WEAK, SEVERITY_WARNING, "Customers feel bad at a touchpoint.",
     "Customers leave this touchpoint feeling bad, and they remember it. Find out why and change "
     "the experience, or write a <plan> (the finding becomes a note until the plan is overdue)."},
    {"more-minuses", RULE_WEAK, SEVERITY_WARNING, "A touchpoint has more minuses than pluses.",
     "This touchpoint has more known bad points than good ones. Work on the minuses or add a "
     "<plan> for them (the finding becomes a note until the plan is overdue)."},
    {"high-drop-off", RULE_WEAK, SEVERITY_WARNING,
     "Too many customers abandon the journey at a touchpoint.",
     "Many customers abandon the journey here. Find where they give up and remove the obstacle, or "
     "write a <plan>; change max-drop-off in <policy> to move the bar."},
    {"long-wait", RULE_WEAK, SEVERITY_WARNING, "Customers wait too long at a touchpoint.",
     "Customers wait longer than they should here. Shorten the wait (staffing, call-backs, "
     "self-service), or write a <plan>; change max-wait-seconds in <policy> to move the bar."},
    {"unscored", RULE_NOTE, SEVERITY_NOTE, "A touchpoint has no score.",
     "Without a score, nobody knows whether this touchpoint works. Rate it from 1 (poor) to 5 "
     "(excellent) with score=."},
    {"no-review", RULE_NOTE, SEVERITY_NOTE, "The map has never been reviewed.",
     "A map nobody has checked against real customers is a guess. Review it with people who know "
     "these customers and record it with <review date=\"YYYY-MM-DD\"/>."},
    {"missed-touchpoint", RULE_EVIDENCE, SEVERITY_WARNING,
     "The contact log shows too few of the customers it was due for getting a planned contact.",
     "A contact on the map that most customers never get is a promise the map makes and the "
     "company does not keep. Find out where it falls through (a mailing list that misses new "
     "customers, a call nobody owns), fix it, or take it off the map; change min-reach in "
     "<policy> if this contact is meant for only some."},
    {"late-touchpoint", RULE_EVIDENCE, SEVERITY_WARNING,
     "Customers get a planned contact, but a median of more than late-days after it was due.",
     "A thank-you a month late, a reminder after the deadline: the contact happens, but not when "
     "it helps. Find what delays it (a batch that runs monthly, a queue), or move it on the map "
     "to when it really happens."},
    {"score-drift", RULE_EVIDENCE, SEVERITY_WARNING,
     "Customers rate a touchpoint a point or more away from the score the map gives it.",
     "The map's score is the team's view; customers' ratings in the log say otherwise. Update the "
     "score, and if it is lower, look at the pluses, minuses and plan again."},
    {"actual-contact-gap", RULE_EVIDENCE, SEVERITY_WARNING,
     "Too many customers go longer than max-silence-days without a contact from us.",
     "The plan may have no gap, but the log shows how long real customers wait between our "
     "contacts, including the wait for the first. Find the touchpoints that are missed or late, "
     "or add a proactive one where the silences fall."},
    {"actual-reactive-heavy", RULE_EVIDENCE, SEVERITY_WARNING,
     "In the log, customers start more of the contacts than the policy allows.",
     "Whatever the map plans, the log shows who really starts the conversations. A company that "
     "only answers is a company customers must chase. Make the proactive touchpoints happen, and "
     "look at why customers have to get in touch."},
    {"actual-drop-off", RULE_EVIDENCE, SEVERITY_WARNING,
     "Too many customers stop after this touchpoint: it is the last planned contact before they "
     "go quiet.",
     "Customers whose last planned contact is this one and who are not heard from for stop-days "
     "stopped here. Find out what happens at it or right after it (a price, a bad experience, "
     "nothing to do next)."},
    {"unplanned-contact", RULE_EVIDENCE, SEVERITY_WARNING,
     "Too many contacts in the log are at no touchpoint of the map.",
     "Contacts that the map does not show are part of the real journey: complaints, questions, "
     "calls nobody planned. Look at their channels and initiators and add the touchpoints they "
     "stand for, so that the map shows the journey customers have."},
    {"log-syntax", RULE_ERROR, SEVERITY_ERROR,
     "A contact log cannot be read: not CSV, not UTF-8, or a required column is missing.",
     "Export the log again as CSV in UTF-8 with a header line that has at least customer and "
     "date (see docs/evidence.md)."},
    {"log-value", RULE_ERROR, SEVERITY_ERROR,
     "A row of a contact log has a bad value: a date, initiator, channel or score, or no customer.",
     "Correct the row the message names, or leave the cell empty where the column is optional. "
     "A contact at no touchpoint of the map needs its initiator."},
    {"log-reference", RULE_EVIDENCE, SEVERITY_WARNING,
     "A contact log names a touchpoint the map does not have.",
     "The log's touchpoint ids must be the map's. A misspelt id, or a contact the map should "
     "have: correct the log's export, or add the touchpoint. Its rows count as unplanned."},
};

const size_t catalog_len = sizeof catalog / sizeof catalog[0];
_Static_assert(sizeof catalog / sizeof catalog[0] <= CATALOG_MAX, "raise CATALOG_MAX");

const struct rule_info *
catalog_find(const char *id)
{
    /* Rules look themselves up once per finding, hundreds of thousands of
     * times for a large journey, mostly the same rule in a row: the last
     * answer is tried first (one comparison instead of a scan). */
    static const struct rule_info *last;
    if (last && strcmp(last->id, id) == 0)
        return last;
    for (size_t i = 0; i < catalog_len; i++)
        if (str_eq(catalog[i].id, id))
            return last = &catalog[i];
    return NULL;
}
