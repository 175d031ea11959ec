/* SPDX-License-Identifier: Apache-2.0 */
/* il_posix.h - the POSIX TCP transport (Linux, musl, any libc with
 * getaddrinfo and poll). Every wait honours the connection's deadline. */
#ifndef IL_POSIX_H
#define IL_POSIX_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "il_status.h"
#include "il_transport.h"

/* Visible so that it can be allocated statically; set through the calls
 * below. */
typedef struct il_posix_conn {
    int fd;                 /* -1 when closed */
    int64_t deadline_ms;    /* absolute, on il_posix_now_ms()'s clock; 0 = none */
    int sent;               /* a send happened since the last receive: wait before reading */
    char first_addr[46];    /* a name's first address, as text ("" for a literal or none) */
} il_posix_conn_t;

/* Milliseconds on a monotonic clock. */
int64_t il_posix_now_ms(void);

/* Whether host is an IPv4 (dotted quad) or IPv6 literal: one that
 * il_posix_connect dials without a name lookup (no getaddrinfo, no heap). */
bool il_posix_host_is_literal(const char *host);

/* Resolve host (name, IPv4 or IPv6 literal) and connect to port, trying every
 * address in turn, non-blocking, until deadline_ms (absolute). A literal is
 * dialled directly; a name goes through getaddrinfo (which has no deadline).
 * deadline_ms 0 waits without one. IL_OK; IL_ERR_ARG (c or host NULL),
 * IL_ERR_DNS, IL_ERR_CONNECT, IL_ERR_TIMEOUT, IL_ERR_NO_FDS (out of file
 * descriptors), IL_ERR_NO_MEMORY (the kernel or the resolver out of
 * memory) or IL_ERR_CANCELLED (il_posix_set_interrupt) on failure (c->fd is
 * then -1: nothing to close). SIGPIPE is never raised. For a name,
 * c->first_addr holds the first address getaddrinfo gave (what a failure is
 * named by). */
il_status_t il_posix_connect(il_posix_conn_t *c, const char *host, uint16_t port,
                             int64_t deadline_ms);

/* The deadline of every later wait on c (send, recv): absolute, on
 * il_posix_now_ms()'s clock; 0 waits without one. Set it before each
 * request, as il_transport.h asks. */
void il_posix_set_deadline(il_posix_conn_t *c, int64_t deadline_ms);

/* Fill *t with send/recv over c (c must outlive t). Both follow
 * il_transport.h; len or cap 0 and NULL buffers are refused with
 * -IL_ERR_ARG, touching nothing. */
void il_posix_transport(il_posix_conn_t *c, il_transport_t *t);

/* A flag (set by the caller's signal handler, say) that ends every wait of
 * every connection with IL_ERR_CANCELLED once it is non-zero: it is read
 * before each wait and whenever a signal interrupts one (install the
 * handler without SA_RESTART). NULL (the default): waits end only at their
 * deadline. A name lookup already under way is not interrupted. */
void il_posix_set_interrupt(const volatile sig_atomic_t *flag);

/* Close the socket (safe to call twice). */
void il_posix_close(il_posix_conn_t *c);

#endif
