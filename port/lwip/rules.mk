# SPDX-License-Identifier: Apache-2.0
# port/lwip: the il_transport_t over lwIP raw TCP (NO_SYS=1, polled).
# lwIP itself is Debian bookworm's source package (2.1.3: apt-get source lwip/bookworm), unpacked into
# $(BUILD)/src/lwip by port/fetch-debian-source.sh, and built once per
# toolchain by il_lwip_variant (port/lwip/lib.mk, from lwIP's own
# src/Filelists.mk groups) with the options here. Never Debian's liblwip0.

LWIP_DIR      := $(BUILD)/src/lwip
LWIP_STAMP    := $(LWIP_DIR)/src/include/lwip/init.h
LWIP_CFG_HDRS := port/lwip/lwipopts.h port/lwip/arch/cc.h port/lwip/il_lwip.h
# our lwipopts.h and arch/cc.h first; Debian's port/include (GPL lwipopts.h)
# only after everything else, for netif/tapif.h
LWIP_INC      := -I$(IL_LWIP_INC) -isystem $(LWIP_DIR)/src/include
# lwIP's SNTP client, for the boards that set their clock with it
LWIP_SNTP_SRC := $(LWIP_DIR)/src/apps/sntp/sntp.c
IL_DIRFLAGS_port/lwip = $(IL_INC) $(LWIP_INC)

$(LWIP_STAMP): port/fetch-debian-source.sh
	sh port/fetch-debian-source.sh lwip/bookworm $(LWIP_DIR) src/include/lwip/init.h
	@test -f $@ && touch $@

# $(call il_lwip_variant,NAME,CC,AR,CFLAGS,EXTRA_SOURCES): build/lwip/NAME/liblwip.a
# (LWIP_LIB_NAME): lwIP's core, IPv4 and Ethernet (with options that leave
# most of them empty), one object per source so that a map file attributes
# every byte; EXTRA_SOURCES are paths under the lwIP tree (a netif).
define il_lwip_variant
LWIP_LIB_$(1) := $(BUILD)/lwip/$(1)/liblwip.a
$(BUILD)/lwip/$(1)/.cflags: FORCE
	@mkdir -p $$(@D)
	@echo $$(call il_shq,$(2) $(4) $(5)) | cmp -s - $$@ || echo $$(call il_shq,$(2) $(4) $(5)) > $$@
$(BUILD)/lwip/$(1)/liblwip.a: $(LWIP_STAMP) $(LWIP_CFG_HDRS) port/lwip/lib.mk $(BUILD)/lwip/$(1)/.cflags
	$$(MAKE) --no-print-directory -f port/lwip/lib.mk LWIPDIR=$(LWIP_DIR)/src OUT=$(BUILD)/lwip/$(1) \
	  CC=$(2) AR=$(3) LWIP_CFLAGS=$$(call il_shq,$(4) $(LWIP_INC)) EXTRA=$$(call il_shq,$(5))
	@touch $$@
endef
