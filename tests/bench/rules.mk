# SPDX-License-Identifier: Apache-2.0
# tests/bench/rules.mk - `make bench`: measured figures for one inactivation
# (influx-lite dynamic and static vs curl, HTTP and HTTPS, against
# tests/bench/fastd.py on 127.0.0.1), heap calls, instruction counts, sizes,
# the firmware size table, the TLS pool peak and batch throughput, printed as
# one markdown table (tests/bench/bench.py). Not part of `make test`; only the
# smoke test (1 repetition, 10-ID batch) is.
# build/bench/influx-lite-poolpeak (the CLI plus tests/bench/pool_peak.c, which
# reports il_tls_pool_peak() at exit) is linked by boards/linux/rules.mk.
BENCH_POOLPEAK := $(BUILD)/bench/influx-lite-poolpeak
IL_DIRFLAGS_tests/bench = $(IL_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Wno-missing-prototypes

# The launcher: posix_spawn + wait4, prints exit, wall, CPU, peak RSS, page
# faults; static (musl) so that the spawned child inherits a tiny RSS mark.
$(BUILD)/bench/runone: tests/bench/runone.c
	@mkdir -p $(@D)
	musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

# The floor: what any static program costs to start here.
$(BUILD)/bench/empty-static: tests/bench/empty.c
	@mkdir -p $(@D)
	musl-gcc -static -Os -s -o $@ $<

# The HTTP exchange's floor: the same two requests from a minimal program.
$(BUILD)/bench/minimal-static: tests/bench/minimal.c
	@mkdir -p $(@D)
	musl-gcc -static -Os -Wall -Wextra -Werror -s -o $@ $<

BENCH_BINS := $(BUILD)/influx-lite $(BUILD)/influx-lite-static $(BUILD)/cli/influx-lite-nomalloc $(BENCH_POOLPEAK) \
              $(BUILD)/bench/runone $(BUILD)/bench/empty-static $(BUILD)/bench/minimal-static

# BENCH_ARGS: e.g. `make bench BENCH_ARGS="--runs 5 --batch 100"`.
.PHONY: bench
bench: deps
	$(MAKE) --no-print-directory $(BENCH_BINS)
	$(PYTHON) tests/bench/bench.py $(BENCH_ARGS)

TEST_BUILD  += $(BENCH_BINS)
TEST_SUITES += tests/bench/test_bench_smoke.sh
