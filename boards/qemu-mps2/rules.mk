# SPDX-License-Identifier: Apache-2.0
# boards/qemu-mps2: influx-lite firmware for MPS2 AN386 (Cortex-M4F) in QEMU.
# arm-none-eabi-gcc + newlib-nano, lwIP from Debian's source (port/lwip's
# options), our LAN9118 driver, startup and linker script. No heap: the image
# must not contain malloc/_sbrk (tests/boards/test_qemu_mps2.py checks).
include port/lwip/rules.mk

ARM_CC      := arm-none-eabi-gcc
ARM_ARCH    := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
ARM_CFLAGS  := $(ARM_ARCH) -Os -g -ffunction-sections -fdata-sections --specs=nano.specs
FW_DIR      := $(BUILD)/fw
FW_ELF      := $(FW_DIR)/fw.elf
FW_MAP      := $(FW_DIR)/fw.map

# lwIP for the MCU: one object per source, so the map attributes every byte.
LWIP_ARM_DIR  := $(BUILD)/lwip/arm
LWIP_ARM_OBJS := $(patsubst %.c,$(LWIP_ARM_DIR)/%.o,$(LWIP_CORE_FILES))
LWIP_ARM_LIB  := $(LWIP_ARM_DIR)/liblwip.a

$(LWIP_ARM_DIR)/%.o: $(LWIP_STAMP) $(LWIP_CFG_HDRS)
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -std=gnu99 -w $(LWIP_INC) -c -o $@ $(LWIP_DIR)/src/$*.c

$(LWIP_ARM_LIB): $(LWIP_ARM_OBJS)
	rm -f $@
	arm-none-eabi-ar rcs $@ $^

# Our code: core/, port/lwip, the board and boards/common (project warnings, -Werror).
FW_BOARD_SRC := boards/qemu-mps2/main.c boards/qemu-mps2/startup.c boards/qemu-mps2/lan9118.c \
                boards/qemu-mps2/net.c boards/common/board_inactivate.c
