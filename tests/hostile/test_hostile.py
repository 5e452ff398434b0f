#!/usr/bin/env python3
"""Hostile input: every case states the exit status and a piece of the
message it must produce, and each run must end by itself within a time
bound, within a memory bound, without a signal, without a sanitizer
report, without reading a canary file it was not given (strace, when
installed) and without connecting to a listening local port.
Usage: tests/hostile/test_hostile.py JOURNEYMAP SRCDIR [--valgrind]"""
import gzip
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (tests/harness.py)
from harness import expect  # noqa: E402

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
T = ["--today", "2026-11-01"]
TIME_LIMIT = 60          # seconds per run, generous for sanitizer builds
MEMORY_LIMIT = 1500      # MiB of peak resident memory
STRACE = shutil.which("strace")
# --valgrind: every case under valgrind (our code error- and leak-free);
# skipped (77) without valgrind or in a sanitizer build.
VALGRIND = "--valgrind" in sys.argv[3:]
if VALGRIND:
    if not shutil.which("valgrind") or "--sanitized" in sys.argv[3:]:
        print("skip: valgrind absent or sanitizer build")
        sys.exit(77)
    TIME_LIMIT = 600
    MEMORY_LIMIT = 4000




HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def journey(body, extra=""):
    return (HEAD + '<journey version="1" id="h" name="Hostile">%s\n  <owners><owner id="o" name="O"/></owners>\n'
            % extra + body + "</journey>\n")


def stage(tps, sid="s", name="S", days=10):
    return '  <stage id="%s" name="%s" days="%d">\n%s  </stage>\n' % (sid, name, days, tps)


def tp(tid, name="T", extra=""):
    return ('    <touchpoint id="%s" name="%s" channel="web" initiator="company" owner="o" score="3"%s/>\n'
            % (tid, name, extra))


