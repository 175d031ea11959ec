/* SPDX-License-Identifier: Apache-2.0 */
/* board_inactivate.h - the lwIP boards' one sequence: connect over lwIP, TLS
 * on top for https (when the program is built with the TLS port:
 * IL_HAVE_TLS), inactivate one authorization, close.
 *
 * It uses the public API only (il_client.h, il_lwip.h, il_tls.h), as an
 * application does; the README's library example is the same sequence
 * written out for one server. Every byte is the caller's: the job names the
 * buffers, the board_conn_t holds the connection. */
#ifndef IL_BOARD_INACTIVATE_H
#define IL_BOARD_INACTIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_client.h"
#include "il_lwip.h"
#include "il_tls.h"
#ifdef IL_HAVE_TLS
#include "il_tls_conn.h"
#endif
#if IL_PROXY
#include "il_proxy_conn.h"
#endif

/* What to inactivate, on which server, and the client's buffers. */
typedef struct board_job {
    const char *host;                 /* IPv4 literal, or a name for lwIP's resolver */
    uint16_t port;
    const char *host_header;          /* the Host header (il_url_t.host_header) */
    const char *tls_name;             /* https: SNI and the certificate's name; NULL: HTTP */
    const il_tls_options_t *tls_opt;  /* https: trust anchors, pin; NULL: the defaults */
    const char *token;                /* API token (NULL: none sent) */
    const char *id;                   /* the authorization to inactivate */
    uint32_t timeout_ms;              /* every wait, from the connect to the answer */
    uint32_t linger_ms;               /* polling after the close, so that the FIN goes out */
    uint32_t (*clock)(void);          /* https: Unix seconds (0: unset) for certificate dates; NULL: dates
                                       * are not checked (a build without a clock) */
    uint32_t clock_floor;             /* with clock: no handshake while clock() is below this */
    unsigned retries;                 /* attempts after the first, for a failure that may pass */
    bool self;                        /* token is id's own: a device revoking itself */
    il_lwip_poll_fn poll;             /* the board's: frames to lwIP, lwIP's timers */
    void *poll_arg;
    uint8_t *req_buf;                 /* il_client_init's buffers */
    size_t req_cap;
    uint8_t *body_buf;
    size_t body_cap;
    il_json_scratch_t json;           /* a permission callback, if any; zero: counted only */
    const char *proxy_host;           /* an HTTP proxy to CONNECT through (IL_PROXY builds); NULL: none */
    uint16_t proxy_port;
} board_job_t;

/* The buffer members of a board_job_t initializer, from two arrays:
 * { ..., BOARD_JOB_BUFFERS(req_buf, body_buf) } (permissions counted). */
#define BOARD_JOB_BUFFERS(req, body) \
    .req_buf = (req), .req_cap = sizeof(req), .body_buf = (body), .body_cap = sizeof(body)

/* One connection's state (static on a device: the TLS connection alone is
 * about 1.5 KB, the client about 1 KB). */
typedef struct board_conn {
    il_lwip_conn_t tcp;
#ifdef IL_HAVE_TLS
    il_tls_conn_t tls;
#endif
    il_client_t client;
#if IL_PROXY
    il_proxy_conn_t tunnel;           /* port/proxy: CONNECT through job->proxy_host */
#endif
} board_conn_t;

/* The step that returned the status, for the board's message. */
typedef enum board_step {
    BOARD_STEP_CONNECT,     /* DNS or TCP: nothing was sent */
    BOARD_STEP_TLS,         /* the handshake; IL_ERR_URL_SCHEME for https without the TLS port */
    BOARD_STEP_INACTIVATE,  /* the request: *res holds what the server answered */
    BOARD_STEP_CONFIRMED    /* IL_OK: a retry of a self-revocation met "401 token is inactive",
                             * the token's (id's) own proof that the earlier PATCH was applied */
} board_step_t;

/* Connect to job->host:job->port before job->timeout_ms, do the TLS
 * handshake when job->tls_name is set, PATCH the authorization job->id
 * (il_auth_inactivate), close and linger; again, up to job->retries times,
 * after a failure that il_status_retry says may pass. Returns IL_OK when the
 * authorization reads inactive, else the failing step's status; *step names
 * that step. *res is filled by the request step only.
 *
 * With job->clock, https waits for nothing and sends nothing while the
 * clock is below job->clock_floor: IL_ERR_TLS_NO_TIME (step TLS). With
 * job->self, a retry that meets 401 "token is inactive" after an earlier
 * attempt reached the request is IL_OK (step CONFIRMED): the token, being
 * id's own, is the authorization that is now inactive.
 *
 * Buffers too small for the answer never undo or hide the inactivation:
 * the answer streams through the decoder, so its size does not matter.
 * Permissions are counted (res->auth.perms_count) and given to job->json's
 * callback, if any; strings past the body buffer are dropped and counted
 * (res->dropped). IL_OK still means the answer read "inactive";
 * IL_ERR_JSON_TOO_LARGE means the PATCH was answered but even its status
 * did not fit (the server applied it all the same). */
il_status_t board_inactivate(board_conn_t *conn, const board_job_t *job, il_result_t *res,
                             board_step_t *step);

#endif
