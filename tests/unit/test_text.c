/* SPDX-License-Identifier: Apache-2.0 */
/* test_text.c - the shared text helpers (include/il_text.h), the status
 * table (include/il_status.h) and il_transport_send_all. */
#include <arpa/inet.h>

#include "check.h"
#include "il_status.h"
#include "il_text.h"
#include "il_transport.h"

static void text_hex_value_every_byte(void)
{
    int c, digits = 0;
    for (c = 0; c < 256; c++) {
        int v = il_hex_value(c);
        if (v < 0) continue;
        digits++;
        CHECK(v < 16);
        CHECK(il_hex_digit((unsigned)v, c >= 'A' && c <= 'F') == (char)c || (c >= '0' && c <= '9'));
    }
    CHECK_EQ_INT(digits, 22);
    CHECK_EQ_INT(il_hex_value('g'), -1);
    CHECK_EQ_INT(il_hex_value(-1), -1);
    CHECK(il_hex_digit(0x1a, true) == 'A' && il_hex_digit(0x1a, false) == 'a');
}

/* "any carnal pleas" and its pieces: RFC 4648 section 10's style. */
static size_t b64_decode(const char *s, il_b64_alphabet_t a, uint8_t *out, bool *bad)
{
    il_b64_decoder_t d = {0, 0};
    size_t n = 0;
    *bad = false;
    for (; *s != '\0' && *s != '='; s++) {
        int v = il_b64_value(*s, a);
        if (v < 0) {
            *bad = true;
            return n;
        }
        if (il_b64_push(&d, (unsigned)v, &out[n])) n++;
    }
    if (d.acc != 0) *bad = true;
    return n;
}

static void text_b64_rfc4648_vectors(void)
{
    static const char *const enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    static const char plain[] = "foobar";
    size_t i;
    for (i = 0; i < sizeof enc / sizeof enc[0]; i++) {
        uint8_t out[8];
        bool bad;
        size_t n = b64_decode(enc[i], IL_B64_STD, out, &bad);
        CHECK(!bad);
        CHECK_EQ_MEM(out, n, plain, i);
    }
}

static void text_b64_alphabets(void)
{
    uint8_t out[4];
    bool bad;
    CHECK_EQ_INT(il_b64_value('-', IL_B64_STD), -1);
    CHECK_EQ_INT(il_b64_value('_', IL_B64_STD), -1);
    CHECK_EQ_INT(il_b64_value('-', IL_B64_STD_OR_URL), 62);
    CHECK_EQ_INT(il_b64_value('_', IL_B64_STD_OR_URL), 63);
    CHECK_EQ_INT(il_b64_value('=', IL_B64_STD_OR_URL), -1);
    CHECK_EQ_INT(il_b64_value(' ', IL_B64_STD), -1);
    CHECK_EQ_INT(b64_decode("-_-_", IL_B64_STD_OR_URL, out, &bad), 3);
    CHECK(!bad && out[0] == 0xfb && out[1] == 0xff && out[2] == 0xbf);
    b64_decode("Zh==", IL_B64_STD, out, &bad);   /* non-zero padding bits */
    CHECK(bad);
}

static void text_utf8_round_trip(void)
{
    static const uint32_t runes[] = {0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xfffd, 0xffff, 0x10000, 0x10ffff};
    size_t i;
    for (i = 0; i < sizeof runes / sizeof runes[0]; i++) {
        char buf[4];
        uint32_t r;
        size_t n = il_utf8_put(runes[i], buf);
        CHECK_EQ_INT(n, runes[i] < 0x80 ? 1 : runes[i] < 0x800 ? 2 : runes[i] < 0x10000 ? 3 : 4);
        CHECK_EQ_INT(il_utf8_decode((const unsigned char *)buf, n, &r), n);
        CHECK_EQ_INT(r, runes[i]);
    }
}

static void text_utf8_invalid_is_one_fffd(void)
{
    static const char *const bad[] = {"\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80",
                                      "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x82", "\xff"};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t r = 0;
        CHECK_EQ_INT(il_utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &r), 1);
        CHECK_EQ_INT(r, 0xfffd);
    }
}

