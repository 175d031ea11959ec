/* SPDX-License-Identifier: Apache-2.0 */
/* ip_name.c - IP-literal server names and their iPAddress SAN check
 * (il_tls_ip.h). */
#include <string.h>
#include "il_text.h"
#include "il_tls_ip.h"
#include "mbedtls/asn1.h"
#include "mbedtls/oid.h"

void il_tls_ip_parse(il_tls_ip_t *ip, const char *name)
{
    size_t len = strlen(name);
    if (len >= 2 && name[0] == '[' && name[len - 1] == ']') {
        name++;
        len -= 2;
    }
    ip->len = il_ip_parse(name, len, ip->addr);
}

/* Whether crt lists ip among its iPAddress subjectAltNames. */
static int crt_has_ip_san(const mbedtls_x509_crt *crt, const il_tls_ip_t *ip)
{
    const mbedtls_x509_sequence *san;
    if (!mbedtls_x509_crt_has_ext_type(crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME)) return 0;
    for (san = &crt->subject_alt_names; san != NULL; san = san->next) {
        if (san->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_X509_SAN_IP_ADDRESS) &&
            san->buf.len == ip->len && san->buf.p != NULL && memcmp(san->buf.p, ip->addr, ip->len) == 0)
            return 1;
    }
    return 0;
}

int il_tls_ip_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    const il_tls_ip_t *ip = ctx;
    if (depth != 0 || ip->len == 0) return 0;
    if (!crt_has_ip_san(crt, ip)) *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    return 0;
}
