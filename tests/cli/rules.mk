# SPDX-License-Identifier: Apache-2.0
# tests/cli: end-to-end tests of the influx-lite CLI (golden bytes against the
# official CLI's captures, the influxd double for state and faults), the
# valgrind run and the no-malloc proof.
CLI_NOMALLOC := $(BUILD)/cli/influx-lite-nomalloc

TEST_BUILD  += $(CLI_NOMALLOC)
TEST_SUITES += tests/cli/test_cli_secrets.py tests/cli/test_cli.py tests/cli/test_cli_lite.py tests/cli/test_cli_valgrind.sh tests/cli/test_cli_nomalloc.sh

# The CLI linked with malloc/calloc/realloc/free wrapped: the shim
# (tests/lib/wrap_malloc.c) counts the calls made from project code and
# writes the count to $IL_MALLOC_COUNT_FILE.
$(CLI_NOMALLOC): boards/linux/main.c tests/lib/wrap_malloc.c tests/lib/wrap_malloc.h $(LIB_SRC) $(TLS_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TLS_CPPFLAGS) $(CFLAGS_ALL) -o $@ boards/linux/main.c tests/lib/wrap_malloc.c \
	  $(LIB_SRC) $(TLS_SRC) $(TLS_LIBS) -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
