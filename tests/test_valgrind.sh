#!/bin/sh
# Our code is valgrind-clean: every command over the models and fixtures,
# with full leak checking. Usage: test_valgrind.sh JOURNEYMAP SRCDIR SANITIZE
# Skips (77) without valgrind, or in a sanitizer build (ASan and valgrind
# do not mix). Suppressions (tests/valgrind.supp) cover only Debian's
# Graphviz/fontconfig internals, never our own frames.
set -u
exe=$1 src=$2 sanitize=$3
if [ "$sanitize" != none ]; then
    echo "skip: sanitizer build ($sanitize)"
    exit 77
fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "skip: valgrind is not installed"
    exit 77
fi
status=0
run() {
    # 99 = valgrind found an error or a definite/indirect leak.
    valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        --suppressions="$src/tests/valgrind.supp" "$exe" "$@" >/dev/null 2>"$log"
    rc=$?
    if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*==' "$log"; then
        echo "valgrind: journeymap $*"
        cat "$log"
        status=1
    fi
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run check --today 2026-11-01 "$src/models"
run check --today 2026-11-01 --format json "$src/tests/fixtures/valid" "$src/tests/fixtures/errors"
run check --today 2026-11-01 "$src/tests/fixtures/workspaces/duplicate-journey"
run check --today 2026-11-01 "$src/models/smb-owners.xml" /nonexistent.xml
run check --bogus
out=$(mktemp -d)
for t in dot svg png pdf; do
    run diagram --today 2026-11-01 -T "$t" -o "$out/e.$t" --competitor datacorp \
        "$src/models/enterprise-committee.xml"
done
run diagram --today 2026-11-01 -T svg -o "$out/h.svg" "$src/tests/fixtures/diagram/hostile.xml"
run diagram --today 2026-11-01 --view lanes --competitor rival -T svg -o "$out/hl.svg" \
    "$src/tests/fixtures/diagram/hostile.xml"
for t in png pdf; do
    run diagram --today 2026-11-01 --view lanes --page A3 -T "$t" -o "$out/l.$t" \
        "$src/models/smb-owners.xml"
done
run diagram --today 2026-11-01 --page screen -T png -o "$out/s.png" "$src/models/smb-owners.xml"
run diagram --today 2026-11-01 -T svg -o "$out/x.svg" "$src/tests/fixtures/errors/schema-channel.xml"
run checklist --today 2026-11-01 -o "$out/c.md" "$src/tests/fixtures/checklist/hostile-markdown.xml"
run checklist --today 2026-11-01 --html -o "$out/c.html" "$src/models/smb-owners.xml"
run compare --today 2026-11-01 -o "$out/c.md" "$src/models" "$src/tests/fixtures/compare"
run compare --today 2026-11-01 -T svg -o "$out/c.svg" "$src/models"
run agenda --today 2026-11-01 -o "$out/a.md" "$src/models" "$src/tests/fixtures/agenda"
run agenda --today 2026-11-01 --html --by owner --top 3 -o "$out/a.html" "$src/tests/fixtures/agenda"
run build --today 2026-11-01 -o "$out/site" "$src/models"
for t in md json svg; do
    run diff --today 2026-11-01 -T "$t" -o "$out/d.$t" "$src/tests/fixtures/diff/old.xml" \
        "$src/tests/fixtures/diff/new.xml"
done
if command -v git >/dev/null 2>&1; then # --rev and build --since read a repository with libgit2
    repo="$out/repo"
    mkdir -p "$repo/models"
    cp "$src/tests/fixtures/diff/old.xml" "$repo/models/shop.xml"
    (cd "$repo" && git init -q && git add . && GIT_CONFIG_GLOBAL=/dev/null git -c user.name=t \
        -c user.email=t@example.org commit -qm one) >/dev/null 2>&1
    cp "$src/tests/fixtures/diff/new.xml" "$repo/models/shop.xml"
    run diff --today 2026-11-01 --rev HEAD "$repo/models"
    run build --today 2026-11-01 --since HEAD -o "$out/since" "$repo/models"
fi
run export --to mermaid --today 2026-11-01 -o "$out/smb.mmd" "$src/models/smb-owners.xml"
run import -o "$out/smb.xml" "$out/smb.mmd"
if [ -d "$src/../shared/corpus/mermaid" ]; then
    for m in "$src"/../shared/corpus/mermaid/*.mmd; do
        run import --force -o "$out/m.xml" "$m"
    done
fi
inv="$src/tests/fixtures/inventory"
run export --to csv --bom --today 2026-11-01 -o "$out/all.csv" "$src/models"
mkdir "$out/journeys"
run import -o "$out/journeys/" "$out/all.csv"
for f in "$inv"/import/*.csv "$inv"/import/*.tsv "$inv"/errors/*.csv; do
    run import --force -o "$out/i.xml" "$f"
done
run coverage --today 2026-11-01 -o "$out/cov.md" "$src/models" "$inv/coverage"
run coverage --today 2026-11-01 -T svg -o "$out/cov.svg" "$src/models" "$inv/coverage"
ev="$src/tests/fixtures/evidence"
for t in md json svg; do
    run evidence -T "$t" -o "$out/ev.$t" --from 2025-06-01 --as-of 2026-03-01 "$ev/plan.xml" \
        "$ev/cases/silence.csv" "$ev/cases/unknown-touchpoint.csv"
done
for f in "$ev"/bad/*.csv; do
    run evidence "$ev/plan.xml" "$f"
done
mkdir "$out/logs"
cp "$ev/cases/silence.csv" "$out/logs/"
run build --today 2026-11-01 --logs "$out/logs" -o "$out/evsite" "$src/models"
rm -rf "$out"
[ "$status" -eq 0 ] && echo "ok: no valgrind errors or leaks"
exit "$status"
