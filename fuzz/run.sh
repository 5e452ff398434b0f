#!/bin/sh
# Run the libFuzzer harnesses and print the number of executions and the
# corpus size of each.
#   fuzz/run.sh [SECONDS | ci | --runs N] [load|emit|mermaid|csv|log ...]
#   fuzz/run.sh 60                      # 60 s per harness (default)
#   fuzz/run.sh ci                      # CI: fixed seed, fixed input counts
#   fuzz/run.sh --runs 10000000 emit    # the long run (hours)
# FUZZ_FLAGS adds libFuzzer options, e.g. FUZZ_FLAGS=-entropic=0 (a third
# faster on fuzz_emit, whose inputs are cheap next to libFuzzer's own
# bookkeeping), or FUZZ_FLAGS=-fork=2 to run one harness on two cores
# (-runs then counts the executions of all jobs together, and the run ends
# with the job that passes it).
# Builds build-fuzz (clang, ASan+UBSan) if needed. Seeds: models/, the test
# fixtures, and the Mermaid export of each model (plus
# ../shared/corpus/mermaid when present); found inputs are kept in
# build-fuzz/corpus-*, so successive runs build on each other. Crash, leak,
# timeout and oom inputs land in build-fuzz/artifacts-*, and sanitizer
# reports from every process in build-fuzz/reports-*; a new artifact or any
# report fails the run, whatever libFuzzer's exit status.
set -eu
cd "$(dirname "$0")/.."
seconds=60
ci=false
runs=""
case "${1:-}" in
ci) ci=true; shift ;;
--runs) runs=$2; shift 2 ;;
[0-9]*) seconds=$1; shift ;;
esac
harnesses=${*:-load emit mermaid csv log}
if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz fuzz/fuzz_load fuzz/fuzz_emit fuzz/fuzz_mermaid fuzz/fuzz_csv fuzz/fuzz_log journeymap >/dev/null
for h in load emit mermaid csv log; do
    mkdir -p "build-fuzz/corpus-$h" "build-fuzz/seeds-$h"
done
for f in models/*.xml tests/fixtures/*/*.xml tests/fixtures/workspaces/*/*.xml; do
    n=$(echo "$f" | tr '/' '_')
    cp "$f" "build-fuzz/seeds-load/$n"
    cp "$f" "build-fuzz/seeds-emit/$n"
done
for f in models/*.xml; do
    ASAN_OPTIONS=detect_leaks=0 build-fuzz/journeymap export --to mermaid --today 2026-11-01 \
        -o "build-fuzz/seeds-mermaid/$(basename "$f" .xml).mmd" "$f" || true
done
for f in models/*.xml; do
    ASAN_OPTIONS=detect_leaks=0 build-fuzz/journeymap export --to csv --today 2026-11-01 \
        -o "build-fuzz/seeds-csv/$(basename "$f" .xml).csv" "$f" || true
done
cp tests/fixtures/inventory/import/*.csv tests/fixtures/inventory/import/*.tsv \
    tests/fixtures/inventory/errors/*.csv build-fuzz/seeds-csv/
cp tests/fixtures/evidence/cases/*.csv tests/fixtures/evidence/bad/*.csv build-fuzz/seeds-log/
if [ -d ../shared/corpus/mermaid ]; then
    cp ../shared/corpus/mermaid/*.mmd build-fuzz/seeds-mermaid/
fi
status=0
for h in $harnesses; do
    log="build-fuzz/fuzz-$h.log"
    dict=""
    case $h in load | emit) dict="-dict=fuzz/xml.dict" ;; esac
    limit="-max_total_time=$seconds"
    if $ci; then
        case $h in
        load) runs=60000 ;;
        emit) runs=15000 ;;
        csv) runs=60000 ;;
        log) runs=60000 ;;
        *) runs=150000 ;;
        esac
        limit="-seed=1 -runs=$runs"
    elif [ -n "$runs" ]; then
        limit="-runs=$runs"
    fi
    # Crash, leak, timeout and oom inputs go to a folder of their own (kept
    # from run to run), so that one written by a process libFuzzer does not
    # count (in -fork mode, the merge after each job) still fails the run.
    art="build-fuzz/artifacts-$h"
    mkdir -p "$art"
    found=$(ls "$art" | wc -l)
    # Every sanitizer report, from every process, goes to a file here (the
    # log of a -fork job is deleted with the job, and a merge process's
    # output goes to /dev/null): any report fails the run.
    rep="build-fuzz/reports-$h"
    rm -rf "$rep"
    mkdir -p "$rep"
    # A smaller quarantine and short allocation stacks: the harnesses
    # allocate a lot, and this doubles their rate. To see a crash's full
    # allocation stack, rerun the harness on the crash file without them.
    # Undefined behaviour stops the process, so libFuzzer keeps its input.
    ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=16:malloc_context_size=2:log_path="$PWD/$rep/report" \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path="$PWD/$rep/report" \
        LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
        "build-fuzz/fuzz/fuzz_$h" $dict $limit ${FUZZ_FLAGS:-} -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$art/" "build-fuzz/corpus-$h" "build-fuzz/seeds-$h" \
        >"$log" 2>&1 && rc=0 || rc=$?
    if [ "$rc" = 0 ] && [ "$(ls "$art" | wc -l)" = "$found" ] && [ -z "$(ls "$rep")" ]; then
        done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
        # With FUZZ_FLAGS=-fork=N (N processes, one harness) libFuzzer prints
        # no final stats, only the executions of all jobs as it goes.
        [ -n "$done_runs" ] || done_runs=$(grep -o '^#[0-9]*:' "$log" | tail -1 | tr -d '#:' || true)
        echo "fuzz_$h: ${done_runs:-?} executions, corpus $(ls "build-fuzz/corpus-$h" | wc -l) inputs, no crash"
    else
        echo "fuzz_$h: FAILED (exit status $rc), see $log, $rep/ and $art/"
        ls "$art"
        grep -m5 -E "ERROR|SUMMARY|Test unit written" "$log" || true
        for r in "$rep"/*; do
            [ -f "$r" ] && { echo "$r:"; grep -m5 -E "ERROR|runtime error|SUMMARY" "$r" || true; }
        done
        status=1
    fi
done
exit $status
