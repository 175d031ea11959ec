/* SPDX-License-Identifier: Apache-2.0 */
/* cli_call.c - a request over the run's connection, with reconnects and
 * retries (see cli_call.h).
 *
 * Only failures of the connection are retried, never an HTTP answer (a 4xx
 * or 5xx is final). The requests are idempotent (GET, and a PATCH that sets
 * status "inactive": sending it twice leaves the same state), so re-sending
 * after a reset mid-answer is safe. */
#include "cli_call.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "cli_backstop.h"
#include "cli_signal.h"

#define CLI_BACKOFF_BASE_MS 200
#define CLI_BACKOFF_CAP_MS 5000

/* Where a retry stands. */
typedef struct call_retry {
    unsigned left, attempt;
} call_retry_t;

static bool call_retryable(il_status_t st, bool answered)
{
    il_status_retry_t r = il_status_retry(st);
    return r == IL_RETRY_ALWAYS || (r == IL_RETRY_UNANSWERED && !answered);
}

/* Exponential backoff with full jitter, never past the deadline: false
 * when no retry is left or the wait would end after the deadline. */
static bool call_backoff(call_retry_t *r, int64_t deadline_ms)
{
    uint64_t cap = CLI_BACKOFF_BASE_MS;
    uint32_t rnd = 0;
    if (r->left == 0) return false;
    for (unsigned k = 0; k < r->attempt && cap < CLI_BACKOFF_CAP_MS; k++) cap *= 2;
    if (cap > CLI_BACKOFF_CAP_MS) cap = CLI_BACKOFF_CAP_MS;
    if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) rnd = (uint32_t)il_posix_now_ms();
    int64_t wait = (int64_t)(rnd % (cap + 1));
    if (il_posix_now_ms() + wait >= deadline_ms) return false;
    struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && cli_signal_caught() == 0) {
    }
    r->left--;
    r->attempt++;
    return true;
}

/* Connect, with the backstop around a name lookup (a literal needs none). */
static il_status_t call_connect(cli_flow_t *f, const cli_req_t *rq)
{
    bool backstop = !il_posix_host_is_literal(cli_net_dial_host(f->net));
    if (backstop) cli_backstop_arm(rq, f->secrets, f->net->deadline_ms);
    il_status_t st = cli_net_connect(f->net);
    if (backstop) cli_backstop_disarm();
    return st;
}

/* A result that says the connection failed, before any answer. */
static void call_result_unanswered(il_result_t *res, il_status_t st)
{
    memset(res, 0, sizeof *res);
    res->status = st;
    res->status_text = "";
    res->content_type = "";
    res->location = "";
}

/* Where in buf[0..cap) res's answer ended (0: not in it). */
static size_t call_body_end(const uint8_t *buf, size_t cap, const il_result_t *res)
{
    uintptr_t at = (uintptr_t)res->body, start = (uintptr_t)buf;
    if (res->body == NULL || at < start || at - start >= cap) return 0;
    return (size_t)(at - start) + res->body_len;
}

/* How much of each body buffer held answers (authorizations' tokens). */
static void call_note_body(cli_flow_t *f, const il_result_t *res)
{
    size_t end = call_body_end(f->bufs.body, f->bufs.body_cap, res);
    if (end > f->body_hwm) f->body_hwm = end;
    end = call_body_end(f->bufs.user_body, f->bufs.user_body_cap, res);
    if (end > f->user_body_hwm) f->user_body_hwm = end;
}

/* op over the open connection: its status; *answered when bytes came back.
 * An answer for something else than was asked (IL_ERR_ANSWER_MISMATCH)
 * means the connection is out of step: it is closed. */
static il_status_t call_exchange(cli_flow_t *f, cli_op_fn op, const char *arg, il_result_t *res, bool *answered)
{
    uint64_t rx0 = f->net->rx_bytes;
    il_client_set_transport(&f->client, f->net->cur);
    f->attempts++;
    if (f->watch != NULL) cli_watch_begin(f->watch);
    il_status_t st = op(&f->client, arg, res);
    if (f->watch != NULL) cli_watch_end(f->watch, il_http_response_headers_done(&f->client.resp));
    *answered = f->net->rx_bytes != rx0;
    call_note_body(f, res);
    if (!f->client.reusable || st == IL_ERR_ANSWER_MISMATCH) cli_net_close(f->net);
    return st;
}

/* st, and what the error text needs from the connection. */
static il_status_t call_done(cli_flow_t *f, cli_req_t *rq, il_status_t st)
{
    rq->tls_alert = cli_net_tls_alert(f->net);
    rq->tls_cert = cli_net_tls_cert(f->net);
    return st;
}

/* Where one request stands between its attempts. */
typedef struct call_state {
    call_retry_t retry;
    bool stale_done, mismatch_done;
} call_state_t;

/* After an exchange that did not succeed: whether to send it again. */
static bool call_again(cli_flow_t *f, call_state_t *s, il_status_t st, bool answered, bool fresh)
{
    /* a kept-alive connection the server had closed: nothing came back */
    bool dropped = (st == IL_ERR_SEND || st == IL_ERR_RECV || st == IL_ERR_HTTP_EOF) && !answered;
    if (dropped && !fresh && !s->stale_done) {
        s->stale_done = true;
        return true;
    }
    /* on a kept-alive connection the answer read may be an earlier one
     * that came late: ask again on a new connection, once */
    if (st == IL_ERR_ANSWER_MISMATCH && !fresh && !s->mismatch_done) {
        s->mismatch_done = true;
        return true;
    }
    return call_retryable(st, answered) && call_backoff(&s->retry, f->net->deadline_ms);
}

/* Connect when there is no connection: IL_OK (*fresh tells a new one), or
 * the failure, with res and rq->connecting set. */
static il_status_t call_ensure_connection(cli_flow_t *f, il_result_t *res, cli_req_t *rq, bool *fresh)
{
    *fresh = false;
    /* bytes waiting on an idle kept-alive connection answer no request of
     * ours (a surplus answer, or the server closed it): Go's transport
     * closes such a connection too (transport.go, readLoopPeekFailLocked),
     * so that they never pass for the next answer */
    if (f->net->connected && cli_net_pending(f->net)) cli_net_close(f->net);
    if (f->net->connected) return IL_OK;
    il_status_t st = call_connect(f, rq);
    if (st != IL_OK) {
        call_result_unanswered(res, st);
        /* "dial tcp" only for the TCP connect itself; "proxyconnect tcp: " on the way to a proxy */
        rq->connecting = !f->net->tcp_up || cli_net_proxy_failed(f->net);
        return st;
    }
    *fresh = true;
    return IL_OK;
}

il_status_t cli_call(cli_flow_t *f, cli_op_fn op, const char *arg, il_result_t *res, cli_req_t *rq)
{
    call_state_t s = {{f->retries, 0}, false, false};
    f->attempts = 0;
    rq->sent = false;
    for (;;) {
        bool fresh, answered;
        il_status_t st;
        rq->connecting = false;
        if (cli_signal_caught() != 0) {           /* no new request once the run is stopped */
            call_result_unanswered(res, IL_ERR_CANCELLED);
            return call_done(f, rq, IL_ERR_CANCELLED);
        }
        st = call_ensure_connection(f, res, rq, &fresh);
        if (st != IL_OK) {
            if (call_retryable(st, false) && call_backoff(&s.retry, f->net->deadline_ms)) continue;
            return call_done(f, rq, st);
        }
        rq->sent = true;
        st = call_exchange(f, op, arg, res, &answered);
        if (st == IL_OK || !call_again(f, &s, st, answered, fresh)) return call_done(f, rq, st);
    }
}
