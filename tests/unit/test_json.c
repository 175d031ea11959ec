/* SPDX-License-Identifier: Apache-2.0 */
/* test_json.c - the streaming decoder (core/json.c) against what Go's
 * encoding/json does with the official client's structs (influx-cli v2.8.0
 * api/model_*.gen.go): real answers, every split of the input, escapes
 * (decode.go unquoteBytes), key folding (fold.go), null, where the scanner
 * stands at each syntax error (scanner.go), type errors and the levels
 * down to them (decode.go addErrorContext), permissions streamed to the
 * callback and counted, strings dropped when the store is full, nesting
 * limits. */
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "il_json.h"

static char store[65536];

/* The permissions the callback is given, copied as they come. */
static struct { char s[4][64]; size_t n[4]; bool set[4]; } got[1100];
static size_t ngot, restarts;
static void keep_perm(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) {
        ngot = 0;
        restarts++;
        return;
    }
    if (ngot >= sizeof got / sizeof got[0]) return;
    for (int i = 0; i < 4; i++) {
        il_str_t v = (&p->action)[i];
        got[ngot].set[i] = v.p != NULL;
        got[ngot].n[i] = v.n < 64 ? v.n : 64;
        if (v.p != NULL) memcpy(got[ngot].s[i], v.p, got[ngot].n[i]);
    }
    ngot++;
}
static const il_json_scratch_t keep = { keep_perm, NULL, NULL, 0 };

/* Permission k's field i (0 action, 1 type, 2 id, 3 orgID) is lit. */
static int perm_is(size_t k, int i, const char *lit)
{
    if (lit == NULL) return k < ngot && !got[k].set[i];
    return k < ngot && got[k].set[i] && got[k].n[i] == strlen(lit) && memcmp(got[k].s[i], lit, got[k].n[i]) == 0;
}
static char doc[1 << 20];
static uint8_t nest[IL_JSON_GO_DEPTH / 8 + 1];
static il_json_t j;

static int str_is(il_str_t s, const char *lit) { return il_str_eq(s, lit); }

/* Decode text (n bytes) in pieces of split bytes (0: all at once) into the
 * il_auth_t, il_user_t or il_error_body_t out. */
static il_status_t decode_split(uint8_t m, const char *text, size_t n, size_t split, void *out,
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
    return decode_split(IL_JSON_M_AUTHORIZATION, text, strlen(text), 0, a, sizeof store, &keep);
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
    CHECK_EQ_INT(ngot, 2);
    CHECK(perm_is(0, 0, "read") && perm_is(0, 1, "buckets") && perm_is(0, 2, NULL));
    CHECK(perm_is(1, 2, "0c1d2e3f40516273") && perm_is(1, 3, "0a1b2c3d4e5f6071"));
    CHECK_EQ_INT(j.dropped, 0);
}

/* Every split point, and one byte at a time, give the same strings. */
static void json_split_independent(void)
{
    il_auth_t a, b;
    size_t n = strlen(a02);
    CHECK_EQ_INT(auth_of(a02, &a), IL_OK);
    char want[512];
    snprintf(want, sizeof want, "%.*s|%.*s|%zu|%.*s", (int)a.token.n, a.token.p, (int)got[1].n[2], got[1].s[2],
             a.perms_count, (int)a.status.n, a.status.p);
    for (size_t split = 1; split <= n; split++) {
        memset(&b, 0, sizeof b);
        CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, a02, n, split, &b, sizeof store, &keep), IL_OK);
        char line[512];
        snprintf(line, sizeof line, "%.*s|%.*s|%zu|%.*s", (int)b.token.n, b.token.p, (int)got[1].n[2],
                 got[1].s[2], b.perms_count, (int)b.status.n, b.status.p);
        CHECK_EQ_STR(line, want);
    }
}

/* decode.go unquoteBytes: escapes, surrogate pairs, a lone surrogate and
 * every invalid UTF-8 byte become U+FFFD. */
/* decode.go unquoteBytes: escapes and surrogate pairs; a lone surrogate is
 * U+FFFD. The other bytes stay as they came (the CLI coerces invalid UTF-8
 * where it prints, cli_put_decoded). */
