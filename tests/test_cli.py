#!/usr/bin/env python3
"""The command line's contract (cli.md): exit statuses, help, version,
where output goes, and the JSON shape. Usage: test_cli.py JOURNEYMAP SRCDIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import harness
from harness import expect  # noqa: E402

EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
FIX = os.path.join(SRC, "tests", "fixtures")


def run(*args, env_extra=None, cwd=None):
    p = harness.run([EXE] + list(args), cwd=cwd, env_extra=env_extra)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")




def status(what, want, *args, **kw):
    rc, out, err = run(*args, **kw)
    expect(what, rc == want, "exit %d, expected %d\nstdout: %s\nstderr: %s" % (rc, want, out, err))
    return rc, out, err


T = ["--today", "2026-11-01"]
bad = os.path.join(FIX, "errors", "schema-channel.xml")
good = os.path.join(FIX, "rules", "clean-baseline.xml")  # no finding at all
example = os.path.join(FIX, "valid", "spec-example.xml")  # warnings and notes

# --version and --help, for the program and for the subcommand.
rc, out, _ = status("--version", 0, "--version")
expect("--version prints the version", out.startswith("journeymap ") and out.strip() != "journeymap")
rc, out, _ = status("--help", 0, "--help")
expect("--help names check", "check" in out)
rc, out, _ = status("check --help", 0, "check", "--help")
expect("check --help documents --format", "--format" in out and "--fail-on" in out)

# Usage errors: 2, with a message on stderr and nothing on stdout.
for what, args in [
    ("no command", []),
    ("unknown command", ["frobnicate"]),
    ("unknown top-level option", ["--frobnicate"]),
    ("unknown option", ["check", "--frobnicate", good]),
    ("no files", ["check"] + T),
    ("missing option value", ["check", good, "--format"]),
    ("bad --format", ["check", "--format", "xml", good]),
    ("bad --fail-on", ["check", "--fail-on", "fatal", good]),
    ("--fail-on off", ["check", "--fail-on", "off", good]),
    ("bad --today", ["check", "--today", "2026-02-30", good]),
]:
    rc, out, err = status(what, 2, *args)
    expect(what + ": message on stderr", err.startswith("journeymap"), err)
    expect(what + ": nothing on stdout", out == "", out)

rc, out, err = status("bad SOURCE_DATE_EPOCH", 2, "check", good,
                      env_extra={"SOURCE_DATE_EPOCH": "soon"})
rc, out, err = status("--today wins over a bad SOURCE_DATE_EPOCH", 0, "check", *T, good,
                      env_extra={"SOURCE_DATE_EPOCH": "soon"})

# Files that cannot be read: 2, named on stderr; the others are still checked.
rc, out, err = status("missing file", 2, "check", *T, "no-such-journey.xml")
expect("missing file is named", "no-such-journey.xml" in err, err)
rc, out, err = status("missing file beside a broken one", 2, "check", *T, "no-such.xml", bad)
expect("the broken file is still checked", "[schema]" in out, out)
with tempfile.TemporaryDirectory() as tmp:
    rc, out, err = status("empty folder", 2, "check", *T, tmp)
    expect("empty folder is explained", "no *.xml" in err or "no journey" in err, err)
    # A folder means its *.xml files in name order; other files are ignored.
    shutil.copy(bad, os.path.join(tmp, "b.xml"))
    shutil.copy(os.path.join(FIX, "errors", "schema-phase.xml"), os.path.join(tmp, "a.xml"))
    with open(os.path.join(tmp, "notes.txt"), "w") as f:
        f.write("<not a journey>")
    os.mkdir(os.path.join(tmp, "sub.xml"))  # a folder named like a journey is not one
    rc, out, err = status("folder", 1, "check", *T, tmp)
    names = [l.split(":")[0] for l in out.splitlines()]
    expect("folder in name order", [os.path.basename(n) for n in names] == ["a.xml", "b.xml"], out)
    expect("summary on stderr", "2 files checked: 2 errors" in err, err)

# Findings: 1 at the failing level, 0 below it.
status("broken file", 1, "check", *T, bad)
status("models/ are clean", 0, "check", *T, os.path.join(SRC, "models"))
status("valid fixtures have no error", 0, "check", *T, os.path.join(FIX, "valid"))
status("--fail-on note passes a clean file", 0, "check", "--fail-on", "note", *T, good)
status("--fail-on=warning syntax", 1, "check", "--fail-on=warning", *T, bad)
# The example has warnings and notes but no error.
status("warnings pass by default", 0, "check", *T, example)
status("--fail-on warning fails on warnings", 1, "check", "--fail-on", "warning", *T, example)
status("--fail-on note fails on notes", 1, "check", "--fail-on", "note", *T, example)
notes_only = os.path.join(FIX, "rules", "unscored-fires.xml")
status("--fail-on warning passes notes", 0, "check", "--fail-on", "warning", *T, notes_only)
status("--fail-on note fails on a note", 1, "check", "--fail-on", "note", *T, notes_only)
# stale-review depends on the day: --today, else SOURCE_DATE_EPOCH.
stale = os.path.join(FIX, "rules", "stale-review-threshold.xml")  # reviewed 2026-05-05
rc, out, _ = status("--today before the limit", 0, "check", "--today", "2026-11-01", stale)
expect("no stale-review on the limit day", "[stale-review]" not in out, out)
rc, out, _ = status("--today after the limit", 0, "check", "--today", "2026-11-02", stale)
expect("stale-review a day later", "[stale-review]" in out, out)
rc, out, _ = status("SOURCE_DATE_EPOCH", 0, "check", stale,
                    env_extra={"SOURCE_DATE_EPOCH": "1793577600"})  # 2026-11-02
expect("SOURCE_DATE_EPOCH sets today", "[stale-review]" in out, out)

# JSON: one array, exactly the keys of cli.md, line a number; [] when clean.
rc, out, err = status("json", 1, "check", "--format", "json", *T, bad, good)
try:
    data = json.loads(out)
    expect("json is an array", isinstance(data, list) and len(data) == 1, out)
    for o in data:
        expect("json keys", list(o) == ["file", "line", "severity", "rule", "subject", "message"],
               str(list(o)))
        expect("json line is a number", type(o["line"]) is int)
        expect("json values", o["rule"] == "schema" and o["severity"] == "error"
               and o["subject"] == "help" and o["line"] == 5, str(o))
except ValueError as e:
    expect("json parses", False, "%s\n%s" % (e, out))
rc, out, err = status("json clean", 0, "check", "--format", "json", *T, good)
expect("json clean is []", out.strip() == "[]" and err == "", repr(out) + repr(err))

# stdout that cannot be written is a failure to write (2), not success.
if os.path.exists("/dev/full"):
    with open("/dev/full", "w") as full:
        p = harness.run([EXE, "check", *T, bad], stdout=full)
    expect("write error gives 2", p.returncode == 2, "exit %d" % p.returncode)

# A file that cannot be read is not counted as checked.
rc, out, err = status("check of a missing file", 2, "check", *T, "nosuch.xml")
expect("no summary for nothing checked", "checked" not in err and "cannot read nosuch.xml" in err, err)
rc, out, err = status("check of one good and one missing file", 2, "check", *T,
                      os.path.join(SRC, "models", "smb-owners.xml"), "nosuch.xml")
expect("summary counts the file read", "1 file checked:" in err and "1 could not be read" in err, err)

# new: a starter that passes check; never overwrites.
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "fresh.xml")
    rc, out, err = status("new -o", 0, "new", "--today", "2026-11-01", "-o", path, "fresh-segment")
    rc, out, err = status("new passes check", 0, "check", *T, "--format", "json", path)
    expect("new has no errors", '"error"' not in out, out)
    expect("new names the segment", 'id="fresh-segment"' in open(path).read())
    starter = json.loads(out)
    expect("new is honest: never reviewed", [f["rule"] for f in starter if f["rule"] == "no-review"]
           == ["no-review"] and "<review" not in open(path).read().split("-->")[-1], out)
    before = open(path, "rb").read()
    rc, out, err = status("new on an existing file", 2, "new", "-o", path, "other")
    expect("existing file unchanged", open(path, "rb").read() == before)
    expect("existing file explained", "already exists" in err, err)
    expect("no temporary file left", os.listdir(tmp) == ["fresh.xml"], str(os.listdir(tmp)))
    rc, out, err = status("new to stdout", 0, "new", "--today", "2026-11-01", "seg")
    expect("new to stdout is the starter", out.startswith("<?xml") and 'id="seg"' in out)
    status("new with a bad id", 2, "new", "two words")
    status("new without an id", 2, "new")
    status("new into a missing folder", 2, "new", "-o", os.path.join(tmp, "no", "x.xml"), "x")

# The man page keeps up with --help: every subcommand and every long option
# a subcommand's help lists appears there.
import re  # noqa: E402
man = open(os.path.join(SRC, "docs", "journeymap.1"), encoding="utf-8").read().replace("\\-", "-")
for cmd in ("build", "check", "diagram", "checklist", "agenda", "compare", "new", "export", "import"):
    rc, out, _ = run(cmd, "--help")
    expect("man page has " + cmd, re.search(r"^\.B journeymap %s\b" % cmd, man, re.M), cmd)
    for opt in sorted(set(re.findall(r"^  (?:-\w, )?(--[a-z][a-z-]*)", out, re.M)) - {"--help"}):
        expect("man page names %s of %s" % (opt, cmd), opt in man, opt)

harness.finish("ok")
