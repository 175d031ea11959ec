# SPDX-License-Identifier: Apache-2.0
# tests/tls/rules.mk - the TLS port against real servers on 127.0.0.1
# (tests/tls/test_tls.py drives build/tests/tls_probe; see port/mbedtls), and
# the TLS port's unit tests. Programs link the library of their variant.
IL_DIRFLAGS_tests/tls = $(IL_INC) -I$(IL_POSIX_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Itests/unit -Itests/lib \
                        -isystem /usr/include/valgrind -Wno-missing-prototypes
TLS_PROBE_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free

# $(call il_tls_test,OUTPUT,VARIANT,OBJECTS,EXTRA_LDFLAGS)
define il_tls_test
$(1): $(3) $(call il_lib,$(2)) $(IL_TLSLIBS_$(2))
	@mkdir -p $$(@D)
	$$(IL_CC_$(2)) $$(IL_CFLAGS_$(2)) $$(IL_LDFLAGS_$(2)) $(4) -o $$@ $(3) $$(call il_link_libs,$(2)) $$(LDFLAGS)
endef

TLS_PROBE_SRC := tests/tls/tls_probe.c tests/lib/wrap_malloc.c
$(eval $(call il_tls_test,$(BUILD)/tests/tls_probe,host,$(call il_objs,host,$(TLS_PROBE_SRC)),\
  $(TLS_PROBE_WRAP)))
# The same probe, fully static with musl, stripped: the TLS size figure.
$(eval $(call il_tls_test,$(BUILD)/tests/tls_probe-static,static,$(call il_objs,static,$(TLS_PROBE_SRC)),\
  $(TLS_PROBE_WRAP) -Wl$(comma)--gc-sections -s))

# A pool too small for a handshake (22 KB: a P-256 chain peaks at 28 KB or
# more, RSA at 34 KB): must fail with IL_ERR_TLS_MEMORY, never "unknown CA"
# (mbedTLS hides allocation failures in chain checks). The smallpool variant is
# the host one with that pool size; its TLS port objects come before the
# library's, in the probe and in the CLI (whose message names the pool).
IL_CC_smallpool      = $(IL_CC_host)
IL_CFLAGS_smallpool  = $(IL_CFLAGS_host) -DIL_TLS_POOL_SIZE=22528
IL_ENVFLAGS_smallpool = $(IL_ENVFLAGS_host)
IL_TLSDEFS_smallpool = $(TLS_DEFS)
$(eval $(call il_variant,smallpool))
$(BUILD)/obj/smallpool/.flags: | $(MBEDTLS_FETCHED) $(FIAT_FETCHED)
$(eval $(call il_tls_test,$(BUILD)/tests/tls_probe-smallpool,host,\
  $(call il_objs,host,$(TLS_PROBE_SRC)) $(call il_objs,smallpool,$(IL_TLS_SRC)),$(TLS_PROBE_WRAP)))
$(eval $(call IL_CLI_LINK,$(BUILD)/tests/influx-lite-smallpool,host,$(call il_objs,smallpool,$(IL_TLS_SRC))))

# Constant-time check (valgrind memcheck) of X25519, the fiat P-256 (and its
# PSA driver) and AES-GCM as the Linux archives compile them
# (tests/tls/ct_check.c), glibc and musl; it asks mbedTLS's private aesni.h
# whether mbedTLS uses AES-NI here.
$(eval $(call il_tls_test,$(BUILD)/tests/ct_check,host,$(call il_objs,host,tests/tls/ct_check.c)))
$(eval $(call il_tls_test,$(BUILD)/tests/ct_check-static,static,$(call il_objs,static,tests/tls/ct_check.c)))
$(call il_objs,host,tests/tls/ct_check.c) $(call il_objs,static,tests/tls/ct_check.c): IL_XFLAGS := -isystem $(MBEDTLS_SRC)/library
# The same check of p256.c over fiat's 32-bit field (what the 32-bit static
# builds run: valgrind does not run under qemu-user, so the 32-bit limb code
# is checked here as compiled for this machine, IL_P256_LIMB32), its object
# before the library's 64-bit one.
P256_OBJ_LIMB32 := $(BUILD)/p256/p256-limb32.o
$(eval $(call il_p256_obj,$(P256_OBJ_LIMB32),-DIL_P256_LIMB32,tests/tls/rules.mk))
$(eval $(call il_tls_test,$(BUILD)/tests/ct_check-limb32,host,$(call il_objs,host,tests/tls/ct_check.c) $(P256_OBJ_LIMB32)))
TEST_BUILD += $(BUILD)/tests/ct_check-limb32
# And over fiat's 64-bit field alone (make IL_P256_ASM=0, and every 64-bit
# build without the x86_64 assembly: the cross-architecture static builds),
# its object before the library's (the library's p256.o and the assembly are
# then not linked): the same constant-time check, and the differential test.
P256_OBJ_FIAT64 := $(BUILD)/p256/p256-fiat64.o
$(eval $(call il_p256_obj,$(P256_OBJ_FIAT64),-DIL_TLS_P256_ASM=0,tests/tls/rules.mk))
$(eval $(call il_tls_test,$(BUILD)/tests/ct_check-fiat64,host,\
  $(call il_objs,host,tests/tls/ct_check.c) $(P256_OBJ_FIAT64)))
$(eval $(call il_tls_test,$(BUILD)/tests/test_p256-fiat64,host,\
  $(call il_objs,host,tests/tls/test_p256.c) $(P256_OBJ_FIAT64)))
TEST_BUILD  += $(BUILD)/tests/ct_check-fiat64 $(BUILD)/tests/test_p256-fiat64
TEST_SUITES += $(BUILD)/tests/test_p256-fiat64
# The static CLI as `make static` links it, but not stripped: what
# tests/tls/test_mbedtls_build.sh reads the symbols of (the field assembly is
# what its P-256 calls), and what a profile of the static CLI runs.
$(eval $(call IL_CLI_LINK,$(BUILD)/tests/influx-lite-static-unstripped,static,,$(CLI_STATIC_LDFLAGS)))
$(BUILD)/tests/influx-lite-static-unstripped: $(CLI_BSS_LD)
TEST_BUILD += $(BUILD)/tests/influx-lite-static-unstripped $(BUILD)/influx-lite-static

# The RSA public operation's exponentiation (port/mbedtls/mpi_exp_public.c)
# against mbedTLS's constant-time one; the wraps count who calls whom.
# (on x86_64 the multiplications are the assembly's, as lib.mk builds them there)
MPI_EXP_WRAP := -Wl,--wrap=il_mpi_exp_mod_public,--wrap=$(if $(filter x86_64-%,$(shell $(CC) -dumpmachine)),il_bn_mul_mont,mbedtls_mpi_core_montmul)
$(eval $(call il_tls_test,$(BUILD)/tests/test_mpi_exp,host,$(call il_objs,host,tests/tls/test_mpi_exp.c),$(MPI_EXP_WRAP)))
$(call il_objs,host,tests/tls/test_mpi_exp.c): IL_XFLAGS := -isystem $(MBEDTLS_SRC)/library
TEST_BUILD  += $(BUILD)/tests/test_mpi_exp
TEST_SUITES += $(BUILD)/tests/test_mpi_exp

# The static pool behind mbedTLS's calloc and free (port/mbedtls/pool.c):
# zeroed memory without touching what was never written, the erasing.
$(eval $(call il_tls_test,$(BUILD)/tests/test_pool,host,$(call il_objs,host,tests/tls/test_pool.c)))
TEST_BUILD  += $(BUILD)/tests/test_pool
TEST_SUITES += $(BUILD)/tests/test_pool

# SHA-256's blocks on x86_64 (port/mbedtls/sha256_x86.c): FIPS examples, the
# SHA extensions against the portable code.
$(eval $(call il_tls_test,$(BUILD)/tests/test_sha256_x86,host,$(call il_objs,host,tests/tls/test_sha256_x86.c)))
TEST_BUILD  += $(BUILD)/tests/test_sha256_x86
TEST_SUITES += $(BUILD)/tests/test_sha256_x86

# P-256 (port/mbedtls/p256.c, ecdh_p256.c) against mbedTLS's own arithmetic.
$(eval $(call il_tls_test,$(BUILD)/tests/test_p256,host,$(call il_objs,host,tests/tls/test_p256.c)))
# The same for the 32-bit static builds (fiat-crypto's 32-bit field) and for
# aarch64 (BoringSSL's aarch64 field assembly), run under qemu-user by
# tests/arch/test_arch.sh.
IL_P256_ARCH_TESTS := aarch64 armhf mipsel
$(foreach a,$(IL_P256_ARCH_TESTS),$(eval $(call il_tls_test,$(BUILD)/tests/test_p256-$(a),static-$(a),\
  $(call il_objs,static-$(a),tests/tls/test_p256.c))))
TEST_BUILD += $(addprefix $(BUILD)/tests/test_p256-,$(IL_P256_ARCH_TESTS))
# The heap-free UTC conversion against libc's gmtime_r.
$(eval $(call il_tls_test,$(BUILD)/tests/test_time_utc,asan,$(call il_objs,asan,tests/tls/test_time_utc.c)))

# The generator of port/mbedtls/p256_comb.h (p256.c's own variable-base
# multiplication prints the table): `make p256-comb` rewrites the header,
# `make test` checks the committed one is what it prints.
$(eval $(call il_tls_test,$(BUILD)/tests/gen_p256_comb,host,$(call il_objs,host,tests/tls/gen_p256_comb.c)))
.PHONY: p256-comb
p256-comb: $(BUILD)/tests/gen_p256_comb
	$(BUILD)/tests/gen_p256_comb > $(BUILD)/p256_comb.h.tmp
	mv $(BUILD)/p256_comb.h.tmp port/mbedtls/p256_comb.h

TEST_BUILD  += $(BUILD)/tests/gen_p256_comb
TEST_SUITES += tests/tls/test_p256_comb.sh
TEST_BUILD  += $(BUILD)/tests/test_time_utc $(BUILD)/tests/test_p256
TEST_SUITES += $(BUILD)/tests/test_time_utc $(BUILD)/tests/test_p256
TEST_BUILD  += $(BUILD)/tests/tls_probe $(BUILD)/tests/tls_probe-static $(BUILD)/tests/tls_probe-smallpool \
               $(BUILD)/tests/influx-lite-smallpool \
               $(BUILD)/tests/ct_check $(BUILD)/tests/ct_check-static
TEST_SUITES += tests/tls/test_mbedtls_build.sh
TEST_SUITES += tests/tls/test_tls.py
TEST_SUITES += tests/tls/test_tls_cli.py

# The certificate rules on DER, without TLS (tests/tls/test_x509_rules.py):
# the library's verify path and the CLI's texts, plain and with ASan + UBSan.
$(BUILD)/tests/x509_rules: $(call il_objs,host,tests/tls/x509_rules.c) $(call il_test_deps,host)
	$(call il_test_link,host)
$(BUILD)/asan/tests/x509_rules: $(call il_objs,asan,tests/tls/x509_rules.c) $(call il_test_deps,asan)
	$(call il_test_link,asan)
$(call il_objs,host,tests/tls/x509_rules.c) $(call il_objs,asan,tests/tls/x509_rules.c): IL_XFLAGS := -Iboards/linux
TEST_BUILD  += $(BUILD)/tests/x509_rules $(BUILD)/asan/tests/x509_rules
TEST_SUITES += tests/tls/test_x509_rules.py tests/tls/test_cert_rules_cli.py
