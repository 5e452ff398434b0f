#!/usr/bin/env python3
"""`journeymap diagram`: the DOT it builds, read back with cgraph, says what
cli.md promises, for every model and fixture journey; hostile text stays
text; every format renders; failures never damage an existing file.
Usage: test_diagram.py JOURNEYMAP SRCDIR DOT_INSPECT"""
import glob
import html
import json
import os
import re
import resource
import signal
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC, INSPECT = (os.path.abspath(a) for a in sys.argv[1:4])
FIX = os.path.join(SRC, "tests", "fixtures")
T = ["--today", "2026-11-01"]




run = harness.runner(EXE)


def label_text(label):
    """The visible text of an HTML-like label, without markup or line breaks."""
    text = re.sub(r"<[^>]*>", "", label)
    return html.unescape(text).replace("\\\\", "\\")


def squash(s):
    return re.sub(r"\s+", "", s)


def model(path):
    root = ET.parse(path).getroot()
    stages = root.findall("stage")
    tps, starts, at = [], [], 0
    for si, st in enumerate(stages):
        own = st.findall("touchpoint")
        days = st.get("days")
        length = int(days) if days is not None else max([int(t.get("day", "0")) for t in own] or [0])
        starts.append(at)
        for t in own:
            tps.append({"id": t.get("id"), "stage": si, "first": at + int(t.get("day", "0")),
                        "nexts": [(n.get("to"), n.get("share")) for n in t.findall("next")],
                        "el": t})
        at += length
    comps = {c.get("id"): c for c in root.findall("competitor")}
    stage_index = {st.get("id"): i for i, st in enumerate(stages)}
    return root, stages, tps, comps, stage_index


def inspect(dot):
    return harness.dot_inspect(INSPECT, dot)


def check_journey(path, competitor=None):
    name = os.path.relpath(path, SRC)
    root, stages, tps, comps, stage_index = model(path)
    findings = json.loads(run("check", "--format", "json", *T, path).stdout)
    args = ["diagram", "-T", "dot", *T, path] + (["--competitor", competitor] if competitor else [])
    p = run(*args)
    expect(name + ": diagram exit 0", p.returncode == 0, p.stderr.decode())
    text = p.stdout.decode("utf-8")
    g = inspect(p.stdout)
    nodes, clusters = g["nodes"], g["clusters"]

    # One cluster per stage, named in journey order, labelled with its name.
    want = ["cluster_%03d" % i for i in range(len(stages))]
    got = sorted(c for c in clusters if re.match(r"cluster_\d+$", c))
    expect(name + ": clusters", got == want, "%s vs %s" % (got, want))
    order = re.findall(r"subgraph (cluster_\d+)", text)
    expect(name + ": clusters in journey order in the DOT text", order == want, str(order))
    for i, st in enumerate(stages):
        lab = squash(label_text(clusters.get("cluster_%03d" % i, {}).get("label", "")))
        stage_name = squash(st.get("name"))
        expect(name + ": stage %d label" % i, lab.startswith(stage_name[:20]), lab)

    # One node per touchpoint of ours, named by its id, in its stage's cluster.
    for t in tps:
        n = nodes.get(t["id"])
        expect(name + ": node " + t["id"], n is not None)
        if n:
            expect(name + ": node %s in its stage" % t["id"],
                   n["cluster"] == "cluster_%03d" % t["stage"], n["cluster"])

    # Gaps drawn as the findings say.
    gap_findings = [f for f in findings if f["rule"] == "contact-gap"
                    and f["subject"] in {t["id"] for t in tps}]
    gap_nodes = [n for n in nodes if n.startswith("gap:")]
    expect(name + ": one node per contact gap", len(gap_nodes) == len(gap_findings),
           "%d nodes, %d findings" % (len(gap_nodes), len(gap_findings)))
    empty = {"empty:" + f["subject"] for f in findings if f["rule"] == "empty-stage"}
    expect(name + ": placeholder per empty stage", empty == {n for n in nodes if n.startswith("empty:")},
           str(empty))

    # Weak-spot marking exactly on touchpoints with weak-spot findings.
    weak = {f["subject"] for f in findings if f["rule"] in harness.WEAK_RULES}
    marked = {n for n, a in nodes.items() if a["penwidth"] == "3.5"}
    expect(name + ": weak spots marked", weak == marked, "%s vs %s" % (sorted(weak), sorted(marked)))
    for n in marked:
        expect(name + ": weak marker in label " + n, "⚠" in nodes[n]["label"])

    # Edges: the <next> flow with shares, or else timeline order.
    ids = {t["id"] for t in tps}
    edges = [(e["tail"], e["head"], e["taillabel"]) for e in g["edges"]
             if e["tail"] in ids and e["head"] in ids]
    if any(t["nexts"] for t in tps):
        want_edges = sorted((t["id"], to, ("%g%%" % (100 * float(sh))) if sh else "")
                            for t in tps for to, sh in t["nexts"])
    else:
        seq = sorted(tps, key=lambda t: (t["first"], tps.index(t)))
        want_edges = sorted((a["id"], b["id"], "") for a, b in zip(seq, seq[1:]))
    expect(name + ": edges", sorted(edges) == want_edges, "%s vs %s" % (sorted(edges), want_edges))
    for gname in gap_nodes:
        into = [e for e in g["edges"] if e["head"] == gname and e["tail"] in ids]
        expect(name + ": %s hangs off the contact before it" % gname, len(into) == 1)

    # Competitor overlay.
    ghosts = {n for n in nodes if n.startswith("competitor:")}
    if competitor:
        comp = comps[competitor]
        want_ghosts = {"competitor:" + t.get("id") for t in comp.findall("touchpoint")}
        expect(name + ": ghost nodes", ghosts == want_ghosts, str(ghosts))
        for t in comp.findall("touchpoint"):
            n = nodes.get("competitor:" + t.get("id"), {})
            expect(name + ": ghost in its stage", n.get("cluster") == "cluster_%03d" % stage_index[t.get("stage")])
        for r in comp.findall("rating"):
            lab = label_text(nodes.get(r.get("touchpoint"), {}).get("label", ""))
            expect(name + ": rating shown on " + r.get("touchpoint"), "%s/5" % r.get("score") in lab, lab)
    else:
        expect(name + ": no ghosts without --competitor", not ghosts)
    return g


