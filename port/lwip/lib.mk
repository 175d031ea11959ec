# SPDX-License-Identifier: Apache-2.0
# lib.mk - builds liblwip.a from the unpacked lwIP source, out of tree, from
# lwIP's own file groups (src/Filelists.mk): COREFILES, CORE4FILES and the
# Ethernet netif; what lwipopts.h turns off compiles to empty objects.
# Called by port/lwip/rules.mk (il_lwip_variant):
#   make -f port/lwip/lib.mk LWIPDIR=<lwip>/src OUT=<dir> CC=.. AR=.. LWIP_CFLAGS=.. [EXTRA=<more .c files>]
LWIPDIR ?= build/src/lwip/src
OUT     ?= build/lwip/host
AR      ?= ar
include $(LWIPDIR)/Filelists.mk

SRC  := $(COREFILES) $(CORE4FILES) $(LWIPDIR)/netif/ethernet.c
OBJS := $(patsubst $(LWIPDIR)/%.c,$(OUT)/%.o,$(SRC)) $(addprefix $(OUT)/,$(notdir $(EXTRA:.c=.o)))

$(OUT)/liblwip.a: $(OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

compile = @mkdir -p $(@D); echo "  CC    $@"; $(CC) $(LWIP_CFLAGS) -MMD -MP -c -o $@ $<
$(OUT)/%.o: $(LWIPDIR)/%.c
	$(compile)
define il_extra_rule
$(OUT)/$(notdir $(1:.c=.o)): $(1)
	$$(compile)
endef
$(foreach f,$(EXTRA),$(eval $(call il_extra_rule,$(f))))

# the options headers: -MMD leaves them out (lwIP's own headers, reached
# through -isystem, include them), so an edit of lwipopts.h rebuilds every object
$(OBJS): $(OUT)/.cflags $(MAKEFILE_LIST) $(wildcard port/lwip/*.h port/lwip/arch/*.h port/lwip-sock/*.h \
                                                    port/lwip-sock/arch/*.h)
-include $(OBJS:.o=.d)
