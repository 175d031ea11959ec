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
#include "il_tls_verify.h"
#include "mbedtls/ssl.h"
#if !IL_TLS_1_3
#include "mbedtls/entropy.h"
#include "mbedtls/ctr_drbg.h"
#endif

struct il_tls_conn {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
#if !IL_TLS_1_3                     /* with TLS 1.3, PSA's random generator serves the connection */
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
#endif
    il_transport_t lower;           /* copy of the caller's transport */
    int32_t lower_err;              /* last il_status_t from lower (0: none) */
    int alert;                      /* il_tls_alert(): the alert behind the last failure, or -1 */
    il_tls_ca_t ca;                 /* trust anchors (chosen by il_tls_connect), and why a lookup failed */
    il_tls_ip_t ip;                 /* server_name as an IP literal (not sent as SNI) */
    il_tls_verify_t verify;         /* the chain, judged by Go's rules (x509_verify.c) */
    unsigned long pool_failures;    /* pool failure count when the handshake (or a send, a receive) began */
    bool open;
    bool psa;                       /* psa_crypto_init() done: mbedtls_psa_crypto_free() at release */
#if IL_TLS_IO_BUF
    size_t wlen;                    /* bytes waiting in tls.c's write buffer */
    size_t rpos, rlen;              /* tls.c's read-ahead buffer: next byte, bytes in it */
#endif
};

#endif
