/* SPDX-License-Identifier: Apache-2.0 */
/* mbedtls_config.h - influx-lite's mbedTLS 2.28 configuration.
 *
 * A TLS 1.2 client only: ECDHE-ECDSA and ECDHE-RSA with AES-GCM and
 * ChaCha20-Poly1305, P-256 / P-384 / P-521 (and X25519 with IL_TLS_X25519),
 * SHA-256/384, X.509 with RSA
 * (PKCS#1 v1.5 and v2.1/PSS) and ECDSA, PEM. No server, no TLS 1.3, no
 * renegotiation, no net_sockets: the bytes go through il_transport_t.
 *
 * Memory: every allocation comes from a static pool (pool.c,
 * il_tls_pool_calloc): no system heap.
 * Entropy: MBEDTLS_ENTROPY_HARDWARE_ALT, i.e. mbedtls_hardware_poll(), which
 * entropy_getrandom.c provides on Linux (getrandom) and a board provides from
 * its TRNG.
 *
 * Used with -DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"' -Iport/mbedtls for the
 * library and for every file that includes an mbedTLS header.
 *
 * The port's own switches (IL_TLS_NO_TIME, IL_TLS_SHA256_UNROLLED,
 * IL_TLS_X25519, IL_TLS_P256_FIAT, ...) are documented, with their defaults,
 * in il_tls_config.h. The mbedTLS options a build may set with -D:
 *   MBEDTLS_SSL_IN_CONTENT_LEN   16384 (keep: Go's crypto/tls ignores max_fragment_length)
 *   MBEDTLS_SSL_OUT_CONTENT_LEN  2048 (our requests are < 1 KB)
 *   MBEDTLS_MPI_WINDOW_SIZE      2 (RAM against speed: the Linux builds may raise it)
 *   MBEDTLS_ECP_WINDOW_SIZE      2 (the Linux builds raise it: port/mbedtls/rules.mk)
 *   MBEDTLS_ECP_FIXED_POINT_OPTIM 0
 */
#ifndef IL_MBEDTLS_CONFIG_H
#define IL_MBEDTLS_CONFIG_H

#include "il_tls_config.h"

/* System support */
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__)
#define MBEDTLS_HAVE_ASM
#endif
#if !IL_TLS_NO_TIME
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE            /* certificate validity dates are checked */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT     /* time_utc.c: no libc time-zone set-up (it allocates) */
#if defined(__linux__)
#include <time.h>
time_t il_tls_time(time_t *t);
#define MBEDTLS_PLATFORM_TIME_MACRO il_tls_time  /* time_utc.c: the clock_gettime system call; libc's time()
                                                    goes through the vDSO, whose first use costs more (page
                                                    faults) than the one system call a run needs */
#endif
#endif

/* Platform: all memory from the static pool in pool.c (a first-fit
 * allocator that, unlike MEMORY_BUFFER_ALLOC_C, reports failed allocations:
 * mbedTLS 2.28 turns some of them into "certificate not trusted"). */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#include "il_tls_pool.h"
#define MBEDTLS_PLATFORM_STD_CALLOC il_tls_pool_calloc
#define MBEDTLS_PLATFORM_STD_FREE   il_tls_pool_free

/* Entropy and DRBG: mbedtls_hardware_poll() is the only source */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ENTROPY_FORCE_SHA256
#define MBEDTLS_CTR_DRBG_C

/* Symmetric crypto and hashes */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES
#if defined(__x86_64__) || defined(__amd64__)
#define MBEDTLS_AESNI_C                   /* AES-NI and PCLMULQDQ when the CPU has them (checked at run time,
                                             tables otherwise): AES and GCM in constant time, and faster */
#endif
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#if !IL_TLS_SHA256_UNROLLED
#define MBEDTLS_SHA256_SMALLER            /* boards: less flash; the Linux builds unroll it (rules.mk) */
#endif
#define MBEDTLS_SHA512_C                  /* SHA-384 (and SHA-512) signatures */
#define MBEDTLS_SHA1_C                    /* only to parse SHA-1-self-signed roots (DigiCert Global Root CA, ...); the
                                             default X.509 profile still refuses SHA-1 signatures in a chain */

/* Public key */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MPI_MAX_SIZE 512          /* RSA-4096 CAs (e.g. ISRG Root X1) */
#ifndef MBEDTLS_MPI_WINDOW_SIZE                 /* RAM vs speed: boards keep 2, Linux builds may raise it */
#define MBEDTLS_MPI_WINDOW_SIZE 2
#endif
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_SECP521R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#if IL_TLS_X25519
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_VARIANT_EVEREST_ENABLED  /* X25519 ECDH by HACL* (not ecp.c's generic Montgomery ladder);
                                                 needs MBEDTLS_ECDH_LEGACY_CONTEXT off, as it is here */
#endif
#if IL_TLS_P256_FIAT
#define MBEDTLS_ECDH_GEN_PUBLIC_ALT          /* port/mbedtls/ecdh_p256.c */
#define MBEDTLS_ECDH_COMPUTE_SHARED_ALT
#define MBEDTLS_ECDSA_VERIFY_ALT             /* port/mbedtls/ecdsa_p256.c */
#endif
#ifndef MBEDTLS_ECP_WINDOW_SIZE
#define MBEDTLS_ECP_WINDOW_SIZE 2
#endif
#ifndef MBEDTLS_ECP_FIXED_POINT_OPTIM
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#endif
#define MBEDTLS_ECP_MAX_BITS 521
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C              /* ECDSA signature handling */

/* X.509 */
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#define MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK   /* load only the CA a chain names (ca_store.c) */
#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 8

/* TLS: 1.2 client, ECDHE + AEAD only */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE  /* the pin is checked after the handshake */
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
#define MBEDTLS_SSL_CIPHERSUITES \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, \
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, \
    MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256

#ifndef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#endif
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048
#endif

#include "mbedtls/check_config.h"

#endif
