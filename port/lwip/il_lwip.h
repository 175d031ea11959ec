/* SPDX-License-Identifier: Apache-2.0 */
/* il_lwip.h - the il_transport_t over lwIP's raw TCP API (NO_SYS=1, polled).
 *
 * For bare metal and for lwIP over a Linux TAP device. Nothing here blocks in
 * lwIP: while it waits, the transport calls the board's poll hook, which feeds
 * received frames to the netif and runs sys_check_timeouts(). Every wait ends
 * at the connection's deadline on lwIP's sys_now() clock (milliseconds,
 * wrapping u32; deadlines must lie less than 2^31 ms ahead).
 *
 * Memory: the connection struct is the caller's; received data stays in the
 * lwIP pbufs it arrived in (a queue, bounded by TCP_WND) until recv copies it
 * out. No heap. */
#ifndef IL_LWIP_H
#define IL_LWIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lwip/ip_addr.h"
#include "il_status.h"
#include "il_transport.h"

struct tcp_pcb;
struct pbuf;

/* Drive the stack once: hand every received frame to its netif and call
 * sys_check_timeouts(). May sleep up to max_wait_ms waiting for a frame. */
typedef void (*il_lwip_poll_fn)(void *arg, uint32_t max_wait_ms);

/* Visible so that it can be allocated statically; set through the calls
 * below. */
typedef struct il_lwip_conn {
    struct tcp_pcb *pcb;      /* NULL once closed or reset */
    struct pbuf *rx;          /* received, not yet read (chain) */
    bool connected;
    bool peer_closed;         /* FIN seen */
    bool dns_done;
    il_status_t error;        /* asynchronous error (reset, abort), else IL_OK */
    ip_addr_t addr;           /* resolved address */
    uint32_t deadline_ms;     /* absolute, on sys_now(): il_lwip_set_deadline */
    il_lwip_poll_fn poll;
    void *poll_arg;
} il_lwip_conn_t;

/* Resolve host (IPv4 literal, or a name through dns_gethostbyname; a DNS
 * server must be set) and connect to port before deadline_ms. IL_ERR_DNS,
 * IL_ERR_CONNECT, IL_ERR_TIMEOUT or IL_ERR_ARG on failure (nothing to close
 * then). */
il_status_t il_lwip_connect(il_lwip_conn_t *c, const char *host, uint16_t port,
                            uint32_t deadline_ms, il_lwip_poll_fn poll, void *poll_arg);

/* The deadline of every later wait on c (send, recv): absolute, on
 * sys_now(), less than 2^31 ms ahead. Set it before each request, as
 * il_transport.h asks. */
void il_lwip_set_deadline(il_lwip_conn_t *c, uint32_t deadline_ms);

/* Fill *t with send/recv over c (c must outlive t). Both follow
 * il_transport.h; len or cap 0 and NULL buffers are refused with
 * -IL_ERR_ARG, touching nothing. */
void il_lwip_transport(il_lwip_conn_t *c, il_transport_t *t);

/* Close in order (FIN), dropping unread data; aborts (RST) if lwIP is out of
 * memory. Safe to call twice. */
void il_lwip_close(il_lwip_conn_t *c);

/* true when now is at or after deadline on the wrapping millisecond clock. */
static inline bool il_lwip_time_reached(uint32_t now, uint32_t deadline)
{
    return (int32_t)(now - deadline) >= 0;
}

#endif
