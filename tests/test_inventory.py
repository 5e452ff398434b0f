#!/usr/bin/env python3
"""The touchpoint inventory (docs/inventory.md): CSV written like real
spreadsheet exports imports to the golden journey files with the golden
warnings; every error has its exact FILE:LINE:COLUMN line and writes
nothing; nothing is replaced without --force; export -> import -> export
is identical for every model and fixture journey, and the export parses
with Python's csv module with the exact header; hostile CSV ends with a
clear message within bounded time and memory; coverage counts, marks and
the heat map read back with cgraph.
Usage: test_inventory.py JOURNEYMAP SRCDIR DOT_INSPECT"""
import csv
import glob
import io
import json
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect

EXE, SRC, INSPECT = (os.path.abspath(a) for a in sys.argv[1:4])
FIX = os.path.join(SRC, "tests", "fixtures", "inventory")
T = ["--today", "2026-12-01"]
run = harness.runner(EXE)

HEADER = ["journey", "stage", "stage_name", "phase", "stage_days", "touchpoint", "name",
          "competitor", "channel", "initiator", "owner", "mode", "purpose", "day", "every",
          "score", "emotion", "about", "owner_name", "owner_trained", "metrics", "pluses",
          "minuses", "plan", "plan_owner", "plan_due", "note", "change_name", "change_date",
          "findings"]


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def rows_of(data):
    """The exported CSV (bytes) as rows, checked to be RFC 4180 as we write it."""
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def without_findings(rows):
    return [r[:-1] for r in rows]


def loads_clean(path):
    p = run("check", "--format", "json", *T, path)
    findings = json.loads(p.stdout or b"[]")
    return [f for f in findings if f["severity"] == "error"]


def touchpoints(xml_path):
    root = ET.parse(xml_path).getroot()
    return {t.get("id"): t for t in root.iter("touchpoint")}


# --- imports like real exports: golden journeys and warnings ---------------

def check_golden_imports(tmp):
    sources = sorted(glob.glob(os.path.join(FIX, "import", "*.csv")) +
                     glob.glob(os.path.join(FIX, "import", "*.tsv")))
    expect("import fixtures found", len(sources) >= 9, str(sources))
    for src in sources:
        stem = os.path.splitext(os.path.basename(src))[0]
        rel = os.path.join("import", os.path.basename(src))
        golden_dir = os.path.join(FIX, "import", stem + ".d")
        if os.path.isdir(golden_dir):
            out = os.path.join(tmp, stem + ".d")
            os.mkdir(out)
            p = run("import", rel, "-o", out + "/", cwd=FIX)
            stderr = p.stderr.decode().replace(out + "/", "import/%s.d/" % stem)
            written = sorted(os.listdir(out))
            expect(stem + ": one file per journey", written == sorted(os.listdir(golden_dir)),
                   str(written))
            for name in written:
                expect("%s/%s as golden" % (stem, name),
                       read(os.path.join(out, name)) == read(os.path.join(golden_dir, name)))
                expect("%s/%s checks clean" % (stem, name), loads_clean(os.path.join(out, name)) == [])
        else:
            out = os.path.join(tmp, stem + ".xml")
            p = run("import", rel, "-o", out, cwd=FIX)
            stderr = p.stderr.decode()
            golden = os.path.join(FIX, "import", stem + ".xml")
            expect(stem + ": imported as golden", os.path.exists(out) and read(out) == read(golden),
                   read(out) if os.path.exists(out) else "(nothing written)")
            expect(stem + ": checks without errors", loads_clean(out) == [])
        expect(stem + ": exit 0", p.returncode == 0, stderr)
        expect(stem + ": warnings as golden",
               stderr == read(os.path.join(FIX, "import", stem + ".stderr")), stderr)


