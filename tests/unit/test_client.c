/* SPDX-License-Identifier: Apache-2.0 */
/* test_client.c - the operations over the scripted transport
 * (tests/lib/fake_transport.h): what is sent, how answers are classified,
 * that nothing is sent on bad input, and what a result says about the body
 * buffer. */
#include "check.h"
#include "fake_transport.h"
#include "il_client.h"
#include "il_text.h"

static fake_transport_t fk;
static il_transport_t tr;
static il_client_t cl;
static uint8_t req_buf[1024], body_buf[8192];

static unsigned refused_total;   /* calls of every test that broke il_transport.h */

static void setup(const char *token)
{
    refused_total += fk.refused;
    fake_transport_init(&fk, &tr);
    fk.send_max = 7;                              /* short writes on purpose */
    il_client_init(&cl, &tr, "127.0.0.1:8086", token, req_buf, sizeof(req_buf),
                   body_buf, sizeof(body_buf), NULL);
}

#define AUTH_INACTIVE "{\n\t\"id\": \"06c86c40a9f36000\",\n\t\"token\": \"tok\",\n\t\"status\": \"inactive\",\n\t\"description\": \"my token\",\n\t\"userID\": \"0b1c2d3e4f506172\",\n\t\"user\": \"myuser\",\n\t\"permissions\": []\n}"

static char answer[2048];

static const char *ok_answer(const char *body)
{
    snprintf(answer, sizeof(answer), "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
             "X-Influxdb-Version: v2.7.12\r\nContent-Length: %zu\r\n\r\n%s", strlen(body), body);
    return answer;
}

static void client_inactivate_sends_exact_request(void)
{
    il_result_t r;
    setup("mytoken");
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_STR(fk.sent, "PATCH /api/v2/authorizations/06c86c40a9f36000 HTTP/1.1\r\n"
                          "Host: 127.0.0.1:8086\r\nUser-Agent: influx-lite/" IL_VERSION "\r\n"
                          "Accept: application/json\r\nAuthorization: Token mytoken\r\n"
                          "Content-Type: application/json\r\nContent-Length: 21\r\n\r\n"
                          "{\"status\":\"inactive\"}");
    CHECK_EQ_INT(r.http_status, 200);
    CHECK(il_str_eq(r.auth.status, "inactive"));
    CHECK(il_str_eq(r.auth.user, "myuser"));
    CHECK(cl.reusable);
}

static void client_request_buffer_wiped(void)
{
    il_result_t r;
    size_t i;
    int dirty = 0;
    setup("mytoken");
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    for (i = 0; i < sizeof(req_buf); i++) dirty |= req_buf[i];
    CHECK_EQ_INT(dirty, 0);
}

static void client_find_is_get_without_body(void)
{
    il_result_t r;
    setup("");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"06c86c40a9f36000\", \"status\": \"active\"}"));
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_STR(fk.sent, "GET /api/v2/authorizations/06c86c40a9f36000 HTTP/1.1\r\n"
                          "Host: 127.0.0.1:8086\r\nUser-Agent: influx-lite/" IL_VERSION "\r\n"
                          "Accept: application/json\r\n\r\n");
    CHECK(il_str_eq(r.auth.status, "active"));
}

static void client_postcondition_active_after_200(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"06c86c40a9f36000\", \"status\": \"active\"}"));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_POSTCONDITION);
    CHECK_EQ_INT(r.status, IL_ERR_POSTCONDITION);
}

static void client_404_decodes_error(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\n"
                   "X-Platform-Error-Code: not found\r\nContent-Length: 63\r\n\r\n"
                   "{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}");
    CHECK_EQ_INT(il_legacy_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.http_status, 404);
    CHECK_EQ_STR(r.status_text, "404 Not Found");
    CHECK_EQ_INT(r.error_decode, IL_OK);
    CHECK(il_str_eq(r.error.message, "authorization not found"));
    CHECK(strncmp(fk.sent, "PATCH /private/legacy/authorizations/06c86c40a9f36000 ", 54) == 0);
}

/* The core decodes every body as JSON, whatever its Content-Type (the
 * CLI applies Go's type check itself: cli_answer_type). */
