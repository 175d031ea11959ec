/* SPDX-License-Identifier: Apache-2.0 */
/* cli_gourl.c - Go's url.Parse of --host and what Go's net/http and net
 * then make of the host (see cli_gourl.h; net/url/url.go, net/http's
 * NewRequest and Transport, net's isDomainName). */
#include "cli_gourl.h"

#include <arpa/inet.h>
#include <string.h>

#include "il_text.h"
#include "cli_out.h"

bool cli_has_ctl(const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

static bool scheme_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool scheme_other(char c)
{
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* Go's getScheme: a scheme ended by ':' goes into out->scheme (lower case;
 * "?" when longer than it holds, never http(s)) and *rest after it; NULL,
 * or "missing protocol scheme". */
static const char *gourl_scheme(const char *h, cli_gourl_t *out, const char **rest)
{
    size_t i = 0;
    *rest = h;
    out->scheme[0] = '\0';
    while (scheme_letter(h[i]) || (i > 0 && scheme_other(h[i]))) i++;
    if (h[i] != ':') return NULL;              /* no scheme: a path */
    if (i == 0) return "missing protocol scheme";
    if (i < sizeof out->scheme) {
        for (size_t k = 0; k < i; k++) out->scheme[k] = il_ascii_lower(h[k]);
        out->scheme[i] = '\0';
    } else {
        memcpy(out->scheme, "?", 2);
    }
    *rest = h + i + 1;
    return NULL;
}

typedef enum { ESC_HOST, ESC_ZONE, ESC_OTHER } esc_mode_t;

/* shouldEscape(c, encodeHost) for ASCII: what a host may hold as it is. */
static bool host_char_ok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("-_.~!$&'()*+,;=:[]<>\"", c) != NULL);
}

/* reason = prefix + Go's %q of s[0..n) + suffix. */
static const char *gourl_reason(cli_gourl_t *out, const char *prefix, const char *s, size_t n, const char *suffix)
{
    cli_buf_t b;
    cli_buf_init(&b, out->reason, sizeof out->reason - 1);
    cli_puts(&b, prefix);
    cli_put_quoted(&b, s, n);
    cli_puts(&b, suffix);
    out->reason[b.len] = '\0';
    return out->reason;
}

/* url.go's unescape(s, mode), only its checks: EscapeError, InvalidHostError. */
static const char *gourl_unescape(const char *s, size_t n, esc_mode_t mode, cli_gourl_t *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n || il_hex_value(s[i + 1]) < 0 || il_hex_value(s[i + 2]) < 0)
                return gourl_reason(out, "invalid URL escape ", s + i, n - i, "");
            int v = il_hex_value(s[i + 1]) << 4 | il_hex_value(s[i + 2]);
            bool pct25 = v == 0x25;
            bool bad_host = mode == ESC_HOST && v < 0x80 && !pct25;
            bool bad_zone = mode == ESC_ZONE && !pct25 && v != ' ' && v < 0x80 && !host_char_ok((unsigned char)v);
            if (bad_host || bad_zone) return gourl_reason(out, "invalid URL escape ", s + i, 3, "");
            i += 2;
        } else if (mode != ESC_OTHER && c < 0x80 && !host_char_ok(c)) {
            return gourl_reason(out, "invalid character ", s + i, 1, " in host name");
        }
    }
    return NULL;
}

/* validOptionalPort: "" or ':' and digits. */
static bool valid_optional_port(const char *p, size_t n)
{
    if (n == 0) return true;
    if (p[0] != ':') return false;
    for (size_t i = 1; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return false;
    return true;
}

/* parseHost over h[0..n). */
static const char *gourl_host(const char *h, size_t n, cli_gourl_t *out)
{
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (h[i] == ':') colon = h + i;
    if (n > 0 && h[0] == '[') {
        const char *close = NULL, *zone = NULL;
        for (size_t i = 0; i < n; i++) close = h[i] == ']' ? h + i : close;
        if (close == NULL) return "missing ']' in host";
        if (!valid_optional_port(close + 1, (size_t)(h + n - close - 1)))
            return gourl_reason(out, "invalid port ", close + 1, (size_t)(h + n - close - 1), " after host");
        for (const char *z = h; z + 3 <= close && zone == NULL; z++) zone = memcmp(z, "%25", 3) == 0 ? z : NULL;
        if (zone != NULL) {
            const char *r = gourl_unescape(h, (size_t)(zone - h), ESC_HOST, out);
            if (r == NULL) r = gourl_unescape(zone, (size_t)(close - zone), ESC_ZONE, out);
            return r != NULL ? r : gourl_unescape(close, (size_t)(h + n - close), ESC_HOST, out);
        }
    } else if (colon != NULL && !valid_optional_port(colon, (size_t)(h + n - colon))) {
        return gourl_reason(out, "invalid port ", colon, (size_t)(h + n - colon), " after host");
    }
    return gourl_unescape(h, n, ESC_HOST, out);
}

/* validUserinfo */
static bool valid_userinfo(const char *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  (c != 0 && strchr("-._:~!$&'()*+,;=%@", c) != NULL);
        if (!ok) return false;
    }
    return true;
}

/* The request's host: the port after the last ':' past any ']', an empty
 * one dropped (net/http's removeEmptyPort). */
static void gourl_set_host(const char *h, size_t n, cli_gourl_t *out)
{
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++) {
        if (h[i] == ':') colon = h + i;
        if (h[i] == ']') colon = NULL;
    }
    if (colon != NULL && colon + 1 == h + n) n--;
    else if (colon != NULL) out->port = colon + 1, out->port_len = (size_t)(h + n - colon - 1);
    if (n >= sizeof out->authority) n = sizeof out->authority - 1;
    memcpy(out->authority, h, n);
    out->authority[n] = '\0';
}