def check_key_fields(tmp):
    """What each export style must give, independently of the goldens."""
    def imported(name):
        out = os.path.join(tmp, "k-" + name + ".xml")
        p = run("import", os.path.join(FIX, "import", name), "-o", out)
        expect(name + " imports", p.returncode == 0, p.stderr.decode())
        return out
    x = imported("excel-utf8.csv")  # BOM before "Journey", CRLF
    root = ET.parse(x).getroot()
    expect("BOM: the journey column is read", root.get("id") == "clinic", root.get("id"))
    tps = touchpoints(x)
    expect("excel: four touchpoints", len(tps) == 4, str(list(tps)))
    expect("excel: doubled quotes undone",
           tps["follow-up-call"].findtext("note") == 'Asked: "How are you feeling today?"')
    expect("excel: metrics split", [m.get("name") for m in tps["online-booking"].iter("metric")]
           == ["csat", "wait-seconds"])
    expect("excel: Yes/No are trained yes/no",
           [o.get("trained") for o in root.iter("owner")] == ["yes", "no"])
    tps = touchpoints(imported("excel-semicolon.csv"))
    expect("semicolon: a comma inside a cell is text",
           [m.text for m in tps["telefon-termin"].iter("minus")] == ["Warteschleife, oft 5 Minuten"])
    expect("semicolon: umlauts kept", tps["bestaetigung"].get("name") == "Bestätigung per E-Mail")
    tps = touchpoints(imported("google-sheets.csv"))
    kick = [t for t in tps.values() if t.get("name") == "Kick-off video call"][0]
    expect("sheets: a multi-line cell is one plus per line",
           [p.text for p in kick.iter("plus")] == ["Clear agenda", "Recorded for later"])
    tps = touchpoints(imported("pasted.tsv"))
    expect("tsv: three touchpoints, an empty score is none",
           len(tps) == 3 and tps["fitting-room"].get("score") is None, str(list(tps)))
    tps = touchpoints(imported("sep-line.csv"))
    expect("sep= line: a decimal comma in text stays text",
           tps["hotline"].findtext("note") == "Costs 0,14 EUR a minute")
    x = imported("non-latin.csv")
    names = [t.get("name") for t in touchpoints(x).values()]
    expect("non-Latin names kept", names == ["Звонок менеджера", "Письмо с предложением",
                                             "確認メール"], str(names))
    expect("trailing separators and empty lines add nothing", len(names) == 3)


# --- errors: exact lines, nothing written ---------------------------------

def check_errors(tmp):
    sources = sorted(glob.glob(os.path.join(FIX, "errors", "*.csv")))
    names = {os.path.basename(s) for s in sources}
    for need in ["score-out-of-range.csv", "unknown-channel.csv", "impossible-date.csv",
                 "duplicate-id.csv", "latin-1.csv", "missing-column.csv",
                 "unterminated-quote.csv"]:
        expect("error fixture " + need, need in names)
    for src in sources:
        stem = os.path.splitext(os.path.basename(src))[0]
        out = os.path.join(tmp, "err-" + stem + ".xml")
        p = run("import", os.path.join("errors", stem + ".csv"), "-o", out, cwd=FIX)
        expect(stem + ": exit 1", p.returncode == 1, p.stderr.decode())
        expect(stem + ": the exact lines", p.stderr.decode() == read(
            os.path.join(FIX, "errors", stem + ".stderr")), p.stderr.decode())
        expect(stem + ": nothing written", not os.path.exists(out))
        lines = [ln for ln in p.stderr.decode().splitlines() if ": error: " in ln]
        expect(stem + ": every error is FILE:LINE:COLUMN",
               lines and all(ln.split(":")[1].isdigit() and ln.split(":")[2].isdigit()
                             for ln in lines), str(lines))
    # a folder: nothing when any file is bad
    out = os.path.join(tmp, "err-dir")
    os.mkdir(out)
    p = run("import", os.path.join(FIX, "errors", "many-errors.csv"), "-o", out + "/")
    expect("errors: nothing in the folder", p.returncode == 1 and os.listdir(out) == [])


