/* SPDX-License-Identifier: Apache-2.0 */
/* transport.c - il_transport_send_all: the one write-all loop. */
#include "il_transport.h"

il_status_t il_transport_send_all(const il_transport_t *t, const uint8_t *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        int32_t n = t->send(t->ctx, data + off, len - off);
        if (n <= 0) return n < 0 ? (il_status_t)-n : IL_ERR_SEND;
        off += (size_t)n;
    }
    return IL_OK;
}
