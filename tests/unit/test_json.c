/* SPDX-License-Identifier: Apache-2.0 */
/* test_json.c - the jsmn decoders: real answers, escapes, sizes, bad shapes. */
#include <stdio.h>
#include "check.h"
#include "il_json.h"

static jsmntok_t toks[2048];
static il_permission_t perms[128];
static char body[65536];

static il_json_scratch_t scratch(size_t ntoks, size_t nperms)
{
    il_json_scratch_t s;
    s.toks = toks;
    s.toks_cap = ntoks;
    s.perms = perms;
    s.perms_cap = nperms;
    return s;
}

static size_t load(const char *text)
{
    size_t n = strlen(text);
    memcpy(body, text, n + 1);
    return n;
}

static int str_is(il_str_t s, const char *lit) { return il_str_eq(s, lit); }

/* The PATCH answer of capture a02, as the mock sent it. */
static const char a02[] = "{\"id\": \"06c86c40a9f36000\", \"token\": \"tok_abcdefghijklmnopqrstuvwxyz0123456789==\", \"status\": \"inactive\", \"description\": \"my token\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\", \"userID\": \"0b1c2d3e4f506172\", \"user\": \"myuser\", \"permissions\": [{\"action\": \"read\", \"resource\": {\"type\": \"buckets\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\"}}, {\"action\": \"write\", \"resource\": {\"type\": \"buckets\", \"id\": \"0c1d2e3f40516273\", \"orgID\": \"0a1b2c3d4e5f6071\", \"org\": \"myorg\", \"name\": \"mybucket\"}}], \"createdAt\": \"2024-01-02T03:04:05.123456789Z\", \"updatedAt\": \"2024-01-02T03:04:06.987654321Z\", \"links\": {\"self\": \"/api/v2/authorizations/06c86c40a9f36000\", \"user\": \"/api/v2/users/0b1c2d3e4f506172\"}}";

static void json_auth_capture_a02(void)
{
    il_json_scratch_t s = scratch(2048, 128);
    il_auth_t a;
    size_t n = load(a02);
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_OK);
    CHECK(str_is(a.id, "06c86c40a9f36000"));
    CHECK(str_is(a.token, "tok_abcdefghijklmnopqrstuvwxyz0123456789=="));
    CHECK(str_is(a.status, "inactive"));
    CHECK(str_is(a.description, "my token"));
    CHECK(str_is(a.user, "myuser"));
    CHECK(str_is(a.user_id, "0b1c2d3e4f506172"));
    CHECK(str_is(a.org_id, "0a1b2c3d4e5f6071"));
    CHECK_EQ_INT(a.perms_count, 2);
    CHECK(str_is(a.perms[0].action, "read"));
    CHECK(str_is(a.perms[0].type, "buckets"));
    CHECK(a.perms[0].id.p == NULL);
    CHECK(str_is(a.perms[1].id, "0c1d2e3f40516273"));
    CHECK(str_is(a.perms[1].org_id, "0a1b2c3d4e5f6071"));
}

static void json_auth_pretty_tabs(void)
{
    il_json_scratch_t s = scratch(2048, 128);
    il_auth_t a;
    size_t n = load("{\n\t\"id\": \"0d2a3c5b7e8f9000\",\n\t\"token\": \"\",\n\t\"status\": \"inactive\",\n"
                    "\t\"permissions\": [\n\t\t{\n\t\t\t\"action\": \"write\",\n\t\t\t\"resource\": {\n"
                    "\t\t\t\t\"type\": \"users\"\n\t\t\t}\n\t\t}\n\t]\n}");
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_OK);
    CHECK(str_is(a.token, ""));
    CHECK(a.token.p != NULL);
    CHECK(a.description.p == NULL);
    CHECK_EQ_INT(a.perms_count, 1);
    CHECK(str_is(a.perms[0].type, "users"));
}

static void json_escapes_decoded_in_place(void)
{
    il_json_scratch_t s = scratch(64, 4);
    il_auth_t a;
    size_t n = load("{\"description\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\\u003c\"}");
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_OK);
    CHECK(str_is(a.description, "a\"b\\c/d\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx<"));
}

static void json_keys_case_insensitive_last_wins(void)
{
    il_json_scratch_t s = scratch(64, 4);
    il_auth_t a;
    size_t n = load("{\"STATUS\": \"active\", \"Status\": \"inactive\", \"unknown\": {\"x\": [1, 2, {\"y\": null}]}, \"id\": \"X\"}");
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_OK);
    CHECK(str_is(a.status, "inactive"));
    CHECK(str_is(a.id, "X"));
}

static size_t make_all_access(size_t nperms)
{
    size_t i, off = 0;
    off += (size_t)snprintf(body + off, sizeof(body) - off,
                            "{\n\t\"id\": \"0d2a3c5b7e8f9000\",\n\t\"status\": \"inactive\",\n\t\"permissions\": [");
    for (i = 0; i < nperms; i++)
        off += (size_t)snprintf(body + off, sizeof(body) - off,
                                "%s\n\t\t{\n\t\t\t\"action\": \"%s\",\n\t\t\t\"resource\": {\n\t\t\t\t\"type\": \"t%zu\",\n"
                                "\t\t\t\t\"orgID\": \"0f2b3c4d5e6f7081\",\n\t\t\t\t\"org\": \"acme\"\n\t\t\t}\n\t\t}",
                                i ? "," : "", i % 2 ? "write" : "read", i);
    off += (size_t)snprintf(body + off, sizeof(body) - off, "\n\t]\n}");
    return off;
}

