/* SPDX-License-Identifier: Apache-2.0 */
/* fake_transport.h - one scripted il_transport_t for the unit tests and the
 * fuzz targets (as coreHTTP's shared transport stubs).
 *
 *   fake_transport_t f;
 *   il_transport_t t;
 *   fake_transport_init(&f, &t);
 *   fake_transport_answer_str(&f, "HTTP/1.1 200 OK\r\n...");   (chunks, in order)
 *   f.send_max = 7;                                      (short writes)
 *   fake_transport_fail_recv(&f, 2, IL_ERR_TIMEOUT);     (the 2nd recv on fails)
 *   ... il_client over &t ...
 *   f.sent, f.sent_len, f.sends, f.recvs, f.refused     (what happened)
 *
 * What it does, call by call:
 *  - it follows il_transport.h as a port does: len or cap 0 and NULL buffers
 *    are refused with -IL_ERR_ARG and counted in refused (a test asserts 0:
 *    the caller broke the contract);
 *  - from the chosen call on (1 = the first), send or recv returns the
 *    injected status, as a broken connection keeps failing;
 *  - recv hands out the answer's chunks in order, never crossing a chunk's
 *    end (so a test decides where the answer is split), at most cap,
 *    recv_max and what recv_take allows; after the last chunk it returns
 *    at_end: 0 (an orderly close) or a negated status;
 *  - send takes at most send_max and what send_take allows (short writes),
 *    and records what it took: the first FAKE_SENT_MAX bytes in sent (NUL
 *    terminated, for string compares), the total in sent_len.
 * Test code only: header-only, no allocation, no I/O. */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "il_status.h"
#include "il_transport.h"

#define FAKE_CHUNKS_MAX 8
#define FAKE_SENT_MAX 4096

/* How many of n bytes (1..n) one call moves; arg is the fake's take_arg. */
typedef size_t (*fake_take_fn)(void *arg, size_t n);

typedef struct fake_transport {
    /* the answer, in chunks */
    const uint8_t *chunk[FAKE_CHUNKS_MAX];
    size_t chunk_len[FAKE_CHUNKS_MAX];
    size_t chunks;              /* how many are set */
    size_t next, pos;           /* where recv reads: chunk next, byte pos */
    int32_t at_end;             /* recv after the last chunk: 0 or -IL_ERR_... */
    /* short counts: at most this much per call (0: no limit), then take */
    size_t send_max, recv_max;
    fake_take_fn send_take, recv_take;
    void *take_arg;
    /* injected failures: from call number *_fail_at on (0: never) */
    unsigned send_fail_at, recv_fail_at;
    int32_t send_error, recv_error;
    /* the record */
    unsigned sends, recvs;      /* calls that were not refused */
    unsigned refused;           /* calls that broke the contract */
    char sent[FAKE_SENT_MAX + 1];
    size_t sent_len;
} fake_transport_t;

static inline int32_t fake_transport_send(void *ctx, const uint8_t *data, size_t len)
{
    fake_transport_t *f = (fake_transport_t *)ctx;
    size_t n = len, keep;
    if (data == NULL || len == 0) {
        f->refused++;
        return -(int32_t)IL_ERR_ARG;
    }
    f->sends++;
    if (f->send_fail_at != 0 && f->sends >= f->send_fail_at) return f->send_error;
    if (f->send_max != 0 && n > f->send_max) n = f->send_max;
    if (f->send_take != NULL) n = f->send_take(f->take_arg, n);
    keep = f->sent_len < FAKE_SENT_MAX ? FAKE_SENT_MAX - f->sent_len : 0;
    if (keep > n) keep = n;
    memcpy(f->sent + f->sent_len, data, keep);
    f->sent_len += n;
    f->sent[f->sent_len < FAKE_SENT_MAX ? f->sent_len : FAKE_SENT_MAX] = '\0';
    return (int32_t)n;
}

static inline int32_t fake_transport_recv(void *ctx, uint8_t *buf, size_t cap)
{
    fake_transport_t *f = (fake_transport_t *)ctx;
    size_t n;
    if (buf == NULL || cap == 0) {
        f->refused++;
        return -(int32_t)IL_ERR_ARG;
    }
    f->recvs++;
    if (f->recv_fail_at != 0 && f->recvs >= f->recv_fail_at) return f->recv_error;
    while (f->next < f->chunks && f->pos == f->chunk_len[f->next]) {
        f->next++;
        f->pos = 0;
    }
    if (f->next == f->chunks) return f->at_end;
    n = f->chunk_len[f->next] - f->pos;
    if (n > cap) n = cap;
    if (f->recv_max != 0 && n > f->recv_max) n = f->recv_max;
    if (f->recv_take != NULL) n = f->recv_take(f->take_arg, n);
    memcpy(buf, f->chunk[f->next] + f->pos, n);
    f->pos += n;
    return (int32_t)n;
}

/* A fresh fake (no answer: recv says the peer closed) bound to *t. */
static inline void fake_transport_init(fake_transport_t *f, il_transport_t *t)
{
    memset(f, 0, sizeof *f);
    t->ctx = f;
    t->send = fake_transport_send;
    t->recv = fake_transport_recv;
}

/* Append p[0..n) to the answer as one chunk (kept by pointer). More than
 * FAKE_CHUNKS_MAX is a bug of the test: counted in refused. */
static inline void fake_transport_answer(fake_transport_t *f, const void *p, size_t n)
{
    if (f->chunks == FAKE_CHUNKS_MAX) {
        f->refused++;
        return;
    }
    f->chunk[f->chunks] = (const uint8_t *)p;
    f->chunk_len[f->chunks] = n;
    f->chunks++;
}

static inline void fake_transport_answer_str(fake_transport_t *f, const char *s)
{
    fake_transport_answer(f, s, strlen(s));
}

/* From call number at (1 = the first) on, send or recv fails with st. */
static inline void fake_transport_fail_send(fake_transport_t *f, unsigned at, il_status_t st)
{
    f->send_fail_at = at;
    f->send_error = -(int32_t)st;
}

static inline void fake_transport_fail_recv(fake_transport_t *f, unsigned at, il_status_t st)
{
    f->recv_fail_at = at;
    f->recv_error = -(int32_t)st;
}

#endif
