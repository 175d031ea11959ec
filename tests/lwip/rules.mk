# SPDX-License-Identifier: Apache-2.0
# tests/lwip: port/lwip over lwIP's loopback interface in one process, with
# the test's own clock (tests/lwip/test_lwip.c). lwIP is built for it with
# the project's lwipopts.h plus the loopback interface (the lwip-loop
# variant); the port and the test are compiled with the project's warnings
# and ASan/UBSan.
LWIP_LOOP_DEFS := -DLWIP_NETIF_LOOPBACK=1 -DLWIP_HAVE_LOOPIF=1
$(eval $(call il_lwip_variant,loop,$(CC),$(AR),-std=gnu99 -O1 -g -w $(LWIP_LOOP_DEFS) \
  -idirafter $(LWIP_DIR)/port/include,))

IL_CC_lwip-loop      = $(IL_CC_asan)
IL_CFLAGS_lwip-loop  = $(IL_CFLAGS_asan) $(LWIP_LOOP_DEFS)
IL_ENVFLAGS_lwip-loop = $(IL_ENVFLAGS_asan)
$(eval $(call il_variant,lwip-loop))
$(BUILD)/obj/lwip-loop/.flags: | $(LWIP_STAMP)
IL_DIRFLAGS_tests/lwip = $(IL_INC) $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include -Itests/unit \
                         -Wno-missing-prototypes

TEST_LWIP      := $(BUILD)/tests/test_lwip
TEST_LWIP_OBJS := $(call il_objs,lwip-loop,tests/lwip/test_lwip.c $(IL_LWIP_SRC) $(IL_CORE_SRC))
$(TEST_LWIP): $(TEST_LWIP_OBJS) $(LWIP_LIB_loop)
	@mkdir -p $(@D)
	$(IL_CC_lwip-loop) $(IL_CFLAGS_lwip-loop) -o $@ $(TEST_LWIP_OBJS) $(LWIP_LIB_loop) $(LDFLAGS)

TEST_BUILD  += $(TEST_LWIP)
TEST_SUITES += $(TEST_LWIP)
