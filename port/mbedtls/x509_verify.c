/* SPDX-License-Identifier: Apache-2.0 */
/* x509_verify.c - the server's chain judged as Go's crypto/x509 (Go 1.25)
 * judges it (il_tls_verify.h), from mbedTLS's verify callback.
 *
 * mbedTLS builds the chain and checks signatures, dates, basicConstraints,
 * an issuer's keyCertSign and the key sizes; this file adds what Go does
 * that mbedTLS does not, and words each refusal as Go does, in Go's order
 * (verify.go Verify): the leaf's own validity, its host name (never its
 * Common Name), then each issuer up the chain (its signature, validity,
 * name constraints), then an issuer that could not be found (with the
 * candidate that cannot sign, as Go's hint names it), then the extended key
 * usage of every certificate. mbedTLS's own leaf-only keyUsage and
 * extKeyUsage check (mbedtls_ssl_check_cert_usage) is switched off: Go never
 * reads the leaf's keyUsage, and checks extKeyUsage on the whole chain here.
 *
 * A CA's nameConstraints extension, which mbedTLS does not parse and refuses
 * when critical, is parsed by il_tls_x509_ext_cb: the trust-anchor store
 * uses it, and the TLS library's own certificate parsing reaches it through
 * il_tls_crt_parse_der (port/mbedtls/lib.mk compiles mbedTLS's ssl_tls.c and
 * ssl_tls13_generic.c to call it). A build without that keeps refusing
 * critical name constraints on the server's certificates: never unchecked. */
#include <string.h>
#include "il_tls_ca.h"
#include "il_tls_conn.h"
#include "il_tls_verify.h"
#include "il_tls_x509.h"
#include "mbedtls/error.h"
#include "mbedtls/oid.h"
#include "mbedtls/platform.h"

int il_tls_x509_ext_cb(void *ctx, mbedtls_x509_crt const *crt, mbedtls_x509_buf const *oid, int critical,
                       const unsigned char *p, const unsigned char *end)
{
    (void)ctx;
    (void)crt;
    (void)p;
    (void)end;
    if (MBEDTLS_OID_CMP(MBEDTLS_OID_NAME_CONSTRAINTS, oid) == 0) return 0;   /* checked in il_tls_verify */
    /* what mbedTLS itself does with any other extension it does not know */
    return critical ? MBEDTLS_ERROR_ADD(MBEDTLS_ERR_X509_INVALID_EXTENSIONS, MBEDTLS_ERR_ASN1_UNEXPECTED_TAG) : 0;
}

int il_tls_crt_parse_der(mbedtls_x509_crt *chain, const unsigned char *buf, size_t len)
{
    return mbedtls_x509_crt_parse_der_with_ext_cb(chain, buf, len, 1, il_tls_x509_ext_cb, NULL);
}

il_status_t il_tls_verify_flags_status(uint32_t flags)
{
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) return IL_ERR_TLS_CA;
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED) return IL_ERR_TLS_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_FUTURE) return IL_ERR_TLS_FUTURE;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) return IL_ERR_TLS_NAME;
    return flags != 0 ? IL_ERR_TLS : IL_OK;   /* weak key or hash, ... */
}

const il_tls_cert_error_t *il_tls_cert_error(const il_tls_conn_t *c)
{
    return &c->verify.err;
}

/* ---- the walk ---- */

static int read_crt(il_x509_t *x, const mbedtls_x509_crt *crt)
{
    return crt->raw.p != NULL ? il_x509_read(x, crt->raw.p, crt->raw.len) : -1;
}

/* Go parses every certificate the server sent before it verifies any:
 * a nameConstraints extension that its parser refuses fails them all. */