static void json_escapes_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"description\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\\u003c\"}",
                         &a), IL_OK);
    CHECK(str_is(a.description, "a\"b\\c/d\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx<"));
    CHECK_EQ_INT(auth_of("{\"description\": \"\\udc00\\ud800\\ud800\\udc00\\ud800\\n\\ud800\"}", &a), IL_OK);
    CHECK(str_is(a.description, "\xef\xbf\xbd\xef\xbf\xbd\xf0\x90\x80\x80\xef\xbf\xbd\n\xef\xbf\xbd"));
    CHECK_EQ_INT(auth_of("{\"description\": \"\xff\xe2\x82" "A\"}", &a), IL_OK);
    CHECK(str_is(a.description, "\xff\xe2\x82" "A"));
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
    CHECK_EQ_INT(auth_of("{\"\xc4\xb0" "d\": \"x\", \"\xc4\xb1" "d\": \"y\", \"st\\u0061tus\": \"esc\", "
                         "\"authorizationsxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": 1}", &a), IL_OK);
    CHECK(a.id.p == NULL);              /* U+0130 and U+0131 fold to themselves */
    CHECK(str_is(a.status, "esc"));
}

/* null: a pointer field (id) is cleared, a plain string (orgID, action)
 * keeps its value, a slice (permissions) is cleared, a struct is left; a
 * null element is a zero element. */
static void json_null_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"id\": \"a\", \"id\": null, \"orgID\": \"o\", \"orgID\": null, \"permissions\": "
                         "[{\"action\": \"r\", \"action\": null, \"resource\": null}], \"links\": null}", &a), IL_OK);
    CHECK(a.id.p == NULL);
    CHECK(str_is(a.org_id, "o"));
    CHECK_EQ_INT(a.perms_count, 1);
    CHECK(perm_is(0, 0, "r"));
    CHECK_EQ_INT(auth_of("{\"permissions\": [{\"action\": \"r\"}], \"permissions\": null}", &a), IL_OK);
    CHECK_EQ_INT(a.perms_count, 0);
    CHECK_EQ_INT(ngot, 0);
    CHECK_EQ_INT(auth_of("{\"permissions\": [null, {\"action\": \"w\"}]}", &a), IL_OK);
    CHECK_EQ_INT(a.perms_count, 2);
    CHECK(perm_is(0, 0, NULL) && perm_is(1, 0, "w"));
    CHECK_EQ_INT(auth_of("null", &a), IL_OK);
    CHECK_EQ_INT(auth_of(" {} ", &a), IL_OK);
}

