/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_http_response.c - the incremental response parser.
 *
 * Input: byte 0 seeds the split sizes, byte 1 picks the status text's
 * buffer size (1 to 256 bytes); the rest is the answer.
 * The answer is parsed three ways: whole, in random splits, one byte at a
 * time. Invariant (il_http.h): the same result for any split - status code,
 * bytes consumed, status line, headers kept, body, keep-alive, and the
 * result of il_http_response_eof when more was needed. Plus: the sink is
 * handed only non-empty runs, and the body collected from it (in a buffer
 * of the input's exact size: a body is never longer) is body_len bytes;
 * kept strings are NUL-terminated and nothing is written past the status
 * text's buffer, a complete answer has a status in 200..599 other than 101;
 * and a plain re-reading of the headers agrees on framing (see oracle()).
 * A watch_fn asks for every other header (by its name's first byte); what
 * it is told (names, value bytes, line ends) and
 * il_http_response_headers_done are the same for every split. */
#include <stdbool.h>
#include "fuzz_common.h"
#include "il_http.h"

typedef struct {
    il_status_t st;       /* of the last feed */
    il_status_t eof_st;   /* il_http_response_eof after NEED_MORE, else st */
    size_t consumed;      /* total bytes used when st == IL_OK */
    uint32_t watch_hash;  /* FNV-1a of what the watch_fn was told */
    size_t watch_calls;
    bool in_value;        /* the watch_fn asked for the header being read */
    il_http_response_t r;
    uint8_t *body;        /* collected from the sink */
    size_t cap, got;
    char status_text[257];    /* status_cap bytes of it, then a guard byte */
    size_t status_cap;
} outcome_t;

static void collect(void *ctx, const uint8_t *p, size_t n)
{
    outcome_t *o = ctx;
    FUZZ_CHECK(n > 0 && n <= o->cap - o->got && o->got == o->r.body_len);
    memcpy(o->body + o->got, p, n);
    o->got += n;
}

static void watch_mix(outcome_t *o, int event, const char *p, size_t n)
{
    o->watch_hash = (o->watch_hash ^ (uint32_t)event) * 16777619u;
    for (size_t i = 0; i < n; i++) o->watch_hash = (o->watch_hash ^ (uint8_t)p[i]) * 16777619u;
    o->watch_calls++;
}

static bool watch_fn(void *ctx, int event, const char *p, size_t n)
{
    outcome_t *o = ctx;
    FUZZ_CHECK(event == IL_HTTP_WATCH_NAME || o->in_value);
    FUZZ_CHECK(event != IL_HTTP_WATCH_NAME || (n > 0 && !o->in_value));
    watch_mix(o, event, p, n);
    if (event == IL_HTTP_WATCH_END) o->in_value = false;
    if (event == IL_HTTP_WATCH_NAME) o->in_value = (p[0] & 1) != 0;
    return event == IL_HTTP_WATCH_NAME && o->in_value;
}

static void parse(outcome_t *o, const uint8_t *data, size_t len, uint8_t *body, size_t cap,
                  int mode, uint8_t seed, size_t status_cap)
{
    fuzz_rng_t rng;
    size_t off = 0;

    fuzz_rng_seed(&rng, 0x01000193u * (uint32_t)(seed + 1));
    o->body = body;
    o->cap = cap;
    o->got = 0;
    o->status_cap = status_cap;
    o->status_text[status_cap] = 'G';
    il_http_response_init(&o->r, o->status_text, status_cap, collect, o);
    o->r.watch_fn = watch_fn;
    o->r.watch_ctx = o;
    o->watch_hash = 2166136261u;
    o->watch_calls = 0;
    o->in_value = false;
    o->st = IL_NEED_MORE;
    o->consumed = 0;
    do {
        size_t n = len - off, used = 0;
        if (mode == 1 && n > 0)
            n = 1 + fuzz_rng_next(&rng) % (n < 64 ? n : 64);
        else if (mode == 2 && n > 0)
            n = 1;
        o->st = il_http_response_feed(&o->r, data + off, n, &used);
        FUZZ_CHECK(used <= n);
        /* NEED_MORE means every byte was used */
        FUZZ_CHECK(o->st != IL_NEED_MORE || used == n);
        off += used;
        if (o->st == IL_OK)
            o->consumed = off;
    } while (o->st == IL_NEED_MORE && off < len);
    o->eof_st = o->st;
    if (o->st == IL_NEED_MORE)
        o->eof_st = il_http_response_eof(&o->r);
    /* a failed parser stays failed */
    if (o->st != IL_OK && o->st != IL_NEED_MORE) {
        size_t used = 0;
        FUZZ_CHECK(il_http_response_feed(&o->r, (const uint8_t *)"\r\n", 2, &used) == o->st);
    }
}

static void check_outcome(const outcome_t *o, size_t cap)
{
    const il_http_response_t *r = &o->r;
    FUZZ_CHECK(r->body_len <= cap && r->body_len == o->got);
    FUZZ_CHECK(o->status_text[o->status_cap] == 'G' && r->status_len < o->status_cap);
    FUZZ_CHECK(memchr(r->content_type, '\0', sizeof r->content_type) != NULL);
    FUZZ_CHECK(memchr(r->location, '\0', sizeof r->location) != NULL);
    if (o->eof_st == IL_OK) {
        FUZZ_CHECK(r->status >= 200 && r->status <= 599);
        /* "404 Not Found": the status text starts with the code (as much
         * of it as the buffer holds), and is NUL-terminated */
        FUZZ_CHECK(r->status_text[r->status_len] == '\0' && strlen(r->status_text) == r->status_len);
        FUZZ_CHECK(memcmp(r->status_text, (char[]){ (char)('0' + r->status / 100),
                          (char)('0' + r->status / 10 % 10), (char)('0' + r->status % 10) },
                          r->status_len < 3 ? r->status_len : 3) == 0);
        if (r->status == 204 || r->status == 304)
            FUZZ_CHECK(r->body_len == 0);
    }
    FUZZ_CHECK(o->eof_st != IL_NEED_MORE);
}

static void same(const outcome_t *a, const outcome_t *b, const uint8_t *body_a,
                 const uint8_t *body_b)
{
    FUZZ_CHECK(a->st == b->st);
    FUZZ_CHECK(a->eof_st == b->eof_st);
    FUZZ_CHECK(a->watch_hash == b->watch_hash && a->watch_calls == b->watch_calls);
    FUZZ_CHECK(il_http_response_headers_done(&a->r) == il_http_response_headers_done(&b->r));
    if (a->eof_st != IL_OK)
        return;
    FUZZ_CHECK(a->consumed == b->consumed);
    FUZZ_CHECK(a->r.status == b->r.status);
    FUZZ_CHECK(strcmp(a->r.status_text, b->r.status_text) == 0);
    FUZZ_CHECK(strcmp(a->r.content_type, b->r.content_type) == 0);
    FUZZ_CHECK(strcmp(a->r.location, b->r.location) == 0);
    FUZZ_CHECK(a->r.keep_alive == b->r.keep_alive);
    FUZZ_CHECK(a->r.body_len == b->r.body_len);
    FUZZ_CHECK(a->r.body_len == 0 || memcmp(body_a, body_b, a->r.body_len) == 0);
}

/* An independent oracle for a complete answer without 1xx: read the header
 * section again, plainly. Never both Content-Length and Transfer-Encoding
 * (CL+TE smuggling); a Content-Length body is exactly that many bytes right
 * after the header section; with neither, the body is the rest (until the
 * close). */
static bool name_is(const uint8_t *l, size_t n, const char *lower)
{
    size_t k = strlen(lower), i;
    if (n <= k || l[k] != ':')
        return false;
    for (i = 0; i < k; i++)
        if ((l[i] | 0x20) != (uint8_t)lower[i])
            return false;
    return true;
}

static void oracle(const outcome_t *o, const uint8_t *in, size_t len, const uint8_t *body)
{
    size_t i, end = 0, start, n, head;
    bool cl = false, te = false;
    uint64_t cl_val = 0;
    int code;

    if (o->eof_st != IL_OK || len < 12 || in[9] == '1')
        return;
    for (i = 0; i + 4 <= len; i++)
        if (memcmp(in + i, "\r\n\r\n", 4) == 0) { end = i; break; }
    FUZZ_CHECK(end > 0);
    head = end + 4;
    code = (in[9] - '0') * 100 + (in[10] - '0') * 10 + (in[11] - '0');
    FUZZ_CHECK(code == o->r.status);
    for (start = 0; start < end; start = i + 2) {
        for (i = start; i < end && !(in[i] == '\r' && in[i + 1] == '\n'); i++)
            ;
        n = i - start;
        if (start == 0)
            continue;   /* the status line */
        if (name_is(in + start, n, "transfer-encoding"))
            te = true;
        if (name_is(in + start, n, "content-length")) {
            size_t j = start + 15;
            cl = true;
            cl_val = 0;
            while (j < i && (in[j] == ' ' || in[j] == '\t')) j++;
            while (j < i && in[j] >= '0' && in[j] <= '9' && cl_val < (1u << 30))
                cl_val = cl_val * 10 + (uint64_t)(in[j++] - '0');
        }
    }
    FUZZ_CHECK(!(cl && te));
    if (code == 204 || code == 304) {
        FUZZ_CHECK(o->r.body_len == 0);
    } else if (cl) {
        FUZZ_CHECK(o->r.body_len == cl_val && o->consumed == head + cl_val);
        FUZZ_CHECK(cl_val == 0 || memcmp(body, in + head, (size_t)cl_val) == 0);
    } else if (!te) {
        FUZZ_CHECK(o->r.body_len == len - head);
        FUZZ_CHECK(o->r.body_len == 0 || memcmp(body, in + head, o->r.body_len) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static outcome_t o[3];   /* about 1 KB each: off the stack */
    uint8_t *body[3], *in;
    size_t cap, len;
    int m;

    if (size < 2)
        return 0;
    len = size - 2;
    cap = len;
    in = fuzz_dup(data + 2, len);
    for (m = 0; m < 3; m++) {
        body[m] = malloc(cap ? cap : 1);
        parse(&o[m], in, len, body[m], cap, m, data[0], 1u + data[1]);
        check_outcome(&o[m], cap);
    }
    same(&o[0], &o[1], body[0], body[1]);
    same(&o[0], &o[2], body[0], body[2]);
    if (o[0].eof_st == IL_OK)
        FUZZ_CHECK(o[0].consumed <= len);
    oracle(&o[0], in, len, body[0]);
    for (m = 0; m < 3; m++)
        free(body[m]);
    free(in);
    return 0;
}
