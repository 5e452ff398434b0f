/*
 * evidence.c - the JSON of `journeymap evidence` (evidence.md, "JSON"),
 * keys in the spec's order.
 */
#include "render/evidence.h"

#include "core/date.h"
#include "core/util.h"
#include "render/jansson/finding.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A file name as JSON text: names from the command line may be any bytes. */
static json_t *
ev_name(const char *s)
{
    char *fixed = utf8_fix(s);
    json_t *v = json_string(fixed);
    free(fixed);
    return v;
}

static json_t *
ev_date(day_number d)
{
    char text[11];
    date_format(d, text);
    return json_string(text);
}

static json_t *
ev_measure(struct measure m)
{
    return m.has ? json_real(m.v) : json_null();
}

static json_t *
ev_touchpoint(const struct evidence_tp *t)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(t->tp->id));
    json_object_set_new(o, "stage", json_string(t->tp->stage->id));
    json_object_set_new(o, "initiator", json_string(initiator_names[t->tp->initiator]));
    json_object_set_new(o, "planned_day", json_integer(t->planned_day));
    json_object_set_new(o, "eligible", json_integer((json_int_t)t->eligible));
    json_object_set_new(o, "reached", json_integer((json_int_t)t->reached));
    json_object_set_new(o, "reach", ev_measure(t->reach));
    json_object_set_new(o, "median_delay", ev_measure(t->median_delay));
    json_object_set_new(o, "late_share", ev_measure(t->late_share));
    json_object_set_new(o, "measured_score", ev_measure(t->measured_score));
    json_object_set_new(o, "score_count", json_integer((json_int_t)t->score_count));
    json_object_set_new(o, "stop_share", ev_measure(t->stop_share));
    return o;
}

static void
ev_counts(json_t *o, const struct evidence *e)
{
    json_object_set_new(o, "customers", json_integer((json_int_t)e->customers));
    json_object_set_new(o, "anchored", json_integer((json_int_t)e->anchored));
    json_object_set_new(o, "events", json_integer((json_int_t)e->events));
    json_object_set_new(o, "planned_events", json_integer((json_int_t)e->planned_events));
    json_object_set_new(o, "unplanned_events", json_integer((json_int_t)e->unplanned_events));
    json_object_set_new(o, "ignored_rows", json_integer((json_int_t)e->ignored_rows));
    json_object_set_new(o, "proactive_share", ev_measure(e->proactive_share));
    json_object_set_new(o, "proactive_share_30d", ev_measure(e->proactive_share_30d));
    json_object_set_new(o, "planned_proactive_share", ev_measure(e->planned_proactive_share));
    json_object_set_new(o, "silent_share", ev_measure(e->silent_share));
    json_object_set_new(o, "stopped", json_integer((json_int_t)e->stopped));
}

char *
evidence_json(const struct evidence *e, const struct evidence_source *src, const struct diag *d,
              size_t *len)
{
    json_t *o = json_object();
    json_object_set_new(o, "journey", json_string(e->j->id));
    json_object_set_new(o, "model", ev_name(src->model));
    json_t *logs = json_array();
    for (size_t i = 0; i < src->n_logs; i++)
        json_array_append_new(logs, ev_name(src->logs[i]));
    json_object_set_new(o, "logs", logs);
    json_object_set_new(o, "from", ev_date(e->from));
    json_object_set_new(o, "as_of", ev_date(e->as_of));
    ev_counts(o, e);
    json_t *tps = json_array();
    for (size_t i = 0; i < e->n_tps; i++)
        json_array_append_new(tps, ev_touchpoint(&e->tps[i]));
    json_object_set_new(o, "touchpoints", tps);
    json_t *un = json_array();
    for (size_t i = 0; i < e->n_unplanned; i++) {
        const struct log_unplanned *u = &e->unplanned[i];
        json_t *x = json_object();
        json_object_set_new(x, "channel",
                            u->channel >= 0 ? json_string(channel_names[u->channel]) : json_null());
        json_object_set_new(x, "initiator", json_string(u->company ? "company" : "customer"));
        json_object_set_new(x, "events", json_integer((json_int_t)u->events));
        json_array_append_new(un, x);
    }
    json_object_set_new(o, "unplanned", un);
    json_t *fs = json_array();
    for (size_t i = 0; i < diag_count(d); i++)
        json_array_append_new(fs, finding_json(diag_get(d, i), diag_file(d, diag_get(d, i))));
    json_object_set_new(o, "findings", fs);
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        abort(); /* out of memory, or a string that is not UTF-8 (names are checked) */
    size_t n = strlen(text);
    char *out = xmalloc(n + 2);
    memcpy(out, text, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    free(text);
    *len = n + 1;
    return out;
}
