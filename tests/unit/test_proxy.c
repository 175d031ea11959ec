/* SPDX-License-Identifier: Apache-2.0 */
/* test_proxy.c - proxies: the core's messages (il_proxy.h), the tunnel
 * over a scripted transport (port/proxy), Go's NO_PROXY matching and
 * ProxyFromEnvironment's choices (boards/linux/cli_noproxy.c,
 * cli_proxy.c), each expectation from the Go source it cites. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"
#include "il_proxy.h"
#include "il_proxy_conn.h"
#include "il_text.h"
#include "cli_errors.h"
#include "cli_proxy.h"

/* ---- core messages ---- */

static void proxy_connect_request_bytes(void)
{
    uint8_t buf[256];
    size_t len = 0;
    static const char want[] = "CONNECT influxdb.test:8086 HTTP/1.1\r\nHost: influxdb.test:8086\r\n"
                               "User-Agent: ua/1\r\n\r\n";
    CHECK_EQ_INT(il_proxy_connect_write("influxdb.test:8086", "ua/1", NULL, buf, sizeof buf, &len), IL_OK);
    CHECK_EQ_MEM(buf, len, want, sizeof want - 1);
    CHECK_EQ_INT(il_proxy_connect_write("[::1]:443", "ua", "Basic dTpw", buf, sizeof buf, &len), IL_OK);
    buf[len < sizeof buf ? len : sizeof buf - 1] = 0;
    CHECK(strstr((const char *)buf, "\r\nProxy-Authorization: Basic dTpw\r\n\r\n") != NULL);
    CHECK_EQ_INT(il_proxy_connect_write("a b:1", "ua", NULL, buf, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
    CHECK_EQ_INT(il_proxy_connect_write("h:1", "ua", "Basic x\r\nX: y", buf, sizeof buf, &len), IL_ERR_UNSAFE_CHAR);
    CHECK_EQ_INT(il_proxy_connect_write("h:1", "ua", NULL, buf, 20, &len), IL_ERR_REQUEST_TOO_LARGE);
    CHECK_EQ_INT(il_proxy_connect_write("", "ua", NULL, buf, sizeof buf, &len), IL_ERR_ARG);
}

static void proxy_authority_brackets_ipv6(void)
{
    char out[64];
    CHECK_EQ_INT(il_proxy_authority("influxdb.test", 8086, out, sizeof out), IL_OK);
    CHECK_EQ_STR(out, "influxdb.test:8086");
    CHECK_EQ_INT(il_proxy_authority("2001:db8::1", 443, out, sizeof out), IL_OK);
    CHECK_EQ_STR(out, "[2001:db8::1]:443");
    CHECK_EQ_INT(il_proxy_authority("influxdb.test", 8086, out, 10), IL_ERR_REQUEST_TOO_LARGE);
    CHECK_EQ_STR(out, "");
}

/* Go's basicAuth (net/http/client.go): base64 of "user:pass". */
static void proxy_basic_credentials(void)
{
    char out[64];
    CHECK_EQ_INT(il_proxy_basic("Aladdin", "open sesame", out, sizeof out), IL_OK);
    CHECK_EQ_STR(out, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");     /* RFC 7617 section 2 */
    CHECK_EQ_INT(il_proxy_basic("u", NULL, out, sizeof out), IL_OK);
    CHECK_EQ_STR(out, "Basic dTo=");
    CHECK_EQ_INT(il_proxy_basic("user", "pw", out, 12), IL_ERR_REQUEST_TOO_LARGE);
    CHECK_EQ_STR(out, "");
}

/* Go's net.ParseIP (net/ip.go): no leading zeros since Go 1.17, no zones. */
static void text_ip_parse_as_go(void)
{
    uint8_t a[16];
    CHECK_EQ_INT(il_ip_parse("192.0.2.1", 9, a), 4);
    CHECK_EQ_INT(a[3], 1);
    CHECK_EQ_INT(il_ip_parse("192.0.2.01", 10, a), 0);
    CHECK_EQ_INT(il_ip_parse("0.0.0.0", 7, a), 4);
    CHECK_EQ_INT(il_ip_parse("256.0.0.1", 9, a), 0);
    CHECK_EQ_INT(il_ip_parse("::1", 3, a), 16);
    CHECK_EQ_INT(a[15], 1);
    CHECK_EQ_INT(il_ip_parse("::ffff:10.0.0.1", 15, a), 16);
    CHECK_EQ_INT(il_ip_parse("fe80::1%eth0", 12, a), 0);
    CHECK_EQ_INT(il_ip_parse("1:2:3:4:5:6:7:8:9", 17, a), 0);
    CHECK_EQ_INT(il_ip_parse("influxdb.test", 13, a), 0);
}

/* socks_bundle.go's connect: the greeting, RFC 1929, the CONNECT request. */
static void socks5_messages(void)
{
    uint8_t b[300];
    size_t len = 0;
    CHECK_EQ_INT(il_socks5_greeting(false, b), 3);
    CHECK_EQ_MEM(b, 3, "\x05\x01\x00", 3);
    CHECK_EQ_INT(il_socks5_greeting(true, b), 4);
    CHECK_EQ_MEM(b, 4, "\x05\x02\x00\x02", 4);
    CHECK_EQ_INT(il_socks5_auth_write("user", "pw", b, sizeof b, &len), IL_OK);
    CHECK_EQ_MEM(b, len, "\x01\x04user\x02pw", 9);
    CHECK_EQ_INT(il_socks5_auth_write("user", "", b, sizeof b, &len), IL_OK);    /* go#57285: an empty password */
    CHECK_EQ_MEM(b, len, "\x01\x04user\x00", 7);
    CHECK_EQ_INT(il_socks5_auth_write("", "pw", b, sizeof b, &len), IL_ERR_ARG);
    CHECK_EQ_INT(il_socks5_connect_write("influxdb.test", 8086, b, sizeof b, &len), IL_OK);
    CHECK_EQ_MEM(b, len, "\x05\x01\x00\x03\x0d" "influxdb.test\x1f\x96", 20);
    CHECK_EQ_INT(il_socks5_connect_write("10.0.0.1", 443, b, sizeof b, &len), IL_OK);
    CHECK_EQ_MEM(b, len, "\x05\x01\x00\x01\x0a\x00\x00\x01\x01\xbb", 10);
    CHECK_EQ_INT(il_socks5_connect_write("::1", 1, b, sizeof b, &len), IL_OK);
    CHECK_EQ_INT(len, 22);
    CHECK_EQ_INT(b[3], IL_SOCKS5_ATYP_IPV6);
    CHECK_EQ_INT(il_socks5_reply_tail(IL_SOCKS5_ATYP_NAME, 9), 11);
    CHECK_EQ_INT(il_socks5_reply_tail(9, 0), 0);
}

/* ---- the tunnel over a scripted transport ---- */

typedef struct tunnel_case {
    il_proxy_kind_t kind;
    const char *answer;        /* the proxy's bytes */
    size_t answer_len;
    il_status_t want;
    il_proxy_fail_t fail;
    unsigned detail;
} tunnel_case_t;

static il_status_t tunnel_run(const tunnel_case_t *tc, il_proxy_conn_t *c, fake_transport_t *f,
                              const char *user, const char *pass)
{
    il_transport_t t;
    uint8_t buf[1024];
    il_proxy_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.kind = tc->kind;
    opt.user = user;
    opt.pass = pass;
    opt.authorization = user != NULL ? "Basic dXNlcjpwdw==" : NULL;
    opt.buf = buf;
    opt.buf_cap = sizeof buf;
    fake_transport_init(f, &t);
    if (tc->answer_len > 0) fake_transport_answer(f, tc->answer, tc->answer_len);
    il_status_t st = il_proxy_connect(c, &t, &opt, "influxdb.test", 8086);
    for (size_t i = 0; i < sizeof buf; i++)
        if (buf[i] != 0) return IL_ERR_ARG;      /* the scratch must come back wiped */
    return st;
}

#define S(x) x, sizeof(x) - 1

static void proxy_tunnel_outcomes(void)
{
    static const tunnel_case_t cases[] = {
        {IL_PROXY_CONNECT, S("HTTP/1.1 200 Connection established\r\n\r\n"), IL_OK, IL_PROXY_FAIL_NONE, 0},
        {IL_PROXY_CONNECT, S("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n"),
         IL_ERR_PROXY, IL_PROXY_FAIL_STATUS, 407},
        {IL_PROXY_CONNECT, S("HTTP/1.1 201 Created\r\n\r\n"), IL_ERR_PROXY, IL_PROXY_FAIL_STATUS, 201},
        {IL_PROXY_CONNECT, S(""), IL_ERR_PROXY, IL_PROXY_FAIL_EOF, 0},
        {IL_PROXY_CONNECT, S("HTTP/1.1 200 OK\r\nVia: x"), IL_ERR_PROXY, IL_PROXY_FAIL_EOF, 1},
        {IL_PROXY_CONNECT, S("SSH-2.0-OpenSSH\r\n\r\n"), IL_ERR_PROXY, IL_PROXY_FAIL_ANSWER,
         IL_ERR_HTTP_STATUS_LINE},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x00\x00\x01\x7f\x00\x00\x01\x04\x00"), IL_OK, IL_PROXY_FAIL_NONE, 0},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x00\x00\x03\x03" "abc\x00\x50"), IL_OK, IL_PROXY_FAIL_NONE, 0},
        {IL_PROXY_SOCKS5, S("\x05\xff"), IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_NO_METHOD, 0},
        {IL_PROXY_SOCKS5, S("\x04\x00"), IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_VERSION, 4},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x01\x00\x01"), IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_REPLY, 1},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x00\x01\x01"), IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_RESERVED, 1},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x00\x00\x09"), IL_ERR_PROXY, IL_PROXY_FAIL_SOCKS_ATYP, 9},
        {IL_PROXY_SOCKS5, S("\x05\x00\x05\x00\x00\x01\x7f"), IL_ERR_PROXY, IL_PROXY_FAIL_EOF, 1},
        {IL_PROXY_SOCKS5, S(""), IL_ERR_PROXY, IL_PROXY_FAIL_EOF, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        il_proxy_conn_t c;
        fake_transport_t f;
        il_status_t st = tunnel_run(&cases[i], &c, &f, NULL, NULL);
        if (st != cases[i].want || c.fail != cases[i].fail || c.detail != cases[i].detail)
            printf("# tunnel case %zu: status %d fail %d detail %u\n", i, (int)st, (int)c.fail, c.detail);
        CHECK_EQ_INT(st, cases[i].want);
        CHECK_EQ_INT(c.fail, cases[i].fail);
        CHECK_EQ_INT(c.detail, cases[i].detail);
        CHECK_EQ_INT(f.refused, 0);
    }
}

