# SPDX-License-Identifier: Apache-2.0
# tests/static_root: the static musl binary (make static) proven static
# (file, readelf) and run alone in an empty chroot against the double over
# HTTPS by host name (see test_static_root.sh; SKIP lines when not root).
TEST_BUILD  += $(BUILD)/influx-lite-static
TEST_SUITES += tests/static_root/test_static_root.sh
