/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_errors.c - error texts (Go-like), exit-code classes, URL
 * escaping. */
#include <errno.h>
#include "check.h"
#include "../../boards/linux/cli_errors.h"

static char mem[2048];
static cli_buf_t b;
static il_result_t res;
static cli_req_t rq;

static il_str_t S(const char *s)
{
    il_str_t r = {s, s != NULL ? strlen(s) : 0};
    return r;
}

static void setup(void)
{
    memset(&res, 0, sizeof res);
    res.status_text = "";
    res.content_type = "";
    res.location = "";
    memset(&rq, 0, sizeof rq);
    rq.method = "Get";
    rq.scheme = "http";
    rq.host_header = "127.0.0.1:8086";
    rq.dial_host = "127.0.0.1";
    rq.port = 8086;
    rq.path = "/api/v2/authorizations/";
    rq.param = "0a1b2c3d4e5f6a7b";
}

static char store[256];

/* The text for st; body (not NULL) is decoded first as an answer of
 * model m, its failure in res.json_error as the client sets it. */
static const char *fail_text_as(il_status_t st, const char *body, uint8_t m)
{
    static il_json_t j;
    static il_auth_t out;
    if (body != NULL) {
        il_json_begin(&j, m, &out, store, sizeof store, NULL);
        il_json_feed(&j, (const uint8_t *)body, strlen(body));
        (void)il_json_end(&j);
        res.json_error = j.err;
    }
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_failure(&b, st, &res, &rq);
    mem[b.len] = '\0';
    return mem;
}

static const char *fail_text(il_status_t st, const char *body)
{
    return fail_text_as(st, body, IL_JSON_M_ERROR);
}

static void test_http_errors(void)
{
    setup();
    res.http_status = 404;
    res.status_text = "404 Not Found";
    res.error_decode = IL_OK;
    res.error.code = S("not found");
    res.error.message = S("authorization not found");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "404 Not Found: authorization not found");
    res.error.err = S("disk");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "404 Not Found: authorization not found: disk");
    res.error.err = S(NULL);
    res.error.message = S(NULL);
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "404 Not Found: ");
    res.error.code = S("bogus");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "404 Not Found: bogus is not a valid ErrorCode");
    /* 401 on GET /api/v2/authorizations/{id}: any code */
    res.http_status = 401;
    res.status_text = "401 Unauthorized";
    res.error.message = S("token is inactive");
    res.error_model = IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR;
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "401 Unauthorized: token is inactive");
    res.error_decode = IL_ERR_CONTENT_TYPE;
    res.content_type = "text/plain; charset=utf-8";
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL),
                 "401 Unauthorized: unable to decode response content type \"text/plain; charset=utf-8\"");
    res.error_decode = IL_ERR_JSON;
    res.status_text = "500 Internal Server Error";
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_5XX, "  xyz"),
                 "500 Internal Server Error: invalid character 'x' looking for beginning of value");
}


/* Go's words for an answer that did not decode: scanner.go's contexts
 * (quoteChar names the byte as the rune U+00XX), decode.go's
 * UnmarshalTypeError with the official structs' names (package api), and
 * the UnmarshalJSON errors of time.Time and api.ErrorCode. The expected
 * texts are Go's own for these inputs. */
