/* SPDX-License-Identifier: Apache-2.0 */
/* test_json.c - the streaming decoder (core/json.c) against what Go's
 * encoding/json does with the official client's structs (influx-cli v2.8.0
 * api/model_*.gen.go): real answers, every split of the input, escapes and
 * UTF-8 coercion (decode.go unquoteBytes), key folding (fold.go), null,
 * every syntax error context (scanner.go), type errors and their field
 * paths (decode.go addErrorContext), permissions streamed or kept, strings
 * dropped when the store is full, nesting limits. */
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "il_json.h"

static il_permission_t perms[128];
static char store[65536];
static char doc[1 << 20];
static uint8_t nest[IL_JSON_GO_DEPTH / 8 + 1];
static il_json_t j;

static int str_is(il_str_t s, const char *lit) { return il_str_eq(s, lit); }

/* Decode text (n bytes) in pieces of split bytes (0: all at once) into the
 * il_auth_t, il_user_t or il_error_body_t out. */
static il_status_t decode_split(const il_json_model_t *m, const char *text, size_t n, size_t split, void *out,
                                size_t store_cap, const il_json_scratch_t *s)
{
    il_json_begin(&j, m, out, store, store_cap, s);
    if (split == 0) split = n > 0 ? n : 1;
    for (size_t i = 0; i < n; i += split) il_json_feed(&j, (const uint8_t *)text + i, n - i < split ? n - i : split);
    return il_json_end(&j);
}

static il_status_t auth_of(const char *text, il_auth_t *a)
{
    memset(a, 0, sizeof *a);
    a->perms = perms;
    a->perms_cap = 128;
    return decode_split(&il_json_authorization, text, strlen(text), 0, a, sizeof store, NULL);
}

/* The PATCH answer of capture a02, as the mock sent it. */
static const char a02[] = "{\"id\": \"06c86c40a9f36000\", \"token\": \"tok_abcdefghijklmnopqrstuvwxyz0123456789==\", \"status\": \"inactive\", \"description\": \"my token\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\", \"userID\": \"0b1c2d3e4f506172\", \"user\": \"myuser\", \"permissions\": [{\"action\": \"read\", \"resource\": {\"type\": \"buckets\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\"}}, {\"action\": \"write\", \"resource\": {\"type\": \"buckets\", \"id\": \"0c1d2e3f40516273\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\", \"name\": \"mybucket\"}}], \"createdAt\": \"2024-01-02T03:04:05.123456789Z\", \"updatedAt\": \"2024-01-02T03:04:06.987654321Z\", \"links\": {\"self\": \"/api/v2/authorizations/06c86c40a9f36000\", \"user\": \"/api/v2/users/0b1c2d3e4f506172\"}}";

static void json_auth_capture_a02(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of(a02, &a), IL_OK);
    CHECK(str_is(a.id, "06c86c40a9f36000"));
    CHECK(str_is(a.token, "tok_abcdefghijklmnopqrstuvwxyz0123456789=="));
    CHECK(str_is(a.status, "inactive"));
    CHECK(str_is(a.description, "my token"));
    CHECK(str_is(a.user, "myuser"));
    CHECK(str_is(a.user_id, "0b1c2d3e4f506172"));
    CHECK(str_is(a.org_id, "0a1b2c3d4e5f6071"));
    CHECK(str_is(a.org, "myorg"));
    CHECK_EQ_INT(a.perms_count, 2);
    CHECK_EQ_INT(a.perms_kept, 2);
    CHECK(str_is(a.perms[0].action, "read"));
    CHECK(str_is(a.perms[0].type, "buckets"));
    CHECK(a.perms[0].id.p == NULL);
    CHECK(str_is(a.perms[1].id, "0c1d2e3f40516273"));
    CHECK(str_is(a.perms[1].org_id, "0a1b2c3d4e5f6071"));
    CHECK_EQ_INT(j.dropped, 0);
}

