# SPDX-License-Identifier: Apache-2.0
# tests/coverage: `make coverage` (not part of `make test`): gcov line and
# branch coverage per file of core/, port/ and boards/linux/, from the unit
# tests and the end-to-end CLI suites run against the cov variant (-O0
# --coverage: build/cov/influx-lite, build/cov/tests/). A report for now; a
# floor can follow. Output: build/coverage/report.txt and one .gcov per file.
COV_UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/cov/tests/%,$(wildcard tests/unit/test_*.c))
COV_CLI       := $(BUILD)/cov/influx-lite
COV_E2E_SUITES ?= tests/cli/test_cli.py tests/cli/test_cli_lite.py tests/cli/test_cli_secrets.py \
                  tests/tls/test_tls_cli.py tests/fault/test_fault_matrix.py

$(BUILD)/cov/tests/test_%: $(BUILD)/obj/cov/tests/unit/test_%.o $(call il_test_deps,cov)
	$(call il_test_link,cov)
$(eval $(call IL_CLI_LINK,$(COV_CLI),cov))

.PHONY: coverage
coverage: deps
	$(MAKE) --no-print-directory $(COV_UNIT_BINS) $(COV_CLI) $(BUILD)/influx-lite $(BUILD)/asan/influx-lite \
	  $(BUILD)/cli/influx-lite-nomalloc
	INFLUX_LITE=$(COV_CLI) COV_E2E_SUITES="$(COV_E2E_SUITES)" tests/coverage/coverage.sh $(COV_UNIT_BINS)
