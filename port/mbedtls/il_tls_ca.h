/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_ca.h - the trust-anchor store (ca_store.c): where the trusted CAs
 * come from, and the lookup mbedTLS calls for the CAs that may have issued
 * a certificate of the chain (MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK).
 *
 * A bundle is never loaded whole: each lookup streams the CA source (PEM in
 * memory, a file, or every file of a directory) through one fixed buffer,
 * decodes only the start of each certificate, and parses (into the pool)
 * only the certificates whose subject is the issuer looked for. Files are
 * read with open/read (getdents64 for directories on Linux), never stdio
 * or opendir, so there is no hidden libc heap either. */
#ifndef IL_TLS_CA_H
#define IL_TLS_CA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"
#include "il_text.h"
#include "il_tls.h"
#include "il_tls_config.h"
#include "mbedtls/x509_crt.h"

typedef enum il_tls_ca_kind {
    IL_TLS_CA_NONE,                 /* no source (verification off, or none usable) */
    IL_TLS_CA_MEMORY,               /* PEM text in memory: il_tls_options_t.ca_pem */
    IL_TLS_CA_FILE,                 /* a PEM file */
    IL_TLS_CA_DIR                   /* every regular file of a directory (c_rehash links included) */
} il_tls_ca_kind_t;

typedef enum il_tls_ca_err {
    IL_TLS_CA_OK,
    IL_TLS_CA_UNREADABLE,           /* the source could not be read */
    IL_TLS_CA_NO_MEMORY,            /* the pool ran out while holding candidates */
    IL_TLS_CA_TIMEOUT               /* reading the source passed its deadline */
} il_tls_ca_err_t;

/* Where a connection's trust anchors come from, and why its last lookup
 * failed (read by the error mapping after a failed handshake). */
typedef struct il_tls_ca {
    il_tls_ca_kind_t kind;
    il_tls_ca_err_t err;
    const unsigned char *mem;       /* IL_TLS_CA_MEMORY */
    size_t mem_len;
    const char *path;               /* IL_TLS_CA_FILE, _DIR (the caller's or the environment's string) */
    int64_t deadline_ms;            /* il_tls_options_t.ca_deadline_ms */
} il_tls_ca_t;

/* Choose the trust anchors: opt->ca_pem, opt->ca_file, $SSL_CERT_FILE,
 * $SSL_CERT_DIR, then the usual system bundles and directories (the first
 * that holds a certificate). A source the caller or the environment named
 * that holds no certificate is IL_ERR_TLS_CONFIG, as is finding none;
 * IL_ERR_TIMEOUT when reading passed opt->ca_deadline_ms. Files are read
 * only when regular and at most IL_TLS_CA_FILE_MAX bytes, opened without
 * blocking (O_NONBLOCK, then fstat). */
il_status_t il_tls_ca_choose(il_tls_ca_t *ca, const il_tls_options_t *opt);

/* mbedtls_x509_crt_ca_cb_t (ctx: the il_tls_ca_t): the trusted CAs whose
 * subject is child's issuer, parsed into the pool (*candidates NULL when
 * there is none). -1 and ca->err set when the source cannot be read or the
 * pool runs out. */
int il_tls_ca_lookup(void *ctx, mbedtls_x509_crt const *child, mbedtls_x509_crt **candidates);

/* ---- the streaming scan itself (the lookup's engine; also fuzzed) ---- */

typedef struct il_tls_ca_scan {
    const mbedtls_x509_buf *want;   /* issuer DER to find; NULL: stop at the first certificate */
    mbedtls_x509_crt *found;        /* candidates (pool), or NULL */
    int nfound;                     /* certificates parsed into found */
    int ncerts;                     /* PEM certificates seen */
    il_tls_ca_err_t err;
    bool in_cert, bad;              /* inside a BEGIN/END block; the block is not a certificate */
    bool subject_seen;              /* the subject is decoded and was compared */
    bool skip;                      /* not the issuer: the rest is not decoded */
    char line[100];                 /* the current line (a PEM line is 64 characters) */
    size_t line_len;
    bool line_long;                 /* the line did not fit */
    il_b64_decoder_t b64;
    size_t der_len;                 /* bytes decoded into the scan's DER buffer */
} il_tls_ca_scan_t;

/* Start a scan for the issuer want (NULL: count certificates). */
void il_tls_ca_scan_start(il_tls_ca_scan_t *s, const mbedtls_x509_buf *want);

/* Feed the next n bytes of PEM text (split anywhere); true once nothing
 * more is needed (a count-only scan saw a certificate, or s->err is set). */
bool il_tls_ca_scan_feed(il_tls_ca_scan_t *s, const unsigned char *p, size_t n);

/* The end of one source: its last line, if unterminated, counts. */
void il_tls_ca_scan_end(il_tls_ca_scan_t *s);

/* Free the candidates the scan parsed (s->found becomes NULL). */
void il_tls_ca_scan_free(il_tls_ca_scan_t *s);

#endif
