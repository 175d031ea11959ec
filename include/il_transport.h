/* il_transport.h - the byte transport the core talks through.
 *
 * Modelled on coreHTTP's transport interface: two function pointers over an
 * opaque context the port owns. The core never waits by itself; every wait
 * happens inside send/recv, and the port enforces its own deadline there.
 *
 * send: write up to len bytes; return the count written (> 0), or the negated
 *       il_status_t (-IL_ERR_TIMEOUT, -IL_ERR_SEND, ...). Never returns 0.
 * recv: read up to cap bytes, blocking until at least one byte, the peer's
 *       close, or the deadline; return the count (> 0), 0 when the peer closed
 *       the stream in order, or the negated il_status_t. */
#ifndef IL_TRANSPORT_H
#define IL_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

typedef struct il_transport {
    void *ctx;
    int32_t (*send)(void *ctx, const uint8_t *data, size_t len);
    int32_t (*recv)(void *ctx, uint8_t *buf, size_t cap);
} il_transport_t;

#endif
