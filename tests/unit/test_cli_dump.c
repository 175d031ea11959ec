/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_dump.c - the --http-debug dump's redaction of the headers that
 * carry secrets, at every split of the bytes. */
#include "check.h"
#include "../../boards/linux/cli_dump.h"

static void dump_redaction_any_split(void)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: h\r\nauthorization: Token s3cret-token\r\nAccept: x\r\n\r\n";
    static const char want[] = "GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Token <redacted>\r\nAccept: x\r\n\r\n";
    for (size_t split = 0; split < sizeof req - 1; split++) {
        cli_dump_t n;
        cli_dump_init(&n, NULL);
        char out[256];
        size_t k = cli_dump_redact(&n, 1, (const uint8_t *)req, split, out, sizeof out);
        k += cli_dump_redact(&n, 1, (const uint8_t *)req + split, sizeof req - 1 - split, out + k, sizeof out - k);
        out[k] = '\0';
        CHECK_EQ_STR(out, want);
    }
}

/* The input redacted in two pieces split at every point; dir 1 or 2. */
static void check_every_split(const char *in, const char *want, int dir, const il_http_header_t *secret, size_t ns)
{
    size_t len = strlen(in);
    for (size_t split = 0; split <= len; split++) {
        cli_dump_t n;
        char out[512];
        cli_dump_init(&n, NULL);
        cli_dump_secret_headers(&n, secret, ns);
        size_t k = cli_dump_redact(&n, dir, (const uint8_t *)in, split, out, sizeof out);
        k += cli_dump_redact(&n, dir, (const uint8_t *)in + split, len - split, out + k, sizeof out - k);
        out[k] = '\0';
        CHECK_EQ_STR(out, want);
    }
}

/* A sign-in's Basic credentials, a session both ways, the values of
 * --extra-http-header; nothing else touched (a longer name, a body line). */
static void dump_redacts_every_secret_header(void)
{
    static const il_http_header_t extra[] = {{"X-Api-Key", "k"}};
    check_every_split("POST /api/v2/signin HTTP/1.1\r\nAuthorization: Basic bXl1c2VyOnB3\r\n\r\n",
                      "POST /api/v2/signin HTTP/1.1\r\nAuthorization: Basic <redacted>\r\n\r\n", 1, NULL, 0);
    check_every_split("GET / HTTP/1.1\r\nCOOKIE:influxdb-oss-session=abc==\r\nx-api-key:  s3cret\r\n"
                      "X-Api-Keys: shown\r\nAccept: a\r\n\r\n{\"cookie\":\"x\"}",
                      "GET / HTTP/1.1\r\nCookie: <redacted>\r\nX-Api-Key: <redacted>\r\n"
                      "X-Api-Keys: shown\r\nAccept: a\r\n\r\n{\"cookie\":\"x\"}", 1, extra, 1);
    check_every_split("HTTP/1.1 204 No Content\r\nSet-Cookie: influxdb-oss-session=abc==; Path=/api/\r\n"
                      "Date: d\r\n\r\n",
                      "HTTP/1.1 204 No Content\r\nSet-Cookie: <redacted>\r\nDate: d\r\n\r\n", 2, extra, 1);
    check_every_split("HTTP/1.1 200 OK\r\nCookie: c\r\nX-Api-Key: k\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nCookie: c\r\nX-Api-Key: k\r\n\r\n", 2, extra, 1);
}

int main(void)
{
    RUN(dump_redaction_any_split);
    RUN(dump_redacts_every_secret_header);
    return check_summary();
}
