/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_json.c - the streaming decoder (core/json.c) with each answer model.
 *
 * Input: byte 0 seeds the split sizes, byte 1 picks a small store (4 * b1
 * bytes) and a small permission array (b1 & 7); the rest is the body. Each
 * model decodes the body three times: whole with a large store, in random
 * pieces with the same store, and in the same pieces with the small store
 * and permissions counted by a callback. Every store and array is a heap
 * allocation of its exact size. Invariants:
 *  - the verdict (status, and every field of il_json_error_t) does not
 *    depend on the split, nor on the store's size: dropping a string never
 *    changes it;
 *  - with the same store, every kept string is the same, byte for byte;
 *    with the small store, a string is the same or dropped (absent), and
 *    j.dropped counts exactly the strings dropped;
 *  - every kept string lies inside the store, and is valid UTF-8 (invalid
 *    input bytes become U+FFFD);
 *  - perms_count is the same everywhere, perms_kept <= perms_cap, and the
 *    callback sees perms_count permissions;
 *  - the status is IL_OK exactly when no error is reported, and one of
 *    IL_OK, IL_ERR_JSON, IL_ERR_JSON_TOO_LARGE. */
#include "fuzz_common.h"
#include "il_json.h"
#include "il_text.h"

#define BIG_STORE 65536
#define BIG_PERMS 64

typedef struct {
    il_status_t st;
    il_json_error_t err;
    il_auth_t auth;           /* also holds a user's or an error's strings (same layout start) */
    size_t count, dropped, seen;
    char *store;
} result_t;

static size_t seen_perms;
static void on_perm(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) seen_perms = 0;
    else seen_perms++;
}

static void check_string(il_str_t s, const char *store, size_t cap)
{
    size_t i = 0;
    FUZZ_CHECK(fuzz_inside(s.p, s.n, store, cap));
    if (s.p == NULL) {
        FUZZ_CHECK(s.n == 0);
        return;
    }
    while (i < s.n) {
        uint32_t r;
        size_t w = il_utf8_decode((const unsigned char *)s.p + i, s.n - i, &r);
        FUZZ_CHECK(!(w == 1 && (unsigned char)s.p[i] >= 0x80));    /* valid UTF-8 only */
        i += w;
    }
}

static const il_json_model_t *const models[] = {
    &il_json_authorization, &il_json_authorizations, &il_json_user, &il_json_error, &il_json_unauthorized,
};

/* Decode data with model m: split > 0 feeds pieces of 1..split bytes. */
static void run(const il_json_model_t *m, const uint8_t *data, size_t len, uint32_t seed, size_t split,
                size_t store_cap, size_t perms_cap, bool callback, result_t *r)
{
    il_json_scratch_t s = { NULL, 0, callback ? on_perm : NULL, NULL, NULL, 0 };
    static il_json_t j;
    fuzz_rng_t rng;
    il_permission_t *perms = perms_cap ? malloc(perms_cap * sizeof *perms) : NULL;
    uint8_t *copy = fuzz_dup(data, len);
    size_t i = 0, nstr = m == &il_json_authorization || m == &il_json_authorizations ? 8 : 3;

    memset(r, 0, sizeof *r);
    r->store = malloc(store_cap ? store_cap : 1);
    r->auth.perms = perms;
    r->auth.perms_cap = perms_cap;
    seen_perms = 0;
    fuzz_rng_seed(&rng, seed);
    il_json_begin(&j, m, &r->auth, r->store, store_cap, &s);
    while (i < len) {
        size_t n = split ? 1 + fuzz_rng_next(&rng) % split : len;
        if (n > len - i) n = len - i;
        il_json_feed(&j, copy + i, n);
        i += n;
    }
    r->st = il_json_end(&j);
    r->err = j.err;
    r->count = j.count;
    r->dropped = j.dropped;
    r->seen = seen_perms;
    FUZZ_CHECK(r->st == IL_OK || r->st == IL_ERR_JSON || r->st == IL_ERR_JSON_TOO_LARGE);
    FUZZ_CHECK((r->st == IL_OK) == (j.err.what == IL_JSON_ERR_NONE));
    FUZZ_CHECK(j.store_used <= store_cap);
    for (i = 0; i < nstr; i++) check_string((&r->auth.id)[i], r->store, store_cap);
    FUZZ_CHECK(r->auth.perms_kept <= perms_cap && r->auth.perms_kept <= r->auth.perms_count);
    for (i = 0; i < r->auth.perms_kept; i++) {
        check_string(perms[i].action, r->store, store_cap);
        check_string(perms[i].type, r->store, store_cap);
        check_string(perms[i].id, r->store, store_cap);
        check_string(perms[i].org_id, r->store, store_cap);
    }
    if (callback) FUZZ_CHECK(r->auth.perms_kept == 0 && r->seen == r->auth.perms_count);
    free(copy);
}

static void done(result_t *r)
{
    free(r->auth.perms);
    free(r->store);
}

static bool same_str(il_str_t a, il_str_t b)
{
    return a.n == b.n && (a.p == NULL) == (b.p == NULL) && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static result_t whole, split, small;
    if (size < 2) return 0;
    uint32_t seed = 0x2545f491u * (uint32_t)(data[0] + 1);
    size_t small_store = 4u * data[1], small_perms = data[1] & 7, split_max = 1u + data[0] % 17u;
    data += 2;
    size -= 2;
    for (size_t m = 0; m < sizeof models / sizeof models[0]; m++) {
        size_t nstr = m < 2 ? 8 : 3, dropped = 0;
        run(models[m], data, size, seed, 0, BIG_STORE, BIG_PERMS, false, &whole);
        run(models[m], data, size, seed, split_max, BIG_STORE, BIG_PERMS, false, &split);
        run(models[m], data, size, seed, split_max, small_store, small_perms, true, &small);
        FUZZ_CHECK(whole.st == split.st && whole.st == small.st);
        FUZZ_CHECK(memcmp(&whole.err, &split.err, sizeof whole.err) == 0);
        FUZZ_CHECK(memcmp(&whole.err, &small.err, sizeof whole.err) == 0);
        FUZZ_CHECK(whole.count == split.count && whole.count == small.count);
        FUZZ_CHECK(whole.auth.perms_count == split.auth.perms_count);
        FUZZ_CHECK(whole.auth.perms_count == small.auth.perms_count);
        FUZZ_CHECK(whole.auth.perms_kept == split.auth.perms_kept);
        for (size_t i = 0; i < nstr; i++) {
            il_str_t a = (&whole.auth.id)[i], b = (&split.auth.id)[i], c = (&small.auth.id)[i];
            FUZZ_CHECK(same_str(a, b));
            if (!same_str(a, c)) {
                FUZZ_CHECK(c.p == NULL && a.p != NULL);
                dropped++;
            }
        }
        for (size_t i = 0; i < whole.auth.perms_kept; i++)
            FUZZ_CHECK(same_str(whole.auth.perms[i].type, split.auth.perms[i].type) &&
                       same_str(whole.auth.perms[i].id, split.auth.perms[i].id));
        if (whole.dropped == 0 && small.dropped == 0) FUZZ_CHECK(dropped == 0);
        if (whole.dropped == 0) FUZZ_CHECK(small.dropped >= dropped);
        done(&whole);
        done(&split);
        done(&small);
    }
    return 0;
}
