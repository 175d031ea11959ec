/* SPDX-License-Identifier: Apache-2.0 */
/* il_mbedtls_config.h - influx-lite's mbedTLS 3.6 configuration.
 *
 * A TLS client only: TLS 1.3 (unless IL_TLS_1_3 is 0) and TLS 1.2.
 *   TLS 1.3: the ephemeral (certificate) key exchange only: no PSK, no
 *   session tickets, no early data; AES-GCM and ChaCha20-Poly1305.
 *   TLS 1.2: ECDHE-ECDSA and ECDHE-RSA with AES-GCM and ChaCha20-Poly1305.
 * Groups P-256 / P-384 / P-521 (and X25519 with IL_TLS_X25519), SHA-256/384,
 * X.509 with RSA (PKCS#1 v1.5 and v2.1/PSS) and ECDSA, PEM. No server, no
 * renegotiation, no net_sockets: the bytes go through il_transport_t.
 *
 * The name is not mbedtls_config.h: mbedTLS 3.x resolves
 * MBEDTLS_CONFIG_FILE="mbedtls_config.h" to its own include/mbedtls copy
 * first, and would silently build its default configuration. This file
 * does not include mbedtls/check_config.h: 3.x includes it itself, after
 * its adjust headers.
 *
 * Memory: every allocation comes from a static pool (pool.c,
 * il_tls_pool_calloc), PSA's key store included: no system heap.
 * Entropy: MBEDTLS_ENTROPY_HARDWARE_ALT, i.e. mbedtls_hardware_poll(), which
 * entropy_getrandom.c provides on Linux (getrandom) and a board provides from
 * its TRNG; with TLS 1.3, PSA's own entropy and CTR_DRBG draw on it.
 *
 * Used with -DMBEDTLS_CONFIG_FILE='"il_mbedtls_config.h"' -Iport/mbedtls for
 * the library and for every file that includes an mbedTLS header.
 *
 * The port's own switches (IL_TLS_1_3, IL_TLS_NO_TIME, IL_TLS_SHA256_UNROLLED,
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

/* Nothing deprecated in 3.6 is compiled, so the port cannot use it: most
 * of what mbedTLS 4.x removes. */
#define MBEDTLS_DEPRECATED_REMOVED

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
#define MBEDTLS_PLATFORM_TIME_MACRO il_tls_time  /* clock_linux.c: the clock_gettime system call; libc's time()
                                                    goes through the vDSO, whose first use costs more (page
                                                    faults) than the one system call a run needs */
#endif
#endif

/* Platform: all memory from the static pool in pool.c (a first-fit
 * allocator that, unlike MEMORY_BUFFER_ALLOC_C, counts refused
 * allocations: the connection reports "pool too small" instead of what
 * mbedTLS makes of them, e.g. "certificate not trusted"). */
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
#if IL_TLS_CHACHAPOLY
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#endif
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#if !IL_TLS_SHA256_UNROLLED
#define MBEDTLS_SHA256_SMALLER            /* boards: less flash; the Linux builds unroll it (rules.mk) */
#endif
#if IL_TLS_SHA256_X86 && defined(__x86_64__)
#define MBEDTLS_SHA256_PROCESS_ALT        /* the blocks: port/mbedtls/sha256_x86.c (SHA extensions) */
#endif
#if IL_TLS_SHA384
#define MBEDTLS_SHA384_C                  /* SHA-384 signatures, the *_SHA384 suites (3.x: apart from SHA-512) */
#define MBEDTLS_SHA512_C                  /* SHA-512 signatures; SHA-384 is its code */
#endif
#if IL_TLS_SHA1
#define MBEDTLS_SHA1_C                    /* only to parse SHA-1-self-signed roots (DigiCert Global Root CA, ...); the
                                             default X.509 profile still refuses SHA-1 signatures in a chain */
#endif

