#!/usr/bin/env python3
"""How `journeymap check` scales with the size of one journey.

Generates journeys of n, 2n, 4n, … touchpoints (stages of ten touchpoints,
repeats, flows, changes, competitors with ratings and their own
touchpoints), times `check` on each (best of several runs) next to
`xmllint --noout` on the same file as the reference, and prints times
and the ratio between consecutive sizes: about 2 when doubling the input
doubles the work (linear), clearly more when something is quadratic.

Usage: tests/bench/scaling.py [JOURNEYMAP] [--start N] [--steps K]
A benchmark, not a test: it prints numbers and never fails on them.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

CHANNELS = ["web", "app", "email", "phone", "chat", "sms", "meeting", "visit"]


def journey(n):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<journey version="1" id="bench" name="Scaling benchmark">',
           '  <review date="2026-01-01"/>',
           '  <owners><owner id="o1" name="Team one" trained="no"/>'
           '<owner id="o2" name="Team two" trained="yes"/></owners>']
    stages = max(1, n // 10)
    for c in range(stages // 5 + 1):
        out.append('  <change id="ch%d" name="Change %d" date="2027-01-01" affects="s%d"/>'
                   % (c, c, c % stages))
    k = 0
    for s in range(stages):
        phase = ["awareness", "purchase", "onboarding", "delivery", "retention"][s % 5]
        out.append('  <stage id="s%d" name="Stage %d" phase="%s" days="60">' % (s, s, phase))
        for _ in range(10):
            if k >= n:
                break
            who = "company" if k % 3 else "customer"
            extra = ' every="%d"' % (7 + k % 40) if k % 4 == 0 else ""
            extra += ' about="ch%d"' % (k // 50) if k % 50 == 1 else ""
            nxt = '<next to="t%d"/>' % (k + 1) if k + 1 < n else ""
            out.append('    <touchpoint id="t%d" name="Touchpoint %d" channel="%s" initiator="%s"'
                       ' owner="o%d" day="%d" score="%d" emotion="%d"%s>'
                       '<minus>Slow.</minus><metric name="wait-seconds" value="%d"/>%s</touchpoint>'
                       % (k, k, CHANNELS[k % len(CHANNELS)], who, 1 + k % 2, (k * 7) % 60,
                          1 + k % 5, k % 5 - 2, extra, (k * 13) % 200, nxt))
            k += 1
        out.append('  </stage>')
    for c in range(3):
        out.append('  <competitor id="c%d" name="Competitor %d">' % (c, c))
        for t in range(0, n, 7):
            out.append('    <rating touchpoint="t%d" score="%d"/>' % (t, 1 + (t + c) % 5))
        for t in range(max(1, n // 20)):
            out.append('    <touchpoint id="c%dx%d" stage="s%d" name="Their %d" channel="web"'
                       ' initiator="company" day="3"/>' % (c, t, t % stages, t))
        out.append('  </competitor>')
    out.append('</journey>')
    return "\n".join(out) + "\n"


def best(cmd, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("exe", nargs="?", default=os.path.join(here, "..", "..", "build", "journeymap"))
    ap.add_argument("--start", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    xmllint = shutil.which("xmllint")
    print("%10s %10s %12s %8s %12s %8s %10s" % ("touchpts", "bytes", "check s", "ratio",
                                                 "xmllint s", "ratio", "check/ref"))
    prev = prev_ref = None
    with tempfile.TemporaryDirectory() as tmp:
        n = args.start
        for _ in range(args.steps):
            path = os.path.join(tmp, "bench-%d.xml" % n)
            with open(path, "w") as f:
                f.write(journey(n))
            t = best([args.exe, "check", "--today", "2026-11-01", path], args.runs)
            ref = best([xmllint, "--noout", path], args.runs) if xmllint else float("nan")
            print("%10d %10d %12.3f %8s %12.3f %8s %10.1f" % (
                n, os.path.getsize(path), t, "%.2f" % (t / prev) if prev else "-", ref,
                "%.2f" % (ref / prev_ref) if prev_ref else "-", t / ref))
            prev, prev_ref = t, ref
            n *= 2


if __name__ == "__main__":
    main()
