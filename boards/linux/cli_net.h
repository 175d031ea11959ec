/* SPDX-License-Identifier: Apache-2.0 */
/* cli_net.h - the CLI's connection: TCP (+ TLS when built with it), an
 * optional --http-debug dump, reconnects when the server closed. */
#ifndef CLI_NET_H
#define CLI_NET_H

#include <stdbool.h>
#include <stdint.h>
#include "il_status.h"
#include "il_transport.h"
#include "il_url.h"
#include "../../port/posix/il_posix.h"

typedef struct cli_net {
    const il_url_t *url;
    bool skip_verify;
    bool debug;                  /* --http-debug: dump to stderr, token redacted */
    int64_t deadline_ms;         /* absolute, il_posix_now_ms() clock */
    il_posix_conn_t tcp;
    il_transport_t tcp_t, tls_t, dbg_t;
    const il_transport_t *cur;   /* what the client talks through */
    const char *ca_file;         /* --ca-cert, or NULL */
    const uint8_t *pin_sha256;   /* --pin-sha256 (32 bytes), or NULL */
    il_transport_t cnt_t;        /* counts received bytes (rx_bytes) */
    const il_transport_t *cnt_lower;
    uint64_t rx_bytes;           /* bytes received since init */
    unsigned long connects;      /* connections made (each https one: one handshake) */
    unsigned long tls_handshakes;
    bool connected;
    bool tls_open;
    bool tcp_up;                 /* the last connect got past TCP (a failure was in TLS) */
    /* debug dump state */
    const il_transport_t *dbg_lower;
    bool dbg_line_start, dbg_redacting;
    bool dbg_sending;            /* the last dumped byte was not a newline */
    int dbg_last_dir;            /* 0 none, 1 send, 2 recv */
    unsigned dbg_match;
    char dbg_held[16];
} cli_net_t;

void cli_net_init(cli_net_t *n, const il_url_t *url, bool skip_verify, bool debug,
                  int64_t deadline_ms);
/* TLS options (kept by pointer): CA bundle file and public-key pin. */
void cli_net_set_tls(cli_net_t *n, const char *ca_file, const uint8_t *pin_sha256);

/* The absolute deadline for what follows, also for an open connection. */
void cli_net_set_deadline(cli_net_t *n, int64_t deadline_ms);

il_status_t cli_net_connect(cli_net_t *n);
void cli_net_close(cli_net_t *n);

/* The --http-debug redaction over a byte stream (exposed for tests): feeds
 * data, appends the redacted copy to out (cap bytes), returns its length. */
size_t cli_net_redact(cli_net_t *n, const uint8_t *data, size_t len, char *out, size_t cap);

#endif