/* scanner.go: where the scanner stood, and the byte it refused. */
static void json_syntax_errors_as_go(void)
{
    enum { V = IL_JSON_S_VALUE, VC = IL_JSON_S_VALUE_OR_CLOSE, K = IL_JSON_S_KEY, KC = IL_JSON_S_KEY_OR_CLOSE,
           E = IL_JSON_S_END_VALUE, T = IL_JSON_S_END_TOP, EOF_ = IL_JSON_S_EOF };
    static const struct { const char *text; uint8_t state, byte; int object, key; } cases[] = {
        { "", EOF_, ' ', -1, -1 }, { " \n", EOF_, ' ', -1, -1 }, { "{", EOF_, ' ', -1, -1 },
        { "{\"id\": \"abc", EOF_, ' ', -1, -1 }, { "x", V, 'x', -1, -1 }, { "[x]", VC, 'x', -1, -1 },
        { "{\"id\": }", V, '}', -1, -1 }, { "{'id': 1}", KC, '\'', -1, -1 }, { "{\"a\":1,}", K, '}', -1, -1 },
        { "{\"id\" \"a\"}", E, '"', 1, 1 }, { "{\"a\":1 \"b\":2}", E, '"', 1, 0 }, { "{\"a\":[1 2]}", E, '2', 0, 0 },
        { "[01]", E, '1', 0, 0 }, { "{} x", T, 'x', -1, -1 }, { "{}{}", T, '{', -1, -1 }, { "01", T, '1', -1, -1 },
        { "{\"a\":\"\x01\"}", IL_JSON_S_STRING, 1, -1, -1 }, { "{\"a\":\"\\q\"}", IL_JSON_S_ESCAPE, 'q', -1, -1 },
        { "\"\\", IL_JSON_S_ESCAPE, ' ', -1, -1 }, { "{\"a\":\"\\u12x\"}", IL_JSON_S_HEX, 'x', -1, -1 },
        { "\"\\u12", IL_JSON_S_HEX, ' ', -1, -1 }, { "-x", IL_JSON_S_NEG, 'x', -1, -1 },
        { "-", IL_JSON_S_NEG, ' ', -1, -1 }, { "1.x", IL_JSON_S_DOT, 'x', -1, -1 }, { "1.", IL_JSON_S_DOT, ' ', -1, -1 },
        { "1e+x", IL_JSON_S_EXP_SIGN, 'x', -1, -1 }, { "1e", IL_JSON_S_EXP, ' ', -1, -1 },
        { "tru", IL_JSON_S_LITERAL, ' ', -1, -1 }, { "nulx", IL_JSON_S_LITERAL, 'x', -1, -1 },
        { "\xff", V, 0xff, -1, -1 },
    };
    il_auth_t a;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_EQ_INT(auth_of(cases[i].text, &a), IL_ERR_JSON);
        CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
        if (j.err.state != cases[i].state || j.err.byte != cases[i].byte)
            printf("  (input %zu: %s: state %u byte %u)\n", i, cases[i].text, j.err.state, j.err.byte);
        CHECK_EQ_INT(j.err.state, cases[i].state);
        CHECK_EQ_INT(j.err.byte, cases[i].byte);
        if (cases[i].object >= 0) CHECK_EQ_INT(j.err.object, cases[i].object);
        if (cases[i].key >= 0) CHECK_EQ_INT(j.err.key, cases[i].key);
    }
    CHECK_EQ_INT(auth_of("tru", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.lit, 't');
    CHECK_EQ_INT(j.err.expect, 'e');
    /* a syntax error anywhere wins over a type error before it */
    CHECK_EQ_INT(auth_of("{\"id\": 1} x", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
}

/* The tag of level i's field in the error. */
static const char *err_field(size_t i)
{
    return il_json_names + il_json_fields[j.err.lv[i].field].name;
}

/* decode.go: the first type error is kept, with the levels down to it. */
static void json_type_errors_as_go(void)
{
    il_auth_t a;
    CHECK_EQ_INT(auth_of("{\"id\": 1, \"status\": {}}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TYPE);
    CHECK_EQ_INT(j.err.found, IL_JSON_K_NUMBER);
    CHECK_EQ_INT(j.err.depth, 1);
    CHECK_EQ_STR(err_field(0), "id");
    CHECK_EQ_INT(j.err.lv[0].model, IL_JSON_M_AUTHORIZATION);
    CHECK_EQ_INT(auth_of("{\"permissions\": [{\"resource\": {\"type\": 5}}]}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 4);
    CHECK(j.err.lv[1].array);
    CHECK_EQ_STR(err_field(3), "type");
    CHECK_EQ_INT(j.err.lv[3].model, IL_JSON_M_PERMISSION_RESOURCE);
    CHECK_EQ_INT(auth_of("{\"permissions\": [true]}", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.found, IL_JSON_K_BOOL);
    CHECK_EQ_INT(j.err.depth, 2);
    CHECK(j.err.lv[1].array);
    CHECK_EQ_INT(auth_of("[]", &a), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 0);
    CHECK_EQ_INT(j.err.model, IL_JSON_M_AUTHORIZATION);
    CHECK_EQ_INT(auth_of("{\"createdAt\": null, \"updatedAt\": \"any\", \"id\": 1, \"createdAt\": 5}", &a),
                 IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TIME);     /* Go returns it at once: it wins */
    CHECK_EQ_INT(auth_of("{\"user\": {\"a\": [1, {\"b\": 2}]}, \"links\": {\"self\": \"/x\", \"other\": 1}}", &a),
                 IL_ERR_JSON);
    CHECK_EQ_STR(err_field(0), "user");
    CHECK_EQ_INT(j.err.found, IL_JSON_K_OBJECT);
}

static void json_error_models(void)
{
    il_error_body_t e;
    memset(&e, 0, sizeof e);
    const char *t = "{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_ERROR, t, strlen(t), 0, &e, sizeof store, NULL), IL_OK);
    CHECK(str_is(e.code, "not found") && str_is(e.message, "authorization not found") && e.err.p == NULL);
    t = "{\"message\": 5, \"code\": 5}";     /* api.ErrorCode's own UnmarshalJSON: at once */
    CHECK_EQ_INT(decode_split(IL_JSON_M_ERROR, t, strlen(t), 0, &e, sizeof store, NULL), IL_ERR_JSON);
    CHECK(j.err.what == IL_JSON_ERR_TYPE && j.err.immediate && strcmp(err_field(0), "code") == 0);
    t = "{\"code\": null}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_ERROR, t, strlen(t), 0, &e, sizeof store, NULL), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_CODE_NULL);
    memset(&e, 0, sizeof e);
    t = "{\"code\": 5, \"message\": \"m\", \"err\": 1}";   /* no such fields, or any string */
    CHECK_EQ_INT(decode_split(IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR, t, strlen(t), 0, &e, sizeof store, NULL),
                 IL_ERR_JSON);
    CHECK_EQ_INT(j.err.lv[0].model, IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR);
    t = "{\"code\": \"bogus\", \"message\": \"m\", \"err\": 1}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR, t, strlen(t), 0, &e, sizeof store, NULL),
                 IL_OK);
    CHECK(str_is(e.message, "m") && e.err.p == NULL);
}

static void json_user_and_list(void)
{
    il_user_t u;
    il_auth_t a;
    memset(&u, 0, sizeof u);
    const char *t = "{\"links\": {\"self\": \"/api/v2/users/0b1c2d3e4f506172\"}, \"id\": \"0b1c2d3e4f506172\", "
                    "\"name\": \"myuser\", \"status\": \"active\"}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_USER_RESPONSE, t, strlen(t), 0, &u, sizeof store, NULL), IL_OK);
    CHECK(str_is(u.name, "myuser") && str_is(u.id, "0b1c2d3e4f506172"));
    memset(&a, 0, sizeof a);
    t = "{\"links\": {\"self\": \"/private/legacy/authorizations\"}, \"authorizations\": [{\"id\": \"A\", "
        "\"token\": \"myv1user\", \"permissions\": [{\"action\": \"read\"}]}, {\"id\": \"B\"}, null]}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATIONS, t, strlen(t), 0, &a, sizeof store, NULL), IL_OK);
    CHECK_EQ_INT(j.count, 3);
    CHECK(str_is(a.id, "A") && str_is(a.token, "myv1user"));
    CHECK_EQ_INT(a.perms_count, 1);     /* the first entry's only */
    t = "{\"authorizations\": [{\"permissions\": [{\"action\": true}]}]}";
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATIONS, t, strlen(t), 0, &a, sizeof store, NULL), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.depth, 5);
    CHECK_EQ_INT(j.err.lv[4].model, IL_JSON_M_PERMISSION);
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

/* 1,000 permissions (a 180 KB answer) through a 96-byte store: each one
 * to the callback, the store reused for every one of them. */
static void json_thousand_permissions_streamed(void)
{
    il_auth_t a;
    size_t n = make_big(1000);
    CHECK(n > 180000);
    memset(&a, 0, sizeof a);
    restarts = 0;
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, doc, n, 1000, &a, 96, &keep), IL_OK);
    CHECK_EQ_INT(ngot, 1000);
    CHECK_EQ_INT(a.perms_count, 1000);
    CHECK_EQ_INT(restarts, 2);          /* the answer, then its "permissions" key */
    CHECK(perm_is(999, 0, "write") && perm_is(999, 2, "00000000000001f4") && perm_is(999, 3, "0f2b3c4d5e6f7081"));
    CHECK(str_is(a.status, "inactive") && str_is(a.description, "big"));
    CHECK(j.store_used <= 96);
    CHECK_EQ_INT(j.dropped, 0);
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, doc, n, 0, &a, 96, NULL), IL_OK);
    CHECK_EQ_INT(a.perms_count, 1000);  /* no callback: counted */
}

/* A store too small: strings are dropped and counted, never cut. */
static void json_small_store_drops_whole_strings(void)
{
    il_auth_t a;
    const char *t = "{\"id\": \"0123456789abcdef\", \"description\": \"a long description\", \"status\": \"inactive\","
                    " \"permissions\": [{\"action\": \"read\", \"resource\": {\"type\": \"buckets\"}}]}";
    memset(&a, 0, sizeof a);
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, t, strlen(t), 0, &a, 30, &keep), IL_OK);
    CHECK(str_is(a.id, "0123456789abcdef"));
    CHECK(a.description.p == NULL);
    CHECK(str_is(a.status, "inactive"));
    CHECK_EQ_INT(a.perms_count, 1);
    CHECK(perm_is(0, 0, "read") && perm_is(0, 1, NULL));     /* "buckets" did not fit after "read" */
    CHECK_EQ_INT(j.dropped, 2);
    CHECK(j.store_used <= 30);
}

