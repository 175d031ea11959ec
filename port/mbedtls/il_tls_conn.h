/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_conn.h - the il_tls_conn_t storage (needs the mbedTLS headers, so
 * it is separate from il_tls.h; compile with $(TLS_CPPFLAGS)). Callers may
 * declare an il_tls_conn_t directly (static or on the stack: about 1.5 KB)
 * or reserve il_tls_conn_size() bytes. Treat every field as private. */
#ifndef IL_TLS_CONN_H
#define IL_TLS_CONN_H

#include "il_tls.h"
#include "mbedtls/ssl.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ctr_drbg.h"

/* Linux: tls.c coalesces the records of a flight into one send and reads
 * ahead (one receive per flight, not two per record): system calls are what
 * a handshake costs there besides the arithmetic. 0 elsewhere (lwIP boards). */
#ifndef IL_TLS_IO_BUF
#if defined(__linux__)
#define IL_TLS_IO_BUF 1
#else
#define IL_TLS_IO_BUF 0
#endif
#endif
#define IL_TLS_WBUF_SIZE 512
#define IL_TLS_RBUF_SIZE 2048

/* Where trust anchors come from (chosen by il_tls_connect). */
typedef struct il_tls_ca_src {
    int kind;                       /* 0 none, 1 memory, 2 file, 3 directory */
    const unsigned char *mem;       /* kind 1 */
    size_t mem_len;
    const char *path;               /* kind 2, 3 (caller's or environment string) */
} il_tls_ca_src_t;

struct il_tls_conn {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    il_transport_t lower;           /* copy of the caller's transport */
    int32_t lower_err;              /* last il_status_t from lower (0: none) */
    il_tls_ca_src_t ca;
    uint8_t ip[16];                 /* server_name as an IP literal, for the SAN iPAddress check */
    size_t ip_len;                  /* 0: server_name is a DNS name */
    int ca_err;                     /* CA lookup failed: 1 source unreadable, 2 pool exhausted */
    unsigned long pool_failures;    /* pool failure count when the handshake began */
    bool open;
#if IL_TLS_IO_BUF
    size_t wlen;                    /* bytes waiting in tls.c's write buffer */
    size_t rpos, rlen;              /* tls.c's read-ahead buffer: next byte, bytes in it */
#endif
};

#endif
