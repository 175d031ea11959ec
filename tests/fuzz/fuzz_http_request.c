/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_http_request.c - il_http_request_write with random fields.
 *
 * Input: byte 0 = flags (which optional fields are NULL, Connection: close),
 * bytes 1-2 = buffer size (big-endian, mod 2048), then the fields method,
 * path, path_param, query_key, query_value, host, token, user_agent,
 * separated by NUL bytes; what follows the eighth NUL is the body.
 * Invariants:
 *  - nothing is written at or past buf[cap] (canary after the buffer, and the
 *    buffer itself is a heap block of its exact size + canary);
 *  - IL_ERR_ARG exactly when the documented argument rules say so, else
 *    IL_ERR_UNSAFE_CHAR exactly when a field holds a control byte (or a
 *    space in method, path or query key), else IL_OK or
 *    IL_ERR_REQUEST_TOO_LARGE, the latter exactly when the request written
 *    into a large buffer is longer than cap; an IL_OK output is byte for
 *    byte the large-buffer one;
 *  - the output's head has CR and LF only as CRLF line ends, no other control
 *    byte, ends in CRLF CRLF followed by exactly the body; the request line is
 *    "METHOD SP target SP HTTP/1.1" and percent-decoding the target's
 *    parameter gives back path_param (the query value: query_value);
 *  - headers present exactly as asked (Authorization iff a token, ...). */
#include <stdbool.h>
#include <stdio.h>
#include "fuzz_common.h"
#include "il_http.h"

#define CANARY 16
#define BIG 65536

static bool has_unsafe(const char *s, bool space_too)
{
    for (; s != NULL && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || (space_too && c == ' '))
            return true;
    }
    return false;
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;   /* the writer emits upper-case hex only */
}

/* Percent-decode p[0..n) ('+' is a space when plus) and compare with want. */
static bool decodes_to(const uint8_t *p, size_t n, const char *want, bool plus)
{
    size_t i = 0, j = 0, wn = strlen(want);
    while (i < n) {
        int c = p[i];
        if (c == '%') {
            int h, l;
            if (i + 2 >= n) return false;
            h = hexval(p[i + 1]);
            l = hexval(p[i + 2]);
            if (h < 0 || l < 0) return false;
            c = h * 16 + l;
            i += 3;
        } else {
            /* raw bytes are unreserved (or sub-delims in a path) only */
            if (c == '?' || c == '#' || c == '/' || c == ' ' || c < 0x21 || c > 0x7e) return false;
            if (plus && c == '+') c = ' ';
            i++;
        }
        if (j >= wn || (uint8_t)want[j] != c) return false;
        j++;
    }
    return j == wn;
}

static const uint8_t *find(const uint8_t *h, size_t hn, const char *needle)
{
    size_t nn = strlen(needle), i;
    for (i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, needle, nn) == 0)
            return h + i;
    return NULL;
}