static void text_ascii_case_folding(void)
{
    CHECK(il_ascii_lower('A') == 'a' && il_ascii_lower('z') == 'z' && il_ascii_lower('@') == '@');
    CHECK(il_ascii_lower((char)0xc4) == (char)0xc4);
    CHECK(il_ascii_ieq("Content-Type", 12, "content-type"));
    CHECK(il_ascii_ieq("orgid", 5, "orgID"));
    CHECK(!il_ascii_ieq("Content-Typ", 11, "content-type"));
    CHECK(!il_ascii_ieq("content-types", 13, "content-type"));
    CHECK(!il_ascii_ieq("a\0b", 3, "a"));
    CHECK(il_ascii_ieq("", 0, ""));
    CHECK(il_ascii_istarts("Application/JSON", "application/"));
    CHECK(!il_ascii_istarts("app", "application/"));
    CHECK(il_ascii_istarts("x", ""));
}

static void sink_put(void *sink, const char *p, size_t n)
{
    char *s = sink;
    size_t len = strlen(s);
    memcpy(s + len, p, n);
    s[len + n] = '\0';
}

static void text_pct_encode_go_sets(void)
{
    char out[128] = "";
    il_pct_encode("a b/c?d&e=f+g:h@i$j~k_l.m-n%\xc3\xa9", IL_PCT_PATH, sink_put, out);
    CHECK_EQ_STR(out, "a%20b%2Fc%3Fd&e=f+g:h@i$j~k_l.m-n%25%C3%A9");
    out[0] = '\0';
    il_pct_encode("a b/c?d&e=f+g:h@i$j~k_l.m-n%\xc3\xa9", IL_PCT_QUERY, sink_put, out);
    CHECK_EQ_STR(out, "a+b%2Fc%3Fd%26e%3Df%2Bg%3Ah%40i%24j~k_l.m-n%25%C3%A9");
    out[0] = '\0';
    il_pct_encode(NULL, IL_PCT_QUERY, sink_put, out);
    CHECK_EQ_STR(out, "");
}

/* Every byte, both sets, against Go's shouldEscape read plainly (net/url
 * url.go): letters, digits and "-_.~" are kept; a path segment keeps
 * "$&+:=@" too; a query writes a space as '+'; the rest is %XX. */
static void text_pct_encode_every_byte(void)
{
    for (int set = 0; set < 2; set++) {
        for (int c = 1; c < 256; c++) {
            char in[2] = {(char)c, '\0'}, out[8] = "", want[8];
            bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            bool kept = alnum || strchr("-_.~", c) != NULL ||
                        (set == IL_PCT_PATH && strchr("$&+:=@", c) != NULL);
            il_pct_encode(in, set == 0 ? IL_PCT_PATH : IL_PCT_QUERY, sink_put, out);
            if (kept) snprintf(want, sizeof want, "%c", c);
            else if (set == IL_PCT_QUERY && c == ' ') snprintf(want, sizeof want, "+");
            else snprintf(want, sizeof want, "%%%02X", c);
            CHECK_EQ_STR(out, want);
        }
    }
}

static void text_udec_limits(void)
{
    char d[IL_UDEC_MAX];
    CHECK_EQ_MEM(d, il_udec(0, d), "0", 1);
    CHECK_EQ_MEM(d, il_udec(8086, d), "8086", 4);
    CHECK_EQ_MEM(d, il_udec((unsigned long)-1, d), sizeof(unsigned long) == 8 ? "18446744073709551615" : "4294967295",
                 sizeof(unsigned long) == 8 ? 20 : 10);
}

static void status_table_is_complete(void)
{
    int s;
    for (s = 0; s < IL_STATUS_COUNT; s++) {
        CHECK(strcmp(il_status_str((il_status_t)s), "unknown error") != 0);
        CHECK(il_status_class((il_status_t)s) < IL_CLASS_COUNT);
        CHECK(s < 2 ? il_status_class((il_status_t)s) == IL_CLASS_OK : il_status_class((il_status_t)s) != IL_CLASS_OK);
    }
    CHECK_EQ_STR(il_status_str(IL_STATUS_COUNT), "unknown error");
    CHECK_EQ_INT(il_status_class(IL_STATUS_COUNT), IL_CLASS_CALLER);
    CHECK_EQ_INT(il_status_retry(IL_STATUS_COUNT), IL_RETRY_NEVER);
}

