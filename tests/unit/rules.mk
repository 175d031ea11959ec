# SPDX-License-Identifier: Apache-2.0
# tests/unit: the C unit tests (tests/unit/check.h's PASS/FAIL lines), each
# linked against the library and the CLI's archive of its variant: plain
# (build/tests/) and ASan + UBSan (build/asan/tests/).
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
ASAN_BINS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))
IL_DIRFLAGS_tests/unit = $(IL_INC) -I$(IL_POSIX_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Iboards/linux -Itests/lib \
                         -Wno-missing-prototypes

$(BUILD)/tests/test_%: $(BUILD)/obj/host/tests/unit/test_%.o $(call il_test_deps,host)
	$(call il_test_link,host)
$(BUILD)/asan/tests/test_%: $(BUILD)/obj/asan/tests/unit/test_%.o $(call il_test_deps,asan)
	$(call il_test_link,asan)

TEST_BUILD  += $(UNIT_BINS) $(ASAN_BINS)
TEST_SUITES += $(UNIT_BINS) $(ASAN_BINS)
