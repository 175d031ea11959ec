#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_short.sh - the fuzz suite of `make test`: replays the whole committed
# corpus (seeds + regress-* inputs) of every target, then fuzzes each one for
# FUZZ_SHORT_SECONDS (default 4) seconds from FUZZ_SEED (default 1). One line per target:
#   PASS fuzz_<target> (<N> execs, <M> corpus inputs replayed)
#   FAIL fuzz_<target>: <why> (input kept in build/fuzz/findings/)
# New inputs go to a temporary directory, never into the source tree.
# Known, reported core bugs are suppressed via tests/fuzz/ubsan.supp; their
# reproducers (tests/fuzz/known/) are not replayed here: `make fuzz-known`.
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=${FUZZ_BIN_DIR:-build/fuzz}
SECS=${FUZZ_SHORT_SECONDS:-4}
SEED=${FUZZ_SEED:-1}   # fixed: each run starts the same way (make fuzz-long explores)
TARGETS=${FUZZ_TARGETS:-"http_response json url http_request client config args ca_scan redact"}
FINDINGS=$BIN/findings
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$FINDINGS"
rc=0
for t in $TARGETS; do
    bin=$BIN/fuzz_$t
    seeds=tests/fuzz/corpus/$t
    if [ ! -x "$bin" ]; then
        echo "FAIL fuzz_$t: $bin not built (make fuzz-build)"; rc=1; continue
    fi
    # 1. every committed input once, by name
    files=("$seeds"/*)
    if ! "$bin" "${files[@]}" > "$tmp/$t.replay" 2>&1; then
        bad=$(grep -o 'Running: [^ ]*' "$tmp/$t.replay" | tail -1 | cut -d' ' -f2)
        why=$(grep -m1 -E 'ERROR: |runtime error' "$tmp/$t.replay" | sed 's/^==[0-9]*==//')
        echo "FAIL fuzz_$t: corpus input $bad: $why"
        tail -40 "$tmp/$t.replay"; rc=1; continue
    fi
    replayed=$(grep -c '^Executed ' "$tmp/$t.replay")
    # 2. a short run from the corpus; new inputs into a scratch directory
    mkdir -p "$tmp/$t"
    "$bin" -max_total_time="$SECS" -seed="$SEED" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$tmp/$t-" "$tmp/$t" "$seeds" > "$tmp/$t.log" 2>&1
    st=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$t.log" | tail -1)
    art=$(ls "$tmp/$t"-* 2>/dev/null | head -1)
    if [ "$st" -ne 0 ] || [ -n "$art" ]; then
        why=$(grep -m1 -E 'ERROR: |runtime error' "$tmp/$t.log" | sed 's/^==[0-9]*==//')
        kept=""
        if [ -n "$art" ]; then cp "$art" "$FINDINGS/" && kept=" (input: $FINDINGS/$(basename "$art"))"; fi
        echo "FAIL fuzz_$t: ${why:-exit status $st}$kept"
        grep -E '^ +#[0-9]+ .* in ' "$tmp/$t.log" | head -12
        rc=1
    else
        echo "PASS fuzz_$t (${execs:-0} execs, $replayed corpus inputs replayed)"
    fi
done
exit $rc
