#!/usr/bin/env python3
"""`journeymap compare`: the numbers (lead/trail/tie/alone per competitor
across journeys, per-stage averages) on a fixture with two competitors,
read from the Markdown tables as cmark-gfm renders them; the SVG heat map.
Usage: test_compare.py JOURNEYMAP SRCDIR   (77 without cmark-gfm)"""
import html
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
FIX = os.path.join(SRC, "tests", "fixtures", "compare")
GFM = shutil.which("cmark-gfm")
if not GFM:
    print("skip: cmark-gfm is not installed")
    sys.exit(77)




def tables(md):
    out = subprocess.run([GFM, "-e", "table"], input=md, capture_output=True, check=True).stdout.decode()
    result = []
    for t in re.findall(r"<table>(.*?)</table>", out, re.S):
        rows = []
        for tr in re.findall(r"<tr>(.*?)</tr>", t, re.S):
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                         for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)])
        result.append(rows)
    return result


p = harness.run([EXE, "compare", "--today", "2026-11-01", FIX])
expect("exit 0", p.returncode == 0, p.stderr.decode())
md = p.stdout
tab = tables(md)
expect("three tables: tally and two journeys", len(tab) == 3, str(len(tab)))
tally = {r[0]: r[1:] for r in tab[0][1:]}
expect("tally header", tab[0][0] == ["Competitor", "Leads", "Trails", "Ties", "Alone"], str(tab[0][0]))
# Acme: leads t1 (4>3) and u1 (3>2), ties t2, trails t3, t4 unscored; alone: 2.
expect("acme", tally.get("Acme") == ["2", "1", "1", "2"], str(tally))
# Bolt: trails t1 (2<3), leads t2 (5>4); alone: 1.
expect("bolt", tally.get("Bolt *Inc*") == ["1", "1", "0", "1"], str(tally))
expect("two competitors by id", len(tally) == 2)

main = tab[1]
expect("journey header", main[0] == ["Stage", "Touchpoint", "Us", "Acme", "Bolt *Inc*"], str(main[0]))
rows = {(r[0], r[1]): r[2:] for r in main[1:]}
expect("t1 row", rows.get(("First stage", "One")) == ["3", "4 ▲", "2"], str(rows))
expect("t2 row", rows.get(("First stage", "Two")) == ["4", "4", "5 ▲"])
expect("t4 unscored row", rows.get(("Second | stage", "Four (unscored)")) == ["–", "5", "–"])
expect("acme-only row", rows.get(("First stage", "Acme webinar (only Acme)")) == ["–", "5", "–"], str(rows))
expect("acme gift (no score)", rows.get(("Second | stage", "Acme gift (only Acme)")) == ["–", "yes", "–"])
expect("bolt-only row", rows.get(("Second | stage", "Bolt chat (only Bolt *Inc*)")) == ["–", "–", "yes"])
# Averages compare like with like: a competitor's beside ours over the
# touchpoints we scored and it rated, with how many. In stage 2 Acme rated
# t3 (1) and t4 (5), but we scored only t3 (2): over all its ratings Acme
# would seem ahead (3.0 against 2.0); over the same touchpoint it trails.
expect("stage 1 average", rows.get(("First stage", "average")) ==
       ["3.5 (2 touchpoints)", "4.0 ▲ (us 3.5; 2 touchpoints)", "3.5 (us 3.5; 2 touchpoints)"], str(rows))
expect("stage 2 average, same touchpoints", rows.get(("Second | stage", "average")) ==
       ["2.0 (1 touchpoint)", "1.0 (us 2.0; 1 touchpoint)", "–"], str(rows))
expect("the page says how averages are taken", b"over the same touchpoints" in md)
order = [r[1] for r in main[1:]]
expect("grouped by stage, ours first", order == ["One", "Two", "Acme webinar (only Acme)", "average",
       "Three", "Four (unscored)", "Acme gift (only Acme)", "Bolt chat (only Bolt *Inc*)", "average"], str(order))
expect("journey without competitors is left out", "No competitors" not in md.decode())

p = harness.run([EXE, "compare", "-T", "svg", "--today", "2026-11-01", FIX])
expect("svg exit 0", p.returncode == 0, p.stderr.decode())
svg = ET.fromstring(p.stdout)
texts = "".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
for want in ("Competitor comparison", "Main segment", "Second segment", "Bolt *Inc*", "Acme webinar"):
    expect("svg shows " + want, want in texts)

# Files with errors are reported and left out; the rest is compared.
bad = os.path.join(SRC, "tests", "fixtures", "errors", "schema-channel.xml")
p = harness.run([EXE, "compare", "--today", "2026-11-01", os.path.join(FIX, "a-main.xml"), bad])
expect("errors: exit 1", p.returncode == 1)
expect("errors: reported with file and line", b"schema-channel.xml:5: error:" in p.stderr, p.stderr)
expect("errors: the rest compared", b"Main segment" in p.stdout)
expect("usage: -T gif", harness.run([EXE, "compare", "-T", "gif", FIX]).returncode == 2)

harness.finish("ok")
