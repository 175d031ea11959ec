/* SPDX-License-Identifier: Apache-2.0 */
/* test_url.c - il_url_parse: what --host may be, and what it may not. */
#include "check.h"
#include "il_url.h"

static void url_http_with_port(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("http://127.0.0.1:8086", &u), IL_OK);
    CHECK(!u.tls);
    CHECK_EQ_INT(u.port, 8086);
    CHECK_EQ_STR(u.host, "127.0.0.1");
    CHECK_EQ_STR(u.host_header, "127.0.0.1:8086");
}

static void url_default_ports(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("http://example.com", &u), IL_OK);
    CHECK_EQ_INT(u.port, 80);
    CHECK(!u.port_explicit);
    CHECK_EQ_STR(u.host_header, "example.com");
    CHECK_EQ_INT(il_url_parse("HTTPS://Example.COM/", &u), IL_OK);
    CHECK(u.tls);
    CHECK_EQ_INT(u.port, 443);
    CHECK_EQ_STR(u.host, "example.com");
    CHECK_EQ_STR(u.host_header, "Example.COM");
}

static void url_ipv6_literal(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("http://[::1]:8086/", &u), IL_OK);
    CHECK_EQ_STR(u.host, "::1");
    CHECK_EQ_STR(u.host_header, "[::1]:8086");
    CHECK_EQ_INT(u.port, 8086);
    CHECK_EQ_INT(il_url_parse("https://[fe80::1]", &u), IL_OK);
    CHECK_EQ_INT(u.port, 443);
}

static void url_path_query_userinfo_ignored(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("http://user:pw@h:1/influx/?a=b#f", &u), IL_OK);
    CHECK_EQ_STR(u.host, "h");
    CHECK_EQ_STR(u.host_header, "h:1");
    CHECK_EQ_INT(u.port, 1);
}

static void url_bad_scheme(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("localhost:8086", &u), IL_ERR_URL_SCHEME);
    CHECK_EQ_INT(il_url_parse("ftp://h", &u), IL_ERR_URL_SCHEME);
    CHECK_EQ_INT(il_url_parse("", &u), IL_ERR_URL_SCHEME);
    CHECK_EQ_INT(il_url_parse("127.0.0.1", &u), IL_ERR_URL_SCHEME);
}

static void url_rejects_what_is_not_a_url(void)
{
    il_url_t u;
    static const char *bad[] = {
        "http:/h", "http://", "http://:8086", "http://h:0", "http://h:65536",
        "http://h:80x", "http://[::1", "http://[]:1", "http://[::1]x", "http://[zz::1]/",
        "http://h h", "http://h\r\n", "http://h\x01", "http://h/\x7f", "http://a$b",
        "http://h:-1", "http://h:+80",
    };
    size_t i;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        il_status_t st = il_url_parse(bad[i], &u);
        if (st != IL_ERR_URL) printf("  (input %zu)\n", i);
        CHECK_EQ_INT(st, IL_ERR_URL);
    }
    CHECK_EQ_INT(il_url_parse(NULL, &u), IL_ERR_ARG);
}

/* An empty port is the scheme's, as Go's transport takes it; the Host
 * header drops the colon as net/http's NewRequest (removeEmptyPort). */
static void url_empty_port_is_the_default(void)
{
    il_url_t u;
    CHECK_EQ_INT(il_url_parse("http://h:", &u), IL_OK);
    CHECK_EQ_INT(u.port, 80);
    CHECK_EQ_STR(u.host_header, "h");
    CHECK_EQ_INT(il_url_parse("https://[::1]:/x", &u), IL_OK);
    CHECK_EQ_INT(u.port, 443);
    CHECK_EQ_STR(u.host_header, "[::1]");
}

static void url_host_too_long(void)
{
    il_url_t u;
    char buf[400];
    memset(buf, 'a', sizeof(buf));
    memcpy(buf, "http://", 7);
    buf[sizeof(buf) - 1] = '\0';
    CHECK_EQ_INT(il_url_parse(buf, &u), IL_ERR_URL);
}

int main(void)
{
    RUN(url_http_with_port);
    RUN(url_default_ports);
    RUN(url_ipv6_literal);
    RUN(url_path_query_userinfo_ignored);
    RUN(url_bad_scheme);
    RUN(url_rejects_what_is_not_a_url);
    RUN(url_empty_port_is_the_default);
    RUN(url_host_too_long);
    return check_summary();
}
