#!/usr/bin/env python3
"""`journeymap checklist`: the Markdown parsed back with cmark (its XML
AST) has one H2 per stage in order, one H3 per touchpoint, and every
finding of `check` exactly once as a task item carrying `[rule-id]`;
cmark-gfm renders its task items and tables; hostile Markdown changes
neither the structure nor lets raw HTML through; errors write nothing.
Usage: test_checklist.py JOURNEYMAP SRCDIR   (77 without cmark)"""
import glob
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
FIX = os.path.join(SRC, "tests", "fixtures")
T = ["--today", "2026-11-01"]
NS = "{http://commonmark.org/xml/1.0}"
CMARK, GFM = shutil.which("cmark"), shutil.which("cmark-gfm")
if not CMARK:
    print("skip: cmark is not installed")
    sys.exit(77)




run = harness.runner(EXE)


def ast(markdown):
    p = subprocess.run([CMARK, "-t", "xml"], input=markdown, capture_output=True, check=True)
    return ET.fromstring(p.stdout)


def flat(el):
    """The text of an AST node: text and code literals, breaks as spaces."""
    out = []
    for x in el.iter():
        tag = x.tag.replace(NS, "")
        if tag in ("text", "code"):
            out.append(x.text or "")
        elif tag in ("softbreak", "linebreak"):
            out.append(" ")
    return "".join(out)


def clean(name):
    return re.sub(r"[\x00-\x1f\x7f]", " ", name)


def check_journey(path):
    name = os.path.relpath(path, SRC)
    root = ET.parse(path).getroot()
    findings = json.loads(run("check", "--format", "json", *T, path).stdout)
    p = run("checklist", *T, path)
    expect(name + ": exit 0", p.returncode == 0, p.stderr.decode())
    md = p.stdout
    doc = ast(md)

    # Outline: the H2s are the stages in order; under each, the H3s are its touchpoints.
    blocks = list(doc)
    h2, h3_under = [], {}
    for b in blocks:
        if b.tag == NS + "heading" and b.get("level") == "2":
            h2.append(flat(b))
            h3_under[len(h2) - 1] = []
        elif b.tag == NS + "heading" and b.get("level") == "3" and h2:
            h3_under[len(h2) - 1].append(flat(b))
    stages = root.findall("stage")
    expect(name + ": one H2 per stage, in order", h2 == [clean(s.get("name")) for s in stages],
           "%s" % h2)
    for i, s in enumerate(stages):
        want = [clean(t.get("name")) for t in s.findall("touchpoint")]
        expect(name + ": H3s of stage %d" % i, h3_under.get(i) == want, "%s vs %s" % (h3_under.get(i), want))
    h1 = [flat(b) for b in blocks if b.tag == NS + "heading" and b.get("level") == "1"]
    expect(name + ": one H1, the journey's name", h1 == [clean(root.get("name"))], str(h1))

    # Every finding exactly once, in a task item with its rule id; the
    # weak-spot findings of one touchpoint share one item.
    items = [flat(p) for p in doc.iter(NS + "paragraph") if flat(p).startswith("[ ] ")]
    marks = re.compile(r"\[(%s)\]" % "|".join(harness.ALL_RULES))
    with_rule = [i for i in items if marks.search(i)]
    questions = [i for i in items if i not in with_rule]
    weak_subjects = {f["subject"] for f in findings if f["rule"] in harness.WEAK_RULES}
    others = [f for f in findings if f["rule"] not in harness.WEAK_RULES]
    expect(name + ": one task item per finding, one per weak touchpoint",
           len(with_rule) == len(others) + len(weak_subjects),
           "%d items, %d findings, %d weak touchpoints" % (len(with_rule), len(others), len(weak_subjects)))
    for f in findings:
        hits = [i for i in with_rule if ("[%s]" % f["rule"]) in i and clean(f["message"]) in i]
        expect(name + ": finding once: %s %s" % (f["rule"], f["subject"]), len(hits) == 1, str(hits))
    for subject in weak_subjects:
        mine = [f for f in findings if f["rule"] in harness.WEAK_RULES and f["subject"] == subject]
        hits = [i for i in with_rule if all(clean(f["message"]) in i for f in mine)]
        expect(name + ": one item holds every weak-spot finding of %s, and only those" % subject,
               len(hits) == 1 and sorted(marks.findall(hits[0])) == sorted(f["rule"] for f in mine),
               str(hits))
    # Review questions where they fit: at most two per stage, three for the journey.
    bound = 2 * len(stages) + 3
    expect(name + ": at most %d questions" % bound, len(questions) <= bound,
           "%d: %s" % (len(questions), questions))
    overdue = [i for i in with_rule if "[overdue-plan]" in i]
    if overdue:
        journey_items = []
        seen_h2 = False
        for b in blocks:
            if b.tag == NS + "heading" and b.get("level") == "2":
                seen_h2 = True
            if not seen_h2 and b.tag == NS + "list":
                journey_items += [flat(p) for p in b.iter(NS + "paragraph") if flat(p).startswith("[ ] ")]
        first = [i for i in journey_items if marks.search(i)][:len(overdue)]
        expect(name + ": overdue plans first, in the journey-wide section", first == overdue, str(first))

    # GitHub's renderer sees checkboxes and tables.
    if GFM:
        html = subprocess.run([GFM, "-e", "table", "-e", "tasklist"], input=md,
                              capture_output=True, check=True).stdout.decode()
        boxes = len(re.findall(r'<input type="checkbox"', html))
        expect(name + ": a checkbox per task item", boxes == len(items), "%d vs %d" % (boxes, len(items)))
        if root.findall("competitor"):
            expect(name + ": competitor table", "<table>" in html and "<th>Touchpoint</th>" in html)
        rows = len(re.findall(r"<tr>", html))
        comps = root.findall("competitor")
        if comps:
            want_rows = 1 + len(root.findall("stage/touchpoint")) + len(root.findall("competitor/touchpoint"))
            expect(name + ": table rows", rows == want_rows, "%d vs %d" % (rows, want_rows))
    return md


