# SPDX-License-Identifier: Apache-2.0
# port/mbedtls/rules.mk - mbedTLS 3.6 LTS from Debian's source package (the
# newest 3.6.x at or above 3.6.7 that the suites of
# port/fetch-debian-source.sh offer), built by port/mbedtls/lib.mk with
# port/mbedtls/il_mbedtls_config.h (TLS 1.3 and 1.2 client only, static
# pool), once per toolchain through il_mbedtls_variant:
#   build/mbedtls/host  gcc + glibc, for build/influx-lite and the tests
#   build/mbedtls/musl  musl-gcc -Os (the handshake's arithmetic -O2), for `make static`
#   build/mbedtls/arm-tls, arm-tls12  arm-none-eabi-gcc, for the firmware images (boards/qemu-mps2/rules.mk)
# and the TLS port (il_files.mk: IL_TLS_SRC, IL_TLS_LINUX_SRC, IL_TLS_P256_SRC)
# on top, in the library of each host variant.

# 3.6.7 is the first 3.6 with the fixes this client needs (CVE-2026-49300,
# CVE-2026-25832, and the RSA-PSS ServerKeyExchange regression of 3.6.6);
# 3.7 would be another branch (4.x changes the API).
MBEDTLS_LOWEST   := 3.6.7
MBEDTLS_BELOW    := 3.7~
MBEDTLS_SRC      := $(BUILD)/src/mbedtls-3.6
MBEDTLS_FETCHED  := $(MBEDTLS_SRC)/library/ssl_tls13_client.c
# the configuration the mbedTLS archives are built with (lib.mk includes all three)
MBEDTLS_CONFIG   := port/mbedtls/il_mbedtls_config.h port/mbedtls/il_tls_config.h port/mbedtls/il_tls_pool.h
MBEDTLS_JOBS     ?= -j2
MBEDTLS_LIBNAMES := libmbedtls.a libmbedx509.a libmbedcrypto.a

# Linux builds trade some pool for a faster P-256 (boards keep the config
# default of 2), and add X25519 (il_mbedtls_config.h IL_TLS_X25519: HACL*
# from mbedTLS's 3rdparty/everest), which tls.c offers after P-256. Every file compiled
# against these archives must see the same IL_TLS_X25519 (it changes mbedTLS's
# ECDH context): TLS_DEFS carries it.
MBEDTLS_X25519 := -DIL_TLS_X25519 -isystem $(MBEDTLS_SRC)/3rdparty/everest/include
# P-256 ECDH (InfluxDB's own TLS offers only NIST curves) by port/mbedtls/p256.c over
# fiat-crypto's field arithmetic, a header of Debian's BoringSSL source package
# (android-platform-external-boringssl, bookworm's), fetched like mbedTLS:
# il_mbedtls_config.h IL_TLS_P256_FIAT turns on mbedTLS's ECDH and
# ECDSA-verify ALT hooks, which ecdh_p256.c and ecdsa_p256.c fill, and the
# PSA driver slot of p256-m, which p256_driver.c fills (TLS 1.3's key share);
# p256_driver.c checks its entry points against the slot's header.
FIAT_SRC     := $(BUILD)/src/boringssl
FIAT_DIR     := $(FIAT_SRC)/src/third_party/fiat
FIAT_FETCHED := $(FIAT_DIR)/p256_64.h
MBEDTLS_P256 := -DIL_TLS_P256_FIAT -isystem $(FIAT_DIR) -isystem $(MBEDTLS_SRC)/3rdparty/p256-m
# SHA-256 blocks by the CPU's SHA extensions on x86_64 (port/mbedtls/sha256_x86.c,
# il_tls_config.h IL_TLS_SHA256_X86; other architectures ignore it).
MBEDTLS_SHA256_X86 := -DIL_TLS_SHA256_X86
MBEDTLS_LINUX_CRYPTO := $(MBEDTLS_X25519) $(MBEDTLS_P256) $(MBEDTLS_SHA256_X86)
MBEDTLS_LINUX_SPEED := -DMBEDTLS_ECP_WINDOW_SIZE=6 -DIL_TLS_SHA256_UNROLLED
# The handshake's hot code (lib.mk's HOT_C: bignum, ECP, ECDH/ECDSA, RSA,
# SHA-2, HKDF, AES, GCM, DRBG) at -O2 in the -Os musl build, and HACL*'s X25519 at
# -O3 (it unrolls its 5-limb loops): CPU time where a handshake spends it, for
# a little more size.
MBEDTLS_X25519_CFLAGS ?= -O3

