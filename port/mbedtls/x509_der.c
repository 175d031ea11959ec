/* SPDX-License-Identifier: Apache-2.0 */
/* x509_der.c - a certificate's DER read in place (il_tls_x509.h): the
 * fields and extensions Go's rules need that mbedTLS does not expose (the
 * nameConstraints, which it does not parse at all, and the criticality of
 * each), and the rules that need nothing but one certificate. */
#include <string.h>
#include "il_text.h"
#include "il_tls_x509.h"

/* The length at in->p + *pos (after the tag): definite, at most three
 * length bytes. */
static bool der_length(const il_der_t *in, size_t *pos, size_t *len)
{
    size_t i = *pos, k, v = 0;
    if (i >= in->n) return false;
    if (in->p[i] < 0x80) {
        *len = in->p[i];
        *pos = i + 1;
        return true;
    }
    k = in->p[i++] & 0x7fu;
    if (k == 0 || k > 3 || in->n - i < k) return false;
    while (k-- > 0) v = (v << 8) | in->p[i++];
    *len = v;
    *pos = i;
    return true;
}

bool il_der_read_any(il_der_t *in, unsigned *tag_out, il_der_t *out)
{
    size_t pos = 1, len;
    if (in->p == NULL || in->n < 2 || (in->p[0] & 0x1fu) == 0x1fu) return false;   /* no multi-byte tags */
    if (!der_length(in, &pos, &len) || in->n - pos < len) return false;
    *tag_out = in->p[0];
    out->p = in->p + pos;
    out->n = len;
    in->p += pos + len;
    in->n -= pos + len;
    return true;
}

bool il_der_read(il_der_t *in, unsigned tag, il_der_t *out)
{
    il_der_t save = *in, value;
    unsigned got;
    if (!il_der_read_any(in, &got, &value)) return false;
    if (got == tag) {
        *out = value;
        return true;
    }
    *in = save;                                     /* in and *out as they were */
    return false;
}

/* One TLV of in with tag, whole (tag and length included) into *out. */
static bool der_read_whole(il_der_t *in, unsigned tag, il_der_t *out)
{
    const uint8_t *start = in->p;
    il_der_t inner;
    if (!il_der_read(in, tag, &inner)) return false;
    out->p = start;
    out->n = (size_t)(in->p - start);
    return true;
}

/* OIDs (contents) of the extensions read here: id-ce 17, 30, 37, 15, 19. */
static const uint8_t oid_san[] = {0x55, 0x1d, 0x11}, oid_nc[] = {0x55, 0x1d, 0x1e},
                     oid_eku[] = {0x55, 0x1d, 0x25}, oid_ku[] = {0x55, 0x1d, 0x0f},
                     oid_bc[] = {0x55, 0x1d, 0x13};

static bool oid_is(const il_der_t *oid, const uint8_t *want, size_t n)
{
    return oid->n == n && memcmp(oid->p, want, n) == 0;
}

/* One Extension: its value into the field it belongs to. */
static int read_extension(il_x509_t *x, il_der_t ext)
{
    il_der_t oid, crit, value;
    bool critical = false;
    if (!il_der_read(&ext, IL_DER_OID, &oid)) return -1;
    if (il_der_read(&ext, IL_DER_BOOLEAN, &crit)) critical = crit.n == 1 && crit.p[0] != 0;
    if (!il_der_read(&ext, IL_DER_OCTET_STRING, &value)) return -1;
    if (oid_is(&oid, oid_san, sizeof oid_san)) {
        x->san = value;
        x->san_critical = critical;
    } else if (oid_is(&oid, oid_nc, sizeof oid_nc)) {
        x->nc = value;
        x->nc_critical = critical;
    } else if (oid_is(&oid, oid_eku, sizeof oid_eku)) {
        x->eku = value;
    } else if (oid_is(&oid, oid_ku, sizeof oid_ku)) {
        x->ku = value;
    } else if (oid_is(&oid, oid_bc, sizeof oid_bc)) {
        x->bc = value;
    }
    return 0;
}

/* The [3] EXPLICIT Extensions of the TBSCertificate's rest, if any. */
static int read_extensions(il_x509_t *x, il_der_t rest)
{
    il_der_t outer, list, ext;
    unsigned tag;
    while (il_der_read_any(&rest, &tag, &outer)) {
        if (tag != 0xa3) continue;                  /* issuerUniqueID, subjectUniqueID */
        if (!il_der_read(&outer, IL_DER_SEQUENCE, &list)) return -1;
        while (list.n > 0) {
            if (!il_der_read(&list, IL_DER_SEQUENCE, &ext) || read_extension(x, ext) != 0) return -1;
        }
    }
    return rest.n == 0 ? 0 : -1;
}

