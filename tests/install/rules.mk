# SPDX-License-Identifier: Apache-2.0
# tests/install: make install into a temporary DESTDIR and the programs built
# against it (pkg-config, find_package, add_subdirectory): test_install.sh.
TEST_BUILD  += $(IL_INSTALL_FILES)
TEST_SUITES += tests/install/test_install.sh
