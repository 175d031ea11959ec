/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_client.c - il_client operations over a fake transport whose answer
 * comes from the input.
 *
 * The transport is tests/lib/fake_transport.h. Input: byte 0 = operation
 * (auth find, auth inactivate, legacy inactivate, legacy find by username,
 * user find), byte 1 = seed of the receive split sizes and short writes, byte 2 = flags (bit 0 short writes, bit 1 the
 * stream ends in -IL_ERR_TIMEOUT instead of a close, bit 2 send fails,
 * bits 3-5 body buffer size, bit 6 a 256-byte request buffer, bit 7 a bad ID
 * or user name), byte 3 = token array (bits 0-4) and permission array
 * (bits 5-7) sizes; the rest is what the server answers.
 * Invariants, against a reference computed here from the same bytes with the
 * public parser and decoders:
 *  - res.status equals the return value; the strings of res are never NULL;
 *  - a bad ID/name or a request that does not fit sends nothing;
 *  - an HTTP-level failure is exactly the parser's (fed whole, then EOF);
 *  - a complete answer: http_status and status text are the parser's;
 *    3xx -> IL_ERR_REDIRECT, 4xx -> IL_ERR_HTTP_4XX, 5xx -> IL_ERR_HTTP_5XX,
 *    2xx -> the decoder's result (IL_ERR_CONTENT_TYPE when not JSON), then
 *    IL_ERR_ANSWER_MISMATCH when the answer is for another ID (or user ID,
 *    or username) than asked, then IL_ERR_POSTCONDITION only for an
 *    inactivation whose status is not "inactive", IL_ERR_NO_MATCH only for
 *    an empty username lookup;
 *  - every decoded string lies inside the body buffer; perms_count <= cap;
 *  - the request buffer is all zeros afterwards (the token does not linger);
 *  - reusable implies the answer allowed keep-alive;
 *  - res.body is the body buffer, res.body_len what the parser stored in it;
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
    size_t i;
    FUZZ_CHECK(a->perms_count <= a->perms_cap);
    check_view(a->id, base, len);
    check_view(a->token, base, len);
    check_view(a->status, base, len);
    check_view(a->description, base, len);
    check_view(a->org_id, base, len);
    check_view(a->org, base, len);
    check_view(a->user_id, base, len);
    check_view(a->user, base, len);
    for (i = 0; i < a->perms_count; i++) {
        check_view(a->perms[i].action, base, len);
        check_view(a->perms[i].type, base, len);
        check_view(a->perms[i].id, base, len);
        check_view(a->perms[i].org_id, base, len);
    }
}

static bool is_json_type(const char *ct)
{
    /* a loose reference: the client's check is stricter (vnd.*+json) */
    const char *p;
    for (p = ct; *p; p++)
        if ((p[0] == 'j' || p[0] == 'J') && (p[1] == 's' || p[1] == 'S') &&
            (p[2] == 'o' || p[2] == 'O') && (p[3] == 'n' || p[3] == 'N'))
            return true;
    return false;
}

