# SPDX-License-Identifier: Apache-2.0
# boards/qemu-mps2: influx-lite firmware for MPS2 AN386 (Cortex-M4F) in QEMU.
# arm-none-eabi-gcc + newlib-nano, lwIP from Debian's source (port/lwip's
# options), our LAN9118 driver, startup and linker script. No heap: the image
# must not contain malloc/_sbrk (tests/boards/test_qemu_mps2.py checks).
#   build/fw/fw.elf      HTTP: the arm variant (core, port/lwip, the board)
#   build/fw/fw-tls.elf  https: + port/mbedtls and the board built for TLS
#                        (arm-tls variant), mbedTLS for the MCU, a compiled-in CA
ARM_CC      := arm-none-eabi-gcc
ARM_AR      := arm-none-eabi-ar
ARM_ARCH    := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
ARM_CFLAGS  := $(ARM_ARCH) -Os -g -ffunction-sections -fdata-sections --specs=nano.specs
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


# ---- https firmware (fw-tls.elf): port/mbedtls on top of port/lwip ----------
# mbedTLS for the MCU: Debian's source, the project's mbedtls_config.h, with
# the ARM flags and mbedtls_fw.h forced in (no libc heap/stdio/exit, no clock,
# no files); the same for the TLS port and the board files built for TLS.
FW_MBEDTLS_FLAGS := -include boards/qemu-mps2/mbedtls_fw.h -Iboards/qemu-mps2
$(eval $(call il_mbedtls_variant,arm,$(ARM_CC),$(ARM_AR),$(ARM_CFLAGS) $(FW_MBEDTLS_FLAGS),,,\
  boards/qemu-mps2/mbedtls_fw.h))
FW_TLS_ELF  := $(FW_DIR)/fw-tls.elf
FW_TLS_MAP  := $(FW_DIR)/fw-tls.map
FW_CA_PEM   ?= $(BUILD)/boards-pki/ca.crt

IL_CC_arm-tls      = $(ARM_CC)
IL_CFLAGS_arm-tls  = $(ARM_CFLAGS) -std=c99 $(WARN)
IL_TLSDEFS_arm-tls = $(FW_MBEDTLS_FLAGS) -DIL_HAVE_TLS -DIL_TLS_POOL_SIZE=49152
$(eval $(call il_variant,arm-tls))
$(BUILD)/obj/arm-tls/.flags: | $(LWIP_STAMP) $(MBEDTLS_FETCHED)

# the test PKI (tests/boards/mkcerts.sh) unless FW_CA_PEM names another bundle
$(BUILD)/boards-pki/ca.crt: tests/boards/mkcerts.sh
	tests/boards/mkcerts.sh $(@D)

$(FW_DIR)/ca_pem.c: $(FW_CA_PEM) boards/qemu-mps2/pem2c.py
	@mkdir -p $(@D)
	$(PYTHON) boards/qemu-mps2/pem2c.py $< $@

$(FW_DIR)/ca_pem.o: $(FW_DIR)/ca_pem.c
	$(ARM_CC) $(ARM_CFLAGS) -c -o $@ $<

FW_TLS_BOARD_SRC := $(FW_BOARD_SRC) boards/qemu-mps2/entropy.c boards/qemu-mps2/fw_fmt.c
FW_TLS_OBJS := $(call il_objs,arm,$(IL_CORE_SRC) $(IL_LWIP_SRC)) \
               $(call il_objs,arm-tls,$(FW_TLS_BOARD_SRC) $(IL_TLS_SRC)) $(FW_DIR)/ca_pem.o

$(FW_TLS_ELF): $(FW_TLS_OBJS) $(LWIP_LIB_arm) $(MBEDTLS_LIBS_arm) $(FW_LD)
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T $(FW_LD) -Wl,--gc-sections \
	  -Wl,-Map=$(FW_TLS_MAP) -o $@ $(FW_TLS_OBJS) $(LWIP_LIB_arm) $(MBEDTLS_LIBS_arm)
	arm-none-eabi-size $@

.PHONY: fw-tls size
fw-tls: $(FW_TLS_ELF)

# `make size`: flash/RAM per component from the map files (HTTP and https
# images), core/ alone at -Os, and the stack high-water mark (and TLS pool
# peak) measured by running each image in QEMU against the test double.
FW_CORE_OBJS = $(call il_objs,arm,$(IL_CORE_SRC))
size: $(FW_ELF) $(FW_TLS_ELF)
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_MAP) --elf $(FW_ELF) \
	  --title "firmware, HTTP" --core-objs $(FW_CORE_OBJS) --stack-run
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_TLS_MAP) --elf $(FW_TLS_ELF) \
	  --title "firmware, https (mbedTLS, compiled-in CA)" --stack-run --tls
