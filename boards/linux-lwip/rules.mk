# SPDX-License-Identifier: Apache-2.0
# boards/linux-lwip: influx-lite over lwIP (NO_SYS=1) on a Linux TAP device.
# lwIP is built from Debian's source with port/lwip's options; Debian's
# BSD-licensed port/netif/tapif.c is the netif. Never Debian's liblwip0.
include port/lwip/rules.mk

LWIP_HOST_DIR  := $(BUILD)/lwip/host
LWIP_HOST_OBJS := $(patsubst %.c,$(LWIP_HOST_DIR)/%.o,$(LWIP_CORE_FILES)) $(LWIP_HOST_DIR)/tapif.o
LWIP_HOST_LIB  := $(LWIP_HOST_DIR)/liblwip.a
# third-party code: its own warnings are not ours to fix
LWIP_HOST_CFLAGS := -std=gnu99 -O2 -g -w $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include

$(LWIP_HOST_DIR)/%.o: $(LWIP_STAMP) $(LWIP_CFG_HDRS)
	@mkdir -p $(@D)
	$(CC) $(LWIP_HOST_CFLAGS) -c -o $@ $(LWIP_DIR)/src/$*.c

$(LWIP_HOST_DIR)/tapif.o: $(LWIP_STAMP) $(LWIP_CFG_HDRS)
	@mkdir -p $(@D)
	$(CC) $(LWIP_HOST_CFLAGS) -c -o $@ $(LWIP_DIR)/port/netif/tapif.c

$(LWIP_HOST_LIB): $(LWIP_HOST_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

LINUX_LWIP_SRC := boards/linux-lwip/main.c boards/linux-lwip/board.c boards/common/board_inactivate.c \
                  $(LWIP_PORT_SRC) $(CORE_SRC)
LINUX_LWIP_CPPFLAGS = $(CPPFLAGS) $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include -Iboards/linux-lwip \
                      -Iboards/common

# https through port/mbedtls when it is there: TLS_SRC/TLS_CPPFLAGS/TLS_LIBS/
# TLS_DEPS come from port/mbedtls/rules.mk, which is read after this file, so
# the prerequisites use secondary expansion ($$) and the recipe late expansion.
.SECONDEXPANSION:
$(BUILD)/influx-lite-lwip: $(LINUX_LWIP_SRC) boards/linux-lwip/board.h boards/common/board_inactivate.h $(HDRS) $(LWIP_CFG_HDRS) \
                           $(LWIP_HOST_LIB) $$(TLS_SRC) $$(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(LINUX_LWIP_CPPFLAGS) $(TLS_CPPFLAGS) $(CFLAGS_ALL) -o $@ $(LINUX_LWIP_SRC) $(TLS_SRC) \
	  $(LWIP_HOST_LIB) $(TLS_LIBS)

.PHONY: linux-lwip
linux-lwip: $(BUILD)/influx-lite-lwip
