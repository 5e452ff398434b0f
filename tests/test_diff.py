#!/usr/bin/env python3
"""`journeymap diff` (diff.md): two versions of a journey compared by
meaning. tests/fixtures/diff/new.xml changes one thing of each kind in
old.xml and also re-indents, reorders attributes and touchpoints within a
stage and writes 0.5 as 0.50; the JSON lists exactly the expected changes
with the contract's keys; folders match journeys by id; exit statuses are
diff(1)'s; the Markdown report names things and survives hostile names.
Also: one hand-made pair per row of diff.md's table (tests/fixtures/diff/
cases/NAME.old.xml and NAME.new.xml) against its golden JSON
(NAME.expected.json), both ways; the Markdown read back with cmark; the
map of changes read back with cgraph (-T dot) and as SVG.
Usage: test_diff.py JOURNEYMAP SRCDIR DOT_INSPECT"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import harness
from harness import expect  # noqa: E402

EXE, SRC, INSPECT = (os.path.abspath(a) for a in sys.argv[1:4])
FIX = os.path.join(SRC, "tests", "fixtures", "diff")
OLD, NEW = os.path.join(FIX, "old.xml"), os.path.join(FIX, "new.xml")
T = ["--today", "2026-11-01"]
run = harness.runner(EXE)

EXPECTED = {
    ("changed", "review", "shop", "date", "2026-09-01", "2026-11-15", 3),
    ("changed", "policy", "shop", "rule:stale-review", None, "off", 4),
    ("changed", "owner", "care", "trained", "no", "yes", 9),
    ("changed", "change", "prices", "date", "2027-01-01", "2027-02-01", 11),
    ("changed", "stage", "buy", "name", "Buying", "Checkout", 26),
    ("moved", "stage", "buy", "position", "2", "3", 26),
    ("moved", "stage", "use", "position", "3", "2", 22),
    ("removed", "touchpoint", "ad", None, None, None, 19),
    ("added", "touchpoint", "survey", None, None, None, 30),
    ("changed", "metric", "site", "drop-off", "0.3", "0.25", 19),
    ("added", "plus", "site", None, None, "Good filters.", 18),
    ("removed", "minus", "site", None, "Slow search.", None, 16),
    ("changed", "touchpoint", "chat", "score", "2", "4", 13),
    ("changed", "touchpoint", "chat", "emotion", "-1", None, 13),
    ("changed", "plan", "order", "due", "2027-02-01", "2027-03-01", 28),
    ("moved", "touchpoint", "mail", "stage", "buy", "use", 24),
    ("changed", "competitor-touchpoint", "rival-app", "stage", "look", "buy", 34),
    ("changed", "rating", "rival/site", "score", "4", "5", 33),
    ("removed", "rating", "rival/ad", None, None, None, 35),
}
KEYS = ["kind", "what", "id", "field", "old", "new", "line"]

p = run("diff", *T, "-T", "json", OLD, NEW)
expect("diff of two versions: exit 1", p.returncode == 1, p.stderr.decode())
doc = json.loads(p.stdout)
expect("one journey", len(doc["journeys"]) == 1, str(doc)[:300])
j = doc["journeys"][0]
expect("journey keys", list(j) == ["id", "old", "new", "status", "changes", "findings", "summary"], str(list(j)))
expect("status changed, paths as given", (j["id"], j["status"], j["old"], j["new"]) == ("shop", "changed", OLD, NEW),
       str((j["id"], j["status"], j["old"], j["new"])))
for c in j["changes"]:
    expect("change keys exactly", list(c) == KEYS, str(list(c)))
got = {tuple(c[k] for k in KEYS) for c in j["changes"]}
expect("exactly the expected changes (nothing for re-indenting, attribute order, 0.50, order in a stage)",
       got == EXPECTED and len(j["changes"]) == len(EXPECTED),
       "missing %s; extra %s" % (sorted(EXPECTED - got, key=str), sorted(got - EXPECTED, key=str)))
s = j["summary"]
expect("summary counts", (s["added"], s["removed"], s["changed"], s["moved"]) == (2, 3, 11, 3), str(s))
fn, fr = j["findings"]["new"], j["findings"]["resolved"]
expect("findings have check's keys", all(list(f) == ["file", "line", "severity", "rule", "subject", "message"]
                                         for f in fn + fr))
expect("Chat's low score: resolved", any(f["rule"] == "low-score" and f["subject"] == "chat" for f in fr), str(fr))
expect("the new survey: no-feedback resolved", any(f["rule"] == "no-feedback" for f in fr), str(fr))
expect("finding counts in the summary", (s["findings_new"], s["findings_resolved"]) == (len(fn), len(fr)))

# Markdown: names, not ids; old → new.
p = run("diff", *T, OLD, NEW)
md = p.stdout.decode()
expect("md: exit 1", p.returncode == 1)
expect("md: summary line", re.search(r"1 touchpoint added, 1 removed, 1 moved, 1 score changed \(1 up, 0 down\), "
                                     r"\d+ other changes, \d+ findings resolved, \d+ new", md), md[:600])
for text in ["Touchpoint **Chat**: score 2 → 4", "Touchpoint **Order e-mail** moved from stage **Buying** to "
             "**Using it**", "Stage **Checkout**: name Buying → Checkout", "Touchpoint **Search ad** removed",
             "Plus **Web site** added: “Good filters.”", "### Findings resolved"]:
    expect("md shows %r" % text, text in md, md)

# Golden pairs, one per row of diff.md's table, both ways.
CASES = os.path.join(FIX, "cases")
names = sorted(f[:-len(".expected.json")] for f in os.listdir(CASES) if f.endswith(".expected.json"))
expect("the golden pairs are there", len(names) >= 15, str(names))


def canon(changes):
    return sorted(json.dumps(c, sort_keys=True, ensure_ascii=False) for c in changes)


for name in names:
    want = json.load(open(os.path.join(CASES, name + ".expected.json"), encoding="utf-8"))
    for direction, (a, b) in (("forward", ("old", "new")), ("reverse", ("new", "old"))):
        p = run("diff", *T, "-T", "json", os.path.join(CASES, "%s.%s.xml" % (name, a)),
                os.path.join(CASES, "%s.%s.xml" % (name, b)))
        label = "%s (%s)" % (name, direction)
        expect(label + ": exit", p.returncode == want[direction]["exit"], "%d %s" % (p.returncode, p.stderr.decode()))
        if p.returncode not in (0, 1):
            continue
        j = json.loads(p.stdout)["journeys"][0]
        expect(label + ": status", j["status"] == want[direction]["status"], j["status"])
        got, exp = canon(j["changes"]), canon(want[direction]["changes"])
        expect(label + ": the golden changes", got == exp,
               "missing %s; extra %s" % (sorted(set(exp) - set(got)), sorted(set(got) - set(exp))))

# The report read back with cmark: headings, items, nothing raw.
cmark = shutil.which("cmark")
if cmark:
    p = run("diff", *T, OLD, NEW)
    q = subprocess.run([cmark], input=p.stdout, capture_output=True)
    page = q.stdout.decode()
    expect("md read back: one h1, the journey's h2, sections h3",
           page.count("<h1>") == 1 and "<h2>Shop customers</h2>" in page and "<h3>Changed</h3>" in page
           and "<h3>Findings resolved</h3>" in page, page[:500])
    expect("md read back: a list item per change", page.count("<li>") >= len(EXPECTED), str(page.count("<li>")))

# -T dot: the map of changes read back with cgraph.
p = run("diff", *T, "-T", "dot", OLD, NEW)
g = harness.dot_inspect(INSPECT, p.stdout)
nodes = g["nodes"]
expect("dot: the new card in blue", nodes.get("survey", {}).get("color") == "#1f618d", str(nodes.get("survey")))
expect("dot: the removed card as a ghost", "removed:ad" in nodes and "dotted" in nodes["removed:ad"]["style"])
expect("dot: the changed card annotated", "score 2 → 4" in nodes.get("chat", {}).get("label", ""))

# -T svg: NEW's map with the changes drawn.
with tempfile.TemporaryDirectory() as tmp:
    svg = os.path.join(tmp, "d.svg")
    p = run("diff", *T, "-T", "svg", "-o", svg, OLD, NEW)
    expect("svg: exit 1", p.returncode == 1, p.stderr.decode())
    import xml.etree.ElementTree as ET
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    titles = {t.text for t in root.iter(ns + "title")}
    shown = " ".join(t.text or "" for t in root.iter(ns + "text"))
    expect("svg: the new map's cards and the removed one as a ghost",
           {"survey", "chat", "removed:ad"} <= titles and "ad" not in titles, str(sorted(titles)))
    for text in ["score 2 → 4", "NEW", "moved from stage Buying", "removed", "since old.xml"]:
        expect("svg shows %r" % text, text in shown, shown[:500])
    p = run("diff", *T, "-T", "svg", os.path.join(SRC, "models"), os.path.join(SRC, "models"))
    expect("svg of folders: exit 2", p.returncode == 2 and b"one journey" in p.stderr, p.stderr.decode())

# The same model, written differently: exit 0, status same.
with tempfile.TemporaryDirectory() as tmp:
    same = os.path.join(tmp, "same.xml")
    text = open(OLD).read().replace("  ", "\t").replace('max-reactive-share="0.5"', 'max-reactive-share="0.50"')
    open(same, "w").write(text)
    p = run("diff", *T, "-T", "json", OLD, same)
    expect("same model: exit 0", p.returncode == 0, p.stdout.decode()[:300])
    expect("same model: status same, no changes", json.loads(p.stdout)["journeys"][0]["status"] == "same"
           and json.loads(p.stdout)["journeys"][0]["changes"] == [])
    p = run("diff", *T, OLD, same)
    expect("same model, md: no changes", p.returncode == 0 and b"no changes" in p.stdout, p.stdout)

    # Folders: journeys matched by id, whatever their file names.
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    os.mkdir(a)
    os.mkdir(b)
    shutil.copy(OLD, os.path.join(a, "one.xml"))
    shutil.copy(NEW, os.path.join(b, "renamed.xml"))
    shutil.copy(os.path.join(SRC, "models", "smb-owners.xml"), os.path.join(a, "smb.xml"))
    shutil.copy(os.path.join(SRC, "models", "first-time-shoppers.xml"), os.path.join(b, "first.xml"))
    shutil.copy(os.path.join(SRC, "models", "enterprise-committee.xml"), os.path.join(a, "e.xml"))
    shutil.copy(os.path.join(SRC, "models", "enterprise-committee.xml"), os.path.join(b, "e.xml"))
    p = run("diff", *T, "-T", "json", a, b)
    expect("folders: exit 1", p.returncode == 1, p.stderr.decode())
    st = {x["id"]: (x["status"], len(x["changes"])) for x in json.loads(p.stdout)["journeys"]}
    expect("folders: matched by id", st == {"shop": ("changed", len(EXPECTED)), "smb-owners": ("removed", 0),
                                            "first-time-shoppers": ("added", 0),
                                            "enterprise-committee": ("same", 0)}, str(st))
    added = [x for x in json.loads(p.stdout)["journeys"] if x["status"] == "added"][0]
    expect("added journey: all its findings new", added["old"] is None and added["findings"]["resolved"] == []
           and len(added["findings"]["new"]) > 0)

    # Trouble: exit 2.
    p = run("diff", *T, OLD, os.path.join(tmp, "missing.xml"))
    expect("unreadable: exit 2", p.returncode == 2 and b"missing.xml" in p.stderr, p.stderr.decode())
    bad = os.path.join(tmp, "bad.xml")
    open(bad, "w").write(open(OLD).read().replace('channel="chat"', 'channel="pigeon"'))
    p = run("diff", *T, OLD, bad)
    expect("a side with errors: exit 2, errors printed", p.returncode == 2 and b"bad.xml:" in p.stderr
           and b"error" in p.stderr, p.stderr.decode())
    p = run("diff", *T, OLD, a)
    expect("file against folder: usage error", p.returncode == 2 and b"two files or two folders" in p.stderr)
    p = run("diff", *T, OLD)
    expect("one operand: usage error", p.returncode == 2)

    # Hostile names stay text in the Markdown; output written atomically with -o.
    h_old = os.path.join(tmp, "h1.xml")
    h_new = os.path.join(tmp, "h2.xml")
    base = open(OLD).read()
    open(h_old, "w").write(base)
    open(h_new, "w").write(base.replace('name="Chat"', 'name="&lt;script&gt;alert(1)&lt;/script&gt; *x* [l](javascript:x) # h"')
                           .replace('score="2" emotion="-1"', 'score="5"'))
    out = os.path.join(tmp, "d.md")
    p = run("diff", *T, "-o", out, h_old, h_new)
    md = open(out).read() if os.path.exists(out) else ""
    expect("hostile: written with -o, exit 1", p.returncode == 1 and md.startswith("# What changed"), p.stderr.decode())
    expect("hostile: markup escaped", "<script>" not in md and "\\<script\\>" in md and "\\*x\\*" in md, md)
    svg = os.path.join(tmp, "h.svg")
    p = run("diff", *T, "-T", "svg", "-o", svg, h_old, h_new)
    shown = ""
    if p.returncode == 1:
        import xml.etree.ElementTree as ET
        shown = "".join(t.text or "" for t in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text"))
    expect("hostile svg: well-formed, the name shown as text", "<script>alert(1)</script>" in re.sub(r"\s+", "", shown)
           and "score 2 → 5" in shown, shown[:400] + p.stderr.decode())
    if cmark:
        page = subprocess.run([cmark], input=md.encode(), capture_output=True).stdout.decode()
        expect("hostile: read back with cmark, still text", "<script>" not in page and "&lt;script&gt;" in page
               and 'href="javascript' not in page, page[:600])

# --rev: the old side read from git with libgit2 (the test makes the
# repository with git; journeymap runs no git process).
git = shutil.which("git")
if not git:
    print("note: git is not installed; --rev not tested")
else:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null",
               "GIT_CONFIG_NOSYSTEM": "1", "HOME": tmp}

        def g(*args):
            q = harness.run([git, *args], cwd=tmp, env_extra=env)
            expect("git " + " ".join(args), q.returncode == 0, q.stderr.decode())

        g("init", "-q")
        os.mkdir(os.path.join(tmp, "models"))
        shutil.copy(OLD, os.path.join(tmp, "models", "shop.xml"))
        shutil.copy(os.path.join(SRC, "models", "smb-owners.xml"), os.path.join(tmp, "models", "smb.xml"))
        g("add", ".")
        g("commit", "-qm", "one")
        g("tag", "workshop-1")
        shutil.copy(NEW, os.path.join(tmp, "models", "shop.xml"))
        shutil.copy(os.path.join(SRC, "models", "first-time-shoppers.xml"), os.path.join(tmp, "models", "ft.xml"))
        g("add", ".")
        g("commit", "-qm", "two")
        p = run("diff", *T, "-T", "json", "--rev", "HEAD~1", "models/shop.xml", cwd=tmp, env_extra=env)
        expect("--rev file: exit 1", p.returncode == 1, p.stderr.decode())
        j = json.loads(p.stdout)["journeys"][0] if p.returncode == 1 else {}
        expect("--rev file: old is REV:PATH", (j.get("old"), j.get("new")) == ("HEAD~1:models/shop.xml", "models/shop.xml"),
               str((j.get("old"), j.get("new"))))
        expect("--rev file: the same changes as the two files",
               {tuple(c[k] for k in KEYS) for c in j.get("changes", [])} == EXPECTED)
        p = run("diff", *T, "-T", "json", "--rev", "workshop-1", "models", cwd=tmp, env_extra=env)
        st = {x["id"]: x["status"] for x in json.loads(p.stdout)["journeys"]} if p.stdout else {}
        expect("--rev folder, a tag: matched by id, a new file added",
               p.returncode == 1 and st == {"shop": "changed", "smb-owners": "same", "first-time-shoppers": "added"},
               str(st) + p.stderr.decode())
        p = run("diff", *T, "--rev", "HEAD", "models", cwd=tmp, env_extra=env)
        expect("--rev HEAD with nothing changed: exit 0", p.returncode == 0, p.stdout.decode()[:300])
        p = run("diff", *T, "-T", "json", "--rev", "HEAD~1", "models/ft.xml", cwd=tmp, env_extra=env)
        j = json.loads(p.stdout)["journeys"] if p.stdout else []
        expect("--rev: a file added after REV is added", p.returncode == 1 and len(j) == 1
               and j[0]["status"] == "added" and j[0]["old"] is None, str(j)[:300] + p.stderr.decode())
        # An edit not committed yet: HEAD is the old side.
        text = open(os.path.join(tmp, "models", "shop.xml")).read()
        open(os.path.join(tmp, "models", "shop.xml"), "w").write(
            text.replace('<touchpoint id="order" name="Order" channel="web" initiator="customer" owner="web" score="4"',
                         '<touchpoint id="order" name="Order" channel="web" initiator="customer" owner="web" score="5"'))
        p = run("diff", *T, "-T", "json", "--rev", "HEAD", "models/shop.xml", cwd=tmp, env_extra=env)
        j = json.loads(p.stdout)["journeys"][0] if p.stdout else {}
        expect("--rev HEAD: the edit not yet committed, only it",
               p.returncode == 1 and [(c["what"], c["id"], c["field"], c["old"], c["new"]) for c in j.get("changes", [])]
               == [("touchpoint", "order", "score", "4", "5")], str(j.get("changes")))
        p = run("diff", *T, "-T", "json", "--rev", "HEAD~1", "models/shop.xml", cwd=tmp, env_extra=env)
        j = json.loads(p.stdout)["journeys"][0] if p.stdout else {}
        expect("--rev HEAD~1: both edits", len(j.get("changes", [])) == len(EXPECTED) + 1, str(len(j.get("changes", []))))
        p = run("diff", *T, "--rev", "no-such-rev", "models", cwd=tmp, env_extra=env)
        expect("--rev that does not resolve: exit 2", p.returncode == 2 and b'revision "no-such-rev" does not resolve'
               in p.stderr, p.stderr.decode())
        # build --since REV: ID.diff.md, a "Since" line, the checklist's section.
        out = os.path.join(tmp, "out")
        p = run("build", *T, "--since", "workshop-1", "-o", out, "models", cwd=tmp, env_extra=env)
        expect("build --since: exit 0", p.returncode == 0, p.stderr.decode())
        files = set(os.listdir(out)) if os.path.isdir(out) else set()
        expect("build --since: ID.diff.md per segment",
               {"shop.diff.md", "smb-owners.diff.md", "first-time-shoppers.diff.md"} <= files, str(sorted(files)))
        index = open(os.path.join(out, "index.html")).read() if "index.html" in files else ""
        expect("build --since: the workshop page says what changed",
               "Since <code>workshop-1</code>:</strong> 1 touchpoint added, 1 removed, 1 moved" in index
               and 'href="shop.diff.md"' in index, index[:200])
        checklist = open(os.path.join(out, "shop.checklist.md")).read() if files else ""
        section = checklist.split("## Since the last workshop", 1)[-1].split("\n**", 1)[0]
        expect("build --since: the checklist starts with what changed",
               checklist.find("## Since the last workshop") < checklist.find("**Summary**")
               and "[x] Resolved:" in section and "[ ] New:" in section
               and "[ ] Score of **Chat**: 2 → 4" in section, section[:800])
        p = run("build", *T, "-o", out, "models", cwd=tmp, env_extra=env)
        files = set(os.listdir(out))
        index = open(os.path.join(out, "index.html")).read()
        expect("build without --since: no diff files, no Since line, no section",
               not any(f.endswith(".diff.md") for f in files) and "Since <code>" not in index
               and "Since the last workshop" not in open(os.path.join(out, "shop.checklist.md")).read(),
               str(sorted(files)))
        p = run("build", *T, "--since", "no-such-rev", "-o", os.path.join(tmp, "o2"), "models", cwd=tmp,
                env_extra=env)
        expect("build --since a revision that does not resolve: exit 2", p.returncode == 2, p.stderr.decode())
        with tempfile.TemporaryDirectory() as outside:
            lone = os.path.join(outside, "lone.xml")
            shutil.copy(OLD, lone)
            p = run("diff", *T, "--rev", "HEAD", lone, cwd=tmp, env_extra=env)
            expect("--rev outside a repository: exit 2",
                   p.returncode == 2 and b"lone.xml is not in a git repository" in p.stderr, p.stderr.decode())

harness.finish("ok")
