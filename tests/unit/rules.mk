# SPDX-License-Identifier: Apache-2.0
# tests/unit: the core's suites once more under small il_config.h knobs, as
# jsmn runs its tests in each of its modes; ASan and UBSan on, core/ alone
# linked. (The default build of every tests/unit/test_*.c, plain and ASan,
# is in the top Makefile.)
#   small: the smallest values the suites' fixtures fit, so they run at the edge
#   tiny:  test_limits.c alone, with short lines and 1-byte kept copies
KNOBS_SMALL := -DIL_HTTP_LINE_MAX=126 -DIL_HTTP_HEADER_SECTION_MAX=552 -DIL_HTTP_STATUS_TEXT_MAX=14 \
               -DIL_HTTP_CONTENT_TYPE_MAX=28 -DIL_HTTP_LOCATION_MAX=26
KNOBS_TINY  := -DIL_HTTP_LINE_MAX=32 -DIL_HTTP_HEADER_SECTION_MAX=160 -DIL_HTTP_STATUS_TEXT_MAX=1 \
               -DIL_HTTP_CONTENT_TYPE_MAX=1 -DIL_HTTP_LOCATION_MAX=1
KNOBS_SMALL_TESTS := http_response http_request client json url limits
KNOBS_BINS  := $(patsubst %,$(BUILD)/knobs-small/test_%,$(KNOBS_SMALL_TESTS)) \
               $(BUILD)/knobs-tiny/test_limits
KNOBS_DEPS  := tests/unit/check.h tests/lib/fake_transport.h tests/unit/rules.mk $(CORE_SRC) $(HDRS)

$(BUILD)/knobs-small/test_%: tests/unit/test_%.c $(KNOBS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/lib $(KNOBS_SMALL) $(CFLAGS_ALL) -Wno-missing-prototypes $(ASAN) -o $@ $< $(CORE_SRC)

$(BUILD)/knobs-tiny/test_%: tests/unit/test_%.c $(KNOBS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/lib $(KNOBS_TINY) $(CFLAGS_ALL) -Wno-missing-prototypes $(ASAN) -o $@ $< $(CORE_SRC)

TEST_BUILD  += $(KNOBS_BINS)
TEST_SUITES += $(KNOBS_BINS)
