/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_verify.h - the server's chain judged by Go's rules (x509_verify.c):
 * mbedTLS's verify callback, the certificate parser that reads name
 * constraints, and what a connection keeps of the verdict. */
#ifndef IL_TLS_VERIFY_H
#define IL_TLS_VERIFY_H

#include <stdint.h>
#include "il_status.h"
#include "il_tls.h"
#include "mbedtls/x509_crt.h"

/* The longest chain mbedTLS builds (the leaf, its intermediates, the root). */
#define IL_TLS_CHAIN_MAX MBEDTLS_X509_MAX_VERIFY_CHAIN_SIZE

typedef struct il_tls_verify {
    const char *host;               /* the name the leaf must be valid for (during the handshake) */
    const mbedtls_x509_crt *chain[IL_TLS_CHAIN_MAX];    /* as mbedTLS built it, leaf first */
    uint32_t flags[IL_TLS_CHAIN_MAX];                   /* mbedTLS's verdict on each */
    int len;
    il_status_t status;             /* Go's verdict (IL_OK: the chain passed, or was not verified) */
    il_tls_cert_error_t err;        /* and why (il_tls_cert_error) */
} il_tls_verify_t;

/* The verify callback (mbedtls_ssl_conf_verify; ctx: the il_tls_conn_t):
 * records the chain and, at the leaf, sets the connection's verdict and
 * makes mbedTLS fail the handshake when it is a refusal. */
int il_tls_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags);

/* The status of mbedTLS's own verification flags (also the fallback when
 * the callback did not run). */
il_status_t il_tls_verify_flags_status(uint32_t flags);

/* mbedtls_x509_crt_ext_cb_t: accepts the nameConstraints extension, critical
 * or not (il_tls_verify checks it); refuses other critical extensions
 * mbedTLS does not know, as mbedTLS does. */
int il_tls_x509_ext_cb(void *ctx, mbedtls_x509_crt const *crt, mbedtls_x509_buf const *oid, int critical,
                       const unsigned char *p, const unsigned char *end);

/* mbedtls_x509_crt_parse_der with il_tls_x509_ext_cb: what mbedTLS's TLS
 * code calls instead of mbedtls_x509_crt_parse_der (lib.mk). */
int il_tls_crt_parse_der(mbedtls_x509_crt *chain, const unsigned char *buf, size_t len);

#endif
