/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_json.c - the four jsmn decoders.
 *
 * Input: byte 0 picks the small token array (1 + (b0 & 63) tokens), byte 1
 * the small permission array (b1 & 7); the rest is the body. Every decoder
 * runs on a fresh heap copy of exactly the body's size, once with the small
 * arrays and once with large ones (4096 tokens, 256 permissions), each array
 * allocated at its exact size. Invariants:
 *  - every decoded il_str_t is absent (NULL, 0) or lies inside the body (an
 *    in-place unescape running past the end shows here or as an ASan report);
 *  - perms_count <= perms_cap, perms points at the caller's array;
 *  - if the small arrays decode, the large ones decode to the same views
 *    (same offsets and lengths), and IL_ERR_JSON_TOO_LARGE from the large
 *    arrays implies it from the small ones;
 *  - the result is one of IL_OK, IL_ERR_JSON, IL_ERR_JSON_TOO_LARGE. */
#include "fuzz_common.h"
#include "il_json.h"

#define BIG_TOKS 4096
#define BIG_PERMS 256

enum { D_AUTH, D_LIST, D_USER, D_ERROR, D_COUNT };

/* Field views as offsets into the body: comparable between copies. */
typedef struct {
    il_status_t st;
    size_t n_views;
    long off[8 + 4 * BIG_PERMS];
    size_t len[8 + 4 * BIG_PERMS];
    size_t count;
} views_t;

static void add_view(views_t *v, il_str_t s, const char *base, size_t blen)
{
    FUZZ_CHECK(fuzz_inside(s.p, s.n, base, blen));
    if (s.p == NULL)
        FUZZ_CHECK(s.n == 0);
    v->off[v->n_views] = s.p ? (long)(s.p - base) : -1;
    v->len[v->n_views] = s.n;
    v->n_views++;
}

static void add_auth(views_t *v, const il_auth_t *a, const char *base, size_t blen,
                     const il_permission_t *perms, size_t perms_cap)
{
    size_t i;
    FUZZ_CHECK(a->perms == perms);
    FUZZ_CHECK(a->perms_cap == perms_cap);
    FUZZ_CHECK(a->perms_count <= perms_cap);
    add_view(v, a->id, base, blen);
    add_view(v, a->token, base, blen);
    add_view(v, a->status, base, blen);
    add_view(v, a->description, base, blen);
    add_view(v, a->org_id, base, blen);
    add_view(v, a->org, base, blen);
    add_view(v, a->user_id, base, blen);
    add_view(v, a->user, base, blen);
    for (i = 0; i < a->perms_count; i++) {
        add_view(v, a->perms[i].action, base, blen);
        add_view(v, a->perms[i].type, base, blen);
        add_view(v, a->perms[i].id, base, blen);
        add_view(v, a->perms[i].org_id, base, blen);
    }
    v->count = a->perms_count;
}

static void run(int which, const uint8_t *data, size_t len, size_t ntoks, size_t nperms,
                views_t *v)
{
    char *body = (char *)fuzz_dup(data, len);
    il_json_scratch_t s;
    il_auth_t auth;
    il_user_t user;
    il_error_body_t err;
    size_t count = (size_t)-1;

    s.toks = malloc(ntoks * sizeof *s.toks);
    s.toks_cap = ntoks;
    s.perms = nperms ? malloc(nperms * sizeof *s.perms) : NULL;
    s.perms_cap = nperms;
    memset(v, 0, sizeof *v);
    switch (which) {
    case D_AUTH:
        v->st = il_json_decode_auth(body, len, &s, &auth);
        if (v->st == IL_OK)
            add_auth(v, &auth, body, len, s.perms, nperms);
        break;
    case D_LIST:
        v->st = il_json_decode_auth_list(body, len, &s, &auth, &count);
        if (v->st == IL_OK) {
            add_auth(v, &auth, body, len, s.perms, nperms);
            v->count = count;
            if (count == 0)   /* no entry: nothing decoded */
                FUZZ_CHECK(auth.id.p == NULL && auth.perms_count == 0);
        }
        break;
    case D_USER:
        v->st = il_json_decode_user(body, len, &s, &user);
        if (v->st == IL_OK) {
            add_view(v, user.id, body, len);
            add_view(v, user.name, body, len);
            add_view(v, user.status, body, len);
        }
        break;
    default:
        v->st = il_json_decode_error(body, len, &s, &err);
        if (v->st == IL_OK) {
            add_view(v, err.code, body, len);
            add_view(v, err.message, body, len);
            add_view(v, err.err, body, len);
        }
        break;
    }
    FUZZ_CHECK(v->st == IL_OK || v->st == IL_ERR_JSON || v->st == IL_ERR_JSON_TOO_LARGE);
    /* il_str_eq agrees with memcmp on every view */
    if (v->st == IL_OK && v->n_views > 0 && v->off[0] >= 0) {
        il_str_t s0;
        char lit[32];
        s0.p = body + v->off[0];
        s0.n = v->len[0];
        if (s0.n < sizeof lit && memchr(s0.p, '\0', s0.n) == NULL) {
            memcpy(lit, s0.p, s0.n);
            lit[s0.n] = '\0';
            FUZZ_CHECK(il_str_eq(s0, lit));
        }
    }
    free(s.toks);
    free(s.perms);
    free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static views_t small, big;
    size_t ntoks, nperms;
    int d;

    if (size < 2)
        return 0;
    ntoks = 1 + (size_t)(data[0] & 63);
    nperms = data[1] & 7;
    data += 2;
    size -= 2;
    for (d = 0; d < D_COUNT; d++) {
        run(d, data, size, ntoks, nperms, &small);
        run(d, data, size, BIG_TOKS, BIG_PERMS, &big);
        if (small.st == IL_OK) {
            FUZZ_CHECK(big.st == IL_OK);
            FUZZ_CHECK(big.n_views == small.n_views && big.count == small.count);
            FUZZ_CHECK(memcmp(big.off, small.off, small.n_views * sizeof small.off[0]) == 0);
            FUZZ_CHECK(memcmp(big.len, small.len, small.n_views * sizeof small.len[0]) == 0);
        }
        if (big.st == IL_ERR_JSON_TOO_LARGE)
            FUZZ_CHECK(small.st == IL_ERR_JSON_TOO_LARGE);
    }
    return 0;
}
