# SPDX-License-Identifier: Apache-2.0
# tests/tls/rules.mk - the TLS port against real servers on 127.0.0.1
# (tests/tls/test_tls.py drives build/tests/tls_probe; see port/mbedtls).

_il_tlstest_goal := $(.DEFAULT_GOAL)

TLS_PROBE_SRC  := tests/tls/tls_probe.c tests/lib/wrap_malloc.c core/status.c core/text.c core/wipe.c \
                  port/posix/posix.c
TLS_PROBE_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free

$(BUILD)/tests/tls_probe: $(TLS_PROBE_SRC) $(TLS_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Iport/posix -Itests/lib $(TLS_CPPFLAGS) $(CFLAGS_ALL) -Wno-missing-prototypes \
	  $(TLS_PROBE_WRAP) -o $@ $(TLS_PROBE_SRC) $(TLS_SRC) $(TLS_LIBS)

# The same probe, fully static with musl, stripped: the TLS size figure.
$(BUILD)/tests/tls_probe-static: $(TLS_PROBE_SRC) $(TLS_SRC) $(HDRS) $(MBEDTLS_MUSL_LIBS)
	@mkdir -p $(@D)
	musl-gcc $(CPPFLAGS) -Iport/posix -Itests/lib $(MBEDTLS_MUSL_CPPFLAGS) -std=c99 -D_POSIX_C_SOURCE=200809L \
	  $(WARN) -Wno-missing-prototypes -Os -ffunction-sections -fdata-sections -static \
	  -Wl,--gc-sections -s $(TLS_PROBE_WRAP) -o $@ $(TLS_PROBE_SRC) $(TLS_SRC) $(MBEDTLS_MUSL_LIBS)

# A pool too small for a handshake (22 KB: a P-256 chain peaks at 24 KB, RSA at
# 29 KB): must fail with IL_ERR_TLS, never
# "unknown CA" (mbedTLS 2.28 hides allocation failures in chain checks).
$(BUILD)/tests/tls_probe-smallpool: $(TLS_PROBE_SRC) $(TLS_SRC) $(HDRS) $(TLS_DEPS) tests/tls/rules.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Iport/posix -Itests/lib $(TLS_CPPFLAGS) -DIL_TLS_POOL_SIZE=22528 $(CFLAGS_ALL) \
	  -Wno-missing-prototypes $(TLS_PROBE_WRAP) -o $@ $(TLS_PROBE_SRC) $(TLS_SRC) $(TLS_LIBS)

# Constant-time check (valgrind memcheck) of X25519 and AES-GCM as the Linux
# archives compile them (tests/tls/ct_check.c), glibc and musl.
CT_CHECK_SRC := tests/tls/ct_check.c $(TLS_SRC) core/status.c core/text.c core/wipe.c
CT_CHECK_INC := -isystem /usr/include/valgrind

$(BUILD)/tests/ct_check: $(CT_CHECK_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TLS_CPPFLAGS) $(CT_CHECK_INC) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ \
	  $(CT_CHECK_SRC) $(TLS_LIBS)

$(BUILD)/tests/ct_check-static: $(CT_CHECK_SRC) $(HDRS) $(MBEDTLS_MUSL_LIBS)
	@mkdir -p $(@D)
	musl-gcc $(CPPFLAGS) $(MBEDTLS_MUSL_CPPFLAGS) $(CT_CHECK_INC) -std=c99 -D_POSIX_C_SOURCE=200809L \
	  $(WARN) -Wno-missing-prototypes -Os -g -static -o $@ $(CT_CHECK_SRC) $(MBEDTLS_MUSL_LIBS)

# P-256 (port/mbedtls/p256.c, ecdh_p256.c) against mbedTLS's own arithmetic.
TEST_P256_SRC := tests/tls/test_p256.c $(TLS_SRC) core/status.c core/text.c core/wipe.c
$(BUILD)/tests/test_p256: $(TEST_P256_SRC) tests/unit/check.h port/mbedtls/p256_comb.h $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(TLS_CPPFLAGS) $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ \
	  $(TEST_P256_SRC) $(TLS_LIBS)

TEST_BUILD  += $(BUILD)/tests/test_p256
TEST_SUITES += $(BUILD)/tests/test_p256

# The generator of port/mbedtls/p256_comb.h (p256.c's own variable-base
# multiplication prints the table): `make p256-comb` rewrites the header,
# `make test` checks the committed one is what it prints.
$(BUILD)/tests/gen_p256_comb: tests/tls/gen_p256_comb.c core/wipe.c $(P256_OBJ) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -o $@ tests/tls/gen_p256_comb.c core/wipe.c $(P256_OBJ)

.PHONY: p256-comb
p256-comb: $(BUILD)/tests/gen_p256_comb
	$(BUILD)/tests/gen_p256_comb > $(BUILD)/p256_comb.h.tmp
	mv $(BUILD)/p256_comb.h.tmp port/mbedtls/p256_comb.h

TEST_BUILD  += $(BUILD)/tests/gen_p256_comb
TEST_SUITES += tests/tls/test_p256_comb.sh
TEST_BUILD  += $(BUILD)/tests/tls_probe $(BUILD)/tests/tls_probe-static $(BUILD)/tests/tls_probe-smallpool \
               $(BUILD)/tests/ct_check $(BUILD)/tests/ct_check-static
TEST_SUITES += tests/tls/test_tls.py
TEST_SUITES += tests/tls/test_tls_cli.py

.DEFAULT_GOAL := $(_il_tlstest_goal)