static void json_all_access_60_permissions_decode(void)
{
    il_json_scratch_t s = scratch(2048, 128);
    il_auth_t a;
    size_t n = make_all_access(60);
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_OK);
    CHECK_EQ_INT(a.perms_count, 60);
    CHECK(str_is(a.perms[59].type, "t59"));
    CHECK(str_is(a.perms[59].action, "write"));
}

static void json_too_few_tokens_is_too_large(void)
{
    il_json_scratch_t s = scratch(100, 128);
    il_auth_t a;
    size_t n = make_all_access(60);
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_ERR_JSON_TOO_LARGE);
}

static void json_too_few_permissions_is_too_large(void)
{
    il_json_scratch_t s = scratch(2048, 10);
    il_auth_t a;
    size_t n = make_all_access(60);
    CHECK_EQ_INT(il_json_decode_auth(body, n, &s, &a), IL_ERR_JSON_TOO_LARGE);
}

static void json_rejects_bad_documents(void)
{
    static const char *bad[] = {
        "", "x", "{", "{\"id\": }", "{\"id\": \"a\"} x", "{\"id\": \"a\"}{}", "{\"id\": 1}",
        "{\"status\": true}", "{\"permissions\": {}}", "{\"permissions\": [1]}",
        "{\"permissions\": [{\"resource\": 3}]}", "[]", "\"str\"", "{\"id\": \"a\\x\"}",
        "{\"id\": \"\\u12\"}", "{'id': 'a'}", "{\"id\" \"a\"}",
    };
    il_json_scratch_t s = scratch(64, 4);
    il_auth_t a;
    size_t i;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        il_status_t st = il_json_decode_auth(body, load(bad[i]), &s, &a);
        if (st != IL_ERR_JSON) printf("  (input %zu: %s)\n", i, bad[i]);
        CHECK_EQ_INT(st, IL_ERR_JSON);
    }
}

static void json_null_fields_are_absent(void)
{
    il_json_scratch_t s = scratch(64, 4);
    il_auth_t a;
    CHECK_EQ_INT(il_json_decode_auth(body, load("{\"id\": null, \"permissions\": null}"), &s, &a), IL_OK);
    CHECK(a.id.p == NULL);
    CHECK_EQ_INT(a.perms_count, 0);
    CHECK_EQ_INT(il_json_decode_auth(body, load("null"), &s, &a), IL_OK);
}

static void json_error_bodies(void)
{
    il_json_scratch_t s = scratch(64, 4);
    il_error_body_t e;
    CHECK_EQ_INT(il_json_decode_error(body, load("{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}"), &s, &e), IL_OK);
    CHECK(str_is(e.code, "not found"));
    CHECK(str_is(e.message, "authorization not found"));
    CHECK(e.err.p == NULL);
    CHECK_EQ_INT(il_json_decode_error(body, load("{\"code\":\"unauthorized\",\"message\":\"unauthorized access\",\"err\":\"x\"}"), &s, &e), IL_OK);
    CHECK(str_is(e.err, "x"));
    CHECK_EQ_INT(il_json_decode_error(body, load("{\"code\": 5}"), &s, &e), IL_ERR_JSON);
}

static void json_user_and_list(void)
{
    il_json_scratch_t s = scratch(256, 8);
    il_user_t u;
    il_auth_t a;
    size_t count = 9;
    CHECK_EQ_INT(il_json_decode_user(body, load("{\"links\": {\"self\": \"/api/v2/users/0b1c2d3e4f506172\"}, \"id\": \"0b1c2d3e4f506172\", \"name\": \"myuser\", \"status\": \"active\"}"), &s, &u), IL_OK);
    CHECK(str_is(u.name, "myuser"));
    CHECK(str_is(u.id, "0b1c2d3e4f506172"));
    CHECK_EQ_INT(il_json_decode_auth_list(body, load("{\"links\": {\"self\": \"/private/legacy/authorizations\"}, \"authorizations\": [{\"id\": \"A\", \"token\": \"myv1user\"}, {\"id\": \"B\"}]}"), &s, &a, &count), IL_OK);
    CHECK_EQ_INT(count, 2);
    CHECK(str_is(a.id, "A"));
    CHECK(str_is(a.token, "myv1user"));
    CHECK_EQ_INT(il_json_decode_auth_list(body, load("{\"authorizations\": []}"), &s, &a, &count), IL_OK);
    CHECK_EQ_INT(count, 0);
    CHECK_EQ_INT(il_json_decode_auth_list(body, load("{\"authorizations\": 1}"), &s, &a, &count), IL_ERR_JSON);
}

int main(void)
{
    RUN(json_auth_capture_a02);
    RUN(json_auth_pretty_tabs);
    RUN(json_escapes_decoded_in_place);
    RUN(json_keys_case_insensitive_last_wins);
    RUN(json_all_access_60_permissions_decode);
    RUN(json_too_few_tokens_is_too_large);
    RUN(json_too_few_permissions_is_too_large);
    RUN(json_rejects_bad_documents);
    RUN(json_null_fields_are_absent);
    RUN(json_error_bodies);
    RUN(json_user_and_list);
    return check_summary();
}
