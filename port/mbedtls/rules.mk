# SPDX-License-Identifier: Apache-2.0
# port/mbedtls/rules.mk - mbedTLS from Debian's source package, built twice
# with port/mbedtls/mbedtls_config.h (TLS 1.2 client only, static pool):
#   build/mbedtls/host  gcc + glibc, for build/influx-lite and the tests
#   build/mbedtls/musl  musl-gcc -Os (the handshake's arithmetic -O2), for `make static`
# and the TLS port (tls.c, pool.c, ca_store.c, ip_name.c, entropy_getrandom.c, ...) on top.
#
# Defines for the top Makefile: TLS_SRC TLS_CPPFLAGS TLS_LIBS TLS_DEPS (host),
# and MBEDTLS_MUSL_CPPFLAGS MBEDTLS_MUSL_LIBS for musl builds.

_il_mbedtls_goal := $(.DEFAULT_GOAL)

MBEDTLS_SRC    := $(BUILD)/src/mbedtls
MBEDTLS_FETCHED := $(MBEDTLS_SRC)/library/ssl_tls.c
# mbedtls_config.h and the port headers it includes (the archives depend on all three)
MBEDTLS_CONFIG := port/mbedtls/mbedtls_config.h port/mbedtls/il_tls_config.h port/mbedtls/il_tls_pool.h
MBEDTLS_JOBS   ?= -j2
MBEDTLS_LIBNAMES := libmbedtls.a libmbedx509.a libmbedcrypto.a

MBEDTLS_HOST_DIR  := $(BUILD)/mbedtls/host
MBEDTLS_HOST_LIBS := $(addprefix $(MBEDTLS_HOST_DIR)/,$(MBEDTLS_LIBNAMES))
# Linux builds trade some pool for a faster P-256 (boards keep the config default of 2),
# and add X25519 (il_tls_config.h IL_TLS_X25519: HACL* from mbedTLS's 3rdparty/everest),
# which tls.c offers first. Every file compiled against these archives must see the same
# IL_TLS_X25519 (it changes mbedTLS's ECDH context): TLS_CPPFLAGS carries it.
MBEDTLS_X25519 := -DIL_TLS_X25519 -isystem $(MBEDTLS_SRC)/3rdparty/everest/include
# P-256 ECDH (InfluxDB's own TLS offers only NIST curves) by port/mbedtls/p256.c over
# fiat-crypto's field arithmetic, a header of Debian's BoringSSL source package
# (android-platform-external-boringssl), fetched like mbedTLS: il_tls_config.h
# IL_TLS_P256_FIAT turns on mbedTLS's ECDH and ECDSA-verify ALT hooks, which
# ecdh_p256.c and ecdsa_p256.c fill.
FIAT_SRC     := $(BUILD)/src/boringssl
FIAT_DIR     := $(FIAT_SRC)/src/third_party/fiat
FIAT_FETCHED := $(FIAT_DIR)/p256_64.h
MBEDTLS_P256 := -DIL_TLS_P256_FIAT -isystem $(FIAT_DIR)
MBEDTLS_CURVES := $(MBEDTLS_X25519) $(MBEDTLS_P256)
MBEDTLS_LINUX_SPEED := -DMBEDTLS_ECP_WINDOW_SIZE=6 -DIL_TLS_SHA256_UNROLLED
MBEDTLS_HOST_CFLAGS ?= -O2 -g $(MBEDTLS_LINUX_SPEED) $(MBEDTLS_CURVES)
MBEDTLS_MUSL_DIR  := $(BUILD)/mbedtls/musl
MBEDTLS_MUSL_LIBS := $(addprefix $(MBEDTLS_MUSL_DIR)/,$(MBEDTLS_LIBNAMES))
MBEDTLS_MUSL_CFLAGS ?= -Os -ffunction-sections -fdata-sections $(MBEDTLS_LINUX_SPEED) $(MBEDTLS_CURVES)
# Appended for lib.mk's HOT_C objects (bignum, ECP, ECDH/ECDSA, RSA, SHA-2, AES,
# GCM, DRBG: where a handshake's CPU time goes) and for HACL*'s X25519 (-O3 unrolls
# its 5-limb loops). A bigger static CLI for a handshake that costs markedly less
# CPU; `make bench` measures both.
MBEDTLS_HOST_HOT_CFLAGS ?=
MBEDTLS_MUSL_HOT_CFLAGS ?= -O2
MBEDTLS_X25519_CFLAGS ?= -O3
_il_mbedtls_flags = MBEDTLS_CFLAGS='$(MBEDTLS_$(1)_CFLAGS)' MBEDTLS_HOT_CFLAGS='$(MBEDTLS_$(1)_HOT_CFLAGS)' \
                    MBEDTLS_X25519_CFLAGS='$(MBEDTLS_X25519_CFLAGS)'

# For any file that includes il_tls.h / mbedTLS headers (-isystem: the
# project's -Wconversion -Werror does not apply to mbedTLS's own headers).
MBEDTLS_CPPFLAGS := -isystem $(MBEDTLS_SRC)/include -Iport/mbedtls \
                    '-DMBEDTLS_CONFIG_FILE="mbedtls_config.h"'

# p256.c is compiled once, by clang, into an object that both the glibc and
# the musl links take (it needs only memcpy/memset): clang turns fiat-crypto's
# 128-bit carry chains into faster code than gcc does (`make bench` shows the
# P-256 share of a handshake).
P256_OBJ     := $(BUILD)/p256/p256.o
# (`make deps` installs clang; without it, the C compiler)
P256_CC      := $(if $(shell command -v clang 2>/dev/null),clang,$(CC))
TLS_SRC      := port/mbedtls/tls.c port/mbedtls/pool.c port/mbedtls/ca_store.c port/mbedtls/ip_name.c \
                port/mbedtls/entropy_getrandom.c port/mbedtls/time_utc.c \
                port/mbedtls/ecdh_p256.c port/mbedtls/ecdsa_p256.c $(P256_OBJ)
