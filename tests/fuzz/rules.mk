# SPDX-License-Identifier: Apache-2.0
# tests/fuzz: libFuzzer targets over the core (clang 14, libclang-rt-14-dev).
#   make fuzz                 each target FUZZ_SECONDS (120) s, FUZZ_PARALLEL (2)
#                             targets at a time, one worker each; a table of
#                             executions, coverage and findings at the end
#   make test                 tests/fuzz/run_short.sh: each target a few
#                             seconds + the whole committed corpus replayed
#   make fuzz-known           replays reproducers of reported core bugs (tests/fuzz/known/)
# Corpora: tests/fuzz/corpus/<target>/ (seeds from real influxd answers, and
# regression inputs named regress-*); new inputs of long runs go to
# build/fuzz/corpus/<target>/, never into the source tree.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 120
FUZZ_PARALLEL ?= 2
FUZZ_CORE_TARGETS := http_response json url http_request client
FUZZ_CLI_TARGETS  := config args
FUZZ_TLS_TARGETS  := ca_scan
FUZZ_TARGETS := $(FUZZ_CORE_TARGETS) $(FUZZ_CLI_TARGETS) $(FUZZ_TLS_TARGETS)
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))
# the CLI's pure parsers (boards/linux) and what they need
FUZZ_CLI_SRC := core/wipe.c core/text.c core/transport.c boards/linux/cli_config.c boards/linux/cli_config_parse.c \
                boards/linux/cli_args.c boards/linux/cli_flags.c boards/linux/cli_values.c boards/linux/cli_out.c \
                boards/linux/cli_help.c
FUZZ_FLAGS   := -g -O1 -std=c99 -Wall -Wextra -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
                -Iinclude -Iport/posix -I$(BUILD)/include -Itests/lib

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h tests/lib/fake_transport.h tests/fuzz/rules.mk \
		$(CORE_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(CORE_SRC)

$(BUILD)/fuzz/fuzz_config $(BUILD)/fuzz/fuzz_args: $(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c \
		tests/fuzz/fuzz_common.h tests/fuzz/rules.mk $(FUZZ_CLI_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -D_POSIX_C_SOURCE=200809L -Iboards/linux -o $@ $< $(FUZZ_CLI_SRC)

# the TLS port's trust-anchor scan (port/mbedtls/ca_store.c through il_tls_ca.h,
# with the pool it parses into), over the host mbedTLS build (not
# instrumented: the scan and the match are ours)
FUZZ_CA_SRC := port/mbedtls/ca_store.c port/mbedtls/pool.c core/text.c core/wipe.c \
               port/mbedtls/entropy_getrandom.c port/mbedtls/time_utc.c port/mbedtls/ecdh_p256.c \
               port/mbedtls/ecdsa_p256.c port/mbedtls/p256.c
$(BUILD)/fuzz/fuzz_ca_scan: tests/fuzz/fuzz_ca_scan.c tests/fuzz/fuzz_common.h tests/fuzz/rules.mk \
		$(FUZZ_CA_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(TLS_CPPFLAGS) -D_DEFAULT_SOURCE -o $@ $< $(FUZZ_CA_SRC) $(TLS_LIBS)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_PARALLEL=$(FUZZ_PARALLEL) \
	  tests/fuzz/run_long.sh $(FUZZ_TARGETS)

TEST_BUILD  += $(FUZZ_BINS)
TEST_SUITES += tests/fuzz/run_short.sh

.PHONY: fuzz-known
fuzz-known: $(FUZZ_BINS)
	tests/fuzz/run_known.sh
