/* SPDX-License-Identifier: Apache-2.0 */
/* cli_req.h - what a request was, for the official CLI's error texts:
 * "Error: <context> "<value>": <Method> "<url>": <cause>". */
#ifndef CLI_REQ_H
#define CLI_REQ_H

#include <stdbool.h>
#include <stdint.h>
#include "il_proxy_conn.h"
#include "il_tls.h"
#include "cli_out.h"

/* What the connection was, as Go's net.OpError names it. */
typedef struct cli_req_net {
    char dialled[64];         /* the address a failed dial is named by: "127.0.0.1:8086", "[::1]:8086" */
    char local[64], remote[64];   /* the connection's ends once connected ("" before) */
    bool http_reply;          /* the peer answered TLS's hello with "HTTP/" */
} cli_req_net_t;

typedef struct cli_req {
    const char *context;      /* "could not find auth with ID " and the like */
    const char *value;        /* what the context names (an ID, a username); NULL: nothing */
    const char *method;       /* "Get" / "Patch" */
    const char *scheme;       /* "http" / "https" (lower case) */
    const char *host_header;  /* host[:port] as written */
    const char *dial_host;    /* host for "dial tcp" texts (IPv6 without brackets) */
    uint16_t port;
    const char *path;         /* fixed prefix */
    const char *param;        /* path parameter or NULL */
    const char *query_key;    /* or NULL */
    const char *query_value;
    bool connecting;          /* the failure happened while connecting */
    bool sent;                /* the request went out (its answer may have been lost) */
    const cli_req_net_t *net; /* the connection's addresses (NULL: none yet) */
    int tls_alert;            /* the TLS alert behind the failure (il_tls_alert), or -1 */
    bool proxied;             /* dial_host and port are a proxy's: its dial errors read "proxyconnect tcp: " */
    const il_proxy_conn_t *tunnel;  /* the tunnel through it, for its failures (NULL: none) */
    const char *target_host;  /* what the tunnel asked for (SOCKS5 texts) */
    uint16_t target_port;
    const il_tls_cert_error_t *tls_cert;  /* why the server's certificates were refused, or NULL */
} cli_req_t;

/* "Error: <context>"<value>": " ("Error: <context>" without a value) */
void cli_req_put_context(cli_buf_t *b, const cli_req_t *rq);

/* The request's URL as Go's URL.String() prints it. */
void cli_req_put_url(cli_buf_t *b, const cli_req_t *rq);

/* Go's url.Error prefix: `<Method> "<url>": ` */
void cli_req_put_url_error(cli_buf_t *b, const cli_req_t *rq);

/* The dial address as Go prints it: host:port, [v6]:port; the address
 * dialled when known. */
void cli_req_put_dial_addr(cli_buf_t *b, const cli_req_t *rq);

/* The addresses of a read or write error: "local->remote" once connected,
 * else the dial address. */
void cli_req_put_conn_addrs(cli_buf_t *b, const cli_req_t *rq);

#endif
