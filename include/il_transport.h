/* SPDX-License-Identifier: Apache-2.0 */
/* il_transport.h - the byte transport the core talks through.
 *
 * Modelled on coreHTTP's transport interface: two function pointers over an
 * opaque context the port owns. Transports stack: TLS runs over any
 * transport, and a program may put its own layers (a debug dump, a byte
 * counter) on top. The contract, for every implementation:
 *
 * send(ctx, data, len):
 *   - len is never 0 and data never NULL: every port refuses them with
 *     -IL_ERR_ARG, before anything else and touching nothing;
 *   - writes up to len bytes and returns the count written, > 0; a short
 *     count is allowed, the caller sends the rest (il_transport_send_all);
 *   - never returns 0;
 *   - on failure returns the negated il_status_t: -IL_ERR_TIMEOUT,
 *     -IL_ERR_SEND, or (TLS) one of the -IL_ERR_TLS_*.
 * recv(ctx, buf, cap):
 *   - cap is never 0 and buf never NULL: refused as in send;
 *   - blocks until at least one byte, the peer's close or the deadline;
 *   - returns the count read (> 0, at most cap), 0 only when the peer closed
 *     the stream in order, or the negated il_status_t (-IL_ERR_TIMEOUT,
 *     -IL_ERR_RECV, ...).
 * Deadlines: the core never waits by itself and never reads a clock; every
 * wait happens inside send and recv, bounded by a deadline that belongs to
 * the port's context and is set by the caller before the call
 * (il_posix_set_deadline, il_lwip_set_deadline; the TLS port waits only
 * inside its lower transport, so that one's deadline bounds it). A
 * transport without a deadline may block forever. */
#ifndef IL_TRANSPORT_H
#define IL_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

typedef struct il_transport {
    void *ctx;
    int32_t (*send)(void *ctx, const uint8_t *data, size_t len);
    int32_t (*recv)(void *ctx, uint8_t *buf, size_t cap);
} il_transport_t;

/* Send all of data[0..len) through t->send, short counts continued.
 * IL_OK (also for len 0, which calls nothing); the transport's status on a
 * failure; IL_ERR_SEND if send broke the contract by returning 0. */
il_status_t il_transport_send_all(const il_transport_t *t, const uint8_t *data, size_t len);

#endif
