#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_long.sh - `make fuzz`: each target for FUZZ_SECONDS (default 120)
# seconds, FUZZ_PARALLEL (default 2, at most 2) targets at a time, one worker
# each. Corpora grow in build/fuzz/corpus/<target>/ (seeded from
# tests/fuzz/corpus/<target>/), logs in build/fuzz/logs/, crashing inputs in
# build/fuzz/findings/. Ends with a table; exits 1 if anything was found.
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=${FUZZ_BIN_DIR:-build/fuzz}
SECS=${FUZZ_SECONDS:-120}
PAR=${FUZZ_PARALLEL:-2}
[ "$PAR" -gt 2 ] && PAR=2
[ "$PAR" -lt 1 ] && PAR=1
TARGETS=${*:-http_response json url http_request client config args ca_scan redact}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp
mkdir -p "$BIN/logs" "$BIN/findings"

run_one() {
    local t=$1
    mkdir -p "$BIN/corpus/$t"
    rm -f "$BIN/findings/$t-"*.new
    "$BIN/fuzz_$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$BIN/findings/$t-" "$BIN/corpus/$t" "tests/fuzz/corpus/$t" \
        > "$BIN/logs/$t.log" 2>&1
    echo $? > "$BIN/logs/$t.rc"
}

start=$(date +%s)
running=0
for t in $TARGETS; do
    [ -x "$BIN/fuzz_$t" ] || { echo "missing $BIN/fuzz_$t (make fuzz-build)"; exit 1; }
    : > "$BIN/logs/$t.start"
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$PAR" ]; then wait -n; running=$((running - 1)); fi
done
wait

rc=0
printf '%-19s %8s %12s %9s %6s %7s %7s %9s\n' target seconds executions exec/s cov ft corpus findings
for t in $TARGETS; do
    log=$BIN/logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
    found=$(find "$BIN/findings" -name "$t-*" -newer "$BIN/logs/$t.start" | wc -l)
    st=$(cat "$BIN/logs/$t.rc")
    if [ "$st" -ne 0 ] && [ "$found" -eq 0 ]; then found="rc=$st"; fi
    [ "$found" != 0 ] && rc=1
    printf '%-19s %8s %12s %9s %6s %7s %7s %9s\n' "fuzz_$t" "$SECS" "${execs:-?}" "${secs:-?}" \
        "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found"
done
echo "wall time: $(( $(date +%s) - start )) s; logs: $BIN/logs/, findings: $BIN/findings/"
exit $rc
