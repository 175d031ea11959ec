# SPDX-License-Identifier: Apache-2.0
# tests/boards: board programs on real stacks (lwIP over TAP in a netns,
# firmware in QEMU, README.md's library example as firmware), and the
# firmware's snprintf on the host. Each suite prints SKIP lines when its
# tools are missing.
TEST_BUILD  += $(BUILD)/influx-lite-lwip $(FW_ELF) $(FW_TLS_ELF)
TEST_SUITES += tests/boards/test_linux_lwip.py tests/boards/test_qemu_mps2.py

# README.md's library example, taken from README.md at build time (README.md
# stays the one copy): compiled for the Cortex-M4 with the firmware's flags
# and -Werror, then linked with the https firmware's objects in place of its
# main.c (tests/boards/readme_example_main.c calls it); test_qemu_mps2.py
# runs the image against the test double.
README_EX_DIR   := $(FW_DIR)/readme
README_EX_ELF   := $(FW_DIR)/fw-readme.elf
README_EX_OBJS  := $(README_EX_DIR)/example.o $(README_EX_DIR)/readme_example_main.o \
                   $(filter-out $(FW_TLS_OBJ_DIR)/boards/qemu-mps2/main.o,$(FW_TLS_OBJS))
README_EX_FLAGS  = $(ARM_CFLAGS) -std=c99 $(WARN) $(FW_CPPFLAGS) $(FW_MBEDTLS_FLAGS) $(MBEDTLS_CPPFLAGS) \
                   -Itests/boards
README_EX_DEPS  := tests/boards/readme_example.h $(FW_HDRS) $(LWIP_STAMP) $(MBEDTLS_FETCHED)

$(README_EX_DIR)/example.c: README.md tests/boards/readme_code.py
	@mkdir -p $(@D)
	$(PYTHON) tests/boards/readme_code.py README.md '## The library' $@

$(README_EX_DIR)/example.o: $(README_EX_DIR)/example.c $(README_EX_DEPS)
	$(ARM_CC) $(README_EX_FLAGS) -include tests/boards/readme_example.h -c -o $@ $<

$(README_EX_DIR)/readme_example_main.o: tests/boards/readme_example_main.c $(README_EX_DEPS)
	@mkdir -p $(@D)
	$(ARM_CC) $(README_EX_FLAGS) -c -o $@ $<

$(README_EX_ELF): $(README_EX_OBJS) $(LWIP_ARM_LIB) $(MBEDTLS_ARM_LIBS) boards/qemu-mps2/mps2.ld
	$(ARM_CC) $(ARM_CFLAGS) -nostartfiles -T boards/qemu-mps2/mps2.ld -Wl,--gc-sections \
	  -o $@ $(README_EX_OBJS) $(LWIP_ARM_LIB) $(MBEDTLS_ARM_LIBS)

TEST_BUILD += $(README_EX_ELF)

# The firmware's snprintf (boards/qemu-mps2/fw_fmt.c) on the host, with
# ASan/UBSan: the C library's bytes where both apply, its own rules elsewhere.
$(BUILD)/tests/test_fw_fmt: tests/boards/test_fw_fmt.c boards/qemu-mps2/fw_fmt.c boards/qemu-mps2/board.h \
                            boards/qemu-mps2/mbedtls_fw.h tests/unit/check.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(ASAN) -Wno-missing-prototypes -Iboards/qemu-mps2 -Itests/unit -o $@ \
	  tests/boards/test_fw_fmt.c boards/qemu-mps2/fw_fmt.c

TEST_BUILD  += $(BUILD)/tests/test_fw_fmt
TEST_SUITES += $(BUILD)/tests/test_fw_fmt