# For any file that includes il_tls.h / mbedTLS headers (-isystem: the
# project's -Wconversion -Werror does not apply to mbedTLS's own headers).
# The config's name is not mbedtls_config.h: mbedTLS 3.x resolves that name to
# its own include/mbedtls/mbedtls_config.h first.
MBEDTLS_CPPFLAGS := -isystem $(MBEDTLS_SRC)/include -I$(IL_TLS_INC) \
                    '-DMBEDTLS_CONFIG_FILE="il_mbedtls_config.h"'
# The Linux builds' TLS configuration (IL_HAVE_TLS: the CLI speaks https).
TLS_DEFS := $(MBEDTLS_LINUX_CRYPTO) -DIL_HAVE_TLS

# Fetch once (a private apt state under build/; see port/fetch-debian-source.sh):
# the newest version in [MBEDTLS_LOWEST, MBEDTLS_BELOW), or a loud failure
# naming the versions found. Its version and tarball SHA-256
# ($(MBEDTLS_SRC)/IL_SOURCE) are printed whenever the archives are built.
$(MBEDTLS_FETCHED):
	sh port/fetch-debian-source.sh mbedtls $(MBEDTLS_SRC) library/ssl_tls13_client.c $(MBEDTLS_LOWEST) $(MBEDTLS_BELOW)

# fiat-crypto's P-256 field arithmetic: one header of BoringSSL's source (the
# bookworm package the P-256 tests were written against).
$(FIAT_FETCHED):
	sh port/fetch-debian-source.sh android-platform-external-boringssl/bookworm $(FIAT_SRC) \
	  src/third_party/fiat/p256_64.h

# One sub-make per variant builds the three archives (2 jobs unless the
# parent make already runs a jobserver).
_il_mbedtls_j = $(if $(findstring jobserver,$(MAKEFLAGS)),,$(MBEDTLS_JOBS))

# $(call il_mbedtls_variant,NAME,CC,AR,CFLAGS,HOT_CFLAGS,X25519_CFLAGS,PREREQUISITES):
# build/mbedtls/NAME/{libmbedtls,libmbedx509,libmbedcrypto}.a, named by
# MBEDTLS_LIBS_NAME (lib.mk: HOT_CFLAGS and X25519_CFLAGS are appended for the
# handshake's hot objects and HACL*'s X25519). A variant rebuilds when its
# flags change (the .cflags file changes only then), or lib.mk, the config,
# the port's file built into the archive (mpi_exp_public.c) or a prerequisite does.
define il_mbedtls_variant
MBEDTLS_LIBS_$(1) := $(addprefix $(BUILD)/mbedtls/$(1)/,$(MBEDTLS_LIBNAMES))
_il_mbedtls_flags_$(1) = MBEDTLS_CFLAGS=$$(call il_shq,$(4)) MBEDTLS_HOT_CFLAGS=$$(call il_shq,$(5)) \
                         MBEDTLS_X25519_CFLAGS=$$(call il_shq,$(6))
$(BUILD)/mbedtls/$(1)/.cflags: FORCE
	@mkdir -p $$(@D)
	@echo $$(call il_shq,$$(_il_mbedtls_flags_$(1))) | cmp -s - $$@ || \
	  echo $$(call il_shq,$$(_il_mbedtls_flags_$(1))) > $$@