static void check_output(const il_http_request_t *q, const uint8_t *out, size_t len)
{
    const uint8_t *end = NULL, *sp1, *sp2, *qm;
    size_t i, head, plen;
    const char *ua = q->user_agent ? q->user_agent : IL_USER_AGENT;
    char line[64];

    /* head: up to the first CRLF CRLF */
    for (i = 0; i + 4 <= len; i++)
        if (memcmp(out + i, "\r\n\r\n", 4) == 0) { end = out + i; break; }
    FUZZ_CHECK(end != NULL);
    head = (size_t)(end - out) + 4;
    FUZZ_CHECK(len - head == (q->body ? q->body_len : 0));
    if (q->body_len)
        FUZZ_CHECK(memcmp(out + head, q->body, q->body_len) == 0);
    for (i = 0; i < head; i++) {
        uint8_t c = out[i];
        if (c == '\r') FUZZ_CHECK(i + 1 < head && out[i + 1] == '\n');
        else if (c == '\n') FUZZ_CHECK(i > 0 && out[i - 1] == '\r');
        else FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    }
    /* request line */
    plen = strlen(q->method);
    FUZZ_CHECK(memcmp(out, q->method, plen) == 0 && out[plen] == ' ');
    sp1 = out + plen;
    sp2 = memchr(sp1 + 1, ' ', head - plen - 1);
    FUZZ_CHECK(sp2 != NULL && memcmp(sp2, " HTTP/1.1\r\n", 11) == 0);
    plen = strlen(q->path);
    FUZZ_CHECK((size_t)(sp2 - sp1 - 1) >= plen && memcmp(sp1 + 1, q->path, plen) == 0);
    qm = NULL;
    if (q->query_key && q->query_key[0]) {
        /* the query starts at the last "?key=" (the path may hold '?') */
        size_t kn = strlen(q->query_key);
        const uint8_t *p;
        for (p = sp2 - 1; p > sp1 + plen; p--)
            if (*p == '?' && (size_t)(sp2 - p) >= kn + 2 && memcmp(p + 1, q->query_key, kn) == 0 &&
                p[kn + 1] == '=' && decodes_to(p + kn + 2, (size_t)(sp2 - p - (ptrdiff_t)kn - 2),
                                               q->query_value ? q->query_value : "", true)) {
                qm = p;
                break;
            }
        FUZZ_CHECK(qm != NULL);
    }
    FUZZ_CHECK(decodes_to(sp1 + 1 + plen, (size_t)((qm ? qm : sp2) - sp1 - 1) - plen,
                          q->path_param ? q->path_param : "", false));
    /* headers */
    FUZZ_CHECK(find(out, head, "\r\nHost: ") != NULL);
    FUZZ_CHECK(memcmp(find(out, head, "\r\nHost: ") + 8, q->host, strlen(q->host)) == 0);
    FUZZ_CHECK(find(out, head, "\r\nUser-Agent: ") != NULL);
    FUZZ_CHECK(memcmp(find(out, head, "\r\nUser-Agent: ") + 14, ua, strlen(ua)) == 0);
    FUZZ_CHECK(find(out, head, "\r\nAccept: application/json\r\n") != NULL);
    FUZZ_CHECK((find(out, head, "\r\nAuthorization: Token ") != NULL) == (q->token && q->token[0]));
    FUZZ_CHECK((find(out, head, "\r\nConnection: close\r\n") != NULL) == q->close);
    if (q->body) {
        snprintf(line, sizeof line, "\r\nContent-Length: %zu\r\n", q->body_len);
        FUZZ_CHECK(find(out, head, line) != NULL);
        FUZZ_CHECK(find(out, head, "\r\nContent-Type: application/json\r\n") != NULL);
    } else {
        FUZZ_CHECK(find(out, head, "\r\nContent-Length:") == NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t big[BIG];
    char *field[8] = { NULL };
    const uint8_t *p, *end;
    il_http_request_t q;
    uint8_t flags, *buf;
    size_t cap, i, big_len = 0, len = 0;
    il_status_t st, st_big, want;
    bool arg, unsafe;

    if (size < 3)
        return 0;
    flags = data[0];
    cap = ((size_t)data[1] << 8 | data[2]) % 2048;
    p = data + 3;
    end = data + size;
    for (i = 0; i < 8; i++) {
        const uint8_t *z = memchr(p, '\0', (size_t)(end - p));
        size_t n = z ? (size_t)(z - p) : (size_t)(end - p);
        field[i] = fuzz_strndup(p, n);
        p = z ? z + 1 : end;
    }
    memset(&q, 0, sizeof q);
    q.method = field[0];
    q.path = field[1];
    q.path_param = (flags & 1) ? NULL : field[2];
    q.query_key = (flags & 2) ? NULL : field[3];
    q.query_value = (flags & 4) ? NULL : field[4];
    q.host = field[5];
    q.token = (flags & 8) ? NULL : field[6];
    q.user_agent = (flags & 16) ? NULL : field[7];
    q.body = (flags & 32) ? NULL : (const char *)p;
    q.body_len = (size_t)(end - p);
    if ((flags & 0xc0) == 0xc0)   /* NULL body with a length: IL_ERR_ARG */
        q.body = NULL;
    else if (q.body == NULL)
        q.body_len = 0;
    q.close = (flags & 64) != 0;

    arg = !q.method[0] || !q.path[0] || !q.host[0] || (q.body == NULL && q.body_len > 0);
    unsafe = has_unsafe(q.method, true) || has_unsafe(q.path, true) ||
             has_unsafe(q.query_key, true) || has_unsafe(q.query_value, false) ||
             has_unsafe(q.path_param, false) || has_unsafe(q.host, false) ||
             has_unsafe(q.token, false) || has_unsafe(q.user_agent, false);
    want = arg ? IL_ERR_ARG : unsafe ? IL_ERR_UNSAFE_CHAR : IL_OK;

    st_big = il_http_request_write(&q, big, sizeof big, &big_len);
    FUZZ_CHECK(want == IL_OK ? (st_big == IL_OK || st_big == IL_ERR_REQUEST_TOO_LARGE)
                             : st_big == want);
    if (st_big == IL_OK)
        check_output(&q, big, big_len);

    buf = malloc(cap + CANARY);
    memset(buf + cap, 0xA5, CANARY);
    st = il_http_request_write(&q, buf, cap, &len);
    for (i = 0; i < CANARY; i++)
        FUZZ_CHECK(buf[cap + i] == 0xA5);
    if (want != IL_OK) {
        FUZZ_CHECK(st == want);
    } else if (st_big == IL_OK) {
        FUZZ_CHECK(st == (big_len <= cap ? IL_OK : IL_ERR_REQUEST_TOO_LARGE));
        if (st == IL_OK)
            FUZZ_CHECK(len == big_len && memcmp(buf, big, len) == 0);
    } else {
        FUZZ_CHECK(st == IL_ERR_REQUEST_TOO_LARGE);
    }
    /* NULL arguments */
    FUZZ_CHECK(il_http_request_write(NULL, buf, cap, &len) == IL_ERR_ARG);
    FUZZ_CHECK(il_http_request_write(&q, NULL, cap, &len) == IL_ERR_ARG);
    FUZZ_CHECK(il_http_request_write(&q, buf, cap, NULL) == IL_ERR_ARG);
    free(buf);
    for (i = 0; i < 8; i++)
        free(field[i]);
    return 0;
}
