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
$(eval $(call il_lwip_variant,arm,$(ARM_CC),$(ARM_AR),$(ARM_CFLAGS) -std=gnu99 -w,$(LWIP_SNTP_SRC)))

# boards/common: the firmware's job (board_app.c), the credential page, the
# SNTP clock, the exchange, the stack's high-water mark and decimal output,
# compiled in each firmware variant with the board's own board.h
BOARD_COMMON_SRC := $(addprefix boards/common/,board_app.c board_cred.c board_cred_ram.c board_clock.c \
                      board_inactivate.c board_stack.c board_console.c)
FW_BOARD_SRC := boards/qemu-mps2/main.c boards/qemu-mps2/startup.c boards/qemu-mps2/lan9118.c \
                boards/common/board_net.c $(BOARD_COMMON_SRC)
$(BUILD)/obj/arm/boards/common/board_app.o $(BUILD)/obj/arm-%/boards/common/board_app.o \
$(BUILD)/obj/arm/boards/common/board_net.o $(BUILD)/obj/arm-%/boards/common/board_net.o \
$(BUILD)/obj/arm/boards/common/board_cred_ram.o $(BUILD)/obj/arm-%/boards/common/board_cred_ram.o \
$(BUILD)/obj/arm/boards/common/board_stack.o $(BUILD)/obj/arm-%/boards/common/board_stack.o \
$(BUILD)/obj/arm/boards/common/board_console.o $(BUILD)/obj/arm-%/boards/common/board_console.o \
$(BUILD)/obj/arm-%/boards/common/board_entropy_seed.o: \
  IL_XFLAGS = -Iboards/qemu-mps2
FW_OBJS      := $(call il_objs,arm,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(FW_BOARD_SRC))

$(FW_ELF): $(FW_OBJS) $(LWIP_LIB_arm) $(FW_LD) boards/qemu-mps2/mps2_sections.ld
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T $(FW_LD) -Wl,-L,boards/qemu-mps2 -Wl,--gc-sections \
	  -Wl,-Map=$(FW_MAP) -o $@ $(FW_OBJS) $(LWIP_LIB_arm)
	arm-none-eabi-size $@

.PHONY: fw
fw: $(FW_ELF)

# build/fw/fw-dhcp.elf: the HTTP image with the board option FW_DHCP (its
# address, mask and gateway from a DHCP lease; lwIP built with DHCP), run
# once by the tests (test_qemu_mps2.py) against QEMU's DHCP server.
FW_DHCP_ELF   := $(FW_DIR)/fw-dhcp.elf
FW_DHCP_FLAGS := -DFW_DHCP=1 -DIL_LWIP_DHCP=1
IL_CC_arm-dhcp     = $(ARM_CC)
IL_CFLAGS_arm-dhcp = $(ARM_CFLAGS) -std=c99 $(WARN) $(FW_DHCP_FLAGS)
$(eval $(call il_variant,arm-dhcp))
$(BUILD)/obj/arm-dhcp/.flags: | $(LWIP_STAMP)
$(eval $(call il_lwip_variant,arm-dhcp,$(ARM_CC),$(ARM_AR),$(ARM_CFLAGS) $(FW_DHCP_FLAGS) -std=gnu99 -w,\
  $(LWIP_SNTP_SRC)))
FW_DHCP_OBJS := $(call il_objs,arm-dhcp,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(FW_BOARD_SRC))

$(FW_DHCP_ELF): $(FW_DHCP_OBJS) $(LWIP_LIB_arm-dhcp) $(FW_LD) boards/qemu-mps2/mps2_sections.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T $(FW_LD) -Wl,-L,boards/qemu-mps2 -Wl,--gc-sections \
	  -o $@ $(FW_DHCP_OBJS) $(LWIP_LIB_arm-dhcp)
fw: $(FW_DHCP_ELF)


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
FW_TLS_BOARD_SRC := $(FW_BOARD_SRC) boards/common/board_entropy_seed.c boards/qemu-mps2/fw_fmt.c \
                    port/mbedtls/time_utc.c

# the test PKI (tests/boards/mkcerts.sh) unless FW_CA_PEM names another bundle
$(BUILD)/boards-pki/ca.crt: tests/boards/mkcerts.sh
	tests/boards/mkcerts.sh $(@D)

$(FW_DIR)/ca_pem.c: $(FW_CA_PEM) boards/qemu-mps2/pem2c.py
	@mkdir -p $(@D)
	$(PYTHON) boards/qemu-mps2/pem2c.py $< $@

$(FW_DIR)/ca_pem.o: $(FW_DIR)/ca_pem.c
	$(ARM_CC) $(ARM_CFLAGS) -c -o $@ $<

