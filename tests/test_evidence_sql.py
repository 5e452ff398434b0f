#!/usr/bin/env python3
"""evidence's per-touchpoint eligible/reached against the same definitions
in SQL (tests/bench/reach.sql) run by SQLite and by DuckDB, on a generated
log of 100,000 rows: all three must agree on every touchpoint. Exit 77
when either engine is missing (sqlite3; DuckDB's Node.js package in
tests/bench/node_modules or NODE_PATH).
Usage: test_evidence_sql.py JOURNEYMAP SRCDIR"""
import json
import os
import subprocess
import sys
import tempfile

import harness
from harness import expect

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
BENCH = os.path.join(SRC, "tests", "bench")
model = os.path.join(SRC, "models", "smb-owners.xml")
with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "log.csv")
    subprocess.run([sys.executable, os.path.join(BENCH, "gen_log.py"), model, "--rows", "100000",
                    "--seed", "3", "-o", log], check=True, capture_output=True)
    tables = {}
    for engine in ("sqlite", "duckdb"):
        p = subprocess.run([sys.executable, os.path.join(BENCH, "sql_reach.py"), engine, model,
                            log], capture_output=True, text=True)
        if p.returncode == 77:
            print("skip: %s is not installed" % engine)
            sys.exit(77)
        expect(engine + " runs", p.returncode == 0, p.stderr)
        tables[engine] = json.loads(p.stdout or "{}")
    got = json.loads(harness.run([EXE, "evidence", "-T", "json", model, log]).stdout)
    ours = {t["id"]: [t["eligible"], t["reached"]] for t in got["touchpoints"]}
    expect("every touchpoint compared", len(ours) == 13 and all(v[0] > 1000 for v in ours.values()),
           str(ours))
    for engine, table in tables.items():
        for tp, v in ours.items():
            expect("%s agrees on %s" % (engine, tp), table.get(tp) == v,
                   "%s: %s, evidence: %s" % (engine, table.get(tp), v))
harness.finish("ok: evidence agrees with SQLite and DuckDB (%d checks)" % harness.checks)
