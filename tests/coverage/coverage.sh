#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# coverage.sh UNIT_TEST... - `make coverage`: clears the gcov counters of the
# cov variant (build/obj/cov), runs the given unit tests and the end-to-end
# suites named by $COV_E2E_SUITES (with $INFLUX_LITE, the CLI built with
# --coverage), then prints lines and branches taken per source file of
# core/, port/ and boards/linux/ (also in build/coverage/report.txt; the
# annotated sources in build/coverage/*.gcov). Suites that fail are named;
# the report is made all the same.
set -u
cd "$(dirname "$0")/../.." || exit 1
OBJ=build/obj/cov
OUT=build/coverage
find "$OBJ" -name '*.gcda' -delete 2>/dev/null
rm -rf "$OUT"; mkdir -p "$OUT"
for t in "$@" ${COV_E2E_SUITES:-}; do
    log="$OUT/$(basename "$t").log"
    if "$t" > "$log" 2>&1; then echo "ran $t"; else echo "ran $t: FAILED (see $log)"; fi
done
{
    printf '%-36s %16s %18s\n' "file" "lines" "branches taken"
    for src in $(ls core/*.c port/posix/*.c port/mbedtls/*.c boards/linux/*.c 2>/dev/null); do
        obj_dir=$OBJ/$(dirname "$src")
        base=$obj_dir/$(basename "${src%.c}")
        if [ ! -f "$base.gcno" ]; then printf '%-36s %16s %18s\n' "$src" "not instrumented" "-"; continue; fi
        if [ ! -f "$base.gcda" ]; then printf '%-36s %16s %18s\n' "$src" "not run" "-"; continue; fi
        gcov -b -p -o "$obj_dir" "$src" 2>/dev/null | awk -v want="$src" -v name="$src" '
            /^File / { f = substr($2, 2, length($2) - 2) }
            f == want && /^Lines executed:/ { split($2, a, ":"); lines = a[2] " of " $4 }
            f == want && /^Taken at least once:/ { split($4, b, ":"); br = b[2] " of " $6 }
            END { printf "%-36s %16s %18s\n", name, lines, (br == "" ? "-" : br) }'
    done
} | tee "$OUT/report.txt"
mv ./*.gcov "$OUT"/ 2>/dev/null
