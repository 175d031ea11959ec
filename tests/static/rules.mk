# SPDX-License-Identifier: Apache-2.0
# tests/static: the gates of `make test` that read the code, not run it:
#   run_static.sh   cppcheck and clang-tidy (core/, ports, boards/linux/), strict
#                   gcc / arm-none-eabi-gcc compiles of core/, core's call and state rules
#   complexity.sh   pmccabe: no function above complexity 20 or 80 lines, no .c
#                   above 600 lines (complexity-allow.txt: today's exceptions)
#   style.sh        SPDX line, whitespace, line length (style-known.txt)
#   core_size.py    core/ in the Cortex-M4 HTTP image at most 8,192 B of flash
# `make static-check` runs the first three alone. (`make static` is the musl build, not this.)

.PHONY: static-check
static-check:
	tests/static/run_static.sh
	tests/static/complexity.sh
	tests/static/style.sh

TEST_BUILD  += $(FW_ELF)
TEST_SUITES += tests/static/run_static.sh tests/static/complexity.sh tests/static/style.sh tests/static/core_size.py
