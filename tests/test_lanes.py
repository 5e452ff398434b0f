#!/usr/bin/env python3
"""`journeymap diagram --view lanes`: the poster's DOT, read back with
cgraph, and its SVG say what workshop.md promises: a card per touchpoint
named by its id, in one row in timeline order; feel/ID under its card,
higher for happier; the lanes labelled; pluses, minuses and plans shown;
hostile text stays text; an empty stage, 40 touchpoints in one stage and a
journey without emotions draw without two cards overlapping.
Usage: test_lanes.py JOURNEYMAP SRCDIR DOT_INSPECT"""
import glob
import html
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC, INSPECT = (os.path.abspath(a) for a in sys.argv[1:4])
FIX = os.path.join(SRC, "tests", "fixtures")
T = ["--today", "2026-11-01"]
SVG = "{http://www.w3.org/2000/svg}"
LANES = ["stage", "touchpoints", "feeling", "works", "pains", "plans", "findings"]
run = harness.runner(EXE)


def text_of(label):
    """Visible text of an HTML-like label, without markup, line breaks or
    the hyphen a wrapped word keeps."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", label)).replace("\\\\", "\\"))


def flat(s):
    return re.sub(r"\s+", "", s)


def pos(node):
    """A node's pinned position, in inches (pos is in points)."""
    x, y = node["pos"].rstrip("!").split(",")
    return float(x) / 72, float(y) / 72


def box(node):
    x, y = pos(node)
    w, h = float(node["width"]), float(node["height"])
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def overlap(a, b):
    return a[0] < b[2] - 1e-6 and b[0] < a[2] - 1e-6 and a[1] < b[3] - 1e-6 and b[1] < a[3] - 1e-6


def ours_in_order(root):
    """Our touchpoints in timeline order: stage order, then day, then file order."""
    out = []
    for st in root.findall("stage"):
        own = list(st.findall("touchpoint"))
        own.sort(key=lambda t: int(t.get("day", "0")))  # stable: file order breaks ties
        out += own
    return out


def lanes(path, *extra):
    p = run("diagram", "--view", "lanes", *T, "-T", "dot", *extra, path)
    expect("%s: lanes dot exits 0" % os.path.basename(path), p.returncode == 0, p.stderr.decode())
    return harness.dot_inspect(INSPECT, p.stdout) if p.returncode == 0 else {"nodes": {}, "edges": []}


def no_card_overlap(name, g, cards):
    boxes = [(c, box(g["nodes"][c])) for c in cards if c in g["nodes"]]
    bad = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if overlap(ba, bb)]
    expect(name + ": no two cards overlap", not bad, str(bad[:5]))
    # every text cell stays inside the poster's columns, none on another's box
    cells = [(n, box(v)) for n, v in g["nodes"].items()
             if "/" in n and not n.startswith("feel/") and v.get("pos")]
    bad = [(a, b) for i, (a, ba) in enumerate(cells) for b, bb in cells[i + 1:] if overlap(ba, bb)]
    expect(name + ": no two text cells overlap", not bad, str(bad[:5]))


def check(path, competitor=None):
    root = ET.parse(path).getroot()
    name = os.path.basename(path) + (" vs " + competitor if competitor else "")
    g = lanes(path, *(["--competitor", competitor] if competitor else []))
    nodes = g["nodes"]
    ours = ours_in_order(root)
    for lane in LANES:
        expect("%s: lane %s labelled" % (name, lane), "lane:" + lane in nodes)
    xs, y0 = [], None
    for tp in ours:
        tid = tp.get("id")
        expect("%s: card %s" % (name, tid), tid in nodes)
        if tid not in nodes:
            continue
        x, y = pos(nodes[tid])
        xs.append(x)
        y0 = y if y0 is None else y0
        expect("%s: card %s in the row of cards" % (name, tid), abs(y - y0) < 1e-6)
        expect("%s: card %s shows its name" % (name, tid),
               flat(tp.get("name"))[:6] in text_of(nodes[tid]["label"]))
        f = nodes.get("feel/" + tid)
        expect("%s: feel/%s" % (name, tid), f is not None)
        if f:
            fx, fy = pos(f)
            expect("%s: feel/%s under its card" % (name, tid),
                   abs(fx - x) < 1e-6 and box(f)[3] < box(nodes[tid])[1])
        for lane, items in (("works", tp.findall("plus")), ("pains", tp.findall("minus"))):
            if items:
                cell = text_of(nodes.get("%s/%s" % (lane, tid), {}).get("label", ""))
                for it in items[:1]:
                    expect("%s: %s of %s shown" % (name, lane, tid), flat(it.text)[:8] in cell, cell)
        plan = tp.find("plan")
        if plan is not None:
            cell = text_of(nodes.get("plans/" + tid, {}).get("label", ""))
            expect("%s: plan of %s shown" % (name, tid),
                   flat(plan.text or "")[:8] in cell and (plan.get("due") is None or plan.get("due") in cell),
                   cell)
    expect(name + ": cards left to right in timeline order", xs == sorted(xs) and len(set(xs)) == len(xs),
           str(xs))
    feel = [(int(tp.get("emotion")), pos(nodes["feel/" + tp.get("id")])[1]) for tp in ours
            if tp.get("emotion") is not None and "feel/" + tp.get("id") in nodes]
    expect(name + ": higher for happier",
           all(ya > yb for ea, ya in feel for eb, yb in feel if ea > eb), str(feel))
    ghosts = []
    if competitor:
        comp = root.find("competitor[@id='%s']" % competitor)
        for t in comp.findall("touchpoint"):
            expect("%s: ghost card %s" % (name, t.get("id")), t.get("id") in nodes
                   and "ghost" in nodes[t.get("id")]["class"])
            ghosts.append(t.get("id"))
        expect(name + ": the competitor's lane", "lane:rival" in nodes)
    no_card_overlap(name, g, [tp.get("id") for tp in ours] + ghosts)
    return g


models = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
for path in models:
    check(path)
    for comp in ET.parse(path).getroot().findall("competitor"):
        check(path, comp.get("id"))
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, "l.svg")
        p = run("diagram", "--view", "lanes", *T, "-o", svg, path)
        expect("lanes svg of " + os.path.basename(path), p.returncode == 0, p.stderr.decode())
        titles = {t.text for t in ET.parse(svg).iter(SVG + "title")}
        for tp in ours_in_order(ET.parse(path).getroot()):
            expect("svg <title> %s and feel/%s" % (tp.get("id"), tp.get("id")),
                   tp.get("id") in titles and "feel/" + tp.get("id") in titles)

# An overdue plan is marked as overdue, as the finding says.
g = lanes(os.path.join(FIX, "rules", "overdue-plan-fires.xml"))
expect("overdue plan marked", any("OVERDUE" in v["label"] for n, v in g["nodes"].items() if n.startswith("plans/")))

# Hostile text: literal in the picture, harmless to the graph.
hostile = os.path.join(FIX, "diagram", "hostile.xml")
g = check(hostile, "rival")
expect("hostile: the empty stage's placeholder", "empty:s3" in g["nodes"], str(sorted(g["nodes"])))
with tempfile.TemporaryDirectory() as tmp:
    svg = os.path.join(tmp, "h.svg")
    p = run("diagram", "--view", "lanes", *T, "--competitor", "rival", "-o", svg, hostile)
    expect("hostile lanes svg", p.returncode == 0, p.stderr.decode())
    shown = "".join(t.text or "" for t in ET.parse(svg).iter(SVG + "text"))
    for literal in ["<script>", '"quoted"', "<TD>", "😀", "العربية", "Bad."]:
        expect("hostile lanes svg shows %r" % literal, flat(literal) in flat(shown), shown[:300])


def journey(stages, name="gen"):
    """A journey file from [(stage id, [(touchpoint id, day, emotion or None)])]."""
    out = ['<journey version="1" id="%s" name="Generated">' % name]
    for sid, tps in stages:
        out.append('<stage id="%s" name="Stage %s">' % (sid, sid))
        for tid, day, emo in tps:
            e = ' emotion="%d"' % emo if emo is not None else ""
            out.append('<touchpoint id="%s" name="Touchpoint %s with a longer name" channel="email" '
                       'initiator="company" day="%d" score="3"%s><plus>Works well enough for '
                       'most</plus><minus>Slow</minus></touchpoint>' % (tid, tid, day, e))
        out.append("</stage>")
    out.append("</journey>")
    return "\n".join(out)


cases = {
    "empty-stage": [("a", [("a1", 0, 1), ("a2", 3, -1)]), ("b", []), ("c", [("c1", 1, 2)])],
    "forty": [("a", [("a%d" % i, i % 7, (i % 5) - 2) for i in range(40)]), ("b", [("b1", 0, 0)])],
    "no-emotions": [("a", [("a1", 0, None), ("a2", 1, None)]), ("b", [("b1", 0, None)])],
}
with tempfile.TemporaryDirectory() as tmp:
    for case, stages in cases.items():
        path = os.path.join(tmp, case + ".xml")
        with open(path, "w") as f:
            f.write(journey(stages))
        g = lanes(path)
        ids = [t for _, tps in stages for t, _, _ in tps]
        expect(case + ": a card per touchpoint", all(t in g["nodes"] for t in ids),
               str([t for t in ids if t not in g["nodes"]]))
        no_card_overlap(case, g, ids + [n for n in g["nodes"] if n.startswith(("empty:", "more:"))])
        if case == "empty-stage":
            expect("empty stage: placeholder card", "empty:b" in g["nodes"])
        if case == "no-emotions":
            expect("no emotions: hollow marks", all("unknown" in g["nodes"]["feel/" + t]["class"] for t in ids))
        svg = os.path.join(tmp, case + ".svg")
        p = run("diagram", "--view", "lanes", *T, "-o", svg, path)
        expect(case + ": svg", p.returncode == 0 and ET.parse(svg) is not None, p.stderr.decode())

# Usage: the curve takes no competitor; lanes take one file.
p = run("diagram", "--view", "lanes", *T, models[0], models[1])
expect("lanes of two files: usage error", p.returncode == 2, p.stderr.decode())

harness.finish("ok")
