#!/usr/bin/env python3
"""The printed length of what a workshop prints (the targets of
docs/agenda.md and docs/checklist.md): the agenda of models/ on at most 2
pages, the checklist of models/smb-owners.xml on at most 5, printed by
headless Chromium to PDF on its default paper (US Letter) and on A4, pages
counted by pdfinfo. Usage: test_print.py JOURNEYMAP SRCDIR   (77 without
Chromium or pdfinfo)"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import harness
from harness import expect

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
browser = shutil.which("chromium") or shutil.which("chromium-browser")
pdfinfo = shutil.which("pdfinfo")
if not browser or not pdfinfo:
    print("skip: Chromium or pdfinfo (poppler-utils) is not installed")
    sys.exit(77)
T = ["--today", "2026-11-01"]
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage"]


def pages(tmp, html, name, paper=None):
    """How many pages html prints on (paper: a CSS page size, else the default)."""
    if paper:
        html = html.replace("</style>", "@page{size:%s}</style>" % paper, 1)
    page = os.path.join(tmp, name + ".html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    pdf = os.path.join(tmp, name + ".pdf")
    subprocess.run([browser, *FLAGS, "--user-data-dir=" + os.path.join(tmp, "profile-" + name),
                    "--print-to-pdf=" + pdf, "file://" + page],
                   capture_output=True, timeout=120, env=dict(os.environ, HOME=tmp))
    if not os.path.exists(pdf):
        return None
    info = subprocess.run([pdfinfo, pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else None


run = harness.runner(EXE)
agenda = run("agenda", *T, "--html", os.path.join(SRC, "models")).stdout.decode()
checklist = run("checklist", *T, "--html", os.path.join(SRC, "models", "smb-owners.xml")).stdout.decode()
with tempfile.TemporaryDirectory() as tmp:
    for paper in (None, "A4"):
        what = paper or "default paper"
        n = pages_agenda = pages(tmp, agenda, "agenda-%s" % paper, paper)
        expect("agenda of models/ on %s: printed" % what, n is not None)
        expect("agenda of models/ on %s: at most 2 pages" % what, n is not None and n <= 2, str(n))
        n = pages(tmp, checklist, "checklist-%s" % paper, paper)
        expect("checklist of smb-owners on %s: printed" % what, n is not None)
        expect("checklist of smb-owners on %s: at most 5 pages" % what, n is not None and n <= 5, str(n))
        print("%s: agenda %s pages, checklist %s pages" % (what, pages_agenda, n))
harness.finish("ok")
