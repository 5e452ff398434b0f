#!/usr/bin/env python3
"""One golden fixture. Usage: run_fixture.py JOURNEYMAP FIXTURES_DIR GROUP/NAME [--update]

`check --today 2026-11-01 NAME` runs inside the fixture's folder with the
bare name, so expected lines read like what a user sees.

- errors/, workspaces/: NAME.expected is the exact human output. The JSON
  run must say the same (file, line, severity, rule, message), with
  exactly the keys of cli.md.
- rules/: NAME.expected is the JSON of the findings of the rule the
  fixture is named after (its name starts with the rule id; all findings
  for a name that starts with no rule id), so each finding's rule,
  subject, line and severity are asserted; an empty list is a near miss
  that must stay silent. The human output of that rule must agree. Any
  error finding fails the fixture unless NAME.expected lists it: a
  fixture that no longer loads (an unknown attribute, a typo) proves
  nothing about its rule.

The exit status must be 1 when an error is among the findings, else 0.
--update rewrites NAME.expected from the current output (review the diff).
"""
import json
import os
import re
import sys

import harness

TODAY = "2026-11-01"
# libxml2's own wording, which no message of ours may show (the loader
# describes broken XML in its own words).
LIBXML2_WORDS = ["xmlParse", "parser error", "construct error", "Opening and ending tag",
                 "StartTag", "EndTag", "Premature end", "Couldn't find", "AttValue",
                 "Specification mandates", "String not closed", "Entity '", "Extra content",
                 "Double hyphen", "Comment not terminated", "Unescaped '<'", "CharRef",
                 "PCDATA", "Input is not proper", "Document is empty", "redefined",
                 "error parsing", "Start tag expected", "expected '>'", "not well-formed"]
KEYS = ["file", "line", "severity", "rule", "subject", "message"]
LINE = re.compile(r"^(.*):(\d+): (error|warning|note): (.*) \[([a-z-]+)\]$")


def main():
    exe, root, target = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    update = "--update" in sys.argv[4:]
    group, name = target.split("/", 1)
    cwd = os.path.join(root, group)
    stem = name[:-4] if name.endswith(".xml") else name
    expected_path = os.path.join(cwd, stem + ".expected")
    rule = harness.rule_of(stem)
    failures = []

    human = harness.run([exe, "check", "--today", TODAY, name], cwd=cwd)
    js = harness.run([exe, "check", "--format", "json", "--today", TODAY, name], cwd=cwd)
    out = human.stdout.decode("utf-8")
    try:
        findings = json.loads(js.stdout.decode("utf-8"))
    except ValueError as e:
        print("--format json does not parse: %s" % e)
        return 1

    # Both formats agree, finding for finding, and have the documented shape.
    lines = [LINE.match(l) for l in out.splitlines()]
    if None in lines:
        failures.append("a line is not FILE:LINE: SEVERITY: MESSAGE [RULE]:\n" + out)
        lines = [m for m in lines if m]
    if len(findings) != len(lines):
        failures.append("--format json has %d findings, human output %d"
                        % (len(findings), len(lines)))
    for obj, m in zip(findings, lines):
        if list(obj.keys()) != KEYS:
            failures.append("JSON keys %s, expected %s" % (list(obj.keys()), KEYS))
            continue
        if type(obj["line"]) is not int:
            failures.append("JSON line is not a number: %r" % obj["line"])
        got = (obj["file"], str(obj["line"]), obj["severity"], obj["message"], obj["rule"])
        if got != m.groups():
            failures.append("JSON %r does not match human line %r" % (got, m.group(0)))
    want_rc = 1 if any(f["severity"] == "error" for f in findings) else 0
    for what, p in (("human", human), ("json", js)):
        if p.returncode != want_rc:
            failures.append("%s: exit status %d, expected %d; stderr: %s" % (
                what, p.returncode, want_rc, p.stderr.decode(errors="replace")))

    if group == "rules":
        mine = [f for f in findings if rule is None or f["rule"] == rule]
        got_text = json.dumps(mine, indent=2, ensure_ascii=False) + "\n"
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(got_text)
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        if mine != expected:
            failures.append("findings of %s differ from %s\n--- expected\n%s--- got\n%s" % (
                rule or "any rule", expected_path,
                json.dumps(expected, indent=2, ensure_ascii=False) + "\n", got_text))
        errors = [f for f in findings if f["severity"] == "error" and f not in expected]
        if errors:
            failures.append("the fixture has errors that %s does not list, so its rule was "
                            "never run on it:\n%s" % (expected_path, "\n".join(
                                "  %s:%d: %s [%s]" % (f["file"], f["line"], f["message"], f["rule"])
                                for f in errors)))
        count = len(mine)
    else:
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(out)
        with open(expected_path, encoding="utf-8") as f:
            expected = f.read()
        if out != expected:
            failures.append("output differs from %s\n--- expected\n%s--- got\n%s"
                            % (expected_path, expected, out))
        if group == "errors" and rule not in {f["rule"] for f in findings}:
            failures.append("no finding of the rule the fixture is named after (%s)" % rule)
        for f in findings:
            words = [w for w in LIBXML2_WORDS if w in f["message"]]
            if words:
                failures.append("line %d speaks libxml2's words (%s): %s"
                                % (f["line"], ", ".join(words), f["message"]))
        count = len(findings)

    if failures:
        print("\n".join(failures))
        return 1
    print("ok: %s (%d findings%s)" % (target, count, " of " + rule if rule else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
