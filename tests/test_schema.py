#!/usr/bin/env python3
"""The shipped RELAX NG schema accepts exactly the files the loader accepts
structurally (no xml-syntax or schema finding), over every fixture and
model. Validators: xmllint --relaxng, and jing when installed.
Usage: test_schema.py JOURNEYMAP SRCDIR   (exit 77 when xmllint is absent)"""
import glob
import json
import os
import shutil
import subprocess
import sys

import harness

EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
RNG = os.path.join(SRC, "schema", "journey.rng")
STRUCTURAL = {"xml-syntax", "schema"}

xmllint = shutil.which("xmllint")
jing = shutil.which("jing")
if not xmllint:
    print("skip: xmllint is not installed")
    sys.exit(77)

files = sorted(glob.glob(os.path.join(SRC, "tests", "fixtures", "**", "*.xml"), recursive=True))
files += sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))


def loader_accepts(path):
    p = harness.run([EXE, "check", "--format", "json", "--today", "2026-11-01", path])
    findings = json.loads(p.stdout)
    rules = sorted({f["rule"] for f in findings} & STRUCTURAL)
    return not rules, rules


def xmllint_verdicts(paths):
    # --nonet and no entity expansion: xmllint must not read anything else either.
    p = subprocess.run([xmllint, "--noout", "--nonet", "--relaxng", RNG] + paths,
                       capture_output=True, timeout=300)
    err = p.stderr.decode("utf-8", "replace")
    verdicts = {}
    for path in paths:
        if (path + " validates") in err.splitlines():
            verdicts[path] = (True, "")
        else:
            why = [l for l in err.splitlines() if l.startswith(path + ":")]
            verdicts[path] = (False, "\n".join(why))
    return verdicts


def jing_verdicts(paths):
    # One JVM for every file: jing names the file on each error line.
    p = subprocess.run([jing, RNG] + paths, capture_output=True, timeout=300)
    out = p.stdout.decode("utf-8", "replace").splitlines()
    return {path: (not any(l.startswith(path + ":") for l in out),
                   "\n".join(l for l in out if l.startswith(path + ":"))) for path in paths}


loader = {path: loader_accepts(path) for path in files}
compared = [path for path in files if "xml-syntax" not in loader[path][1]]
tools = [("xmllint", xmllint_verdicts(compared))]
if jing:
    tools.append(("jing", jing_verdicts(compared)))

disagree = []
for path in compared:
    ok, rules = loader[path]
    for tool, verdicts in tools:
        valid, why = verdicts[path]
        if valid != ok:
            disagree.append("%s: loader %s (%s), %s %s\n%s" % (
                os.path.relpath(path, SRC), "accepts" if ok else "refuses",
                ", ".join(rules) or "no structural finding",
                tool, "accepts" if valid else "refuses", why.strip()))
checked = len(compared)
accepted = sum(1 for path in compared if loader[path][0])

print("%d files compared with xmllint%s (%d the loader accepts, %d it refuses)"
      % (checked, " and jing" if jing else "", accepted, checked - accepted))
# A comparison of nothing proves nothing: the fixtures must be found, and
# both verdicts must be exercised.
if checked == 0 or accepted == 0 or accepted == checked:
    print("nothing to compare: %d files found under %s" % (len(files), SRC))
    sys.exit(1)
if disagree:
    print("\n\n".join(disagree))
    sys.exit(1)
