/*
 * libFuzzer: any bytes as a contact log against a fixed journey, through
 * the log reader, the definitions, the rules and both reports. The
 * measures must hold what evidence.md promises (reached <= eligible, every
 * share within 0..1, delays never negative); this harness aborts when one
 * does not.
 */
#include "fuzz_common.h"
#include "check/evidence.h"
#include "read/contactlog.h"
#include "render/evidence.h"

#include <math.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char plan[] =
    "<journey version=\"1\" id=\"plan\" name=\"Plan\"><policy min-customers=\"1\"/>"
    "<stage id=\"a\" name=\"A\" days=\"10\">"
    "<touchpoint id=\"web\" name=\"Web\" channel=\"web\" initiator=\"customer\" day=\"0\"/>"
    "<touchpoint id=\"call\" name=\"Call\" channel=\"phone\" initiator=\"company\" day=\"2\" "
    "score=\"4\"/></stage>"
    "<stage id=\"b\" name=\"B\" days=\"60\">"
    "<touchpoint id=\"report\" name=\"Report\" channel=\"email\" initiator=\"company\" day=\"0\" "
    "every=\"20\"/></stage>"
    "<stage id=\"c\" name=\"C\" days=\"30\">"
    "<touchpoint id=\"renewal\" name=\"Renewal\" channel=\"phone\" initiator=\"company\" "
    "day=\"5\"/></stage></journey>";

static bool
fuzz_share(struct measure m)
{
    return !m.has || (m.v >= 0 && m.v <= 1 && !isnan(m.v));
}

static void
fuzz_check(const struct evidence *e)
{
    bool ok = fuzz_share(e->proactive_share) && fuzz_share(e->proactive_share_30d) &&
              fuzz_share(e->silent_share) && e->anchored <= e->customers &&
              e->planned_events + e->unplanned_events == e->events;
    for (size_t i = 0; i < e->n_tps; i++) {
        const struct evidence_tp *t = &e->tps[i];
        ok = ok && t->reached <= t->eligible && fuzz_share(t->reach) && fuzz_share(t->late_share) &&
             fuzz_share(t->stop_share) && (!t->median_delay.has || t->median_delay.v >= 0) &&
             (!t->measured_score.has ||
              (t->measured_score.v >= 1 && t->measured_score.v <= 5));
    }
    if (!ok)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct journey *j;
    static struct diag *model_diag;
    if (!j) {
        model_diag = diag_new();
        j = fuzz_load((const uint8_t *)plan, sizeof plan - 1, model_diag);
        if (!j)
            abort();
    }
    FILE *in = fmemopen((void *)(uintptr_t)data, size ? size : 1, "rb");
    if (!size)
        fseek(in, 0, SEEK_END);
    struct contact_log log;
    contactlog_init(&log, j, NULL);
    struct diag *d = diag_new();
    diag_begin_file(d, "fuzz.csv");
    contactlog_read(&log, in, "fuzz.csv", d);
    fclose(in);
    contactlog_end(&log, d);
    if (diag_worst(d, 0) < SEVERITY_ERROR) {
        struct evidence *e = evidence_new(j, &log, NULL, NULL);
        if (e) {
            fuzz_check(e);
            diag_begin_file(d, "plan.xml");
            evidence_rules(e, d);
            char *logs[] = {(char *)(uintptr_t) "fuzz.csv"};
            struct evidence_source src = {"plan.xml", logs, 1};
            size_t len = 0;
            free(evidence_json(e, &src, d, &len));
            free(evidence_markdown(e, &src, d, &len));
            evidence_free(e);
        }
    }
    diag_free(d);
    contactlog_finish(&log);
    return 0;
}
