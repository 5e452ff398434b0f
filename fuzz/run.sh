#!/bin/sh
# Run every libFuzzer harness for SECONDS each (default 60) and print the
# number of executions and corpus size per harness. `fuzz/run.sh ci` runs
# a fixed number of inputs per harness from a fixed seed instead, so that
# the CI run is the same on every machine. Builds build-fuzz
# (clang, ASan+UBSan) if needed. Seeds: models/, the test fixtures, and
# the Mermaid export of each model (plus ../shared/corpus/mermaid when
# present); found inputs are kept in build-fuzz/corpus-*.
#   fuzz/run.sh 60          # the CI smoke run
#   fuzz/run.sh 36000       # a night
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
ci=false
if [ "$seconds" = ci ]; then
    ci=true
    seconds=600
fi
if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz fuzz/fuzz_load fuzz/fuzz_emit fuzz/fuzz_mermaid journeymap >/dev/null
for h in load emit mermaid; do
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
if [ -d ../shared/corpus/mermaid ]; then
    cp ../shared/corpus/mermaid/*.mmd build-fuzz/seeds-mermaid/
fi
status=0
for h in load emit mermaid; do
    log="build-fuzz/fuzz-$h.log"
    dict=""
    [ "$h" = mermaid ] || dict="-dict=fuzz/xml.dict"
    limit="-max_total_time=$seconds"
    if $ci; then
        case $h in
        load) runs=60000 ;;
        emit) runs=15000 ;;
        *) runs=150000 ;;
        esac
        limit="-seed=1 -runs=$runs"
    fi
    if ASAN_OPTIONS=detect_leaks=1 \
        LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
        "build-fuzz/fuzz/fuzz_$h" $dict $limit -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        "build-fuzz/corpus-$h" "build-fuzz/seeds-$h" >"$log" 2>&1; then
        done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
        echo "fuzz_$h: ${done_runs:-?} executions, corpus $(ls "build-fuzz/corpus-$h" | wc -l) inputs, no crash"
    else
        echo "fuzz_$h: FAILED, see $log"
        grep -m5 -E "ERROR|SUMMARY|Test unit written" "$log" || true
        status=1
    fi
done
exit $status