static void proxy_connect_sends_credentials_once(void)
{
    static const tunnel_case_t ok = {IL_PROXY_CONNECT, S("HTTP/1.1 200 OK\r\n\r\n"), IL_OK, IL_PROXY_FAIL_NONE, 0};
    il_proxy_conn_t c;
    fake_transport_t f;
    CHECK_EQ_INT(tunnel_run(&ok, &c, &f, "user", "pw"), IL_OK);
    CHECK(strstr(f.sent, "CONNECT influxdb.test:8086 HTTP/1.1\r\nHost: influxdb.test:8086\r\n") == f.sent);
    CHECK(strstr(f.sent, "\r\nProxy-Authorization: Basic dXNlcjpwdw==\r\n") != NULL);
    CHECK(strstr(f.sent, "Authorization: Token") == NULL);
}

static void proxy_socks5_password_exchange(void)
{
    static const tunnel_case_t ok = {IL_PROXY_SOCKS5, S("\x05\x02\x01\x00\x05\x00\x00\x01\x01\x02\x03\x04\x00\x01"),
                                     IL_OK, IL_PROXY_FAIL_NONE, 0};
    static const tunnel_case_t bad = {IL_PROXY_SOCKS5, S("\x05\x02\x01\x01"), IL_ERR_PROXY,
                                      IL_PROXY_FAIL_SOCKS_AUTH, 1};
    il_proxy_conn_t c;
    fake_transport_t f;
    CHECK_EQ_INT(tunnel_run(&ok, &c, &f, "user", "pw"), IL_OK);
    CHECK_EQ_MEM(f.sent, f.sent_len, "\x05\x02\x00\x02\x01\x04user\x02pw\x05\x01\x00\x03\x0d" "influxdb.test\x1f\x96",
                 33);
    CHECK_EQ_INT(tunnel_run(&bad, &c, &f, "user", "pw"), IL_ERR_PROXY);
    CHECK_EQ_INT(c.fail, IL_PROXY_FAIL_SOCKS_AUTH);
    CHECK_EQ_INT(tunnel_run(&ok, &c, &f, "user", NULL), IL_OK);          /* "socks5://user@": an empty password */
    CHECK_EQ_MEM(f.sent, f.sent_len,
                 "\x05\x02\x00\x02\x01\x04user\x00\x05\x01\x00\x03\x0d" "influxdb.test\x1f\x96", 31);
    CHECK_EQ_INT(tunnel_run(&ok, &c, &f, "", "pw"), IL_ERR_PROXY);       /* Go: invalid username/password */
    CHECK_EQ_INT(c.fail, IL_PROXY_FAIL_SOCKS_CREDENTIALS);
}

