# SPDX-License-Identifier: Apache-2.0
# lib.mk - builds libmbedcrypto.a, libmbedx509.a and libmbedtls.a from the
# unpacked mbedTLS source with influx-lite's config, out of tree.
# Called by port/mbedtls/rules.mk:
#   make -f port/mbedtls/lib.mk SRC=<mbedtls tree> OUT=<dir> CC=.. AR=.. MBEDTLS_CFLAGS=..
#        [MBEDTLS_HOT_CFLAGS=..] [MBEDTLS_X25519_CFLAGS=..]
#
# The archives hold what mbedTLS 3.6's own library/Makefile puts in each
# (X.509 with PKCS#7 and x509_create.c, TLS with the MPS reader, the rest,
# PSA included, in crypto). libmbedcrypto also gets mbedTLS's
# 3rdparty/everest sources (as mbedTLS's own library/Makefile and CMake do):
# X25519 by HACL*. Each is wrapped in #if MBEDTLS_ECDH_VARIANT_EVEREST_ENABLED,
# so without IL_TLS_X25519 (boards) they compile to empty objects. Never
# 3rdparty/p256-m: with IL_TLS_P256_FIAT its PSA driver slot is filled by
# port/mbedtls/p256_driver.c.
#
# Every object records every header it read, system ones included (-MD):
# tests/tls/test_mbedtls_headers.sh proves none came from the machine's
# /usr/include/mbedtls (libmbedtls-dev's 2.28).
SRC ?= build/src/mbedtls-3.6
OUT ?= build/mbedtls/host
AR  ?= ar
MBEDTLS_CFLAGS ?= -O2

