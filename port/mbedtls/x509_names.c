/* SPDX-License-Identifier: Apache-2.0 */
/* x509_names.c - Go's name rules (il_tls_x509.h): the host name against the
 * leaf's subjectAltNames (crypto/x509 verify.go VerifyHostname and
 * HostnameError), and name constraints (parser.go
 * parseNameConstraintsExtension, verify.go isValid, checkNameConstraints,
 * matchDomainConstraint, matchIPConstraint, as of Go 1.25 with its security
 * releases: excluded constraints also exclude wildcards below them). */
#include <string.h>
#include "il_text.h"
#include "il_tls_ip.h"
#include "il_tls_x509.h"

/* ---- the refusal's texts ---- */

void il_tls_cert_error_set(il_tls_cert_error_t *e, il_tls_cert_reason_t reason, il_tls_name_kind_t kind)
{
    memset(e, 0, sizeof *e);
    e->reason = reason;
    e->kind = kind;
}

void il_tls_cert_error_put(il_tls_cert_error_t *e, int part, const void *p, size_t n)
{
    /* part 0 may use what part 1 has not; part 1 follows part 0 */
    size_t used = e->len[0] + e->len[1], room = sizeof(e->text) - used;
    if (part == 0 && e->len[1] > 0) return;         /* written in order: part 0, then part 1 */
    if (n > room) n = room;
    memcpy(e->text + used, p, n);
    e->len[part != 0] += n;
}

static void put_hex16(il_tls_cert_error_t *e, int part, unsigned v)
{
    char d[4];
    size_t n = 0;
    int shift;
    for (shift = 12; shift >= 0; shift -= 4)
        if (n > 0 || (v >> shift) != 0 || shift == 0) d[n++] = il_hex_digit((v >> shift) & 0xfu, false);
    il_tls_cert_error_put(e, part, d, n);
}

static void put_dotted(il_tls_cert_error_t *e, int part, const uint8_t *ip)
{
    char d[IL_UDEC_MAX];
    int i;
    for (i = 0; i < 4; i++) {
        if (i > 0) il_tls_cert_error_put(e, part, ".", 1);
        il_tls_cert_error_put(e, part, d, il_udec(ip[i], d));
    }
}

void il_tls_cert_error_put_ip(il_tls_cert_error_t *e, int part, const uint8_t *ip, size_t n)
{
    static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    size_t i, best = 8, best_len = 1, run;
    if (n == 4 || (n == 16 && memcmp(ip, v4_prefix, 12) == 0)) {
        put_dotted(e, part, ip + n - 4);
        return;
    }
    for (i = 0; i < 8; i += run > 0 ? run : 1) {    /* the first longest run of two or more zero groups */
        for (run = 0; i + run < 8 && ip[2u * (i + run)] == 0 && ip[2u * (i + run) + 1u] == 0; run++) {}
        if (run > best_len) {
            best = i;
            best_len = run;
        }
    }
    for (i = 0; i < 8; i++) {
        if (i == best) {
            il_tls_cert_error_put(e, part, "::", 2);
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len) il_tls_cert_error_put(e, part, ":", 1);
        put_hex16(e, part, (unsigned)ip[2u * i] << 8 | ip[2u * i + 1u]);
    }
}

/* ---- host names (VerifyHostname) ---- */

static bool hostname_char(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (c == '-' && !first);
}

/* Go's validHostname: labels of letters, digits, '_', and '-' not first;
 * a pattern may start with a "*" label; an input may end with a dot. */
static bool valid_hostname(const char *h, size_t n, bool pattern)
{
    size_t i = 0, label = 0;
    if (!pattern && n > 0 && h[n - 1] == '.') n--;
    if (n == 0 || (n == 1 && h[0] == '*')) return false;
    if (pattern && h[0] == '*' && (n == 1 || h[1] == '.')) i = label = 1;
    for (; i <= n; i++) {
        if (i == n || h[i] == '.') {
            if (label == 0) return false;
            label = 0;
        } else if (!hostname_char(h[i], label++ == 0)) {
            return false;
        }
    }
    return true;
}

/* Go's matchHostnames: the same number of labels, equal but for a "*"
 * first label of the pattern, ASCII case ignored; the host may end with a dot. */