/* A CONNECT answer that never ends its header section stops at
 * IL_PROXY_ANSWER_MAX, however it is split. */
static size_t take_997(void *arg, size_t n)
{
    (void)arg;
    return n < 997 ? n : 997;
}

static void proxy_connect_answer_bounded(void)
{
    static char huge[IL_PROXY_ANSWER_MAX + 4096];
    il_proxy_conn_t c;
    il_transport_t t;
    fake_transport_t f;
    uint8_t buf[1024];
    il_proxy_options_t opt = {IL_PROXY_CONNECT, NULL, NULL, NULL, NULL, buf, sizeof buf, NULL, 0};
    memcpy(huge, "HTTP/1.1 200 OK\r\n", 17);
    for (size_t i = 17; i < sizeof huge; i += 10) memcpy(huge + i, "X-A: bbb\r\n", i + 10 <= sizeof huge ? 10 : 0);
    fake_transport_init(&f, &t);
    fake_transport_answer(&f, huge, sizeof huge);
    f.recv_take = take_997;
    CHECK_EQ_INT(il_proxy_connect(&c, &t, &opt, "h", 1), IL_ERR_PROXY);
    CHECK_EQ_INT(c.fail, IL_PROXY_FAIL_TOO_LARGE);
    CHECK(f.pos <= IL_PROXY_ANSWER_MAX + 1024);
}

