#!/usr/bin/env python3
"""The layering rules of docs/architecture.md, checked on the sources.

Usage: test_architecture.py SRC_ROOT [JOURNEYMAP]
       test_architecture.py SRC_ROOT --self-test

1. src/ holds no source file at its top level, only the stage folders.
2. Stages come in the order data flows: core, read, check, render, write,
   cli. A file includes headers of its own stage or earlier ones only
   (the rules never include a renderer; the model never includes a rule).
3. Each outside library is included only in its home: libxml2 in
   read/xmlread.c; libcsv in read/csvread.c; Graphviz in render/graphviz/; cmark in render/cmark/;
   jansson in render/jansson/. A home that is a folder holds only files
   that use its library (directly or through the folder's own header).
4. Every file opens with a comment saying what it is for; every header's
   opening comment has an "Ownership" paragraph.
5. No two files define a static function of the same name (a grep for a
   helper finds one definition).
6. No source file over 900 lines; no function over 80 lines (from the line
   of its name to its closing brace, as Universal Ctags' end: counts).
7. With JOURNEYMAP: no global symbol of the program has the name of one a
   shared library it loads defines (libgvc's graph_cleanup() was once
   shadowed by ours, and every layout leaked).

--self-test copies the sources, breaks rules 2, 3 and 5 one at a time,
and fails unless each break is reported.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

STAGES = ["core", "read", "check", "render", "write", "cli"]

# library: (header pattern, home: a file or a folder, relative to src/)
LIBRARIES = {
    "libxml2": (re.compile(r"^libxml/"), "read/xmlread.c"),
    "Graphviz": (re.compile(r"^(graphviz/|cgraph\.h$|gvc\.h$|cdt\.h$)"), "render/graphviz/"),
    "cmark": (re.compile(r"^cmark"), "render/cmark/"),
    "cairo": (re.compile(r"^cairo"), "render/graphviz/page.c"),
    "libgit2": (re.compile(r"^git2"), "read/gitread.c"),
    "libcsv": (re.compile(r"^csv\.h$"), "read/csvread.c"),
    "jansson": (re.compile(r"^jansson"), "render/jansson/"),
}

MAX_FILE_LINES = 900
MAX_FUNCTION_LINES = 80

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# A function definition in the house style: the return type on one line,
# then the name at the start of the next, and the body's braces at column 0.
DEFINITION = re.compile(r"^(static\s+)?[A-Za-z_][\w\s\*]*\n([A-Za-z_]\w*)\(", re.M)


def sources(src):
    for folder, _, names in os.walk(src):
        for name in sorted(names):
            if name.endswith((".c", ".h")):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, src), open(path, encoding="utf-8").read()


def stage_of(rel):
    return rel.split("/", 1)[0] if "/" in rel else None


def home_of(lib_home, rel):
    return rel.startswith(lib_home) if lib_home.endswith("/") else rel == lib_home


def functions(text):
    """(name, is_static, first line, last line) of each function definition."""
    lines = text.split("\n")
    for m in DEFINITION.finditer(text):
        name_line = text.count("\n", 0, m.start(2))  # 0-based line of the name
        # The body opens at column 0 after the parameters; a prototype ends with ';'.
        k = name_line
        while k < len(lines) and not lines[k].startswith("{"):
            if lines[k].rstrip().endswith(";"):
                break
            k += 1
        if k >= len(lines) or not lines[k].startswith("{"):
            continue
        end = k + 1
        while end < len(lines) and not lines[end].startswith("}"):
            end += 1
        yield m.group(2), bool(m.group(1)), name_line + 1, end + 1


def check_sources(src):
    problems = []
    files = dict(sources(src))

    for rel in files:
        if "/" not in rel:
            problems.append("%s: a source file at the top of src/ (put it in a stage folder)" % rel)
        elif stage_of(rel) not in STAGES:
            problems.append("%s: %s/ is not a stage folder (%s)" % (rel, stage_of(rel),
                                                                     ", ".join(STAGES)))

    statics = {}
    for rel, text in files.items():
        stage = stage_of(rel)
        uses = set()
        for kind, header in INCLUDE.findall(text):
            if kind == '"':
                if "/" not in header:
                    if header != "config.h":
                        problems.append("%s: includes \"%s\" without its folder" % (rel, header))
                    continue
                other = header.split("/", 1)[0]
                if stage in STAGES and other in STAGES and \
                        STAGES.index(other) > STAGES.index(stage):
                    problems.append("%s: includes %s, a later stage (%s comes after %s)"
                                    % (rel, header, other, stage))
                for lib, (_, home) in LIBRARIES.items():
                    if home.endswith("/") and header.startswith(home):
                        uses.add(lib)
                continue
            for lib, (pattern, home) in LIBRARIES.items():
                if pattern.search(header):
                    uses.add(lib)
                    if not home_of(home, rel):
                        problems.append("%s: includes <%s>; %s belongs in %s only"
                                        % (rel, header, lib, home))
        for lib, (_, home) in LIBRARIES.items():
            if home.endswith("/") and home_of(home, rel) and lib not in uses:
                problems.append("%s: in %s, the home of %s, but does not use it"
                                % (rel, home, lib))

        if not text.startswith("/*"):
            problems.append("%s: does not open with a comment saying what it is for" % rel)
        elif rel.endswith(".h") and "Ownership" not in text[:text.find("*/")]:
            problems.append("%s: its opening comment has no Ownership paragraph" % rel)

        n_lines = text.count("\n")
        if n_lines > MAX_FILE_LINES:
            problems.append("%s: %d lines (at most %d: split it along its seams)"
                            % (rel, n_lines, MAX_FILE_LINES))
        for name, is_static, first, last in functions(text):
            if last - first + 1 > MAX_FUNCTION_LINES:
                problems.append("%s:%d: %s() is %d lines (at most %d)"
                                % (rel, first, name, last - first + 1, MAX_FUNCTION_LINES))
            if is_static:
                statics.setdefault(name, []).append(rel)
    for name, where in sorted(statics.items()):
        if len(where) > 1:
            problems.append("static %s() is defined in %s: give each a name of its file's"
                            % (name, " and ".join(where)))
    return problems, len(files)


def shared_libraries(exe):
    out = subprocess.run(["ldd", exe], capture_output=True, text=True).stdout
    libs = [m.group(1) for m in re.finditer(r"=>\s+(/\S+)", out)]
    plugins = "/usr/lib/x86_64-linux-gnu/graphviz"
    for folder in [plugins] + [os.path.join(os.path.dirname(l), "graphviz") for l in libs]:
        if os.path.isdir(folder):
            libs += [os.path.join(folder, n) for n in os.listdir(folder) if ".so" in n]
    return sorted(set(libs))


def defined(path, dynamic):
    args = ["nm", "--defined-only"] + (["-D"] if dynamic else []) + [path]
    p = subprocess.run(args, capture_output=True, text=True)
    return {f[2] for f in (l.split() for l in p.stdout.splitlines())
            if len(f) == 3 and f[1] in "TDBRVW" and not f[2].startswith("_")}


def check_symbols(exe):
    if not shutil.which("nm") or not shutil.which("ldd"):
        return ["nm and ldd are needed to compare symbols"]
    ours = defined(exe, False) - {"main"}
    problems = []
    for lib in shared_libraries(exe):
        if "libasan" in lib or "libubsan" in lib:
            continue
        for name in sorted(ours & defined(lib, True)):
            problems.append("our %s() has the name of one in %s; the library's own calls "
                            "would reach ours" % (name, os.path.basename(lib)))
    return problems


def self_test(src):
    """Each break of a rule must be reported."""
    breaks = [
        ("check/rules.c", "#include <cmark.h>\n", "cmark belongs in render/cmark/"),
        ("core/model.c", '#include "check/rules.h"\n', "a later stage"),
        ("check/timeline.c", "static int\nrules_run_x(void)\n{\n    return 0;\n}\n", None),
    ]
    failed = []
    for rel, line, want in breaks:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "src")
            shutil.copytree(src, copy)
            path = os.path.join(copy, rel)
            text = open(path, encoding="utf-8").read()
            if want is None:  # a static name another file has too
                other = "check/rules.c"
                open(os.path.join(copy, other), "a").write(line)
                want = "static rules_run_x() is defined in"
            end = text.find("*/") + 3
            open(path, "w").write(text[:end] + line + text[end:])
            problems, _ = check_sources(copy)
            if not any(want in p for p in problems):
                failed.append("breaking %s with %r was not reported (%s)"
                              % (rel, line.strip(), problems))
    return failed


def main():
    root = sys.argv[1]
    src = os.path.join(root, "src")
    if "--self-test" in sys.argv[2:]:
        failed = self_test(src)
        print("\n".join(failed) if failed else "ok: every break reported")
        return 1 if failed else 0
    problems, n = check_sources(src)
    if n == 0:
        print("no source file found under %s" % src)
        return 1
    exe = sys.argv[2] if len(sys.argv) > 2 else None
    if exe:
        problems += check_symbols(exe)
    if problems:
        print("\n".join(problems))
        return 1
    print("ok: %d files keep the layering rules" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
