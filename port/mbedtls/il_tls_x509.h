/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_x509.h - Go's certificate rules (crypto/x509 as of Go 1.25) over a
 * certificate's DER, where mbedTLS's own rules differ: name constraints,
 * extended key usage on every certificate of the chain, what an issuer must
 * be (CheckSignatureFrom), and the host name without the Common Name
 * (VerifyHostname, HostnameError). x509_der.c reads the DER, x509_names.c
 * holds the name rules, x509_verify.c applies them to the chain mbedTLS
 * built, in Go's order, from the verify callback.
 *
 * Nothing here allocates: a certificate is read in place into an il_x509_t
 * of spans, and every loop is bounded by the DER it walks. The texts of a
 * refusal go into an il_tls_cert_error_t (il_tls.h), cut at its size. */
#ifndef IL_TLS_X509_H
#define IL_TLS_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"
#include "il_tls.h"

/* A span of DER: p NULL (and n 0) when absent. */
typedef struct il_der {
    const uint8_t *p;
    size_t n;
} il_der_t;

/* ASN.1 tags this reads. */
enum {
    IL_DER_BOOLEAN = 0x01, IL_DER_INTEGER = 0x02, IL_DER_BIT_STRING = 0x03, IL_DER_OCTET_STRING = 0x04,
    IL_DER_OID = 0x06, IL_DER_SEQUENCE = 0x30, IL_DER_SET = 0x31,
    /* GeneralName's primitive forms (context-specific) */
    IL_DER_GN_EMAIL = 0x81, IL_DER_GN_DNS = 0x82, IL_DER_GN_URI = 0x86, IL_DER_GN_IP = 0x87
};

/* One TLV of in with tag (any tag when tag is 0: *tag_out gets it):
 * its contents into *out, in advanced past it; false when in does not
 * start with a well-formed TLV of that tag (in and *out are then
 * unchanged by il_der_read). */
bool il_der_read(il_der_t *in, unsigned tag, il_der_t *out);
bool il_der_read_any(il_der_t *in, unsigned *tag_out, il_der_t *out);

/* A certificate, read in place. Names and the key are whole TLVs, as Go
 * compares them (RawSubject, RawSubjectPublicKeyInfo); extensions are the
 * contents of their OCTET STRING. */
typedef struct il_x509 {
    int version;                    /* 1, 2 or 3 */
    il_der_t serial;                /* the INTEGER's contents */
    il_der_t issuer, subject, spki;
    il_der_t san, nc, eku, ku, bc;  /* extensions, or absent */
    bool san_critical, nc_critical;
} il_x509_t;

/* Read der into *x: 0, or -1 when it is not a certificate as far as this
 * reads it (mbedTLS has already parsed it; this does not repeat its
 * checks). */
int il_x509_read(il_x509_t *x, const uint8_t *der, size_t len);

/* The next GeneralName of a GeneralNames (or GeneralSubtree base) walk:
 * its tag and contents; false at the end or on malformed DER (*bad). */
bool il_x509_next_name(il_der_t *it, unsigned *tag, il_der_t *value, bool *bad);

/* Go's CheckSignatureFrom, the part before the signature: whether parent
 * may sign certificates (a v3 certificate needs basicConstraints with cA;
 * one with a keyUsage needs keyCertSign in it). */
bool il_x509_can_sign(const il_x509_t *parent);

/* Go's checkChainForKeyUsage for one certificate, asked for serverAuth:
 * true when it lists no extended key usage, lists anyExtendedKeyUsage or
 * lists serverAuth. */
bool il_x509_eku_allows_server(const il_x509_t *x);

/* The name Go gives a certificate in "candidate authority certificate %q":
 * the subject's Common Name, else its first Organization, else "serial:"
 * and the serial number in decimal; into text 0 of e. */
void il_x509_authority_name(const il_x509_t *x, il_tls_cert_error_t *e);

/* The subject's Common Name (its last CN attribute, as Go keeps it), or a
 * span with p NULL. */
il_der_t il_x509_common_name(const il_x509_t *x);

/* ---- the name rules (x509_names.c) ---- */

/* Go's VerifyHostname of host (a DNS name, or an IP literal, brackets
 * allowed) against leaf's subjectAltNames, never its Common Name: IL_OK, or
 * IL_ERR_TLS_NAME with HostnameError's reason and the names it lists. */
il_status_t il_x509_check_host(const il_x509_t *leaf, const char *host, il_tls_cert_error_t *e);

/* Whether x's nameConstraints extension parses as Go's parser requires:
 * IL_OK (also when there is none), or IL_ERR_TLS_CERT with the parse error's
 * reason (IL_TLS_CERT_NC_*), or with IL_TLS_CERT_CRITICAL when it is critical
 * and holds a name form Go does not handle. */
il_status_t il_x509_check_nc_syntax(const il_x509_t *x, il_tls_cert_error_t *e);

/* Go's isValid name-constraint check of the CA ca against the
 * subjectAltNames of one certificate below it in the chain (call it for each,
 * leaf first, with the same *count starting at 0): IL_OK, or
 * IL_ERR_TLS_CERT with the name, and the constraint it broke. ca's
 * constraints must have passed il_x509_check_nc_syntax. */
il_status_t il_x509_check_nc(const il_x509_t *ca, const il_x509_t *below, unsigned long *count,
                             il_tls_cert_error_t *e);

/* ---- the refusal's texts ---- */

/* Start e over with reason and name kind (texts empty). */
void il_tls_cert_error_set(il_tls_cert_error_t *e, il_tls_cert_reason_t reason, il_tls_name_kind_t kind);

/* Append n bytes to text part (0 or 1) of e, as much as fits. */
void il_tls_cert_error_put(il_tls_cert_error_t *e, int part, const void *p, size_t n);

/* An IP address (4 or 16 bytes) as Go's net.IP.String() writes it, appended
 * to text part of e. */
void il_tls_cert_error_put_ip(il_tls_cert_error_t *e, int part, const uint8_t *ip, size_t n);

#endif