static void client_plain_text_500(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Connection: close\r\n\r\ninternal failure");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_5XX);
    CHECK_EQ_INT(r.error_decode, IL_ERR_JSON);
    CHECK_EQ_INT(r.json_error.what, IL_JSON_ERR_SYNTAX);
    CHECK_EQ_STR(r.content_type, "text/plain; charset=utf-8");
    CHECK(!cl.reusable);
}

static void client_bad_json_error_body(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\nxyz");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.error_decode, IL_ERR_JSON);
}

static void client_redirect_not_followed(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://evil.example/steal\r\nContent-Length: 0\r\n\r\n");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_REDIRECT);
    CHECK_EQ_STR(r.location, "http://evil.example/steal");
    CHECK_EQ_INT(r.http_status, 307);
}

static void client_success_must_be_json(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<hi>");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_JSON);
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 45\r\n\r\n"
                             "{\"status\":\"inactive\",\"id\":\"06c86c40a9f36000\"}");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_STR(r.content_type, "text/plain");
}

static void client_answer_in_many_pieces(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    fake_transport_answer_str(&fk, "a\r\n{\"status\":\r\n");
    fake_transport_answer_str(&fk, "b\r\n\"inactive\",\r\n");
    fake_transport_answer_str(&fk, "18\r\n\"id\":\"06c86c40a9f36000\"}\r\n0\r\n\r\n");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK(cl.reusable);
}

static void client_transport_errors_pass_through(void)
{
    il_result_t r;
    setup("t");
    fake_transport_fail_recv(&fk, 1, IL_ERR_TIMEOUT);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_TIMEOUT);
    setup("t");
    fake_transport_fail_send(&fk, 1, IL_ERR_SEND);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_SEND);
    CHECK(!cl.reusable);
}

static void client_early_eof(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"status\"");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_EOF);
}

static void client_refuses_bad_ids_without_sending(void)
{
    il_result_t r;
    setup("t");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "abc", &r), IL_ERR_ID_LENGTH);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "0000000000000000", &r), IL_ERR_ID_INVALID);
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f3600g", &r), IL_ERR_ID_INVALID);
    CHECK_EQ_INT(il_user_find(&cl, "06c86c40a9f360001", &r), IL_ERR_ID_LENGTH);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f3600\n", &r), IL_ERR_ID_INVALID);
    CHECK_EQ_INT(fk.sent_len, 0);
    CHECK_EQ_INT(il_id_check("06C86C40A9F36000"), IL_OK);
}

static void client_refuses_control_bytes_in_token(void)
{
    il_result_t r;
    setup("tok\r\nX-Evil: 1");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_UNSAFE_CHAR);
    CHECK_EQ_INT(fk.sent_len, 0);
}

static void client_username_lookup(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"links\": {}, \"authorizations\": [{\"id\": \"06c86c40a9f36000\", \"token\": \"my user&x\"}]}"));
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "my user&x", &r), IL_OK);
    CHECK(strncmp(fk.sent, "GET /private/legacy/authorizations?token=my+user%26x HTTP/1.1\r\n", 62) == 0);
    CHECK_EQ_INT(r.matches, 1);
    CHECK(il_str_eq(r.auth.id, "06c86c40a9f36000"));
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"authorizations\": []}"));
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "bob", &r), IL_ERR_NO_MATCH);
}

/* An answer for another ID than the one asked (a surplus or stale answer
 * on a kept-alive connection, or a server mixing them up) is never taken
 * for the answer asked for. */
static void client_answer_must_be_for_the_id_asked(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"0d2a3c5b7e8f9000\", \"status\": \"inactive\"}"));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
    CHECK(il_str_eq(r.auth.id, "0d2a3c5b7e8f9000"));
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"status\": \"active\"}"));     /* no ID at all */
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{}"));
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
    /* influxd reads either case of hex and answers in lower case */
    setup("t");
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06C86C40A9F36000", &r), IL_OK);
    /* checked before the status: a stale "active" for another ID is a mismatch */
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"06c86c40a9f36001\", \"status\": \"active\"}"));
    CHECK_EQ_INT(il_legacy_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"0b1c2d3e4f506173\", \"name\": \"other\"}"));
    CHECK_EQ_INT(il_user_find(&cl, "0b1c2d3e4f506172", &r), IL_ERR_ANSWER_MISMATCH);
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"authorizations\": [{\"id\": \"06c86c40a9f36000\", \"token\": \"alice\"}]}"));
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "bob", &r), IL_ERR_ANSWER_MISMATCH);
    CHECK_EQ_INT(il_status_class(IL_ERR_ANSWER_MISMATCH), IL_CLASS_BODY);
}

