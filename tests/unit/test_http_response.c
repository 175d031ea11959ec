/* SPDX-License-Identifier: Apache-2.0 */
/* test_http_response.c - the incremental response parser.
 *
 * Every input is parsed whole, split in two at every point, and one byte at
 * a time; all must give the same outcome. Answers are modelled on what
 * influxd (Go net/http) sends: Content-Length up to 2048 bytes, one big
 * chunk above, close-delimited text/plain from Go itself. */
#include <stdint.h>
#include "check.h"
#include "il_http.h"
#include "il_text.h"

#define BODY_CAP 16384
#define STATUS_CAP 16384

typedef struct {
    il_status_t status;        /* of the last feed, or of il_http_response_eof */
    size_t consumed;           /* bytes of the input the answer used (IL_OK) */
    il_http_response_t r;
    uint8_t body[BODY_CAP];    /* what the parser handed on (r.body_len bytes) */
    char status_text[STATUS_CAP];   /* r.status_text: status_cap bytes of it */
} outcome_t;

/* The status text's buffer: the client's own size, unless a test says */
static size_t status_cap = IL_HTTP_STATUS_TEXT_MAX;

/* The parser's body sink: the test bodies all fit BODY_CAP. */
static void collect(void *ctx, const uint8_t *p, size_t n)
{
    outcome_t *out = ctx;
    CHECK(n > 0 && n <= BODY_CAP - out->r.body_len);
    if (n <= BODY_CAP - out->r.body_len) memcpy(out->body + out->r.body_len, p, n);
}

static void outcome_init(outcome_t *out)
{
    il_http_response_init(&out->r, out->status_text, status_cap, collect, out);
}

static outcome_t reference, trial;
static uint8_t input[32768];
static char big_body[6001];   /* 6000 bytes: chunk size "1770" */

/* Parse in[0..len): a first part of `first` bytes, then parts of `step`
 * bytes; then report EOF if the answer is still open and eof is set. */
static void parse_parts(const uint8_t *in, size_t len, size_t first, size_t step, bool eof, outcome_t *out)
{
    size_t off = 0, part = first;
    il_status_t st = IL_NEED_MORE;

    outcome_init(out);
    do {
        size_t n = part < len - off ? part : len - off, used = 0;
        st = il_http_response_feed(&out->r, in + off, n, &used);
        if (st != IL_NEED_MORE) {
            off += used;
            break;
        }
        CHECK_EQ_INT(used, n);
        off += n;
        part = step;
    } while (off < len);
    if (st == IL_NEED_MORE && eof)
        st = il_http_response_eof(&out->r);
    out->status = st;
    out->consumed = st == IL_OK ? off : 0;
}

static bool same_outcome(const outcome_t *a, const outcome_t *b)
{
    if (a->status != b->status || a->consumed != b->consumed)
        return false;
    if (a->status != IL_OK)
        return true;   /* the other fields are only valid after IL_OK */
    return a->r.status == b->r.status && strcmp(a->r.status_text, b->r.status_text) == 0 &&
           strcmp(a->r.content_type, b->r.content_type) == 0 &&
           strcmp(a->r.location, b->r.location) == 0 && a->r.keep_alive == b->r.keep_alive &&
           a->r.body_len == b->r.body_len && memcmp(a->body, b->body, a->r.body_len) == 0;
}

/* Parse whole into `reference`, then check every split and byte-at-a-time
 * give the same outcome. */
static void parse_all_ways(const uint8_t *in, size_t len, bool eof)
{
    size_t k;
    parse_parts(in, len, len, len, eof, &reference);
    for (k = 0; k <= len; k++) {
        parse_parts(in, len, k, len, eof, &trial);
        if (!same_outcome(&reference, &trial)) {
            printf("# split at %zu: %d vs %d whole\n", k, (int)trial.status, (int)reference.status);
            CHECK(same_outcome(&reference, &trial));
            return;
        }
    }
    parse_parts(in, len, 1, 1, eof, &trial);
    CHECK(same_outcome(&reference, &trial));
}

/* ---- answers that parse ---- */

enum framing { RAW, WITH_LENGTH, ONE_CHUNK };

typedef struct {
    const char *name;
    const char *head;         /* RAW: the whole answer; else the headers so far */
    enum framing framing;
    const char *body;         /* the body expected (and sent unless RAW) */
    const char *extra;        /* bytes after the answer, not part of it */
    bool needs_eof;           /* body delimited by the close */
    int status;
    const char *status_text, *content_type, *location;
    bool keep_alive;
} answer_t;

