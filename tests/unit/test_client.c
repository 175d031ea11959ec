/* SPDX-License-Identifier: Apache-2.0 */
/* test_client.c - the operations over a scripted in-memory transport: what is
 * sent, how answers are classified, and that nothing is sent on bad input. */
#include "check.h"
#include "il_client.h"

typedef struct fake {
    const char *chunks[8];   /* answer, in pieces; NULL ends it (then EOF) */
    size_t next;
    int32_t recv_error;      /* returned instead of the answer when non-zero */
    int32_t send_error;
    char sent[4096];
    size_t sent_len;
} fake_t;

static int32_t fake_send(void *ctx, const uint8_t *data, size_t len)
{
    fake_t *f = ctx;
    if (f->send_error) return f->send_error;
    if (len > 7) len = 7;                         /* short writes on purpose */
    memcpy(f->sent + f->sent_len, data, len);
    f->sent_len += len;
    f->sent[f->sent_len] = '\0';
    return (int32_t)len;
}

static int32_t fake_recv(void *ctx, uint8_t *buf, size_t cap)
{
    fake_t *f = ctx;
    const char *c;
    size_t n;
    if (f->recv_error) return f->recv_error;
    c = f->chunks[f->next];
    if (c == NULL) return 0;
    n = strlen(c);
    if (n > cap) n = cap;
    memcpy(buf, c, n);
    f->next++;
    return (int32_t)n;
}

static fake_t fk;
static il_transport_t tr;
static il_client_t cl;
static uint8_t req_buf[1024], body_buf[8192];
static jsmntok_t toks[512];
static il_permission_t perms[16];

static void setup(const char *token)
{
    il_json_scratch_t js = { toks, 512, perms, 16 };
    memset(&fk, 0, sizeof(fk));
    tr.ctx = &fk;
    tr.send = fake_send;
    tr.recv = fake_recv;
    il_client_init(&cl, &tr, "127.0.0.1:8086", token, req_buf, sizeof(req_buf),
                   body_buf, sizeof(body_buf), &js);
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
    fk.chunks[0] = ok_answer(AUTH_INACTIVE);
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
    fk.chunks[0] = ok_answer(AUTH_INACTIVE);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    for (i = 0; i < sizeof(req_buf); i++) dirty |= req_buf[i];
    CHECK_EQ_INT(dirty, 0);
}

static void client_find_is_get_without_body(void)
{
    il_result_t r;
    setup("");
    fk.chunks[0] = ok_answer("{\"id\": \"06c86c40a9f36000\", \"status\": \"active\"}");
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
    fk.chunks[0] = ok_answer("{\"id\": \"06c86c40a9f36000\", \"status\": \"active\"}");
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_POSTCONDITION);
    CHECK_EQ_INT(r.status, IL_ERR_POSTCONDITION);
}

static void client_404_decodes_error(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\n"
                   "X-Platform-Error-Code: not found\r\nContent-Length: 63\r\n\r\n"
                   "{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}";
    CHECK_EQ_INT(il_legacy_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.http_status, 404);
    CHECK_EQ_STR(r.status_text, "404 Not Found");
    CHECK_EQ_INT(r.error_decode, IL_OK);
    CHECK(il_str_eq(r.error.message, "authorization not found"));
    CHECK(strncmp(fk.sent, "PATCH /private/legacy/authorizations/06c86c40a9f36000 ", 54) == 0);
}

static void client_plain_text_500(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Connection: close\r\n\r\ninternal failure";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_5XX);
    CHECK_EQ_INT(r.error_decode, IL_ERR_CONTENT_TYPE);
    CHECK_EQ_STR(r.content_type, "text/plain; charset=utf-8");
    CHECK(!cl.reusable);
}

static void client_bad_json_error_body(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\nxyz";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(r.error_decode, IL_ERR_JSON);
}

static void client_redirect_not_followed(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://evil.example/steal\r\nContent-Length: 0\r\n\r\n";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_REDIRECT);
    CHECK_EQ_STR(r.location, "http://evil.example/steal");
    CHECK_EQ_INT(r.http_status, 307);
}

static void client_success_must_be_json(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<hi>";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_CONTENT_TYPE);
    setup("t");
    fk.chunks[0] = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.influx+JSON\r\nContent-Length: 21\r\n\r\n{\"status\":\"inactive\"}";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
}

static void client_answer_in_many_pieces(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    fk.chunks[1] = "a\r\n{\"status\":\r\n";
    fk.chunks[2] = "b\r\n\"inactive\"}\r\n0\r\n\r\n";
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK(cl.reusable);
}

static void client_transport_errors_pass_through(void)
{
    il_result_t r;
    setup("t");
    fk.recv_error = -(int32_t)IL_ERR_TIMEOUT;
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_TIMEOUT);
    setup("t");
    fk.send_error = -(int32_t)IL_ERR_SEND;
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_SEND);
    CHECK(!cl.reusable);
}

static void client_early_eof(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"status\"";
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
    fk.chunks[0] = ok_answer("{\"links\": {}, \"authorizations\": [{\"id\": \"06c86c40a9f36000\", \"token\": \"my user\"}]}");
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "my user&x", &r), IL_OK);
    CHECK(strncmp(fk.sent, "GET /private/legacy/authorizations?token=my+user%26x HTTP/1.1\r\n", 62) == 0);
    CHECK_EQ_INT(r.matches, 1);
    CHECK(il_str_eq(r.auth.id, "06c86c40a9f36000"));
    setup("t");
    fk.chunks[0] = ok_answer("{\"authorizations\": []}");
    CHECK_EQ_INT(il_legacy_find_by_username(&cl, "bob", &r), IL_ERR_NO_MATCH);
}

static void client_user_find(void)
{
    il_result_t r;
    setup("t");
    fk.chunks[0] = ok_answer("{\"id\": \"0b1c2d3e4f506172\", \"name\": \"myuser\", \"status\": \"active\"}");
    CHECK_EQ_INT(il_user_find(&cl, "0b1c2d3e4f506172", &r), IL_OK);
    CHECK(il_str_eq(r.user.name, "myuser"));
    CHECK(strncmp(fk.sent, "GET /api/v2/users/0b1c2d3e4f506172 HTTP/1.1\r\n", 45) == 0);
}

static void client_wipe_zeroes_exactly_n(void)
{
    unsigned char b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    il_wipe(b + 1, 5);
    CHECK(b[0] == 1 && b[1] == 0 && b[5] == 0 && b[6] == 7 && b[7] == 8);
    il_wipe(NULL, 3);
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
    RUN(client_user_find);
    RUN(client_wipe_zeroes_exactly_n);
    return check_summary();
}
