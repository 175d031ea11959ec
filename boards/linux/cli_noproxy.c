/* SPDX-License-Identifier: Apache-2.0 */
/* cli_noproxy.c - NO_PROXY as golang.org/x/net/http/httpproxy reads it
 * (proxy.go: config.init builds the matchers, useProxy applies them): each
 * comma-separated entry, trimmed and lower-cased, is "*" (everything), an
 * IP prefix in CIDR notation, an IP with an optional port, or a domain with
 * an optional port ("foo.com" matches it and its subdomains, ".foo.com" and
 * "*.foo.com" only the subdomains). Here the entries are read at the moment
 * of the check, not stored: the result is the same. */
#include <string.h>

#include "il_text.h"
#include "cli_proxy.h"

#define NOPROXY_ENTRY_MAX 300

/* A string slice. */
typedef struct np_str {
    const char *p;
    size_t n;
} np_str_t;

static bool np_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static np_str_t np_trim(const char *p, size_t n)
{
    while (n > 0 && np_is_space(p[0])) {
        p++;
        n--;
    }
    while (n > 0 && np_is_space(p[n - 1])) n--;
    return (np_str_t){p, n};
}

/* Go's IP in 4 bytes when it is IPv4 or IPv4-mapped IPv6 (ip.To4()): its
 * length, 4 or 16 (0: not an IP). */
static size_t np_ip(const char *s, size_t n, uint8_t out[16])
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    size_t len = il_ip_parse(s, n, out);
    if (len == 16 && memcmp(out, mapped, 12) == 0) {
        memmove(out, out + 12, 4);
        return 4;
    }
    return len;
}

/* The prefix length after a CIDR's '/': its value, or -1 when it is not
 * digits only (Go's dtoi) or past max. */
static int np_prefix_bits(const char *p, size_t n, size_t max)
{
    size_t bits = 0, i;
    for (i = 0; i < n && p[i] >= '0' && p[i] <= '9' && bits <= max; i++) bits = bits * 10 + (size_t)(p[i] - '0');
    return i == 0 || i != n || bits > max ? -1 : (int)bits;
}

/* Whether ip[0..len) and net agree on their first bits bits. */
static bool np_prefix_equal(const uint8_t *ip, const uint8_t *net, size_t len, size_t bits)
{
    for (size_t i = 0; i < len && bits > 0; i++, bits = bits > 8 ? bits - 8 : 0) {
        uint8_t mask = (uint8_t)(bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu);
        if ((ip[i] & mask) != (net[i] & mask)) return false;
    }
    return true;
}

/* Go's net.ParseCIDR and IPNet.Contains of ip[0..iplen): -1 when entry is
 * not a CIDR, else whether it contains ip. */
static int np_cidr(np_str_t e, const uint8_t *ip, size_t iplen)
{
    const char *slash = memchr(e.p, '/', e.n);
    uint8_t net[16];
    size_t alen, nlen;
    bool mapped_v6;
    int bits;
    if (slash == NULL) return -1;
    alen = (size_t)(slash - e.p);
    nlen = np_ip(e.p, alen, net);
    mapped_v6 = nlen == 4 && memchr(e.p, ':', alen) != NULL;       /* ::ffff:a.b.c.d/n */
    bits = np_prefix_bits(slash + 1, e.n - alen - 1, mapped_v6 || nlen == 16 ? 128u : 32u);
    if (nlen == 0 || bits < 0) return -1;
    if (mapped_v6) bits = bits > 96 ? bits - 96 : 0;
    return ip != NULL && iplen == nlen && np_prefix_equal(ip, net, nlen, (size_t)bits);
}