$(BUILD)/mbedtls/$(1)/.built: $(MBEDTLS_FETCHED) $(FIAT_FETCHED) $(MBEDTLS_CONFIG) port/mbedtls/lib.mk \
                              $(IL_TLS_MPI_SRC) port/mbedtls/il_tls_mpi.h $(BUILD)/mbedtls/$(1)/.cflags $(7)
	rm -rf $(BUILD)/mbedtls/$(1)/obj
	@echo "mbedTLS for $(1): $$$$(cat $(MBEDTLS_SRC)/IL_SOURCE 2>/dev/null || echo '(no IL_SOURCE)')"
	$$(MAKE) $$(_il_mbedtls_j) --no-print-directory -f port/mbedtls/lib.mk SRC=$(MBEDTLS_SRC) BORINGSSL=$(FIAT_SRC) \
	  OUT=$(BUILD)/mbedtls/$(1) CC=$(2) AR=$(3) $$(_il_mbedtls_flags_$(1))
	@touch $$@
$$(MBEDTLS_LIBS_$(1)): $(BUILD)/mbedtls/$(1)/.built ;
endef
MBEDTLS_HOST_CFLAGS ?= -O2 -g $(MBEDTLS_LINUX_SPEED) $(MBEDTLS_LINUX_CRYPTO)
MBEDTLS_HOST_HOT_CFLAGS ?=
# (-fno-pie as the static variant: Makefile STATIC_CFLAGS)
MBEDTLS_MUSL_CFLAGS ?= -Os -ffunction-sections -fdata-sections -fno-pie $(MBEDTLS_LINUX_SPEED) $(MBEDTLS_LINUX_CRYPTO)
MBEDTLS_MUSL_HOT_CFLAGS ?= -O2
$(eval $(call il_mbedtls_variant,host,$(CC),$(AR),$(MBEDTLS_HOST_CFLAGS),$(MBEDTLS_HOST_HOT_CFLAGS),$(MBEDTLS_X25519_CFLAGS)))
$(eval $(call il_mbedtls_variant,musl,musl-gcc,$(AR),$(MBEDTLS_MUSL_CFLAGS),$(MBEDTLS_MUSL_HOT_CFLAGS),$(MBEDTLS_X25519_CFLAGS)))

.PHONY: mbedtls mbedtls-musl
mbedtls: $(MBEDTLS_LIBS_host)
mbedtls-musl: $(MBEDTLS_LIBS_musl)

# p256.c is compiled once, by clang, into an object that both the glibc and
# the musl links take (it needs only memcpy/memset): clang turns fiat-crypto's
# 128-bit carry chains into faster code than gcc does.
P256_OBJ     := $(BUILD)/p256/p256.o
# (`make deps` installs clang; without it, the C compiler)
P256_CC      := $(if $(shell command -v clang 2>/dev/null),clang,$(CC))
# On x86_64 and aarch64, the field's multiplication and squaring by
# BoringSSL's assembly (il_tls_config.h IL_TLS_P256_ASM), from the same
# source package as fiat: the architecture's p256-*-asm.S assembled as it is,
# by il_p256_asm, into an object beside p256.o in every library that takes
# p256.o (aarch64: port/targets/rules.mk). The .S goes through the
# preprocessor, so -D renames every function it defines (its .globl and .type
# lines: nm of the object shows no BoringSSL name, and a program that links
# OpenSSL or BoringSSL too sees no clash) and, on x86_64, OPENSSL_ia32cap_P,
# which p256.c defines as a constant. `make IL_P256_ASM=0`: fiat alone
# (tests/tls/rules.mk tests a fiat-only p256.c either way).
IL_P256_ASM  ?= 1
P256_ASM_SRC_x86_64  := $(FIAT_SRC)/linux-x86_64/crypto/fipsmodule/p256-x86_64-asm.S
P256_ASM_SRC_aarch64 := $(FIAT_SRC)/linux-aarch64/crypto/fipsmodule/p256-armv8-asm.S
# the -D options that rename the functions of the .S $(1)
il_p256_asm_renames = sed -n -e 's/^\.globl[[:space:]]*\([A-Za-z0-9_]*\).*/\1/p' \
                             -e 's/^\.type[[:space:]]*\([A-Za-z0-9_]*\),[@%]function.*/\1/p' $(1) | \
                      sort -u | sed 's/\(.*\)ecp_nistz256_\(.*\)/-D&=\1il_nistz256_\2/'
