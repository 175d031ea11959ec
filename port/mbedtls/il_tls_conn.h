/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_conn.h - the il_tls_conn_t storage (needs the mbedTLS headers, so
 * it is separate from il_tls.h; compile with $(TLS_CPPFLAGS)). Callers may
 * declare an il_tls_conn_t directly (static or on the stack: about 2 KB)
 * or reserve il_tls_conn_size() bytes. Treat every field as private. */
#ifndef IL_TLS_CONN_H
#define IL_TLS_CONN_H

#include "il_tls.h"
#include "il_tls_ca.h"
#include "il_tls_config.h"
#include "il_tls_ip.h"
#include "mbedtls/ssl.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ctr_drbg.h"

struct il_tls_conn {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    il_transport_t lower;           /* copy of the caller's transport */
    int32_t lower_err;              /* last il_status_t from lower (0: none) */
    il_tls_ca_t ca;                 /* trust anchors (chosen by il_tls_connect), and why a lookup failed */
    il_tls_ip_t ip;                 /* server_name as an IP literal, for the SAN iPAddress check */
    unsigned long pool_failures;    /* pool failure count when the handshake began */
    bool open;
#if IL_TLS_IO_BUF
    size_t wlen;                    /* bytes waiting in tls.c's write buffer */
    size_t rpos, rlen;              /* tls.c's read-ahead buffer: next byte, bytes in it */
#endif
};

#endif
