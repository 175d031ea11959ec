/* SPDX-License-Identifier: Apache-2.0 */
/* cli_net.h - the CLI's connection: TCP (+ TLS when built with it), an
 * optional --http-debug dump, and a count of the bytes received, stacked
 * as transports; reconnects when the server closed. */
#ifndef CLI_NET_H
#define CLI_NET_H

#include <stdbool.h>
#include <stdint.h>
#include "il_posix.h"
#include "il_proxy_conn.h"
#include "il_status.h"
#include "il_tls.h"
#include "il_transport.h"
#include "il_url.h"
#include "cli_dump.h"
#include "cli_proxy.h"
#include "cli_req.h"

typedef struct cli_net {
    const il_url_t *url;
    bool skip_verify;
    bool debug;                  /* --http-debug: dump to stderr, token redacted */
    int64_t deadline_ms;         /* absolute, il_posix_now_ms() clock */
    il_posix_conn_t tcp;
    il_transport_t tcp_t, tls_t;
    const il_transport_t *cur;   /* what the client talks through */
    il_tls_conn_t *tls;          /* the caller's TLS session storage (NULL: none) */
    const char *ca_file;         /* --ca-cert, or NULL */
    const uint8_t *pin_sha256;   /* --pin-sha256 (32 bytes), or NULL */
    il_transport_t cnt_t;        /* counts received bytes (rx_bytes) */
    const il_transport_t *cnt_lower;
    uint64_t rx_bytes;           /* bytes received since init */
    bool connected;
    bool tls_open;
    bool tcp_up;                 /* the last connect got past TCP (a failure was in TLS) */
    cli_dump_t dump;             /* --http-debug */
    const cli_proxy_t *proxy;    /* NULL or DIRECT: none */
    il_proxy_conn_t tunnel;      /* CONNECT or SOCKS5 through the proxy */
    il_transport_t tunnel_t;
    uint8_t *scratch;            /* the proxy's messages (the request buffer, free while connecting) */
    size_t scratch_cap;
    char *status_buf;            /* a CONNECT answer's status text (NULL: the tunnel's own) */
    size_t status_cap;
    bool tunnel_failed;          /* the last connect failed in the tunnel (tunnel.fail says how) */
    il_tls_conn_t *proxy_tls;    /* TLS to an https:// proxy: the caller's storage (NULL: none) */
    il_transport_t proxy_tls_t;
    bool proxy_tls_open;
    bool proxy_tls_failed;       /* the last connect failed in the TLS to the proxy */
    il_transport_t raw_t;        /* TCP, noting the first bytes of an answer (for TLS's errors) */
    const il_transport_t *raw_lower;  /* what raw_t reads: TCP, or the tunnel through a proxy */
    uint8_t first[5];
    size_t first_len;
    cli_req_net_t addrs;         /* what Go's errors name: the address dialled, the two ends */
    const char *hosts_path;      /* the hosts file Go's resolver reads first ("/etc/hosts") */
} cli_net_t;

void cli_net_init(cli_net_t *n, const il_url_t *url, bool skip_verify, bool debug, int64_t deadline_ms);

/* TLS: the session's storage, the CA bundle file and the public-key pin
 * (all kept by pointer; NULL for the defaults). */
void cli_net_set_tls(cli_net_t *n, il_tls_conn_t *conn, const char *ca_file, const uint8_t *pin_sha256);

/* The absolute deadline for what follows, also for an open connection. */
void cli_net_set_deadline(cli_net_t *n, int64_t deadline_ms);

/* Connect through proxy (kept by pointer; NULL or DIRECT: directly), with
 * scratch (the request buffer) for its messages and tls the session storage
 * of TLS to an https:// proxy. */
void cli_net_set_proxy(cli_net_t *n, const cli_proxy_t *proxy, uint8_t *scratch, size_t scratch_cap,
                       il_tls_conn_t *tls);

/* Where a CONNECT answer's status text goes (the run's status buffer: a
 * reason of any length, as Go prints it). */
void cli_net_set_status_buffer(cli_net_t *n, char *buf, size_t cap);

/* Whether the last connect failed on the way to the proxy (its TCP or its
 * TLS): Go's "proxyconnect tcp: " errors. */
bool cli_net_proxy_failed(const cli_net_t *n);

/* Whether requests go to an HTTP proxy in absolute form (plain HTTP
 * through an http:// proxy: no tunnel). */
bool cli_net_absolute_form(const cli_net_t *n);

/* The host and port the TCP connection dials: the proxy's, or the URL's. */
const char *cli_net_dial_host(const cli_net_t *n);
uint16_t cli_net_dial_port(const cli_net_t *n);

il_status_t cli_net_connect(cli_net_t *n);

/* Whether the open connection has bytes (or its end) waiting to be read,
 * now, without waiting: between requests, an answer to nothing asked. */
bool cli_net_pending(const cli_net_t *n);
void cli_net_close(cli_net_t *n);

/* The TLS alert behind the connection's last TLS failure (il_tls_alert),
 * or -1 (none, or no TLS). */
int cli_net_tls_alert(const cli_net_t *n);

/* Why the last handshake refused the server's certificates
 * (il_tls_cert_error), or NULL (no TLS). */
const il_tls_cert_error_t *cli_net_tls_cert(const cli_net_t *n);

#endif
