"""Fault injection: failed writes and failed allocations never cost data.

    test_faults.py JOURNEYMAP SRCDIR FAILMALLOC.so|-

For every command that writes a file: a full disk (/dev/full), a file-size
limit reached midway (`ulimit -f`, with SIGXFSZ at its default action, as in
a shell), a folder that cannot be written and one that does not exist. Each
must exit 2 naming the file, leave the previous output byte for byte, and
leave no temporary file behind.

Then allocation failure: with tests/failmalloc.c preloaded, the Nth
allocation made by journeymap's own code fails, for N sampled across the
whole run of `diagram`, `checklist` and `build`. Each run must either end
with "journeymap: out of memory" and SIGABRT, or (N past the last
allocation) succeed; every output file is then either its old content or
its complete new content, and no temporary file is left. Skipped (77) for
sanitizer builds, whose allocator cannot be preloaded over.
"""
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

import harness
from harness import expect

EXE, SRC = (os.path.abspath(a) for a in sys.argv[1:3])
SHIM = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "-" else None
T = ["--today", "2026-11-01"]
MODEL = os.path.join(SRC, "models", "smb-owners.xml")
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9]{6}$")  # write_aside()'s ".NAME.XXXXXX"




def run(args, cwd, env_extra=None, fsize=None):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(env_extra or {})

    def limit():
        # Python ignores SIGXFSZ and children inherit that; a shell does not.
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([EXE, *args], cwd=cwd, env=env, capture_output=True, timeout=120,
                          preexec_fn=limit)


def temp_files(folder):
    return [n for n in os.listdir(folder) if TEMP_NAME.match(n)]


def snapshot(folder):
    return {n: open(os.path.join(folder, n), "rb").read() for n in os.listdir(folder)
            if os.path.isfile(os.path.join(folder, n))}


# What each writing command writes, as (name, argv before "-o OUT", argv after).
def writers(tmp):
    mmd = os.path.join(tmp, "in.mmd")
    with open(mmd, "w") as f:
        f.write("journey\n  title T\n  section S\n    Call us: 3: Support\n")
    return [
        ("diagram svg", ["diagram", *T, "-T", "svg"], [MODEL]),
        ("diagram dot", ["diagram", *T, "-T", "dot"], [MODEL]),
        ("checklist", ["checklist", *T], [MODEL]),
        ("compare", ["compare", *T], [os.path.join(SRC, "models")]),
        ("export", ["export", "--to", "mermaid", *T], [MODEL]),
        ("import", ["import", "--force"], [mmd]),
    ]


def write_failures(tmp):
    unwritable = "/proc" if os.geteuid() == 0 else os.path.join(tmp, "locked")
    if unwritable != "/proc":
        os.mkdir(unwritable, 0o500)
    for name, before, after in writers(tmp):
        folder = os.path.join(tmp, "w-" + name.replace(" ", "-"))
        os.mkdir(folder)
        out = os.path.join(folder, "out")
        good = run([*before, "-o", out, *after], folder)
        expect(name + ": writes", good.returncode in (0, 1) and os.path.getsize(out) > 0,
               good.stderr.decode()[:300])
        old = b"previous output, to be kept\n"
        with open(out, "wb") as f:
            f.write(old)
        cases = [("disk full", "/dev/full", None, "No space left on device"),
                 ("file-size limit midway", out, 16, "File too large"),
                 ("unwritable folder", os.path.join(unwritable, "out"), None, "cannot write"),
                 ("missing folder", os.path.join(folder, "no", "such", "out"), None,
                  "No such file or directory")]
        for what, target, fsize, says in cases:
            if what == "disk full" and not os.path.exists("/dev/full"):
                continue
            p = run([*before, "-o", target, *after], folder, fsize=fsize)
            err = p.stderr.decode("utf-8", "replace")
            label = "%s, %s" % (name, what)
            expect(label + ": exit 2", p.returncode == 2, "got %d: %s" % (p.returncode, err[:300]))
            expect(label + ": names the file and the cause",
                   "cannot write %s: " % target in err and says in err, err[:300])
            expect(label + ": previous output intact", open(out, "rb").read() == old)
            expect(label + ": no temporary file", not temp_files(folder), temp_files(folder))


def alloc_failures(tmp):
    def sweep(name, args, cwd, outputs_dir, samples):
        env = {"LD_PRELOAD": SHIM, "FAILMALLOC_REPORT": "1"}
        p = run(args, cwd, env)
        m = re.search(r"failmalloc: (\d+)", p.stderr.decode())
        expect(name + ": preloaded allocation counter reports", m and p.returncode in (0, 1),
               p.stderr.decode()[-300:])
        if not m:
            return 0
        total = int(m.group(1))
        new = snapshot(outputs_dir)  # the complete new outputs
        picks = sorted(set(list(range(1, 21)) +
                           [1 + (total - 1) * i // samples for i in range(samples + 1)] +
                           [total + 1]))
        for n in picks:
            for f in new:  # mark every output as old (the build record stays real)
                if f == ".journeymap-build":
                    continue
                with open(os.path.join(outputs_dir, f), "wb") as fh:
                    fh.write(b"OLD " + f.encode())
            p = run(args, cwd, {"LD_PRELOAD": SHIM, "FAILMALLOC_NTH": str(n)})
            err = p.stderr.decode("utf-8", "replace")
            label = "%s, allocation %d of %d fails" % (name, n, total)
            if n <= total:
                expect(label + ": aborts", p.returncode == -signal.SIGABRT,
                       "got %d: %s" % (p.returncode, err[-300:]))
                expect(label + ": says out of memory",
                       err.rstrip().endswith("journeymap: out of memory"), err[-300:])
            else:
                expect(label + ": succeeds", p.returncode in (0, 1), err[-300:])
            after = snapshot(outputs_dir)
            for f, content in after.items():
                if TEMP_NAME.match(f):
                    continue
                expect(label + ": %s is old or complete" % f,
                       content in (b"OLD " + f.encode(), new.get(f)) or
                       (f == ".journeymap-build" and content == new.get(f)),
                       "%d bytes" % len(content))
            expect(label + ": no temporary file", not temp_files(outputs_dir),
                   temp_files(outputs_dir))
        return len(picks)

    runs = 0
    d = os.path.join(tmp, "alloc-diagram")
    os.mkdir(d)
    runs += sweep("diagram", ["diagram", *T, "-T", "svg", "-o", "out.svg", MODEL], d, d, 60)
    c = os.path.join(tmp, "alloc-checklist")
    os.mkdir(c)
    runs += sweep("checklist", ["checklist", *T, "-o", "out.md", MODEL], c, c, 60)
    b = os.path.join(tmp, "alloc-build")
    os.mkdir(b)
    first = run(["build", *T, "-o", "out", os.path.join(SRC, "models")], b)
    expect("build writes", first.returncode in (0, 1), first.stderr.decode()[-300:])
    runs += sweep("build", ["build", *T, "-o", "out", os.path.join(SRC, "models")], b,
                  os.path.join(b, "out"), 40)
    return runs


def main():
    with tempfile.TemporaryDirectory() as tmp:
        write_failures(tmp)
        runs = 0
        if SHIM:
            runs = alloc_failures(tmp)
    harness.finish("ok: %d checks; %d runs with one failed allocation%s" %
                   (harness.checks, runs, "" if SHIM else " (no shim: sanitizer build)"), most=40)


main()
