#!/usr/bin/env python3
"""`journeymap agenda` (workshop.md, "The agenda"), read back with
`cmark-gfm -e tasklist -t xml`: the sections in order; every overdue-plan
finding, the longest overdue first; weak-spot items at warning level only,
at most --top, ranked as docs/agenda.md says; gaps and competitor leads in
their order; --by owner headings; a rule id in brackets in every item;
the closing count; hostile names stay text in the HTML page; files with
errors are left out. Usage: test_agenda.py JOURNEYMAP SRCDIR (77 without
cmark-gfm)"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
FIX = os.path.join(SRC, "tests", "fixtures", "agenda")
T = ["--today", "2026-11-01"]
NS = "{http://commonmark.org/xml/1.0}"
GFM = shutil.which("cmark-gfm")
if not GFM:
    print("skip: cmark-gfm is not installed")
    sys.exit(77)
run = harness.runner(EXE)
MARK = re.compile(r"^\[(%s)\]$" % "|".join(harness.ALL_RULES))
SECTIONS = ["Overdue plans", "Weak spots to act on", "Gaps", "Where competitors lead"]


def flat(el):
    return "".join(x.text or "" for x in el.iter() if x.tag in (NS + "text", NS + "code"))


def read(md):
    """The agenda as [(level, heading, [items])]: items are (text, rules) of task items."""
    p = subprocess.run([GFM, "-e", "tasklist", "-t", "xml"], input=md, capture_output=True, check=True)
    doc = ET.fromstring(p.stdout)
    out = []
    for b in doc:
        if b.tag == NS + "heading":
            out.append((int(b.get("level")), flat(b), []))
        elif b.tag == NS + "list" and out:
            for item in b:
                expect("every list item is a task item", item.tag == NS + "tasklist", item.tag)
                para = item.find(NS + "paragraph")
                rules = [MARK.match(c.text).group(1) for c in para.iter(NS + "code") if MARK.match(c.text or "")]
                out[-1][2].append((flat(para), rules))
    return out, doc


def findings(*paths):
    return json.loads(run("check", "--format", "json", *T, *paths).stdout)


alpha, beta = os.path.join(FIX, "alpha.xml"), os.path.join(FIX, "beta.xml")
all_f = findings(FIX)
p = run("agenda", *T, FIX)
expect("exit 0", p.returncode == 0, p.stderr.decode())
agenda, doc = read(p.stdout)
h2 = [h for lvl, h, _ in agenda if lvl == 2]
expect("the sections, in order", h2 == SECTIONS, str(h2))
sec = {h: items for lvl, h, items in agenda if lvl == 2}
for h, items in sec.items():
    for text, rules in items:
        expect("%s: a rule id in brackets: %s" % (h, text[:60]), rules, text)

# 1. Overdue plans: every overdue-plan finding, the longest overdue first.
overdue = [f for f in all_f if f["rule"] == "overdue-plan"]
items = sec["Overdue plans"]
expect("every overdue plan", len(items) == len(overdue) == 3, "%d items, %d findings" % (len(items), len(overdue)))
days = [int(re.search(r"(\d+) days? overdue", t).group(1)) for t, _ in items]
expect("longest overdue first", days == sorted(days, reverse=True) == [669, 153, 1], str(days))
expect("overdue items name segment, stage and owner",
       items[0][0].startswith("Check-in — Alpha <segment> › Using · owner Sales"), items[0][0])

# 2. Weak spots: warning level only, at most --top, most urgent first.
warned = {(f["subject"], f["rule"]) for f in all_f if f["rule"] in harness.WEAK_RULES and f["severity"] == "warning"}
noted = {f["subject"] for f in all_f if f["rule"] in harness.WEAK_RULES and f["severity"] == "note"}
weak = sec["Weak spots to act on"]
expect("default --top is 10", len(weak) == 10, str(len(weak)))
names = [t.split(" — ")[0] for t, _ in weak]
# docs/agenda.md's priority on these fixtures: Landing page 17, Parcel 12,
# Help line 10 and Sign-up form 10 (alpha is given first), Demo 7 (its plan
# is overdue), Invoice 6, Returns 5, then the four-point ones in file order.
expect("ranked by the documented priority", names == [
    "Landing page", "Parcel", "Help line", "Sign-up form", "Demo *call* [x](javascript:alert(1))",
    "Invoice", "Returns", "Search ad <script>alert(1)</script>", "Order e-mail", "Tracking page"], str(names))
expect("a planned weak spot is not on the agenda", not any(n.startswith("Contract") for n in names))
ids = {"Landing page": "b1", "Parcel": "b5", "Help line": "t5", "Sign-up form": "b2"}
for (text, rules), name in zip(weak, names):
    for r in rules:
        expect("weak item %s: %s is a weak-spot rule" % (name, r), r in harness.WEAK_RULES, r)
    if name in ids:
        want = sorted(r for s, r in warned if s == ids[name])
        expect("weak item %s names every rule at warning" % name, sorted(rules) == want, "%s vs %s" % (rules, want))
        expect("weak item %s is not a planned one" % name, ids[name] not in noted)
expect("the cut is said", any("most urgent 10 of 12" in flat(b) for b in doc.iter(NS + "paragraph")))
for top in ("1", "3"):
    a, _ = read(run("agenda", *T, "--top", top, FIX).stdout)
    w = [items for lvl, h, items in a if h == "Weak spots to act on"][0]
    expect("--top %s" % top, len(w) == int(top), str(len(w)))
for bad in ("0", "-1", "2x", "1001", ""):
    expect("--top %r: exit 2" % bad, run("agenda", *T, "--top", bad, FIX).returncode == 2)

# 3. Gaps: contact gaps longest first, then the other kinds in order.
gaps = [r[0] for _, r in sec["Gaps"]]
expect("gaps in the documented order", gaps == ["contact-gap", "empty-stage", "no-follow-up",
       "unannounced-change", "impersonal-first-contact"], str(gaps))
listed_gaps = [f for f in all_f if f["rule"] in ("contact-gap", "empty-stage", "no-follow-up", "no-feedback",
               "unannounced-change", "slow-first-contact", "impersonal-first-contact")]
expect("every gap", len(gaps) == len(listed_gaps), "%d vs %d" % (len(gaps), len(listed_gaps)))
m = sec["Gaps"][0][0]
expect("a contact gap says its length", m.startswith("58 days without contact"), m)

# 4. Competitors: the largest margin first, then what only they do.
riv = sec["Where competitors lead"]
expect("competitors: behind first, largest margin first",
       [r[0] for _, r in riv] == ["behind-competitor", "behind-competitor", "competitor-only"]
       and "5 against our 2" in riv[0][0] and "5 against our 4" in riv[1][0], str(riv))

# 5. The closing line: what is not on the agenda.
listed = sum(len(r) for items in sec.values() for _, r in items)
last = [flat(b) for b in doc if b.tag == NS + "paragraph"][-1]
expect("closing count", last.startswith("%d more findings are not on this agenda" % (len(all_f) - listed))
       and "alpha.checklist.md" in last and "beta.checklist.md" in last, last)

# --by owner: one H2 per owner, "No owner" last, sections 1-3 as H3s.
a, _ = read(run("agenda", *T, "--by", "owner", FIX).stdout)
h2 = [h for lvl, h, _ in a if lvl == 2]
expect("by owner: owners in name order, No owner last, then competitors",
       h2 == ["<b>Ops</b> & Co", "Care team", "Sales", "Web team", "No owner", "Where competitors lead"], str(h2))
h3 = {h for lvl, h, _ in a if lvl == 3}
expect("by owner: the first three sections as H3s", h3 <= set(SECTIONS[:3]) and len(h3) == 3, str(h3))
current = None
for lvl, h, items in a:
    if lvl == 2:
        current = h
    for text, _ in items:
        if lvl == 3 and current not in ("No owner",):
            expect("by owner: %s's item names them" % current, "owner %s" % current in text, text)
        if lvl == 3 and current == "No owner":
            expect("by owner: an unowned item", " owner " not in text or "owner nobody yet" in text, text)
n_items = sum(len(items) for _, _, items in a)
expect("by owner: the same items", n_items == sum(len(i) for i in sec.values()), str(n_items))

# Hostile names stay text on the HTML page.
page = run("agenda", *T, "--html", FIX).stdout.decode()
expect("html: standalone page", page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
       and "&lt;script&gt;" in page and 'href="javascript' not in page, page[:200])
body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
tags = {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", body)}
expect("html: only our tags", tags <= {"html", "head", "meta", "title", "body", "h1", "h2", "h3", "p", "em",
                                      "strong", "code", "ul", "li", "input"}, str(tags))
expect("html: a checkbox per item", body.count('type="checkbox"') == sum(len(i) for i in sec.values()))

# The sample models: exit 0, deterministic; a file with errors is left out.
m1, m2 = run("agenda", *T, os.path.join(SRC, "models")), run("agenda", *T, os.path.join(SRC, "models"))
expect("models: exit 0, same bytes", m1.returncode == 0 and m1.stdout == m2.stdout and len(m1.stdout) > 1000)
bad = os.path.join(SRC, "tests", "fixtures", "errors", "schema-channel.xml")
p = run("agenda", *T, bad, alpha)
expect("errors: exit 1, reported, the rest kept", p.returncode == 1 and b"[schema]" in p.stderr
       and b"Alpha" in p.stdout, p.stderr.decode()[:300])
p = run("agenda", *T, bad)
expect("only errors: exit 1, nothing written", p.returncode == 1 and p.stdout == b""
       and b"nothing written" in p.stderr, p.stderr.decode()[:300])
with tempfile.TemporaryDirectory() as tmp:
    kept = os.path.join(tmp, "kept.md")
    open(kept, "w").write("previous")
    p = run("agenda", *T, "-o", kept, bad)
    expect("only errors: -o file untouched", p.returncode == 1 and open(kept).read() == "previous")
    out = os.path.join(tmp, "a.html")
    expect("-o a.html writes HTML", run("agenda", *T, "-o", out, beta).returncode == 0
           and open(out).read().startswith("<!DOCTYPE html>"))
    expect("-o a.pdf: exit 2", run("agenda", *T, "-o", os.path.join(tmp, "a.pdf"), beta).returncode == 2)
expect("--help", run("agenda", "--help").returncode == 0)
expect("no operand: exit 2", run("agenda", *T).returncode == 2)

harness.finish("ok")
