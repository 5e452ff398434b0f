#!/usr/bin/env python3
"""Synthetic but valid journeys of any size, deterministic by seed.

    gen.py --touchpoints N [--seed S] [-o FILE]          one journey
    gen.py --touchpoints N --files K --out DIR [--seed S]  K journeys

A generated journey looks like a CRM export: a fixed run of stages (5 to
12, like a real journey) holding all the touchpoints, owners and their
training, a review date and a policy, announced changes, Markdown in
descriptions, notes and plans, pluses and minuses, metrics (CSAT, NPS,
drop-off, waits), repeats (`every`), `next` flows with shares, and three
competitors with ratings and touchpoints of their own. Every file passes
`journeymap check` without errors (it has warnings and notes, as real
journeys do). The same arguments give the same bytes.
"""
import argparse
import os
import random
from xml.sax.saxutils import escape, quoteattr

PHASES = ["awareness", "consideration", "purchase", "onboarding", "delivery",
          "retention", "advocacy"]
CHANNELS = ["web", "app", "email", "phone", "chat", "sms", "video", "meeting", "visit", "mail", "store",
            "social"]
MODES = ["personal", "automated"]
PURPOSES = ["inform", "sell", "onboard", "deliver", "support", "feedback", "thank", "follow-up"]
WORDS = ("invoice account manager onboarding call renewal price portal login chat queue report "
         "reminder survey welcome contract delivery parcel refund upgrade review visit training "
         "webinar callback form checkout basket newsletter statement dashboard").split()
METRICS = [("csat", lambda r: r.randint(40, 99)), ("nps", lambda r: r.randint(-40, 70)),
           ("ces", lambda r: round(r.uniform(1, 7), 1)),
           ("drop-off", lambda r: round(r.uniform(0, 0.6), 2)),
           ("wait-seconds", lambda r: r.randint(5, 600)),
           ("response-hours", lambda r: r.randint(1, 72))]


def words(r, lo, hi):
    return " ".join(r.choice(WORDS) for _ in range(r.randint(lo, hi)))


def sentence(r):
    s = words(r, 4, 12)
    return s[0].upper() + s[1:] + "."


def markdown(r):
    """A short Markdown text: emphasis, a list, sometimes a link or code."""
    parts = [sentence(r) + " It is **%s** for most customers." % r.choice(["fine", "slow", "key"])]
    if r.random() < 0.5:
        parts.append("\n".join("- " + sentence(r) for _ in range(r.randint(2, 3))))
    if r.random() < 0.3:
        parts.append("See [the runbook](https://example.com/%s) and `%s`." %
                     (r.choice(WORDS), r.choice(WORDS)))
    return "\n\n".join(parts)


