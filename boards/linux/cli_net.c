/* SPDX-License-Identifier: Apache-2.0 */
/* cli_net.c - connection handling for the CLI (see cli_net.h). */
#include "cli_net.h"

#include <poll.h>
#include <string.h>

#include "cli_addr.h"

void cli_net_init(cli_net_t *n, const il_url_t *url, bool skip_verify, bool debug, int64_t deadline_ms)
{
    memset(n, 0, sizeof *n);
    n->url = url;
    n->skip_verify = skip_verify;
    n->debug = debug;
    n->deadline_ms = deadline_ms;
    n->tcp.fd = -1;
    n->hosts_path = "/etc/hosts";
    cli_dump_init(&n->dump, NULL);
}

void cli_net_set_tls(cli_net_t *n, il_tls_conn_t *conn, const char *ca_file, const uint8_t *pin_sha256)
{
    n->tls = conn;
    n->ca_file = ca_file;
    n->pin_sha256 = pin_sha256;
}

void cli_net_set_proxy(cli_net_t *n, const cli_proxy_t *proxy, uint8_t *scratch, size_t scratch_cap,
                       il_tls_conn_t *tls)
{
    n->proxy = proxy != NULL && proxy->kind != CLI_PROXY_DIRECT ? proxy : NULL;
    n->scratch = scratch;
    n->scratch_cap = scratch_cap;
    n->proxy_tls = tls;
}

bool cli_net_proxy_failed(const cli_net_t *n)
{
    return n->proxy != NULL && (!n->tcp_up || n->proxy_tls_failed);
}

/* Close what a failed connect left open: the TLS to the proxy, the socket. */
static void net_drop(cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    if (n->proxy_tls_open) il_tls_close(n->proxy_tls);
#endif
    n->proxy_tls_open = false;
    il_posix_close(&n->tcp);
}

bool cli_net_absolute_form(const cli_net_t *n)
{
    return n->proxy != NULL && n->proxy->kind != CLI_PROXY_SOCKS5 && !n->url->tls;
}

const char *cli_net_dial_host(const cli_net_t *n)
{
    return n->proxy != NULL ? n->proxy->host : n->url->host;
}

void cli_net_set_status_buffer(cli_net_t *n, char *buf, size_t cap)
{
    n->status_buf = buf;
    n->status_cap = cap;
}

uint16_t cli_net_dial_port(const cli_net_t *n)
{
    return n->proxy != NULL ? n->proxy->port : n->url->port;
}

void cli_net_set_deadline(cli_net_t *n, int64_t deadline_ms)
{
    n->deadline_ms = deadline_ms;
    il_posix_set_deadline(&n->tcp, deadline_ms);
}

/* Counts the bytes received through the connection (what the client sees,
 * after TLS): "did any answer byte arrive" for the retry rules. */
static int32_t cnt_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_net_t *n = ctx;
    return n->cnt_lower->send(n->cnt_lower->ctx, data, len);
}

static int32_t cnt_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_net_t *n = ctx;
    int32_t r = n->cnt_lower->recv(n->cnt_lower->ctx, buf, cap);
    if (r > 0) n->rx_bytes += (uint64_t)r;
    return r;
}

/* The tunnel to the URL's host through the proxy (CONNECT for an https
 * host, SOCKS5 for any): Go's transport dialConn. */
static il_status_t net_tunnel(cli_net_t *n)
{
    const cli_proxy_t *p = n->proxy;
    il_proxy_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.kind = p->kind == CLI_PROXY_SOCKS5 ? IL_PROXY_SOCKS5 : IL_PROXY_CONNECT;
    opt.authorization = p->basic[0] != '\0' ? p->basic : NULL;
    opt.user = p->has_user ? p->user : NULL;
    opt.pass = p->has_pass ? p->pass : NULL;
    opt.buf = n->scratch;
    opt.buf_cap = n->scratch_cap;
    opt.status_buf = n->status_buf;
    opt.status_cap = n->status_cap;
    il_status_t st = il_proxy_connect(&n->tunnel, n->cur, &opt, n->url->host, n->url->port);
    if (st != IL_OK) {
        n->tunnel_failed = true;
        net_drop(n);
        return st;
    }
    il_proxy_transport(&n->tunnel, &n->tunnel_t);
    n->cur = &n->tunnel_t;
    return IL_OK;
}

#ifdef IL_HAVE_TLS
/* The run's CA options, which Go's one TLS configuration gives the proxy's
 * connection and the server's alike (the pin is the server's alone); reading
 * trust anchors is part of the handshake's time. */
static void net_tls_options(const cli_net_t *n, il_tls_options_t *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->skip_verify = n->skip_verify;
    opt->ca_file = n->ca_file;
    opt->ca_deadline_ms = n->deadline_ms;
}
#endif