static void test_json_error_texts(void)
{
    static const struct { const char *body, *text; } cases[] = {
        { " ", "unexpected end of JSON input" },
        { "{\"id\": \"06c8", "unexpected end of JSON input" },
        { "{} x", "invalid character 'x' after top-level value" },
        { "{\"a\" 1}", "invalid character '1' after object key" },
        { "{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair" },
        { "[1 2]", "invalid character '2' after array element" },
        { "{1}", "invalid character '1' looking for beginning of object key string" },
        { "\"a\x01\"", "invalid character '\\x01' in string literal" },
        { "\"\\q\"", "invalid character 'q' in string escape code" },
        { "\"\\u00g0\"", "invalid character 'g' in \\u hexadecimal character escape" },
        { "-a", "invalid character 'a' in numeric literal" },
        { "1.e", "invalid character 'e' after decimal point in numeric literal" },
        { "1e+", "invalid character ' ' in exponent of numeric literal" },
        { "tru", "invalid character ' ' in literal true (expecting 'e')" },
        { "fx", "invalid character 'x' in literal false (expecting 'a')" },
        { "nul", "invalid character ' ' in literal null (expecting 'l')" },
        { "'", "invalid character '\\'' looking for beginning of value" },
        { "\\", "invalid character '\\\\' looking for beginning of value" },
        { "\xff", "invalid character '\xc3\xbf' looking for beginning of value" },
        { "\x80", "invalid character '\\u0080' looking for beginning of value" },
        { "\xa0", "invalid character '\\u00a0' looking for beginning of value" },
        { "\xe9", "invalid character '\xc3\xa9' looking for beginning of value" },
        { "\x7f", "invalid character '\\x7f' looking for beginning of value" },
        { "{\"message\": 5}", "json: cannot unmarshal number into Go struct field Error.message of type string" },
        { "[]", "json: cannot unmarshal array into Go value of type api.Error" },
        { "{\"code\": true}", "json: cannot unmarshal bool into Go struct field Error.code of type string" },
        { "{\"code\": null}", " is not a valid ErrorCode" },
    };
    setup();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = fail_text(IL_ERR_JSON, cases[i].body);
        if (strcmp(got, cases[i].text) != 0) printf("  (case %zu: %s)\n", i, cases[i].text);
        CHECK_EQ_STR(got, cases[i].text);
    }
    CHECK_EQ_STR(fail_text_as(IL_ERR_JSON, "{\"permissions\": [{\"resource\": {\"type\": 5}}]}",
                              IL_JSON_M_AUTHORIZATION),
                 "json: cannot unmarshal number into Go struct field PermissionResource.permissions.resource.type "
                 "of type string");
    CHECK_EQ_STR(fail_text_as(IL_ERR_JSON, "{\"permissions\": {}}", IL_JSON_M_AUTHORIZATION),
                 "json: cannot unmarshal object into Go struct field Authorization.permissions of type "
                 "[]api.Permission");
    CHECK_EQ_STR(fail_text_as(IL_ERR_JSON, "{\"authorizations\": [3]}", IL_JSON_M_AUTHORIZATIONS),
                 "json: cannot unmarshal number into Go struct field Authorizations.authorizations of type "
                 "api.Authorization");
    CHECK_EQ_STR(fail_text_as(IL_ERR_JSON, "{\"links\": \"x\"}", IL_JSON_M_USER_RESPONSE),
                 "json: cannot unmarshal string into Go struct field UserResponse.links of type "
                 "api.UserResponseLinks");
    CHECK_EQ_STR(fail_text_as(IL_ERR_JSON, "{\"createdAt\": 1}", IL_JSON_M_AUTHORIZATION),
                 "Time.UnmarshalJSON: input is not a JSON string");
}

/* Which error an error answer's body gives, in Go's order: a syntax error,
 * an error returned at once (the code's), a saved type error. */
static void test_error_body_precedence(void)
{
    setup();
    res.http_status = 400;
    res.status_text = "400 Bad Request";
    res.error_model = IL_JSON_M_ERROR;
    res.error_decode = IL_ERR_JSON;
    res.error.code = S("bogus");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, "{\"message\": 5, \"code\": \"bogus\"}"),
                 "400 Bad Request: bogus is not a valid ErrorCode");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, "{\"message\": 5, \"code\": \"bogus\"} x"),
                 "400 Bad Request: invalid character 'x' after top-level value");
    res.error.code = S(NULL);
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, "{\"message\": 5, \"code\": 7}"),
                 "400 Bad Request: json: cannot unmarshal number into Go struct field Error.code of type string");
    res.error_decode = IL_OK;
    res.error.code = S("");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "400 Bad Request:  is not a valid ErrorCode");
    res.error_model = IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR;
    res.http_status = 401;
    res.status_text = "401 Unauthorized";
    res.error.code = S("anything");
    res.error.message = S("unauthorized access");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "401 Unauthorized: unauthorized access");
}

static void test_other_failures(void)
{
    setup();
    res.status_text = "307 Temporary Redirect";
    res.location = "http://e/x";
    CHECK_EQ_STR(fail_text(IL_ERR_REDIRECT, NULL), "307 Temporary Redirect: redirect to http://e/x not followed");
    res.auth.status = S("active");
    CHECK_EQ_STR(fail_text(IL_ERR_POSTCONDITION, NULL), "server answered status \"active\", not \"inactive\"");
    CHECK_EQ_STR(fail_text(IL_ERR_NO_MATCH, NULL), "%!w(<nil>)");
    res.content_type = "text/html";
    CHECK_EQ_STR(fail_text(IL_ERR_CONTENT_TYPE, NULL), "unable to decode response content type \"text/html\"");
    CHECK_EQ_STR(fail_text(IL_ERR_JSON_TOO_LARGE, NULL), "response too large for buffer");
}