/* Whether an answered ID is GOOD_ID, in either case of hex. */
static bool same_id(il_str_t s)
{
    size_t i;
    if (s.p == NULL || s.n != sizeof GOOD_ID - 1)
        return false;
    for (i = 0; i < s.n; i++) {
        char a = s.p[i], b = GOOD_ID[i];
        if (a >= 'A' && a <= 'F')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* What the decoder says about the reference body (fresh copy, same sizes). */
static il_status_t ref_decode(int op, const uint8_t *body, size_t len,
                              const il_json_scratch_t *s0, il_auth_t *auth)
{
    uint8_t *copy = fuzz_dup(body, len);
    il_json_scratch_t s = *s0;
    il_user_t user;
    size_t count = 0;
    il_status_t st;

    s.toks = malloc(s.toks_cap * sizeof *s.toks);
    s.perms = s.perms_cap ? malloc(s.perms_cap * sizeof *s.perms) : NULL;
    if (op == OP_LEGACY_FIND) {
        st = il_json_decode_auth_list((char *)copy, len, &s, auth, &count);
        if (st == IL_OK && count == 0)
            st = IL_ERR_NO_MATCH;
        if (st == IL_OK && !il_str_eq(auth->token, GOOD_NAME))
            st = IL_ERR_ANSWER_MISMATCH;
    } else if (op == OP_USER_FIND) {
        st = il_json_decode_user((char *)copy, len, &s, &user);
        if (st == IL_OK && !same_id(user.id))
            st = IL_ERR_ANSWER_MISMATCH;
    } else {
        st = il_json_decode_auth((char *)copy, len, &s, auth);
        if (st == IL_OK && !same_id(auth->id))
            st = IL_ERR_ANSWER_MISMATCH;
        if (st == IL_OK && op != OP_FIND && !il_str_eq(auth->status, "inactive"))
            st = IL_ERR_POSTCONDITION;
    }
    free(s.toks);
    free(s.perms);
    free(copy);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t body_caps[8] = { 16384, 0, 64, 256, 700, 1024, 2048, 8192 };
    static const size_t perm_caps[8] = { 64, 0, 1, 2, 3, 5, 8, 43 };
    static il_client_t c;
    static il_result_t res;
    static il_http_response_t ref;
    static il_auth_t ref_auth;
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
    js.toks_cap = (data[3] & 31) ? (size_t)(data[3] & 31) * 4 : IL_DEFAULT_JSON_TOKENS;
    js.perms_cap = perm_caps[data[3] >> 5];
    ans = data + 4;
    ans_len = size - 4;
    fake_transport_answer(&f, ans, ans_len);

    req = calloc(1, req_cap);   /* zeros: what the request writes must be wiped */
    body = malloc(body_cap ? body_cap : 1);
    js.toks = malloc(js.toks_cap * sizeof *js.toks);
    js.perms = js.perms_cap ? malloc(js.perms_cap * sizeof *js.perms) : NULL;
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
    FUZZ_CHECK(res.body_len == c.resp.body_len);

    /* the reference parse */
    ref_body = malloc(body_cap ? body_cap : 1);
    il_http_response_init(&ref, ref_body, body_cap);
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
                check_view(res.error.code, body, c.resp.body_len);
                check_view(res.error.message, body, c.resp.body_len);
                check_view(res.error.err, body, c.resp.body_len);
                FUZZ_CHECK(ref.body_len == 0 || is_json_type(ref.content_type));
            } else {
                FUZZ_CHECK(ref.body_len > 0);
            }
        } else if (ref.body_len > 0 && !is_json_type(ref.content_type)) {
            FUZZ_CHECK(st == IL_ERR_CONTENT_TYPE);
        } else if (st != IL_ERR_CONTENT_TYPE) {
            /* a JSON type the client refused (e.g. "x-json") is allowed */
            want = ref_decode(op, ref_body, ref.body_len, &js, &ref_auth);
            FUZZ_CHECK(st == want);
            if (st == IL_OK && op != OP_FIND && op != OP_LEGACY_FIND && op != OP_USER_FIND)
                FUZZ_CHECK(il_str_eq(res.auth.status, "inactive"));
        } else {
            FUZZ_CHECK(ref.body_len > 0);
        }
        if (st == IL_OK || st == IL_ERR_POSTCONDITION || st == IL_ERR_NO_MATCH)
            FUZZ_CHECK(ref.status >= 200 && ref.status < 300);
        if (st == IL_ERR_POSTCONDITION)
            FUZZ_CHECK(op == OP_INACTIVATE || op == OP_LEGACY_INACTIVATE);
        if (st == IL_ERR_NO_MATCH)
            FUZZ_CHECK(op == OP_LEGACY_FIND && res.matches == 0);
    }
    check_auth(&res.auth, body, c.resp.body_len);
    check_view(res.user.id, body, c.resp.body_len);
    check_view(res.user.name, body, c.resp.body_len);
    check_view(res.user.status, body, c.resp.body_len);
    free(ref_body);
out:
    free(req);
    free(body);
    free(js.toks);
    free(js.perms);
    return 0;
}
