# SPDX-License-Identifier: Apache-2.0
# il_files.mk - influx-lite's sources and include folders per component, for
# any build (in the spirit of lwIP's src/Filelists.mk and coreHTTP's
# httpFilePaths.cmake). The project's own Makefile builds from these lists,
# so they cannot drift. An integrator's makefile:
#
#   include path/to/influx-lite/il_files.mk
#   SRC      += $(IL_CORE_SRC) $(IL_LWIP_SRC)
#   CPPFLAGS += $(addprefix -I,$(IL_CORE_INC) $(IL_LWIP_INC))
#
# Components (each needs the ones above it):
#   core   portable C99: URL, HTTP request/response, JSON, client, helpers;
#          no heap, stdio or OS calls, no mutable state; options:
#          il_config.h.
#   posix  the transport over POSIX sockets, with deadlines.
#   tls    TLS 1.3 and 1.2 client over any transport (mbedTLS 3.6 built with
#          port/mbedtls/il_mbedtls_config.h:
#          -DMBEDTLS_CONFIG_FILE='"il_mbedtls_config.h"'; settings in
#          port/mbedtls/il_tls_config.h). IL_TLS_LINUX_SRC adds entropy from
#          getrandom and a heap-free UTC clock; IL_TLS_P256_SRC adds P-256
#          over fiat-crypto's field arithmetic (-DIL_TLS_P256_FIAT, and
#          BoringSSL's third_party/fiat and mbedTLS's 3rdparty/p256-m on the
#          include path). Compile mbedTLS's library/ssl_tls.c and
#          ssl_tls13_generic.c with
#          -Dmbedtls_x509_crt_parse_der=il_tls_crt_parse_der (as
#          port/mbedtls/lib.mk does) so that a server certificate's critical
#          name constraints are read and checked; without it such a chain is
#          refused. IL_TLS_MPI_SRC (optional, faster RSA verification):
#          compile it with mbedTLS's library (its library/ folder on the
#          include path) and library/rsa.c with
#          -Dmbedtls_mpi_exp_mod_unsafe=il_mpi_exp_mod_public
#          (as port/mbedtls/lib.mk does; there, on x86_64, BoringSSL's
#          bn_mul_mont assembly too: IL_MPI_MONT_ASM).
#   proxy  a tunnel through an HTTP CONNECT or SOCKS5 proxy over any
#          transport (portable C99, no OS calls: for the POSIX program and
#          the lwIP boards alike).
#   lwip   the transport over lwIP's raw TCP API (NO_SYS=1), with
#          port/lwip's lwipopts.h and arch/cc.h.

# Where influx-lite is, with a trailing slash ("" when make runs there).
IL_DIR ?= $(patsubst ./,,$(dir $(lastword $(MAKEFILE_LIST))))

IL_CORE_SRC  := $(wildcard $(IL_DIR)core/*.c)
IL_CORE_INC  := $(IL_DIR)include

IL_POSIX_SRC := $(wildcard $(IL_DIR)port/posix/*.c)
IL_POSIX_INC := $(IL_DIR)port/posix

IL_PROXY_SRC := $(wildcard $(IL_DIR)port/proxy/*.c)
IL_PROXY_INC := $(IL_DIR)port/proxy

IL_TLS_LINUX_SRC := $(addprefix $(IL_DIR)port/mbedtls/,entropy_getrandom.c time_utc.c clock_linux.c)
IL_TLS_P256_SRC  := $(addprefix $(IL_DIR)port/mbedtls/,p256.c ecdh_p256.c ecdsa_p256.c p256_driver.c)
IL_TLS_MPI_SRC   := $(IL_DIR)port/mbedtls/mpi_exp_public.c
IL_TLS_SRC   := $(filter-out $(IL_TLS_LINUX_SRC) $(IL_TLS_P256_SRC) $(IL_TLS_MPI_SRC),$(wildcard $(IL_DIR)port/mbedtls/*.c))
IL_TLS_INC   := $(IL_DIR)port/mbedtls

IL_LWIP_SRC  := $(wildcard $(IL_DIR)port/lwip/*.c)
IL_LWIP_INC  := $(IL_DIR)port/lwip
