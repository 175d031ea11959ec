# SPDX-License-Identifier: Apache-2.0
# boards/qemu-mps2: influx-lite firmware for MPS2 AN386 (Cortex-M4F) in QEMU.
# arm-none-eabi-gcc + newlib-nano, lwIP from Debian's source (port/lwip's
# options), our LAN9118 driver, startup and linker script. No heap: the image
# must not contain malloc/_sbrk (tests/boards/test_qemu_mps2.py checks).
#   build/fw/fw.elf        HTTP: the arm variant (core, port/lwip, the board)
#   build/fw/fw-tls.elf    https, TLS 1.3 and 1.2: + port/mbedtls and the board
#                          built for TLS (arm-tls variant), mbedTLS for the MCU,
#                          a compiled-in CA
#   build/fw/fw-tls12.elf  the same, TLS 1.2 only (arm-tls12 variant)
ARM_CC      := arm-none-eabi-gcc
ARM_AR      := arm-none-eabi-ar
ARM_ARCH    := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
# IL_PROXY=0: the firmware uses no proxy, and the core's budget is its own
ARM_CFLAGS  := $(ARM_ARCH) -Os -g -ffunction-sections -fdata-sections --specs=nano.specs -DIL_PROXY=0
FW_DIR      := $(BUILD)/fw
FW_ELF      := $(FW_DIR)/fw.elf
FW_MAP      := $(FW_DIR)/fw.map
FW_LD       := boards/qemu-mps2/mps2.ld
IL_DIRFLAGS_boards/qemu-mps2 = $(IL_INC) $(LWIP_INC) -Iboards/qemu-mps2 -Iboards/common $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS)

# the arm variant: our code with the project's warnings (and -Werror)
IL_CC_arm     = $(ARM_CC)
IL_CFLAGS_arm = $(ARM_CFLAGS) -std=c99 $(WARN)
$(eval $(call il_variant,arm))
$(BUILD)/obj/arm/.flags: | $(LWIP_STAMP)
$(eval $(call il_lwip_variant,arm,$(ARM_CC),$(ARM_AR),$(ARM_CFLAGS) -std=gnu99 -w,))

FW_BOARD_SRC := boards/qemu-mps2/main.c boards/qemu-mps2/startup.c boards/qemu-mps2/lan9118.c \
                boards/qemu-mps2/net.c boards/common/board_inactivate.c
FW_OBJS      := $(call il_objs,arm,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(FW_BOARD_SRC))

$(FW_ELF): $(FW_OBJS) $(LWIP_LIB_arm) $(FW_LD)
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T $(FW_LD) -Wl,--gc-sections \
	  -Wl,-Map=$(FW_MAP) -o $@ $(FW_OBJS) $(LWIP_LIB_arm)
	arm-none-eabi-size $@

.PHONY: fw
fw: $(FW_ELF)


# ---- https firmware: port/mbedtls on top of port/lwip -----------------------
# Two images, the same sources, each with its own mbedTLS for the MCU
# (Debian's source, the project's il_mbedtls_config.h, with the ARM flags and
# mbedtls_fw.h forced in: no libc heap/stdio/exit, no clock, no files) and its
# own objects of the TLS port and of the board files built for TLS:
#   fw-tls.elf    TLS 1.3 and 1.2 (the library's default), the image `make
#                 size` and the tests treat as the board's https image;
#   fw-tls12.elf  TLS 1.2 only (IL_TLS_1_3=0): the option for parts short of
#                 flash, measured beside it and run by the tests too.
FW_MBEDTLS_FLAGS := -include boards/qemu-mps2/mbedtls_fw.h -Iboards/qemu-mps2
FW_CA_PEM   ?= $(BUILD)/boards-pki/ca.crt
FW_TLS_BOARD_SRC := $(FW_BOARD_SRC) boards/qemu-mps2/entropy.c boards/qemu-mps2/fw_fmt.c

# the test PKI (tests/boards/mkcerts.sh) unless FW_CA_PEM names another bundle
$(BUILD)/boards-pki/ca.crt: tests/boards/mkcerts.sh
	tests/boards/mkcerts.sh $(@D)