# $(call il_p256_asm,OBJECT,CC,SOURCE,FLAGS,PREREQUISITES): SOURCE assembled by CC, its functions renamed
define il_p256_asm
$(1): $(FIAT_FETCHED) port/mbedtls/rules.mk $(5)
	@mkdir -p $$(@D)
	$(2) $$$$($$(call il_p256_asm_renames,$(3))) $(4) -c -o $$@ $(3)
endef
# the host variants' object: x86_64's assembly where clang compiles for x86_64
P256_ASM_HOST := $(if $(filter 1,$(IL_P256_ASM)),$(if $(filter x86_64-%,$(shell $(P256_CC) -dumpmachine)),1))
P256_ASM_OBJ  := $(if $(P256_ASM_HOST),$(BUILD)/p256/p256-x86_64-asm.o)
$(eval $(call il_p256_asm,$(BUILD)/p256/p256-x86_64-asm.o,$(P256_CC),$(P256_ASM_SRC_x86_64),\
  -DOPENSSL_ia32cap_P=il_nistz256_ia32cap))
# (p256.o is compiled again when IL_P256_ASM changes)
$(BUILD)/p256/.asm: FORCE
	@mkdir -p $(@D)
	@echo $(IL_P256_ASM) | cmp -s - $@ || echo $(IL_P256_ASM) > $@
# $(call il_p256_obj,OBJECT,DEFINES,PREREQUISITES): p256.c compiled by P256_CC with DEFINES
# (tests/tls/rules.mk compiles it again for fiat's other fields)
P256_DEPS := port/mbedtls/p256.c port/mbedtls/p256.h port/mbedtls/p256_comb.h port/mbedtls/il_tls_config.h \
             include/il_wipe.h port/mbedtls/rules.mk $(FIAT_FETCHED)
define il_p256_obj
$(1): $(P256_DEPS) $(3)
	@mkdir -p $$(@D)
	$(P256_CC) -std=c99 -O2 -gdwarf-4 -fPIC -Wall -Wextra -Wconversion -Wshadow -Werror -DIL_TLS_P256_FIAT \
	  $(2) -Iinclude -Iport/mbedtls -isystem $(FIAT_DIR) -c -o $$@ port/mbedtls/p256.c
endef
$(eval $(call il_p256_obj,$(P256_OBJ),-DIL_TLS_P256_ASM=$(if $(P256_ASM_HOST),1,0),$(BUILD)/p256/.asm))

# The TLS port in the library of every host variant (Makefile: il_library):
# the port, its Linux entropy and clock, the P-256 hooks, p256.o and its assembly.
IL_TLS_P256_GLUE_SRC := $(filter-out %/p256.c,$(IL_TLS_P256_SRC))
IL_DIRFLAGS_port/mbedtls = $(IL_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS)
$(foreach v,host asan static cov,$(eval IL_TLSDEFS_$(v) = $$(TLS_DEFS))\
  $(eval IL_LIB_EXTRA_$(v) := $(P256_OBJ) $(P256_ASM_OBJ)))
IL_TLSLIBS_host   = $(MBEDTLS_LIBS_host)
IL_TLSLIBS_asan   = $(MBEDTLS_LIBS_host)
IL_TLSLIBS_cov    = $(MBEDTLS_LIBS_host)
IL_TLSLIBS_static = $(MBEDTLS_LIBS_musl)
# Objects that include mbedTLS's headers wait for its source.
$(foreach v,host asan static cov,$(BUILD)/obj/$(v)/.flags): | $(MBEDTLS_FETCHED) $(FIAT_FETCHED)

# What tests/tls/test_mbedtls_build.sh needs to recompile, with -H, the files
# that see mbedTLS's headers: their include folders and definitions (as shell
# words), and where mbedTLS is.
.PHONY: print-tls-cppflags print-mbedtls-src print-p256-asm
print-tls-cppflags:
	@printf '%s\n' $(call il_shq,$(IL_INC) -I$(IL_POSIX_INC) $(MBEDTLS_CPPFLAGS) $(TLS_DEFS))
print-mbedtls-src:
	@echo $(MBEDTLS_SRC)
print-p256-asm:
	@echo $(if $(P256_ASM_HOST),1,0)