# $(call il_fw_tls,IMAGE,VARIANT,KNOBS,LDSCRIPT,CFLAGS): $(FW_DIR)/IMAGE.elf
# and .map, linked by LDSCRIPT, with mbedTLS built as build/mbedtls/VARIANT and
# every file of the image (core, port/lwip, the TLS port, the board) as object
# variant VARIANT, with the IL_TLS_* / MBEDTLS_* KNOBS where mbedTLS is seen
# and CFLAGS everywhere (lwIP too: an image with CFLAGS gets its own lwIP
# build, so that lwipopts.h reads the same options everywhere; -flto: LTO,
# with gcc-ar for the archives). Sets FW_<VARIANT>_OBJS.
il_fw_ar = $(if $(filter -flto,$(1)),arm-none-eabi-gcc-ar,$(ARM_AR))
il_fw_lwip = $(if $(2),$(1),arm)
define il_fw_tls
$$(eval $$(call il_mbedtls_variant,$(2),$$(ARM_CC),$$(call il_fw_ar,$(5)),\
  $$(ARM_CFLAGS) $$(FW_MBEDTLS_FLAGS) $(3) $$(filter -flto,$(5)),,,boards/qemu-mps2/mbedtls_fw.h))
$(if $(5),$$(eval $$(call il_lwip_variant,$(2),$$(ARM_CC),$$(call il_fw_ar,$(5)),$$(ARM_CFLAGS) $(5) -std=gnu99 -w,\
  $$(LWIP_SNTP_SRC))))
IL_CC_$(2)      = $$(ARM_CC)
IL_CFLAGS_$(2)  = $$(ARM_CFLAGS) -std=c99 $$(WARN) $(5)
IL_TLSDEFS_$(2) = $$(FW_MBEDTLS_FLAGS) -DIL_HAVE_TLS $(3)
$$(eval $$(call il_variant,$(2)))
$$(BUILD)/obj/$(2)/.flags: | $$(LWIP_STAMP) $$(MBEDTLS_FETCHED)
FW_$(2)_OBJS := $$(call il_objs,$(2),$$(IL_CORE_SRC) $$(IL_LWIP_SRC) $$(FW_TLS_BOARD_SRC) $$(IL_TLS_SRC)) \
                $$(FW_DIR)/ca_pem.o
FW_$(2)_LWIP := $$(LWIP_LIB_$$(call il_fw_lwip,$(2),$(5)))
$$(FW_DIR)/$(1).elf: $$(FW_$(2)_OBJS) $$(FW_$(2)_LWIP) $$(MBEDTLS_LIBS_$(2)) $(4) boards/qemu-mps2/mps2_sections.ld
	@mkdir -p $$(@D)
	$$(ARM_CC) $$(ARM_CFLAGS) $(5) -nostartfiles -T $(4) -Wl,-L,boards/qemu-mps2 -Wl,--gc-sections \
	  -Wl,-Map=$$(FW_DIR)/$(1).map -o $$@ $$(FW_$(2)_OBJS) $$(FW_$(2)_LWIP) $$(MBEDTLS_LIBS_$(2))
	arm-none-eabi-size $$@
endef
FW_LAB_POOL := -DIL_TLS_POOL_SIZE=49152
$(eval $(call il_fw_tls,fw-tls,arm-tls,$(FW_LAB_POOL),$(FW_LD),))
$(eval $(call il_fw_tls,fw-tls12,arm-tls12,$(FW_LAB_POOL) -DIL_TLS_1_3=0,$(FW_LD),))

# The small-RAM profiles: memory maps of real parts, so that the linker
# itself refuses an image that does not fit (boards/qemu-mps2/mps2-*.ld);
# what each drops is in `make size`'s profiles.json and the README.
#   fw-48k  TLS 1.2 only, AES-GCM, every chain the lab images take but
#           RSA-4096 roots and roots self-signed with SHA-1,
#           48 KB of RAM with its 4 KB stack, 128 KB of flash (4 KB of it the
#           credential page): a 512 B TLS output record (requests are small;
#           the 16 KB input record stays: Go servers send full records),
#           lwIP's small profile, 1.5 KB for the answer's kept strings (it
#           streams through the decoder: its size does not matter)
#   fw-64k  TLS 1.3 only, ECDSA P-256 chains, AES-128-GCM, LTO: 64 KB of
#           RAM with a 6 KB stack, 128 KB of flash
FW_SMALL_CFLAGS := -DIL_LWIP_SMALL=1 -DFW_BODY_BUF=1536
FW_48K_KNOBS := -DIL_TLS_1_3=0 -DIL_TLS_CHACHAPOLY=0 -DIL_TLS_SHA1=0 -DIL_TLS_POOL_SIZE=27648 -DIL_TLS_CA_DER_MAX=1024 -DMBEDTLS_SSL_OUT_CONTENT_LEN=512
FW_64K_KNOBS := -DIL_TLS_1_2=0 -DIL_TLS_RSA=0 -DIL_TLS_P384=0 -DIL_TLS_SHA384=0 -DIL_TLS_CHACHAPOLY=0 \
                -DIL_TLS_SHA1=0 -DIL_TLS_POOL_SIZE=32768 -DIL_TLS_CA_DER_MAX=1024 -DMBEDTLS_SSL_OUT_CONTENT_LEN=1024
