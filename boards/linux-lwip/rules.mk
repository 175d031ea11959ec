# SPDX-License-Identifier: Apache-2.0
# boards/linux-lwip: influx-lite over lwIP (NO_SYS=1) on a Linux TAP device,
# https through port/mbedtls: the board's files and port/lwip (host objects)
# against the host library and lwIP built for the host, with Debian's
# BSD-licensed port/netif/tapif.c as the netif.
$(eval $(call il_lwip_variant,host,$(CC),$(AR),-std=gnu99 -O2 -g -w -idirafter $(LWIP_DIR)/port/include,\
  $(LWIP_DIR)/port/netif/tapif.c $(LWIP_SNTP_SRC)))

LINUX_LWIP_SRC  := $(wildcard boards/linux-lwip/*.c) boards/common/board_inactivate.c boards/common/board_clock.c \
                   $(IL_LWIP_SRC)
# port/proxy comes with the host library (libinfluxlite.a)
LINUX_LWIP_OBJS := $(call il_objs,host,$(LINUX_LWIP_SRC))
IL_DIRFLAGS_boards/linux-lwip = $(IL_INC) $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include -Iboards/linux-lwip \
                                -Iboards/common -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS)
# boards/common: what the lwIP boards share (connect, TLS, inactivate, close),
# compiled in each board's variant with that board's configuration
IL_DIRFLAGS_boards/common = $(IL_INC) $(LWIP_INC) -Iboards/common -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS)
$(LINUX_LWIP_OBJS): | $(LWIP_STAMP)

$(BUILD)/influx-lite-lwip: $(LINUX_LWIP_OBJS) $(LWIP_LIB_host) $(call il_lib,host) $(IL_TLSLIBS_host)
	@mkdir -p $(@D)
	$(IL_CC_host) $(IL_CFLAGS_host) -o $@ $(LINUX_LWIP_OBJS) $(LWIP_LIB_host) $(call il_link_libs,host) $(LDFLAGS)

.PHONY: linux-lwip
linux-lwip: $(BUILD)/influx-lite-lwip