/* A CONNECT answer's status text goes to the caller's buffer whole (Go
 * prints the whole reason), or is cut to the tunnel's own. */
static void proxy_connect_status_text_buffer(void)
{
    static const char answer[] = "HTTP/1.1 407 Proxy Authentication Required by a rather long policy text "
                                 "that runs past sixty-four bytes\r\n\r\n";
    char text[256];
    il_proxy_conn_t c;
    il_transport_t t;
    fake_transport_t f;
    uint8_t buf[1024];
    il_proxy_options_t opt = {IL_PROXY_CONNECT, NULL, NULL, NULL, NULL, buf, sizeof buf, text, sizeof text};
    fake_transport_init(&f, &t);
    fake_transport_answer(&f, answer, sizeof answer - 1);
    CHECK_EQ_INT(il_proxy_connect(&c, &t, &opt, "h", 1), IL_ERR_PROXY);
    CHECK_EQ_INT(c.fail, IL_PROXY_FAIL_STATUS);
    CHECK_EQ_STR(c.status_text, "407 Proxy Authentication Required by a rather long policy text "
                                "that runs past sixty-four bytes");
    opt.status_buf = NULL;
    fake_transport_init(&f, &t);
    fake_transport_answer(&f, answer, sizeof answer - 1);
    CHECK_EQ_INT(il_proxy_connect(&c, &t, &opt, "h", 1), IL_ERR_PROXY);
    CHECK_EQ_INT(strlen(c.status_text), IL_HTTP_STATUS_TEXT_MAX - 1);
}

static void proxy_lower_errors_pass_through(void)
{
    il_proxy_conn_t c;
    il_transport_t t;
    fake_transport_t f;
    uint8_t buf[1024];
    il_proxy_options_t opt = {IL_PROXY_SOCKS5, NULL, NULL, NULL, NULL, buf, sizeof buf, NULL, 0};
    fake_transport_init(&f, &t);
    fake_transport_fail_recv(&f, 1, IL_ERR_TIMEOUT);
    CHECK_EQ_INT(il_proxy_connect(&c, &t, &opt, "h", 1), IL_ERR_TIMEOUT);
    fake_transport_init(&f, &t);
    fake_transport_fail_send(&f, 1, IL_ERR_SEND);
    opt.kind = IL_PROXY_CONNECT;
    CHECK_EQ_INT(il_proxy_connect(&c, &t, &opt, "h", 1), IL_ERR_SEND);
}