/* Go's net.SplitHostPort: false on its errors (then the entry is a host). */
static bool np_split(np_str_t e, np_str_t *host, np_str_t *port)
{
    const char *last = NULL;
    size_t i, j = 0, k = 0;
    for (i = 0; i < e.n; i++)
        if (e.p[i] == ':') last = e.p + i;
    if (last == NULL) return false;
    if (e.n > 0 && e.p[0] == '[') {
        const char *end = memchr(e.p, ']', e.n);
        if (end == NULL || end + 1 != last) return false;
        *host = (np_str_t){e.p + 1, (size_t)(end - e.p - 1)};
        j = 1;
        k = (size_t)(end - e.p) + 1;
    } else {
        *host = (np_str_t){e.p, (size_t)(last - e.p)};
        if (memchr(host->p, ':', host->n) != NULL) return false;
    }
    if (memchr(e.p + j, '[', e.n - j) != NULL || memchr(e.p + k, ']', e.n - k) != NULL) return false;
    *port = (np_str_t){last + 1, e.n - (size_t)(last - e.p) - 1};
    return true;
}

static bool np_eq(np_str_t a, np_str_t b)
{
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* A domain entry ph (lower-cased, "*." already cut to ".") against host:
 * "foo.com" matches foo.com and its subdomains, ".foo.com" the subdomains. */
static bool np_domain_matches(np_str_t ph, np_str_t host)
{
    bool match_host = ph.p[0] != '.';
    if (match_host && np_eq(host, ph)) return true;
    if (host.n < ph.n + (match_host ? 1u : 0u) || memcmp(host.p + host.n - ph.n, ph.p, ph.n) != 0) return false;
    return !match_host || host.p[host.n - ph.n - 1] == '.';
}

/* One entry (lower-cased) against host (lower-cased), port, ip. */
static bool np_entry_matches(np_str_t e, np_str_t host, np_str_t port, const uint8_t *ip, size_t iplen)
{
    np_str_t ph = e, pp = {"", 0};
    uint8_t eip[16];
    size_t elen;
    int cidr = np_cidr(e, ip, iplen);
    if (cidr >= 0) return cidr == 1;
    if (!np_split(e, &ph, &pp)) {
        ph = e;
        pp = (np_str_t){"", 0};
    } else if (ph.n == 0) {
        return false;                                           /* no host part: ignored */
    }
    elen = np_ip(ph.p, ph.n, eip);
    if (elen != 0)
        return ip != NULL && elen == iplen && memcmp(eip, ip, elen) == 0 && (pp.n == 0 || np_eq(pp, port));
    if (ph.n >= 2 && ph.p[0] == '*' && ph.p[1] == '.') {
        ph.p++;
        ph.n--;
    }
    return np_domain_matches(ph, host) && (pp.n == 0 || np_eq(pp, port));
}

bool cli_noproxy_exempts(const char *no_proxy, const char *host_in, uint16_t port_num)
{
    char lower[IL_URL_HOST_MAX] = {0}, entry[NOPROXY_ENTRY_MAX], digits[IL_UDEC_MAX];
    uint8_t ip[16];
    size_t hn = strlen(host_in), iplen, i;
    np_str_t port = {digits, il_udec(port_num, digits)};
    if (strcmp(host_in, "localhost") == 0) return true;          /* as written: "LOCALHOST" is proxied */
    iplen = np_ip(host_in, hn, ip);
    if ((iplen == 4 && ip[0] == 127) || (iplen == 16 && memcmp(ip, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0))
        return true;
    if (no_proxy == NULL || hn >= sizeof lower) return false;
    np_str_t host = np_trim(host_in, hn);
    for (i = 0; i < host.n; i++) lower[i] = il_ascii_lower(host.p[i]);
    host.p = lower;
    for (const char *p = no_proxy; *p != '\0';) {
        size_t n = strcspn(p, ",");
        np_str_t e = np_trim(p, n);
        if (e.n > 0 && e.n < sizeof entry) {
            for (i = 0; i < e.n; i++) entry[i] = il_ascii_lower(e.p[i]);
            e.p = entry;
            if ((e.n == 1 && entry[0] == '*') || np_entry_matches(e, host, port, iplen ? ip : NULL, iplen))
                return true;
        }
        p += n + (p[n] == ',');
    }
    return false;
}
