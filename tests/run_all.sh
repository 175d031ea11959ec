#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every test suite given as an argument (an executable), echoes its
# PASS/FAIL lines, and ends with the line "N passed, N failed".
# A suite that exits non-zero without printing a FAIL line counts as one failure.
set -u
passed=0; failed=0
for suite in "$@"; do
    name=$(basename "$suite")
    echo "== $suite"
    out=$(mktemp)
    timeout 600 "$suite" > "$out" 2>&1
    rc=$?
    cat "$out"
    p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name: suite exited with status $rc"
        f=1
    fi
    passed=$((passed + p)); failed=$((failed + f))
    rm -f "$out"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