int il_x509_read(il_x509_t *x, const uint8_t *der, size_t len)
{
    il_der_t in = {der, len}, cert, tbs, field;
    memset(x, 0, sizeof *x);
    x->version = 1;
    if (!il_der_read(&in, IL_DER_SEQUENCE, &cert) || !il_der_read(&cert, IL_DER_SEQUENCE, &tbs)) return -1;
    if (il_der_read(&tbs, 0xa0, &field)) {          /* [0] EXPLICIT version */
        il_der_t v;
        if (!il_der_read(&field, IL_DER_INTEGER, &v) || v.n != 1 || v.p[0] > 2) return -1;
        x->version = v.p[0] + 1;
    }
    if (!il_der_read(&tbs, IL_DER_INTEGER, &x->serial) || !il_der_read(&tbs, IL_DER_SEQUENCE, &field) ||
        !der_read_whole(&tbs, IL_DER_SEQUENCE, &x->issuer) || !il_der_read(&tbs, IL_DER_SEQUENCE, &field) ||
        !der_read_whole(&tbs, IL_DER_SEQUENCE, &x->subject) || !der_read_whole(&tbs, IL_DER_SEQUENCE, &x->spki))
        return -1;
    return read_extensions(x, tbs);
}

bool il_x509_next_name(il_der_t *it, unsigned *tag, il_der_t *value, bool *bad)
{
    if (it->n == 0) return false;
    if (!il_der_read_any(it, tag, value)) {
        *bad = true;
        return false;
    }
    return true;
}

/* ---- rules of one certificate ---- */

bool il_x509_can_sign(const il_x509_t *parent)
{
    il_der_t bc = parent->bc, seq, ca, ku = parent->ku, bits;
    bool is_ca = false;
    if (bc.p != NULL && il_der_read(&bc, IL_DER_SEQUENCE, &seq) && il_der_read(&seq, IL_DER_BOOLEAN, &ca))
        is_ca = ca.n == 1 && ca.p[0] != 0;
    if (parent->bc.p == NULL ? parent->version == 3 : !is_ca) return false;
    if (ku.p == NULL || !il_der_read(&ku, IL_DER_BIT_STRING, &bits) || bits.n < 2) return true;
    /* Go's KeyUsage: bits 0..8; no bit set counts as no keyUsage. keyCertSign is bit 5. */
    if ((bits.p[1] & 0x04u) != 0) return true;
    return bits.p[1] == 0 && (bits.n < 3 || (bits.p[2] & 0x80u) == 0);
}

bool il_x509_eku_allows_server(const il_x509_t *x)
{
    static const uint8_t server_auth[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
    static const uint8_t any[] = {0x55, 0x1d, 0x25, 0x00};
    il_der_t eku = x->eku, list, oid;
    if (eku.p == NULL || !il_der_read(&eku, IL_DER_SEQUENCE, &list) || list.n == 0) return true;
    while (il_der_read(&list, IL_DER_OID, &oid))
        if (oid_is(&oid, server_auth, sizeof server_auth) || oid_is(&oid, any, sizeof any)) return true;
    return false;
}

/* The value of the last (or first) attribute of type oid (2.5.4.x: 3 CN,
 * 10 O) in the Name name. */
static il_der_t name_attribute(il_der_t name, uint8_t type, bool first)
{
    static const uint8_t at[] = {0x55, 0x04};
    il_der_t seq, set, atv, oid, value, found = {NULL, 0};
    unsigned tag;
    if (!il_der_read(&name, IL_DER_SEQUENCE, &seq)) return found;
    while (il_der_read(&seq, IL_DER_SET, &set)) {
        while (il_der_read(&set, IL_DER_SEQUENCE, &atv)) {
            if (!il_der_read(&atv, IL_DER_OID, &oid) || oid.n != 3 || memcmp(oid.p, at, 2) != 0 ||
                oid.p[2] != type || !il_der_read_any(&atv, &tag, &value))
                continue;
            if (first) return value;
            found = value;
        }
    }
    return found;
}

il_der_t il_x509_common_name(const il_x509_t *x)
{
    return name_attribute(x->subject, 3, false);
}

/* The unsigned big-endian integer in[0..n) in decimal into e's part 0. */
static void put_decimal(il_tls_cert_error_t *e, const uint8_t *in, size_t n)
{
    uint8_t num[20];
    char digits[50];
    size_t nd = 0, i;
    bool nonzero = true;
    if (n > sizeof num) n = sizeof num;            /* RFC 5280: at most 20 bytes */
    memcpy(num, in, n);
    while (nonzero && nd < sizeof digits) {         /* divide by 10 until zero */
        unsigned rem = 0;
        nonzero = false;
        for (i = 0; i < n; i++) {
            unsigned cur = (rem << 8) | num[i];
            num[i] = (uint8_t)(cur / 10u);
            rem = cur % 10u;
            nonzero = nonzero || num[i] != 0;
        }
        digits[nd++] = (char)('0' + rem);
    }
    while (nd > 0) il_tls_cert_error_put(e, 0, &digits[--nd], 1);
}

void il_x509_authority_name(const il_x509_t *x, il_tls_cert_error_t *e)
{
    il_der_t v = il_x509_common_name(x);
    if (v.p == NULL || v.n == 0) v = name_attribute(x->subject, 10, true);
    if (v.p != NULL && v.n > 0) {
        il_tls_cert_error_put(e, 0, v.p, v.n);
        return;
    }
    il_tls_cert_error_put(e, 0, "serial:", 7);
    put_decimal(e, x->serial.p, x->serial.n);
}