FW_SRC       := $(CORE_SRC) $(LWIP_PORT_SRC) $(FW_BOARD_SRC)
FW_OBJS      := $(patsubst %.c,$(FW_DIR)/obj/%.o,$(FW_SRC))
FW_CPPFLAGS  := $(CPPFLAGS) $(LWIP_INC) -Iboards/qemu-mps2 -Iboards/common
FW_HDRS      := $(HDRS) $(LWIP_CFG_HDRS) $(wildcard boards/qemu-mps2/*.h boards/common/*.h)

$(FW_DIR)/obj/%.o: %.c $(FW_HDRS) $(LWIP_STAMP)
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -std=c99 $(WARN) $(FW_CPPFLAGS) -c -o $@ $<

$(FW_ELF): $(FW_OBJS) $(LWIP_ARM_LIB) boards/qemu-mps2/mps2.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T boards/qemu-mps2/mps2.ld -Wl,--gc-sections \
	  -Wl,-Map=$(FW_MAP) -o $@ $(FW_OBJS) $(LWIP_ARM_LIB)
	arm-none-eabi-size $@

.PHONY: fw
fw: $(FW_ELF)


# ---- https firmware (fw-tls.elf): port/mbedtls on top of port/lwip ----------
# mbedTLS for the MCU: Debian's source (port/mbedtls fetches it), the project's
# mbedtls_config.h, built by port/mbedtls/lib.mk with the ARM flags and
# mbedtls_fw.h forced in (no libc heap/stdio/exit, no clock, no files).
# port/mbedtls/rules.mk is read after this file: $$ = secondary expansion.
.SECONDEXPANSION:
MBEDTLS_ARM_DIR  := $(BUILD)/mbedtls/arm
MBEDTLS_ARM_LIBS := $(MBEDTLS_ARM_DIR)/libmbedtls.a $(MBEDTLS_ARM_DIR)/libmbedx509.a \
                    $(MBEDTLS_ARM_DIR)/libmbedcrypto.a
FW_MBEDTLS_FLAGS := -include boards/qemu-mps2/mbedtls_fw.h -Iboards/qemu-mps2
FW_TLS_ELF  := $(FW_DIR)/fw-tls.elf
FW_TLS_MAP  := $(FW_DIR)/fw-tls.map
FW_CA_PEM   ?= $(BUILD)/boards-pki/ca.crt
FW_TLS_DEFS := -DIL_HAVE_TLS -DIL_TLS_POOL_SIZE=49152

$(MBEDTLS_ARM_DIR)/.built: $$(MBEDTLS_FETCHED) $$(MBEDTLS_CONFIG) port/mbedtls/lib.mk \
                           boards/qemu-mps2/mbedtls_fw.h
	$(MAKE) --no-print-directory -f port/mbedtls/lib.mk SRC=$(MBEDTLS_SRC) OUT=$(MBEDTLS_ARM_DIR) \
	  CC=$(ARM_CC) AR=arm-none-eabi-ar MBEDTLS_CFLAGS='$(ARM_CFLAGS) $(FW_MBEDTLS_FLAGS)'
	@touch $@
$(MBEDTLS_ARM_LIBS): $(MBEDTLS_ARM_DIR)/.built ;

# the test PKI (tests/boards/mkcerts.sh) unless FW_CA_PEM names another bundle
$(BUILD)/boards-pki/ca.crt: tests/boards/mkcerts.sh
	tests/boards/mkcerts.sh $(@D)

$(FW_DIR)/ca_pem.c: $(FW_CA_PEM) boards/qemu-mps2/pem2c.py
	@mkdir -p $(@D)
	$(PYTHON) boards/qemu-mps2/pem2c.py $< $@

FW_TLS_OBJ_DIR  := $(FW_DIR)/obj-tls
FW_TLS_SRC      := $(CORE_SRC) $(LWIP_PORT_SRC) $(FW_BOARD_SRC) port/mbedtls/tls.c port/mbedtls/pool.c \
                   port/mbedtls/ca_store.c port/mbedtls/ip_name.c \
                   boards/qemu-mps2/entropy.c boards/qemu-mps2/fw_fmt.c
FW_TLS_OBJS     := $(patsubst %.c,$(FW_TLS_OBJ_DIR)/%.o,$(FW_TLS_SRC)) $(FW_DIR)/ca_pem.o

$(FW_TLS_OBJ_DIR)/%.o: %.c $(FW_HDRS) $(LWIP_STAMP) boards/qemu-mps2/mbedtls_fw.h $$(MBEDTLS_FETCHED) \
                       $$(MBEDTLS_CONFIG) port/mbedtls/il_tls_conn.h
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -std=c99 $(WARN) $(FW_CPPFLAGS) $(FW_MBEDTLS_FLAGS) $(MBEDTLS_CPPFLAGS) \
	  $(FW_TLS_DEFS) -c -o $@ $<

$(FW_DIR)/ca_pem.o: $(FW_DIR)/ca_pem.c
	$(ARM_CC) $(ARM_CFLAGS) -c -o $@ $<

$(FW_TLS_ELF): $(FW_TLS_OBJS) $(LWIP_ARM_LIB) $(MBEDTLS_ARM_LIBS) boards/qemu-mps2/mps2.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T boards/qemu-mps2/mps2.ld -Wl,--gc-sections \
	  -Wl,-Map=$(FW_TLS_MAP) -o $@ $(FW_TLS_OBJS) $(LWIP_ARM_LIB) $(MBEDTLS_ARM_LIBS)
	arm-none-eabi-size $@

.PHONY: fw-tls
fw-tls: $(FW_TLS_ELF)

# `make size`: flash/RAM per component from the map files (HTTP and https
# images), core/ alone at -Os, and the stack high-water mark (and TLS pool
# peak) measured by running each image in QEMU against the test double.
FW_CORE_OBJS = $(filter $(FW_DIR)/obj/core/%,$(FW_OBJS))
size: $(FW_ELF) $(FW_TLS_ELF)
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_MAP) --elf $(FW_ELF) \
	  --title "firmware, HTTP" --core-objs $(FW_CORE_OBJS) --stack-run
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_TLS_MAP) --elf $(FW_TLS_ELF) \
	  --title "firmware, https (mbedTLS, compiled-in CA)" --stack-run --tls
