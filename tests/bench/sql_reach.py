#!/usr/bin/env python3
"""The per-touchpoint eligible/reached table of evidence.md computed by a
database from a contact log, with the SQL of reach.sql: the peer that
`journeymap evidence` is tested and measured against.

Usage: sql_reach.py sqlite|duckdb MODEL.xml LOG.csv [--time]
Prints {"tp": [eligible, reached], ...} as JSON (with --time, the seconds
the engine took on stderr). DuckDB runs through its Node.js package
(@duckdb/node-api), found in tests/bench/node_modules or NODE_PATH; exit
77 when the engine is missing."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def plan_of(model):
    """(plan rows, stage rows, params) by format.md's timeline."""
    root = ET.parse(model).getroot()
    policy = root.find("policy")
    late = int(policy.get("late-days", "7")) if policy is not None else 7
    stop = int(policy.get("stop-days", "90")) if policy is not None else 90
    plan, stages, start = [], [], 0
    for i, s in enumerate(root.findall("stage")):
        tps = s.findall("touchpoint")
        days = [int(t.get("day", "0")) for t in tps]
        length = int(s.get("days")) if s.get("days") else max(days + [0])
        stages.append((i, start, length))
        for t, d in zip(tps, days):
            plan.append((t.get("id"), i, d))
        start += length
    return plan, stages, (late, stop, len(stages) - 1)


def sqlite(model, log):
    if not shutil.which("sqlite3"):
        sys.exit(77)
    plan, stages, params = plan_of(model)
    script = [".mode csv", "CREATE TABLE log(customer TEXT, date TEXT, touchpoint TEXT, "
              "initiator TEXT, channel TEXT, score TEXT);",
              ".import --csv --skip 1 '%s' log" % log.replace("'", "''"),
              "CREATE VIEW ev AS SELECT customer, CAST(julianday(substr(date, 1, 10)) - 2440587.5 "
              "AS INTEGER) AS day, touchpoint FROM log;",
              "CREATE TABLE plan(tp TEXT, stage INTEGER, day INTEGER);",
              "CREATE TABLE stages(stage INTEGER, pstart INTEGER, length INTEGER);",
              "CREATE TABLE params(late INTEGER, stop INTEGER, last_stage INTEGER);"]
    script += ["INSERT INTO plan VALUES('%s', %d, %d);" % p for p in plan]
    script += ["INSERT INTO stages VALUES(%d, %d, %d);" % s for s in stages]
    script += ["INSERT INTO params VALUES(%d, %d, %d);" % params, ".mode json",
               open(os.path.join(HERE, "reach.sql")).read()]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "log.db")
        start = time.monotonic()
        p = subprocess.run(["sqlite3", db], input="\n".join(script), capture_output=True,
                           text=True, check=True)
        seconds = time.monotonic() - start
    rows = json.loads(p.stdout or "[]")
    return {r["tp"]: [r["eligible"], r["reached"]] for r in rows}, seconds


def duckdb(model, log):
    node = shutil.which("node")
    env = dict(os.environ)
    env["NODE_PATH"] = os.pathsep.join(filter(None, [os.path.join(HERE, "node_modules"),
                                                     env.get("NODE_PATH")]))
    if not node or subprocess.run([node, "-e", "require('@duckdb/node-api')"], env=env,
                                  capture_output=True).returncode != 0:
        sys.exit(77)
    plan, stages, params = plan_of(model)
    job = {"log": log, "sql": open(os.path.join(HERE, "reach.sql")).read(), "plan": plan,
           "stages": stages, "params": params}
    p = subprocess.run([node, os.path.join(HERE, "duckdb_reach.js")], input=json.dumps(job),
                       capture_output=True, text=True, env=env, check=True)
    out = json.loads(p.stdout)
    return {r["tp"]: [r["eligible"], r["reached"]] for r in out["rows"]}, out["seconds"]


def main():
    engine, model, log = sys.argv[1:4]
    table, seconds = (sqlite if engine == "sqlite" else duckdb)(os.path.abspath(model),
                                                               os.path.abspath(log))
    if "--time" in sys.argv[4:]:
        print("%.3f" % seconds, file=sys.stderr)
    print(json.dumps(table, sort_keys=True))


if __name__ == "__main__":
    main()
