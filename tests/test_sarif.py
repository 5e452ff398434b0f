#!/usr/bin/env python3
"""`check --format sarif` gives the SARIF 2.1.0 structure code-scanning
tools require, agrees with --format json, and lists every rule with its
metadata. Usage: test_sarif.py JOURNEYMAP SRCDIR"""
import json
import os
import shutil
import sys
import tempfile
import urllib.parse

import harness
from harness import expect  # noqa: E402

EXE = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
FIX = os.path.join(SRC, "tests", "fixtures")
T = ["--today", "2026-11-01"]
LEVELS = {"error", "warning", "note"}




def check(files, cwd):
    s = harness.run([EXE, "check", "--format", "sarif", *T, *files], cwd=cwd)
    j = harness.run([EXE, "check", "--format", "json", *T, *files], cwd=cwd)
    expect("same exit status as json", s.returncode == j.returncode,
           "%d/%d" % (s.returncode, j.returncode))
    doc = json.loads(s.stdout)
    findings = json.loads(j.stdout)

    expect("version", doc.get("version") == "2.1.0")
    expect("$schema", "sarif" in doc.get("$schema", ""))
    runs = doc.get("runs")
    expect("one run", isinstance(runs, list) and len(runs) == 1)
    run = runs[0]
    driver = run["tool"]["driver"]
    expect("driver name", driver.get("name") == "journeymap")
    rules = driver.get("rules", [])
    ids = [r.get("id") for r in rules]
    expect("every rule listed once", sorted(ids) == sorted(harness.ALL_RULES), str(ids))
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            expect("rule %s has %s.text" % (r.get("id"), key),
                   isinstance(r.get(key, {}).get("text"), str) and r[key]["text"])
        expect("rule %s default level" % r.get("id"),
               r.get("defaultConfiguration", {}).get("level") in LEVELS)
        md = r.get("help", {}).get("markdown", "")
        outside_code = md.split("`")[0::2]
        expect("rule %s help markdown has no raw tag or entity" % r.get("id"),
               md and not any("<" in part or "&amp;" in part for part in outside_code), md)
    results = run.get("results")
    expect("results is a list", isinstance(results, list))
    expect("one result per finding", len(results) == len(findings),
           "%d vs %d" % (len(results), len(findings)))
    for res, f in zip(results, findings):
        expect("ruleId", res.get("ruleId") == f["rule"], str(res))
        idx = res.get("ruleIndex")
        expect("ruleIndex points at its rule", isinstance(idx, int) and rules[idx]["id"] == f["rule"])
        expect("level", res.get("level") == f["severity"] and res["level"] in LEVELS)
        expect("message", res.get("message", {}).get("text") == f["message"])
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        expect("uri decodes to the file", urllib.parse.unquote(uri) == f["file"], uri)
        expect("uri has no raw space", " " not in uri, uri)
        line = loc.get("region", {}).get("startLine")
        expect("startLine", type(line) is int and line == f["line"] and line >= 1, str(loc))
        fps = res.get("partialFingerprints", {})
        expect("fingerprint", isinstance(fps, dict) and fps and all(isinstance(v, str) for v in fps.values()))
    return results


check(["valid/spec-example.xml", "errors/schema-several.xml", "rules/contact-gap-tie.xml"], FIX)
empty = check(["rules/clean-baseline.xml"], FIX)
expect("a clean file has no results", empty == [])

# Paths that need encoding in a URI reference.
with tempfile.TemporaryDirectory() as tmp:
    name = "ünïcode journey #1.xml"
    shutil.copy(os.path.join(FIX, "valid", "spec-example.xml"), os.path.join(tmp, name))
    results = check([name], tmp)
    expect("encoded uri", results and results[0]["locations"][0]["physicalLocation"]
           ["artifactLocation"]["uri"].startswith("%C3%BCn%C3%AFcode%20journey%20%231.xml"))

# The fingerprint does not change when lines move.
with tempfile.TemporaryDirectory() as tmp:
    src = open(os.path.join(FIX, "valid", "spec-example.xml"), encoding="utf-8").read()
    with open(os.path.join(tmp, "a.xml"), "w", encoding="utf-8") as f:
        f.write(src)
    a = check(["a.xml"], tmp)
    with open(os.path.join(tmp, "a.xml"), "w", encoding="utf-8") as f:
        f.write(src.replace("<owners>", "\n\n<!-- moved -->\n<owners>"))
    b = check(["a.xml"], tmp)
    expect("fingerprints survive moved lines",
           [r["partialFingerprints"] for r in a] == [r["partialFingerprints"] for r in b])
    expect("lines moved", [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in a]
           != [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in b])

harness.finish("ok")