static void client_user_find(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"0b1c2d3e4f506172\", \"name\": \"myuser\", \"status\": \"active\"}"));
    CHECK_EQ_INT(il_user_find(&cl, "0b1c2d3e4f506172", &r), IL_OK);
    CHECK(il_str_eq(r.user.name, "myuser"));
    CHECK(strncmp(fk.sent, "GET /api/v2/users/0b1c2d3e4f506172 HTTP/1.1\r\n", 45) == 0);
}

/* res->body and body_len: the body buffer and how much of it the answer's
 * kept strings used, also when it failed part way (so the caller can wipe
 * it); a body that is not JSON is never stored. */
static void client_result_names_the_body(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK(r.body == body_buf);
    CHECK_EQ_INT(r.body_len, 16 + 3 + 8 + 8 + 16 + 6);     /* id, token, status, description, userID, user */
    CHECK_EQ_INT(r.error_decode, IL_OK);
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n"
                                   "{\"token\":");
    fake_transport_answer_str(&fk, "\"secret");
    fake_transport_fail_recv(&fk, 3, IL_ERR_TIMEOUT);       /* the third recv: no more */
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_TIMEOUT);
    CHECK_EQ_INT(fk.recvs, 3);
    CHECK(r.body == body_buf);
    CHECK_EQ_INT(r.body_len, 6);
    CHECK_EQ_MEM(body_buf, 6, "secret", 6);
    CHECK_EQ_INT(r.http_status, 0);
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nsecret");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_5XX);
    CHECK_EQ_INT(r.body_len, 0);
    setup("t");
    fake_transport_fail_send(&fk, 1, IL_ERR_SEND);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_SEND);
    CHECK_EQ_INT(r.body_len, 0);                            /* nothing came */
    CHECK_EQ_INT(fk.recvs, 0);
}

/* A client made before its connection: no transport, nothing sent; given
 * one, it works. */
static void client_transport_set_later(void)
{
    il_result_t r;
    setup("t");
    il_client_init(&cl, NULL, "127.0.0.1:8086", "t", req_buf, sizeof(req_buf),
                   body_buf, sizeof(body_buf), NULL);
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_ARG);
    CHECK_EQ_INT(r.status, IL_ERR_ARG);
    il_client_set_transport(&cl, &tr);
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_INT(fk.refused, 0);
    il_client_set_transport(NULL, &tr);                     /* ignored */
}

/* Another body buffer for the next call keeps the previous answer: the
 * v1 flow looks up the user while it still prints the authorization. */
static void client_second_body_buffer_keeps_first_answer(void)
{
    static uint8_t user_body[512];
    static uint8_t nest[2];
    il_json_scratch_t user_js = { NULL, NULL, nest, sizeof nest };
    il_result_t auth, user;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_legacy_inactivate(&cl, "06c86c40a9f36000", &auth), IL_OK);
    il_client_set_body_buffer(&cl, user_body, sizeof user_body, &user_js);
    fk.chunks = fk.next = fk.pos = 0;
    fake_transport_answer_str(&fk, ok_answer("{\"id\": \"0b1c2d3e4f506172\", \"name\": \"other\"}"));
    CHECK_EQ_INT(il_user_find(&cl, "0b1c2d3e4f506172", &user), IL_OK);
    CHECK(user.body == user_body);
    CHECK(il_str_eq(user.user.name, "other"));
    CHECK(auth.body == body_buf);
    CHECK(il_str_eq(auth.auth.user, "myuser"));             /* untouched */
    CHECK(il_str_eq(auth.auth.status, "inactive"));
    il_client_set_body_buffer(&cl, body_buf, sizeof body_buf, NULL);   /* keeps the scratch */
    CHECK(cl.json.nest == nest);
    il_client_set_body_buffer(NULL, body_buf, 1, NULL);     /* ignored */
}


/* Go's decode: an empty body is the zero value. To the username lookup
 * that is a list of no entries: no match (influx-cli clients/v1_auth); to
 * a GET or PATCH an authorization without the ID asked for. */