$(FW_DIR)/ca_pem.c: $(FW_CA_PEM) boards/qemu-mps2/pem2c.py
	@mkdir -p $(@D)
	$(PYTHON) boards/qemu-mps2/pem2c.py $< $@

$(FW_DIR)/ca_pem.o: $(FW_DIR)/ca_pem.c
	$(ARM_CC) $(ARM_CFLAGS) -c -o $@ $<

# $(call il_fw_tls,IMAGE,VARIANT,KNOBS): $(FW_DIR)/IMAGE.elf and .map, with
# mbedTLS built as build/mbedtls/VARIANT and the TLS port and board files as
# object variant VARIANT, both with the IL_TLS_* KNOBS; sets FW_<VARIANT>_OBJS.
define il_fw_tls
$$(eval $$(call il_mbedtls_variant,$(2),$$(ARM_CC),$$(ARM_AR),$$(ARM_CFLAGS) $$(FW_MBEDTLS_FLAGS) $(3),,,\
  boards/qemu-mps2/mbedtls_fw.h))
IL_CC_$(2)      = $$(ARM_CC)
IL_CFLAGS_$(2)  = $$(ARM_CFLAGS) -std=c99 $$(WARN)
IL_TLSDEFS_$(2) = $$(FW_MBEDTLS_FLAGS) -DIL_HAVE_TLS -DIL_TLS_POOL_SIZE=49152 $(3)
$$(eval $$(call il_variant,$(2)))
$$(BUILD)/obj/$(2)/.flags: | $$(LWIP_STAMP) $$(MBEDTLS_FETCHED)
FW_$(2)_OBJS := $$(call il_objs,arm,$$(IL_CORE_SRC) $$(IL_LWIP_SRC)) \
                $$(call il_objs,$(2),$$(FW_TLS_BOARD_SRC) $$(IL_TLS_SRC)) $$(FW_DIR)/ca_pem.o
$$(FW_DIR)/$(1).elf: $$(FW_$(2)_OBJS) $$(LWIP_LIB_arm) $$(MBEDTLS_LIBS_$(2)) $$(FW_LD)
	@mkdir -p $$(@D)
	$$(ARM_CC) $$(ARM_CFLAGS) -nostartfiles -T $$(FW_LD) -Wl,--gc-sections \
	  -Wl,-Map=$$(FW_DIR)/$(1).map -o $$@ $$(FW_$(2)_OBJS) $$(LWIP_LIB_arm) $$(MBEDTLS_LIBS_$(2))
	arm-none-eabi-size $$@
endef
$(eval $(call il_fw_tls,fw-tls,arm-tls,))
$(eval $(call il_fw_tls,fw-tls12,arm-tls12,-DIL_TLS_1_3=0))
FW_TLS_ELF   := $(FW_DIR)/fw-tls.elf
FW_TLS_MAP   := $(FW_DIR)/fw-tls.map
FW_TLS_OBJS  := $(FW_arm-tls_OBJS)
FW_TLS12_ELF := $(FW_DIR)/fw-tls12.elf
FW_TLS12_MAP := $(FW_DIR)/fw-tls12.map

.PHONY: fw-tls size
fw-tls: $(FW_TLS_ELF) $(FW_TLS12_ELF)

# `make size`: flash/RAM per component from the map files (HTTP and both https
# images), core/ alone at -Os, and the stack high-water mark (and TLS pool
# peak) measured by running each image in QEMU against the test double.
FW_CORE_OBJS = $(call il_objs,arm,$(IL_CORE_SRC))
size: $(FW_ELF) $(FW_TLS_ELF) $(FW_TLS12_ELF)
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_MAP) --elf $(FW_ELF) \
	  --title "firmware, HTTP" --core-objs $(FW_CORE_OBJS) --stack-run
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_TLS_MAP) --elf $(FW_TLS_ELF) \
	  --title "firmware, https, TLS 1.3 and 1.2 (mbedTLS, compiled-in CA)" --stack-run --tls
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_TLS12_MAP) --elf $(FW_TLS12_ELF) \
	  --title "firmware, https, TLS 1.2 only (IL_TLS_1_3=0)" --stack-run --tls
