# SPDX-License-Identifier: Apache-2.0
# boards/qemu-riscv: influx-lite firmware for QEMU's RISC-V virt machine
# (rv32imac), Debian's riscv64-unknown-elf-gcc with picolibc, lwIP from
# Debian's source (port/lwip's options), our polled virtio-net driver,
# startup and linker script; the firmware's job is boards/common's, as on
# the Cortex-M4 (board.h and fw_config.h are shared with boards/qemu-mps2).
# -misa-spec=2.2: the CSR instructions in the base ISA, so that the
# compiler picks picolibc's rv32imac/ilp32 multilib (rv32imac_zicsr does not).
#   build/fw/rv-http.elf   HTTP: core, port/lwip, the board
RV_CC      := riscv64-unknown-elf-gcc
RV_AR      := riscv64-unknown-elf-ar
RV_CFLAGS  := -march=rv32imac -misa-spec=2.2 -mabi=ilp32 -msave-restore -Os -g -ffunction-sections -fdata-sections \
              --specs=picolibc.specs -DIL_PROXY=0
RV_LD      := boards/qemu-riscv/riscv.ld
RV_ELF     := $(FW_DIR)/rv-http.elf
IL_DIRFLAGS_boards/qemu-riscv = $(IL_INC) $(LWIP_INC) -Iboards/qemu-riscv -Iboards/qemu-mps2 -Iboards/common

IL_CC_rv     = $(RV_CC)
IL_CFLAGS_rv = $(RV_CFLAGS) -std=c99 $(WARN)
$(eval $(call il_variant,rv))
$(BUILD)/obj/rv/.flags: | $(LWIP_STAMP)
$(eval $(call il_lwip_variant,rv,$(RV_CC),$(RV_AR),$(RV_CFLAGS) -std=gnu99 -w,$(LWIP_SNTP_SRC)))

RV_BOARD_SRC := $(addprefix boards/qemu-riscv/,main.c startup.c virtio_net.c) boards/common/board_net.c \
                $(BOARD_COMMON_SRC)
$(BUILD)/obj/rv/boards/common/%.o: IL_XFLAGS = -Iboards/qemu-riscv -Iboards/qemu-mps2
RV_OBJS := $(call il_objs,rv,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(RV_BOARD_SRC))

$(RV_ELF): $(RV_OBJS) $(LWIP_LIB_rv) $(RV_LD)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -nostartfiles -T $(RV_LD) -Wl,--gc-sections -Wl,-Map=$(FW_DIR)/rv-http.map \
	  -o $@ $(RV_OBJS) $(LWIP_LIB_rv)
	riscv64-unknown-elf-size $@

.PHONY: fw-riscv
fw-riscv: $(RV_ELF)

# build/fw/rv-tls.elf: https (TLS 1.3 and 1.2, the library's default) on the
# same board: port/mbedtls over port/lwip, mbedTLS built for rv32imac with
# the firmware's platform header (boards/qemu-mps2/mbedtls_fw.h), the test
# entropy, the compiled-in test CA. Every file of the image is object
# variant rv-tls.
RV_TLS_ELF   := $(FW_DIR)/rv-tls.elf
RV_TLS_KNOBS := -DIL_TLS_POOL_SIZE=49152
# the firmware's mbedTLS platform header; this board's folder before MPS2's
RV_MBEDTLS_FLAGS := -include boards/qemu-mps2/mbedtls_fw.h -Iboards/qemu-riscv -Iboards/qemu-mps2
$(eval $(call il_mbedtls_variant,rv-tls,$(RV_CC),$(RV_AR),$(RV_CFLAGS) $(RV_MBEDTLS_FLAGS) $(RV_TLS_KNOBS),,,\
  boards/qemu-mps2/mbedtls_fw.h))
IL_CC_rv-tls      = $(RV_CC)
IL_CFLAGS_rv-tls  = $(RV_CFLAGS) -std=c99 $(WARN)
IL_TLSDEFS_rv-tls = $(RV_MBEDTLS_FLAGS) -DIL_HAVE_TLS $(RV_TLS_KNOBS)
$(eval $(call il_variant,rv-tls))
$(BUILD)/obj/rv-tls/.flags: | $(LWIP_STAMP) $(MBEDTLS_FETCHED)
$(BUILD)/obj/rv-tls/boards/common/%.o: IL_XFLAGS = -Iboards/qemu-riscv -Iboards/qemu-mps2
RV_TLS_OBJS := $(call il_objs,rv-tls,$(IL_CORE_SRC) $(IL_LWIP_SRC) $(RV_BOARD_SRC) $(IL_TLS_SRC) \
                 boards/common/board_entropy_test.c boards/qemu-mps2/fw_fmt.c port/mbedtls/time_utc.c) \
               $(FW_DIR)/rv/ca_pem.o

$(FW_DIR)/rv/ca_pem.o: $(FW_DIR)/ca_pem.c
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -c -o $@ $<

$(RV_TLS_ELF): $(RV_TLS_OBJS) $(LWIP_LIB_rv) $(MBEDTLS_LIBS_rv-tls) $(RV_LD)
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -nostartfiles -T $(RV_LD) -Wl,--gc-sections -Wl,-Map=$(FW_DIR)/rv-tls.map \
	  -o $@ $(RV_TLS_OBJS) $(LWIP_LIB_rv) $(MBEDTLS_LIBS_rv-tls)
	riscv64-unknown-elf-size $@

fw-riscv: $(RV_TLS_ELF)

# `make size`: the RISC-V images' components, and their rows in
# build/size/profiles.json (boards/common/size_profiles.py)
.PHONY: size-riscv
size-riscv: $(RV_ELF) $(RV_TLS_ELF)
	@for i in rv-http rv-tls; do \
	  $(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_DIR)/$$i.map --elf $(FW_DIR)/$$i.elf --title "firmware $$i"; \
	done
size: size-riscv
