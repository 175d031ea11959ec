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

il_status_t il_url_parse(const char *url, il_url_t *out)
{
    const char *p, *colon, *auth, *auth_end, *host, *host_end, *port_s = NULL;
    size_t i, scheme_len, host_len, auth_len;
    uint32_t port = 0;

    if (url == NULL || out == NULL) return IL_ERR_ARG;
    memset(out, 0, sizeof(*out));
    for (p = url; *p; p++)
        if (!url_byte_ok((unsigned char)*p)) return IL_ERR_URL;

    colon = strchr(url, ':');
    if (colon == NULL || colon == url) return IL_ERR_URL_SCHEME;
    scheme_len = (size_t)(colon - url);
    if (il_ascii_ieq(url, scheme_len, "http")) out->tls = false;
    else if (il_ascii_ieq(url, scheme_len, "https")) out->tls = true;
    else return IL_ERR_URL_SCHEME;
    if (colon[1] != '/' || colon[2] != '/') return IL_ERR_URL;

    auth = colon + 3;
    auth_end = auth;
    while (*auth_end && *auth_end != '/' && *auth_end != '?' && *auth_end != '#') auth_end++;
    /* drop userinfo ("user:pass@"), as the CLI never sends it */
    for (p = auth_end; p > auth; p--)
        if (p[-1] == '@') { auth = p; break; }
    auth_len = (size_t)(auth_end - auth);
    if (auth_len == 0) return IL_ERR_URL;

    if (*auth == '[') {
        host = auth + 1;
        host_end = memchr(host, ']', auth_len - 1);
        if (host_end == NULL || host_end == host) return IL_ERR_URL;
        for (p = host; p < host_end; p++)
            if (!url_ipv6_byte_ok((unsigned char)*p)) return IL_ERR_URL;
        p = host_end + 1;
        if (p < auth_end) {
            if (*p != ':') return IL_ERR_URL;
            port_s = p + 1;
        }
    } else {
        host = auth;
        host_end = memchr(auth, ':', auth_len);
        if (host_end == NULL) host_end = auth_end;
        else port_s = host_end + 1;
        if (host_end == host) return IL_ERR_URL;
        for (p = host; p < host_end; p++)
            if (!url_host_byte_ok((unsigned char)*p)) return IL_ERR_URL;
    }
    if (port_s != NULL) {
        if (port_s == auth_end) return IL_ERR_URL;
        for (p = port_s; p < auth_end; p++) {
            if (*p < '0' || *p > '9') return IL_ERR_URL;
            port = port * 10u + (uint32_t)(*p - '0');
            if (port > 65535u) return IL_ERR_URL;
        }
        if (port == 0) return IL_ERR_URL;
        out->port_explicit = true;
    } else {
        port = out->tls ? 443u : 80u;
    }
    host_len = (size_t)(host_end - host);
    if (host_len >= sizeof(out->host) || auth_len >= sizeof(out->host_header)) return IL_ERR_URL;
    memcpy(out->host, host, host_len);
    out->host[host_len] = '\0';
    for (i = 0; i < host_len; i++)
        if (out->host[i] >= 'A' && out->host[i] <= 'Z') out->host[i] = (char)(out->host[i] - 'A' + 'a');
    memcpy(out->host_header, auth, auth_len);
    out->host_header[auth_len] = '\0';
    out->port = (uint16_t)port;
    return IL_OK;
}
