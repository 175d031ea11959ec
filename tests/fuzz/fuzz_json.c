/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_json.c - the streaming decoder (core/json.c) with each answer model.
 *
 * Input: byte 0 seeds the split sizes, byte 1 picks a small store (4 * b1
 * bytes); the rest is the body. Each model decodes the body three times:
 * whole with a large store, in random pieces with the same store, and in
 * the same pieces with the small store. Every store is a heap allocation
 * of its exact size. Invariants:
 *  - the verdict (status, and every field of il_json_error_t) does not
 *    depend on the split, nor on the store's size: dropping a string never
 *    changes it;
 *  - with the same store, every kept string and every permission handed to
 *    the callback is the same, byte for byte; with the small store, a
 *    string is the same or dropped (absent), and j.dropped counts at least
 *    the strings that differ;
 *  - every kept string lies inside the store, and so does every string of
 *    a permission while the callback has it;
 *  - perms_count is the same everywhere, and the callback saw exactly that
 *    many after its last restart;
 *  - the status is IL_OK exactly when no error is reported, and one of
 *    IL_OK, IL_ERR_JSON, IL_ERR_JSON_TOO_LARGE. */
#include "fuzz_common.h"
#include "il_json.h"

#define BIG_STORE 65536

typedef struct {
    il_status_t st;
    il_json_error_t err;
    il_auth_t auth;           /* also holds a user's or an error's strings (same layout start) */
    size_t count, dropped, seen;
    uint32_t perm_hash;       /* of the permissions the callback saw, in order */
    char *store;
    size_t store_cap;
} result_t;

static result_t *current;

static uint32_t hash_str(uint32_t h, il_str_t s)
{
    h = h * 31u + (s.p == NULL ? 7u : 11u);
    for (size_t i = 0; i < s.n; i++) h = h * 31u + (uint8_t)s.p[i];
    return h;
}

static void on_perm(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) {
        current->seen = 0;
        current->perm_hash = 0;
        return;
    }
    current->seen++;
    for (int i = 0; i < 4; i++) {
        il_str_t s = (&p->action)[i];
        FUZZ_CHECK(fuzz_inside(s.p, s.n, current->store, current->store_cap));
        current->perm_hash = hash_str(current->perm_hash, s);
    }
}

static void check_string(il_str_t s, const char *store, size_t cap)
{
    FUZZ_CHECK(fuzz_inside(s.p, s.n, store, cap));
    if (s.p == NULL) FUZZ_CHECK(s.n == 0);
}

/* Decode data with model m: split > 0 feeds pieces of 1..split bytes. */
static void run(uint8_t m, const uint8_t *data, size_t len, uint32_t seed, size_t split, size_t store_cap,
                result_t *r)
{
    il_json_scratch_t s = { on_perm, NULL, NULL, 0 };
    static il_json_t j;
    fuzz_rng_t rng;
    uint8_t *copy = fuzz_dup(data, len);
    size_t i = 0, nstr = m == IL_JSON_M_AUTHORIZATION || m == IL_JSON_M_AUTHORIZATIONS ? 8 : 3;

    memset(r, 0, sizeof *r);
    r->store = malloc(store_cap ? store_cap : 1);
    r->store_cap = store_cap;
    current = r;
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
    for (i = 0; i < IL_JSON_LEVELS; i++) r->err.lv[i].target = NULL;   /* addresses of this run's own */
    r->count = j.count;
    r->dropped = j.dropped;
    FUZZ_CHECK(r->st == IL_OK || r->st == IL_ERR_JSON || r->st == IL_ERR_JSON_TOO_LARGE);
    FUZZ_CHECK((r->st == IL_OK) == (j.err.what == IL_JSON_ERR_NONE));
    FUZZ_CHECK(j.store_used <= store_cap);
    for (i = 0; i < nstr; i++) check_string((&r->auth.id)[i], r->store, store_cap);
    if (r->st == IL_OK && nstr == 8) FUZZ_CHECK(r->seen == r->auth.perms_count);
    free(copy);
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
    size_t small_store = 4u * data[1], split_max = 1u + data[0] % 17u;
    data += 2;
    size -= 2;
    for (uint8_t m = 0; m <= IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR; m++) {
        size_t nstr = m <= IL_JSON_M_AUTHORIZATIONS ? 8 : 3, dropped = 0;
        run(m, data, size, seed, 0, BIG_STORE, &whole);
        run(m, data, size, seed, split_max, BIG_STORE, &split);
        run(m, data, size, seed, split_max, small_store, &small);
        FUZZ_CHECK(whole.st == split.st && whole.st == small.st);
        FUZZ_CHECK(memcmp(&whole.err, &split.err, sizeof whole.err) == 0);
        FUZZ_CHECK(memcmp(&whole.err, &small.err, sizeof whole.err) == 0);
        FUZZ_CHECK(whole.count == split.count && whole.count == small.count);
        FUZZ_CHECK(whole.auth.perms_count == split.auth.perms_count);
        FUZZ_CHECK(whole.auth.perms_count == small.auth.perms_count);
        FUZZ_CHECK(whole.seen == split.seen && whole.seen == small.seen);
        FUZZ_CHECK(whole.perm_hash == split.perm_hash);
        for (size_t i = 0; i < nstr; i++) {
            il_str_t a = (&whole.auth.id)[i], b = (&split.auth.id)[i], c = (&small.auth.id)[i];
            FUZZ_CHECK(same_str(a, b));
            if (!same_str(a, c)) {
                FUZZ_CHECK(c.p == NULL && a.p != NULL);
                dropped++;
            }
        }
        if (whole.dropped == 0) FUZZ_CHECK(small.dropped >= dropped);
        if (whole.dropped == 0 && small.dropped == 0) FUZZ_CHECK(whole.perm_hash == small.perm_hash);
        free(whole.store);
        free(split.store);
        free(small.store);
    }
    return 0;
}
