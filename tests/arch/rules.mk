# SPDX-License-Identifier: Apache-2.0
# tests/arch: every architecture's static binary under qemu-user against the
# double, make release's SHA256SUMS (test_arch.sh); it also runs tests/tls/test_p256.c as built for the
# 32-bit architectures (tests/tls/rules.mk: test_p256-A).
TEST_BUILD  += $(addprefix $(BUILD)/influx-lite-static-,$(IL_ARCHES)) $(BUILD)/release/SHA256SUMS
TEST_SUITES += tests/arch/test_arch.sh
