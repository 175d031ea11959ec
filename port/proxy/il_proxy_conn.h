/* SPDX-License-Identifier: Apache-2.0 */
/* il_proxy_conn.h - a tunnel through a forward proxy, as a transport: over
 * a connected lower transport (TCP to the proxy, or TLS to an https://
 * proxy), il_proxy_connect asks the proxy for a connection to host:port
 * (HTTP CONNECT or SOCKS5, il_proxy.h's messages), and il_proxy_transport
 * then carries the bytes to and from that host (TLS to it goes on top).
 *
 * Portable C99 like the core (no OS call, no heap): the lwIP boards can use
 * it as the POSIX program does. Every wait is the lower transport's, under
 * its deadline. A plain-HTTP request through an HTTP proxy needs no tunnel:
 * il_client_set_proxy. */
#ifndef IL_PROXY_CONN_H
#define IL_PROXY_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_http.h"
#include "il_proxy.h"
#include "il_status.h"
#include "il_transport.h"

typedef enum il_proxy_kind {
    IL_PROXY_CONNECT,       /* HTTP CONNECT (an http:// or https:// proxy) */
    IL_PROXY_SOCKS5         /* SOCKS5, the proxy resolving names */
} il_proxy_kind_t;

typedef struct il_proxy_options {
    il_proxy_kind_t kind;
    const char *authorization;  /* CONNECT: the Proxy-Authorization value (il_proxy_basic); NULL: none */
    const char *user_agent;     /* CONNECT: NULL for IL_USER_AGENT */
    const char *user, *pass;    /* SOCKS5: username/password offered when user is not NULL */
    uint8_t *buf;               /* scratch for the messages (they hold the credentials: wiped) */
    size_t buf_cap;             /* 1024 is plenty for credentials of a few hundred bytes */
    char *status_buf;           /* CONNECT: where the answer's status text goes, cut to status_cap */
    size_t status_cap;          /* (NULL: the tunnel's own IL_HTTP_STATUS_TEXT_MAX bytes) */
} il_proxy_options_t;

/* What went wrong beyond the status, for a program's error text. */
typedef enum il_proxy_fail {
    IL_PROXY_FAIL_NONE,
    IL_PROXY_FAIL_STATUS,           /* CONNECT answered other than 200: status, status_text */
    IL_PROXY_FAIL_ANSWER,           /* CONNECT answer malformed: detail is its il_status_t */
    IL_PROXY_FAIL_TOO_LARGE,        /* CONNECT answer over IL_PROXY_ANSWER_MAX */
    IL_PROXY_FAIL_EOF,              /* closed; detail: bytes of the awaited message that came */
    IL_PROXY_FAIL_SOCKS_VERSION,    /* detail: the version byte answered */
    IL_PROXY_FAIL_SOCKS_NO_METHOD,  /* no acceptable authentication method */
    IL_PROXY_FAIL_SOCKS_METHOD,     /* detail: a method chosen that was not offered */
    IL_PROXY_FAIL_SOCKS_CREDENTIALS,/* username empty, or either over 255 bytes */
    IL_PROXY_FAIL_SOCKS_AUTH_VERSION,
    IL_PROXY_FAIL_SOCKS_AUTH,       /* username/password refused */
    IL_PROXY_FAIL_SOCKS_REPLY,      /* detail: the reply code */
    IL_PROXY_FAIL_SOCKS_RESERVED,
    IL_PROXY_FAIL_SOCKS_ATYP        /* detail: the address type */
} il_proxy_fail_t;

/* Visible so that it can be allocated statically; fields are read-only. */
typedef struct il_proxy_conn {
    il_transport_t lower;
    il_proxy_kind_t kind;
    il_proxy_fail_t fail;
    unsigned detail;
    int status;                     /* CONNECT: the answer's status code */
    const char *status_text;        /* "407 Proxy Authentication Required": status_small or the caller's */
    char status_small[IL_HTTP_STATUS_TEXT_MAX];
    il_http_response_t resp;        /* the CONNECT answer's parser */
} il_proxy_conn_t;

/* Open the tunnel to host (a name, or an IP literal without brackets) and
 * port over lower. IL_OK; IL_ERR_ARG; IL_ERR_UNSAFE_CHAR and
 * IL_ERR_REQUEST_TOO_LARGE (nothing sent); IL_ERR_PROXY when the proxy said
 * no (a CONNECT answer other than 200, a SOCKS5 reply or authentication
 * refused), broke the protocol, answered too much or closed first: c->fail
 * and c->detail say which; the lower transport's errors. */
il_status_t il_proxy_connect(il_proxy_conn_t *c, const il_transport_t *lower, const il_proxy_options_t *opt,
                             const char *host, uint16_t port);

/* Fill *t with send/recv through the tunnel (c must outlive t). */
void il_proxy_transport(il_proxy_conn_t *c, il_transport_t *t);

#endif