def check_no_overwrite(tmp):
    good = os.path.join(FIX, "import", "libreoffice.csv")
    target = os.path.join(tmp, "keep.xml")
    with open(target, "w") as f:
        f.write("mine\n")
    p = run("import", good, "-o", target)
    expect("an existing file: exit 2", p.returncode == 2, p.stderr.decode())
    expect("an existing file: unchanged", read(target) == "mine\n")
    expect("an existing file: --force named", b"--force" in p.stderr, p.stderr.decode())
    p = run("import", good, "-o", target, "--force")
    expect("--force replaces it", p.returncode == 0 and read(target).startswith("<?xml"))
    # a folder of journeys: none written when one exists
    two = os.path.join(FIX, "import", "two-journeys.csv")
    d = os.path.join(tmp, "two")
    os.mkdir(d)
    with open(os.path.join(d, "smb.xml"), "w") as f:
        f.write("mine\n")
    p = run("import", two, "-o", d + "/")
    expect("folder: exit 2 when a journey's file exists", p.returncode == 2, p.stderr.decode())
    expect("folder: the existing file is named", b"smb.xml already exists" in p.stderr)
    expect("folder: nothing written", sorted(os.listdir(d)) == ["smb.xml"] and
           read(os.path.join(d, "smb.xml")) == "mine\n")
    p = run("import", two, "-o", d + "/", "--force")
    expect("folder: --force writes both", p.returncode == 0 and
           sorted(os.listdir(d)) == ["enterprise.xml", "smb.xml"], p.stderr.decode())
    p = run("import", two, "-o", os.path.join(tmp, "one.xml"))
    expect("several journeys into one file: exit 2, a folder asked for",
           p.returncode == 2 and b"-o DIR/" in p.stderr, p.stderr.decode())
    p = run("import", two, "-o", os.path.join(tmp, "missing") + "/")
    expect("a folder that does not exist: exit 2", p.returncode == 2, p.stderr.decode())


# --- round trips --------------------------------------------------------------

def round_trip(path, tmp, label):
    """export -> import -> export of one journey file (or folder)."""
    p1 = run("export", "--to", "csv", *T, path)
    if p1.returncode != 0:
        return False
    first = rows_of(p1.stdout)
    expect(label + ": the exact header", first[0] == HEADER, str(first[0]))
    expect(label + ": every row as wide as the header",
           all(len(r) == len(HEADER) for r in first), label)
    expect(label + ": records end with CRLF", p1.stdout.endswith(b"\r\n") and
           p1.stdout.count(b"\r\n") >= len(first))
    csv_path = os.path.join(tmp, "rt.csv")
    with open(csv_path, "wb") as f:
        f.write(p1.stdout)
    out = os.path.join(tmp, "rt")
    shutil.rmtree(out, ignore_errors=True)
    os.mkdir(out)
    p2 = run("import", csv_path, "-o", out + "/")
    expect(label + ": the export imports", p2.returncode == 0, p2.stderr.decode())
    p3 = run("export", "--to", "csv", *T, out)
    expect(label + ": the import exports", p3.returncode == 0, p3.stderr.decode())
    second = rows_of(p3.stdout)
    expect(label + ": export -> import -> export identical",
           without_findings(first) == without_findings(second),
           "\n".join(str(a) + "\n" + str(b) for a, b in zip(first, second) if a[:-1] != b[:-1])[:2000])
    for f in os.listdir(out):
        expect(label + ": imported " + f + " checks clean", loads_clean(os.path.join(out, f)) == [])
    return True


def check_round_trips(tmp):
    models = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")))
    for m in models:
        expect("model exports", round_trip(m, tmp, os.path.basename(m)))
    round_trip(os.path.join(SRC, "models"), tmp, "models/ together")
    done = 0
    for path in sorted(glob.glob(os.path.join(SRC, "tests", "fixtures", "**", "*.xml"),
                                 recursive=True)):
        if "/inventory/import/" in path or loads_clean(path):
            continue
        done += round_trip(path, tmp, os.path.relpath(path, SRC))
    expect("fixture journeys round-tripped", done >= 50, str(done))


def check_sample(tmp):
    """docs/sample-inventory.csv, the page's example, does what the page says."""
    sample = os.path.join(SRC, "docs", "sample-inventory.csv")
    out = os.path.join(tmp, "commuters.xml")
    p = run("import", sample, "-o", out)
    expect("the sample imports", p.returncode == 0, p.stderr.decode())
    expect("the sample: one warning, the owners' names",
           p.stderr.decode().count("warning:") == 1 and b"shop-manager" in p.stderr,
           p.stderr.decode())
    expect("the sample checks without errors", loads_clean(out) == [])
    p = run("check", *T, out)
    expect("the sample: the 47 days of silence after the sale",
           b"47 days without any contact" in p.stdout and b"[no-feedback]" in p.stdout,
           p.stdout.decode())
    expect("the sample round-trips", round_trip(out, tmp, "sample"))


