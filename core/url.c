/* SPDX-License-Identifier: Apache-2.0 */
/* url.c - il_url_parse: scheme, host and port of --host; the rest is
 * ignored as the official CLI ignores it. */
#include <string.h>
#include "il_url.h"
#include "il_text.h"

static bool url_byte_ok(unsigned char ch)
{
    return ch > 0x20 && ch != 0x7f;
}

static bool url_host_byte_ok(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '.' || ch == '_' || ch >= 0x80;
}

static bool url_ipv6_byte_ok(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') ||
           ch == ':' || ch == '.';
}

/* The parts of the authority, as pointers into the URL. */
typedef struct url_parts {
    const char *auth, *auth_end;   /* host[:port] as written, userinfo dropped */
    const char *host, *host_end;   /* without the brackets of an IPv6 literal */
    const char *port;              /* the digits after ':' (up to auth_end), or NULL */
} url_parts_t;

/* "http://" or "https://", the scheme in any case: out->tls, and *rest is
 * what follows the "//". */
static il_status_t url_scheme(const char *url, il_url_t *out, const char **rest)
{
    const char *colon = strchr(url, ':');
    size_t n;
    if (colon == NULL || colon == url) return IL_ERR_URL_SCHEME;
    n = (size_t)(colon - url);
    if (il_ascii_ieq(url, n, "https")) out->tls = true;
    else if (!il_ascii_ieq(url, n, "http")) return IL_ERR_URL_SCHEME;
    if (colon[1] != '/' || colon[2] != '/') return IL_ERR_URL;
    *rest = colon + 3;
    return IL_OK;
}

/* The authority runs up to the path, query or fragment; its userinfo
 * ("user:pass@") is dropped, as the CLI never sends it. */
static il_status_t url_authority(const char *start, url_parts_t *u)
{
    const char *p;
    u->auth = start;
    u->auth_end = start;
    while (*u->auth_end && *u->auth_end != '/' && *u->auth_end != '?' && *u->auth_end != '#')
        u->auth_end++;
    for (p = u->auth_end; p > start; p--)
        if (p[-1] == '@') { u->auth = p; break; }
    return u->auth_end > u->auth ? IL_OK : IL_ERR_URL;
}

/* "[v6]" and an optional ":port" right after the bracket. */
static il_status_t url_host_bracketed(url_parts_t *u)
{
    const char *p;
    u->host = u->auth + 1;
    u->host_end = memchr(u->host, ']', (size_t)(u->auth_end - u->host));
    if (u->host_end == NULL || u->host_end == u->host) return IL_ERR_URL;
    for (p = u->host; p < u->host_end; p++)
        if (!url_ipv6_byte_ok((unsigned char)*p)) return IL_ERR_URL;
    p = u->host_end + 1;
    if (p == u->auth_end) return IL_OK;
    if (*p != ':') return IL_ERR_URL;
    u->port = p + 1;
    return IL_OK;
}

/* A name or an IPv4 literal, and an optional ":port". */
static il_status_t url_host_plain(url_parts_t *u)
{
    const char *p;
    u->host = u->auth;
    u->host_end = memchr(u->auth, ':', (size_t)(u->auth_end - u->auth));
    if (u->host_end == NULL) u->host_end = u->auth_end;
    else u->port = u->host_end + 1;
    if (u->host_end == u->host) return IL_ERR_URL;
    for (p = u->host; p < u->host_end; p++)
        if (!url_host_byte_ok((unsigned char)*p)) return IL_ERR_URL;
    return IL_OK;
}

/* Decimal 1..65535, digits only; the scheme's port when there is none. */
static il_status_t url_port(const url_parts_t *u, il_url_t *out)
{
    const char *p;
    uint32_t port = 0;
    if (u->port == NULL || u->port == u->auth_end) {   /* "host:" is Go's default port too */
        out->port = out->tls ? 443u : 80u;
        return IL_OK;
    }
    for (p = u->port; p < u->auth_end; p++) {
        if (*p < '0' || *p > '9') return IL_ERR_URL;
        port = port * 10u + (uint32_t)(*p - '0');
        if (port > 65535u) return IL_ERR_URL;
    }
    if (port == 0) return IL_ERR_URL;
    out->port = (uint16_t)port;
    out->port_explicit = true;
    return IL_OK;
}

/* The host in lower case and the authority as written, if they fit. */
static il_status_t url_store(const url_parts_t *u, il_url_t *out)
{
    size_t i, host_len = (size_t)(u->host_end - u->host);
    size_t auth_len = (size_t)(u->auth_end - u->auth);
    if (u->port != NULL && u->port == u->auth_end) auth_len--;   /* net/http drops an empty port */
    if (host_len >= sizeof(out->host) || auth_len >= sizeof(out->host_header)) return IL_ERR_URL;
    for (i = 0; i < host_len; i++) out->host[i] = il_ascii_lower(u->host[i]);
    out->host[host_len] = '\0';
    memcpy(out->host_header, u->auth, auth_len);
    out->host_header[auth_len] = '\0';
    return IL_OK;
}

il_status_t il_url_parse(const char *url, il_url_t *out)
{
    url_parts_t u;
    const char *p, *rest = NULL;
    il_status_t st;

    if (url == NULL || out == NULL) return IL_ERR_ARG;
    memset(out, 0, sizeof(*out));
    memset(&u, 0, sizeof(u));
    for (p = url; *p; p++)
        if (!url_byte_ok((unsigned char)*p)) return IL_ERR_URL;
    st = url_scheme(url, out, &rest);
    if (st == IL_OK) st = url_authority(rest, &u);
    if (st == IL_OK) st = *u.auth == '[' ? url_host_bracketed(&u) : url_host_plain(&u);
    if (st == IL_OK) st = url_port(&u, out);
    return st == IL_OK ? url_store(&u, out) : st;
}