$(eval $(call il_fw_tls,fw-48k,arm-48k,$(FW_48K_KNOBS),boards/qemu-mps2/mps2-48k.ld,$(FW_SMALL_CFLAGS)))
$(eval $(call il_fw_tls,fw-64k,arm-64k,$(FW_64K_KNOBS),boards/qemu-mps2/mps2-64k.ld,$(FW_SMALL_CFLAGS) -flto))
FW_48K_ELF := $(FW_DIR)/fw-48k.elf
FW_64K_ELF := $(FW_DIR)/fw-64k.elf
FW_TLS_ELF   := $(FW_DIR)/fw-tls.elf
FW_TLS_MAP   := $(FW_DIR)/fw-tls.map
FW_TLS_OBJS  := $(FW_arm-tls_OBJS)
FW_TLS12_ELF := $(FW_DIR)/fw-tls12.elf
FW_TLS12_MAP := $(FW_DIR)/fw-tls12.map

.PHONY: fw-tls size
fw-tls: $(FW_TLS_ELF) $(FW_TLS12_ELF) $(FW_48K_ELF) $(FW_64K_ELF)

# `make size`: flash/RAM per component of each image from its map file, core/
# alone at -Os, then every profile measured and run in QEMU as a provisioned
# device (stack high-water mark, TLS pool peak, certificate dates checked):
# build/size/profiles.json and the README's table, build/size/profiles.md
# (boards/common/size_profiles.py).
FW_CORE_OBJS = $(call il_objs,arm,$(IL_CORE_SRC))
FW_ALL_ELFS = $(FW_ELF) $(FW_TLS_ELF) $(FW_TLS12_ELF) $(FW_48K_ELF) $(FW_64K_ELF) $(README_EX_ELF)
size: $(FW_ALL_ELFS)
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_MAP) --elf $(FW_ELF) \
	  --title "firmware, HTTP" --core-objs $(FW_CORE_OBJS)
	@for i in fw-tls fw-tls12 fw-48k fw-64k; do \
	  $(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_DIR)/$$i.map --elf $(FW_DIR)/$$i.elf --title "firmware $$i"; \
	done
	@BUILD=$(BUILD) $(PYTHON) boards/common/size_profiles.py --out-dir $(BUILD)/size

# build/fw/fw-m33.elf: the HTTP image for MPS2 AN505 (Cortex-M33, ARMv8-M
# mainline), the same sources with the AN505's addresses and clock: a
# second Cortex-M profile, run by the tests.
FW_M33_ELF   := $(FW_DIR)/fw-m33.elf
FW_M33_ARCH  := -mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16 -Os -g -ffunction-sections \
                -fdata-sections --specs=nano.specs -DIL_PROXY=0
FW_M33_DEFS  := -DMPS2_AN505=1 -DMPS2_UART0=0x50200000u -DLAN_BASE=0x52000000u -DBOARD_CPU_HZ=20000000u
IL_CC_arm-m33     = $(ARM_CC)
IL_CFLAGS_arm-m33 = $(FW_M33_ARCH) -std=c99 $(WARN) $(FW_M33_DEFS)
$(eval $(call il_variant,arm-m33))
$(BUILD)/obj/arm-m33/.flags: | $(LWIP_STAMP)
$(eval $(call il_lwip_variant,arm-m33,$(ARM_CC),$(ARM_AR),$(FW_M33_ARCH) -std=gnu99 -w,$(LWIP_SNTP_SRC)))
FW_M33_OBJS := $(call il_objs,arm-m33,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(FW_BOARD_SRC))

$(FW_M33_ELF): $(FW_M33_OBJS) $(LWIP_LIB_arm-m33) boards/qemu-mps2/mps2-an505.ld boards/qemu-mps2/mps2_sections.ld
	$(ARM_CC) $(FW_M33_ARCH) -nostartfiles -T boards/qemu-mps2/mps2-an505.ld -Wl,-L,boards/qemu-mps2 \
	  -Wl,--gc-sections -o $@ $(FW_M33_OBJS) $(LWIP_LIB_arm-m33)
fw: $(FW_M33_ELF)

size: $(FW_M33_ELF)