def check_export(tmp):
    """The findings column, --bom, hostile text as values, refusal on errors."""
    p = run("export", "--to", "csv", *T, os.path.join(SRC, "models", "smb-owners.xml"))
    rows = rows_of(p.stdout)
    js = json.loads(run("check", "--format", "json", *T,
                        os.path.join(SRC, "models", "smb-owners.xml")).stdout)
    for r in rows[1:]:
        want = sorted(f["rule"] for f in js if f["subject"] == r[5])
        expect("findings of " + r[5], r[-1] == " ".join(want), "%s != %s" % (r[-1], want))
    p = run("export", "--to", "csv", "--bom", *T, os.path.join(SRC, "models", "smb-owners.xml"))
    expect("--bom starts with a byte-order mark", p.stdout.startswith(b"\xef\xbb\xbfjourney,"))
    hostile = os.path.join(SRC, "tests", "fixtures", "diagram", "hostile.xml")
    p = run("export", "--to", "csv", *T, hostile)
    rows = rows_of(p.stdout)
    names = {t.get("id"): (t.get("name") or "").strip() for t in ET.parse(hostile).getroot().iter("touchpoint")}
    for r in rows[1:]:
        expect("hostile name %r is one cell" % r[5], r[6] == names.get(r[5]), "%r" % r[6])
    bad = os.path.join(SRC, "tests", "fixtures", "errors", "schema-channel.xml")
    out = os.path.join(tmp, "bad.csv")
    p = run("export", "--to", "csv", *T, bad, "-o", out)
    expect("a model with errors: exit 1, nothing written",
           p.returncode == 1 and not os.path.exists(out), p.stderr.decode())


# --- hostile CSV ----------------------------------------------------------------

def check_hostile(tmp):
    sanitized = os.environ.get("JOURNEYMAP_SANITIZED") == "1"
    head = b"stage,name,channel,initiator,score\n"
    cases = []
    p = os.path.join(tmp, "big-field.csv")  # 200 MB in one field
    with open(p, "wb") as f:
        f.write(head + b'buy,"')
        chunk = b"x" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
        f.write(b'",web,customer,3\n')
    cases.append(("a 200 MB field", p, 2, "larger than 64 MiB"))
    p = os.path.join(tmp, "long-cell.csv")  # under the file limit, over the cell's
    with open(p, "wb") as f:
        f.write(head + b'buy,"' + b"y" * (2 << 20) + b'",web,customer,3\n')
    cases.append(("a 2 MiB cell", p, 1, "long-cell.csv:2:2: error: a cell longer than 1 MiB"))
    p = os.path.join(tmp, "empty-rows.csv")
    with open(p, "wb") as f:
        f.write(head + b",,,,\n" * 1000000)
    cases.append(("a million empty rows", p, 1, "no touchpoints"))
    p = os.path.join(tmp, "empty-then-bad.csv")
    with open(p, "wb") as f:
        f.write(head + b"\n" * 1000000 + b"buy,Call,phone,company,9\n")
    cases.append(("a bad score after a million blank lines", p, 1,
                  "empty-then-bad.csv:1000002:5: error: score \"9\""))
    p = os.path.join(tmp, "nul.csv")
    with open(p, "wb") as f:
        f.write(head + b"buy,Ca\x00ll,phone,company,3\n")
    cases.append(("NUL bytes", p, 1, "nul.csv:2:2: error: a NUL byte"))
    p = os.path.join(tmp, "open-quote.csv")
    with open(p, "wb") as f:
        f.write(head + b"buy,Call,phone,company,3\nbuy,\"Letter,mail,company,3\n")
    cases.append(("a quote left open at the end", p, 1,
                  "open-quote.csv:3:2: error: a quote opened here is never closed"))
    p = os.path.join(tmp, "utf16.csv")
    with open(p, "wb") as f:
        f.write("stage,name\nbuy,Call\n".encode("utf-16"))
    cases.append(("UTF-16", p, 1, "utf16.csv:1: error: the file is UTF-16 text"))
    for what, path, status, message in cases:
        code, _, err, seconds, rss = harness.measured_run([EXE, "import", path, "-o",
                                                           os.path.join(tmp, "never.xml")])
        expect(what + ": exit %d" % status, code == status, "%d: %s" % (code, err[:300]))
        expect(what + ": says " + message, message in err, err[:300])
        expect(what + ": within 30 s", seconds < 30, "%.1f s" % seconds)
        if not sanitized:
            expect(what + ": within 64 MiB of memory", rss < 64, "%.0f MiB" % rss)
        expect(what + ": nothing written", not os.path.exists(os.path.join(tmp, "never.xml")))
        os.unlink(path)