/* il_json_feed takes a string's plain bytes and the spaces between tokens
 * as runs: whatever the pieces, the decoder ends exactly as when fed one
 * byte at a time (its whole state, the struct and the store), also when the
 * store fills inside a run, a key is too long, the top value ends in spaces
 * or a syntax error follows a run. */
static void json_runs_match_byte_steps(void)
{
    static const char *const docs[] = {
        a02,
        "{\"id\": \"0123456789abcdef\", \"description\": \"a long description\", \"status\": \"inactive\"}",
        "{\"aVeryLongKeyThatIsNoFieldAtAllReally\": 1, \"token\": \"t\\u00e9\\n\\ud83d\\ude00 x\\\"y\"}  \t\n",
        "{\"status\": \"active\",\n\t\"permissions\": [ ] , \"description\": \"ab\x01" "cd\"}",
        "  {\"id\" :  \"x\"  }  ]",
        "{\"description\": \"\xff\xfe plain \xc3\xa9\"}",
    };
    static const size_t caps[] = { sizeof store, 30, 9 };
    static char want_store[sizeof store];
    il_json_t want;
    il_auth_t a, b;
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        size_t n = strlen(docs[d]);
        for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
            memset(&a, 0, sizeof a);
            memset(store, 0, sizeof store);
            il_status_t st = decode_split(IL_JSON_M_AUTHORIZATION, docs[d], n, 1, &a, caps[c], NULL);
            want = j;
            b = a;
            memcpy(want_store, store, caps[c]);
            for (size_t split = 2; split <= n + 1; split++) {
                memset(&a, 0, sizeof a);
                memset(store, 0, sizeof store);
                CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, docs[d], n, split, &a, caps[c], NULL), st);
                CHECK(memcmp(&j, &want, sizeof j) == 0);
                CHECK(memcmp(&a, &b, sizeof a) == 0);
                CHECK(memcmp(store, want_store, caps[c]) == 0);
            }
        }
    }
}

