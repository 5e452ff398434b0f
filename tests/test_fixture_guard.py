#!/usr/bin/env python3
"""The rule fixtures cannot pass by accident: a copy of a fixture whose XML
no longer loads (an unknown attribute added) must fail run_fixture.py,
for near misses that expect no finding (`-off`) as for fixtures that fire.
Usage: test_fixture_guard.py JOURNEYMAP SRCDIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import harness
from harness import expect

EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
RULES = os.path.join(SRC, "tests", "fixtures", "rules")
RUNNER = os.path.join(SRC, "tests", "run_fixture.py")


def run_fixture(root, name):
    return subprocess.run([sys.executable, RUNNER, EXE, root, "rules/" + name],
                          capture_output=True, text=True, timeout=120)


names = sorted(n for n in os.listdir(RULES) if n.endswith(".xml"))
picked = [n for n in names if n.endswith("-off.xml")][:3] + \
         [n for n in names if not n.endswith("-off.xml")][:3]
expect("fixtures found", len(picked) == 6, str(picked))
with tempfile.TemporaryDirectory() as tmp:
    os.mkdir(os.path.join(tmp, "rules"))
    for name in picked:
        stem = name[:-4]
        for ext in (".xml", ".expected"):
            shutil.copy(os.path.join(RULES, stem + ext), os.path.join(tmp, "rules", stem + ext))
        p = run_fixture(tmp, name)
        expect(name + ": passes as it is", p.returncode == 0, p.stdout + p.stderr)
        path = os.path.join(tmp, "rules", name)
        text = open(path, encoding="utf-8").read()
        broken = re.sub(r"<stage ", '<stage colour="red" ', text, count=1)
        expect(name + ": has a stage to break", broken != text)
        open(path, "w", encoding="utf-8").write(broken)
        p = run_fixture(tmp, name)
        expect(name + ": fails once it does not load", p.returncode == 1 and "unknown attribute"
               in p.stdout, p.stdout + p.stderr)
harness.finish("ok: %d fixtures guarded" % len(picked))
