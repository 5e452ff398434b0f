#!/usr/bin/env python3
"""index.html in a real browser: headless Chromium loads the page that
`build` writes and the DOM after load holds, for every segment, its
diagram with a node per touchpoint (Graphviz writes each node's id as its
SVG <title>). Also takes a screenshot, which must be a non-trivial PNG.
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
