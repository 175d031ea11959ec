# SPDX-License-Identifier: Apache-2.0
# port/lwip: the il_transport_t over lwIP raw TCP (NO_SYS=1, polled).
# lwIP itself is Debian's source package (apt-get source lwip), unpacked into
# $(BUILD)/src/lwip by port/fetch-debian-source.sh; boards build it with the options here.
# Boards include this file first (their rules need the variables); the guard
# keeps the top Makefile's include from defining everything twice.
ifndef IL_LWIP_RULES
IL_LWIP_RULES := 1

# These rules are read before the top Makefile's `all`: keep it the default.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

LWIP_DIR       := $(BUILD)/src/lwip
LWIP_STAMP     := $(LWIP_DIR)/src/include/lwip/init.h
LWIP_CFG_HDRS  := port/lwip/lwipopts.h port/lwip/arch/cc.h port/lwip/il_lwip.h
# our lwipopts.h and arch/cc.h first; Debian's port/include (GPL lwipopts.h)
# only after everything else, for netif/tapif.h
LWIP_INC       := -Iport/lwip -isystem $(LWIP_DIR)/src/include
LWIP_PORT_SRC  := port/lwip/il_lwip.c
# lwIP sources (paths under src/): NO_SYS core, IPv4, TCP, UDP, DNS, Ethernet.
LWIP_CORE_FILES := core/init.c core/def.c core/dns.c core/inet_chksum.c core/ip.c \
    core/mem.c core/memp.c core/netif.c core/pbuf.c core/raw.c core/stats.c core/sys.c \
    core/tcp.c core/tcp_in.c core/tcp_out.c core/timeouts.c core/udp.c \
    core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4.c core/ipv4/ip4_addr.c \
    core/ipv4/ip4_frag.c netif/ethernet.c

$(LWIP_STAMP): port/fetch-debian-source.sh
	sh port/fetch-debian-source.sh lwip $(LWIP_DIR) src/include/lwip/init.h
	@test -f $@ && touch $@

endif
