/* SPDX-License-Identifier: Apache-2.0 */
/* il_lwip.c - il_transport_t over lwIP raw TCP, polled, with deadlines.
 * See il_lwip.h. */
#include "il_lwip.h"

#include <string.h>
#include "lwip/dns.h"
#include "lwip/err.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"

/* Longest single sleep inside the poll hook: keeps timers and deadlines
 * accurate to a few milliseconds. */
#define IL_LWIP_POLL_SLICE_MS 10u

static bool lw_expired(const il_lwip_conn_t *c)
{
    return il_lwip_time_reached(sys_now(), c->deadline_ms);
}

static void lw_wait_once(il_lwip_conn_t *c)
{
    uint32_t left = c->deadline_ms - sys_now();
    if ((int32_t)left < 0) left = 0;
    c->poll(c->poll_arg, left < IL_LWIP_POLL_SLICE_MS ? left : IL_LWIP_POLL_SLICE_MS);
}

/* ---- lwIP callbacks (run from inside the poll hook or tcp_* calls) ---- */

/* The connection waiting for DNS (one at a time: NO_SYS is single-threaded).
 * lwIP cannot cancel a query, so a timed-out wait clears this and the late
 * answer is ignored instead of touching a connection that is gone. */
static il_lwip_conn_t *lw_dns_waiter;

static void lw_on_dns(const char *name, const ip_addr_t *addr, void *arg)
{
    il_lwip_conn_t *c = lw_dns_waiter;
    (void)name;
    (void)arg;
    if (c == NULL) return;
    lw_dns_waiter = NULL;
    if (addr != NULL) {
        ip_addr_copy(c->addr, *addr);
    } else {
        c->error = IL_ERR_DNS;
    }
    c->dns_done = true;
}

/* A reset or an abort, whatever err says: before the connection was up it
 * failed to connect, after it the stream is broken. */
static void lw_on_err(void *arg, err_t err)
{
    il_lwip_conn_t *c = (il_lwip_conn_t *)arg;
    (void)err;
    c->pcb = NULL;                      /* lwIP has freed it already */
    c->error = c->connected ? IL_ERR_RECV : IL_ERR_CONNECT;
}

static err_t lw_on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    il_lwip_conn_t *c = (il_lwip_conn_t *)arg;
    (void)pcb;
    if (err != ERR_OK) {
        if (p != NULL) pbuf_free(p);
        c->error = IL_ERR_RECV;
        return ERR_OK;
    }
    if (p == NULL) {
        c->peer_closed = true;
        return ERR_OK;
    }
    if (c->rx == NULL) {
        c->rx = p;
    } else {
        /* the queue never exceeds TCP_WND (we ack only what was read) */
        if ((u32_t)c->rx->tot_len + p->tot_len > 0xffffu) return ERR_MEM; /* lwIP retries later */
        pbuf_cat(c->rx, p);
    }
    return ERR_OK;
}

static err_t lw_on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    il_lwip_conn_t *c = (il_lwip_conn_t *)arg;
    (void)pcb;
    if (err == ERR_OK) {
        c->connected = true;
    } else {
        c->error = IL_ERR_CONNECT;
    }
    return ERR_OK;
}

static void lw_detach(il_lwip_conn_t *c)
{
    if (c->pcb != NULL) {
        tcp_arg(c->pcb, NULL);
        tcp_recv(c->pcb, NULL);
        tcp_err(c->pcb, NULL);
        tcp_sent(c->pcb, NULL);
    }
}

static void lw_drop_rx(il_lwip_conn_t *c)
{
    if (c->rx != NULL) {
        pbuf_free(c->rx);
        c->rx = NULL;
    }
}

/* Abort without waiting (RST); used on connect failures. */
static void lw_kill_pcb(il_lwip_conn_t *c)
{
    if (c->pcb != NULL) {
        lw_detach(c);
        tcp_abort(c->pcb);
        c->pcb = NULL;
    }
    lw_drop_rx(c);
}

/* ---- connect ---- */

/* host as an address in c->addr: an IPv4 literal, or a name asked of the
 * DNS server, waited for until the deadline. */
static il_status_t lw_resolve(il_lwip_conn_t *c, const char *host)
{
#if LWIP_DNS
    err_t e;
    if (ipaddr_aton(host, &c->addr)) return IL_OK;
    if (strlen(host) > DNS_MAX_NAME_LENGTH) return IL_ERR_DNS;
    lw_dns_waiter = c;
    e = dns_gethostbyname(host, &c->addr, lw_on_dns, NULL);
    if (e != ERR_INPROGRESS) {
        lw_dns_waiter = NULL;
        return e == ERR_OK ? IL_OK : IL_ERR_DNS;
    }
    while (!c->dns_done) {
        if (lw_expired(c)) {
            lw_dns_waiter = NULL;
            return IL_ERR_TIMEOUT;
        }
        lw_wait_once(c);
    }
    return c->error;
#else
    return ipaddr_aton(host, &c->addr) ? IL_OK : IL_ERR_DNS;
#endif
}