#define INFLUXD_HEADERS "Content-Type: application/json; charset=utf-8\r\n" \
    "X-Influxdb-Build: OSS\r\nX-Influxdb-Version: v2.7.12\r\n"
#define DATE "Date: Sat, 07 Jun 2025 08:09:10 GMT\r\n"
#define JSON_UTF8 "application/json; charset=utf-8"
#define TEN "abcdefghij"

static const answer_t answers[] = {
    { "influxd 200 with Content-Length",
      "HTTP/1.1 200 OK\r\n" INFLUXD_HEADERS DATE, WITH_LENGTH,
      "{\n\t\"id\": \"0a1b2c3d4e5f6071\",\n\t\"token\": \"\",\n\t\"status\": \"inactive\",\n"
      "\t\"description\": \"ci\",\n\t\"orgID\": \"0f2b3c4d5e6f7081\",\n\t\"permissions\": []\n}",
      "HTTP/1.1 200 OK\r\n", false, 200, "200 OK", JSON_UTF8, "", true },
    { "influxd 404 pretty error",
      "HTTP/1.1 404 Not Found\r\n" INFLUXD_HEADERS "X-Platform-Error-Code: not found\r\n" DATE,
      WITH_LENGTH, "{\n\t\"code\": \"not found\",\n\t\"message\": \"authorization not found\"\n}",
      "", false, 404, "404 Not Found", JSON_UTF8, "", true },
    { "influxd 401 compact error",
      "HTTP/1.1 401 Unauthorized\r\n" INFLUXD_HEADERS "X-Platform-Error-Code: unauthorized\r\n" DATE,
      WITH_LENGTH, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}",
      "", false, 401, "401 Unauthorized", JSON_UTF8, "", true },
    { "influxd 6 KB answer in one chunk",
      "HTTP/1.1 200 OK\r\n" INFLUXD_HEADERS DATE "Transfer-Encoding: chunked\r\n", ONE_CHUNK,
      big_body, "", false, 200, "200 OK", JSON_UTF8, "", true },
    { "many small chunks, extensions, trailers",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Type: application/json\r\n\r\n"
      "4;name=value\r\n{\"a\"\r\n1 ; ext\r\n:\r\nA;x=\"quoted;\"\r\n\"0123456\"}\r\n"
      "000\r\nX-Trailer: yes\r\nExpires: 0\r\n\r\n",
      RAW, "{\"a\":\"0123456\"}", "HTTP/1.1", false, 200, "200 OK", "application/json", "", true },
    { "Go plain-text 400, close-delimited",
      "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Connection: close\r\n\r\n400 Bad Request",
      RAW, "400 Bad Request", "", true, 400, "400 Bad Request", "text/plain; charset=utf-8", "", false },
    { "Go 431, close-delimited, no Content-Type",
      "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"
      "431 Request Header Fields Too Large",
      RAW, "431 Request Header Fields Too Large", "", true, 431,
      "431 Request Header Fields Too Large", "", "", false },
    { "1xx answers skipped, then 200",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n"
      "Content-Type: text/html\r\nLocation: /early\r\nContent-Length: 9\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
      RAW, "{}", "", false, 200, "200 OK", "", "", true },
    { "204 No Content",
      "HTTP/1.1 204 No Content\r\n" DATE "\r\n", RAW, "", "HTTP/1.1 200 OK\r\n", false,
      204, "204 No Content", "", "", true },
    { "304 with a Content-Length but no body",
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n", RAW, "", "xyz", false,
      304, "304 Not Modified", "", "", true },
    { "HTTP/1.0, close-delimited",
      "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"x\":1}",
      RAW, "{\"x\":1}", "", true, 200, "200 OK", "application/json", "", false },
    { "HTTP/1.0 with Connection: keep-alive",
      "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n", WITH_LENGTH, "{}", "", false,
      200, "200 OK", "", "", true },
    { "HTTP/1.0 with Content-Length, no keep-alive",
      "HTTP/1.0 200 OK\r\n", WITH_LENGTH, "{}", "", false, 200, "200 OK", "", "", false },
    { "header names in odd case, Connection token list",
      "HTTP/1.1 307 Temporary Redirect\r\ncOnTeNt-TyPe: application/json\r\nCONTENT-LENGTH: 2\r\n"
      "connection: Keep-Alive ,CLOSE\r\nLOCATION: https://other.example/api\r\n\r\n{}",
      RAW, "{}", "", false, 307, "307 Temporary Redirect", "application/json",
      "https://other.example/api", false },
    { "Connection: upgrade, keep-alive leaves HTTP/1.1 open",
      "HTTP/1.1 200 OK\r\nConnection: upgrade,\t keep-alive\r\nConnection:\r\n", WITH_LENGTH,
      "{}", "", false, 200, "200 OK", "", "", true },
    { "status line without a reason phrase",
      "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", RAW, "", "", false, 200, "200", "", "", true },
    { "empty reason phrase",
      "HTTP/1.1 500 \r\nContent-Length: 0\r\n\r\n", RAW, "", "", false, 500, "500 ", "", "", true },
    { "values trimmed of OWS, duplicate equal Content-Length",
      "HTTP/1.1 200 OK\r\nContent-Type:\t application/json \t\r\nContent-Length: 2\r\n"
      "Content-Length:2\r\nX-Empty:\r\n\r\n{}",
      RAW, "{}", "", false, 200, "200 OK", "application/json", "", true },
    { "long reason and Content-Type cut to fit",
      "HTTP/1.1 200 " TEN TEN TEN TEN TEN TEN TEN "\r\nContent-Type: application/" TEN TEN TEN
      TEN TEN TEN TEN TEN TEN TEN "\r\n",
      WITH_LENGTH, "{}", "", false, 200, "200 " TEN TEN TEN TEN TEN "abcdefghi",
      "application/" TEN TEN TEN TEN TEN TEN TEN TEN "abc", "", true },
    { "Content-Length: 0 with leading zeros",
      "HTTP/1.1 200 OK\r\nContent-Length: 0000\r\n\r\n", RAW, "", "", false,
      200, "200 OK", "", "", true },
};

