#!/usr/bin/env python3
"""A contact log for a journey model, deterministic by seed: customers who
follow the model's plan stage by stage, with contacts missed, late and
repeated, ratings, contacts the map does not show, and customers who stop.

Usage: gen_log.py MODEL.xml... --rows N [--seed N] [--start YYYY-MM-DD]
                  [--days N] [--segment] [-o OUT.csv]

With several models, the rows are shared among them and a segment column
says whose each is (--segment adds it for one). Exactly N rows are written (customers are added until the count is
reached, then the latest rows cut), sorted by date. The true delivery rate of each company
touchpoint is drawn from the seed and printed on stderr (id, rate), so a
test can compare what `journeymap evidence` measures with what was
simulated. Columns: customer, date, touchpoint, initiator, channel, score
(and segment with --segment)."""
import argparse
import csv
import datetime
import random
import sys
import xml.etree.ElementTree as ET


def load(path):
    root = ET.parse(path).getroot()
    stages = []
    for s in root.findall("stage"):
        tps = []
        for t in s.findall("touchpoint"):
            tps.append({"id": t.get("id"), "channel": t.get("channel"),
                        "initiator": t.get("initiator"), "day": int(t.get("day", "0")),
                        "every": int(t.get("every", "0")), "score": int(t.get("score", "0"))})
        days = s.get("days")
        length = int(days) if days else max([t["day"] for t in tps] + [0])
        stages.append({"id": s.get("id"), "length": length, "tps": tps})
    return root.get("id"), stages


def simulate(model, n_rows, rng, a):
    """n_rows rows (day, customer, touchpoint, initiator, channel, score,
    journey) of customers following model's plan."""
    journey, stages = load(model)
    rate = {}
    for s in stages:
        for t in s["tps"]:
            rate[t["id"]] = round(rng.uniform(0.55, 0.98), 3) if t["initiator"] == "company" \
                else round(rng.uniform(0.3, 0.8), 3)
    for tid, r in rate.items():
        print("%s %.3f" % (tid, r), file=sys.stderr)
    rows = []
    n = 0
    channels = ["phone", "email", "chat", "web"]
    horizon = a.days + 200
    while len(rows) < n_rows:
        n += 1
        cust = "%s-%07d" % (journey[:3], n)
        day = rng.randrange(-120, a.days)  # some began before the log
        stop_at = rng.randrange(len(stages) * 3) if rng.random() < 0.3 else None
        for si, s in enumerate(stages):
            if stop_at is not None and si * 3 > stop_at:
                break
            stretch = 1.0 + (rng.random() * 0.8 if rng.random() < 0.2 else 0.0)  # slow deciders
            for t in sorted(s["tps"], key=lambda t: t["day"]):
                due = [t["day"]]
                if t["every"]:
                    k = t["day"] + t["every"]
                    while k < s["length"]:
                        due.append(k)
                        k += t["every"]
                for d0 in due:
                    if rng.random() >= rate[t["id"]]:
                        continue
                    late = rng.choice([0, 0, 0, 1, 2, 3]) if rng.random() < 0.85 \
                        else rng.randrange(5, 30)
                    when = day + int(d0 * stretch) + late
                    score = rng.choice(["", "", str(max(1, min(5, (t["score"] or 3) +
                                                             rng.choice([-1, 0, 0, 1]))))])
                    if 0 <= when < horizon:
                        rows.append((when, cust, t["id"],
                                     "" if rng.random() < 0.5 else t["initiator"], t["channel"],
                                     score, journey))
            when = day + rng.randrange(max(1, s["length"]))
            if rng.random() < 0.15 and 0 <= when < horizon:  # a contact the map does not show
                rows.append((when, cust, "", rng.choice(["customer", "customer", "company"]),
                             rng.choice(channels), "", journey))
            day += int(s["length"] * stretch)
    rows.sort(key=lambda r: r[0])
    del rows[n_rows:]
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2025-01-01")
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--segment", action="store_true")
    ap.add_argument("-o", dest="out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rows = []
    for k, model in enumerate(a.models):
        share = a.rows // len(a.models) + (1 if k < a.rows % len(a.models) else 0)
        rows += simulate(model, share, rng, a)
    rows.sort(key=lambda r: r[0])
    segment = a.segment or len(a.models) > 1
    start = datetime.date.fromisoformat(a.start)
    out = open(a.out, "w", newline="", encoding="utf-8") if a.out else sys.stdout
    w = csv.writer(out, lineterminator="\r\n")
    head = ["customer", "date", "touchpoint", "initiator", "channel", "score"]
    w.writerow(head + (["segment"] if segment else []))
    for r in rows:
        date = (start + datetime.timedelta(days=r[0])).isoformat()
        w.writerow([r[1], date, r[2], r[3], r[4], r[5]] + ([r[6]] if segment else []))


if __name__ == "__main__":
    main()
