#!/usr/bin/env python3
"""One golden fixture: `journeymap check` must print exactly NAME.expected.

Usage: run_fixture.py JOURNEYMAP FIXTURES_DIR GROUP/NAME [--update]

The check runs inside the fixture's folder with the bare name, so the
expected lines read like what a user sees (`schema-root.xml:2: error: …`).
Also checked, on the same run with --format json: the JSON parses, each
object has exactly the documented keys, and it says the same as the human
lines. The exit status must be 1 when an error is expected, else 0.
The fixture's name starts with the rule it is about; that rule must appear.
"""
import json
import os
import re
import sys

import harness

TODAY = "2026-11-01"
KEYS = ["file", "line", "severity", "rule", "subject", "message"]
LINE = re.compile(r"^(.*):(\d+): (error|warning|note): (.*) \[([a-z-]+)\]$")


def run(exe, cwd, args):
    return harness.run([exe] + args, cwd=cwd)


def main():
    exe, root, target = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    update = "--update" in sys.argv[4:]
    group, name = target.split("/", 1)
    cwd = os.path.join(root, group)
    stem = name[:-4] if name.endswith(".xml") else name
    expected_path = os.path.join(cwd, stem + ".expected")

    human = run(exe, cwd, ["check", "--today", TODAY, name])
    out = human.stdout.decode("utf-8")
    if update:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(out)
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()

    failures = []
    if out != expected:
        failures.append("output differs from %s\n--- expected\n%s--- got\n%s"
                        % (expected_path, expected, out))
    lines = [LINE.match(l) for l in expected.splitlines()]
    if None in lines:
        failures.append("a line of %s is not FILE:LINE: SEVERITY: MESSAGE [RULE]" % expected_path)
        lines = [m for m in lines if m]
    want_rc = 1 if any(m.group(3) == "error" for m in lines) else 0
    if human.returncode != want_rc:
        failures.append("exit status %d, expected %d; stderr: %s"
                        % (human.returncode, want_rc, human.stderr.decode(errors="replace")))
    rules = {m.group(5) for m in lines}
    named = [r for r in rules if stem == r or stem.startswith(r + "-")]
    if group == "errors" and not named:
        failures.append("no finding of the rule the fixture is named after (%s)" % stem)

    js = run(exe, cwd, ["check", "--format", "json", "--today", TODAY, name])
    try:
        findings = json.loads(js.stdout.decode("utf-8"))
    except ValueError as e:
        failures.append("--format json does not parse: %s" % e)
        findings = []
    if js.returncode != want_rc:
        failures.append("--format json: exit status %d, expected %d" % (js.returncode, want_rc))
    if len(findings) != len(lines):
        failures.append("--format json has %d findings, human output %d"
                        % (len(findings), len(lines)))
    for obj, m in zip(findings, lines):
        if list(obj.keys()) != KEYS:
            failures.append("JSON keys %s, expected %s" % (list(obj.keys()), KEYS))
            continue
        if not isinstance(obj["line"], int) or isinstance(obj["line"], bool):
            failures.append("JSON line is not a number: %r" % obj["line"])
        got = (obj["file"], str(obj["line"]), obj["severity"], obj["message"], obj["rule"])
        if got != m.groups():
            failures.append("JSON %r does not match human line %r" % (got, m.group(0)))

    if failures:
        print("\n".join(failures))
        return 1
    print("ok: %s (%d findings)" % (target, len(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