static il_status_t check_sent(const mbedtls_x509_crt *leaf, il_tls_cert_error_t *e)
{
    const mbedtls_x509_crt *p;
    il_x509_t x;
    for (p = leaf; p != NULL && p->raw.p != NULL; p = p->next) {
        il_status_t st;
        if (read_crt(&x, p) != 0) {
            il_tls_cert_error_set(e, IL_TLS_CERT_MALFORMED, IL_TLS_NAME_DNS);
            return IL_ERR_TLS_CERT;
        }
        st = il_x509_check_nc_syntax(&x, e);
        if (st != IL_OK && e->reason != IL_TLS_CERT_CRITICAL) return st;   /* a parse error */
    }
    il_tls_cert_error_set(e, IL_TLS_CERT_NONE, IL_TLS_NAME_DNS);
    return IL_OK;
}

/* Go's validity checks of one certificate of the chain (isValid): an
 * unhandled critical extension, then the dates. */
static il_status_t check_valid(const il_x509_t *x, uint32_t flags, il_tls_cert_error_t *e)
{
    il_status_t st = il_x509_check_nc_syntax(x, e);
    if (st != IL_OK && e->reason == IL_TLS_CERT_CRITICAL) return st;
    if (st != IL_OK) {                              /* a trust anchor Go could not even load */
        il_tls_cert_error_set(e, IL_TLS_CERT_NONE, IL_TLS_NAME_DNS);
        return IL_ERR_TLS_CA;
    }
    return il_tls_verify_flags_status(flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE));
}

/* The name constraints of chain[k] against every certificate below it. */
static il_status_t check_constraints(const il_tls_verify_t *v, const il_x509_t *ca, int k, il_tls_cert_error_t *e)
{
    unsigned long count = 0;
    il_x509_t below;
    int i;
    for (i = 0; i < k; i++) {
        il_status_t st;
        if (read_crt(&below, v->chain[i]) != 0) {
            il_tls_cert_error_set(e, IL_TLS_CERT_MALFORMED, IL_TLS_NAME_DNS);
            return IL_ERR_TLS_CERT;
        }
        if ((st = il_x509_check_nc(ca, &below, &count, e)) != IL_OK) return st;
    }
    return IL_OK;
}

/* Whether cand is a candidate issuer of top (same name) that Go's
 * CheckSignatureFrom refuses before the signature: if so, it is named. */
static bool hint_candidate(const mbedtls_x509_crt *cand, const il_x509_t *top, il_tls_cert_error_t *e)
{
    il_x509_t x;
    if (read_crt(&x, cand) != 0 || x.subject.n != top->issuer.n ||
        memcmp(x.subject.p, top->issuer.p, x.subject.n) != 0 || il_x509_can_sign(&x))
        return false;
    il_tls_cert_error_set(e, IL_TLS_CERT_CA_CANNOT_SIGN, IL_TLS_NAME_DNS);
    il_x509_authority_name(&x, e);
    return true;
}

static bool in_chain(const il_tls_verify_t *v, const mbedtls_x509_crt *p)
{
    int i;
    for (i = 0; i < v->len; i++)
        if (v->chain[i] == p) return true;
    return false;
}

/* No issuer for the chain's top: Go's UnknownAuthorityError, with the first
 * candidate (trust anchors first, then the certificates the server sent)
 * that cannot sign certificates as its hint. */
static il_status_t check_unknown_authority(il_tls_conn_t *c, const mbedtls_x509_crt *leaf, il_tls_cert_error_t *e)
{
    il_tls_verify_t *v = &c->verify;
    const mbedtls_x509_crt *top = v->chain[v->len - 1], *p;
    mbedtls_x509_crt *anchors = NULL;
    il_x509_t t;
    bool found = false;
    il_tls_cert_error_set(e, IL_TLS_CERT_NONE, IL_TLS_NAME_DNS);
    if (read_crt(&t, top) != 0) return IL_ERR_TLS_CA;
    if (il_tls_ca_lookup(&c->ca, top, &anchors) == 0) {
        for (p = anchors; p != NULL && p->raw.p != NULL && !found; p = p->next) found = hint_candidate(p, &t, e);
        mbedtls_x509_crt_free(anchors);
        mbedtls_free(anchors);
    }
    c->ca.err = IL_TLS_CA_OK;                       /* a failed look-up here is not the handshake's failure */
    for (p = leaf; p != NULL && p->raw.p != NULL && !found; p = p->next)
        if (!in_chain(v, p)) found = hint_candidate(p, &t, e);
    return IL_ERR_TLS_CA;
}

