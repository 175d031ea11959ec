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
FUZZ_CLI_TARGETS  := config args redact
FUZZ_TLS_TARGETS  := ca_scan
FUZZ_TARGETS := $(FUZZ_CORE_TARGETS) $(FUZZ_CLI_TARGETS) $(FUZZ_TLS_TARGETS)
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_FLAGS   := -g -O1 -std=c99 -Wall -Wextra -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -fno-omit-frame-pointer

# The fuzz variant: every object instrumented; a target links the fuzz
# library and the CLI's fuzz archive, which give it what it calls. The CLI's
# parsers want POSIX, the TLS port (and fuzz_ca_scan, over its trust-anchor
# store, ca_store.c) the BSD/GNU extras.
IL_CC_fuzz     = $(FUZZ_CC)
IL_CFLAGS_fuzz = $(FUZZ_FLAGS)
IL_TLSDEFS_fuzz = $(TLS_DEFS)
IL_TLSLIBS_fuzz = $(MBEDTLS_LIBS_host)
IL_LIB_EXTRA_fuzz :=
$(eval $(call il_variant,fuzz))
$(eval $(call il_library,fuzz))
$(eval $(call il_cli_archive,fuzz))
$(BUILD)/obj/fuzz/.flags: | $(MBEDTLS_FETCHED) $(FIAT_FETCHED)
IL_LIB_SRC_fuzz_p256 := $(filter %/p256.c,$(IL_TLS_P256_SRC))
$(call il_lib,fuzz): $(call il_objs,fuzz,$(IL_LIB_SRC_fuzz_p256))
$(BUILD)/obj/fuzz/boards/%: IL_XFLAGS := -D_POSIX_C_SOURCE=200809L
$(BUILD)/obj/fuzz/port/mbedtls/%: IL_XFLAGS := -D_DEFAULT_SOURCE
$(BUILD)/obj/fuzz/tests/fuzz/fuzz_config.o $(BUILD)/obj/fuzz/tests/fuzz/fuzz_args.o: IL_XFLAGS := -D_POSIX_C_SOURCE=200809L
$(BUILD)/obj/fuzz/tests/fuzz/fuzz_ca_scan.o: IL_XFLAGS := -D_DEFAULT_SOURCE
IL_DIRFLAGS_tests/fuzz = $(IL_INC) -I$(IL_POSIX_INC) -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Iboards/linux -Itests/lib

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/fuzz/tests/fuzz/fuzz_%.o $(call il_cli_lib,fuzz) $(call il_lib,fuzz) \
		$(IL_TLSLIBS_fuzz)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(call il_cli_lib,fuzz) $(call il_link_libs,fuzz)

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