class Listener:
    """A local port that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connected = False
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connected = True
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def run_case(name, args, want_status, want_text, tmp, canary, listener, stdin=None, user=None,
             exe=EXE, supp=os.path.join(SRC, "tests", "valgrind.supp")):
    trace = os.path.join(tmp, "trace")
    cmd = [exe, *args]
    if VALGRIND:
        cmd = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect",
               "--suppressions=" + supp] + cmd
    elif STRACE and os.environ.get("JOURNEYMAP_NO_STRACE") is None and user is None:
        # (as another user, strace could not write its trace into tmp)
        cmd = [STRACE, "-f", "-qq", "-e", "trace=open,openat,connect", "-o", trace] + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIME_LIMIT, cwd=tmp,
                           user=user, group=user, extra_groups=[] if user is not None else None)
    except subprocess.TimeoutExpired:
        expect(name + ": finishes", False, "still running after %d s" % TIME_LIMIT)
        return None
    took = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = (p.stdout + p.stderr).decode("utf-8", "replace")
    expect(name + ": no signal", p.returncode >= 0, "signal %d" % -p.returncode)
    expect(name + ": exit %d" % want_status, p.returncode == want_status, "got %d: %s" % (p.returncode, out[:500]))
    if want_text:
        expect(name + ": says %r" % want_text, want_text in out, out[:500])
    # Every line on stderr is ours: a finding, the summary, or "journeymap: ...";
    # nothing a library printed on its own.
    err = p.stderr.decode("utf-8", "replace")
    # LeakSanitizer's statistics of suppressions it used (sanitizer builds).
    err = re.sub(r"-{20,}\nSuppressions used:\n(.*\n)*?-{20,}\n", "", err)
    stray = [l for l in err.splitlines() if l.strip()
             and not re.match(r"^(\S.*:\d+: (error|warning|note): |\S.*: (error|warning|note): |journeymap( [a-z]+)?: |\d+ files? checked: |==\d+== )", l)]
    expect(name + ": stderr holds only journeymap's own lines", not stray, stray[:3])
    expect(name + ": no valgrind report", not re.search(r"^==\d+== ", out, re.M), out[:1500])
    expect(name + ": no sanitizer report", not any(m.decode() in out for m in harness.SANITIZER_MARKS), out[:800])
    if peak > before:
        expect(name + ": memory under %d MiB" % MEMORY_LIMIT, peak / 1024 < MEMORY_LIMIT, "%d MiB" % (peak / 1024))
    if os.path.exists(trace):
        traced = open(trace).read()
        expect(name + ": never opens the canary", canary not in traced, canary)
        expect(name + ": no network", "connect(" not in traced or "AF_INET" not in traced,
               [l for l in traced.splitlines() if "connect(" in l][:3])
        os.unlink(trace)
    expect(name + ": nothing connected to the local port", not listener.connected)
    expect(name + ": canary content never shown", "CANARY-SECRET" not in out)
    return p, took


def world_traversable(path):
    """True when every folder from / down to path lets others pass."""
    path = os.path.realpath(path)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return False
        if path == "/":
            return True
        path = os.path.dirname(path)


def unreadable_case(tmp, canary, listener, text):
    """A file journeymap may not read: "cannot read FILE: Permission denied".
    Root reads anything, so as root (as in CI) the case runs as nobody. The
    checkout and the test's temporary folder may sit in a private folder
    (a clone in /root, or in a mktemp -d folder) that nobody cannot pass
    through, so the executable, the valgrind suppressions and the file go
    into a folder of their own where every parent is traversable."""
    if os.geteuid() != 0:
        locked = os.path.join(tmp, "locked.xml")
        open(locked, "w").write(text)
        os.chmod(locked, 0)
        run_case("unreadable", ["check", *T, locked], 2,
                 "cannot read %s: Permission denied" % locked, tmp, canary, listener)
        return
    parents = [d for d in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm")
               if os.path.isdir(d) and world_traversable(d)]
    expect("unreadable: a world-traversable temporary folder exists", parents, "none of /tmp, /var/tmp, /dev/shm")
    if not parents:
        return
    room = tempfile.mkdtemp(prefix="journeymap-unreadable-", dir=parents[0])
    try:
        os.chmod(room, 0o711)
        exe = os.path.join(room, "journeymap")
        shutil.copy(EXE, exe)
        os.chmod(exe, 0o755)
        supp = os.path.join(room, "valgrind.supp")
        shutil.copy(os.path.join(SRC, "tests", "valgrind.supp"), supp)
        os.chmod(supp, 0o644)
        locked = os.path.join(room, "locked.xml")
        open(locked, "w").write(text)
        os.chmod(locked, 0)
        # nobody may run the copy and pass through room, but not read the file.
        p = run_case("unreadable", ["check", *T, locked], 2,
                     "cannot read %s: Permission denied" % locked, room, canary, listener,
                     user=65534, exe=exe, supp=supp)
        expect("unreadable: ran as nobody", p is not None)
    finally:
        shutil.rmtree(room, ignore_errors=True)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        canary = os.path.join(tmp, "canary.txt")
        with open(canary, "w") as f:
            f.write("CANARY-SECRET\n")
        listener = Listener()
        url = "http://127.0.0.1:%d/x" % listener.port
        cases = []

        def case(name, text_or_bytes, status, msg, args=None, mode="check"):
            path = os.path.join(tmp, name + (".mmd" if mode == "import" else ".xml"))
            data = text_or_bytes if isinstance(text_or_bytes, bytes) else text_or_bytes.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            if mode == "check":
                a = ["check", *T, *(args or []), path]
            elif mode == "import":
                a = ["import", path]
            else:
                a = [mode, *T, *(args or []), path]
            cases.append((name, a, status, msg))

        good_body = stage(tp("t1", "One") + tp("t2", "Two"))
        # Entities and DTDs.
        laughs = HEAD + '<!DOCTYPE j [\n<!ENTITY a "aaaaaaaaaa">\n' + "".join(
            '<!ENTITY %s "%s">\n' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + \
            ']>\n<journey version="1" id="h" name="&j;"><stage id="s" name="S"/></journey>\n'
        case("billion-laughs", laughs, 1, "DOCTYPE")
        quad = HEAD + '<!DOCTYPE j [<!ENTITY a "%s">]>\n<journey version="1" id="h" name="%s"><stage id="s" name="S"/></journey>\n' % (
            "x" * 100000, "&a;" * 20000)
        case("quadratic-blowup", quad, 1, "DOCTYPE")
        case("external-entity-file", HEAD + '<!DOCTYPE j [<!ENTITY e SYSTEM "file://%s">]>\n'
             '<journey version="1" id="h" name="&e;"><stage id="s" name="S"/></journey>\n' % canary, 1, "DOCTYPE")
        case("external-entity-url", HEAD + '<!DOCTYPE j [<!ENTITY e SYSTEM "%s">]>\n'
             '<journey version="1" id="h" name="&e;"><stage id="s" name="S"/></journey>\n' % url, 1, "DOCTYPE")
        case("external-dtd", HEAD + '<!DOCTYPE journey SYSTEM "%s">\n<journey version="1" id="h" name="H">'
             '<stage id="s" name="S"/></journey>\n' % url, 1, "DOCTYPE")
        case("parameter-entities", HEAD + '<!DOCTYPE j [<!ENTITY %% p SYSTEM "file://%s"> %%p;]>\n'
             '<journey version="1" id="h" name="H"><stage id="s" name="S"/></journey>\n' % canary, 1, "DOCTYPE")
        case("xinclude", HEAD + '<journey version="1" id="h" name="H" xmlns:xi="http://www.w3.org/2001/XInclude">'
             '<xi:include href="%s" parse="text"/><stage id="s" name="S"/></journey>\n' % canary, 1, "[schema]")
        case("doctype-alone", HEAD + "<!DOCTYPE journey>\n", 1, "DOCTYPE")
        # Sizes.
        case("deep-nesting", HEAD + '<journey version="1" id="h" name="H">' + "<stage>" * 100000 +
             "</stage>" * 100000 + "</journey>\n", 1, "error")
        case("50MB-attribute", HEAD + '<journey version="1" id="h" name="' + "A" * (50 << 20) +
             '"><stage id="s" name="S"/></journey>\n', 1, "[xml-syntax]")
        many = "".join('    <touchpoint id="t%d" name="T" channel="web" initiator="customer"/>\n' % i
                       for i in range(200000))
        # Exactly the limit loads; a million stops at the one past it.
        case("200k-touchpoints-in-one-stage", journey('  <stage id="s" name="S">\n' + many + "  </stage>\n"), 0, "")
        many = "".join('    <touchpoint id="t%d" name="T" channel="web" initiator="customer"/>\n' % i
                       for i in range(1000000))
        case("1M-touchpoints-in-one-stage", journey('  <stage id="s" name="S">\n' + many + "  </stage>\n"), 1,
             ".xml:200005: error: the file has more than 200000 touchpoints (ours and competitors' together); "
             "split the journey [xml-syntax]")
        del many
        # Encodings and bytes.
        case("invalid-utf8", journey(stage(tp("t1", "Caf\udcff"))).encode("utf-8", "surrogateescape"), 1, "UTF-8")
        case("utf16-le-bom", b"\xff\xfe" + journey(good_body).encode("utf-16-le"), 1, "UTF-16")
        case("utf16-be-bom", b"\xfe\xff" + journey(good_body).encode("utf-16-be"), 1, "UTF-16")
        case("utf8-bom", b"\xef\xbb\xbf" + journey(good_body).encode(), 0, "")
        case("euc-jp-invalid-bytes", b'<?xml version="1.0" encoding="EUC-JP"?>\n<journey id="a">\xa4\xa4\xff\xff</journey>\n',
             1, 'declares encoding "EUC-JP"')
        case("nul-byte", journey(good_body).encode().replace(b"<owners>", b"<owners>\x00"), 1, "NUL")
        case("empty", b"", 1, "empty")
        case("gzip", gzip.compress(journey(good_body).encode()), 1, "gzip")
        # Ids and text that mean something to Graphviz, HTML, Markdown, JSON.
        meta = '&lt;/TABLE&gt; &quot; \\N \\G \\ | # * [x](javascript:alert(1)) {} ; -&gt; &amp;amp; `'
        kw = "".join(tp(k, meta) for k in ("node", "edge", "graph", "subgraph", "strict", "digraph"))
        case("graphviz-keywords-dot", journey(stage(kw)), 0, "digraph", ["-T", "dot"], mode="diagram")
        case("graphviz-keywords-svg", journey(stage(kw)), 0, "<svg", ["-T", "svg"], mode="diagram")
        case("graphviz-keywords-lanes-dot", journey(stage(kw)), 0, "digraph", ["--view", "lanes", "-T", "dot"],
             mode="diagram")
        case("graphviz-keywords-lanes-pdf", journey(stage(kw)), 0, "%PDF-", ["--view", "lanes", "--page", "A3",
                                                                            "-T", "pdf"], mode="diagram")
        case("metachars-checklist", journey(stage(kw)), 0, "[ ]", mode="checklist")
        case("metachars-agenda", journey(stage(kw.replace('score="3"', 'score="1"'))), 0, "[low-score]", mode="agenda")
        case("metachars-agenda-html", journey(stage(kw.replace('score="3"', 'score="1"'))), 0, "&lt;/TABLE&gt;",
             ["--html", "--by", "owner"], mode="agenda")
        # An agenda of 20,000 weak touchpoints, each followed by a silence and
        # behind a competitor: every index it keeps stays linear.
        busy = "".join('  <stage id="b%d" name="B" days="100000">\n%s  </stage>\n' % (s, "".join(
            '    <touchpoint id="t%d-%d" name="T" channel="web" initiator="company" owner="o" day="%d" score="1"/>\n'
            % (s, k, k * 40) for k in range(2500))) for s in range(8))
        rates = "".join('    <rating touchpoint="t%d-%d" score="5"/>\n' % (s, k) for s in range(8) for k in range(2500))
        case("agenda-20k-weak-gaps-rivals", journey(busy + '  <competitor id="c" name="C">\n' + rates +
             "  </competitor>\n"), 0, "The most urgent 10 of 20000", mode="agenda")
        del busy, rates
        case("metachars-json", journey(stage(kw)), 0, '"rule"', ["--format", "json"], mode="check")
        case("metachars-sarif", journey(stage(kw)), 0, '"2.1.0"', ["--format", "sarif"], mode="check")
        loops = stage(tp("a", "A", "") .replace("/>", '><next to="a"/><next to="b" share="0.5"/></touchpoint>') +
                      tp("b", "B").replace("/>", '><next to="a"/></touchpoint>'))
        case("next-cycles-self-loops", journey(loops), 0, "<svg", ["-T", "svg"], mode="diagram")
        # Dates and numbers.
        case("date-0000-00-00", journey(good_body.replace('days="10"', 'days="10"'), '\n  <review date="0000-00-00"/>'), 1, "[invalid-value]")
        case("date-9999-12-31", journey(good_body, '\n  <review date="9999-12-31"/>'), 0, "")
        for num in ("1e308", "NaN", "0x10", "9" * 400, "-0", "+3", " 3", "3.0"):
            case("score-" + num.strip()[:12], journey(stage(tp("t1", "T").replace('score="3"', 'score="%s"' % num))), 1, "[invalid-value]")
        case("emotion-minus-zero", journey(stage(tp("t1", "T", ' emotion="-0"'))), 0, "")
        case("metric-huge", journey(stage(tp("t1").replace("/>", '><metric name="x-big" value="1e308"/></touchpoint>'))), 1, "[invalid-value]")
        # Labels for Graphviz.
        case("label-backslash-end", journey(stage(tp("t1", "ends in a backslash \\"))), 0, "<svg", ["-T", "svg"], mode="diagram")
        case("label-char-ref-1", journey(stage(tp("t1", "bad &#1; char"))), 1, "[xml-syntax]")
        case("label-20000-chars", journey(stage(tp("t1", "W" * 20000))), 0, "<svg", ["-T", "svg"], mode="diagram")
        # cmark's quadratic cases, inside the 100,000-byte limit.
        for what, md in (("brackets", "[" * 40000 + "a" + "]" * 40000),
                         ("emphasis", "*a " * 20000 + "**b" * 10000),
                         ("backticks", "`a" * 45000)):
            body = stage(tp("t1").replace("/>", "><note>%s</note></touchpoint>" % md))
            case("cmark-" + what, journey(body), 0, "# Hostile", mode="checklist")
        case("markdown-over-limit", journey(stage(tp("t1").replace("/>", "><note>%s</note></touchpoint>" % ("x" * 100001)))), 1, "[invalid-value]")
        # Mermaid.
        case("mermaid-huge-line", "journey\n  section S\n    " + "x" * 1000000 + ": 3: Me\n", 0, "<journey", mode="import")
        case("mermaid-nul", b"journey\n  section S\n    A\x00: 3: Me\n", 1, "UTF-8", mode="import")

        for name, args, status, msg in cases:
            run_case(name, args, status, msg, tmp, canary, listener)

        # Things that are not files.
        fifo = os.path.join(tmp, "fifo.xml")
        os.mkfifo(fifo)
        run_case("fifo-check", ["check", *T, fifo], 2, "not a regular file", tmp, canary, listener)
        run_case("fifo-import", ["import", fifo], 2, "not a regular file", tmp, canary, listener)
        run_case("folder-as-file", ["diagram", *T, tmp], 2, "folder", tmp, canary, listener)
        unreadable_case(tmp, canary, listener, journey(good_body))
        listener.close()
    print("%d hostile cases run%s" % (len(cases) + 4, "" if STRACE else " (strace absent: file and network checks by outcome only)"))


main()
harness.finish("ok")