static void test_transport_errors(void)
{
    setup();
    CHECK_EQ_STR(fail_text(IL_ERR_CONNECT, NULL),
                 "Get \"http://127.0.0.1:8086/api/v2/authorizations/0a1b2c3d4e5f6a7b\": "
                 "dial tcp 127.0.0.1:8086: connect: connection refused");
    rq.method = "Patch";
    rq.dial_host = "nohost";
    rq.host_header = "nohost:8086";
    CHECK_EQ_STR(fail_text(IL_ERR_DNS, NULL),
                 "Patch \"http://nohost:8086/api/v2/authorizations/0a1b2c3d4e5f6a7b\": "
                 "dial tcp: lookup nohost: no such host");
    rq.dial_host = "::1";
    rq.host_header = "[::1]:8086";
    rq.connecting = true;
    CHECK_EQ_STR(fail_text(IL_ERR_TIMEOUT, NULL),
                 "Patch \"http://[::1]:8086/api/v2/authorizations/0a1b2c3d4e5f6a7b\": "
                 "dial tcp [::1]:8086: i/o timeout");
    rq.scheme = "https";
    CHECK(strstr(fail_text(IL_ERR_TLS_CA, NULL),
                 "\": tls: failed to verify certificate: x509: certificate signed by unknown authority") != NULL);
    CHECK(strstr(fail_text(IL_ERR_HTTP_EOF, NULL), "\": EOF") != NULL);
}

/* Go's crypto/tls: "remote error: tls: X" only for an alert the server
 * sent; what the client refused is a "local error"; Go's alert texts. */
static void test_tls_alerts(void)
{
    static const char url[] = "Get \"https://127.0.0.1:8086/api/v2/authorizations/0a1b2c3d4e5f6a7b\": ";
    char want[256];
    static const struct {
        il_status_t st;
        int alert;
        const char *cause;
    } cases[] = {
        {IL_ERR_TLS_ALERT, 40, "remote error: tls: handshake failure"},
        {IL_ERR_TLS_ALERT, 70, "remote error: tls: protocol version not supported"},
        {IL_ERR_TLS_ALERT, 48, "remote error: tls: unknown certificate authority"},
        {IL_ERR_TLS_ALERT, 112, "remote error: tls: unrecognized name"},
        {IL_ERR_TLS_ALERT, 116, "remote error: tls: certificate required"},
        {IL_ERR_TLS_ALERT, 200, "remote error: tls: alert(200)"},
        {IL_ERR_TLS_HANDSHAKE, 50, "local error: tls: error decoding message"},
        {IL_ERR_TLS_HANDSHAKE, 47, "local error: tls: illegal parameter"},
        {IL_ERR_TLS_RECORD, 20, "local error: tls: bad record MAC"},
        {IL_ERR_TLS_RECORD, 80, "local error: tls: internal error"},
        {IL_ERR_TLS_EOF, -1, "EOF"},
        {IL_ERR_TLS_VERSION, 70, "tls: server selected unsupported protocol version"},
        {IL_ERR_TLS_MEMORY, -1, "tls: out of memory (the TLS pool, IL_TLS_POOL_SIZE, is too small for this server)"},
        {IL_ERR_TLS, -1, "tls: handshake failed"},
    };
    setup();
    rq.scheme = "https";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rq.tls_alert = cases[i].alert;
        snprintf(want, sizeof want, "%s%s", url, cases[i].cause);
        CHECK_EQ_STR(fail_text(cases[i].st, NULL), want);
        /* the pool is the local system's memory: exit 7, not the network's 2 */
        CHECK_EQ_INT(cli_exit_code(cases[i].st), cases[i].st == IL_ERR_TLS_MEMORY ? 7 : 2);
    }
}

