/* SPDX-License-Identifier: Apache-2.0 */
/* proxy_conn.c - a tunnel through an HTTP CONNECT or SOCKS5 proxy over any
 * transport (see il_proxy_conn.h). The exchanges follow Go's net/http:
 * transport.go's dialConn for CONNECT (only a 200 opens the tunnel; what
 * follows the answer's header section is dropped), socks_bundle.go for
 * SOCKS5 (methods offered, replies read whole, in that order). */
#include <string.h>
#include "il_proxy_conn.h"
#include "il_wipe.h"

static il_status_t proxy_fail(il_proxy_conn_t *c, il_status_t st, il_proxy_fail_t why, unsigned detail)
{
    c->fail = why;
    c->detail = detail;
    return st;
}

/* Exactly n bytes into buf (n <= cap of the caller's buffer). */
static il_status_t proxy_read_full(il_proxy_conn_t *c, uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int32_t r = c->lower.recv(c->lower.ctx, buf + got, n - got);
        if (r < 0) return (il_status_t)-r;
        if (r == 0) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_EOF, (unsigned)got);
        got += (size_t)r;
    }
    return IL_OK;
}

/* The CONNECT answer's header section: bounded, the rest dropped. */
static il_status_t proxy_connect_answer(il_proxy_conn_t *c, const il_proxy_options_t *opt)
{
    il_status_t st = IL_NEED_MORE;
    size_t total = 0;
    uint8_t *buf = opt->buf;
    size_t cap = opt->buf_cap;
    char *text = opt->status_buf != NULL && opt->status_cap > 0 ? opt->status_buf : c->status_small;
    il_http_response_init(&c->resp, text, text == c->status_small ? sizeof c->status_small : opt->status_cap,
                          NULL, NULL);
    c->status_text = text;
    c->resp.head_only = true;
    while (st == IL_NEED_MORE) {
        size_t used = 0;
        int32_t r = c->lower.recv(c->lower.ctx, buf, cap);
        if (r < 0) return (il_status_t)-r;
        if (r == 0) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_EOF, (unsigned)(total > 0));
        st = il_http_response_feed(&c->resp, buf, (size_t)r, &used);
        total += used;
        if (total > IL_PROXY_ANSWER_MAX)
            return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_TOO_LARGE, IL_PROXY_ANSWER_MAX);
    }
    if (st != IL_OK) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_ANSWER, (unsigned)st);
    c->status = c->resp.status;
    if (c->status != 200) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_STATUS, (unsigned)c->status);
    return IL_OK;
}

static il_status_t proxy_http_connect(il_proxy_conn_t *c, const il_proxy_options_t *opt, const char *host,
                                      uint16_t port)
{
    char authority[IL_PROXY_AUTHORITY_MAX + 1];
    size_t len = 0;
    il_status_t st = il_proxy_authority(host, port, authority, sizeof authority);
    if (st == IL_OK)
        st = il_proxy_connect_write(authority, opt->user_agent, opt->authorization, opt->buf, opt->buf_cap, &len);
    if (st == IL_OK) st = il_transport_send_all(&c->lower, opt->buf, len);
    il_wipe(opt->buf, len);                 /* the request held the credentials */
    if (st == IL_OK) st = proxy_connect_answer(c, opt);
    return st;
}

/* RFC 1929, when the proxy chose it: Go's socksUsernamePassword.Authenticate. */
static il_status_t proxy_socks_auth(il_proxy_conn_t *c, const il_proxy_options_t *opt, uint8_t method)
{
    uint8_t *b = opt->buf;
    size_t len = 0;
    il_status_t st;
    if (method == IL_SOCKS5_AUTH_NONE) return IL_OK;
    if (method != IL_SOCKS5_AUTH_PASSWORD)
        return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_METHOD, method);
    st = il_socks5_auth_write(opt->user, opt->pass != NULL ? opt->pass : "", b, opt->buf_cap, &len);
    if (st == IL_ERR_ARG) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_CREDENTIALS, 0);
    if (st == IL_OK) st = il_transport_send_all(&c->lower, b, len);
    il_wipe(b, len);
    if (st == IL_OK) st = proxy_read_full(c, b, 2);
    if (st != IL_OK) return st;
    if (b[0] != 0x01) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_AUTH_VERSION, b[0]);
    if (b[1] != 0x00) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_AUTH, b[1]);
    return IL_OK;
}