TLS_CPPFLAGS := $(MBEDTLS_CPPFLAGS) $(MBEDTLS_CURVES) -DIL_HAVE_TLS
TLS_LIBS     := $(MBEDTLS_HOST_LIBS)
TLS_DEPS     := $(MBEDTLS_HOST_LIBS)
MBEDTLS_MUSL_CPPFLAGS := $(TLS_CPPFLAGS)

# Fetch once (enables deb-src as root if needed; see port/fetch-debian-source.sh).
$(MBEDTLS_FETCHED):
	sh port/fetch-debian-source.sh mbedtls $(MBEDTLS_SRC) library/ssl_tls.c

$(P256_OBJ): port/mbedtls/p256.c port/mbedtls/p256.h port/mbedtls/p256_comb.h port/mbedtls/rules.mk $(FIAT_FETCHED)
	@mkdir -p $(@D)
	$(P256_CC) -std=c99 -O2 -gdwarf-4 -fPIC -Wall -Wextra -Wconversion -Wshadow -Werror -DIL_TLS_P256_FIAT \
	  -Iinclude -Iport/mbedtls -isystem $(FIAT_DIR) -c -o $@ port/mbedtls/p256.c

# fiat-crypto's P-256 field arithmetic: one header of BoringSSL's source.
$(FIAT_FETCHED):
	sh port/fetch-debian-source.sh android-platform-external-boringssl $(FIAT_SRC) src/third_party/fiat/p256_64.h

# One sub-make per variant builds the three archives (2 jobs unless the
# parent make already runs a jobserver).
_il_mbedtls_j = $(if $(findstring jobserver,$(MAKEFLAGS)),,$(MBEDTLS_JOBS))

# A variant rebuilds when its flags change (the .cflags file only changes then).
$(MBEDTLS_HOST_DIR)/.cflags $(MBEDTLS_MUSL_DIR)/.cflags: FORCE
	@mkdir -p $(@D)
	@flags="$(if $(findstring musl,$@),$(call _il_mbedtls_flags,MUSL),$(call _il_mbedtls_flags,HOST))"; \
	  echo "$$flags" | cmp -s - $@ || echo "$$flags" > $@

.PHONY: FORCE
FORCE:

$(MBEDTLS_HOST_DIR)/.built: $(MBEDTLS_FETCHED) $(FIAT_FETCHED) $(MBEDTLS_CONFIG) port/mbedtls/lib.mk $(MBEDTLS_HOST_DIR)/.cflags
	rm -rf $(MBEDTLS_HOST_DIR)/obj
	$(MAKE) $(_il_mbedtls_j) --no-print-directory -f port/mbedtls/lib.mk SRC=$(MBEDTLS_SRC) \
	  OUT=$(MBEDTLS_HOST_DIR) CC=$(CC) $(call _il_mbedtls_flags,HOST)
	@touch $@

$(MBEDTLS_MUSL_DIR)/.built: $(MBEDTLS_FETCHED) $(FIAT_FETCHED) $(MBEDTLS_CONFIG) port/mbedtls/lib.mk $(MBEDTLS_MUSL_DIR)/.cflags
	rm -rf $(MBEDTLS_MUSL_DIR)/obj
	$(MAKE) $(_il_mbedtls_j) --no-print-directory -f port/mbedtls/lib.mk SRC=$(MBEDTLS_SRC) \
	  OUT=$(MBEDTLS_MUSL_DIR) CC=musl-gcc $(call _il_mbedtls_flags,MUSL)
	@touch $@

$(MBEDTLS_HOST_LIBS): $(MBEDTLS_HOST_DIR)/.built ;
$(MBEDTLS_MUSL_LIBS): $(MBEDTLS_MUSL_DIR)/.built ;

.PHONY: mbedtls mbedtls-musl
mbedtls: $(MBEDTLS_HOST_LIBS)
mbedtls-musl: $(MBEDTLS_MUSL_LIBS)

# `make static`: the CLI as one fully static, stripped musl binary.
STATIC_CFLAGS ?= -Os -ffunction-sections -fdata-sections
static: $(BUILD)/influx-lite-static
$(BUILD)/influx-lite-static: boards/linux/main.c $(LIB_SRC) $(TLS_SRC) $(HDRS) $(MBEDTLS_MUSL_LIBS)
	@mkdir -p $(@D)
	musl-gcc $(CPPFLAGS) $(MBEDTLS_MUSL_CPPFLAGS) -std=c99 -D_POSIX_C_SOURCE=200809L $(WARN) \
	  $(STATIC_CFLAGS) $(CLI_LAYOUT) -static -Wl,--gc-sections -s -o $@ boards/linux/main.c $(LIB_SRC) $(TLS_SRC) \
	  $(MBEDTLS_MUSL_LIBS)
	@size=$$(stat -c %s $@); echo "$@: $$size bytes (stripped, static musl)"

.DEFAULT_GOAL := $(_il_mbedtls_goal)

# The heap-free UTC conversion against libc's gmtime_r.
$(BUILD)/tests/test_time_utc: tests/tls/test_time_utc.c port/mbedtls/time_utc.c tests/unit/check.h $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(TLS_CPPFLAGS) $(CFLAGS_ALL) -Wno-missing-prototypes $(ASAN) -o $@ \
	  tests/tls/test_time_utc.c port/mbedtls/time_utc.c
TEST_BUILD  += $(BUILD)/tests/test_time_utc
TEST_SUITES += $(BUILD)/tests/test_time_utc
