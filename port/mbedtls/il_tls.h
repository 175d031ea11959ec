/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls.h - TLS 1.3 and 1.2 client on mbedTLS 3.6 over any il_transport_t.
 *
 * Wraps a connected byte transport (POSIX socket, lwIP, ...) and offers the
 * same il_transport_t interface on top, so the core never knows TLS is there.
 * Every wait happens in the lower transport, which enforces the deadline.
 * mbedTLS allocates only from a static pool (see il_tls_pool_peak): no
 * system heap. One connection at a time (the pool is shared). */
#ifndef IL_TLS_H
#define IL_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"
#include "il_transport.h"

typedef struct il_tls_options {
    const char *ca_file;            /* PEM bundle; NULL: SSL_CERT_FILE, SSL_CERT_DIR, then the
                                     * usual system bundle paths */
    const unsigned char *ca_pem;    /* compiled-in CA (boards); used instead of files when set */
    size_t ca_pem_len;              /* including the NUL, as mbedtls_x509_crt_parse wants */
    bool skip_verify;               /* no chain or name check (SNI is still sent) */
    const uint8_t *pin_sha256;      /* 32 bytes: SHA-256 of the server's SubjectPublicKeyInfo, or NULL */
} il_tls_options_t;

typedef struct il_tls_conn il_tls_conn_t;   /* defined in il_tls_conn.h (mbedTLS types) */

/* Bytes of storage an il_tls_conn_t needs; callers may also include
 * il_tls_conn.h and declare one directly. */
size_t il_tls_conn_size(void);

/* Handshake over lower (already connected) with server_name for SNI and the
 * certificate name check: TLS 1.3 or 1.2, as the server chooses (1.2 only
 * when built with IL_TLS_1_3 0). Errors: IL_ERR_TLS_CA, _NAME, _EXPIRED,
 * _FUTURE (the chain); _ALERT (the server sent a fatal alert), _HANDSHAKE
 * (the client refused what the server sent), _VERSION, _NOT_TLS, _EOF (the
 * server closed); _PIN; _MEMORY (the pool, IL_TLS_POOL_SIZE, ran out),
 * _CONFIG (no usable trust anchors), IL_ERR_TLS (anything else: entropy, a
 * certificate refused for another reason); IL_ERR_TIMEOUT and the lower
 * transport's own errors. On error the connection is already released. */
il_status_t il_tls_connect(il_tls_conn_t *c, const il_transport_t *lower,
                           const char *server_name, const il_tls_options_t *opt);

/* Fill *t with send/recv through the TLS session (c must outlive t). Their
 * errors: IL_ERR_TLS_ALERT (a fatal alert from the server), _RECORD (the
 * client refused a record, or failed to make one), _MEMORY, and the lower
 * transport's own. */
void il_tls_transport(il_tls_conn_t *c, il_transport_t *t);

/* The TLS alert behind c's last failure, as its description number (RFC
 * 8446 6.2: 40 handshake_failure, 50 decode_error, ...): the one the server
 * sent (IL_ERR_TLS_ALERT), or the one the client sent, or would have sent,
 * for what it refused (IL_ERR_TLS_HANDSHAKE, _RECORD, _VERSION); -1 after any
 * other failure. Still valid once the failure has released c. */
int il_tls_alert(const il_tls_conn_t *c);

/* Send close_notify (best effort) and release every mbedTLS object. */
void il_tls_close(il_tls_conn_t *c);

/* Peak bytes ever used in the static mbedTLS pool (its high-water mark: a
 * pool of this size would have been enough), its size, and the bytes in use
 * now (0 between connections). Size the pool with -DIL_TLS_POOL_SIZE=
 * (il_tls_config.h lists every setting of the port). */
size_t il_tls_pool_peak(void);
size_t il_tls_pool_size(void);
size_t il_tls_pool_in_use(void);

/* The port's one entropy source (MBEDTLS_ENTROPY_HARDWARE_ALT), which the
 * program supplies: port/mbedtls/entropy_getrandom.c on Linux, the MCU's
 * TRNG on a board. Fill output with len bytes, set *olen to len, return 0
 * (or MBEDTLS_ERR_ENTROPY_SOURCE_FAILED). Declared here because mbedTLS 3.x
 * keeps its own declaration in a private header. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

#endif
