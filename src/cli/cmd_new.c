/*
 * cmd_new.c - `journeymap new`: a commented starter journey for a segment.
 */
#include "cli/cli.h"
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
new_validate(struct cli_args *a)
{
    if (a->n_operands == 1 && !model_is_id(a->operands[0]))
        return usage_error("new",
                           "\"%s\" is not an id: use a letter followed by letters, digits, '-', "
                           "'_' or '.', at most 64 characters",
                           a->operands[0]);
    return CLI_CONTINUE;
}

/* The starter journey; @ID@ is the id, @TODAY@ today's date. Every example
 * is valid, so the file passes `check` without errors from the start. */
static const char starter[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!--\n"
    "  Starter journey for the segment \"@ID@\", made by `journeymap new`.\n"
    "  Replace the examples with what really happens to these customers, then run\n"
    "    journeymap check @ID@.xml\n"
    "  The format is explained in docs/format.md; every rule in docs/rules.md.\n"
    "-->\n"
    "<journey version=\"1\" id=\"@ID@\" name=\"@ID@: describe the segment in a few words\">\n"
    "  <description>\n"
    "    Who these customers are, what they buy, and why their journey differs from\n"
    "    other segments'. (Markdown.)\n"
    "  </description>\n"
    "\n"
    "  <!-- Once you have walked through the map with people who know these\n"
    "       customers (sales, support, a few customers themselves), record it:\n"
    "         <review date=\"@TODAY@\" by=\"who took part\"/>\n"
    "       Until then, `check` notes that the map has never been reviewed. -->\n"
    "\n"
    "  <!-- Thresholds the rules use; remove this line to keep the defaults. -->\n"
    "  <policy max-silence-days=\"30\" first-contact-days=\"2\"/>\n"
    "\n"
    "  <!-- Who is responsible for touchpoints: people, roles or teams.\n"
    "       trained=\"yes|no\": customer-relationship training done? -->\n"
    "  <owners>\n"
    "    <owner id=\"sales\" name=\"Sales team\" trained=\"yes\"/>\n"
    "    <owner id=\"service\" name=\"Customer service\" trained=\"no\"/>\n"
    "  </owners>\n"
    "\n"
    "  <!-- Stages come in the order customers live them. days: how long each lasts.\n"
    "       phase: awareness, consideration, purchase, onboarding, delivery,\n"
    "       retention or advocacy. -->\n"
    "  <stage id=\"becoming-a-customer\" name=\"Becoming a customer\" phase=\"purchase\" "
    "days=\"14\">\n"
    "    <!-- initiator=\"company\": we reach out; \"customer\": they come to us.\n"
    "         day: days after the stage starts. score 1-5: how well we do it.\n"
    "         emotion -2..2: how the customer feels. -->\n"
    "    <touchpoint id=\"order\" name=\"Order and payment\" channel=\"web\" "
    "initiator=\"customer\"\n"
    "                owner=\"sales\" day=\"0\" score=\"3\">\n"
    "      <plus>One page, no account needed.</plus>\n"
    "      <minus>Customers cannot see the delivery date before paying.</minus>\n"
    "    </touchpoint>\n"
    "    <!-- Reach new customers personally, soon after the sale. -->\n"
    "    <touchpoint id=\"thank-you-call\" name=\"Personal thank-you call\" channel=\"phone\"\n"
    "                initiator=\"company\" owner=\"sales\" mode=\"personal\" purpose=\"thank\" "
    "day=\"1\"\n"
    "                score=\"4\" emotion=\"1\"/>\n"
    "  </stage>\n"
    "\n"
    "  <stage id=\"getting-to-know-them\" name=\"Getting to know them\" phase=\"onboarding\" "
    "days=\"30\">\n"
    "    <touchpoint id=\"welcome-meeting\" name=\"Welcome meeting\" channel=\"meeting\"\n"
    "                initiator=\"company\" owner=\"sales\" mode=\"personal\" purpose=\"onboard\" "
    "day=\"7\"\n"
    "                score=\"4\"/>\n"
    "  </stage>\n"
    "\n"
    "  <stage id=\"delivery\" name=\"Delivery\" phase=\"delivery\" days=\"60\">\n"
    "    <!-- every=\"N\": repeats every N days while the stage lasts. -->\n"
    "    <touchpoint id=\"progress-update\" name=\"Progress update\" channel=\"email\"\n"
    "                initiator=\"company\" owner=\"service\" purpose=\"inform\" day=\"5\" "
    "every=\"14\"\n"
    "                score=\"3\"/>\n"
    "    <touchpoint id=\"help-desk\" name=\"Help desk\" channel=\"phone\" "
    "initiator=\"customer\"\n"
    "                owner=\"service\" purpose=\"support\" score=\"3\">\n"
    "      <metric name=\"wait-seconds\" value=\"45\"/>\n"
    "    </touchpoint>\n"
    "  </stage>\n"
    "\n"
    "  <stage id=\"after-delivery\" name=\"After delivery\" phase=\"retention\" days=\"30\">\n"
    "    <!-- Follow up after delivery, and ask what customers think. -->\n"
    "    <touchpoint id=\"follow-up-call\" name=\"Follow-up call\" channel=\"phone\"\n"
    "                initiator=\"company\" owner=\"sales\" mode=\"personal\" "
    "purpose=\"follow-up\" day=\"7\"\n"
    "                score=\"4\"/>\n"
    "    <touchpoint id=\"feedback-survey\" name=\"Two-question feedback survey\" "
    "channel=\"email\"\n"
    "                initiator=\"company\" owner=\"service\" purpose=\"feedback\" day=\"21\" "
    "score=\"3\"/>\n"
    "  </stage>\n"
    "\n"
    "  <!-- How a competitor handles the same journey: ratings of our touchpoints,\n"
    "       and touchpoints only they have.\n"
    "  <competitor id=\"rival\" name=\"Rival Ltd\">\n"
    "    <rating touchpoint=\"thank-you-call\" score=\"3\"/>\n"
    "    <touchpoint id=\"rival-webinar\" stage=\"getting-to-know-them\" name=\"Welcome "
    "webinar\"\n"
    "                channel=\"video\" initiator=\"company\"/>\n"
    "  </competitor>\n"
    "  -->\n"
    "</journey>\n";

/* The template with @ID@ and @TODAY@ replaced (caller frees). */
static char *
new_fill(const char *tmpl, const char *id, const char *today)
{
    struct buf b;
    buf_init(&b);
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "@ID@", 4) == 0) {
            buf_puts(&b, id);
            p += 4;
        } else if (strncmp(p, "@TODAY@", 7) == 0) {
            buf_puts(&b, today);
            p += 7;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_steal(&b);
}

int
cmd_new(int argc, char **argv)
{
    struct cli_args a; /* --today dates the example <review> in a comment */
    int rc = cli_start(&cli_new, NULL, argc, argv, &a);
    if (rc != CLI_CONTINUE)
        return rc;
    char today[11];
    date_format(a.ro.today, today);
    char *text = new_fill(starter, a.operands[0], today);
    int status = cli_create(&a, text, strlen(text), false);
    if (status == EXIT_CLEAN && a.out)
        fprintf(stderr, "journeymap new: wrote %s; edit it, then run: journeymap check %s\n", a.out,
                a.out);
    free(text);
    return status;
}
