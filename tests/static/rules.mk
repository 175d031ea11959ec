# SPDX-License-Identifier: Apache-2.0
# tests/static: cppcheck, clang-tidy, strict gcc / arm-none-eabi-gcc compiles
# of core/, and core's call and state rules (see run_static.sh).
# `make static-check` runs it alone; `make test` runs it as a suite.
# (`make static` is the musl build, not this.)

.PHONY: static-check
static-check: $(BUILD)/include/jsmn.h
	tests/static/run_static.sh

TEST_BUILD  += $(BUILD)/include/jsmn.h
TEST_SUITES += tests/static/run_static.sh