static void test_exit_codes(void)
{
    CHECK_EQ_INT(cli_exit_code(IL_OK), 0);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_ID_LENGTH), 1);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_URL_SCHEME), 1);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_CONNECT), 2);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_TLS_NAME), 2);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_TIMEOUT), 2);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_HTTP_4XX), 3);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_REDIRECT), 3);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_NO_MATCH), 3);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_HTTP_5XX), 4);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_HTTP_CHUNK), 4);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_JSON_TOO_LARGE), 4);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_POSTCONDITION), 5);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_NO_FDS), 7);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_CANCELLED), 7);
    CHECK_EQ_INT(CLI_EXIT_OUTPUT, 6);
    CHECK_EQ_INT(CLI_EXIT_SIGNAL + 2, 130);
}

/* The answer is not for what was asked: the ID, user ID or username
 * answered against the one asked for (both quoted, Go's %q). */
static void test_answer_mismatch(void)
{
    setup();
    rq.value = "0a1b2c3d4e5f6a7b";
    res.auth.id = S("0d2a3c5b7e8f9000");
    CHECK_EQ_STR(fail_text(IL_ERR_ANSWER_MISMATCH, NULL),
                 "server answered for ID \"0d2a3c5b7e8f9000\", not \"0a1b2c3d4e5f6a7b\"");
    res.auth.id = S(NULL);
    CHECK_EQ_STR(fail_text(IL_ERR_ANSWER_MISMATCH, NULL), "server answered for ID \"\", not \"0a1b2c3d4e5f6a7b\"");
    rq.path = "/api/v2/users/";
    res.user.id = S("x\x1b");
    CHECK_EQ_STR(fail_text(IL_ERR_ANSWER_MISMATCH, NULL),
                 "server answered for user ID \"x\\x1b\", not \"0a1b2c3d4e5f6a7b\"");
    rq.path = "/private/legacy/authorizations";
    rq.param = NULL;
    rq.query_key = "token";
    rq.value = "bob";
    res.auth.token = S("alice");
    CHECK_EQ_STR(fail_text(IL_ERR_ANSWER_MISMATCH, NULL), "server answered for username \"alice\", not \"bob\"");
    CHECK_EQ_INT(cli_exit_code(IL_ERR_ANSWER_MISMATCH), CLI_EXIT_SERVER);
}

/* Server text is escaped (cli_put_escaped) wherever an error prints it. */
static void test_server_text_escaped(void)
{
    setup();
    res.http_status = 400;
    res.status_text = "400 Bad\tRequest\xc2\x9b";
    res.error_decode = IL_OK;
    res.error.code = S("invalid");
    res.error.message = S("a\r\nError: b\x1b[0m");
    res.error.err = S("\xff");
    /* a JSON string's invalid byte is U+FFFD, as Go's decoder holds it */
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "400 Bad\\tRequest\\u009b: a\\r\\nError: b\\x1b[0m: \xef\xbf\xbd");
    res.error.code = S("bo\ngus");
    CHECK_EQ_STR(fail_text(IL_ERR_HTTP_4XX, NULL), "400 Bad\\tRequest\\u009b: bo\\ngus is not a valid ErrorCode");
    res.status_text = "302 Found";
    res.location = "/x\x7f\x9b";
    CHECK_EQ_STR(fail_text(IL_ERR_REDIRECT, NULL), "302 Found: redirect to /x\\x7f\\x9b not followed");
    res.content_type = "text/\x1b";
    CHECK_EQ_STR(fail_text(IL_ERR_CONTENT_TYPE, NULL), "unable to decode response content type \"text/\\x1b\"");
}

/* Out of descriptors or memory: Go's dial error, the local class (exit 7);
 * errno texts as Go prints them whatever the libc. */
static void test_local_failures(void)
{
    setup();
    CHECK_EQ_STR(fail_text(IL_ERR_NO_FDS, NULL),
                 "Get \"http://127.0.0.1:8086/api/v2/authorizations/0a1b2c3d4e5f6a7b\": "
                 "dial tcp 127.0.0.1:8086: socket: too many open files");
    CHECK(strstr(fail_text(IL_ERR_NO_MEMORY, NULL), ": socket: cannot allocate memory") != NULL);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_NO_FDS), CLI_EXIT_LOCAL);
    CHECK_EQ_INT(cli_exit_code(IL_ERR_NO_MEMORY), CLI_EXIT_LOCAL);
    cli_buf_init(&b, mem, sizeof mem - 1);
    CHECK_EQ_INT(cli_fail_path(&b, CLI_EXIT_USAGE, "open", "/f", EMFILE), CLI_EXIT_LOCAL);
    CHECK_EQ_INT(cli_fail_path(&b, CLI_EXIT_USAGE, "open", "/f", ENOMEM), CLI_EXIT_LOCAL);
    CHECK_EQ_INT(cli_fail_path(&b, CLI_EXIT_USAGE, "open", "/f", ENOENT), CLI_EXIT_USAGE);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "Error: open /f: too many open files\nError: open /f: cannot allocate memory\n"
                      "Error: open /f: no such file or directory\n");
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_errno(&b, EIO);
    cli_putc(&b, '|');
    cli_put_errno(&b, EPIPE);
    cli_putc(&b, '|');
    cli_put_errno(&b, ENOSPC);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "input/output error|broken pipe|no space left on device");
}

