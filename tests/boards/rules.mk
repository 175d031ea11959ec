# SPDX-License-Identifier: Apache-2.0
# tests/boards: board programs on real stacks (lwIP over TAP in a netns,
# firmware in QEMU, README.md's library example as firmware), and the
# firmware's snprintf on the host. Each suite prints SKIP lines when its
# tools are missing.
TEST_BUILD  += $(BUILD)/influx-lite-lwip $(BUILD)/influx-lite-lwip-sock $(FW_ELF) $(FW_TLS_ELF) $(FW_TLS12_ELF) \
               $(FW_48K_ELF) $(FW_64K_ELF) $(FW_DHCP_ELF) $(FW_M33_ELF) $(RV_ELF) $(RV_TLS_ELF)
TEST_SUITES += tests/boards/test_linux_lwip.py tests/boards/test_qemu_mps2.py tests/boards/test_profiles.py \
               tests/boards/test_qemu_riscv.py

# README.md's library example, taken from README.md at build time (README.md
# stays the one copy): compiled for the Cortex-M4 with the firmware's flags
# and -Werror, then linked with the https firmware's objects in place of its
# main.c (tests/boards/readme_example_main.c calls it); test_qemu_mps2.py
# runs the image against the test double.
README_EX_DIR   := $(FW_DIR)/readme
README_EX_ELF   := $(FW_DIR)/fw-readme.elf
README_EX_OBJS  := $(README_EX_DIR)/example.o $(call il_objs,arm-tls,tests/boards/readme_example_main.c) \
                   $(filter-out $(call il_objs,arm-tls,boards/qemu-mps2/main.c),$(FW_TLS_OBJS))
IL_DIRFLAGS_tests/boards = $(IL_DIRFLAGS_boards/qemu-mps2) -Itests/boards

$(README_EX_DIR)/example.c: README.md tests/boards/readme_code.py
	@mkdir -p $(@D)
	$(PYTHON) tests/boards/readme_code.py README.md '## The library' $@

$(README_EX_DIR)/example.o: $(README_EX_DIR)/example.c tests/boards/readme_example.h $(BUILD)/obj/arm-tls/.flags
	$(IL_CC_arm-tls) $(IL_CFLAGS_arm-tls) $(IL_INC) $(LWIP_INC) -Iboards/qemu-mps2 -Iboards/common -Itests/boards \
	  $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS_arm-tls) -include tests/boards/readme_example.h -MMD -MP -c -o $@ $<

$(README_EX_ELF): $(README_EX_OBJS) $(LWIP_LIB_arm) $(MBEDTLS_LIBS_arm-tls) $(FW_LD) boards/qemu-mps2/mps2_sections.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T $(FW_LD) -Wl,-L,boards/qemu-mps2 -Wl,--gc-sections \
	  -o $@ $(README_EX_OBJS) $(LWIP_LIB_arm) $(MBEDTLS_LIBS_arm-tls)

TEST_BUILD += $(README_EX_ELF)
size: $(README_EX_ELF)

# The firmware's snprintf (boards/qemu-mps2/fw_fmt.c) on the host, with
# ASan/UBSan: the C library's bytes where both apply, its own rules elsewhere.
IL_DIRFLAGS_tests/boards/host = -Iboards/qemu-mps2 -Itests/unit -Wno-missing-prototypes
$(BUILD)/tests/test_fw_fmt: tests/boards/test_fw_fmt.c boards/qemu-mps2/fw_fmt.c boards/qemu-mps2/board.h \
                            boards/qemu-mps2/mbedtls_fw.h tests/unit/check.h
	@mkdir -p $(@D)
	$(IL_CC_asan) $(IL_CFLAGS_asan) $(IL_DIRFLAGS_tests/boards/host) -o $@ tests/boards/test_fw_fmt.c \
	  boards/qemu-mps2/fw_fmt.c

TEST_BUILD  += $(BUILD)/tests/test_fw_fmt
TEST_SUITES += $(BUILD)/tests/test_fw_fmt