ALL_C    := $(notdir $(wildcard $(SRC)/library/*.c))
X509_C   := $(filter x509%.c pkcs7.c,$(ALL_C))
TLS_C    := $(filter ssl_%.c mps_%.c debug.c net_sockets.c,$(ALL_C))
CRYPTO_C := $(filter-out $(X509_C) $(TLS_C),$(ALL_C))
EVEREST_C := everest.c x25519.c Hacl_Curve25519_joined.c
obj = $(patsubst %.c,$(OUT)/obj/%.o,$(1))

EVEREST_INC := -I$(SRC)/3rdparty/everest/include -I$(SRC)/3rdparty/everest/include/everest \
               -I$(SRC)/3rdparty/everest/include/everest/kremlib
FLAGS := -I$(SRC)/include -I$(SRC)/library $(EVEREST_INC) -Iport/mbedtls \
         '-DMBEDTLS_CONFIG_FILE="il_mbedtls_config.h"' -D_FILE_OFFSET_BITS=64 $(MBEDTLS_CFLAGS)

.PHONY: all
all: $(OUT)/libmbedcrypto.a $(OUT)/libmbedx509.a $(OUT)/libmbedtls.a

CONFIG_H := port/mbedtls/il_mbedtls_config.h port/mbedtls/il_tls_config.h port/mbedtls/il_tls_pool.h

$(OUT)/obj/%.o: $(SRC)/library/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	@$(CC) $(FLAGS) -MD -c -o $@ $<

$(OUT)/obj/everest/%.o: $(SRC)/3rdparty/everest/library/%.c $(CONFIG_H)
	@mkdir -p $(@D)
	@$(CC) $(FLAGS) -MD -c -o $@ $<

# Where a handshake's CPU time goes (public-key arithmetic, X25519, hashes, AES,
# GCM, the DRBG): a variant may compile these with MBEDTLS_HOT_CFLAGS appended
# to MBEDTLS_CFLAGS (e.g. -O2 where the rest is -Os), and HACL*'s field
# arithmetic and ladder with MBEDTLS_X25519_CFLAGS appended last. Both empty
# by default (the firmware passes neither).
MBEDTLS_HOT_CFLAGS ?=
MBEDTLS_X25519_CFLAGS ?=
HOT_C := bignum.c bignum_core.c ecp.c ecp_curves.c ecdh.c ecdsa.c rsa.c sha256.c sha512.c md.c aes.c aesni.c \
         gcm.c ctr_drbg.c constant_time.c hkdf.c psa_crypto_hash.c psa_crypto_mac.c
HOT_OBJS := $(call obj,$(HOT_C)) $(addprefix $(OUT)/obj/everest/,$(EVEREST_C:.c=.o))
$(HOT_OBJS): FLAGS += $(MBEDTLS_HOT_CFLAGS)
$(OUT)/obj/everest/Hacl_Curve25519_joined.o: FLAGS += $(MBEDTLS_X25519_CFLAGS)

# The TLS code's parsing of the server's certificates goes through the
# port's il_tls_crt_parse_der (port/mbedtls/x509_verify.c), which reads a
# critical nameConstraints extension instead of refusing the certificate,
# so that the port can check the constraints as Go does: a rename at
# compile time, no change to mbedTLS's source. (Without it, such a chain is
# refused as mbedTLS always did.)
PEER_PARSE_C := ssl_tls.c ssl_tls13_generic.c
$(call obj,$(PEER_PARSE_C)): FLAGS += -Dmbedtls_x509_crt_parse_der=il_tls_crt_parse_der

# ssl_tls.c erases its 16 KB record buffers before freeing them; a
# connection writes a few KB of the input one, and the port's
# il_tls_pool_zeroize_and_free (pool.c) erases only the pages it mapped in
# instead of mapping in the rest just to zero it: a rename again.
$(call obj,ssl_tls.c): FLAGS += -Dmbedtls_zeroize_and_free=il_tls_pool_zeroize_and_free

# The RSA public operation (a server's signatures, its chain's): rsa.c's
# one call to mbedtls_mpi_exp_mod_unsafe goes to port/mbedtls/mpi_exp_public.c
# (il_tls_mpi.h: square-and-multiply where mbedTLS multiplies by one on every
# zero bit of 65537, R^2 mod N by squarings where mbedTLS divides, in the
# modulus's own limbs), built into the same archive; again a rename at
# compile time.
PORT_CRYPTO_C := mpi_exp_public.c
PORT_CRYPTO_OBJS := $(addprefix $(OUT)/obj/port/,$(PORT_CRYPTO_C:.c=.o))
$(call obj,rsa.c): FLAGS += -Dmbedtls_mpi_exp_mod_unsafe=il_mpi_exp_mod_public
$(OUT)/obj/port/%.o: port/mbedtls/%.c port/mbedtls/il_tls_mpi.h $(CONFIG_H)
	@mkdir -p $(@D)
	@$(CC) $(FLAGS) $(MBEDTLS_HOT_CFLAGS) -DIL_MPI_MONT_ASM=$(MONT_ASM) -MD -c -o $@ $<

# On x86_64 (MONT_ASM=1: the compiler says x86_64; MONT_ASM=0 turns it off)
# those Montgomery multiplications are BoringSSL's bn_mul_mont, from the
# same Debian source as fiat (BORINGSSL): x86_64-mont.S and x86_64-mont5.S
# (its squaring) assembled as they are, every name they define renamed il_*
# with -D (the .S goes through the preprocessor), OPENSSL_ia32cap_P too
# (mpi_exp_public.c defines it, zero: the mulq code).
BORINGSSL ?= $(dir $(SRC))boringssl
MONT_ASM ?= $(if $(filter x86_64-%,$(shell $(CC) -dumpmachine)),1,0)
MONT_ASM_S := $(addprefix $(BORINGSSL)/linux-x86_64/crypto/fipsmodule/,x86_64-mont.S x86_64-mont5.S)
MONT_RENAME = $(shell sed -n 's/^\.globl[[:space:]]*\([A-Za-z0-9_]*\).*/-D\1=il_\1/p' $(MONT_ASM_S) | sort -u) \
              -DOPENSSL_ia32cap_P=il_mont_ia32cap
ifeq ($(MONT_ASM),1)
PORT_CRYPTO_OBJS += $(OUT)/obj/port/x86_64-mont.o $(OUT)/obj/port/x86_64-mont5.o
endif
$(OUT)/obj/port/%.o: $(BORINGSSL)/linux-x86_64/crypto/fipsmodule/%.S
	@mkdir -p $(@D)
	@$(CC) $(MONT_RENAME) -c -o $@ $<

$(OUT)/libmbedcrypto.a: $(call obj,$(CRYPTO_C)) $(addprefix $(OUT)/obj/everest/,$(EVEREST_C:.c=.o)) $(PORT_CRYPTO_OBJS)
$(OUT)/libmbedx509.a: $(call obj,$(X509_C))
$(OUT)/libmbedtls.a: $(call obj,$(TLS_C))
$(OUT)/%.a:
	@rm -f $@
	@echo "  AR    $@"; $(AR) rcs $@ $^
