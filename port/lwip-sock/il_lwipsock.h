/* SPDX-License-Identifier: Apache-2.0 */
/* il_lwipsock.h - the il_transport_t over lwIP's BSD-style sockets
 * (NO_SYS=0: FreeRTOS+lwIP, ESP-IDF, any RTOS running lwIP's tcpip thread).
 *
 * The calling task blocks in lwIP's socket calls; every wait ends at the
 * connection's deadline on sys_now() (milliseconds, wrapping u32; less than
 * 2^31 ms ahead): the connect through lwip_select, each send and receive
 * through SO_SNDTIMEO/SO_RCVTIMEO set to the time left. No heap: a name is
 * resolved by lwip_gethostbyname_r into the connection's own buffer. */
#ifndef IL_LWIPSOCK_H
#define IL_LWIPSOCK_H

#include <stdint.h>
#include "il_status.h"
#include "il_transport.h"

/* Visible so that it can be allocated statically. */
typedef struct il_lwipsock_conn {
    int fd;                 /* lwIP's socket; -1 when closed */
    uint32_t deadline_ms;   /* absolute, on sys_now() */
} il_lwipsock_conn_t;

/* Resolve host (IPv4 literal, or a name through lwIP's DNS client; a DNS
 * server must be set) and connect to port before deadline_ms. IL_OK;
 * IL_ERR_ARG, IL_ERR_DNS, IL_ERR_CONNECT or IL_ERR_TIMEOUT (nothing to
 * close then). */
il_status_t il_lwipsock_connect(il_lwipsock_conn_t *c, const char *host, uint16_t port,
                                uint32_t deadline_ms);

/* The deadline of every later send and receive on c (absolute, on sys_now()). */
void il_lwipsock_set_deadline(il_lwipsock_conn_t *c, uint32_t deadline_ms);

/* Fill *t with send/recv over c (c must outlive t), as il_transport.h says. */
void il_lwipsock_transport(il_lwipsock_conn_t *c, il_transport_t *t);

/* Close the socket (safe to call twice). */
void il_lwipsock_close(il_lwipsock_conn_t *c);

#endif