static void status_classes_and_retry_rules(void)
{
    static const struct {
        il_status_t st;
        il_status_class_t cls;
        il_status_retry_t retry;
    } rows[] = {
        {IL_ERR_DNS, IL_CLASS_NETWORK, IL_RETRY_ALWAYS},
        {IL_ERR_RECV, IL_CLASS_NETWORK, IL_RETRY_ALWAYS},
        {IL_ERR_TIMEOUT, IL_CLASS_NETWORK, IL_RETRY_UNANSWERED},
        {IL_ERR_TLS_CA, IL_CLASS_TLS, IL_RETRY_NEVER},
        {IL_ERR_HTTP_EOF, IL_CLASS_HTTP, IL_RETRY_UNANSWERED},
        {IL_ERR_JSON, IL_CLASS_BODY, IL_RETRY_NEVER},
        {IL_ERR_HTTP_4XX, IL_CLASS_REFUSED, IL_RETRY_NEVER},
        {IL_ERR_HTTP_5XX, IL_CLASS_SERVER, IL_RETRY_NEVER},
        {IL_ERR_POSTCONDITION, IL_CLASS_POSTCONDITION, IL_RETRY_NEVER},
        {IL_ERR_NO_FDS, IL_CLASS_LOCAL, IL_RETRY_NEVER},
        {IL_ERR_NO_MEMORY, IL_CLASS_LOCAL, IL_RETRY_NEVER},
        {IL_ERR_CANCELLED, IL_CLASS_LOCAL, IL_RETRY_NEVER},
        {IL_ERR_ANSWER_MISMATCH, IL_CLASS_BODY, IL_RETRY_NEVER},
    };
    CHECK_EQ_STR(il_status_str(IL_ERR_CONNECT), "connection refused");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        CHECK_EQ_INT(il_status_class(rows[i].st), rows[i].cls);
        CHECK_EQ_INT(il_status_retry(rows[i].st), rows[i].retry);
    }
}

/* A transport that takes at most 3 bytes a call, then fails or returns 0. */
typedef struct {
    char got[32];
    size_t len, calls, fail_after;
    int32_t fail_with;
} short_sink_t;

static int32_t short_send(void *ctx, const uint8_t *data, size_t len)
{
    short_sink_t *s = ctx;
    size_t n = len < 3 ? len : 3;
    if (len == 0) return -(int32_t)IL_ERR_ARG;
    if (s->calls++ >= s->fail_after) return s->fail_with;
    memcpy(s->got + s->len, data, n);
    s->len += n;
    return (int32_t)n;
}

static void transport_send_all_continues_short_counts(void)
{
    short_sink_t s = {"", 0, 0, 100, 0};
    il_transport_t t = {&s, short_send, NULL};
    CHECK_EQ_INT(il_transport_send_all(&t, (const uint8_t *)"0123456789", 10), IL_OK);
    CHECK_EQ_MEM(s.got, s.len, "0123456789", 10);
    CHECK_EQ_INT(s.calls, 4);
    CHECK_EQ_INT(il_transport_send_all(&t, (const uint8_t *)"", 0), IL_OK);
    CHECK_EQ_INT(s.calls, 4);
}

static void transport_send_all_reports_failures(void)
{
    short_sink_t s = {"", 0, 0, 1, -(int32_t)IL_ERR_TIMEOUT};
    il_transport_t t = {&s, short_send, NULL};
    CHECK_EQ_INT(il_transport_send_all(&t, (const uint8_t *)"0123456789", 10), IL_ERR_TIMEOUT);
    s.calls = 0;
    s.fail_with = 0;       /* a send that breaks the contract */
    CHECK_EQ_INT(il_transport_send_all(&t, (const uint8_t *)"0123456789", 10), IL_ERR_SEND);
}

/* The encoder, RFC 4648's vectors (section 10) and every byte value. */
static void put_cat(void *sink, const char *p, size_t n)
{
    strncat((char *)sink, p, n);
}

