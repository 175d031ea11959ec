/* SPDX-License-Identifier: Apache-2.0 */
/* test_lwip.c - port/lwip over lwIP's own loopback interface, in one
 * process: connect, round trip, the transport contract's refusal of empty
 * buffers, deadlines, orderly close, reset, refused, DNS failures.
 *
 * lwIP is built into this test with LWIP_HAVE_LOOPIF (127.0.0.1), and the
 * clock is the test's: the poll hook delivers looped-back packets, runs
 * lwIP's timers and moves the clock by the time the port asked to wait, so
 * deadlines are exact and nothing sleeps. A listening pcb on the same stack
 * plays the server. */
#include <stdlib.h>
#include "check.h"
#include "il_lwip.h"
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"

#define SERVER_PORT 8086

/* ---- the board: clock, entropy, poll ---- */

static uint32_t now_ms = 1000;

u32_t sys_now(void)
{
    return now_ms;
}

uint32_t il_board_rand(void)
{
    static uint32_t x = 2463534242u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static void poll_stack(void *arg, uint32_t max_wait_ms)
{
    (void)arg;
    netif_poll_all();
    now_ms += max_wait_ms;
    sys_check_timeouts();
}

/* Let lwIP's timers run for ms of the test's clock. */
static void settle(uint32_t ms)
{
    uint32_t end = now_ms + ms;
    while (!il_lwip_time_reached(now_ms, end)) poll_stack(NULL, 10);
}

/* ---- the server: one connection at a time ---- */

static struct tcp_pcb *server;          /* the accepted connection, or NULL */
static char server_got[256];
static size_t server_got_len;
static bool server_saw_fin;

static err_t server_on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    (void)arg;
    (void)err;
    if (p == NULL) {
        server_saw_fin = true;
        return ERR_OK;
    }
    if (server_got_len + p->tot_len <= sizeof server_got)
        server_got_len += pbuf_copy_partial(p, server_got + server_got_len, p->tot_len, 0);
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    return ERR_OK;
}

static void server_on_err(void *arg, err_t err)
{
    (void)arg;
    (void)err;
    server = NULL;
}

static err_t server_on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK || pcb == NULL) return ERR_VAL;
    server = pcb;
    server_got_len = 0;
    server_saw_fin = false;
    tcp_recv(pcb, server_on_recv);
    tcp_err(pcb, server_on_err);
    return ERR_OK;
}

static void server_listen(void)
{
    struct tcp_pcb *pcb = tcp_new();
    if (pcb == NULL || tcp_bind(pcb, IP_ADDR_ANY, SERVER_PORT) != ERR_OK) abort();
    pcb = tcp_listen(pcb);
    if (pcb == NULL) abort();
    tcp_accept(pcb, server_on_accept);
}

static void server_send(const char *s)
{
    if (server == NULL || tcp_write(server, s, (u16_t)strlen(s), TCP_WRITE_FLAG_COPY) != ERR_OK)
        abort();
    tcp_output(server);
}

/* The server goes away: in order (FIN) or by a reset. */
static void server_drop(bool reset)
{
    struct tcp_pcb *pcb = server;
    server = NULL;
    if (pcb == NULL) return;
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    tcp_err(pcb, NULL);
    if (reset || tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
}

/* ---- the client ---- */

static il_lwip_conn_t conn;
static il_transport_t tr;

static il_status_t client_connect(const char *host, uint16_t port, uint32_t within_ms)
{
    il_status_t st = il_lwip_connect(&conn, host, port, now_ms + within_ms, poll_stack, NULL);
    il_lwip_transport(&conn, &tr);
    return st;
}

/* Both ends closed and lwIP's pcbs free again (MEMP_NUM_TCP_PCB is 2). */
static void client_done(void)
{
    il_lwip_close(&conn);
    server_drop(false);
    settle(2 * 60000 + 1000);          /* TIME_WAIT is 2 MSL */
}

/* ---- the tests ---- */

static void lwip_bad_arguments(void)
{
    il_lwip_conn_t c;
    CHECK_EQ_INT(il_lwip_connect(NULL, "127.0.0.1", 1, now_ms, poll_stack, NULL), IL_ERR_ARG);
    CHECK_EQ_INT(il_lwip_connect(&c, NULL, 1, now_ms, poll_stack, NULL), IL_ERR_ARG);
    CHECK_EQ_INT(il_lwip_connect(&c, "", 1, now_ms, poll_stack, NULL), IL_ERR_ARG);
    CHECK_EQ_INT(il_lwip_connect(&c, "127.0.0.1", 0, now_ms, poll_stack, NULL), IL_ERR_ARG);
    CHECK_EQ_INT(il_lwip_connect(&c, "127.0.0.1", 1, now_ms, NULL, NULL), IL_ERR_ARG);
    il_lwip_set_deadline(NULL, 1);      /* ignored */
    il_lwip_close(NULL);
}

static void lwip_round_trip_and_close(void)
{
    uint8_t buf[16];
    CHECK_EQ_INT(client_connect("127.0.0.1", SERVER_PORT, 1000), IL_OK);
    CHECK(server != NULL);
    CHECK_EQ_INT(tr.send(tr.ctx, (const uint8_t *)"ping", 4), 4);
    settle(10);
    CHECK_EQ_MEM(server_got, server_got_len, "ping", 4);
    server_send("pong");
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), 4);
    CHECK(memcmp(buf, "pong", 4) == 0);
    server_send("abcdef");
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, 4), 4);            /* at most cap */
    CHECK_EQ_INT(tr.recv(tr.ctx, buf + 4, sizeof buf - 4), 2);
    CHECK(memcmp(buf, "abcdef", 6) == 0);
    server_drop(false);
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), 0);   /* orderly close */
    client_done();
}