/* Every split point, and one byte at a time, give the same strings. */
static void json_split_independent(void)
{
    il_auth_t a, b;
    size_t n = strlen(a02);
    CHECK_EQ_INT(auth_of(a02, &a), IL_OK);
    char want[512];
    snprintf(want, sizeof want, "%.*s|%.*s|%zu|%.*s", (int)a.token.n, a.token.p, (int)a.perms[1].id.n,
             a.perms[1].id.p, a.perms_count, (int)a.status.n, a.status.p);
    for (size_t split = 1; split <= n; split++) {
        memset(&b, 0, sizeof b);
        b.perms = perms;
        b.perms_cap = 128;
        CHECK_EQ_INT(decode_split(&il_json_authorization, a02, n, split, &b, sizeof store, NULL), IL_OK);
        char got[512];
        snprintf(got, sizeof got, "%.*s|%.*s|%zu|%.*s", (int)b.token.n, b.token.p, (int)b.perms[1].id.n,
                 b.perms[1].id.p, b.perms_count, (int)b.status.n, b.status.p);
        CHECK_EQ_STR(got, want);
    }
}

/* decode.go unquoteBytes: escapes, surrogate pairs, a lone surrogate and
 * every invalid UTF-8 byte become U+FFFD. */
static void json_escapes_and_utf8_coercion(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"description\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\\u003c\"}",
                         &a), IL_OK);
    CHECK(str_is(a.description, "a\"b\\c/d\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx<"));
    CHECK_EQ_INT(auth_of("{\"description\": \"\\udc00\\ud800\\ud800\\udc00\\ud800\\n\\ud800\"}", &a), IL_OK);
    CHECK(str_is(a.description, "\xef\xbf\xbd\xef\xbf\xbd\xf0\x90\x80\x80\xef\xbf\xbd\n\xef\xbf\xbd"));
    CHECK_EQ_INT(auth_of("{\"description\": \"\xff\xe2\x82" "A\xed\xa0\x80\xc3\xa9\xe2\x82\"}", &a), IL_OK);
    CHECK(str_is(a.description, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "A\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                "\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd"));
    CHECK_EQ_INT(auth_of("{\"description\": \"\\u0000x\"}", &a), IL_OK);
    CHECK_EQ_MEM(a.description.p, a.description.n, "\0x", 2);
}

/* fold.go: a-z fold to A-Z, and of the other runes only U+017F (to S) and
 * U+212A (to K); decode.go: the last duplicate wins, unknown keys are
 * skipped whatever they hold, keys are unescaped before matching. */
static void json_keys_fold_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"STATUS\": \"active\", \"Status\": \"inactive\", \"unknown\": {\"x\": [1, 2, "
                         "{\"y\": null}]}, \"id\": \"X\", \"to\xe2\x84\xaa" "en\": \"t\", \"\xc5\xbftatus\": \"s\"}",
                         &a), IL_OK);
    CHECK(str_is(a.status, "s"));
    CHECK(str_is(a.id, "X"));
    CHECK(str_is(a.token, "t"));
    CHECK_EQ_INT(auth_of("{\"\xc4\xb0" "d\": \"x\", \"\xc4\xb1" "d\": \"y\", \"st\\u0061tus\": \"esc\"}", &a), IL_OK);
    CHECK(a.id.p == NULL);              /* U+0130 and U+0131 fold to themselves */
    CHECK(str_is(a.status, "esc"));
}

/* null: a pointer field (id) is cleared, a plain string (orgID, action)
 * keeps its value, a slice (permissions) is cleared, a struct is left. */