/* Build the bytes of an answer into input[]; returns the length. */
static size_t build_answer(const answer_t *a, size_t *answer_len)
{
    size_t n = strlen(a->head), body_len = strlen(a->body);
    char line[64];
    memcpy(input, a->head, n);
    if (a->framing == WITH_LENGTH) {
        n += (size_t)snprintf((char *)input + n, sizeof input - n, "Content-Length: %zu\r\n\r\n", body_len);
        memcpy(input + n, a->body, body_len);
        n += body_len;
    } else if (a->framing == ONE_CHUNK) {
        snprintf(line, sizeof line, "\r\n%zx\r\n", body_len);
        memcpy(input + n, line, strlen(line));
        n += strlen(line);
        memcpy(input + n, a->body, body_len);
        n += body_len;
        memcpy(input + n, "\r\n0\r\n\r\n", 7);
        n += 7;
    }
    *answer_len = n;
    memcpy(input + n, a->extra, strlen(a->extra));
    return n + strlen(a->extra);
}

/* expected as the parser keeps it in a field of cap bytes: cut to cap - 1
 * (the fixtures fit the default sizes; the knob builds use smaller ones). */
static const char *kept(const char *expected, size_t cap, char *buf)
{
    size_t n = strlen(expected);
    if (n > cap - 1)
        n = cap - 1;
    memcpy(buf, expected, n);
    buf[n] = '\0';
    return buf;
}

static void test_answers(void)
{
    static char cut[3][256];
    size_t i;
    for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
        const answer_t *a = &answers[i];
        size_t answer_len, len = build_answer(a, &answer_len);
        parse_all_ways(input, len, a->needs_eof);
        CHECK_EQ_INT(reference.status, IL_OK);
        CHECK_EQ_INT(reference.consumed, answer_len);
        CHECK_EQ_INT(reference.r.status, a->status);
        CHECK_EQ_STR(reference.r.status_text,
                     kept(a->status_text, status_cap, cut[0]));
        CHECK_EQ_STR(reference.r.content_type,
                     kept(a->content_type, sizeof reference.r.content_type, cut[1]));
        CHECK_EQ_STR(reference.r.location, kept(a->location, sizeof reference.r.location, cut[2]));
        CHECK_EQ_MEM(reference.body, reference.r.body_len, a->body, strlen(a->body));
        CHECK_EQ_INT(reference.r.keep_alive, a->keep_alive);
        if (check_failed_now) {
            printf("# answer: %s\n", a->name);
            return;
        }
    }
}

/* ---- answers that fail ---- */

typedef struct {
    const char *raw;
    il_status_t want;
    bool eof;          /* report EOF after the bytes */
    int unused;
} bad_t;

#define OK_LINE "HTTP/1.1 200 OK\r\n"
#define CHUNKED OK_LINE "Transfer-Encoding: chunked\r\n\r\n"