/* Go's generated client decodes a body only when its Content-Type matches
 * (?i:(?:application|text)/(?:vnd\.[^;]+\+)?json), unanchored (influx-cli
 * api/client.go, jsonCheck in decode); the answers below are what Go's
 * regexp says of each. The core decodes every body: the CLI checks. */
static void test_content_type_as_go_checks_it(void)
{
    static const struct { const char *ct; bool json; } cases[] = {
        {"application/json", true}, {"application/json; charset=utf-8", true}, {"APPLICATION/JSON", true},
        {"text/json", true}, {"text/plain", false}, {"application/vnd.influx+json", true},
        {"application/vnd.+json", false}, {"application/vnd.a+json", true}, {"application/vnd.a;b+json", false},
        {"application/problem+json", false}, {"x-application/jsonx", true}, {"", false},
        {"application/vnd.x+y+json", true}, {"text/vnd.x+JSON", true}, {"application/vnd.++json", true},
        {"text/html, application/json", true},
    };
    il_client_t c;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_EQ_INT(cli_content_type_json(cases[i].ct), cases[i].json);
    memset(&c, 0, sizeof c);
    memset(&res, 0, sizeof res);   /* the file's result */
    res.content_type = "text/html";
    res.http_status = 200;
    CHECK_EQ_INT(cli_answer_type(&c, &res, IL_OK), IL_OK);                  /* no body: not checked */
    c.resp.body_len = 4;
    CHECK_EQ_INT(cli_answer_type(&c, &res, IL_ERR_JSON), IL_ERR_CONTENT_TYPE);
    res.http_status = 404;
    CHECK_EQ_INT(cli_answer_type(&c, &res, IL_ERR_HTTP_4XX), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(res.error_decode, IL_ERR_CONTENT_TYPE);
    res.content_type = "application/json";
    res.error_decode = IL_ERR_JSON;
    CHECK_EQ_INT(cli_answer_type(&c, &res, IL_ERR_HTTP_4XX), IL_ERR_HTTP_4XX);
    CHECK_EQ_INT(res.error_decode, IL_ERR_JSON);
    res.http_status = 0;                                                     /* no answer */
    res.content_type = "text/html";
    CHECK_EQ_INT(cli_answer_type(&c, &res, IL_ERR_RECV), IL_ERR_RECV);
}

static void test_url_escaping(void)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_path_escaped(&b, "a b/c?$&+:=@~");
    cli_putc(&b, '|');
    cli_put_query_escaped(&b, "a b/c?$&+~");
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "a%20b%2Fc%3F$&+:=@~|a+b%2Fc%3F%24%26%2B~");
    setup();
    rq.scheme = "";
    rq.host_header = "";
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_req_put_url(&b, &rq);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "/api/v2/authorizations/0a1b2c3d4e5f6a7b");
    rq.scheme = "localhost";
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_req_put_url(&b, &rq);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "localhost:///api/v2/authorizations/0a1b2c3d4e5f6a7b");
    CHECK(cli_error_code_valid("unprocessable entity", 20));
    CHECK(!cli_error_code_valid("Not Found", 9));
}

int main(void)
{
    RUN(test_json_error_texts);
    RUN(test_error_body_precedence);
    RUN(test_http_errors);
    RUN(test_other_failures);
    RUN(test_transport_errors);
    RUN(test_tls_alerts);
    RUN(test_exit_codes);
    RUN(test_url_escaping);
    RUN(test_answer_mismatch);
    RUN(test_server_text_escaped);
    RUN(test_local_failures);
    RUN(test_content_type_as_go_checks_it);
    return check_summary();
}
