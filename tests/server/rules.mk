# SPDX-License-Identifier: Apache-2.0
TEST_SUITES += tests/server/test_server.py