static const bad_t status_line_errors[] = {
    { "HTTP/1.1 20 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 2000 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 2x0 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 200OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1  200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 099 Low\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 600 High\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 101 Switching Protocols\r\n\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/2 200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.x 200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "http/1.1 200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "ICY 200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { " HTTP/1.1 200 OK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 200 OK\n\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 200 OK\rX", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 200 O\x01K\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
    { "HTTP/1.1 200 O\x7fK\r\n", IL_ERR_HTTP_STATUS_LINE, false, 0 },
};

static const bad_t header_errors[] = {
    { OK_LINE "Content-Type application/json\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE ": empty name\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Content-Length : 2\r\n\r\n{}", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Content-Length\t: 2\r\n\r\n{}", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X(A): 1\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: 1\r\n continued\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: 1\r\n\tcontinued\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: 1\nContent-Length: 0\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: 1\rContent-Length: 0\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Content-Length: 0\r\n\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: a\x01" "b\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "X-A: a\x7f\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Transfer-Encoding: gzip, chunked\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Transfer-Encoding: identity\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Transfer-Encoding:\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { OK_LINE "Transfer-Encoding: chunked;q=1\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { CHUNKED "0\r\nbad trailer\r\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
    { CHUNKED "0\r\nX-T: 1\n\r\n", IL_ERR_HTTP_HEADER, false, 0 },
};

static const bad_t framing_errors[] = {
    { OK_LINE "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", IL_ERR_HTTP_CL_AND_CHUNKED, false, 0 },
    { OK_LINE "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n", IL_ERR_HTTP_CL_AND_CHUNKED, false, 0 },
    { OK_LINE "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 99999999999999999999999\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 18446744073709551616\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 18446744073709551615\r\n\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { OK_LINE "Content-Length: +2\r\n\r\n{}", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: -1\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 0x10\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 1 2\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length: 2, 2\r\n\r\n{}", IL_ERR_HTTP_LENGTH, false, 0 },
    { OK_LINE "Content-Length:\r\n\r\n", IL_ERR_HTTP_LENGTH, false, 0 },
    { CHUNKED "-2\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "+1\r\na\r\n0\r\n\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "0x10\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED ";ext\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "g\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "1 2\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "10000000000000000\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "fffffffffffffffff\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "ffffffffffffffff\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "1\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "1;a\nb\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "3\r\nabcd\r\n0\r\n\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "3\r\nabc\n0\r\n\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "3\r\nabc\rX", IL_ERR_HTTP_CHUNK, false, 0 },
    { CHUNKED "3\r\nabc0\r\n\r\n", IL_ERR_HTTP_CHUNK, false, 0 },
};

static const bad_t eof_errors[] = {
    { "", IL_ERR_HTTP_EOF, true, 0 },
    { "HTTP/1.1 20", IL_ERR_HTTP_EOF, true, 0 },
    { "HTTP/1.1 200 OK\r", IL_ERR_HTTP_EOF, true, 0 },
    { OK_LINE, IL_ERR_HTTP_EOF, true, 0 },
    { OK_LINE "Content-Le", IL_ERR_HTTP_EOF, true, 0 },
    { OK_LINE "Content-Length: 2\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { OK_LINE "Content-Length: 2\r\n\r\n{", IL_ERR_HTTP_EOF, true, 0 },
    { "HTTP/1.1 100 Continue\r\n\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED, IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "1", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "3\r\nab", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "3\r\nabc", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "3\r\nabc\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "3\r\nabc\r\n0\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "0\r\nX-Trailer: 1\r\n", IL_ERR_HTTP_EOF, true, 0 },
    { CHUNKED "0\r\n\r", IL_ERR_HTTP_EOF, true, 0 },
};

/* Check each failing input, all ways, and that the parser stays failed. */
static void check_bad(const bad_t *cases, size_t n)
{
    size_t i;
    for (i = 0; i < n && !check_failed_now; i++) {
        const bad_t *b = &cases[i];
        size_t len = strlen(b->raw), used = 99;
        memcpy(input, b->raw, len);
        parse_all_ways(input, len, b->eof);
        CHECK_EQ_INT(reference.status, b->want);
        CHECK_EQ_INT(il_http_response_feed(&reference.r, (const uint8_t *)"\r\n", 2, &used), b->want);
        CHECK_EQ_INT(il_http_response_eof(&reference.r), b->want);
        CHECK_EQ_INT(il_http_response_feed(&reference.r, NULL, 0, NULL), b->want);
        if (check_failed_now)
            printf("# input %zu: \"%s\"\n", i, b->raw);
    }
}

static void test_status_line_errors(void)
{
    check_bad(status_line_errors, sizeof status_line_errors / sizeof status_line_errors[0]);
}

static void test_header_errors(void)
{
    check_bad(header_errors, sizeof header_errors / sizeof header_errors[0]);
}

static void test_framing_errors(void)
{
    check_bad(framing_errors, sizeof framing_errors / sizeof framing_errors[0]);
}

static void test_eof_errors(void)
{
    check_bad(eof_errors, sizeof eof_errors / sizeof eof_errors[0]);
}

/* ---- limits, built at run time ---- */

/* A long answer, fed without being held: head, then fill bytes of c, then
 * tail, in pieces of at most step bytes (a piece may end anywhere); then
 * EOF when eof is set and the answer is still open. */
typedef struct {
    const char *head;
    char c;
    size_t fill;
    const char *tail;
    bool eof;
} long_answer_t;

static void feed_long(const long_answer_t *a, size_t step, outcome_t *out)
{
    static uint8_t piece[65536];
    size_t hl = strlen(a->head), tl = strlen(a->tail), total = hl + a->fill + tl, off = 0, used = 0;
    il_status_t st = IL_NEED_MORE;
    outcome_init(out);
    while (st == IL_NEED_MORE && off < total) {
        size_t n = total - off < step ? total - off : step, i;
        if (n > sizeof piece) n = sizeof piece;
        for (i = 0; i < n; i++) {
            size_t at = off + i;
            piece[i] = (uint8_t)(at < hl ? a->head[at] : at < hl + a->fill ? a->c : a->tail[at - hl - a->fill]);
        }
        st = il_http_response_feed(&out->r, piece, n, &used);
        off += used;
    }
    if (st == IL_NEED_MORE && a->eof)
        st = il_http_response_eof(&out->r);
    out->status = st;
    out->consumed = st == IL_OK ? off : 0;
}

/* The outcome of a long answer, the same in pieces of 1, 7, 4096 and 65536
 * bytes (every split point of a long input would take too long; past 1 MB,
 * 4096 and 65536 only). */
static il_status_t parse_long(const long_answer_t *a)
{
    static const size_t steps[] = {4096, 7, 1};
    size_t i, n = a->fill > 1000000 ? 1 : sizeof steps / sizeof steps[0];
    feed_long(a, 65536, &reference);
    for (i = 0; i < n; i++) {
        feed_long(a, steps[i], &trial);
        CHECK(same_outcome(&reference, &trial));
    }
    return reference.status;
}

/* A long fill that still leaves the section room for the rest (the knob
 * builds run this file with a small IL_HTTP_HEADER_SECTION_MAX). */
#define LONG_FILL(x) (IL_HTTP_HEADER_SECTION_MAX > (x) + 1000 ? (size_t)(x) : IL_HTTP_HEADER_SECTION_MAX - 250)

/* Headers the client does not use are skipped whatever their length
 * (reverse proxies' cookies and policies); memory stays the struct's. */
static void test_long_unused_headers_skipped(void)
{
    long_answer_t a = {OK_LINE "Set-Cookie: ", 'b', LONG_FILL(100000),
                       "\r\nX-Long: " TEN TEN "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                       false};
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.body_len, 2);
    CHECK_EQ_STR(reference.r.content_type, "application/json");
    /* a trailer of any length, after a chunked body */
    a.head = CHUNKED "2\r\n{}\r\n0\r\nX-Trailer: ";
    a.tail = "\r\n\r\n";
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.body_len, 2);
    /* still checked: a control byte in a skipped value */
    a.head = OK_LINE "Set-Cookie: ";
    a.tail = "\x01\r\nContent-Length: 0\r\n\r\n";
    CHECK_EQ_INT(parse_long(&a), IL_ERR_HTTP_HEADER);
}

/* A header the parser uses must fit IL_HTTP_LINE_MAX. */
static void test_parsed_header_bounded(void)
{
    long_answer_t a = {OK_LINE "Content-Length: ", '0', IL_HTTP_LINE_MAX - 1, "2\r\n\r\n{}", false};
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.body_len, 2);
    a.fill = IL_HTTP_LINE_MAX;
    CHECK_EQ_INT(parse_long(&a), IL_ERR_HTTP_HEADER_TOO_LONG);
    /* blanks after the value count too (they are held until the line ends) */
    a.head = OK_LINE "Connection: close";
    a.c = ' ';
    a.fill = 3 * IL_HTTP_LINE_MAX;
    a.tail = "\r\nContent-Length: 0\r\n\r\n";
    CHECK_EQ_INT(parse_long(&a), IL_ERR_HTTP_HEADER_TOO_LONG);
}

/* Kept copies are cut, a long status reason too: the answer still parses. */
static void test_long_kept_values_cut(void)
{
    size_t n;
    long_answer_t a = {OK_LINE "Location: /", 'l', LONG_FILL(5000), "\r\nContent-Length: 0\r\n\r\n", false};
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(strlen(reference.r.location), IL_HTTP_LOCATION_MAX - 1);
    CHECK_EQ_INT(reference.r.location[0], '/');
    a.head = "HTTP/1.1 404 ";
    a.c = 'K';
    a.fill = LONG_FILL(3000);
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.status, 404);
    CHECK_EQ_INT(strlen(reference.r.status_text), IL_HTTP_STATUS_TEXT_MAX - 1);
    n = IL_HTTP_STATUS_TEXT_MAX - 1 < 5 ? IL_HTTP_STATUS_TEXT_MAX - 1 : 5;
    CHECK_EQ_INT(memcmp(reference.r.status_text, "404 K", n), 0);
    /* a blank at the cut stays when the value goes on past it */
    a.head = OK_LINE "Content-Type: ";
    a.c = 'x';
    a.fill = IL_HTTP_CONTENT_TYPE_MAX - 2;
    a.tail = "   y  \r\nContent-Length: 0\r\n\r\n";
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(strlen(reference.r.content_type), IL_HTTP_CONTENT_TYPE_MAX - 1);
    a.tail = "      \r\nContent-Length: 0\r\n\r\n";
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(strlen(reference.r.content_type), IL_HTTP_CONTENT_TYPE_MAX - 2);
}

/* A status line's text is kept whole, whatever its length, when its buffer
 * holds it: Go's resp.Status is all of the line after "HTTP/1.x "
 * (net/http response.go ReadResponse), and influx-cli prints it
 * (api/client.go makeApiError). A 1xx's text is forgotten. */
static void test_long_reason_whole(void)
{
    size_t n, fill = LONG_FILL(STATUS_CAP - 100);
    long_answer_t a = {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503  Slow ", 'w', fill,
                       " down \r\nContent-Length: 0\r\n\r\n", false};
    status_cap = STATUS_CAP;
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.status, 503);
    n = strlen(reference.r.status_text);
    CHECK_EQ_INT(n, 10 + fill + 6);
    CHECK_EQ_INT(reference.r.status_len, n);
    CHECK_EQ_INT(memcmp(reference.r.status_text, "503  Slow w", 11), 0);
    CHECK_EQ_STR(reference.r.status_text + n - 7, "w down ");
    a.fill = STATUS_CAP;            /* longer than the buffer: cut to it */
    if (LONG_FILL(a.fill) == a.fill) {
        CHECK_EQ_INT(parse_long(&a), IL_OK);
        CHECK_EQ_INT(strlen(reference.r.status_text), STATUS_CAP - 1);
    }
    status_cap = IL_HTTP_STATUS_TEXT_MAX;
}

/* The header section, status line and every header line together, is
 * bounded by IL_HTTP_HEADER_SECTION_MAX (Go's client: 10 MiB). */
static void test_section_max(void)
{
    static const char head[] = OK_LINE "X: ";
    long_answer_t a = {head, 'q', IL_HTTP_HEADER_SECTION_MAX - (sizeof head - 1) - 4, "\r\n\r\n", true};
    CHECK_EQ_INT(parse_long(&a), IL_OK);
    CHECK_EQ_INT(reference.r.body_len, 0);
    a.fill++;
    CHECK_EQ_INT(parse_long(&a), IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);
}

/* Endless 1xx answers share one section budget. */
static void test_many_1xx(void)
{
    static char conts[26 * 64 + 1];
    static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
    size_t i, rounds = IL_HTTP_HEADER_SECTION_MAX / (sizeof cont - 1) + 1;
    outcome_t *out = &reference;
    il_status_t st = IL_NEED_MORE;
    for (i = 0; i < 64; i++) memcpy(conts + i * (sizeof cont - 1), cont, sizeof cont - 1);
    outcome_init(out);
    for (i = 0; i < rounds && st == IL_NEED_MORE; i += 64)
        st = il_http_response_feed(&out->r, (const uint8_t *)conts, 64 * (sizeof cont - 1), NULL);
    CHECK_EQ_INT(st, IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);
}

static void test_chunk_extension_max(void)
{
    static const char head[] = CHUNKED "1;";
    size_t n = sizeof head - 1, ext = IL_HTTP_LINE_MAX - 2;
    memcpy(input, head, n);
    memset(input + n, 'e', ext);
    memcpy(input + n + ext, "\r\nx\r\n0\r\n\r\n", 10);
    parse_all_ways(input, n + ext + 10, false);
    CHECK_EQ_INT(reference.status, IL_OK);
    CHECK_EQ_MEM(reference.body, reference.r.body_len, "x", 1);
    memset(input + n, 'e', ext + 1);
    memcpy(input + n + ext + 1, "\r\nx\r\n0\r\n\r\n", 10);
    parse_all_ways(input, n + ext + 11, false);
    CHECK_EQ_INT(reference.status, IL_ERR_HTTP_CHUNK);
}

/* The body is handed on whatever its framing; nothing limits its size. */
static void test_body_handed_on(void)
{
    static const char *const raw[] = {
        OK_LINE "Content-Length: 16\r\n\r\n0123456789abcdef",
        CHUNKED "a\r\n0123456789\r\n6\r\nabcdef\r\n0\r\n\r\n",
        OK_LINE "\r\n0123456789abcdef",
    };
    size_t i;
    for (i = 0; i < 3; i++) {
        size_t len = strlen(raw[i]);
        memcpy(input, raw[i], len);
        parse_all_ways(input, len, i == 2);
        CHECK_EQ_INT(reference.status, IL_OK);
        CHECK_EQ_MEM(reference.body, reference.r.body_len, "0123456789abcdef", 16);
        CHECK_EQ_INT(reference.r.keep_alive, i != 2);
    }
}

/* No sink: a body is read and dropped, its bytes still counted. */
static void test_no_sink(void)
{
    static const char no_content[] = "HTTP/1.1 204 No Content\r\n\r\n";
    static const char some[] = OK_LINE "Content-Length: 3\r\n\r\nxyz";
    il_http_response_t r;
    size_t used;
    il_http_response_init(&r, NULL, 0, NULL, NULL);
    CHECK_EQ_INT(il_http_response_feed(&r, (const uint8_t *)no_content, sizeof no_content - 1, &used), IL_OK);
    CHECK_EQ_INT(used, sizeof no_content - 1);
    CHECK_EQ_INT(r.body_len, 0);
    il_http_response_init(&r, NULL, 0, NULL, NULL);
    CHECK_EQ_INT(il_http_response_feed(&r, (const uint8_t *)some, sizeof some - 1, &used), IL_OK);
    CHECK_EQ_INT(r.body_len, 3);
}

/* After IL_OK the parser stays done and takes no more bytes. */
static void test_done_is_sticky(void)
{
    static const char raw[] = OK_LINE "Content-Length: 2\r\n\r\n{}HTTP";
    outcome_t *out = &trial;
    size_t used = 99;
    outcome_init(out);
    CHECK_EQ_INT(il_http_response_feed(&out->r, (const uint8_t *)raw, sizeof raw - 1, &used), IL_OK);
    CHECK_EQ_INT(used, sizeof raw - 1 - 4);
    CHECK_EQ_INT(il_http_response_feed(&out->r, (const uint8_t *)"HTTP", 4, &used), IL_OK);
    CHECK_EQ_INT(used, 0);
    CHECK_EQ_INT(il_http_response_eof(&out->r), IL_OK);
    CHECK_EQ_MEM(out->body, out->r.body_len, "{}", 2);
}

/* What a watch_fn saw: "<name>" for every name offered, then "=" and the
 * value and "|" for the ones it asked for. */
typedef struct watch_log {
    char text[512];
    size_t len;
} watch_log_t;

static void watch_put(watch_log_t *w, const char *p, size_t n)
{
    if (w->len + n < sizeof w->text) {
        memcpy(w->text + w->len, p, n);
        w->len += n;
        w->text[w->len] = '\0';
    }
}

static bool watch_record(void *ctx, int event, const char *p, size_t n)
{
    watch_log_t *w = ctx;
    if (event == IL_HTTP_WATCH_NAME) {
        bool want = il_ascii_ieq(p, n, "set-cookie") || il_ascii_ieq(p, n, "trace-id");
        watch_put(w, "<", 1);
        watch_put(w, p, n);
        watch_put(w, want ? ">=" : ">", want ? 2 : 1);
        return want;
    }
    watch_put(w, event == IL_HTTP_WATCH_VALUE ? p : "|", event == IL_HTTP_WATCH_VALUE ? n : 1);
    return false;
}

/* A watched header's value reaches the caller byte by byte, at any split;
 * the parser's own headers and trailers are not offered; headers_done
 * tells a complete header section from a cut one, even when the body then
 * fails. */
static void test_watched_headers(void)
{
    static const char raw[] = "HTTP/1.1 100 Continue\r\nTrace-Id: early\r\n\r\n"
                              OK_LINE "Set-Cookie:  a=b; Path=/api/ \r\nX-Other: z\r\ntrace-id:\r\n"
                              "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "2\r\n{}\r\n0\r\nTrace-Id: late\r\n\r\n";
    static const char want[] = "<Trace-Id>=early|<Set-Cookie>=a=b; Path=/api/ |<X-Other><trace-id>=|";
    size_t split, i;
    for (split = 0; split <= sizeof raw - 1; split++) {
        watch_log_t w = {{0}, 0};
        il_http_response_t r;
        char status[32];
        il_status_t st = IL_NEED_MORE;
        il_http_response_init(&r, status, sizeof status, NULL, NULL);
        r.watch_fn = watch_record;
        r.watch_ctx = &w;
        for (i = 0; i < sizeof raw - 1 && st == IL_NEED_MORE; i++) {
            size_t n = i < split ? 1 : sizeof raw - 1 - i, used;
            st = il_http_response_feed(&r, (const uint8_t *)raw + i, n, &used);
            i += used - 1;
        }
        CHECK_EQ_INT(st, IL_OK);
        CHECK_EQ_STR(w.text, want);
        CHECK(il_http_response_headers_done(&r));
    }
}

static void test_headers_done(void)
{
    static const char cut_body[] = OK_LINE "Content-Length: 10\r\n\r\nabc";
    static const char cut_head[] = OK_LINE "Content-Length: 10\r\nX-";
    il_http_response_t r;
    size_t used;
    il_http_response_init(&r, NULL, 0, NULL, NULL);
    CHECK(!il_http_response_headers_done(&r));
    CHECK_EQ_INT(il_http_response_feed(&r, (const uint8_t *)cut_body, sizeof cut_body - 1, &used), IL_NEED_MORE);
    CHECK_EQ_INT(il_http_response_eof(&r), IL_ERR_HTTP_EOF);
    CHECK(il_http_response_headers_done(&r));
    il_http_response_init(&r, NULL, 0, NULL, NULL);
    CHECK_EQ_INT(il_http_response_feed(&r, (const uint8_t *)cut_head, sizeof cut_head - 1, &used), IL_NEED_MORE);
    CHECK_EQ_INT(il_http_response_eof(&r), IL_ERR_HTTP_EOF);
    CHECK(!il_http_response_headers_done(&r));
    CHECK(!il_http_response_headers_done(NULL));
}

static void test_arguments(void)
{
    il_http_response_t r;
    size_t used;
    il_http_response_init(NULL, NULL, 0, NULL, NULL);
    il_http_response_init(&r, NULL, 0, NULL, NULL);
    CHECK_EQ_INT(il_http_response_feed(NULL, (const uint8_t *)"H", 1, &used), IL_ERR_ARG);
    CHECK_EQ_INT(il_http_response_feed(&r, NULL, 1, &used), IL_ERR_ARG);
    CHECK_EQ_INT(il_http_response_feed(&r, NULL, 0, &used), IL_NEED_MORE);
    CHECK_EQ_INT(il_http_response_eof(NULL), IL_ERR_ARG);
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof big_body - 1; i++)
        big_body[i] = "{\"permissions\": [ ]}\n\t"[i % 22];
    RUN(test_answers);
    RUN(test_status_line_errors);
    RUN(test_header_errors);
    RUN(test_framing_errors);
    RUN(test_eof_errors);
    RUN(test_long_unused_headers_skipped);
    RUN(test_parsed_header_bounded);
    RUN(test_long_kept_values_cut);
    RUN(test_long_reason_whole);
    RUN(test_section_max);
    RUN(test_many_1xx);
    RUN(test_chunk_extension_max);
    RUN(test_body_handed_on);
    RUN(test_no_sink);
    RUN(test_done_is_sticky);
    RUN(test_watched_headers);
    RUN(test_headers_done);
    RUN(test_arguments);
    return check_summary();
}