/* TLS to an https:// proxy, with the run's CA options, never the server's pin. */
static il_status_t net_proxy_tls(cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    il_tls_options_t opt;
    net_tls_options(n, &opt);
    il_status_t st = n->proxy_tls != NULL ? il_tls_connect(n->proxy_tls, n->cur, n->proxy->host, &opt)
                                          : IL_ERR_TLS_CONFIG;
    if (st != IL_OK) {
        n->proxy_tls_failed = true;
        net_drop(n);
        return st;
    }
    il_tls_transport(n->proxy_tls, &n->proxy_tls_t);
    n->proxy_tls_open = true;
    n->cur = &n->proxy_tls_t;
    return IL_OK;
#else
    n->proxy_tls_failed = true;
    net_drop(n);
    return IL_ERR_TLS_CONFIG;
#endif
}

/* The connection as TLS reads it (TCP, or the tunnel through a proxy),
 * keeping the answer's first bytes: "HTTP/" there is net/http's
 * ErrSchemeMismatch. */
static int32_t raw_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_net_t *n = ctx;
    return n->raw_lower->send(n->raw_lower->ctx, data, len);
}

static int32_t raw_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_net_t *n = ctx;
    int32_t r = n->raw_lower->recv(n->raw_lower->ctx, buf, cap);
    for (int32_t i = 0; i < r && n->first_len < sizeof n->first; i++) n->first[n->first_len++] = buf[i];
    if (n->first_len == sizeof n->first) n->addrs.http_reply = memcmp(n->first, "HTTP/", 5) == 0;
    return r;
}

/* TLS over the TCP connection (closed again when the handshake fails). */
static il_status_t net_tls(cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    il_tls_options_t opt;
    net_tls_options(n, &opt);
    opt.pin_sha256 = n->pin_sha256;
    n->raw_lower = n->cur;
    n->raw_t.ctx = n;
    n->raw_t.send = raw_send;
    n->raw_t.recv = raw_recv;
    n->first_len = 0;
    n->addrs.http_reply = false;
    il_status_t st = n->tls != NULL ? il_tls_connect(n->tls, &n->raw_t, n->url->host, &opt) : IL_ERR_TLS_CONFIG;
    if (st != IL_OK) {
        net_drop(n);
        return st;
    }
    il_tls_transport(n->tls, &n->tls_t);
    n->tls_open = true;
    n->cur = &n->tls_t;
    return IL_OK;
#else
    il_posix_close(&n->tcp);
    return IL_ERR_TLS_CONFIG;
#endif
}

il_status_t cli_net_connect(cli_net_t *n)
{
    il_status_t st;
    n->tcp_up = false;
    n->tunnel_failed = n->proxy_tls_failed = false;
    n->addrs.local[0] = n->addrs.remote[0] = '\0';
    if (n->proxy != NULL && n->proxy->bad_port) return IL_ERR_CONNECT;
    st = il_posix_connect(&n->tcp, cli_net_dial_host(n), cli_net_dial_port(n), n->deadline_ms);
    cli_addr_dialled(&n->addrs, n->hosts_path, cli_net_dial_host(n), cli_net_dial_port(n), n->tcp.first_addr);
    if (st != IL_OK) return st;
    n->tcp_up = true;
    cli_addr_ends(&n->addrs, n->tcp.fd);
    il_posix_set_deadline(&n->tcp, n->deadline_ms);
    il_posix_transport(&n->tcp, &n->tcp_t);
    n->cur = &n->tcp_t;
    if (n->proxy != NULL && n->proxy->kind == CLI_PROXY_HTTPS && (st = net_proxy_tls(n)) != IL_OK) return st;
    if (n->proxy != NULL && !cli_net_absolute_form(n) && (st = net_tunnel(n)) != IL_OK) return st;
    if (n->url->tls && (st = net_tls(n)) != IL_OK) return st;
    if (n->debug) n->cur = cli_dump_wrap(&n->dump, n->cur);
    n->cnt_lower = n->cur;
    n->cnt_t.ctx = n;
    n->cnt_t.send = cnt_send;
    n->cnt_t.recv = cnt_recv;
    n->cur = &n->cnt_t;
    n->connected = true;
    return IL_OK;
}

bool cli_net_pending(const cli_net_t *n)
{
    struct pollfd p;
    if (!n->connected || n->tcp.fd < 0) return false;
    p.fd = n->tcp.fd;
    p.events = POLLIN;
    p.revents = 0;
    return poll(&p, 1, 0) > 0;
}

void cli_net_close(cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    if (n->tls_open) il_tls_close(n->tls);
#endif
    n->tls_open = false;
    net_drop(n);
    n->connected = false;
}

int cli_net_tls_alert(const cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    if (n->proxy_tls_failed && n->proxy_tls != NULL) return il_tls_alert(n->proxy_tls);
    /* (not read for http://: its page would be one more page fault) */
    if (n->tls != NULL && n->url != NULL && n->url->tls) return il_tls_alert(n->tls);
#endif
    (void)n;
    return -1;
}

const il_tls_cert_error_t *cli_net_tls_cert(const cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    if (n->proxy_tls_failed && n->proxy_tls != NULL) return il_tls_cert_error(n->proxy_tls);
    if (n->tls != NULL) return il_tls_cert_error(n->tls);
#endif
    (void)n;
    return NULL;
}
