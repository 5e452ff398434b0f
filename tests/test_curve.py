"""`journeymap diagram --view curve`: the emotion curve, read back with cgraph.

    test_curve.py JOURNEYMAP SRCDIR DOT_INSPECT

For every model and a few fixtures: one point per touchpoint with an
emotion, named by its id; x positions monotone in time (first occurrence);
y proportional to emotion; hollow marks for touchpoints without one; stage
bands in stage order; the line joins the points in time order. Then an
overlay of three segments, hostile names, SVG and PNG, and usage errors.
"""
import glob
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import expect  # noqa: E402

EXE, SRC, INSPECT = (os.path.abspath(a) for a in sys.argv[1:4])
FIX = os.path.join(SRC, "tests", "fixtures")
T = ["--today", "2026-11-01"]




run = harness.runner(EXE)


def inspect(dot):
    return harness.dot_inspect(INSPECT, dot)


def pos(n):
    m = re.fullmatch(r"(-?[\d.]+),(-?[\d.]+)!", n.get("pos", ""))
    return (float(m.group(1)), float(m.group(2))) if m else None


def timeline(path):
    """Each touchpoint's first day, emotion, stage, in file order."""
    root = ET.parse(path).getroot()
    out, at = [], 0
    for si, st in enumerate(root.findall("stage")):
        own = st.findall("touchpoint")
        days = st.get("days")
        length = int(days) if days else max([int(t.get("day", "0")) for t in own] or [0])
        for t in own:
            e = t.get("emotion")
            out.append({"id": t.get("id"), "first": at + int(t.get("day", "0")), "stage": si,
                        "emotion": int(e) if e is not None else None})
        at += length
    return root, out


def check_one(path):
    name = os.path.basename(path)
    p = run("diagram", "--view", "curve", *T, "-T", "dot", path)
    expect(name + ": exit 0 or 1", p.returncode in (0, 1), p.stderr.decode()[:300])
    if p.returncode not in (0, 1):
        return
    g = inspect(p.stdout)
    root, tps = timeline(path)
    nodes = g["nodes"]
    with_e = [t for t in tps if t["emotion"] is not None]
    points = {k for k, v in nodes.items() if "point" in v.get("class", "").split()}
    expect(name + ": one point per touchpoint with an emotion, by id",
           points == {t["id"] for t in with_e}, "%s vs %s" % (sorted(points), [t["id"] for t in with_e]))
    unknown = {k for k, v in nodes.items() if v.get("class") == "unknown"}
    expect(name + ": a hollow mark per touchpoint without one",
           unknown == {"no-emotion:" + t["id"] for t in tps if t["emotion"] is None}, str(sorted(unknown)))
    # y proportional to emotion: one constant for all.
    ratios = {round(pos(nodes[t["id"]])[1] / t["emotion"], 6) for t in with_e if t["emotion"]}
    expect(name + ": y proportional to emotion", len(ratios) <= 1 and all(r > 0 for r in ratios), str(ratios))
    expect(name + ": emotion 0 on the zero line",
           all(pos(nodes[t["id"]])[1] == 0 for t in with_e if t["emotion"] == 0))
    # x monotone in time (all touchpoints, marks included).
    xs = sorted((t["first"], pos(nodes[t["id"] if t["emotion"] is not None else "no-emotion:" + t["id"]])[0])
                for t in tps)
    expect(name + ": x monotone in time", all(a[1] <= b[1] + 1e-9 for a, b in zip(xs, xs[1:])), str(xs))
    # Stage bands, left to right in stage order.
    stages = root.findall("stage")
    bands = [pos(nodes.get("stage:" + s.get("id"), {})) for s in stages]
    expect(name + ": a band per stage", all(bands), str(bands))
    if all(bands):
        expect(name + ": bands in stage order", all(a[0] < b[0] for a, b in zip(bands, bands[1:])))
    # The line: consecutive points in time order.
    order = [t["id"] for t in sorted(with_e, key=lambda t: (t["first"], tps.index(t)))]
    line = [(e["tail"], e["head"]) for e in g["edges"] if e["tail"] in points]
    expect(name + ": the line joins the points in time order", line == list(zip(order, order[1:])),
           "%s vs %s" % (line, list(zip(order, order[1:]))))
    for ext in ("svg", "png"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "c." + ext)
            p = run("diagram", "--view", "curve", *T, "-o", out, path)
            expect(name + ": renders " + ext, p.returncode in (0, 1) and os.path.getsize(out) > 1000,
                   p.stderr.decode()[:300])
            if ext == "svg":
                ET.parse(out)  # well-formed


models = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
for path in models + [os.path.join(FIX, "diagram", "hostile.xml")]:
    check_one(path)

# Overlay: three segments, distinct colours, a legend, names prefixed by journey id.
p = run("diagram", "--view", "curve", *T, "-T", "dot", *models)
expect("overlay: exit 0 or 1", p.returncode in (0, 1), p.stderr.decode()[:300])
g = inspect(p.stdout)
ids = [ET.parse(m).getroot().get("id") for m in models]
colours = set()
for jid, m in zip(ids, models):
    _, tps = timeline(m)
    pts = {k for k, v in g["nodes"].items() if "point" in v.get("class", "").split() and k.startswith(jid + ":")}
    expect("overlay: %s's points" % jid, pts == {jid + ":" + t["id"] for t in tps if t["emotion"] is not None})
    colours |= {e["color"] for e in g["edges"] if e["tail"].startswith(jid + ":")}
expect("overlay: one colour per segment", len(colours) == len(models), str(colours))
expect("overlay: legend", "legend" in g["nodes"])
expect("overlay: different stages, no bands, said in the title",
       not any(k.startswith("stage:") for k in g["nodes"]) and "stages differ" in g["label"])

# Hostile names stay text.
hostile = os.path.join(FIX, "diagram", "hostile.xml")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "h.svg")
    p = run("diagram", "--view", "curve", *T, "-o", out, hostile)
    svg = ET.parse(out)
    scripts = [e for e in svg.iter() if e.tag.endswith("script")]
    expect("hostile: no script element", not scripts)

    tricky = os.path.join(tmp, "t.xml")
    with open(tricky, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<journey version="1" id="t" name="T">'
                '<stage id="s" name="S" days="10"><touchpoint id="a" name="x &amp;#1; \\N &lt;b&gt; end\\" '
                'channel="web" initiator="company" day="1" emotion="1"/></stage></journey>\n')
    p = run("diagram", "--view", "curve", *T, "-o", out, tricky)
    titles = [e.get("{http://www.w3.org/1999/xlink}title") for e in ET.parse(out).iter()]
    expect("hostile: tooltip shows the name as written",
           "x &#1; \uff3cN <b> end\uff3c (emotion +1)" in titles, str(titles))

# Usage.
expect("bad --view: exit 2", run("diagram", "--view", "pie", *T, models[0]).returncode == 2)
expect("curve with --competitor: exit 2",
       run("diagram", "--view", "curve", "--competitor", "x", *T, models[0]).returncode == 2)
expect("map with two files: exit 2", run("diagram", *T, models[0], models[1]).returncode == 2)
expect("curve of a folder: exit 2",
       run("diagram", "--view", "curve", *T, os.path.join(SRC, "models")).returncode == 2)
bad = os.path.join(FIX, "errors", "xml-syntax-latin1.xml")
expect("curve with a broken file: exit 1", run("diagram", "--view", "curve", *T, models[0], bad).returncode == 1)

harness.finish("ok: %d journeys and an overlay" % (len(models) + 1))
