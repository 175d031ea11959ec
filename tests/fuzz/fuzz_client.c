/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_client.c - il_client operations over a fake transport whose answer
 * comes from the input.
 *
 * The transport is tests/lib/fake_transport.h. Input: byte 0 = operation
 * (auth find, auth inactivate, legacy inactivate, legacy find by username,
 * user find), byte 1 = seed of the receive split sizes and short writes,
 * byte 2 = flags (bit 0 short writes, bit 1 the stream ends in
 * -IL_ERR_TIMEOUT instead of a close, bit 2 send fails, bits 3-5 body
 * buffer size, bit 6 a 256-byte request buffer, bit 7 a bad ID or user
 * name), byte 3 = bit 0 a permission callback; the rest is what the server
 * answers.
 * Invariants, against a reference computed here from the same bytes with the
 * public parser (buffered, whole) and decoder (fed the whole body):
 *  - res.status equals the return value; the strings of res are never NULL;
 *  - a bad ID/name or a request that does not fit sends nothing;
 *  - an HTTP-level failure is exactly the parser's (fed whole, then EOF);
 *  - a complete answer: http_status and status text are the parser's;
 *    3xx -> IL_ERR_REDIRECT, 4xx -> IL_ERR_HTTP_4XX, 5xx -> IL_ERR_HTTP_5XX,
 *    2xx -> the decoder's verdict (whatever the Content-Type: the core
 *    decodes every body; the zero value when empty), then
 *    IL_ERR_ANSWER_MISMATCH when the answer is for another ID (or user ID,
 *    or username) than asked (IL_ERR_JSON_TOO_LARGE when the ID was
 *    dropped), then
 *    IL_ERR_JSON_TOO_LARGE when a string was
 *    dropped (an inactivation: only when its status was),
 *    IL_ERR_POSTCONDITION only for an inactivation whose status is not
 *    "inactive", IL_ERR_NO_MATCH only for an empty username lookup; the
 *    decoded strings, error, counts and dropped strings are the
 *    reference's;
 *  - every decoded string lies inside the body buffer, and so does every
 *    permission's while the callback has it;
 *  - the request buffer is all zeros afterwards (the token does not linger);
 *  - reusable implies the answer allowed keep-alive;
 *  - res.body is the body buffer, res.body_len the most the strings used;
 *  - the client never breaks il_transport.h (no 0-byte or NULL send/recv);
 *  - error_decode is IL_OK unless a >= 300 answer had a body it could not
 *    decode. */
#include <stdbool.h>
#include "fake_transport.h"
#include "fuzz_common.h"
#include "il_client.h"

#define GOOD_ID "0d2a3c5b7e8f9000"
#define GOOD_NAME "sensor 42"
#define TOKEN "Vit6Liasi-yealRknchjnuFiPoYhRscnW4fmgQiUWanNBEJEJ3ZH85rvs_RhZ44ErOjKYQU2J-rCc9oL8zrQ-Q=="

enum { OP_FIND, OP_INACTIVATE, OP_LEGACY_INACTIVATE, OP_LEGACY_FIND, OP_USER_FIND, OP_COUNT };

/* The fake's short counts: 1..n bytes, from the input's seed. */
static size_t take_random(void *rng, size_t n)
{
    return 1 + fuzz_rng_next(rng) % n;
}

static void check_view(il_str_t s, const uint8_t *base, size_t len)
{
    FUZZ_CHECK(fuzz_inside(s.p, s.n, base, len));
}

static void check_auth(const il_auth_t *a, const uint8_t *base, size_t len)
{
    for (size_t i = 0; i < 8; i++) check_view((&a->id)[i], base, len);
}

/* The permission callback: its strings lie in the body buffer. */
static const uint8_t *perm_base;
static size_t perm_cap, perms_seen;
static void on_perm(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) {
        perms_seen = 0;
        return;
    }
    perms_seen++;
    for (int i = 0; i < 4; i++) check_view((&p->action)[i], perm_base, perm_cap);
}