/* parseAuthority over a[0..n). */
static const char *gourl_authority(const char *a, size_t n, cli_gourl_t *out)
{
    const char *at = NULL, *r;
    for (size_t i = 0; i < n; i++)
        if (a[i] == '@') at = a + i;
    const char *h = at != NULL ? at + 1 : a;
    size_t hn = (size_t)(a + n - h);
    if ((r = gourl_host(h, hn, out)) != NULL) return r;
    if (at != NULL) {
        if (!valid_userinfo(a, (size_t)(at - a))) return "net/url: invalid userinfo";
        if ((r = gourl_unescape(a, (size_t)(at - a), ESC_OTHER, out)) != NULL) return r;
    }
    gourl_set_host(h, hn, out);
    return NULL;
}

/* parse(): everything but the fragment (u[0..n)). */
static const char *gourl_main(const char *u, size_t n, cli_gourl_t *out)
{
    const char *rest, *reason = gourl_scheme(u, out, &rest);
    if (reason != NULL) return reason;
    size_t rn = (size_t)(u + n - rest), q = strcspn(rest, "?");
    if (q < rn) rn = q;                                         /* the query is not checked */
    if ((rn == 0 || rest[0] != '/') && out->scheme[0] != '\0') return NULL;       /* opaque: no host */
    if (rn == 0 || rest[0] != '/') {
        size_t seg = strcspn(rest, "/");
        if (memchr(rest, ':', seg < rn ? seg : rn) != NULL) return "first path segment in URL cannot contain colon";
    }
    if (rn >= 2 && rest[0] == '/' && rest[1] == '/' && (out->scheme[0] != '\0' || rn < 3 || rest[2] != '/')) {
        size_t an = strcspn(rest + 2, "/");
        if (an > rn - 2) an = rn - 2;
        if ((reason = gourl_authority(rest + 2, an, out)) != NULL) return reason;
        rest += 2 + an;
        rn -= 2 + an;
    }
    return gourl_unescape(rest, rn, ESC_OTHER, out);          /* setPath */
}

const char *cli_gourl_parse(const char *host, cli_gourl_t *out)
{
    const char *hash = strchr(host, '#'), *reason;
    size_t n = hash != NULL ? (size_t)(hash - host) : strlen(host);
    memset(out, 0, sizeof *out);
    out->quote_len = n;
    if (cli_has_ctl(host)) {
        out->quote_len = strlen(host);
        return "net/url: invalid control character in URL";
    }
    if ((reason = gourl_main(host, n, out)) != NULL) return reason;
    out->scheme_ok = strcmp(out->scheme, "http") == 0 || strcmp(out->scheme, "https") == 0;
    if (hash != NULL && (reason = gourl_unescape(hash + 1, strlen(hash + 1), ESC_OTHER, out)) != NULL)
        out->quote_len = strlen(host);                        /* setFragment: the whole URL is quoted */
    return reason;
}

bool cli_gourl_port_bad(const cli_gourl_t *u)
{
    unsigned long v = 0;
    if (u->port == NULL) return false;
    for (size_t i = 0; i < u->port_len; i++) {
        v = v * 10 + (unsigned long)(u->port[i] - '0');
        if (v > 65535) return true;
    }
    return false;
}

bool cli_go_ip_literal(const char *name)
{
    unsigned char v6[16];
    int parts = 0;
    if (strchr(name, ':') != NULL) return inet_pton(AF_INET6, name, v6) == 1;
    for (const char *p = name;; p++) {
        unsigned v = 0;
        const char *start = p;
        for (; *p >= '0' && *p <= '9' && p - start < 4; p++) v = v * 10 + (unsigned)(*p - '0');
        if (p == start || p - start > 3 || v > 255 || (start[0] == '0' && p - start > 1)) return false;
        parts++;
        if (*p == '\0') return parts == 4;
        if (*p != '.' || parts == 4) return false;
    }
}

/* One byte of a name for isDomainName: false when it cannot be there. */
static bool domain_byte(char c, char last, size_t *partlen, bool *non_numeric)
{
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (letter || (c == '-' && last != '.')) {
        *non_numeric = true;
        (*partlen)++;
        return true;
    }
    if (c >= '0' && c <= '9') {
        (*partlen)++;
        return true;
    }
    if (c != '.' || last == '.' || last == '-' || *partlen == 0 || *partlen > 63) return false;
    *partlen = 0;
    return true;
}

/* net's isDomainName (dnsclient.go), which the resolver asks before DNS. */
static bool go_domain_name(const char *s)
{
    size_t l = strlen(s), partlen = 0;
    char last = '.';
    bool non_numeric = false;
    if (strcmp(s, ".") == 0) return true;
    if (l == 0 || l > 254 || (l == 254 && s[l - 1] != '.')) return false;
    for (size_t i = 0; i < l; last = s[i++])
        if (!domain_byte(s[i], last, &partlen, &non_numeric)) return false;
    return last != '-' && partlen <= 63 && non_numeric;
}

/* inet_aton's numbers: one to four parts, decimal, octal or 0x hex. */
static bool libc_numeric(const char *s)
{
    int parts = 0;
    for (const char *p = s;; p++) {
        const char *start = p;
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            for (p += 2; il_hex_value(*p) >= 0; p++) {}
            if (p == start + 2) return false;
        } else {
            for (; *p >= '0' && *p <= '9'; p++) {}
            if (p == start) return false;
        }
        parts++;
        if (*p == '\0') return parts <= 4;
        if (*p != '.') return false;
    }
}

bool cli_go_no_such_host(const char *name)
{
    if (cli_go_ip_literal(name)) return false;
    return !go_domain_name(name) || libc_numeric(name);
}