/* ---- Go's NO_PROXY matching ---- */

/* golang.org/x/net/http/httpproxy proxy_test.go: UseProxyTests over its
 * noProxy list, each host with port 80 (true: the proxy is used). */
static void noproxy_go_use_proxy_table(void)
{
    static const char no_proxy[] = "foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, "
                                   "192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, "
                                   "[2001:db8::52:0:3]:80, 2002:db8:a::45/64";
    static const struct { const char *host; bool use; } cases[] = {
        {"localhost", false}, {"127.0.0.1", false}, {"127.0.0.2", false}, {"::1", false}, {"::2", true},
        {"192.168.1.1", false}, {"192.168.1.2", true}, {"192.168.1.3", false}, {"192.168.1.4", true},
        {"10.0.0.2", false}, {"2001:db8::52:0:1", false}, {"2001:db8::52:0:2", true},
        {"2001:db8::52:0:3", false}, {"2002:db8:a::123", false}, {"fe80::424b:c8be:1643:a1b6", true},
        {"barbaz.net", true}, {"www.barbaz.net", false}, {"foobar.com", false}, {"www.foobar.com", false},
        {"foofoobar.com", true}, {"baz.com", true}, {"localhost.net", true}, {"local.localhost", true},
        {"barbarbaz.net", true}, {"wildcard.io", true}, {"nested.wildcard.io", false}, {"awildcard.io", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool use = !cli_noproxy_exempts(no_proxy, cases[i].host, 80);
        if (use != cases[i].use) printf("# %s: use %d\n", cases[i].host, use);
        CHECK_EQ_INT(use, cases[i].use);
        CHECK_EQ_INT(cli_noproxy_exempts("*", cases[i].host, 80), true);      /* TestAllNoProxy */
    }
    CHECK(!cli_noproxy_exempts(":1", "example.com", 80));                    /* TestInvalidNoProxy */
}

/* More of httpproxy's rules: its proxyForURLTests' NO_PROXY cases, case
 * folding (entries and hosts lower-cased, "localhost" compared as written),
 * ports, IPv4-mapped addresses, CIDR edges, blanks and empty entries. */
static void noproxy_matrix(void)
{
    static const struct { const char *no_proxy, *host; uint16_t port; bool use; } cases[] = {
        {"example.com", "example.com", 80, false},
        {".example.com", "example.com", 80, true},
        {"ample.com", "example.com", 80, true},
        {"example.com", "foo.example.com", 80, false},
        {".foo.com", "example.com", 80, true},
        {"EXAMPLE.com", "Example.COM", 80, false},
        {"", "LOCALHOST", 80, true},
        {"", "localhost", 443, false},
        {"", "127.255.0.9", 80, false},
        {"", "::ffff:127.0.0.1", 80, false},
        {"influxdb.test:8086", "influxdb.test", 8086, false},
        {"influxdb.test:8086", "influxdb.test", 443, true},
        {"  influxdb.test  ,", "influxdb.test", 1, false},
        {",,", "influxdb.test", 1, true},
        {"10.1.2.3", "::ffff:10.1.2.3", 1, false},
        {"10.0.0.0/8", "10.200.0.1", 1, false},
        {"10.0.0.0/8", "11.0.0.1", 1, true},
        {"0.0.0.0/0", "8.8.8.8", 1, false},
        {"10.0.0.0/33", "10.0.0.1", 1, true},
        {"10.0.0.0/8", "ten.example", 1, true},
        {"*.", "example.com.", 1, false},
        {"test", "influxdb.test", 1, false},
        {"xtest", "influxdb.test", 1, true},
        {"*", "anything", 1, false},
        {"a.b, *", "anything", 1, false},
        {"192.0.2.1", "192.0.2.10", 1, true},
        {"[::1]:x", "influxdb.test", 1, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool use = !cli_noproxy_exempts(cases[i].no_proxy, cases[i].host, cases[i].port);
        if (use != cases[i].use) printf("# NO_PROXY=%s %s:%u: use %d\n", cases[i].no_proxy, cases[i].host,
                                        cases[i].port, use);
        CHECK_EQ_INT(use, cases[i].use);
    }
}

/* ---- ProxyFromEnvironment ---- */

static const char *const *env_vars;

static const char *env_get(const char *name)
{
    for (size_t i = 0; env_vars[i] != NULL; i += 2)
        if (strcmp(env_vars[i], name) == 0) return env_vars[i + 1];
    return NULL;
}

/* One resolution: its exit code, the kind, host:port, the error text. */
static int env_resolve(const char *const *vars, const char *host, cli_proxy_t *p, char *why, size_t cap)
{
    il_url_t url;
    cli_buf_t b;
    env_vars = vars;
    cli_buf_init(&b, why, cap - 1);
    if (il_url_parse(host, &url) != IL_OK) return -1;
    int code = cli_proxy_resolve(p, &url, env_get, &b);
    why[b.len] = '\0';
    return code;
}

/* proxy_test.go's proxyForURLTests and transport.go: which variable for
 * which scheme, upper case first, the "http://" fallback, CGI. */
static void proxy_env_choices(void)
{
    static const struct {
        const char *vars[9];
        const char *url;
        int code;
        cli_proxy_kind_t kind;
        const char *host;
        uint16_t port;
    } cases[] = {
        {{"HTTP_PROXY", "127.0.0.1:8080", NULL}, "http://example.com", 0, CLI_PROXY_HTTP, "127.0.0.1", 8080},
        {{"HTTP_PROXY", "cache.corp.example.com", NULL}, "http://example.com", 0, CLI_PROXY_HTTP,
         "cache.corp.example.com", 80},
        {{"HTTP_PROXY", "localhost", NULL}, "http://example.com", 0, CLI_PROXY_HTTP, "localhost", 80},
        {{"HTTP_PROXY", "https://cache.corp.example.com", NULL}, "http://example.com", 0, CLI_PROXY_HTTPS,
         "cache.corp.example.com", 443},
        {{"HTTP_PROXY", "socks5://127.0.0.1", NULL}, "http://example.com", 0, CLI_PROXY_SOCKS5, "127.0.0.1", 1080},
        {{"HTTP_PROXY", "socks5h://p:1081", NULL}, "http://example.com", 0, CLI_PROXY_SOCKS5, "p", 1081},
        {{"HTTP_PROXY", "foo://host", NULL}, "http://example.com", 0, CLI_PROXY_HTTP, "foo", 80},
        {{"HTTP_PROXY", "http.proxy.tld", "HTTPS_PROXY", "secure.proxy.tld", NULL}, "http://insecure.tld/", 0,
         CLI_PROXY_HTTP, "http.proxy.tld", 80},
        {{"HTTP_PROXY", "http.proxy.tld", "HTTPS_PROXY", "secure.proxy.tld", NULL}, "https://secure.tld/", 0,
         CLI_PROXY_HTTP, "secure.proxy.tld", 80},
        {{"HTTP_PROXY", "http.proxy.tld", NULL}, "https://secure.tld/", 0, CLI_PROXY_DIRECT, "", 0},
        {{"HTTP_PROXY", "http://10.1.2.3:8080", "REQUEST_METHOD", "GET", NULL}, "http://example.com", 1,
         CLI_PROXY_DIRECT, "", 0},
        {{"HTTPS_PROXY", "https://secure.proxy.tld", "REQUEST_METHOD", "GET", NULL}, "https://secure.tld/", 0,
         CLI_PROXY_HTTPS, "secure.proxy.tld", 443},
        {{"NO_PROXY", "example.com", "HTTP_PROXY", "proxy", NULL}, "http://example.com/", 0, CLI_PROXY_DIRECT, "", 0},
        {{"HTTPS_PROXY", "p1:1", "https_proxy", "p2:2", NULL}, "https://h", 0, CLI_PROXY_HTTP, "p1", 1},
        {{"HTTPS_PROXY", "", "https_proxy", "p2:2", NULL}, "https://h", 0, CLI_PROXY_HTTP, "p2", 2},
        {{"NO_PROXY", "", "no_proxy", "h", "HTTPS_PROXY", "p:1", NULL}, "https://h", 0, CLI_PROXY_DIRECT, "", 0},
        {{"NO_PROXY", "x", "no_proxy", "h", "HTTPS_PROXY", "p:1", NULL}, "https://h", 0, CLI_PROXY_HTTP, "p", 1},
        {{"HTTPS_PROXY", "http://[::1]:3128", NULL}, "https://h", 0, CLI_PROXY_HTTP, "::1", 3128},
        {{"HTTPS_PROXY", "http://a b", NULL}, "https://h", 0, CLI_PROXY_HTTP, "http", 80},
        {{"HTTPS_PROXY", "%zz", NULL}, "https://h", 1, CLI_PROXY_DIRECT, "", 0},
        {{"HTTPS_PROXY", "p:3128", NULL}, "https://localhost:8086", 0, CLI_PROXY_DIRECT, "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cli_proxy_t p;
        char why[400];
        int code = env_resolve(cases[i].vars, cases[i].url, &p, why, sizeof why);
        if (code != cases[i].code || p.kind != cases[i].kind || strcmp(p.host, cases[i].host) != 0 ||
            p.port != cases[i].port)
            printf("# case %zu: code %d kind %d %s:%u %s\n", i, code, (int)p.kind, p.host, p.port, why);
        CHECK_EQ_INT(code, cases[i].code);
        CHECK_EQ_INT(p.kind, cases[i].kind);
        CHECK_EQ_STR(p.host, cases[i].host);
        CHECK_EQ_INT(p.port, cases[i].port);
    }
}

/* What influx-lite says where Go would go on without a word or fail later. */
static void proxy_env_errors_as_go_words(void)
{
    static const char *const cgi[] = {"HTTP_PROXY", "p:1", "REQUEST_METHOD", "POST", NULL};
    static const char *const bad[] = {"HTTPS_PROXY", "http://user:s3cret@h:1/%zz%", NULL};
    static const char *const esc[] = {"HTTPS_PROXY", "%zz", NULL};
    static const char *const port[] = {"HTTPS_PROXY", "http://h:99999", NULL};
    cli_proxy_t p;
    char why[400];
    CHECK_EQ_INT(env_resolve(cgi, "http://example.com", &p, why, sizeof why), 1);
    CHECK_EQ_STR(why, "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy");
    CHECK_EQ_INT(env_resolve(esc, "https://h", &p, why, sizeof why), 1);
    CHECK_EQ_STR(why, "invalid proxy address \"%zz\": parse \"%zz\": invalid URL escape \"%zz\"");
    CHECK_EQ_INT(env_resolve(bad, "https://h", &p, why, sizeof why), 1);
    CHECK(strstr(why, "s3cret") == NULL);
    CHECK(strstr(why, "user:xxxxx@h:1") != NULL);
    CHECK_EQ_INT(env_resolve(port, "https://h", &p, why, sizeof why), 0);
    CHECK(p.bad_port);
    CHECK_EQ_STR(p.port_text, "99999");
}

/* Go's url.Parse unescapes the userinfo; the Basic value is of that. */
static void proxy_env_credentials_decoded(void)
{
    static const char *const vars[] = {"HTTPS_PROXY", "http://u%3Ax:p%40ss@proxy:3128", NULL};
    static const char *const user_only[] = {"HTTPS_PROXY", "http://bob@proxy:3128", NULL};
    cli_proxy_t p;
    char why[200];
    CHECK_EQ_INT(env_resolve(vars, "https://h", &p, why, sizeof why), 0);
    CHECK_EQ_STR(p.user, "u:x");
    CHECK_EQ_STR(p.pass, "p@ss");
    CHECK(p.has_pass);
    CHECK_EQ_STR(p.basic, "Basic dTp4OnBAc3M=");
    cli_proxy_wipe(&p);
    CHECK_EQ_STR(p.pass, "");
    CHECK_EQ_INT(env_resolve(user_only, "https://h", &p, why, sizeof why), 0);
    CHECK(p.has_user && !p.has_pass);
    CHECK_EQ_STR(p.basic, "Basic Ym9iOg==");
}

int main(void)
{
    RUN(proxy_connect_request_bytes);
    RUN(proxy_authority_brackets_ipv6);
    RUN(proxy_basic_credentials);
    RUN(text_ip_parse_as_go);
    RUN(socks5_messages);
    RUN(proxy_tunnel_outcomes);
    RUN(proxy_connect_sends_credentials_once);
    RUN(proxy_socks5_password_exchange);
    RUN(proxy_connect_answer_bounded);
    RUN(proxy_connect_status_text_buffer);
    RUN(proxy_lower_errors_pass_through);
    RUN(noproxy_go_use_proxy_table);
    RUN(noproxy_matrix);
    RUN(proxy_env_choices);
    RUN(proxy_env_errors_as_go_words);
    RUN(proxy_env_credentials_decoded);
    return check_summary();
}