static bool same_str(il_str_t a, il_str_t b)
{
    return a.n == b.n && (a.p == NULL) == (b.p == NULL) && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* The reference's body sink: bytes after the ones before (ref.body_len). */
static il_http_response_t ref;
static char ref_status[IL_HTTP_STATUS_TEXT_MAX];   /* the client's own size */
static void collect(void *ctx, const uint8_t *p, size_t n)
{
    memcpy((uint8_t *)ctx + ref.body_len, p, n);
}

/* The reference decode of a whole body (fresh store and array, same
 * sizes): the result the client's call must equal. */
typedef struct {
    il_status_t st;
    il_json_t j;
    il_auth_t auth;           /* also an il_user_t's strings (same layout start) */
    uint8_t *store;
} ref_t;

/* Whether an answered ID is GOOD_ID, in either case of hex. */
static bool same_id(il_str_t s)
{
    size_t i;
    if (s.p == NULL || s.n != sizeof GOOD_ID - 1)
        return false;
    for (i = 0; i < s.n; i++) {
        char a = s.p[i];
        if (a >= 'A' && a <= 'F')
            a = (char)(a - 'A' + 'a');
        if (a != GOOD_ID[i])
            return false;
    }
    return true;
}

static void ref_decode(int op, const uint8_t *body, size_t len, size_t store_cap, ref_t *r)
{
    uint8_t m = op == OP_LEGACY_FIND ? IL_JSON_M_AUTHORIZATIONS : op == OP_USER_FIND ? IL_JSON_M_USER_RESPONSE
                                                                                   : IL_JSON_M_AUTHORIZATION;
    memset(&r->auth, 0, sizeof r->auth);
    r->store = malloc(store_cap ? store_cap : 1);
    il_json_begin(&r->j, m, &r->auth, (char *)r->store, store_cap, NULL);
    il_json_feed(&r->j, body, len);
    r->st = il_json_end(&r->j);
    if (r->st == IL_OK && op != OP_LEGACY_FIND && !same_id(r->auth.id))
        r->st = r->auth.id.p == NULL && r->j.dropped > 0 ? IL_ERR_JSON_TOO_LARGE : IL_ERR_ANSWER_MISMATCH;
    if (r->st == IL_OK && op != OP_FIND && op != OP_USER_FIND && op != OP_LEGACY_FIND) {
        if (!il_str_eq(r->auth.status, "inactive"))
            r->st = r->auth.status.p == NULL && r->j.dropped > 0 ? IL_ERR_JSON_TOO_LARGE : IL_ERR_POSTCONDITION;
    } else if (r->st == IL_OK && r->j.dropped > 0) {
        r->st = IL_ERR_JSON_TOO_LARGE;
    }
    if (r->st == IL_OK && op == OP_LEGACY_FIND && r->j.count == 0) r->st = IL_ERR_NO_MATCH;
    if (r->st == IL_OK && op == OP_LEGACY_FIND && !il_str_eq(r->auth.token, GOOD_NAME)) r->st = IL_ERR_ANSWER_MISMATCH;
}

/* A 2xx answer's result against the reference decode of its body. */
static void check_decoded(int op, const il_result_t *res, il_status_t st, const uint8_t *body, size_t len,
                          size_t store_cap)
{
    static ref_t r;
    size_t i;
    ref_decode(op, body, len, store_cap, &r);
    il_json_error_t e = res->json_error;
    FUZZ_CHECK(st == r.st);
    for (i = 0; i < IL_JSON_LEVELS; i++) e.lv[i].target = r.j.err.lv[i].target;   /* each run's own */
    FUZZ_CHECK(memcmp(&e, &r.j.err, sizeof e) == 0);
    FUZZ_CHECK(res->dropped == r.j.dropped && res->body_len == r.j.store_used);
    if (op == OP_LEGACY_FIND) FUZZ_CHECK(res->matches == r.j.count);
    if (op == OP_USER_FIND) {
        for (i = 0; i < 3; i++) FUZZ_CHECK(same_str((&res->user.id)[i], (&r.auth.id)[i]));
    } else {
        for (i = 0; i < 8; i++) FUZZ_CHECK(same_str((&res->auth.id)[i], (&r.auth.id)[i]));
        FUZZ_CHECK(res->auth.perms_count == r.auth.perms_count);
    }
    free(r.store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t body_caps[8] = { 16384, 0, 16, 64, 256, 700, 2048, 8192 };
    static il_client_t c;
    static il_result_t res;
    static fake_transport_t f;
    il_transport_t t;
    il_json_scratch_t js;
    fuzz_rng_t rng;
    uint8_t *req, *body, *ref_body;
    const uint8_t *ans;
    size_t ans_len, req_cap, body_cap, i, ref_used = 0;
    il_status_t st, ref_st, want;
    int op;
    bool bad_arg, end_timeout, send_fails;

    if (size < 4)
        return 0;
    op = data[0] % OP_COUNT;
    fake_transport_init(&f, &t);
    fuzz_rng_seed(&rng, 0x2545f491u * (uint32_t)(data[1] + 1));
    f.take_arg = &rng;
    f.recv_take = take_random;
    if (data[2] & 1)
        f.send_take = take_random;
    end_timeout = (data[2] & 2) != 0;
    if (end_timeout)
        f.at_end = -(int32_t)IL_ERR_TIMEOUT;
    send_fails = (data[2] & 4) != 0;
    if (send_fails)
        fake_transport_fail_send(&f, 1, IL_ERR_SEND);
    body_cap = body_caps[(data[2] >> 3) & 7];
    req_cap = (data[2] & 64) ? 256 : IL_DEFAULT_REQUEST_BUF;
    bad_arg = (data[2] & 128) != 0;
    memset(&js, 0, sizeof js);
    if (data[3] & 1) js.on_perm = on_perm;
    ans = data + 4;
    ans_len = size - 4;
    fake_transport_answer(&f, ans, ans_len);

    req = calloc(1, req_cap);   /* zeros: what the request writes must be wiped */
    body = malloc(body_cap ? body_cap : 1);
    perm_base = body;
    perm_cap = body_cap;
    perms_seen = 0;
    il_client_init(&c, &t, "localhost:8086", TOKEN, req, req_cap, body, body_cap, &js);

    switch (op) {
    case OP_FIND: st = il_auth_find(&c, bad_arg ? "0000000000000000" : GOOD_ID, &res); break;
    case OP_INACTIVATE: st = il_auth_inactivate(&c, bad_arg ? "0d2a3c5b7e8f900" : GOOD_ID, &res); break;
    case OP_LEGACY_INACTIVATE: st = il_legacy_inactivate(&c, bad_arg ? "0d2a3c5b7e8f900g" : GOOD_ID, &res); break;
    case OP_LEGACY_FIND: st = il_legacy_find_by_username(&c, bad_arg ? "sensor\r\n42" : GOOD_NAME, &res); break;
    default: st = il_user_find(&c, bad_arg ? "0d2a3c5b7e8f9000\n" : GOOD_ID, &res); break;
    }

    /* the result record */
    FUZZ_CHECK(res.status == st);
    FUZZ_CHECK(res.status_text && res.content_type && res.location);
    FUZZ_CHECK(res.body == body);
    FUZZ_CHECK(f.refused == 0);
    FUZZ_CHECK(res.http_status >= 300 || res.error_decode == IL_OK);
    FUZZ_CHECK(res.body_len <= body_cap);
    for (i = 0; i < req_cap; i++)
        FUZZ_CHECK(req[i] == 0);
    FUZZ_CHECK(!c.reusable || c.resp.keep_alive);
    if (bad_arg) {
        FUZZ_CHECK(st == IL_ERR_ID_INVALID || st == IL_ERR_ID_LENGTH || st == IL_ERR_UNSAFE_CHAR);
        FUZZ_CHECK(f.sent_len == 0 && f.pos == 0 && res.body_len == 0);
        goto out;
    }
    if (st == IL_ERR_REQUEST_TOO_LARGE || f.sent_len == 0) {
        FUZZ_CHECK(f.sent_len == 0 && f.pos == 0 && res.body_len == 0);
        FUZZ_CHECK(st == IL_ERR_REQUEST_TOO_LARGE || (send_fails && st == IL_ERR_SEND));
        goto out;
    }
    FUZZ_CHECK(!send_fails);
    FUZZ_CHECK(memcmp(f.sent, op == OP_INACTIVATE || op == OP_LEGACY_INACTIVATE ? "PATCH " : "GET ",
                      op == OP_INACTIVATE || op == OP_LEGACY_INACTIVATE ? 6 : 4) == 0);

    /* the reference parse: the whole answer, its body collected (at most
     * the answer's size) */
    ref_body = malloc(ans_len ? ans_len : 1);
    il_http_response_init(&ref, ref_status, sizeof ref_status, collect, ref_body);
    ref_st = il_http_response_feed(&ref, ans, ans_len, &ref_used);
    if (ref_st == IL_NEED_MORE)
        ref_st = end_timeout ? IL_ERR_TIMEOUT : il_http_response_eof(&ref);
    if (ref_st != IL_OK) {
        FUZZ_CHECK(st == ref_st);
        FUZZ_CHECK(res.http_status == 0 && !c.reusable);
    } else {
        FUZZ_CHECK(res.http_status == ref.status);
        FUZZ_CHECK(strcmp(res.status_text, ref.status_text) == 0);
        FUZZ_CHECK(strcmp(res.content_type, ref.content_type) == 0);
        FUZZ_CHECK(c.resp.body_len == ref.body_len);
        if (ref.status >= 300) {
            want = ref.status < 400 ? IL_ERR_REDIRECT : ref.status < 500 ? IL_ERR_HTTP_4XX
                                                                        : IL_ERR_HTTP_5XX;
            FUZZ_CHECK(st == want);
            if (res.error_decode == IL_OK) {
                check_view(res.error.code, body, body_cap);
                check_view(res.error.message, body, body_cap);
                check_view(res.error.err, body, body_cap);
            } else {
                FUZZ_CHECK(ref.body_len > 0);
            }
        } else {
            FUZZ_CHECK(st != IL_ERR_CONTENT_TYPE);
            if (ref.body_len > 0) {
                check_decoded(op, &res, st, ref_body, ref.body_len, body_cap);
                if (st == IL_OK && js.on_perm != NULL && op != OP_USER_FIND && op != OP_LEGACY_FIND)
                    FUZZ_CHECK(perms_seen == res.auth.perms_count);
            } else {
                /* the zero value: no match, or no ID, not the one asked for */
                FUZZ_CHECK(st == (op == OP_LEGACY_FIND ? IL_ERR_NO_MATCH : IL_ERR_ANSWER_MISMATCH));
            }
            if (st == IL_OK && op != OP_FIND && op != OP_LEGACY_FIND && op != OP_USER_FIND)
                FUZZ_CHECK(il_str_eq(res.auth.status, "inactive"));
        }
        if (st == IL_OK || st == IL_ERR_POSTCONDITION || st == IL_ERR_NO_MATCH)
            FUZZ_CHECK(ref.status >= 200 && ref.status < 300);
        if (st == IL_ERR_POSTCONDITION)
            FUZZ_CHECK(op == OP_INACTIVATE || op == OP_LEGACY_INACTIVATE);
        if (st == IL_ERR_NO_MATCH)
            FUZZ_CHECK(op == OP_LEGACY_FIND && res.matches == 0);
    }
    check_auth(&res.auth, body, body_cap);
    check_view(res.user.id, body, body_cap);
    check_view(res.user.name, body, body_cap);
    check_view(res.user.status, body, body_cap);
    free(ref_body);
out:
    free(req);
    free(body);
    return 0;
}