journeys = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
journeys += sorted(glob.glob(os.path.join(FIX, "valid", "*.xml")))
journeys += [os.path.join(FIX, "diagram", "hostile.xml")]
journeys += [os.path.join(FIX, "rules", n + ".xml") for n in (
    "empty-stage-fires", "contact-gap-every", "contact-gap-tie", "contact-gap-no-company",
    "dead-end-fires", "competitor-only-fires", "low-score-plan")]
for path in journeys:
    check_journey(path)
    for comp in model(path)[3]:
        check_journey(path, comp)

# Hostile text: literal in the picture, harmless to the graph.
hostile = os.path.join(FIX, "diagram", "hostile.xml")
g = check_journey(hostile, "rival")
expect("hostile: exactly the expected nodes", set(g["nodes"]) == {
    "t.1", "t-2", "t_3", "t4", "empty:s3", "gap:1", "competitor:rival-x", "top:s1", "top:s2", "top:s3"},
    str(sorted(g["nodes"])))
with tempfile.TemporaryDirectory() as tmp:
    svg = os.path.join(tmp, "h.svg")
    p = run("diagram", *T, "--competitor", "rival", "-o", svg, hostile)
    expect("hostile svg", p.returncode == 0, p.stderr.decode())
    tree = ET.parse(svg)  # well-formed, or this raises
    shown = "".join(t.text or "" for t in tree.iter("{http://www.w3.org/2000/svg}text"))
    for literal in ["<script>alert(1)</script>", "\\N \\G \\E \\T \\H \\L \\\\ end\\",
                    '"quoted"', "</TABLE>", "<TD>", "&lt;", "😀", "العربية", "עברית",
                    "\\l\\r\\n", "]]> <![CDATA[ x ]]>"]:
        expect("hostile svg shows %r literally" % literal, squash(literal) in squash(shown),
               shown[:400])
    png = os.path.join(tmp, "h.png")
    p = run("diagram", *T, "-T", "png", "-o", png, hostile)
    expect("hostile png", p.returncode == 0 and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n")

# Formats, determinism, refusal, safe failure.
smb = os.path.join(SRC, "models", "smb-owners.xml")
bad = os.path.join(FIX, "errors", "schema-channel.xml")
with tempfile.TemporaryDirectory() as tmp:
    magic = {"svg": None, "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
    for fmt, m in magic.items():
        out = os.path.join(tmp, "d." + fmt)
        p = run("diagram", *T, "-o", out, smb)  # format from the extension
        expect("-o d.%s" % fmt, p.returncode == 0, p.stderr.decode())
        data = open(out, "rb").read()
        if m:
            expect(fmt + " magic", data.startswith(m))
        else:
            ET.fromstring(data)
    for fmt in ("dot", "svg"):
        a = run("diagram", "-T", fmt, *T, smb).stdout
        b = run("diagram", "-T", fmt, *T, smb).stdout
        expect("-T %s is deterministic" % fmt, a == b and len(a) > 100)

    # A model with errors: exit 1, errors on stderr, no file, old file kept.
    out = os.path.join(tmp, "bad.svg")
    p = run("diagram", *T, "-o", out, bad)
    expect("errors: exit 1", p.returncode == 1)
    expect("errors: explained", b"[schema]" in p.stderr and p.stdout == b"")
    expect("errors: no file", not os.path.exists(out))
    with open(out, "w") as f:
        f.write("previous")
    run("diagram", *T, "-o", out, bad)
    expect("errors: previous file kept", open(out).read() == "previous")

    # A write that fails half-way (file size limit) leaves the old file.
    out = os.path.join(tmp, "big.png")
    with open(out, "w") as f:
        f.write("previous")

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    import subprocess
    p = subprocess.run([EXE, "diagram", *T, "-T", "png", "-o", out, smb], preexec_fn=limit,
                       capture_output=True, timeout=120)
    expect("failed write: exit 2", p.returncode == 2, "%d %s" % (p.returncode, p.stderr))
    expect("failed write: previous file kept", open(out).read() == "previous")
    expect("failed write: no temporary file left", sorted(os.listdir(tmp)) ==
           sorted(["bad.svg", "big.png", "d.svg", "d.png", "d.pdf"]), str(os.listdir(tmp)))
    # A folder where the file should go; a folder that does not exist.
    os.mkdir(os.path.join(tmp, "dir.svg"))
    expect("folder as output: exit 2", run("diagram", *T, "-o", os.path.join(tmp, "dir.svg"), smb).returncode == 2)
    expect("missing folder: exit 2", run("diagram", *T, "-o", os.path.join(tmp, "no", "x.svg"), smb).returncode == 2)

# A stage too large to draw is summarised: at most 30 touchpoints, weak
# spots first (here the five latest), then the earliest others, and one box
# for the rest; the title says so.
with tempfile.TemporaryDirectory() as tmp:
    big = os.path.join(tmp, "big.xml")
    tps = "".join('<touchpoint id="b%d" name="Big %d" channel="web" initiator="company" owner="o" '
                  'day="%d" score="%d"/>' % (i, i, i, 1 if i >= 40 else 4) for i in range(45))
    with open(big, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<journey version="1" id="big" name="Big">'
                '<owners><owner id="o" name="O"/></owners>'
                '<stage id="huge" name="Huge" days="60">%s</stage>'
                '<stage id="small" name="Small" days="10"><touchpoint id="s1" name="S" channel="web" '
                'initiator="company" owner="o" day="1" score="4"/></stage></journey>\n' % tps)
    p = run("diagram", *T, "-T", "dot", big)
    expect("summarised: exit 0", p.returncode == 0, p.stderr.decode())
    g = inspect(p.stdout)
    drawn = {n for n in g["nodes"] if re.fullmatch(r"b\d+", n)}
    want = {"b%d" % i for i in list(range(25)) + list(range(40, 45))}
    expect("summarised: weak spots first, then the earliest", drawn == want, str(sorted(drawn)))
    more = g["nodes"].get("more:huge", {}).get("label", "")
    expect("summarised: one box for the rest", "+ 15 more touchpoints" in label_text(more) and
           "0 of them weak spots" in label_text(more), more)
    expect("summarised: small stage whole, no box", "s1" in g["nodes"] and "more:small" not in g["nodes"])
    expect("summarised: title says so", "summarised: 15 touchpoints not drawn" in label_text(g["label"]),
           g["label"])
    p = run("diagram", *T, "-T", "svg", "-o", os.path.join(tmp, "big.svg"), big)
    expect("summarised: renders", p.returncode == 0, p.stderr.decode())

# -o and -T agree: the extension sets the format; a contradiction, or an
# image format we do not write, is a usage error and writes nothing.
with tempfile.TemporaryDirectory() as tmp:
    png = os.path.join(tmp, "x.png")
    p = run("diagram", *T, "-o", png, smb)
    expect("-o x.png writes PNG", p.returncode == 0 and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n",
           p.stderr.decode())
    for args, name in ((["-T", "png", "-o"], "x.svg"), (["-o"], "x.jpg"), (["-o"], "x.md"),
                       (["-T", "dot", "-o"], "x.PDF")):
        out = os.path.join(tmp, name)
        p = run("diagram", *T, *args, out, smb)
        expect("%s %s: exit 2" % (" ".join(args), name), p.returncode == 2, p.stderr.decode())
        expect("%s %s: nothing written" % (" ".join(args), name), not os.path.exists(out))
    expect("-o x.jpg names what it writes", b"dot, svg, png or pdf" in
           run("diagram", *T, "-o", os.path.join(tmp, "x.jpg"), smb).stderr)
    p = run("diagram", *T, "-o", os.path.join(tmp, "x.SVG"), smb)
    expect("-o x.SVG writes SVG", p.returncode == 0 and b"<svg" in open(os.path.join(tmp, "x.SVG"), "rb").read())
    p = run("diagram", *T, "-o", os.path.join(tmp, "diagram.out"), smb)
    expect("an extension of the user's own: SVG", p.returncode == 0 and
           b"<svg" in open(os.path.join(tmp, "diagram.out"), "rb").read())

# Usage.
expect("unknown competitor: exit 2", run("diagram", *T, "--competitor", "nobody", smb).returncode == 2)
expect("bad -T: exit 2", run("diagram", "-T", "gif", *T, smb).returncode == 2)
expect("two files: exit 2", run("diagram", *T, smb, smb).returncode == 2)
expect("missing file: exit 2", run("diagram", *T, "nope.xml").returncode == 2)
expect("--help", run("diagram", "--help").returncode == 0)

harness.finish("ok: %d journeys" % len(journeys))