/* Every issuer, from the leaf's up: its signature on the certificate below
 * it, its validity, its name constraints. */
static il_status_t check_issuers(il_tls_verify_t *v, il_tls_cert_error_t *e)
{
    il_x509_t ca;
    int k;
    for (k = 1; k < v->len; k++) {
        il_status_t st;
        if (v->flags[k - 1] & MBEDTLS_X509_BADCERT_NOT_TRUSTED) return IL_ERR_TLS_CA;   /* a bad signature */
        if (read_crt(&ca, v->chain[k]) != 0) return IL_ERR_TLS_CA;
        if ((st = check_valid(&ca, v->flags[k], e)) != IL_OK) return st;
        if ((st = check_constraints(v, &ca, k, e)) != IL_OK) return st;
    }
    return IL_OK;
}

static il_status_t check_usage(const il_tls_verify_t *v, il_tls_cert_error_t *e)
{
    il_x509_t x;
    int i;
    for (i = v->len - 1; i >= 0; i--) {
        if (read_crt(&x, v->chain[i]) != 0 || !il_x509_eku_allows_server(&x)) {
            il_tls_cert_error_set(e, IL_TLS_CERT_EKU, IL_TLS_NAME_DNS);
            return IL_ERR_TLS_CERT;
        }
    }
    return IL_OK;
}

/* Go's verdict on the chain v holds (leaf first). */
static il_status_t verify_go(il_tls_conn_t *c, const mbedtls_x509_crt *leaf)
{
    il_tls_verify_t *v = &c->verify;
    il_tls_cert_error_t *e = &v->err;
    uint32_t others = 0;
    il_x509_t x;
    il_status_t st;
    int i;
    if ((st = check_sent(leaf, e)) != IL_OK) return st;
    if (read_crt(&x, leaf) != 0) return IL_ERR_TLS_CERT;       /* (check_sent read it) */
    if ((st = check_valid(&x, v->flags[0], e)) != IL_OK) return st;
    if (v->host != NULL && (st = il_x509_check_host(&x, v->host, e)) != IL_OK) return st;
    if ((st = check_issuers(v, e)) != IL_OK) return st;
    if (v->flags[v->len - 1] & MBEDTLS_X509_BADCERT_NOT_TRUSTED) return check_unknown_authority(c, leaf, e);
    if ((st = check_usage(v, e)) != IL_OK) return st;
    for (i = 0; i < v->len; i++) others |= v->flags[i];
    return il_tls_verify_flags_status(others & ~(uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH);
}

int il_tls_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    il_tls_conn_t *c = ctx;
    il_tls_verify_t *v = &c->verify;
    if (depth < 0 || depth >= IL_TLS_CHAIN_MAX) return MBEDTLS_ERR_X509_FATAL_ERROR;
    if (depth >= v->len) v->len = depth + 1;        /* called from the top down to the leaf */
    v->chain[depth] = crt;
    v->flags[depth] = *flags;
    if (depth != 0) return 0;
    v->status = verify_go(c, crt);
    /* mbedTLS's host name check (DNS names, with the Common Name) is replaced
     * by Go's; any refusal sends Go's alert, bad_certificate */
    *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_CN_MISMATCH;
    if (v->status != IL_OK) *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    /* the leaf's keyUsage is Go's to ignore and its extKeyUsage was checked
     * above: mbedTLS's check of both after this callback must not see them */
    crt->MBEDTLS_PRIVATE(ext_types) &= ~(MBEDTLS_X509_EXT_KEY_USAGE | MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE);
    return 0;
}
