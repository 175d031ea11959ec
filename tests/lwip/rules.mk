# SPDX-License-Identifier: Apache-2.0
# tests/lwip: port/lwip over lwIP's loopback interface in one process, with
# the test's own clock (tests/lwip/test_lwip.c). lwIP is built for it with
# the project's lwipopts.h plus the loopback interface; the port and the
# test are compiled with the project's warnings and ASan/UBSan.
LWIP_LOOP_DIR  := $(BUILD)/lwip/loop
LWIP_LOOP_DEFS := -DLWIP_NETIF_LOOPBACK=1 -DLWIP_HAVE_LOOPIF=1
LWIP_LOOP_OBJS := $(patsubst %.c,$(LWIP_LOOP_DIR)/%.o,$(LWIP_CORE_FILES))
LWIP_LOOP_INC  := $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include
TEST_LWIP      := $(BUILD)/tests/test_lwip
TEST_LWIP_SRC  := tests/lwip/test_lwip.c $(LWIP_PORT_SRC) core/status.c

# third-party code: its own warnings are not ours to fix
$(LWIP_LOOP_DIR)/%.o: $(LWIP_STAMP) $(LWIP_CFG_HDRS)
	@mkdir -p $(@D)
	$(CC) -std=gnu99 -O1 -g -w $(LWIP_LOOP_INC) $(LWIP_LOOP_DEFS) -c -o $@ $(LWIP_DIR)/src/$*.c

$(TEST_LWIP): $(TEST_LWIP_SRC) tests/unit/check.h $(HDRS) $(LWIP_CFG_HDRS) $(LWIP_LOOP_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(LWIP_LOOP_INC) $(LWIP_LOOP_DEFS) $(CFLAGS_ALL) \
	  -Wno-missing-prototypes $(ASAN) -o $@ $(TEST_LWIP_SRC) $(LWIP_LOOP_OBJS)

TEST_BUILD  += $(TEST_LWIP)
TEST_SUITES += $(TEST_LWIP)
