# SPDX-License-Identifier: Apache-2.0
# tests/fault: the fault matrix against the influxd double and raw-socket servers
# (plain, --http-debug, and the ASan/UBSan build with leak detection), and the
# secrecy checks (the caller's token never printed, in any form, also when a server
# echoes it at every cut of the buffers: test_secrecy_echo.py), and the local inputs
# (regular files only, never blocking, bounded: test_local_inputs.py).
TEST_SUITES += tests/fault/test_fault_matrix.py tests/fault/test_secrecy.py tests/fault/test_secrecy_echo.py \
               tests/fault/test_local_inputs.py \
               tests/fault/test_fault_asan.py
