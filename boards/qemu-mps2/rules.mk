# boards/qemu-mps2: influx-lite firmware for MPS2 AN386 (Cortex-M4F) in QEMU.
# arm-none-eabi-gcc + newlib-nano, lwIP from Debian's source (port/lwip's
# options), our LAN9118 driver, startup and linker script. No heap: the image
# must not contain malloc/_sbrk (tests/boards/test_qemu_mps2.sh checks).
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

# Our code: core/, port/lwip, the board (project warnings, -Werror).
FW_BOARD_SRC := boards/qemu-mps2/main.c boards/qemu-mps2/startup.c boards/qemu-mps2/lan9118.c
FW_SRC       := $(CORE_SRC) $(LWIP_PORT_SRC) $(FW_BOARD_SRC)
FW_OBJS      := $(patsubst %.c,$(FW_DIR)/obj/%.o,$(FW_SRC))
FW_CPPFLAGS  := $(CPPFLAGS) $(LWIP_INC) -Iboards/qemu-mps2
FW_HDRS      := $(HDRS) $(LWIP_CFG_HDRS) $(wildcard boards/qemu-mps2/*.h)

$(FW_DIR)/obj/%.o: %.c $(FW_HDRS) $(LWIP_STAMP)
	@mkdir -p $(@D)
	$(ARM_CC) $(ARM_CFLAGS) -std=c99 $(WARN) $(FW_CPPFLAGS) -c -o $@ $<

$(FW_ELF): $(FW_OBJS) $(LWIP_ARM_LIB) boards/qemu-mps2/mps2.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T boards/qemu-mps2/mps2.ld -Wl,--gc-sections \
	  -Wl,-Map=$(FW_MAP) -o $@ $(FW_OBJS) $(LWIP_ARM_LIB)
	arm-none-eabi-size $@

.PHONY: fw
fw: $(FW_ELF)

# `make size`: flash/RAM per component from the map file, core/ alone at -Os,
# and the stack high-water mark measured by running the image in QEMU.
FW_CORE_OBJS = $(filter $(FW_DIR)/obj/core/%,$(FW_OBJS))
size: $(FW_ELF)
	@$(PYTHON) boards/qemu-mps2/size_table.py --map $(FW_MAP) --elf $(FW_ELF) \
	  --title "firmware, HTTP (fw.elf)" --core-objs $(FW_CORE_OBJS) --stack-run
