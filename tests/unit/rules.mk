# SPDX-License-Identifier: Apache-2.0
# tests/unit: the C unit tests (tests/unit/check.h's PASS/FAIL lines), each
# linked against the library and the CLI's archive of its variant: plain
# (build/tests/) and ASan + UBSan (build/asan/tests/).
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
ASAN_BINS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))
IL_DIRFLAGS_tests/unit = $(IL_INC) -I$(IL_POSIX_INC) -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Iboards/linux -Itests/lib \
                         -Wno-missing-prototypes

$(BUILD)/tests/test_%: $(BUILD)/obj/host/tests/unit/test_%.o $(call il_test_deps,host)
	$(call il_test_link,host)
$(BUILD)/asan/tests/test_%: $(BUILD)/obj/asan/tests/unit/test_%.o $(call il_test_deps,asan)
	$(call il_test_link,asan)

TEST_BUILD  += $(UNIT_BINS) $(ASAN_BINS)
TEST_SUITES += $(UNIT_BINS) $(ASAN_BINS)

# The core's suites once more under small il_config.h knobs; ASan and
# UBSan on, core/ alone linked:
#   knobs-small: the smallest values the suites' fixtures fit, so they run at the edge
#   knobs-tiny:  test_limits.c alone, with short lines and 1-byte kept copies
KNOBS_SMALL := -DIL_HTTP_LINE_MAX=126 -DIL_HTTP_HEADER_SECTION_MAX=552 -DIL_HTTP_STATUS_TEXT_MAX=14 \
               -DIL_HTTP_CONTENT_TYPE_MAX=28 -DIL_HTTP_LOCATION_MAX=26
KNOBS_TINY  := -DIL_HTTP_LINE_MAX=32 -DIL_HTTP_HEADER_SECTION_MAX=160 -DIL_HTTP_STATUS_TEXT_MAX=1 \
               -DIL_HTTP_CONTENT_TYPE_MAX=1 -DIL_HTTP_LOCATION_MAX=1
KNOBS_SMALL_TESTS := http_response http_request client json url limits
KNOBS_BINS  := $(patsubst %,$(BUILD)/knobs-small/test_%,$(KNOBS_SMALL_TESTS)) $(BUILD)/knobs-tiny/test_limits

# $(call il_knobs,NAME,KNOB_FLAGS): the variant and its test programs
define il_knobs
IL_CC_$(1)      = $$(IL_CC_asan)
IL_CFLAGS_$(1)  = $$(IL_CFLAGS_asan) $(2)
IL_ENVFLAGS_$(1) = $$(IL_ENVFLAGS_asan)
$$(eval $$(call il_variant,$(1)))
$(BUILD)/$(1)/test_%: $(BUILD)/obj/$(1)/tests/unit/test_%.o $(call il_objs,$(1),$(IL_CORE_SRC))
	@mkdir -p $$(@D)
	$$(IL_CC_$(1)) $$(IL_CFLAGS_$(1)) -o $$@ $$^ $$(LDFLAGS)
endef
$(eval $(call il_knobs,knobs-small,$(KNOBS_SMALL)))
$(eval $(call il_knobs,knobs-tiny,$(KNOBS_TINY)))

TEST_BUILD  += $(KNOBS_BINS)
TEST_SUITES += $(KNOBS_BINS)
