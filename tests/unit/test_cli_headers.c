/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_headers.c - the hidden flags' headers (cli_headers.c: the
 * official CLI's DefaultHeader map, Go's canonical names and transport
 * checks) and what the CLI reads from answers' headers (cli_watch.c: the
 * trace line, the sign-in's session cookie). */
#include <stdint.h>
#include "check.h"
#include "il_text.h"
#include "../../boards/linux/cli_errors.h"
#include "../../boards/linux/cli_headers.h"
#include "../../boards/linux/cli_watch.h"

static cli_headers_t h;
static cli_args_t a;
static cli_text_t extra[8];
static char errmem[1024];
static cli_buf_t err;

static void args(const char *trace, const char *const *xs, size_t n)
{
    memset(&a, 0, sizeof a);
    a.trace_id = trace != NULL ? trace : "";
    a.trace_id_set = trace != NULL;
    for (size_t i = 0; i < n; i++) {
        extra[i].p = xs[i];
        extra[i].n = strlen(xs[i]);
    }
    a.extra = extra;
    a.nextra = n;
    cli_buf_init(&err, errmem, sizeof errmem - 1);
}

static const char *err_text(void)
{
    errmem[err.len] = '\0';
    return errmem;
}

static cli_req_t req(const char *method, const char *path, const char *value)
{
    cli_req_t r;
    memset(&r, 0, sizeof r);
    r.context = value != NULL ? "could not find auth with ID " : "error creating session: ";
    r.value = value;
    r.method = method;
    r.scheme = "http";
    r.host_header = "h:1";
    r.path = path;
    return r;
}

/* Which headers go out, in name order: canonical names, trimmed values, the
 * last value of a key, Host and User-Agent not sent; only the extra
 * headers' values are secrets. */
static void headers_as_go_sends_them(void)
{
    static const char *const xs[] = {"x-b:  2 ", "X-A:1", "x-b:3", "host:evil", "User-Agent:x", "X_Under:u"};
    cli_req_t first = req("Get", "/p", "ID");
    args(" t1 ", xs, 6);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, NULL, &err), CLI_EXIT_OK);
    static const char *const want[][2] = {{"Influx-Debug-Id", "t1"}, {"X-A", "1"}, {"X-B", "3"}, {"X_under", "u"},
                                          {"Zap-Trace-Span", "t1"}};
    CHECK_EQ_INT(h.n, 5);
    for (size_t i = 0; i < 5 && i < h.n; i++) {
        CHECK_EQ_STR(h.list[i].name, want[i][0]);
        CHECK_EQ_STR(h.list[i].value, want[i][1]);
    }
    CHECK_EQ_INT(h.nsecrets, 5);
    CHECK(h.send_token && !h.user_cookie);
    CHECK_EQ_INT(il_http_headers_check(h.list, h.n), IL_OK);
    CHECK(cli_headers_set_session(&h, "k=="));
    CHECK_EQ_STR(h.list[0].name, "Cookie");
    CHECK_EQ_STR(h.list[0].value, "influxdb-oss-session=k==");
    cli_headers_wipe(&h);
}

/* Keys written exactly as the official CLI's own replace its values. */
static void own_keys_replaced(void)
{
    static const char *const xs[] = {"Authorization:Token other", "Cookie:c=1", "influx-debug-id:x"};
    cli_req_t first = req("Get", "/p", "ID");
    args("t", xs, 3);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, NULL, &err), CLI_EXIT_OK);
    CHECK(!h.send_token && h.user_cookie);
    CHECK_EQ_INT(h.n, 4);
    CHECK_EQ_STR(h.list[2].name, "Influx-Debug-Id");
    CHECK_EQ_STR(h.list[2].value, "x");
    CHECK(cli_headers_set_session(&h, "k"));
    CHECK_EQ_INT(h.n, 4);
    args(NULL, xs + 2, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK(h.send_token && !h.user_cookie);
}

static void refusals_with_go_texts(void)
{
    static const char *const nocolon[] = {"X-A"}, *const badname[] = {"X A:1"}, *const badvalue[] = {"x-a:1\r"};
    cli_req_t first = req("Get", "/api/v2/authorizations/", "ID"), signin = req("Post", "/api/v2/signin", NULL);
    first.param = "ID";
    args(NULL, nocolon, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_text(), "Error: header flag syntax \"key:value\", missing value in \"X-A\"\n");
    args(NULL, badname, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, NULL, &err), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_text(), "Error: could not find auth with ID \"ID\": Get \"http://h:1/api/v2/authorizations/ID\": "
                             "net/http: invalid header field name \"X A\"\n");
    args(NULL, badvalue, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, NULL, &err), CLI_EXIT_USAGE);
    CHECK(strstr(err_text(), "net/http: invalid header field value for \"X-A\"\n") != NULL);
    static char big[CLI_HEADERS_EXTRA_MAX + 8];
    memset(big, 'v', sizeof big - 1);
    big[0] = 'k';
    big[1] = ':';
    const char *const toobig[] = {big};
    args(NULL, toobig, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_text(), "Error: the --extra-http-header and --trace-debug-id values are too long (at most 8192 "
                             "bytes in all)\n");
    args("a\x7f", NULL, 0);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, &signin, &err), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_text(), "Error: error creating session: Post \"http://h:1/api/v2/signin\": net/http: invalid "
                             "header field value for \"Influx-Debug-Id\"\n");
}