/* The reply to CONNECT: its head, then the bound address, read and dropped. */
static il_status_t proxy_socks_reply(il_proxy_conn_t *c, uint8_t *b)
{
    size_t tail;
    il_status_t st = proxy_read_full(c, b, 4);
    if (st != IL_OK) return st;
    if (b[0] != IL_SOCKS5_VERSION) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_VERSION, b[0]);
    if (b[1] != 0x00) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_REPLY, b[1]);
    if (b[2] != 0x00) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_RESERVED, b[2]);
    if (b[3] == IL_SOCKS5_ATYP_NAME && (st = proxy_read_full(c, b + 4, 1)) != IL_OK) return st;
    tail = il_socks5_reply_tail(b[3], b[4]);
    if (tail == 0) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_ATYP, b[3]);
    return proxy_read_full(c, b, tail);
}

static il_status_t proxy_socks5(il_proxy_conn_t *c, const il_proxy_options_t *opt, const char *host, uint16_t port)
{
    uint8_t *b = opt->buf;
    size_t len = 0;
    bool creds = opt->user != NULL;
    il_status_t st;
    if (opt->buf_cap < 262) return IL_ERR_ARG;    /* the longest reply: 4 + 1 + 255 + 2 */
    len = il_socks5_greeting(creds, b);
    st = il_transport_send_all(&c->lower, b, len);
    if (st == IL_OK) st = proxy_read_full(c, b, 2);
    if (st != IL_OK) return st;
    if (b[0] != IL_SOCKS5_VERSION) return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_VERSION, b[0]);
    if (b[1] == IL_SOCKS5_AUTH_UNACCEPTABLE)
        return proxy_fail(c, IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_NO_METHOD, 0);
    if (creds && (st = proxy_socks_auth(c, opt, b[1])) != IL_OK) return st;
    st = il_socks5_connect_write(host, port, b, opt->buf_cap, &len);
    if (st == IL_OK) st = il_transport_send_all(&c->lower, b, len);
    if (st == IL_OK) st = proxy_socks_reply(c, b);
    return st;
}

il_status_t il_proxy_connect(il_proxy_conn_t *c, const il_transport_t *lower, const il_proxy_options_t *opt,
                             const char *host, uint16_t port)
{
    il_status_t st;
    if (c == NULL || lower == NULL || opt == NULL || opt->buf == NULL || host == NULL) return IL_ERR_ARG;
    memset(c, 0, sizeof *c);
    c->status_text = c->status_small;
    c->lower = *lower;
    c->kind = opt->kind;
    st = opt->kind == IL_PROXY_SOCKS5 ? proxy_socks5(c, opt, host, port) : proxy_http_connect(c, opt, host, port);
    il_wipe(opt->buf, opt->buf_cap);        /* the messages held the credentials */
    if (st != IL_OK && c->fail == IL_PROXY_FAIL_NONE) c->detail = (unsigned)st;
    return st;
}

static int32_t proxy_send(void *ctx, const uint8_t *data, size_t len)
{
    il_proxy_conn_t *c = ctx;
    return c->lower.send(c->lower.ctx, data, len);
}

static int32_t proxy_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_proxy_conn_t *c = ctx;
    return c->lower.recv(c->lower.ctx, buf, cap);
}

void il_proxy_transport(il_proxy_conn_t *c, il_transport_t *t)
{
    t->ctx = c;
    t->send = proxy_send;
    t->recv = proxy_recv;
}