/* Go allows 10,000 levels; the scratch's bits allow what they hold. */
static void json_nesting_limits(void)
{
    il_json_scratch_t s = { NULL, NULL, nest, sizeof nest };
    il_auth_t a;
    size_t n;
    memset(&a, 0, sizeof a);
    for (n = 0; n < 70; n++) doc[n] = '[';
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, doc, n, 0, &a, 64, NULL), IL_ERR_JSON_TOO_LARGE);
    memset(doc, '[', IL_JSON_GO_DEPTH);
    memset(doc + IL_JSON_GO_DEPTH, ']', IL_JSON_GO_DEPTH);
    n = 2 * IL_JSON_GO_DEPTH;
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, doc, n, 0, &a, 64, &s), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_TYPE);     /* 10,000 levels: an array, not an object */
    doc[IL_JSON_GO_DEPTH] = '[';
    CHECK_EQ_INT(decode_split(IL_JSON_M_AUTHORIZATION, doc, IL_JSON_GO_DEPTH + 1, 0, &a, 64, &s), IL_ERR_JSON);
    CHECK_EQ_INT(j.err.what, IL_JSON_ERR_SYNTAX);
    CHECK_EQ_INT(j.err.state, IL_JSON_S_DEPTH);
    CHECK_EQ_INT(j.err.byte, '[');
}

int main(void)
{
    RUN(json_auth_capture_a02);
    RUN(json_split_independent);
    RUN(json_escapes_as_go);
    RUN(json_keys_fold_as_go);
    RUN(json_null_as_go);
    RUN(json_syntax_errors_as_go);
    RUN(json_type_errors_as_go);
    RUN(json_error_models);
    RUN(json_user_and_list);
    RUN(json_thousand_permissions_streamed);
    RUN(json_small_store_drops_whole_strings);
    RUN(json_runs_match_byte_steps);
    RUN(json_nesting_limits);
    return check_summary();
}
