#!/usr/bin/env python3
"""Mermaid interchange: every syntax variant people write, errors with
FILE:LINE, and export -> import -> export on models/. With --corpus
instead: the public diagrams in ../shared/corpus/mermaid import and check
clean (or fail with FILE:LINE when not valid Mermaid) and survive import ->
export -> import; exit 77 when the corpus is absent.
Usage: test_mermaid.py JOURNEYMAP SRCDIR [--corpus]"""
import glob
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

import harness
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
CORPUS = os.path.join(os.path.dirname(SRC), "shared", "corpus", "mermaid")
CORPUS_ONLY = "--corpus" in sys.argv[3:]
if CORPUS_ONLY and not os.path.isdir(CORPUS):
    print("skip: no corpus at %s" % CORPUS)
    sys.exit(77)
T = ["--today", "2026-11-01"]




run = harness.runner(EXE)


def model_of(xml_text):
    """The parts of an imported journey that round trips must keep."""
    root = ET.fromstring(xml_text)
    owners = {o.get("id"): o.get("name") for o in root.iter("owner")}
    return (root.get("id"), root.get("name"),
            [(s.get("id"), s.get("name"),
              [(t.get("id"), t.get("name"), t.get("emotion"), owners.get(t.get("owner")),
                (t.findtext("note") or "").strip()) for t in s.findall("touchpoint")])
             for s in root.findall("stage")])


def carried(xml_bytes):
    """What Mermaid's comments must carry: per stage its id and name, per
    touchpoint of ours its id, name, channel, initiator, owner (id and
    name), score and emotion."""
    root = ET.fromstring(xml_bytes)
    owners = {o.get("id"): o.get("name") for o in root.iter("owner")}
    return (root.get("id"), root.get("name"),
            [(s.get("id"), s.get("name"),
              [(t.get("id"), t.get("name"), t.get("channel"), t.get("initiator"), t.get("owner"),
                owners.get(t.get("owner")), t.get("score"), t.get("emotion"))
               for t in s.findall("touchpoint")])
             for s in root.findall("stage")])


def import_text(tmp, name, text, binary=False):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(text if binary else text.encode("utf-8"))
    return run("import", path), path


def check_clean(tmp, xml_bytes, what):
    path = os.path.join(tmp, "imported.xml")
    with open(path, "wb") as f:
        f.write(xml_bytes)
    p = run("check", "--format", "json", *T, path)
    errors = [f for f in json.loads(p.stdout) if f["severity"] == "error"]
    expect(what + ": passes check", not errors and p.returncode == 0, str(errors))