static void text_b64_encode_vectors(void)
{
    static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const out[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    char got[600];
    uint8_t all[256];
    size_t i;
    for (i = 0; i < 7; i++) {
        got[0] = '\0';
        il_b64_encode((const uint8_t *)in[i], strlen(in[i]), put_cat, got);
        CHECK_EQ_STR(got, out[i]);
    }
    for (i = 0; i < 256; i++) all[i] = (uint8_t)(255 - i);
    got[0] = '\0';
    il_b64_encode(all, 256, put_cat, got);
    CHECK_EQ_INT(strlen(got), 344);
    CHECK(strncmp(got, "//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eDf3t3c", 48) == 0);
    CHECK(strcmp(got + 336, "AwIBAA==") == 0);
}

static void text_http_token_chars(void)
{
    int c;
    for (c = 0; c < 256; c++) {
        bool want = c > 32 && c < 127 && strchr("\"(),/:;<=>?@[\\]{}", c) == NULL;
        CHECK_EQ_INT(il_ascii_tchar((char)c), want);
    }
}

/* il_ip_text: Go's net.IP.String() forms (src/net/ip.go; RFC 5952) */
static void ip_text_is(const char *literal, const char *want)
{
    uint8_t a[16];
    char out[IL_IP_TEXT_MAX];
    bool v6 = strchr(literal, ':') != NULL;
    CHECK(inet_pton(v6 ? AF_INET6 : AF_INET, literal, a) == 1);
    CHECK_EQ_MEM(out, il_ip_text(a, v6 ? 16 : 4, out), want, strlen(want));
    CHECK_EQ_STR(out, want);
}

static void text_ip_go_forms(void)
{
    char out[IL_IP_TEXT_MAX];
    uint8_t a[16] = {0};
    ip_text_is("127.0.0.1", "127.0.0.1");
    ip_text_is("255.255.255.255", "255.255.255.255");
    ip_text_is("0.0.0.0", "0.0.0.0");
    ip_text_is("::1", "::1");
    ip_text_is("::", "::");
    ip_text_is("2001:DB8::1", "2001:db8::1");
    ip_text_is("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1");          /* the longest run */
    ip_text_is("1:0:0:2:0:0:3:4", "1::2:0:0:3:4");                  /* the first of two as long */
    ip_text_is("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");     /* one zero group stays */
    ip_text_is("1:2:3:4:5:6:0:0", "1:2:3:4:5:6::");
    ip_text_is("0:0:1:2:3:4:5:6", "::1:2:3:4:5:6");
    ip_text_is("fe80::a:0", "fe80::a:0");
    ip_text_is("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    ip_text_is("::ffff:10.0.0.1", "10.0.0.1");                      /* IPv4-mapped: as IPv4 */
    CHECK_EQ_INT((int)il_ip_text(a, 5, out), 0);
    CHECK_EQ_STR(out, "");
    /* libc agrees wherever it does not embed an IPv4 address (the first 96 bits zero or ::ffff:0:0/96) */
    uint32_t x = 12345;
    for (int k = 0; k < 2000; k++) {
        char want[INET6_ADDRSTRLEN];
        for (int i = 0; i < 16; i += 2) {
            x = x * 1103515245u + 12345u;
            unsigned v = (x >> 16) % 4u == 0 ? (x >> 8) & 0xffffu : 0;   /* mostly zero groups: runs */
            a[i] = (uint8_t)(v >> 8);
            a[i + 1] = (uint8_t)v;
        }
        if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0", 10) == 0) continue;
        CHECK(inet_ntop(AF_INET6, a, want, sizeof want) != NULL);
        il_ip_text(a, 16, out);
        CHECK_EQ_STR(out, want);
    }
}

int main(void)
{
    RUN(text_hex_value_every_byte);
    RUN(text_b64_rfc4648_vectors);
    RUN(text_b64_alphabets);
    RUN(text_b64_encode_vectors);
    RUN(text_http_token_chars);
    RUN(text_utf8_round_trip);
    RUN(text_utf8_invalid_is_one_fffd);
    RUN(text_ascii_case_folding);
    RUN(text_pct_encode_go_sets);
    RUN(text_pct_encode_every_byte);
    RUN(text_udec_limits);
    RUN(text_ip_go_forms);
    RUN(status_table_is_complete);
    RUN(status_classes_and_retry_rules);
    RUN(transport_send_all_continues_short_counts);
    RUN(transport_send_all_reports_failures);
    return check_summary();
}
