/* SPDX-License-Identifier: Apache-2.0 */
/* cli_net.h - the CLI's connection: TCP (+ TLS when built with it), an
 * optional --http-debug dump, and a count of the bytes received, stacked
 * as transports; reconnects when the server closed. */
#ifndef CLI_NET_H
#define CLI_NET_H

#include <stdbool.h>
#include <stdint.h>
#include "il_posix.h"
#include "il_status.h"
#include "il_tls.h"
#include "il_transport.h"
#include "il_url.h"
#include "cli_dump.h"
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
    il_transport_t raw_t;        /* TCP, noting the first bytes of an answer (for TLS's errors) */
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