static bool match_hostnames(const char *pat, size_t pn, const char *host, size_t hn)
{
    size_t i = 0, j = 0;
    bool first = true;
    if (hn > 0 && host[hn - 1] == '.') hn--;
    if (pn == 0 || hn == 0) return false;
    while (i <= pn && j <= hn) {
        size_t pe = i, he = j;
        while (pe < pn && pat[pe] != '.') pe++;
        while (he < hn && host[he] != '.') he++;
        if (!(first && pe - i == 1 && pat[i] == '*')) {
            size_t k;
            if (pe - i != he - j) return false;
            for (k = 0; k < pe - i; k++)
                if (il_ascii_lower(pat[i + k]) != il_ascii_lower(host[j + k])) return false;
        }
        first = false;
        if ((pe == pn) != (he == hn)) return false;
        if (pe == pn) return true;
        i = pe + 1;
        j = he + 1;
    }
    return false;
}

/* Go's matchExactly: ASCII case ignored, never for "" or ".". */
static bool match_exactly(const char *a, size_t an, const char *b, size_t bn)
{
    size_t k;
    if (an == 0 || bn == 0 || (an == 1 && a[0] == '.') || (bn == 1 && b[0] == '.') || an != bn) return false;
    for (k = 0; k < an; k++)
        if (il_ascii_lower(a[k]) != il_ascii_lower(b[k])) return false;
    return true;
}

static bool dns_san_matches(const il_der_t *v, const char *host, size_t hn)
{
    const char *m = (const char *)v->p;
    if (valid_hostname(host, hn, false) && valid_hostname(m, v->n, true)) return match_hostnames(m, v->n, host, hn);
    return match_exactly(m, v->n, host, hn);
}

/* IP addresses equal as Go's net.IP.Equal: an IPv4 address equals its
 * IPv4-mapped IPv6 form. */
static bool ip_equal(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    const uint8_t *v4 = an == 4 ? a : b, *v6 = an == 4 ? b : a;
    if (an == bn) return memcmp(a, b, an) == 0;
    if (an + bn != 20) return false;                /* one IPv4, one IPv6 */
    return memcmp(v6, v4_prefix, 12) == 0 && memcmp(v4, v6 + 12, 4) == 0;
}

/* Whether a SAN of type want (DNS or IP) matches; the names of that type
 * are listed (", "-joined) in e's part 0 on the way. */
static bool san_match(const il_x509_t *leaf, unsigned want, const il_tls_ip_t *ip, const char *host,
                      il_tls_cert_error_t *e, bool *any)
{
    il_der_t san = leaf->san, it, value;
    unsigned tag;
    bool bad = false;
    if (san.p == NULL || !il_der_read(&san, IL_DER_SEQUENCE, &it)) return false;
    while (il_x509_next_name(&it, &tag, &value, &bad)) {
        if (tag != want) continue;
        if (want == IL_DER_GN_IP ? ip_equal(value.p, value.n, ip->addr, ip->len)
                                 : dns_san_matches(&value, host, strlen(host)))
            return true;
        if (*any) il_tls_cert_error_put(e, 0, ", ", 2);
        *any = true;
        if (want == IL_DER_GN_IP && (value.n == 4 || value.n == 16)) il_tls_cert_error_put_ip(e, 0, value.p, value.n);
        else il_tls_cert_error_put(e, 0, value.p, value.n);
    }
    return false;
}

il_status_t il_x509_check_host(const il_x509_t *leaf, const char *host, il_tls_cert_error_t *e)
{
    il_tls_ip_t ip;
    bool any = false;
    il_der_t cn;
    size_t hn;
    il_tls_ip_parse(&ip, host);
    if (ip.len != 0 && host[0] == '[') host++;      /* HostnameError names the address without brackets */
    hn = ip.len != 0 && host[strlen(host) - 1] == ']' ? strlen(host) - 1 : strlen(host);
    il_tls_cert_error_set(e, IL_TLS_CERT_HOST_VALID_FOR, ip.len != 0 ? IL_TLS_NAME_IP : IL_TLS_NAME_DNS);
    if (san_match(leaf, ip.len != 0 ? IL_DER_GN_IP : IL_DER_GN_DNS, &ip, host, e, &any)) {
        il_tls_cert_error_set(e, IL_TLS_CERT_NONE, IL_TLS_NAME_DNS);
        return IL_OK;
    }
    cn = il_x509_common_name(leaf);
    if (leaf->san.p == NULL && cn.p != NULL && match_hostnames((const char *)cn.p, cn.n, host, hn))
        il_tls_cert_error_set(e, IL_TLS_CERT_HOST_LEGACY_CN, e->kind);
    else if (ip.len != 0 && !any) il_tls_cert_error_set(e, IL_TLS_CERT_HOST_NO_IP_SANS, IL_TLS_NAME_IP);
    else if (!any) il_tls_cert_error_set(e, IL_TLS_CERT_HOST_NO_NAMES, IL_TLS_NAME_DNS);
    return IL_ERR_TLS_NAME;
}
