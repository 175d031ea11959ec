/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_config.h - every IL_TLS_* setting of the TLS port, with its default
 * and meaning (as lwIP's opt.h and the core's il_config.h: a build overrides
 * one with -D, or with a header forced in by -include before this one).
 *
 * Switches are 0 or 1 and are tested with #if, never #ifdef: -DIL_TLS_X25519
 * turns one on, -DIL_TLS_X25519=0 leaves it off.
 *
 * il_mbedtls_config.h includes this file, so the switches that choose what
 * mbedTLS itself compiles (IL_TLS_1_3, IL_TLS_NO_TIME, IL_TLS_X25519,
 * IL_TLS_P256_FIAT, IL_TLS_SHA256_UNROLLED, IL_TLS_SHA256_X86) must be the same for the mbedTLS
 * archives and for every file that includes an mbedTLS header:
 * port/mbedtls/rules.mk passes them to both. The mbedTLS options a build may
 * also set (MBEDTLS_SSL_IN_ / _OUT_CONTENT_LEN, MBEDTLS_MPI_WINDOW_SIZE,
 * MBEDTLS_ECP_WINDOW_SIZE, MBEDTLS_ECP_FIXED_POINT_OPTIM) keep their
 * defaults in il_mbedtls_config.h.
 *
 * Only the preprocessor here: mbedTLS's own sources include this file too. */
#ifndef IL_TLS_CONFIG_H
#define IL_TLS_CONFIG_H

/* ---- memory ---- */

/* Bytes of the static pool every mbedTLS allocation comes from (pool.c),
 * PSA Crypto's key store included. A handshake's peak depends on the server's
 * chain (RSA keys need more than P-256 ones), on the version (TLS 1.3 needs
 * more than TLS 1.2) and on the group (a HelloRetryRequest for P-384 or
 * P-521 more than P-256): il_tls_pool_peak() reports it, tests/tls/test_tls.py
 * prints the peaks of its servers and `make size` the board's. Too small a
 * pool fails the connection with IL_ERR_TLS_MEMORY. */
#ifndef IL_TLS_POOL_SIZE
#define IL_TLS_POOL_SIZE (64u * 1024u)
#endif

/* ---- trust anchors (ca_store.c) ---- */

/* Largest trust anchor considered, in DER bytes: a certificate of a CA
 * source that decodes to more is skipped. Also the size of the one static
 * buffer the scan decodes into. */
#ifndef IL_TLS_CA_DER_MAX
#define IL_TLS_CA_DER_MAX 4096u
#endif

/* Candidates returned to mbedTLS per issuer looked up (trust anchors with
 * the same subject, e.g. a root and its re-issue). */
#ifndef IL_TLS_CA_MAX_MATCH
#define IL_TLS_CA_MAX_MATCH 4
#endif

/* Largest CA file read, in bytes (a system bundle is about 200 KB): a
 * larger one, or one that is not a regular file (a FIFO, a device), is
 * passed over unread, so reading trust anchors never blocks or runs on. */
#ifndef IL_TLS_CA_FILE_MAX
#define IL_TLS_CA_FILE_MAX (16ul * 1024ul * 1024ul)
#endif

/* 1: no file system. Trust anchors come only from il_tls_options_t.ca_pem
 * (compiled in); ca_file, SSL_CERT_FILE, SSL_CERT_DIR and the system
 * bundles are not looked at, and no open/read/getdents is linked. */
#ifndef IL_TLS_NO_FILES
#define IL_TLS_NO_FILES 0
#endif

/* 1: no clock. Certificate validity dates are NOT checked (mbedTLS is built
 * without MBEDTLS_HAVE_TIME); for boards without a real-time clock. */
#ifndef IL_TLS_NO_TIME
#define IL_TLS_NO_TIME 0
#endif

/* ---- certificate rules (x509_verify.c) ---- */

/* Bytes kept of the texts that say why a chain was refused
 * (il_tls_cert_error_t: the names, constraints or CA name Go's error text
 * quotes); longer ones are cut. Part of il_tls_conn_t's layout. */
#ifndef IL_TLS_CERT_TEXT_MAX
#define IL_TLS_CERT_TEXT_MAX 384
#endif

/* ---- records on the lower transport (tls.c) ---- */

/* 1: the records of a flight are collected into one send, and a small read
 * fills a read-ahead buffer with whatever has arrived (one receive per
 * flight, not a header and a body per record): on Linux, system calls are
 * what a handshake costs besides the arithmetic. 0 on lwIP boards, whose
 * transport is already a memory copy. Part of il_tls_conn_t's layout. */
#ifndef IL_TLS_IO_BUF
#if defined(__linux__)
#define IL_TLS_IO_BUF 1
#else
#define IL_TLS_IO_BUF 0
#endif
#endif

/* With IL_TLS_IO_BUF: the write-coalescing buffer (a client's flights are
 * small) and the read-ahead buffer (a server's flight up to its
 * certificates; larger reads go straight to mbedTLS's record buffer). */
#ifndef IL_TLS_WBUF_SIZE
#define IL_TLS_WBUF_SIZE 512
#endif
#ifndef IL_TLS_RBUF_SIZE
#define IL_TLS_RBUF_SIZE 2048
#endif

/* ---- what mbedTLS compiles (il_mbedtls_config.h) ---- */