static void client_empty_200_body(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "bob", &r), IL_ERR_NO_MATCH);
    CHECK_EQ_INT(r.matches, 0);
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");   /* no type: not looked at */
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
    CHECK(r.auth.id.p == NULL);
    setup("t");
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_ANSWER_MISMATCH);
}

/* The generated API decodes a 401 to GET /api/v2/authorizations/{id} as
 * UnauthorizedRequestError, and every other error answer, the PATCH's 401
 * included, as Error (influx-cli api/api_authorizations*.gen.go). */
static void client_401_models(void)
{
    static const char body401[] = "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
                                  "{\"code\":\"bogus\",\"message\":\"m\",\"err\":\"e\"}";
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, body401);
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.error_model, IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR);
    CHECK(il_str_eq(r.error.code, "bogus") && il_str_eq(r.error.message, "m") && r.error.err.p == NULL);
    setup("t");
    fake_transport_answer_str(&fk, body401);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.error_model, IL_JSON_M_ERROR);
    CHECK(il_str_eq(r.error.err, "e"));
}

/* Buffers too small for an answer: the inactivation's verdict is its
 * status alone; a lookup refuses to answer with strings missing. */
static void client_small_body_buffer(void)
{
    static uint8_t small[28];      /* id, token and status of AUTH_INACTIVE; not its description */
    il_result_t r;
    setup("t");
    il_client_set_body_buffer(&cl, small, sizeof small, NULL);
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK(il_str_eq(r.auth.status, "inactive"));
    CHECK(r.dropped > 0);
    CHECK(r.body_len <= sizeof small);
    setup("t");
    il_client_set_body_buffer(&cl, small, sizeof small, NULL);
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", &r), IL_ERR_JSON_TOO_LARGE);
    setup("t");
    il_client_set_body_buffer(&cl, small, 4, NULL);
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_JSON_TOO_LARGE);   /* not even the status */
    il_client_set_body_buffer(&cl, body_buf, sizeof body_buf, NULL);
}

/* A JSON answer's type error: its first one, with Go's field path. */
static void client_type_error_reported(void)
{
    il_result_t r;
    setup("t");
    fake_transport_answer_str(&fk, ok_answer("{\"status\": \"inactive\", \"permissions\": [{\"action\": 1}]}"));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_JSON);
    CHECK_EQ_INT(r.json_error.what, IL_JSON_ERR_TYPE);
    CHECK_EQ_INT(r.json_error.depth, 3);            /* the authorization, its permissions, one */
    CHECK_EQ_STR(il_json_names + il_json_fields[r.json_error.lv[2].field].name, "action");
}

static void client_null_arguments(void)
{
    il_result_t r;
    setup("t");
    CHECK_EQ_INT(il_auth_find(NULL, "06c86c40a9f36000", &r), IL_ERR_ARG);
    CHECK_EQ_INT(r.status, IL_ERR_ARG);
    CHECK_EQ_INT(il_auth_find(&cl, "06c86c40a9f36000", NULL), IL_ERR_ARG);
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, NULL, &r), IL_ERR_ARG);
    CHECK_EQ_INT(il_id_check(NULL), IL_ERR_ARG);
    CHECK_EQ_INT(fk.sends + fk.recvs + fk.refused, 0);
}

/* The client never sent or asked for 0 bytes (or through NULL) in any of
 * the tests above. */
static void client_kept_the_transport_contract(void)
{
    refused_total += fk.refused;
    CHECK_EQ_INT(refused_total, 0);
}

static void client_wipe_zeroes_exactly_n(void)
{
    unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    il_wipe(b + 1, 5);
    CHECK(b[0] == 1 && b[1] == 0 && b[5] == 0 && b[6] == 7 && b[7] == 8);
    il_wipe(NULL, 3);
}

/* The Set-Cookie values a watch saw, one after the other. */
static char cookies[256];

static bool watch_set_cookie(void *ctx, int event, const char *p, size_t n)
{
    (void)ctx;
    if (event == IL_HTTP_WATCH_NAME) return il_ascii_ieq(p, n, "set-cookie");
    if (event == IL_HTTP_WATCH_VALUE) strncat(cookies, p, n);
    else strcat(cookies, "|");
    return false;
}

