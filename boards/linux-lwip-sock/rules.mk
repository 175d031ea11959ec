# SPDX-License-Identifier: Apache-2.0
# boards/linux-lwip-sock: influx-lite over lwIP's sockets (NO_SYS=0, POSIX
# threads through port/lwip-sock/sys_arch.c) on a Linux TAP device, https
# through port/mbedtls: the RTOS-style transport's test program. lwIP is
# built a second time for the host with port/lwip-sock/lwipopts.h first:
# its core plus the socket API (APIFILES), Debian's tapif.c as the netif.
LWIP_SOCK_API := $(addprefix $(LWIP_DIR)/src/api/,api_lib.c api_msg.c err.c netbuf.c netdb.c netifapi.c sockets.c \
                   tcpip.c)
$(eval $(call il_lwip_variant,host-sock,$(CC),$(AR),-std=gnu99 -O2 -g -w -Iport/lwip-sock \
  -idirafter $(LWIP_DIR)/port/include,$(LWIP_SOCK_API) $(LWIP_DIR)/port/netif/tapif.c))
$(LWIP_LIB_host-sock): port/lwip-sock/lwipopts.h port/lwip-sock/arch/sys_arch.h

LWIP_SOCK_INC := $(IL_INC) -Iport/lwip-sock $(LWIP_INC) -idirafter $(LWIP_DIR)/port/include
IL_DIRFLAGS_port/lwip-sock = $(LWIP_SOCK_INC)
IL_DIRFLAGS_boards/linux-lwip-sock = $(LWIP_SOCK_INC) -Iboards/linux-lwip -Iboards/common -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) \
                                     $(IL_TLSDEFS)
LINUX_LWIP_SOCK_SRC  := boards/linux-lwip-sock/main.c port/lwip-sock/il_lwipsock.c port/lwip-sock/sys_arch.c
LINUX_LWIP_SOCK_OBJS := $(call il_objs,host,$(LINUX_LWIP_SOCK_SRC) boards/linux-lwip/args.c)
$(LINUX_LWIP_SOCK_OBJS): | $(LWIP_STAMP)

$(BUILD)/influx-lite-lwip-sock: $(LINUX_LWIP_SOCK_OBJS) $(LWIP_LIB_host-sock) $(call il_lib,host) $(IL_TLSLIBS_host)
	@mkdir -p $(@D)
	$(IL_CC_host) $(IL_CFLAGS_host) -o $@ $(LINUX_LWIP_SOCK_OBJS) $(LWIP_LIB_host-sock) $(call il_link_libs,host) \
	  -lpthread $(LDFLAGS)

.PHONY: linux-lwip-sock
linux-lwip-sock: $(BUILD)/influx-lite-lwip-sock
