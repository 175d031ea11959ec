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
RV_CFLAGS  := -march=rv32imac -misa-spec=2.2 -mabi=ilp32 -msave-restore -Os -g -ffunction-sections -fdata-sections --specs=picolibc.specs
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
