/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls.h - TLS 1.3 and 1.2 client on mbedTLS 3.6 over any il_transport_t.
 *
 * Wraps a connected byte transport (POSIX socket, lwIP, ...) and offers the
 * same il_transport_t interface on top, so the core never knows TLS is there.
 * Every wait happens in the lower transport, which enforces the deadline.
 * mbedTLS allocates only from a static pool (see il_tls_pool_peak): no
 * system heap. One connection at a time (the pool is shared), or one inside
 * another: the inner over the outer's transport (TLS to a server through an
 * https:// proxy), opened and closed while the outer one is open. */
#ifndef IL_TLS_H
#define IL_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"
#include "il_tls_config.h"
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
 * certificate name check: TLS 1.3 or 1.2, as the server chooses (1.2 only
 * when built with IL_TLS_1_3 0). The chain is judged by Go's rules
 * (x509_verify.c). Errors: IL_ERR_TLS_CA, _NAME, _EXPIRED, _FUTURE, _CERT
 * (the chain; il_tls_cert_error says why); _ALERT (the server sent a fatal alert), _HANDSHAKE
 * (the client refused what the server sent), _VERSION, _NOT_TLS, _EOF (the
 * server closed); _PIN; _MEMORY (the pool, IL_TLS_POOL_SIZE, ran out),
 * _CONFIG (no usable trust anchors), IL_ERR_TLS (anything else: entropy, a
 * certificate refused for another reason); IL_ERR_TIMEOUT (also when
 * reading the CA files passed opt->ca_deadline_ms) and the lower
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

/* Why the server's chain was refused, in the terms of Go's crypto/x509
 * (Go 1.25), for a program that words its errors as Go does: the reason, the
 * kind of name it is about, and up to two texts (part 0 and 1: a name, a
 * constraint, a CA's name, the names a certificate is valid for), each cut
 * to what fits in IL_TLS_CERT_TEXT_MAX bytes. The status says which family
 * the reason belongs to. */
typedef enum il_tls_cert_reason {
    IL_TLS_CERT_NONE,
    /* IL_ERR_TLS_NAME (HostnameError); part 0: the names it is valid for */
    IL_TLS_CERT_HOST_LEGACY_CN,     /* no subjectAltName; the Common Name would have matched */
    IL_TLS_CERT_HOST_NO_IP_SANS,    /* an IP host, and no iPAddress name */
    IL_TLS_CERT_HOST_NO_NAMES,      /* no name of the host's kind */
    IL_TLS_CERT_HOST_VALID_FOR,     /* part 0: its names of the host's kind, ", "-joined */
    /* IL_ERR_TLS_CA: the issuer the chain needed cannot sign certificates
     * (no cA, or a keyUsage without keyCertSign); part 0: its name */
    IL_TLS_CERT_CA_CANNOT_SIGN,
    /* IL_ERR_TLS_CERT, the rest: extended key usage, critical extensions */
    IL_TLS_CERT_EKU,                /* a certificate of the chain lists neither serverAuth nor any */
    IL_TLS_CERT_CRITICAL,           /* a critical extension Go does not handle */
    /* IL_ERR_TLS_CERT: a CA's name constraints; part 0: the name */
    IL_TLS_CERT_NAME_EXCLUDED,      /* part 1: the constraint */
    IL_TLS_CERT_NAME_NOT_PERMITTED,
    IL_TLS_CERT_NAME_BAD_DNS,       /* a dNSName that does not parse */
    IL_TLS_CERT_NAME_UNCHECKED,     /* an email or URI name under constraints of its kind */
    IL_TLS_CERT_TOO_MANY_CONSTRAINTS,
    /* IL_ERR_TLS_CERT: a nameConstraints extension Go's parser refuses */
    IL_TLS_CERT_NC_INVALID,         /* malformed */
    IL_TLS_CERT_NC_EMPTY,           /* neither permitted nor excluded subtrees */
    IL_TLS_CERT_NC_EMPTY_SUBTREES,  /* an empty list of subtrees */
    IL_TLS_CERT_NC_BAD_NAME,        /* part 0: a DNS (or email, URI: the kind) constraint that does not parse */
    IL_TLS_CERT_NC_URI_IP,          /* part 0: a URI constraint that is an IP address */
    IL_TLS_CERT_NC_NOT_IA5,         /* part 0: a constraint with a byte outside ASCII */
    IL_TLS_CERT_NC_IP_LENGTH,       /* number: an IP constraint's length (not 8 or 32) */
    IL_TLS_CERT_NC_IP_MASK,         /* part 0: an IP constraint's mask in hex, not ones then zeros */
    IL_TLS_CERT_NC_IP_MAPPED,       /* an IPv4-mapped IPv6 constraint */
    IL_TLS_CERT_MALFORMED           /* a certificate this port's reader cannot read */
} il_tls_cert_reason_t;

typedef enum il_tls_name_kind {
    IL_TLS_NAME_DNS, IL_TLS_NAME_IP, IL_TLS_NAME_EMAIL, IL_TLS_NAME_URI
} il_tls_name_kind_t;

typedef struct il_tls_cert_error {
    il_tls_cert_reason_t reason;
    il_tls_name_kind_t kind;
    unsigned long number;
    size_t len[2];                  /* bytes of part 0 and part 1 */
    char text[IL_TLS_CERT_TEXT_MAX];/* part 0, then part 1 (not NUL-terminated) */
} il_tls_cert_error_t;

/* What c's last handshake refused in the server's chain (reason
 * IL_TLS_CERT_NONE when nothing more than the status is known). Still
 * valid once the failure has released c. */
const il_tls_cert_error_t *il_tls_cert_error(const il_tls_conn_t *c);

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
