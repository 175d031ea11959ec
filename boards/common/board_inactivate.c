/* SPDX-License-Identifier: Apache-2.0 */
/* board_inactivate.c - connect, TLS, inactivate, close: see board_inactivate.h. */
#include "board_inactivate.h"

#include <string.h>
#include "lwip/sys.h"

#ifdef IL_HAVE_TLS
static il_status_t tls_open(board_conn_t *conn, const board_job_t *job,
                            const il_transport_t *tcp_t, il_transport_t *tls_t)
{
    il_status_t st = il_tls_connect(&conn->tls, tcp_t, job->tls_name, job->tls_opt);
    if (st == IL_OK) il_tls_transport(&conn->tls, tls_t);
    return st;
}

static void tls_close(board_conn_t *conn, const board_job_t *job)
{
    if (job->tls_name != NULL) il_tls_close(&conn->tls);
}
#else
static il_status_t tls_open(board_conn_t *conn, const board_job_t *job,
                            const il_transport_t *tcp_t, il_transport_t *tls_t)
{
    (void)conn;
    (void)job;
    (void)tcp_t;
    (void)tls_t;
    return IL_ERR_URL_SCHEME;
}

static void tls_close(board_conn_t *conn, const board_job_t *job)
{
    (void)conn;
    (void)job;
}
#endif

/* The tunnel through an HTTP proxy (port/proxy), the job's host named by
 * CONNECT (the proxy resolves it); tcp_t then carries the tunnel. */
static il_status_t proxy_open(board_conn_t *conn, const board_job_t *job, il_transport_t *tcp_t)
{
#if IL_PROXY
    il_proxy_options_t opt = {IL_PROXY_CONNECT, NULL, NULL, NULL, NULL, job->req_buf, job->req_cap, NULL, 0};
    il_status_t st = il_proxy_connect(&conn->tunnel, tcp_t, &opt, job->host, job->port);
    if (st == IL_OK) il_proxy_transport(&conn->tunnel, tcp_t);
    return st;
#else
    (void)conn;
    (void)job;
    (void)tcp_t;
    return IL_ERR_ARG;
#endif
}

/* Keep the stack running for a while after a close: nothing else will
 * once the board stops, and the FIN would stay unsent. */
static void linger(const board_job_t *job)
{
    uint32_t end = sys_now() + job->linger_ms;
    while (!il_lwip_time_reached(sys_now(), end)) job->poll(job->poll_arg, 10);
}

/* One attempt: connect, TLS, PATCH, close. */
static il_status_t attempt(board_conn_t *conn, const board_job_t *job, il_result_t *res, board_step_t *step)
{
    il_transport_t tcp_t, tls_t;
    const il_transport_t *t = &tcp_t;
    il_status_t st;

    *step = BOARD_STEP_CONNECT;
    st = il_lwip_connect(&conn->tcp, job->proxy_host != NULL ? job->proxy_host : job->host,
                         job->proxy_host != NULL ? job->proxy_port : job->port, sys_now() + job->timeout_ms,
                         job->poll, job->poll_arg);
    if (st != IL_OK) return st;
    il_lwip_transport(&conn->tcp, &tcp_t);
    if (job->proxy_host != NULL && (st = proxy_open(conn, job, &tcp_t)) != IL_OK) {
        il_lwip_close(&conn->tcp);
        return st;
    }
    if (job->tls_name != NULL) {
        *step = BOARD_STEP_TLS;
        st = tls_open(conn, job, &tcp_t, &tls_t);
        if (st != IL_OK) {
            il_lwip_close(&conn->tcp);
            return st;
        }
        t = &tls_t;
    }
    *step = BOARD_STEP_INACTIVATE;
    il_client_init(&conn->client, t, job->host_header, job->token, job->req_buf, job->req_cap,
                   job->body_buf, job->body_cap, &job->json);
    st = il_auth_inactivate(&conn->client, job->id, res);
    tls_close(conn, job);
    il_lwip_close(&conn->tcp);
    linger(job);
    return st;
}

/* influxd's answer to a request made with an inactive token. */
static bool token_is_inactive(il_status_t st, const il_result_t *res)
{
    static const char msg[] = "token is inactive";
    return st == IL_ERR_HTTP_4XX && res->http_status == 401 && res->error_decode == IL_OK &&
           res->error.message.n == sizeof msg - 1 && memcmp(res->error.message.p, msg, sizeof msg - 1) == 0;
}

il_status_t board_inactivate(board_conn_t *conn, const board_job_t *job, il_result_t *res,
                             board_step_t *step)
{
    bool requested = false;
    il_status_t st;

    if (job->tls_name != NULL && job->clock != NULL && job->clock() < job->clock_floor) {
        *step = BOARD_STEP_TLS;
        return IL_ERR_TLS_NO_TIME;
    }
    for (unsigned k = 0;; k++) {
        st = attempt(conn, job, res, step);
        if (requested && job->self && token_is_inactive(st, res)) {
            *step = BOARD_STEP_CONFIRMED;
            return IL_OK;
        }
        requested = requested || *step == BOARD_STEP_INACTIVATE;
        if (st == IL_OK || k >= job->retries || il_status_retry(st) == IL_RETRY_NEVER) return st;
    }
}
