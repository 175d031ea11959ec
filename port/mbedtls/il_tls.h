/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls.h - TLS 1.2 client on mbedTLS over any il_transport_t.
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
    int64_t ca_deadline_ms;         /* reading CA files ends here (IL_ERR_TIMEOUT): milliseconds on
                                     * CLOCK_MONOTONIC, as il_posix_now_ms(); 0: no deadline */
} il_tls_options_t;

typedef struct il_tls_conn il_tls_conn_t;   /* defined in il_tls_conn.h (mbedTLS types) */

/* Bytes of storage an il_tls_conn_t needs; callers may also include
 * il_tls_conn.h and declare one directly. */
size_t il_tls_conn_size(void);

/* Handshake over lower (already connected) with server_name for SNI and the
 * certificate name check. Errors: IL_ERR_TLS_CA, _NAME, _EXPIRED, _FUTURE,
 * _HANDSHAKE, _VERSION, _NOT_TLS, _PIN, _CONFIG, IL_ERR_TIMEOUT (also when
 * reading the CA files passed opt->ca_deadline_ms) and the lower
 * transport's own errors. On error the connection is already released. */
il_status_t il_tls_connect(il_tls_conn_t *c, const il_transport_t *lower,
                           const char *server_name, const il_tls_options_t *opt);

/* Fill *t with send/recv through the TLS session (c must outlive t). */
void il_tls_transport(il_tls_conn_t *c, il_transport_t *t);

/* Send close_notify (best effort) and release every mbedTLS object. */
void il_tls_close(il_tls_conn_t *c);

/* Peak bytes ever used in the static mbedTLS pool (its high-water mark: a
 * pool of this size would have been enough), its size, and the bytes in use
 * now (0 between connections). Size the pool with -DIL_TLS_POOL_SIZE=
 * (il_tls_config.h lists every setting of the port). */
size_t il_tls_pool_peak(void);
size_t il_tls_pool_size(void);
size_t il_tls_pool_in_use(void);

#endif
