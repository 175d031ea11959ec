# SPDX-License-Identifier: Apache-2.0
# tests/cli: end-to-end tests of the influx-lite CLI (golden bytes against the
# official CLI's captures, the influxd double for state and faults), the
# valgrind run and the no-malloc proof (build/cli/influx-lite-nomalloc, linked
# by boards/linux/rules.mk: the CLI with malloc/calloc/realloc/free wrapped;
# the shim counts the calls made from project code and writes the count to
# $IL_MALLOC_COUNT_FILE).
CLI_NOMALLOC := $(BUILD)/cli/influx-lite-nomalloc
IL_DIRFLAGS_tests/cli = $(IL_INC) -Wno-missing-prototypes

TEST_BUILD  += $(CLI_NOMALLOC)
TEST_SUITES += tests/cli/test_cli_secrets.py tests/cli/test_cli.py tests/cli/test_cli_lite.py tests/cli/test_cli_bigauth.py tests/cli/test_cli_hosts.py tests/cli/test_cli_prompt.py tests/cli/test_cli_proxy.py tests/cli/test_cli_valgrind.sh tests/cli/test_cli_nomalloc.sh tests/cli/test_completion.sh
