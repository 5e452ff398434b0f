#!/usr/bin/env python3
"""--page: every diagram view fitted to paper or a screen (workshop.md,
"Paper and screen sizes"), and the projector sizes of the map and lanes
views ("The map view on a projector"):
- `--page A3 -T pdf` is 1190.55 x 841.89 pt and its smallest word box
  (pdftotext -bbox) is at least 6 pt, for every model and view;
- `--page A4 --portrait` is 595.28 x 841.89 pt; `--page screen -T png` is
  1920 px wide; `-T svg` and `-T dot` carry the page's size;
- text that would fall under 6 pt is warned about, naming a page that fits;
- map view: stage columns' top edges within 2 px, and every text at least
  16 px when the map is shown 1920 px wide (map and lanes), every model.
Usage: test_page.py JOURNEYMAP SRCDIR   (77 without pdfinfo/pdftotext)"""
import glob
import os
import re
import shutil
import struct
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
    print("skip: poppler-utils (pdfinfo, pdftotext) is not installed")
    sys.exit(77)
T = ["--today", "2026-11-01"]
SVG = "{http://www.w3.org/2000/svg}"
run = harness.runner(EXE)
models = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
expect("the models are there", len(models) >= 3, str(models))


def page_size(pdf):
    p = harness.run(["pdfinfo", pdf])
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", p.stdout.decode())
    pages = re.search(r"Pages:\s+(\d+)", p.stdout.decode())
    return (m.group(1), m.group(2)) if m else None, int(pages.group(1)) if pages else 0


