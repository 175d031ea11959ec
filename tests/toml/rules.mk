# SPDX-License-Identifier: Apache-2.0
# tests/toml: the configs file's TOML reader against its cases
# (tests/toml/cases.txt: valid and invalid TOML, the official error texts)
# and, as a second opinion on what is TOML at all, Python's tomllib.
TOML_CHECK := $(BUILD)/asan/tests/toml_check
$(TOML_CHECK): $(BUILD)/obj/asan/tests/toml/toml_check.o $(call il_test_deps,asan)
	$(call il_test_link,asan)
IL_DIRFLAGS_tests/toml = $(IL_INC) -Iboards/linux

TEST_BUILD  += $(TOML_CHECK)
TEST_SUITES += tests/toml/test_toml.py