journeys = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
journeys += sorted(glob.glob(os.path.join(FIX, "valid", "*.xml")))
journeys += [os.path.join(FIX, "checklist", "hostile-markdown.xml"), os.path.join(FIX, "diagram", "hostile.xml")]
journeys += [os.path.join(FIX, "rules", n + ".xml") for n in (
    "empty-stage-fires", "contact-gap-no-company", "unannounced-change-fires", "competitor-only-fires",
    "overdue-plan-fires", "low-score-overdue-plan")]
for path in journeys:
    check_journey(path)

# Hostile Markdown: nothing raw gets through, in either output.
hostile = os.path.join(FIX, "checklist", "hostile-markdown.xml")
md = run("checklist", *T, hostile).stdout.decode()
page = run("checklist", "--html", *T, hostile).stdout.decode()
renders = [("--html", page)]
if GFM:
    renders.append(("cmark-gfm", subprocess.run([GFM, "-e", "table", "-e", "tasklist", "--unsafe"],
                                                 input=md.encode(), capture_output=True).stdout.decode()))
renders.append(("cmark --unsafe", subprocess.run([CMARK, "--unsafe"], input=md.encode(),
                                                 capture_output=True).stdout.decode()))
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "em", "strong", "code", "pre", "ul",
                "ol", "li", "a", "input", "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
                "blockquote", "html", "head", "body", "meta", "title", "style", "!doctype"}
for what, html in renders:
    # Text is escaped, so every literal "<" opens a tag we made: check them all.
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    for tag in re.findall(r"<(/?)([!a-zA-Z][a-zA-Z0-9]*)([^>]*)>", body):
        name, attrs = tag[1].lower(), tag[2]
        expect("hostile: %s tag <%s> is one of ours" % (what, name), name in ALLOWED_TAGS, attrs)
        expect("hostile: %s no event handler" % what, not re.search(r"\son\w+\s*=", attrs), attrs)
        for url in re.findall(r'(?:href|src)="([^"]*)"', attrs):
            expect("hostile: %s safe url %r" % (what, url),
                   re.match(r"(https?:|mailto:|[^:]*$)", url, re.I) is not None)
    expect("hostile: %s keeps the safe link" % what, 'href="https://example.com/ok"' in html)
    expect("hostile: %s shows the script as text" % what, "&lt;script&gt;" in html)