/* Open the TCP connection to c->addr and wait until it is up. */
static il_status_t lw_open(il_lwip_conn_t *c, uint16_t port)
{
    c->pcb = tcp_new_ip_type(IP_GET_TYPE(&c->addr));
    if (c->pcb == NULL) return IL_ERR_CONNECT;   /* out of PCBs */
    tcp_arg(c->pcb, c);
    tcp_err(c->pcb, lw_on_err);
    tcp_recv(c->pcb, lw_on_recv);
    tcp_nagle_disable(c->pcb);
    if (tcp_connect(c->pcb, &c->addr, port, lw_on_connected) != ERR_OK) {
        lw_kill_pcb(c);
        return IL_ERR_CONNECT;
    }
    while (!c->connected) {
        il_status_t st = c->error;
        if (st == IL_OK && lw_expired(c)) st = IL_ERR_TIMEOUT;
        if (st != IL_OK) {
            lw_kill_pcb(c);
            return st;
        }
        lw_wait_once(c);
    }
    return IL_OK;
}

il_status_t il_lwip_connect(il_lwip_conn_t *c, const char *host, uint16_t port,
                            uint32_t deadline_ms, il_lwip_poll_fn poll, void *poll_arg)
{
    il_status_t st;

    if (c == NULL || host == NULL || host[0] == '\0' || poll == NULL || port == 0)
        return IL_ERR_ARG;
    memset(c, 0, sizeof *c);
    c->deadline_ms = deadline_ms;
    c->poll = poll;
    c->poll_arg = poll_arg;
    c->error = IL_OK;
    st = lw_resolve(c, host);
    return st == IL_OK ? lw_open(c, port) : st;
}

void il_lwip_set_deadline(il_lwip_conn_t *c, uint32_t deadline_ms)
{
    if (c != NULL) c->deadline_ms = deadline_ms;
}

/* ---- send / recv ---- */

static int32_t lw_send(void *ctx, const uint8_t *data, size_t len)
{
    il_lwip_conn_t *c = (il_lwip_conn_t *)ctx;
    if (data == NULL || len == 0) return -(int32_t)IL_ERR_ARG;
    for (;;) {
        u16_t room;
        if (c->error != IL_OK) return -(int32_t)IL_ERR_SEND;
        if (c->pcb == NULL) return -(int32_t)IL_ERR_SEND;
        room = tcp_sndbuf(c->pcb);
        if (room > 0 && tcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN) {
            u16_t n = len < room ? (u16_t)len : room;
            err_t e = tcp_write(c->pcb, data, n, TCP_WRITE_FLAG_COPY);
            if (e == ERR_OK) {
                (void)tcp_output(c->pcb);
                return (int32_t)n;
            }
            if (e != ERR_MEM) return -(int32_t)IL_ERR_SEND;
            (void)tcp_output(c->pcb);   /* out of segments: push what is queued */
        }
        if (lw_expired(c)) return -(int32_t)IL_ERR_TIMEOUT;
        lw_wait_once(c);
    }
}

static int32_t lw_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_lwip_conn_t *c = (il_lwip_conn_t *)ctx;
    u16_t n;
    if (buf == NULL || cap == 0) return -(int32_t)IL_ERR_ARG;
    while (c->rx == NULL) {
        if (c->peer_closed) return 0;
        if (c->error != IL_OK || c->pcb == NULL) return -(int32_t)IL_ERR_RECV;
        if (lw_expired(c)) return -(int32_t)IL_ERR_TIMEOUT;
        lw_wait_once(c);
    }
    if (cap > 0x7fffffffu) cap = 0x7fffffffu;
    n = cap < c->rx->tot_len ? (u16_t)cap : c->rx->tot_len;
    n = pbuf_copy_partial(c->rx, buf, n, 0);
    c->rx = pbuf_free_header(c->rx, n);
    if (c->pcb != NULL) tcp_recved(c->pcb, n);   /* open the window again */
    return (int32_t)n;
}

void il_lwip_transport(il_lwip_conn_t *c, il_transport_t *t)
{
    t->ctx = c;
    t->send = lw_send;
    t->recv = lw_recv;
}

void il_lwip_close(il_lwip_conn_t *c)
{
    if (c == NULL) return;
    lw_drop_rx(c);
    if (c->pcb != NULL) {
        lw_detach(c);
        if (tcp_close(c->pcb) != ERR_OK) tcp_abort(c->pcb);
        c->pcb = NULL;
    }
    c->connected = false;
}
