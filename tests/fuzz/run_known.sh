#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_known.sh - `make fuzz-known`: replays the reproducers of reported core
# bugs (tests/fuzz/known/<target>-<name>) with no suppressions. A bug still
# present prints "KNOWN <file>: <error>", a fixed one "FIXED <file>" (then move
# it to tests/fuzz/corpus/<target>/regress-<name> and drop its ubsan.supp entry).
set -u
cd "$(dirname "$0")/../.." || exit 1
BIN=${FUZZ_BIN_DIR:-build/fuzz}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for f in tests/fuzz/known/*-*; do
    [ -f "$f" ] || continue
    t=$(basename "$f"); t=${t%%-*}
    out=$("$BIN/fuzz_$t" "$f" 2>&1)
    if [ $? -eq 0 ]; then echo "FIXED $f"
    else echo "KNOWN $f: $(echo "$out" | grep -m1 -E 'runtime error|ERROR: ')"; fi
done
