/* SPDX-License-Identifier: Apache-2.0 */
/* test_http_request.c - exact bytes of il_http_request_write and its errors. */
#include <stdint.h>
#include "check.h"
#include "il_http.h"

#define PATCH_PATH "/api/v2/authorizations/"
#define UA "influx-lite/" IL_VERSION

static uint8_t buf[1024];

/* Write req into buf[0..cap) and compare with expect (NULL: expect err). */
static il_status_t write_req(const il_http_request_t *req, size_t cap, size_t *len)
{
    *len = 0;
    memset(buf, 0xAA, sizeof buf);
    return il_http_request_write(req, buf, cap, len);
}

static il_http_request_t base_request(void)
{
    il_http_request_t req;
    memset(&req, 0, sizeof req);
    req.method = "GET";
    req.path = "/api/v2/authorizations";
    req.host = "localhost:8086";
    req.token = "tok";
    return req;
}

static void test_get(void)
{
    static const char want[] =
        "GET /api/v2/authorizations HTTP/1.1\r\nHost: localhost:8086\r\n"
        "User-Agent: " UA "\r\nAccept: application/json\r\n"
        "Authorization: Token tok\r\n\r\n";
    il_http_request_t req = base_request();
    size_t len;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
    CHECK_EQ_INT(buf[len], 0xAA);
}

static void test_patch_with_body(void)
{
    static const char body[] = "{\"status\":\"inactive\"}";
    static const char want[] =
        "PATCH /api/v2/authorizations/0a1b2c3d4e5f6071 HTTP/1.1\r\nHost: influx.example:8086\r\n"
        "User-Agent: my-agent/1\r\nAccept: application/json\r\n"
        "Authorization: Token abc==\r\nContent-Type: application/json\r\n"
        "Content-Length: 21\r\n\r\n{\"status\":\"inactive\"}";
    il_http_request_t req = base_request();
    size_t len;
    req.method = "PATCH";
    req.path = PATCH_PATH;
    req.path_param = "0a1b2c3d4e5f6071";
    req.host = "influx.example:8086";
    req.token = "abc==";
    req.user_agent = "my-agent/1";
    req.body = body;
    req.body_len = sizeof body - 1;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
}

static void test_path_escape(void)
{
    static const char want[] =
        "GET /p/a%20b%2Fc%3Fd%3Be%2Cf$&+:=@-_.~%25%C3%A9 HTTP/1.1\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.path = "/p/";
    req.path_param = "a b/c?d;e,f$&+:=@-_.~%\xc3\xa9";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK(len > sizeof want - 1);
    CHECK_EQ_MEM(buf, sizeof want - 1, want, sizeof want - 1);
}

static void test_query(void)
{
    static const char want[] =
        "GET /private/legacy/authorizations?username=my+user%2Ba%26b%3Dc%2F%3F%40%3A%24-_.~ HTTP/1.1\r\n"
        "Host: h\r\nUser-Agent: " UA "\r\nAccept: application/json\r\n"
        "Authorization: Token t\r\n\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.path = "/private/legacy/authorizations";
    req.query_key = "username";
    req.query_value = "my user+a&b=c/?@:$-_.~";
    req.host = "h";
    req.token = "t";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
}

static void test_empty_query_value(void)
{
    static const char want[] = "GET /x?k= HTTP/1.1\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.path = "/x";
    req.query_key = "k";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, sizeof want - 1, want, sizeof want - 1);
}

static void test_no_token_and_close(void)
{
    static const char want[] =
        "GET /api/v2/authorizations HTTP/1.1\r\nHost: localhost:8086\r\n"
        "User-Agent: " UA "\r\nAccept: application/json\r\n"
        "Connection: close\r\n\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.token = NULL;
    req.close = true;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
    req.token = "";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
}

static void test_empty_body(void)
{
    static const char want[] =
        "PATCH /x HTTP/1.1\r\nHost: localhost:8086\r\n"
        "User-Agent: " UA "\r\nAccept: application/json\r\n"
        "Authorization: Token tok\r\nContent-Type: application/json\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.method = "PATCH";
    req.path = "/x";
    req.body = "";
    req.close = true;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
}

/* Exactly big enough works; one byte short fails without writing past cap. */
static void test_exact_fit(void)
{
    static const char body[] = "{\"status\":\"inactive\"}";
    il_http_request_t req = base_request();
    size_t len, full, cap;
    req.method = "PATCH";
    req.path = PATCH_PATH;
    req.path_param = "0a1b2c3d 4e5f6071";
    req.body = body;
    req.body_len = sizeof body - 1;
    req.close = true;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &full), IL_OK);
    CHECK_EQ_INT(write_req(&req, full, &len), IL_OK);
    CHECK_EQ_INT(len, full);
    CHECK_EQ_INT(buf[full], 0xAA);
    for (cap = 0; cap < full; cap++) {
        CHECK_EQ_INT(write_req(&req, cap, &len), IL_ERR_REQUEST_TOO_LARGE);
        CHECK_EQ_INT(buf[cap], 0xAA);
        CHECK_EQ_INT(len, 0);
    }
}