/* Sign-in: POST /api/v2/signin with the caller's headers and no token, any
 * 2xx is a session (its body unread), an error answer decoded as usual. */
static void client_signin(void)
{
    static const il_http_header_t hdrs[] = {{"Authorization", "Basic bXl1c2VyOnB3"}, {"Zap-Trace-Span", "t1"}};
    il_result_t r;
    setup(NULL);
    cookies[0] = '\0';
    CHECK_EQ_INT(il_client_set_headers(&cl, hdrs, 2), IL_OK);
    il_client_set_watch(&cl, watch_set_cookie, NULL);
    fake_transport_answer_str(&fk, "HTTP/1.1 204 No Content\r\nSet-Cookie: influxdb-oss-session=k==; Path=/api/\r\n"
                                   "Set-Cookie: lb=1\r\n\r\n");
    CHECK_EQ_INT(il_signin(&cl, &r), IL_OK);
    CHECK_EQ_STR(fk.sent, "POST /api/v2/signin HTTP/1.1\r\nHost: 127.0.0.1:8086\r\nUser-Agent: influx-lite/" IL_VERSION
                          "\r\nAccept: application/json\r\nAuthorization: Basic bXl1c2VyOnB3\r\nZap-Trace-Span: t1"
                          "\r\n\r\n");
    CHECK_EQ_INT(r.http_status, 204);
    CHECK_EQ_STR(cookies, "influxdb-oss-session=k==; Path=/api/|lb=1|");
    CHECK(cl.reusable);
    setup(NULL);
    fake_transport_answer_str(&fk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r\n<html>");
    CHECK_EQ_INT(il_signin(&cl, &r), IL_OK);
    setup(NULL);
    fake_transport_answer_str(&fk, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json; charset=utf-8\r\n"
                                   "Content-Length: 55\r\n\r\n{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}");
    CHECK_EQ_INT(il_signin(&cl, &r), IL_ERR_HTTP_4XX);
    CHECK(il_str_eq(r.error.message, "unauthorized access"));
    CHECK_EQ_INT(il_signin(NULL, &r), IL_ERR_ARG);
}

/* Headers that could end a header or start another are refused when given:
 * the client keeps none, and nothing of them is ever sent. */
static void client_refuses_bad_headers(void)
{
    static const il_http_header_t bad[] = {{"X-Ok", "1"}, {"X-Evil", "a\r\nAuthorization: Token stolen"}};
    il_result_t r;
    setup("mytoken");
    CHECK_EQ_INT(il_client_set_headers(&cl, bad, 2), IL_ERR_UNSAFE_CHAR);
    CHECK_EQ_INT(il_client_set_headers(NULL, bad, 1), IL_ERR_ARG);
    fake_transport_answer_str(&fk, ok_answer(AUTH_INACTIVE));
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK(strstr(fk.sent, "X-Ok") == NULL && strstr(fk.sent, "stolen") == NULL);
}

int main(void)
{
    RUN(client_inactivate_sends_exact_request);
    RUN(client_request_buffer_wiped);
    RUN(client_find_is_get_without_body);
    RUN(client_postcondition_active_after_200);
    RUN(client_404_decodes_error);
    RUN(client_plain_text_500);
    RUN(client_bad_json_error_body);
    RUN(client_redirect_not_followed);
    RUN(client_success_must_be_json);
    RUN(client_answer_in_many_pieces);
    RUN(client_transport_errors_pass_through);
    RUN(client_early_eof);
    RUN(client_refuses_bad_ids_without_sending);
    RUN(client_refuses_control_bytes_in_token);
    RUN(client_username_lookup);
    RUN(client_answer_must_be_for_the_id_asked);
    RUN(client_user_find);
    RUN(client_result_names_the_body);
    RUN(client_transport_set_later);
    RUN(client_second_body_buffer_keeps_first_answer);
    RUN(client_empty_200_body);
    RUN(client_401_models);
    RUN(client_small_body_buffer);
    RUN(client_type_error_reported);
    RUN(client_null_arguments);
    RUN(client_kept_the_transport_contract);
    RUN(client_wipe_zeroes_exactly_n);
    RUN(client_signin);
    RUN(client_refuses_bad_headers);
    return check_summary();
}
