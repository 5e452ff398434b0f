/*
 * cli.c - option handling shared by the subcommands.
 */
#include "cli.h"

#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "journeymap%s%s: %s\nTry 'journeymap %s%s--help' for more information.\n",
            cmd ? " " : "", cmd ? cmd : "", msg, cmd ? cmd : "", cmd ? " " : "");
    free(msg);
    return EXIT_TROUBLE;
}

void
cli_rule_defaults(struct rule_options *o)
{
    o->fail_on = SEVERITY_ERROR;
    o->today = 0;
    o->today_given = false;
}

bool
cli_rule_today(const char *cmd, struct rule_options *o)
{
    if (o->today_given)
        return true;
    if (!date_today(&o->today)) {
        usage_error(cmd, "SOURCE_DATE_EPOCH is set to \"%s\", which is not a number of seconds",
                    getenv("SOURCE_DATE_EPOCH"));
        return false;
    }
    return true;
}

bool
cli_parse_today(const char *cmd, const char *arg, struct rule_options *o)
{
    if (!date_parse(arg, &o->today)) {
        usage_error(cmd, "--today wants a calendar date written YYYY-MM-DD, not \"%s\"", arg);
        return false;
    }
    o->today_given = true;
    return true;
}

bool
cli_parse_fail_on(const char *cmd, const char *arg, struct rule_options *o)
{
    int k = vocab_find(severity_names, SEVERITY_COUNT, arg);
    if (k <= SEVERITY_OFF) {
        usage_error(cmd, "--fail-on wants error, warning or note, not \"%s\"", arg);
        return false;
    }
    o->fail_on = (enum severity)k;
    return true;
}