def smallest_word(pdf):
    p = harness.run(["pdftotext", "-bbox", pdf, "-"])
    hs = [float(b) - float(a) for a, b in
          re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', p.stdout.decode())]
    return min(hs) if hs else 0, len(hs)


def svg_min_px(svg, width_px=1920):
    """The smallest text when the SVG is shown width_px wide."""
    root = ET.fromstring(svg)
    vb = [float(x) for x in root.get("viewBox").split()]
    m = re.search(r"scale\(([\d.]+)", root.find(SVG + "g").get("transform", ""))
    scale = float(m.group(1)) if m else 1.0
    sizes = [float(t.get("font-size")) for t in root.iter(SVG + "text") if t.get("font-size")]
    return min(sizes) * scale * width_px / vb[2]


with tempfile.TemporaryDirectory() as tmp:
    for path in models:
        base = os.path.basename(path)
        for view in ("map", "lanes", "curve"):
            pdf = os.path.join(tmp, "%s.%s.pdf" % (base, view))
            p = run("diagram", *T, "--view", view, "--page", "A3", "-T", "pdf", "-o", pdf, path)
            expect("%s %s A3: exit 0" % (base, view), p.returncode == 0, p.stderr.decode())
            size, pages = page_size(pdf)
            expect("%s %s A3: 1190.55 x 841.89 pt, one page" % (base, view),
                   size == ("1190.55", "841.89") and pages == 1, str((size, pages)))
            low, words = smallest_word(pdf)
            expect("%s %s A3: smallest word box >= 6 pt" % (base, view), words > 20 and low >= 6,
                   "%.2f pt over %d words" % (low, words))
            expect("%s %s A3: no warning" % (base, view), b"warning" not in p.stderr, p.stderr.decode())
        pdf = os.path.join(tmp, base + ".a4.pdf")
        p = run("diagram", *T, "--page", "A4", "--portrait", "-T", "pdf", "-o", pdf, path)
        expect(base + " A4 portrait", p.returncode == 0 and page_size(pdf)[0] == ("595.28", "841.89"),
               str(page_size(pdf)) + p.stderr.decode())
        for view in ("map", "lanes"):
            png = os.path.join(tmp, "%s.%s.png" % (base, view))
            p = run("diagram", *T, "--view", view, "--page", "screen", "-T", "png", "-o", png, path)
            data = open(png, "rb").read() if p.returncode == 0 else b""
            expect("%s %s screen: a PNG" % (base, view), data[:8] == b"\x89PNG\r\n\x1a\n", p.stderr.decode())
            if data[:8] == b"\x89PNG\r\n\x1a\n":
                w, h = struct.unpack(">II", data[16:24])
                expect("%s %s screen: 1920 x 1080" % (base, view), (w, h) == (1920, 1080), str((w, h)))
            # On a projector: every text at least 16 px at 1920 px wide.
            p = run("diagram", *T, "--view", view, "-T", "svg", path)
            px = svg_min_px(p.stdout)
            expect("%s %s: smallest text at 1920 px >= 16 px" % (base, view), px >= 16, "%.2f px" % px)
        # Map: every stage column starts at one top edge.
        root = ET.fromstring(run("diagram", *T, path).stdout)
        tops = []
        for g in root.iter(SVG + "g"):
            if g.get("class") == "cluster":
                shape = g.find(SVG + "path")
                shape = shape if shape is not None else g.find(SVG + "polygon")
                nums = re.findall(r"-?[\d.]+", shape.get("d") or shape.get("points"))
                tops.append(min(float(y) for y in nums[1::2]))
        expect(base + ": one cluster per stage", len(tops) == len(ET.parse(path).getroot().findall("stage")),
               str(tops))
        expect(base + ": cluster tops within 2 px", tops and max(tops) - min(tops) <= 2, str(tops))

    smb = os.path.join(SRC, "models", "smb-owners.xml")
    # SVG and DOT carry the page.
    p = run("diagram", *T, "--page", "A3", "-T", "svg", smb)
    head = p.stdout[:2000].decode()
    expect("svg A3: the page's size around the viewBox",
           re.search(r'<svg width="1190.55pt" height="841.89pt"\s+viewBox=', head) is not None, head[-400:])
    p = run("diagram", *T, "--page", "screen", "-T", "svg", smb)
    expect("svg screen: 1920 x 1080 px", b'<svg width="1920.00px" height="1080.00px"' in p.stdout)
    p = run("diagram", *T, "--page", "a3", "-T", "dot", smb)
    expect("dot A3: size=W,H! in inches (the page name in any case)",
           re.search(rb'size="16\.54,11\.69!"', p.stdout) is not None, p.stderr.decode())
    pdf = os.path.join(tmp, "letter.pdf")
    p = run("diagram", *T, "--view", "curve", "--page", "letter", "-o", pdf, *models)
    expect("curve of three on letter", p.returncode == 0 and page_size(pdf)[0] == ("792", "612"),
           str(page_size(pdf)) + p.stderr.decode())
    p = run("compare", *T, "-T", "svg", "--page", "tabloid", os.path.join(SRC, "models"))
    expect("compare -T svg on tabloid", p.returncode == 0 and b'<svg width="1224.00pt" height="792.00pt"' in p.stdout,
           p.stderr.decode())

    # Too small to read: a warning that names a page that fits; the file is written.
    big = os.path.join(tmp, "big.xml")
    with open(big, "w") as f:
        f.write('<journey version="1" id="big" name="Big">\n')
        for s in range(8):
            f.write('<stage id="s%d" name="Stage %d">' % (s, s))
            for t in range(12):
                f.write('<touchpoint id="t%d-%d" name="Touchpoint %d of stage %d" channel="email" '
                        'initiator="company" day="%d" score="3" emotion="1"/>' % (s, t, t, s, t))
            f.write("</stage>\n")
        f.write("</journey>\n")
    out = os.path.join(tmp, "big.pdf")
    p = run("diagram", *T, "--view", "lanes", "--page", "A4", "-o", out, big)
    err = p.stderr.decode()
    expect("small text: warned, still written", p.returncode == 0 and os.path.getsize(out) > 1000
           and re.search(r"journeymap diagram: warning: on A4 the smallest text would be [\d.]+ pt, too small "
                         r"to read \(under 6 pt\); (the smallest page that fits is A\d|even A0 is too small)", err),
           err)
    p = run("diagram", *T, "--page", "screen", "-T", "png", "-o", os.path.join(tmp, "big.png"), big)
    expect("small text on screen: warned in px", re.search(r"on screen the smallest text would be [\d.]+ px", p.stderr.decode()),
           p.stderr.decode())

    # Usage errors: exit 2, nothing written.
    for args, what in ((["--page", "B5"], "--page wants A4, A3, A2, A1, A0, letter, tabloid or screen"),
                       (["--portrait"], "--portrait turns a page upright")):
        out = os.path.join(tmp, "never.svg")
        p = run("diagram", *T, *args, "-o", out, smb)
        expect("usage %s: exit 2" % args, p.returncode == 2 and what in p.stderr.decode()
               and not os.path.exists(out), p.stderr.decode())
    p = run("compare", *T, "--page", "A4", os.path.join(SRC, "models"))
    expect("compare --page without svg: exit 2", p.returncode == 2 and b"-T svg" in p.stderr, p.stderr.decode())

harness.finish("ok")