with tempfile.TemporaryDirectory() as tmp:
  if not CORPUS_ONLY:
      # Syntax variants, one small diagram each.
      variants = {
          "comments": "%% a comment\njourney\n%%{init: {'theme': 'dark'}}%%\n  title T\n  %% inside\n"
                      "  section S\n    Task: 3: Me\n",
          "front-matter": "---\ntitle: From front matter\nconfig:\n  theme: base\n---\njourney\n"
                          "  section S\n    Task: 3: Me\n",
          "acc": "journey\n  title T\n  accTitle: Accessible title\n  accDescr: One line\n"
                 "  section S\n    Task: 4: Me\n",
          "acc-block": "journey\n  title T\n  accDescr {\n    Several\n    lines\n  }\n"
                       "  section S\n    Task: 4: Me\n",
          "tabs-deep": "journey\n\ttitle T\n\tsection S\n\t\t\t\tTask one: 2: Me\n"
                       "                              Task two: 4: You\n",
          "blank-lines": "journey\n\n   \n  title T\n\t\n  section S\n\n    Task: 3: Me\n   \n",
          "crlf": "journey\r\n  title T\r\n  section S\r\n    Task: 3: Me\r\n",
          "no-final-newline": "journey\n  title T\n  section S\n    Task: 3: Me",
          "no-actors": "journey\n  title T\n  section S\n    Lonely task: 5\n",
          "spaces-around-colons": "journey\n  title T\n  section S\n    Sign in :3 :  Me ,  You  \n",
          "punctuation-in-names": "journey\n  title T (draft), v2\n  section S (one), two\n"
                                  "    Step 1: pick, pack (fast): 4: Me\n",
          "non-latin": "journey\n  title Путь\n  section Начало\n    Пишет обращение: 5: Пользователь\n"
                       "    打开 App: 4: 兴奋\n    Thẩm định: 2: Ngân hàng\n",
          "duplicates": "journey\n  title T\n  section S\n    Same: 3: Me\n    Same: 4: Me\n"
                        "  section S\n    Same: 5: Me\n",
          "score-clamped": "journey\n  title T\n  section S\n    Too good: 7: Me\n    Too bad: 0: Me\n",
          "task-before-section": "journey\n  title T\n  Task: 3: Me\n",
        # Found by fuzz_mermaid: a title and nothing else gave a journey without a stage.
        "title-only": "journey\n    title \ub7ec    se\ufffdction \uba54\uc9c4: : 4: User\n",
        # Found by fuzz_mermaid: an empty title, then a task: the stage had no name.
        "empty-title": "journey\n    title\n    Task: 4: User\n",
        # Found by fuzz_mermaid: an actor made of a control character gave an owner
        # without a name.
        "control-character-actor": "journey\n  section S\n    Task: 3: Me, \x0b\n    Other: 4: \x0c\n",
        # Found by fuzz_mermaid: `title:` with nothing after it in the front
        # matter gave a journey with an empty name.
        "empty-front-matter-title": "---\ntitle: \n---\njourney\n",
        "blank-quoted-front-matter-title": "---\ntitle: \" \"\n---\njourney\n  section S\n    T: 3: Me\n",
        "noncharacters": "journey\n  title A \ufffe B\n  section S \uffff\n    Task \ufffe: 3: Me \uffff\n",
      }
      for name, text in variants.items():
          p, path = import_text(tmp, name + ".mmd", text)
          expect(name + ": imports", p.returncode == 0, p.stderr.decode())
          if p.returncode == 0:
              check_clean(tmp, p.stdout, name)
      p, _ = import_text(tmp, "front-matter.mmd", variants["front-matter"])
      expect("front matter title used", model_of(p.stdout)[1] == "From front matter")
      p, _ = import_text(tmp, "comments.mmd", variants["comments"])
      expect("comments: one task", sum(len(s[2]) for s in model_of(p.stdout)[2]) == 1)
      p, _ = import_text(tmp, "acc-block.mmd", variants["acc-block"])
      expect("accDescr becomes the description", b"<description>Several\nlines</description>" in p.stdout, p.stdout)
      p, _ = import_text(tmp, "spaces-around-colons.mmd", variants["spaces-around-colons"])
      m = model_of(p.stdout)
      expect("spaces: name, score, owner, second actor", m[2][0][2][0][1:] == ("Sign in", "0", "Me", "Mermaid actors: You"), str(m))
      p, _ = import_text(tmp, "punctuation-in-names.mmd", variants["punctuation-in-names"])
      m = model_of(p.stdout)
      expect("colon kept inside a name", m[2][0][2][0][1] == "Step 1: pick, pack (fast)" and m[2][0][1] == "S (one), two", str(m))
      p, _ = import_text(tmp, "non-latin.mmd", variants["non-latin"])
      m = model_of(p.stdout)
      ids = [t[0] for s in m[2] for t in s[2]]
      expect("transliterated ids", ids[0] == "pishet-obrashchenie" and ids[2] == "tham-dinh", str(ids))
      expect("readable fallback ids", re.match(r"^[a-z][a-z0-9._-]*$", ids[1]) is not None, str(ids))
      p, _ = import_text(tmp, "duplicates.mmd", variants["duplicates"])
      m = model_of(p.stdout)
      all_ids = [m[0]] + [s[0] for s in m[2]] + [t[0] for s in m[2] for t in s[2]]
      expect("unique ids", len(set(all_ids)) == len(all_ids), str(all_ids))
      # Found by fuzz_mermaid (a timeout): ids were made unique by trying
      # "-2", "-3", ... against every id so far, cubic in tasks of one name.
      # 30,000 of them, some written with the suffix a later one would
      # get, each actor distinct: ids stay unique and the import is quick.
      n = 30000
      lines = ["journey", "  title Same name", "  section S"]
      for i in range(n):
          lines.append("    Same name: 3: Actor %d" % i)
          if i % 1000 == 0:
              lines.append("    Same name %d: 4: Actor %d" % (i + 2, i))
      p, _ = import_text(tmp, "many-same-name.mmd", "\n".join(lines) + "\n")
      expect("many tasks of one name: imports", p.returncode == 0, p.stderr.decode()[:300])
      if p.returncode == 0:
          m = model_of(p.stdout)
          ids = [t[0] for s in m[2] for t in s[2]]
          expect("many tasks of one name: all kept", len(ids) == n + 30, str(len(ids)))
          expect("many tasks of one name: unique ids", len(set(ids)) == len(ids))
          # "Same name 2" takes same-name-2 before the second "Same name"
          # asks; a task written "Same name 1002" comes after the one that
          # got same-name-1002, so it is the one suffixed.
          expect("many tasks of one name: suffixes",
                 ids[:3] == ["same-name", "same-name-2", "same-name-3"]
                 and ids[1001:1003] == ["same-name-1002", "same-name-1002-2"]
                 and ids[-1] == "same-name-30001", str(ids[:3] + ids[1001:1003] + ids[-1:]))
      p, path = import_text(tmp, "score-clamped.mmd", variants["score-clamped"])
      err = p.stderr.decode()
      expect("clamp warnings name the lines", path + ":4: warning: score 7" in err and path + ":5: warning: score 0" in err, err)
      m = model_of(p.stdout)
      expect("clamped to 1..5", [t[2] for t in m[2][0][2]] == ["2", "-2"], str(m))

      # What cannot be read: an error with FILE:LINE, exit 1, nothing written.
      bad = {"junk line": ("journey\n  title T\n  section S\n    this line has no score\n", 4),
             "arrow": ("journey\n  section S\n    Do it -> 3: Me\n", 3),
             "not a journey": ("flowchart LR\n  A --> B\n", 1),
             "empty": ("", 1),
             "decimal score": ("journey\n  section S\n    Task: 4.5: Me\n", 3)}
      for name, (text, line) in bad.items():
          p, path = import_text(tmp, "bad.mmd", text)
          expect(name + ": exit 1", p.returncode == 1, p.stderr.decode())
          expect(name + ": file:line", ("%s:%d: error:" % (path, line)) in p.stderr.decode(), p.stderr.decode())
          expect(name + ": nothing on stdout", p.stdout == b"")
      p, path = import_text(tmp, "latin1.mmd", b"journey\n  section S\n    Caf\xe9: 3: Me\n", binary=True)
      expect("not UTF-8: exit 1 with line", p.returncode == 1 and (path + ":3:").encode() in p.stderr, p.stderr)

      # models/: export -> import -> export is the same text.
      for src in sorted(glob.glob(os.path.join(SRC, "models", "*.xml"))):
          first = run("export", "--to", "mermaid", *T, src)
          expect(os.path.basename(src) + ": export", first.returncode == 0, first.stderr.decode())
          p, path = import_text(tmp, "again.mmd", first.stdout.decode())
          expect(os.path.basename(src) + ": re-import", p.returncode == 0, p.stderr.decode())
          xml_path = os.path.join(tmp, "again.xml")
          open(xml_path, "wb").write(p.stdout)
          second = run("export", "--to", "mermaid", *T, xml_path)
          expect(os.path.basename(src) + ": export round trip", second.stdout == first.stdout,
                 "\n" + first.stdout.decode() + "\n---\n" + second.stdout.decode())

      # Every model and fixture journey: export -> import keeps what the
      # journeymap comments carry.
      journeys = sorted(glob.glob(os.path.join(SRC, "models", "*.xml")) +
                        glob.glob(os.path.join(SRC, "tests", "fixtures", "*", "*.xml")))
      kept = 0
      for src in journeys:
          first = run("export", "--to", "mermaid", *T, src)
          if first.returncode != 0:
              continue  # a fixture with errors: nothing to export
          p, path = import_text(tmp, "kept.mmd", first.stdout.decode())
          what = os.path.relpath(src, SRC)
          expect(what + ": re-import", p.returncode == 0, p.stderr.decode())
          if p.returncode == 0:
              expect(what + ": export -> import keeps the journey", carried(open(src, "rb").read()) ==
                     carried(p.stdout), "\n%s\n---\n%s" % (carried(open(src, "rb").read()), carried(p.stdout)))
              kept += 1
      expect("round trips tried", kept >= 100, str(kept))

      # Edits made in Mermaid win; a task added without a comment is imported as ever.
      base = run("export", "--to", "mermaid", *T, os.path.join(SRC, "models", "smb-owners.xml")).stdout.decode()
      edited = base.replace("Pricing page: 3: Marketing", "Pricing and plans page: 1: Marketing")
      edited = edited.replace("  section Becoming a customer\n",
                              "  section Becoming a customer\n    New task: 4: Customer, Partner desk\n")
      p, path = import_text(tmp, "edited.mmd", edited)
      root = ET.fromstring(p.stdout)
      tps = {t.get("id"): t for t in root.iter("touchpoint")}
      pricing = tps.get("pricing-page")
      expect("edited name and number win", pricing is not None and pricing.get("name") == "Pricing and plans page"
             and pricing.get("emotion") == "-2" and pricing.get("score") == "3", ET.tostring(root)[:300])
      added = tps.get("new-task")
      expect("added task as today", added is not None and added.get("channel") == "other"
             and added.get("initiator") == "customer" and added.get("emotion") == "1"
             and added.get("owner") == "partner-desk" and (added.findtext("note") or "") == "Mermaid actors: Customer",
             ET.tostring(added) if added is not None else "missing")
      expect("guesses said in the comment", b"are guesses" in p.stdout)

      # An owner comment without a name (found by fuzzing: the import did
      # not load) makes no owner.
      p, path = import_text(tmp, "nameless.mmd", "journey\n  section S\n    A: 3: X\n"
                            "  %% journeymap: owner id$se trained=yes name=\n"
                            "  %% journeymap: owner id=p name= \t \n")
      expect("nameless owner comments: import exit 0", p.returncode == 0, p.stderr.decode())
      expect("nameless owner comments make no owner",
             [o.get("name") for o in ET.fromstring(p.stdout).iter("owner")] == ["X"], p.stdout.decode())
      check_clean(tmp, p.stdout, "nameless owner comments")

      # Two tasks given one id of 64 characters (found by fuzzing: the
      # second became the id with "-2", 66 characters, and the file did not
      # load): the suffix shortens the base instead.
      long_id = "t" + "x" * 63
      p, path = import_text(tmp, "long-ids.mmd", "journey\n  section S\n"
                            "    %%%% journeymap: touchpoint id=%s\n    A: 3: X\n"
                            "    %%%% journeymap: touchpoint id=%s\n    B: 3: X\n" % (long_id, long_id))
      ids = [t.get("id") for t in ET.fromstring(p.stdout).iter("touchpoint")]
      expect("a long id twice: both at most 64 characters, distinct",
             len(ids) == 2 and ids[0] == long_id and len(ids[1]) == 64 and ids[1].endswith("-2")
             and ids[0] != ids[1], str(ids))
      check_clean(tmp, p.stdout, "a long id twice")

      # Actors that mean the customer are not owners; --customer-actor names more.
      p, path = import_text(tmp, "customers.mmd", "journey\n  section S\n    A: 3: Customer\n"
                            "    B: 3: patient, Nurse\n    C: 3: Shopper\n")
      root = ET.fromstring(p.stdout)
      expect("customer actors are not owners", [o.get("name") for o in root.iter("owner")] == ["Nurse", "Shopper"],
             p.stdout.decode())
      p = run("import", "--customer-actor", "shopper", path)
      root = ET.fromstring(p.stdout)
      expect("--customer-actor", [o.get("name") for o in root.iter("owner")] == ["Nurse"], p.stdout.decode())
      p, path = import_text(tmp, "customers.mmd", "journey\n  section S\n    A: 3: Customer\n")
      xml_path = os.path.join(tmp, "customers.xml")
      open(xml_path, "wb").write(p.stdout)
      q = run("check", "--format", "json", *T, xml_path)
      expect("no-owner still tells the truth", "no-owner" in {f["rule"] for f in json.loads(q.stdout)}, q.stdout.decode())
      again = run("export", "--to", "mermaid", *T, xml_path).stdout.decode()
      expect("customer actor exported back", "    A: 3: Customer\n" in again, again)

      # import never overwrites without --force.
      target = os.path.join(tmp, "model.xml")
      open(target, "w").write("hand-edited\n")
      p = run("import", "-o", target, path)
      expect("import over a file: exit 2", p.returncode == 2, p.stderr.decode())
      expect("import over a file: says --force", b"--force" in p.stderr, p.stderr.decode())
      expect("import over a file: unchanged", open(target).read() == "hand-edited\n")
      expect("import over a file: no temporary file",
             sorted(n for n in os.listdir(tmp) if n.startswith(".")) == [], str(os.listdir(tmp)))
      p = run("import", "--force", "-o", target, path)
      expect("import --force replaces", p.returncode == 0 and open(target).read().startswith("<?xml"),
             p.stderr.decode())
      p = run("import", "-o", os.path.join(tmp, "fresh.xml"), path)
      expect("import to a new file", p.returncode == 0 and os.path.exists(os.path.join(tmp, "fresh.xml")))

  # The corpus: imports and checks clean (or fails with file:line), round trips.
  if CORPUS_ONLY:
    if os.path.isdir(CORPUS):
        for src in sorted(glob.glob(os.path.join(CORPUS, "*.mmd"))):
            name = os.path.basename(src)
            p = run("import", src)
            if "MALFORMED" in name:
                expect(name + ": malformed gives file:line", p.returncode == 1
                       and re.search(rb":\d+: error: ", p.stderr) is not None, p.stderr)
                continue
            expect(name + ": imports", p.returncode == 0, p.stderr.decode())
            if p.returncode:
                continue
            check_clean(tmp, p.stdout, name)
            lines = open(src, encoding="utf-8").read().splitlines()
            body = [l.strip() for l in lines]
            in_front = body and body[0] == "---"
            sections = tasks = 0
            for i, l in enumerate(body):
                if in_front:
                    in_front = not (i > 0 and l == "---")
                    continue
                if not l or l.startswith("%%") or l == "journey" or l.startswith(("title", "accTitle", "accDescr")):
                    continue
                if l.startswith("section"):
                    sections += 1
                else:
                    tasks += 1
            m = model_of(p.stdout)
            expect(name + ": stages = sections", len(m[2]) == sections, "%d vs %d" % (len(m[2]), sections))
            expect(name + ": touchpoints = tasks", sum(len(s[2]) for s in m[2]) == tasks)
            # import -> export -> import gives the same model (same file name).
            xml1 = os.path.join(tmp, "one.xml")
            open(xml1, "wb").write(p.stdout)
            exported = run("export", "--to", "mermaid", *T, xml1).stdout
            sub = os.path.join(tmp, "rt")
            os.makedirs(sub, exist_ok=True)
            again = os.path.join(sub, name)
            open(again, "wb").write(exported)
            p2 = run("import", again)
            expect(name + ": import -> export -> import", p2.returncode == 0 and model_of(p2.stdout) == m,
                   p2.stderr.decode())

expect("export needs --to mermaid", run("export", os.path.join(SRC, "models", "smb-owners.xml")).returncode == 2)
expect("export --to svg is refused", run("export", "--to", "svg", os.path.join(SRC, "models", "smb-owners.xml")).returncode == 2)
expect("import of a missing file: 2", run("import", "/nonexistent.mmd").returncode == 2)

harness.finish("ok")