/* 1: TLS 1.3 and TLS 1.2 (the client offers 1.3; the server chooses). 0:
 * TLS 1.2 only, for parts short of flash: no PSA Crypto, no HKDF, no TLS 1.3
 * code, and the connection keeps its own entropy and CTR_DRBG (PSA's
 * otherwise). A TLS 1.3-only server then refuses the handshake. Changes
 * il_tls_conn_t's layout. */
#ifndef IL_TLS_1_3
#define IL_TLS_1_3 1
#endif

/* 1: TLS 1.2 too (with IL_TLS_1_3, the client offers both; the server
 * chooses). 0: TLS 1.3 only, for flash-short parts that need not reach TLS
 * 1.2-only servers (which then refuse the handshake: IL_ERR_TLS_ALERT, or
 * IL_ERR_TLS_VERSION). Needs IL_TLS_1_3. */
#ifndef IL_TLS_1_2
#define IL_TLS_1_2 1
#endif

/* The algorithms a server's chain and handshake may use, each 0 or 1; a
 * build for a small part drops what its servers do not need (`make size`
 * lists the firmware profiles' choices), and a server that needs what was
 * dropped fails the handshake with a named status (IL_ERR_TLS_ALERT or
 * _HANDSHAKE for the key exchange or signature, IL_ERR_TLS_CA for a chain).
 *   IL_TLS_RSA        RSA keys and signatures (PKCS#1 v1.5, PSS), ECDHE-RSA
 *   IL_TLS_P384       P-384 and P-521 (groups and ECDSA keys); 0: P-256 only
 *   IL_TLS_SHA384     SHA-384 and SHA-512 (signatures, the *_SHA384 suites)
 *   IL_TLS_CHACHAPOLY ChaCha20-Poly1305 suites (AES-GCM stays)
 *   IL_TLS_SHA1       SHA-1, only to parse roots self-signed with it */
#ifndef IL_TLS_RSA
#define IL_TLS_RSA 1
#endif
#ifndef IL_TLS_P384
#define IL_TLS_P384 1
#endif
#ifndef IL_TLS_SHA384
#define IL_TLS_SHA384 1
#endif
#ifndef IL_TLS_CHACHAPOLY
#define IL_TLS_CHACHAPOLY 1
#endif
#ifndef IL_TLS_SHA1
#define IL_TLS_SHA1 1
#endif

/* 1: X25519 key exchange, offered after P-256 (tls.c says why): in TLS 1.2
 * by Project Everest's formally verified HACL* Curve25519 (mbedTLS's
 * 3rdparty/everest, compiled into libmbedcrypto by port/mbedtls/lib.mk), in
 * TLS 1.3 by PSA's built-in code. Needs -I<mbedtls>/3rdparty/everest/include
 * wherever mbedTLS headers are included. The Linux builds set it; boards do
 * not (flash). */
#ifndef IL_TLS_X25519
#define IL_TLS_X25519 0
#endif

/* 1: P-256 ECDH and ECDSA verification by p256.c (fiat-crypto's verified
 * 64-bit field arithmetic, from Debian's BoringSSL source) through
 * mbedTLS's ECDH and ECDSA-verify ALT hooks (ecdh_p256.c, ecdsa_p256.c) and,
 * with IL_TLS_1_3, through the PSA driver slot of p256-m (p256_driver.c:
 * TLS 1.3's key generation and ECDH); far cheaper than ecp.c's generic
 * code, and InfluxDB's own TLS offers only NIST curves. Needs
 * -I<mbedtls>/3rdparty/p256-m (the slot's header). The Linux builds set it
 * (it needs __int128). */
#ifndef IL_TLS_P256_FIAT
#define IL_TLS_P256_FIAT 0
#endif

/* 1: with IL_TLS_P256_FIAT, p256.c's field multiplication and squaring and
 * its points' doubling, additions and table lookup by BoringSSL's x86_64 or
 * aarch64 assembly (ecp_nistz256_mul_mont, _sqr_mont, _point_double,
 * _point_add, _point_add_affine, _select_w5, from the same Debian source
 * package as fiat's header, assembled by port/mbedtls/rules.mk with its
 * symbols renamed), fiat for the rest: the assembly needs far fewer
 * instructions. x86_64 and aarch64 only, and only where the
 * assembly's object is linked: port/mbedtls/rules.mk sets it for the one
 * clang-compiled p256.o of the x86_64 Linux builds, and
 * port/targets/rules.mk for the static aarch64 build, unless make is given
 * IL_P256_ASM=0. Other architectures, and every other compilation of p256.c,
 * keep fiat alone. */
#ifndef IL_TLS_P256_ASM
#define IL_TLS_P256_ASM 0
#endif

/* 1: SHA-256 unrolled (mbedTLS without MBEDTLS_SHA256_SMALLER): faster,
 * more flash. Changes no type, so only the mbedTLS archives need it. The
 * Linux builds set it; boards keep the small one. */
#ifndef IL_TLS_SHA256_UNROLLED
#define IL_TLS_SHA256_UNROLLED 0
#endif

/* 1: on x86_64, SHA-256's blocks by sha256_x86.c (il_tls_sha256.h) through
 * mbedTLS's MBEDTLS_SHA256_PROCESS_ALT: the CPU's SHA extensions where CPUID
 * shows them, portable C elsewhere; ignored on other architectures. The
 * mbedTLS archives and sha256_x86.c must both see it. The Linux builds set it. */
#ifndef IL_TLS_SHA256_X86
#define IL_TLS_SHA256_X86 0
#endif

#endif
