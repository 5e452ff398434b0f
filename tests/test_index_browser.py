#!/usr/bin/env python3
"""index.html in a real browser: headless Chromium loads the page that
`build` writes and the DOM after load holds, for every segment, its
diagram with a node per touchpoint (Graphviz writes each node's id as its
SVG <title>). The workshop page's layout (workshop.md): measured in a
1920 x 1080 window by a script added to a copy of the page, each segment's
map is at least 85% of the page's width, no two diagrams side by side, one
<details> of findings per segment, links to its lanes poster. Also takes a
screenshot, which must be a non-trivial PNG.
Usage: test_index_browser.py JOURNEYMAP SRCDIR   (77 without Chromium)"""
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("skip: Chromium is not installed")
    sys.exit(77)




FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage", "--hide-scrollbars"]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "output")
    p = harness.run([EXE, "build", "--today", "2026-11-01", "-o", out, os.path.join(SRC, "models")],
                    timeout=300)
    expect("build", p.returncode == 0, p.stderr.decode())
    url = "file://" + os.path.join(out, "index.html")
    env = dict(os.environ, HOME=tmp)
    dom = subprocess.run([browser, *FLAGS, "--user-data-dir=" + os.path.join(tmp, "profile"),
                          "--dump-dom", url], capture_output=True, timeout=120, env=env).stdout.decode()
    expect("the page loaded", "<h1>Customer journeys</h1>" in dom, dom[:300])
    for path in sorted(glob.glob(os.path.join(SRC, "models", "*.xml"))):
        root = ET.parse(path).getroot()
        jid = root.get("id")
        m = re.search(r'<section id="%s" class="segment">(.*?)</section>' % re.escape(jid), dom, re.S)
        expect("section of " + jid, m is not None)
        if not m:
            continue
        section = m.group(1)
        expect(jid + ": map and emotion curve inline", section.count("<svg") == 2, str(section.count("<svg")))
        curve = section[section.find('class="diagram curve"'):]
        for tp in root.iter("touchpoint"):
            if tp.get("stage") is None and tp.get("emotion") is not None:
                expect("%s: curve point %s in the DOM" % (jid, tp.get("id")),
                       "<title>%s</title>" % tp.get("id") in curve)
        titles = set(re.findall(r"<title>([^<]*)</title>", section))
        for tp in root.iter("touchpoint"):
            if tp.get("stage") is None:  # ours
                expect("%s: node %s in the DOM" % (jid, tp.get("id")), tp.get("id") in titles)
    # Layout, measured by the browser: a copy of the page with a script that
    # writes what it measured into the DOM.
    measure = """<script>
    const W = document.documentElement.clientWidth, out = {width: W, segments: [], diagrams: []};
    for (const s of document.querySelectorAll("section.segment")) {
      const map = s.querySelector(".diagram.map svg");
      out.segments.push({id: s.id, map: map ? map.getBoundingClientRect().width : 0,
        details: s.querySelectorAll("details").length,
        findings: s.querySelectorAll("details li").length,
        lanes: [...s.querySelectorAll("a")].map(a => a.getAttribute("href")).filter(h => /lanes/.test(h))});
    }
    for (const d of document.querySelectorAll(".diagram svg")) {
      const r = d.getBoundingClientRect();
      out.diagrams.push([r.left, r.top, r.right, r.bottom]);
    }
    const pre = document.createElement("pre");
    pre.id = "geometry";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
    </script>"""
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    measured = os.path.join(out, "measure.html")
    with open(measured, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", measure + "</body>"))
    dom = subprocess.run([browser, *FLAGS, "--user-data-dir=" + os.path.join(tmp, "profile3"),
                          "--window-size=1920,1080", "--dump-dom", "file://" + measured],
                         capture_output=True, timeout=120, env=env).stdout.decode()
    m = re.search(r'<pre id="geometry">(.*?)</pre>', dom, re.S)
    expect("the page was measured", m is not None, dom[-300:])
    if m:
        import html as htmlmod
        import json
        geo = json.loads(htmlmod.unescape(m.group(1)))
        ids = [ET.parse(p).getroot().get("id") for p in sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))]
        expect("one section per segment", [s["id"] for s in geo["segments"]] == ids, str(geo["segments"]))
        for seg in geo["segments"]:
            expect("%s: map at >= 85%% of the page width" % seg["id"], seg["map"] >= 0.85 * geo["width"],
                   "%.0f of %d px" % (seg["map"], geo["width"]))
            expect("%s: one <details> of findings" % seg["id"], seg["details"] == 1 and seg["findings"] > 0,
                   str(seg))
            expect("%s: links to its lanes poster" % seg["id"],
                   set(seg["lanes"]) >= {seg["id"] + ".lanes.svg", seg["id"] + ".lanes.pdf"}, str(seg["lanes"]))
        boxes = geo["diagrams"]
        side = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] - 1 and b[1] < a[3] - 1]  # vertical ranges overlap: side by side
        expect("no two diagrams side by side", len(boxes) >= 2 * len(ids) and not side, str(side[:3]))
    shot = os.path.join(tmp, "index.png")
    subprocess.run([browser, *FLAGS, "--user-data-dir=" + os.path.join(tmp, "profile2"),
                    "--window-size=1400,2400", "--screenshot=" + shot, url],
                   capture_output=True, timeout=120, env=env)
    data = open(shot, "rb").read() if os.path.exists(shot) else b""
    expect("screenshot is a PNG", data[:8] == b"\x89PNG\r\n\x1a\n")
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        w, h = struct.unpack(">II", data[16:24])
        expect("screenshot size", (w, h) == (1400, 2400), str((w, h)))
        expect("screenshot is not blank", len(data) > 100000, str(len(data)))

harness.finish("ok")