/* Public key */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MPI_MAX_SIZE 512          /* RSA-4096 CAs (e.g. ISRG Root X1) */
#ifndef MBEDTLS_MPI_WINDOW_SIZE                 /* RAM vs speed: boards keep 2, Linux builds may raise it */
#define MBEDTLS_MPI_WINDOW_SIZE 2
#endif
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#if IL_TLS_P384
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_SECP521R1_ENABLED
#endif
#define MBEDTLS_ECP_NIST_OPTIM
#if IL_TLS_X25519
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED
#define MBEDTLS_ECDH_VARIANT_EVEREST_ENABLED  /* TLS 1.2's X25519 ECDH by HACL* (not ecp.c's generic Montgomery
                                                 ladder); TLS 1.3 goes through PSA, which uses ecp.c */
#endif
#if IL_TLS_P256_FIAT
#define MBEDTLS_ECDH_GEN_PUBLIC_ALT          /* port/mbedtls/ecdh_p256.c: TLS 1.2's ECDHE, PSA's ECDH */
#define MBEDTLS_ECDH_COMPUTE_SHARED_ALT
#define MBEDTLS_ECDSA_VERIFY_ALT             /* port/mbedtls/ecdsa_p256.c: chains, both versions' signatures */
#if IL_TLS_1_3
#define MBEDTLS_PSA_P256M_DRIVER_ENABLED     /* p256-m's PSA driver slot, filled by port/mbedtls/p256_driver.c
                                                (3rdparty/p256-m is not compiled): TLS 1.3's key share */
#endif
#endif
#ifndef MBEDTLS_ECP_WINDOW_SIZE
#define MBEDTLS_ECP_WINDOW_SIZE 2
#endif
#ifndef MBEDTLS_ECP_FIXED_POINT_OPTIM
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#endif
#if IL_TLS_P384
#define MBEDTLS_ECP_MAX_BITS 521
#else
#define MBEDTLS_ECP_MAX_BITS 256
#endif
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#if IL_TLS_RSA
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#endif
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C              /* ECDSA signature handling */

/* PSA Crypto: TLS 1.3 does its key exchange, HKDF and records through it.
 * Not MBEDTLS_USE_PSA_CRYPTO: X.509 and TLS 1.2 keep the legacy API, whose
 * ALT hooks above are the fast P-256. */
#if IL_TLS_1_3
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_KEY_STORE_DYNAMIC     /* key slots allocated (from the pool) as needed */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS  /* no memory shared with another party: no copies of buffers */
#define MBEDTLS_HKDF_C                    /* TLS 1.3's key schedule (PSA_WANT_ALG_HKDF_*) */
#endif

/* X.509 */
#define MBEDTLS_BASE64_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#if IL_TLS_RSA
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#endif
#define MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK   /* load only the CA a chain names (ca_store.c) */
#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 8

/* TLS: a client, ECDHE + AEAD only */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#if IL_TLS_1_2 || !IL_TLS_1_3
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#if IL_TLS_RSA
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#endif
#endif
#if IL_TLS_1_3
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED   /* certificates; no PSK modes */
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE  /* RFC 8446 D.4: a session ID and a ChangeCipherSpec for middleboxes */
#endif
/* left out: MBEDTLS_SSL_SESSION_TICKETS (a TLS 1.3 NewSessionTicket is read
 * and ignored), MBEDTLS_SSL_EARLY_DATA, MBEDTLS_SSL_RECORD_SIZE_LIMIT */
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#if IL_TLS_1_2 || !IL_TLS_1_3
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#endif
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE  /* the pin is checked after the handshake */
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES
#if IL_TLS_1_3
#define IL_TLS_1_3_SUITES_ \
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256, \
    MBEDTLS_TLS1_3_AES_256_GCM_SHA384, \
    MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
#else
#define IL_TLS_1_3_SUITES_
#endif
#define MBEDTLS_SSL_CIPHERSUITES \
    IL_TLS_1_3_SUITES_ \
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

#endif
