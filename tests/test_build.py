#!/usr/bin/env python3
"""`journeymap build`: exactly the documented files; a broken model is
reported with file:line and skipped while the rest is built and its old
outputs stay; outputs of removed models are removed, foreign files never;
the summary line. Usage: test_build.py JOURNEYMAP SRCDIR"""
import glob
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
T = ["--today", "2026-11-01"]




def build(models, out):
    return harness.run([EXE, "build", *T, "-o", out, models], timeout=300)


def documented(ids):
    files = {"compare.md", "compare.svg", "coverage.md", "coverage.svg", "agenda.md", "agenda.html",
             "index.md", "index.html",
             ".journeymap-build"}
    for i in ids:
        files |= {i + ".svg", i + ".dot", i + ".curve.svg", i + ".lanes.svg", i + ".lanes.pdf",
                  i + ".checklist.md", i + ".checklist.html"}
    return files


ids = [ET.parse(p).getroot().get("id") for p in sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))]
with tempfile.TemporaryDirectory() as tmp:
    models = os.path.join(tmp, "models")
    out = os.path.join(tmp, "output")
    shutil.copytree(os.path.join(SRC, "models"), models)
    p = build(models, out)
    expect("build exits 0", p.returncode == 0, p.stderr.decode())
    expect("exactly the documented files", set(os.listdir(out)) == documented(ids),
           str(sorted(set(os.listdir(out)) ^ documented(ids))))
    summary = p.stdout.decode()
    expect("one summary line", summary.count("\n") == 1 and summary.startswith("built 3 of 3 segments")
           and "index.html" in summary, summary)
    expect("no progress when redirected", b"[1/" not in p.stderr, p.stderr)
    for i in ids:
        ET.parse(os.path.join(out, i + ".svg"))
        ET.parse(os.path.join(out, i + ".curve.svg"))
        ET.parse(os.path.join(out, i + ".lanes.svg"))
        expect(i + ".lanes.pdf is a PDF", open(os.path.join(out, i + ".lanes.pdf"), "rb").read(5) == b"%PDF-")
        expect(i + ".checklist.md", open(os.path.join(out, i + ".checklist.md")).read().startswith("# "))
    index = open(os.path.join(out, "index.html")).read()
    for i in ids:
        expect("index links " + i, 'href="%s.checklist.html"' % i in index and 'id="%s"' % i in index
               and 'href="%s.curve.svg"' % i in index and 'href="%s.lanes.svg"' % i in index
               and 'href="%s.lanes.pdf"' % i in index)
    expect("index links the agenda", 'href="agenda.html"' in index)
    agenda = open(os.path.join(out, "agenda.md")).read()
    expect("agenda.md covers every segment", agenda.startswith("# Workshop agenda") and
           all("%s.checklist.md" % i in agenda for i in ids), agenda[:300])
    expect("agenda.html is a page", open(os.path.join(out, "agenda.html")).read().startswith("<!DOCTYPE html>"))
    # a map and a curve per journey, and the comparison
    expect("index inlines every diagram", index.count("<svg") == 2 * len(ids) + 1, str(index.count("<svg")))

    # Same input, same bytes.
    before = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out)}
    build(models, out)
    after = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out)}
    expect("rebuild is byte-identical", before == after,
           str([f for f in before if before[f] != after.get(f)]))

    # One model breaks: the others are built, it is reported, its outputs stay.
    victim = os.path.join(models, "smb-owners.xml")
    kept = {f: (open(os.path.join(out, f), "rb").read(), os.stat(os.path.join(out, f)).st_mtime_ns)
            for f in os.listdir(out) if f.startswith("smb-owners.")}
    text = open(victim).read().replace('channel="phone"', 'channel="fax"', 1)
    open(victim, "w").write(text)
    os.utime(os.path.join(out, "first-time-shoppers.svg"), (0, 0))
    p = build(models, out)
    expect("broken model: exit 1", p.returncode == 1)
    err = p.stderr.decode()
    expect("broken model: reported with file and line", "smb-owners.xml:" in err and ": error:" in err
           and "[schema]" in err, err)
    expect("broken model: the others are built", os.stat(os.path.join(out, "first-time-shoppers.svg")).st_mtime > 0)
    for f, (data, mtime) in kept.items():
        path = os.path.join(out, f)
        expect("broken model: %s kept" % f, os.path.exists(path) and open(path, "rb").read() == data
               and os.stat(path).st_mtime_ns == mtime)
    index = open(os.path.join(out, "index.html")).read()
    expect("index lists the broken model", "Not built" in index and "smb-owners.xml" in index)
    expect("summary says 2 of 3", p.stdout.decode().startswith("built 2 of 3 segments"), p.stdout)

    # A model is removed: its outputs go, with a word; foreign files stay.
    open(os.path.join(out, "notes-from-the-workshop.txt"), "w").write("ours, not journeymap's")
    os.remove(os.path.join(models, "first-time-shoppers.xml"))
    os.remove(victim)
    p = build(models, out)
    expect("after removal: exit 0", p.returncode == 0, p.stderr.decode())
    left = set(os.listdir(out))
    expect("stale outputs removed", not any(f.startswith(("first-time-shoppers.", "smb-owners.")) for f in left),
           str(sorted(left)))
    expect("removal reported", b"removed" in p.stderr and b"first-time-shoppers.svg" in p.stderr, p.stderr)
    expect("foreign file kept", "notes-from-the-workshop.txt" in left)

    # Bad output folder; empty models folder.
    open(os.path.join(tmp, "afile"), "w").write("x")
    expect("output is a file: exit 2", build(models, os.path.join(tmp, "afile")).returncode == 2)
    os.mkdir(os.path.join(tmp, "empty"))
    expect("no models: exit 2", build(os.path.join(tmp, "empty"), out).returncode == 2)
expect("--help", harness.run([EXE, "build", "--help"]).returncode == 0)

harness.finish("ok")
