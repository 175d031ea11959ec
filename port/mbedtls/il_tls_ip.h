/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_ip.h - a server name that is an IP literal (ip_name.c).
 *
 * A DNS name goes to mbedtls_ssl_set_hostname (SNI and the dNSName check).
 * An IP literal (IPv4, or IPv6 optionally in brackets) must not be sent as
 * SNI (RFC 6066 section 3); mbedTLS 3.6 would match iPAddress SANs itself,
 * but only for a name it also sends as SNI. So tls.c sets no host name for
 * an IP literal (mbedtls_ssl_set_hostname(NULL)), and the leaf's iPAddress
 * SANs are matched by Go's rules (x509_names.c), from the verify callback. */
#ifndef IL_TLS_IP_H
#define IL_TLS_IP_H

#include <stddef.h>
#include <stdint.h>

typedef struct il_tls_ip {
    uint8_t addr[16];               /* network order: 4 bytes (IPv4) or 16 (IPv6) */
    size_t len;                     /* 4, 16, or 0: the name is not an IP literal */
} il_tls_ip_t;

/* Parse name (NUL-terminated) as a dotted quad (four decimal parts 0..255)
 * or an RFC 4291 text form ("::" and a trailing dotted quad allowed), either
 * optionally in brackets. Anything else sets ip->len to 0. */
void il_tls_ip_parse(il_tls_ip_t *ip, const char *name);

#endif
