"""Shared by the Python test scripts: run journeymap the way tests must.

Every run gets a clean environment for dates (no SOURCE_DATE_EPOCH unless
a test sets one) and a time limit, and any sanitizer or valgrind report on
stderr counts as a failure even when the exit status looks right (an
error fixture exits 1 by design, and so does a leak report).
"""
import os
import subprocess
import sys

SANITIZER_MARKS = (b"ERROR: AddressSanitizer", b"ERROR: LeakSanitizer", b"runtime error:",
                   b"SUMMARY: UndefinedBehaviorSanitizer")


# The rule ids of rules.md, the contract (kept here independently of the C
# catalogue so that a typo there fails the tests).
ERROR_RULES = ["xml-syntax", "schema", "invalid-value", "duplicate-id", "unknown-reference",
               "duplicate-journey"]
# The contact log's (evidence.md): not about the model, so not in ALL_RULES's
# use for model fixtures, but in the catalogue.
LOG_ERROR_RULES = ["log-syntax", "log-value"]
EVIDENCE_RULES = ["missed-touchpoint", "late-touchpoint", "score-drift", "actual-contact-gap",
                  "actual-reactive-heavy", "actual-drop-off", "unplanned-contact",
                  "log-reference"]
GAP_RULES = ["empty-stage", "contact-gap", "slow-first-contact", "impersonal-first-contact",
             "no-follow-up", "no-owner", "no-feedback", "unannounced-change", "competitor-only",
             "dead-end", "unreachable", "reactive-heavy", "behind-competitor", "untrained-owner",
             "stale-review", "overdue-plan"]
WEAK_RULES = ["low-score", "negative-emotion", "more-minuses", "high-drop-off", "long-wait"]
NOTE_RULES = ["unscored", "no-review"]
ALL_RULES = ERROR_RULES + GAP_RULES + WEAK_RULES + NOTE_RULES + EVIDENCE_RULES + LOG_ERROR_RULES


def rule_of(stem):
    """The rule a fixture is about: the longest rule id its name starts with."""
    hits = [r for r in ALL_RULES if stem == r or stem.startswith(r + "-")]
    return max(hits, key=len) if hits else None


class SanitizerReport(Exception):
    pass


# What a test script found wrong, one line each; finish() reports them.
failures = []
checks = 0


def expect(what, cond, detail=""):
    """Record a failure unless cond holds."""
    global checks
    checks += 1
    if not cond:
        failures.append("%s %s" % (what, detail))


def finish(ok_message="ok", most=None):
    """Print the failures (at most `most`) and exit 1, or print ok_message."""
    if failures:
        print("\n".join(failures[:most]))
        if most is not None and len(failures) > most:
            print("%d of %d checks failed" % (len(failures), checks))
        sys.exit(1)
    print(ok_message)


def runner(exe):
    """run(*args, **kw): journeymap with args, as run() runs it."""
    return lambda *args, **kw: run([exe, *args], **kw)


def run(argv, cwd=None, env_extra=None, timeout=60, stdin=None, stdout=subprocess.PIPE):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(env_extra or {})
    p = subprocess.run(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE,
                       stdin=stdin, timeout=timeout)
    if any(m in p.stderr for m in SANITIZER_MARKS):
        raise SanitizerReport("%s\n%s" % (" ".join(argv), p.stderr.decode("utf-8", "replace")))
    return p


def measured_run(argv, timeout=60):
    """Run argv (no sanitizer report allowed): (exit status, stdout, stderr,
    seconds, peak RSS in MiB of that child alone, from wait4)."""
    import tempfile
    import time
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=out, stderr=err)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.monotonic() - start
    out.seek(0)
    err.seek(0)
    text_out, text_err = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if any(m.decode() in text_err for m in SANITIZER_MARKS):
        raise SanitizerReport("%s\n%s" % (" ".join(argv), text_err))
    return proc.returncode, text_out, text_err, seconds, usage.ru_maxrss / 1024


def dot_inspect(inspector, dot):
    """The DOT text dot (bytes) read back with cgraph by tests/dot_inspect.c:
    {"label", "nodes": {name: attrs}, "edges": [...], "clusters": {...}}."""
    import json
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".dot", delete=False) as f:
        f.write(dot)
    try:
        p = run([inspector, f.name])
        if p.returncode != 0:
            raise ValueError(p.stderr.decode())
        return json.loads(p.stdout)
    finally:
        os.unlink(f.name)