/* The sign-in's headers: its Basic credentials and the trace ID only. */
static void signin_headers(void)
{
    static const char *const xs[] = {"X-A:1"};
    cli_req_t first = req("Get", "/p", "ID"), signin = req("Post", "/api/v2/signin", NULL);
    args("t", xs, 1);
    CHECK_EQ_INT(cli_headers_parse(&h, &a, &err), CLI_EXIT_OK);
    CHECK_EQ_INT(cli_headers_check(&h, &first, &signin, &err), CLI_EXIT_OK);
    CHECK(cli_headers_set_basic(&h, "myuser:pw", 9));
    CHECK_EQ_INT(h.nsignin, 3);
    CHECK_EQ_STR(h.signin[0].name, "Authorization");
    CHECK_EQ_STR(h.signin[0].value, "Basic bXl1c2VyOnB3");
    CHECK_EQ_STR(h.signin[1].name, "Influx-Debug-Id");
    CHECK_EQ_STR(h.signin[2].name, "Zap-Trace-Span");
}

/* Feed one header line to a watch. */
static void feed(cli_watch_t *w, const char *name, const char *value)
{
    if (cli_watch_header(w, IL_HTTP_WATCH_NAME, name, strlen(name))) {
        for (const char *p = value; *p != '\0'; p++) (void)cli_watch_header(w, IL_HTTP_WATCH_VALUE, p, 1);
        (void)cli_watch_header(w, IL_HTTP_WATCH_END, "", 0);
    }
}

/* The trace line: the first trace-sampled exactly "true", the first
 * trace-id, once the headers are in. */
static void trace_line(void)
{
    static cli_watch_mem_t mem;
    cli_watch_t w;
    char out[256];
    cli_buf_t b;
    cli_buf_init(&b, out, sizeof out - 1);
    cli_watch_init(&w, &mem, "trace-id: ", &b, NULL, NULL);
    cli_watch_begin(&w);
    feed(&w, "Trace-Sampled", "true ");
    feed(&w, "trace-id", "abc");
    feed(&w, "Trace-Id", "second");
    cli_watch_end(&w, false);
    CHECK_EQ_INT(b.len, 0);
    cli_watch_end(&w, true);
    out[b.len] = '\0';
    CHECK_EQ_STR(out, "trace-id: abc\n");
    static const char *const not_sampled[] = {"True", "1", "true, true", ""};
    for (size_t i = 0; i < 4; i++) {
        b.len = 0;
        cli_watch_begin(&w);
        feed(&w, "trace-sampled", not_sampled[i]);
        feed(&w, "trace-sampled", "true");
        feed(&w, "trace-id", "x");
        cli_watch_end(&w, true);
        CHECK_EQ_INT(b.len, 0);
    }
}

/* The session: the first Set-Cookie named *influxdb* that Go accepts. */
static void session_cookie(void)
{
    static const struct {
        const char *lines[3];
        const char *want;
    } cases[] = {
        {{"influxdb-oss-session=abc==; Path=/api/; HttpOnly", NULL, NULL}, "abc=="},
        {{"lb=1", "x-influxdb-y=\"q v\"; Secure", "influxdb-oss-session=later"}, "q v"},
        {{"influxdb-oss-session=a\\b", "influxdb oss=x", " influxdb-2 = v1 ;x"}, " v1"},
        {{"INFLUXDB-OSS-SESSION=a", "influxdb-oss-session", "=influxdb"}, NULL},
    };
    static cli_watch_mem_t mem;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cli_watch_t w;
        cli_watch_init(&w, &mem, "", NULL, NULL, NULL);
        w.cookies = true;
        cli_watch_begin(&w);
        for (size_t k = 0; k < 3 && cases[i].lines[k] != NULL; k++) feed(&w, "Set-Cookie", cases[i].lines[k]);
        CHECK_EQ_INT(w.session_found, cases[i].want != NULL);
        if (cases[i].want != NULL) CHECK_EQ_STR(mem.session, cases[i].want);
        cli_watch_wipe(&w);
    }
}

int main(void)
{
    RUN(headers_as_go_sends_them);
    RUN(own_keys_replaced);
    RUN(refusals_with_go_texts);
    RUN(signin_headers);
    RUN(trace_line);
    RUN(session_cookie);
    return check_summary();
}
