#!/usr/bin/env python3
"""journeymap against libxml2's own parse, and against mermaid-cli.

    tests/bench/bench.py [--runs N] [--sizes 1000,10000,100000]
                         [--files 1,10,100,500] [--log-rows 1000000,10000000]
                         [--generators crm,plain] [--baseline EXE] [--write-docs]

A benchmark, not a test: it prints numbers and never fails on them. In one
run, on the same generated journeys (tests/bench/gen.py, fixed seed), it
times each command several times and records its peak memory (the child's
maximum resident set, from wait4):

- `xmllint --noout --stream FILE`: the floor, libxml2's streaming parse;
- `xmllint --noout FILE`: a DOM parse of the same file;
- `journeymap check`, `diagram -T dot`, `checklist`, `compare`;
- `journeymap build` on folders of 1, 10, 100 and 500 journeys;
- `diagram -T svg` of a 300-touchpoint journey, `build` on models/;
- when mermaid-cli is installed (`mmdc` on PATH, or MMDC=path), the same
  journey's Mermaid export rendered by it, next to `diagram -T svg`;
- contact logs of 1 and 10 million rows for models/smb-owners.xml
  (tests/bench/gen_log.py): `evidence -T json` against the floor, libcsv
  parsing the same file and counting its fields (tests/bench/csvcount.c,
  built here), and the peers: SQLite 3 and DuckDB computing the same
  per-touchpoint eligible/reached table from the same CSV
  (tests/bench/reach.sql, through sql_reach.py), each when installed.

The commands on one journey are timed in rounds (each round runs each of
them once), so that the floor and the commands compared with it see the
machine in the same moods. It prints medians with min-max, ratios to the
floor, time per touchpoint,
and with --write-docs replaces the table in docs/performance.md.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen  # noqa: E402
import scaling  # noqa: E402

# The two kinds of journey measured: gen.py's CRM-like one (5 to 12 stages,
# Markdown everywhere, about three findings per touchpoint) and
# scaling.py's plain one (stages of ten touchpoints, short attributes).
GENERATORS = {
    "crm": ("CRM-like, tests/bench/gen.py", lambda n: gen.journey(n, 1)),
    "plain": ("plain, tests/bench/scaling.py", scaling.journey),
}
# The targets at the largest size: (command, "time" or "memory", at most).
TARGETS = [("check", "time", 2), ("check", "memory", 2), ("diagram -T dot", "time", 3),
           ("checklist", "time", 3), ("checklist", "memory", 3)]

TODAY = ["--today", "2026-11-01"]


TIME = shutil.which("time", path="/usr/bin:/bin")


def measure(cmd, runs, cwd=None, env=None):
    """(median s, min s, max s, peak MiB) of runs runs of cmd.

    Peak memory is the command's maximum resident set as GNU time reports
    it: a child forked from this Python process would inherit Python's own
    high-water mark (Linux keeps it across exec)."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as rss:
            t0 = time.perf_counter()
            p = subprocess.run([TIME, "-q", "-f", "%M", "-o", rss.name, *cmd], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
            peaks.append(int(rss.read().split()[-1]) / 1024)
        if p.returncode not in (0, 1):
            raise SystemExit("%s exited %d" % (" ".join(cmd), p.returncode))
    return statistics.median(times), min(times), max(times), statistics.median(peaks)


def measure_all(cmds, runs):
    """measure() of each (name, cmd) of cmds, taken in rounds: each round
    runs every command once, so that a machine slowing down or speeding up
    during the run moves the floor and the commands compared with it alike
    (measured one command after the other, a drift would sit in the ratio)."""
    got = {name: [] for name, _ in cmds}
    for _ in range(runs):
        for name, cmd in cmds:
            got[name].append(measure(cmd, 1))
    out = []
    for name, cmd in cmds:
        times = [r[0] for r in got[name]]
        out.append((name, statistics.median(times), min(times), max(times),
                    statistics.median(r[3] for r in got[name])))
    return out


def fmt_t(s):
    return "%.3f" % s if s < 10 else "%.1f" % s


class Table:
    def __init__(self, head):
        self.rows = [head]

    def add(self, *cells):
        self.rows.append([str(c) for c in cells])

    def text(self):
        w = [max(len(r[i]) for r in self.rows) for i in range(len(self.rows[0]))]
        lines = ["  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(r))
                 for r in self.rows]
        lines.insert(1, "  ".join("-" * x for x in w))
        return "\n".join(lines)

    def markdown(self):
        out = ["| " + " | ".join(self.rows[0]) + " |",
               "|" + "|".join("---" if i == 0 or h in ("command", "what", "target", "met?") else "---:"
                              for i, h in enumerate(self.rows[0])) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in self.rows[1:]]
        return "\n".join(out)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return "%s, %d cores, %s" % (cpu, os.cpu_count() or 1, platform.platform())


def version(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
        return (p.stdout or p.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def logs_table(exe, rows, tmp, sections):
    """The contact-log section: evidence against libcsv's parse (the floor)
    and against SQLite and DuckDB on the same CSV (one run each: they are
    long)."""
    if not rows:
        return
    floor_exe = os.path.join(tmp, "csvcount")
    subprocess.run(["cc", "-O2", "-o", floor_exe, os.path.join(HERE, "csvcount.c"), "-lcsv"],
                   check=True)
    model = os.path.join(ROOT, "models", "smb-owners.xml")
    t = Table(["rows", "file MB", "customers", "command", "s", "x floor", "peak MiB",
               "bytes per row"])
    for n in rows:
        log = os.path.join(tmp, "log%d.csv" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_log.py"), model, "--rows",
                        str(n), "--seed", "1", "-o", log], check=True, stderr=subprocess.DEVNULL)
        mb = os.path.getsize(log) / 1e6
        out = subprocess.run([exe, "evidence", "-T", "json", model, log], capture_output=True,
                             text=True).stdout
        customers = json.loads(out)["customers"]
        cmds = [("libcsv parse (floor)", [floor_exe, log]),
                ("evidence -T json", [exe, "evidence", "-T", "json", "-o",
                                      os.path.join(tmp, "e.json"), model, log])]
        for engine in ("sqlite", "duckdb"):
            probe = subprocess.run([sys.executable, os.path.join(HERE, "sql_reach.py"), engine,
                                    model, os.path.join(ROOT, "tests", "fixtures", "evidence",
                                                        "cases", "silence.csv")],
                                   capture_output=True)
            if probe.returncode == 0:
                cmds.append((engine + " (reach.sql)", [sys.executable,
                                                      os.path.join(HERE, "sql_reach.py"),
                                                      engine, model, log]))
        floor = None
        for name, cmd in cmds:
            med, _, _, peak = measure(cmd, 1)
            floor = floor or med
            t.add("{:,}".format(n), "%.0f" % mb, "{:,}".format(customers), name, fmt_t(med),
                  "%.1f" % (med / floor), "%.0f" % peak, "%.0f" % (peak * 1048576 / n))
            print(t.text().splitlines()[-1], flush=True)
        os.unlink(log)
    sections.append(("Contact logs: evidence against the CSV parse and two databases", t))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exe", default=os.path.join(ROOT, "build", "journeymap"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--generators", default="crm,plain",
                    help="which journeys to measure: crm (gen.py), plain (scaling.py)")
    ap.add_argument("--files", default="1,10,100,500")
    ap.add_argument("--log-rows", default="1000000,10000000")
    ap.add_argument("--baseline", metavar="EXE",
                    help="another journeymap (an earlier build) timed on the interactive sizes "
                         "in the same run, with the ratio")
    ap.add_argument("--write-docs", action="store_true")
    a = ap.parse_args()
    exe = os.path.abspath(a.exe)
    sizes = [int(x) for x in a.sizes.split(",")]
    folders = [int(x) for x in a.files.split(",")]
    xmllint = shutil.which("xmllint")
    if not xmllint or not TIME:
        raise SystemExit("xmllint and GNU time are needed (apt-get install libxml2-utils time)")
    sections = []
    with tempfile.TemporaryDirectory() as tmp:
        # 1. One journey of each size, of each kind.
        per_tp = {}
        targets = Table(["journey", "target", "measured", "met?"])
        for kind in a.generators.split(","):
            title, make = GENERATORS[kind]
            t = Table(["touchpoints", "file MB", "command", "median s", "min-max s", "x floor",
                       "peak MiB", "x file"])
            largest = {}
            for n in sizes:
                path = os.path.join(tmp, "%s%d.xml" % (kind, n))
                with open(path, "w") as f:
                    f.write(make(n))
                mb = os.path.getsize(path) / 1e6
                cmds = [("xmllint --stream (floor)", [xmllint, "--noout", "--stream", path]),
                        ("xmllint (DOM)", [xmllint, "--noout", path]),
                        ("check", [exe, "check", *TODAY, path]),
                        ("diagram -T dot", [exe, "diagram", *TODAY, "-T", "dot", "-o",
                                            os.path.join(tmp, "o.dot"), path]),
                        ("checklist", [exe, "checklist", *TODAY, "-o", os.path.join(tmp, "o.md"),
                                       path]),
                        ("compare", [exe, "compare", *TODAY, "-o", os.path.join(tmp, "o.md"),
                                     path])]
                floor = None
                for name, med, lo, hi, peak in measure_all(cmds, a.runs):
                    floor = floor or med
                    if name == "check" and kind == "crm":
                        per_tp[n] = med / n * 1e6
                    x_file = peak / (mb / 1.048576)
                    if n == max(sizes):
                        largest[name] = (med / floor, x_file)
                    t.add("{:,}".format(n), "%.1f" % mb, name, fmt_t(med),
                          "%s-%s" % (fmt_t(lo), fmt_t(hi)), "%.1f" % (med / floor), "%.0f" % peak,
                          "%.1f" % x_file)
                    print(t.text().splitlines()[-1], flush=True)
            sections.append(("One journey, by size (%s)" % title, t))
            for name, what, limit in TARGETS:
                x = largest[name][0 if what == "time" else 1]
                targets.add(kind, "`%s` %s ≤ %d× the %s" % (name, what, limit,
                                                           "floor" if what == "time" else "file"),
                            "%.1f×" % x, "yes" if x <= limit else "no")
        sections.append(("Against the targets, at {:,} touchpoints".format(max(sizes)), targets))
        # What every run pays before the first touchpoint: loading the
        # program and its libraries, and a journey of one touchpoint.
        tiny = os.path.join(tmp, "j1.xml")
        with open(tiny, "w") as f:
            f.write(gen.journey(1, 1))
        startup = measure([exe, "check", *TODAY, tiny], a.runs)[0]
        if not per_tp:
            per_tp = {n: 0.0 for n in sizes}
        base = per_tp.get(10000) or next(iter(per_tp.values()))
        net = {n: us - startup / n * 1e6 for n, us in per_tp.items()}
        net_base = net.get(10000) or next(iter(net.values()))
        s = Table(["touchpoints", "check µs per touchpoint", "vs 10,000",
                   "without the %.0f ms start" % (startup * 1000), "vs 10,000"])
        for n, us in per_tp.items():
            s.add("{:,}".format(n), "%.1f" % us, "%+.0f%%" % (100 * (us / base - 1)),
                  "%.1f" % net[n], "%+.0f%%" % (100 * (net[n] / net_base - 1)))
        sections.append(("check: time per touchpoint", s))

        # 2. build on folders of many journeys.
        b = Table(["journeys", "touchpoints each", "median s", "min-max s", "s per journey",
                   "peak MiB"])
        each = 40
        for k in folders:
            d = os.path.join(tmp, "many%d" % k)
            os.mkdir(d)
            for i in range(k):
                with open(os.path.join(d, "s%03d.xml" % i), "w") as f:
                    f.write(gen.journey(each, 1, "segment-%03d" % i))
            out = os.path.join(tmp, "out%d" % k)
            med, lo, hi, peak = measure([exe, "build", *TODAY, "-o", out, d], max(1, a.runs // 2))
            b.add(k, each, fmt_t(med), "%s-%s" % (fmt_t(lo), fmt_t(hi)), "%.3f" % (med / k),
                  "%.0f" % peak)
            print(b.text().splitlines()[-1], flush=True)
        sections.append(("build on a folder of journeys", b))

        # 3. Interactive sizes, and the peer.
        p = Table(["what", "median s", "min-max s", "peak MiB"])
        j300 = os.path.join(tmp, "j300.xml")
        with open(j300, "w") as f:
            f.write(gen.journey(300, 1))
        rows = [("diagram -T svg, 300 touchpoints",
                 [exe, "diagram", *TODAY, "-T", "svg", "-o", os.path.join(tmp, "o.svg"), j300]),
                ("build models/ (3 journeys)",
                 [exe, "build", *TODAY, "-o", os.path.join(tmp, "out-models"),
                  os.path.join(ROOT, "models")])]
        mmdc = os.environ.get("MMDC") or shutil.which("mmdc")
        model = os.path.join(ROOT, "models", "smb-owners.xml")
        if mmdc:
            mmd = os.path.join(tmp, "smb.mmd")
            subprocess.run([exe, "export", "--to", "mermaid", *TODAY, "-o", mmd, model], check=True)
            conf = os.path.join(tmp, "puppeteer.json")
            with open(conf, "w") as f:
                json.dump({"executablePath": shutil.which("chromium") or "/usr/bin/chromium",
                           "args": ["--no-sandbox", "--headless=new"]}, f)
            rows.append(("diagram -T svg, smb-owners (13 touchpoints)",
                         [exe, "diagram", *TODAY, "-T", "svg", "-o", os.path.join(tmp, "m.svg"), model]))
            rows.append(("mermaid-cli, the same journey exported",
                         [mmdc, "-p", conf, "-i", mmd, "-o", os.path.join(tmp, "mm.svg")]))
        if a.baseline:
            base_exe = os.path.abspath(a.baseline)
            for name, cmd in list(rows):
                if exe in cmd:
                    rows.append((name + " (baseline)", [base_exe if c == exe else c for c in cmd]))
        results = {}
        for name, med, lo, hi, peak in measure_all(rows, a.runs):  # this build and the baseline
            results[name] = med                                      # in the same rounds
            p.add(name, fmt_t(med), "%s-%s" % (fmt_t(lo), fmt_t(hi)), "%.0f" % peak)
            print(p.text().splitlines()[-1], flush=True)
        sections.append(("Interactive sizes%s" % (" and mermaid-cli" if mmdc else ""), p))
        if a.baseline:
            for name in [r[0] for r in rows if r[0].endswith(" (baseline)")]:
                mine = name[:-len(" (baseline)")]
                p.add(mine + ": this build / baseline", "%.2f" % (results[mine] / results[name]),
                      "", "")
        if mmdc:
            ours = results["diagram -T svg, smb-owners (13 touchpoints)"]
            theirs = results["mermaid-cli, the same journey exported"]
            peer = "mermaid-cli takes %.0f× as long as `diagram -T svg` for the same journey." % (theirs / ours)
        else:
            peer = "mermaid-cli not installed: no peer comparison (see docs/performance.md)."

        logs_table(exe, [int(x) for x in a.log_rows.split(",") if x], tmp, sections)

    head = ("Measured %s on %s; journeymap %s, %s; median of %d runs (build: %d)." %
            (time.strftime("%Y-%m-%d"), machine(), version([exe, "--version"]).split()[-1],
             version([xmllint, "--version"]), a.runs, max(1, a.runs // 2)))
    print()
    print(head)
    for title, tab in sections:
        print("\n" + title)
        print(tab.text())
    print("\n" + peer)
    if a.write_docs:
        doc = os.path.join(ROOT, "docs", "performance.md")
        text = open(doc).read()
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        body = "\n".join([start, "", head, ""] +
                         ["**%s**\n\n%s\n" % (title, tab.markdown()) for title, tab in sections] +
                         [peer, "", end])
        i, j = text.index(start), text.index(end) + len(end)
        with open(doc, "w") as f:
            f.write(text[:i] + body + text[j:])
        print("\nwrote the tables into docs/performance.md")


if __name__ == "__main__":
    main()