/* il_transport.h: len or cap 0 and NULL buffers are refused with
 * -IL_ERR_ARG, touching nothing. */
static void lwip_refuses_empty_buffers(void)
{
    uint8_t buf[8];
    CHECK_EQ_INT(client_connect("127.0.0.1", SERVER_PORT, 1000), IL_OK);
    CHECK_EQ_INT(tr.send(tr.ctx, buf, 0), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(tr.send(tr.ctx, NULL, 4), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, 0), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(tr.recv(tr.ctx, NULL, 4), -(int32_t)IL_ERR_ARG);
    settle(10);
    CHECK_EQ_INT(server_got_len, 0);                      /* nothing went out */
    CHECK_EQ_INT(conn.error, IL_OK);
    CHECK_EQ_INT(tr.send(tr.ctx, (const uint8_t *)"ok?", 3), 3);
    server_send("ok");
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), 2);
    client_done();
}

/* Every wait ends at the deadline, which il_lwip_set_deadline moves. */
static void lwip_deadlines(void)
{
    uint8_t buf[8];
    uint32_t start;
    CHECK_EQ_INT(client_connect("127.0.0.1", SERVER_PORT, 1000), IL_OK);
    start = now_ms;
    il_lwip_set_deadline(&conn, start + 200);
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), -(int32_t)IL_ERR_TIMEOUT);
    CHECK_EQ_INT(now_ms - start, 200);                    /* exactly: the clock is ours */
    il_lwip_set_deadline(&conn, now_ms + 1000);
    server_send("late");
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), 4);
    client_done();
    /* a connect whose deadline has passed before the answer came */
    CHECK_EQ_INT(il_lwip_connect(&conn, "127.0.0.1", SERVER_PORT, now_ms - 1, poll_stack, NULL),
                 IL_ERR_TIMEOUT);
    CHECK(conn.pcb == NULL);
    client_done();
}

/* A reset after the connection was up breaks the stream: IL_ERR_RECV and
 * IL_ERR_SEND, after what had arrived before it is read. */
static void lwip_reset_by_peer(void)
{
    uint8_t buf[8];
    CHECK_EQ_INT(client_connect("127.0.0.1", SERVER_PORT, 1000), IL_OK);
    server_send("last");
    settle(10);
    server_drop(true);
    settle(10);
    CHECK_EQ_INT(conn.error, IL_ERR_RECV);
    CHECK(conn.pcb == NULL);
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), 4);
    CHECK_EQ_INT(tr.recv(tr.ctx, buf, sizeof buf), -(int32_t)IL_ERR_RECV);
    CHECK_EQ_INT(tr.send(tr.ctx, buf, 1), -(int32_t)IL_ERR_SEND);
    client_done();
}

/* Nothing listens: the reset to the SYN is IL_ERR_CONNECT. */
static void lwip_connect_refused(void)
{
    CHECK_EQ_INT(client_connect("127.0.0.1", SERVER_PORT + 1, 1000), IL_ERR_CONNECT);
    CHECK(conn.pcb == NULL);
    client_done();
}

/* Names: without a DNS server IL_ERR_DNS at once, too long IL_ERR_DNS, and
 * a server that never answers IL_ERR_TIMEOUT at the deadline (its late
 * failure is ignored: the connection is gone). */
static void lwip_dns_failures(void)
{
    static char long_name[DNS_MAX_NAME_LENGTH + 2];
    static il_lwip_conn_t before;
    ip_addr_t silent;
    uint32_t start;
    memset(long_name, 'a', sizeof long_name - 1);
    CHECK_EQ_INT(client_connect("influxd.example", SERVER_PORT, 1000), IL_ERR_DNS);
    CHECK_EQ_INT(client_connect(long_name, SERVER_PORT, 1000), IL_ERR_DNS);
    IP_ADDR4(&silent, 127, 0, 0, 1);    /* nobody answers DNS there */
    dns_setserver(0, &silent);
    start = now_ms;
    CHECK_EQ_INT(client_connect("influxd.example", SERVER_PORT, 300), IL_ERR_TIMEOUT);
    CHECK_EQ_INT(now_ms - start, 300);
    memcpy(&before, &conn, sizeof conn);
    settle(30000);                      /* lwIP gives up on the query */
    CHECK(memcmp(&before, &conn, sizeof conn) == 0);
    dns_setserver(0, IP_ADDR_ANY);
}

static void lwip_clock_wraps(void)
{
    CHECK(il_lwip_time_reached(5, 0xfffffff0u));
    CHECK(!il_lwip_time_reached(0xfffffff0u, 5));
    CHECK(il_lwip_time_reached(7, 7));
}

int main(void)
{
    lwip_init();
    server_listen();
    RUN(lwip_bad_arguments);
    RUN(lwip_round_trip_and_close);
    RUN(lwip_refuses_empty_buffers);
    RUN(lwip_deadlines);
    RUN(lwip_reset_by_peer);
    RUN(lwip_connect_refused);
    RUN(lwip_dns_failures);
    RUN(lwip_clock_wraps);
    return check_summary();
}
