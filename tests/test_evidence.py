#!/usr/bin/env python3
"""`journeymap evidence` (evidence.md): hand-made (model, log, expected
JSON) cases for each definition and each rule at and around its
threshold; bad logs with their exact LOGFILE:LINE findings and no report;
hostile CSV; policy overrides; the report for people; and a generated log
whose true delivery rates are known, against what evidence measures.
Usage: test_evidence.py JOURNEYMAP SRCDIR"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import harness
from harness import expect

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
FIX = os.path.join(SRC, "tests", "fixtures", "evidence")
run = harness.runner(EXE)


def close(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) < 1e-9
    return a == b


def check_cases():
    cases = sorted(glob.glob(os.path.join(FIX, "cases", "*.json")))
    expect("evidence cases found", len(cases) >= 30, str(len(cases)))
    for jf in cases:
        c = json.load(open(jf, encoding="utf-8"))
        name = os.path.basename(jf)[:-5]
        p = run("evidence", "-T", "json", *c["args"], c["model"],
                os.path.join("cases", name + ".csv"), cwd=FIX)
        try:
            got = json.loads(p.stdout)
        except ValueError:
            expect(name + ": JSON", False, p.stderr.decode())
            continue
        expect(name + ": exit 0 (warnings only)", p.returncode == 0, p.stderr.decode())
        for k, want in c["expect"].items():
            if k == "touchpoints":
                tps = {t["id"]: t for t in got["touchpoints"]}
                for tid, fields in want.items():
                    for f, v in fields.items():
                        expect("%s: %s.%s" % (name, tid, f), close(tps[tid][f], v),
                               "%r, want %r (%s)" % (tps[tid][f], v, c["why"]))
            elif k == "findings":
                g = sorted((f["rule"], f["subject"]) for f in got["findings"])
                w = sorted((f["rule"], f["subject"]) for f in want)
                expect(name + ": findings", g == w, "%r, want %r (%s)" % (g, w, c["why"]))
                for f in want:
                    if "line" in f:
                        expect(name + ": line of " + f["rule"],
                               any(x["rule"] == f["rule"] and x["line"] == f["line"] and
                                   x["file"] == os.path.join("cases", name + ".csv")
                                   for x in got["findings"]), str(got["findings"]))
            else:
                expect("%s: %s" % (name, k), close(got[k], want), "%r, want %r (%s)" %
                       (got[k], want, c["why"]))


KEYS = ["journey", "model", "logs", "from", "as_of", "customers", "anchored", "events",
        "planned_events", "unplanned_events", "ignored_rows", "proactive_share",
        "proactive_share_30d", "planned_proactive_share", "silent_share", "stopped",
        "touchpoints", "unplanned", "findings"]
TP_KEYS = ["id", "stage", "initiator", "planned_day", "eligible", "reached", "reach",
           "median_delay", "late_share", "measured_score", "score_count", "stop_share"]


def check_json_shape():
    p = run("evidence", "-T", "json", "plan.xml", "cases/silence.csv", cwd=FIX)
    got = json.loads(p.stdout)
    expect("JSON: exactly the spec's keys, in order", list(got) == KEYS, str(list(got)))
    expect("JSON: touchpoint keys", all(list(t) == TP_KEYS for t in got["touchpoints"]),
           str(list(got["touchpoints"][0])))
    expect("JSON: all of ours in journey order", [t["id"] for t in got["touchpoints"]] ==
           ["web", "call", "contract", "thanks", "report", "survey", "renewal"])
    expect("JSON: planned_day is P(s) + day", [t["planned_day"] for t in got["touchpoints"]] ==
           [0, 2, 10, 11, 15, 45, 80])
    expect("JSON: the planned proactive share", close(got["planned_proactive_share"], 5 / 7))
    f = got["findings"][0]
    expect("JSON: findings as check's", list(f) == ["file", "line", "severity", "rule", "subject",
                                                   "message"], str(f))


def check_bad_logs(tmp):
    bad = sorted(glob.glob(os.path.join(FIX, "bad", "*.csv")))
    for need in ["missing-customer", "impossible-date", "unknown-initiator", "score-7",
                 "no-touchpoint-no-initiator", "latin-1"]:
        expect("bad log " + need, os.path.join(FIX, "bad", need + ".csv") in bad)
    for path in bad:
        name = os.path.basename(path)[:-4]
        out = os.path.join(tmp, "never.md")
        p = run("evidence", "-o", out, "../plan.xml", name + ".csv", cwd=os.path.join(FIX, "bad"))
        expect(name + ": exit 1", p.returncode == 1, p.stderr.decode())
        expect(name + ": the exact finding", p.stdout.decode() == open(
            os.path.join(FIX, "bad", name + ".expected"), encoding="utf-8").read(),
            p.stdout.decode())
        expect(name + ": no report", not os.path.exists(out))
        p = run("evidence", "-T", "json", "../plan.xml", name + ".csv", cwd=os.path.join(FIX, "bad"))
        arr = json.loads(p.stdout)
        expect(name + ": -T json: the findings array", isinstance(arr, list) and arr and
               arr[0]["rule"] in ("log-syntax", "log-value"), p.stdout.decode()[:200])
    # past 100 errors, a count
    many = os.path.join(tmp, "many.csv")
    with open(many, "w") as f:
        f.write("customer,date,touchpoint\n" + "A,not-a-date,call\n" * 150)
    p = run("evidence", os.path.join(FIX, "plan.xml"), many)
    lines = p.stdout.decode().splitlines()
    expect("150 bad rows: 100 listed and a count at the first not listed", len(lines) == 101 and
           lines[-1].startswith(many + ":102: error: 50 more problems"), "%d lines; %s" %
           (len(lines), lines[-1:]))


def check_hostile(tmp):
    head = b"customer,date,touchpoint\n"
    cases = []
    p = os.path.join(tmp, "big-field.csv")
    with open(p, "wb") as f:
        f.write(head + b'A,2026-01-03,"')
        for _ in range(200):
            f.write(b"x" * (1 << 20))
        f.write(b'"\n')
    cases.append(("a 200 MB field", p, 1, ":2: error: a cell longer than 1 MiB"))
    p = os.path.join(tmp, "empty.csv")
    with open(p, "wb") as f:
        f.write(head + b",,\n" * 1000000)
    cases.append(("a million empty rows", p, 1, "has no contact"))
    p = os.path.join(tmp, "nul.csv")
    with open(p, "wb") as f:
        f.write(head + b"A\x00,2026-01-03,call\n")
    cases.append(("NUL bytes", p, 1, ":2: error: a NUL byte"))
    p = os.path.join(tmp, "open.csv")
    with open(p, "wb") as f:
        f.write(head + b"A,2026-01-03,call\nB,\"2026-01-04,call\n")
    cases.append(("a quote left open", p, 1, ":3: error: a quote opened here is never closed"))
    for what, path, status, message in cases:
        code, out, err, secs, _ = harness.measured_run([EXE, "evidence", os.path.join(FIX, "plan.xml"),
                                                        path])
        expect(what + ": exit %d" % status, code == status, "%d %s %s" % (code, out[:200], err[:200]))
        expect(what + ": " + message, message in out + err, (out + err)[:300])
        expect(what + ": within 30 s", secs < 30, "%.1f s" % secs)
        os.unlink(path)


def check_cli(tmp):
    p = run("evidence", "--from", "2026-13-01", os.path.join(FIX, "plan.xml"), "x.csv")
    expect("a bad --from: exit 2", p.returncode == 2, p.stderr.decode())
    p = run("evidence", os.path.join(FIX, "plan.xml"))
    expect("no log: exit 2", p.returncode == 2, p.stderr.decode())
    p = run("evidence", os.path.join(SRC, "models"), os.path.join(FIX, "cases", "silence.csv"))
    expect("a folder for MODEL: exit 2", p.returncode == 2 and b"folder" in p.stderr,
           p.stderr.decode())
    p = run("evidence", os.path.join(FIX, "plan.xml"), os.path.join(tmp, "missing.csv"))
    expect("an unreadable log: exit 2", p.returncode == 2 and b"cannot read" in p.stderr,
           p.stderr.decode())
    p = run("evidence", os.path.join(SRC, "tests", "fixtures", "errors", "schema-channel.xml"),
            os.path.join(FIX, "cases", "silence.csv"))
    expect("a model with errors: exit 1", p.returncode == 1, p.stderr.decode())
    silence = os.path.join(FIX, "cases", "silence.csv")
    window = ["--from", "2025-06-01", "--as-of", "2026-03-01"]
    p = run("evidence", "--fail-on", "warning", os.path.join(FIX, "plan.xml"), silence)
    expect("--fail-on warning with warnings: exit 1", p.returncode == 1, p.stderr.decode())
    p = run("evidence", "-T", "json", "--as-of", "2026-02-01", os.path.join(FIX, "plan.xml"),
            silence)
    got = json.loads(p.stdout)
    expect("--as-of: later rows left out", got["ignored_rows"] == 5 and got["events"] == 8,
           "%d %d" % (got["ignored_rows"], got["events"]))
    late = os.path.join(tmp, "late-bad.csv")
    with open(late, "w") as f:
        f.write("customer,date,touchpoint,score\nA,2026-01-03,call,4\nB,2026-05-01,call,9\n")
    p = run("evidence", "-T", "json", "--as-of", "2026-02-01", os.path.join(FIX, "plan.xml"), late)
    expect("a row after --as-of is not checked", p.returncode == 0 and
           json.loads(p.stdout)["ignored_rows"] == 1, p.stdout.decode()[:300])
    # a <policy><rule> switches an evidence rule off, or changes its severity
    model = os.path.join(tmp, "quiet.xml")
    text = open(os.path.join(FIX, "plan.xml"), encoding="utf-8").read().replace(
        '<policy min-customers="1" max-silence-days="30"/>',
        '<policy min-customers="1" max-silence-days="30"><rule id="missed-touchpoint" '
        'severity="off"/><rule id="actual-contact-gap" severity="note"/></policy>')
    with open(model, "w", encoding="utf-8") as f:
        f.write(text)
    got = json.loads(run("evidence", "-T", "json", *window, model, silence).stdout)
    rules = [(f["rule"], f["severity"]) for f in got["findings"]]
    expect("policy: missed-touchpoint off, actual-contact-gap a note",
           rules == [("actual-contact-gap", "note")], str(rules))
    p = run("evidence", *window, "--fail-on", "warning", model, silence)
    expect("policy: a note does not fail --fail-on warning", p.returncode == 0, p.stderr.decode())
    # the report for people
    p = run("evidence", *window, os.path.join(FIX, "plan.xml"), silence)
    md = p.stdout.decode()
    for heading in ["# Planned against actual: Evidence plan", "## Findings",
                    "## Planned against actual, stage by stage", "## Who starts the contact",
                    "## How long customers go without hearing from us", "## Where customers stop",
                    "## Contacts the map does not show"]:
        expect("report: " + heading, heading + "\n" in md, md[:400])
    expect("report: each finding with its rule id", "`[actual-contact-gap]`" in md and
           "`[missed-touchpoint]`" in md, md)
    expect("report: what was measured against what was planned",
           "only 75% of customers got \"Intro call\" (planned for day 2 of Considering" in md, md)


def check_generated(tmp):
    """A log simulated from models/smb-owners.xml: evidence measures the
    delivery rates the simulation used, in the stages between the first and
    the last (in the first, only customers with a contact there have a
    start; in the last, a customer who got none of it looks stopped: both
    leave out customers who got nothing, by the definitions)."""
    log = os.path.join(tmp, "gen.csv")
    model = os.path.join(SRC, "models", "smb-owners.xml")
    p = subprocess.run([sys.executable, os.path.join(SRC, "tests", "bench", "gen_log.py"), model,
                        "--rows", "30000", "--seed", "7", "-o", log], capture_output=True,
                       text=True)
    rates = dict(line.split() for line in p.stderr.splitlines())
    got = json.loads(run("evidence", "-T", "json", model, log).stdout)
    every = {t.get("id") for t in __import__("xml.etree.ElementTree", fromlist=["x"]).parse(
        model).getroot().iter("touchpoint") if t.get("every")}
    edge = {got["touchpoints"][0]["stage"], got["touchpoints"][-1]["stage"]}
    for t in got["touchpoints"]:
        if t["id"] in every or t["eligible"] < 200 or t["stage"] in edge:
            continue
        expect("generated: reach of %s near the simulated %s" % (t["id"], rates[t["id"]]),
               abs(t["reach"] - float(rates[t["id"]])) < 0.05, "%.3f" % t["reach"])
    expect("generated: customers and events", got["customers"] > 1000 and got["events"] == 30000,
           "%d %d" % (got["customers"], got["events"]))


def check_build(tmp):
    """build --logs: each segment's evidence, its rows by the segment column."""
    models = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
    logs = os.path.join(tmp, "logs")
    os.mkdir(logs)
    subprocess.run([sys.executable, os.path.join(SRC, "tests", "bench", "gen_log.py"), *models,
                    "--rows", "9000", "-o", os.path.join(logs, "crm.csv")], capture_output=True,
                   check=True)
    out = os.path.join(tmp, "site")
    p = run("build", "--today", "2026-12-01", "--logs", logs, "-o", out,
            os.path.join(SRC, "models"))
    expect("build --logs exits 0", p.returncode == 0, p.stderr.decode())
    ids = [os.path.basename(m)[:-4] for m in models]
    for i in ids:
        for suffix in (".evidence.md", ".evidence.svg"):
            expect("build --logs writes " + i + suffix, os.path.exists(os.path.join(out, i + suffix)))
        md = open(os.path.join(out, i + ".evidence.md"), encoding="utf-8").read()
        expect(i + ": only its segment's rows", "rows were left out (other segments" in md, md[:600])
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    expect("the workshop page: planned against actual, per segment",
           page.count("Planned against actual:") == len(ids) and
           'href="smb-owners.evidence.md"' in page)
    p = run("build", "--today", "2026-12-01", "--logs", os.path.join(tmp, "none"), "-o", out,
            os.path.join(SRC, "models"))
    expect("build --logs on a missing path: exit 2", p.returncode == 2, p.stderr.decode())


with tempfile.TemporaryDirectory() as tmp:
    check_cases()
    check_build(tmp)
    check_json_shape()
    check_bad_logs(tmp)
    check_cli(tmp)
    check_generated(tmp)
    check_hostile(tmp)
harness.finish("ok: evidence (%d checks)" % harness.checks)
