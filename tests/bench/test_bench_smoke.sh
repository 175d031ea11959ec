#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Smoke test of `make bench` (tests/bench/bench.py): one repetition, a 10-ID
# batch, one callgrind run, no `make size`; checks that the table has every
# row and that the zero-heap rows say 0. Asserts no time: figures are printed
# by `make bench` only.
set -u
. "$(dirname "$0")/../lib/suite.sh"
OUT=$TMPD/out
ERR=$TMPD/err

for b in build/influx-lite build/influx-lite-static build/bench/runone build/bench/influx-lite-poolpeak \
         build/cli/influx-lite-nomalloc; do
    [ -x "$ROOT/$b" ] || { fail bench_built "$b missing (make test-build)"; exit 1; }
done
command -v valgrind >/dev/null || { fail bench_valgrind "valgrind not installed (make deps)"; exit 1; }

cd "$ROOT" || exit 1
timeout 120 python3 tests/bench/bench.py --runs 1 --batch 10 --batch-runs 1 --callgrind-runs 1 --no-size \
    >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -eq 0 ]; then pass bench_runs; else fail bench_runs "exit $rc: $(tail -c 400 "$ERR")"; fi

row() {  # name pattern (extended regex on the table row)
    if grep -Eq "^\| $2" "$OUT"; then pass "bench_row_$1"; else fail "bench_row_$1" "no row matching '$2'"; fi
}
row header        'figure \| influx-lite \(dynamic\) \| influx-lite-static \| curl, PATCH only'
for p in HTTP HTTPS; do
    lp=$(echo "$p" | tr A-Z a-z)
    row "${lp}_wall"   "one inactivation, $p: wall time \(median of 1\) \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+x; [0-9.]+x"
    row "${lp}_cpu"    "one inactivation, $p: CPU time \(user\+sys\) \(median of 1\) \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ ms"
    row "${lp}_rss"    "one inactivation, $p: peak RSS \(median of 1\) \| [0-9,]+ KiB \| [0-9,]+ KiB \| [0-9,]+ KiB"
    row "${lp}_floor"  "floor: /bin/true through the same launcher, during the $p runs"
    row "${lp}_heap"   "heap calls, one inactivation, $p \(valgrind memcheck allocs, whole process\) \| [0-9,]+ \("
    row "${lp}_nomalloc" "heap calls from project code \+ mbedTLS, $p \(build/cli/influx-lite-nomalloc, --wrap\) \| 0 \|"
    row "${lp}_instr"  "instructions, one inactivation, $p, whole process \(callgrind, median of 1\) \| [0-9,]+ \|"
    [ "$lp" = https ] && row https_ecp "of which elliptic-curve scalar multiplication .* \| [0-9,]+ \\([0-9]+%\\)"
    row "${lp}_core"   "instructions in core/ \(il_\* \+ statics, self\), $p \| [0-9,]+"
    row "${lp}_batch"  "batch, 10 IDs in one run \(--ids-from\), $p: tokens/s \(CPU per token\) \| ([0-9]+/s|batch mode not available)"
done
row tls           'TLS negotiated, HTTPS: .* \| TLSv1\.[23] [A-Z0-9_-]+, P-[0-9]+[^|]* \| TLSv1\.[23] .* \| TLSv1\.3 .* \| TLSv1\.3 '
row crosscheck    'cross-check: /usr/bin/time %M, HTTP, one run \| [0-9,]+ KiB'
row sizes         'binary size, stripped \| [0-9,]+ B .* \| [0-9,]+ B \(no shared libs\) \| curl [0-9,]+ B \+ libcurl'
row pool          'TLS pool peak, one HTTPS inactivation .* \| [0-9,]+ of [0-9,]+ B static pool'
row firmware      'firmware \(make size\) \| skipped \(--no-size\)'
row machine       'machine \| [0-9]+ CPUs: '
row server        'server \| tests/bench/fastd.py'
pid=$(sed -n 's/.*fastd (pid \([0-9]*\)) stopped.*/\1/p' "$ERR" | tail -1)
if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then pass bench_server_stopped
else fail bench_server_stopped "fastd pid '${pid}' not reported stopped or still alive"; fi
exit $FAILED