static void json_null_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"id\": \"a\", \"id\": null, \"orgID\": \"o\", \"orgID\": null, \"permissions\": "
                         "[{\"action\": \"r\", \"action\": null, \"resource\": null}], \"links\": null}", &a), IL_OK);
    CHECK(a.id.p == NULL);
    CHECK(str_is(a.org_id, "o"));
    CHECK_EQ_INT(a.perms_count, 1);
    CHECK(str_is(a.perms[0].action, "r"));
    CHECK_EQ_INT(auth_of("{\"permissions\": [{\"action\": \"r\"}], \"permissions\": null}", &a), IL_OK);
    CHECK_EQ_INT(a.perms_count, 0);
    CHECK_EQ_INT(auth_of("{\"permissions\": [null, {\"action\": \"w\"}]}", &a), IL_OK);
    CHECK_EQ_INT(a.perms_count, 2);     /* a null element is a zero Permission */
    CHECK(a.perms[0].action.p == NULL && str_is(a.perms[1].action, "w"));
    CHECK_EQ_INT(auth_of("null", &a), IL_OK);
    CHECK_EQ_INT(auth_of(" {} ", &a), IL_OK);
}

/* scanner.go: each context, with the byte Go names. */
static void json_syntax_errors_as_go(void)
{
    static const struct { const char *text; uint8_t where, byte; } cases[] = {
        { "", IL_JSON_SYN_EOF, 0 }, { " \n", IL_JSON_SYN_EOF, 0 }, { "{", IL_JSON_SYN_EOF, 0 },
        { "{\"id\": \"abc", IL_JSON_SYN_EOF, 0 }, { "x", IL_JSON_SYN_VALUE, 'x' },
        { "{\"id\": }", IL_JSON_SYN_VALUE, '}' }, { "{'id': 1}", IL_JSON_SYN_KEY, '\'' },
        { "{\"a\":1,}", IL_JSON_SYN_KEY, '}' }, { "{\"id\" \"a\"}", IL_JSON_SYN_AFTER_KEY, '"' },
        { "{\"a\":1 \"b\":2}", IL_JSON_SYN_AFTER_PAIR, '"' }, { "{\"a\":[1 2]}", IL_JSON_SYN_AFTER_ELEM, '2' },
        { "[01]", IL_JSON_SYN_AFTER_ELEM, '1' }, { "{} x", IL_JSON_SYN_AFTER_TOP, 'x' },
        { "{}{}", IL_JSON_SYN_AFTER_TOP, '{' }, { "01", IL_JSON_SYN_AFTER_TOP, '1' },
        { "{\"a\":\"\x01\"}", IL_JSON_SYN_STRING, 1 }, { "{\"a\":\"\\q\"}", IL_JSON_SYN_ESCAPE, 'q' },
        { "\"\\", IL_JSON_SYN_ESCAPE, ' ' }, { "{\"a\":\"\\u12x\"}", IL_JSON_SYN_HEX, 'x' },
        { "\"\\u12", IL_JSON_SYN_HEX, ' ' }, { "-x", IL_JSON_SYN_NUMBER, 'x' }, { "-", IL_JSON_SYN_NUMBER, ' ' },
        { "1.x", IL_JSON_SYN_DOT, 'x' }, { "1.", IL_JSON_SYN_DOT, ' ' }, { "1e+x", IL_JSON_SYN_EXPONENT, 'x' },
        { "1e", IL_JSON_SYN_EXPONENT, ' ' }, { "tru", IL_JSON_SYN_LITERAL, ' ' },
        { "nulx", IL_JSON_SYN_LITERAL, 'x' }, { "\xff", IL_JSON_SYN_VALUE, 0xff },
    };
    il_auth_t a;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_EQ_INT(auth_of(cases[i].text, &a), IL_ERR_JSON);
        CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
        if (j.err.syntax != cases[i].where || (cases[i].where != IL_JSON_SYN_EOF && j.err.byte != cases[i].byte))
            printf("  (input %zu: %s: where %u byte %u)\n", i, cases[i].text, j.err.syntax, j.err.byte);
        CHECK_EQ_INT(j.err.syntax, cases[i].where);
        if (cases[i].where != IL_JSON_SYN_EOF) CHECK_EQ_INT(j.err.byte, cases[i].byte);
    }
    CHECK_EQ_INT(auth_of("tru", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.lit, 't');
    CHECK_EQ_INT(j.err.expect, 'e');
    /* a syntax error anywhere wins over a type error before it */
    CHECK_EQ_INT(auth_of("{\"id\": 1} x", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
}

/* decode.go: the first type error is kept, with the fields on the way. */
static void json_type_errors_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"id\": 1, \"status\": {}}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TYPE);
    CHECK_EQ_INT(j.err.found, IL_JSON_K_NUMBER);
    CHECK_EQ_INT(j.err.depth, 1);
    CHECK_EQ_STR(j.err.path[0]->key, "id");
    CHECK_EQ_INT(j.err.strct, IL_JSON_M_AUTHORIZATION);
    CHECK_EQ_INT(auth_of("{\"permissions\": [{\"resource\": {\"type\": 5}}]}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 3);
    CHECK_EQ_STR(j.err.path[2]->key, "type");
    CHECK_EQ_INT(j.err.strct, IL_JSON_M_PERMISSION_RESOURCE);
    CHECK(!j.err.elem);
    CHECK_EQ_INT(auth_of("{\"permissions\": [true]}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.found, IL_JSON_K_BOOL);
    CHECK(j.err.elem);
    CHECK_EQ_INT(j.err.strct, IL_JSON_M_AUTHORIZATION);
    CHECK_EQ_INT(auth_of("[]", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 0);
    CHECK_EQ_INT(j.err.top, IL_JSON_M_AUTHORIZATION);
    CHECK_EQ_INT(auth_of("{\"createdAt\": null, \"updatedAt\": \"any\", \"id\": 1, \"createdAt\": 5}", &a),
                 IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TIME);     /* Go returns it at once: it wins */
    CHECK_EQ_INT(auth_of("{\"user\": {\"a\": [1, {\"b\": 2}]}, \"links\": {\"self\": \"/x\", \"other\": 1}}", &a),
                 IL_ERR_JSON);
    CHECK_EQ_STR(j.err.path[0]->key, "user");
    CHECK_EQ_INT(j.err.found, IL_JSON_K_OBJECT);
}

static void json_error_models(void)
{
    il_error_body_t e;
    memset(&e, 0, sizeof e);
    const char *t = "{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}";
    CHECK_EQ_INT(decode_split(&il_json_error, t, strlen(t), 0, &e, sizeof store, NULL), IL_OK);
    CHECK(str_is(e.code, "not found") && str_is(e.message, "authorization not found") && e.err.p == NULL);
    t = "{\"message\": 5, \"code\": 5}";     /* api.ErrorCode's own UnmarshalJSON: at once */
    CHECK_EQ_INT(decode_split(&il_json_error, t, strlen(t), 0, &e, sizeof store, NULL), IL_ERR_JSON);
    CHECK(j.err.what == IL_JSON_ERR_TYPE && j.err.immediate && strcmp(j.err.path[0]->key, "code") == 0);
    t = "{\"code\": null}";
    CHECK_EQ_INT(decode_split(&il_json_error, t, strlen(t), 0, &e, sizeof store, NULL), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_CODE_NULL);
    memset(&e, 0, sizeof e);
    t = "{\"code\": 5, \"message\": \"m\", \"err\": 1}";   /* no such fields, or any string */
    CHECK_EQ_INT(decode_split(&il_json_unauthorized, t, strlen(t), 0, &e, sizeof store, NULL), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.strct, IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR);
    t = "{\"code\": \"bogus\", \"message\": \"m\", \"err\": 1}";
    CHECK_EQ_INT(decode_split(&il_json_unauthorized, t, strlen(t), 0, &e, sizeof store, NULL), IL_OK);
    CHECK(str_is(e.message, "m") && e.err.p == NULL);
}

static void json_user_and_list(void)
{
    il_user_t u;
    il_auth_t a;
    memset(&u, 0, sizeof u);
    const char *t = "{\"links\": {\"self\": \"/api/v2/users/0b1c2d3e4f506172\"}, \"id\": \"0b1c2d3e4f506172\", "
                    "\"name\": \"myuser\", \"status\": \"active\"}";
    CHECK_EQ_INT(decode_split(&il_json_user, t, strlen(t), 0, &u, sizeof store, NULL), IL_OK);
    CHECK(str_is(u.name, "myuser") && str_is(u.id, "0b1c2d3e4f506172"));
    memset(&a, 0, sizeof a);
    t = "{\"links\": {\"self\": \"/private/legacy/authorizations\"}, \"authorizations\": [{\"id\": \"A\", "
        "\"token\": \"myv1user\", \"permissions\": [{\"action\": \"read\"}]}, {\"id\": \"B\"}, null]}";
    CHECK_EQ_INT(decode_split(&il_json_authorizations, t, strlen(t), 0, &a, sizeof store, NULL), IL_OK);
    CHECK_EQ_INT(j.count, 3);
    CHECK(str_is(a.id, "A") && str_is(a.token, "myv1user"));
    CHECK_EQ_INT(a.perms_count, 1);     /* the first entry's only */
    t = "{\"authorizations\": [{\"permissions\": [{\"action\": true}]}]}";
    CHECK_EQ_INT(decode_split(&il_json_authorizations, t, strlen(t), 0, &a, sizeof store, NULL), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 3);
    CHECK_EQ_INT(j.err.strct, IL_JSON_M_PERMISSION);
}

/* An authorization of n permissions, influxd's pretty printing. */
static size_t make_big(size_t n)
{
    size_t off = (size_t)snprintf(doc, sizeof doc, "{\n\t\"id\": \"0d2a3c5b7e8f9000\",\n\t\"status\": \"inactive\","
                                                   "\n\t\"permissions\": [");
    for (size_t i = 0; i < n; i++)
        off += (size_t)snprintf(doc + off, sizeof doc - off,
                                "%s\n\t\t{\n\t\t\t\"action\": \"%s\",\n\t\t\t\"resource\": {\n\t\t\t\t\"type\": "
                                "\"buckets\",\n\t\t\t\t\"id\": \"%016zx\",\n\t\t\t\t\"orgID\": \"0f2b3c4d5e6f7081\","
                                "\n\t\t\t\t\"name\": \"bucket-%zu\",\n\t\t\t\t\"org\": \"acme\"\n\t\t\t}\n\t\t}",
                                i ? "," : "", i % 2 ? "write" : "read", i / 2 + 1, i / 2);
    off += (size_t)snprintf(doc + off, sizeof doc - off, "\n\t],\n\t\"description\": \"big\"\n}");
    return off;
}

static size_t seen, seen_bytes, restarts;
static void count_perm(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) {
        restarts++;
        seen = 0;
        return;
    }
    seen++;
    seen_bytes += p->action.n + p->type.n + p->id.n + p->org_id.n;
}

/* 1,000 permissions (a 180 KB answer) through a 96-byte store: each one
 * to the callback, the store reused for every one of them. */
static void json_thousand_permissions_streamed(void)
{
    il_json_scratch_t s = { NULL, 0, count_perm, NULL, NULL, 0 };
    il_auth_t a;
    size_t n = make_big(1000);
    CHECK(n > 180000);
    memset(&a, 0, sizeof a);
    seen = seen_bytes = restarts = 0;
    CHECK_EQ_INT(decode_split(&il_json_authorization, doc, n, 1000, &a, 96, &s), IL_OK);
    CHECK_EQ_INT(seen, 1000);
    CHECK_EQ_INT(a.perms_count, 1000);
    CHECK_EQ_INT(restarts, 2);          /* the answer, then its "permissions" key */
    CHECK_EQ_INT(seen_bytes, 500 * (4 + 5) + 1000 * (7 + 16 + 16));
    CHECK(str_is(a.status, "inactive") && str_is(a.description, "big"));
    CHECK(j.store_used <= 96);
    CHECK_EQ_INT(j.dropped, 0);
}

/* The caller's array keeps the first ones; all are counted. */
static void json_thousand_permissions_counted(void)
{
    il_json_scratch_t s = { NULL, 0, NULL, NULL, NULL, 0 };
    il_auth_t a;
    size_t n = make_big(1000);
    memset(&a, 0, sizeof a);
    a.perms = perms;
    a.perms_cap = 8;
    CHECK_EQ_INT(decode_split(&il_json_authorization, doc, n, 0, &a, 4096, &s), IL_OK);
    CHECK_EQ_INT(a.perms_count, 1000);
    CHECK_EQ_INT(a.perms_kept, 8);
    CHECK(str_is(a.perms[7].id, "0000000000000004") && str_is(a.perms[7].action, "write"));
    CHECK_EQ_INT(j.dropped, 0);
}

/* A store too small: strings are dropped and counted, never cut; the
 * permissions that do not fit are not kept. */
static void json_small_store_drops_whole_strings(void)
{
    il_auth_t a;
    const char *t = "{\"id\": \"0123456789abcdef\", \"description\": \"a long description\", \"status\": \"inactive\","
                    " \"permissions\": [{\"action\": \"read\", \"resource\": {\"type\": \"buckets\"}}]}";
    memset(&a, 0, sizeof a);
    a.perms = perms;
    a.perms_cap = 8;
    CHECK_EQ_INT(decode_split(&il_json_authorization, t, strlen(t), 0, &a, 30, NULL), IL_OK);
    CHECK(str_is(a.id, "0123456789abcdef"));
    CHECK(a.description.p == NULL);
    CHECK(str_is(a.status, "inactive"));
    CHECK_EQ_INT(j.dropped, 1);
    CHECK_EQ_INT(a.perms_count, 1);
    CHECK_EQ_INT(a.perms_kept, 0);      /* "buckets" did not fit after "read" */
    CHECK(j.store_used <= 30);
}

/* Go allows 10,000 levels; the scratch's bits allow what they hold. */
static void json_nesting_limits(void)
{
    il_json_scratch_t s = { NULL, 0, NULL, NULL, nest, sizeof nest };
    il_auth_t a;
    size_t n;
    memset(&a, 0, sizeof a);
    for (n = 0; n < 70; n++) doc[n] = '[';
    CHECK_EQ_INT(decode_split(&il_json_authorization, doc, n, 0, &a, 64, NULL), IL_ERR_JSON_TOO_LARGE);
    memset(doc, '[', IL_JSON_GO_DEPTH);
    memset(doc + IL_JSON_GO_DEPTH, ']', IL_JSON_GO_DEPTH);
    n = 2 * IL_JSON_GO_DEPTH;
    CHECK_EQ_INT(decode_split(&il_json_authorization, doc, n, 0, &a, 64, &s), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TYPE);     /* 10,000 levels: an array, not an object */
    doc[IL_JSON_GO_DEPTH] = '[';
    CHECK_EQ_INT(decode_split(&il_json_authorization, doc, IL_JSON_GO_DEPTH + 1, 0, &a, 64, &s), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
    CHECK_EQ_INT(j.err.syntax, IL_JSON_SYN_DEPTH);
    CHECK_EQ_INT(j.err.byte, '[');
}

int main(void)
{
    RUN(json_auth_capture_a02);
    RUN(json_split_independent);
    RUN(json_escapes_and_utf8_coercion);
    RUN(json_keys_fold_as_go);
    RUN(json_null_as_go);
    RUN(json_syntax_errors_as_go);
    RUN(json_type_errors_as_go);
    RUN(json_error_models);
    RUN(json_user_and_list);
    RUN(json_thousand_permissions_streamed);
    RUN(json_thousand_permissions_counted);
    RUN(json_small_store_drops_whole_strings);
    RUN(json_nesting_limits);
    return check_summary();
}