def journey(n, seed=1, jid="bench", stages=None):
    r = random.Random("%s/%d/%d" % (jid, n, seed))
    n_stages = stages or max(5, min(12, n // 10))
    owners = ["o%d" % i for i in range(20)]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<journey version="1" id="%s" name=%s>' % (jid, quoteattr("Segment %s (%d touchpoints)"
                                                                     % (jid, n))),
           "  <description>%s</description>" % escape(markdown(r)),
           '  <review date="2026-%02d-%02d" by="CX team"/>' % (r.randint(1, 12), r.randint(1, 28)),
           '  <policy max-silence-days="%d"/>' % r.choice([30, 45, 60]),
           "  <owners>"]
    for i, o in enumerate(owners):
        out.append('    <owner id="%s" name=%s trained="%s"/>'
                   % (o, quoteattr("Team %s %d" % (r.choice(WORDS), i)), r.choice(["yes", "no"])))
    out.append("  </owners>")
    n_changes = max(1, n // 500)
    for c in range(n_changes):
        out.append('  <change id="ch%d" name=%s date="2027-%02d-01" affects="s%d">%s</change>'
                   % (c, quoteattr("Change to the " + words(r, 1, 3)), 1 + c % 12,
                      c % n_stages, escape(sentence(r))))
    per_stage = [n // n_stages + (1 if s < n % n_stages else 0) for s in range(n_stages)]
    k = 0
    for s in range(n_stages):
        days = r.choice([14, 30, 60, 90, 180, 365])
        out.append('  <stage id="s%d" name=%s phase="%s" days="%d">'
                   % (s, quoteattr("Stage %d: %s" % (s + 1, words(r, 1, 3))),
                      PHASES[s * len(PHASES) // n_stages], days))
        if r.random() < 0.5:
            out.append("    <description>%s</description>" % escape(sentence(r)))
        for _ in range(per_stage[s]):
            company = r.random() < 0.6
            attrs = ['id="t%d"' % k, "name=%s" % quoteattr("%s %d" % (words(r, 2, 5).capitalize(), k)),
                     'channel="%s"' % r.choice(CHANNELS),
                     'initiator="%s"' % ("company" if company else "customer")]
            if r.random() < 0.9:
                attrs.append('owner="%s"' % r.choice(owners))
            if company:
                attrs.append('mode="%s"' % r.choice(MODES))
                attrs.append('purpose="%s"' % r.choice(PURPOSES))
            if r.random() < 0.8:
                attrs.append('day="%d"' % r.randrange(days))
                if r.random() < 0.1:
                    attrs.append('every="%d"' % r.choice([7, 14, 30, 90]))
            if r.random() < 0.85:
                attrs.append('score="%d"' % r.randint(1, 5))
            if r.random() < 0.7:
                attrs.append('emotion="%d"' % r.randint(-2, 2))
            if n_changes and r.random() < 0.01:
                attrs.append('about="ch%d"' % r.randrange(n_changes))
            body = []
            for _ in range(r.randint(0, 2)):
                body.append("<plus>%s</plus>" % escape(sentence(r)))
            for _ in range(r.randint(0, 2)):
                body.append("<minus>%s</minus>" % escape(sentence(r)))
            for name, value in r.sample(METRICS, r.randint(0, 2)):
                body.append('<metric name="%s" value="%s"/>' % (name, value(r)))
            if r.random() < 0.1:
                body.append('<plan owner="%s" due="2027-%02d-15">%s</plan>'
                            % (r.choice(owners), r.randint(1, 12), escape(markdown(r))))
            if r.random() < 0.05:
                body.append("<note>%s</note>" % escape(markdown(r)))
            if k + 1 < n and r.random() < 0.3:
                if r.random() < 0.5 and k + 2 < n:
                    share = round(r.uniform(0.2, 0.8), 2)
                    body.append('<next to="t%d" share="%s"/><next to="t%d" share="%s"/>'
                                % (k + 1, share, k + 2, round(1 - share, 2)))
                else:
                    body.append('<next to="t%d"/>' % (k + 1))
            if body:
                out.append("    <touchpoint %s>%s</touchpoint>" % (" ".join(attrs), "".join(body)))
            else:
                out.append("    <touchpoint %s/>" % " ".join(attrs))
            k += 1
        out.append("  </stage>")
    for c in range(3):
        out.append('  <competitor id="c%d" name="Competitor %d">' % (c, c + 1))
        for t in sorted(r.sample(range(n), max(1, n // 10))):
            out.append('    <rating touchpoint="t%d" score="%d"/>' % (t, r.randint(1, 5)))
        for t in range(max(1, n // 50)):
            out.append('    <touchpoint id="c%dx%d" stage="s%d" name=%s channel="%s" '
                       'initiator="company" score="%d"/>'
                       % (c, t, r.randrange(n_stages), quoteattr(words(r, 2, 4).capitalize()),
                          r.choice(CHANNELS), r.randint(1, 5)))
        out.append("  </competitor>")
    out.append("</journey>")
    return "\n".join(out) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--touchpoints", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stages", type=int, help="default: 5 to 12, by size")
    ap.add_argument("--files", type=int, default=0, help="write this many journeys into --out")
    ap.add_argument("--out", help="folder for --files")
    ap.add_argument("-o", dest="output", help="file for one journey (default: stdout)")
    a = ap.parse_args()
    if a.files:
        os.makedirs(a.out, exist_ok=True)
        for i in range(a.files):
            write(os.path.join(a.out, "segment-%03d.xml" % i),
                  journey(a.touchpoints, a.seed, "segment-%03d" % i, a.stages))
    elif a.output:
        write(a.output, journey(a.touchpoints, a.seed, stages=a.stages))
    else:
        print(journey(a.touchpoints, a.seed, stages=a.stages), end="")


if __name__ == "__main__":
    main()