static void test_arg_errors(void)
{
    il_http_request_t req = base_request();
    size_t len;
    CHECK_EQ_INT(il_http_request_write(NULL, buf, sizeof buf, &len), IL_ERR_ARG);
    CHECK_EQ_INT(il_http_request_write(&req, NULL, sizeof buf, &len), IL_ERR_ARG);
    CHECK_EQ_INT(il_http_request_write(&req, buf, sizeof buf, NULL), IL_ERR_ARG);
    req.method = NULL;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req.method = "";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req = base_request();
    req.path = NULL;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req.path = "";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req = base_request();
    req.host = NULL;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req.host = "";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    req = base_request();
    req.body_len = 3;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    CHECK_EQ_INT(buf[0], 0xAA);
}

/* Each string field, poisoned with each bad byte, is refused untouched. */
static void test_unsafe_chars(void)
{
    static const char *const bad[] = { "a\rb", "a\nb", "\r\nX-Evil: 1", "a\tb", "a\x01", "a\x7f", "\x1f" };
    size_t f, b, len;
    for (f = 0; f < 8; f++) {
        for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            il_http_request_t req = base_request();
            const char **field[8];
            field[0] = &req.method;
            field[1] = &req.path;
            field[2] = &req.path_param;
            field[3] = &req.query_key;
            field[4] = &req.query_value;
            field[5] = &req.host;
            field[6] = &req.token;
            field[7] = &req.user_agent;
            req.query_key = "k";
            *field[f] = bad[b];
            CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
            CHECK_EQ_INT(buf[0], 0xAA);
        }
    }
}

/* A space would split the request line where the string goes in raw. */
static void test_space_in_request_line(void)
{
    il_http_request_t req = base_request();
    size_t len;
    req.method = "GET /evil";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
    req = base_request();
    req.path = "/a HTTP/1.0";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
    req = base_request();
    req.query_key = "a b";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
    req = base_request();
    req.token = "has space";   /* fine in a header value */
    req.user_agent = "a b";
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
}

/* The caller's headers follow the client's, in their order, as given. */
static void test_caller_headers(void)
{
    static const il_http_header_t hdrs[] = {
        {"Cookie", "influxdb-oss-session=abc=="}, {"Zap-Trace-Span", ""}, {"X-Tab", "a\tb"},
    };
    static const char want[] =
        "GET /api/v2/authorizations HTTP/1.1\r\nHost: localhost:8086\r\n"
        "User-Agent: " UA "\r\nAccept: application/json\r\n"
        "Cookie: influxdb-oss-session=abc==\r\nZap-Trace-Span: \r\nX-Tab: a\tb\r\n\r\n";
    il_http_request_t req = base_request();
    size_t len;
    req.token = NULL;
    req.headers = hdrs;
    req.nheaders = 3;
    CHECK_EQ_INT(il_http_headers_check(hdrs, 3), IL_OK);
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
    req.headers = NULL;
    CHECK_EQ_INT(write_req(&req, sizeof buf, &len), IL_ERR_ARG);
    CHECK_EQ_INT(write_req(&req, 40, &len), IL_ERR_ARG);
    req.headers = hdrs;
    CHECK_EQ_INT(write_req(&req, sizeof want - 2, &len), IL_ERR_REQUEST_TOO_LARGE);
}

/* What il_http_headers_check refuses: nothing that could end a header or
 * start another gets through. */
static void test_caller_headers_checked(void)
{
    static const struct {
        const char *name, *value;
        il_status_t want;
    } cases[] = {
        {"X-A", "v", IL_OK},          {"x.y_z~!#$%&'*+^`|", "v \t\x80\xff", IL_OK},
        {"", "v", IL_ERR_UNSAFE_CHAR}, {"X A", "v", IL_ERR_UNSAFE_CHAR},  {"X:A", "v", IL_ERR_UNSAFE_CHAR},
        {"X\tA", "v", IL_ERR_UNSAFE_CHAR}, {"X\x7f", "v", IL_ERR_UNSAFE_CHAR}, {"X", "a\r\nB: c", IL_ERR_UNSAFE_CHAR},
        {"X", "a\nb", IL_ERR_UNSAFE_CHAR}, {"X", "a\x01", IL_ERR_UNSAFE_CHAR}, {"X", "\x7f", IL_ERR_UNSAFE_CHAR},
        {NULL, "v", IL_ERR_ARG},       {"X", NULL, IL_ERR_ARG},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        il_http_header_t h[2] = {{"Ok", "ok"}, {cases[i].name, cases[i].value}};
        CHECK_EQ_INT(il_http_headers_check(h, 2), cases[i].want);
    }
    CHECK_EQ_INT(il_http_headers_check(NULL, 0), IL_OK);
    CHECK_EQ_INT(il_http_headers_check(NULL, 1), IL_ERR_ARG);
}

int main(void)
{
    RUN(test_get);
    RUN(test_patch_with_body);
    RUN(test_path_escape);
    RUN(test_query);
    RUN(test_empty_query_value);
    RUN(test_no_token_and_close);
    RUN(test_empty_body);
    RUN(test_exact_fit);
    RUN(test_arg_errors);
    RUN(test_unsafe_chars);
    RUN(test_space_in_request_line);
    RUN(test_caller_headers);
    RUN(test_caller_headers_checked);
    return check_summary();
}
