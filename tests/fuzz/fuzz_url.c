/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_url.c - il_url_parse.
 *
 * Input: the URL (up to the first NUL). Invariants on IL_OK:
 *  - host and host_header are NUL-terminated within their arrays, non-empty;
 *  - host has no upper-case letter, no control byte, space, '/', '?', '#', '@';
 *  - port != 0; without an explicit port it is 80 (http) or 443 (https);
 *  - host_header is accepted by il_http_request_write as the Host header
 *    (never IL_ERR_UNSAFE_CHAR), so a parsed URL can always be sent;
 *  - re-parsing scheme + "://" + host_header gives the same tls, port,
 *    host and host_header (the parse is idempotent).
 * Errors are only IL_ERR_URL or IL_ERR_URL_SCHEME. */
#include "fuzz_common.h"
#include "il_http.h"
#include "il_url.h"

static void check_ok(const il_url_t *u)
{
    size_t i, n;
    FUZZ_CHECK(memchr(u->host, '\0', sizeof u->host) != NULL);
    FUZZ_CHECK(memchr(u->host_header, '\0', sizeof u->host_header) != NULL);
    n = strlen(u->host);
    FUZZ_CHECK(n > 0 && strlen(u->host_header) >= n);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)u->host[i];
        FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
        FUZZ_CHECK(c > 0x20 && c != 0x7f && c != '/' && c != '?' && c != '#' && c != '@');
    }
    FUZZ_CHECK(u->port != 0);
    if (!u->port_explicit)
        FUZZ_CHECK(u->port == (u->tls ? 443 : 80));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static il_url_t u, again;
    static char re[IL_URL_HOST_MAX + 32];
    const uint8_t *nul = memchr(data, '\0', size);
    char *s = fuzz_strndup(data, nul ? (size_t)(nul - data) : size);
    il_status_t st = il_url_parse(s, &u);

    FUZZ_CHECK(st == IL_OK || st == IL_ERR_URL || st == IL_ERR_URL_SCHEME);
    if (st == IL_OK) {
        il_http_request_t req;
        uint8_t buf[1024];
        size_t out = 0;

        check_ok(&u);
        memset(&req, 0, sizeof req);
        req.method = "GET";
        req.path = "/";
        req.host = u.host_header;
        FUZZ_CHECK(il_http_request_write(&req, buf, sizeof buf, &out) == IL_OK);

        strcpy(re, u.tls ? "https://" : "http://");
        strcat(re, u.host_header);
        FUZZ_CHECK(il_url_parse(re, &again) == IL_OK);
        FUZZ_CHECK(again.tls == u.tls && again.port == u.port);
        FUZZ_CHECK(again.port_explicit == u.port_explicit);
        FUZZ_CHECK(strcmp(again.host, u.host) == 0);
        FUZZ_CHECK(strcmp(again.host_header, u.host_header) == 0);
    }
    free(s);
    return 0;
}