# --- coverage --------------------------------------------------------------------

def check_coverage(tmp):
    cov = os.path.join(FIX, "coverage")
    files = [os.path.join(cov, "retail.xml"), os.path.join(cov, "b2b.xml")]
    p = run("coverage", *T, *files)
    expect("coverage exits 0", p.returncode == 0, p.stderr.decode())
    md = p.stdout.decode()
    sections = md.split("\n## ")
    titles = [s.split("\n", 1)[0] for s in sections[1:]]
    expect("coverage: all segments, then each", titles == ["All segments", "Retail shoppers",
                                                          "Business buyers"], str(titles))

    def table(section):
        rows = {}
        lines = [ln for ln in section.splitlines() if ln.startswith("| ")]
        head = [c.strip() for c in lines[0].strip("|").split("|")]
        for ln in lines[1:]:
            cells = [c.strip() for c in ln.strip("|").split("|")]
            rows[cells[0]] = dict(zip(head, cells))
        return head, rows
    head, total = table(sections[1])
    expect("coverage: channels used, in the format's order",
           head == ["Phase", "Mark", "web", "phone", "social", "store", "mail", "Total"], str(head))
    expect("coverage: total awareness web 2 (1 / 1)", total["Awareness"]["web"] == "2 (1 / 1)")
    expect("coverage: total purchase 3 (1 / 2)", total["Purchase"]["Total"] == "3 (1 / 2)")
    expect("coverage: together purchase is not only reactive", total["Purchase"]["Mark"] == "")
    expect("coverage: together retention is reached", total["Retention"]["Mark"] == "")
    expect("coverage: no phase row", total["No phase"]["mail"] == "1 (1 / 0)")
    expect("coverage: competitors not counted", total["Retention"]["Total"] == "2 (1 / 1)")
    _, retail = table(sections[2])
    expect("coverage: retail purchase only reactive", retail["Purchase"]["Mark"] == "⚠ only reactive")
    expect("coverage: retail retention never reached", retail["Retention"]["Mark"] == "⚠ never reached")
    expect("coverage: a phase no stage has", retail["Advocacy"]["Mark"] == "no stage in this phase")
    expect("coverage: seven phases and no phase",
           list(retail) == ["Awareness", "Consideration", "Purchase", "Onboarding", "Delivery",
                            "Retention", "Advocacy", "No phase"], str(list(retail)))
    _, b2b = table(sections[3])
    expect("coverage: b2b has no 'no phase' row", "No phase" not in b2b)
    # the heat map: its graph read back with cgraph, and the SVG
    p = run("coverage", *T, "-T", "dot", *files)
    g = harness.dot_inspect(INSPECT, p.stdout)
    nodes = g["nodes"]
    expect("heat map: one node per matrix",
           sorted(nodes) == ["coverage:all", "coverage:b2b", "coverage:retail"], str(sorted(nodes)))
    label = nodes.get("coverage:retail", {}).get("label", "")
    expect("heat map: counts and marks in the matrix",
           "2 (0 / 2)" in label and "never reached" in label and "only reactive" in label, label[:300])
    out = os.path.join(tmp, "coverage.svg")
    p = run("coverage", *T, "-o", out, *files)
    expect("-o .svg writes SVG", p.returncode == 0 and read(out).lstrip().startswith("<?xml"))
    svg = ET.parse(out).getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text]
    expect("SVG: the cells are text", "2 (1 / 1)" in texts and "⚠ never reached" in texts,
           str(texts[:40]))
    # a file with errors is left out, exit 1
    p = run("coverage", *T, files[0], os.path.join(SRC, "tests", "fixtures", "errors",
                                                   "schema-channel.xml"))
    expect("coverage: a file with errors is left out (exit 1)", p.returncode == 1 and
           b"Retail shoppers" in p.stdout, p.stderr.decode())


with tempfile.TemporaryDirectory() as tmp:
    check_golden_imports(tmp)
    check_key_fields(tmp)
    check_errors(tmp)
    check_no_overwrite(tmp)
    check_export(tmp)
    check_round_trips(tmp)
    check_sample(tmp)
    check_coverage(tmp)
    check_hostile(tmp)
harness.finish("ok: inventory (%d checks)" % harness.checks)
