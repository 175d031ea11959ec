# SPDX-License-Identifier: Apache-2.0
# tests/boards: board programs on real stacks (lwIP over TAP in a netns,
# firmware in QEMU). Each suite prints SKIP lines when its tools are missing.
TEST_BUILD  += $(BUILD)/influx-lite-lwip $(FW_ELF) $(FW_TLS_ELF)
TEST_SUITES += tests/boards/test_linux_lwip.py tests/boards/test_qemu_mps2.py