expect("hostile: long line kept", "word " * 500 in md)
expect("hostile: the page is standalone", page.startswith("<!DOCTYPE html>") and "<style>" in page
       and not re.search(r"<(img|script|link|iframe)\b", page, re.I) and " src=" not in re.sub("&[a-z]+;[^<]*", "", page))

# Deterministic; refuses broken models; atomic.
smb = os.path.join(SRC, "models", "smb-owners.xml")
bad = os.path.join(FIX, "errors", "schema-channel.xml")
for args in ([], ["--html"]):
    a, b = run("checklist", *args, *T, smb).stdout, run("checklist", *args, *T, smb).stdout
    expect("deterministic %s" % args, a == b and len(a) > 1000)
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "c.md")
    p = run("checklist", *T, "-o", out, bad)
    expect("errors: exit 1, nothing written", p.returncode == 1 and not os.path.exists(out)
           and b"[schema]" in p.stderr)
    with open(out, "w") as f:
        f.write("previous")

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
    p = subprocess.run([EXE, "checklist", *T, "-o", out, smb], preexec_fn=limit, capture_output=True)
    expect("failed write: exit 2, old file kept", p.returncode == 2 and open(out).read() == "previous")
    expect("failed write: no temporary file", os.listdir(tmp) == ["c.md"], str(os.listdir(tmp)))
    p = run("checklist", *T, "-o", out, smb)
    expect("written", p.returncode == 0 and open(out).read().startswith("# Small business owners"))
with tempfile.TemporaryDirectory() as tmp:
    html = os.path.join(tmp, "c.html")
    p = run("checklist", *T, "-o", html, smb)
    expect("-o c.html writes HTML", p.returncode == 0 and open(html).read().startswith("<!DOCTYPE html>"))
    md = os.path.join(tmp, "c.md")
    p = run("checklist", *T, "--html", "-o", md, smb)
    expect("--html with -o c.md: exit 2, nothing written", p.returncode == 2 and not os.path.exists(md))
    p = run("checklist", *T, "-T", "html", smb)
    expect("-T html", p.returncode == 0 and p.stdout.startswith(b"<!DOCTYPE html>"))
# The checklist is written in parts, one touchpoint at a time, straight to
# its file (or standard output); build collects the same parts in memory.
# Both must be the same bytes, in Markdown and HTML, for every model.
with tempfile.TemporaryDirectory() as tmp:
    folder = os.path.join(tmp, "models")
    os.mkdir(folder)
    for path in glob.glob(os.path.join(SRC, "models", "*.xml")) + [
            os.path.join(FIX, "checklist", "hostile-markdown.xml")]:
        shutil.copy(path, folder)
    out = os.path.join(tmp, "out")
    p = run("build", *T, "-o", out, folder)
    expect("build for the parts comparison", p.returncode in (0, 1), p.stderr[-300:])
    for path in sorted(glob.glob(os.path.join(folder, "*.xml"))):
        jid = ET.parse(path).getroot().get("id")
        for fmt, ext in (("md", "md"), ("html", "html")):
            streamed = os.path.join(tmp, "%s.%s" % (jid, ext))
            p = run("checklist", *T, "-T", fmt, "-o", streamed, path)
            built = os.path.join(out, "%s.checklist.%s" % (jid, ext))
            expect("%s.%s: streamed file = build's" % (jid, ext),
                   p.returncode in (0, 1) and os.path.exists(built) and
                   open(streamed, "rb").read() == open(built, "rb").read())
            stdout = run("checklist", *T, "-T", fmt, path).stdout
            expect("%s.%s: standard output = the file" % (jid, ext),
                   stdout == open(streamed, "rb").read())
expect("--help", run("checklist", "--help").returncode == 0)
expect("two files: 2", run("checklist", *T, smb, smb).returncode == 2)

harness.finish("ok: %d journeys" % len(journeys))
