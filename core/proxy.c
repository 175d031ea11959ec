/* SPDX-License-Identifier: Apache-2.0 */
/* proxy.c - the messages of HTTP CONNECT and SOCKS5 (see il_proxy.h). */
#include <string.h>
#include "il_config.h"
#include "il_proxy.h"
#include "il_text.h"

/* Appends into a caller's buffer; full once something did not fit. */
typedef struct proxy_out {
    uint8_t *buf;
    size_t cap, len;
    bool full;
} proxy_out_t;

static void proxy_put(proxy_out_t *o, const void *p, size_t n)
{
    if (o->full || n > o->cap - o->len) {
        o->full = true;
        return;
    }
    if (n > 0) memcpy(o->buf + o->len, p, n);
    o->len += n;
}

static void proxy_puts(proxy_out_t *o, const char *s)
{
    proxy_put(o, s, strlen(s));
}

static void proxy_putc(proxy_out_t *o, uint8_t c)
{
    proxy_put(o, &c, 1);
}

static bool proxy_has_ctl(const char *s, bool no_space)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || (no_space && c == ' ')) return true;
    }
    return false;
}

il_status_t il_proxy_authority(const char *host, uint16_t port, char *out, size_t cap)
{
    proxy_out_t o = {(uint8_t *)out, cap, 0, false};
    char digits[IL_UDEC_MAX];
    bool v6;
    if (host == NULL || host[0] == '\0' || out == NULL || cap == 0) return IL_ERR_ARG;
    v6 = strchr(host, ':') != NULL;
    if (v6) proxy_putc(&o, '[');
    proxy_puts(&o, host);
    proxy_puts(&o, v6 ? "]:" : ":");
    proxy_put(&o, digits, il_udec(port, digits));
    proxy_putc(&o, 0);
    if (!o.full) return IL_OK;
    out[0] = '\0';
    return IL_ERR_REQUEST_TOO_LARGE;
}

/* il_put_fn into a proxy_out_t. */
static void proxy_put_sink(void *o, const char *p, size_t n)
{
    proxy_put(o, p, n);
}

il_status_t il_proxy_basic(const char *user, const char *pass, char *out, size_t cap)
{
    proxy_out_t o = {(uint8_t *)out, cap, 0, false};
    uint8_t triple[3];
    size_t ulen, total, i;
    if (user == NULL || out == NULL || cap == 0) return IL_ERR_ARG;
    if (pass == NULL) pass = "";
    ulen = strlen(user);
    total = ulen + 1 + strlen(pass);
    proxy_puts(&o, "Basic ");
    /* user ":" pass, three bytes at a time (each gives four characters), never copied whole */
    for (i = 0; i < total && !o.full; i += 3) {
        size_t k;
        for (k = 0; k < 3 && i + k < total; k++) {
            size_t j = i + k;
            triple[k] = (uint8_t)(j < ulen ? user[j] : j == ulen ? ':' : pass[j - ulen - 1]);
        }
        il_b64_encode(triple, k, proxy_put_sink, &o);
    }
    proxy_putc(&o, 0);
    memset(triple, 0, sizeof triple);
    if (!o.full) return IL_OK;
    memset(out, 0, cap);        /* a partial value holds part of the secret */
    return IL_ERR_REQUEST_TOO_LARGE;
}

il_status_t il_proxy_connect_write(const char *authority, const char *user_agent, const char *authorization,
                                   uint8_t *buf, size_t cap, size_t *out_len)
{
    proxy_out_t o = {buf, cap, 0, false};
    bool auth = authorization != NULL && authorization[0] != '\0';
    if (authority == NULL || authority[0] == '\0' || buf == NULL || out_len == NULL) return IL_ERR_ARG;
    if (user_agent == NULL) user_agent = IL_USER_AGENT;
    if (proxy_has_ctl(authority, true) || proxy_has_ctl(user_agent, false) ||
        (auth && proxy_has_ctl(authorization, false)))
        return IL_ERR_UNSAFE_CHAR;
    proxy_puts(&o, "CONNECT ");
    proxy_puts(&o, authority);
    proxy_puts(&o, " HTTP/1.1\r\nHost: ");
    proxy_puts(&o, authority);
    proxy_puts(&o, "\r\nUser-Agent: ");
    proxy_puts(&o, user_agent);
    if (auth) {
        proxy_puts(&o, "\r\nProxy-Authorization: ");
        proxy_puts(&o, authorization);
    }
    proxy_puts(&o, "\r\n\r\n");
    if (o.full) return IL_ERR_REQUEST_TOO_LARGE;
    *out_len = o.len;
    return IL_OK;
}

size_t il_socks5_greeting(bool with_password, uint8_t out[4])
{
    out[0] = IL_SOCKS5_VERSION;
    out[1] = with_password ? 2 : 1;
    out[2] = IL_SOCKS5_AUTH_NONE;
    out[3] = IL_SOCKS5_AUTH_PASSWORD;
    return with_password ? 4 : 3;
}

il_status_t il_socks5_auth_write(const char *user, const char *pass, uint8_t *buf, size_t cap, size_t *out_len)
{
    proxy_out_t o = {buf, cap, 0, false};
    size_t ulen, plen;
    if (user == NULL || pass == NULL || buf == NULL || out_len == NULL) return IL_ERR_ARG;
    ulen = strlen(user);
    plen = strlen(pass);
    if (ulen == 0 || ulen > 255 || plen > 255) return IL_ERR_ARG;
    proxy_putc(&o, 0x01);
    proxy_putc(&o, (uint8_t)ulen);
    proxy_put(&o, user, ulen);
    proxy_putc(&o, (uint8_t)plen);
    proxy_put(&o, pass, plen);
    if (o.full) return IL_ERR_REQUEST_TOO_LARGE;
    *out_len = o.len;
    return IL_OK;
}

il_status_t il_socks5_connect_write(const char *host, uint16_t port, uint8_t *buf, size_t cap, size_t *out_len)
{
    proxy_out_t o = {buf, cap, 0, false};
    uint8_t addr[16];
    size_t hlen, alen;
    if (host == NULL || host[0] == '\0' || buf == NULL || out_len == NULL) return IL_ERR_ARG;
    hlen = strlen(host);
    alen = il_ip_parse(host, hlen, addr);
    proxy_putc(&o, IL_SOCKS5_VERSION);
    proxy_putc(&o, 0x01);                       /* CONNECT */
    proxy_putc(&o, 0x00);
    if (alen != 0) {
        proxy_putc(&o, alen == 4 ? IL_SOCKS5_ATYP_IPV4 : IL_SOCKS5_ATYP_IPV6);
        proxy_put(&o, addr, alen);
    } else {
        if (hlen > 255) return IL_ERR_ARG;
        proxy_putc(&o, IL_SOCKS5_ATYP_NAME);
        proxy_putc(&o, (uint8_t)hlen);
        proxy_put(&o, host, hlen);
    }
    proxy_putc(&o, (uint8_t)(port >> 8));
    proxy_putc(&o, (uint8_t)port);
    if (o.full) return IL_ERR_REQUEST_TOO_LARGE;
    *out_len = o.len;
    return IL_OK;
}

size_t il_socks5_reply_tail(uint8_t atyp, uint8_t name_len)
{
    switch (atyp) {
    case IL_SOCKS5_ATYP_IPV4:
        return 4 + 2;
    case IL_SOCKS5_ATYP_IPV6:
        return 16 + 2;
    case IL_SOCKS5_ATYP_NAME:
        return (size_t)name_len + 2;
    default:
        return 0;
    }
}
